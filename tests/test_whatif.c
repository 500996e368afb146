/*
 * test_whatif.c - what-if files (FORMAT.md "What-if files") on the
 * example plan: the merge through the library (sg_plan_load_whatif) with
 * the what-if files of tests/data/whatif-*.csv, its errors citing the
 * what-if file, and the CLI end to end (exit 65 and no output on error;
 * case sub-folders, unique names and whatif.csv on success).
 *
 * Numbering: 1.x merge semantics, 2.x errors, 3.x the CLI.
 * tests/test_load.c (4.x) has the loader's table of exact messages; here
 * the what-if files are real files on a real plan.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/plan.h"
#include "sgplan/whatif.h"

#define BASE "tests/data/example.csv"

static void near(double a, double b, int line)
{
	if (!(fabs(a - b) <= 1e-12 * fmax(1, fabs(b))))
		fail_msg("line %d: %.17g != %.17g", line, a, b);
}
#define assert_near(a, b) near((a), (b), __LINE__)

static void series(const double *v, const double *want, int n, int line)
{
	for (int t = 0; t < n; t++)
		if (!(fabs(v[t] - want[t]) <= 1e-12 * fmax(1, fabs(want[t]))))
			fail_msg("line %d: quarter %d: %.17g != %.17g", line,
				 t + 1, v[t], want[t]);
}
#define assert_series(v, w) series((v), (w), 8, __LINE__)

/* BASE merged with what-if file wpath (or text wtext named wname);
 * *err gets the diagnostics printed (caller frees). */
static int merge(const char *wname, const char *wtext, sg_plan **p,
		 char **err)
{
	size_t bl, wl, n = 0;
	char *bb = tu_read_file(BASE, &bl);
	char *wb = wtext ? strdup(wtext) : tu_read_file(wname, &wl);
	sg_diag *dg = sg_diag_new();
	FILE *f = open_memstream(err, &n);
	assert_non_null(f);
	if (wtext)
		wl = strlen(wtext);
	int rc = sg_plan_load_whatif(bb, bl, BASE, wb, wl, wname, dg, p);
	sg_diag_print(dg, f);
	fclose(f);
	sg_diag_free(dg);
	free(bb);
	free(wb);
	return rc;
}

static sg_plan *merged(const char *wpath)
{
	sg_plan *p = NULL;
	char *err = NULL;
	int rc = merge(wpath, NULL, &p, &err);
	if (rc != 0)
		fail_msg("%s: rc %d:\n%s", wpath, rc, err);
	free(err);
	return p;
}

/* Index of the entity called name in one section; fails when absent. */
#define INDEX_OF(fn, arr, cnt)                                            \
	static int fn(const sg_plan *p, const char *name)                 \
	{                                                                 \
		for (int i = 0; i < p->cnt; i++)                          \
			if (strcmp(p->arr[i].name, name) == 0)            \
				return i;                                 \
		fail_msg("no entity '%s'", name);                         \
		return -1;                                                \
	}
INDEX_OF(SITE, site, nsite)
INDEX_OF(OPT, opt, nopt)
INDEX_OF(REG, reg, nreg)
INDEX_OF(FAB, fab, nfab)

/* ---- 1. merge semantics ------------------------------------------------ */

/* 1.1 a what-if cell replaces one quarter and carries forward to the next
 * non-empty merged cell; a value replaces the base value and keeps the
 * base cells */
static void whatif_1_1_replace_cells(void **state)
{
	static const double ulsan[] = { 45, 45, 45, 45, 60, 60, 60, 60 };
	static const double pohang[] = { 20, 20, 20, 20, 20, 20, 80, 80 };
	static const double jeonnam[] = { 10, 10, 10, 10, 100, 100, 100, 100 };
	(void)state;
	sg_plan *p = merged("tests/data/whatif-replace.csv");
	assert_series(p->site[SITE(p, "Ulsan")].grid_mw, ulsan);
	assert_series(p->site[SITE(p, "Pohang")].grid_mw, pohang);
	assert_series(p->site[SITE(p, "Jeonnam")].grid_mw, jeonnam);
	assert_near(p->site[SITE(p, "Pohang")].pue, 1.4);
	assert_near(p->site[SITE(p, "Ulsan")].pue, 1.3); /* untouched */
	assert_string_equal(p->file, BASE);
	sg_plan_free(p);
}

