/*
 * test_mingce.c: 缴费基数名册打印 through the real nginx with client
 * certificates [issue 11].  demo-b's new person has a base from this
 * year's January (in force) and another from next January (set by a
 * 工资变更 approved today): this year's 名册 (this month's bases) shows
 * the first, next year's (its January's) the second; the form's token
 * makes a double click one 名册;
 * the print view is A4 sheets of 30 persons, 10 a page, each with the
 * number and code; the .xlsx holds every person; /verify vouches for
 * the 名册 and refuses a wrong code; another unit gets 404 on the view
 * and the .xlsx, a reviewer 403; a bad year is 422 beside the field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xlsx.h"
#include "../suites.h"
#include "client.h"

/* The hall's year and month when the clock is pinned. */
static int	 mc_year;
static char	 mc_month[8];

/* Pins the hall's clock to now (UTC+8), as the other suites do, moving
 * it 5 minutes on when a month is about to end, and notes the year and
 * month. */
static void
mc_clock(void)
{
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;
	char		 when[32];

	gmtime_r(&t, &tm);
	if (tm.tm_hour == 23 && tm.tm_min >= 55) {
		t += 360;
		gmtime_r(&t, &tm);
	}
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	set_clock(when);
	policy_test_year(when);
	mc_year = tm.tm_year + 1900;
	snprintf(mc_month, sizeof(mc_month), "%.7s", when);
}

/* Inserts a wage_bases row of person pid's 参保 at demo-b, as a 工资变更
 * would (wb_set). */
static void
base_from(const char *pid, const char *month, long long wage, long long base)
{
	char	 q[512];

	snprintf(q, sizeof(q), "INSERT INTO wage_bases (insurance_id, "
	    "from_month, wage_fen, base_fen, business, set_at) SELECT i.id, "
	    "'%s', %lld, %lld, 'gongzi', 0 FROM insurance i JOIN accounts a "
	    "ON a.unit_id = i.unit_id WHERE a.username = 'demo-b' AND "
	    "i.person_id = %s", month, wage, base, pid);
	db_exec(q);
}

/* Issues the 名册 of year as b with token tok: asserts 303 and copies
 * its id into id[24]. */
static void
issue(struct browser *b, const char *year, const char *tok, char id[24])
{
	struct answer	 a;
	const char	*p;

	ck_assert_int_eq(http_post(b, "/mingce/issue", 1, &a, "year", year,
	    "token", tok, NULL), 303);
	ck_assert_msg(strncmp(a.location, "/mingce/view?id=", 16) == 0, "%s",
	    a.location);
	p = a.location + 16;
	snprintf(id, 24, "%s", p);
	answer_free(&a);
}

/* The page of 名册 id holding person pid, as XML into a (asserting
 * 200): 300 persons a page. */
static void
page_of(struct browser *b, const char *id, const char *pid,
    struct answer *a)
{
	char		 path[96], q[160];
	long long	 row;

	snprintf(q, sizeof(q), "SELECT row_no FROM mingce_rows WHERE "
	    "mingce_id = %s AND person_id = %s", id, pid);
	row = db_int(q);
	ck_assert_int_gt(row, 0);
	snprintf(path, sizeof(path), "/mingce/view?id=%s&page=%lld", id,
	    (row - 1) / 300 + 1);
	ck_assert_int_eq(http_get(b, path, 1, a), 200);
}

