/*
 * test_ident.c: identity: passwords, certificates (fixtures made by
 * tests/unit/fixtures/make.sh), login and lockout, password change,
 * sessions and CSRF.  Every test runs in its own process (Check's
 * fork mode) with HALL_PBKDF2_ITER=1000, a fresh temporary store and,
 * where it matters, a hall clock moved through HALL_CLOCK_FILE.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sqlite3.h>

#include "../suites.h"
#include "audit.h"
#include "clock.h"
#include "ident.h"
#include "request.h"
#include "store.h"
#include "valid.h"
#include "helpers.h"

/* `openssl x509 -in good.crt -noout -fingerprint -sha256`, lower case
 * without colons, and its notAfter (2126-10-29 10:17:26 UTC). */
#define GOOD_FP \
	"28c19de96b6ca44cfa2a65ad126273571cf0c3b4f1871f8e8172c5424e6477c2"
#define GOOD_NOT_AFTER	((time_t)4948942646LL)

#define FP_A	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define FP_B	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define FP_REV	"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define FP_NONE	"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define PW_A	"Chushi2024"
#define T0	"2026-01-10 10:00:00"

static struct th_db	 t_th;		/* the store, its folder */
static const char	*t_dir;		/* t_th.dir */
static const char	*t_db;		/* t_th.path */
static char		 t_clock[320];
static struct store	*t_s;

/* Path of fixture name (tests run from tests/, or from the top) in a
 * static buffer. */
static const char *
t_fixture(const char *name)
{
	static char	 path[256];

	snprintf(path, sizeof(path), "unit/fixtures/%s", name);
	if (access(path, R_OK) == 0)
		return path;
	snprintf(path, sizeof(path), "tests/unit/fixtures/%s", name);
	return path;
}

