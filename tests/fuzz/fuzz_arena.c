/*
 * fuzz_arena.c - the arena of common.h for the fuzz build only: every
 * sg_arena_alloc is its own heap object, so AddressSanitizer sees an
 * overflow past any arena allocation (solver/arena.c packs them into
 * 64 KiB blocks, where ASan cannot).  Linked before libsgplan.a, it
 * replaces arena.o entirely (this file defines every symbol of it).
 * Same contract: zeroed, aligned memory; out of memory exits 70 (through
 * the sg_x* allocators of solver/alloc.c).
 */
#include "sgplan/common.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct obj {
	struct obj *next;
	max_align_t data[]; /* exactly the bytes asked for */
};

struct sg_arena {
	struct obj *head;
};

sg_arena *sg_arena_new(void)
{
	return sg_xcalloc(1, sizeof(sg_arena));
}

void *sg_arena_alloc(sg_arena *a, size_t n)
{
	struct obj *o;

	if (n > SIZE_MAX - sizeof(struct obj))
		sg_oom();
	o = sg_xcalloc(1, sizeof(struct obj) + n);
	o->next = a->head;
	a->head = o;
	return o->data;
}

void sg_arena_free(sg_arena *a)
{
	struct obj *o, *next;

	if (!a)
		return;
	for (o = a->head; o; o = next) {
		next = o->next;
		free(o);
	}
	free(a);
}
