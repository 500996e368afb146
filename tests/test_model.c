/*
 * test_model.c - one tiny instance per constraint family of MODEL.md, each
 * with its optimum derived by hand in the CSV's comment (tests/model/), run
 * through the CLI; plus the example of FORMAT.md.
 */
#include "testutil.h"

#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sgplan/report.h"

/* Solve tests/model/NAME.csv into $SG_TMP/NAME; return total_cost. */
static double solve(const char *name, const char *extra)
{
	char *err = NULL;
	const char *dir = tu_tmp_dir(name);
	int rc = tu_run(NULL, &err, "tests/model/%s.csv --quiet --out '%s' %s",
			name, dir, extra ? extra : "");
	if (rc != 0)
		fail_msg("sgplan on %s exited %d: %s", name, rc, err);
	free(err);
	char path[600];
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	/* the cost terms sum to total_cost */
	static const char *terms[] = { "cost_wafers", "cost_holding",
		"cost_racks", "cost_energy", "cost_serving", "cost_unserved",
		"cost_shortfall", "cost_opex", "cost_capex" };
	double tc = tu_summary_value(path, "total_cost"), sum = 0;
	for (int i = 0; i < 9; i++)
		sum += tu_summary_value(path, terms[i]);
	assert_true(fabs(sum - tc) <= 1e-9 * fmax(1, fabs(tc)));
	return tc;
}

static void assert_close(double got, double want)
{
	if (fabs(got - want) > 1e-7 * fmax(1, fabs(want)))
		fail_msg("got %.17g, want %.17g", got, want);
}

static char *file_in(const char *name, const char *file)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s/%s",
		 getenv("SG_TMP") ? getenv("SG_TMP") : "/tmp/sgplan-tests",
		 name, file);
	return tu_read_file(path, NULL);
}

static void model_5_8_serve(void **s)
{
	(void)s;
	assert_close(solve("serve", NULL), 21.57);
}

static void model_5_it_space(void **s)
{
	(void)s;
	assert_close(solve("itspace", NULL), 34.38);
}

static void model_6_grid(void **s)
{
	(void)s;
	assert_close(solve("grid", NULL), 33.285);
}

static void model_1_4_fab(void **s)
{
	(void)s;
	assert_close(solve("fab", NULL), 38);
}

static void model_1_fab_capacity(void **s)
{
	(void)s;
	assert_close(solve("fabcap", NULL), 7);
}

static void model_3_memory(void **s)
{
	(void)s;
	assert_close(solve("memory", NULL), 20);
}

static double d(int t)
{
	return pow(1.08, -(t - 1) / 4.0);
}

static void model_9_option_capex(void **s)
{
	(void)s;
	double want = 50 * (d(1) + d(2)) + d(3) + d(4) + 500 * (d(1) + d(2));
	assert_close(solve("option", NULL), want);
	char *b = file_in("option", "builds.csv");
	char row[200];
	snprintf(row, sizeof row, "O,site:S,2025Q3,2025Q1,100,%.17g,0\n",
		 50 * (d(1) + d(2)));
	assert_non_null(strstr(b, row));
	free(b);
}

static void model_10_precedence_committed(void **s)
{
	(void)s;
	assert_close(solve("precedence", NULL), 55);
	char *b = file_in("precedence", "builds.csv");
	assert_string_equal(b, "option,target,online,construction_start,"
			    "capex,capex_pv,committed\n"
			    "C,site:S,2024Q4,2024Q4,0,0,1\n"
			    "A,grid:T2,2025Q1,2025Q1,50,50,0\n"
			    "B,site:S,2025Q1,2025Q1,1,1,0\n");
	free(b);
}

/* Constraints 5, 6 and 10 together: the LP relaxation (100) builds half of
 * C; the integer optimum builds all three (tests/model/hull.csv), and the
 * bound proven for it is that optimum, through the site capacity cuts. */
static void model_5_6_10_site_hull(void **s)
{
	(void)s;
	assert_close(solve("hull", NULL), 115);
	char *b = file_in("hull", "builds.csv"), *sum = file_in("hull",
							"summary.csv");
	assert_non_null(strstr(b, "\nG,grid:S,2025Q1,"));
	assert_non_null(strstr(b, "\nB,site:S,2025Q1,"));
	assert_non_null(strstr(b, "\nC,site:S,2025Q1,"));
	assert_non_null(strstr(sum, "\nstatus,optimal\n"));
	free(b);
	free(sum);
}

/* FORMAT.md "Example": the independent implementation's optimum. */
static void model_example(void **s)
{
	(void)s;
	char *err = NULL;
	const char *dir = tu_tmp_dir("example");
	int rc = tu_run(NULL, &err, "tests/data/example.csv --quiet --out "
			"'%s'", dir);
	if (rc != 0)
		fail_msg("exit %d: %s", rc, err);
	free(err);
	char path[600];
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	double tc = tu_summary_value(path, "total_cost");
	if (fabs(tc - 2969844.41001241) > 1e-6 * 2969844.41001241)
		fail_msg("total_cost %.15g", tc);
	char *b = file_in("example", "builds.csv");
	assert_non_null(strstr(b, "Ulsan 1,site:Ulsan,2025Q3,"));
	assert_non_null(strstr(b, "Pohang P2,site:Pohang,2025Q4,2025Q1,"));
	assert_non_null(strstr(b, "Pohang grid,grid:Pohang,2026Q2,2025Q2,"));
	free(b);
	/* every quantity is >= 0: the simplex's -8.7e-15 racks at Jeonnam
	 * (and the MW, energy that follow) are written as 0 */
	char *q = file_in("example", "quarterly.csv");
	assert_null(strstr(q, ",-"));
	free(q);
}

/* DIR/summary.csv has the given status and a mip_gap consistent with its
 * total_cost and best_bound (MODEL.md); returns the three. */
static void status_of(const char *dir, const char *status, double *tc,
		      double *bb, double *gap)
{
	char *sum = tu_out_file(dir, "summary.csv"), want[64];
	snprintf(want, sizeof want, "\nstatus,%s\n", status);
	assert_non_null(strstr(sum, want));
	free(sum);
	*tc = tu_out_metric(dir, "total_cost");
	*bb = tu_out_metric(dir, "best_bound");
	*gap = tu_out_metric(dir, "mip_gap");
	assert_true(fabs(*gap - (*tc - *bb) / fmax(1, fabs(*tc))) < 1e-12);
}

/* MODEL.md "Reported solution": the default plan at the default gap is
 * optimal, its bound below its cost and its gap within 1e-4
 * (2026-11-26: GLPK's own gap test stopped the search with a bound we
 * could not read, and the plan was reported as time_limit). */
