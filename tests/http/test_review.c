/*
 * test_review.c: the reviewer desk shows every person [issue 7 item 6],
 * through the real nginx with client certificates: a 减员 of three
 * persons of the 普通 unit demo-b, each with a file of their own,
 * appears as a table of persons with their files beside them, openable
 * in the browser (inline, the file's type) and downloadable, a page of
 * 100 persons at a time; a partial
 * decision sends one person back with a reason and approves the other
 * two (their insurance is 暂停缴费 at once), the unit sees the person
 * and the reason in a new 未提交 task and submits it again; the
 * refusals of a partial decision change nothing; 批量审核通过 with
 * nothing ticked says so; the queue is searched by USCC, unit name,
 * 业务顺序号 and submission date, a bad criterion answered in Chinese;
 * a task's persons are found by 身份证号, and the reviewer's marks of
 * persons 不通过 made on page 1, on page 3 and on a search are kept
 * across pages, shown, unmarked, and all reach wf_partial at 「保存」.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>


#include "../suites.h"
#include "client.h"
#include "store.h"

#define PDF	"unit/fixtures/files/ok.pdf"
#define JPG	"unit/fixtures/files/ok.jpg"

/* The hall's local time (UTC+8) of now + secs as the clock file wants. */
static void
hall_time(long secs, char buf[32])
{
	time_t		 t = time(NULL) + 8 * 3600 + secs;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Pins the clock to now (5 minutes on when the hall's day is about to
 * end) and makes the annual wage declarations the 12-21..01-15 window
 * asks for, so that a 减员 is allowed on any date. */
static void
desk_clock(void)
{
	char	 when[32];
	long	 sod = (long)((time(NULL) + 8 * 3600) % 86400);

	hall_time(sod > 86400 - 300 ? 360 : 0, when);
	set_clock(when);
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
}

/* A 减员 task of demo-b. */
struct batch {
	char	 id[24];		/* the task */
	char	 pid[3][24];		/* its persons, rows 1..3 */
	char	 idno[3][19];
};

/* Uploads file as person pid's rule-4 proof to task id as b. */
static void
upload(struct browser *b, const char *id, const char *pid, const char *file)
{
	struct answer	 a;
	struct part	 parts[4];

	memset(parts, 0, sizeof(parts));
	parts[0].name = "id";
	parts[0].value = id;
	parts[1].name = "pid";
	parts[1].value = pid;
	parts[2].name = "material";
	parts[2].value = "jiechu_guanxi_zhengming";
	parts[3].name = "file";
	parts[3].file = file;
	ck_assert_int_eq(http_post_multipart(b, "/jianyuan/upload", 1, parts,
	    4, &a), 303);
	answer_free(&a);
}

/* Saves a 停缴费 of n (1..3) new persons of demo-b in one task as u,
 * gives each a file of their own (the first a PDF, the second a JPG,
 * the third a PDF) and submits it: a 进行中 task of a 普通 unit. */
static void
batch_task(struct browser *u, size_t n, struct batch *bt)
{
	struct answer	 a;
	char		 today[32], *tok;
	const char	*p;
	size_t		 i;

	memset(bt, 0, sizeof(*bt));
	for (i = 0; i < n; i++)
		ck_assert_int_eq(make_insured("demo-b", i == 1 ? "审核乙" :
		    i == 2 ? "审核丙" : "审核甲", bt->pid[i], bt->idno[i]), 0);
	ck_assert_int_eq(http_get(u, "/jianyuan", 1, &a), 200);
	tok = xpath_str(&a, "string(/page/form/@token)");
	answer_free(&a);
	hall_time(0, today);
	today[10] = '\0';
	ck_assert_int_eq(http_post(u, "/jianyuan/save", 1, &a, "reason",
	    "停缴费", "change_date", today, "token", tok, "pid", bt->pid[0],
	    n > 1 ? "pid" : NULL, bt->pid[1], n > 2 ? "pid" : NULL,
	    bt->pid[2], NULL), 303);
	free(tok);
	ck_assert_ptr_nonnull(p = strstr(a.location, "id="));
	snprintf(bt->id, sizeof(bt->id), "%lld", atoll(p + 3));
	answer_free(&a);
	for (i = 0; i < n; i++)
		upload(u, bt->id, bt->pid[i], i == 1 ? JPG : PDF);
	ck_assert_int_eq(http_post(u, "/jianyuan/submit", 1, &a, "id",
	    bt->id, NULL), 303);
	answer_free(&a);
}

/* A logged-in reviewer and unit demo-b. */
static void
desk_login(struct browser *u, struct browser *r)
{
	browser_init(u, "unit-b");
	ck_assert_int_eq(login(u, "demo-b"), 0);
	browser_init(r, "reviewer");
	ck_assert_int_eq(login(r, "demo-reviewer"), 0);
}

/* The insurance status of person pid. */
static char *
insurance_of(const char *pid)
{
	char	 q[128];

	snprintf(q, sizeof(q), "SELECT status FROM insurance WHERE "
	    "person_id = %s", pid);
	return db_query(q);
}

/* Asserts the insurance status of person pid. */
static void
ck_insurance(const char *pid, const char *want)
{
	char	*v = insurance_of(pid);

	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, want);
	free(v);
}

