/*
 * load_int.h - internals of the plan loader (load*.c), not for other
 * modules.
 *
 * The loader works in phases (STYLE.md: parse -> validate -> build):
 *   1. load_csv.c   bytes -> records: UTF-8/NUL check, libcsv for the
 *                   values, a pre-scan for the position of every field,
 *                   comments and empty rows dropped.
 *   2. load_rows.c  header -> column map and horizon; records -> rows
 *                   (section, name, attribute checked and normalised,
 *                   entities registered in order of their first row in
 *                   their own section, duplicates and empty rows caught);
 *                   what-if rows merged into the base rows.
 *   3. load.c       rows -> sg_plan: numbers parsed and range-checked,
 *                   series resolved with carry-forward, references
 *                   resolved to indices.
 *   4. load_check.c cross-entity checks (required attributes, penalties,
 *                   requires cycles, committed precedence, horizon
 *                   warnings, initial racks).
 * Rows stay an intermediate representation so that a what-if merges on
 * rows, before series resolve, and the same validation runs on the result;
 * every field keeps the place (file, line, column) it came from.
 *
 * Memory: records, rows and keys live in the scratch arena L->scr, freed
 * when loading ends; names, file names and series go to the plan's arena.
 * Maps own their slot arrays (sg_ld_map_free).
 *
 * Choices where FORMAT.md/MODEL.md leave room (documented for planners):
 * - A field's COLUMN is that of its first character, leading blanks
 *   included (the byte after the comma, or the line start: FORMAT.md's
 *   "that field's first character", before stripping); a cell missing
 *   from a short row points at the row's start.
 *   An error "at a row" points at the row's first field.
 * - A CSV syntax error (bad quote) or a header error ends the checks of
 *   that file: later rows cannot be read reliably.  The initial-racks check
 *   runs only on otherwise valid data.  Everything else is reported in
 *   full.
 * - Trailing empty header cells (as spreadsheets save them) are allowed;
 *   text under them is an error.  A row longer than the header is an
 *   error even when the extra fields are empty.
 * - A line whose first non-blank character is an unquoted '#' is a
 *   comment up to its line end, whatever it holds (quotes included).
 * - What-if headers may hold any subset of the base quarters in any order,
 *   or none.
 * - Whole numbers: lead_quarters and delay_quarters any (past 1000000
 *   read as 1000000), scenarios at most 1000000000, seed at most
 *   4294967295.
 * - '*F' on the volatility of demand:R / energy_price:S with no base row
 *   scales the base volatility of demand:* / energy_price:* (what R or S
 *   resolved to in the base).  "Changes nothing" compares with the base.
 * - A requires cycle points at the requires value of the member that comes
 *   last in option order; committed precedence compares max(1, earliest).
 */
#ifndef SG_LOAD_INT_H
#define SG_LOAD_INT_H

#include <stddef.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/plan.h"

enum ld_sec {
	SEC_PLAN, SEC_FAB, SEC_PROD, SEC_PLAT, SEC_SITE, SEC_REG, SEC_OPT,
	SEC_UNC, NSEC
};

/* Attribute ids: index into sg_ld_attr[]. */
enum ld_attr_id {
	A_DISCOUNT, A_MIPGAP, A_TLIMIT, A_SCEN, A_SEED,
	A_WAFCAP, A_UPW, A_WAFCOST,
	A_PLEAD, A_INITINV, A_SCHED, A_HOLD, A_CONTRACT, A_SHORTPEN,
	A_KW, A_COMPUTE, A_RACKCOST, A_MEMORY, A_FIRSTQ,
	A_GRID, A_PUE, A_LF, A_EPRICE, A_INITIT, A_IRACKS, A_SERVE,
	A_DEMAND, A_UNSERVED,
	A_TARGET, A_CAP, A_CAPEX, A_OPEX, A_EARLIEST, A_OLEAD, A_COMMITTED,
	A_REQUIRES,
	A_VOL, A_CORR, A_DPROB, A_DQ,
	NATTR
};

/* Value kinds. */
enum ld_vk {
	VK_NUM,    /* real number in [lo, hi] (lo excluded when lo_open) */
	VK_INT,    /* whole number in [0, hi] */
	VK_BOOL,   /* 0 or 1 */
	VK_LABEL,  /* quarter label YYYYQn */
	VK_TARGET, /* site:S, grid:S or fab:F */
	VK_OPTION  /* an option name */
};

