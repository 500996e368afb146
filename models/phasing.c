/*
 * phasing.c - datacenter phasing and every other buildable option
 * (MODEL.md constraints 9-10, opex and capex): ON[k,t] = 1 when option k is
 * online in t.  ON is cumulative ("online by t"): monotone in t, so
 * B[k,t] = ON[k,t] - ON[k,t-1] marks the quarter k comes online and capex
 * needs no extra column: sum_t B[k,t]*C(k,t) = sum_t ON[k,t]*(C(k,t) -
 * C(k,t+1)) with C(k,T+1) = 0.  Timing rules become bounds: ON is fixed at 0
 * before the first quarter it may be online (tightened along requires
 * chains) and, for committed options, fixed at 1 from e(k) on.
 */
#include "sgplan/model.h"

double sg_model_capex_pv(const sg_model *md, int k, int t)
{
	const sg_option *o = &md->plan->opt[k];
	if (o->committed)
		return 0;
	if (o->lead_quarters == 0)
		return o->capex * sg_plan_discount(md->plan, t);
	double sum = 0;
	for (int tau = t - o->lead_quarters; tau <= t - 1; tau++)
		sum += sg_plan_discount(md->plan, tau);
	return o->capex / o->lead_quarters * sum;
}

/* Constraint 9 as bounds: first quarter each option may be online, and
 * first quarter it must be (T+1 = never). */
static void option_timing(sg_model *md)
{
	const sg_plan *P = md->plan;
	for (int k = 0; k < P->nopt; k++) {
		const sg_option *o = &P->opt[k];
		int first = sg_option_first(o);
		md->on_first[k] = first > P->T ? P->T + 1 : first;
		md->on_forced[k] = o->committed ? md->on_first[k] : P->T + 1;
	}
	/* Constraint 10 implies k cannot be online before what it requires;
	 * requires chains are acyclic (loader), so this settles in nopt
	 * passes. */
	for (int pass = 0, changed = 1; changed && pass < P->nopt; pass++) {
		changed = 0;
		for (int k = 0; k < P->nopt; k++) {
			int j = P->opt[k].requires;
			if (j >= 0 && md->on_first[j] > md->on_first[k]) {
				md->on_first[k] = md->on_first[j];
				changed = 1;
			}
		}
	}
}

static void phasing_cols(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	option_timing(md);
	md->m.ON = sg_mb_add_cols(mb, P->nopt * P->T, SG_BIN, SG_DB, 0, 1, 0);
	for (int k = 0; k < P->nopt; k++) {
		const sg_option *o = &P->opt[k];
		for (int t = 1; t <= P->T; t++) {
			int j = sg_idx_pt(md, md->m.ON, k, t);
			if (t < md->on_first[k])
				sg_mb_set_col_bnds(mb, j, SG_FX, 0, 0);
			else if (t >= md->on_forced[k])
				sg_mb_set_col_bnds(mb, j, SG_FX, 1, 1);
			sg_mb_name_col(mb, j, "ON(%s,%s)", o->name,
				       P->qlabel[t - 1]);
			/* before its first quarter ON is 0 and its cost
			 * moot: C(k,t) is only defined (construction inside
			 * the horizon) from then on, and a lead of 37000
			 * quarters made it overflow */
			if (t < md->on_first[k])
				continue;
			double next = t < P->T ? sg_model_capex_pv(md, k, t + 1)
					       : 0;
			sg_mb_set_cost(mb, j, md->d[t] * o->opex +
				       sg_model_capex_pv(md, k, t) - next);
		}
	}
}

static int on_free(const sg_model *md, int k, int t)
{
	return t >= md->on_first[k] && t < md->on_forced[k];
}

/* Constraint 9, monotone: ON[k,t] - ON[k,t-1] >= 0, where either is free;
 * constraint 10, precedence: ON[k,t] - ON[j,t] <= 0 where ON[k,t] is free. */
static void timing_rows(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	md->m.mono = sg_mb_nrows(mb) + 1;
	for (int k = 0; k < P->nopt; k++)
		for (int t = 2; t <= P->T; t++) {
			if (!on_free(md, k, t) && !on_free(md, k, t - 1))
				continue;
			int i = sg_mb_add_rows(mb, 1, SG_LO, 0, 0);
			sg_mb_name_row(mb, i, "mono(%s,%s)", P->opt[k].name,
				       P->qlabel[t - 1]);
			sg_mb_coef(mb, i, sg_idx_pt(md, md->m.ON, k, t), 1);
			sg_mb_coef(mb, i, sg_idx_pt(md, md->m.ON, k, t - 1),
				   -1);
		}
	md->m.prec = sg_mb_nrows(mb) + 1;
	for (int k = 0; k < P->nopt; k++) {
		int j = P->opt[k].requires;
		if (j < 0)
			continue;
		md->m.nprec++;
		for (int t = 1; t <= P->T; t++) {
			if (!on_free(md, k, t))
				continue;
			int i = sg_mb_add_rows(mb, 1, SG_UP, 0, 0);
			sg_mb_name_row(mb, i, "requires(%s,%s)",
				       P->opt[k].name, P->qlabel[t - 1]);
			sg_mb_coef(mb, i, sg_idx_pt(md, md->m.ON, k, t), 1);
			sg_mb_coef(mb, i, sg_idx_pt(md, md->m.ON, j, t), -1);
		}
	}
}

/* The option terms of constraints 1, 5 and 6: -capacity(k)*ON[k,t] in the
 * capacity row of k's target. */
static void capacity_terms(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	for (int k = 0; k < P->nopt; k++) {
		const sg_option *o = &P->opt[k];
		int base = o->kind == SG_TARGET_FAB ? md->m.fab :
			   o->kind == SG_TARGET_SITE ? md->m.it : md->m.grid;
		for (int t = 1; t <= P->T; t++)
			sg_mb_coef(mb, sg_idx_pt(md, base, o->target, t),
				   sg_idx_pt(md, md->m.ON, k, t), -o->capacity);
	}
}


/* Spend of capex when k comes online in t: capex/l in each construction
 * quarter t-l..t-1 (all inside the horizon: t >= 1 + l), or capex in t
 * when l = 0; so sum_tau d(tau)*spend = C(k,t). */
static void capex_spend(const sg_option *o, double b, int t, sg_costs *q)
{
	int l = o->lead_quarters;
	if (l == 0) {
		q[t].capex += b * o->capex;
		return;
	}
	for (int tau = t - l; tau <= t - 1; tau++)
		if (tau >= 1)
			q[tau].capex += b * o->capex / l;
}

static void phasing_costs(const sg_model *md, const double *x, sg_costs *q)
{
	const sg_plan *P = md->plan;
	for (int k = 0; k < P->nopt; k++) {
		const sg_option *o = &P->opt[k];
		double prev = 0;
		for (int t = 1; t <= P->T; t++) {
			double on = x[sg_idx_pt(md, md->m.ON, k, t)];
			q[t].opex += o->opex * on;
			if (!o->committed && on != prev)
				capex_spend(o, on - prev, t, q);
			prev = on;
		}
	}
}

const sg_component sg_phasing_component = { "datacenter phasing", 1,
					     phasing_cols, timing_rows,
					     capacity_terms, phasing_costs };