START_TEST(mingce_print)
{
	struct browser		 u, other, r;
	struct answer		 a;
	struct xlsx_sheet	 sh;
	char			 pid[24], idno[19], id26[24], id27[24], again[24];
	char			 path[160], x[256], *tok, *no, *code, *n;
	char			 y0[8], y1[8], jan0[8], jan1[8];
	long long		 want;
	size_t			 i;
	int			 found;

	mc_clock();
	browser_init(&u, "unit-b");
	ck_assert_int_eq(login(&u, "demo-b"), 0);
	ck_assert_int_eq(make_insured("demo-b", "名册人", pid, idno), 0);
	snprintf(y0, sizeof(y0), "%d", mc_year);
	snprintf(y1, sizeof(y1), "%d", mc_year + 1);
	snprintf(jan0, sizeof(jan0), "%d-01", mc_year);
	snprintf(jan1, sizeof(jan1), "%d-01", mc_year + 1);
	base_from(pid, jan0, 500000, 500000);
	base_from(pid, jan1, 2000000, 1155000);
	/* The form: this year, the one before and the next. */
	ck_assert_int_eq(http_get(&u, "/mingce", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "index");
	ck_xpath_eq(&a, "string(/page/@category)", "jiaofei");
	ck_xpath_eq(&a, "string(/page/mingce-form/@year)", y0);
	ck_xpath_eq(&a, "string(/page/years/year[1])", y1);
	snprintf(x, sizeof(x), "%d", mc_year - 1);
	ck_xpath_eq(&a, "string(/page/years/year[3])", x);
	tok = xpath_str(&a, "string(/page/form/@token)");
	answer_free(&a);
	issue(&u, y0, tok, id26);
	/* A double click: the same 名册. */
	issue(&u, y0, tok, again);
	ck_assert_str_eq(again, id26);
	free(tok);
	snprintf(x, sizeof(x), "SELECT COUNT(*) FROM mingce WHERE id >= %s",
	    id26);
	ck_assert_int_eq(db_int(x), 1);
	/* Every person paying at demo-b this month (a 减员 from next month
	 * too); the new one with the base in force this month. */
	snprintf(x, sizeof(x), "SELECT COUNT(*) FROM insurance i JOIN "
	    "accounts a ON a.unit_id = i.unit_id WHERE a.username = 'demo-b' "
	    "AND i.start_month <= '%s' AND (i.status = '参保缴费' OR "
	    "i.stop_month > '%s')", mc_month, mc_month);
	want = db_int(x);
	page_of(&u, id26, pid, &a);
	ck_xpath_eq(&a, "string(/page/@view)", "print");
	ck_xpath_eq(&a, "string(/page/mingce/@year)", y0);
	ck_xpath_eq(&a, "string(/page/mingce/@month)", mc_month);
	n = xpath_str(&a, "string(/page/mingce/@persons)");
	ck_assert_int_eq(atoll(n), want);
	free(n);
	snprintf(x, sizeof(x), "string(/page/sheets/sheet/row[@idno = '%s']/"
	    "@base)", idno);
	ck_xpath_eq(&a, x, "5,000.00");
	snprintf(x, sizeof(x), "string(/page/sheets/sheet/row[@idno = '%s']/"
	    "@from)", idno);
	ck_xpath_eq(&a, x, jan0);
	ck_assert_int_le(xpath_count(&a, "/page/sheets/sheet"), 10);
	ck_assert_int_le(xpath_count(&a, "/page/sheets/sheet[1]/row"), 30);
	no = xpath_str(&a, "string(/page/mingce/@no)");
	code = xpath_str(&a, "string(/page/mingce/@code)");
	ck_assert_int_eq((int)strlen(code), 8);
	answer_free(&a);
	/* Next year: the base set from its January, in force by then. */
	ck_assert_int_eq(http_get(&u, "/mingce", 1, &a), 200);
	tok = xpath_str(&a, "string(/page/form/@token)");
	answer_free(&a);
	issue(&u, y1, tok, id27);
	free(tok);
	ck_assert_str_ne(id27, id26);
	page_of(&u, id27, pid, &a);
	ck_xpath_eq(&a, "string(/page/mingce/@month)", jan1);
	snprintf(x, sizeof(x), "string(/page/sheets/sheet/row[@idno = '%s']/"
	    "@base)", idno);
	ck_xpath_eq(&a, x, "11,550.00");
	snprintf(x, sizeof(x), "string(/page/sheets/sheet/row[@idno = '%s']/"
	    "@wage)", idno);
	ck_xpath_eq(&a, x, "20,000.00");
	answer_free(&a);
	/* The last page: its last sheet carries the totals. */
	snprintf(path, sizeof(path), "/mingce/view?id=%s&page=99999", id26);
	ck_assert_int_eq(http_get(&u, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/sheets/sheet[last()]/@last)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/sheets/sheet[@last]"), 1);
	answer_free(&a);
	/* The HTML: A4 sheets with the number and code on each. */
	snprintf(path, sizeof(path), "/mingce/view?id=%s", id26);
	ck_assert_int_eq(http_get(&u, path, 0, &a), 200);
	snprintf(x, sizeof(x), "%d年度缴费基数名册", mc_year);
	ck_assert_ptr_nonnull(strstr(a.body, x));
	ck_assert_ptr_nonnull(strstr(a.body, no));
	ck_assert_ptr_nonnull(strstr(a.body, code));
	ck_assert_ptr_nonnull(strstr(a.body, "第 1/"));
	ck_assert_ptr_nonnull(strstr(a.body, "class=\"receipt mingce-sheet\""));
	answer_free(&a);
	/* The .xlsx: every person, the new one with his base. */
	snprintf(path, sizeof(path), "/mingce/xlsx?id=%s", id26);
	ck_assert_int_eq(http_get(&u, path, 0, &a), 200);
	ck_assert_str_eq(a.ctype, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet");
	ck_assert_msg(strncmp(a.disposition, "attachment;", 11) == 0, "%s",
	    a.disposition);
	ck_assert_int_eq(xlsx_read(a.body, a.bodysz, &sh), XLSX_OK);
	answer_free(&a);
	ck_assert_int_eq((long long)sh.nrows, want + 6);
	ck_assert_ptr_nonnull(strstr(sh.rows[2].cells[0], no));
	for (i = 5, found = 0; i < sh.nrows; i++)
		if (sh.rows[i].ncells > 5 && strcmp(sh.rows[i].cells[3],
		    idno) == 0) {
			ck_assert_str_eq(sh.rows[i].cells[5], "5000");
			found = 1;
		}
	ck_assert(found);
	xlsx_free(&sh);
	/* /verify vouches for it; a wrong code does not. */
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/@no)", no);
	ck_xpath_eq(&a, "string(/page/result/receipt/@kind)", "缴费基数名册");
	snprintf(x, sizeof(x), "/page/result/receipt[contains(@business, "
	    "'%d年度')]", mc_year);
	ck_assert_int_eq(xpath_count(&a, x), 1);
	answer_free(&a);
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no,
	    strcmp(code, "ABCDEFGH") == 0 ? "ABCDEFGJ" : "ABCDEFGH");
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "0");
	answer_free(&a);
	/* Another unit: 404 on everything of it; a reviewer: 403. */
	browser_init(&other, "unit-a");
	ck_assert_int_eq(login(&other, "demo-a"), 0);
	snprintf(path, sizeof(path), "/mingce/view?id=%s", id26);
	ck_assert_int_eq(http_get(&other, path, 1, &a), 404);
	answer_free(&a);
	snprintf(path, sizeof(path), "/mingce/xlsx?id=%s", id26);
	ck_assert_int_eq(http_get(&other, path, 0, &a), 404);
	ck_assert_ptr_null(strstr(a.body, no));
	answer_free(&a);
	ck_assert_int_eq(http_get(&other, "/mingce", 1, &a), 200);
	snprintf(x, sizeof(x), "/page/issued/mingce[@id = '%s']", id26);
	ck_assert_int_eq(xpath_count(&a, x), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&u, "/mingce", 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, x), 1);
	answer_free(&a);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 403);
	answer_free(&a);
	/* Malformed ids: 404. */
	ck_assert_int_eq(http_get(&u, "/mingce/view?id=abc", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&u, "/mingce/xlsx?id=-1", 0, &a), 404);
	answer_free(&a);
	free(no);
	free(code);
	set_clock(NULL);
}
END_TEST

