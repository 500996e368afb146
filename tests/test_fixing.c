/*
 * test_fixing.c - fixing.h, reduced-cost fixing of ON: on generated plans
 * that need a search tree, the rise sg_fix_costs claims for flipping an
 * ON never exceeds what the LP with that ON flipped costs, and the chain
 * sums reach further than a column's own reduced cost (and add up as
 * worked out by hand); branch-and-bound that fixes by them at the
 * incumbent reaches the optimum it reaches without, and does fix columns;
 * sgplan's search fixing at its pruning cutoff reports bounds that stay
 * below the optimum proven without it, and --verbose counts the fixes;
 * the rows that fixed bounds imply leave a subtree's LP, by hand.
 */
#include "testutil.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/fixing.h"
#include "sgplan/engine.h"
#include "sgplan/model.h"

static double tol(double z)
{
	return 1e-7 * fmax(1, fabs(z));
}

/* The sums by hand: options A, B requiring A and C requiring B over 3
 * quarters, in an LP of bounds alone whose optimum puts each ON at its
 * lower bound (cost > 0, reduced cost the cost) or its upper (cost < 0). */
static void sums_by_hand(void **state)
{
	(void)state;
	static const double c[9] = { 2, -3, 5, -7, 11, -13, 17, -19, 23 };
	sg_option opt[3] = { { .requires = -1 }, { .requires = 0 },
			     { .requires = 1 } };
	sg_plan p = { .nopt = 3, .T = 3, .opt = opt };
	sg_model md = { .plan = &p, .m.ON = 1 };
	md.lp = glp_create_prob();
	glp_add_cols(md.lp, 9);
	for (int j = 1; j <= 9; j++) {
		glp_set_col_bnds(md.lp, j, GLP_DB, 0, 1);
		glp_set_obj_coef(md.lp, j, c[j - 1]);
	}
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(md.lp, &sm), 0);
	double up[9], dn[9], scr[18];
	sg_fix_costs(&md, md.lp, up, dn, scr);
	/* at the lower bound: A 2, -, 5; B -, 11, -; C 17, -, 23; at the
	 * upper: A -, 3, -; B 7, -, 13; C -, 19, -.  Online from t: the
	 * option's own from t on, plus those of what it requires, up the
	 * chain (C: C's, B's and A's).  Offline up to t: its own up to t,
	 * plus those of what requires it, down the chain (A: A's, B's and
	 * C's). */
	static const double want_up[9] = { 7, 5, 5, 18, 16, 5, 58, 39, 28 },
			    want_dn[9] = { 7, 29, 42, 7, 26, 39, 0, 19, 19 };
	for (int i = 0; i < 9; i++)
		if (fabs(up[i] - want_up[i]) > 1e-12 ||
		    fabs(dn[i] - want_dn[i]) > 1e-12)
			fail_msg("ON %d: up %g (want %g), dn %g (want %g)", i,
				 up[i], want_up[i], dn[i], want_dn[i]);
	/* 7 below the cutoff, each column is fixed at its bound where its
	 * flip costs 7 or more: all but A3 (up 5); by their own reduced
	 * costs alone (2, 3, 5, 7, 11, 13, 17, 19, 23) A1, A2 and A3 would
	 * stay free */
	double s4[36];
	assert_int_equal(sg_fix_at_cutoff(&md, md.lp, glp_get_obj_val(md.lp)
					  + 7, s4), 8);
	for (int j = 1; j <= 9; j++) {
		double v = c[j - 1] > 0 ? 0 : 1;
		if (j == 3)
			assert_int_equal(glp_get_col_type(md.lp, j), GLP_DB);
		else if (glp_get_col_type(md.lp, j) != GLP_FX ||
			 glp_get_col_lb(md.lp, j) != v)
			fail_msg("ON %d not fixed at %g", j - 1, v);
	}
	glp_delete_prob(md.lp);
}

/* The LP of md with ON column j held at v: its optimum. */
static double flipped(const sg_model *md, int j, double v)
{
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, md->lp, GLP_OFF);
	glp_set_col_bnds(lp, j, GLP_FX, v, v);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(lp, &sm), 0);
	double z = glp_get_status(lp) == GLP_OPT ? glp_get_obj_val(lp)
						  : INFINITY;
	glp_delete_prob(lp);
	return z;
}

/* Every ON of plan p's LP relaxation that sg_fix_costs claims a rise for,
 * flipped: the LP costs at least that much more.  Counts the flips
 * checked, and those whose claim passes the column's own reduced cost. */
