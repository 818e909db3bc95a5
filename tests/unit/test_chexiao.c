/*
 * test_chexiao.c: the 撤销 rules as tables of cases: the 撤销说明 of
 * 其他, 逾期, the materials by reason and 经办人, what a 信息错误
 * corrects and its checks, every refusal of a registration that cannot
 * be revoked here, 先减员后撤销 by region; then the workflow: save,
 * submit, approve with the corrected registration, the 减员 message,
 * 撤销申请查询 and the tasks of a registration.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "attach.h"
#include "audit.h"
#include "chexiao.h"
#include "clock.h"
#include "employment.h"
#include "policy.h"
#include "store.h"
#include "tuigong.h"
#include "valid.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, person, emp;
static struct actor	 clerk, reviewer;
static struct hdate	 today;

/* Runs one SQL statement with text parameters (NULL binds NULL). */
static void
cx_sql(const char *sql, int n, ...)
{
	struct store_stmt	*st;
	va_list			 ap;
	const char		*v;
	int			 i;

	ck_assert_ptr_nonnull(st = store_stmt(db.s, sql));
	va_start(ap, n);
	for (i = 1; i <= n; i++) {
		v = va_arg(ap, const char *);
		ck_assert_int_eq(v == NULL ? store_bind_null(st, i) :
		    store_bind_text(st, i, v), 0);
	}
	va_end(ap);
	ck_assert_msg(store_exec_stmt(db.s, st) == 0, "%s: %s", sql,
	    store_errmsg(db.s));
}

/* Whether errs has an error with code. */
static int
has_code(const struct form_errors *errs, const char *code)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, code) == 0)
			return 1;
	return 0;
}

/* One unit in 420100 (先减员后撤销), a person with an 在职 registration,
 * 参保缴费, on 2026-03-20. */
static void
setup(void)
{
	char	 us[24], ps[24];

	th_db_open(&db);
	th_clock_set(&db, "2026-03-20 10:00:00");
	clock_today(&today);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&tuigong_business);
	wf_register(&chexiao_business);
	unit = th_unit(db.s, "甲公司", 0);
	clerk.account_id = th_account(db.s, unit, "cx-clerk");
	clerk.unit_id = unit;
	clerk.name = "甲经办";
	clerk.cert_fp = "";
	reviewer.account_id = th_account(db.s, 0, "cx-reviewer");
	reviewer.name = "审核员";
	reviewer.cert_fp = "";
	person = th_person(db.s, "420102199001011230", "王伟", "男",
	    "1990-01-01");
	snprintf(us, sizeof(us), "%lld", (long long)unit);
	snprintf(ps, sizeof(ps), "%lld", (long long)person);
	cx_sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, end_date, post, job_type, wage_fen, registered_at) "
	    "VALUES (?1, ?2, 'HT-1', '2024-01-01', '2026-12-31', '会计', "
	    "'会计员', 500000, '2024-01-02 09:00:00')", 2, ps, us);
	emp = store_last_id(db.s);
	cx_sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status) VALUES (?1, ?2, 'SB1', '2024-01', '参保缴费')", 2, ps, us);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* A row revoking emp for reason. */
static void
row_of(const char *reason, struct chexiao_row *r)
{
	struct employment	 e;

	ck_assert_int_eq(emp_load(db.s, unit, emp, &e), 0);
	memset(r, 0, sizeof(*r));
	r->employment_id = emp;
	r->person_id = person;
	snprintf(r->name, sizeof(r->name), "%s", e.name);
	snprintf(r->idno, sizeof(r->idno), "%s", e.idno);
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	r->handler_is_rep = 1;
	snprintf(r->handler_name, sizeof(r->handler_name), "甲经办");
	snprintf(r->handler_phone, sizeof(r->handler_phone), "13800138000");
	if (strcmp(reason, "信息错误") != 0)
		return;
	snprintf(r->fix_name, sizeof(r->fix_name), "%s", e.name);
	snprintf(r->fix_contract_no, sizeof(r->fix_contract_no), "%s",
	    e.contract_no);
	snprintf(r->fix_start, sizeof(r->fix_start), "%s", e.start_date);
	snprintf(r->fix_end, sizeof(r->fix_end), "%s", e.end_date);
	snprintf(r->fix_post, sizeof(r->fix_post), "%s", e.post);
	snprintf(r->fix_job_type, sizeof(r->fix_job_type), "%s", e.job_type);
	r->fix_wage_fen = e.wage_fen;
	snprintf(r->fix_work_form, sizeof(r->fix_work_form), "%s",
	    e.work_form);
}