static void model_status_default_gap(void **s)
{
	(void)s;
	const char *dir = tu_tmp_dir("default");
	assert_int_equal(tu_run(NULL, NULL, "data/2025.csv --quiet --out '%s'",
				dir), 0);
	double tc, bb, gap;
	status_of(dir, "optimal", &tc, &bb, &gap);
	assert_true(bb <= tc);
	assert_true(gap <= 1e-4);
}

/* Infeasible through `requires` only: exit 1, the options and quarter
 * named, no output folder. */
static void model_infeasible_exit_1(void **s)
{
	(void)s;
	char *err = NULL;
	const char *dir = tu_tmp_dir("infeasible");
	/* no files: not the reports, not the exported model */
	char cmd[2400];
	snprintf(cmd, sizeof cmd, "rm -f '%s.lp' '%s.mps'", dir, dir);
	assert_int_equal(system(cmd), 0);
	int rc = tu_run(NULL, &err, "tests/model/infeasible.csv --out '%s' "
			"--export-lp '%s.lp' --export-mps '%s.mps'", dir, dir,
			dir);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "sgplan: error: no feasible plan: site "
			       "'S' in 2025Q1: initial racks need option 'B', "
			       "which requires 'A', online not before 2025Q3"));
	free(err);
	/* site S1 lacks IT space only (a committed grid step covers its
	 * grid): the error names the site option that what it requires
	 * keeps offline, K3, not the grid options K2 and K4 (K4 cannot be
	 * online anyway: lead_quarters 10), as it did (random campaign) */
	rc = tu_run(NULL, &err, "tests/model/infeasible-kind.csv --out '%s'",
		    dir);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "sgplan: error: no feasible plan: site "
			       "'S1' in 2026Q4: initial racks need option "
			       "'K3', which requires 'K2', online never "
			       "inside the horizon\n"));
	assert_null(strstr(err, "need option 'K2'"));
	assert_null(strstr(err, "need option 'K4'"));
	free(err);
	/* A with a lead of 2e9 (read as 1000000): the note says "or more",
	 * not a lead the input does not hold */
	char *csv = tu_read_file("tests/model/infeasible.csv", NULL);
	const char *was = "option,A,earliest,2025Q3";
	char *e = strstr(csv, was), text[4000];
	assert_non_null(e);
	snprintf(text, sizeof text, "%.*soption,A,lead_quarters,2e9%s",
		 (int)(e - csv), csv, e + strlen(was));
	const char *lead = tu_tmp_write("infeasible-lead.csv", text);
	free(csv);
	rc = tu_run(NULL, &err, "'%s' --out '%s'", lead, dir);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "note: option 'A' lead_quarters = "
			       "1000000 or more: built inside the horizon"));
	free(err);
	snprintf(cmd, sizeof cmd, "test ! -e '%s' && test ! -e '%s.lp' && "
		 "test ! -e '%s.mps' && ! ls '%s'.*tmp* 2>/dev/null", dir, dir,
		 dir, dir);
	assert_int_equal(system(cmd), 0);
	/* a plan that solves gets both, and no temporary is left; they and
	 * the reports have the mode a plain write would give them (0666 less
	 * the umask), not the temporary file's 0600 */
	static const struct { mode_t mask; const char *mode; } um[] = {
		{ 022, "644" }, { 077, "600" }, { 002, "664" }
	};
	for (size_t i = 0; i < sizeof um / sizeof um[0]; i++) {
		char ok[512], chk[4096];
		snprintf(ok, sizeof ok, "%s-%s", tu_tmp_dir("export-ok"),
			 um[i].mode);
		snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s.lp' '%s.mps'", ok,
			 ok, ok);
		assert_int_equal(system(cmd), 0);
		mode_t old = umask(um[i].mask);
		int rc = tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--out '%s' --export-lp '%s.lp' --export-mps "
				"'%s.mps'", ok, ok, ok);
		umask(old);
		assert_int_equal(rc, 0);
		snprintf(chk, sizeof chk, "test -s '%s.lp' && test -s '%s.mps' "
			 "&& ! ls '%s'.*tmp* 2>/dev/null && for f in '%s.lp' "
			 "'%s.mps' '%s/summary.csv'; do test \"$(stat -c %%a "
			 "\"$f\")\" = %s || exit 1; done", ok, ok, ok, ok, ok,
			 ok, um[i].mode);
		if (system(chk) != 0)
			fail_msg("umask %03o: not mode %s, or a temporary "
				 "left: %s", (unsigned)um[i].mask, um[i].mode,
				 ok);
	}
}

/* An export that cannot be written: exit 73 (FORMAT.md), the path and
 * the reason, and no reports. */
static void model_export_unwritable(void **s)
{
	(void)s;
	const char *d = tu_tmp_dir("export-unwritable");
	char *err = NULL, cmd[1200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
	assert_int_equal(system(cmd), 0);
	int rc = tu_run(NULL, &err, "tests/data/example.csv --quiet --out "
			"'%s' --export-lp '%s-none/m.lp'", d, d);
	assert_int_equal(rc, 73);
	char want[1200];
	snprintf(want, sizeof want, "sgplan: error: cannot write the model "
		 "to '%s-none/m.lp': No such file or directory\n", d);
	if (strcmp(err, want) != 0)
		fail_msg("stderr:\n%s\nwanted:\n%s", err, want);
	free(err);
	snprintf(cmd, sizeof cmd, "test ! -e '%s'", d);
	assert_int_equal(system(cmd), 0);
}

/* Export targets other than a plain file are written in place: a
 * symlink writes through to its target (and stays a link), /dev/stdout
 * gets the model; one path for both formats ends with the MPS. */
static void model_export_targets(void **s)
{
	(void)s;
	const char *d = tu_tmp_dir("export-targets");
	char cmd[2400], *out = NULL;
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && : > '%s/real.lp' && "
		 "ln -sf real.lp '%s/link.lp'", d, d, d);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--out '%s/r' --export-lp '%s/link.lp'", d, d),
			 0);
	snprintf(cmd, sizeof cmd, "test -L '%s/link.lp' && grep -q "
		 "'^Minimize' '%s/real.lp'", d, d);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(tu_run(&out, NULL, "tests/data/example.csv --quiet "
				"--out '%s/r2' --export-lp /dev/stdout", d), 0);
	assert_non_null(strstr(out, "Minimize"));
	free(out);
	/* one file for both is a mistake (it ended with the MPS): refused,
	 * nothing written */
	assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--out '%s/r3' --export-lp '%s/same' "
				"--export-mps '%s/same'", d, d, d), 64);
	snprintf(cmd, sizeof cmd, "! ls '%s'/same* '%s/r3' 2>/dev/null", d,
		 d);
	assert_int_equal(system(cmd), 0);
}

/* A time-limited search still writes its best plan: status time_limit,
 * a true gap (> 0 here: the instance is far from solved in 4 s, which
 * leaves its LP relaxation, 0.5 s, 0.6 s under ASan, room enough for a
 * bound on a loaded machine; 1 s did not). */
