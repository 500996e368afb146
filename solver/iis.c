/*
 * iis.c - infeasibility traced to cells: an irreducible infeasible set of
 * the LP relaxation of MODEL.md, every option as early as it may be, and
 * for each of its constraints the input cells that set it.
 *
 * The relaxation is md->lp with ON continuous in [0, 1] inside its timing
 * bounds (phasing.c); by MODEL.md it is infeasible exactly when the MIP
 * is.  Only constraints the input sets are candidates ("soft"); the rest
 * of the model (rack balances after the first quarter, serving, stock,
 * nonnegativity, ON <= 1, monotone ON) always stays, because U, SE and
 * W = 0 leave them feasible on their own:
 *   rack(a,s,1) with initial racks      site initial_racks:A, kw_per_rack
 *   it(s,t)                             site initial_it_mw
 *   grid(s,t)                           site grid_mw (quarter t), pue
 *   requires(k,t)                       option requires
 *   ON[k,t] fixed at 0 (t < on_first)   option earliest / lead_quarters /
 *                                       requires, along the chain
 *   ON[k,t] fixed at 1 (committed)      option committed, earliest
 * Deletion filter, in groups: drop a group of candidates (rows made free,
 * ON fixings relaxed to [0, 1]); if the rest is still infeasible the group
 * is gone for good, else it is restored and split in two, down to single
 * candidates, which are then in the set.  Every candidate kept was
 * necessary when it was tested alone, and dropping more later cannot make
 * it unnecessary, so the result is irreducible (among the candidates) in
 * O(size * log(candidates)) LP solves, each warm-started.
 */
#include "sgplan/trust.h"

#include <glpk.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"

enum mkind { M_RACK, M_IT, M_GRID, M_ON0, M_ON1, M_PREC };

typedef struct member {
	int kind;         /* enum mkind */
	int a, s, k, t;   /* platform, site, option, quarter as applicable */
	int idx;          /* GLPK row (rows) or column (ON) */
	int type;         /* original bound type ... */
	double lb, ub;    /* ... and bounds */
	int gone;         /* dropped for good */
	int ord;          /* order of creation: kind, entity, quarter */
} member;

struct sg_iis {
	member *m; /* [n] the set, in candidate order */
	int n;
};

typedef struct cands {
	member *m;
	int n, cap;
} cands;

static member mem(int kind, int a, int s, int k, int t, int idx)
{
	member x = { 0 };
	x.kind = kind;
	x.a = a;
	x.s = s;
	x.k = k;
	x.t = t;
	x.idx = idx;
	return x;
}

static void add(cands *c, glp_prob *lp, member x)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->m = sg_xrealloc(c->m, (size_t)c->cap * sizeof *c->m);
	}
	if (x.kind == M_ON0 || x.kind == M_ON1) {
		x.type = glp_get_col_type(lp, x.idx);
		x.lb = glp_get_col_lb(lp, x.idx);
		x.ub = glp_get_col_ub(lp, x.idx);
	} else {
		x.type = glp_get_row_type(lp, x.idx);
		x.lb = glp_get_row_lb(lp, x.idx);
		x.ub = glp_get_row_ub(lp, x.idx);
	}
	x.ord = c->n;
	c->m[c->n++] = x;
}

/* Later quarters first, so the filter drops them first and keeps, among
 * equivalent sets, the one of the earliest quarter (the quarter the
 * pre-solve message names). */
