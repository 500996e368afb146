/*
 * run.c - one run: load and validate every input first, then solve, then
 * write every report of the run through one atomic output set.
 */
#include "sgplan/run.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glpk.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/dist.h"
#include "sgplan/engine.h"
#include "sgplan/html.h"
#include "sgplan/mb.h"
#include "sgplan/report.h"
#include "sgplan/risk.h"
#include "sgplan/trust.h"
#include "sgplan/stochastic.h"
#include "sgplan/whatif.h"

void sg_run_opts_init(sg_run_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mip_gap = o->time_limit = NAN;
	o->scenarios = -1;
	o->seed = -1;
	o->dump_scenario = -1;
	o->certify = -1;
}

/* Why this MPI rank (not 0) could not read a file, for agree_load. */
static char read_error[600];

/* Read a whole file; SG_ENOINPUT with a message when it cannot (on a rank
 * other than 0, kept in read_error).  A stream that is not a regular file
 * is read to the end of the line of its first NUL byte, which no text
 * holds: the loader says so, and /dev/zero or /dev/urandom is not read
 * until memory runs out (2026-12-08, a helper's audit: exit 70).  A
 * regular file is read whole, for all its errors (FORMAT.md). */
static int read_file(const char *path, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 1 << 16, n = 0;
	struct stat st;
	if (fd < 0)
		goto fail;
	int stream = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
	char *b = sg_xmalloc(cap);
	for (ssize_t k; (k = read(fd, b + n, cap - n)) != 0;) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			free(b);
			close(fd);
			errno = e;
			goto fail;
		}
		char *z = stream ? memchr(b + n, 0, (size_t)k) : NULL;
		n += (size_t)k;
		if (z) { /* to the end of the NUL's line: what follows in
			  * that read is no more text than what is unread */
			char *e = memchr(z, '\n', (size_t)(b + n - z));
			n = (size_t)((e ? e + 1 : z + 1) - b);
			break;
		}
		if (n == cap)
			b = sg_xrealloc(b, cap *= 2);
	}
	close(fd);
	*buf = b;
	*len = n;
	return 0;
fail:
	if (sg_dist_rank() == 0) /* every rank reads, one speaks */
		sg_eprintf("sgplan: error: cannot read '%s': %s", path,
			   strerror(errno ? errno : EIO));
	else
		snprintf(read_error, sizeof read_error, "cannot read '%s': %s",
			 path, strerror(errno ? errno : EIO));
	return SG_ENOINPUT;
}

/* After a step rank 0 alone did (or alone spoke of), every rank goes on
 * with rank 0's status, so that none waits for the others in a collective
 * they skip. */
static int rank0_rc(int rc)
{
	if (sg_dist_size() == 1)
		return rc;
	double r = rc;
	return sg_dist_bcast(&r, 1) == 0 ? (int)r : SG_EINTERNAL;
}

/* Load FILE, or FILE merged with what-if W; messages to dg. */
static int load(const sg_run_opts *o, const char *w, sg_diag *dg,
		sg_plan **out)
{
	char *bb = NULL, *wb = NULL;
	size_t bl = 0, wl = 0;
	int rc = read_file(o->file, &bb, &bl);
	if (rc == 0 && w)
		rc = read_file(w, &wb, &wl);
	if (rc == 0)
		rc = w ? sg_plan_load_whatif(bb, bl, o->file, wb, wl, w, dg,
					     out)
		       : sg_plan_load(bb, bl, o->file, dg, out);
	free(bb);
	free(wb);
	return rc;
}

static void inventory(const sg_plan *p)
{
	sg_put_plain(stdout, p->file);
	printf(": valid plan, %d quarter%s (%s to %s)\n", p->T,
	       p->T == 1 ? "" : "s", p->qlabel[0], p->qlabel[p->T - 1]);
	int settings = 0;
	for (unsigned f = p->set_flags; f; f >>= 1)
		settings += f & 1;
	printf("plan settings %d\nfabs %d\nproducts %d\nplatforms %d\n"
	       "sites %d\nregions %d\noptions %d\nuncertainty rows %d\n",
	       settings, p->nfab, p->nprod, p->nplat, p->nsite, p->nreg,
	       p->nopt, p->nunc);
}

/* The names of entities n0..n-1 of a section (those a what-if adds: new
 * entities follow the base's), as "site 'A', site 'B'". */
static void new_names(const char *sec, const char *(*name)(const sg_plan *,
		      int), const sg_plan *p, int n0, int n, int *said)
{
	for (int i = n0; i < n; i++) {
		printf("%s%s '", (*said)++ ? ", " : "; adds ", sec);
		sg_put_plain(stdout, name(p, i));
		putchar('\'');
	}
}

#define NAME_OF(fn, arr) \
	static const char *fn(const sg_plan *p, int i) \
	{ \
		return p->arr[i].name; \
	}
NAME_OF(fab_name, fab)
NAME_OF(prod_name, prod)
NAME_OF(plat_name, plat)
NAME_OF(site_name, site)
NAME_OF(reg_name, reg)
NAME_OF(opt_name, opt)
#undef NAME_OF

