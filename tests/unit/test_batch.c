/*
 * test_batch.c: batch import by Excel template with a test business
 * ("batchtest") whose rows go to the tuigong table: a template round
 * trip, an import where some rows fail (good rows stored, bad ones in
 * batch_failures with their reasons, the failure list as .xlsx), row
 * deletion only while 未提交 and only by the unit, one task per dedup
 * key, and refused files that store nothing.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static struct actor	 clerk_a, clerk_b;
static const struct hdate today = { 2026, 11, 22 };

static const char *const columns[] = { "姓名", "身份证号", "退工日期",
    "备注", NULL };
static const char *const example[] = { "张三", "110105194912310029",
    "2026-11-15", "" };

/* The test rule: 姓名 required, a valid 身份证号 and 退工日期; a 备注 of
 * "STOREERR" makes the check fail as on a store error. */
static int
bt_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *day, struct form_errors *errs)
{
	struct hdate	 d;

	ck_assert_uint_eq(ncells, NCOLS);
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
bt_store(struct store *s, int64_t unit_id, int64_t task_id, int row_no,
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

/* The test business's row_count hook (its rows live in tuigong). */
static int
bt_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, "SELECT COUNT(*) FROM tuigong WHERE task_id = ?1",
	    task_id, 0, n);
}

/* The test business's row_delete hook.  Returns 0, 1 none, -1. */
static int
bt_row_delete(struct store *s, int64_t task_id, int row_no)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, "DELETE FROM tuigong WHERE task_id = ?1 AND "
	    "row_no = ?2")) == NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, row_no) || store_exec_stmt(s, st) != 0)
		return -1;
	return store_changes(s) == 1 ? 0 : 1;
}

static const struct wf_business batchbiz = {
	.code = "batchtest", .name = "批量测试", .path = "/batchtest",
	.review_days_min = 1, .review_days_max = 3,
	.row_count = bt_row_count, .row_delete = bt_row_delete,
};

static const struct batch_spec spec = {
	.business = "batchtest", .title = "批量测试", .columns = columns,
	.example = example, .name_col = 0, .idno_col = 1,
	.row_check = bt_check, .row_store = bt_store, .wf = &batchbiz,
};

/* Writes a valid 身份证号 (region 420106, birth 1990-01-01 plus n days'
 * worth of sequence) for n into buf[19]. */
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

/* Opens the database with two units and their clerks. */
static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	unit_a = th_unit(db.s, "甲单位", 0);
	unit_b = th_unit(db.s, "乙单位", 0);
	clerk_a = (struct actor){ th_account(db.s, unit_a, "clerk_a"),
	    unit_a, "甲经办人", "fpa" };
	clerk_b = (struct actor){ th_account(db.s, unit_b, "clerk_b"),
	    unit_b, "乙经办人", "fpb" };
	wf_register(&batchbiz);
}

/* Checks the audit chain and closes the database. */
static void
teardown(void)
{
	ck_assert_int_ge(audit_verify(db.s, NULL), 0);
	th_db_close(&db);
}

/* A workbook of rows[0..n) of NCOLS cells each (malloc'd bytes). */
static unsigned char *
book(const char *const *const *rows, size_t n, size_t *sz)
{
	unsigned char	*out;

	ck_assert_int_eq(xlsx_write("批量测试", rows, n, NCOLS, &out, sz), 0);
	return out;
}

/* Nothing of any import is in the store. */
static void
assert_nothing_stored(void)
{
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tuigong"), 0);
	ck_assert_int_eq(th_count(db.s,
	    "SELECT count(*) FROM batch_failures"), 0);
}

/* The mixed upload: rows 2, 4 and 9 good; 3 bad 身份证号; 5 blank;
 * 6 the same 身份证号 as row 2 (lower-case x); 7 no name and a bad
 * date; 8 blank except spaces; 9 with white space around. */
static unsigned char *
mixed(size_t *sz)
{
	static const char *const r1[] = { "张三", "11010519491231002X",
	    "2026-11-15", "" };
	static const char *const r2[] = { "李四", "110105194912310021",
	    "2026-11-15", "" };
	static const char *const r3[] = { "王五", "420106199001011231",
	    "2026-11-16", "备注" };
	static const char *const r4[] = { "", "", "", "" };
	static const char *const r5[] = { "赵六", "11010519491231002x",
	    "2026-11-15", "" };
	static const char *const r6[] = { "", "42010619900101124X",
	    "2026-13-01", "" };
	static const char *const r7[] = { " ", "\u3000", "", "" };
	static const char *const r8[] = { " 孙七\u3000", " 420106199001011258 ",
	    "2026-11-17", "" };
	const char *const *rows[] = { columns, r1, r2, r3, r4, r5, r6, r7,
	    r8 };
	char		 id[19];

	/* The made-up numbers above must be what idno() makes. */
	idno(123, id);
	ck_assert_str_eq(id, "420106199001011231");
	idno(124, id);
	ck_assert_str_eq(id, "42010619900101124X");
	idno(125, id);
	ck_assert_str_eq(id, "420106199001011258");
	return book(rows, 9, sz);
}

