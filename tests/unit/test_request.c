/*
 * test_request.c: the request parser of lib/request.c: urlencoded,
 * multipart and cookie parsing with their limits, and req_read() driven
 * by an in-memory req_io.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../suites.h"
#include "request.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- urlencoded ---- */

START_TEST(urlencoded_valid)
{
	struct req_fields	 f;
	static const char	 q[] =
	    "a=1&&b=x+y%2Bz&c=%E4%B8%AD&d&e=&f=%00bin&=skipped&g=a=b&";

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(req_parse_urlencoded(q, strlen(q),
	    &req_default_limits, &f), REQ_OK);
	ck_assert_uint_eq(f.n, 7);
	ck_assert_str_eq(f.v[0].key, "a");
	ck_assert_str_eq(f.v[0].val, "1");
	ck_assert_str_eq(f.v[1].key, "b");
	ck_assert_str_eq(f.v[1].val, "x y+z");
	ck_assert_str_eq(f.v[2].val, "中");
	ck_assert_uint_eq(f.v[2].valsz, 3);
	ck_assert_str_eq(f.v[3].key, "d");
	ck_assert_str_eq(f.v[3].val, "");
	ck_assert_str_eq(f.v[4].key, "e");
	ck_assert_uint_eq(f.v[4].valsz, 0);
	ck_assert_uint_eq(f.v[5].valsz, 4);	/* NUL kept in a value */
	ck_assert_int_eq(memcmp(f.v[5].val, "\0bin", 4), 0);
	ck_assert_str_eq(f.v[6].key, "g");
	ck_assert_str_eq(f.v[6].val, "a=b");
	ck_assert_ptr_null(f.v[0].filename);
	req_fields_free(&f);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_ptr_null(f.v);
}
END_TEST

START_TEST(urlencoded_bad)
{
	static const struct {
		const char	*q;
		enum req_err	 e;
	} t[] = {
		{ "a=%", REQ_ERR_MALFORMED },
		{ "a=%4", REQ_ERR_MALFORMED },
		{ "a=%G1", REQ_ERR_MALFORMED },
		{ "a=%1G", REQ_ERR_MALFORMED },
		{ "a%=1", REQ_ERR_MALFORMED },
		{ "a%00b=1", REQ_ERR_MALFORMED },
		{ "%00=1", REQ_ERR_MALFORMED },
		{ "ok=1&a=100%", REQ_ERR_MALFORMED },
	};
	struct req_fields	 f;
	size_t			 i;

	for (i = 0; i < NELEM(t); i++) {
		memset(&f, 0, sizeof(f));
		ck_assert_msg(req_parse_urlencoded(t[i].q, strlen(t[i].q),
		    &req_default_limits, &f) == t[i].e, "%s", t[i].q);
		req_fields_free(&f);
	}
}
END_TEST

START_TEST(urlencoded_bad_limits)
{
	struct req_limits	 lim = req_default_limits;
	struct req_fields	 f;
	char			 buf[512];

	lim.max_fields = 3;
	lim.max_key = 4;
	lim.max_value = 5;
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(req_parse_urlencoded("a=1&b=2&c=3", 11, &lim, &f),
	    REQ_OK);
	ck_assert_uint_eq(f.n, 3);
	req_fields_free(&f);
	ck_assert_int_eq(req_parse_urlencoded("a=1&b=2&c=3&d=4", 15, &lim,
	    &f), REQ_ERR_TOOBIG);
	req_fields_free(&f);
	ck_assert_int_eq(req_parse_urlencoded("abcd=1", 6, &lim, &f), REQ_OK);
	req_fields_free(&f);
	ck_assert_int_eq(req_parse_urlencoded("abcde=1", 7, &lim, &f),
	    REQ_ERR_TOOBIG);
	req_fields_free(&f);
	/* Limits are on decoded bytes: %41%41%41%41 is 4 bytes. */
	ck_assert_int_eq(req_parse_urlencoded("%41%41%41%41=12345", 18, &lim,
	    &f), REQ_OK);
	ck_assert_str_eq(f.v[0].key, "AAAA");
	req_fields_free(&f);
	ck_assert_int_eq(req_parse_urlencoded("a=123456", 8, &lim, &f),
	    REQ_ERR_TOOBIG);
	req_fields_free(&f);
	/* The parser stops at sz: what follows is not looked at. */
	snprintf(buf, sizeof(buf), "a=1&b=%%ZZ");
	ck_assert_int_eq(req_parse_urlencoded(buf, 3, &lim, &f), REQ_OK);
	ck_assert_uint_eq(f.n, 1);
	req_fields_free(&f);
	ck_assert_int_eq(req_parse_urlencoded(buf, 7, &lim, &f),
	    REQ_ERR_MALFORMED);	/* "a=1&b=%" */
	req_fields_free(&f);
}
END_TEST