/* ---- Pure rules ---- */

static const struct {
	const char	*text;
	const char	*code;	/* NULL: accepted */
} explain_cases[] = {
	{ "", "CX_EXPLAIN_MISSING" },
	{ "   ", "CX_EXPLAIN_MISSING" },
	{ "。,!", "CX_EXPLAIN_MISSING" },
	{ "其他", "CX_EXPLAIN_VAGUE" },
	{ "无", "CX_EXPLAIN_VAGUE" },
	{ "不详。", "CX_EXPLAIN_VAGUE" },
	{ "个人原因", "CX_EXPLAIN_VAGUE" },
	{ "其他, 个人原因!", "CX_EXPLAIN_VAGUE" },
	{ "重复登记", "CX_EXPLAIN_SHORT" },
	{ "录入时选错员工", "CX_EXPLAIN_SHORT" },
	{ "同一员工在系统中重复登记两次", NULL },
	{ "员工实际未到岗,劳动合同未履行", NULL },
	{ "个人原因:员工入职当天放弃,合同未履行", NULL },
};

START_TEST(explain_table)
{
	struct form_errors	 errs;
	size_t			 n;

	errs.n = 0;
	n = cx_explain_check(explain_cases[_i].text, 8,
	    "其他,其它,无,没有,不详,个人原因,原因", &errs);
	if (explain_cases[_i].code == NULL)
		ck_assert_msg(n == 0, "'%s' refused", explain_cases[_i].text);
	else {
		ck_assert_msg(n == 1, "'%s' accepted", explain_cases[_i].text);
		ck_assert_str_eq(errs.e[0].code, explain_cases[_i].code);
		ck_assert_str_eq(errs.e[0].field, "explanation");
	}
}
END_TEST

static const struct {
	const char	*ended;
	const char	*on;
	long long	 days;
	int		 late;
} late_cases[] = {
	{ "", "2026-03-20", 30, 0 },
	{ "2026-03-01", "2026-03-20", 30, 0 },
	{ "2026-02-18", "2026-03-20", 30, 0 },	/* the 30th day */
	{ "2026-02-17", "2026-03-20", 30, 1 },	/* the 31st */
	{ "2025-01-01", "2026-03-20", 30, 1 },
	{ "2026-03-10", "2026-03-20", 5, 1 },
	{ "bad", "2026-03-20", 30, 0 },
};

START_TEST(late_table)
{
	struct hdate	 on;

	ck_assert_int_eq(valid_date(late_cases[_i].on, &on), VALID_OK);
	ck_assert_int_eq(cx_is_late(late_cases[_i].ended, &on,
	    late_cases[_i].days), late_cases[_i].late);
}
END_TEST

static const struct {
	enum cx_reason	 reason;
	int		 rep;
	const char	*codes;	/* in order, comma-separated */
} material_cases[] = {
	{ CX_REASON_LEFT, 1, "yingye_zhizhao,tongyi_daima,fading_sfz,"
	  "jiechu_zhengming,jingbanren_sfz" },
	{ CX_REASON_LEFT, 0, "yingye_zhizhao,tongyi_daima,fading_sfz,"
	  "jiechu_zhengming,jingbanren_sfz,shouquan_weituoshu" },
	{ CX_REASON_ERROR, 1, "yingye_zhizhao,tongyi_daima,fading_sfz,"
	  "cuowu_zhengming,jingbanren_sfz" },
	{ CX_REASON_OTHER, 1, "yingye_zhizhao,tongyi_daima,fading_sfz,"
	  "jingbanren_sfz" },
	{ CX_REASON_CLOSED, 0, "yingye_zhizhao,tongyi_daima,fading_sfz,"
	  "jingbanren_sfz,shouquan_weituoshu" },
};

