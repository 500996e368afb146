/*
 * ranging.c - ranging.csv: how far each input that feeds the fixed-ON LP
 * may move, per entity and quarter, before the optimal basis changes, and
 * what total_cost is at both ends of that range.
 *
 * Right-hand sides (wafer_capacity -> fab row, contract -> contract row,
 * grid_mw -> grid row, demand -> demand row: one row per input value) use
 * GLPK's glp_analyze_bound on the row's active bound; a row that is not
 * binding (basic) may fall to its activity and rise without limit.  Inside
 * the range the solution's basis stays optimal, so total_cost moves
 * linearly with the row's dual: cost = total_cost + dual * (b - value).
 *
 * The energy price of a site and quarter is one number in the objective
 * coefficient of every platform's R[a,s,t] (d(t)*price*H*pue*lf*kw/1000),
 * so all of them move together: the range is a parametric one (the
 * reduced costs along the direction g_a = d(t)*H*pue*lf*kw_a/1000, from
 * the simplex-table rows of the basic R columns), not the tightest of the
 * single-coefficient ranges glp_analyze_coef would give column by column
 * (which assume the other platforms' coefficients stay put).  Inside the
 * range x stays optimal: cost = total_cost + (p - price) * sum_a g_a*R.
 *
 * Every input is >= 0 (FORMAT.md), so a range never goes below 0.
 */
#include "sgplan/trust.h"

#include <float.h>
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/report.h"

/* Scratch for the parametric price range: a dense vector over GLPK's
 * variables 1..m+n with the list of touched entries. */
typedef struct pscratch {
	double *v;  /* [m+n+1] change of each reduced cost per unit price */
	unsigned char *mark; /* [m+n+1] 1: listed in touch */
	int *touch; /* [m+n+1] indices listed */
	int nt;
	double *rho; /* [m+1] B'^-1 times the basic columns' direction */
	int *ind;   /* [n+1] a matrix row */
	double *val;
} pscratch;

static double unbounded(double v)
{
	return v <= -DBL_MAX ? -INFINITY : v >= DBL_MAX ? INFINITY : v;
}

/* The ends of a range and total_cost there: cost = c0 + slope*(b-v). */
static void set_ends(sg_range *r, double lo, double hi, double c0,
		     double slope)
{
	r->slope = slope;
	r->low = fmax(0, fmin(lo, r->value));
	if (r->low < 1e-9 * r->value)
		r->low = 0; /* the analysis's rounding of 0 (4.7e-10 of a
			     * contract of 3.6e6 in data/2025.csv) */
	r->high = fmax(hi, r->value);
	r->cost_low = c0 + slope * (r->low - r->value);
	r->cost_high = isfinite(r->high) ? c0 + slope * (r->high - r->value)
					 : NAN;
	if (slope == 0)
		r->cost_high = c0;
}

/* Range of the right-hand side of row idx of block base in quarter t
 * (value = its input); sign: that of the row's dual at an optimum (-1 for
 * a capacity, 1 for demand and contracts).  The slope is the dual as
 * duals.csv reports it, a hair of the wrong sign being a 0. */
static void range_row(const sg_model *md, const sg_result *res, int base,
		      int idx, int t, double sign, sg_range *r)
{
	glp_prob *lp = md->lp;
	int i = sg_idx_pt(md, base, idx, t);
	double c0 = res->total_cost;
	if (glp_get_row_stat(lp, i) == GLP_BS) {
		/* not binding: from its activity up, nothing changes; a
		 * basic equality row cannot move at all */
		double act = glp_get_row_prim(lp, i);
		int fx = glp_get_row_type(lp, i) == GLP_FX;
		set_ends(r, fx ? r->value : act, fx ? r->value : INFINITY,
			 c0, 0);
		return;
	}
	double lo, hi;
	int v1, v2;
	glp_analyze_bound(lp, i, &lo, &v1, &hi, &v2);
	sg_dual_row dr = { .base = base, .idx = idx, .sign = sign };
	set_ends(r, unbounded(lo), unbounded(hi), c0,
		 sign * sg_dual_value(md, res, &dr, t));
}

static void add_entry(pscratch *ps, int q, double dv)
{
	if (!ps->mark[q]) {
		ps->mark[q] = 1;
		ps->touch[ps->nt++] = q;
	}
	ps->v[q] += dv;
}

/*
 * Reduced-cost change per unit price along g of the columns cols[0..n):
 * a non-basic column's own g, plus, through the basic ones, the row of
 * the simplex table sum_k g_k alpha[k,.] (d_q changes by alpha[k,q] dc_k,
 * x_k = sum alpha x_q), computed as glp_transform_row does (rho =
 * inv(B') gB; alpha = -rho at auxiliary, rho'A_j at structural columns)
 * but row-wise over the support of rho, which is small.
 */
