/*
 * test_lists.c: the person lists of a unit, paged and searchable
 * [issue 8], through the real nginx with client certificates: the 减员
 * list (/jianyuan), the 退工 pick list (/tuigong), the 员工时间轴 links
 * (/tuigong/timeline), the 信息变更 person list (/biangeng/person) and
 * 变更记录 (/biangeng/records).  A unit of its own (with its own account
 * and certificate) holds 120 persons and 60 change records, so that the
 * counts are exact whatever the other suites do: 50 a page in person
 * order, page 2 the next 50, the count of the whole list, a search by
 * the beginning of 姓名 or 身份证号 finds a person of a later page, a
 * person of another unit never appears, and bad page numbers (-1, abc,
 * 0, huge) give the first or the last page, never an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"

#define LIST_PERSONS	120
#define LIST_RECORDS	60

/* The unit of this suite, made once per process. */
static char	 list_user[32];		/* its account and certificate */
static char	 list_prefix[16];	/* the 身份证号 prefix of its persons */
static char	 foreign_name[32];	/* a person of demo-b */

/* Makes the suite's unit, its account with a certificate, its
 * LIST_PERSONS persons (分页001 … 分页120, 在职 and 参保缴费, in id
 * order), LIST_RECORDS change records, and one person of demo-b named
 * like them. */
static void
lists_world(void)
{
	char	 cmd[1024], q[2048], id[24], idno[19], *v;
	int	 base;

	if (list_user[0] != '\0')
		return;
	base = (int)(getpid() % 90000) + 10000;
	snprintf(list_user, sizeof(list_user), "lists%d", base);
	snprintf(list_prefix, sizeof(list_prefix), "1101019%d", base);
	snprintf(cmd, sizeof(cmd), "sh %s/certs/issue.sh %s %s 分页测试单位%d "
	    "%s >/dev/null 2>&1", getenv("HALL_TEST_SRC"),
	    getenv("HALL_TEST_CERTS"), list_user, base, list_user);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(q, sizeof(q), "INSERT INTO units (uscc, name, sb_code) VALUES "
	    "('91420100LIST%d', '分页测试单位%d', 'LIST%d') RETURNING id", base,
	    base, base);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(id, sizeof(id), "%s", v);
	free(v);
	snprintf(cmd, sizeof(cmd), "account-add unit %s 分页经办 %s "
	    "2>/dev/null", list_user, id);
	ck_assert_int_eq(admin(cmd, NULL), 0);
	snprintf(idno, sizeof(idno), "%s.crt", list_user);
	snprintf(cmd, sizeof(cmd), "-c %s cert-bind %s %s 2>/dev/null",
	    cert_path("ca.crt"), list_user, cert_path(idno));
	ck_assert_int_eq(admin(cmd, NULL), 0);
	snprintf(q, sizeof(q), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < %d) INSERT INTO persons (idno, "
	    "name, sex, birth) SELECT '%s' || printf('%%04d', i), "
	    "printf('分页%%03d', i), '男', '1990-01-01' FROM n ORDER BY i",
	    LIST_PERSONS, list_prefix);
	db_exec(q);
	snprintf(q, sizeof(q), "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, registered_at) SELECT id, %s, 'PG-' || "
	    "idno, '2020-01-01', '2020-01-01' FROM persons WHERE idno LIKE "
	    "'%s%%'", id, list_prefix);
	db_exec(q);
	snprintf(q, sizeof(q), "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status) SELECT id, %s, 'PG' || idno, "
	    "'2020-01', '参保缴费' FROM persons WHERE idno LIKE '%s%%'", id,
	    list_prefix);
	db_exec(q);
	snprintf(q, sizeof(q), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < %d) INSERT INTO change_records "
	    "(unit_id, field, old_value, new_value, account_id, at) SELECT "
	    "%s, '联系人', 'old' || i, printf('记录%%03d', i), 0, 1700000000 "
	    "+ i FROM n ORDER BY i", LIST_RECORDS, id);
	db_exec(q);
	snprintf(foreign_name, sizeof(foreign_name), "分页外单位");
	ck_assert_int_eq(make_insured("demo-b", foreign_name, id, idno), 0);
}

/* Logs b in as the suite's unit. */
static void
lists_login(struct browser *b)
{
	lists_world();
	browser_init(b, list_user);
	ck_assert_int_eq(login(b, list_user), 0);
}

