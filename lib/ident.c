/*
 * ident.c: who is asking.  Re-checks the client certificate nginx
 * passed (chain to the hall's CA, validity at the hall clock), maps it
 * to an account by its SHA-256 fingerprint, checks passwords
 * (PBKDF2-HMAC-SHA256), counts failures and locks, and keeps sessions
 * bound to the certificate with a CSRF token.
 *
 * Revocation is checked three times: nginx checks the CRL (ssl_crl)
 * during a full handshake; the programs check the same CRL file here
 * (HALL_CRL, reloaded as soon as it changes, so also for TLS sessions
 * nginx resumes and before nginx is reloaded); and the store's
 * certs.revoked flag (set by hall-admin cert-revoke) is applied by
 * account_by_cert().
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "audit.h"
#include "clock.h"
#include "ident.h"
#include "log.h"
#include "request.h"
#include "store.h"
#include "text.h"
#include "valid.h"

#define PW_PREFIX	"pbkdf2-sha256$"
#define PW_ITER_DEFAULT	600000
#define PW_ITER_MAX	10000000	/* refuse stored counts above this */
#define PW_SALT_BYTES	16
#define PW_KEY_BYTES	32
#define PW_MAX_BYTES	1024		/* longest password we hash */
#define PW_MIN_CHARS	8
#define PW_MAX_CHARS	64
#define CERT_MAX_BYTES	(64 * 1024)	/* longest escaped PEM accepted */

/* The columns account_row() reads, accounts a joined to units u. */
#define ACCOUNT_COLS \
	"a.id, a.kind, COALESCE(a.unit_id, 0), a.username, a.display_name," \
	" COALESCE(u.name, ''), COALESCE(u.vip, 0), a.must_change," \
	" a.failed, a.locked_until, a.integration, a.may_write," \
	" COALESCE(u.status, '正常') = '注销'"

/* The statements of accounts and sessions; their SQL is in ident_sql. */
enum ident_stmt {
	IDENT_STMT_ACCOUNT_BY_CERT,	/* a not-revoked cert's account */
	IDENT_STMT_ACCOUNT_BY_ID,	/* one account with its unit */
	IDENT_STMT_PW_HASH,		/* an account's stored password hash */
	IDENT_STMT_SET_FAILED,		/* failed logins and lock */
	IDENT_STMT_SET_PW,		/* new password hash, no must_change */
	IDENT_STMT_DROP_OTHER_SESSIONS,	/* an account's sessions but one */
	IDENT_STMT_DROP_IDLE_SESSIONS,	/* an account's sessions idle since */
	IDENT_STMT_NEW_SESSION,		/* inserts a session */
	IDENT_STMT_DROP_SESSION,	/* deletes one session */
	IDENT_STMT_SESSION,		/* one session by token hash */
	IDENT_STMT_TOUCH_SESSION,	/* a session's last use */
	IDENT_STMT__MAX
};

/* The SQL of each statement, by enum ident_stmt. */
static const char *const ident_sql[IDENT_STMT__MAX] = {
	[IDENT_STMT_ACCOUNT_BY_CERT] =
	    "SELECT " ACCOUNT_COLS " FROM certs c"
	    " JOIN accounts a ON a.id = c.account_id"
	    " LEFT JOIN units u ON u.id = a.unit_id"
	    " WHERE c.fingerprint = ? AND c.revoked = 0", /* IDENT_STMT_ACCOUNT_BY_CERT */
	[IDENT_STMT_ACCOUNT_BY_ID] =
	    "SELECT " ACCOUNT_COLS " FROM accounts a"
	    " LEFT JOIN units u ON u.id = a.unit_id WHERE a.id = ?", /* IDENT_STMT_ACCOUNT_BY_ID */
	[IDENT_STMT_PW_HASH] =
	    "SELECT pw_hash FROM accounts WHERE id = ?", /* IDENT_STMT_PW_HASH */
	[IDENT_STMT_SET_FAILED] =
	    "UPDATE accounts SET failed = ?, locked_until = ?"
	    " WHERE id = ?", /* IDENT_STMT_SET_FAILED */
	[IDENT_STMT_SET_PW] =
	    "UPDATE accounts SET pw_hash = ?, must_change = 0"
	    " WHERE id = ?", /* IDENT_STMT_SET_PW */
	[IDENT_STMT_DROP_OTHER_SESSIONS] =
	    "DELETE FROM sessions WHERE account_id = ?"
	    " AND token_hash <> ?", /* IDENT_STMT_DROP_OTHER_SESSIONS */
	[IDENT_STMT_DROP_IDLE_SESSIONS] =
	    "DELETE FROM sessions"
	    " WHERE account_id = ? AND last_seen < ?", /* IDENT_STMT_DROP_IDLE_SESSIONS */
	[IDENT_STMT_NEW_SESSION] =
	    "INSERT INTO sessions (token_hash, account_id,"
	    " cert_fp, csrf, created_at, last_seen)"
	    " VALUES (?, ?, ?, ?, ?, ?)", /* IDENT_STMT_NEW_SESSION */
	[IDENT_STMT_DROP_SESSION] =
	    "DELETE FROM sessions WHERE token_hash = ?", /* IDENT_STMT_DROP_SESSION */
	[IDENT_STMT_SESSION] =
	    "SELECT account_id, cert_fp, csrf, last_seen"
	    " FROM sessions WHERE token_hash = ?", /* IDENT_STMT_SESSION */
	[IDENT_STMT_TOUCH_SESSION] =
	    "UPDATE sessions SET last_seen = ?"
	    " WHERE token_hash = ?", /* IDENT_STMT_TOUCH_SESSION */
};

/* The CA store of the process, loaded by ident_init(). */
static X509_STORE	*ident_store;

/*
 * The CA's CRL (ident_crl_init()), checked in-process as nginx checks
 * it: nginx reads its CRL only at start and reload and never for a
 * resumed TLS session, while the programs look at the file's identity
 * (inode, size, mtime) before each verification and load a new CRL as
 * soon as certs/revoke.sh writes it.  Empty path: no CRL checking.
 */
static char		 ident_ca_path[1024];
static char		 ident_crl_path[1024];
static struct stat	 ident_crl_seen;	/* the loaded file's identity */
static int		 ident_crl_ok;		/* 0: refuse everyone */

/*
 * Certificates that passed ident_verify(), remembered per process so
 * that a client's every request does not parse and verify its PEM
 * again (most of a request's CPU otherwise).  An entry is used only
 * for the very same escaped PEM, the same CA store, and while the hall
 * clock is strictly inside the validity window of the whole verified
 * chain (so an expiry or a not-yet-valid date is still decided by a
 * full verification).  Owned here; emptied by ident_init() and
 * ident_cleanup().
 */
#define IDENT_CACHE_SLOTS	64
static struct ident_cached {
	char		*esc;		/* SSL_CLIENT_CERT as received, owned */
	size_t		 esclen;	/* its length */
	time_t		 valid_from;	/* latest notBefore of the chain */
	time_t		 valid_until;	/* earliest notAfter of the chain */
	struct ident	 id;
} ident_cache[IDENT_CACHE_SLOTS];
static size_t		 ident_cache_next;