/* Uncertainty name kinds. */
enum ld_ukind { U_DEMAND, U_ENERGY, U_GRID };

typedef struct ld_attr {
	const char *name; /* as written in column 'attribute' */
	int sec;          /* enum ld_sec */
	int ts;           /* 1: time series */
	int pair;         /* section of the entity after ':', or -1 */
	int vk;           /* enum ld_vk */
	double lo, hi;    /* range of VK_NUM / VK_INT */
	int lo_open;      /* 1: value must be > lo */
	int noscale;      /* 1: '*F' is not allowed in a what-if */
	double def;       /* default (VK_LABEL: 1 = first quarter) */
} ld_attr;

extern const ld_attr sg_ld_attr[NATTR];
extern const char *const sg_ld_secname[NSEC];

/* One field of a record. */
typedef struct ld_fld {
	const char *s;    /* stripped text; "" when empty, never NULL */
	const char *col;  /* header text of its column, for messages */
	sg_loc loc;       /* where the field starts */
	unsigned char wi; /* 1: it comes from a what-if file */
} ld_fld;

typedef struct ld_rec {
	ld_fld *f; /* fields in column order */
	int nf;
} ld_rec;

typedef struct ld_cell {
	int q;    /* 0-based quarter of the base horizon */
	ld_fld f; /* non-empty */
} ld_cell;

typedef struct ld_row {
	int sec, attr;      /* enum ld_sec, enum ld_attr_id */
	int ukind;          /* uncertainty rows: enum ld_ukind */
	const char *name;   /* entity name (uncertainty: "demand:Korea") */
	const char *ent;    /* plan: ""; uncertainty: "*" or the target */
	const char *other;  /* pairwise: the other entity; else NULL */
	const char *key;    /* row identity: section, name, attribute */
	ld_fld fsec, fname, fattr, fval; /* the key fields and value */
	ld_cell *cell;      /* non-empty quarter cells, ascending q */
	int ncell;
	struct ld_row *base; /* merged by a what-if: the base row before */
	unsigned char wadd;  /* added by a what-if (no base row) */
	unsigned char dead;  /* sets nothing (reported): not applied */
} ld_row;

/* String -> int map; keys are borrowed and must outlive the map. */
typedef struct ld_map {
	struct ld_slot {
		const char *k; /* NULL = empty slot */
		size_t n;
		int v;
	} *s;
	size_t cap, used;
} ld_map;

int sg_ld_map_get(const ld_map *m, const char *k, size_t n);
void sg_ld_map_put(ld_map *m, const char *k, size_t n, int v);
void sg_ld_map_free(ld_map *m);

/* The entities of one section, in order. */
typedef struct ld_ents {
	ld_map map;          /* name -> index */
	const char **name;   /* [n] in the plan arena */
	sg_loc *loc;         /* [n] first row in the own section */
	unsigned char *wnew; /* [n] 1: new in the what-if */
	int n, cap;
} ld_ents;

/* One parsed file. */
typedef struct ld_tab {
	const char *file;   /* name, in the plan arena */
	int wi;             /* 1: a what-if file */
	int ok;             /* header usable */
	int empty;          /* no byte but a byte-order mark */
	int ncol;           /* header width */
	int c_sec, c_name, c_attr, c_val; /* column of each key word */
	int *cq;            /* [ncol] base quarter index, or -1 */
	unsigned char *cign; /* [ncol] 1 unit/note/source, 2 empty trailing */
	const char **chead; /* [ncol] header text */
	ld_rec *rec;        /* data records, header first */
	int nrec;
	ld_row **rows;      /* stage-1 rows of this file, in order */
	int nrows, caprows;
	ld_map keys;        /* row key -> index in rows */
} ld_tab;

