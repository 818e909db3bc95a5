/*
 * test_feed.c: the HR systems' feed (lib/feed.c) and the triggers that
 * keep person_changes (migration 34): a unit sees its own persons
 * only, a change moves the person after the cursor (once, however
 * often it changed) and nothing before it, pages follow the cursor
 * without gaps or repeats, and 离职进度 follows the 减员 and 退工 tasks.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "../suites.h"
#include "feed.h"
#include "helpers.h"
#include "store.h"

/* What the callback saw: persons in order, with their seq and stage. */
struct seen {
	int		 n;
	int64_t		 pid[32];
	int64_t		 seq[32];
	enum feed_stage	 stage[32];
	char		 ins[32][16];
};

/* feed_fn: records p into the struct seen arg. */
static void
see(const struct feed_person *p, void *arg)
{
	struct seen	*s = arg;

	ck_assert_int_lt(s->n, 32);
	s->pid[s->n] = p->person_id;
	s->seq[s->n] = p->seq;
	s->stage[s->n] = p->stage;
	snprintf(s->ins[s->n], sizeof(s->ins[0]), "%s", p->ins_status);
	s->n++;
}

/* Runs sql (the test's own text) on s; fails the test on error. */
static void
exec(struct store *s, const char *sql)
{
	ck_assert_msg(store_exec_sql(s, sql) == 0, "%s", sql);
}

/* A person numbered i (idno made from it) insured and employed at
 * unit u since 2024.  Returns the person's id. */
static int64_t
staff(struct store *s, int64_t u, int i)
{
	char	 idno[19], name[16], q[512];
	int64_t	 pid;

	snprintf(idno, sizeof(idno), "42010219900101%04d", 1000 + i);
	snprintf(name, sizeof(name), "员工%d", i);
	pid = th_person(s, idno, name, i % 2 ? "男" : "女", "1990-01-01");
	snprintf(q, sizeof(q), "INSERT INTO insurance (person_id, unit_id,"
	    " sb_no, start_month, status, last_paid_month) VALUES (%lld, %lld,"
	    " 'SB%d', '2024-01', '参保缴费', '2026-10')", (long long)pid,
	    (long long)u, i);
	exec(s, q);
	snprintf(q, sizeof(q), "INSERT INTO employments (person_id, unit_id,"
	    " contract_no, start_date, registered_at) VALUES (%lld, %lld,"
	    " 'HT%d', '2024-01-01', '2024-01-05')", (long long)pid,
	    (long long)u, i);
	exec(s, q);
	return pid;
}

/* A task of business at unit u in state; returns its id. */
static int64_t
task(struct store *s, int64_t u, const char *business, const char *state,
    int n)
{
	char	 q[512];

	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id,"
	    " state, created_at, updated_at) VALUES ('T%d', '%s', %lld, '%s',"
	    " 1, 1)", n, business, (long long)u, state);
	exec(s, q);
	return store_last_id(s);
}

/* Reads a page of unit u after since into out (zeroed first). */
static int
page(struct store *s, int64_t u, int64_t since, int limit, struct seen *out,
    int64_t *next, int *more)
{
	memset(out, 0, sizeof(*out));
	return feed_page(s, u, since, limit, see, out, next, more);
}

