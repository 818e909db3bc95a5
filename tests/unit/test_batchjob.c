/*
 * test_batchjob.c: import jobs (lib/batch.c, batch.h "Import jobs")
 * with a test business whose rows go to the tuigong table: a file
 * above the sync limit becomes a job that stores nothing until run,
 * then ends with the same rows, failures and reasons as the same file
 * imported at once; a job's lease is taken only from a holder that is
 * gone or late; a job that fails mid-way has stored whole chunks only
 * (rows = progress), is taken up again and, taken too often, ends
 * failed; one job per dedup key; another unit does not see it.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit.h"
#include "batch.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "xlsx.h"
#include "../suites.h"
#include "helpers.h"

#define NCOLS	4

static struct th_db	 db;
static int64_t		 unit_a, unit_b;
static struct actor	 clerk_a;
static const struct hdate today = { 2026, 11, 22 };

static const char *const columns[] = { "姓名", "身份证号", "退工日期",
    "备注", NULL };

/* The test rule: 姓名 required, a valid 身份证号 and 退工日期; a 备注 of
 * "STOREERR" fails as a store error does. */
static int
bj_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *day, struct form_errors *errs)
{
	struct hdate	 d;

	if (strcmp(cells[3], "STOREERR") == 0)
		return -1;
	if (cells[0][0] == '\0')
		form_error_add(errs, "name", "EMPTY", "姓名必填");
	if (valid_idcard(cells[1], day, NULL) != VALID_OK)
		form_error_add(errs, "idno", "IDCARD", "身份证号无效");
	if (valid_date(cells[2], &d) != VALID_OK)
		form_error_add(errs, "date", "DATE", "退工日期格式错误");
	return 0;
}

/* Stores a minimal tuigong row. */
static int
bj_store(struct store *s, int64_t unit_id, int64_t task_id, int row_no,
    const char *const *cells, size_t ncells, const struct hdate *day)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, "INSERT INTO tuigong (task_id, row_no, name, "
	    "idno, end_date, remark) VALUES (?, ?, ?, ?, ?, ?)")) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_int(st, 2, row_no) ||
	    store_bind_text(st, 3, cells[0]) ||
	    store_bind_text(st, 4, cells[1]) ||
	    store_bind_text(st, 5, cells[2]) ||
	    store_bind_text(st, 6, cells[3]))
		return -1;
	return store_exec_stmt(s, st);
}

/* The row_count hook. */
static int
bj_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, "SELECT COUNT(*) FROM tuigong WHERE task_id = ?1",
	    task_id, 0, n);
}

/* The row_delete hook (not used here). */
static int
bj_row_delete(struct store *s, int64_t task_id, int row_no)
{
	return 1;
}

static const struct wf_business jobbiz = {
	.code = "jobtest", .name = "批量测试", .path = "/jobtest",
	.review_days_min = 1, .review_days_max = 3,
	.row_count = bj_row_count, .row_delete = bj_row_delete,
};

static const struct batch_spec spec = {
	.business = "jobtest", .title = "批量测试", .columns = columns,
	.example = NULL, .name_col = 0, .idno_col = 1,
	.row_check = bj_check, .row_store = bj_store, .wf = &jobbiz,
};

/* A valid 身份证号 for n into buf[19]. */
static void
idno(unsigned n, char buf[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
	    5, 8, 4, 2 };
	int	 i, sum = 0;

	snprintf(buf, 19, "4201061990%02u%02u%03u", 1 + (n / 28000) % 12,
	    1 + (n / 1000) % 28, n % 1000);
	for (i = 0; i < 17; i++)
		sum += (buf[i] - '0') * w[i];
	buf[17] = "10X98765432"[sum % 11];
	buf[18] = '\0';
}

static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	unit_a = th_unit(db.s, "甲单位", 0);
	unit_b = th_unit(db.s, "乙单位", 0);
	clerk_a = (struct actor){ th_account(db.s, unit_a, "clerk_a"),
	    unit_a, "甲经办人", "fpa" };
	wf_register(&jobbiz);
}

static void
teardown(void)
{
	ck_assert_int_ge(audit_verify(db.s, NULL), 0);
	th_db_close(&db);
}

/* A workbook of n data rows: every 10th with a broken 身份证号, every
 * 7th repeating the row before's, row err (1-based, 0: none) failing
 * as a store error.  malloc'd bytes. */