/* ---- multipart ---- */

/* Builds a two-part body around a file of filesz bytes into a new
 * buffer *sz bytes long (caller frees). */
static char *
mp_build(const char *bnd, const char *file, size_t filesz, size_t *sz)
{
	char	*b;
	int	 n;
	size_t	 head;

	b = malloc(4096 + filesz);
	ck_assert_ptr_nonnull(b);
	n = snprintf(b, 4096,
	    "--%s\r\n"
	    "Content-Disposition: form-data; name=\"xm\"\r\n"
	    "\r\n"
	    "\xe5\xbc\xa0\xe4\xb8\x89\r\n"
	    "--%s  \r\n"
	    "Content-Disposition: form-data; name=\"fj\"; "
	    "filename=\"\xe8\xaf\x81\xe6\x98\x8e.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n"
	    "X-Ignored: yes\r\n"
	    "\r\n", bnd, bnd);
	ck_assert_int_gt(n, 0);
	head = (size_t)n;
	memcpy(b + head, file, filesz);
	n = snprintf(b + head + filesz, 4096 - (size_t)n, "\r\n--%s--\r\n"
	    "epilogue", bnd);
	*sz = head + filesz + (size_t)n;
	return b;
}

START_TEST(multipart_valid_binary)
{
	static const char	 file[] =
	    "%PDF\0\r\n\r\nx--XyZ--\r\n--Xy\r\n\x01\xff\0";
	struct req_fields	 f;
	char			*b;
	size_t			 sz;

	memset(&f, 0, sizeof(f));
	b = mp_build("XyZ", file, sizeof(file) - 1, &sz);
	ck_assert_int_eq(req_parse_multipart(b, sz, "XyZ",
	    &req_default_limits, &f), REQ_OK);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[0].key, "xm");
	ck_assert_str_eq(f.v[0].val, "张三");
	ck_assert_ptr_null(f.v[0].filename);
	ck_assert_ptr_null(f.v[0].ctype);
	ck_assert_str_eq(f.v[1].key, "fj");
	ck_assert_str_eq(f.v[1].filename, "证明.pdf");
	ck_assert_str_eq(f.v[1].ctype, "application/pdf");
	ck_assert_uint_eq(f.v[1].valsz, sizeof(file) - 1);
	ck_assert_int_eq(memcmp(f.v[1].val, file, sizeof(file) - 1), 0);
	ck_assert_int_eq(f.v[1].val[f.v[1].valsz], '\0');
	req_fields_free(&f);
	free(b);
}
END_TEST

START_TEST(multipart_valid_edge)
{
	static const char	 body[] =
	    "--b\r\n"
	    "Content-Disposition: form-data; name=empty; filename=\"\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--b\r\n"
	    "Content-Disposition: form-data; name=\"p\\ath\"\r\n"
	    "\r\n"
	    "v\r\n"
	    "--b--";
	static const char	 closed[] = "--b--\r\n";
	struct req_fields	 f;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(req_parse_multipart(body, sizeof(body) - 1, "b",
	    &req_default_limits, &f), REQ_OK);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[0].key, "empty");
	ck_assert_str_eq(f.v[0].filename, "");
	ck_assert_uint_eq(f.v[0].valsz, 0);
	ck_assert_str_eq(f.v[1].key, "p\\ath");
	ck_assert_str_eq(f.v[1].val, "v");
	req_fields_free(&f);
	ck_assert_int_eq(req_parse_multipart(closed, sizeof(closed) - 1, "b",
	    &req_default_limits, &f), REQ_OK);
	ck_assert_uint_eq(f.n, 0);
}
END_TEST

