/*
 * test_integ.c: the integration account of an HR system (issue 13),
 * through nginx with real client certificates, admitted the way
 * docs/HTTP.md "Integrating an HR system" says: a certificate issued
 * with certs/issue.sh, bound with hall-admin integ-add.  It reads the
 * feed of its unit page by page; a change made afterwards appears
 * after the cursor and nothing before it; it cannot log in, never gets
 * a cookie, sees no other unit's person (404) and no reviewer page; a
 * write is refused (403) until hall-admin integ-grant allows it; every
 * call is audited as the account; a revoked certificate gets nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../suites.h"
#include "client.h"

#define HR_USER		"hr-vip"
#define HR_CERT		"integ-vip"

/* Runs a shell command line; returns its exit status. */
static int
sh(const char *cmd)
{
	int	 st = system(cmd);

	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Issues certificate NAME (certs/issue.sh) and binds it to a new
 * integration account user of demo-vip's unit (hall-admin integ-add),
 * unless that account exists.  Fails the test otherwise. */
static void
admit(const char *name, const char *user)
{
	char	 cmd[2048], q[256];

	snprintf(q, sizeof(q), "SELECT count(*) FROM accounts WHERE "
	    "username = '%s'", user);
	if (db_int(q) > 0)
		return;
	/* The system's clock: a certificate issued now is valid now. */
	set_clock(NULL);
	snprintf(cmd, sizeof(cmd), "sh %s/certs/issue.sh %s %s "
	    "武汉市江汉区示例科技有限公司 %s >/dev/null 2>&1",
	    getenv("HALL_TEST_SRC"), getenv("HALL_TEST_CERTS"), name, user);
	ck_assert_int_eq(sh(cmd), 0);
	snprintf(cmd, sizeof(cmd), "-c %s integ-add %s 示例科技人事系统 "
	    "%lld %s/%s.crt >/dev/null 2>&1", cert_path("ca.crt"), user,
	    db_int("SELECT unit_id FROM accounts WHERE username = 'demo-vip'"),
	    getenv("HALL_TEST_CERTS"), name);
	ck_assert_int_eq(admin(cmd, NULL), 0);
}

/* The account id of user. */
static long long
account_id(const char *user)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT id FROM accounts WHERE username = "
	    "'%s'", user);
	return db_int(q);
}

/* The number of audit rows of account id with action and object. */
static long long
audited(long long id, const char *action, const char *object)
{
	char	 q[512];

	snprintf(q, sizeof(q), "SELECT count(*) FROM audit WHERE account_id ="
	    " %lld AND action = '%s' AND object = '%s'", id, action, object);
	return db_int(q);
}

/* GET path as the HR system: 200 expected, no cookie.  a is filled. */
static void
get_ok(struct browser *b, const char *path, struct answer *a)
{
	ck_assert_int_eq(http_get(b, path, 0, a), 200);
	ck_assert_int_eq(a->set_cookie, 0);
	ck_assert_str_eq(b->cookie, "");
	ck_assert_ptr_nonnull(strstr(a->ctype, "application/xml"));
}

/* Reads the whole feed from since, 3 rows a page; returns the number
 * of persons and the last cursor in *next; checks each page's shape. */
static long long
read_all(struct browser *b, long long since, long long *next)
{
	struct answer	 a;
	char		 path[128], *v;
	long long	 total = 0;
	int		 more, n, pages = 0;

	do {
		snprintf(path, sizeof(path), "/feed?since=%lld&limit=3", since);
		get_ok(b, path, &a);
		n = xpath_count(&a, "/page/feed/person");
		ck_assert_int_le(n, 3);
		v = xpath_str(&a, "string(/page/feed/@count)");
		ck_assert_int_eq(atoi(v), n);
		free(v);
		v = xpath_str(&a, "string(/page/feed/@more)");
		more = strcmp(v, "1") == 0;
		free(v);
		v = xpath_str(&a, "string(/page/feed/@next)");
		ck_assert_int_ge(atoll(v), since);
		since = atoll(v);
		free(v);
		total += n;
		answer_free(&a);
		ck_assert_int_lt(++pages, 10000);
	} while (more);
	*next = since;
	return total;
}