START_TEST(batch_template_roundtrip)
{
	struct xlsx_sheet sh;
	unsigned char	*out;
	size_t		 sz, j;

	ck_assert_int_eq(batch_template(&spec, &out, &sz), 0);
	ck_assert_int_eq(xlsx_read(out, sz, &sh), XLSX_OK);
	ck_assert_uint_eq(sh.nrows, 2);
	for (j = 0; j < NCOLS; j++)
		ck_assert_str_eq(sh.rows[0].cells[j], columns[j]);
	ck_assert_str_eq(sh.rows[1].cells[1], "110105194912310029");
	ck_assert_str_eq(sh.rows[1].cells[2], "2026-11-15");
	xlsx_free(&sh);
	free(out);
}
END_TEST

START_TEST(batch_import_mixed)
{
	struct batch_result res;
	struct task	 t;
	unsigned char	*data;
	size_t		 sz, n;

	data = mixed(&sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, "k1", &res), 0);
	free(data);
	ck_assert_int_eq(res.xlsx_error, 0);
	ck_assert_str_eq(batch_message(&res), "");
	ck_assert_int_eq(res.existing, 0);
	ck_assert_uint_eq(res.rows, 6);
	ck_assert_uint_eq(res.ok, 3);
	ck_assert_uint_eq(res.failed, 3);
	ck_assert_int_eq(wf_load(db.s, res.task_id, unit_a, &t), 0);
	ck_assert_str_eq(t.business, "batchtest");
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_str_eq(t.summary, "批量导入 3 人");
	ck_assert_int_eq(batch_count(db.s, &spec, res.task_id, &n), 0);
	ck_assert_uint_eq(n, 3);
	/* Good rows keep their spreadsheet row numbers, trimmed. */
	ck_assert_int_eq(th_count(db.s, "SELECT group_concat(row_no) = "
	    "'2,4,9' FROM (SELECT row_no FROM tuigong ORDER BY row_no)"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tuigong WHERE "
	    "row_no = 9 AND name = '孙七' AND idno = '420106199001011258'"),
	    1);
	/* Bad rows with their reasons. */
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM batch_failures "
	    "WHERE row_no = 3 AND name = '李四' AND reasons = '身份证号无效' "
	    "AND raw = '李四\t110105194912310021\t2026-11-15\t'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM batch_failures "
	    "WHERE row_no = 6 AND reasons = "
	    "'同一文件中身份证号重复(与第2行)'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM batch_failures "
	    "WHERE row_no = 7 AND reasons = '姓名必填;退工日期格式错误'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'batch.import' AND detail = 'rows=6 ok=3 failed=3'"), 1);
}
END_TEST

/* Collects failed rows as "row:name:reasons;" into a buffer. */
static int
collect(void *arg, const struct batch_failure *f)
{
	char	*buf = arg;
	size_t	 len = strlen(buf);

	snprintf(buf + len, 1024 - len, "%d:%s:%s|", f->row_no, f->name,
	    f->reasons);
	return 0;
}

/* Stops at the first failed row with 7. */
static int
stop(void *arg, const struct batch_failure *f)
{
	(void)arg;
	(void)f;
	return 7;
}