START_TEST(feed_cursor_own_unit)
{
	struct th_db	 db;
	struct seen	 sn;
	int64_t		 u1, u2, p1, p2, p3, p4, next, cur, head;
	int		 more;
	char		 q[256];

	th_db_open(&db);
	u1 = th_unit(db.s, "甲单位", 0);
	u2 = th_unit(db.s, "乙单位", 0);
	p1 = staff(db.s, u1, 1);
	p2 = staff(db.s, u1, 2);
	p3 = staff(db.s, u1, 3);
	p4 = staff(db.s, u2, 4);

	/* From the start: the unit's three, in the order they came, each
	 * once (two facts each), and not the other unit's. */
	ck_assert_int_eq(page(db.s, u1, 0, 100, &sn, &next, &more), 3);
	ck_assert_int_eq(sn.pid[0], p1);
	ck_assert_int_eq(sn.pid[1], p2);
	ck_assert_int_eq(sn.pid[2], p3);
	ck_assert_int_lt(sn.seq[0], sn.seq[1]);
	ck_assert_int_lt(sn.seq[1], sn.seq[2]);
	ck_assert_int_eq(next, sn.seq[2]);
	ck_assert_int_eq(more, 0);
	ck_assert_str_eq(sn.ins[0], "参保缴费");
	ck_assert_int_eq(feed_head(db.s, u1, &head), 0);
	ck_assert_int_eq(head, next);
	ck_assert_int_eq(page(db.s, u2, 0, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.pid[0], p4);
	cur = head;

	/* Nothing after the cursor yet: an empty page keeps it. */
	ck_assert_int_eq(page(db.s, u1, cur, 100, &sn, &next, &more), 0);
	ck_assert_int_eq(next, cur);

	/* p2 stops paying, twice over, and the other unit's p4 changes:
	 * after the cursor, p2 once with its new state, nothing else. */
	snprintf(q, sizeof(q), "UPDATE insurance SET status = '暂停缴费',"
	    " stop_month = '2026-11' WHERE person_id = %lld", (long long)p2);
	exec(db.s, q);
	snprintf(q, sizeof(q), "UPDATE insurance SET last_paid_month ="
	    " '2026-10' WHERE person_id = %lld", (long long)p2);
	exec(db.s, q);
	snprintf(q, sizeof(q), "UPDATE persons SET name = '改名' WHERE id ="
	    " %lld", (long long)p4);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u1, cur, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.pid[0], p2);
	ck_assert_str_eq(sn.ins[0], "暂停缴费");
	ck_assert_int_gt(sn.seq[0], cur);
	ck_assert_int_eq(next, sn.seq[0]);

	/* From the start again: still three, p2 now last. */
	ck_assert_int_eq(page(db.s, u1, 0, 100, &sn, &next, &more), 3);
	ck_assert_int_eq(sn.pid[0], p1);
	ck_assert_int_eq(sn.pid[1], p3);
	ck_assert_int_eq(sn.pid[2], p2);

	/* A column the feed does not show moves nobody: a 缴费基数, the
	 * name copied into employments. */
	cur = next;
	snprintf(q, sizeof(q), "UPDATE insurance SET base_fen = 500000 WHERE"
	    " person_id = %lld", (long long)p1);
	exec(db.s, q);
	snprintf(q, sizeof(q), "UPDATE employments SET person_name = 'x'"
	    " WHERE person_id = %lld", (long long)p3);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u1, cur, 100, &sn, &next, &more), 0);

	/* An outer INSERT OR IGNORE does not change how the row moves. */
	snprintf(q, sizeof(q), "INSERT OR IGNORE INTO employments (person_id,"
	    " unit_id, contract_no, start_date, registered_at) VALUES (%lld,"
	    " %lld, 'HT1-B', '2026-11-01', '2026-11-02')", (long long)p1,
	    (long long)u1);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u1, cur, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.pid[0], p1);
	th_db_close(&db);
}
END_TEST

/* A person who left unit u1 for u2 changes his name: u2 is told, u1
 * (his former employer) is not. */
START_TEST(feed_former_unit_not_told)
{
	struct th_db	 db;
	struct seen	 sn;
	int64_t		 u1, u2, p, c1, c2, next;
	int		 more;
	char		 q[512];

	th_db_open(&db);
	u1 = th_unit(db.s, "原单位", 0);
	u2 = th_unit(db.s, "新单位", 0);
	p = staff(db.s, u1, 7);
	snprintf(q, sizeof(q), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '2026-06' WHERE person_id = %lld", (long long)p);
	exec(db.s, q);
	snprintf(q, sizeof(q), "UPDATE employments SET status = '已退工' "
	    "WHERE person_id = %lld", (long long)p);
	exec(db.s, q);
	snprintf(q, sizeof(q), "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status, last_paid_month) VALUES (%lld, %lld, "
	    "'SB7B', '2026-07', '参保缴费', '2026-10')", (long long)p,
	    (long long)u2);
	exec(db.s, q);
	snprintf(q, sizeof(q), "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, registered_at) VALUES (%lld, %lld, "
	    "'HT7B', '2026-07-01', '2026-07-02')", (long long)p, (long long)u2);
	exec(db.s, q);
	ck_assert_int_eq(feed_head(db.s, u1, &c1), 0);
	ck_assert_int_eq(feed_head(db.s, u2, &c2), 0);

	snprintf(q, sizeof(q), "UPDATE persons SET name = '新名' WHERE id = "
	    "%lld", (long long)p);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u2, c2, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.pid[0], p);
	ck_assert_int_eq(page(db.s, u1, c1, 100, &sn, &next, &more), 0);
	th_db_close(&db);
}
END_TEST

