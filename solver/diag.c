/*
 * diag.c - the diagnostics sink of diag.h.
 *
 * Entries own copies of their file name and message, so a plan (whose
 * arena holds the names given in sg_loc.file) may be freed before the sink
 * is printed.  Printing sorts stably by (order in which each file was first
 * reported, line, column, order of report), caps the errors printed per file
 * at SG_DIAG_MAX_ERRORS and then forgets the entries.  The counts returned by
 * sg_diag_nerrors/sg_diag_nwarnings are cumulative: printing does not reset
 * them, so a caller may print early and still ask whether anything failed.
 */
#include "sgplan/diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"

enum { SEV_ERROR, SEV_WARNING, SEV_NOTE };

struct ent {
	int fileord;  /* index into sg_diag.files; -1 = no file */
	int line, col; /* position; line 0 = none */
	int sev;      /* SEV_* */
	size_t seq;   /* order of report, for a stable sort */
	char *msg;    /* owned */
};

struct sg_diag {
	struct ent *e;  /* entries not yet printed */
	size_t n, cap;  /* used / allocated entries */
	size_t seq;     /* next report number */
	char **files;   /* owned copies, in order of first report */
	int *ferr;      /* [nfiles] cumulative errors located in each */
	int nfiles;
	int nerr, nwarn; /* cumulative counts */
};

sg_diag *sg_diag_new(void)
{
	return sg_xcalloc(1, sizeof(sg_diag));
}

static void clear_entries(sg_diag *dg)
{
	size_t i;

	for (i = 0; i < dg->n; i++)
		free(dg->e[i].msg);
	dg->n = 0;
}

void sg_diag_drop_warnings(sg_diag *dg)
{
	size_t k = 0;

	for (size_t i = 0; i < dg->n; i++) {
		if (dg->e[i].sev == SEV_WARNING)
			free(dg->e[i].msg);
		else
			dg->e[k++] = dg->e[i];
	}
	dg->n = k;
}

void sg_diag_free(sg_diag *dg)
{
	int i;

	if (!dg)
		return;
	clear_entries(dg);
	free(dg->e);
	for (i = 0; i < dg->nfiles; i++)
		free(dg->files[i]);
	free(dg->files);
	free(dg->ferr);
	free(dg);
}

/* The index of a file seen already, or -1. */
static int find_file(const sg_diag *dg, const char *file)
{
	for (int i = 0; i < dg->nfiles; i++)
		if (strcmp(dg->files[i], file) == 0)
			return i;
	return -1;
}

static int file_index(sg_diag *dg, const char *file)
{
	if (!file)
		return -1;
	int i = find_file(dg, file);
	if (i >= 0)
		return i;
	dg->files = sg_xrealloc(dg->files,
				(size_t)(dg->nfiles + 1) * sizeof(char *));
	dg->ferr = sg_xrealloc(dg->ferr,
			       (size_t)(dg->nfiles + 1) * sizeof(int));
	dg->files[dg->nfiles] = sg_xstrdup(file);
	dg->ferr[dg->nfiles] = 0;
	return dg->nfiles++;
}

/* The code point written \uXXXX that the UTF-8 at c starts, or 0: a byte-
 * order mark (U+FEFF), which shows as nothing, or a C1 control (U+0080 to
 * U+009F: some terminals act on U+009B as on ESC [). */
static unsigned shown_as_u(const char *c)
{
	const unsigned char *u = (const unsigned char *)c;
	if (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 0xfeff;
	return u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f ? u[1] : 0;
}

/* One message is one line: a line break or other control character quoted
 * from the input (a quoted name may hold one) is written as \n, \r, \t
 * or \xNN (DEL too), and a byte-order mark inside the text (two files
 * joined) or a C1 control as \uXXXX.  Takes s and returns the escaped
 * copy. */
static char *escape_controls(char *s)
{
	size_t n = 0;
	for (const char *c = s; *c; c++) {
		unsigned char u = (unsigned char)*c;
		unsigned cp = shown_as_u(c);
		/* \uXXXX for 3 bytes (4 + 1 + 1) or 2 (5 + 1) */
		n += cp ? (cp == 0xfeff ? 4 : 5) :
		     u < 0x20 || u == 0x7f ? 4 : 1;
	}
	if (n == strlen(s))
		return s;
	char *e = sg_xmalloc(n + 1), *o = e;
	for (const char *c = s; *c; c++) {
		unsigned char u = (unsigned char)*c;
		unsigned cp = shown_as_u(c);
		if (cp) {
			o += sprintf(o, "\\u%04x", cp);
			c += cp == 0xfeff ? 2 : 1;
		} else if (u >= 0x20 && u != 0x7f)
			*o++ = *c;
		else if (u == '\n' || u == '\r' || u == '\t')
			o += sprintf(o, "\\%c", u == '\n' ? 'n' :
				     u == '\r' ? 'r' : 't');
		else
			o += sprintf(o, "\\x%02x", u);
	}
	*o = 0;
	free(s);
	return e;
}

void sg_put_plain(FILE *f, const char *s)
{
	char *e = escape_controls(sg_xstrdup(s));
	fputs(e, f);
	free(e);
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *s;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return sg_xstrdup("(message could not be formatted)");
	s = sg_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return escape_controls(s);
}

void sg_veprintf(const char *fmt, va_list ap)
{
	char *s = vformat(fmt, ap);
	fputs(s, stderr);
	putc('\n', stderr);
	free(s);
}

void sg_eprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sg_veprintf(fmt, ap);
	va_end(ap);
}

