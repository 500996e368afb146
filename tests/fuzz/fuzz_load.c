/*
 * fuzz_load.c - libFuzzer target for the plan loader (solver/load*.c),
 * fed from memory (modelled on jqlang/jq:tests/jq_fuzz_parse.c).
 *
 * Each input is loaded
 *   1. as a plan file (sg_plan_load);
 *   2. as a what-if file over the fixed base of fuzz_base.h;
 *   3. as a base under the fixed what-if of fuzz_base.h;
 * and, when step 1 accepts it, written back with sg_plan_write and loaded
 * again, which must succeed (the writer's promise in plan.h).  Everything
 * is freed; nothing is printed (the diagnostics are dropped unprinted).
 * The only outcomes allowed are 0 and SG_EDATA; anything else aborts, as
 * does a crash, a leak or undefined behaviour (the build adds ASan and
 * UBSan, see CMakeLists.txt).
 *
 * Build and run (scripts/test.sh does this for SG_FUZZ_SECONDS):
 *   CC=clang cmake -S . -B build-fuzz -DSG_FUZZ=ON -DSG_TESTS=OFF
 *   cmake --build build-fuzz --target fuzz_load
 *   build-fuzz/tests/fuzz/fuzz_load -max_total_time=60 corpus-dir \
 *       tests/fuzz/corpus tests/bad tests/data
 * A crash leaves crash-<sha1> in the working directory: fix it, then add
 * the input to tests/fuzz/crashes/ under a name saying what it was, so
 * tests/test_fuzz_replay.c replays it in every test run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_base.h"
#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_rc(int rc, const sg_plan *p, const char *what)
{
	if ((rc != 0 && rc != SG_EDATA) || (rc == 0) != (p != NULL)) {
		fprintf(stderr, "fuzz_load: %s returned %d (plan %p)\n", what,
			rc, (const void *)p);
		abort();
	}
}

/* A plan written by sg_plan_write must load again. */
static void roundtrip(const sg_plan *p)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	sg_diag *dg;
	sg_plan *q = NULL;
	int rc;

	if (!f)
		abort();
	if (sg_plan_write(p, f) != 0)
		abort();
	fclose(f);
	dg = sg_diag_new();
	rc = sg_plan_load(buf, n, "roundtrip.csv", dg, &q);
	if (rc != 0 || !q || q->T != p->T || q->nfab != p->nfab ||
	    q->nprod != p->nprod || q->nplat != p->nplat ||
	    q->nsite != p->nsite || q->nreg != p->nreg ||
	    q->nopt != p->nopt) {
		fprintf(stderr, "fuzz_load: sg_plan_write output does not load "
			"back (rc %d):\n", rc);
		sg_diag_print(dg, stderr);
		fwrite(buf, 1, n, stderr);
		abort();
	}
	sg_plan_free(q);
	sg_diag_free(dg);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	sg_diag *dg = sg_diag_new();
	sg_plan *p = NULL;
	int rc;

	rc = sg_plan_load(in, size, "fuzz.csv", dg, &p);
	check_rc(rc, p, "sg_plan_load");
	if (p)
		roundtrip(p);
	sg_plan_free(p);

	rc = sg_plan_load_whatif(fuzz_base, sizeof fuzz_base - 1, "base.csv",
				 in, size, "whatif.csv", dg, &p);
	check_rc(rc, p, "sg_plan_load_whatif (input as what-if)");
	sg_plan_free(p);

	rc = sg_plan_load_whatif(in, size, "fuzz.csv", fuzz_whatif,
				 sizeof fuzz_whatif - 1, "whatif.csv", dg, &p);
	check_rc(rc, p, "sg_plan_load_whatif (input as base)");
	sg_plan_free(p);

	sg_diag_free(dg); /* unprinted */
	return 0;
}
