/*
 * keep.h: what a lost session does not lose.  A form a clerk posts
 * after the session ended (idle for SESS_IDLE_SECONDS, or the cookie
 * gone) is kept server-side for KEEP_SECONDS, bound to the client
 * certificate and its account, and offered again after the login on a
 * page the clerk confirms (the login program's /login/resume): the
 * kept text fields in a hidden form with the new session's CSRF token.
 * File parts are not kept (an attachment of personal documents does
 * not wait in a side table, and no hidden form can carry a file): the
 * page names each and asks for it again.  The csrf field is never
 * kept; the one-time form token is, so a form confirmed twice still
 * makes one task.
 *
 * A page asked for without a session is remembered the simple way: the
 * login page takes it as next= and returns there, when keep_local_path()
 * says it is a path of this site.
 */
#ifndef HALL_KEEP_H
#define HALL_KEEP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct req;
struct store;

#define KEEP_SECONDS		(30 * 60)	/* how long a post is kept */
#define KEEP_MAX_PER_CERT	5		/* newest kept per certificate */
#define KEEP_MAX_TEXT		(1024 * 1024)	/* encoded text fields, bytes */
#define KEEP_MAX_NEXT		1024		/* bytes of a next= path */
/* The hidden field of a confirmed form: the kept post it replays. */
#define KEEP_FIELD		"hall_kept"

/* A kept post as read back.  body and files are urlencoded
 * ("name=value&..."); owned, freed by keep_free(). */
struct kept_post {
	char		 id[33];
	int64_t		 account_id;
	char		 path[256];
	char		 query[1024];
	int		 multipart;
	char		*body;
	char		*files;
	time_t		 created_at;
};

/* Keeps the POST r (its path, query string and text fields but csrf and
 * KEEP_FIELD; file parts by field and file name only) for cert_fp and
 * account_id, under a new random id written to id.  Drops every
 * expired kept post, and this certificate's oldest beyond
 * KEEP_MAX_PER_CERT.  Returns 0 kept, 1 not kept (too large, or a path
 * or query that could not be replayed), -1 on a store error. */
int		 keep_post(struct store *s, const struct req *r,
		    const char *cert_fp, int64_t account_id, char id[33]);

/* Loads the live kept post id of cert_fp and account_id into out.
 * Returns 0, 1 when there is none (expired, used, another
 * certificate's), -1 on error. */
int		 keep_load(struct store *s, const char *id, const char *cert_fp,
		    int64_t account_id, struct kept_post *out);

/* The id of the newest live kept post of cert_fp and account_id into
 * id.  Returns 0, 1 none, -1 error. */
int		 keep_latest(struct store *s, const char *cert_fp,
		    int64_t account_id, char id[33]);

/* Deletes kept post id of cert_fp (nothing when there is none or it is
 * another certificate's).  Returns 0 or -1. */
int		 keep_drop(struct store *s, const char *id, const char *cert_fp);

/* Deletes every kept post older than KEEP_SECONDS (a login does, so
 * that what the clerks typed does not outlive its half hour for long).
 * Returns 0 or -1. */
int		 keep_purge(struct store *s);

/* Frees what out owns. */
void		 keep_free(struct kept_post *out);

/* Whether id looks like a kept post's id (32 lower-case hex). */
int		 keep_id_ok(const char *id);

/* Whether p may be followed after a login: a path of this site ("/"
 * then not "/" or "\"), printable ASCII without spaces, no "//", no
 * backslash, at most KEEP_MAX_NEXT bytes, and not a /login page.
 * Returns 1 or 0. */
int		 keep_local_path(const char *p);

/* Percent-encodes src (all but A-Z a-z 0-9 - . _ ~) into dst of dstsz.
 * Returns 0, or -1 when it does not fit (dst is then ""). */
int		 keep_urlencode(char *dst, size_t dstsz, const char *src);

#endif
