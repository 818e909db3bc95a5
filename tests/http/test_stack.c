/*
 * test_stack.c: the stack end to end through the real nginx with real
 * client certificates: certificates refused, login and lockout, the
 * initial password, sessions bound to certificates, CSRF, ownership,
 * 信息变更, the desks closed to the wrong role, the reviewer desk (回退原因
 * checked, 审核记录, 曾回退, batch approval, paging), XML answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <sys/types.h>

#include "../suites.h"
#include "client.h"

/* A person of the given demo account's unit, as "id|idno". */
static void
person_of(const char *username, char *id, size_t idsz, char *idno,
    size_t idnosz)
{
	char	 sql[512], *v;

	snprintf(sql, sizeof(sql), "SELECT p.id || '|' || p.idno FROM persons "
	    "p JOIN employments e ON e.person_id = p.id JOIN accounts a ON "
	    "a.unit_id = e.unit_id WHERE a.username = '%s' AND e.status = "
	    "'在职' ORDER BY p.id LIMIT 1", username);
	v = db_query(sql);
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(strchr(v, '|'));
	*strchr(v, '|') = '\0';
	snprintf(id, idsz, "%s", v);
	snprintf(idno, idnosz, "%s", v + strlen(v) + 1);
	free(v);
}

/* Fetches the status of GET path with certificate cert and no session. */
static long
status_with_cert(const char *cert, const char *path)
{
	struct browser	 b;
	struct answer	 a;
	long		 st;

	browser_init(&b, cert);
	st = http_get(&b, path, 1, &a);
	/* nginx's refusal of a certificate is the hall's page in Chinese,
	 * saying what to do. */
	if (st == 400)
		ck_assert_msg(strstr(a.body, "未能识别有效的数字证书") != NULL &&
		    strstr(a.body, "经办机构") != NULL, "%s: %.200s", cert,
		    a.body);
	answer_free(&a);
	return st;
}

START_TEST(certs_bad_none)
{
	ck_assert_int_eq(status_with_cert("", "/home"), 400);
	ck_assert_int_eq(status_with_cert("", "/login"), 400);
}
END_TEST

START_TEST(certs_bad_revoked)
{
	ck_assert_int_eq(status_with_cert("revoked", "/login"), 400);
}
END_TEST

START_TEST(certs_bad_expired)
{
	ck_assert_int_eq(status_with_cert("expired", "/login"), 400);
}
END_TEST

START_TEST(certs_bad_foreign)
{
	ck_assert_int_eq(status_with_cert("foreign", "/login"), 400);
}
END_TEST

START_TEST(certs_good_needs_login)
{
	struct browser	 b;
	struct answer	 a;

	browser_init(&b, "unit-a");
	/* To the login page, which returns to the page asked for. */
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 303);
	ck_assert_str_eq(a.location, "/login?next=%2Fhome");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home", 1, &a), 401);
	ck_xpath_eq(&a, "string(/page/error/@code)", "LOGIN_REQUIRED");
	ck_xpath_eq(&a, "string(/page/error)", "请先登录");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/login", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "login");
	answer_free(&a);
}
END_TEST

START_TEST(certs_expiry_warning)
{
	struct browser	 b;
	struct answer	 a;
	char		*days;

	/* unit-soon is demo-vip's second certificate, 10 days from expiry. */
	browser_init(&b, "unit-soon");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	ck_assert_int_eq(http_get(&b, "/home", 1, &a), 200);
	days = xpath_str(&a, "string(/page/session/@cert-days-left)");
	ck_assert_int_le(atoi(days), 30);
	ck_assert_int_ge(atoi(days), 0);
	free(days);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "数字证书将于"));
	answer_free(&a);
	/* The unit's usual certificate is far from expiry: no warning. */
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 200);
	ck_assert_ptr_null(strstr(a.body, "数字证书将于"));
	answer_free(&a);
}
END_TEST

/* The local time of the hall (UTC+8) offset by secs, as the clock file
 * wants it. */
static void
hall_time(long secs, char buf[32])
{
	time_t		 t = time(NULL) + 8 * 3600 + secs;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

START_TEST(login_bad_password_locks)
{
	struct browser	 b;
	struct answer	 a;
	char		 when[32];
	int		 i;

	ck_assert_int_eq(set_password("demo-b", TEST_PASSWORD, 0), 0);
	browser_init(&b, "unit-b");
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(http_post(&b, "/login", 0, &a, "username",
		    "demo-b", "password", "Wrong-pass1", NULL), 401);
		ck_assert_str_eq(b.cookie, "");
		/* The fifth failure says at once that the account is locked. */
		ck_assert_int_eq(xpath_count(&a, "/page/locked"), i == 4);
		answer_free(&a);
	}
	/* The sixth try, even with the right password, is refused. */
	ck_assert_int_eq(http_post(&b, "/login", 0, &a, "username", "demo-b",
	    "password", TEST_PASSWORD, NULL), 403);
	ck_xpath_eq(&a, "string(/page/@view)", "locked");
	ck_assert_int_ne(xpath_count(&a, "/page/locked[@until != '']"), 0);
	ck_assert_str_eq(b.cookie, "");
	answer_free(&a);
	/* Sixteen minutes later the lock is gone. */
	hall_time(16 * 60, when);
	set_clock(when);
	ck_assert_int_eq(http_post(&b, "/login", 0, &a, "username", "demo-b",
	    "password", TEST_PASSWORD, NULL), 303);
	answer_free(&a);
	set_clock(NULL);
	ck_assert_str_ne(b.cookie, "");
}
END_TEST

