/*
 * plan.h - the in-memory plan: what the loader produces from one CSV file
 * (FORMAT.md) and everything downstream reads.
 *
 * Calling sequence:
 *   sg_diag *dg = sg_diag_new();
 *   sg_plan *p = NULL;
 *   if (sg_plan_load(buf, len, "data/2025.csv", dg, &p) < 0)
 *           ... // errors in dg
 *   ... use p (read-only) ...
 *   sg_plan_free(p);
 *
 * Every reference is resolved to a dense 0-based index, every series to a
 * double[T] with carry-forward applied, every default filled in.  Entities of
 * a kind are in the order of their first row in their own section.  All
 * validation of FORMAT.md "Bad input" (and MODEL.md "Data that makes the model
 * infeasible": initial racks) happens in the loader, so code that takes a
 * const sg_plan * may assume valid data and never re-checks it.
 *
 * Ownership: the plan owns all its memory (one arena); sg_plan_free releases
 * it.  Pointers into a plan are valid until then.
 */
#ifndef SGPLAN_PLAN_H
#define SGPLAN_PLAN_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

struct sg_diag;

/* A count of quarters (lead_quarters, delay_quarters) as kept: FORMAT.md
 * allows any non-negative integer, and past this, more quarters than
 * labels hold (0000Q1..9999Q4), each acts the same. */
#define SG_QUARTERS_MAX 1000000

/* A place in an input file, for messages: 1-based line and column. */
typedef struct sg_loc {
	const char *file; /* file name as given (borrowed from the plan) */
	int line;         /* 1-based physical line; 0 = unknown */
	int col;          /* 1-based character column */
} sg_loc;

typedef struct sg_fab {
	const char *name;
	sg_loc loc;              /* first row in section fab */
	double *wafer_capacity;  /* [T] wafer starts per quarter */
	double *units_per_wafer; /* [nprod] 0 = fab cannot make product */
	double *wafer_cost;      /* [nprod] money per wafer start */
} sg_fab;

typedef struct sg_product {
	const char *name;
	sg_loc loc;
	int lead_quarters;        /* wafer start to output, quarters */
	double initial_inventory; /* I[p,0] */
	double *scheduled_output; /* [T] */
	double holding_cost;      /* money per unit per quarter */
	double *contract;         /* [T] units owed to external customers */
	double shortfall_penalty; /* money per unit short */
} sg_product;

typedef struct sg_platform {
	const char *name;
	sg_loc loc;
	double kw_per_rack;      /* > 0 */
	double compute_per_rack; /* compute units per rack */
	double *rack_cost;       /* [T] money per rack installed */
	double *memory;          /* [nprod] units consumed per rack installed */
	int first_quarter;       /* quarter index (1 = first column; may be <= 0
				    or > T) */
} sg_platform;

typedef struct sg_site {
	const char *name;
	sg_loc loc;
	double *grid_mw;       /* [T] */
	double pue;            /* >= 1 */
	double load_factor;    /* [0,1] */
	double *energy_price;  /* [T] money per MWh */
	double initial_it_mw;  /* MW of IT space before any option */
	double *initial_racks; /* [nplat] */
	sg_loc racks_loc;      /* first initial_racks row (line 0 if none) */
	int has_links;         /* 1 if any serve_cost:REGION row exists */
	unsigned char *link;   /* [nreg] 1 if the site serves region r */
	double *serve_cost;    /* [nreg] money per compute unit served */
} sg_site;

typedef struct sg_region {
	const char *name;
	sg_loc loc;
	double *demand;         /* [T] compute units */
	double unserved_penalty; /* money per compute unit unserved */
} sg_region;

enum sg_target_kind { SG_TARGET_SITE, SG_TARGET_GRID, SG_TARGET_FAB };

typedef struct sg_option {
	const char *name;
	sg_loc loc;
	int kind;          /* enum sg_target_kind */
	int target;        /* site index (SITE, GRID) or fab index (FAB) */
	double capacity;   /* MW or wafer starts per quarter */
	double capex;      /* money, spread over construction quarters */
	double opex;       /* money per quarter online */
	int earliest;      /* quarter index, may be <= 0 or > T; default 1 */
	int lead_quarters; /* construction quarters before online */
	int committed;     /* 0/1 */
	int requires;      /* option index or -1 */
	sg_loc requires_loc; /* the requires row (line 0 if none) */
} sg_option;

/* Uncertainty, resolved per entity (MODEL.md "Uncertainty"). */
typedef struct sg_uncertainty {
	double *demand_vol;   /* [nreg] region's, else demand:*, else 0 */
	double demand_corr;   /* correlation of demand:* */
	double *energy_vol;   /* [nsite] */
	double energy_corr;   /* correlation of energy_price:* */
	double *delay_prob;   /* [nsite] from grid:SITE */
	int *delay_quarters;  /* [nsite] */
} sg_uncertainty;

