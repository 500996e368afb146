/*
 * test_gmpl.c - sgplan's optimum against an independent implementation of
 * MODEL.md: tests/gmpl/plan2dat.py reads the plan with its own CSV code and
 * tests/gmpl/model.mod states the model in GNU MathProg; glpsol solves it.
 * Both must find the same total_cost (1e-6 relative) on the FORMAT.md
 * example, data/2025.csv, its what-if cases, generated plans and plans
 * made to exercise one feature each.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tmp(void)
{
	return getenv("SG_TMP") ? getenv("SG_TMP") : "/tmp/sgplan-tests";
}

/* total_cost of the GMPL model on plan (and what-if), or fail. */
static double gmpl(const char *plan, const char *whatif, const char *tag)
{
	char dat[600], out[600], cmd[2400];
	snprintf(dat, sizeof dat, "%s/%s.dat", tmp(), tag);
	snprintf(out, sizeof out, "%s/%s.gmpl", tmp(), tag);
	snprintf(cmd, sizeof cmd, "python3 tests/gmpl/plan2dat.py '%s' %s%s%s "
		 "--dat '%s' >/dev/null && glpsol --math tests/gmpl/model.mod "
		 "--data '%s' --mipgap 1e-9 > '%s' 2>&1", plan,
		 whatif ? "--what-if '" : "", whatif ? whatif : "",
		 whatif ? "'" : "", dat, dat, out);
	if (system(cmd) != 0)
		fail_msg("GMPL cross-check failed to run on %s", plan);
	char *s = tu_read_file(out, NULL);
	char *p = strstr(s, "TOTAL_COST ");
	if (!p)
		fail_msg("no TOTAL_COST in %s", out);
	double v = strtod(p + 11, NULL);
	free(s);
	return v;
}

static double sgplan(const char *plan, const char *whatif, const char *tag)
{
	const char *dir = tu_tmp_dir(tag);
	char *err = NULL;
	char w[700] = "";
	if (whatif)
		snprintf(w, sizeof w, "--what-if '%s'", whatif);
	int rc = tu_run(NULL, &err, "'%s' %s --quiet --mip-gap 1e-9 --out "
			"'%s'", plan, w, dir);
	if (rc != 0)
		fail_msg("sgplan %s: exit %d: %s", plan, rc, err);
	free(err);
	char path[800];
	if (whatif) {
		const char *b = strrchr(whatif, '/');
		snprintf(path, sizeof path, "%s/%.*s/summary.csv", dir,
			 (int)strlen(b + 1) - 4, b + 1);
	} else {
		snprintf(path, sizeof path, "%s/summary.csv", dir);
	}
	return tu_summary_value(path, "total_cost");
}

static void same(const char *plan, const char *whatif, const char *tag)
{
	double a = sgplan(plan, whatif, tag), b = gmpl(plan, whatif, tag);
	if (fabs(a - b) > 1e-6 * fmax(1, fabs(b)))
		fail_msg("%s %s: sgplan %.15g, GMPL %.15g", plan,
			 whatif ? whatif : "", a, b);
}

static void gmpl_1_example(void **s)
{
	(void)s;
	same("tests/data/example.csv", NULL, "example");
	/* a what-if's quarter columns may be any subset of the base's */
	same("tests/data/example.csv", "tests/data/whatif-sparse.csv",
	     "sparse");
}

static void gmpl_2_default_and_whatifs(void **s)
{
	(void)s;
	same("data/2025.csv", NULL, "2025");
	same("data/2025.csv", "data/whatif/grid-delay.csv", "grid-delay");
	same("data/2025.csv", "data/whatif/demand-surge.csv", "surge");
	same("data/2025.csv", "data/whatif/hbm-yield-loss.csv", "yield");
}

static void gmpl_3_generated(void **s)
{
	(void)s;
	for (int seed = 1; seed <= 8; seed++) {
		char plan[600], cmd[1400], tag[32];
		snprintf(plan, sizeof plan, "%s/r%d.csv", tmp(), seed);
		snprintf(cmd, sizeof cmd, "'%s' --sites %d --options 3 "
			 "--quarters %d --platforms %d --products %d --seed %d "
			 "> '%s'", tu_sggen(), 1 + seed % 3, 4 + seed,
			 1 + seed % 2, 1 + seed % 2, seed, plan);
		assert_int_equal(system(cmd), 0);
		snprintf(tag, sizeof tag, "r%d", seed);
		same(plan, NULL, tag);
	}
}

/* Plans that exercise what generated plans do not (tests/gmpl/cases, each
 * says what in its first line): committed chains, requires, long leads,
 * product leads, scheduled output, restricted links, initial racks, fab
 * options, a negative discount rate, a product no fab makes, a lead
 * so long that its capex factor overflows. */
static void gmpl_4_feature_cases(void **s)
{
	(void)s;
	static const char *cases[] = {
		"b2_mix", "b3_mix", "chain_nc", "comm_before", "comm_chain",
		"drneg", "fab_opts", "initracks", "lead50", "lead_2e9",
		"lead_disc", "lead_huge", "nofab_prod", "opt_lead_T1",
		"prod_lead_7", "sched", "serve",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char plan[200];
		snprintf(plan, sizeof plan, "tests/gmpl/cases/%s.csv",
			 cases[i]);
		same(plan, NULL, cases[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gmpl_1_example),
		cmocka_unit_test(gmpl_2_default_and_whatifs),
		cmocka_unit_test(gmpl_3_generated),
		cmocka_unit_test(gmpl_4_feature_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
