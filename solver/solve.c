/*
 * solve.c - the MIP search of MODEL.md "Reported solution": an all-options
 * LP gives a first incumbent (and proves feasibility; solved beside the
 * root relaxation when there are threads), GLPK's branch-and-cut
 * searches from it (a long search goes on as subtrees side by side, on
 * --threads threads, with the same result for any number), then ON is
 * rounded, fixed, and the LP in the other variables is the reported plan.
 */
#include <glpk.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sgplan/common.h"
#include "sgplan/cuts.h"
#include "sgplan/diag.h"
#include "sgplan/dist.h"
#include "sgplan/engine.h"
#include "sgplan/heuristic.h"
#include "sgplan/branch.h"
#include "sgplan/fixing.h"
#include "sgplan/lockstep.h"

typedef struct cbinfo {
	const sg_model *md;
	const double *xstart; /* [n+1] a feasible solution, or NULL */
	int given;            /* xstart handed to GLPK */
	double bound;         /* best proven lower bound seen */
	double t0, last;      /* start, last progress line of the tree */
	double end;           /* sg_now() when the search must stop
			       * (INFINITY: no time limit) */
	double phase;         /* last line of what comes before the tree */
	int progress;         /* progress lines on stderr */
	int live;             /* ... kept on one terminal line */
	sg_heur *heur;        /* rounding, the root's dive, RINS */
	double *rel;          /* [ncol+1] relaxation values scratch */
	long nheur;           /* GLP_IHEUR calls so far */
	int rins;             /* RINS at the first heuristic call */
	int rins_done;
	long rins_nodes;      /* its node limit */
	long rins_after;      /* heuristic calls before it */
	double rins_secs;     /* its time limit (0: none, only nodes) */
	double dive_secs;     /* the dive's (0: none) */
	double gap;           /* relative gap to stop at */
	int stopped;          /* stopped by that gap */
	double tol;           /* GLPK prunes nodes within tol of the
			       * incumbent */
	sg_cuts *cuts;        /* site capacity cuts, or NULL */
	double *x;            /* [ncol+1] node LP values scratch */
	double *fix;          /* [4*nopt*T] reduced-cost fixing's scratch, or
			       * NULL: GLPK's fixing only */
	long fixed;           /* ON columns it fixed */
	sg_branch *branch;    /* our pseudocost branching, or NULL (GLPK's) */
	int it0;              /* LP iterations of the tree before the search */
	long nodes;           /* subproblems selected so far (GLP_ISELECT) */
	long budget;          /* stop after this many (0: never) */
	int over;             /* the budget stopped the search */
	struct subtree *sub;  /* searching one subtree of many, or NULL */
} cbinfo;

static void subtree_select(glp_tree *tree, cbinfo *cb);
static void subtree_heur(glp_tree *tree, cbinfo *cb);
static void say(const cbinfo *cb, double *last, int force, const char *fmt,
		...);

/* A search's scratch columns, and what it owns freed at its end (its
 * branching state is shared by the subtrees: their owner frees it). */
static void cb_scratch(cbinfo *cb, int ncol, int fixing)
{
	if (fixing)
		cb->fix = sg_xcalloc(4 * (size_t)cb->md->plan->nopt *
				     cb->md->plan->T, sizeof(double));
	cb->rel = sg_xcalloc((size_t)ncol + 1, sizeof(double));
	cb->x = sg_xcalloc((size_t)ncol + 1, sizeof(double));
}

static void cb_free(cbinfo *cb)
{
	sg_heur_free(cb->heur);
	sg_cuts_free(cb->cuts);
	free(cb->rel);
	free(cb->x);
	free(cb->fix);
}

/* Rounding thresholds: many at the root, two deeper in the tree. */
static const double root_th[] = { 0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75,
				  0.9, 0.99 };
static const double node_th[] = { 0.3, 0.6 };

/* Nodes of the RINS sub-MIP: about 5 s on 50x8x40, where it used to stop
 * at a 10 s time limit; 20x8x24 needs 30. */
enum { RINS_NODES = 500 };

/* RINS at the root, from the best plan known so far (GLPK's incumbent,
 * which the rounding or the dive just offered). */
static void rins(glp_tree *tree, cbinfo *cb, double cut)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int n = glp_get_num_cols(lp);
	if ((!isfinite(cut) && !cb->xstart) || sg_now() >= cb->end)
		return;
	double *inc = sg_xcalloc((size_t)n + 1, sizeof(double)), obj;
	int have = sg_mip_has_plan(lp);
	for (int j = 1; j <= n; j++)
		inc[j] = have ? glp_mip_col_val(lp, j) : cb->xstart[j];
	say(cb, &cb->phase, 1, "improving the first plan (RINS sub-MIP), "
	    "incumbent %.10g", have ? glp_mip_obj_val(lp) : cut);
	const double *x = sg_heur_rins(cb->heur, cb->rel, inc, cb->rins_nodes,
				       cb->rins_secs, cut, &obj);
	if (x)
		glp_ios_heur_sol(tree, x);
	free(inc);
}

/* Round the current node's relaxation; a better plan becomes GLPK's
 * incumbent.  Deeper in the tree it runs every 16th node and only while its
 * LPs have taken under 0.3 of the tree's simplex iterations (about a tenth
 * of the time, as its LPs iterate faster; a count, not seconds, so that
 * the search is the same on any machine and with any number of threads).
 * RINS follows at the first call. */
static void heuristic(glp_tree *tree, cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	long k = cb->nheur++;
	int root = k == 0,
	    rins_now = cb->rins && !cb->rins_done && k >= cb->rins_after;
	if (!root && !rins_now && (k % 16 != 0 ||
		      sg_heur_iterations(cb->heur) >
		      0.3 * (glp_get_it_cnt(lp) - cb->it0)))
		return;
	if (sg_now() >= cb->end)
		return; /* a time limit: the tree stops next */
	const sg_model *md = cb->md;
	for (int i = 0; i < md->plan->nopt * md->plan->T; i++)
		cb->rel[md->m.ON + i] = glp_get_col_prim(lp, md->m.ON + i);
	double cut = sg_mip_has_plan(lp) ? glp_mip_obj_val(lp) : INFINITY,
	       obj;
	const double *x = root ?
		sg_heur_round(cb->heur, cb->rel, root_th, 9, cut, &obj) :
		sg_heur_round(cb->heur, cb->rel, node_th, 2, cut, &obj);
	/* GLPK keeps a plan only if it beats its incumbent by its own
	 * count: the cutoff is what it kept */
	if (x && glp_ios_heur_sol(tree, x) == 0)
		cut = glp_mip_obj_val(lp);
	/* the dive at the first search's root, before RINS starts from the
	 * best plan so far */
	if (root && !cb->sub) {
		say(cb, &cb->phase, 1, "diving from the LP relaxation, "
		    "incumbent %.10g", cut);
		double end = cb->dive_secs > 0 ? sg_now() + cb->dive_secs
					       : INFINITY;
		x = sg_heur_dive(cb->heur, lp, cut, end, &obj);
		if (x && glp_ios_heur_sol(tree, x) == 0)
			cut = glp_mip_obj_val(lp);
	}
	if (rins_now) {
		cb->rins_done = 1;
		rins(tree, cb, cut);
	}
}

