/*
 * test_history.c: the history lists a page at a time through the real
 * nginx: 业务打印, the 首页's 已办 and 消息中心, and 审核记录.  Page 2 shows
 * the rows after page 1 in the list's order, the totals equal a count
 * of the rows, another unit's rows never appear, and a page number
 * that is no number, negative or far past the end gives a page (the
 * first or the last), never an error.  Rows are written straight into
 * the test database for unit demo-b, which the triggers of the store
 * count as they would the workflow's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

/* The tasks the tests add: HP<n> of demo-b, HPA1 of demo-a. */
#define HIST_TASKS	60
#define HIST_MSGS	30

/* demo-b's unit id. */
static long long
unit_b(void)
{
	return db_int("SELECT unit_id FROM accounts WHERE username = 'demo-b'");
}

/* Adds HIST_TASKS 结束 tasks (HP01..) and HIST_MSGS messages about the
 * first of them to demo-b, and one 结束 task HPA1 to demo-a, once. */
static void
fill(void)
{
	long long	 now = (long long)time(NULL) - 86400 * 400;
	char		 q[1024];

	if (db_int("SELECT COUNT(*) FROM tasks WHERE seq_no = 'HPA1'") > 0)
		return;
	snprintf(q, sizeof(q), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < %d) INSERT INTO tasks (seq_no, "
	    "business, unit_id, state, summary, created_at, submitted_at, "
	    "decided_at, decided_by, updated_at) SELECT printf('HP%%02d', i), "
	    "'fixture', %lld, '结束', '历史 ' || i, %lld + i, %lld + i, "
	    "%lld + i, 0, %lld + i FROM n", HIST_TASKS, unit_b(), now, now,
	    now, now);
	db_exec(q);
	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, summary, created_at, submitted_at, decided_at, decided_by, "
	    "updated_at) SELECT 'HPA1', 'fixture', unit_id, '结束', '甲的', "
	    "%lld, %lld, %lld, 0, %lld FROM accounts WHERE username = 'demo-a'",
	    now + 30, now + 30, now + 30, now + 30);
	db_exec(q);
	snprintf(q, sizeof(q), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < %d) INSERT INTO messages (unit_id, "
	    "task_id, at, title) SELECT %lld, (SELECT id FROM tasks WHERE "
	    "seq_no = 'HP01'), %lld + i, printf('历史消息%%02d', i) FROM n",
	    HIST_MSGS, unit_b(), now);
	db_exec(q);
}

/* GET path as b in XML: 200 or the test fails. */
static void
get_ok(struct browser *b, const char *path, struct answer *a)
{
	ck_assert_msg(http_get(b, path, 1, a) == 200, "%s", path);
}

/* The seq of row n (from 0) of demo-b's 结束 tasks in /print's order. */
static char *
print_row(int n)
{
	char	 q[512];

	snprintf(q, sizeof(q), "SELECT seq_no FROM tasks WHERE unit_id = %lld "
	    "AND state = '结束' ORDER BY decided_at DESC, id DESC LIMIT 1 "
	    "OFFSET %d", unit_b(), n);
	return db_query(q);
}

START_TEST(print_pages)
{
	struct browser	 b;
	struct answer	 a;
	char		 total[32], *want, expr[128], pages[32];
	long long	 n;

	fill();
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	n = db_int("SELECT COUNT(*) FROM tasks WHERE state = '结束' AND "
	    "unit_id = (SELECT unit_id FROM accounts WHERE username = "
	    "'demo-b')");
	ck_assert_int_ge(n, HIST_TASKS);
	snprintf(total, sizeof(total), "%lld", n);
	snprintf(pages, sizeof(pages), "%lld", (n + 49) / 50);
	get_ok(&b, "/print", &a);
	ck_xpath_eq(&a, "string(/page/printable/@total)", total);
	ck_xpath_eq(&a, "string(/page/printable/@page)", "1");
	ck_xpath_eq(&a, "string(/page/printable/@pages)", pages);
	ck_assert_int_eq(xpath_count(&a, "/page/printable/task"), 50);
	want = print_row(0);
	snprintf(expr, sizeof(expr), "string(/page/printable/task[1]/@seq)");
	ck_xpath_eq(&a, expr, want);
	free(want);
	ck_assert_int_eq(xpath_count(&a, "//task[@seq = 'HPA1']"), 0);
	answer_free(&a);
	/* Page 2 starts with row 51. */
	get_ok(&b, "/print?page=2", &a);
	ck_xpath_eq(&a, "string(/page/printable/@page)", "2");
	want = print_row(50);
	ck_xpath_eq(&a, "string(/page/printable/task[1]/@seq)", want);
	free(want);
	ck_assert_int_eq(xpath_count(&a, "//task[@seq = 'HPA1']"), 0);
	answer_free(&a);
	/* The page a person sees links to the next. */
	ck_assert_int_eq(http_get(&b, "/print", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/print?page=2\" "
	    "rel=\"next\""));
	ck_assert_ptr_nonnull(strstr(a.body, "下一页"));
	answer_free(&a);
	/* Bad page numbers: the first page, or the last. */
	get_ok(&b, "/print?page=-1", &a);
	ck_xpath_eq(&a, "string(/page/printable/@page)", "1");
	answer_free(&a);
	get_ok(&b, "/print?page=abc", &a);
	ck_xpath_eq(&a, "string(/page/printable/@page)", "1");
	answer_free(&a);
	get_ok(&b, "/print?page=99999999", &a);
	ck_xpath_eq(&a, "string(/page/printable/@page)", pages);
	ck_assert_int_gt(xpath_count(&a, "/page/printable/task"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/print?page=99999999999999999999", 0,
	    &a), 200);
	answer_free(&a);
}
END_TEST

