/*
 * stochastic.c - the stochastic plan by extensive form or by Benders
 * (stochastic.h), and the sample-average evaluation of a plan.
 */
#include "sgplan/stochastic.h"

#include <glpk.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/dist.h"
#include "sgplan/pool.h"
#include "sgplan/report.h"
#include "sgplan/risk.h"
#include "sgplan/whatif.h"

/* A scenario's row: its cost, cost terms, U and SE sums, and with ctx set
 * (the spend per quarter wanted) its undiscounted terms of each quarter. */
enum { EV_OBJ, EV_TERMS, EV_U = EV_TERMS + SG_NCOSTS, EV_SE, EV_Q };

static void eval_row(const sg_model *vm, const double *x, double obj,
		     double *row, void *ctx)
{
	const sg_plan *P = vm->plan;
	sg_costs *q = sg_xcalloc((size_t)P->T + 1, sizeof *q), pv;
	sg_model_costs(vm, x, q, &pv);
	row[EV_OBJ] = obj;
	memcpy(row + EV_TERMS, pv.v, sizeof pv.v);
	for (int t = 1; ctx && t <= P->T; t++)
		memcpy(row + EV_Q + (t - 1) * SG_NCOSTS, q[t].v,
		       sizeof q[t].v);
	for (int t = 1; t <= P->T; t++) {
		for (int r = 0; r < P->nreg; r++)
			row[EV_U] += x[sg_idx_pt(vm, vm->m.U, r, t)];
		for (int p = 0; p < P->nprod; p++)
			row[EV_SE] += x[sg_idx_pt(vm, vm->m.SE, p, t)];
	}
	free(q);
}

int sg_saa_evaluate(const sg_model *md, long n, uint32_t seed, int threads,
		    int progress, sg_eval *ev, sg_costs *spend)
{
	int T = md->plan->T, w = EV_Q + (spend ? T * SG_NCOSTS : 0);
	double *rows = sg_xcalloc((size_t)n * w + 1, sizeof(double));
	sg_pool_job job = { md, n, seed, threads, progress, 0, NULL, w,
			    rows, eval_row, spend };
	int rc = sg_pool_run(&job);
	memset(ev, 0, sizeof *ev);
	if (spend)
		memset(spend, 0, ((size_t)T + 1) * sizeof *spend);
	double m2 = 0;
	for (long i = 0; rc == 0 && i < n; i++) {
		const double *r = rows + (size_t)i * w;
		for (int t = 1; spend && t <= T; t++)
			for (int k = 0; k < SG_NCOSTS; k++)
				spend[t].v[k] += r[EV_Q + (t - 1) * SG_NCOSTS +
						   k] / (double)n;
		double dlt = r[EV_OBJ] - ev->cost;
		ev->cost += dlt / (double)(i + 1); /* Welford, index order */
		m2 += dlt * (r[EV_OBJ] - ev->cost);
		for (int k = 0; k < SG_NCOSTS; k++)
			ev->costs.v[k] += r[EV_TERMS + k] / (double)n;
		ev->unserved += r[EV_U] / (double)n;
		ev->shortfall += r[EV_SE] / (double)n;
	}
	ev->se = n > 1 ? sqrt(m2 / (double)(n - 1) / (double)n) : 0;
	free(rows);
	return rc;
}


static int extensive(const sg_model *det, const sg_saa_opts *o,
		     struct sg_diag *dg, sg_saa_result *res)
{
	const sg_plan *P = det->plan;
	long n = o->n;
	sg_scenario *sc = sg_xcalloc((size_t)n, sizeof *sc);
	sg_plan *views = sg_xcalloc((size_t)n, sizeof *views);
	for (long i = 0; i < n; i++) {
		sg_scenario_init(&sc[i], P);
		sg_scenario_draw(P, o->seed, (uint64_t)i, &sc[i]);
		sg_scenario_view(P, &sc[i], &views[i]);
	}
	sg_model *md = sg_model_new_saa(P, views, (int)n, 0);
	sg_solve_opts so = { .mip_gap = o->mip_gap,
			     .time_limit = o->time_limit, .cuts = o->cuts,
			     .verbose = o->verbose, .progress = o->progress,
			     .threads = o->threads };
	sg_result r;
	int rc = sg_model_solve(md, &so, dg, &r);
	if (rc == 0) {
		res->on = sg_model_on_of(md, r.x);
		res->cost = r.total_cost;
		res->bound = r.best_bound;
	}
	sg_result_free(&r);
	sg_model_free(md);
	for (long i = 0; i < n; i++) {
		sg_scenario_view_free(&views[i]);
		sg_scenario_free(&sc[i]);
	}
	free(views);
	free(sc);
	return rc;
}