START_TEST(multipart_bad_truncated)
{
	static const char	 file[] = "0123456789";
	struct req_fields	 f;
	char			*b;
	size_t			 sz, cut, end;
	enum req_err		 e;

	b = mp_build("XyZ", file, sizeof(file) - 1, &sz);
	end = sz - strlen("--\r\nepilogue");
	/* Every cut before the closing delimiter is complete fails as
	 * TRUNCATED and never reads past the cut (ASan checks). */
	for (cut = 0; cut < end; cut++) {
		char *c = malloc(cut + 1);

		ck_assert_ptr_nonnull(c);
		memcpy(c, b, cut);
		memset(&f, 0, sizeof(f));
		e = req_parse_multipart(c, cut, "XyZ", &req_default_limits,
		    &f);
		ck_assert_msg(e == REQ_ERR_TRUNCATED, "cut %zu: %d", cut, e);
		req_fields_free(&f);
		free(c);
	}
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(req_parse_multipart(b, end + 2, "XyZ",
	    &req_default_limits, &f), REQ_OK);
	req_fields_free(&f);
	free(b);
}
END_TEST

START_TEST(multipart_bad)
{
	static const struct {
		const char	*body;
		enum req_err	 e;
	} t[] = {
		{ "--b\r\n\r\nv\r\n--b--", REQ_ERR_MALFORMED },	/* no headers */
		{ "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--",
		    REQ_ERR_MALFORMED },	/* no disposition */
		{ "--b\r\nContent-Disposition: attachment; name=a\r\n\r\n"
		    "v\r\n--b--", REQ_ERR_MALFORMED },
		{ "--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--",
		    REQ_ERR_MALFORMED },	/* no name */
		{ "--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n"
		    "v\r\n--b--", REQ_ERR_MALFORMED },
		{ "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\n"
		    "v\r\n--b--", REQ_ERR_MALFORMED },	/* unterminated */
		{ "--b\r\nContent-Disposition: form-data; name=a; name=b\r\n"
		    "\r\nv\r\n--b--", REQ_ERR_MALFORMED },
		{ "--b\r\nno colon here\r\n\r\nv\r\n--b--",
		    REQ_ERR_MALFORMED },
		{ "--bx\r\nContent-Disposition: form-data; name=a\r\n\r\n"
		    "v\r\n--b--", REQ_ERR_MALFORMED },
		{ "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n"
		    "v\r\n--bz", REQ_ERR_MALFORMED },
		{ "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n"
		    "v\r\n--b-x", REQ_ERR_MALFORMED },
		{ "--b\r\nContent-Disposition: form-data; na\x01me=a\r\n\r\n"
		    "v\r\n--b--", REQ_ERR_MALFORMED },
		{ "no delimiter at all", REQ_ERR_TRUNCATED },
		{ "", REQ_ERR_TRUNCATED },
	};
	struct req_fields	 f;
	size_t			 i;
	enum req_err		 e;

	for (i = 0; i < NELEM(t); i++) {
		memset(&f, 0, sizeof(f));
		e = req_parse_multipart(t[i].body, strlen(t[i].body), "b",
		    &req_default_limits, &f);
		ck_assert_msg(e == t[i].e, "case %zu: %d", i, e);
		req_fields_free(&f);
	}
}
END_TEST

START_TEST(multipart_bad_boundary)
{
	char			 b71[72], b70[71], body[256];
	struct req_fields	 f;
	int			 n;

	memset(b71, 'a', 71);
	b71[71] = '\0';
	memset(b70, 'a', 70);
	b70[70] = '\0';
	memset(&f, 0, sizeof(f));
	n = snprintf(body, sizeof(body), "--%s\r\nContent-Disposition: "
	    "form-data; name=a\r\n\r\nv\r\n--%s--", b70, b70);
	ck_assert_int_eq(req_parse_multipart(body, (size_t)n, b70,
	    &req_default_limits, &f), REQ_OK);
	ck_assert_uint_eq(f.n, 1);
	req_fields_free(&f);
	n = snprintf(body, sizeof(body), "--%s\r\nContent-Disposition: "
	    "form-data; name=a\r\n\r\nv\r\n--%s--", b71, b71);
	ck_assert_int_eq(req_parse_multipart(body, (size_t)n, b71,
	    &req_default_limits, &f), REQ_ERR_MALFORMED);
	ck_assert_int_eq(req_parse_multipart(body, (size_t)n, "",
	    &req_default_limits, &f), REQ_ERR_MALFORMED);
	ck_assert_int_eq(req_parse_multipart(body, (size_t)n, "a b ",
	    &req_default_limits, &f), REQ_ERR_MALFORMED);
	ck_assert_int_eq(req_parse_multipart(body, (size_t)n, "a;b",
	    &req_default_limits, &f), REQ_ERR_MALFORMED);
	ck_assert_int_eq(req_parse_multipart(body, (size_t)n, NULL,
	    &req_default_limits, &f), REQ_ERR_MALFORMED);
	ck_assert_uint_eq(f.n, 0);
}
END_TEST

