/*
 * memory.c - memory allocation: racks installed X[a,s,t] and the running
 * rack count R[a,s,t] = initial_racks + sum_{tau<=t} X[a,s,tau], and the
 * memory each install takes from the product's stock (constraint 3).
 * Keeping R as a column (one row per quarter, R[t] = R[t-1] + X[t]) rather
 * than writing the cumulative sum into every power row keeps the matrix
 * sparse: each power row sees one R per platform instead of t X's.
 */
#include "sgplan/model.h"

static void memory_cols(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	int n = P->nplat * P->nsite * P->T;
	md->m.X = sg_mb_add_cols(mb, n, SG_CONT, SG_LO, 0, 0, 0);
	md->m.R = sg_mb_add_cols(mb, n, SG_CONT, SG_LO, 0, 0, 0);
	for (int a = 0; a < P->nplat; a++)
		for (int s = 0; s < P->nsite; s++)
			for (int t = 1; t <= P->T; t++) {
				int x = sg_col_AS(md, md->m.X, a, s, t);
				int fq = P->plat[a].first_quarter;
				/* X exists for t >= max(1, first_quarter) */
				if (t < fq)
					sg_mb_set_col_bnds(mb, x, SG_FX, 0, 0);
				sg_mb_set_cost(mb, x, md->d[t] *
					       P->plat[a].rack_cost[t - 1]);
				sg_mb_name_col(mb, x, "X(%s,%s,%s)",
					       P->plat[a].name, P->site[s].name,
					       P->qlabel[t - 1]);
				sg_mb_name_col(mb, sg_col_AS(md, md->m.R, a, s,
							     t),
					       "R(%s,%s,%s)", P->plat[a].name,
					       P->site[s].name,
					       P->qlabel[t - 1]);
			}
}

void sg_racks_running(const sg_model *md, double *x)
{
	for (int k = 0; k < sg_model_ncopy(md); k++) {
		const sg_model *c = sg_model_copy(md, k);
		const sg_plan *P = c->plan;
		for (int a = 0; a < P->nplat; a++)
			for (int s = 0; s < P->nsite; s++) {
				double r = P->site[s].initial_racks[a];
				for (int t = 1; t <= P->T; t++) {
					r += x[sg_col_AS(c, c->m.X, a, s, t)];
					x[sg_col_AS(c, c->m.R, a, s, t)] = r;
				}
			}
	}
}

/* Rack count: R[a,s,t] - R[a,s,t-1] - X[a,s,t] = 0, with R[a,s,0] the
 * initial racks on the right-hand side of t = 1.  Racks never retire. */
static void rack_rows(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	md->m.rack = sg_mb_add_rows(mb, P->nplat * P->nsite * P->T, SG_FX, 0,
				    0);
	for (int a = 0; a < P->nplat; a++)
		for (int s = 0; s < P->nsite; s++)
			for (int t = 1; t <= P->T; t++) {
				int i = sg_col_AS(md, md->m.rack, a, s, t);
				double r0 = t == 1 ?
					P->site[s].initial_racks[a] : 0;
				sg_mb_set_row_bnds(mb, i, SG_FX, r0, r0);
				sg_mb_name_row(mb, i, "racks(%s,%s,%s)",
					       P->plat[a].name, P->site[s].name,
					       P->qlabel[t - 1]);
				sg_mb_coef(mb, i,
					   sg_col_AS(md, md->m.R, a, s, t), 1);
				sg_mb_coef(mb, i,
					   sg_col_AS(md, md->m.X, a, s, t), -1);
				if (t > 1)
					sg_mb_coef(mb, i,
						   sg_col_AS(md, md->m.R, a, s,
							     t - 1),
						   -1);
			}
}

/* Constraint 3, the memory part: stock(p,t) += sum_{a,s} memory:p(a) *
 * X[a,s,t].  Initial racks took their memory before the horizon. */
static void memory_rows(sg_model *md, sg_mb *mb)
{
	const sg_plan *P = md->plan;
	rack_rows(md, mb);
	for (int p = 0; p < P->nprod; p++)
		for (int a = 0; a < P->nplat; a++) {
			double u = P->plat[a].memory[p];
			for (int s = 0; u > 0 && s < P->nsite; s++)
				for (int t = 1; t <= P->T; t++)
					sg_mb_coef(mb,
						   sg_idx_pt(md, md->m.stock, p,
							     t),
						   sg_col_AS(md, md->m.X, a, s,
							     t),
						   u);
		}
}

static void memory_costs(const sg_model *md, const double *x, sg_costs *q)
{
	const sg_plan *P = md->plan;
	for (int a = 0; a < P->nplat; a++)
		for (int s = 0; s < P->nsite; s++)
			for (int t = 1; t <= P->T; t++)
				q[t].racks +=
					P->plat[a].rack_cost[t - 1] *
					x[sg_col_AS(md, md->m.X, a, s, t)];
}

const sg_component sg_memory_component = { "memory allocation", 0, memory_cols,
					    memory_rows, NULL, memory_costs };
