/*
 * whatif.h - one solved case (the base or base + one what-if file) and the
 * whatif.csv comparison of FORMAT.md "What-if files".
 */
#ifndef SGPLAN_WHATIF_H
#define SGPLAN_WHATIF_H

#include <stdio.h>

#include "sgplan/engine.h"

struct sg_risk;

struct sg_stoch;

typedef struct sg_case {
	char *name;          /* "base" or the what-if file's unique stem */
	sg_plan *plan;       /* owned */
	sg_model *md;        /* owned: the reported plan's model */
	double build_seconds; /* what building md took */
	double coef_lo, coef_hi; /* md's least and largest |coefficient|
				    (sg_model_coef_range; 0, 0: none) */
	int coef_at[4];      /* their columns and rows (the same) */
	sg_result res;
	struct sg_risk *risk; /* owned, NULL without scenarios */
	struct sg_stoch *stoch; /* owned, NULL without --stochastic */
	struct sg_ranging *ranging; /* owned (trust.h), NULL if not
				       computed */
	struct sg_explain *explain; /* owned (trust.h), NULL without
				       --explain */
	struct sg_shadow *shadow; /* owned (trust.h): its report.html's
				     shadow prices (NULL: not computed) */
} sg_case;

void sg_case_free(sg_case *c);

/* The stem of an input path (FORMAT.md STEM): its file name without a
 * final ".csv" (in any case: "PLAN.CSV" is "PLAN"); *len its length. */
const char *sg_whatif_stem(const char *path, size_t *len);

/* Unique stems of what-if paths: stem, stem-2, stem-3... (never "base" or
 * the name of a file in the reports' folder; a control character becomes
 * '_', and a stem "", "." or ".." is "case").  Caller frees each and the
 * array. */
char **sg_whatif_names(const char *const *paths, int n);

/* Is s the name of a file sgplan writes (or may remove) in a report
 * folder: summary.csv ... report.html, .sgplan-files? */
int sg_report_name(const char *s);
/* The k-th of those names (k from 0), NULL past the last. */
const char *sg_report_name_at(int k);

/* whatif.csv: header metric,base,CASE...; one row per metric. */
int sg_whatif_write(FILE *f, const sg_case *c, int n);

#endif
