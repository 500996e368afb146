/*
 * test_heuristic.c - the dive of heuristic.h: by hand on
 * tests/model/dive.csv (where solving again between roundings is what
 * finds the optimum), and on generated plans that need a search tree,
 * where its plan must be a plan of MODEL.md (ON 0/1, monotone, within its
 * timing and `requires`) whose cost is that of its own LP solved afresh,
 * no less than the relaxation's bound; the node LP it starts from is left
 * as it was, a cutoff it cannot beat gives no plan, and past its deadline
 * it rounds all at once, as the threshold rounding at 1/2 does; a
 * heuristic whose search has ended (a time limit) starts no work.  A
 * plan's LP re-solved from another plan's basis costs what it costs
 * solved afresh, in far fewer iterations.
 */
#include "testutil.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/engine.h"
#include "sgplan/heuristic.h"

static double on_value(const sg_model *md, const double *x, int k, int t)
{
	return x[sg_idx_pt(md, md->m.ON, k, t)];
}

/* tests/model/dive.csv: the relaxation builds 0.45 of A and 0.4 of B
 * (cost 26).  Rounding both at 1/2 builds nothing (85); the dive fixes B
 * at 0, solves again, rounds A's 0.85 to 1 and finds the optimum, 38.5.
 * Past its deadline it rounds all at once, as the threshold rounding. */
static void hand_dive(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan("tests/model/dive.csv");
	sg_model *md = tu_relaxed_model(p);
	int A = sg_idx_pt(md, md->m.ON, 0, 1);
	int B = sg_idx_pt(md, md->m.ON, 1, 1);
	assert_true(fabs(glp_get_obj_val(md->lp) - 26) < 1e-6);
	assert_true(fabs(glp_get_col_prim(md->lp, A) - 0.45) < 1e-9);
	assert_true(fabs(glp_get_col_prim(md->lp, B) - 0.4) < 1e-9);
	sg_heur *h = sg_heur_new(md, INFINITY);
	double obj = 0;
	const double *x = sg_heur_dive(h, md->lp, INFINITY, INFINITY, &obj);
	assert_non_null(x);
	assert_true(fabs(obj - 38.5) < 1e-6);
	assert_true(x[A] == 1 && x[B] == 0);
	/* 38.5 does not beat a cutoff of 38.5 */
	assert_null(sg_heur_dive(h, md->lp, 38.5, INFINITY, &obj));
	assert_non_null(sg_heur_dive(h, md->lp, INFINITY, 0, &obj));
	assert_true(fabs(obj - 85) < 1e-6);
	sg_heur_free(h);
	sg_model_free(md);
	sg_plan_free(p);
}

/* A heuristic whose search has already ended (a time limit) starts no
 * work: no rounding, no dive, no RINS, however good the plan would be. */
static void hand_ended(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan("tests/model/dive.csv");
	sg_model *md = tu_relaxed_model(p);
	int n = glp_get_num_cols(md->lp);
	double *rel = calloc((size_t)n + 1, sizeof *rel), half = 0.5, obj;
	double *inc = calloc((size_t)n + 1, sizeof *inc);
	for (int j = 1; j <= n; j++)
		rel[j] = glp_get_col_prim(md->lp, j);
	/* with time left: rounding at 1/2 builds nothing (85), RINS from
	 * there frees both options and finds the optimum */
	sg_heur *h = sg_heur_new(md, sg_now() + 3600);
	const double *x = sg_heur_round(h, rel, &half, 1, INFINITY, &obj);
	assert_non_null(x);
	assert_true(fabs(obj - 85) < 1e-6);
	memcpy(inc, x, ((size_t)n + 1) * sizeof *inc);
	assert_non_null(sg_heur_rins(h, rel, inc, 100, 0, INFINITY, &obj));
	assert_true(fabs(obj - 38.5) < 1e-6);
	assert_non_null(sg_heur_dive(h, md->lp, INFINITY, INFINITY, &obj));
	sg_heur_free(h);
	/* ended: the same calls give nothing */
	h = sg_heur_new(md, sg_now() - 1);
	assert_null(sg_heur_round(h, rel, &half, 1, INFINITY, &obj));
	assert_null(sg_heur_rins(h, rel, inc, 100, 0, INFINITY, &obj));
	assert_null(sg_heur_dive(h, md->lp, INFINITY, INFINITY, &obj));
	sg_heur_free(h);
	free(inc);
	free(rel);
	sg_model_free(md);
	sg_plan_free(p);
}

/* The plan on (ON values [nopt*T]): its LP solved in a model of its own,
 * scaled as the search scales it; *it gets the simplex iterations. */
