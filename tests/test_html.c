/*
 * test_html.c - report.html (solver/html*.c): number formatting, a page
 * that is well-formed XML (checked by a strict parser below, and by
 * xmllint when installed), self-contained, with every chart and every
 * entity name escaped, the same bytes on a rerun, and a page headless
 * Chromium renders without a console message.
 *
 * The plan tests/data/html-escape.csv is the example plan with names that
 * need escaping: region <b>&"x, site =1+1 Ulsan, option +P2 <i>.
 *
 * Numbering: 1.x formatting, 2.x the page, 3.x rendering.
 */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../solver/html_int.h"

#define PLAN "tests/data/html-escape.csv"
#define WHATIF "tests/data/whatif-html.csv"

static char full_dir[512]; /* scenarios and a what-if: every chart */

/* ---- a strict XML well-formedness checker ------------------------------- */

typedef struct xp {
	const char *s, *p; /* document, position */
	char *stack[256];  /* open elements */
	int depth, roots;
	char msg[200];
} xp;

static int xfail(xp *x, const char *what)
{
	int line = 1;
	for (const char *c = x->s; c < x->p; c++)
		line += *c == '\n';
	snprintf(x->msg, sizeof x->msg, "line %d: %s near '%.30s'", line, what,
		 x->p);
	return -1;
}

static int name_len(const char *p)
{
	int n = 0;
	if (!(isalpha((unsigned char)*p) || *p == '_' || *p == ':'))
		return 0;
	while (isalnum((unsigned char)p[n]) || strchr("._:-", p[n]))
		n++;
	return n;
}

/* An entity or character reference at x->p ('&'). */
static int entity(xp *x)
{
	static const char *const ok[] = { "&amp;", "&lt;", "&gt;", "&quot;",
					  "&apos;" };
	for (int i = 0; i < 5; i++)
		if (!strncmp(x->p, ok[i], strlen(ok[i]))) {
			x->p += strlen(ok[i]);
			return 0;
		}
	const char *q = x->p + 2;
	int hex = x->p[1] == '#' && x->p[2] == 'x';
	if (x->p[1] != '#')
		return xfail(x, "unknown entity");
	q += hex;
	const char *d = q;
	while (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q))
		q++;
	if (q == d || *q != ';')
		return xfail(x, "bad character reference");
	x->p = q + 1;
	return 0;
}

/* Character data up to the next '<' (or the end). */
static int text(xp *x)
{
	while (*x->p && *x->p != '<') {
		if (*x->p == '&') {
			if (entity(x) < 0)
				return -1;
			continue;
		}
		if (x->depth == 0 && !isspace((unsigned char)*x->p))
			return xfail(x, "text outside the root element");
		x->p++;
	}
	return 0;
}

static void skip_ws(xp *x)
{
	while (isspace((unsigned char)*x->p))
		x->p++;
}

/* Attributes of a start tag, up to '>' or '/>'. */
static int attributes(xp *x)
{
	const char *seen[64];
	int ns = 0;
	for (;;) {
		int had_ws = isspace((unsigned char)*x->p);
		skip_ws(x);
		if (*x->p == '>' || (x->p[0] == '/' && x->p[1] == '>'))
			return 0;
		int n = name_len(x->p);
		if (!n || !had_ws)
			return xfail(x, "bad attribute");
		for (int i = 0; i < ns; i++)
			if (!strncmp(seen[i], x->p, (size_t)n) &&
			    name_len(seen[i]) == n)
				return xfail(x, "duplicate attribute");
		if (ns < 64)
			seen[ns++] = x->p;
		x->p += n;
		skip_ws(x);
		if (*x->p++ != '=')
			return xfail(x, "attribute without '='");
		skip_ws(x);
		char q = *x->p++;
		if (q != '"' && q != '\'')
			return xfail(x, "unquoted attribute value");
		while (*x->p != q) {
			if (!*x->p || *x->p == '<')
				return xfail(x, "bad attribute value");
			if (*x->p == '&' ? entity(x) < 0 : (x->p++, 0))
				return -1;
		}
		x->p++;
	}
}

