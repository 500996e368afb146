/*
 * shadow.c - the shadow prices worth acting on (trust.h): duals.csv's
 * binding rows ranked per constraint, and for each constraint where one
 * more unit saves most, checked by solving the plan's LP again with it.
 * report.html formats what this computes; it solves nothing itself.
 */
#include "sgplan/trust.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/report.h"

const sg_shadow_con sg_shadow_cons[SG_SHADOW_NCON] = {
	{ "fab_capacity", 4, 0 },
	{ "it_space", 4, 1 },
	{ "grid", 4, 1 },
	{ "stock", 4, 0 },
	{ "demand", 3, 0 },
};

static int row_cmp(const void *a, const void *b)
{
	const sg_shadow_row *x = a, *y = b;
	if (x->con != y->con)
		return x->con - y->con;
	if (x->sum != y->sum)
		return x->sum > y->sum ? -1 : 1;
	return x->i - y->i;
}

static void row_fill(const sg_model *md, const sg_result *res,
		     sg_shadow_row *d)
{
	int T = md->plan->T;
	d->v = sg_xcalloc((size_t)T + 1, sizeof *d->v);
	for (int k = 0; k < SG_SHADOW_NCON; k++)
		if (strcmp(d->r->con, sg_shadow_cons[k].con) == 0)
			d->con = k;
	for (int t = 1; t <= T; t++) {
		double v = sg_dual_value(md, res, d->r, t);
		d->v[t - 1] = v;
		d->sum += v > SG_SHADOW_EPS ? v : 0;
		d->nbind += v > SG_SHADOW_EPS;
		d->peak = fmax(d->peak, v);
	}
}

/* The binding rows into sh (sh->all holds every duals.csv row). */
static void rank_rows(const sg_model *md, const sg_result *res,
		      sg_shadow *sh)
{
	int m = sg_dual_count(md), k = 0, seen[SG_SHADOW_NCON] = { 0 };
	sh->all = sg_xcalloc((size_t)m + 1, sizeof *sh->all);
	sg_shadow_row *d = sg_xcalloc((size_t)m + 1, sizeof *d);
	m = sg_dual_rows(md, sh->all);
	for (int i = 0; i < m; i++) {
		d[k] = (sg_shadow_row){ .r = &sh->all[i], .i = i };
		row_fill(md, res, &d[k]);
		if (d[k].peak > SG_SHADOW_EPS)
			k++;
		else
			free(d[k].v);
	}
	qsort(d, (size_t)k, sizeof *d, row_cmp);
	sh->n = 0;
	for (int i = 0; i < k; i++)
		if (seen[d[i].con]++ < sg_shadow_cons[d[i].con].keep)
			d[sh->n++] = d[i];
		else
			free(d[i].v);
	sh->rows = d;
}

/* Quarters (1..T) of row x's shadow prices above the noise into q, the
 * largest first (ties: the earlier quarter first); returns how many. */
static int ranked_quarters(const sg_shadow_row *x, int T, int *q)
{
	int n = 0;
	for (int t = 1; t <= T; t++) {
		if (!(x->v[t - 1] > SG_SHADOW_EPS))
			continue;
		int i = n++;
		for (; i > 0 && x->v[q[i - 1] - 1] < x->v[t - 1]; i--)
			q[i] = q[i - 1];
		q[i] = t;
	}
	return n;
}

/* sh->best[k] for constraint k, re-solving work (whose optimum is base). */
static void best_of(const sg_model *md, sg_shadow *sh, glp_prob *work,
		    double base, int k, int *q)
{
	int T = md->plan->T;
	double best = fmax(SG_SHADOW_EPS, 1e-9 * fabs(base));
	sh->best[k] = (sg_shadow_best){ -1, 0, 0 };
	for (int i = 0; i < sh->n; i++) {
		if (sh->rows[i].con != k || sh->rows[i].r->sign > 0)
			continue;
		int nq = ranked_quarters(&sh->rows[i], T, q);
		for (int j = 0; j < nq && j < SG_SHADOW_CHECKS; j++) {
			double s = sg_dual_check(work, md, base,
						 sh->rows[i].r, q[j],
						 sg_shadow_cons[k].on ? T :
									q[j]);
			if (s > best) {
				best = s;
				sh->best[k] = (sg_shadow_best){ i, q[j], s };
			}
		}
	}
}

sg_shadow *sg_shadow_new(const sg_model *md, const sg_result *res)
{
	sg_shadow *sh = sg_xcalloc(1, sizeof *sh);
	rank_rows(md, res, sh);
	int *q = sg_xcalloc((size_t)md->plan->T + 1, sizeof *q);
	glp_prob *work = glp_create_prob();
	glp_copy_prob(work, md->lp, GLP_OFF);
	/* the LP's own optimum, not total_cost: a stochastic plan's is a
	 * mean over scenarios */
	double base = sg_lp_simplex(work) == GLP_OPT ? glp_get_obj_val(work)
						     : NAN;
	sh->checked = isfinite(base);
	for (int k = 0; k < SG_SHADOW_NCON && sh->checked; k++)
		best_of(md, sh, work, base, k, q);
	glp_delete_prob(work);
	free(q);
	return sh;
}

void sg_shadow_free(sg_shadow *sh)
{
	if (!sh)
		return;
	for (int i = 0; i < sh->n; i++)
		free(sh->rows[i].v);
	free(sh->rows);
	free(sh->all);
	free(sh);
}
