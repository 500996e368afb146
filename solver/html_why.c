/*
 * html_why.c - report.html's "Why these builds?" (html_int.h): the total
 * cost of the plan against alternatives with one option's timing forced
 * and every other option re-planned around it (--explain, trust.h).  The
 * rows are explain.csv's, in its order; built committed options, which
 * explain does not re-plan, get a row saying so.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "sgplan/common.h"
#include "sgplan/report.h"
#include "sgplan/trust.h"

/* Per enum sg_alt_kind: the alternative in the table and the callouts,
 * in the chart's labels, and its colour. */
static const char *const alt_what[] = { "one quarter later", "never built",
					"built at its earliest" };
static const char *const alt_short[] = { "later", "never", "earliest" };
static const char *const alt_color[] = { "#e69f00", SG_H_GREY, "#0072b2" };
/* Per enum sg_alt_status: why the cost is missing or only the best
 * found. */
static const char *const alt_status[] = { "", "time limit: best found",
					  "infeasible", "past the horizon" };

static const char *status_text(const sg_alt *a)
{
	if (a->status == SG_ALT_TIME_LIMIT && !isfinite(a->cost))
		return "time limit: no plan found";
	return alt_status[a->status];
}

/* Differences below this are rounding of the same plan's cost. */
static double tie(const sg_case *c)
{
	return 1e-9 * fmax(1, fabs(c->res.total_cost));
}

/* "+1,234" (or "0" for a tie) and "+0.05 %" of d against the plan. */
static void delta_text(const sg_case *c, double d, char num[48],
		       char pct[48])
{
	double base = c->res.total_cost;
	const char *sign = d > tie(c) ? "+" : "";
	char a[48];
	if (fabs(d) <= tie(c))
		d = 0;
	snprintf(num, 48, "%s%s", sign, sg_h_num(a, d));
	snprintf(pct, 48, "%s%s", sign, sg_h_pct(a, base ? d / fabs(base) :
						   0));
}

/* --- chart --------------------------------------------------------------- */

/* "Pohang P2: later, 2026Q1", malloc'd. */
static char *alt_label(const sg_plan *P, const sg_alt *a)
{
	const char *nm = P->opt[a->k].name;
	size_t n = strlen(nm) + 32;
	char *s = sg_xmalloc(n), q[8];
	if (a->online) {
		sg_plan_quarter_label(P, a->online, q);
		snprintf(s, n, "%s: %s, %s", nm, alt_short[a->kind], q);
	} else {
		snprintf(s, n, "%s: %s", nm, alt_short[a->kind]);
	}
	return s;
}

/* After the bar: "+1,234 · +0.05 %", or why there is no cost. */
static void alt_note(const sg_case *c, const sg_alt *a, char s[160])
{
	char num[48], pct[48];
	if (!isfinite(a->cost)) {
		snprintf(s, 160, "%s", status_text(a));
		return;
	}
	delta_text(c, a->cost - c->res.total_cost, num, pct);
	snprintf(s, 160, "%s &#183; %s%s", num, pct,
		 a->status == SG_ALT_TIME_LIMIT ? " (time limit)" : "");
}

static void why_chart(FILE *f, const sg_case *c, const sg_explain *ex)
{
	static const sg_hbars g = { 960, 320, 440, 26, 44 };
	sg_hbar *b = sg_xcalloc((size_t)ex->n + 1, sizeof *b);
	char (*note)[160] = sg_xcalloc((size_t)ex->n + 1, sizeof *note);
	for (int i = 0; i < ex->n; i++) {
		const sg_alt *a = &ex->a[i];
		alt_note(c, a, note[i]);
		b[i] = (sg_hbar){ alt_label(c->plan, a),
				  a->cost - c->res.total_cost,
				  alt_color[a->kind], note[i] };
	}
	sg_h_hbars(f, "chart-explain", "Extra total cost of each alternative "
		   "to the plan", &g, b, ex->n);
	for (int i = 0; i < ex->n; i++)
		free((char *)b[i].name);
	free(note);
	free(b);
}

