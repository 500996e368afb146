/*
 * benchutil.h - what the benchmark programs share: load a plan file or
 * exit with the CLI's status (66 unreadable, 65 bad input, messages on
 * stderr).  The caller frees the plan with sg_plan_free.
 */
#ifndef SG_BENCHUTIL_H
#define SG_BENCHUTIL_H

#include "sgplan/plan.h"

sg_plan *bench_load(const char *path);

#endif