/* A progress line on stderr, when cb->progress: ending in "N s" since the
 * solve began; at most every half second on a terminal, where it stays
 * on one line (live), else every 5 s, one line each (also with --verbose
 * on a terminal, where GLPK's log comes between); force: now.  *last is
 * when the lines of its kind last went out. */
static int due(const cbinfo *cb, const double *last, int force)
{
	return cb->progress &&
	       (force || sg_now() - *last >= (cb->live ? 0.5 : 5));
}

static void say(const cbinfo *cb, double *last, int force, const char *fmt,
		...)
{
	if (!due(cb, last, force))
		return;
	double now = sg_now();
	*last = now;
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%ssgplan: %s, %.1f s%s", cb->live ? "\r\033[K" : "",
		msg, now - cb->t0, cb->live ? "" : "\n");
}

static void progress_line(glp_tree *tree, cbinfo *cb)
{
	if (!due(cb, &cb->last, 0))
		return; /* the gap and tree size walk the open nodes */
	glp_prob *lp = glp_ios_get_prob(tree);
	int a;
	glp_ios_tree_size(tree, &a, NULL, NULL);
	if (sg_mip_has_plan(lp))
		say(cb, &cb->last, 0, "searching: incumbent %.10g, bound "
		    "%.10g, gap %.3g%%, %d open nodes", glp_mip_obj_val(lp),
		    cb->bound, 100 * glp_ios_mip_gap(tree), a);
	else
		say(cb, &cb->last, 0, "searching: bound %.10g", cb->bound);
}

/* MODEL.md's gap test, (incumbent - bound)/max(1, |incumbent|) <= gap,
 * made here with the bound we report, rather than GLPK's own test (which
 * divides by |incumbent| and whose bound we cannot read afterwards). */
static void stop_at_gap(glp_tree *tree, cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	if (!sg_mip_has_plan(lp))
		return;
	double inc = glp_mip_obj_val(lp);
	if ((inc - cb->bound) / fmax(1, fabs(inc)) <= cb->gap) {
		cb->stopped = 1;
		glp_ios_terminate(tree);
	}
}

/* GLPK drops a node whose bound is within tol*(1+|inc|) of the incumbent
 * inc (tol_obj): what it drops can hold no plan below this. */
static double pruned_below(double inc, double tol)
{
	return inc - tol * (1 + fabs(inc));
}

/* The bound a search proves when it ends with incumbent inc and bound b:
 * searched to the end (complete), only the pruning within tol is left
 * unproven; stopped early, b. */
static double ended_bound(int complete, double inc, double b, double tol)
{
	return complete ? fmin(inc, fmax(b, pruned_below(inc, tol)))
			: fmin(b, inc);
}

/* Least cost a plan yet to be found can have, given how GLPK prunes: a
 * node whose bound is within tol*(1+|incumbent|) of the incumbent is
 * dropped (GLPK's tol_obj), so the pruned part of the tree is bounded by
 * that much below the incumbent, and the rest by the best open node.
 * GLPK reports -DBL_MAX for nodes not yet bounded. */
static double tree_bound(glp_tree *tree, const cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int p = glp_ios_best_node(tree);
	double b = p ? glp_ios_node_bound(tree, p) : INFINITY;
	if (sg_mip_has_plan(lp))
		b = fmin(b, pruned_below(glp_mip_obj_val(lp), cb->tol));
	return b;
}

/* A site capacity cut into lp: row val (len entries) <= rhs.  Rows added
 * after glp_scale_prob keep a scale factor of 1, so a cut whose largest
 * entry in the scaled columns, |val * sjj|, lies beyond 2^10 or below
 * 2^-10 is multiplied by the power of two that brings it into [0.5, 1):
 * the same inequality, exactly.  (2026-12-07: with power in units 1e9
 * times the example's, entries of 1e8 left GLPK's basis singular and the
 * search stopped; on the plans of bench/ the largest lie in 0.08-0.86,
 * so their cuts and searches are as they were.)  Writes the row to out
 * and returns its rhs. */
static double scaled_cut(glp_prob *lp, int len, const int *ind,
			 const double *val, double rhs, double *out)
{
	double m = 0;
	for (int k = 1; k <= len; k++)
		m = fmax(m, fabs(val[k] * glp_get_sjj(lp, ind[k])));
	int e = 0;
	if (m > 0x1p10 || (m > 0 && m < 0x1p-10))
		frexp(m, &e);
	for (int k = 1; k <= len; k++)
		out[k] = ldexp(val[k], -e);
	return ldexp(rhs, -e);
}

static void add_tree_row(void *ctx, int len, const int *ind,
			 const double *val, double rhs)
{
	double *v = sg_xcalloc((size_t)len + 1, sizeof *v);
	rhs = scaled_cut(glp_ios_get_prob(ctx), len, ind, val, rhs, v);
	glp_ios_add_row(ctx, NULL, 0, 0, len, ind, v, GLP_UP, rhs);
	free(v);
}

/* Site capacity cuts at a node: globally valid, so GLPK may keep them for
 * the node's subtree. */
static void tree_cuts(glp_tree *tree, cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int n = glp_get_num_cols(lp);
	for (int j = 1; j <= n; j++)
		cb->x[j] = glp_get_col_prim(lp, j);
	sg_cuts_separate(cb->cuts, cb->x, add_tree_row, tree);
}

/* Reduced-cost fixing (fixing.h) at the node, against the cutoff below
 * which GLPK keeps a node (pruned_below): every plan of the node with a
 * fixed ON flipped lies in what the pruning leaves unproven, which the
 * reported bound accounts for.  As with GLPK's own fixing just before,
 * the basic solution stays optimal and the node's children inherit the
 * bounds. */
static void fix_at_cutoff(glp_tree *tree, cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	if (cb->fix && sg_mip_has_plan(lp))
		cb->fixed += sg_fix_at_cutoff(cb->md, lp,
					      pruned_below(glp_mip_obj_val(lp),
							   cb->tol), cb->fix);
}

static void callback(glp_tree *tree, void *info)
{
	cbinfo *cb = info;
	int reason = glp_ios_reason(tree);
	if ((reason == GLP_ICUTGEN || reason == GLP_IBRANCH) &&
	    sg_now() >= cb->end) {
		/* out of time: GLPK would stop before its next node, after
		 * our cuts and the trial LPs of a branching choice (122 of
		 * them, 4 s past a 60 s limit at the root of 50x8x40 seed
		 * 15); the bound proven so far stands */
		glp_ios_terminate(tree);
		return;
	}
	switch (reason) {
	case GLP_ICUTGEN:
		if (cb->cuts)
			tree_cuts(tree, cb);
		break;
	case GLP_IBRANCH:
		if (cb->branch)
			sg_branch_choose(cb->branch, tree, cb->end);
		break;
	case GLP_IHEUR:
		if (cb->xstart && !cb->given) {
			glp_ios_heur_sol(tree, cb->xstart);
			cb->given = 1;
		}
		if (cb->sub)
			subtree_heur(tree, cb);
		if (cb->heur)
			heuristic(tree, cb);
		fix_at_cutoff(tree, cb);
		break;
	case GLP_ISELECT:
	case GLP_IBINGO:
	case GLP_IPREPRO:
		cb->bound = fmax(cb->bound, tree_bound(tree, cb));
		if (cb->sub) {
			/* the meetings decide for the whole search */
			if (glp_ios_reason(tree) == GLP_ISELECT)
				subtree_select(tree, cb);
			break;
		}
		progress_line(tree, cb);
		stop_at_gap(tree, cb);
		if (glp_ios_reason(tree) == GLP_ISELECT && cb->budget &&
		    ++cb->nodes > cb->budget) {
			cb->over = 1;
			glp_ios_terminate(tree);
		}
		break;
	default:
		break;
	}
}

