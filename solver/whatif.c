/*
 * whatif.c - solved cases and the whatif.csv comparison table.
 */
#include "sgplan/whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sgplan/common.h"
#include "sgplan/report.h"
#include "sgplan/risk.h"
#include "sgplan/stochastic.h"
#include "sgplan/trust.h"

void sg_case_free(sg_case *c)
{
	sg_stoch_free(c->stoch);
	sg_ranging_free(c->ranging);
	sg_explain_free(c->explain);
	sg_shadow_free(c->shadow);
	sg_result_free(&c->res);
	sg_risk_free(c->risk);
	sg_model_free(c->md);
	sg_plan_free(c->plan);
	free(c->name);
	memset(c, 0, sizeof *c);
}

static const char *const report_names[] = {
	"summary.csv", "quarterly.csv", "builds.csv", "duals.csv",
	"ranging.csv", "explain.csv", "risk.csv", "whatif.csv",
	"stochastic.csv", "report.html", ".sgplan-files"
};

const char *sg_report_name_at(int k)
{
	return k >= 0 && (size_t)k < sizeof report_names /
				     sizeof *report_names ? report_names[k] :
	       NULL;
}

int sg_report_name(const char *s)
{
	for (int k = 0; sg_report_name_at(k); k++)
		if (strcmp(s, report_names[k]) == 0)
			return 1;
	return 0;
}

/* Names a case folder may not take: "base", and what the base's folder
 * holds besides the cases (a --dump-scenario file: scenario-I.csv). */
static int reserved(const char *s)
{
	return strcmp(s, "base") == 0 || sg_report_name(s) ||
	       sg_is_scenario_file(s);
}

const char *sg_whatif_stem(const char *path, size_t *len)
{
	const char *b = sg_path_base(path);
	*len = strlen(b);
	if (*len > 4 && strcasecmp(b + *len - 4, ".csv") == 0)
		*len -= 4;
	return b;
}

char **sg_whatif_names(const char *const *paths, int n)
{
	char **v = sg_xcalloc((size_t)n + 1, sizeof *v);
	for (int i = 0; i < n; i++) {
		size_t len;
		const char *b = sg_whatif_stem(paths[i], &len);
		/* a folder name, one level below the reports, and a
		 * header of whatif.csv: no "." or "..", no control
		 * character (a newline in a file name; C1 ones and a
		 * byte-order mark too, 2026-12-08), UTF-8 (a Latin-1 file
		 * name): each such character one '_' */
		char *stem = sg_xmalloc(len + 8);
		snprintf(stem, len + 8, "%.*s", (int)len, b);
		unsigned char *u = (unsigned char *)stem;
		size_t o = 0;
		for (size_t k = 0, m = strlen(stem); k < m;) {
			size_t c = sg_utf8_len(u, m, k);
			int bad = c == 0 || u[k] < 0x20 || u[k] == 0x7f ||
				  (c == 2 && u[k] == 0xc2 && u[k + 1] < 0xa0) ||
				  (c == 3 && !memcmp(u + k, "\xef\xbb\xbf", 3));
			if (bad)
				u[o++] = '_';
			else
				memmove(u + o, u + k, c), o += c;
			k += c ? c : 1;
		}
		u[o] = 0;
		if (!*stem || strcmp(stem, ".") == 0 ||
		    strcmp(stem, "..") == 0)
			strcpy(stem, "case");
		size_t m = strlen(stem) + 24;
		char *s = sg_xmalloc(m);
		snprintf(s, m, "%s", stem);
		for (int k = 2;; k++) {
			int clash = reserved(s);
			for (int j = 0; j < i && !clash; j++)
				clash = strcmp(v[j], s) == 0;
			if (!clash)
				break;
			snprintf(s, m, "%s-%d", stem, k);
		}
		free(stem);
		v[i] = s;
	}
	return v;
}

typedef double (*metric_fn)(const sg_case *c, int idx);

static double m_total(const sg_case *c, int i)
{
	(void)i;
	return c->res.total_cost;
}

/* cost terms in summary.csv order */
static double m_cost(const sg_case *c, int i)
{
	return c->res.costs.v[i];
}