static void	ident_cache_clear(void);

/* Fills buf with n random bytes as 2n lower-case hex digits + NUL
 * (buf holds 2n + 1 bytes).  Returns 0 or -1. */
int
rand_hex(char *buf, size_t n)
{
	unsigned char	 chunk[32];
	size_t		 done, k;

	for (done = 0; done < n; done += k) {
		k = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
		if (RAND_bytes(chunk, (int)k) != 1) {
			log_err("RAND_bytes failed");
			OPENSSL_cleanse(chunk, sizeof(chunk));
			buf[0] = '\0';
			return -1;
		}
		text_hex(chunk, k, buf + 2 * done);
	}
	OPENSSL_cleanse(chunk, sizeof(chunk));
	buf[2 * n] = '\0';
	return 0;
}

/* SHA-256 of data[0..sz) as 64 lower-case hex digits + NUL in out; ""
 * (logged) if OpenSSL fails, which never matches a stored hash. */
void
sha256_hex(const void *data, size_t sz, char out[65])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;

	if (EVP_Digest(data, sz, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32) {
		log_err("EVP_Digest(sha256) failed");
		out[0] = '\0';
		return;
	}
	text_hex(md, mdlen, out);
}

/* ---- Certificates ---- */

/* Loads the CA certificate(s) of cafile into the process's store.
 * Returns 0 or -1 (logged). */
int
ident_init(const char *cafile)
{
	X509_STORE	*st;

	if (cafile == NULL || cafile[0] == '\0') {
		log_err("ident_init: no CA file (HALL_CA)");
		return -1;
	}
	if ((st = X509_STORE_new()) == NULL) {
		log_err("X509_STORE_new failed");
		return -1;
	}
	if (X509_STORE_load_file(st, cafile) != 1) {
		log_err("cannot load CA certificates from %s", cafile);
		X509_STORE_free(st);
		return -1;
	}
	X509_STORE_free(ident_store);
	ident_store = st;
	ident_cache_clear();
	return 0;
}

/* Verification callback of the CRL-checking store: the CRL's own dates
 * are not judged here.  The programs verify at the hall's clock, which
 * the test setting may move before the CRL was issued; whether the CRL
 * is current is nginx's to judge (it refuses everyone once the CRL is
 * past its nextUpdate).  The programs use the CRL for its list of
 * revoked serials.  Returns ok, or 1 for those two CRL date errors. */
static int
ident_crl_verify_cb(int ok, X509_STORE_CTX *ctx)
{
	int	 e;

	if (ok)
		return 1;
	e = X509_STORE_CTX_get_error(ctx);
	if (e == X509_V_ERR_CRL_NOT_YET_VALID ||
	    e == X509_V_ERR_CRL_HAS_EXPIRED) {
		X509_STORE_CTX_set_error(ctx, X509_V_OK);
		return 1;
	}
	return 0;
}

/* Loads the CA of ident_ca_path and the CRL of ident_crl_path into a
 * new store with CRL checking on, and makes it the process's store.
 * Returns 0, or -1 (logged; the process then refuses every
 * certificate, as nginx does without a usable CRL). */
static int
ident_crl_load(void)
{
	X509_STORE	*st;
	struct stat	 sb;

	ident_crl_ok = 0;
	ident_cache_clear();
	if (stat(ident_crl_path, &sb) == -1) {
		log_err("CRL %s: %s", ident_crl_path, strerror(errno));
		memset(&ident_crl_seen, 0, sizeof(ident_crl_seen));
		return -1;
	}
	ident_crl_seen = sb;
	if ((st = X509_STORE_new()) == NULL)
		return -1;
	if (X509_STORE_load_file(st, ident_ca_path) != 1 ||
	    X509_STORE_load_file(st, ident_crl_path) != 1) {
		log_err("cannot load CA %s with CRL %s", ident_ca_path,
		    ident_crl_path);
		X509_STORE_free(st);
		return -1;
	}
	X509_STORE_set_flags(st, X509_V_FLAG_CRL_CHECK);
	X509_STORE_set_verify_cb(st, ident_crl_verify_cb);
	X509_STORE_free(ident_store);
	ident_store = st;
	ident_crl_ok = 1;
	log_info("CRL %s loaded", ident_crl_path);
	return 0;
}

/* Reloads the CRL when its file is not the one loaded (a new inode,
 * size or mtime).  Returns 1 when certificates can be checked, 0 when
 * every one must be refused. */
static int
ident_crl_current(void)
{
	struct stat	 sb;

	if (ident_crl_path[0] == '\0')
		return 1;
	if (stat(ident_crl_path, &sb) == -1 ||
	    sb.st_ino != ident_crl_seen.st_ino ||
	    sb.st_size != ident_crl_seen.st_size ||
	    sb.st_mtim.tv_sec != ident_crl_seen.st_mtim.tv_sec ||
	    sb.st_mtim.tv_nsec != ident_crl_seen.st_mtim.tv_nsec)
		(void)ident_crl_load();
	return ident_crl_ok;
}

/* See ident.h.  A CRL that cannot be loaded now is not an error here:
 * the program starts (the public verification page needs no
 * certificate), refuses every certificate, and loads the CRL as soon as
 * a usable file appears. */
int
ident_crl_init(const char *cafile, const char *crlfile)
{
	if (crlfile == NULL || crlfile[0] == '\0') {
		ident_crl_path[0] = '\0';
		return 0;
	}
	if (cafile == NULL || strlen(cafile) >= sizeof(ident_ca_path) ||
	    strlen(crlfile) >= sizeof(ident_crl_path)) {
		log_err("ident_crl_init: bad CA or CRL path");
		return -1;
	}
	text_copy(ident_ca_path, sizeof(ident_ca_path), cafile);
	text_copy(ident_crl_path, sizeof(ident_crl_path), crlfile);
	(void)ident_crl_load();
	return 0;
}

/* Frees the CA store; safe to call twice. */
void
ident_cleanup(void)
{
	X509_STORE_free(ident_store);
	ident_store = NULL;
	ident_crl_path[0] = '\0';
	ident_crl_ok = 0;
	ident_cache_clear();
}

/* Whether the cache entry e is usable at time now: strictly inside its
 * chain's validity window, a second of margin each side.  Returns 1 or
 * 0. */
static int
ident_cache_fresh(const struct ident_cached *e, time_t now)
{
	return e->esc != NULL && (int64_t)e->valid_from < (int64_t)now - 1 &&
	    (int64_t)now + 1 < (int64_t)e->valid_until;
}

/* Copies into out the identity remembered for the escaped PEM esc when
 * it is still fresh at now.  Returns 1 found, 0 not. */
static int
ident_cache_find(const char *esc, time_t now, struct ident *out)
{
	size_t	 i, len = strlen(esc);

	for (i = 0; i < IDENT_CACHE_SLOTS; i++)
		if (ident_cache[i].esc != NULL &&
		    ident_cache[i].esclen == len &&
		    memcmp(ident_cache[i].esc, esc, len) == 0 &&
		    ident_cache_fresh(&ident_cache[i], now)) {
			*out = ident_cache[i].id;
			return 1;
		}
	return 0;
}

