/*
 * test_template.c: the template of every registered batch business
 * (lib/batch.c batch_template, issue 14) read back by the hardened
 * reader: the header is the columns, the example row is marked 示例:,
 * a date column's example (written as a date cell) reads back as the
 * same YYYY-MM-DD, and the sheet XML holds one list data validation
 * per column with fixed values, with exactly those values, and a
 * frozen header.  The template uploaded untouched imports nothing: its
 * example row is skipped, with a message that says so.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "audit.h"
#include "batch.h"
#include "hall.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "xlsx.h"
#include "../suites.h"
#include "helpers.h"

/* The first worksheet's XML of the workbook data[0..sz) (malloc'd,
 * NUL-terminated). */
static char *
sheet1_xml(const unsigned char *data, size_t sz)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*z;
	zip_file_t	*f;
	zip_stat_t	 st;
	char		*xml;

	zip_error_init(&ze);
	ck_assert_ptr_nonnull(src = zip_source_buffer_create(data, sz, 0, &ze));
	ck_assert_ptr_nonnull(z = zip_open_from_source(src, ZIP_RDONLY, &ze));
	ck_assert_int_eq(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st), 0);
	ck_assert_ptr_nonnull(xml = calloc(1, st.size + 1));
	ck_assert_ptr_nonnull(f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0));
	ck_assert_int_eq(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(z);
	return xml;
}

