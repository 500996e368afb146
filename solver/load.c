/*
 * load.c - the plan loader of plan.h: entry points, and phase 3, which turns
 * the merged rows into an sg_plan (numbers, series, references).  See
 * load_int.h for the phases and the memory rules.
 */
#include "sgplan/plan.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load_int.h"

int sg_ld_nerr(const ld *L)
{
	return sg_diag_nerrors(L->dg) - L->nerr0;
}

char *sg_ld_owner(ld *L, const ld_row *r)
{
	const char *s = sg_ld_secname[r->sec];
	size_t n = strlen(s) + strlen(r->name) + 8;
	char *b = sg_arena_alloc(L->scr, n);

	if (r->sec == SEC_PLAN)
		snprintf(b, n, "plan");
	else
		snprintf(b, n, "%s '%s'", s, r->name);
	return b;
}

/* ---- numbers ---------------------------------------------------------- */

static int digits(const char **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9')
		(*p)++, n++;
	return n;
}

/* plan.h */
int sg_parse_number(const char *s, double *v)
{
	const char *p = s;
	int n;

	if (*p == '+' || *p == '-')
		p++;
	n = digits(&p);
	if (*p == '.') {
		p++;
		n += digits(&p);
	}
	if (n == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (digits(&p) == 0)
			return -1;
	}
	if (*p)
		return -1;
	*v = strtod(s, NULL);
	return isfinite(*v) ? 0 : -2;
}

static const char *gives(ld *L, const ld_fld *f, double v)
{
	char *b;

	if (f->s[0] != '*')
		return "";
	b = sg_arena_alloc(L->scr, 48);
	snprintf(b, 48, " (it gives %g)", v);
	return b;
}

static int range_err(ld *L, const ld_fld *f, double v, const char *what)
{
	return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' must be %s%s",
			     f->s, f->col, what, gives(L, f, v));
}

/* A count of quarters as kept: at most SG_QUARTERS_MAX. */
static int quarters(double v)
{
	return v > SG_QUARTERS_MAX ? SG_QUARTERS_MAX : (int)v;
}

static int range_check(ld *L, const ld_attr *a, const ld_fld *f, double v)
{
	char b[80];

	if (a->vk == VK_BOOL && v != 0 && v != 1)
		return range_err(L, f, v, "0 or 1");
	if (a->vk == VK_INT && v < 0)
		return range_err(L, f, v, ">= 0");
	if (a->vk == VK_INT && v != floor(v))
		return range_err(L, f, v, "a whole number");
	if (a->vk == VK_INT && v > a->hi) {
		snprintf(b, sizeof b, "at most %.0f", a->hi);
		return range_err(L, f, v, b);
	}
	if (a->vk != VK_NUM)
		return 0;
	if (isfinite(a->hi) && (v < a->lo || v > a->hi)) {
		/* load_factor 80: a percent typed as a number (whole, 5 to
		 * 100: a correlation of 2 is no percent) */
		if (a->hi == 1 && v >= 5 && v <= 100 && v == floor(v))
			snprintf(b, sizeof b, "between %g and %g (%g%% is %g)",
				 a->lo, a->hi, v, v / 100);
		else
			snprintf(b, sizeof b, "between %g and %g", a->lo,
				 a->hi);
		return range_err(L, f, v, b);
	}
	if (a->lo_open ? !(v > a->lo) : !(v >= a->lo)) {
		snprintf(b, sizeof b, "%s %g", a->lo_open ? ">" : ">=", a->lo);
		return range_err(L, f, v, b);
	}
	if (v > SG_NUM_MAX)
		return range_err(L, f, v, "at most 1e150 (state it in larger "
				 "units)");
	/* a number of the model, not a setting (a mip_gap or volatility
	 * of 1e-200 is as small as the planner likes; 2026-12-08, a
	 * review) */
	if (v != 0 && fabs(v) < SG_NUM_MIN && a->sec != SEC_PLAN &&
	    a->sec != SEC_UNC)
		return range_err(L, f, v, "0 or at least 1e-150 (state it in "
				 "smaller units)");
	return 0;
}

int sg_ld_factor(const char *s, double *v)
{
	s++;
	return sg_parse_number(s + strspn(s, " \t"), v);
}

/* s without a currency sign before or after it, into t (n+1 bytes);
 * whether there was one. */
