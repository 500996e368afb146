/*
 * load_rows.c - phase 2 of the loader: the header, records -> rows, and the
 * merge of a what-if file into the base rows (see load_int.h).
 *
 * A row is kept when its section, name and attribute are valid; its value
 * and quarter cells are checked later (load.c), on the merged rows.  An
 * entity exists as soon as a row of its own section names it with a valid
 * name, whatever that row's attribute, so that one bad attribute does not
 * also make every reference to the entity fail.
 */
#include "load_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INF HUGE_VAL

const char *const sg_ld_secname[NSEC] = {
	"plan", "fab", "product", "platform", "site", "region", "option",
	"uncertainty"
};

/* name, section, ts, pair, kind, lo, hi, lo_open, noscale, default */
const ld_attr sg_ld_attr[NATTR] = {
	[A_DISCOUNT] = { "discount_rate", SEC_PLAN, 0, -1, VK_NUM, -1, INF,
			 1, 1, 0 },
	[A_MIPGAP] = { "mip_gap", SEC_PLAN, 0, -1, VK_NUM, 0, INF, 0, 1,
		       1e-4 },
	[A_TLIMIT] = { "time_limit", SEC_PLAN, 0, -1, VK_NUM, 0, INF, 0, 1,
		       0 },
	[A_SCEN] = { "scenarios", SEC_PLAN, 0, -1, VK_INT, 0, 1e9,
		     0, 1, 0 },
	[A_SEED] = { "seed", SEC_PLAN, 0, -1, VK_INT, 0, 4294967295.0, 0, 1,
		     1 },
	[A_WAFCAP] = { "wafer_capacity", SEC_FAB, 1, -1, VK_NUM, 0, INF, 0,
		       0, 0 },
	[A_UPW] = { "units_per_wafer", SEC_FAB, 0, SEC_PROD, VK_NUM, 0, INF,
		    0, 0, 0 },
	[A_WAFCOST] = { "wafer_cost", SEC_FAB, 0, SEC_PROD, VK_NUM, 0, INF,
			0, 0, 0 },
	[A_PLEAD] = { "lead_quarters", SEC_PROD, 0, -1, VK_INT, 0, INF, 0,
		      1, 0 },
	[A_INITINV] = { "initial_inventory", SEC_PROD, 0, -1, VK_NUM, 0,
			INF, 0, 0, 0 },
	[A_SCHED] = { "scheduled_output", SEC_PROD, 1, -1, VK_NUM, 0, INF,
		      0, 0, 0 },
	[A_HOLD] = { "holding_cost", SEC_PROD, 0, -1, VK_NUM, 0, INF, 0, 0,
		     0 },
	[A_CONTRACT] = { "contract", SEC_PROD, 1, -1, VK_NUM, 0, INF, 0, 0,
			 0 },
	[A_SHORTPEN] = { "shortfall_penalty", SEC_PROD, 0, -1, VK_NUM, 0,
			 INF, 0, 0, 0 },
	[A_KW] = { "kw_per_rack", SEC_PLAT, 0, -1, VK_NUM, 0, INF, 1, 0, 0 },
	[A_COMPUTE] = { "compute_per_rack", SEC_PLAT, 0, -1, VK_NUM, 0, INF,
			0, 0, 0 },
	[A_RACKCOST] = { "rack_cost", SEC_PLAT, 1, -1, VK_NUM, 0, INF, 0, 0,
			 0 },
	[A_MEMORY] = { "memory", SEC_PLAT, 0, SEC_PROD, VK_NUM, 0, INF, 0,
		       0, 0 },
	[A_FIRSTQ] = { "first_quarter", SEC_PLAT, 0, -1, VK_LABEL, 0, 0, 0,
		       1, 1 },
	[A_GRID] = { "grid_mw", SEC_SITE, 1, -1, VK_NUM, 0, INF, 0, 0, 0 },
	[A_PUE] = { "pue", SEC_SITE, 0, -1, VK_NUM, 1, INF, 0, 0, 1 },
	[A_LF] = { "load_factor", SEC_SITE, 0, -1, VK_NUM, 0, 1, 0, 0, 1 },
	[A_EPRICE] = { "energy_price", SEC_SITE, 1, -1, VK_NUM, 0, INF, 0,
		       0, 0 },
	[A_INITIT] = { "initial_it_mw", SEC_SITE, 0, -1, VK_NUM, 0, INF, 0,
		       0, 0 },
	[A_IRACKS] = { "initial_racks", SEC_SITE, 0, SEC_PLAT, VK_NUM, 0,
		       INF, 0, 0, 0 },
	[A_SERVE] = { "serve_cost", SEC_SITE, 0, SEC_REG, VK_NUM, 0, INF, 0,
		      0, 0 },
	[A_DEMAND] = { "demand", SEC_REG, 1, -1, VK_NUM, 0, INF, 0, 0, 0 },
	[A_UNSERVED] = { "unserved_penalty", SEC_REG, 0, -1, VK_NUM, 0, INF,
			 0, 0, 0 },
	[A_TARGET] = { "target", SEC_OPT, 0, -1, VK_TARGET, 0, 0, 0, 1, 0 },
	[A_CAP] = { "capacity", SEC_OPT, 0, -1, VK_NUM, 0, INF, 0, 0, 0 },
	[A_CAPEX] = { "capex", SEC_OPT, 0, -1, VK_NUM, 0, INF, 0, 0, 0 },
	[A_OPEX] = { "opex", SEC_OPT, 0, -1, VK_NUM, 0, INF, 0, 0, 0 },
	[A_EARLIEST] = { "earliest", SEC_OPT, 0, -1, VK_LABEL, 0, 0, 0, 1,
			 1 },
	[A_OLEAD] = { "lead_quarters", SEC_OPT, 0, -1, VK_INT, 0, INF, 0, 1,
		      0 },
	[A_COMMITTED] = { "committed", SEC_OPT, 0, -1, VK_BOOL, 0, 1, 0, 1,
			  0 },
	[A_REQUIRES] = { "requires", SEC_OPT, 0, -1, VK_OPTION, 0, 0, 0, 1,
			 -1 },
	[A_VOL] = { "volatility", SEC_UNC, 0, -1, VK_NUM, 0, INF, 0, 0, 0 },
	[A_CORR] = { "correlation", SEC_UNC, 0, -1, VK_NUM, 0, 1, 0, 0, 0 },
	[A_DPROB] = { "delay_probability", SEC_UNC, 0, -1, VK_NUM, 0, 1, 0,
		      0, 0 },
	[A_DQ] = { "delay_quarters", SEC_UNC, 0, -1, VK_INT, 0, INF, 0, 1,
		   0 },
};

