/*
 * test_crosscheck.c - the exported model, solved by glpsol and by cbc,
 * has the optimum sgplan reports (1e-6 relative), on data/2025.csv and on
 * generated instances; and two runs give byte-identical CSVs.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static const char *tmp(void)
{
	return getenv("SG_TMP") ? getenv("SG_TMP") : "/tmp/sgplan-tests";
}

/* First number after key in file path. */
static double number_after(const char *path, const char *key)
{
	char *s = tu_read_file(path, NULL);
	char *p = strstr(s, key);
	if (!p)
		fail_msg("'%s' not in %s:\n%s", key, path, s);
	double v = strtod(p + strlen(key), NULL);
	free(s);
	return v;
}

static int have(const char *prog)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", prog);
	return system(cmd) == 0;
}

static void crosscheck(const char *plan, const char *tag)
{
	char lp[600], mps[600], out[600], cmd[2400];
	snprintf(lp, sizeof lp, "%s/%s.lp", tmp(), tag);
	snprintf(mps, sizeof mps, "%s/%s.mps", tmp(), tag);
	const char *dir = tu_tmp_dir(tag);
	char *err = NULL;
	int rc = tu_run(NULL, &err, "%s --quiet --mip-gap 1e-9 --out '%s' "
			"--export-lp '%s' --export-mps '%s'", plan, dir, lp,
			mps);
	if (rc != 0)
		fail_msg("sgplan %s: exit %d: %s", plan, rc, err);
	free(err);
	snprintf(out, sizeof out, "%s/summary.csv", dir);
	double mine = tu_summary_value(out, "total_cost");

	snprintf(out, sizeof out, "%s/%s.glpsol", tmp(), tag);
	snprintf(cmd, sizeof cmd, "glpsol --lp '%s' --mipgap 1e-9 -o '%s' "
		 ">/dev/null 2>&1", lp, out);
	unlink(out);
	assert_int_equal(system(cmd), 0);
	double g = number_after(out, "total_cost = ");
	if (fabs(g - mine) > 1e-6 * fmax(1, fabs(g)))
		fail_msg("%s: sgplan %.12g, glpsol %.12g", tag, mine, g);

	if (have("cbc")) {
		snprintf(out, sizeof out, "%s/%s.cbc", tmp(), tag);
		snprintf(cmd, sizeof cmd, "cbc '%s' ratio 1e-9 solve solu "
			 "'%s' >/dev/null 2>&1", mps, out);
		/* the LP file must be readable by cbc too */
		char out2[700];
		snprintf(out2, sizeof out2, "%s.lp", out);
		char cmd2[2400];
		snprintf(cmd2, sizeof cmd2, "cbc '%s' ratio 1e-9 solve solu "
			 "'%s' >/dev/null 2>&1", lp, out2);
		/* cbc exits 0 on a file it cannot read: no solution file
		 * from an earlier run may answer for it */
		unlink(out);
		unlink(out2);
		assert_int_equal(system(cmd2), 0);
		double c2 = number_after(out2, "objective value ");
		if (fabs(c2 - mine) > 1e-6 * fmax(1, fabs(c2)))
			fail_msg("%s: sgplan %.12g, cbc (LP) %.12g", tag, mine,
				 c2);
		assert_int_equal(system(cmd), 0);
		double c = number_after(out, "objective value ");
		if (fabs(c - mine) > 1e-6 * fmax(1, fabs(c)))
			fail_msg("%s: sgplan %.12g, cbc %.12g", tag, mine, c);
	}
}

static void cross_1_default_plan(void **s)
{
	(void)s;
	crosscheck("data/2025.csv", "default");
}

static void cross_2_example(void **s)
{
	(void)s;
	crosscheck("tests/data/example.csv", "example");
}

/* Generated instances: sggen sits beside the sgplan binary; its own
 * command line too. */
static void cross_3_generated(void **s)
{
	(void)s;
	const char *gen = tu_sggen();
	char cmd[1400], plan[600], tag[32];
	for (int seed = 1; seed <= 6; seed++) {
		snprintf(plan, sizeof plan, "%s/gen%d.csv", tmp(), seed);
		snprintf(cmd, sizeof cmd, "'%s' --sites %d --options 3 "
			 "--quarters %d --seed %d > '%s'", gen, 1 + seed % 3,
			 4 + 2 * seed, seed, plan);
		assert_int_equal(system(cmd), 0);
		snprintf(tag, sizeof tag, "gen%d", seed);
		crosscheck(plan, tag);
	}
	/* its help goes to stdout (exit 0); an unknown option gets the
	 * usage on stderr and exit 64 */
	snprintf(cmd, sizeof cmd, "'%s' --help | grep -q '^usage: sggen'",
		 gen);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "'%s' --bogus 2>&1 >/dev/null | "
		 "grep -q '^usage: sggen'", gen);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "'%s' --bogus 2>/dev/null", gen);
	int rc = system(cmd);
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 64);
}

