/*
 * certify.c - a certified optimum: the fixed-ON LP re-solved in exact
 * rational arithmetic (glp_exact, from the final basis), and the reported
 * solution checked against the model's own data, independently of any
 * basis: primal feasibility (row activities and column values within their
 * bounds) and dual feasibility (reduced costs and row duals of the right
 * sign, zero where a bound is not active).  Together: the reported numbers
 * satisfy the optimality conditions of MODEL.md's LP to SG_CERTIFY_TOL, and
 * the objective of that basis, computed exactly, is total_cost.
 *
 * Violations are relative: a row's to max(1 + sum |a_ij x_j|, |bound|), a
 * column's to max(1, |bound|); a reduced cost's to max(1, |c_j|, largest
 * |a_ij y_i|); a row dual's to max(1, largest |c_j| in the row).
 */
#include "sgplan/trust.h"

#include <glpk.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "sgplan/common.h"
#include "sgplan/engine.h"

/* Where x lies against [lb, ub] of a GLPK bound type, to a tolerance
 * relative to max(s, |bound|): -1 at the lower bound, +1 at the upper, 2
 * fixed (or at both), 0 strictly inside. */
static int position(int type, double lb, double ub, double x, double s)
{
	double tl = 1e-9 * fmax(s, fabs(lb)), tu = 1e-9 * fmax(s, fabs(ub));
	if (type == GLP_FX)
		return 2;
	int atl = (type == GLP_LO || type == GLP_DB || type == GLP_FX) &&
		  x <= lb + tl;
	int atu = (type == GLP_UP || type == GLP_DB || type == GLP_FX) &&
		  x >= ub - tu;
	return atl && atu ? 2 : atl ? -1 : atu ? 1 : 0;
}

/* Relative violation of x against its bounds, scale s >= 1. */
static double bound_violation(int type, double lb, double ub, double x,
			      double s)
{
	double v = 0;
	if (type == GLP_LO || type == GLP_DB || type == GLP_FX)
		v = fmax(v, (lb - x) / fmax(s, fabs(lb)));
	if (type == GLP_UP || type == GLP_DB || type == GLP_FX)
		v = fmax(v, (x - ub) / fmax(s, fabs(ub)));
	return v;
}

/* Wrong-sign part of a reduced cost d (minimisation) at position pos. */
static double sign_violation(int pos, double d)
{
	switch (pos) {
	case -1: return fmax(0, -d);
	case 1: return fmax(0, d);
	case 2: return 0;
	default: return fabs(d);
	}
}

/* Rows: activity within bounds; duals of the right sign. */
static void check_rows(glp_prob *lp, const double *x, const double *y,
		       int *ind, double *val, double *pv, double *dv)
{
	int m = glp_get_num_rows(lp);
	for (int i = 1; i <= m; i++) {
		int len = glp_get_mat_row(lp, i, ind, val);
		long double act = 0;
		double mag = 1, cmax = 1; /* 1 + sum |a_ij x_j| */
		for (int k = 1; k <= len; k++) {
			act += (long double)val[k] * x[ind[k]];
			mag += fabs(val[k] * x[ind[k]]);
			cmax = fmax(cmax, fabs(glp_get_obj_coef(lp, ind[k])));
		}
		int type = glp_get_row_type(lp, i);
		double lb = glp_get_row_lb(lp, i), ub = glp_get_row_ub(lp, i);
		*pv = fmax(*pv, bound_violation(type, lb, ub, (double)act,
						mag));
		int pos = position(type, lb, ub, (double)act, mag);
		*dv = fmax(*dv, sign_violation(pos, y[i]) / cmax);
	}
}

/* Columns: values within bounds; reduced costs of the right sign. */
static void check_cols(glp_prob *lp, const double *x, const double *y,
		       int *ind, double *val, double *pv, double *dv)
{
	int n = glp_get_num_cols(lp);
	for (int j = 1; j <= n; j++) {
		int len = glp_get_mat_col(lp, j, ind, val);
		double c = glp_get_obj_coef(lp, j), s = fmax(1, fabs(c));
		long double d = c;
		for (int k = 1; k <= len; k++) {
			d -= (long double)val[k] * y[ind[k]];
			s = fmax(s, fabs(val[k] * y[ind[k]]));
		}
		int type = glp_get_col_type(lp, j);
		double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
		*pv = fmax(*pv, bound_violation(type, lb, ub, x[j], 1));
		int pos = position(type, lb, ub, x[j], 1);
		*dv = fmax(*dv, sign_violation(pos, (double)d) / s);
	}
}