/* A file's id: attachment of person pid in task id. */
static long long
file_of(const char *id, const char *pid)
{
	char	 q[160];

	snprintf(q, sizeof(q), "SELECT id FROM attachments WHERE task_id = %s "
	    "AND person_id = %s", id, pid);
	return db_int(q);
}

START_TEST(review_persons_with_files)
{
	struct browser	 u, r;
	struct answer	 a;
	struct batch	 bt;
	char		 path[128], x[256], fid[24];
	size_t		 i;

	desk_clock();
	desk_login(&u, &r);
	batch_task(&u, 3, &bt);
	snprintf(path, sizeof(path), "/review/task?id=%s", bt.id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@total)", "3");
	ck_xpath_eq(&a, "string(/page/persons/@partial)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 3);
	ck_xpath_eq(&a, "string(/page/persons/person[2]/@name)", "审核乙");
	for (i = 0; i < 3; i++) {
		snprintf(x, sizeof(x), "string(/page/persons/person[@row = "
		    "'%zu']/@idno)", i + 1);
		ck_xpath_eq(&a, x, bt.idno[i]);
		snprintf(x, sizeof(x), "string(/page/persons/person[@row = "
		    "'%zu']/@person)", i + 1);
		ck_xpath_eq(&a, x, bt.pid[i]);
		/* Exactly one file of theirs, named by its person. */
		snprintf(x, sizeof(x), "/page/attachments/attachment[@person "
		    "= '%s']", bt.pid[i]);
		ck_assert_int_eq(xpath_count(&a, x), 1);
	}
	ck_xpath_eq(&a, "string(/page/persons/person[1]/fact[1]/@label)",
	    "减少原因");
	ck_xpath_eq(&a, "string(/page/persons/person[1]/fact[1])", "停缴费");
	ck_xpath_eq(&a, "string(/page/persons/person[1]/fact[2]/@label)",
	    "变更日期");
	ck_xpath_eq(&a, "string(/page/persons/person[1]/fact[3]/@label)",
	    "停缴月份");
	snprintf(x, sizeof(x), "string(/page/attachments/attachment[@person "
	    "= '%s']/@mime)", bt.pid[1]);
	ck_xpath_eq(&a, x, "image/jpeg");
	answer_free(&a);
	/* The HTML: each person's file beside them, to open or download. */
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	snprintf(x, sizeof(x), "href=\"/review/attachment?id=%lld&amp;"
	    "inline=1\" target=\"_blank\"", file_of(bt.id, bt.pid[1]));
	ck_assert_ptr_nonnull(strstr(a.body, x));
	ck_assert_ptr_nonnull(strstr(a.body, "<th>停缴月份</th>"));
	ck_assert_ptr_nonnull(strstr(a.body, "name=\"reason_3\""));
	answer_free(&a);
	/* Shown in place with its type; downloaded by default. */
	snprintf(path, sizeof(path), "/review/attachment?id=%lld&inline=1",
	    file_of(bt.id, bt.pid[0]));
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	ck_assert_str_eq(a.ctype, "application/pdf");
	ck_assert_msg(strncmp(a.disposition, "inline;", 7) == 0, "%s",
	    a.disposition);
	ck_assert(a.nosniff);
	ck_assert_int_eq(memcmp(a.body, "%PDF-", 5), 0);
	answer_free(&a);
	snprintf(fid, sizeof(fid), "%lld", file_of(bt.id, bt.pid[1]));
	snprintf(path, sizeof(path), "/review/attachment?id=%s&inline=1", fid);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	ck_assert_str_eq(a.ctype, "image/jpeg");
	ck_assert_msg(strncmp(a.disposition, "inline;", 7) == 0, "%s",
	    a.disposition);
	answer_free(&a);
	snprintf(path, sizeof(path), "/review/attachment?id=%s", fid);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	ck_assert_msg(strncmp(a.disposition, "attachment;", 11) == 0, "%s",
	    a.disposition);
	answer_free(&a);
	/* Another value of inline is the download. */
	snprintf(path, sizeof(path), "/review/attachment?id=%s&inline=yes",
	    fid);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	ck_assert_msg(strncmp(a.disposition, "attachment;", 11) == 0, "%s",
	    a.disposition);
	answer_free(&a);
	/* Leave the desk clean. */
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", bt.id,
	    "reason", "测试结束", NULL), 303);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(review_partial_decision)
{
	struct browser	 u, r;
	struct answer	 a;
	struct batch	 bt;
	char		 q[256], path[128], x[256], *nid, *v;
	long long	 file2;

	desk_clock();
	desk_login(&u, &r);
	batch_task(&u, 3, &bt);
	file2 = file_of(bt.id, bt.pid[1]);
	/* Row 2 goes back with its reason; rows 1 and 3 are approved. */
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", bt.id,
	    "row", "2", "reason_1", "", "reason_2",
	    "\xe3\x80\x80工资基数有误,请核对 ", "reason_3", "", NULL), 303);
	ck_assert_str_eq(a.location, "/review?done=partial");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?done=partial", 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind = 'ok']"
	    "[contains(., '部分审核完成')]"), 1);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT state || '|' || decided_by FROM tasks "
	    "WHERE id = %s", bt.id);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(strncmp(v, "结束|", strlen("结束|")), 0);
	ck_assert_str_ne(v, "结束|0");
	free(v);
	/* In effect for the two approved, not for the one sent back. */
	ck_insurance(bt.pid[0], "暂停缴费");
	ck_insurance(bt.pid[2], "暂停缴费");
	ck_insurance(bt.pid[1], "参保缴费");
	/* The new task holds row 2, its file and its reason. */
	snprintf(q, sizeof(q), "SELECT task_id FROM task_row_returns WHERE "
	    "from_task_id = %s", bt.id);
	nid = db_query(q);
	ck_assert_ptr_nonnull(nid);
	ck_assert_str_ne(nid, "");
	snprintf(q, sizeof(q), "SELECT state || '|' || returned || '|' || "
	    "business || '|' || CASE WHEN unit_id = (SELECT unit_id FROM tasks "
	    "WHERE id = %s) THEN 1 ELSE 0 END FROM tasks WHERE id = %s", bt.id,
	    nid);
	v = db_query(q);
	ck_assert_str_eq(v, "未提交|1|jianyuan|1");
	free(v);
	snprintf(q, sizeof(q), "SELECT row_no || '|' || person_id FROM "
	    "jianyuan WHERE task_id = %s", nid);
	v = db_query(q);
	snprintf(x, sizeof(x), "2|%s", bt.pid[1]);
	ck_assert_str_eq(v, x);
	free(v);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM jianyuan WHERE "
	    "task_id = %s", bt.id);
	ck_assert_int_eq(db_int(q), 2);
	ck_assert_int_eq(file_of(nid, bt.pid[1]), file2);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit WHERE action = "
	    "'task.partial' AND object IN ('task:%s', 'task:%s')", bt.id, nid);
	ck_assert_int_eq(db_int(q), 2);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM messages WHERE task_id = "
	    "%s AND body LIKE '%%工资基数有误%%'", nid);
	ck_assert_int_eq(db_int(q), 1);
	/* The unit sees which person came back and why. */
	snprintf(path, sizeof(path), "/home/task?id=%s", nid);
	ck_assert_int_eq(http_get(&u, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@returned)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/returns/return"), 1);
	ck_xpath_eq(&a, "string(/page/returns/return/@row)", "2");
	ck_xpath_eq(&a, "string(/page/returns/return/@name)", "审核乙");
	ck_xpath_eq(&a, "string(/page/returns/return/@idno)", bt.idno[1]);
	ck_xpath_eq(&a, "string(/page/returns/return/@reason)",
	    "工资基数有误,请核对");
	v = xpath_str(&a, "string(/page/task/@reason)");
	ck_assert_ptr_nonnull(strstr(v, "审核乙,工资基数有误,请核对"));
	free(v);
	answer_free(&a);
	ck_assert_int_eq(http_get(&u, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "部分回退的人员"));
	ck_assert_ptr_nonnull(strstr(a.body, "工资基数有误,请核对"));
	answer_free(&a);
	ck_assert_int_eq(http_get(&u, "/home", 1, &a), 200);
	snprintf(x, sizeof(x), "/page/todo/task[@id = '%s'][@returned = '1']",
	    nid);
	ck_assert_int_eq(xpath_count(&a, x), 1);
	answer_free(&a);
	/* ...submits it again, and the reviewer sees the reason too. */
	ck_assert_int_eq(http_post(&u, "/jianyuan/submit", 1, &a, "id", nid,
	    NULL), 303);
	answer_free(&a);
	snprintf(path, sizeof(path), "/review/task?id=%s", nid);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	ck_xpath_eq(&a, "string(/page/returns/return/@reason)",
	    "工资基数有误,请核对");
	/* One person: no partial decision of this one. */
	ck_xpath_eq(&a, "string(/page/persons/@partial)", "0");
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", nid,
	    NULL), 303);
	answer_free(&a);
	ck_insurance(bt.pid[1], "暂停缴费");
	free(nid);
	set_clock(NULL);
}
END_TEST

