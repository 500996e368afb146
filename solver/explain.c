/*
 * explain.c - "why this build, why then?" (--explain): the plan's total
 * cost when one option's timing is forced and every other option is free
 * to re-plan around it.
 *
 * For each option that is not committed:
 *   built in the plan (online from quarter o):
 *     later     ON[k,t] = 1 exactly for t >= o+1 (outside the horizon
 *               when o = T),
 *     never     ON[k,t] = 0 throughout;
 *   not built:
 *     earliest  ON[k,t] = 1 exactly for t >= md->on_first[k] (outside the
 *               horizon when the option can never be online).
 * Each alternative is the MIP of MODEL.md with those bounds, solved like
 * the plan (same mip_gap and time limit, ON rounded and fixed, the LP in
 * the other variables gives its total_cost).  It starts from a copy of the
 * plan's problem whose basis is the plan's optimal LP basis with ON made
 * binary again at the plan's values, so the root LP takes a few pivots;
 * every alternative starts from the same copy, so its result does not
 * depend on which alternatives ran before, nor on how many threads share
 * them out.  A forced choice can leave no
 * feasible plan (initial racks that need the option's capacity): status
 * infeasible.
 */
#include "sgplan/trust.h"

#include <glpk.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/lockstep.h"
#include "sgplan/report.h"

/* Timing bounds of ON[k,t] in the MIP (phasing.c): fixed 0 before
 * on_first, fixed 1 from on_forced, binary in between. */
static void timing_bounds(const sg_model *md, glp_prob *lp, int k)
{
	for (int t = 1; t <= md->plan->T; t++) {
		int j = sg_idx_pt(md, md->m.ON, k, t);
		if (t < md->on_first[k])
			glp_set_col_bnds(lp, j, GLP_FX, 0, 0);
		else if (t >= md->on_forced[k])
			glp_set_col_bnds(lp, j, GLP_FX, 1, 1);
		else
			glp_set_col_bnds(lp, j, GLP_DB, 0, 1);
	}
}

/* The MIP again, from md->lp (ON fixed at the plan): ON binary within its
 * timing bounds, non-basic at the plan's value, so the plan's basis stays
 * primal feasible. */
static glp_prob *base_mip(const sg_model *md, const double *x)
{
	const sg_plan *P = md->plan;
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, md->lp, GLP_OFF);
	for (int k = 0; k < P->nopt; k++) {
		timing_bounds(md, lp, k);
		for (int t = 1; t <= P->T; t++) {
			int j = sg_idx_pt(md, md->m.ON, k, t);
			glp_set_col_kind(lp, j, GLP_IV);
			if (glp_get_col_type(lp, j) == GLP_DB &&
			    glp_get_col_stat(lp, j) != GLP_BS)
				glp_set_col_stat(lp, j, x[j] > 0.5 ? GLP_NU
								   : GLP_NL);
		}
	}
	return lp;
}


static int branch_and_cut(glp_prob *lp, const sg_solve_opts *o)
{
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.mip_gap = fmax(o->mip_gap, SG_GAP_FLOOR); /* as sg_model_solve */
	io.tm_lim = sg_ms_until(o->time_limit > 0 ? sg_now() + o->time_limit
						  : INFINITY);
	/* not past the coefficient warning, where GLPK's cuts lose terms
	 * (run.c) */
	io.gmi_cuts = io.mir_cuts = io.cov_cuts = io.clq_cuts =
		o->cuts == SG_CUT_NONE ? GLP_OFF : GLP_ON;
	io.bt_tech = GLP_BT_BPH;
	return glp_intopt(lp, &io);
}

/* MODEL.md "Reported solution" for the MIP's incumbent: ON rounded and
 * fixed, the LP in the other variables; its objective. */
