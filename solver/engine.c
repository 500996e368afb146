/*
 * engine.c - walks the components to build the MIP, solves it with GLPK's
 * branch-and-cut, then fixes ON and solves the LP that is the reported plan.
 */
#include "sgplan/engine.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/report.h"

extern const sg_component sg_fab_component, sg_memory_component,
	sg_power_component, sg_phasing_component;

/* Build order matters: a component's add_rows may put coefficients into
 * rows of the components before it (memory -> stock rows of fab; phasing ->
 * capacity rows of fab and power). */
const sg_component *const sg_components[] = {
	&sg_fab_component, &sg_memory_component, &sg_power_component,
	&sg_phasing_component, NULL
};

static int glpk_to_stderr(void *info, const char *s)
{
	(void)info;
	fputs(s, stderr);
	return 1;
}

/* GLPK has printed its message (it turns its terminal output on for
 * that); the hook must not return, or GLPK aborts. */
static void glpk_fatal(void *info)
{
	(void)info;
	sg_tmp_remove_all();
	fputs("sgplan: internal error: GLPK stopped on the error above; "
	      "the run is stopped and no file was written\n", stderr);
	_exit(-SG_EINTERNAL);
}

void sg_glpk_env(int verbose)
{
	glp_term_hook(glpk_to_stderr, NULL);
	glp_term_out(verbose ? GLP_ON : GLP_OFF);
	glp_error_hook(glpk_fatal, NULL);
}

double sg_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int sg_ms_until(double end)
{
	if (!(end < INFINITY))
		return INT_MAX;
	return (int)fmin(fmax(0, (end - sg_now()) * 1000), 2e9);
}

/* GLPK's simplex by meth, stopped at sg_now() = end: the LP's status, or
 * GLP_UNDEF when glp_simplex fails. */
static int simplex_by(struct glp_prob *lp, int meth, double end, int it_lim)
{
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.meth = meth;
	sm.tm_lim = sg_ms_until(end);
	if (it_lim > 0)
		sm.it_lim = it_lim;
	return glp_simplex(lp, &sm) == 0 ? glp_get_status(lp) : GLP_UNDEF;
}

/* The status st of the dual simplex, unless it did not end optimal: then
 * the primal simplex from a fresh basis decides, time allowing.  GLPK's
 * dual simplex can end in a false "no primal feasible solution", and its
 * primal simplex from that basis too, where data differ widely in size
 * (2026-12-07: a demand of 1e9 beside ones of 100 left the example's
 * root LP unsolved; 2025.csv in memory units 1e9 times smaller left the
 * reported plan's LP so, an internal error). */
static int primal_decides(struct glp_prob *lp, int st, double end)
{
	if (st == GLP_OPT || sg_now() >= end)
		return st;
	glp_adv_basis(lp, 0);
	return simplex_by(lp, GLP_PRIMAL, end, 0);
}

int sg_lp_resolve(struct glp_prob *lp, double end)
{
	/* the dual simplex: 2.4x faster than primal on 50x8x40 (its root LP,
	 * 27,728 rows, in about 16,000 iterations); but on a transport-like
	 * LP (100 sites serving 100 regions, 1,000 rows) it takes 22,000
	 * iterations and 8 s where the primal takes 563 and 0.1 s, and at
	 * 200 of each 440 s: past 2 iterations a row (and 5,000) the
	 * primal decides (1.7 s and 6.7 s), a count, so the same on any
	 * machine; the root LPs of bench/'s plans stay well within it */
	int rows = glp_get_num_rows(lp);
	int cap = rows > (INT_MAX - 5000) / 2 ? INT_MAX : 2 * rows + 5000;
	int st = primal_decides(lp, simplex_by(lp, GLP_DUALP, end, cap),
				end);
	return st == GLP_OPT ? 0 : st == GLP_NOFEAS ? 1 : -1;
}

/* A whole number the sums below keep exact: |v| <= 2^20, so that a row of
 * at most 4096 such products sums exactly in double arithmetic. */