/* A generated plan on which the site capacity cuts do work (the root bound
 * rises from 5.42M to 5.63M): cutting must not lose the optimum. */
static void cross_5_site_cuts(void **s)
{
	(void)s;
	char cmd[1400], plan[600];
	snprintf(plan, sizeof plan, "%s/cuts.csv", tmp());
	snprintf(cmd, sizeof cmd, "'%s' --sites 4 --options 8 --quarters 24 "
		 "--regions 3 --fabs 2 --products 2 --platforms 2 --seed 42 "
		 "> '%s'", tu_sggen(), plan);
	assert_int_equal(system(cmd), 0);
	crosscheck(plan, "cuts");
}

/* Entity names the LP and MPS files must keep apart (the exports once
 * wrote every other byte as '_', so that glpsol and cbc refused both files:
 * "multiply defined"), and a name too long for GLPK once escaped. */
static void cross_6_export_names(void **s)
{
	(void)s;
	crosscheck("tests/data/export-names.csv", "names");
	char lp[600];
	snprintf(lp, sizeof lp, "%s/names.lp", tmp());
	char *t = tu_read_file(lp, NULL);
	assert_non_null(strstr(t, "racks(GB300~2DNVL72,~ED~8F~AC~ED~95~AD,"
			       "2025Q1)"));
	assert_non_null(strstr(t, "ON(~ED~8F~AC~ED~95~AD~20P2,2025Q1)"));
	assert_non_null(strstr(t, "ON(~ED~8F~AC~ED~95~AD_P2,2025Q1)"));
	free(t);
}

/* A column in no row, fixed at 1 and at no cost: left out of the exports
 * (cbc rejected GLPK's MPS placeholder for it); a model left with no
 * column, and one with neither a column nor a row (glpsol rejected the
 * LP file GLPK wrote for it). */
static void cross_8_empty_column(void **s)
{
	(void)s;
	crosscheck("tests/data/export-empty.csv", "empty");
	crosscheck("tests/data/export-nothing.csv", "nothing");
	crosscheck("tests/model/empty.csv", "empty-plan");
}

/* A number GLPK's MPS writer cannot hold (-1.23457E-120 takes 13 of its
 * 12 characters): exit 73 with the reason and no file, where GLPK's
 * assertion aborted the run (exit 70); the LP export holds it. */
static void cross_9_mps_number(void **s)
{
	(void)s;
	/* one quarter: no monotony row's 1 beside it, which would make
	 * a span over 1e30, refused */
	const char *plan = tu_tmp_write("mps-number.csv",
		"section,name,attribute,value,2025Q1\n"
		"fab,F,wafer_capacity,0\n"
		"option,K,target,fab:F\n"
		"option,K,capacity,1.2345678e-120\n"
		"option,K,opex,1e-110\n");
	char mps[600], lp[600], *err = NULL;
	snprintf(mps, sizeof mps, "%s/number.mps", tmp());
	snprintf(lp, sizeof lp, "%s/number.lp", tmp());
	unlink(mps);
	assert_int_equal(tu_run(NULL, &err, "'%s' --quiet --out '%s' "
				"--export-mps '%s'", plan,
				tu_tmp_dir("number"), mps), 73);
	assert_non_null(strstr(err, "does not fit the 12 characters of "
			       "GLPK's MPS fields"));
	assert_false(tu_exists(mps));
	free(err);
	assert_int_equal(tu_run(NULL, NULL, "'%s' --quiet --out '%s' "
				"--export-lp '%s'", plan,
				tu_tmp_dir("number"), lp), 0);
	assert_true(tu_exists(lp));
}

/* A transport-like LP, where the root LP's dual simplex gives way to the
 * primal after its iteration cap. */
static void cross_7_transport(void **s)
{
	(void)s;
	crosscheck("tests/data/transport.csv", "transport");
}

static void cross_4_deterministic(void **s)
{
	(void)s;
	static const char *files[] = { "summary.csv", "quarterly.csv",
		"builds.csv", "duals.csv", "risk.csv" };
	const char *dir[2];
	for (int run = 0; run < 2; run++) {
		dir[run] = tu_tmp_dir(run ? "det2" : "det1");
		assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv "
					"--quiet --scenarios 20 --out '%s'",
					dir[run]), 0);
	}
	tu_assert_same_reports(dir[0], dir[1], files, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cross_1_default_plan),
		cmocka_unit_test(cross_2_example),
		cmocka_unit_test(cross_3_generated),
		cmocka_unit_test(cross_4_deterministic),
		cmocka_unit_test(cross_5_site_cuts),
		cmocka_unit_test(cross_6_export_names),
		cmocka_unit_test(cross_7_transport),
		cmocka_unit_test(cross_8_empty_column),
		cmocka_unit_test(cross_9_mps_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
