/*
 * dist.c - Open MPI behind dist.h, or the one-process identity.
 */
#include "sgplan/dist.h"

#include <stdio.h>
#include <stdlib.h>

#include "sgplan/common.h"

#ifdef SG_HAVE_MPI
#include <mpi.h>

static int active, rank, size = 1;

static int launched_by_mpirun(void)
{
	return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") ||
	       getenv("PMI_RANK");
}

int sg_dist_init(int *argc, char ***argv)
{
	if (!launched_by_mpirun())
		return 0;
	int provided;
	if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) !=
	    MPI_SUCCESS)
		return SG_EINTERNAL;
	MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	active = 1;
	return 0;
}

void sg_dist_finalize(void)
{
	if (active)
		MPI_Finalize();
	active = 0;
}

int sg_dist_rank(void)
{
	return rank;
}

int sg_dist_size(void)
{
	return size;
}

static int fail(const char *what, int err)
{
	char msg[MPI_MAX_ERROR_STRING];
	int len = 0;
	MPI_Error_string(err, msg, &len);
	fprintf(stderr, "sgplan: error: rank %d: MPI %s failed: %s\n", rank,
		what, msg);
	return SG_EINTERNAL;
}

int sg_dist_gather_rows(double *a, long n, int w)
{
	if (!active || size == 1)
		return 0;
	int *cnt = sg_xcalloc((size_t)size, sizeof(int));
	int *off = sg_xcalloc((size_t)size, sizeof(int));
	for (int r = 0; r < size; r++) {
		long lo = n * r / size, hi = n * (r + 1) / size;
		cnt[r] = (int)((hi - lo) * w);
		off[r] = (int)(lo * w);
	}
	int err = MPI_Gatherv(rank == 0 ? MPI_IN_PLACE : a + off[rank],
			      cnt[rank], MPI_DOUBLE, a, cnt, off, MPI_DOUBLE,
			      0, MPI_COMM_WORLD);
	free(cnt);
	free(off);
	return err == MPI_SUCCESS ? 0 : fail("gather", err);
}

int sg_dist_bcast(double *a, long n)
{
	if (!active || size == 1)
		return 0;
	int err = MPI_Bcast(a, (int)n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
	return err == MPI_SUCCESS ? 0 : fail("broadcast", err);
}

int sg_dist_any(int flag)
{
	if (!active || size == 1)
		return flag;
	int out = flag;
	if (MPI_Allreduce(&flag, &out, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD) !=
	    MPI_SUCCESS)
		return 1;
	return out;
}

#else /* one process */

int sg_dist_init(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

void sg_dist_finalize(void)
{
}

int sg_dist_rank(void)
{
	return 0;
}

int sg_dist_size(void)
{
	return 1;
}

int sg_dist_gather_rows(double *a, long n, int w)
{
	(void)a, (void)n, (void)w;
	return 0;
}

int sg_dist_bcast(double *a, long n)
{
	(void)a, (void)n;
	return 0;
}

int sg_dist_any(int flag)
{
	return flag;
}
#endif

void sg_dist_range(long n, long *lo, long *hi)
{
	int r = sg_dist_rank(), p = sg_dist_size();
	*lo = n * r / p;
	*hi = n * (r + 1) / p;
}