static const char *const ukname[] = { "demand", "energy_price", "grid" };
static const char *const pairword[NSEC] = {
	[SEC_PROD] = "PRODUCT", [SEC_PLAT] = "PLATFORM", [SEC_REG] = "REGION"
};

/* ---- string map ------------------------------------------------------- */

static size_t hash(const char *k, size_t n)
{
	size_t h = 1469598103934665603u & SIZE_MAX, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211u;
	return h;
}

static size_t slot_of(const ld_map *m, const char *k, size_t n)
{
	size_t i = hash(k, n) & (m->cap - 1);

	while (m->s[i].k &&
	       (m->s[i].n != n || memcmp(m->s[i].k, k, n) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int sg_ld_map_get(const ld_map *m, const char *k, size_t n)
{
	size_t i;

	if (!m->cap)
		return -1;
	i = slot_of(m, k, n);
	return m->s[i].k ? m->s[i].v : -1;
}

void sg_ld_map_put(ld_map *m, const char *k, size_t n, int v)
{
	size_t i;

	if (2 * (m->used + 1) > m->cap) {
		ld_map g;
		g.cap = m->cap ? 2 * m->cap : 64;
		g.used = 0;
		g.s = sg_xcalloc(g.cap, sizeof(*g.s));
		for (i = 0; i < m->cap; i++)
			if (m->s[i].k)
				sg_ld_map_put(&g, m->s[i].k, m->s[i].n,
					      m->s[i].v);
		free(m->s);
		*m = g;
	}
	i = slot_of(m, k, n);
	if (!m->s[i].k)
		m->used++;
	m->s[i].k = k;
	m->s[i].n = n;
	m->s[i].v = v;
}

void sg_ld_map_free(ld_map *m)
{
	free(m->s);
	memset(m, 0, sizeof *m);
}

/* ---- small helpers ---------------------------------------------------- */

char *sg_ld_strip(ld *L, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return sg_arena_strndup(L->scr, s, n);
}

/* FORMAT.md's split of 'attr:NAME', a target or an uncertainty name: at
 * the first colon, both parts stripped.  Returns the part before it (all
 * of s when there is none) and sets *tail to the part after, or NULL. */
char *sg_ld_split(ld *L, const char *s, char **tail)
{
	const char *c = strchr(s, ':');

	*tail = c ? sg_ld_strip(L, c + 1, strlen(c + 1)) : NULL;
	return sg_ld_strip(L, s, c ? (size_t)(c - s) : strlen(s));
}

static char *fmt(ld *L, const char *f, const char *a, const char *b)
{
	size_t n = strlen(f) + strlen(a) + strlen(b) + 1;
	char *s = sg_arena_alloc(L->scr, n);
	snprintf(s, n, f, a, b);
	return s;
}

/* The closest candidate, or NULL; none once errors pile up (the cost is
 * quadratic and only the first SG_DIAG_MAX_ERRORS are printed). */
const char *sg_ld_suggest(ld *L, const char *s, const char *const *c, int n)
{
	if (sg_ld_nerr(L) > 4 * SG_DIAG_MAX_ERRORS)
		return NULL;
	return sg_diag_suggest(s, c, n);
}

/* " (did you mean 'x'?)" or "". */
const char *sg_ld_dym(ld *L, const char *sugg)
{
	return sugg ? fmt(L, " (did you mean '%s'?)%s", sugg, "") : "";
}

char *sg_ld_rowkey(ld *L, int sec, const char *name, int attr,
		   const char *other)
{
	size_t n = strlen(name) + (other ? strlen(other) : 0) + 48;
	char *k = sg_arena_alloc(L->scr, n);

	snprintf(k, n, "%d.%d.%zu.%s:%s", sec, attr, strlen(name), name,
		 other ? other : "");
	return k;
}

int sg_ld_parse_label(const char *s, int *abs)
{
	int i;

	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	if (s[4] != 'Q' || s[5] < '1' || s[5] > '4' || s[6])
		return -1;
	*abs = ((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		(s[2] - '0') * 10 + (s[3] - '0')) * 4 + (s[5] - '1');
	return 0;
}

const char *sg_ld_label_hint(ld *L, const char *s)
{
	int year = -1, q = -1, abs;
	for (const char *c = s; *c;) {
		if (c[0] >= '0' && c[0] <= '9' && year < 0 &&
		    strspn(c, "0123456789") == 4) {
			year = atoi(c);
			c += 4;
		} else if ((c[0] == 'Q' || c[0] == 'q') && c[1] >= '1' &&
			   c[1] <= '4' && q < 0) {
			q = c[1] - '0';
			c += 2;
		} else if (strchr(" -_/", c[0])) {
			c++;
		} else {
			return "";
		}
	}
	char label[32];
	if (year < 0 || q < 0)
		return "";
	snprintf(label, sizeof label, "%04dQ%d", year, q);
	if (strcmp(label, s) == 0 || sg_ld_parse_label(label, &abs) < 0)
		return "";
	return sg_ld_dym(L, sg_arena_strdup(L->scr, label));
}

static void label_of(int abs, char buf[8])
{
	sg_plan p;

	memset(&p, 0, sizeof p);
	p.q0 = 1;
	sg_plan_quarter_label(&p, abs + 1, buf);
}

void sg_ld_tab_free(ld_tab *t)
{
	free(t->rec);
	free(t->rows);
	sg_ld_map_free(&t->keys);
}

/* ---- header ----------------------------------------------------------- */

enum { H_SEC, H_NAME, H_ATTR, H_VAL, H_UNIT, H_NOTE, H_SOURCE, NHW };
static const char *const hword[NHW] = {
	"section", "name", "attribute", "value", "unit", "note", "source"
};

struct hq {
	int abs; /* year*4 + q-1 */
	int col; /* header column */
};

/* A key word or unit/note/source at column i; seen[] holds columns. */
static int head_word(ld *L, ld_tab *t, int i, int w, int *seen)
{
	const ld_fld *f = &t->rec[0].f[i];
	int k;

	if (seen[w] >= 0)
		return sg_diag_error(L->dg, f->loc, "duplicate column '%s' "
				     "in the header", f->s);
	seen[w] = i;
	if (w >= H_UNIT) {
		t->cign[i] = 1;
		return 0;
	}
	for (k = w + 1; k <= H_VAL; k++)
		if (seen[k] >= 0)
			return sg_diag_error(L->dg, f->loc, "column '%s' in "
					     "the header must come before "
					     "'%s'", f->s, hword[k]);
	return 0;
}

/* Does header cell s look meant as a quarter label (and so get that
 * error, not "unknown column")? */
static int label_like(ld *L, const char *s)
{
	return (s[0] >= '0' && s[0] <= '9') || *sg_ld_label_hint(L, s);
}

/* Classify header column i; quarters are appended to q. */
static int head_col(ld *L, ld_tab *t, int i, int *seen, struct hq *q,
		    int *nq)
{
	const ld_fld *f = &t->rec[0].f[i];
	int w, abs;

	for (w = 0; w < NHW; w++)
		if (strcmp(f->s, hword[w]) == 0)
			return head_word(L, t, i, w, seen);
	if (sg_ld_parse_label(f->s, &abs) == 0) {
		q[*nq].abs = abs;
		q[(*nq)++].col = i;
		return 0;
	}
	if (!*f->s)
		return sg_diag_error(L->dg, f->loc, "empty column name in the "
				     "header");
	if (label_like(L, f->s))
		return sg_diag_error(L->dg, f->loc, "'%s' in the header is "
				     "not a quarter label (YYYYQn, n from 1 "
				     "to 4)%s", f->s,
				     sg_ld_label_hint(L, f->s));
	const char *dym = sg_ld_suggest(L, f->s, hword, NHW);
	/* 'Section' for 'section': the key word is missing for that reason
	 * only, said here (-2: head_keys says no more of it) */
	for (w = H_SEC; w <= H_VAL; w++)
		if (dym == hword[w] && seen[w] == -1)
			seen[w] = -2;
	return sg_diag_error(L->dg, f->loc, "unknown column '%s' in the "
			     "header%s", f->s, sg_ld_dym(L, dym));
}

/* Base: quarters ascending, consecutive, unique; defines the horizon. */
static int head_base_q(ld *L, ld_tab *t, const struct hq *q, int nq)
{
	int k, bad = 0;
	char a[8], b[8];

	for (k = 0; nq == 0 && k < t->rec[0].nf; k++)
		if (label_like(L, t->rec[0].f[k].s))
			return -1; /* "not a quarter label" says it */
	if (nq == 0)
		return sg_diag_error(L->dg, t->rec[0].f[0].loc, "the header "
				     "has no quarter column (YYYYQn, e.g. "
				     "2025Q1)");
	for (k = 1; k < nq; k++) {
		const ld_fld *f = &t->rec[0].f[q[k].col];
		int prev = q[k - 1].abs;
		label_of(prev, a);
		label_of(prev + 1, b);
		if (q[k].abs == prev ||
		    (!bad && q[k].abs < prev && q[k].abs >= q[0].abs))
			bad = sg_diag_error(L->dg, f->loc, "duplicate quarter "
					    "column '%s' in the header", f->s);
		else if (q[k].abs < prev)
			bad = sg_diag_error(L->dg, f->loc, "quarter column "
					    "'%s' in the header comes after "
					    "'%s': quarters must ascend", f->s,
					    a);
		else if (q[k].abs > prev + 1)
			bad = sg_diag_error(L->dg, f->loc, "quarter column "
					    "'%s' in the header follows '%s': "
					    "quarters must be consecutive (%s "
					    "is missing)", f->s, a, b);
	}
	if (bad)
		return bad;
	L->T = nq;
	L->a0 = q[0].abs;
	for (k = 0; k < nq; k++)
		t->cq[q[k].col] = q[k].abs - L->a0;
	return 0;
}

/* What-if: any subset of the base quarters, each at most once, ascending
 * as the base's must (FORMAT.md: the same rules). */
static int head_wi_q(ld *L, ld_tab *t, const struct hq *q, int nq)
{
	unsigned char *seen = sg_arena_alloc(L->scr, (size_t)L->T + 1);
	int k, bad = 0, last = -1;
	char a[8], b[8];

	label_of(L->a0, a);
	label_of(L->a0 + L->T - 1, b);
	for (k = 0; k < nq; k++) {
		const ld_fld *f = &t->rec[0].f[q[k].col];
		int i = q[k].abs - L->a0;
		if (i < 0 || i >= L->T)
			bad = sg_diag_error(L->dg, f->loc, "quarter column "
					    "'%s' in the header is not in the "
					    "base horizon %s-%s", f->s, a, b);
		else if (seen[i])
			bad = sg_diag_error(L->dg, f->loc, "duplicate quarter "
					    "column '%s' in the header", f->s);
		else if (i < last) {
			char p[8];
			label_of(L->a0 + last, p);
			bad = sg_diag_error(L->dg, f->loc, "quarter column "
					    "'%s' in the header comes after "
					    "'%s': quarters must ascend", f->s,
					    p);
		} else
			seen[i] = 1, t->cq[q[k].col] = last = i;
	}
	return bad;
}

/* The four key words are present, quarters come after 'value'. */
static int head_keys(ld *L, const ld_rec *h, const int *seen,
		     const struct hq *q, int nq)
{
	const ld_fld *f;
	int i, bad = 0;

	for (i = 0; i < nq && seen[H_VAL] >= 0; i++) {
		f = &h->f[q[i].col];
		if (q[i].col < seen[H_VAL])
			bad = sg_diag_error(L->dg, f->loc, "quarter column "
					    "'%s' in the header must come "
					    "after 'value'", f->s);
	}
	for (i = H_SEC; i <= H_VAL; i++)
		if (seen[i] == -2) /* misspelt: reported at its column */
			bad = -1;
		else if (seen[i] < 0)
			bad = sg_diag_error(L->dg, h->f[0].loc, "the header "
					    "has no '%s' column (it must "
					    "start section,name,attribute,"
					    "value)", hword[i]);
	return bad;
}

/* Interpret the first record as the header.  Returns 0 or an error. */
int sg_ld_header(ld *L, ld_tab *t)
{
	const ld_rec *h;
	int i, last = 0, bad = 0, nq = 0, seen[NHW];
	struct hq *q;

	if (t->nrec == 0) {
		sg_loc l = { t->file, 1, 1 }; /* where the header belongs */
		return sg_diag_error(L->dg, l, "no header: the file %s "
				     "(expected a header "
				     "'section,name,attribute,value,"
				     "<quarters>')", t->empty ? "is empty" :
				     "has no rows but comments and empty "
				     "lines");
	}
	h = &t->rec[0];
	/* a spreadsheet's export with ';' (or tabs) between cells: one
	 * error, not one for each key column missing */
	const char *sep = strpbrk(h->f[0].s, ";\t");
	if (h->nf == 1 && sep && strncmp(h->f[0].s, "section", 7) == 0)
		return sg_diag_error(L->dg, h->f[0].loc, "the header is one "
				     "column, '%s': its cells are separated "
				     "by %s, but a plan file is comma-"
				     "separated CSV (save it as CSV with "
				     "commas)", h->f[0].s,
				     *sep == ';' ? "';'" : "tabs");
	t->ncol = h->nf;
	t->cq = sg_arena_alloc(L->scr, (size_t)h->nf * sizeof(int));
	t->cign = sg_arena_alloc(L->scr, (size_t)h->nf);
	t->chead = sg_arena_alloc(L->scr, (size_t)h->nf * sizeof(char *));
	q = sg_arena_alloc(L->scr, (size_t)h->nf * sizeof(*q));
	for (i = 0; i < NHW; i++)
		seen[i] = -1;
	for (i = 0; i < h->nf; i++)
		if (h->f[i].s[0])
			last = i;
	/* a column that cannot be used (unknown, a duplicate, no name) is
	 * an error, but the rows are still read without it, for their own
	 * errors (FORMAT.md: all errors of a file); without the key columns
	 * or a valid run of quarters they cannot be */
	for (i = 0; i < h->nf; i++) {
		t->cq[i] = -1;
		t->chead[i] = h->f[i].s;
		if (i > last)
			t->cign[i] = 2;
		else if (head_col(L, t, i, seen, q, &nq) < 0)
			t->cign[i] = 1;
	}
	for (i = H_SEC; i < H_VAL; i++) /* out of order: reported above */
		if (seen[i] >= 0 && seen[i + 1] >= 0 && seen[i] > seen[i + 1])
			bad = -1;
	if (head_keys(L, h, seen, q, nq) < 0)
		bad = -1;
	if (t->wi ? head_wi_q(L, t, q, nq) : head_base_q(L, t, q, nq))
		bad = -1;
	t->c_sec = seen[H_SEC];
	t->c_name = seen[H_NAME];
	t->c_attr = seen[H_ATTR];
	t->c_val = seen[H_VAL];
	t->ok = !bad;
	return bad ? SG_EDATA : 0;
}

/* ---- records -> rows -------------------------------------------------- */

static ld_fld getf(const ld_tab *t, const ld_rec *r, int c)
{
	ld_fld f;

	if (c < r->nf) {
		f = r->f[c];
	} else { /* padded: point at the row */
		memset(&f, 0, sizeof f);
		f.s = "";
		f.loc = r->f[0].loc;
		f.wi = (unsigned char)t->wi;
	}
	f.col = t->chead[c];
	return f;
}

/* Field i of r lies beyond the header's ncol columns. */
static void too_long(ld *L, const ld_rec *r, int ncol, int i)
{
	const ld_fld *f = &r->f[i];

	if (f->s[0])
		sg_diag_error(L->dg, f->loc, "row has %d fields but the "
			      "header has %d: '%s' is in column %d, which has "
			      "no header", r->nf, ncol, f->s, i + 1);
	else
		sg_diag_error(L->dg, f->loc, "row has %d fields but the "
			      "header has %d: column %d has no header", r->nf,
			      ncol, i + 1);
}

/* Quarter cells of r, in quarter order (a plan's and a what-if's quarter
 * columns ascend), and fields outside the header. */
static void row_cells(ld *L, const ld_tab *t, const ld_rec *r, ld_row *w)
{
	int i;

	w->cell = sg_arena_alloc(L->scr, (size_t)r->nf * sizeof(ld_cell));
	for (i = 0; i < r->nf; i++) {
		const ld_fld *f = &r->f[i];
		if (i >= t->ncol) {
			too_long(L, r, t->ncol, i);
			break;
		}
		/* copied from a web page, it looks like a space and is
		 * none: a name does not match, a number does not parse
		 * (said once per text: a name on every row of an entity) */
		size_t len = strlen(f->s);
		if (!t->cign[i] && strstr(f->s, "\xc2\xa0") &&
		    sg_ld_map_get(&L->nbsp, f->s, len) < 0) {
			sg_ld_map_put(&L->nbsp, sg_arena_strdup(L->scr, f->s),
				      len, 1);
			sg_diag_warning(L->dg, f->loc, "'%s' in column '%s' "
					"holds a non-breaking space (U+00A0), "
					"which is not a blank", f->s,
					t->chead[i]);
		}
		if (!f->s[0] || t->cq[i] < 0) {
			if (f->s[0] && t->cign[i] == 2)
				sg_diag_error(L->dg, f->loc, "'%s' is in "
					      "column %d, which has no header",
					      f->s, i + 1);
			continue;
		}
		w->cell[w->ncell].q = t->cq[i];
		w->cell[w->ncell].f = *f;
		w->cell[w->ncell++].f.col = t->chead[i];
	}
}

static char *lost_key(const ld *L, int sec, int attr, const char *name)
{
	size_t n = strlen(name) + 32;
	char *k = sg_arena_alloc(L->scr, n);
	snprintf(k, n, "%d:%d:%s", sec, attr, name);
	return k;
}

void sg_ld_lost(ld *L, int sec, int attr, const char *name)
{
	char *k = lost_key(L, sec, attr, name);
	sg_ld_map_put(&L->lost, k, strlen(k), 1);
}

void sg_ld_lose_row(ld *L, const char *sec, const char *name,
		    const char *attr)
{
	char *pair, *base = sg_ld_split(L, attr, &pair);
	int i = 0;
	while (i < NSEC && strcmp(sec, sg_ld_secname[i]) != 0)
		i++;
	for (int a = 0; i < NSEC && a < NATTR; a++)
		if (sg_ld_attr[a].sec == i && !strcmp(sg_ld_attr[a].name, base))
			sg_ld_lost(L, i, a, name);
}

static char *drop_key(const ld *L, sg_loc loc)
{
	const char *f = loc.file ? loc.file : "";
	size_t n = strlen(f) + 16;
	char *k = sg_arena_alloc(L->scr, n);
	snprintf(k, n, "%s:%d", f, loc.line);
	return k;
}

void sg_ld_drop(ld *L, const ld_row *w, int sec)
{
	char *k = drop_key(L, w->fsec.loc);
	sg_ld_map_put(&L->dropped, k, strlen(k), sec);
}

/* The section a row dropped before its attribute was read counts for: a
 * site's, platform's or option's when its attribute is one of theirs or
 * near one (a site's initial_it_mw on a region row was meant for the
 * site, and the racks check must wait for it), else its own. */
static int drop_sec(ld *L, const ld_row *w)
{
	const char *cand[NATTR];
	int n = 0;
	char *other, *base = sg_ld_split(L, w->fattr.s, &other);
	for (int i = 0; i < NATTR; i++) {
		int sec = sg_ld_attr[i].sec;
		if (sec != SEC_SITE && sec != SEC_PLAT && sec != SEC_OPT)
			continue;
		if (strcmp(base, sg_ld_attr[i].name) == 0)
			return sec;
		cand[n++] = sg_ld_attr[i].name;
	}
	return sg_ld_suggest(L, base, cand, n) ? SEC_SITE : w->sec;
}

int sg_ld_dropped_sec(const ld *L, sg_loc loc)
{
	char *k = drop_key(L, loc);
	return sg_ld_map_get(&L->dropped, k, strlen(k));
}

int sg_ld_was_lost(const ld *L, int sec, int attr, const char *name)
{
	char *k = lost_key(L, sec, attr, name);
	return sg_ld_map_get(&L->lost, k, strlen(k)) >= 0;
}

static int sec_of(ld *L, const ld_row *w)
{
	const ld_fld *f = &w->fsec;
	int i;

	if (!f->s[0])
		return sg_diag_error(L->dg, f->loc, "empty section in column "
				     "'%s'", f->col);
	for (i = 0; i < NSEC; i++)
		if (strcmp(f->s, sg_ld_secname[i]) == 0)
			return i;
	const char *s = sg_ld_suggest(L, f->s, sg_ld_secname, NSEC);
	for (i = 0; s && i < NSEC; i++)
		for (int a = 0; s == sg_ld_secname[i] && a < NATTR; a++)
			if (sg_ld_attr[a].sec == i &&
			    strcmp(sg_ld_attr[a].name, w->fattr.s) == 0)
				sg_ld_lost(L, i, a, w->fname.s);
	return sg_diag_error(L->dg, f->loc, "unknown section '%s' in column "
			     "'%s'%s", f->s, f->col, sg_ld_dym(L, s));
}

/* Uncertainty names: demand:REGION, demand:*, energy_price:SITE,
 * energy_price:*, grid:SITE. */
static int unc_name(ld *L, ld_row *w)
{
	const ld_fld *f = &w->fname;
	const char *c = strchr(f->s, ':');
	char *kind, *tgt;
	int k;

	if (!c)
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' is "
				     "not an uncertainty name: write "
				     "demand:REGION, demand:*, "
				     "energy_price:SITE, energy_price:* or "
				     "grid:SITE", f->s, f->col);
	kind = sg_ld_split(L, f->s, &tgt);
	for (k = 0; k < 3 && strcmp(kind, ukname[k]); k++)
		;
	if (k == 3) {
		const char *s = sg_ld_suggest(L, kind, ukname, 3);
		if (s)
			s = fmt(L, "%s:%s", s, tgt);
		return sg_diag_error(L->dg, f->loc, "unknown uncertainty "
				     "'%s' in column '%s'%s", f->s, f->col,
				     sg_ld_dym(L, s));
	}
	if (!tgt[0])
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' names "
				     "no %s", f->s, f->col,
				     k == U_DEMAND ? "region" : "site");
	if (k == U_GRID && strcmp(tgt, "*") == 0)
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s': grid "
				     "delays are per site (grid:SITE)", f->s,
				     f->col);
	w->ukind = k;
	w->ent = tgt;
	w->name = fmt(L, "%s:%s", ukname[k], tgt);
	return 0;
}

static int name_of(ld *L, ld_row *w)
{
	const ld_fld *f = &w->fname;

	if (w->sec == SEC_PLAN) {
		if (f->s[0])
			return sg_diag_error(L->dg, f->loc, "'%s' in column "
					     "'%s': plan rows have no name "
					     "(leave it empty)", f->s, f->col);
		w->name = w->ent = "";
		return 0;
	}
	if (!f->s[0])
		return sg_diag_error(L->dg, f->loc, "empty name in column "
				     "'%s'", f->col);
	if (strcmp(f->s, "*") == 0 && w->sec != SEC_UNC)
		return sg_diag_error(L->dg, f->loc, "'*' in column '%s' is not "
				     "a valid name%s", f->col, f->wi ?
				     " (a what-if row sets one entity: a row "
				     "for each, e.g. with '*F' in value)" :
				     "");
	if (w->sec == SEC_UNC)
		return unc_name(L, w);
	w->name = w->ent = f->s;
	return 0;
}

/* Do a and b differ only in their digits ("Pohang P4", "Pohang P2")? */
static int same_but_digits(const char *a, const char *b)
{
	for (;; a++, b++) {
		a += strspn(a, "0123456789");
		b += strspn(b, "0123456789");
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
	}
}

/* A what-if's new entity named like one of the base's is most likely a
 * typo: say so (FORMAT.md adds it all the same).  Not for another number
 * in a series (a phase "P4" beside "P2"), the usual what-if. */
static void warn_near_base(ld *L, const ld_row *w)
{
	ld_ents *E = &L->ent[w->sec];
	const char **base = sg_arena_alloc(L->scr, (size_t)E->n *
					   sizeof *base + 1);
	for (int k = 0; k < E->n; k++)
		base[k] = E->wnew[k] ? NULL : E->name[k];
	const char *s = sg_ld_suggest(L, w->name, base, E->n);
	if (s && !same_but_digits(s, w->name))
		sg_diag_warning(L->dg, w->fname.loc, "%s '%s' is not in the "
				"base plan, so this what-if adds it as a new "
				"%s (did you mean '%s'?)",
				sg_ld_secname[w->sec], w->name,
				sg_ld_secname[w->sec], s);
}

static void reg_entity(ld *L, const ld_row *w, int wi)
{
	ld_ents *E = &L->ent[w->sec];
	size_t n = strlen(w->name);

	if (w->sec == SEC_PLAN || w->sec == SEC_UNC ||
	    sg_ld_map_get(&E->map, w->name, n) >= 0)
		return;
	if (wi)
		warn_near_base(L, w);
	if (E->n == E->cap) {
		E->cap = E->cap ? 2 * E->cap : 16;
		E->name = sg_xrealloc(E->name, (size_t)E->cap * sizeof(char *));
		E->loc = sg_xrealloc(E->loc, (size_t)E->cap * sizeof(sg_loc));
		E->wnew = sg_xrealloc(E->wnew, (size_t)E->cap);
	}
	E->name[E->n] = sg_arena_strdup(L->p->arena, w->name);
	E->loc[E->n] = w->fsec.loc;
	E->wnew[E->n] = (unsigned char)wi;
	sg_ld_map_put(&E->map, E->name[E->n], n, E->n);
	E->n++;
}

/* Which uncertainty attributes go with which names. */
static int unc_attr_ok(ld *L, const ld_row *w, int id)
{
	const ld_fld *f = &w->fattr;
	int star = strcmp(w->ent, "*") == 0;

	if (id == A_CORR && (w->ukind == U_GRID || !star))
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' "
				     "applies only to 'demand:*' and "
				     "'energy_price:*', not to '%s'", f->s,
				     f->col, w->name);
	if (id == A_VOL && w->ukind == U_GRID)
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' does "
				     "not apply to '%s': grid delays take "
				     "delay_probability and delay_quarters",
				     f->s, f->col, w->name);
	if ((id == A_DPROB || id == A_DQ) && w->ukind != U_GRID)
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' "
				     "applies only to grid:SITE names, not "
				     "to '%s'", f->s, f->col, w->name);
	return 0;
}

