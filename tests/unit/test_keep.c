/*
 * test_keep.c: forms kept when the session ended (lib/keep.c): what is
 * kept and what is not (csrf, files), bound to one certificate and
 * account, expiring after 30 minutes, at most KEEP_MAX_PER_CERT per
 * certificate, too large not kept; and the next= paths a login may
 * follow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../suites.h"
#include "helpers.h"
#include "keep.h"
#include "request.h"
#include "store.h"

#define FP_A	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define FP_B	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define T0	"2026-01-10 10:00:00"

/* A POST as the request parser leaves it: path, urlencoded body, and
 * the QUERY_STRING parameter. */
struct t_post {
	struct req	 r;
	struct req_io	 io;
	char		*env[2];
	char		 qs[256];
};

/* Fills p with a POST to path carrying body (urlencoded) and query. */
static void
t_post(struct t_post *p, const char *path, const char *body,
    const char *query)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->qs, sizeof(p->qs), "QUERY_STRING=%s", query);
	p->env[0] = p->qs;
	p->io.envp = p->env;
	p->r.io = &p->io;
	p->r.method = REQ_POST;
	p->r.path = strdup(path);
	p->r.ctype = strdup("application/x-www-form-urlencoded");
	ck_assert_ptr_nonnull(p->r.path);
	ck_assert_int_eq(req_parse_urlencoded(body, strlen(body),
	    &req_default_limits, &p->r.body), REQ_OK);
}

/* Opens a store with one unit and two accounts in *a1, *a2. */
static void
t_open(struct th_db *db, int64_t *a1, int64_t *a2)
{
	int64_t	 u;

	th_db_open(db);
	th_clock_set(db, T0);
	u = th_unit(db->s, "甲单位", 0);
	*a1 = th_account(db->s, u, "keep-a");
	*a2 = th_account(db->s, u, "keep-b");
}

