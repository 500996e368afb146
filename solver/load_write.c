/*
 * load_write.c - small plan utilities: quarter labels, discount factors,
 * and sg_plan_write, which writes a plan back in the input format
 * (FORMAT.md "Input") so that loading the output gives the same model.
 *
 * sg_plan_write writes every attribute of every entity explicitly, in
 * entity order (so the order survives), series as quarter cells, numbers
 * with %.17g (exact round trip of doubles), and quotes a field (RFC 4180)
 * when it holds a comma, a quote or a line break.  A site writes
 * serve_cost rows only for its links, and only when it had serve_cost rows,
 * since one such row drops the implicit links.  Uncertainty is written
 * resolved: a volatility row for every region and site, plus the two
 * correlations.
 */
#include "sgplan/plan.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"

void sg_plan_quarter_label(const sg_plan *p, int t, char buf[8])
{
	long a = (long)p->year0 * 4 + (p->q0 - 1) + ((long)t - 1);
	long y = a >= 0 ? a / 4 : -((-a + 3) / 4);
	int q = (int)(a - y * 4) + 1;

	/* a year outside 0..9999 has no YYYYQn label: a committed option's
	 * construction_start with a lead of a million quarters, say
	 * (2026-12-07: written as 0000Q1, a quarter it is not); empty */
	if (y < 0 || y > 9999) {
		memset(buf, 0, 8);
		return;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = 'Q';
	buf[5] = (char)('0' + q);
	buf[6] = 0;
	buf[7] = 0;
}

double sg_plan_discount(const sg_plan *p, int t)
{
	return pow(1 + p->discount_rate, -(double)(t - 1) / 4);
}

int sg_option_first(const sg_option *o)
{
	int e = o->earliest < 1 ? 1 : o->earliest;
	return o->committed || e > 1 + o->lead_quarters ? e
							: 1 + o->lead_quarters;
}

struct wr {
	FILE *f;
	int T;
	int err; /* a write failed */
};

static void put_text(struct wr *W, const char *s)
{
	int rc;

	if (strpbrk(s, ",\"\r\n"))
		rc = csv_fwrite(W->f, s, strlen(s));
	else
		rc = fputs(s, W->f) < 0 ? EOF : 0;
	if (rc == EOF)
		W->err = 1;
}

static void put(struct wr *W, const char *s)
{
	if (fputs(s, W->f) < 0)
		W->err = 1;
}

static void put_num(struct wr *W, double v)
{
	if (fprintf(W->f, "%.17g", v) < 0)
		W->err = 1;
}

/* "section,name,attribute[:other]," */
static void begin(struct wr *W, const char *sec, const char *name,
		  const char *attr, const char *other)
{
	put(W, sec);
	put(W, ",");
	put_text(W, name);
	put(W, ",");
	if (other) {
		char *s = sg_xjoin(attr, ':', other);
		put_text(W, s);
		free(s);
	} else {
		put(W, attr);
	}
	put(W, ",");
}

static void scalar(struct wr *W, const char *sec, const char *name,
		   const char *attr, const char *other, double v)
{
	begin(W, sec, name, attr, other);
	put_num(W, v);
	put(W, "\n");
}

static void series(struct wr *W, const char *sec, const char *name,
		   const char *attr, const double *x)
{
	int t;

	begin(W, sec, name, attr, NULL);
	for (t = 0; t < W->T; t++) {
		put(W, ",");
		put_num(W, x[t]);
	}
	put(W, "\n");
}

static void text(struct wr *W, const char *sec, const char *name,
		 const char *attr, const char *pre, const char *val)
{
	begin(W, sec, name, attr, NULL);
	if (pre) {
		char *s = sg_xjoin(pre, ':', val);
		put_text(W, s);
		free(s);
	} else {
		put_text(W, val);
	}
	put(W, "\n");
}

static void label(struct wr *W, const sg_plan *p, const char *sec,
		  const char *name, const char *attr, int t)
{
	char b[8];

	sg_plan_quarter_label(p, t, b);
	text(W, sec, name, attr, NULL, b);
}

static void write_head(struct wr *W, const sg_plan *p)
{
	int t;

	put(W, "section,name,attribute,value");
	for (t = 0; t < p->T; t++) {
		put(W, ",");
		put(W, p->qlabel[t]);
	}
	put(W, "\n");
	scalar(W, "plan", "", "discount_rate", NULL, p->discount_rate);
	scalar(W, "plan", "", "mip_gap", NULL, p->mip_gap);
	scalar(W, "plan", "", "time_limit", NULL, p->time_limit);
	scalar(W, "plan", "", "scenarios", NULL, (double)p->scenarios);
	scalar(W, "plan", "", "seed", NULL, (double)p->seed);
}

static void write_fabs(struct wr *W, const sg_plan *p)
{
	int f, i;

	for (f = 0; f < p->nfab; f++) {
		const sg_fab *x = &p->fab[f];
		series(W, "fab", x->name, "wafer_capacity", x->wafer_capacity);
		for (i = 0; i < p->nprod; i++) {
			scalar(W, "fab", x->name, "units_per_wafer",
			       p->prod[i].name, x->units_per_wafer[i]);
			scalar(W, "fab", x->name, "wafer_cost",
			       p->prod[i].name, x->wafer_cost[i]);
		}
	}
	for (i = 0; i < p->nprod; i++) {
		const sg_product *x = &p->prod[i];
		const char *n = x->name;
		scalar(W, "product", n, "lead_quarters", NULL,
		       x->lead_quarters);
		scalar(W, "product", n, "initial_inventory", NULL,
		       x->initial_inventory);
		series(W, "product", n, "scheduled_output",
		       x->scheduled_output);
		scalar(W, "product", n, "holding_cost", NULL, x->holding_cost);
		series(W, "product", n, "contract", x->contract);
		scalar(W, "product", n, "shortfall_penalty", NULL,
		       x->shortfall_penalty);
	}
}

static void write_platforms(struct wr *W, const sg_plan *p)
{
	int a, i;

	for (a = 0; a < p->nplat; a++) {
		const sg_platform *x = &p->plat[a];
		scalar(W, "platform", x->name, "kw_per_rack", NULL,
		       x->kw_per_rack);
		scalar(W, "platform", x->name, "compute_per_rack", NULL,
		       x->compute_per_rack);
		series(W, "platform", x->name, "rack_cost", x->rack_cost);
		for (i = 0; i < p->nprod; i++)
			scalar(W, "platform", x->name, "memory",
			       p->prod[i].name, x->memory[i]);
		label(W, p, "platform", x->name, "first_quarter",
		      x->first_quarter);
	}
}

static void write_sites(struct wr *W, const sg_plan *p)
{
	int s, i;

	for (s = 0; s < p->nsite; s++) {
		const sg_site *x = &p->site[s];
		const char *n = x->name;
		series(W, "site", n, "grid_mw", x->grid_mw);
		scalar(W, "site", n, "pue", NULL, x->pue);
		scalar(W, "site", n, "load_factor", NULL, x->load_factor);
		series(W, "site", n, "energy_price", x->energy_price);
		scalar(W, "site", n, "initial_it_mw", NULL, x->initial_it_mw);
		for (i = 0; i < p->nplat; i++)
			scalar(W, "site", n, "initial_racks", p->plat[i].name,
			       x->initial_racks[i]);
		for (i = 0; x->has_links && i < p->nreg; i++)
			if (x->link[i])
				scalar(W, "site", n, "serve_cost",
				       p->reg[i].name, x->serve_cost[i]);
	}
	for (i = 0; i < p->nreg; i++) {
		series(W, "region", p->reg[i].name, "demand", p->reg[i].demand);
		scalar(W, "region", p->reg[i].name, "unserved_penalty", NULL,
		       p->reg[i].unserved_penalty);
	}
}

static void write_options(struct wr *W, const sg_plan *p)
{
	static const char *const kind[] = { "site", "grid", "fab" };
	int k;

	for (k = 0; k < p->nopt; k++) {
		const sg_option *o = &p->opt[k];
		const char *t = o->kind == SG_TARGET_FAB ?
				p->fab[o->target].name :
				p->site[o->target].name;
		text(W, "option", o->name, "target", kind[o->kind], t);
		scalar(W, "option", o->name, "capacity", NULL, o->capacity);
		scalar(W, "option", o->name, "capex", NULL, o->capex);
		scalar(W, "option", o->name, "opex", NULL, o->opex);
		label(W, p, "option", o->name, "earliest", o->earliest);
		scalar(W, "option", o->name, "lead_quarters", NULL,
		       o->lead_quarters);
		scalar(W, "option", o->name, "committed", NULL, o->committed);
		if (o->requires >= 0)
			text(W, "option", o->name, "requires", NULL,
			     p->opt[o->requires].name);
	}
}

static void unc_row(struct wr *W, const char *kind, const char *name,
		    const char *attr, double v)
{
	char *s = sg_xjoin(kind, ':', name);

	scalar(W, "uncertainty", s, attr, NULL, v);
	free(s);
}

static void write_unc(struct wr *W, const sg_plan *p)
{
	const sg_uncertainty *u = &p->unc;
	int i;

	unc_row(W, "demand", "*", "correlation", u->demand_corr);
	for (i = 0; i < p->nreg; i++)
		unc_row(W, "demand", p->reg[i].name, "volatility",
			u->demand_vol[i]);
	unc_row(W, "energy_price", "*", "correlation", u->energy_corr);
	for (i = 0; i < p->nsite; i++) {
		const char *n = p->site[i].name;
		unc_row(W, "energy_price", n, "volatility", u->energy_vol[i]);
		unc_row(W, "grid", n, "delay_probability", u->delay_prob[i]);
		unc_row(W, "grid", n, "delay_quarters", u->delay_quarters[i]);
	}
}

int sg_plan_write(const sg_plan *p, FILE *f)
{
	struct wr W;

	W.f = f;
	W.T = p->T;
	W.err = 0;
	write_head(&W, p);
	write_fabs(&W, p);
	write_platforms(&W, p);
	write_sites(&W, p);
	write_options(&W, p);
	write_unc(&W, p);
	if (fflush(f) != 0 || ferror(f))
		W.err = 1;
	return W.err ? -1 : 0;
}
