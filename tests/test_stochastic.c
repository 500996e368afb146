/*
 * test_stochastic.c - the stochastic plan (hand-derived instance; extensive
 * form and Benders agree on generated instances) and Open MPI runs that
 * write the same bytes as threads.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/engine.h"
#include "sgplan/stochastic.h"

static const char *run(const char *name, const char *launcher,
		       const char *file, const char *args)
{
	char *err = NULL;
	const char *dir = tu_tmp_dir(name);
	int rc;
	if (launcher) {
		char cmd[2048];
		snprintf(cmd, sizeof cmd, "%s %s %s --quiet --out '%s' %s",
			 launcher, getenv("SGPLAN"), file, dir, args);
		rc = system(cmd);
		rc = rc == 0 ? 0 : 1;
	} else {
		rc = tu_run(NULL, &err, "%s --quiet --out '%s' %s", file, dir,
			    args);
	}
	if (rc != 0)
		fail_msg("%s: exit %d: %s", name, rc, err ? err : "");
	free(err);
	return dir;
}

/* tests/model/stochastic.csv derives: 100, 100, and O not built. */
static void stoch_1_hand_derived(void **s)
{
	(void)s;
	const char *m[] = { "extensive", "benders" };
	for (int i = 0; i < 2; i++) {
		char args[100];
		snprintf(args, sizeof args, "--stochastic 7 --saa-method %s",
			 m[i]);
		const char *dir = run(m[i], NULL, "tests/model/stochastic.csv",
				      args);
		double z = tu_out_metric(dir, "total_cost"),
		       det = tu_out_metric(dir, "deterministic_cost"),
		       vss = tu_out_metric(dir,
					   "value_of_stochastic_solution");
		assert_true(fabs(z - 100) < 1e-9);
		assert_true(fabs(det - 100) < 1e-9);
		assert_true(fabs(vss - 30) < 1e-9);
		char *st = tu_out_file(dir, "stochastic.csv");
		assert_string_equal(st, "option,deterministic,stochastic,"
				    "differs\nO,2025Q2,,1\n");
		free(st);
		char *b = tu_out_file(dir, "builds.csv");
		assert_null(strstr(b, "\nO,"));
		free(b);
	}
	/* stdout says what the stochastic plan's figures are, and (as
	 * summary.csv) how both plans fare out of sample */
	char *out = NULL;
	const char *dir = tu_tmp_dir("stoch-console");
	assert_int_equal(tu_run(&out, NULL, "tests/model/stochastic.csv "
				"--stochastic 7 --out '%s'", dir), 0);
	assert_non_null(strstr(out, "\nstochastic plan: its total cost, "
			       "cost split, unserved compute and contract "
			       "shortfall are means over 7 sampled scenarios; "
			       "on the forecast it costs 100.00\n"));
	char want[400];
	snprintf(want, sizeof want, "\nout of sample (%.0f fresh scenarios, "
		 "seed %.0f): the stochastic plan costs %.2f on average (se "
		 "%.2f), the deterministic plan %.2f (se %.2f): value of the "
		 "stochastic solution %.2f\n",
		 tu_out_metric(dir, "out_of_sample_scenarios"),
		 tu_out_metric(dir, "out_of_sample_seed"),
		 tu_out_metric(dir, "out_of_sample_cost_stochastic"),
		 tu_out_metric(dir, "out_of_sample_cost_stochastic_se"),
		 tu_out_metric(dir, "out_of_sample_cost_deterministic"),
		 tu_out_metric(dir, "out_of_sample_cost_deterministic_se"),
		 tu_out_metric(dir, "value_of_stochastic_solution"));
	assert_non_null(strstr(out, want));
	free(out);
}

/* plan with the sample (--stochastic N --seed S): the extensive form and
 * Benders report the same SAA optimum. */
static void methods_agree(const char *plan, const char *sample)
{
	char args[200];
	snprintf(args, sizeof args, "%s --saa-method extensive --mip-gap "
		 "1e-9", sample);
	double ea = tu_out_metric(run("ext", NULL, plan, args), "total_cost");
	snprintf(args, sizeof args, "%s --saa-method benders --mip-gap 1e-9",
		 sample);
	double eb = tu_out_metric(run("ben", NULL, plan, args), "total_cost");
	if (fabs(ea - eb) > 1e-6 * fmax(1, fabs(ea)))
		fail_msg("%s %s: extensive %.12g, benders %.12g", plan,
			 sample, ea, eb);
}