/* Reads fixture name into a new NUL-terminated buffer (caller frees). */
static char *
t_slurp(const char *name)
{
	FILE	*f;
	char	*buf;
	size_t	 n;

	f = fopen(t_fixture(name), "r");
	ck_assert_msg(f != NULL, "cannot open fixture %s", name);
	buf = malloc(65536);
	ck_assert_ptr_nonnull(buf);
	n = fread(buf, 1, 65535, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* Sets the hall clock to "YYYY-MM-DD HH:MM:SS". */
static void
t_clock_set(const char *when)
{
	FILE	*f;

	f = fopen(t_clock, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "%s\n", when);
	fclose(f);
	setenv("HALL_CLOCK_FILE", t_clock, 1);
}

/* Runs literal SQL on the test store, failing the test on error. */
static void
t_sql(const char *sql)
{
	th_exec(t_s, sql);
}

/* One integer from literal SQL. */
static long long
t_int(const char *sql)
{
	int64_t		 v;

	ck_assert_int_eq(store_int(t_s, sql, STORE_NOPARAM, -1, &v), 0);
	return v;
}

/* Stores a hash of pw for account id. */
static void
t_set_pw(int64_t id, const char *pw, int must_change)
{
	char		 h[256];
	struct store_stmt	*st;

	ck_assert_int_eq(pw_hash(pw, h, sizeof(h)), 0);
	ck_assert_ptr_nonnull(st = store_stmt(t_s, "UPDATE accounts SET"
	    " pw_hash = ?, must_change = ? WHERE id = ?"));
	store_bind_text(st, 1, h);
	store_bind_int(st, 2, must_change);
	store_bind_int(st, 3, id);
	ck_assert_int_eq(store_exec_stmt(t_s, st), 0);
}

/* Fresh store and clock for every test: unit 1 (VIP) with account 1
 * demo-a (cert FP_A, a revoked FP_REV), unit 2 with account 2 demo-b
 * (FP_B), reviewer account 3 (no cert). */
static void
t_setup(void)
{
	setenv("HALL_PBKDF2_ITER", "1000", 1);
	unsetenv("HALL_CLOCK_FILE");
	th_db_open(&t_th);
	t_dir = t_th.dir;
	t_db = t_th.path;
	t_s = t_th.s;
	snprintf(t_clock, sizeof(t_clock), "%s/clock", t_dir);
	t_sql("INSERT INTO units (id, uscc, name, sb_code, vip) VALUES"
	    " (1, '91420103300000001X', '示例科技', 'S1', 1),"
	    " (2, '91420106300000002X', '示例商贸', 'S2', 0);"
	    "INSERT INTO accounts (id, kind, unit_id, username, display_name,"
	    " pw_hash, must_change, created_at) VALUES"
	    " (1, 'unit', 1, 'demo-a', '经办人甲', 'x', 0, 0),"
	    " (2, 'unit', 2, 'demo-b', '经办人乙', 'x', 0, 0),"
	    " (3, 'reviewer', NULL, 'rev', '审核员', 'x', 0, 0);"
	    "INSERT INTO certs (fingerprint, account_id, revoked) VALUES"
	    " ('" FP_A "', 1, 0), ('" FP_REV "', 1, 1), ('" FP_B "', 2, 0);");
	t_set_pw(1, PW_A, 0);
	t_set_pw(2, "Other2024x", 0);
	t_set_pw(3, "Review2024", 1);
}

/* Closes the store and removes the temporary files. */
static void
t_teardown(void)
{
	t_th.s = t_s;
	t_s = NULL;
	unlink(t_clock);
	th_db_close(&t_th);
	ident_cleanup();
}

/* An ident for certificate fp as ident_from_request() would give. */
static struct ident
t_id(const char *fp)
{
	struct ident	 id;

	memset(&id, 0, sizeof(id));
	id.ok = 1;
	snprintf(id.fp, sizeof(id.fp), "%s", fp);
	return id;
}

/* ---- Passwords ---- */

START_TEST(pw_roundtrip)
{
	char	 h[256], h2[256];

	ck_assert_int_eq(pw_hash("Secret123", h, sizeof(h)), 0);
	ck_assert_msg(strncmp(h, "pbkdf2-sha256$1000$", 19) == 0, "%s", h);
	ck_assert_uint_eq(strlen(h), 19 + 32 + 1 + 64);
	ck_assert_int_eq(pw_verify("Secret123", h), 1);
	/* A fresh salt every time. */
	ck_assert_int_eq(pw_hash("Secret123", h2, sizeof(h2)), 0);
	ck_assert_str_ne(h, h2);
	ck_assert_int_eq(pw_verify("Secret123", h2), 1);
}
END_TEST

START_TEST(pw_wrong)
{
	char	 h[256];

	ck_assert_int_eq(pw_hash("Secret123", h, sizeof(h)), 0);
	ck_assert_int_eq(pw_verify("secret123", h), 0);
	ck_assert_int_eq(pw_verify("Secret1234", h), 0);
	ck_assert_int_eq(pw_verify("", h), 0);
	ck_assert_int_eq(pw_verify(NULL, h), 0);
}
END_TEST

START_TEST(pw_stored_iterations)
{
	char	 h[256];

	/* The count in the string wins over the environment. */
	setenv("HALL_PBKDF2_ITER", "1001", 1);
	ck_assert_int_eq(pw_hash("Secret123", h, sizeof(h)), 0);
	ck_assert_msg(strncmp(h, "pbkdf2-sha256$1001$", 19) == 0, "%s", h);
	setenv("HALL_PBKDF2_ITER", "1000", 1);
	ck_assert_int_eq(pw_verify("Secret123", h), 1);
	/* Same salt and key, another count: no match. */
	h[17] = '2';
	ck_assert_int_eq(pw_verify("Secret123", h), 0);
}
END_TEST

START_TEST(bad_pw_hash_small_buffer)
{
	char	 h[64];

	ck_assert_int_eq(pw_hash("Secret123", h, sizeof(h)), -1);
	ck_assert_str_eq(h, "");
}
END_TEST

static const char *const bad_stored[] = {
	"",
	"x",
	"pbkdf2-sha256$",
	"pbkdf2-sha1$1000$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$0$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$01000$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$-1000$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$99999999$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$1000$00112233445566778899aabbccddee$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$1000$00112233445566778899AABBCCDDEEFF$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddee",
	"pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0",
	"pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeg0",
	"pbkdf2-sha256$1000$00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff$",
};

START_TEST(bad_pw_stored)
{
	ck_assert_msg(pw_verify("Secret123", bad_stored[_i]) == -1,
	    "accepted %s", bad_stored[_i]);
}
END_TEST

START_TEST(pw_stored_wellformed)
{
	/* The shape bad_stored breaks, well-formed: parses, no match. */
	ck_assert_int_eq(pw_verify("Secret123", "pbkdf2-sha256$1000$"
	    "00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
	    0);
}
END_TEST

static const struct {
	const char	*pw;
	const char	*user;
	const char	*code;	/* NULL: acceptable */
} pw_cases[] = {
	{ "abcdefg1", "demo-a", NULL },
	{ "1234567a", "demo-a", NULL },
	{ "密码密码密码ab12", "demo-a", NULL },
	{ "Aa34567890123456789012345678901234567890123456789012345678901234",
	    "demo-a", NULL },			/* 64 characters */
	{ "abc1", "demo-a", "WEAK" },		/* short */
	{ "abcdef1", "demo-a", "WEAK" },	/* 7 */
	{ "abcdefgh", "demo-a", "WEAK" },	/* no digit */
	{ "12345678", "demo-a", "WEAK" },	/* no letter */
	{ "密码密码密码密码1", "demo-a", "WEAK" }, /* no Latin letter */
	{ "", "demo-a", "WEAK" },
	{ "Aa345678901234567890123456789012345678901234567890123456789012345",
	    "demo-a", "WEAK" },			/* 65 characters */
	{ "user1234", "user1234", "SAME_AS_USER" },
	{ "abc\n12345", "demo-a", "CHARS" },
	{ "abc\xff" "12345", "demo-a", "CHARS" },
	{ "abc\xe5\xaf" "12345", "demo-a", "CHARS" },
};

START_TEST(pw_acceptable_table)
{
	struct form_errors	 errs;
	int			 ok;

	memset(&errs, 0, sizeof(errs));
	ok = pw_acceptable(pw_cases[_i].pw, pw_cases[_i].user, &errs);
	if (pw_cases[_i].code == NULL) {
		ck_assert_msg(ok == 1, "refused %s", pw_cases[_i].pw);
		ck_assert_uint_eq(errs.n, 0);
	} else {
		ck_assert_msg(ok == 0, "accepted %s", pw_cases[_i].pw);
		ck_assert_uint_eq(errs.n, 1);
		ck_assert_str_eq(errs.e[0].field, "pw");
		ck_assert_str_eq(errs.e[0].code, pw_cases[_i].code);
	}
}
END_TEST

START_TEST(pw_acceptable_messages)
{
	struct form_errors	 errs;

	memset(&errs, 0, sizeof(errs));
	ck_assert_int_eq(pw_acceptable("abc", "u", &errs), 0);
	ck_assert_str_eq(errs.e[0].msg, "新密码至少8位,且须包含字母和数字");
	ck_assert_int_eq(pw_acceptable("user1234", "user1234", &errs), 0);
	ck_assert_str_eq(errs.e[1].msg, "新密码不能与用户名相同");
	ck_assert_int_eq(pw_acceptable("abc", "u", NULL), 0);
}
END_TEST

/* ---- Random and digests ---- */

START_TEST(rand_hex_shape)
{
	char	 a[65], b[65], big[201];
	size_t	 i;

	ck_assert_int_eq(rand_hex(a, 32), 0);
	ck_assert_int_eq(rand_hex(b, 32), 0);
	ck_assert_uint_eq(strlen(a), 64);
	ck_assert_str_ne(a, b);
	for (i = 0; i < 64; i++)
		ck_assert(strchr("0123456789abcdef", a[i]) != NULL);
	ck_assert_int_eq(rand_hex(big, 100), 0);
	ck_assert_uint_eq(strlen(big), 200);
}
END_TEST

START_TEST(sha256_hex_vector)
{
	char	 h[65];

	sha256_hex("abc", 3, h);
	ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, h);
	ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
}
END_TEST

/* ---- Certificates ---- */

/* Escapes pem as nginx's $ssl_client_escaped_cert: every byte that is
 * not alphanumeric (or, with keep_plus, not one of "+/=") as %XX.
 * Returns a new string (caller frees). */
static char *
t_escape(const char *pem, int keep_plus)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out, *o;
	const unsigned char	*p;

	out = malloc(strlen(pem) * 3 + 1);
	ck_assert_ptr_nonnull(out);
	for (o = out, p = (const unsigned char *)pem; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') ||
		    (keep_plus && strchr("+/=", *p) != NULL))
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

/* A request whose FastCGI params are verify and cert (either NULL
 * leaves it out), as nginx would pass them. */
struct t_req {
	struct req	 r;
	struct req_io	 io;
	char		*env[4];
};

/* Fills tr with the two params; strings are owned by tr (t_req_free). */
static void
t_req_make(struct t_req *tr, const char *verify, const char *cert)
{
	size_t	 n = 0;

	memset(tr, 0, sizeof(*tr));
	if (verify != NULL) {
		ck_assert_int_ge(asprintf(&tr->env[n], "SSL_CLIENT_VERIFY=%s",
		    verify), 0);
		n++;
	}
	if (cert != NULL) {
		ck_assert_int_ge(asprintf(&tr->env[n], "SSL_CLIENT_CERT=%s",
		    cert), 0);
		n++;
	}
	tr->env[n] = NULL;
	tr->io.envp = tr->env;
	tr->r.io = &tr->io;
}

/* Frees the strings of tr. */
static void
t_req_free(struct t_req *tr)
{
	size_t	 i;

	for (i = 0; tr->env[i] != NULL; i++)
		free(tr->env[i]);
}

/* ident_from_request() on fixture name with SSL_CLIENT_VERIFY verify.
 * Returns its result; fills out. */
static int
t_ident_file(const char *name, const char *verify, int keep_plus,
    struct ident *out)
{
	struct t_req	 tr;
	char		*pem, *esc;
	int		 rc;

	pem = t_slurp(name);
	esc = t_escape(pem, keep_plus);
	t_req_make(&tr, verify, esc);
	rc = ident_from_request(&tr.r, out);
	t_req_free(&tr);
	free(esc);
	free(pem);
	return rc;
}

START_TEST(ident_good)
{
	struct ident	 id;

	ck_assert_int_eq(ident_init(t_fixture("ca.crt")), 0);
	ck_assert_int_eq(t_ident_file("good.crt", "SUCCESS", 0, &id), 0);
	ck_assert_int_eq(id.ok, 1);
	ck_assert_str_eq(id.fp, GOOD_FP);
	ck_assert_str_eq(id.serial, "1001");
	ck_assert_str_eq(id.subject,
	    "CN=测试经办人,O=武汉市江汉区示例科技有限公司,C=CN");
	ck_assert_int_eq((long long)id.not_after, (long long)GOOD_NOT_AFTER);
	ck_assert_int_gt(ident_days_left(&id), 365 * 90);
}
END_TEST

START_TEST(ident_plus_literal)
{
	struct ident	 id;

	/* '+', '/' and '=' left as they are: '+' is not a space here. */
	ck_assert_int_eq(ident_init(t_fixture("ca.crt")), 0);
	ck_assert_int_eq(t_ident_file("good.crt", "SUCCESS", 1, &id), 0);
	ck_assert_str_eq(id.fp, GOOD_FP);
}
END_TEST

START_TEST(ident_days_left_clock)
{
	struct ident	 id;

	memset(&id, 0, sizeof(id));
	t_clock_set("2026-01-10 08:00:00");	/* 00:00 UTC */
	id.not_after = clock_now() + 10 * 86400 + 5;
	ck_assert_int_eq(ident_days_left(&id), 10);
	id.not_after = clock_now() + 86399;
	ck_assert_int_eq(ident_days_left(&id), 0);
	id.not_after = clock_now() - 1;
	ck_assert_int_eq(ident_days_left(&id), -1);
	id.not_after = clock_now() - 86400;
	ck_assert_int_eq(ident_days_left(&id), -1);
	id.not_after = clock_now() - 86401;
	ck_assert_int_eq(ident_days_left(&id), -2);
}
END_TEST

START_TEST(ident_parse_pem_expired)
{
	struct ident	 id;
	char		*pem;

	/* hall-admin binds certificate files without checking them. */
	pem = t_slurp("expired.crt");
	ck_assert_int_eq(ident_parse_pem(pem, strlen(pem), &id), 0);
	ck_assert_int_eq(id.ok, 0);
	ck_assert_uint_eq(strlen(id.fp), 64);
	ck_assert_str_eq(id.serial, "3001");
	ck_assert_str_eq(id.subject, "CN=expired");
	ck_assert_int_eq((long long)id.not_after, 1609459200LL);
	free(pem);
	ck_assert_int_eq(ident_parse_pem("junk", 4, &id), -1);
	ck_assert_str_eq(id.fp, "");
}
END_TEST

/* Certificate files hall-admin may bind: issued by the hall's CA,
 * expired or not; never another CA's, nor a CA certificate. */
static const struct {
	const char	*file;
	int		 rc;
} issuer_cases[] = {
	{ "good.crt", 0 },
	{ "expired.crt", 0 },
	{ "foreign.crt", -1 },
	{ "foreign-ca.crt", -1 },
	{ "ca.crt", -1 },
};

START_TEST(ident_check_issuer_table)
{
	char	*pem;

	ck_assert_int_eq(ident_init(t_fixture("ca.crt")), 0);
	pem = t_slurp(issuer_cases[_i].file);
	ck_assert_msg(ident_check_issuer(pem, strlen(pem)) ==
	    issuer_cases[_i].rc, "%s", issuer_cases[_i].file);
	free(pem);
}
END_TEST

START_TEST(bad_ident_check_issuer)
{
	ck_assert_int_eq(ident_check_issuer("junk", 4), -1);	/* no CA */
	ck_assert_int_eq(ident_init(t_fixture("ca.crt")), 0);
	ck_assert_int_eq(ident_check_issuer("junk", 4), -1);
	ck_assert_int_eq(ident_check_issuer("", 0), -1);
}
END_TEST

static const struct {
	const char	*file;	/* fixture, or NULL for cert below */
	const char	*verify;
	const char	*cert;	/* raw SSL_CLIENT_CERT when file is NULL */
} bad_ident_cases[] = {
	{ "good.crt", "FAILED:certificate has expired", NULL },
	{ "good.crt", "NONE", NULL },
	{ "good.crt", NULL, NULL },
	{ "good.crt", "success", NULL },
	{ "good.crt", "SUCCESS ", NULL },
	{ "foreign.crt", "SUCCESS", NULL },
	{ "expired.crt", "SUCCESS", NULL },
	{ "foreign-ca.crt", "SUCCESS", NULL },
	{ NULL, "SUCCESS", NULL },
	{ NULL, "SUCCESS", "" },
	{ NULL, "SUCCESS", "garbage" },
	{ NULL, "SUCCESS", "-----BEGIN%20CERTIFICATE-----%0AMIIB%0A"
	    "-----END%20CERTIFICATE-----%0A" },
	{ NULL, "SUCCESS", "%2D%2D%2D%2D%2DBEGIN%20CERTIFICATE%2" },
	{ NULL, "SUCCESS", "%zz" },
	{ NULL, "SUCCESS", "abc%" },
};

START_TEST(bad_ident)
{
	struct ident	 id;
	struct t_req	 tr;
	int		 rc;

	ck_assert_int_eq(ident_init(t_fixture("ca.crt")), 0);
	memset(&id, 0x55, sizeof(id));
	if (bad_ident_cases[_i].file != NULL)
		rc = t_ident_file(bad_ident_cases[_i].file,
		    bad_ident_cases[_i].verify, 0, &id);
	else {
		t_req_make(&tr, bad_ident_cases[_i].verify,
		    bad_ident_cases[_i].cert);
		rc = ident_from_request(&tr.r, &id);
		t_req_free(&tr);
	}
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(id.ok, 0);
	ck_assert_str_eq(id.fp, "");
}
END_TEST

START_TEST(bad_ident_hall_clock)
{
	struct ident	 id;

	/* Checked at the hall's clock, not the system's. */
	ck_assert_int_eq(ident_init(t_fixture("ca.crt")), 0);
	t_clock_set("2127-01-01 00:00:00");
	ck_assert_int_eq(t_ident_file("good.crt", "SUCCESS", 0, &id), -1);
	t_clock_set("2020-06-01 00:00:00");	/* not yet valid */
	ck_assert_int_eq(t_ident_file("good.crt", "SUCCESS", 0, &id), -1);
	unsetenv("HALL_CLOCK_FILE");
	ck_assert_int_eq(t_ident_file("good.crt", "SUCCESS", 0, &id), 0);
	ck_assert_int_eq(id.ok, 1);
}
END_TEST

START_TEST(bad_ident_no_ca)
{
	struct ident	 id;

	ck_assert_int_eq(t_ident_file("good.crt", "SUCCESS", 0, &id), -1);
	ck_assert_int_eq(ident_init("/nonexistent/ca.crt"), -1);
	ck_assert_int_eq(ident_init(t_fixture("foreign-ca.crt")), 0);
	ck_assert_int_eq(t_ident_file("good.crt", "SUCCESS", 0, &id), -1);
	ck_assert_int_eq(t_ident_file("foreign.crt", "SUCCESS", 0, &id), 0);
}
END_TEST

/* ---- The per-process cache of verified certificates ---- */

/* A CA made for one test (key kept, unlike the fixtures'), its
 * certificate file and CRL file in t_dir. */
struct t_ca {
	EVP_PKEY	*key;
	X509		*crt;
	char		 crt_path[192];
	char		 crl_path[192];
};

/* Adds extension nid=value to x, issued by issuer. */
static void
t_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	 v3;
	X509_EXTENSION	*e;

	X509V3_set_ctx(&v3, issuer, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &v3, nid, value);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(X509_add_ext(x, e, -1), 1);
	X509_EXTENSION_free(e);
}

/* A certificate of subject CN=cn with serial, valid from..until, for
 * key signed by ca (NULL: self-signed CA certificate).  Caller frees. */
static X509 *
t_cert(const struct t_ca *ca, EVP_PKEY *key, const char *cn, long serial,
    time_t from, time_t until)
{
	X509		*x;
	X509_NAME	*n;

	x = X509_new();
	ck_assert_ptr_nonnull(x);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	n = X509_NAME_new();
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, ca != NULL ? X509_get_subject_name(ca->crt) :
	    n);
	X509_NAME_free(n);
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notBefore(x), from));
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notAfter(x), until));
	X509_set_pubkey(x, key);
	if (ca == NULL) {
		t_ext(x, x, NID_basic_constraints, "critical,CA:TRUE");
		t_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else
		t_ext(x, ca->crt, NID_ext_key_usage, "clientAuth");
	ck_assert_int_gt(X509_sign(x, ca != NULL ? ca->key : key,
	    EVP_sha256()), 0);
	return x;
}

