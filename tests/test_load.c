/*
 * test_load.c - unit tests of the plan loader (solver/load*.c) and the
 * diagnostics sink (solver/diag.c).
 *
 * Numbering: 1.x reading the CSV (header, BOM, CRLF, quotes, comments),
 * 2.x meaning (series, defaults, names, order, labels, uncertainty),
 * 3.x bad input (table-driven: CSV text -> exact stderr), 4.x what-if
 * merging, 5.x sg_plan_write round trip, 6.x the diagnostics sink.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/plan.h"

/* cmocka 1.1.5 has no assert_double_equal: compare doubles exactly or
 * within eps, and print both on failure */
#define assert_double_equal(a, b, eps) dbl_eq((a), (b), (eps), __LINE__)
static void dbl_eq(double a, double b, double eps, int line)
{
	if (!(fabs(a - b) <= eps))
		fail_msg("line %d: %.17g != %.17g", line, a, b);
}

#define HDR "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
#define PLAT "platform,A,kw_per_rack,100\nplatform,A,compute_per_rack,1\n"

/* ---- helpers ---------------------------------------------------------- */

static char *diag_text(sg_diag *dg)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	sg_diag_print(dg, f);
	fclose(f);
	return buf;
}

/* Load csv text named "t.csv"; *err gets everything printed (free it). */
static int load_text(const char *csv, sg_plan **pp, char **err)
{
	sg_diag *dg = sg_diag_new();
	int rc = sg_plan_load(csv, strlen(csv), "t.csv", dg, pp);

	*err = diag_text(dg);
	sg_diag_free(dg);
	return rc;
}

static int load_whatif(const char *base, const char *wi, sg_plan **pp,
		       char **err)
{
	sg_diag *dg = sg_diag_new();
	int rc = sg_plan_load_whatif(base, strlen(base), "b.csv", wi,
				     strlen(wi), "w.csv", dg, pp);

	*err = diag_text(dg);
	sg_diag_free(dg);
	return rc;
}

static sg_plan *load_path(const char *path, char **err)
{
	size_t n;
	char *buf = tu_read_file(path, &n);
	sg_diag *dg = sg_diag_new();
	sg_plan *p = NULL;

	sg_plan_load(buf, n, path, dg, &p);
	*err = diag_text(dg);
	sg_diag_free(dg);
	free(buf);
	return p;
}

/* A valid plan from text; fails the test on any error. */
static sg_plan *ok_text(const char *csv)
{
	sg_plan *p = NULL;
	char *err;
	int rc = load_text(csv, &p, &err);

	if (rc != 0)
		fail_msg("unexpected errors:\n%s", err);
	free(err);
	return p;
}

static void assert_series(const double *x, const double *want, int n)
{
	int i;

	for (i = 0; i < n; i++)
		assert_double_equal(x[i], want[i], 0);
}

#define REG(p, s) find_reg(p, s)
static int find_reg(const sg_plan *p, const char *s)
{
	int i;

	for (i = 0; i < p->nreg; i++)
		if (strcmp(p->reg[i].name, s) == 0)
			return i;
	fail_msg("no region %s", s);
	return -1;
}

/* ---- 1.x reading ------------------------------------------------------ */

static void load_1_1_example(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/example.csv", &err);

	(void)state;
	assert_non_null(p);
	assert_string_equal(err, "");
	assert_int_equal(p->T, 8);
	assert_int_equal(p->nfab, 2);
	assert_int_equal(p->nprod, 2);
	assert_int_equal(p->nplat, 2);
	assert_int_equal(p->nsite, 3);
	assert_int_equal(p->nreg, 2);
	assert_int_equal(p->nopt, 6);
	assert_int_equal(p->year0, 2025);
	assert_int_equal(p->q0, 1);
	assert_string_equal(p->qlabel[7], "2026Q4");
	assert_string_equal(p->opt[1].name, "Pohang P3");
	assert_int_equal(p->opt[1].requires, 0);
	assert_int_equal(p->opt[4].committed, 1);
	assert_int_equal(p->opt[4].earliest, 3);
	assert_int_equal(p->opt[3].earliest, 5);
	assert_int_equal(p->opt[5].kind, SG_TARGET_FAB);
	assert_int_equal(p->plat[1].first_quarter, 6);
	assert_double_equal(p->discount_rate, 0.08, 0);
	assert_double_equal(p->mip_gap, 1e-6, 0);
	assert_true(p->set_flags & SG_SET_MIP_GAP);
	assert_false(p->set_flags & SG_SET_SEED);
	assert_double_equal(p->site[0].grid_mw[6], 60, 0);
	assert_double_equal(p->site[0].grid_mw[7], 60, 0);
	assert_double_equal(p->fab[1].wafer_capacity[4], 2500, 0);
	assert_int_equal(p->site[1].has_links, 0);
	assert_int_equal(p->site[1].link[0] + p->site[1].link[1], 2);
	assert_int_equal(p->site[2].link[1], 0);
	assert_int_equal(p->site[0].racks_loc.line, 38);
	assert_double_equal(p->unc.demand_vol[1], 0.2, 0);
	assert_double_equal(p->unc.demand_vol[0], 0.12, 0);
	assert_double_equal(p->unc.delay_prob[1], 0.3, 0);
	assert_int_equal(p->unc.delay_quarters[1], 2);
	assert_int_equal(p->nwarn, 0);
	sg_plan_free(p);
	free(err);
}

/* unit/note/source anywhere; trailing empty header cells; short rows */
static void load_1_2_header_variants(void **state)
{
	sg_plan *p = ok_text("note,section,unit,name,attribute,value,"
			     "2025Q1,source,2025Q2,,\n"
			     "hi,site,MW,S,grid_mw,,1,src,2,,\n"
			     ",site,,S,pue\t,\t1.5\n");

	(void)state;
	assert_int_equal(p->T, 2);
	assert_double_equal(p->site[0].grid_mw[0], 1, 0);
	assert_double_equal(p->site[0].grid_mw[1], 2, 0);
	assert_double_equal(p->site[0].pue, 1.5, 0);
	sg_plan_free(p);
}

/* BOM and CRLF: values read; the BOM does not count as a column */
static void load_1_3_bom_crlf(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-bom-crlf.csv", &err);

	(void)state;
	assert_null(p);
	assert_string_equal(err, "tests/data/load-bom-crlf.csv:4:25: error: "
			    "'x' in column 'value' is not a number\n");
	free(err);
	p = ok_text("\xef\xbb\xbfsection,name,attribute,value,2025Q1\r\n"
		    "site,S,pue,1.5\r\n\r\nsite,S,grid_mw,,7\r\n");
	assert_double_equal(p->site[0].pue, 1.5, 0);
	assert_double_equal(p->site[0].grid_mw[0], 7, 0);
	sg_plan_free(p);
}

/* quoted fields: commas, doubled quotes, line breaks; lines inside
 * quoted fields count */
static void load_1_4_quoted(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-quoted.csv", &err);

	(void)state;
	assert_null(p);
	assert_string_equal(err, "tests/data/load-quoted.csv:12:16: error: "
			    "'oops' in column 'value' is not a number\n");
	free(err);
	/* the same without the bad last row */
	{
		size_t n;
		char *buf = tu_read_file("tests/data/load-quoted.csv", &n);
		char *cut = strstr(buf, "site,\"A,B\",pue,oops");
		sg_diag *dg = sg_diag_new();
		assert_non_null(cut);
		*cut = 0;
		assert_int_equal(sg_plan_load(buf, strlen(buf), "q.csv", dg,
					      &p), 0);
		sg_diag_free(dg);
		free(buf);
	}
	assert_int_equal(p->nreg, 4);
	assert_string_equal(p->reg[0].name, "Seoul, North");
	assert_string_equal(p->reg[1].name, "Busan\nHarbour");
	assert_string_equal(p->reg[2].name, "Say \"Hi\"");
	assert_string_equal(p->reg[3].name, "Daegu");
	assert_int_equal(p->reg[3].loc.line, 11);
	assert_int_equal(p->reg[3].loc.col, 1); /* the field, blanks included */
	assert_double_equal(p->reg[1].unserved_penalty, 20, 0);
	assert_double_equal(p->reg[3].unserved_penalty, 7, 0);
	assert_string_equal(p->site[0].name, "A,B");
	assert_int_equal(p->site[0].has_links, 1);
	assert_int_equal(p->site[0].link[0], 1);
	assert_int_equal(p->site[0].link[1], 0);
	assert_double_equal(p->site[0].serve_cost[0], 3, 0);
	sg_plan_free(p);
}

/* comments (also quoted '#', and quotes inside comments), ",,,," lines */
static void load_1_5_comments(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-comments.csv", &err);

	(void)state;
	assert_string_equal(err, "");
	assert_non_null(p);
	assert_int_equal(p->T, 4);
	assert_int_equal(p->nreg, 2);
	assert_string_equal(p->reg[1].name, "#R2");
	assert_double_equal(p->reg[0].demand[3], 20, 0);
	assert_double_equal(p->reg[0].unserved_penalty, 5, 0);
	sg_plan_free(p);
	free(err);
}

/* ---- 2.x meaning ------------------------------------------------------ */

static void load_2_1_series(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-series.csv", &err);
	static const double g[] = { 10, 20, 20, 20 }, e[] = { 0, 0, 3, 3 },
			    u[] = { 1, 1, 1, 5 }, s[] = { 5, 5, 5, 5 };

	(void)state;
	assert_string_equal(err, "tests/data/load-series.csv:16:20: warning: "
			    "option 'K' can never be online within the "
			    "horizon 2025Q1-2025Q4 (earliest 2026Q1, "
			    "lead_quarters 0): it is left out of the plan\n");
	assert_non_null(p);
	assert_int_equal(p->nwarn, 1);
	assert_series(p->site[0].grid_mw, g, 4);
	assert_series(p->site[0].energy_price, e, 4);
	assert_series(p->site[1].grid_mw, u, 4);
	assert_series(p->prod[0].scheduled_output, s, 4);
	sg_plan_free(p);
	free(err);
}

