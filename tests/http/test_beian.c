/*
 * test_beian.c: 备案查询 (/beian, /beian/reg, /beian/export) through the
 * real nginx with client certificates.  A unit of its own holds 120
 * registrations 备案001 … 备案120 (valid 身份证号, registered on
 * consecutive days from 2026-01-02, every 15th 已撤销, every other 10th
 * 已退工), so that the counts are exact: the list newest first, 50 a
 * page, each search (姓名 exactly, 身份证号, 合同编号, status, 登记日期)
 * with the search kept in the pager's links, the detail with its
 * history and actions, another unit's registration a 404 page in
 * Chinese, hostile search text refused or escaped, the export a real
 * .xlsx (read back with lib/xlsx.c) with a UTF-8 file name, and the
 * employee's timeline starting at 用工备案.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"
#include "xlsx.h"

#define BA_REGS		120

static char	 ba_user[32];		/* the unit's account and certificate */
static char	 ba_unit[24];		/* its id */
static int	 ba_base;		/* what makes its numbers unique */
static char	 ba_foreign[24];	/* an employment of demo-b */

/* The 身份证号 of registration i into idno[19]: 110101, born
 * 1987-06-15, sequence i, and the GB 11643 check character. */
static void
ba_idno(int i, char idno[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
				    9, 10, 5, 8, 4, 2 };
	static const char	 chk[] = "10X98765432";
	int			 k, sum = 0;

	snprintf(idno, 19, "11010119870615%03d", i);
	for (k = 0; k < 17; k++)
		sum += (idno[k] - '0') * w[k];
	idno[17] = chk[sum % 11];
	idno[18] = '\0';
}

/* Makes the suite's unit, its account with a certificate and its
 * registrations (of BA_REGS persons made once, shared by the test
 * processes of a run), and notes an employment of demo-b. */
static void
ba_world(void)
{
	char	 cmd[1024], q[512], idno[19], *sql, *v;
	size_t	 n, cap = 128 * BA_REGS + 256;
	int	 i;

	if (ba_user[0] != '\0')
		return;
	ba_base = (int)(getpid() % 90000) + 10000;
	snprintf(ba_user, sizeof(ba_user), "beian%d", ba_base);
	snprintf(cmd, sizeof(cmd), "sh %s/certs/issue.sh %s %s 备案测试单位%d "
	    "%s >/dev/null 2>&1", getenv("HALL_TEST_SRC"),
	    getenv("HALL_TEST_CERTS"), ba_user, ba_base, ba_user);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(q, sizeof(q), "INSERT INTO units (uscc, name, sb_code) VALUES "
	    "('91420100BA%d', '备案测试单位%d', 'BA%d') RETURNING id", ba_base,
	    ba_base, ba_base);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(ba_unit, sizeof(ba_unit), "%s", v);
	free(v);
	snprintf(cmd, sizeof(cmd), "account-add unit %s 备案经办 %s "
	    "2>/dev/null", ba_user, ba_unit);
	ck_assert_int_eq(admin(cmd, NULL), 0);
	snprintf(q, sizeof(q), "%s.crt", ba_user);
	snprintf(cmd, sizeof(cmd), "-c %s cert-bind %s %s 2>/dev/null",
	    cert_path("ca.crt"), ba_user, cert_path(q));
	ck_assert_int_eq(admin(cmd, NULL), 0);
	/* Persons: numbers of the suite's own birth date; a test process
	 * after the first finds them made. */
	sql = malloc(cap);
	ck_assert_ptr_nonnull(sql);
	n = (size_t)snprintf(sql, cap, "INSERT OR IGNORE INTO persons (idno, "
	    "name, sex, birth) VALUES ");
	for (i = 1; i <= BA_REGS; i++) {
		ba_idno(i, idno);
		n += (size_t)snprintf(sql + n, cap - n, "%s('%s', "
		    "printf('备案%%03d', %d), '男', '1987-06-15')",
		    i > 1 ? ", " : "", idno, i);
	}
	db_exec(sql);
	free(sql);
	/* Registrations: contract BA<base>-i registered 2026-01-01 + i. */
	snprintf(q, sizeof(q), "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, registered_at, status) SELECT id, %s, "
	    "'BA%d-' || CAST(substr(idno, 15, 3) AS INTEGER), '2025-12-01', "
	    "date('2026-01-01', '+' || CAST(substr(idno, 15, 3) AS INTEGER) "
	    "|| ' days'), CASE WHEN CAST(substr(idno, 15, 3) AS INTEGER) %% "
	    "15 = 0 THEN '已撤销' WHEN CAST(substr(idno, 15, 3) AS INTEGER) "
	    "%% 10 = 0 THEN '已退工' ELSE '在职' END FROM persons WHERE "
	    "idno LIKE '11010119870615%%' AND birth = '1987-06-15' AND name "
	    "LIKE '备案%%'", ba_unit, ba_base);
	db_exec(q);
	v = db_query("SELECT id FROM employments WHERE unit_id = (SELECT "
	    "unit_id FROM accounts WHERE username = 'demo-b') LIMIT 1");
	ck_assert_ptr_nonnull(v);
	snprintf(ba_foreign, sizeof(ba_foreign), "%s", v);
	free(v);
}