/* Extensive form and Benders reach the same SAA optimum, on generated
 * plans and on two where Benders exited 70 with no message (random
 * campaign): cuts held slopes of 1e-12 beside 9e5, the rounding of the
 * scenario LPs, and GLPK's presolve called the master unbounded (it also
 * made Benders run on for minutes on the second plan's other samples). */
static void stoch_2_methods_agree(void **s)
{
	(void)s;
	const char *gen = tu_sggen();
	char cmd[1400], plan[600];
	for (int seed = 1; seed <= 4; seed++) {
		snprintf(plan, sizeof plan, "%s/g%d.csv", getenv("SG_TMP"),
			 seed);
		snprintf(cmd, sizeof cmd, "'%s' --sites 2 --options 2 "
			 "--quarters 6 --seed %d > '%s'", gen, seed, plan);
		assert_int_equal(system(cmd), 0);
		methods_agree(plan, "--stochastic 8");
	}
	methods_agree("tests/model/benders-flat.csv",
		      "--stochastic 11 --seed 657528");
	methods_agree("tests/model/benders-ties.csv",
		      "--stochastic 14 --seed 425223");
}

static int have_mpi(void)
{
	const char *m = getenv("SG_MPI");
	return m && strcmp(m, "1") == 0 &&
	       system("command -v mpirun >/dev/null 2>&1") == 0;
}

/* An MPI test: skipped without mpirun, which may run as root. */
#define NEED_MPI() do { \
	if (!have_mpi()) \
		skip(); \
	setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1); \
	setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1); \
} while (0)

/* summary.csv without its solve_seconds row (the one that may differ). */
static char *summary_sans_time(const char *dir)
{
	char *s = tu_out_file(dir, "summary.csv");
	char *x = strstr(s, "solve_seconds");
	size_t n = strcspn(x, "\n");
	memmove(x, x + n, strlen(x + n) + 1);
	return s;
}

/* Every report of a Benders plan with scenarios: mpirun -np 1, 2 and 4
 * and threads alike (2026-11-26: with 4 ranks the non-root ranks kept
 * their own Benders choice and sent rank 0 rows of another plan). */
static void stoch_3_mpi_identical(void **s)
{
	(void)s;
	NEED_MPI();
	const char *args = "--scenarios 40 --seed 9 --stochastic 6 "
			   "--saa-method benders";
	static const char *files[] = { "risk.csv", "builds.csv",
				       "stochastic.csv", "quarterly.csv",
				       "summary.csv" };
	const char *t = run("mpi-threads", NULL, "tests/data/example.csv",
			    args);
	char *want[5];
	for (int i = 0; i < 5; i++)
		want[i] = i == 4 ? summary_sans_time(t) :
				   tu_out_file(t, files[i]);
	const char *np[] = { "mpirun -np 1", "mpirun -np 2 --oversubscribe",
			     "mpirun -np 4 --oversubscribe" };
	const char *tag[] = { "mpi1", "mpi2", "mpi4" };
	for (int k = 0; k < 3; k++) {
		const char *d = run(tag[k], np[k], "tests/data/example.csv",
				    args);
		for (int i = 0; i < 5; i++) {
			char *got = i == 4 ? summary_sans_time(d) :
					     tu_out_file(d, files[i]);
			assert_string_equal(got, want[i]);
			free(got);
		}
	}
	for (int i = 0; i < 5; i++)
		free(want[i]);
}

/* A rank killed in the middle of the scenarios fails the run (mpirun
 * names the process) and rank 0 writes no report at all. */