static void model_time_limit(void **s)
{
	(void)s;
	const char *dir = tu_tmp_dir("tlim");
	char cmd[1400], plan[700];
	snprintf(plan, sizeof plan, "%s.csv", dir);
	snprintf(cmd, sizeof cmd, "'%s' --sites 20 --options 8 --quarters 24 "
		 "--regions 3 --seed 42 > '%s'", tu_sggen(), plan);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(tu_run(NULL, NULL, "'%s' --quiet --time-limit 4 "
				"--mip-gap 1e-9 --out '%s'", plan, dir), 0);
	double tc, bb, gap;
	status_of(dir, "time_limit", &tc, &bb, &gap);
	assert_true(bb < tc);
}

/* A time limit too short for the LP relaxation: the all-options plan (the
 * search's first) is still written, status time_limit, with no bound:
 * best_bound and mip_gap empty, and stdout says so. */
static void model_time_limit_no_bound(void **s)
{
	(void)s;
	const char *dir = tu_tmp_dir("tlim-nobound");
	char *out;
	assert_int_equal(tu_run(&out, NULL, "tests/data/example.csv "
				"--time-limit 1e-9 --out '%s'", dir), 0);
	assert_non_null(strstr(out, "time-limited plan, total cost "));
	assert_non_null(strstr(out, "(present value; no bound yet)\n"));
	free(out);
	char *sum = tu_out_file(dir, "summary.csv");
	assert_non_null(strstr(sum, "\nstatus,time_limit\ntotal_cost,"));
	assert_non_null(strstr(sum, "\nbest_bound,\nmip_gap,\n"));
	free(sum);
	/* every option built as early as it can be: dearer than the
	 * optimum FORMAT.md gives for the example (2969844.41) */
	assert_true(tu_out_metric(dir, "total_cost") > 2969844.42);
}

/* Pruning at the gap keeps the bound proven: on generated plans that need
 * a tree, the default gap ends optimal with a bound at or below the exact
 * optimum (a 1e-9 solve) and a plan within 1e-4 of it. */
static void model_pruned_bound_proven(void **s)
{
	(void)s;
	for (int seed = 2; seed <= 3; seed++) {
		const char *plan = tu_generate_tree_plan("prune.csv", seed);
		const char *dir = tu_solve("prune-exact", plan,
					   "--mip-gap 1e-9");
		double opt, bb, gap, tc;
		status_of(dir, "optimal", &opt, &bb, &gap);
		dir = tu_solve("prune-default", plan, "");
		status_of(dir, "optimal", &tc, &bb, &gap);
		assert_true(gap <= 1e-4);
		assert_true(bb <= opt + 1e-9 * fabs(opt));
		assert_true(tc <= opt + 1e-4 * fabs(opt));
	}
}

/* A gap below what double arithmetic can prove, 0 included, is searched
 * at SG_GAP_FLOOR: optimal, with the example's cost (GLPK used to abort on
 * the zero pruning tolerance, and 1e-30 reported time_limit without a
 * time limit), and at the floor itself no search reports a gap it closed
 * as open.  FILE at --mip-gap G: optimal, at cost want (1e-6). */
static void at_floor(const char *file, const char *g, double want)
{
	char args[40];
	snprintf(args, sizeof args, "--mip-gap %s", g);
	const char *dir = tu_solve("gap-floor", file, args);
	double tc, bb, gap;
	status_of(dir, "optimal", &tc, &bb, &gap);
	assert_true(fabs(tc - want) <= 1e-6 * tc);
	assert_true(gap <= 1e-9);
	assert_true(bb <= tc);
}

static void model_gap_floor(void **s)
{
	(void)s;
	at_floor("tests/data/example.csv", "0", 2969844.41001241);
	at_floor("tests/data/example.csv", "1e-30", 2969844.41001241);
	/* a plan whose LP, solved again after the search, costs 8e-10
	 * (relative) more than the search's value of it: the bound moves
	 * with it (sg_result_judge; it was reported time_limit at a gap of
	 * 1.24e-9 with no time limit).  Cost: the GMPL model's. */
	at_floor("tests/model/drift.csv", "1e-9", 172997.182280713);
	at_floor("tests/model/drift.csv", "0", 172997.182280713);
	/* 4.6e-9 (2026-12-06: time_limit at a gap of 4.64e-9 with no time
	 * limit; 3 of 11,898 random plans drifted over 2e-9).  Cost: cbc's
	 * and glpsol's of the reference model. */
	at_floor("tests/model/drift2.csv", "1e-9", 259860.3651105424);
}

/* Any gap >= 0 is valid (FORMAT.md): one over 1/0.9 gave GLPK a pruning
 * tolerance over 1, and it aborted (exit 134, temporary exports left). */
static void model_gap_large(void **s)
{
	(void)s;
	static const char *gaps[] = { "1.12", "1e300" };
	for (int i = 0; i < 2; i++) {
		char args[80];
		snprintf(args, sizeof args, "--mip-gap %s --explain", gaps[i]);
		const char *dir = tu_solve("gap-large",
					   "tests/data/example.csv", args);
		double tc, bb, gap;
		status_of(dir, "optimal", &tc, &bb, &gap);
		assert_true(bb <= tc && tc >= 2969844.41001241 - 1e-3);
	}
}

/* MODEL.md fixes every ON at 0 or 1: quarterly.csv's online rows say
 * exactly that, and a plan that builds nothing pays exactly no capex or
 * opex (the LP's unscaled values were 7e-17 and -6e-15 on this plan). */
static void model_online_exact(void **s)
{
	(void)s;
	const char *dir = tu_solve("online01", "tests/model/online01.csv", "");
	char *q = tu_out_file(dir, "quarterly.csv");
	int rows = 0;
	for (char *l = strstr(q, ",online,0/1,"); l;
	     l = strstr(l + 1, ",online,0/1,")) {
		rows++;
		for (char *c = l + strlen(",online,0/1"); *c == ',';) {
			c++;
			assert_true((*c == '0' || *c == '1') &&
				    (c[1] == ',' || c[1] == '\n' ||
				     c[1] == '\r'));
			c++;
		}
	}
	free(q);
	assert_int_equal(rows, 17); /* 15 site and grid options, 2 fab */
	assert_true(tu_out_metric(dir, "cost_capex") == 0);
	assert_true(tu_out_metric(dir, "cost_opex") == 0);
}

static int not_noise(double v)
{
	return v == 0 || fabs(v) >= 1e-9;
}

/* (2026-11-27) No quantity in quarterly.csv of data/2025.csv is the simplex's
 * rounding of a 0 (racks of 6.2e-15 at Pohang, which builds nothing until
 * 2027, were), nor the low end of a range in ranging.csv (a contract's
 * was 4.7e-10), nor a shadow price of tests/data/dual-noise.csv. */