/* Remembers id, verified for the escaped PEM esc with a chain valid
 * from..until, replacing the oldest entry (nothing on no memory). */
static void
ident_cache_put(const char *esc, time_t from, time_t until,
    const struct ident *id)
{
	struct ident_cached	*e;
	char			*copy;

	if (from >= until || (copy = strdup(esc)) == NULL)
		return;
	e = &ident_cache[ident_cache_next];
	ident_cache_next = (ident_cache_next + 1) % IDENT_CACHE_SLOTS;
	free(e->esc);
	e->esc = copy;
	e->esclen = strlen(copy);
	e->valid_from = from;
	e->valid_until = until;
	e->id = *id;
}

/* Forgets every remembered certificate. */
static void
ident_cache_clear(void)
{
	size_t	 i;

	for (i = 0; i < IDENT_CACHE_SLOTS; i++) {
		free(ident_cache[i].esc);
		memset(&ident_cache[i], 0, sizeof(ident_cache[i]));
	}
	ident_cache_next = 0;
}

/* The ASN.1 time t as a time_t in *out.  Returns 0 or -1. */
static int
ident_asn1_time(const ASN1_TIME *t, time_t *out)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return -1;
	*out = timegm(&tm);
	return 0;
}

/* The window in which every certificate of chain is valid: the latest
 * notBefore into *from, the earliest notAfter into *until (an empty
 * window, from >= until, when a date is unreadable). */
static void
ident_chain_window(STACK_OF(X509) *chain, time_t *from, time_t *until)
{
	X509	*c;
	time_t	 nb, na;
	int	 i;

	*from = 1;
	*until = 0;
	if (chain == NULL || sk_X509_num(chain) <= 0)
		return;
	*from = 0;
	*until = (time_t)INT64_MAX;
	for (i = 0; i < sk_X509_num(chain); i++) {
		c = sk_X509_value(chain, i);
		if (ident_asn1_time(X509_get0_notBefore(c), &nb) == -1 ||
		    ident_asn1_time(X509_get0_notAfter(c), &na) == -1) {
			*from = 1;
			*until = 0;
			return;
		}
		if (nb > *from)
			*from = nb;
		if (na < *until)
			*until = na;
	}
}

/* Decodes the %XX escapes of s (nginx's $ssl_client_escaped_cert; '+'
 * is literal) into a new buffer of *szp bytes + NUL, caller frees.
 * Returns NULL on a malformed escape, excess size or no memory. */
static char *
ident_unescape(const char *s, size_t *szp)
{
	size_t	 len, i, j;
	char	*out;
	int	 hi, lo;

	len = strlen(s);
	if (len == 0 || len > CERT_MAX_BYTES)
		return NULL;
	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	for (i = j = 0; i < len; i++) {
		if (s[i] != '%') {
			out[j++] = s[i];
			continue;
		}
		if (i + 2 >= len) {
			free(out);
			return NULL;
		}
		hi = text_hexval((unsigned char)s[i + 1]);
		lo = text_hexval((unsigned char)s[i + 2]);
		if (hi < 0 || lo < 0) {
			free(out);
			return NULL;
		}
		out[j++] = (char)(hi << 4 | lo);
		i += 2;
	}
	out[j] = '\0';
	*szp = j;
	return out;
}

/* Parses one PEM certificate of sz bytes.  Returns a new X509 (caller
 * frees with X509_free) or NULL. */
static X509 *
ident_read_pem(const char *pem, size_t sz)
{
	BIO	*bio;
	X509	*x;

	if (sz == 0 || sz > CERT_MAX_BYTES)
		return NULL;
	if ((bio = BIO_new_mem_buf(pem, (int)sz)) == NULL)
		return NULL;
	x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	BIO_free(bio);
	return x;
}

/* Writes the subject of x as one RFC 2253 line, UTF-8 kept readable,
 * into buf[bufsz] (truncated at a character boundary).
 * Returns 0 or -1. */
static int
ident_subject(X509 *x, char *buf, size_t bufsz)
{
	BIO	*bio;
	char	 tmp[1024];
	int	 n;

	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		return -1;
	if (X509_NAME_print_ex(bio, X509_get_subject_name(x), 0,
	    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
		BIO_free(bio);
		return -1;
	}
	n = BIO_read(bio, tmp, (int)sizeof(tmp) - 1);
	BIO_free(bio);
	if (n < 0)
		n = 0;
	tmp[n] = '\0';
	text_copy(buf, bufsz, tmp);
	return 0;
}

/* Fills fp, serial, subject and not_after of out from x.
 * Returns 0 or -1 (logged). */
static int
ident_fill(X509 *x, struct ident *out)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	BIGNUM		*bn;
	char		*hex;
	const ASN1_TIME	*na;
	struct tm	 tm;

	if (X509_digest(x, EVP_sha256(), md, &mdlen) != 1 || mdlen != 32) {
		log_warn("certificate: cannot compute its fingerprint");
		return -1;
	}
	text_hex(md, mdlen, out->fp);

	if ((bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL)) ==
	    NULL)
		return -1;
	hex = BN_bn2hex(bn);
	BN_free(bn);
	if (hex == NULL)
		return -1;
	if (strlen(hex) >= sizeof(out->serial)) {
		log_warn("certificate: serial number too long");
		OPENSSL_free(hex);
		return -1;
	}
	text_copy(out->serial, sizeof(out->serial), hex);
	OPENSSL_free(hex);

	if (ident_subject(x, out->subject, sizeof(out->subject)) == -1) {
		log_warn("certificate: cannot print its subject");
		return -1;
	}

	memset(&tm, 0, sizeof(tm));
	if ((na = X509_get0_notAfter(x)) == NULL ||
	    ASN1_TIME_to_tm(na, &tm) != 1) {
		log_warn("certificate: unreadable notAfter");
		return -1;
	}
	out->not_after = timegm(&tm);
	return 0;
}

/* Parses one PEM certificate without checking its chain or dates and
 * fills out (out->ok stays 0).  Returns 0 or -1 (logged). */
int
ident_parse_pem(const char *pem, size_t sz, struct ident *out)
{
	X509	*x;
	int	 rc;

	memset(out, 0, sizeof(*out));
	if ((x = ident_read_pem(pem, sz)) == NULL) {
		log_warn("certificate: not a PEM certificate");
		return -1;
	}
	rc = ident_fill(x, out);
	X509_free(x);
	if (rc == -1)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* Checks x against the CA store at the hall clock now, for TLS client
 * use, and writes the validity window of the verified chain into
 * *from and *until.  Returns 0 or -1 (logged). */
static int
ident_verify(X509 *x, time_t now, time_t *from, time_t *until)
{
	X509_STORE_CTX	*ctx;
	int		 rc = -1;

	if (ident_store == NULL) {
		log_err("certificate: ident_init() was not called");
		return -1;
	}
	if ((ctx = X509_STORE_CTX_new()) == NULL)
		return -1;
	if (X509_STORE_CTX_init(ctx, ident_store, x, NULL) != 1)
		goto out;
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), now);
	if (X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT) != 1)
		goto out;
	if (X509_verify_cert(ctx) != 1) {
		log_warn("certificate refused: %s", X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(ctx)));
		goto out;
	}
	ident_chain_window(X509_STORE_CTX_get0_chain(ctx), from, until);
	rc = 0;
