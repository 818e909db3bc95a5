/*
 * test_relogin.c: a session that ended loses nothing typed (lib/keep.c)
 * through the real nginx with real client certificates.  A 退工 form
 * posted after 30 idle minutes answers the login box saying the form
 * was kept; the login with the same certificate offers it again filled
 * (/login/resume) with the new session's CSRF token; confirming makes
 * the task once, a second confirm makes none; another unit's
 * certificate can neither see, use nor drop it.  A page asked for
 * after the session ended leads to the login page saying so, and the
 * login returns to it (next=, local paths only: //evil and the like
 * land on the desk).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

#define KEPT_MSG	"登录已超时,请重新登录。您填写的内容已保留,登录后将继续提交"
#define TIMEOUT_MSG	"登录已超时,请重新登录"

/* The hall's local time (UTC+8) offset by secs, as the clock file
 * wants it. */
static void
hall_time(long secs, char buf[32])
{
	time_t		 t = time(NULL) + 8 * 3600 + secs;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Appends s percent-encoded to f. */
static void
put_enc(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' ||
		    *s == '_' || *s == '~')
			fputc(*s, f);
		else
			fprintf(f, "%%%02X", (unsigned char)*s);
	}
}

/* The value of the first HTML input named name in a's body, into
 * out[outsz] ("" when none). */
static void
html_input(const struct answer *a, const char *name, char *out,
    size_t outsz)
{
	char		 pat[128];
	const char	*p, *q;

	out[0] = '\0';
	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	if ((p = strstr(a->body, pat)) == NULL)
		return;
	p += strlen(pat);
	if ((q = strchr(p, '"')) == NULL)
		return;
	snprintf(out, outsz, "%.*s", (int)(q - p), p);
}

/* The 退工 form the clerk types: a 辞职 today of person name/idno (made
 * by make_insured, 无固定期限 since 2020), with the one-time token. */
static long
post_tuigong_html(struct browser *b, const char *token, const char *name,
    const char *idno, const char *end, struct answer *a)
{
	char	 birth[11], cno[32];

	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", idno + 6, idno + 10,
	    idno + 12);
	snprintf(cno, sizeof(cno), "T-%s", idno);
	return http_post_html(b, "/tuigong/save", a, "token", token, "id", "",
	    "name", name, "sfzh", idno, "sex", (idno[16] - '0') % 2 ? "男" :
	    "女", "birth", birth, "hukou_type", "城镇", "phone", "13800138000",
	    "reason", "员工辞职", "end_date", end, "contract_no", cno,
	    "contract_start", "2020-01-01", "contract_end", "", "open_ended",
	    "1", "post", "会计", "remark", "离职前已交接 & 结清", "handler_name",
	    "续登经办", "handler_title", "人事", "handler_phone", "027-87654321",
	    NULL);
}

/* A fresh one-time form token of the 退工 form into tok[40]. */
static void
form_token(struct browser *b, char tok[40])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/tuigong", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 40, "%s", v);
	free(v);
	answer_free(&a);
}

/* Posts /login for username (TEST_PASSWORD) with the extra field name
 * = value (name NULL: none).  Returns the status; a holds the answer. */
static long
login_with(struct browser *b, const char *username, const char *name,
    const char *value, struct answer *a)
{
	ck_assert_int_eq(set_password(username, TEST_PASSWORD, 0), 0);
	return http_post(b, "/login", 0, a, "username", username, "password",
	    TEST_PASSWORD, name, value, NULL);
}

/* Reads b's CSRF token from the XML page a. */
static void
take_csrf(struct browser *b, const struct answer *a)
{
	char	*v = xpath_str(a, "string(/page/session/@csrf)");

	snprintf(b->csrf, sizeof(b->csrf), "%s", v);
	free(v);
}

/* Submits the hidden form of the resume page page (XML) as the
 * browser does on 继续提交: b's CSRF token, hall_kept and every kept
 * field, to the form's action.  Returns the status. */