/* Logs b in as the suite's unit. */
static void
ba_login(struct browser *b)
{
	ba_world();
	browser_init(b, ba_user);
	ck_assert_int_eq(login(b, ba_user), 0);
}

/* GETs path as XML, asserting status want. */
static void
ba_get(struct browser *b, const char *path, long want, struct answer *a)
{
	ck_assert_msg(http_get(b, path, 1, a) == want, "GET %s: %ld", path,
	    a->status);
}

/* Asserts the list of a: total rows, page of pages, rows on it, the
 * first row's 姓名 (NULL: not checked). */
static void
ba_ck_list(struct answer *a, int total, int page, int pages, int rows,
    const char *first)
{
	char	 want[16];

	snprintf(want, sizeof(want), "%d", total);
	ck_xpath_eq(a, "string(/page/registrations/pager/@total)", want);
	snprintf(want, sizeof(want), "%d", page);
	ck_xpath_eq(a, "string(/page/registrations/pager/@page)", want);
	snprintf(want, sizeof(want), "%d", pages);
	ck_xpath_eq(a, "string(/page/registrations/pager/@pages)", want);
	ck_assert_int_eq(xpath_count(a, "/page/registrations/reg"), rows);
	if (first != NULL)
		ck_xpath_eq(a, "string(/page/registrations/reg[1]/@name)",
		    first);
}

START_TEST(beian_list_paged_newest_first)
{
	struct browser	 b;
	struct answer	 a;

	ba_login(&b);
	ba_get(&b, "/beian", 200, &a);
	ba_ck_list(&a, BA_REGS, 1, 3, 50, "备案120");
	ck_xpath_eq(&a, "string(/page/registrations/reg[50]/@name)",
	    "备案071");
	ck_xpath_eq(&a, "string(/page/registrations/reg[1]/@registered)",
	    "2026-05-01");
	ck_xpath_eq(&a, "string(/page/registrations/reg[1]/@status)", "已撤销");
	ck_xpath_eq(&a, "string(/page/registrations/pager/@base)", "/beian?");
	ck_xpath_eq(&a, "string(/page/@category)", "jiuye");
	answer_free(&a);
	ba_get(&b, "/beian?page=3", 200, &a);
	ba_ck_list(&a, BA_REGS, 3, 3, 20, "备案020");
	ck_xpath_eq(&a, "string(/page/registrations/reg[20]/@name)",
	    "备案001");
	answer_free(&a);
	ba_get(&b, "/beian?page=abc", 200, &a);
	ba_ck_list(&a, BA_REGS, 1, 3, 50, "备案120");
	answer_free(&a);
	ba_get(&b, "/beian?page=99999999999999", 200, &a);
	ba_ck_list(&a, BA_REGS, 3, 3, 20, "备案020");
	answer_free(&a);
	/* As a browser sees it: the rows link to their detail, the pager
	 * counts 条, and the export link is there. */
	ck_assert_int_eq(http_get(&b, "/beian?page=2", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "共 <span class=\"pager-total\">"
	    "120</span> 条,第 2/3 页"));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/beian/reg?id="));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/beian/export\""));
	ck_assert_ptr_nonnull(strstr(a.body, "备案查询"));
	answer_free(&a);
}
END_TEST