static int by_quarter_desc(const void *pa, const void *pb)
{
	const member *a = pa, *b = pb;
	if (a->t != b->t)
		return a->t > b->t ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

/* Printing order: as created (racks, sites, options). */
static int by_ord(const void *pa, const void *pb)
{
	const member *a = pa, *b = pb;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

static void site_cands(const sg_model *md, glp_prob *lp, cands *c)
{
	const sg_plan *P = md->plan;
	for (int s = 0; s < P->nsite; s++)
		for (int a = 0; a < P->nplat; a++)
			if (P->site[s].initial_racks[a] > 0)
				add(c, lp, mem(M_RACK, a, s, -1, 1,
					sg_col_AS(md, md->m.rack, a, s, 1)));
	for (int s = 0; s < P->nsite; s++)
		for (int t = 1; t <= P->T; t++) {
			add(c, lp, mem(M_IT, -1, s, -1, t,
				sg_idx_pt(md, md->m.it, s, t)));
			add(c, lp, mem(M_GRID, -1, s, -1, t,
				sg_idx_pt(md, md->m.grid, s, t)));
		}
}

/* ON fixings, then requires rows in phasing.c's order. */
static void option_cands(const sg_model *md, glp_prob *lp, cands *c)
{
	const sg_plan *P = md->plan;
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++) {
			int j = sg_idx_pt(md, md->m.ON, k, t);
			if (glp_get_col_type(lp, j) != GLP_FX)
				continue;
			int one = glp_get_col_lb(lp, j) > 0.5;
			add(c, lp, mem(one ? M_ON1 : M_ON0, -1, -1, k, t, j));
		}
	int i = md->m.prec;
	for (int k = 0; k < P->nopt; k++) {
		if (P->opt[k].requires < 0)
			continue;
		for (int t = 1; t <= P->T; t++)
			if (t >= md->on_first[k] && t < md->on_forced[k])
				add(c, lp, mem(M_PREC, -1, -1, k, t, i++));
	}
}

static void drop(glp_prob *lp, const member *x)
{
	if (x->kind == M_ON0 || x->kind == M_ON1)
		glp_set_col_bnds(lp, x->idx, GLP_DB, 0, 1);
	else
		glp_set_row_bnds(lp, x->idx, GLP_FR, 0, 0);
}

static void restore(glp_prob *lp, const member *x)
{
	if (x->kind == M_ON0 || x->kind == M_ON1)
		glp_set_col_bnds(lp, x->idx, x->type, x->lb, x->ub);
	else
		glp_set_row_bnds(lp, x->idx, x->type, x->lb, x->ub);
}

/* 1 feasible, 0 infeasible, -1 GLPK failed. */
static int feasible(glp_prob *lp)
{
	int st = sg_lp_simplex(lp);
	if (st == GLP_UNDEF)
		return -1;
	return st == GLP_NOFEAS ? 0 : st == GLP_OPT ? 1 : -1;
}

/* Deletion filter on the live candidates of m[lo, hi). */
static int filter(glp_prob *lp, member *m, int lo, int hi)
{
	int live = 0;
	for (int i = lo; i < hi; i++)
		if (!m[i].gone) {
			drop(lp, &m[i]);
			live++;
		}
	if (live == 0)
		return 0;
	int f = feasible(lp);
	if (f < 0)
		return SG_EINTERNAL;
	if (f == 0) {
		for (int i = lo; i < hi; i++)
			m[i].gone = 1;
		return 0;
	}
	for (int i = lo; i < hi; i++)
		if (!m[i].gone)
			restore(lp, &m[i]);
	if (live == 1)
		return 0; /* necessary: it stays */
	int mid = lo + (hi - lo) / 2, rc = filter(lp, m, lo, mid);
	return rc < 0 ? rc : filter(lp, m, mid, hi);
}

/* The relaxation: ON continuous, no objective (feasibility only). */
static glp_prob *relaxation(const sg_model *md)
{
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, md->lp, GLP_OFF);
	int n = glp_get_num_cols(lp);
	for (int j = 1; j <= n; j++) {
		glp_set_obj_coef(lp, j, 0);
		if (glp_get_col_kind(lp, j) != GLP_CV)
			glp_set_col_kind(lp, j, GLP_CV);
	}
	glp_adv_basis(lp, 0);
	return lp;
}

int sg_iis_find(const sg_model *md, sg_iis **out)
{
	*out = NULL;
	glp_prob *lp = relaxation(md);
	cands c = { 0 };
	site_cands(md, lp, &c);
	option_cands(md, lp, &c);
	qsort(c.m, (size_t)c.n, sizeof *c.m, by_quarter_desc);
	int rc = feasible(lp);
	if (rc == 0)
		rc = filter(lp, c.m, 0, c.n);
	else
		rc = rc < 0 ? SG_EINTERNAL : 1;
	glp_delete_prob(lp);
	if (rc == 0) {
		sg_iis *iis = sg_xcalloc(1, sizeof *iis);
		iis->m = sg_xcalloc((size_t)c.n + 1, sizeof(member));
		for (int i = 0; i < c.n; i++)
			if (!c.m[i].gone)
				iis->m[iis->n++] = c.m[i];
		qsort(iis->m, (size_t)iis->n, sizeof *iis->m, by_ord);
		*out = iis;
	}
	free(c.m);
	return rc < 0 ? rc : 0;
}

