/*
 * signals.h — the signals register of the local ondermijningsoverleg
 * (issue 13; src/registers/signals*.c, docs/registers.md): signals of
 * undermining crime taken in by a member, the meetings of the
 * consultation and their agenda, the weighing of each signal (concrete,
 * recent, part of a pattern; the outcome, with hit/no-hit checks first
 * for a further inquiry), the named handler of a department, the status
 * with its history, the counts without persons, the export and the
 * import of an existing spreadsheet.
 *
 * Who asks is the context's actor (ivp_set_actor). Every call opens the
 * register's key first (a missing or wrong key file: IVP_EINPUT, code
 * keys_*; the rest of ivp keeps working), decides the access to each
 * record with the register's one need-to-know rule and records it in the
 * audit trail. A record the actor may not see is IVP_ENOTFOUND, as if it
 * did not exist (code signal_not_found); one the actor may open only
 * with a reason (a member who is not its handler) is IVP_EINPUT (code
 * reason_required) without `reason`. Personal and free-text fields are
 * stored encrypted; tables hand them out in clear to those who may see
 * them. Tables: caller frees with ivp_table_free. lang: "nl"/"en" labels
 * for the categorical columns, NULL: their keys (the API).
 */
#ifndef IVP_SIGNALS_H
#define IVP_SIGNALS_H

#include <stdint.h>

#include "ivp/ivp.h"

/* A signal as taken in. Categorical fields take their key or their Dutch
 * or English label ("witwassen", "money laundering"). */
typedef struct ivp_signal_in {
	const char *id;						 /* "S-2026-0007", or NULL: the next number of its year */
	const char *received;					 /* YYYY-MM-DD */
	const char *source;					 /* resident, anonymous, department, police, partner */
	const char *phenomenon;					 /* drugs, money_laundering, trafficking, real_estate, care_fraud, omg, other */
	const char *buurt;					 /* CBS buurt code (BU…), or NULL */
	const char *address, *description, *persons, *companies; /* sealed; description required */
} ivp_signal_in;

/* The weighing of a signal in the consultation. */
typedef struct ivp_signal_weighing {
	const char *date;	       /* YYYY-MM-DD */
	int64_t meeting;	       /* the meeting it was weighed in, 0: none */
	int concrete, recent, pattern; /* 0/1 */
	const char *outcome;	       /* none, department, riec, police, inquiry */
	const char *department;	       /* with outcome department: bibob, enforcement, permits, other */
	const char *checks;	       /* hit/no-hit checks ("BRP: hit; KvK: no hit"); required for inquiry; sealed */
	const char *followup;	       /* YYYY-MM-DD or NULL */
	const char *result;	       /* the follow-up's result, or NULL; sealed */
} ivp_signal_weighing;

/* Is the actor a member of the register? (*yes 0/1; the pages' 404 for others) */
IVP_WUR ivp_rc ivp_signals_member(ivp_ctx *ctx, int *yes);
/* Take a signal in (a member of the register only); id gets its number. */
IVP_WUR ivp_rc ivp_signal_add(ivp_ctx *ctx, const ivp_signal_in *in, char id[64]);
/* The signals the actor may see: id, received, source, phenomenon, wijk,
 * status, outcome, handler, intake. */
IVP_WUR ivp_rc ivp_signals_list(ivp_ctx *ctx, const char *lang, ivp_table **out);
/* One signal opened (one row: its fields in clear and its weighing), and
 * in *history (may be NULL) its status history: seq, status, by, at. */
IVP_WUR ivp_rc ivp_signal_show(ivp_ctx *ctx, const char *id, const char *reason, const char *lang,
			       ivp_table **out, ivp_table **history);
IVP_WUR ivp_rc ivp_signal_weigh(ivp_ctx *ctx, const char *id, const ivp_signal_weighing *w,
				const char *reason);
/* Name the department handler (a user, who then sees this one signal); NULL: none. */
IVP_WUR ivp_rc ivp_signal_handler(ivp_ctx *ctx, const char *id, const char *user, const char *reason);
/* received, agenda, weighed, handed_over, inquiry, closed */
IVP_WUR ivp_rc ivp_signal_status(ivp_ctx *ctx, const char *id, const char *status, const char *reason);
/* A meeting of the consultation (orgs: organisation ids, comma-separated); *id its number. */
IVP_WUR ivp_rc ivp_signal_meeting_add(ivp_ctx *ctx, const char *date, const char *orgs, int64_t *id);
/* The meetings: id, date, orgs, signals (on the agenda). Members only. */
IVP_WUR ivp_rc ivp_signal_meetings(ivp_ctx *ctx, ivp_table **out);
IVP_WUR ivp_rc ivp_signal_agenda_add(ivp_ctx *ctx, int64_t meeting, const char *id, const char *reason);
/* The agenda (meeting 0: of every meeting): meeting, date, signal,
 * phenomenon, status — the signals the actor may see. */
IVP_WUR ivp_rc ivp_signal_agenda(ivp_ctx *ctx, int64_t meeting, const char *lang, ivp_table **out);
/*
 * Counts without persons of the weighed signals, what: "phenomenon"
 * (phenomenon × outcome, with totals), "quarter" or "wijk" (the weighed
 * signals per quarter / wijk, parts of the grand total). Counts 1–4 are
 * "< 5" and secondary suppression hides what would give one back ("x");
 * the table's note states the rule. exact: the counts unsuppressed, for
 * a member only (audited).
 */
IVP_WUR ivp_rc ivp_signals_counts(ivp_ctx *ctx, const char *what, int exact, const char *lang,
				  ivp_table **out);
/* Every signal the actor may export, opened (each one audited). */
IVP_WUR ivp_rc ivp_signals_export(ivp_ctx *ctx, const char *reason, const char *lang, ivp_table **out);
/* An existing spreadsheet of signals (CSV, ';' or ','; docs/registers.md)
 * through the import job: one transaction, file:line:field errors, the
 * same file again "unchanged". The importer must be a member. */
IVP_WUR ivp_rc ivp_import_signals(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts,
				  ivp_import_result *out);

#endif /* IVP_SIGNALS_H */