START_TEST(multipart_boundary_param)
{
	static const struct {
		const char	*ct;
		const char	*want;	/* NULL: refused */
	} t[] = {
		{ "multipart/form-data; boundary=abc", "abc" },
		{ "multipart/form-data;boundary=abc", "abc" },
		{ "multipart/form-data; BOUNDARY=abc; charset=utf-8", "abc" },
		{ "multipart/form-data; charset=utf-8; boundary=\"a b:c\"",
		    "a b:c" },
		{ "multipart/form-data; boundary=\"----WebKitFormBoundary7MA4YWxkTrZu0gW\"",
		    "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
		{ "multipart/form-data; boundary = abc", "abc" },
		{ "multipart/form-data", NULL },
		{ "multipart/form-data; boundary=", NULL },
		{ "multipart/form-data; boundary=\"\"", NULL },
		{ "multipart/form-data; boundary=\"abc", NULL },
		{ "multipart/form-data; boundary=\"abc \"", NULL },
		{ "multipart/form-data; boundary=a<b", NULL },
		{ "multipart/form-data; xboundary=abc", NULL },
		{ "multipart/form-data; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL },
	};
	char	*b;
	size_t	 i;

	for (i = 0; i < NELEM(t); i++) {
		b = req_multipart_boundary(t[i].ct);
		if (t[i].want == NULL)
			ck_assert_msg(b == NULL, "%s", t[i].ct);
		else {
			ck_assert_msg(b != NULL, "%s", t[i].ct);
			ck_assert_str_eq(b, t[i].want);
		}
		free(b);
	}
	ck_assert_ptr_null(req_multipart_boundary(NULL));
}
END_TEST

START_TEST(multipart_bad_limits)
{
	struct req_limits	 lim = req_default_limits;
	struct req_fields	 f;
	char			*body, hdr[256];
	size_t			 cap = 64 * 1024, len = 0, i;
	int			 n;

	body = malloc(cap);
	ck_assert_ptr_nonnull(body);
	/* Too many parts. */
	lim.max_fields = 3;
	for (i = 0; i < 4; i++) {
		n = snprintf(body + len, cap - len, "--q\r\nContent-Disposition:"
		    " form-data; name=f%zu\r\n\r\nv\r\n", i);
		len += (size_t)n;
	}
	len += (size_t)snprintf(body + len, cap - len, "--q--\r\n");
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_ERR_TOOBIG);
	ck_assert_uint_eq(f.n, 3);
	req_fields_free(&f);
	lim.max_fields = 4;
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_OK);
	req_fields_free(&f);

	/* A header block over max_header. */
	lim = req_default_limits;
	lim.max_header = 100;
	memset(hdr, 'x', 120);
	hdr[120] = '\0';
	len = (size_t)snprintf(body, cap, "--q\r\nContent-Disposition: "
	    "form-data; name=a\r\nX-Pad: %s\r\n\r\nv\r\n--q--", hdr);
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_ERR_TOOBIG);
	/* ...and a header block without its blank line, longer still. */
	len = (size_t)snprintf(body, cap, "--q\r\nX-Pad: %s%s", hdr, hdr);
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_ERR_TOOBIG);
	lim.max_header = 4096;
	len = (size_t)snprintf(body, cap, "--q\r\nContent-Disposition: "
	    "form-data; name=a\r\nX-Pad: %s\r\n\r\nv\r\n--q--", hdr);
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_OK);
	req_fields_free(&f);

	/* Value and file sizes, and the key size. */
	lim = req_default_limits;
	lim.max_value = 3;
	lim.max_file = 5;
	lim.max_key = 2;
	len = (size_t)snprintf(body, cap, "--q\r\nContent-Disposition: "
	    "form-data; name=a\r\n\r\nabcd\r\n--q--");
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_ERR_TOOBIG);
	len = (size_t)snprintf(body, cap, "--q\r\nContent-Disposition: "
	    "form-data; name=a; filename=x\r\n\r\nabcde\r\n--q--");
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_OK);
	req_fields_free(&f);
	len = (size_t)snprintf(body, cap, "--q\r\nContent-Disposition: "
	    "form-data; name=a; filename=x\r\n\r\nabcdef\r\n--q--");
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_ERR_TOOBIG);
	len = (size_t)snprintf(body, cap, "--q\r\nContent-Disposition: "
	    "form-data; name=abc\r\n\r\na\r\n--q--");
	ck_assert_int_eq(req_parse_multipart(body, len, "q", &lim, &f),
	    REQ_ERR_TOOBIG);
	ck_assert_uint_eq(f.n, 0);
	free(body);
}
END_TEST

