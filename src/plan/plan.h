/*
 * plan.h — the plan model: a plan with its priorities, strategic
 * ambitions, goals, implementation plans, measures, budget and partners,
 * as C structs described by a schema (plan_schema.c).
 *
 * The schema is the one source of truth for the plan file: the YAML reader
 * (plan_yaml.c) fills the structs from it, the writer emits canonical YAML
 * from it, the flattener (used by `plan diff`) walks it, and free walks it.
 * Every struct starts with a pl_hdr that remembers where in the file the
 * item and each of its fields were (1-based line and column), so checks
 * after reading (plan_check.c) can name line:column and field too.
 *
 * Ownership: a pl_plan and everything under it is owned by the plan; free
 * it with ivp__plan_free(). Strings are NUL-terminated heap copies.
 */
#ifndef IVP_PLAN_PLAN_H
#define IVP_PLAN_PLAN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

#define PL_MAXF 24 /* fields per struct */

typedef struct pl_pos {
	int line; /* 1-based; 0 when unknown */
	int col;
} pl_pos;

typedef struct pl_hdr {
	pl_pos at;	   /* where the item starts */
	pl_pos f[PL_MAXF]; /* where each field is (its key) */
	uint32_t set;	   /* bit i: field i was given */
	char *path;	   /* e.g. "priorities[1].ambitions[0]" */
} pl_hdr;

/* A growable array of structs of one schema, or of strings / ints. */
typedef struct pl_arr {
	void *v;
	int n;
} pl_arr;

typedef struct pl_yv { /* a value in a year: baseline, target */
	pl_hdr h;
	double value;
	int year;
	double margin; /* survey margin (half-width of the 95% interval) */
} pl_yv;

typedef struct pl_amount { /* one year's money (measure budget / spent) */
	pl_hdr h;
	int year;
	int64_t cents;
} pl_amount;

typedef struct pl_budget { /* the plan's budget for one year */
	pl_hdr h;
	int year;
	int64_t cents;
	char *source;	/* the dekking, e.g. stelpost 'Enecogelden' */
	char *document; /* the P&C document: Najaarsnota 2023 */
	int structural; /* part of a structural amount (yearly from this year on),
			 * not incidental: the council proposal says so */
} pl_budget;

typedef struct pl_progress { /* a dated progress entry of a measure */
	pl_hdr h;
	char *date;
	char *status;
	char *note;
	char *by;
} pl_progress;

typedef struct pl_output { /* an output figure: sessions held, attendees */
	pl_hdr h;
	char *name;
	int year;
	double value;
} pl_output;

typedef struct pl_measure {
	pl_hdr h;
	char *id;
	char *title;
	char *priority;
	pl_arr goals; /* char * */
	char *owner;
	pl_arr partners; /* char * */
	char *start;
	char *end;
	char *status;	 /* planned / running / done / stopped */
	pl_arr progress; /* pl_progress */
	pl_arr outputs;	 /* pl_output */
	pl_arr budget;	 /* pl_amount */
	pl_arr spent;	 /* pl_amount */
	int illustration;
} pl_measure;

typedef struct pl_impl { /* an implementation plan (uitvoeringsplan) */
	pl_hdr h;
	char *id;
	char *title;
	int from;
	int to;
	char *adopted_by;
	char *adopted;
	pl_arr themes;	 /* priority ids; empty: all */
	pl_arr measures; /* pl_measure */
} pl_impl;

typedef struct pl_goal {
	pl_hdr h;
	char *id;
	char *title;
	char *kind;	 /* effect / output */
	char *indicator; /* engine key or locally registered value key */
	char *unit;
	char *direction; /* lower / higher */
	pl_yv baseline;
	pl_yv target;
	int illustration;
	char *note;
} pl_goal;

typedef struct pl_ambition {
	pl_hdr h;
	char *id;
	char *title;
	pl_arr goals; /* pl_goal */
} pl_ambition;

typedef struct pl_priority {
	pl_hdr h;
	char *id;
	char *title;
	pl_arr fields; /* int: Kernbeleid Veiligheid safety fields 1..5 */
	int cross_cutting;
	pl_arr regional_themes; /* char *: ids of the region's themes (region.c) */
	pl_arr ambitions;	/* pl_ambition */
} pl_priority;