static int attr_unknown(ld *L, const ld_row *w, const char *base,
			const char *other)
{
	const char *cand[NATTR], *s;
	int i, n = 0, id = -1;
	const ld_fld *f = &w->fattr;

	for (i = 0; i < NATTR; i++)
		if (sg_ld_attr[i].sec == w->sec)
			cand[n++] = sg_ld_attr[i].name;
	s = sg_ld_suggest(L, base, cand, n);
	for (i = 0; s && i < NATTR; i++)
		if (sg_ld_attr[i].sec == w->sec && s == sg_ld_attr[i].name)
			id = i;
	if (s && other && id >= 0 && sg_ld_attr[id].pair >= 0)
		s = fmt(L, "%s:%s", s, other);
	if (id >= 0)
		sg_ld_lost(L, w->sec, id, w->name);
	const char *hint = sg_ld_dym(L, s), *secs = NULL;
	for (i = 0; !s && i < NATTR; i++) /* a site's pue on a region row */
		if (strcmp(base, sg_ld_attr[i].name) == 0) {
			const char *n = sg_ld_secname[sg_ld_attr[i].sec];
			secs = secs ? fmt(L, "%s' or '%s", secs, n) : n;
		}
	if (secs)
		hint = fmt(L, " ('%s' is an attribute of section '%s')", base,
			   secs);
	return sg_diag_error(L->dg, f->loc, "unknown attribute '%s' for "
			     "section '%s' in column '%s'%s", f->s,
			     sg_ld_secname[w->sec], f->col, hint);
}