/* ---- cookies ---- */

START_TEST(cookies_valid)
{
	struct req_fields	 f;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(req_parse_cookies("sid=ab%2Fc; csrf=\"q\";junk;"
	    " =x;  e= ; last=1=2", &req_default_limits, &f), REQ_OK);
	ck_assert_uint_eq(f.n, 4);
	ck_assert_str_eq(f.v[0].key, "sid");
	ck_assert_str_eq(f.v[0].val, "ab%2Fc");	/* not decoded */
	ck_assert_str_eq(f.v[1].key, "csrf");
	ck_assert_str_eq(f.v[1].val, "q");
	ck_assert_str_eq(f.v[2].key, "e");
	ck_assert_str_eq(f.v[2].val, "");
	ck_assert_str_eq(f.v[3].key, "last");
	ck_assert_str_eq(f.v[3].val, "1=2");
	req_fields_free(&f);
	ck_assert_int_eq(req_parse_cookies(NULL, &req_default_limits, &f),
	    REQ_OK);
	ck_assert_int_eq(req_parse_cookies("", &req_default_limits, &f),
	    REQ_OK);
	ck_assert_uint_eq(f.n, 0);
}
END_TEST

START_TEST(cookies_bad_limits)
{
	struct req_limits	 lim = req_default_limits;
	struct req_fields	 f;

	/* Past the count: the rest is ignored, the request still works. */
	memset(&f, 0, sizeof(f));
	lim.max_fields = 2;
	ck_assert_int_eq(req_parse_cookies("a=1; b=2; c=3", &lim, &f),
	    REQ_OK);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[1].key, "b");
	req_fields_free(&f);
	/* An oversized cookie is skipped; the others are kept. */
	lim = req_default_limits;
	lim.max_value = 2;
	ck_assert_int_eq(req_parse_cookies("a=123; hall_session=ab", &lim, &f),
	    REQ_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_str_eq(f.v[0].key, "hall_session");
	req_fields_free(&f);
}
END_TEST

/* ---- req_read ---- */

/* An in-memory body, read at most chunk bytes at a time. */
struct memio {
	const char	*buf;
	size_t		 sz, off, chunk;
	size_t		 reads;	/* calls to memio_read */
	char		*env[16];	/* writable copy of the params */
	char		 envbuf[4096];
};

/* req_io read callback over a struct memio. */
static ssize_t
memio_read(void *ctx, void *buf, size_t sz)
{
	struct memio	*m = ctx;
	size_t		 n = m->sz - m->off;

	m->reads++;
	if (n > sz)
		n = sz;
	if (m->chunk != 0 && n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->buf + m->off, n);
	m->off += n;
	return (ssize_t)n;
}

/* Runs req_read over a copy of the params list (kept in m) and
 * body; returns its result in r. */
static enum req_err
read_req(struct req *r, const char *const *list, struct memio *m,
    const char *body, size_t bodysz, struct req_io *io)
{
	size_t	 i, off = 0, n;

	memset(m, 0, sizeof(*m));
	for (i = 0; list[i] != NULL; i++) {
		n = strlen(list[i]) + 1;
		ck_assert(i + 1 < NELEM(m->env));
		ck_assert(off + n <= sizeof(m->envbuf));
		m->env[i] = memcpy(m->envbuf + off, list[i], n);
		off += n;
	}
	m->env[i] = NULL;
	m->buf = body;
	m->sz = bodysz;
	m->chunk = 7;
	memset(io, 0, sizeof(*io));
	io->ctx = m;
	io->read = memio_read;
	io->envp = m->env;
	return req_read(r, io, &req_default_limits);
}

