/*
 * html_plan.c - report.html sections on the base plan's decisions: option
 * timing (a Gantt chart), the cost breakdown, and the shadow prices worth
 * acting on (html_int.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "html_int.h"
#include "sgplan/common.h"
#include "sgplan/report.h"
#include "sgplan/trust.h"

const char *const sg_h_term[9] = {
	"Wafers", "Holding", "Racks", "Energy", "Serving", "Unserved demand",
	"Contract shortfall", "Opex", "Capex"
};

const char *const sg_h_term_color[9] = {
	"#0072b2", "#56b4e9", "#009e73", "#e69f00", "#cc79a7", SG_H_RED,
	"#d55e00", "#8c6d31", "#374151"
};

void sg_h_cost_terms(const sg_costs *k, double v[9])
{
	memcpy(v, k->v, sizeof k->v);
}

/* --- option timing ------------------------------------------------------- */

typedef struct orow {
	int k, built, on; /* option, built?, online quarter */
} orow;

static int orow_cmp(const void *a, const void *b)
{
	const orow *x = a, *y = b;
	if (x->built != y->built)
		return y->built - x->built;
	if (x->built && x->on != y->on)
		return x->on < y->on ? -1 : 1;
	return x->k - y->k;
}

/* Every option: built ones by online quarter, then the others. */
static orow *option_rows(const sg_case *c)
{
	const sg_plan *P = c->plan;
	orow *o = sg_xcalloc((size_t)P->nopt + 1, sizeof *o);
	for (int k = 0; k < P->nopt; k++) {
		o[k].k = k;
		o[k].built = sg_option_built(c->md, c->res.x, k, &o[k].on);
	}
	qsort(o, (size_t)P->nopt, sizeof *o, orow_cmp);
	return o;
}

#define G_ROW 24
#define G_TOP 6

/* Quarters a..b (clipped to the horizon) as one bar of row y. */
static void span(FILE *f, const sg_hchart *ch, int a, int b, double y,
		 const char *fill)
{
	a = a < 1 ? 1 : a;
	b = b > ch->n ? ch->n : b;
	if (a > b)
		return;
	sg_h_rect(f, sg_h_x(ch, a) + 1, y + 5, (b - a + 1) * sg_h_bw(ch) - 2,
		  G_ROW - 10, fill, "rx=\"3\"");
}

static void gantt_row(FILE *f, const sg_hchart *ch, const sg_case *c,
		      const orow *o, int i)
{
	const sg_plan *P = c->plan;
	const sg_option *op = &P->opt[o->k];
	double y = G_TOP + i * G_ROW;
	char q[8];
	if (i % 2)
		sg_h_rect(f, 0, y, 960, G_ROW, "#f5f7fa", NULL);
	sg_h_text_name(f, ch->x - 8, y + 16, "end", o->built ? "lbl" :
		       "lbl dim", op->name, 30);
	if (!o->built) {
		sg_h_text(f, ch->x + 6, y + 16, "start", "val dim",
			  "not built");
		return;
	}
	span(f, ch, o->on - op->lead_quarters, o->on - 1, y,
	     op->committed ? SG_H_HATCH_GREY : SG_H_HATCH_BLUE);
	span(f, ch, o->on, P->T, y, op->committed ? "#4b5563" : "#0072b2");
	if (op->committed && o->on <= P->T - 2)
		sg_h_text(f, sg_h_x(ch, o->on < 1 ? 1 : o->on) + 6, y + 16,
			  "start", "in-bar", "committed");
	sg_plan_quarter_label(P, o->on, q);
	sg_h_text(f, ch->x + ch->w + 8, y + 16, "start", "val", q);
}

static void gantt_chart(FILE *f, const sg_case *c, const orow *o)
{
	const sg_plan *P = c->plan;
	int H = G_TOP + P->nopt * G_ROW + 36;
	sg_hchart ch = { 230, G_TOP, 960 - 230 - 62, P->nopt * G_ROW, 1, 1,
			 P->T };
	sg_h_svg_begin(f, "chart-gantt", 960, H,
		       "Construction and online quarters of every option");
	for (int i = 0; i < P->nopt; i++)
		gantt_row(f, &ch, c, &o[i], i);
	sg_h_xaxis(f, &ch, P, G_TOP, G_TOP + P->nopt * G_ROW);
	sg_h_text(f, ch.x + ch.w + 8, G_TOP + P->nopt * G_ROW + 14, "start",
		  "ax", "online");
	sg_h_svg_end(f);
}

