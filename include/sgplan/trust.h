/*
 * trust.h - can the plan be trusted, and why this plan?  Four answers
 * computed on a solved model (engine.h: ON fixed, optimal LP basis):
 *
 *   certify  (certify.c)  re-solve the fixed-ON LP in exact rational
 *            arithmetic (glp_exact) from the final basis and check the
 *            reported primal and dual solution against the model's data;
 *   ranging  (ranging.c)  how far each input that feeds the LP (demand,
 *            energy price, grid MW, wafer capacity, contract) may move,
 *            per entity and quarter, before the optimal basis changes,
 *            and what total_cost is at both ends (ranging.csv);
 *   explain  (explain.c)  total_cost when each option is built one quarter
 *            later, never, or (not built) at its earliest quarter, each a
 *            re-solve of the MIP with that option's ON forced (explain.csv);
 *   iis      (iis.c)      when the model is infeasible, an irreducible set
 *            of constraints of its LP relaxation, each traced to the input
 *            cells that set it;
 *   shadow   (shadow.c)   duals.csv's binding rows ranked per constraint,
 *            and where one more unit really saves most, checked by
 *            re-solving the LP with it (report.html's sentences).
 *
 * Calling sequence (solver/run.c):
 *   rc = sg_model_solve(md, &so, dg, &res);
 *   if (rc == SG_EINFEAS) { sg_iis_find(md, &iis); sg_iis_print(stderr,
 *       md, iis); sg_iis_free(iis); }
 *   sg_certify(md, &res);                       // fills res.certified
 *   sg_ranging_compute(md, &res, &rg);          // before md->lp changes
 *   sg_explain_run(md, &res, &so, threads, &ex); // works on copies
 *   sg_ranging_write(f, md, rg); sg_explain_write(f, md, &res, ex);
 *   sg_ranging_free(rg); sg_explain_free(ex);
 *   sh = sg_shadow_new(md, &res);               // report.html's base
 *   sg_shadow_free(sh);
 *
 * None of these functions prints (except the two writers and the IIS
 * printer, into the FILE * they are handed) or changes md->lp except
 * sg_ranging_compute, which may refactorize its basis (same solution).
 * GLPK's own terminal output (glp_exact prints) follows glp_term_out as set
 * by the caller.
 */
#ifndef SGPLAN_TRUST_H
#define SGPLAN_TRUST_H

#include <stdio.h>

#include "sgplan/engine.h"

struct sg_dual_row; /* report.h */

/* ---- certification --------------------------------------------------- */

/* Nonzeros of the fixed-ON LP under which --certify is on by default. */
#define SG_CERTIFY_AUTO_NNZ 200000
/* Largest relative violation (and objective difference) accepted as
 * certified: far above double rounding, far below any planning question. */
#define SG_CERTIFY_TOL 1e-9

enum sg_cert { SG_CERT_SKIPPED, SG_CERT_YES, SG_CERT_NO };

typedef struct sg_cert_info {
	int status;           /* GLPK status after glp_exact (GLP_OPT ...) */
	double exact_cost;    /* objective of glp_exact's basic solution */
	double primal;        /* largest relative bound violation of x */
	double dual;          /* largest relative reduced-cost sign error */
	double objective;     /* |exact_cost - total_cost| / max(1, |exact|) */
	double seconds;       /* wall time of the copy, exact solve, checks */
	int approx;           /* rows (and the objective) glp_exact read as
			       * nearby fractions: their numbers span more
			       * than 2^1000 (0 but in contrived data) */
} sg_cert_info;

/*
 * sg_certify - certify the reported solution res (x, dual, total_cost) of
 * the solved model md.  Sets res->certified (SG_CERT_YES when glp_exact
 * ends optimal and every relative violation is <= SG_CERTIFY_TOL, else
 * SG_CERT_NO) and res->cert_violation (the largest of primal, dual and
 * objective).  info may be NULL.  Returns 0, or SG_EINTERNAL when GLPK
 * could not run (res->certified is then SG_CERT_NO).
 */
int sg_certify(const sg_model *md, sg_result *res, sg_cert_info *info);

/*
 * sg_certify_exact - replace res's x, duals, total_cost and costs with the
 * solution of md->lp's final basis computed in exact rational arithmetic
 * (glp_exact), rounded to doubles once: the simplex's own values can miss
 * SG_CERTIFY_TOL where the basis is badly conditioned (3e-8 of a bound)
 * while its exact solution keeps the optimality conditions to the last
 * digit.  Where glp_exact ends optimal at another basis (the simplex
 * stopped within its tolerance of an optimum it had not reached: a
 * reduced cost 2.7e-7 off, the cost 5e-8 high, in 1 of 11,898 random
 * plans, tests/model/exact-basis.csv), md->lp takes that basis, so that
 * ranging reads the basis of the reported solution.  Only when glp_exact
 * ends optimal (else res is left alone and -1 returned); 0 when
 * replaced.  best_bound and gap
 * are the caller's to move with the cost.
 */