/* POSTs a partial decision of task id as r (NULL-terminated pairs
 * after id) and asserts 422 with an error on field with code. */
static void
ck_partial_refused(struct browser *r, const char *field, const char *code,
    struct answer *a)
{
	char	 x[160];

	snprintf(x, sizeof(x), "/page/errors/error[@field = '%s'][@code = "
	    "'%s']", field, code);
	ck_assert_msg(xpath_count(a, x) == 1, "no %s %s: %.400s", field, code,
	    a->body);
	ck_xpath_eq(a, "string(/page/@view)", "detail");
}

START_TEST(review_partial_refused)
{
	struct browser	 u, r;
	struct answer	 a;
	struct batch	 bt, one;
	char		 q[256], body[256], *before, *after;

	desk_clock();
	desk_login(&u, &r);
	batch_task(&u, 3, &bt);
	snprintf(q, sizeof(q), "SELECT (SELECT COUNT(*) FROM tasks) || '|' || "
	    "(SELECT COUNT(*) FROM task_events) || '|' || (SELECT COUNT(*) "
	    "FROM jianyuan WHERE task_id = %s) || '|' || (SELECT state FROM "
	    "tasks WHERE id = %s)", bt.id, bt.id);
	before = db_query(q);
	/* Nothing ticked. */
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", bt.id,
	    "reason_1", "有误", NULL), 422);
	ck_partial_refused(&r, "row", "NONE", &a);
	answer_free(&a);
	/* Everyone ticked: that is 回退. */
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", bt.id,
	    "row", "1", "row", "2", "row", "3", "reason_1", "a", "reason_2",
	    "b", "reason_3", "c", NULL), 422);
	ck_partial_refused(&r, "row", "ALL", &a);
	answer_free(&a);
	/* A row not in the task; a bad row number. */
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", bt.id,
	    "row", "9", "reason_9", "有误", NULL), 422);
	ck_partial_refused(&r, "row", "NO_ROW", &a);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", bt.id,
	    "row", "x1", NULL), 422);
	ck_partial_refused(&r, "row", "NO_ROW", &a);
	answer_free(&a);
	/* No reason, U+3000 only; a NUL byte. */
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", bt.id,
	    "row", "2", "reason_2", "\xe3\x80\x80", NULL), 422);
	ck_partial_refused(&r, "reason_2", "REQUIRED", &a);
	/* The ticks and reasons are kept for the next try. */
	ck_xpath_eq(&a, "string(/page/partial/row/@no)", "2");
	answer_free(&a);
	snprintf(body, sizeof(body), "csrf=%s&id=%s&row=2&reason_2=a%%00b",
	    r.csrf, bt.id);
	ck_assert_int_eq(http_post_raw(&r, "/review/partial",
	    "application/x-www-form-urlencoded", body, strlen(body), &a), 422);
	ck_partial_refused(&r, "reason_2", "CHARS", &a);
	answer_free(&a);
	/* The HTML says it beside the row, and keeps the tick. */
	ck_assert_int_eq(http_post_html(&r, "/review/partial", &a, "id", bt.id,
	    "row", "2", "reason_2", "", NULL), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "第2行 审核乙:请填写回退原因"));
	ck_assert_ptr_nonnull(strstr(a.body, "value=\"2\" id=\"r-2\" "
	    "aria-label=\"回退 第2行 审核乙\" checked"));
	answer_free(&a);
	after = db_query(q);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	/* A unit cannot; a task of one person is sent back whole. */
	ck_assert_int_eq(http_post(&u, "/review/partial", 1, &a, "id", bt.id,
	    "row", "2", "reason_2", "x", NULL), 403);
	answer_free(&a);
	batch_task(&u, 1, &one);
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", one.id,
	    "row", "1", "reason_1", "有误", NULL), 422);
	ck_partial_refused(&r, "row", "ALL", &a);
	answer_free(&a);
	/* Decided already: 409. */
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", one.id,
	    NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", one.id,
	    "row", "1", "reason_1", "有误", NULL), 409);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", bt.id,
	    "reason", "测试结束", NULL), 303);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(review_batch_nothing_ticked)
{
	struct browser	 r;
	struct answer	 a;

	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(http_post(&r, "/review/batch-approve", 1, &a, NULL),
	    422);
	ck_xpath_eq(&a, "string(/page/@view)", "queue");
	ck_xpath_eq(&a, "string(/page/message[@kind = 'error'])",
	    "未选择任何业务");
	ck_assert_int_eq(xpath_count(&a, "/page/message[contains(., "
	    "'均已审核通过')]"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_post_html(&r, "/review/batch-approve", &a, NULL),
	    422);
	ck_assert_ptr_nonnull(strstr(a.body, "未选择任何业务"));
	ck_assert_ptr_null(strstr(a.body, "所选业务均已审核通过"));
	answer_free(&a);
}
END_TEST

/* Whether GET /review?query (as XML) lists task id, asserting 200. */
static int
queue_has(struct browser *r, const char *query, const char *id)
{
	struct answer	 a;
	char		 path[512], x[96];
	int		 n;

	snprintf(path, sizeof(path), "/review?%s", query);
	ck_assert_int_eq(http_get(r, path, 1, &a), 200);
	snprintf(x, sizeof(x), "/page/queue/task[@id = '%s']", id);
	n = xpath_count(&a, x);
	answer_free(&a);
	return n == 1;
}

START_TEST(review_queue_search)
{
	struct browser	 u, r;
	struct answer	 a;
	struct batch	 bt;
	char		 q[512], query[512], today[32], tomorrow[32], *seq;
	char		*uscc, *v;

	desk_clock();
	desk_login(&u, &r);
	batch_task(&u, 1, &bt);
	snprintf(q, sizeof(q), "SELECT seq_no FROM tasks WHERE id = %s", bt.id);
	seq = db_query(q);
	uscc = db_query("SELECT u.uscc FROM units u JOIN accounts a ON "
	    "a.unit_id = u.id WHERE a.username = 'demo-b'");
	hall_time(0, today);
	today[10] = '\0';
	hall_time(86400, tomorrow);
	tomorrow[10] = '\0';
	/* By 业务顺序号: that task alone. */
	snprintf(query, sizeof(query), "seq=%s", seq);
	ck_assert(queue_has(&r, query, bt.id));
	snprintf(query, sizeof(query), "/review?seq=%s", seq);
	ck_assert_int_eq(http_get(&r, query, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/queue/@total)", "1");
	ck_xpath_eq(&a, "string(/page/filter/@seq)", seq);
	answer_free(&a);
	/* By USCC, by part of the name, and not another unit's. */
	snprintf(query, sizeof(query), "unit=%s", uscc);
	ck_assert(queue_has(&r, query, bt.id));
	snprintf(query, sizeof(query), "unit=%%E7%%A4%%BA%%E4%%BE%%8B%%E5%%88"
	    "%%B6%%E9%%80%%A0&business=jianyuan");	/* 示例制造 */
	ck_assert(queue_has(&r, query, bt.id));
	ck_assert(!queue_has(&r, "unit=%E6%97%A0%E6%AD%A4%E5%8D%95%E4%BD%8D",
	    bt.id));					/* 无此单位 */
	ck_assert(!queue_has(&r, "unit=91420100000000000X", bt.id));
	/* By submission date, with the business and the USCC. */
	snprintf(query, sizeof(query), "from=%s&to=%s&unit=%s", today, today,
	    uscc);
	ck_assert(queue_has(&r, query, bt.id));
	snprintf(query, sizeof(query), "from=%s&business=jianyuan", tomorrow);
	ck_assert(!queue_has(&r, query, bt.id));
	snprintf(query, sizeof(query), "from=%s&to=%s&business=tuigong",
	    today, today);
	ck_assert(!queue_has(&r, query, bt.id));
	/* The page links keep the search. */
	snprintf(query, sizeof(query), "/review?seq=%s&from=%s", seq, today);
	ck_assert_int_eq(http_get(&r, query, 1, &a), 200);
	v = xpath_str(&a, "string(/page/filter/@query)");
	snprintf(q, sizeof(q), "seq=%s&from=%s", seq, today);
	ck_assert_str_eq(v, q);
	free(v);
	answer_free(&a);
	/* Bad criteria: 422 in Chinese, beside the field, no rows. */
	ck_assert_int_eq(http_get(&r, "/review?from=2026-13-01", 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error[@field = 'from']/@code)",
	    "BAD_DATE");
	ck_xpath_eq(&a, "string(/page/errors/error[@field = 'from'])",
	    "提交日期(起)应为有效日期,格式如 2026-01-31");
	ck_assert_int_eq(xpath_count(&a, "/page/queue/task"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?to=yesterday", 0, &a), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "提交日期(止)应为有效日期"));
	answer_free(&a);
	snprintf(query, sizeof(query), "/review?from=%s&to=2020-01-01", today);
	ck_assert_int_eq(http_get(&r, query, 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "BAD_RANGE");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?seq=1%27%20OR%201=1", 1, &a),
	    422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "BAD_SEQ");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?unit=%FF%FE", 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "BAD_UNIT");
	answer_free(&a);
	/* LIKE's wildcards are plain characters: "%" names no unit. */
	ck_assert(!queue_has(&r, "unit=%25", bt.id));
	/* A name matching too many units is refused. */
	db_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM "
	    "n WHERE i < 501) INSERT OR IGNORE INTO units (uscc, name, "
	    "sb_code) SELECT 'SEARCH' || i, '搜索测试单位' || i, 'SBS' || i "
	    "FROM n");
	ck_assert_int_eq(http_get(&r, "/review?unit=%E6%90%9C%E7%B4%A2", 1,
	    &a), 422);					/* 搜索 */
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "TOO_MANY_UNITS");
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", bt.id,
	    "reason", "测试结束", NULL), 303);
	answer_free(&a);
	free(seq);
	free(uscc);
	set_clock(NULL);
}
END_TEST