START_TEST(integ_feed_cursor)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[24], idno[19], q[512], path[128], *v;
	long long	 acct, unit, cursor, n, want, calls0;

	admit(HR_CERT, HR_USER);
	acct = account_id(HR_USER);
	unit = db_int("SELECT unit_id FROM accounts WHERE username = "
	    "'demo-vip'");
	browser_init(&b, HR_CERT);
	calls0 = audited(acct, "integ.get", "/feed");

	/* The whole unit, a page of 3 at a time: as many persons as the
	 * unit has insurance or employment rows of, no more. */
	snprintf(q, sizeof(q), "SELECT count(*) FROM (SELECT person_id FROM "
	    "insurance WHERE unit_id = %lld UNION SELECT person_id FROM "
	    "employments WHERE unit_id = %lld)", unit, unit);
	want = db_int(q);
	ck_assert_int_gt(want, 3);
	n = read_all(&b, 0, &cursor);
	ck_assert_int_eq(n, want);
	/* One audit row per call (a page of 3 each), as this account. */
	ck_assert_int_eq(audited(acct, "integ.get", "/feed") - calls0,
	    (want + 2) / 3);

	/* Nothing after the cursor. */
	snprintf(path, sizeof(path), "/feed?since=%lld", cursor);
	get_ok(&b, path, &a);
	ck_xpath_eq(&a, "string(/page/feed/@count)", "0");
	answer_free(&a);

	/* A person hired afterwards: alone after the cursor, with its
	 * insurance and contract. */
	ck_assert_int_eq(make_insured("demo-vip", "接口新人", id, idno), 0);
	get_ok(&b, path, &a);
	ck_xpath_eq(&a, "string(/page/feed/@count)", "1");
	ck_xpath_eq(&a, "string(/page/feed/person/@idno)", idno);
	ck_xpath_eq(&a, "string(/page/feed/person/@name)", "接口新人");
	ck_xpath_eq(&a, "string(/page/feed/person/insurance/@status)",
	    "参保缴费");
	ck_xpath_eq(&a, "string(/page/feed/person/employment/@status)",
	    "在职");
	ck_xpath_eq(&a, "string(/page/feed/person/departure/@stage)", "none");
	v = xpath_str(&a, "string(/page/feed/@next)");
	ck_assert_int_gt(atoll(v), cursor);
	cursor = atoll(v);
	free(v);
	answer_free(&a);

	/* It stops paying: after the new cursor, once, 暂停缴费; before
	 * it, the old state is not replayed. */
	snprintf(q, sizeof(q), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '2026-12' WHERE person_id = %s", id);
	db_exec(q);
	snprintf(path, sizeof(path), "/feed?since=%lld", cursor);
	get_ok(&b, path, &a);
	ck_xpath_eq(&a, "string(/page/feed/@count)", "1");
	ck_xpath_eq(&a, "string(/page/feed/person/@idno)", idno);
	ck_xpath_eq(&a, "string(/page/feed/person/insurance/@status)",
	    "暂停缴费");
	ck_xpath_eq(&a, "string(/page/feed/person/insurance/@stop-month)",
	    "2026-12");
	answer_free(&a);
	/* From the start, still once (now last), the total one more. */
	ck_assert_int_eq(read_all(&b, 0, &n), want + 1);
	ck_assert_int_gt(n, cursor);

	/* The person alone; the session element says what it is. */
	snprintf(path, sizeof(path), "/feed/person?id=%s", id);
	get_ok(&b, path, &a);
	ck_xpath_eq(&a, "string(/page/person/@idno)", idno);
	ck_xpath_eq(&a, "string(/page/session/@integration)", "read");
	ck_xpath_eq(&a, "string(/page/session/@csrf)", "");
	answer_free(&a);

	/* Bad cursors and limits: 422 with a Chinese message. */
	ck_assert_int_eq(http_get(&b, "/feed?since=-1", 0, &a), 422);
	ck_xpath_eq(&a, "string(/page/error/@code)", "BAD_SINCE");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/feed?since=abc", 0, &a), 422);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/feed?limit=501", 0, &a), 422);
	ck_xpath_eq(&a, "string(/page/error/@code)", "BAD_LIMIT");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/feed?limit=0", 0, &a), 422);
	answer_free(&a);
}
END_TEST

