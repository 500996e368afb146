/*
 * test_cuts.c - cuts.h, the site capacity cuts: the hand instance
 * tests/model/hull.csv (LP bound 100, integer optimum 115, one cut closes
 * the gap), no cut at integer points, and on generated plans every cut
 * separated from random fractional points checked against every set of
 * options that MODEL.md lets be online together.
 */
#include "testutil.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/cuts.h"
#include "sgplan/diag.h"
#include "sgplan/engine.h"

/* The cuts one separation gave, copied out. */
typedef struct cutlist {
	int n;
	int len[256];
	int ind[256][32];
	double val[256][32];
	double rhs[256];
} cutlist;

static void collect(void *ctx, int len, const int *ind, const double *val,
		    double rhs)
{
	cutlist *c = ctx;
	assert_true(c->n < 256 && len < 32);
	c->len[c->n] = len;
	memcpy(c->ind[c->n], ind, (size_t)(len + 1) * sizeof *ind);
	memcpy(c->val[c->n], val, (size_t)(len + 1) * sizeof *val);
	c->rhs[c->n++] = rhs;
}

static double activity(const cutlist *c, int i, const double *x)
{
	double v = 0;
	for (int q = 1; q <= c->len[i]; q++)
		v += c->val[i][q] * x[c->ind[i][q]];
	return v;
}

/* tests/model/hull.csv at its LP optimum G = B = 1, C = 1/2 with 25 racks:
 * one cut, violated there, that holds at the four sets requires allows
 * with the load each can carry (10, 10, 20, 25 MW), and whose plane passes
 * 22.5 MW at the point (the hull's value there). */
static void hand_cut(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan("tests/model/hull.csv");
	sg_model *md = sg_model_new(p, 0);
	sg_cuts *c = sg_cuts_new(md);
	assert_non_null(c);
	int n = glp_get_num_cols(md->lp);
	double *x = calloc((size_t)n + 1, sizeof *x);
	int G = sg_idx_pt(md, md->m.ON, 0, 1), B = G + 1, C = G + 2;
	int R = sg_col_AS(md, md->m.R, 0, 0, 1);
	x[G] = x[B] = 1;
	x[C] = 0.5;
	x[R] = 25;
	cutlist cl = { 0 };
	assert_int_equal(sg_cuts_separate(c, x, collect, &cl), 1);
	assert_true(activity(&cl, 0, x) > cl.rhs[0] + 2.4);
	x[R] = 0;
	assert_true(fabs(cl.rhs[0] - activity(&cl, 0, x) - 22.5) < 1e-6);
	static const double sets[4][3] = { { 0, 0, 0 }, { 1, 0, 0 },
					   { 1, 1, 0 }, { 1, 1, 1 } };
	static const double load_mw[4] = { 10, 10, 20, 25 };
	for (int i = 0; i < 4; i++) {
		x[G] = sets[i][0];
		x[B] = sets[i][1];
		x[C] = sets[i][2];
		x[R] = load_mw[i];
		assert_true(activity(&cl, 0, x) <= cl.rhs[0] + 1e-9);
	}
	/* an integer point needs no cut */
	x[G] = x[B] = x[C] = 1;
	x[R] = 25;
	cl.n = 0;
	assert_int_equal(sg_cuts_separate(c, x, collect, &cl), 0);
	free(x);
	sg_cuts_free(c);
	sg_model_free(md);
	sg_plan_free(p);
}

static void add_row(void *ctx, int len, const int *ind, const double *val,
		    double rhs)
{
	glp_prob *lp = ctx;
	int i = glp_add_rows(lp, 1);
	glp_set_mat_row(lp, i, len, ind, val);
	glp_set_row_bnds(lp, i, GLP_UP, 0, rhs);
}

/* The LP relaxation of hull.csv is 100; with the cuts it is the integer
 * optimum 115. */
static void hand_bound(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan("tests/model/hull.csv");
	sg_model *md = sg_model_new(p, 0);
	sg_cuts *c = sg_cuts_new(md);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(md->lp, &sm), 0);
	assert_true(fabs(glp_get_obj_val(md->lp) - 100) < 1e-6);
	int n = glp_get_num_cols(md->lp), added = 0;
	double *x = calloc((size_t)n + 1, sizeof *x);
	for (int pass = 0; pass < 10; pass++) {
		for (int j = 1; j <= n; j++)
			x[j] = glp_get_col_prim(md->lp, j);
		int k = sg_cuts_separate(c, x, add_row, md->lp);
		if (!k)
			break;
		added += k;
		assert_int_equal(glp_simplex(md->lp, &sm), 0);
	}
	assert_true(added >= 1);
	assert_true(fabs(glp_get_obj_val(md->lp) - 115) < 1e-5);
	free(x);
	sg_cuts_free(c);
	sg_model_free(md);
	sg_plan_free(p);
}

/* Most IT load site s can carry at quarter t with exactly the options of
 * mask online (bit i: option opts[i]), by MODEL.md constraints 5 and 6;
 * -1 when timing or requires forbid that set. */