static void stoch_4_mpi_rank_dies(void **s)
{
	(void)s;
	NEED_MPI();
	const char *dir = tu_tmp_dir("mpi-dies");
	char cmd[2400];
	snprintf(cmd, sizeof cmd, "timeout 120 mpirun -np 2 --oversubscribe "
		 "bash -c '%s data/2025.csv --scenarios 20000 --threads 1 "
		 "--quiet --out %s & p=$!; if [ \"$OMPI_COMM_WORLD_RANK\" = 1 "
		 "]; then sleep 1; kill -9 $p; fi; wait $p' > %s.log 2>&1",
		 getenv("SGPLAN"), dir, dir);
	assert_int_not_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "test ! -e '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* An export that cannot be written fails every rank at once, exit 73
 * and no reports (2026-12-07: rank 0 stopped, the other rank waited in
 * the solve's collectives for ever). */
static void stoch_4b_mpi_export_fails(void **s)
{
	(void)s;
	NEED_MPI();
	const char *dir = tu_tmp_dir("mpi-export");
	char cmd[2400];
	snprintf(cmd, sizeof cmd, "timeout 60 mpirun -np 2 --oversubscribe "
		 "%s tests/data/example.csv --scenarios 50 --quiet --out %s "
		 "--export-lp /nonexistent/m.lp > %s.log 2>&1; echo $? >> "
		 "%s.log", getenv("SGPLAN"), dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "tail -1 '%s.log' | grep -qx 73 && grep -q "
		 "\"cannot write the model to '/nonexistent/m.lp'\" '%s.log'"
		 " && test ! -e '%s'", dir, dir, dir);
	assert_int_equal(system(cmd), 0);
}

/* A rank that cannot read its input (a host without the file) says so and
 * stops the run, no report written (2026-12-07: rank 0 planned and wrote
 * its reports, and no line said what was missing). */
static void stoch_4d_mpi_rank_cannot_read(void **s)
{
	(void)s;
	NEED_MPI();
	const char *dir = tu_tmp_dir("mpi-noread");
	char cmd[2400];
	snprintf(cmd, sizeof cmd, "timeout 60 mpirun -np 2 --oversubscribe "
		 "sh -c 'if [ \"$OMPI_COMM_WORLD_RANK\" = 1 ]; then f=tests/"
		 "no-such.csv; else f=tests/data/example.csv; fi; exec %s $f "
		 "--out %s' > %s.log 2>&1; test $? -ne 0 && grep -q \"^sgplan: "
		 "error: rank 1: cannot read 'tests/no-such.csv'\" %s.log && "
		 "test ! -e %s", getenv("SGPLAN"), dir, dir, dir, dir);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof cmd, "cat %s.log >&2", dir);
		(void)system(cmd);
		fail();
	}
}

/* Lines of `cmd 2>&1` that start with line (-1: it failed), and cmd's
 * exit status in *rc (124: it hung, stopped after 60 s). */
static int count_lines_of(const char *cmd, const char *line, int *rc)
{
	char c[2600];
	const char *log = tu_tmp_dir("count.log");
	snprintf(c, sizeof c, "timeout 60 %s > %s 2>&1; echo $?; grep -c "
		 "'^%s' %s", cmd, log, line, log);
	FILE *f = popen(c, "r");
	int n = -1;
	if (!f || fscanf(f, "%d %d", rc, &n) != 2)
		n = -1;
	if (f)
		pclose(f);
	return n;
}

/* Under mpirun rank 0 alone talks: each line as often as one process on
 * one thread prints it (2026-12-07: a file that cannot be read, --help,
 * --version and every --verbose and GLPK log line came once per rank,
 * the last with each rank's own timings). */
static void stoch_4c_mpi_one_voice(void **s)
{
	(void)s;
	NEED_MPI();
	static const struct {
		const char *args, *line;
	} c[] = {
		{ "tests/no-such.csv", "sgplan: error: cannot read " },
		{ "--version", "sgplan " },
		{ "--help", "usage: sgplan FILE" },
		{ "tests/data/example.csv --verbose --out %s",
		  "sgplan: base: model " },
		{ "tests/data/example.csv --verbose --out %s",
		  "Constructing initial basis" },
	};
	const char *dir = tu_tmp_dir("mpi-voice");
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char args[300], one[800], two[900];
		snprintf(args, sizeof args, c[i].args, dir);
		snprintf(one, sizeof one, "%s %s --threads 1",
			 getenv("SGPLAN"), args);
		snprintf(two, sizeof two, "mpirun -np 2 --oversubscribe %s",
			 one);
		int rc1, rc2;
		int n1 = count_lines_of(one, c[i].line, &rc1);
		int n2 = count_lines_of(two, c[i].line, &rc2);
		if (n1 < 1 || n2 != n1 || rc1 != rc2 || rc1 == 124)
			fail_msg("'%s': '%s' %d times (exit %d), %d under "
				 "mpirun -np 2 (exit %d)", args, c[i].line, n1,
				 rc1, n2, rc2);
	}
}

