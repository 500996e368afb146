/*
 * solve.c - the MIP search of MODEL.md "Reported solution": an all-options
 * LP gives a first incumbent (and proves feasibility), GLPK's branch-and-cut
 * searches from it, then ON is rounded, fixed, and the LP in the other
 * variables is the reported plan.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "sgplan/common.h"
#include "sgplan/cuts.h"
#include "sgplan/diag.h"
#include "sgplan/dist.h"
#include "sgplan/engine.h"
#include "sgplan/heuristic.h"
#include "sgplan/branch.h"

typedef struct cbinfo {
	const sg_model *md;
	const double *xstart; /* [n+1] a feasible solution, or NULL */
	int given;            /* xstart handed to GLPK */
	double bound;         /* best proven lower bound seen */
	int have_bound;
	double t0, last;      /* start, last progress line */
	int progress;
	sg_heur *heur;        /* relaxation rounding */
	double *rel;          /* [ncol+1] relaxation values scratch */
	long nheur;           /* GLP_IHEUR calls so far */
	double rins;          /* seconds for RINS at the root, 0 = none */
	double gap;           /* relative gap to stop at */
	int stopped;          /* stopped by that gap */
	double tol;           /* GLPK prunes nodes within tol of the incumbent */
	sg_cuts *cuts;        /* site capacity cuts, or NULL */
	double *x;            /* [ncol+1] node LP values scratch */
	sg_branch *branch;    /* our pseudocost branching, or NULL (GLPK's) */
} cbinfo;

/* Rounding thresholds: many at the root, two deeper in the tree. */
static const double root_th[] = { 0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75,
				  0.9, 0.99 };
static const double node_th[] = { 0.3, 0.6 };

/* RINS at the root, from the best plan known so far (GLPK's incumbent,
 * which the rounding just offered). */
static void rins(glp_tree *tree, cbinfo *cb, double cut)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int n = glp_get_num_cols(lp);
	if (!isfinite(cut) && !cb->xstart)
		return;
	double *inc = sg_xcalloc((size_t)n + 1, sizeof(double)), obj;
	int st = glp_mip_status(lp);
	for (int j = 1; j <= n; j++)
		inc[j] = st == GLP_FEAS || st == GLP_OPT ?
			glp_mip_col_val(lp, j) : cb->xstart[j];
	const double *x = sg_heur_rins(cb->heur, cb->rel, inc, cb->rins,
				       cut, &obj);
	if (x)
		glp_ios_heur_sol(tree, x);
	free(inc);
}

/* Round the current node's relaxation; a better plan becomes GLPK's
 * incumbent.  Deeper in the tree it runs every 16th node and only while it
 * has taken under a tenth of the search time. */
static void heuristic(glp_tree *tree, cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	long k = cb->nheur++;
	int root = k == 0;
	if (!root && (k % 16 != 0 ||
		      sg_heur_seconds(cb->heur) > 0.1 * (sg_now() - cb->t0)))
		return;
	const sg_model *md = cb->md;
	for (int i = 0; i < md->plan->nopt * md->plan->T; i++)
		cb->rel[md->m.ON + i] = glp_get_col_prim(lp, md->m.ON + i);
	int st = glp_mip_status(lp);
	double cut = st == GLP_FEAS || st == GLP_OPT ? glp_mip_obj_val(lp)
						      : INFINITY, obj;
	const double *x = root ?
		sg_heur_round(cb->heur, cb->rel, root_th, 9, cut, &obj) :
		sg_heur_round(cb->heur, cb->rel, node_th, 2, cut, &obj);
	if (x)
		glp_ios_heur_sol(tree, x);
	if (root && cb->rins > 0)
		rins(tree, cb, x ? obj : cut);
}