static void add(sg_diag *dg, sg_loc loc, int sev, const char *fmt,
		va_list ap)
{
	struct ent *e;

	if (dg->n == dg->cap) {
		dg->cap = dg->cap ? dg->cap * 2 : 16;
		dg->e = sg_xrealloc(dg->e, dg->cap * sizeof(*dg->e));
	}
	e = &dg->e[dg->n++];
	e->fileord = file_index(dg, loc.file);
	e->line = loc.file ? loc.line : 0;
	e->col = loc.col;
	e->sev = sev;
	e->seq = dg->seq++;
	e->msg = vformat(fmt, ap);
	if (sev == SEV_ERROR) {
		dg->nerr++;
		if (e->fileord >= 0)
			dg->ferr[e->fileord]++;
	} else if (sev == SEV_WARNING) {
		dg->nwarn++;
	}
}

int sg_diag_error(sg_diag *dg, sg_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(dg, loc, SEV_ERROR, fmt, ap);
	va_end(ap);
	return SG_EDATA;
}

void sg_diag_warning(sg_diag *dg, sg_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(dg, loc, SEV_WARNING, fmt, ap);
	va_end(ap);
}

void sg_diag_file_first(sg_diag *dg, const char *file)
{
	file_index(dg, file);
}

void sg_diag_note(sg_diag *dg, sg_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(dg, loc, SEV_NOTE, fmt, ap);
	va_end(ap);
}

int sg_diag_nerrors(const sg_diag *dg)
{
	return dg->nerr;
}

int sg_diag_nerrors_in(const sg_diag *dg, const char *file)
{
	int i = find_file(dg, file);
	return i >= 0 ? dg->ferr[i] : 0;
}

int sg_diag_last_errors(const sg_diag *dg, int n, sg_loc *loc)
{
	int k = 0;
	size_t i = dg->n;
	while (i > 0 && k < n)
		k += dg->e[--i].sev == SEV_ERROR;
	for (k = 0; i < dg->n; i++) {
		const struct ent *e = &dg->e[i];
		if (e->sev != SEV_ERROR)
			continue;
		loc[k++] = (sg_loc){ .file = e->fileord >= 0 ?
					     dg->files[e->fileord] : NULL,
				     .line = e->line, .col = e->col };
	}
	return k;
}

int sg_diag_nwarnings(const sg_diag *dg)
{
	return dg->nwarn;
}

