/*
 * run.h - one sgplan run from options to written reports: what the CLI
 * does after parsing its command line.  Returns an sg_err; messages go to
 * stderr, the human summary to stdout.
 */
#ifndef SGPLAN_RUN_H
#define SGPLAN_RUN_H

typedef struct sg_run_opts {
	const char *file;       /* the plan */
	const char *out;        /* report folder, NULL = reports/STEM */
	const char *export_lp, *export_mps; /* NULL = none */
	const char **whatif;    /* [nwhatif] what-if files */
	int nwhatif;
	int check, quiet, verbose, help, version;
	double mip_gap, time_limit; /* NaN = from the plan */
	long scenarios;          /* -1 = from the plan */
	long stochastic;         /* 0 = none */
	int saa_method;          /* enum sg_saa_method */
	long long seed;          /* -1 = from the plan */
	int threads;             /* 0 = all cores */
	long long dump_scenario; /* -1 = none */
	int certify;             /* -1 auto (nnz < SG_CERTIFY_AUTO_NNZ), 0 no,
				    1 yes (trust.h) */
	int explain;             /* 1: explain.csv (trust.h) */
} sg_run_opts;

void sg_run_opts_init(sg_run_opts *o);
int sg_run(const sg_run_opts *o);

#endif