START_TEST(review_persons_paged)
{
	struct browser	 r;
	struct answer	 a;
	char		 path[128], *id;

	/* A 进行中 batch of 250 persons (rows written as an import would). */
	db_exec("INSERT INTO tasks (seq_no, business, unit_id, state, summary, "
	    "created_at, submitted_at, updated_at) SELECT 'PERSONS-250', "
	    "'jianyuan', unit_id, '进行中', '分页', 1000, 1000, 1000 FROM "
	    "accounts WHERE username = 'demo-b'");
	id = db_query("SELECT id FROM tasks WHERE seq_no = 'PERSONS-250'");
	ck_assert_ptr_nonnull(id);
	db_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM "
	    "n WHERE i < 250) INSERT INTO jianyuan (task_id, row_no, name, "
	    "idno, reason, change_date, stop_month) SELECT (SELECT id FROM "
	    "tasks WHERE seq_no = 'PERSONS-250'), i, '分页' || i, "
	    "printf('4201021990%08d', i), '停缴费', '2026-11-01', '2026-12' "
	    "FROM n");
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	snprintf(path, sizeof(path), "/review/task?id=%s", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@total)", "250");
	ck_xpath_eq(&a, "string(/page/persons/@pages)", "3");
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 100);
	ck_xpath_eq(&a, "string(/page/persons/person[1]/@row)", "1");
	answer_free(&a);
	snprintf(path, sizeof(path), "/review/task?id=%s&page=3", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 50);
	ck_xpath_eq(&a, "string(/page/persons/person[1]/@row)", "201");
	ck_xpath_eq(&a, "string(/page/persons/person[50]/@name)", "分页250");
	answer_free(&a);
	/* Past the last: the last; not a number: 422. */
	snprintf(path, sizeof(path), "/review/task?id=%s&page=99", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@page)", "3");
	answer_free(&a);
	snprintf(path, sizeof(path), "/review/task?id=%s&page=x", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 422);
	answer_free(&a);
	/* The HTML links the pages. */
	snprintf(path, sizeof(path), "/review/task?id=%s", id);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	snprintf(path, sizeof(path), "href=\"/review/task?id=%s&amp;page=2\" "
	    "rel=\"next\"", id);
	ck_assert_ptr_nonnull(strstr(a.body, path));
	answer_free(&a);
	db_exec("UPDATE tasks SET state = '退单' WHERE seq_no = 'PERSONS-250'");
	free(id);
}
END_TEST

