/*
 * arena.c - the bump arena of common.h.
 *
 * The arena hands out zeroed memory from large blocks and frees all of it
 * in one call.  A request larger than a block gets a block of its own.
 * (The fuzz build links tests/fuzz/fuzz_arena.c in place of this file.)
 */
#include "sgplan/common.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ------------------------------------------------------------ */

#define ARENA_BLOCK ((size_t)64 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

struct blk {
	struct blk *next; /* older block */
	size_t size;      /* usable bytes in data */
	size_t used;      /* bytes handed out */
	max_align_t data[]; /* the memory itself */
};

struct sg_arena {
	struct blk *cur; /* block being filled (head of the list) */
};

sg_arena *sg_arena_new(void)
{
	return sg_xcalloc(1, sizeof(sg_arena));
}

static struct blk *blk_new(size_t size)
{
	struct blk *b;

	if (size > SIZE_MAX - sizeof(struct blk))
		sg_oom();
	b = sg_xcalloc(1, sizeof(struct blk) + size);
	b->size = size;
	return b;
}

/* Zeroed, suitably aligned memory of n bytes, valid until sg_arena_free. */
void *sg_arena_alloc(sg_arena *a, size_t n)
{
	struct blk *b = a->cur;
	void *p;

	if (n > SIZE_MAX - ARENA_ALIGN)
		sg_oom();
	n = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	if (n == 0)
		n = ARENA_ALIGN;
	if (!b || b->size - b->used < n) {
		if (n > ARENA_BLOCK / 4) {
			/* big request: own block, kept behind the current */
			struct blk *big = blk_new(n);
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				a->cur = big;
			}
			big->used = n;
			return big->data;
		}
		b = blk_new(ARENA_BLOCK);
		b->next = a->cur;
		a->cur = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void sg_arena_free(sg_arena *a)
{
	struct blk *b, *next;

	if (!a)
		return;
	for (b = a->cur; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
