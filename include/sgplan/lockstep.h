/*
 * lockstep.h - n workers that run at most `threads` at a time and meet
 * after every round of their work, so that what they exchange cannot depend
 * on timing or on the number of threads.
 *
 * Each worker runs on a thread of its own (it may be suspended inside a
 * library call, as a branch-and-cut search is, so it needs its own stack),
 * but only `threads` of them hold a permit to run at once.  A worker ends
 * its round by calling sg_lockstep_meet(), which gives its permit back and
 * waits until every worker still running has ended the same round (or
 * finished its work).  Then, with every worker parked, meet() runs once:
 * it reads what the workers published during the round and decides for all.
 * What a worker does between two meetings is a function of what it had at
 * the last one; so is, therefore, the whole run, with 1 thread or 8.
 * Permits go out longest first: the workers whose last round ran longest
 * start the next one first, so that fewer threads idle at the end of a
 * round (on 50x8x40, 93 % of the threads' time is spent working against
 * 91.5 % in index order); the order changes only the timing.
 *
 * The workers' data lives in ctx, owned by the caller: worker i writes its
 * own part while it runs, and meet() reads every part while all are parked
 * (the lock orders the two).  A worker makes its own GLPK objects; its
 * thread's GLPK environment prints nothing and is freed when it ends.
 *
 * Calling sequence:
 *   rc = sg_lockstep_run(n, threads, work, meet, ctx);   // 0, or -1
 *     work(ctx, i) runs worker i's whole job, calling
 *     stop = sg_lockstep_meet(ls, i) at the end of each round
 *   -1: a thread could not be started, and no work() was called.
 */
#ifndef SGPLAN_LOCKSTEP_H
#define SGPLAN_LOCKSTEP_H

#include <pthread.h>

typedef struct sg_lockstep sg_lockstep;

/* meet(ctx): called once per round with every worker parked; returns 1 to
 * tell every worker to stop (sg_lockstep_meet returns 1 from then on). */
typedef int sg_meet_fn(void *ctx);
typedef void sg_work_fn(void *ctx, sg_lockstep *ls, int i);

int sg_lockstep_run(int n, int threads, sg_work_fn *work, sg_meet_fn *meet,
		    void *ctx);

/* End worker i's round: wait for the others and the meeting.  Returns 1
 * once a meeting has asked every worker to stop. */
int sg_lockstep_meet(sg_lockstep *ls, int i);

/* The simpler team: work(arg) on `threads` threads at once (at least 1,
 * at most one per job of the jobs it shares out), the calling thread
 * being one of them (the others share arg and divide the jobs through
 * it).  Each started thread's GLPK environment prints nothing and is freed
 * when it ends; fewer threads run if some cannot be started.  Returns when
 * every work() has returned. */
typedef void *sg_team_fn(void *arg);
void sg_team_run(int threads, long jobs, sg_team_fn *work, void *arg);

/* One job beside the calling thread: work(arg) on a thread of its own,
 * whose GLPK environment, as the team's, prints nothing and is freed when
 * it ends, so the job must make, and delete, every GLPK object it uses
 * (it may read the caller's while the caller leaves them alone).  Returns
 * 0 with the thread started, or -1 (nothing runs: do the job yourself);
 * sg_side_join waits for it. */
typedef struct sg_side {
	pthread_t th;     /* the job's thread */
	sg_team_fn *work; /* the job, as given */
	void *arg;
} sg_side;
int sg_side_start(sg_side *s, sg_team_fn *work, void *arg);
void sg_side_join(sg_side *s);

#endif