START_TEST(login_bad_other_username)
{
	struct browser	 b;
	struct answer	 a;

	ck_assert_int_eq(set_password("demo-b", TEST_PASSWORD, 0), 0);
	browser_init(&b, "unit-a");
	/* unit A's certificate acts for unit A only. */
	ck_assert_int_eq(http_post(&b, "/login", 0, &a, "username", "demo-b",
	    "password", TEST_PASSWORD, NULL), 401);
	ck_assert_str_eq(b.cookie, "");
	/* It says why, and whose the certificate is. */
	ck_xpath_eq(&a, "string(/page/message[@kind='warn'])",
	    "用户名与数字证书不符:此证书属于账户 demo-a。请用该账户登录,"
	    "或换用账户 demo-b 的数字证书。");
	ck_xpath_eq(&a, "string(/page/cert/@username)", "demo-a");
	answer_free(&a);
}
END_TEST

START_TEST(login_initial_password_first)
{
	struct browser	 b;
	struct answer	 a;
	char		*csrf;

	ck_assert_int_eq(set_password("demo-a", "Init2026pw", 1), 0);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(http_post(&b, "/login", 0, &a, "username", "demo-a",
	    "password", "Init2026pw", NULL), 303);
	ck_assert_str_eq(a.location, "/login/password");
	answer_free(&a);
	/* Nothing else before the change. */
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 303);
	ck_assert_str_eq(a.location, "/login/password");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/biangeng/unit", 1, &a), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "MUST_CHANGE_PASSWORD");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/login/password", 1, &a), 200);
	csrf = xpath_str(&a, "string(/page/session/@csrf)");
	snprintf(b.csrf, sizeof(b.csrf), "%s", csrf);
	free(csrf);
	answer_free(&a);
	/* Wrong old password, weak new password, mismatch. */
	ck_assert_int_eq(http_post(&b, "/login/password", 1, &a, "old", "nope",
	    "pw", "Abcdefg123", "pw2", "Abcdefg123", NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='old']"), 1);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/login/password", 1, &a, "old",
	    "Init2026pw", "pw", "short", "pw2", "short", NULL), 422);
	ck_assert_int_ge(xpath_count(&a, "/page/errors/error[@field='pw']"), 1);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/login/password", 1, &a, "old",
	    "Init2026pw", "pw", "Abcdefg123", "pw2", "Abcdefg124", NULL), 422);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/login/password", 1, &a, "old",
	    "Init2026pw", "pw", "Abcdefg123", "pw2", "Abcdefg123", NULL), 303);
	ck_assert_str_eq(a.location, "/home");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/session/@must-change)", "0");
	answer_free(&a);
}
END_TEST

START_TEST(session_bad_replayed_cookie)
{
	struct browser	 a_b, thief;
	struct answer	 a;

	browser_init(&a_b, "unit-a");
	ck_assert_int_eq(login(&a_b, "demo-a"), 0);
	ck_assert_int_eq(http_get(&a_b, "/home", 1, &a), 200);
	answer_free(&a);
	/* The same cookie presented with unit B's certificate. */
	browser_init(&thief, "unit-b");
	snprintf(thief.cookie, sizeof(thief.cookie), "%s", a_b.cookie);
	ck_assert_int_eq(http_get(&thief, "/home", 1, &a), 401);
	ck_assert_ptr_null(strstr(a.body, "武昌区示例商贸"));
	answer_free(&a);
}
END_TEST

START_TEST(session_bad_csrf)
{
	struct browser	 b;
	struct answer	 a;
	char		*before, *after;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	before = db_query("SELECT contact FROM units u JOIN accounts a ON "
	    "a.unit_id = u.id WHERE a.username = 'demo-a'");
	ck_assert_int_eq(http_post(&b, "/biangeng/unit", 0, &a, "contact",
	    "冒名", "phone", "13800138000", "address", "别处", NULL), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "CSRF");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/biangeng/unit", 0, &a, "csrf",
	    "00ff", "contact", "冒名", "phone", "13800138000", "address",
	    "别处", NULL), 403);
	answer_free(&a);
	after = db_query("SELECT contact FROM units u JOIN accounts a ON "
	    "a.unit_id = u.id WHERE a.username = 'demo-a'");
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(session_logout)
{
	struct browser	 b;
	struct answer	 a;
	char		 cookie[160];

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(cookie, sizeof(cookie), "%s", b.cookie);
	ck_assert_int_eq(http_post(&b, "/login/logout", 1, &a, NULL), 303);
	answer_free(&a);
	snprintf(b.cookie, sizeof(b.cookie), "%s", cookie);
	ck_assert_int_eq(http_get(&b, "/home", 1, &a), 401);
	answer_free(&a);
}
END_TEST

/* Inserts a task of demo-b's unit and returns its id as a string. */
static char *
fixture_task_of_b(void)
{
	free(db_query("INSERT OR IGNORE INTO tasks (seq_no, business, "
	    "unit_id, state, summary, created_at, updated_at) SELECT "
	    "'FIXTURE-B-1', 'fixture', unit_id, '未提交', 'B单位的业务', 0, 0 "
	    "FROM accounts WHERE username = 'demo-b'"));
	return db_query("SELECT id FROM tasks WHERE seq_no = 'FIXTURE-B-1'");
}

