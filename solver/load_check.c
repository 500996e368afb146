/*
 * load_check.c - phase 4 of the loader: checks across rows and entities,
 * run on the built plan (FORMAT.md "Bad input", MODEL.md constraints 9 and
 * 10 and "Data that makes the model infeasible").
 *
 * Where they point: a missing required attribute at the entity's first row;
 * demand without unserved_penalty (contract without shortfall_penalty) at
 * the field that sets the first quarter > 0; a requires cycle and a bad
 * committed precedence at the value of the requires row (of the cycle
 * member that comes last in option order); initial racks at the site's
 * first initial_racks row; an option that can never be online (a warning)
 * at its earliest value, else its lead_quarters value.
 */
#include "load_int.h"

#include <stdlib.h>
#include <string.h>

static ld_row *given(const ld *L, int sec, int e, int attr)
{
	return L->givenp[sec][(size_t)e * NATTR + (size_t)attr];
}

static void check_required(ld *L)
{
	static const int req[][2] = { { SEC_PLAT, A_KW },
		{ SEC_PLAT, A_COMPUTE }, { SEC_OPT, A_TARGET },
		{ SEC_OPT, A_CAP } };
	size_t i;
	int e;

	for (i = 0; i < sizeof req / sizeof req[0]; i++) {
		const ld_ents *E = &L->ent[req[i][0]];
		for (e = 0; e < E->n; e++)
			if (!given(L, req[i][0], e, req[i][1]) &&
			    !sg_ld_was_lost(L, req[i][0], req[i][1],
					    E->name[e]))
				sg_diag_error(L->dg, E->loc[e], "%s '%s' has "
					      "no %s (required)",
					      sg_ld_secname[req[i][0]],
					      E->name[e],
					      sg_ld_attr[req[i][1]].name);
	}
}

/* A series > 0 somewhere needs a penalty row. */
static void need_penalty(ld *L, int sec, int e, const double *x, int ts,
			 int pen, const char *what)
{
	const ld_row *r = given(L, sec, e, ts);
	int t;

	if (!r || r->dead || given(L, sec, e, pen) ||
	    sg_ld_was_lost(L, sec, pen, L->ent[sec].name[e]))
		return; /* no second error for a misspelt penalty row */
	for (t = 0; t < L->T && !(x[t] > 0); t++)
		;
	if (t < L->T) {
		const ld_fld *f = sg_ld_series_src(r, t);
		sg_diag_error(L->dg, f->loc, "%s '%s' has %s ('%s' in column "
			      "'%s') but no %s", sg_ld_secname[sec],
			      L->ent[sec].name[e], what, f->s, f->col,
			      sg_ld_attr[pen].name);
	}
}

static void check_penalties(ld *L)
{
	const sg_plan *p = L->p;
	int i;

	for (i = 0; i < p->nreg; i++)
		need_penalty(L, SEC_REG, i, p->reg[i].demand, A_DEMAND,
			     A_UNSERVED, "demand");
	for (i = 0; i < p->nprod; i++)
		need_penalty(L, SEC_PROD, i, p->prod[i].contract, A_CONTRACT,
			     A_SHORTPEN, "a contract");
}

/* Append "'name'"-style text to a growing message. */
static void cat(char **m, size_t *n, const char *a, const char *b)
{
	size_t k = strlen(a) + strlen(b);

	*m = sg_xrealloc(*m, *n + k + 1);
	memcpy(*m + *n, a, strlen(a));
	memcpy(*m + *n + strlen(a), b, strlen(b) + 1);
	*n += k;
}

static void report_cycle(ld *L, int j)
{
	const sg_option *o = L->p->opt;
	char *m = NULL;
	size_t n = 0;
	int last = j, k;

	for (k = o[j].requires; k != j; k = o[k].requires)
		if (k > last)
			last = k;
	cat(&m, &n, "'", o[o[last].requires].name);
	cat(&m, &n, "' in column 'value' closes a requires cycle: option '",
	    o[last].name);
	cat(&m, &n, "' requires '", o[o[last].requires].name);
	for (k = o[last].requires; k != last; k = o[k].requires) {
		cat(&m, &n, "', which requires '", o[o[k].requires].name);
	}
	cat(&m, &n, "'", "");
	sg_diag_error(L->dg, o[last].requires_loc, "%s", m);
	free(m);
}

