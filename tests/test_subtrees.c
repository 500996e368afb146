/*
 * test_subtrees.c - the search of subtrees side by side (solve.c,
 * lockstep.h): workers that meet after every round see the same meetings
 * whatever the number of threads, and get their turns longest first; a
 * search split into subtrees reaches the optimum of the single tree; its
 * plan and bound are identical on 1, 2 or 3 threads; and the CLI writes
 * byte-identical reports with --threads 1 and --threads 2 on a plan that
 * splits by default.
 */
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sgplan/engine.h"
#include "sgplan/lockstep.h"

/* Lockstep: worker i runs i+2 rounds; in each it mixes what the last
 * meeting decided into its own value; each meeting folds the values in
 * worker order into a history. */
enum { NW = 5, MAXR = 16 };

typedef struct lsrun {
	uint64_t val[NW];   /* published by worker i */
	uint64_t seen;      /* decided by the last meeting */
	uint64_t hist[MAXR];
	int rounds;
	int stop_at;        /* meeting that stops everyone (0: none) */
	int worked[NW];     /* rounds each worker ran */
} lsrun;

static uint64_t mix(uint64_t a, uint64_t b)
{
	a ^= b + 0x9E3779B97F4A7C15ull + (a << 6) + (a >> 2);
	return a * 0xBF58476D1CE4E5B9ull;
}

static int ls_meet(void *ctx)
{
	lsrun *r = ctx;
	uint64_t h = r->seen;
	for (int i = 0; i < NW; i++)
		h = mix(h, r->val[i]);
	r->seen = h;
	r->hist[r->rounds++] = h;
	return r->stop_at && r->rounds == r->stop_at;
}

static void ls_work(void *ctx, sg_lockstep *ls, int i)
{
	lsrun *r = ctx;
	for (int k = 0; k < i + 2; k++) {
		r->val[i] = mix(r->seen, (uint64_t)(i * 100 + k));
		r->worked[i]++;
		if (sg_lockstep_meet(ls, i))
			return;
	}
}

static void lockstep_same_meetings(void **state)
{
	(void)state;
	lsrun ref = { .rounds = 0 };
	assert_int_equal(sg_lockstep_run(NW, 1, ls_work, ls_meet, &ref), 0);
	/* a meeting per round until the longest worker ends its last */
	assert_int_equal(ref.rounds, NW + 1);
	for (int threads = 2; threads <= NW + 1; threads++) {
		lsrun r = { .rounds = 0 };
		assert_int_equal(sg_lockstep_run(NW, threads, ls_work, ls_meet,
						 &r), 0);
		assert_int_equal(r.rounds, ref.rounds);
		assert_memory_equal(r.hist, ref.hist, sizeof r.hist);
	}
	/* a meeting that stops them: every worker returns after it */
	lsrun st = { .stop_at = 2 };
	assert_int_equal(sg_lockstep_run(NW, 2, ls_work, ls_meet, &st), 0);
	assert_int_equal(st.rounds, 2);
	for (int i = 0; i < NW; i++)
		assert_int_equal(st.worked[i], 2);
}

/* Longest first: on one thread, a round's permits go to the workers whose
 * last round ran longest (worker i sleeps its own fixed time each round),
 * the first round in index order.  The sleeps lie 150 ms and more apart:
 * 45 ms was once too little under ASan beside a parallel build on 2 cores.
 */
enum { LW = 3, LR = 3 };
static const long nap_ms[LW] = { 1, 400, 150 };

typedef struct lpt {
	int ran[LW * LR]; /* workers in the order they got a permit */
	int n;
} lpt;

static int lpt_meet(void *ctx)
{
	(void)ctx;
	return 0;
}

static void lpt_work(void *ctx, sg_lockstep *ls, int i)
{
	lpt *r = ctx;
	for (int k = 0; k < LR; k++) {
		r->ran[r->n++] = i; /* one thread: one worker at a time */
		struct timespec ts = { 0, nap_ms[i] * 1000000L };
		nanosleep(&ts, NULL);
		if (sg_lockstep_meet(ls, i))
			return;
	}
}

static void lockstep_longest_first(void **state)
{
	(void)state;
	lpt r = { .n = 0 };
	assert_int_equal(sg_lockstep_run(LW, 1, lpt_work, lpt_meet, &r), 0);
	static const int want[LW * LR] = { 0, 1, 2, 1, 2, 0, 1, 2, 0 };
	assert_int_equal(r.n, LW * LR);
	assert_memory_equal(r.ran, want, sizeof want);
}