/* --check with what-ifs: each case valid, and the entities it adds (a
 * misspelt name adds one). */
static void inventory_case(const sg_case *base, const sg_case *c,
			   const char *file)
{
	const sg_plan *b = base->plan, *p = c->plan;
	int said = 0;
	fputs("what-if '", stdout);
	sg_put_plain(stdout, c->name);
	fputs("' (", stdout);
	sg_put_plain(stdout, file);
	fputs("): valid", stdout);
	new_names("fab", fab_name, p, b->nfab, p->nfab, &said);
	new_names("product", prod_name, p, b->nprod, p->nprod, &said);
	new_names("platform", plat_name, p, b->nplat, p->nplat, &said);
	new_names("site", site_name, p, b->nsite, p->nsite, &said);
	new_names("region", reg_name, p, b->nreg, p->nreg, &said);
	new_names("option", opt_name, p, b->nopt, p->nopt, &said);
	puts(said ? "" : "; adds no entity");
}

/* Command-line values override plan rows. */
static void apply_overrides(const sg_run_opts *o, sg_plan *p)
{
	if (!isnan(o->mip_gap))
		p->mip_gap = o->mip_gap;
	if (!isnan(o->time_limit))
		p->time_limit = o->time_limit;
	if (o->scenarios >= 0)
		p->scenarios = o->scenarios;
	if (o->seed >= 0)
		p->seed = (uint32_t)o->seed;
}

/* reports/STEM for FILE, or --out. Caller frees. */
static char *out_dir(const sg_run_opts *o)
{
	if (o->out) { /* "out/" is "out": paths print as out/x, not out//x */
		char *d = sg_xstrdup(o->out);
		for (size_t n = strlen(d); n > 1 && d[n - 1] == '/';)
			d[--n] = 0;
		return d;
	}
	size_t n;
	const char *b = sg_whatif_stem(o->file, &n);
	char *d = sg_xmalloc(n + 16);
	snprintf(d, n + 16, "reports/%.*s", (int)n, b);
	return d;
}

static int threads_of(const sg_run_opts *o)
{
	if (o->threads > 0)
		return o->threads;
	/* all cores, shared among the MPI ranks on this machine */
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	const char *local = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
	if (local && sg_dist_size() > 1 && atol(local) > 0)
		n /= atol(local);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* --export-lp/--export-mps to a regular file (or a new one) go to a new
 * PATH.tmpXXXXXX first (sg_tmpfile) and take their name only when the
 * whole run has succeeded: an infeasible plan leaves no file (FORMAT.md),
 * and the temporary name cannot be a link planted in advance.  Anything
 * else (a symlink, /dev/stdout, a pipe) is written in place, as asked. */
static int staged(const char *path)
{
	struct stat st;
	return lstat(path, &st) != 0 ? errno == ENOENT : S_ISREG(st.st_mode);
}

/* Write the model as fmt to path; a staged file's temporary name goes to
 * *tmp (caller frees), for export_finish. */
static int export_model(const sg_model *md, int fmt, const char *path,
			char **tmp)
{
	if (!path)
		return 0;
	char *t = NULL;
	int rc = -1, err = 0, fd;
	if (!staged(path)) {
		rc = sg_model_write(md, fmt, path);
	} else if ((fd = sg_tmpfile(path, &t)) < 0) {
		err = errno; /* the reason is known only here */
	} else {
		close(fd); /* GLPK's writer opens it by name */
		rc = sg_model_write(md, fmt, t);
		if (rc < 0) {
			unlink(t);
			sg_tmp_forget(t);
		}
	}
	if (rc == SG_EMPS_NUMBER) {
		sg_eprintf("sgplan: error: cannot write the model to '%s': a "
			   "number of it does not fit the 12 characters of "
			   "GLPK's MPS fields (a negative one beyond 1e99 or "
			   "below 1e-99); --export-lp can write it", path);
		rc = SG_EOUTPUT;
	} else if (rc < 0) {
		sg_eprintf("sgplan: error: cannot write the model to '%s'%s%s",
			   path, err ? ": " : "", err ? strerror(err) : "");
	}
	if (rc < 0) {
		free(t);
		t = NULL;
	}
	*tmp = t;
	return rc;
}

/* Rename the staged exports tmp[0] (LP) and tmp[1] (MPS) when ok, else
 * remove them, and free the names; 0 or SG_EOUTPUT.  The LP first, so
 * that one path for both ends with the MPS, as when they were written in
 * place. */
static int export_finish(const sg_run_opts *o, char *tmp[2], int ok)
{
	const char *path[2] = { o->export_lp, o->export_mps };
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		if (!tmp[i])
			continue;
		if (ok && rename(tmp[i], path[i]) != 0) {
			sg_eprintf("sgplan: error: cannot write the model to "
				   "'%s': %s", path[i], strerror(errno));
			rc = SG_EOUTPUT;
			ok = 0;
		}
		if (!ok)
			unlink(tmp[i]);
		sg_tmp_forget(tmp[i]);
		free(tmp[i]);
		tmp[i] = NULL;
	}
	return rc;
}

