/*
 * html.c - report.html (html.h): the page, its style, and the sections of
 * the base plan.  The fan charts and the what-if comparison are in
 * html_cmp.c, the chart kit in html_svg.c.
 *
 * Figures come from the same accessors as the CSV reports (report.h), so
 * the page and quarterly.csv, builds.csv and duals.csv always agree.
 */
#include "sgplan/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "sgplan/common.h"
#include "sgplan/report.h"
#include "sgplan/risk.h"
#include "sgplan/stochastic.h"
#include "sgplan/trust.h"

static const char css[] =
	":root{--ink:#1f2937;--mute:#6b7280;--rule:#e5e7eb;--brand:#0b3d91}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;color:var(--ink);background:#f3f4f6;font:14px/1.45 "
	"system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
	"'Noto Sans','DejaVu Sans',sans-serif}\n"
	"header.top{background:var(--brand);color:#fff;padding:26px 0 20px}\n"
	".in,main{max-width:1200px;margin:0 auto;padding:0 24px}\n"
	"h1{font-size:26px;margin:0 0 4px;font-weight:650}\n"
	".sub{margin:0;opacity:.88}\n"
	"nav{margin-top:12px;font-size:13px}\n"
	"nav a{color:#fff;margin-right:14px;text-decoration:none;"
	"border-bottom:1px solid rgba(255,255,255,.4)}\n"
	"section{background:#fff;border:1px solid var(--rule);"
	"border-radius:10px;padding:18px 24px 20px;margin:18px 0}\n"
	"h2{font-size:18px;margin:0 0 2px}\n"
	"h3{font-size:14px;margin:4px 0 2px}\n"
	"p.lead{color:var(--mute);margin:0 0 10px;max-width:90ch}\n"
	".cards{display:grid;gap:12px;grid-template-columns:repeat(6,1fr)}\n"
	".cards.c4{grid-template-columns:repeat(4,1fr)}\n"
	".card{border:1px solid var(--rule);border-left:4px solid var(--brand);"
	"border-radius:6px;padding:10px 12px;background:#fafbfc}\n"
	".card .k{font-size:11px;color:var(--mute);text-transform:uppercase;"
	"letter-spacing:.05em}\n"
	".card .v{font-size:22px;font-weight:650;"
	"font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".card .n{font-size:12px;color:var(--mute)}\n"
	".card.ok{border-left-color:#047857}.card.warn{border-left-color:"
	"#b45309}.card.bad{border-left-color:#b91c1c}\n"
	"ul.hl{margin:14px 0 0;padding-left:20px}ul.hl li{margin:2px 0}\n"
	"svg.chart{width:100%;height:auto;display:block;max-width:100%}\n"
	"svg text{font-family:inherit}\n"
	".ax{font-size:11px;fill:#6b7280}.yl{font-weight:600;fill:#374151}\n"
	".lbl{font-size:12px;fill:#1f2937}.val{font-size:11px;fill:#374151}\n"
	".dim{fill:#9ca3af}.in-bar{font-size:11px;fill:#fff}\n"
	"line.grid{stroke:#e5e7eb}line.base{stroke:#9ca3af}\n"
	"line.yr{stroke:#d1d5db;stroke-dasharray:2 3}\n"
	".grid2{display:grid;gap:14px 22px;"
	"grid-template-columns:repeat(auto-fit,minmax(470px,1fr))}\n"
	".duo{display:grid;gap:10px 26px;align-items:start;"
	"grid-template-columns:minmax(0,1fr) minmax(0,1fr)}\n"
	"@media (max-width:900px){.duo{grid-template-columns:1fr}"
	".cards,.cards.c4{grid-template-columns:1fr 1fr}}\n"
	"th.g{text-align:center;border-bottom:1px solid #d1d5db}\n"
	"tr.tot th,tr.tot td{border-top:1px solid #9ca3af;font-weight:600}\n"
	".tw{overflow-x:auto;margin-top:8px}\n"
	"table{border-collapse:collapse;font-size:12px;"
	"font-variant-numeric:tabular-nums}\n"
	"th,td{padding:3px 7px;text-align:right;white-space:nowrap;"
	"border-bottom:1px solid #eef0f3}\n"
	"thead th{border-bottom:1px solid #9ca3af;color:#374151;"
	"font-weight:600}\n"
	"tbody th{font-weight:500}.l{text-align:left}\n"
	"td.up{color:#b91c1c}td.down{color:#047857}td.mute{color:var(--mute)}\n"
	"td.hot{color:#fff}td.z{color:#d1d5db}\n"
	".heat{font-size:11px}.heat td{padding:3px 5px}\n"
	"tr.grp th{padding-top:9px;font-weight:600;"
	"border-bottom:1px solid #d1d5db}\n"
	".duo table{font-size:11px}.duo th,.duo td{padding:2px 5px}\n"
	".legend{margin:4px 0 0;font-size:12px;color:#374151}\n"
	".key{margin-right:14px;white-space:nowrap}\n"
	".sw{display:inline-block;width:11px;height:11px;border-radius:2px;"
	"margin-right:5px;vertical-align:-1px}\n"
	".sw.h{border:1px solid currentColor;background:repeating-linear-"
	"gradient(45deg,currentColor 0 2px,transparent 2px 5px)}\n"
	".ln{display:inline-block;width:18px;height:0;border-top:2px solid;"
	"margin-right:5px;vertical-align:3px}.ln.d{border-top-style:dashed}\n"
	"footer{color:var(--mute);font-size:12px;text-align:center;"
	"margin:20px 0 30px}\n"
	"@page{size:A4 landscape;margin:11mm}\n"
	"@media print{*{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}\n"
	" body{background:#fff;font-size:10.5px}nav{display:none}\n"
	" header.top{background:#fff;color:var(--ink);padding:0 0 6px;"
	"border-bottom:3px solid var(--brand)}\n"
	" .in,main{max-width:none;padding:0}\n"
	" section{border:0;border-radius:0;padding:0;margin:14px 0 0}\n"
	" h2,h3{break-after:avoid}\n"
	" svg.chart,.card,.duo,.pane,table,tr{break-inside:avoid}\n"
	" .tw{overflow:visible}table{font-size:8.5px}th,td{padding:1px 4px}\n"
	" .grid2{grid-template-columns:1fr 1fr}}\n";