static long
confirm_kept(struct browser *b, const struct answer *page, struct answer *a)
{
	char	*action, *id, *body = NULL, *k, *v, expr[96];
	size_t	 len = 0;
	FILE	*f;
	int	 i, n;
	long	 st;

	action = xpath_str(page, "string(/page/kept/@action)");
	id = xpath_str(page, "string(/page/kept/@id)");
	n = xpath_count(page, "/page/kept/field");
	ck_assert_int_gt(n, 0);
	f = open_memstream(&body, &len);
	ck_assert_ptr_nonnull(f);
	fprintf(f, "csrf=%s&hall_kept=%s", b->csrf, id);
	for (i = 1; i <= n; i++) {
		snprintf(expr, sizeof(expr), "string(/page/kept/field[%d]/@name)",
		    i);
		k = xpath_str(page, expr);
		snprintf(expr, sizeof(expr),
		    "string(/page/kept/field[%d]/@value)", i);
		v = xpath_str(page, expr);
		fputc('&', f);
		put_enc(f, k);
		fputc('=', f);
		put_enc(f, v);
		free(k);
		free(v);
	}
	fclose(f);
	st = http_post_raw(b, action, "application/x-www-form-urlencoded",
	    body, len, a);
	free(body);
	free(action);
	free(id);
	return st;
}

/* Tasks made from the form with one-time token tok. */
static long long
tasks_of_token(const char *tok)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM tasks WHERE dedup_key "
	    "LIKE '%%:%s'", tok);
	return db_int(q);
}

/* Kept forms under id. */
static long long
kept_rows(const char *id)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM pending_posts WHERE "
	    "id = '%s'", id);
	return db_int(q);
}