static int attr_of(ld *L, ld_row *w)
{
	const ld_fld *f = &w->fattr;
	char *base, *other;
	const ld_attr *a;
	int id;

	if (!f->s[0])
		return sg_diag_error(L->dg, f->loc, "empty attribute in column "
				     "'%s'", f->col);
	base = sg_ld_split(L, f->s, &other);
	for (id = 0; id < NATTR; id++)
		if (sg_ld_attr[id].sec == w->sec &&
		    strcmp(sg_ld_attr[id].name, base) == 0)
			break;
	if (id == NATTR)
		return attr_unknown(L, w, base, other);
	a = &sg_ld_attr[id];
	if (other && a->pair < 0)
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s': "
				     "'%s' takes no ':NAME'", f->s, f->col,
				     a->name);
	if (!other && a->pair >= 0)
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' must "
				     "name a %s: '%s:%s'", f->s, f->col,
				     sg_ld_secname[a->pair], a->name,
				     pairword[a->pair]);
	if (other && !other[0])
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' names "
				     "no %s", f->s, f->col,
				     sg_ld_secname[a->pair]);
	if (w->sec == SEC_UNC && unc_attr_ok(L, w, id) < 0)
		return SG_EDATA;
	w->attr = id;
	w->other = other;
	return 0;
}