static void check_cycles(ld *L)
{
	const sg_option *o = L->p->opt;
	unsigned char *st = sg_xcalloc((size_t)L->p->nopt + 1, 1);
	int i, j;

	for (i = 0; i < L->p->nopt; i++) {
		for (j = i; j >= 0 && st[j] == 0; j = o[j].requires)
			st[j] = 1;
		if (j >= 0 && st[j] == 1)
			report_cycle(L, j);
		for (j = i; j >= 0 && st[j] == 1; j = o[j].requires)
			st[j] = 2;
	}
	free(st);
}

static int eff(int e)
{
	return e < 1 ? 1 : e;
}

/* MODEL.md constraint 10: a committed option needs committed, earlier
 * prerequisites. */
static void check_committed(ld *L)
{
	const sg_option *o = L->p->opt;
	char a[8], b[8];
	int k, j;

	for (k = 0; k < L->p->nopt; k++) {
		j = o[k].requires;
		if (!o[k].committed || j < 0 || j == k)
			continue;
		if (!o[j].committed) {
			sg_diag_error(L->dg, o[k].requires_loc, "'%s' in "
				      "column 'value': committed option '%s' "
				      "requires '%s', which is not committed",
				      o[j].name, o[k].name, o[j].name);
			continue;
		}
		if (eff(o[j].earliest) <= eff(o[k].earliest))
			continue;
		sg_plan_quarter_label(L->p, eff(o[k].earliest), a);
		sg_plan_quarter_label(L->p, eff(o[j].earliest), b);
		sg_diag_error(L->dg, o[k].requires_loc, "'%s' in column "
			      "'value': committed option '%s' (online from %s) "
			      "requires '%s', which is online only from %s",
			      o[j].name, o[k].name, a, o[j].name, b);
	}
}

static void warn_late(ld *L, sg_loc at, const sg_option *o, const char *e,
		      const char *a, const char *b)
{
	sg_diag_warning(L->dg, at, "committed option '%s' comes online in "
			"%s, after the horizon %s-%s: it is left out of the "
			"plan", o->name, e, a, b);
}

/* MODEL.md constraint 9: an option that can never be online. */
static void check_horizon(ld *L)
{
	const sg_plan *p = L->p;
	char e[8], a[8], b[8];
	int k;

	sg_plan_quarter_label(p, 1, a);
	sg_plan_quarter_label(p, p->T, b);
	for (k = 0; k < p->nopt; k++) {
		const sg_option *o = &p->opt[k];
		const ld_row *r = given(L, SEC_OPT, k, A_EARLIEST);
		const ld_row *lead = given(L, SEC_OPT, k, A_OLEAD);
		sg_loc at = o->loc;
		if (o->earliest <= p->T && (o->committed ||
					    1 + o->lead_quarters <= p->T))
			continue;
		if (o->earliest <= p->T)
			r = lead;
		if (r)
			at = r->fval.loc;
		sg_plan_quarter_label(p, eff(o->earliest), e);
		if (o->committed)
			warn_late(L, at, o, e, a, b);
		else /* lead as written: 2e9, read as 1000000 */
			sg_diag_warning(L->dg, at, "option '%s' can never be "
					"online within the horizon %s-%s "
					"(earliest %s, lead_quarters %s): it "
					"is left out of the plan", o->name, a,
					b, e, lead ? lead->fval.s : "0");
	}
}

/* Can option k be online in quarter t (MODEL.md "Data that makes the
 * model infeasible")? */
static int can_be_on(const sg_option *o, int t)
{
	return sg_option_first(o) <= t;
}

/* Most capacity of kind at site s in quarter t: base + options. */
static double most(const sg_plan *p, int s, int kind, int t, double base)
{
	int k;

	for (k = 0; k < p->nopt; k++)
		if (p->opt[k].kind == kind && p->opt[k].target == s &&
		    can_be_on(&p->opt[k], t))
			base += p->opt[k].capacity;
	return base;
}

