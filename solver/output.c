/*
 * output.c - CSV cells and the atomic output set of report.h.
 */
#include "sgplan/report.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sgplan/common.h"

void sg_csv_text(FILE *f, const char *s)
{
	/* FORMAT.md's four, and OWASP's tab and CR (a quoted name may
	 * start with either; 2026-12-08, a helper's audit) */
	int guard = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
	int quote = guard || strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ';
	if (!quote) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	if (guard)
		putc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

void sg_csv_num(FILE *f, double v)
{
	if (!isfinite(v))
		return;
	if (v == 0)
		v = 0; /* no "-0" */
	fprintf(f, "%.17g", v);
}

void sg_csv_pair(FILE *f, const char *a, const char *b)
{
	char *s = sg_xjoin(a, ':', b);
	sg_csv_text(f, s);
	free(s);
}

void sg_csv_metric(FILE *f, const char *name, double v)
{
	fprintf(f, "%s,", name);
	sg_csv_num(f, v);
	putc('\n', f);
}

void sg_csv_label(FILE *f, const sg_plan *P, int t)
{
	char q[8];
	sg_plan_quarter_label(P, t, q);
	fputs(q, f);
}

int sg_mkdirs(const char *dir)
{
	char *p = sg_xstrdup(dir);
	for (char *c = *p ? p + 1 : p; *c; c++) {
		if (*c != '/')
			continue;
		*c = 0;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*c = '/';
	}
	int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

typedef struct outfile {
	char *tmp, *final, *name;
	FILE *f;
} outfile;

struct sg_outset {
	char *dir;
	char *failed; /* the folder where an open last failed, or NULL */
	size_t made;  /* dir's first folder that did not exist: the length
			 of its path (0: dir existed) */
	int n, cap;
	outfile *a;
};

sg_outset *sg_outset_new(const char *dir)
{
	sg_outset *o = sg_xcalloc(1, sizeof *o);
	o->dir = sg_xstrdup(dir);
	struct stat st;
	char *p = sg_xstrdup(dir);
	for (size_t i = 1, n = strlen(p); i <= n && !o->made; i++)
		if (p[i] == '/' || p[i] == 0) {
			char c = p[i];
			p[i] = 0;
			if (stat(p, &st) != 0 && errno == ENOENT)
				o->made = i;
			p[i] = c;
		}
	free(p);
	return o;
}

/* The mode a plain fopen() would give a new file: 0666 less the umask,
 * read once (umask() can only be read by setting it). */
static mode_t create_mode;

static void read_umask(void)
{
	mode_t m = umask(022);
	umask(m);
	create_mode = 0666 & ~m;
}

/*
 * The temporary files in being, for a signal that ends the run (SIGINT,
 * SIGTERM, SIGHUP) to remove before it does: none is left behind.  While
 * an output set's files take their names (sg_outset_commit, once it holds
 * the folder's lock) the signal waits, so that the folder holds one whole
 * run, then acts.  The handler only takes names out of the table and
 * calls unlink, signal and raise (async-signal-safe); the table changes
 * under a mutex.  A name is taken out by an atomic exchange, by the
 * handler or by sg_tmp_forget, so that only the one that took it uses it:
 * a signal on another thread cannot unlink a name sg_tmp_forget has just
 * freed (a helper's review, 2026-12-08).
 */
enum { NTMP = 1024 };
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2,
	       "a signal handler may exchange a pointer only lock-free");
static _Atomic(char *) tmps[NTMP];
static pthread_mutex_t tmps_mu = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t holding, held;

void sg_tmp_remove_all(void)
{
	for (int i = 0; i < NTMP; i++) {
		/* not freed: the run is ending */
		char *p = atomic_exchange(&tmps[i], NULL);
		if (p)
			unlink(p);
	}
}

static void die_of(int sig)
{
	sg_tmp_remove_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_signal(int sig)
{
	if (holding)
		held = sig;
	else
		die_of(sig);
}

void sg_tmp_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		/* one that is ignored (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

static void hold_signals(int on)
{
	holding = on;
	if (!on && held)
		die_of(held);
}

static void tmp_remember(const char *t)
{
	char *c = sg_xstrdup(t);
	pthread_mutex_lock(&tmps_mu);
	for (int i = 0; c && i < NTMP; i++)
		if (!atomic_load(&tmps[i])) {
			atomic_store(&tmps[i], c);
			c = NULL;
		}
	pthread_mutex_unlock(&tmps_mu);
	free(c); /* the table is full: not removed on a signal */
}

void sg_tmp_forget(const char *t)
{
	char *c = NULL;
	pthread_mutex_lock(&tmps_mu);
	for (int i = 0; !c && i < NTMP; i++) {
		const char *p = atomic_load(&tmps[i]);
		if (p && strcmp(p, t) == 0)
			c = atomic_exchange(&tmps[i], NULL);
	}
	pthread_mutex_unlock(&tmps_mu);
	free(c);
}

int sg_tmpfile(const char *final, char **tmp)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, read_umask);
	size_t n = strlen(final) + 16;
	char *t = sg_xmalloc(n);
	snprintf(t, n, "%s.tmpXXXXXX", final);
	int fd = mkstemp(t);
	if (fd < 0) {
		free(t);
		return -1;
	}
	fchmod(fd, create_mode); /* not mkstemp's 0600 */
	tmp_remember(t);
	*tmp = t;
	return fd;
}