static double carry(const sg_model *md, int s, int t, const int *opts,
		    int n, unsigned mask)
{
	const sg_plan *P = md->plan;
	double it = P->site[s].initial_it_mw, grid = P->site[s].grid_mw[t - 1];
	for (int i = 0; i < n; i++) {
		int k = opts[i], on = mask >> i & 1;
		if ((on && t < md->on_first[k]) ||
		    (!on && t >= md->on_forced[k]))
			return -1;
		for (int q = 0; on && q < n; q++)
			if (opts[q] == P->opt[k].requires && !(mask >> q & 1))
				return -1;
		if (on && P->opt[k].kind == SG_TARGET_SITE)
			it += P->opt[k].capacity;
		else if (on)
			grid += P->opt[k].capacity;
	}
	return fmin(it, grid / P->site[s].pue);
}

static unsigned long long rng = 12345;
static double urand(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(rng >> 11) / 9007199254740992.0;
}

/* A random point: ON ramps from a random quarter (monotone, within the
 * timing bounds, never above what it requires), load anywhere up to the
 * LP's capacity, all of it on the first platform. */
static void random_point(const sg_model *md, double *x)
{
	const sg_plan *P = md->plan;
	int T = P->T;
	for (int k = 0; k < P->nopt; k++) {
		double v = 0, step = urand();
		for (int t = 1; t <= T; t++) {
			if (t >= md->on_forced[k])
				v = 1;
			else if (t >= md->on_first[k] && urand() < 0.5)
				v = fmin(1, v + step * urand());
			x[sg_idx_pt(md, md->m.ON, k, t)] = t < md->on_first[k] ?
							    0 : v;
		}
	}
	for (int pass = 0; pass < P->nopt; pass++)
		for (int k = 0; k < P->nopt; k++)
			for (int t = 1; P->opt[k].requires >= 0 && t <= T;
			     t++) {
				double *v = &x[sg_idx_pt(md, md->m.ON, k, t)];
				*v = fmin(*v, x[sg_idx_pt(md, md->m.ON,
						P->opt[k].requires, t)]);
			}
	for (int s = 0; s < P->nsite; s++)
		for (int t = 1; t <= T; t++)
			x[sg_col_AS(md, md->m.R, 0, s, t)] =
				urand() * 200 / (P->plat[0].kw_per_rack /
						 1000);
}

/* Every cut from generated plans holds at every allowed set of its site
 * and quarter, with that set's most load. */
static void generated_cuts_valid(void **state)
{
	(void)state;
	int checked = 0;
	for (int seed = 1; seed <= 4; seed++) {
		char args[200];
		snprintf(args, sizeof args, "--sites 3 --options 8 "
			 "--quarters 8 --platforms 1 --seed %d", seed);
		sg_plan *p = tu_load_plan(tu_generate("gen.csv", args));
		sg_model *md = sg_model_new(p, 0);
		sg_cuts *c = sg_cuts_new(md);
		assert_non_null(c);
		int n = glp_get_num_cols(md->lp);
		double *x = calloc((size_t)n + 1, sizeof *x);
		double *y = calloc((size_t)n + 1, sizeof *y);
		for (int round = 0; round < 20; round++) {
			random_point(md, x);
			cutlist cl = { 0 };
			sg_cuts_separate(c, x, collect, &cl);
			for (int i = 0; i < cl.n; i++) {
				/* its site and quarter, from the rack column */
				int r = cl.ind[i][1] - md->m.R;
				int s = r / p->T, t = r % p->T + 1, opts[16],
				    no = 0;
				assert_true(activity(&cl, i, x) > cl.rhs[i]);
				for (int k = 0; k < p->nopt; k++)
					if (p->opt[k].kind != SG_TARGET_FAB &&
					    p->opt[k].target == s)
						opts[no++] = k;
				for (unsigned m = 0; m < 1u << no; m++) {
					double L = carry(md, s, t, opts, no, m);
					if (L < 0)
						continue;
					memset(y, 0, ((size_t)n + 1) *
						     sizeof *y);
					for (int q = 0; q < no; q++)
						y[sg_idx_pt(md, md->m.ON,
							    opts[q], t)] =
							m >> q & 1;
					y[cl.ind[i][1]] = L / cl.val[i][1];
					assert_true(activity(&cl, i, y) <=
						    cl.rhs[i] + 1e-9);
					checked++;
				}
			}
		}
		free(x);
		free(y);
		sg_cuts_free(c);
		sg_model_free(md);
		sg_plan_free(p);
	}
	assert_true(checked > 100); /* the points did give cuts */
}

/* A plan with no option left to decide has nothing to separate. */
static void nothing_to_cut(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan("tests/model/grid.csv");
	sg_model *md = sg_model_new(p, 0);
	assert_null(sg_cuts_new(md));
	sg_model_free(md);
	sg_plan_free(p);
}

int main(void)
{
	glp_term_out(GLP_OFF);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hand_cut),
		cmocka_unit_test(hand_bound),
		cmocka_unit_test(generated_cuts_valid),
		cmocka_unit_test(nothing_to_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