/* --- callouts ------------------------------------------------------------ */

/* "<li>HTML<b>NAME</b> ALTERNATIVE, costs 1,234 more (0.05 %)TAIL</li>" */
static void callout(FILE *f, const sg_case *c, const char *html,
		    const sg_alt *a, const char *tail)
{
	double d = a->cost - c->res.total_cost;
	char num[48], pct[48];
	fprintf(f, "<li>%s<b>", html);
	sg_h_esc(f, c->plan->opt[a->k].name);
	if (fabs(d) <= tie(c))
		fprintf(f, "</b> %s, costs the same as the plan%s</li>\n",
			alt_what[a->kind], tail);
	else
		fprintf(f, "</b> %s, costs %s %s (%s)%s</li>\n",
			alt_what[a->kind], sg_h_num(num, fabs(d)),
			d < 0 ? "less" : "more",
			sg_h_pct(pct, c->res.total_cost ? fabs(d) /
				 fabs(c->res.total_cost) : 0),
			tail);
}

/* The closest alternative, the costliest, and how many have no plan:
 * none exists, or the time limit stopped the search before it found one. */
static void why_callouts(FILE *f, const sg_case *c, const sg_explain *ex)
{
	const sg_alt *lo = NULL, *hi = NULL;
	int nofeas = 0, nolim = 0;
	char g[48], tail[160];
	for (int i = 0; i < ex->n; i++) {
		const sg_alt *a = &ex->a[i];
		nofeas += a->status == SG_ALT_INFEASIBLE;
		nolim += a->status == SG_ALT_TIME_LIMIT && !isfinite(a->cost);
		if (!isfinite(a->cost))
			continue;
		lo = !lo || a->cost < lo->cost ? a : lo;
		hi = !hi || a->cost > hi->cost ? a : hi;
	}
	if (c->res.status == SG_STATUS_OPTIMAL)
		snprintf(tail, sizeof tail, ": the plan is optimal to its MIP "
			 "gap of %s.", sg_h_gap(g, c->res.gap));
	else if (isfinite(c->res.gap))
		snprintf(tail, sizeof tail, ": the time limit stopped the "
			 "search at a MIP gap of %s.", sg_h_gap(g, c->res.gap));
	else
		snprintf(tail, sizeof tail, ": the time limit stopped the "
			 "search before it proved a bound.");
	fputs("<ul class=\"hl\">\n", f);
	if (!lo)
		fputs("<li>No alternative has a plan to compare with.</li>\n",
		      f);
	else if (lo->cost - c->res.total_cost > tie(c))
		callout(f, c, "Every alternative costs more than the plan. "
			"The closest, ", lo, ".");
	else
		callout(f, c, "", lo, lo->cost < c->res.total_cost - tie(c) ?
			tail : ".");
	if (hi && hi->cost - c->res.total_cost > tie(c) && hi != lo)
		callout(f, c, "The choice that matters most: ", hi, ".");
	if (nofeas)
		fprintf(f, "<li>%d alternative%s no feasible plan.</li>\n",
			nofeas, nofeas > 1 ? "s have" : " has");
	if (nolim)
		fprintf(f, "<li>%d alternative%s no plan before the time "
			"limit.</li>\n", nolim, nolim > 1 ? "s found" :
			" found");
	fputs("</ul>\n", f);
}

/* --- table --------------------------------------------------------------- */

static const char *qlabel(const sg_plan *P, int t, char q[8],
			  const char *none)
{
	if (!t)
		return none;
	sg_plan_quarter_label(P, t, q);
	return q;
}

/* Total cost, extra cost and its share of the plan's: empty without a
 * cost, green when the alternative is cheaper. */
static void cost_cells(FILE *f, const sg_case *c, const sg_alt *a)
{
	char num[48], pct[48];
	double d = a->cost - c->res.total_cost;
	if (!isfinite(a->cost)) {
		fputs("<td></td><td></td><td></td>", f);
		return;
	}
	sg_h_td_num(f, a->cost);
	delta_text(c, d, num, pct);
	const char *cls = d < -tie(c) ? " class=\"down\"" : "";
	fprintf(f, "<td%s>%s</td><td%s>%s</td>", cls, num, cls, pct);
}