static void progress_line(glp_tree *tree, cbinfo *cb, int force)
{
	double now = sg_now();
	int tty = isatty(2);
	if (!cb->progress || (!force && now - cb->last < (tty ? 0.5 : 5)))
		return;
	cb->last = now;
	fputs(tty ? "\r" : "", stderr);
	glp_prob *lp = glp_ios_get_prob(tree);
	int a, n;
	glp_ios_tree_size(tree, &a, NULL, &n);
	if (glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT)
		fprintf(stderr, "sgplan: searching: incumbent %.10g, bound "
			"%.10g, gap %.3g%%, %d open nodes, %.1f s%s",
			glp_mip_obj_val(lp), cb->bound,
			100 * glp_ios_mip_gap(tree), a, now - cb->t0,
			tty ? "   " : "\n");
	else
		fprintf(stderr, "sgplan: searching: bound %.10g, %.1f s%s",
			cb->bound, now - cb->t0, tty ? "   " : "\n");
}

/* MODEL.md's gap test, (incumbent - bound)/max(1, |incumbent|) <= gap,
 * made here with the bound we report, rather than GLPK's own test (which
 * divides by |incumbent| and whose bound we cannot read afterwards). */
static void stop_at_gap(glp_tree *tree, cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int st = glp_mip_status(lp);
	if (st != GLP_FEAS && st != GLP_OPT)
		return;
	double inc = glp_mip_obj_val(lp);
	if ((inc - cb->bound) / fmax(1, fabs(inc)) <= cb->gap) {
		cb->stopped = 1;
		glp_ios_terminate(tree);
	}
}

/* Least cost a plan yet to be found can have, given how GLPK prunes: a
 * node whose bound is within tol*(1+|incumbent|) of the incumbent is
 * dropped (GLPK's tol_obj), so the pruned part of the tree is bounded by
 * that much below the incumbent, and the rest by the best open node.
 * GLPK reports -DBL_MAX for nodes not yet bounded. */
static double tree_bound(glp_tree *tree, const cbinfo *cb)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int p = glp_ios_best_node(tree), st = glp_mip_status(lp);
	double b = p ? glp_ios_node_bound(tree, p) : INFINITY;
	if (st == GLP_FEAS || st == GLP_OPT) {
		double inc = glp_mip_obj_val(lp);
		b = fmin(b, inc - cb->tol * (1 + fabs(inc)));
	}
	return b;
}

