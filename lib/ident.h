/*
 * ident.h: who is asking.  nginx verifies the client certificate
 * against the hall's CA and CRL and passes SSL_CLIENT_VERIFY and the
 * escaped PEM (SSL_CLIENT_CERT); the hall trusts those only because its
 * sockets are reachable by nginx alone, and still re-checks the
 * certificate itself with OpenSSL (chain to the CA, validity) and keys
 * accounts by the SHA-256 fingerprint.  On top: passwords (PBKDF2-SHA256
 * from OpenSSL), forced change of the initial password, lockout for 15
 * minutes after 5 failures, and sessions bound to the certificate with
 * a CSRF token.
 */
#ifndef HALL_IDENT_H
#define HALL_IDENT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct req;
struct store;
struct form_errors;

#define IDENT_LOCK_FAILURES	5
#define IDENT_LOCK_SECONDS	(15 * 60)
#define SESS_IDLE_SECONDS	(30 * 60)
/* A session's last_seen is written at most once a minute: a request
 * within the minute only reads, so pages do not queue for the write
 * lock behind each other (idle expiry is exact to a minute). */
#define SESS_TOUCH_SECONDS	60
/* __Host-: the browser keeps it only as set by this host, Secure,
 * Path=/ and without Domain, so no sibling host can plant or shadow it. */
#define SESS_COOKIE		"__Host-hall_session"

/* A verified client certificate. */
struct ident {
	int		 ok;		/* nginx said SUCCESS and we agree */
	char		 fp[65];	/* SHA-256 of the DER, lower-case hex */
	char		 serial[64];	/* hex */
	char		 subject[256];	/* one-line RFC 2253 */
	time_t		 not_after;
};

/* Loads the CA certificate used to re-check client certificates.
 * Returns 0 or -1 (logged).  Called once at start. */
int		 ident_init(const char *cafile);

/* Turns on the checking of crlfile, the CA's CRL (NULL or "": none),
 * after ident_init(cafile): every verification first looks whether the
 * file changed and reloads it, so a revocation holds in the programs
 * at once, even for TLS sessions nginx resumes without checking.
 * Without a usable CRL every certificate is refused until one appears
 * (logged); the CRL's own dates are left to nginx.  Returns 0, or -1
 * for a bad path. */
int		 ident_crl_init(const char *cafile, const char *crlfile);

/* Frees what ident_init() loaded. */
void		 ident_cleanup(void);

/* Reads SSL_CLIENT_VERIFY and SSL_CLIENT_CERT of r, re-checks the
 * certificate against the CA and the clock, and fills out.
 * Returns 0 (out->ok = 1) or -1 (out->ok = 0: no usable certificate). */
int		 ident_from_request(const struct req *r, struct ident *out);

/* Reads one PEM certificate of sz bytes and fills fp, serial, subject
 * and not_after of out WITHOUT checking its chain or dates (out->ok
 * stays 0): for hall-admin binding and revoking certificate files.
 * Returns 0 or -1 (logged). */
int		 ident_parse_pem(const char *pem, size_t sz, struct ident *out);

/* Checks that one PEM certificate was issued by the CA of ident_init()
 * for TLS client use, ignoring its dates: hall-admin refuses to bind a
 * certificate of another CA.  Returns 0 or -1 (logged). */
int		 ident_check_issuer(const char *pem, size_t sz);

/* Days from now until the certificate expires (negative if expired). */
int		 ident_days_left(const struct ident *id);

enum account_kind {
	ACCT_UNIT,	/* ACCT_UNIT: a unit's 经办人 */
	ACCT_REVIEWER,	/* ACCT_REVIEWER: 经办机构审核员 */
	ACCT_KIND__MAX
};

/* An account as read from the store, with its unit. */
struct account {
	int64_t		 id;
	enum account_kind kind;
	int64_t		 unit_id;	/* 0 for a reviewer */
	char		 username[64];
	char		 display_name[128];
	char		 unit_name[256];	/* "" for a reviewer */
	int		 unit_vip;
	int		 must_change;
	int		 failed;
	time_t		 locked_until;
	/* An integration account (an HR system of the unit, kind ACCT_UNIT
	 * with accounts.integration = 1): its certificate alone identifies
	 * it; it has no password and never a session; may_write: the
	 * operator let it POST (hall-admin integ-grant). */
	int		 integration;
	int		 may_write;
	int		 unit_closed;	/* its unit is 注销 */
};