static unsigned char *
rows_book(size_t n, size_t err, size_t *sz)
{
	const char *const **view;
	const char	**cells;
	char		 (*ids)[19], (*names)[16];
	unsigned char	*out;
	size_t		 i;

	view = calloc(n + 1, sizeof(*view));
	cells = calloc((n + 1) * NCOLS, sizeof(*cells));
	ids = calloc(n + 1, sizeof(*ids));
	names = calloc(n + 1, sizeof(*names));
	ck_assert(view != NULL && cells != NULL && ids != NULL &&
	    names != NULL);
	view[0] = columns;
	for (i = 1; i <= n; i++) {
		idno((unsigned)(i % 7 == 0 ? i - 1 : i), ids[i]);
		if (i % 10 == 0)
			ids[i][17] = ids[i][17] == '0' ? '1' : '0';
		snprintf(names[i], sizeof(names[i]), "员工%zu", i);
		cells[i * NCOLS] = names[i];
		cells[i * NCOLS + 1] = ids[i];
		cells[i * NCOLS + 2] = "2026-11-15";
		cells[i * NCOLS + 3] = i == err ? "STOREERR" : "";
		view[i] = &cells[i * NCOLS];
	}
	ck_assert_int_eq(xlsx_write("批量测试", view, n + 1, NCOLS, &out, sz),
	    0);
	free(view);
	free(cells);
	free(ids);
	free(names);
	return out;
}

/* The failures of task as "row:reasons|..." (malloc'd). */
static char *
failures_of(int64_t task)
{
	struct store_stmt	*st;
	char			*out = NULL;
	size_t			 len = 0;
	FILE			*f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(f);
	st = store_stmt(db.s, "SELECT row_no, reasons FROM batch_failures "
	    "WHERE task_id = ?1 ORDER BY row_no");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, task), 0);
	while (store_step(st) == STORE_ROW)
		fprintf(f, "%d:%s|", store_col_int(st, 0),
		    store_col_text(st, 1));
	store_reset(st);
	fclose(f);
	return out;
}

/* Runs sql with ?1 = a. */
static void
exec1(const char *sql, int64_t a)
{
	struct store_stmt	*st = store_stmt(db.s, sql);

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, a), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
}

/* A process id that is no more (a child that has ended). */
static int64_t
dead_pid(void)
{
	pid_t	 p = fork();

	ck_assert_int_ge(p, 0);
	if (p == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(p, NULL, 0), p);
	return (int64_t)p;
}

START_TEST(job_same_as_sync)
{
	struct batch_result now, job;
	struct batch_job j;
	unsigned char	*data;
	char		*f1, *f2;
	size_t		 sz;
	int64_t		 n;

	data = rows_book(60, 0, &sz);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, "k1", 60, &now), 0);
	ck_assert_int_eq(now.job_id, 0);
	ck_assert_int_gt(now.task_id, 0);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, "k2", 59, &job), 0);
	free(data);
	ck_assert_int_gt(job.job_id, 0);
	ck_assert_uint_eq(job.rows, 60);
	/* Acknowledged, nothing checked yet; the task waits for it. */
	ck_assert_int_eq(bj_row_count(db.s, job.task_id, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(batch_job_busy(db.s, job.task_id), 1);
	ck_assert_int_eq(batch_job_busy(db.s, now.task_id), 0);
	ck_assert_int_eq(batch_is(db.s, job.task_id), 1);
	ck_assert_int_eq(batch_job_get(db.s, job.job_id, unit_a, &j), 0);
	ck_assert_int_eq(j.lease_pid, (int64_t)getpid());
	ck_assert_int_eq(j.state, BATCH_JOB_RUNNING);
	ck_assert_int_eq(batch_job_get(db.s, job.job_id, unit_b, &j), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_jobs "
	    "WHERE file IS NULL AND cells IS NOT NULL"), 1);
	/* A job staged before the workbook stopped being stored loses it
	 * when it ends. */
	exec1("UPDATE batch_jobs SET file = x'504b0304' WHERE id = ?1",
	    job.job_id);
	ck_assert_int_eq(batch_job_run(db.s, &spec, job.job_id), 0);
	ck_assert_int_eq(batch_job_get(db.s, job.job_id, unit_a, &j), 0);
	ck_assert_int_eq(j.state, BATCH_JOB_DONE);
	ck_assert_int_eq(j.done, 60);
	ck_assert_int_eq(j.ok, (int64_t)now.ok);
	ck_assert_int_eq(j.failed, (int64_t)now.failed);
	ck_assert_int_eq(j.lease_pid, 0);
	ck_assert_int_gt(j.tx_max_us, 0);
	ck_assert_int_eq(batch_job_busy(db.s, job.task_id), 0);
	/* The same failures with the same reasons, row for row. */
	f1 = failures_of(now.task_id);
	f2 = failures_of(job.task_id);
	ck_assert_str_eq(f1, f2);
	ck_assert_ptr_nonnull(strstr(f2, "重复"));
	free(f1);
	free(f2);
	/* Nothing of the upload is kept past the job: neither its cells
	 * nor the workbook (never stored); the audit has its digest. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_jobs "
	    "WHERE cells IS NULL AND file IS NULL AND state = 'done'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM audit WHERE "
	    "action = 'batch.upload' AND detail LIKE '% bytes=% sha256=%' "
	    "AND length(detail) - instr(detail, 'sha256=') = 70"), 1);
	/* 60 rows: 6 broken numbers, 7 repeated (row 21 repeats row 20's
	 * number before it was broken). */
	ck_assert_uint_eq(now.ok, 47);
	ck_assert_uint_eq(now.failed, 13);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks WHERE "
	    "summary = '批量导入 47 人'"), 2);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM audit WHERE "
	    "action = 'batch.import' AND detail LIKE '%job=%'"), 1);
	/* Running it again does nothing. */
	ck_assert_int_eq(batch_job_run(db.s, &spec, job.job_id), 0);
	ck_assert_int_eq(batch_job_claim(db.s, job.job_id), 0);
	ck_assert_int_eq(bj_row_count(db.s, job.task_id, &n), 0);
	ck_assert_int_eq(n, (int64_t)now.ok);
}
END_TEST

