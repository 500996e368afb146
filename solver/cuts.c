/*
 * cuts.c - site capacity cuts (cuts.h).
 */
#include "sgplan/cuts.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>

#include "sgplan/common.h"

/* A site with more undecided options than this at one quarter is left to
 * GLPK's own cuts: its allowed sets could number 2^MAXFREE. */
#define MAXFREE 12

typedef struct cell {
	int made;       /* states built (lazily: most cells stay integral) */
	int nf;         /* options still to decide at (s,t) */
	int opt[MAXFREE];
	int req[MAXFREE]; /* index in opt[] of the option required, or -1 */
	int nstate;
	unsigned *state; /* [nstate] bit i: opt[i] online */
	double *f;       /* [nstate] most load the set allows, MW */
	glp_prob *lp;    /* tangent-plane LP, kept warm between calls */
} cell;

struct sg_cuts {
	const sg_model *md;
	cell *cells; /* [copy][s][t-1] */
	int *ind;    /* [nplat + MAXFREE + 1] cut scratch */
	double *val;
};

sg_cuts *sg_cuts_new(const sg_model *md)
{
	const sg_plan *P = md->plan;
	int any = 0;
	for (int k = 0; k < P->nopt; k++)
		any |= P->opt[k].kind != SG_TARGET_FAB &&
		       md->on_first[k] < md->on_forced[k] &&
		       md->on_first[k] <= P->T;
	if (!any || !md->m.R)
		return NULL;
	sg_cuts *c = sg_xcalloc(1, sizeof *c);
	c->md = md;
	c->cells = sg_xcalloc((size_t)sg_model_ncopy(md) * P->nsite * P->T,
			      sizeof *c->cells);
	c->ind = sg_xcalloc((size_t)P->nplat + MAXFREE + 1, sizeof(int));
	c->val = sg_xcalloc((size_t)P->nplat + MAXFREE + 1, sizeof(double));
	return c;
}

void sg_cuts_free(sg_cuts *c)
{
	if (!c)
		return;
	const sg_plan *P = c->md->plan;
	size_t n = (size_t)sg_model_ncopy(c->md) * P->nsite * P->T;
	for (size_t i = 0; i < n; i++) {
		free(c->cells[i].state);
		free(c->cells[i].f);
		if (c->cells[i].lp)
			glp_delete_prob(c->cells[i].lp);
	}
	free(c->cells);
	free(c->ind);
	free(c->val);
	free(c);
}

/* The options of site s still open at t, the sets of them `requires`
 * allows (a superset is still valid: a requirement outside the cell is
 * ignored), and f of each set, with the options forced online counted in
 * the base. */
static void make_cell(cell *e, const sg_model *md, int s, int t)
{
	const sg_plan *P = md->plan;
	const sg_site *S = &P->site[s];
	double it0 = S->initial_it_mw, g0 = S->grid_mw[t - 1];
	e->made = 1;
	for (int k = 0; k < P->nopt; k++) {
		const sg_option *o = &P->opt[k];
		if (o->kind == SG_TARGET_FAB || o->target != s ||
		    t < md->on_first[k])
			continue;
		if (t >= md->on_forced[k]) {
			*(o->kind == SG_TARGET_SITE ? &it0 : &g0) +=
				o->capacity;
			continue;
		}
		if (e->nf == MAXFREE) {
			e->nf = 0; /* too many: no cuts here */
			return;
		}
		e->opt[e->nf++] = k;
	}
	for (int i = 0; i < e->nf; i++) {
		e->req[i] = -1;
		for (int q = 0; q < e->nf; q++)
			if (e->opt[q] == P->opt[e->opt[i]].requires)
				e->req[i] = q;
	}
	unsigned all = 1u << e->nf;
	e->state = sg_xcalloc(all, sizeof *e->state);
	e->f = sg_xcalloc(all, sizeof *e->f);
	for (unsigned m = 0; m < all; m++) {
		double it = it0, g = g0;
		int ok = 1;
		for (int i = 0; i < e->nf && ok; i++) {
			if (!(m >> i & 1))
				continue;
			ok = e->req[i] < 0 || (m >> e->req[i] & 1);
			const sg_option *o = &P->opt[e->opt[i]];
			*(o->kind == SG_TARGET_SITE ? &it : &g) += o->capacity;
		}
		if (!ok)
			continue;
		e->state[e->nstate] = m;
		e->f[e->nstate++] = fmin(it, g / S->pue);
	}
}

/* A fresh basis for a tangent LP, without GLPK's two lines of log per
 * call in --verbose (there are hundreds of these small LPs). */
static void fresh_basis(glp_prob *lp)
{
	int was = glp_term_out(GLP_OFF);
	glp_adv_basis(lp, 0);
	glp_term_out(was);
}

/* min a0 + sum_i y_i a_i  s.t.  a0 + sum_{i in S} a_i >= f(S) for every
 * allowed S: the envelope's tangent plane at y. */