START_TEST(mingce_bad_year)
{
	struct browser	 u;
	struct answer	 a;
	long long	 before;
	char		 y[8], msg[64];

	mc_clock();
	browser_init(&u, "unit-b");
	ck_assert_int_eq(login(&u, "demo-b"), 0);
	before = db_int("SELECT COUNT(*) FROM mingce");
	snprintf(y, sizeof(y), "%d", mc_year - 2);
	snprintf(msg, sizeof(msg), "年度应为%d年至%d年之一", mc_year - 1,
	    mc_year + 1);
	ck_assert_int_eq(http_post(&u, "/mingce/issue", 1, &a, "year", y,
	    NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field = 'year']"
	    "[@code = 'BAD_YEAR']"), 1);
	ck_xpath_eq(&a, "string(/page/errors/error)", msg);
	ck_xpath_eq(&a, "string(/page/mingce-form/@year)", y);
	answer_free(&a);
	ck_assert_int_eq(http_post(&u, "/mingce/issue", 1, &a, "year",
	    "20x6", NULL), 422);
	answer_free(&a);
	ck_assert_int_eq(http_post(&u, "/mingce/issue", 1, &a, NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field = 'year']"
	    "[@code = 'REQUIRED']"), 1);
	answer_free(&a);
	ck_assert_int_eq(http_post_html(&u, "/mingce/issue", &a, "year",
	    "<b>", NULL), 422);
	ck_assert_ptr_null(strstr(a.body, "<b>"));
	ck_assert_ptr_nonnull(strstr(a.body, msg));
	answer_free(&a);
	/* Without the CSRF token: 403. */
	snprintf(y, sizeof(y), "%d", mc_year);
	ck_assert_int_eq(http_post(&u, "/mingce/issue", 0, &a, "year", y,
	    NULL), 403);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM mingce"), before);
	set_clock(NULL);
}
END_TEST