static int small_int(double v)
{
	return fabs(v) <= 1048576 && v == floor(v);
}

/* Are row i's bounds implied by the bounds of its columns?  ind and val:
 * scratch for a row of lp.  Floating-point sums are enough for a search:
 * a row that holds within their rounding holds within GLPK's own
 * tolerances.  exact: only rows whose sums are exact (small_int data,
 * infinite bounds aside), for an exact re-solve. */
static int row_implied(struct glp_prob *lp, int i, int *ind, double *val,
		       int exact)
{
	int len = glp_get_mat_row(lp, i, ind, val);
	int type = glp_get_row_type(lp, i);
	int need_lo = type == GLP_LO || type == GLP_DB || type == GLP_FX;
	int need_hi = type == GLP_UP || type == GLP_DB || type == GLP_FX;
	double rlo = glp_get_row_lb(lp, i), rhi = glp_get_row_ub(lp, i);
	if (exact && (len > 4096 || (need_lo && !small_int(rlo)) ||
		      (need_hi && !small_int(rhi))))
		return 0;
	double lo = 0, hi = 0;
	for (int k = 1; k <= len; k++) {
		int j = ind[k], t = glp_get_col_type(lp, j);
		double l = t == GLP_FR || t == GLP_UP ? -INFINITY
						     : glp_get_col_lb(lp, j);
		double u = t == GLP_FR || t == GLP_LO ? INFINITY
						     : glp_get_col_ub(lp, j);
		if (exact && (!small_int(val[k]) ||
			      (isfinite(l) && !small_int(l)) ||
			      (isfinite(u) && !small_int(u))))
			return 0;
		lo += val[k] > 0 ? val[k] * l : val[k] * u;
		hi += val[k] > 0 ? val[k] * u : val[k] * l;
	}
	return (!need_lo || lo >= rlo) && (!need_hi || hi <= rhi);
}

int sg_lp_drop_implied(struct glp_prob *lp, int exact)
{
	int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp), k = 0;
	int *ind = sg_xcalloc((size_t)n + 1, sizeof(int));
	double *val = sg_xcalloc((size_t)n + 1, sizeof(double));
	int *num = sg_xcalloc((size_t)m + 1, sizeof(int));
	for (int i = 1; i <= m; i++)
		if (glp_get_row_stat(lp, i) == GLP_BS &&
		    row_implied(lp, i, ind, val, exact))
			num[++k] = i;
	if (k == m) /* GLPK keeps a problem with rows */
		k--;
	if (k > 0)
		glp_del_rows(lp, k, num);
	free(ind);
	free(val);
	free(num);
	return k;
}

/* A model of plan p whose costs weigh w: d(t) already multiplied by w. */
static void model_init(sg_model *md, const sg_plan *p, double w)
{
	md->plan = p;
	md->w = w;
	md->on_first = sg_xcalloc((size_t)p->nopt + 1, sizeof(int));
	md->on_forced = sg_xcalloc((size_t)p->nopt + 1, sizeof(int));
	md->d = sg_xcalloc((size_t)p->T + 2, sizeof(double));
	for (int t = 0; t <= p->T + 1; t++)
		md->d[t] = w * sg_plan_discount(p, t);
}

/* Second-stage copy k: the model itself, or sub[k]. */
static sg_model *copy_of(sg_model *md, int k)
{
	return md->nsub ? &md->sub[k] : md;
}

