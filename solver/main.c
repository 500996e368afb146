/*
 * main.c - the sgplan command line: parse options, read files, pick exit
 * codes (FORMAT.md "Exit codes").  The only file that opens input files,
 * creates folders or calls exit.
 */
#include <getopt.h>
#include <glpk.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/dist.h"
#include "sgplan/engine.h"
#include "sgplan/report.h"
#include "sgplan/risk.h"
#include "sgplan/stochastic.h"
#include "sgplan/run.h"

static const char usage_line[] =
	"usage: sgplan FILE [--out DIR] [--check] [--mip-gap G] "
	"[--time-limit S]\n"
	"              [--scenarios N] [--stochastic N] [--saa-method M] "
	"[--seed S]\n"
	"              [--threads N]"
	" [--what-if F]... [--export-lp F] [--export-mps F]\n"
	"              [--dump-scenario I] [--certify|--no-certify] "
	"[--explain]\n"
	"              [--quiet|--verbose] [--help] [--version]\n";

static const char help_text[] =
	"Plan fab output, memory allocation, site power and datacenter "
	"phasing\nas one mixed-integer program (GLPK), and evaluate the plan "
	"under demand\nand energy uncertainty (Monte Carlo, GSL).\n\n"
	"  FILE                 the plan (CSV; its format: sgplan(1), "
	"FILE FORMAT)\n"
	"  -o, --out DIR        write reports to DIR (default reports/STEM)\n"
	"      --check          validate FILE (and what-ifs), print an\n"
	"                       inventory and what each what-if adds, exit\n"
	"      --mip-gap G      relative optimality gap (default 1e-4; below\n"
	"                       1e-9, 0 included, it is 1e-9)\n"
	"      --time-limit S   solve (MIP search included) within S "
	"seconds (0 = none;\n"
	"                       each --explain re-solve gets as much)\n"
	"      --scenarios N    evaluate the plan under N Monte Carlo "
	"scenarios\n"
	"                       (with --stochastic: the stochastic plan, "
	"partly in\n"
	"                       sample; both plans also on N fresh ones, "
	"default 1000)\n"
	"      --stochastic N   choose builds for N scenarios (sample "
	"average)\n"
	"      --saa-method M   stochastic plan by 'extensive' form, "
	"'benders'\n"
	"                       decomposition, or 'auto' (default)\n"
	"      --seed S         scenario seed, 0..4294967295 (default 1)\n"
	"      --threads N      threads for the MIP search and scenarios\n"
	"                       (1 to 1024; default: all cores, at most 64;\n"
	"                       results do not depend on it but for\n"
	"                       solve_seconds and a time-limited search)\n"
	"      --what-if F      also solve FILE merged with what-if file F\n"
	"                       (repeatable; each case is FILE plus one F)\n"
	"      --export-lp F    write the MIP in CPLEX LP format to F\n"
	"      --export-mps F   write the MIP in free MPS format to F\n"
	"      --dump-scenario I  write scenario I's inputs as "
	"scenario-I.csv in the\n"
	"                       report folder (a plan to open or solve)\n"
	"      --certify        re-solve the plan's LP in exact arithmetic "
	"and check\n"
	"                       the reported solution (default: when the "
	"LP has\n"
	"                       under 200000 nonzeros); --no-certify: never\n"
	"      --explain        cost of building each option a quarter "
	"later, never,\n"
	"                       or at its earliest (explain.csv)\n"
	"  -q, --quiet          print nothing but errors\n"
	"  -v, --verbose        solver log, build figures, progress\n"
	"  -h, --help           this help\n"
	"  -V, --version        versions of sgplan, GLPK and GSL\n\n"
	"Options override the plan rows of FILE.  A long option may be "
	"shortened to\nany unique prefix (--scen 100); one given twice "
	"keeps its last value,\nbut for --what-if, which adds a case each "
	"time.  Exit status: 0 plan\nwritten, 1 no feasible plan, 64 bad "
	"command line, 65 bad input data,\n66 input cannot be read, 70 "
	"internal error, 73 output cannot be written.\n";

/* A bad command line: the message, once (on MPI rank 0); 64. */
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	if (sg_dist_rank() != 0)
		return 64;
	fputs("sgplan: error: ", stderr);
	va_start(ap, fmt);
	sg_veprintf(fmt, ap); /* a value as typed, escaped */
	va_end(ap);
	fputs("try 'sgplan --help'\n", stderr);
	return 64;
}

/* Parse a number option fully; 0 or -1. */
static int num_arg(const char *s, double lo, double hi, int integral,
		   double *v)
{
	if (sg_parse_number(s, v) != 0 || *v < lo || *v > hi)
		return -1;
	if (integral && *v != floor(*v))
		return -1;
	return 0;
}