/* --- Benders ------------------------------------------------------- */

typedef struct benders {
	const sg_model *det; /* scenario LP template */
	sg_model *mst;       /* master (rank 0) */
	long n;
	int K;               /* ON columns: nopt*T */
	double *c;           /* [K] ON costs in the scenario LPs */
	double *rows;        /* [n * (1+K)] objective, ON reduced costs */
	double *base;        /* [n] second-stage cost at the first plan: the
				master's column i is theta_i - base_i, so its
				cuts hold numbers of the size of the changes,
				not of the costs (GLPK's simplex was seen to
				stop 2% off optimal on the unshifted rows) */
	int have_base;
	long added;          /* cuts the last evaluation added (rank 0) */
	double mgap;         /* the gap the last master was solved to */
	long mnodes;         /* nodes the masters searched */
	int handover;        /* auto: stop a master past MASTER_NODES_AUTO */
	int *ind;            /* [K+2] cut row scratch */
	double *val;
} benders;

static void cut_row(const sg_model *vm, const double *x, double obj,
		    double *row, void *ctx)
{
	const benders *b = ctx;
	const sg_plan *P = vm->plan;
	row[0] = obj;
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++)
			row[1 + k * P->T + t - 1] = glp_get_col_dual(vm->lp,
				sg_idx_pt(vm, vm->m.ON, k, t));
	(void)x, (void)b;
}

/* The row "capacity of the options of this kind at site s online in
 * quarter t >= need"; ind and val hold nopt + 1. */
static void need_row(sg_model *m, int s, int kind, int t, double need,
		     int *ind, double *val)
{
	const sg_plan *P = m->plan;
	int nz = 0;
	for (int k = 0; k < P->nopt; k++)
		if (P->opt[k].kind == kind && P->opt[k].target == s) {
			ind[++nz] = sg_idx_pt(m, m->m.ON, k, t);
			val[nz] = P->opt[k].capacity;
		}
	int i = glp_add_rows(m->lp, 1);
	glp_set_row_bnds(m->lp, i, GLP_LO, need, 0);
	glp_set_mat_row(m->lp, i, nz, ind, val);
}

/* MODEL.md "Data that makes the model infeasible", for every scenario:
 * ON must give the initial racks IT space and grid in every quarter
 * (the scenario LPs are feasible exactly then).  grid_min[s*T+t-1] is the
 * least grid_mw(s,t) over the sample. */
static void feasibility_rows(sg_model *m, const double *grid_min)
{
	const sg_plan *P = m->plan;
	int *ind = sg_xcalloc((size_t)P->nopt + 1, sizeof *ind);
	double *val = sg_xcalloc((size_t)P->nopt + 1, sizeof *val);
	for (int s = 0; s < P->nsite; s++) {
		double L0 = 0;
		for (int a = 0; a < P->nplat; a++)
			L0 += P->plat[a].kw_per_rack / 1000 *
			      P->site[s].initial_racks[a];
		for (int t = 1; t <= P->T; t++)
			for (int kind = SG_TARGET_SITE; kind <= SG_TARGET_GRID;
			     kind++) {
				double need = kind == SG_TARGET_SITE ?
					L0 - P->site[s].initial_it_mw :
					P->site[s].pue * L0 -
					grid_min[s * P->T + t - 1];
				if (need > 0)
					need_row(m, s, kind, t, need, ind,
						 val);
			}
	}
	free(ind);
	free(val);
}

