/*
 * audit.c: the append-only audit trail.  Each row stores the SHA-256 of
 * a canonical serialisation of its fields and of the previous row's
 * hash, so altering, inserting or removing a row in the middle breaks
 * the chain that audit_verify() walks.  (Removing the newest rows
 * leaves a shorter valid chain: compare counts with a copy kept
 * elsewhere, e.g. the nightly backups, to detect that.)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "audit.h"
#include "clock.h"
#include "log.h"
#include "store.h"
#include "text.h"

#define AUDIT_HASHLEN	64	/* hex SHA-256 */

static const char audit_zero[AUDIT_HASHLEN + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The statements of the audit trail; their SQL is in audit_sql. */
enum audit_stmt {
	AUDIT_STMT_LAST,	/* the newest row: id, hash */
	AUDIT_STMT_APPEND,	/* inserts one chained row */
	AUDIT_STMT_ALL,		/* every row in id order, for audit_verify() */
	AUDIT_STMT__MAX
};

/* The SQL of each statement, by enum audit_stmt. */
static const char *const audit_sql[AUDIT_STMT__MAX] = {
	[AUDIT_STMT_LAST] =
	    "SELECT id, hash FROM audit "
	    "WHERE id = (SELECT max(id) FROM audit)", /* AUDIT_STMT_LAST */
	[AUDIT_STMT_APPEND] =
	    "INSERT INTO audit (id, at, account_id, "
	    "unit_id, actor, cert_fp, action, object, detail, prev_hash, "
	    "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", /* AUDIT_STMT_APPEND */
	[AUDIT_STMT_ALL] =
	    "SELECT id, at, account_id, unit_id, actor, "
	    "cert_fp, action, object, detail, prev_hash, hash FROM audit "
	    "ORDER BY id", /* AUDIT_STMT_ALL */
};

/* The fields of one row, as stored. */
struct audit_row {
	int64_t		 id;
	int64_t		 at;
	int64_t		 account_id;
	int64_t		 unit_id;
	const char	*actor;
	const char	*cert_fp;
	const char	*action;
	const char	*object;
	const char	*detail;
	const char	*prev_hash;
};

/* Feeds one field to ctx as "<decimal length>:<bytes>;" so that no two
 * different rows serialise alike.  Returns 1 or 0 (OpenSSL style). */
static int
audit_field(EVP_MD_CTX *ctx, const char *v)
{
	char	 len[32];
	size_t	 n;

	n = strlen(v);
	snprintf(len, sizeof(len), "%zu:", n);
	return EVP_DigestUpdate(ctx, len, strlen(len)) &&
	    EVP_DigestUpdate(ctx, v, n) && EVP_DigestUpdate(ctx, ";", 1);
}

/* feeds an integer field like audit_field. */
static int
audit_field_int(EVP_MD_CTX *ctx, int64_t v)
{
	char	 num[32];

	snprintf(num, sizeof(num), "%" PRId64, v);
	return audit_field(ctx, num);
}

/* Computes the hex SHA-256 of row r into hex[65].  Returns 0 or -1. */
static int
audit_hash(const struct audit_row *r, char hex[AUDIT_HASHLEN + 1])
{
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0;
	EVP_MD_CTX		*ctx;
	int			 ok;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(ctx, "hall-audit-v1;", 14) &&
	    audit_field_int(ctx, r->id) && audit_field_int(ctx, r->at) &&
	    audit_field_int(ctx, r->account_id) &&
	    audit_field_int(ctx, r->unit_id) &&
	    audit_field(ctx, r->actor) && audit_field(ctx, r->cert_fp) &&
	    audit_field(ctx, r->action) && audit_field(ctx, r->object) &&
	    audit_field(ctx, r->detail) && audit_field(ctx, r->prev_hash) &&
	    EVP_DigestFinal_ex(ctx, md, &mdlen) && mdlen == 32;
	EVP_MD_CTX_free(ctx);
	if (!ok) {
		log_err("audit: SHA-256 failed");
		return -1;
	}
	text_hex(md, mdlen, hex);
	return 0;
}

/* Appends one row chained to the last one, at now, inside the
 * caller's open transaction (which must hold the write lock: BEGIN
 * IMMEDIATE).  who NULL means the system.  Returns 0 or -1 (logged). */
int
audit_append(struct store *s, const struct actor *who, const char *action,
    const char *object, const char *detail)
{
	return audit_append_at(s, who, clock_now(), action, object, detail);
}

/* Appends one row as audit_append() does, stamped at instead of now.
 * Returns 0 or -1 (logged). */
int
audit_append_at(struct store *s, const struct actor *who, time_t at,
    const char *action, const char *object, const char *detail)
{
	static const struct actor	 sys = { 0, 0, "系统", "" };
	char				 prev[AUDIT_HASHLEN + 1];
	char				 hash[AUDIT_HASHLEN + 1];
	struct audit_row		 r;
	struct store_stmt			*st;
	int				 rc;

	if (!store_in_tx(s)) {
		log_err("audit: append outside a transaction");
		return -1;
	}
	if (who == NULL)
		who = &sys;
	if ((st = store_stmt(s, audit_sql[AUDIT_STMT_LAST])) == NULL)
		return -1;
	memcpy(prev, audit_zero, sizeof(prev));
	r.id = 1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		r.id = store_col_int64(st, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", store_col_text(st, 1));
	} else if (rc != STORE_DONE) {
		log_err("audit: last row: %s", store_errmsg(s));
		store_reset(st);
		return -1;
	}
	store_reset(st);
	r.at = (int64_t)at;
	r.account_id = who->account_id;
	r.unit_id = who->unit_id;
	r.actor = who->name != NULL ? who->name : "";
	r.cert_fp = who->cert_fp != NULL ? who->cert_fp : "";
	r.action = action != NULL ? action : "";
	r.object = object != NULL ? object : "";
	r.detail = detail != NULL ? detail : "";
	r.prev_hash = prev;
	if (audit_hash(&r, hash) == -1)
		return -1;
	if ((st = store_stmt(s, audit_sql[AUDIT_STMT_APPEND])) == NULL)
		return -1;
	if (store_bind_int(st, 1, r.id) || store_bind_int(st, 2, r.at) ||
	    store_bind_int(st, 3, r.account_id) ||
	    store_bind_int(st, 4, r.unit_id) ||
	    store_bind_text(st, 5, r.actor) ||
	    store_bind_text(st, 6, r.cert_fp) ||
	    store_bind_text(st, 7, r.action) ||
	    store_bind_text(st, 8, r.object) ||
	    store_bind_text(st, 9, r.detail) ||
	    store_bind_text(st, 10, r.prev_hash) ||
	    store_bind_text(st, 11, hash))
		return -1;
	return store_exec_stmt(s, st);
}

/* Walks the chain in id order, recomputing every hash and checking
 * every link and that ids follow each other.  Returns the number of
 * rows, or -1 with *bad_id (may be NULL) set to the first bad row
 * (0 for a store error). */
int64_t
audit_verify(struct store *s, int64_t *bad_id)
{
	char		 prev[AUDIT_HASHLEN + 1];
	char		 hash[AUDIT_HASHLEN + 1];
	struct audit_row r;
	struct store_stmt	*st;
	int64_t		 n = 0, bad = 0, last = 0;
	int		 rc;

	if ((st = store_stmt(s, audit_sql[AUDIT_STMT_ALL])) == NULL)
		goto fail;
	memcpy(prev, audit_zero, sizeof(prev));
	while ((rc = store_step(st)) == STORE_ROW) {
		r.id = store_col_int64(st, 0);
		r.at = store_col_int64(st, 1);
		r.account_id = store_col_int64(st, 2);
		r.unit_id = store_col_int64(st, 3);
		r.actor = store_col_text(st, 4);
		r.cert_fp = store_col_text(st, 5);
		r.action = store_col_text(st, 6);
		r.object = store_col_text(st, 7);
		r.detail = store_col_text(st, 8);
		r.prev_hash = store_col_text(st, 9);
		if (audit_hash(&r, hash) == -1)
			goto fail;
		if (r.id != last + 1 || strcmp(r.prev_hash, prev) != 0 ||
		    strcmp(hash, store_col_text(st, 10)) != 0) {
			bad = r.id;
			log_err("audit: chain broken at row %" PRId64, r.id);
			goto fail;
		}
		memcpy(prev, hash, sizeof(prev));
		last = r.id;
		n++;
	}
	if (rc != STORE_DONE) {
		log_err("audit: verify: %s", store_errmsg(s));
		goto fail;
	}
	store_reset(st);
	return n;
fail:
	if (st != NULL)
		store_reset(st);
	if (bad_id != NULL)
		*bad_id = bad;
	return -1;
}
