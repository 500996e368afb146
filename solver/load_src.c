/*
 * load_src.c - the plan's source table (plan.h sg_src): for every applied
 * row, where its value and, for a series, the cell behind each quarter
 * came from, kept after loading so that later stages (infeasibility traced
 * to cells, trust.h) can point at FILE:LINE:COLUMN.  Filled at the end of
 * phase 3 from the merged rows, so a what-if's fields carry the what-if
 * file's places.
 */
#include <stdio.h>
#include <string.h>

#include "load_int.h"

/* "attr" or "attr:other", in the plan's arena. */
static const char *attr_text(ld *L, const ld_row *r)
{
	const char *a = sg_ld_attr[r->attr].name;
	if (!r->other)
		return a;
	size_t n = strlen(a) + strlen(r->other) + 2;
	char *s = sg_arena_alloc(L->p->arena, n);
	snprintf(s, n, "%s:%s", a, r->other);
	return s;
}

void sg_ld_sources(ld *L)
{
	sg_plan *p = L->p;
	int n = 0;

	p->src = sg_arena_alloc(p->arena,
				((size_t)L->nrows + 1) * sizeof(sg_src));
	for (int i = 0; i < L->nrows; i++) {
		const ld_row *r = L->rows[i];
		if (r->dead || r->sec == SEC_UNC)
			continue;
		sg_src *s = &p->src[n++];
		s->section = sg_ld_secname[r->sec];
		s->name = sg_arena_strdup(p->arena, r->name ? r->name : "");
		s->attribute = attr_text(L, r);
		s->value = r->fval.loc;
		if (!sg_ld_attr[r->attr].ts)
			continue;
		s->cell = sg_arena_alloc(p->arena,
					 (size_t)L->T * sizeof(sg_loc));
		for (int t = 0; t < L->T; t++)
			s->cell[t] = sg_ld_series_src(r, t)->loc;
	}
	p->nsrc = n;
}

sg_loc sg_plan_where(const sg_plan *p, const char *sec, const char *name,
		     const char *attr, int t)
{
	sg_loc none = { 0 };
	for (int i = 0; i < p->nsrc; i++) {
		const sg_src *s = &p->src[i];
		if (strcmp(s->section, sec) != 0 ||
		    strcmp(s->name, name) != 0 ||
		    strcmp(s->attribute, attr) != 0)
			continue;
		if (s->cell && t >= 1 && t <= p->T)
			return s->cell[t - 1];
		return s->value;
	}
	return none;
}
