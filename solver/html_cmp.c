/*
 * html_cmp.c - report.html sections that compare: the fan charts of the
 * Monte Carlo risk of the base plan, and the what-if cases against the
 * base (html_int.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "sgplan/common.h"
#include "sgplan/report.h"
#include "sgplan/risk.h"

/* --- fan charts ---------------------------------------------------------- */

enum { F_P10, F_P50, F_P90, F_MEAN, F_PLAN, F_N };

/* Quantiles of metric (name "*") per quarter, v[k][0..T-1], and of the
 * horizon total in v[k][T]. */
static int fan_data(const sg_case *c, const char *metric, double *v[F_N])
{
	double q[7];
	for (int t = 0; t <= c->plan->T; t++) {
		if (sg_risk_quantiles(c->risk, metric, -1, t, q) < 0)
			return -1;
		v[F_P10][t] = q[3];
		v[F_P50][t] = q[4];
		v[F_P90][t] = q[5];
		v[F_MEAN][t] = q[0];
	}
	return 0;
}

/* The plan's value of the same metric per quarter: its cost as
 * summary.csv counts it, its unserved compute on the forecast. */
static void fan_plan(const sg_case *c, int cost, double *v)
{
	const sg_plan *P = c->plan;
	const sg_model *md = c->md;
	v[P->T] = 0;
	for (int t = 1; t <= P->T; t++) {
		double s = 0;
		if (cost)
			s = md->d[t] * sg_costs_total(&c->res.spend[t]);
		for (int r = 0; !cost && r < P->nreg; r++)
			s += c->res.x[sg_idx_pt(md, md->m.U, r, t)];
		v[t - 1] = s;
		v[P->T] += s;
	}
}

static void fan_chart(FILE *f, const sg_plan *P, const char *id,
		      const char *unit, double *const v[F_N])
{
	double mx = fmax(sg_h_max(v[F_P90], P->T), sg_h_max(v[F_PLAN], P->T));
	sg_hchart ch;
	sg_h_frame(&ch, 600, 370, P->T, mx);
	sg_h_svg_begin(f, id, 600, 370, "P10 to P90 band, median and plan");
	sg_h_axes(f, &ch, P, unit);
	sg_h_band(f, &ch, v[F_P10], v[F_P90], sg_h_color[0], 0.22);
	sg_h_line(f, &ch, v[F_P50], sg_h_color[0], 0, 0);
	sg_h_line(f, &ch, v[F_PLAN], SG_H_INK, 0, 1);
	sg_h_svg_end(f);
}

static void fan(FILE *f, const sg_case *c, const char *metric,
		const char *id, const char *title, const char *unit)
{
	static const char *const what[F_N] = { "P10", "median", "P90",
					       "mean", "plan" };
	const char *color[F_N] = { NULL, sg_h_color[0], NULL, NULL,
				   SG_H_INK };
	const sg_plan *P = c->plan;
	double *v[F_N];
	sg_hcol col[F_N];
	for (int k = 0; k < F_N; k++) {
		v[k] = sg_xcalloc((size_t)P->T + 1, sizeof(double));
		col[k] = (sg_hcol){ NULL, what[k], color[k], v[k],
				    k == F_PLAN ? 1 : 2 };
	}
	fan_plan(c, strcmp(metric, "cost") == 0, v[F_PLAN]);
	if (fan_data(c, metric, v) == 0) {
		fprintf(f, "<h3>%s</h3>\n<div class=\"duo\">\n<div>\n",
			title);
		fan_chart(f, P, id, unit, v);
		fputs("</div>\n<div>\n", f);
		sg_h_qtable(f, P, NULL, col, F_N);
		fputs("</div>\n</div>\n", f);
	}
	for (int k = 0; k < F_N; k++)
		free(v[k]);
}

void sg_h_fans(FILE *f, const sg_case *c)
{
	char lead[600];
	snprintf(lead, sizeof lead, "The plan's build decisions under %ld "
		 "scenarios of demand, energy prices and grid delays: the band "
		 "spans P10 to P90, the solid line is the median, the dashed "
		 "line the plan %s.  The Total row holds the "
		 "quantiles of the horizon total.", sg_risk_scenarios(c->risk),
		 c->stoch ? "(its cost the mean over the scenarios it was "
		 "chosen on, as summary.csv's total_cost; its unserved "
		 "compute on the forecast)" : "on the forecast");
	sg_h_section(f, "risk", "Risk", lead);
	fan(f, c, "unserved", "chart-fan-unserved",
	    "Unserved compute per quarter", "compute");
	fan(f, c, "cost", "chart-fan-cost",
	    "Cost per quarter (present value)", "money");
	sg_h_legend_begin(f);
	sg_h_key(f, "#a9cfe6", 0, "P10 to P90");
	sg_h_key(f, sg_h_color[0], 1, "median");
	sg_h_key(f, SG_H_INK, 2, "plan");
	sg_h_legend_end(f);
	sg_h_section_end(f);
}

