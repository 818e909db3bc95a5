/*
 * test_oversight.c: lib/oversight.c and the workflow's timeliness hook
 * against hand-counted fixtures: each 预警 rule (退工 due within 5 days
 * or passed, 用工备案 awaited after a 增员, a 普通 unit's 增员 before
 * the 20th, 已退工 and 已撤销 still paying, 减员 without 退工 after 15
 * days), the 断缴 detection (欠费, a hole in the months, nothing paid
 * lately) and 数据不全 (registration without 参保 and the reverse),
 * each flag following the rows as they change; the deadline message
 * sent once per row and due date; the open work by business and state;
 * a list as .xlsx; and a submitted 退工, a cancelled one, an approved
 * 减员 and 增员 walked by timeliness_task_moved().
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jianyuan.h"
#include "oversight.h"
#include "policy.h"
#include "store.h"
#include "timeliness.h"
#include "tuigong.h"
#include "valid.h"
#include "workflow.h"
#include "xlsx.h"
#include "yonggong.h"
#include "zengyuan.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit, vip;

/* Runs SQL text built here (the test's own constants and ids). */
static void
to_exec(const char *fmt, long long a, long long b)
{
	char	 q[1024];

	/* fmt is always one of this file's literals with two %lld. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(q, sizeof(q), fmt, a, b);
#pragma GCC diagnostic pop
	ck_assert_int_eq(store_exec_sql(db.s, q), 0);
}

/* Opens a store: a 普通 unit and a VIP one, the policy, today
 * 2026-12-10 10:00 (UTC+8). */
static void
setup(void)
{
	th_db_open(&db);
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	unit = th_unit(db.s, "甲公司", 0);
	vip = th_unit(db.s, "乙公司", 1);
	th_clock_set(&db, "2026-12-10 10:00:00");
	wf_register(&tuigong_business);
	wf_register(&jianyuan_business);
	wf_register(&zengyuan_business);
	wf_register(&yonggong_business);
}

/* Closes it. */
static void
teardown(void)
{
	th_db_close(&db);
}

/* The context of unit u on 2026-12-10. */
static struct ov_ctx
to_ctx(int64_t u)
{
	struct ov_ctx	 c;
	struct hdate	 d = { 2026, 12, 10 };

	ck_assert_int_eq(oversight_ctx(db.s, u, &d, &c), 0);
	return c;
}

/* The count of list l of unit u. */
static int64_t
to_count(int64_t u, enum ov_list l)
{
	struct ov_ctx	 c = to_ctx(u);
	int64_t		 n;

	ck_assert_int_eq(oversight_count(db.s, &c, l, &n), 0);
	return n;
}

/* Collected lines. */
struct to_rows {
	int		 n;
	struct ov_row	 r[16];
};

/* oversight_rows callback. */
static void
to_row(void *arg, const struct ov_row *r)
{
	struct to_rows	*a = arg;

	if (a->n < 16)
		a->r[a->n] = *r;
	a->n++;
}

/* The first page (16) of list l of unit u into *a; returns the count. */
static int
to_rows(int64_t u, enum ov_list l, struct to_rows *a)
{
	struct ov_ctx	 c = to_ctx(u);

	memset(a, 0, sizeof(*a));
	ck_assert_int_ge(oversight_rows(db.s, &c, l, 0, 16, to_row, a), 0);
	return a->n;
}

/* A person with an employment of status emp ("" none) and insurance of
 * status ins ("" none) at unit u, paying from start to last with months
 * paid.  Returns the person's id. */
static int64_t
to_person(const char *idno, const char *name, int64_t u, const char *emp,
    const char *ins, const char *start, const char *last, int months)
{
	struct store_stmt	*st;
	int64_t			 p = th_person(db.s, idno, name, "男",
				    "1990-01-01");

	if (emp[0] != '\0') {
		st = store_stmt(db.s, "INSERT INTO employments (person_id, "
		    "unit_id, contract_no, start_date, status, registered_at) "
		    "VALUES (?1, ?2, 'C' || ?1, '2024-01-01', ?3, '2024-01-01')");
		ck_assert_ptr_nonnull(st);
		ck_assert_int_eq(store_bind_int(st, 1, p), 0);
		ck_assert_int_eq(store_bind_int(st, 2, u), 0);
		ck_assert_int_eq(store_bind_text(st, 3, emp), 0);
		ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	}
	if (ins[0] != '\0') {
		st = store_stmt(db.s, "INSERT INTO insurance (person_id, "
		    "unit_id, sb_no, start_month, status, last_paid_month, "
		    "contrib_months) VALUES (?1, ?2, 'S' || ?1, ?3, ?4, ?5, ?6)");
		ck_assert_ptr_nonnull(st);
		ck_assert_int_eq(store_bind_int(st, 1, p), 0);
		ck_assert_int_eq(store_bind_int(st, 2, u), 0);
		ck_assert_int_eq(store_bind_text(st, 3, start), 0);
		ck_assert_int_eq(store_bind_text(st, 4, ins), 0);
		ck_assert_int_eq(store_bind_text(st, 5, last), 0);
		ck_assert_int_eq(store_bind_int(st, 6, months), 0);
		ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	}
	return p;
}

/*
 * The flags (today 2026-12-10; 停缴 is a last paid month before
 * 2026-11):
 *   P1 在职 + 参保缴费 2024-01..2026-11, 35 months: clean
 *   P2 已退工 + 参保缴费: tuigong-insured
 *   P3 已撤销 + 参保缴费: chexiao-insured
 *   P4 在职, no insurance: emp-no-ins
 *   P5 参保缴费, no registration: ins-no-emp
 *   P6 在职 + 参保缴费 2024-01..2026-11 but 30 months: hole
 *   P7 在职 + 参保缴费 last paid 2026-09 (33 months): stopped
 *   P8 在职 + 参保缴费, 欠费 2026-08 unsettled: arrears
 * Then P2 stops paying (暂停缴费): no flag; P4 is insured: none; P8's
 * 欠费 is settled: none; P5 gets a registration: none.  The VIP unit
 * sees none of them.
 */
START_TEST(oversight_flags)
{
	struct to_rows	 a;
	int64_t		 p[9];

	p[1] = to_person("P1", "一", unit, "在职", "参保缴费", "2024-01",
	    "2026-11", 35);
	p[2] = to_person("P2", "二", unit, "已退工", "参保缴费", "2024-01",
	    "2026-11", 35);
	p[3] = to_person("P3", "三", unit, "已撤销", "参保缴费", "2024-01",
	    "2026-11", 35);
	p[4] = to_person("P4", "四", unit, "在职", "", "", "", 0);
	p[5] = to_person("P5", "五", unit, "", "参保缴费", "2024-01",
	    "2026-11", 35);
	p[6] = to_person("P6", "六", unit, "在职", "参保缴费", "2024-01",
	    "2026-11", 30);
	p[7] = to_person("P7", "七", unit, "在职", "参保缴费", "2024-01",
	    "2026-09", 33);
	p[8] = to_person("P8", "八", unit, "在职", "参保缴费", "2024-01",
	    "2026-11", 35);
	to_exec("INSERT INTO arrears (person_id, unit_id, month, amount_fen) "
	    "VALUES (%lld, %lld, '2026-08', 12345)", p[8], unit);
	ck_assert_int_eq(to_count(unit, OV_TUIGONG_INSURED), 1);
	ck_assert_int_eq(to_rows(unit, OV_TUIGONG_INSURED, &a), 1);
	ck_assert_str_eq(a.r[0].name, "二");
	ck_assert_str_eq(a.r[0].sb_no, "S2");
	ck_assert_str_eq(a.r[0].last_paid, "2026-11");
	ck_assert_int_eq(to_rows(unit, OV_CHEXIAO_INSURED, &a), 1);
	ck_assert_str_eq(a.r[0].idno, "P3");
	ck_assert_int_eq(to_rows(unit, OV_EMP_NO_INS, &a), 1);
	ck_assert_str_eq(a.r[0].idno, "P4");
	ck_assert_int_eq(to_rows(unit, OV_INS_NO_EMP, &a), 1);
	ck_assert_str_eq(a.r[0].idno, "P5");
	ck_assert_int_eq(to_rows(unit, OV_HOLE, &a), 1);
	ck_assert_str_eq(a.r[0].idno, "P6");
	ck_assert_int_eq(a.r[0].months, 30);
	ck_assert_int_eq(to_count(unit, OV_STOPPED), 1);
	ck_assert_int_eq(to_rows(unit, OV_STOPPED, &a), 1);
	ck_assert_str_eq(a.r[0].idno, "P7");
	ck_assert_int_eq(to_rows(unit, OV_ARREARS, &a), 1);
	ck_assert_str_eq(a.r[0].idno, "P8");
	ck_assert_int_eq(to_count(vip, OV_HOLE), 0);
	ck_assert_int_eq(to_count(vip, OV_TUIGONG_INSURED), 0);
	/* The rows change; the flags follow. */
	to_exec("UPDATE insurance SET status = '暂停缴费', stop_month = "
	    "'2026-12' WHERE person_id = %lld AND unit_id = %lld", p[2], unit);
	to_exec("INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, last_paid_month, contrib_months) VALUES (%lld, %lld, 'S4', "
	    "'2026-11', '参保缴费', '2026-11', 1)", p[4], unit);
	to_exec("UPDATE arrears SET settled = 1 WHERE person_id = %lld AND "
	    "unit_id = %lld", p[8], unit);
	to_exec("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, registered_at) VALUES (%lld, %lld, 'C5b', "
	    "'2024-01-01', '2024-01-01')", p[5], unit);
	ck_assert_int_eq(to_count(unit, OV_TUIGONG_INSURED), 0);
	ck_assert_int_eq(to_count(unit, OV_EMP_NO_INS), 0);
	ck_assert_int_eq(to_count(unit, OV_ARREARS), 0);
	ck_assert_int_eq(to_count(unit, OV_INS_NO_EMP), 0);
	ck_assert_int_eq(to_count(unit, OV_CHEXIAO_INSURED), 1);
	ck_assert_int_eq(to_count(unit, OV_HOLE), 1);
	/* P6 paid the missing months: no hole. */
	to_exec("UPDATE insurance SET contrib_months = 35 WHERE person_id = "
	    "%lld AND unit_id = %lld", p[6], unit);
	ck_assert_int_eq(to_count(unit, OV_HOLE), 0);
	/* The kept totals equal a recount. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tallies t WHERE "
	    "t.name LIKE 'flag:%' AND t.n <> (SELECT COUNT(*) FROM "
	    "oversight_flags f WHERE f.unit_id = t.unit_id AND 'flag:' || "
	    "f.kind = t.name)"), 0);
}
END_TEST

/* Inserts an open 退工 (or 用工备案) row of unit u. */
static void
to_item(int64_t u, const char *kind, const char *idno, const char *ref,
    const char *due, long long source)
{
	struct store_stmt	*st;

	st = store_stmt(db.s, "INSERT INTO timeliness_items (unit_id, kind, "
	    "idno, name, ref_date, due_date, source_task_id) VALUES (?1, ?2, "
	    "?3, ?3, ?4, ?5, ?6)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, u), 0);
	ck_assert_int_eq(store_bind_text(st, 2, kind), 0);
	ck_assert_int_eq(store_bind_text(st, 3, idno), 0);
	ck_assert_int_eq(store_bind_text(st, 4, ref), 0);
	ck_assert_int_eq(store_bind_text(st, 5, due), 0);
	ck_assert_int_eq(store_bind_int(st, 6, source), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
}

/*
 * The 预警 of deadlines on 2026-12-10 (warn 5 days: due up to 12-15):
 *   退工 A due 12-15 (剩余5天), B due 12-16 (not yet), C due 12-09
 *   announced by a 减员 on ref 11-24 (已逾期1天; 16 days after its
 *   变更日期, so also 已减员未退工), D due 12-20 announced with ref
 *   12-05 (5 days: not yet either list);
 *   用工备案 E due 12-10 (今日到期).
 * Messages: A, C and E, once; a second call sends none; C re-dated to
 * a new due date is warned again.
 */
START_TEST(oversight_deadlines)
{
	struct to_rows	 a;
	struct ov_ctx	 c;
	int		 sent;

	to_item(unit, "tuigong", "A", "2026-11-30", "2026-12-15", 0);
	to_item(unit, "tuigong", "B", "2026-12-01", "2026-12-16", 0);
	to_item(unit, "tuigong", "C", "2026-11-24", "2026-12-09", 7);
	to_item(unit, "tuigong", "D", "2026-12-05", "2026-12-20", 8);
	to_item(unit, "yonggong", "E", "2026-11-10", "2026-12-10", 9);
	ck_assert_int_eq(to_rows(unit, OV_TUIGONG_DUE, &a), 2);
	ck_assert_str_eq(a.r[0].idno, "C");
	ck_assert_str_eq(a.r[0].state, "已逾期1天");
	ck_assert_str_eq(a.r[0].source, "减员");
	ck_assert_str_eq(a.r[1].idno, "A");
	ck_assert_str_eq(a.r[1].state, "剩余5天");
	ck_assert_int_eq(to_count(unit, OV_TUIGONG_DUE), 2);
	ck_assert_int_eq(to_rows(unit, OV_JIANYUAN_NO_TUIGONG, &a), 1);
	ck_assert_str_eq(a.r[0].idno, "C");
	ck_assert_int_eq(to_rows(unit, OV_YONGGONG_DUE, &a), 1);
	ck_assert_str_eq(a.r[0].state, "今日到期");
	ck_assert_str_eq(a.r[0].source, "增员");
	c = to_ctx(unit);
	ck_assert_int_eq(oversight_warn(db.s, &c, 1000, &sent), 0);
	ck_assert_int_eq(sent, 3);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages WHERE "
	    "title LIKE '%(C)%' AND title LIKE '退工登记预警%'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages WHERE "
	    "title LIKE '用工备案预警%(E)%'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages WHERE "
	    "title LIKE '%(B)%' OR title LIKE '%(D)%'"), 0);
	/* The sweep marked C late. */
	ck_assert_int_eq(th_count(db.s, "SELECT late FROM timeliness_items "
	    "WHERE idno = 'C'"), 1);
	ck_assert_int_eq(oversight_warn(db.s, &c, 2000, &sent), 0);
	ck_assert_int_eq(sent, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages"), 3);
	/* A new due date is a new deadline. */
	ck_assert_int_eq(store_exec_sql(db.s, "UPDATE timeliness_items SET "
	    "due_date = '2026-12-12' WHERE idno = 'C'"), 0);
	ck_assert_int_eq(oversight_warn(db.s, &c, 3000, &sent), 0);
	ck_assert_int_eq(sent, 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages"), 4);
	/* The other unit: nothing. */
	ck_assert_int_eq(to_count(vip, OV_TUIGONG_DUE), 0);
}
END_TEST

/* Inserts a task of unit u; returns its id. */
static int64_t
to_task(int64_t u, const char *business, const char *state, const char *seq,
    long long created, long long submitted)
{
	struct store_stmt	*st;

	st = store_stmt(db.s, "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, summary, created_at, submitted_at, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?1, ?5, ?6, ?5)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_text(st, 1, seq), 0);
	ck_assert_int_eq(store_bind_text(st, 2, business), 0);
	ck_assert_int_eq(store_bind_int(st, 3, u), 0);
	ck_assert_int_eq(store_bind_text(st, 4, state), 0);
	ck_assert_int_eq(store_bind_int(st, 5, created), 0);
	ck_assert_int_eq(store_bind_int(st, 6, submitted), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	return store_last_id(db.s);
}

/* Seconds of YYYY-MM-DD 10:00 UTC+8. */
static long long
to_at(int y, int m, int d)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 2;		/* 10:00 UTC+8 */
	return (long long)timegm(&tm);
}

/* Collected open work. */
struct to_work {
	int		 n;
	char		 key[8][64];
	int64_t		 count[8];
	time_t		 oldest[8];
};

/* oversight_open_work callback. */
static void
to_work_fn(void *arg, const char *business, const char *state,
    int64_t count, time_t oldest)
{
	struct to_work	*w = arg;

	if (w->n < 8) {
		snprintf(w->key[w->n], sizeof(w->key[0]), "%s/%s", business,
		    state);
		w->count[w->n] = count;
		w->oldest[w->n] = oldest;
	}
	w->n++;
}

/*
 * The open work and the counter: the 普通 unit has 2 未提交 退工
 * (created 12-01 and 12-05), 3 进行中 增员 (submitted 11-18, 12-03,
 * 12-08), a 结束 one; the VIP unit 1 进行中 增员.  Open work: 退工/未提交
 * 2 oldest 12-01, 增员/进行中 3 oldest 11-18.  The counter list: the
 * three 增员 by submission, 送审期限 11-20 (已逾期20天), 12-20 (剩余10
 * 天) twice; the VIP unit's: none.
 */
START_TEST(oversight_work_and_counter)
{
	struct to_work	 w;
	struct to_rows	 a;

	to_task(unit, "tuigong", "未提交", "TG1", to_at(2026, 12, 5), 0);
	to_task(unit, "tuigong", "未提交", "TG2", to_at(2026, 12, 1), 0);
	to_task(unit, "zengyuan", "进行中", "ZY1", to_at(2026, 11, 18),
	    to_at(2026, 11, 18));
	to_task(unit, "zengyuan", "进行中", "ZY2", to_at(2026, 12, 3),
	    to_at(2026, 12, 3));
	to_task(unit, "zengyuan", "进行中", "ZY3", to_at(2026, 12, 8),
	    to_at(2026, 12, 8));
	to_task(unit, "zengyuan", "结束", "ZY4", to_at(2026, 10, 1),
	    to_at(2026, 10, 1));
	to_task(vip, "zengyuan", "进行中", "ZY5", to_at(2026, 12, 2),
	    to_at(2026, 12, 2));
	memset(&w, 0, sizeof(w));
	ck_assert_int_eq(oversight_open_work(db.s, unit, to_work_fn, &w), 2);
	ck_assert_str_eq(w.key[0], "tuigong/未提交");
	ck_assert_int_eq(w.count[0], 2);
	ck_assert_int_eq(w.oldest[0], to_at(2026, 12, 1));
	ck_assert_str_eq(w.key[1], "zengyuan/进行中");
	ck_assert_int_eq(w.count[1], 3);
	ck_assert_int_eq(w.oldest[1], to_at(2026, 11, 18));
	ck_assert_int_eq(to_count(unit, OV_COUNTER), 3);
	ck_assert_int_eq(to_rows(unit, OV_COUNTER, &a), 3);
	ck_assert_str_eq(a.r[0].seq, "ZY1");
	ck_assert_str_eq(a.r[0].due, "2026-11-20");
	ck_assert_str_eq(a.r[0].state, "已逾期20天");
	ck_assert_str_eq(a.r[1].due, "2026-12-20");
	ck_assert_str_eq(a.r[1].state, "剩余10天");
	ck_assert_str_eq(a.r[2].submitted, "2026-12-08");
	ck_assert_int_eq(to_count(vip, OV_COUNTER), 0);
	ck_assert_int_eq(to_rows(vip, OV_COUNTER, &a), 0);
}
END_TEST

/* A 退工 row of task t for idno dated end. */
static void
to_tuigong_row(int64_t t, int row, const char *idno, const char *end)
{
	struct store_stmt	*st;

	st = store_stmt(db.s, "INSERT INTO tuigong (task_id, row_no, idno, "
	    "name, reason, end_date) VALUES (?1, ?2, ?3, ?3, '员工辞职', ?4)");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, t), 0);
	ck_assert_int_eq(store_bind_int(st, 2, row), 0);
	ck_assert_int_eq(store_bind_text(st, 3, idno), 0);
	ck_assert_int_eq(store_bind_text(st, 4, end), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
}

/* Loads task id and tells the hook act. */
static void
to_moved(int64_t id, enum wf_action act)
{
	struct task	 t;

	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	ck_assert_int_eq(timeliness_task_moved(db.s, &t, act), 0);
}

/*
 * The hook over real rows: a batch 退工 of two, first submitted
 * 2026-03-16 (a 回退 later resubmitted on 04-20 counts from 03-16):
 * X ended 03-01 (due 03-16: on time), Y ended 02-27 (due 03-14: late).
 * A 减员 approved 12-10: Z 停缴费 on 11-20 is announced (due 12-05, so
 * late at once), W 退休 is not.  Another 退工 of Q submitted then
 * cancelled gives its row back (gone).  A 增员 approved of V (参保日期
 * 2026-12, no registration) announces a hire due 2026-12-31; of U, who
 * has one, nothing.
 */
START_TEST(oversight_hook)
{
	struct tl_figures	 f;
	struct store_stmt	*st;
	int64_t			 t, j, q, z, u;

	t = to_task(unit, "tuigong", "进行中", "TGH", to_at(2026, 3, 10),
	    to_at(2026, 4, 20));
	to_tuigong_row(t, 1, "X", "2026-03-01");
	to_tuigong_row(t, 2, "Y", "2026-02-27");
	to_exec("INSERT INTO task_events (task_id, action, from_state, "
	    "to_state, actor_id, at) VALUES (%lld, 'task.submit', '未提交', "
	    "'进行中', 1, %lld)", t, to_at(2026, 3, 16));
	to_exec("INSERT INTO task_events (task_id, action, from_state, "
	    "to_state, actor_id, at) VALUES (%lld, 'task.submit', '未提交', "
	    "'进行中', 1, %lld)", t, to_at(2026, 4, 20));
	to_moved(t, WF_SUBMIT);
	ck_assert_int_eq(timeliness_period(db.s, unit, TL_TUIGONG, "2026-03",
	    &f), 0);
	ck_assert_int_eq(f.on_time, 1);
	ck_assert_int_eq(f.late, 0);
	ck_assert_int_eq(timeliness_period(db.s, unit, TL_TUIGONG, "2026-02",
	    &f), 0);
	ck_assert_int_eq(f.late, 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM timeliness_items "
	    "WHERE done_on = '2026-03-16'"), 2);

	j = to_task(unit, "jianyuan", "结束", "JYH", to_at(2026, 12, 1),
	    to_at(2026, 12, 1));
	to_exec("INSERT INTO jianyuan (task_id, row_no, idno, name, reason, "
	    "change_date) VALUES (%lld, 1, 'Z', 'Z', '停缴费', '2026-11-20'), "
	    "(%lld, 2, 'W', 'W', '退休', '2026-11-20')", j, j);
	to_moved(j, WF_APPROVE);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM timeliness_items "
	    "WHERE idno = 'Z' AND done_on IS NULL AND late = 1 AND "
	    "due_date = '2026-12-05'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM timeliness_items "
	    "WHERE idno = 'W'"), 0);

	q = to_task(unit, "tuigong", "进行中", "TGQ", to_at(2026, 12, 1),
	    to_at(2026, 12, 2));
	to_tuigong_row(q, 0, "Q", "2026-11-30");
	to_exec("INSERT INTO task_events (task_id, action, from_state, "
	    "to_state, actor_id, at) VALUES (%lld, 'task.submit', '未提交', "
	    "'进行中', 1, %lld)", q, to_at(2026, 12, 2));
	to_moved(q, WF_SUBMIT);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM timeliness_items "
	    "WHERE idno = 'Q'"), 1);
	to_exec("UPDATE tasks SET state = '退单' WHERE id = %lld AND %lld > 0",
	    q, 1);
	to_moved(q, WF_CANCEL);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM timeliness_items "
	    "WHERE idno = 'Q'"), 0);

	z = to_task(unit, "zengyuan", "结束", "ZYH", to_at(2026, 12, 1),
	    to_at(2026, 12, 1));
	(void)to_person("V", "V", unit, "", "", "", "", 0);
	u = to_person("U", "U", unit, "在职", "", "", "", 0);
	st = store_stmt(db.s, "INSERT INTO zengyuan (task_id, row_no, "
	    "person_id, idno, name, start_month) SELECT ?1, 1, id, idno, name, "
	    "'2026-12' FROM persons WHERE idno = 'V' UNION ALL SELECT ?1, 2, "
	    "?2, 'U', 'U', '2026-12'");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, z), 0);
	ck_assert_int_eq(store_bind_int(st, 2, u), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	to_moved(z, WF_APPROVE);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM timeliness_items "
	    "WHERE kind = 'yonggong' AND idno = 'V' AND ref_date = "
	    "'2026-12-01' AND due_date = '2026-12-31' AND done_on IS NULL"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM timeliness_items "
	    "WHERE idno = 'U'"), 0);
}
END_TEST

