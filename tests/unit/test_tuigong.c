/*
 * test_tuigong.c: the 退工登记 rules with tables of valid and invalid
 * rows over a small world (one unit, its contracts and insurance), the
 * materials by reason, the 15-day deadline, 先减员后退工 with the policy
 * on and off, uniqueness, the workflow check/apply/describe, 离职及时率,
 * the timeline and the batch rows.
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
#include "clock.h"
#include "policy.h"
#include "store.h"
#include "tuigong.h"
#include "valid.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, unit2, vip;
static struct actor	 clerk, vip_clerk, reviewer;
static struct hdate	 today;

/* The persons of the world, by index. */
enum tt_person {
	TT_EXPIRING,	/* fixed term ending today-0 (2026-03-20), stopped */
	TT_OPEN,	/* 无固定期限, stopped */
	TT_PAYING,	/* fixed term to 2027, still 参保缴费 */
	TT_ARREARS,	/* stopped but owes */
	TT_OTHER,	/* employed at unit2 */
	TT_VIPP,	/* at the VIP unit, stopped, ended 2026-03-18 */
	TT_ENDED,	/* fixed term that ended 2026-03-10, stopped */
	TT_GONE,	/* employment already 已退工, stopped */
	TT_BIRTH,	/* stored 出生日期 disagrees with the 身份证号 */
	TT__MAX
};

static char	 idno[TT__MAX][19];
static int64_t	 emp[TT__MAX];

/* Completes a 17-digit body with its GB 11643 check digit. */
static void
tt_idno(const char *body, char out[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 c[] = "10X98765432";
	int			 i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (body[i] - '0') * w[i];
	snprintf(out, 19, "%.17s%c", body, c[sum % 11]);
}

/* Runs one SQL statement with text/int parameters given as strings
 * (NULL binds NULL). */
static void
tt_sql(const char *sql, int n, ...)
{
	struct store_stmt	*st;
	va_list		 ap;
	const char	*v;
	int		 i;

	ck_assert_ptr_nonnull(st = store_stmt(db.s, sql));
	va_start(ap, n);
	for (i = 1; i <= n; i++) {
		v = va_arg(ap, const char *);
		ck_assert_int_eq(store_bind_text(st, i, v), 0);
	}
	va_end(ap);
	ck_assert_msg(store_exec_stmt(db.s, st) == 0, "%s: %s", sql,
	    store_errmsg(db.s));
}

/* One integer from a query with one text parameter. */
static int64_t
tt_int(const char *sql, const char *arg)
{
	struct store_stmt	*st;
	int64_t		 v;

	ck_assert_ptr_nonnull(st = store_stmt(db.s, sql));
	if (arg != NULL)
		store_bind_text(st, 1, arg);
	ck_assert_int_eq(store_step(st), STORE_ROW);
	v = store_col_int64(st, 0);
	store_reset(st);
	return v;
}

/* Inserts person i with a contract at u and insurance. */
static void
tt_world_person(enum tt_person i, int64_t u, const char *body,
    const char *name, const char *sex, const char *birth, const char *cno,
    const char *start, const char *end, const char *ins_status)
{
	char	 us[24], ps[24];
	int64_t	 pid;

	tt_idno(body, idno[i]);
	pid = th_person(db.s, idno[i], name, sex, birth);
	snprintf(us, sizeof(us), "%lld", (long long)u);
	snprintf(ps, sizeof(ps), "%lld", (long long)pid);
	tt_sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, end_date, post, registered_at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, '会计', ?4)", 5, ps, us, cno, start, end);
	emp[i] = store_last_id(db.s);
	tt_sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, stop_month, last_paid_month) VALUES (?1, ?2, ?3, "
	    "substr(?4, 1, 7), ?5, CASE WHEN ?5 = '暂停缴费' THEN '2026-03' END, "
	    "'2026-02')", 5, ps, us, cno, start, ins_status);
}

/* The world: a 普通 unit, another unit and a VIP unit on 2026-03-20. */
static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-03-20 10:00:00");
	clock_today(&today);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&tuigong_business);
	unit = th_unit(db.s, "甲公司", 0);
	unit2 = th_unit(db.s, "乙公司", 0);
	vip = th_unit(db.s, "丙公司", 1);
	clerk.account_id = th_account(db.s, unit, "tg-clerk");
	clerk.unit_id = unit;
	clerk.name = "甲经办";
	clerk.cert_fp = "";
	vip_clerk.account_id = th_account(db.s, vip, "tg-vip");
	vip_clerk.unit_id = vip;
	vip_clerk.name = "丙经办";
	vip_clerk.cert_fp = "";
	reviewer.account_id = th_account(db.s, 0, "tg-reviewer");
	reviewer.unit_id = 0;
	reviewer.name = "审核员";
	reviewer.cert_fp = "";
	tt_world_person(TT_EXPIRING, unit, "42010219900101123", "王伟", "男",
	    "1990-01-01", "HT-1", "2023-03-21", "2026-03-20", "暂停缴费");
	tt_world_person(TT_OPEN, unit, "42010619850505124", "李娜", "女",
	    "1985-05-05", "HT-2", "2020-01-01", NULL, "暂停缴费");
	tt_world_person(TT_PAYING, unit, "42011119920202125", "张强", "男",
	    "1992-02-02", "HT-3", "2024-01-01", "2027-12-31", "参保缴费");
	tt_world_person(TT_ARREARS, unit, "42011219880808126", "赵敏", "女",
	    "1988-08-08", "HT-4", "2022-06-01", "2027-05-31", "暂停缴费");
	tt_world_person(TT_OTHER, unit2, "42010319950303127", "陈杰", "男",
	    "1995-03-03", "HT-5", "2021-01-01", "2027-01-01", "暂停缴费");
	tt_world_person(TT_VIPP, vip, "42010419930404128", "周丽", "女",
	    "1993-04-04", "HT-6", "2023-03-19", "2026-03-18", "暂停缴费");
	tt_world_person(TT_ENDED, unit, "42010519870707131", "刘洋", "男",
	    "1987-07-07", "HT-7", "2024-03-11", "2026-03-10", "暂停缴费");
	tt_world_person(TT_GONE, unit, "42010619910909144", "郑华", "女",
	    "1991-09-09", "HT-8", "2022-01-01", "2027-12-31", "暂停缴费");
	tt_sql("UPDATE employments SET status = '已退工', ended_at = "
	    "'2026-01-31' WHERE contract_no = 'HT-8'", 0);
	tt_world_person(TT_BIRTH, unit, "42010719890202133", "吴刚", "男",
	    "1989-02-03", "HT-9", "2024-01-01", "2028-12-31", "暂停缴费");
	tt_sql("INSERT INTO arrears (person_id, unit_id, month, amount_fen) "
	    "SELECT person_id, unit_id, '2026-01', 100000 FROM employments "
	    "WHERE contract_no = 'HT-4'", 0);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* A row for person i with its contract as on file. */