/* Hatch patterns used by every chart, defined once. */
static void defs(FILE *f)
{
	static const struct {
		const char *id, *color;
	} h[] = { { "sg-hatch-red", SG_H_RED }, { "sg-hatch-blue", "#0072b2" },
		  { "sg-hatch-grey", "#4b5563" } };
	fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" "
	      "height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">"
	      "<defs>\n", f);
	for (int i = 0; i < 3; i++)
		fprintf(f, "<pattern id=\"%s\" width=\"6\" height=\"6\" "
			"patternUnits=\"userSpaceOnUse\" patternTransform="
			"\"rotate(45)\"><rect width=\"6\" height=\"6\" "
			"fill=\"%s\" fill-opacity=\"0.18\"/><rect "
			"width=\"2.4\" height=\"6\" fill=\"%s\"/></pattern>\n",
			h[i].id,
			h[i].color, h[i].color);
	fputs("</defs></svg>\n", f);
}

/* "FILE", or "FILE, what-if CASE" for a what-if case's own report */
static void title(FILE *f, const sg_case *c, int n)
{
	sg_h_esc(f, c->plan->file);
	if (n == 1 && c->name && strcmp(c->name, "base") != 0) {
		fputs(", what-if ", f);
		sg_h_esc(f, c->name);
	}
}