/* Where one row of the (merged) input put its numbers, for messages that
 * trace a model constraint back to input cells (sg_plan_where). */
typedef struct sg_src {
	const char *section;   /* "site", "option", ... */
	const char *name;      /* entity name ("" for plan rows) */
	const char *attribute; /* normalised: "grid_mw", "initial_racks:P" */
	sg_loc value;          /* the row's value field (may be empty) */
	sg_loc *cell;          /* series: [T] the field (quarter cell or value)
				  that set each quarter; NULL for scalars */
} sg_src;

/* Which plan-level settings were given by a plan row. */
enum {
	SG_SET_DISCOUNT = 1 << 0,
	SG_SET_MIP_GAP = 1 << 1,
	SG_SET_TIME_LIMIT = 1 << 2,
	SG_SET_SCENARIOS = 1 << 3,
	SG_SET_SEED = 1 << 4
};

typedef struct sg_plan {
	const char *file;    /* input file name as given */
	int T;               /* number of quarters */
	int year0, q0;       /* first quarter: year0 Q q0 (q0 in 1..4) */
	char (*qlabel)[8];   /* [T] labels "2025Q1" (NUL-terminated) */

	double discount_rate; /* annual r, > -1; default 0 */
	double mip_gap;       /* default 1e-4 */
	sg_loc gap_loc;       /* its plan row's value (line 0 if none) */
	double time_limit;    /* seconds; 0 = none */
	long scenarios;       /* default 0 */
	uint32_t seed;        /* default 1 */
	unsigned set_flags;   /* SG_SET_* given by plan rows */

	int nfab, nprod, nplat, nsite, nreg, nopt;
	sg_fab *fab;
	sg_product *prod;
	sg_platform *plat;
	sg_site *site;
	sg_region *reg;
	sg_option *opt;
	sg_uncertainty unc;
	int nunc;            /* uncertainty rows applied */
	sg_src *src;         /* [nsrc] every applied row except uncertainty */
	int nsrc;

	int nwarn;           /* warnings emitted while loading */
	struct sg_arena *arena; /* owns everything above */
} sg_plan;

/*
 * sg_plan_load - parse and validate one plan file held in memory.
 * buf/len: the file's bytes (need not be NUL-terminated); fname: the name used
 * in messages and kept in the plan.  Errors and warnings go to dg.
 * Returns 0 and sets *out (caller frees with sg_plan_free), or a negative
 * sg_err (SG_EDATA for bad input) and leaves *out NULL.
 */
int sg_plan_load(const char *buf, size_t len, const char *fname,
		 struct sg_diag *dg, sg_plan **out);

/*
 * sg_plan_load_whatif - the base plan with ONE what-if file merged into it
 * (FORMAT.md "What-if files").  Errors in the what-if file cite its own lines.
 * Returns as sg_plan_load.
 */
int sg_plan_load_whatif(const char *bbuf, size_t blen, const char *bname,
			const char *wbuf, size_t wlen, const char *wname,
			struct sg_diag *dg, sg_plan **out);

void sg_plan_free(sg_plan *p);

/*
 * sg_plan_where - the input field that set attribute attr (normalised, as
 * in sg_src) of entity name in section sec, in quarter t (1-based; any t
 * for a scalar).  Returns its place, or a place with line 0 when no row
 * set the attribute (its default applies).
 */
sg_loc sg_plan_where(const sg_plan *p, const char *sec, const char *name,
		     const char *attr, int t);

/* Quarter label of index t (1 = first column; any int) into buf[8]. */
void sg_plan_quarter_label(const sg_plan *p, int t, char buf[8]);

/* A number in FORMAT.md's syntax, [+-]?(D+(.D*)?|.D+)([eE][+-]?D+)? and
 * finite (no blanks, hex, inf or nan), for the plan file and the command
 * line alike.  Returns 0, -1 (malformed) or -2 (not finite). */
int sg_parse_number(const char *s, double *v);

/* d(t) = (1 + r)^(-(t-1)/4). */
double sg_plan_discount(const sg_plan *p, int t);

/* The first quarter option o may be online by its own timing (MODEL.md
 * constraint 9: e(k) when committed, else max(e(k), 1 + lead_quarters),
 * e <= 0 acting as 1), before what it requires; may lie past T. */
int sg_option_first(const sg_option *o);

/*
 * sg_plan_write - write p back in the input format (one row per attribute,
 * every series in quarter cells, numbers as %.17g) to f, so that loading the
 * output gives the same model.  Returns 0, or -1 on a write error.
 */
int sg_plan_write(const sg_plan *p, FILE *f);

#endif