START_TEST(materials_table)
{
	struct cx_material	 m[CX_MAX_MATERIALS];
	char			 got[512];
	size_t			 i, n;

	n = cx_materials(material_cases[_i].reason, material_cases[_i].rep, m);
	got[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(got, ",");
		strcat(got, m[i].code);
		ck_assert_int_eq(m[i].required, 1);
		ck_assert_ptr_nonnull(attach_material(m[i].code));
		/* 营业执照 or 统一社会信用代码: one group. */
		ck_assert_int_eq(m[i].group, i < 2 ? 1 : 0);
	}
	ck_assert_str_eq(got, material_cases[_i].codes);
}
END_TEST

static const struct {
	const char	*field;		/* which fix_ field to change */
	const char	*value;
	unsigned int	 mask;
	const char	*code;		/* cx_fix_check's, NULL none */
} fix_cases[] = {
	{ NULL, NULL, 0, NULL },
	{ "name", "王玮", CX_FIX_NAME, NULL },
	{ "name", "", CX_FIX_NAME, "CX_FIX_NAME" },
	{ "contract", "HT-1A", CX_FIX_CONTRACT_NO, NULL },
	{ "start", "2024-02-01", CX_FIX_START, NULL },
	{ "start", "2027-01-01", CX_FIX_START, "CX_FIX_DATES" },
	{ "end", "", CX_FIX_END, NULL },	/* 无固定期限 */
	{ "end", "2023-12-31", CX_FIX_END, "CX_FIX_DATES" },
	{ "post", "出纳", CX_FIX_POST, NULL },
	/* 22 characters, 66 bytes: more than a registration's 岗位 holds. */
	{ "post", "综合管理部门高级人力资源业务合作伙伴岗位专员", CX_FIX_POST,
	  "CX_FIX_TOOLONG" },
	{ "job", "综合管理部门高级人力资源业务合作伙伴岗位专员",
	  CX_FIX_JOB_TYPE, "CX_FIX_TOOLONG" },
	{ "job", "出纳员", CX_FIX_JOB_TYPE, NULL },
	{ "wage", "600000", CX_FIX_WAGE, NULL },
	{ "wage", "-1", CX_FIX_WAGE, "CX_FIX_WAGE" },
	{ "form", "非全日制", CX_FIX_WORK_FORM, NULL },
	{ "form", "小时工", CX_FIX_WORK_FORM, "CX_FIX_WORK_FORM" },
};

START_TEST(fix_table)
{
	struct chexiao_row	 r;
	struct employment	 e;
	struct form_errors	 errs;
	const char		*f = fix_cases[_i].field;
	const char		*v = fix_cases[_i].value;

	row_of("信息错误", &r);
	ck_assert_int_eq(emp_load(db.s, unit, emp, &e), 0);
	if (f != NULL && strcmp(f, "name") == 0)
		snprintf(r.fix_name, sizeof(r.fix_name), "%s", v);
	else if (f != NULL && strcmp(f, "contract") == 0)
		snprintf(r.fix_contract_no, sizeof(r.fix_contract_no), "%s", v);
	else if (f != NULL && strcmp(f, "start") == 0)
		snprintf(r.fix_start, sizeof(r.fix_start), "%s", v);
	else if (f != NULL && strcmp(f, "end") == 0)
		snprintf(r.fix_end, sizeof(r.fix_end), "%s", v);
	else if (f != NULL && strcmp(f, "post") == 0)
		snprintf(r.fix_post, sizeof(r.fix_post), "%s", v);
	else if (f != NULL && strcmp(f, "job") == 0)
		snprintf(r.fix_job_type, sizeof(r.fix_job_type), "%s", v);
	else if (f != NULL && strcmp(f, "wage") == 0)
		r.fix_wage_fen = atoll(v);
	else if (f != NULL && strcmp(f, "form") == 0)
		snprintf(r.fix_work_form, sizeof(r.fix_work_form), "%s", v);
	ck_assert_uint_eq(cx_fix_changes(&e, &r), fix_cases[_i].mask);
	errs.n = 0;
	if (fix_cases[_i].code == NULL)
		ck_assert_uint_eq(cx_fix_check(&r, &errs), 0);
	else {
		ck_assert_uint_eq(cx_fix_check(&r, &errs), 1);
		ck_assert_str_eq(errs.e[0].code, fix_cases[_i].code);
	}
	/* Another reason corrects nothing. */
	snprintf(r.reason, sizeof(r.reason), "其他");
	ck_assert_uint_eq(cx_fix_changes(&e, &r), 0);
}
END_TEST