static void head(FILE *f, const sg_case *c, int n)
{
	const sg_plan *P = c[0].plan;
	fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	      "lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta "
	      "name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\"/>\n<title>Capacity plan: ", f);
	title(f, c, n);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	defs(f);
	fputs("<header class=\"top\"><div class=\"in\">\n<h1>Capacity plan: ",
	      f);
	title(f, c, n);
	fprintf(f, "</h1>\n<p class=\"sub\">%s to %s (%d quarter%s) &#183; "
		"%d fabs, %d products, %d platforms, %d sites, %d regions, "
		"%d options &#183; discount rate %g %% a year", P->qlabel[0],
		P->qlabel[P->T - 1], P->T, P->T == 1 ? "" : "s", P->nfab,
		P->nprod, P->nplat, P->nsite, P->nreg, P->nopt,
		100 * P->discount_rate);
	if (c[0].risk)
		fprintf(f, " &#183; %ld scenarios (seed %lu)",
			sg_risk_scenarios(c[0].risk), (unsigned long)P->seed);
	if (n > 1)
		fprintf(f, " &#183; %d what-if case%s", n - 1,
			n > 2 ? "s" : "");
	fputs("</p>\n<nav><a href=\"#summary\">Summary</a><a href=\"#demand\">"
	      "Compute</a><a href=\"#memory\">Memory</a><a href=\"#grid\">"
	      "Grid</a><a href=\"#timing\">Build timing</a>", f);
	if (c[0].explain)
		fputs("<a href=\"#explain\">Why these builds</a>", f);
	fputs("<a href=\"#costs\">Costs</a><a href=\"#duals\">Shadow prices"
	      "</a>", f);
	if (c[0].risk)
		fputs("<a href=\"#risk\">Risk</a>", f);
	if (n > 1)
		fputs("<a href=\"#whatif\">What-if</a>", f);
	fputs("</nav>\n</div></header>\n<main>\n", f);
}

/* --- summary ------------------------------------------------------------- */

static void card(FILE *f, const char *cls, const char *k, const char *v,
		 const char *note)
{
	fprintf(f, "<div class=\"card%s%s\"><div class=\"k\">%s</div>"
		"<div class=\"v\">%s</div><div class=\"n\">%s</div></div>\n",
		cls ? " " : "", cls ? cls : "", k, v, note ? note : "&#160;");
}

static double total_demand(const sg_plan *P)
{
	double d = 0;
	for (int r = 0; r < P->nreg; r++)
		d += sg_h_sum(P->reg[r].demand, P->T);
	return d;
}

static double total_contract(const sg_plan *P)
{
	double d = 0;
	for (int p = 0; p < P->nprod; p++)
		d += sg_h_sum(P->prod[p].contract, P->T);
	return d;
}

/* Options built, of which committed, and their nominal capex. */
static int count_builds(const sg_case *c, int *ncommit, double *capex)
{
	const sg_plan *P = c->plan;
	int n = 0, on;
	*ncommit = 0;
	*capex = 0;
	for (int k = 0; k < P->nopt; k++)
		if (sg_option_built(c->md, c->res.x, k, &on)) {
			n++;
			*ncommit += P->opt[k].committed;
			*capex += P->opt[k].committed ? 0 : P->opt[k].capex;
		}
	return n;
}

static void risk_cards(FILE *f, const sg_case *c)
{
	double q[7], any[7];
	char a[48], b[48], note[128];
	if (sg_risk_quantiles(c->risk, "cost", -1, c->plan->T, q) < 0 ||
	    sg_risk_quantiles(c->risk, "any_unserved", -1, c->plan->T,
			      any) < 0)
		return;
	snprintf(note, sizeof note, "P90 %s", sg_h_num(b, q[5]));
	card(f, NULL, "Expected cost", sg_h_num(a, q[0]), note);
	snprintf(note, sizeof note, "over %ld scenarios",
		 sg_risk_scenarios(c->risk));
	card(f, any[0] > 0.2 ? "bad" : any[0] > 0 ? "warn" : "ok",
	     "Risk of unserved demand", sg_h_pct(a, any[0]), note);
}