START_TEST(beian_search_each_filter)
{
	struct browser	 b;
	struct answer	 a;
	char		 url[256], idno[19];

	ba_login(&b);
	/* 姓名, exactly: 备案077 (%E5%A4%87%E6%A1%88 = 备案). */
	ba_get(&b, "/beian?name=%E5%A4%87%E6%A1%88077", 200, &a);
	ba_ck_list(&a, 1, 1, 1, 1, "备案077");
	ck_xpath_eq(&a, "string(/page/query/@name)", "备案077");
	answer_free(&a);
	ba_get(&b, "/beian?name=%E5%A4%87%E6%A1%8807", 200, &a);
	ba_ck_list(&a, 0, 1, 1, 0, NULL);
	answer_free(&a);
	/* 身份证号. */
	ba_idno(42, idno);
	snprintf(url, sizeof(url), "/beian?idno=%s", idno);
	ba_get(&b, url, 200, &a);
	ba_ck_list(&a, 1, 1, 1, 1, "备案042");
	ck_xpath_eq(&a, "string(/page/registrations/reg[1]/@idno)", idno);
	answer_free(&a);
	/* 合同编号. */
	snprintf(url, sizeof(url), "/beian?contract=BA%d-99", ba_base);
	ba_get(&b, url, 200, &a);
	ba_ck_list(&a, 1, 1, 1, 1, "备案099");
	answer_free(&a);
	/* Status: 已撤销 (every 15th: 8), 已退工 (every other 10th: 8). */
	ba_get(&b, "/beian?status=%E5%B7%B2%E6%92%A4%E9%94%80", 200, &a);
	ba_ck_list(&a, 8, 1, 1, 8, "备案120");
	ck_xpath_eq(&a, "string(/page/registrations/reg[8]/@name)", "备案015");
	answer_free(&a);
	ba_get(&b, "/beian?status=%E5%B7%B2%E9%80%80%E5%B7%A5", 200, &a);
	ba_ck_list(&a, 8, 1, 1, 8, "备案110");
	answer_free(&a);
	/* 在职, page 2, the status kept in the pager's links. */
	ba_get(&b, "/beian?status=%E5%9C%A8%E8%81%8C&page=2", 200, &a);
	ba_ck_list(&a, 104, 2, 3, 50, NULL);
	ck_xpath_eq(&a, "string(/page/registrations/pager/@base)",
	    "/beian?status=%E5%9C%A8%E8%81%8C&");
	ck_xpath_eq(&a, "string(/page/query/@export)",
	    "/beian/export?status=%E5%9C%A8%E8%81%8C");
	answer_free(&a);
	/* 登记日期: February (备案031 … 备案058), both ends included. */
	ba_get(&b, "/beian?from=2026-02-01&to=2026-02-28", 200, &a);
	ba_ck_list(&a, 28, 1, 1, 28, "备案058");
	ck_xpath_eq(&a, "string(/page/registrations/reg[28]/@name)",
	    "备案031");
	answer_free(&a);
	/* Dates and status together. */
	ba_get(&b, "/beian?from=2026-02-01&to=2026-02-28&status="
	    "%E5%B7%B2%E6%92%A4%E9%94%80", 200, &a);
	ba_ck_list(&a, 1, 1, 1, 1, "备案045");
	answer_free(&a);
}
END_TEST