static void
tt_row(enum tt_person i, struct tuigong_row *r)
{
	static const char *const names[TT__MAX] = { "王伟", "李娜", "张强",
	    "赵敏", "陈杰", "周丽", "刘洋", "郑华", "吴刚" };
	static const char *const sexes[TT__MAX] = { "男", "女", "男", "女",
	    "男", "女", "男", "女", "男" };
	static const char *const cnos[TT__MAX] = { "HT-1", "HT-2", "HT-3",
	    "HT-4", "HT-5", "HT-6", "HT-7", "HT-8", "HT-9" };
	static const char *const starts[TT__MAX] = { "2023-03-21",
	    "2020-01-01", "2024-01-01", "2022-06-01", "2021-01-01",
	    "2023-03-19", "2024-03-11", "2022-01-01", "2024-01-01" };
	static const char *const ends[TT__MAX] = { "2026-03-20", "",
	    "2027-12-31", "2027-05-31", "2027-01-01", "2026-03-18",
	    "2026-03-10", "2027-12-31", "2028-12-31" };

	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", names[i]);
	snprintf(r->idno, sizeof(r->idno), "%s", idno[i]);
	snprintf(r->sex, sizeof(r->sex), "%s", sexes[i]);
	snprintf(r->hukou_type, sizeof(r->hukou_type), "城镇");
	snprintf(r->reason, sizeof(r->reason), "协商一致解除");
	snprintf(r->end_date, sizeof(r->end_date), "2026-03-15");
	snprintf(r->contract_no, sizeof(r->contract_no), "%s", cnos[i]);
	snprintf(r->contract_start, sizeof(r->contract_start), "%s", starts[i]);
	snprintf(r->contract_end, sizeof(r->contract_end), "%s", ends[i]);
	r->open_ended = ends[i][0] == '\0';
	snprintf(r->handler_name, sizeof(r->handler_name), "孙经办");
	snprintf(r->handler_phone, sizeof(r->handler_phone), "13912345678");
}

/* Runs the rules on r for unit u; returns the errors. */
static void
tt_rules(int64_t u, int64_t task_id, const struct tuigong_row *r,
    struct form_errors *errs)
{
	struct tuigong_facts	 f;

	errs->n = 0;
	ck_assert_int_eq(tuigong_facts(db.s, u, r, &f), 0);
	ck_assert_int_eq(tuigong_rules(db.s, u, task_id, r, &f, &today, NULL,
	    errs), 0);
}

/* Whether errs holds code. */
static int
tt_has(const struct form_errors *errs, const char *code)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, code) == 0)
			return 1;
	return 0;
}