static int start_tag(xp *x)
{
	int n = name_len(++x->p);
	if (!n)
		return xfail(x, "bad element name");
	if (x->depth == 0 && x->roots++)
		return xfail(x, "second root element");
	char *nm = strndup(x->p, (size_t)n);
	x->p += n;
	if (attributes(x) < 0) {
		free(nm);
		return -1;
	}
	if (*x->p == '/') {
		x->p += 2;
		free(nm);
		return 0;
	}
	x->p++;
	if (x->depth == 256) {
		free(nm);
		return xfail(x, "too deep");
	}
	x->stack[x->depth++] = nm;
	return 0;
}

static int end_tag(xp *x)
{
	x->p += 2;
	int n = name_len(x->p);
	if (!x->depth || !n || strncmp(x->stack[x->depth - 1], x->p, (size_t)n)
	    || (int)strlen(x->stack[x->depth - 1]) != n)
		return xfail(x, "end tag does not match");
	x->p += n;
	skip_ws(x);
	if (*x->p++ != '>')
		return xfail(x, "bad end tag");
	free(x->stack[--x->depth]);
	return 0;
}

/* <!-- -->, <![CDATA[ ]]>, <!DOCTYPE > (no internal subset), <? ?> */
static int markup(xp *x)
{
	static const struct {
		const char *open, *close;
	} m[] = { { "<!--", "-->" }, { "<![CDATA[", "]]>" },
		  { "<!DOCTYPE", ">" }, { "<?", "?>" } };
	for (int i = 0; i < 4; i++) {
		if (strncmp(x->p, m[i].open, strlen(m[i].open)))
			continue;
		if (i == 2 && (x->roots || x->depth))
			return xfail(x, "DOCTYPE after the root");
		const char *e = strstr(x->p + strlen(m[i].open), m[i].close);
		if (!e || (i == 2 && memchr(x->p, '[', (size_t)(e - x->p))))
			return xfail(x, "unterminated markup");
		if (i == 0 && strstr(x->p + 4, "--") < e)
			return xfail(x, "'--' inside a comment");
		x->p = e + strlen(m[i].close);
		return 0;
	}
	return xfail(x, "bad markup");
}

static int xml_check(const char *doc, char *msg, size_t n)
{
	xp x = { .s = doc, .p = doc };
	int rc = 0;
	while (rc == 0 && *x.p) {
		if (*x.p != '<')
			rc = text(&x);
		else if (x.p[1] == '/')
			rc = end_tag(&x);
		else if (x.p[1] == '!' || x.p[1] == '?')
			rc = markup(&x);
		else
			rc = start_tag(&x);
	}
	if (rc == 0 && (x.depth || x.roots != 1))
		rc = xfail(&x, x.depth ? "unclosed element" : "no root");
	while (x.depth)
		free(x.stack[--x.depth]);
	snprintf(msg, n, "%s", rc ? x.msg : "");
	return rc;
}

/* ---- helpers ------------------------------------------------------------ */

static char *report(const char *dir)
{
	char p[600];
	snprintf(p, sizeof p, "%s/report.html", dir);
	return tu_read_file(p, NULL);
}

static void run_ok(const char *args)
{
	char *e;
	int rc = tu_run(NULL, &e, "%s", args);
	if (rc != 0)
		fail_msg("sgplan %s: exit %d\n%s", args, rc, e);
	free(e);
}

static void assert_wellformed(const char *doc)
{
	char msg[240];
	if (xml_check(doc, msg, sizeof msg) != 0)
		fail_msg("report.html is not well-formed: %s", msg);
}

/* No script, no resource or link outside the file. */
static void assert_self_contained(const char *doc)
{
	static const char *const banned[] = { "<script", "src=", "@import",
					      "<link", "<img", "<iframe",
					      "<object", "javascript:" };
	for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
		if (strstr(doc, banned[i]))
			fail_msg("report.html contains %s", banned[i]);
	for (const char *h = strstr(doc, "http"); h; h = strstr(h + 1, "http"))
		if (h - doc < 7 || strncmp(h - 7, "xmlns=\"", 7) != 0)
			fail_msg("a link out of the page: %.40s", h);
	for (const char *u = strstr(doc, "url("); u; u = strstr(u + 1, "url("))
		if (u[4] != '#')
			fail_msg("an external url(): %.40s", u);
}

static int group_setup(void **state)
{
	char args[1024];
	(void)state;
	snprintf(full_dir, sizeof full_dir, "%s", tu_tmp_dir("html-full"));
	snprintf(args, sizeof args, "%s --scenarios 40 --seed 3 --what-if %s "
		 "--out %s", PLAN, WHATIF, full_dir);
	char *e;
	int rc = tu_run(NULL, &e, "%s", args);
	free(e);
	return rc;
}