/* --- what-if comparison -------------------------------------------------- */

static const char *case_color(int i)
{
	return i == 0 ? "#4b5563" : sg_h_color[(i - 1) % SG_H_NCOLOR];
}

static void cmp_cost_chart(FILE *f, const sg_case *c, int n)
{
	static const sg_hbars g = { 960, 190, 480, 34, 26 };
	double base = c[0].res.total_cost;
	sg_hbar *b = sg_xcalloc((size_t)n, sizeof *b);
	char (*s)[200] = sg_xcalloc((size_t)n, sizeof *s);
	char a[48], d[48], p[48];
	for (int i = 0; i < n; i++) {
		double v = c[i].res.total_cost;
		if (i == 0)
			snprintf(s[i], sizeof s[i], "%s", sg_h_num(a, v));
		else
			snprintf(s[i], sizeof s[i], "%s &#183; %s%s (%s%s)",
				 sg_h_num(a, v), v >= base ? "+" : "",
				 sg_h_num(d, v - base), v >= base ? "+" : "",
				 sg_h_pct(p, base ? (v - base) / base : 0));
		b[i] = (sg_hbar){ c[i].name, v, case_color(i), s[i] };
	}
	sg_h_hbars(f, "chart-whatif-cost", "Total cost of each case", &g, b,
		   n);
	free(s);
	free(b);
}

/* Metrics of the comparison table, all "lower is better". */
static double cmp_metric(const sg_case *c, int m)
{
	double v[9];
	sg_h_cost_terms(&c->res.costs, v);
	if (m == 0)
		return c->res.total_cost;
	if (m <= 9)
		return v[m - 1];
	return m == 10 ? c->res.unserved : c->res.shortfall;
}

static void cmp_cell(FILE *f, double v, double base)
{
	char b[48];
	double d = v - base;
	double tol = 1e-9 * fmax(1, fabs(base));
	sg_h_td_num(f, v);
	fprintf(f, "<td class=\"%s\">%s%s</td>", d > tol ? "up" : d < -tol ?
		"down" : "", d > tol ? "+" : "",
		fabs(d) > tol ? sg_h_num(b, d) : "");
}