/* Lists the codes of errs for failure messages. */
static const char *
tt_codes(const struct form_errors *errs)
{
	static char	 buf[1024];
	size_t		 i;

	buf[0] = '\0';
	for (i = 0; i < errs->n; i++) {
		strncat(buf, errs->e[i].code, sizeof(buf) - strlen(buf) - 2);
		strncat(buf, " ", sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

/* One case: person, a change to the row, and the code expected (NULL
 * for a valid row). */
struct tt_case {
	const char	*label;
	enum tt_person	 who;
	const char	*field;		/* which member to set, see tt_set */
	const char	*value;
	const char	*want;
};

/* Sets a member of r named field to value. */
static void
tt_set(struct tuigong_row *r, const char *field, const char *value)
{
	if (field == NULL)
		return;
	if (strcmp(field, "reason") == 0)
		snprintf(r->reason, sizeof(r->reason), "%s", value);
	else if (strcmp(field, "end_date") == 0)
		snprintf(r->end_date, sizeof(r->end_date), "%s", value);
	else if (strcmp(field, "idno") == 0)
		snprintf(r->idno, sizeof(r->idno), "%s", value);
	else if (strcmp(field, "sex") == 0)
		snprintf(r->sex, sizeof(r->sex), "%s", value);
	else if (strcmp(field, "name") == 0)
		snprintf(r->name, sizeof(r->name), "%s", value);
	else if (strcmp(field, "contract_no") == 0)
		snprintf(r->contract_no, sizeof(r->contract_no), "%s", value);
	else if (strcmp(field, "contract_start") == 0)
		snprintf(r->contract_start, sizeof(r->contract_start), "%s", value);
	else if (strcmp(field, "contract_end") == 0)
		snprintf(r->contract_end, sizeof(r->contract_end), "%s", value);
	else if (strcmp(field, "remark") == 0)
		snprintf(r->remark, sizeof(r->remark), "%s", value);
	else if (strcmp(field, "lost") == 0) {
		snprintf(r->reason, sizeof(r->reason), "员工失联");
		snprintf(r->remark, sizeof(r->remark), "%s", value);
	} else if (strcmp(field, "other") == 0) {
		snprintf(r->reason, sizeof(r->reason), "其他");
		snprintf(r->remark, sizeof(r->remark), "%s", value);
	} else if (strcmp(field, "expiry_on") == 0) {
		snprintf(r->reason, sizeof(r->reason), "合同到期终止");
		snprintf(r->end_date, sizeof(r->end_date), "%s", value);
	} else if (strcmp(field, "resign_on") == 0) {
		snprintf(r->reason, sizeof(r->reason), "员工辞职");
		snprintf(r->end_date, sizeof(r->end_date), "%s", value);
	} else if (strcmp(field, "fixed_term") == 0) {
		r->open_ended = 0;
		snprintf(r->contract_end, sizeof(r->contract_end), "%s", value);
	} else if (strcmp(field, "open_term") == 0) {
		r->open_ended = 1;
		r->contract_end[0] = '\0';
	} else
		ck_abort_msg("unknown field %s", field);
}

static const struct tt_case tt_cases[] = {
	/* valid */
	{ "agreed", TT_EXPIRING, NULL, NULL, NULL },
	{ "expiry on end date", TT_EXPIRING, "expiry_on", "2026-03-20", NULL },
	{ "resign before end", TT_EXPIRING, "resign_on", "2026-03-10", NULL },
	{ "dismiss", TT_OPEN, "reason", "单位辞退", NULL },
	{ "lost with remark", TT_OPEN, "lost", "已登报公告,员工无法联系", NULL },
	{ "other with remark", TT_OPEN, "other", "单位搬迁,员工不愿随迁", NULL },
	{ "today", TT_OPEN, "end_date", "2026-03-20", NULL },
	{ "on contract start", TT_EXPIRING, "end_date", "2023-03-21", NULL },
	/* 身份证号 */
	{ "bad_idno_checksum", TT_EXPIRING, "idno", "420102199001011230",
	    "TG_IDCARD_INVALID" },
	{ "bad_idno_other_person", TT_EXPIRING, "idno", "", "TG_IDNO_CONTRACT" },
	{ "bad_sex", TT_EXPIRING, "sex", "女", "TG_SEX_MISMATCH" },
	{ "bad_name", TT_EXPIRING, "name", "王五", "TG_NAME_MISMATCH" },
	/* 合同 */
	{ "bad_contract_unknown", TT_EXPIRING, "contract_no", "HT-999",
	    "TG_IDNO_CONTRACT" },
	{ "bad_contract_other_unit", TT_EXPIRING, "contract_no", "HT-5",
	    "TG_IDNO_CONTRACT" },
	{ "bad_contract_start", TT_EXPIRING, "contract_start", "2023-03-22",
	    "TG_CONTRACT_DATES" },
	{ "bad_contract_end", TT_EXPIRING, "contract_end", "2026-03-21",
	    "TG_CONTRACT_DATES" },
	{ "bad_term_fixed_for_open", TT_OPEN, "fixed_term", "2027-01-01",
	    "TG_CONTRACT_TERM" },
	{ "bad_term_open_for_fixed", TT_EXPIRING, "open_term", "",
	    "TG_CONTRACT_TERM" },
	{ "bad_not_employed", TT_OTHER, "contract_no", "HT-999",
	    "TG_NOT_EMPLOYED" },
	{ "bad_not_employed_other_unit", TT_OTHER, NULL, NULL,
	    "TG_NOT_EMPLOYED" },
	{ "bad_not_active", TT_GONE, NULL, NULL, "TG_NOT_ACTIVE" },
	{ "bad_birth_stored", TT_BIRTH, NULL, NULL, "TG_BIRTH_MISMATCH" },
	{ "ended contract on its end", TT_ENDED, "end_date", "2026-03-10",
	    NULL },
	{ "bad_after_contract_end", TT_ENDED, "end_date", "2026-03-11",
	    "TG_AFTER_CONTRACT_END" },
	/* 退工原因 */
	{ "bad_reason", TT_EXPIRING, "reason", "跳槽", "TG_REASON_INVALID" },
	{ "bad_expiry_wrong_date", TT_EXPIRING, "expiry_on", "2026-03-19",
	    "TG_EXPIRY_DATE" },
	{ "bad_expiry_open_ended", TT_OPEN, "expiry_on", "2026-03-15",
	    "TG_EXPIRY_OPEN" },
	{ "bad_expiry_future_end", TT_PAYING, "expiry_on", "2026-03-15",
	    "TG_EXPIRY_DATE" },
	{ "bad_resign_on_expiry", TT_EXPIRING, "resign_on", "2026-03-20",
	    "TG_EXPIRY_NOT_RESIGN" },
	{ "bad_lost_no_remark", TT_OPEN, "lost", "已登报公告",
	    "TG_LOST_REMARK" },
	{ "bad_other_no_remark", TT_OPEN, "reason", "其他", "TG_OTHER_REMARK" },
	/* 退工日期 */
	{ "bad_date_future", TT_OPEN, "end_date", "2026-03-21",
	    "TG_DATE_FUTURE" },
	{ "bad_date_before_start", TT_EXPIRING, "end_date", "2023-03-20",
	    "TG_DATE_BEFORE_START" },
	{ "bad_date_invalid", TT_OPEN, "end_date", "2026-02-30",
	    "TG_DATE_INVALID" },
	/* 先减员,后退工 (Wuhan's policy is on) */
	{ "bad_still_paying", TT_PAYING, NULL, NULL, "TG_SB_UNSETTLED" },
	{ "bad_arrears", TT_ARREARS, NULL, NULL, "TG_SB_UNSETTLED" },
};

START_TEST(tuigong_rules_table)
{
	const struct tt_case	*c = &tt_cases[_i];
	struct form_errors	 errs;
	struct tuigong_row	 r;

	tt_row(c->who, &r);
	if (c->field != NULL && strcmp(c->field, "idno") == 0 &&
	    c->value[0] == '\0')
		snprintf(r.idno, sizeof(r.idno), "%s", idno[TT_OPEN]);
	else
		tt_set(&r, c->field, c->value);
	tt_rules(unit, 0, &r, &errs);
	if (c->want == NULL)
		ck_assert_msg(errs.n == 0, "%s: unexpected %s", c->label,
		    tt_codes(&errs));
	else
		ck_assert_msg(tt_has(&errs, c->want), "%s: want %s, got %s",
		    c->label, c->want, tt_codes(&errs));
}
END_TEST

START_TEST(tuigong_rules_messages)
{
	struct form_errors	 errs;
	struct tuigong_row	 r;

	tt_row(TT_PAYING, &r);
	tt_rules(unit, 0, &r, &errs);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, "settled");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "社保关系未结清"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg,
	    "请先办理城镇职工减少(减员),并结清欠费后再办理退工登记"));
	tt_row(TT_EXPIRING, &r);
	snprintf(r.contract_no, sizeof(r.contract_no), "HT-2");
	snprintf(r.contract_start, sizeof(r.contract_start), "2020-01-01");
	r.contract_end[0] = '\0';
	r.open_ended = 1;
	tt_rules(unit, 0, &r, &errs);
	ck_assert_int_ge(errs.n, 1);
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "身份证号与劳动合同不一致"));
}
END_TEST