static sg_model *plan_model(const sg_plan *p, const double *on, double *cost,
			    int *it)
{
	sg_model *md = sg_model_new(p, 0);
	glp_scale_prob(md->lp, GLP_SF_AUTO);
	sg_model_fix_on(md, on);
	sg_result r = { 0 };
	assert_int_equal(sg_model_solve_lp(md, &r), 0);
	*cost = r.total_cost;
	*it = glp_get_it_cnt(md->lp);
	sg_result_free(&r);
	return md;
}

/* The cost of the plan on solved afresh. */
static double fresh_cost(const sg_plan *p, const double *on)
{
	double c;
	int it;
	sg_model_free(plan_model(p, on, &c, &it));
	return c;
}

/* The all-options plan of p (its ON into on[nopt*T]) solved as
 * plan_model solves it, with its optimal basis in *b (caller frees). */
static sg_model *all_options_model(const sg_plan *p, double *on,
				   double *cost, int *it, sg_basis *b)
{
	sg_model *md = sg_model_new(p, 0);
	int T = p->T;
	for (int k = 0; k < p->nopt; k++)
		for (int t = md->on_first[k]; t <= T; t++)
			on[k * T + t - 1] = 1;
	sg_model_free(md);
	sg_model *base = plan_model(p, on, cost, it);
	sg_basis_get(base->lp, b);
	return base;
}

/* A plan's LP from another plan's optimal basis, as the search re-solves
 * every plan from the all-options plan's (sg_basis; rows added since, a
 * cut say, are basic): the same cost as solved afresh, in far fewer
 * iterations, since only bounds differ and the dual simplex starts from
 * a dual feasible basis. */
static void warm_plan_lp(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan(tu_generate_tree_plan("warm.csv", 1));
	int T = p->T, K = p->nopt * T, it_all, it_cold;
	double *on = calloc((size_t)K + 1, sizeof *on), all, cold;
	sg_basis b;
	sg_model *base = all_options_model(p, on, &all, &it_all, &b);
	sg_model *md = sg_model_new(p, 0);
	/* every option two quarters later */
	for (int k = 0; k < p->nopt; k++)
		for (int t = 1; t <= T; t++)
			on[k * T + t - 1] = t >= md->on_forced[k] ||
					    t >= md->on_first[k] + 2;
	sg_model_free(plan_model(p, on, &cold, &it_cold));
	sg_model view = *base;
	view.lp = glp_create_prob();
	glp_copy_prob(view.lp, base->lp, GLP_OFF);
	int row = glp_add_rows(view.lp, 1); /* free, in no column */
	glp_set_row_bnds(view.lp, row, GLP_FR, 0, 0);
	sg_model_fix_on(&view, on);
	sg_basis_set(view.lp, &b);
	assert_int_equal(glp_get_row_stat(view.lp, row), GLP_BS);
	int it0 = glp_get_it_cnt(view.lp);
	sg_result r = { 0 };
	assert_int_equal(sg_model_solve_lp(&view, &r), 0);
	int it_warm = glp_get_it_cnt(view.lp) - it0;
	print_message("iterations: %d all options, %d afresh, %d warm\n",
		      it_all, it_cold, it_warm);
	assert_true(fabs(r.total_cost - cold) <= 1e-9 * fabs(cold));
	assert_true(cold < all); /* another plan: the bounds did change */
	assert_true(it_warm > 0 && 4 * it_warm < it_cold);
	sg_result_free(&r);
	glp_delete_prob(view.lp);
	sg_basis_free(&b);
	sg_model_free(base);
	sg_model_free(md);
	free(on);
	sg_plan_free(p);
}

/* 2026-12-06: the search solves the root LP beside the all-options
 * plan's, so its heuristics no longer copy that plan's basis from the
 * search LP: sg_heur_set_basis gives it them.  Their first rounding then
 * costs what it costs from a fresh start, in far fewer iterations. */