START_TEST(batch_failures_list)
{
	struct batch_result res;
	struct xlsx_sheet sh;
	unsigned char	*data, *out;
	size_t		 sz, outsz;
	char		 buf[1024] = "";

	data = mixed(&sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, &res), 0);
	free(data);
	ck_assert_int_eq(batch_failures_each(db.s, res.task_id, unit_a,
	    collect, buf), 0);
	ck_assert_str_eq(buf, "3:李四:身份证号无效|"
	    "6:赵六:同一文件中身份证号重复(与第2行)|"
	    "7::姓名必填;退工日期格式错误|");
	ck_assert_int_eq(batch_failures_each(db.s, res.task_id, unit_a,
	    stop, NULL), 7);
	ck_assert_int_eq(batch_failures_each(db.s, res.task_id, unit_b,
	    collect, buf), 1);

	ck_assert_int_eq(batch_failures_xlsx(db.s, &spec, res.task_id, unit_a,
	    &out, &outsz), 0);
	ck_assert_int_eq(xlsx_read(out, outsz, &sh), XLSX_OK);
	ck_assert_uint_eq(sh.nrows, 4);
	ck_assert_uint_eq(sh.rows[0].ncells, NCOLS + 1);
	ck_assert_str_eq(sh.rows[0].cells[0], "姓名");
	ck_assert_str_eq(sh.rows[0].cells[NCOLS], "失败原因");
	ck_assert_str_eq(sh.rows[1].cells[1], "110105194912310021");
	ck_assert_str_eq(sh.rows[1].cells[NCOLS], "身份证号无效");
	ck_assert_str_eq(sh.rows[3].cells[NCOLS], "姓名必填;退工日期格式错误");
	xlsx_free(&sh);

	/* The failure list, corrected or not, can be uploaded again. */
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, out, outsz,
	    &today, NULL, &res), 0);
	ck_assert_int_eq(res.xlsx_error, 0);
	ck_assert_uint_eq(res.rows, 3);
	ck_assert_uint_eq(res.ok, 1);	/* 赵六 alone in this file */
	free(out);

	/* Another unit, or the wrong business, gets nothing. */
	ck_assert_int_eq(batch_failures_xlsx(db.s, &spec, res.task_id, unit_b,
	    &out, &outsz), 1);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(batch_failures_xlsx(db.s, &spec, 9999, unit_a,
	    &out, &outsz), 1);
}
END_TEST

START_TEST(batch_delete)
{
	struct batch_result res;
	unsigned char	*data;
	size_t		 sz, n;

	data = mixed(&sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, &res), 0);
	free(data);
	ck_assert_int_eq(batch_delete_row(db.s, &spec, &clerk_b, res.task_id,
	    2), 1);
	ck_assert_int_eq(batch_delete_row(db.s, &spec, &clerk_a, res.task_id,
	    3), 1);	/* a failed row is no detail row */
	ck_assert_int_eq(batch_delete_row(db.s, &spec, &clerk_a, res.task_id,
	    2), 0);
	ck_assert_int_eq(batch_delete_row(db.s, &spec, &clerk_a, res.task_id,
	    2), 1);
	ck_assert_int_eq(batch_count(db.s, &spec, res.task_id, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'batch.delete_row' AND detail = 'row=2'"), 1);
	/* Submitted: no longer editable. */
	ck_assert_int_eq(wf_transition(db.s, res.task_id, WF_SUBMIT, &clerk_a,
	    NULL, NULL), WF_OK);
	ck_assert_int_eq(batch_delete_row(db.s, &spec, &clerk_a, res.task_id,
	    4), 1);
	ck_assert_int_eq(batch_count(db.s, &spec, res.task_id, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(db.s->in_tx, 0);
}
END_TEST

START_TEST(batch_dedup)
{
	struct batch_result res, again;
	unsigned char	*data;
	size_t		 sz;

	data = mixed(&sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, "once", &res), 0);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, "once", &again), 0);
	free(data);
	ck_assert_int_eq(again.existing, 1);
	ck_assert_int_eq(again.task_id, res.task_id);
	ck_assert_uint_eq(again.ok, 3);
	ck_assert_uint_eq(again.failed, 3);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tuigong"), 3);
	ck_assert_int_eq(th_count(db.s,
	    "SELECT count(*) FROM batch_failures"), 3);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'batch.import'"), 1);
}
END_TEST

START_TEST(batch_thousand)
{
	const char *const **view;
	const char	**cells;
	char		 (*ids)[19], (*names)[16];
	struct batch_result res;
	unsigned char	*data;
	size_t		 sz, i;

	view = calloc(1001, sizeof(*view));
	cells = calloc(1001 * NCOLS, sizeof(*cells));
	ids = calloc(1001, sizeof(*ids));
	names = calloc(1001, sizeof(*names));
	ck_assert(view != NULL && cells != NULL && ids != NULL &&
	    names != NULL);
	view[0] = columns;
	for (i = 1; i <= 1000; i++) {
		idno((unsigned)i, ids[i]);
		if (i % 10 == 0)
			ids[i][17] = ids[i][17] == '0' ? '1' : '0';
		snprintf(names[i], sizeof(names[i]), "员工%zu", i);
		cells[i * NCOLS] = names[i];
		cells[i * NCOLS + 1] = ids[i];
		cells[i * NCOLS + 2] = "2026-11-15";
		cells[i * NCOLS + 3] = "";
		view[i] = &cells[i * NCOLS];
	}
	data = book(view, 1001, &sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, &res), 0);
	ck_assert_uint_eq(res.rows, 1000);
	ck_assert_uint_eq(res.ok, 900);
	ck_assert_uint_eq(res.failed, 100);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM batch_failures "
	    "WHERE row_no % 10 = 1 AND name LIKE '员工%0'"), 100);
	free(data);
	free(view);
	free(cells);
	free(ids);
	free(names);
}
END_TEST

