/*
 * branch.c - pseudocost branching with option-shared pseudocosts
 * (branch.h).
 */
#include "sgplan/branch.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/engine.h"

/* Mean degradation of the objective per unit change of a column, down
 * (d = 0) and up (d = 1). */
typedef struct pcost {
	double sum[2];
	int cnt[2];
} pcost;

struct sg_branch {
	const sg_model *md;
	int ncol;
	pcost *col; /* [ncol + 1] */
	pcost *opt; /* [nopt] every column of the option pooled */
	/* both as at the last sg_branch_sync (or the clone) */
	pcost *base_col, *base_opt;
	sg_branch_stats st;
};

/* What a node remembers of its own branching. */
typedef struct node {
	int j;        /* column branched on (0: none yet) */
	int learned;  /* the node's LP has been learned from */
	double val;   /* its LP value then */
	double obj;   /* the node's LP bound then */
} node;

size_t sg_branch_node_size(void)
{
	return sizeof(node);
}

sg_branch *sg_branch_new(const sg_model *md)
{
	sg_branch *b = sg_xcalloc(1, sizeof *b);
	b->md = md;
	b->ncol = glp_get_num_cols(md->lp);
	b->col = sg_xcalloc((size_t)b->ncol + 1, sizeof *b->col);
	b->opt = sg_xcalloc((size_t)md->plan->nopt + 1, sizeof *b->opt);
	b->base_col = sg_xcalloc((size_t)b->ncol + 1, sizeof *b->col);
	b->base_opt = sg_xcalloc((size_t)md->plan->nopt + 1, sizeof *b->opt);
	return b;
}

void sg_branch_free(sg_branch *b)
{
	if (!b)
		return;
	free(b->col);
	free(b->opt);
	free(b->base_col);
	free(b->base_opt);
	free(b);
}

/* The option of ON column j (-1 for any other column). */
static int option_of(const sg_branch *b, int j)
{
	const sg_model *md = b->md;
	int i = j - md->m.ON;
	if (md->m.ON == 0 || i < 0 || i >= md->plan->nopt * md->plan->T)
		return -1;
	return i / md->plan->T;
}

sg_branch_stats sg_branch_get_stats(const sg_branch *b)
{
	return b->st;
}

static void learn(sg_branch *b, int j, double dx, double dz)
{
	if (j < 1 || j > b->ncol || fabs(dx) < 1e-9)
		return;
	double psi = fabs(dz / dx);
	int d = dx > 0, k = option_of(b, j);
	b->col[j].sum[d] += psi;
	b->col[j].cnt[d]++;
	if (k >= 0) {
		b->opt[k].sum[d] += psi;
		b->opt[k].cnt[d]++;
	}
}

/* Lower bound on the degradation of the objective when column j is fixed
 * at v: a few dual simplex iterations on a copy of the node LP (as GLPK's
 * own initialisation does).  DBL_MAX: that branch has no solution.  The
 * trials of one branching share the copy *cp (NULL before the first; the
 * caller deletes it), set back to the node's basis for each (copying the
 * LP was a fifth of a trial). */
static double trial(glp_prob *lp, glp_prob **cp, int j, double v)
{
	glp_prob *q = *cp;
	if (!q) {
		q = *cp = glp_create_prob();
		glp_copy_prob(q, lp, GLP_OFF);
	} else {
		for (int i = 1; i <= glp_get_num_rows(lp); i++)
			glp_set_row_stat(q, i, glp_get_row_stat(lp, i));
		for (int k = 1; k <= glp_get_num_cols(lp); k++)
			glp_set_col_stat(q, k, glp_get_col_stat(lp, k));
	}
	int type = glp_get_col_type(q, j);
	double lb = glp_get_col_lb(q, j), ub = glp_get_col_ub(q, j);
	glp_set_col_bnds(q, j, GLP_FX, v, v);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.meth = GLP_DUAL;
	sm.it_lim = 30;
	double z0 = glp_get_obj_val(lp), dz = 0;
	int rc = glp_simplex(q, &sm);
	if (rc == 0 || rc == GLP_EITLIM) {
		if (glp_get_prim_stat(q) == GLP_NOFEAS)
			dz = DBL_MAX;
		else if (glp_get_dual_stat(q) == GLP_FEAS)
			dz = fmax(0, glp_get_obj_val(q) - z0);
	}
	glp_set_col_bnds(q, j, type, lb, ub);
	return dz;
}

/* Pseudocost of column j in direction d: its own history, else its
 * option's, else a trial that starts both.  DBL_MAX: the branch has no
 * solution. */
static double psi(sg_branch *b, glp_prob *lp, glp_prob **cp, int j, int d,
		  double x)
{
	const pcost *c = &b->col[j];
	if (c->cnt[d])
		return c->sum[d] / c->cnt[d];
	int k = option_of(b, j);
	if (k >= 0 && b->opt[k].cnt[d])
		return b->opt[k].sum[d] / b->opt[k].cnt[d];
	double v = d ? ceil(x) : floor(x);
	double dz = trial(lp, cp, j, v);
	b->st.trials++;
	if (dz == DBL_MAX) {
		b->st.infeasible++;
		return DBL_MAX;
	}
	learn(b, j, v - x, dz);
	return dz / fmax(fabs(v - x), 1e-9);
}