START_TEST(feed_pages_follow_cursor)
{
	struct th_db	 db;
	struct seen	 sn;
	int64_t		 u, pid[5], next, since = 0;
	int		 more, i, got = 0, pages = 0, want_n[3] = { 2, 2, 1 };

	th_db_open(&db);
	u = th_unit(db.s, "甲单位", 0);
	for (i = 0; i < 5; i++)
		pid[i] = staff(db.s, u, 10 + i);
	do {
		ck_assert_int_lt(pages, 3);
		ck_assert_int_eq(page(db.s, u, since, 2, &sn, &next, &more),
		    want_n[pages]);
		for (i = 0; i < sn.n; i++)
			ck_assert_int_eq(sn.pid[i], pid[got + i]);
		got += sn.n;
		ck_assert_int_eq(more, pages < 2);
		since = next;
		pages++;
	} while (more);
	ck_assert_int_eq(got, 5);
	ck_assert_int_eq(pages, 3);
	/* A limit out of range or a negative cursor is refused. */
	ck_assert_int_eq(page(db.s, u, 0, 0, &sn, &next, &more), -1);
	ck_assert_int_eq(page(db.s, u, 0, FEED_MAX_PAGE + 1, &sn, &next,
	    &more), -1);
	ck_assert_int_eq(page(db.s, u, -1, 10, &sn, &next, &more), -1);
	th_db_close(&db);
}
END_TEST

START_TEST(feed_departure_progress)
{
	struct th_db		 db;
	struct seen		 sn;
	struct feed_person	 p;
	int64_t			 u, u2, pid, other, jy, tg, cur, next;
	int			 more;
	char			 q[512];

	th_db_open(&db);
	u = th_unit(db.s, "甲单位", 0);
	u2 = th_unit(db.s, "乙单位", 0);
	pid = staff(db.s, u, 1);
	other = staff(db.s, u2, 2);
	ck_assert_int_eq(feed_head(db.s, u, &cur), 0);

	ck_assert_int_eq(feed_person(db.s, u, pid, &p), 0);
	ck_assert_int_eq(p.stage, FEED_STAGE_NONE);
	ck_assert_int_eq(p.nemp, 1);
	ck_assert_str_eq(p.emp[0].contract_no, "HT1");
	ck_assert_str_eq(p.emp[0].status, "在职");
	ck_assert_str_eq(p.sb_no, "SB1");
	/* Another unit's person, or none: not in this unit's feed. */
	ck_assert_int_eq(feed_person(db.s, u, other, &p), 1);
	ck_assert_int_eq(feed_person(db.s, u, 999999, &p), 1);
	ck_assert_int_eq(feed_person(db.s, u, 0, &p), 1);

	/* 减员 saved: the person moves after the cursor, 减员未提交. */
	jy = task(db.s, u, "jianyuan", "未提交", 1);
	snprintf(q, sizeof(q), "INSERT INTO jianyuan (task_id, person_id,"
	    " reason, change_date) VALUES (%lld, %lld, '解除劳动关系',"
	    " '2026-11-10')", (long long)jy, (long long)pid);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u, cur, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.stage[0], FEED_STAGE_JY_DRAFT);
	cur = next;

	/* Submitted, then approved: moved each time. */
	snprintf(q, sizeof(q), "UPDATE tasks SET state = '进行中' WHERE id ="
	    " %lld", (long long)jy);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u, cur, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.stage[0], FEED_STAGE_JY_PENDING);
	cur = next;
	snprintf(q, sizeof(q), "UPDATE tasks SET state = '结束' WHERE id ="
	    " %lld", (long long)jy);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u, cur, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.stage[0], FEED_STAGE_JY_DONE);
	cur = next;

	/* A withdrawn (退单) 退工 counts for nothing; a live one decides. */
	tg = task(db.s, u, "tuigong", "退单", 2);
	snprintf(q, sizeof(q), "INSERT INTO tuigong (task_id, person_id,"
	    " reason, end_date) VALUES (%lld, %lld, '合同到期终止',"
	    " '2026-11-10')", (long long)tg, (long long)pid);
	exec(db.s, q);
	ck_assert_int_eq(feed_person(db.s, u, pid, &p), 0);
	ck_assert_int_eq(p.stage, FEED_STAGE_JY_DONE);
	tg = task(db.s, u, "tuigong", "进行中", 3);
	snprintf(q, sizeof(q), "INSERT INTO tuigong (task_id, person_id,"
	    " reason, end_date) VALUES (%lld, %lld, '合同到期终止',"
	    " '2026-11-10')", (long long)tg, (long long)pid);
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u, cur, 100, &sn, &next, &more), 1);
	ck_assert_int_eq(sn.stage[0], FEED_STAGE_TG_PENDING);
	ck_assert_int_eq(feed_person(db.s, u, pid, &p), 0);
	ck_assert_int_eq(p.tg.task_id, tg);
	ck_assert_str_eq(p.tg.reason, "合同到期终止");
	ck_assert_int_eq(p.jy.task_id, jy);
	ck_assert_str_eq(p.jy.state, "结束");
	cur = next;

	/* The other unit's tasks never move this unit's rows. */
	snprintf(q, sizeof(q), "UPDATE tasks SET state = '结束' WHERE id ="
	    " %lld", (long long)task(db.s, u2, "tuigong", "进行中", 4));
	exec(db.s, q);
	ck_assert_int_eq(page(db.s, u, cur, 100, &sn, &next, &more), 0);
	th_db_close(&db);
}
END_TEST