static void load_2_2_defaults(void **state)
{
	sg_plan *p = ok_text(HDR PLAT "site,S,grid_mw,1\nregion,R,demand,0\n"
			     "option,K,target,site:S\noption,K,capacity,1\n"
			     "product,P,contract,0\n");

	(void)state;
	assert_double_equal(p->site[0].pue, 1, 0);
	assert_double_equal(p->site[0].load_factor, 1, 0);
	assert_double_equal(p->mip_gap, 1e-4, 0);
	assert_double_equal(p->time_limit, 0, 0);
	assert_int_equal(p->scenarios, 0);
	assert_int_equal(p->seed, 1);
	assert_int_equal(p->set_flags, 0);
	assert_double_equal(p->discount_rate, 0, 0);
	assert_int_equal(p->opt[0].earliest, 1);
	assert_int_equal(p->opt[0].requires, -1);
	assert_int_equal(p->opt[0].requires_loc.line, 0);
	assert_int_equal(p->opt[0].lead_quarters, 0);
	assert_int_equal(p->opt[0].committed, 0);
	assert_int_equal(p->plat[0].first_quarter, 1);
	assert_double_equal(p->plat[0].rack_cost[3], 0, 0);
	assert_int_equal(p->site[0].racks_loc.line, 0);
	assert_int_equal(p->site[0].link[0], 1);
	assert_double_equal(p->unc.demand_vol[0], 0, 0);
	assert_double_equal(p->unc.delay_prob[0], 0, 0);
	sg_plan_free(p);
}

/* pairwise names with spaces; order of own section, not mentions */
static void load_2_3_names_and_order(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-series.csv", &err);

	(void)state;
	assert_non_null(p);
	assert_int_equal(p->nreg, 3);
	assert_string_equal(p->reg[0].name, "Korea");
	assert_string_equal(p->reg[1].name, "Japan");
	assert_string_equal(p->reg[2].name, "China");
	assert_int_equal(p->site[0].has_links, 1);
	assert_int_equal(p->site[0].link[REG(p, "China")], 1);
	assert_int_equal(p->site[0].link[REG(p, "Korea")], 0);
	assert_double_equal(p->site[0].serve_cost[2], 2, 0);
	assert_int_equal(p->site[1].has_links, 0);
	assert_int_equal(p->site[1].link[0] & p->site[1].link[1] &
			 p->site[1].link[2], 1);
	assert_double_equal(p->plat[0].memory[0], 8, 0);
	assert_double_equal(p->fab[0].units_per_wafer[0], 30, 0);
	assert_int_equal(p->opt[0].kind, SG_TARGET_SITE);
	assert_int_equal(p->opt[0].target, 0);
	assert_int_equal(p->opt[1].kind, SG_TARGET_FAB);
	assert_int_equal(p->opt[1].requires, 0);
	assert_int_equal(p->opt[1].requires_loc.line, 19);
	sg_plan_free(p);
	free(err);
	p = ok_text(HDR "site,S,serve_cost:B,1\nsite,S,serve_cost:A,1\n"
		    "region,A,demand,0\nregion,B,demand,0\n");
	assert_string_equal(p->reg[0].name, "A");
	assert_string_equal(p->reg[1].name, "B");
	sg_plan_free(p);
}

/* quarter labels before and after the horizon */
static void load_2_4_labels(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-series.csv", &err);
	char b[8];

	(void)state;
	assert_int_equal(p->plat[0].first_quarter, 0);
	assert_int_equal(p->opt[0].earliest, 5);
	sg_plan_quarter_label(p, 0, b);
	assert_string_equal(b, "2024Q4");
	sg_plan_quarter_label(p, -4, b);
	assert_string_equal(b, "2023Q4");
	sg_plan_quarter_label(p, 9, b);
	assert_string_equal(b, "2027Q1");
	assert_double_equal(sg_plan_discount(p, 1), 1, 0);
	assert_double_equal(sg_plan_discount(p, 5), 1 / 1.05, 1e-15);
	assert_int_equal(p->seed, 4294967295u);
	sg_plan_free(p);
	free(err);
	p = ok_text("section,name,attribute,value,2025Q3,2025Q4,2026Q1\n"
		    PLAT "platform,A,first_quarter,2026Q3\n");
	assert_int_equal(p->year0, 2025);
	assert_int_equal(p->q0, 3);
	assert_int_equal(p->plat[0].first_quarter, 5);
	sg_plan_quarter_label(p, 5, b);
	assert_string_equal(b, "2026Q3");
	sg_plan_free(p);
}

static void load_2_5_uncertainty(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-series.csv", &err);

	(void)state;
	/* demand:Japan overrides demand:* ; the others take demand:* */
	assert_double_equal(p->unc.demand_vol[REG(p, "Japan")], 0.3, 0);
	assert_double_equal(p->unc.demand_vol[REG(p, "Korea")], 0.1, 0);
	assert_double_equal(p->unc.demand_vol[REG(p, "China")], 0.1, 0);
	assert_double_equal(p->unc.demand_corr, 0.5, 0);
	assert_double_equal(p->unc.energy_vol[0], 0, 0);
	assert_double_equal(p->unc.energy_vol[1], 0.2, 0);
	assert_double_equal(p->unc.energy_corr, 0, 0);
	assert_double_equal(p->unc.delay_prob[0], 0.25, 0);
	assert_int_equal(p->unc.delay_quarters[0], 2);
	sg_plan_free(p);
	free(err);
}

/* numbers: the exact grammar of FORMAT.md */
static void load_2_6_numbers(void **state)
{
	static const char *good[] = { "1", "+1", "-0", "1.", ".5", "1.5e3",
				      "1E-2", "00.0100", "5e+0" };
	static const char *bad[] = { "1,000", "5%", "0x10", "inf", "nan",
				     "$5", "1e", "e5", ".", "1.2.3", "- 1",
				     "1 000", "++1", "1e5.0", "Infinity" };
	char csv[200], *err;
	sg_plan *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof *good; i++) {
		snprintf(csv, sizeof csv, HDR "site,S,grid_mw,\"%s\"\n",
			 good[i]);
		p = ok_text(csv);
		sg_plan_free(p);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(csv, sizeof csv, HDR "site,S,grid_mw,\"%s\"\n",
			 bad[i]);
		assert_int_equal(load_text(csv, &p, &err), SG_EDATA);
		assert_non_null(strstr(err, "is not a number"));
		free(err);
	}
	p = ok_text(HDR "product,P,lead_quarters,2.0\nplan,,seed,0\n"
		    "plan,,discount_rate,-0.5\nsite,S,load_factor,0\n");
	assert_int_equal(p->prod[0].lead_quarters, 2);
	assert_int_equal(p->seed, 0);
	sg_plan_free(p);
}

/* ---- 3.x bad input: CSV text -> exact stderr -------------------------- */

struct ecase {
	const char *name; /* case id */
	int rc;           /* expected return of the load */
	const char *csv;  /* input */
	const char *err;  /* expected diagnostics, exactly */
};

/* site S: 125 racks of 100 kW in 10 MW of IT space (the initial-racks
 * cases below) */
#define RACKS_125 \
	"section,name,attribute,value,2025Q1\n" \
	"platform,A,kw_per_rack,100\n" \
	"platform,A,compute_per_rack,1\n" \
	"site,S,grid_mw,100\n" \
	"site,S,initial_it_mw,10\n" \
	"site,S,initial_racks:A,125\n"

