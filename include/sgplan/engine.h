/*
 * engine.h - build the MIP of MODEL.md from a plan, solve it, and hand back
 * the reported plan: the LP with every ON rounded and fixed (MODEL.md
 * "Reported solution").
 *
 * Calling sequence:
 *   sg_model *md = sg_model_new(plan, names);   // components build the MIP
 *   sg_result res;
 *   rc = sg_model_solve(md, &opts, dg, &res);  // 0, SG_EINFEAS, SG_EINTERNAL
 *   ... reports read res and md ...
 *   sg_result_free(&res); sg_model_free(md);
 *
 * After sg_model_solve the model's ON columns stay fixed at the reported
 * plan, so the problem can be re-solved as an LP (Monte Carlo, ranging).
 * The engine prints to stderr only: the progress line and, when verbose,
 * GLPK's log and its own figures; and a warning if the threads for the
 * subtree search cannot be started (the search then goes on in one tree).
 */
#ifndef SGPLAN_ENGINE_H
#define SGPLAN_ENGINE_H

#include "sgplan/model.h"

struct sg_diag;

enum sg_status { SG_STATUS_OPTIMAL, SG_STATUS_TIME_LIMIT };

/* The least relative gap a search can prove in double arithmetic: a
 * plan's LP solved twice can cost up to about 1e-9 (relative) apart, and
 * GLPK needs a pruning tolerance above 0.  A smaller mip_gap, 0 included,
 * is searched and judged at this one (README "Choices"). */
#define SG_GAP_FLOOR 1e-9
/* How far (relative) the reported plan's cost, its LPs solved again, may
 * lie from the search's own value of that plan and still count as the
 * same cost (sg_result_judge): the drifts seen reach 4.6e-9 (2026-12-06,
 * 11,898 random plans at a gap of 1e-9; 1.4e-9 before), well inside
 * GLPK's feasibility tolerance of 1e-7.  A bound moved by it is as exact
 * as that rounding. */
#define SG_LP_DRIFT 1e-8

typedef struct sg_solve_opts {
	double mip_gap;    /* relative gap of MODEL.md (below SG_GAP_FLOOR:
			    * searched and judged at SG_GAP_FLOOR) */
	double time_limit; /* seconds of solving, from the start of
			    * sg_model_solve; 0 = none */
	int verbose;       /* GLPK's log and build figures to stderr */
	int progress;      /* one progress line on stderr while searching */
	/* strategy switches for bench/strategy (0 = sgplan's choice) */
	int no_heuristic;  /* 1: no relaxation rounding (and no RINS) */
	int no_rins;       /* 1: no RINS sub-MIP at the root */
	int cuts;          /* SG_CUT_* mask of GLPK's cuts; 0 = GMI only */
	int no_capcuts;    /* 1: no site capacity cuts (cuts.h) */
	int no_fixing;     /* 1: GLPK's reduced-cost fixing only, not
			      fixing.h's at the pruning cutoff */
	int branch;        /* SG_BRANCH_*: 0 = pseudocosts an option's
			      quarters share (branch.h) */
	int threads;       /* subtrees searched at once (0: 1); never
			      changes the result */
	int split_after;   /* nodes before the search splits into subtrees
			      (0: sgplan's choice, < 0: never) */
	int subtrees;      /* how many (0: sgplan's choice) */
} sg_solve_opts;

enum { SG_BRANCH_SHARED, SG_BRANCH_GLPK_PCH, SG_BRANCH_DTH };

enum { SG_CUT_GMI = 1, SG_CUT_MIR = 2, SG_CUT_COV = 4, SG_CUT_CLQ = 8,
       SG_CUT_NONE = 16 };

typedef struct sg_result {
	int status;        /* enum sg_status */
	double total_cost; /* objective of the fixed-ON LP */
	double best_bound; /* proven lower bound, <= total_cost */
	double gap;        /* (total_cost - best_bound)/max(1,|total_cost|) */
	double seconds;    /* wall time of build + solve */
	double build_seconds;
	int ncol, nrow;
	double *x;         /* [ncol+1] column values, 1-based */
	double *dual;      /* [nrow+1] row duals (d objective / d rhs) */
	double dual_big;   /* the largest |dual|: the scale of their rounding */
	sg_costs costs;    /* present-value split, sums to total_cost */
	sg_costs *spend;   /* [T+1] undiscounted spend per quarter, 1-based */
	double unserved;   /* sum U, undiscounted */
	double shortfall;  /* sum SE, undiscounted */
	int certified;     /* enum sg_cert (trust.h); 0 = skipped */
	double cert_violation; /* largest relative violation found */
	/* what sg_result_judge judged by, for sg_result_rejudge */
	int judged;
	double judge_bound, judge_found, judge_gap;
} sg_result;