/* ---- Refusals of the registration ---- */

static const struct {
	const char	*setup;		/* SQL over ?1 the unit, ?2 the emp */
	const char	*code;		/* NULL: may be revoked */
	const char	*words;		/* in the message */
} refuse_cases[] = {
	{ NULL, NULL, NULL },
	{ "UPDATE units SET status = '注销' WHERE id = ?1 AND ?2 > 0",
	  "CX_UNIT_CLOSED", "《准予注销登记通知书》" },
	{ "UPDATE employments SET reg_region = '110100' WHERE id = ?2 AND "
	  "?1 > 0", "CX_OTHER_REGION", "原登记地" },
	{ "UPDATE employments SET reg_region = '420100' WHERE id = ?2 AND "
	  "?1 > 0", NULL, NULL },
	{ "UPDATE employments SET reg_type = '灵活就业登记' WHERE id = ?2 "
	  "AND ?1 > 0", "CX_OTHER_TYPE", "就业创业网" },
	{ "UPDATE employments SET reg_type = '农民工实名制登记' WHERE id = "
	  "?2 AND ?1 > 0", "CX_OTHER_TYPE", "全国建筑工人管理服务信息平台" },
	{ "UPDATE employments SET status = '已撤销' WHERE id = ?2 AND ?1 > 0",
	  "CX_REVOKED", "已撤销" },
	{ "UPDATE employments SET status = '已退工', ended_at = '2026-03-01' "
	  "WHERE id = ?2 AND ?1 > 0", NULL, NULL },
	{ "INSERT INTO tasks (seq_no, business, unit_id, state, created_at, "
	  "updated_at) SELECT '20260320TG01', 'tuigong', ?1, '未提交', 0, 0 "
	  "WHERE ?2 > 0;"
	  "INSERT INTO tuigong (task_id, row_no, employment_id, idno) SELECT "
	  "MAX(t.id), 0, ?2, '420102199001011230' FROM tasks t WHERE ?1 > 0",
	  "CX_TUIGONG_OPEN", "20260320TG01" },
	{ "INSERT INTO tasks (seq_no, business, unit_id, state, created_at, "
	  "updated_at) SELECT '20260320TG02', 'tuigong', ?1, '结束', 0, 0 "
	  "WHERE ?2 > 0;"
	  "INSERT INTO tuigong (task_id, row_no, employment_id, idno) SELECT "
	  "MAX(t.id), 0, ?2, '420102199001011230' FROM tasks t WHERE ?1 > 0",
	  NULL, NULL },
	{ "INSERT INTO tasks (seq_no, business, unit_id, state, created_at, "
	  "updated_at) SELECT '20260320CX01', 'chexiao', ?1, '进行中', 0, 0 "
	  "WHERE ?2 > 0;"
	  "INSERT INTO chexiao (task_id, employment_id) SELECT MAX(t.id), ?2 "
	  "FROM tasks t WHERE ?1 > 0", "CX_DUPLICATE", "CX20260320CX01" },
	{ "INSERT INTO tasks (seq_no, business, unit_id, state, created_at, "
	  "updated_at) SELECT '20260320CX02', 'chexiao', ?1, '退单', 0, 0 "
	  "WHERE ?2 > 0;"
	  "INSERT INTO chexiao (task_id, employment_id) SELECT MAX(t.id), ?2 "
	  "FROM tasks t WHERE ?1 > 0",
	  NULL, NULL },
};