START_TEST(relogin_keeps_form_after_idle_timeout)
{
	struct browser	 b, other;
	struct answer	 a, page;
	char		 pid[24], idno[19], tok[40], end[11], later[32];
	char		 kept[64], path[128], q[256], old_csrf[80];
	char		 name[32];
	long		 st;

	snprintf(name, sizeof(name), "续登测%d", (int)(time(NULL) % 100000));
	ck_assert_int_eq(make_insured("demo-a", name, pid, idno), 0);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	form_token(&b, tok);
	snprintf(old_csrf, sizeof(old_csrf), "%s", b.csrf);
	hall_time(0, later);
	snprintf(end, sizeof(end), "%.10s", later);

	/* 31 idle minutes later the clerk presses 保存. */
	hall_time(31 * 60, later);
	set_clock(later);
	ck_assert_int_eq(post_tuigong_html(&b, tok, name, idno, end, &a), 401);
	ck_assert_msg(strstr(a.body, KEPT_MSG) != NULL, "%.400s", a.body);
	ck_assert_ptr_nonnull(strstr(a.body, "action=\"/login\""));
	ck_assert_ptr_nonnull(strstr(a.body, "name=\"password\""));
	html_input(&a, "hall_kept", kept, sizeof(kept));
	ck_assert_uint_eq(strlen(kept), 32);
	answer_free(&a);
	ck_assert_int_eq(tasks_of_token(tok), 0);
	ck_assert_int_eq(kept_rows(kept), 1);
	/* The old session's token is not kept. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM pending_posts WHERE "
	    "id = '%s' AND (body LIKE '%%csrf%%' OR body LIKE '%%%s%%')", kept,
	    old_csrf);
	ck_assert_int_eq(db_int(q), 0);

	/* Unit B's certificate: cannot see it, is not led to it, cannot
	 * drop it. */
	browser_init(&other, "unit-b");
	ck_assert_int_eq(login_with(&other, "demo-b", "hall_kept", kept, &a),
	    303);
	ck_assert_str_eq(a.location, "/home");
	answer_free(&a);
	ck_assert_int_eq(http_get(&other, "/login/password", 1, &a), 200);
	take_csrf(&other, &a);
	answer_free(&a);
	snprintf(path, sizeof(path), "/login/resume?id=%s", kept);
	ck_assert_int_eq(http_get(&other, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, idno));
	ck_assert_ptr_null(strstr(a.body, name));
	answer_free(&a);
	ck_assert_int_eq(http_get(&other, path, 0, &a), 404);
	ck_assert_ptr_null(strstr(a.body, idno));
	answer_free(&a);
	ck_assert_int_eq(http_post(&other, "/login/discard", 1, &a, "id", kept,
	    NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(kept_rows(kept), 1);

	/* The same certificate logs in: led to the kept form. */
	ck_assert_int_eq(login_with(&b, "demo-a", "hall_kept", kept, &a), 303);
	ck_assert_str_eq(a.location, path);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 1, &page), 200);
	ck_xpath_eq(&page, "string(/page/@view)", "resume");
	ck_xpath_eq(&page, "string(/page/kept/@action)", "/tuigong/save");
	ck_xpath_eq(&page, "string(/page/kept/@business)", "退工登记");
	ck_xpath_eq(&page, "string(/page/kept/field[@name='name']/@value)",
	    name);
	ck_xpath_eq(&page, "string(/page/kept/field[@name='sfzh']/@value)",
	    idno);
	ck_xpath_eq(&page, "string(/page/kept/field[@name='remark']/@value)",
	    "离职前已交接 & 结清");
	ck_xpath_eq(&page, "string(/page/kept/field[@name='token']/@value)",
	    tok);
	ck_assert_int_eq(xpath_count(&page, "/page/kept/field[@name='csrf']"),
	    0);
	take_csrf(&b, &page);
	ck_assert_str_ne(b.csrf, old_csrf);
	ck_assert_uint_eq(strlen(b.csrf), 64);
	/* What the clerk sees: the values, 继续提交, the new token. */
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "继续提交"));
	ck_assert_ptr_nonnull(strstr(a.body, "action=\"/tuigong/save\""));
	snprintf(q, sizeof(q), "value=\"%s\"", idno);
	ck_assert_ptr_nonnull(strstr(a.body, q));
	snprintf(q, sizeof(q), "<td>%s</td>", name);
	ck_assert_ptr_nonnull(strstr(a.body, q));
	snprintf(q, sizeof(q), "name=\"csrf\" value=\"%s\"", b.csrf);
	ck_assert_ptr_nonnull(strstr(a.body, q));
	ck_assert_int_eq(tasks_of_token(tok), 0);
	answer_free(&a);

	/* 继续提交: the task is made, once; the kept form is used up. */
	st = confirm_kept(&b, &page, &a);
	ck_assert_msg(st == 200 || st == 303, "confirm: %ld %.300s", st,
	    a.body);
	answer_free(&a);
	ck_assert_int_eq(tasks_of_token(tok), 1);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM tasks t JOIN tuigong g "
	    "ON g.task_id = t.id WHERE t.dedup_key LIKE '%%:%s' AND g.idno = "
	    "'%s' AND g.remark = '离职前已交接 & 结清'", tok, idno);
	ck_assert_int_eq(db_int(q), 1);
	ck_assert_int_eq(kept_rows(kept), 0);
	/* Pressed twice: still one task. */
	st = confirm_kept(&b, &page, &a);
	ck_assert_msg(st == 200 || st == 303, "again: %ld", st);
	answer_free(&a);
	ck_assert_int_eq(tasks_of_token(tok), 1);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	answer_free(&a);
	answer_free(&page);
	set_clock(NULL);
}
END_TEST

/* 放弃 drops the kept form; the login after a password change still
 * leads to a kept form; a login page's own forms and another site's
 * are never kept; an XML client gets 401 LOGIN_REQUIRED and nothing is
 * kept. */