FILE *sg_outset_open(sg_outset *o, const char *name)
{
	char *final = sg_xjoin(o->dir, '/', name);
	char *slash = strrchr(final, '/');
	*slash = 0; /* name may hold a sub-folder: create it too */
	int made = sg_mkdirs(final);
	*slash = '/';
	char *tmp = NULL;
	int fd = made == 0 ? sg_tmpfile(final, &tmp) : -1;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
			sg_tmp_forget(tmp);
		}
		*slash = 0;
		free(o->failed);
		o->failed = final;
		free(tmp);
		errno = e;
		return NULL;
	}
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 8;
		o->a = sg_xrealloc(o->a, (size_t)o->cap * sizeof *o->a);
	}
	o->a[o->n++] = (outfile){ tmp, final, sg_xstrdup(name), f };
	return f;
}

static void outset_free(sg_outset *o)
{
	for (int i = 0; i < o->n; i++) {
		sg_tmp_forget(o->a[i].tmp); /* renamed or removed */
		free(o->a[i].tmp);
		free(o->a[i].final);
		free(o->a[i].name);
	}
	free(o->a);
	free(o->dir);
	free(o->failed);
	free(o);
}

const char *sg_outset_where(const sg_outset *o)
{
	return o->failed ? o->failed : o->dir;
}

/* Remove the folders of path (a file in o->dir or below) that are left
 * empty, up to but not including o->dir; path is cut short. */
static void rmdir_up(const sg_outset *o, char *path)
{
	for (char *s; (s = strrchr(path, '/')) && s > path + strlen(o->dir);) {
		*s = 0;
		if (rmdir(path) != 0)
			break;
	}
}

void sg_outset_abort(sg_outset *o)
{
	if (!o)
		return;
	for (int i = 0; i < o->n; i++) {
		if (o->a[i].f)
			fclose(o->a[i].f);
		unlink(o->a[i].tmp);
		rmdir_up(o, o->a[i].tmp); /* a case folder it made */
	}
	/* and the folders it made for dir, if left empty: a failed run
	 * leaves nothing new */
	char *p = o->made ? sg_xstrdup(o->dir) : NULL;
	for (char *s; p && rmdir(p) == 0 && (s = strrchr(p, '/')) &&
		      (size_t)(s - p) >= o->made;)
		*s = 0;
	free(p);
	outset_free(o);
}

static int close_one(outfile *of)
{
	FILE *f = of->f;
	of->f = NULL;
	int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
	return (fclose(f) != 0 || bad) ? -1 : 0;
}

/*
 * The manifest, SG_MANIFEST in the set's folder, lists the files the last
 * committed set wrote there, one relative path a line.  A set that writes
 * fewer (a run without --scenarios after one with, other what-if cases)
 * removes what the last one wrote and it did not: the folder never mixes
 * two runs, and only files sgplan itself wrote are ever removed, never
 * one it has just written, and never a scenario dump.
 */
#define SG_MANIFEST ".sgplan-files"

/* Is name one of the set's, the manifest itself included? */
static int in_set(const sg_outset *o, const char *name)
{
	if (strcmp(name, SG_MANIFEST) == 0)
		return 1;
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->a[i].name, name) == 0)
			return 1;
	return 0;
}

/* The previous manifest's text (NULL when there is none, or when it is
 * not a regular file of at most 16 MiB: a link to /dev/zero put in its
 * place was read until memory ran out, 2026-12-08, a review; such a
 * manifest is no run's, so nothing is pruned by it). */