static void add_tree_row(void *ctx, int len, const int *ind,
			 const double *val, double rhs)
{
	glp_ios_add_row(ctx, NULL, 0, 0, len, ind, val, GLP_UP, rhs);
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

static void callback(glp_tree *tree, void *info)
{
	cbinfo *cb = info;
	switch (glp_ios_reason(tree)) {
	case GLP_ICUTGEN:
		if (cb->cuts)
			tree_cuts(tree, cb);
		break;
	case GLP_IBRANCH:
		if (cb->branch)
			sg_branch_choose(cb->branch, tree);
		break;
	case GLP_IHEUR:
		if (cb->xstart && !cb->given) {
			glp_ios_heur_sol(tree, cb->xstart);
			cb->given = 1;
		}
		if (cb->heur)
			heuristic(tree, cb);
		break;
	case GLP_ISELECT:
	case GLP_IBINGO:
	case GLP_IPREPRO:
		cb->bound = fmax(cb->bound, tree_bound(tree, cb));
		progress_line(tree, cb, 0);
		stop_at_gap(tree, cb);
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

/* Solve the LP with ON fixed at on in a copy of the MIP; returns the column
 * values (caller frees) or NULL when infeasible. */
static double *fixed_copy_solve(const sg_model *md, const double *on,
				double *obj)
{
	sg_model tmp = *md;
	tmp.lp = glp_create_prob();
	glp_copy_prob(tmp.lp, md->lp, GLP_OFF);
	sg_model_fix_on(&tmp, on);
	sg_result r = { 0 };
	double *x = NULL;
	if (sg_model_solve_lp(&tmp, &r) == 0) {
		x = r.x;
		*obj = r.total_cost;
		r.x = NULL;
	}
	sg_result_free(&r);
	glp_delete_prob(tmp.lp);
	return x;
}

/* MODEL.md "Data that makes the model infeasible", what is left after the
 * loader's check: requires chains that keep an option offline that the
 * initial racks need.  Names the site, quarter and options. */
static void explain_infeasible(const sg_model *md, struct sg_diag *dg)
{
	const sg_plan *P = md->plan;
	sg_loc nowhere = { 0 };
	for (int s = 0; s < P->nsite; s++) {
		double L0 = 0;
		for (int a = 0; a < P->nplat; a++)
			L0 += P->plat[a].kw_per_rack / 1000 *
			      P->site[s].initial_racks[a];
		for (int t = 1; t <= P->T; t++) {
			double it = P->site[s].initial_it_mw;
			double gr = P->site[s].grid_mw[t - 1];
			for (int k = 0; k < P->nopt; k++) {
				const sg_option *o = &P->opt[k];
				if (o->target != s || md->on_first[k] > t ||
				    o->kind == SG_TARGET_FAB)
					continue;
				*(o->kind == SG_TARGET_SITE ? &it : &gr) +=
					o->capacity;
			}
			if (L0 <= it * (1 + 1e-12) &&
			    P->site[s].pue * L0 <= gr * (1 + 1e-12))
				continue;
			char q[8];
			sg_plan_quarter_label(P, t, q);
			for (int k = 0; k < P->nopt; k++) {
				const sg_option *o = &P->opt[k];
				int j = o->requires;
				if (o->target != s || o->kind == SG_TARGET_FAB ||
				    j < 0 || md->on_first[k] <= t)
					continue;
				char qj[40] = "never inside the horizon";
				if (md->on_first[j] <= P->T) {
					strcpy(qj, "not before ");
					sg_plan_quarter_label(P,
						md->on_first[j], qj + 11);
				}
				sg_diag_error(dg, nowhere,
					"no feasible plan: site '%s' in %s: "
					"initial racks need option '%s', "
					"which requires '%s', online %s",
					P->site[s].name, q, o->name,
					P->opt[j].name, qj);
			}
			return;
		}
	}
	sg_diag_error(dg, nowhere, "no feasible plan: the model is "
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
	int i = glp_add_rows(lp, 1);
	glp_set_mat_row(lp, i, len, ind, val);
	glp_set_row_bnds(lp, i, GLP_UP, 0, rhs);
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

/* Site capacity cuts at the root (cuts.h): separate, add as rows of the
 * search LP, re-solve with the dual simplex, until none is violated, the
 * bound stalls for three passes or the deadline passes.  Returns 0 with
 * the LP optimal, else nonzero (the caller drops the cuts). */
static int root_cuts(glp_prob *lp, sg_cuts *c, double *x, double deadline,
		     int verbose)
{
	int n = glp_get_num_cols(lp), m = glp_get_num_rows(lp), stall = 0,
	    pass;
	double last = glp_get_obj_val(lp), lp0 = last, t0 = sg_now();
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.meth = GLP_DUALP;
	for (pass = 0; pass < 200 && stall < 3 && sg_now() < deadline;
	     pass++) {
		for (int j = 1; j <= n; j++)
			x[j] = glp_get_col_prim(lp, j);
		if (!sg_cuts_separate(c, x, add_lp_row, lp))
			break;
		if (glp_simplex(lp, &sm) != 0 || glp_get_status(lp) != GLP_OPT)
			return -1;
		double obj = glp_get_obj_val(lp);
		stall = obj - last <= 1e-6 * fmax(1, fabs(obj)) ? stall + 1 : 0;
		last = obj;
	}
	if (verbose)
		fprintf(stderr, "sgplan: site capacity cuts: %d in %d passes, "
			"%.3f s, root bound %.10g -> %.10g\n",
			glp_get_num_rows(lp) - m, pass, sg_now() - t0, lp0, last);
	return 0;
}

static int root_lp(glp_prob *lp)
{
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.meth = GLP_DUALP; /* 2.4x faster than primal on 50x8x40 */
	glp_adv_basis(lp, 0);
	if (glp_simplex(lp, &sm) != 0 || glp_get_status(lp) != GLP_OPT)
		return SG_EINTERNAL;
	return 0;
}

/* GLPK prunes a node whose bound is within tol*(1+|incumbent|) of the
 * incumbent (tol_obj), and what that leaves unproven must stay within
 * MODEL.md's gap*max(1,|incumbent|).  Every plan costs at least the root
 * bound z; when z >= 1, (1+inc)/inc <= (1+z)/z for every incumbent, so
 * tol = g z/(1+z) leaves at most g, where g keeps 1e-9 (relative) for the
 * rounding of the final LP re-solve, whose cost is the one reported:
 * 0.9 gap at the default 1e-4, 0.45 gap at 1e-9.  Otherwise (1+|inc|) may
 * reach twice max(1,|inc|): 0.45 gap. */
static double prune_tol(double gap, double z)
{
	double g = fmax(0.45 * gap, 0.9 * gap - 1e-9);
	return z >= 1 ? g * z / (1 + z) : 0.45 * gap;
}

/* Branch-and-cut from the all-options incumbent.  Returns the MIP's ON
 * values (caller frees) and sets *bound to the best proven bound. */
static double *search(sg_model *md, const sg_solve_opts *o,
		      const double *xstart, double start_obj, double *bound)
{
	const sg_plan *P = md->plan;
	cbinfo cb = { md, xstart, 0, -INFINITY, 0, sg_now(), 0, o->progress,
		      o->no_heuristic ? NULL : sg_heur_new(md), NULL, 0,
		      o->no_heuristic || o->no_rins ? 0 :
		      o->time_limit > 0 ? fmin(30, fmax(1,
						   0.25 * o->time_limit)) : 10,
		      o->mip_gap, 0, prune_tol(o->mip_gap, 0),
		      o->no_capcuts ? NULL : sg_cuts_new(md), NULL, NULL };
	int ncol = glp_get_num_cols(md->lp), nrow = glp_get_num_rows(md->lp);
	cb.rel = sg_xcalloc((size_t)ncol + 1, sizeof(double));
	cb.x = sg_xcalloc((size_t)ncol + 1, sizeof(double));
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	io.mip_gap = 0; /* the callback stops at MODEL.md's gap */
	io.tm_lim = o->time_limit > 0 ? (int)fmin(o->time_limit * 1000,
						  2e9) : INT32_MAX;
	io.cb_func = callback;
	io.cb_info = &cb;
	if (o->branch == SG_BRANCH_SHARED) {
		cb.branch = sg_branch_new(md);
		io.cb_size = (int)sg_branch_node_size();
	}
	/* GLPK's Gomory cuts on top of the site capacity cuts; its MIR, cover
	 * and clique cuts cost more node time than they gain (bench/strategy) */
	int cuts = o->cuts ? o->cuts : SG_CUT_GMI;
	io.gmi_cuts = cuts & SG_CUT_GMI ? GLP_ON : GLP_OFF;
	io.mir_cuts = cuts & SG_CUT_MIR ? GLP_ON : GLP_OFF;
	io.cov_cuts = cuts & SG_CUT_COV ? GLP_ON : GLP_OFF;
	io.clq_cuts = cuts & SG_CUT_CLQ ? GLP_ON : GLP_OFF;
	io.fp_heur = GLP_OFF;
	/* best local bound: the heuristics find the plans, the tree's job is
	 * the bound; pseudocost branching proves 50x8x40 in 27 s where
	 * Driebeck-Tomlin leaves 1.1e-4 after 60 s, and pseudocosts shared by
	 * an option's quarters (branch.h, chosen in the callback) spare the
	 * trials that took half of GLPK's own pseudocost search
	 * (bench/strategy) */
	io.bt_tech = GLP_BT_BLB;
	io.br_tech = o->branch == SG_BRANCH_DTH ? GLP_BR_DTH : GLP_BR_PCH;
	int rc = -1;
	int lp_ok = root_lp(md->lp) == 0;
	if (lp_ok && cb.cuts &&
	    root_cuts(md->lp, cb.cuts, cb.x, o->time_limit > 0 ?
		      cb.t0 + 0.2 * o->time_limit : INFINITY,
		      o->verbose) != 0) {
		drop_rows(md->lp, nrow); /* numerical trouble: no cuts */
		sg_cuts_free(cb.cuts);
		cb.cuts = NULL;
		lp_ok = root_lp(md->lp) == 0;
	}
	if (lp_ok) {
		/* the root relaxation (with valid cuts) is the first bound */
		if (o->time_limit > 0)
			io.tm_lim = (int)fmin(fmax(0, o->time_limit -
						 (sg_now() - cb.t0)) * 1000, 2e9);
		cb.bound = glp_get_obj_val(md->lp);
		cb.have_bound = 1;
		/* prune nodes that cannot beat the incumbent by the gap */
		cb.tol = io.tol_obj = prune_tol(o->mip_gap, cb.bound);
		/* with no ON free there is nothing to branch on, and GLPK's
		 * cut generators abort on a problem without columns */
		rc = free_on(md) ? glp_intopt(md->lp, &io) : -2;
	}
	if (cb.progress && isatty(2))
		fputs("\r\033[K", stderr);
	if (o->verbose && cb.heur)
		fprintf(stderr, "sgplan: heuristic %.3f s of %.3f s search\n",
			sg_heur_seconds(cb.heur), sg_now() - cb.t0);
	if (o->verbose && cb.branch) {
		sg_branch_stats bs = sg_branch_get_stats(cb.branch);
		fprintf(stderr, "sgplan: branching: %ld nodes, %ld trial LPs, "
			"%ld pseudocost updates\n", bs.branched, bs.trials,
			bs.learned);
	}
	sg_heur_free(cb.heur);
	sg_cuts_free(cb.cuts);
	sg_branch_free(cb.branch);
	free(cb.rel);
	free(cb.x);
	int st = rc < 0 ? GLP_UNDEF : glp_mip_status(md->lp);
	double *on = sg_xcalloc((size_t)P->nopt * P->T + 1, sizeof(double));
	int have = st == GLP_OPT || st == GLP_FEAS;
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++) {
			int j = sg_idx_pt(md, md->m.ON, k, t);
			double v = have ? glp_mip_col_val(md->lp, j) : xstart[j];
			on[k * P->T + t - 1] = v > 0.5 ? 1 : 0;
		}
	double inc = have ? glp_mip_obj_val(md->lp) : start_obj;
	drop_rows(md->lp, nrow);
	if (rc == -2)
		*bound = inc; /* nothing to decide */
	else if (rc == 0 && st == GLP_OPT && !cb.stopped)
		/* the tree was searched to the end, pruning within tol */
		*bound = fmin(inc, fmax(cb.bound,
					inc - cb.tol * (1 + fabs(inc))));
	else
		*bound = cb.have_bound ? fmin(cb.bound, inc) : -INFINITY;
	return on;
}

int sg_model_solve(sg_model *md, const sg_solve_opts *o, struct sg_diag *dg,
		   sg_result *res)
{
	double t0 = sg_now(), start_obj = 0, bound;
	memset(res, 0, sizeof *res);
	glp_scale_prob(md->lp, GLP_SF_AUTO);
	double *on = all_on(md);
	double *xstart = fixed_copy_solve(md, on, &start_obj);
	free(on);
	if (!xstart) {
		explain_infeasible(md, dg);
		return SG_EINFEAS;
	}
	on = search(md, o, xstart, start_obj, &bound);
	free(xstart);
	sg_model_fix_on(md, on);
	free(on);
	int rc = sg_model_solve_lp(md, res);
	if (rc < 0)
		return rc == SG_EINFEAS ? SG_EINTERNAL : rc;
	res->best_bound = isfinite(bound) ? fmin(bound, res->total_cost)
					  : bound;
	res->gap = isfinite(bound) ? (res->total_cost - res->best_bound) /
				     fmax(1, fabs(res->total_cost))
				   : INFINITY;
	res->status = res->gap <= o->mip_gap ? SG_STATUS_OPTIMAL
		      : SG_STATUS_TIME_LIMIT;
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
		res->best_bound = fmin(on[K], res->total_cost);
		res->gap = (res->total_cost - res->best_bound) /
			   fmax(1, fabs(res->total_cost));
		res->status = (int)on[K + 1];
	}
	free(on);
	return rc < 0 ? SG_EINTERNAL : 0;
}