static void model_no_rounding_noise(void **s)
{
	(void)s;
	const char *dir = tu_solve("noise", "data/2025.csv", "");
	char *q = tu_out_file(dir, "quarterly.csv");
	assert_true(tu_csv_numbers(q, "quarterly.csv", not_noise) > 1000);
	free(q);
	char *r = tu_out_file(dir, "ranging.csv"), *l = r;
	int lows = 0;
	while ((l = strchr(l, '\n')) && l[1]) {
		const char *c = ++l;
		for (int k = 0; k < 5 && c; k++)
			c = strchr(c, ',') ? strchr(c, ',') + 1 : NULL;
		assert_non_null(c);
		if (!not_noise(strtod(c, NULL)))
			fail_msg("ranging.csv low: %.60s", l);
		lows++;
	}
	assert_true(lows > 100);
	free(r);
	/* (2026-12-07) nor a shadow price: this plan's demand dual in
	 * 2025Q3 was 2.7e-14 (only negative ones were cleaned) */
	dir = tu_solve("noise-duals", "tests/data/dual-noise.csv", "");
	char *d = tu_out_file(dir, "duals.csv");
	assert_true(tu_csv_numbers(d, "duals.csv", not_noise) >= 20);
	free(d);
}

/* The numbers of a quarterly.csv row after its 4 text cells, into v. */
static int row_numbers(const char *line, double *v, int max)
{
	const char *c = line;
	for (int k = 0; k < 4 && c; k++)
		c = strchr(c, ',') ? strchr(c, ',') + 1 : NULL;
	int n = 0;
	for (char *e; c && n < max && *c && *c != '\n'; c = e + (*e == ',')) {
		v[n++] = strtod(c, &e);
		if (e == c)
			return -1;
	}
	return n;
}

/* MODEL.md's R = initial racks + the running sum of X, to the last bit
 * of quarterly.csv (2026-12-07: Gyeonggi's 60 initial racks, none
 * installed, read 59.999999999999957 after 10 quarters, the simplex's
 * R a hair off X's sum). */
static void model_racks_running(void **s)
{
	(void)s;
	const char *dir = tu_solve("running", "data/2025.csv", "");
	char *q = tu_out_file(dir, "quarterly.csv");
	int rows = 0;
	/* each "\nsite,S,racks:A," row and its "\nsite,S,racks_installed:A," */
	for (const char *l = q; (l = strstr(l, "\nsite,")); l++) {
		const char *m = strchr(l + 6, ','), *a = m + 7;
		if (strncmp(m, ",racks:", 7) != 0)
			continue;
		char want[240];
		snprintf(want, sizeof want, "%.*sracks_installed:%.*s,",
			 (int)(m + 1 - l), l, (int)(strchr(a, ',') - a), a);
		const char *il = strstr(q, want);
		if (!il)
			fail_msg("no row '%s'", want + 1);
		double r[64], x[64];
		int nr = row_numbers(l + 1, r, 64);
		int nx = row_numbers(il + 1, x, 64);
		assert_true(nr > 1 && nr == nx);
		for (int t = 1; t < nr; t++)
			if (r[t] != r[t - 1] + x[t])
				fail_msg("%.40s: quarter %d: %.17g + %.17g != "
					 "%.17g", l + 1, t + 1, r[t - 1], x[t],
					 r[t]);
		rows++;
	}
	assert_true(rows >= 4);
	free(q);
}

/* Every site's grid_used is within its grid_available in quarterly.csv,
 * to the last bit, and meets it where the grid binds (2026-12-07:
 * Gyeonggi's grid use summed to 30.000000000000007 MW against 30: each
 * rack column was on its bound, their sum times pue a few ulp past it).
 * Its it_mw, 20.000000000000004 against 20 MW of IT space, is snapped
 * the same way, but quarterly.csv has no IT space row to test it by. */
static void model_grid_within(void **s)
{
	(void)s;
	const char *dir = tu_solve("within", "data/2025.csv", "");
	char *q = tu_out_file(dir, "quarterly.csv");
	int rows = 0, binding = 0;
	for (const char *l = q; (l = strstr(l, ",grid_used,")); l++) {
		const char *b = l;
		while (b > q && b[-1] != '\n')
			b--;
		char want[240];
		snprintf(want, sizeof want, "\n%.*s,grid_available,",
			 (int)(l - b), b);
		const char *al = strstr(q, want);
		if (!al)
			fail_msg("no row '%s'", want + 1);
		double u[64], a[64];
		int nu = row_numbers(b, u, 64), na = row_numbers(al + 1, a, 64);
		assert_true(nu > 1 && nu == na);
		for (int t = 0; t < nu; t++) {
			if (u[t] > a[t])
				fail_msg("%.*s: quarter %d: %.17g > %.17g",
					 (int)(l - b), b, t + 1, u[t], a[t]);
			binding += u[t] == a[t] && a[t] > 0;
		}
		rows++;
	}
	assert_true(rows >= 4);
	assert_true(binding > 0);
	free(q);
}

/* Without --out the reports go to reports/STEM under the working folder
 * (STEM: the file name without .csv), and the plan rows scenarios and
 * seed drive the run as --scenarios and --seed do, which override them
 * (--scenarios 0: no scenarios). */
static void model_default_folder_plan_rows(void **s)
{
	(void)s;
	const char *d = tu_tmp_dir("default-folder");
	char *csv = tu_read_file("tests/data/example.csv", NULL);
	char cmd[3000], path[700];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/in' '%s/cwd'", d, d);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/in/My plan.v2.csv", d);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%splan,,scenarios,20\nplan,,seed,7\n", csv);
	fclose(f);
	free(csv);
	const char *bin = getenv("SGPLAN") ? getenv("SGPLAN") : "build/sgplan";
	char abs[600], cwd[400];
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(abs, sizeof abs, "%s%s%s", bin[0] == '/' ? "" : cwd,
		 bin[0] == '/' ? "" : "/", bin);
	snprintf(cmd, sizeof cmd, "cd '%s/cwd' && '%s' --quiet '%s' && "
		 "test -f 'reports/My plan.v2/summary.csv' && "
		 "test -f 'reports/My plan.v2/risk.csv' && "
		 "test \"$(ls reports)\" = 'My plan.v2'", d, abs, path);
	assert_int_equal(system(cmd), 0);
	/* the same as the options on the example without the rows */
	const char *opt = tu_solve("default-folder-opt",
				   "tests/data/example.csv",
				   "--scenarios 20 --seed 7");
	char here[700];
	snprintf(here, sizeof here, "%s/cwd/reports/My plan.v2", d);
	char *a = tu_out_file(here, "risk.csv"), *b = tu_out_file(opt,
								  "risk.csv");
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* --scenarios 0 overrides the row */
	snprintf(cmd, sizeof cmd, "cd '%s/cwd' && rm -rf reports && '%s' "
		 "--quiet --scenarios 0 '%s' && test -f "
		 "'reports/My plan.v2/summary.csv' && ! test -e "
		 "'reports/My plan.v2/risk.csv'", d, abs, path);
	assert_int_equal(system(cmd), 0);
	/* ".CSV" is stripped as ".csv" is (a spreadsheet's export), for
	 * the base's folder and a what-if case's */
	snprintf(cmd, sizeof cmd, "cd '%s/cwd' && rm -rf reports && "
		 "cp '%s' PLAN.CSV && cp PLAN.CSV Up.Csv && '%s' --quiet "
		 "PLAN.CSV --what-if Up.Csv && test -f "
		 "reports/PLAN/Up/summary.csv && test \"$(ls reports)\" = "
		 "PLAN", d, path, abs);
	assert_int_equal(system(cmd), 0);
}