START_TEST(owner_bad_other_units_task)
{
	struct browser	 a_b, b_b;
	struct answer	 a;
	char		 path[128], sql[320], *id = fixture_task_of_b();

	ck_assert_str_ne(id, "");
	snprintf(path, sizeof(path), "/home/task?id=%s", id);
	browser_init(&a_b, "unit-a");
	ck_assert_int_eq(login(&a_b, "demo-a"), 0);
	ck_assert_int_eq(http_get(&a_b, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, "FIXTURE-B-1"));
	ck_assert_ptr_null(strstr(a.body, "B单位的业务"));
	answer_free(&a);
	ck_assert_int_eq(http_post(&a_b, "/home/cancel", 1, &a, "id", id,
	    NULL), 404);
	answer_free(&a);
	browser_init(&b_b, "unit-b");
	ck_assert_int_eq(login(&b_b, "demo-b"), 0);
	snprintf(sql, sizeof(sql), "INSERT INTO messages (unit_id, task_id, "
	    "at, title) SELECT unit_id, id, (SELECT COALESCE(MAX(at), 0) + 1 "
	    "FROM messages), 'fixture message' FROM tasks "
	    "WHERE id = %s", id);
	free(db_query(sql));
	ck_assert_int_eq(http_get(&a_b, "/home", 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/inbox/msg[. = 'fixture message']"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b_b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@seq)", "FIXTURE-B-1");
	answer_free(&a);
	/* Opening the task's status marks its messages read. */
	ck_assert_int_eq(http_get(&b_b, "/home", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/inbox/msg[. = 'fixture message']/@read)", "1");
	answer_free(&a);
	free(id);
}
END_TEST

START_TEST(owner_bad_other_units_person)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[32], idno[32], path[128], *before, *after, sql[256];

	person_of("demo-b", id, sizeof(id), idno, sizeof(idno));
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/biangeng/person?sfzh=%s", idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, idno));
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT mobile FROM persons WHERE id = %s", id);
	before = db_query(sql);
	ck_assert_int_eq(http_post(&b, "/biangeng/person", 1, &a, "id", id,
	    "mobile", "13911112222", NULL), 404);
	answer_free(&a);
	after = db_query(sql);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	/* Naming B's person in a 减员 neither works nor reveals who it is. */
	ck_assert_int_eq(http_post(&b, "/jianyuan/save", 1, &a, "reason",
	    "停缴费", "change_date", "2026-11-01", "pid", id, NULL), 422);
	ck_assert_ptr_null(strstr(a.body, idno));
	answer_free(&a);
}
END_TEST

/*
 * An error page shows a person the Chinese message and never the
 * machine code, which stays in the XML for other systems: an unknown
 * task (404 NOT_FOUND) and the reviewer desk asked by a unit (403
 * WRONG_ROLE).
 */
START_TEST(error_code_only_in_xml)
{
	static const struct {
		const char	*path;
		long		 status;
		const char	*code;
		const char	*heading;
	} t[] = {
		{ "/tuigong?id=999999", 404, "NOT_FOUND", "页面不存在" },
		{ "/review", 403, "WRONG_ROLE", "无权访问" },
	};
	struct browser	 b;
	struct answer	 a;
	char		 path[128], *msg;
	size_t		 i;

	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks WHERE "
	    "id = 999999"), 0);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(path, sizeof(path), "%s%cformat=xml", t[i].path,
		    strchr(t[i].path, '?') != NULL ? '&' : '?');
		ck_assert_int_eq(http_get(&b, path, 0, &a), t[i].status);
		ck_assert_ptr_nonnull(strstr(a.ctype, "xml"));
		ck_xpath_eq(&a, "string(/page/error/@code)", t[i].code);
		msg = xpath_str(&a, "normalize-space(/page/error)");
		ck_assert_str_ne(msg, "");
		answer_free(&a);
		ck_assert_int_eq(http_get(&b, t[i].path, 0, &a), t[i].status);
		ck_assert_ptr_nonnull(strstr(a.ctype, "text/html"));
		ck_assert_msg(strstr(a.body, t[i].code) == NULL,
		    "%s: %s shown in the HTML", t[i].path, t[i].code);
		ck_assert_msg(strstr(a.body, msg) != NULL,
		    "%s: message %s not in the HTML", t[i].path, msg);
		ck_assert_ptr_nonnull(strstr(a.body, t[i].heading));
		answer_free(&a);
		free(msg);
	}
}
END_TEST

START_TEST(biangeng_person_at_once)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[32], idno[32], path[128], sql[256], *v, *n0, *n1;

	person_of("demo-a", id, sizeof(id), idno, sizeof(idno));
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/biangeng/person?sfzh=%s", idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/person/@idno)", idno);
	answer_free(&a);
	n0 = db_query("SELECT count(*) FROM change_records");
	ck_assert_int_eq(http_post(&b, "/biangeng/person", 1, &a, "id", id,
	    "mobile", "13977776666", "address", "武汉市江岸区测试路1号",
	    "education", "大学本科", NULL), 200);
	ck_xpath_eq(&a, "string(/page/person/@mobile)", "13977776666");
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind='ok']"), 1);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT mobile FROM persons WHERE id = %s", id);
	v = db_query(sql);
	ck_assert_str_eq(v, "13977776666");
	free(v);
	n1 = db_query("SELECT count(*) FROM change_records");
	ck_assert_int_ge(atoi(n1) - atoi(n0), 2);
	free(n0);
	free(n1);
	ck_assert_int_eq(http_get(&b, "/biangeng/records", 1, &a), 200);
	ck_assert_int_ge(xpath_count(&a,
	    "/page/records/record[@new='13977776666']"), 1);
	answer_free(&a);
}
END_TEST

START_TEST(biangeng_bad_sensitive)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[32], idno[32], sql[256], *before, *after;

	person_of("demo-a", id, sizeof(id), idno, sizeof(idno));
	snprintf(sql, sizeof(sql), "SELECT name || birth || mobile FROM "
	    "persons WHERE id = %s", id);
	before = db_query(sql);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_post(&b, "/biangeng/person", 1, &a, "id", id,
	    "name", "改名", "mobile", "13966665555", NULL), 422);
	ck_assert_int_eq(xpath_count(&a,
	    "/page/errors/error[@field='name' and @code='SENSITIVE']"), 1);
	ck_assert_ptr_nonnull(strstr(a.body, "柜台"));
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/biangeng/person", 1, &a, "id", id,
	    "birth", "1990-01-01", NULL), 422);
	answer_free(&a);
	after = db_query(sql);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(biangeng_bad_values)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[32], idno[32];

	person_of("demo-a", id, sizeof(id), idno, sizeof(idno));
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_post(&b, "/biangeng/person", 1, &a, "id", id,
	    "mobile", "1234", "postcode", "43A000", "education", "博士后2",
	    NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='mobile']"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='postcode']"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='education']"), 1);
	/* What was typed comes back for correction. */
	ck_xpath_eq(&a, "string(/page/person/@mobile)", "1234");
	ck_xpath_eq(&a, "string(/page/person/@postcode)", "43A000");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/biangeng/person?sfzh=110105194912310021",
	    1, &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='sfzh']"), 1);
	answer_free(&a);
}
END_TEST

