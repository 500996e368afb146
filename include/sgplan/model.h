/*
 * model.h - the shared MIP of MODEL.md and the interface of its components.
 *
 * The MIP is assembled by the components in models/ (fab output, memory
 * allocation, site power, datacenter phasing), each a const table of
 * function pointers listed once in sg_components[].  A component is first
 * stage (the build decisions ON, shared by every scenario) or second stage
 * (everything that adapts to a scenario).  The engine walks the table:
 * first-stage components add their columns and rows once; then, for every
 * second-stage copy (one in the deterministic model, one per scenario in the
 * extensive form of the stochastic plan), every second-stage component adds
 * its columns, then its rows and coefficients (in table order, so a
 * component may put coefficients into rows that an earlier one made), and
 * first-stage components link their columns into that copy's rows
 * (link_rows).  After a solve, each component's costs() adds its share of
 * the objective to the cost split.
 *
 * Columns and rows are full blocks indexed by arithmetic (sg_col_* below);
 * variables that MODEL.md says do not exist are fixed at 0 by bounds (GLPK's
 * presolver removes them), so that reports and Monte Carlo find W[f,p,t] by
 * index, never by name.  Quarters t are 1-based throughout, as in MODEL.md.
 */
#ifndef SGPLAN_MODEL_H
#define SGPLAN_MODEL_H

#include "sgplan/mb.h"
#include "sgplan/plan.h"

#define SG_HOURS 2190.0 /* H: hours per quarter */

/* Block bases: index of the first column/row of each block (0 = absent). */
typedef struct sg_cmap {
	/* columns */
	int W;  /* W[f,p,t]  wafer starts */
	int I;  /* I[p,t]    stock at end of t */
	int E;  /* E[p,t]    contract delivered */
	int SE; /* SE[p,t]   contract short */
	int X;  /* X[a,s,t]  racks installed */
	int R;  /* R[a,s,t]  racks at site (initial + installed) */
	int Q;  /* Q[s,r,t]  compute served */
	int U;  /* U[r,t]    unserved compute */
	int ON; /* ON[k,t]   option online (binary) */
	int theta; /* theta[i] Benders master: scenario i's second-stage cost */
	/* rows */
	int fab;      /* [f,t] constraint 1 */
	int stock;    /* [p,t] constraints 2-3 (equality, = scheduled) */
	int contract; /* [p,t] constraint 4 */
	int rack;     /* [a,s,t] R[t] - R[t-1] - X[t] = 0 (R[0] = initial) */
	int it;       /* [s,t] constraint 5 */
	int grid;     /* [s,t] constraint 6 */
	int serve;    /* [s,t] constraint 7 */
	int demand;   /* [r,t] constraint 8 */
	int mono;     /* [k,t] t >= 2: ON[k,t] - ON[k,t-1] >= 0
			 (constraint 9) */
	int prec;     /* [k,t] ON[k,t] - ON[requires(k),t] <= 0 (constraint 10),
			 only for options with requires, in option order */
	int nprec;    /* options with requires */
} sg_cmap;

/* The cost split of FORMAT.md summary.csv, by name or as v[] in that
 * order. */
#define SG_NCOSTS 9
typedef union sg_costs {
	struct {
		double wafers, holding, racks, energy, serving, unserved,
			shortfall, opex, capex;
	};
	double v[SG_NCOSTS];
} sg_costs;

/* The model: the plan, the block map, and per-option timing.  The
 * extensive form of the stochastic plan has nsub second-stage copies in
 * sub[], each with its scenario's plan view, its own blocks (m.ON is the
 * shared first-stage block) and weight w = 1/N folded into its d[]. */
typedef struct sg_model {
	const sg_plan *plan; /* borrowed */
	sg_cmap m;
	double w;            /* weight of this copy's costs (1, or 1/N) */
	int nsub;            /* second-stage copies (0: the model itself) */
	struct sg_model *sub; /* [nsub] */
	int *on_first;   /* [nopt] first quarter ON may be 1 (T+1 = never) */
	int *on_forced;  /* [nopt] first quarter ON must be 1 (T+1 = none) */
	double *d;       /* [T+2] d(t) for t = 0..T+1 */
	struct glp_prob *lp; /* owned */
} sg_model;

typedef struct sg_component {
	const char *name;
	int first_stage; /* 1: columns shared by every scenario */
	void (*add_cols)(sg_model *md, sg_mb *mb);
	void (*add_rows)(sg_model *md, sg_mb *mb);
	/* first stage only: coefficients of its columns in the rows of the
	 * second-stage copy md (NULL when none) */
	void (*link_rows)(sg_model *md, sg_mb *mb);
	/* add this component's cost terms of column values x[1..n] to
	 * q[1..T]: money spent in each quarter, undiscounted (capex in its
	 * construction quarters), so that sum_t d(t)*q[t] is its share of
	 * the objective */
	void (*costs)(const sg_model *md, const double *x, sg_costs *q);
} sg_component;

extern const sg_component *const sg_components[];

/* The second-stage copies of md: md itself, or its nsub scenario copies. */
static inline int sg_model_ncopy(const sg_model *md)
{
	return md->nsub ? md->nsub : 1;
}
static inline const sg_model *sg_model_copy(const sg_model *md, int k)
{
	return md->nsub ? &md->sub[k] : md;
}

/* Block index helpers (t is 1-based). */
static inline int sg_col_W(const sg_model *md, int f, int p, int t)
{
	return md->m.W + (f * md->plan->nprod + p) * md->plan->T + t - 1;
}
static inline int sg_idx_pt(const sg_model *md, int base, int p, int t)
{
	return base + p * md->plan->T + t - 1;
}
static inline int sg_col_AS(const sg_model *md, int base, int a, int s, int t)
{
	return base + (a * md->plan->nsite + s) * md->plan->T + t - 1;
}
static inline int sg_col_Q(const sg_model *md, int s, int r, int t)
{
	return md->m.Q + (s * md->plan->nreg + r) * md->plan->T + t - 1;
}

/* An ON value that is neither 0 nor 1, beyond 1e-6 either way: the test of
 * the site cuts and the dive (which read values GLPK may leave 1e-7 off a
 * bound; branching uses sg_lp_fractional). */
static inline int sg_on_fractional(double v)
{
	return v > 1e-6 && v < 1 - 1e-6;
}

/* Energy cost per rack of platform a at site s in quarter t at energy
 * price `price`, undiscounted: price * H * pue(s) * load_factor(s) *
 * kw_per_rack(a)/1000. */
double sg_energy_per_rack(const sg_plan *p, int a, int s, double price);

/* Set the R columns of x (a solution of md, each copy of it) to MODEL.md's
 * R[a,s,t] = initial_racks + sum_{tau<=t} X[a,s,tau], from x's X: the
 * simplex leaves R a hair off that sum (initial racks of 60 read
 * 59.999999999999957 after 10 quarters of no installs), and the reports
 * show both. */
void sg_racks_running(const sg_model *md, double *x);

/* C(k,t) of MODEL.md: capex of option k when it comes online in t, in
 * present value (0 for committed options). */
double sg_model_capex_pv(const sg_model *md, int k, int t);

#endif