/* FORMAT.md summary.csv order: the scenario rows, then deterministic_cost,
 * then the project's rows (2026-11-26: a `scenarios` row came between). */
static void stoch_5_summary_order(void **s)
{
	(void)s;
	const char *dir = run("order", NULL, "tests/data/example.csv",
			      "--stochastic 4 --scenarios 5");
	char *sum = tu_out_file(dir, "summary.csv");
	char *p = strstr(sum, "\nprobability_unserved,");
	assert_non_null(p);
	p = strchr(p + 1, '\n');
	assert_non_null(p);
	assert_true(strncmp(p, "\ndeterministic_cost,", 20) == 0);
	free(sum);
}

/* --saa-method auto (the default) is Benders at any N, 1 included: it
 * was the faster at every N measured (mcbench). */
static void stoch_10_auto_is_benders(void **s)
{
	(void)s;
	for (int n = 1; n <= 3; n += 2) {
		char args[40];
		snprintf(args, sizeof args, "--stochastic %d", n);
		const char *dir = run("auto", NULL, "tests/data/example.csv",
				      args);
		char *sum = tu_out_file(dir, "summary.csv");
		assert_non_null(strstr(sum, "\nstochastic_method,benders\n"));
		free(sum);
	}
}

/* --time-limit with --stochastic covers both searches, the deterministic
 * plan's (half of it) and the stochastic plan's (the rest); 2026-12-07:
 * each got the whole limit, and Benders' master at least 1 s more, so a
 * limit of 6 s took 12 s and more.  A plan neither search proves within
 * 6 s (20 x 8 x 24, seed 42).  The margin is for a loaded machine, where
 * a step may overrun by a scenario evaluation (1-2 s: six runs at once
 * on 2 cores overran a 2 s limit by 2 s). */
static void stoch_11_time_limit_shared(void **s)
{
	(void)s;
	const char *plan = tu_generate("limit.csv", "--sites 20 --options 8 "
				       "--quarters 24 --regions 3 --fabs 2 "
				       "--products 2 --platforms 2 --seed 42");
	const char *dir = run("limit", NULL, plan, "--stochastic 5 "
			      "--scenarios 5 --time-limit 6");
	double secs = tu_out_metric(dir, "solve_seconds");
	if (!(secs < 10.5))
		fail_msg("solve_seconds %.3f with --time-limit 6", secs);
	char *sum = tu_out_file(dir, "summary.csv");
	assert_non_null(strstr(sum, "\nstatus,time_limit\n"));
	free(sum);
}

/* Both plans out of sample: --scenarios fresh scenarios (default 1000)
 * of seed + 1; the deterministic plan's figures are what --scenarios
 * gives it at that seed, and value_of_stochastic_solution is their
 * difference. */
static void stoch_12_out_of_sample(void **s)
{
	(void)s;
	const char *dir = run("oos", NULL, "tests/data/example.csv",
			      "--stochastic 3 --seed 7 --scenarios 200");
	assert_true(tu_out_metric(dir, "out_of_sample_scenarios") == 200);
	assert_true(tu_out_metric(dir, "out_of_sample_seed") == 8);
	double st = tu_out_metric(dir, "out_of_sample_cost_stochastic");
	double det = tu_out_metric(dir, "out_of_sample_cost_deterministic");
	double se = tu_out_metric(dir, "out_of_sample_cost_deterministic_se");
	double vss = tu_out_metric(dir, "value_of_stochastic_solution");
	assert_true(fabs(vss - (det - st)) <= 1e-9 * fabs(det));
	const char *plain = run("oos-plain", NULL, "tests/data/example.csv",
				"--scenarios 200 --seed 8");
	double e = tu_out_metric(plain, "expected_total_cost");
	double ese = tu_out_metric(plain, "expected_total_cost_se");
	if (fabs(e - det) > 1e-9 * fabs(e) || fabs(ese - se) > 1e-6 * ese)
		fail_msg("out of sample %.17g (se %.17g), --scenarios %.17g "
			 "(se %.17g)", det, se, e, ese);
	dir = run("oos-default", NULL, "tests/data/example.csv",
		  "--stochastic 2");
	assert_true(tu_out_metric(dir, "out_of_sample_scenarios") == 1000);
	assert_true(tu_out_metric(dir, "out_of_sample_seed") == 2);
}