static int strip_currency(const char *s, char *t)
{
	static const char *const cur[] = { "$", "\xe2\x82\xa9", "\xe2\x82\xac",
					   "\xc2\xa3", "\xc2\xa5" };
	size_t n = strlen(s);
	for (size_t i = 0; i < sizeof cur / sizeof *cur; i++) {
		size_t m = strlen(cur[i]);
		if (n > m && strncmp(s, cur[i], m) == 0) {
			memcpy(t, s + m, n - m + 1);
			return 1;
		}
		if (n > m && strcmp(s + n - m, cur[i]) == 0) {
			memcpy(t, s, n - m);
			t[n - m] = 0;
			return 1;
		}
	}
	memcpy(t, s, n + 1);
	return 0;
}

/* What a spreadsheet user most likely meant by s, which is not a number:
 * " (8% is 0.08)", " (no thousands separators: 30000)", " (the decimal
 * mark is '.': 1.25)", " (no currency signs: 3700)", or "". */
static const char *num_hint(ld *L, const char *s)
{
	size_t n = strlen(s);
	char *t = sg_arena_alloc(L->scr, n + 1), *u = sg_arena_alloc(L->scr,
								    n + 1);
	char *b = sg_arena_alloc(L->scr, n + 96);
	double v;
	if (n > 1 && s[n - 1] == '%') {
		memcpy(t, s, n - 1);
		t[n - 1] = 0;
		if (sg_parse_number(t, &v) == 0) {
			snprintf(b, n + 96, " (%s is %.15g)", s, v / 100);
			return b;
		}
	}
	int cur = strip_currency(s, u);
	/* one comma not followed by exactly 3 digits, or after a lone 0
	 * ("1,25", "0,850", "1,5e3"): a decimal comma; else separators */
	const char *c1 = strchr(u, ','), *c2 = strrchr(u, ',');
	size_t after = c2 ? strspn(c2 + 1, "0123456789") : 0;
	const char *d = u + strspn(u, "+-");
	int decimal = c1 && c1 == c2 && (after != 3 || (d[0] == '0' &&
						       d + 1 == c1));
	size_t k = 0;
	for (const char *c = u; *c; c++)
		if (*c != ',')
			t[k++] = *c;
		else if (decimal)
			t[k++] = '.';
	t[k] = 0;
	if ((!cur && !c1) || sg_parse_number(t, &v) != 0)
		return "";
	snprintf(b, n + 96, " (%s%s%s: %s)", cur ? "no currency signs" : "",
		 cur && c1 ? "; " : "", !c1 ? "" : decimal ?
		 "the decimal mark is '.'" : "no thousands separators", t);
	return b;
}

/*
 * The number in field f of row r, range-checked for r's attribute.  A
 * what-if '*F' gives F * base.  Reports problems when rep; returns 0 or -1.
 */
int sg_ld_num(ld *L, const ld_row *r, const ld_fld *f, double base,
	      double *v, int rep)
{
	const ld_attr *a = &sg_ld_attr[r->attr];
	int rc;

	if (f->wi && f->s[0] == '*') {
		if (sg_ld_factor(f->s, v) < 0)
			return -1; /* reported by the merge */
		*v *= base;
		if (!isfinite(*v))
			return rep ? sg_diag_error(L->dg, f->loc, "'%s' in "
						   "column '%s' gives a number "
						   "that is not finite", f->s,
						   f->col) : -1;
	} else if ((rc = sg_parse_number(f->s, v)) < 0) {
		if (!rep)
			return -1;
		if (rc == -2)
			return sg_diag_error(L->dg, f->loc, "'%s' in column "
					     "'%s' is not a finite number",
					     f->s, f->col);
		return sg_diag_error(L->dg, f->loc, "'%s' in column '%s' is "
				     "not a number%s", f->s, f->col,
				     f->s[0] == '*' ? " ('*F' scaling is for "
				     "what-if files)" : a->vk == VK_BOOL ?
				     ": it must be 0 or 1" : num_hint(L, f->s));
	}
	return rep ? range_check(L, a, f, *v) : 0;
}

/* The field that sets quarter t (0-based) of a series row. */
const ld_fld *sg_ld_series_src(const ld_row *r, int t)
{
	const ld_fld *f = &r->fval;
	int i;

	if (r->fval.s[0] == '*')
		return f;
	for (i = 0; i < r->ncell && r->cell[i].q <= t; i++)
		f = &r->cell[i].f;
	return f;
}

/*
 * Resolve a series (FORMAT.md): quarter 1 takes its cell, else value, else
 * 0; later quarters their cell, else the quarter before.  base: the
 * resolved base series for what-if '*F' (NULL = zeros).  Returns 0 or -1.
 */