int sg_certify_exact(const sg_model *md, sg_result *res);

/* ---- ranging ---------------------------------------------------------- */

/*
 * sg_dual_check - what one more unit of duals.csv row r in each quarter
 * t..u really changes, in duals.csv's sense (sign*change of the LP's
 * optimum): work (a glp_copy_prob of md->lp after the solve, reused from
 * call to call), whose optimum is base, is re-solved from its basis with
 * those rows' right-hand sides one unit higher, then the bounds are set
 * back.  (base, not total_cost: a stochastic plan's total_cost is a
 * mean over scenarios, not md->lp's optimum.)  The shadow prices only
 * bound it where several limits bind at once: racks never retire, so one
 * more MW of IT space in one quarter alone hosts no rack while the next
 * quarter binds, and a site whose grid binds too gains nothing from IT
 * space, though either dual may be positive.  NAN when the LP fails.
 */
double sg_dual_check(struct glp_prob *work, const sg_model *md,
		     double base, const struct sg_dual_row *r, int t, int u);

/* The inputs ranged, in the order of ranging.csv within an entity. */
enum sg_range_attr {
	SG_RANGE_WAFER_CAPACITY, /* fab f */
	SG_RANGE_CONTRACT,       /* product p */
	SG_RANGE_GRID_MW,        /* site s */
	SG_RANGE_ENERGY_PRICE,   /* site s */
	SG_RANGE_DEMAND          /* region r */
};

typedef struct sg_range {
	int attr;         /* enum sg_range_attr */
	int ent;          /* fab, product, site or region index */
	int t;            /* quarter, 1-based */
	double value;     /* the input's value in quarter t */
	double low, high; /* range keeping the basis optimal (+-INFINITY:
			     unbounded); low is never below 0 */
	double cost_low, cost_high; /* total_cost at low / high (NaN when
				       the end is infinite and slope != 0) */
	double slope;     /* d total_cost / d input inside the range (present
			     value; the row's dual for right-hand sides) */
} sg_range;

typedef struct sg_ranging {
	sg_range *r; /* [n] in ranging.csv order */
	int n;
} sg_ranging;

/*
 * sg_ranging_compute - ranges of every input that feeds the fixed-ON LP of
 * the solved model md (res its reported solution).  Needs md->lp to hold
 * the optimal basis sg_model_solve left; refactorizes it when needed.
 * Returns 0 and *out (caller frees with sg_ranging_free), or SG_EINTERNAL
 * (no optimal basis) with *out NULL.
 */
int sg_ranging_compute(sg_model *md, const sg_result *res,
		       sg_ranging **out);
void sg_ranging_free(sg_ranging *rg);

/* ranging.csv: header section,name,attribute,quarter,value,low,high,
 * cost_at_low,cost_at_high,cost_slope; infinite ends as empty cells.
 * 0 or -1. */
int sg_ranging_write(FILE *f, const sg_model *md, const sg_ranging *rg);

/* ---- shadow prices worth acting on (report.html) ----------------------- */

/* duals.csv's constraints, in its row order. */
enum { SG_SHADOW_NCON = 5 };
/* Shadow prices at or below this are solver noise. */
#define SG_SHADOW_EPS 1e-7

typedef struct sg_shadow_con {
	const char *con; /* duals.csv's constraint name */
	int keep;        /* binding rows ranked at most */
	int on;          /* the unit checked: 1 from a quarter on (racks
			    never retire: a MW for one quarter hosts no rack
			    while the next binds), 0 in one quarter */
} sg_shadow_con;
extern const sg_shadow_con sg_shadow_cons[SG_SHADOW_NCON];

/* A binding duals.csv row with its shadow prices. */
typedef struct sg_shadow_row {
	struct sg_dual_row *r; /* the duals.csv row (report.h) */
	int con, i;            /* sg_shadow_cons index, row of duals.csv */
	double *v;             /* [T] shadow price per quarter */
	double peak, sum;      /* largest, and summed above the noise */
	int nbind;             /* quarters binding */
} sg_shadow_row;

/* Where one more unit of a constraint saves most. */
typedef struct sg_shadow_best {
	int row;       /* index in sg_shadow.rows, -1: no unit saves */
	int t;         /* quarter of the unit (from it on, if on), 1..T */
	double saving; /* checked saving, present value */
} sg_shadow_best;

typedef struct sg_shadow {
	struct sg_dual_row *all; /* every duals.csv row, in its order */
	sg_shadow_row *rows; /* [n] binding rows, grouped by constraint, the
				largest sum first, at most keep each */
	int n;
	int checked;         /* the LP re-solved: best[] holds */
	sg_shadow_best best[SG_SHADOW_NCON];
} sg_shadow;

/*
 * sg_shadow_new - rank the binding rows of the solved model md (res its
 * reported solution) and, for each constraint, check the quarters of its
 * SG_SHADOW_CHECKS largest shadow prices per row by solving md->lp's copy
 * again with one more unit (sg_dual_check): a shadow price alone can
 * promise a saving that one more unit does not make.  A saving below
 * 1e-9 of the cost is the LPs' rounding.  md->lp is not changed.  Caller
 * frees with sg_shadow_free.
 */