/* How a message names a what-if case: pre "what-if case 'NAME'" post,
 * in buf; "" for the base. */
static const char *whatif_tag(const sg_case *c, const char *pre,
			      const char *post, char *buf, size_t n)
{
	if (strcmp(c->name, "base") == 0)
		return "";
	snprintf(buf, n, "%swhat-if case '%s'%s", pre, c->name, post);
	return buf;
}

/* A step's messages, on rank 0: its errors always, its warnings unless
 * --quiet (the one place that applies it to the load's and the solve's
 * messages). */
static void diag_done(sg_diag *dg, int rc, const sg_run_opts *o)
{
	if (o->quiet)
		sg_diag_drop_warnings(dg);
	if (sg_dist_rank() == 0 && (rc != 0 || !o->quiet))
		sg_diag_print(dg, stderr);
	sg_diag_free(dg);
}

/* what, of case c, overflows double precision: the error (on rank 0);
 * SG_EDATA. */
static int overflow_error(const sg_case *c, const char *what)
{
	char tag[300];
	if (sg_dist_rank() == 0)
		fprintf(stderr, "sgplan: error: %s%s overflows double "
			"precision: an input too large for its units\n",
			whatif_tag(c, "", ": ", tag, sizeof tag), what);
	return SG_EDATA;
}

/* Where case c's least and greatest coefficients lie (c->coef_at), by
 * the names of the exports, as written in the input: "column X" and "in
 * row Y" or "in the objective", for each (caller frees the four).  A
 * model built again with names has the same columns and rows, in the
 * same order. */
static void coef_names(const sg_case *c, char *nam[4])
{
	sg_model *nm = sg_model_new(c->plan, 1);
	for (int k = 0; k < 4; k++) {
		int idx = c->coef_at[k];
		const char *s = k % 2 == 0 ? glp_get_col_name(nm->lp, idx) :
				idx ? glp_get_row_name(nm->lp, idx) : NULL;
		char *p = sg_mb_plain(s ? s : "?");
		nam[k] = k % 2 == 0 ? sg_xjoin("column", ' ', p) :
			 idx ? sg_xjoin("in row", ' ', p) :
			 sg_xstrdup("in the objective");
		free(p);
	}
	sg_model_free(nm);
}

/* Case c's model has a coefficient outside what sgplan solves, said with
 * where it lies (coef_names); SG_EDATA.  why: 's' one below SG_NUM_MIN
 * (a product of small cells; GLPK's scaling fails on such in the matrix,
 * and no plan needs one in the costs), 'b' a finite one above SG_NUM_MAX
 * (GLPK's simplex fails on such), 'w' a span over SG_SPAN_MAX (2026-12-08,
 * a helper's audit: the example with an option's capacity of 1e-60, a
 * span of 1e66, came out "no feasible plan", which MODEL.md rules out;
 * spans up to 1e61 solved). */
static int coef_error(const sg_case *c, int why)
{
	char tag[300], *nam[4];
	if (sg_dist_rank() != 0)
		return SG_EDATA;
	coef_names(c, nam);
	const char *w = whatif_tag(c, "", ": ", tag, sizeof tag);
	if (why == 'w')
		fprintf(stderr, "sgplan: error: %sthe model's coefficients "
			"span %.3g (%s %s) to %.3g (%s %s), a ratio of %.3g, "
			"over 1e30, which GLPK's double-precision simplex "
			"cannot solve reliably: state money or quantities in "
			"other units\n", w, c->coef_lo, nam[0], nam[1],
			c->coef_hi, nam[2], nam[3], c->coef_hi / c->coef_lo);
	else if (why == 'b')
		fprintf(stderr, "sgplan: error: %sa cost or coefficient of "
			"the model is %.3g (%s %s), over 1e150, the most "
			"sgplan takes: inputs too large for their units\n", w,
			c->coef_hi, nam[2], nam[3]);
	else
		fprintf(stderr, "sgplan: error: %sa cost or coefficient of "
			"the model is %.3g (%s %s), below 1e-150, the least "
			"sgplan takes (GLPK's scaling fails on some such): "
			"inputs too small for their units\n", w, c->coef_lo,
			nam[0], nam[1]);
	for (int k = 0; k < 4; k++)
		free(nam[k]);
	return SG_EDATA;
}

/* Do the coefficients of case c's model span more than MODEL.md's 1e12? */
static int wide_coefs(const sg_case *c)
{
	return c->coef_hi > 0 && c->coef_hi > 1e12 * c->coef_lo;
}

/* MODEL.md "Numerics": the warning for case c, as the model is built (so
 * that --check gives it too). */
static void coef_warning(const sg_run_opts *o, const sg_case *c)
{
	char tag[300];
	if (o->quiet || sg_dist_rank() != 0 || !wide_coefs(c))
		return;
	char *nam[4];
	coef_names(c, nam);
	fprintf(stderr, "sgplan: warning: the model's coefficients span "
		"%.3g (%s %s) to %.3g (%s %s), "
		"a ratio of %.3g, over 1e12: its solution may lose "
		"precision; state money or quantities in larger units%s\n",
		c->coef_lo, nam[0], nam[1], c->coef_hi, nam[2], nam[3],
		c->coef_hi / c->coef_lo,
		whatif_tag(c, " (", ")", tag, sizeof tag));
	for (int k = 0; k < 4; k++)
		free(nam[k]);
}