int sg_ld_series(ld *L, const ld_row *r, const ld_fld *val,
		 const ld_cell *cell, int ncell, const double *base,
		 double *out, int rep)
{
	double cur = 0, v;
	int t, i = 0, bad = 0;

	if (val->wi && val->s[0] == '*') {
		for (t = 0; t < L->T; t++) {
			double b = base ? base[t] : 0;
			if (sg_ld_num(L, r, val, b, &v, rep && !bad) < 0)
				bad = -1, v = 0;
			out[t] = v;
		}
		return bad;
	}
	if (val->s[0] && sg_ld_num(L, r, val, 0, &cur, rep) < 0)
		bad = -1, cur = 0;
	for (t = 0; t < L->T; t++) {
		if (i < ncell && cell[i].q == t) {
			double b = base ? base[t] : 0;
			if (sg_ld_num(L, r, &cell[i].f, b, &v, rep) < 0)
				bad = -1;
			else
				cur = v;
			i++;
		}
		out[t] = cur;
	}
	return bad;
}

/* ---- the plan's arrays ------------------------------------------------ */

static double *dvec(sg_plan *p, int n, double v)
{
	double *d = sg_arena_alloc(p->arena, (size_t)n * sizeof(double));
	int i;

	for (i = 0; i < n; i++)
		d[i] = v;
	return d;
}

#define NEW(p, n, type) \
	((type *)sg_arena_alloc((p)->arena, (size_t)(n) * sizeof(type)))

static void alloc_sites(ld *L)
{
	sg_plan *p = L->p;
	int s;

	p->site = NEW(p, p->nsite, sg_site);
	for (s = 0; s < p->nsite; s++) {
		sg_site *x = &p->site[s];
		x->grid_mw = dvec(p, L->T, 0);
		x->pue = 1;
		x->load_factor = 1;
		x->energy_price = dvec(p, L->T, 0);
		x->initial_racks = dvec(p, p->nplat, 0);
		x->link = NEW(p, p->nreg, unsigned char);
		x->serve_cost = dvec(p, p->nreg, 0);
	}
	p->unc.demand_vol = dvec(p, p->nreg, 0);
	p->unc.energy_vol = dvec(p, p->nsite, 0);
	p->unc.delay_prob = dvec(p, p->nsite, 0);
	p->unc.delay_quarters = NEW(p, p->nsite, int);
	L->dvol_set = NEW(p, p->nreg, unsigned char);
	L->evol_set = NEW(p, p->nsite, unsigned char);
}

static void alloc_rest(ld *L)
{
	sg_plan *p = L->p;
	int i;

	p->fab = NEW(p, p->nfab, sg_fab);
	for (i = 0; i < p->nfab; i++) {
		p->fab[i].wafer_capacity = dvec(p, L->T, 0);
		p->fab[i].units_per_wafer = dvec(p, p->nprod, 0);
		p->fab[i].wafer_cost = dvec(p, p->nprod, 0);
	}
	p->prod = NEW(p, p->nprod, sg_product);
	for (i = 0; i < p->nprod; i++) {
		p->prod[i].scheduled_output = dvec(p, L->T, 0);
		p->prod[i].contract = dvec(p, L->T, 0);
	}
	p->plat = NEW(p, p->nplat, sg_platform);
	for (i = 0; i < p->nplat; i++) {
		p->plat[i].rack_cost = dvec(p, L->T, 0);
		p->plat[i].memory = dvec(p, p->nprod, 0);
		p->plat[i].first_quarter = 1;
	}
	p->reg = NEW(p, p->nreg, sg_region);
	for (i = 0; i < p->nreg; i++)
		p->reg[i].demand = dvec(p, L->T, 0);
	p->opt = NEW(p, p->nopt, sg_option);
	for (i = 0; i < p->nopt; i++) {
		p->opt[i].earliest = 1;
		p->opt[i].requires = -1;
	}
}

/* Names and first-row places of every entity. */
static void name_entities(ld *L)
{
	sg_plan *p = L->p;
	int i;

#define NAME(arr, sec) \
	for (i = 0; i < L->ent[sec].n; i++) { \
		p->arr[i].name = L->ent[sec].name[i]; \
		p->arr[i].loc = L->ent[sec].loc[i]; \
	}
	NAME(fab, SEC_FAB)
	NAME(prod, SEC_PROD)
	NAME(plat, SEC_PLAT)
	NAME(site, SEC_SITE)
	NAME(reg, SEC_REG)
	NAME(opt, SEC_OPT)
#undef NAME
}