/* The all-options plan: every ON = 1 from the first quarter it may be
 * online.  It has the most capacity any plan can have, so the model is
 * feasible iff this LP is (U and SE absorb every shortage). */
static double *all_on(const sg_model *md)
{
	const sg_plan *P = md->plan;
	double *on = sg_xcalloc((size_t)P->nopt * P->T + 1, sizeof(double));
	for (int k = 0; k < P->nopt; k++)
		for (int t = md->on_first[k]; t <= P->T; t++)
			on[k * P->T + t - 1] = 1;
	return on;
}

/* Solve the LP of tmp (a copy of a model's LP, deleted here) with ON fixed
 * at on: its column values (caller frees) with *obj and its optimal basis
 * in *basis (caller frees), or NULL when infeasible. */
static double *fixed_solve(sg_model *tmp, const double *on, double *obj,
			   sg_basis *basis)
{
	sg_model_fix_on(tmp, on);
	double *x = sg_xcalloc((size_t)glp_get_num_cols(tmp->lp) + 1,
			       sizeof(double));
	if (sg_lp_plan(tmp->lp, x, obj) == 0) {
		sg_basis_get(tmp->lp, basis);
	} else {
		*basis = (sg_basis){ 0 };
		free(x);
		x = NULL;
	}
	glp_delete_prob(tmp->lp);
	return x;
}

/* At site s in quarter t, short of the capacities short[kind] (enum
 * sg_target_kind): an error for each option of a short capacity that
 * only what it requires keeps offline there.  Returns how many. */
static int name_blockers(const sg_model *md, int s, int t, const int *short_,
			 struct sg_diag *dg)
{
	const sg_plan *P = md->plan;
	char q[8];
	sg_plan_quarter_label(P, t, q);
	int named = 0;
	for (int k = 0; k < P->nopt; k++) {
		const sg_option *o = &P->opt[k];
		int j = o->requires;
		if (o->target != s || j < 0 || !short_[o->kind] ||
		    sg_option_first(o) > t || md->on_first[k] <= t)
			continue;
		named++;
		char qj[40] = "never inside the horizon";
		if (md->on_first[j] <= P->T) {
			strcpy(qj, "not before ");
			sg_plan_quarter_label(P, md->on_first[j], qj + 11);
		}
		sg_diag_error(dg, (sg_loc){ 0 }, "no feasible plan: site '%s' "
			      "in %s: initial racks need option '%s', which "
			      "requires '%s', online %s", P->site[s].name, q,
			      o->name, P->opt[j].name, qj);
	}
	return named;
}

/* MODEL.md "Data that makes the model infeasible", what is left after the
 * loader's check: requires chains that keep an option offline that the
 * initial racks need.  Names the site, quarter and options. */
static void explain_infeasible(const sg_model *md, struct sg_diag *dg)
{
	const sg_plan *P = md->plan;
	for (int s = 0; s < P->nsite; s++) {
		double L0 = 0;
		for (int a = 0; a < P->nplat; a++)
			L0 += P->plat[a].kw_per_rack / 1000 *
			      P->site[s].initial_racks[a];
		for (int t = 1; t <= P->T; t++) {
			/* IT space and grid with every option that can be
			 * online at t (fab options add neither) */
			double cap[3] = { [SG_TARGET_SITE] =
						  P->site[s].initial_it_mw,
					  [SG_TARGET_GRID] =
						  P->site[s].grid_mw[t - 1] };
			for (int k = 0; k < P->nopt; k++)
				if (P->opt[k].target == s &&
				    md->on_first[k] <= t)
					cap[P->opt[k].kind] +=
						P->opt[k].capacity;
			int short_[3] = {
				[SG_TARGET_SITE] = L0 > cap[SG_TARGET_SITE] *
						       (1 + 1e-12),
				[SG_TARGET_GRID] = P->site[s].pue * L0 >
						   cap[SG_TARGET_GRID] *
						   (1 + 1e-12) };
			if ((short_[SG_TARGET_SITE] ||
			     short_[SG_TARGET_GRID]) &&
			    name_blockers(md, s, t, short_, dg))
				return;
		}
	}
	sg_diag_error(dg, (sg_loc){ 0 }, "no feasible plan: the model is "
		      "infeasible even with every option online as early as "
		      "it may be");
}

/* Number of ON columns the search may still set. */
static int free_on(const sg_model *md)
{
	int n = 0;
	for (int k = 0; k < md->plan->nopt; k++)
		n += md->on_forced[k] - md->on_first[k];
	return n;
}

static void add_lp_row(void *ctx, int len, const int *ind,
		       const double *val, double rhs)
{
	glp_prob *lp = ctx;
	double *v = sg_xcalloc((size_t)len + 1, sizeof *v);
	rhs = scaled_cut(lp, len, ind, val, rhs, v);
	int i = glp_add_rows(lp, 1);
	glp_set_mat_row(lp, i, len, ind, v);
	glp_set_row_bnds(lp, i, GLP_UP, 0, rhs);
	free(v);
}

/* Delete rows from+1.. of lp (the cuts added to the search LP). */
static void drop_rows(glp_prob *lp, int from)
{
	int m = glp_get_num_rows(lp), n = m - from;
	if (n <= 0)
		return;
	int *num = sg_xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 1; i <= n; i++)
		num[i] = from + i;
	glp_del_rows(lp, n, num);
	free(num);
}

/* Site capacity cuts at the root (cuts.h, cb->cuts; cb->x as scratch):
 * separate, add as rows of the search LP, re-solve with the dual simplex,
 * until none is violated, the bound stalls for three passes or the
 * deadline passes; cb->bound is the bound of the last pass solved.
 * Returns 0 with the LP optimal, else nonzero (the caller drops the cuts):
 * numerical trouble, or the search's time ran out during a re-solve. */