/* A new EC key (caller frees). */
static EVP_PKEY *
t_key(void)
{
	EVP_PKEY	*k;

	k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ck_assert_ptr_nonnull(k);
	return k;
}

/* Writes the CRL of ca revoking serial (0: none) to its file, through
 * a new file renamed over the old one, as certs/revoke.sh does. */
static void
t_crl(const struct t_ca *ca, long serial)
{
	X509_CRL	*c;
	X509_REVOKED	*r;
	ASN1_INTEGER	*sn;
	ASN1_TIME	*t;
	char		 tmp[256];
	FILE		*f;

	c = X509_CRL_new();
	ck_assert_ptr_nonnull(c);
	X509_CRL_set_version(c, 1);
	X509_CRL_set_issuer_name(c, X509_get_subject_name(ca->crt));
	t = X509_gmtime_adj(NULL, -86400);
	X509_CRL_set1_lastUpdate(c, t);
	ASN1_TIME_free(t);
	t = X509_gmtime_adj(NULL, 30 * 86400);
	X509_CRL_set1_nextUpdate(c, t);
	if (serial != 0) {
		r = X509_REVOKED_new();
		sn = ASN1_INTEGER_new();
		ASN1_INTEGER_set(sn, serial);
		X509_REVOKED_set_serialNumber(r, sn);
		X509_REVOKED_set_revocationDate(r, t);
		ck_assert_int_eq(X509_CRL_add0_revoked(c, r), 1);
		ASN1_INTEGER_free(sn);
	}
	ASN1_TIME_free(t);
	X509_CRL_sort(c);
	ck_assert_int_gt(X509_CRL_sign(c, ca->key, EVP_sha256()), 0);
	snprintf(tmp, sizeof(tmp), "%s.new", ca->crl_path);
	f = fopen(tmp, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(PEM_write_X509_CRL(f, c), 1);
	fclose(f);
	ck_assert_int_eq(rename(tmp, ca->crl_path), 0);
	X509_CRL_free(c);
}

/* Makes a CA named cn in t_dir (files prefixed by tag), loads it into
 * ident with an empty CRL. */
static void
t_ca_make(struct t_ca *ca, const char *tag, const char *cn, time_t now)
{
	FILE	*f;

	ca->key = t_key();
	ca->crt = t_cert(NULL, ca->key, cn, 1, now - 86400,
	    now + 3650 * 86400);
	snprintf(ca->crt_path, sizeof(ca->crt_path), "%s/%s.crt", t_dir, tag);
	snprintf(ca->crl_path, sizeof(ca->crl_path), "%s/%s.crl", t_dir, tag);
	f = fopen(ca->crt_path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(PEM_write_X509(f, ca->crt), 1);
	fclose(f);
	t_crl(ca, 0);
}

/* Frees ca and removes its files. */
static void
t_ca_free(struct t_ca *ca)
{
	unlink(ca->crt_path);
	unlink(ca->crl_path);
	X509_free(ca->crt);
	EVP_PKEY_free(ca->key);
}

/* ident_from_request() on certificate x as nginx passes it.  Returns
 * its result; fills out. */
static int
t_ident_x509(X509 *x, struct ident *out)
{
	struct t_req	 tr;
	BIO		*b;
	char		*pem, *esc;
	long		 n;
	int		 rc;

	b = BIO_new(BIO_s_mem());
	ck_assert_int_eq(PEM_write_bio_X509(b, x), 1);
	n = BIO_get_mem_data(b, &pem);
	pem = strndup(pem, (size_t)n);
	BIO_free(b);
	esc = t_escape(pem, 0);
	t_req_make(&tr, "SUCCESS", esc);
	rc = ident_from_request(&tr.r, out);
	t_req_free(&tr);
	free(esc);
	free(pem);
	return rc;
}

START_TEST(ident_cache_revoked)
{
	struct t_ca	 ca;
	struct ident	 id;
	EVP_PKEY	*k;
	X509		*x;
	time_t		 now = time(NULL);

	t_ca_make(&ca, "ca", "Cache Test CA", now);
	ck_assert_int_eq(ident_init(ca.crt_path), 0);
	ck_assert_int_eq(ident_crl_init(ca.crt_path, ca.crl_path), 0);
	k = t_key();
	x = t_cert(&ca, k, "cached", 0x51, now - 86400, now + 86400);
	/* Verified, then served from the cache. */
	ck_assert_int_eq(t_ident_x509(x, &id), 0);
	ck_assert_str_eq(id.serial, "51");
	ck_assert_int_eq(t_ident_x509(x, &id), 0);
	ck_assert_int_eq(id.ok, 1);
	/* Revoked in the CRL: refused on the very next request. */
	t_crl(&ca, 0x51);
	ck_assert_int_eq(t_ident_x509(x, &id), -1);
	ck_assert_int_eq(id.ok, 0);
	ck_assert_str_eq(id.fp, "");
	ck_assert_int_eq(t_ident_x509(x, &id), -1);
	/* Another serial of the CA is not touched by it. */
	t_crl(&ca, 0x52);
	ck_assert_int_eq(t_ident_x509(x, &id), 0);
	/* A CRL that goes away refuses everyone, cached or not. */
	ck_assert_int_eq(unlink(ca.crl_path), 0);
	ck_assert_int_eq(t_ident_x509(x, &id), -1);
	X509_free(x);
	EVP_PKEY_free(k);
	t_ca_free(&ca);
}
END_TEST

START_TEST(ident_cache_expired)
{
	struct t_ca	 ca;
	struct ident	 id;
	EVP_PKEY	*k;
	X509		*x;
	time_t		 t0;

	t_clock_set(T0);
	t0 = clock_now();
	t_ca_make(&ca, "ca", "Cache Test CA", t0);
	ck_assert_int_eq(ident_init(ca.crt_path), 0);
	k = t_key();
	/* Valid until 11:00:00 at the hall clock. */
	x = t_cert(&ca, k, "expiring", 0x61, t0 - 86400, t0 + 3600);
	ck_assert_int_eq(t_ident_x509(x, &id), 0);
	t_clock_set("2026-01-10 10:59:50");
	ck_assert_int_eq(t_ident_x509(x, &id), 0);
	ck_assert_int_eq((long long)id.not_after, (long long)t0 + 3600);
	/* The clock moves past notAfter: refused although cached. */
	t_clock_set("2026-01-10 11:00:01");
	ck_assert_int_eq(t_ident_x509(x, &id), -1);
	ck_assert_int_eq(id.ok, 0);
	t_clock_set("2026-01-11 10:00:00");
	ck_assert_int_eq(t_ident_x509(x, &id), -1);
	/* And before its notBefore, too. */
	t_clock_set("2026-01-09 09:59:00");
	ck_assert_int_eq(t_ident_x509(x, &id), -1);
	t_clock_set(T0);
	ck_assert_int_eq(t_ident_x509(x, &id), 0);
	X509_free(x);
	EVP_PKEY_free(k);
	t_ca_free(&ca);
}
END_TEST

START_TEST(ident_cache_same_subject)
{
	struct t_ca	 ca, fake;
	struct ident	 id, other;
	EVP_PKEY	*k1, *k2;
	X509		*a, *b, *forged;
	time_t		 now = time(NULL);

	t_ca_make(&ca, "ca", "Cache Test CA", now);
	/* Another CA of the same name, not trusted. */
	t_ca_make(&fake, "fake", "Cache Test CA", now);
	ck_assert_int_eq(ident_init(ca.crt_path), 0);
	k1 = t_key();
	k2 = t_key();
	a = t_cert(&ca, k1, "same", 0x71, now - 86400, now + 86400);
	b = t_cert(&ca, k2, "same", 0x72, now - 86400, now + 86400);
	forged = t_cert(&fake, k1, "same", 0x71, now - 86400, now + 86400);
	ck_assert_int_eq(t_ident_x509(a, &id), 0);
	ck_assert_int_eq(t_ident_x509(a, &id), 0);
	/* Same subject, same serial, same key, another issuer's
	 * signature: verified on its own and refused. */
	ck_assert_int_eq(t_ident_x509(forged, &other), -1);
	ck_assert_int_eq(other.ok, 0);
	/* Same subject, another certificate of the CA: its own
	 * fingerprint, not the cached one's. */
	ck_assert_int_eq(t_ident_x509(b, &other), 0);
	ck_assert_str_eq(other.subject, id.subject);
	ck_assert_str_ne(other.fp, id.fp);
	ck_assert_str_eq(other.serial, "72");
	ck_assert_int_eq(t_ident_x509(a, &other), 0);
	ck_assert_str_eq(other.fp, id.fp);
	X509_free(a);
	X509_free(b);
	X509_free(forged);
	EVP_PKEY_free(k1);
	EVP_PKEY_free(k2);
	t_ca_free(&ca);
	t_ca_free(&fake);
}
END_TEST

START_TEST(ident_cache_many)
{
	struct t_ca	 ca;
	struct ident	 id;
	EVP_PKEY	*k;
	X509		*x[80];
	char		 serial[8];
	time_t		 now = time(NULL);
	size_t		 i, round;

	/* More clients than the cache holds: each still gets its own
	 * identity, whichever entry was replaced. */
	t_ca_make(&ca, "ca", "Cache Test CA", now);
	ck_assert_int_eq(ident_init(ca.crt_path), 0);
	k = t_key();
	for (i = 0; i < 80; i++)
		x[i] = t_cert(&ca, k, "many", (long)(0x100 + i), now - 86400,
		    now + 86400);
	for (round = 0; round < 2; round++)
		for (i = 0; i < 80; i++) {
			ck_assert_int_eq(t_ident_x509(x[i], &id), 0);
			snprintf(serial, sizeof(serial), "%04zX", 0x100 + i);
			ck_assert_str_eq(id.serial, serial);
		}
	for (i = 0; i < 80; i++)
		X509_free(x[i]);
	EVP_PKEY_free(k);
	t_ca_free(&ca);
}
END_TEST

/* ---- Accounts and login ---- */

START_TEST(account_lookup)
{
	struct account	 a;

	ck_assert_int_eq(account_by_cert(t_s, FP_A, &a), 0);
	ck_assert_int_eq(a.id, 1);
	ck_assert_int_eq(a.kind, ACCT_UNIT);
	ck_assert_int_eq(a.unit_id, 1);
	ck_assert_str_eq(a.username, "demo-a");
	ck_assert_str_eq(a.display_name, "经办人甲");
	ck_assert_str_eq(a.unit_name, "示例科技");
	ck_assert_int_eq(a.unit_vip, 1);
	ck_assert_int_eq(account_by_cert(t_s, FP_B, &a), 0);
	ck_assert_int_eq(a.unit_vip, 0);
	ck_assert_int_eq(account_by_cert(t_s, FP_REV, &a), 1);
	ck_assert_int_eq(account_by_cert(t_s, FP_NONE, &a), 1);
	ck_assert_int_eq(account_load(t_s, 3, &a), 0);
	ck_assert_int_eq(a.kind, ACCT_REVIEWER);
	ck_assert_int_eq(a.unit_id, 0);
	ck_assert_str_eq(a.unit_name, "");
	ck_assert_int_eq(a.must_change, 1);
	ck_assert_int_eq(account_load(t_s, 99, &a), 1);
}
END_TEST

START_TEST(login_ok)
{
	struct ident	 id = t_id(FP_A);
	struct account	 a;
	time_t		 until = 1;

	t_clock_set(T0);
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, &until),
	    LOGIN_OK);
	ck_assert_int_eq(a.id, 1);
	ck_assert_str_eq(a.username, "demo-a");
	ck_assert_int_eq(until, 0);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'login.ok' AND account_id = 1"), 1);
	ck_assert_int_eq(t_s->in_tx, 0);
}
END_TEST

