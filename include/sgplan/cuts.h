/*
 * cuts.h - site capacity cuts for the MIP search.
 *
 * At site s in quarter t the IT load L[s,t] = sum_a kw_per_rack(a)/1000 *
 * R[a,s,t] is bounded by the IT space row and by the grid row (MODEL.md
 * constraints 5 and 6), each a sum of option steps, and `requires`
 * (constraint 10) lets only some sets S of the site's options be online
 * together.  With integer ON the load is at most
 *   f(S) = min(it(S), grid(S)/pue),
 * while the LP relaxation bounds it by each row on its own: half a grid
 * upgrade and half a phase "give" half of both, although neither alone adds
 * a megawatt the other can use.  The convex hull of (L, ON) at (s,t) bounds
 * L by the concave envelope of f over the allowed sets.  For an LP point,
 * a small LP over those sets finds the envelope's tangent plane at ON*; if
 * L* lies above it, the plane is a valid inequality
 *   L[s,t] <= a0 + sum_k a_k ON[k,t]
 * that cuts the point off.  Its constant is checked against every set, so
 * the cut is valid to rounding whatever the small LP returned.
 *
 * Every second-stage copy of the model (each scenario of the extensive form)
 * has its own cells with its own grid series; the Benders master has none.
 *
 * Calling sequence:
 *   sg_cuts *c = sg_cuts_new(md);             // after the model is built
 *   n = sg_cuts_separate(c, x, add, ctx);     // any number of times
 *   sg_cuts_free(c);
 */
#ifndef SGPLAN_CUTS_H
#define SGPLAN_CUTS_H

#include "sgplan/model.h"

typedef struct sg_cuts sg_cuts;

/* One cut: sum_{i=1..len} val[i]*x[ind[i]] <= rhs (1-based arrays, as
 * GLPK's). */
typedef void sg_cut_fn(void *ctx, int len, const int *ind, const double *val,
		       double rhs);

/* NULL when no site has an option left to decide. */
sg_cuts *sg_cuts_new(const sg_model *md);
void sg_cuts_free(sg_cuts *c);

/* Separate at column values x[1..ncol]: every (site, quarter) cell whose
 * ON values are fractional and whose load lies above the envelope gives one
 * cut to add().  Returns the number of cuts. */
int sg_cuts_separate(sg_cuts *c, const double *x, sg_cut_fn *add, void *ctx);

#endif