static void alloc_plan(ld *L)
{
	sg_plan *p = L->p;
	int s, n = 1;

	p->T = L->T;
	p->year0 = L->a0 / 4;
	p->q0 = L->a0 % 4 + 1;
	p->qlabel = sg_arena_alloc(p->arena, (size_t)L->T * 8);
	for (s = 0; s < L->T; s++)
		sg_plan_quarter_label(p, s + 1, p->qlabel[s]);
	p->mip_gap = 1e-4;
	p->seed = 1;
	p->nfab = L->ent[SEC_FAB].n;
	p->nprod = L->ent[SEC_PROD].n;
	p->nplat = L->ent[SEC_PLAT].n;
	p->nsite = L->ent[SEC_SITE].n;
	p->nreg = L->ent[SEC_REG].n;
	p->nopt = L->ent[SEC_OPT].n;
	alloc_rest(L);
	alloc_sites(L);
	name_entities(L);
	for (s = 0; s < NSEC; s++)
		n += L->ent[s].n;
	L->given = sg_xcalloc((size_t)n * NATTR, sizeof(ld_row *));
	L->givenp[SEC_PLAN] = L->given;
	n = 1;
	for (s = 1; s < NSEC; s++) {
		L->givenp[s] = L->given + (size_t)n * NATTR;
		n += L->ent[s].n;
	}
	for (s = 0; s < 3; s++)
		L->sb[s] = sg_arena_alloc(L->scr,
					  (size_t)L->T * sizeof(double));
}

/* ---- rows -> plan ----------------------------------------------------- */

static int resolve(ld *L, int sec, const char *name, const ld_fld *f)
{
	const ld_ents *E = &L->ent[sec];
	int k = sg_ld_map_get(&E->map, name, strlen(name));
	const char *s;

	if (k >= 0)
		return k;
	s = sg_ld_suggest(L, name, E->name, E->n);
	return sg_diag_error(L->dg, f->loc, "unknown %s '%s' in column "
			     "'%s'%s", sg_ld_secname[sec], name, f->col,
			     sg_ld_dym(L, s));
}

/* The first field of r a what-if file wrote, or NULL. */
static const ld_fld *wi_field(const ld_row *r)
{
	int i;

	if (r->fval.wi)
		return &r->fval;
	for (i = 0; i < r->ncell; i++)
		if (r->cell[i].f.wi)
			return &r->cell[i].f;
	return NULL;
}

static int has_wi(const ld_row *r)
{
	return wi_field(r) != NULL;
}

/* The site's first initial_racks row, where an error about what the
 * initial racks need points (MODEL.md): the what-if's row when a what-if
 * set them (FORMAT.md: errors cite the what-if file), else the base's. */
static void note_racks_row(ld *L, const ld_row *r, int e)
{
	sg_loc *at = &L->p->site[e].racks_loc;
	const ld_fld *w = wi_field(r);

	if (w && (!at->line || at->file != w->loc.file)) {
		*at = w->loc;
		at->col = 1;
	} else if (!at->line) {
		*at = r->fsec.loc;
	}
}

/* Should the what-if fields of r be checked for changing nothing? */
static int check_same(ld *L, const ld_row *r)
{
	return has_wi(r) && !sg_ld_is_new(L, r);
}

static void warn_same(ld *L, const ld_row *r, const ld_fld *f,
		      const char *why)
{
	if (!f->s || !*f->s)
		return; /* an empty field writes nothing (FORMAT.md) */
	sg_diag_warning(L->dg, f->loc, "'%s' in column '%s' changes nothing "
			"in %s%s", f->s, f->col, sg_ld_rowdesc(L, r), why);
}

/* Volatility of demand:* / energy_price:* in the base file. */
static double base_star_vol(ld *L, int ukind)
{
	const char *k = sg_ld_rowkey(L, SEC_UNC, ukind == U_DEMAND ?
				     "demand:*" : "energy_price:*", A_VOL,
				     NULL);
	int i = sg_ld_map_get(&L->keys, k, strlen(k));
	const ld_row *s, *b;
	double v;

	if (i < 0)
		return 0;
	s = L->rows[i];
	b = s->base ? s->base : s->wadd ? NULL : s;
	if (b && sg_ld_num(L, b, &b->fval, 0, &v, 0) == 0)
		return v;
	return 0;
}

/* The value r's attribute has in the base (its default if unset). */
static double base_scalar(ld *L, const ld_row *r)
{
	const ld_row *b = r->base;
	double v;

	if (b)
		return sg_ld_num(L, b, &b->fval, 0, &v, 0) == 0 ?
		       v : sg_ld_attr[r->attr].def;
	if (r->attr == A_VOL && strcmp(r->ent, "*") != 0)
		return base_star_vol(L, r->ukind);
	return sg_ld_attr[r->attr].def;
}