enum { O_CHECK = 256, O_GAP, O_TLIM, O_SCEN, O_STOCH, O_SEED, O_THREADS,
       O_WHATIF, O_LP, O_MPS, O_DUMP, O_SAA, O_CERT, O_NOCERT,
       O_EXPLAIN };

static const struct option longopts[] = {
	{ "out", required_argument, NULL, 'o' },
	{ "check", no_argument, NULL, O_CHECK },
	{ "mip-gap", required_argument, NULL, O_GAP },
	{ "time-limit", required_argument, NULL, O_TLIM },
	{ "scenarios", required_argument, NULL, O_SCEN },
	{ "stochastic", required_argument, NULL, O_STOCH },
	{ "seed", required_argument, NULL, O_SEED },
	{ "saa-method", required_argument, NULL, O_SAA },
	{ "threads", required_argument, NULL, O_THREADS },
	{ "what-if", required_argument, NULL, O_WHATIF },
	{ "export-lp", required_argument, NULL, O_LP },
	{ "export-mps", required_argument, NULL, O_MPS },
	{ "dump-scenario", required_argument, NULL, O_DUMP },
	{ "certify", no_argument, NULL, O_CERT },
	{ "no-certify", no_argument, NULL, O_NOCERT },
	{ "explain", no_argument, NULL, O_EXPLAIN },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* One numeric option: name for messages, range, integrality, target. */
static int numeric_opt(const char *name, const char *arg, double lo,
		       double hi, int integral, double *v)
{
	if (num_arg(arg, lo, hi, integral, v) == 0)
		return 0;
	char range[64];
	/* whole bounds in full: 9007199254740991, not 9.00719925474099e+15 */
	snprintf(range, sizeof range, hi < 1e16 && hi == floor(hi) ?
		 "from %g to %.0f" : "from %g to %.15g", lo, hi);
	return usage_error("bad value '%s' for --%s: %s %s", arg, name,
			   integral ? "a whole number" : "a number", range);
}

static int parse_value(int c, const char *arg, sg_run_opts *ro)
{
	double v;
	int rc = 0;
	switch (c) {
	case O_GAP:
		rc = numeric_opt("mip-gap", arg, 0, 1e300, 0, &v);
		ro->mip_gap = v;
		break;
	case O_TLIM:
		rc = numeric_opt("time-limit", arg, 0, 1e300, 0, &v);
		ro->time_limit = v;
		break;
	case O_SCEN:
		rc = numeric_opt("scenarios", arg, 0, 1e9, 1, &v);
		ro->scenarios = (long)v;
		break;
	case O_STOCH:
		rc = numeric_opt("stochastic", arg, 1, 1e9, 1, &v);
		ro->stochastic = (long)v;
		break;
	case O_SEED:
		rc = numeric_opt("seed", arg, 0, 4294967295.0, 1, &v);
		ro->seed = (long long)v;
		break;
	case O_THREADS:
		rc = numeric_opt("threads", arg, 1, 1024, 1, &v);
		ro->threads = (int)v;
		break;
	case O_DUMP:
		/* 2^53 - 1: a larger index would not be read exactly */
		rc = numeric_opt("dump-scenario", arg, 0, 9007199254740991.0,
				 1, &v);
		ro->dump_scenario = (long long)v;
		break;
	}
	return rc;
}

/* How a message names option code c, as given (the command line's text,
 * NULL: not known): "--NAME" when given long, else "-c". */
static const char *opt_name(int c, const char *given, char *buf, size_t n)
{
	int as_long = !given || strncmp(given, "--", 2) == 0;
	for (const struct option *o = longopts; as_long && o->name; o++)
		if (o->val == c) {
			snprintf(buf, n, "--%s", o->name);
			return buf;
		}
	snprintf(buf, n, "-%c", c);
	return buf;
}

/* An unknown long option arg, or a prefix of more than one: 64. */
static int unknown_long(const char *arg)
{
	const char *a = arg + 2;
	size_t n = strcspn(a, "="), k = 0;
	char list[256] = "";
	for (const struct option *o = longopts; o->name; o++)
		if (strncmp(o->name, a, n) == 0 && strlen(list) < 200) {
			snprintf(list + strlen(list), sizeof list -
				 strlen(list), "%s--%s", k++ ? ", " : "",
				 o->name);
		}
	if (strncmp(arg, "--", 2) == 0 && k > 1)
		return usage_error("option '%.*s' is ambiguous: %s",
				   (int)(n + 2), arg, list);
	return usage_error("unknown option '%s'", arg);
}

static int parse_args(int argc, char **argv, sg_run_opts *ro)
{
	int c, rc;
	char name[64];
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': ro->out = optarg; break;
		case O_CHECK: ro->check = 1; break;
		case O_CERT: ro->certify = 1; break;
		case O_NOCERT: ro->certify = 0; break;
		case O_EXPLAIN: ro->explain = 1; break;
		case O_WHATIF:
			ro->whatif = sg_xrealloc(ro->whatif,
				(size_t)(ro->nwhatif + 1) * sizeof(char *));
			ro->whatif[ro->nwhatif++] = optarg;
			break;
		case O_LP: ro->export_lp = optarg; break;
		case O_SAA:
			if (strcmp(optarg, "auto") == 0)
				ro->saa_method = SG_SAA_AUTO;
			else if (strcmp(optarg, "extensive") == 0)
				ro->saa_method = SG_SAA_EXTENSIVE;
			else if (strcmp(optarg, "benders") == 0)
				ro->saa_method = SG_SAA_BENDERS;
			else
				return usage_error("bad value '%s' for "
						   "--saa-method: auto, "
						   "extensive or benders",
						   optarg);
			break;
		case O_MPS: ro->export_mps = optarg; break;
		case 'q': ro->quiet = 1; break;
		case 'v': ro->verbose = 1; break;
		case 'h': ro->help = 1; break;
		case 'V': ro->version = 1; break;
		case ':':
			return usage_error("option '%s' needs a value",
					   opt_name(optopt, argv[optind - 1],
						    name, sizeof name));
		case '?':
			/* getopt_long: optopt is the option met (a short one
			 * unknown, a long one given a value it does not
			 * take), or 0 for an unknown or ambiguous long one */
			if (!optopt)
				return unknown_long(argv[optind - 1]);
			return usage_error(optopt < 256 ?
					   "unknown option '%s'" :
					   "option '%s' takes no value",
					   opt_name(optopt, argv[optind - 1],
						    name, sizeof name));
		default:
			if ((rc = parse_value(c, optarg, ro)) != 0)
				return rc;
		}
	}
	if (ro->help || ro->version)
		return 0;
	if (optind != argc - 1)
		return usage_error("%s", optind >= argc ?
			"no plan file given" : "give exactly one plan file");
	if (ro->quiet && ro->verbose)
		return usage_error("%s", "--quiet and --verbose conflict");
	/* an empty name is no file or folder (and "" would be read past) */
	if (ro->out && !*ro->out)
		return usage_error("%s", "--out needs a folder name");
	if ((ro->export_lp && !*ro->export_lp) ||
	    (ro->export_mps && !*ro->export_mps))
		return usage_error("--export-%s needs a file name",
				   ro->export_lp && !*ro->export_lp ? "lp" :
				   "mps");
	if (ro->export_lp && ro->export_mps &&
	    sg_same_path(ro->export_lp, ro->export_mps))
		return usage_error("%s", "--export-lp and --export-mps name "
				   "the same file");
	ro->file = argv[optind];
	return 0;
}