static void gantt_table(FILE *f, const sg_case *c, const orow *o)
{
	const sg_plan *P = c->plan;
	char b[48], q[8];
	fputs("<div class=\"tw\"><table>\n<thead><tr><th class=\"l\">Option"
	      "</th><th class=\"l\">Target</th><th>Capacity</th><th>"
	      "Construction from</th><th>Online</th><th>Capex</th><th "
	      "class=\"l\">Status</th></tr></thead>\n<tbody>\n", f);
	for (int i = 0; i < P->nopt; i++) {
		const sg_option *op = &P->opt[o[i].k];
		int fab = op->kind == SG_TARGET_FAB;
		fputs("<tr><th class=\"l\">", f);
		sg_h_esc(f, op->name);
		fprintf(f, "</th><td class=\"l\">%s:", fab ? "fab" :
			op->kind == SG_TARGET_GRID ? "grid" : "site");
		sg_h_esc(f, fab ? P->fab[op->target].name :
				  P->site[op->target].name);
		fprintf(f, "</td><td>%s %s</td>", sg_h_num(b, op->capacity),
			fab ? "wafers/q" : "MW");
		if (o[i].built) {
			sg_plan_quarter_label(P, o[i].on - op->lead_quarters,
					      q);
			fprintf(f, "<td>%s</td>", q);
			sg_plan_quarter_label(P, o[i].on, q);
			fprintf(f, "<td>%s</td>", q);
		} else {
			fputs("<td></td><td></td>", f);
		}
		sg_h_td_num(f, op->committed ? 0 : op->capex);
		fprintf(f, "<td class=\"l\">%s</td></tr>\n", !o[i].built ?
			"not built" : op->committed ? "committed" : "built");
	}
	fputs("</tbody></table></div>\n", f);
}

void sg_h_gantt(FILE *f, const sg_case *c)
{
	orow *o = option_rows(c);
	sg_h_section(f, "timing", "Build timing",
		     "Every option: construction quarters (hatched) and the "
		     "quarters it is online (solid; committed options in "
		     "grey), in the order they come online.");
	if (c->plan->nopt > 0)
		gantt_chart(f, c, o);
	else
		fputs("<p id=\"chart-gantt\">The plan has no options.</p>\n",
		      f);
	sg_h_legend_begin(f);
	sg_h_key(f, "#0072b2", 3, "construction");
	sg_h_key(f, "#0072b2", 0, "online");
	sg_h_key(f, "#4b5563", 3, "committed: construction");
	sg_h_key(f, "#4b5563", 0, "committed: online");
	sg_h_legend_end(f);
	gantt_table(f, c, o);
	sg_h_section_end(f);
	free(o);
}

/* --- costs --------------------------------------------------------------- */

static void cost_bars(FILE *f, const double *v, const int *ord, double tot)
{
	static const sg_hbars g = { 600, 150, 290, 28, 24 };
	sg_hbar b[9];
	char a[48], p[48], s[9][128];
	for (int j = 0; j < 9; j++) {
		int i = ord[j];
		snprintf(s[j], sizeof s[j], "%s &#183; %s", sg_h_num(a, v[i]),
			 sg_h_pct(p, tot ? v[i] / tot : 0));
		b[j] = (sg_hbar){ sg_h_term[i], v[i], sg_h_term_color[i],
				  s[j] };
	}
	sg_h_hbars(f, "chart-costs", "Present value of each cost term", &g, b,
		   9);
}