START_TEST(integ_no_login_no_cookie_own_unit)
{
	struct browser	 b, clerk;
	struct answer	 a;
	char		 path[128], q[256];
	long long	 other, task, acct;

	admit(HR_CERT, HR_USER);
	acct = account_id(HR_USER);
	browser_init(&b, HR_CERT);

	/* No password, no session: the login pages refuse it. */
	ck_assert_int_eq(http_get(&b, "/login", 0, &a), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "INTEG_NO_LOGIN");
	ck_assert_int_eq(a.set_cookie, 0);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/login", 0, &a, "username", HR_USER,
	    "password", "Anything2026", NULL), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "INTEG_NO_LOGIN");
	ck_assert_int_eq(a.set_cookie, 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/login/password", 0, &a), 403);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT count(*) FROM sessions WHERE "
	    "account_id = %lld", acct);
	ck_assert_int_eq(db_int(q), 0);
	/* hall-admin will not give it a password either. */
	ck_assert_int_ne(admin("password-reset " HR_USER " 2>/dev/null",
	    NULL), 0);
	/* Nor a second certificate (a clerk's would log in without one). */
	{
		char	 cmd[1024], *out = NULL;

		snprintf(cmd, sizeof(cmd), "-c %s cert-bind " HR_USER
		    " %s/unit-vip.crt 2>&1", cert_path("ca.crt"),
		    getenv("HALL_TEST_CERTS"));
		ck_assert_int_ne(admin(cmd, &out), 0);
		ck_assert_ptr_nonnull(out);
		ck_assert_ptr_nonnull(strstr(out, "是集成账户"));
		free(out);
	}

	/* No reviewer page. */
	ck_assert_int_eq(http_get(&b, "/review", 0, &a), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "WRONG_ROLE");
	answer_free(&a);

	/* Its own unit's pages, as XML even unasked. */
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "application/xml"));
	ck_xpath_eq(&a, "string(/page/session/@username)", HR_USER);
	ck_assert_int_eq(a.set_cookie, 0);
	answer_free(&a);

	/* Another unit's person and task: 404, as for any unit. */
	other = db_int("SELECT i.person_id FROM insurance i JOIN accounts a "
	    "ON a.unit_id = i.unit_id WHERE a.username = 'demo-a' ORDER BY "
	    "i.person_id LIMIT 1");
	ck_assert_int_gt(other, 0);
	snprintf(path, sizeof(path), "/feed/person?id=%lld", other);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 404);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_FOUND");
	answer_free(&a);
	task = db_int("SELECT t.id FROM tasks t JOIN accounts a ON a.unit_id "
	    "= t.unit_id WHERE a.username = 'demo-a' ORDER BY t.id LIMIT 1");
	if (task > 0) {
		snprintf(path, sizeof(path), "/home/task?id=%lld", task);
		ck_assert_int_eq(http_get(&b, path, 0, &a), 404);
		answer_free(&a);
	}
	ck_assert_int_eq(http_get(&b, "/feed/person?id=abc", 0, &a), 404);
	answer_free(&a);

	/* An ordinary unit certificate still needs its password. */
	browser_init(&clerk, "unit-vip");
	ck_assert_int_eq(http_get(&clerk, "/feed", 1, &a), 401);
	ck_xpath_eq(&a, "string(/page/error/@code)", "LOGIN_REQUIRED");
	answer_free(&a);
	/* And once logged in reads the same feed of its own unit. */
	ck_assert_int_eq(login(&clerk, "demo-vip"), 0);
	ck_assert_int_eq(http_get(&clerk, "/feed?limit=1", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/feed/@limit)", "1");
	answer_free(&a);
}
END_TEST

