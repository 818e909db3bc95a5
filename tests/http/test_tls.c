/*
 * test_tls.c: the hall's TLS is Mozilla's "intermediate" profile
 * without CBC (nginx/hall.conf.in): TLS 1.3, and TLS 1.2 with ECDHE and
 * AEAD suites only.  openssl s_client shows a client offering only CBC
 * suites refused while the same client with an AEAD suite, and TLS 1.3,
 * get in; testssl.sh (Debian's testssl.sh, installed by make test as
 * root) lists every suite the server accepts per protocol (-E), and
 * none is CBC, none is below TLS 1.2.  Without testssl the second test
 * says so and passes, except under CI (CI set, not "false" or "0").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../suites.h"
#include "client.h"

/* The port of base URL url (after its last ':'). */
static int
url_port(const char *url)
{
	const char	*c = strrchr(url, ':');

	ck_assert_ptr_nonnull(c);
	return atoi(c + 1);
}

/* Runs openssl s_client against the hall's server with the client
 * certificate of unit-a and the extra options opts; its output (up to
 * sz - 1 bytes) goes to buf.  Returns whether the handshake completed
 * ("CONNECTION ESTABLISHED" of -brief, and exit 0). */
static int
s_client(const char *opts, char *buf, size_t sz)
{
	char	 cmd[2048];
	FILE	*f;
	size_t	 len = 0, n;
	int	 st;

	snprintf(cmd, sizeof(cmd), "timeout 30 openssl s_client -brief "
	    "-connect 127.0.0.1:%d -CAfile %s -cert %s -key %s %s "
	    "</dev/null 2>&1", url_port(hall_url()), cert_path("ca.crt"),
	    cert_path("unit-a.crt"), cert_path("unit-a.key"), opts);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (len + 1 < sz && (n = fread(buf + len, 1, sz - len - 1, f)) > 0)
		len += n;
	buf[len] = '\0';
	st = pclose(f);
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    strstr(buf, "CONNECTION ESTABLISHED") != NULL;
}

START_TEST(cbc_refused_aead_and_tls13_accepted)
{
	char	 out[8192];

	/* CBC suites, with RSA and with ECDHE key exchange. */
	ck_assert_msg(!s_client("-tls1_2 -cipher AES128-SHA", out,
	    sizeof(out)), "AES128-SHA accepted: %s", out);
	ck_assert_msg(!s_client("-tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256:"
	    "ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA:"
	    "ECDHE-ECDSA-AES256-SHA", out, sizeof(out)),
	    "an ECDHE CBC suite accepted: %s", out);
	/* The same client with an AEAD suite gets in: the refusal was
	 * the suite's. */
	ck_assert_msg(s_client("-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256",
	    out, sizeof(out)), "TLS 1.2 with AES-GCM refused: %s", out);
	ck_assert_ptr_nonnull(strstr(out, "ECDHE-ECDSA-AES128-GCM-SHA256"));
	ck_assert_msg(s_client("-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305",
	    out, sizeof(out)), "TLS 1.2 with ChaCha20 refused: %s", out);
	ck_assert_msg(s_client("-tls1_3", out, sizeof(out)),
	    "TLS 1.3 refused: %s", out);
	ck_assert_msg(strstr(out, "Protocol version: TLSv1.3") != NULL,
	    "%s", out);
}
END_TEST

/* Whether the environment says this is CI (CI set, not "false"/"0"). */
static int
in_ci(void)
{
	const char	*ci = getenv("CI");

	return ci != NULL && *ci != '\0' && strcmp(ci, "false") != 0 &&
	    strcmp(ci, "0") != 0;
}

START_TEST(testssl_finds_no_cbc)
{
	char	 cmd[4096], json[1024], out[1024], line[4096];
	FILE	*f;
	int	 st, tls12 = 0, tls13 = 0, other = 0;

	if (system("command -v testssl >/dev/null 2>&1") != 0) {
		ck_assert_msg(!in_ci(), "CI: testssl missing "
		    "(apt-get install testssl.sh)");
		fprintf(stderr, "tls: testssl_finds_no_cbc skipped: testssl "
		    "missing (make test as root installs testssl.sh)\n");
		return;
	}
	snprintf(json, sizeof(json), "%s/testssl.json",
	    getenv("HALL_TEST_VAR"));
	snprintf(out, sizeof(out), "%s/testssl.txt", getenv("HALL_TEST_VAR"));
	remove(json);
	/* -E: every suite the server accepts, per protocol.  No DNS. */
	snprintf(cmd, sizeof(cmd), "timeout 800 testssl --quiet --color 0 "
	    "--warnings off --nodns none --ip 127.0.0.1 -E --jsonfile %s "
	    "127.0.0.1:%d >%s 2>&1", json, url_port(hall_url()), out);
	st = system(cmd);
	ck_assert_msg(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "testssl failed (%d): see %s", st, out);
	ck_assert_ptr_nonnull(f = fopen(json, "r"));
	/* The flat JSON has one "finding" line per accepted suite, after
	 * its "id": "cipher-tls1_2_xc02b" line, e.g.
	 * "TLS 1.2   xc02b   ECDHE-ECDSA-AES128-GCM-SHA256 ...
	 * TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": the IANA name says
	 * CBC when it is. */
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, "\"finding\"") == NULL ||
		    (strstr(line, "_WITH_") == NULL &&
		    strstr(line, "TLS_AES_") == NULL &&
		    strstr(line, "TLS_CHACHA20_") == NULL))
			continue;
		ck_assert_msg(strstr(line, "_CBC_") == NULL, "testssl: CBC "
		    "suite offered: %s", line);
		if (strstr(line, "\"TLS 1.2 ") != NULL)
			tls12++;
		else if (strstr(line, "\"TLS 1.3 ") != NULL)
			tls13++;
		else
			other++;
	}
	fclose(f);
	/* The JSON was read right: the suites are there. */
	ck_assert_msg(tls12 >= 2 && tls13 >= 2, "testssl listed %d TLS 1.2 "
	    "and %d TLS 1.3 suites (see %s)", tls12, tls13, json);
	ck_assert_msg(other == 0, "testssl: %d suites below TLS 1.2", other);
}
END_TEST

static Suite *
tls_suite(void)
{
	Suite	*s = suite_create("tls");
	TCase	*tc;

	tc = tcase_create("profile");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cbc_refused_aead_and_tls13_accepted);
	suite_add_tcase(s, tc);
	/* testssl.sh is a large shell script: tens of seconds of CPU,
	 * minutes on a loaded machine.  A bound for a runaway only. */
	tc = tcase_create("testssl");
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, testssl_finds_no_cbc);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(tls_suite)