static const struct ecase ecases[] = {
	{ "3_01_not_utf8", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1\xff""\n",
	  "t.csv:2:12: error: '1\\xff' in column 'value' holds the invalid"
	  " UTF-8 byte 0xff: the file is not UTF-8 text\n" },
	/* FORMAT.md: at the field's first character, naming its column;
	 * the record is left out and every other error still reported,
	 * also after a bad byte inside a quoted field over lines */
	{ "3_01b_not_utf8_all_errors", -65,
	  "section,name,attribute,value,2025Q1,note\n"
	  "region,R,demand,x,,\n"
	  "region,R2,demand,1,,  ab\xff""c\n"
	  "# a comment in Latin-1: Malm\xf6\n"
	  "region,R3,demand,1,,\"line one\nli\xe9ne, two\"\n"
	  "region,R4,demand,y,,\n",
	  "t.csv:2:17: error: 'x' in column 'value' is not a number\n"
	  "t.csv:3:21: error: 'ab\\xff""c' in column 'note' holds the invalid"
	  " UTF-8 byte 0xff: the file is not UTF-8 text\n"
	  "t.csv:4:1: error: '...-1: Malm\\xf6' holds the invalid"
	  " UTF-8 byte 0xf6: the file is not UTF-8 text\n"
	  "t.csv:5:21: error: 'li\\xe9ne, two' in column 'note' holds the"
	  " invalid UTF-8 byte 0xe9: the file is not UTF-8 text\n"
	  "t.csv:7:18: error: 'y' in column 'value' is not a number\n" },
	{ "3_03_empty", -65,
	  "",
	  "t.csv:1:1: error: no header: the file is empty (expected a header"
	  " 'section,name,attribute,value,<quarters>')\n" },
	/* a header and plan rows but no entity plan nothing at a cost of 0:
	 * warned (2026-12-08: it solved in silence) */
	{ "3_03c_header_only", 0,
	  "# comment\n"
	  "section,name,attribute,value,2025Q1\n"
	  "plan,,mip_gap,0.001\n",
	  "t.csv:2:1: warning: the plan has no fab, product, platform, site,"
	  " region or option: there is nothing to plan and it costs 0\n" },
	/* (2026-12-07) a misspelt key word is one error, not a second
	 * "the header has no 'section' column" */
	{ "3_04b_header_key_case", -65,
	  "Section,name,attribute,value,2025Q1\n"
	  "site,S,pue,1.2\n",
	  "t.csv:1:1: error: unknown column 'Section' in the header (did you"
	  " mean 'section'?)\n" },
	{ "3_04_header_missing_value", -65,
	  "section,name,attribute,2025Q1\n",
	  "t.csv:1:1: error: the header has no 'value' column (it must start"
	  " section,name,attribute,value)\n" },
	{ "3_05_header_unknown_column", -65,
	  "section,name,attribute,value,2025Q1,nte\n",
	  "t.csv:1:37: error: unknown column 'nte' in the header (did you"
	  " mean 'note'?)\n" },
	{ "3_06_header_duplicate_unit", -65,
	  "section,name,attribute,value,unit,2025Q1,unit\n",
	  "t.csv:1:42: error: duplicate column 'unit' in the header\n" },
	{ "3_07_header_bad_quarter", -65,
	  "section,name,attribute,value,2025Q1,2025Q5\n",
	  "t.csv:1:37: error: '2025Q5' in the header is not a quarter label"
	  " (YYYYQn, n from 1 to 4)\n" },
	{ "3_08_header_duplicate_quarter", -65,
	  "section,name,attribute,value,2025Q1,2025Q1\n",
	  "t.csv:1:37: error: duplicate quarter column '2025Q1' in the"
	  " header\n" },
	{ "3_09_header_quarter_order", -65,
	  "section,name,attribute,value,2025Q2,2025Q1\n",
	  "t.csv:1:37: error: quarter column '2025Q1' in the header comes"
	  " after '2025Q2': quarters must ascend\n" },
	{ "3_10_header_quarter_gap", -65,
	  "section,name,attribute,value,2025Q4,2026Q2\n",
	  "t.csv:1:37: error: quarter column '2026Q2' in the header follows"
	  " '2025Q4': quarters must be consecutive (2026Q1 is missing)\n" },
	{ "3_11_header_no_quarter", -65,
	  "section,name,attribute,value,note\n",
	  "t.csv:1:1: error: the header has no quarter column (YYYYQn, e.g."
	  " 2025Q1)\n" },
	/* the only quarter cell misspelt: that error alone (2026-12-07:
	 * "the header has no quarter column" too) */
	{ "3_11b_header_only_quarter_bad", -65,
	  "section,name,attribute,value,2025q1\n",
	  "t.csv:1:30: error: '2025q1' in the header is not a quarter label"
	  " (YYYYQn, n from 1 to 4) (did you mean '2025Q1'?)\n" },
	/* a spreadsheet's ';' or tab export: one error that says so, not
	 * "unknown column" and a missing column for each key word */
	{ "3_11c_header_semicolons", -65,
	  "section;name;attribute;value;2025Q1\nsite;S;pue;1.2;\n",
	  "t.csv:1:1: error: the header is one column, 'section;name;"
	  "attribute;value;2025Q1': its cells are separated by ';', but a "
	  "plan file is comma-separated CSV (save it as CSV with commas)\n" },
	{ "3_11d_header_tabs", -65,
	  "section\tname\tattribute\tvalue\t2025Q1\n",
	  "t.csv:1:1: error: the header is one column, 'section\\tname\\t"
	  "attribute\\tvalue\\t2025Q1': its cells are separated by tabs, "
	  "but a plan file is comma-separated CSV (save it as CSV with "
	  "commas)\n" },
	{ "3_12_header_order", -65,
	  "section,attribute,name,value,2025Q1\n",
	  "t.csv:1:19: error: column 'name' in the header must come before"
	  " 'attribute'\n" },
	{ "3_13_header_empty_column", -65,
	  "section,name,,attribute,value,2025Q1\n",
	  "t.csv:1:14: error: empty column name in the header\n" },
	{ "3_14_row_too_long", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "site,S,pue,1,,\n",
	  "t.csv:2:15: error: row has 6 fields but the header has 5: "
	  "column 6 has no header\n" },
	/* 2026-12-06: the message named neither the text nor its column */
	{ "3_14b_row_too_long_text", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "site,S,pue,1,,x\n",
	  "t.csv:2:15: error: row has 6 fields but the header has 5: "
	  "'x' is in column 6, which has no header\n" },
	{ "3_15_unbalanced_quote", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1\n"
	  "site,\"T,pue,1\n"
	  "site,U,pue,1\n",
	  "t.csv:3:6: error: unbalanced quote: the quoted field "
	  "'\"T,pue,1...' in column 'name' is still open at the end of the "
	  "file\n" },
	/* 2026-12-06: the message named neither the text nor its column;
	 * in the header there is no column yet, and the text stops at 24
	 * bytes, never inside a character */
	{ "3_15b_unbalanced_quote_header", -65,
	  "section,\"name,attribute,value,2025Q1\n",
	  "t.csv:1:9: error: unbalanced quote: the quoted field "
	  "'\"name,attribute,value,202...' is still open at the end of the "
	  "file\n" },
	{ "3_15c_unbalanced_quote_utf8", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "site,S,pue,\"1.2\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n",
	  "t.csv:2:12: error: unbalanced quote: the quoted field '\"1.2"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9...' in column 'value' is still open at the end "
	  "of the file\n" },
	{ "3_16_stray_quote", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S\"x,pue,1\n",
	  "t.csv:2:6: error: '\"' inside an unquoted field in column 'name':"
	  " put the whole field in quotes and double the '\"'\n" },
	{ "3_17_text_after_quote", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,\"S\"x,pue,1\n",
	  "t.csv:2:6: error: unexpected text after the closing quote of a"
	  " quoted field in column 'name': put the whole field in quotes and"
	  " double any '\"' inside\n" },
	/* FORMAT.md: all errors of a file; a record with a quote error is
	 * left out and the records after it are still read */
	{ "3_17b_errors_after_quotes", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S\"x,pue,1\n"
	  "site,S,pue,a\n"
	  "site,\"T\"x,pue,1\n"
	  "site,T,pue,b\n",
	  "t.csv:2:6: error: '\"' inside an unquoted field in column 'name':"
	  " put the whole field in quotes and double the '\"'\n"
	  "t.csv:3:12: error: 'a' in column 'value' is not a number\n"
	  "t.csv:4:6: error: unexpected text after the closing quote of a"
	  " quoted field in column 'name': put the whole field in quotes and"
	  " double any '\"' inside\n"
	  "t.csv:5:12: error: 'b' in column 'value' is not a number\n" },
	/* a header column that cannot be used is left out of the rows,
	 * which are still read; keys out of order stop the reading */
	{ "3_17d_errors_after_bad_column", -65,
	  "section,name,attribute,value,2025Q1,foo,unit,unit\n"
	  "site,S,pue,a\n"
	  "sitee,T,pue,1\n",
	  "t.csv:1:37: error: unknown column 'foo' in the header\n"
	  "t.csv:1:46: error: duplicate column 'unit' in the header\n"
	  "t.csv:2:12: error: 'a' in column 'value' is not a number\n"
	  "t.csv:3:1: error: unknown section 'sitee' in column 'section'"
	  " (did you mean 'site'?)\n" },
	{ "3_17e_keys_out_of_order", -65,
	  "name,section,attribute,value,2025Q1\n"
	  "S,site,pue,a\n",
	  "t.csv:1:6: error: column 'section' in the header must come"
	  " before 'name'\n" },
	/* a bad quoted comment before the header is not the header */
	{ "3_17f_bad_quoted_comment_first", -65,
	  "\"# a comment\"x\n"
	  "section,name,attribute,value,2025Q1\n"
	  "site,S,pue,a\n",
	  "t.csv:1:1: error: unexpected text after the closing quote of a"
	  " quoted field: put the whole field in quotes and double any '\"'"
	  " inside\n"
	  "t.csv:3:12: error: 'a' in column 'value' is not a number\n" },
	/* a comment record is a CSV record: a note with a line break that
	 * a spreadsheet saves beside a comment (2026-12-07: its second line
	 * was read as a row, a stray-quote error), lines counted through
	 * it; quotes are free text in its first field and after a quoted
	 * field closes */
	{ "3_17g_comment_note_over_lines", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "# reviewed \"draft\",\"by Kim\n"
	  "and \"\"Lee\"\"\" ,x, y\"z,\n"
	  "site,S,pue,0.5\n",
	  "t.csv:4:12: error: '0.5' in column 'value' must be >= 1\n" },
	/* ... but a quote that does not close as CSV has it leaves the
	 * comment its line alone, so no data row is swallowed: one closed
	 * in a later comment, followed by text (2026-12-07: the row between
	 * was dropped without a word), or never closed */
	{ "3_17h_comment_stray_quotes", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "# PUE, \"design value\n"
	  "site,S,pue,0.5\n"
	  "# measured \"in 2024\n"
	  "# note, \"a,\n"
	  "site,T,pue,0.7\n",
	  "t.csv:3:12: error: '0.5' in column 'value' must be >= 1\n"
	  "t.csv:6:12: error: '0.7' in column 'value' must be >= 1\n" },
	/* a quote error in the header: nothing else can be read */
	{ "3_17c_quote_in_header", -65,
	  "section,\"name\"x,attribute,value,2025Q1\n"
	  "site,S,pue,a\n",
	  "t.csv:1:9: error: unexpected text after the closing quote of a"
	  " quoted field: put the whole field in quotes and double any '\"'"
	  " inside\n" },
	{ "3_18_unknown_section", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "sitee,S,pue,1\n",
	  "t.csv:2:1: error: unknown section 'sitee' in column 'section'"
	  " (did you mean 'site'?)\n" },
	{ "3_19_unknown_attribute", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,peu,1\n",
	  "t.csv:2:8: error: unknown attribute 'peu' for section 'site' in"
	  " column 'attribute' (did you mean 'pue'?)\n" },
	{ "3_20_unknown_pair_attribute", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "platform,A,kw_per_rack,100\n"
	  "platform,A,compute_per_rack,1\n"
	  "platform,A,memroy:P,1\n"
	  "product,P,lead_quarters,1\n",
	  "t.csv:4:12: error: unknown attribute 'memroy:P' for section"
	  " 'platform' in column 'attribute' (did you mean 'memory:P'?)\n" },
	{ "3_21_colon_on_scalar", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue:x,1\n",
	  "t.csv:2:8: error: 'pue:x' in column 'attribute': 'pue' takes no"
	  " ':NAME'\n" },
	{ "3_22_pair_without_name", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,serve_cost:,1\n"
	  "site,S,serve_cost,1\n",
	  "t.csv:2:8: error: 'serve_cost:' in column 'attribute' names no"
	  " region\n"
	  "t.csv:3:8: error: 'serve_cost' in column 'attribute' must name a"
	  " region: 'serve_cost:REGION'\n" },
	{ "3_23_duplicate_row", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1\n"
	  "site,S,grid_mw,1\n"
	  "site,S,pue,1.2\n",
	  "t.csv:4:1: error: duplicate row: site 'S' pue (columns "
	  "'section', 'name', 'attribute') is already set on line 2\n" },
	/* with 'value' empty, that error alone (2026-12-07: "the row sets
	 * nothing" came first, though the row sets a cell) */
	{ "3_24_cell_on_scalar_only", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,,1.3\n",
	  "t.csv:2:13: error: '1.3' in column '2025Q1' is a quarter cell,"
	  " but pue is not a time series: give it in 'value'\n" },
	{ "3_24_cell_on_scalar", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1,,1.2\n",
	  "t.csv:2:15: error: '1.2' in column '2025Q2' is a quarter cell,"
	  " but pue is not a time series: give it in 'value'\n" },
	{ "3_25_sets_nothing", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,\n"
	  "site,S,grid_mw\n",
	  "t.csv:2:12: error: the row sets nothing: site 'S' pue has an"
	  " empty 'value'\n"
	  "t.csv:3:1: error: the row sets nothing: site 'S' grid_mw has an"
	  " empty 'value' and no quarter cell\n" },
	{ "3_26_not_a_number", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,abc\n"
	  "site,S,grid_mw,,1,\"1,5\"\n"
	  "site,T,pue,5%\n"
	  "site,U,grid_mw,\"30,000\"\n"
	  "site,U,initial_it_mw,$3700\n"
	  "site,X,initial_it_mw,\"$1,200\"\n"
	  "site,Y,initial_it_mw,\"0,850\"\n"
	  "site,U,load_factor,80\n"
	  "site,V,load_factor,1.2\n"
	  "site,W,pue,1.25\xc2\xa0\n"
	  "site,W,grid_mw,1.25\xc2\xa0\n", /* warned of once */
	  "t.csv:2:12: error: 'abc' in column 'value' is not a number\n"
	  "t.csv:3:19: error: '1,5' in column '2025Q2' is not a number (the "
	  "decimal mark is '.': 1.5)\n"
	  "t.csv:4:12: error: '5%' in column 'value' is not a number (5% is "
	  "0.05)\n"
	  "t.csv:5:16: error: '30,000' in column 'value' is not a number (no "
	  "thousands separators: 30000)\n"
	  "t.csv:6:22: error: '$3700' in column 'value' is not a number (no "
	  "currency signs: 3700)\n"
	  "t.csv:7:22: error: '$1,200' in column 'value' is not a number (no "
	  "currency signs; no thousands separators: 1200)\n"
	  "t.csv:8:22: error: '0,850' in column 'value' is not a number (the "
	  "decimal mark is '.': 0.850)\n"
	  "t.csv:9:20: error: '80' in column 'value' must be between 0 and 1 "
	  "(80% is 0.8)\n"
	  "t.csv:10:20: error: '1.2' in column 'value' must be between 0 and "
	  "1\n"
	  "t.csv:11:12: warning: '1.25\xc2\xa0' in column 'value' holds a "
	  "non-breaking space (U+00A0), which is not a blank\n"
	  "t.csv:11:12: error: '1.25\xc2\xa0' in column 'value' is not a "
	  "number\n"
	  "t.csv:12:16: error: '1.25\xc2\xa0' in column 'value' is not a "
	  "number\n" },
	{ "3_27_not_finite", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,grid_mw,1e999\n",
	  "t.csv:2:16: error: '1e999' in column 'value' is not a finite"
	  " number\n" },
	{ "3_28_negative_cell", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,grid_mw,,1,-3\n",
	  "t.csv:2:19: error: '-3' in column '2025Q2' must be >= 0\n" },
	{ "3_29_ranges", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,0.9\n"
	  "site,S,load_factor,1.5\n"
	  "platform,A,kw_per_rack,0\n"
	  "platform,A,compute_per_rack,1\n"
	  "plan,,discount_rate,-1\n"
	  "uncertainty,grid:S,delay_probability,2\n",
	  "t.csv:2:12: error: '0.9' in column 'value' must be >= 1\n"
	  "t.csv:3:20: error: '1.5' in column 'value' must be between 0 and"
	  " 1\n"
	  "t.csv:4:24: error: '0' in column 'value' must be > 0\n"
	  "t.csv:6:21: error: '-1' in column 'value' must be > -1\n"
	  "t.csv:7:38: error: '2' in column 'value' must be between 0 and"
	  " 1\n" },
	{ "3_30_integers", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "product,P,lead_quarters,2.5\n"
	  "product,Q,lead_quarters,-1\n"
	  "plan,,seed,4294967296\n"
	  "plan,,scenarios,1e9\n"
	  "option,K,committed,2\n"
	  "option,K,target,site:S\n"
	  "option,K,capacity,1\n"
	  "site,S,pue,1\n",
	  "t.csv:2:25: error: '2.5' in column 'value' must be a whole"
	  " number\n"
	  "t.csv:3:25: error: '-1' in column 'value' must be >= 0\n"
	  "t.csv:4:12: error: '4294967296' in column 'value' must be at most"
	  " 4294967295\n"
	  "t.csv:6:20: error: '2' in column 'value' must be 0 or 1\n" },
	/* at most the 10^9 of --scenarios (2026-12-07: 2^31 - 1) */
	{ "3_30_scenarios_cap", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "plan,,scenarios,1000000001\n",
	  "t.csv:2:17: error: '1000000001' in column 'value' must be at most"
	  " 1000000000\n" },
	{ "3_31_bad_names", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,,pue,1\n"
	  "site,*,pue,1\n"
	  "plan,x,seed,1\n"
	  "uncertainty,Korea,volatility,1\n"
	  "uncertainty,demnd:R,volatility,1\n"
	  "uncertainty,demand:,volatility,1\n"
	  "uncertainty,grid:*,delay_quarters,1\n"
	  "region,R,demand,0\n",
	  "t.csv:2:6: error: empty name in column 'name'\n"
	  "t.csv:3:6: error: '*' in column 'name' is not a valid name\n"
	  "t.csv:4:6: error: 'x' in column 'name': plan rows have no name"
	  " (leave it empty)\n"
	  "t.csv:5:13: error: 'Korea' in column 'name' is not an uncertainty"
	  " name: write demand:REGION, demand:*, energy_price:SITE,"
	  " energy_price:* or grid:SITE\n"
	  "t.csv:6:13: error: unknown uncertainty 'demnd:R' in column 'name'"
	  " (did you mean 'demand:R'?)\n"
	  "t.csv:7:13: error: 'demand:' in column 'name' names no region\n"
	  "t.csv:8:13: error: 'grid:*' in column 'name': grid delays are per"
	  " site (grid:SITE)\n" },
	{ "3_32_unknown_entities", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,Pohang,pue,1\n"
	  "region,Korea,demand,0\n"
	  "option,K,target,site:Pohnag\n"
	  "option,K,capacity,1\n"
	  "option,K,requires,L\n"
	  "site,Pohang,serve_cost:Koera,1\n"
	  "uncertainty,demand:Korae,volatility,1\n"
	  "uncertainty,grid:Pohan,delay_quarters,1\n",
	  "t.csv:4:17: error: unknown site 'Pohnag' in column 'value' (did"
	  " you mean 'Pohang'?)\n"
	  "t.csv:6:19: error: unknown option 'L' in column 'value'\n"
	  "t.csv:7:13: error: unknown region 'Koera' in column 'attribute'"
	  " (did you mean 'Korea'?)\n"
	  "t.csv:8:13: error: unknown region 'Korae' in column 'name' (did"
	  " you mean 'Korea'?)\n"
	  "t.csv:9:13: error: unknown site 'Pohan' in column 'name' (did you"
	  " mean 'Pohang'?)\n" },
	{ "3_33_serve_cost_region_not_defined", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,serve_cost:Seoul,1\n",
	  "t.csv:2:8: error: unknown region 'Seoul' in column 'attribute'\n" },
	{ "3_34_target_kind", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1\n"
	  "option,K,target,plant:S\n"
	  "option,K,capacity,1\n"
	  "option,L,target,S\n"
	  "option,L,capacity,1\n"
	  "option,M,target,site:\n"
	  "option,M,capacity,1\n",
	  "t.csv:3:17: error: unknown target kind 'plant' in column 'value':"
	  " write site:SITE, grid:SITE or fab:FAB\n"
	  "t.csv:5:17: error: 'S' in column 'value' is not a target: write"
	  " site:SITE, grid:SITE or fab:FAB\n"
	  "t.csv:7:17: error: 'site:' in column 'value' names no site\n" },
	{ "3_35_requires_cycle", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1\n"
	  "option,A,requires,C\n"
	  "option,B,requires,A\n"
	  "option,C,requires,B\n"
	  "option,A,target,site:S\n"
	  "option,A,capacity,1\n"
	  "option,B,target,site:S\n"
	  "option,B,capacity,1\n"
	  "option,C,target,site:S\n"
	  "option,C,capacity,1\n"
	  "option,D,target,site:S\n"
	  "option,D,capacity,1\n"
	  "option,D,requires,D\n",
	  "t.csv:5:19: error: 'B' in column 'value' closes a requires cycle:"
	  " option 'C' requires 'B', which requires 'A', which requires"
	  " 'C'\n"
	  "t.csv:14:19: error: 'D' in column 'value' closes a requires cycle:"
	  " option 'D' requires 'D'\n" },
	{ "3_36_committed_requires", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1\n"
	  "option,A,target,site:S\n"
	  "option,A,capacity,1\n"
	  "option,B,target,site:S\n"
	  "option,B,capacity,1\n"
	  "option,B,committed,1\n"
	  "option,B,requires,A\n"
	  "option,C,target,site:S\n"
	  "option,C,capacity,1\n"
	  "option,C,committed,1\n"
	  "option,C,earliest,2025Q3\n"
	  "option,D,target,site:S\n"
	  "option,D,capacity,1\n"
	  "option,D,committed,1\n"
	  "option,D,earliest,2025Q2\n"
	  "option,D,requires,C\n",
	  "t.csv:8:19: error: 'A' in column 'value': committed option 'B'"
	  " requires 'A', which is not committed\n"
	  "t.csv:17:19: error: 'C' in column 'value': committed option 'D'"
	  " (online from 2025Q2) requires 'C', which is online only from"
	  " 2025Q3\n" },
	{ "3_37_demand_without_penalty", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "region,R,demand,,0,,5\n",
	  "t.csv:2:21: error: region 'R' has demand ('5' in column '2025Q3')"
	  " but no unserved_penalty\n" },
	{ "3_38_contract_without_penalty", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "product,P,contract,2\n",
	  "t.csv:2:20: error: product 'P' has a contract ('2' in column"
	  " 'value') but no shortfall_penalty\n" },
	{ "3_39_platform_required", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "platform,A,rack_cost,1\n"
	  "platform,A,kw_per_rack,1\n",
	  "t.csv:2:1: error: platform 'A' has no compute_per_rack"
	  " (required)\n" },
	{ "3_40_option_required", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "option,K,opex,1\n",
	  "t.csv:2:1: error: option 'K' has no target (required)\n"
	  "t.csv:2:1: error: option 'K' has no capacity (required)\n" },
	{ "3_41_initial_racks_it", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "platform,A,kw_per_rack,100\n"
	  "platform,A,compute_per_rack,1\n"
	  "site,S,grid_mw,100\n"
	  "site,S,initial_it_mw,10\n"
	  "site,S,initial_racks:A,125\n"
	  "option,K,target,site:S\n"
	  "option,K,capacity,5\n"
	  "option,K,lead_quarters,2\n",
	  "t.csv:6:1: error: site 'S' in 2025Q1: initial racks need 12.5 MW"
	  " of IT space, at most 10 MW is available\n" },
	/* 6 digits would print the two equal (5.28 and 5.28) */
	{ "3_41b_initial_racks_digits", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "platform,A,kw_per_rack,100\n"
	  "platform,A,compute_per_rack,1\n"
	  "site,S,grid_mw,100\n"
	  "site,S,initial_it_mw,5.27999999\n"
	  "site,S,initial_racks:A,52.8\n",
	  "t.csv:6:1: error: site 'S' in 2025Q1: initial racks need 5.28 MW"
	  " of IT space, at most 5.27999999 MW is available\n" },
	/* 2026-12-06: every error of a file, the racks too, where the
	 * other errors lie on rows the check does not read (a region's);
	 * not where one could make a capacity read short (a site's pue, an
	 * option row of a misspelt section) */
	{ "3_41c_initial_racks_and_region", -65,
	  RACKS_125
	  "region,R,demand,5\n"
	  "region,R,unserved_penalty,x\n",
	  "t.csv:6:1: error: site 'S' in 2025Q1: initial racks need 12.5 MW"
	  " of IT space, at most 10 MW is available\n"
	  "t.csv:8:27: error: 'x' in column 'value' is not a number\n" },
	{ "3_41d_initial_racks_not_after_site", -65,
	  RACKS_125
	  "site,S,pue,x\n",
	  "t.csv:7:12: error: 'x' in column 'value' is not a number\n" },
	{ "3_41e_initial_racks_not_after_lost_row", -65,
	  RACKS_125
	  "option,K,target,site:S\n"
	  "optoin,K,capacity,5\n",
	  "t.csv:8:1: error: unknown section 'optoin' in column 'section' "
	  "(did you mean 'option'?)\n" },
	/* 2026-12-07: a region row dropped for its error (an unknown
	 * attribute, a duplicate) is still a region's: the racks check
	 * reports beside it; a site row dropped so holds it back */
	{ "3_41f_initial_racks_and_dropped_region", -65,
	  RACKS_125
	  "region,R,demand,5\n"
	  "region,R,unserved_penalty,9\n"
	  "region,R,holding,1\n"
	  "region,R,demand,6\n",
	  "t.csv:6:1: error: site 'S' in 2025Q1: initial racks need 12.5 MW"
	  " of IT space, at most 10 MW is available\n"
	  "t.csv:9:10: error: unknown attribute 'holding' for section "
	  "'region' in column 'attribute'\n"
	  "t.csv:10:1: error: duplicate row: region 'R' demand (columns "
	  "'section', 'name', 'attribute') is already set on line 7\n" },
	{ "3_41g_initial_racks_not_after_dropped_site", -65,
	  RACKS_125
	  "site,S,initial_itmw,20\n",
	  "t.csv:7:8: error: unknown attribute 'initial_itmw' for section "
	  "'site' in column 'attribute' (did you mean 'initial_it_mw'?)\n" },
	/* ... but not beside a site's attribute written on a region row
	 * (meant for the site, as near as misspelt): it waits; an empty
	 * name on a region row is the region's */
	{ "3_41i_initial_racks_not_after_site_attr_on_region", -65,
	  RACKS_125
	  "region,S,initial_it_mw,20\n"
	  "region,S,initial_itmw,20\n",
	  "t.csv:7:10: error: unknown attribute 'initial_it_mw' for section "
	  "'region' in column 'attribute' ('initial_it_mw' is an attribute "
	  "of section 'site')\n"
	  "t.csv:8:10: error: unknown attribute 'initial_itmw' for section "
	  "'region' in column 'attribute'\n" },
	{ "3_41k_attribute_of_two_sections", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "region,R,lead_quarters,2\n",
	  "t.csv:2:10: error: unknown attribute 'lead_quarters' for section "
	  "'region' in column 'attribute' ('lead_quarters' is an attribute "
	  "of section 'product' or 'option')\n" },
	{ "3_41j_initial_racks_and_empty_region_name", -65,
	  RACKS_125
	  "region,,demand,5\n",
	  "t.csv:6:1: error: site 'S' in 2025Q1: initial racks need 12.5 MW"
	  " of IT space, at most 10 MW is available\n"
	  "t.csv:7:8: error: empty name in column 'name'\n" },
	/* FORMAT.md: a quarter count is any non-negative integer; the
	 * warning quotes the lead as written (2026-12-07: over 1e6 was
	 * out of range) */
	{ "3_41h_counts_past_1e6", 0,
	  "section,name,attribute,value,2025Q1,2025Q2\n"
	  "site,S,pue,1\n"
	  "option,K,target,site:S\n"
	  "option,K,capacity,1\n"
	  "option,K,lead_quarters,2e9\n"
	  "product,P,lead_quarters,1e300\n"
	  "uncertainty,grid:S,delay_quarters,4294967296\n",
	  "t.csv:5:24: warning: option 'K' can never be online within the "
	  "horizon 2025Q1-2025Q2 (earliest 2025Q1, lead_quarters 2e9): it is "
	  "left out of the plan\n" },
	{ "3_42_initial_racks_grid", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "platform,A,kw_per_rack,100\n"
	  "platform,A,compute_per_rack,1\n"
	  "site,S,initial_it_mw,100\n"
	  "site,S,pue,1.3\n"
	  "site,S,grid_mw,50,,,30\n"
	  "site,S,initial_racks:A,318\n",
	  "t.csv:7:1: error: site 'S' in 2025Q3: initial racks draw 41.34 MW"
	  " of grid with PUE 1.3, at most 30 MW is available\n" },
	{ "3_43_warnings", 0,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "plan,,discount_rate,8\n"
	  "site,S,pue,1\n"
	  "option,K,target,site:S\n"
	  "option,K,capacity,1\n"
	  "option,K,earliest,2027Q1\n"
	  "option,L,target,site:S\n"
	  "option,L,capacity,1\n"
	  "option,L,lead_quarters,4\n"
	  "option,M,target,site:S\n"
	  "option,M,capacity,1\n"
	  "option,M,committed,1\n"
	  "option,M,earliest,2026Q1\n"
	  "option,N,target,site:S\n"
	  "option,N,capacity,1\n"
	  "option,N,lead_quarters,3\n",
	  "t.csv:2:21: warning: '8' in column 'value': a discount rate of 8"
	  " is 800% a year; a percent typed as a number? (8% is 0.08)\n"
	  "t.csv:6:19: warning: option 'K' can never be online within the"
	  " horizon 2025Q1-2025Q4 (earliest 2027Q1, lead_quarters 0): it is"
	  " left out of the plan\n"
	  "t.csv:9:24: warning: option 'L' can never be online within the"
	  " horizon 2025Q1-2025Q4 (earliest 2025Q1, lead_quarters 4): it is"
	  " left out of the plan\n"
	  "t.csv:13:19: warning: committed option 'M' comes online in"
	  " 2026Q1, after the horizon 2025Q1-2025Q4: it is left out of the"
	  " plan\n" },
	{ "3_44_uncertainty_attributes", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,1\n"
	  "region,R,demand,0\n"
	  "uncertainty,demand:R,correlation,0.1\n"
	  "uncertainty,grid:S,volatility,0.1\n"
	  "uncertainty,energy_price:*,delay_quarters,1\n"
	  "uncertainty,demand:*,delay,1\n",
	  "t.csv:4:22: error: 'correlation' in column 'attribute' applies"
	  " only to 'demand:*' and 'energy_price:*', not to 'demand:R'\n"
	  "t.csv:5:20: error: 'volatility' in column 'attribute' does not"
	  " apply to 'grid:S': grid delays take delay_probability and"
	  " delay_quarters\n"
	  "t.csv:6:28: error: 'delay_quarters' in column 'attribute' applies"
	  " only to grid:SITE names, not to 'energy_price:*'\n"
	  "t.csv:7:22: error: unknown attribute 'delay' for section"
	  " 'uncertainty' in column 'attribute'\n" },
	{ "3_45_star_in_base", -65,
	  "section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	  "site,S,pue,*2\n",
	  "t.csv:2:12: error: '*2' in column 'value' is not a number ('*F'"
	  " scaling is for what-if files)\n" },
	{ "3_47_no_follow_on", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "platfrom,A,kw_per_rack,1\n"
	  "platform,A,compute_per_rack,1\n"
	  "platform,B,kw_per_rak,1\n"
	  "platform,B,compute_per_rack,1\n"
	  "platform,C,compute_per_rack,1\n"
	  "platform,D,rack_cots,1\n"
	  "platform,D,compute_per_rack,1\n",
	  /* no "platform 'A' has no kw_per_rack": it is in the misspelt
	   * row, as B's; C has none, nor D, whose misspelt row is another */
	  "t.csv:2:1: error: unknown section 'platfrom' in column 'section'"
	  " (did you mean 'platform'?)\n"
	  "t.csv:4:12: error: unknown attribute 'kw_per_rak' for section"
	  " 'platform' in column 'attribute' (did you mean 'kw_per_rack'?)\n"
	  "t.csv:6:1: error: platform 'C' has no kw_per_rack (required)\n"
	  "t.csv:7:1: error: platform 'D' has no kw_per_rack (required)\n"
	  "t.csv:7:12: error: unknown attribute 'rack_cots' for section"
	  " 'platform' in column 'attribute' (did you mean 'rack_cost'?)\n" },
	/* nor "has demand but no unserved_penalty" when the penalty is in
	 * a misspelt row (R's, S's); T has none */
	{ "3_47b_no_follow_on_penalty", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "region,R,demand,5\n"
	  "region,R,unserved_penalti,9\n"
	  "regoin,S,unserved_penalty,9\n"
	  "region,S,demand,5\n"
	  "region,T,demand,5\n"
	  "product,P,contract,2\n"
	  "product,P,shortfall_penalti,9\n",
	  "t.csv:3:10: error: unknown attribute 'unserved_penalti' for"
	  " section 'region' in column 'attribute' (did you mean"
	  " 'unserved_penalty'?)\n"
	  "t.csv:4:1: error: unknown section 'regoin' in column 'section'"
	  " (did you mean 'region'?)\n"
	  "t.csv:6:17: error: region 'T' has demand ('5' in column 'value')"
	  " but no unserved_penalty\n"
	  "t.csv:8:11: error: unknown attribute 'shortfall_penalti' for"
	  " section 'product' in column 'attribute' (did you mean"
	  " 'shortfall_penalty'?)\n" },
	/* nor when the row is left out for a CSV error after its key
	 * fields (2026-12-08: "platform 'A' has no kw_per_rack" at line 3,
	 * and a region's missing penalty); B's error is in its attribute
	 * field, so B's missing kw_per_rack stands */
	{ "3_47c_no_follow_on_csv", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "platform,A,kw_per_rack,1\"3\n"
	  "platform,A,compute_per_rack,1\n"
	  "region,\"R, \"\"x\"\"\",unserved_penalty,9\xff\n"
	  "region,\"R, \"\"x\"\"\",demand,5\n"
	  "platform,B,kw_per\"rack,1\n"
	  "platform,B,compute_per_rack,1\n",
	  "t.csv:2:24: error: '\"' inside an unquoted field in column "
	  "'value': put the whole field in quotes and double the '\"'\n"
	  "t.csv:4:36: error: '9\\xff' in column 'value' holds the invalid "
	  "UTF-8 byte 0xff: the file is not UTF-8 text\n"
	  "t.csv:6:12: error: '\"' inside an unquoted field in column "
	  "'attribute': put the whole field in quotes and double the '\"'\n"
	  "t.csv:7:1: error: platform 'B' has no kw_per_rack (required)\n" },
	/* the least number (1e-150) is for numbers of the model: a plan
	 * setting or a volatility may be smaller (2026-12-08, a review:
	 * mip_gap 1e-200 was an error); a holding cost may not */
	{ "3_47e_tiny_settings", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "plan,,mip_gap,1e-200\n"
	  "plan,,discount_rate,1e-160\n"
	  "region,R,demand,1\n"
	  "region,R,unserved_penalty,1\n"
	  "uncertainty,demand:*,volatility,1e-300\n"
	  "product,P,holding_cost,1e-160\n",
	  "t.csv:7:24: error: '1e-160' in column 'value' must be 0 or at "
	  "least 1e-150 (state it in smaller units)\n" },
	/* DEL and a C1 control (U+009B acts as ESC [ on some terminals) are
	 * escaped too (2026-12-08, a review) */
	{ "3_47f_c1_controls", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "region,\"R\xc2\x9b" "2J\x7f\",demand,5\n",
	  "t.csv:2:23: error: region 'R\\u009b2J\\x7f' has demand ('5' in "
	  "column 'value') but no unserved_penalty\n" },
	/* a byte-order mark inside the file (two files joined) is named,
	 * not shown as nothing (2026-12-08: "unknown section 'site'") */
	{ "3_47d_bom_inside", -65,
	  "section,name,attribute,value,2025Q1\n"
	  "site,S,pue,1.2\n"
	  "\xef\xbb\xbfsite,T,pue,1.2\n",
	  "t.csv:3:1: error: unknown section '\\ufeffsite' in column "
	  "'section' (did you mean 'site'?)\n" },
	{ "3_46_label_hints", -65,
	  "section,name,attribute,value,2025Q1,Q2 2025\n"
	  "region,A,demand,0\n"
	  "plan,,seed,1\n"
	  "platform,A,first_quarter,2025q2\n"
	  "platform,A,kw_per_rack,1\n"
	  "platform,A,compute_per_rack,1\n"
	  "platform,B,first_quarter,2025-Q3\n"
	  "platform,B,kw_per_rack,1\n"
	  "platform,B,compute_per_rack,1\n",
	  "t.csv:1:37: error: 'Q2 2025' in the header is not a quarter label"
	  " (YYYYQn, n from 1 to 4) (did you mean '2025Q2'?)\n"
	  "t.csv:4:26: error: '2025q2' in column 'value' is not a quarter"
	  " label (YYYYQn, e.g. 2025Q3) (did you mean '2025Q2'?)\n"
	  "t.csv:7:26: error: '2025-Q3' in column 'value' is not a quarter"
	  " label (YYYYQn, e.g. 2025Q3) (did you mean '2025Q3'?)\n" },
};