/* A relative violation for people: "0", "1.9 × 10^-14" (superscript). */
static const char *sci(char buf[128], double v)
{
	if (!isfinite(v))
		return strcpy(buf, "\xe2\x80\x93");
	if (v == 0)
		return strcpy(buf, "0");
	int e = (int)floor(log10(fabs(v)));
	double m = v / pow(10, e);
	if (fabs(m) >= 9.95) /* 9.96e-15 rounds to 10 x 10^-15 */
		m /= 10, e++;
	snprintf(buf, 128, "<span style=\"white-space:nowrap\">%.1f &#215; "
		 "10<sup>%s%d</sup></span>", m,
		 e < 0 ? "\xe2\x88\x92" : "", abs(e));
	return buf;
}

/* The MIP's status; below it, whether certify verified the cost. */
static void status_card(FILE *f, const sg_result *r)
{
	const char *cls = r->status == SG_STATUS_OPTIMAL ? "ok" : "warn";
	char v[128], note[240];
	if (r->certified == SG_CERT_YES) {
		snprintf(note, sizeof note, "cost verified exactly; largest "
			 "violation %s", sci(v, r->cert_violation));
	} else if (r->certified == SG_CERT_NO) {
		cls = "warn";
		if (isfinite(r->cert_violation))
			snprintf(note, sizeof note, "cost not verified: "
				 "largest violation %s",
				 sci(v, r->cert_violation));
		else
			snprintf(note, sizeof note, "cost not verified: the "
				 "exact re-solve failed");
	} else {
		snprintf(note, sizeof note, "certification skipped");
	}
	card(f, cls, "Status", r->status == SG_STATUS_OPTIMAL ? "Optimal" :
	     "Time limit", note);
}

/* The card of unserved compute or contract shortfall: v of total, its
 * share shown "of ..." (none: without a total); under --stochastic v is a
 * scenario mean (as in summary.csv), beside its value on the forecast,
 * fc, which the page's tables show. */
static void shortage_card(FILE *f, const sg_case *c, const char *title,
			  const char *cls, double v, double total,
			  double share, const char *of, const char *none,
			  double fc)
{
	char a[48], b[48], note[160];
	if (c->stoch)
		snprintf(note, sizeof note, "mean of %ld scenarios; %s on the "
			 "forecast", c->stoch->n, sg_h_num(b, fc));
	else if (total > 0)
		snprintf(note, sizeof note, "%s %s", sg_h_pct(b, share), of);
	else
		snprintf(note, sizeof note, "%s", none);
	card(f, v > 1e-9 * fmax(1, total) ? cls : "ok", title, sg_h_num(a, v),
	     note);
}

/* The summary's section; a stochastic plan's says what its figures are. */
static void summary_section(FILE *f, const sg_case *c)
{
	const sg_stoch *st = c->stoch;
	char b[48], o[48], d[48], v[48], lead[800];
	if (st)
		snprintf(lead, sizeof lead, "A stochastic plan: its builds "
			 "minimise the mean cost over %ld scenarios (seed %u). "
			 " Its costs (these cards and the cost breakdown), "
			 "unserved compute and contract shortfall are those "
			 "means, as in summary.csv; its quantities and shadow "
			 "prices below are on the forecast, where it costs %s."
			 "  On %ld fresh scenarios (seed %u) it costs %s on "
			 "average, and the deterministic plan %s: a value of "
			 "the stochastic solution of %s.", st->n,
			 (unsigned)(st->oos_seed - 1),
			 sg_h_num(b, st->det_cost), st->oos_n,
			 (unsigned)st->oos_seed,
			 sg_h_num(o, st->oos_stoch.cost),
			 sg_h_num(d, st->oos_det.cost),
			 sg_h_num(v, sg_stoch_vss(st)));
	sg_h_section(f, "summary", "Summary", st ? lead : NULL);
}

