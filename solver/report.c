/*
 * report.c - summary.csv, quarterly.csv, builds.csv, duals.csv and the
 * console summary (FORMAT.md "Outputs").  All money is in input units.
 */
#include "sgplan/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/risk.h"
#include "sgplan/trust.h"

/* A sum of the plan's columns (x, already on their bounds) that must not
 * pass lim, where it is within rounding of it: on lim, with the
 * tolerances of sg_lp_col_value (a load of 20 racks' MW summed to
 * 20.000000000000004 against 20 MW of IT space). */
static double at_limit(double v, double lim)
{
	double tl = fmax(1, fabs(lim));
	return v >= lim - SG_SNAP_IN * tl && v < lim + SG_SNAP_OUT * tl ? lim
									: v;
}

/* Capacity of option k's kind at target in t: base + sum cap*ON. */
static double option_cap(const sg_model *md, const double *x, int kind,
			 int target, int t)
{
	const sg_plan *P = md->plan;
	double c = 0;
	for (int k = 0; k < P->nopt; k++)
		if (P->opt[k].kind == kind && P->opt[k].target == target)
			c += P->opt[k].capacity *
			     x[sg_idx_pt(md, md->m.ON, k, t)];
	return c;
}

double sg_site_load(const sg_model *md, const double *x, int s, int t)
{
	const sg_plan *P = md->plan;
	double L = 0;
	for (int a = 0; a < P->nplat; a++)
		L += P->plat[a].kw_per_rack / 1000 *
		     x[sg_col_AS(md, md->m.R, a, s, t)];
	return at_limit(L, P->site[s].initial_it_mw +
			   option_cap(md, x, SG_TARGET_SITE, s, t));
}

double sg_site_grid_available(const sg_model *md, const double *x, int s,
			      int t)
{
	return md->plan->site[s].grid_mw[t - 1] +
	       option_cap(md, x, SG_TARGET_GRID, s, t);
}

double sg_site_grid_used(const sg_model *md, const double *x, int s, int t)
{
	return at_limit(md->plan->site[s].pue * sg_site_load(md, x, s, t),
			sg_site_grid_available(md, x, s, t));
}

double sg_fab_capacity(const sg_model *md, const double *x, int f, int t)
{
	return md->plan->fab[f].wafer_capacity[t - 1] +
	       option_cap(md, x, SG_TARGET_FAB, f, t);
}

int sg_option_online(const sg_model *md, const double *x, int k)
{
	const sg_plan *P = md->plan;
	for (int t = 1; t <= P->T; t++)
		if (x[sg_idx_pt(md, md->m.ON, k, t)] > 0.5)
			return t;
	return 0;
}

double sg_product_output(const sg_model *md, const double *x, int p, int t)
{
	const sg_plan *P = md->plan;
	double o = P->prod[p].scheduled_output[t - 1];
	int ts = t - P->prod[p].lead_quarters;
	for (int f = 0; ts >= 1 && f < P->nfab; f++)
		o += P->fab[f].units_per_wafer[p] * x[sg_col_W(md, f, p, ts)];
	return o;
}

double sg_product_to_racks(const sg_model *md, const double *x, int p,
			   int t)
{
	const sg_plan *P = md->plan;
	double u = 0;
	for (int a = 0; a < P->nplat; a++)
		for (int s = 0; P->plat[a].memory[p] > 0 && s < P->nsite; s++)
			u += P->plat[a].memory[p] *
			     x[sg_col_AS(md, md->m.X, a, s, t)];
	return u;
}

double sg_region_served(const sg_model *md, const double *x, int r, int t)
{
	double q = 0;
	for (int s = 0; s < md->plan->nsite; s++)
		q += x[sg_col_Q(md, s, r, t)];
	return q;
}

int sg_option_built(const sg_model *md, const double *x, int k, int *online)
{
	const sg_plan *P = md->plan;
	if (x[sg_idx_pt(md, md->m.ON, k, P->T)] < 0.5)
		return 0;
	*online = P->opt[k].committed ? P->opt[k].earliest
				      : sg_option_online(md, x, k);
	return 1;
}

static int finish(FILE *f)
{
	return ferror(f) ? -1 : 0;
}