#define SG_SHADOW_CHECKS 16
sg_shadow *sg_shadow_new(const sg_model *md, const sg_result *res);
void sg_shadow_free(sg_shadow *sh);

/* ---- explain ---------------------------------------------------------- */

enum sg_alt_kind { SG_ALT_LATER, SG_ALT_NEVER, SG_ALT_EARLIEST };
enum sg_alt_status {
	SG_ALT_OPTIMAL,    /* re-solved to the plan's mip_gap */
	SG_ALT_TIME_LIMIT, /* stopped by the time limit: the best plan
			    * found, or none (cost NaN) */
	SG_ALT_INFEASIBLE, /* no plan has this option forced so */
	SG_ALT_OUTSIDE     /* the alternative quarter is past the horizon */
};

typedef struct sg_alt {
	int k;           /* option */
	int plan_online; /* quarter online in the plan, 0 = not built */
	int kind;        /* enum sg_alt_kind */
	int online;      /* quarter online in the alternative, 0 = never */
	int status;      /* enum sg_alt_status */
	double cost;     /* total_cost of the alternative (NaN unless
			    OPTIMAL or TIME_LIMIT) */
} sg_alt;

typedef struct sg_explain {
	sg_alt *a;       /* [n] option order, later before never */
	int n;
	double seconds;  /* wall time of all re-solves */
} sg_explain;

/*
 * sg_explain_run - for every option that is not committed: built in the
 * plan (ON[k,T] = 1), the plan's cost when it comes online one quarter
 * later and when it is never built; not built, the cost when it is online
 * from its earliest quarter (md->on_first).  Every other option stays
 * free: each alternative is a MIP re-solve (same mip_gap and time limit as
 * o) on its own copy of md->lp, warm-started from the plan's basis, so
 * the results do not depend on the order of the re-solves; threads (>= 1)
 * share them out.  Returns 0 and *out (sg_explain_free), or
 * SG_EINTERNAL.
 */
int sg_explain_run(const sg_model *md, const sg_result *res,
		   const sg_solve_opts *o, int threads, sg_explain **out);
void sg_explain_free(sg_explain *ex);

/* explain.csv: header option,plan_online,alternative,alternative_online,
 * status,total_cost,delta.  0 or -1. */
int sg_explain_write(FILE *f, const sg_model *md, const sg_result *res,
		     const sg_explain *ex);
/* The same table for people (stdout). */
void sg_explain_console(FILE *f, const sg_model *md, const sg_result *res,
			const sg_explain *ex);

/* ---- infeasibility traced to cells ----------------------------------- */

typedef struct sg_iis sg_iis;

/*
 * sg_iis_find - when md (not solved, or solved to SG_EINFEAS) is
 * infeasible: a deletion filter on its LP relaxation, every option as
 * early as it may be, finds an irreducible infeasible set among the
 * constraints the input sets (IT space, grid, initial racks, requires,
 * option timing); the rest of the model (balances, nonnegativity) always
 * stays.  Returns 0 and *out (sg_iis_free; NULL when the relaxation is
 * feasible), or SG_EINTERNAL.
 */
int sg_iis_find(const sg_model *md, sg_iis **out);
/* Number of constraints in the set. */
int sg_iis_size(const sg_iis *iis);
/* Print the set, one note per input cell: "FILE:LINE:COLUMN: note: ...". */
void sg_iis_print(FILE *f, const sg_model *md, const sg_iis *iis);
void sg_iis_free(sg_iis *iis);

/* ---- the run's side (trust_run.c) ------------------------------------ */

struct sg_case;
struct sg_outset;

typedef struct sg_trust_opts {
	int certify;  /* > 0 yes, 0 no, < 0 when the LP has fewer than
			 SG_CERTIFY_AUTO_NNZ nonzeros */
	int explain;  /* 1: sg_explain_run */
} sg_trust_opts;

/*
 * sg_trust_case - after a case is solved: ranging always, certification
 * and explain as t says.  Warnings (a failed certification, with its
 * numbers; no ranges) go to dg and, with so->verbose, timings to stderr;
 * explain re-solves on so->threads.  Fills
 * c->res.certified/cert_violation, c->ranging, c->explain.  Returns 0 or
 * SG_EINTERNAL.
 */
int sg_trust_case(struct sg_case *c, const sg_trust_opts *t,
		  const sg_solve_opts *so, struct sg_diag *dg);
/* ranging.csv (and explain.csv when computed) of case c into sub/ (NULL:
 * the top folder).  0 or SG_EOUTPUT. */
int sg_trust_write(struct sg_outset *os, const char *sub,
		   const struct sg_case *c);
/* The explain table of case c for stdout (nothing without --explain). */
void sg_trust_console(FILE *f, const struct sg_case *c);
/* After SG_EINFEAS: find and print the irreducible set of md to f. */
void sg_trust_infeasible(const sg_model *md, FILE *f);

#endif