/* A construction_start before year 0 has no YYYYQn label: empty, not
 * 0000Q1 (2026-12-07), beside online labels as given (0003Q1). */
static void model_label_before_year_0(void **s)
{
	(void)s;
	const char *dir = tu_solve("label-year0",
				   "tests/model/committed-lead.csv", "");
	char *b = tu_out_file(dir, "builds.csv");
	assert_string_equal(b, "option,target,online,construction_start,"
			    "capex,capex_pv,committed\n"
			    "D,site:S,0003Q1,,0,0,1\n"
			    "C,site:S,2025Q4,,0,0,1\n");
	free(b);
}

/* tests/data/example.csv with its first old replaced by new, written as
 * name in the scratch folder; its path. */
static const char *example_with(const char *name, const char *old,
				const char *new)
{
	char *csv = tu_read_file("tests/data/example.csv", NULL);
	char *p = strstr(csv, old);
	assert_non_null(p);
	size_t n = strlen(csv) + strlen(new) + 1;
	char *t = malloc(n);
	assert_non_null(t);
	snprintf(t, n, "%.*s%s%s", (int)(p - csv), csv, new, p + strlen(old));
	const char *path = tu_tmp_write(name, t);
	free(t);
	free(csv);
	return path;
}

/* MODEL.md "Numerics": the example with all money times 1e6 spans 0.13
 * to 1.1e12 and gets the warning (not under --quiet; the example itself
 * does not), and still costs 1e6 times the example. */
static void model_coef_range_warning(void **s)
{
	(void)s;
	char *out = NULL, *err = NULL;
	const char *dir = tu_tmp_dir("money");
	assert_int_equal(tu_run(&out, &err, "tests/model/money1e6.csv --out "
				"'%s'", dir), 0);
	/* with where the two lie, by the exports' names as written in the
	 * input (2026-12-07) */
	assert_non_null(strstr(err, "sgplan: warning: the model's "
			       "coefficients span 0.132 (column "
			       "R(GB300-NVL72,Pohang,2025Q1) in row "
			       "it(Pohang,2025Q1)) to 1.09e+12 (column "
			       "ON(M15X,2026Q4) in the objective), a ratio of "
			       "8.26e+12, over 1e12"));
	assert_true(fabs(tu_out_metric(dir, "total_cost") -
			 2969844.41001241e6) <= 1e-6 * 2969844.41001241e6);
	free(out);
	free(err);
	/* --check gives it too (2026-12-07: only a solve did) */
	assert_int_equal(tu_run(&out, &err, "tests/model/money1e6.csv "
				"--check"), 0);
	assert_non_null(strstr(err, "sgplan: warning: the model's "
			       "coefficients span 0.132 (column"));
	free(out);
	free(err);
	assert_int_equal(tu_run(&out, &err, "tests/model/money1e6.csv --quiet "
				"--out '%s'", dir), 0);
	assert_null(strstr(err, "coefficients span"));
	free(out);
	free(err);
	assert_int_equal(tu_run(&out, &err, "tests/data/example.csv --out "
				"'%s'", dir), 0);
	assert_null(strstr(err, "coefficients span"));
	free(out);
	free(err);
	/* a cost too large for double precision to solve is bad input, no
	 * abort (2026-12-07: a holding cost of 1.7e308 failed an assertion
	 * in GLPK's dual simplex, SIGABRT; a demand of 1e307 made the plan's
	 * cost overflow, reported as time_limit with no cost, and once the
	 * root LP was solved failed an assertion in GLPK's search): an
	 * error at the cell, which may hold up to 1e150 */
	static const struct {
		const char *name, *old, *new_, *msg;
	} huge[] = {
		{ "huge-holding.csv", "holding_cost,0.004,",
		  "holding_cost,1.7e308,", ":8:32: error: '1.7e308' in "
		  "column 'value' must be at most 1e150 (state it in larger "
		  "units)" },
		{ "huge-demand.csv", "region,Korea,demand,,60,",
		  "region,Korea,demand,,1e307,", ":49:22: error: '1e307' in "
		  "column '2025Q1' must be at most 1e150" },
		/* nor one too small for GLPK's scaling (2026-12-08: 1e-200
		 * stopped it, "invalid scale factor", exit 70) */
		{ "tiny-holding.csv", "holding_cost,0.004,",
		  "holding_cost,1e-200,", ":8:32: error: '1e-200' in "
		  "column 'value' must be 0 or at least 1e-150 (state it in "
		  "smaller units)" },
		/* nor coefficients spanning over 1e30 (2026-12-08, a
		 * helper's audit: at 1e66 the example came out "no
		 * feasible plan", exit 1) */
		{ "span-capacity.csv", "option,M15X,capacity,2500",
		  "option,M15X,capacity,1e-60", "sgplan: error: the model's "
		  "coefficients span 1e-60 (column ON(M15X,2025Q1) in row "
		  "fab(Icheon,2025Q1)) to 1.09e+06 (column ON(M15X,2026Q4) in "
		  "the objective), a ratio of 1.09e+66, over 1e30, which "
		  "GLPK's double-precision simplex cannot solve reliably: "
		  "state money or quantities in other units\n" },
	};
	dir = tu_tmp_dir("huge");
	for (size_t i = 0; i < sizeof huge / sizeof *huge; i++) {
		const char *big = example_with(huge[i].name, huge[i].old,
					       huge[i].new_);
		assert_int_equal(tu_run(&out, &err, "'%s' --quiet --out '%s'",
					big, dir), 65);
		assert_non_null(strstr(err, huge[i].msg));
		assert_false(tu_exists(dir));
		free(out);
		free(err);
	}
	/* two cells within range whose product (an energy cost per MW of
	 * racks: 1e-100 x 2190 x 1e-100 / 1000) is not */
	const char *tiny = tu_tmp_write("tiny-product.csv",
		"section,name,attribute,value,2025Q1\n"
		"platform,A,kw_per_rack,1e-100\n"
		"platform,A,compute_per_rack,1\n"
		"site,S,initial_it_mw,1\n"
		"site,S,energy_price,1e-100\n"
		"region,R,demand,1\n"
		"region,R,unserved_penalty,1\n");
	assert_int_equal(tu_run(&out, &err, "'%s' --out '%s'", tiny, dir),
			 65);
	assert_string_equal(err, "sgplan: error: a cost or coefficient of the "
			    "model is 2.19e-200 (column R(A,S,2025Q1) in the "
			    "objective), below 1e-150, the least sgplan takes "
			    "(GLPK's scaling fails on some such): inputs too "
			    "small for their units\n");
	assert_false(tu_exists(dir));
	free(out);
	free(err);
}