static double m_unserved(const sg_case *c, int i)
{
	(void)i;
	return c->res.unserved;
}

static double m_shortfall(const sg_case *c, int i)
{
	(void)i;
	return c->res.shortfall;
}

/* nominal capex of the options the plan builds */
static double m_capex(const sg_case *c, int i)
{
	const sg_plan *P = c->plan;
	double s = 0;
	(void)i;
	for (int k = 0; k < P->nopt; k++)
		if (!P->opt[k].committed &&
		    sg_option_online(c->md, c->res.x, k) > 0)
			s += P->opt[k].capex;
	return s;
}

static const char *const cost_names[] = {
	"cost_wafers", "cost_holding", "cost_racks", "cost_energy",
	"cost_serving", "cost_unserved", "cost_shortfall", "cost_opex",
	"cost_capex"
};

static void row(FILE *f, const char *name, const sg_case *c, int n,
		metric_fn fn, int idx)
{
	fputs(name, f);
	for (int i = 0; i < n; i++) {
		putc(',', f);
		sg_csv_num(f, fn(&c[i], idx));
	}
	putc('\n', f);
}

static int find_site(const sg_plan *P, const char *name)
{
	for (int s = 0; s < P->nsite; s++)
		if (strcmp(P->site[s].name, name) == 0)
			return s;
	return -1;
}

static int find_option(const sg_plan *P, const char *name)
{
	for (int k = 0; k < P->nopt; k++)
		if (strcmp(P->opt[k].name, name) == 0)
			return k;
	return -1;
}

static void site_row(FILE *f, const sg_case *c, int n, const char *name)
{
	sg_csv_pair(f, "peak_grid_used", name);
	for (int i = 0; i < n; i++) {
		int s = find_site(c[i].plan, name);
		putc(',', f);
		if (s < 0)
			continue;
		double peak = 0;
		for (int t = 1; t <= c[i].plan->T; t++)
			peak = fmax(peak, sg_site_grid_used(c[i].md,
							    c[i].res.x, s, t));
		sg_csv_num(f, peak);
	}
	putc('\n', f);
}

static void option_row(FILE *f, const sg_case *c, int n, const char *name)
{
	sg_csv_pair(f, "online", name);
	for (int i = 0; i < n; i++) {
		const sg_plan *P = c[i].plan;
		int k = find_option(P, name);
		putc(',', f);
		if (k < 0 || sg_option_online(c[i].md, c[i].res.x, k) == 0)
			continue;
		sg_csv_label(f, P, P->opt[k].committed ? P->opt[k].earliest :
				   sg_option_online(c[i].md, c[i].res.x, k));
	}
	putc('\n', f);
}

/* Has an earlier case (or earlier entity of case i) this name? */
static int seen_site(const sg_case *c, int i, int s)
{
	for (int j = 0; j < i; j++)
		if (find_site(c[j].plan, c[i].plan->site[s].name) >= 0)
			return 1;
	return 0;
}

static int seen_option(const sg_case *c, int i, int k)
{
	for (int j = 0; j < i; j++)
		if (find_option(c[j].plan, c[i].plan->opt[k].name) >= 0)
			return 1;
	return 0;
}

int sg_whatif_write(FILE *f, const sg_case *c, int n)
{
	fputs("metric", f);
	for (int i = 0; i < n; i++) {
		putc(',', f);
		sg_csv_text(f, c[i].name);
	}
	putc('\n', f);
	row(f, "total_cost", c, n, m_total, 0);
	for (int k = 0; k < 9; k++)
		row(f, cost_names[k], c, n, m_cost, k);
	row(f, "unserved_compute", c, n, m_unserved, 0);
	row(f, "contract_shortfall", c, n, m_shortfall, 0);
	row(f, "capex", c, n, m_capex, 0);
	for (int i = 0; i < n; i++)
		for (int s = 0; s < c[i].plan->nsite; s++)
			if (!seen_site(c, i, s))
				site_row(f, c, n, c[i].plan->site[s].name);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < c[i].plan->nopt; k++)
			if (!seen_option(c, i, k))
				option_row(f, c, n, c[i].plan->opt[k].name);
	return ferror(f) ? -1 : 0;
}