/* The number of marks of task id in the store. */
static long long
marks_of(const char *id)
{
	char	 q[128];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM review_marks WHERE "
	    "task_id = %s", id);
	return db_int(q);
}

/* A mark that takes the write lock only after another reviewer's 回退
 * committed (the request read the task 进行中 before): refused 409,
 * nothing stored, so no mark survives into the next round.  A child
 * holds the write lock while it sends the task back, so the mark's
 * request reads the old state and then waits for the lock. */
START_TEST(review_mark_after_return_refused)
{
	struct browser	 u, r;
	struct answer	 a;
	struct batch	 bt;
	char		 q[256], c;
	int		 fd[2], st;
	pid_t		 kid;

	desk_clock();
	desk_login(&u, &r);
	batch_task(&u, 3, &bt);
	ck_assert_int_eq(pipe(fd), 0);
	if ((kid = fork()) == 0) {
		struct store	*db;

		close(fd[0]);
		if ((db = store_open(getenv("HALL_TEST_DB"),
		    STORE_NOMIGRATE)) == NULL)
			_exit(1);
		snprintf(q, sizeof(q), "UPDATE tasks SET "
		    "state = '未提交', returned = 1, return_reason = '有误' "
		    "WHERE id = %s; DELETE FROM review_marks WHERE task_id = "
		    "%s;", bt.id, bt.id);
		if (store_begin(db) != 0 || store_exec_sql(db, q) != 0 ||
		    write(fd[1], "x", 1) != 1)
			_exit(1);
		usleep(1500 * 1000);
		_exit(store_commit(db) == 0 ? 0 : 1);
	}
	ck_assert_int_gt(kid, 0);
	close(fd[1]);
	ck_assert_int_eq(read(fd[0], &c, 1), 1);
	close(fd[0]);
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", bt.id,
	    "page", "1", "row", "1", "reason_1", "工资有误", NULL), 409);
	answer_free(&a);
	ck_assert_int_eq(waitpid(kid, &st, 0), kid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_int_eq(marks_of(bt.id), 0);
}
END_TEST