START_TEST(keep_local_paths)
{
	static const char *const good[] = {
		"/home", "/tuigong?id=5", "/review?state=done&page=2",
		"/tuigong/batch/result?id=3", "/loginx", "/a/b?c=%2F%2F",
	};
	static const char *const bad[] = {
		"", "home", "//evil.example", "///x", "/\\evil.example",
		"http://evil.example/", "https:/x", "/a//b", "/x\r\nSet-Cookie: a=b",
		"/x\ny", "/x y", "/\xe4\xb8\xad", "/login", "/login?next=/home",
		"/login/password", "/login/resume?id=1", "/x\t", "/x\x7f",
	};
	char	 big[KEEP_MAX_NEXT + 8];
	size_t	 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(keep_local_path(good[i]), "refused %s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!keep_local_path(bad[i]), "allowed %s", bad[i]);
	ck_assert(!keep_local_path(NULL));
	memset(big, 'a', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	ck_assert(!keep_local_path(big));
	big[KEEP_MAX_NEXT] = '\0';
	ck_assert(keep_local_path(big));
}
END_TEST

START_TEST(keep_urlencodes)
{
	char	 buf[64];

	ck_assert_int_eq(keep_urlencode(buf, sizeof(buf), "/tuigong?id=5&a=b"),
	    0);
	ck_assert_str_eq(buf, "%2Ftuigong%3Fid%3D5%26a%3Db");
	ck_assert_int_eq(keep_urlencode(buf, sizeof(buf), "a-b.c_d~"), 0);
	ck_assert_str_eq(buf, "a-b.c_d~");
	ck_assert_int_eq(keep_urlencode(buf, 4, "/ab"), -1);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* The text fields are kept in order (repeats too), the old csrf and a
 * hall_kept are not; only the same certificate and account load it. */
START_TEST(keep_roundtrip_bound)
{
	struct th_db	 db;
	struct t_post	 p;
	struct kept_post k;
	char		 id[33], latest[33];
	int64_t		 a1, a2;

	t_open(&db, &a1, &a2);
	t_post(&p, "/tuigong/save", "csrf=0ld&token=t1&name=%E5%BC%A0%E4%B8%89"
	    "&pid=1&pid=2&hall_kept=zz&remark=a%26b+c", "x=1");
	ck_assert_int_eq(keep_post(db.s, &p.r, FP_A, a1, id), 0);
	ck_assert(keep_id_ok(id));
	ck_assert_int_eq(keep_load(db.s, id, FP_A, a1, &k), 0);
	ck_assert_str_eq(k.path, "/tuigong/save");
	ck_assert_str_eq(k.query, "x=1");
	ck_assert_int_eq(k.multipart, 0);
	ck_assert_str_eq(k.body, "token=t1&name=%E5%BC%A0%E4%B8%89&pid=1&pid=2"
	    "&remark=a%26b%20c");
	ck_assert_str_eq(k.files, "");
	keep_free(&k);
	/* Another certificate, another account, a made-up id: nothing. */
	ck_assert_int_eq(keep_load(db.s, id, FP_B, a1, &k), 1);
	ck_assert_int_eq(keep_load(db.s, id, FP_A, a2, &k), 1);
	ck_assert_int_eq(keep_load(db.s, "00000000000000000000000000000000",
	    FP_A, a1, &k), 1);
	ck_assert_int_eq(keep_load(db.s, "'; DROP TABLE x; --", FP_A, a1, &k),
	    1);
	ck_assert_int_eq(keep_latest(db.s, FP_A, a1, latest), 0);
	ck_assert_str_eq(latest, id);
	ck_assert_int_eq(keep_latest(db.s, FP_B, a1, latest), 1);
	/* Another certificate cannot delete it; its own can. */
	ck_assert_int_eq(keep_drop(db.s, id, FP_B), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM pending_posts"),
	    1);
	ck_assert_int_eq(keep_drop(db.s, id, FP_A), 0);
	ck_assert_int_eq(keep_load(db.s, id, FP_A, a1, &k), 1);
	req_free(&p.r);
	th_db_close(&db);
}
END_TEST

/* After 30 minutes a kept form is gone; the next keep deletes it. */
START_TEST(keep_expires)
{
	struct th_db	 db;
	struct t_post	 p;
	struct kept_post k;
	char		 id[33], id2[33];
	int64_t		 a1, a2;

	t_open(&db, &a1, &a2);
	t_post(&p, "/tuigong/save", "token=t1&name=x", "");
	ck_assert_int_eq(keep_post(db.s, &p.r, FP_A, a1, id), 0);
	th_clock_set(&db, "2026-01-10 10:29:59");
	ck_assert_int_eq(keep_load(db.s, id, FP_A, a1, &k), 0);
	keep_free(&k);
	th_clock_set(&db, "2026-01-10 10:30:01");
	ck_assert_int_eq(keep_load(db.s, id, FP_A, a1, &k), 1);
	ck_assert_int_eq(keep_latest(db.s, FP_A, a1, id2), 1);
	ck_assert_int_eq(keep_post(db.s, &p.r, FP_B, a2, id2), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM pending_posts"),
	    1);
	req_free(&p.r);
	th_db_close(&db);
}
END_TEST

/* A certificate keeps its newest KEEP_MAX_PER_CERT; another's stay. */
START_TEST(keep_at_most_per_cert)
{
	struct th_db	 db;
	struct t_post	 p;
	struct kept_post k;
	char		 ids[KEEP_MAX_PER_CERT + 2][33], other[33], when[32];
	int64_t		 a1, a2;
	int		 i;

	t_open(&db, &a1, &a2);
	t_post(&p, "/tuigong/save", "token=t1", "");
	ck_assert_int_eq(keep_post(db.s, &p.r, FP_B, a2, other), 0);
	for (i = 0; i < KEEP_MAX_PER_CERT + 2; i++) {
		snprintf(when, sizeof(when), "2026-01-10 10:00:%02d", i + 1);
		th_clock_set(&db, when);
		ck_assert_int_eq(keep_post(db.s, &p.r, FP_A, a1, ids[i]), 0);
	}
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM pending_posts"
	    " WHERE cert_fp = '" FP_A "'"), KEEP_MAX_PER_CERT);
	ck_assert_int_eq(keep_load(db.s, ids[0], FP_A, a1, &k), 1);
	ck_assert_int_eq(keep_load(db.s, ids[1], FP_A, a1, &k), 1);
	ck_assert_int_eq(keep_load(db.s, ids[2], FP_A, a1, &k), 0);
	keep_free(&k);
	ck_assert_int_eq(keep_load(db.s, other, FP_B, a2, &k), 0);
	keep_free(&k);
	ck_assert_int_eq(keep_latest(db.s, FP_A, a1, other), 0);
	ck_assert_str_eq(other, ids[KEEP_MAX_PER_CERT + 1]);
	req_free(&p.r);
	th_db_close(&db);
}
END_TEST

/* A multipart upload: its text fields kept, its file only named. */
START_TEST(keep_multipart_names_files)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "0ld\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"id\"\r\n\r\n"
	    "42\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"\xe5\x90\x88\xe5\x90\x8c.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n"
	    "%PDF-1.4 secret bytes\r\n"
	    "--XyZ--\r\n";
	struct th_db	 db;
	struct t_post	 p;
	struct kept_post k;
	char		 id[33];
	int64_t		 a1, a2;

	t_open(&db, &a1, &a2);
	t_post(&p, "/tuigong/upload", "", "");
	free(p.r.ctype);
	p.r.ctype = strdup("multipart/form-data; boundary=XyZ");
	ck_assert_int_eq(req_parse_multipart(body, sizeof(body) - 1, "XyZ",
	    &req_default_limits, &p.r.body), REQ_OK);
	ck_assert_int_eq(keep_post(db.s, &p.r, FP_A, a1, id), 0);
	ck_assert_int_eq(keep_load(db.s, id, FP_A, a1, &k), 0);
	ck_assert_int_eq(k.multipart, 1);
	ck_assert_str_eq(k.body, "id=42");
	ck_assert_str_eq(k.files, "file=%E5%90%88%E5%90%8C.pdf");
	ck_assert_ptr_null(strstr(k.body, "secret"));
	keep_free(&k);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM pending_posts"
	    " WHERE body LIKE '%secret%' OR files LIKE '%secret%'"), 0);
	req_free(&p.r);
	th_db_close(&db);
}
END_TEST

