/*
 * mb.h - the model builder: how model components add columns, rows and
 * coefficients to the one shared MIP without touching GLPK.
 *
 * Calling sequence:
 *   sg_mb *mb = sg_mb_new(names);
 *   j0 = sg_mb_add_cols(mb, n, SG_CONT, SG_LO, 0, 0, 0);  // columns j0..j0+n-1
 *   sg_mb_set_cost(mb, j, c); sg_mb_set_col_bnds(mb, j, SG_FX, 0, 0);
 *   i0 = sg_mb_add_rows(mb, n, SG_UP, 0, cap);            // rows i0..i0+n-1
 *   sg_mb_coef(mb, i, j, v);                              // appended triplet
 *   glp_prob *lp = sg_mb_finish(mb);   // one glp_add_cols/rows/load_matrix
 *   sg_mb_free(mb);
 *
 * Indices are 1-based, as GLPK's.  Zero coefficients are dropped and
 * duplicate (i, j) pairs are summed at finish, so components may add the same
 * pair twice.  Names cost memory and time: they are kept only when the builder
 * was created with names != 0 (for --export-lp/--export-mps and debugging).
 * The builder owns its arrays; the glp_prob returned by finish belongs to the
 * caller (glp_delete_prob).
 */
#ifndef SGPLAN_MB_H
#define SGPLAN_MB_H

typedef struct sg_mb sg_mb;

enum sg_mb_bnd { SG_FR, SG_LO, SG_UP, SG_DB, SG_FX };
enum sg_mb_kind { SG_CONT, SG_BIN };

sg_mb *sg_mb_new(int names);
void sg_mb_free(sg_mb *mb);

/* Reserve n >= 0 columns of one kind, bounds and cost; returns the index of
 * the first (the next free index when n == 0). */
int sg_mb_add_cols(sg_mb *mb, int n, int kind, int bnd, double lb, double ub,
		   double cost);
void sg_mb_set_col_bnds(sg_mb *mb, int j, int bnd, double lb, double ub);
void sg_mb_set_cost(sg_mb *mb, int j, double cost);
void sg_mb_add_cost(sg_mb *mb, int j, double cost);
double sg_mb_cost(const sg_mb *mb, int j);

/* Reserve n >= 0 rows with one bound type; returns the first index. */
int sg_mb_add_rows(sg_mb *mb, int n, int bnd, double lb, double ub);
void sg_mb_set_row_bnds(sg_mb *mb, int i, int bnd, double lb, double ub);

/* Append a[i][j] += v. */
void sg_mb_coef(sg_mb *mb, int i, int j, double v);

/* Names from a format whose only conversions are %s (entity names and
 * quarter labels, escaped so that distinct ones stay distinct in LP and MPS
 * files; see mb.c); no-op without names. */
void sg_mb_name_col(sg_mb *mb, int j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void sg_mb_name_row(sg_mb *mb, int i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A name as it reads in the input: every ~HH of the escaping undone.
 * Caller frees. */
char *sg_mb_plain(const char *name);

int sg_mb_ncols(const sg_mb *mb);
int sg_mb_nrows(const sg_mb *mb);
long sg_mb_nnz(const sg_mb *mb);

/* Build the GLPK problem (minimisation) in bulk: one glp_add_cols, one
 * glp_add_rows, one glp_load_matrix.  May be called once per builder. */
struct glp_prob;
struct glp_prob *sg_mb_finish(sg_mb *mb);

#endif
