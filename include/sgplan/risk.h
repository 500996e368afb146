/*
 * risk.h - Monte Carlo evaluation of a plan (MODEL.md "Uncertainty").
 *
 * Scenario i of seed s is drawn with GSL's mt19937 seeded from
 * splitmix64((s mod 2^32) * 2^32 + i) >> 32, in the draw order MODEL.md pins,
 * so scenario i is the same whatever the thread or process count.
 * Evaluation keeps the plan's ON fixed and re-solves the LP in every other
 * variable per scenario, changing only right-hand sides (demand, grid) and
 * objective coefficients (energy) of one problem per thread, warm-started
 * from the previous basis.
 *
 * Calling sequence:
 *   sg_risk *rk = NULL;
 *   rc = sg_risk_run(md, &ro, &rk);   // md solved: ON fixed (engine.h)
 *   sg_risk_summary(f, rk); sg_risk_write(f, md, rk);
 *   sg_risk_free(rk);
 */
#ifndef SGPLAN_RISK_H
#define SGPLAN_RISK_H

#include <stdint.h>
#include <stdio.h>

#include "sgplan/engine.h"

/* One scenario's sampled inputs. */
typedef struct sg_scenario {
	double *demand;  /* [nreg*T] region r, quarter t at r*T + t-1 */
	double *price;   /* [nsite*T] energy_price */
	double *grid;    /* [nsite*T] grid_mw after any delay */
	unsigned char *delayed; /* [nsite] */
} sg_scenario;

/* Allocate / free the arrays of a scenario for plan p. */
void sg_scenario_init(sg_scenario *sc, const sg_plan *p);
void sg_scenario_free(sg_scenario *sc);

/* Draw scenario i of seed into sc (exactly MODEL.md's draws). */
void sg_scenario_draw(const sg_plan *p, uint32_t seed, uint64_t i,
		      sg_scenario *sc);

/* The seed of GSL's mt19937 for scenario i of seed (MODEL.md). */
unsigned long sg_scenario_rng_seed(uint32_t seed, uint64_t i);

/* view = p with scenario sc's demand, energy_price and grid_mw series: a
 * shallow copy whose site and region arrays are its own and whose series
 * point into sc (valid while sc lives).  Free with sg_scenario_view_free
 * (never sg_plan_free). */
void sg_scenario_view(const sg_plan *p, const sg_scenario *sc,
		      sg_plan *view);
void sg_scenario_view_free(sg_plan *view);

typedef struct sg_risk_opts {
	long n;          /* scenarios */
	uint32_t seed;
	int threads;     /* >= 1 */
	int progress;    /* progress line on stderr */
	int cold;        /* rebuild every scenario's basis (benchmark only) */
} sg_risk_opts;

typedef struct sg_risk sg_risk;

/* Evaluate the solved model md (ON fixed) under o->n scenarios.
 * Returns 0, or SG_EINTERNAL when a scenario LP fails. */
int sg_risk_run(const sg_model *md, const sg_risk_opts *o, sg_risk **out);
void sg_risk_free(sg_risk *rk);

/* The summary.csv rows of FORMAT.md for scenarios. */
void sg_risk_summary(FILE *f, const sg_risk *rk);
/* risk.csv. Returns 0 or -1 on a write error. */
int sg_risk_write(FILE *f, const sg_model *md, const sg_risk *rk);

/* Expected total cost over the scenarios (for reports). */
double sg_risk_mean_cost(const sg_risk *rk);

/* Number of scenarios evaluated. */
long sg_risk_scenarios(const sg_risk *rk);

/*
 * sg_risk_quantiles - the risk.csv statistics of one cell, for reports:
 * metric "cost", "unserved", "any_unserved", "shortfall" or "grid_used";
 * entity the region, product or site index (-1 = "*": cost, any_unserved,
 * and unserved over all regions); slot 0..T-1 a quarter, T the total.
 * Fills out[] with mean, sd, p5, p10, p50, p90, p95 and returns 0, or
 * returns -1 (out untouched) for an unknown metric, entity or slot.
 */
int sg_risk_quantiles(const sg_risk *rk, const char *metric, int entity,
		      int slot, double out[7]);

#endif