/* ---- numbers glp_exact reads exactly ---------------------------------
 * glp_exact reads a number that is not an integer as a nearby fraction of
 * small terms (GLPK's set_d_eps, to 1e-10 relative), so it solves an LP a
 * little off the model's: 1,000.000002 of demand at a penalty of 1e9 had
 * an "exact" cost of 2,000.0425 for a true 1,999.99999495 (2026-12-08; a
 * helper's audit), which sgplan then reported.  An integer it reads as it
 * is, and a double times a power of two large enough is an integer: so
 * each row (its coefficients and bounds) and the objective are scaled by
 * powers of two, which change no digit, and the solution is scaled back.
 * Column bounds are 0, 1 or none in this model: integers already. */

typedef struct {
	double *row; /* [nrow+1] each row's factor */
	double obj;  /* the objective's */
	int approx;  /* rows (and objective) left unscaled, read as
		      * fractions: a number would pass 2^1000 */
} pow2_scale;

/* The exponent e of v = m 2^e, m an odd integer (v finite, not 0). */
static int low_bit(double v)
{
	int e;
	uint64_t m = (uint64_t)ldexp(frexp(fabs(v), &e), 53);
	for (e -= 53; !(m & 1); e++)
		m >>= 1;
	return e;
}

/* The least 2^k (k >= 0) that makes every finite v[0..n-1] an integer;
 * 1 where that would take a number, or big (a sum the factor also
 * multiplies, as the objective's value), past 2^1000 (left to glp_exact
 * to read as fractions: *approx counts it). */
static double int_scale(const double *v, int n, double big, int *approx)
{
	int k = 0, top = 0, e;
	frexp(big, &top);
	for (int i = 0; i < n; i++) {
		if (v[i] == 0 || !isfinite(v[i]))
			continue;
		frexp(v[i], &e);
		top = e > top ? e : top;
		int need = -low_bit(v[i]);
		k = need > k ? need : k;
	}
	if (top + k <= 1000)
		return ldexp(1, k);
	*approx += k > 0;
	return 1;
}

/* Scale lp's rows and objective to integers; the factors go to sc.  z is
 * the objective's value at the solution (its scaled value, and the scaled
 * duals, must stay finite: 2^20 of room for the duals beyond it). */
static void scale_exact(glp_prob *lp, double z, pow2_scale *sc)
{
	int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
	int *ind = sg_xcalloc((size_t)n + 1, sizeof *ind);
	double *v = sg_xcalloc((size_t)n + 3, sizeof *v);
	sc->row = sg_xcalloc((size_t)m + 1, sizeof *sc->row);
	sc->approx = 0;
	for (int i = 1; i <= m; i++) {
		int len = glp_get_mat_row(lp, i, ind, v);
		int type = glp_get_row_type(lp, i);
		double lb = glp_get_row_lb(lp, i), ub = glp_get_row_ub(lp, i);
		v[len + 1] = type == GLP_FR || type == GLP_UP ? 0 : lb;
		v[len + 2] = type == GLP_FR || type == GLP_LO ? 0 : ub;
		double s = sc->row[i] = int_scale(v + 1, len + 2, 0,
						  &sc->approx);
		if (s == 1)
			continue;
		for (int k = 1; k <= len; k++)
			v[k] *= s;
		glp_set_mat_row(lp, i, len, ind, v);
		glp_set_row_bnds(lp, i, type, lb * s, ub * s);
	}
	for (int j = 0; j <= n; j++)
		v[j] = glp_get_obj_coef(lp, j);
	sc->obj = int_scale(v, n + 1, ldexp(fabs(z) + 1, 20), &sc->approx);
	for (int j = 0; sc->obj != 1 && j <= n; j++)
		glp_set_obj_coef(lp, j, v[j] * sc->obj);
	free(ind);
	free(v);
}

/* glp_exact on a copy of md->lp, which keeps the final basis, its numbers
 * scaled to integers (scale_exact); the solved copy goes to *keep and its
 * factors to *sc when keep is not NULL (NULL for a model without rows or
 * columns), else both are deleted. */