/* The daily limit (policy mingce.per_day, here set for demo-a's
 * region to what it issued today + 1): one more 名册 issued, the next
 * refused with 422, the form and the reason, nothing stored; the
 * first's token again still answers the first. */
START_TEST(mingce_per_day_http)
{
	struct browser	 u;
	struct answer	 a;
	long long	 today, before;
	char		 q[512], y[8], id[24], *tok, *tok2;

	mc_clock();
	browser_init(&u, "unit-a");
	ck_assert_int_eq(login(&u, "demo-a"), 0);
	today = db_int("SELECT COUNT(*) FROM mingce m JOIN accounts a ON "
	    "a.unit_id = m.unit_id WHERE a.username = 'demo-a' AND "
	    "m.issued_at >= CAST(strftime('%s', 'now', '+8 hours', "
	    "'start of day', '-8 hours') AS INTEGER)");
	snprintf(q, sizeof(q), "INSERT INTO policy (region, key, "
	    "valid_from, value, note) SELECT u.region, 'mingce.per_day', "
	    "'2000-01-01', '%lld', 'test' FROM units u JOIN accounts a ON "
	    "a.unit_id = u.id WHERE a.username = 'demo-a' ON CONFLICT "
	    "(region, key, valid_from) DO UPDATE SET value = excluded.value, "
	    "note = excluded.note", today + 1);
	db_exec(q);
	snprintf(y, sizeof(y), "%d", mc_year);
	ck_assert_int_eq(http_get(&u, "/mingce", 1, &a), 200);
	tok = xpath_str(&a, "string(/page/form/@token)");
	answer_free(&a);
	issue(&u, y, tok, id);
	before = db_int("SELECT COUNT(*) FROM mingce");
	ck_assert_int_eq(http_get(&u, "/mingce", 1, &a), 200);
	free(tok);
	tok = xpath_str(&a, "string(/page/form/@token)");
	answer_free(&a);
	ck_assert_int_eq(http_post(&u, "/mingce/issue", 1, &a, "year", y,
	    "token", tok, NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field = 'year']"
	    "[@code = 'MC_PER_DAY']"), 1);
	tok2 = xpath_str(&a, "string(/page/errors/error)");
	ck_assert_msg(strstr(tok2, "已达每日上限") != NULL, "%s", tok2);
	free(tok2);
	ck_xpath_eq(&a, "string(/page/mingce-form/@year)", y);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM mingce"), before);
	free(tok);
	db_exec("DELETE FROM policy WHERE key = 'mingce.per_day' AND note = "
	    "'test'");
	set_clock(NULL);
}
END_TEST

static Suite *
mingce_suite(void)
{
	Suite	*s = suite_create("mingce");
	TCase	*tc = tcase_create("print");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, mingce_print);
	tcase_add_test(tc, mingce_bad_year);
	tcase_add_test(tc, mingce_per_day_http);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(mingce_suite)