START_TEST(login_must_change)
{
	struct ident	 id = t_id(FP_NONE);
	struct account	 a;

	t_sql("INSERT INTO certs (fingerprint, account_id) VALUES"
	    " ('" FP_NONE "', 3)");
	ck_assert_int_eq(ident_login(t_s, &id, "rev", "Review2024", &a, NULL),
	    LOGIN_MUST_CHANGE);
	ck_assert_int_eq(a.id, 3);
	ck_assert_int_eq(a.must_change, 1);
}
END_TEST

START_TEST(login_lock)
{
	struct ident	 id = t_id(FP_A);
	struct account	 a;
	time_t		 until, t0;
	int		 i;

	t_clock_set(T0);
	t0 = clock_now();
	for (i = 1; i <= IDENT_LOCK_FAILURES; i++) {
		ck_assert_int_eq(ident_login(t_s, &id, "demo-a", "wrong1234",
		    &a, &until), LOGIN_BAD);
		ck_assert_int_eq(a.id, 0);
		if (i < IDENT_LOCK_FAILURES) {
			ck_assert_int_eq(until, 0);
			ck_assert_int_eq(t_int("SELECT failed FROM accounts"
			    " WHERE id = 1"), i);
		}
	}
	ck_assert_int_eq(until, t0 + IDENT_LOCK_SECONDS);
	ck_assert_int_eq(t_int("SELECT locked_until FROM accounts"
	    " WHERE id = 1"), t0 + IDENT_LOCK_SECONDS);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 1"), 0);

	/* The sixth try, right password: still locked, lock not extended. */
	t_clock_set("2026-01-10 10:14:59");
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, &until),
	    LOGIN_LOCKED);
	ck_assert_int_eq(until, t0 + IDENT_LOCK_SECONDS);
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", "wrong1234", &a,
	    &until), LOGIN_LOCKED);
	ck_assert_int_eq(t_int("SELECT locked_until FROM accounts"
	    " WHERE id = 1"), t0 + IDENT_LOCK_SECONDS);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 1"), 0);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'login.locked'"), 2);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'login.bad'"), 5);

	/* Fifteen minutes later it works again. */
	t_clock_set("2026-01-10 10:15:00");
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, &until),
	    LOGIN_OK);
	ck_assert_int_eq(until, 0);
	ck_assert_int_eq(t_int("SELECT locked_until FROM accounts"
	    " WHERE id = 1"), 0);
}
END_TEST

