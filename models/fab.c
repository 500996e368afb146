/*
 * fab.c - fab output (MODEL.md constraints 1-4): wafer starts W[f,p,t],
 * output with lead times, stock I[p,t], contracts E[p,t] / SE[p,t].
 * Fab capacity rows get their option terms from phasing.c; stock rows get the
 * memory consumed by rack installs from memory.c.
 */
#include "sgplan/model.h"

static void fab_cols(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	int T = P->T;
	md->m.W = sg_mb_add_cols(mb, P->nfab * P->nprod * T, SG_CONT, SG_LO, 0,
				 0, 0);
	md->m.I = sg_mb_add_cols(mb, P->nprod * T, SG_CONT, SG_LO, 0, 0, 0);
	md->m.E = sg_mb_add_cols(mb, P->nprod * T, SG_CONT, SG_LO, 0, 0, 0);
	md->m.SE = sg_mb_add_cols(mb, P->nprod * T, SG_CONT, SG_LO, 0, 0, 0);
	for (int f = 0; f < P->nfab; f++)
		for (int p = 0; p < P->nprod; p++)
			for (int t = 1; t <= T; t++) {
				int j = sg_col_W(md, f, p, t);
				/* W exists when units_per_wafer:p of f > 0 */
				if (P->fab[f].units_per_wafer[p] <= 0)
					sg_mb_set_col_bnds(mb, j, SG_FX, 0, 0);
				sg_mb_set_cost(mb, j, md->d[t] *
					       P->fab[f].wafer_cost[p]);
				sg_mb_name_col(mb, j, "W(%s,%s,%s)",
					       P->fab[f].name, P->prod[p].name,
					       P->qlabel[t - 1]);
			}
	for (int p = 0; p < P->nprod; p++)
		for (int t = 1; t <= T; t++) {
			const sg_product *pr = &P->prod[p];
			const char *q = P->qlabel[t - 1];
			sg_mb_set_cost(mb, sg_idx_pt(md, md->m.I, p, t),
				       md->d[t] * pr->holding_cost);
			sg_mb_set_cost(mb, sg_idx_pt(md, md->m.SE, p, t),
				       md->d[t] * pr->shortfall_penalty);
			sg_mb_name_col(mb, sg_idx_pt(md, md->m.I, p, t),
				       "I(%s,%s)", pr->name, q);
			sg_mb_name_col(mb, sg_idx_pt(md, md->m.E, p, t),
				       "E(%s,%s)", pr->name, q);
			sg_mb_name_col(mb, sg_idx_pt(md, md->m.SE, p, t),
				       "SE(%s,%s)", pr->name, q);
		}
}

/* Constraint 1, fab capacity: sum_p W[f,p,t] <= wafer_capacity(f,t)
 * (+ sum cap*ON, added by phasing.c). */
static void fab_capacity_rows(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	md->m.fab = sg_mb_add_rows(mb, P->nfab * P->T, SG_UP, 0, 0);
	for (int f = 0; f < P->nfab; f++)
		for (int t = 1; t <= P->T; t++) {
			int i = md->m.fab + f * P->T + t - 1;
			sg_mb_set_row_bnds(mb, i, SG_UP, 0,
					   P->fab[f].wafer_capacity[t - 1]);
			sg_mb_name_row(mb, i, "fab(%s,%s)", P->fab[f].name,
				       P->qlabel[t - 1]);
			for (int p = 0; p < P->nprod; p++)
				if (P->fab[f].units_per_wafer[p] > 0)
					sg_mb_coef(mb, i, sg_col_W(md, f, p, t),
						   1);
		}
}

/* Constraints 2-3, output and stock, as one row per (p,t):
 *   I[t] - I[t-1] - sum_f upw*W[f,p,t-l] + E[t] (+ sum mem*X, memory.c)
 *     = scheduled_output(t) (+ initial_inventory when t = 1).
 * Constraint 4, contracts: E[p,t] + SE[p,t] = contract(p,t). */
static void stock_rows(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	int T = P->T;
	md->m.stock = sg_mb_add_rows(mb, P->nprod * T, SG_FX, 0, 0);
	md->m.contract = sg_mb_add_rows(mb, P->nprod * T, SG_FX, 0, 0);
	for (int p = 0; p < P->nprod; p++) {
		const sg_product *pr = &P->prod[p];
		for (int t = 1; t <= T; t++) {
			int i = sg_idx_pt(md, md->m.stock, p, t);
			double rhs = pr->scheduled_output[t - 1] +
				     (t == 1 ? pr->initial_inventory : 0);
			sg_mb_set_row_bnds(mb, i, SG_FX, rhs, rhs);
			sg_mb_name_row(mb, i, "stock(%s,%s)", pr->name,
				       P->qlabel[t - 1]);
			sg_mb_coef(mb, i, sg_idx_pt(md, md->m.I, p, t), 1);
			if (t > 1)
				sg_mb_coef(mb, i, sg_idx_pt(md, md->m.I, p,
							    t - 1), -1);
			sg_mb_coef(mb, i, sg_idx_pt(md, md->m.E, p, t), 1);
			int ts = t - pr->lead_quarters;
			for (int f = 0; ts >= 1 && f < P->nfab; f++)
				sg_mb_coef(mb, i, sg_col_W(md, f, p, ts),
					   -P->fab[f].units_per_wafer[p]);
			int c = sg_idx_pt(md, md->m.contract, p, t);
			double k = pr->contract[t - 1];
			sg_mb_set_row_bnds(mb, c, SG_FX, k, k);
			sg_mb_name_row(mb, c, "contract(%s,%s)", pr->name,
				       P->qlabel[t - 1]);
			sg_mb_coef(mb, c, sg_idx_pt(md, md->m.E, p, t), 1);
			sg_mb_coef(mb, c, sg_idx_pt(md, md->m.SE, p, t), 1);
		}
	}
}

static void fab_rows(sg_model *md, sg_mb *mb)
{
	fab_capacity_rows(md, mb);
	stock_rows(md, mb);
}

static void fab_costs(const sg_model *md, const double *x, sg_costs *q)
{
	const sg_plan *P = md->plan;
	for (int t = 1; t <= P->T; t++) {
		for (int f = 0; f < P->nfab; f++)
			for (int p = 0; p < P->nprod; p++)
				q[t].wafers += P->fab[f].wafer_cost[p] *
					       x[sg_col_W(md, f, p, t)];
		for (int p = 0; p < P->nprod; p++) {
			q[t].holding += P->prod[p].holding_cost *
					x[sg_idx_pt(md, md->m.I, p, t)];
			q[t].shortfall += P->prod[p].shortfall_penalty *
					  x[sg_idx_pt(md, md->m.SE, p, t)];
		}
	}
}

const sg_component sg_fab_component = { "fab output", 0, fab_cols, fab_rows,
					 NULL, fab_costs };