START_TEST(beian_detail_and_foreign_404)
{
	struct browser	 b;
	struct answer	 a;
	char		 q[512], url[128], id[24], task[24], *v;

	ba_login(&b);
	/* Registration 备案007, made by a 用工备案 task of this unit. */
	snprintf(q, sizeof(q), "SELECT id FROM employments WHERE "
	    "contract_no = 'BA%d-7'", ba_base);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(id, sizeof(id), "%s", v);
	free(v);
	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, created_at, submitted_at, decided_at, updated_at) VALUES "
	    "('YGBA%d', 'yonggong', %s, '结束', 1767225600, 1767225600, "
	    "1767225600, 0) RETURNING id", ba_base, ba_unit);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(task, sizeof(task), "%s", v);
	free(v);
	snprintf(q, sizeof(q), "UPDATE employments SET reg_task_id = %s, "
	    "hire_date = '2026-01-05' WHERE id = %s", task, id);
	db_exec(q);
	snprintf(url, sizeof(url), "/beian/reg?id=%s", id);
	ba_get(&b, url, 200, &a);
	ck_xpath_eq(&a, "string(/page/registration/@name)", "备案007");
	ck_xpath_eq(&a, "string(/page/registration/@hire-date)", "2026-01-05");
	ck_xpath_eq(&a, "string(/page/registration/@status)", "在职");
	ck_xpath_eq(&a, "string(/page/person/@sex)", "男");
	ck_xpath_eq(&a, "string(/page/history/event[1]/@role)", "用工备案");
	snprintf(q, sizeof(q), "YGBA%d", ba_base);
	ck_xpath_eq(&a, "string(/page/history/event[1]/@seq)", q);
	ck_xpath_eq(&a, "string(/page/history/event[1]/@state)", "结束");
	snprintf(q, sizeof(q), "/chexiao?emp=%s", id);
	ck_xpath_eq(&a, "string(/page/actions/action[@kind = 'chexiao']/@href)",
	    q);
	snprintf(q, sizeof(q), "/print/yonggong?id=%s", task);
	ck_xpath_eq(&a, "string(/page/actions/action[@kind = 'print']/@href)",
	    q);
	ck_assert_int_eq(xpath_count(&a, "/page/actions/action[@kind = "
	    "'tuigong']"), 1);
	answer_free(&a);
	/* 已撤销 (备案015): no 撤销, no 退工, no printout. */
	snprintf(q, sizeof(q), "SELECT id FROM employments WHERE "
	    "contract_no = 'BA%d-15'", ba_base);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(url, sizeof(url), "/beian/reg?id=%s", v);
	free(v);
	ba_get(&b, url, 200, &a);
	ck_xpath_eq(&a, "string(/page/registration/@status)", "已撤销");
	ck_assert_int_eq(xpath_count(&a, "/page/actions/action[@kind = "
	    "'chexiao' or @kind = 'tuigong' or @kind = 'print']"), 0);
	answer_free(&a);
	/* As a browser: the history and the actions. */
	snprintf(url, sizeof(url), "/beian/reg?id=%s", id);
	ck_assert_int_eq(http_get(&b, url, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "打印《用工备案表》"));
	ck_assert_ptr_nonnull(strstr(a.body, "办理记录"));
	answer_free(&a);
	/* Another unit's registration, a missing one, a malformed id: the
	 * hall's Chinese 404 page, the code only in the XML. */
	snprintf(url, sizeof(url), "/beian/reg?id=%s", ba_foreign);
	ck_assert_int_eq(http_get(&b, url, 0, &a), 404);
	ck_assert_ptr_nonnull(strstr(a.body, "本单位未找到该用工备案"));
	ck_assert_ptr_null(strstr(a.body, "NOT_FOUND"));
	ck_assert_ptr_null(strstr(a.body, "/chexiao?emp="));
	answer_free(&a);
	ba_get(&b, url, 404, &a);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_FOUND");
	ck_assert_int_eq(xpath_count(&a, "/page/registration"), 0);
	answer_free(&a);
	ba_get(&b, "/beian/reg?id=999999999", 404, &a);
	answer_free(&a);
	ba_get(&b, "/beian/reg?id=1%27%20OR%201=1", 404, &a);
	answer_free(&a);
	/* demo-b cannot open ours. */
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	snprintf(url, sizeof(url), "/beian/reg?id=%s", id);
	ba_get(&b, url, 404, &a);
	answer_free(&a);
	ba_get(&b, "/beian?name=%E5%A4%87%E6%A1%88007", 200, &a);
	ck_assert_int_eq(xpath_count(&a, "/page/registrations/reg"), 0);
	answer_free(&a);
}
END_TEST