static void build(sg_model *md, sg_mb *mb)
{
	const sg_component *const *c;
	for (c = sg_components; *c; c++)
		if ((*c)->first_stage)
			(*c)->add_cols(md, mb);
	for (c = sg_components; *c; c++)
		if ((*c)->first_stage)
			(*c)->add_rows(md, mb);
	for (int k = 0; k < sg_model_ncopy(md); k++) {
		sg_model *s = copy_of(md, k);
		if (s != md) {
			s->m.ON = md->m.ON;
			memcpy(s->on_first, md->on_first,
			       (size_t)md->plan->nopt * sizeof(int));
			memcpy(s->on_forced, md->on_forced,
			       (size_t)md->plan->nopt * sizeof(int));
		}
		for (c = sg_components; *c; c++)
			if (!(*c)->first_stage)
				(*c)->add_cols(s, mb);
		for (c = sg_components; *c; c++)
			if (!(*c)->first_stage)
				(*c)->add_rows(s, mb);
		for (c = sg_components; *c; c++)
			if ((*c)->first_stage && (*c)->link_rows)
				(*c)->link_rows(s, mb);
	}
}

static void finish(sg_model *md, sg_mb *mb)
{
	md->lp = sg_mb_finish(mb);
	glp_set_prob_name(md->lp, "sgplan");
	glp_set_obj_name(md->lp, "total_cost");
	sg_mb_free(mb);
}

sg_model *sg_model_new(const sg_plan *p, int names)
{
	sg_model *md = sg_xcalloc(1, sizeof *md);
	model_init(md, p, 1);
	sg_mb *mb = sg_mb_new(names);
	build(md, mb);
	finish(md, mb);
	return md;
}

sg_model *sg_model_new_saa(const sg_plan *p, const sg_plan *views, int n,
			   int names)
{
	sg_model *md = sg_xcalloc(1, sizeof *md);
	model_init(md, p, 1);
	md->nsub = n;
	md->sub = sg_xcalloc((size_t)n, sizeof *md->sub);
	for (int k = 0; k < n; k++)
		model_init(&md->sub[k], &views[k], 1.0 / n);
	sg_mb *mb = sg_mb_new(names);
	build(md, mb);
	finish(md, mb);
	return md;
}

sg_model *sg_model_new_master(const sg_plan *p, int n)
{
	sg_model *md = sg_xcalloc(1, sizeof *md);
	model_init(md, p, 1);
	sg_mb *mb = sg_mb_new(0);
	const sg_component *const *c;
	for (c = sg_components; *c; c++)
		if ((*c)->first_stage)
			(*c)->add_cols(md, mb);
	md->m.theta = sg_mb_add_cols(mb, n, SG_CONT, SG_LO, 0, 0, 1.0 / n);
	for (c = sg_components; *c; c++)
		if ((*c)->first_stage)
			(*c)->add_rows(md, mb);
	finish(md, mb);
	return md;
}

static void model_fini(sg_model *md)
{
	free(md->on_first);
	free(md->on_forced);
	free(md->d);
}

void sg_model_free(sg_model *md)
{
	if (!md)
		return;
	if (md->lp)
		glp_delete_prob(md->lp);
	for (int k = 0; k < md->nsub; k++)
		model_fini(&md->sub[k]);
	free(md->sub);
	model_fini(md);
	free(md);
}

/* q += w * second-stage spend of every scenario copy. */
static void add_copies(const sg_model *md, const double *x, sg_costs *q)
{
	int T = md->plan->T;
	sg_costs *qi = sg_xcalloc((size_t)T + 1, sizeof *qi);
	for (int i = 0; i < md->nsub; i++) {
		const sg_model *s = &md->sub[i];
		memset(qi, 0, (size_t)(T + 1) * sizeof *qi);
		for (int k = 0; sg_components[k]; k++)
			if (!sg_components[k]->first_stage)
				sg_components[k]->costs(s, x, qi);
		for (int t = 1; t <= T; t++)
			for (int j = 0; j < SG_NCOSTS; j++)
				q[t].v[j] += s->w * qi[t].v[j];
	}
	free(qi);
}

void sg_model_costs(const sg_model *md, const double *x, sg_costs *q,
		    sg_costs *pv)
{
	int T = md->plan->T;
	memset(q, 0, (size_t)(T + 1) * sizeof *q);
	memset(pv, 0, sizeof *pv);
	for (int k = 0; sg_components[k]; k++)
		if (sg_components[k]->first_stage || !md->nsub)
			sg_components[k]->costs(md, x, q);
	if (md->nsub)
		add_copies(md, x, q);
	for (int t = 1; t <= T; t++) {
		double d = sg_plan_discount(md->plan, t);
		for (int j = 0; j < SG_NCOSTS; j++)
			pv->v[j] += d * q[t].v[j];
	}
}

