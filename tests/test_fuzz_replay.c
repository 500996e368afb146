/*
 * test_fuzz_replay.c - replay the fuzzer's corpus and its past crashes
 * without libFuzzer (as sqlite/sqlite:test/fuzzcheck.c replays fuzzer
 * finds): every file in tests/fuzz/corpus/ and tests/fuzz/crashes/ goes
 * through the same steps as tests/fuzz/fuzz_load.c - sg_plan_load, the
 * what-if loads over and under the fixed plans of fuzz_base.h, and the
 * sg_plan_write round trip of an accepted plan - and must give 0 or
 * SG_EDATA, without a crash (the ASan + UBSan build of the suite runs this
 * too, leaks included).
 */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_base.h"
#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/plan.h"

static void ok_rc(const char *path, const char *what, int rc,
		  const sg_plan *p)
{
	if ((rc != 0 && rc != SG_EDATA) || (rc == 0) != (p != NULL))
		fail_msg("%s: %s returned %d", path, what, rc);
}

static void roundtrip(const char *path, const sg_plan *p)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	sg_diag *dg = sg_diag_new();
	sg_plan *q = NULL;
	int rc;

	assert_non_null(f);
	assert_int_equal(sg_plan_write(p, f), 0);
	fclose(f);
	rc = sg_plan_load(buf, n, "roundtrip.csv", dg, &q);
	if (rc != 0)
		fail_msg("%s: the plan written back does not load (%d)", path,
			 rc);
	assert_int_equal(q->T, p->T);
	assert_int_equal(q->nopt, p->nopt);
	assert_int_equal(q->nsite, p->nsite);
	sg_plan_free(q);
	sg_diag_free(dg);
	free(buf);
}

static void replay_one(const char *path)
{
	size_t n;
	char *buf = tu_read_file(path, &n);
	sg_diag *dg = sg_diag_new();
	sg_plan *p = NULL;
	int rc;

	rc = sg_plan_load(buf, n, path, dg, &p);
	ok_rc(path, "sg_plan_load", rc, p);
	if (p)
		roundtrip(path, p);
	sg_plan_free(p);
	rc = sg_plan_load_whatif(fuzz_base, sizeof fuzz_base - 1, "base.csv",
				 buf, n, path, dg, &p);
	ok_rc(path, "sg_plan_load_whatif (as what-if)", rc, p);
	sg_plan_free(p);
	rc = sg_plan_load_whatif(buf, n, path, fuzz_whatif,
				 sizeof fuzz_whatif - 1, "whatif.csv", dg, &p);
	ok_rc(path, "sg_plan_load_whatif (as base)", rc, p);
	sg_plan_free(p);
	sg_diag_free(dg);
	free(buf);
}

/* Replay every regular file of dir; returns how many. */
static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];
	int n = 0;

	if (!d)
		fail_msg("cannot open %s", dir);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		replay_one(path);
		n++;
	}
	closedir(d);
	return n;
}

static void fuzz_1_corpus(void **state)
{
	(void)state;
	assert_true(replay_dir("tests/fuzz/corpus") >= 10);
}

static void fuzz_2_crashes(void **state)
{
	(void)state;
	assert_true(replay_dir("tests/fuzz/crashes") >= 1);
}

/* the fixed plans themselves load (else the fuzzer would only ever see
 * the what-if paths fail on the base) */
static void fuzz_3_fixed_plans(void **state)
{
	sg_diag *dg = sg_diag_new();
	sg_plan *p = NULL;

	(void)state;
	assert_int_equal(sg_plan_load(fuzz_base, sizeof fuzz_base - 1,
				      "base.csv", dg, &p), 0);
	sg_plan_free(p);
	assert_int_equal(sg_plan_load_whatif(fuzz_base, sizeof fuzz_base - 1,
					     "base.csv", fuzz_whatif,
					     sizeof fuzz_whatif - 1,
					     "whatif.csv", dg, &p), 0);
	sg_plan_free(p);
	assert_int_equal(sg_diag_nerrors(dg), 0);
	sg_diag_free(dg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fuzz_1_corpus),
		cmocka_unit_test(fuzz_2_crashes),
		cmocka_unit_test(fuzz_3_fixed_plans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