/* The number of times needle occurs in hay. */
static int
occurrences(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Checks the template of spec as described above. */
static void
check_template(const struct batch_spec *spec)
{
	const struct batch_col	*c;
	struct xlsx_sheet	 sh;
	unsigned char		*out;
	char			*xml, want[1024];
	size_t			 sz, j, k, ncols = 0;
	int			 lists = 0;

	while (spec->columns[ncols] != NULL)
		ncols++;
	ck_assert_int_eq(batch_template(spec, &out, &sz), 0);
	ck_assert_int_eq(xlsx_read(out, sz, &sh), XLSX_OK);
	ck_assert_uint_eq(sh.rows[0].ncells, ncols);
	for (j = 0; j < ncols; j++)
		ck_assert_str_eq(sh.rows[0].cells[j], spec->columns[j]);
	if (spec->example != NULL) {
		ck_assert_uint_ge(sh.nrows, 2);
		snprintf(want, sizeof(want), "示例:%s", spec->example[0]);
		ck_assert_str_eq(sh.rows[1].cells[0], want);
		/* Every other cell as given: a date column's as a date cell
		 * the reader turns back into the same text. */
		for (j = 1; j < ncols && j < sh.rows[1].ncells; j++)
			ck_assert_str_eq(sh.rows[1].cells[j], spec->example[j]);
	}
	xml = sheet1_xml(out, sz);
	ck_assert_ptr_nonnull(strstr(xml, "state=\"frozen\""));
	for (j = 0; spec->cols != NULL && j < ncols; j++) {
		c = &spec->cols[j];
		if (c->kind == BATCH_COL_DATE && spec->example != NULL &&
		    spec->example[j][0] != '\0' &&
		    valid_date(spec->example[j], &(struct hdate){ 0, 0, 0 }) ==
		    VALID_OK) {
			/* A number (serial day), not a string. */
			snprintf(want, sizeof(want), "<c r=\"%c2\" s=\"",
			    (char)('A' + j));
			ck_assert_ptr_nonnull(strstr(xml, want));
			ck_assert_ptr_null(strstr(strstr(xml, want),
			    "t=\"inlineStr\"><is><t>2"));
		}
		if (c->choices == NULL)
			continue;
		lists++;
		snprintf(want, sizeof(want), "sqref=\"%c2:%c%d\"><formula1>\"",
		    (char)('A' + j), (char)('A' + j), XLSX_MAX_ROWS + 1);
		for (k = 0; c->choices[k] != NULL; k++) {
			if (c->choices[k][0] == '\0')
				continue;
			if (want[strlen(want) - 1] != '"')
				strncat(want, ",", sizeof(want) - strlen(want) - 1);
			strncat(want, c->choices[k], sizeof(want) - strlen(want) -
			    1);
		}
		strncat(want, "\"</formula1>", sizeof(want) - strlen(want) - 1);
		ck_assert_msg(strstr(xml, want) != NULL, "%s: no %s",
		    spec->business, want);
	}
	ck_assert_int_eq(occurrences(xml, "<dataValidation type=\"list\""),
	    lists);
	free(xml);
	xlsx_free(&sh);
	free(out);
}

/* Every registered business's batch. */
START_TEST(template_every_batch)
{
	size_t	 i, n = 0;

	for (i = 0; hall_businesses[i] != NULL; i++)
		if (hall_businesses[i]->batch != NULL) {
			check_template(hall_businesses[i]->batch);
			n++;
		}
	ck_assert_uint_ge(n, 5);
}
END_TEST

/* The drop-downs, hand-written for 退工 and 减员 (the seed's lists). */
START_TEST(template_lists_by_hand)
{
	unsigned char	*out;
	char		*xml;
	size_t		 sz;
	size_t		 i;
	const struct batch_spec	*tg = NULL, *jy = NULL;

	for (i = 0; hall_businesses[i] != NULL; i++) {
		if (strcmp(hall_businesses[i]->code, "tuigong") == 0)
			tg = hall_businesses[i]->batch;
		if (strcmp(hall_businesses[i]->code, "jianyuan") == 0)
			jy = hall_businesses[i]->batch;
	}
	ck_assert_ptr_nonnull(tg);
	ck_assert_ptr_nonnull(jy);
	ck_assert_int_eq(batch_template(tg, &out, &sz), 0);
	xml = sheet1_xml(out, sz);
	ck_assert_ptr_nonnull(strstr(xml, "sqref=\"D2:D20001\"><formula1>\""
	    "合同到期终止,员工辞职,单位辞退,协商一致解除,员工失联,其他\""));
	ck_assert_ptr_nonnull(strstr(xml, "sqref=\"F2:F20001\"><formula1>\""
	    "城镇,农村\""));
	ck_assert_ptr_nonnull(strstr(xml, "sqref=\"H2:H20001\"><formula1>\""
	    "否,是\""));
	/* 2026-01-15 is serial 46037 (days since 1899-12-30). */
	ck_assert_ptr_nonnull(strstr(xml, "<v>46037</v>"));
	free(xml);
	free(out);
	ck_assert_int_eq(batch_template(jy, &out, &sz), 0);
	xml = sheet1_xml(out, sz);
	ck_assert_ptr_nonnull(strstr(xml, "sqref=\"C2:C20001\"><formula1>\""
	    "停缴费,退休,死亡,出国定居,解除多重劳动关系(工伤)\""));
	free(xml);
	free(out);
}
END_TEST

/* The template uploaded untouched: the example row is skipped, so the
 * file has no data, and the message says only the example was there. */
START_TEST(template_example_skipped)
{
	struct th_db		 db;
	struct batch_result	 res;
	struct actor		 who;
	struct hdate		 today = { 2026, 11, 22 };
	const struct batch_spec	*tg = NULL;
	unsigned char		*out;
	size_t			 sz, i;
	int64_t			 unit;

	for (i = 0; hall_businesses[i] != NULL; i++)
		if (strcmp(hall_businesses[i]->code, "tuigong") == 0)
			tg = hall_businesses[i]->batch;
	ck_assert_ptr_nonnull(tg);
	th_db_open(&db);
	unit = th_unit(db.s, "模板测试单位", 0);
	who = (struct actor){ th_account(db.s, unit, "clerk-t"), unit, "经办人",
	    "" };
	ck_assert_int_eq(batch_template(tg, &out, &sz), 0);
	memset(&res, 0, sizeof(res));
	ck_assert_int_eq(batch_import(db.s, tg, &who, out, sz, &today, "t1",
	    &res), 0);
	ck_assert_int_eq(res.xlsx_error, BATCH_ERR_EMPTY);
	ck_assert_uint_eq(res.example, 1);
	ck_assert_uint_eq(res.rows, 0);
	ck_assert_str_eq(batch_message(&res),
	    "文件中只有示例行(示例行不会导入),请在示例行下方填写");
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 0);
	free(out);
	th_db_close(&db);
}
END_TEST

static Suite *
template_suite(void)
{
	Suite	*s = suite_create("template");
	TCase	*tc = tcase_create("template");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, template_every_batch);
	tcase_add_test(tc, template_lists_by_hand);
	tcase_add_test(tc, template_example_skipped);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(template_suite)