out:
	X509_STORE_CTX_free(ctx);
	return rc;
}

/* Checks that the PEM certificate of sz bytes was issued by the CA that
 * ident_init() loaded, for TLS client use, whatever its dates: an
 * operator may bind a certificate that is not yet or no longer valid,
 * and is warned of that separately.  Returns 0 or -1 (logged). */
int
ident_check_issuer(const char *pem, size_t sz)
{
	X509_STORE_CTX	*ctx = NULL;
	X509		*x;
	int		 rc = -1;

	if (ident_store == NULL) {
		log_err("certificate: ident_init() was not called");
		return -1;
	}
	if ((x = ident_read_pem(pem, sz)) == NULL) {
		log_warn("certificate: not a PEM certificate");
		return -1;
	}
	if ((ctx = X509_STORE_CTX_new()) == NULL ||
	    X509_STORE_CTX_init(ctx, ident_store, x, NULL) != 1)
		goto out;
	X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(ctx),
	    X509_V_FLAG_NO_CHECK_TIME);
	if (X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT) != 1)
		goto out;
	if (X509_verify_cert(ctx) != 1) {
		log_warn("certificate not of the hall's CA: %s",
		    X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(ctx)));
		goto out;
	}
	rc = 0;
out:
	X509_STORE_CTX_free(ctx);
	X509_free(x);
	return rc;
}

/* Reads SSL_CLIENT_VERIFY and SSL_CLIENT_CERT of r (set by nginx only:
 * client headers arrive as HTTP_*), re-checks the certificate and fills
 * out.  Returns 0 (out->ok = 1) or -1 (out->ok = 0, logged). */
int
ident_from_request(const struct req *r, struct ident *out)
{
	const char	*verify, *esc;
	char		*pem = NULL;
	size_t		 pemsz = 0;
	X509		*x = NULL;
	time_t		 now, from = 1, until = 0;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	verify = req_param(r, "SSL_CLIENT_VERIFY");
	if (verify == NULL || strcmp(verify, "SUCCESS") != 0) {
		log_warn("certificate refused: SSL_CLIENT_VERIFY is %.80s",
		    verify == NULL ? "absent" : verify);
		goto out;
	}
	esc = req_param(r, "SSL_CLIENT_CERT");
	if (esc == NULL || esc[0] == '\0') {
		log_warn("certificate refused: SSL_CLIENT_CERT is absent");
		goto out;
	}
	now = clock_now();
	if (!ident_crl_current()) {
		log_warn("certificate refused: no usable CRL");
		goto out;
	}
	if (ident_cache_find(esc, now, out))
		return 0;
	if ((pem = ident_unescape(esc, &pemsz)) == NULL) {
		log_warn("certificate refused: SSL_CLIENT_CERT is malformed "
		    "or too long");
		goto out;
	}
	if ((x = ident_read_pem(pem, pemsz)) == NULL) {
		log_warn("certificate refused: SSL_CLIENT_CERT is not a PEM "
		    "certificate");
		goto out;
	}
	if (ident_verify(x, now, &from, &until) == -1)
		goto out;
	if (ident_fill(x, out) == -1)
		goto out;
	out->ok = 1;
	ident_cache_put(esc, from, until, out);
	rc = 0;
out:
	if (rc == -1)
		memset(out, 0, sizeof(*out));
	X509_free(x);
	free(pem);
	return rc;
}

/* Whole days from the hall clock until id->not_after, rounded down
 * (so negative once expired), clamped to the range of int. */
int
ident_days_left(const struct ident *id)
{
	long long	 d, days;

	d = (long long)id->not_after - (long long)clock_now();
	days = d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
	if (days > INT_MAX)
		return INT_MAX;
	if (days < INT_MIN)
		return INT_MIN;
	return (int)days;
}

/* ---- Accounts ---- */

/* Reads the current row of a statement selecting ACCOUNT_COLS into
 * out.  Returns 0, or -1 on an unknown kind. */
static int
account_row(struct store_stmt *st, struct account *out)
{
	const char	*kind;

	memset(out, 0, sizeof(*out));
	out->id = store_col_int64(st, 0);
	kind = store_col_text(st, 1);
	if (strcmp(kind, "unit") == 0)
		out->kind = ACCT_UNIT;
	else if (strcmp(kind, "reviewer") == 0)
		out->kind = ACCT_REVIEWER;
	else {
		log_err("account %lld: unknown kind", (long long)out->id);
		return -1;
	}
	out->unit_id = store_col_int64(st, 2);
	text_copy(out->username, sizeof(out->username),
	    store_col_text(st, 3));
	text_copy(out->display_name, sizeof(out->display_name),
	    store_col_text(st, 4));
	text_copy(out->unit_name, sizeof(out->unit_name),
	    store_col_text(st, 5));
	out->unit_vip = store_col_int(st, 6) != 0;
	out->must_change = store_col_int(st, 7) != 0;
	out->failed = store_col_int(st, 8);
	out->locked_until = (time_t)store_col_int64(st, 9);
	out->integration = store_col_int(st, 10) != 0;
	out->may_write = store_col_int(st, 11) != 0;
	out->unit_closed = store_col_int(st, 12) != 0;
	return 0;
}

/* Steps st once for at most one account row into out.  Returns 0
 * found, 1 none, -1 error (logged).  Resets st. */
static int
account_step(struct store *s, struct store_stmt *st, struct account *out)
{
	int	 rc;

	memset(out, 0, sizeof(*out));
	rc = store_step(st);
	if (rc == STORE_ROW)
		rc = account_row(st, out) == 0 ? 0 : -1;
	else if (rc == STORE_DONE)
		rc = 1;
	else {
		log_err("account query: %s", store_errmsg(s));
		rc = -1;
	}
	store_reset(st);
	return rc;
}

/* The account bound to the not-revoked certificate fp, with its unit.
 * Returns 0 found, 1 none, -1 error. */
int
account_by_cert(struct store *s, const char *fp, struct account *out)
{
	struct store_stmt	*st;

	memset(out, 0, sizeof(*out));
	if (fp == NULL || fp[0] == '\0')
		return 1;
	st = store_stmt(s, ident_sql[IDENT_STMT_ACCOUNT_BY_CERT]);
	if (st == NULL || store_bind_text(st, 1, fp) != 0)
		return -1;
	return account_step(s, st, out);
}

/* Loads account id with its unit.  Returns 0, 1 none, -1 error. */
int
account_load(struct store *s, int64_t id, struct account *out)
{
	struct store_stmt	*st;

	memset(out, 0, sizeof(*out));
	st = store_stmt(s, ident_sql[IDENT_STMT_ACCOUNT_BY_ID]);
	if (st == NULL || store_bind_int(st, 1, id) != 0)
		return -1;
	return account_step(s, st, out);
}

/* Reads the stored password hash of account id into buf[bufsz].
 * Returns 0, 1 none, -1 error (logged). */
