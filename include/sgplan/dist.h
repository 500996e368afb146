/*
 * dist.h - scenario work across processes with Open MPI.
 *
 * When sgplan is started by mpirun (the launcher sets OMPI_COMM_WORLD_SIZE
 * or PMIX_RANK), sg_dist_init initialises MPI; every rank runs the same
 * deterministic pipeline, scenario loops take this rank's block of indices
 * (sg_dist_range), results are gathered on rank 0 (sg_dist_gather_rows),
 * and only rank 0 prints and writes reports.  Without MPI (not built with
 * it, or not started by mpirun) there is one rank and every call is the
 * single-process identity.  Errors are returned to the caller (MPI's
 * MPI_ERRORS_RETURN), so a failed collective becomes a clear message, and a
 * rank that dies makes mpirun end the whole job before rank 0 writes
 * anything (reports are written atomically after the gather).
 */
#ifndef SGPLAN_DIST_H
#define SGPLAN_DIST_H

/* Initialise MPI when launched by mpirun.  Returns 0 or SG_EINTERNAL. */
int sg_dist_init(int *argc, char ***argv);
void sg_dist_finalize(void);
int sg_dist_rank(void);
int sg_dist_size(void);

/* This rank's block [*lo, *hi) of n indices (contiguous, in rank order). */
void sg_dist_range(long n, long *lo, long *hi);

/* a is an n x w row-major array of which this rank filled the rows of its
 * sg_dist_range block; afterwards rank 0 holds every row.  0 or
 * SG_EINTERNAL. */
int sg_dist_gather_rows(double *a, long n, int w);

/* Copy n doubles from rank 0 to every rank.  0 or SG_EINTERNAL. */
int sg_dist_bcast(double *a, long n);

/* Any rank's flag set -> every rank sees 1 (logical or). */
int sg_dist_any(int flag);

#endif
