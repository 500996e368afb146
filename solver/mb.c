/*
 * mb.c - the model builder (mb.h): columns, rows and triplets kept in
 * growing arrays, handed to GLPK in bulk at finish.
 */
#include "sgplan/mb.h"

#include <glpk.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"

typedef struct {
	int bnd;
	double lb, ub;
} bnds;

typedef struct {
	int i, j;
	double v;
} trip;

struct sg_mb {
	int names;          /* keep names? */
	int ncol, capcol;   /* columns used / allocated */
	bnds *cb;           /* [capcol] column bounds */
	double *cost;       /* [capcol] */
	unsigned char *bin; /* [capcol] 1 = binary */
	char **cname;       /* [capcol] or NULL */
	int nrow, caprow;
	bnds *rb;           /* [caprow] row bounds */
	char **rname;       /* [caprow] or NULL */
	long nnz, capnz;
	trip *t;            /* [capnz] */
};

sg_mb *sg_mb_new(int names)
{
	sg_mb *mb = sg_xcalloc(1, sizeof *mb);
	mb->names = names;
	return mb;
}

void sg_mb_free(sg_mb *mb)
{
	if (!mb)
		return;
	for (int j = 0; mb->cname && j < mb->ncol; j++)
		free(mb->cname[j]);
	for (int i = 0; mb->rname && i < mb->nrow; i++)
		free(mb->rname[i]);
	free(mb->cname);
	free(mb->rname);
	free(mb->cb);
	free(mb->cost);
	free(mb->bin);
	free(mb->rb);
	free(mb->t);
	free(mb);
}

static int grow(int cap, int need)
{
	while (cap < need)
		cap = cap ? 2 * cap : 1024;
	return cap;
}

int sg_mb_add_cols(sg_mb *mb, int n, int kind, int bnd, double lb, double ub,
		   double cost)
{
	int j0 = mb->ncol + 1;
	if (mb->ncol + n > mb->capcol) {
		int cap = grow(mb->capcol, mb->ncol + n);
		mb->cb = sg_xrealloc(mb->cb, (size_t)cap * sizeof *mb->cb);
		mb->cost = sg_xrealloc(mb->cost,
				       (size_t)cap * sizeof *mb->cost);
		mb->bin = sg_xrealloc(mb->bin, (size_t)cap);
		if (mb->names) {
			mb->cname = sg_xrealloc(mb->cname,
						(size_t)cap * sizeof(char *));
		}
		mb->capcol = cap;
	}
	for (int k = 0; k < n; k++) {
		int j = mb->ncol++;
		mb->cb[j] = (bnds){ bnd, lb, ub };
		mb->cost[j] = cost;
		mb->bin[j] = kind == SG_BIN;
		if (mb->names)
			mb->cname[j] = NULL;
	}
	return j0;
}

void sg_mb_set_col_bnds(sg_mb *mb, int j, int bnd, double lb, double ub)
{
	mb->cb[j - 1] = (bnds){ bnd, lb, ub };
}

void sg_mb_set_cost(sg_mb *mb, int j, double cost)
{
	mb->cost[j - 1] = cost;
}

void sg_mb_add_cost(sg_mb *mb, int j, double cost)
{
	mb->cost[j - 1] += cost;
}

double sg_mb_cost(const sg_mb *mb, int j)
{
	return mb->cost[j - 1];
}

int sg_mb_add_rows(sg_mb *mb, int n, int bnd, double lb, double ub)
{
	int i0 = mb->nrow + 1;
	if (mb->nrow + n > mb->caprow) {
		int cap = grow(mb->caprow, mb->nrow + n);
		mb->rb = sg_xrealloc(mb->rb, (size_t)cap * sizeof *mb->rb);
		if (mb->names) {
			mb->rname = sg_xrealloc(mb->rname,
						(size_t)cap * sizeof(char *));
		}
		mb->caprow = cap;
	}
	for (int k = 0; k < n; k++) {
		int i = mb->nrow++;
		mb->rb[i] = (bnds){ bnd, lb, ub };
		if (mb->names)
			mb->rname[i] = NULL;
	}
	return i0;
}

void sg_mb_set_row_bnds(sg_mb *mb, int i, int bnd, double lb, double ub)
{
	mb->rb[i - 1] = (bnds){ bnd, lb, ub };
}

void sg_mb_coef(sg_mb *mb, int i, int j, double v)
{
	if (v == 0)
		return;
	if (mb->nnz == mb->capnz) {
		mb->capnz = mb->capnz ? 2 * mb->capnz : 4096;
		mb->t = sg_xrealloc(mb->t, (size_t)mb->capnz * sizeof *mb->t);
	}
	mb->t[mb->nnz++] = (trip){ i, j, v };
}

/* Names go to LP/MPS files, whose readers (glpsol, cbc) take letters,
 * digits and a few marks, and to GLPK, which takes at most 255 bytes.  The
 * format's own text is kept; each %s argument (an entity name or a quarter
 * label) keeps its letters, digits, '_' and '.', and every other byte
 * becomes ~HH (hex): so "Site 1" and "Site_1", or two Hangul names, stay
 * apart, and ',' or '(' in a name cannot pass for the format's.  A name
 * longer than NAME_MAX_BYTES is NULL: the caller numbers it.  GLPK takes 255
 * bytes, but cbc 2.10 crashes reading MPS names of 164 or more. */
