/*
 * mcbench - Monte Carlo and stochastic-plan benchmarks, measured side by
 * side in one run (issues 5 and 7):
 *   1. scenarios per second, warm-started (the deterministic basis) vs a
 *      cold re-solve of every scenario, and 1 vs 2 threads;
 *   2. the stochastic plan by extensive form and by Benders for growing N:
 *      time, objective, and the N from which Benders is faster.
 *
 *   mcbench [PLAN.csv] [SCENARIOS] [N1,N2,...]
 */
#include <glpk.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/engine.h"
#include "sgplan/risk.h"
#include "sgplan/stochastic.h"

static double risk_time(const sg_model *md, long n, int threads, int cold)
{
	sg_risk_opts o = { n, 7, threads, 0, cold };
	sg_risk *rk = NULL;
	double t0 = sg_now();
	if (sg_risk_run(md, &o, &rk) != 0)
		exit(70);
	double t = sg_now() - t0;
	sg_risk_free(rk);
	return t;
}

static void bench_risk(const sg_model *md, long n)
{
	double warm1 = risk_time(md, n, 1, 0), cold1 = risk_time(md, n, 1, 1);
	double warm2 = risk_time(md, n, 2, 0);
	printf("risk: %ld scenarios\n", n);
	printf("  %-24s %8.3f s %9.0f scenarios/s\n", "warm, 1 thread", warm1,
	       n / warm1);
	printf("  %-24s %8.3f s %9.0f scenarios/s\n", "cold, 1 thread", cold1,
	       n / cold1);
	printf("  %-24s %8.3f s %9.0f scenarios/s\n", "warm, 2 threads", warm2,
	       n / warm2);
	printf("  warm/cold speed-up %.2fx; 2/1 threads speed-up %.2fx\n",
	       cold1 / warm1, warm1 / warm2);
}

static void bench_saa(const sg_model *md, const char *list)
{
	printf("stochastic plan: extensive form vs Benders (gap 1e-6)\n");
	printf("  %6s %12s %12s %20s %20s %s\n", "N", "extensive_s",
	       "benders_s", "extensive_cost", "benders_cost", "iterations");
	long cross = -1;
	char *l = strdup(list);
	for (char *tok = strtok(l, ","); tok; tok = strtok(NULL, ",")) {
		long n = atol(tok);
		sg_saa_result r[2];
		double cost[2];
		for (int m = 0; m < 2; m++) {
			sg_saa_opts o = { .n = n, .seed = 7,
					  .method = m ? SG_SAA_BENDERS :
						  SG_SAA_EXTENSIVE,
					  .mip_gap = 1e-6, .time_limit = 600,
					  .threads = 2 };
			sg_diag *dg = sg_diag_new();
			if (sg_saa_solve(md, &o, dg, &r[m]) != 0)
				exit(70);
			sg_diag_free(dg);
			cost[m] = r[m].cost;
		}
		printf("  %6ld %12.3f %12.3f %20.6f %20.6f %d\n", n,
		       r[0].seconds, r[1].seconds, cost[0], cost[1],
		       r[1].iterations);
		if (cross < 0 && r[1].seconds < r[0].seconds)
			cross = n;
		free(r[0].on);
		free(r[1].on);
	}
	free(l);
	if (cross > 0)
		printf("  crossover: Benders is faster from N = %ld\n", cross);
	else
		printf("  crossover: not reached in this range\n");
}

int main(int argc, char **argv)
{
	sg_malloc_tune(); /* as sgplan does */
	const char *path = argc > 1 ? argv[1] : "data/2025.csv";
	long n = argc > 2 ? atol(argv[2]) : 1000;
	const char *list = argc > 3 ? argv[3] : "5,10,20,50";
	sg_plan *p = bench_load(path);
	sg_diag *dg = sg_diag_new();
	sg_model *md = sg_model_new(p, 0);
	sg_solve_opts so = { .mip_gap = 1e-6 };
	sg_result res;
	if (sg_model_solve(md, &so, dg, &res) != 0)
		return 1;
	printf("%s: deterministic total_cost %.6f in %.3f s\n", path,
	       res.total_cost, res.seconds);
	bench_risk(md, n);
	bench_saa(md, list);
	sg_result_free(&res);
	sg_model_free(md);
	sg_plan_free(p);
	sg_diag_free(dg);
	glp_free_env();
	return 0;
}
