/*
 * test_hostile.c: bad input of every kind against every program through
 * the real nginx: ids that are not ids, wrong content types, broken and
 * oversized multipart bodies, bodies over nginx's limit, invalid UTF-8
 * and control characters, huge values, repeated fields, wrong methods.
 * Each gets a clear Chinese message with the right status, never a 5xx;
 * afterwards every program still answers, the audit chain verifies and
 * no business row was added or lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../suites.h"
#include "client.h"

/* The row counts the barrage must leave as they were. */
#define COUNTS_SQL "SELECT (SELECT count(*) FROM tasks) || ',' || "	\
	"(SELECT count(*) FROM tuigong) || ',' || (SELECT count(*) FROM "	\
	"jianyuan) || ',' || (SELECT count(*) FROM attachments) || ',' || "	\
	"(SELECT count(*) FROM change_records) || ',' || (SELECT count(*) "	\
	"FROM receipts)"

static char	 counts_before[256];

/* Records the row counts before the suite runs (in the runner's
 * process, so every forked test and the final check see it). */
static void
counts_snapshot(void)
{
	char	*v = db_query(COUNTS_SQL);

	if (v == NULL || *v == '\0') {
		fprintf(stderr, "hostile: cannot read the row counts\n");
		abort();
	}
	snprintf(counts_before, sizeof(counts_before), "%s", v);
	free(v);
}

/* Who may use a route. */
enum who {
	WHO_UNIT,	/* demo-a with unit-a */
	WHO_REVIEWER,	/* demo-reviewer with reviewer */
	WHO__MAX
};

/* Logs b in as the account for w. */
static void
login_as(struct browser *b, enum who w)
{
	switch (w) {
	case WHO_UNIT:
		browser_init(b, "unit-a");
		ck_assert_int_eq(login(b, "demo-a"), 0);
		break;
	case WHO_REVIEWER:
		browser_init(b, "reviewer");
		ck_assert_int_eq(login(b, "demo-reviewer"), 0);
		break;
	case WHO__MAX:
	default:
		abort();
	}
}

/* Asserts the answer is an error page with status want, a code and a
 * Chinese message (the first byte of a CJK character in UTF-8 is
 * 0xe3..0xe9). */
static void
ck_error_page(const struct answer *a, long want, const char *what)
{
	char	*code, *msg;

	ck_assert_msg(a->status == want, "%s: status %ld, want %ld", what,
	    a->status, want);
	code = xpath_str(a, "string(/page/error/@code)");
	msg = xpath_str(a, "string(/page/error)");
	ck_assert_msg(code[0] != '\0', "%s: no error code in '%.200s'", what,
	    a->body);
	ck_assert_msg((unsigned char)msg[0] >= 0xe3 &&
	    (unsigned char)msg[0] <= 0xe9, "%s: message '%s' is not Chinese",
	    what, msg);
	free(code);
	free(msg);
}

/* Asserts status is one of the 4xx in want[0..n), never 5xx or 0. */
static void
ck_status_in(long st, const long *want, size_t n, const char *what)
{
	size_t	 i;

	ck_assert_msg(st >= 400 && st < 500, "%s: status %ld", what, st);
	for (i = 0; i < n; i++)
		if (st == want[i])
			return;
	ck_abort_msg("%s: status %ld not expected", what, st);
}

/* Ids that are not ids, already urlencoded. */
static const char *const bad_ids[] = {
	"", "0", "-1", "abc", "1%20OR%201%3D1", "99999999999999999999",
	"1e3", "%201", "%00", "9223372036854775808", "1.0", "0x10",
	"%EF%BC%91",	/* a full-width digit one */
};
#define NBAD_IDS (sizeof(bad_ids) / sizeof(bad_ids[0]))

/* A GET route that takes an id in the query. */
struct id_get {
	const char	*path;
	const char	*param;
	enum who	 who;
};

static const struct id_get id_gets[] = {
	{ "/home/task", "id", WHO_UNIT },
	{ "/tuigong", "id", WHO_UNIT },
	{ "/tuigong/attachment", "id", WHO_UNIT },
	{ "/tuigong/batch/result", "id", WHO_UNIT },
	{ "/tuigong/batch/failures", "id", WHO_UNIT },
	{ "/jianyuan", "id", WHO_UNIT },
	{ "/jianyuan/attachment", "id", WHO_UNIT },
	{ "/jianyuan/batch/result", "id", WHO_UNIT },
	{ "/jianyuan/batch/failures", "id", WHO_UNIT },
	{ "/jianyuan/export", "id", WHO_UNIT },
	{ "/jianyuan/table", "id", WHO_UNIT },
	{ "/print/zonghe", "id", WHO_UNIT },
	{ "/print/tuigong", "id", WHO_UNIT },
	{ "/print/zonghe", "id", WHO_REVIEWER },
	{ "/print/tuigong", "id", WHO_REVIEWER },
	{ "/review/task", "id", WHO_REVIEWER },
	{ "/review/attachment", "id", WHO_REVIEWER },
	{ "/mingce/view", "id", WHO_UNIT },
	{ "/mingce/xlsx", "id", WHO_UNIT },
};