/* Entries without a file sort after every file. */
static int cmp_ent(const void *pa, const void *pb)
{
	const struct ent *a = pa, *b = pb;
	unsigned fa = (unsigned)a->fileord, fb = (unsigned)b->fileord;

	if (fa != fb)
		return fa < fb ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void print_one(const sg_diag *dg, const struct ent *e, FILE *f)
{
	const char *what = e->sev == SEV_ERROR ? "error" :
			   e->sev == SEV_WARNING ? "warning" : "note";

	/* the file's name as the message's text: control characters
	 * escaped (2026-12-08, a helper's audit) */
	sg_put_plain(f, e->fileord < 0 ? "sgplan" : dg->files[e->fileord]);
	if (e->fileord >= 0 && e->line > 0)
		fprintf(f, ":%d", e->line);
	if (e->fileord >= 0 && e->line > 0 && e->col > 0)
		fprintf(f, ":%d", e->col);
	fprintf(f, ": %s: %s\n", what, e->msg);
}

static void print_note(const sg_diag *dg, int fileord, int more, FILE *f)
{
	sg_put_plain(f, fileord < 0 ? "sgplan" : dg->files[fileord]);
	/* FORMAT.md's words, "N more errors", for N = 1 too */
	fprintf(f, ": note: %d more errors\n", more);
}

/* Is e the same message as one sorted before it at the same position? */
static int repeated(const sg_diag *dg, size_t i)
{
	const struct ent *e = &dg->e[i];

	while (i-- > 0) {
		const struct ent *p = &dg->e[i];
		if (p->fileord != e->fileord || p->line != e->line ||
		    p->col != e->col)
			return 0;
		if (p->sev == e->sev && strcmp(p->msg, e->msg) == 0)
			return 1;
	}
	return 0;
}

void sg_diag_print(sg_diag *dg, FILE *f)
{
	size_t i;
	int nerr = 0, more = 0;

	if (dg->n)
		qsort(dg->e, dg->n, sizeof(*dg->e), cmp_ent);
	for (i = 0; i < dg->n; i++) {
		const struct ent *e = &dg->e[i];
		if (repeated(dg, i))
			continue;
		if (i > 0 && e->fileord != dg->e[i - 1].fileord) {
			if (more)
				print_note(dg, dg->e[i - 1].fileord, more, f);
			nerr = more = 0;
		}
		if (e->sev == SEV_ERROR && ++nerr > SG_DIAG_MAX_ERRORS) {
			more++;
			continue;
		}
		print_one(dg, e, f);
	}
	if (more)
		print_note(dg, dg->e[dg->n - 1].fileord, more, f);
	clear_entries(dg);
}

/* ---- did you mean ----------------------------------------------------- */

/*
 * Suggestion rule.  Both strings are compared as sequences of code points
 * with the optimal-string-alignment form of the Damerau-Levenshtein
 * distance (insertion, deletion, substitution and transposition of two
 * adjacent characters each cost 1, as git's levenshtein.c with unit
 * weights), except that a substitution that only changes ASCII case costs
 * 0.  A candidate is suggested when its distance d to the typed string s
 * (of n code points) satisfies d <= max(1, n / 3) and d < min(n, length of
 * the candidate), i.e. a typo, not a different word; the first candidate
 * with the smallest distance wins.  Strings longer than SUGGEST_MAX code
 * points get no suggestion (the cost is quadratic).
 */
#define SUGGEST_MAX 256

/* Decode up to SUGGEST_MAX + 1 code points of s into u; returns count. */
static int decode(const char *s, uint32_t *u)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;

	while (*p && n <= SUGGEST_MAX) {
		uint32_t c = *p++;
		if (c >= 0xc0) {
			int k = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
			c &= 0x3f >> k;
			while (k-- > 0 && (*p & 0xc0) == 0x80)
				c = (c << 6) | (*p++ & 0x3f);
		}
		u[n++] = c;
	}
	return n;
}

static int subst_cost(uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	if (a < 128 && b < 128 && (a | 0x20) == (b | 0x20) &&
	    (a | 0x20) >= 'a' && (a | 0x20) <= 'z')
		return 0;
	return 1;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

/* OSA distance of a[0..n) and b[0..m) using three rolling rows. */
static int osa(const uint32_t *a, int n, const uint32_t *b, int m, int *row)
{
	int *r0 = row, *r1 = row + (m + 1), *r2 = row + 2 * (m + 1);
	int i, j;

	for (j = 0; j <= m; j++)
		r1[j] = j;
	for (i = 1; i <= n; i++) {
		int *t;
		r2[0] = i;
		for (j = 1; j <= m; j++) {
			int c = subst_cost(a[i - 1], b[j - 1]);
			r2[j] = min3(r1[j] + 1, r2[j - 1] + 1, r1[j - 1] + c);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r0[j - 2] + 1 < r2[j])
				r2[j] = r0[j - 2] + 1;
		}
		t = r0;
		r0 = r1;
		r1 = r2;
		r2 = t;
	}
	return r1[m];
}

const char *sg_diag_suggest(const char *s, const char *const *cand, int n)
{
	uint32_t a[SUGGEST_MAX + 1], b[SUGGEST_MAX + 1];
	int row[3 * (SUGGEST_MAX + 2)];
	int na = decode(s, a), limit, best = -1, bestd = 0, i;

	if (na == 0 || na > SUGGEST_MAX)
		return NULL;
	limit = na / 3 > 1 ? na / 3 : 1;
	for (i = 0; i < n; i++) {
		int nb, d, diff;
		if (!cand[i])
			continue;
		nb = decode(cand[i], b);
		diff = nb > na ? nb - na : na - nb;
		if (nb == 0 || nb > SUGGEST_MAX || diff > limit)
			continue;
		d = osa(a, na, b, nb, row);
		if (d > limit || d >= na || d >= nb)
			continue;
		if (best < 0 || d < bestd) {
			best = i;
			bestd = d;
		}
	}
	return best < 0 ? NULL : cand[best];
}