/* 1.2 a row absent from the base is added */
static void whatif_1_2_add_row(void **state)
{
	(void)state;
	sg_plan *p = merged("tests/data/whatif-replace.csv");
	assert_near(p->site[SITE(p, "Jeonnam")].initial_it_mw, 5);
	assert_near(p->opt[OPT(p, "M15X")].opex, 500);
	assert_near(p->opt[OPT(p, "M15X")].capex, 1200000);
	sg_plan_free(p);
}

/* 1.3 a new name adds an entity, after the base's, located in the
 * what-if file */
static void whatif_1_3_new_entity(void **state)
{
	static const double ten[] = { 10, 10, 10, 10, 10, 10, 10, 10 };
	(void)state;
	sg_plan *p = merged("tests/data/whatif-new.csv");
	assert_int_equal(p->nreg, 3);
	assert_int_equal(p->nopt, 7);
	int r = REG(p, "Japan"), k = OPT(p, "Ulsan 2");
	assert_int_equal(r, 2);
	assert_int_equal(k, 6);
	assert_series(p->reg[r].demand, ten);
	assert_near(p->reg[r].unserved_penalty, 2000);
	assert_string_equal(p->reg[r].loc.file, "tests/data/whatif-new.csv");
	assert_int_equal(p->reg[r].loc.line, 3);
	assert_int_equal(p->opt[k].kind, SG_TARGET_SITE);
	assert_int_equal(p->opt[k].target, SITE(p, "Ulsan"));
	assert_near(p->opt[k].capacity, 20);
	assert_int_equal(p->opt[k].lead_quarters, 2);
	sg_plan_free(p);
}

/* 1.4 *F scales a scalar's base value, or its default when unset */
static void whatif_1_4_scale_scalar(void **state)
{
	(void)state;
	sg_plan *p = merged("tests/data/whatif-scale.csv");
	assert_near(p->reg[REG(p, "Korea")].unserved_penalty, 1500 * 1.2);
	assert_near(p->reg[REG(p, "Export")].unserved_penalty, 1000);
	assert_near(p->site[SITE(p, "Ulsan")].load_factor, 0.5);
	sg_plan_free(p);
}

/* 1.5 *F in value scales every resolved quarter of a series */
static void whatif_1_5_scale_series(void **state)
{
	static const double d[] = { 30 * 1.2,  50 * 1.2,  80 * 1.2,
				    120 * 1.2, 160 * 1.2, 200 * 1.2,
				    250 * 1.2, 300 * 1.2 };
	static const double korea[] = { 60, 100, 160, 240, 340, 460, 600, 760 };
	(void)state;
	sg_plan *p = merged("tests/data/whatif-scale.csv");
	assert_series(p->reg[REG(p, "Export")].demand, d);
	assert_series(p->reg[REG(p, "Korea")].demand, korea);
	sg_plan_free(p);
}

/* 1.6 *F in a quarter cell sets that quarter to F x the resolved base
 * value there; the merged cell then carries forward to the next non-empty
 * merged cell (Pyeongtaek's base cell 2500 in 2026Q1) */
static void whatif_1_6_scale_cell(void **state)
{
	static const double ich[] = { 3000, 1500, 1500, 1500, 1500, 1500, 1500,
				      1500 };
	static const double pyt[] = { 2000, 2000, 4000, 4000, 2500, 2500, 2500,
				      2500 };
	(void)state;
	sg_plan *p = merged("tests/data/whatif-scale.csv");
	assert_series(p->fab[FAB(p, "Icheon")].wafer_capacity, ich);
	assert_series(p->fab[FAB(p, "Pyeongtaek")].wafer_capacity, pyt);
	sg_plan_free(p);
}

/* 1.7 cases do not accumulate: the base loads unchanged afterwards */
static void whatif_1_7_base_unchanged(void **state)
{
	(void)state;
	sg_plan *w = merged("tests/data/whatif-scale.csv"), *b = NULL;
	size_t n;
	char *buf = tu_read_file(BASE, &n);
	sg_diag *dg = sg_diag_new();
	assert_int_equal(sg_plan_load(buf, n, BASE, dg, &b), 0);
	assert_near(b->reg[REG(b, "Korea")].unserved_penalty, 1500);
	assert_near(b->fab[FAB(b, "Icheon")].wafer_capacity[1], 3000);
	sg_diag_free(dg);
	free(buf);
	sg_plan_free(b);
	sg_plan_free(w);
}