static void heur_start_basis(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan(tu_generate_tree_plan("warm.csv", 1));
	int T = p->T, K = p->nopt * T, it_all;
	double *on = calloc((size_t)K + 1, sizeof *on), all;
	sg_model *rel_md = tu_relaxed_model(p);
	sg_basis b;
	sg_model *base = all_options_model(p, on, &all, &it_all, &b);
	int n = glp_get_num_cols(rel_md->lp);
	double *rel = calloc((size_t)n + 1, sizeof *rel), half = 0.5;
	for (int j = 1; j <= n; j++)
		rel[j] = glp_get_col_prim(rel_md->lp, j);
	/* the search LP before any solve, scaled as the search scales it */
	sg_model *md = sg_model_new(p, 0);
	glp_scale_prob(md->lp, GLP_SF_AUTO);
	double obj[2];
	long it[2];
	for (int warm = 0; warm < 2; warm++) {
		sg_heur *h = sg_heur_new(md, INFINITY);
		if (warm)
			sg_heur_set_basis(h, &b);
		assert_non_null(sg_heur_round(h, rel, &half, 1, INFINITY,
					      &obj[warm]));
		it[warm] = sg_heur_iterations(h);
		sg_heur_free(h);
	}
	print_message("rounding: %ld iterations cold, %ld from the "
		      "all-options basis\n", it[0], it[1]);
	assert_true(fabs(obj[1] - obj[0]) <= 1e-9 * fabs(obj[0]));
	assert_true(it[1] > 0 && 4 * it[1] < it[0]);
	sg_model_free(md);
	free(rel);
	sg_basis_free(&b);
	sg_model_free(base);
	sg_model_free(rel_md);
	free(on);
	sg_plan_free(p);
}

static void generated_dives(void **state)
{
	(void)state;
	int dived = 0;
	for (int seed = 1; seed <= 3; seed++) {
		sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen.csv",
								 seed));
		sg_model *md = tu_relaxed_model(p);
		int n = glp_get_num_cols(md->lp), T = p->T;
		double bound = glp_get_obj_val(md->lp);
		int fractional = 0;
		for (int i = 0; i < p->nopt * T; i++) {
			double v = glp_get_col_prim(md->lp, md->m.ON + i);
			fractional += sg_on_fractional(v);
		}
		dived += fractional > 0;
		int *type = calloc((size_t)n + 1, sizeof *type);
		for (int j = 1; j <= n; j++)
			type[j] = glp_get_col_type(md->lp, j);
		sg_heur *h = sg_heur_new(md, INFINITY);
		double obj = 0;
		const double *x = sg_heur_dive(h, md->lp, INFINITY, INFINITY,
					       &obj);
		assert_non_null(x);
		assert_true(obj >= bound - 1e-9 * fabs(bound));
		double *on = calloc((size_t)p->nopt * T + 1, sizeof *on);
		for (int k = 0; k < p->nopt; k++)
			for (int t = 1; t <= T; t++) {
				double v = on_value(md, x, k, t);
				int j = p->opt[k].requires;
				assert_true(v == 0 || v == 1);
				assert_true(t == 1 ||
					    v >= on_value(md, x, k, t - 1));
				assert_true(t >= md->on_first[k] || v == 0);
				assert_true(t < md->on_forced[k] || v == 1);
				assert_true(j < 0 ||
					    v <= on_value(md, x, j, t));
				on[k * T + t - 1] = v;
			}
		double c = fresh_cost(p, on);
		assert_true(fabs(obj - c) <= 1e-9 * fmax(1, fabs(c)));
		/* an integral relaxation is its own plan */
		assert_true(fractional > 0 ||
			    fabs(obj - bound) <= 1e-9 * fabs(bound));
		/* the node LP is as it was: its bounds, its solution */
		for (int j = 1; j <= n; j++)
			assert_int_equal(glp_get_col_type(md->lp, j), type[j]);
		assert_true(glp_get_obj_val(md->lp) == bound);
		/* no plan below the bound (an integral relaxation is a plan
		 * at the bound, give or take rounding) */
		if (fractional)
			assert_null(sg_heur_dive(h, md->lp, bound, INFINITY,
						 &obj));
		/* past its deadline it rounds every option at once: the plan
		 * of rounding the relaxation at 1/2 */
		double *rel = calloc((size_t)n + 1, sizeof *rel);
		double half = 0.5, once, rounded;
		for (int j = 1; j <= n; j++)
			rel[j] = glp_get_col_prim(md->lp, j);
		assert_non_null(sg_heur_dive(h, md->lp, INFINITY, 0, &once));
		assert_non_null(sg_heur_round(h, rel, &half, 1, INFINITY,
					      &rounded));
		assert_true(fabs(once - rounded) <= 1e-9 * fabs(rounded));
		free(rel);
		free(on);
		free(type);
		sg_heur_free(h);
		sg_model_free(md);
		sg_plan_free(p);
	}
	assert_true(dived >= 1); /* at least one plan needs a real dive */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hand_dive),
		cmocka_unit_test(hand_ended),
		cmocka_unit_test(generated_dives),
		cmocka_unit_test(warm_plan_lp),
		cmocka_unit_test(heur_start_basis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