static void load_3_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ecases / sizeof *ecases; i++) {
		sg_plan *p = NULL;
		char *err;
		int rc = load_text(ecases[i].csv, &p, &err);
		if (strcmp(err, ecases[i].err) != 0 || rc != ecases[i].rc)
			fail_msg("case %s: rc %d, stderr:\n%s\nexpected rc %d, "
				 "stderr:\n%s", ecases[i].name, rc, err,
				 ecases[i].rc, ecases[i].err);
		assert_true(rc == 0 ? p != NULL : p == NULL);
		sg_plan_free(p);
		free(err);
	}
}

/* NUL bytes, which a C string cannot hold: at the field, and a header
 * that is not text (UTF-16) is one error, nothing more */
static void load_3_nul(void **state)
{
	static const char csv[] = HDR "site,S,pue,1\0\n",
		utf16[] = "\xff\xfes\0e\0c\0,\0\n\0s\0i\0t\0e\0\n\0";
	static const struct {
		const char *csv;
		size_t len;
		const char *err;
	} c[] = {
		{ csv, sizeof csv - 1, "t.csv:2:12: error: '1\\x00' in column "
		  "'value' holds a NUL byte: the file is not text\n" },
		{ utf16, sizeof utf16 - 1, "t.csv:1:1: error: '\\xff\\xfes"
		  "\\x00e\\x00c\\x00' holds the invalid UTF-8 byte 0xff: the "
		  "file is not UTF-8 text\n" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		sg_diag *dg = sg_diag_new();
		sg_plan *p = (sg_plan *)1;
		assert_int_equal(sg_plan_load(c[i].csv, c[i].len, "t.csv", dg,
					      &p), SG_EDATA);
		assert_null(p);
		char *err = diag_text(dg);
		assert_string_equal(err, c[i].err);
		free(err);
		sg_diag_free(dg);
	}
}

/* all errors are reported, sorted, at most 50 per file */
static void load_3_many_errors(void **state)
{
	size_t cap = 100000, n;
	char *csv = malloc(cap), *err, *last;
	sg_plan *p;
	int i, lines = 0;

	(void)state;
	n = (size_t)snprintf(csv, cap, HDR);
	for (i = 0; i < 60; i++)
		n += (size_t)snprintf(csv + n, cap - n, "site,S%d,pue,x\n", i);
	assert_int_equal(load_text(csv, &p, &err), SG_EDATA);
	for (last = err; (last = strchr(last, '\n')); last++)
		lines++;
	assert_int_equal(lines, 51);
	assert_non_null(strstr(err, "t.csv:2:13: error: 'x' in column 'value'"
			       " is not a number\n"));
	assert_non_null(strstr(err, "t.csv:51:14: error:"));
	assert_null(strstr(err, "t.csv:52:"));
	assert_non_null(strstr(err, "\nt.csv: note: 10 more errors\n"));
	free(err);
	free(csv);
}

/* odd bytes and shapes must not crash or leak (the fuzzer does more) */
static void load_3_robust(void **state)
{
	static const char *odd[] = {
		"\"", "\"\"", ",", "\n\n\n", "\xef\xbb\xbf", "\xef\xbb",
		"section", "#", "\r", "\r\r\n", "a,\"b\nc", "\xc3",
		"\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xc0\xaf",
		HDR "site,S,pue,1\r", HDR "\"site\",\"S\",\"pue\",\"1\"",
		HDR "site,S,grid_mw,,1,2,3,4,5",
		"section,name,attribute,value,9999Q4\nregion,R,demand,1\n",
		"section,name,attribute,value,0000Q1\n"
		"platform,A,first_quarter,9999Q4\n",
		HDR "option,A,requires,A\noption,A,target,grid:S\n",
		HDR "uncertainty,demand:*,volatility,*2\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof odd / sizeof *odd; i++) {
		sg_plan *p = NULL;
		char *err;
		load_text(odd[i], &p, &err);
		sg_plan_free(p);
		free(err);
	}
}

/* ---- 4.x what-if ------------------------------------------------------ */

static const char wbase[] =
	"section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	"site,S,grid_mw,10,,20\n"
	"site,S,pue,1.25\n"
	"site,S,energy_price,,1,2,3,4\n"
	"site,S,initial_it_mw,4\n"
	"region,R,demand,5\n"
	"region,R,unserved_penalty,100\n"
	"option,O,target,site:S\n"
	"option,O,capacity,10\n"
	"option,O,lead_quarters,1\n"
	"uncertainty,demand:*,volatility,0.1\n"
	"product,P,holding_cost,1\n";

static const struct ecase wcases[] = {
	{ "4_01_valid", 0,
	  "section,name,attribute,value,2025Q2,2025Q3\n"
	  "site,S,grid_mw,,,*2\n"
	  "site,S,pue,1.5\n"
	  "site,S,energy_price,*1.5\n"
	  "site,T,pue,1.2\n"
	  "region,R,demand,,8\n"
	  "site,S,load_factor,*0.5\n"
	  "uncertainty,demand:R,volatility,*2\n"
	  "option,O,capacity,*1.5\n"
	  "region,R2,demand,0\n"
	  "site,S,initial_it_mw,*1\n",
	  "w.csv:11:22: warning: '*1' in column 'value' changes nothing in"
	  " site 'S' initial_it_mw\n" },
	{ "4_02_quarter_not_in_base", -65,
	  "section,name,attribute,value,2025Q1,2027Q1,2025Q1\n",
	  "w.csv:1:37: error: quarter column '2027Q1' in the header is not"
	  " in the base horizon 2025Q1-2025Q4\n"
	  "w.csv:1:44: error: duplicate quarter column '2025Q1' in the"
	  " header\n" },
	{ "4_02b_quarters_ascend", -65,
	  "section,name,attribute,value,2025Q1,2025Q4,2025Q2,2025Q3\n",
	  "w.csv:1:44: error: quarter column '2025Q2' in the header comes"
	  " after '2025Q4': quarters must ascend\n"
	  "w.csv:1:51: error: quarter column '2025Q3' in the header comes"
	  " after '2025Q4': quarters must ascend\n" },
	{ "4_03_star_rules", -65,
	  "section,name,attribute,value,2025Q3,2025Q4\n"
	  "site,T,pue,*2\n"
	  "option,O,lead_quarters,*2\n"
	  "option,O,earliest,*2\n"
	  "option,O,requires,*2\n"
	  "plan,,mip_gap,*2\n"
	  "site,S,energy_price,*2,5\n"
	  "site,S,pue,*-1\n"
	  "site,S,initial_it_mw,*x\n"
	  "site,S,grid_mw,,*1e999\n",
	  "w.csv:2:12: error: '*2' in column 'value': site 'T' is new in"
	  " this what-if, so it has no base value to scale\n"
	  "w.csv:3:24: error: '*2' in column 'value': lead_quarters cannot"
	  " be scaled ('*F' applies to quantities, not to integers)\n"
	  "w.csv:4:19: error: '*2' in column 'value': earliest cannot be"
	  " scaled ('*F' applies to quantities, not to quarter labels)\n"
	  "w.csv:5:19: error: '*2' in column 'value': requires cannot be"
	  " scaled ('*F' applies to quantities, not to names)\n"
	  "w.csv:6:15: error: '*2' in column 'value': mip_gap cannot be"
	  " scaled ('*F' applies to quantities, not to plan settings)\n"
	  "w.csv:7:24: error: '5' in column '2025Q3': the row scales its"
	  " value ('*2'), so it cannot also set quarter cells\n"
	  "w.csv:8:12: error: '*-1' in column 'value' is not a factor: write"
	  " *F with F a number >= 0\n"
	  "w.csv:9:22: error: '*x' in column 'value' is not a factor: write"
	  " *F with F a number >= 0\n"
	  "w.csv:10:17: error: '*1e999' in column '2025Q3' is not a factor:"
	  " write *F with F a number >= 0\n" },
	{ "4_04_dup_and_empty", -65,
	  "section,name,attribute,value,2025Q3,2025Q4\n"
	  "site,S,pue,1.3\n"
	  "site,S,pue,1.4\n"
	  "site,S,initial_it_mw,\n",
	  "w.csv:3:1: error: duplicate row: site 'S' pue (columns "
	  "'section', 'name', 'attribute') is already set on line 2\n"
	  "w.csv:4:22: error: the row sets nothing: site 'S' initial_it_mw"
	  " has an empty 'value'\n" },
	{ "4_05_merged_errors", -65,
	  "section,name,attribute,value,2025Q3,2025Q4\n"
	  "site,S,pue,*0.5\n"
	  "region,R2,demand,,1\n"
	  "site,S,grid_mw,,-1\n"
	  "option,O,target,site:X\n",
	  "w.csv:2:12: error: '*0.5' in column 'value' must be >= 1 (it"
	  " gives 0.625)\n"
	  "w.csv:3:19: error: region 'R2' has demand ('1' in column '2025Q3')"
	  " but no unserved_penalty\n"
	  "w.csv:4:17: error: '-1' in column '2025Q3' must be >= 0\n"
	  "w.csv:5:17: error: unknown site 'X' in column 'value'\n" },
	{ "4_06_unchanged", 0,
	  "section,name,attribute,value,2025Q3,2025Q4\n"
	  "site,S,grid_mw,,20,20\n"
	  "site,S,pue,1.25\n"
	  "site,S,energy_price,7,3\n" /* 7: every quarter has a cell */
	  "region,R,demand,*1\n"
	  "option,O,target,site:S\n"
	  "site,S,load_factor,1\n"
	  "uncertainty,demand:R,volatility,0.1\n"
	  "product,P,contract,,0\n", /* an empty field writes nothing */
	  "w.csv:2:17: warning: '20' in column '2025Q3' changes nothing in"
	  " site 'S' grid_mw\n"
	  "w.csv:2:20: warning: '20' in column '2025Q4' changes nothing in"
	  " site 'S' grid_mw\n"
	  "w.csv:3:12: warning: '1.25' in column 'value' changes nothing in"
	  " site 'S' pue\n"
	  "w.csv:4:21: warning: '7' in column 'value' changes nothing in"
	  " site 'S' energy_price: its first quarter has a cell, so 'value'"
	  " is never read (set the cells, or scale them all with '*F')\n"
	  "w.csv:4:23: warning: '3' in column '2025Q3' changes nothing in"
	  " site 'S' energy_price\n"
	  "w.csv:5:17: warning: '*1' in column 'value' changes nothing in"
	  " region 'R' demand\n"
	  "w.csv:6:17: warning: 'site:S' in column 'value' changes nothing"
	  " in option 'O' target\n"
	  "w.csv:7:20: warning: '1' in column 'value' changes nothing in"
	  " site 'S' load_factor\n"
	  "w.csv:8:33: warning: '0.1' in column 'value' changes nothing in"
	  " uncertainty 'demand:R' volatility\n"
	  "w.csv:9:21: warning: '0' in column '2025Q3' changes nothing in"
	  " product 'P' contract\n" },
	/* (2026-12-07) a 'value' never read and a first cell that both set
	 * 30: the cell changes the base's 10, and only 'value' is said to
	 * change nothing (both were) */
	{ "4_06b_value_and_first_cell", 0,
	  "section,name,attribute,value,2025Q1\n"
	  "site,S,grid_mw,30,30\n",
	  "w.csv:2:16: warning: '30' in column 'value' changes nothing in"
	  " site 'S' grid_mw: its first quarter has a cell, so 'value' is"
	  " never read (set the cells, or scale them all with '*F')\n" },
	{ "4_07_racks", -65,
	  "section,name,attribute,value,2025Q4\n"
	  "platform,A,kw_per_rack,100\n"
	  "platform,A,compute_per_rack,1\n"
	  "site,S,initial_racks:A,50\n",
	  "w.csv:4:1: error: site 'S' in 2025Q1: initial racks need 5 MW of"
	  " IT space, at most 4 MW is available\n" },
	{ "4_08_star_name", -65,
	  "section,name,attribute,value\n"
	  "region,*,demand,*1.2\n",
	  "w.csv:2:8: error: '*' in column 'name' is not a valid name (a"
	  " what-if row sets one entity: a row for each, e.g. with '*F' in"
	  " value)\n" },
};

static void load_4_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof wcases / sizeof *wcases; i++) {
		sg_plan *p = NULL;
		char *err;
		int rc = load_whatif(wbase, wcases[i].csv, &p, &err);
		if (strcmp(err, wcases[i].err) != 0 || rc != wcases[i].rc)
			fail_msg("case %s: rc %d, stderr:\n%s\nexpected rc %d, "
				 "stderr:\n%s", wcases[i].name, rc, err,
				 wcases[i].rc, wcases[i].err);
		sg_plan_free(p);
		free(err);
	}
}

