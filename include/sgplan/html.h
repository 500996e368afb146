/*
 * html.h - report.html (FORMAT.md "Outputs"): the planner's report of a
 * run, one self-contained page.
 *
 * Calling sequence: after every case is solved (whatif.h), run.c opens
 * report.html in the run's output set (report.h) and calls
 *   sg_report_html(f, cases, ncases);
 * cases[0] is the base; cases[1..] are the what-if cases, compared with
 * the base.  Each case's risk (NULL without scenarios) adds fan charts;
 * the base's shadow (trust.h: sg_shadow_new, computed before, since the
 * writer solves nothing) its shadow prices worth acting on, a section
 * left out when it is NULL.
 *
 * The page uses inline CSS and inline SVG only: no script, font, image or
 * link outside the file, so it opens offline and prints as it shows.  It
 * is also well-formed XML (every element closed, only XML's entities), and
 * every entity name is escaped.  Each chart carries an id (chart-*) and its
 * numbers in an HTML table beside or below it.  The output depends only
 * on the cases (no date, no timing), so reruns give the same bytes.
 */
#ifndef SGPLAN_HTML_H
#define SGPLAN_HTML_H

#include <stdio.h>

#include "sgplan/whatif.h"

/*
 * sg_report_html - write report.html for the solved cases to f.
 * ncases >= 1; cases[i].md and cases[i].res must hold a solved plan.
 * Returns 0, or -1 on a write error (ferror(f)).
 */
int sg_report_html(FILE *f, const sg_case *cases, int ncases);

#endif
