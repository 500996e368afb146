/*
 * risk.c - evaluate a plan under Monte Carlo scenarios (risk.h).
 *
 * The scenario LPs run in the pool (pool.h), which makes each scenario's
 * solution depend on its index alone; this file turns each solution into a
 * row of metrics and, after all have run, reduces the rows in index order,
 * so risk.csv is byte-identical for any thread or rank count.
 */
#include "sgplan/risk.h"

#include <glpk.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/pool.h"
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
			double g = sg_site_grid_used(vm, x, s, t);
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

/* The pool's callback: scenario i's row. */
static void record_row(const sg_model *vm, const double *x, double obj,
		       double *row, void *ctx)
{
	sg_risk *rk = ctx;
	sg_costs *q = sg_xcalloc((size_t)vm->plan->T + 1, sizeof *q);
	record(vm, x, obj, q, rk, (long)((row - rk->m) / rk->W));
	free(q);
}

int sg_risk_run(const sg_model *md, const sg_risk_opts *o, sg_risk **out)
{
	sg_risk *rk = sg_xcalloc(1, sizeof *rk);
	rk->n = o->n;
	make_layout(md->plan, &rk->L);
	rk->W = rk->L.nblk * (rk->L.T + 1) + 2;
	rk->m = sg_xcalloc((size_t)o->n * rk->W + 1, sizeof(double));
	sg_pool_job job = { md, o->n, o->seed, o->threads, o->progress,
			    o->cold, NULL, rk->W, rk->m, record_row, rk };
	if (sg_pool_run(&job) != 0) {
		sg_risk_free(rk);
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
	sg_csv_metric(f, "expected_total_cost", s.mean);
	sg_csv_metric(f, "expected_total_cost_se", s.sd / sqrt((double)n));
	sg_csv_metric(f, "total_cost_p90",
	       gsl_stats_quantile_from_sorted_data(buf, 1, (size_t)n, 0.9));
	sg_csv_metric(f, "total_cost_cvar95", cvar);
	sg_csv_metric(f, "expected_unserved_compute", us / (double)n);
	sg_csv_metric(f, "expected_contract_shortfall", sf / (double)n);
	sg_csv_metric(f, "probability_unserved", any / (double)n);
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