/* A record -> a row, or NULL after reporting why not. */
static ld_row *mkrow(ld *L, ld_tab *t, const ld_rec *r)
{
	ld_row *w = sg_arena_alloc(L->scr, sizeof *w);
	int sec;

	w->fsec = getf(t, r, t->c_sec);
	w->fname = getf(t, r, t->c_name);
	w->fattr = getf(t, r, t->c_attr);
	w->fval = getf(t, r, t->c_val);
	row_cells(L, t, r, w);
	if ((sec = sec_of(L, w)) < 0)
		return NULL;
	w->sec = sec;
	if (name_of(L, w) < 0) {
		sg_ld_drop(L, w, drop_sec(L, w));
		return NULL;
	}
	reg_entity(L, w, t->wi);
	if (attr_of(L, w) < 0) {
		sg_ld_drop(L, w, drop_sec(L, w));
		return NULL;
	}
	w->key = sg_ld_rowkey(L, w->sec, w->name, w->attr, w->other);
	return w;
}

/* "site 'Pohang' pue", "plan mip_gap", "site 'Pohang' serve_cost:Korea" */
const char *sg_ld_rowdesc(ld *L, const ld_row *w)
{
	const char *a = sg_ld_attr[w->attr].name;

	if (w->other)
		a = fmt(L, "%s:%s", a, w->other);
	return fmt(L, "%s %s", sg_ld_owner(L, w), a);
}