double sg_costs_total(const sg_costs *c)
{
	double s = 0;
	for (int j = 0; j < SG_NCOSTS; j++)
		s += c->v[j];
	return s;
}

/* Can GLPK's MPS writer hold v?  It writes a number in at most 12
 * characters, with 12 digits down to 6, and fails an assertion (abort)
 * when none fits: -1.23457E-120 takes 13.  The same steps as its
 * mps_numb (GLPK 5.0, api/mps.c). */
static int mps_fits(double v)
{
	char f[64];
	for (int dig = 12; dig >= 6; dig--) {
		if (v != 0 && fabs(v) < 0.002)
			snprintf(f, sizeof f, "%.*E", dig - 1, v);
		else
			snprintf(f, sizeof f, "%.*G", dig, v);
		char *e = strchr(f, 'E');
		if (e)
			snprintf(e + 1, sizeof f - (size_t)(e + 1 - f), "%d",
				 atoi(e + 1));
		if (strlen(f) <= 12)
			return 1;
	}
	return 0;
}

/* Do the bounds of type t (GLP_FR ... GLP_FX) that an MPS file holds
 * fit: lb, ub and, for a range, ub - lb? */
static int bounds_fit(int t, double lb, double ub)
{
	return (t == GLP_FR || t == GLP_UP || mps_fits(lb)) &&
	       (t != GLP_UP && t != GLP_DB ? 1 : mps_fits(ub)) &&
	       (t != GLP_DB || mps_fits(ub - lb));
}

/* Does every number GLPK's MPS writer would write fit (mps_fits):
 * coefficients, costs, the objective's constant, bounds and ranges? */
static int mps_holds(glp_prob *lp)
{
	int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
	int *ind = sg_xcalloc((size_t)m + 1, sizeof(int));
	double *val = sg_xcalloc((size_t)m + 1, sizeof(double));
	int ok = mps_fits(glp_get_obj_coef(lp, 0)) &&
		 mps_fits(-glp_get_obj_coef(lp, 0));
	for (int i = 1; ok && i <= m; i++)
		ok = bounds_fit(glp_get_row_type(lp, i),
				glp_get_row_lb(lp, i), glp_get_row_ub(lp, i));
	for (int j = 1; ok && j <= n; j++) {
		int len = glp_get_mat_col(lp, j, ind, val);
		ok = mps_fits(glp_get_obj_coef(lp, j)) &&
		     bounds_fit(glp_get_col_type(lp, j),
				glp_get_col_lb(lp, j), glp_get_col_ub(lp, j));
		for (int k = 1; ok && k <= len; k++)
			ok = mps_fits(val[k]);
	}
	free(ind);
	free(val);
	return ok;
}

/* Exported models leave out the columns in no row that change nothing:
 * fixed at 0 (the variables MODEL.md says do not exist), or at no cost
 * (an option of capacity 0 and no opex, committed or not): readers such
 * as cbc reject the placeholder GLPK writes for an empty column in MPS.
 * A model left without columns or rows gets a column "none", fixed at 0,
 * and a row "none" (the empty plan of tests/model/empty.csv). */
