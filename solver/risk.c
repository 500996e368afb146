/*
 * risk.c - evaluate a plan under Monte Carlo scenarios (risk.h).
 *
 * Every worker thread owns a copy of the fixed-ON LP (GLPK objects never
 * cross threads: each thread creates, solves and deletes its own, and frees
 * its GLPK environment on exit).  Scenario i always starts from the basis of
 * the deterministic plan, never from the basis another scenario left behind,
 * so its solution does not depend on which thread ran it or what ran before:
 * risk.csv is byte-identical for any thread count.  Per-scenario metrics are
 * stored by index and reduced in index order after all have run.
 */
#include "sgplan/risk.h"

#include <glpk.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/dist.h"
#include "sgplan/report.h"

/* Metric layout of one scenario: blocks of T+1 values (quarters 1..T, then
 * total), in risk.csv row order. */
typedef struct layout {
	int T, nreg, nprod, nsite;
	int cost;      /* block of cost */
	int unserved;  /* nreg+1 blocks: regions, then '*' */
	int any;       /* any_unserved */
	int shortfall; /* nprod blocks */
	int grid;      /* nsite blocks */
	int nblk;      /* blocks in all */
} layout;

/* Scenario i's metrics are row i of m, W = nblk*(T+1) + 2 doubles: the
 * blocks, then the undiscounted sums of U and of SE.  Rows are what MPI
 * ranks send to rank 0. */
struct sg_risk {
	long n;
	layout L;
	int W;           /* row width */
	double *m;       /* [n * W] metrics by scenario */
};

static void make_layout(const sg_plan *p, layout *L)
{
	L->T = p->T;
	L->nreg = p->nreg;
	L->nprod = p->nprod;
	L->nsite = p->nsite;
	L->cost = 0;
	L->unserved = 1;
	L->any = L->unserved + p->nreg + 1;
	L->shortfall = L->any + 1;
	L->grid = L->shortfall + p->nprod;
	L->nblk = L->grid + p->nsite;
}

typedef struct shared {
	const sg_model *md;
	const sg_risk_opts *o;
	sg_risk *rk;
	pthread_mutex_t mu;
	long next, done;   /* next scenario to take, scenarios done */
	long todo;         /* scenarios of this rank */
	int failed;
	double t0, last;
} shared;

/* Put scenario inputs into the worker's LP: demand and grid right-hand
 * sides, energy costs on R. */
static void apply(const sg_model *md, glp_prob *lp, const sg_plan *v)
{
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
	}
}

static double *blk(const sg_risk *rk, long i, int b)
{
	return rk->m + (size_t)i * rk->W + (size_t)b * (rk->L.T + 1);
}

/* the undiscounted sums of U (k = 0) and SE (k = 1) of scenario i */
static double *total(const sg_risk *rk, long i, int k)
{
	return rk->m + (size_t)i * rk->W + rk->W - 2 + k;
}

/* Metrics of scenario i from the worker's solution x (model view vm whose
 * plan is the scenario's). */
static void record(const sg_model *vm, const double *x, double obj,
		   sg_costs *q, sg_risk *rk, long i)
{
	const sg_plan *P = vm->plan;
	const layout *L = &rk->L;
	int T = P->T;
	sg_costs pv;
	sg_model_costs(vm, x, q, &pv);
	double *c = blk(rk, i, L->cost), *all = blk(rk, i, L->unserved +
						     P->nreg);
	double *any = blk(rk, i, L->any), Dsum = 0, Usum = 0;
	for (int t = 1; t <= T; t++) {
		c[t - 1] = vm->d[t] * sg_costs_total(&q[t]);
		double Dt = 0, Ut = 0;
		for (int r = 0; r < P->nreg; r++) {
			double u = x[sg_idx_pt(vm, vm->m.U, r, t)];
			blk(rk, i, L->unserved + r)[t - 1] = u;
			blk(rk, i, L->unserved + r)[T] += u;
			Ut += u;
			Dt += P->reg[r].demand[t - 1];
		}
		all[t - 1] = Ut;
		any[t - 1] = Ut > 1e-9 * fmax(1, Dt);
		Usum += Ut;
		Dsum += Dt;
		for (int p = 0; p < P->nprod; p++) {
			double se = x[sg_idx_pt(vm, vm->m.SE, p, t)];
			blk(rk, i, L->shortfall + p)[t - 1] = se;
			blk(rk, i, L->shortfall + p)[T] += se;
			*total(rk, i, 1) += se;
		}
		for (int s = 0; s < P->nsite; s++) {
			double g = P->site[s].pue * sg_site_load(vm, x, s, t);
			double *gb = blk(rk, i, L->grid + s);
			gb[t - 1] = g;
			gb[T] = t == 1 ? g : fmax(gb[T], g);
		}
	}
	c[T] = obj;
	all[T] = Usum;
	any[T] = Usum > 1e-9 * fmax(1, Dsum);
	*total(rk, i, 0) = Usum;
}

