/*
 * branch.h - pseudocost branching for the MIP search, with pseudocosts
 * shared by the quarters of one option.
 *
 * GLPK's own pseudocost branching starts every column's pseudocost with a
 * trial (a copy of the node LP, the column fixed, 30 dual simplex
 * iterations) for each direction.  ON[k,t] has a column per quarter, and on
 * 20x8x24 these trials took half of the search time.  Here a column with no
 * history of its own borrows the mean of its option's other quarters; only
 * an option with no history at all pays for a trial, once per direction.
 * History comes from the branchings themselves: the change of the LP
 * bound per unit change of the column, child against parent.
 *
 * Calling sequence (glp_intopt's callback):
 *   sg_branch *b = sg_branch_new(md);
 *   io.cb_size = sg_branch_node_size();
 *   ... at GLP_IBRANCH: sg_branch_choose(b, tree, end);
 *   sg_branch_free(b);
 *
 * Searches of subtrees side by side (solve.c) start from clones of one
 * object and pool what they learn at each meeting (lockstep.h):
 *   c[i] = sg_branch_clone(b);  ...  sg_branch_sync(c, n);
 */
#ifndef SGPLAN_BRANCH_H
#define SGPLAN_BRANCH_H

#include <glpk.h>
#include <stddef.h>

#include "sgplan/model.h"

typedef struct sg_branch sg_branch;

sg_branch *sg_branch_new(const sg_model *md);
void sg_branch_free(sg_branch *b);

/* Bytes of per-node data the branching keeps (glp_iocp.cb_size). */
size_t sg_branch_node_size(void);

/* What the branching did so far. */
typedef struct sg_branch_stats {
	long branched; /* nodes it chose the branching of */
	long trials;   /* trial LPs for options with no history */
	long infeasible; /* of them, branches found to have no solution */
	long learned;  /* pseudocost observations from child nodes */
} sg_branch_stats;

sg_branch_stats sg_branch_get_stats(const sg_branch *b);

/* Learn from the current node's LP, then choose its branching column and
 * the branch to solve first (glp_ios_branch_upon).  Once sg_now() reaches
 * end (the search's time limit; INFINITY: none) no more trial LPs are run
 * and the best column scored so far is taken: the search stops before the
 * next node, and a choice full of trials could run seconds past it. */
void sg_branch_choose(sg_branch *b, glp_tree *tree, double end);

/* Outside a search: the column sg_branch_choose would branch on at lp's
 * current (optimal) solution, trials included; 0 when no integer column
 * is fractional. */
int sg_branch_pick(sg_branch *b, glp_prob *lp);

/* A copy of b's pseudocosts (its statistics start at 0). */
sg_branch *sg_branch_clone(const sg_branch *b);

/* Pool what each of b[0..n-1], clones of one object, learned since the
 * last sync (or the clone), adding in index order, and give every one the
 * sum: the result does not depend on when each learned it. */
void sg_branch_sync(sg_branch *const *b, int n);

#endif
