/*
 * test_branch.c - branch.h, pseudocosts shared by an option's quarters:
 * on generated plans that need a search tree, branch-and-bound that
 * branches by it reaches the optimum GLPK's own pseudocost branching
 * reaches, it chose the branching at every node it was asked, it learned
 * from the children, and it ran trial LPs at most once per option and
 * direction (a column without history borrows its option's), and none
 * past its time limit; its trials leave the node LP as it was.
 */
#include "testutil.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/branch.h"
#include "sgplan/diag.h"
#include "sgplan/engine.h"

typedef struct run {
	sg_branch *b; /* NULL: GLPK's pseudocost branching */
	long asked;   /* GLP_IBRANCH calls */
	double end;   /* sg_branch_choose's time limit */
} run;

static void callback(glp_tree *tree, void *info)
{
	run *r = info;
	if (glp_ios_reason(tree) == GLP_IBRANCH && r->b) {
		r->asked++;
		sg_branch_choose(r->b, tree, r->end);
	}
}

/* The MIP optimum of plan by branch-and-bound alone (no cuts, no
 * heuristics, gap 0), branching by b (its trials until sg_now() = end) or
 * by GLPK. */
static double solve(const sg_plan *p, int ours, sg_branch_stats *st,
		    long *asked, double end)
{
	sg_model *md = tu_relaxed_model(p);
	run r = { ours ? sg_branch_new(md) : NULL, 0, end };
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.br_tech = GLP_BR_PCH;
	io.bt_tech = GLP_BT_BLB;
	io.mip_gap = 0;
	io.cb_func = callback;
	io.cb_info = &r;
	io.cb_size = (int)sg_branch_node_size();
	assert_int_equal(glp_intopt(md->lp, &io), 0);
	assert_int_equal(glp_mip_status(md->lp), GLP_OPT);
	double z = glp_mip_obj_val(md->lp);
	if (r.b) {
		*st = sg_branch_get_stats(r.b);
		*asked = r.asked;
		sg_branch_free(r.b);
	}
	sg_model_free(md);
	return z;
}

static void same_optimum_fewer_trials(void **state)
{
	(void)state;
	long branched = 0, learned = 0, late_branched = 0;
	for (int seed = 1; seed <= 4; seed++) {
		sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen.csv",
								seed));
		sg_branch_stats st;
		long asked = 0;
		double glpk = solve(p, 0, NULL, NULL, INFINITY);
		double mine = solve(p, 1, &st, &asked, INFINITY);
		if (fabs(mine - glpk) > 1e-6 * fmax(1, fabs(glpk)))
			fail_msg("seed %d: shared pseudocosts %.12g, GLPK "
				 "%.12g", seed, mine, glpk);
		assert_int_equal(st.branched, asked);
		/* a trial per option and direction, and one more at a node
		 * where a trial finds a branch with no solution (the node
		 * branches there at once) */
		assert_true(st.trials - st.infeasible <= 2L * p->nopt);
		assert_true(st.infeasible <= st.branched);
		branched += st.branched;
		learned += st.learned;
		/* past its time limit it runs no trial LP and takes the first
		 * column it can branch on (the search stops before the next
		 * node; this one goes on to the end): the same optimum */
		double late = solve(p, 1, &st, &asked, sg_now() - 1);
		if (fabs(late - glpk) > 1e-6 * fmax(1, fabs(glpk)))
			fail_msg("seed %d: branching past its end %.12g, "
				 "GLPK %.12g", seed, late, glpk);
		assert_int_equal(st.branched, asked);
		assert_int_equal(st.trials, 0);
		late_branched += st.branched;
		sg_plan_free(p);
	}
	/* the plans did need a tree, and it learned from it */
	assert_true(branched > 20);
	assert_true(learned > 20);
	assert_true(late_branched > 20);
}

/* sgplan --verbose says what the branching did, without a line per small
 * LP of the site cuts, and (as on a terminal) what the search does before
 * its tree starts: the LP relaxation, then the dive and RINS, and
 * the tree's first line at once; the plan is proven. */
