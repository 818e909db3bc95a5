/*
 * request.h: parsing of one HTTP request handed over by nginx through
 * FastCGI (or by a test as plain CGI): parameters, query string,
 * urlencoded and multipart bodies, cookies.  All lengths are size_t and
 * every size is checked against struct req_limits before allocation.
 */
#ifndef HALL_REQUEST_H
#define HALL_REQUEST_H

#include <stddef.h>
#include <sys/types.h>

enum req_method {
	REQ_GET,	/* REQ_GET */
	REQ_HEAD,	/* REQ_HEAD */
	REQ_POST,	/* REQ_POST */
	REQ_OTHER,	/* REQ_OTHER */
	REQ_METHOD__MAX
};

enum req_err {
	REQ_OK,		/* REQ_OK */
	REQ_ERR_NOMEM,	/* REQ_ERR_NOMEM */
	REQ_ERR_TOOBIG,	/* REQ_ERR_TOOBIG: a limit was exceeded */
	REQ_ERR_MALFORMED, /* REQ_ERR_MALFORMED: syntax error */
	REQ_ERR_CTYPE,	/* REQ_ERR_CTYPE: unsupported content type */
	REQ_ERR_TRUNCATED, /* REQ_ERR_TRUNCATED: body ended early */
	REQ_ERR__MAX
};

/* One name/value pair.  val is always NUL-terminated (valsz excludes
 * the NUL) but a file part may hold embedded NULs. */
struct req_field {
	char		*key;
	char		*val;
	size_t		 valsz;
	char		*filename;	/* multipart file part, else NULL */
	char		*ctype;		/* multipart part Content-Type, else NULL */
};

/* A growable array of fields; owns every string in it. */
struct req_fields {
	struct req_field *v;
	size_t		 n;
	size_t		 cap;
};

struct req_limits {
	size_t		 max_body;	/* bytes of body (CONTENT_LENGTH) */
	size_t		 max_fields;	/* fields or parts in all */
	size_t		 max_key;	/* bytes of one field name */
	size_t		 max_value;	/* bytes of one non-file value */
	size_t		 max_file;	/* bytes of one file part */
	size_t		 max_header;	/* bytes of one part's header block */
};

/* The limits every program uses unless it says otherwise. */
extern const struct req_limits req_default_limits;

/* How bytes reach and leave the program: FastCGI streams or stdio. */
struct req_io {
	void		*ctx;
	/* Reads up to sz bytes; returns bytes read, 0 at end, -1 on error. */
	ssize_t		(*read)(void *ctx, void *buf, size_t sz);
	/* Writes sz bytes; returns 0 on success, -1 on error. */
	int		(*write)(void *ctx, const void *buf, size_t sz);
	char	       **envp;		/* NULL-terminated NAME=value list */
};

/* One parsed request.  Owns everything it points to; freed by req_free(). */
struct req {
	enum req_method	 method;
	char		*path;		/* DOCUMENT_URI, e.g. "/tuigong/save" */
	char		*ctype;		/* CONTENT_TYPE or NULL */
	struct req_fields query;	/* from QUERY_STRING */
	struct req_fields body;		/* from the urlencoded/multipart body */
	struct req_fields cookies;	/* from HTTP_COOKIE */
	int		 want_xml;	/* Accept: application/xml or ?format=xml */
	char		 id[17];	/* request id (hex) for logs */
	const struct req_io *io;	/* borrowed: valid for the request */
};

/* Parses "a=1&b=%E4%B8%AD" into fields appended to out.  Returns REQ_OK
 * or an error; on error out may hold the fields parsed so far. */
enum req_err	 req_parse_urlencoded(const char *buf, size_t sz,
		    const struct req_limits *lim, struct req_fields *out);

/* Parses a multipart/form-data body with the given boundary (1-70
 * characters, RFC 2046) into out.  Stops at sz bytes; a body ending
 * before the closing delimiter is REQ_ERR_TRUNCATED. */
enum req_err	 req_parse_multipart(const char *buf, size_t sz,
		    const char *boundary, const struct req_limits *lim,
		    struct req_fields *out);

/* Extracts the boundary parameter of a multipart Content-Type into a
 * newly allocated string (caller frees); NULL if absent or invalid. */
char		*req_multipart_boundary(const char *ctype);

/* Parses a Cookie header "a=b; c=d" into out. */
enum req_err	 req_parse_cookies(const char *hdr, const struct req_limits *lim,
		    struct req_fields *out);

/* Reads the parameters and body of the current request through io and
 * fills r.  Returns REQ_OK or an error (r is then still safe to free). */
enum req_err	 req_read(struct req *r, const struct req_io *io,
		    const struct req_limits *lim);

/* Frees everything r owns and zeroes it. */
void		 req_free(struct req *r);

/* Frees the fields of f and zeroes it. */
void		 req_fields_free(struct req_fields *f);

/* Value of the FastCGI/CGI parameter name, or NULL.  Borrowed from io. */
const char	*req_param(const struct req *r, const char *name);

/* First value of field key (body first, then query), or NULL.
 * Borrowed: valid until req_free(). */
const char	*req_get(const struct req *r, const char *key);

/* First value of field key in the body only (never the query string,
 * which nginx writes to its access log), or NULL.  Borrowed: valid
 * until req_free(). */
const char	*req_body_get(const struct req *r, const char *key);

/* The field key (body, then query) with its size and file name, or NULL. */
const struct req_field *req_field(const struct req *r, const char *key);

/* Value of cookie name, or NULL. */
const char	*req_cookie(const struct req *r, const char *name);

/* A short English description of e for logs. */
const char	*req_strerror(enum req_err e);

#endif