static double *sample_grid_min(const sg_plan *P, const sg_saa_opts *o)
{
	double *g = sg_xmalloc(((size_t)P->nsite * P->T + 1) * sizeof *g);
	sg_scenario sc;
	sg_scenario_init(&sc, P);
	for (long i = 0; i < o->n; i++) {
		sg_scenario_draw(P, o->seed, (uint64_t)i, &sc);
		for (int j = 0; j < P->nsite * P->T; j++)
			g[j] = i == 0 ? sc.grid[j] : fmin(g[j], sc.grid[j]);
	}
	sg_scenario_free(&sc);
	return g;
}

/* How far (relative to the scenario's second-stage cost) a cut may be
 * violated and still count as met, and how much its dropped slopes may
 * loosen it at the plan it is made at: together with the master's own gap
 * they leave under SG_GAP_FLOOR when the loop stops, and a cut is met at
 * its own plan, so a plan the master proposes again adds no cut. */
#define CUT_TOL 0.25e-9
#define MASTER_GAP 1e-10
/* While the loop's own gap is wide, a master solved to a tenth of it (at
 * most this) proposes as well as an exact one, without GLPK proving its
 * optimum to 1e-10 at every step */
#define MASTER_GAP_WIDE 1e-3
/* auto: once the masters have searched this many nodes in all, the
 * extensive form (if it has at most EXTENSIVE_COLS columns) solves the
 * same problem instead.  Masters of plans that Benders suits take few
 * (data/2025.csv at N = 50 and 200: none after the LP phase; generated
 * 8 x 8 x 16 at N = 5: 66; a one-site 80-quarter plan at N = 30: 698);
 * where the integer master is the hard part (8 x 8 x 16 at N = 20: 9,726
 * nodes in 231 s and not done; one site over 200 quarters at N = 3) the
 * extensive form, with the search's own cuts, proves it in 41 s (3 s).
 * Counted, not timed: without a time limit the same choice on any
 * machine (with one, a master may stop on the clock first). */
#define MASTER_NODES_AUTO 1000
#define EXTENSIVE_COLS 500000.0
/* The LP phase stops when its cuts meet the master LP to this gap, or
 * after this many rounds */
#define LP_PHASE_GAP 1e-6
#define LP_PHASE_ITERS 200

/* Solve the master MIP within time_left seconds to the relative gap; ON
 * into on, lower bound into *lb.  0, 1 when the time ran out before it
 * found a plan (on and *lb unchanged), 2 when auto's node budget ran out
 * (the same), or -1: GLPK failed. */
static void master_cb(glp_tree *tree, void *info)
{
	benders *b = info;
	if (glp_ios_reason(tree) == GLP_ISELECT &&
	    ++b->mnodes > MASTER_NODES_AUTO && b->handover)
		glp_ios_terminate(tree);
}

static int solve_master(benders *b, double *on, double *lb,
			double time_left, double gap)
{
	glp_prob *lp = b->mst->lp;
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_ON;
	io.mip_gap = gap;
	/* GLPK prunes nodes within tol_obj*(1+|z|) of the incumbent, which
	 * its bound then leaves out: a tenth of the gap (default 1e-7,
	 * above the exact master's 1e-10) */
	io.tol_obj = fmax(1e-12, fmin(1e-7, 0.1 * gap));
	io.cb_func = master_cb;
	io.cb_info = b;
	b->mgap = gap;
	glp_scale_prob(lp, GLP_SF_AUTO);
	if (isfinite(time_left))
		io.tm_lim = (int)fmax(1, fmin(time_left * 1000, 2e9));
	int rc = glp_intopt(lp, &io);
	int st = glp_mip_status(lp);
	if (rc == GLP_ETMLIM && !sg_mip_has_plan(lp))
		return 1; /* time ran out first: the plans so far stand */
	if (rc == GLP_ESTOP)
		return 2; /* master_cb: past auto's node budget */
	if ((rc != 0 && rc != GLP_ETMLIM && rc != GLP_EMIPGAP) ||
	    !sg_mip_has_plan(lp))
		return -1;
	for (int j = 0; j < b->K; j++) /* ON[k,t] is column ON + k*T + t-1 */
		on[j] = glp_mip_col_val(lp, b->mst->m.ON + j) > 0.5;
	/* stopped at its gap, the master's optimum is at least z less gap
	 * times GLPK's (|z| + DBL_EPSILON), less what its pruning left out;
	 * the bounds of earlier masters, which had fewer cuts, hold too */
	double z = glp_mip_obj_val(lp), pruned = io.tol_obj * (1 + fabs(z));
	if (rc == 0 && st == GLP_OPT)
		*lb = fmax(*lb, z - pruned);
	else if (rc == GLP_EMIPGAP)
		*lb = fmax(*lb, z - gap * (fabs(z) + DBL_EPSILON) - pruned);
	return 0;
}

