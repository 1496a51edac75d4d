/*
 * pg_migrations.c — the PostgreSQL schema, as numbered migrations in its
 * own dialect, applied at open (pg_store.c) inside one transaction each,
 * under an advisory lock so that the worker threads of a server opening a
 * fresh database at once run each migration exactly once.
 *
 * The numbers follow the SQLite engine's (src/store/sqlite/migrations.c),
 * so ivp_schema_version() means the same on both: 1 imports, code lists,
 * population, definitions; 2 the plan; 3 users; 4 boundaries; 5 series;
 * 6 report texts; 7 comparison groups; 8 organisations; 9 the audit
 * trail; 10 participation; 11 TOTP and the throttle's index; 12 the
 * registers' vault, membership and retention, and the audit reason; 13 the
 * signals register. Migration 1 here has no table
 * `fact`: this engine started with series (migration 5). Never edit a
 * migration that has shipped: add the next number.
 *
 * Dialect notes: every text that is sorted or compared is COLLATE "C", so
 * ORDER BY gives SQLite's byte order whatever the cluster's locale; times
 * are text in the same ISO form (ivp_now()); a series is bytea (the value
 * of store/series.h); the data version is a sequence (pg_store.c).
 */
#include <stdio.h>
#include <string.h>

#include "store/pg/pg_int.h"

#define T " text COLLATE \"C\" "
#define NOW "ivp_now()"

typedef struct pg_migration {
	int version;
	const char *sql;
} pg_migration;

