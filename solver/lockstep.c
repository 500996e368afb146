/*
 * lockstep.c - workers that meet after every round (lockstep.h).
 */
#include "sgplan/lockstep.h"

#include <glpk.h>
#include <pthread.h>
#include <stdlib.h>

#include "sgplan/common.h"
#include "sgplan/engine.h"

struct sg_lockstep {
	pthread_mutex_t mu;
	pthread_cond_t met;   /* a round ended */
	pthread_cond_t freed; /* a permit came back */
	pthread_cond_t go;    /* every thread started (or one failed) */
	int started, failed;
	int active;           /* workers still working */
	int arrived;          /* of them, parked in this round */
	int permits;          /* workers that may run now */
	int turn;             /* rank of the next worker to get a permit */
	int *rank;            /* [n] order of the workers in this round */
	int *alive;           /* [n] its work has not returned */
	double *began;        /* [n] when it last got a permit */
	double *took;         /* [n] how long its last round ran */
	int n;
	long round;
	int stop;
	sg_work_fn *work;
	sg_meet_fn *meet;
	void *ctx;
};

typedef struct worker {
	sg_lockstep *ls;
	int i;
} worker;

/* The next four are called with ls->mu held.  Permits go out in rank
 * order: the rounds that ran longest last time first, so that fewer
 * threads idle at the end of a round (longest processing time first).
 * Only the timing depends on it, never what the workers find. */
static void acquire(sg_lockstep *ls, int i)
{
	while (ls->permits == 0 || ls->rank[i] != ls->turn)
		pthread_cond_wait(&ls->freed, &ls->mu);
	ls->permits--;
	ls->turn++;
	ls->began[i] = sg_now();
	pthread_cond_broadcast(&ls->freed); /* the next in rank may go */
}

static void release(sg_lockstep *ls, int i)
{
	ls->took[i] = sg_now() - ls->began[i];
	ls->permits++;
	pthread_cond_broadcast(&ls->freed);
}

/* Rank the workers still alive for the next round, longest first. */
static void order(sg_lockstep *ls)
{
	for (int i = 0; i < ls->n; i++) {
		int before = 0;
		for (int j = 0; j < ls->n; j++)
			before += ls->alive[j] && (ls->took[j] > ls->took[i] ||
				  (ls->took[j] == ls->took[i] && j < i));
		ls->rank[i] = before;
	}
	ls->turn = 0;
}

/* Every active worker is parked: hold the meeting, start the next round. */
static void adjourn(sg_lockstep *ls)
{
	if (!ls->stop)
		ls->stop = ls->meet(ls->ctx);
	ls->arrived = 0;
	ls->round++;
	order(ls);
	pthread_cond_broadcast(&ls->met);
}

int sg_lockstep_meet(sg_lockstep *ls, int i)
{
	pthread_mutex_lock(&ls->mu);
	release(ls, i);
	long r = ls->round;
	if (++ls->arrived == ls->active)
		adjourn(ls);
	else
		while (ls->round == r)
			pthread_cond_wait(&ls->met, &ls->mu);
	acquire(ls, i);
	int stop = ls->stop;
	pthread_mutex_unlock(&ls->mu);
	return stop;
}

static void *run(void *arg)
{
	worker *w = arg;
	sg_lockstep *ls = w->ls;
	pthread_mutex_lock(&ls->mu);
	while (!ls->started && !ls->failed)
		pthread_cond_wait(&ls->go, &ls->mu);
	int failed = ls->failed;
	if (!failed)
		acquire(ls, w->i);
	pthread_mutex_unlock(&ls->mu);
	if (failed)
		return NULL;
	/* this thread's GLPK environment is new: its terminal output would
	 * go to stdout, where the plan summary goes (run.c sends the main
	 * thread's to stderr) */
	glp_term_out(GLP_OFF);
	ls->work(ls->ctx, ls, w->i);
	pthread_mutex_lock(&ls->mu);
	release(ls, w->i);
	ls->alive[w->i] = 0;
	ls->active--;
	if (ls->active > 0 && ls->arrived == ls->active)
		adjourn(ls);
	pthread_mutex_unlock(&ls->mu);
	glp_free_env(); /* this thread's GLPK environment */
	return NULL;
}

int sg_lockstep_run(int n, int threads, sg_work_fn *work, sg_meet_fn *meet,
		    void *ctx)
{
	sg_lockstep ls = { .mu = PTHREAD_MUTEX_INITIALIZER,
			   .met = PTHREAD_COND_INITIALIZER,
			   .freed = PTHREAD_COND_INITIALIZER,
			   .go = PTHREAD_COND_INITIALIZER,
			   .active = n, .permits = threads < 1 ? 1 : threads,
			   .work = work, .meet = meet, .ctx = ctx, .n = n,
			   .rank = sg_xcalloc((size_t)n + 1, sizeof(int)),
			   .alive = sg_xcalloc((size_t)n + 1, sizeof(int)),
			   .began = sg_xcalloc((size_t)n + 1, sizeof(double)),
			   .took = sg_xcalloc((size_t)n + 1, sizeof(double)) };
	for (int i = 0; i < n; i++) {
		ls.rank[i] = i; /* index order until rounds have been timed */
		ls.alive[i] = 1;
	}
	pthread_t *th = sg_xcalloc((size_t)n + 1, sizeof *th);
	worker *w = sg_xcalloc((size_t)n + 1, sizeof *w);
	int made = 0;
	for (; made < n; made++) {
		w[made] = (worker){ &ls, made };
		if (pthread_create(&th[made], NULL, run, &w[made]) != 0)
			break;
	}
	pthread_mutex_lock(&ls.mu);
	if (made < n)
		ls.failed = 1;
	else
		ls.started = 1;
	pthread_cond_broadcast(&ls.go);
	pthread_mutex_unlock(&ls.mu);
	for (int i = 0; i < made; i++)
		pthread_join(th[i], NULL);
	free(th);
	free(w);
	free(ls.rank);
	free(ls.alive);
	free(ls.began);
	free(ls.took);
	pthread_mutex_destroy(&ls.mu);
	pthread_cond_destroy(&ls.met);
	pthread_cond_destroy(&ls.freed);
	pthread_cond_destroy(&ls.go);
	return made < n ? -1 : 0;
}
