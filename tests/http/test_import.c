/*
 * test_import.c: a large batch upload through nginx (lib/batch.c import
 * jobs, docs/HTTP.md "Uploads with progress").  A 3,000-row 批量减员 of
 * demo-b: the upload answers 303 to /jianyuan/batch/import?job=J at
 * once; the progress page shows the job running with its counters; the
 * worker importing it is stopped mid-import and killed (SIGKILL), and
 * while nobody runs the job its task refuses 提交 and 删除 (409) and its
 * page leads to the progress; the same form POSTed again shows the same
 * job; another unit's browser gets 404; the next look at the progress
 * takes the job up again (lease) and it ends with every row counted
 * exactly once: 2,998 rows stored, 2 failed (a person not insured here,
 * a 身份证号 repeated in the file), no row lost or stored twice.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"
#include "xlsx.h"

#define IMP_ROWS	3000	/* data rows of the file */
#define IMP_PEOPLE	2998	/* persons made: rows 1..2998 good */
#define IMP_REGION	"420111"
#define IMP_SEQ		"777"

/* The hall's local time (UTC+8) of now + secs as the clock file wants. */
static void
hall_time(long secs, char buf[32])
{
	time_t		 t = time(NULL) + 8 * 3600 + secs;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Pins the clock to now (in 10 minutes when the hall's day is about to
 * end) and makes the annual wage declarations 减员 may ask for. */
static void
pin_clock(char today[11])
{
	char		 when[32];
	long		 sod = (long)((time(NULL) + 8 * 3600) % 86400);

	hall_time(sod > 86400 - 900 ? 960 : 0, when);
	set_clock(when);
	snprintf(today, 11, "%.10s", when);
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
}

/* The 身份证号 of made person i (1..): region, born i days after
 * 1970-01-01, sequence seq, and its check digit (GB 11643). */
static void
imp_idno(int i, const char *seq, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
	    5, 8, 4, 2 };
	time_t		 t = (time_t)i * 86400;
	struct tm	 tm;
	int		 k, sum = 0;

	gmtime_r(&t, &tm);
	snprintf(out, 19, "%s%04d%02d%02d%s", IMP_REGION, tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, seq);
	for (k = 0; k < 17; k++)
		sum += (out[k] - '0') * w[k];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* The SQL of the check digit of the 17 digits in column d. */
#define IMP_CHECK \
	"substr('10X98765432', (" \
	"CAST(substr(d,1,1) AS INTEGER)*7 + CAST(substr(d,2,1) AS INTEGER)*9 + " \
	"CAST(substr(d,3,1) AS INTEGER)*10 + CAST(substr(d,4,1) AS INTEGER)*5 + " \
	"CAST(substr(d,5,1) AS INTEGER)*8 + CAST(substr(d,6,1) AS INTEGER)*4 + " \
	"CAST(substr(d,7,1) AS INTEGER)*2 + CAST(substr(d,8,1) AS INTEGER)*1 + " \
	"CAST(substr(d,9,1) AS INTEGER)*6 + CAST(substr(d,10,1) AS INTEGER)*3 + " \
	"CAST(substr(d,11,1) AS INTEGER)*7 + CAST(substr(d,12,1) AS INTEGER)*9 + " \
	"CAST(substr(d,13,1) AS INTEGER)*10 + CAST(substr(d,14,1) AS INTEGER)*5 + " \
	"CAST(substr(d,15,1) AS INTEGER)*8 + CAST(substr(d,16,1) AS INTEGER)*4 + " \
	"CAST(substr(d,17,1) AS INTEGER)*2" \
	") %% 11 + 1, 1)"

/* Makes IMP_PEOPLE persons of demo-b's unit, as the benchmark's are:
 * insured (参保缴费, paid to last month), their 退工 done yesterday. */
static void
make_people(void)
{
	char	 q[2048];

	snprintf(q, sizeof(q), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < %d), b(i, day, d) AS (SELECT i, "
	    "date('1970-01-01', '+' || i || ' days'), '%s' || strftime("
	    "'%%Y%%m%%d', '1970-01-01', '+' || i || ' days') || '%s' FROM n) "
	    "INSERT INTO persons (idno, name, sex, birth) SELECT d || "
	    IMP_CHECK ", '导入测' || printf('%%04d', i), '男', day FROM b",
	    IMP_PEOPLE, IMP_REGION, IMP_SEQ);
	db_exec(q);
	db_exec("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, registered_at, status, ended_at) SELECT p.id, "
	    "a.unit_id, 'IMP-' || p.id, '2020-01-01', '2020-01-01', '已退工', "
	    "date('now', '+8 hours', '-1 day') FROM persons p, accounts a "
	    "WHERE a.username = 'demo-b' AND p.idno LIKE '" IMP_REGION
	    "%" IMP_SEQ "_' AND p.name LIKE '导入测%'");
	db_exec("INSERT INTO insurance (person_id, unit_id, sb_no, "
	    "start_month, status, last_paid_month, contrib_months) SELECT "
	    "p.id, a.unit_id, 'IMP' || p.id, '2020-01', '参保缴费', strftime("
	    "'%Y-%m', 'now', '+8 hours', 'start of month', '-1 month'), 60 "
	    "FROM persons p, accounts a WHERE a.username = 'demo-b' AND "
	    "p.idno LIKE '" IMP_REGION "%" IMP_SEQ "_' AND p.name LIKE "
	    "'导入测%'");
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM insurance i JOIN "
	    "persons p ON p.id = i.person_id WHERE p.name LIKE '导入测%'"),
	    IMP_PEOPLE);
}