/* ---- 2. errors cite the what-if file ------------------------------------ */

static const struct {
	const char *name, *csv, *where; /* where: "LINE:COL: error: " */
} bad[] = {
	{ "2_1_star_lead_quarters",
	  "section,name,attribute,value\nproduct,HBM4-12H,lead_quarters,*2\n",
	  ":2:32: error: " },
	{ "2_2_star_committed",
	  "section,name,attribute,value\noption,Ulsan 1,committed,*1\n",
	  ":2:26: error: " },
	{ "2_3_star_earliest",
	  "section,name,attribute,value\noption,M15X,earliest,*2\n",
	  ":2:22: error: " },
	{ "2_4_star_new_entity",
	  "section,name,attribute,value\nregion,Japan,unserved_penalty,1\n"
	  "region,Japan,demand,*1.2\n", ":3:21: error: " },
	{ "2_5_duplicate_row",
	  "section,name,attribute,value\nsite,Pohang,pue,1.3\n"
	  "site,Pohang,pue,1.35\n", ":3:1: error: " },
	{ "2_6_sets_nothing",
	  "section,name,attribute,value,2025Q1\nsite,Pohang,grid_mw,,\n",
	  ":2:21: error: " },
	{ "2_7_star_with_cells",
	  "section,name,attribute,value,2025Q2\nregion,Korea,demand,*2,5\n",
	  ":2:24: error: " },
	{ "2_8_quarter_outside_base",
	  "section,name,attribute,value,2027Q1\nregion,Korea,demand,,5\n",
	  ":1:30: error: " },
	{ "2_9_star_star_plan_setting",
	  "section,name,attribute,value\nplan,,mip_gap,*2\n",
	  ":2:15: error: " },
	{ "2_10_bad_factor",
	  "section,name,attribute,value\nsite,Pohang,pue,*-1\n",
	  ":2:17: error: " },
	/* racks the site cannot hold: MODEL.md points at the site's first
	 * initial_racks row, here the what-if's, not the base's line 38 */
	{ "2_11_initial_racks_too_many",
	  "section,name,attribute,value\n"
	  "site,Pohang,initial_racks:GB300-NVL72,4000\n", ":2:1: error: " },
};

static void whatif_2_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		sg_plan *p = NULL;
		char *err = NULL, want[128];
		int rc = merge("w.csv", bad[i].csv, &p, &err);
		snprintf(want, sizeof want, "w.csv%s", bad[i].where);
		if (rc != SG_EDATA || p || strncmp(err, want, strlen(want)))
			fail_msg("case %s: rc %d, expected stderr to start "
				 "with '%s', got:\n%s", bad[i].name, rc, want,
				 err);
		free(err);
	}
}

/* 2.11 the files of tests/data: the what-if file's name, line, column */
static void whatif_2_11_files(void **state)
{
	static const struct {
		const char *path, *where;
	} f[] = { { "tests/data/whatif-bad-lead.csv", ":2:32: error: " },
		  { "tests/data/whatif-bad-new.csv", ":3:21: error: " },
		  { "tests/data/whatif-bad-dup.csv", ":3:1: error: " } };
	(void)state;
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		sg_plan *p = NULL;
		char *err = NULL, want[160];
		assert_int_equal(merge(f[i].path, NULL, &p, &err), SG_EDATA);
		snprintf(want, sizeof want, "%s%s", f[i].path, f[i].where);
		if (strncmp(err, want, strlen(want)) != 0)
			fail_msg("%s: expected '%s...', got:\n%s", f[i].path,
				 want, err);
		free(err);
	}
}

/* ---- 3. the CLI ---------------------------------------------------------- */

/* 3.1 a bad what-if (even after a good one): exit 65, the what-if file's
 * FILE:LINE:COLUMN on stderr, nothing on stdout, no output folder */
static void whatif_3_1_cli_error(void **state)
{
	static const char *const files[] = { "tests/data/whatif-bad-lead.csv",
					     "tests/data/whatif-bad-new.csv",
					     "tests/data/whatif-bad-dup.csv" };
	static const char *const where[] = { ":2:32: error: ",
					     ":3:21: error: ",
					     ":3:1: error: " };
	(void)state;
	for (int i = 0; i < 3; i++) {
		const char *out = tu_tmp_dir("whatif-bad");
		char *o, *e, want[160];
		int rc = tu_run(&o, &e, "%s --what-if tests/data/whatif-"
				"scale.csv --what-if %s --out %s", BASE,
				files[i], out);
		snprintf(want, sizeof want, "%s%s", files[i], where[i]);
		assert_int_equal(rc, 65);
		if (!strstr(e, want))
			fail_msg("stderr lacks '%s':\n%s", want, e);
		assert_string_equal(o, "");
		assert_false(tu_exists(out));
		free(o);
		free(e);
	}
}