static int root_cuts(glp_prob *lp, double deadline, int verbose,
		     cbinfo *cb)
{
	double *x = cb->x;
	int n = glp_get_num_cols(lp), m = glp_get_num_rows(lp), stall = 0,
	    pass;
	double last = glp_get_obj_val(lp), lp0 = last, t0 = sg_now();
	for (pass = 0; pass < 200 && stall < 3 && sg_now() < deadline;
	     pass++) {
		for (int j = 1; j <= n; j++)
			x[j] = glp_get_col_prim(lp, j);
		if (!sg_cuts_separate(cb->cuts, x, add_lp_row, lp))
			break;
		if (sg_lp_resolve(lp, cb->end) != 0)
			return -1;
		double obj = glp_get_obj_val(lp);
		cb->bound = obj;
		stall = obj - last <= 1e-6 * fmax(1, fabs(obj)) ? stall + 1 : 0;
		last = obj;
		say(cb, &cb->phase, 0, "site capacity cuts: pass %d, root "
		    "bound %.10g", pass + 1, obj);
	}
	if (verbose)
		fprintf(stderr, "sgplan: site capacity cuts: %d in %d passes, "
			"%.3f s, root bound %.10g -> %.10g\n",
			glp_get_num_rows(lp) - m, pass, sg_now() - t0, lp0,
			last);
	return 0;
}

/* The root LP from an advanced basis, stopped at sg_now() = end. */
static int root_lp(glp_prob *lp, double end)
{
	glp_adv_basis(lp, 0);
	return sg_lp_resolve(lp, end) == 0 ? 0 : SG_EINTERNAL;
}

/* GLPK prunes a node whose bound is within tol*(1+|incumbent|) of the
 * incumbent (tol_obj), and what that leaves unproven must stay within
 * MODEL.md's gap*max(1,|incumbent|).  Every plan costs at least the root
 * bound z; when z >= 1, (1+inc)/inc <= (1+z)/z for every incumbent, so
 * tol = g z/(1+z) leaves at most g, where g keeps 1e-9 (relative) for the
 * rounding of the final LP re-solve, whose cost is the one reported:
 * 0.9 gap at the default 1e-4, 0.45 gap at 1e-9.  Otherwise (1+|inc|) may
 * reach twice max(1,|inc|): 0.45 gap.  GLPK takes tol_obj below 1 only
 * (a gap of 1.12 aborted it): over 0.5, 0.5, which prunes less. */
static double prune_tol(double gap, double z)
{
	double g = fmax(0.45 * gap, 0.9 * gap - 1e-9);
	return fmin(0.5, z >= 1 ? g * z / (1 + z) : 0.45 * gap);
}

/* GLPK's search parameters, the same for the first search and for each
 * subtree. */
static void tree_params(glp_iocp *io, const sg_solve_opts *o, cbinfo *cb)
{
	glp_init_iocp(io);
	io->msg_lev = o->verbose && !cb->sub ? GLP_MSG_ON : GLP_MSG_OFF;
	io->mip_gap = 0; /* the callback stops at MODEL.md's gap */
	io->tm_lim = sg_ms_until(cb->end);
	io->cb_func = callback;
	io->cb_info = cb;
	if (cb->branch)
		io->cb_size = (int)sg_branch_node_size();
	/* GLPK's Gomory cuts on top of the site capacity cuts; its MIR,
	 * cover and clique cuts cost more node time than they gain
	 * (bench/strategy) */
	int cuts = o->cuts ? o->cuts : SG_CUT_GMI;
	io->gmi_cuts = cuts & SG_CUT_GMI ? GLP_ON : GLP_OFF;
	io->mir_cuts = cuts & SG_CUT_MIR ? GLP_ON : GLP_OFF;
	io->cov_cuts = cuts & SG_CUT_COV ? GLP_ON : GLP_OFF;
	io->clq_cuts = cuts & SG_CUT_CLQ ? GLP_ON : GLP_OFF;
	io->fp_heur = GLP_OFF;
	/* best local bound: the heuristics find the plans, the tree's job is
	 * the bound; pseudocost branching proves 50x8x40 in 27 s where
	 * Driebeck-Tomlin leaves 1.1e-4 after 60 s, and pseudocosts shared by
	 * an option's quarters (branch.h, chosen in the callback) spare the
	 * trials that took half of GLPK's own pseudocost search
	 * (bench/strategy) */
	io->bt_tech = GLP_BT_BLB;
	io->br_tech = o->branch == SG_BRANCH_DTH ? GLP_BR_DTH : GLP_BR_PCH;
	/* prune nodes that cannot beat the incumbent by the gap */
	io->tol_obj = cb->tol;
}

/*
 * Subtrees searched side by side.  A search that has not ended after
 * SPLIT_AFTER nodes starts again as SUBTREES searches of disjoint subtrees
 * that cover what is left: the root LP is split by the branching rule,
 * always at the leaf of least bound, dropping leaves that cannot beat the
 * incumbent.  Each subtree is a GLPK search of its own, on a thread of its
 * own; every ROUND nodes they meet (lockstep.h), adopt the best plan any
 * of them has found, pool their pseudocosts and check the gap.  Which
 * subtrees run at the same time never changes what they find: with one
 * thread or many, the plan and the bound are the same.
 */
/* 50 nodes, not 200 (2026-12-06): the split puts the second core to work
 * sooner; side by side at 60 s on 2 cores it proves 50x8x40 seed 16 in
 * 46 s (was 0.0103 % left), seeds 17 and 18 leave 0.020 % and 0.033 %
 * (0.043 %, 0.057 %); 50x8x40 seed 42 takes 35 s (24.8 s last
 * session), 20x8x24 seed 42 leaves 0.11 % (0.054 %); plans whose first
 * tree ends sooner are as before (README). */
enum { SPLIT_AFTER = 50, SUBTREES = 8, ROUND = 8 };

typedef struct leaf {
	int n;          /* ON columns fixed */
	int *j;         /* [n] their indices */
	double *v;      /* [n] their values */
	double z;       /* LP bound */
	glp_prob *lp;   /* its solved LP while splitting; NULL: not to split */
} leaf;

typedef struct subtree {
	struct split *sp;
	const leaf *lf;
	sg_lockstep *ls;
	sg_branch *branch; /* its pseudocosts, or NULL (GLPK's branching) */
	double obj;        /* the best plan it has published (INFINITY) */
	double *x;         /* [ncol+1] that plan's columns */
	double bound;      /* proven lower bound in the subtree */
	int open;          /* its open nodes at the last meeting */
	long nodes;        /* subproblems it has selected */
	long fixed;        /* ON columns its reduced-cost fixing fixed */
	int dropped;       /* rows its bounds imply, left out of its LP */
	const double *inject; /* a better plan from a meeting, to hand GLPK */
} subtree;

typedef struct split {
	sg_model *md;
	const sg_solve_opts *o;
	const cbinfo *first; /* the first search: its tolerances and parts */
	int ncol;
	int n;               /* subtrees */
	leaf *lf;            /* [n] */
	subtree *sub;        /* [n] */
	sg_branch **br;      /* [n] their pseudocosts, or NULL */
	double floor;        /* the first search's bound: valid for all */
	double pruned;       /* least LP bound of the leaves left out */
	double obj;          /* the incumbent */
	double *x;           /* [ncol+1] its columns */
	double *x0;          /* [ncol+1] the incumbent the subtrees start
			      * from */
	double obj0;         /* its cost */
	int stopped;         /* a meeting found the gap closed */
	long meetings;
	double last;         /* last progress line */
} split;

static void adopt(split *sp, double obj, const double *x)
{
	if (obj < sp->obj) {
		sp->obj = obj;
		memcpy(sp->x, x, ((size_t)sp->ncol + 1) * sizeof(double));
	}
}