typedef struct pl_partner {
	pl_hdr h;
	char *id;
	char *name;
	char *kind;
} pl_partner;

typedef struct pl_extension {
	pl_hdr h;
	char *until;
	char *decided;
	char *note;
} pl_extension;

typedef struct pl_predecessor {
	pl_hdr h;
	char *title;
	int from;
	int to;
	char *cvdr;
	pl_arr priorities; /* char * */
	pl_arr extensions; /* pl_extension */
} pl_predecessor;

typedef struct pl_plan {
	pl_hdr h;
	int format; /* ivp_plan: 1 */
	char *id;
	char *title;
	char *municipality; /* CBS code GM1926 */
	int from;
	int to;
	char *legal_basis;
	char *college_proposal;
	char *sent_to_council;
	char *adopted;
	char *in_force;
	char *publication;
	char *cvdr;
	pl_predecessor predecessor;
	pl_arr partners;       /* pl_partner */
	pl_arr priorities;     /* pl_priority */
	pl_arr implementation; /* pl_impl */
	pl_arr budget;	       /* pl_budget */
} pl_plan;

/* ---- the schema ------------------------------------------------------------ */

typedef enum pl_type {
	PL_STR,	  /* any scalar, kept as text */
	PL_DATE,  /* YYYY-MM-DD */
	PL_YEAR,  /* int 1900..2199 */
	PL_INT,	  /* int */
	PL_NUM,	  /* double */
	PL_MONEY, /* euros with at most 2 decimals, kept in cents */
	PL_BOOL,
	PL_ENUM,   /* one of enums[] */
	PL_STRS,   /* sequence of scalars */
	PL_INTS,   /* sequence of ints */
	PL_SEQ,	   /* sequence of structs of sub */
	PL_STRUCT, /* embedded struct of sub */
	PL_YEARMAP /* mapping year: money, into a pl_arr of pl_amount */
} pl_type;

typedef struct pl_schema pl_schema;

typedef struct pl_field {
	const char *name;
	pl_type type;
	size_t off;
	int required;
	const pl_schema *sub;
	const char *const *enums; /* NULL-terminated */
	int lo, hi;		  /* PL_INT/PL_INTS range when lo < hi */
} pl_field;

struct pl_schema {
	const char *name; /* for messages: "goal" */
	size_t size;
	const pl_field *fields;
	int nfields;
	const char *key; /* field that identifies an element in diffs ("id", "year") */
};

extern const pl_schema ivp__pl_plan_schema;
extern const pl_schema ivp__pl_measure_schema;
extern const pl_schema ivp__pl_progress_schema;
extern const pl_schema ivp__pl_yv_schema, ivp__pl_budget_schema, ivp__pl_output_schema,
	ivp__pl_impl_schema, ivp__pl_goal_schema, ivp__pl_ambition_schema,
	ivp__pl_priority_schema, ivp__pl_partner_schema, ivp__pl_extension_schema,
	ivp__pl_pred_schema;

/* Index of field `name` in sc, or -1. */
int ivp__pl_field_index(const pl_schema *sc, const char *name);
/* Position of field `name` of an item (its key), or the item's own. */
pl_pos ivp__pl_pos(const pl_hdr *h, const pl_schema *sc, const char *name);
/* 1 when field `name` was given. */
int ivp__pl_has(const pl_hdr *h, const pl_schema *sc, const char *name);

/* ---- problems: everything wrong with a file, in order ------------------------ */

typedef struct pl_problem {
	int line;
	int col;
	char code[48]; /* the stable machine code (docs/errors.md) */
	char field[160];
	char message[256];
	char detail[512];
	char hint[512];
} pl_problem;

typedef struct pl_problems {
	pl_problem *v;
	int n;
	int cap;
	int oom;
	const char *lang; /* the language of the texts ("nl", "en"; NULL: English) */
} pl_problems;

#define PL_MAX_PROBLEMS 200