START_TEST(tuigong_policy_off_accepts)
{
	struct form_errors	 errs;
	struct tuigong_row	 r;

	tt_sql("UPDATE policy SET value = '0' WHERE region = '420100' AND "
	    "key = 'tuigong.require_jianyuan_first'", 0);
	tt_row(TT_PAYING, &r);
	tt_rules(unit, 0, &r, &errs);
	ck_assert_msg(errs.n == 0, "%s", tt_codes(&errs));
	tt_row(TT_ARREARS, &r);
	tt_rules(unit, 0, &r, &errs);
	ck_assert_msg(errs.n == 0, "%s", tt_codes(&errs));
	/* And on again. */
	tt_sql("UPDATE policy SET value = '1' WHERE region = '420100' AND "
	    "key = 'tuigong.require_jianyuan_first'", 0);
	tt_rules(unit, 0, &r, &errs);
	ck_assert(tt_has(&errs, "TG_SB_UNSETTLED"));
}
END_TEST

/* Creates a 退工 task for unit u (as who) holding row r; returns its id. */
static int64_t
tt_task(const struct actor *who, struct tuigong_row *r)
{
	int64_t	 id;
	int	 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "tuigong", who->unit_id, who, r->name,
	    NULL, &id, &created), 0);
	r->task_id = id;
	r->row_no = 0;
	ck_assert_int_eq(tuigong_row_save(db.s, r), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	return id;
}

/* The 业务顺序号 of task id (in a static buffer). */
static const char *
tt_seq(int64_t id)
{
	static char	 seq[32];
	struct task	 t;

	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	snprintf(seq, sizeof(seq), "%s", t.seq_no);
	ck_assert_uint_gt(strlen(seq), 0);
	return seq;
}

START_TEST(tuigong_unique)
{
	struct form_errors	 errs;
	struct tuigong_row	 r;
	int64_t			 t1;

	tt_row(TT_OPEN, &r);
	r.employment_id = emp[TT_OPEN];
	t1 = tt_task(&clerk, &r);
	/* The task itself does not count against itself... */
	tt_rules(unit, t1, &r, &errs);
	ck_assert_msg(errs.n == 0, "%s", tt_codes(&errs));
	/* ...but another form does. */
	tt_rules(unit, 0, &r, &errs);
	ck_assert(tt_has(&errs, "TG_DUPLICATE"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "该员工已有退工登记业务(业务顺序号"));
	/* A withdrawn one frees the employment. */
	ck_assert_int_eq(wf_transition(db.s, t1, WF_CANCEL, &clerk, NULL, NULL),
	    WF_OK);
	tt_rules(unit, 0, &r, &errs);
	ck_assert_msg(errs.n == 0, "%s", tt_codes(&errs));
}
END_TEST

static void	tt_attach(const struct actor *, int64_t, const char *);

/* tuigong_open_task as the task moves: a draft and a task 进行中 or
 * 回退 are open (but not to themselves); 退单 and 结束 are not; another
 * unit's are never found. */