int sg_report_summary(FILE *f, const sg_model *md, const sg_result *res,
		      const struct sg_risk *risk, double deterministic_cost)
{
	const sg_costs *c = &res->costs;
	fputs("metric,value\n", f);
	fprintf(f, "status,%s\n", res->status == SG_STATUS_OPTIMAL ?
		"optimal" : "time_limit");
	sg_csv_metric(f, "total_cost", res->total_cost);
	sg_csv_metric(f, "best_bound", res->best_bound);
	sg_csv_metric(f, "mip_gap", res->gap);
	sg_csv_metric(f, "solve_seconds", res->seconds);
	sg_csv_metric(f, "cost_wafers", c->wafers);
	sg_csv_metric(f, "cost_holding", c->holding);
	sg_csv_metric(f, "cost_racks", c->racks);
	sg_csv_metric(f, "cost_energy", c->energy);
	sg_csv_metric(f, "cost_serving", c->serving);
	sg_csv_metric(f, "cost_unserved", c->unserved);
	sg_csv_metric(f, "cost_shortfall", c->shortfall);
	sg_csv_metric(f, "cost_opex", c->opex);
	sg_csv_metric(f, "cost_capex", c->capex);
	sg_csv_metric(f, "unserved_compute", res->unserved);
	sg_csv_metric(f, "contract_shortfall", res->shortfall);
	if (risk)
		sg_risk_summary(f, risk);
	if (!isnan(deterministic_cost))
		sg_csv_metric(f, "deterministic_cost", deterministic_cost);
	/* project rows, after every FORMAT.md row */
	if (risk)
		sg_csv_metric(f, "scenarios", (double)sg_risk_scenarios(risk));
	/* project rows (trust.h), after every FORMAT.md row */
	fprintf(f, "certified,%s\n", res->certified == SG_CERT_YES ? "yes" :
		res->certified == SG_CERT_NO ? "no" : "skipped");
	sg_csv_metric(f, "certify_max_violation",
		      res->certified == SG_CERT_SKIPPED ? NAN :
		      res->cert_violation);
	(void)md;
	return finish(f);
}

/* One quarterly.csv row: section,name,metric,unit, then T values of
 * val(md, x, i, j, t). */
typedef double (*qval)(const sg_model *md, const double *x, int i, int j,
		       int t);

static void qrow(FILE *f, const sg_model *md, const double *x,
		 const char *sec, const char *name, const char *met,
		 const char *other, const char *unit, qval v, int i, int j)
{
	fprintf(f, "%s,", sec);
	sg_csv_text(f, name);
	putc(',', f);
	if (other)
		sg_csv_pair(f, met, other);
	else
		fputs(met, f);
	fprintf(f, ",%s", unit);
	for (int t = 1; t <= md->plan->T; t++) {
		putc(',', f);
		sg_csv_num(f, v(md, x, i, j, t));
	}
	putc('\n', f);
}

#define X(col) x[(col)]
static double v_wafers(const sg_model *md, const double *x, int f, int p,
		       int t)
{
	return X(sg_col_W(md, f, p, t));
}
static double v_fabcap(const sg_model *md, const double *x, int f, int j,
		       int t)
{
	(void)j;
	return sg_fab_capacity(md, x, f, t);
}
static double v_output(const sg_model *md, const double *x, int p, int j,
		       int t)
{
	(void)j;
	return sg_product_output(md, x, p, t);
}
static double v_pt(const sg_model *md, const double *x, int p, int base,
		   int t)
{
	return X(sg_idx_pt(md, base, p, t));
}
static double v_to_racks(const sg_model *md, const double *x, int p, int j,
			 int t)
{
	(void)j;
	return sg_product_to_racks(md, x, p, t);
}
static double v_racks(const sg_model *md, const double *x, int s, int a,
		      int t)
{
	return X(sg_col_AS(md, md->m.R, a, s, t));
}
static double v_installed(const sg_model *md, const double *x, int s, int a,
			  int t)
{
	return X(sg_col_AS(md, md->m.X, a, s, t));
}
static double v_it(const sg_model *md, const double *x, int s, int j, int t)
{
	(void)j;
	return sg_site_load(md, x, s, t);
}
static double v_grid_used(const sg_model *md, const double *x, int s, int j,
			  int t)
{
	(void)j;
	return sg_site_grid_used(md, x, s, t);
}
static double v_grid_avail(const sg_model *md, const double *x, int s, int j,
			   int t)
{
	(void)j;
	return sg_site_grid_available(md, x, s, t);
}
static double v_energy(const sg_model *md, const double *x, int s, int j,
		       int t)
{
	const sg_site *S = &md->plan->site[s];
	(void)j;
	return SG_HOURS * S->pue * S->load_factor * sg_site_load(md, x, s, t);
}
static double v_demand(const sg_model *md, const double *x, int r, int j,
		       int t)
{
	(void)x, (void)j;
	return md->plan->reg[r].demand[t - 1];
}
static double v_served(const sg_model *md, const double *x, int r, int j,
		       int t)
{
	(void)j;
	return sg_region_served(md, x, r, t);
}
#undef X