/* A what-if file of one row, in the temporary folder. */
static const char *one_row(const char *name, const char *row)
{
	char text[200];
	snprintf(text, sizeof text, "section,name,attribute,value\n%s\n",
		 row);
	return tu_tmp_write(name, text);
}

/* Each case loads the base again, yet every message is printed once: a
 * bad base with a bad what-if gives both errors, once each; a base
 * warning with two what-ifs, once (each was printed once per load). */
static void whatif_3_3_messages_once(void **state)
{
	(void)state;
	const char *bad = tu_tmp_write("once-bad.csv",
		"section,name,attribute,value,2025Q1\n"
		"plan,,discount_rate,abc\n");
	const char *wbad = one_row("once-wbad.csv",
				   "region,R9,unserved_penalty,x");
	char *o, *e, want[700];
	assert_int_equal(tu_run(&o, &e, "%s --what-if %s", bad, wbad), 65);
	snprintf(want, sizeof want, "%s:2:21: error: 'abc' in column 'value' "
		 "is not a number\n%s:2:28: error: 'x' in column 'value' is "
		 "not a number\n", bad, wbad);
	assert_string_equal(e, want);
	free(o);
	free(e);
	const char *w1 = one_row("once-w1.csv",
				 "region,R2,unserved_penalty,*1.1");
	const char *w2 = one_row("once-w2.csv",
				 "region,R1,unserved_penalty,*0.9");
	const char *out = tu_tmp_dir("once-warn");
	assert_int_equal(tu_run(&o, &e, "tests/model/drift.csv --what-if %s "
				"--what-if %s --out %s", w1, w2, out), 0);
	const char *k1 = "drift.csv:29:20: warning: option 'K1' can never";
	char *first = strstr(e, k1);
	assert_non_null(first);
	assert_null(strstr(first + 1, k1));
	free(o);
	free(e);
}

/* An error the merge finds in the base's rows (a requires cycle that only
 * the what-if closes) cites the base, as FORMAT.md places it, and a note
 * names the what-if file that brought it (only the base was named). */
static void whatif_3_4_merge_error_names_file(void **state)
{
	(void)state;
	/* with a warning of its own too, which once printed the what-if
	 * file's group, note included, before the base's */
	const char *cyc = tu_tmp_write("merge-cycle.csv",
				       "section,name,attribute,value\n"
				       "option,Pohang P2,requires,Pohang P3\n"
				       "region,Korea,unserved_penalty,*1\n");
	const char *ok = one_row("merge-ok.csv",
				 "region,Korea,unserved_penalty,*1.1");
	char *o, *e, want[1400];
	assert_int_equal(tu_run(&o, &e, "%s --what-if %s --what-if %s", BASE,
				ok, cyc), 65);
	snprintf(want, sizeof want, "%s: note: merged into the base plan, "
		 "this what-if file makes 1 of the errors above in '%s'\n",
		 cyc, BASE);
	char *err = strstr(e, "error: 'Pohang P2' in column 'value' closes a "
			   "requires cycle: option 'Pohang P3' requires "
			   "'Pohang P2', which requires 'Pohang P3'"),
	     *note = strstr(e, want);
	assert_non_null(err);
	assert_non_null(note);
	assert_true(err < note);
	assert_null(strstr(e, "merge-ok.csv: note"));
	free(o);
	free(e);
}

/* Fields of one CSV line (whatif.csv of the example quotes nothing). */
static int fields(const char *line)
{
	int n = 1;
	for (; *line && *line != '\n'; line++)
		n += *line == ',';
	return n;
}

/* whatif.csv: its header, one row per metric (no metric twice), one
 * column per case, and the metrics of FORMAT.md. */
