/*
 * trust_run.c - the run's side of trust.h: which analyses run for a case,
 * the warnings they give, and the files they add to the output set.
 */
#include "sgplan/trust.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/report.h"
#include "sgplan/whatif.h"

static const char *glp_status_name(int st)
{
	switch (st) {
	case GLP_OPT: return "optimal";
	case GLP_FEAS: return "feasible, not optimal";
	case GLP_INFEAS: return "infeasible";
	case GLP_NOFEAS: return "infeasible";
	case GLP_UNBND: return "unbounded";
	default: return "failed";
	}
}

/* "" for the base, "case 'NAME': " for a what-if case. */
static void case_prefix(const sg_case *c, char *buf, size_t n)
{
	if (!c->name || strcmp(c->name, "base") == 0)
		buf[0] = 0;
	else
		snprintf(buf, n, "case '%s': ", c->name);
}

/* Certify c's plan; where the simplex's numbers miss the tolerance but
 * glp_exact finds the plan's LP optimal (at the same basis or another),
 * report that exact solution. */
static void certify_case(sg_case *c, const sg_solve_opts *so, sg_diag *dg)
{
	sg_cert_info ci;
	char pre[300];
	case_prefix(c, pre, sizeof pre);
	sg_certify(c->md, &c->res, &ci);
	double was = c->res.cert_violation;
	if (c->res.certified != SG_CERT_YES && ci.status == GLP_OPT) {
		double was_cost = c->res.total_cost;
		if (sg_certify_exact(c->md, &c->res) == 0) {
			/* the same plan, its cost exact: judged again by
			 * what the search proved */
			sg_result_rejudge(&c->res, was_cost);
			sg_certify(c->md, &c->res, &ci);
			if (so->verbose)
				fprintf(stderr, "sgplan: %sthe simplex's "
					"solution missed the tolerance "
					"(largest relative violation %.3g): "
					"reporting the exact solution of "
					"an optimal basis\n", pre, was);
		}
	}
	if (so->verbose)
		fprintf(stderr, "sgplan: %scertification %s in %.3f s: exact "
			"cost %.17g, largest relative violation %.3g%s\n",
			pre, c->res.certified == SG_CERT_YES ? "passed" :
			"failed", ci.seconds, ci.exact_cost,
			c->res.cert_violation, ci.approx ? " (some numbers "
			"span over 2^1000 in a row: read as nearby "
			"fractions)" : "");
	if (c->res.certified != SG_CERT_YES)
		sg_diag_warning(dg, (sg_loc){ 0 }, "%stotal_cost %.17g is not "
			"certified: exact re-solve %s, exact cost %.17g; "
			"largest relative violation: primal %.3g, dual %.3g, "
			"objective %.3g (tolerance %g)", pre,
			c->res.total_cost, glp_status_name(ci.status),
			ci.exact_cost, ci.primal, ci.dual, ci.objective,
			SG_CERTIFY_TOL);
}

int sg_trust_case(sg_case *c, const sg_trust_opts *t,
		  const sg_solve_opts *so, sg_diag *dg)
{
	int certify = t->certify;
	char pre[300];
	case_prefix(c, pre, sizeof pre);
	c->res.certified = SG_CERT_SKIPPED;
	c->res.cert_violation = NAN;
	/* certification may report the exact solution: before the ranges,
	 * which start from the reported cost (it reads md->lp but leaves it
	 * as it is) */
	if (certify < 0)
		certify = glp_get_num_nz(c->md->lp) < SG_CERTIFY_AUTO_NNZ;
	if (certify)
		certify_case(c, so, dg);
	/* ranging reads md->lp's basis: before explain changes it */
	double t0 = sg_now();
	if (sg_ranging_compute(c->md, &c->res, &c->ranging) < 0) {
		sg_diag_warning(dg, (sg_loc){ 0 }, "%sno ranges: the final "
				"LP basis is not optimal", pre);
	} else if (so->verbose) {
		fprintf(stderr, "sgplan: %sranging: %d ranges in %.3f s\n",
			pre, c->ranging->n, sg_now() - t0);
	}
	if (!t->explain)
		return 0;
	int rc = sg_explain_run(c->md, &c->res, so, so->threads, &c->explain);
	if (rc == 0 && so->verbose)
		fprintf(stderr, "sgplan: %sexplain: %d re-solves in %.3f s\n",
			pre, c->explain->n, c->explain->seconds);
	return rc;
}

static int write_one(sg_outset *os, const char *sub, const char *name,
		     const sg_case *c)
{
	char path[4096];
	snprintf(path, sizeof path, "%s%s%s", sub ? sub : "", sub ? "/" : "",
		 name);
	FILE *f = sg_outset_open(os, path);
	if (!f)
		return SG_EOUTPUT;
	int w = name[0] == 'r' ? sg_ranging_write(f, c->md, c->ranging)
			       : sg_explain_write(f, c->md, &c->res,
						  c->explain);
	return w == 0 ? 0 : SG_EOUTPUT;
}

int sg_trust_write(sg_outset *os, const char *sub, const sg_case *c)
{
	int rc = c->ranging ? write_one(os, sub, "ranging.csv", c) : 0;
	if (rc == 0 && c->explain)
		rc = write_one(os, sub, "explain.csv", c);
	return rc;
}

void sg_trust_console(FILE *f, const sg_case *c)
{
	if (c->explain)
		sg_explain_console(f, c->md, &c->res, c->explain);
}

void sg_trust_infeasible(const sg_model *md, FILE *f)
{
	sg_iis *iis = NULL;
	if (sg_iis_find(md, &iis) == 0)
		sg_iis_print(f, md, iis);
	sg_iis_free(iis);
}