/* Runs the ;-separated statements of sql with ?1 unit and ?2 emp. */
static void
run_setup(const char *sql)
{
	char	 buf[1024], *p, *save, us[24], es[24];

	snprintf(us, sizeof(us), "%lld", (long long)unit);
	snprintf(es, sizeof(es), "%lld", (long long)emp);
	snprintf(buf, sizeof(buf), "%s", sql);
	for (p = strtok_r(buf, ";", &save); p != NULL;
	    p = strtok_r(NULL, ";", &save))
		cx_sql(p, 2, us, es);
}

START_TEST(refuse_table)
{
	struct employment	 e;
	struct form_errors	 errs;

	if (refuse_cases[_i].setup != NULL)
		run_setup(refuse_cases[_i].setup);
	ck_assert_int_eq(emp_load(db.s, unit, emp, &e), 0);
	errs.n = 0;
	ck_assert_int_eq(cx_can_revoke(db.s, unit, &e, 0, &errs), 0);
	if (refuse_cases[_i].code == NULL) {
		ck_assert_msg(errs.n == 0, "refused: %s", errs.e[0].msg);
		return;
	}
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, refuse_cases[_i].code);
	ck_assert_str_eq(errs.e[0].field, "emp");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, refuse_cases[_i].words));
}
END_TEST

/* 姓名 belongs to the person, whom other units may employ too: a unit
 * corrects it alone only while no other unit has a registration of
 * him; the other fields stay its own to correct. */
START_TEST(fix_name_shared)
{
	struct chexiao_row	 r;
	struct form_errors	 errs;
	int64_t			 other;
	char			 os[24], ps[24];

	row_of("信息错误", &r);
	snprintf(r.fix_name, sizeof(r.fix_name), "王玮");
	errs.n = 0;
	ck_assert_int_eq(cx_rules(db.s, unit, 0, &r, &today, &errs), 0);
	ck_assert(!has_code(&errs, "CX_FIX_NAME_SHARED"));

	other = th_unit(db.s, "乙公司", 0);
	snprintf(os, sizeof(os), "%lld", (long long)other);
	snprintf(ps, sizeof(ps), "%lld", (long long)person);
	cx_sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, work_form, registered_at) VALUES (?1, ?2, 'HT-B', "
	    "'2025-01-01', '非全日制', '2025-01-02 09:00:00')", 2, ps, os);
	errs.n = 0;
	ck_assert_int_eq(cx_rules(db.s, unit, 0, &r, &today, &errs), 0);
	ck_assert(has_code(&errs, "CX_FIX_NAME_SHARED"));
	/* The same 撤销 with the name as it is stands. */
	snprintf(r.fix_name, sizeof(r.fix_name), "王伟");
	snprintf(r.fix_post, sizeof(r.fix_post), "出纳");
	errs.n = 0;
	ck_assert_int_eq(cx_rules(db.s, unit, 0, &r, &today, &errs), 0);
	ck_assert(!has_code(&errs, "CX_FIX_NAME_SHARED"));
}
END_TEST

/* 先减员后撤销: by region, for 员工离职 only, until the 减员. */
static const struct {
	const char	*region;
	const char	*reason;
	const char	*ins_status;
	int		 refused;
} order_cases[] = {
	{ "420100", "员工离职", "参保缴费", 1 },
	{ "420100", "员工离职", "暂停缴费", 0 },
	{ "420100", "其他", "参保缴费", 0 },
	{ "110100", "员工离职", "参保缴费", 0 },
};

