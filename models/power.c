/*
 * power.c - site power and serving (MODEL.md constraints 5-8 and the energy,
 * serving and unserved terms of the objective): IT space and grid budgets
 * on the IT load L[s,t] = sum_a kw_per_rack(a)/1000 * R[a,s,t], compute
 * served Q[s,r,t] over site-region links, unserved compute U[r,t].
 * Option terms in the IT and grid rows come from phasing.c.
 */
#include "sgplan/model.h"

double sg_energy_per_rack(const sg_plan *p, int a, int s, double price)
{
	const sg_site *S = &p->site[s];
	return price * SG_HOURS * S->pue * S->load_factor *
	       p->plat[a].kw_per_rack / 1000;
}

static double energy_coef(const sg_model *md, int a, int s, int t)
{
	return sg_energy_per_rack(md->plan, a, s,
				  md->plan->site[s].energy_price[t - 1]);
}

static void power_cols(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	md->m.Q = sg_mb_add_cols(mb, P->nsite * P->nreg * P->T, SG_CONT, SG_LO,
				 0, 0, 0);
	md->m.U = sg_mb_add_cols(mb, P->nreg * P->T, SG_CONT, SG_LO, 0, 0, 0);
	for (int s = 0; s < P->nsite; s++)
		for (int r = 0; r < P->nreg; r++)
			for (int t = 1; t <= P->T; t++) {
				int j = sg_col_Q(md, s, r, t);
				if (!P->site[s].link[r])
					sg_mb_set_col_bnds(mb, j, SG_FX, 0, 0);
				sg_mb_set_cost(mb, j, md->d[t] *
					       P->site[s].serve_cost[r]);
				sg_mb_name_col(mb, j, "Q(%s,%s,%s)",
					       P->site[s].name, P->reg[r].name,
					       P->qlabel[t - 1]);
			}
	for (int r = 0; r < P->nreg; r++)
		for (int t = 1; t <= P->T; t++) {
			int j = sg_idx_pt(md, md->m.U, r, t);
			sg_mb_set_cost(mb, j,
				       md->d[t] * P->reg[r].unserved_penalty);
			sg_mb_name_col(mb, j, "U(%s,%s)", P->reg[r].name,
				       P->qlabel[t - 1]);
		}
}

/* Constraint 5, IT space: L[s,t] <= initial_it_mw(s) (+ sum cap*ON);
 * constraint 6, grid: pue(s)*L[s,t] <= grid_mw(s,t) (+ sum cap*ON);
 * constraint 7, serving: sum_r Q[s,r,t] - sum_a cpr(a)*R[a,s,t] <= 0;
 * and the energy cost of every rack present, on R. */
static void site_rows(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	int T = P->T;
	md->m.it = sg_mb_add_rows(mb, P->nsite * T, SG_UP, 0, 0);
	md->m.grid = sg_mb_add_rows(mb, P->nsite * T, SG_UP, 0, 0);
	md->m.serve = sg_mb_add_rows(mb, P->nsite * T, SG_UP, 0, 0);
	for (int s = 0; s < P->nsite; s++) {
		const sg_site *S = &P->site[s];
		for (int t = 1; t <= T; t++) {
			int it = sg_idx_pt(md, md->m.it, s, t);
			int gr = sg_idx_pt(md, md->m.grid, s, t);
			int sv = sg_idx_pt(md, md->m.serve, s, t);
			const char *q = P->qlabel[t - 1];
			sg_mb_set_row_bnds(mb, it, SG_UP, 0, S->initial_it_mw);
			sg_mb_set_row_bnds(mb, gr, SG_UP, 0,
					   S->grid_mw[t - 1]);
			sg_mb_name_row(mb, it, "it(%s,%s)", S->name, q);
			sg_mb_name_row(mb, gr, "grid(%s,%s)", S->name, q);
			sg_mb_name_row(mb, sv, "serve(%s,%s)", S->name, q);
			for (int a = 0; a < P->nplat; a++) {
				int j = sg_col_AS(md, md->m.R, a, s, t);
				double mw = P->plat[a].kw_per_rack / 1000;
				sg_mb_coef(mb, it, j, mw);
				sg_mb_coef(mb, gr, j, S->pue * mw);
				sg_mb_coef(mb, sv, j,
					   -P->plat[a].compute_per_rack);
				sg_mb_add_cost(mb, j, md->d[t] *
					       energy_coef(md, a, s, t));
			}
			for (int r = 0; r < P->nreg; r++)
				if (S->link[r])
					sg_mb_coef(mb, sv,
						   sg_col_Q(md, s, r, t), 1);
		}
	}
}

/* Constraint 8, demand: sum_s Q[s,r,t] + U[r,t] = demand(r,t). */
static void demand_rows(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	md->m.demand = sg_mb_add_rows(mb, P->nreg * P->T, SG_FX, 0, 0);
	for (int r = 0; r < P->nreg; r++)
		for (int t = 1; t <= P->T; t++) {
			int i = sg_idx_pt(md, md->m.demand, r, t);
			double D = P->reg[r].demand[t - 1];
			sg_mb_set_row_bnds(mb, i, SG_FX, D, D);
			sg_mb_name_row(mb, i, "demand(%s,%s)", P->reg[r].name,
				       P->qlabel[t - 1]);
			sg_mb_coef(mb, i, sg_idx_pt(md, md->m.U, r, t), 1);
			for (int s = 0; s < P->nsite; s++)
				if (P->site[s].link[r])
					sg_mb_coef(mb, i,
						   sg_col_Q(md, s, r, t), 1);
		}
}

static void power_rows(sg_model *md, sg_mb *mb)
{
	site_rows(md, mb);
	demand_rows(md, mb);
}

static void power_costs(const sg_model *md, const double *x, sg_costs *q)
{
	const sg_plan *P = md->plan;
	for (int t = 1; t <= P->T; t++) {
		for (int s = 0; s < P->nsite; s++) {
			for (int a = 0; a < P->nplat; a++)
				q[t].energy += energy_coef(md, a, s, t) *
					x[sg_col_AS(md, md->m.R, a, s, t)];
			for (int r = 0; r < P->nreg; r++)
				q[t].serving += P->site[s].serve_cost[r] *
						x[sg_col_Q(md, s, r, t)];
		}
		for (int r = 0; r < P->nreg; r++)
			q[t].unserved += P->reg[r].unserved_penalty *
					 x[sg_idx_pt(md, md->m.U, r, t)];
	}
}

const sg_component sg_power_component = { "site power", 0, power_cols,
					   power_rows, NULL, power_costs };