static void headline(FILE *f, const sg_case *c)
{
	const sg_result *r = &c->res;
	double D = total_demand(c->plan), K = total_contract(c->plan), cap;
	char a[48], b[48], note[160];
	int nc, nb = count_builds(c, &nc, &cap);
	summary_section(f, c);
	fprintf(f, "<div class=\"cards%s\" id=\"headline\">\n",
		c->risk ? " c4" : "");
	status_card(f, r);
	snprintf(note, sizeof note, "%s; bound %s",
		 c->stoch ? "mean, present value" : "present value",
		 sg_h_num(b, r->best_bound));
	card(f, NULL, "Total cost", sg_h_num(a, r->total_cost), note);
	card(f, NULL, "MIP gap", sg_h_gap(a, r->gap), "proven distance to "
	     "the best possible plan");
	shortage_card(f, c, "Unserved compute", "bad", r->unserved, D,
		      D > 0 ? 1 - r->unserved / D : 0, "of demand served",
		      "no demand", c->stoch ? c->stoch->det_unserved : 0);
	shortage_card(f, c, "Contract shortfall", "warn", r->shortfall, K,
		      K > 0 ? r->shortfall / K : 0, "of contracted memory",
		      "no contracts",
		      c->stoch ? c->stoch->det_shortfall : 0);
	snprintf(a, sizeof a, "%d", nb);
	snprintf(note, sizeof note, "%d committed; new capex %s", nc,
		 sg_h_num(b, cap));
	card(f, NULL, "Options built", a, note);
	if (c->risk)
		risk_cards(f, c);
	fputs("</div>\n", f);
}

/* --- highlights ---------------------------------------------------------- */

/* First quarter with unserved demand and the region short most. */
static void unserved_note(FILE *f, const sg_case *c)
{
	const sg_plan *P = c->plan;
	const sg_model *md = c->md;
	int first = 0, worst = -1;
	double wv = 0;
	for (int r = 0; r < P->nreg; r++) {
		double s = 0;
		for (int t = 1; t <= P->T; t++) {
			double u = c->res.x[sg_idx_pt(md, md->m.U, r, t)];
			s += u;
			if (u > 1e-6 && (!first || t < first))
				first = t;
		}
		if (s > wv)
			wv = s, worst = r;
	}
	if (worst < 0) {
		fputs(total_demand(P) > 0 ? "<li>All compute demand is "
		      "served.</li>\n" : "<li>There is no compute demand."
		      "</li>\n", f);
		return;
	}
	fprintf(f, "<li>Demand goes unserved from <b>%s</b>; most in "
		"<b>", P->qlabel[first - 1]);
	sg_h_esc(f, P->reg[worst].name);
	fputs("</b>.</li>\n", f);
}

static void highlights(FILE *f, const sg_case *c)
{
	const sg_plan *P = c->plan;
	double v[9], tot = c->res.total_cost;
	char a[48];
	int big = 0, on, first = -1, fo = 0;
	sg_h_cost_terms(&c->res.costs, v);
	for (int i = 1; i < 9; i++)
		big = v[i] > v[big] ? i : big;
	fputs("<ul class=\"hl\">\n", f);
	fprintf(f, "<li>The largest cost is <b>%s</b>, %s of the total.</li>"
		"\n", sg_h_term[big], sg_h_pct(a, tot ? v[big] / tot : 0));
	unserved_note(f, c);
	for (int k = 0; k < P->nopt; k++)
		if (!P->opt[k].committed &&
		    sg_option_built(c->md, c->res.x, k, &on) &&
		    (first < 0 || on < fo))
			first = k, fo = on;
	if (first >= 0) {
		fputs("<li>The first new build is <b>", f);
		sg_h_esc(f, P->opt[first].name);
		fprintf(f, "</b>, online in %s.</li>\n", P->qlabel[fo - 1]);
	}
	fputs("</ul>\n", f);
	sg_h_section_end(f);
}

/* --- compute demand ------------------------------------------------------ */

static double q_served(const sg_model *md, const double *x, int r, int t)
{
	return sg_region_served(md, x, r, t);
}

static double q_unserved(const sg_model *md, const double *x, int r, int t)
{
	return x[sg_idx_pt(md, md->m.U, r, t)];
}