/* One alternative; the first of its option (span > 0) opens the
 * option's cells over span rows. */
static void alt_row(FILE *f, const sg_case *c, const sg_alt *a, int span)
{
	const sg_plan *P = c->plan;
	char q[8];
	fputs("<tr>", f);
	if (span > 0) {
		char rs[32] = "";
		if (span > 1)
			snprintf(rs, sizeof rs, " rowspan=\"%d\"", span);
		fprintf(f, "<th class=\"l\"%s>", rs);
		sg_h_esc(f, P->opt[a->k].name);
		fprintf(f, "</th><td%s>%s</td>", rs,
			qlabel(P, a->plan_online, q, "not built"));
	}
	fprintf(f, "<td class=\"l\">%s</td>", alt_what[a->kind]);
	fprintf(f, "<td>%s</td>", qlabel(P, a->online, q,
		a->kind == SG_ALT_NEVER ? "never" : ""));
	cost_cells(f, c, a);
	fprintf(f, "<td class=\"l\">%s</td></tr>\n", status_text(a));
}

static void committed_row(FILE *f, const sg_plan *P, int k, int on)
{
	char q[8];
	fputs("<tr><th class=\"l\">", f);
	sg_h_esc(f, P->opt[k].name);
	fprintf(f, "</th><td>%s</td><td class=\"l mute\" colspan=\"6\">"
		"committed: not re-planned</td></tr>\n",
		qlabel(P, on, q, "not built"));
}

static void why_table(FILE *f, const sg_case *c, const sg_explain *ex)
{
	const sg_plan *P = c->plan;
	fputs("<div class=\"tw\"><table id=\"table-explain\">\n<thead><tr>"
	      "<th class=\"l\">Option</th><th>Online in the plan</th>"
	      "<th class=\"l\">Alternative</th><th>Online</th><th>Total "
	      "cost</th><th>Extra cost</th><th>Extra</th><th class=\"l\">"
	      "Status</th></tr></thead>\n<tbody>\n", f);
	for (int k = 0; k < P->nopt; k++) {
		int m = 0, on;
		for (int i = 0; i < ex->n; i++)
			m += ex->a[i].k == k;
		if (m == 0 && P->opt[k].committed &&
		    sg_option_built(c->md, c->res.x, k, &on))
			committed_row(f, P, k, on);
		for (int i = 0, j = 0; i < ex->n; i++)
			if (ex->a[i].k == k)
				alt_row(f, c, &ex->a[i], j++ ? 0 : m);
	}
	fputs("</tbody></table></div>\n", f);
}

/* --- the section --------------------------------------------------------- */

void sg_h_explain(FILE *f, const sg_case *c)
{
	const sg_explain *ex = c->explain;
	char lead[700], b[48];
	snprintf(lead, sizeof lead, "The plan's total cost, %s, against "
		 "alternatives that force one option's timing while every "
		 "other option is re-planned around it: each option the plan "
		 "builds one quarter later and never built; each option it "
		 "does not build, built at its earliest quarter.  The extra "
		 "cost, in present value, is what the plan's choice saves "
		 "(explain.csv).", sg_h_num(b, c->res.total_cost));
	sg_h_section(f, "explain", "Why these builds?", lead);
	if (ex->n > 0) {
		why_callouts(f, c, ex);
		why_chart(f, c, ex);
		sg_h_legend_begin(f);
		for (int k = 0; k < 3; k++)
			sg_h_key(f, alt_color[k], 0, alt_what[k]);
		sg_h_legend_end(f);
	} else {
		fputs("<p id=\"chart-explain\">No option is free to re-plan: "
		      "every option is committed.</p>\n", f);
	}
	why_table(f, c, ex);
	sg_h_section_end(f);
}