/* The best plan the subtrees have published, first in index order. */
static void adopt_all(split *sp)
{
	for (int i = 0; i < sp->n; i++)
		adopt(sp, sp->sub[i].obj, sp->sub[i].x);
}

/* The bound of the whole search: every subtree's, the leaves left out,
 * and the first search's, which covers everything. */
static double whole_bound(const split *sp)
{
	double b = sp->pruned;
	for (int i = 0; i < sp->n; i++)
		b = fmin(b, sp->sub[i].bound);
	return fmin(sp->obj, fmax(b, sp->floor));
}

static void split_progress(split *sp, double bound)
{
	int open = 0;
	for (int i = 0; i < sp->n; i++)
		open += sp->sub[i].open;
	say(sp->first, &sp->last, 0, "searching: incumbent %.10g, bound "
	    "%.10g, gap %.3g%%, %d open nodes in %d subtrees", sp->obj, bound,
	    100 * (sp->obj - bound) / fmax(1, fabs(sp->obj)), open, sp->n);
}

/* A meeting: every subtree is parked (lockstep.h). */
static int meet(void *ctx)
{
	split *sp = ctx;
	sp->meetings++;
	adopt_all(sp);
	if (sp->br)
		sg_branch_sync(sp->br, sp->n);
	double bound = whole_bound(sp);
	split_progress(sp, bound);
	if ((sp->obj - bound) / fmax(1, fabs(sp->obj)) <= sp->first->gap) {
		sp->stopped = 1;
		return 1;
	}
	return 0;
}

/* The subtree's best plan and bound, for the next meeting. */
static void publish(subtree *st, glp_prob *lp, double bound)
{
	if (sg_mip_has_plan(lp) && glp_mip_obj_val(lp) < st->obj) {
		st->obj = glp_mip_obj_val(lp);
		for (int j = 1; j <= st->sp->ncol; j++)
			st->x[j] = glp_mip_col_val(lp, j);
	}
	st->bound = bound;
}

static void subtree_select(glp_tree *tree, cbinfo *cb)
{
	subtree *st = cb->sub;
	if (++st->nodes % ROUND != 0)
		return;
	publish(st, glp_ios_get_prob(tree), cb->bound);
	glp_ios_tree_size(tree, &st->open, NULL, NULL);
	if (sg_lockstep_meet(st->ls, (int)(st - st->sp->sub))) {
		glp_ios_terminate(tree);
		return;
	}
	if (st->sp->obj < st->obj)
		st->inject = st->sp->x; /* changes only at meetings */
}

static void subtree_heur(glp_tree *tree, cbinfo *cb)
{
	subtree *st = cb->sub;
	if (st->inject)
		glp_ios_heur_sol(tree, st->inject);
	st->inject = NULL;
}

/* One worker (lockstep.h): the search of subtree i, on its own copy of
 * the root LP with the leaf's columns fixed. */
static void subtree_work(void *ctx, sg_lockstep *ls, int i)
{
	split *sp = ctx;
	subtree *st = &sp->sub[i];
	const cbinfo *f = sp->first;
	sg_model view = *sp->md;
	view.lp = glp_create_prob();
	glp_copy_prob(view.lp, sp->md->lp, GLP_OFF);
	for (int k = 0; k < st->lf->n; k++)
		glp_set_col_bnds(view.lp, st->lf->j[k], GLP_FX, st->lf->v[k],
				 st->lf->v[k]);
	cbinfo cb = { .md = &view, .xstart = sp->x0, .bound = st->lf->z,
		      .t0 = f->t0, .end = f->end,
		      .gap = f->gap, .tol = f->tol,
		      .cuts = f->cuts ? sg_cuts_new(&view) : NULL,
		      .branch = st->branch, .sub = st,
		      .nheur = 1, /* the root's rounding is done */
		      .rins = f->rins, .rins_secs = f->rins_secs,
		      /* once a subtree has lasted: on a tree that is
		       * nearly done, 8 sub-MIPs (LPs from scratch) cost
		       * more than the subtrees */
		      .rins_nodes = 16, .rins_after = 64 };
	cb_scratch(&cb, sp->ncol, f->fix != NULL);
	cb.it0 = glp_get_it_cnt(view.lp);
	st->ls = ls;
	glp_iocp io;
	int lp = sg_lp_resolve(view.lp, f->end), rc = -1;
	if (lp == 0) {
		/* what the subtree's root fixes holds in all of it, and so
		 * do the rows its bounds then imply: leave them out of
		 * every LP of the subtree (50x8x40 seed 16: about 11,000
		 * of 28,900 rows, mostly monotony and precedence rows of
		 * fixed ON columns); the LP re-solves at once */
		if (cb.fix && isfinite(sp->obj0))
			cb.fixed += sg_fix_at_cutoff(&view, view.lp,
						     pruned_below(sp->obj0,
								  f->tol),
						     cb.fix);
		st->dropped = sg_lp_drop_implied(view.lp, 0);
		lp = sg_lp_resolve(view.lp, f->end);
	}
	cb.heur = f->heur ? sg_heur_new(&view, f->end) : NULL;
	tree_params(&io, sp->o, &cb); /* the time left after that LP */
	if (lp == 0)
		rc = glp_intopt(view.lp, &io);
	publish(st, view.lp, cb.bound);
	if (lp == 1 || (rc == 0 && glp_mip_status(view.lp) == GLP_NOFEAS))
		st->bound = INFINITY; /* no plan in the subtree */
	else if (rc == 0 && isfinite(st->obj))
		st->bound = ended_bound(1, st->obj, cb.bound, cb.tol);
	st->open = 0;
	st->fixed = cb.fixed;
	cb_free(&cb);
	glp_delete_prob(view.lp);
}

/* Is every ON column of lp's solution integral? */
static int on_integral(const sg_model *md, glp_prob *lp)
{
	int K = md->plan->nopt * md->plan->T;
	for (int i = 0; i < K; i++)
		if (sg_lp_fractional(lp, md->m.ON + i))
			return 0;
	return 1;
}

/* Leaf p with column j fixed at v, its LP solved from p's basis.  Returns
 * 1 when the child is kept, 0 when it was left out (no plan, a bound that
 * cannot beat the incumbent, or a plan of its own, adopted). */