START_TEST(job_dedup)
{
	struct batch_result a, b;
	unsigned char	*data;
	size_t		 sz;

	data = rows_book(30, 0, &sz);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, "same", 10, &a), 0);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, "same", 10, &b), 0);
	free(data);
	ck_assert_int_eq(b.existing, 1);
	ck_assert_int_eq(b.job_id, a.job_id);
	ck_assert_int_eq(b.task_id, a.task_id);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_jobs"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 1);
}
END_TEST

START_TEST(job_lease)
{
	struct batch_result r;
	struct batch_job j;
	unsigned char	*data;
	size_t		 sz;

	data = rows_book(30, 0, &sz);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, 10, &r), 0);
	free(data);
	/* Held by a live process with time left: not taken. */
	exec1("UPDATE batch_jobs SET lease_pid = ?1", (int64_t)getppid());
	ck_assert_int_eq(batch_job_claim(db.s, r.job_id), 0);
	/* Its lease ran out: taken. */
	exec1("UPDATE batch_jobs SET lease_until = ?1", 1);
	ck_assert_int_eq(batch_job_claim(db.s, r.job_id), 1);
	ck_assert_int_eq(batch_job_get(db.s, r.job_id, 0, &j), 0);
	ck_assert_int_eq(j.lease_pid, (int64_t)getpid());
	ck_assert_int_eq(j.claims, 2);
	/* Its holder is gone: taken at once. */
	exec1("UPDATE batch_jobs SET lease_pid = ?1", dead_pid());
	ck_assert_int_eq(batch_job_claim(db.s, r.job_id), 1);
	ck_assert_int_eq(batch_job_run(db.s, &spec, r.job_id), 0);
	ck_assert_int_eq(batch_job_get(db.s, r.job_id, 0, &j), 0);
	ck_assert_int_eq(j.state, BATCH_JOB_DONE);
	ck_assert_int_eq(j.ok + j.failed, 30);
	/* A run by a process that no longer holds it stops at once. */
	ck_assert_int_eq(batch_job_claim(db.s, r.job_id), 0);
}
END_TEST

START_TEST(job_fails_midway_resumes_then_fails)
{
	struct batch_result r;
	struct batch_job j;
	unsigned char	*data;
	size_t		 sz;
	int64_t		 n;
	int		 i;

	/* 3000 rows: several chunks before row 2900 fails. */
	data = rows_book(3000, 2900, &sz);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, 500, &r), 0);
	free(data);
	ck_assert_int_eq(batch_job_run(db.s, &spec, r.job_id), -1);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_int_eq(batch_job_get(db.s, r.job_id, 0, &j), 0);
	ck_assert_int_eq(j.state, BATCH_JOB_RUNNING);
	ck_assert_int_eq(j.lease_pid, 0);	/* let go at once */
	ck_assert_int_lt(j.done, 3000);
	/* Whole chunks only: the rows stored are the progress. */
	ck_assert_int_eq(bj_row_count(db.s, r.task_id, &n), 0);
	ck_assert_int_eq(n, j.ok);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_failures"),
	    j.failed);
	ck_assert_int_eq(j.ok + j.failed, j.done);
	ck_assert_int_eq(batch_job_busy(db.s, r.task_id), 1);
	/* Taken up again, until taken too often: then failed. */
	for (i = 1; i < BATCH_MAX_CLAIMS; i++) {
		ck_assert_int_eq(batch_job_claim(db.s, r.job_id), 1);
		ck_assert_int_eq(batch_job_run(db.s, &spec, r.job_id), -1);
	}
	ck_assert_int_eq(batch_job_claim(db.s, r.job_id), 0);
	ck_assert_int_eq(batch_job_get(db.s, r.job_id, 0, &j), 0);
	ck_assert_int_eq(j.state, BATCH_JOB_FAILED);
	ck_assert_str_eq(j.message, "导入未能完成,请退单后重新上传");
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_jobs "
	    "WHERE cells IS NULL AND file IS NULL"), 1);
	ck_assert_int_eq(batch_job_busy(db.s, r.task_id), 2);
	ck_assert_int_eq(bj_row_count(db.s, r.task_id, &n), 0);
	ck_assert_int_eq(n, j.ok);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tuigong t JOIN "
	    "tuigong u ON u.task_id = t.task_id AND u.row_no = t.row_no AND "
	    "u.id < t.id"), 0);
}
END_TEST