START_TEST(login_success_resets)
{
	struct ident	 id = t_id(FP_A);
	struct account	 a;
	int		 i;

	t_clock_set(T0);
	for (i = 0; i < IDENT_LOCK_FAILURES - 1; i++)
		ck_assert_int_eq(ident_login(t_s, &id, "demo-a", "nope12345",
		    &a, NULL), LOGIN_BAD);
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, NULL),
	    LOGIN_OK);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 1"), 0);
	/* Four more failures do not lock: the count started again. */
	for (i = 0; i < IDENT_LOCK_FAILURES - 1; i++)
		ck_assert_int_eq(ident_login(t_s, &id, "demo-a", "nope12345",
		    &a, NULL), LOGIN_BAD);
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, NULL),
	    LOGIN_OK);
}
END_TEST

/* One racer of login_lock_race: opens its own store on t_db, waits for
 * the start pipe fd to close, tries a wrong password and exits with
 * the login result.  Never returns. */
static void
t_racer(int fd)
{
	struct ident	 id = t_id(FP_A);
	struct account	 a;
	struct store	*s;
	char		 c;
	int		 res;

	if ((s = store_open(t_db, STORE_NOCHECKPOINT)) == NULL)
		_exit(100);
	while (read(fd, &c, 1) > 0)
		continue;
	res = ident_login(s, &id, "demo-a", "wrong1234", &a, NULL);
	store_close(s);
	_exit(res);
}