/* Record a problem with its machine code (message printf-style); detail and
 * hint may be NULL. The format, detail and hint are English catalogue texts
 * (include/ivp/messages_lib.def), written in p->lang: a detail or hint that
 * is formatted in advance takes its format through ivp__pl_tr. */
void ivp__pl_problem(pl_problems *p, const char *code, pl_pos at, const char *field,
		     const char *detail, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void ivp__pl_vproblem(pl_problems *p, const char *code, pl_pos at, const char *field,
		      const char *detail, const char *hint, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));
/* The text of English catalogue text en in p's language (en itself when it
 * has no entry); p may be NULL (English). */
const char *ivp__pl_tr(const pl_problems *p, const char *en);
void ivp__pl_problems_free(pl_problems *p);
/* A table: file, line, column, field, message, detail, hint, code. NULL on OOM. */
ivp_table *ivp__pl_problems_table(const pl_problems *p, const char *file);
/* Put the first problem into ctx's error and return IVP_EINPUT. */
ivp_rc ivp__pl_problems_fail(ivp_ctx *ctx, const pl_problems *p, const char *file);

/* ---- a version's summary (summary.c) ----------------------------------------- */

/* The formats a version's stored (English) summary is written with. */
extern const char *const ivp__sum_import_diff, *const ivp__sum_import_new, *const ivp__sum_measure,
										   *const ivp__sum_status, *const ivp__sum_spent, *const ivp__sum_note, *const ivp__sum_revert;
/* The stored summary in lang ("nl", "en"; NULL: as stored), into out (n bytes). */
void ivp__plan_summary_tr(const char *lang, const char *stored, char *out, size_t n);

/* ---- reading, writing, walking ------------------------------------------------ */

/*
 * Read a plan from YAML text. Returns a plan (caller frees with
 * ivp__plan_free) when the text is well-formed YAML with the right shape;
 * otherwise NULL with the reasons in *probs (syntax errors, unknown or
 * missing fields, wrong types). *oom is set when memory ran out.
 */
pl_plan *ivp__plan_read(const char *text, size_t len, pl_problems *probs);
/* The same reader for any file of the schema's shape (the region file of
 * region.c): read into base (zeroed, sc->size bytes); 0 when well-shaped,
 * else -1 with the reasons in *probs. The caller frees what base holds
 * with ivp__pl_struct_free either way. */
int ivp__pl_read_doc(const char *text, size_t len, const pl_schema *sc, void *base,
		     pl_problems *probs);

/*
 * Canonical YAML of a plan: fixed field order, strings quoted, money with
 * two decimals only when it has cents. Reading it back gives the same
 * plan. Caller frees *out with free(). -1 on out of memory.
 */
int ivp__plan_write(const pl_plan *p, char **out);

/* One "path<TAB>value" line per scalar, elements keyed by id/year. */
int ivp__plan_flatten(const pl_plan *p, ivp__buf *out);

void ivp__plan_free(pl_plan *p);
/* Free what an item of schema sc holds (not the item itself). */
void ivp__pl_struct_free(const pl_schema *sc, void *base);

/* Measures, goals, priorities by id (NULL when absent). */
pl_measure *ivp__plan_measure(const pl_plan *p, const char *id);

/* ---- checks that need the database: plan_check.c ------------------------------- */

/* Add every semantic problem of p (ids, periods, references, indicators). */
ivp_rc ivp__plan_check(ivp_ctx *ctx, const pl_plan *p, pl_problems *probs);

/* region.c: every priority's regional_themes against the themes of the
 * regional plan of the municipality's region, when one is loaded. */
ivp_rc ivp__region_check_plan(ivp_ctx *ctx, const pl_plan *p, pl_problems *probs);

/* 1 when key is an indicator the engine defines; 2 a local value key; 3
 * a register count ("register:NAME", registers/plan_counts.h; the name
 * is checked by ivp__reg_aggregate_known, not here); 0 neither; -1 the store failed (its error in ctx->err). */
int ivp__plan_indicator_kind(ivp_ctx *ctx, const char *key, ivp__indicator_def *def);

/* Money as text: 95000 or 95000.50 (out >= 32 bytes). */
void ivp__money_format(int64_t cents, char *out, size_t n);

#endif /* IVP_PLAN_PLAN_H */
