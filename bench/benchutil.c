#include "benchutil.h"

#include <glpk.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "sgplan/diag.h"

sg_plan *bench_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(66);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	size_t len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	gsl_set_error_handler_off();
	glp_term_out(GLP_OFF);
	sg_diag *dg = sg_diag_new();
	sg_plan *p = NULL;
	if (sg_plan_load(buf, len, path, dg, &p) != 0) {
		sg_diag_print(dg, stderr);
		exit(65);
	}
	sg_diag_free(dg);
	free(buf);
	return p;
}
