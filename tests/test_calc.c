/*
 * test_calc.c - a real spreadsheet in the loop: LibreOffice Calc headless
 * (Debian libreoffice-calc-nogui) opens the plan, a what-if file and every
 * output CSV, saves them as .ods and back as CSV.
 *
 * 1.1 data/2025.csv and data/whatif/grid-delay.csv saved back by Calc with
 *     its default CSV options load in sgplan and give the same plan (total
 *     cost to 1e-9 relative, the same builds).
 * 1.2 every output CSV (summary, quarterly, builds, duals, risk, whatif;
 *     of the 2025 plan, and of tests/data/html-escape.csv whose names start
 *     with '=' and '+') opens with numbers as numbers (equal to 1e-12
 *     relative, see CALC_ABS, after the round trip) and text as the same
 *     text;
 * 1.3 and no cell turned into a formula (no table:formula in the .ods).
 *
 * Calc runs three times in all (CSV -> ODS; ODS -> CSV as a planner saves
 * it; ODS -> CSV quoting text cells, so a number and a text are told
 * apart), each on every file at once, with a private profile.  Without
 * soffice the tests are skipped.
 */
#include "testutil.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char dir[512]; /* scratch; empty when soffice is missing */

static const char *const outputs[] = { "summary", "quarterly", "builds",
				       "duals", "risk", "whatif" };
#define NOUT 6

/* ---- CSV (RFC 4180) ----------------------------------------------------- */

typedef struct cell {
	char *s;
	int quoted;
} cell;

typedef struct row {
	cell *c;
	int n;
} row;

typedef struct table {
	row *r;
	int n;
} table;

static void add_cell(row *r, const char *s, size_t len, int quoted)
{
	r->c = realloc(r->c, (size_t)(r->n + 1) * sizeof *r->c);
	r->c[r->n].s = strndup(s, len);
	r->c[r->n++].quoted = quoted;
}

/* One field at *p (quotes undone in place into buf); advances *p past its
 * separator. Returns 1 at the end of a record. */
static int field(const char **p, char *buf, size_t *len, int *quoted)
{
	const char *s = *p;
	*len = 0;
	*quoted = *s == '"';
	if (*quoted) {
		for (s++; *s && !(s[0] == '"' && s[1] != '"'); s++) {
			buf[(*len)++] = *s;
			s += s[0] == '"';
		}
		s += *s == '"';
	}
	while (*s && *s != ',' && *s != '\n' && *s != '\r')
		buf[(*len)++] = *s++;
	int end = *s != ',';
	s += *s == '\r';
	s += *s != 0;
	*p = s;
	return end;
}

static table parse_csv(const char *path)
{
	char *text = tu_read_file(path, NULL), *buf = malloc(strlen(text) + 1);
	const char *p = text;
	table t = { NULL, 0 };
	while (*p) {
		t.r = realloc(t.r, (size_t)(t.n + 1) * sizeof *t.r);
		row *r = &t.r[t.n++];
		*r = (row){ NULL, 0 };
		size_t len;
		int q, end;
		do {
			end = field(&p, buf, &len, &q);
			add_cell(r, buf, len, q);
		} while (!end);
	}
	free(buf);
	free(text);
	return t;
}

static void free_table(table *t)
{
	for (int i = 0; i < t->n; i++) {
		for (int j = 0; j < t->r[i].n; j++)
			free(t->r[i].c[j].s);
		free(t->r[i].c);
	}
	free(t->r);
}

/* A number as sgplan writes it: the whole cell converts. */
static int number(const char *s, double *v)
{
	char *e;
	if (!*s)
		return 0;
	*v = strtod(s, &e);
	return *e == 0;
}

/* Calc 7.4 keeps 15 significant digits of a number, but only 20 decimal
 * places of one between about 1e-14 and 1e-5 (2.1366413252730774e-11 comes
 * back as 2.136641325e-11): allow that much absolute error. */
#define CALC_ABS 1e-20

/* Compare the round trip b of table a.  strict: b quotes every text cell,
 * so a number must come back unquoted and a text quoted.  Numbers within
 * rel; Calc may pad a row with empty cells. */
static void compare(const char *what, table *a, table *b, double rel,
		    int strict)
{
	if (a->n != b->n)
		fail_msg("%s: %d rows, %d after Calc", what, a->n, b->n);
	for (int i = 0; i < a->n; i++) {
		row *x = &a->r[i], *y = &b->r[i];
		for (int j = x->n; j < y->n; j++)
			if (y->c[j].s[0])
				fail_msg("%s:%d: extra cell '%s'", what, i + 1,
					 y->c[j].s);
		if (y->n < x->n)
			fail_msg("%s:%d: %d cells, %d after Calc", what, i + 1,
				 x->n, y->n);
		for (int j = 0; j < x->n; j++) {
			double u, v;
			const cell *c = &x->c[j], *d = &y->c[j];
			int num = !c->quoted && number(c->s, &u);
			int bad = num ? !number(d->s, &v) ||
					(strict && d->quoted) ||
					fabs(u - v) > rel * fabs(u) + CALC_ABS
				      : strcmp(c->s, d->s) != 0 ||
					(strict && c->s[0] && !d->quoted);
			if (bad)
				fail_msg("%s:%d:%d: %s '%s' came back as %s "
					 "'%s'", what, i + 1, j + 1,
					 num ? "number" : "text", c->s,
					 d->quoted ? "text" : "number", d->s);
		}
	}
}

/* ---- running Calc and sgplan -------------------------------------------- */

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* soffice converting the files glob (relative to dir) into dir/out, with
 * Calc's default CSV import (it detects the separator and the numbers). */