static void quarterly_fabs(FILE *f, const sg_model *md, const double *x)
{
	const sg_plan *P = md->plan;
	for (int fb = 0; fb < P->nfab; fb++) {
		const char *n = P->fab[fb].name;
		for (int p = 0; p < P->nprod; p++)
			if (P->fab[fb].units_per_wafer[p] > 0)
				qrow(f, md, x, "fab", n, "wafer_starts",
				     P->prod[p].name, "wafers", v_wafers, fb,
				     p);
		qrow(f, md, x, "fab", n, "wafer_capacity", NULL, "wafers",
		     v_fabcap, fb, 0);
	}
	for (int p = 0; p < P->nprod; p++) {
		const char *n = P->prod[p].name;
		qrow(f, md, x, "product", n, "output", NULL, "units", v_output,
		     p, 0);
		qrow(f, md, x, "product", n, "stock", NULL, "units", v_pt, p,
		     md->m.I);
		qrow(f, md, x, "product", n, "to_racks", NULL, "units",
		     v_to_racks, p, 0);
		qrow(f, md, x, "product", n, "contract_delivered", NULL,
		     "units", v_pt, p, md->m.E);
		qrow(f, md, x, "product", n, "contract_short", NULL, "units",
		     v_pt, p, md->m.SE);
	}
}

static void quarterly_sites(FILE *f, const sg_model *md, const double *x)
{
	const sg_plan *P = md->plan;
	for (int s = 0; s < P->nsite; s++) {
		const char *n = P->site[s].name;
		for (int a = 0; a < P->nplat; a++)
			qrow(f, md, x, "site", n, "racks", P->plat[a].name,
			     "racks", v_racks, s, a);
		for (int a = 0; a < P->nplat; a++)
			qrow(f, md, x, "site", n, "racks_installed",
			     P->plat[a].name, "racks", v_installed, s, a);
		qrow(f, md, x, "site", n, "it_mw", NULL, "MW", v_it, s, 0);
		qrow(f, md, x, "site", n, "grid_used", NULL, "MW",
		     v_grid_used, s, 0);
		qrow(f, md, x, "site", n, "grid_available", NULL, "MW",
		     v_grid_avail, s, 0);
		qrow(f, md, x, "site", n, "energy", NULL, "MWh", v_energy, s,
		     0);
	}
	for (int r = 0; r < P->nreg; r++) {
		const char *n = P->reg[r].name;
		qrow(f, md, x, "region", n, "demand", NULL, "compute",
		     v_demand, r, 0);
		qrow(f, md, x, "region", n, "served", NULL, "compute",
		     v_served, r, 0);
		qrow(f, md, x, "region", n, "unserved", NULL, "compute", v_pt,
		     r, md->m.U);
	}
	for (int k = 0; k < P->nopt; k++)
		qrow(f, md, x, "option", P->opt[k].name, "online", NULL, "0/1",
		     v_pt, k, md->m.ON);
}

/* Total undiscounted spend of one quarter. */
static double spend_of(const sg_costs *q)
{
	return sg_costs_total(q);
}

int sg_report_quarterly(FILE *f, const sg_model *md, const sg_result *res)
{
	const sg_plan *P = md->plan;
	fputs("section,name,metric,unit", f);
	for (int t = 0; t < P->T; t++)
		fprintf(f, ",%s", P->qlabel[t]);
	putc('\n', f);
	quarterly_fabs(f, md, res->x);
	quarterly_sites(f, md, res->x);
	fputs("plan,,spend,money", f);
	for (int t = 1; t <= P->T; t++) {
		putc(',', f);
		sg_csv_num(f, spend_of(&res->spend[t]));
	}
	fputs("\nplan,,spend_pv,money", f);
	for (int t = 1; t <= P->T; t++) {
		putc(',', f);
		sg_csv_num(f, md->d[t] * spend_of(&res->spend[t]));
	}
	putc('\n', f);
	return finish(f);
}