static const pg_migration migrations[] = {
	{
		1,
		"CREATE FUNCTION ivp_now() RETURNS text LANGUAGE sql STABLE AS "
		"$$SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')$$;"
		"CREATE SEQUENCE ivp_data_version;"
		"CREATE TABLE import ("
		" id bigserial PRIMARY KEY,"
		" kind" T "NOT NULL,"
		" layout" T "NOT NULL,"
		" file_name" T "NOT NULL,"
		" sha256" T "NOT NULL,"
		" options" T "NOT NULL DEFAULT '',"
		" rows bigint NOT NULL DEFAULT 0,"
		" missing bigint NOT NULL DEFAULT 0,"
		" skipped bigint NOT NULL DEFAULT 0,"
		" imported_by" T "NOT NULL,"
		" started_at" T "NOT NULL,"
		" finished_at" T ","
		" UNIQUE (kind, sha256, options));"
		"CREATE TABLE area ("
		" id bigserial PRIMARY KEY,"
		" code" T "NOT NULL UNIQUE,"
		" name" T "NOT NULL,"
		" level" T "NOT NULL,"
		" parent" T ","
		" import_id bigint REFERENCES import(id));"
		"CREATE INDEX area_parent ON area(parent);"
		"CREATE INDEX area_level ON area(level);"
		"CREATE TABLE area_alias ("
		" name" T "NOT NULL,"
		" code" T "NOT NULL REFERENCES area(code),"
		" PRIMARY KEY (name, code));"
		"CREATE TABLE crime_type ("
		" id bigserial PRIMARY KEY,"
		" classification" T "NOT NULL CHECK (classification IN ('police','cbs')),"
		" code" T "NOT NULL UNIQUE,"
		" title" T "NOT NULL,"
		" import_id bigint REFERENCES import(id));"
		"CREATE INDEX crime_type_title ON crime_type(lower(title));"
		"CREATE TABLE period ("
		" period integer PRIMARY KEY,"
		" title" T "NOT NULL,"
		" status" T "NOT NULL,"
		" import_id bigint REFERENCES import(id));"
		"CREATE TABLE population ("
		" area_id bigint NOT NULL REFERENCES area(id),"
		" age_group" T "NOT NULL CHECK (age_group IN ('total','12-17')),"
		" year integer NOT NULL,"
		" count bigint NOT NULL CHECK (count >= 0),"
		" import_id bigint NOT NULL REFERENCES import(id),"
		" PRIMARY KEY (area_id, age_group, year));"
		"CREATE TABLE indicator_def ("
		" key" T "NOT NULL,"
		" version integer NOT NULL,"
		" classification" T "NOT NULL CHECK (classification IN ('police','cbs')),"
		" kind" T "NOT NULL,"
		" name_nl" T "NOT NULL,"
		" name_en" T "NOT NULL,"
		" codes" T "NOT NULL,"
		" per integer NOT NULL DEFAULT 1000,"
		" population_group" T "NOT NULL DEFAULT 'total',"
		" source_tables" T "NOT NULL DEFAULT '',"
		" note" T "NOT NULL DEFAULT '',"
		" created_at" T "NOT NULL DEFAULT " NOW ","
		" PRIMARY KEY (key, classification, version));"
		/* Definitions version 1, the same rows as the SQLite engine's. */
		"INSERT INTO indicator_def(key,version,classification,kind,name_nl,name_en,codes,source_tables,note) VALUES"
		" ('totaal',1,'police','total','Geregistreerde misdrijven, totaal','Registered crime, total','0.0.0','Politie 47013NED (gemeente) or 47018NED (wijk/buurt)',''),"
		" ('totaal',1,'cbs','total','Geregistreerde misdrijven, totaal','Registered crime, total','T001161','CBS 83648NED',''),"
		" ('bbv_winkeldiefstal',1,'police','bbv','Winkeldiefstallen','Shoplifting','2.5.2','Politie 47013NED',"
		"  'BBV indicator. CBS compiles the published BBV figure; 83648NED has no shoplifting code, so the police code 2.5.2 Winkeldiefstal is used.'),"
		" ('bbv_geweld',1,'police','bbv','Geweldsmisdrijven','Violent crime','1.4.1,1.4.2,1.4.3,1.4.4,1.4.5,1.4.6,1.4.7','Politie 47013NED',"
		"  'BBV indicator, police approximation: zeden, moord/doodslag, openlijk geweld (persoon), bedreiging, mishandeling, straatroof, overval.'),"
		" ('bbv_geweld',1,'cbs','bbv','Geweldsmisdrijven','Violent crime','CRI3000','CBS 83648NED',"
		"  'BBV indicator in CBS terms: 3 Gewelds- en seksuele misdrijven.'),"
		" ('bbv_woning',1,'police','bbv','Diefstallen uit woning','Domestic burglary','1.1.1','Politie 47013NED',"
		"  'BBV indicator. 83648NED has no separate code; police code 1.1.1 Diefstal/inbraak woning.'),"
		" ('bbv_vernieling',1,'police','bbv','Vernielingen en beschadigingen','Vandalism and criminal damage','2.2.1','Politie 47013NED',"
		"  'BBV indicator, police approximation: 2.2.1 Vernieling cq. zaakbeschadiging (all places, not only public space).'),"
		" ('bbv_vernieling',1,'cbs','bbv','Vernielingen en beschadigingen','Vandalism and criminal damage','CRI2100','CBS 83648NED',"
		"  'BBV indicator in CBS terms: 21 Vernieling en beschadiging.'),"
		" ('hic',1,'police','hic','High impact crimes','High-impact crime','1.1.1,1.4.6,1.4.7','Politie 47013NED',"
		"  'Den Haag region default: woninginbraak, straatroof, overval. Configurable with ivp definitions --set hic.');",
	},
	{ 2,
	  "CREATE TABLE plan_version ("
	  " version bigserial PRIMARY KEY,"
	  " plan_id" T "NOT NULL,"
	  " kind" T "NOT NULL CHECK (kind IN ('import','update')),"
	  " source" T "NOT NULL DEFAULT '',"
	  " summary" T "NOT NULL DEFAULT '',"
	  " created_by" T "NOT NULL,"
	  " created_at" T "NOT NULL,"
	  " doc text NOT NULL);"
	  "CREATE INDEX plan_version_plan ON plan_version(plan_id, version);"
	  "CREATE TABLE local_value ("
	  " key" T "NOT NULL,"
	  " area" T "NOT NULL,"
	  " year integer NOT NULL,"
	  " unit" T "NOT NULL,"
	  " value double precision NOT NULL,"
	  " margin double precision CHECK (margin IS NULL OR margin >= 0),"
	  " source" T "NOT NULL,"
	  " definition_version" T "NOT NULL,"
	  " name" T ","
	  " import_id bigint NOT NULL REFERENCES import(id),"
	  " PRIMARY KEY (key, area, year, unit));"
	  "CREATE INDEX local_value_area ON local_value(area);" },
	{ 3,
	  "CREATE TABLE app_user ("
	  " id bigserial PRIMARY KEY,"
	  " name" T "NOT NULL UNIQUE,"
	  " role" T "NOT NULL CHECK (role IN ('viewer','editor','partner','admin')),"
	  " pwhash text NOT NULL,"
	  " created_at" T "NOT NULL DEFAULT " NOW ","
	  " updated_at" T "NOT NULL DEFAULT " NOW ");"
	  "CREATE TABLE app_session ("
	  " token_hash" T "PRIMARY KEY,"
	  " user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,"
	  " created_at bigint NOT NULL,"
	  " expires_at bigint NOT NULL);"
	  "CREATE INDEX app_session_user ON app_session(user_id);"
	  "CREATE TABLE login_attempt ("
	  " id bigserial PRIMARY KEY,"
	  " name" T "NOT NULL,"
	  " addr" T "NOT NULL,"
	  " at bigint NOT NULL,"
	  " ok integer NOT NULL CHECK (ok IN (0,1)));"
	  "CREATE INDEX login_attempt_name ON login_attempt(name, at);"
	  "CREATE INDEX login_attempt_addr ON login_attempt(addr, at);" },
	{ 4,
	  "CREATE TABLE boundary ("
	  " area_id bigint PRIMARY KEY REFERENCES area(id),"
	  " minx double precision NOT NULL, miny double precision NOT NULL,"
	  " maxx double precision NOT NULL, maxy double precision NOT NULL,"
	  " npoints bigint NOT NULL,"
	  " geom text NOT NULL,"
	  " import_id bigint NOT NULL REFERENCES import(id));" },
	/* 5: one row per (area, type) series, its counts as the bytea value
	 * of store/series.h (why: bench/README.md, src/store/pg/README.md). */
	{ 5,
	  "CREATE TABLE series ("
	  " area_id bigint NOT NULL REFERENCES area(id),"
	  " type_id bigint NOT NULL REFERENCES crime_type(id),"
	  " nfacts bigint NOT NULL CHECK (nfacts >= 0),"
	  " data bytea NOT NULL,"
	  " PRIMARY KEY (area_id, type_id));"
	  "ALTER TABLE series ALTER COLUMN data SET STORAGE EXTERNAL;" },
	{ 6,
	  "CREATE TABLE report_text ("
	  " kind" T "NOT NULL,"
	  " area" T "NOT NULL,"
	  " year integer NOT NULL,"
	  " key" T "NOT NULL,"
	  " version bigint NOT NULL CHECK (version >= 1),"
	  " body text NOT NULL CHECK (body <> ''),"
	  " created_by" T "NOT NULL,"
	  " created_at" T "NOT NULL,"
	  " PRIMARY KEY (kind, area, year, key, version));"
	  "CREATE TABLE report_final ("
	  " kind" T "NOT NULL,"
	  " area" T "NOT NULL,"
	  " year integer NOT NULL,"
	  " date" T "NOT NULL,"
	  " sha256" T "NOT NULL,"
	  " snapshot text NOT NULL,"
	  " created_by" T "NOT NULL,"
	  " created_at" T "NOT NULL,"
	  " PRIMARY KEY (kind, area, year));" },
	{ 7,
	  "CREATE TABLE area_group ("
	  " id bigserial PRIMARY KEY,"
	  " name" T "NOT NULL UNIQUE,"
	  " title" T "NOT NULL,"
	  " kind" T "NOT NULL CHECK (kind IN ('region','group')),"
	  " source" T "NOT NULL DEFAULT '',"
	  " import_id bigint REFERENCES import(id));"
	  "CREATE TABLE area_group_member ("
	  " group_id bigint NOT NULL REFERENCES area_group(id) ON DELETE CASCADE,"
	  " area_id bigint NOT NULL REFERENCES area(id),"
	  " PRIMARY KEY (group_id, area_id));"
	  "CREATE INDEX area_group_member_area ON area_group_member(area_id);" },
	{ 8,
	  "CREATE TABLE organisation ("
	  " id" T "PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 31),"
	  " name" T "NOT NULL CHECK (name <> ''),"
	  " kind" T "NOT NULL DEFAULT '',"
	  " created_at" T "NOT NULL DEFAULT " NOW ");"
	  "INSERT INTO organisation(id, name, kind) VALUES ('gemeente', 'Gemeente', 'municipality');"
	  "CREATE TABLE org_member ("
	  " user_id bigint PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,"
	  " org_id" T "NOT NULL REFERENCES organisation(id));"
	  "CREATE INDEX org_member_org ON org_member(org_id);" },
	/* 9: the audit trail (docs/audit.md); the trigger keeps ivp itself
	 * from changing or removing an entry, as SQLite's triggers do. */
	{ 9,
	  "CREATE TABLE audit_entry ("
	  " seq bigint PRIMARY KEY,"
	  " at" T "NOT NULL,"
	  " \"user\"" T "NOT NULL,"
	  " org" T "NOT NULL DEFAULT '',"
	  " addr" T "NOT NULL,"
	  " action" T "NOT NULL,"
	  " object" T "NOT NULL,"
	  " before" T "NOT NULL DEFAULT '',"
	  " after" T "NOT NULL DEFAULT '',"
	  " prev" T "NOT NULL,"
	  " hash" T "NOT NULL);"
	  "CREATE INDEX audit_entry_object ON audit_entry(object, seq);"
	  "CREATE INDEX audit_entry_user ON audit_entry(\"user\", seq);"
	  "CREATE FUNCTION ivp_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
	  "$$BEGIN RAISE EXCEPTION 'audit entries are append-only'; END$$;"
	  "CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry"
	  " FOR EACH ROW EXECUTE FUNCTION ivp_audit_append_only();"
	  "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry"
	  " FOR EACH STATEMENT EXECUTE FUNCTION ivp_audit_append_only();"
	  /* a field of a JSON text, NULL when the text is not JSON (SQLite's
	   * json_valid and json_extract, for the plan versions that definitief
	   * snapshots name) */
	  "CREATE FUNCTION ivp_json_field(doc text, field text) RETURNS jsonb"
	  " LANGUAGE plpgsql IMMUTABLE AS "
	  "$$BEGIN RETURN doc::jsonb -> field; EXCEPTION WHEN others THEN RETURN NULL; END$$;" },
	/* 10: the participation trajectory and the priority matrix
	 * (particip_store.h), with the Kernbeleid Veiligheid themes. */
	{ 10,
	  "CREATE TABLE pt_theme ("
	  " key" T "PRIMARY KEY CHECK (key <> ''),"
	  " title" T "NOT NULL CHECK (title <> ''),"
	  " field integer NOT NULL CHECK (field BETWEEN 0 AND 5),"
	  " own integer NOT NULL DEFAULT 0 CHECK (own IN (0,1)),"
	  " import_id bigint REFERENCES import(id));"
	  "INSERT INTO pt_theme(key, title, field) VALUES"
	  " ('overlast','Overlast',1),"
	  " ('commune-criminaliteit','Commune criminaliteit',1),"
	  " ('high-impact-crime','High impact crime',1),"
	  " ('onveiligheidsgevoelens','Onveiligheidsgevoelens',1),"
	  " ('veilig-ondernemen','Veilig ondernemen',2),"
	  " ('winkelgebieden','Winkelgebieden',2),"
	  " ('uitgaan','Uitgaansleven',2),"
	  " ('evenementen','Evenementen',2),"
	  " ('jeugdoverlast','Jeugdoverlast',3),"
	  " ('jeugdgroepen','Jeugdgroepen',3),"
	  " ('alcohol-drugs','Alcohol en drugs',3),"
	  " ('schoolveiligheid','Veiligheid in en om de school',3),"
	  " ('verkeer','Verkeersveiligheid',4),"
	  " ('crisisbeheersing','Crisisbeheersing',4),"
	  " ('brandveiligheid','Brandveiligheid',4),"
	  " ('gevaarlijke-stoffen','Gevaarlijke stoffen',4),"
	  " ('ondermijning','Ondermijnende criminaliteit',5),"
	  " ('veilige-publieke-taak','Veilige publieke taak',5),"
	  " ('polarisatie-radicalisering','Polarisatie en radicalisering',5),"
	  " ('informatieveiligheid','Informatieveiligheid',5),"
	  " ('integriteit','Integriteit',5);"
	  "CREATE TABLE pt_trajectory ("
	  " id" T "PRIMARY KEY CHECK (id <> ''),"
	  " plan_id" T "NOT NULL DEFAULT '',"
	  " title" T "NOT NULL CHECK (title <> ''),"
	  " aims" T "NOT NULL DEFAULT '',"
	  " illustration integer NOT NULL CHECK (illustration IN (0,1)),"
	  " import_id bigint REFERENCES import(id));"
	  "CREATE TABLE pt_activity ("
	  " id" T "PRIMARY KEY CHECK (id <> ''),"
	  " trajectory" T "NOT NULL REFERENCES pt_trajectory(id),"
	  " kind" T "NOT NULL CHECK (kind IN ('interview','wijkgesprek','themasessie','conferentie','enquete','online')),"
	  " date" T "NOT NULL,"
	  " place" T "NOT NULL DEFAULT '',"
	  " wijk" T ","
	  " organisations" T "NOT NULL DEFAULT '',"
	  " participants bigint CHECK (participants >= 0),"
	  " report" T "NOT NULL DEFAULT '',"
	  " illustration integer NOT NULL CHECK (illustration IN (0,1)),"
	  " import_id bigint REFERENCES import(id));"
	  "CREATE INDEX pt_activity_trajectory ON pt_activity(trajectory);"
	  "CREATE TABLE pt_input ("
	  " activity" T "NOT NULL REFERENCES pt_activity(id),"
	  " ref" T "NOT NULL CHECK (ref <> ''),"
	  " statement" T "NOT NULL CHECK (statement <> ''),"
	  " wijk" T ","
	  " route" T "NOT NULL CHECK (route IN ('','priority','goal','measure','passed','not_taken')),"
	  " target" T "NOT NULL DEFAULT '',"
	  " reason" T "NOT NULL DEFAULT '',"
	  " import_id bigint REFERENCES import(id),"
	  " PRIMARY KEY (activity, ref));"
	  "CREATE TABLE pt_input_theme ("
	  " activity" T "NOT NULL,"
	  " ref" T "NOT NULL,"
	  " theme" T "NOT NULL REFERENCES pt_theme(key),"
	  " PRIMARY KEY (activity, ref, theme),"
	  " FOREIGN KEY (activity, ref) REFERENCES pt_input(activity, ref) ON DELETE CASCADE);"
	  "CREATE TABLE pt_entry ("
	  " kind" T "NOT NULL CHECK (kind IN ('weight','score','regional','choice')),"
	  " theme" T "NOT NULL,"
	  " criterion" T "NOT NULL,"
	  " value double precision NOT NULL,"
	  " text" T "NOT NULL DEFAULT '',"
	  " text2" T "NOT NULL DEFAULT '',"
	  " import_id bigint REFERENCES import(id),"
	  " PRIMARY KEY (kind, theme, criterion));"
	  "CREATE TABLE pt_eval ("
	  " plan" T "NOT NULL CHECK (plan <> ''),"
	  " kind" T "NOT NULL CHECK (kind IN ('goal','measure','conclusion')),"
	  " id" T "NOT NULL CHECK (id <> ''),"
	  " priority" T "NOT NULL DEFAULT '',"
	  " theme" T "REFERENCES pt_theme(key),"
	  " title" T "NOT NULL DEFAULT '',"
	  " direction" T "NOT NULL DEFAULT '',"
	  " unit" T "NOT NULL DEFAULT '',"
	  " baseline double precision, target double precision, result double precision,"
	  " margin double precision, budget double precision, spent double precision,"
	  " done integer CHECK (done IN (0,1)),"
	  " text" T "NOT NULL DEFAULT '',"
	  " illustration integer NOT NULL CHECK (illustration IN (0,1)),"
	  " import_id bigint REFERENCES import(id),"
	  " PRIMARY KEY (plan, kind, id));" },
	/* 11: the second factor (src/auth/totp.c) and the pair index of the
	 * sign-in throttle. */
	{ 11,
	  "ALTER TABLE app_user ADD COLUMN totp_secret text;"
	  "ALTER TABLE app_user ADD COLUMN totp_required integer NOT NULL DEFAULT 0;"
	  "ALTER TABLE app_user ADD COLUMN totp_last bigint NOT NULL DEFAULT 0;"
	  "CREATE INDEX login_attempt_pair ON login_attempt(name, addr, at);" },
	/* 12: what the restricted registers share (as the SQLite engine's 12). */
	{ 12,
	  "CREATE TABLE vault_meta ("
	  " key" T "PRIMARY KEY CHECK (key <> ''),"
	  " value" T "NOT NULL);"
	  "CREATE TABLE vault_dek ("
	  " register" T "NOT NULL CHECK (register IN ('signals','cases')),"
	  " record" T "NOT NULL CHECK (record <> ''),"
	  " version integer NOT NULL CHECK (version > 0),"
	  " wrapped" T "NOT NULL,"
	  " PRIMARY KEY (register, record));"
	  "CREATE TABLE reg_member ("
	  " register" T "NOT NULL CHECK (register IN ('signals','cases')),"
	  " user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,"
	  " granted_by" T "NOT NULL DEFAULT '',"
	  " granted_at" T "NOT NULL,"
	  " PRIMARY KEY (register, user_id));"
	  "CREATE INDEX reg_member_user ON reg_member(user_id);"
	  "CREATE TABLE reg_setting ("
	  " register" T "NOT NULL CHECK (register IN ('signals','cases')),"
	  " rule" T "NOT NULL CHECK (rule <> ''),"
	  " months integer NOT NULL CHECK (months BETWEEN 1 AND 1200),"
	  " set_by" T "NOT NULL DEFAULT '',"
	  " set_at" T "NOT NULL,"
	  " PRIMARY KEY (register, rule));"
	  "ALTER TABLE audit_entry ADD COLUMN reason" T "NOT NULL DEFAULT '';" },
	/* 13: the signals register of the ondermijningsoverleg
	 * (signal_store.h). Columns *_x hold a sealed blob as hex (the
	 * vault of src/registers/); everything else is categorical, a code,
	 * a user name or a date, in clear for lists, decisions and counts. */
	{ 13,
	  "CREATE TABLE sig_signal ("
	  " id" T "PRIMARY KEY CHECK (id <> ''),"
	  " received" T "NOT NULL,"
	  " source" T "NOT NULL CHECK (source IN ('resident','anonymous','department','police','partner')),"
	  " phenomenon" T "NOT NULL CHECK (phenomenon IN ('drugs','money_laundering','trafficking',"
	  "'real_estate','care_fraud','omg','other')),"
	  " buurt" T ","
	  " wijk" T ","
	  " address_x" T ", description_x" T ", persons_x" T ", companies_x" T ","
	  " status" T "NOT NULL CHECK (status IN ('received','agenda','weighed','handed_over','inquiry','closed')),"
	  " intake" T "NOT NULL,"
	  " handler" T ","
	  " created_at" T "NOT NULL,"
	  " updated_at" T "NOT NULL,"
	  " import_id bigint REFERENCES import(id));"
	  "CREATE TABLE sig_status ("
	  " signal" T "NOT NULL REFERENCES sig_signal(id),"
	  " seq bigint NOT NULL,"
	  " status" T "NOT NULL,"
	  " by_user" T "NOT NULL,"
	  " at" T "NOT NULL,"
	  " PRIMARY KEY (signal, seq));"
	  "CREATE TABLE sig_meeting ("
	  " id bigserial PRIMARY KEY,"
	  " date" T "NOT NULL,"
	  " orgs" T "NOT NULL DEFAULT '',"
	  " created_by" T "NOT NULL);"
	  "CREATE TABLE sig_agenda ("
	  " meeting bigint NOT NULL REFERENCES sig_meeting(id),"
	  " signal" T "NOT NULL REFERENCES sig_signal(id),"
	  " PRIMARY KEY (meeting, signal));"
	  "CREATE TABLE sig_weighing ("
	  " signal" T "PRIMARY KEY REFERENCES sig_signal(id),"
	  " date" T "NOT NULL,"
	  " meeting bigint REFERENCES sig_meeting(id),"
	  " concrete bigint NOT NULL CHECK (concrete IN (0,1)),"
	  " recent bigint NOT NULL CHECK (recent IN (0,1)),"
	  " pattern bigint NOT NULL CHECK (pattern IN (0,1)),"
	  " outcome" T "NOT NULL CHECK (outcome IN ('none','department','riec','police','inquiry')),"
	  " department" T "NOT NULL DEFAULT '' CHECK (department IN ('','bibob','enforcement','permits','other')),"
	  " checks_x" T ","
	  " followup" T ","
	  " result_x" T ","
	  " weighed_by" T "NOT NULL,"
	  " at" T "NOT NULL);"
	  "CREATE INDEX sig_weighing_outcome ON sig_weighing(outcome, date);" },
	/* 14: the case register of the Zorg- en Veiligheidshuis (case_store.h). */
	{ 14,
	  "CREATE TABLE zvh_case ("
	  " id" T "PRIMARY KEY CHECK (id <> ''),"
	  " registered" T "NOT NULL,"
	  " reg_org" T "NOT NULL,"
	  " reg_user" T "NOT NULL,"
	  " criteria" T "NOT NULL DEFAULT '',"
	  " status" T "NOT NULL CHECK (status IN ('registered','in_progress','closed','declined')),"
	  " closed" T ","
	  " wijk" T ","
	  " director" T ","
	  " bsn_blind" T ","
	  " reason_s text, close_reason_s text, goal_s text, person_s text);"
	  "CREATE INDEX zvh_case_blind ON zvh_case(bsn_blind);"
	  "CREATE TABLE zvh_case_org ("
	  " case_id" T "NOT NULL REFERENCES zvh_case(id) ON DELETE CASCADE,"
	  " org" T "NOT NULL,"
	  " joined" T "NOT NULL,"
	  " left_on" T ","
	  " PRIMARY KEY (case_id, org));"
	  "CREATE TABLE zvh_case_domain ("
	  " case_id" T "NOT NULL REFERENCES zvh_case(id) ON DELETE CASCADE,"
	  " domain" T "NOT NULL,"
	  " score integer NOT NULL CHECK (score BETWEEN 1 AND 5),"
	  " set_by" T "NOT NULL,"
	  " set_on" T "NOT NULL,"
	  " PRIMARY KEY (case_id, domain));"
	  "CREATE TABLE zvh_case_entry ("
	  " case_id" T "NOT NULL REFERENCES zvh_case(id) ON DELETE CASCADE,"
	  " n bigint NOT NULL CHECK (n >= 1),"
	  " kind" T "NOT NULL CHECK (kind IN ('agreement','meeting','note')),"
	  " date" T "NOT NULL,"
	  " org" T "NOT NULL DEFAULT '',"
	  " orgs" T "NOT NULL DEFAULT '',"
	  " author" T "NOT NULL,"
	  " done integer NOT NULL DEFAULT 0 CHECK (done IN (0,1)),"
	  " own_org integer NOT NULL DEFAULT 0 CHECK (own_org IN (0,1)),"
	  " text_s text,"
	  " PRIMARY KEY (case_id, n));" },
	/* 16 (particip2): a survey's respondents and its stated minimum; the
	 * matrix's entries of kind crime and area. */
	{ 16,
	  "ALTER TABLE local_value ADD COLUMN respondents bigint CHECK (respondents > 0);"
	  "ALTER TABLE local_value ADD COLUMN min_respondents bigint CHECK (min_respondents > 0);"
	  "ALTER TABLE pt_entry DROP CONSTRAINT pt_entry_kind_check;"
	  "ALTER TABLE pt_entry ADD CONSTRAINT pt_entry_kind_check"
	  " CHECK (kind IN ('weight','score','regional','choice','crime','area'));" },
	/* 17 (tenant): many municipalities in one deployment (docs/tenancy.md;
	 * the SQLite engine's comment says what each column is). The existing
	 * plan versions take the municipality their doc names. */
	{ 17,
	  "ALTER TABLE plan_version ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "UPDATE plan_version SET municipality ="
	  " COALESCE(substring(doc from '(?n)^municipality:[ \t]*[\"'']?([A-Za-z0-9_-]+)'), '');"
	  "CREATE INDEX plan_version_municipality ON plan_version(municipality, version);"
	  "ALTER TABLE app_user ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "CREATE INDEX app_user_municipality ON app_user(municipality);"
	  "CREATE TABLE org_municipality ("
	  " org_id" T "NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,"
	  " municipality" T "NOT NULL CHECK (municipality <> ''),"
	  " PRIMARY KEY (org_id, municipality));"
	  "CREATE INDEX org_municipality_m ON org_municipality(municipality);"
	  "ALTER TABLE pt_theme ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "ALTER TABLE pt_trajectory ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "ALTER TABLE pt_entry ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "ALTER TABLE pt_eval ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "ALTER TABLE sig_signal ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "ALTER TABLE sig_meeting ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "ALTER TABLE zvh_case ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  "ALTER TABLE audit_entry ADD COLUMN municipality" T "NOT NULL DEFAULT '';"
	  /* the second wall: row-level security (docs/tenancy.md). ivp sets
	   * ivp.municipality on each connection (pg_store.c, pg_scope): '*' the
	   * whole deployment, else a municipality or region, and ivp.unbound
	   * '1' when that one is the deployment's first (rows of '' are its).
	   * Unset: no row at all. New rows take the connection's municipality. */
	  "CREATE FUNCTION ivp_tenant_ok(m text) RETURNS boolean LANGUAGE sql STABLE AS $$"
	  " SELECT CASE current_setting('ivp.municipality', true) WHEN '*' THEN true"
	  " ELSE m = current_setting('ivp.municipality', true)"
	  " OR (m = '' AND current_setting('ivp.unbound', true) = '1') END $$;"
	  "CREATE FUNCTION ivp_tenant_default() RETURNS text LANGUAGE sql STABLE AS $$"
	  " SELECT CASE WHEN COALESCE(current_setting('ivp.municipality', true), '*') = '*' THEN ''"
	  " ELSE current_setting('ivp.municipality', true) END $$;"
	  "CREATE FUNCTION ivp_area_gm(a text) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
	  " SELECT CASE WHEN a ~ '^(GM|WK|BU)[0-9]{4}' THEN 'GM' || substr(a, 3, 4) ELSE '' END $$;"
	  "ALTER TABLE plan_version ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE plan_version ENABLE ROW LEVEL SECURITY; ALTER TABLE plan_version FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON plan_version USING (ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE pt_trajectory ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE pt_trajectory ENABLE ROW LEVEL SECURITY; ALTER TABLE pt_trajectory FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON pt_trajectory USING (ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE pt_entry ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE pt_entry ENABLE ROW LEVEL SECURITY; ALTER TABLE pt_entry FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON pt_entry USING (ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE pt_eval ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE pt_eval ENABLE ROW LEVEL SECURITY; ALTER TABLE pt_eval FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON pt_eval USING (ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE sig_signal ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE sig_signal ENABLE ROW LEVEL SECURITY; ALTER TABLE sig_signal FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON sig_signal USING (ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE sig_meeting ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE sig_meeting ENABLE ROW LEVEL SECURITY; ALTER TABLE sig_meeting FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON sig_meeting USING (ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE zvh_case ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE zvh_case ENABLE ROW LEVEL SECURITY; ALTER TABLE zvh_case FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON zvh_case USING (ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE audit_entry ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE pt_theme ENABLE ROW LEVEL SECURITY; ALTER TABLE pt_theme FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON pt_theme USING (municipality = '' OR ivp_tenant_ok(municipality)) WITH CHECK (ivp_tenant_ok(municipality));"
	  "ALTER TABLE pt_theme ALTER COLUMN municipality SET DEFAULT ivp_tenant_default();"
	  "ALTER TABLE report_text ENABLE ROW LEVEL SECURITY; ALTER TABLE report_text FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON report_text USING (ivp_tenant_ok(ivp_area_gm(area))) WITH CHECK (ivp_tenant_ok(ivp_area_gm(area)));"
	  "ALTER TABLE report_final ENABLE ROW LEVEL SECURITY; ALTER TABLE report_final FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON report_final USING (ivp_tenant_ok(ivp_area_gm(area))) WITH CHECK (ivp_tenant_ok(ivp_area_gm(area)));"
	  "ALTER TABLE sig_status ENABLE ROW LEVEL SECURITY; ALTER TABLE sig_status FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON sig_status USING (EXISTS (SELECT 1 FROM sig_signal p WHERE p.id = signal)) WITH CHECK (EXISTS (SELECT 1 FROM sig_signal p WHERE p.id = signal));"
	  "ALTER TABLE sig_agenda ENABLE ROW LEVEL SECURITY; ALTER TABLE sig_agenda FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON sig_agenda USING (EXISTS (SELECT 1 FROM sig_signal p WHERE p.id = signal)) WITH CHECK (EXISTS (SELECT 1 FROM sig_signal p WHERE p.id = signal));"
	  "ALTER TABLE sig_weighing ENABLE ROW LEVEL SECURITY; ALTER TABLE sig_weighing FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON sig_weighing USING (EXISTS (SELECT 1 FROM sig_signal p WHERE p.id = signal)) WITH CHECK (EXISTS (SELECT 1 FROM sig_signal p WHERE p.id = signal));"
	  "ALTER TABLE zvh_case_org ENABLE ROW LEVEL SECURITY; ALTER TABLE zvh_case_org FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON zvh_case_org USING (EXISTS (SELECT 1 FROM zvh_case p WHERE p.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM zvh_case p WHERE p.id = case_id));"
	  "ALTER TABLE zvh_case_domain ENABLE ROW LEVEL SECURITY; ALTER TABLE zvh_case_domain FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON zvh_case_domain USING (EXISTS (SELECT 1 FROM zvh_case p WHERE p.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM zvh_case p WHERE p.id = case_id));"
	  "ALTER TABLE zvh_case_entry ENABLE ROW LEVEL SECURITY; ALTER TABLE zvh_case_entry FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON zvh_case_entry USING (EXISTS (SELECT 1 FROM zvh_case p WHERE p.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM zvh_case p WHERE p.id = case_id));"
	  "ALTER TABLE pt_activity ENABLE ROW LEVEL SECURITY; ALTER TABLE pt_activity FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON pt_activity USING (EXISTS (SELECT 1 FROM pt_trajectory p WHERE p.id = trajectory)) WITH CHECK (EXISTS (SELECT 1 FROM pt_trajectory p WHERE p.id = trajectory));"
	  "ALTER TABLE pt_input ENABLE ROW LEVEL SECURITY; ALTER TABLE pt_input FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON pt_input USING (EXISTS (SELECT 1 FROM pt_activity p WHERE p.id = activity)) WITH CHECK (EXISTS (SELECT 1 FROM pt_activity p WHERE p.id = activity));"
	  "ALTER TABLE pt_input_theme ENABLE ROW LEVEL SECURITY; ALTER TABLE pt_input_theme FORCE ROW LEVEL SECURITY;"
	  "CREATE POLICY tenant ON pt_input_theme USING (EXISTS (SELECT 1 FROM pt_activity p WHERE p.id = activity)) WITH CHECK (EXISTS (SELECT 1 FROM pt_activity p WHERE p.id = activity));" },
	/* 18 (region): the regional plan and its themes (sqlite/migrations.c) */
	{ 18,
	  "CREATE TABLE region_plan ("
	  " region" T "PRIMARY KEY CHECK (region <> ''),"
	  " title" T "NOT NULL,"
	  " period_from integer NOT NULL,"
	  " period_to integer NOT NULL,"
	  " source" T "NOT NULL DEFAULT '',"
	  " import_id bigint REFERENCES import(id));"
	  "CREATE TABLE region_theme ("
	  " region" T "NOT NULL REFERENCES region_plan(region) ON DELETE CASCADE,"
	  " id" T "NOT NULL CHECK (id <> ''),"
	  " title" T "NOT NULL,"
	  " description" T "NOT NULL DEFAULT '',"
	  " ord integer NOT NULL,"
	  " PRIMARY KEY (region, id));" },
	/* 19: the registers' numbers under row-level security. Signal and case
	 * numbers are the deployment's (S-2026-0001 once, whichever
	 * municipality), but on a role of ivp's own the policies let the MAX
	 * over the ids see only the connection's municipality, and a second
	 * municipality's numbers would start again and collide. These two run
	 * as the whole deployment (ivp.municipality '*' for the call) and
	 * return a number, never a row. PostgreSQL only: SQLite has no
	 * policies, and its queries of the numbers read every row. */
	{ 19,
	  "CREATE FUNCTION ivp_sig_last(prefix text) RETURNS bigint LANGUAGE sql STABLE"
	  " SET ivp.municipality = '*' AS $$"
	  " SELECT COALESCE(MAX(substr(id, length(prefix) + 1)::bigint), 0) FROM sig_signal"
	  " WHERE substr(id, 1, length(prefix)) = prefix AND substr(id, length(prefix) + 1) ~ '^[0-9]{1,18}$' $$;"
	  "CREATE FUNCTION ivp_case_last(prefix text) RETURNS bigint LANGUAGE sql STABLE"
	  " SET ivp.municipality = '*' AS $$"
	  " SELECT COALESCE(MAX(substr(id, length(prefix) + 1)::bigint), 0) FROM zvh_case"
	  " WHERE substr(id, 1, length(prefix)) = prefix $$;" },
	/* 20: the priority matrix's entries per municipality (as the SQLite
	 * engine's 20): the municipality is part of the key, the first
	 * municipality's entries are held under '' (ivp_tenant_key). */
	{ 20,
	  "CREATE FUNCTION ivp_tenant_key() RETURNS text LANGUAGE sql STABLE AS $$"
	  " SELECT CASE WHEN COALESCE(current_setting('ivp.municipality', true), '*') = '*'"
	  " OR current_setting('ivp.unbound', true) = '1' THEN ''"
	  " ELSE current_setting('ivp.municipality', true) END $$;"
	  "DELETE FROM pt_entry e WHERE e.municipality <> '' AND e.municipality = (SELECT municipality FROM plan_version"
	  " WHERE municipality <> '' ORDER BY version LIMIT 1) AND EXISTS (SELECT 1 FROM pt_entry o"
	  " WHERE o.municipality = '' AND o.kind = e.kind AND o.theme = e.theme AND o.criterion = e.criterion);"
	  "UPDATE pt_entry SET municipality = '' WHERE municipality <> '' AND municipality = (SELECT municipality"
	  " FROM plan_version WHERE municipality <> '' ORDER BY version LIMIT 1);"
	  "ALTER TABLE pt_entry DROP CONSTRAINT pt_entry_pkey;"
	  "ALTER TABLE pt_entry ADD PRIMARY KEY (municipality, kind, theme, criterion);"
	  "ALTER TABLE pt_entry ALTER COLUMN municipality SET DEFAULT ivp_tenant_key();" },
};