static void check_whatif_csv(const char *path)
{
	static const char *const must[] = {
		"total_cost", "cost_capex", "unserved_compute",
		"contract_shortfall", "capex", "peak_grid_used:Jeonnam",
		"online:Pohang P2", "online:M15X"
	};
	char *s = tu_read_file(path, NULL), *m[64];
	int n = 0;
	const char *want = "metric,base,whatif-replace,whatif-scale,"
			   "whatif-replace-2\n";
	assert_memory_equal(s, want, strlen(want));
	for (char *l = strchr(s, '\n') + 1; *l; l = strchr(l, '\n') + 1) {
		assert_int_equal(fields(l), 5);
		assert_true(n < 64);
		m[n] = strndup(l, strcspn(l, ","));
		for (int i = 0; i < n; i++)
			if (strcmp(m[i], m[n]) == 0)
				fail_msg("metric %s twice", m[n]);
		n++;
	}
	for (size_t k = 0; k < sizeof must / sizeof *must; k++) {
		int found = 0;
		for (int i = 0; i < n; i++)
			found |= strcmp(m[i], must[k]) == 0;
		if (!found)
			fail_msg("whatif.csv lacks %s", must[k]);
	}
	/* 13 metrics, 3 sites and 6 options of the example */
	assert_int_equal(n, 13 + 3 + 6);
	for (int i = 0; i < n; i++)
		free(m[i]);
	free(s);
}

/* 3.2 base and cases: sub-folders, unique names, whatif.csv agrees with
 * each case's summary.csv */
static void whatif_3_2_cli_cases(void **state)
{
	const char *out = tu_tmp_dir("whatif-cases");
	char *o, *e, p[600], q[600];
	(void)state;
	int rc = tu_run(&o, &e, "%s --what-if tests/data/whatif-replace.csv "
			"--what-if tests/data/whatif-scale.csv --what-if "
			"tests/data/whatif-replace.csv --out %s", BASE, out);
	if (rc != 0)
		fail_msg("exit %d:\n%s", rc, e);
	static const char *const sub[] = { "", "/whatif-replace",
					   "/whatif-scale",
					   "/whatif-replace-2" };
	double tc[4];
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s/summary.csv", out, sub[i]);
		tc[i] = tu_summary_value(p, "total_cost");
		snprintf(q, sizeof q, "%s%s/builds.csv", out, sub[i]);
		assert_true(tu_exists(q));
		/* FORMAT.md: each case's reports in OUT/CASE/, report.html
		 * too, titled with the case */
		snprintf(q, sizeof q, "%s%s/report.html", out, sub[i]);
		char *h = tu_read_file(q, NULL);
		snprintf(q, sizeof q, "<h1>Capacity plan: %s%s%s</h1>", BASE,
			 i ? ", what-if " : "", i ? sub[i] + 1 : "");
		if (!strstr(h, q))
			fail_msg("%s%s/report.html lacks %s", out, sub[i], q);
		free(h);
	}
	assert_near(tc[1], tc[3]);
	assert_true(tc[2] != tc[0]);
	snprintf(p, sizeof p, "%s/whatif.csv", out);
	check_whatif_csv(p);
	snprintf(p, sizeof p, "%s/report.html", out);
	assert_true(tu_exists(p));
	snprintf(p, sizeof p, "%s/whatif-scale/whatif.csv", out);
	assert_false(tu_exists(p));
	/* stdout heads each case with its name and says where it went */
	snprintf(p, sizeof p, "%s + what-if 'whatif-scale': optimal plan, "
		 "total cost ", BASE);
	assert_non_null(strstr(o, p));
	snprintf(p, sizeof p, "\nreports in %s/whatif-replace-2/\n", out);
	assert_non_null(strstr(o, p));
	snprintf(p, sizeof p, "\nreports in %s/ (the cases side by side: "
		 "whatif.csv)\n", out);
	assert_non_null(strstr(o, p));
	free(o);
	free(e);
}

/* 3.6 case names: a folder below the reports and a whatif.csv header, so
 * UTF-8 (2026-12-07: a Latin-1 file name went into whatif.csv as it
 * was) and none of the base folder's own names (2026-12-07: a case named
 * scenario-3.csv took --dump-scenario 3's place, exit 73) */