START_TEST(read_get)
{
	const char	*const envp[] = {
		"REQUEST_METHOD=GET",
		"DOCUMENT_URI=/tuigong/list?x=1",
		"QUERY_STRING=page=2&q=%E5%BC%A0",
		"HTTP_COOKIE=sid=abc; csrf=def",
		"HTTP_ACCEPT=text/html",
		NULL,
	};
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;
	size_t		 i;

	ck_assert_int_eq(read_req(&r, envp, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.method, REQ_GET);
	ck_assert_str_eq(r.path, "/tuigong/list");
	ck_assert_ptr_null(r.ctype);
	ck_assert_str_eq(req_get(&r, "page"), "2");
	ck_assert_str_eq(req_get(&r, "q"), "张");
	ck_assert_ptr_null(req_get(&r, "none"));
	ck_assert_ptr_null(req_body_get(&r, "page"));	/* query only */
	ck_assert_str_eq(req_cookie(&r, "sid"), "abc");
	ck_assert_str_eq(req_cookie(&r, "csrf"), "def");
	ck_assert_ptr_null(req_cookie(&r, "page"));
	ck_assert_str_eq(req_param(&r, "HTTP_ACCEPT"), "text/html");
	ck_assert_ptr_null(req_param(&r, "HTTP_ACC"));
	ck_assert_int_eq(r.want_xml, 0);
	ck_assert_uint_eq(strlen(r.id), 16);
	for (i = 0; i < 16; i++)
		ck_assert(strchr("0123456789abcdef", r.id[i]) != NULL);
	ck_assert_ptr_eq(r.io, &io);
	req_free(&r);
	ck_assert_ptr_null(r.path);
}
END_TEST

START_TEST(read_path_fallback)
{
	const char	*const envp[] = {
		"REQUEST_METHOD=HEAD",
		"SCRIPT_NAME=/tuigong",
		"PATH_INFO=/save?x",
		NULL,
	};
	const char	*const none[] = { "REQUEST_METHOD=DELETE", NULL };
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;

	ck_assert_int_eq(read_req(&r, envp, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.method, REQ_HEAD);
	ck_assert_str_eq(r.path, "/tuigong/save");
	req_free(&r);
	ck_assert_int_eq(read_req(&r, none, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.method, REQ_OTHER);
	ck_assert_str_eq(r.path, "/");
	req_free(&r);
}
END_TEST

START_TEST(read_want_xml)
{
	const char	*const acc[] = {
		"REQUEST_METHOD=GET",
		"HTTP_ACCEPT=text/html;q=0.9, Application/XML",
		NULL,
	};
	const char	*const fmt[] = {
		"REQUEST_METHOD=GET",
		"QUERY_STRING=a=1&format=xml",
		NULL,
	};
	const char	*const other[] = {
		"REQUEST_METHOD=GET",
		"QUERY_STRING=format=xmlx",
		"HTTP_ACCEPT=application/xhtml+xml",
		NULL,
	};
	/* What Chromium and Firefox send for a page: HTML. */
	const char	*const browser[] = {
		"REQUEST_METHOD=GET",
		"HTTP_ACCEPT=text/html,application/xhtml+xml,application/xml;"
		    "q=0.9,image/avif,image/webp,*/*;q=0.8",
		NULL,
	};
	const char	*const xml_q0[] = {
		"REQUEST_METHOD=GET",
		"HTTP_ACCEPT=application/xml;q=0",
		NULL,
	};
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;

	ck_assert_int_eq(read_req(&r, acc, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.want_xml, 1);
	req_free(&r);
	ck_assert_int_eq(read_req(&r, browser, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.want_xml, 0);
	req_free(&r);
	ck_assert_int_eq(read_req(&r, xml_q0, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.want_xml, 0);
	req_free(&r);
	ck_assert_int_eq(read_req(&r, fmt, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.want_xml, 1);
	req_free(&r);
	ck_assert_int_eq(read_req(&r, other, &m, "", 0, &io), REQ_OK);
	ck_assert_int_eq(r.want_xml, 0);
	req_free(&r);
}
END_TEST

START_TEST(read_post_urlencoded)
{
	static const char body[] = "xm=%E5%BC%A0%E4%B8%89&page=9junk";
	const char	*const envp[] = {
		"REQUEST_METHOD=POST",
		"DOCUMENT_URI=/save",
		"QUERY_STRING=page=1&only=q",
		"CONTENT_TYPE=application/x-www-form-urlencoded; "
		    "charset=UTF-8",
		"CONTENT_LENGTH=28",
		NULL,
	};
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;
	const struct req_field *f;

	ck_assert_int_eq(read_req(&r, envp, &m, body, sizeof(body) - 1, &io),
	    REQ_OK);
	ck_assert_int_eq(r.method, REQ_POST);
	ck_assert_str_eq(req_get(&r, "xm"), "张三");
	ck_assert_str_eq(req_get(&r, "page"), "9");	/* body first */
	ck_assert_str_eq(req_get(&r, "only"), "q");	/* then query */
	ck_assert_str_eq(req_body_get(&r, "page"), "9");
	ck_assert_ptr_null(req_body_get(&r, "only"));	/* never the query */
	ck_assert_uint_eq(m.off, 28);	/* exactly CONTENT_LENGTH read */
	ck_assert_uint_gt(m.reads, 1);	/* in several short reads */
	f = req_field(&r, "xm");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->valsz, 6);
	ck_assert_str_eq(r.ctype, "application/x-www-form-urlencoded; "
	    "charset=UTF-8");
	req_free(&r);
}
END_TEST

START_TEST(read_post_multipart)
{
	static const char body[] =
	    "--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"fj\"; filename=\"a.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n"
	    "\r\n"
	    "\xff\xd8\0\r\n\xff\xd9\r\n"
	    "--AaB03x--\r\n";
	char		 cl[64];
	const char	*const envp[] = {
		"REQUEST_METHOD=POST",
		"CONTENT_TYPE=Multipart/Form-Data; boundary=\"AaB03x\"",
		cl,
		NULL,
	};
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;
	const struct req_field *f;

	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%zu", sizeof(body) - 1);
	ck_assert_int_eq(read_req(&r, envp, &m, body, sizeof(body) - 1, &io),
	    REQ_OK);
	f = req_field(&r, "fj");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->valsz, 7);
	ck_assert_int_eq(memcmp(f->val, "\xff\xd8\0\r\n\xff\xd9", 7), 0);
	ck_assert_str_eq(f->filename, "a.jpg");
	ck_assert_str_eq(f->ctype, "image/jpeg");
	req_free(&r);
}
END_TEST

START_TEST(read_post_empty)
{
	const char	*const none[] = {
		"REQUEST_METHOD=POST",
		"CONTENT_LENGTH=0",
		NULL,
	};
	const char	*const nolen[] = { "REQUEST_METHOD=POST", NULL };
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;

	ck_assert_int_eq(read_req(&r, none, &m, "", 0, &io), REQ_OK);
	ck_assert_uint_eq(r.body.n, 0);
	req_free(&r);
	ck_assert_int_eq(read_req(&r, nolen, &m, "", 0, &io), REQ_OK);
	req_free(&r);
}
END_TEST

START_TEST(read_bad)
{
	static const struct {
		const char	*ctype;	/* NULL: none */
		const char	*clen;	/* NULL: none */
		const char	*body;
		enum req_err	 e;
		size_t		 maxread;	/* bytes read at most */
	} t[] = {
		/* Larger than max_body: refused before reading. */
		{ "application/x-www-form-urlencoded", "6356993", "a=1",
		    REQ_ERR_TOOBIG, 0 },
		{ "application/x-www-form-urlencoded",
		    "99999999999999999999999999", "a=1", REQ_ERR_MALFORMED,
		    0 },
		{ "application/x-www-form-urlencoded", "10", "a=1",
		    REQ_ERR_TRUNCATED, 3 },
		{ "application/x-www-form-urlencoded", "12a", "a=1",
		    REQ_ERR_MALFORMED, 0 },
		{ "application/x-www-form-urlencoded", "-1", "a=1",
		    REQ_ERR_MALFORMED, 0 },
		{ "application/x-www-form-urlencoded", " 3", "a=1",
		    REQ_ERR_MALFORMED, 0 },
		{ "application/x-www-form-urlencoded", "+3", "a=1",
		    REQ_ERR_MALFORMED, 0 },
		{ "application/json", "7", "{\"a\":1}", REQ_ERR_CTYPE, 0 },
		{ "text/plain", "0", "", REQ_ERR_CTYPE, 0 },
		{ NULL, "3", "a=1", REQ_ERR_CTYPE, 0 },
		{ "multipart/form-data", "3", "a=1", REQ_ERR_MALFORMED, 0 },
		{ "multipart/form-data; boundary=zz", "3", "a=1",
		    REQ_ERR_TRUNCATED, 3 },
		{ "application/x-www-form-urlencoded", "3", "a=%",
		    REQ_ERR_MALFORMED, 3 },
	};
	char		 ct[128], cl[128];
	const char	*envp[4];
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;
	size_t		 i, n;
	enum req_err	 e;

	for (i = 0; i < NELEM(t); i++) {
		n = 0;
		envp[n++] = "REQUEST_METHOD=POST";
		if (t[i].ctype != NULL) {
			snprintf(ct, sizeof(ct), "CONTENT_TYPE=%s",
			    t[i].ctype);
			envp[n++] = ct;
		}
		if (t[i].clen != NULL) {
			snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%s",
			    t[i].clen);
			envp[n++] = cl;
		}
		envp[n] = NULL;
		e = read_req(&r, envp, &m, t[i].body, strlen(t[i].body), &io);
		ck_assert_msg(e == t[i].e, "case %zu: %d", i, e);
		ck_assert_msg(m.off <= t[i].maxread, "case %zu read %zu", i,
		    m.off);
		if (t[i].maxread == 0)
			ck_assert_uint_eq(m.reads, 0);
		req_free(&r);
	}
}
END_TEST

START_TEST(read_bad_query)
{
	const char	*const envp[] = {
		"REQUEST_METHOD=GET",
		"QUERY_STRING=a%00=1",
		NULL,
	};
	struct req	 r;
	struct req_io	 io;
	struct memio	 m;

	ck_assert_int_eq(read_req(&r, envp, &m, "", 0, &io),
	    REQ_ERR_MALFORMED);
	req_free(&r);
}
END_TEST

START_TEST(strerror_all)
{
	int	 e;

	for (e = 0; e < REQ_ERR__MAX; e++) {
		ck_assert_ptr_nonnull(req_strerror((enum req_err)e));
		ck_assert_uint_gt(strlen(req_strerror((enum req_err)e)), 0);
	}
	ck_assert_str_eq(req_strerror(REQ_ERR_TOOBIG), "request too big");
	ck_assert_uint_eq(req_default_limits.max_body, 6 * 1024 * 1024 +
	    64 * 1024);
}
END_TEST

/* The suite of lib/request.c. */
static Suite *
request_suite(void)
{
	Suite	*s = suite_create("request");
	TCase	*tc;

	tc = tcase_create("urlencoded");
	tcase_add_test(tc, urlencoded_valid);
	tcase_add_test(tc, urlencoded_bad);
	tcase_add_test(tc, urlencoded_bad_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("multipart");
	tcase_add_test(tc, multipart_valid_binary);
	tcase_add_test(tc, multipart_valid_edge);
	tcase_add_test(tc, multipart_bad_truncated);
	tcase_add_test(tc, multipart_bad);
	tcase_add_test(tc, multipart_bad_boundary);
	tcase_add_test(tc, multipart_boundary_param);
	tcase_add_test(tc, multipart_bad_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("cookies");
	tcase_add_test(tc, cookies_valid);
	tcase_add_test(tc, cookies_bad_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("read");
	tcase_add_test(tc, read_get);
	tcase_add_test(tc, read_path_fallback);
	tcase_add_test(tc, read_want_xml);
	tcase_add_test(tc, read_post_urlencoded);
	tcase_add_test(tc, read_post_multipart);
	tcase_add_test(tc, read_post_empty);
	tcase_add_test(tc, read_bad);
	tcase_add_test(tc, read_bad_query);
	tcase_add_test(tc, strerror_all);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(request_suite)
