/*
 * testutil.h - helpers shared by the CMocka tests.
 *
 * Tests run with the source tree as working directory.  $SGPLAN names the
 * CLI binary, $SG_TMP a scratch folder (created on demand).
 */
#ifndef SG_TESTUTIL_H
#define SG_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* Read a whole file; caller frees.  Fails the test if it cannot. */
char *tu_read_file(const char *path, size_t *len);

/* Write text to a file under $SG_TMP; returns the path (static buffer
 * rotation of 8, do not free). */
const char *tu_tmp_write(const char *name, const char *text);

/* A fresh scratch directory path under $SG_TMP (removed first if present). */
const char *tu_tmp_dir(const char *name);

/* Run the CLI with a shell command line tail ("FILE --check"); capture
 * stdout and stderr into malloc'd strings (may pass NULL to discard).
 * Returns the exit status. */
int tu_run(char **out, char **err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Value of metric in a summary.csv (metric,value); fails when missing. */
double tu_summary_value(const char *summary_path, const char *metric);

/* Run "sgplan FILE --quiet --out DIR ARGS" into the fresh scratch folder
 * DIR = tu_tmp_dir(name); fails the test unless it exits 0.  Returns DIR
 * (tu_tmp_dir's rotating buffer). */
const char *tu_solve(const char *name, const char *file, const char *args);

/* metric of DIR/summary.csv; DIR/FILE read whole (caller frees). */
double tu_out_metric(const char *dir, const char *metric);
char *tu_out_file(const char *dir, const char *file);

/* The instance generator bench/sggen, built beside $SGPLAN. */
const char *tu_sggen(void);

#endif