START_TEST(order_table)
{
	struct chexiao_row	 r;
	struct form_errors	 errs;

	cx_sql("UPDATE units SET region = ?1", 1, order_cases[_i].region);
	cx_sql("UPDATE insurance SET status = ?1", 1,
	    order_cases[_i].ins_status);
	row_of(order_cases[_i].reason, &r);
	snprintf(r.explanation, sizeof(r.explanation),
	    "同一员工在系统中重复登记两次");
	errs.n = 0;
	ck_assert_int_eq(cx_rules(db.s, unit, 0, &r, &today, &errs), 0);
	ck_assert_int_eq(has_code(&errs, "CX_JIANYUAN_FIRST"),
	    order_cases[_i].refused);
	ck_assert_uint_eq(errs.n, (size_t)order_cases[_i].refused);
}
END_TEST

/* ---- The workflow ---- */

/* Attaches a real PDF as material code to task_id. */
static void
attach(int64_t task_id, const char *code)
{
	static unsigned char	 buf[131072];
	FILE			*f;
	size_t			 n;

	ck_assert_ptr_nonnull(f = fopen("unit/fixtures/files/ok.pdf", "rb"));
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, &clerk, task_id, 0, code, "a.pdf",
	    buf, n), ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* Saves r as a new task; returns its id. */
static int64_t
save(struct chexiao_row *r, const char *key)
{
	struct form_errors	 errs;
	int64_t			 id;
	int			 created;

	errs.n = 0;
	ck_assert_int_eq(cx_save(db.s, &clerk, NULL, r, key, &id, &created,
	    &errs), 0);
	ck_assert_int_eq(created, 1);
	return id;
}

/* tasks_of callback: counts. */
static int
count_task(void *arg, int64_t task_id, const char *seq, const char *state,
    const char *reason)
{
	(void)task_id;
	(void)seq;
	(void)state;
	ck_assert_str_eq(reason, "信息错误");
	(*(int *)arg)++;
	return 0;
}

/* 信息错误: missing materials refused; approved, the registration is
 * 已撤销 and a corrected one 在职 replaces it, keeping the 合同编号. */
START_TEST(approve_corrects)
{
	struct chexiao_row	 r;
	struct employment	 old, fixed;
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 id, found, newid;
	int			 n = 0;

	row_of("信息错误", &r);
	snprintf(r.fix_name, sizeof(r.fix_name), "王玮");
	r.fix_wage_fen = 650000;
	snprintf(r.fix_post, sizeof(r.fix_post), "出纳");
	id = save(&r, "cx:1");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(has_code(&errs, "CX_MISSING_ATTACH"));
	attach(id, "tongyi_daima");	/* one of the group is enough */
	attach(id, "fading_sfz");
	attach(id, "cuowu_zhengming");
	attach(id, "jingbanren_sfz");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	/* A second 撤销 of it is refused while this one is pending. */
	errs.n = 0;
	ck_assert_int_eq(cx_save(db.s, &clerk, NULL, &r, "cx:2", &found,
	    &n, &errs), 1);
	ck_assert(has_code(&errs, "CX_DUPLICATE"));
	n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(emp_load(db.s, unit, emp, &old), 0);
	ck_assert_str_eq(old.status, "已撤销");
	ck_assert_int_eq(old.revoke_task_id, id);
	ck_assert_int_eq(wf_load(db.s, id, unit, &t), 0);
	ck_assert_int_eq(cx_row_load(db.s, id, &r), 0);
	newid = r.new_employment_id;
	ck_assert_int_gt(newid, 0);
	ck_assert_int_eq(emp_load(db.s, unit, newid, &fixed), 0);
	ck_assert_str_eq(fixed.status, "在职");
	ck_assert_str_eq(fixed.contract_no, "HT-1");
	ck_assert_str_eq(fixed.name, "王玮");
	ck_assert_str_eq(fixed.post, "出纳");
	ck_assert_int_eq(fixed.wage_fen, 650000);
	ck_assert_str_eq(fixed.end_date, "2026-12-31");
	ck_assert_int_eq(fixed.reg_task_id, id);
	ck_assert_ptr_nonnull(strstr(old.contract_no, "HT-1/CX"));
	/* No 减员 message: the person is still employed (corrected). */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages WHERE "
	    "title LIKE '%减员%'"), 0);
	/* Found by its number, and from both registrations. */
	ck_assert_int_eq(cx_lookup(db.s, unit, "CX", &found), 1);
	{
		char	 no[40];

		snprintf(no, sizeof(no), "cx%s", t.seq_no);
		ck_assert_int_eq(cx_lookup(db.s, unit, no, &found), 0);
		ck_assert_int_eq(found, id);
		ck_assert_int_eq(cx_lookup(db.s, unit + 1, no, &found), 1);
		/* Copied off the page with blanks around it. */
		snprintf(no, sizeof(no), " CX%s \t", t.seq_no);
		found = 0;
		ck_assert_int_eq(cx_lookup(db.s, unit, no, &found), 0);
		ck_assert_int_eq(found, id);
		ck_assert_int_eq(cx_lookup(db.s, unit, "CX  ", &found), 1);
	}
	ck_assert_int_eq(cx_tasks_of_employment(db.s, unit, emp, count_task,
	    &n), 1);
	ck_assert_int_eq(cx_tasks_of_employment(db.s, unit, newid, count_task,
	    &n), 1);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(cx_tasks_of_employment(db.s, unit + 1, emp,
	    count_task, &n), 0);
}
END_TEST