START_TEST(review_marks_reach_partial)
{
	struct browser	 u, r;
	struct answer	 a;
	struct batch	 bt, one;
	char		 q[256], path[160], padded[64], *nid, *v;

	desk_clock();
	desk_login(&u, &r);
	batch_task(&u, 3, &bt);
	/* Row 1 marked on page 1. */
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", bt.id,
	    "page", "1", "row", "1", "reason_1", "  身份证号与姓名不符 ",
	    NULL), 303);
	snprintf(path, sizeof(path), "/review/task?id=%s&page=1&done=marked",
	    bt.id);
	ck_assert_str_eq(a.location, path);
	answer_free(&a);
	/* Row 3 found by its 身份证号 (typed with spaces around, the
	 * full-width one too) and marked on the search result. */
	snprintf(padded, sizeof(padded), "%%E3%%80%%80%s%%20", bt.idno[2]);
	snprintf(path, sizeof(path), "/review/task?id=%s&idno=%s", bt.id,
	    padded);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@view)", "find");
	ck_xpath_eq(&a, "string(/page/persons/@idno)", bt.idno[2]);
	ck_xpath_eq(&a, "string(/page/persons/@total)", "1");
	ck_xpath_eq(&a, "string(/page/persons/@all)", "3");
	ck_xpath_eq(&a, "string(/page/persons/@marks)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 1);
	ck_xpath_eq(&a, "string(/page/persons/person/@row)", "3");
	ck_xpath_eq(&a, "string(/page/persons/person/@name)", "审核丙");
	ck_xpath_eq(&a, "string(/page/persons/person/fact[1])", "停缴费");
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", bt.id,
	    "idno", bt.idno[2], "row", "3", "reason_3", "工资有误", NULL), 303);
	snprintf(path, sizeof(path), "/review/task?id=%s&idno=%s&done=marked",
	    bt.id, bt.idno[2]);
	ck_assert_str_eq(a.location, path);
	answer_free(&a);
	ck_assert_int_eq(marks_of(bt.id), 2);
	/* A row not on the view posted (row 2 is not row 3's search): 422,
	 * nothing marked; a mark without a reason: 422 beside it. */
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", bt.id,
	    "idno", bt.idno[2], "row", "2", "reason_2", "有误", NULL), 422);
	ck_partial_refused(&r, "row", "NO_ROW", &a);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", bt.id,
	    "page", "1", "row", "2", "reason_2", "\xe3\x80\x80", NULL), 422);
	ck_partial_refused(&r, "reason_2", "REQUIRED", &a);
	ck_xpath_eq(&a, "string(/page/partial/row/@no)", "2");
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", bt.id,
	    "page", "1", NULL), 422);
	ck_partial_refused(&r, "row", "NONE", &a);
	answer_free(&a);
	ck_assert_int_eq(marks_of(bt.id), 2);
	/* A unit cannot mark. */
	ck_assert_int_eq(http_post(&u, "/review/mark", 1, &a, "id", bt.id,
	    "page", "1", "row", "2", "reason_2", "x", NULL), 403);
	answer_free(&a);
	/* Page 1 shows both marks, ticked with their reasons. */
	snprintf(path, sizeof(path), "/review/task?id=%s", bt.id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@marks)", "2");
	ck_xpath_eq(&a, "string(/page/persons/person[@row = '1']/@marked)",
	    "1");
	ck_xpath_eq(&a, "string(/page/persons/person[@row = '1']/"
	    "@mark-reason)", "身份证号与姓名不符");
	ck_xpath_eq(&a, "string(/page/persons/person[@row = '2']/@marked)", "");
	ck_xpath_eq(&a, "string(/page/persons/person[@row = '3']/"
	    "@mark-reason)", "工资有误");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "value=\"3\" id=\"r-3\" "
	    "aria-label=\"回退 第3行 审核丙\" checked"));
	ck_assert_ptr_nonnull(strstr(a.body, "formaction=\"/review/unmark\" "
	    "name=\"unmark\" value=\"1\""));
	ck_assert_ptr_nonnull(strstr(a.body, "已标记不通过(2 人)"));
	answer_free(&a);
	/* The marked view lists them. */
	snprintf(path, sizeof(path), "/review/task?id=%s&marked=1", bt.id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@view)", "marked");
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 2);
	ck_xpath_eq(&a, "string(/page/persons/person[2]/@idno)", bt.idno[2]);
	answer_free(&a);
	/* 「保存」 with nothing ticked on the form: both marks go back. */
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", bt.id,
	    NULL), 303);
	ck_assert_str_eq(a.location, "/review?done=partial");
	answer_free(&a);
	ck_assert_int_eq(marks_of(bt.id), 0);
	snprintf(q, sizeof(q), "SELECT state FROM tasks WHERE id = %s", bt.id);
	v = db_query(q);
	ck_assert_str_eq(v, "结束");
	free(v);
	ck_insurance(bt.pid[1], "暂停缴费");
	ck_insurance(bt.pid[0], "参保缴费");
	ck_insurance(bt.pid[2], "参保缴费");
	snprintf(q, sizeof(q), "SELECT group_concat(row_no || ':' || reason, "
	    "'|') FROM (SELECT row_no, reason FROM task_row_returns WHERE "
	    "from_task_id = %s ORDER BY row_no)", bt.id);
	v = db_query(q);
	ck_assert_str_eq(v, "1:身份证号与姓名不符|3:工资有误");
	free(v);
	snprintf(q, sizeof(q), "SELECT task_id FROM task_row_returns WHERE "
	    "from_task_id = %s LIMIT 1", bt.id);
	nid = db_query(q);
	snprintf(q, sizeof(q), "SELECT group_concat(row_no, ',') FROM (SELECT "
	    "row_no FROM jianyuan WHERE task_id = %s ORDER BY row_no)", nid);
	v = db_query(q);
	ck_assert_str_eq(v, "1,3");
	free(v);
	/* Decided: marking is 409. */
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", bt.id,
	    "page", "1", "row", "2", "reason_2", "有误", NULL), 409);
	answer_free(&a);
	/* A task of one person is not decided in part. */
	batch_task(&u, 1, &one);
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", one.id,
	    "page", "1", "row", "1", "reason_1", "有误", NULL), 422);
	ck_partial_refused(&r, "row", "NO_PARTIAL", &a);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", one.id,
	    "reason", "测试结束", NULL), 303);
	answer_free(&a);
	free(nid);
	set_clock(NULL);
}
END_TEST

