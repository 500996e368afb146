/*
 * pool.h - solve one LP per Monte Carlo scenario, on threads and MPI ranks.
 *
 * The model md must be solved (engine.h): its ON columns fixed and its LP
 * basis optimal.  Each worker thread copies md's LP once; for scenario i it
 * puts the scenario's demand, grid and energy prices into its copy (and,
 * when job->on is set, fixes ON at those values), restarts from md's basis
 * (so the solution depends on i alone, never on the thread, rank or order),
 * solves, and calls job->each to fill row i of job->rows.  This rank's rows
 * are then gathered on rank 0 (dist.h).  GLPK objects never cross threads:
 * each thread creates, uses and deletes its own.
 */
#ifndef SGPLAN_POOL_H
#define SGPLAN_POOL_H

#include <stdint.h>

#include "sgplan/engine.h"

typedef struct sg_pool_job {
	const sg_model *md; /* solved model (borrowed) */
	long n;             /* scenarios 0..n-1 */
	uint32_t seed;
	int threads;        /* >= 1 */
	int progress;       /* progress on stderr (rank 0): 0 none, 1 a line
			     * rewritten in place on a terminal, 2 (or 1
			     * elsewhere) whole lines, as for --verbose */
	int cold;           /* start each LP from scratch (benchmark only) */
	const double *on;   /* NULL, or ON values [nopt*T] to fix */
	int width;          /* doubles per row */
	double *rows;       /* [n * width], zeroed by the caller */
	/* vm: md with the scenario's plan and the worker's LP (vm->lp);
	 * x: column values [1..ncol]; obj: the LP's objective */
	void (*each)(const sg_model *vm, const double *x, double obj,
		     double *row, void *ctx);
	void *ctx;
} sg_pool_job;

/* Run the job.  Returns 0, or SG_EINTERNAL (message printed) when a
 * scenario LP fails or ranks cannot exchange results. */
int sg_pool_run(const sg_pool_job *job);

#endif