static void check_flips(const sg_plan *p, const char *what, int *checked,
			int *reach)
{
	sg_model *md = tu_relaxed_model(p);
	int KT = p->nopt * p->T;
	double *up = calloc((size_t)KT, sizeof *up),
	       *dn = calloc((size_t)KT, sizeof *dn),
	       *scr = calloc(2 * (size_t)KT, sizeof *scr);
	sg_fix_costs(md, md->lp, up, dn, scr);
	double z = glp_get_obj_val(md->lp);
	for (int i = 0; i < KT; i++) {
		int j = md->m.ON + i;
		double x = glp_get_col_prim(md->lp, j),
		       d = glp_get_col_dual(md->lp, j);
		for (int v = 0; v <= 1; v++) {
			double claim = v ? up[i] : dn[i], own = v ? d : -d;
			if (!(claim > 0) || (v ? x > 0.5 : x < 0.5) ||
			    (v ? glp_get_col_ub(md->lp, j) < 1
			       : glp_get_col_lb(md->lp, j) > 0))
				continue;
			double zf = flipped(md, j, v);
			if (zf < z + claim - tol(z))
				fail_msg("%s, ON %d = %d: LP %.12g, claimed at "
					 "least %.12g", what, i, v, zf,
					 z + claim);
			(*checked)++;
			*reach += claim > fmax(own, 0) + tol(z);
		}
	}
	free(up);
	free(dn);
	free(scr);
	sg_model_free(md);
}

static void costs_bound_the_flip(void **state)
{
	(void)state;
	int checked = 0, reach = 0;
	for (int seed = 1; seed <= 3; seed++) {
		sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen.csv",
								seed));
		char what[40];
		snprintf(what, sizeof what, "generated plan, seed %d", seed);
		check_flips(p, what, &checked, &reach);
		sg_plan_free(p);
	}
	/* the plans did have such columns, and the sums over the chains
	 * claim more than the columns' own reduced costs */
	assert_true(checked > 50);
	assert_true(reach > 20);
}

typedef struct run {
	const sg_model *md;
	double *scratch; /* NULL: GLPK's own fixing only */
	long fixed;
} run;

static void callback(glp_tree *tree, void *info)
{
	run *r = info;
	glp_prob *lp = glp_ios_get_prob(tree);
	if (glp_ios_reason(tree) == GLP_IHEUR && r->scratch &&
	    glp_mip_status(lp) == GLP_FEAS)
		r->fixed += sg_fix_at_cutoff(r->md, lp, glp_mip_obj_val(lp),
					     r->scratch);
}

/* The MIP optimum of plan by branch-and-bound alone (no cuts, no
 * heuristics but GLPK's rounding, gap 0), fixing at the incumbent or not. */
static double solve(const sg_plan *p, int fixing, long *fixed)
{
	sg_model *md = tu_relaxed_model(p);
	run r = { md, fixing ? calloc(4 * (size_t)p->nopt * p->T,
				      sizeof(double)) : NULL, 0 };
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.mip_gap = 0;
	io.cb_func = callback;
	io.cb_info = &r;
	assert_int_equal(glp_intopt(md->lp, &io), 0);
	assert_int_equal(glp_mip_status(md->lp), GLP_OPT);
	double z = glp_mip_obj_val(md->lp);
	*fixed = r.fixed;
	free(r.scratch);
	sg_model_free(md);
	return z;
}

static void search_same_optimum(void **state)
{
	(void)state;
	long total = 0;
	for (int seed = 1; seed <= 3; seed++) {
		sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen.csv",
								seed));
		long fixed;
		double plain = solve(p, 0, &fixed);
		double fix = solve(p, 1, &fixed);
		if (fabs(fix - plain) > 1e-6 * fmax(1, fabs(plain)))
			fail_msg("seed %d: with fixing %.12g, without %.12g",
				 seed, fix, plain);
		total += fixed;
		sg_plan_free(p);
	}
	assert_true(total > 0);
}

/* Through the search itself (subtrees, pruning at 0.9 gap): at a loose
 * gap the bound it reports with the fixing never passes the optimum
 * proven without it, at 1e-9 it finds that optimum, and --verbose counts
 * the columns it fixed. */
static double search(const sg_plan *p, int fixing, double gap,
		     double *bound)
{
	sg_solve_opts o = { .mip_gap = gap, .no_fixing = !fixing,
			    .threads = 2 };
	sg_result r = tu_solve_optimal(p, &o);
	double z = r.total_cost;
	*bound = r.best_bound;
	sg_result_free(&r);
	return z;
}