/* auto hands over to the extensive form once Benders' integer masters
 * have searched 1,000 nodes (2026-12-07: on a 200-quarter plan Benders
 * ran for minutes where the extensive form takes 3 s): the plan is the
 * extensive form's, and --verbose says why. */
static void stoch_13_auto_hands_over(void **s)
{
	(void)s;
	char *err = NULL;
	const char *dir = tu_tmp_dir("handover");
	assert_int_equal(tu_run(NULL, &err, "tests/model/benders-long.csv "
				"--verbose --stochastic 1 --scenarios 5 "
				"--out '%s'", dir), 0);
	assert_non_null(strstr(err, "sgplan: Benders' master MIPs searched "
			       "over 1000 nodes: solving the extensive form "
			       "instead\n"));
	free(err);
	char *a = tu_out_file(dir, "summary.csv");
	assert_non_null(strstr(a, "\nstochastic_method,extensive\n"));
	const char *ext = run("handover-ext", NULL,
			      "tests/model/benders-long.csv",
			      "--stochastic 1 --scenarios 5 "
			      "--saa-method extensive");
	assert_true(tu_out_metric(dir, "total_cost") ==
		    tu_out_metric(ext, "total_cost"));
	free(a);
}

/* --explain and --certify with --stochastic: a warning says they are not
 * run (they concern the deterministic plan's LP), and no explain.csv;
 * --quiet silences it. */
static void stoch_9_explain_warns(void **s)
{
	(void)s;
	static const struct {
		const char *args, *says;
	} c[] = {
		{ "--explain", "sgplan: warning: --explain not run with "
		  "--stochastic: it concerns the deterministic plan\n" },
		{ "--certify", "sgplan: warning: --certify not run with "
		  "--stochastic: it concerns the deterministic plan\n" },
		{ "--explain --certify", "sgplan: warning: --explain and "
		  "--certify not run with --stochastic: they concern the "
		  "deterministic plan\n" },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		const char *dir = tu_tmp_dir("warns");
		char *out = NULL, *err = NULL;
		assert_int_equal(tu_run(&out, &err,
					"tests/model/stochastic.csv "
					"--stochastic 3 %s --out '%s'",
					c[i].args, dir), 0);
		if (!strstr(err, c[i].says))
			fail_msg("%s: stderr was:\n%s", c[i].args, err);
		assert_false(tu_out_exists(dir, "explain.csv"));
		free(out);
		free(err);
	}
	char *err = NULL;
	assert_int_equal(tu_run(NULL, &err, "tests/model/stochastic.csv "
				"--stochastic 3 --explain --quiet --out '%s'",
				tu_tmp_dir("warns-q")), 0);
	assert_null(strstr(err, "warning"));
	free(err);
	/* (2026-12-07) --saa-method without --stochastic was dropped in
	 * silence */
	err = NULL;
	assert_int_equal(tu_run(NULL, &err, "tests/model/stochastic.csv "
				"--saa-method benders --out '%s'",
				tu_tmp_dir("warns-saa")), 0);
	assert_string_equal(err, "sgplan: warning: --saa-method benders does "
			    "nothing without --stochastic\n");
	free(err);
}

/* FORMAT.md: every value of duals.csv is >= 0; the rounding of a 0 came
 * out as -8e-13 beside duals of 900 on this plan's stochastic builds
 * (random campaign). */
static void stoch_7_duals_not_negative(void **s)
{
	(void)s;
	const char *dir = run("duals", NULL, "tests/model/duals-round.csv",
			      "--mip-gap 1e-6 --stochastic 5 --seed 106 "
			      "--saa-method benders");
	char *d = tu_out_file(dir, "duals.csv");
	assert_null(strstr(d, ",-"));
	assert_non_null(strstr(d, "\nregion,Region1,demand,money/compute,"));
	free(d);
}

/* FORMAT.md: quarterly.csv's spend_pv row sums to total_cost, which for a
 * stochastic plan is the scenario mean (it summed to the forecast's cost,
 * deterministic_cost); the summary's cost terms sum to it too. */