START_TEST(biangeng_escapes_user_text)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[32], idno[32], path[128];

	person_of("demo-a", id, sizeof(id), idno, sizeof(idno));
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_post(&b, "/biangeng/person", 1, &a, "id", id,
	    "mail_addr", "<script>alert(1)</script>\"'&", NULL), 200);
	answer_free(&a);
	snprintf(path, sizeof(path), "/biangeng/person?sfzh=%s", idno);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "text/html"));
	ck_assert_ptr_null(strstr(a.body, "<script>alert(1)"));
	ck_assert_ptr_nonnull(strstr(a.body, "&lt;script&gt;alert(1)"));
	answer_free(&a);
}
END_TEST

START_TEST(biangeng_unit_at_once)
{
	struct browser	 b;
	struct answer	 a;
	char		*v;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_post(&b, "/biangeng/unit", 1, &a, "contact",
	    "李经办", "phone", "027-87654321", "address", "武汉市武昌区中北路1号",
	    "email", "hr@example.cn", NULL), 200);
	ck_xpath_eq(&a, "string(/page/unit/@contact)", "李经办");
	answer_free(&a);
	v = db_query("SELECT contact FROM units u JOIN accounts a ON "
	    "a.unit_id = u.id WHERE a.username = 'demo-a'");
	ck_assert_str_eq(v, "李经办");
	free(v);
	ck_assert_int_eq(http_post(&b, "/biangeng/unit", 1, &a, "contact",
	    "李经办", "phone", "027-87654321", "address", "x", "uscc",
	    "91420100MA4KXXXX1X", NULL), 422);
	ck_assert_int_eq(xpath_count(&a,
	    "/page/errors/error[@code='SENSITIVE']"), 1);
	answer_free(&a);
}
END_TEST

START_TEST(review_bad_unit_at_desk)
{
	struct browser	 b;
	struct answer	 a;

	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	ck_assert_int_eq(http_get(&b, "/review", 1, &a), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "WRONG_ROLE");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/review/approve", 1, &a, "id", "1",
	    NULL), 403);
	answer_free(&a);
}
END_TEST

START_TEST(review_bad_reviewer_at_unit_desk)
{
	struct browser	 b;
	struct answer	 a;

	browser_init(&b, "reviewer");
	ck_assert_int_eq(login(&b, "demo-reviewer"), 0);
	ck_assert_int_eq(http_get(&b, "/review", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "queue");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/biangeng/unit", 1, &a), 403);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home/task?id=1", 1, &a), 403);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 303);
	ck_assert_str_eq(a.location, "/review");
	answer_free(&a);
}
END_TEST

START_TEST(review_sees_any_unit)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[128], *id = fixture_task_of_b();

	browser_init(&b, "reviewer");
	ck_assert_int_eq(login(&b, "demo-reviewer"), 0);
	snprintf(path, sizeof(path), "/review/task?id=%s", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@seq)", "FIXTURE-B-1");
	ck_xpath_eq(&a, "string(/page/unit/@name)", "武汉市洪山区示例制造有限公司");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/review/task?id=99999999", 1, &a), 404);
	answer_free(&a);
	free(id);
}
END_TEST

/* ---- The reviewer desk with real tasks (城镇职工减少 of demo-b) ---- */



/* Pins the clock to now (5 minutes on when the hall's day is about to
 * end) and makes the annual wage declarations the 12-21..01-15 window
 * asks for, so that a 减员 is allowed on any date (as test_jianyuan.c). */
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

/* Makes a new 参保缴费, 在职 person of demo-b with no arrears, no 减员
 * and no 退工 (make_insured), so that the demo's people other suites
 * use up are never needed.  Writes its id into id[24]. */
static void
desk_person(char id[24])
{
	char	 idno[19];

	ck_assert_int_eq(make_insured("demo-b", "台前测试", id, idno), 0);
}

/* Saves a 停缴费 of person pid through the 减员 pages as b, attaches the
 * rule-4 proof and submits it: a 进行中 task of a 普通 unit.  Writes
 * the task id into id[24]. */
static void
desk_task(struct browser *b, const char *pid, char id[24])
{
	struct answer	 a;
	struct part	 parts[4];
	char		 today[32], *tok;
	const char	*p;

	ck_assert_int_eq(http_get(b, "/jianyuan", 1, &a), 200);
	tok = xpath_str(&a, "string(/page/form/@token)");
	answer_free(&a);
	hall_time(0, today);
	today[10] = '\0';
	ck_assert_int_eq(http_post(b, "/jianyuan/save", 1, &a, "reason",
	    "停缴费", "change_date", today, "token", tok, "pid", pid, NULL),
	    303);
	free(tok);
	ck_assert_ptr_nonnull(p = strstr(a.location, "id="));
	snprintf(id, 24, "%lld", atoll(p + 3));
	answer_free(&a);
	memset(parts, 0, sizeof(parts));
	parts[0].name = "id";
	parts[0].value = id;
	parts[1].name = "pid";
	parts[1].value = pid;
	parts[2].name = "material";
	parts[2].value = "jiechu_guanxi_zhengming";
	parts[3].name = "file";
	parts[3].file = "unit/fixtures/files/ok.pdf";
	ck_assert_int_eq(http_post_multipart(b, "/jianyuan/upload", 1, parts,
	    4, &a), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(b, "/jianyuan/submit", 1, &a, "id", id,
	    NULL), 303);
	answer_free(&a);
}