START_TEST(ids_bad_get)
{
	const struct id_get	*g = &id_gets[_i];
	struct browser		 b;
	struct answer		 a;
	char			 path[512], what[600];
	size_t			 i;

	login_as(&b, g->who);
	for (i = 0; i < NBAD_IDS; i++) {
		snprintf(path, sizeof(path), "%s?%s=%s", g->path, g->param,
		    bad_ids[i]);
		snprintf(what, sizeof(what), "GET %s as %s", path,
		    g->who == WHO_UNIT ? "unit" : "reviewer");
		http_get(&b, path, 1, &a);
		ck_error_page(&a, 404, what);
		answer_free(&a);
	}
}
END_TEST

/* A POST route and the fields that name a record. */
struct id_post {
	const char	*path;
	const char	*after;	/* fields after id=<bad id> */
	enum who	 who;
};

static const struct id_post id_posts[] = {
	{ "/home/cancel", "", WHO_UNIT },
	{ "/tuigong/save", "", WHO_UNIT },
	{ "/tuigong/upload", "&code=ldht", WHO_UNIT },
	{ "/tuigong/submit", "", WHO_UNIT },
	{ "/tuigong/cancel", "", WHO_UNIT },
	{ "/tuigong/batch/delete", "&row=1", WHO_UNIT },
	{ "/jianyuan/upload", "&pid=1&material=x", WHO_UNIT },
	{ "/jianyuan/delete", "&row=1", WHO_UNIT },
	{ "/jianyuan/submit", "", WHO_UNIT },
	{ "/jianyuan/cancel", "", WHO_UNIT },
	{ "/jianyuan/batch/delete", "&row=1", WHO_UNIT },
	{ "/biangeng/person", "&address=%E6%9F%90%E8%B7%AF1%E5%8F%B7",
	    WHO_UNIT },
	{ "/review/approve", "", WHO_REVIEWER },
	{ "/review/reject", "&reason=%E6%9D%90%E6%96%99%E4%B8%8D%E5%85%A8",
	    WHO_REVIEWER },
	{ "/review/batch-approve", "", WHO_REVIEWER },
	{ "/review/mark", "&page=1&row=1&reason_1=%E6%9C%89%E8%AF%AF",
	    WHO_REVIEWER },
	{ "/review/unmark", "&unmark=1", WHO_REVIEWER },
};

START_TEST(ids_bad_post)
{
	const struct id_post	*p = &id_posts[_i];
	static const long	 ok[] = { 404, 422 };
	struct browser		 b;
	struct answer		 a;
	char			 rest[512], body[1024], what[1200];
	size_t			 i;

	login_as(&b, p->who);
	for (i = 0; i < NBAD_IDS; i++) {
		snprintf(rest, sizeof(rest), "id=%s%s", bad_ids[i], p->after);
		snprintf(body, sizeof(body), "csrf=%s&%s", b.csrf, rest);
		snprintf(what, sizeof(what), "POST %s %s", p->path, rest);
		http_post_raw(&b, p->path, "application/x-www-form-urlencoded",
		    body, strlen(body), &a);
		ck_status_in(a.status, ok, 2, what);
		if (a.status == 404)
			ck_error_page(&a, 404, what);
		else
			ck_assert_msg(xpath_count(&a, "/page/errors/error") > 0 ||
			    xpath_count(&a, "/page/error") > 0 ||
			    xpath_count(&a, "/page/message[@kind='error']") > 0,
			    "%s: 422 without an error: %.300s", what, a.body);
		answer_free(&a);
	}
}
END_TEST

/* Every POST route of every program, and who may use it. */
struct post_route {
	const char	*path;
	enum who	 who;
};

static const struct post_route posts[] = {
	{ "/login/password", WHO_UNIT },
	{ "/login/logout", WHO_UNIT },
	{ "/login/discard", WHO_UNIT },
	{ "/home/cancel", WHO_UNIT },
	{ "/biangeng/person", WHO_UNIT },
	{ "/biangeng/unit", WHO_UNIT },
	{ "/tuigong/save", WHO_UNIT },
	{ "/tuigong/upload", WHO_UNIT },
	{ "/tuigong/submit", WHO_UNIT },
	{ "/tuigong/cancel", WHO_UNIT },
	{ "/tuigong/batch/upload", WHO_UNIT },
	{ "/tuigong/batch/delete", WHO_UNIT },
	{ "/jianyuan/save", WHO_UNIT },
	{ "/jianyuan/upload", WHO_UNIT },
	{ "/jianyuan/delete", WHO_UNIT },
	{ "/jianyuan/submit", WHO_UNIT },
	{ "/jianyuan/cancel", WHO_UNIT },
	{ "/jianyuan/batch/upload", WHO_UNIT },
	{ "/jianyuan/batch/delete", WHO_UNIT },
	{ "/review/approve", WHO_REVIEWER },
	{ "/review/reject", WHO_REVIEWER },
	{ "/review/batch-approve", WHO_REVIEWER },
};
#define NPOSTS (sizeof(posts) / sizeof(posts[0]))

