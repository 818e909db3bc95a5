/*
 * keep.c: forms posted after the session ended, kept until the clerk
 * logs in again (see keep.h), the check of a next= path, and the login
 * box shown both by the login page and in place of a page whose
 * session ended (page_login_box() of hall.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"

/* The statements of kept posts; their SQL is in keep_sql. */
enum keep_stmt {
	KEEP_STMT_TRIM,		/* deletes a cert's posts but the newest */
	KEEP_STMT_ADD,		/* inserts a kept post */
	KEEP_STMT_GET,		/* one fresh post of a cert and account */
	KEEP_STMT_LATEST,	/* the newest fresh post's id */
	KEEP_STMT_DROP,		/* deletes one certificate's post */
	KEEP_STMT_EXPIRE,	/* deletes posts older than a time */
	KEEP_STMT__MAX
};

/* The SQL of each statement, by enum keep_stmt. */
static const char *const keep_sql[KEEP_STMT__MAX] = {
	[KEEP_STMT_TRIM] =
	    "DELETE FROM pending_posts WHERE cert_fp = ?1"
	    " AND id NOT IN (SELECT id FROM pending_posts WHERE cert_fp = ?1"
	    " ORDER BY created_at DESC, id DESC LIMIT ?2)", /* KEEP_STMT_TRIM */
	[KEEP_STMT_ADD] =
	    "INSERT INTO pending_posts (id, cert_fp,"
	    " account_id, path, query, multipart, body, files, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", /* KEEP_STMT_ADD */
	[KEEP_STMT_GET] =
	    "SELECT path, query, multipart, body, files,"
	    " created_at FROM pending_posts WHERE id = ? AND cert_fp = ?"
	    " AND account_id = ? AND created_at >= ?", /* KEEP_STMT_GET */
	[KEEP_STMT_LATEST] =
	    "SELECT id FROM pending_posts WHERE cert_fp = ?"
	    " AND account_id = ? AND created_at >= ?"
	    " ORDER BY created_at DESC, id DESC LIMIT 1", /* KEEP_STMT_LATEST */
	[KEEP_STMT_DROP] =
	    "DELETE FROM pending_posts WHERE id = ?"
	    " AND cert_fp = ?", /* KEEP_STMT_DROP */
	[KEEP_STMT_EXPIRE] =
	    "DELETE FROM pending_posts WHERE created_at < ?", /* KEEP_STMT_EXPIRE */
};

/* A growing string.  Owns s. */
struct keep_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 full;	/* went past KEEP_MAX_TEXT or out of memory */
};

