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

/* summary.csv; risk may be NULL (no scenarios).  deterministic_cost is
 * written when not NaN (--stochastic). */
int sg_report_summary(FILE *f, const sg_model *md, const sg_result *res,
		      const struct sg_risk *risk, double deterministic_cost);
int sg_report_quarterly(FILE *f, const sg_model *md, const sg_result *res);
int sg_report_builds(FILE *f, const sg_model *md, const sg_result *res);
int sg_report_duals(FILE *f, const sg_model *md, const sg_result *res);

/* The compact human summary for stdout. */
void sg_report_console(FILE *f, const sg_model *md, const sg_result *res,
		       const char *outdir);

/* Quantities of the reported plan used by several reports. */
double sg_site_load(const sg_model *md, const double *x, int s, int t);
double sg_site_grid_available(const sg_model *md, const double *x, int s,
			      int t);
double sg_fab_capacity(const sg_model *md, const double *x, int f, int t);
int sg_option_online(const sg_model *md, const double *x, int k);

/* --- atomic output set ---------------------------------------------- */
typedef struct sg_outset sg_outset;

/* Files go into dir, created (with parents) at the first sg_outset_open. */
sg_outset *sg_outset_new(const char *dir);
/* A stream for dir/name, backed by a temporary file; NULL on failure
 * (errno set). */
FILE *sg_outset_open(sg_outset *o, const char *name);
/* Close every stream (checking flush and write errors) and rename all;
 * on any failure unlink all and return SG_EOUTPUT with *failed naming the
 * file.  Frees o. */
int sg_outset_commit(sg_outset *o, const char **failed);
/* Unlink every temporary file and free o. */
void sg_outset_abort(sg_outset *o);

/* Create dir and its parents; 0 or -1 (errno). */
int sg_mkdirs(const char *dir);

#endif