START_TEST(tuigong_open_task_states)
{
	struct tuigong_row	 r;
	int64_t			 t1, t2, got;
	char			 seq[32], want[32];

	tt_row(TT_EXPIRING, &r);
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], 0,
	    &got, seq), 0);
	ck_assert_int_eq(got, 0);
	ck_assert_str_eq(seq, "");
	t1 = tt_task(&clerk, &r);
	snprintf(want, sizeof(want), "%s", tt_seq(t1));
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], 0,
	    &got, seq), 1);
	ck_assert_int_eq(got, t1);
	ck_assert_str_eq(seq, want);
	/* Not a duplicate of itself; not found from another unit. */
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], t1,
	    &got, seq), 0);
	ck_assert_int_eq(tuigong_open_task(db.s, unit2, idno[TT_EXPIRING], 0,
	    &got, seq), 0);
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_OPEN], 0,
	    &got, seq), 0);
	/* 进行中, then 回退: still open. */
	tt_attach(&clerk, t1, "jiechu_zhengming");
	tt_attach(&clerk, t1, "sfz_copy");
	ck_assert_int_eq(wf_transition(db.s, t1, WF_SUBMIT, &clerk, NULL, NULL),
	    WF_OK);
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], 0,
	    &got, seq), 1);
	ck_assert_int_eq(wf_transition(db.s, t1, WF_REJECT, &reviewer, "材料不清",
	    NULL), WF_OK);
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], 0,
	    &got, seq), 1);
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], t1,
	    &got, seq), 0);
	/* 退单: free again. */
	ck_assert_int_eq(wf_transition(db.s, t1, WF_CANCEL, &clerk, NULL, NULL),
	    WF_OK);
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], 0,
	    &got, seq), 0);
	/* 结束: not open (the employment is 已退工; the rules say so). */
	t2 = tt_task(&clerk, &r);
	tt_attach(&clerk, t2, "jiechu_zhengming");
	tt_attach(&clerk, t2, "sfz_copy");
	ck_assert_int_eq(wf_transition(db.s, t2, WF_SUBMIT, &clerk, NULL, NULL),
	    WF_OK);
	ck_assert_int_eq(wf_transition(db.s, t2, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(tuigong_open_task(db.s, unit, idno[TT_EXPIRING], 0,
	    &got, seq), 0);
}
END_TEST

START_TEST(tuigong_overdue)
{
	static const struct {
		const char	*end;
		int		 late;
	} cases[] = {
		{ "2026-03-20", 0 }, { "2026-03-05", 0 }, { "2026-03-04", 1 },
		{ "2025-12-31", 1 }, { "bad", 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(tuigong_is_overdue(db.s, unit, cases[i].end,
		    &today) == cases[i].late, "%s", cases[i].end);
	tt_sql("INSERT INTO policy (region, key, valid_from, value) VALUES "
	    "('420100', 'tuigong.deadline_days', '2000-01-01', '30')", 0);
	ck_assert_int_eq(tuigong_is_overdue(db.s, unit, "2026-03-04", &today), 0);
}
END_TEST

START_TEST(tuigong_materials_by_reason)
{
	static const struct {
		enum tuigong_reason	 reason;
		int			 comp, batch;
		const char		*required;	/* codes, space-separated */
	} cases[] = {
		{ TG_REASON_EXPIRY, 0, 0, "jiechu_zhengming sfz_copy hetong_copy " },
		{ TG_REASON_DISMISS, 0, 0, "jiechu_zhengming sfz_copy jiechu_tongzhi " },
		{ TG_REASON_RESIGN, 0, 0, "jiechu_zhengming sfz_copy cizhi_shenqing " },
		{ TG_REASON_AGREED, 1, 0,
		    "jiechu_zhengming sfz_copy buchang_pingzheng " },
		{ TG_REASON_LOST, 0, 0, "jiechu_zhengming sfz_copy gonggao_pingzheng " },
		{ TG_REASON_OTHER, 0, 0, "jiechu_zhengming sfz_copy " },
		{ TG_REASON_OTHER, 0, 1,
		    "tuigong_huamingce jiechu_zhengming sfz_copy " },
	};
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	char			 got[256];
	size_t			 i, j, n;
	int			 union_opt;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = tuigong_materials(cases[i].reason, cases[i].comp,
		    cases[i].batch, m);
		ck_assert_uint_le(n, TG_MAX_MATERIALS);
		got[0] = '\0';
		union_opt = 0;
		for (j = 0; j < n; j++) {
			ck_assert_ptr_nonnull(m[j].name);
			if (!m[j].required) {
				union_opt |= strcmp(m[j].code,
				    "gonghui_yijian") == 0;
				continue;
			}
			strcat(got, m[j].code);
			strcat(got, " ");
		}
		ck_assert_str_eq(got, cases[i].required);
		ck_assert_int_eq(union_opt, cases[i].reason == TG_REASON_DISMISS);
	}
}
END_TEST

/* Attaches a real PDF as material code to task_id. */
static void
tt_attach(const struct actor *who, int64_t task_id, const char *code)
{
	static unsigned char buf[131072];
	FILE		*f;
	size_t		 n;

	f = fopen("unit/fixtures/files/ok.pdf", "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, sizeof(buf));
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, who, task_id, 0, code, "a.pdf",
	    buf, n), ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
}

/* describe() callback: appends "label=value;" to a buffer. */
static void
tt_field(void *arg, const char *label, const char *value)
{
	char	*buf = arg;

	strncat(buf, label, 4000 - strlen(buf));
	strncat(buf, "=", 4000 - strlen(buf));
	strncat(buf, value, 4000 - strlen(buf));
	strncat(buf, ";", 4000 - strlen(buf));
}

START_TEST(tuigong_vip_submit_ends)
{
	struct form_errors	 errs;
	struct tuigong_row	 r;
	struct task		 t;
	char			 desc[4096] = "";
	int64_t			 id;

	tt_row(TT_VIPP, &r);
	snprintf(r.reason, sizeof(r.reason), "合同到期终止");
	snprintf(r.end_date, sizeof(r.end_date), "2026-03-18");
	r.employment_id = emp[TT_VIPP];
	id = tt_task(&vip_clerk, &r);
	/* Without the materials: refused, nothing changes. */
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(tt_has(&errs, "TG_MISSING_ATTACH"));
	ck_assert_ptr_nonnull(strstr(errs.e[errs.n - 1].msg,
	    "缺少附件: 解除/终止劳动合同证明书、员工身份证复印件、劳动合同复印件"));
	tt_attach(&vip_clerk, id, "jiechu_zhengming");
	tt_attach(&vip_clerk, id, "sfz_copy");
	tt_attach(&vip_clerk, id, "hetong_copy");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, 0);
	ck_assert_int_eq(t.overdue, 0);
	ck_assert_int_eq(tt_int("SELECT COUNT(*) FROM employments WHERE "
	    "contract_no = 'HT-6' AND status = '已退工' AND ended_at = "
	    "'2026-03-18' AND end_task_id IS NOT NULL", NULL), 1);
	ck_assert_int_eq(tt_int("SELECT COUNT(*) FROM messages WHERE title "
	    "LIKE '%送达%' AND body LIKE '%档案%15日内%2026-04-02%'", NULL), 1);
	ck_assert_int_eq(tuigong_business.describe(db.s, id, tt_field, desc), 0);
	ck_assert_ptr_nonnull(strstr(desc, "姓名=周丽;"));
	ck_assert_ptr_nonnull(strstr(desc, "合同期限=2023-03-19 至 2026-03-18;"));
	/* Stopped at the unit and owing nothing is 结清 [SPEC §2], even
	 * though the row was stored without the store's facts. */
	ck_assert_ptr_nonnull(strstr(desc, "社保账号=HT-6;"));
	ck_assert_ptr_nonnull(strstr(desc, "最后缴费月份=2026-02;"));
	ck_assert_ptr_nonnull(strstr(desc, "是否结清=是;"));
	ck_assert_ptr_nonnull(strstr(desc, "逾期=否;"));
}
END_TEST

START_TEST(tuigong_plain_submit_overdue)
{
	struct form_errors	 errs;
	struct tuigong_row	 r;
	struct task		 t;
	long long		 on_time, total;
	int64_t			 id;

	tt_row(TT_OPEN, &r);
	snprintf(r.end_date, sizeof(r.end_date), "2026-02-01");
	r.employment_id = emp[TT_OPEN];
	id = tt_task(&clerk, &r);
	tt_attach(&clerk, id, "jiechu_zhengming");
	tt_attach(&clerk, id, "sfz_copy");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_PENDING);
	ck_assert_int_eq(t.overdue, 1);
	ck_assert_int_eq(tuigong_timeliness(db.s, unit, &on_time, &total), 0);
	ck_assert_int_eq(total, 1);
	ck_assert_int_eq(on_time, 0);
	/* The employment is still 在职 until approval. */
	ck_assert_int_eq(tt_int("SELECT COUNT(*) FROM employments WHERE "
	    "contract_no = 'HT-2' AND status = '在职'", NULL), 1);
}
END_TEST

