/*
 * migrations.c — the SQLite schema, as numbered migrations.
 *
 * Each migration runs once, in order, inside a transaction, at start-up
 * (sqlite_store.c); `schema_migrations` records which ran. Never edit a
 * migration that has shipped: add the next number.
 *
 * Layout notes. Facts are keyed by integer area and type ids in a
 * WITHOUT ROWID table clustered on (area, type, period), so one area's
 * series for one type is one contiguous range. Periods are integers
 * (core.h: year*100 + sub). Indicator definitions are versioned rows;
 * the newest version of a key is the one in force.
 */
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_int.h"

const ivp__migration ivp__sqlite_migrations[] = {
	{ 1,
	  "CREATE TABLE import ("
	  " id INTEGER PRIMARY KEY,"
	  " kind TEXT NOT NULL,"
	  " layout TEXT NOT NULL,"
	  " file_name TEXT NOT NULL,"
	  " sha256 TEXT NOT NULL,"
	  " options TEXT NOT NULL DEFAULT '',"
	  " rows INTEGER NOT NULL DEFAULT 0,"
	  " missing INTEGER NOT NULL DEFAULT 0,"
	  " skipped INTEGER NOT NULL DEFAULT 0,"
	  " imported_by TEXT NOT NULL,"
	  " started_at TEXT NOT NULL,"
	  " finished_at TEXT,"
	  " UNIQUE (kind, sha256, options));"
	  "CREATE TABLE area ("
	  " id INTEGER PRIMARY KEY,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " level TEXT NOT NULL,"
	  " parent TEXT,"
	  " import_id INTEGER REFERENCES import(id));"
	  "CREATE INDEX area_parent ON area(parent);"
	  "CREATE TABLE area_alias ("
	  " name TEXT NOT NULL,"
	  " code TEXT NOT NULL REFERENCES area(code),"
	  " PRIMARY KEY (name, code)) WITHOUT ROWID;"
	  "CREATE TABLE crime_type ("
	  " id INTEGER PRIMARY KEY,"
	  " classification TEXT NOT NULL CHECK (classification IN ('police','cbs')),"
	  " code TEXT NOT NULL UNIQUE,"
	  " title TEXT NOT NULL,"
	  " import_id INTEGER REFERENCES import(id));"
	  "CREATE INDEX crime_type_title ON crime_type(title);"
	  "CREATE TABLE period ("
	  " period INTEGER PRIMARY KEY,"
	  " title TEXT NOT NULL,"
	  " status TEXT NOT NULL,"
	  " import_id INTEGER REFERENCES import(id));"
	  "CREATE TABLE fact ("
	  " area_id INTEGER NOT NULL REFERENCES area(id),"
	  " type_id INTEGER NOT NULL REFERENCES crime_type(id),"
	  " period INTEGER NOT NULL,"
	  " count INTEGER NOT NULL CHECK (count >= 0),"
	  " provisional INTEGER NOT NULL DEFAULT 0,"
	  " import_id INTEGER NOT NULL REFERENCES import(id),"
	  " PRIMARY KEY (area_id, type_id, period)) WITHOUT ROWID;"
	  "CREATE TABLE population ("
	  " area_id INTEGER NOT NULL REFERENCES area(id),"
	  " age_group TEXT NOT NULL CHECK (age_group IN ('total','12-17')),"
	  " year INTEGER NOT NULL,"
	  " count INTEGER NOT NULL CHECK (count >= 0),"
	  " import_id INTEGER NOT NULL REFERENCES import(id),"
	  " PRIMARY KEY (area_id, age_group, year)) WITHOUT ROWID;"
	  "CREATE TABLE indicator_def ("
	  " key TEXT NOT NULL,"
	  " version INTEGER NOT NULL,"
	  " classification TEXT NOT NULL CHECK (classification IN ('police','cbs')),"
	  " kind TEXT NOT NULL,"
	  " name_nl TEXT NOT NULL,"
	  " name_en TEXT NOT NULL,"
	  " codes TEXT NOT NULL,"
	  " per INTEGER NOT NULL DEFAULT 1000,"
	  " population_group TEXT NOT NULL DEFAULT 'total',"
	  " source_tables TEXT NOT NULL DEFAULT '',"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	  " PRIMARY KEY (key, classification, version));"
	  /* Definitions version 1. See docs/indicators.md for the reasoning. */
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
	  NULL, NULL },
	/* 2: the plan as versions (whole canonical YAML per version, never
	 * overwritten) and locally registered values, whose unit is part of
	 * their identity (Halt per 1,000 and per 10,000 are different rows). */
	{ 2,
	  "CREATE TABLE plan_version ("
	  " version INTEGER PRIMARY KEY,"
	  " plan_id TEXT NOT NULL,"
	  " kind TEXT NOT NULL CHECK (kind IN ('import','update')),"
	  " source TEXT NOT NULL DEFAULT '',"
	  " summary TEXT NOT NULL DEFAULT '',"
	  " created_by TEXT NOT NULL,"
	  " created_at TEXT NOT NULL,"
	  " doc TEXT NOT NULL);"
	  "CREATE INDEX plan_version_plan ON plan_version(plan_id, version);"
	  "CREATE TABLE local_value ("
	  " key TEXT NOT NULL,"
	  " area TEXT NOT NULL,"
	  " year INTEGER NOT NULL,"
	  " unit TEXT NOT NULL,"
	  " value REAL NOT NULL,"
	  " margin REAL CHECK (margin IS NULL OR margin >= 0),"
	  " source TEXT NOT NULL,"
	  " definition_version TEXT NOT NULL,"
	  " name TEXT,"
	  " import_id INTEGER NOT NULL REFERENCES import(id),"
	  " PRIMARY KEY (key, area, year, unit)) WITHOUT ROWID;",
	  NULL, NULL },
	/* 3: users and sessions (src/auth/). Passwords only as argon2id
	 * strings, session tokens only as their BLAKE2b hash (hex); the CSRF
	 * token is derived from the session token and not stored. Sign-in
	 * attempts are kept for the rate-limit window only. */
	{ 3,
	  "CREATE TABLE app_user ("
	  " id INTEGER PRIMARY KEY,"
	  " name TEXT NOT NULL UNIQUE,"
	  " role TEXT NOT NULL CHECK (role IN ('viewer','editor','partner','admin')),"
	  " pwhash TEXT NOT NULL,"
	  " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	  " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
	  "CREATE TABLE app_session ("
	  " token_hash TEXT PRIMARY KEY,"
	  " user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,"
	  " created_at INTEGER NOT NULL,"
	  " expires_at INTEGER NOT NULL) WITHOUT ROWID;"
	  "CREATE INDEX app_session_user ON app_session(user_id);"
	  "CREATE TABLE login_attempt ("
	  " id INTEGER PRIMARY KEY,"
	  " name TEXT NOT NULL,"
	  " addr TEXT NOT NULL,"
	  " at INTEGER NOT NULL,"
	  " ok INTEGER NOT NULL CHECK (ok IN (0,1)));"
	  "CREATE INDEX login_attempt_name ON login_attempt(name, at);"
	  "CREATE INDEX login_attempt_addr ON login_attempt(addr, at);",
	  NULL, NULL },
	/* 4: area boundaries (ivp import boundaries): one simplified geometry
	 * per area in integer RD New metres (geo/geo.h's text form), with its
	 * bounding box for drawing a region without reading every ring. */
	{ 4,
	  "CREATE TABLE boundary ("
	  " area_id INTEGER PRIMARY KEY REFERENCES area(id),"
	  " minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL,"
	  " npoints INTEGER NOT NULL,"
	  " geom TEXT NOT NULL,"
	  " import_id INTEGER NOT NULL REFERENCES import(id));",
	  NULL, NULL },
	/* 5: crime counts as one row per (area, type) series instead of one
	 * per (area, type, period): a national file is ~1M rows instead of
	 * tens of millions (store/series.h has the value's layout; nfacts
	 * is the number of counts in it). The old rows are converted. */
	{ 5,
	  "CREATE TABLE series ("
	  " area_id INTEGER NOT NULL REFERENCES area(id),"
	  " type_id INTEGER NOT NULL REFERENCES crime_type(id),"
	  " nfacts INTEGER NOT NULL CHECK (nfacts >= 0),"
	  " data BLOB NOT NULL,"
	  " PRIMARY KEY (area_id, type_id)) WITHOUT ROWID;",
	  ivp__sq_series_from_facts,
	  "DROP TABLE fact;" },
	/* 6: the report's narrative texts, one row per version (never
	 * overwritten; the newest is the text), and the snapshots of reports
	 * marked definitief (the model as canonical JSON with its SHA-256,
	 * written once). */
	{ 6,
	  "CREATE TABLE report_text ("
	  " kind TEXT NOT NULL,"
	  " area TEXT NOT NULL,"
	  " year INTEGER NOT NULL,"
	  " key TEXT NOT NULL,"
	  " version INTEGER NOT NULL CHECK (version >= 1),"
	  " body TEXT NOT NULL CHECK (body <> ''),"
	  " created_by TEXT NOT NULL,"
	  " created_at TEXT NOT NULL,"
	  " PRIMARY KEY (kind, area, year, key, version)) WITHOUT ROWID;"
	  "CREATE TABLE report_final ("
	  " kind TEXT NOT NULL,"
	  " area TEXT NOT NULL,"
	  " year INTEGER NOT NULL,"
	  " date TEXT NOT NULL,"
	  " sha256 TEXT NOT NULL,"
	  " snapshot TEXT NOT NULL,"
	  " created_by TEXT NOT NULL,"
	  " created_at TEXT NOT NULL,"
	  " PRIMARY KEY (kind, area, year)) WITHOUT ROWID;",
	  NULL, NULL },
	/* 7: comparison groups (group_store.h): named sets of areas, e.g. the
	 * region Haaglanden; a group is replaced whole by each import of it.
	 */
	{ 7,
	  "CREATE TABLE area_group ("
	  " id INTEGER PRIMARY KEY,"
	  " name TEXT NOT NULL UNIQUE,"
	  " title TEXT NOT NULL,"
	  " kind TEXT NOT NULL CHECK (kind IN ('region','group')),"
	  " source TEXT NOT NULL DEFAULT '',"
	  " import_id INTEGER REFERENCES import(id));"
	  "CREATE TABLE area_group_member ("
	  " group_id INTEGER NOT NULL REFERENCES area_group(id) ON DELETE CASCADE,"
	  " area_id INTEGER NOT NULL REFERENCES area(id),"
	  " PRIMARY KEY (group_id, area_id)) WITHOUT ROWID;"
	  "CREATE INDEX area_group_member_area ON area_group_member(area_id);",
	  NULL, NULL },
	/* 8: organisations (org_store.h): the municipality and its partners,
	 * what a plan's measure names as owner and partners; one membership
	 * row per user. The default organisation `gemeente` is created here:
	 * a user without a row (every user from before this migration) is a
	 * member of it (src/auth/org.c). */
	{ 8,
	  "CREATE TABLE organisation ("
	  " id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 31),"
	  " name TEXT NOT NULL CHECK (name <> ''),"
	  " kind TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))) WITHOUT ROWID;"
	  "INSERT INTO organisation(id, name, kind) VALUES ('gemeente', 'Gemeente', 'municipality');"
	  "CREATE TABLE org_member ("
	  " user_id INTEGER PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,"
	  " org_id TEXT NOT NULL REFERENCES organisation(id));"
	  "CREATE INDEX org_member_org ON org_member(org_id);",
	  NULL, NULL },
	/* 9: the audit trail (store/audit_store.h, docs/audit.md): one row per
	 * entry, each holding the hash of the one before. The triggers keep
	 * ivp itself from changing or removing an entry; `ivp audit verify`
	 * finds what someone did to the file outside it. */
	{ 9,
	  "CREATE TABLE audit_entry ("
	  " seq INTEGER PRIMARY KEY,"
	  " at TEXT NOT NULL,"
	  " user TEXT NOT NULL,"
	  " org TEXT NOT NULL DEFAULT '',"
	  " addr TEXT NOT NULL,"
	  " action TEXT NOT NULL,"
	  " object TEXT NOT NULL,"
	  " before TEXT NOT NULL DEFAULT '',"
	  " after TEXT NOT NULL DEFAULT '',"
	  " prev TEXT NOT NULL,"
	  " hash TEXT NOT NULL);"
	  "CREATE INDEX audit_entry_object ON audit_entry(object, seq);"
	  "CREATE INDEX audit_entry_user ON audit_entry(user, seq);"
	  "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry"
	  " BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"
	  "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry"
	  " BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;",
	  NULL, NULL },
	/* 10: the participation trajectory and the priority matrix
	 * (particip_store.h): trajectories of a plan, their activities, the
	 * inputs with what was done with them and the themes they are tagged
	 * with; the safety themes (the Kernbeleid Veiligheid list, inserted
	 * here, plus a municipality's own); the matrix's entries (weights,
	 * scores entered with a reason, regional themes, choices); the
	 * evaluation of a previous plan (pt_eval: its goals with result and
	 * target, its measures with budget and spending, the conclusions). */
	{ 10,
	  "CREATE TABLE pt_theme ("
	  " key TEXT PRIMARY KEY CHECK (key <> ''),"
	  " title TEXT NOT NULL CHECK (title <> ''),"
	  " field INTEGER NOT NULL CHECK (field BETWEEN 0 AND 5),"
	  " own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0,1)),"
	  " import_id INTEGER REFERENCES import(id)) WITHOUT ROWID;"
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
	  " id TEXT PRIMARY KEY CHECK (id <> ''),"
	  " plan_id TEXT NOT NULL DEFAULT '',"
	  " title TEXT NOT NULL CHECK (title <> ''),"
	  " aims TEXT NOT NULL DEFAULT '',"
	  " illustration INTEGER NOT NULL CHECK (illustration IN (0,1)),"
	  " import_id INTEGER REFERENCES import(id)) WITHOUT ROWID;"
	  "CREATE TABLE pt_activity ("
	  " id TEXT PRIMARY KEY CHECK (id <> ''),"
	  " trajectory TEXT NOT NULL REFERENCES pt_trajectory(id),"
	  " kind TEXT NOT NULL CHECK (kind IN ('interview','wijkgesprek','themasessie','conferentie','enquete','online')),"
	  " date TEXT NOT NULL,"
	  " place TEXT NOT NULL DEFAULT '',"
	  " wijk TEXT,"
	  " organisations TEXT NOT NULL DEFAULT '',"
	  " participants INTEGER CHECK (participants >= 0),"
	  " report TEXT NOT NULL DEFAULT '',"
	  " illustration INTEGER NOT NULL CHECK (illustration IN (0,1)),"
	  " import_id INTEGER REFERENCES import(id)) WITHOUT ROWID;"
	  "CREATE INDEX pt_activity_trajectory ON pt_activity(trajectory);"
	  "CREATE TABLE pt_input ("
	  " activity TEXT NOT NULL REFERENCES pt_activity(id),"
	  " ref TEXT NOT NULL CHECK (ref <> ''),"
	  " statement TEXT NOT NULL CHECK (statement <> ''),"
	  " wijk TEXT,"
	  " route TEXT NOT NULL CHECK (route IN ('','priority','goal','measure','passed','not_taken')),"
	  " target TEXT NOT NULL DEFAULT '',"
	  " reason TEXT NOT NULL DEFAULT '',"
	  " import_id INTEGER REFERENCES import(id),"
	  " PRIMARY KEY (activity, ref)) WITHOUT ROWID;"
	  "CREATE TABLE pt_input_theme ("
	  " activity TEXT NOT NULL,"
	  " ref TEXT NOT NULL,"
	  " theme TEXT NOT NULL REFERENCES pt_theme(key),"
	  " PRIMARY KEY (activity, ref, theme),"
	  " FOREIGN KEY (activity, ref) REFERENCES pt_input(activity, ref) ON DELETE CASCADE) WITHOUT ROWID;"
	  "CREATE TABLE pt_entry ("
	  " kind TEXT NOT NULL CHECK (kind IN ('weight','score','regional','choice')),"
	  " theme TEXT NOT NULL,"
	  " criterion TEXT NOT NULL,"
	  " value REAL NOT NULL,"
	  " text TEXT NOT NULL DEFAULT '',"
	  " text2 TEXT NOT NULL DEFAULT '',"
	  " import_id INTEGER REFERENCES import(id),"
	  " PRIMARY KEY (kind, theme, criterion)) WITHOUT ROWID;"
	  "CREATE TABLE pt_eval ("
	  " plan TEXT NOT NULL CHECK (plan <> ''),"
	  " kind TEXT NOT NULL CHECK (kind IN ('goal','measure','conclusion')),"
	  " id TEXT NOT NULL CHECK (id <> ''),"
	  " priority TEXT NOT NULL DEFAULT '',"
	  " theme TEXT REFERENCES pt_theme(key),"
	  " title TEXT NOT NULL DEFAULT '',"
	  " direction TEXT NOT NULL DEFAULT '',"
	  " unit TEXT NOT NULL DEFAULT '',"
	  " baseline REAL, target REAL, result REAL, margin REAL, budget REAL, spent REAL,"
	  " done INTEGER CHECK (done IN (0,1)),"
	  " text TEXT NOT NULL DEFAULT '',"
	  " illustration INTEGER NOT NULL CHECK (illustration IN (0,1)),"
	  " import_id INTEGER REFERENCES import(id),"
	  " PRIMARY KEY (plan, kind, id)) WITHOUT ROWID;",
	  NULL, NULL },
	/* 11: the second factor (src/auth/totp.c): a user's TOTP secret
	 * (base32; NULL: none enrolled), whether sign-in requires it, and the
	 * last time step used, so that a code is taken once. */
	{ 11,
	  "ALTER TABLE app_user ADD COLUMN totp_secret TEXT;"
	  "ALTER TABLE app_user ADD COLUMN totp_required INTEGER NOT NULL DEFAULT 0;"
	  "ALTER TABLE app_user ADD COLUMN totp_last INTEGER NOT NULL DEFAULT 0;"
	  "CREATE INDEX login_attempt_pair ON login_attempt(name, addr, at);",
	  NULL, NULL },
	/* 12: what the restricted registers share (src/registers/,
	 * reg_store.h): the key file's check values, every record's data key
	 * wrapped by its register's key, the members of each register, the
	 * retention an admin set, and the reason of an audit entry (docs/audit.md:
	 * an entry with a reason is encoded as ivp-audit-2, one without keeps
	 * the ivp-audit-1 encoding, so older chains verify unchanged). */
	{ 12,
	  "CREATE TABLE vault_meta ("
	  " key TEXT PRIMARY KEY CHECK (key <> ''),"
	  " value TEXT NOT NULL) WITHOUT ROWID;"
	  "CREATE TABLE vault_dek ("
	  " register TEXT NOT NULL CHECK (register IN ('signals','cases')),"
	  " record TEXT NOT NULL CHECK (record <> ''),"
	  " version INTEGER NOT NULL CHECK (version > 0),"
	  " wrapped TEXT NOT NULL,"
	  " PRIMARY KEY (register, record)) WITHOUT ROWID;"
	  "CREATE TABLE reg_member ("
	  " register TEXT NOT NULL CHECK (register IN ('signals','cases')),"
	  " user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,"
	  " granted_by TEXT NOT NULL DEFAULT '',"
	  " granted_at TEXT NOT NULL,"
	  " PRIMARY KEY (register, user_id)) WITHOUT ROWID;"
	  "CREATE INDEX reg_member_user ON reg_member(user_id);"
	  "CREATE TABLE reg_setting ("
	  " register TEXT NOT NULL CHECK (register IN ('signals','cases')),"
	  " rule TEXT NOT NULL CHECK (rule <> ''),"
	  " months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 1200),"
	  " set_by TEXT NOT NULL DEFAULT '',"
	  " set_at TEXT NOT NULL,"
	  " PRIMARY KEY (register, rule)) WITHOUT ROWID;"
	  "ALTER TABLE audit_entry ADD COLUMN reason TEXT NOT NULL DEFAULT '';",
	  NULL, NULL },
	/* 13: the signals register of the ondermijningsoverleg
	 * (signal_store.h). Columns *_x hold a sealed blob as hex (the
	 * vault of src/registers/); everything else is categorical, a code,
	 * a user name or a date, in clear for lists, decisions and counts. */
	{ 13,
	  "CREATE TABLE sig_signal ("
	  " id TEXT PRIMARY KEY CHECK (id <> ''),"
	  " received TEXT NOT NULL,"
	  " source TEXT NOT NULL CHECK (source IN ('resident','anonymous','department','police','partner')),"
	  " phenomenon TEXT NOT NULL CHECK (phenomenon IN ('drugs','money_laundering','trafficking',"
	  "'real_estate','care_fraud','omg','other')),"
	  " buurt TEXT,"
	  " wijk TEXT,"
	  " address_x TEXT, description_x TEXT, persons_x TEXT, companies_x TEXT,"
	  " status TEXT NOT NULL CHECK (status IN ('received','agenda','weighed','handed_over','inquiry','closed')),"
	  " intake TEXT NOT NULL,"
	  " handler TEXT,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " import_id INTEGER REFERENCES import(id)) WITHOUT ROWID;"
	  "CREATE TABLE sig_status ("
	  " signal TEXT NOT NULL REFERENCES sig_signal(id),"
	  " seq INTEGER NOT NULL,"
	  " status TEXT NOT NULL,"
	  " by_user TEXT NOT NULL,"
	  " at TEXT NOT NULL,"
	  " PRIMARY KEY (signal, seq)) WITHOUT ROWID;"
	  "CREATE TABLE sig_meeting ("
	  " id INTEGER PRIMARY KEY,"
	  " date TEXT NOT NULL,"
	  " orgs TEXT NOT NULL DEFAULT '',"
	  " created_by TEXT NOT NULL);"
	  "CREATE TABLE sig_agenda ("
	  " meeting INTEGER NOT NULL REFERENCES sig_meeting(id),"
	  " signal TEXT NOT NULL REFERENCES sig_signal(id),"
	  " PRIMARY KEY (meeting, signal)) WITHOUT ROWID;"
	  "CREATE TABLE sig_weighing ("
	  " signal TEXT PRIMARY KEY REFERENCES sig_signal(id),"
	  " date TEXT NOT NULL,"
	  " meeting INTEGER REFERENCES sig_meeting(id),"
	  " concrete INTEGER NOT NULL CHECK (concrete IN (0,1)),"
	  " recent INTEGER NOT NULL CHECK (recent IN (0,1)),"
	  " pattern INTEGER NOT NULL CHECK (pattern IN (0,1)),"
	  " outcome TEXT NOT NULL CHECK (outcome IN ('none','department','riec','police','inquiry')),"
	  " department TEXT NOT NULL DEFAULT '' CHECK (department IN ('','bibob','enforcement','permits','other')),"
	  " checks_x TEXT,"
	  " followup TEXT,"
	  " result_x TEXT,"
	  " weighed_by TEXT NOT NULL,"
	  " at TEXT NOT NULL) WITHOUT ROWID;"
	  "CREATE INDEX sig_weighing_outcome ON sig_weighing(outcome, date);",
	  NULL, NULL },
	/* 14: the case register of the Zorg- en Veiligheidshuis (case_store.h,
	 * src/registers/cases.c). Personal and free-text fields are sealed by
	 * the vault before they get here (hex of the blob, *_s columns); the
	 * clear ones are what counts and the need-to-know decision use. */
	{ 14,
	  "CREATE TABLE zvh_case ("
	  " id TEXT PRIMARY KEY CHECK (id <> ''),"
	  " registered TEXT NOT NULL,"
	  " reg_org TEXT NOT NULL,"
	  " reg_user TEXT NOT NULL,"
	  " criteria TEXT NOT NULL DEFAULT '',"
	  " status TEXT NOT NULL CHECK (status IN ('registered','in_progress','closed','declined')),"
	  " closed TEXT,"
	  " wijk TEXT,"
	  " director TEXT,"
	  " bsn_blind TEXT,"
	  " reason_s TEXT, close_reason_s TEXT, goal_s TEXT, person_s TEXT) WITHOUT ROWID;"
	  "CREATE INDEX zvh_case_blind ON zvh_case(bsn_blind);"
	  "CREATE TABLE zvh_case_org ("
	  " case_id TEXT NOT NULL REFERENCES zvh_case(id) ON DELETE CASCADE,"
	  " org TEXT NOT NULL,"
	  " joined TEXT NOT NULL,"
	  " left_on TEXT,"
	  " PRIMARY KEY (case_id, org)) WITHOUT ROWID;"
	  "CREATE TABLE zvh_case_domain ("
	  " case_id TEXT NOT NULL REFERENCES zvh_case(id) ON DELETE CASCADE,"
	  " domain TEXT NOT NULL,"
	  " score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),"
	  " set_by TEXT NOT NULL,"
	  " set_on TEXT NOT NULL,"
	  " PRIMARY KEY (case_id, domain)) WITHOUT ROWID;"
	  "CREATE TABLE zvh_case_entry ("
	  " case_id TEXT NOT NULL REFERENCES zvh_case(id) ON DELETE CASCADE,"
	  " n INTEGER NOT NULL CHECK (n >= 1),"
	  " kind TEXT NOT NULL CHECK (kind IN ('agreement','meeting','note')),"
	  " date TEXT NOT NULL,"
	  " org TEXT NOT NULL DEFAULT '',"
	  " orgs TEXT NOT NULL DEFAULT '',"
	  " author TEXT NOT NULL,"
	  " done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0,1)),"
	  " own_org INTEGER NOT NULL DEFAULT 0 CHECK (own_org IN (0,1)),"
	  " text_s TEXT,"
	  " PRIMARY KEY (case_id, n)) WITHOUT ROWID;",
	  NULL, NULL },
	/* 16 (particip2): a survey's number of respondents and the minimum it
	 * states (src/stats/survey.h: fewer is "too small"); NULL: not known,
	 * no minimum. The priority matrix's entries of kind crime (a theme's
	 * registered crime, for size and trend) and area (the area they are
	 * computed for): pt_entry again with the wider CHECK. */
	{ 16,
	  "ALTER TABLE local_value ADD COLUMN respondents INTEGER CHECK (respondents > 0);"
	  "ALTER TABLE local_value ADD COLUMN min_respondents INTEGER CHECK (min_respondents > 0);"
	  "CREATE TABLE pt_entry_16 ("
	  " kind TEXT NOT NULL CHECK (kind IN ('weight','score','regional','choice','crime','area')),"
	  " theme TEXT NOT NULL,"
	  " criterion TEXT NOT NULL,"
	  " value REAL NOT NULL,"
	  " text TEXT NOT NULL DEFAULT '',"
	  " text2 TEXT NOT NULL DEFAULT '',"
	  " import_id INTEGER REFERENCES import(id),"
	  " PRIMARY KEY (kind, theme, criterion)) WITHOUT ROWID;"
	  "INSERT INTO pt_entry_16 SELECT kind, theme, criterion, value, text, text2, import_id FROM pt_entry;"
	  "DROP TABLE pt_entry;"
	  "ALTER TABLE pt_entry_16 RENAME TO pt_entry;",
	  NULL, NULL },
	/* 17 (tenant): many municipalities in one deployment (docs/tenancy.md).
	 * Rows that belong to a municipality say which: its CBS code, a
	 * region's name (area_group), or '' for the deployment's single
	 * municipality / not bound. A plan version is bound to the
	 * municipality its doc names (the step below fills the existing ones);
	 * a user to a municipality or a region (a region user), existing
	 * users to none; an organisation works for the municipalities of its
	 * rows in org_municipality (none: for the deployment's own). Report
	 * texts, local values and register membership derive theirs (their
	 * area's gemeente; their user's) and have no column. */
	{ 17,
	  "ALTER TABLE plan_version ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE app_user ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "CREATE TABLE org_municipality ("
	  " org_id TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,"
	  " municipality TEXT NOT NULL CHECK (municipality <> ''),"
	  " PRIMARY KEY (org_id, municipality)) WITHOUT ROWID;"
	  "CREATE INDEX org_municipality_m ON org_municipality(municipality);"
	  "ALTER TABLE pt_theme ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE pt_trajectory ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE pt_entry ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE pt_eval ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE sig_signal ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE sig_meeting ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE zvh_case ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"
	  "ALTER TABLE audit_entry ADD COLUMN municipality TEXT NOT NULL DEFAULT '';",
	  ivp__sq_plan_municipality,
	  "CREATE INDEX plan_version_municipality ON plan_version(municipality, version);"
	  "CREATE INDEX app_user_municipality ON app_user(municipality);" },
	/* 18 (region): the regional plan of a region (its id is the region's
	 * comparison group, area_group.name) and its themes in their order
	 * (src/plan/region.c, docs/region-file.md); a municipality's priority
	 * names its themes in the plan file (regional_themes). */
	{ 18,
	  "CREATE TABLE region_plan ("
	  " region TEXT PRIMARY KEY CHECK (region <> ''),"
	  " title TEXT NOT NULL,"
	  " period_from INTEGER NOT NULL,"
	  " period_to INTEGER NOT NULL,"
	  " source TEXT NOT NULL DEFAULT '',"
	  " import_id INTEGER REFERENCES import(id)) WITHOUT ROWID;"
	  "CREATE TABLE region_theme ("
	  " region TEXT NOT NULL REFERENCES region_plan(region) ON DELETE CASCADE,"
	  " id TEXT NOT NULL CHECK (id <> ''),"
	  " title TEXT NOT NULL,"
	  " description TEXT NOT NULL DEFAULT '',"
	  " ord INTEGER NOT NULL,"
	  " PRIMARY KEY (region, id)) WITHOUT ROWID;",
	  NULL, NULL },
	/* 19: PostgreSQL only (the registers' numbers past its policies). */
	/* 20: the priority matrix's entries per municipality: two
	 * municipalities score the same themes on the same criteria, so the
	 * municipality is part of the key. The deployment's first municipality
	 * holds its entries under '' (ivp_tenant_key(), docs/tenancy.md),
	 * whether written for the whole deployment (the CLI) or acting for it
	 * (the web): its code becomes '' here, a row of '' of the same key
	 * winning. */
	{ 20,
	  "CREATE TABLE pt_entry_20 ("
	  " municipality TEXT NOT NULL DEFAULT '',"
	  " kind TEXT NOT NULL CHECK (kind IN ('weight','score','regional','choice','crime','area')),"
	  " theme TEXT NOT NULL,"
	  " criterion TEXT NOT NULL,"
	  " value REAL NOT NULL,"
	  " text TEXT NOT NULL DEFAULT '',"
	  " text2 TEXT NOT NULL DEFAULT '',"
	  " import_id INTEGER REFERENCES import(id),"
	  " PRIMARY KEY (municipality, kind, theme, criterion)) WITHOUT ROWID;"
	  "INSERT OR IGNORE INTO pt_entry_20 SELECT municipality, kind, theme, criterion, value, text, text2, import_id "
	  "FROM pt_entry WHERE municipality = '';"
	  "INSERT OR IGNORE INTO pt_entry_20 SELECT CASE WHEN municipality = (SELECT municipality FROM plan_version "
	  "WHERE municipality <> '' ORDER BY version LIMIT 1) THEN '' ELSE municipality END, "
	  "kind, theme, criterion, value, text, text2, import_id FROM pt_entry WHERE municipality <> '';"
	  "DROP TABLE pt_entry;"
	  "ALTER TABLE pt_entry_20 RENAME TO pt_entry;",
	  NULL, NULL },
};

const int ivp__sqlite_nmigrations =
	(int)(sizeof(ivp__sqlite_migrations) / sizeof(ivp__sqlite_migrations[0]));