static int
account_pw_hash(struct store *s, int64_t id, char *buf, size_t bufsz)
{
	struct store_stmt	*st;
	int		 rc;

	buf[0] = '\0';
	st = store_stmt(s, ident_sql[IDENT_STMT_PW_HASH]);
	if (st == NULL || store_bind_int(st, 1, id) != 0)
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		text_copy(buf, bufsz, store_col_text(st, 0));
		rc = 0;
	} else if (rc == STORE_DONE)
		rc = 1;
	else {
		log_err("account pw_hash: %s", store_errmsg(s));
		rc = -1;
	}
	store_reset(st);
	return rc;
}

/* ---- Passwords ---- */

/* The PBKDF2 iteration count for new hashes: HALL_PBKDF2_ITER when set
 * to a number in [1, PW_ITER_MAX], else PW_ITER_DEFAULT. */
static unsigned long
pw_iterations(void)
{
	const char	*v;
	char		*end;
	unsigned long	 n;

	if ((v = getenv("HALL_PBKDF2_ITER")) == NULL || v[0] == '\0')
		return PW_ITER_DEFAULT;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno != 0 || *end != '\0' || !isdigit((unsigned char)v[0]) ||
	    n == 0 || n > PW_ITER_MAX) {
		log_warn("HALL_PBKDF2_ITER is not a number in 1..%d; using %d",
		    PW_ITER_MAX, PW_ITER_DEFAULT);
		return PW_ITER_DEFAULT;
	}
	return n;
}

/* Derives PW_KEY_BYTES of PBKDF2-HMAC-SHA256 of pw into key.
 * Returns 0 or -1. */
static int
pw_derive(const char *pw, const unsigned char *salt, unsigned long iter,
    unsigned char key[PW_KEY_BYTES])
{
	size_t	 len;

	len = strlen(pw);
	if (len > PW_MAX_BYTES || iter == 0 || iter > PW_ITER_MAX)
		return -1;
	if (PKCS5_PBKDF2_HMAC(pw, (int)len, salt, PW_SALT_BYTES, (int)iter,
	    EVP_sha256(), PW_KEY_BYTES, key) != 1) {
		log_err("PKCS5_PBKDF2_HMAC failed");
		return -1;
	}
	return 0;
}

/* Hashes pw with a fresh salt into out as
 * "pbkdf2-sha256$ITER$SALTHEX$HASHHEX".  Returns 0 or -1. */
int
pw_hash(const char *pw, char *out, size_t outsz)
{
	unsigned char	 salt[PW_SALT_BYTES], key[PW_KEY_BYTES];
	char		 salthex[2 * PW_SALT_BYTES + 1];
	char		 keyhex[2 * PW_KEY_BYTES + 1];
	unsigned long	 iter;
	int		 n, rc = -1;

	if (outsz > 0)
		out[0] = '\0';
	if (pw == NULL)
		return -1;
	iter = pw_iterations();
	if (RAND_bytes(salt, sizeof(salt)) != 1) {
		log_err("RAND_bytes failed");
		goto out;
	}
	if (pw_derive(pw, salt, iter, key) == -1)
		goto out;
	text_hex(salt, sizeof(salt), salthex);
	text_hex(key, sizeof(key), keyhex);
	n = snprintf(out, outsz, PW_PREFIX "%lu$%s$%s", iter, salthex,
	    keyhex);
	if (n < 0 || (size_t)n >= outsz) {
		if (outsz > 0)
			out[0] = '\0';
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}

/* Parses a stored hash strictly: the prefix, an iteration count without
 * leading zeros in [1, PW_ITER_MAX], 32 and 64 lower-case hex digits.
 * Returns 0 or -1. */
static int
pw_parse(const char *stored, unsigned long *iter,
    unsigned char salt[PW_SALT_BYTES], unsigned char key[PW_KEY_BYTES])
{
	const char	*p;
	unsigned long	 n = 0;
	size_t		 digits = 0;

	if (strncmp(stored, PW_PREFIX, strlen(PW_PREFIX)) != 0)
		return -1;
	p = stored + strlen(PW_PREFIX);
	if (*p == '0')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 8)
			return -1;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	if (digits == 0 || n > PW_ITER_MAX || *p++ != '$')
		return -1;
	if (text_unhex(p, salt, PW_SALT_BYTES) != 0 ||
	    p[2 * PW_SALT_BYTES] != '$')
		return -1;
	p += 2 * PW_SALT_BYTES + 1;
	if (text_unhex(p, key, PW_KEY_BYTES) != 0 ||
	    p[2 * PW_KEY_BYTES] != '\0')
		return -1;
	*iter = n;
	return 0;
}

/* Checks pw against stored (constant-time comparison, the stored
 * iteration count).  Returns 1 match, 0 no match, -1 malformed. */
int
pw_verify(const char *pw, const char *stored)
{
	unsigned char	 salt[PW_SALT_BYTES], want[PW_KEY_BYTES];
	unsigned char	 got[PW_KEY_BYTES];
	unsigned long	 iter;
	int		 rc = 0;

	if (stored == NULL || pw_parse(stored, &iter, salt, want) == -1)
		return -1;
	if (pw == NULL || strlen(pw) > PW_MAX_BYTES)
		goto out;
	if (pw_derive(pw, salt, iter, got) == -1)
		goto out;
	rc = CRYPTO_memcmp(got, want, sizeof(want)) == 0;
out:
	OPENSSL_cleanse(got, sizeof(got));
	OPENSSL_cleanse(want, sizeof(want));
	return rc;
}

/* Counts the characters of a UTF-8 string.  Returns the count, or
 * (size_t)-1 for malformed UTF-8 or a control character. */
static size_t
pw_chars(const char *s)
{
	size_t		 n = 0, k;
	unsigned int	 c;

	for (; *s != '\0'; s += k, n++)
		if ((k = text_utf8_char(s, &c)) == 0 || c < 0x20 || c == 0x7f)
			return (size_t)-1;
	return n;
}

/* Whether pw may become a password: 8-64 UTF-8 characters, at least one
 * ASCII letter and one digit, not the user name.  Adds one error (field
 * "pw") to errs (may be NULL) if not.  Returns 1 acceptable, 0 not. */
int
pw_acceptable(const char *pw, const char *username,
    struct form_errors *errs)
{
	size_t		 n;
	const char	*p;
	int		 letter = 0, digit = 0;

	if (pw == NULL)
		pw = "";
	if ((n = pw_chars(pw)) == (size_t)-1) {
		if (errs != NULL)
			form_error_add(errs, "pw", "CHARS",
			    "新密码含有不允许的字符");
		return 0;
	}
	for (p = pw; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			letter = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
	}
	if (n < PW_MIN_CHARS || n > PW_MAX_CHARS || !letter || !digit) {
		if (errs != NULL)
			form_error_add(errs, "pw", "WEAK",
			    "新密码至少8位,且须包含字母和数字");
		return 0;
	}
	if (username != NULL && strcmp(pw, username) == 0) {
		if (errs != NULL)
			form_error_add(errs, "pw", "SAME_AS_USER",
			    "新密码不能与用户名相同");
		return 0;
	}
	return 1;
}

/* ---- Login ---- */

/* Opens a write transaction unless the caller already holds one;
 * *own says whether we did.  Returns 0 or -1. */