int sg_model_write(const sg_model *md, int fmt, const char *path)
{
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, md->lp, GLP_ON);
	int n = glp_get_num_cols(lp), nd = 0;
	int *del = sg_xcalloc((size_t)n + 1, sizeof(int));
	for (int j = 1; j <= n; j++)
		if (glp_get_mat_col(lp, j, NULL, NULL) == 0 &&
		    (glp_get_obj_coef(lp, j) == 0 ||
		     (glp_get_col_type(lp, j) == GLP_FX &&
		      glp_get_col_lb(lp, j) == 0)))
			del[++nd] = j;
	if (nd > 0)
		glp_del_cols(lp, nd, del);
	free(del);
	if (glp_get_num_cols(lp) == 0 || glp_get_num_rows(lp) == 0) {
		/* readers want a column and a row (GLPK's LP writer writes
		 * none without), and GLPK writes a column in no row and at
		 * no cost as the placeholder: column "none" at 0, of cost 1,
		 * and a row "none", none >= 0 */
		int j = glp_add_cols(lp, 1), ind[2] = { 0, j };
		double one[2] = { 0, 1 };
		glp_set_col_name(lp, j, "none");
		glp_set_col_bnds(lp, j, GLP_FX, 0, 0);
		glp_set_obj_coef(lp, j, 1);
		if (glp_get_num_rows(lp) == 0) {
			int i = glp_add_rows(lp, 1);
			glp_set_row_name(lp, i, "none");
			glp_set_row_bnds(lp, i, GLP_LO, 0, 0);
			glp_set_mat_row(lp, i, 1, ind, one);
		}
	}
	int rc = fmt == 'l' ? glp_write_lp(lp, NULL, path)
	       : !mps_holds(lp) ? SG_EMPS_NUMBER
	       : glp_write_mps(lp, GLP_MPS_FILE, NULL, path);
	glp_delete_prob(lp);
	return rc == 0 || rc == SG_EMPS_NUMBER ? rc : SG_EOUTPUT;
}

void sg_model_fix_on(sg_model *md, const double *on)
{
	const sg_plan *P = md->plan;
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++) {
			int j = sg_idx_pt(md, md->m.ON, k, t);
			double v = on[k * P->T + t - 1] > 0.5 ? 1 : 0;
			glp_set_col_kind(md->lp, j, GLP_CV);
			glp_set_col_bnds(md->lp, j, GLP_FX, v, v);
		}
}

double *sg_model_on_of(const sg_model *md, const double *x)
{
	const sg_plan *P = md->plan;
	double *on = sg_xcalloc((size_t)P->nopt * P->T + 1, sizeof(double));
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++)
			on[k * P->T + t - 1] =
				x[sg_idx_pt(md, md->m.ON, k, t)] > 0.5;
	return on;
}

double sg_lp_col_snap(struct glp_prob *lp, int j, double in, double out)
{
	int type = glp_get_col_type(lp, j);
	double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
	if (type == GLP_FX)
		return lb;
	double x = glp_get_col_prim(lp, j);
	double tl = fmax(1, fabs(lb)), tu = fmax(1, fabs(ub));
	if ((type == GLP_LO || type == GLP_DB) && x <= lb + in * tl &&
	    x > lb - out * tl)
		return lb;
	if ((type == GLP_UP || type == GLP_DB) && x >= ub - in * tu &&
	    x < ub + out * tu)
		return ub;
	return x;
}

double sg_lp_col_value(struct glp_prob *lp, int j)
{
	/* a hair from a bound is the simplex's rounding (racks of -8.7e-15
	 * in quarterly.csv, and of 6.2e-15 at a site data/2025.csv never
	 * builds): on the bound; outside it, up to GLPK's own feasibility
	 * tolerance (an unserved -1.2e-8 in a data/2025.csv scenario) */
	return sg_lp_col_snap(lp, j, SG_SNAP_IN, SG_SNAP_OUT);
}

double sg_lp_col_search(struct glp_prob *lp, int j)
{
	return sg_lp_col_snap(lp, j, 0, 1e-9);
}

int sg_lp_plan(struct glp_prob *lp, double *x, double *obj)
{
	if (sg_lp_simplex(lp) != GLP_OPT)
		return -1;
	for (int j = glp_get_num_cols(lp); j >= 1; j--)
		x[j] = sg_lp_col_search(lp, j);
	*obj = glp_get_obj_val(lp);
	return 0;
}