START_TEST(relogin_discard_and_what_is_not_kept)
{
	struct browser	 b;
	struct answer	 a;
	char		 kept[64], path[128];
	long long	 before;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	db_exec("DELETE FROM sessions WHERE account_id = (SELECT id FROM "
	    "accounts WHERE username = 'demo-a')");
	before = db_int("SELECT COUNT(*) FROM pending_posts");
	/* XML: the old answer, nothing kept. */
	ck_assert_int_eq(http_post(&b, "/biangeng/unit", 1, &a, "contact",
	    "续登联系人", NULL), 401);
	ck_xpath_eq(&a, "string(/page/error/@code)", "LOGIN_REQUIRED");
	ck_xpath_eq(&a, "string(/page/error)", TIMEOUT_MSG);
	answer_free(&a);
	/* The password form of the login program: the login box, nothing
	 * kept (it carries passwords). */
	ck_assert_int_eq(http_post_html(&b, "/login/password", &a, "old",
	    "Secret-old1", "pw", "Secret-new1", "pw2", "Secret-new1", NULL),
	    401);
	ck_assert_ptr_nonnull(strstr(a.body, TIMEOUT_MSG));
	ck_assert_ptr_null(strstr(a.body, KEPT_MSG));
	ck_assert_ptr_null(strstr(a.body, "name=\"hall_kept\""));
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM pending_posts"), before);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM pending_posts WHERE "
	    "body LIKE '%Secret%'"), 0);

	/* Another site's form the browser was made to post (the browser
	 * presents the certificate, not the SameSite cookie): not kept, it
	 * would be offered to the clerk to confirm. */
	ck_assert_int_eq(http_post_html_hdr(&b, "/biangeng/unit",
	    "Origin: https://evil.example", &a, "contact", "冒名", NULL), 401);
	ck_assert_ptr_nonnull(strstr(a.body, TIMEOUT_MSG));
	ck_assert_ptr_null(strstr(a.body, KEPT_MSG));
	answer_free(&a);
	ck_assert_int_eq(http_post_html_hdr(&b, "/biangeng/unit",
	    "Sec-Fetch-Site: cross-site", &a, "contact", "冒名", NULL), 401);
	ck_assert_ptr_null(strstr(a.body, KEPT_MSG));
	answer_free(&a);
	ck_assert_int_eq(http_post_html_hdr(&b, "/biangeng/unit",
	    "Origin: null", &a, "contact", "冒名", NULL), 401);
	ck_assert_ptr_null(strstr(a.body, KEPT_MSG));
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM pending_posts"), before);
	/* What Chromium sends from the hall's page (its Origin is "null"
	 * under Referrer-Policy: no-referrer): kept. */
	ck_assert_int_eq(http_post_html_hdr(&b, "/biangeng/unit",
	    "Sec-Fetch-Site: same-origin", &a, "contact", "同源", NULL), 401);
	ck_assert_ptr_nonnull(strstr(a.body, KEPT_MSG));
	html_input(&a, "hall_kept", kept, sizeof(kept));
	answer_free(&a);
	ck_assert_int_eq(kept_rows(kept), 1);
	snprintf(path, sizeof(path), "DELETE FROM pending_posts WHERE id = "
	    "'%s'", kept);
	db_exec(path);

	/* A browser's 信息变更 form from the hall's own page: kept. */
	snprintf(path, sizeof(path), "Origin: %s", hall_url());
	ck_assert_int_eq(http_post_html_hdr(&b, "/biangeng/unit", path, &a,
	    "contact", "续登联系人", NULL), 401);
	ck_assert_ptr_nonnull(strstr(a.body, KEPT_MSG));
	html_input(&a, "hall_kept", kept, sizeof(kept));
	answer_free(&a);
	ck_assert_int_eq(kept_rows(kept), 1);

	/* Logged in with an initial password to change first: after the
	 * change, the kept form is offered. */
	ck_assert_int_eq(set_password("demo-a", "Init2026pw", 1), 0);
	ck_assert_int_eq(http_post(&b, "/login", 0, &a, "username", "demo-a",
	    "password", "Init2026pw", "hall_kept", kept, NULL), 303);
	ck_assert_str_eq(a.location, "/login/password");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/login/password", 1, &a), 200);
	take_csrf(&b, &a);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/login/password", 1, &a, "old",
	    "Init2026pw", "pw", TEST_PASSWORD, "pw2", TEST_PASSWORD, NULL),
	    303);
	snprintf(path, sizeof(path), "/login/resume?id=%s", kept);
	ck_assert_str_eq(a.location, path);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/kept/field[@name='contact']/@value)",
	    "续登联系人");
	take_csrf(&b, &a);
	answer_free(&a);

	/* 放弃: gone, to the desk. */
	ck_assert_int_eq(http_post(&b, "/login/discard", 1, &a, "id", kept,
	    NULL), 303);
	ck_assert_str_eq(a.location, "/home");
	answer_free(&a);
	ck_assert_int_eq(kept_rows(kept), 0);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	answer_free(&a);
}
END_TEST

