/*
 * request.c: parsing of one request handed over by nginx (FastCGI
 * params plus body) or by a test: urlencoded and multipart/form-data
 * bodies, the query string and cookies.  Every length is a size_t,
 * checked against struct req_limits before it is allocated, and no
 * parser reads past the size it is given.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "request.h"
#include "text.h"

#define KIB	((size_t)1024)
#define MIB	(KIB * KIB)
#define BOUNDARY_MAX 70

const struct req_limits req_default_limits = {
	.max_body = 6 * MIB + 64 * KIB,
	.max_fields = 256,
	.max_key = 128,
	.max_value = 64 * KIB,
	.max_file = 6 * MIB,
	.max_header = 4 * KIB,
};

static const char *const req_errs[REQ_ERR__MAX] = {
	"ok",					/* REQ_OK */
	"out of memory",			/* REQ_ERR_NOMEM */
	"request too big",			/* REQ_ERR_TOOBIG */
	"malformed request",			/* REQ_ERR_MALFORMED */
	"unsupported content type",		/* REQ_ERR_CTYPE */
	"request body truncated",		/* REQ_ERR_TRUNCATED */
};

/* Returns a static English description of e. */
const char *
req_strerror(enum req_err e)
{
	if ((size_t)e >= REQ_ERR__MAX)
		return "unknown error";
	return req_errs[e];
}

/* Copies n bytes of p into a new NUL-terminated string, or NULL when
 * out of memory.  The caller owns (and frees) the result. */