static void verbose_reports_branching(void **state)
{
	(void)state;
	const char *plan = tu_generate_tree_plan("gen3.csv", 3);
	const char *dir = tu_tmp_dir("verbose");
	char *err = NULL;
	assert_int_equal(tu_run(NULL, &err, "'%s' --verbose --mip-gap 1e-9 "
				"--out '%s'", plan, dir), 0);
	const char *line = strstr(err, "sgplan: branching: ");
	if (!line)
		fail_msg("no branching line in:\n%s", err);
	long nodes = strtol(line + strlen("sgplan: branching: "), NULL, 10);
	assert_true(nodes > 0);
	assert_true(strstr(line, " trial LPs, ") != NULL);
	const char *relax = strstr(err, "sgplan: solving the LP relaxation (");
	const char *dive = strstr(err, "sgplan: diving from the LP "
				  "relaxation, incumbent ");
	const char *rins = strstr(err, "sgplan: improving the first plan "
				  "(RINS sub-MIP), incumbent ");
	const char *tree = strstr(err, "sgplan: searching: bound ");
	if (!relax || !dive || dive < relax || !rins || rins < dive ||
	    !tree || tree < relax)
		fail_msg("no LP relaxation, tree, dive and RINS lines in:\n%s",
			 err);
	/* GLPK's log is there, but not two lines for each of the small LPs
	 * of the site cuts */
	int bases = 0;
	for (const char *q = err; (q = strstr(q, "Constructing initial basis"));
	     q++)
		bases++;
	assert_true(bases > 0 && bases <= 8);
	free(err);
	char *sum = tu_out_file(dir, "summary.csv");
	assert_non_null(strstr(sum, "status,optimal"));
	free(sum);
}

/* The trials of one choice share one copy of the node LP, set back to
 * the node's basis each time: the node LP itself is left as it was, and a
 * second choice from it (fresh pseudocosts) makes the same trials and the
 * same choice. */
static void trials_leave_node_lp(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen4.csv", 2));
	sg_model *md = tu_relaxed_model(p);
	int m = glp_get_num_rows(md->lp), n = glp_get_num_cols(md->lp);
	int *stat = calloc((size_t)(m + n) + 1, sizeof(int));
	double *lb = calloc((size_t)n + 1, sizeof(double)),
	       *ub = calloc((size_t)n + 1, sizeof(double));
	for (int i = 1; i <= m; i++)
		stat[i] = glp_get_row_stat(md->lp, i);
	for (int j = 1; j <= n; j++) {
		stat[m + j] = glp_get_col_stat(md->lp, j);
		lb[j] = glp_get_col_lb(md->lp, j);
		ub[j] = glp_get_col_ub(md->lp, j);
	}
	double z = glp_get_obj_val(md->lp);
	sg_branch *b1 = sg_branch_new(md), *b2 = sg_branch_new(md);
	int j1 = sg_branch_pick(b1, md->lp);
	assert_true(j1 > 0);
	for (int i = 1; i <= m; i++)
		assert_int_equal(glp_get_row_stat(md->lp, i), stat[i]);
	for (int j = 1; j <= n; j++) {
		assert_int_equal(glp_get_col_stat(md->lp, j), stat[m + j]);
		assert_true(glp_get_col_lb(md->lp, j) == lb[j]);
		assert_true(glp_get_col_ub(md->lp, j) == ub[j]);
	}
	assert_true(glp_get_obj_val(md->lp) == z);
	assert_int_equal(sg_branch_pick(b2, md->lp), j1);
	sg_branch_stats s1 = sg_branch_get_stats(b1),
			s2 = sg_branch_get_stats(b2);
	assert_true(s1.trials > 2); /* the copy was reused */
	assert_int_equal(s1.trials, s2.trials);
	sg_branch_free(b1);
	sg_branch_free(b2);
	free(stat);
	free(lb);
	free(ub);
	sg_model_free(md);
	sg_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_optimum_fewer_trials),
		cmocka_unit_test(trials_leave_node_lp),
		cmocka_unit_test(verbose_reports_branching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
