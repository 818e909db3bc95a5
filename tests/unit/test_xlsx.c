/*
 * test_xlsx.c: reading and writing .xlsx: a round trip through
 * xlsx_write() and xlsx_read(), a workbook as Excel writes one, and the
 * hostile files of fixtures/xlsx (made by fixtures/xlsx/make.py): a zip
 * bomb (honest and lying about its size), DOCTYPE and entities, a text
 * file, a zip without the sheet, too many entries, too many rows.
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "xlsx.h"
#include "xlsx_int.h"
#include "../suites.h"

#define FIXTURES	"unit/fixtures/xlsx/"

/* Reads a fixture into a malloc'd buffer (caller frees). */
static unsigned char *
fixture(const char *name, size_t *sz)
{
	char		 path[256];
	unsigned char	*p;
	struct stat	 st;
	FILE		*f;

	snprintf(path, sizeof(path), FIXTURES "%s", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "fixture %s missing", path);
	ck_assert_int_eq(fstat(fileno(f), &st), 0);
	*sz = (size_t)st.st_size;
	p = malloc(*sz + 1);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(fread(p, 1, *sz, f), *sz);
	fclose(f);
	return p;
}

/* Cell (r, c) of sh, "" when the row is shorter. */
static const char *
cell(const struct xlsx_sheet *sh, size_t r, size_t c)
{
	ck_assert_uint_lt(r, sh->nrows);
	return c < sh->rows[r].ncells ? sh->rows[r].cells[c] : "";
}

/* Seconds since an arbitrary point. */
static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Zips xml as xl/worksheets/sheet1.xml into a malloc'd archive (caller
 * frees) of *sz bytes. */