START_TEST(job_refused_file_stores_nothing)
{
	static const char *const bad[] = { "姓名", "身份证号", "日期", "备注",
	    NULL };
	const char *const *rows[] = { bad };
	struct batch_result r;
	unsigned char	*data;
	size_t		 sz;

	ck_assert_int_eq(xlsx_write("批量测试", rows, 1, NCOLS, &data, &sz),
	    0);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, 0, &r), 0);
	free(data);
	ck_assert_int_eq(r.xlsx_error, BATCH_ERR_HEADER);
	ck_assert_int_eq(r.job_id, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_jobs"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);
	ck_assert_int_eq(batch_sync_rows(db.s, unit_a, &today),
	    BATCH_SYNC_ROWS);
}
END_TEST

/* While a job imports, its task is neither cancelled nor submitted
 * (WF_IMPORTING, the task and its rows untouched); a job that finds
 * its task no longer 未提交 (moved on by any path) ends failed without
 * storing another row. */
START_TEST(job_task_cancelled)
{
	struct batch_result r;
	struct batch_job j;
	struct task	 t;
	unsigned char	*data;
	size_t		 sz;
	int64_t		 n;

	data = rows_book(40, 0, &sz);
	ck_assert_int_eq(batch_import_start(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, 10, &r), 0);
	free(data);
	ck_assert_int_gt(r.job_id, 0);
	ck_assert_int_eq(wf_transition(db.s, r.task_id, WF_CANCEL, &clerk_a,
	    NULL, NULL), WF_IMPORTING);
	ck_assert_int_eq(wf_transition(db.s, r.task_id, WF_SUBMIT, &clerk_a,
	    NULL, NULL), WF_IMPORTING);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_int_eq(wf_load(db.s, r.task_id, unit_a, &t), 0);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_str_eq(wf_result_message(WF_IMPORTING),
	    "导入尚未完成,请等待导入结束后再操作");
	/* The task moved on behind the job's back: the job stops. */
	exec1("UPDATE tasks SET state = '退单' WHERE id = ?1", r.task_id);
	exec1("UPDATE batch_jobs SET file = x'504b0304' WHERE id = ?1",
	    r.job_id);
	ck_assert_int_eq(batch_job_run(db.s, &spec, r.job_id), 0);
	ck_assert_int_eq(batch_job_get(db.s, r.job_id, 0, &j), 0);
	ck_assert_int_eq(j.state, BATCH_JOB_FAILED);
	ck_assert_int_eq(j.done, 0);
	ck_assert_ptr_nonnull(strstr(j.message, "导入已停止"));
	ck_assert_int_eq(bj_row_count(db.s, r.task_id, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_failures"),
	    0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM batch_jobs "
	    "WHERE cells IS NULL AND file IS NULL AND state = 'failed'"), 1);
	/* Once the job no longer runs, the transition is judged as usual. */
	exec1("UPDATE tasks SET state = '未提交' WHERE id = ?1", r.task_id);
	ck_assert_int_eq(wf_transition(db.s, r.task_id, WF_CANCEL, &clerk_a,
	    NULL, NULL), WF_OK);
}
END_TEST

static Suite *
batchjob_suite(void)
{
	Suite	*s = suite_create("batchjob");
	TCase	*tc = tcase_create("job");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, job_same_as_sync);
	tcase_add_test(tc, job_dedup);
	tcase_add_test(tc, job_lease);
	tcase_add_test(tc, job_fails_midway_resumes_then_fails);
	tcase_add_test(tc, job_refused_file_stores_nothing);
	tcase_add_test(tc, job_task_cancelled);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(batchjob_suite)