int sg_lp_fractional(struct glp_prob *lp, int j)
{
	double x = glp_get_col_prim(lp, j);
	return glp_get_col_kind(lp, j) != GLP_CV &&
	       fabs(x - floor(x + 0.5)) > 1e-5;
}

int sg_mip_has_plan(struct glp_prob *lp)
{
	int st = glp_mip_status(lp);
	return st == GLP_FEAS || st == GLP_OPT;
}

int sg_model_coef_range(const sg_model *md, double *lo, double *hi,
			int at[4])
{
	glp_prob *lp = md->lp;
	int n = glp_get_num_cols(lp), m = glp_get_num_rows(lp), any = 0;
	int *ind = sg_xcalloc((size_t)m + 2, sizeof(int));
	double *val = sg_xcalloc((size_t)m + 2, sizeof(double));
	int where[4] = { 0, 0, 0, 0 };
	*lo = INFINITY;
	*hi = 0;
	for (int j = 1; j <= n; j++) {
		int len = glp_get_mat_col(lp, j, ind, val);
		ind[++len] = 0; /* the objective, row 0 */
		val[len] = glp_get_obj_coef(lp, j);
		for (int k = 1; k <= len; k++) {
			double a = isnan(val[k]) ? INFINITY : fabs(val[k]);
			if (a == 0)
				continue;
			any = 1;
			if (a < *lo)
				*lo = a, where[0] = j, where[1] = ind[k];
			if (a > *hi)
				*hi = a, where[2] = j, where[3] = ind[k];
		}
	}
	free(ind);
	free(val);
	if (!any)
		*lo = 0;
	if (at)
		memcpy(at, where, sizeof where);
	return any;
}

void sg_result_extract(const sg_model *md, struct glp_prob *lp,
		       sg_result *res)
{
	sg_result_extract_scaled(md, lp, NULL, 1, res);
}

void sg_result_extract_scaled(const sg_model *md, struct glp_prob *lp,
			      const double *rs, double os, sg_result *res)
{
	const sg_plan *P = md->plan;
	int n = glp_get_num_cols(lp), m = glp_get_num_rows(lp);
	if (!res->x) {
		res->x = sg_xcalloc((size_t)n + 1, sizeof(double));
		res->dual = sg_xcalloc((size_t)m + 1, sizeof(double));
		res->spend = sg_xcalloc((size_t)P->T + 1, sizeof(sg_costs));
	}
	res->ncol = n;
	res->nrow = m;
	for (int j = 1; j <= n; j++)
		res->x[j] = sg_lp_col_value(lp, j);
	sg_racks_running(md, res->x);
	res->dual_big = 0;
	for (int i = 1; i <= m; i++) {
		/* the factors' ratio first: exact, and no overflow */
		res->dual[i] = glp_get_row_dual(lp, i) * ((rs ? rs[i] : 1) /
							 os);
		res->dual_big = fmax(res->dual_big, fabs(res->dual[i]));
	}
	res->total_cost = glp_get_obj_val(lp) / os;
	sg_model_costs(md, res->x, res->spend, &res->costs);
	res->unserved = res->shortfall = 0;
	for (int k = 0; k < sg_model_ncopy(md); k++) {
		const sg_model *s = sg_model_copy(md, k);
		for (int t = 1; t <= P->T; t++) {
			for (int r = 0; r < P->nreg; r++)
				res->unserved += s->w *
					res->x[sg_idx_pt(s, s->m.U, r, t)];
			for (int p = 0; p < P->nprod; p++)
				res->shortfall += s->w *
					res->x[sg_idx_pt(s, s->m.SE, p, t)];
		}
	}
}

/* Does lp hold a basis other than GLPK's first one (every row basic)? */
static int own_basis(struct glp_prob *lp)
{
	for (int j = glp_get_num_cols(lp); j >= 1; j--)
		if (glp_get_col_stat(lp, j) == GLP_BS)
			return 1;
	return 0;
}