static unsigned char *
zip_sheet(const char *xml, size_t len, size_t *sz)
{
	zip_error_t	 ze;
	zip_source_t	*src, *s;
	zip_stat_t	 st;
	zip_t		*za;
	unsigned char	*p;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	ck_assert_ptr_nonnull(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	ck_assert_ptr_nonnull(za);
	zip_source_keep(src);
	s = zip_source_buffer(za, xml, len, 0);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_ge(zip_file_add(za, "xl/worksheets/sheet1.xml", s, 0), 0);
	ck_assert_int_eq(zip_close(za), 0);
	ck_assert_int_eq(zip_source_stat(src, &st), 0);
	ck_assert_int_eq(zip_source_open(src), 0);
	p = malloc(st.size);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(zip_source_read(src, p, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	*sz = st.size;
	return p;
}

START_TEST(xlsx_roundtrip)
{
	static const char *const r0[] = { "姓名", "身份证号", "备注", "数字" };
	static const char *const r1[] = { "张三", "42010619900101123X",
	    "A&B <c> \"d\" 'e'", "3.0" };
	static const char *const r2[] = { "李四", "420106199001011234", "",
	    "0012" };
	static const char *const r3[] = { "", "", "", "" };
	static const char *const r4[] = { " 前后空格 ", "1.5E+17",
	    "第一行\n第二行", NULL };
	const char *const *rows[] = { r0, r1, r2, r3, r4 };
	const char *const *const *rv = rows;
	struct xlsx_sheet sh;
	unsigned char	*out;
	size_t		 outsz, i, j;

	ck_assert_int_eq(xlsx_write("批量退工", rv, 5, 4, &out, &outsz), 0);
	ck_assert_uint_gt(outsz, 100);
	ck_assert_int_eq(memcmp(out, "PK\003\004", 4), 0);
	ck_assert_int_eq(xlsx_read(out, outsz, &sh), XLSX_OK);
	ck_assert_uint_eq(sh.nrows, 5);
	for (i = 0; i < 5; i++)
		for (j = 0; j < 4; j++)
			ck_assert_str_eq(cell(&sh, i, j),
			    rows[i][j] == NULL ? "" : rows[i][j]);
	ck_assert_uint_eq(sh.rows[3].ncells, 0);
	xlsx_free(&sh);
	ck_assert_uint_eq(sh.nrows, 0);
	free(out);
}
END_TEST

START_TEST(xlsx_write_stable)
{
	static const char *const r0[] = { "a", "b" };
	const char *const *rows[] = { r0 };
	unsigned char	*a, *b;
	size_t		 asz, bsz;

	ck_assert_int_eq(xlsx_write("x", rows, 1, 2, &a, &asz), 0);
	ck_assert_int_eq(xlsx_write("x", rows, 1, 2, &b, &bsz), 0);
	ck_assert_uint_eq(asz, bsz);
	ck_assert_int_eq(memcmp(a, b, asz), 0);
	free(a);
	free(b);
}
END_TEST

START_TEST(bad_xlsx_write)
{
	static const char *const r0[] = { "a" };
	const char *const *rows[] = { r0 };
	unsigned char	*out = NULL;
	size_t		 outsz = 1;

	ck_assert_int_eq(xlsx_write("x", rows, 1, 0, &out, &outsz), -1);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(outsz, 0);
	ck_assert_int_eq(xlsx_write("x", rows, 1, XLSX_MAX_COLS + 1, &out,
	    &outsz), -1);
	ck_assert_int_eq(xlsx_write("x", NULL, 1, 1, &out, &outsz), -1);
}
END_TEST

START_TEST(xlsx_normal)
{
	struct xlsx_sheet sh;
	unsigned char	*p;
	size_t		 sz;

	p = fixture("normal.xlsx", &sz);
	ck_assert_int_eq(xlsx_read(p, sz, &sh), XLSX_OK);
	/* Row 1000 holds only a styled empty cell: trimmed. */
	ck_assert_uint_eq(sh.nrows, 5);
	ck_assert_str_eq(cell(&sh, 0, 0), "姓名");
	ck_assert_str_eq(cell(&sh, 0, 1), "身份证号");
	ck_assert_str_eq(cell(&sh, 0, 2), "退工日期");
	ck_assert_str_eq(cell(&sh, 0, 3), "A&B <公司>");
	/* Rich text without its phonetic run, inline string, date, 3.0. */
	ck_assert_str_eq(cell(&sh, 1, 0), "张三 ");
	ck_assert_str_eq(cell(&sh, 1, 1), "420106199001011234");
	ck_assert_str_eq(cell(&sh, 1, 2), "2026-11-15");
	ck_assert_str_eq(cell(&sh, 1, 3), "3");
	/* A gap, a custom date format with a time, a boolean, a formula. */
	ck_assert_str_eq(cell(&sh, 2, 0), "李四");
	ck_assert_str_eq(cell(&sh, 2, 1), "");
	ck_assert_uint_eq(sh.rows[2].ncells, 5);
	ck_assert_str_eq(cell(&sh, 2, 2), "2026-11-16");
	ck_assert_str_eq(cell(&sh, 2, 3), "TRUE");
	ck_assert_str_eq(cell(&sh, 2, 4), "李四x");
	ck_assert_uint_eq(sh.rows[3].ncells, 0);
	/* Cells without references follow each other. */
	ck_assert_str_eq(cell(&sh, 4, 0), "王五");
	ck_assert_str_eq(cell(&sh, 4, 1), "12.5");
	xlsx_free(&sh);
	free(p);
}
END_TEST

/* Hostile and broken files, each with the error it must get. */
static const struct {
	const char	*file;
	enum xlsx_err	 want;
} bad_files[] = {
	{ "bomb.xlsx", XLSX_BOMB },
	{ "bomb_liar.xlsx", XLSX_BOMB },
	{ "doctype.xlsx", XLSX_BADXML },
	{ "entity.xlsx", XLSX_BADXML },
	{ "text.xlsx", XLSX_NOTZIP },
	{ "nosheet.xlsx", XLSX_NOTZIP },
	{ "many.xlsx", XLSX_BOMB },
	{ "rows25k.xlsx", XLSX_TOOMANY },
};

START_TEST(bad_xlsx_files)
{
	struct xlsx_sheet sh;
	unsigned char	*p;
	size_t		 sz;
	double		 t0, dt;

	p = fixture(bad_files[_i].file, &sz);
	t0 = now();
	ck_assert_msg(xlsx_read(p, sz, &sh) == bad_files[_i].want,
	    "%s: wrong error", bad_files[_i].file);
	dt = now() - t0;
	/* A bound against a reader that hangs or runs away, not a speed
	 * measure (the benchmarks measure): the child's CPU limit stops a
	 * bomb in well under a second of CPU, wall time on a loaded
	 * machine is looser. */
	ck_assert_msg(dt < 10.0, "%s took %.2f s", bad_files[_i].file, dt);
	ck_assert_uint_eq(sh.nrows, 0);
	ck_assert_ptr_null(sh.rows);
	xlsx_free(&sh);
	free(p);
}
END_TEST

START_TEST(bad_xlsx_bomb_capped)
{
	struct xlsx_sheet  sh;
	struct xlsx_stats  st;
	unsigned char	  *p;
	size_t		   sz;

	p = fixture("bomb_liar.xlsx", &sz);
	ck_assert_int_eq(xlsx_parse(p, sz, &sh, &st), XLSX_BOMB);
	/* Inflation stopped one chunk past the cap of one entry. */
	ck_assert_uint_gt(st.peak_entry, XLSX_MAX_ENTRY);
	ck_assert_uint_le(st.peak_entry, XLSX_MAX_ENTRY + XLSX_CHUNK);
	ck_assert_uint_le(st.inflated, XLSX_MAX_ENTRY + XLSX_CHUNK + 65536);
	free(p);
}
END_TEST

START_TEST(bad_xlsx_truncated)
{
	struct xlsx_sheet sh;
	unsigned char	*p;
	size_t		 sz;

	p = fixture("normal.xlsx", &sz);
	ck_assert_int_eq(xlsx_read(p, sz / 2, &sh), XLSX_NOTZIP);
	ck_assert_int_eq(xlsx_read(p, 0, &sh), XLSX_NOTZIP);
	ck_assert_int_eq(xlsx_read(NULL, 10, &sh), XLSX_NOTZIP);
	/* One flipped byte in the compressed data: CRC or inflate error. */
	p[sz - 200] ^= 0x55;
	ck_assert_int_ne(xlsx_read(p, sz, &sh), XLSX_OK);
	free(p);
}
END_TEST

/* Serial day numbers and the dates Excel shows for them. */
static const struct {
	const char	*v;
	int		 date1904;
	const char	*want;	/* NULL: not a date */
} serials[] = {
	{ "46341", 0, "2026-11-15" },
	{ "46341.75", 0, "2026-11-15" },
	{ "1", 0, "1900-01-01" },
	{ "59", 0, "1900-02-28" },
	{ "60", 0, "1900-02-29" },
	{ "61", 0, "1900-03-01" },
	{ "36526", 0, "2000-01-01" },
	{ "2958465", 0, "9999-12-31" },
	{ "0", 1, "1904-01-01" },
	{ "44879", 1, "2026-11-15" },
	{ "0", 0, NULL },
	{ "-1", 0, NULL },
	{ "2958466", 0, NULL },
	{ "", 0, NULL },
	{ "abc", 0, NULL },
	{ "12abc", 0, NULL },
	{ "1e400", 0, NULL },
	{ "nan", 0, NULL },
	{ " 5", 0, NULL },
};

START_TEST(xlsx_serial)
{
	char	 buf[11];
	int	 rc;

	rc = xlsx_serial_date(serials[_i].v, serials[_i].date1904, buf);
	if (serials[_i].want == NULL)
		ck_assert_msg(rc == -1, "%s accepted", serials[_i].v);
	else {
		ck_assert_msg(rc == 0, "%s refused", serials[_i].v);
		ck_assert_str_eq(buf, serials[_i].want);
	}
}
END_TEST

START_TEST(xlsx_messages)
{
	int	 e;

	ck_assert_str_eq(xlsx_message(XLSX_OK), "");
	for (e = XLSX_NOTZIP; e < XLSX_ERR__MAX; e++)
		ck_assert_uint_gt(strlen(xlsx_message((enum xlsx_err)e)), 0);
	/* What batch_result.xlsx_error may carry beside the enum. */
	ck_assert_uint_gt(strlen(xlsx_message((enum xlsx_err)-1)), 0);
	ck_assert_uint_gt(strlen(xlsx_message(XLSX_ERR__MAX)), 0);
}
END_TEST

/* libxml2 checks a start tag's attributes for duplicates in time
 * quadratic in their number: 50000 attributes on one element (a 110 KB
 * upload) cost seconds.  The reader refuses such a tag up front. */
START_TEST(bad_xlsx_many_attrs)
{
	struct xlsx_sheet sh;
	char		*xml;
	unsigned char	*p;
	size_t		 cap = 50000 * 16 + 256, len, i, sz;
	double		 t0, dt;

	xml = malloc(cap);
	ck_assert_ptr_nonnull(xml);
	len = (size_t)snprintf(xml, cap, "<worksheet><sheetData><row><c");
	for (i = 0; i < 50000; i++)
		len += (size_t)snprintf(xml + len, cap - len, " a%zu=\"\"", i);
	len += (size_t)snprintf(xml + len, cap - len,
	    "><v>1</v></c></row></sheetData></worksheet>");
	ck_assert_uint_lt(len, cap);
	p = zip_sheet(xml, len, &sz);
	t0 = now();
	ck_assert_int_eq(xlsx_parse(p, sz, &sh, NULL), XLSX_BADXML);
	dt = now() - t0;
	/* Quadratic attribute handling would take minutes here; the bound
	 * catches that, not a slow machine. */
	ck_assert_msg(dt < 5.0, "50000 attributes took %.2f s", dt);
	free(p);
	/* A tag with a handful of attributes is still read. */
	len = (size_t)snprintf(xml, cap, "<worksheet xmlns:x=\"u\"><sheetData>"
	    "<row r=\"1\" x:a=\"=&gt;\"><c r=\"B1\" t=\"inlineStr\" s='0'>"
	    "<is><t>a=b&gt;</t></is></c></row></sheetData></worksheet>");
	p = zip_sheet(xml, len, &sz);
	ck_assert_int_eq(xlsx_parse(p, sz, &sh, NULL), XLSX_OK);
	ck_assert_str_eq(cell(&sh, 0, 1), "a=b>");
	xlsx_free(&sh);
	free(p);
	free(xml);
}
END_TEST

/* Bytes that are not UTF-8 (a surrogate, an overlong form, a code point
 * past U+10FFFF) are written as '?': a workbook that any XML reader,
 * this one included, would refuse is never made. */
START_TEST(xlsx_write_bad_utf8)
{
	static const char *const r0[] = { "a\xed\xa0\x80" "b", "\xc0\xaf" "c",
	    "\xf4\x90\x80\x80" "d", "\xe0\x80\x80" "e", "\xf0\x8f\xbf\xbf" "f",
	    "中\xf4\x8f\xbf\xbf" };
	static const char *const want[] = { "a???b", "??c", "????d", "???e",
	    "????f", "中\xf4\x8f\xbf\xbf" };
	const char *const *rows[] = { r0 };
	struct xlsx_sheet sh;
	unsigned char	*out;
	size_t		 outsz, j;

	ck_assert_int_eq(xlsx_write("x", rows, 1, 6, &out, &outsz), 0);
	ck_assert_int_eq(xlsx_read(out, outsz, &sh), XLSX_OK);
	for (j = 0; j < 6; j++)
		ck_assert_str_eq(cell(&sh, 0, j), want[j]);
	xlsx_free(&sh);
	free(out);
}
END_TEST

START_TEST(xlsx_wide_rows)
{
	const char	**cols[2];
	char		  hdr[XLSX_MAX_COLS][8];
	const char	 *r0[XLSX_MAX_COLS], *r1[XLSX_MAX_COLS];
	struct xlsx_sheet sh;
	unsigned char	 *out;
	size_t		  outsz, j;

	for (j = 0; j < XLSX_MAX_COLS; j++) {
		snprintf(hdr[j], sizeof(hdr[j]), "c%zu", j);
		r0[j] = hdr[j];
		r1[j] = j % 2 ? "x" : "";
	}
	cols[0] = r0;
	cols[1] = r1;
	ck_assert_int_eq(xlsx_write("wide", (const char *const *const *)cols,
	    2, XLSX_MAX_COLS, &out, &outsz), 0);
	ck_assert_int_eq(xlsx_read(out, outsz, &sh), XLSX_OK);
	ck_assert_uint_eq(sh.rows[0].ncells, XLSX_MAX_COLS);
	ck_assert_str_eq(cell(&sh, 0, XLSX_MAX_COLS - 1), "c63");
	ck_assert_str_eq(cell(&sh, 1, XLSX_MAX_COLS - 1), "x");
	ck_assert_str_eq(cell(&sh, 1, 0), "");
	xlsx_free(&sh);
	free(out);
}
END_TEST

/* The xlsx suite. */
static Suite *
xlsx_suite(void)
{
	Suite	*s = suite_create("xlsx");
	TCase	*tc = tcase_create("xlsx");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, xlsx_roundtrip);
	tcase_add_test(tc, xlsx_write_stable);
	tcase_add_test(tc, bad_xlsx_write);
	tcase_add_test(tc, xlsx_normal);
	tcase_add_loop_test(tc, bad_xlsx_files, 0,
	    sizeof(bad_files) / sizeof(bad_files[0]));
	tcase_add_test(tc, bad_xlsx_bomb_capped);
	tcase_add_test(tc, bad_xlsx_truncated);
	tcase_add_loop_test(tc, xlsx_serial, 0,
	    sizeof(serials) / sizeof(serials[0]));
	tcase_add_test(tc, xlsx_messages);
	tcase_add_test(tc, xlsx_wide_rows);
	tcase_add_test(tc, bad_xlsx_many_attrs);
	tcase_add_test(tc, xlsx_write_bad_utf8);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(xlsx_suite)
