/*
 * heuristic.c - relaxation rounding, the dive and RINS (heuristic.h).
 */
#include "sgplan/heuristic.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/engine.h"

struct sg_heur {
	sg_model md;   /* view of the model with its own LP */
	struct glp_prob *mip; /* untouched copy of the MIP, for RINS */
	double *on;    /* [nopt*T] candidate */
	double *best;  /* [ncol+1] best candidate's columns */
	double *x;     /* [ncol+1] LP solution scratch */
	double seconds;
	double end;    /* sg_now() when the search stops (INFINITY: never) */
	int it0;       /* LP iterations of md.lp when made */
};

sg_heur *sg_heur_new(const sg_model *md, double end)
{
	sg_heur *h = sg_xcalloc(1, sizeof *h);
	h->md = *md;
	h->end = end;
	h->md.lp = glp_create_prob();
	glp_copy_prob(h->md.lp, md->lp, GLP_OFF);
	h->it0 = glp_get_it_cnt(h->md.lp);
	h->mip = glp_create_prob();
	glp_copy_prob(h->mip, md->lp, GLP_OFF);
	int n = glp_get_num_cols(md->lp);
	h->on = sg_xcalloc((size_t)md->plan->nopt * md->plan->T + 1,
			   sizeof(double));
	h->best = sg_xcalloc((size_t)n + 1, sizeof(double));
	h->x = sg_xcalloc((size_t)n + 1, sizeof(double));
	return h;
}

void sg_heur_set_basis(sg_heur *h, const sg_basis *b)
{
	sg_basis_set(h->md.lp, b);
	sg_basis_set(h->mip, b);
}

void sg_heur_free(sg_heur *h)
{
	if (!h)
		return;
	glp_delete_prob(h->md.lp);
	glp_delete_prob(h->mip);
	free(h->x);
	free(h->on);
	free(h->best);
	free(h);
}

double sg_heur_seconds(const sg_heur *h)
{
	return h->seconds;
}

long sg_heur_iterations(const sg_heur *h)
{
	return (long)glp_get_it_cnt(h->md.lp) - h->it0;
}

/* ON = 1 from the first quarter whose relaxed value reaches th; then no
 * option online before what it requires (chains settle in nopt passes). */
static void round_at(sg_heur *h, const double *rel, double th)
{
	const sg_model *md = &h->md;
	const sg_plan *P = md->plan;
	int T = P->T;
	for (int k = 0; k < P->nopt; k++) {
		int on = 0;
		for (int t = 1; t <= T; t++) {
			double v = rel[sg_idx_pt(md, md->m.ON, k, t)];
			on |= t >= md->on_forced[k] ||
			      (t >= md->on_first[k] && v >= th);
			h->on[k * T + t - 1] = on;
		}
	}
	for (int pass = 0; pass < P->nopt; pass++)
		for (int k = 0; k < P->nopt; k++) {
			int j = P->opt[k].requires;
			for (int t = 0; j >= 0 && t < T; t++)
				if (h->on[j * T + t] < h->on[k * T + t])
					h->on[k * T + t] = 0;
		}
}

/* The plan h->on: its LP in the other variables; when it costs less than
 * *bestobj, h->best takes its columns and *bestobj its cost (returns 1). */
static int try_on(sg_heur *h, double *bestobj)
{
	sg_model_fix_on(&h->md, h->on);
	double obj;
	if (sg_lp_plan(h->md.lp, h->x, &obj) != 0 || obj >= *bestobj)
		return 0; /* too little capacity for initial racks, or dear */
	*bestobj = obj;
	memcpy(h->best, h->x, ((size_t)glp_get_num_cols(h->md.lp) + 1) *
	       sizeof(double));
	return 1;
}

const double *sg_heur_round(sg_heur *h, const double *rel,
			    const double *thresholds, int n, double cutoff,
			    double *obj)
{
	double t0 = sg_now(), bestobj = cutoff;
	int found = 0;
	for (int i = 0; i < n && sg_now() < h->end; i++) {
		round_at(h, rel, thresholds[i]);
		found |= try_on(h, &bestobj);
	}
	h->seconds += sg_now() - t0;
	*obj = bestobj;
	return found ? h->best : NULL;
}

/* An option still to settle in the dive, and how far its free ON values
 * lie from their rounding at 1/2. */
typedef struct undecided {
	int k;
	double dist;
} undecided;

static int by_dist(const void *a, const void *b)
{
	const undecided *x = a, *y = b;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return x->k - y->k; /* qsort is not stable: ties by option */
}

/* The options of lp with a fractional ON, nearest their rounding first;
 * returns how many. */
static int undecided_options(const sg_model *md, glp_prob *lp, undecided *u)
{
	const sg_plan *P = md->plan;
	int n = 0;
	for (int k = 0; k < P->nopt; k++) {
		double dist = 0;
		int frac = 0;
		for (int t = 1; t <= P->T; t++) {
			/* a fixed column reads as its bound, so that every
			 * round settles at least one option for good */
			double v = sg_lp_col_search(lp,
					sg_idx_pt(md, md->m.ON, k, t));
			frac |= sg_on_fractional(v);
			dist += fabs(v - (v >= 0.5));
		}
		if (frac)
			u[n++] = (undecided){ k, dist };
	}
	qsort(u, (size_t)n, sizeof *u, by_dist);
	return n;
}

