/*
 * test_verify.c: the public verification page as people type into it:
 * spaces copied around the number or code, a code in lower case, and a
 * typing mistake kept in the form to be corrected.  Runs after the
 * suites that print receipts (it takes one of theirs from the store).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../suites.h"
#include "client.h"

/* Fills no[64] and code[32] with a receipt issued earlier in the run.
 * Returns 0, or -1 when none was. */
static int
some_receipt(char no[64], char code[32])
{
	char	*v;

	v = db_query("SELECT receipt_no || '|' || code FROM receipts "
	    "ORDER BY id LIMIT 1");
	if (v == NULL || strchr(v, '|') == NULL) {
		free(v);
		return -1;
	}
	snprintf(no, 64, "%.*s", (int)(strchr(v, '|') - v), v);
	snprintf(code, 32, "%s", strchr(v, '|') + 1);
	free(v);
	return 0;
}

/* Lower-cases s in place (ASCII). */
static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

START_TEST(verify_typed_with_spaces_and_lower_case)
{
	struct answer	 a;
	char		 no[64], code[32], path[256];

	ck_assert_int_eq(some_receipt(no, code), 0);
	lower(code);
	/* "%20" and U+3000 (%E3%80%80) around them, as copied. */
	snprintf(path, sizeof(path), "/verify?no=%%20%s%%E3%%80%%80&"
	    "code=%%20%s%%20", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/@no)", no);
	answer_free(&a);
}
END_TEST

START_TEST(verify_bad_code_kept_to_correct)
{
	struct answer	 a;
	char		 no[64], code[32], path[256];

	ck_assert_int_eq(some_receipt(no, code), 0);
	code[0] = code[0] == 'A' ? 'B' : 'A';	/* one typing mistake */
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "0");
	ck_xpath_eq(&a, "string(/page/query/@no)", no);
	ck_xpath_eq(&a, "string(/page/query/@code)", code);
	answer_free(&a);
	/* The HTML form holds them, ready to be corrected. */
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub_html(path, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "重新输入"));
	snprintf(path, sizeof(path), "value=\"%s\"", code);
	ck_assert_ptr_nonnull(strstr(a.body, path));
	answer_free(&a);
}
END_TEST

static Suite *
verify_suite(void)
{
	Suite	*s = suite_create("verify");
	TCase	*tc = tcase_create("typed");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, verify_typed_with_spaces_and_lower_case);
	tcase_add_test(tc, verify_bad_code_kept_to_correct);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(verify_suite)
