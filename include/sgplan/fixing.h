/*
 * fixing.h - reduced-cost fixing of ON at the pruning cutoff.
 *
 * At an optimal basis of a node's LP, every solution x of that LP costs
 * at least obj + sum d_j (x_j - x*_j) over any set of non-basic columns j,
 * as each term is >= 0.  A plan with ON[k,t] = 1 has ON[a,u] = 1 for
 * every u >= t, for k and each option k requires (constraints 9 and 10),
 * so it costs at least obj plus the reduced costs of those ON[a,u] that
 * sit at their lower bound; a plan with ON[k,t] = 0 has ON[a,u] = 0 for
 * every u <= t, for k and each option that requires k, and costs at least
 * obj plus minus the reduced costs of those at their upper bound.  GLPK
 * fixes a column whose own reduced cost alone lifts the bound to the
 * incumbent; these sums reach further, and the search (solve.c) compares
 * them with its pruning cutoff rather than the incumbent.
 */
#ifndef SGPLAN_FIXING_H
#define SGPLAN_FIXING_H

#include <glpk.h>

#include "sgplan/model.h"

/* For each ON[k,t] of md at lp's optimal basis (index k*T + t - 1): up,
 * the least rise of lp's objective for a solution with ON[k,t] = 1, and
 * dn, for one with ON[k,t] = 0.  scratch: 2*nopt*T doubles. */
void sg_fix_costs(const sg_model *md, glp_prob *lp, double *up, double *dn,
		  double *scratch);

/* Fixes at its bound every non-basic ON of lp whose flip raises the
 * objective to cutoff or more (sg_fix_costs); the basic solution stays
 * optimal.  Returns how many it fixed.  scratch: 4*nopt*T doubles. */
int sg_fix_at_cutoff(const sg_model *md, glp_prob *lp, double cutoff,
		     double *scratch);

#endif