static int exact_solve(const sg_model *md, sg_cert_info *ci,
		       glp_prob **keep, pow2_scale *sc)
{
	pow2_scale own;
	if (!sc)
		sc = &own;
	sc->row = NULL;
	sc->obj = 1;
	if (keep)
		*keep = NULL;
	if (glp_get_num_rows(md->lp) == 0 || glp_get_num_cols(md->lp) == 0) {
		/* nothing couples the columns, or there is none (glp_exact
		 * refuses such a problem): each sits at a bound, which the
		 * sign checks below verify; the cost is their sum */
		ci->status = GLP_OPT;
		ci->exact_cost = glp_get_obj_coef(md->lp, 0);
		for (int j = 1; j <= glp_get_num_cols(md->lp); j++)
			ci->exact_cost += glp_get_obj_coef(md->lp, j) *
					  glp_get_col_prim(md->lp, j);
		return 0;
	}
	glp_prob *cp = glp_create_prob();
	glp_copy_prob(cp, md->lp, GLP_OFF);
	/* with ON fixed, most monotony and precedence rows hold by bounds
	 * alone, exactly; without them glp_exact took 1.1-2.2x less time
	 * where the final basis needed exact pivots (50x8x40 seed 14 at a
	 * time limit: 79 pivots, 3-11 s) and finds the same optimum.  The
	 * kept copy's basis goes back to md->lp, row for row. */
	if (!keep)
		sg_lp_drop_implied(cp, 1);
	scale_exact(cp, glp_get_obj_val(md->lp), sc);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_ERR;
	int rc = glp_exact(cp, &sm);
	ci->status = rc == 0 ? glp_get_status(cp) : GLP_UNDEF;
	ci->exact_cost = rc == 0 ? glp_get_obj_val(cp) / sc->obj : NAN;
	ci->approx = sc->approx;
	if (keep) {
		*keep = cp;
	} else {
		glp_delete_prob(cp);
		free(sc->row);
		sc->row = NULL;
	}
	return rc;
}

static int same_basis(glp_prob *a, glp_prob *b)
{
	for (int i = glp_get_num_rows(a); i >= 1; i--)
		if (glp_get_row_stat(a, i) != glp_get_row_stat(b, i))
			return 0;
	for (int j = glp_get_num_cols(a); j >= 1; j--)
		if (glp_get_col_stat(a, j) != glp_get_col_stat(b, j))
			return 0;
	return 1;
}

/* lp takes src's basis, its values recomputed for it (glp_warm_up): 0,
 * or -1 where that basis will not factorize in double arithmetic, lp
 * then keeping its own. */
static int take_basis(glp_prob *lp, glp_prob *src)
{
	sg_basis own, b;
	sg_basis_get(lp, &own);
	sg_basis_get(src, &b);
	sg_basis_set(lp, &b);
	int rc = glp_warm_up(lp) == 0 ? 0 : -1;
	if (rc != 0) {
		sg_basis_set(lp, &own);
		glp_warm_up(lp);
	}
	sg_basis_free(&own);
	sg_basis_free(&b);
	return rc;
}

/* Are the duals of the solved copy lp, scaled back by sc, finite? */
static int finite_duals(glp_prob *lp, const pow2_scale *sc)
{
	for (int i = glp_get_num_rows(lp); i >= 1; i--)
		if (!isfinite(glp_get_row_dual(lp, i) * (sc->row[i] / sc->obj)))
			return 0;
	return 1;
}

int sg_certify_exact(const sg_model *md, sg_result *res)
{
	sg_cert_info ci;
	glp_prob *cp;
	pow2_scale sc;
	int rc = exact_solve(md, &ci, &cp, &sc);
	int ok = rc == 0 && cp && ci.status == GLP_OPT &&
		 isfinite(ci.exact_cost) && finite_duals(cp, &sc) &&
		 (same_basis(md->lp, cp) || take_basis(md->lp, cp) == 0);
	if (ok)
		sg_result_extract_scaled(md, cp, sc.row, sc.obj, res);
	if (cp)
		glp_delete_prob(cp);
	free(sc.row);
	return ok ? 0 : -1;
}

int sg_certify(const sg_model *md, sg_result *res, sg_cert_info *info)
{
	sg_cert_info ci = { 0 };
	double t0 = sg_now();
	int rc = exact_solve(md, &ci, NULL, NULL);
	int m = glp_get_num_rows(md->lp), n = glp_get_num_cols(md->lp);
	int *ind = sg_xcalloc((size_t)(m > n ? m : n) + 1, sizeof(int));
	double *val = sg_xcalloc((size_t)(m > n ? m : n) + 1, sizeof(double));
	check_rows(md->lp, res->x, res->dual, ind, val, &ci.primal, &ci.dual);
	check_cols(md->lp, res->x, res->dual, ind, val, &ci.primal, &ci.dual);
	free(ind);
	free(val);
	/* an exact cost that is not finite (it overflowed) certifies
	 * nothing: fmax would drop the NaN of inf - inf */
	ci.objective = rc == 0 && isfinite(ci.exact_cost) ?
		       fabs(ci.exact_cost - res->total_cost) /
		       fmax(1, fabs(ci.exact_cost)) : INFINITY;
	res->cert_violation = fmax(ci.objective, fmax(ci.primal, ci.dual));
	res->certified = rc == 0 && ci.status == GLP_OPT &&
			 res->cert_violation <= SG_CERTIFY_TOL ? SG_CERT_YES
							       : SG_CERT_NO;
	ci.seconds = sg_now() - t0;
	if (info)
		*info = ci;
	return rc == 0 ? 0 : SG_EINTERNAL;
}