/* (2026-12-07: a demand of 1e9 in the example's first quarter, beside
 * ones of 100, made GLPK's dual simplex call the root LP infeasible: the
 * search stopped at once and the plan came out as "time_limit" with no
 * bound, though no time limit was set.)  The primal simplex settles
 * such an LP.  Past the example's capacity the extra demand goes
 * unserved at 1,500 in quarter 1 (d = 1), so 1e10 costs exactly
 * 1,500 x 9e9 more than 1e9, both proven. */
static void model_wide_magnitudes(void **s)
{
	(void)s;
	static const char *const dem[] = { "1e9", "1e10" };
	double tc[2], bb, gap;
	for (int i = 0; i < 2; i++) {
		char name[32], row[64], dir[32];
		snprintf(name, sizeof name, "demand%s.csv", dem[i]);
		snprintf(row, sizeof row, "region,Korea,demand,,%s,", dem[i]);
		snprintf(dir, sizeof dir, "wide%d", i);
		const char *f = example_with(name, "region,Korea,demand,,60,",
					     row);
		const char *out = tu_tmp_dir(dir);
		assert_int_equal(tu_run(NULL, NULL, "'%s' --quiet --out '%s'",
					f, out), 0);
		status_of(out, "optimal", &tc[i], &bb, &gap);
	}
	assert_true(fabs(tc[1] - tc[0] - 1.35e13) <= 1e-6 * tc[1]);
}

/* A manifest that is no regular file (here a link to a FIFO no one
 * writes) is no run's: it is not read, and the run ends (2026-12-08, a
 * review: a link to /dev/zero was read until memory ran out; to a FIFO
 * the run waits forever, which timeout ends, 124). */
static void model_manifest_not_file(void **s)
{
	(void)s;
	const char *d = tu_tmp_dir("manifest-link");
	char cmd[2400], here[700];
	assert_non_null(getcwd(here, sizeof here));
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s' && cd '%s' && "
		 "mkfifo fifo && ln -s fifo .sgplan-files && timeout 20 '%s' "
		 "'%s/tests/data/example.csv' --quiet --out . && "
		 "test -f .sgplan-files && ! test -L .sgplan-files", d, d, d,
		 getenv("SGPLAN"), here);
	assert_int_equal(system(cmd), 0);
}

/* Output that cannot be written: exit 73, a message naming the folder,
 * and the file in the way left as it was. */
static void model_output_unwritable(void **s)
{
	(void)s;
	const char *f = tu_tmp_write("not-a-folder", "keep me\n");
	char *err = NULL;
	int rc = tu_run(NULL, &err, "tests/data/example.csv --quiet --out "
			"'%s'", f);
	assert_int_equal(rc, 73);
	assert_non_null(strstr(err, "sgplan: error: cannot write"));
	free(err);
	char *k = tu_read_file(f, NULL);
	assert_string_equal(k, "keep me\n");
	free(k);
	/* a write that fails in new folders (a file size limit: EFBIG)
	 * leaves none of them (2026-12-07: the folders stayed, empty) */
	const char *d = tu_tmp_dir("fsize");
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && bash -c \"trap '' XFSZ; "
		 "ulimit -f 8; "
		 "'%s' data/2025.csv --quiet --scenarios 20 --out "
		 "'%s/new/a'\" 2>/dev/null; test $? = 73 && test -z \"$(ls -A "
		 "'%s')\"", d, getenv("SGPLAN"), d, d);
	assert_int_equal(system(cmd), 0);
	/* a run ended by SIGINT, SIGTERM or SIGHUP (here in its scenarios,
	 * the exports staged) leaves no temporary file (2026-12-07: the
	 * staged exports stayed) and dies of the signal */
	static const char *const sig[] = { "INT", "TERM", "HUP" };
	static const int code[] = { 130, 143, 129 };
	char here[512];
	assert_non_null(getcwd(here, sizeof here));
	for (int i = 0; i < 3; i++) {
		d = tu_tmp_dir(sig[i]);
		snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cd '%s' && timeout "
			 "--preserve-status -s %s 2 '%s' '%s/data/2025.csv' "
			 "--scenarios 300000 --export-lp m.lp --export-mps "
			 "m.mps --out o; test $? = %d && test -z \"$(ls -A)\"",
			 d, d, sig[i], getenv("SGPLAN"), here, code[i]);
		assert_int_equal(system(cmd), 0);
	}
	/* a run that would write over its own input stops first, exit 64
	 * (2026-12-07: a plan named summary.csv in the --out folder, or
	 * exported over, was replaced without a word) */
	d = tu_tmp_dir("own");
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp tests/data/example.csv "
		 "'%s/summary.csv' && cp tests/data/example.csv '%s/p.csv' && "
		 "cp tests/data/example.csv '%s/scenario-3.csv'", d, d, d, d);
	assert_int_equal(system(cmd), 0);
	/* nor through a link to the plan that bears a report's name
	 * (2026-12-08: link.csv -> l/builds.csv, --out l: the plan became
	 * builds.csv's report) */
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/l' && cp tests/data/example.csv"
		 " '%s/l/builds.csv' && ln -s l/builds.csv '%s/link.csv'", d,
		 d, d);
	assert_int_equal(system(cmd), 0);
	static const char *const own[][2] = {
		{ "'%s/summary.csv' --out '%s'", "--out" },
		{ "'%s/p.csv' --out '%s/o' --export-lp '%s/p.csv'",
		  "--export-lp" },
		{ "'%s/p.csv' --out '%s/o' --export-mps '%s/./p.csv'",
		  "--export-mps" },
		{ "'%s/scenario-3.csv' --out '%s' --dump-scenario 3", "--out" },
		{ "'%s/link.csv' --out '%s/l'", "--out" },
	};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
		char args[1200];
		snprintf(args, sizeof args, own[i][0], d, d, d);
		err = NULL;
		int rc = tu_run(NULL, &err, "%s --quiet", args);
		if (rc != 64 || !strstr(err, own[i][1]) ||
		    !strstr(err, "would write over the input"))
			fail_msg("%s: exit %d, stderr:\n%s", args, rc, err);
		free(err);
	}
	snprintf(cmd, sizeof cmd, "cmp -s tests/data/example.csv "
		 "'%s/summary.csv' && cmp -s tests/data/example.csv '%s/p.csv'"
		 " && cmp -s tests/data/example.csv '%s/scenario-3.csv' && "
		 "cmp -s tests/data/example.csv '%s/l/builds.csv' && "
		 "test ! -e '%s/o'", d, d, d, d, d);
	assert_int_equal(system(cmd), 0);
	/* nor an export where a report or a case folder goes, which would
	 * replace it (2026-12-07: exit 0, the export lost) */
	static const char *const where[][2] = {
		{ "--out '%s/o2' --export-lp '%s/o2/summary.csv'",
		  "the report" },
		{ "--out '%s/o2' --export-mps '%s/o2/.sgplan-files'",
		  "the report" },
		{ "--out '%s/o2' --what-if tests/data/whatif-scale.csv "
		  "--export-lp '%s/o2/whatif-scale'", "the case folder" },
	};
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/o2'", d);
	assert_int_equal(system(cmd), 0);
	for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
		char args[1200];
		snprintf(args, sizeof args, where[i][0], d, d);
		err = NULL;
		int rc = tu_run(NULL, &err, "tests/data/example.csv %s --quiet",
				args);
		if (rc != 64 || !strstr(err, where[i][1]) ||
		    !strstr(err, "is where the reports put"))
			fail_msg("%s: exit %d, stderr:\n%s", args, rc, err);
		free(err);
	}
	/* a file where a case's folder goes: exit 73 naming that folder,
	 * not the --out folder, and the file kept (2026-12-07: "cannot
	 * write reports in 'o3'", a folder that was fine) */
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/o3' && echo keep > "
		 "'%s/o3/whatif-scale'", d, d);
	assert_int_equal(system(cmd), 0);
	err = NULL;
	assert_int_equal(tu_run(NULL, &err, "tests/data/example.csv --quiet "
				"--out '%s/o3' --what-if "
				"tests/data/whatif-scale.csv", d), 73);
	char want[900];
	snprintf(want, sizeof want, "cannot write reports in "
		 "'%s/o3/whatif-scale': Not a directory", d);
	if (!strstr(err, want))
		fail_msg("stderr:\n%s", err);
	free(err);
	snprintf(cmd, sizeof cmd, "test \"$(cat '%s/o3/whatif-scale')\" = "
		 "keep && test \"$(ls '%s/o3')\" = whatif-scale", d, d);
	assert_int_equal(system(cmd), 0);
	/* nor is an empty name a folder (2026-12-07: read past its end) */
	err = NULL;
	assert_int_equal(tu_run(NULL, &err, "tests/data/example.csv --out ''"),
			 64);
	assert_non_null(strstr(err, "--out needs a folder name"));
	free(err);
}