typedef struct build {
	int k, online;
} build;

static int build_cmp(const void *a, const void *b)
{
	const build *x = a, *y = b;
	if (x->online != y->online)
		return x->online < y->online ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* Options online at T, with their online quarter index (a committed
 * option's earliest, even before the horizon), sorted as builds.csv. */
static int list_builds(const sg_model *md, const double *x, build *b)
{
	const sg_plan *P = md->plan;
	int n = 0;
	for (int k = 0; k < P->nopt; k++) {
		int on;
		if (sg_option_built(md, x, k, &on))
			b[n++] = (build){ k, on };
	}
	qsort(b, (size_t)n, sizeof *b, build_cmp);
	return n;
}

int sg_report_builds(FILE *f, const sg_model *md, const sg_result *res)
{
	const sg_plan *P = md->plan;
	build *b = sg_xcalloc((size_t)P->nopt + 1, sizeof *b);
	int n = list_builds(md, res->x, b);
	fputs("option,target,online,construction_start,capex,capex_pv,"
	      "committed\n", f);
	for (int i = 0; i < n; i++) {
		const sg_option *o = &P->opt[b[i].k];
		const char *kind = o->kind == SG_TARGET_SITE ? "site" :
				   o->kind == SG_TARGET_GRID ? "grid" : "fab";
		const char *tn = o->kind == SG_TARGET_FAB ?
			P->fab[o->target].name : P->site[o->target].name;
		sg_csv_text(f, o->name);
		putc(',', f);
		sg_csv_pair(f, kind, tn);
		putc(',', f);
		sg_csv_label(f, P, b[i].online);
		putc(',', f);
		sg_csv_label(f, P, b[i].online - o->lead_quarters);
		putc(',', f);
		sg_csv_num(f, o->committed ? 0 : o->capex);
		putc(',', f);
		sg_csv_num(f, sg_model_capex_pv(md, b[i].k, b[i].online));
		fprintf(f, ",%d\n", o->committed);
	}
	free(b);
	return finish(f);
}

int sg_dual_count(const sg_model *md)
{
	const sg_plan *P = md->plan;
	return P->nfab + 2 * P->nsite + P->nprod + P->nreg;
}

/* Duals are d(total_cost)/d(rhs) in present value.  For capacity and stock
 * rows one more unit available lowers the cost: reported as -dual >= 0. */
int sg_dual_rows(const sg_model *md, sg_dual_row *rw)
{
	const sg_plan *P = md->plan;
	const sg_cmap *m = &md->m;
	int n = 0;
	for (int i = 0; i < P->nfab; i++)
		rw[n++] = (sg_dual_row){ "fab", P->fab[i].name, "fab_capacity",
					 "money/wafer", m->fab, i, -1 };
	for (int i = 0; i < P->nsite; i++) {
		rw[n++] = (sg_dual_row){ "site", P->site[i].name, "it_space",
					 "money/MW", m->it, i, -1 };
		rw[n++] = (sg_dual_row){ "site", P->site[i].name, "grid",
					 "money/MW", m->grid, i, -1 };
	}
	for (int i = 0; i < P->nprod; i++)
		rw[n++] = (sg_dual_row){ "product", P->prod[i].name, "stock",
					 "money/unit", m->stock, i, -1 };
	for (int i = 0; i < P->nreg; i++)
		rw[n++] = (sg_dual_row){ "region", P->reg[i].name, "demand",
					 "money/compute", m->demand, i, 1 };
	return n;
}

double sg_dual_value(const sg_model *md, const sg_result *res,
		     const sg_dual_row *r, int t)
{
	double v = r->sign * res->dual[sg_idx_pt(md, r->base, r->idx, t)];
	/* a hair above 0 against the LP's largest price is the simplex's
	 * rounding of a 0 (2.7e-14 on a region's demand beside a stock
	 * price of 0.96); not against a fixed floor, which took real
	 * prices of 3e-10 where money is in billions */
	if (v >= 0)
		return v < 1e-12 * res->dual_big ? 0 : v;
	/* >= 0 (FORMAT.md); a hair below, against the row's largest, is the
	 * simplex's rounding of a 0 (-8e-13 beside duals of 900 on a
	 * generated plan) */
	double big = 1;
	for (int u = 1; u <= md->plan->T; u++)
		big = fmax(big, fabs(res->dual[sg_idx_pt(md, r->base, r->idx,
							 u)]));
	return v > -1e-9 * big ? 0 : v;
}

int sg_report_duals(FILE *f, const sg_model *md, const sg_result *res)
{
	const sg_plan *P = md->plan;
	sg_dual_row *rw = sg_xcalloc((size_t)sg_dual_count(md) + 1,
				     sizeof *rw);
	int n = sg_dual_rows(md, rw);
	fputs("section,name,constraint,unit", f);
	for (int t = 0; t < P->T; t++)
		fprintf(f, ",%s", P->qlabel[t]);
	putc('\n', f);
	for (int i = 0; i < n; i++) {
		fprintf(f, "%s,", rw[i].sec);
		sg_csv_text(f, rw[i].name);
		fprintf(f, ",%s,%s", rw[i].con, rw[i].unit);
		for (int t = 1; t <= P->T; t++) {
			putc(',', f);
			sg_csv_num(f, sg_dual_value(md, res, &rw[i], t));
		}
		putc('\n', f);
	}
	free(rw);
	return finish(f);
}

static void share(FILE *f, const char *what, double v, double total)
{
	if (v != 0)
		fprintf(f, "  %-10s %18.2f  %5.1f%%\n", what, v,
			total != 0 ? 100 * v / total : 0);
}

void sg_print_quantity(FILE *f, double v)
{
	/* %.6g writes 6.38103e+06 from a million on (999999.5 rounds to
	 * it) */
	fprintf(f, fabs(v) >= 999999.5 && fabs(v) < 1e15 ? "%.0f" : "%.6g",
		v == 0 ? 0 : v);
}

const char *sg_fmt_sig2(char buf[48], double v)
{
	if (!isfinite(v) || fabs(v) >= 1e15) {
		snprintf(buf, 48, "%.2g", v);
		return buf;
	}
	int d = 1;
	if (v != 0) {
		d = 1 - (int)floor(log10(fabs(v)));
		d = d < 0 ? 0 : d > 6 ? 6 : d;
	}
	snprintf(buf, 48, "%.*f", d, v);
	char *e = buf + strlen(buf);
	if (strchr(buf, '.')) {
		while (e[-1] == '0')
			*--e = 0;
		if (e[-1] == '.')
			*--e = 0;
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

void sg_report_console(FILE *f, const sg_model *md, const sg_result *res,
		       const char *title)
{
	const sg_plan *P = md->plan;
	const sg_costs *c = &res->costs;
	double tc = res->total_cost;
	sg_put_plain(f, title);
	fprintf(f, ": %s plan, total cost %.2f (present value; ",
		res->status == SG_STATUS_OPTIMAL ? "optimal" : "time-limited",
		tc);
	char g[48];
	if (isfinite(res->gap))
		fprintf(f, "gap %s%%)\n", sg_fmt_sig2(g, 100 * res->gap));
	else /* the time ran out before the LP relaxation was solved */
		fputs("no bound yet)\n", f);
	if (res->certified == SG_CERT_YES)
		fputs("  cost verified exactly (rational arithmetic, glp_exact)"
		      "\n", f);
	share(f, "wafers", c->wafers, tc);
	share(f, "holding", c->holding, tc);
	share(f, "racks", c->racks, tc);
	share(f, "energy", c->energy, tc);
	share(f, "serving", c->serving, tc);
	share(f, "unserved", c->unserved, tc);
	share(f, "shortfall", c->shortfall, tc);
	share(f, "opex", c->opex, tc);
	share(f, "capex", c->capex, tc);
	build *b = sg_xcalloc((size_t)P->nopt + 1, sizeof *b);
	int n = list_builds(md, res->x, b);
	if (n == 0)
		fputs("builds: none\n", f);
	else
		fprintf(f, "builds (%d):\n", n);
	for (int i = 0; i < n; i++) {
		char q[8];
		sg_plan_quarter_label(P, b[i].online, q);
		fprintf(f, "  %s  ", q);
		sg_put_plain(f, P->opt[b[i].k].name);
		fputs(P->opt[b[i].k].committed ? " (committed)\n" : "\n", f);
	}
	free(b);
	fputs("unserved compute ", f);
	sg_print_quantity(f, res->unserved);
	fputs(", contract shortfall ", f);
	sg_print_quantity(f, res->shortfall);
	fputc('\n', f);
}