static void price_direction(glp_prob *lp, const int *cols, const double *g,
			    int n, pscratch *ps)
{
	int m = glp_get_num_rows(lp), basic = 0;
	memset(ps->rho, 0, ((size_t)m + 1) * sizeof(double));
	for (int a = 0; a < n; a++) {
		if (g[a] == 0)
			continue;
		if (glp_get_col_stat(lp, cols[a]) != GLP_BS) {
			add_entry(ps, m + cols[a], g[a]);
			continue;
		}
		ps->rho[glp_get_col_bind(lp, cols[a])] += g[a];
		basic = 1;
	}
	if (!basic)
		return;
	glp_btran(lp, ps->rho);
	for (int i = 1; i <= m; i++) {
		double r = ps->rho[i];
		if (r == 0)
			continue;
		if (glp_get_row_stat(lp, i) != GLP_BS)
			add_entry(ps, i, -r);
		int len = glp_get_mat_row(lp, i, ps->ind, ps->val);
		for (int t = 1; t <= len; t++)
			if (glp_get_col_stat(lp, ps->ind[t]) != GLP_BS)
				add_entry(ps, m + ps->ind[t], r * ps->val[t]);
	}
}

/* Largest step up (dir +1) or down (dir -1) of the price keeping every
 * reduced cost of its sign. */
static double price_step(glp_prob *lp, const pscratch *ps, int dir)
{
	int m = glp_get_num_rows(lp);
	double vmax = 0, step = INFINITY;
	for (int i = 0; i < ps->nt; i++)
		vmax = fmax(vmax, fabs(ps->v[ps->touch[i]]));
	double eps = 1e-9 * fmax(1, vmax);
	for (int i = 0; i < ps->nt; i++) {
		int q = ps->touch[i];
		double v = dir * ps->v[q];
		int st = q <= m ? glp_get_row_stat(lp, q)
				: glp_get_col_stat(lp, q - m);
		double d = q <= m ? glp_get_row_dual(lp, q)
				  : glp_get_col_dual(lp, q - m);
		if (st == GLP_NL && v < -eps)
			step = fmin(step, fmax(d, 0) / -v);
		else if (st == GLP_NU && v > eps)
			step = fmin(step, fmax(-d, 0) / v);
		else if (st == GLP_NF && fabs(v) > eps)
			step = 0;
	}
	return step;
}

/* Range of energy_price(s,t). */
static void range_price(const sg_model *md, const sg_result *res, int s,
			int t, pscratch *ps, sg_range *r)
{
	const sg_plan *P = md->plan;
	int *cols = sg_xcalloc((size_t)P->nplat + 1, sizeof(int));
	double *g = sg_xcalloc((size_t)P->nplat + 1, sizeof(double));
	double slope = 0;
	for (int a = 0; a < P->nplat; a++) {
		cols[a] = sg_col_AS(md, md->m.R, a, s, t);
		g[a] = md->d[t] * sg_energy_per_rack(P, a, s, 1.0);
		slope += g[a] * res->x[cols[a]];
	}
	ps->nt = 0;
	price_direction(md->lp, cols, g, P->nplat, ps);
	double up = price_step(md->lp, ps, 1), down = price_step(md->lp, ps,
								 -1);
	for (int i = 0; i < ps->nt; i++)
		ps->v[ps->touch[i]] = 0, ps->mark[ps->touch[i]] = 0;
	/* the racks' energy: >= 0 but for the simplex's rounding of x */
	set_ends(r, r->value - down, r->value + up, res->total_cost,
		 fmax(slope, 0));
	free(cols);
	free(g);
}

/* One range per input value, in ranging.csv order. */
static int count_ranges(const sg_plan *P)
{
	return P->T * (P->nfab + P->nprod + 2 * P->nsite + P->nreg);
}

static sg_range *next(sg_ranging *rg, int attr, int ent, int t, double v)
{
	sg_range *r = &rg->r[rg->n++];
	r->attr = attr;
	r->ent = ent;
	r->t = t;
	r->value = v;
	return r;
}

static void range_rows(sg_model *md, const sg_result *res, sg_ranging *rg)
{
	const sg_plan *P = md->plan;
	for (int f = 0; f < P->nfab; f++)
		for (int t = 1; t <= P->T; t++)
			range_row(md, res, md->m.fab, f, t, -1,
				  next(rg, SG_RANGE_WAFER_CAPACITY, f, t,
				       P->fab[f].wafer_capacity[t - 1]));
	for (int p = 0; p < P->nprod; p++)
		for (int t = 1; t <= P->T; t++)
			range_row(md, res, md->m.contract, p, t, 1,
				  next(rg, SG_RANGE_CONTRACT, p, t,
				       P->prod[p].contract[t - 1]));
}