/* (2026-11-27: a rerun left the earlier run's risk.csv and case folders.)
 * A run into the folder of an earlier one leaves none of the earlier
 * run's files that it does not write itself (its .sgplan-files lists
 * them), but a scenario dump, and nothing sgplan did not write; a folder
 * where a report goes fails the run before any file is replaced.  A
 * what-if named '..csv' is the case "case", not a folder "." whose
 * files, listed as ./summary.csv, a later run removed: its own. */
static void model_rerun_same_folder(void **s)
{
	(void)s;
	const char *d = tu_tmp_dir("rerun");
	char dir[512], cmd[1200];
	snprintf(dir, sizeof dir, "%s", d);
	assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--scenarios 5 --explain --dump-scenario 2 "
				"--what-if tests/data/whatif-scale.csv --out "
				"'%s'", dir), 0);
	static const char *const gone[] = {
		"risk.csv", "explain.csv", "whatif.csv",
		"whatif-scale/summary.csv", "whatif-scale/risk.csv" };
	for (int i = 0; i < 5; i++)
		assert_true(tu_out_exists(dir, gone[i]));
	snprintf(cmd, sizeof cmd, "echo mine > '%s/notes.txt'", dir);
	assert_int_equal(system(cmd), 0);
	double before = tu_out_metric(dir, "total_cost");
	assert_int_equal(tu_run(NULL, NULL, "tests/model/serve.csv --quiet "
				"--out '%s'", dir), 0);
	for (int i = 0; i < 5; i++)
		if (tu_out_exists(dir, gone[i]))
			fail_msg("%s left from the earlier run", gone[i]);
	assert_false(tu_out_exists(dir, "whatif-scale"));
	assert_true(tu_out_exists(dir, "notes.txt"));
	/* a scenario dump is there to be edited and solved: it stays */
	assert_true(tu_out_exists(dir, "scenario-2.csv"));
	assert_true(tu_out_exists(dir, "report.html"));
	double after = tu_out_metric(dir, "total_cost");
	assert_true(after != before);
	/* report.html's place taken by a folder: exit 73, nothing replaced */
	snprintf(cmd, sizeof cmd, "rm '%s/report.html' && mkdir "
		 "'%s/report.html'", dir, dir);
	assert_int_equal(system(cmd), 0);
	char *err = NULL;
	assert_int_equal(tu_run(NULL, &err, "tests/data/example.csv --quiet "
				"--what-if tests/data/whatif-scale.csv --out "
				"'%s'", dir), 73);
	assert_non_null(strstr(err, "report.html"));
	free(err);
	assert_true(tu_out_metric(dir, "total_cost") == after);
	/* made, then removed */
	assert_false(tu_out_exists(dir, "whatif-scale"));
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q tmp", dir);
	assert_int_not_equal(system(cmd), 0); /* grep found no temporary */
	snprintf(cmd, sizeof cmd, "rmdir '%s/report.html' && cp "
		 "tests/data/whatif-scale.csv '%s/..csv'", dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--what-if '%s/..csv' --out '%s'", dir, dir),
			 0);
	assert_true(tu_out_exists(dir, "case/summary.csv"));
	assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--out '%s'", dir), 0);
	assert_true(tu_out_exists(dir, "summary.csv"));
	assert_false(tu_out_exists(dir, "case"));
	/* a manifest edited by hand removes nothing outside the folder,
	 * nor a file of this run spelt otherwise */
	snprintf(cmd, sizeof cmd, "printf './summary.csv\\n../outside.txt\\n"
		 "builds.csv/\\n' >> '%s/.sgplan-files' && echo x > "
		 "'%s/../outside.txt'", dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--out '%s'", dir), 0);
	assert_true(tu_out_exists(dir, "summary.csv"));
	assert_true(tu_out_exists(dir, "builds.csv"));
	assert_true(tu_out_exists(dir, "../outside.txt"));
}

struct bg_run {
	const char *dir;
	int rc;
};

static void *bg_run(void *arg)
{
	struct bg_run *b = arg;
	b->rc = tu_run(NULL, NULL, "tests/model/serve.csv --quiet --out '%s'",
		       b->dir);
	return NULL;
}

/* (2026-12-06: two runs into one folder at once could rename their files
 * in turn and leave a mix of both.)  A run commits its files holding a
 * lock on the folder: while another holds it, the run waits with its
 * files unrenamed, and goes on once the lock is free. */
