/*
 * html_int.h - internals of report.html (solver/html*.c): escaping and
 * number formatting for people, HTML tables of quarterly series, and a
 * small SVG chart kit whose x axis is the plan's quarters.
 *
 * Everything writes to the FILE * it is handed, as XHTML-compatible HTML5:
 * every element closed, attributes quoted, no entity beyond XML's five, so
 * the page parses as XML too.  Text arguments named `name` are raw entity
 * names and are escaped here; arguments named `html` are trusted markup
 * written as is (literals of the report, never input data).
 */
#ifndef SGPLAN_HTML_INT_H
#define SGPLAN_HTML_INT_H

#include <stdio.h>

#include "sgplan/engine.h"
#include "sgplan/whatif.h"

/* Colour-blind-safe series colours (Okabe-Ito order, then greys). */
#define SG_H_NCOLOR 8
extern const char *const sg_h_color[SG_H_NCOLOR];
#define SG_H_RED "#c0392b"  /* unserved, shortfall */
#define SG_H_INK "#1f2937"  /* lines drawn over bars */
#define SG_H_GREY "#9ca3af" /* not built, committed */
/* Hatch patterns defined once at the top of the page (html.c). */
#define SG_H_HATCH_RED "url(#sg-hatch-red)"
#define SG_H_HATCH_BLUE "url(#sg-hatch-blue)"
#define SG_H_HATCH_GREY "url(#sg-hatch-grey)"

/* --- text --------------------------------------------------------------- */
void sg_h_esc(FILE *f, const char *name);
/* v for a reader: thousands separators, precision by size, a true minus
 * sign, "–" when not finite.  Returns buf. */
const char *sg_h_num(char buf[48], double v);
/* v for an axis: 950, 1.2k, 35M, 1.29B.  Returns buf. */
const char *sg_h_short(char buf[48], double v);
/* "1.25 %" of a fraction. Returns buf. */
const char *sg_h_pct(char buf[48], double frac);
/* A MIP gap as a percent, as stdout prints it ("0.0053 %", "0.00009 %";
 * none: an en dash). */
const char *sg_h_gap(char buf[48], double gap);

/* <section id=..><h2>html</h2><p class="lead">html</p> (lead may be NULL);
 * close with sg_h_section_end. */
void sg_h_section(FILE *f, const char *id, const char *title,
		  const char *lead);
void sg_h_section_end(FILE *f);

/* --- tables of quarterly series ------------------------------------------ */
/* One column of a quarterly table: quarters run down the rows. */
typedef struct sg_hcol {
	const char *group; /* entity name over the column (escaped; columns
			      in a row with the same group share it), or
			      NULL */
	const char *what;  /* the column's heading (html) */
	const char *color; /* swatch before the group (or heading), or NULL */
	const double *v;   /* [T] values, [T+1] with total 2 */
	int total;         /* bottom row: 0 empty, 1 sum of v, 2 v[T] */
} sg_hcol;

/* <table> with a row per quarter and a column per c[i] (id may be NULL);
 * a Total row when any column has a total. */
void sg_h_qtable(FILE *f, const sg_plan *P, const char *id,
		 const sg_hcol *c, int n);
void sg_h_td_num(FILE *f, double v); /* <td>sg_h_num(v)</td> */

/* A legend line: keys in a <p class="legend">. kind 0 box, 1 line, 2
 * dashed line, 3 hatched box. */
void sg_h_legend_begin(FILE *f);
void sg_h_key(FILE *f, const char *color, int kind, const char *html);
void sg_h_key_name(FILE *f, const char *color, int kind, const char *name);
void sg_h_legend_end(FILE *f);

/* --- SVG ------------------------------------------------------------------ */
typedef struct sg_hchart {
	double x, y, w, h; /* plot area in user units */
	double hi;         /* top of the y axis; the bottom is 0 */
	int nticks;        /* y grid lines above 0 */
	int n;             /* x slots: quarters 1..n of the plan */
} sg_hchart;

/* <svg> of W x H user units, scaled to the page width by CSS; id may be
 * NULL; title (html) is its accessible name. */
void sg_h_svg_begin(FILE *f, const char *id, int W, int H,
		    const char *title);
void sg_h_svg_end(FILE *f);
/* The plot area of a W x H svg with room for axis labels, its y axis from
 * 0 to a round number >= max (1 when max <= 0), n quarters. */