/* Whether c is left as is by percent-encoding. */
static int
keep_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* Appends n bytes of p to b, or marks b full. */
static void
keep_buf_add(struct keep_buf *b, const char *p, size_t n)
{
	char	*ns;
	size_t	 cap;

	if (b->full)
		return;
	if (b->len + n + 1 > KEEP_MAX_TEXT) {
		b->full = 1;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		cap = b->cap == 0 ? 256 : b->cap;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((ns = realloc(b->s, cap)) == NULL) {
			b->full = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends sz bytes of v to b percent-encoded. */
static void
keep_buf_enc(struct keep_buf *b, const char *v, size_t sz)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			 e[3];
	size_t			 i, run;

	for (i = 0; i < sz && !b->full; i += run) {
		for (run = 0; i + run < sz &&
		    keep_unreserved((unsigned char)v[i + run]); run++)
			continue;
		if (run > 0) {
			keep_buf_add(b, v + i, run);
			continue;
		}
		e[0] = '%';
		e[1] = hex[(unsigned char)v[i] >> 4];
		e[2] = hex[(unsigned char)v[i] & 0x0f];
		keep_buf_add(b, e, 3);
		run = 1;
	}
}

/* Appends "&key=value" (no '&' first) to b. */
static void
keep_buf_pair(struct keep_buf *b, const char *key, const char *v, size_t sz)
{
	if (b->len > 0)
		keep_buf_add(b, "&", 1);
	keep_buf_enc(b, key, strlen(key));
	keep_buf_add(b, "=", 1);
	keep_buf_enc(b, v, sz);
}

/* Percent-encodes src into dst of dstsz (all but the unreserved
 * characters).  Returns 0, or -1 with dst "" when it does not fit. */
int
keep_urlencode(char *dst, size_t dstsz, const char *src)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	size_t			 n = 0;

	if (dstsz == 0)
		return -1;
	for (p = (const unsigned char *)src; *p != '\0'; p++) {
		if (n + (keep_unreserved(*p) ? 1 : 3) >= dstsz) {
			dst[0] = '\0';
			return -1;
		}
		if (keep_unreserved(*p))
			dst[n++] = (char)*p;
		else {
			dst[n++] = '%';
			dst[n++] = hex[*p >> 4];
			dst[n++] = hex[*p & 0x0f];
		}
	}
	dst[n] = '\0';
	return 0;
}

/* Whether s is printable ASCII without spaces (a query string or path
 * as nginx passes it on).  Returns 1 or 0. */
static int
keep_printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/* Whether p is a path of this site a login may return to (see
 * keep.h).  Returns 1 or 0. */
int
keep_local_path(const char *p)
{
	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return 0;
	if (strlen(p) > KEEP_MAX_NEXT || !keep_printable(p) ||
	    strstr(p, "//") != NULL || strchr(p, '\\') != NULL)
		return 0;
	/* Back to the login page would only ask again. */
	if (strncmp(p, "/login", 6) == 0 &&
	    (p[6] == '\0' || p[6] == '/' || p[6] == '?'))
		return 0;
	return 1;
}

/* Whether id is 32 lower-case hex digits.  Returns 1 or 0. */
int
keep_id_ok(const char *id)
{
	size_t	 i;

	if (id == NULL || strlen(id) != 32)
		return 0;
	for (i = 0; i < 32; i++)
		if (!((id[i] >= '0' && id[i] <= '9') ||
		    (id[i] >= 'a' && id[i] <= 'f')))
			return 0;
	return 1;
}

/* Encodes the kept fields of r into body and the file parts into
 * files.  Returns 0, or 1 when they are too large to keep. */
static int
keep_encode(const struct req *r, struct keep_buf *body,
    struct keep_buf *files)
{
	const struct req_field	*f;
	size_t			 i;

	for (i = 0; i < r->body.n; i++) {
		f = &r->body.v[i];
		if (f->filename != NULL) {
			keep_buf_pair(files, f->key, f->filename,
			    strlen(f->filename));
			continue;
		}
		/* The old session's token is worthless and must not be
		 * replayed; the new one goes in when the clerk confirms. */
		if (strcmp(f->key, "csrf") == 0 ||
		    strcmp(f->key, KEEP_FIELD) == 0)
			continue;
		keep_buf_pair(body, f->key, f->val, f->valsz);
	}
	if (body->s == NULL)
		keep_buf_add(body, "", 0);
	if (files->s == NULL)
		keep_buf_add(files, "", 0);
	return body->full || files->full ? 1 : 0;
}

/* Deletes every kept post older than KEEP_SECONDS, and cert_fp's
 * oldest so that keep more remain.  Inside the caller's transaction.
 * Returns 0 or -1. */
static int
keep_trim(struct store *s, const char *cert_fp, int keep)
{
	struct store_stmt	*st;

	if (keep_purge(s) == -1)
		return -1;
	st = store_stmt(s, keep_sql[KEEP_STMT_TRIM]);
	if (st == NULL || store_bind_text(st, 1, cert_fp) != 0 ||
	    store_bind_int(st, 2, keep) != 0 || store_exec_stmt(s, st) == -1)
		return -1;
	return 0;
}

/* Inserts the kept post inside the caller's transaction.  Returns 0 or
 * -1. */
static int
keep_insert(struct store *s, const char *id, const char *cert_fp,
    int64_t account_id, const struct req *r, const char *query,
    const char *body, const char *files, time_t now)
{
	struct store_stmt	*st;

	st = store_stmt(s, keep_sql[KEEP_STMT_ADD]);
	if (st == NULL || store_bind_text(st, 1, id) != 0 ||
	    store_bind_text(st, 2, cert_fp) != 0 ||
	    store_bind_int(st, 3, account_id) != 0 ||
	    store_bind_text(st, 4, r->path) != 0 ||
	    store_bind_text(st, 5, query) != 0 ||
	    store_bind_int(st, 6, r->ctype != NULL &&
		strncmp(r->ctype, "multipart/", 10) == 0) != 0 ||
	    store_bind_text(st, 7, body) != 0 ||
	    store_bind_text(st, 8, files) != 0 ||
	    store_bind_int(st, 9, (int64_t)now) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* Keeps the POST r for cert_fp and account_id under a new id (see
 * keep.h).  Returns 0 kept, 1 not keepable, -1 on error. */
int
keep_post(struct store *s, const struct req *r, const char *cert_fp,
    int64_t account_id, char id[33])
{
	struct keep_buf	 body, files;
	const char	*query = req_param(r, "QUERY_STRING");
	time_t		 now = clock_now();
	int		 rc;

	id[0] = '\0';
	if (query == NULL)
		query = "";
	if (r->path == NULL || !keep_printable(r->path) ||
	    strlen(r->path) >= sizeof(((struct kept_post *)0)->path) ||
	    !keep_printable(query) ||
	    strlen(query) >= sizeof(((struct kept_post *)0)->query))
		return 1;
	memset(&body, 0, sizeof(body));
	memset(&files, 0, sizeof(files));
	if ((rc = keep_encode(r, &body, &files)) != 0)
		goto out;
	if (rand_hex(id, 16) == -1) {
		rc = -1;
		goto out;
	}
	if (store_begin(s) == -1) {
		rc = -1;
		goto out;
	}
	if (keep_trim(s, cert_fp, KEEP_MAX_PER_CERT - 1) == -1 ||
	    keep_insert(s, id, cert_fp, account_id, r, query, body.s,
	    files.s, now) == -1 || store_commit(s) == -1) {
		store_rollback(s);
		rc = -1;
		goto out;
	}
	log_info("kept a form posted to %s after the session ended",
	    r->path);
out:
	if (rc != 0)
		id[0] = '\0';
	free(body.s);
	free(files.s);
	return rc;
}

/* Loads the live kept post id of cert_fp and account_id into out
 * (caller keep_free()s).  Returns 0, 1 none, -1 error. */
int
keep_load(struct store *s, const char *id, const char *cert_fp,
    int64_t account_id, struct kept_post *out)
{
	struct store_stmt	*st;
	int			 step;

	memset(out, 0, sizeof(*out));
	if (!keep_id_ok(id) || cert_fp == NULL)
		return 1;
	st = store_stmt(s, keep_sql[KEEP_STMT_GET]);
	if (st == NULL || store_bind_text(st, 1, id) != 0 ||
	    store_bind_text(st, 2, cert_fp) != 0 ||
	    store_bind_int(st, 3, account_id) != 0 ||
	    store_bind_int(st, 4, (int64_t)clock_now() - KEEP_SECONDS) != 0)
		return -1;
	step = store_step(st);
	if (step != STORE_ROW) {
		store_reset(st);
		return step == STORE_DONE ? 1 : -1;
	}
	snprintf(out->id, sizeof(out->id), "%s", id);
	out->account_id = account_id;
	snprintf(out->path, sizeof(out->path), "%s", store_col_text(st, 0));
	snprintf(out->query, sizeof(out->query), "%s", store_col_text(st, 1));
	out->multipart = store_col_int(st, 2) != 0;
	out->body = strdup(store_col_text(st, 3));
	out->files = strdup(store_col_text(st, 4));
	out->created_at = (time_t)store_col_int64(st, 5);
	store_reset(st);
	if (out->body == NULL || out->files == NULL) {
		keep_free(out);
		return -1;
	}
	return 0;
}

/* The newest live kept post of cert_fp and account_id into id.
 * Returns 0, 1 none, -1 error. */
int
keep_latest(struct store *s, const char *cert_fp, int64_t account_id,
    char id[33])
{
	struct store_stmt	*st;
	int			 step;

	id[0] = '\0';
	st = store_stmt(s, keep_sql[KEEP_STMT_LATEST]);
	if (st == NULL || store_bind_text(st, 1, cert_fp) != 0 ||
	    store_bind_int(st, 2, account_id) != 0 ||
	    store_bind_int(st, 3, (int64_t)clock_now() - KEEP_SECONDS) != 0)
		return -1;
	step = store_step(st);
	if (step == STORE_ROW)
		snprintf(id, 33, "%s", store_col_text(st, 0));
	store_reset(st);
	if (step == STORE_ROW)
		return keep_id_ok(id) ? 0 : 1;
	return step == STORE_DONE ? 1 : -1;
}

/* Deletes kept post id of cert_fp, in its own transaction unless one
 * is open.  Returns 0 or -1. */
int
keep_drop(struct store *s, const char *id, const char *cert_fp)
{
	struct store_stmt	*st;
	int			 own = !store_in_tx(s);

	if (!keep_id_ok(id) || cert_fp == NULL)
		return 0;
	if (own && store_begin(s) == -1)
		return -1;
	st = store_stmt(s, keep_sql[KEEP_STMT_DROP]);
	if (st == NULL || store_bind_text(st, 1, id) != 0 ||
	    store_bind_text(st, 2, cert_fp) != 0 ||
	    store_exec_stmt(s, st) == -1) {
		if (own)
			store_rollback(s);
		return -1;
	}
	return own ? store_commit(s) : 0;
}

/* Deletes the expired kept posts, in its own transaction unless one is
 * open.  Returns 0 or -1. */
int
keep_purge(struct store *s)
{
	struct store_stmt	*st;
	int			 own = !store_in_tx(s);

	if (own && store_begin(s) == -1)
		return -1;
	st = store_stmt(s, keep_sql[KEEP_STMT_EXPIRE]);
	if (st == NULL || store_bind_int(st, 1, (int64_t)clock_now() -
	    KEEP_SECONDS) != 0 || store_exec_stmt(s, st) == -1) {
		if (own)
			store_rollback(s);
		return -1;
	}
	return own ? store_commit(s) : 0;
}

/* Frees the strings out owns. */
void
keep_free(struct kept_post *out)
{
	free(out->body);
	free(out->files);
	out->body = out->files = NULL;
}

/* Adds <cert> of the request's certificate and a (NULL: none) and
 * <login username= next= kept=> for the login form. */
void
page_login_box(struct hall_ctx *c, const struct account *a,
    const char *username, const char *next, const char *kept)
{
	xmlNodePtr	 n;

	if (a != NULL) {
		n = page_add(c, NULL, "cert", NULL);
		page_attr(n, "subject", c->id.subject);
		page_attr_int(n, "days-left", ident_days_left(&c->id));
		/* Whose desk this certificate opens: the page is titled for
		 * a unit or for the office, and the user name is offered. */
		page_attr(n, "kind", a->kind == ACCT_REVIEWER ? "reviewer" :
		    "unit");
		page_attr(n, "username", a->username);
	}
	n = page_add(c, NULL, "login", NULL);
	page_attr(n, "username", username != NULL ? username : "");
	if (next != NULL && keep_local_path(next))
		page_attr(n, "next", next);
	if (kept != NULL && keep_id_ok(kept))
		page_attr(n, "kept", kept);
}