static int on_free(const sg_model *md, int k, int t)
{
	return t >= md->on_first[k] && t < md->on_forced[k];
}

/* Optimality cut of scenario i at on:
 * theta_i >= z2 + sum_j (g_ij - c_j)(ON_j - on_j), z2 = obj_i - c.on,
 * over the free ON columns of the master. */
static void add_cut(benders *b, long i, const double *on, double z2)
{
	const sg_plan *P = b->mst->plan;
	const double *r = b->rows + (size_t)i * (b->K + 1);
	double rhs = z2 - b->base[i];
	int nz = 0;
	b->ind[++nz] = b->mst->m.theta + (int)i;
	b->val[nz] = 1;
	/* a slope under 1e-9 of the scenario's cost or of the steepest is
	 * the scenario LP's rounding, and in the master it spreads the
	 * coefficients over more than GLPK can scale (1.4e-12 against 9e5
	 * made its presolve call the master unbounded) */
	double gmax = fabs(r[0]), loose = 0;
	for (int j = 0; j < b->K; j++)
		gmax = fmax(gmax, fabs(r[1 + j] - b->c[j]));
	double budget = 0.5 * CUT_TOL * fmax(1, fabs(z2));
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++) {
			int j = k * P->T + t - 1;
			double g = r[1 + j] - b->c[j];
			if (!on_free(b->mst, k, t) || g == 0)
				continue;
			double low = fmin(-g * on[j], g * (1 - on[j]));
			if (fabs(g) <= 1e-9 * gmax && loose - low <= budget) {
				/* drop it, with its least value over ON_j in
				 * {0,1}, so the cut stays valid; at on it
				 * loosens the cut by -low, within budget */
				rhs += low;
				loose -= low;
				continue;
			}
			b->ind[++nz] = sg_idx_pt(b->mst, b->mst->m.ON, k, t);
			b->val[nz] = -g;
			rhs -= g * on[j];
		}
	int row = glp_add_rows(b->mst->lp, 1);
	glp_set_row_bnds(b->mst->lp, row, GLP_LO, rhs, 0);
	glp_set_mat_row(b->mst->lp, row, nz, b->ind, b->val);
}

/* Shift the master's theta columns by the first plan's second-stage costs:
 * column i is theta_i - base_i >= -base_i, and the objective constant is
 * the mean of base. */
static void set_base(benders *b, const double *on)
{
	double c0 = 0;
	for (long i = 0; i < b->n; i++) {
		const double *r = b->rows + (size_t)i * (b->K + 1);
		b->base[i] = r[0];
		for (int j = 0; j < b->K; j++)
			b->base[i] -= b->c[j] * on[j];
		glp_set_col_bnds(b->mst->lp, b->mst->m.theta + (int)i, GLP_LO,
				 -b->base[i], 0);
		c0 += b->base[i] / (double)b->n;
	}
	glp_set_obj_coef(b->mst->lp, 0, c0);
	b->have_base = 1;
}

/* Scenario LPs at on (every rank), then on rank 0 the sample mean and one
 * cut per scenario violated by the master's theta (theta: 0 none yet, 1
 * its MIP solution, 2 its LP solution).  Returns the mean cost, or NAN on
 * failure. */