void sg_h_frame(sg_hchart *c, int W, int H, int n, double max);
double sg_h_x(const sg_hchart *c, int t); /* left edge of quarter t (1..n) */
double sg_h_bw(const sg_hchart *c);        /* width of one quarter */
double sg_h_y(const sg_hchart *c, double v);
/* Grid lines, y labels (with unit, html) and quarter/year labels. */
void sg_h_axes(FILE *f, const sg_hchart *c, const sg_plan *P,
	       const char *unit);
/* Quarter and year labels below y = yb, year rules from top to yb. */
void sg_h_xaxis(FILE *f, const sg_hchart *c, const sg_plan *P, double top,
		double yb);
/* A bar of quarter t from value y0 to y1, at offset/width fractions of the
 * quarter's slot; fill a colour or a pattern of the page (SG_H_HATCH_*). */
void sg_h_bar(FILE *f, const sg_hchart *c, int t, double y0, double y1,
	      double off, double width, const char *fill);
/* A line through v[0..n-1] at the slot centres; step: a staircase over
 * each whole slot instead (so is a line of one slot). dashed: drawn
 * dashed. */
void sg_h_line(FILE *f, const sg_hchart *c, const double *v,
	       const char *color, int step, int dashed);
/* A filled band between lo[] and hi[] at the slot centres (of one slot:
 * a box across it). */
void sg_h_band(FILE *f, const sg_hchart *c, const double *lo,
	       const double *hi, const char *color, double opacity);
void sg_h_rect(FILE *f, double x, double y, double w, double h,
	       const char *fill, const char *extra);
/* <text> at x,y: anchor start|middle|end, cls a CSS class; the text is
 * the html argument or, when name, an escaped name. */
void sg_h_text(FILE *f, double x, double y, const char *anchor,
	       const char *cls, const char *html);
void sg_h_text_name(FILE *f, double x, double y, const char *anchor,
		    const char *cls, const char *name, int maxch);

/* A horizontal bar chart: one row per bar, its label before it, the bar
 * from zero (negative values to the left of a zero line) and a note after
 * it; from the smallest value (or 0) to the largest, the bars span wmax. */
typedef struct sg_hbar {
	const char *name; /* label (escaped, cut to maxch characters) */
	double v;         /* length; not finite: no bar, the note dimmed */
	const char *fill; /* a colour or a pattern of the page */
	const char *note; /* after the bar (html) */
} sg_hbar;

typedef struct sg_hbars {
	int W;       /* width of the svg; its height is n * row + 12 */
	double x0;   /* labels end 10 units before x0, bars start there */
	double wmax; /* width the bars span */
	int row;     /* height of a row, the bar row - 8 */
	int maxch;   /* labels longer than this are cut */
} sg_hbars;

/* The chart as an <svg> (id may be NULL; title html, its name). */
void sg_h_hbars(FILE *f, const char *id, const char *title,
		const sg_hbars *g, const sg_hbar *b, int n);

/* --- data ----------------------------------------------------------------- */
/* A quarterly series v[0..T-1] = fn(md, x, i, t), malloc'd. */
typedef double (*sg_h_qfn)(const sg_model *md, const double *x, int i,
			   int t);
double *sg_h_series(const sg_case *c, sg_h_qfn fn, int i);
double sg_h_max(const double *v, int n);
double sg_h_sum(const double *v, int n);

/* The nine cost terms in summary.csv order: names for people, colours,
 * and the values of a split. */
extern const char *const sg_h_term[9];
extern const char *const sg_h_term_color[9];
void sg_h_cost_terms(const sg_costs *k, double v[9]);

/* Sections of the page written by html_plan.c: option timing (Gantt),
 * cost breakdown, shadow prices. */
void sg_h_gantt(FILE *f, const sg_case *c);
void sg_h_costs(FILE *f, const sg_case *c);
void sg_h_duals(FILE *f, const sg_case *c);

/* Sections written by html_cmp.c: fan charts (base risk) and the what-if
 * comparison. */
void sg_h_fans(FILE *f, const sg_case *c);
void sg_h_compare(FILE *f, const sg_case *c, int n);

/* Section written by html_why.c: why these builds (--explain), when the
 * case holds explain's results. */
void sg_h_explain(FILE *f, const sg_case *c);

#endif