sg_model *sg_model_new(const sg_plan *p, int names);

/* r->best_bound (bound, or total_cost when that is less) and r->gap for
 * r's total_cost; with no bound (-INFINITY) the gap is INFINITY. */
void sg_result_bound(sg_result *r, double bound);
/* r->best_bound, r->gap and r->status of the reported plan r (total_cost
 * set), whose search proved bound (-INFINITY: none) against found, its own
 * value of that plan, at mip_gap (MODEL.md "Reported solution").  The
 * plan's LPs solved again can cost a hair more or less than found (the
 * simplex's rounding, about 1e-9 relative); within SG_LP_DRIFT the bound
 * moves with them, or a search that closed a gap of 1e-9 would report
 * one still open. */
void sg_result_judge(sg_result *r, double bound, double found,
		     double mip_gap);
/* The judgement again, r's total_cost having changed from was_cost
 * (certification reports the exact solution): by the search's bound and
 * value of the plan (sg_result_judge), or with the bound moved as much as
 * the cost, whichever proves more (a plan judged before is never judged
 * worse for its cost being made exact). */
void sg_result_rejudge(sg_result *r, double was_cost);

/* Column j of a solved LP: a fixed column (every ON after the search) is
 * its bound exactly, not the simplex's unscaled value, which may be
 * 1 - 1e-16 or 7e-17; a value up to in inside a bound or out outside it
 * (relative to the bound, absolute up to 1) is the bound. */
double sg_lp_col_snap(struct glp_prob *lp, int j, double in, double out);
/* The value reported: sg_lp_col_snap(lp, j, SG_SNAP_IN, SG_SNAP_OUT),
 * 1e-7 being GLPK's feasibility tolerance.  The reports snap what they sum
 * from such values to a limit the same way. */
#define SG_SNAP_IN 1e-9
#define SG_SNAP_OUT 1e-7
double sg_lp_col_value(struct glp_prob *lp, int j);
/* The value the search's heuristics read: sg_lp_col_snap(lp, j, 0, 1e-9),
 * as before the reports snapped more (their dive and rounding go another
 * way on some plans if a value moves by even 1e-10). */
double sg_lp_col_search(struct glp_prob *lp, int j);
/* The search's plan LPs: solve lp (sg_lp_simplex) and, at an optimum, its
 * columns into x[1..n] (sg_lp_col_search) and its objective into *obj.
 * 0, or -1 when it has no optimum (x and *obj untouched). */
int sg_lp_plan(struct glp_prob *lp, double *x, double *obj);

/* An integer column whose LP value is fractional (GLPK's tolerance). */
int sg_lp_fractional(struct glp_prob *lp, int j);

/* Has a MIP search of lp found a plan (status feasible or optimal)? */
int sg_mip_has_plan(struct glp_prob *lp);

/* Least and greatest |nonzero| coefficient of the model, matrix and
 * objective (MODEL.md "Numerics" warns above a ratio of 1e12); 0 when the
 * model has none.  at, unless NULL: the column and row (0: the
 * objective) of the least, then of the greatest (the first met). */
int sg_model_coef_range(const sg_model *md, double *lo, double *hi,
			int at[4]);

/* The Benders master of the stochastic plan: the first-stage components
 * only (ON, its timing rows and costs) and n columns theta[i] >= 0 of cost
 * 1/n at m.theta, to be bounded by optimality cuts. */
sg_model *sg_model_new_master(const sg_plan *p, int n);

/* The extensive form of the stochastic plan (MODEL.md, sample average
 * approximation): ON shared, every other variable copied for each of the n
 * scenario plans views[] (borrowed, alive as long as the model), each
 * copy's costs weighted 1/n. */
sg_model *sg_model_new_saa(const sg_plan *p, const sg_plan *views, int n,
			   int names);
void sg_model_free(sg_model *md);

int sg_model_solve(sg_model *md, const sg_solve_opts *o, struct sg_diag *dg,
		   sg_result *res);
void sg_result_free(sg_result *res);

/* Under MPI, make every rank report rank 0's plan: its ON (and status,
 * bound) are broadcast, and a rank whose search ended elsewhere (a time
 * limit stops ranks apart) fixes them and re-solves its LP.  0 or
 * SG_EINTERNAL. */
int sg_model_share_plan(sg_model *md, sg_result *res);

/* Fix every ON[k,t] at on[k*T + t-1] (0/1) and make it continuous. */
void sg_model_fix_on(sg_model *md, const double *on);
/* The ON values of column values x[1..ncol], rounded to 0/1, as
 * sg_model_fix_on takes them (caller frees). */
double *sg_model_on_of(const sg_model *md, const double *x);