START_TEST(integ_write_needs_grant)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[24], idno[19], q[512], tid[32], path[128], *v;
	long long	 acct, cursor;

	admit(HR_CERT, HR_USER);
	acct = account_id(HR_USER);
	ck_assert_int_eq(admin("integ-grant " HR_USER " read >/dev/null",
	    NULL), 0);
	browser_init(&b, HR_CERT);

	/* A draft 减员 of a new person, made in the store. */
	ck_assert_int_eq(make_insured("demo-vip", "接口减员", id, idno), 0);
	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id,"
	    " state, created_at, updated_at) SELECT 'INTEG' || %s, 'jianyuan',"
	    " unit_id, '未提交', 1, 1 FROM accounts WHERE username = "
	    "'demo-vip' RETURNING id", id);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(tid, sizeof(tid), "%s", v);
	free(v);
	snprintf(q, sizeof(q), "INSERT INTO jianyuan (task_id, person_id, "
	    "reason, change_date) VALUES (%s, %s, '解除劳动关系', "
	    "'2026-11-10')", tid, id);
	db_exec(q);
	snprintf(path, sizeof(path), "/feed/person?id=%s", id);
	get_ok(&b, path, &a);
	ck_xpath_eq(&a, "string(/page/person/departure/@stage)",
	    "jianyuan-draft");
	ck_xpath_eq(&a, "string(/page/person/departure/jianyuan/@task)", tid);
	v = xpath_str(&a, "string(/page/person/@seq)");
	cursor = atoll(v);
	free(v);
	answer_free(&a);

	/* Read-only: the 退单 is refused, in Chinese, and nothing moves. */
	ck_assert_int_eq(http_post(&b, "/home/cancel", 0, &a, "id", tid,
	    NULL), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "INTEG_READ_ONLY");
	v = xpath_str(&a, "string(/page/error)");
	ck_assert_ptr_nonnull(strstr(v, "集成账户只能查询"));
	free(v);
	ck_assert_int_eq(a.set_cookie, 0);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT state = '未提交' FROM tasks WHERE id = "
	    "%s", tid);
	ck_assert_int_eq(db_int(q), 1);
	snprintf(q, sizeof(q), "SELECT count(*) FROM audit WHERE account_id "
	    "= %lld AND action = 'integ.post' AND object = '/home/cancel' AND "
	    "detail LIKE '%%refused: INTEG_READ_ONLY'", acct);
	ck_assert_int_eq(db_int(q), 1);

	/* Granted: the same call, without any CSRF token, withdraws it,
	 * audited as the account; the person moves after the cursor. */
	ck_assert_int_eq(admin("integ-grant " HR_USER " write >/dev/null",
	    NULL), 0);
	/* Granted, but sent by a browser (another site's form): refused,
	 * the task untouched. */
	ck_assert_int_eq(http_post_html_hdr(&b, "/home/cancel",
	    "Origin: https://evil.example", &a, "id", tid, NULL), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "INTEG_BROWSER");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT state = '未提交' FROM tasks WHERE id = "
	    "%s", tid);
	ck_assert_int_eq(db_int(q), 1);
	ck_assert_int_eq(http_post(&b, "/home/cancel", 0, &a, "id", tid,
	    NULL), 303);
	ck_assert_int_eq(a.set_cookie, 0);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT state = '退单' FROM tasks WHERE id = "
	    "%s", tid);
	ck_assert_int_eq(db_int(q), 1);
	snprintf(q, sizeof(q), "SELECT count(*) FROM audit WHERE account_id "
	    "= %lld AND object = 'task:%s'", acct, tid);
	ck_assert_int_ge(db_int(q), 1);
	snprintf(path, sizeof(path), "/feed?since=%lld", cursor);
	get_ok(&b, path, &a);
	ck_xpath_eq(&a, "string(/page/feed/@count)", "1");
	ck_xpath_eq(&a, "string(/page/feed/person/@idno)", idno);
	ck_xpath_eq(&a, "string(/page/feed/person/departure/@stage)", "none");
	ck_xpath_eq(&a, "string(/page/session/@integration)", "write");
	answer_free(&a);

	/* Back to read-only. */
	ck_assert_int_eq(admin("integ-grant " HR_USER " read >/dev/null",
	    NULL), 0);
	ck_assert_int_eq(http_post(&b, "/home/cancel", 0, &a, "id", tid,
	    NULL), 403);
	answer_free(&a);
	/* The audit chain holds. */
	ck_assert_int_eq(admin("audit-verify >/dev/null", NULL), 0);
}
END_TEST

/* The number of the messages of demo-vip's unit whose title holds
 * what. */
static long long
unit_msgs(const char *what)
{
	char	 q[512];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM messages m JOIN accounts "
	    "a ON a.unit_id = m.unit_id WHERE a.username = 'demo-vip' AND "
	    "instr(m.title, '%s') > 0", what);
	return db_int(q);
}