typedef struct ld {
	sg_diag *dg;
	int nerr0;          /* errors in dg before this load */
	int nwarn0;         /* warnings in dg before this load */
	sg_arena *scr;      /* scratch arena */
	sg_plan *p;         /* the plan being built */
	int T;              /* horizon length (0 until the base header) */
	int a0;             /* absolute index year*4 + q-1 of quarter 1 */
	ld_ents ent[NSEC];  /* entities (plan and uncertainty unused) */
	ld_row **rows;      /* merged rows, in order */
	int nrows, caprows;
	ld_map keys;        /* merged row key -> index in rows */
	ld_map nbsp;        /* field texts warned of holding U+00A0 */
	ld_map lost;        /* "SEC:ATTR:name" of rows whose section or
			     * attribute is misspelt (sg_ld_lost) */
	ld_map dropped;     /* "FILE:LINE" of rows dropped for an error,
			     * their section known (sg_ld_dropped) */
	ld_row **given;     /* [NSEC][entity * NATTR] row that set it */
	ld_row **givenp[NSEC]; /* per section pointer into given */
	double *sb[3];      /* scratch series [T] */
	/* uncertainty: which specific rows were given */
	unsigned char *dvol_set, *evol_set; /* [nreg], [nsite] */
	double dvol_star, evol_star;        /* volatility of demand:*, ... */
} ld;

/* Note that a row setting attribute attr of entity name of section sec
 * (those meant, where misspelt) was lost to an error; sg_ld_was_lost: was
 * one?  A required attribute missing for that reason is not a second
 * error. */
void sg_ld_lost(ld *L, int sec, int attr, const char *name);
int sg_ld_was_lost(const ld *L, int sec, int attr, const char *name);
/* The same for a row known only by its texts (a record left out for a
 * CSV error in a later field): section, name and attribute as written. */
void sg_ld_lose_row(ld *L, const char *sec, const char *name,
		    const char *attr);

/* Note that row w, its section known, was dropped for an error, as a
 * row of section sec; sg_ld_dropped_sec: the section of the row dropped
 * whose first line is at loc, or -1. */
void sg_ld_drop(ld *L, const ld_row *w, int sec);
int sg_ld_dropped_sec(const ld *L, sg_loc loc);

/* Errors reported by this load so far. */
int sg_ld_nerr(const ld *L);

/* load_csv.c: bytes -> records (comments and empty rows dropped).
 * Returns 0; -1 after CSV syntax errors (reported) in records it left
 * out, the others read; -2 when nothing can be read (not text, or the
 * header among the bad records). */
int sg_ld_csv(ld *L, ld_tab *t, const char *buf, size_t len);

/* load_rows.c */
int sg_ld_header(ld *L, ld_tab *t);
void sg_ld_rows(ld *L, ld_tab *t);
void sg_ld_take_base(ld *L, ld_tab *t);
void sg_ld_merge(ld *L, ld_tab *w);
int sg_ld_parse_label(const char *s, int *abs);
/* " (did you mean '2025Q1'?)" for a quarter written otherwise ("2025q1",
 * "Q1 2025", "2025-Q1"), or "". */
const char *sg_ld_label_hint(ld *L, const char *s);
const char *sg_ld_suggest(ld *L, const char *s, const char *const *c,
			  int n);
const char *sg_ld_dym(ld *L, const char *sugg); /* " (did you mean..)" */
char *sg_ld_strip(ld *L, const char *s, size_t n); /* blanks trimmed */
char *sg_ld_split(ld *L, const char *s, char **tail); /* at 1st ':' */
int sg_ld_is_new(ld *L, const ld_row *r); /* entity new in the what-if */
const char *sg_ld_rowdesc(ld *L, const ld_row *r); /* "site 'X' pue" */
char *sg_ld_rowkey(ld *L, int sec, const char *name, int attr,
		   const char *other);
void sg_ld_tab_free(ld_tab *t);

/* load.c */
/* F of a what-if's '*F' in s (which starts with '*'; blanks may follow it,
 * as in '* 1.1'), as sg_parse_number parses it: 0, or < 0 when F is not a
 * number. */
int sg_ld_factor(const char *s, double *v);

int sg_ld_num(ld *L, const ld_row *r, const ld_fld *f, double base,
	      double *v, int rep);
int sg_ld_series(ld *L, const ld_row *r, const ld_fld *val,
		 const ld_cell *cell, int ncell, const double *base,
		 double *out, int rep);
const ld_fld *sg_ld_series_src(const ld_row *r, int t);

/* load_check.c */
void sg_ld_check(ld *L);

/* load_src.c: the plan's source table (sg_src) from the merged rows. */
void sg_ld_sources(ld *L);

/* Description of a row's owner for messages: "site 'Pohang'", "plan". */
char *sg_ld_owner(ld *L, const ld_row *r);

#endif