static double evaluate_cut(benders *b, const sg_saa_opts *o,
			   const double *on, int theta)
{
	memset(b->rows, 0, (size_t)b->n * (b->K + 1) * sizeof(double));
	sg_pool_job job = { b->det, b->n, o->seed, o->threads, 0, 0, on,
			    b->K + 1, b->rows, cut_row, b };
	if (sg_pool_run(&job) != 0)
		return NAN;
	double mean = 0;
	for (long i = 0; i < b->n; i++)
		mean += b->rows[(size_t)i * (b->K + 1)] / (double)b->n;
	if (b->mst && !b->have_base)
		set_base(b, on);
	b->added = 0;
	for (long i = 0; b->mst && i < b->n; i++) {
		const double *r = b->rows + (size_t)i * (b->K + 1);
		double z2 = r[0];
		for (int j = 0; j < b->K; j++)
			z2 -= b->c[j] * on[j];
		int col = b->mst->m.theta + (int)i;
		double th = theta == 0 ? -INFINITY : b->base[i] +
			(theta == 1 ? glp_mip_col_val(b->mst->lp, col) :
				      glp_get_col_prim(b->mst->lp, col));
		if (th < z2 - CUT_TOL * fmax(1, fabs(z2))) {
			add_cut(b, i, on, z2); /* violated: the master learns */
			b->added++;
		}
	}
	return mean;
}

static void benders_init(benders *b, const sg_model *det,
			 const sg_saa_opts *o)
{
	const sg_plan *P = det->plan;
	memset(b, 0, sizeof *b);
	b->det = det;
	b->n = o->n;
	b->K = P->nopt * P->T;
	b->c = sg_xcalloc((size_t)b->K + 1, sizeof(double));
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++)
			b->c[k * P->T + t - 1] = glp_get_obj_coef(det->lp,
				sg_idx_pt(det, det->m.ON, k, t));
	b->rows = sg_xcalloc((size_t)o->n * (b->K + 1) + 1, sizeof(double));
	b->base = sg_xcalloc((size_t)o->n + 1, sizeof(double));
	b->ind = sg_xcalloc((size_t)b->K + 2, sizeof(int));
	b->val = sg_xcalloc((size_t)b->K + 2, sizeof(double));
	double cols = (double)o->n * glp_get_num_cols(det->lp);
	b->handover = o->method == SG_SAA_AUTO && cols <= EXTENSIVE_COLS;
	if (sg_dist_rank() == 0) {
		b->mst = sg_model_new_master(P, (int)o->n);
		double *g = sample_grid_min(P, o);
		feasibility_rows(b->mst, g);
		free(g);
	}
}

static void benders_free(benders *b)
{
	sg_model_free(b->mst);
	free(b->c);
	free(b->rows);
	free(b->base);
	free(b->ind);
	free(b->val);
}

/* One master step on rank 0: the next ON and the bound; then every rank
 * learns ON and whether to stop (flag[0]).  A plan that added no cut
 * stops the loop (the first adds one per scenario, having no theta yet):
 * the master would only propose it again (its costs agree with the
 * master's to 1e-9, so the gap left is the master's own tolerance). */
static int next_on(benders *b, const sg_saa_opts *o, double *on, double *lb,
		   double best, double t0, double *flag)
{
	if (b->mst) {
		double left = o->time_limit > 0 ?
			o->time_limit - (sg_now() - t0) : INFINITY;
		double gap = (best - *lb) / fmax(1, fabs(best));
		/* a plan that added no cut came of an inexact master: solve
		 * it exactly before the loop may stop on it */
		int exact = b->added == 0 && b->mgap > MASTER_GAP;
		flag[0] = gap <= o->mip_gap || left <= 0 ||
			  (b->added == 0 && !exact);
		double mg = exact ? MASTER_GAP :
			fmax(MASTER_GAP, fmin(MASTER_GAP_WIDE, 0.1 * gap));
		if (!flag[0] && b->handover && b->mnodes > MASTER_NODES_AUTO)
			flag[0] = 3; /* hand over to the extensive form */
		int rc = flag[0] ? 0 : solve_master(b, on, lb, left, mg);
		if (rc != 0)
			flag[0] = rc < 0 ? 2 : rc == 2 ? 3 : 1;
		if (!flag[0] && (best - *lb) / fmax(1, fabs(best)) <=
					o->mip_gap)
			flag[0] = 1;
	}
	if (sg_dist_bcast(flag, 1) != 0 || sg_dist_bcast(on, b->K) != 0)
		return -1;
	return flag[0] == 2 ? -1 : 0;
}