/* replace, add a row, new entities, *F on scalar, series and cell */
static void load_4_merge_values(void **state)
{
	static const double g[] = { 10, 20, 40, 40 }, e[] = { 1.5, 3, 4.5, 6 },
			    d[] = { 5, 8, 8, 8 };
	sg_plan *p = NULL;
	char *err;

	(void)state;
	assert_int_equal(load_whatif(wbase, wcases[0].csv, &p, &err), 0);
	free(err);
	assert_int_equal(p->nsite, 2);
	assert_string_equal(p->site[1].name, "T");
	assert_string_equal(p->site[1].loc.file, "w.csv");
	assert_string_equal(p->site[0].loc.file, "b.csv");
	assert_string_equal(p->file, "b.csv");
	assert_series(p->site[0].grid_mw, g, 4);
	assert_series(p->site[0].energy_price, e, 4);
	assert_series(p->reg[0].demand, d, 4);
	assert_double_equal(p->site[0].pue, 1.5, 0);
	assert_double_equal(p->site[1].pue, 1.2, 0);
	assert_double_equal(p->site[0].load_factor, 0.5, 0);
	assert_double_equal(p->site[0].initial_it_mw, 4, 0);
	assert_double_equal(p->opt[0].capacity, 15, 0);
	assert_int_equal(p->nreg, 2);
	assert_string_equal(p->reg[1].name, "R2");
	assert_double_equal(p->unc.demand_vol[0], 0.2, 1e-15);
	assert_double_equal(p->unc.demand_vol[1], 0.1, 0);
	assert_int_equal(p->site[1].link[1], 1);
	assert_int_equal(p->nwarn, 1);
	sg_plan_free(p);
}

