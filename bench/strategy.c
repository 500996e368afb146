/*
 * strategy - the solve strategy measured: the same plan solved with
 * sgplan's choices and with each of them switched off, side by side, with
 * a time limit; prints incumbent, proven bound, gap and time per variant.
 *
 *   strategy PLAN.csv [SECONDS]
 *
 * Variants: sgplan (site capacity cuts, GLPK's Gomory cuts, relaxation
 * rounding, RINS at the root, pseudocosts shared by an option's quarters,
 * reduced-cost fixing at the pruning cutoff, subtrees side by side on
 * every core after 50 nodes), then each of these switched off or
 * replaced by GLPK's own, GLPK's MIR, cover and clique cuts switched on,
 * and no cuts of either kind.
 */
#include <glpk.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "benchutil.h"
#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/engine.h"

int main(int argc, char **argv)
{
	sg_malloc_tune(); /* as sgplan does */
	if (argc < 2) {
		fprintf(stderr, "usage: strategy PLAN.csv [SECONDS]\n");
		return 64;
	}
	double secs = argc > 2 ? atof(argv[2]) : 30;
	sg_plan *p = bench_load(argv[1]);
	sg_diag *dg = sg_diag_new();
	static const struct {
		const char *name;
		int noh, norins, cuts, nocap, branch, split, threads, nofix;
	} v[] = {
		{ .name = "sgplan" },
		{ .name = "one thread", .threads = 1 },
		{ .name = "one tree", .split = -1, .threads = 1 },
		{ .name = "no site cuts", .nocap = 1 },
		{ .name = "GLPK fixing", .nofix = 1 },
		{ .name = "no GLPK cuts", .cuts = SG_CUT_NONE },
		{ .name = "all GLPK cuts",
		  .cuts = SG_CUT_GMI | SG_CUT_MIR | SG_CUT_COV | SG_CUT_CLQ },
		{ .name = "GLPK pseudocost", .branch = SG_BRANCH_GLPK_PCH },
		{ .name = "DTH branching", .branch = SG_BRANCH_DTH },
		{ .name = "no RINS", .norins = 1 },
		{ .name = "no heuristic", .noh = 1, .norins = 1 },
		{ .name = "no cuts at all", .cuts = SG_CUT_NONE, .nocap = 1 },
	};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	printf("%s, time limit %.0f s, gap 1e-4, %ld threads\n", argv[1], secs,
	       cores);
	printf("%-14s %18s %18s %10s %8s %s\n", "variant", "incumbent",
	       "bound", "gap", "seconds", "status");
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		sg_model *md = sg_model_new(p, 0);
		sg_solve_opts o = { .mip_gap = 1e-4, .time_limit = secs,
				    .no_heuristic = v[i].noh,
				    .no_rins = v[i].norins,
				    .cuts = v[i].cuts,
				    .no_capcuts = v[i].nocap,
				    .no_fixing = v[i].nofix,
				    .branch = v[i].branch,
				    .split_after = v[i].split,
				    .threads = v[i].threads ? v[i].threads :
					       (int)cores };
		sg_result r;
		if (sg_model_solve(md, &o, dg, &r) != 0)
			return 1;
		printf("%-14s %18.2f %18.2f %10.3g %8.2f %s\n", v[i].name,
		       r.total_cost, r.best_bound, r.gap, r.seconds,
		       r.status == SG_STATUS_OPTIMAL ? "optimal" :
		       "time_limit");
		fflush(stdout);
		sg_result_free(&r);
		sg_model_free(md);
	}
	sg_plan_free(p);
	sg_diag_free(dg);
	glp_free_env();
	return 0;
}