static int child(split *sp, const leaf *p, int j, double v, leaf *c)
{
	*c = (leaf){ p->n + 1, sg_xcalloc((size_t)p->n + 1, sizeof(int)),
		     sg_xcalloc((size_t)p->n + 1, sizeof(double)), p->z,
		     glp_create_prob() };
	if (p->n) {
		memcpy(c->j, p->j, (size_t)p->n * sizeof *c->j);
		memcpy(c->v, p->v, (size_t)p->n * sizeof *c->v);
	}
	c->j[p->n] = j;
	c->v[p->n] = v;
	glp_copy_prob(c->lp, p->lp, GLP_OFF);
	glp_set_col_bnds(c->lp, j, GLP_FX, v, v);
	int rc = sg_lp_resolve(c->lp, sp->first->end), keep = 1;
	if (rc == 1) {
		keep = 0;
	} else if (rc < 0) {
		/* no optimum here: its own search will solve it again */
		glp_delete_prob(c->lp);
		c->lp = NULL;
		return 1;
	} else {
		double cutoff = pruned_below(sp->obj, sp->first->tol);
		c->z = glp_get_obj_val(c->lp);
		if (c->z >= cutoff) {
			sp->pruned = fmin(sp->pruned, c->z);
			keep = 0;
		} else if (on_integral(sp->md, c->lp)) {
			sp->pruned = fmin(sp->pruned, c->z);
			for (int k = 1; k <= sp->ncol; k++) {
				double x = glp_get_col_prim(c->lp, k);
				sp->x0[k] = glp_get_col_kind(c->lp, k) !=
					GLP_CV ? floor(x + 0.5) : x;
			}
			adopt(sp, c->z, sp->x0);
			keep = 0;
		}
	}
	if (!keep) {
		glp_delete_prob(c->lp);
		free(c->j);
		free(c->v);
	}
	return keep;
}

/* Split the root LP (md->lp, solved) into at most SUBTREES leaves. */
static void make_leaves(split *sp, sg_branch *b, int want)
{
	int n = 1, cap = want + 2, splits = 0;
	sp->lf = sg_xcalloc((size_t)cap, sizeof(leaf));
	sp->lf[0] = (leaf){ 0, NULL, NULL, glp_get_obj_val(sp->md->lp),
			    glp_create_prob() };
	glp_copy_prob(sp->lf[0].lp, sp->md->lp, GLP_OFF);
	sg_lp_resolve(sp->lf[0].lp, sp->first->end);
	/* where the split prunes most of what it makes, the subtrees had
	 * better do that work side by side */
	while (n > 0 && n < want && splits++ < 2 * want) {
		int p = -1;
		for (int i = 0; i < n; i++)
			if (sp->lf[i].lp &&
			    (p < 0 || sp->lf[i].z < sp->lf[p].z))
				p = i;
		if (p < 0)
			break;
		leaf parent = sp->lf[p];
		int j = sg_branch_pick(b, parent.lp);
		if (!j) { /* nothing to branch on: keep it whole */
			glp_delete_prob(parent.lp);
			sp->lf[p].lp = NULL;
			continue;
		}
		sp->lf[p] = sp->lf[--n];
		for (int v = 0; v <= 1; v++)
			if (child(sp, &parent, j, v, &sp->lf[n]))
				n++;
		glp_delete_prob(parent.lp);
		free(parent.j);
		free(parent.v);
	}
	for (int i = 0; i < n; i++) {
		if (sp->lf[i].lp)
			glp_delete_prob(sp->lf[i].lp);
		sp->lf[i].lp = NULL;
	}
	sp->n = n;
}

/* The subtrees of split sp, one per leaf, each with its own copy of
 * branching b when the first search shared one. */
static void make_subtrees(split *sp, const sg_branch *b)
{
	sp->sub = sg_xcalloc((size_t)sp->n + 1, sizeof(subtree));
	if (sp->first->branch)
		sp->br = sg_xcalloc((size_t)sp->n + 1, sizeof(sg_branch *));
	for (int i = 0; i < sp->n; i++) {
		subtree *st = &sp->sub[i];
		*st = (subtree){ .sp = sp, .lf = &sp->lf[i], .obj = INFINITY,
				 .x = sg_xcalloc((size_t)sp->ncol + 1,
						 sizeof(double)),
				 .bound = sp->lf[i].z };
		if (sp->br)
			st->branch = sp->br[i] = sg_branch_clone(b);
	}
}

/* --verbose: what the subtrees searched, fixed and left out. */
static void subtree_stats(const split *sp)
{
	long nodes = 0, fixed = 0, dropped = 0;
	for (int i = 0; i < sp->n; i++) {
		nodes += sp->sub[i].nodes;
		fixed += sp->sub[i].fixed;
		dropped += sp->sub[i].dropped;
	}
	fprintf(stderr, "sgplan: subtrees: %ld nodes, %ld meetings%s, %ld ON "
		"columns fixed by reduced cost, %ld rows implied by bounds "
		"left out\n", nodes, sp->meetings, sp->stopped ?
		", gap closed" : "", fixed, dropped);
}

/* Free split sp's subtrees and leaves, and b unless the first search
 * owns it. */
static void split_free(split *sp, sg_branch *b)
{
	for (int i = 0; i < sp->n; i++) {
		free(sp->sub[i].x);
		free(sp->lf[i].j);
		free(sp->lf[i].v);
		sg_branch_free(sp->br ? sp->br[i] : NULL);
	}
	if (b != sp->first->branch)
		sg_branch_free(b);
	free(sp->br);
	free(sp->sub);
	free(sp->lf);
	free(sp->x0);
}

/* Search what the first search left, as subtrees side by side; *inc and x
 * are the incumbent (updated), *bound the proven bound.  Returns 0, or -1
 * when the threads could not be started (*bound unchanged). */
static int search_subtrees(sg_model *md, const sg_solve_opts *o,
			   const cbinfo *first, double *inc, double *x,
			   double *bound)
{
	int ncol = glp_get_num_cols(md->lp);
	split sp = { .md = md, .o = o, .first = first, .ncol = ncol,
		     .floor = first->bound, .pruned = INFINITY, .obj = *inc,
		     .x = x, .x0 = sg_xcalloc((size_t)ncol + 1, sizeof(double)),
		     .last = sg_now() };
	double t0 = sg_now();
	sg_branch *b = first->branch ? first->branch : sg_branch_new(md);
	make_leaves(&sp, b, o->subtrees > 0 ? o->subtrees : SUBTREES);
	memcpy(sp.x0, sp.x, ((size_t)ncol + 1) * sizeof(double));
	sp.obj0 = sp.obj;
	make_subtrees(&sp, b);
	int threads = o->threads > 0 ? o->threads : 1;
	if (o->verbose)
		fprintf(stderr, "sgplan: split after %ld nodes, %.1f s: %d "
			"subtrees in %.3f s, bound %.10g, searched on %d "
			"thread%s\n", first->nodes - 1, t0 - first->t0, sp.n,
			sg_now() - t0, whole_bound(&sp),
			threads, threads == 1 ? "" : "s");
	/* glp_copy_prob reads the source's factorization settings, which
	 * GLPK makes on first read: make them here (pool.c) */
	glp_bfcp bf;
	glp_get_bfcp(md->lp, &bf);
	int rc = sp.n ? sg_lockstep_run(sp.n, threads, subtree_work, meet, &sp)
		      : 0;
	if (rc == 0) {
		adopt_all(&sp);
		*bound = whole_bound(&sp);
	}
	*inc = sp.obj; /* x holds its plan (the split may adopt one) */
	if (o->verbose && rc == 0)
		subtree_stats(&sp);
	split_free(&sp, b);
	return rc;
}

/* One GLPK search of md->lp (its root LP solved) as cb says: the plan it
 * ends with replaces *inc and x[1..ncol]; *bound is what it proves. */