/* the base alone is unchanged by a what-if load (cases do not
 * accumulate) and an empty what-if changes nothing */
static void load_4_no_accumulation(void **state)
{
	sg_plan *p = NULL;
	char *err;

	(void)state;
	assert_int_equal(load_whatif(wbase, "section,name,attribute,value\n",
				     &p, &err), 0);
	assert_string_equal(err, "");
	assert_double_equal(p->site[0].pue, 1.25, 0);
	assert_int_equal(p->T, 4);
	sg_plan_free(p);
	free(err);
	p = ok_text(wbase);
	assert_double_equal(p->site[0].grid_mw[2], 20, 0);
	sg_plan_free(p);
}

/* a what-if serve_cost row drops the implicit links, with a warning */
static void load_4_links(void **state)
{
	sg_plan *p = NULL;
	char *err;

	(void)state;
	assert_int_equal(load_whatif(wbase, "section,name,attribute,value\n"
				     "region,R2,demand,0\n"
				     "site,S,serve_cost:R2,0\n", &p, &err), 0);
	/* a new link is a change, and the one to R1 goes: a warning */
	assert_string_equal(err, "w.csv:3:8: warning: site 'S' has no "
			    "serve_cost row in the base plan, so it serves "
			    "every region; with this one it serves only the "
			    "regions its serve_cost rows name\n");
	free(err);
	assert_int_equal(p->site[0].has_links, 1);
	assert_int_equal(p->site[0].link[0], 0);
	assert_int_equal(p->site[0].link[1], 1);
	sg_plan_free(p);
	/* rows naming every region keep every link: no warning */
	assert_int_equal(load_whatif(wbase, "section,name,attribute,value\n"
				     "region,R2,demand,0\n"
				     "site,S,serve_cost:R2,0\n"
				     "site,S,serve_cost:R,2\n", &p, &err), 0);
	assert_string_equal(err, "");
	free(err);
	assert_int_equal(p->site[0].link[0], 1);
	assert_int_equal(p->site[0].link[1], 1);
	sg_plan_free(p);
}