/* The session's own CSRF token in the query string instead of the body
 * is refused (403 CSRF) on every POST: nginx logs query strings. */
START_TEST(csrf_bad_in_query)
{
	const struct post_route	*p = &posts[_i];
	struct browser		 b;
	struct answer		 a;
	char			 path[512], what[256];
	static const char	 body[] = "id=1&x=1";

	login_as(&b, p->who);
	snprintf(path, sizeof(path), "%s?csrf=%s", p->path, b.csrf);
	snprintf(what, sizeof(what), "csrf in the query to %s", p->path);
	http_post_raw(&b, path, "application/x-www-form-urlencoded", body,
	    strlen(body), &a);
	ck_error_page(&a, 403, what);
	ck_xpath_eq(&a, "string(/page/error/@code)", "CSRF");
	answer_free(&a);
}
END_TEST

/* Credentials in the query string of POST /login are not read (nginx
 * logs query strings): the form asks for them again, and no failure is
 * counted against the account. */
START_TEST(login_bad_credentials_in_query)
{
	struct browser	 b;
	struct answer	 a;
	char		*before, *after;

	browser_init(&b, "unit-b");
	before = db_query("SELECT failed FROM accounts WHERE username = "
	    "'demo-b'");
	http_post_raw(&b, "/login?username=demo-b&password=Wrong-pass1",
	    "application/x-www-form-urlencoded", "x=1", 3, &a);
	ck_assert_int_eq(a.status, 422);
	ck_assert_ptr_nonnull(strstr(a.body, "请输入用户名和密码"));
	answer_free(&a);
	after = db_query("SELECT failed FROM accounts WHERE username = "
	    "'demo-b'");
	ck_assert_ptr_nonnull(before);
	ck_assert_ptr_nonnull(after);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(ctype_bad)
{
	const struct post_route	*p = &posts[_i];
	struct browser		 b;
	struct answer		 a;
	char			 body[512], what[256];

	login_as(&b, p->who);
	snprintf(body, sizeof(body), "csrf=%s&id=1", b.csrf);
	snprintf(what, sizeof(what), "text/plain to %s", p->path);
	http_post_raw(&b, p->path, "text/plain", body, strlen(body), &a);
	ck_error_page(&a, 415, what);
	ck_xpath_eq(&a, "string(/page/error/@code)", "BAD_CONTENT_TYPE");
	answer_free(&a);

	snprintf(body, sizeof(body), "{\"csrf\":\"%s\",\"id\":1}", b.csrf);
	snprintf(what, sizeof(what), "JSON to %s", p->path);
	http_post_raw(&b, p->path, "application/json", body, strlen(body), &a);
	ck_error_page(&a, 415, what);
	answer_free(&a);

	snprintf(what, sizeof(what), "no Content-Type to %s", p->path);
	snprintf(body, sizeof(body), "csrf=%s&id=1", b.csrf);
	http_post_raw(&b, p->path, NULL, body, strlen(body), &a);
	ck_assert_msg(a.status == 415 || a.status == 400 || a.status == 404 ||
	    a.status == 422, "%s: status %ld", what, a.status);
	answer_free(&a);
}
END_TEST

/* One broken multipart body. */
struct mp_case {
	const char	*name;
	long		 want[2];	/* acceptable statuses (0 = none) */
};

static const struct mp_case mp_cases[] = {
	{ "unclosed", { 400, 0 } },
	{ "boundary71", { 400, 415 } },
	{ "header8k", { 400, 413 } },
	{ "parts300", { 400, 413 } },
	{ "noboundary", { 400, 415 } },
	{ "garbage", { 400, 0 } },
};
#define NMP (sizeof(mp_cases) / sizeof(mp_cases[0]))

/* Builds the body and Content-Type of mp_cases[k] (csrf included).
 * Returns the body (caller frees) with its length in *len. */
static char *
mp_build(size_t k, const char *csrf, char *ctype, size_t ctypesz,
    size_t *len)
{
	char		 bnd[80];
	char		*buf = NULL;
	FILE		*m = open_memstream(&buf, len);
	const char	*name = mp_cases[k].name;
	size_t		 i;

	ck_assert_ptr_nonnull(m);
	snprintf(bnd, sizeof(bnd), "hostile%s", "Bnd");
	if (strcmp(name, "boundary71") == 0) {
		memset(bnd, 'b', 71);
		bnd[71] = '\0';
	}
	snprintf(ctype, ctypesz, "multipart/form-data; boundary=%s", bnd);
	if (strcmp(name, "noboundary") == 0)
		snprintf(ctype, ctypesz, "multipart/form-data");
	if (strcmp(name, "garbage") == 0) {
		fprintf(m, "this is not multipart at all\r\n");
		fclose(m);
		return buf;
	}
	fprintf(m, "--%s\r\nContent-Disposition: form-data; name=\"csrf\""
	    "\r\n", bnd);
	if (strcmp(name, "header8k") == 0) {
		fputs("X-Pad: ", m);
		for (i = 0; i < 8192; i++)
			fputc('p', m);
		fputs("\r\n", m);
	}
	fprintf(m, "\r\n%s\r\n", csrf);
	if (strcmp(name, "parts300") == 0)
		for (i = 0; i < 300; i++)
			fprintf(m, "--%s\r\nContent-Disposition: form-data; "
			    "name=\"f%zu\"\r\n\r\nv\r\n", bnd, i);
	fprintf(m, "--%s\r\nContent-Disposition: form-data; name=\"id\"\r\n"
	    "\r\n1\r\n", bnd);
	if (strcmp(name, "unclosed") != 0)
		fprintf(m, "--%s--\r\n", bnd);
	fclose(m);
	return buf;
}

START_TEST(multipart_bad)
{
	const struct post_route	*p = &posts[_i];
	struct browser		 b;
	struct answer		 a;
	char			 ctype[256], what[256], *body;
	size_t			 k, len, n;

	login_as(&b, p->who);
	for (k = 0; k < NMP; k++) {
		body = mp_build(k, b.csrf, ctype, sizeof(ctype), &len);
		snprintf(what, sizeof(what), "multipart %s to %s",
		    mp_cases[k].name, p->path);
		http_post_raw(&b, p->path, ctype, body, len, &a);
		n = mp_cases[k].want[1] != 0 ? 2 : 1;
		ck_status_in(a.status, mp_cases[k].want, n, what);
		ck_error_page(&a, a.status, what);
		answer_free(&a);
		free(body);
	}
}
END_TEST

START_TEST(body_over_nginx_limit)
{
	const struct post_route	*p = &posts[_i];
	struct browser		 b;
	struct answer		 a;
	size_t			 len = 7 * 1024 * 1024;
	char			*body = malloc(len);
	char			 what[256];

	ck_assert_ptr_nonnull(body);
	login_as(&b, p->who);
	memset(body, 'a', len);
	memcpy(body, "csrf=", 5);
	memcpy(body + 5, b.csrf, strlen(b.csrf));
	memcpy(body + 5 + strlen(b.csrf), "&x=", 3);
	snprintf(what, sizeof(what), "7 MB to %s", p->path);
	http_post_raw(&b, p->path, "application/x-www-form-urlencoded", body,
	    len, &a);
	ck_assert_msg(a.status == 413, "%s: status %ld", what, a.status);
	/* nginx's own answer, but the hall's page in Chinese. */
	ck_assert_msg(strstr(a.body, "上传的内容过大") != NULL, "%s: %.300s",
	    what, a.body);
	answer_free(&a);
	free(body);
}
END_TEST

/* What a text field's form names besides itself. */
enum subject {
	SUBJ_NONE,	/* nothing */
	SUBJ_PID,	/* id=<a person of demo-a's unit> */
	SUBJ_IDNO,	/* sfzh=<that person's number> */
	SUBJ__MAX
};

/* A text field and how to post it. */
struct text_field {
	const char	*path;
	const char	*field;		/* the field given the bad value */
	enum subject	 subject;	/* which record it names */
	const char	*rest;		/* other fields */
	enum who	 who;
};

static const struct text_field text_fields[] = {
	{ "/biangeng/person", "address", SUBJ_PID, "", WHO_UNIT },
	{ "/biangeng/person", "mail_addr", SUBJ_PID, "", WHO_UNIT },
	{ "/biangeng/unit", "contact", SUBJ_NONE, "phone=13800138000&address="
	    "%E6%9F%90%E8%B7%AF1%E5%8F%B7", WHO_UNIT },
	{ "/biangeng/unit", "address", SUBJ_NONE, "phone=13800138000&contact="
	    "%E5%BC%A0%E4%B8%89", WHO_UNIT },
	{ "/tuigong/save", "name", SUBJ_IDNO, "", WHO_UNIT },
	{ "/tuigong/save", "remark", SUBJ_IDNO, "", WHO_UNIT },
	{ "/tuigong/save", "handler_name", SUBJ_IDNO, "", WHO_UNIT },
	{ "/jianyuan/save", "reason", SUBJ_NONE, "change_date=2026-01-01",
	    WHO_UNIT },
	{ "/login/password", "pw", SUBJ_NONE, "old=" TEST_PASSWORD "&pw2=x",
	    WHO_UNIT },
};
#define NTEXT (sizeof(text_fields) / sizeof(text_fields[0]))

/* Bad values, urlencoded: invalid UTF-8 and control characters. */
static const char *const bad_texts[] = {
	"%FF%FE",			/* not UTF-8 at all */
	"%E5%BC",			/* truncated sequence */
	"%C0%AF",			/* overlong '/' */
	"%ED%A0%80",			/* a UTF-16 surrogate */
	"%F4%90%80%80",			/* beyond U+10FFFF */
	"a%00b",			/* NUL */
	"a%01b",			/* SOH */
	"a%1Bb",			/* ESC */
	"a%7Fb",			/* DEL */
	"%C2%85",			/* C1 control NEL */
};
#define NBAD_TEXTS (sizeof(bad_texts) / sizeof(bad_texts[0]))

/* "id" and "idno" of the first person 在职 at demo-a's unit. */
static void
person_of_a(char *id, size_t idsz, char *idno, size_t idnosz)
{
	char	*v = db_query("SELECT p.id || '|' || p.idno FROM persons p "
	    "JOIN employments e ON e.person_id = p.id JOIN accounts a ON "
	    "a.unit_id = e.unit_id WHERE a.username = 'demo-a' AND "
	    "e.status = '在职' ORDER BY p.id LIMIT 1");

	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(strchr(v, '|'));
	*strchr(v, '|') = '\0';
	snprintf(id, idsz, "%s", v);
	snprintf(idno, idnosz, "%s", v + strlen(v) + 1);
	free(v);
}

/* The fields posted beside t's field into rest. */
static void
text_rest(const struct text_field *t, char *rest, size_t restsz)
{
	char	 pid[32], idno[32];

	person_of_a(pid, sizeof(pid), idno, sizeof(idno));
	switch (t->subject) {
	case SUBJ_NONE:
		snprintf(rest, restsz, "%s", t->rest);
		break;
	case SUBJ_PID:
		snprintf(rest, restsz, "id=%s%s%s", pid, *t->rest ? "&" : "",
		    t->rest);
		break;
	case SUBJ_IDNO:
		snprintf(rest, restsz, "sfzh=%s%s%s", idno, *t->rest ? "&" : "",
		    t->rest);
		break;
	case SUBJ__MAX:
	default:
		abort();
	}
}

START_TEST(text_bad_chars)
{
	const struct text_field	*t = &text_fields[_i];
	struct browser		 b;
	struct answer		 a;
	char			 rest[512], body[2048];
	char			 what[2200], expr[128];
	size_t			 i;

	text_rest(t, rest, sizeof(rest));
	login_as(&b, t->who);
	snprintf(expr, sizeof(expr), "/page/errors/error[@field='%s']",
	    t->field);
	for (i = 0; i < NBAD_TEXTS; i++) {
		snprintf(body, sizeof(body), "csrf=%s&%s&%s=%s", b.csrf, rest,
		    t->field, bad_texts[i]);
		snprintf(what, sizeof(what), "POST %s %s=%s", t->path,
		    t->field, bad_texts[i]);
		http_post_raw(&b, t->path, "application/x-www-form-urlencoded",
		    body, strlen(body), &a);
		ck_assert_msg(a.status == 422, "%s: status %ld: %.300s", what,
		    a.status, a.body);
		ck_assert_msg(xpath_count(&a, expr) == 1,
		    "%s: no error on the field: %.600s", what, a.body);
		answer_free(&a);
	}
}
END_TEST

START_TEST(text_huge_value)
{
	const struct text_field	*t = &text_fields[_i];
	static const long	 ok[] = { 413, 422 };
	struct browser		 b;
	struct answer		 a;
	char			 rest[512], what[256];
	char			*body;
	size_t			 hdr, len, vlen = 100 * 1024;

	text_rest(t, rest, sizeof(rest));
	login_as(&b, t->who);
	body = malloc(1024 + vlen);
	ck_assert_ptr_nonnull(body);
	hdr = (size_t)snprintf(body, 1024, "csrf=%s&%s&%s=", b.csrf, rest,
	    t->field);
	memset(body + hdr, 'x', vlen);
	len = hdr + vlen;
	snprintf(what, sizeof(what), "100 KB %s to %s", t->field, t->path);
	http_post_raw(&b, t->path, "application/x-www-form-urlencoded", body,
	    len, &a);
	ck_status_in(a.status, ok, 2, what);
	if (a.status == 422) {
		char expr[128];

		snprintf(expr, sizeof(expr), "/page/errors/error[@field='%s']",
		    t->field);
		ck_assert_msg(xpath_count(&a, expr) == 1, "%s: %.300s", what,
		    a.body);
	} else
		ck_error_page(&a, 413, what);
	answer_free(&a);
	free(body);
}
END_TEST

START_TEST(repeated_fields)
{
	const struct post_route	*p = &posts[_i];
	struct browser		 b;
	struct answer		 a;
	char			 body[1024], what[256];

	login_as(&b, p->who);
	/* The first csrf decides: a wrong one before the right one. */
	snprintf(body, sizeof(body), "csrf=%064d&csrf=%s&id=1", 0, b.csrf);
	snprintf(what, sizeof(what), "csrf twice to %s", p->path);
	http_post_raw(&b, p->path, "application/x-www-form-urlencoded", body,
	    strlen(body), &a);
	ck_error_page(&a, 403, what);
	ck_xpath_eq(&a, "string(/page/error/@code)", "CSRF");
	answer_free(&a);
	/* Ids repeated, none of them this account's record. */
	snprintf(body, sizeof(body), "csrf=%s&id=abc&id=999999999&id=&id=-1"
	    "&row=x&row=1&row=2", b.csrf);
	snprintf(what, sizeof(what), "ids repeated to %s", p->path);
	http_post_raw(&b, p->path, "application/x-www-form-urlencoded", body,
	    strlen(body), &a);
	ck_assert_msg(a.status < 500 && a.status != 0, "%s: status %ld", what,
	    a.status);
	ck_assert_msg(a.status != 200 || xpath_count(&a, "/page") == 1,
	    "%s: 200 without a page", what);
	answer_free(&a);
}
END_TEST

/* A GET route with a text parameter a page may echo back. */
struct query_text {
	const char	*path;
	const char	*param;
	enum who	 who;
};

static const struct query_text query_texts[] = {
	{ "/biangeng/person", "sfzh", WHO_UNIT },
	{ "/tuigong", "sfzh", WHO_UNIT },
	{ "/tuigong", "reason", WHO_UNIT },
	{ "/tuigong/timeline", "sfzh", WHO_UNIT },
	{ "/jianyuan", "sfzh", WHO_UNIT },
	{ "/review", "business", WHO_REVIEWER },
	{ "/review", "state", WHO_REVIEWER },
	{ "/verify", "no", WHO__MAX },
	{ "/verify", "code", WHO__MAX },
};

START_TEST(query_bad_chars)
{
	const struct query_text	*q = &query_texts[_i];
	struct browser		 b;
	struct answer		 a;
	char			 path[512];
	size_t			 i;
	int			 xml;

	if (q->who != WHO__MAX)
		login_as(&b, q->who);
	for (i = 0; i < NBAD_TEXTS; i++) {
		snprintf(path, sizeof(path), "%s?%s=%s", q->path, q->param,
		    bad_texts[i]);
		for (xml = 1; xml >= 0; xml--) {
			if (q->who == WHO__MAX) {
				/* The public port answers XML on ?format=xml. */
				char pub[600];

				snprintf(pub, sizeof(pub), "%s%s", path,
				    xml ? "&format=xml" : "");
				http_get_pub_from(loopback_other(), pub, &a);
			} else
				http_get(&b, path, xml, &a);
			ck_assert_msg(a.status == 200 || a.status == 404 ||
			    a.status == 422, "GET %s (%s): status %ld", path,
			    xml ? "XML" : "HTML", a.status);
			if (xml)
				ck_assert_msg(xpath_count(&a, "/page") == 1,
				    "GET %s: not well-formed XML", path);
			answer_free(&a);
		}
	}
}
END_TEST

/* Every GET-only route, for a POST to it. */
static const char *const gets_only[] = {
	"/home", "/home/task", "/biangeng", "/biangeng/records", "/tuigong",
	"/tuigong/attachment", "/tuigong/batch", "/tuigong/batch/template",
	"/tuigong/batch/result", "/tuigong/batch/failures",
	"/tuigong/timeline", "/jianyuan", "/jianyuan/attachment",
	"/jianyuan/batch", "/jianyuan/batch/template",
	"/jianyuan/batch/result", "/jianyuan/batch/failures",
	"/tuigong/batch/import", "/jianyuan/batch/import",
	"/jianyuan/export", "/jianyuan/table", "/print", "/print/zonghe",
	"/print/tuigong", "/review", "/review/task", "/review/attachment",
	"/login/resume", "/mingce", "/mingce/view", "/mingce/xlsx",
};
#define NGETS (sizeof(gets_only) / sizeof(gets_only[0]))

/* Every POST-only route, for a GET to it. */
static const char *const posts_only[] = {
	"/login/logout", "/home/cancel", "/tuigong/save", "/tuigong/upload",
	"/tuigong/submit", "/tuigong/cancel", "/tuigong/batch/upload",
	"/tuigong/batch/delete", "/jianyuan/save", "/jianyuan/upload",
	"/jianyuan/delete", "/jianyuan/submit", "/jianyuan/cancel",
	"/jianyuan/batch/upload", "/jianyuan/batch/delete",
	"/review/approve", "/review/reject", "/review/batch-approve",
	"/login/discard", "/review/mark", "/review/unmark", "/mingce/issue",
};
#define NPOSTS_ONLY (sizeof(posts_only) / sizeof(posts_only[0]))

START_TEST(method_bad_get_to_post)
{
	struct browser	 b;
	struct answer	 a;
	char		 what[128];

	login_as(&b, WHO_UNIT);
	snprintf(what, sizeof(what), "GET %s", posts_only[_i]);
	http_get(&b, posts_only[_i], 1, &a);
	ck_error_page(&a, 405, what);
	ck_assert_msg(strcmp(a.allow, "POST") == 0, "%s: Allow '%s'", what,
	    a.allow);
	answer_free(&a);
}
END_TEST

START_TEST(method_bad_post_to_get)
{
	struct browser	 b;
	struct answer	 a;
	char		 what[128];

	login_as(&b, WHO_UNIT);
	snprintf(what, sizeof(what), "POST %s", gets_only[_i]);
	http_post(&b, gets_only[_i], 1, &a, "id", "1", NULL);
	ck_error_page(&a, 405, what);
	ck_assert_msg(strncmp(a.allow, "GET", 3) == 0 &&
	    strstr(a.allow, "POST") == NULL, "%s: Allow '%s'", what, a.allow);
	answer_free(&a);
}
END_TEST

/* Pages that must answer 200 after the barrage. */
struct alive {
	const char	*path;
	enum who	 who;
};

static const struct alive alive[] = {
	{ "/home", WHO_UNIT },
	{ "/tuigong", WHO_UNIT },
	{ "/jianyuan", WHO_UNIT },
	{ "/biangeng/unit", WHO_UNIT },
	{ "/print", WHO_UNIT },
	{ "/mingce", WHO_UNIT },
	{ "/review", WHO_REVIEWER },
};

START_TEST(after_all_still_serve)
{
	struct browser	 u, r;
	struct answer	 a;
	char		*now;
	size_t		 i;

	login_as(&u, WHO_UNIT);
	login_as(&r, WHO_REVIEWER);
	for (i = 0; i < sizeof(alive) / sizeof(alive[0]); i++) {
		http_get(alive[i].who == WHO_UNIT ? &u : &r, alive[i].path, 1,
		    &a);
		ck_assert_msg(a.status == 200, "GET %s: %ld", alive[i].path,
		    a.status);
		ck_assert_int_eq(xpath_count(&a, "/page/error"), 0);
		answer_free(&a);
	}
	http_get_pub("/verify", &a);
	ck_assert_int_eq(a.status, 200);
	answer_free(&a);
	ck_assert_int_eq(admin("audit-verify", NULL), 0);
	now = db_query(COUNTS_SQL);
	ck_assert_ptr_nonnull(now);
	ck_assert_str_ne(counts_before, "");
	ck_assert_msg(strcmp(now, counts_before) == 0,
	    "row counts changed: %s before, %s after", counts_before, now);
	free(now);
}
END_TEST

/* A polyglot: a web page inside a PDF or a JPEG, a fixture made by
 * unit/fixtures/files/make.sh. */
static const char *const polyglots[] = {
	"poly-html.pdf",	/* %PDF-1.4, <html><script>..., %%EOF */
	"poly-tail.pdf",	/* a valid PDF with a page after %%EOF */
	"poly-html.jpg",	/* a JPEG header, a page, FF D9 */
	"poly-com.jpg",		/* a valid JPEG with a page in a comment */
};
#define NPOLYGLOTS (sizeof(polyglots) / sizeof(polyglots[0]))

/* Uploads fixture file, sent as filename, as 员工身份证复印件 of 退工
 * task id.  Returns the status; a holds the answer. */
static long
tuigong_upload(struct browser *b, const char *id, const char *file,
    const char *filename, struct answer *a)
{
	char		 path[128];
	struct part	 p[3];

	snprintf(path, sizeof(path), "unit/fixtures/files/%s", file);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = id;
	p[1].name = "code";
	p[1].value = "sfz_copy";
	p[2].name = "file";
	p[2].file = path;
	p[2].filename = filename;
	return http_post_multipart(b, "/tuigong/upload", 1, p, 3, a);
}

/* Saves a 退工 draft for a new person of demo-a's unit as b; writes its
 * task id into id[24]. */
static void
tuigong_draft(struct browser *b, char id[24])
{
	struct answer	 a;
	char		 pid[24], idno[19], birth[11], cno[32], *tok, *end, *v;

	ck_assert_int_eq(make_insured("demo-a", "多格式测试", pid, idno), 0);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", idno + 6, idno + 10,
	    idno + 12);
	snprintf(cno, sizeof(cno), "T-%s", idno);
	end = db_query("SELECT date('now', '+8 hours', '-1 day')");
	ck_assert_ptr_nonnull(end);
	ck_assert_int_eq(http_get(b, "/tuigong", 1, &a), 200);
	tok = xpath_str(&a, "string(/page/form/@token)");
	answer_free(&a);
	ck_assert_int_eq(http_post(b, "/tuigong/save", 1, &a, "token", tok,
	    "name", "多格式测试", "sfzh", idno, "sex",
	    (idno[16] - '0') % 2 ? "男" : "女", "birth", birth, "hukou_type",
	    "城镇", "phone", "13800138000", "reason", "协商一致解除",
	    "end_date", end, "contract_no", cno, "contract_start", "2020-01-01",
	    "open_ended", "1", "post", "会计", "handler_name", "测试经办",
	    "handler_phone", "027-87654321", NULL), 303);
	/* POST/redirect/GET: the task is named by the redirect. */
	v = strstr(a.location, "id=");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_gt(atoll(v + 3), 0);
	snprintf(id, 24, "%lld", atoll(v + 3));
	answer_free(&a);
	free(tok);
	free(end);
}