static void store_plan(sg_plan *p, int attr, double v)
{
	static const unsigned flag[] = { SG_SET_DISCOUNT, SG_SET_MIP_GAP,
		SG_SET_TIME_LIMIT, SG_SET_SCENARIOS, SG_SET_SEED };

	switch (attr) {
	case A_DISCOUNT: p->discount_rate = v; break;
	case A_MIPGAP: p->mip_gap = v; break;
	case A_TLIMIT: p->time_limit = v; break;
	case A_SCEN: p->scenarios = (long)v; break;
	default: p->seed = (uint32_t)v; break;
	}
	p->set_flags |= flag[attr - A_DISCOUNT];
}

static void store(ld *L, const ld_row *r, int e, int o, double v)
{
	sg_plan *p = L->p;

	switch (r->attr) {
	case A_UPW: p->fab[e].units_per_wafer[o] = v; break;
	case A_WAFCOST: p->fab[e].wafer_cost[o] = v; break;
	case A_PLEAD: p->prod[e].lead_quarters = quarters(v); break;
	case A_INITINV: p->prod[e].initial_inventory = v; break;
	case A_HOLD: p->prod[e].holding_cost = v; break;
	case A_SHORTPEN: p->prod[e].shortfall_penalty = v; break;
	case A_KW: p->plat[e].kw_per_rack = v; break;
	case A_COMPUTE: p->plat[e].compute_per_rack = v; break;
	case A_MEMORY: p->plat[e].memory[o] = v; break;
	case A_PUE: p->site[e].pue = v; break;
	case A_LF: p->site[e].load_factor = v; break;
	case A_INITIT: p->site[e].initial_it_mw = v; break;
	case A_IRACKS: p->site[e].initial_racks[o] = v; break;
	case A_SERVE:
		p->site[e].serve_cost[o] = v;
		p->site[e].link[o] = 1;
		break;
	case A_UNSERVED: p->reg[e].unserved_penalty = v; break;
	case A_CAP: p->opt[e].capacity = v; break;
	case A_CAPEX: p->opt[e].capex = v; break;
	case A_OPEX: p->opt[e].opex = v; break;
	case A_OLEAD: p->opt[e].lead_quarters = quarters(v); break;
	case A_COMMITTED: p->opt[e].committed = (int)v; break;
	default: store_plan(p, r->attr, v); break;
	}
}

/* A discount rate of 1 or more is likely a percent typed as a number; one
 * near -1 compounds past what costs can hold in double (-0.99 over 700
 * quarters: a factor of 1e349, and GLPK aborted). */
static void check_discount(ld *L, const ld_row *r, double v)
{
	double dT = v < 0 ? pow(1 + v, -(double)(L->T - 1) / 4) : 1;
	if (v >= 1)
		sg_diag_warning(L->dg, r->fval.loc, "'%s' in column '%s': a "
				"discount rate of %g is %g%% a year; a percent "
				"typed as a number? (8%% is 0.08)", r->fval.s,
				r->fval.col, v, 100 * v);
	else if (dT > 1e100)
		sg_diag_error(L->dg, r->fval.loc, "'%s' in column '%s': "
			      "over %d quarters this discount rate makes the "
			      "last quarter's discount factor %.3g, past what "
			      "costs can hold", r->fval.s, r->fval.col, L->T,
			      dT);
}

static void apply_scalar(ld *L, const ld_row *r, int e, int o)
{
	double base = has_wi(r) ? base_scalar(L, r) : 0, v;

	if (sg_ld_num(L, r, &r->fval, base, &v, 1) < 0)
		return;
	store(L, r, e, o, v);
	if (r->attr == A_DISCOUNT)
		check_discount(L, r, v);
	if (r->attr == A_MIPGAP) /* for the warning on the gap used */
		L->p->gap_loc = r->fval.loc;
	/* a new serve_cost row adds a link even when its cost is 0 */
	if (check_same(L, r) && v == base && (r->base || r->attr != A_SERVE))
		warn_same(L, r, &r->fval, "");
}

static double *series_dst(ld *L, int attr, int e)
{
	sg_plan *p = L->p;

	switch (attr) {
	case A_WAFCAP: return p->fab[e].wafer_capacity;
	case A_SCHED: return p->prod[e].scheduled_output;
	case A_CONTRACT: return p->prod[e].contract;
	case A_RACKCOST: return p->plat[e].rack_cost;
	case A_GRID: return p->site[e].grid_mw;
	case A_EPRICE: return p->site[e].energy_price;
	default: return p->reg[e].demand;
	}
}

/* The resolved base series of r into b (zeros when r has no base row). */
static void base_series(ld *L, const ld_row *r, double *b)
{
	const ld_row *o = r->base;
	int t;

	if (o) {
		sg_ld_series(L, o, &o->fval, o->cell, o->ncell, NULL, b, 0);
		return;
	}
	for (t = 0; t < L->T; t++)
		b[t] = 0;
}

