/*
 * lockstep.c - workers that meet after every round (lockstep.h).
 */
#include "sgplan/lockstep.h"

#include <glpk.h>
#include <pthread.h>
#include <stdlib.h>

#include "sgplan/common.h"
#include "sgplan/engine.h"

typedef struct worker {
	struct sg_lockstep *ls;
	int i;
	int rank;     /* its place in this round's order */
	int alive;    /* its work has not returned */
	double began; /* when it last got a permit */
	double took;  /* how long its last round ran */
} worker;

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
	worker *w;            /* [n] */
	int n;
	long round;
	int stop;
	sg_work_fn *work;
	sg_meet_fn *meet;
	void *ctx;
};

/* The next four are called with ls->mu held.  Permits go out in rank
 * order: the rounds that ran longest last time first, so that fewer
 * threads idle at the end of a round (longest processing time first).
 * Only the timing depends on it, never what the workers find. */
static void acquire(sg_lockstep *ls, worker *w)
{
	while (ls->permits == 0 || w->rank != ls->turn)
		pthread_cond_wait(&ls->freed, &ls->mu);
	ls->permits--;
	ls->turn++;
	w->began = sg_now();
	pthread_cond_broadcast(&ls->freed); /* the next in rank may go */
}

static void release(sg_lockstep *ls, worker *w)
{
	w->took = sg_now() - w->began;
	ls->permits++;
	pthread_cond_broadcast(&ls->freed);
}

/* Rank the workers still alive for the next round, longest first. */
static void order(sg_lockstep *ls)
{
	for (int i = 0; i < ls->n; i++) {
		const worker *a = &ls->w[i];
		int before = 0;
		for (int j = 0; j < ls->n; j++) {
			const worker *b = &ls->w[j];
			before += b->alive && (b->took > a->took ||
					       (b->took == a->took && j < i));
		}
		ls->w[i].rank = before;
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
	worker *w = &ls->w[i];
	pthread_mutex_lock(&ls->mu);
	release(ls, w);
	long r = ls->round;
	if (++ls->arrived == ls->active)
		adjourn(ls);
	else
		while (ls->round == r)
			pthread_cond_wait(&ls->met, &ls->mu);
	acquire(ls, w);
	int stop = ls->stop;
	pthread_mutex_unlock(&ls->mu);
	return stop;
}

/* A thread's GLPK environment is its own, made on first use: its terminal
 * output would go to stdout, where the plan summary goes, and the cut
 * generators talk even at GLP_MSG_OFF; and a fatal error would abort.
 * Called first and last by every thread this file starts. */
static void glpk_thread_begin(void)
{
	sg_glpk_env(0);
}

static void glpk_thread_end(void)
{
	glp_free_env();
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
		acquire(ls, w);
	pthread_mutex_unlock(&ls->mu);
	if (failed)
		return NULL;
	glpk_thread_begin();
	ls->work(ls->ctx, ls, w->i);
	pthread_mutex_lock(&ls->mu);
	release(ls, w);
	w->alive = 0;
	ls->active--;
	if (ls->active > 0 && ls->arrived == ls->active)
		adjourn(ls);
	pthread_mutex_unlock(&ls->mu);
	glpk_thread_end();
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
			   .w = sg_xcalloc((size_t)n + 1, sizeof(worker)) };
	/* index order until rounds have been timed */
	for (int i = 0; i < n; i++)
		ls.w[i] = (worker){ .ls = &ls, .i = i, .rank = i, .alive = 1 };
	pthread_t *th = sg_xcalloc((size_t)n + 1, sizeof *th);
	int made = 0;
	for (; made < n; made++)
		if (pthread_create(&th[made], NULL, run, &ls.w[made]) != 0)
			break;
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
	free(ls.w);
	pthread_mutex_destroy(&ls.mu);
	pthread_cond_destroy(&ls.met);
	pthread_cond_destroy(&ls.freed);
	pthread_cond_destroy(&ls.go);
	return made < n ? -1 : 0;
}

typedef struct team_member {
	sg_team_fn *work;
	void *arg;
} team_member;

static void *team_thread(void *p)
{
	const team_member *m = p;
	glpk_thread_begin();
	m->work(m->arg);
	glpk_thread_end();
	return NULL;
}

static void *side_thread(void *p)
{
	const sg_side *s = p;
	team_member m = { s->work, s->arg };
	return team_thread(&m);
}

int sg_side_start(sg_side *s, sg_team_fn *work, void *arg)
{
	s->work = work;
	s->arg = arg;
	return pthread_create(&s->th, NULL, side_thread, s) == 0 ? 0 : -1;
}

void sg_side_join(sg_side *s)
{
	pthread_join(s->th, NULL);
}

void sg_team_run(int threads, long jobs, sg_team_fn *work, void *arg)
{
	team_member m = { work, arg };
	int n = threads < 1 ? 1 : threads;
	if (n > jobs)
		n = jobs > 0 ? (int)jobs : 1;
	pthread_t *th = sg_xcalloc((size_t)n + 1, sizeof *th);
	int started = 0;
	for (int k = 1; k < n; k++)
		if (pthread_create(&th[k], NULL, team_thread, &m) == 0)
			started = k;
		else
			break;
	work(arg); /* the calling thread works too, in its own environment */
	for (int k = 1; k <= started; k++)
		pthread_join(th[k], NULL);
	free(th);
}