/* The state of task id. */
static char *
task_state(const char *id)
{
	char	 q[128];

	snprintf(q, sizeof(q), "SELECT state || '|' || returned || '|' || "
	    "return_reason FROM tasks WHERE id = %s", id);
	return db_query(q);
}

START_TEST(review_bad_reasons)
{
	static const struct {
		const char	*reason;
		const char	*code;
	} bad[] = {
		{ "\xe3\x80\x80\xe3\x80\x80", "REQUIRED" },	/* U+3000 x2 */
		{ " \xc2\xa0\t", "REQUIRED" },
		{ "\xff\xfe" "abc", "CHARS" },
		{ NULL, "TOOLONG" },				/* 201 汉 */
	};
	struct browser	 u, r;
	struct answer	 a;
	char		 pid[24], id[24], longer[4 * 201 + 1], *before, *after;
	char		 q[128], body[256];
	const char	*reason;
	size_t		 i;
	int		 k;

	desk_clock();
	desk_person(pid);
	browser_init(&u, "unit-b");
	ck_assert_int_eq(login(&u, "demo-b"), 0);
	desk_task(&u, pid, id);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	before = task_state(id);
	ck_assert_str_eq(before, "进行中|0|");
	for (k = 0, longer[0] = '\0'; k < 201; k++)
		strcat(longer, "汉");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		reason = bad[i].reason != NULL ? bad[i].reason : longer;
		ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id",
		    id, "reason", reason, NULL), 422);
		ck_assert_int_eq(xpath_count(&a, "/page/errors/error"
		    "[@field = 'reason']"), 1);
		ck_xpath_eq(&a, "string(/page/errors/error/@code)",
		    bad[i].code);
		ck_xpath_eq(&a, "string(/page/@view)", "detail");
		answer_free(&a);
		after = task_state(id);
		ck_assert_str_eq(after, before);
		free(after);
	}
	/* A NUL byte, which the store would keep as 「a」: refused. */
	snprintf(body, sizeof(body), "csrf=%s&id=%s&reason=a%%00b", r.csrf,
	    id);
	ck_assert_int_eq(http_post_raw(&r, "/review/reject",
	    "application/x-www-form-urlencoded", body, strlen(body), &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error"
	    "[@field = 'reason']"), 1);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "CHARS");
	ck_xpath_eq(&a, "string(/page/errors/error)",
	    "回退原因含有不允许的字符");
	answer_free(&a);
	after = task_state(id);
	ck_assert_str_eq(after, before);
	free(after);
	/* No event, no message, no audit row for a refused rejection. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM task_events WHERE "
	    "action = 'task.reject' AND task_id = %s", id);
	ck_assert_int_eq(db_int(q), 0);
	/* The HTML page says it beside the field (and in the summary),
	 * and the page message only that nothing was done. */
	ck_assert_int_eq(http_post_html(&r, "/review/reject", &a, "id", id,
	    "reason", "\xe3\x80\x80\xe3\x80\x80", NULL), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "<span class=\"field-error\" "
	    "role=\"alert\">请填写回退原因</span>"));
	ck_assert_ptr_nonnull(strstr(a.body, "未回退:回退原因须按提示填写"));
	answer_free(&a);
	/* A good reason, with U+3000 around it, is stored trimmed. */
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", id,
	    "reason", "\xe3\x80\x80请补充解除劳动关系证明\xe3\x80\x80", NULL),
	    303);
	answer_free(&a);
	after = task_state(id);
	ck_assert_str_eq(after, "未提交|1|请补充解除劳动关系证明");
	free(after);
	free(before);
	set_clock(NULL);
}
END_TEST

/* Walks the 减员 queue's pages for task id and writes attribute attr of
 * its row into out[outsz] ("" when not found) and its page into *page:
 * other suites may leave older tasks before it.  Returns 0 found, -1
 * not. */
static int
queue_attr(struct browser *r, const char *id, const char *attr,
    char *out, size_t outsz, int *page)
{
	struct answer	 a;
	char		 path[64], x[160], *v;
	int		 p, pages = 1;

	out[0] = '\0';
	for (p = 1; p <= pages && p <= 100; p++) {
		snprintf(path, sizeof(path), "/review?business=jianyuan&page=%d",
		    p);
		ck_assert_int_eq(http_get(r, path, 1, &a), 200);
		v = xpath_str(&a, "string(/page/queue/@pages)");
		pages = atoi(v);
		free(v);
		snprintf(x, sizeof(x), "/page/queue/task[@id = '%s']", id);
		if (xpath_count(&a, x) == 1) {
			snprintf(x, sizeof(x), "string(/page/queue/task[@id = "
			    "'%s']/@%s)", id, attr);
			v = xpath_str(&a, x);
			snprintf(out, outsz, "%s", v);
			free(v);
			answer_free(&a);
			*page = p;
			return 0;
		}
		answer_free(&a);
	}
	return -1;
}