static void run_tree(sg_model *md, const sg_solve_opts *o, cbinfo *cb,
		     double *inc, double *x, double *bound)
{
	glp_iocp io;
	tree_params(&io, o, cb);
	int rc = glp_intopt(md->lp, &io), st = glp_mip_status(md->lp);
	if (cb->live)
		fputs("\r\033[K", stderr);
	if (sg_mip_has_plan(md->lp)) {
		*inc = glp_mip_obj_val(md->lp);
		for (int j = 1; j <= glp_get_num_cols(md->lp); j++)
			x[j] = glp_mip_col_val(md->lp, j);
	}
	*bound = ended_bound(rc == 0 && st == GLP_OPT && !cb->stopped, *inc,
			     cb->bound, cb->tol);
}

/* The two LPs every search starts with: the all-options plan's, on a copy
 * of md->lp (the first incumbent; feasible iff the model is), and the
 * root relaxation, on md->lp itself.  Neither needs the other, so with
 * more than one thread they are solved side by side; either way each
 * ends as it would alone, and the search is the same. */
enum { ROOT_UNSOLVED = -2 };
struct first_lps {
	sg_model *md;
	const double *on;  /* the all-options plan's ON */
	double *x;         /* its column values, or NULL: infeasible */
	double obj;        /* its cost */
	sg_basis basis;    /* its optimal basis */
	int it0;           /* md->lp's simplex iterations before the root */
	int root;          /* root_lp's result, or ROOT_UNSOLVED */
	double secs;       /* what the all-options plan's LP took */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int copied;        /* the side job has its copy of md->lp */
};

/* The search's state before its root: options, heuristics, cuts, fixing
 * and branching as o asks, the heuristics' LPs from the all-options
 * plan's basis (fl). */
static void search_init(cbinfo *cb, sg_model *md, const sg_solve_opts *o,
			const struct first_lps *fl, double t0, double end)
{
	*cb = (cbinfo){ .md = md, .xstart = fl->x, .bound = -INFINITY,
		      .t0 = t0, .end = end, .progress = o->progress,
		      .live = o->progress && !o->verbose && isatty(2),
		      .heur = o->no_heuristic ? NULL : sg_heur_new(md, end),
		      .rins = !o->no_heuristic && !o->no_rins,
		      .rins_nodes = RINS_NODES,
		      /* within the user's time limit; none without one, so
		       * that the search is the same on any machine */
		      .rins_secs = o->time_limit > 0 ? fmin(30, fmax(1,
				   0.25 * o->time_limit)) : 0,
		      .dive_secs = o->time_limit > 0 ? fmax(1, 0.15 *
				   o->time_limit) : 0,
		      .gap = o->mip_gap, .tol = prune_tol(o->mip_gap, 0),
		      .cuts = o->no_capcuts ? NULL : sg_cuts_new(md),
		      .budget = o->split_after < 0 ? 0 :
				o->split_after > 0 ? o->split_after :
				SPLIT_AFTER };
	cb_scratch(cb, glp_get_num_cols(md->lp), !o->no_fixing);
	if (o->branch == SG_BRANCH_SHARED)
		cb->branch = sg_branch_new(md);
	/* the heuristics' LPs start from the all-options plan's basis */
	if (cb->heur)
		sg_heur_set_basis(cb->heur, &fl->basis);
	cb->it0 = fl->it0; /* the root's count, too */
}

/* The root relaxation with its site cuts (md->lp had nrow rows before
 * them), solved beside the all-options plan (fl) or now: the first bound,
 * in cb->bound, and the pruning tolerance it gives.  Returns 1 when
 * md->lp holds that LP solved, for the tree; 0 when time ran out or the
 * LP failed (cb->bound is then what was proven). */
static int search_root(sg_model *md, const sg_solve_opts *o,
		       const struct first_lps *fl, cbinfo *cb, int nrow)
{
	double end = cb->end;
	int lp_ok;
	if (fl->root == ROOT_UNSOLVED) {
		say(cb, &cb->phase, 1, "solving the LP relaxation (%d rows, "
		    "%d columns)", nrow, glp_get_num_cols(md->lp));
		lp_ok = root_lp(md->lp, end) == 0;
	} else {
		lp_ok = fl->root == 0;
		if (lp_ok && sg_now() >= end) {
			/* no time left for the search: what the root proved */
			cb->bound = glp_get_obj_val(md->lp);
			lp_ok = 0;
		}
	}
	if (lp_ok)
		cb->bound = glp_get_obj_val(md->lp);
	/* with a time limit, the cuts get 0.35 of what the root LP left:
	 * the dive needs the root LP with all of them (50x8x40 seed 15: 9
	 * passes, 7 s after a 6.6 s LP; 0.2 of the limit stopped it after
	 * 3, and so did 0.35 of it counted from the start where the LP took
	 * 13 s, leaving a gap of 0.25-0.67 % at 60 s against 0.073 %) */
	double now = sg_now();
	int cuts_failed = lp_ok && cb->cuts &&
		root_cuts(md->lp, o->time_limit > 0 ?
			  now + 0.35 * fmax(0, end - now) : INFINITY,
			  o->verbose, cb) != 0;
	if (cuts_failed) {
		/* numerical trouble or no time left: no cuts, but the bound
		 * of the last pass solved stays proven */
		drop_rows(md->lp, nrow);
		sg_cuts_free(cb->cuts);
		cb->cuts = NULL;
		lp_ok = root_lp(md->lp, end) == 0;
	}
	if (lp_ok) {
		double z = glp_get_obj_val(md->lp);
		/* z itself unless the cuts failed */
		cb->bound = fmax(cb->bound, z);
		cb->tol = prune_tol(o->mip_gap, cb->bound);
	}
	return lp_ok;
}

/* --verbose: the search's heuristic time, branching and fixing counts. */
static void search_stats(const sg_solve_opts *o, const cbinfo *cb)
{
	if (!o->verbose)
		return;
	if (cb->heur)
		fprintf(stderr, "sgplan: heuristic %.3f s of %.3f s search\n",
			sg_heur_seconds(cb->heur), sg_now() - cb->t0);
	if (cb->branch) {
		sg_branch_stats bs = sg_branch_get_stats(cb->branch);
		fprintf(stderr, "sgplan: branching: %ld nodes, %ld trial LPs, "
			"%ld pseudocost updates\n", bs.branched, bs.trials,
			bs.learned);
	}
	if (cb->fix)
		fprintf(stderr, "sgplan: first tree: %ld ON columns fixed by "
			"reduced cost\n", cb->fixed);
}

/* Branch-and-cut from the all-options incumbent; when it has not ended
 * after SPLIT_AFTER nodes, the subtrees it leaves are searched side by
 * side.  The solve began at t0 and the search stops at sg_now() = end
 * (INFINITY: never); the root cuts' share of a time limit counts from the
 * end of the root LP, the dive's and RINS's from when each starts.
 * Returns the MIP's ON values (caller frees), sets *bound to the best
 * proven bound and *obj to the cost the search found for that plan. */