START_TEST(home_pages)
{
	struct browser	 b;
	struct answer	 a;
	char		 q[512], want[32], *seq;
	long long	 handled, first;

	fill();
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	handled = db_int("SELECT COUNT(*) FROM tasks WHERE state IN "
	    "('进行中', '结束') AND unit_id = (SELECT unit_id FROM accounts "
	    "WHERE username = 'demo-b')");
	get_ok(&b, "/home", &a);
	snprintf(want, sizeof(want), "%lld", handled);
	ck_xpath_eq(&a, "string(/page/done/@total)", want);
	ck_assert_int_eq(xpath_count(&a, "/page/done/task"), 20);
	snprintf(want, sizeof(want), "%lld", db_int("SELECT COUNT(*) FROM "
	    "messages WHERE unit_id = (SELECT unit_id FROM accounts WHERE "
	    "username = 'demo-b')"));
	ck_xpath_eq(&a, "string(/page/inbox/@total)", want);
	ck_assert_int_eq(xpath_count(&a, "/page/inbox/msg"), 20);
	ck_assert_int_eq(xpath_count(&a, "//task[@seq = 'HPA1']"), 0);
	answer_free(&a);
	/* 已办 page 2 starts with row 21 by submission, latest first. */
	snprintf(q, sizeof(q), "SELECT seq_no FROM tasks WHERE unit_id = %lld "
	    "AND state IN ('进行中', '结束') ORDER BY submitted_at DESC, id "
	    "DESC LIMIT 1 OFFSET 20", unit_b());
	seq = db_query(q);
	get_ok(&b, "/home?done_page=2", &a);
	ck_xpath_eq(&a, "string(/page/done/@page)", "2");
	ck_xpath_eq(&a, "string(/page/done/task[1]/@seq)", seq);
	ck_xpath_eq(&a, "string(/page/inbox/@page)", "1");
	free(seq);
	answer_free(&a);
	/* The 消息中心's last page holds the oldest message. */
	get_ok(&b, "/home?msg_page=99999999", &a);
	ck_xpath_eq(&a, "string(/page/inbox/msg[last()])", "历史消息01");
	ck_xpath_eq(&a, "string(/page/inbox/msg[last()]/@seq)", "HP01");
	answer_free(&a);
	get_ok(&b, "/home?done_page=abc&msg_page=-1", &a);
	ck_xpath_eq(&a, "string(/page/done/@page)", "1");
	ck_xpath_eq(&a, "string(/page/inbox/@page)", "1");
	answer_free(&a);
	/* The page a person sees: links keep the other list's page. */
	ck_assert_int_eq(http_get(&b, "/home?msg_page=2", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/home?msg_page=2&amp;"
	    "done_page=2\" rel=\"next\""));
	answer_free(&a);
	/* Opening HP01 reads its messages: the unread count follows. */
	first = db_int("SELECT COUNT(*) FROM messages WHERE read = 0 AND "
	    "unit_id = (SELECT unit_id FROM accounts WHERE username = "
	    "'demo-b')");
	ck_assert_int_ge(first, HIST_MSGS);
	snprintf(q, sizeof(q), "/home/task?id=%lld", db_int("SELECT id FROM "
	    "tasks WHERE seq_no = 'HP01'"));
	get_ok(&b, q, &a);
	answer_free(&a);
	get_ok(&b, "/home", &a);
	snprintf(want, sizeof(want), "%lld", first - HIST_MSGS);
	ck_xpath_eq(&a, "string(/page/inbox/@unread)", want);
	answer_free(&a);
}
END_TEST

START_TEST(review_record_total)
{
	struct browser	 r;
	struct answer	 a;
	char		 want[32], *last;

	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	get_ok(&r, "/review?state=done", &a);
	snprintf(want, sizeof(want), "%lld", db_int("SELECT COUNT(*) FROM "
	    "task_events WHERE action IN ('task.approve', 'task.reject') AND "
	    "actor_id > 0"));
	ck_xpath_eq(&a, "string(/page/queue/@total)", want);
	answer_free(&a);
	get_ok(&r, "/review?state=done&page=99999", &a);
	last = xpath_str(&a, "string(/page/queue/@pages)");
	ck_xpath_eq(&a, "string(/page/queue/@page)", last);
	free(last);
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?state=done&page=-1", 1, &a),
	    422);
	ck_xpath_eq(&a, "string(/page/error/@code)", "BAD_PAGE");
	answer_free(&a);
}
END_TEST

static Suite *
history_http_suite(void)
{
	Suite	*s = suite_create("history_http");
	TCase	*tc = tcase_create("pages");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, print_pages);
	tcase_add_test(tc, home_pages);
	tcase_add_test(tc, review_record_total);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(history_http_suite)