const double *sg_heur_dive(sg_heur *h, glp_prob *node, double cutoff,
			   double deadline, double *obj)
{
	double t0 = sg_now(), bestobj = cutoff;
	const sg_model *md = &h->md;
	const sg_plan *P = md->plan;
	if (t0 >= h->end)
		return NULL;
	deadline = fmin(deadline, h->end);
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, node, GLP_OFF);
	undecided *u = sg_xcalloc((size_t)P->nopt + 1, sizeof *u);
	int n, ok = 1;
	while (ok && (n = undecided_options(md, lp, u)) > 0) {
		/* past the deadline what is left is rounded at once, as the
		 * threshold rounding does; past the search's end, nothing */
		double now = sg_now();
		if (now > deadline) {
			ok = now < h->end;
			break;
		}
		for (int i = 0; i < (n + 3) / 4; i++)
			for (int t = 1; t <= P->T; t++) {
				int j = sg_idx_pt(md, md->m.ON, u[i].k, t);
				double v = sg_lp_col_search(lp, j) >= 0.5;
				glp_set_col_bnds(lp, j, GLP_FX, v, v);
			}
		/* the bound only rises: stop once it cannot win */
		ok = sg_lp_resolve(lp, h->end) == 0 &&
		     glp_get_obj_val(lp) < cutoff;
	}
	int found = 0;
	if (ok) {
		for (int k = 0; k < P->nopt; k++)
			for (int t = 1; t <= P->T; t++) {
				int j = sg_idx_pt(md, md->m.ON, k, t);
				h->on[k * P->T + t - 1] =
					sg_lp_col_search(lp, j) >= 0.5;
			}
		found = try_on(h, &bestobj);
	}
	free(u);
	glp_delete_prob(lp);
	h->seconds += sg_now() - t0;
	*obj = bestobj;
	return found ? h->best : NULL;
}

/* Stop the RINS sub-MIP after a number of nodes, or at any call once
 * sg_now() reaches end: GLPK reads its time limit only between nodes, and
 * a node's cuts and Driebeck-Tomlin branching took RINS 2.7 s past its
 * 15 s on 50x8x40 seed 15. */
typedef struct nodecap {
	long nodes, limit;
	double end;
} nodecap;

static void cap_nodes(glp_tree *tree, void *info)
{
	nodecap *c = info;
	if ((glp_ios_reason(tree) == GLP_ISELECT && ++c->nodes > c->limit) ||
	    (c->end < INFINITY && sg_now() >= c->end))
		glp_ios_terminate(tree);
}

const double *sg_heur_rins(sg_heur *h, const double *rel, const double *inc,
			   long nodes, double seconds, double cutoff,
			   double *obj)
{
	double t0 = sg_now();
	if (t0 >= h->end)
		return NULL;
	const sg_model *md = &h->md;
	int K = md->plan->nopt * md->plan->T, nfree = 0;
	glp_prob *sub = glp_create_prob();
	glp_copy_prob(sub, h->mip, GLP_OFF);
	for (int i = 0; i < K; i++) {
		int j = md->m.ON + i;
		if (glp_get_col_type(sub, j) == GLP_FX)
			continue;
		if (fabs(rel[j] - inc[j]) < 1e-6)
			glp_set_col_bnds(sub, j, GLP_FX, inc[j], inc[j]);
		else
			nfree++;
	}
	const double *x = NULL;
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_ON;
	io.mip_gap = 1e-6;
	io.gmi_cuts = GLP_ON;
	double end = seconds > 0 ? fmin(t0 + seconds, h->end) : h->end;
	nodecap cap = { 0, nodes, end };
	io.cb_func = cap_nodes;
	io.cb_info = &cap;
	io.tm_lim = sg_ms_until(end);
	int rc = nfree > 0 ? glp_intopt(sub, &io) : -1;
	/* its builds, costed by their own LP: GLPK takes a heuristic's plan
	 * at the cost given, unchecked, and the sub-MIP's LPs (presolved)
	 * can be off where data differ widely in size (2026-12-07: the
	 * example in compute units 1e6 times larger gave a plan 0.4 % below
	 * its true cost, and the search pruned the optimum) */
	if (rc >= 0 && sg_mip_has_plan(sub) && glp_mip_obj_val(sub) < cutoff) {
		for (int i = 0; i < K; i++)
			h->on[i] = glp_mip_col_val(sub, md->m.ON + i) > 0.5;
		double best = cutoff;
		if (try_on(h, &best)) {
			*obj = best;
			x = h->best;
		}
	}
	glp_delete_prob(sub);
	h->seconds += sg_now() - t0;
	return x;
}