/* Writes the 3,000-row 批量减员 workbook to path: persons 1..2998,
 * then one nobody insured here, then person 1 again. */
static void
write_file(const char *path, const char *today)
{
	static const char *const header[5] = {
		"姓名", "社会保障号码", "减少原因", "变更日期", "备注"
	};
	const char *const	**all;
	const char		**cells;
	char			(*names)[16], (*ids)[19];
	unsigned char		*buf;
	size_t			 sz;
	int			 i, who;
	FILE			*f;

	all = calloc(IMP_ROWS + 1, sizeof(*all));
	cells = calloc((size_t)IMP_ROWS * 5, sizeof(*cells));
	names = calloc(IMP_ROWS, sizeof(*names));
	ids = calloc(IMP_ROWS, sizeof(*ids));
	ck_assert(all != NULL && cells != NULL && names != NULL && ids != NULL);
	all[0] = header;
	for (i = 0; i < IMP_ROWS; i++) {
		who = i < IMP_PEOPLE ? i + 1 : 1;
		snprintf(names[i], sizeof(names[i]), "导入测%04d", who);
		imp_idno(who, i == IMP_PEOPLE ? "778" : IMP_SEQ, ids[i]);
		cells[i * 5 + 0] = names[i];
		cells[i * 5 + 1] = ids[i];
		cells[i * 5 + 2] = "停缴费";
		cells[i * 5 + 3] = today;
		cells[i * 5 + 4] = "";
		all[i + 1] = &cells[i * 5];
	}
	ck_assert_int_eq(xlsx_write("批量减员", all, IMP_ROWS + 1, 5, &buf,
	    &sz), 0);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(buf, 1, sz, f), sz);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);
	free(all);
	free(cells);
	free(names);
	free(ids);
}

/* A fresh one-time token of the 批量减员 page of b into tok[64]. */
static void
batch_token(struct browser *b, char tok[64])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/jianyuan/batch", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 64, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs the file with token tok; the answer's status, location into
 * loc[512]. */
static long
upload(struct browser *b, const char *file, const char *tok, char loc[512])
{
	struct part	 p[2];
	struct answer	 a;
	long		 st;

	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = file;
	st = http_post_multipart(b, "/jianyuan/batch/upload", 1, p, 2, &a);
	/* The path of the location (it may be a whole URL). */
	snprintf(loc, 512, "%s", strstr(a.location, "/jianyuan") != NULL ?
	    strstr(a.location, "/jianyuan") : a.location);
	answer_free(&a);
	return st;
}

/* POSTs id (and row when > 0) to path; returns the status and checks
 * the refusal's code when code is not NULL. */
static long
post_task(struct browser *b, const char *path, long long id, int row,
    const char *code)
{
	struct answer	 a;
	char		 ids[24], rows[24], want[64];
	long		 st;

	snprintf(ids, sizeof(ids), "%lld", id);
	snprintf(rows, sizeof(rows), "%d", row);
	st = row > 0 ? http_post(b, path, 1, &a, "id", ids, "row", rows, NULL) :
	    http_post(b, path, 1, &a, "id", ids, NULL);
	if (code != NULL) {
		snprintf(want, sizeof(want), "%s", code);
		ck_xpath_eq(&a, "string(/page/error/@code)", want);
	}
	answer_free(&a);
	return st;
}