static int exceeds(double need, double cap)
{
	return need > cap + 1e-9 * (cap > 1 ? cap : 1);
}

/* need and cap as %g, with more digits where 6 would print them equal
 * (5.28 against 5.27999999 read "need 5.28, at most 5.28"). */
static void two_nums(double need, double cap, char sn[32], char sc[32])
{
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(sn, 32, "%.*g", prec, need);
		snprintf(sc, 32, "%.*g", prec, cap);
		if (strcmp(sn, sc) != 0)
			return;
	}
}

static void check_site_racks(ld *L, int s, double l0)
{
	const sg_plan *p = L->p;
	const sg_site *x = &p->site[s];
	int t, it = 0, gr = 0;
	char q[8];

	for (t = 1; t <= p->T && !(it && gr); t++) {
		double ci = most(p, s, SG_TARGET_SITE, t, x->initial_it_mw);
		double cg = most(p, s, SG_TARGET_GRID, t, x->grid_mw[t - 1]);
		sg_plan_quarter_label(p, t, q);
		char sn[32], sc[32];
		if (!it && exceeds(l0, ci)) {
			it = 1;
			two_nums(l0, ci, sn, sc);
			sg_diag_error(L->dg, x->racks_loc, "site '%s' in %s: "
				      "initial racks need %s MW of IT space, "
				      "at most %s MW is available", x->name, q,
				      sn, sc);
		}
		if (!gr && exceeds(x->pue * l0, cg)) {
			gr = 1;
			two_nums(x->pue * l0, cg, sn, sc);
			sg_diag_error(L->dg, x->racks_loc, "site '%s' in %s: "
				      "initial racks draw %s MW of grid with "
				      "PUE %g, at most %s MW is available",
				      x->name, q, sn, x->pue, sc);
		}
	}
}

static int aside_sec(int sec)
{
	return sec >= 0 && sec != SEC_SITE && sec != SEC_PLAT &&
	       sec != SEC_OPT;
}

/* Is the error at loc on a row (its first line; kept, or dropped for an
 * error) whose section the racks check does not read: fab, product,
 * region, plan or uncertainty? */
static int aside(const ld *L, sg_loc loc)
{
	for (int i = 0; i < L->nrows; i++) {
		const ld_row *w = L->rows[i];
		const sg_loc *r = &w->fsec.loc;
		if (r->line != loc.line || !r->file || !loc.file ||
		    strcmp(r->file, loc.file) != 0)
			continue;
		return aside_sec(w->sec);
	}
	return aside_sec(sg_ld_dropped_sec(L, loc));
}

/* May the racks check run?  It reads sites, platforms and options: with
 * an error on one of their rows, or on a row it cannot place (the header,
 * a misspelt section, a line of a quoted field), a capacity could read
 * short of what the planner wrote and the check blame the racks for it.
 * Errors all on rows of other sections leave every number it reads as
 * written: FORMAT.md wants every error of a file. */
static int racks_checkable(ld *L)
{
	int n = sg_ld_nerr(L), ok = 1;
	if (n == 0)
		return 1;
	sg_loc *loc = sg_xcalloc((size_t)n, sizeof *loc);
	if (sg_diag_last_errors(L->dg, n, loc) != n)
		ok = 0;
	for (int i = 0; ok && i < n; i++)
		ok = aside(L, loc[i]);
	free(loc);
	return ok;
}

/* Initial racks that no capacity can hold; only where every number it
 * uses is known to be right (racks_checkable). */
static void check_racks(ld *L)
{
	const sg_plan *p = L->p;
	int s, a;

	if (!racks_checkable(L))
		return;
	for (s = 0; s < p->nsite; s++) {
		double l0 = 0;
		for (a = 0; a < p->nplat; a++)
			l0 += p->plat[a].kw_per_rack / 1000 *
			      p->site[s].initial_racks[a];
		if (l0 > 0)
			check_site_racks(L, s, l0);
	}
}

void sg_ld_check(ld *L)
{
	check_required(L);
	check_penalties(L);
	check_cycles(L);
	check_committed(L);
	check_horizon(L);
	check_racks(L);
}