/* GETs path as XML, asserting 200, into a. */
static void
get_ok(struct browser *b, const char *path, struct answer *a)
{
	ck_assert_msg(http_get(b, path, 1, a) == 200, "GET %s: %ld", path,
	    a->status);
}

/* Asserts that the list under xpath list of a is page page (of pages),
 * total rows, rows on it, and that its first row's @name (or @new) is
 * first. */
static void
ck_page(struct answer *a, const char *list, const char *row, int page,
    int pages, int total, int rows, const char *first)
{
	char	 xp[256], want[32];

	snprintf(xp, sizeof(xp), "string(%s/pager/@page)", list);
	snprintf(want, sizeof(want), "%d", page);
	ck_xpath_eq(a, xp, want);
	snprintf(xp, sizeof(xp), "string(%s/pager/@pages)", list);
	snprintf(want, sizeof(want), "%d", pages);
	ck_xpath_eq(a, xp, want);
	snprintf(xp, sizeof(xp), "string(%s/pager/@total)", list);
	snprintf(want, sizeof(want), "%d", total);
	ck_xpath_eq(a, xp, want);
	snprintf(xp, sizeof(xp), "%s/%s", list, row);
	ck_assert_int_eq(xpath_count(a, xp), rows);
	if (first != NULL) {
		snprintf(xp, sizeof(xp), "string(%s/%s[1]/@%s)", list, row,
		    strcmp(row, "record") == 0 ? "new" : "name");
		ck_xpath_eq(a, xp, first);
	}
}

/* The checks every person list shares, on path (?q= and ?page=
 * appended): pages of 50 in person order, the count, bad page numbers,
 * the search by 姓名 and by 身份证号 prefix, no foreign person. */
static void
ck_person_list(struct browser *b, const char *path)
{
	struct answer	 a;
	char		 url[256], xp[256];
	const char	*sep = strchr(path, '?') != NULL ? "&" : "?";

	get_ok(b, path, &a);
	ck_page(&a, "/page/persons", "person", 1, 3, LIST_PERSONS, 50,
	    "分页001");
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%spage=2", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 2, 3, LIST_PERSONS, 50,
	    "分页051");
	ck_xpath_eq(&a, "string(/page/persons/person[50]/@name)", "分页100");
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%spage=3", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 3, 3, LIST_PERSONS, 20,
	    "分页101");
	answer_free(&a);
	/* Bad page numbers: the first page, or the last when too big. */
	snprintf(url, sizeof(url), "%s%spage=-1", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 3, LIST_PERSONS, 50,
	    "分页001");
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%spage=abc", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 3, LIST_PERSONS, 50, NULL);
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%spage=0", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 3, LIST_PERSONS, 50, NULL);
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%spage=99999999999999999999", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 3, 3, LIST_PERSONS, 20,
	    "分页101");
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%spage=4", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 3, 3, LIST_PERSONS, 20, NULL);
	answer_free(&a);
	/* A person of page 3 found by the beginning of the name. */
	snprintf(url, sizeof(url), "%s%sq=%%E5%%88%%86%%E9%%A1%%B5119", path,
	    sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 1, 1, 1, "分页119");
	ck_xpath_eq(&a, "string(/page/persons/@q)", "分页119");
	answer_free(&a);
	/* 分页11: 分页110 … 分页119 and nobody else. */
	snprintf(url, sizeof(url), "%s%sq=%%E5%%88%%86%%E9%%A1%%B511", path,
	    sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 1, 10, 10, "分页110");
	answer_free(&a);
	/* By 身份证号: the whole number, then its beginning, paged, with
	 * the term kept in the links. */
	snprintf(url, sizeof(url), "%s%sq=%s0077", path, sep, list_prefix);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 1, 1, 1, "分页077");
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%sq=%s00&page=2", path, sep,
	    list_prefix);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 2, 2, 99, 49, "分页051");
	snprintf(url, sizeof(url), "%.*s?q=%s00&", (int)strcspn(path, "?"),
	    path, list_prefix);
	ck_xpath_eq(&a, "string(/page/persons/pager/@base)", url);
	answer_free(&a);
	/* The name of another unit's person: never listed. */
	snprintf(url, sizeof(url), "%s%sq=%%E5%%88%%86%%E9%%A1%%B5", path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 3, LIST_PERSONS, 50, NULL);
	snprintf(xp, sizeof(xp), "/page/persons/person[@name = '%s']",
	    foreign_name);
	ck_assert_int_eq(xpath_count(&a, xp), 0);
	answer_free(&a);
	snprintf(url, sizeof(url), "%s%sq=%%E5%%88%%86%%E9%%A1%%B5%%E5%%A4%%96",
	    path, sep);
	get_ok(b, url, &a);
	ck_page(&a, "/page/persons", "person", 1, 1, 0, 0, NULL);
	answer_free(&a);
}