/* Sleeps ms milliseconds. */
static void
nap_ms(long ms)
{
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* The job's committed column col. */
static long long
job_col(long long job, const char *col)
{
	char	 q[160];

	snprintf(q, sizeof(q), "SELECT %s FROM batch_jobs WHERE id = %lld",
	    col, job);
	return db_int(q);
}

START_TEST(import_3000_rows_progress_killed_worker_resumed)
{
	struct browser	 b, other;
	struct answer	 a;
	char		 today[11], file[256], tok[64], loc[512], loc2[512];
	char		 path[160], q[512], want[128];
	long long	 job, task, holder, done;
	int		 i, polls, running_seen = 0;

	pin_clock(today);
	make_people();
	snprintf(file, sizeof(file), "%s/import-3000.xlsx",
	    getenv("HALL_TEST_VAR"));
	write_file(file, today);
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	batch_token(&b, tok);

	/* The upload is acknowledged at once: 303 to its progress. */
	ck_assert_int_eq(upload(&b, file, tok, loc), 303);
	ck_assert_msg(strstr(loc, "/jianyuan/batch/import?job=") != NULL,
	    "location %s", loc);
	job = atoll(strstr(loc, "job=") + 4);
	ck_assert_int_gt(job, 0);
	/* Stop the worker importing it, once it has stored some rows. */
	holder = job_col(job, "lease_pid");
	ck_assert_int_gt(holder, 1);
	ck_assert_int_eq(kill((pid_t)holder, SIGSTOP), 0);
	task = job_col(job, "task_id");
	ck_assert_int_eq(job_col(job, "rows"), IMP_ROWS);
	for (i = 0; i < 3000 && (done = job_col(job, "done")) == 0; i++) {
		ck_assert_int_eq(kill((pid_t)holder, SIGCONT), 0);
		nap_ms(5);
		ck_assert_int_eq(kill((pid_t)holder, SIGSTOP), 0);
	}
	done = job_col(job, "done");
	ck_assert_msg(done > 0 && done < IMP_ROWS, "stopped at row %lld", done);

	/* The progress while it runs (its holder alive): the counters. */
	ck_assert_int_eq(http_get(&b, loc, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-import");
	ck_xpath_eq(&a, "string(/page/import/@state)", "running");
	snprintf(want, sizeof(want), "%lld", done);
	ck_xpath_eq(&a, "string(/page/import/@done)", want);
	ck_xpath_eq(&a, "string(/page/import/@rows)", "3000");
	snprintf(want, sizeof(want), "%lld", task);
	ck_xpath_eq(&a, "string(/page/import/@task)", want);
	answer_free(&a);
	running_seen = 1;
	/* As a browser sees it: it reloads itself, no script needed. */
	ck_assert_int_eq(http_get(&b, loc, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body,
	    "<meta http-equiv=\"refresh\" content=\"2\">"));
	ck_assert_ptr_nonnull(strstr(a.body, "正在导入"));
	answer_free(&a);

	/* The worker dies mid-import; its chunk is rolled back. */
	ck_assert_int_eq(kill((pid_t)holder, SIGKILL), 0);
	for (i = 0; i < 500 && kill((pid_t)holder, 0) == 0; i++)
		nap_ms(10);
	ck_assert_int_eq(job_col(job, "state = 'running'"), 1);
	ck_assert_int_eq(job_col(job, "done"), done);

	/* Nobody runs it now: the task waits for its rows. */
	ck_assert_int_eq(post_task(&b, "/jianyuan/submit", task, 0,
	    "IMPORTING"), 409);
	ck_assert_int_eq(post_task(&b, "/jianyuan/cancel", task, 0,
	    "IMPORTING"), 409);
	/* 退单 from 业务状态 (/home) is the same 退单. */
	ck_assert_int_eq(post_task(&b, "/home/cancel", task, 0,
	    "IMPORTING"), 409);
	ck_assert_int_eq(job_col(job, "(SELECT state = '未提交' FROM tasks "
	    "WHERE id = task_id)"), 1);
	ck_assert_int_eq(post_task(&b, "/jianyuan/batch/delete", task, 2,
	    "IMPORTING"), 409);
	snprintf(path, sizeof(path), "/jianyuan?id=%lld", task);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, loc));
	answer_free(&a);

	/* The same form again: the same job, no second task. */
	ck_assert_int_eq(upload(&b, file, tok, loc2), 303);
	ck_assert_str_eq(loc2, loc);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM batch_jobs WHERE "
	    "task_id = %lld", task);
	ck_assert_int_eq(db_int(q), 1);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM tasks WHERE unit_id = "
	    "(SELECT unit_id FROM tasks WHERE id = %lld) AND dedup_key = "
	    "(SELECT dedup_key FROM tasks WHERE id = %lld)", task, task);
	ck_assert_int_eq(db_int(q), 1);

	/* Another unit's browser: no such job; nor a malformed one. */
	browser_init(&other, "unit-a");
	ck_assert_int_eq(login(&other, "demo-a"), 0);
	ck_assert_int_eq(http_get(&other, loc, 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&other, "/jianyuan/batch/import?job=x", 1,
	    &a), 404);
	answer_free(&a);
	ck_assert_int_eq(job_col(job, "lease_pid"), holder);

	/* The next look takes the job up again; it ends at its result. */
	for (polls = 0; polls < 1200; polls++) {
		if (http_get(&b, loc, 1, &a) == 303)
			break;
		ck_assert_int_eq(a.status, 200);
		ck_xpath_eq(&a, "string(/page/import/@state)", "running");
		answer_free(&a);
		nap_ms(100);
	}
	ck_assert_int_lt(polls, 1200);
	snprintf(want, sizeof(want), "/jianyuan/batch/result?id=%lld"
	    "&done=imported", task);
	ck_assert_msg(strstr(a.location, want) != NULL, "location %s",
	    a.location);
	answer_free(&a);
	ck_assert_int_eq(job_col(job, "claims"), 2);
	ck_assert_int_ne(job_col(job, "lease_pid"), holder);
	ck_assert_int_eq(job_col(job, "cells IS NULL"), 1);
	/* The workbook as sent (names, 身份证号) was never kept; the audit
	 * has its size and digest. */
	ck_assert_int_eq(job_col(job, "file IS NULL"), 1);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit WHERE action = "
	    "'batch.upload' AND object = 'task:%lld' AND detail LIKE "
	    "'%% bytes=%% sha256=%%'", task);
	ck_assert_int_eq(db_int(q), 1);
	ck_assert_int_eq(job_col(job, "state = 'done' AND done = 3000 AND "
	    "ok = 2998 AND failed = 2"), 1);

	/* The result: every row counted once. */
	ck_assert_int_eq(http_get(&b, want, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "2998");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "2");
	ck_xpath_eq(&a, "string(/page/message)",
	    "导入完成:共 3000 行,成功 2998 行,失败 2 行");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"), 2);
	ck_xpath_eq(&a, "string(/page/failures/failure[@row = '3001']"
	    "/@reasons)", "同一文件中身份证号重复(与第2行)");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT COUNT(*) || ',' || COUNT(DISTINCT "
	    "row_no) || ',' || COUNT(DISTINCT person_id) || ',' || MIN(row_no) "
	    "|| ',' || MAX(row_no) FROM jianyuan WHERE task_id = %lld", task);
	{
		char *v = db_query(q);

		ck_assert_ptr_nonnull(v);
		ck_assert_str_eq(v, "2998,2998,2998,2,2999");
		free(v);
	}
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM (SELECT row_no FROM "
	    "jianyuan WHERE task_id = %lld UNION SELECT row_no FROM "
	    "batch_failures WHERE task_id = %lld)", task, task);
	ck_assert_int_eq(db_int(q), IMP_ROWS);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM batch_failures WHERE "
	    "task_id = %lld", task);
	ck_assert_int_eq(db_int(q), 2);
	snprintf(q, sizeof(q), "SELECT summary FROM tasks WHERE id = %lld",
	    task);
	{
		char *v = db_query(q);

		ck_assert_ptr_nonnull(v);
		ck_assert_str_eq(v, "批量导入 2998 人");
		free(v);
	}
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM audit WHERE "
	    "action = 'batch.import' AND detail LIKE '%ok=2998 failed=2%'"), 1);

	/* The same form once more, now the job is done: a repeat. */
	ck_assert_int_eq(upload(&b, file, tok, loc2), 303);
	snprintf(want, sizeof(want), "/jianyuan?id=%lld&repeat=1", task);
	ck_assert_str_eq(loc2, want);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM jianyuan WHERE "
	    "task_id = %lld", task);
	ck_assert_int_eq(db_int(q), IMP_PEOPLE);

	/* Done: the task takes a 删除 and a 退单 again (which also frees
	 * the persons for other tests). */
	ck_assert_int_eq(post_task(&b, "/jianyuan/batch/delete", task, 2,
	    NULL), 303);
	ck_assert_int_eq(post_task(&b, "/jianyuan/cancel", task, 0, NULL), 303);
	ck_assert(running_seen);
}
END_TEST

static Suite *
import_suite(void)
{
	Suite	*s = suite_create("import");
	TCase	*tc;

	tc = tcase_create("job");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, import_3000_rows_progress_killed_worker_resumed);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(import_suite)