/* ---- 5.x sg_plan_write ------------------------------------------------ */

static char *write_text(const sg_plan *p)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	assert_int_equal(sg_plan_write(p, f), 0);
	fclose(f);
	return buf;
}

static void same_vec(const double *a, const double *b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		assert_true(a[i] == b[i]);
}

static void same_plan(const sg_plan *a, const sg_plan *b)
{
	int i;

	assert_int_equal(a->T, b->T);
	assert_int_equal(a->year0, b->year0);
	assert_int_equal(a->q0, b->q0);
	assert_true(a->discount_rate == b->discount_rate);
	assert_true(a->mip_gap == b->mip_gap);
	assert_int_equal(a->seed, b->seed);
	assert_int_equal(a->nfab, b->nfab);
	assert_int_equal(a->nprod, b->nprod);
	assert_int_equal(a->nplat, b->nplat);
	assert_int_equal(a->nsite, b->nsite);
	assert_int_equal(a->nreg, b->nreg);
	assert_int_equal(a->nopt, b->nopt);
	for (i = 0; i < a->nfab; i++) {
		assert_string_equal(a->fab[i].name, b->fab[i].name);
		same_vec(a->fab[i].wafer_capacity, b->fab[i].wafer_capacity,
			 a->T);
		same_vec(a->fab[i].units_per_wafer, b->fab[i].units_per_wafer,
			 a->nprod);
		same_vec(a->fab[i].wafer_cost, b->fab[i].wafer_cost, a->nprod);
	}
	for (i = 0; i < a->nprod; i++) {
		assert_string_equal(a->prod[i].name, b->prod[i].name);
		assert_int_equal(a->prod[i].lead_quarters,
				 b->prod[i].lead_quarters);
		same_vec(a->prod[i].contract, b->prod[i].contract, a->T);
		same_vec(a->prod[i].scheduled_output,
			 b->prod[i].scheduled_output, a->T);
		assert_true(a->prod[i].holding_cost == b->prod[i].holding_cost);
		assert_true(a->prod[i].shortfall_penalty ==
			    b->prod[i].shortfall_penalty);
		assert_true(a->prod[i].initial_inventory ==
			    b->prod[i].initial_inventory);
	}
	for (i = 0; i < a->nplat; i++) {
		assert_string_equal(a->plat[i].name, b->plat[i].name);
		assert_true(a->plat[i].kw_per_rack == b->plat[i].kw_per_rack);
		assert_true(a->plat[i].compute_per_rack ==
			    b->plat[i].compute_per_rack);
		same_vec(a->plat[i].rack_cost, b->plat[i].rack_cost, a->T);
		same_vec(a->plat[i].memory, b->plat[i].memory, a->nprod);
		assert_int_equal(a->plat[i].first_quarter,
				 b->plat[i].first_quarter);
	}
	for (i = 0; i < a->nsite; i++) {
		const sg_site *x = &a->site[i], *y = &b->site[i];
		assert_string_equal(x->name, y->name);
		same_vec(x->grid_mw, y->grid_mw, a->T);
		same_vec(x->energy_price, y->energy_price, a->T);
		assert_true(x->pue == y->pue);
		assert_true(x->load_factor == y->load_factor);
		assert_true(x->initial_it_mw == y->initial_it_mw);
		same_vec(x->initial_racks, y->initial_racks, a->nplat);
		same_vec(x->serve_cost, y->serve_cost, a->nreg);
		assert_int_equal(x->has_links, y->has_links);
		assert_memory_equal(x->link, y->link, (size_t)a->nreg);
		assert_true(a->unc.energy_vol[i] == b->unc.energy_vol[i]);
		assert_true(a->unc.delay_prob[i] == b->unc.delay_prob[i]);
		assert_int_equal(a->unc.delay_quarters[i],
				 b->unc.delay_quarters[i]);
	}
	for (i = 0; i < a->nreg; i++) {
		assert_string_equal(a->reg[i].name, b->reg[i].name);
		same_vec(a->reg[i].demand, b->reg[i].demand, a->T);
		assert_true(a->reg[i].unserved_penalty ==
			    b->reg[i].unserved_penalty);
		assert_true(a->unc.demand_vol[i] == b->unc.demand_vol[i]);
	}
	for (i = 0; i < a->nopt; i++) {
		const sg_option *x = &a->opt[i], *y = &b->opt[i];
		assert_string_equal(x->name, y->name);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->target, y->target);
		assert_true(x->capacity == y->capacity);
		assert_true(x->capex == y->capex);
		assert_true(x->opex == y->opex);
		assert_int_equal(x->earliest, y->earliest);
		assert_int_equal(x->lead_quarters, y->lead_quarters);
		assert_int_equal(x->committed, y->committed);
		assert_int_equal(x->requires, y->requires);
	}
	assert_true(a->unc.demand_corr == b->unc.demand_corr);
	assert_true(a->unc.energy_corr == b->unc.energy_corr);
}