static void demand_chart(FILE *f, const sg_case *c, double **sv,
			 const double *un)
{
	const sg_plan *P = c->plan;
	double *tot = sg_xcalloc((size_t)P->T + 1, sizeof *tot);
	for (int r = 0; r < P->nreg; r++)
		for (int t = 0; t < P->T; t++)
			tot[t] += P->reg[r].demand[t];
	sg_hchart ch;
	sg_h_frame(&ch, 960, 300, P->T, sg_h_max(tot, P->T));
	sg_h_svg_begin(f, "chart-demand", 960, 300,
		       "Demand and served compute per quarter");
	sg_h_axes(f, &ch, P, "compute");
	for (int t = 1; t <= P->T; t++) {
		double y = 0;
		for (int r = 0; r < P->nreg; r++, y += sv[r - 1][t - 1])
			sg_h_bar(f, &ch, t, y, y + sv[r][t - 1], 0.14, 0.72,
				 sg_h_color[r % SG_H_NCOLOR]);
		sg_h_bar(f, &ch, t, y, y + un[t - 1], 0.14, 0.72,
			 SG_H_HATCH_RED);
	}
	sg_h_line(f, &ch, tot, SG_H_INK, 1, 1);
	sg_h_svg_end(f);
	free(tot);
}

static void demand_table(FILE *f, const sg_plan *P, double **sv,
			 const double *un)
{
	sg_hcol *col = sg_xcalloc(2 * (size_t)P->nreg + 1, sizeof *col);
	int n = 0;
	for (int r = 0; r < P->nreg; r++) {
		const char *k = sg_h_color[r % SG_H_NCOLOR];
		col[n++] = (sg_hcol){ P->reg[r].name, "demand", k,
				      P->reg[r].demand, 1 };
		col[n++] = (sg_hcol){ P->reg[r].name, "served", k, sv[r], 1 };
	}
	col[n++] = (sg_hcol){ "All regions", "unserved", SG_H_RED, un, 1 };
	sg_h_qtable(f, P, NULL, col, n);
	free(col);
}

static void demand(FILE *f, const sg_case *c)
{
	const sg_plan *P = c->plan;
	double **sv = sg_xcalloc((size_t)P->nreg + 1, sizeof *sv);
	double *un = sg_xcalloc((size_t)P->T + 1, sizeof *un);
	for (int r = 0; r < P->nreg; r++) {
		sv[r] = sg_h_series(c, q_served, r);
		double *u = sg_h_series(c, q_unserved, r);
		for (int t = 0; t < P->T; t++)
			un[t] += u[t];
		free(u);
	}
	sg_h_section(f, "demand", "Compute: demand and served",
		     "Compute served per quarter, stacked by region; the "
		     "hatched red part is demand left unserved, the dashed "
		     "line total demand.");
	demand_chart(f, c, sv, un);
	sg_h_legend_begin(f);
	for (int r = 0; r < P->nreg; r++)
		sg_h_key_name(f, sg_h_color[r % SG_H_NCOLOR], 0,
			      P->reg[r].name);
	sg_h_key(f, SG_H_RED, 3, "unserved");
	sg_h_key(f, SG_H_INK, 2, "demand");
	sg_h_legend_end(f);
	demand_table(f, P, sv, un);
	sg_h_section_end(f);
	for (int r = 0; r < P->nreg; r++)
		free(sv[r]);
	free(sv);
	free(un);
}

/* --- memory -------------------------------------------------------------- */

static double q_output(const sg_model *md, const double *x, int p, int t)
{
	return sg_product_output(md, x, p, t);
}

static double q_racks(const sg_model *md, const double *x, int p, int t)
{
	return sg_product_to_racks(md, x, p, t);
}

static double q_delivered(const sg_model *md, const double *x, int p, int t)
{
	return x[sg_idx_pt(md, md->m.E, p, t)];
}

static double q_short(const sg_model *md, const double *x, int p, int t)
{
	return x[sg_idx_pt(md, md->m.SE, p, t)];
}

static double q_stock(const sg_model *md, const double *x, int p, int t)
{
	return x[sg_idx_pt(md, md->m.I, p, t)];
}