/* The LP phase (McDaniel and Devine's): the master with ON relaxed to
 * [0,1], cut at its fractional solutions until the cuts close its own gap.
 * A scenario's cost is convex in ON over [0,1] (ON moves right-hand sides
 * and opex), so these cuts hold for every plan; they give the master MIP
 * the LP relaxation's shape at once, where cuts at whole plans alone took
 * thousands of master nodes (8 x 8 x 16, N = 20: not done in 120 s).  The
 * master LP's optimum bounds the sample average below (*lb).  Every rank
 * evaluates; rank 0 cuts.  0, or -1 on failure. */
static int lp_phase(benders *b, const sg_saa_opts *o, double *on,
		    double *lb, double t0)
{
	double flag = 0, z = -INFINITY;
	for (int it = 0; it < LP_PHASE_ITERS; it++) {
		if (b->mst) {
			glp_prob *lp = b->mst->lp;
			glp_smcp sm;
			glp_init_smcp(&sm);
			sm.msg_lev = GLP_MSG_OFF;
			if (o->time_limit > 0)
				sm.tm_lim = (int)fmax(1, fmin(2e9, 1000 *
					(o->time_limit - (sg_now() - t0))));
			glp_scale_prob(lp, GLP_SF_AUTO);
			if (glp_simplex(lp, &sm) != 0 ||
			    glp_get_status(lp) != GLP_OPT) {
				flag = 1; /* no LP optimum: MIP steps only */
			} else {
				z = glp_get_obj_val(lp);
				*lb = fmax(*lb, z);
				for (int j = 0; j < b->K; j++)
					on[j] = glp_get_col_prim(lp,
							b->mst->m.ON + j);
			}
		}
		if (sg_dist_bcast(&flag, 1) != 0 ||
		    sg_dist_bcast(on, b->K) != 0)
			return -1;
		if (flag)
			break;
		double mean = evaluate_cut(b, o, on, 2);
		if (isnan(mean))
			return -1;
		if (b->mst && (b->added == 0 || mean - z <= LP_PHASE_GAP *
			       fmax(1, fabs(mean)) ||
			       (o->time_limit > 0 &&
				sg_now() - t0 >= o->time_limit)))
			flag = 1;
		if (sg_dist_bcast(&flag, 1) != 0)
			return -1;
		if (flag)
			break;
	}
	b->added = 1; /* the MIP master comes next, whatever the LP did */
	return 0;
}

/* benders_solve's return when auto's masters ran past MASTER_NODES_AUTO */
enum { BENDERS_HANDOVER = 1 };

static int benders_solve(const sg_model *det, const sg_saa_opts *o,
			 sg_saa_result *res)
{
	benders b;
	benders_init(&b, det, o);
	double t0 = sg_now(), lb = -INFINITY, best = INFINITY, flag = 0;
	double *on = sg_xcalloc((size_t)b.K + 1, sizeof(double));
	res->on = sg_xcalloc((size_t)b.K + 1, sizeof(double));
	for (int j = 0; j < b.K; j++) /* start from the deterministic plan */
		on[j] = glp_get_col_lb(det->lp, sg_idx_pt(det, det->m.ON,
				       j / det->plan->T, j % det->plan->T + 1));
	int rc = 0;
	for (int it = 0;; it++) {
		double ub = evaluate_cut(&b, o, on, it > 0);
		if (isnan(ub) || it + 1 == o->fail_at) {
			rc = SG_EINTERNAL;
			break;
		}
		if (ub < best) {
			best = ub;
			memcpy(res->on, on, (size_t)b.K * sizeof(double));
		}
		res->iterations = it + 1;
		if (o->progress && sg_dist_rank() == 0)
			fprintf(stderr, "sgplan: Benders iteration %d: bound "
				"%.10g, best %.10g, %.1f s, %ld master nodes\n",
				it + 1, lb, best, sg_now() - t0, b.mnodes);
		if (it == 0 && lp_phase(&b, o, on, &lb, t0) != 0) {
			rc = SG_EINTERNAL;
			break;
		}
		if (next_on(&b, o, on, &lb, best, t0, &flag) != 0) {
			rc = SG_EINTERNAL;
			break;
		}
		if (flag == 3)
			rc = BENDERS_HANDOVER;
		if (flag != 0)
			break;
	}
	res->cost = best;
	res->bound = fmin(lb, best);
	free(on);
	benders_free(&b);
	return rc;
}

