/*
 * diag.h - the diagnostics sink: errors and warnings tied to a place in an
 * input file, collected, then printed sorted.
 *
 * Calling sequence: sg_diag_new(); modules call sg_diag_error/warning while
 * working; the CLI calls sg_diag_print(dg, stderr) and sg_diag_free(dg).
 * Messages are printed as
 *   FILE:LINE:COLUMN: error: WHAT
 *   FILE:LINE:COLUMN: warning: WHAT
 * or, with line 0, as "FILE: error: WHAT" / "sgplan: error: WHAT" when no file
 * is named.  Per file, at most SG_DIAG_MAX_ERRORS errors are printed, sorted
 * by (line, column, order of report); then "FILE: note: N more errors".
 * Warnings are printed in the same sort, interleaved with errors.
 */
#ifndef SGPLAN_DIAG_H
#define SGPLAN_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include "sgplan/plan.h"

#define SG_DIAG_MAX_ERRORS 50

typedef struct sg_diag sg_diag;

sg_diag *sg_diag_new(void);
void sg_diag_free(sg_diag *dg);

/* Record an error/warning at loc (loc.file may be NULL: "sgplan:" prefix).
 * printf-style message.  Always returns SG_EDATA, so callers can write
 * "return sg_diag_error(...)". */
int sg_diag_error(sg_diag *dg, sg_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void sg_diag_warning(sg_diag *dg, sg_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print file's messages before those of files first reported later
 * (files print in the order of their first message otherwise). */
void sg_diag_file_first(sg_diag *dg, const char *file);

/* A note: context for the messages before it, never counted. */
void sg_diag_note(sg_diag *dg, sg_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

int sg_diag_nerrors(const sg_diag *dg);
/* Errors recorded so far located in file (cumulative). */
int sg_diag_nerrors_in(const sg_diag *dg, const char *file);
int sg_diag_nwarnings(const sg_diag *dg);
/* The positions of the last n errors recorded and not yet printed, in
 * order of report, into loc[0..]; loc[i].file is NULL for one without a
 * file (and stays valid until the next print).  Returns how many there
 * were (fewer than n when fewer are held). */
int sg_diag_last_errors(const sg_diag *dg, int n, sg_loc *loc);

/* Forget the warnings recorded and not yet printed (--quiet); the counts
 * stay. */
void sg_diag_drop_warnings(sg_diag *dg);

/* Print everything recorded so far, sorted, then forget it.  A message
 * recorded again at the same position (a what-if case loads its base
 * again) is printed once. */
void sg_diag_print(sg_diag *dg, FILE *f);

/* Write s to f with its control characters as a message writes them
 * (\n, \r, \t, \xNN): a name from the input on standard output cannot
 * send a terminal escape (2026-12-08, a helper's audit: an option named
 * "K\x1b[2J" cleared the screen). */
void sg_put_plain(FILE *f, const char *s);

/* printf fmt to stderr as one line: its control characters escaped as
 * above, then a line end (fmt has none).  For the messages not recorded
 * in a diagnostics list that quote a path ("cannot read 'F'"). */
void sg_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sg_veprintf(const char *fmt, va_list ap);

/* The closest of n candidate names to s (Damerau-Levenshtein, as git's
 * help.c), or NULL when none is close enough to suggest. */
const char *sg_diag_suggest(const char *s, const char *const *cand, int n);

#endif