static int exit_code(int rc)
{
	switch (rc) {
	case SG_OK: return 0;
	case SG_EINFEAS: return 1;
	case SG_EUSAGE: return 64;
	case SG_EDATA: return 65;
	case SG_ENOINPUT: return 66;
	case SG_EOUTPUT: return 73;
	default: return 70;
	}
}

int main(int argc, char **argv)
{
	sg_malloc_tune();
	sg_run_opts ro;
	sg_run_opts_init(&ro);
	gsl_set_error_handler_off();
	if (sg_dist_init(&argc, &argv) != 0) {
		fputs("sgplan: error: cannot initialise MPI\n", stderr);
		return 70;
	}
	sg_tmp_signals();
	int rc = parse_args(argc, argv, &ro);
	/* under mpirun rank 0 alone talks: the other ranks' logs would
	 * repeat its own, with their own timings */
	if (sg_dist_rank() != 0)
		ro.verbose = 0;
	if (rc == 0 && ro.help) {
		if (sg_dist_rank() == 0) {
			fputs(usage_line, stdout);
			fputs(help_text, stdout);
		}
	} else if (rc == 0 && ro.version) {
		if (sg_dist_rank() == 0)
			printf("sgplan %s (GLPK %s, GSL %s)\n", SG_VERSION,
			       glp_version(), GSL_VERSION);
	} else if (rc == 0) {
		rc = exit_code(sg_run(&ro));
	}
	free(ro.whatif);
	glp_free_env();
	sg_dist_finalize();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "sgplan: error: writing output failed\n");
		if (rc == 0)
			rc = 73;
	}
	return rc;
}