START_TEST(review_records_rejections)
{
	struct browser	 u, r;
	struct answer	 a;
	char		 pid[24], id[24], x[256], *seq, q[128], v[64];
	int		 pg = 0;

	desk_clock();
	desk_person(pid);
	browser_init(&u, "unit-b");
	ck_assert_int_eq(login(&u, "demo-b"), 0);
	desk_task(&u, pid, id);
	snprintf(q, sizeof(q), "SELECT seq_no FROM tasks WHERE id = %s", id);
	seq = db_query(q);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	/* Not rejected yet: no 曾回退 in the queue. */
	ck_assert_int_eq(queue_attr(&r, id, "was-returned", v, sizeof(v),
	    &pg), 0);
	ck_assert_str_eq(v, "0");
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", id,
	    "reason", "附件不清晰", NULL), 303);
	answer_free(&a);
	/* 审核记录 lists the rejection, with its result and reason. */
	ck_assert_int_eq(http_get(&r, "/review?state=done", 1, &a), 200);
	snprintf(x, sizeof(x), "/page/queue/task[@id = '%s']", id);
	ck_assert_int_eq(xpath_count(&a, x), 1);
	snprintf(x, sizeof(x), "string(/page/queue/task[@id = '%s']/@result)",
	    id);
	ck_xpath_eq(&a, x, "回退");
	snprintf(x, sizeof(x), "string(/page/queue/task[@id = '%s']"
	    "/@result-reason)", id);
	ck_xpath_eq(&a, x, "附件不清晰");
	snprintf(x, sizeof(x), "string(/page/queue/task[@id = '%s']"
	    "/@reviewer)", id);
	ck_xpath_eq(&a, x, "市社保中心审核员");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?state=done", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, seq));
	ck_assert_ptr_nonnull(strstr(a.body, "附件不清晰"));
	answer_free(&a);
	/* The unit submits again: the queue shows it as 曾回退. */
	ck_assert_int_eq(http_post(&u, "/jianyuan/submit", 1, &a, "id", id,
	    NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(queue_attr(&r, id, "was-returned", v, sizeof(v),
	    &pg), 0);
	ck_assert_str_eq(v, "1");
	ck_assert_int_eq(queue_attr(&r, id, "returned", v, sizeof(v), &pg), 0);
	ck_assert_str_eq(v, "0");
	snprintf(x, sizeof(x), "/review?business=jianyuan&page=%d", pg);
	ck_assert_int_eq(http_get(&r, x, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "曾回退"));
	answer_free(&a);
	/* Approved now: 审核记录 holds both decisions. */
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", id,
	    NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?state=done", 1, &a), 200);
	snprintf(x, sizeof(x), "/page/queue/task[@id = '%s']", id);
	ck_assert_int_eq(xpath_count(&a, x), 2);
	snprintf(x, sizeof(x), "string(/page/queue/task[@id = '%s'][1]"
	    "/@result)", id);
	ck_xpath_eq(&a, x, "审核通过");
	answer_free(&a);
	free(seq);
	set_clock(NULL);
}
END_TEST

START_TEST(review_batch_approve)
{
	struct browser	 u, r;
	struct answer	 a;
	char		 p1[24], p2[24], p3[24], t1[24], t2[24], t3[24], q[512];
	char		*st;

	desk_clock();
	desk_person(p1);
	desk_person(p2);
	desk_person(p3);
	browser_init(&u, "unit-b");
	ck_assert_int_eq(login(&u, "demo-b"), 0);
	desk_task(&u, p1, t1);
	desk_task(&u, p2, t2);
	desk_task(&u, p3, t3);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);

	/* Two good tasks: both end, each with its audit row. */
	ck_assert_int_eq(http_post(&r, "/review/batch-approve", 1, &a, "id",
	    t1, "id", t2, NULL), 303);
	ck_assert_str_eq(a.location, "/review?done=batch");
	answer_free(&a);
	/* The queue it returns to says so. */
	ck_assert_int_eq(http_get(&r, "/review?done=batch", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/message[@kind='ok'])",
	    "批量审核完成,所选业务均已审核通过");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM tasks WHERE id IN "
	    "(%s, %s) AND state = '结束' AND decided_by > 0", t1, t2);
	ck_assert_int_eq(db_int(q), 2);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit WHERE action = "
	    "'task.approve' AND object IN ('task:%s', 'task:%s')", t1, t2);
	ck_assert_int_eq(db_int(q), 2);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM insurance WHERE "
	    "person_id IN (%s, %s) AND status = '暂停缴费'", p1, p2);
	ck_assert_int_eq(db_int(q), 2);

	/* A batch with one task that now fails its rule (arrears came in
	 * after it was submitted): the others are approved, that one is
	 * named with its reason and stays 进行中. */
	desk_person(p1);
	desk_task(&u, p1, t1);
	snprintf(q, sizeof(q), "INSERT INTO arrears (person_id, unit_id, "
	    "month, amount_fen) SELECT %s, unit_id, '2025-01', 10000 FROM "
	    "accounts WHERE username = 'demo-b'", p3);
	db_exec(q);
	ck_assert_int_eq(http_post(&r, "/review/batch-approve", 1, &a, "id",
	    t3, "id", t1, NULL), 422);
	snprintf(q, sizeof(q), "/page/message[contains(., '未能审核通过')"
	    " and contains(., '欠费')]");
	ck_assert_int_eq(xpath_count(&a, q), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/message[contains(., "
	    "'通过 1 笔,未通过 1 笔')]"), 1);
	answer_free(&a);
	st = task_state(t3);
	ck_assert_str_eq(st, "进行中|0|");
	free(st);
	st = task_state(t1);
	ck_assert_str_eq(st, "结束|0|");
	free(st);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit WHERE action = "
	    "'task.approve' AND object = 'task:%s'", t3);
	ck_assert_int_eq(db_int(q), 0);
	/* Leave the desk clean: settle, and send the task back. */
	snprintf(q, sizeof(q), "UPDATE arrears SET settled = 1 WHERE "
	    "person_id = %s", p3);
	db_exec(q);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", t3,
	    "reason", "存在欠费", NULL), 303);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(review_queue_paged)
{
	struct browser	 r;
	struct answer	 a;
	char		*v;
	long long	 n;

	/* 60 old 进行中 tasks of 城镇职工减少 (never approved: no rows). */
	db_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 60) INSERT INTO tasks (seq_no, business, unit_id, state, "
	    "summary, created_at, submitted_at, updated_at) SELECT 'PAGE-' || "
	    "printf('%03d', i), 'jianyuan', (SELECT unit_id FROM accounts "
	    "WHERE username = 'demo-b'), '进行中', '分页', 1000, 1000 + i, 1000 "
	    "FROM n");
	n = db_int("SELECT COUNT(*) FROM tasks WHERE state = '进行中' AND "
	    "business = 'jianyuan'");
	ck_assert_int_ge(n, 60);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(http_get(&r, "/review?business=jianyuan", 1, &a),
	    200);
	v = xpath_str(&a, "string(/page/queue/@total)");
	ck_assert_int_eq(atoll(v), n);
	free(v);
	v = xpath_str(&a, "string(/page/businesses/business"
	    "[@code = 'jianyuan']/@count)");
	ck_assert_int_eq(atoll(v), n);
	free(v);
	ck_xpath_eq(&a, "string(/page/queue/@page)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/queue/task"), 50);
	/* Oldest first. */
	ck_xpath_eq(&a, "string(/page/queue/task[1]/@seq)", "PAGE-001");
	ck_xpath_eq(&a, "string(/page/queue/task[50]/@seq)", "PAGE-050");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?business=jianyuan&page=2", 1,
	    &a), 200);
	ck_xpath_eq(&a, "string(/page/queue/@page)", "2");
	ck_assert_int_eq(xpath_count(&a, "/page/queue/task"),
	    n - 50 > 50 ? 50 : n - 50);
	ck_xpath_eq(&a, "string(/page/queue/task[1]/@seq)", "PAGE-051");
	answer_free(&a);
	/* The HTML has the page links. */
	ck_assert_int_eq(http_get(&r, "/review?business=jianyuan", 0, &a),
	    200);
	ck_assert_ptr_nonnull(strstr(a.body, "page=2\" rel=\"next\""));
	answer_free(&a);
	/* 全部业务: by business, then age: the 减员 in one block, oldest
	 * first (another business's pending tasks, e.g. 撤销 (chexiao),
	 * may come before it). */
	ck_assert_int_eq(http_get(&r, "/review", 1, &a), 200);
	ck_assert_int_le(xpath_count(&a, "/page/queue/task[@business = "
	    "'jianyuan'][preceding-sibling::task[1][@business != "
	    "'jianyuan']]"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/queue/task[@business = "
	    "'tuigong'][following-sibling::task[@business = 'jianyuan']]"),
	    0);
	ck_xpath_eq(&a, "string(/page/queue/task[@business = 'jianyuan'][1]"
	    "/@seq)", "PAGE-001");
	answer_free(&a);
	/* A page past the last shows the last; a bad page is refused. */
	ck_assert_int_eq(http_get(&r, "/review?business=jianyuan&page=9999",
	    1, &a), 200);
	v = xpath_str(&a, "string(/page/queue/@pages)");
	ck_xpath_eq(&a, "string(/page/queue/@page)", v);
	free(v);
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?page=abc", 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/error/@code)", "BAD_PAGE");
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review?page=0", 1, &a), 422);
	answer_free(&a);
	db_exec("UPDATE tasks SET state = '退单' WHERE seq_no LIKE 'PAGE-%'");
}
END_TEST