/* Quarter cells on a scalar, and rows that set nothing. */
static void row_content(ld *L, ld_row *w)
{
	const ld_attr *a = &sg_ld_attr[w->attr];

	if (!a->ts && w->ncell) {
		const ld_fld *f = &w->cell[0].f;
		sg_diag_error(L->dg, f->loc, "'%s' in column '%s' is a quarter "
			      "cell, but %s is not a time series: give it in "
			      "'value'", f->s, f->col, a->name);
		w->ncell = 0;
		if (!w->fval.s[0]) {
			/* that error says what the row lacks: not "the
			 * row sets nothing" beside it */
			w->dead = 1;
			return;
		}
	}
	if (w->fval.s[0] || w->ncell)
		return;
	w->dead = 1;
	sg_diag_error(L->dg, w->fval.loc, "the row sets nothing: %s has an "
		      "empty '%s'%s", sg_ld_rowdesc(L, w), w->fval.col,
		      a->ts ? " and no quarter cell" : "");
}

static void push_row(ld_row ***v, int *n, int *cap, ld_row *w)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*v = sg_xrealloc(*v, (size_t)*cap * sizeof(ld_row *));
	}
	(*v)[(*n)++] = w;
}

/* Stage 1 for one file: every record after the header becomes a row. */
void sg_ld_rows(ld *L, ld_tab *t)
{
	int i, k;

	for (i = 1; i < t->nrec; i++) {
		ld_row *w = mkrow(L, t, &t->rec[i]);
		if (!w)
			continue;
		k = sg_ld_map_get(&t->keys, w->key, strlen(w->key));
		if (k >= 0) {
			sg_diag_error(L->dg, w->fsec.loc, "duplicate row: %s "
				      "(columns 'section', 'name', "
				      "'attribute') is already set on line %d",
				      sg_ld_rowdesc(L, w),
				      t->rows[k]->fsec.loc.line);
			sg_ld_drop(L, w, w->sec);
			continue;
		}
		row_content(L, w);
		sg_ld_map_put(&t->keys, w->key, strlen(w->key), t->nrows);
		push_row(&t->rows, &t->nrows, &t->caprows, w);
	}
}