/* A page asked for after the session ended: the login page says the
 * login timed out and returns to the page; next= must be a path of
 * this site. */
START_TEST(relogin_get_returns_to_page)
{
	static const char *const evil[] = {
		"//evil.example/", "https://evil.example/", "/\\evil.example",
		"/x\r\nSet-Cookie: x=1", "javascript:alert(1)",
		"/ok//evil", "/login",
	};
	struct browser	 b;
	struct answer	 a;
	char		 path[256];
	size_t		 i;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	db_exec("DELETE FROM sessions WHERE account_id = (SELECT id FROM "
	    "accounts WHERE username = 'demo-a')");
	/* XML: 401 saying the login timed out. */
	ck_assert_int_eq(http_get(&b, "/home/task?id=1", 1, &a), 401);
	ck_xpath_eq(&a, "string(/page/error/@code)", "LOGIN_REQUIRED");
	ck_xpath_eq(&a, "string(/page/error)", TIMEOUT_MSG);
	answer_free(&a);
	/* A browser: to the login page with the page asked for. */
	ck_assert_int_eq(http_get(&b, "/home/task?id=1", 0, &a), 303);
	ck_assert_str_eq(a.location, "/login?next=%2Fhome%2Ftask%3Fid%3D1");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/login?next=%2Fhome%2Ftask%3Fid%3D1", 0,
	    &a), 200);
	ck_assert_msg(strstr(a.body, TIMEOUT_MSG) != NULL, "%.400s", a.body);
	ck_assert_ptr_nonnull(strstr(a.body,
	    "name=\"next\" value=\"/home/task?id=1\""));
	answer_free(&a);
	/* The stale cookie was cleared: the login page no longer says it. */
	ck_assert_str_eq(b.cookie, "");
	ck_assert_int_eq(http_get(&b, "/login", 0, &a), 200);
	ck_assert_ptr_null(strstr(a.body, TIMEOUT_MSG));
	answer_free(&a);
	ck_assert_int_eq(login_with(&b, "demo-a", "next", "/home/task?id=1",
	    &a), 303);
	ck_assert_str_eq(a.location, "/home/task?id=1");
	answer_free(&a);

	/* Logged in, /login?next= goes there, a bad one to the desk. */
	ck_assert_int_eq(http_get(&b, "/login?next=%2Ftuigong", 0, &a), 303);
	ck_assert_str_eq(a.location, "/tuigong");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/login?next=%2F%2Fevil.example", 0, &a),
	    303);
	ck_assert_str_eq(a.location, "/home");
	answer_free(&a);

	/* Never followed, never written into the form. */
	for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		browser_init(&b, "unit-a");
		ck_assert_int_eq(login_with(&b, "demo-a", "next", evil[i], &a),
		    303);
		ck_assert_msg(strcmp(a.location, "/home") == 0,
		    "next=%s: Location %s", evil[i], a.location);
		answer_free(&a);
	}
	browser_init(&b, "unit-a");
	ck_assert_int_eq(http_get(&b, "/login?next=%2F%2Fevil.example", 0, &a),
	    200);
	ck_assert_ptr_null(strstr(a.body, "evil.example"));
	answer_free(&a);
	snprintf(path, sizeof(path), "/login?next=%%2Fx%%0d%%0aSet-Cookie:x");
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_null(strstr(a.body, "Set-Cookie"));
	answer_free(&a);
}
END_TEST

static Suite *
relogin_suite(void)
{
	Suite	*s = suite_create("relogin");
	TCase	*tc = tcase_create("relogin");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, relogin_keeps_form_after_idle_timeout);
	tcase_add_test(tc, relogin_discard_and_what_is_not_kept);
	tcase_add_test(tc, relogin_get_returns_to_page);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(relogin_suite)