START_TEST(xml_every_page)
{
	static const char *const unit_pages[] = { "/home", "/login/password",
	    "/biangeng/person", "/biangeng/unit", "/biangeng/records", NULL };
	const char *const	*p;
	struct browser		 b;
	struct answer		 a;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	for (p = unit_pages; *p != NULL; p++) {
		ck_assert_int_eq(http_get(&b, *p, 1, &a), 200);
		ck_assert_msg(strstr(a.ctype, "application/xml") != NULL,
		    "%s answered %s", *p, a.ctype);
		ck_assert_int_eq(xpath_count(&a, "/page[@view]"), 1);
		answer_free(&a);
		ck_assert_int_eq(http_get(&b, *p, 0, &a), 200);
		ck_assert_msg(strstr(a.ctype, "text/html") != NULL,
		    "%s answered %s", *p, a.ctype);
		ck_assert_ptr_nonnull(strstr(a.body, "<html"));
		answer_free(&a);
	}
	ck_assert_int_eq(http_get(&b, "/home?format=xml", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "application/xml"));
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/nosuch", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home/nosuch", 1, &a), 404);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_FOUND");
	answer_free(&a);
}
END_TEST

/* The pid of a program from the hall's pid file, or 0. */
static pid_t
program_pid(const char *name)
{
	char	 path[1024];
	FILE	*f;
	long	 pid = 0;

	snprintf(path, sizeof(path), "%s/run/%s.pid", getenv("HALL_TEST_VAR"),
	    name);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

START_TEST(durable_after_killed_worker)
{
	struct browser	 b;
	struct answer	 a;
	struct timespec	 pause = { 0, 200 * 1000 * 1000 };
	char		 id[32], idno[32], sql[256], *v;
	pid_t		 before, after;
	int		 i;
	long		 st = 0;

	person_of("demo-a", id, sizeof(id), idno, sizeof(idno));
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(http_post(&b, "/biangeng/person", 1, &a, "id", id,
	    "home_phone", "027-66668888", NULL), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind='ok']"), 1);
	answer_free(&a);
	/* The worker that acknowledged the change dies at once. */
	before = program_pid("biangeng");
	ck_assert_int_gt(before, 0);
	ck_assert_int_eq(kill(before, SIGKILL), 0);
	/* The supervisor starts another; the change is there. */
	for (i = 0; i < 50 && st != 200; i++) {
		nanosleep(&pause, NULL);
		st = http_get(&b, "/biangeng/records", 1, &a);
		if (st != 200)
			answer_free(&a);
	}
	ck_assert_int_eq(st, 200);
	ck_assert_int_ge(xpath_count(&a,
	    "/page/records/record[@new='027-66668888']"), 1);
	answer_free(&a);
	after = program_pid("biangeng");
	ck_assert_int_ne(after, before);
	snprintf(sql, sizeof(sql), "SELECT home_phone FROM persons WHERE "
	    "id = %s", id);
	v = db_query(sql);
	ck_assert_str_eq(v, "027-66668888");
	free(v);
}
END_TEST

START_TEST(audit_chain_detects_tampering)
{
	char	*out = NULL, *detail, sql[512];

	ck_assert_int_eq(admin("audit-verify", &out), 0);
	free(out);
	detail = db_query("SELECT detail FROM audit WHERE id = 2");
	ck_assert_ptr_nonnull(detail);
	free(db_query("DROP TRIGGER audit_no_update"));
	free(db_query("UPDATE audit SET detail = 'forged' WHERE id = 2"));
	ck_assert_int_eq(admin("audit-verify", &out), 1);
	free(out);
	/* Put it back as it was, trigger included. */
	snprintf(sql, sizeof(sql), "UPDATE audit SET detail = '%s' WHERE "
	    "id = 2", detail);
	ck_assert_ptr_null(strchr(detail, '\''));
	free(db_query(sql));
	free(db_query("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
	    "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"));
	ck_assert_int_eq(admin("audit-verify", &out), 0);
	free(out);
	free(detail);
}
END_TEST

/* The operator's way to admit a new reviewer (certs/README.md): issue
 * a certificate from the hall's CA, create the account, bind.  Binding
 * needs the CA and refuses another CA's certificate, binding nothing;
 * the bound certificate then opens the hall. */
START_TEST(admin_cert_bind_checks_ca)
{
	struct browser	 b;
	struct answer	 a;
	char		 cmd[2048], *n, *out = NULL;

	/* The system's clock: a certificate issued now is valid now. */
	set_clock(NULL);
	snprintf(cmd, sizeof(cmd), "sh %s/certs/issue.sh %s adm-new "
	    "武汉市社会保险管理中心 adm-new >/dev/null 2>&1",
	    getenv("HALL_TEST_SRC"), getenv("HALL_TEST_CERTS"));
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(admin("account-add reviewer adm-new 新审核员 "
	    "2>/dev/null", NULL), 0);

	/* Without the CA, and with another CA's certificate: refused. */
	snprintf(cmd, sizeof(cmd), "cert-bind adm-new %s 2>&1",
	    cert_path("adm-new.crt"));
	ck_assert_int_eq(admin(cmd, &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "CA"));
	free(out);
	snprintf(cmd, sizeof(cmd), "-c %s cert-bind adm-new %s 2>&1",
	    cert_path("ca.crt"), cert_path("foreign.crt"));
	ck_assert_int_eq(admin(cmd, &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "不是本网厅 CA"));
	free(out);
	n = db_query("SELECT count(*) FROM certs JOIN accounts ON "
	    "accounts.id = account_id WHERE username = 'adm-new'");
	ck_assert_str_eq(n, "0");
	free(n);

	/* The hall's own: bound, and the reviewer reaches the desk. */
	snprintf(cmd, sizeof(cmd), "-c %s cert-bind adm-new %s 2>/dev/null",
	    cert_path("ca.crt"), cert_path("adm-new.crt"));
	ck_assert_int_eq(admin(cmd, NULL), 0);
	browser_init(&b, "adm-new");
	ck_assert_int_eq(login(&b, "adm-new"), 0);
	ck_assert_int_eq(http_get(&b, "/review", 1, &a), 200);
	answer_free(&a);
}
END_TEST

static Suite *
stack_suite(void)
{
	Suite	*s = suite_create("stack");
	TCase	*tc;

	tc = tcase_create("certs");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, certs_bad_none);
	tcase_add_test(tc, certs_bad_revoked);
	tcase_add_test(tc, certs_bad_expired);
	tcase_add_test(tc, certs_bad_foreign);
	tcase_add_test(tc, certs_good_needs_login);
	tcase_add_test(tc, certs_expiry_warning);
	suite_add_tcase(s, tc);

	tc = tcase_create("login");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, login_bad_password_locks);
	tcase_add_test(tc, login_bad_other_username);
	tcase_add_test(tc, login_initial_password_first);
	suite_add_tcase(s, tc);

	tc = tcase_create("session");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, session_bad_replayed_cookie);
	tcase_add_test(tc, session_bad_csrf);
	tcase_add_test(tc, session_logout);
	suite_add_tcase(s, tc);

	tc = tcase_create("owner");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, owner_bad_other_units_task);
	tcase_add_test(tc, owner_bad_other_units_person);
	tcase_add_test(tc, error_code_only_in_xml);
	suite_add_tcase(s, tc);

	tc = tcase_create("biangeng");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, biangeng_person_at_once);
	tcase_add_test(tc, biangeng_bad_sensitive);
	tcase_add_test(tc, biangeng_bad_values);
	tcase_add_test(tc, biangeng_escapes_user_text);
	tcase_add_test(tc, biangeng_unit_at_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("review");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, review_bad_unit_at_desk);
	tcase_add_test(tc, review_bad_reviewer_at_unit_desk);
	tcase_add_test(tc, review_sees_any_unit);
	tcase_add_test(tc, review_bad_reasons);
	tcase_add_test(tc, review_records_rejections);
	tcase_add_test(tc, review_batch_approve);
	tcase_add_test(tc, review_queue_paged);
	suite_add_tcase(s, tc);

	tc = tcase_create("xml");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, xml_every_page);
	suite_add_tcase(s, tc);

	tc = tcase_create("durable");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, durable_after_killed_worker);
	suite_add_tcase(s, tc);

	tc = tcase_create("audit");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, audit_chain_detects_tampering);
	suite_add_tcase(s, tc);

	tc = tcase_create("admin");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, admin_cert_bind_checks_ca);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(stack_suite)