/* A draft saved while the person still paid, submitted after the 减员:
 * the submitted rows (and so the 证明) carry the facts of now. */
START_TEST(tuigong_submit_reloads_facts)
{
	struct form_errors	 errs;
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	char			 desc[4096] = "";
	int64_t			 id;

	tt_row(TT_PAYING, &r);
	ck_assert_int_eq(tuigong_facts(db.s, unit, &r, &f), 0);
	tuigong_row_apply_facts(&r, &f);
	ck_assert_int_eq(r.settled, 0);
	id = tt_task(&clerk, &r);
	tt_attach(&clerk, id, "jiechu_zhengming");
	tt_attach(&clerk, id, "sfz_copy");
	/* Before the 减员 the policy refuses it. */
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(tt_has(&errs, "TG_SB_UNSETTLED"));
	/* The 减员: stopped from 2026-04, March paid. */
	tt_sql("UPDATE insurance SET status = '暂停缴费', stop_month = "
	    "'2026-04', last_paid_month = '2026-03' WHERE sb_no = 'HT-3'", 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(tuigong_row_load(db.s, id, 0, &r), 0);
	ck_assert_int_eq(r.settled, 1);
	ck_assert_str_eq(r.last_paid_month, "2026-03");
	ck_assert_int_eq(r.employment_id, emp[TT_PAYING]);
	ck_assert_int_eq(tuigong_business.describe(db.s, id, tt_field, desc), 0);
	ck_assert_ptr_nonnull(strstr(desc, "社保账号=HT-3;"));
	ck_assert_ptr_nonnull(strstr(desc, "最后缴费月份=2026-03;"));
	ck_assert_ptr_nonnull(strstr(desc, "是否结清=是;"));
	/* And approval reloads them again: arrears found meanwhile. */
	tt_sql("INSERT INTO arrears (person_id, unit_id, month, amount_fen) "
	    "SELECT person_id, unit_id, '2026-02', 100 FROM employments "
	    "WHERE contract_no = 'HT-3'", 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_RULES);
	ck_assert(tt_has(&errs, "TG_SB_UNSETTLED"));
}
END_TEST

/* 逾期 counts to the first submission: a task submitted on time,
 * rejected, and submitted again past the deadline is not 逾期. */
START_TEST(tuigong_overdue_first_submission)
{
	struct form_errors	 errs;
	struct tuigong_row	 r;
	struct hdate		 on;
	struct task		 t;
	int64_t			 id;

	tt_row(TT_OPEN, &r);
	snprintf(r.end_date, sizeof(r.end_date), "2026-03-10");
	id = tt_task(&clerk, &r);
	ck_assert_int_eq(tuigong_overdue_day(db.s, id, &on), 0);
	ck_assert_int_eq(hdate_cmp(&on, &today), 0);
	tt_attach(&clerk, id, "jiechu_zhengming");
	tt_attach(&clerk, id, "sfz_copy");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.overdue, 0);
	/* The reviewer sends it back ten days later. */
	th_clock_set(&db, "2026-03-30 09:00:00");
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    "请补充材料", NULL), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	/* Today it would be late; the first submission was not. */
	clock_today(&on);
	ck_assert_int_eq(tuigong_is_overdue(db.s, unit, "2026-03-10", &on), 1);
	ck_assert_int_eq(tuigong_overdue_day(db.s, id, &on), 0);
	ck_assert_int_eq(hdate_cmp(&on, &today), 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_PENDING);
	ck_assert_int_eq(t.overdue, 0);
	ck_assert_int_eq(tt_int("SELECT overdue FROM tuigong WHERE task_id = "
	    "(SELECT id FROM tasks WHERE seq_no = ?1)", t.seq_no), 0);
	/* A task first submitted on 2026-03-30 is late. */
	tt_row(TT_EXPIRING, &r);
	snprintf(r.end_date, sizeof(r.end_date), "2026-03-10");
	id = tt_task(&clerk, &r);
	tt_attach(&clerk, id, "jiechu_zhengming");
	tt_attach(&clerk, id, "sfz_copy");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(t.overdue, 1);
}
END_TEST