/* Case c's exports, when it is the one exported (tmp: its staged files'
 * names go there; NULL on the other MPI ranks and cases).  Returns 0 or
 * SG_EOUTPUT, on every rank when the base's failed. */
static int export_case(const sg_run_opts *o, sg_case *c, const sg_case *base,
		       char *tmp[2])
{
	int rc = 0;
	if (tmp && (o->export_lp || o->export_mps))
		rc = export_model(c->md, 'l', o->export_lp, &tmp[0]) ||
		     export_model(c->md, 'm', o->export_mps, &tmp[1]) ?
		     SG_EOUTPUT : 0;
	/* rank 0 exports the base: under MPI every rank must learn that
	 * it failed, or the others wait in the solve's collectives */
	if (c == base && (o->export_lp || o->export_mps) &&
	    sg_dist_any(rc != 0))
		return SG_EOUTPUT;
	return rc;
}

/* The MIP search's options for case c. */
static sg_solve_opts solve_opts(const sg_run_opts *o, const sg_case *c)
{
	const sg_plan *p = c->plan;
	/* GLPK's Gomory cuts come of its tableau rows with the small
	 * entries dropped, which in such units lose terms that count: the
	 * example with racks 1e9 times smaller was "proven" 0.1 % above its
	 * optimum (tests/test_units.c) */
	int wide = wide_coefs(c);
	/* with --stochastic the limit covers both searches: the
	 * deterministic plan's gets half of it, the stochastic plan's what
	 * is left */
	return (sg_solve_opts){ .mip_gap = p->mip_gap,
			     .time_limit = o->stochastic > 0 ?
					   p->time_limit / 2 : p->time_limit,
			     .cuts = wide ? SG_CUT_NONE : 0,
			     .verbose = o->verbose,
			     .threads = threads_of(o),
			     /* 2: whole lines (pool.h) */
			     .progress = (o->verbose || isatty(2)) &&
					 !o->quiet && sg_dist_rank() == 0 ?
					 1 + o->verbose : 0 };
}

/* Case c's deterministic plan, into c->res (on every MPI rank), or the
 * error, printed: no feasible plan (with why, on rank 0) or a cost past
 * double precision. */
static int solve_plan(const sg_run_opts *o, sg_case *c,
		      const sg_solve_opts *so)
{
	sg_diag *dg = sg_diag_new();
	int rc = sg_model_solve(c->md, so, dg, &c->res);
	diag_done(dg, rc, o);
	if (rc == SG_EINFEAS && sg_dist_rank() == 0) {
		if (strcmp(c->name, "base") != 0)
			fprintf(stderr, "sgplan: note: in the what-if case "
				"'%s'\n", c->name);
		sg_trust_infeasible(c->md, stderr);
	}
	if (rc == 0)
		rc = sg_model_share_plan(c->md, &c->res);
	/* coefficients in range, but a cost of the plan beyond double
	 * precision (a demand of 1e307 unserved at 1,500): no plan to
	 * report (2026-12-07: reported as time-limited, with no cost) */
	if (rc == 0 && !isfinite(c->res.total_cost))
		rc = overflow_error(c, "the plan's cost");
	return rc;
}

/* MODEL.md has no status for a search that stopped on its own (as judged
 * last, after the certification): case c's warning, unless --quiet. */
static void warn_stopped_short(const sg_run_opts *o, const sg_case *c)
{
	char tag[300];
	if (!o->quiet && sg_dist_rank() == 0 &&
	    c->res.status == SG_STATUS_TIME_LIMIT &&
	    !(c->plan->time_limit > 0))
		fprintf(stderr, "sgplan: warning: the search stopped with the "
			"gap at %.3g, above mip_gap, though no time limit was "
			"set: numerical trouble in GLPK's LPs; the plan is "
			"written with status time_limit and that gap%s\n",
			c->res.gap, whatif_tag(c, " (", ")", tag, sizeof tag));
}

/* Export, solve and (with scenarios) evaluate one case, its model built
 * (load_cases); base is the run's first case, the one exported.  tmp: the
 * case exports (only MPI rank 0 does), its staged files' names go there;
 * NULL for the others. */