enum { M_OUT, M_RACKS, M_DELIV, M_SHORT, M_STOCK, M_N };

static void memory_chart(FILE *f, const sg_plan *P, double *const *m)
{
	double mx = fmax(sg_h_max(m[M_OUT], P->T), sg_h_max(m[M_STOCK], P->T));
	for (int t = 0; t < P->T; t++)
		mx = fmax(mx, m[M_RACKS][t] + m[M_DELIV][t] + m[M_SHORT][t]);
	sg_hchart ch;
	sg_h_frame(&ch, 600, 360, P->T, mx);
	sg_h_svg_begin(f, NULL, 600, 360, "Memory supply and use");
	sg_h_axes(f, &ch, P, "units");
	for (int t = 1; t <= P->T; t++) {
		double a = m[M_RACKS][t - 1], b = a + m[M_DELIV][t - 1];
		sg_h_bar(f, &ch, t, 0, m[M_OUT][t - 1], 0.1, 0.4,
			 sg_h_color[0]);
		sg_h_bar(f, &ch, t, 0, a, 0.5, 0.4, sg_h_color[2]);
		sg_h_bar(f, &ch, t, a, b, 0.5, 0.4, sg_h_color[1]);
		sg_h_bar(f, &ch, t, b, b + m[M_SHORT][t - 1], 0.5, 0.4,
			 SG_H_HATCH_RED);
	}
	sg_h_line(f, &ch, m[M_STOCK], SG_H_INK, 0, 0);
	sg_h_svg_end(f);
}

/* One product: its chart with its table beside it. */
static void memory_pane(FILE *f, const sg_case *c, int p)
{
	static const sg_h_qfn fn[M_N] = { q_output, q_racks, q_delivered,
					  q_short, q_stock };
	static const char *const what[M_N] = { "output", "to racks",
		"delivered", "short", "stock" };
	const char *color[M_N] = { sg_h_color[0], sg_h_color[2],
				   sg_h_color[1], SG_H_RED, SG_H_INK };
	const sg_plan *P = c->plan;
	double *m[M_N];
	sg_hcol col[M_N];
	for (int i = 0; i < M_N; i++) {
		m[i] = sg_h_series(c, fn[i], p);
		col[i] = (sg_hcol){ NULL, what[i], color[i], m[i],
				    i < M_STOCK };
	}
	fputs("<h3>", f);
	sg_h_esc(f, P->prod[p].name);
	fputs("</h3>\n<div class=\"duo\">\n<div>\n", f);
	memory_chart(f, P, m);
	fputs("</div>\n<div>\n", f);
	sg_h_qtable(f, P, NULL, col, M_N);
	fputs("</div>\n</div>\n", f);
	for (int i = 0; i < M_N; i++)
		free(m[i]);
}

static void memory(FILE *f, const sg_case *c)
{
	sg_h_section(f, "memory", "Memory: supply and allocation",
		     "Per product and quarter: output of the fabs (left bar) "
		     "against its use (right bar: installed in racks, "
		     "delivered on contracts, contract shortfall hatched); the "
		     "line is stock at the end of the quarter.");
	sg_h_legend_begin(f);
	sg_h_key(f, sg_h_color[0], 0, "output");
	sg_h_key(f, sg_h_color[2], 0, "to racks");
	sg_h_key(f, sg_h_color[1], 0, "contract delivered");
	sg_h_key(f, SG_H_RED, 3, "contract short");
	sg_h_key(f, SG_H_INK, 1, "stock");
	sg_h_legend_end(f);
	fputs("<div id=\"chart-memory\">\n", f);
	for (int p = 0; p < c->plan->nprod; p++)
		memory_pane(f, c, p);
	if (c->plan->nprod == 0)
		fputs("<p>The plan has no memory products.</p>\n", f);
	fputs("</div>\n", f);
	sg_h_section_end(f);
}

/* --- grid ---------------------------------------------------------------- */

static double q_grid_used(const sg_model *md, const double *x, int s, int t)
{
	return sg_site_grid_used(md, x, s, t);
}

