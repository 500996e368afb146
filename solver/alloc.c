/*
 * alloc.c - the allocation wrappers of common.h.
 *
 * The sg_x* wrappers never return NULL: on failure they print
 * "sgplan: out of memory" on stderr and exit 70 (EX_SOFTWARE), the single
 * out-of-memory policy of the program (STYLE.md section 4).
 */
#include "sgplan/common.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

_Noreturn void sg_oom(void)
{
	fputs("sgplan: out of memory\n", stderr);
	exit(70);
}

/* GLPK allocates each simplex call's work arrays afresh (a few MB on the
 * large plans, at every node, trial LP and heuristic LP).  With glibc's
 * defaults, blocks that large are mapped and unmapped each time, freed
 * heap tops are given back at once, and each thread's arena maps and drops
 * heaps of its own, so every call faults its pages in anew: a profile of
 * 50x8x40 seed 2's subtrees found a fifth of the time in page faults,
 * memset and memmove.  Kept in one heap (32 MiB is the largest mmap
 * threshold glibc accepts) and trimmed only past 256 MiB, 50x8x40 seed 16
 * is proven in 43.2 s against 51.3 s (no time limit, 2 threads, the same
 * search) with the same peak memory, 644 MB; with an arena per thread it
 * took 947 MB for the same time. */
void sg_malloc_tune(void)
{
#ifdef __GLIBC__
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

void *sg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		sg_oom();
	return p;
}

void *sg_xcalloc(size_t n, size_t size)
{
	void *p;

	if (n && size > SIZE_MAX / n)
		sg_oom();
	p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		sg_oom();
	return p;
}

void *sg_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		sg_oom();
	return q;
}

char *sg_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = sg_xmalloc(n);
	memcpy(d, s, n);
	return d;
}

char *sg_xjoin(const char *a, char sep, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = sg_xmalloc(na + nb + 2);
	memcpy(s, a, na);
	s[na] = sep;
	memcpy(s + na + 1, b, nb + 1);
	return s;
}

/* String copies into an arena, on top of sg_arena_alloc (solver/arena.c,
 * or tests/fuzz/fuzz_arena.c in the fuzz build). */
char *sg_arena_strndup(sg_arena *a, const char *s, size_t n)
{
	char *d;

	if (n == SIZE_MAX)
		sg_oom();
	d = sg_arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *sg_arena_strdup(sg_arena *a, const char *s)
{
	return sg_arena_strndup(a, s, strlen(s));
}