static int solve_case(const sg_run_opts *o, sg_case *c, const sg_case *base,
		      char *tmp[2])
{
	const sg_plan *p = c->plan;
	double tb = c->build_seconds;
	if (o->verbose)
		fprintf(stderr, "sgplan: %s: model %d columns, %d rows, %d "
			"nonzeros, built in %.3f ms\n", c->name,
			glp_get_num_cols(c->md->lp),
			glp_get_num_rows(c->md->lp),
			glp_get_num_nz(c->md->lp), 1e3 * tb);
	int rc = export_case(o, c, base, tmp);
	if (rc != 0)
		return rc;
	sg_solve_opts so = solve_opts(o, c);
	rc = solve_plan(o, c, &so);
	if (rc < 0)
		return rc;
	c->res.seconds += tb;
	c->res.build_seconds = tb;
	sg_diag *dg;
	if (o->stochastic > 0) {
		sg_saa_opts ao = { .n = o->stochastic, .seed = p->seed,
				   .method = o->saa_method,
				   .mip_gap = p->mip_gap,
				   .time_limit = p->time_limit > 0 ?
					fmax(1e-3, p->time_limit -
					     (c->res.seconds - tb)) : 0,
				   .threads = threads_of(o),
				   .cuts = so.cuts,
				   .progress = so.progress,
				   .verbose = o->verbose };
		dg = sg_diag_new();
		rc = sg_case_stochastic(c, &ao, p->scenarios > 0 ?
					p->scenarios : 1000, dg);
		diag_done(dg, rc, o);
	}
	/* certify, ranging, explain: the deterministic plan only */
	if (rc == 0 && o->stochastic == 0 && sg_dist_rank() == 0) {
		sg_trust_opts to = { o->certify, o->explain };
		dg = sg_diag_new();
		rc = sg_trust_case(c, &to, &so, dg);
		diag_done(dg, rc, o);
	}
	if (o->stochastic == 0)
		rc = rank0_rc(rc);
	if (rc == 0 && o->stochastic == 0)
		warn_stopped_short(o, c);
	if (rc == 0 && p->scenarios > 0) {
		sg_risk_opts ko = { p->scenarios, p->seed, threads_of(o),
				    so.progress, 0 };
		rc = sg_risk_run(c->md, &ko, &c->risk);
	}
	return rc;
}

static int write_case(sg_outset *os, const char *sub, const sg_case *c)
{
	static const char *names[] = { "summary.csv", "quarterly.csv",
				       "builds.csv", "duals.csv", "risk.csv" };
	char path[4096];
	for (int i = 0; i < 5; i++) {
		if (i == 4 && !c->risk)
			break;
		snprintf(path, sizeof path, "%s%s%s", sub ? sub : "",
			 sub ? "/" : "", names[i]);
		FILE *f = sg_outset_open(os, path);
		if (!f)
			return SG_EOUTPUT;
		int w = i == 0 ? sg_report_summary(f, c->md, &c->res, c->risk,
				c->stoch ? c->stoch->det_cost : NAN) :
			i == 1 ? sg_report_quarterly(f, c->md, &c->res) :
			i == 2 ? sg_report_builds(f, c->md, &c->res) :
			i == 3 ? sg_report_duals(f, c->md, &c->res) :
				 sg_risk_write(f, c->md, c->risk);
		if (i == 0 && c->stoch)
			sg_stoch_summary(f, c->stoch);
		if (w != 0 || ferror(f))
			return SG_EOUTPUT;
	}
	if (c->stoch) {
		snprintf(path, sizeof path, "%s%sstochastic.csv",
			 sub ? sub : "", sub ? "/" : "");
		FILE *f = sg_outset_open(os, path);
		if (!f || sg_stoch_write(f, c) != 0)
			return SG_EOUTPUT;
	}
	/* FORMAT.md: each case's reports in its folder, report.html too
	 * (the case alone; the base's shows every case) */
	if (sub) {
		snprintf(path, sizeof path, "%s/report.html", sub);
		FILE *f = sg_outset_open(os, path);
		if (!f || sg_report_html(f, c, 1) != 0)
			return SG_EOUTPUT;
	}
	return sg_trust_write(os, sub, c);
}

/* --dump-scenario I: the plan with scenario I's series. */
static int dump_scenario(sg_outset *os, const sg_plan *p, long long i)
{
	char name[64];
	sg_scenario sc;
	sg_scenario_file(name, i);
	sg_scenario_init(&sc, p);
	sg_scenario_draw(p, p->seed, (uint64_t)i, &sc);
	sg_plan q;
	sg_scenario_view(p, &sc, &q);
	/* solved on its own, it is that one scenario, not a sample around
	 * it (the uncertainty rows stay, for a planner to sample again) */
	q.scenarios = 0;
	FILE *f = sg_outset_open(os, name);
	int rc = f && sg_plan_write(&q, f) == 0 ? 0 : SG_EOUTPUT;
	sg_scenario_view_free(&q);
	sg_scenario_free(&sc);
	return rc;
}

static int write_all(const sg_run_opts *o, sg_case *cs, int n,
		     const char *dir)
{
	sg_outset *os = sg_outset_new(dir);
	int rc = write_case(os, NULL, &cs[0]);
	for (int i = 1; rc == 0 && i < n; i++)
		rc = write_case(os, cs[i].name, &cs[i]);
	if (rc == 0 && n > 1) {
		FILE *f = sg_outset_open(os, "whatif.csv");
		rc = f && sg_whatif_write(f, cs, n) == 0 ? 0 : SG_EOUTPUT;
	}
	if (rc == 0) {
		FILE *f = sg_outset_open(os, "report.html");
		rc = f && sg_report_html(f, cs, n) == 0 ? 0 : SG_EOUTPUT;
	}
	if (rc == 0 && o->dump_scenario >= 0)
		rc = dump_scenario(os, cs[0].plan, o->dump_scenario);
	if (rc != 0) {
		sg_eprintf("sgplan: error: cannot write reports in '%s': %s",
			   sg_outset_where(os), strerror(errno ? errno : EIO));
		sg_outset_abort(os);
		return SG_EOUTPUT;
	}
	const char *failed = NULL;
	rc = sg_outset_commit(os, &failed);
	if (rc != 0)
		sg_eprintf("sgplan: error: cannot write '%s': %s", failed,
			   strerror(errno ? errno : EIO));
	return rc;
}