#define NAME_MAX_BYTES 160
static char *vname(const char *fmt, va_list ap)
{
	char buf[NAME_MAX_BYTES + 1];
	size_t n = 0;
	for (const char *f = fmt; *f; f++) {
		const char *s = NULL;
		char one[2] = { *f, 0 };
		if (f[0] == '%' && f[1] == 's') {
			s = va_arg(ap, const char *);
			f++;
		}
		for (const char *c = s ? s : one; *c; c++) {
			unsigned char b = (unsigned char)*c;
			int keep = !s || (b >= 'a' && b <= 'z') ||
				   (b >= 'A' && b <= 'Z') ||
				   (b >= '0' && b <= '9') || b == '_' ||
				   b == '.';
			if (n + (keep ? 1 : 3) >= sizeof buf)
				return NULL;
			if (keep)
				buf[n++] = (char)b;
			else
				n += (size_t)snprintf(buf + n, 4, "~%02X", b);
		}
	}
	buf[n] = 0;
	return sg_xstrdup(buf);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *sg_mb_plain(const char *name)
{
	char *s = sg_xstrdup(name), *d = s;
	for (const char *c = name; *c; c++) {
		int h, l;
		if (c[0] == '~' && (h = hexval(c[1])) >= 0 &&
		    (l = hexval(c[2])) >= 0) {
			*d++ = (char)(h * 16 + l);
			c += 2;
		} else {
			*d++ = *c;
		}
	}
	*d = 0;
	return s;
}

/* *slot = the name vname makes, or kind and index (c12, r7) when it is
 * too long. */
static void set_name(char **slot, char kind, int idx, const char *fmt,
		     va_list ap)
{
	char *s = vname(fmt, ap);
	if (!s) {
		char num[24];
		snprintf(num, sizeof num, "%c%d", kind, idx);
		s = sg_xstrdup(num);
	}
	free(*slot);
	*slot = s;
}

void sg_mb_name_col(sg_mb *mb, int j, const char *fmt, ...)
{
	if (!mb->names)
		return;
	va_list ap;
	va_start(ap, fmt);
	set_name(&mb->cname[j - 1], 'c', j, fmt, ap);
	va_end(ap);
}

void sg_mb_name_row(sg_mb *mb, int i, const char *fmt, ...)
{
	if (!mb->names)
		return;
	va_list ap;
	va_start(ap, fmt);
	set_name(&mb->rname[i - 1], 'r', i, fmt, ap);
	va_end(ap);
}

int sg_mb_ncols(const sg_mb *mb)
{
	return mb->ncol;
}

int sg_mb_nrows(const sg_mb *mb)
{
	return mb->nrow;
}

long sg_mb_nnz(const sg_mb *mb)
{
	return mb->nnz;
}

static int trip_cmp(const void *a, const void *b)
{
	const trip *x = a, *y = b;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return 0;
}

/* Sort triplets and sum duplicates in place; drop sums that cancel. */
static long merge_trips(trip *t, long n)
{
	long m = 0;
	if (n == 0)
		return 0; /* t may be NULL: a model without coefficients */
	qsort(t, (size_t)n, sizeof *t, trip_cmp);
	for (long k = 0; k < n; k++) {
		if (m > 0 && t[m - 1].i == t[k].i && t[m - 1].j == t[k].j)
			t[m - 1].v += t[k].v;
		else
			t[m++] = t[k];
	}
	long w = 0;
	for (long k = 0; k < m; k++)
		if (t[k].v != 0)
			t[w++] = t[k];
	return w;
}

static const int glp_bnd[] = { GLP_FR, GLP_LO, GLP_UP, GLP_DB, GLP_FX };

static int bnd_type(bnds b)
{
	if (b.bnd == SG_DB && b.lb == b.ub)
		return GLP_FX;
	return glp_bnd[b.bnd];
}

static void load_cols(sg_mb *mb, glp_prob *lp)
{
	if (mb->ncol == 0)
		return;
	glp_add_cols(lp, mb->ncol);
	for (int j = 1; j <= mb->ncol; j++) {
		bnds b = mb->cb[j - 1];
		if (mb->bin[j - 1])
			glp_set_col_kind(lp, j, GLP_IV);
		glp_set_col_bnds(lp, j, bnd_type(b), b.lb,
				 b.bnd == SG_FX ? b.lb : b.ub);
		glp_set_obj_coef(lp, j, mb->cost[j - 1]);
		if (mb->names && mb->cname[j - 1])
			glp_set_col_name(lp, j, mb->cname[j - 1]);
	}
}

static void load_rows(sg_mb *mb, glp_prob *lp)
{
	if (mb->nrow == 0)
		return;
	glp_add_rows(lp, mb->nrow);
	for (int i = 1; i <= mb->nrow; i++) {
		bnds b = mb->rb[i - 1];
		glp_set_row_bnds(lp, i, bnd_type(b), b.lb,
				 b.bnd == SG_FX ? b.lb : b.ub);
		if (mb->names && mb->rname[i - 1])
			glp_set_row_name(lp, i, mb->rname[i - 1]);
	}
}

struct glp_prob *sg_mb_finish(sg_mb *mb)
{
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	load_cols(mb, lp);
	load_rows(mb, lp);
	long n = merge_trips(mb->t, mb->nnz);
	mb->nnz = n;
	if (n > 0) {
		int *ia = sg_xmalloc((size_t)(n + 1) * sizeof *ia);
		int *ja = sg_xmalloc((size_t)(n + 1) * sizeof *ja);
		double *ar = sg_xmalloc((size_t)(n + 1) * sizeof *ar);
		for (long k = 0; k < n; k++) {
			ia[k + 1] = mb->t[k].i;
			ja[k + 1] = mb->t[k].j;
			ar[k + 1] = mb->t[k].v;
		}
		glp_load_matrix(lp, (int)n, ia, ja, ar);
		free(ia);
		free(ja);
		free(ar);
	}
	return lp;
}