/* The stage from the facts alone (feed_stage_of is pure). */
START_TEST(feed_stage_rules)
{
	struct feed_person	 p;

	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_NONE);
	p.nemp = 1;
	snprintf(p.emp[0].status, sizeof(p.emp[0].status), "在职");
	snprintf(p.emp[0].start_date, sizeof(p.emp[0].start_date),
	    "2026-03-01");
	p.jy.task_id = 5;
	snprintf(p.jy.state, sizeof(p.jy.state), "未提交");
	snprintf(p.jy.date, sizeof(p.jy.date), "2026-11-10");
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_JY_DRAFT);
	snprintf(p.jy.state, sizeof(p.jy.state), "结束");
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_JY_DONE);
	p.tg.task_id = 6;
	snprintf(p.tg.state, sizeof(p.tg.state), "未提交");
	snprintf(p.tg.date, sizeof(p.tg.date), "2026-11-10");
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_TG_DRAFT);
	snprintf(p.tg.state, sizeof(p.tg.state), "结束");
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_TG_DONE);
	/* The person came back: an employment 在职 since after both dates
	 * makes them history. */
	snprintf(p.emp[0].start_date, sizeof(p.emp[0].start_date),
	    "2026-12-01");
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_NONE);
	/* The same day still counts (退工 of a contract that began then). */
	snprintf(p.emp[0].start_date, sizeof(p.emp[0].start_date),
	    "2026-11-10");
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_TG_DONE);
	/* No employment 在职 (已退工): every step counts. */
	snprintf(p.emp[0].status, sizeof(p.emp[0].status), "已退工");
	snprintf(p.emp[0].start_date, sizeof(p.emp[0].start_date),
	    "2026-12-01");
	ck_assert_int_eq(feed_stage_of(&p), FEED_STAGE_TG_DONE);
}
END_TEST

static Suite *
feed_suite(void)
{
	Suite	*s = suite_create("feed");
	TCase	*tc = tcase_create("feed");

	tcase_add_test(tc, feed_cursor_own_unit);
	tcase_add_test(tc, feed_pages_follow_cursor);
	tcase_add_test(tc, feed_former_unit_not_told);
	tcase_add_test(tc, feed_departure_progress);
	tcase_add_test(tc, feed_stage_rules);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(feed_suite)