START_TEST(login_lock_race)
{
	enum { RACERS = IDENT_LOCK_FAILURES + 3 };
	pid_t		 pid[RACERS];
	int		 fds[2], i, st, bad = 0, locked = 0;

	/* A slow hash, so that every racer checks its password while
	 * the others do: all see the count before any failure. */
	setenv("HALL_PBKDF2_ITER", "100000", 1);
	t_set_pw(1, PW_A, 0);
	setenv("HALL_PBKDF2_ITER", "1000", 1);
	t_clock_set(T0);
	store_close(t_s);
	t_s = NULL;
	ck_assert_int_eq(pipe(fds), 0);
	for (i = 0; i < RACERS; i++) {
		ck_assert_int_ne(pid[i] = fork(), -1);
		if (pid[i] == 0) {
			close(fds[1]);
			t_racer(fds[0]);
		}
	}
	close(fds[0]);
	usleep(100 * 1000);
	close(fds[1]);
	for (i = 0; i < RACERS; i++) {
		ck_assert_int_eq(waitpid(pid[i], &st, 0), pid[i]);
		ck_assert(WIFEXITED(st));
		if (WEXITSTATUS(st) == LOGIN_BAD)
			bad++;
		else if (WEXITSTATUS(st) == LOGIN_LOCKED)
			locked++;
		else
			ck_abort_msg("racer answered %d", WEXITSTATUS(st));
	}
	ck_assert_ptr_nonnull(t_s = store_open(t_db, 0));
	/* Exactly five failures counted, the fifth locked, the rest
	 * found the lock: no failure lost to the race. */
	ck_assert_int_eq(bad, IDENT_LOCK_FAILURES);
	ck_assert_int_eq(locked, RACERS - IDENT_LOCK_FAILURES);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'login.bad'"), IDENT_LOCK_FAILURES);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'login.locked'"), RACERS - IDENT_LOCK_FAILURES);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'login.bad' AND detail LIKE '%locked for%'"), 1);
	ck_assert_int_eq(t_int("SELECT locked_until FROM accounts"
	    " WHERE id = 1"), clock_now() + IDENT_LOCK_SECONDS);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 1"), 0);
}
END_TEST

START_TEST(bad_login_other_username)
{
	struct ident	 id = t_id(FP_A);
	struct account	 a;

	/* demo-b's right password through demo-a's certificate. */
	t_clock_set(T0);
	ck_assert_int_eq(ident_login(t_s, &id, "demo-b", "Other2024x", &a,
	    NULL), LOGIN_BAD);
	ck_assert_int_eq(a.id, 0);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 1"), 1);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 2"), 0);
	/* demo-a's password with the wrong user name, too. */
	ck_assert_int_eq(ident_login(t_s, &id, "demo-b", PW_A, &a, NULL),
	    LOGIN_BAD);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 1"), 2);
}
END_TEST

START_TEST(bad_login_nocert)
{
	struct ident	 id;
	struct account	 a;

	id = t_id(FP_NONE);
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, NULL),
	    LOGIN_NOCERT);
	id = t_id(FP_REV);
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, NULL),
	    LOGIN_NOCERT);
	id = t_id(FP_A);
	id.ok = 0;
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, NULL),
	    LOGIN_NOCERT);
	ck_assert_int_eq(ident_login(t_s, NULL, "demo-a", PW_A, &a, NULL),
	    LOGIN_NOCERT);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 1"), 0);
}
END_TEST

/* An integration account (migration 33) is found by its certificate
 * with its flags, and never logs in: not with its unusable hash, not
 * even when a real password was stored for it by mistake; no failure
 * is counted and no session made. */
START_TEST(bad_login_integration)
{
	struct ident	 id = t_id(FP_NONE);
	struct account	 a;

	t_sql("INSERT INTO accounts (id, kind, unit_id, username,"
	    " display_name, pw_hash, must_change, created_at, integration)"
	    " VALUES (4, 'unit', 1, 'hr-a', '人事系统', '!', 0, 0, 1);"
	    "INSERT INTO certs (fingerprint, account_id) VALUES"
	    " ('" FP_NONE "', 4)");
	ck_assert_int_eq(account_by_cert(t_s, FP_NONE, &a), 0);
	ck_assert_int_eq(a.integration, 1);
	ck_assert_int_eq(a.may_write, 0);
	ck_assert_int_eq(a.kind, ACCT_UNIT);
	ck_assert_int_eq(a.unit_id, 1);
	ck_assert_int_eq(ident_login(t_s, &id, "hr-a", "", &a, NULL),
	    LOGIN_NOCERT);
	t_set_pw(4, PW_A, 0);
	ck_assert_int_eq(ident_login(t_s, &id, "hr-a", PW_A, &a, NULL),
	    LOGIN_NOCERT);
	ck_assert_int_eq(t_int("SELECT failed FROM accounts WHERE id = 4"), 0);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM sessions"), 0);
	/* An ordinary account's flags are 0. */
	ck_assert_int_eq(account_by_cert(t_s, FP_A, &a), 0);
	ck_assert_int_eq(a.integration, 0);
	/* Only 0 or 1. */
	ck_assert_int_ne(store_exec_sql(t_s, "UPDATE accounts SET"
	    " may_write = 2 WHERE id = 4"), 0);
}
END_TEST

START_TEST(bad_login_error)
{
	struct ident	 id = t_id(FP_A);
	struct account	 a;

	t_sql("UPDATE accounts SET pw_hash = 'broken' WHERE id = 1");
	ck_assert_int_eq(ident_login(t_s, &id, "demo-a", PW_A, &a, NULL),
	    LOGIN_ERROR);
	ck_assert_int_eq(t_s->in_tx, 0);
}
END_TEST

/* ---- Password change ---- */