/* Benders' result dropped, the extensive form in what is left of the time
 * limit (the solve began at t0). */
static int extensive_instead(const sg_model *det, const sg_saa_opts *o,
			     double t0, struct sg_diag *dg,
			     sg_saa_result *res)
{
	sg_saa_opts left = *o;
	if (o->time_limit > 0)
		left.time_limit = fmax(1e-3, o->time_limit - (sg_now() - t0));
	free(res->on);
	memset(res, 0, sizeof *res);
	res->method = SG_SAA_EXTENSIVE;
	return extensive(det, &left, dg, res);
}

int sg_saa_solve(const sg_model *det, const sg_saa_opts *o,
		 struct sg_diag *dg, sg_saa_result *res)
{
	sg_saa_opts floored = *o; /* as sg_model_solve */
	floored.mip_gap = fmax(o->mip_gap, SG_GAP_FLOOR);
	o = &floored;
	double t0 = sg_now();
	memset(res, 0, sizeof *res);
	/* auto is Benders: faster at every N measured, from N = 1 (0.005 s
	 * against 0.02 s on generated plans, 0.010 s against 0.085 s at
	 * N = 2 on data/2025.csv, 0.22 s against 41 s at N = 50; mcbench),
	 * unless its masters grow hard (MASTER_NODES_AUTO), with the
	 * extensive form as its fallback below */
	res->method = o->method == SG_SAA_EXTENSIVE ? SG_SAA_EXTENSIVE
						    : SG_SAA_BENDERS;
	int rc = res->method == SG_SAA_EXTENSIVE ? extensive(det, o, dg, res)
						 : benders_solve(det, o, res);
	if (rc == BENDERS_HANDOVER) {
		if (o->verbose && sg_dist_rank() == 0)
			fprintf(stderr, "sgplan: Benders' master MIPs searched "
				"over %d nodes: solving the extensive form "
				"instead\n", MASTER_NODES_AUTO);
		rc = extensive_instead(det, o, t0, dg, res);
	}
	if (rc == SG_EINTERNAL && res->method == SG_SAA_BENDERS) {
		/* GLPK failed on a master MIP or a scenario LP: the
		 * extensive form is the same problem, solved in one */
		sg_loc nowhere = { 0 };
		if (o->method == SG_SAA_BENDERS) {
			sg_diag_error(dg, nowhere, "Benders decomposition "
				      "failed: GLPK could not solve a master "
				      "MIP or scenario LP (--saa-method "
				      "extensive solves the same plan)");
		} else {
			sg_diag_warning(dg, nowhere, "Benders decomposition "
					"failed: GLPK could not solve a master "
					"MIP or scenario LP; solving the "
					"extensive form instead");
			rc = extensive_instead(det, o, t0, dg, res);
		}
	}
	/* rank 0's choice is the plan: under Benders only it saw every
	 * scenario's cost, and a time limit may stop ranks apart */
	double sum[3] = { res->cost, res->bound, res->iterations };
	int K = det->plan->nopt * det->plan->T;
	if (rc == 0 && (sg_dist_bcast(res->on, K) != 0 ||
			sg_dist_bcast(sum, 3) != 0))
		rc = SG_EINTERNAL;
	res->cost = sum[0];
	res->bound = sum[1];
	res->iterations = (int)sum[2];
	res->seconds = sg_now() - t0;
	if (rc != 0) {
		free(res->on);
		res->on = NULL;
	}
	return rc;
}

/* --- the stochastic case -------------------------------------------- */

void sg_stoch_free(sg_stoch *s)
{
	if (!s)
		return;
	sg_model_free(s->det_md);
	sg_result_free(&s->det_res);
	free(s->saa.on);
	free(s);
}