static void model_commit_waits_for_lock(void **s)
{
	(void)s;
	const char *dir = tu_tmp_dir("lock");
	assert_int_equal(tu_run(NULL, NULL, "tests/data/example.csv --quiet "
				"--out '%s'", dir), 0);
	double first = tu_out_metric(dir, "total_cost");
	int fd = open(dir, O_RDONLY | O_CLOEXEC); /* not in the run */
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	struct bg_run b = { dir, -1 };
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, bg_run, &b), 0);
	sleep(2); /* the run takes 0.1 s: long done, but for the lock */
	assert_true(tu_out_metric(dir, "total_cost") == first);
	close(fd);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(b.rc, 0);
	assert_true(tu_out_metric(dir, "total_cost") != first);
}

/* (2026-11-27) stdout: quantities and money without exponents
 * (6.38103e+06 was), and with scenarios a line of their figures. */
static void model_console(void **s)
{
	(void)s;
	char *out = NULL;
	const char *dir = tu_tmp_dir("console");
	assert_int_equal(tu_run(&out, NULL, "data/2025.csv --scenarios 20 "
				"--seed 4 --explain --out '%s/'", dir), 0);
	assert_null(strstr(out, "e+"));
	char want[600];
	snprintf(want, sizeof want, "\nreports in %s/\n", dir); /* not // */
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "\nunserved compute "));
	char line[200];
	snprintf(line, sizeof line, "\n20 scenarios (seed 4): expected cost "
		 "%.2f, p90 ", tu_out_metric(dir, "expected_total_cost"));
	assert_non_null(strstr(out, line));
	snprintf(line, sizeof line, "probability of unserved demand %.3g\n",
		 tu_out_metric(dir, "probability_unserved"));
	assert_non_null(strstr(out, line));
	free(out);
	static const struct {
		double v;
		const char *s;
	} q[] = { { 999999.7, "1000000" }, { 6381025.97, "6381026" },
		  { 12.3456789, "12.3457" }, { -0.0, "0" },
		  { 0.000125, "0.000125" }, { 123456.7, "123457" } };
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		char *b = NULL;
		size_t n = 0;
		FILE *f = open_memstream(&b, &n);
		sg_print_quantity(f, q[i].v);
		fclose(f);
		assert_string_equal(b, q[i].s);
		free(b);
	}
	/* (2026-12-07) the gap read "gap 9e-05%" at --mip-gap 1e-6 */
	static const struct {
		double v;
		const char *s;
	} g[] = { { 9e-5, "0.00009" }, { 0.00534, "0.0053" },
		  { 0.32, "0.32" }, { 0.1, "0.1" }, { 5, "5" },
		  { 12.3, "12" }, { 1.3e-14, "0" }, { -0.0, "0" },
		  { -0.0071, "-0.0071" }, { 1e300, "1e+300" },
		  { 123456789, "123456789" } };
	for (size_t i = 0; i < sizeof g / sizeof *g; i++) {
		char b[48];
		assert_string_equal(sg_fmt_sig2(b, g[i].v), g[i].s);
	}
	out = NULL;
	assert_int_equal(tu_run(&out, NULL, "tests/data/example.csv "
				"--mip-gap 1e-6 --out '%s'", dir), 0);
	const char *gap = strstr(out, "(present value; gap ");
	assert_non_null(gap);
	gap += strlen("(present value; gap ");
	size_t n = strspn(gap, "0123456789.");
	assert_true(n > 0);
	assert_memory_equal(gap + n, "%)\n", 3);
	free(out);
}

/* tests/model/empty.csv: every path on a plan with nothing to decide. */
static void model_empty_plan(void **s)
{
	(void)s;
	const char *dir = tu_solve("empty", "tests/model/empty.csv",
				   "--scenarios 3 --explain");
	assert_true(tu_out_metric(dir, "total_cost") == 0);
	/* stdout says no option is built (2026-12-07: "builds (0):" and
	 * nothing under it) */
	char *out = NULL;
	assert_int_equal(tu_run(&out, NULL, "tests/model/empty.csv --out "
				"'%s'", dir), 0);
	assert_non_null(strstr(out, "\nbuilds: none\n"));
	assert_null(strstr(out, "builds ("));
	free(out);
	char *sum = tu_out_file(dir, "summary.csv");
	assert_non_null(strstr(sum, "\ncertified,yes\n"));
	free(sum);
	/* rows but no column (a fab making nothing): certified too
	 * (2026-12-07: glp_exact refused it, "certified,no") */
	const char *fab = tu_tmp_write("fab-only.csv",
				       "section,name,attribute,value,2025Q1\n"
				       "fab,F,wafer_capacity,10\n");
	dir = tu_solve("fab-only", fab, "");
	sum = tu_out_file(dir, "summary.csv");
	assert_non_null(strstr(sum, "\ncertified,yes\n"));
	free(sum);
	for (int i = 0; i < 5; i++) { /* the thread race was intermittent */
		dir = tu_solve("empty-saa", "tests/model/empty.csv",
			       "--stochastic 3 --threads 2");
		assert_true(tu_out_metric(dir, "total_cost") == 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model_5_8_serve),
		cmocka_unit_test(model_5_it_space),
		cmocka_unit_test(model_6_grid),
		cmocka_unit_test(model_1_4_fab),
		cmocka_unit_test(model_1_fab_capacity),
		cmocka_unit_test(model_3_memory),
		cmocka_unit_test(model_9_option_capex),
		cmocka_unit_test(model_10_precedence_committed),
		cmocka_unit_test(model_5_6_10_site_hull),
		cmocka_unit_test(model_example),
		cmocka_unit_test(model_status_default_gap),
		cmocka_unit_test(model_infeasible_exit_1),
		cmocka_unit_test(model_export_targets),
		cmocka_unit_test(model_export_unwritable),
		cmocka_unit_test(model_time_limit),
		cmocka_unit_test(model_time_limit_no_bound),
		cmocka_unit_test(model_pruned_bound_proven),
		cmocka_unit_test(model_gap_floor),
		cmocka_unit_test(model_gap_large),
		cmocka_unit_test(model_online_exact),
		cmocka_unit_test(model_no_rounding_noise),
		cmocka_unit_test(model_racks_running),
		cmocka_unit_test(model_grid_within),
		cmocka_unit_test(model_default_folder_plan_rows),
		cmocka_unit_test(model_label_before_year_0),
		cmocka_unit_test(model_coef_range_warning),
		cmocka_unit_test(model_wide_magnitudes),
		cmocka_unit_test(model_output_unwritable),
		cmocka_unit_test(model_manifest_not_file),
		cmocka_unit_test(model_rerun_same_folder),
		cmocka_unit_test(model_commit_waits_for_lock),
		cmocka_unit_test(model_console),
		cmocka_unit_test(model_empty_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