/* The plan's MIP solved with the given split and threads. */
static sg_result solve(const sg_plan *p, double gap, int split, int threads)
{
	sg_solve_opts o = { .mip_gap = gap, .split_after = split,
			    .threads = threads };
	return tu_solve_optimal(p, &o);
}

/* Split after 2 nodes, the optimum (gap 1e-9) is the single tree's. */
static void split_same_optimum(void **state)
{
	(void)state;
	for (int seed = 1; seed <= 4; seed++) {
		sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen.csv",
								seed));
		sg_result one = solve(p, 1e-9, -1, 1);
		sg_result sub = solve(p, 1e-9, 2, 2);
		if (fabs(one.total_cost - sub.total_cost) >
		    1e-6 * fmax(1, fabs(one.total_cost)))
			fail_msg("seed %d: one tree %.12g, subtrees %.12g",
				 seed, one.total_cost, sub.total_cost);
		sg_result_free(&one);
		sg_result_free(&sub);
		sg_plan_free(p);
	}
}

/* Split after 2 nodes at the default gap (where plans within the gap
 * could differ), on 1, 2 and 3 threads: the same plan, cost and bound,
 * to the bit. */
static void split_any_threads_identical(void **state)
{
	(void)state;
	sg_plan *p = tu_load_plan(tu_generate_tree_plan("gen3.csv", 3));
	sg_result ref = solve(p, 1e-4, 2, 1);
	for (int threads = 2; threads <= 3; threads++) {
		sg_result r = solve(p, 1e-4, 2, threads);
		assert_true(r.total_cost == ref.total_cost);
		assert_true(r.best_bound == ref.best_bound);
		assert_int_equal(r.ncol, ref.ncol);
		assert_memory_equal(r.x, ref.x, ((size_t)r.ncol + 1) *
				    sizeof(double));
		sg_result_free(&r);
	}
	sg_result_free(&ref);
	sg_plan_free(p);
}

/* The lines of a --verbose log that count the search's work (nodes,
 * trial LPs, fixings), their timings left out.  Caller frees. */
static char *search_stats(const char *log)
{
	static const char *const keys[] = { "sgplan: branching: ",
		"sgplan: first tree: ", "sgplan: subtrees: " };
	size_t cap = strlen(log) + 1, n = 0;
	char *s = calloc(cap, 1);
	for (int k = 0; k < 3; k++) {
		const char *l = strstr(log, keys[k]);
		assert_non_null(l);
		size_t len = strcspn(l, "\n");
		memcpy(s + n, l, len);
		n += len;
		s[n++] = '\n';
	}
	return s;
}

/* sgplan --threads 1 and --threads 2 on a plan that splits by default
 * (10x8x24 seed 4: it is still open after 50 nodes, a few seconds):
 * byte-identical reports; --verbose says it split. */
static void cli_threads_identical(void **state)
{
	(void)state;
	static const char *files[] = { "summary.csv", "quarterly.csv",
		"builds.csv", "duals.csv" };
	const char *plan = tu_generate("gen10.csv", "--sites 10 --options 8 "
		"--quarters 24 --fabs 2 --products 2 --platforms 2 "
		"--regions 3 --seed 4");
	const char *dir[2];
	char *stats[2];
	for (int run = 0; run < 2; run++) {
		dir[run] = tu_tmp_dir(run ? "t2" : "t1");
		char *out = NULL, *err = NULL;
		assert_int_equal(tu_run(&out, &err, "'%s' --verbose --threads "
					"%d --out '%s'", plan, run + 1,
					dir[run]), 0);
		if (!strstr(err, "sgplan: split after "))
			fail_msg("no split in:\n%s", err);
		/* GLPK's log goes to stderr, from the subtrees' threads too */
		assert_null(strstr(out, "Constructing initial basis"));
		assert_null(strstr(out, "Size of triangular part"));
		/* 2026-12-06: on 2 threads the root LP is solved beside the
		 * all-options plan's, and the search is the same to the node
		 * (counts of nodes, trial LPs and fixings below) */
		assert_true(!strstr(err, "beside the all-options plan") ==
			    !run);
		stats[run] = search_stats(err);
		free(out);
		free(err);
	}
	assert_string_equal(stats[0], stats[1]);
	free(stats[0]);
	free(stats[1]);
	char *sum = tu_out_file(dir[0], "summary.csv");
	assert_non_null(strstr(sum, "status,optimal"));
	free(sum);
	tu_assert_same_reports(dir[0], dir[1], files, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lockstep_same_meetings),
		cmocka_unit_test(lockstep_longest_first),
		cmocka_unit_test(split_same_optimum),
		cmocka_unit_test(split_any_threads_identical),
		cmocka_unit_test(cli_threads_identical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
