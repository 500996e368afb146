/*
 * report.h - the output files of FORMAT.md "Outputs", and the safe way to
 * write them.
 *
 * Writers format into a FILE * they are handed and return 0 or -1 on a write
 * error; they never open files.  The output set (sg_outset) writes every file
 * of a run to a temporary name in the destination folder and renames them
 * all only when every one was written completely, so a failed run leaves no
 * partial file (FORMAT.md: "Files are complete or absent").
 */
#ifndef SGPLAN_REPORT_H
#define SGPLAN_REPORT_H

#include <stdio.h>

#include "sgplan/engine.h"

struct sg_risk;

/* CSV cells (RFC 4180).  Text is quoted when needed; a text cell that
 * starts with '=', '+', '-' or '@' gets a leading apostrophe so no
 * spreadsheet reads it as a formula.  Numbers use %.17g (-0 prints 0; a
 * non-finite value prints as an empty cell). */
void sg_csv_text(FILE *f, const char *s);
void sg_csv_num(FILE *f, double v);
void sg_csv_label(FILE *f, const sg_plan *P, int t); /* quarter label */
/* The text cell "a:b" (a pairwise name such as racks:GB300 or site:S). */
void sg_csv_pair(FILE *f, const char *a, const char *b);
/* One "name,value" row of a metric,value file. */
void sg_csv_metric(FILE *f, const char *name, double v);

/* summary.csv; risk may be NULL (no scenarios).  deterministic_cost is
 * written when not NaN (--stochastic). */
int sg_report_summary(FILE *f, const sg_model *md, const sg_result *res,
		      const struct sg_risk *risk, double deterministic_cost);
int sg_report_quarterly(FILE *f, const sg_model *md, const sg_result *res);
int sg_report_builds(FILE *f, const sg_model *md, const sg_result *res);
int sg_report_duals(FILE *f, const sg_model *md, const sg_result *res);

/* The compact human summary for stdout, headed by title (the plan file,
 * or the what-if case). */
void sg_report_console(FILE *f, const sg_model *md, const sg_result *res,
		       const char *title);
/* A quantity for people: 6 significant digits, whole from a million on,
 * no exponent from 1e-4 to 1e15 ("6381026", "12.3457", "0.000125"). */
void sg_print_quantity(FILE *f, double v);
/* A small figure for people, a percent say: 2 significant digits (whole
 * from 10 on), at most 6 decimals, trailing zeros dropped, no exponent
 * below 1e15 ("0.00009", "0.0053", "12", "0" for 1e-14); into buf,
 * which it returns. */
const char *sg_fmt_sig2(char buf[48], double v);

/* Quantities of the reported plan used by several reports.  The load
 * L[s,t] and the grid it draws, pue*L, are on their limit (IT space, grid
 * available) when within rounding of it. */
double sg_site_load(const sg_model *md, const double *x, int s, int t);
double sg_site_grid_used(const sg_model *md, const double *x, int s, int t);
double sg_site_grid_available(const sg_model *md, const double *x, int s,
			      int t);
double sg_fab_capacity(const sg_model *md, const double *x, int f, int t);
int sg_option_online(const sg_model *md, const double *x, int k);
/* Memory output of product p in t (scheduled plus wafers started
 * lead_quarters earlier), memory installed in racks in t, compute served
 * to region r in t. */
double sg_product_output(const sg_model *md, const double *x, int p, int t);
double sg_product_to_racks(const sg_model *md, const double *x, int p,
			   int t);
double sg_region_served(const sg_model *md, const double *x, int r, int t);
/* 1 when the plan builds option k (ON[k,T] = 1), with *online its online
 * quarter as builds.csv reports it (a committed option's earliest, even
 * outside the horizon); else 0. */
int sg_option_built(const sg_model *md, const double *x, int k, int *online);

/* One row of duals.csv: its shadow price in quarter t is
 * sign * dual[base + idx*T + t-1] (see sg_dual_value). */
typedef struct sg_dual_row {
	const char *sec;  /* fab, site, product, region */
	const char *name; /* the entity (borrowed from the plan) */
	const char *con;  /* fab_capacity, it_space, grid, stock, demand */
	const char *unit; /* money/wafer, money/MW, money/unit, ... */
	int base, idx;    /* row block and entity index */
	double sign;      /* -1 for capacity and stock rows, 1 for demand */
} sg_dual_row;

/* Number of duals.csv rows of md's plan: nfab + 2*nsite + nprod + nreg. */
int sg_dual_count(const sg_model *md);
/* Fill rows[0..sg_dual_count-1] in duals.csv order; returns the count. */
int sg_dual_rows(const sg_model *md, sg_dual_row *rows);
/* The reported shadow price (>= 0 at an optimum) of row r in t. */
double sg_dual_value(const sg_model *md, const sg_result *res,
		     const sg_dual_row *r, int t);

/* --- atomic output set ---------------------------------------------- */
typedef struct sg_outset sg_outset;

/* Files go into dir, created (with parents) at the first sg_outset_open. */
sg_outset *sg_outset_new(const char *dir);
/* A stream for dir/name, backed by a temporary file; NULL on failure
 * (errno set). */
FILE *sg_outset_open(sg_outset *o, const char *name);
/* The folder a failed sg_outset_open could not write in (dir itself, or
 * a case's folder below it), else dir. */
const char *sg_outset_where(const sg_outset *o);
/* Close every stream (checking flush and write errors) and rename all;
 * on any failure unlink all and return SG_EOUTPUT with *failed naming the
 * file.  Frees o. */
int sg_outset_commit(sg_outset *o, const char **failed);
/* Unlink every temporary file and free o. */
void sg_outset_abort(sg_outset *o);

/* Do a and b name one file: the same text, an existing file's two names,
 * or one name in one folder reached two ways ("x" and "./x"), before the
 * file exists? */
int sg_same_path(const char *a, const char *b);
/* --dump-scenario's file for scenario i, "scenario-I.csv", into buf; and
 * whether a name in the report folder is such a file. */
void sg_scenario_file(char buf[64], long long i);
int sg_is_scenario_file(const char *s);
/* The file name of path p: what follows its last '/', or p. */
const char *sg_path_base(const char *p);

/* Create a new temporary file beside final (final.tmpXXXXXX, created
 * exclusively, so never through a link someone left there, with the mode a
 * plain fopen() would give final: 0666 less the umask); its
 * name goes to *tmp (caller frees).  Returns the open descriptor, or -1
 * (errno). */
int sg_tmpfile(const char *final, char **tmp);
/* tmp, from sg_tmpfile, was renamed or removed: a signal no longer removes
 * it. */
void sg_tmp_forget(const char *tmp);
/* Install the handlers that remove every temporary file in being when
 * SIGINT, SIGTERM or SIGHUP ends the run (not one that is ignored), and
 * let an output set's renames finish first. */
void sg_tmp_signals(void);
/* Unlink every temporary file in being, for a run that ends at once
 * (async-signal-safe). */
void sg_tmp_remove_all(void);

/* Create dir and its parents; 0 or -1 (errno). */
int sg_mkdirs(const char *dir);

#endif