static void cmp_table(FILE *f, const sg_case *c, int n)
{
	fputs("<div class=\"tw\"><table class=\"cmp\">\n<thead><tr><th "
	      "class=\"l\">Metric</th>", f);
	for (int i = 0; i < n; i++) {
		fputs("<th>", f);
		sg_h_esc(f, c[i].name);
		fputs(i ? "</th><th>&#916; base</th>" : "</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (int m = 0; m < 12; m++) {
		if (m == 1 || m == 10)
			fprintf(f, "<tr class=\"grp\"><th class=\"l\" "
				"colspan=\"%d\">%s</th></tr>\n", 2 * n,
				m == 1 ? "Cost terms (present value)" :
				"Quantities (undiscounted sums)");
		fprintf(f, "<tr><th class=\"l\">%s</th>", m == 0 ?
			"<b>Total cost</b>" : m <= 9 ? sg_h_term[m - 1] :
			m == 10 ? "Unserved compute" : "Contract shortfall");
		sg_h_td_num(f, cmp_metric(&c[0], m));
		for (int i = 1; i < n; i++)
			cmp_cell(f, cmp_metric(&c[i], m), cmp_metric(&c[0], m));
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

/* Online quarter of the option called name in case c: 1 and *on when
 * built, 0 when not built, -1 when the case has no such option. */
static int online_of(const sg_case *c, const char *name, int *on)
{
	for (int k = 0; k < c->plan->nopt; k++)
		if (strcmp(c->plan->opt[k].name, name) == 0)
			return sg_option_built(c->md, c->res.x, k, on);
	return -1;
}

/* Does the option's timing differ between the cases? */
static int moved(const sg_case *c, int n, const char *name)
{
	int b0, on0 = 0, on = 0;
	b0 = online_of(&c[0], name, &on0);
	for (int i = 1; i < n; i++) {
		int b = online_of(&c[i], name, &on);
		if (b != b0 || (b == 1 && on != on0))
			return 1;
	}
	return 0;
}

/* Names of the options that move, first seen first; count in *m. */
static const char **moved_options(const sg_case *c, int n, int *m)
{
	int cap = 0;
	for (int i = 0; i < n; i++)
		cap += c[i].plan->nopt;
	const char **v = sg_xcalloc((size_t)cap + 1, sizeof *v);
	*m = 0;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < c[i].plan->nopt; k++) {
			const char *s = c[i].plan->opt[k].name;
			int dup = 0;
			for (int j = 0; j < *m && !dup; j++)
				dup = strcmp(v[j], s) == 0;
			if (!dup && moved(c, n, s))
				v[(*m)++] = s;
		}
	return v;
}

/* Marker of case i for an option, in lane i of the slot of its online
 * quarter or of the "not built" column: a circle for the base, a diamond
 * for a case. */
static void marker(FILE *f, const sg_hchart *ch, int i, int n, int b,
		   int on, double y)
{
	double bw = sg_h_bw(ch), x0 = ch->x + ch->w + 40 - bw / 2;
	if (b < 0)
		return;
	if (b == 1)
		x0 = sg_h_x(ch, on < 1 ? 1 : on > ch->n ? ch->n : on);
	double x = x0 + bw * (i + 0.5) / n;
	if (i == 0)
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
			"fill=\"%s\"/>\n", x, y, case_color(0));
	else
		fprintf(f, "<path d=\"M%.1f %.1fl5.5 6l-5.5 6l-5.5 -6z\" "
			"fill=\"%s\"/>\n", x, y - 6, case_color(i));
}

static void cmp_online_chart(FILE *f, const sg_case *c, int n,
			     const char **nm, int m)
{
	const sg_plan *P = c[0].plan;
	int H = 8 + m * 28 + 36;
	sg_hchart ch = { 230, 8, 960 - 230 - 80, m * 28, 1, 1, P->T };
	sg_h_svg_begin(f, "chart-whatif-online", 960, H,
		       "Online quarter of each option that moves, per case");
	for (int j = 0; j < m; j++) {
		double y = 8 + j * 28;
		if (j % 2)
			sg_h_rect(f, 0, y, 960, 28, "#f5f7fa", NULL);
		sg_h_text_name(f, ch.x - 8, y + 18, "end", "lbl", nm[j], 30);
		for (int i = 0; i < n; i++) {
			int on = 0, b = online_of(&c[i], nm[j], &on);
			marker(f, &ch, i, n, b, on, y + 14);
		}
	}
	sg_h_xaxis(f, &ch, P, 8, 8 + m * 28);
	sg_h_text(f, ch.x + ch.w + 40, 8 + m * 28 + 14, "middle", "ax",
		  "not built");
	sg_h_svg_end(f);
}

static void online_cell(FILE *f, const sg_case *c, const char *name,
			int b0, int on0)
{
	char q[8];
	int on = 0, b = online_of(c, name, &on);
	if (b < 0) {
		fputs("<td class=\"l\">absent</td>", f);
		return;
	}
	if (b == 0) {
		fputs("<td class=\"l\">not built</td>", f);
		return;
	}
	sg_plan_quarter_label(c->plan, on, q);
	fprintf(f, "<td class=\"l\">%s", q);
	if (b0 == 1 && on != on0)
		fprintf(f, " (%s%d q)", on > on0 ? "+" : "\xe2\x88\x92",
			abs(on - on0));
	fputs("</td>", f);
}

static void cmp_online_table(FILE *f, const sg_case *c, int n,
			     const char **nm, int m)
{
	fputs("<div class=\"tw\"><table>\n<thead><tr><th class=\"l\">Option"
	      "</th>", f);
	for (int i = 0; i < n; i++) {
		fprintf(f, "<th class=\"l\"><span class=\"sw\" style=\""
			"background:%s\"></span>", case_color(i));
		sg_h_esc(f, c[i].name);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (int j = 0; j < m; j++) {
		int on0 = 0, b0 = online_of(&c[0], nm[j], &on0);
		fputs("<tr><th class=\"l\">", f);
		sg_h_esc(f, nm[j]);
		fputs("</th>", f);
		for (int i = 0; i < n; i++)
			online_cell(f, &c[i], nm[j], b0, on0);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

void sg_h_compare(FILE *f, const sg_case *c, int n)
{
	int m;
	const char **nm = moved_options(c, n, &m);
	sg_h_section(f, "whatif", "What-if cases against the base",
		     "Each case is the base plan with one what-if file applied "
		     "and solved again (whatif.csv has every figure).  Costs "
		     "in present value; &#916; is the change from the base.");
	fputs("<h3>Total cost</h3>\n", f);
	cmp_cost_chart(f, c, n);
	cmp_table(f, c, n);
	fputs("<h3>Options that move</h3>\n", f);
	if (m > 0) {
		cmp_online_chart(f, c, n, nm, m);
		sg_h_legend_begin(f);
		for (int i = 0; i < n; i++)
			sg_h_key_name(f, case_color(i), 0, c[i].name);
		sg_h_legend_end(f);
		cmp_online_table(f, c, n, nm, m);
	} else {
		fputs("<p id=\"chart-whatif-online\">No option changes its "
		      "online quarter in any case.</p>\n", f);
	}
	sg_h_section_end(f);
	free(nm);
}
