/*
 * html_svg.c - the text, table and SVG kit of report.html (html_int.h).
 */
#include "html_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/report.h"

const char *const sg_h_color[SG_H_NCOLOR] = {
	"#0072b2", "#e69f00", "#009e73", "#cc79a7",
	"#56b4e9", "#8c6d31", "#6b7280", "#d55e00"
};

/* --- text ---------------------------------------------------------------- */

void sg_h_esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: putc(*s, f);
		}
	}
}

/* Copy the digits of raw (no sign) into out with a comma every three
 * digits of the integer part. */
static void group(char *out, const char *raw)
{
	const char *dot = strchr(raw, '.');
	size_t ni = dot ? (size_t)(dot - raw) : strlen(raw);
	for (size_t i = 0; i < ni; i++) {
		*out++ = raw[i];
		if ((ni - 1 - i) % 3 == 0 && i + 1 < ni)
			*out++ = ',';
	}
	strcpy(out, dot ? dot : "");
}

const char *sg_h_num(char buf[48], double v)
{
	double a = fabs(v);
	char raw[40];
	if (!isfinite(v))
		return strcpy(buf, "\xe2\x80\x93");
	if (a < 1e-9)
		return strcpy(buf, "0");
	if (a < 1e-3 || a >= 1e21)
		snprintf(raw, sizeof raw, "%.2g", a);
	else
		snprintf(raw, sizeof raw, "%.*f",
			 a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3, a);
	char *o = buf;
	if (v < 0 && strspn(raw, "0.") != strlen(raw))
		o += sprintf(o, "\xe2\x88\x92"); /* U+2212 minus */
	if (strchr(raw, 'e'))
		strcpy(o, raw);
	else
		group(o, raw);
	return buf;
}