int sg_iis_size(const sg_iis *iis)
{
	return iis ? iis->n : 0;
}

void sg_iis_free(sg_iis *iis)
{
	if (!iis)
		return;
	free(iis->m);
	free(iis);
}

/* ---- printing: one note per input cell ------------------------------- */

/* "FILE:LINE:COLUMN: note: ..." at loc, else at the entity's first row
 * (alt), else "sgplan: note: ...", with the control characters of names
 * escaped as in every message (sg_put_plain). */
static void note(FILE *f, sg_loc loc, sg_loc alt, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void note(FILE *f, sg_loc loc, sg_loc alt, const char *fmt, ...)
{
	va_list ap, aq;
	if (!loc.file || loc.line <= 0)
		loc = alt;
	if (loc.file && loc.line > 0) {
		sg_put_plain(f, loc.file);
		fprintf(f, ":%d:%d: note: ", loc.line, loc.col);
	} else {
		fputs("sgplan: note: ", f);
	}
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *s = sg_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	sg_put_plain(f, s);
	free(s);
	putc('\n', f);
}

static const char *given(sg_loc l)
{
	return l.line > 0 ? "" : " (not given: the default)";
}

static void print_rack(FILE *f, const sg_plan *P, const member *x)
{
	const sg_site *S = &P->site[x->s];
	const sg_platform *A = &P->plat[x->a];
	char attr[300];
	snprintf(attr, sizeof attr, "initial_racks:%s", A->name);
	double n = S->initial_racks[x->a];
	note(f, sg_plan_where(P, "site", S->name, attr, 0), S->racks_loc,
	     "site '%s' %s = %.10g: racks there from %s on, never retired",
	     S->name, attr, n, P->qlabel[0]);
	sg_loc kw = sg_plan_where(P, "platform", A->name, "kw_per_rack", 0);
	note(f, kw, A->loc, "platform '%s' kw_per_rack = %.10g: the %.10g "
	     "initial racks at '%s' load %.10g MW of IT", A->name,
	     A->kw_per_rack, n, S->name, n * A->kw_per_rack / 1000);
}

static void print_site(FILE *f, const sg_plan *P, const member *x)
{
	const sg_site *S = &P->site[x->s];
	const char *q = P->qlabel[x->t - 1];
	if (x->kind == M_IT) {
		sg_loc l = sg_plan_where(P, "site", S->name, "initial_it_mw",
					 0);
		note(f, l, S->loc, "site '%s' initial_it_mw = %.10g%s: IT "
		     "load at '%s' in %s is at most this plus its site:%s "
		     "options online", S->name, S->initial_it_mw, given(l),
		     S->name, q, S->name);
		return;
	}
	sg_loc l = sg_plan_where(P, "site", S->name, "grid_mw", x->t);
	note(f, l, S->loc, "site '%s' grid_mw = %.10g in %s%s: pue x IT load "
	     "at '%s' is at most this plus its grid:%s options online",
	     S->name, S->grid_mw[x->t - 1], q, given(l), S->name, S->name);
	sg_loc pl = sg_plan_where(P, "site", S->name, "pue", 0);
	if (pl.line > 0)
		note(f, pl, S->loc, "site '%s' pue = %.10g: grid MW drawn per "
		     "MW of IT load", S->name, S->pue);
}

/* "10 MW of site:S capacity", "3000 wafers of fab:F capacity". */
static const char *capacity_text(const sg_plan *P, const sg_option *o,
				 char *buf, size_t n)
{
	int fab = o->kind == SG_TARGET_FAB;
	snprintf(buf, n, "%.10g %s of %s:%s capacity", o->capacity,
		 fab ? "wafers" : "MW", fab ? "fab" : o->kind == SG_TARGET_SITE
		 ? "site" : "grid", fab ? P->fab[o->target].name :
		 P->site[o->target].name);
	return buf;
}

/* Why option k cannot be online in t, along its requires chain. */
static void print_off(FILE *f, const sg_model *md, int k, int t)
{
	const sg_plan *P = md->plan;
	for (int hop = 0; k >= 0 && hop <= P->nopt; hop++) {
		const sg_option *o = &P->opt[k];
		int e = o->earliest < 1 ? 1 : o->earliest;
		char q[8], qe[8], cap[600];
		sg_plan_quarter_label(P, t, q);
		if (e > t) {
			sg_plan_quarter_label(P, e, qe);
			note(f, sg_plan_where(P, "option", o->name, "earliest",
					      0), o->loc,
			     "option '%s' earliest = %s: its %s is not online "
			     "in %s", o->name, qe,
			     capacity_text(P, o, cap, sizeof cap), q);
			return;
		}
		if (!o->committed && 1 + o->lead_quarters > t) {
			note(f, sg_plan_where(P, "option", o->name,
					      "lead_quarters", 0), o->loc,
			     "option '%s' lead_quarters = %d%s: built inside "
			     "the horizon, its %s is not online in %s",
			     o->name, o->lead_quarters,
			     o->lead_quarters == SG_QUARTERS_MAX ? " or more" :
			     "",
			     capacity_text(P, o, cap, sizeof cap), q);
			return;
		}
		int j = o->requires;
		if (j < 0 || md->on_first[j] <= t)
			break;
		note(f, o->requires_loc, o->loc, "option '%s' requires '%s', "
		     "which cannot be online in %s", o->name, P->opt[j].name,
		     q);
		k = j;
	}
}

static void print_member(FILE *f, const sg_model *md, const member *x)
{
	const sg_plan *P = md->plan;
	const sg_option *o = x->k >= 0 ? &P->opt[x->k] : NULL;
	switch (x->kind) {
	case M_RACK:
		print_rack(f, P, x);
		break;
	case M_IT:
	case M_GRID:
		print_site(f, P, x);
		break;
	case M_ON0:
		print_off(f, md, x->k, x->t);
		break;
	case M_ON1:
		note(f, sg_plan_where(P, "option", o->name, "committed", 0),
		     o->loc, "option '%s' committed = 1: online in %s",
		     o->name, P->qlabel[x->t - 1]);
		break;
	default:
		note(f, o->requires_loc, o->loc, "option '%s' requires '%s': "
		     "online in %s only with it", o->name,
		     P->opt[o->requires].name, P->qlabel[x->t - 1]);
		break;
	}
}

void sg_iis_print(FILE *f, const sg_model *md, const sg_iis *iis)
{
	if (!iis)
		return;
	if (iis->n == 0) {
		fputs("sgplan: note: the model is infeasible whatever the "
		      "input's capacities and timings\n", f);
		return;
	}
	fprintf(f, "sgplan: note: these inputs cannot all hold (an "
		"irreducible infeasible set of %d constraint%s of the LP "
		"relaxation, every option as early as it may be):\n",
		iis->n, iis->n == 1 ? "" : "s");
	/* members may explain themselves by the same input (an option's
	 * earliest, both as capacity and along a requires chain): each note
	 * once */
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem) {
		for (int i = 0; i < iis->n; i++)
			print_member(f, md, &iis->m[i]);
		return;
	}
	for (int i = 0; i < iis->n; i++)
		print_member(mem, md, &iis->m[i]);
	fclose(mem);
	for (char *l = buf, *e; *l; l = e) {
		e = strchr(l, '\n');
		e = e ? e + 1 : l + strlen(l);
		int seen = 0;
		for (char *o = buf; o < l && !seen;) {
			char *oe = strchr(o, '\n');
			oe = oe ? oe + 1 : o + strlen(o);
			seen = oe - o == e - l && memcmp(o, l, (size_t)(e - l))
				== 0;
			o = oe;
		}
		if (!seen)
			fwrite(l, 1, (size_t)(e - l), f);
	}
	free(buf);
}
