/*
 * api.h — the JSON API's handlers (/api/v1/) and the helpers the pages
 * share with them, on top of the HTTP transport (http/http_int.h). The
 * route table (src/serve/routes.c) names the handlers; nothing here knows
 * the route table, the pages or the server.
 *
 * Each handler reads its already checked parameters from the request,
 * calls the same library function as the matching CLI command and answers
 * with http_table / http_json or an error with a stable code
 * (docs/errors.md, "HTTP").
 */
#ifndef IVP_API_H
#define IVP_API_H

#include "http/http_int.h"

/*
 * Run an import of r->upload_file with the form fields kind, year and
 * skip_unknown_regions (POST /api/v1/imports and the import page). 0 with
 * *res filled, or the HTTP status of the error already set in r.
 */
int api_import_run(http_req *r, ivp_import_result *res);
/*
 * The checked form fields of an import (kind, year, skip_unknown_regions)
 * and that a file was sent: 0 with *k and *o set (o->user unset), or the
 * HTTP status of the error already set in r.
 */
int api_import_form(http_req *r, ivp_import_kind *k, ivp_import_opts *o);

/* The plan's canonical YAML as a jansson value; NULL when it cannot be converted. */
struct json_t *api_yaml_json(const char *yaml);
/* The plan JSON as anonymous readers get it: without the progress entries'
 * notes and authors (not public). */
void api_plan_public(struct json_t *plan);

/* api.c */
void api_areas(http_req *r);
void api_indicators(http_req *r);
void api_series(http_req *r);
void api_ranking(http_req *r);
void api_sources(http_req *r);
void api_definitions(http_req *r);
void api_import(http_req *r);
/* api_groups.c */
void api_groups(http_req *r);
/* api_region.c: GET /api/v1/region, /api/v1/region/priorities */
void api_region(http_req *r);
/* api_participation.c: the participation trajectory (public, suppressed; its inputs signed in) */
void api_participation(http_req *r);
/* api_signals.c: the signals register (include/ivp/signals.h) */
void api_signals(http_req *r);
void api_signal(http_req *r);
void api_signal_history(http_req *r);
void api_signal_add(http_req *r);
void api_signal_weigh(http_req *r);
void api_signal_handler(http_req *r);
void api_signal_status(http_req *r);
void api_signal_counts(http_req *r);
void api_signal_export(http_req *r);
void api_signal_meetings(http_req *r);
void api_signal_meeting_add(http_req *r);
void api_signal_agenda(http_req *r);
void api_signal_agenda_add(http_req *r);
/* api_cases.c: the case register (members; every access decided and audited by the library) */
void api_cases(http_req *r);
void api_case_counts(http_req *r);
/*
 * The HTTP side's one authorization of a register record (api_signals.c):
 * the session user's relation to record id of reg (ivp__reg_relation; no
 * such record: hidden), and http_authorize_record for act with reason.
 * answer 1: every refusal answered there (401, 403 reason_required, 404);
 * answer 0 (a page that shows its reason form): 403 returned unanswered.
 * Returns 0 to go on — the library decides again and records the access —,
 * the status, or -1 after a library error (answered).
 */
int api_reg_authorize(http_req *r, ivp__reg reg, const char *id, ivp__reg_act act, const char *reason,
		      int answer);
/* GET /api/v1/signals/expiry, /api/v1/cases/expiry: what expires next month (members; api_cases.c) */
void api_reg_expiry(http_req *r);
void api_case(http_req *r);
void api_case_add(http_req *r);
void api_case_change(http_req *r);
void api_case_person(http_req *r);
void api_case_export(http_req *r);
/* The change a case form asks for (its field op and the others): 0, or -1 for an unknown op. */
struct ivp_case_change;
int api_case_change_of(http_req *r, struct ivp_case_change *ch);
/* api_session.c */
void api_signin(http_req *r);
void api_signout(http_req *r);
/* api_plan.c */
void api_plan(http_req *r);
void api_plan_progress(http_req *r);
void api_plan_history(http_req *r);
void api_measure_progress(http_req *r);
/* The output figure of a progress request (fields output_name, output_year,
 * output_value; the API and the measure page's form) into u: 0 (also when
 * there is none), or -1 with the 400 answered. */
int api_measure_output(http_req *r, ivp_measure_change *u);
/* 0 when r's caller may see what is not public (http_private_ok), else
 * -1 with 401 answered naming what ("A concept report"). */
int api_private(http_req *r, const char *what);
/* api_plan_edit.c */
void api_plan_edit(http_req *r);
void api_plan_revert(http_req *r);
void api_plan_changes(http_req *r);
/* api_report.c */
/* A report's path id "KIND-YEAR" into kind (n bytes) and *year: 0 or -1. */
int api_report_id(const char *id, char *kind, size_t n, int *year);
/* The field "text" of a report text form (stored as r->upload_file; HTTP_P_PROSE) as a
 * malloc'd string of at most 32 KiB + 1 (longer is refused by the library); NULL when
 * none was sent or memory ran out (r->upload_file tells which). A NUL inside becomes
 * a control character, refused as such. */
char *api_report_text_body(http_req *r);
void api_reports(http_req *r);
void api_report(http_req *r);
void api_report_texts(http_req *r);
void api_report_text_set(http_req *r);
void api_report_finalize(http_req *r);

#endif /* IVP_API_H */