static void stoch_6_spend_pv_sums(void **s)
{
	(void)s;
	const char *dir = run("spendpv", NULL, "tests/data/example.csv",
			      "--stochastic 3 --seed 7");
	char *q = tu_out_file(dir, "quarterly.csv");
	char *p = strstr(q, "\nplan,,spend_pv,money,");
	assert_non_null(p);
	p += strlen("\nplan,,spend_pv,money");
	double sum = 0;
	while (*p == ',')
		sum += strtod(p + 1, &p);
	free(q);
	double tc = tu_out_metric(dir, "total_cost"),
	       det = tu_out_metric(dir, "deterministic_cost");
	assert_true(fabs(sum - tc) <= 1e-9 * fabs(tc));
	assert_true(fabs(tc - det) > 1e-3 * fabs(tc)); /* not the forecast */
	static const char *terms[] = { "cost_wafers", "cost_holding",
		"cost_racks", "cost_energy", "cost_serving", "cost_unserved",
		"cost_shortfall", "cost_opex", "cost_capex" };
	double t = 0;
	for (int i = 0; i < 9; i++)
		t += tu_out_metric(dir, terms[i]);
	assert_true(fabs(t - tc) <= 1e-9 * fabs(tc));
}

/* When GLPK fails inside Benders (made to happen in its second
 * iteration), a run that chose Benders itself warns and solves the
 * extensive form in its place, reaching the extensive form's own plan;
 * one asked for Benders (--saa-method benders) is an error. */
static void stoch_8_benders_fails(void **s)
{
	(void)s;
	glp_term_out(GLP_OFF);
	sg_plan *p = tu_load_plan("tests/data/example.csv");
	sg_model *md = sg_model_new(p, 0);
	sg_solve_opts so = { .mip_gap = 1e-6 };
	sg_diag *dg = sg_diag_new();
	sg_result r;
	assert_int_equal(sg_model_solve(md, &so, dg, &r), 0);
	sg_saa_opts o = { .n = 10, .seed = 3, .method = SG_SAA_EXTENSIVE,
			  .mip_gap = 1e-6, .threads = 1 };
	sg_saa_result ext, fb, bd;
	assert_int_equal(sg_saa_solve(md, &o, dg, &ext), 0);
	o.method = SG_SAA_AUTO;
	o.fail_at = 2;
	assert_int_equal(sg_saa_solve(md, &o, dg, &fb), 0);
	assert_int_equal(sg_diag_nwarnings(dg), 1);
	assert_int_equal(sg_diag_nerrors(dg), 0);
	assert_int_equal(fb.method, SG_SAA_EXTENSIVE);
	assert_true(fabs(fb.cost - ext.cost) <= 1e-9 * fabs(ext.cost));
	assert_memory_equal(fb.on, ext.on, (size_t)p->nopt * p->T *
			    sizeof(double));
	o.method = SG_SAA_BENDERS;
	assert_int_equal(sg_saa_solve(md, &o, dg, &bd), SG_EINTERNAL);
	assert_int_equal(sg_diag_nerrors(dg), 1);
	free(ext.on);
	free(fb.on);
	free(bd.on);
	sg_diag_free(dg);
	sg_result_free(&r);
	sg_model_free(md);
	sg_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stoch_1_hand_derived),
		cmocka_unit_test(stoch_2_methods_agree),
		cmocka_unit_test(stoch_3_mpi_identical),
		cmocka_unit_test(stoch_4_mpi_rank_dies),
		cmocka_unit_test(stoch_4b_mpi_export_fails),
		cmocka_unit_test(stoch_4c_mpi_one_voice),
		cmocka_unit_test(stoch_4d_mpi_rank_cannot_read),
		cmocka_unit_test(stoch_5_summary_order),
		cmocka_unit_test(stoch_6_spend_pv_sums),
		cmocka_unit_test(stoch_7_duals_not_negative),
		cmocka_unit_test(stoch_8_benders_fails),
		cmocka_unit_test(stoch_9_explain_warns),
		cmocka_unit_test(stoch_10_auto_is_benders),
		cmocka_unit_test(stoch_11_time_limit_shared),
		cmocka_unit_test(stoch_12_out_of_sample),
		cmocka_unit_test(stoch_13_auto_hands_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
