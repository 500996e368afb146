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

static const struct {
	const char *con, *title, *unit;
	int keep;  /* rows shown at most */
	int on;    /* what to offer: 1 more from a quarter on (racks never
		    * retire: a MW for one quarter hosts no rack while the
		    * next binds), 0 in one quarter */
} con_info[] = {
	{ "fab_capacity", "Fab capacity", "wafer start", 4, 0 },
	{ "it_space", "IT space", "MW", 4, 1 },
	{ "grid", "Grid connection", "MW", 4, 1 },
	{ "stock", "Memory stock", "unit", 4, 0 },
	{ "demand", "Compute demand", "unit of compute", 3, 0 },
};
#define NCON 5
#define DUAL_EPS 1e-7 /* shadow prices below this are solver noise */

/* A duals.csv row with its values and how much it matters. */
typedef struct drow {
	sg_dual_row r;
	int con, i;       /* con_info index, row index in duals.csv */
	double *v;        /* [T] shadow price per quarter */
	double peak, sum; /* largest and summed shadow price */
	int nbind;        /* quarters binding */
} drow;

static int drow_cmp(const void *a, const void *b)
{
	const drow *x = a, *y = b;
	if (x->con != y->con)
		return x->con - y->con;
	if (x->sum != y->sum)
		return x->sum > y->sum ? -1 : 1;
	return x->i - y->i;
}

static void drow_fill(const sg_case *c, drow *d)
{
	const sg_plan *P = c->plan;
	d->v = sg_xcalloc((size_t)P->T + 1, sizeof *d->v);
	for (int k = 0; k < NCON; k++)
		if (strcmp(d->r.con, con_info[k].con) == 0)
			d->con = k;
	for (int t = 1; t <= P->T; t++) {
		double v = sg_dual_value(c->md, &c->res, &d->r, t);
		d->v[t - 1] = v;
		d->sum += v > DUAL_EPS ? v : 0;
		d->nbind += v > DUAL_EPS;
		d->peak = fmax(d->peak, v);
	}
}

/* The binding rows, grouped by constraint, largest first, at most
 * con_info[].keep per constraint.  Caller frees with drows_free. */
static drow *dual_rows(const sg_case *c, int *n)
{
	int m = sg_dual_count(c->md), k = 0, seen[NCON] = { 0 };
	sg_dual_row *rw = sg_xcalloc((size_t)m + 1, sizeof *rw);
	drow *d = sg_xcalloc((size_t)m + 1, sizeof *d);
	m = sg_dual_rows(c->md, rw);
	for (int i = 0; i < m; i++) {
		d[k] = (drow){ .r = rw[i], .i = i };
		drow_fill(c, &d[k]);
		if (d[k].peak > DUAL_EPS)
			k++;
		else
			free(d[k].v);
	}
	qsort(d, (size_t)k, sizeof *d, drow_cmp);
	*n = 0;
	for (int i = 0; i < k; i++)
		if (seen[d[i].con]++ < con_info[d[i].con].keep)
			d[(*n)++] = d[i];
		else
			free(d[i].v);
	free(rw);
	return d;
}

static void drows_free(drow *d, int n)
{
	for (int i = 0; i < n; i++)
		free(d[i].v);
	free(d);
}

/* Quarters (1..T) of row x's shadow prices above DUAL_EPS into q, the
 * largest first (ties: the earlier quarter first); returns how many. */
static int ranked_quarters(const drow *x, int T, int *q)
{
	int n = 0;
	for (int t = 1; t <= T; t++) {
		if (!(x->v[t - 1] > DUAL_EPS))
			continue;
		int i = n++;
		for (; i > 0 && x->v[q[i - 1] - 1] < x->v[t - 1]; i--)
			q[i] = q[i - 1];
		q[i] = t;
	}
	return n;
}

/* One sentence per capacity constraint: where one more unit (one more MW
 * from a quarter on, for sites) saves most, among its rows shown at the
 * quarters of their CHECKS largest shadow prices, each checked by solving
 * the plan's LP again with that unit (sg_dual_check; 2 ms each on a 50 x
 * 8 x 40 plan): a shadow price alone can promise a saving that one more
 * unit does not make (data/2025.csv: every IT space and grid dual, up to
 * 11,610 a MW, is such a promise for its quarter alone).  A saving below
 * 1e-9 of the cost is the LPs' rounding. */