START_TEST(lists_jianyuan_paged)
{
	struct browser	 b;
	struct answer	 a;
	char		 url[128];
	int		 n;

	lists_login(&b);
	ck_person_list(&b, "/jianyuan");
	/* The HTML: the count and the links, the search term kept. */
	ck_assert_int_eq(http_get(&b, "/jianyuan?page=2", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "共 <span class=\"pager-total\">"
	    "120</span> 人,第 2/3 页"));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/jianyuan?page=1\" "
	    "rel=\"prev\">上一页</a>"));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/jianyuan?page=3\" "
	    "rel=\"next\">下一页</a>"));
	answer_free(&a);
	snprintf(url, sizeof(url), "/jianyuan?q=%s", list_prefix);
	ck_assert_int_eq(http_get(&b, url, 0, &a), 200);
	snprintf(url, sizeof(url), "href=\"/jianyuan?q=%s&amp;page=2\"",
	    list_prefix);
	ck_assert_ptr_nonnull(strstr(a.body, url));
	answer_free(&a);
	/* The other unit sees its own person by that name, not ours. */
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	n = (int)db_int("SELECT COUNT(*) FROM persons p JOIN insurance i ON "
	    "i.person_id = p.id JOIN accounts a ON a.unit_id = i.unit_id WHERE "
	    "a.username = 'demo-b' AND p.name = '分页外单位'");
	ck_assert_int_ge(n, 1);
	get_ok(&b, "/jianyuan?q=%E5%88%86%E9%A1%B5", &a);
	ck_page(&a, "/page/persons", "person", 1, 1, n, n, foreign_name);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person[@name != "
	    "'分页外单位']"), 0);
	answer_free(&a);
}
END_TEST

START_TEST(lists_tuigong_pick_paged)
{
	struct browser	 b;
	struct answer	 a;

	lists_login(&b);
	ck_person_list(&b, "/tuigong");
	ck_person_list(&b, "/tuigong/timeline");
	/* The pick list opens on a search and links its pages. */
	ck_assert_int_eq(http_get(&b, "/tuigong?q=%E5%88%86%E9%A1%B5&page=2",
	    0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "<details class=\"pick\" "
	    "open"));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/tuigong?q=%E5%88%86%E9%"
	    "A1%B5&amp;page=3\" rel=\"next\">下一页</a>"));
	answer_free(&a);
}
END_TEST

START_TEST(lists_biangeng_paged)
{
	struct browser	 b;
	struct answer	 a;

	lists_login(&b);
	ck_person_list(&b, "/biangeng/person");
	/* 变更记录: newest first, 50 a page. */
	get_ok(&b, "/biangeng/records", &a);
	ck_page(&a, "/page/records", "record", 1, 2, LIST_RECORDS, 50,
	    "记录060");
	answer_free(&a);
	get_ok(&b, "/biangeng/records?page=2", &a);
	ck_page(&a, "/page/records", "record", 2, 2, LIST_RECORDS, 10,
	    "记录010");
	ck_xpath_eq(&a, "string(/page/records/record[10]/@new)", "记录001");
	answer_free(&a);
	get_ok(&b, "/biangeng/records?page=-5", &a);
	ck_page(&a, "/page/records", "record", 1, 2, LIST_RECORDS, 50, NULL);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/biangeng/records?page=2", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "共 <span class=\"pager-total\">"
	    "60</span> 条,第 2/2 页"));
	answer_free(&a);
}
END_TEST

static Suite *
lists_suite(void)
{
	Suite	*s = suite_create("lists");
	TCase	*tc;

	tc = tcase_create("lists");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, lists_jianyuan_paged);
	tcase_add_test(tc, lists_tuigong_pick_paged);
	tcase_add_test(tc, lists_biangeng_paged);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(lists_suite)