typedef struct worker {
	shared *sh;
	int *rstat, *cstat; /* basis of the deterministic plan */
	long hi;            /* end of this rank's block of scenarios */
} worker;

static void progress(shared *sh)
{
	double now = sg_now();
	if (!sh->o->progress || sg_dist_rank() != 0 ||
	    (now - sh->last < 0.5 && sh->done < sh->todo))
		return;
	sh->last = now;
	long n = sh->todo;
	double rate = sh->done / fmax(now - sh->t0, 1e-9);
	fprintf(stderr, "\rsgplan: scenarios %ld/%ld%s, %.0f/s, ETA %.0f s   ",
		sh->done, n, sg_dist_size() > 1 ? " on rank 0" : "", rate,
		(n - sh->done) / rate);
	if (sh->done == n)
		fputs("\r\033[K", stderr);
}

/* Solve one scenario LP from the deterministic basis (or cold). */
static int solve_one(glp_prob *lp, const worker *w, int cold)
{
	int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.meth = GLP_DUALP;
	if (cold) {
		glp_adv_basis(lp, 0);
	} else {
		for (int i = 1; i <= m; i++)
			glp_set_row_stat(lp, i, w->rstat[i]);
		for (int j = 1; j <= n; j++)
			glp_set_col_stat(lp, j, w->cstat[j]);
	}
	if (glp_simplex(lp, &sm) != 0 || glp_get_status(lp) != GLP_OPT) {
		glp_adv_basis(lp, 0);
		if (glp_simplex(lp, &sm) != 0 || glp_get_status(lp) != GLP_OPT)
			return -1;
	}
	return 0;
}

static void *work(void *arg)
{
	worker *w = arg;
	shared *sh = w->sh;
	const sg_model *md = sh->md;
	long end = w->hi;
	const sg_plan *P = md->plan;
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, md->lp, GLP_OFF);
	int n = glp_get_num_cols(lp);
	double *x = sg_xcalloc((size_t)n + 1, sizeof(double));
	sg_costs *q = sg_xcalloc((size_t)P->T + 1, sizeof *q);
	sg_scenario sc;
	sg_scenario_init(&sc, P);
	for (;;) {
		pthread_mutex_lock(&sh->mu);
		long i = sh->failed ? end : sh->next++;
		pthread_mutex_unlock(&sh->mu);
		if (i >= end)
			break;
		sg_plan v;
		sg_scenario_draw(P, sh->o->seed, (uint64_t)i, &sc);
		sg_scenario_view(P, &sc, &v);
		sg_model vm = *md;
		vm.plan = &v;
		vm.lp = lp;
		apply(md, lp, &v);
		int rc = solve_one(lp, w, sh->o->cold);
		if (rc == 0) {
			for (int j = 1; j <= n; j++)
				x[j] = glp_get_col_prim(lp, j);
			record(&vm, x, glp_get_obj_val(lp), q, sh->rk, i);
		}
		sg_scenario_view_free(&v);
		pthread_mutex_lock(&sh->mu);
		sh->failed |= rc != 0;
		sh->done++;
		progress(sh);
		pthread_mutex_unlock(&sh->mu);
	}
	sg_scenario_free(&sc);
	free(q);
	free(x);
	glp_delete_prob(lp);
	return NULL;
}

static void *work_thread(void *arg)
{
	work(arg);
	glp_free_env(); /* this thread's GLPK environment */
	return NULL;
}