START_TEST(change_ok)
{
	struct form_errors	 errs;
	struct ident		 id = t_id(FP_NONE);
	struct account		 a;

	memset(&errs, 0, sizeof(errs));
	t_sql("INSERT INTO certs (fingerprint, account_id) VALUES"
	    " ('" FP_NONE "', 3)");
	ck_assert_int_eq(ident_change_password(t_s, 3, "Review2024",
	    "Neues2025pw", "Neues2025pw", NULL, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_int_eq(t_int("SELECT must_change FROM accounts"
	    " WHERE id = 3"), 0);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'password.change' AND account_id = 3"), 1);
	ck_assert_int_eq(ident_login(t_s, &id, "rev", "Neues2025pw", &a,
	    NULL), LOGIN_OK);
	ck_assert_int_eq(ident_login(t_s, &id, "rev", "Review2024", &a,
	    NULL), LOGIN_BAD);
}
END_TEST

static const struct {
	const char	*old, *pw, *pw2;
	const char	*field, *code, *msg;
} bad_change_cases[] = {
	{ "Wrong2024", "Neues2025pw", "Neues2025pw", "old", "WRONG",
	    "原密码不正确" },
	{ PW_A, "Neues2025pw", "Neues2025px", "pw2", "MISMATCH",
	    "两次输入的新密码不一致" },
	{ PW_A, PW_A, PW_A, "pw", "SAME_AS_OLD", "新密码不能与原密码相同" },
	{ PW_A, "short1", "short1", "pw", "WEAK",
	    "新密码至少8位,且须包含字母和数字" },
	{ PW_A, "onlyletters", "onlyletters", "pw", "WEAK",
	    "新密码至少8位,且须包含字母和数字" },
	{ PW_A, "demo-a", "demo-a", "pw", "WEAK",
	    "新密码至少8位,且须包含字母和数字" },
};

START_TEST(bad_change)
{
	struct form_errors	 errs;

	memset(&errs, 0, sizeof(errs));
	ck_assert_int_eq(ident_change_password(t_s, 1, bad_change_cases[_i].old,
	    bad_change_cases[_i].pw, bad_change_cases[_i].pw2, NULL, &errs),
	    1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, bad_change_cases[_i].field);
	ck_assert_str_eq(errs.e[0].code, bad_change_cases[_i].code);
	ck_assert_str_eq(errs.e[0].msg, bad_change_cases[_i].msg);
	/* Nothing changed. */
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM audit WHERE"
	    " action = 'password.change'"), 0);
	ck_assert_int_eq(t_s->in_tx, 0);
}
END_TEST

START_TEST(bad_change_username)
{
	struct form_errors	 errs;

	memset(&errs, 0, sizeof(errs));
	t_sql("UPDATE accounts SET username = 'acme2024' WHERE id = 1");
	ck_assert_int_eq(ident_change_password(t_s, 1, PW_A, "acme2024",
	    "acme2024", NULL, &errs), 1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "SAME_AS_USER");
	ck_assert_int_eq(ident_change_password(t_s, 99, PW_A, "Neues2025pw",
	    "Neues2025pw", NULL, &errs), -1);
}
END_TEST

/* ---- Sessions ---- */

START_TEST(sess_roundtrip)
{
	struct session	 s, l;
	char		 tok[65];

	t_clock_set(T0);
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	ck_assert_uint_eq(strlen(tok), 64);
	ck_assert_uint_eq(strlen(s.csrf), 64);
	ck_assert_str_ne(s.csrf, tok);
	ck_assert_str_ne(s.token_hash, tok);
	ck_assert_int_eq(s.account_id, 1);
	/* Only the hash is stored. */
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM sessions"), 1);
	ck_assert_int_eq(t_int("SELECT length(token_hash) FROM sessions"), 64);
	t_clock_set("2026-01-10 10:20:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	ck_assert_int_eq(l.account_id, 1);
	ck_assert_str_eq(l.csrf, s.csrf);
	ck_assert_str_eq(l.token_hash, s.token_hash);
	ck_assert_int_eq(l.last_seen, clock_now());
	ck_assert_int_eq(csrf_ok(&l, s.csrf), 1);
}
END_TEST

/* Within SESS_TOUCH_SECONDS a lookup only reads; after it, it writes
 * last_seen, so a session in use does not expire. */
START_TEST(sess_touch_throttled)
{
	struct session	 s, l;
	char		 tok[65];
	int		 t0;

	t_clock_set("2026-01-10 10:00:00");
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	t0 = t_int("SELECT last_seen FROM sessions");
	t_clock_set("2026-01-10 10:00:59");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	ck_assert_int_eq(t_int("SELECT last_seen FROM sessions"), t0);
	ck_assert_int_eq(l.last_seen, t0);
	t_clock_set("2026-01-10 10:01:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	ck_assert_int_eq(t_int("SELECT last_seen FROM sessions"), t0 + 60);
	/* Used every 29 minutes, it lives on past the first 30. */
	t_clock_set("2026-01-10 10:30:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	t_clock_set("2026-01-10 10:59:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	/* Deleted meanwhile (logout): the next lookup finds nothing. */
	ck_assert_int_eq(sess_destroy(t_s, tok), 0);
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 1);
}
END_TEST

/* A touch that cannot be written (here a trigger refuses it as a full
 * disk would) does not refuse the page: the session is found, as read,
 * and nothing is left half-done; an idle session whose delete cannot be
 * written is still refused.  Once writes work again the touch lands. */
START_TEST(sess_touch_best_effort)
{
	struct session	 s, l;
	char		 tok[65];
	int		 t0;

	t_clock_set("2026-01-10 10:00:00");
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	t0 = t_int("SELECT last_seen FROM sessions");
	t_sql("CREATE TEMP TRIGGER no_touch BEFORE UPDATE ON sessions "
	    "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END");
	t_sql("CREATE TEMP TRIGGER no_delete BEFORE DELETE ON sessions "
	    "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END");
	t_clock_set("2026-01-10 10:05:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	ck_assert_int_eq(l.account_id, 1);
	ck_assert_str_eq(l.csrf, s.csrf);
	ck_assert_int_eq(t_int("SELECT last_seen FROM sessions"), t0);
	ck_assert_int_eq(t_s->in_tx, 0);
	/* Idle: refused even though its row cannot be deleted now. */
	t_clock_set("2026-01-10 10:31:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 1);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM sessions"), 1);
	ck_assert_int_eq(t_s->in_tx, 0);
	/* Writes back: the next touch is written. */
	t_sql("DROP TRIGGER temp.no_touch");
	t_sql("DROP TRIGGER temp.no_delete");
	t_clock_set("2026-01-10 10:20:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	ck_assert_int_eq(t_int("SELECT last_seen FROM sessions"),
	    t0 + 20 * 60);
}
END_TEST

/* A password change ends the account's other sessions and keeps the
 * one that changed it; another account's sessions stay. */
START_TEST(change_ends_other_sessions)
{
	struct form_errors	 errs;
	struct session		 mine, other, elsewhere, l;
	char			 t1[65], t2[65], t3[65];

	memset(&errs, 0, sizeof(errs));
	t_clock_set(T0);
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, t1, &mine), 0);
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, t2, &other), 0);
	ck_assert_int_eq(sess_create(t_s, 2, FP_B, t3, &elsewhere), 0);
	ck_assert_int_eq(ident_change_password(t_s, 1, PW_A, "Neues2025pw",
	    "Neues2025pw", mine.token_hash, &errs), 0);
	ck_assert_int_eq(sess_lookup(t_s, t1, FP_A, &l), 0);
	ck_assert_int_eq(sess_lookup(t_s, t2, FP_A, &l), 1);
	ck_assert_int_eq(sess_lookup(t_s, t3, FP_B, &l), 0);
}
END_TEST

