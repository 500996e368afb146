/*
 * common.h - error codes and the allocation wrappers every module uses.
 *
 * Library functions return 0 or a negative sg_err; only solver/main.c maps
 * them to exit codes (FORMAT.md "Exit codes").  The sg_x* allocators never
 * return NULL: on failure they print "sgplan: out of memory" and exit 70.
 */
#ifndef SGPLAN_COMMON_H
#define SGPLAN_COMMON_H

#include <stddef.h>

enum sg_err {
	SG_OK = 0,
	SG_EINFEAS = -1,  /* no feasible plan: exit 1 */
	SG_EUSAGE = -64,  /* bad command line: exit 64 */
	SG_EDATA = -65,   /* bad input data: exit 65 */
	SG_ENOINPUT = -66, /* input cannot be read: exit 66 */
	SG_EINTERNAL = -70, /* internal error: exit 70 */
	SG_EOUTPUT = -73  /* output cannot be written: exit 73 */
};

/* The largest number an input cell may hold, and a cost or coefficient
 * of the model: GLPK fails on larger ones (a holding cost of 1.7e308
 * failed an assertion in its dual simplex, a demand of 1e307 one in its
 * search), and products of them overflow double precision. */
#define SG_NUM_MAX 1e150
/* The smallest one other than 0: GLPK's scaling fails on smaller ones
 * (a kw_per_rack of 1e-200, or a capacity of 1e-300, stopped it with
 * "invalid scale factor", exit 70; 2026-12-08, a helper's audit). */
#define SG_NUM_MIN 1e-150
/* The widest span of the model's coefficients (greatest over least) it
 * solves: past it GLPK's simplex called a feasible model infeasible
 * (from about 1e66); no plan in sensible units comes near (MODEL.md warns
 * from 1e12, the unit tests reach about 1e18). */
#define SG_SPAN_MAX 1e30

/* Print "sgplan: out of memory" and exit 70. */
_Noreturn void sg_oom(void);

void *sg_xmalloc(size_t n);
void *sg_xcalloc(size_t n, size_t size);
void *sg_xrealloc(void *p, size_t n);
char *sg_xstrdup(const char *s);
/* Tune the C library's allocator for the solver's large short-lived
 * blocks; call once, first thing in main (alloc.c says why). */
void sg_malloc_tune(void);
/* "a" sep "b" in a new string (caller frees): "memory:HBM3E", "dir/x". */
char *sg_xjoin(const char *a, char sep, const char *b);
/* Length of the valid UTF-8 sequence at b[i] (of len bytes), or 0 when
 * it is not one (load_csv.c). */
size_t sg_utf8_len(const unsigned char *b, size_t len, size_t i);

/*
 * Arena: bump allocation, freed in one call.  Memory is zeroed.
 */
typedef struct sg_arena sg_arena;
sg_arena *sg_arena_new(void);
void *sg_arena_alloc(sg_arena *a, size_t n);
char *sg_arena_strdup(sg_arena *a, const char *s);
char *sg_arena_strndup(sg_arena *a, const char *s, size_t n);
void sg_arena_free(sg_arena *a);

#endif
