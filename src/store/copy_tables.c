/*
 * copy_tables.c — the tables `ivp copy` copies, with their columns, in an
 * order in which every row's references come before it (copy_store.h).
 * Both engines build their copy statements from this list, so a table
 * added to both engines needs one line here to be copied (copy_store.h
 * shows the line); a table its migration fills with rows of its own is
 * also named in seeded[].
 */
#include <string.h>

#include "store/copy_store.h"

const ivp__copy_table ivp__copy_tables[] = {
	{ "import", "id,kind,layout,file_name,sha256,options,rows,missing,skipped,imported_by,started_at,finished_at",
	  "itttttiiittt", "id" },
	{ "area", "id,code,name,level,parent,import_id", "itttti", "id" },
	{ "area_alias", "name,code", "tt", NULL },
	{ "crime_type", "id,classification,code,title,import_id", "ittti", "id" },
	{ "period", "period,title,status,import_id", "itti", NULL },
	{ "population", "area_id,age_group,year,count,import_id", "itiii", NULL },
	{ "indicator_def", "key,version,classification,kind,name_nl,name_en,codes,per,population_group,source_tables,note,created_at",
	  "titttttitttt", NULL },
	{ "series", "area_id,type_id,nfacts,data", "iiib", NULL },
	{ "plan_version", "version,plan_id,kind,source,summary,created_by,created_at,doc,municipality", "itttttttt", "version" },
	{ "local_value", "key,area,year,unit,value,margin,source,definition_version,name,import_id,respondents,min_respondents", "ttitrrtttiii",
	  NULL },
	{ "app_user", "id,name,role,pwhash,created_at,updated_at,totp_secret,totp_required,totp_last,municipality", "ittttttiit",
	  "id" },
	{ "app_session", "token_hash,user_id,created_at,expires_at", "tiii", NULL },
	{ "login_attempt", "id,name,addr,at,ok", "ittii", "id" },
	{ "organisation", "id,name,kind,created_at", "tttt", NULL },
	{ "org_member", "user_id,org_id", "it", NULL },
	{ "org_municipality", "org_id,municipality", "tt", NULL },
	{ "boundary", "area_id,minx,miny,maxx,maxy,npoints,geom,import_id", "irrrriti", NULL },
	{ "report_text", "kind,area,year,key,version,body,created_by,created_at", "ttitittt", NULL },
	{ "report_final", "kind,area,year,date,sha256,snapshot,created_by,created_at", "ttittttt", NULL },
	{ "area_group", "id,name,title,kind,source,import_id", "itttti", "id" },
	{ "area_group_member", "group_id,area_id", "ii", NULL },
	{ "region_plan", "region,title,period_from,period_to,source,import_id", "ttiiti", NULL },
	{ "region_theme", "region,id,title,description,ord", "tttti", NULL },
	/* "user" quoted: a reserved word on PostgreSQL, a plain name on SQLite */
	{ "audit_entry", "seq,at,\"user\",org,addr,action,object,before,after,prev,hash,reason,municipality", "itttttttttttt",
	  NULL },
	{ "pt_theme", "key,title,field,own,import_id,municipality", "ttiiit", NULL },
	{ "pt_trajectory", "id,plan_id,title,aims,illustration,import_id,municipality", "ttttiit", NULL },
	{ "pt_activity", "id,trajectory,kind,date,place,wijk,organisations,participants,report,illustration,import_id",
	  "tttttttitii", NULL },
	{ "pt_input", "activity,ref,statement,wijk,route,target,reason,import_id", "ttttttti", NULL },
	{ "pt_input_theme", "activity,ref,theme", "ttt", NULL },
	{ "pt_entry", "kind,theme,criterion,value,text,text2,import_id,municipality", "tttrttit", NULL },
	/* the restricted registers' shared tables (migration 12): wrapped keys and
	 * check values only, never a key; reg_member after app_user */
	{ "vault_meta", "key,value", "tt", NULL },
	{ "vault_dek", "register,record,version,wrapped", "ttit", NULL },
	{ "reg_member", "register,user_id,granted_by,granted_at", "titt", NULL },
	{ "reg_setting", "register,rule,months,set_by,set_at", "ttitt", NULL },
	{ "pt_eval",
	  "plan,kind,id,priority,theme,title,direction,unit,baseline,target,result,margin,budget,spent,done,text,"
	  "illustration,import_id,municipality",
	  "ttttttttrrrrrritiit", NULL },
	/* the signals register (migration 13): sealed fields stay sealed in the copy */
	{ "sig_signal",
	  "id,received,source,phenomenon,buurt,wijk,address_x,description_x,persons_x,companies_x,status,intake,"
	  "handler,created_at,updated_at,import_id,municipality",
	  "tttttttttttttttit", NULL },
	{ "sig_status", "signal,seq,status,by_user,at", "tittt", NULL },
	{ "sig_meeting", "id,date,orgs,created_by,municipality", "itttt", "id" },
	{ "sig_agenda", "meeting,signal", "it", NULL },
	{ "sig_weighing",
	  "signal,date,meeting,concrete,recent,pattern,outcome,department,checks_x,followup,result_x,weighed_by,at",
	  "ttiiiittttttt", NULL },
	/* the case register (migration 14): sealed columns are hex text */
	{ "zvh_case",
	  "id,registered,reg_org,reg_user,criteria,status,closed,wijk,director,bsn_blind,reason_s,close_reason_s,goal_s,"
	  "person_s,municipality",
	  "ttttttttttttttt", NULL },
	{ "zvh_case_org", "case_id,org,joined,left_on", "tttt", NULL },
	{ "zvh_case_domain", "case_id,domain,score,set_by,set_on", "ttitt", NULL },
	{ "zvh_case_entry", "case_id,n,kind,date,org,orgs,author,done,own_org,text_s", "tittttiiit", NULL },
};

const int ivp__copy_ntables = (int)(sizeof(ivp__copy_tables) / sizeof(ivp__copy_tables[0]));

/* the tables whose migrations insert rows (the definitions of version 1,
 * the default organisation, the standard safety themes) */
static const char *const seeded[] = { "indicator_def", "organisation", "pt_theme" };

int ivp__copy_seeded(int t)
{
	size_t i;

	for (i = 0; i < sizeof(seeded) / sizeof(seeded[0]); i++)
		if (!strcmp(ivp__copy_tables[t].name, seeded[i]))
			return 1;
	return 0;
}