/* The column to branch on at lp's solution and which side first (*sel):
 * the product rule over pseudocosts; a side found to have no solution wins
 * at once.  0 when no column is fractional.  tree: the search, or NULL
 * outside one.  Past sg_now() = end, the best column so far (or the first
 * one that can be branched on). */
static int pick(sg_branch *b, glp_prob *lp, glp_tree *tree, double end,
		int *sel)
{
	int best = 0;
	double dmax = -1;
	glp_prob *q = NULL; /* the trials' copy of lp */
	*sel = GLP_DN_BRNCH;
	for (int j = 1; j <= b->ncol; j++) {
		if (tree ? !glp_ios_can_branch(tree, j)
			 : !sg_lp_fractional(lp, j))
			continue;
		if (end < INFINITY && sg_now() >= end) {
			if (!best)
				best = j;
			break;
		}
		double x = glp_get_col_prim(lp, j);
		double dn = psi(b, lp, &q, j, 0, x),
		       upc = dn == DBL_MAX ? 0 : psi(b, lp, &q, j, 1, x);
		if (dn == DBL_MAX || upc == DBL_MAX) {
			/* a side with no solution wins at once */
			best = j;
			*sel = dn == DBL_MAX ? GLP_DN_BRNCH : GLP_UP_BRNCH;
			break;
		}
		double d1 = dn * (x - floor(x)), d2 = upc * (ceil(x) - x);
		/* the product rule: both children should gain */
		double d = fmax(d1, 1e-6) * fmax(d2, 1e-6);
		if (d > dmax) {
			dmax = d;
			best = j;
			*sel = d1 <= d2 ? GLP_DN_BRNCH : GLP_UP_BRNCH;
		}
	}
	if (q)
		glp_delete_prob(q);
	return best;
}

int sg_branch_pick(sg_branch *b, glp_prob *lp)
{
	int sel;
	return pick(b, lp, NULL, INFINITY, &sel);
}

void sg_branch_choose(sg_branch *b, glp_tree *tree, double end)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int p = glp_ios_curr_node(tree);
	node *nd = glp_ios_node_data(tree, p);
	double obj = glp_get_obj_val(lp);
	const node *from = nd->j ? nd : NULL;
	if (!from && !nd->learned) {
		int up = glp_ios_up_node(tree, p);
		from = up ? glp_ios_node_data(tree, up) : NULL;
	}
	/* from: the parent, or this node itself when it branched here
	 * before and GLPK pruned one side (this is the other side) */
	if (from && from->j) {
		learn(b, from->j, glp_get_col_prim(lp, from->j) - from->val,
		      obj - from->obj);
		b->st.learned++;
	}
	nd->learned = 1;
	int sel, best = pick(b, lp, tree, end, &sel);
	if (!best)
		return; /* GLPK's default rule */
	b->st.branched++;
	nd->j = best;
	nd->val = glp_get_col_prim(lp, best);
	nd->obj = obj;
	glp_ios_branch_upon(tree, best, sel);
}

sg_branch *sg_branch_clone(const sg_branch *src)
{
	sg_branch *b = sg_branch_new(src->md);
	size_t nc = (size_t)b->ncol + 1, no = (size_t)b->md->plan->nopt + 1;
	memcpy(b->col, src->col, nc * sizeof *b->col);
	memcpy(b->opt, src->opt, no * sizeof *b->opt);
	memcpy(b->base_col, src->col, nc * sizeof *b->col);
	memcpy(b->base_opt, src->opt, no * sizeof *b->opt);
	return b;
}

/* g += c - base, entry by entry. */
static void add_delta(pcost *g, const pcost *c, const pcost *base, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < 2; d++) {
			g[i].sum[d] += c[i].sum[d] - base[i].sum[d];
			g[i].cnt[d] += c[i].cnt[d] - base[i].cnt[d];
		}
}

void sg_branch_sync(sg_branch *const *b, int n)
{
	if (n < 1)
		return;
	size_t nc = (size_t)b[0]->ncol + 1,
	       no = (size_t)b[0]->md->plan->nopt + 1;
	pcost *gc = sg_xcalloc(nc, sizeof *gc);
	pcost *go = sg_xcalloc(no, sizeof *go);
	memcpy(gc, b[0]->base_col, nc * sizeof *gc);
	memcpy(go, b[0]->base_opt, no * sizeof *go);
	for (int i = 0; i < n; i++) {
		add_delta(gc, b[i]->col, b[i]->base_col, nc);
		add_delta(go, b[i]->opt, b[i]->base_opt, no);
	}
	for (int i = 0; i < n; i++) {
		memcpy(b[i]->col, gc, nc * sizeof *gc);
		memcpy(b[i]->base_col, gc, nc * sizeof *gc);
		memcpy(b[i]->opt, go, no * sizeof *go);
		memcpy(b[i]->base_opt, go, no * sizeof *go);
	}
	free(gc);
	free(go);
}