static double q_grid_avail(const sg_model *md, const double *x, int s,
			   int t)
{
	return sg_site_grid_available(md, x, s, t);
}

static void grid_pane(FILE *f, const sg_case *c, int s)
{
	const sg_plan *P = c->plan;
	double *u = sg_h_series(c, q_grid_used, s);
	double *a = sg_h_series(c, q_grid_avail, s);
	double pu = sg_h_max(u, P->T);
	char b1[48], b2[48];
	fputs("<div class=\"pane\"><h3>", f);
	sg_h_esc(f, P->site[s].name);
	fprintf(f, " <span class=\"ax\">peak use %s MW of %s MW</span></h3>\n",
		sg_h_num(b1, pu), sg_h_num(b2, sg_h_max(a, P->T)));
	sg_hchart ch;
	sg_h_frame(&ch, 470, 220, P->T, fmax(pu, sg_h_max(a, P->T)));
	sg_h_svg_begin(f, NULL, 470, 220, "Grid use and grid available");
	sg_h_axes(f, &ch, P, "MW");
	for (int t = 1; t <= P->T; t++)
		sg_h_bar(f, &ch, t, 0, u[t - 1], 0.12, 0.76, sg_h_color[4]);
	sg_h_line(f, &ch, a, SG_H_INK, 1, 0);
	sg_h_svg_end(f);
	fputs("</div>\n", f);
	free(u);
	free(a);
}

static void grid_table(FILE *f, const sg_case *c)
{
	const sg_plan *P = c->plan;
	sg_hcol *col = sg_xcalloc(2 * (size_t)P->nsite + 1, sizeof *col);
	for (int s = 0; s < P->nsite; s++) {
		col[2 * s] = (sg_hcol){ P->site[s].name, "used", NULL,
				       sg_h_series(c, q_grid_used, s), 0 };
		col[2 * s + 1] = (sg_hcol){ P->site[s].name, "available", NULL,
					   sg_h_series(c, q_grid_avail, s), 0 };
	}
	sg_h_qtable(f, P, NULL, col, 2 * P->nsite);
	for (int i = 0; i < 2 * P->nsite; i++)
		free((double *)col[i].v);
	free(col);
}

static void grid(FILE *f, const sg_case *c)
{
	sg_h_section(f, "grid", "Grid: use against what is available",
		     "Per site, in MW: grid power drawn by the installed racks "
		     "(IT load &#215; PUE, bars) and the grid connection "
		     "available, options included (line).");
	sg_h_legend_begin(f);
	sg_h_key(f, sg_h_color[4], 0, "grid used");
	sg_h_key(f, SG_H_INK, 1, "grid available");
	sg_h_legend_end(f);
	fputs("<div class=\"grid2\" id=\"chart-grid\">\n", f);
	for (int s = 0; s < c->plan->nsite; s++)
		grid_pane(f, c, s);
	if (c->plan->nsite == 0)
		fputs("<p>The plan has no sites.</p>\n", f);
	fputs("</div>\n", f);
	grid_table(f, c);
	sg_h_section_end(f);
}

int sg_report_html(FILE *f, const sg_case *c, int n)
{
	head(f, c, n);
	headline(f, &c[0]);
	highlights(f, &c[0]);
	demand(f, &c[0]);
	memory(f, &c[0]);
	grid(f, &c[0]);
	sg_h_gantt(f, &c[0]);
	if (c[0].explain)
		sg_h_explain(f, &c[0]);
	sg_h_costs(f, &c[0]);
	sg_h_duals(f, &c[0]);
	if (c[0].risk)
		sg_h_fans(f, &c[0]);
	if (n > 1)
		sg_h_compare(f, c, n);
	fprintf(f, "</main>\n<footer>sgplan %s &#183; present values in the "
		"plan's money unit, discounted to the first quarter &#183; "
		"quantities in the plan's units</footer>\n</body>\n</html>\n",
		SG_VERSION);
	return ferror(f) ? -1 : 0;
}
