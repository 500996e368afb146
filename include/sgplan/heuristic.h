/*
 * heuristic.h - primal heuristic for the MIP search: round the ON values of
 * an LP relaxation (at several thresholds, repaired for monotonicity and
 * `requires`), fix them in a private copy of the model and solve the LP in
 * the other variables, warm from the last basis; or dive, rounding a few
 * options at a time and solving the relaxation again in between.  A
 * candidate that beats the cutoff is handed to GLPK as a new incumbent
 * (glp_ios_heur_sol).
 *
 * Calling sequence: h = sg_heur_new(md, end) before glp_intopt (it copies
 * md's LP, so GLPK's branching bounds and cuts never reach it);
 * sg_heur_round(), sg_heur_dive() and sg_heur_rins() from the callback;
 * sg_heur_free(h).  Once sg_now() passes end (INFINITY: never) they start
 * no more work: the rounding tries no further threshold, the dive and RINS
 * return NULL at once, and a dive or RINS under way ends by then, give or
 * take its last LP solves.
 */
#ifndef SGPLAN_HEURISTIC_H
#define SGPLAN_HEURISTIC_H

#include "sgplan/model.h"

typedef struct sg_heur sg_heur;

sg_heur *sg_heur_new(const sg_model *md, double end);
void sg_heur_free(sg_heur *h);
/* Start the copies' LPs from basis b (of md's LP) rather than md's. */
struct sg_basis;
void sg_heur_set_basis(sg_heur *h, const struct sg_basis *b);

/* rel: column values [1..ncol] of a relaxation; thresholds: n of them.
 * Returns the best plan's column values (owned by h, valid until the next
 * call) when its cost is below cutoff, with *obj set; else NULL. */
const double *sg_heur_round(sg_heur *h, const double *rel,
			    const double *thresholds, int n, double cutoff,
			    double *obj);

/* Dive: from the relaxation in node (a problem with the MIP's columns
 * first, solved; it is copied, not changed), fix each option whose ON
 * values lie nearest their rounding at 1/2, a quarter of the options with
 * a fractional ON at a time, at that rounding in every quarter, and solve
 * again, until no ON is fractional or the bound reaches cutoff.  The LP
 * shifts what one rounding costs onto the options still free.  Once
 * sg_now() passes deadline (INFINITY: never, and the dive is the same on
 * any machine) every option is fixed at its rounding in one round.
 * Returns the plan's columns (owned by h) when below cutoff, with *obj
 * set; else NULL. */
const double *sg_heur_dive(sg_heur *h, struct glp_prob *node, double cutoff,
			   double deadline, double *obj);

/* RINS: the MIP with every ON on which the relaxation rel and the
 * incumbent inc (column values [1..ncol]) agree fixed at that value, the
 * rest searched for at most `nodes` nodes and, when seconds > 0, at most
 * that long (a time limit makes the result depend on the machine).
 * Returns the better plan's columns (owned by h) when below cutoff, with
 * *obj set; else NULL. */
const double *sg_heur_rins(sg_heur *h, const double *rel, const double *inc,
			   long nodes, double seconds, double cutoff,
			   double *obj);

/* Seconds spent in the heuristic so far. */
double sg_heur_seconds(const sg_heur *h);

/* Simplex iterations of the rounding LPs so far: a measure of its work
 * that, unlike seconds, is the same on every machine and thread count. */
long sg_heur_iterations(const sg_heur *h);

#endif