START_TEST(bad_sess_other_cert)
{
	struct session	 s, l;
	char		 tok[65];

	t_clock_set(T0);
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_B, &l), 1);
	ck_assert_int_eq(l.account_id, 0);
	ck_assert_int_eq(sess_lookup(t_s, tok, "", &l), 1);
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
}
END_TEST

START_TEST(sess_idle)
{
	struct session	 s, l;
	char		 tok[65], tok2[65];

	t_clock_set(T0);
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	/* Each use refreshes the idle time. */
	t_clock_set("2026-01-10 10:30:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	t_clock_set("2026-01-10 11:00:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 0);
	/* Idle for 30 minutes and one second: gone. */
	t_clock_set("2026-01-10 11:30:01");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 1);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM sessions"), 0);
	t_clock_set("2026-01-10 11:30:00");
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 1);
	/* A new login sweeps the account's idle sessions. */
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	t_clock_set("2026-01-10 13:00:00");
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok2, &s), 0);
	ck_assert_int_eq(t_int("SELECT COUNT(*) FROM sessions"), 1);
	ck_assert_int_eq(sess_lookup(t_s, tok2, FP_A, &l), 0);
}
END_TEST

START_TEST(sess_destroy_works)
{
	struct session	 s, l;
	char		 tok[65], tok2[65];

	t_clock_set(T0);
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok2, &s), 0);
	ck_assert_int_eq(sess_destroy(t_s, tok), 0);
	ck_assert_int_eq(sess_lookup(t_s, tok, FP_A, &l), 1);
	ck_assert_int_eq(sess_lookup(t_s, tok2, FP_A, &l), 0);
	ck_assert_int_eq(sess_destroy(t_s, tok), 0);
	ck_assert_int_eq(sess_destroy(t_s, "junk"), 0);
	ck_assert_int_eq(sess_destroy(t_s, NULL), 0);
}
END_TEST

static const char *const bad_tokens[] = {
	"",
	"abc",
	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	"0000000000000000000000000000000000000000000000000000000000000000",
	"00000000000000000000000000000000000000000000000000000000000000000",
	"' OR 1=1 --",
};

START_TEST(bad_sess_token)
{
	struct session	 s, l;
	char		 tok[65];

	ck_assert_int_eq(sess_create(t_s, 1, FP_A, tok, &s), 0);
	ck_assert_int_eq(sess_lookup(t_s, bad_tokens[_i], FP_A, &l), 1);
	ck_assert_int_eq(l.account_id, 0);
}
END_TEST

START_TEST(csrf_ok_table)
{
	struct session	 s;
	char		 other[65];

	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(csrf_ok(&s, ""), 0);	/* no token in session */
	ck_assert_int_eq(rand_hex(s.csrf, 32), 0);
	ck_assert_int_eq(csrf_ok(&s, s.csrf), 1);
	memcpy(other, s.csrf, sizeof(other));
	other[63] = other[63] == 'a' ? 'b' : 'a';
	ck_assert_int_eq(csrf_ok(&s, other), 0);
	other[63] = '\0';
	ck_assert_int_eq(csrf_ok(&s, other), 0);
	ck_assert_int_eq(csrf_ok(&s, ""), 0);
	ck_assert_int_eq(csrf_ok(&s, NULL), 0);
	ck_assert_int_eq(csrf_ok(NULL, s.csrf), 0);
}
END_TEST

/* The identity suite. */
static Suite *
ident_suite(void)
{
	Suite	*su;
	TCase	*tc;

	su = suite_create("ident");

	tc = tcase_create("pw");
	tcase_add_checked_fixture(tc, t_setup, t_teardown);
	tcase_add_test(tc, pw_roundtrip);
	tcase_add_test(tc, pw_wrong);
	tcase_add_test(tc, pw_stored_iterations);
	tcase_add_test(tc, bad_pw_hash_small_buffer);
	tcase_add_loop_test(tc, bad_pw_stored, 0,
	    sizeof(bad_stored) / sizeof(bad_stored[0]));
	tcase_add_test(tc, pw_stored_wellformed);
	tcase_add_loop_test(tc, pw_acceptable_table, 0,
	    sizeof(pw_cases) / sizeof(pw_cases[0]));
	tcase_add_test(tc, pw_acceptable_messages);
	tcase_add_test(tc, rand_hex_shape);
	tcase_add_test(tc, sha256_hex_vector);
	suite_add_tcase(su, tc);

	tc = tcase_create("cert");
	tcase_add_checked_fixture(tc, t_setup, t_teardown);
	tcase_add_test(tc, ident_good);
	tcase_add_test(tc, ident_plus_literal);
	tcase_add_test(tc, ident_days_left_clock);
	tcase_add_test(tc, ident_parse_pem_expired);
	tcase_add_loop_test(tc, ident_check_issuer_table, 0,
	    sizeof(issuer_cases) / sizeof(issuer_cases[0]));
	tcase_add_test(tc, bad_ident_check_issuer);
	tcase_add_loop_test(tc, bad_ident, 0,
	    sizeof(bad_ident_cases) / sizeof(bad_ident_cases[0]));
	tcase_add_test(tc, bad_ident_hall_clock);
	tcase_add_test(tc, bad_ident_no_ca);
	tcase_add_test(tc, ident_cache_revoked);
	tcase_add_test(tc, ident_cache_expired);
	tcase_add_test(tc, ident_cache_same_subject);
	tcase_add_test(tc, ident_cache_many);
	suite_add_tcase(su, tc);

	tc = tcase_create("login");
	/* Racing logins each run a full PBKDF2 under the sanitizers: room
	 * for a loaded machine, the behaviour checked is the count. */
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, t_setup, t_teardown);
	tcase_add_test(tc, account_lookup);
	tcase_add_test(tc, login_ok);
	tcase_add_test(tc, login_must_change);
	tcase_add_test(tc, login_lock);
	tcase_add_test(tc, login_success_resets);
	tcase_add_test(tc, login_lock_race);
	tcase_add_test(tc, bad_login_other_username);
	tcase_add_test(tc, bad_login_nocert);
	tcase_add_test(tc, bad_login_integration);
	tcase_add_test(tc, bad_login_error);
	tcase_add_test(tc, change_ok);
	tcase_add_loop_test(tc, bad_change, 0,
	    sizeof(bad_change_cases) / sizeof(bad_change_cases[0]));
	tcase_add_test(tc, bad_change_username);
	suite_add_tcase(su, tc);

	tc = tcase_create("session");
	tcase_add_checked_fixture(tc, t_setup, t_teardown);
	tcase_add_test(tc, sess_roundtrip);
	tcase_add_test(tc, sess_touch_throttled);
	if (!th_pg())	/* a TEMP TRIGGER makes the fault: SQLite's */
		tcase_add_test(tc, sess_touch_best_effort);
	tcase_add_test(tc, change_ends_other_sessions);
	tcase_add_test(tc, bad_sess_other_cert);
	tcase_add_test(tc, sess_idle);
	tcase_add_test(tc, sess_destroy_works);
	tcase_add_loop_test(tc, bad_sess_token, 0,
	    sizeof(bad_tokens) / sizeof(bad_tokens[0]));
	tcase_add_test(tc, csrf_ok_table);
	suite_add_tcase(su, tc);
	return su;
}

SUITE(ident_suite)