/* The base rows become the merged rows. */
void sg_ld_take_base(ld *L, ld_tab *t)
{
	int i;

	for (i = 0; i < t->nrows; i++) {
		ld_row *w = t->rows[i];
		sg_ld_map_put(&L->keys, w->key, strlen(w->key), L->nrows);
		push_row(&L->rows, &L->nrows, &L->caprows, w);
	}
}

/* ---- what-if merge ---------------------------------------------------- */

static int is_star(const ld_fld *f)
{
	return f->s[0] == '*';
}

/* Is the entity of what-if row x new in the what-if? */
int sg_ld_is_new(ld *L, const ld_row *x)
{
	int sec = x->sec, k;

	if (sec == SEC_PLAN)
		return 0;
	if (sec == SEC_UNC) {
		if (strcmp(x->ent, "*") == 0)
			return 0;
		sec = x->ukind == U_DEMAND ? SEC_REG : SEC_SITE;
	}
	k = sg_ld_map_get(&L->ent[sec].map, x->ent, strlen(x->ent));
	return k >= 0 && L->ent[sec].wnew[k];
}

static int bad_factor(ld *L, const ld_fld *f)
{
	double v;

	if (sg_ld_factor(f->s, &v) == 0 && v >= 0)
		return 0;
	return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' is not a "
			     "factor: write *F with F a number >= 0", f->s,
			     f->col);
}

