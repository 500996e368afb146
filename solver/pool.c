/*
 * pool.c - the scenario LP pool of pool.h.
 */
#include "sgplan/pool.h"

#include <glpk.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sgplan/common.h"
#include "sgplan/dist.h"
#include "sgplan/lockstep.h"
#include "sgplan/risk.h"

typedef struct shared {
	const sg_pool_job *job;
	sg_basis basis; /* of md's optimal LP */
	pthread_mutex_t mu;
	long next, end;     /* next scenario to take, end of this rank's */
	long done, nmine;
	int failed;
	double t0, last;
	int live;           /* rewrite one line on a terminal, else lines */
} shared;

/* Put scenario inputs into the worker's LP: demand and grid right-hand
 * sides, energy costs on R, and ON when the job fixes it. */
static void apply(const sg_pool_job *job, glp_prob *lp, const sg_plan *v)
{
	const sg_model *md = job->md;
	const sg_plan *P = md->plan;
	for (int t = 1; t <= P->T; t++) {
		for (int r = 0; r < P->nreg; r++) {
			double D = v->reg[r].demand[t - 1];
			glp_set_row_bnds(lp, sg_idx_pt(md, md->m.demand, r, t),
					 GLP_FX, D, D);
		}
		for (int s = 0; s < P->nsite; s++) {
			glp_set_row_bnds(lp, sg_idx_pt(md, md->m.grid, s, t),
					 GLP_UP, 0, v->site[s].grid_mw[t - 1]);
			for (int a = 0; a < P->nplat; a++)
				glp_set_obj_coef(lp,
					sg_col_AS(md, md->m.R, a, s, t),
					md->d[t] * sg_energy_per_rack(v, a, s,
					v->site[s].energy_price[t - 1]));
		}
		for (int k = 0; job->on && k < P->nopt; k++) {
			double on = job->on[k * P->T + t - 1];
			glp_set_col_bnds(lp, sg_idx_pt(md, md->m.ON, k, t),
					 GLP_FX, on, on);
		}
	}
}

/* On a terminal, one line rewritten in place every 0.5 s and cleared at
 * the end; elsewhere (--verbose into a log), a line every 5 s and one at
 * the end, as the search's progress does. */
static void progress(shared *sh)
{
	double now = sg_now();
	if (!sh->job->progress || sg_dist_rank() != 0 ||
	    (now - sh->last < (sh->live ? 0.5 : 5) && sh->done < sh->nmine))
		return;
	sh->last = now;
	double rate = sh->done / fmax(now - sh->t0, 1e-9);
	fprintf(stderr, "%ssgplan: scenarios %ld/%ld%s, %.0f/s, ETA %.0f s%s",
		sh->live ? "\r" : "", sh->done, sh->nmine,
		sg_dist_size() > 1 ? " on rank 0" : "", rate,
		(sh->nmine - sh->done) / rate, sh->live ? "   " : "\n");
	if (sh->live && sh->done == sh->nmine)
		fputs("\r\033[K", stderr);
}

/* Solve one scenario LP by sg_lp_simplex, from md's optimal basis (a
 * scenario changes right-hand sides and energy costs only, so it is near)
 * or, cold, from an advanced basis.  A scenario always has an optimum
 * (MODEL.md): any other end is the simplex's numerics, and it starts
 * again from an advanced basis.  The basis is factorized afresh: where
 * the last scenario this thread solved ended at the same basic set,
 * GLPK would go on with that run's updated factors, whose last bits
 * depend on which scenario it was, and so on the thread count (a
 * helper's review, 2026-12-08; not seen to change a result). */
static int solve_one(glp_prob *lp, const shared *sh)
{
	if (sh->job->cold)
		glp_adv_basis(lp, 0);
	else
		sg_basis_set(lp, &sh->basis);
	glp_factorize(lp);
	if (sg_lp_simplex(lp) == GLP_OPT)
		return 0;
	glp_adv_basis(lp, 0);
	return sg_lp_optimum(lp) == GLP_OPT ? 0 : -1;
}

static long take(shared *sh)
{
	pthread_mutex_lock(&sh->mu);
	long i = sh->failed ? sh->end : sh->next++;
	pthread_mutex_unlock(&sh->mu);
	return i;
}

static void *work(void *arg)
{
	shared *sh = arg;
	const sg_pool_job *job = sh->job;
	const sg_plan *P = job->md->plan;
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, job->md->lp, GLP_OFF);
	int n = glp_get_num_cols(lp);
	double *x = sg_xcalloc((size_t)n + 1, sizeof(double));
	sg_scenario sc;
	sg_scenario_init(&sc, P);
	for (long i; (i = take(sh)) < sh->end;) {
		sg_plan v;
		sg_scenario_draw(P, job->seed, (uint64_t)i, &sc);
		sg_scenario_view(P, &sc, &v);
		sg_model vm = *job->md;
		vm.plan = &v;
		vm.lp = lp;
		apply(job, lp, &v);
		int rc = solve_one(lp, sh);
		if (rc == 0) {
			for (int j = 1; j <= n; j++)
				x[j] = sg_lp_col_value(lp, j);
			sg_racks_running(&vm, x);
			job->each(&vm, x, glp_get_obj_val(lp),
				  job->rows + (size_t)i * job->width, job->ctx);
		}
		sg_scenario_view_free(&v);
		pthread_mutex_lock(&sh->mu);
		sh->failed |= rc != 0;
		sh->done++;
		progress(sh);
		pthread_mutex_unlock(&sh->mu);
	}
	sg_scenario_free(&sc);
	free(x);
	glp_delete_prob(lp);
	return NULL;
}

int sg_pool_run(const sg_pool_job *job)
{
	shared sh = { job, { 0, 0, NULL }, PTHREAD_MUTEX_INITIALIZER, 0, 0,
		      0, 0, 0, sg_now(), 0,
		      job->progress == 1 && isatty(2) };
	sg_dist_range(job->n, &sh.next, &sh.end);
	sh.nmine = sh.end - sh.next;
	if (!sh.live)
		sh.last = sh.t0;
	sg_basis_get(job->md->lp, &sh.basis);
	/* glp_copy_prob reads the source's factorization settings and GLPK
	 * creates them on first read, in the reading thread's environment:
	 * create them here, before any worker copies the problem (seen as
	 * "glp_free: invalid pointer" on a plan without rows) */
	glp_bfcp bfcp;
	glp_get_bfcp(job->md->lp, &bfcp);
	sg_team_run(job->threads, sh.nmine, work, &sh);
	sg_basis_free(&sh.basis);
	pthread_mutex_destroy(&sh.mu);
	if (sg_dist_any(sh.failed)) {
		fprintf(stderr, "sgplan: error: a scenario LP did not reach an "
			"optimum\n");
		return SG_EINTERNAL;
	}
	return sg_dist_gather_rows(job->rows, job->n, job->width);
}