/* The account bound to certificate fingerprint fp (not revoked).
 * Returns 0 found, 1 none, -1 error. */
int		 account_by_cert(struct store *s, const char *fp,
		    struct account *out);

/* Loads account id.  Returns 0, 1 none, -1 error. */
int		 account_load(struct store *s, int64_t id, struct account *out);

/* Hashes pw into out as "pbkdf2-sha256$ITER$SALTHEX$HASHHEX".
 * Returns 0 or -1. */
int		 pw_hash(const char *pw, char *out, size_t outsz);

/* Checks pw against a stored hash in constant time.
 * Returns 1 match, 0 no match, -1 malformed. */
int		 pw_verify(const char *pw, const char *stored);

/* Whether pw is acceptable as a new password (8-64 characters with
 * letters and digits, not the username); adds an error to errs if not.
 * Returns 1 acceptable, 0 not. */
int		 pw_acceptable(const char *pw, const char *username,
		    struct form_errors *errs);

enum login_result {
	LOGIN_OK,		/* LOGIN_OK */
	LOGIN_MUST_CHANGE,	/* LOGIN_MUST_CHANGE: OK, but initial password */
	LOGIN_BAD,		/* LOGIN_BAD: wrong user name or password */
	LOGIN_LOCKED,		/* LOGIN_LOCKED: too many failures */
	LOGIN_NOCERT,		/* LOGIN_NOCERT: certificate not bound to an account */
	LOGIN_ERROR,		/* LOGIN_ERROR: store error */
	LOGIN_RESULT__MAX
};

/* Checks user name and password for the account bound to the
 * certificate id (the user name must be that account's).  The
 * certificate of an integration account logs in never (LOGIN_NOCERT):
 * it has no password and gets no session.  Counts
 * failures and locks for IDENT_LOCK_SECONDS after IDENT_LOCK_FAILURES;
 * resets the count on success.  Fills out and *locked_until. */
enum login_result ident_login(struct store *s, const struct ident *id,
		    const char *username, const char *pw,
		    struct account *out, time_t *locked_until);

/* Changes the password of account id after checking old; clears
 * must_change and ends the account's sessions but keep_token_hash's
 * (NULL: all).  Returns 0, or 1 with errors in errs, or -1. */
int		 ident_change_password(struct store *s, int64_t account_id,
		    const char *old, const char *pw, const char *pw2,
		    const char *keep_token_hash, struct form_errors *errs);

/* A logged-in session. */
struct session {
	int64_t		 account_id;
	char		 token_hash[65];
	char		 csrf[65];
	time_t		 last_seen;
};

/* Creates a session for account bound to cert_fp; writes the cookie
 * token (64 hex) into token and fills out.  Returns 0 or -1. */
int		 sess_create(struct store *s, int64_t account_id,
		    const char *cert_fp, char token[65], struct session *out);

/* Finds the live session of token for cert_fp (a token used with
 * another certificate is refused) with a plain read, and refreshes its
 * idle time when it is SESS_TOUCH_SECONDS old or more (a write).
 * Returns 0 found, 1 none/expired/wrong certificate, -1 error. */
int		 sess_lookup(struct store *s, const char *token,
		    const char *cert_fp, struct session *out);

/* Deletes the session of token.  Returns 0 or -1. */
int		 sess_destroy(struct store *s, const char *token);

/* Whether the submitted token equals the session's CSRF token
 * (constant time).  Returns 1 or 0. */
int		 csrf_ok(const struct session *sess, const char *token);

/* Fills buf with n random bytes as 2n hex characters + NUL.
 * Returns 0 or -1. */
int		 rand_hex(char *buf, size_t n);

/* SHA-256 of data as 64 hex characters + NUL in out. */
void		 sha256_hex(const void *data, size_t sz, char out[65]);

#endif