/* A batch asks for the union of what its rows need in the form. */
START_TEST(tuigong_batch_materials_union)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	struct form_errors	 errs;
	const char		*expiry[TGC__MAX] = { "王伟", idno[TT_EXPIRING],
	    "HT-1", "合同到期终止", "2026-03-20", "", "", "是", "" };
	struct tuigong_row	 r;
	char			 got[256];
	size_t			 i, n;
	int64_t			 id;
	int			 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "tuigong", unit, &clerk, "批量退工",
	    NULL, &id, &created), 0);
	ck_assert_int_eq(tuigong_batch.row_store(db.s, unit, id, 2, expiry,
	    TGC__MAX, &today), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(tuigong_row_load(db.s, id, 2, &r), 0);
	ck_assert_int_eq(r.compensation, 1);
	ck_assert_int_eq(tuigong_task_materials(db.s, id, m, &n), 0);
	got[0] = '\0';
	for (i = 0; i < n; i++)
		if (m[i].required) {
			strcat(got, m[i].code);
			strcat(got, " ");
		}
	ck_assert_str_eq(got, "tuigong_huamingce jiechu_zhengming sfz_copy "
	    "hetong_copy buchang_pingzheng ");
	tt_attach(&clerk, id, "tuigong_huamingce");
	tt_attach(&clerk, id, "jiechu_zhengming");
	tt_attach(&clerk, id, "sfz_copy");
	/* One row is enough to need the 劳动合同 and the 补偿 proof. */
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_msg(errs.n == 1 && tt_has(&errs, "TG_MISSING_ATTACH"), "%s",
	    tt_codes(&errs));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "劳动合同复印件"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "经济补偿金计算表"));
	ck_assert_ptr_null(strstr(errs.e[0].msg, "退工花名册"));
	tt_attach(&clerk, id, "hetong_copy");
	tt_attach(&clerk, id, "buchang_pingzheng");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
}
END_TEST

/* A batch with no rows left is still a batch. */
START_TEST(tuigong_batch_empty_is_batch)
{
	struct form_errors	 errs;
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	size_t			 n;
	int64_t			 id;
	int			 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "tuigong", unit, &clerk, "批量退工",
	    NULL, &id, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(tuigong_is_batch(db.s, id), 1);
	ck_assert_int_eq(tuigong_task_materials(db.s, id, m, &n), 0);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(m[0].code, "tuigong_huamingce");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert(tt_has(&errs, "TG_NO_ROWS"));
}
END_TEST

START_TEST(tuigong_timeline_order)
{
	struct tuigong_timeline	 tl;

	ck_assert_int_eq(tuigong_timeline(db.s, unit, "110105194912310021",
	    &tl), 1);
	ck_assert_int_eq(tuigong_timeline(db.s, unit2, idno[TT_OPEN], &tl), 1);
	ck_assert_int_eq(tuigong_timeline(db.s, unit, idno[TT_PAYING], &tl), 0);
	ck_assert_str_eq(tl.name, "张强");
	ck_assert_uint_eq(tl.nsteps, 2);
	ck_assert_str_eq(tl.steps[0].kind, "用工备案");
	ck_assert_str_eq(tl.steps[0].date, "2024-01-01");
	ck_assert_str_eq(tl.steps[1].kind, "参保");
	ck_assert_str_eq(tl.steps[1].date, "2024-01");
	ck_assert_ptr_nonnull(strstr(tl.advice, "请先办理城镇职工减少(减员)"));
	ck_assert_int_eq(tl.wrong_order, 0);
	/* A 退工 already submitted while still paying: wrong order. */
	tt_sql("INSERT INTO tasks (seq_no, business, unit_id, state, created_at, "
	    "updated_at) SELECT 'X1', 'tuigong', unit_id, '结束', 0, 0 FROM "
	    "employments WHERE contract_no = 'HT-3'", 0);
	tt_sql("INSERT INTO tuigong (task_id, person_id, end_date, reason) "
	    "SELECT (SELECT id FROM tasks WHERE seq_no = 'X1'), person_id, "
	    "'2026-03-01', '员工辞职' FROM employments WHERE contract_no = 'HT-3'",
	    0);
	ck_assert_int_eq(tuigong_timeline(db.s, unit, idno[TT_PAYING], &tl), 0);
	ck_assert_uint_eq(tl.nsteps, 3);
	ck_assert_str_eq(tl.steps[2].kind, "退工");
	ck_assert_str_eq(tl.steps[2].seq_no, "X1");
	ck_assert_int_eq(tl.wrong_order, 1);
	ck_assert_ptr_nonnull(strstr(tl.advice, "退工先于减员"));
	/* A stopped person: 减员 from the insurance, then 退工 advised. */
	ck_assert_int_eq(tuigong_timeline(db.s, unit, idno[TT_OPEN], &tl), 0);
	ck_assert_uint_eq(tl.nsteps, 3);
	ck_assert_str_eq(tl.steps[2].kind, "减员");
	ck_assert_str_eq(tl.steps[2].date, "2026-03");
	ck_assert_ptr_nonnull(strstr(tl.advice, "请在劳动关系终止后15日内办理退工登记"));
}
END_TEST

/* One batch case: cells and the code expected (NULL: valid). */
START_TEST(tuigong_batch_rows)
{
	struct form_errors	 errs;
	const char		*cells[TGC__MAX];
	size_t			 i;
	static const struct {
		int		 col;
		const char	*value;
		const char	*want;
	} cases[] = {
		{ -1, NULL, NULL },
		{ TGC_COMPENSATION, "是", NULL },
		{ TGC_END_DATE, "2026/03/15", NULL },
		{ TGC_SFZH, "42010619850505124X", "TG_IDCARD_INVALID" },
		{ TGC_NAME, "", "TG_NAME_INVALID" },
		{ TGC_REASON, "辞退", "TG_REASON_INVALID" },
		{ TGC_END_DATE, "2026-13-01", "TG_DATE_INVALID" },
		{ TGC_HUKOU, "外地", "TG_HUKOU_INVALID" },
		{ TGC_PHONE, "12345", "TG_PHONE_INVALID" },
		{ TGC_COMPENSATION, "有", "TG_COMP_INVALID" },
		{ TGC_CONTRACT_NO, "HT-1", "TG_IDNO_CONTRACT" },
		{ TGC_END_DATE, "2026-03-25", "TG_DATE_FUTURE" },
	};

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cells[TGC_NAME] = "李娜";
		cells[TGC_SFZH] = idno[TT_OPEN];
		cells[TGC_CONTRACT_NO] = "HT-2";
		cells[TGC_REASON] = "协商一致解除";
		cells[TGC_END_DATE] = "2026-03-15";
		cells[TGC_HUKOU] = "";
		cells[TGC_PHONE] = "";
		cells[TGC_COMPENSATION] = "否";
		cells[TGC_REMARK] = "";
		if (cases[i].col >= 0)
			cells[cases[i].col] = cases[i].value;
		errs.n = 0;
		ck_assert_int_eq(tuigong_batch.row_check(db.s, unit, cells,
		    TGC__MAX, &today, &errs), 0);
		if (cases[i].want == NULL)
			ck_assert_msg(errs.n == 0, "case %zu: %s", i,
			    tt_codes(&errs));
		else
			ck_assert_msg(tt_has(&errs, cases[i].want),
			    "case %zu: want %s got %s", i, cases[i].want,
			    tt_codes(&errs));
	}
	/* Short rows are fine: missing cells are empty. */
	errs.n = 0;
	ck_assert_int_eq(tuigong_batch.row_check(db.s, unit, cells, 2, &today,
	    &errs), 0);
	ck_assert(tt_has(&errs, "TG_REASON_INVALID"));
}
END_TEST

