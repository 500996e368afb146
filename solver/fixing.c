/*
 * fixing.c - reduced-cost fixing of ON at the pruning cutoff (fixing.h).
 */
#include "sgplan/fixing.h"

#include <math.h>
#include <string.h>

void sg_fix_costs(const sg_model *md, glp_prob *lp, double *up, double *dn,
		  double *scratch)
{
	const sg_plan *P = md->plan;
	int T = P->T, K = P->nopt;
	double *lo = scratch, *hi = scratch + K * T;
	for (int i = 0; i < K * T; i++) {
		int j = md->m.ON + i, stat = glp_get_col_stat(lp, j);
		double d = glp_get_col_dual(lp, j);
		lo[i] = stat == GLP_NL ? fmax(d, 0) : 0;
		hi[i] = stat == GLP_NU ? fmax(-d, 0) : 0;
	}
	/* lo: the option's quarters from t on; hi: up to t */
	for (int k = 0; k < K; k++)
		for (int t = 1; t < T; t++) {
			lo[k * T + T - 1 - t] += lo[k * T + T - t];
			hi[k * T + t] += hi[k * T + t - 1];
		}
	memset(up, 0, (size_t)K * T * sizeof *up);
	memset(dn, 0, (size_t)K * T * sizeof *dn);
	/* k and what it requires, up the chain (which has no cycle: the
	 * loader rejects one; n guards all the same) */
	for (int k = 0; k < K; k++)
		for (int a = k, n = 0; a >= 0 && n < K;
		     a = P->opt[a].requires, n++)
			for (int t = 0; t < T; t++) {
				up[k * T + t] += lo[a * T + t];
				dn[a * T + t] += hi[k * T + t];
			}
}

int sg_fix_at_cutoff(const sg_model *md, glp_prob *lp, double cutoff,
		     double *scratch)
{
	int KT = md->plan->nopt * md->plan->T, fixed = 0;
	double slack = cutoff - glp_get_obj_val(lp);
	if (!(slack > 0))
		return 0; /* the node is pruned anyway */
	double *up = scratch, *dn = scratch + KT;
	sg_fix_costs(md, lp, up, dn, scratch + 2 * KT);
	for (int i = 0; i < KT; i++) {
		int j = md->m.ON + i, stat = glp_get_col_stat(lp, j);
		double v;
		if (stat == GLP_NL && up[i] >= slack)
			v = glp_get_col_lb(lp, j);
		else if (stat == GLP_NU && dn[i] >= slack)
			v = glp_get_col_ub(lp, j);
		else
			continue;
		glp_set_col_bnds(lp, j, GLP_FX, v, v);
		fixed++;
	}
	return fixed;
}