int sg_risk_run(const sg_model *md, const sg_risk_opts *o, sg_risk **out)
{
	sg_risk *rk = sg_xcalloc(1, sizeof *rk);
	rk->n = o->n;
	make_layout(md->plan, &rk->L);
	rk->W = rk->L.nblk * (rk->L.T + 1) + 2;
	rk->m = sg_xcalloc((size_t)o->n * rk->W + 1, sizeof(double));
	long lo, hi;
	sg_dist_range(o->n, &lo, &hi);
	int m = glp_get_num_rows(md->lp), n = glp_get_num_cols(md->lp);
	worker w = { NULL, sg_xcalloc((size_t)m + 1, sizeof(int)),
		     sg_xcalloc((size_t)n + 1, sizeof(int)), hi };
	for (int i = 1; i <= m; i++)
		w.rstat[i] = glp_get_row_stat(md->lp, i);
	for (int j = 1; j <= n; j++)
		w.cstat[j] = glp_get_col_stat(md->lp, j);
	shared sh = { md, o, rk, PTHREAD_MUTEX_INITIALIZER, lo, 0, hi - lo, 0,
		      sg_now(), 0 };
	w.sh = &sh;
	int nt = o->threads < 1 ? 1 : o->threads;
	if (nt > hi - lo)
		nt = (int)(hi - lo > 0 ? hi - lo : 1);
	pthread_t *th = sg_xcalloc((size_t)nt, sizeof *th);
	int started = 0;
	for (int k = 1; k < nt; k++)
		if (pthread_create(&th[k], NULL, work_thread, &w) == 0)
			started = k;
		else
			break;
	work(&w); /* the calling thread works too, in its own environment */
	for (int k = 1; k <= started; k++)
		pthread_join(th[k], NULL);
	free(th);
	free(w.rstat);
	free(w.cstat);
	pthread_mutex_destroy(&sh.mu);
	if (sg_dist_any(sh.failed) == 0 &&
	    sg_dist_gather_rows(rk->m, o->n, rk->W) != 0)
		sh.failed = 2;
	if (sh.failed) {
		sg_risk_free(rk);
		fprintf(stderr, "sgplan: error: a scenario LP did not reach an "
			"optimum\n");
		return SG_EINTERNAL;
	}
	*out = rk;
	return 0;
}

void sg_risk_free(sg_risk *rk)
{
	if (!rk)
		return;
	free(rk->m);
	free(rk);
}

typedef struct stats {
	double mean, sd, p[5];
} stats;

static const double pct[5] = { 5, 10, 50, 90, 95 };

/* Statistics of column (block b, quarter slot k) over all scenarios, in
 * index order; buf holds n doubles. */
static void column_stats(const sg_risk *rk, int b, int k, double *buf,
			 stats *s)
{
	long n = rk->n;
	for (long i = 0; i < n; i++)
		buf[i] = blk(rk, i, b)[k];
	s->mean = gsl_stats_mean(buf, 1, (size_t)n);
	s->sd = n > 1 ? gsl_stats_sd_m(buf, 1, (size_t)n, s->mean) : 0;
	gsl_sort(buf, 1, (size_t)n);
	for (int j = 0; j < 5; j++)
		s->p[j] = gsl_stats_quantile_from_sorted_data(buf, 1,
							      (size_t)n,
							      pct[j] / 100);
}

double sg_risk_mean_cost(const sg_risk *rk)
{
	double *buf = sg_xmalloc((size_t)rk->n * sizeof(double) + 1);
	stats s;
	column_stats(rk, rk->L.cost, rk->L.T, buf, &s);
	free(buf);
	return s.mean;
}

long sg_risk_scenarios(const sg_risk *rk)
{
	return rk->n;
}

/* Block of (metric, entity) in the layout, or -1. */
static int block_of(const layout *L, const char *metric, int e)
{
	int star = e == -1;
	if (strcmp(metric, "cost") == 0)
		return star ? L->cost : -1;
	if (strcmp(metric, "any_unserved") == 0)
		return star ? L->any : -1;
	if (strcmp(metric, "unserved") == 0)
		return star ? L->unserved + L->nreg :
		       e >= 0 && e < L->nreg ? L->unserved + e : -1;
	if (strcmp(metric, "shortfall") == 0)
		return e >= 0 && e < L->nprod ? L->shortfall + e : -1;
	if (strcmp(metric, "grid_used") == 0)
		return e >= 0 && e < L->nsite ? L->grid + e : -1;
	return -1;
}