static void cost_table(FILE *f, const sg_case *c, const double *v,
		       const int *ord)
{
	const sg_plan *P = c->plan;
	double tot = c->res.total_cost, nom[9] = { 0 }, q[9];
	char b[48];
	for (int t = 1; t <= P->T; t++) {
		sg_h_cost_terms(&c->res.spend[t], q);
		for (int i = 0; i < 9; i++)
			nom[i] += q[i];
	}
	fputs("<div class=\"tw\"><table>\n<thead><tr><th class=\"l\">Cost "
	      "term</th><th>Present value</th><th>Share</th><th>Spend, "
	      "undiscounted</th></tr></thead>\n<tbody>\n", f);
	for (int j = 0; j < 9; j++) {
		int i = ord[j];
		fprintf(f, "<tr><th class=\"l\"><span class=\"sw\" style=\""
			"background:%s\"></span>%s</th>", sg_h_term_color[i],
			sg_h_term[i]);
		sg_h_td_num(f, v[i]);
		fprintf(f, "<td>%s</td>", sg_h_pct(b, tot ? v[i] / tot : 0));
		sg_h_td_num(f, nom[i]);
		fputs("</tr>\n", f);
	}
	fprintf(f, "<tr><th class=\"l\"><b>Total</b></th><td><b>%s</b></td>"
		"<td>100 %%</td>", sg_h_num(b, tot));
	sg_h_td_num(f, sg_h_sum(nom, 9));
	fputs("</tr>\n</tbody></table></div>\n", f);
}

static void spend_chart(FILE *f, const sg_case *c)
{
	const sg_plan *P = c->plan;
	double mx = 0, q[9];
	for (int t = 1; t <= P->T; t++)
		mx = fmax(mx, sg_costs_total(&c->res.spend[t]));
	sg_hchart ch;
	sg_h_frame(&ch, 960, 280, P->T, mx);
	sg_h_svg_begin(f, "chart-spend", 960, 280,
		       "Spend per quarter by cost term, undiscounted");
	sg_h_axes(f, &ch, P, "money");
	for (int t = 1; t <= P->T; t++) {
		double y = 0;
		sg_h_cost_terms(&c->res.spend[t], q);
		for (int i = 0; i < 9; i++) {
			sg_h_bar(f, &ch, t, y, y + q[i], 0.14, 0.72,
				 sg_h_term_color[i]);
			y += q[i];
		}
	}
	sg_h_svg_end(f);
}

static void spend_table(FILE *f, const sg_case *c)
{
	const sg_plan *P = c->plan;
	double *v[10], q[9];
	sg_hcol col[10];
	for (int i = 0; i < 10; i++) {
		v[i] = sg_xcalloc((size_t)P->T + 1, sizeof(double));
		col[i] = (sg_hcol){ NULL, i < 9 ? sg_h_term[i] : "Total",
				    i < 9 ? sg_h_term_color[i] : NULL, v[i],
				    1 };
	}
	for (int t = 1; t <= P->T; t++) {
		sg_h_cost_terms(&c->res.spend[t], q);
		for (int i = 0; i < 9; i++) {
			v[i][t - 1] = q[i];
			v[9][t - 1] += q[i];
		}
	}
	sg_h_qtable(f, P, NULL, col, 10);
	for (int i = 0; i < 10; i++)
		free(v[i]);
}