START_TEST(beian_hostile_search)
{
	struct browser	 b;
	struct answer	 a;
	char		 url[2400];
	int		 i;

	ba_login(&b);
	/* Markup: a name nobody has, echoed escaped. */
	ck_assert_int_eq(http_get(&b, "/beian?name=%3Cscript%3Ealert(1)%3C"
	    "%2Fscript%3E", 0, &a), 200);
	ck_assert_ptr_null(strstr(a.body, "<script>alert(1)"));
	ck_assert_ptr_nonnull(strstr(a.body, "&lt;script&gt;alert(1)"));
	ck_assert_ptr_nonnull(strstr(a.body, "暂无记录"));
	answer_free(&a);
	/* SQL: only text, matching nothing, the rows all still there. */
	ba_get(&b, "/beian?name=%27%20OR%20%271%27%3D%271&contract="
	    "x%27%3B%20DROP%20TABLE%20employments%3B--", 200, &a);
	ck_assert_int_eq(xpath_count(&a, "/page/registrations/reg"), 0);
	answer_free(&a);
	ba_get(&b, "/beian", 200, &a);
	ba_ck_list(&a, BA_REGS, 1, 3, 50, "备案120");
	answer_free(&a);
	/* Too long: refused with a message, no list. */
	snprintf(url, sizeof(url), "/beian?name=");
	for (i = 0; i < 600; i++)
		strcat(url, "A");
	ck_assert_int_eq(http_get(&b, url, 0, &a), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "查询条件有误"));
	ck_assert_ptr_null(strstr(a.body, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
	answer_free(&a);
	/* A status that is none, a bad number, a bad date, dates the wrong
	 * way round: 422, each named. */
	ba_get(&b, "/beian?status=%3Cb%3E", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "status");
	ck_assert_int_eq(xpath_count(&a, "/page/registrations"), 0);
	answer_free(&a);
	ba_get(&b, "/beian?idno=110101199001011230", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "idno");
	answer_free(&a);
	ba_get(&b, "/beian?from=2026-13-45", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "from");
	answer_free(&a);
	ba_get(&b, "/beian?from=2026-03-01&to=2026-02-01", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "to");
	answer_free(&a);
	/* Control characters and broken UTF-8. */
	ba_get(&b, "/beian?name=%01%02", 422, &a);
	answer_free(&a);
	ba_get(&b, "/beian?name=%FF%FE", 422, &a);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/beian/export?name=%FF", 0, &a), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "查询条件有误"));
	answer_free(&a);
}
END_TEST

/* Reads the .xlsx body of a (asserting it is one) into sh. */
static void
ba_xlsx(const struct answer *a, struct xlsx_sheet *sh)
{
	ck_assert_int_eq(a->status, 200);
	ck_assert_str_eq(a->ctype, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet");
	ck_assert_uint_gt(a->bodysz, 4);
	ck_assert_int_eq(memcmp(a->body, "PK\x03\x04", 4), 0);
	ck_assert_int_eq(xlsx_read(a->body, a->bodysz, sh), XLSX_OK);
}

START_TEST(beian_export_xlsx)
{
	struct browser		 b;
	struct answer		 a;
	struct xlsx_sheet	 sh;
	size_t			 i;

	ba_login(&b);
	http_get(&b, "/beian/export", 0, &a);
	ba_xlsx(&a, &sh);
	/* 用工备案登记清单-…xlsx, the RFC 5987 UTF-8 name. */
	ck_assert_ptr_nonnull(strstr(a.disposition, "attachment;"));
	ck_assert_ptr_nonnull(strstr(a.disposition, "filename*=UTF-8''"
	    "%E7%94%A8%E5%B7%A5%E5%A4%87%E6%A1%88%E7%99%BB%E8%AE%B0%E6%B8%85"
	    "%E5%8D%95-"));
	ck_assert_ptr_nonnull(strstr(a.disposition, ".xlsx"));
	answer_free(&a);
	ck_assert_uint_eq(sh.nrows, BA_REGS + 1);
	ck_assert_str_eq(sh.rows[0].cells[0], "姓名");
	ck_assert_str_eq(sh.rows[0].cells[1], "身份证号");
	ck_assert_str_eq(sh.rows[1].cells[0], "备案120");
	ck_assert_str_eq(sh.rows[BA_REGS].cells[0], "备案001");
	for (i = 1; i < sh.nrows; i++)
		ck_assert_int_eq(strncmp(sh.rows[i].cells[0], "备案", 6), 0);
	xlsx_free(&sh);
	/* The same filters as the list. */
	http_get(&b, "/beian/export?status=%E5%B7%B2%E6%92%A4%E9%94%80", 0,
	    &a);
	ba_xlsx(&a, &sh);
	answer_free(&a);
	ck_assert_uint_eq(sh.nrows, 9);
	ck_assert_str_eq(sh.rows[1].cells[0], "备案120");
	ck_assert_str_eq(sh.rows[1].cells[14], "已撤销");
	xlsx_free(&sh);
	/* Another unit's export holds none of ours. */
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	http_get(&b, "/beian/export", 0, &a);
	ba_xlsx(&a, &sh);
	answer_free(&a);
	for (i = 1; i < sh.nrows; i++)
		ck_assert_int_ne(strncmp(sh.rows[i].cells[0], "备案", 6), 0);
	xlsx_free(&sh);
}
END_TEST

START_TEST(beian_timeline_starts_at_registration)
{
	struct browser	 b;
	struct answer	 a;
	char		 url[96], idno[19];

	ba_login(&b);
	ba_idno(33, idno);
	snprintf(url, sizeof(url), "/tuigong/timeline?sfzh=%s", idno);
	ba_get(&b, url, 200, &a);
	ck_xpath_eq(&a, "string(/page/timeline/step[1]/@kind)", "用工备案");
	ck_xpath_eq(&a, "string(/page/timeline/step[1]/@date)", "2026-02-03");
	answer_free(&a);
	/* 备案045 was revoked: its timeline ends with the 撤销. */
	db_exec("UPDATE employments SET revoked_at = '2026-03-03 09:00:00' "
	    "WHERE status = '已撤销' AND revoked_at IS NULL AND "
	    "contract_no LIKE 'BA%'");
	ba_idno(45, idno);
	snprintf(url, sizeof(url), "/tuigong/timeline?sfzh=%s", idno);
	ba_get(&b, url, 200, &a);
	ck_xpath_eq(&a, "string(/page/timeline/step[1]/@kind)", "用工备案");
	ck_xpath_eq(&a, "string(/page/timeline/step[last()]/@kind)", "撤销");
	ck_xpath_eq(&a, "string(/page/timeline/step[last()]/@date)",
	    "2026-03-03");
	answer_free(&a);
}
END_TEST

static Suite *
beian_suite(void)
{
	Suite	*s = suite_create("beian");
	TCase	*tc;

	tc = tcase_create("beian");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, beian_list_paged_newest_first);
	tcase_add_test(tc, beian_search_each_filter);
	tcase_add_test(tc, beian_detail_and_foreign_404);
	tcase_add_test(tc, beian_hostile_search);
	tcase_add_test(tc, beian_export_xlsx);
	tcase_add_test(tc, beian_timeline_starts_at_registration);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(beian_suite)