static double fixed_cost(const sg_model *md, glp_prob *lp)
{
	const sg_plan *P = md->plan;
	for (int k = 0; k < P->nopt; k++)
		for (int t = 1; t <= P->T; t++) {
			int j = sg_idx_pt(md, md->m.ON, k, t);
			double v = glp_mip_col_val(lp, j) > 0.5 ? 1 : 0;
			glp_set_col_kind(lp, j, GLP_CV);
			glp_set_col_bnds(lp, j, GLP_FX, v, v);
		}
	return sg_lp_simplex(lp) == GLP_OPT ? glp_get_obj_val(lp) : NAN;
}

/* Solve alternative a (its k and online filled in) on a copy of base. */
static void solve_alt(const sg_model *md, glp_prob *base,
		      const sg_solve_opts *o, sg_alt *a)
{
	int T = md->plan->T, on = a->online ? a->online : T + 1;
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, base, GLP_OFF);
	for (int t = 1; t <= T; t++) {
		int j = sg_idx_pt(md, md->m.ON, a->k, t);
		double v = t >= on ? 1 : 0;
		glp_set_col_bnds(lp, j, GLP_FX, v, v);
	}
	a->cost = NAN;
	int st = sg_lp_simplex(lp);
	if (st != GLP_OPT) {
		a->status = SG_ALT_INFEASIBLE;
		glp_delete_prob(lp);
		return;
	}
	int rc = branch_and_cut(lp, o);
	if (sg_mip_has_plan(lp)) {
		/* the search ends at the gap (GLP_EMIPGAP) or proves the
		 * optimum (0); anything else stopped it early */
		a->status = rc == 0 || rc == GLP_EMIPGAP ? SG_ALT_OPTIMAL
							 : SG_ALT_TIME_LIMIT;
		a->cost = fixed_cost(md, lp);
	} else {
		/* no plan: proven only when the search ended */
		a->status = rc == 0 && glp_mip_status(lp) == GLP_NOFEAS ?
			    SG_ALT_INFEASIBLE : SG_ALT_TIME_LIMIT;
	}
	glp_delete_prob(lp);
}

/* The alternatives of option k, appended to ex. */
static void list_alts(const sg_model *md, const double *x, int k,
		      sg_explain *ex)
{
	const sg_plan *P = md->plan;
	int T = P->T, on = sg_option_online(md, x, k);
	int built = x[sg_idx_pt(md, md->m.ON, k, T)] > 0.5;
	sg_alt a = { k, built ? on : 0, 0, 0, SG_ALT_OPTIMAL, NAN };
	if (built) {
		a.kind = SG_ALT_LATER;
		a.online = on + 1;
		a.status = on + 1 > T ? SG_ALT_OUTSIDE : SG_ALT_OPTIMAL;
		ex->a[ex->n++] = a;
		a.kind = SG_ALT_NEVER;
		a.online = 0;
		a.status = SG_ALT_OPTIMAL;
	} else {
		a.kind = SG_ALT_EARLIEST;
		a.online = md->on_first[k] <= T ? md->on_first[k] : 0;
		a.status = a.online ? SG_ALT_OPTIMAL : SG_ALT_OUTSIDE;
	}
	ex->a[ex->n++] = a;
}

/* Alternatives shared out to threads, each with its own GLPK problems
 * (copied from base, which they only read) and environment. */
typedef struct xshared {
	const sg_model *md;
	glp_prob *base;
	const sg_solve_opts *o;
	sg_explain *ex;
	int next;            /* next alternative to take */
	pthread_mutex_t mu;
} xshared;

static void *work(void *arg)
{
	xshared *sh = arg;
	for (;;) {
		pthread_mutex_lock(&sh->mu);
		int i = sh->next++;
		pthread_mutex_unlock(&sh->mu);
		if (i >= sh->ex->n)
			break;
		if (sh->ex->a[i].status != SG_ALT_OUTSIDE)
			solve_alt(sh->md, sh->base, sh->o, &sh->ex->a[i]);
	}
	return NULL;
}

