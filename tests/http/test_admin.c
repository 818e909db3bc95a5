/*
 * test_admin.c: the operator's documented ways (certs/README.md), run
 * against the live hall of the test: revoking a unit's certificate with
 * certs/revoke.sh, reloading nginx (nginx/run.sh reload) and marking it
 * in the store (hall-admin cert-revoke) shuts the certificate out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>

#include "../suites.h"
#include "client.h"

/* Runs a shell command line; returns its exit status (-1 if it could
 * not run or was killed). */
static int
sh(const char *cmd)
{
	int	 st = system(cmd);

	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* GETs /login with certificate cert until nginx answers want five
 * times in a row, or about 10 seconds pass: a reload starts new workers
 * before the old ones (with the old CRL) stop accepting.  Returns the
 * last status. */
static long
status_until(const char *cert, long want)
{
	struct browser		 b;
	struct answer		 a;
	struct timespec		 pause = { 0, 100 * 1000 * 1000 };
	long			 st = 0;
	int			 i, row = 0;

	for (i = 0; i < 100 && row < 5; i++) {
		browser_init(&b, cert);
		st = http_get(&b, "/login", 0, &a);
		answer_free(&a);
		row = st == want ? row + 1 : 0;
		if (row == 0)
			nanosleep(&pause, NULL);
	}
	return st;
}

START_TEST(admin_revoke_shuts_out)
{
	struct browser	 b;
	struct answer	 a;
	char		 cmd[2048], *n;
	const char	*src = getenv("HALL_TEST_SRC");
	const char	*certs = getenv("HALL_TEST_CERTS");

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(certs);
	/* The system's clock: a certificate issued now is valid now. */
	set_clock(NULL);
	/* A new reviewer, admitted the documented way. */
	ck_assert_int_eq(admit_reviewer("rev-gone"), 0);
	browser_init(&b, "rev-gone");
	ck_assert_int_eq(login(&b, "rev-gone"), 0);
	ck_assert_int_eq(http_get(&b, "/review", 1, &a), 200);
	answer_free(&a);

	/* Revoked at the CA: before nginx is reloaded (and for any TLS
	 * session nginx resumes) the programs' own CRL check refuses it. */
	snprintf(cmd, sizeof(cmd), "sh %s/certs/revoke.sh %s rev-gone "
	    ">/dev/null 2>&1", src, certs);
	ck_assert_int_eq(sh(cmd), 0);
	ck_assert_int_eq(http_get(&b, "/review", 1, &a), 403);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NO_CERT");
	answer_free(&a);
	ck_assert_int_eq(status_until("unit-a", 200), 200);

	/* nginx reloaded: refused at the TLS layer. */
	snprintf(cmd, sizeof(cmd), "sh %s/nginx/run.sh reload %s", src,
	    getenv("HALL_TEST_VAR"));
	ck_assert_int_eq(sh(cmd), 0);
	ck_assert_int_eq(status_until("rev-gone", 400), 400);
	ck_assert_int_eq(http_get(&b, "/review", 1, &a), 400);
	answer_free(&a);
	/* Everyone else is still served. */
	ck_assert_int_eq(status_until("unit-a", 200), 200);

	/* Marked in the store: its sessions end, the binding says so. */
	snprintf(cmd, sizeof(cmd), "cert-revoke %s >/dev/null 2>&1",
	    cert_path("rev-gone.crt"));
	ck_assert_int_eq(admin(cmd, NULL), 0);
	n = db_query("SELECT count(*) FROM sessions JOIN accounts ON "
	    "accounts.id = sessions.account_id WHERE username = 'rev-gone'");
	ck_assert_str_eq(n, "0");
	free(n);
	n = db_query("SELECT revoked FROM certs JOIN accounts ON "
	    "accounts.id = certs.account_id WHERE username = 'rev-gone'");
	ck_assert_str_eq(n, "1");
	free(n);
}
END_TEST

/* With the hall's clock moved to a moment after unit-a's certificate
 * was issued but before the CRL was (the test setting may do that),
 * the programs' CRL check still lets unit-a in: the CRL's own dates are
 * nginx's to judge, not the moved clock's. */
START_TEST(admin_crl_dates_not_judged_at_hall_clock)
{
	struct browser	 b;
	struct answer	 a;
	char		 cmd[2048], when[64] = "";
	FILE		*p;

	/* A CRL issued at least two seconds after unit-a.crt; print the
	 * hall time one second after unit-a.crt's notBefore. */
	snprintf(cmd, sizeof(cmd), "cd %s && nb=$(date -u -d \"$(openssl "
	    "x509 -in unit-a.crt -noout -startdate | cut -d= -f2)\" +%%s) && "
	    "for i in 1 2 3 4; do sh %s/certs/gencrl.sh . >/dev/null 2>&1 || "
	    "exit 1; lu=$(date -u -d \"$(openssl crl -in ca.crl -noout "
	    "-lastupdate | cut -d= -f2)\" +%%s); [ $lu -ge $((nb + 2)) ] && "
	    "break; sleep 1; done && TZ=Asia/Shanghai date -d @$((nb + 1)) "
	    "'+%%Y-%%m-%%d %%H:%%M:%%S'", getenv("HALL_TEST_CERTS"),
	    getenv("HALL_TEST_SRC"));
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	ck_assert_ptr_nonnull(fgets(when, sizeof(when), p));
	ck_assert_int_eq(pclose(p), 0);
	when[strcspn(when, "\n")] = '\0';
	ck_assert_uint_eq(strlen(when), 19);
	set_clock(when);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(http_get(&b, "/login", 1, &a), 200);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

/* The head of the audit chain that audit-verify printed in out (the
 * 64 hex digits after "链头: 第 N 行 "), copied into head[65]. */
static void
audit_head(const char *out, char head[65])
{
	const char	*p = strstr(out, "行 ");

	head[0] = '\0';
	if (p != NULL && strlen(p + strlen("行 ")) >= 64)
		snprintf(head, 65, "%.64s", p + strlen("行 "));
}

/* Rows removed from the end of the chain leave a chain that verifies;
 * the head recorded before shows it. */
START_TEST(admin_audit_head_catches_truncation)
{
	char	*out = NULL, head[65], cmd[512], *n;

	ck_assert_int_eq(admin("audit-verify", &out), 0);
	audit_head(out, head);
	free(out);
	ck_assert_uint_eq(strlen(head), 64);
	snprintf(cmd, sizeof(cmd), "audit-verify %s", head);
	ck_assert_int_eq(admin(cmd, NULL), 0);
	ck_assert_int_eq(admin("audit-verify 0123abcd 2>/dev/null", NULL), 1);

	/* Someone with the file drops the newest rows, head included. */
	free(db_query("DROP TRIGGER audit_no_delete"));
	snprintf(cmd, sizeof(cmd), "DELETE FROM audit WHERE id >= (SELECT id "
	    "FROM audit WHERE hash = '%s')", head);
	free(db_query(cmd));
	free(db_query("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
	    "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"));
	n = db_query("SELECT count(*) FROM audit WHERE hash = "
	    "(SELECT hash FROM audit ORDER BY id DESC LIMIT 1)");
	ck_assert_str_eq(n, "1");
	free(n);
	snprintf(cmd, sizeof(cmd), "audit-verify %s 2>&1", head);
	ck_assert_int_eq(admin(cmd, &out), 1);			/* seen */
	ck_assert_ptr_nonnull(strstr(out, "不在审计链中"));
	free(out);
	/* The chain alone cannot tell (the next row it writes could even
	 * be the removed head again, same second and same facts). */
	ck_assert_int_eq(admin("audit-verify", NULL), 0);
}
END_TEST

static Suite *
admin_suite(void)
{
	Suite	*s = suite_create("admin");
	TCase	*tc = tcase_create("revoke");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, admin_revoke_shuts_out);
	suite_add_tcase(s, tc);

	tc = tcase_create("crl");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, admin_crl_dates_not_judged_at_hall_clock);
	suite_add_tcase(s, tc);

	tc = tcase_create("audit");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, admin_audit_head_catches_truncation);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(admin_suite)