int sg_lp_simplex(struct glp_prob *lp)
{
	/* 50x8x40, an LP with ON fixed: 0.03-0.8 s from the optimal basis of
	 * another plan by the dual simplex against 1.4-1.9 s from an
	 * advanced basis (the primal simplex from that basis: 0.15-0.9 s);
	 * from an advanced basis the primal simplex takes 1.7 s against
	 * 2.1 s by the dual.  An LP the dual simplex calls infeasible is
	 * left so: the heuristics' plans often are (no room for the initial
	 * racks), and a primal solve for each made a plan's search 1.7
	 * times as long (2026-12-07). */
	int st = own_basis(lp) ? simplex_by(lp, GLP_DUALP, INFINITY, 0)
			       : GLP_UNDEF;
	return st == GLP_UNDEF ? primal_decides(lp, st, INFINITY) : st;
}

int sg_lp_optimum(struct glp_prob *lp)
{
	return primal_decides(lp, sg_lp_simplex(lp), INFINITY);
}

int sg_model_solve_lp(sg_model *md, sg_result *res)
{
	int st = sg_lp_optimum(md->lp);
	if (st != GLP_OPT)
		return st == GLP_NOFEAS ? SG_EINFEAS : SG_EINTERNAL;
	sg_result_extract(md, md->lp, res);
	return 0;
}

void sg_basis_get(struct glp_prob *lp, sg_basis *b)
{
	b->m = glp_get_num_rows(lp);
	b->n = glp_get_num_cols(lp);
	b->stat = sg_xcalloc((size_t)b->m + b->n + 1, sizeof(int));
	for (int i = 1; i <= b->m; i++)
		b->stat[i] = glp_get_row_stat(lp, i);
	for (int j = 1; j <= b->n; j++)
		b->stat[b->m + j] = glp_get_col_stat(lp, j);
}

void sg_basis_set(struct glp_prob *lp, const sg_basis *b)
{
	int m = glp_get_num_rows(lp);
	for (int i = 1; i <= m; i++)
		glp_set_row_stat(lp, i, i <= b->m ? b->stat[i] : GLP_BS);
	for (int j = 1; j <= b->n; j++)
		glp_set_col_stat(lp, j, b->stat[b->m + j]);
}

void sg_basis_free(sg_basis *b)
{
	free(b->stat);
	b->stat = NULL;
}

void sg_result_bound(sg_result *r, double bound)
{
	double c = r->total_cost;
	r->best_bound = isfinite(bound) ? fmin(bound, c) : bound;
	r->gap = isfinite(bound) ? (c - r->best_bound) / fmax(1, fabs(c))
				 : INFINITY;
}

/* The bound r's search proved, moved with the drift of r's cost from the
 * search's own value of the plan where that is rounding (SG_LP_DRIFT). */
static double judged_bound(const sg_result *r)
{
	double c = r->total_cost, b = r->judge_bound;
	if (isfinite(b) &&
	    fabs(c - r->judge_found) <= SG_LP_DRIFT * fmax(1, fabs(c)))
		b += c - r->judge_found;
	return b;
}

static void verdict(sg_result *r, double bound)
{
	sg_result_bound(r, bound);
	r->status = r->gap <= r->judge_gap ? SG_STATUS_OPTIMAL
					   : SG_STATUS_TIME_LIMIT;
}

void sg_result_judge(sg_result *r, double bound, double found,
		     double mip_gap)
{
	r->judged = 1;
	r->judge_bound = bound;
	r->judge_found = found;
	r->judge_gap = mip_gap;
	verdict(r, judged_bound(r));
}

void sg_result_rejudge(sg_result *r, double was_cost)
{
	/* the bound moved as much as the cost: the verdict of before */
	double moved = r->best_bound + r->total_cost - was_cost;
	if (r->judged)
		verdict(r, fmax(judged_bound(r), moved));
	else
		sg_result_bound(r, moved);
}

void sg_result_free(sg_result *res)
{
	free(res->x);
	free(res->dual);
	free(res->spend);
	res->x = res->dual = NULL;
	res->spend = NULL;
}