static int star_field(ld *L, const ld_row *x, const ld_fld *f)
{
	const ld_attr *a = &sg_ld_attr[x->attr];

	if (a->noscale)
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s': %s "
				     "cannot be scaled ('*F' applies to "
				     "quantities, not to %s)", f->s, f->col,
				     a->name, x->sec == SEC_PLAN ?
				     "plan settings" : a->vk == VK_INT ||
				     a->vk == VK_BOOL ? "integers" :
				     a->vk == VK_LABEL ? "quarter labels" :
				     "names");
	if (sg_ld_is_new(L, x))
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s': %s "
				     "is new in this what-if, so it has no "
				     "base value to scale", f->s, f->col,
				     sg_ld_owner(L, x));
	return bad_factor(L, f);
}

/* The '*F' rules of FORMAT.md "What-if files" for one row. */
static int star_check(ld *L, const ld_row *x)
{
	int i, bad = 0;

	if (is_star(&x->fval)) {
		if (star_field(L, x, &x->fval) < 0)
			return -1;
		if (x->ncell)
			return sg_diag_error(L->dg, x->cell[0].f.loc, "'%s' in "
					     "column '%s': the row scales its "
					     "value ('%s'), so it cannot also "
					     "set quarter cells",
					     x->cell[0].f.s, x->cell[0].f.col,
					     x->fval.s);
	}
	for (i = 0; i < x->ncell; i++)
		if (is_star(&x->cell[i].f) &&
		    star_field(L, x, &x->cell[i].f) < 0)
			bad = -1;
	return bad;
}

/* Write the non-empty fields of what-if row x into base row b. */
static void merge_into(ld *L, ld_row *b, const ld_row *x)
{
	ld_cell *c;
	int i = 0, j = 0, n = 0;

	if (!b->base) {
		ld_row *o = sg_arena_alloc(L->scr, sizeof *o);
		*o = *b;
		b->base = o;
	}
	if (x->fval.s[0])
		b->fval = x->fval;
	if (!x->ncell)
		return;
	c = sg_arena_alloc(L->scr,
			   (size_t)(b->ncell + x->ncell) * sizeof(ld_cell));
	while (i < b->ncell || j < x->ncell) {
		if (j == x->ncell ||
		    (i < b->ncell && b->cell[i].q < x->cell[j].q))
			c[n++] = b->cell[i++];
		else if (i < b->ncell && b->cell[i].q == x->cell[j].q)
			i++;
		else
			c[n++] = x->cell[j++];
	}
	b->cell = c;
	b->ncell = n;
}

/* Has the site of serve_cost row x a serve_cost row among the merged
 * rows, from the base (base) or added by the what-if (!base)? */
static int has_serve(ld *L, const ld_row *x, int base)
{
	for (int i = 0; i < L->nrows; i++) {
		const ld_row *r = L->rows[i];
		if (r->sec == SEC_SITE && r->attr == A_SERVE &&
		    (r->wadd == 0) == (base != 0) &&
		    strcmp(r->name, x->name) == 0)
			return 1;
	}
	return 0;
}

/* serve_cost rows of x's site in what-if w (rows that set nothing aside). */
static int serve_rows(const ld_tab *w, const ld_row *x)
{
	int n = 0;
	for (int i = 0; i < w->nrows; i++) {
		const ld_row *r = w->rows[i];
		n += !r->dead && r->sec == SEC_SITE && r->attr == A_SERVE &&
		     strcmp(r->name, x->name) == 0;
	}
	return n;
}

/* Merge what-if file w into the merged rows (base rows so far). */
void sg_ld_merge(ld *L, ld_tab *w)
{
	int i, k;

	for (i = 0; i < w->nrows; i++) {
		ld_row *x = w->rows[i];
		if (x->dead || star_check(L, x) < 0)
			continue;
		k = sg_ld_map_get(&L->keys, x->key, strlen(x->key));
		if (k >= 0) {
			merge_into(L, L->rows[k], x);
			continue;
		}
		/* MODEL.md: a site with no serve_cost row links to every
		 * region, one with any only to those it names (unless the
		 * what-if names them all) */
		if (x->sec == SEC_SITE && x->attr == A_SERVE &&
		    !sg_ld_is_new(L, x) && !has_serve(L, x, 1) &&
		    !has_serve(L, x, 0) &&
		    serve_rows(w, x) < L->ent[SEC_REG].n)
			sg_diag_warning(L->dg, x->fattr.loc, "site '%s' has "
					"no serve_cost row in the base plan, "
					"so it serves every region; with this "
					"one it serves only the regions its "
					"serve_cost rows name", x->name);
		x->wadd = 1;
		sg_ld_map_put(&L->keys, x->key, strlen(x->key), L->nrows);
		push_row(&L->rows, &L->nrows, &L->caprows, x);
	}
}