/* Every polyglot is refused on a real 退工 draft with a Chinese message
 * saying why, and nothing is stored; a real PDF sent as poly.html is
 * stored and downloaded as poly.pdf. */
START_TEST(upload_polyglot_refused)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[24], q[160], path[64], *v;
	size_t		 i;

	login_as(&b, WHO_UNIT);
	tuigong_draft(&b, id);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM attachments WHERE "
	    "task_id = %s", id);
	for (i = 0; i < NPOLYGLOTS; i++) {
		ck_assert_msg(tuigong_upload(&b, id, polyglots[i], "poly.html",
		    &a) == 422, "%s: status %ld", polyglots[i], a.status);
		ck_xpath_eq(&a, "string(/page/errors/error[@field = "
		    "'sfz_copy']/@code)", "ATTACH_MARKUP");
		v = xpath_str(&a, "string(/page/errors/error[@field = "
		    "'sfz_copy'])");
		ck_assert_msg(strstr(v, "文件内容含有网页代码,不是有效的PDF或JPG"
		    "文件") != NULL, "%s: '%s'", polyglots[i], v);
		free(v);
		answer_free(&a);
		ck_assert_int_eq(db_int(q), 0);
	}
	/* A real PDF named poly.html keeps its content's extension. */
	ck_assert_int_eq(tuigong_upload(&b, id, "ok.pdf", "poly.html", &a),
	    303);
	answer_free(&a);
	snprintf(path, sizeof(path), "/tuigong?id=%s", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(//attachment[@material = 'sfz_copy']"
	    "/@filename)", "poly.pdf");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT filename || ' ' || mime FROM "
	    "attachments WHERE task_id = %s", id);
	v = db_query(q);
	ck_assert_str_eq(v, "poly.pdf application/pdf");
	free(v);
	snprintf(q, sizeof(q), "SELECT id FROM attachments WHERE task_id = %s",
	    id);
	v = db_query(q);
	snprintf(path, sizeof(path), "/tuigong/attachment?id=%s", v);
	free(v);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_str_eq(a.ctype, "application/pdf");
	ck_assert_ptr_nonnull(strstr(a.disposition, "UTF-8''poly.pdf"));
	ck_assert_ptr_null(strstr(a.disposition, "html"));
	answer_free(&a);
	/* Withdrawn, so the draft does not linger in demo-a's list. */
	http_post(&b, "/tuigong/cancel", 1, &a, "id", id, NULL);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT state FROM tasks WHERE id = %s", id);
	v = db_query(q);
	ck_assert_str_eq(v, "退单");
	free(v);
}
END_TEST

