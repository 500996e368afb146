/*
 * stochastic.h - the stochastic plan (MODEL.md "Uncertainty", sample
 * average approximation): choose ON to minimise the mean cost over N
 * scenarios, every other variable per scenario.
 *
 * Two methods that reach the same optimum:
 * - the extensive form: one MIP with ON shared and a copy of every other
 *   variable per scenario (engine.h, sg_model_new_saa);
 * - an L-shaped (Benders) decomposition: a master MIP over ON and one
 *   theta per scenario, cut by the duals of the scenario LPs, which run in
 *   the scenario pool (threads and MPI ranks, warm from one basis).
 * SG_SAA_AUTO is Benders, with the extensive form when GLPK fails in it.
 */
#ifndef SGPLAN_STOCHASTIC_H
#define SGPLAN_STOCHASTIC_H

#include <stdint.h>
#include <stdio.h>

#include "sgplan/engine.h"

enum sg_saa_method { SG_SAA_AUTO, SG_SAA_EXTENSIVE, SG_SAA_BENDERS };

typedef struct sg_saa_opts {
	long n;           /* scenarios in the sample */
	uint32_t seed;
	int method;       /* enum sg_saa_method */
	double mip_gap;   /* relative gap on the mean cost */
	double time_limit; /* seconds (extensive: the solve; Benders: all) */
	int threads;
	int cuts;         /* as sg_solve_opts (extensive form) */
	int progress;
	int verbose;
	int fail_at;      /* tests only: Benders fails in this iteration, as
			   * when GLPK fails on its LP or MIP (0: never) */
} sg_saa_opts;

typedef struct sg_saa_result {
	double *on;       /* [nopt*T] chosen ON (caller frees) */
	double cost;      /* mean cost of the sample at on */
	double bound;     /* proven lower bound on the SAA optimum */
	int method;       /* the method used */
	int iterations;   /* Benders iterations (0 for extensive) */
	double seconds;
} sg_saa_result;

/* Solve the SAA problem of plan p.  det is the solved deterministic model
 * (ON fixed; its LP is the scenario template for Benders).  Returns 0,
 * SG_EINFEAS or SG_EINTERNAL. */
int sg_saa_solve(const sg_model *det, const sg_saa_opts *o,
		 struct sg_diag *dg, sg_saa_result *res);

/* Mean over scenarios 0..n-1 of seed of the cost of model md (solved, ON
 * fixed) and of each cost term, U and SE sums; also the standard error of
 * the cost; and, when spend is not NULL ([T+1]), the mean undiscounted
 * cost terms of each quarter 1..T.  Returns 0 or SG_EINTERNAL. */
typedef struct sg_eval {
	double cost, se;
	sg_costs costs;
	double unserved, shortfall;
} sg_eval;
int sg_saa_evaluate(const sg_model *md, long n, uint32_t seed, int threads,
		    int progress, sg_eval *ev, sg_costs *spend);

struct sg_case;
struct sg_diag;

/* What --stochastic adds to a case: the deterministic plan it replaced as
 * the reported one, and both plans evaluated out of sample. */
typedef struct sg_stoch {
	sg_model *det_md;   /* the deterministic plan's model (owned) */
	sg_result det_res;
	sg_saa_result saa;
	long n;             /* SAA sample size */
	double det_cost;    /* the stochastic ON on the forecast: its cost, */
	double det_unserved, det_shortfall; /* unserved and shortfall */
	long oos_n;         /* out-of-sample scenarios */
	uint32_t oos_seed;
	sg_eval oos_stoch, oos_det;
} sg_stoch;

/* Replace case c's solved deterministic plan by the stochastic plan of
 * o->n scenarios: c->md and c->res become the stochastic ON on the
 * forecast, with total_cost, the cost terms, unserved and shortfall the
 * sample means (MODEL.md), and c->stoch keeps the rest.  Both plans are
 * then evaluated on oos_n fresh scenarios of seed o->seed + 1.  Returns 0,
 * SG_EINFEAS or SG_EINTERNAL. */
int sg_case_stochastic(struct sg_case *c, const sg_saa_opts *o, long oos_n,
		       struct sg_diag *dg);
void sg_stoch_free(sg_stoch *s);
/* The value of the stochastic solution: what the deterministic plan costs
 * out of sample above the stochastic one. */
double sg_stoch_vss(const sg_stoch *s);

/* summary.csv rows after FORMAT.md's, and stochastic.csv (option,
 * deterministic and stochastic online quarter). */
void sg_stoch_summary(FILE *f, const sg_stoch *s);
int sg_stoch_write(FILE *f, const struct sg_case *c);

#endif