static void search_bound_valid(void **state)
{
	(void)state;
	for (int seed = 1; seed <= 3; seed++) {
		sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen.csv",
								seed));
		double b, opt = search(p, 0, 1e-9, &b);
		for (int i = 0; i < 2; i++) {
			double gap = i ? 1e-3 : 1e-9,
			       z = search(p, 1, gap, &b);
			if (b > opt + 1e-9 * fabs(opt) ||
			    z > opt + gap * fabs(opt) + 1e-9 * fabs(opt))
				fail_msg("seed %d, gap %g: plan %.12g, bound "
					 "%.12g; optimum %.12g", seed, gap,
					 z, b, opt);
		}
		sg_plan_free(p);
	}
	const char *plan = tu_generate_tree_plan("gen3.csv", 3);
	char *err = NULL;
	assert_int_equal(tu_run(NULL, &err, "'%s' --verbose --mip-gap 1e-9 "
				"--out '%s'", plan, tu_tmp_dir("verbose")), 0);
	const char *line = strstr(err, "sgplan: first tree: ");
	if (!line || strtol(line + strlen("sgplan: first tree: "), NULL,
			    10) <= 0)
		fail_msg("no columns fixed in:\n%s", err);
	free(err);
}

/* sg_lp_drop_implied by hand: a fixed at 0, b in [0,1], c >= 0; min c - b
 * subject to
 *   mono:  b - a >= 0    implied (0 - 0 >= 0), basic at the optimum
 *   prec:  a - b <= 0    implied, basic
 *   need:  b + c >= 1    not implied (0 < 1), tight
 *   half:  b <= 0.5      not implied (1 > 0.5), tight
 *   wide:  2b <= 3       implied (2 <= 3), basic
 *   frac:  0.1b <= 1     implied, basic, but not in whole numbers
 *   cap:   c <= 4        not implied (c has no upper bound), basic.
 * c - b >= 1 - 2b >= 0, so the optimum is 0 at b = c = 0.5, where only
 * need and half are tight: mono, prec, wide and frac go (frac not when
 * exact), the basis stays optimal (no iteration to re-solve) and so does
 * the objective. */
static void drop_by_hand(int exact)
{
	glp_prob *lp = glp_create_prob();
	glp_add_cols(lp, 3);
	glp_set_col_bnds(lp, 1, GLP_FX, 0, 0);
	glp_set_col_bnds(lp, 2, GLP_DB, 0, 1);
	glp_set_col_bnds(lp, 3, GLP_LO, 0, 0);
	glp_set_obj_coef(lp, 2, -1);
	glp_set_obj_coef(lp, 3, 1);
	static const struct {
		const char *name;
		int type;
		double lb, ub, a, b, c;
	} row[] = { { "mono", GLP_LO, 0, 0, -1, 1, 0 },
		    { "prec", GLP_UP, 0, 0, 1, -1, 0 },
		    { "need", GLP_LO, 1, 0, 0, 1, 1 },
		    { "half", GLP_UP, 0, 0.5, 0, 1, 0 },
		    { "wide", GLP_UP, 0, 3, 0, 2, 0 },
		    { "frac", GLP_UP, 0, 1, 0, 0.1, 0 },
		    { "cap", GLP_UP, 0, 4, 0, 0, 1 } };
	int nrow = (int)(sizeof row / sizeof row[0]);
	glp_add_rows(lp, nrow);
	for (int i = 0; i < nrow; i++) {
		int ind[4] = { 0, 1, 2, 3 };
		double val[4] = { 0, row[i].a, row[i].b, row[i].c };
		glp_set_row_name(lp, i + 1, row[i].name);
		glp_set_row_bnds(lp, i + 1, row[i].type, row[i].lb, row[i].ub);
		glp_set_mat_row(lp, i + 1, 3, ind, val);
	}
	glp_adv_basis(lp, 0);
	assert_int_equal(sg_lp_resolve(lp, INFINITY), 0);
	assert_true(fabs(glp_get_obj_val(lp)) < 1e-12);
	assert_int_equal(sg_lp_drop_implied(lp, exact), exact ? 3 : 4);
	static const char *const left[2][4] = {
		{ "need", "half", "cap" }, { "need", "half", "frac", "cap" } };
	int nleft = exact ? 4 : 3;
	assert_int_equal(glp_get_num_rows(lp), nleft);
	for (int i = 0; i < nleft; i++)
		assert_string_equal(glp_get_row_name(lp, i + 1),
				    left[exact][i]);
	int it = glp_get_it_cnt(lp);
	assert_int_equal(sg_lp_resolve(lp, INFINITY), 0);
	assert_int_equal(glp_get_it_cnt(lp), it);
	assert_true(fabs(glp_get_obj_val(lp)) < 1e-12);
	assert_true(fabs(glp_get_col_prim(lp, 2) - 0.5) < 1e-12);
	glp_delete_prob(lp);
}

static void implied_rows_by_hand(void **state)
{
	(void)state;
	drop_by_hand(0);
	drop_by_hand(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sums_by_hand),
		cmocka_unit_test(costs_bound_the_flip),
		cmocka_unit_test(search_same_optimum),
		cmocka_unit_test(search_bound_valid),
		cmocka_unit_test(implied_rows_by_hand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