void sg_h_costs(FILE *f, const sg_case *c)
{
	double v[9];
	int ord[9];
	sg_h_cost_terms(&c->res.costs, v);
	for (int i = 0; i < 9; i++) {
		int j = i;
		for (; j > 0 && v[ord[j - 1]] < v[i]; j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
	sg_h_section(f, "costs", "Cost breakdown",
		     "Total cost in present value by term, largest first; "
		     "below, the money spent in each quarter (undiscounted, "
		     "capex in its construction quarters).");
	fputs("<div class=\"duo\">\n<div>\n", f);
	cost_bars(f, v, ord, c->res.total_cost);
	fputs("</div>\n<div>\n", f);
	cost_table(f, c, v, ord);
	fputs("</div>\n</div>\n", f);
	spend_chart(f, c);
	sg_h_legend_begin(f);
	for (int i = 0; i < 9; i++)
		sg_h_key(f, sg_h_term_color[i], 0, sg_h_term[i]);
	sg_h_legend_end(f);
	spend_table(f, c);
	sg_h_section_end(f);
}

/* --- shadow prices ------------------------------------------------------- */

/* How report.html names duals.csv's constraints (sg_shadow_cons order). */
static const struct {
	const char *title, *unit;
} con_text[SG_SHADOW_NCON] = {
	{ "Fab capacity", "wafer start" },
	{ "IT space", "MW" },
	{ "Grid connection", "MW" },
	{ "Memory stock", "unit" },
	{ "Compute demand", "unit of compute" },
};

/* One sentence per capacity constraint: where one more unit (one more MW
 * from a quarter on, for sites) saves most, as sg_shadow_new checked it
 * (data/2025.csv: every IT space and grid dual, up to 11,610 a MW, is a
 * promise for its quarter alone).  Nothing when the checks could not run. */
static void dual_callouts(FILE *f, const sg_plan *P, const sg_shadow *sh)
{
	char b[48];
	int said = 0, binds = 0;
	if (!sh->checked)
		return;
	for (int i = 0; i < sh->n; i++)
		binds += sh->rows[i].r->sign <= 0;
	fputs("<ul class=\"hl\">\n", f);
	for (int k = 0; k < SG_SHADOW_NCON; k++) {
		const sg_shadow_best *x = &sh->best[k];
		if (x->row < 0)
			continue;
		const sg_shadow_row *d = &sh->rows[x->row];
		int on = sg_shadow_cons[k].on;
		said++;
		fprintf(f, "<li><b>%s, ", con_text[k].title);
		sg_h_esc(f, d->r->name);
		fprintf(f, "</b>: one more %s %s %s%s would lower the total "
			"cost by %s (present value, checked by solving the "
			"plan again with it); scarce in %d of %d quarters."
			"</li>\n", con_text[k].unit, on ? "from" : "in",
			P->qlabel[x->t - 1], on ? " on" : "",
			sg_h_num(b, x->saving), d->nbind, P->T);
	}
	if (!said && binds)
		fputs("<li>One more unit of any one resource alone would not "
		      "lower the cost: where limits bind, others bind with "
		      "them (the table below).</li>\n", f);
	else if (!said)
		fputs("<li>No capacity binds: one more unit of any resource "
		      "would not lower the cost.</li>\n", f);
	fputs("</ul>\n", f);
}

static void heat_cell(FILE *f, double v, double peak)
{
	char b[48];
	if (!(v > SG_SHADOW_EPS)) {
		fputs("<td class=\"z\">0</td>", f);
		return;
	}
	double a = 0.1 + 0.8 * v / peak;
	fprintf(f, "<td%s style=\"background:rgba(0,114,178,%.2f)\">%s</td>",
		a > 0.5 ? " class=\"hot\"" : "", a, sg_h_num(b, v));
}

/* Rows grouped by constraint under a heading row naming its unit. */
static void dual_heat(FILE *f, const sg_plan *P, const sg_shadow_row *d,
		      int n)
{
	fputs("<div class=\"tw\"><table class=\"heat\" id=\"chart-duals\">\n"
	      "<thead><tr><th class=\"l\">Where</th>", f);
	for (int t = 0; t < P->T; t++) /* "2025<br/>Q1": narrow columns */
		fprintf(f, "<th>%.4s<br/>%s</th>", P->qlabel[t],
			P->qlabel[t] + 4);
	fputs("<th>Peak</th></tr></thead>\n<tbody>\n", f);
	for (int i = 0; i < n; i++) {
		if (i == 0 || d[i].con != d[i - 1].con)
			fprintf(f, "<tr class=\"grp\"><th class=\"l\" "
				"colspan=\"%d\">%s <span class=\"ax\">(%s)"
				"</span></th></tr>\n", P->T + 2,
				con_text[d[i].con].title, d[i].r->unit);
		fputs("<tr><th class=\"l\">", f);
		sg_h_esc(f, d[i].r->name);
		fputs("</th>", f);
		for (int t = 0; t < P->T; t++)
			heat_cell(f, d[i].v[t], d[i].peak);
		sg_h_td_num(f, d[i].peak);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

void sg_h_duals(FILE *f, const sg_case *c)
{
	const sg_shadow *sh = c->shadow;
	if (!sh)
		return;
	sg_h_section(f, "duals", "Shadow prices worth acting on",
		     "What one more unit of a resource in a quarter would "
		     "save, in present value (for demand: what one more unit "
		     "of demand would cost), from duals.csv.  Only binding "
		     "constraints are shown, at most four rows each (three "
		     "for demand), those "
		     "with the largest sum over the quarters first (all rows "
		     "are in duals.csv); darker cells are nearer the row's "
		     "peak.  A shadow price holds for a small change; where "
		     "several limits bind at once (a site with neither IT "
		     "space nor grid) it can promise more than one more unit "
		     "saves, so the sentences below are checked by solving "
		     "the plan again.");
	dual_callouts(f, c->plan, sh);
	dual_heat(f, c->plan, sh->rows, sh->n);
	sg_h_section_end(f);
}