/* The stochastic ON on the forecast: model and LP solution. */
static int forecast_of(const sg_plan *P, const double *on, sg_model **md,
		       sg_result *r)
{
	*md = sg_model_new(P, 0);
	glp_scale_prob((*md)->lp, GLP_SF_AUTO);
	sg_model_fix_on(*md, on);
	memset(r, 0, sizeof *r);
	return sg_model_solve_lp(*md, r);
}

int sg_case_stochastic(sg_case *c, const sg_saa_opts *o, long oos_n,
		       struct sg_diag *dg)
{
	sg_saa_opts floored = *o; /* judged at the gap sg_saa_solve uses */
	floored.mip_gap = fmax(o->mip_gap, SG_GAP_FLOOR);
	o = &floored;
	sg_stoch *s = sg_xcalloc(1, sizeof *s);
	s->n = o->n;
	s->det_md = c->md;
	s->det_res = c->res;
	c->md = NULL;
	memset(&c->res, 0, sizeof c->res);
	c->stoch = s;
	int rc = sg_saa_solve(s->det_md, o, dg, &s->saa);
	if (rc == 0)
		rc = forecast_of(c->plan, s->saa.on, &c->md, &c->res);
	sg_eval ev;
	if (rc == 0)
		rc = sg_saa_evaluate(c->md, o->n, o->seed, o->threads,
				     o->progress, &ev, c->res.spend);
	if (rc != 0)
		return rc;
	sg_result *r = &c->res;
	s->det_cost = r->total_cost;
	s->det_unserved = r->unserved;
	s->det_shortfall = r->shortfall;
	r->total_cost = ev.cost;
	r->costs = ev.costs;
	r->unserved = ev.unserved;
	r->shortfall = ev.shortfall;
	sg_result_judge(r, s->saa.bound, s->saa.cost, o->mip_gap);
	r->seconds = s->det_res.seconds + s->saa.seconds;
	s->oos_n = oos_n;
	s->oos_seed = o->seed + 1; /* a fresh stream (mod 2^32) */
	rc = sg_saa_evaluate(c->md, oos_n, s->oos_seed, o->threads,
			     o->progress, &s->oos_stoch, NULL);
	if (rc == 0)
		rc = sg_saa_evaluate(s->det_md, oos_n, s->oos_seed,
				     o->threads, o->progress, &s->oos_det,
				     NULL);
	return rc;
}

double sg_stoch_vss(const sg_stoch *s)
{
	return s->oos_det.cost - s->oos_stoch.cost;
}

void sg_stoch_summary(FILE *f, const sg_stoch *s)
{
	fprintf(f, "stochastic_method,%s\n", s->saa.method == SG_SAA_BENDERS ?
		"benders" : "extensive");
	sg_csv_metric(f, "stochastic_scenarios", (double)s->n);
	sg_csv_metric(f, "benders_iterations", s->saa.iterations);
	sg_csv_metric(f, "out_of_sample_scenarios", (double)s->oos_n);
	sg_csv_metric(f, "out_of_sample_seed", s->oos_seed);
	sg_csv_metric(f, "out_of_sample_cost_stochastic", s->oos_stoch.cost);
	sg_csv_metric(f, "out_of_sample_cost_stochastic_se", s->oos_stoch.se);
	sg_csv_metric(f, "out_of_sample_cost_deterministic", s->oos_det.cost);
	sg_csv_metric(f, "out_of_sample_cost_deterministic_se", s->oos_det.se);
	sg_csv_metric(f, "value_of_stochastic_solution", sg_stoch_vss(s));
}

int sg_stoch_write(FILE *f, const sg_case *c)
{
	const sg_plan *P = c->plan;
	const sg_stoch *s = c->stoch;
	fputs("option,deterministic,stochastic,differs\n", f);
	for (int k = 0; k < P->nopt; k++) {
		int d = sg_option_online(s->det_md, s->det_res.x, k);
		int t = sg_option_online(c->md, c->res.x, k);
		sg_csv_text(f, P->opt[k].name);
		putc(',', f);
		if (d)
			sg_csv_label(f, P, d);
		putc(',', f);
		if (t)
			sg_csv_label(f, P, t);
		fprintf(f, ",%d\n", d != t);
	}
	return ferror(f) ? -1 : 0;
}