static Suite *
hostile_suite(void)
{
	Suite	*s = suite_create("hostile");
	TCase	*tc;

	tc = tcase_create("barrage");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, counts_snapshot, NULL);
	tcase_add_loop_test(tc, ids_bad_get, 0,
	    (int)(sizeof(id_gets) / sizeof(id_gets[0])));
	tcase_add_loop_test(tc, ids_bad_post, 0,
	    (int)(sizeof(id_posts) / sizeof(id_posts[0])));
	tcase_add_loop_test(tc, ctype_bad, 0, (int)NPOSTS);
	tcase_add_loop_test(tc, csrf_bad_in_query, 0, (int)NPOSTS);
	tcase_add_test(tc, login_bad_credentials_in_query);
	tcase_add_loop_test(tc, multipart_bad, 0, (int)NPOSTS);
	tcase_add_loop_test(tc, body_over_nginx_limit, 0, (int)NPOSTS);
	tcase_add_loop_test(tc, text_bad_chars, 0, (int)NTEXT);
	tcase_add_loop_test(tc, text_huge_value, 0, (int)NTEXT);
	tcase_add_loop_test(tc, query_bad_chars, 0,
	    (int)(sizeof(query_texts) / sizeof(query_texts[0])));
	tcase_add_loop_test(tc, repeated_fields, 0, (int)NPOSTS);
	tcase_add_loop_test(tc, method_bad_get_to_post, 0, (int)NPOSTS_ONLY);
	tcase_add_loop_test(tc, method_bad_post_to_get, 0, (int)NGETS);
	tcase_add_test(tc, after_all_still_serve);
	suite_add_tcase(s, tc);
	/* After the barrage, which must leave the row counts as they were:
	 * these tests make a task. */
	tc = tcase_create("upload");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, upload_polyglot_refused);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(hostile_suite)