/* Build the model of case c (with row and column names for the exports)
 * and check that its costs and coefficients lie within SG_NUM_MIN to
 * SG_NUM_MAX; else the error, printed.  The loader rejects a cell outside
 * them and a discount rate that compounds too far; this catches products
 * of cells too large or too small for their units. */
static int build_case(sg_case *c, int names)
{
	double t0 = sg_now();
	c->md = sg_model_new(c->plan, names);
	c->build_seconds = sg_now() - t0;
	sg_model_coef_range(c->md, &c->coef_lo, &c->coef_hi, c->coef_at);
	int ok = c->coef_hi <= SG_NUM_MAX &&
		 fabs(glp_get_obj_coef(c->md->lp, 0)) <= SG_NUM_MAX;
	if (!ok && isfinite(c->coef_hi) && c->coef_hi > SG_NUM_MAX)
		return coef_error(c, 'b');
	if (!ok)
		return overflow_error(c, "a cost or coefficient of the model");
	if (c->coef_lo != 0 && c->coef_lo < SG_NUM_MIN)
		return coef_error(c, 's');
	return c->coef_lo > 0 && c->coef_hi > SG_SPAN_MAX * c->coef_lo ?
	       coef_error(c, 'w') : 0;
}

/* The ranks' load of the same files (each rank reads them: under mpirun
 * on several hosts, each its own copy): rank 0's status when it failed
 * (it said why); else a rank that failed says why, and all stop. */
static int agree_load(int rc)
{
	if (sg_dist_size() == 1)
		return rc;
	int r0 = rank0_rc(rc), any = sg_dist_any(rc != 0);
	if (r0 != 0)
		return r0;
	if (rc != 0)
		fprintf(stderr, "sgplan: error: rank %d: %s\n", sg_dist_rank(),
			*read_error ? read_error : "its input does not load "
			"as rank 0's (every host needs the same files)");
	return any ? (rc ? rc : SG_ENOINPUT) : 0;
}

/* A gap of 1 or more, the one each case searches at (--mip-gap, else its
 * plan row), warned of once where it is set: costs are >= 0, so every
 * plan is within a gap of 1 of the bound. */
static void warn_gap(const sg_run_opts *o, const sg_case *cs, int n)
{
	if (o->quiet || sg_dist_rank() != 0)
		return;
	sg_diag *dg = sg_diag_new();
	for (int i = 0; i < n; i++) {
		/* --mip-gap's, once; else a what-if's own row, or the base's
		 * (printed once where it stands) */
		int opt = !isnan(o->mip_gap);
		double g = opt ? o->mip_gap : cs[i].plan->mip_gap;
		if (g >= 1 && (!opt || i == 0))
			sg_diag_warning(dg, opt ? (sg_loc){ 0 } :
					cs[i].plan->gap_loc, "%s%g is a gap of "
					"%g%%, which any plan meets; a percent "
					"typed as a number? (1%% is 0.01)",
					opt ? "--mip-gap " : "a mip_gap of ", g,
					100 * g);
	}
	diag_done(dg, 0, o);
}

/* Options that do nothing as given, or a gap any plan meets: the
 * warnings, before the solve. */
static void warn_options(const sg_run_opts *o, const sg_case *cs, int n)
{
	warn_gap(o, cs, n);
	if (o->quiet || o->check || sg_dist_rank() != 0)
		return;
	/* they concern the deterministic plan's LP (solve_case) */
	int certify = o->certify == 1, both = o->explain && certify;
	if (o->stochastic > 0 && (o->explain || certify))
		fprintf(stderr, "sgplan: warning: %s not run with "
			"--stochastic: %s the deterministic plan\n",
			both ? "--explain and --certify" :
			o->explain ? "--explain" : "--certify",
			both ? "they concern" : "it concerns");
	if (o->stochastic == 0 && o->saa_method != SG_SAA_AUTO)
		fprintf(stderr, "sgplan: warning: --saa-method %s does nothing "
			"without --stochastic\n",
			o->saa_method == SG_SAA_BENDERS ? "benders" :
			"extensive");
}

/* Load the base and every case first and build their models, so bad input
 * stops everything.  Each case loads the base again: its messages are
 * printed once. */