static void range_sites(sg_model *md, const sg_result *res, sg_ranging *rg,
			pscratch *ps)
{
	const sg_plan *P = md->plan;
	for (int s = 0; s < P->nsite; s++) {
		for (int t = 1; t <= P->T; t++)
			range_row(md, res, md->m.grid, s, t, -1,
				  next(rg, SG_RANGE_GRID_MW, s, t,
				       P->site[s].grid_mw[t - 1]));
		for (int t = 1; t <= P->T; t++)
			range_price(md, res, s, t, ps,
				    next(rg, SG_RANGE_ENERGY_PRICE, s, t,
					 P->site[s].energy_price[t - 1]));
	}
	for (int r = 0; r < P->nreg; r++)
		for (int t = 1; t <= P->T; t++)
			range_row(md, res, md->m.demand, r, t, 1,
				  next(rg, SG_RANGE_DEMAND, r, t,
				       P->reg[r].demand[t - 1]));
}

/* Shift the bounds of row r's quarters t..u by d. */
static void shift_rows(glp_prob *lp, const sg_model *md,
		       const sg_dual_row *r, int t, int u, double d)
{
	for (int q = t; q <= u; q++) {
		int i = sg_idx_pt(md, r->base, r->idx, q);
		glp_set_row_bnds(lp, i, glp_get_row_type(lp, i),
				 glp_get_row_lb(lp, i) + d,
				 glp_get_row_ub(lp, i) + d);
	}
}

double sg_dual_check(glp_prob *work, const sg_model *md, double base,
		     const sg_dual_row *r, int t, int u)
{
	shift_rows(work, md, r, t, u, 1);
	double v = sg_lp_simplex(work) == GLP_OPT ?
		   r->sign * (glp_get_obj_val(work) - base) : NAN;
	shift_rows(work, md, r, t, u, -1);
	return v;
}

/* GLPK aborts on analysis without an optimal basis and its factors. */
static int basis_ready(glp_prob *lp)
{
	if (glp_get_prim_stat(lp) != GLP_FEAS ||
	    glp_get_dual_stat(lp) != GLP_FEAS)
		return 0;
	return glp_bf_exists(lp) || glp_factorize(lp) == 0;
}

int sg_ranging_compute(sg_model *md, const sg_result *res, sg_ranging **out)
{
	const sg_plan *P = md->plan;
	*out = NULL;
	if (!basis_ready(md->lp))
		return SG_EINTERNAL;
	int nv = glp_get_num_rows(md->lp) + glp_get_num_cols(md->lp) + 1;
	pscratch ps = { sg_xcalloc((size_t)nv, sizeof(double)),
			sg_xcalloc((size_t)nv, 1),
			sg_xcalloc((size_t)nv, sizeof(int)), 0,
			sg_xcalloc((size_t)nv, sizeof(double)),
			sg_xcalloc((size_t)nv, sizeof(int)),
			sg_xcalloc((size_t)nv, sizeof(double)) };
	sg_ranging *rg = sg_xcalloc(1, sizeof *rg);
	rg->r = sg_xcalloc((size_t)count_ranges(P) + 1, sizeof(sg_range));
	range_rows(md, res, rg);
	range_sites(md, res, rg, &ps);
	free(ps.v);
	free(ps.mark);
	free(ps.touch);
	free(ps.rho);
	free(ps.ind);
	free(ps.val);
	*out = rg;
	return 0;
}

void sg_ranging_free(sg_ranging *rg)
{
	if (!rg)
		return;
	free(rg->r);
	free(rg);
}

int sg_ranging_write(FILE *f, const sg_model *md, const sg_ranging *rg)
{
	static const char *sec[] = { "fab", "product", "site", "site",
				     "region" };
	static const char *attr[] = { "wafer_capacity", "contract", "grid_mw",
				      "energy_price", "demand" };
	const sg_plan *P = md->plan;
	fputs("section,name,attribute,quarter,value,low,high,cost_at_low,"
	      "cost_at_high,cost_slope\n", f);
	for (int i = 0; rg && i < rg->n; i++) {
		const sg_range *r = &rg->r[i];
		const char *name = r->attr == SG_RANGE_WAFER_CAPACITY ?
			P->fab[r->ent].name : r->attr == SG_RANGE_CONTRACT ?
			P->prod[r->ent].name : r->attr == SG_RANGE_DEMAND ?
			P->reg[r->ent].name : P->site[r->ent].name;
		fprintf(f, "%s,", sec[r->attr]);
		sg_csv_text(f, name);
		fprintf(f, ",%s,", attr[r->attr]);
		sg_csv_label(f, P, r->t);
		const double v[] = { r->value, r->low, r->high, r->cost_low,
				     r->cost_high, r->slope };
		for (int k = 0; k < 6; k++) {
			putc(',', f);
			sg_csv_num(f, v[k]);
		}
		putc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}