/* write, reload: same values; writing again gives the same bytes */
static void roundtrip(const sg_plan *p)
{
	char *t1 = write_text(p), *t2, *err;
	sg_plan *q = NULL;

	if (load_text(t1, &q, &err) != 0)
		fail_msg("reload failed:\n%s\n--- text:\n%s", err, t1);
	same_plan(p, q);
	t2 = write_text(q);
	assert_string_equal(t1, t2);
	sg_plan_free(q);
	free(t1);
	free(t2);
	free(err);
}

static void load_5_1_write_example(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/example.csv", &err);

	(void)state;
	roundtrip(p);
	sg_plan_free(p);
	free(err);
}

/* The default plan loads with its inventory (the one `sgplan --check`
 * prints) and survives the write/reload round trip. */
static void load_5_3_default_plan(void **state)
{
	char *err, *out = NULL;
	sg_plan *p = load_path("data/2025.csv", &err);

	(void)state;
	assert_non_null(p);
	assert_int_equal(p->T, 16);
	assert_int_equal(p->year0, 2025);
	assert_int_equal(p->q0, 1);
	assert_int_equal(p->nfab, 5);
	assert_int_equal(p->nprod, 3);
	assert_int_equal(p->nplat, 3);
	assert_int_equal(p->nsite, 5);
	assert_int_equal(p->nreg, 3);
	assert_int_equal(p->nopt, 16);
	roundtrip(p);
	sg_plan_free(p);
	free(err);
	assert_int_equal(tu_run(&out, NULL, "--check data/2025.csv"), 0);
	assert_string_equal(out, "data/2025.csv: valid plan, 16 quarters "
			    "(2025Q1 to 2028Q4)\nplan settings 2\nfabs 5\n"
			    "products 3\nplatforms 3\nsites 5\nregions 3\n"
			    "options 16\nuncertainty rows 9\n");
	free(out);
}

static void load_5_2_write_odd_names(void **state)
{
	char *err;
	sg_plan *p = load_path("tests/data/load-series.csv", &err);

	(void)state;
	roundtrip(p);
	sg_plan_free(p);
	free(err);
	p = ok_text("section,name,attribute,value,2024Q3,2024Q4\n"
		    "region,\"a,b\",demand,0\nregion,\"q\"\"x\",demand,0\n"
		    "region,\"multi\nline\",demand,0\n"
		    "region,\"A:B\",demand,0\n"
		    "site,\"S,1\",\"serve_cost:a,b\",1\n"
		    "site,\"S,1\",serve_cost:A:B,2\n"
		    "uncertainty,\"demand:q\"\"x\",volatility,0.5\n"
		    "option,\"K,1\",target,\"site:S,1\"\n"
		    "option,\"K,1\",capacity,1\n"
		    "option,\"K,1\",earliest,2023Q4\n"
		    "option,K2,target,\"grid:S,1\"\n"
		    "option,K2,capacity,1\n"
		    "option,K2,requires,\"K,1\"\n");
	assert_int_equal(p->nreg, 4);
	assert_string_equal(p->reg[3].name, "A:B");
	assert_int_equal(p->site[0].link[3], 1);
	assert_double_equal(p->unc.demand_vol[1], 0.5, 0);
	assert_int_equal(p->opt[0].earliest, -2);
	roundtrip(p);
	sg_plan_free(p);
}

/* ---- 6.x diagnostics sink --------------------------------------------- */

static void load_6_1_diag_sort(void **state)
{
	sg_diag *dg = sg_diag_new();
	sg_loc a = { "a.csv", 5, 3 }, a2 = { "a.csv", 2, 9 },
	       b = { "b.csv", 1, 1 }, none = { NULL, 0, 0 },
	       a0 = { "a.csv", 0, 0 };
	char *s;

	(void)state;
	assert_int_equal(sg_diag_error(dg, a, "x%d", 1), SG_EDATA);
	sg_diag_error(dg, b, "in b");
	sg_diag_warning(dg, a2, "w");
	sg_diag_error(dg, none, "global");
	sg_diag_error(dg, a0, "whole file");
	sg_diag_error(dg, a, "x%d", 2);
	assert_int_equal(sg_diag_nerrors(dg), 5);
	assert_int_equal(sg_diag_nwarnings(dg), 1);
	s = diag_text(dg);
	assert_string_equal(s, "a.csv: error: whole file\n"
			    "a.csv:2:9: warning: w\n"
			    "a.csv:5:3: error: x1\n"
			    "a.csv:5:3: error: x2\n"
			    "b.csv:1:1: error: in b\n"
			    "sgplan: error: global\n");
	free(s);
	s = diag_text(dg); /* printing forgets the entries */
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(sg_diag_nerrors(dg), 5);
	sg_diag_free(dg);
}

static void load_6_2_diag_cap(void **state)
{
	sg_diag *dg = sg_diag_new();
	sg_loc l = { "a.csv", 0, 1 }, m = { "b.csv", 1, 1 };
	char *s, *p;
	int i, n = 0;

	(void)state;
	for (i = 60; i >= 1; i--) {
		l.line = i;
		sg_diag_error(dg, l, "e%d", i);
	}
	sg_diag_error(dg, m, "b1");
	s = diag_text(dg);
	for (p = s; (p = strchr(p, '\n')); p++)
		n++;
	assert_int_equal(n, 52);
	assert_non_null(strstr(s, "a.csv:50:1: error: e50\n"
			       "a.csv: note: 10 more errors\n"
			       "b.csv:1:1: error: b1\n"));
	assert_null(strstr(s, "e51"));
	free(s);
	sg_diag_free(dg);
}

static void load_6_3_suggest(void **state)
{
	static const char *const c[] = { "site", "pue", "serve_cost",
					 "Korea", "demand", "한국" };

	(void)state;
	assert_string_equal(sg_diag_suggest("sitee", c, 6), "site");
	assert_string_equal(sg_diag_suggest("Koera", c, 6), "Korea");
	assert_string_equal(sg_diag_suggest("PUE", c, 6), "pue");
	assert_string_equal(sg_diag_suggest("pu", c, 6), "pue");
	assert_string_equal(sg_diag_suggest("serve_cots", c, 6),
			    "serve_cost");
	assert_string_equal(sg_diag_suggest("한굴", c, 6), "한국");
	assert_null(sg_diag_suggest("abc", c, 6));
	assert_null(sg_diag_suggest("x", c, 6));
	assert_null(sg_diag_suggest("", c, 6));
	assert_null(sg_diag_suggest("region", c, 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_1_1_example),
		cmocka_unit_test(load_1_2_header_variants),
		cmocka_unit_test(load_1_3_bom_crlf),
		cmocka_unit_test(load_1_4_quoted),
		cmocka_unit_test(load_1_5_comments),
		cmocka_unit_test(load_2_1_series),
		cmocka_unit_test(load_2_2_defaults),
		cmocka_unit_test(load_2_3_names_and_order),
		cmocka_unit_test(load_2_4_labels),
		cmocka_unit_test(load_2_5_uncertainty),
		cmocka_unit_test(load_2_6_numbers),
		cmocka_unit_test(load_3_table),
		cmocka_unit_test(load_3_nul),
		cmocka_unit_test(load_3_many_errors),
		cmocka_unit_test(load_3_robust),
		cmocka_unit_test(load_4_table),
		cmocka_unit_test(load_4_merge_values),
		cmocka_unit_test(load_4_no_accumulation),
		cmocka_unit_test(load_4_links),
		cmocka_unit_test(load_5_1_write_example),
		cmocka_unit_test(load_5_3_default_plan),
		cmocka_unit_test(load_5_2_write_odd_names),
		cmocka_unit_test(load_6_1_diag_sort),
		cmocka_unit_test(load_6_2_diag_cap),
		cmocka_unit_test(load_6_3_suggest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