/* 其他, late, in a region without 先减员: approved, 已撤销, flagged 逾期,
 * and the unit told to 减员 the still insured person. */
START_TEST(approve_late_message)
{
	struct chexiao_row	 r;
	struct employment	 e;
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 id;

	cx_sql("UPDATE units SET region = '110100'", 0);
	cx_sql("UPDATE employments SET status = '已退工', ended_at = "
	    "'2026-01-31'", 0);
	row_of("其他", &r);
	snprintf(r.explanation, sizeof(r.explanation), "其他");
	errs.n = 0;
	ck_assert_int_eq(cx_rules(db.s, unit, 0, &r, &today, &errs), 0);
	ck_assert(has_code(&errs, "CX_EXPLAIN_VAGUE"));
	snprintf(r.explanation, sizeof(r.explanation),
	    "员工实际未到岗,劳动合同未履行");
	r.handler_is_rep = 0;
	id = save(&r, "cx:3");
	ck_assert_int_eq(cx_row_load(db.s, id, &r), 0);
	ck_assert_int_eq(r.late, 1);
	attach(id, "yingye_zhizhao");
	attach(id, "fading_sfz");
	attach(id, "jingbanren_sfz");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(has_code(&errs, "CX_MISSING_ATTACH"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "授权委托书"));
	attach(id, "shouquan_weituoshu");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, unit, &t), 0);
	ck_assert_int_eq(t.overdue, 1);
	ck_assert_int_eq(emp_load(db.s, unit, emp, &e), 0);
	ck_assert_str_eq(e.status, "已撤销");
	ck_assert_str_eq(e.contract_no, "HT-1");
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages WHERE "
	    "title LIKE '%请办理社保减员%' AND body LIKE '%/jianyuan%'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM employments"),
	    1);
}
END_TEST

static Suite *
chexiao_suite(void)
{
	Suite	*s = suite_create("chexiao");
	TCase	*tc;

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, explain_table, 0,
	    sizeof(explain_cases) / sizeof(explain_cases[0]));
	tcase_add_loop_test(tc, late_table, 0,
	    sizeof(late_cases) / sizeof(late_cases[0]));
	tcase_add_loop_test(tc, materials_table, 0,
	    sizeof(material_cases) / sizeof(material_cases[0]));
	tcase_add_loop_test(tc, fix_table, 0,
	    sizeof(fix_cases) / sizeof(fix_cases[0]));
	tcase_add_loop_test(tc, refuse_table, 0,
	    sizeof(refuse_cases) / sizeof(refuse_cases[0]));
	tcase_add_test(tc, fix_name_shared);
	tcase_add_loop_test(tc, order_table, 0,
	    sizeof(order_cases) / sizeof(order_cases[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("workflow");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, approve_corrects);
	tcase_add_test(tc, approve_late_message);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(chexiao_suite)