static int load_cases(const sg_run_opts *o, sg_case *cs)
{
	sg_diag *dg = sg_diag_new();
	/* the base's messages first, so that a what-if's note follows the
	 * errors in the base it speaks of */
	sg_diag_file_first(dg, o->file);
	int rc = load(o, NULL, dg, &cs[0].plan), base_ok = rc == 0;
	cs[0].name = sg_xstrdup("base");
	char **names = sg_whatif_names(o->whatif, o->nwhatif);
	for (int i = 0; i < o->nwhatif; i++) {
		cs[i + 1].name = names[i];
		if (rc == 0 || rc == SG_EDATA) {
			int before = sg_diag_nerrors_in(dg, o->file);
			int r = load(o, o->whatif[i], dg, &cs[i + 1].plan);
			/* errors the merge finds in the base's rows: say
			 * which what-if file brought them */
			int more = sg_diag_nerrors_in(dg, o->file) - before;
			if (base_ok && more > 0)
				sg_diag_note(dg, (sg_loc){ o->whatif[i], 0, 0 },
					     "merged into the base plan, this "
					     "what-if file makes %d of the "
					     "errors above in '%s'", more,
					     o->file);
			rc = rc == 0 ? r : rc;
		}
	}
	free(names);
	diag_done(dg, rc < 0, o);
	for (int i = 0; rc == 0 && i <= o->nwhatif; i++)
		apply_overrides(o, cs[i].plan);
	/* every model before any solve, so that bad input stops everything;
	 * the base's has names when it is exported (rank 0 exports) */
	int exported = sg_dist_rank() == 0 && (o->export_lp || o->export_mps);
	for (int i = 0; rc == 0 && i <= o->nwhatif; i++)
		rc = build_case(&cs[i], i == 0 && exported);
	for (int i = 0; rc == 0 && i <= o->nwhatif; i++)
		coef_warning(o, &cs[i]);
	return rc;
}

/* Case i of n's summary on stdout: the plan, what a stochastic plan's
 * cost means, the scenarios' figures, --explain's table, and where its
 * reports are: dir, or dir/CASE for a what-if. */
static void console_case(const sg_case *c, int i, int n, const char *dir)
{
	char *title = NULL, *sub = NULL;
	if (i > 0) {
		size_t len = strlen(c->plan->file) + strlen(c->name) + 32;
		title = sg_xmalloc(len);
		snprintf(title, len, "%s + what-if '%s'", c->plan->file,
			 c->name);
		sub = sg_xjoin(dir, '/', c->name);
	}
	sg_report_console(stdout, c->md, &c->res, i ? title : c->plan->file);
	if (c->stoch) {
		const sg_stoch *s = c->stoch;
		printf("stochastic plan: its total cost, cost split, unserved "
		       "compute and contract shortfall are means over %ld "
		       "sampled scenarios; on the forecast it costs %.2f\n",
		       s->n, s->det_cost);
		printf("out of sample (%ld fresh scenarios, seed %lu): the "
		       "stochastic plan costs %.2f on average (se %.2f), the "
		       "deterministic plan %.2f (se %.2f): value of the "
		       "stochastic solution %.2f\n", s->oos_n,
		       (unsigned long)s->oos_seed, s->oos_stoch.cost,
		       s->oos_stoch.se, s->oos_det.cost, s->oos_det.se,
		       sg_stoch_vss(s));
	}
	if (c->risk) {
		double q[7], any[7];
		int T = c->plan->T;
		sg_risk_quantiles(c->risk, "cost", -1, T, q);
		sg_risk_quantiles(c->risk, "any_unserved", -1, T, any);
		printf("%ld scenarios (seed %llu): expected cost %.2f, p90 "
		       "%.2f, probability of unserved demand %.3g\n",
		       sg_risk_scenarios(c->risk), (unsigned long long)
		       c->plan->seed, q[0], q[5], any[0]);
	}
	sg_trust_console(stdout, c);
	fputs("reports in ", stdout);
	sg_put_plain(stdout, i ? sub : dir);
	printf("/%s\n", i == 0 && n > 1 ?
	       " (the cases side by side: whatif.csv)" : "");
	free(title);
	free(sub);
}

/* The folder of case i's reports: dir, or dir/NAME.  Caller frees. */
static char *case_dir(const sg_case *cs, int i, const char *dir)
{
	return i ? sg_xjoin(dir, '/', cs[i].name) : sg_xstrdup(dir);
}

/* The --dump-scenario file's name in case i's folder, in scen; "" when
 * there is none (it goes in the base's folder only). */
static const char *dump_name(const sg_run_opts *o, int i, char scen[64])
{
	*scen = 0;
	if (i == 0 && o->dump_scenario >= 0)
		sg_scenario_file(scen, o->dump_scenario);
	return scen;
}

/* Where the run writes a report named b in case i's folder, or NULL when
 * it writes none of that name there (the base's folder holds the
 * --dump-scenario file too).  Caller frees. */
static char *report_at(const sg_run_opts *o, const sg_case *cs, int i,
		       const char *dir, const char *b)
{
	char scen[64];
	if (!sg_report_name(b) && (!*dump_name(o, i, scen) ||
				   strcmp(b, scen) != 0))
		return NULL;
	char *d = case_dir(cs, i, dir), *f = sg_xjoin(d, '/', b);
	free(d);
	return f;
}