static int same(const double *a, const double *b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* A number of a base row, 0 when empty or invalid (reported there). */
static double quiet_num(ld *L, const ld_row *r, const ld_fld *f)
{
	double v;

	return f->s[0] && sg_ld_num(L, r, f, 0, &v, 0) == 0 ? v : 0;
}

/*
 * Warn about each what-if field of a series that changes nothing: the
 * series resolves the same with the field put back as the base had it.
 * A cell at q only decides quarters q up to the next cell, where both
 * series hold one value, so one comparison per field suffices.  b: the
 * resolved base series; m: the merged one.
 */
static void series_same(ld *L, const ld_row *r, const double *b,
			const double *m)
{
	const ld_row *o = r->base;
	int i, j = 0;
	double v;

	if (r->fval.wi && r->fval.s[0] == '*') {
		if (same(b, m, L->T))
			warn_same(L, r, &r->fval, "");
	} else if (r->fval.wi) {
		v = o ? quiet_num(L, o, &o->fval) : 0;
		if (r->ncell && r->cell[0].q == 0)
			warn_same(L, r, &r->fval, ": its first quarter has a "
				  "cell, so 'value' is never read (set the "
				  "cells, or scale them all with '*F')");
		else if (v == m[0])
			warn_same(L, r, &r->fval, "");
	}
	for (i = 0; i < r->ncell; i++) {
		const ld_cell *c = &r->cell[i];
		if (!c->f.wi)
			continue;
		while (o && j < o->ncell && o->cell[j].q < c->q)
			j++;
		if (o && j < o->ncell && o->cell[j].q == c->q)
			v = quiet_num(L, o, &o->cell[j].f);
		else if (c->q > 0)
			v = m[c->q - 1];
		else if (r->fval.wi) /* a 'value' of its own, never read: the
				      * cell replaces the base's value */
			v = o ? quiet_num(L, o, &o->fval) : 0;
		else
			v = r->fval.s[0] ? quiet_num(L, r, &r->fval) : 0;
		if (v == m[c->q])
			warn_same(L, r, &c->f, "");
	}
}

static void apply_series(ld *L, const ld_row *r, int e)
{
	double *dst = series_dst(L, r->attr, e), *b = NULL;
	int chk = check_same(L, r);

	if (has_wi(r)) {
		b = L->sb[0];
		base_series(L, r, b);
	}
	if (sg_ld_series(L, r, &r->fval, r->cell, r->ncell, b, dst, 1) < 0)
		return;
	if (chk)
		series_same(L, r, b, dst);
}

static int label_idx(ld *L, const ld_fld *f, int *idx, int rep)
{
	int abs;

	if (sg_ld_parse_label(f->s, &abs) < 0)
		return rep ? sg_diag_error(L->dg, f->loc, "'%s' in column '%s' "
					   "is not a quarter label (YYYYQn, "
					   "e.g. 2025Q3)%s", f->s, f->col,
					   sg_ld_label_hint(L, f->s)) : -1;
	*idx = abs - L->a0 + 1;
	return 0;
}

static void apply_label(ld *L, const ld_row *r, int e)
{
	int idx = 0, bidx = 1;

	if (label_idx(L, &r->fval, &idx, 1) < 0)
		return;
	if (r->attr == A_FIRSTQ)
		L->p->plat[e].first_quarter = idx;
	else
		L->p->opt[e].earliest = idx;
	if (!check_same(L, r))
		return;
	if (r->base)
		label_idx(L, &r->base->fval, &bidx, 0);
	if (idx == bidx)
		warn_same(L, r, &r->fval, "");
}

/* site:S, grid:S or fab:F -> kind (enum sg_target_kind) and index. */
static int parse_target(ld *L, const ld_fld *f, int *kind, int *idx,
			int rep)
{
	static const char *const kn[] = { "site", "grid", "fab" };
	const char *c = strchr(f->s, ':');
	char *k, *n;
	int i;

	if (!c)
		return rep ? sg_diag_error(L->dg, f->loc, "'%s' in column '%s' "
					   "is not a target: write site:SITE, "
					   "grid:SITE or fab:FAB", f->s,
					   f->col) : -1;
	k = sg_ld_split(L, f->s, &n);
	for (i = 0; i < 3 && strcmp(k, kn[i]); i++)
		;
	if (i == 3)
		return rep ? sg_diag_error(L->dg, f->loc, "unknown target "
					   "kind '%s' in column '%s'%s: write "
					   "site:SITE, grid:SITE or fab:FAB",
					   k, f->col, sg_ld_dym(L,
					   sg_ld_suggest(L, k, kn, 3))) : -1;
	if (!n[0])
		return rep ? sg_diag_error(L->dg, f->loc, "'%s' in column '%s' "
					   "names no %s", f->s, f->col,
					   i == 2 ? "fab" : "site") : -1;
	*kind = i;
	if (rep)
		*idx = resolve(L, i == 2 ? SEC_FAB : SEC_SITE, n, f);
	else
		*idx = sg_ld_map_get(&L->ent[i == 2 ? SEC_FAB : SEC_SITE].map,
				     n, strlen(n));
	return *idx < 0 ? -1 : 0;
}

static void apply_target(ld *L, const ld_row *r, int e)
{
	int kind, idx, bk = -1, bi = -1;

	if (parse_target(L, &r->fval, &kind, &idx, 1) < 0)
		return;
	L->p->opt[e].kind = kind;
	L->p->opt[e].target = idx;
	if (!check_same(L, r))
		return;
	if (r->base)
		parse_target(L, &r->base->fval, &bk, &bi, 0);
	if (bk == kind && bi == idx)
		warn_same(L, r, &r->fval, "");
}

static void apply_requires(ld *L, const ld_row *r, int e)
{
	int k = resolve(L, SEC_OPT, r->fval.s, &r->fval), b = -1;

	if (k < 0)
		return;
	L->p->opt[e].requires = k;
	L->p->opt[e].requires_loc = r->fval.loc;
	if (!check_same(L, r))
		return;
	if (r->base)
		b = sg_ld_map_get(&L->ent[SEC_OPT].map, r->base->fval.s,
				  strlen(r->base->fval.s));
	if (b == k)
		warn_same(L, r, &r->fval, "");
}

static void store_unc(ld *L, const ld_row *r, int k, double v)
{
	sg_uncertainty *u = &L->p->unc;
	int d = r->ukind == U_DEMAND;

	switch (r->attr) {
	case A_VOL:
		if (k < 0 && d)
			L->dvol_star = v;
		else if (k < 0)
			L->evol_star = v;
		else if (d)
			u->demand_vol[k] = v, L->dvol_set[k] = 1;
		else
			u->energy_vol[k] = v, L->evol_set[k] = 1;
		break;
	case A_CORR:
		*(d ? &u->demand_corr : &u->energy_corr) = v;
		break;
	case A_DPROB:
		u->delay_prob[k] = v;
		break;
	default:
		u->delay_quarters[k] = quarters(v);
		break;
	}
}

static void apply_unc(ld *L, const ld_row *r)
{
	int k = -1;
	double v, base;

	if (strcmp(r->ent, "*") != 0 &&
	    (k = resolve(L, r->ukind == U_DEMAND ? SEC_REG : SEC_SITE, r->ent,
			 &r->fname)) < 0)
		return;
	base = has_wi(r) ? base_scalar(L, r) : 0;
	if (sg_ld_num(L, r, &r->fval, base, &v, 1) < 0)
		return;
	store_unc(L, r, k, v);
	L->p->nunc++;
	if (check_same(L, r) && v == base)
		warn_same(L, r, &r->fval, "");
}

static void apply_row(ld *L, ld_row *r)
{
	const ld_attr *a = &sg_ld_attr[r->attr];
	int e = 0, o = -1;
	ld_row **g;

	if (r->sec == SEC_UNC) {
		if (!r->dead)
			apply_unc(L, r);
		return;
	}
	if (r->sec != SEC_PLAN)
		e = sg_ld_map_get(&L->ent[r->sec].map, r->name,
				  strlen(r->name));
	g = &L->givenp[r->sec][(size_t)e * NATTR + (size_t)r->attr];
	if (!*g)
		*g = r;
	if (r->attr == A_IRACKS)
		note_racks_row(L, r, e);
	if (r->attr == A_SERVE)
		L->p->site[e].has_links = 1;
	if (r->dead ||
	    (a->pair >= 0 && (o = resolve(L, a->pair, r->other,
					  &r->fattr)) < 0))
		return;
	if (a->vk == VK_LABEL)
		apply_label(L, r, e);
	else if (a->vk == VK_TARGET)
		apply_target(L, r, e);
	else if (a->vk == VK_OPTION)
		apply_requires(L, r, e);
	else if (a->ts)
		apply_series(L, r, e);
	else
		apply_scalar(L, r, e, o);
}

static void finalize(ld *L)
{
	sg_plan *p = L->p;
	int i;

	for (i = 0; i < p->nsite; i++) {
		if (!p->site[i].has_links)
			memset(p->site[i].link, 1, (size_t)p->nreg);
		if (!L->evol_set[i])
			p->unc.energy_vol[i] = L->evol_star;
	}
	for (i = 0; i < p->nreg; i++)
		if (!L->dvol_set[i])
			p->unc.demand_vol[i] = L->dvol_star;
}

/* ---- entry points ----------------------------------------------------- */

static void ld_init(ld *L, sg_diag *dg)
{
	sg_arena *a = sg_arena_new();

	memset(L, 0, sizeof *L);
	L->dg = dg;
	L->nerr0 = sg_diag_nerrors(dg);
	L->nwarn0 = sg_diag_nwarnings(dg);
	L->scr = sg_arena_new();
	L->p = sg_arena_alloc(a, sizeof(sg_plan));
	L->p->arena = a;
}

static void ld_done(ld *L)
{
	int s;

	for (s = 0; s < NSEC; s++) {
		sg_ld_map_free(&L->ent[s].map);
		free(L->ent[s].name);
		free(L->ent[s].loc);
		free(L->ent[s].wnew);
	}
	free(L->rows);
	sg_ld_map_free(&L->keys);
	sg_ld_map_free(&L->nbsp);
	sg_ld_map_free(&L->lost);
	sg_ld_map_free(&L->dropped);
	free(L->given);
	sg_arena_free(L->scr);
	sg_plan_free(L->p);
}

/* Phases 1-2 for one file.  Returns 0, or -1 when its rows are unusable. */
static int read_tab(ld *L, ld_tab *t, const char *buf, size_t len,
		    const char *name, int wi)
{
	memset(t, 0, sizeof *t);
	t->file = sg_arena_strdup(L->p->arena, name ? name : "<input>");
	t->wi = wi;
	t->empty = len == 0 ||
		   (len == 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0);
	/* after a syntax error in a record, the other records are read on,
	 * for their errors too (FORMAT.md: all errors of a file) */
	if (sg_ld_csv(L, t, buf, len) == -2 || sg_ld_header(L, t) < 0)
		return -1;
	sg_ld_rows(L, t);
	return 0;
}

/* A plan without a single entity solves to 0 and reports nothing: most
 * likely a file saved without its rows, or the wrong file.  Warned at the
 * base file's header (hdr). */
static void warn_empty(ld *L, const ld_tab *hdr)
{
	const sg_plan *p = L->p;

	if (p->nfab + p->nprod + p->nplat + p->nsite + p->nreg + p->nopt > 0 ||
	    hdr->nrec == 0)
		return;
	sg_diag_warning(L->dg, hdr->rec[0].f[0].loc, "the plan has no fab, "
			"product, platform, site, region or option: there is "
			"nothing to plan and it costs 0");
}

/* Phases 3-4; hands the plan to *out when there was no error.  hdr is the
 * base file's table, for warn_empty. */
static int build(ld *L, const ld_tab *hdr, sg_plan **out)
{
	int i;

	alloc_plan(L);
	for (i = 0; i < L->nrows; i++)
		apply_row(L, L->rows[i]);
	finalize(L);
	sg_ld_sources(L);
	sg_ld_check(L);
	if (sg_ld_nerr(L) > 0)
		return SG_EDATA;
	warn_empty(L, hdr);
	L->p->nwarn = sg_diag_nwarnings(L->dg) - L->nwarn0;
	*out = L->p;
	L->p = NULL;
	return 0;
}

int sg_plan_load(const char *buf, size_t len, const char *fname,
		 sg_diag *dg, sg_plan **out)
{
	ld L;
	ld_tab t;
	int rc = SG_EDATA;

	*out = NULL;
	ld_init(&L, dg);
	if (read_tab(&L, &t, buf, len, fname, 0) == 0) {
		L.p->file = t.file;
		sg_ld_take_base(&L, &t);
		rc = build(&L, &t, out);
	}
	sg_ld_tab_free(&t);
	ld_done(&L);
	return rc;
}

int sg_plan_load_whatif(const char *bbuf, size_t blen, const char *bname,
			const char *wbuf, size_t wlen, const char *wname,
			sg_diag *dg, sg_plan **out)
{
	ld L;
	ld_tab b, w;
	int rc = SG_EDATA;

	*out = NULL;
	memset(&w, 0, sizeof w);
	ld_init(&L, dg);
	if (read_tab(&L, &b, bbuf, blen, bname, 0) == 0) {
		L.p->file = b.file;
		sg_ld_take_base(&L, &b);
		if (read_tab(&L, &w, wbuf, wlen, wname, 1) == 0) {
			sg_ld_merge(&L, &w);
			rc = build(&L, &b, out);
		}
	}
	sg_ld_tab_free(&b);
	sg_ld_tab_free(&w);
	ld_done(&L);
	return rc;
}

void sg_plan_free(sg_plan *p)
{
	if (p)
		sg_arena_free(p->arena);
}