START_TEST(integ_reads_jianguan_sends_nothing)
{
	struct browser	 b, clerk;
	struct answer	 a;
	char		 q[1024];

	admit(HR_CERT, HR_USER);
	browser_init(&b, HR_CERT);
	set_clock(NULL);
	/* A 退工 of the unit due in 2 days, not yet warned of. */
	snprintf(q, sizeof(q), "INSERT INTO timeliness_items (unit_id, kind, "
	    "idno, name, ref_date, due_date, done_on, late, task_id, "
	    "source_task_id) SELECT unit_id, 'tuigong', 'HR0000000000000001', "
	    "'接口预警', date('now', '+8 hours', '-13 days'), "
	    "date('now', '+8 hours', '+2 days'), NULL, 0, 0, 0 FROM accounts "
	    "WHERE username = 'demo-vip'");
	db_exec(q);
	ck_assert_int_eq(unit_msgs("接口预警"), 0);
	/* The HR system reads the page as XML: the figures and the 预警,
	 * but the clerk's messages are not sent by its reading. */
	get_ok(&b, "/jianguan", &a);
	ck_xpath_eq(&a, "count(/page/timeliness[@kind = 'tuigong']/month)",
	    "12");
	ck_xpath_eq(&a, "count(/page/lists/list[@name = 'tuigong-due']/"
	    "row[@name = '接口预警'])", "1");
	ck_xpath_eq(&a, "count(/page/message[@kind = 'info'])", "0");
	answer_free(&a);
	ck_assert_int_eq(unit_msgs("接口预警"), 0);
	/* The clerk's view sends it, once. */
	browser_init(&clerk, "unit-vip");
	ck_assert_int_eq(login(&clerk, "demo-vip"), 0);
	ck_assert_int_eq(http_get(&clerk, "/jianguan", 1, &a), 200);
	answer_free(&a);
	ck_assert_int_eq(unit_msgs("接口预警"), 1);
	get_ok(&b, "/jianguan", &a);
	answer_free(&a);
	ck_assert_int_eq(unit_msgs("接口预警"), 1);

	/* Its unit 注销: nothing more, audited as refused; back 正常,
	 * it reads again. */
	db_exec("UPDATE units SET status = '注销' WHERE id = (SELECT unit_id "
	    "FROM accounts WHERE username = 'demo-vip')");
	ck_assert_int_eq(http_get(&b, "/feed", 0, &a), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "INTEG_UNIT_CLOSED");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT count(*) FROM audit WHERE account_id = "
	    "%lld AND object = '/feed' AND detail LIKE "
	    "'%%refused: INTEG_UNIT_CLOSED'", account_id(HR_USER));
	ck_assert_int_eq(db_int(q), 1);
	db_exec("UPDATE units SET status = '正常' WHERE id = (SELECT unit_id "
	    "FROM accounts WHERE username = 'demo-vip')");
	get_ok(&b, "/feed?limit=1", &a);
	answer_free(&a);
}
END_TEST

START_TEST(integ_revoked_gets_nothing)
{
	struct browser	 b;
	struct answer	 a;
	char		 cmd[2048];
	long		 st;

	admit("integ-gone", "hr-gone");
	browser_init(&b, "integ-gone");
	get_ok(&b, "/feed?limit=1", &a);
	answer_free(&a);
	snprintf(cmd, sizeof(cmd), "sh %s/certs/revoke.sh %s integ-gone "
	    ">/dev/null 2>&1", getenv("HALL_TEST_SRC"),
	    getenv("HALL_TEST_CERTS"));
	ck_assert_int_eq(sh(cmd), 0);
	/* The CRL holds in the programs at once (nginx: after a reload). */
	st = http_get(&b, "/feed?limit=1", 0, &a);
	ck_assert_msg(st == 403 || st == 400, "status %ld", st);
	ck_assert_int_eq(xpath_count(&a, "/page/feed"), 0);
	ck_assert_int_eq(a.set_cookie, 0);
	answer_free(&a);
	/* Marked in the store too: the binding is gone for the hall. */
	snprintf(cmd, sizeof(cmd), "cert-revoke %s >/dev/null 2>&1",
	    cert_path("integ-gone.crt"));
	ck_assert_int_eq(admin(cmd, NULL), 0);
	st = http_get(&b, "/feed?limit=1", 0, &a);
	ck_assert_msg(st == 403 || st == 400, "status %ld", st);
	ck_assert_int_eq(xpath_count(&a, "/page/feed"), 0);
	answer_free(&a);
}
END_TEST

static Suite *
integ_suite(void)
{
	Suite	*s = suite_create("integ");
	TCase	*tc = tcase_create("integ");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, integ_feed_cursor);
	tcase_add_test(tc, integ_no_login_no_cookie_own_unit);
	tcase_add_test(tc, integ_write_needs_grant);
	tcase_add_test(tc, integ_reads_jianguan_sends_nothing);
	tcase_add_test(tc, integ_revoked_gets_nothing);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(integ_suite)