static int soffice(const char *to, const char *glob, const char *out)
{
	return sh("cd '%s' && timeout 50 soffice -env:UserInstallation=file://"
		  "%s/profile --headless --convert-to '%s' --outdir %s %s "
		  ">>soffice.log 2>&1", dir, dir, to, out, glob);
}

static int run_sgplan(const char *args)
{
	char *e;
	int rc = tu_run(NULL, &e, "%s", args);
	if (rc != 0)
		fprintf(stderr, "sgplan %s: exit %d\n%s", args, rc, e);
	free(e);
	return rc;
}

/* The plans and their outputs, in dir/in (outputs as o-PLAN-NAME.csv). */
static int prepare(void)
{
	char a[2048];
	snprintf(a, sizeof a, "data/2025.csv --what-if "
		 "data/whatif/grid-delay.csv --scenarios 20 --quiet --out "
		 "%s/orig", dir);
	if (run_sgplan(a))
		return -1;
	snprintf(a, sizeof a, "tests/data/html-escape.csv --what-if "
		 "tests/data/whatif-html.csv --quiet --out %s/esc", dir);
	if (run_sgplan(a) ||
	    sh("mkdir -p '%s/in' && cp data/2025.csv "
	       "data/whatif/grid-delay.csv '%s/in/'", dir, dir))
		return -1;
	for (int i = 0; i < NOUT; i++)
		if (sh("cp '%s/orig/%s.csv' '%s/in/o-2025-%s.csv'", dir,
		       outputs[i], dir, outputs[i]) ||
		    (i != 4 && sh("cp '%s/esc/%s.csv' '%s/in/o-esc-%s.csv'",
				  dir, outputs[i], dir, outputs[i])))
			return -1;
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	if (system("command -v soffice >/dev/null 2>&1") != 0) {
		fprintf(stderr, "soffice not installed (libreoffice-calc-"
			"nogui): Calc tests skipped\n");
		return 0;
	}
	snprintf(dir, sizeof dir, "%s", tu_tmp_dir("calc"));
	if (mkdir(dir, 0777) != 0 || prepare() != 0)
		return -1;
	if (soffice("ods", "in/*.csv", "ods") != 0 ||
	    soffice("csv", "ods/2025.ods ods/grid-delay.ods", "saved") != 0 ||
	    soffice("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,false",
		    "ods/o-*.ods", "quoted") != 0) {
		fprintf(stderr, "soffice failed: see %s/soffice.log\n", dir);
		return -1;
	}
	return 0;
}

/* ---- tests -------------------------------------------------------------- */

/* 1.1 the plan and a what-if saved by Calc give the same plan */
static void calc_1_1_inputs(void **state)
{
	char a[2048], x[600], y[600];
	(void)state;
	if (!dir[0])
		skip();
	snprintf(a, sizeof a, "%s/saved/2025.csv --what-if %s/saved/"
		 "grid-delay.csv --scenarios 20 --quiet --out %s/rt", dir, dir,
		 dir);
	assert_int_equal(run_sgplan(a), 0);
	static const char *const sub[] = { "", "/grid-delay" };
	for (int i = 0; i < 2; i++) {
		snprintf(x, sizeof x, "%s/orig%s/summary.csv", dir, sub[i]);
		snprintf(y, sizeof y, "%s/rt%s/summary.csv", dir, sub[i]);
		double u = tu_summary_value(x, "total_cost");
		double v = tu_summary_value(y, "total_cost");
		if (fabs(u - v) > 1e-9 * fabs(u))
			fail_msg("total_cost %.17g, %.17g after Calc", u, v);
		snprintf(x, sizeof x, "%s/orig%s/builds.csv", dir, sub[i]);
		snprintf(y, sizeof y, "%s/rt%s/builds.csv", dir, sub[i]);
		table b0 = parse_csv(x), b1 = parse_csv(y);
		compare("builds.csv", &b0, &b1, 1e-9, 0);
		free_table(&b0);
		free_table(&b1);
	}
}

/* 1.2 every output: numbers stay numbers, text stays text */
static void calc_1_2_outputs(void **state)
{
	char x[600], y[600], name[64];
	(void)state;
	if (!dir[0])
		skip();
	for (int i = 0; i < 2 * NOUT; i++) {
		if (i == NOUT + 4) /* no risk.csv without scenarios */
			continue;
		snprintf(name, sizeof name, "o-%s-%s", i < NOUT ? "2025" :
			 "esc", outputs[i % NOUT]);
		snprintf(x, sizeof x, "%s/in/%s.csv", dir, name);
		snprintf(y, sizeof y, "%s/quoted/%s.csv", dir, name);
		table a = parse_csv(x), b = parse_csv(y);
		compare(name, &a, &b, 1e-12, 1);
		free_table(&a);
		free_table(&b);
	}
}

/* 1.3 no cell of any output became a formula in the .ods, and the guarded
 * names are text */
static void calc_1_3_no_formula(void **state)
{
	(void)state;
	if (!dir[0])
		skip();
	if (system("command -v unzip >/dev/null 2>&1") != 0) {
		fprintf(stderr, "unzip not installed: formula check skipped\n");
		skip();
	}
	assert_int_equal(sh("cd '%s/ods' && for f in o-*.ods; do unzip -p "
			    "\"$f\" content.xml; done >../content.xml", dir),
			 0);
	assert_int_equal(sh("grep -q 'office:value-type=\"float\"' "
			    "'%s/content.xml'", dir), 0);
	if (sh("grep -q 'table:formula' '%s/content.xml'", dir) == 0)
		fail_msg("a cell became a formula in Calc (see %s/content.xml)",
			 dir);
	assert_int_equal(sh("grep -q \"&apos;=1+1 Ulsan\" '%s/content.xml'",
			    dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calc_1_1_inputs),
		cmocka_unit_test(calc_1_2_outputs),
		cmocka_unit_test(calc_1_3_no_formula),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