int sg_risk_quantiles(const sg_risk *rk, const char *metric, int entity,
		      int slot, double out[7])
{
	int b = block_of(&rk->L, metric, entity);
	if (b < 0 || slot < 0 || slot > rk->L.T || rk->n < 1)
		return -1;
	double *buf = sg_xmalloc((size_t)rk->n * sizeof(double));
	stats s;
	column_stats(rk, b, slot, buf, &s);
	free(buf);
	out[0] = s.mean;
	out[1] = s.sd;
	for (int j = 0; j < 5; j++)
		out[2 + j] = s.p[j];
	return 0;
}

static void metric(FILE *f, const char *name, double v)
{
	fprintf(f, "%s,", name);
	sg_csv_num(f, v);
	putc('\n', f);
}

void sg_risk_summary(FILE *f, const sg_risk *rk)
{
	long n = rk->n, tail = (n + 19) / 20;
	double *buf = sg_xmalloc((size_t)n * sizeof(double) + 1);
	stats s;
	column_stats(rk, rk->L.cost, rk->L.T, buf, &s); /* buf now sorted */
	double cvar = 0;
	for (long i = n - tail; i < n; i++)
		cvar += buf[i];
	cvar /= (double)tail;
	double us = 0, sf = 0, any = 0;
	for (long i = 0; i < n; i++) {
		us += *total(rk, i, 0);
		sf += *total(rk, i, 1);
		any += blk(rk, i, rk->L.any)[rk->L.T];
	}
	metric(f, "expected_total_cost", s.mean);
	metric(f, "expected_total_cost_se", s.sd / sqrt((double)n));
	metric(f, "total_cost_p90",
	       gsl_stats_quantile_from_sorted_data(buf, 1, (size_t)n, 0.9));
	metric(f, "total_cost_cvar95", cvar);
	metric(f, "expected_unserved_compute", us / (double)n);
	metric(f, "expected_contract_shortfall", sf / (double)n);
	metric(f, "probability_unserved", any / (double)n);
	metric(f, "scenarios", (double)n);
	free(buf);
}

/* All rows of one block: quarters, then total. */
static void block_rows(FILE *f, const sg_model *md, const sg_risk *rk,
		       const char *met, const char *name, int b, double *buf)
{
	for (int k = 0; k <= rk->L.T; k++) {
		stats s;
		column_stats(rk, b, k, buf, &s);
		fprintf(f, "%s,", met);
		sg_csv_text(f, name);
		putc(',', f);
		if (k < rk->L.T)
			fputs(md->plan->qlabel[k], f);
		else
			fputs("total", f);
		putc(',', f);
		sg_csv_num(f, s.mean);
		putc(',', f);
		sg_csv_num(f, s.sd);
		for (int j = 0; j < 5; j++) {
			putc(',', f);
			sg_csv_num(f, s.p[j]);
		}
		putc('\n', f);
	}
}

int sg_risk_write(FILE *f, const sg_model *md, const sg_risk *rk)
{
	const sg_plan *P = md->plan;
	const layout *L = &rk->L;
	double *buf = sg_xmalloc((size_t)rk->n * sizeof(double) + 1);
	fputs("metric,name,quarter,mean,sd,p5,p10,p50,p90,p95\n", f);
	block_rows(f, md, rk, "cost", "*", L->cost, buf);
	for (int r = 0; r < P->nreg; r++)
		block_rows(f, md, rk, "unserved", P->reg[r].name,
			   L->unserved + r, buf);
	block_rows(f, md, rk, "unserved", "*", L->unserved + P->nreg, buf);
	block_rows(f, md, rk, "any_unserved", "*", L->any, buf);
	for (int p = 0; p < P->nprod; p++)
		block_rows(f, md, rk, "shortfall", P->prod[p].name,
			   L->shortfall + p, buf);
	for (int s = 0; s < P->nsite; s++)
		block_rows(f, md, rk, "grid_used", P->site[s].name,
			   L->grid + s, buf);
	free(buf);
	return ferror(f) ? -1 : 0;
}