START_TEST(review_marks_paged)
{
	struct browser	 r;
	struct answer	 a;
	char		 path[160], *id;

	db_exec("INSERT INTO tasks (seq_no, business, unit_id, state, summary, "
	    "created_at, submitted_at, updated_at) SELECT 'MARKS-250', "
	    "'jianyuan', unit_id, '进行中', '标记', 1000, 1000, 1000 FROM "
	    "accounts WHERE username = 'demo-b'");
	id = db_query("SELECT id FROM tasks WHERE seq_no = 'MARKS-250'");
	ck_assert_ptr_nonnull(id);
	db_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM "
	    "n WHERE i < 250) INSERT INTO jianyuan (task_id, row_no, name, "
	    "idno, reason, change_date, stop_month) SELECT (SELECT id FROM "
	    "tasks WHERE seq_no = 'MARKS-250'), i, '标记' || i, "
	    "printf('4201021991%08d', i), '停缴费', '2026-11-01', '2026-12' "
	    "FROM n");
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	/* Marks on page 1, on page 3 and on a search. */
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", id,
	    "page", "1", "row", "5", "reason_5", "甲", NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", id,
	    "page", "3", "row", "230", "reason_230", "乙", NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", id,
	    "idno", "420102199100000120", "row", "120", "reason_120", "丙",
	    NULL), 303);
	answer_free(&a);
	/* A row of page 3 posted from page 1: refused. */
	ck_assert_int_eq(http_post(&r, "/review/mark", 1, &a, "id", id,
	    "page", "1", "row", "231", "reason_231", "丁", NULL), 422);
	ck_partial_refused(&r, "row", "NO_ROW", &a);
	answer_free(&a);
	ck_assert_int_eq(marks_of(id), 3);
	/* Page 2 shows the count and its own marked row. */
	snprintf(path, sizeof(path), "/review/task?id=%s&page=2", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@marks)", "3");
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person[@marked = "
	    "'1']"), 1);
	ck_xpath_eq(&a, "string(/page/persons/person[@marked = '1']/@row)",
	    "120");
	answer_free(&a);
	/* Unmark one (twice: the second changes nothing). */
	ck_assert_int_eq(http_post(&r, "/review/unmark", 1, &a, "id", id,
	    "page", "3", "unmark", "230", NULL), 303);
	snprintf(path, sizeof(path), "/review/task?id=%s&page=3&done=unmarked",
	    id);
	ck_assert_str_eq(a.location, path);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/unmark", 1, &a, "id", id,
	    "page", "3", "unmark", "230", NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/unmark", 1, &a, "id", id,
	    "unmark", "x", NULL), 422);
	answer_free(&a);
	ck_assert_int_eq(marks_of(id), 2);
	snprintf(path, sizeof(path), "/review/task?id=%s&marked=1", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@total)", "2");
	ck_xpath_eq(&a, "string(/page/persons/person[1]/@row)", "5");
	ck_xpath_eq(&a, "string(/page/persons/person[2]/@row)", "120");
	ck_xpath_eq(&a, "string(/page/persons/person[2]/@mark-reason)", "丙");
	answer_free(&a);
	/* A malformed 身份证号: 422 beside the box; one not in the task:
	 * nothing found, said so. */
	snprintf(path, sizeof(path), "/review/task?id=%s&idno=4201%%27OR1", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field = 'idno']"
	    "[@code = 'BAD_IDNO']"), 1);
	answer_free(&a);
	snprintf(path, sizeof(path), "/review/task?id=%s&idno="
	    "42010219910000999x", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/persons/@total)", "0");
	ck_xpath_eq(&a, "string(/page/persons/@idno)", "42010219910000999X");
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind = 'warn']"
	    "[contains(., '没有身份证号为')]"), 1);
	answer_free(&a);
	/* Any decision clears the marks. */
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", id,
	    "reason", "测试结束", NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(marks_of(id), 0);
	free(id);
}
END_TEST

static Suite *
review_suite(void)
{
	Suite	*s = suite_create("review");
	TCase	*tc = tcase_create("desk");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, review_persons_with_files);
	tcase_add_test(tc, review_persons_paged);
	tcase_add_test(tc, review_partial_decision);
	tcase_add_test(tc, review_partial_refused);
	tcase_add_test(tc, review_batch_nothing_ticked);
	tcase_add_test(tc, review_queue_search);
	tcase_add_test(tc, review_marks_reach_partial);
	tcase_add_test(tc, review_mark_after_return_refused);
	tcase_add_test(tc, review_marks_paged);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(review_suite)