START_TEST(bad_batch_header)
{
	static const char *const h[] = { "姓名", "身份证", "退工日期", "备注" };
	static const char *const r1[] = { "张三", "11010519491231002X",
	    "2026-11-15", "" };
	const char *const *rows[] = { h, r1 };
	struct batch_result res;
	unsigned char	*data;
	size_t		 sz;

	data = book(rows, 2, &sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, &res), 0);
	free(data);
	ck_assert_int_eq(res.xlsx_error, BATCH_ERR_HEADER);
	ck_assert_str_eq(batch_message(&res), "模板表头不符,请下载最新模板");
	ck_assert_int_eq(res.task_id, 0);
	assert_nothing_stored();
}
END_TEST

START_TEST(bad_batch_empty)
{
	static const char *const blank[] = { "", " ", "", "" };
	const char *const *rows[] = { columns, blank };
	struct batch_result res;
	unsigned char	*data;
	size_t		 sz;

	data = book(rows, 2, &sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, &res), 0);
	free(data);
	ck_assert_int_eq(res.xlsx_error, BATCH_ERR_EMPTY);
	ck_assert_uint_gt(strlen(batch_message(&res)), 0);
	assert_nothing_stored();
}
END_TEST

/* Files refused before any row is read. */
static const struct {
	const char	*file;
	int		 want;
} bad_uploads[] = {
	{ "unit/fixtures/xlsx/bomb_liar.xlsx", XLSX_BOMB },
	{ "unit/fixtures/xlsx/text.xlsx", XLSX_NOTZIP },
	{ "unit/fixtures/xlsx/doctype.xlsx", XLSX_BADXML },
	{ "unit/fixtures/xlsx/rows25k.xlsx", XLSX_TOOMANY },
};

START_TEST(bad_batch_file)
{
	struct batch_result res;
	unsigned char	*data;
	size_t		 sz;
	FILE		*f;
	long		 len;

	f = fopen(bad_uploads[_i].file, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	data = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(data);
	sz = fread(data, 1, (size_t)len, f);
	fclose(f);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, &res), 0);
	free(data);
	ck_assert_int_eq(res.xlsx_error, bad_uploads[_i].want);
	ck_assert_str_eq(batch_message(&res),
	    xlsx_message((enum xlsx_err)bad_uploads[_i].want));
	assert_nothing_stored();
}
END_TEST

START_TEST(bad_batch_store_error)
{
	static const char *const r1[] = { "张三", "11010519491231002X",
	    "2026-11-15", "" };
	static const char *const r2[] = { "李四", "420106199001011231",
	    "2026-11-15", "STOREERR" };
	const char *const *rows[] = { columns, r1, r2 };
	struct batch_result res;
	unsigned char	*data;
	size_t		 sz;

	data = book(rows, 3, &sz);
	ck_assert_int_eq(batch_import(db.s, &spec, &clerk_a, data, sz,
	    &today, NULL, &res), -1);
	free(data);
	ck_assert_int_eq(res.task_id, 0);
	ck_assert_int_eq(db.s->in_tx, 0);
	assert_nothing_stored();
}
END_TEST

START_TEST(bad_batch_hooks)
{
	struct batch_spec bad = spec;
	struct batch_result res;
	size_t		 n;

	bad.wf = NULL;
	ck_assert_int_eq(batch_delete_row(db.s, &bad, &clerk_a, 1, 1), -1);
	ck_assert_int_eq(batch_count(db.s, &bad, 1, &n), -1);
	ck_assert_int_eq(batch_import(db.s, &bad, &clerk_a, "PK", 2, &today,
	    NULL, &res), -1);
}
END_TEST

/* The batch suite. */
static Suite *
batch_suite(void)
{
	Suite	*s = suite_create("batch");
	TCase	*tc = tcase_create("batch");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, batch_template_roundtrip);
	tcase_add_test(tc, batch_import_mixed);
	tcase_add_test(tc, batch_failures_list);
	tcase_add_test(tc, batch_delete);
	tcase_add_test(tc, batch_dedup);
	tcase_add_test(tc, batch_thousand);
	tcase_add_test(tc, bad_batch_header);
	tcase_add_test(tc, bad_batch_empty);
	tcase_add_loop_test(tc, bad_batch_file, 0,
	    sizeof(bad_uploads) / sizeof(bad_uploads[0]));
	tcase_add_test(tc, bad_batch_store_error);
	tcase_add_test(tc, bad_batch_hooks);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(batch_suite)