#define NMIG ((int)(sizeof(migrations) / sizeof(migrations[0])))

static int current(pg_store *s, int *have)
{
	static const char *const sql = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
	PGresult *r;

	if (ivp__pg_query(s, sql, NULL, &r))
		return -1;
	*have = (int)ivp__pg_int(r, 0, 0);
	PQclear(r);
	return 0;
}

int ivp__pg_migrate(pg_store *s)
{
	static const char *const record = "INSERT INTO schema_migrations VALUES ($1, now())";
	static const char *const standby = "SELECT pg_is_in_recovery()::int";
	PGresult *r;
	int i, have = 0, ro;

	/* a read replica is migrated by its primary's log: only its version is read */
	if (ivp__pg_query(s, standby, NULL, &r))
		return -1;
	ro = (int)ivp__pg_int(r, 0, 0);
	PQclear(r);
	if (ro) {
		if (current(s, &have))
			return -1;
		if (have != migrations[NMIG - 1].version)
			return ivp__pg_failf(s, "the read replica is at schema version %d, this ivp at %d; "
						"open the primary first (it migrates) and let the replica replay it",
					     have, migrations[NMIG - 1].version);
		s->version = have;
		return 0;
	}
	/* quiet: CREATE … IF NOT EXISTS says "already exists, skipping" */
	if (ivp__pg_simple(s, "SET client_min_messages = warning") ||
	    ivp__pg_simple(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			      "version integer PRIMARY KEY, applied_at timestamptz NOT NULL)") ||
	    current(s, &have))
		return -1;
	if (have < migrations[NMIG - 1].version) {
		/* one migrator at a time; the others wait, then find them done */
		if (ivp__pg_simple(s, "BEGIN") ||
		    ivp__pg_simple(s, "SELECT pg_advisory_xact_lock(4977001)") || current(s, &have))
			goto bad;
		for (i = 0; i < NMIG; i++) {
			pg_params p;

			if (migrations[i].version <= have)
				continue;
			pg_init(&p);
			pg_int(&p, migrations[i].version);
			if (ivp__pg_simple(s, migrations[i].sql) || ivp__pg_exec(s, record, &p, NULL))
				goto bad;
			have = migrations[i].version;
		}
		if (ivp__pg_simple(s, "COMMIT"))
			goto bad;
	}
	if (have > migrations[NMIG - 1].version)
		return ivp__pg_failf(s, "database schema version %d is newer than this ivp knows (%d); upgrade ivp",
				     have, migrations[NMIG - 1].version);
	s->version = have;
	return 0;
bad:
	if (s->conn)
		PQclear(PQexec(s->conn, "ROLLBACK"));
	return -1;
}