static void whatif_3_6_case_names(void **state)
{
	(void)state;
	const char *const path[] = { "a/caf\xe9.csv", "d/scenario-3.csv.csv",
				     "x/summary.csv.csv", "y/base.csv",
				     "z/..csv", "w/\xc3\xa9t\xc3\xa9.csv",
				     "v/a\nb.csv",
				     /* C1, DEL, BOM (2026-12-08) */
				     "u/w\xc2\x9b\x7f\xef\xbb\xbf"
				     "z\xc2\xa0.csv" };
	const char *const want[] = { "caf_", "scenario-3.csv-2",
				     "summary.csv-2", "base-2", "case",
				     "\xc3\xa9t\xc3\xa9", "a_b",
				     "w___z\xc2\xa0" };
	int n = (int)(sizeof path / sizeof *path);
	char **v = sg_whatif_names(path, n);
	for (int i = 0; i < n; i++) {
		assert_string_equal(v[i], want[i]);
		free(v[i]);
	}
	free(v);
	const char *dir = tu_tmp_dir("whatif-dumpname");
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s.in' && cp "
		 "tests/data/whatif-scale.csv '%s.in/scenario-3.csv.csv'", dir,
		 dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(tu_run(NULL, NULL, "%s --quiet --dump-scenario 3 "
				"--what-if '%s.in/scenario-3.csv.csv' --out "
				"'%s'", BASE, dir, dir), 0);
	assert_true(tu_out_exists(dir, "scenario-3.csv"));
	assert_true(tu_out_exists(dir, "scenario-3.csv-2/summary.csv"));
}

/* 3.5 warnings for what a what-if may not mean: a new entity named like
 * a base one (a typo adds an entity; not a new number in a series, as a
 * phase P4 beside P2), and serve_cost rows for a site that had none (its
 * links to every other region go), once per site */
static void whatif_3_5_warnings(void **state)
{
	(void)state;
	char *e = NULL;
	const char *out = tu_tmp_dir("whatif-warn");
	assert_int_equal(tu_run(NULL, &e, "%s --what-if "
				"tests/data/whatif-typo.csv --what-if "
				"tests/data/whatif-links.csv --quiet --out %s",
				BASE, out), 0);
	assert_string_equal(e, "");
	free(e);
	assert_int_equal(tu_run(NULL, &e, "%s --what-if "
				"tests/data/whatif-typo.csv --what-if "
				"tests/data/whatif-links.csv --out %s", BASE,
				out), 0);
	assert_non_null(strstr(e, "tests/data/whatif-typo.csv:4:6: warning: "
			       "site 'Pohng' is not in the base plan, so "
			       "this what-if adds it as a new site (did you "
			       "mean 'Pohang'?)\n"));
	assert_null(strstr(e, "'Pohang P4'")); /* a new phase, no typo */
	const char *links = "tests/data/whatif-links.csv:4:14: warning: "
			    "site 'Jeonnam' has no serve_cost row in the "
			    "base plan, so it serves every region; with this "
			    "one it serves only the regions its serve_cost "
			    "rows name\n";
	char *w = strstr(e, links);
	assert_non_null(w);
	assert_null(strstr(w + strlen(links), "has no serve_cost row"));
	free(e);
	/* --check names what each what-if adds */
	char *o = NULL;
	assert_int_equal(tu_run(&o, NULL, "%s --check --what-if "
				"tests/data/whatif-typo.csv --what-if "
				"tests/data/whatif-scale.csv", BASE), 0);
	assert_non_null(strstr(o, "\nwhat-if 'whatif-typo' "
			       "(tests/data/whatif-typo.csv): valid; adds "
			       "site 'Pohng', option 'Pohang P4'\n"));
	assert_non_null(strstr(o, "\nwhat-if 'whatif-scale' "
			       "(tests/data/whatif-scale.csv): valid; adds "
			       "no entity\n"));
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whatif_1_1_replace_cells),
		cmocka_unit_test(whatif_1_2_add_row),
		cmocka_unit_test(whatif_1_3_new_entity),
		cmocka_unit_test(whatif_1_4_scale_scalar),
		cmocka_unit_test(whatif_1_5_scale_series),
		cmocka_unit_test(whatif_1_6_scale_cell),
		cmocka_unit_test(whatif_1_7_base_unchanged),
		cmocka_unit_test(whatif_2_table),
		cmocka_unit_test(whatif_2_11_files),
		cmocka_unit_test(whatif_3_1_cli_error),
		cmocka_unit_test(whatif_3_3_messages_once),
		cmocka_unit_test(whatif_3_4_merge_error_names_file),
		cmocka_unit_test(whatif_3_2_cli_cases),
		cmocka_unit_test(whatif_3_5_warnings),
		cmocka_unit_test(whatif_3_6_case_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