static glp_prob *tangent_lp(const cell *e)
{
	glp_prob *lp = glp_create_prob();
	int n = e->nf + 1, *ind = sg_xcalloc((size_t)n + 1, sizeof(int));
	double *val = sg_xcalloc((size_t)n + 1, sizeof(double));
	glp_add_cols(lp, n);
	for (int j = 1; j <= n; j++)
		glp_set_col_bnds(lp, j, GLP_FR, 0, 0);
	glp_add_rows(lp, e->nstate);
	for (int r = 0; r < e->nstate; r++) {
		int len = 0;
		ind[++len] = 1;
		val[len] = 1;
		for (int i = 0; i < e->nf; i++)
			if (e->state[r] >> i & 1) {
				ind[++len] = i + 2;
				val[len] = 1;
			}
		glp_set_mat_row(lp, r + 1, len, ind, val);
		glp_set_row_bnds(lp, r + 1, GLP_LO, e->f[r], 0);
	}
	free(ind);
	free(val);
	fresh_basis(lp);
	return lp;
}

/* Cell e's ON values at point x in quarter t, into y, within [0, 1] and
 * the order polytope (so the tangent LP stays bounded); returns whether
 * any is fractional. */
static int cell_point(const cell *e, const sg_model *md, int t,
		      const double *x, double *y)
{
	int frac = 0;
	for (int i = 0; i < e->nf; i++) {
		double v = x[sg_idx_pt(md, md->m.ON, e->opt[i], t)];
		y[i] = fmin(1, fmax(0, v));
		frac |= sg_on_fractional(y[i]);
	}
	for (int pass = 0; pass < e->nf; pass++)
		for (int i = 0; i < e->nf; i++)
			if (e->req[i] >= 0)
				y[i] = fmin(y[i], y[e->req[i]]);
	return frac;
}

/* The tangent plane a0 + al.ON of cell e's envelope at y, made valid for
 * every set of options exactly as its coefficients stand; -1 when the LP
 * fails. */
static int tangent_plane(cell *e, const double *y, double *a0, double *al)
{
	if (!e->lp)
		e->lp = tangent_lp(e);
	glp_set_obj_coef(e->lp, 1, 1);
	for (int i = 0; i < e->nf; i++)
		glp_set_obj_coef(e->lp, i + 2, y[i]);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	if (glp_simplex(e->lp, &sm) != 0 || glp_get_status(e->lp) != GLP_OPT) {
		fresh_basis(e->lp); /* next call starts afresh */
		return -1;
	}
	*a0 = glp_get_col_prim(e->lp, 1);
	for (int i = 0; i < e->nf; i++) {
		al[i] = glp_get_col_prim(e->lp, i + 2);
		if (fabs(al[i]) < 1e-9)
			al[i] = 0;
	}
	double lift = -INFINITY;
	for (int r = 0; r < e->nstate; r++) {
		double v = e->f[r] - *a0;
		for (int i = 0; i < e->nf; i++)
			if (e->state[r] >> i & 1)
				v -= al[i];
		lift = fmax(lift, v);
	}
	*a0 += lift + 1e-9 * fmax(1, fabs(*a0));
	return 0;
}

/* The cut at cell e of copy md for point x, into c->ind/val; returns its
 * length (0: none). */
static int separate_cell(sg_cuts *c, cell *e, const sg_model *md, int s,
			 int t, const double *x, double *rhs)
{
	const sg_plan *P = md->plan;
	double y[MAXFREE], al[MAXFREE], a0;
	if (!cell_point(e, md, t, x, y))
		return 0; /* a vertex: the rows hold f there already */
	double L = 0;
	for (int a = 0; a < P->nplat; a++)
		L += P->plat[a].kw_per_rack / 1000 *
		     x[sg_col_AS(md, md->m.R, a, s, t)];
	if (tangent_plane(e, y, &a0, al) != 0)
		return 0;
	double env = a0;
	for (int i = 0; i < e->nf; i++)
		env += al[i] * x[sg_idx_pt(md, md->m.ON, e->opt[i], t)];
	if (L - env <= 1e-5 * fmax(1, L))
		return 0;
	int len = 0;
	for (int a = 0; a < P->nplat; a++) {
		double mw = P->plat[a].kw_per_rack / 1000;
		if (mw == 0)
			continue;
		c->ind[++len] = sg_col_AS(md, md->m.R, a, s, t);
		c->val[len] = mw;
	}
	for (int i = 0; i < e->nf; i++)
		if (al[i] != 0) {
			c->ind[++len] = sg_idx_pt(md, md->m.ON, e->opt[i], t);
			c->val[len] = -al[i];
		}
	*rhs = a0;
	return len;
}

int sg_cuts_separate(sg_cuts *c, const double *x, sg_cut_fn *add, void *ctx)
{
	const sg_plan *P = c->md->plan;
	int n = 0;
	cell *e = c->cells;
	for (int i = 0; i < sg_model_ncopy(c->md); i++) {
		const sg_model *md = sg_model_copy(c->md, i);
		for (int s = 0; s < P->nsite; s++)
			for (int t = 1; t <= P->T; t++, e++) {
				if (!e->made)
					make_cell(e, md, s, t);
				double rhs;
				int len = e->nf ? separate_cell(c, e, md, s, t,
								x, &rhs) : 0;
				if (len) {
					add(ctx, len, c->ind, c->val, rhs);
					n++;
				}
			}
	}
	return n;
}
