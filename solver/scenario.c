/*
 * scenario.c - Monte Carlo draws pinned by MODEL.md "Uncertainty": every
 * implementation and every thread or process count sees the same numbers.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/risk.h"

static uint64_t splitmix64(uint64_t z)
{
	z += 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

unsigned long sg_scenario_rng_seed(uint32_t seed, uint64_t i)
{
	return (unsigned long)(splitmix64(((uint64_t)seed << 32) + i) >> 32);
}

void sg_scenario_init(sg_scenario *sc, const sg_plan *p)
{
	sc->demand = sg_xcalloc((size_t)p->nreg * p->T + 1, sizeof(double));
	sc->price = sg_xcalloc((size_t)p->nsite * p->T + 1, sizeof(double));
	sc->grid = sg_xcalloc((size_t)p->nsite * p->T + 1, sizeof(double));
	sc->delayed = sg_xcalloc((size_t)p->nsite + 1, 1);
}

void sg_scenario_free(sg_scenario *sc)
{
	free(sc->demand);
	free(sc->price);
	free(sc->grid);
	free(sc->delayed);
	memset(sc, 0, sizeof *sc);
}

/* Demand: M[r,t] = exp(v * sum_{tau<=t} eps[r,tau] - t*v^2/2), with
 * eps[r,t] = sqrt(rho)*Z[t] + sqrt(1-rho)*xi[r,t]; draws Z[t], then xi[r,t]
 * for each region, quarter by quarter. */
static void draw_demand(const sg_plan *p, gsl_rng *rng, sg_scenario *sc,
			double *walk)
{
	double rho = p->unc.demand_corr;
	double a = sqrt(rho), b = sqrt(1 - rho);
	for (int r = 0; r < p->nreg; r++)
		walk[r] = 0;
	for (int t = 1; t <= p->T; t++) {
		double z = gsl_ran_ugaussian(rng);
		for (int r = 0; r < p->nreg; r++) {
			double v = p->unc.demand_vol[r];
			walk[r] += a * z + b * gsl_ran_ugaussian(rng);
			sc->demand[r * p->T + t - 1] =
				p->reg[r].demand[t - 1] *
				exp(v * walk[r] - t * v * v / 2);
		}
	}
}

/* Energy price: multiplier exp(v*eps[s,t] - v^2/2), independent over
 * quarters; draws Z[t], then xi[s,t] for each site. */
static void draw_energy(const sg_plan *p, gsl_rng *rng, sg_scenario *sc)
{
	double rho = p->unc.energy_corr;
	double a = sqrt(rho), b = sqrt(1 - rho);
	for (int t = 1; t <= p->T; t++) {
		double z = gsl_ran_ugaussian(rng);
		for (int s = 0; s < p->nsite; s++) {
			double v = p->unc.energy_vol[s];
			double eps = a * z + b * gsl_ran_ugaussian(rng);
			sc->price[s * p->T + t - 1] =
				p->site[s].energy_price[t - 1] *
				exp(v * eps - v * v / 2);
		}
	}
}

/* Grid delay: one uniform per site; delayed iff u < p, then
 * g'(t) = grid_mw(s, max(1, t - D)). */
static void draw_delay(const sg_plan *p, gsl_rng *rng, sg_scenario *sc)
{
	for (int s = 0; s < p->nsite; s++) {
		double u = gsl_rng_uniform(rng);
		int D = u < p->unc.delay_prob[s] ? p->unc.delay_quarters[s] : 0;
		sc->delayed[s] = D > 0 || u < p->unc.delay_prob[s];
		for (int t = 1; t <= p->T; t++) {
			int src = t - D < 1 ? 1 : t - D;
			sc->grid[s * p->T + t - 1] =
				p->site[s].grid_mw[src - 1];
		}
	}
}

void sg_scenario_draw(const sg_plan *p, uint32_t seed, uint64_t i,
		      sg_scenario *sc)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng) {
		fputs("sgplan: out of memory\n", stderr);
		exit(70);
	}
	double *walk = sg_xcalloc((size_t)p->nreg + 1, sizeof(double));
	gsl_rng_set(rng, sg_scenario_rng_seed(seed, i));
	draw_demand(p, rng, sc, walk);
	draw_energy(p, rng, sc);
	draw_delay(p, rng, sc);
	free(walk);
	gsl_rng_free(rng);
}

void sg_scenario_view(const sg_plan *p, const sg_scenario *sc,
		      sg_plan *view)
{
	*view = *p;
	view->arena = NULL;
	sg_site *site = sg_xcalloc((size_t)p->nsite + 1, sizeof *site);
	sg_region *reg = sg_xcalloc((size_t)p->nreg + 1, sizeof *reg);
	for (int s = 0; s < p->nsite; s++) {
		site[s] = p->site[s];
		site[s].energy_price = sc->price + s * p->T;
		site[s].grid_mw = sc->grid + s * p->T;
	}
	for (int r = 0; r < p->nreg; r++) {
		reg[r] = p->reg[r];
		reg[r].demand = sc->demand + r * p->T;
	}
	view->site = site;
	view->reg = reg;
}

void sg_scenario_view_free(sg_plan *view)
{
	free(view->site);
	free(view->reg);
	view->site = NULL;
	view->reg = NULL;
}