/* Solve the LP (ON fixed) as sg_lp_simplex does; fills x, dual, costs and
 * total_cost of res (arrays allocated when NULL).  Returns 0, SG_EINFEAS
 * when it has no solution, or SG_EINTERNAL when GLPK does not reach an
 * optimum. */
int sg_model_solve_lp(sg_model *md, sg_result *res);
/* Fill res (x, dual, total_cost, costs; arrays allocated when NULL) from
 * lp, a solved copy of md's LP (md->lp itself after a solve). */
void sg_result_extract(const sg_model *md, struct glp_prob *lp,
		       sg_result *res);
/* The same from a copy whose row i was scaled by rs[i] (NULL: none) and
 * objective by os: the duals and total_cost scaled back. */
void sg_result_extract_scaled(const sg_model *md, struct glp_prob *lp,
			      const double *rs, double os, sg_result *res);

/* Solve lp, messages off, no presolver: by the dual simplex from the basis
 * it holds when it holds one of its own (a solve, or glp_copy_prob of a
 * solved LP, or sg_basis_set, put it there: any basis but GLPK's first,
 * where every row is basic), else, or when that basis is singular, by the
 * primal simplex from an advanced basis.  An optimal basis of the model
 * stays dual feasible when only bounds change (ON fixed otherwise, a
 * branch), and the dual simplex re-solves from it in a few hundred
 * iterations.  Returns GLPK's status (GLP_OPT, GLP_NOFEAS, ...) or
 * GLP_UNDEF when GLPK failed. */
int sg_lp_simplex(struct glp_prob *lp);
/* The same for an LP known to have an optimum (a plan's, U and SE absorb
 * every shortage; a scenario's): any other end of the dual simplex, a
 * false "infeasible" among them, is decided again by the primal simplex
 * from an advanced basis. */
int sg_lp_optimum(struct glp_prob *lp);

/* An LP's basis: the status (GLP_BS, GLP_NL, ...) of its rows and
 * columns, to give to it again or to an LP of the same columns. */
typedef struct sg_basis {
	int m, n;
	int *stat; /* [1..m] rows, [m+1..m+n] columns */
} sg_basis;

void sg_basis_get(struct glp_prob *lp, sg_basis *b);
/* lp takes b: rows past b->m are basic; lp has b->n columns. */
void sg_basis_set(struct glp_prob *lp, const sg_basis *b);
void sg_basis_free(sg_basis *b);

/* The components' cost terms for column values x: q[1..T] money spent per
 * quarter, undiscounted (q must hold T+1 entries; q[0] is left zero), and
 * pv the present-value split (sum_t d(t)*q[t]). */
void sg_model_costs(const sg_model *md, const double *x, sg_costs *q,
		    sg_costs *pv);
double sg_costs_total(const sg_costs *c);

/* Write the model for another solver: fmt 'l' CPLEX LP, 'm' free MPS.
 * Returns 0, SG_EOUTPUT, or SG_EMPS_NUMBER when a number of the model
 * does not fit GLPK's MPS fields (12 characters: a negative one beyond
 * 1e99 or below 1e-99), before any file is written. */
#define SG_EMPS_NUMBER (-2)
int sg_model_write(const sg_model *md, int fmt, const char *path);

/* Set up the calling thread's GLPK environment (each thread has its
 * own): GLPK's terminal output goes to stderr, on when verbose (stdout
 * holds the plan summary), and a fatal GLPK error (a failed assertion
 * inside GLPK, say) ends the run with exit 70 after GLPK's message and
 * one of ours, every temporary file removed, instead of abort(). */
void sg_glpk_env(int verbose);

double sg_now(void); /* monotonic seconds */
/* The time left until sg_now() = end as GLPK's tm_lim (milliseconds,
 * INT_MAX when end is INFINITY, i.e. no limit). */
int sg_ms_until(double end);

/* Dual simplex from lp's basis, messages off, stopped at sg_now() = end,
 * any other end than an optimum decided again by the primal simplex from
 * an advanced basis (time allowing); 0 when optimal, 1 when infeasible,
 * -1 otherwise (the time ran out, say). */
int sg_lp_resolve(struct glp_prob *lp, double end);

/* Deletes the rows of lp whose bounds its column bounds imply and whose
 * auxiliary variable is basic, so that an optimal basis stays optimal (a
 * re-solve ends at once).  Bounds that only tighten (a subtree's
 * branching and fixing) keep them implied, so its every LP may leave
 * them out.  exact: only rows whose implication holds in exact arithmetic
 * (whole coefficients and bounds of at most 2^20, at most 4096 entries),
 * so that an exact re-solve keeps the same optimum.  Returns how many it
 * deleted (it keeps at least one row). */
int sg_lp_drop_implied(struct glp_prob *lp, int exact);

#endif