static int
ident_tx_begin(struct store *s, int *own)
{
	*own = 0;
	if (s->in_tx)
		return 0;
	if (store_begin(s) == -1)
		return -1;
	*own = 1;
	return 0;
}

/* Commits a transaction opened by ident_tx_begin() if we own it.
 * Returns 0 or -1. */
static int
ident_tx_commit(struct store *s, int own)
{
	return own ? store_commit(s) : 0;
}

/* Rolls back a transaction opened by ident_tx_begin() if we own it. */
static void
ident_tx_rollback(struct store *s, int own)
{
	if (own)
		store_rollback(s);
}

/* Appends an audit row for account a (from certificate fp).
 * Returns 0 or -1. */
static int
ident_audit(struct store *s, const struct account *a, const char *fp,
    const char *action, const char *detail)
{
	struct actor	 who;
	char		 obj[48];

	memset(&who, 0, sizeof(who));
	who.account_id = a->id;
	who.unit_id = a->unit_id;
	who.name = a->display_name;
	who.cert_fp = fp == NULL ? "" : fp;
	snprintf(obj, sizeof(obj), "account:%lld", (long long)a->id);
	return audit_append(s, &who, action, obj, detail);
}

/* Stores the failure count and lock of account id.  Returns 0 or -1. */
static int
ident_set_failures(struct store *s, int64_t id, int failed, time_t until)
{
	struct store_stmt	*st;

	st = store_stmt(s, ident_sql[IDENT_STMT_SET_FAILED]);
	if (st == NULL || store_bind_int(st, 1, failed) != 0 ||
	    store_bind_int(st, 2, (int64_t)until) != 0 ||
	    store_bind_int(st, 3, id) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* What the password check outside the transaction found for one
 * account, to be confirmed under the lock by ident_login_apply(). */
struct login_seen {
	int64_t		 id;		/* the certificate's account */
	int		 checked;	/* 0: account was locked, not checked */
	int		 match;		/* user name and password right */
	int		 pw_ok;		/* password right (for the audit) */
	char		 stored[256];	/* the hash the password was checked on */
};

/* Reads the account of certificate fp and, unless it is locked, checks
 * username and pw against its stored hash -- all without a write
 * transaction, so that the slow KDF blocks no writer.  Fills seen.
 * Returns 0, 1 (certificate bound to no account, or to an integration
 * account, which has no password) or -1 (error, logged). */
static int
ident_login_check(struct store *s, const char *fp, const char *username,
    const char *pw, struct login_seen *seen)
{
	struct account	 a;
	int		 rc, v;

	memset(seen, 0, sizeof(*seen));
	if ((rc = account_by_cert(s, fp, &a)) != 0)
		return rc;
	if (a.integration)
		return 1;	/* no password, no session: never logs in */
	seen->id = a.id;
	if (a.locked_until > clock_now())
		return 0;
	if (account_pw_hash(s, a.id, seen->stored,
	    sizeof(seen->stored)) != 0)
		return -1;
	/* Always run the KDF, whatever the user name, for even timing. */
	if ((v = pw_verify(pw, seen->stored)) == -1) {
		log_err("account %lld: malformed password hash",
		    (long long)a.id);
		return -1;
	}
	seen->checked = 1;
	seen->pw_ok = v == 1;
	seen->match = v == 1 && strcmp(username, a.username) == 0;
	return 0;
}

/* Counts one failed login of account a (read under the lock) and locks
 * it at the IDENT_LOCK_FAILURES-th; sets *locked_until (may be NULL)
 * then.  Audits "login.bad".  Returns 0 or -1. */
static int
ident_login_failed(struct store *s, const struct account *a,
    const char *fp, int pw_ok, time_t now, time_t *locked_until)
{
	char		 detail[96];
	const char	*why;
	time_t		 until = 0;
	int		 failed;

	why = pw_ok ? "user name mismatch" : "wrong password";
	failed = a->failed + 1;
	if (failed >= IDENT_LOCK_FAILURES) {
		until = now + IDENT_LOCK_SECONDS;
		failed = 0;
		if (locked_until != NULL)
			*locked_until = until;
		snprintf(detail, sizeof(detail), "%s; locked for %d s", why,
		    IDENT_LOCK_SECONDS);
	} else
		snprintf(detail, sizeof(detail), "%s; failure %d", why,
		    failed);
	if (ident_set_failures(s, a->id, failed, until) == -1)
		return -1;
	return ident_audit(s, a, fp, "login.bad", detail);
}

/* Applies what ident_login_check() saw, inside the caller's write
 * transaction: re-reads the account, its lock, failure count and hash;
 * a lock in force answers LOGIN_LOCKED, then a failure is counted on
 * the fresh count, a success clears it.  Fills out on success.
 * Returns the result, or LOGIN_RESULT__MAX when the account changed
 * since the check (another certificate binding, a new password, a lock
 * lifted) and the check must be run again. */
static enum login_result
ident_login_apply(struct store *s, const char *fp,
    const struct login_seen *seen, struct account *out,
    time_t *locked_until)
{
	struct account	 a;
	char		 stored[256];
	time_t		 now;

	switch (account_by_cert(s, fp, &a)) {
	case 0:
		break;
	case 1:
		return LOGIN_RESULT__MAX;
	default:
		return LOGIN_ERROR;
	}
	if (a.id != seen->id || a.integration)
		return LOGIN_RESULT__MAX;
	now = clock_now();
	if (a.locked_until > now) {
		if (locked_until != NULL)
			*locked_until = a.locked_until;
		if (ident_audit(s, &a, fp, "login.locked", NULL) == -1)
			return LOGIN_ERROR;
		return LOGIN_LOCKED;
	}
	if (!seen->checked)
		return LOGIN_RESULT__MAX;
	if (account_pw_hash(s, a.id, stored, sizeof(stored)) != 0)
		return LOGIN_ERROR;
	if (strcmp(stored, seen->stored) != 0)
		return LOGIN_RESULT__MAX;
	if (!seen->match) {
		if (ident_login_failed(s, &a, fp, seen->pw_ok, now,
		    locked_until) == -1)
			return LOGIN_ERROR;
		return LOGIN_BAD;
	}
	if (ident_set_failures(s, a.id, 0, 0) == -1 ||
	    ident_audit(s, &a, fp, "login.ok",
	    a.must_change ? "initial password" : NULL) == -1)
		return LOGIN_ERROR;
	a.failed = 0;
	a.locked_until = 0;
	*out = a;
	return a.must_change ? LOGIN_MUST_CHANGE : LOGIN_OK;
}

/* Checks username and pw for the account of certificate id.  The
 * password is checked first WITHOUT a write transaction (the KDF takes
 * a good part of a second); then, in one BEGIN IMMEDIATE transaction,
 * the account is read again and the outcome applied to the fresh
 * failure count and lock, so racing attempts count exactly: a locked
 * account is refused (its password is not even checked); a wrong user
 * name or password counts a failure and the IDENT_LOCK_FAILURES-th sets
 * a lock of IDENT_LOCK_SECONDS (that attempt still answers LOGIN_BAD,
 * the next ones LOGIN_LOCKED); success clears the count.  If the
 * account changed between the two (a new password), the check runs
 * again.  out is filled on LOGIN_OK / LOGIN_MUST_CHANGE only (zeroed
 * otherwise); *locked_until (may be NULL) gets the lock in force, or 0.
 * Every outcome but LOGIN_NOCERT is audited. */
enum login_result
ident_login(struct store *s, const struct ident *id, const char *username,
    const char *pw, struct account *out, time_t *locked_until)
{
	struct login_seen	 seen;
	enum login_result	 res = LOGIN_RESULT__MAX;
	int			 own = 0, tries;

	memset(out, 0, sizeof(*out));
	if (locked_until != NULL)
		*locked_until = 0;
	if (id == NULL || !id->ok)
		return LOGIN_NOCERT;
	if (username == NULL)
		username = "";
	if (pw == NULL)
		pw = "";
	for (tries = 0; tries < 3 && res == LOGIN_RESULT__MAX; tries++) {
		switch (ident_login_check(s, id->fp, username, pw, &seen)) {
		case 0:
			break;
		case 1:
			log_warn("login: certificate %s is bound to no "
			    "account", id->fp);
			return LOGIN_NOCERT;
		default:
			return LOGIN_ERROR;
		}
		if (ident_tx_begin(s, &own) == -1)
			return LOGIN_ERROR;
		res = ident_login_apply(s, id->fp, &seen, out, locked_until);
		if (res == LOGIN_ERROR || res == LOGIN_RESULT__MAX)
			ident_tx_rollback(s, own);
		else if (ident_tx_commit(s, own) == -1)
			res = LOGIN_ERROR;
	}
	OPENSSL_cleanse(&seen, sizeof(seen));
	if (res == LOGIN_RESULT__MAX) {
		log_err("login: account of certificate %s kept changing",
		    id->fp);
		res = LOGIN_ERROR;
	}
	if (res == LOGIN_ERROR) {
		memset(out, 0, sizeof(*out));
		if (locked_until != NULL)
			*locked_until = 0;
	}
	return res;
}

/* Checks a password change of account a (old against stored, pw ==
 * pw2, pw != old, pw acceptable), adding errors to errs.  Runs the KDF
 * once, outside any transaction.  Returns 0 checked (errors or not) or
 * -1 (malformed stored hash, logged). */
static int
ident_change_check(const struct account *a, const char *stored,
    const char *old, const char *pw, const char *pw2,
    struct form_errors *errs)
{
	int	 v;

	if ((v = pw_verify(old, stored)) == -1) {
		log_err("account %lld: malformed password hash",
		    (long long)a->id);
		return -1;
	}
	if (v == 0)
		form_error_add(errs, "old", "WRONG", "原密码不正确");
	if (strcmp(pw, pw2) != 0)
		form_error_add(errs, "pw2", "MISMATCH",
		    "两次输入的新密码不一致");
	if (strcmp(pw, old) == 0)
		form_error_add(errs, "pw", "SAME_AS_OLD",
		    "新密码不能与原密码相同");
	else
		pw_acceptable(pw, a->username, errs);
	return 0;
}

/* Changes the password of account_id: old must be right, pw == pw2,
 * pw != old, pw acceptable.  The old password is checked and the new
 * one hashed before any write transaction; the transaction then checks
 * that the stored hash is still the one checked (else the form is
 * refused: changed meanwhile), stores the new hash, clears must_change,
 * ends the account's other sessions (all but keep_token_hash, which
 * may be NULL) and audits "password.change".  Returns 0, 1 with errors
 * in errs, or -1. */
int
ident_change_password(struct store *s, int64_t account_id,
    const char *old, const char *pw, const char *pw2,
    const char *keep_token_hash, struct form_errors *errs)
{
	struct account	 a;
	struct store_stmt	*st;
	char		 stored[256], again[256], hash[256];
	size_t		 nerr;
	int		 own = 0, rc = -1;

	old = old == NULL ? "" : old;
	pw = pw == NULL ? "" : pw;
	pw2 = pw2 == NULL ? "" : pw2;
	nerr = errs->n;
	hash[0] = '\0';
	if (account_load(s, account_id, &a) != 0 ||
	    account_pw_hash(s, account_id, stored, sizeof(stored)) != 0 ||
	    ident_change_check(&a, stored, old, pw, pw2, errs) == -1)
		return -1;
	if (errs->n != nerr)
		return 1;
	if (pw_hash(pw, hash, sizeof(hash)) == -1)
		return -1;
	if (ident_tx_begin(s, &own) == -1)
		goto out0;
	if (account_pw_hash(s, account_id, again, sizeof(again)) != 0)
		goto out;
	if (strcmp(again, stored) != 0) {
		form_error_add(errs, "old", "CHANGED",
		    "密码刚被修改过,请用新的原密码重试");
		rc = 1;
		goto out;
	}
	st = store_stmt(s, ident_sql[IDENT_STMT_SET_PW]);
	if (st == NULL || store_bind_text(st, 1, hash) != 0 ||
	    store_bind_int(st, 2, account_id) != 0 ||
	    store_exec_stmt(s, st) == -1)
		goto out;
	/* Whoever else holds a session of this account is shut out. */
	st = store_stmt(s, ident_sql[IDENT_STMT_DROP_OTHER_SESSIONS]);
	if (st == NULL || store_bind_int(st, 1, account_id) != 0 ||
	    store_bind_text(st, 2, keep_token_hash != NULL ?
	    keep_token_hash : "") != 0 || store_exec_stmt(s, st) == -1)
		goto out;
	if (ident_audit(s, &a, "", "password.change", NULL) == -1)
		goto out;
	OPENSSL_cleanse(hash, sizeof(hash));
	if (ident_tx_commit(s, own) == -1)
		return -1;
	return 0;
out:
	ident_tx_rollback(s, own);
out0:
	OPENSSL_cleanse(hash, sizeof(hash));
	return rc;
}

/* ---- Sessions ---- */

/* Creates a session of account_id bound to cert_fp: writes the cookie
 * token (64 hex) into token, stores only its SHA-256, makes a CSRF
 * token and removes the account's idle sessions.  Fills out.
 * Returns 0 or -1. */
int
sess_create(struct store *s, int64_t account_id, const char *cert_fp,
    char token[65], struct session *out)
{
	struct store_stmt	*st;
	time_t		 now;
	int		 own = 0;

	memset(out, 0, sizeof(*out));
	token[0] = '\0';
	if (cert_fp == NULL || cert_fp[0] == '\0')
		return -1;
	if (rand_hex(token, 32) == -1 || rand_hex(out->csrf, 32) == -1)
		goto fail0;
	sha256_hex(token, 64, out->token_hash);
	if (out->token_hash[0] == '\0')
		goto fail0;
	now = clock_now();
	out->account_id = account_id;
	out->last_seen = now;
	if (ident_tx_begin(s, &own) == -1)
		goto fail0;
	st = store_stmt(s, ident_sql[IDENT_STMT_DROP_IDLE_SESSIONS]);
	if (st == NULL || store_bind_int(st, 1, account_id) != 0 ||
	    store_bind_int(st, 2, (int64_t)now - SESS_IDLE_SECONDS) != 0 ||
	    store_exec_stmt(s, st) == -1)
		goto fail;
	st = store_stmt(s, ident_sql[IDENT_STMT_NEW_SESSION]);
	if (st == NULL || store_bind_text(st, 1, out->token_hash) != 0 ||
	    store_bind_int(st, 2, account_id) != 0 ||
	    store_bind_text(st, 3, cert_fp) != 0 ||
	    store_bind_text(st, 4, out->csrf) != 0 ||
	    store_bind_int(st, 5, (int64_t)now) != 0 ||
	    store_bind_int(st, 6, (int64_t)now) != 0 ||
	    store_exec_stmt(s, st) == -1)
		goto fail;
	if (ident_tx_commit(s, own) == -1)
		goto fail0;
	return 0;
fail:
	ident_tx_rollback(s, own);
fail0:
	OPENSSL_cleanse(token, 65);
	token[0] = '\0';
	memset(out, 0, sizeof(*out));
	return -1;
}

/* Deletes the session stored under token_hash.  Returns 0 or -1. */
static int
sess_delete_hash(struct store *s, const char *token_hash)
{
	struct store_stmt	*st;

	st = store_stmt(s, ident_sql[IDENT_STMT_DROP_SESSION]);
	if (st == NULL || store_bind_text(st, 1, token_hash) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* Reads the session row of token_hash: account, certificate
 * fingerprint fp[65], csrf[65] and last_seen.  Returns 0, 1 when there
 * is no such session, -1 on error (logged). */
static int
sess_read(struct store *s, const char *token_hash, int64_t *acct,
    char fp[65], char csrf[65], time_t *last)
{
	struct store_stmt	*st;
	int		 step;

	st = store_stmt(s, ident_sql[IDENT_STMT_SESSION]);
	if (st == NULL || store_bind_text(st, 1, token_hash) != 0)
		return -1;
	step = store_step(st);
	if (step == STORE_DONE) {
		store_reset(st);
		return 1;
	}
	if (step != STORE_ROW) {
		log_err("session lookup: %s", store_errmsg(s));
		store_reset(st);
		return -1;
	}
	*acct = store_col_int64(st, 0);
	text_copy(fp, 65, store_col_text(st, 1));
	text_copy(csrf, 65, store_col_text(st, 2));
	*last = (time_t)store_col_int64(st, 3);
	store_reset(st);
	return 0;
}

/* Deletes the session of token_hash in its own write transaction (or
 * the caller's).  Returns 0 or -1. */
static int
sess_delete_hash_tx(struct store *s, const char *token_hash)
{
	int	 own;

	if (ident_tx_begin(s, &own) == -1)
		return -1;
	if (sess_delete_hash(s, token_hash) == -1) {
		ident_tx_rollback(s, own);
		return -1;
	}
	return ident_tx_commit(s, own);
}

/* Moves the session's last_seen to now, in its own write transaction
 * (or the caller's).  Returns 0, 1 when the session went away in the
 * meantime (logout, another request found it idle), -1 on error. */
static int
sess_touch(struct store *s, const char *token_hash, time_t now)
{
	struct store_stmt	*st;
	int		 own;

	if (ident_tx_begin(s, &own) == -1)
		return -1;
	st = store_stmt(s, ident_sql[IDENT_STMT_TOUCH_SESSION]);
	if (st == NULL || store_bind_int(st, 1, (int64_t)now) != 0 ||
	    store_bind_text(st, 2, token_hash) != 0 ||
	    store_exec_stmt(s, st) == -1) {
		ident_tx_rollback(s, own);
		return -1;
	}
	if (store_changes(s) == 0) {
		ident_tx_rollback(s, own);
		return 1;
	}
	return ident_tx_commit(s, own);
}

/* Moves the session's last_seen to now when it can: a touch that
 * cannot be written (a full disk, an I/O error, a busy store) is logged
 * and the request goes on with the session as read, for the touch
 * only keeps the session from idling out and a page that writes
 * nothing else must not be refused for it.  Inside a caller's
 * transaction a failure is the caller's (-1).  Returns 0, 1 when the
 * session went away meanwhile, -1 on such an error. */
static int
sess_touch_best_effort(struct store *s, const char *token_hash, time_t now)
{
	int	 outer = s->in_tx, rc;

	if ((rc = sess_touch(s, token_hash, now)) != -1)
		return rc;
	if (outer)
		return -1;
	log_warn("session last_seen not written (%s); the page goes on",
	    store_errmsg(s));
	return 0;
}

/* Finds the session of token for certificate cert_fp with a plain read;
 * an idle one is deleted, one used with another certificate refused,
 * and last_seen is written only when SESS_TOUCH_SECONDS old.  Fills out
 * when found.  Returns 0 found, 1 none, -1 error. */
int
sess_lookup(struct store *s, const char *token, const char *cert_fp,
    struct session *out)
{
	char		 hash[65], fp[65], csrf[65];
	time_t		 now, last;
	int64_t		 acct;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (token == NULL || cert_fp == NULL || !text_is_hex(token, 64))
		return 1;
	sha256_hex(token, 64, hash);
	if (hash[0] == '\0')
		return -1;
	/* A plain read first: most requests write nothing. */
	if ((rc = sess_read(s, hash, &acct, fp, csrf, &last)) != 0)
		return rc;
	now = clock_now();
	if (strlen(fp) != strlen(cert_fp) ||
	    CRYPTO_memcmp(fp, cert_fp, strlen(fp)) != 0) {
		log_warn("session of account %lld presented with another "
		    "certificate; refused", (long long)acct);
		return 1;
	}
	if ((int64_t)last + SESS_IDLE_SECONDS < (int64_t)now) {
		/* Refused either way; the row goes with the next
		 * successful delete when this one cannot be written. */
		if (sess_delete_hash_tx(s, hash) == -1 && s->in_tx)
			return -1;
		return 1;
	}
	if ((int64_t)now - (int64_t)last >= SESS_TOUCH_SECONDS) {
		rc = sess_touch_best_effort(s, hash, now);
		if (rc != 0)
			return rc;
		last = now;
	}
	out->account_id = acct;
	text_copy(out->token_hash, sizeof(out->token_hash), hash);
	text_copy(out->csrf, sizeof(out->csrf), csrf);
	out->last_seen = last;
	return 0;
}

/* Deletes the session of token (nothing if there is none).
 * Returns 0 or -1. */
int
sess_destroy(struct store *s, const char *token)
{
	char	 hash[65];

	if (token == NULL || !text_is_hex(token, 64))
		return 0;
	sha256_hex(token, 64, hash);
	if (hash[0] == '\0')
		return -1;
	return sess_delete_hash(s, hash);
}

/* Whether token equals the CSRF token of sess, compared in constant
 * time over equal lengths.  Returns 1 or 0. */
int
csrf_ok(const struct session *sess, const char *token)
{
	size_t	 n;

	if (sess == NULL || token == NULL)
		return 0;
	n = strnlen(sess->csrf, sizeof(sess->csrf));
	if (n != 64 || strlen(token) != n)
		return 0;
	return CRYPTO_memcmp(sess->csrf, token, n) == 0;
}