#define CHECKS 16
static void dual_callouts(FILE *f, const sg_case *c, const drow *d, int n)
{
	const sg_plan *P = c->plan;
	char b[48];
	int said = 0, binds = 0;
	int *q = sg_xcalloc((size_t)P->T + 1, sizeof *q);
	glp_prob *work = glp_create_prob();
	glp_copy_prob(work, c->md->lp, GLP_OFF);
	double base = sg_lp_simplex(work) == GLP_OPT ? glp_get_obj_val(work)
						     : NAN;
	fputs("<ul class=\"hl\">\n", f);
	for (int k = 0; k < NCON && isfinite(base); k++) {
		double best = fmax(DUAL_EPS, 1e-9 * fabs(base));
		int bi = -1, bt = 0;
		for (int i = 0; i < n; i++) {
			if (d[i].con != k || d[i].r.sign > 0)
				continue;
			binds++;
			int nq = ranked_quarters(&d[i], P->T, q);
			for (int j = 0; j < nq && j < CHECKS; j++) {
				double s = sg_dual_check(work, c->md, base,
					&d[i].r, q[j],
					con_info[k].on ? P->T : q[j]);
				if (s > best)
					best = s, bi = i, bt = q[j];
			}
		}
		if (bi < 0)
			continue;
		said++;
		fprintf(f, "<li><b>%s, ", con_info[k].title);
		sg_h_esc(f, d[bi].r.name);
		fprintf(f, "</b>: one more %s %s %s%s would lower the total "
			"cost by %s (present value, checked by solving the "
			"plan again with it); scarce in %d of %d quarters."
			"</li>\n", con_info[k].unit,
			con_info[k].on ? "from" : "in", P->qlabel[bt - 1],
			con_info[k].on ? " on" : "", sg_h_num(b, best),
			d[bi].nbind, P->T);
	}
	if (!said && binds)
		fputs("<li>One more unit of any one resource alone would not "
		      "lower the cost: where limits bind, others bind with "
		      "them (the table below).</li>\n", f);
	else if (!said)
		fputs("<li>No capacity binds: one more unit of any resource "
		      "would not lower the cost.</li>\n", f);
	fputs("</ul>\n", f);
	glp_delete_prob(work);
	free(q);
}

static void heat_cell(FILE *f, double v, double peak)
{
	char b[48];
	if (!(v > DUAL_EPS)) {
		fputs("<td class=\"z\">0</td>", f);
		return;
	}
	double a = 0.1 + 0.8 * v / peak;
	fprintf(f, "<td%s style=\"background:rgba(0,114,178,%.2f)\">%s</td>",
		a > 0.5 ? " class=\"hot\"" : "", a, sg_h_num(b, v));
}

/* Rows grouped by constraint under a heading row naming its unit. */
static void dual_heat(FILE *f, const sg_plan *P, const drow *d, int n)
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
				con_info[d[i].con].title, d[i].r.unit);
		fputs("<tr><th class=\"l\">", f);
		sg_h_esc(f, d[i].r.name);
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
	int n;
	drow *d = dual_rows(c, &n);
	sg_h_section(f, "duals", "Shadow prices worth acting on",
		     "What one more unit of a resource in a quarter would "
		     "save, in present value (for demand: what one more unit "
		     "of demand would cost), from duals.csv.  Only binding "
		     "constraints are shown, at most four rows each, those "
		     "with the largest sum over the quarters first (all rows "
		     "are in duals.csv); darker cells are nearer the row's "
		     "peak.  A shadow price holds for a small change; where "
		     "several limits bind at once (a site with neither IT "
		     "space nor grid) it can promise more than one more unit "
		     "saves, so the sentences below are checked by solving "
		     "the plan again.");
	dual_callouts(f, c, d, n);
	dual_heat(f, c->plan, d, n);
	sg_h_section_end(f);
	drows_free(d, n);
}