int sg_explain_run(const sg_model *md, const sg_result *res,
		   const sg_solve_opts *o, int threads, sg_explain **out)
{
	const sg_plan *P = md->plan;
	double t0 = sg_now();
	sg_explain *ex = sg_xcalloc(1, sizeof *ex);
	ex->a = sg_xcalloc(2 * (size_t)P->nopt + 1, sizeof(sg_alt));
	for (int k = 0; k < P->nopt; k++)
		if (!P->opt[k].committed)
			list_alts(md, res->x, k, ex);
	if (ex->n > 0) {
		xshared sh = { md, base_mip(md, res->x), o, ex, 0,
			       PTHREAD_MUTEX_INITIALIZER };
		sg_team_run(threads, ex->n, work, &sh);
		glp_delete_prob(sh.base);
		pthread_mutex_destroy(&sh.mu);
	}
	ex->seconds = sg_now() - t0;
	*out = ex;
	return 0;
}

void sg_explain_free(sg_explain *ex)
{
	if (!ex)
		return;
	free(ex->a);
	free(ex);
}

static const char *const alt_name[] = { "later", "never", "earliest" };
static const char *const alt_status[] = { "optimal", "time_limit",
					  "infeasible", "outside_horizon" };

int sg_explain_write(FILE *f, const sg_model *md, const sg_result *res,
		     const sg_explain *ex)
{
	const sg_plan *P = md->plan;
	fputs("option,plan_online,alternative,alternative_online,status,"
	      "total_cost,delta\n", f);
	for (int i = 0; ex && i < ex->n; i++) {
		const sg_alt *a = &ex->a[i];
		sg_csv_text(f, P->opt[a->k].name);
		putc(',', f);
		if (a->plan_online)
			sg_csv_label(f, P, a->plan_online);
		fprintf(f, ",%s,", alt_name[a->kind]);
		if (a->online)
			sg_csv_label(f, P, a->online);
		fprintf(f, ",%s,", alt_status[a->status]);
		sg_csv_num(f, a->cost);
		putc(',', f);
		sg_csv_num(f, a->cost - res->total_cost);
		putc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

/* "+1.23e+05 (+0.1%)", "infeasible", "past the horizon", "no plan in the
 * time limit". */
static void console_delta(FILE *f, const sg_alt *a, double base)
{
	if (a->status == SG_ALT_OUTSIDE)
		fputs("past the horizon", f);
	else if (isnan(a->cost))
		fputs(a->status == SG_ALT_TIME_LIMIT ? "no plan in the time "
		      "limit" : "infeasible", f);
	else
		fprintf(f, "%+.2f (%+.2f%%)%s", a->cost - base,
			base != 0 ? 100 * (a->cost - base) / fabs(base) : 0,
			a->status == SG_ALT_TIME_LIMIT ? " time-limited" : "");
}

void sg_explain_console(FILE *f, const sg_model *md, const sg_result *res,
			const sg_explain *ex)
{
	const sg_plan *P = md->plan;
	char q[8];
	if (!ex || ex->n == 0)
		return;
	fputs("why these builds (change of total_cost, every other option "
	      "re-planned):\n", f);
	for (int i = 0; i < ex->n; i++) {
		const sg_alt *a = &ex->a[i];
		if (a->kind != SG_ALT_NEVER) {
			fputs("  ", f);
			sg_put_plain(f, P->opt[a->k].name);
			if (a->plan_online) {
				sg_plan_quarter_label(P, a->plan_online, q);
				fprintf(f, " (built %s)", q);
			} else {
				fputs(" (not built)", f);
			}
		}
		if (a->kind == SG_ALT_NEVER) {
			fputs(", never built ", f);
		} else if (a->online) {
			sg_plan_quarter_label(P, a->online, q);
			fprintf(f, a->kind == SG_ALT_LATER ? ": in %s " :
				": built for %s ", q);
		} else {
			fputs(": built at its earliest ", f);
		}
		console_delta(f, a, res->total_cost);
		if (a->kind != SG_ALT_LATER)
			putc('\n', f);
	}
}