static double *search(sg_model *md, const sg_solve_opts *o,
		      struct sg_diag *dg, const struct first_lps *fl,
		      double t0, double end, double *bound, double *obj)
{
	cbinfo cb;
	search_init(&cb, md, o, fl, t0, end);
	int ncol = glp_get_num_cols(md->lp), nrow = glp_get_num_rows(md->lp);
	double *x = sg_xcalloc((size_t)ncol + 1, sizeof(double)), inc = fl->obj;
	memcpy(x, fl->x, ((size_t)ncol + 1) * sizeof(double));
	*bound = -INFINITY;
	if (!search_root(md, o, fl, &cb, nrow))
		*bound = cb.bound; /* what the root proved in the time */
	/* with no ON free there is nothing to branch on, and GLPK's cut
	 * generators abort on a problem without columns */
	else if (free_on(md))
		run_tree(md, o, &cb, &inc, x, bound);
	else
		*bound = inc;
	/* GLPK left the LP of its last node: the root again, for the split */
	if (cb.over && !cb.stopped && end - sg_now() > 1 &&
	    (sg_lp_resolve(md->lp, end) == 0 || root_lp(md->lp, end) == 0) &&
	    search_subtrees(md, o, &cb, &inc, x, bound) != 0) {
		sg_diag_warning(dg, (sg_loc){ 0 }, "no threads for the "
				"subtrees; searching on in one tree");
		cb.budget = 0;
		cb.over = 0;
		cb.given = 0;
		cb.xstart = x;
		run_tree(md, o, &cb, &inc, x, bound);
	}
	if (cb.live)
		fputs("\r\033[K", stderr);
	search_stats(o, &cb);
	cb_free(&cb);
	sg_branch_free(cb.branch);
	double *on = sg_model_on_of(md, x);
	free(x);
	drop_rows(md->lp, nrow);
	*obj = inc;
	return on;
}

/* The all-options plan's LP (first_lps), on a copy of md->lp made in the
 * calling thread's GLPK environment; fl->copied says when md->lp may
 * change. */
static void *all_options_job(void *arg)
{
	struct first_lps *fl = arg;
	double t0 = sg_now();
	sg_model tmp = *fl->md;
	tmp.lp = glp_create_prob();
	glp_copy_prob(tmp.lp, fl->md->lp, GLP_OFF);
	pthread_mutex_lock(&fl->mu);
	fl->copied = 1;
	pthread_cond_signal(&fl->cv);
	pthread_mutex_unlock(&fl->mu);
	fl->x = fixed_solve(&tmp, fl->on, &fl->obj, &fl->basis);
	fl->secs = sg_now() - t0;
	return NULL;
}

/* Solve the first LPs into fl (fl->md, fl->on set): side by side when
 * threads allow, the root's stopping at root_end; else the all-options
 * plan's alone, leaving the root to the search (ROOT_UNSOLVED). */
static void first_lps(struct first_lps *fl, int threads, double root_end)
{
	sg_side side;
	fl->it0 = glp_get_it_cnt(fl->md->lp);
	fl->root = ROOT_UNSOLVED;
	pthread_mutex_init(&fl->mu, NULL);
	pthread_cond_init(&fl->cv, NULL);
	/* glp_copy_prob reads the factorization's settings, which GLPK
	 * makes on first use in the reading thread's memory: make them in
	 * this one's, which frees md->lp */
	glp_bfcp bfcp;
	glp_get_bfcp(fl->md->lp, &bfcp);
	if (threads > 1 && sg_side_start(&side, all_options_job, fl) == 0) {
		pthread_mutex_lock(&fl->mu);
		while (!fl->copied)
			pthread_cond_wait(&fl->cv, &fl->mu);
		pthread_mutex_unlock(&fl->mu);
		fl->root = root_lp(fl->md->lp, root_end);
		sg_side_join(&side);
	} else {
		all_options_job(fl);
	}
	pthread_mutex_destroy(&fl->mu);
	pthread_cond_destroy(&fl->cv);
}

int sg_model_solve(sg_model *md, const sg_solve_opts *o, struct sg_diag *dg,
		   sg_result *res)
{
	sg_solve_opts floored = *o; /* GLPK cannot search at a gap of 0 */
	floored.mip_gap = fmax(o->mip_gap, SG_GAP_FLOOR);
	o = &floored;
	double t0 = sg_now(), bound, obj;
	memset(res, 0, sizeof *res);
	glp_scale_prob(md->lp, GLP_SF_AUTO);
	double *on = all_on(md);
	struct first_lps fl = { .md = md, .on = on };
	if (o->threads > 1) {
		cbinfo pc = { .t0 = t0, .progress = o->progress,
			      .live = o->progress && !o->verbose &&
				      isatty(2) };
		say(&pc, &pc.phase, 1, "solving the LP relaxation (%d rows, "
		    "%d columns) beside the all-options plan",
		    glp_get_num_rows(md->lp), glp_get_num_cols(md->lp));
	}
	/* a time limit counts from t0; the root LP beside the all-options
	 * plan's may take all of it (the search then ends at once) */
	first_lps(&fl, o->threads, o->time_limit > 0 ? t0 + o->time_limit
						      : INFINITY);
	free(on);
	if (!fl.x) {
		sg_basis_free(&fl.basis);
		explain_infeasible(md, dg);
		return SG_EINFEAS;
	}
	/* every plan's LP (the heuristics' copies of md->lp, the reported
	 * plan's) re-solves from the all-options plan's basis: only bounds
	 * differ, so it is dual feasible.  The search leaves the reported
	 * plan's LP as long as the all-options plan's took. */
	double end = o->time_limit > 0 ? t0 + o->time_limit - fl.secs
				       : INFINITY;
	on = search(md, o, dg, &fl, t0, end, &bound, &obj);
	free(fl.x);
	sg_model_fix_on(md, on);
	free(on);
	sg_basis_set(md->lp, &fl.basis);
	sg_basis_free(&fl.basis);
	int rc = sg_model_solve_lp(md, res);
	if (rc < 0) {
		sg_diag_error(dg, (sg_loc){ 0 }, "GLPK's simplex found no "
			      "optimum of the plan's LP (its builds fixed), "
			      "though it has one: numerical trouble (an "
			      "internal error)");
		return SG_EINTERNAL;
	}
	sg_result_judge(res, bound, obj, o->mip_gap);
	res->seconds = sg_now() - t0;
	return 0;
}

int sg_model_share_plan(sg_model *md, sg_result *res)
{
	const sg_plan *P = md->plan;
	int K = P->nopt * P->T;
	if (sg_dist_size() == 1)
		return 0;
	double *on = sg_xcalloc((size_t)K + 4, sizeof(double));
	for (int j = 0; j < K; j++)
		on[j] = res->x[md->m.ON + j] > 0.5;
	on[K] = res->best_bound;
	on[K + 1] = res->status;
	int differs = 0, rc = sg_dist_bcast(on, K + 2);
	for (int j = 0; rc == 0 && j < K; j++)
		differs |= on[j] != (res->x[md->m.ON + j] > 0.5);
	if (rc == 0 && differs) {
		sg_model_fix_on(md, on);
		rc = sg_model_solve_lp(md, res);
	}
	if (rc == 0) {
		sg_result_bound(res, on[K]);
		res->status = (int)on[K + 1];
	}
	free(on);
	return rc < 0 ? SG_EINTERNAL : 0;
}