/* Is dir/.../b, a file the run writes in case i's folder, the file in? */
static int report_is(const sg_run_opts *o, const sg_case *cs, int i,
		     const char *dir, const char *b, const char *in)
{
	char *f = report_at(o, cs, i, dir, b);
	int same = f && sg_same_path(f, in);
	free(f);
	return same;
}

/* Would a file the run writes in case i's folder be in: any of them, by
 * name or by inode (2026-12-08, a helper's audit: a link to the plan
 * named builds.csv in the report folder was overwritten by that report,
 * when only the plan's own name was checked)? */
static int writes_over(const sg_run_opts *o, const sg_case *cs, int i,
		       const char *dir, const char *in)
{
	const char *b;
	for (int k = 0; (b = sg_report_name_at(k)); k++)
		if (report_is(o, cs, i, dir, b, in))
			return 1;
	char scen[64];
	return *dump_name(o, i, scen) && report_is(o, cs, i, dir, scen, in);
}

/* Would the run write over its input in (the plan or a what-if file): as
 * an export, or as a report in the folder of case c (dir, or dir/NAME)?
 * Else the bad command line, printed. */
static int guard_input(const sg_run_opts *o, const char *in,
		       const sg_case *cs, int n, const char *dir)
{
	struct stat st;
	if (stat(in, &st) != 0)
		return 0;
	const char *opt =
		o->export_lp && sg_same_path(o->export_lp, in) ? "--export-lp"
		: o->export_mps && sg_same_path(o->export_mps, in) ?
		"--export-mps" : NULL;
	for (int i = 0; !opt && i < n; i++)
		if (writes_over(o, cs, i, dir, in))
			opt = "--out";
	if (!opt)
		return 0;
	if (sg_dist_rank() == 0)
		sg_eprintf("sgplan: error: %s would write over the input file "
			   "'%s'; choose another %s", opt, in,
			   strcmp(opt, "--out") ? "file" : "folder");
	return SG_EUSAGE;
}

/* Would a report, or a case's folder, take the place of an export (which
 * takes its name before the reports): dir/summary.csv, dir/CASE/...,
 * dir/CASE itself?  Else the bad command line, printed. */
static int guard_exports(const sg_run_opts *o, const sg_case *cs, int n,
			 const char *dir)
{
	const char *path[2] = { o->export_lp, o->export_mps };
	const char *opt[2] = { "--export-lp", "--export-mps" };
	for (int e = 0; e < 2; e++) {
		for (int i = 0; path[e] && i < n; i++) {
			char *f = report_at(o, cs, i, dir,
					    sg_path_base(path[e]));
			char *d = case_dir(cs, i, dir);
			const char *what = f && sg_same_path(path[e], f) ? f :
					   i > 0 && sg_same_path(path[e], d) ?
					   d : NULL;
			if (what && sg_dist_rank() == 0)
				sg_eprintf("sgplan: error: %s '%s' is where "
					   "the reports put %s '%s'; choose "
					   "another file", opt[e], path[e],
					   what == d ? "the case folder" :
					   "the report", what);
			free(f);
			free(d);
			if (what)
				return SG_EUSAGE;
		}
	}
	return 0;
}

int sg_run(const sg_run_opts *o)
{
	int n = o->nwhatif + 1, rc;
	sg_case *cs = sg_xcalloc((size_t)n, sizeof *cs);
	char *dir = out_dir(o);
	sg_glpk_env(o->verbose);
	rc = agree_load(load_cases(o, cs));
	for (int i = 0; rc == 0 && !o->check && i < n; i++)
		rc = guard_input(o, i ? o->whatif[i - 1] : o->file, cs, n,
				 dir);
	if (rc == 0 && !o->check)
		rc = guard_exports(o, cs, n, dir);
	if (rc == 0)
		warn_options(o, cs, n);
	if (rc == 0 && o->check && !o->quiet && sg_dist_rank() == 0) {
		inventory(cs[0].plan);
		for (int i = 1; i < n; i++)
			inventory_case(&cs[0], &cs[i], o->whatif[i - 1]);
	}
	/* every rank computes, rank 0 alone writes and talks */
	int root = sg_dist_rank() == 0;
	char *tmp[2] = { NULL, NULL };
	for (int i = 0; rc == 0 && !o->check && i < n; i++)
		rc = solve_case(o, &cs[i], &cs[0], i == 0 && root ? tmp :
				NULL);
	/* the report.html files' checked shadow prices: the base's, and
	 * each case's for the report in its folder */
	for (int i = 0; rc == 0 && !o->check && root && i < n; i++)
		cs[i].shadow = sg_shadow_new(cs[i].md, &cs[i].res);
	/* the exports take their names first: if that fails, no reports */
	int erc = export_finish(o, tmp, rc == 0);
	rc = rc ? rc : erc;
	if (rc == 0 && !o->check && root)
		rc = write_all(o, cs, n, dir);
	if (rc == 0 && !o->check && !o->quiet && root)
		for (int i = 0; i < n; i++)
			console_case(&cs[i], i, n, dir);
	for (int i = 0; i < n; i++)
		sg_case_free(&cs[i]);
	free(cs);
	free(dir);
	return rc;
}