/* ---- 1. formatting ------------------------------------------------------ */

static void html_1_1_numbers(void **state)
{
	static const struct {
		double v;
		const char *want;
	} c[] = {
		{ 0, "0" }, { -0.0, "0" }, { 1e-12, "0" }, { 7, "7.00" },
		{ 12.345, "12.3" }, { 999.4, "999" }, { 1234, "1,234" },
		{ 1234567.8, "1,234,568" }, { 129122023.33, "129,122,023" },
		{ 0.0034, "0.003" }, { 0.00012, "0.00012" },
		{ -1807607.2, "\xe2\x88\x92" "1,807,607" },
		{ 100000, "100,000" }, { 1e300 * 1e300, "\xe2\x80\x93" },
	};
	char b[48];
	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof *c; i++)
		if (strcmp(sg_h_num(b, c[i].v), c[i].want) != 0)
			fail_msg("%.17g: '%s', want '%s'", c[i].v, b,
				 c[i].want);
	assert_string_equal(sg_h_short(b, 2500000), "2.5M");
	assert_string_equal(sg_h_short(b, 750), "750");
	assert_string_equal(sg_h_short(b, 1.5e9), "1.5B");
	assert_string_equal(sg_h_pct(b, 0.806), "80.6 %");
	assert_string_equal(sg_h_pct(b, 0.0032), "0.32 %");
	assert_string_equal(sg_h_pct(b, 8.0074e-5), "0.008 %");
	assert_string_equal(sg_h_pct(b, 3.1e-16), "0.0 %");
}

/* 1.2 the checker itself rejects what it must */
static void html_1_2_checker(void **state)
{
	static const char *const bad[] = {
		"<a><b></a></b>", "<a>x &nbsp; y</a>", "<a x=1/>",
		"<a x=\"1\" x=\"2\"/>", "<a>1 < 2</a>", "<a/><b/>",
		"<a><!-- x -- y --></a>", "<a>", "text<a/>",
		"<a x=\"<\"/>", "<a>&#xZ;</a>",
	};
	char msg[240];
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (xml_check(bad[i], msg, sizeof msg) == 0)
			fail_msg("accepted: %s", bad[i]);
	assert_int_equal(xml_check("<!DOCTYPE html>\n<a b='&amp;&#39;'>"
				   "<![CDATA[<&]]><c/>&#160;</a>\n", msg,
				   sizeof msg), 0);
}

/* ---- 2. the page -------------------------------------------------------- */

/* 2.1 with scenarios and a what-if: every chart, well-formed, escaped */
static void html_2_1_every_chart(void **state)
{
	static const char *const ids[] = {
		"id=\"headline\"", "id=\"chart-demand\"", "id=\"chart-memory\"",
		"id=\"chart-grid\"", "id=\"chart-gantt\"", "id=\"chart-costs\"",
		"id=\"chart-spend\"", "id=\"chart-duals\"",
		"id=\"chart-fan-unserved\"", "id=\"chart-fan-cost\"",
		"id=\"chart-whatif-cost\"", "id=\"chart-whatif-online\"",
	};
	(void)state;
	char *doc = report(full_dir);
	assert_memory_equal(doc, "<!DOCTYPE html>\n", 16);
	assert_wellformed(doc);
	assert_self_contained(doc);
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		if (!strstr(doc, ids[i]))
			fail_msg("report.html lacks %s", ids[i]);
	free(doc);
}

/* 2.2 names are escaped wherever they appear: never raw */
static void html_2_2_escaped(void **state)
{
	(void)state;
	char *doc = report(full_dir);
	assert_null(strstr(doc, "<b>&\"x"));
	assert_null(strstr(doc, "<i>"));
	assert_non_null(strstr(doc, "&lt;b&gt;&amp;&quot;x"));
	assert_non_null(strstr(doc, "+P2 &lt;i&gt;"));
	assert_non_null(strstr(doc, "=1+1 Ulsan"));
	free(doc);
}

/* 2.3 xmllint agrees, when it is installed (libxml2-utils) */
static void html_2_3_xmllint(void **state)
{
	char cmd[700];
	(void)state;
	if (system("command -v xmllint >/dev/null 2>&1") != 0) {
		fprintf(stderr, "xmllint not installed (libxml2-utils): "
			"skipped\n");
		skip();
	}
	snprintf(cmd, sizeof cmd, "xmllint --noout '%s/report.html'",
		 full_dir);
	assert_int_equal(system(cmd), 0);
}