const char *sg_h_short(char buf[48], double v)
{
	static const struct {
		double d;
		const char *s;
	} u[] = { { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" } };
	double a = fabs(v);
	for (int i = 0; i < 4; i++)
		if (a >= u[i].d) {
			snprintf(buf, 48, "%s%.3g%s", v < 0 ? "-" : "",
				 a / u[i].d, u[i].s);
			return buf;
		}
	snprintf(buf, 48, "%.3g", v);
	return buf;
}

const char *sg_h_gap(char buf[48], double gap)
{
	char d[48];
	if (!isfinite(gap))
		return strcpy(buf, "\xe2\x80\x93");
	snprintf(buf, 48, "%s %%", sg_fmt_sig2(d, 100 * gap));
	return buf;
}

const char *sg_h_pct(char buf[48], double frac)
{
	double p = 100 * frac;
	if (!isfinite(p))
		return strcpy(buf, "\xe2\x80\x93");
	if (fabs(p) < 5e-5) /* 0.00005 %: nothing a reader needs */
		p = 0;
	if (fabs(p) < 10 && p != 0) {
		char d[48];
		snprintf(buf, 48, "%s %%", sg_fmt_sig2(d, p));
		return buf;
	}
	/* 99.996 % served is not 100.0 % */
	int d = 1;
	while (d < 6 && fabs(p) < 100 && fabs(p) >= 100 - 0.5 * pow(10, -d))
		d++;
	if (fabs(p) < 100 && fabs(p) >= 100 - 0.5e-6) /* not even then */
		p = copysign(99.999999, p);
	snprintf(buf, 48, "%.*f %%", d, p);
	return buf;
}

void sg_h_section(FILE *f, const char *id, const char *title,
		  const char *lead)
{
	fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
	if (lead)
		fprintf(f, "<p class=\"lead\">%s</p>\n", lead);
}

void sg_h_section_end(FILE *f)
{
	fputs("</section>\n", f);
}

/* --- tables -------------------------------------------------------------- */

void sg_h_td_num(FILE *f, double v)
{
	char b[48];
	fprintf(f, "<td>%s</td>", sg_h_num(b, v));
}

static int same_group(const sg_hcol *a, const sg_hcol *b)
{
	return a->group && b->group && strcmp(a->group, b->group) == 0;
}

static void swatch(FILE *f, const char *color)
{
	if (color)
		fprintf(f, "<span class=\"sw\" style=\"background:%s\"></span>",
			color);
}

/* The header: a row of groups (when any), then the columns' headings. */
static void qtable_head(FILE *f, const sg_hcol *c, int n)
{
	int any = 0;
	for (int i = 0; i < n; i++)
		any |= c[i].group != NULL;
	fputs("<thead>\n", f);
	if (any) {
		fputs("<tr><th></th>", f);
		for (int i = 0, j; i < n; i = j) {
			for (j = i + 1; j < n && same_group(&c[i], &c[j]); j++)
				;
			fprintf(f, "<th class=\"g\" colspan=\"%d\">", j - i);
			swatch(f, c[i].group ? c[i].color : NULL);
			sg_h_esc(f, c[i].group ? c[i].group : "");
			fputs("</th>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("<tr><th class=\"l\">Quarter</th>", f);
	for (int i = 0; i < n; i++) {
		fputs("<th>", f);
		swatch(f, c[i].group ? NULL : c[i].color);
		fprintf(f, "%s</th>", c[i].what);
	}
	fputs("</tr>\n</thead>\n", f);
}

void sg_h_qtable(FILE *f, const sg_plan *P, const char *id,
		 const sg_hcol *c, int n)
{
	int tot = 0;
	fputs("<div class=\"tw\"><table class=\"q\"", f);
	if (id)
		fprintf(f, " id=\"%s\"", id);
	fputs(">\n", f);
	qtable_head(f, c, n);
	fputs("<tbody>\n", f);
	for (int t = 0; t < P->T; t++) {
		fprintf(f, "<tr><th class=\"l\">%s</th>", P->qlabel[t]);
		for (int i = 0; i < n; i++)
			sg_h_td_num(f, c[i].v[t]);
		fputs("</tr>\n", f);
	}
	for (int i = 0; i < n; i++)
		tot |= c[i].total;
	if (tot) {
		fputs("<tr class=\"tot\"><th class=\"l\">Total</th>", f);
		for (int i = 0; i < n; i++)
			if (c[i].total)
				sg_h_td_num(f, c[i].total == 2 ? c[i].v[P->T] :
					    sg_h_sum(c[i].v, P->T));
			else
				fputs("<td></td>", f);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

void sg_h_legend_begin(FILE *f)
{
	fputs("<p class=\"legend\">", f);
}

static void key_swatch(FILE *f, const char *color, int kind)
{
	static const char *const cls[] = { "sw", "ln", "ln d", "sw h" };
	fprintf(f, "<span class=\"key\"><span class=\"%s\" style=\"%s:%s\">"
		"</span>", cls[kind], kind == 0 ? "background" :
		kind == 3 ? "color" : "border-color", color);
}

void sg_h_key(FILE *f, const char *color, int kind, const char *html)
{
	key_swatch(f, color, kind);
	fprintf(f, "%s</span>", html);
}

void sg_h_key_name(FILE *f, const char *color, int kind, const char *name)
{
	key_swatch(f, color, kind);
	sg_h_esc(f, name);
	fputs("</span>", f);
}

void sg_h_legend_end(FILE *f)
{
	fputs("</p>\n", f);
}

/* --- SVG ----------------------------------------------------------------- */

void sg_h_svg_begin(FILE *f, const char *id, int W, int H,
		    const char *title)
{
	fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"", f);
	if (id)
		fprintf(f, " id=\"%s\"", id);
	fprintf(f, " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"%s\">\n", W, H, W, H, title);
}

void sg_h_svg_end(FILE *f)
{
	fputs("</svg>\n", f);
}

/* A round axis top >= v (a step of 1, 2 or 5 times a power of ten times
 * 3 to 5 ticks) and its number of ticks. */
static double nice(double v, int *nticks)
{
	static const struct {
		double top;
		int ticks;
	} s[] = { { 1, 5 }, { 1.5, 3 }, { 2, 4 }, { 2.5, 5 }, { 3, 3 },
		  { 4, 4 }, { 5, 5 }, { 6, 3 }, { 8, 4 }, { 10, 5 } };
	if (!(v > 0) || !isfinite(v))
		v = 1;
	double e = pow(10, floor(log10(v)));
	double m = v / e * (1 - 1e-12);
	int i = 0;
	while (i < 9 && m > s[i].top)
		i++;
	*nticks = s[i].ticks;
	return s[i].top * e;
}

void sg_h_frame(sg_hchart *c, int W, int H, int n, double max)
{
	c->x = 64;
	c->y = 22;
	c->w = W - c->x - 12;
	c->h = H - c->y - 40;
	c->n = n < 1 ? 1 : n;
	c->hi = nice(max, &c->nticks);
}

double sg_h_x(const sg_hchart *c, int t)
{
	return c->x + (t - 1) * c->w / c->n;
}

double sg_h_bw(const sg_hchart *c)
{
	return c->w / c->n;
}

double sg_h_y(const sg_hchart *c, double v)
{
	double y = c->y + c->h * (1 - v / c->hi);
	return y < c->y - 4 ? c->y - 4 : y > c->y + c->h ? c->y + c->h : y;
}

static void y_axis(FILE *f, const sg_hchart *c, const char *unit)
{
	char b[48];
	for (int i = 0; i <= c->nticks; i++) {
		double v = c->hi * i / c->nticks, y = sg_h_y(c, v);
		fprintf(f, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" "
			"x2=\"%.1f\" y2=\"%.1f\"/>\n", i ? "grid" : "base",
			c->x, y, c->x + c->w, y);
		sg_h_text(f, c->x - 6, y + 4, "end", "ax", sg_h_short(b, v));
	}
	fprintf(f, "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" "
		"text-anchor=\"end\">%s</text>\n", c->x - 6, c->y - 10, unit);
}

void sg_h_axes(FILE *f, const sg_hchart *c, const sg_plan *P,
	       const char *unit)
{
	y_axis(f, c, unit);
	sg_h_xaxis(f, c, P, c->y, c->y + c->h);
}

void sg_h_xaxis(FILE *f, const sg_hchart *c, const sg_plan *P, double top,
		double yb)
{
	double bw = sg_h_bw(c);
	for (int t = 1; t <= c->n; t++) {
		int q = (P->q0 - 1 + t - 1) % 4 + 1;
		int yr = P->year0 + (P->q0 - 1 + t - 1) / 4;
		double x = sg_h_x(c, t);
		char b[16];
		if (bw >= 22) {
			snprintf(b, sizeof b, "Q%d", q);
			sg_h_text(f, x + bw / 2, yb + 14, "middle", "ax", b);
		}
		if (q != 1 && t != 1)
			continue;
		if (t != 1)
			fprintf(f, "<line class=\"yr\" x1=\"%.1f\" y1=\"%.1f\" "
				"x2=\"%.1f\" y2=\"%.1f\"/>\n", x, top, x,
				yb + 30);
		snprintf(b, sizeof b, "%d", yr);
		sg_h_text(f, x + 3, yb + 30, "start", "ax yl", b);
	}
}

void sg_h_rect(FILE *f, double x, double y, double w, double h,
	       const char *fill, const char *extra)
{
	if (h < 0) {
		y += h;
		h = -h;
	}
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
		" fill=\"%s\"%s%s/>\n", x, y, w, h, fill, extra ? " " : "",
		extra ? extra : "");
}

void sg_h_bar(FILE *f, const sg_hchart *c, int t, double y0, double y1,
	      double off, double width, const char *fill)
{
	double bw = sg_h_bw(c), a = sg_h_y(c, y0), b = sg_h_y(c, y1);
	if (fabs(a - b) < 0.05)
		return;
	sg_h_rect(f, sg_h_x(c, t) + off * bw, b, width * bw, a - b, fill,
		  NULL);
}

void sg_h_line(FILE *f, const sg_hchart *c, const double *v,
	       const char *color, int step, int dashed)
{
	double bw = sg_h_bw(c);
	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
		"%s points=\"", color,
		dashed ? " stroke-dasharray=\"6 4\"" : "");
	for (int t = 1; t <= c->n; t++) {
		double x = sg_h_x(c, t), y = sg_h_y(c, v[t - 1]);
		/* one quarter alone: across its width, or nothing shows */
		if (step || c->n == 1)
			fprintf(f, "%.1f,%.1f %.1f,%.1f ", x, y, x + bw, y);
		else
			fprintf(f, "%.1f,%.1f ", x + bw / 2, y);
	}
	fputs("\"/>\n", f);
}

void sg_h_band(FILE *f, const sg_hchart *c, const double *lo,
	       const double *hi, const char *color, double opacity)
{
	double bw = sg_h_bw(c);
	fprintf(f, "<polygon fill=\"%s\" fill-opacity=\"%.2f\" points=\"",
		color, opacity);
	if (c->n == 1) { /* one quarter alone: a box across its width */
		double x = sg_h_x(c, 1), y0 = sg_h_y(c, lo[0]),
		       y1 = sg_h_y(c, hi[0]);
		fprintf(f, "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f ", x, y1,
			x + bw, y1, x + bw, y0, x, y0);
	}
	for (int t = 1; c->n > 1 && t <= c->n; t++)
		fprintf(f, "%.1f,%.1f ", sg_h_x(c, t) + bw / 2,
			sg_h_y(c, hi[t - 1]));
	for (int t = c->n; c->n > 1 && t >= 1; t--)
		fprintf(f, "%.1f,%.1f ", sg_h_x(c, t) + bw / 2,
			sg_h_y(c, lo[t - 1]));
	fputs("\"/>\n", f);
}

void sg_h_text(FILE *f, double x, double y, const char *anchor,
	       const char *cls, const char *html)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		"class=\"%s\">%s</text>\n", x, y, anchor, cls, html);
}

/* Bytes of the first n code points of UTF-8 s. */
static size_t utf8_prefix(const char *s, int n)
{
	size_t i = 0;
	for (int k = 0; s[i] && k < n; k++)
		do
			i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

void sg_h_text_name(FILE *f, double x, double y, const char *anchor,
		    const char *cls, const char *name, int maxch)
{
	size_t cut = utf8_prefix(name, maxch - 1);
	int longer = name[utf8_prefix(name, maxch)] != 0;
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		"class=\"%s\"><title>", x, y, anchor, cls);
	sg_h_esc(f, name);
	fputs("</title>", f);
	if (longer) {
		char *s = sg_xmalloc(cut + 1);
		memcpy(s, name, cut);
		s[cut] = 0;
		sg_h_esc(f, s);
		fputs("\xe2\x80\xa6", f); /* ellipsis */
		free(s);
	} else {
		sg_h_esc(f, name);
	}
	fputs("</text>\n", f);
}

/* The smallest and largest finite value of the bars, with 0 between. */
static void hbar_range(const sg_hbar *b, int n, double *lo, double *hi)
{
	*lo = *hi = 0;
	for (int i = 0; i < n; i++)
		if (isfinite(b[i].v)) {
			*lo = fmin(*lo, b[i].v);
			*hi = fmax(*hi, b[i].v);
		}
}

void sg_h_hbars(FILE *f, const char *id, const char *title,
		const sg_hbars *g, const sg_hbar *b, int n)
{
	double lo, hi;
	hbar_range(b, n, &lo, &hi);
	double k = hi > lo ? g->wmax / (hi - lo) : 0, zx = g->x0 - lo * k;
	int H = n * g->row + 12;
	sg_h_svg_begin(f, id, g->W, H, title);
	if (lo < 0)
		fprintf(f, "<line class=\"base\" x1=\"%.1f\" y1=\"4\" "
			"x2=\"%.1f\" y2=\"%d\"/>\n", zx, zx, H - 4);
	for (int i = 0; i < n; i++) {
		double y = 6 + i * g->row, ty = y + g->row / 2.0 + 4;
		int ok = isfinite(b[i].v);
		double w = ok ? fabs(b[i].v) * k : 0;
		sg_h_text_name(f, g->x0 - 10, ty, "end", "lbl", b[i].name,
			       g->maxch);
		if (w >= 0.5)
			sg_h_rect(f, b[i].v < 0 ? zx - w : zx, y + 4, w,
				  g->row - 8, b[i].fill, "rx=\"2\"");
		sg_h_text(f, zx + (ok && b[i].v > 0 ? w : 0) + 8, ty,
			  "start", ok ? "val" : "val dim", b[i].note);
	}
	sg_h_svg_end(f);
}

/* --- data ---------------------------------------------------------------- */

double *sg_h_series(const sg_case *c, sg_h_qfn fn, int i)
{
	int T = c->plan->T;
	double *v = sg_xcalloc((size_t)T + 1, sizeof *v);
	for (int t = 1; t <= T; t++)
		v[t - 1] = fn(c->md, c->res.x, i, t);
	return v;
}

double sg_h_max(const double *v, int n)
{
	double m = 0;
	for (int i = 0; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

double sg_h_sum(const double *v, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}