static char *
req_memdup(const char *p, size_t n)
{
	char	*s;

	if (n == SIZE_MAX)
		return NULL;
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	if (n > 0)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* Frees the strings of one field and zeroes it. */
static void
req_field_clear(struct req_field *f)
{
	free(f->key);
	free(f->val);
	free(f->filename);
	free(f->ctype);
	memset(f, 0, sizeof(*f));
}

/* Frees every field of f and zeroes it. */
void
req_fields_free(struct req_fields *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		req_field_clear(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

/*
 * Appends fld to f, which takes over its strings.  On error (limit on
 * the number of fields, or no memory) fld is cleared here instead.
 * Returns REQ_OK, REQ_ERR_TOOBIG or REQ_ERR_NOMEM.
 */
static enum req_err
req_fields_push(struct req_fields *f, const struct req_limits *lim,
    struct req_field *fld)
{
	struct req_field *nv;
	size_t		  ncap;

	if (f->n >= lim->max_fields) {
		req_field_clear(fld);
		return REQ_ERR_TOOBIG;
	}
	if (f->n == f->cap) {
		ncap = f->cap == 0 ? 8 : f->cap;
		if (ncap > SIZE_MAX / 2 / sizeof(*nv)) {
			req_field_clear(fld);
			return REQ_ERR_NOMEM;
		}
		if (f->cap != 0)
			ncap *= 2;
		if ((nv = realloc(f->v, ncap * sizeof(*nv))) == NULL) {
			req_field_clear(fld);
			return REQ_ERR_NOMEM;
		}
		f->v = nv;
		f->cap = ncap;
	}
	f->v[f->n++] = *fld;
	memset(fld, 0, sizeof(*fld));
	return REQ_OK;
}

/*
 * Decodes n bytes of application/x-www-form-urlencoded text ('+' is a
 * space, %XX a byte) into a new NUL-terminated string in *out (owned by
 * the caller) and its size in *outsz.  Returns REQ_ERR_MALFORMED on a
 * bad escape, REQ_ERR_NOMEM, or REQ_OK.
 */
static enum req_err
req_urldecode(const char *p, size_t n, char **out, size_t *outsz)
{
	char	*s;
	size_t	 i, j;
	int	 hi, lo;

	*out = NULL;
	*outsz = 0;
	if (n == SIZE_MAX || (s = malloc(n + 1)) == NULL)
		return REQ_ERR_NOMEM;
	for (i = j = 0; i < n; i++) {
		if (p[i] == '+')
			s[j++] = ' ';
		else if (p[i] != '%')
			s[j++] = p[i];
		else {
			if (n - i < 3 ||
			    (hi = text_hexval(p[i + 1])) < 0 ||
			    (lo = text_hexval(p[i + 2])) < 0) {
				free(s);
				return REQ_ERR_MALFORMED;
			}
			s[j++] = (char)(hi * 16 + lo);
			i += 2;
		}
	}
	s[j] = '\0';
	*out = s;
	*outsz = j;
	return REQ_OK;
}

/*
 * Parses one "key=value" pair of plen bytes into out.  A pair with an
 * empty key is skipped.  Returns REQ_OK or an error.
 */
static enum req_err
req_urlencoded_pair(const char *pair, size_t plen,
    const struct req_limits *lim, struct req_fields *out)
{
	struct req_field  fld;
	const char	 *eq;
	size_t		  klen, ksz;
	enum req_err	  er;

	memset(&fld, 0, sizeof(fld));
	eq = memchr(pair, '=', plen);
	klen = eq != NULL ? (size_t)(eq - pair) : plen;
	if (klen == 0)
		return REQ_OK;
	if ((er = req_urldecode(pair, klen, &fld.key, &ksz)) != REQ_OK)
		return er;
	if (memchr(fld.key, '\0', ksz) != NULL || ksz == 0) {
		er = REQ_ERR_MALFORMED;
		goto out;
	}
	if (ksz > lim->max_key) {
		er = REQ_ERR_TOOBIG;
		goto out;
	}
	if (eq != NULL)
		er = req_urldecode(eq + 1, plen - klen - 1, &fld.val,
		    &fld.valsz);
	else
		er = req_urldecode("", 0, &fld.val, &fld.valsz);
	if (er != REQ_OK)
		goto out;
	if (fld.valsz > lim->max_value) {
		er = REQ_ERR_TOOBIG;
		goto out;
	}
	return req_fields_push(out, lim, &fld);
out:
	req_field_clear(&fld);
	return er;
}

/* Parses "a=1&b=%E4%B8%AD" (sz bytes) into fields appended to out. */
enum req_err
req_parse_urlencoded(const char *buf, size_t sz,
    const struct req_limits *lim, struct req_fields *out)
{
	const char	*amp;
	size_t		 pos, plen;
	enum req_err	 er;

	if (buf == NULL)
		return REQ_OK;
	for (pos = 0; pos < sz; pos += plen + 1) {
		amp = memchr(buf + pos, '&', sz - pos);
		plen = amp != NULL ? (size_t)(amp - (buf + pos)) : sz - pos;
		if (plen == 0)
			continue;
		er = req_urlencoded_pair(buf + pos, plen, lim, out);
		if (er != REQ_OK)
			return er;
		if (amp == NULL)
			break;
	}
	return REQ_OK;
}

/* Whether c may appear in a multipart boundary (RFC 2046 bchars). */
static int
req_bchar(char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* Whether the n bytes of b form a valid boundary: 1-70 bchars, not
 * ending in a space. */
static int
req_boundary_ok(const char *b, size_t n)
{
	size_t	 i;

	if (n == 0 || n > BOUNDARY_MAX || b[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!req_bchar(b[i]))
			return 0;
	return 1;
}

/* Whether c is linear white space inside a header. */
static int
req_lwsp(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Extracts the boundary parameter of a Content-Type header.  Returns a
 * new string owned by the caller, or NULL when absent or invalid.
 */
char *
req_multipart_boundary(const char *ctype)
{
	const char	*p, *name, *val;
	size_t		 nlen, vlen;
	int		 quoted;

	if (ctype == NULL || (p = strchr(ctype, ';')) == NULL)
		return NULL;
	while (*p != '\0') {
		while (*p == ';' || req_lwsp(*p))
			p++;
		name = p;
		while (*p != '\0' && *p != '=' && *p != ';' && !req_lwsp(*p))
			p++;
		nlen = (size_t)(p - name);
		while (req_lwsp(*p))
			p++;
		if (*p != '=')
			continue;
		p++;
		while (req_lwsp(*p))
			p++;
		if ((quoted = (*p == '"')))
			p++;
		val = p;
		if (quoted) {
			while (*p != '\0' && *p != '"')
				p++;
			if (*p != '"')
				return NULL;
			vlen = (size_t)(p - val);
			p++;
		} else {
			while (*p != '\0' && *p != ';' && !req_lwsp(*p))
				p++;
			vlen = (size_t)(p - val);
		}
		if (nlen == 8 && strncasecmp(name, "boundary", 8) == 0)
			return req_boundary_ok(val, vlen) ?
			    req_memdup(val, vlen) : NULL;
	}
	return NULL;
}

/* What one part's header block says. */
struct req_part {
	char	*name;
	char	*filename;
	char	*ctype;
};

/* Frees the strings of a part header. */
static void
req_part_clear(struct req_part *pt)
{
	free(pt->name);
	free(pt->filename);
	free(pt->ctype);
	memset(pt, 0, sizeof(*pt));
}

/*
 * Parses the parameters of a Content-Disposition value of n bytes
 * ("form-data; name=\"a\"; filename=\"b\"") into pt.  Quoted strings
 * end at the next '"' (browsers escape '"' as %22 and send '\' as is).
 * Returns REQ_OK, REQ_ERR_MALFORMED or REQ_ERR_NOMEM.
 */
static enum req_err
req_disposition(const char *v, size_t n, struct req_part *pt)
{
	size_t		 i, ns, nl, vs, vl;
	char		**dst;

	for (i = 0; i < n && v[i] != ';' && !req_lwsp(v[i]); i++)
		continue;
	if (i != 9 || strncasecmp(v, "form-data", 9) != 0)
		return REQ_ERR_MALFORMED;
	while (i < n) {
		while (i < n && (v[i] == ';' || req_lwsp(v[i])))
			i++;
		if (i == n)
			break;
		for (ns = i; i < n && v[i] != '=' && v[i] != ';' &&
		    !req_lwsp(v[i]); i++)
			continue;
		nl = i - ns;
		while (i < n && req_lwsp(v[i]))
			i++;
		if (i == n || v[i] != '=')
			return REQ_ERR_MALFORMED;
		i++;
		while (i < n && req_lwsp(v[i]))
			i++;
		if (i < n && v[i] == '"') {
			for (vs = ++i; i < n && v[i] != '"'; i++)
				continue;
			if (i == n)
				return REQ_ERR_MALFORMED;
			vl = i++ - vs;
		} else {
			for (vs = i; i < n && v[i] != ';' && !req_lwsp(v[i]);
			    i++)
				continue;
			vl = i - vs;
		}
		if (nl == 4 && strncasecmp(v + ns, "name", 4) == 0)
			dst = &pt->name;
		else if (nl == 8 && strncasecmp(v + ns, "filename", 8) == 0)
			dst = &pt->filename;
		else
			continue;
		if (*dst != NULL)
			return REQ_ERR_MALFORMED;
		if ((*dst = req_memdup(v + vs, vl)) == NULL)
			return REQ_ERR_NOMEM;
	}
	return REQ_OK;
}

/*
 * Parses one header line of n bytes (no CRLF) of a part into pt.
 * Headers other than Content-Disposition and Content-Type are ignored.
 * Returns REQ_OK or an error.
 */
static enum req_err
req_part_header(const char *l, size_t n, struct req_part *pt)
{
	const char	*colon, *v;
	size_t		 nl, vl, i;

	for (i = 0; i < n; i++)
		if (((unsigned char)l[i] < 0x20 && l[i] != '\t') ||
		    l[i] == 0x7f)
			return REQ_ERR_MALFORMED;
	if ((colon = memchr(l, ':', n)) == NULL)
		return REQ_ERR_MALFORMED;
	nl = (size_t)(colon - l);
	while (nl > 0 && req_lwsp(l[nl - 1]))
		nl--;
	v = colon + 1;
	vl = n - (size_t)(v - l);
	while (vl > 0 && req_lwsp(*v)) {
		v++;
		vl--;
	}
	while (vl > 0 && req_lwsp(v[vl - 1]))
		vl--;
	if (nl == 19 && strncasecmp(l, "Content-Disposition", 19) == 0) {
		if (pt->name != NULL)
			return REQ_ERR_MALFORMED;
		return req_disposition(v, vl, pt);
	}
	if (nl == 12 && strncasecmp(l, "Content-Type", 12) == 0) {
		if (pt->ctype != NULL)
			return REQ_ERR_MALFORMED;
		if ((pt->ctype = req_memdup(v, vl)) == NULL)
			return REQ_ERR_NOMEM;
	}
	return REQ_OK;
}

/*
 * Parses the header block of one part starting at buf[*pos] (at most
 * lim->max_header bytes up to the blank line) into pt and moves *pos to
 * the first byte of the part's content.  Returns REQ_OK or an error.
 */
static enum req_err
req_part_headers(const char *buf, size_t sz, size_t *pos,
    const struct req_limits *lim, struct req_part *pt)
{
	const char	*end, *l, *eol;
	size_t		 left, win, blk;
	enum req_err	 er;

	left = sz - *pos;
	/* A part without headers has no name: form-data needs one. */
	if (left >= 2 && buf[*pos] == '\r' && buf[*pos + 1] == '\n')
		return REQ_ERR_MALFORMED;
	win = lim->max_header > SIZE_MAX - 4 ? SIZE_MAX : lim->max_header + 4;
	if (win > left)
		win = left;
	if ((end = memmem(buf + *pos, win, "\r\n\r\n", 4)) == NULL)
		return lim->max_header <= SIZE_MAX - 4 &&
		    left >= lim->max_header + 4 ?
		    REQ_ERR_TOOBIG : REQ_ERR_TRUNCATED;
	blk = (size_t)(end - (buf + *pos)) + 2;
	if (blk > lim->max_header)
		return REQ_ERR_TOOBIG;
	for (l = buf + *pos; l < end + 2; l = eol + 2) {
		eol = memmem(l, (size_t)(end + 2 - l), "\r\n", 2);
		if ((er = req_part_header(l, (size_t)(eol - l), pt)) != REQ_OK)
			return er;
	}
	*pos += blk + 2;
	if (pt->name == NULL || pt->name[0] == '\0')
		return REQ_ERR_MALFORMED;
	if (strlen(pt->name) > lim->max_key)
		return REQ_ERR_TOOBIG;
	return REQ_OK;
}

/*
 * Reads what follows a delimiter at buf[*pos]: "--" (the close
 * delimiter: *done set) or transport padding and CRLF.  Returns
 * REQ_OK, REQ_ERR_TRUNCATED or REQ_ERR_MALFORMED.
 */
static enum req_err
req_after_delim(const char *buf, size_t sz, size_t *pos, int *done)
{
	size_t	 p = *pos;

	*done = 0;
	if (p < sz && buf[p] == '-') {
		if (p + 1 == sz)
			return REQ_ERR_TRUNCATED;
		if (buf[p + 1] != '-')
			return REQ_ERR_MALFORMED;
		*done = 1;
		*pos = p + 2;
		return REQ_OK;
	}
	while (p < sz && req_lwsp(buf[p]))
		p++;
	if (p == sz || (buf[p] == '\r' && p + 1 == sz))
		return REQ_ERR_TRUNCATED;
	if (buf[p] != '\r' || buf[p + 1] != '\n')
		return REQ_ERR_MALFORMED;
	*pos = p + 2;
	return REQ_OK;
}

/*
 * Parses one part at buf[*pos] (just after the CRLF of its delimiter)
 * into out, and moves *pos just past the next delimiter.  dl is
 * "\r\n--boundary" of dlen bytes.  Returns REQ_OK or an error.
 */
static enum req_err
req_part(const char *buf, size_t sz, size_t *pos, const char *dl,
    size_t dlen, const struct req_limits *lim, struct req_fields *out)
{
	struct req_part	  pt;
	struct req_field  fld;
	const char	 *end;
	size_t		  start, vsz, max;
	enum req_err	  er;

	memset(&pt, 0, sizeof(pt));
	memset(&fld, 0, sizeof(fld));
	if ((er = req_part_headers(buf, sz, pos, lim, &pt)) != REQ_OK)
		goto out;
	start = *pos;
	end = memmem(buf + start, sz - start, dl, dlen);
	if (end == NULL) {
		er = REQ_ERR_TRUNCATED;
		goto out;
	}
	vsz = (size_t)(end - (buf + start));
	max = pt.filename != NULL ? lim->max_file : lim->max_value;
	if (vsz > max) {
		er = REQ_ERR_TOOBIG;
		goto out;
	}
	if ((fld.val = req_memdup(buf + start, vsz)) == NULL) {
		er = REQ_ERR_NOMEM;
		goto out;
	}
	fld.valsz = vsz;
	fld.key = pt.name;
	fld.filename = pt.filename;
	fld.ctype = pt.ctype;
	memset(&pt, 0, sizeof(pt));
	*pos = start + vsz + dlen;
	er = req_fields_push(out, lim, &fld);
out:
	req_part_clear(&pt);
	req_field_clear(&fld);
	return er;
}

/* Parses a multipart/form-data body of sz bytes into out. */
enum req_err
req_parse_multipart(const char *buf, size_t sz, const char *boundary,
    const struct req_limits *lim, struct req_fields *out)
{
	char		 dl[BOUNDARY_MAX + 5];
	const char	*p;
	size_t		 blen, dlen, pos;
	int		 done;
	enum req_err	 er;

	if (boundary == NULL)
		return REQ_ERR_MALFORMED;
	blen = strlen(boundary);
	if (!req_boundary_ok(boundary, blen))
		return REQ_ERR_MALFORMED;
	/* dl is "\r\n--boundary"; the first delimiter may lack the CRLF. */
	memcpy(dl, "\r\n--", 4);
	memcpy(dl + 4, boundary, blen);
	dlen = blen + 4;
	if (buf == NULL)
		return REQ_ERR_TRUNCATED;
	if (sz >= dlen - 2 && memcmp(buf, dl + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else if ((p = memmem(buf, sz, dl, dlen)) != NULL)
		pos = (size_t)(p - buf) + dlen;
	else
		return REQ_ERR_TRUNCATED;
	for (;;) {
		if ((er = req_after_delim(buf, sz, &pos, &done)) != REQ_OK)
			return er;
		if (done)
			return REQ_OK;	/* the rest is the epilogue */
		er = req_part(buf, sz, &pos, dl, dlen, lim, out);
		if (er != REQ_OK)
			return er;
	}
}

/* Parses a Cookie header "a=b; c=d" into out (values kept as sent,
 * surrounding double quotes removed). */
enum req_err
req_parse_cookies(const char *hdr, const struct req_limits *lim,
    struct req_fields *out)
{
	struct req_field  fld;
	const char	 *p, *k, *v, *e;
	size_t		  kl, vl;
	enum req_err	  er;

	if (hdr == NULL)
		return REQ_OK;
	for (p = hdr; *p != '\0'; p = *e == ';' ? e + 1 : e) {
		while (*p == ' ' || *p == '\t')
			p++;
		k = p;
		e = p + strcspn(p, ";");
		v = memchr(k, '=', (size_t)(e - k));
		if (v == NULL)
			continue;
		for (kl = (size_t)(v - k); kl > 0 && req_lwsp(k[kl - 1]); kl--)
			continue;
		for (v++; v < e && req_lwsp(*v); v++)
			continue;
		for (vl = (size_t)(e - v); vl > 0 && req_lwsp(v[vl - 1]); vl--)
			continue;
		if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
			v++;
			vl -= 2;
		}
		/* A cookie the hall never sets (empty, oversized, or past
		 * the count) is skipped, not an error: a stray cookie of
		 * another site on the same host must not lock users out. */
		if (kl == 0 || kl > lim->max_key || vl > lim->max_value)
			continue;
		if (out->n >= lim->max_fields)
			break;
		memset(&fld, 0, sizeof(fld));
		fld.key = req_memdup(k, kl);
		fld.val = req_memdup(v, vl);
		fld.valsz = vl;
		if (fld.key == NULL || fld.val == NULL) {
			req_field_clear(&fld);
			return REQ_ERR_NOMEM;
		}
		if ((er = req_fields_push(out, lim, &fld)) != REQ_OK)
			return er;
	}
	return REQ_OK;
}

/* Value of name in a NULL-terminated NAME=value list, or NULL.
 * Borrowed from envp. */
static const char *
req_env(char *const *envp, const char *name)
{
	size_t	 n;

	if (envp == NULL || name == NULL)
		return NULL;
	n = strlen(name);
	for (; *envp != NULL; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* Value of the FastCGI/CGI parameter name, or NULL (borrowed from io). */
const char *
req_param(const struct req *r, const char *name)
{
	if (r == NULL || r->io == NULL)
		return NULL;
	return req_env(r->io->envp, name);
}

/* First field key of f, or NULL. */
static const struct req_field *
req_fields_find(const struct req_fields *f, const char *key)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].key, key) == 0)
			return &f->v[i];
	return NULL;
}

/* The field key (body, then query), or NULL; borrowed from r. */
const struct req_field *
req_field(const struct req *r, const char *key)
{
	const struct req_field *f;

	if (r == NULL || key == NULL)
		return NULL;
	if ((f = req_fields_find(&r->body, key)) == NULL)
		f = req_fields_find(&r->query, key);
	return f;
}

/* First value of key (body, then query), or NULL; borrowed from r. */
const char *
req_get(const struct req *r, const char *key)
{
	const struct req_field *f = req_field(r, key);

	return f != NULL ? f->val : NULL;
}

/* First value of key in the body only, or NULL; borrowed from r. */
const char *
req_body_get(const struct req *r, const char *key)
{
	const struct req_field *f;

	if (r == NULL || key == NULL)
		return NULL;
	f = req_fields_find(&r->body, key);
	return f != NULL ? f->val : NULL;
}

/* Value of cookie name, or NULL; borrowed from r. */
const char *
req_cookie(const struct req *r, const char *name)
{
	const struct req_field *f;

	if (r == NULL || name == NULL)
		return NULL;
	f = req_fields_find(&r->cookies, name);
	return f != NULL ? f->val : NULL;
}

/* Frees everything r owns and zeroes it. */
void
req_free(struct req *r)
{
	if (r == NULL)
		return;
	free(r->path);
	free(r->ctype);
	req_fields_free(&r->query);
	req_fields_free(&r->body);
	req_fields_free(&r->cookies);
	memset(r, 0, sizeof(*r));
}

/* Fills id[17] with 16 random hexadecimal characters. */
static void
req_make_id(char id[17])
{
	unsigned char	  b[8];
	struct timespec	  ts;
	uint64_t	  x;
	size_t		  i;

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b)) {
		/* Only a log id: a clock and pid mix will do. */
		clock_gettime(CLOCK_REALTIME, &ts);
		x = (uint64_t)ts.tv_sec * 1000000007u ^
		    (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 40);
		for (i = 0; i < sizeof(b); i++)
			b[i] = (unsigned char)(x >> (8 * i));
	}
	text_hex(b, sizeof(b), id);
}

/* Maps REQUEST_METHOD to enum req_method. */
static enum req_method
req_method_of(const char *m)
{
	if (m == NULL)
		return REQ_OTHER;
	if (strcmp(m, "GET") == 0)
		return REQ_GET;
	if (strcmp(m, "HEAD") == 0)
		return REQ_HEAD;
	if (strcmp(m, "POST") == 0)
		return REQ_POST;
	return REQ_OTHER;
}

/* Sets r->path from DOCUMENT_URI, else SCRIPT_NAME + PATH_INFO, else
 * "/", without any query.  Returns REQ_OK or REQ_ERR_NOMEM. */
static enum req_err
req_read_path(struct req *r)
{
	const char	*uri, *sn, *pi;
	size_t		 a, b;

	if ((uri = req_param(r, "DOCUMENT_URI")) != NULL && *uri != '\0')
		r->path = req_memdup(uri, strcspn(uri, "?"));
	else {
		sn = req_param(r, "SCRIPT_NAME");
		pi = req_param(r, "PATH_INFO");
		sn = sn != NULL ? sn : "";
		pi = pi != NULL ? pi : "";
		a = strcspn(sn, "?");
		b = strcspn(pi, "?");
		if (a + b == 0)
			r->path = req_memdup("/", 1);
		else if ((r->path = req_memdup(sn, a + b)) != NULL)
			memcpy(r->path + a, pi, b);
	}
	return r->path != NULL ? REQ_OK : REQ_ERR_NOMEM;
}

/* Parses a strict decimal CONTENT_LENGTH into *len (absent or empty
 * is 0).  Returns REQ_OK or REQ_ERR_MALFORMED. */
static enum req_err
req_content_length(const char *s, size_t *len)
{
	size_t	 v = 0, d;

	*len = 0;
	if (s == NULL || *s == '\0')
		return REQ_OK;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return REQ_ERR_MALFORMED;
		d = (size_t)(*s - '0');
		if (v > (SIZE_MAX - d) / 10)
			return REQ_ERR_MALFORMED;
		v = v * 10 + d;
	}
	*len = v;
	return REQ_OK;
}

/* The kind of body a Content-Type announces. */
enum req_body {
	REQ_BODY_NONE,		/* REQ_BODY_NONE */
	REQ_BODY_URLENCODED,	/* REQ_BODY_URLENCODED */
	REQ_BODY_MULTIPART,	/* REQ_BODY_MULTIPART */
	REQ_BODY_OTHER,		/* REQ_BODY_OTHER */
	REQ_BODY__MAX
};

/* Classifies a Content-Type by its media type (case-insensitive). */
static enum req_body
req_body_kind(const char *ct)
{
	size_t	 n;

	if (ct == NULL || *ct == '\0')
		return REQ_BODY_NONE;
	n = strcspn(ct, ";");
	while (n > 0 && req_lwsp(ct[n - 1]))
		n--;
	if (n == 33 && strncasecmp(ct, "application/x-www-form-urlencoded",
	    33) == 0)
		return REQ_BODY_URLENCODED;
	if (n == 19 && strncasecmp(ct, "multipart/form-data", 19) == 0)
		return REQ_BODY_MULTIPART;
	return REQ_BODY_OTHER;
}

/* Reads exactly len bytes of body through io into a new buffer *out
 * (owned by the caller).  Returns REQ_OK, REQ_ERR_NOMEM or
 * REQ_ERR_TRUNCATED. */
static enum req_err
req_read_body(const struct req_io *io, size_t len, char **out)
{
	char	*buf;
	size_t	 got = 0;
	ssize_t	 n;

	*out = NULL;
	if (len == SIZE_MAX || (buf = malloc(len + 1)) == NULL)
		return REQ_ERR_NOMEM;
	while (got < len) {
		if (io == NULL || io->read == NULL)
			n = 0;
		else
			n = io->read(io->ctx, buf + got, len - got);
		if (n <= 0 || (size_t)n > len - got) {
			free(buf);
			return REQ_ERR_TRUNCATED;
		}
		got += (size_t)n;
	}
	buf[len] = '\0';
	*out = buf;
	return REQ_OK;
}

/* Reads and parses the body of a POST of len bytes.  Returns REQ_OK or
 * an error. */
static enum req_err
req_read_post(struct req *r, size_t len, const struct req_limits *lim)
{
	enum req_body	 kind;
	char		*buf = NULL, *bnd = NULL;
	enum req_err	 er;

	kind = req_body_kind(r->ctype);
	switch (kind) {
	case REQ_BODY_NONE:
		return len == 0 ? REQ_OK : REQ_ERR_CTYPE;
	case REQ_BODY_OTHER:
		return REQ_ERR_CTYPE;
	case REQ_BODY_MULTIPART:
		if ((bnd = req_multipart_boundary(r->ctype)) == NULL)
			return REQ_ERR_MALFORMED;
		break;
	case REQ_BODY_URLENCODED:
		break;
	case REQ_BODY__MAX:
	default:
		abort();
	}
	if ((er = req_read_body(r->io, len, &buf)) != REQ_OK)
		goto out;
	if (kind == REQ_BODY_MULTIPART)
		er = req_parse_multipart(buf, len, bnd, lim, &r->body);
	else
		er = req_parse_urlencoded(buf, len, lim, &r->body);
out:
	free(buf);
	free(bnd);
	return er;
}

/* The q value (0-1000) that Accept header acc gives media type mt
 * (exactly, case-insensitively), or -1 when it does not name it. */
static int
req_accept_q(const char *acc, const char *mt)
{
	size_t		 mtlen = strlen(mt), n;
	const char	*p = acc, *end, *q;
	int		 v, scale;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		end = p + strcspn(p, ",");
		n = strcspn(p, ";, \t");
		if (n == mtlen && strncasecmp(p, mt, mtlen) == 0) {
			v = 1000;
			for (q = p; q < end; q++) {
				if (*q != ';')
					continue;
				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				if ((*q != 'q' && *q != 'Q') || q[1] != '=')
					continue;
				q += 2;
				v = (*q == '1') ? 1000 : 0;
				if (*q == '0' || *q == '1') {
					q++;
					if (*q == '.')
						for (q++, scale = 100; scale > 0 &&
						    *q >= '0' && *q <= '9'; q++,
						    scale /= 10)
							v += (*q - '0') * scale;
				}
				break;
			}
			return v > 1000 ? 1000 : v;
		}
		p = end;
	}
	return -1;
}

/* Whether an Accept header prefers application/xml: named with q > 0
 * and ranked above text/html.  Browsers send "text/html,...,
 * application/xml;q=0.9,...": they get HTML. */
static int
req_accepts_xml(const char *acc)
{
	int	 x, h;

	if (acc == NULL || (x = req_accept_q(acc, "application/xml")) <= 0)
		return 0;
	h = req_accept_q(acc, "text/html");
	return x > h;
}

/* Reads the parameters and body of the current request into r. */
enum req_err
req_read(struct req *r, const struct req_io *io,
    const struct req_limits *lim)
{
	const char		*s;
	const struct req_field	*f;
	size_t			 len;
	enum req_err		 er;

	memset(r, 0, sizeof(*r));
	r->io = io;
	req_make_id(r->id);
	if (lim == NULL)
		lim = &req_default_limits;
	r->method = req_method_of(req_param(r, "REQUEST_METHOD"));
	if ((er = req_read_path(r)) != REQ_OK)
		return er;
	if ((s = req_param(r, "CONTENT_TYPE")) != NULL && *s != '\0' &&
	    (r->ctype = req_memdup(s, strlen(s))) == NULL)
		return REQ_ERR_NOMEM;
	if ((s = req_param(r, "QUERY_STRING")) != NULL &&
	    (er = req_parse_urlencoded(s, strlen(s), lim, &r->query)) != REQ_OK)
		return er;
	er = req_parse_cookies(req_param(r, "HTTP_COOKIE"), lim, &r->cookies);
	if (er != REQ_OK)
		return er;
	f = req_fields_find(&r->query, "format");
	r->want_xml = req_accepts_xml(req_param(r, "HTTP_ACCEPT")) ||
	    (f != NULL && strcmp(f->val, "xml") == 0);
	er = req_content_length(req_param(r, "CONTENT_LENGTH"), &len);
	if (er != REQ_OK)
		return er;
	if (len > lim->max_body)
		return REQ_ERR_TOOBIG;
	if (r->method != REQ_POST)
		return REQ_OK;
	return req_read_post(r, len, lim);
}