/* A list as .xlsx: its head, then its lines, read back. */
START_TEST(oversight_xlsx_file)
{
	struct xlsx_sheet	 sh;
	struct ov_ctx		 c;
	char			 path[400];
	unsigned char		*buf;
	FILE			*f;
	long			 sz;

	(void)to_person("P2", "二", unit, "已退工", "参保缴费", "2024-01",
	    "2026-11", 35);
	(void)to_person("P9", "九", unit, "已退工", "参保缴费", "2024-01",
	    "2026-10", 34);
	c = to_ctx(unit);
	snprintf(path, sizeof(path), "%s/list.xlsx", db.dir);
	ck_assert_int_eq(oversight_xlsx(db.s, &c, OV_TUIGONG_INSURED, "甲公司",
	    path, db.dir), 2);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	rewind(f);
	ck_assert_ptr_nonnull(buf = malloc((size_t)sz));
	ck_assert_int_eq(fread(buf, 1, (size_t)sz, f), sz);
	fclose(f);
	unlink(path);
	ck_assert_int_eq(xlsx_read(buf, (size_t)sz, &sh), XLSX_OK);
	free(buf);
	ck_assert_uint_eq(sh.nrows, 6);
	ck_assert_str_eq(sh.rows[0].cells[0], "单位监管:已退工仍在参保缴费");
	ck_assert_str_eq(sh.rows[3].cells[2], "个人编号");
	ck_assert_str_eq(sh.rows[4].cells[0], "二");
	ck_assert_str_eq(sh.rows[4].cells[3], "2026-11");
	ck_assert_str_eq(sh.rows[5].cells[1], "P9");
	xlsx_free(&sh);
}
END_TEST

/* The suite. */
static Suite *
oversight_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("oversight");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, oversight_flags);
	tcase_add_test(tc, oversight_deadlines);
	tcase_add_test(tc, oversight_work_and_counter);
	tcase_add_test(tc, oversight_hook);
	tcase_add_test(tc, oversight_xlsx_file);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(oversight_suite)