/* 2.4 no scenarios, no what-if: no fan chart, no comparison, still
 * well-formed; a rerun writes the same bytes */
static void html_2_4_plain_and_rerun(void **state)
{
	char a[512], args[1100];
	(void)state;
	snprintf(a, sizeof a, "%s", tu_tmp_dir("html-plain-a"));
	const char *b = tu_tmp_dir("html-plain-b");
	snprintf(args, sizeof args, "%s --out %s", PLAN, a);
	run_ok(args);
	snprintf(args, sizeof args, "%s --out %s", PLAN, b);
	run_ok(args);
	char *da = report(a), *db = report(b);
	assert_wellformed(da);
	assert_self_contained(da);
	assert_null(strstr(da, "chart-fan"));
	assert_null(strstr(da, "chart-whatif"));
	assert_non_null(strstr(da, "id=\"chart-gantt\""));
	assert_string_equal(da, db);
	free(da);
	free(db);
}

/* ---- 3. rendering ------------------------------------------------------- */

/* Width and height of a PNG (IHDR), or -1. */
static int png_size(const char *path, unsigned *w, unsigned *h, long *len)
{
	unsigned char b[24];
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t n = fread(b, 1, sizeof b, f);
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	fclose(f);
	if (n < 24 || memcmp(b, "\x89PNG\r\n\x1a\n", 8) ||
	    memcmp(b + 12, "IHDR", 4))
		return -1;
	*w = (unsigned)b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19];
	*h = (unsigned)b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23];
	return 0;
}

/* A console message of the page, an uncaught error: the first such line
 * of Chromium's log, or NULL. */
static char *console_error(char *log)
{
	for (char *l = strtok(log, "\n"); l; l = strtok(NULL, "\n"))
		if (strstr(l, "Uncaught") || strstr(l, "ERROR:CONSOLE") ||
		    (strstr(l, "CONSOLE") && strstr(l, "report.html")))
			return l;
	return NULL;
}

/* 3.1 headless Chromium draws the page with no console message */
static void html_3_1_chromium(void **state)
{
	char prof[600], png[600], log[600], abs[4096], cmd[8192];
	(void)state;
	if (system("command -v chromium >/dev/null 2>&1") != 0) {
		fprintf(stderr, "chromium not installed: render test "
			"skipped\n");
		skip();
	}
	const char *d = tu_tmp_dir("html-chromium");
	assert_int_equal(mkdir(d, 0777), 0);
	snprintf(prof, sizeof prof, "%s/profile-XXXXXX", d);
	snprintf(png, sizeof png, "%s/report.png", d);
	snprintf(log, sizeof log, "%s/chromium.log", d);
	assert_non_null(mkdtemp(prof));
	abs[0] = 0;
	if (full_dir[0] != '/')
		assert_non_null(getcwd(abs, sizeof abs - 600));
	strcat(strcat(abs, full_dir[0] != '/' ? "/" : ""), full_dir);
	snprintf(cmd, sizeof cmd, "timeout 55 chromium --headless --no-sandbox "
		 "--disable-gpu --disable-quic --no-first-run "
		 "--disable-background-networking --disable-component-update "
		 "--disable-sync --user-data-dir='%s' --enable-logging=stderr "
		 "--v=0 --screenshot='%s' --window-size=1280,2400 "
		 "'file://%s/report.html' >'%s' 2>&1", prof, png, abs, log);
	int rc = system(cmd);
	char *text = tu_read_file(log, NULL), *bad = console_error(text);
	if (bad)
		fail_msg("console: %s", bad);
	unsigned w = 0, h = 0;
	long len = 0;
	if (png_size(png, &w, &h, &len) != 0)
		fail_msg("no screenshot (chromium exit %d)", rc);
	assert_int_equal(w, 1280);
	assert_int_equal(h, 2400);
	assert_true(len > 50000); /* charts, not a blank page */
	free(text);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", prof);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_1_1_numbers),
		cmocka_unit_test(html_1_2_checker),
		cmocka_unit_test(html_2_1_every_chart),
		cmocka_unit_test(html_2_2_escaped),
		cmocka_unit_test(html_2_3_xmllint),
		cmocka_unit_test(html_2_4_plain_and_rerun),
		cmocka_unit_test(html_3_1_chromium),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
