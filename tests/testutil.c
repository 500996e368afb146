#include "testutil.h"

#include <glpk.h>

#include "sgplan/diag.h"
#include "sgplan/engine.h"
#include "sgplan/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	size_t got = fread(buf, 1, (size_t)n, f);
	fclose(f);
	assert_int_equal(got, (size_t)n);
	buf[n] = 0;
	if (len)
		*len = (size_t)n;
	return buf;
}

static const char *tmp_root(void)
{
	const char *t = getenv("SG_TMP");
	if (!t)
		t = "/tmp/sgplan-tests";
	if (mkdir(t, 0777) != 0) { /* the parent may be missing */
		char cmd[600];
		snprintf(cmd, sizeof cmd, "mkdir -p '%s'", t);
		if (system(cmd) != 0)
			fail_msg("cannot create %s", t);
	}
	return t;
}

const char *tu_tmp_write(const char *name, const char *text)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];
	snprintf(p, 512, "%s/%s", tmp_root(), name);
	FILE *f = fopen(p, "wb");
	if (!f)
		fail_msg("cannot write %s", p);
	fputs(text, f);
	fclose(f);
	return p;
}

int tu_csv_numbers(const char *csv, const char *what, int (*ok)(double))
{
	int cells = 0;
	for (const char *c = strchr(csv, ','); c; c = strchr(c + 1, ',')) {
		char *end;
		double v = strtod(c + 1, &end);
		if (end == c + 1)
			continue;
		cells++;
		if (!ok(v))
			fail_msg("%s: %.60s", what, c + 1);
	}
	return cells;
}

const char *tu_tmp_dir(const char *name)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];
	char cmd[1100];
	snprintf(p, 512, "%s/%s", tmp_root(), name);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", p);
	if (system(cmd) != 0)
		fail_msg("cannot remove %s", p);
	return p;
}

static char *slurp_stream(FILE *f)
{
	size_t cap = 4096, n = 0;
	char *s = malloc(cap);
	int c;
	while ((c = fgetc(f)) != EOF) {
		if (n + 1 >= cap)
			s = realloc(s, cap *= 2);
		s[n++] = (char)c;
	}
	s[n] = 0;
	return s;
}

int tu_run(char **out, char **err, const char *fmt, ...)
{
	char tail[4096], cmd[8192], ofile[600], efile[600];
	const char *bin = getenv("SGPLAN");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tail, sizeof tail, fmt, ap);
	va_end(ap);
	if (!bin)
		bin = "build/sgplan";
	int pid = (int)getpid();
	snprintf(ofile, sizeof ofile, "%s/run.%d.out", tmp_root(), pid);
	snprintf(efile, sizeof efile, "%s/run.%d.err", tmp_root(), pid);
	snprintf(cmd, sizeof cmd, "%s %s </dev/null >'%s' 2>'%s'", bin, tail,
		 ofile, efile);
	int st = system(cmd);
	FILE *f;
	if (out) {
		f = fopen(ofile, "rb");
		*out = slurp_stream(f);
		fclose(f);
	}
	if (err) {
		f = fopen(efile, "rb");
		*err = slurp_stream(f);
		fclose(f);
	}
	remove(ofile);
	remove(efile);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

double tu_summary_value(const char *path, const char *metric)
{
	char *s = tu_read_file(path, NULL);
	size_t ml = strlen(metric);
	for (char *l = s, *nl; l && *l; l = nl ? nl + 1 : NULL) {
		nl = strchr(l, '\n');
		if (strncmp(l, metric, ml) == 0 && l[ml] == ',') {
			double v = strtod(l + ml + 1, NULL);
			free(s);
			return v;
		}
	}
	free(s);
	fail_msg("metric %s not in %s", metric, path);
	return 0;
}

const char *tu_solve(const char *name, const char *file, const char *args)
{
	char *err = NULL;
	const char *dir = tu_tmp_dir(name);
	int rc = tu_run(NULL, &err, "%s --quiet --out '%s' %s", file, dir,
			args);
	if (rc != 0)
		fail_msg("sgplan %s %s: exit %d: %s", file, args, rc, err);
	free(err);
	return dir;
}

double tu_out_metric(const char *dir, const char *metric)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	return tu_summary_value(path, metric);
}

int tu_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int tu_out_exists(const char *dir, const char *file)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	return tu_exists(path);
}

char *tu_out_file(const char *dir, const char *file)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	return tu_read_file(path, NULL);
}

/* DIR/FILE without summary.csv's solve_seconds row, the one row that
 * differs between two runs of the same plan. */
static char *out_file_stable(const char *dir, const char *file)
{
	char *s = tu_out_file(dir, file), *x = strstr(s, "solve_seconds");
	if (x) {
		size_t n = strcspn(x, "\n");
		memmove(x, x + n, strlen(x + n) + 1);
	}
	return s;
}

const char *tu_sggen(void)
{
	static char path[1024];
	const char *bin = getenv("SGPLAN") ? getenv("SGPLAN") : "build/sgplan";
	const char *slash = strrchr(bin, '/');
	snprintf(path, sizeof path, "%.*s/sggen",
		 slash ? (int)(slash - bin) : 1, slash ? bin : ".");
	return path;
}

sg_plan *tu_load_plan(const char *path)
{
	size_t len;
	char *buf = tu_read_file(path, &len);
	sg_diag *dg = sg_diag_new();
	sg_plan *p = NULL;
	if (sg_plan_load(buf, len, path, dg, &p) != 0) {
		sg_diag_print(dg, stderr);
		fail_msg("cannot load %s", path);
	}
	sg_diag_free(dg);
	free(buf);
	return p;
}

const char *tu_generate(const char *name, const char *args)
{
	const char *path = tu_tmp_write(name, "");
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "'%s' %s > '%s'", tu_sggen(), args, path);
	if (system(cmd) != 0)
		fail_msg("%s failed", cmd);
	return path;
}

const char *tu_generate_tree_plan(const char *name, int seed)
{
	char args[200];
	snprintf(args, sizeof args, "--sites 8 --options 8 --quarters 16 "
		 "--regions 3 --seed %d", seed);
	return tu_generate(name, args);
}

void tu_assert_same_reports(const char *a, const char *b,
			    const char *const *files, int n)
{
	for (int i = 0; i < n; i++) {
		char *x = out_file_stable(a, files[i]);
		char *y = out_file_stable(b, files[i]);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
}

sg_result tu_solve_optimal(const sg_plan *p, const sg_solve_opts *o)
{
	sg_model *md = sg_model_new(p, 0);
	sg_diag *dg = sg_diag_new();
	sg_result r;
	assert_int_equal(sg_model_solve(md, o, dg, &r), 0);
	sg_diag_free(dg);
	sg_model_free(md);
	assert_int_equal(r.status, SG_STATUS_OPTIMAL);
	assert_true(r.best_bound <= r.total_cost);
	return r;
}

struct sg_model *tu_relaxed_model(const struct sg_plan *p)
{
	sg_model *md = sg_model_new(p, 0);
	glp_term_out(GLP_OFF);
	glp_scale_prob(md->lp, GLP_SF_AUTO);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(md->lp, &sm), 0);
	assert_int_equal(glp_get_status(md->lp), GLP_OPT);
	return md;
}