static char *read_manifest(const sg_outset *o)
{
	char *path = sg_xjoin(o->dir, '/', SG_MANIFEST);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	struct stat st;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (1 << 24)) {
		close(fd);
		return NULL;
	}
	FILE *f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return NULL;
	}
	size_t n = 0, cap = 4096;
	char *s = sg_xmalloc(cap);
	for (size_t k; n < (1 << 24) && (k = fread(s + n, 1, cap - n - 1,
						   f)) > 0;)
		if ((n += k) == cap - 1)
			s = sg_xrealloc(s, cap *= 2);
	s[n] = 0;
	fclose(f);
	return s;
}

/* Is manifest line l a plain relative path: components neither empty,
 * "." nor "..", no control character?  Others (edited by hand) are
 * ignored: they could name a file outside the folder, or one this run
 * wrote under another spelling. */
static int plain_path(const char *l)
{
	for (const char *c = l; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return 0;
	for (const char *c = l;;) {
		size_t n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (!c[n])
			return 1;
		c += n + 1;
	}
}

/* Is path one of the files o has just written (the same file, whatever
 * the spelling)? */
static int written(const sg_outset *o, const char *path)
{
	struct stat a, b;
	if (stat(path, &a) != 0)
		return 0;
	for (int i = 0; i < o->n; i++)
		if (stat(o->a[i].final, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return 1;
	return 0;
}

/* Are the folders of manifest line l under o->dir real folders, not
 * links?  A case folder replaced by a link to another folder would have
 * the files of that name there removed (2026-12-08, a helper's audit:
 * ext/summary.csv, outside the report folder, was). */
static int no_link_on_way(const sg_outset *o, const char *l)
{
	int ok = 1;
	for (const char *s = strchr(l, '/'); ok && s; s = strchr(s + 1, '/')) {
		char *p = sg_xjoin(o->dir, '/', l);
		p[strlen(o->dir) + 1 + (size_t)(s - l)] = 0;
		struct stat st;
		ok = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
		free(p);
	}
	return ok;
}

/* Remove the files old lists that the committed set o did not write, and
 * then their folders if that empties them. */
static void prune(const sg_outset *o, char *old)
{
	for (char *l = old, *e; l && *l; l = e) {
		e = strchr(l, '\n');
		if (e)
			*e++ = 0;
		if (!plain_path(l) || in_set(o, l) || !no_link_on_way(o, l))
			continue;
		char *path = sg_xjoin(o->dir, '/', l);
		if (written(o, path)) {
			free(path);
			continue;
		}
		unlink(path);
		rmdir_up(o, path);
		free(path);
	}
}

void sg_scenario_file(char buf[64], long long i)
{
	snprintf(buf, 64, "scenario-%lld.csv", i);
}

int sg_is_scenario_file(const char *s)
{
	size_t n = strlen(s);
	return strncmp(s, "scenario-", 9) == 0 && n > 13 &&
	       strcmp(s + n - 4, ".csv") == 0 && !strchr(s, '/');
}

/* The manifest of o as one more file of the set, written and closed: its
 * index, or -1 (its name in *failname) when it cannot be.  A scenario
 * dump is left out: it is there to be edited and solved (FORMAT.md), and
 * a later run must not remove it. */
static int add_manifest(sg_outset *o, char *failname, size_t size)
{
	int n = o->n;
	FILE *f = sg_outset_open(o, SG_MANIFEST);
	for (int i = 0; f && i < n; i++)
		if (!sg_is_scenario_file(o->a[i].name))
			fprintf(f, "%s\n", o->a[i].name);
	if (f && close_one(&o->a[n]) == 0)
		return n;
	snprintf(failname, size, "%s/%s", o->dir, SG_MANIFEST);
	return -1;
}

/* Is the place of some file taken by a folder?  rename() would fail on
 * it after others had already replaced their files. */
static int blocked(const sg_outset *o)
{
	struct stat st;
	for (int i = 0; i < o->n; i++)
		if (stat(o->a[i].final, &st) == 0 && S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return i;
		}
	return -1;
}

/* Runs into one folder at the same time commit one after the other: each
 * holds an exclusive lock on the folder while it reads the manifest,
 * renames its files and prunes, so the folder ends with one run's whole
 * set, never file by file from both.  -1 where the folder cannot be
 * locked (a file system without flock): then as before, unserialized. */
static int lock_dir(const sg_outset *o)
{
	int fd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static void unlock_dir(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the lock */
}

/*
 * What a failed rename must undo.  Before the renames each file the set
 * replaces gets a second name (a hard link, the temporary's name with
 * ".old"), so that when a rename fails the files renamed before it can
 * be put back: the folder keeps the last run's whole set, not a mix.
 * old[k]: OLD_NONE no file was there, OLD_KEPT it has its second name,
 * OLD_LOST it could not have one (a file system without hard links): that
 * file alone cannot be put back.
 */
enum { OLD_NONE, OLD_KEPT, OLD_LOST };

static char *old_name(const outfile *of)
{
	return sg_xjoin(of->tmp, '.', "old");
}

static int *keep_old(const sg_outset *o)
{
	int *old = sg_xcalloc((size_t)o->n, sizeof *old);
	for (int k = 0; k < o->n; k++) {
		char *b = old_name(&o->a[k]);
		if (link(o->a[k].final, b) == 0)
			old[k] = OLD_KEPT;
		else
			old[k] = errno == ENOENT ? OLD_NONE : OLD_LOST;
		free(b);
	}
	return old;
}

/* The renames ended after the first done of them: all made (done ==
 * o->n), the second names go; else the files those replaced come back. */
static void settle_old(const sg_outset *o, const int *old, int done)
{
	for (int k = 0; old && k < o->n; k++) {
		char *b = old_name(&o->a[k]);
		int undo = k < done && done < o->n; /* renamed, to put back */
		if (old[k] == OLD_KEPT) {
			if (undo)
				rename(b, o->a[k].final);
			else
				unlink(b);
		} else if (undo && old[k] == OLD_NONE) {
			unlink(o->a[k].final);
		}
		free(b);
	}
}

int sg_outset_commit(sg_outset *o, const char **failed)
{
	static char failname[512];
	int i, lock;
	for (i = 0; i < o->n; i++)
		if (close_one(&o->a[i]) != 0)
			break;
	failname[0] = 0;
	if (i == o->n) /* the manifest joins the set: i stays o->n */
		i = add_manifest(o, failname, sizeof failname) < 0 ? -1 :
									o->n;
	lock = i == o->n ? lock_dir(o) : -1;
	int b = i == o->n ? blocked(o) : -1;
	if (b >= 0)
		i = b;
	char *old = i == o->n ? read_manifest(o) : NULL;
	hold_signals(1);
	int *kept = i == o->n ? keep_old(o) : NULL;
	for (int k = 0; i == o->n && k < o->n; k++)
		if (rename(o->a[k].tmp, o->a[k].final) != 0) {
			i = k;
			break;
		}
	int err = errno; /* the failure to report */
	settle_old(o, kept, i);
	free(kept);
	if (i == o->n) {
		prune(o, old);
		unlock_dir(lock);
		free(old);
		outset_free(o);
		hold_signals(0);
		return 0;
	}
	unlock_dir(lock);
	free(old);
	if (i >= 0)
		snprintf(failname, sizeof failname, "%s", o->a[i].final);
	if (failed)
		*failed = failname;
	sg_outset_abort(o);
	hold_signals(0);
	errno = err; /* the cause, not the clean-up's */
	return SG_EOUTPUT;
}

/* The folder of path p (".", "/" or p up to its last '/'), into buf. */
static const char *folder_of(const char *p, char *buf, size_t n)
{
	const char *s = strrchr(p, '/');
	if (!s)
		return ".";
	size_t len = s == p ? 1 : (size_t)(s - p);
	if (len >= n)
		return NULL;
	memcpy(buf, p, len);
	buf[len] = 0;
	return buf;
}

const char *sg_path_base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

int sg_same_path(const char *a, const char *b)
{
	struct stat x, y;
	if (!strcmp(a, b) || (stat(a, &x) == 0 && stat(b, &y) == 0 &&
			      x.st_dev == y.st_dev && x.st_ino == y.st_ino))
		return 1;
	const char *na = sg_path_base(a), *nb = sg_path_base(b);
	char fa[4096], fb[4096];
	const char *da = folder_of(a, fa, sizeof fa),
		   *db = folder_of(b, fb, sizeof fb);
	return !strcmp(na, nb) && da && db && stat(da, &x) == 0 &&
	       stat(db, &y) == 0 && x.st_dev == y.st_dev &&
	       x.st_ino == y.st_ino;
}