START_TEST(tuigong_batch_store_and_check)
{
	struct form_errors	 errs;
	struct tuigong_row	 r;
	const char		*cells[TGC__MAX] = { "李娜", idno[TT_OPEN], "HT-2",
	    "协商一致解除", "2026-03-15", "", "", "否", "" };
	char			 desc[4096] = "";
	int64_t			 id;
	int			 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "tuigong", unit, &clerk, "批量退工",
	    NULL, &id, &created), 0);
	ck_assert_int_eq(tuigong_batch.row_store(db.s, unit, id, 1, cells,
	    TGC__MAX, &today), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(tuigong_row_load(db.s, id, 1, &r), 0);
	ck_assert_int_eq(r.employment_id, emp[TT_OPEN]);
	ck_assert_int_eq(r.open_ended, 1);
	ck_assert_str_eq(r.contract_start, "2020-01-01");
	ck_assert_str_eq(r.sex, "女");
	ck_assert_str_eq(r.sb_no, "HT-2");
	ck_assert_int_eq(r.settled, 1);
	ck_assert_int_eq(tuigong_is_batch(db.s, id), 1);
	/* A batch needs the roster and one 解除证明 for all. */
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_msg(errs.n == 1 && tt_has(&errs, "TG_MISSING_ATTACH"), "%s",
	    tt_codes(&errs));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "退工花名册"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "员工身份证复印件"));
	tt_attach(&clerk, id, "tuigong_huamingce");
	tt_attach(&clerk, id, "jiechu_zhengming");
	tt_attach(&clerk, id, "sfz_copy");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(tuigong_business.describe(db.s, id, tt_field, desc), 0);
	ck_assert_ptr_nonnull(strstr(desc, "人数=1;名单=李娜;"));
}
END_TEST

START_TEST(tuigong_form_extra_checks)
{
	struct field_val	 v[TGF__MAX];
	struct form_errors	 errs;

	memset(v, 0, sizeof(v));
	ck_assert_int_eq(valid_idcard(idno[TT_EXPIRING], &today,
	    &v[TGF_SFZH].id), VALID_OK);
	v[TGF_SFZH].present = 1;
	v[TGF_BIRTH].present = 1;
	v[TGF_BIRTH].date = v[TGF_SFZH].id.birth;
	v[TGF_CONTRACT_END].present = 1;
	errs.n = 0;
	ck_assert_uint_eq(tuigong_form_extra(v, &errs), 0);
	v[TGF_BIRTH].date.day++;
	ck_assert_uint_eq(tuigong_form_extra(v, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "TG_BIRTH_MISMATCH");
	v[TGF_BIRTH].present = 0;
	v[TGF_OPEN_ENDED].present = 1;
	errs.n = 0;
	ck_assert_uint_eq(tuigong_form_extra(v, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "TG_TERM_BOTH");
	v[TGF_OPEN_ENDED].present = 0;
	v[TGF_CONTRACT_END].present = 0;
	errs.n = 0;
	ck_assert_uint_eq(tuigong_form_extra(v, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "TG_TERM_MISSING");
}
END_TEST

START_TEST(tuigong_reason_names_table)
{
	int	 i;

	for (i = 0; i < TG_REASON__MAX; i++)
		ck_assert_int_eq(tuigong_reason_of(tuigong_reason_names[i]), i);
	ck_assert_int_eq(tuigong_reason_of("辞职"), TG_REASON__MAX);
	ck_assert_int_eq(tuigong_reason_of(NULL), TG_REASON__MAX);
	ck_assert_ptr_null(tuigong_reason_names[TG_REASON__MAX]);
}
END_TEST

static Suite *
tuigong_suite(void)
{
	Suite	*s = suite_create("tuigong");
	TCase	*tc = tcase_create("tuigong");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, tuigong_rules_table, 0,
	    (int)(sizeof(tt_cases) / sizeof(tt_cases[0])));
	tcase_add_test(tc, tuigong_rules_messages);
	tcase_add_test(tc, tuigong_policy_off_accepts);
	tcase_add_test(tc, tuigong_unique);
	tcase_add_test(tc, tuigong_open_task_states);
	tcase_add_test(tc, tuigong_overdue);
	tcase_add_test(tc, tuigong_materials_by_reason);
	tcase_add_test(tc, tuigong_vip_submit_ends);
	tcase_add_test(tc, tuigong_plain_submit_overdue);
	tcase_add_test(tc, tuigong_submit_reloads_facts);
	tcase_add_test(tc, tuigong_overdue_first_submission);
	tcase_add_test(tc, tuigong_batch_materials_union);
	tcase_add_test(tc, tuigong_batch_empty_is_batch);
	tcase_add_test(tc, tuigong_timeline_order);
	tcase_add_test(tc, tuigong_batch_rows);
	tcase_add_test(tc, tuigong_batch_store_and_check);
	tcase_add_test(tc, tuigong_form_extra_checks);
	tcase_add_test(tc, tuigong_reason_names_table);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(tuigong_suite)