/* More than KEEP_MAX_TEXT of text once encoded, or a query that could
 * not be replayed: not kept (1), nothing stored. */
START_TEST(keep_refuses_what_it_cannot_replay)
{
	struct th_db		 db;
	struct t_post		 p;
	struct req_limits	 lim = req_default_limits;
	char			 id[33], *big;
	int64_t			 a1, a2;
	size_t			 i, n = KEEP_MAX_TEXT / 3 + 16;

	t_open(&db, &a1, &a2);
	/* n bytes 0x01, each kept as "%01": past KEEP_MAX_TEXT. */
	big = malloc(2 + 3 * n + 1);
	ck_assert_ptr_nonnull(big);
	memcpy(big, "x=", 2);
	for (i = 0; i < n; i++)
		memcpy(big + 2 + 3 * i, "%01", 3);
	big[2 + 3 * n] = '\0';
	lim.max_value = n;
	lim.max_body = 2 + 3 * n;
	t_post(&p, "/tuigong/save", "token=t1", "");
	ck_assert_int_eq(req_parse_urlencoded(big, strlen(big), &lim,
	    &p.r.body), REQ_OK);
	ck_assert_int_eq(keep_post(db.s, &p.r, FP_A, a1, id), 1);
	ck_assert_str_eq(id, "");
	req_free(&p.r);
	free(big);
	/* A query string with a control character. */
	t_post(&p, "/tuigong/save", "token=t1", "a=\x01");
	ck_assert_int_eq(keep_post(db.s, &p.r, FP_A, a1, id), 1);
	req_free(&p.r);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM pending_posts"),
	    0);
	th_db_close(&db);
}
END_TEST

static Suite *
keep_suite(void)
{
	Suite	*s = suite_create("keep");
	TCase	*tc = tcase_create("keep");

	tcase_add_test(tc, keep_local_paths);
	tcase_add_test(tc, keep_urlencodes);
	tcase_add_test(tc, keep_roundtrip_bound);
	tcase_add_test(tc, keep_expires);
	tcase_add_test(tc, keep_at_most_per_cert);
	tcase_add_test(tc, keep_multipart_names_files);
	tcase_add_test(tc, keep_refuses_what_it_cannot_replay);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(keep_suite)
