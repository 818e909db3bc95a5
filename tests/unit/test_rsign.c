/*
 * test_rsign.c: a receipt's QR text carries its facts and the office's
 * signature (lib/rsign.h), checked offline with the office's
 * certificate: the genuine text verifies, one with a changed 退工日期
 * does not, nor one signed by another key; the documented openssl
 * command line agrees.  Keys and certificates are made with the
 * openssl command (real P-256 keys); the store is a real SQLite file;
 * the business is a test one whose rows are a hand-written fixture.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit.h"
#include "receipt.h"
#include "rsign.h"
#include "store.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static char		 office_key[400], office_crt[400];
static char		 other_key[400], other_crt[400];

/* The fixture: 4 persons, hand-written, with the facts a 退工 row has
 * (退工原因, 退工日期, 合同编号); the receipt certifies two of them. */
static const char *const fx_rows[4][5] = {
	{ "张建国", "420102198001011234", "协商一致解除", "2026-11-20",
	    "HT-1" },
	{ "李秀英", "42010219850202432X", "劳动合同期满", "2026-11-18",
	    "HT-2" },
	{ "王伟", "420103199003035678", "协商一致解除", "2026-11-19", "HT-3" },
	{ "赵敏", "420104199204041111", "劳动者提出解除", "2026-11-17",
	    "HT-4" },
};
static const char *const fx_labels[] = { "退工原因", "退工日期", "合同编号" };
static const char *const fx_keys[] = { "退工日期", "退工原因", NULL };

/* Hands the fixture's rows from offset on, at most limit, to fn.
 * Returns the rows handed. */
static int
fx_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	struct wf_row	 r;
	int		 i, n = 0;

	for (i = offset; i < 4 && n < limit; i++) {
		memset(&r, 0, sizeof(r));
		r.row_no = i + 1;
		r.name = fx_rows[i][0];
		r.idno = fx_rows[i][1];
		r.nfacts = 3;
		memcpy(r.label, fx_labels, sizeof(fx_labels));
		r.value[0] = fx_rows[i][2];
		r.value[1] = fx_rows[i][3];
		r.value[2] = fx_rows[i][4];
		n++;
		if (fn(arg, &r) != 0)
			break;
	}
	return n;
}

/* All the fixture's rows.  Returns the count. */
static int
fx_rows_all(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return fx_rows_page(s, task_id, 0, 4, fn, arg);
}

/* 4 rows.  Returns 0. */
static int
fx_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	*n = 4;
	return 0;
}

static const struct wf_receipt fx_receipts[] = {
	{ "rstest", "退工登记证明", "tuigong", "RT" },
	{ NULL, NULL, NULL, NULL }
};

static const struct wf_business fx_business = {
	.code = "rstest",
	.name = "退工登记",
	.path = "/rstest",
	.receipts = fx_receipts,
	.rows = fx_rows_all,
	.rows_page = fx_rows_page,
	.row_count = fx_row_count,
	.receipt_facts = fx_keys,
};

/* Runs the shell command cmd; fails the test unless it exits 0. */
static void
sh(const char *cmd)
{
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

/* Makes a P-256 key (mode 0600) and a self-signed certificate for it
 * as dir/name.key and dir/name.crt. */
static void
make_keypair(const char *name, char *key, char *crt)
{
	char	 cmd[1400];

	snprintf(key, 400, "%s/%s.key", db.dir, name);
	snprintf(crt, 400, "%s/%s.crt", db.dir, name);
	snprintf(cmd, sizeof(cmd), "umask 077; openssl req -x509 -newkey ec "
	    "-pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '%s' -out '%s' "
	    "-subj /CN=rsign-test -days 2 2>/dev/null", key, crt);
	sh(cmd);
}

/* The receipt of a 结束 task of the fixture's business. */
static void
issued(struct receipt *r)
{
	struct store_stmt	*st;
	struct actor		 clerk;
	int64_t			 unit, id;
	int			 created;

	unit = th_unit(db.s, "武汉市示例签名有限公司", 0);
	clerk = (struct actor){ th_account(db.s, unit, "clerk-rs"), unit,
	    "经办人", "" };
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "rstest", unit, &clerk, "张建国等4人",
	    NULL, &id, &created), 0);
	st = store_stmt(db.s, "UPDATE tasks SET state = '结束', decided_at = "
	    "1795188600 WHERE id = ?1");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(store_bind_int(st, 1, id), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(receipt_issue(db.s, id, unit, &fx_receipts[0], r), 0);
}

static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	wf_register(&fx_business);
	make_keypair("office", office_key, office_crt);
	make_keypair("other", other_key, other_crt);
	setenv("HALL_RECEIPT_KEY", office_key, 1);
	setenv("HALL_PUBLIC_URL", "https://hall.example.cn:8444", 1);
}

static void
teardown(void)
{
	unsetenv("HALL_RECEIPT_KEY");
	unsetenv("HALL_PUBLIC_URL");
	th_db_close(&db);
}

/* The 业务顺序号 of receipt r's task into seq[32]. */
static void
seq_of(const struct receipt *r, char seq[32])
{
	struct task	 t;

	ck_assert_int_eq(wf_load(db.s, r->task_id, 0, &t), 0);
	snprintf(seq, 32, "%s", t.seq_no);
}

/* The QR text qr with its d= replaced by the base64url of facts into
 * out[outsz] (the signature kept). */
static void
with_facts(const char *qr, const char *facts, char *out, size_t outsz)
{
	char		 d[RSIGN_QR_MAX];
	const char	*p = strstr(qr, "&d="), *e;

	ck_assert_ptr_nonnull(p);
	e = strstr(p, "&sig=");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_gt(rsign_b64url((const unsigned char *)facts,
	    strlen(facts), d, sizeof(d)), 0);
	snprintf(out, outsz, "%.*s&d=%s%s", (int)(p - qr), qr, d, e);
}

/* The genuine QR text: the address with the number and code, the
 * facts as written by hand here, and a signature that verifies. */
START_TEST(rsign_genuine_verifies)
{
	struct receipt		 r;
	struct rsign_check	 ck;
	const char		*why;
	char			 qr[RSIGN_QR_MAX], want[1024], seq[32];

	issued(&r);
	seq_of(&r, seq);
	ck_assert_int_eq(rsign_qr_text(db.s, &r, qr, sizeof(qr)), 0);
	snprintf(want, sizeof(want), "https://hall.example.cn:8444/verify?"
	    "no=%s&code=%s&d=", r.no, r.code);
	ck_assert_int_eq(strncmp(qr, want, strlen(want)), 0);
	ck_assert_ptr_nonnull(strstr(qr, "&sig="));
	/* Short enough for a QR code printed on a receipt. */
	ck_assert_uint_lt(strlen(qr), 900);
	ck_assert_int_eq(rsign_verify_qr(qr, office_crt, &ck, &why), 0);
	ck_assert_str_eq(ck.no, r.no);
	ck_assert_str_eq(ck.code, r.code);
	/* The facts, hand-written: 3 of the 4 persons listed, IDs masked,
	 * the key facts in the business's order (日期 before 原因), the
	 * 出具日期 the decision's day (23:30 of 11-20 in UTC+8). */
	snprintf(want, sizeof(want),
	    "文件=退工登记证明\n"
	    "单位=武汉市示例签名有限公司\n"
	    "业务=退工登记\n"
	    "业务顺序号=%s\n"
	    "出具日期=2026-11-20\n"
	    "人数=4\n"
	    "人员=张建国|420102********1234|退工日期:2026-11-20|退工原因:协商一致解除\n"
	    "人员=李秀英|420102********432X|退工日期:2026-11-18|退工原因:劳动合同期满\n"
	    "人员=王伟|420103********5678|退工日期:2026-11-19|退工原因:协商一致解除\n",
	    seq);
	ck_assert_str_eq(ck.facts, want);
}
END_TEST

/* One person's 退工日期 changed by a day in the QR's facts: refused,
 * while the same facts re-encoded unchanged still verify. */
START_TEST(rsign_changed_date_refused)
{
	struct receipt		 r;
	struct rsign_check	 ck;
	const char		*why;
	char			 qr[RSIGN_QR_MAX], forged[RSIGN_QR_MAX];
	char			 facts[RSIGN_FACTS_MAX + 1], *p;

	issued(&r);
	ck_assert_int_eq(rsign_qr_text(db.s, &r, qr, sizeof(qr)), 0);
	ck_assert_int_eq(rsign_verify_qr(qr, office_crt, &ck, &why), 0);
	snprintf(facts, sizeof(facts), "%s", ck.facts);
	with_facts(qr, facts, forged, sizeof(forged));
	ck_assert_int_eq(rsign_verify_qr(forged, office_crt, &ck, &why), 0);
	ck_assert_ptr_nonnull(p = strstr(facts, "退工日期:2026-11-18"));
	p[strlen("退工日期:2026-11-1")] = '9';
	with_facts(qr, facts, forged, sizeof(forged));
	ck_assert_int_eq(rsign_verify_qr(forged, office_crt, &ck, &why), 1);
	ck_assert_ptr_nonnull(strstr(why, "签名不符"));
	/* Another receipt's code with these facts: refused too. */
	snprintf(forged, sizeof(forged), "%s", qr);
	p = strstr(forged, "&code=") + strlen("&code=");
	*p = *p == 'A' ? 'B' : 'A';
	ck_assert_int_eq(rsign_verify_qr(forged, office_crt, &ck, &why), 1);
}
END_TEST

/* Signed by another P-256 key: refused with the office's certificate,
 * accepted with that key's own (the signature itself is sound). */
START_TEST(rsign_other_key_refused)
{
	struct receipt		 r;
	struct rsign_check	 ck;
	char			 qr[RSIGN_QR_MAX];

	issued(&r);
	setenv("HALL_RECEIPT_KEY", other_key, 1);
	ck_assert_int_eq(rsign_qr_fresh(db.s, &r, qr, sizeof(qr)), 0);
	ck_assert_int_eq(rsign_verify_qr(qr, office_crt, &ck, NULL), 1);
	ck_assert_int_eq(rsign_verify_qr(qr, other_crt, &ck, NULL), 0);
	/* Back to the office's key: the office's certificate accepts. */
	setenv("HALL_RECEIPT_KEY", office_key, 1);
	ck_assert_int_eq(rsign_qr_fresh(db.s, &r, qr, sizeof(qr)), 0);
	ck_assert_int_eq(rsign_verify_qr(qr, office_crt, &ck, NULL), 0);
}
END_TEST

/* The signature is made once and kept with the receipt: the QR text is
 * the same every time (an ECDSA signature is not), and a fresh one
 * differs from it yet verifies too. */
START_TEST(rsign_kept_same_bytes)
{
	struct receipt		 r;
	struct rsign_check	 ck;
	char			 q1[RSIGN_QR_MAX], q2[RSIGN_QR_MAX];
	char			 q3[RSIGN_QR_MAX];

	issued(&r);
	setenv("HALL_RECEIPT_KEY", office_key, 1);
	ck_assert_int_eq(rsign_qr_text(db.s, &r, q1, sizeof(q1)), 0);
	ck_assert_int_eq(rsign_qr_text(db.s, &r, q2, sizeof(q2)), 0);
	ck_assert_str_eq(q1, q2);
	ck_assert_int_eq(rsign_qr_fresh(db.s, &r, q3, sizeof(q3)), 0);
	ck_assert_str_ne(q1, q3);
	ck_assert_int_eq(rsign_verify_qr(q1, office_crt, &ck, NULL), 0);
	ck_assert_int_eq(rsign_verify_qr(q3, office_crt, &ck, NULL), 0);
}
END_TEST

/* The openssl command line README documents, run as written there on
 * the QR text: it says "Verified OK" for the genuine one and fails for
 * the changed one. */
START_TEST(rsign_openssl_command_line)
{
	struct receipt		 r;
	struct rsign_check	 ck;
	char			 qr[RSIGN_QR_MAX], forged[RSIGN_QR_MAX];
	char			 cmd[4096], *p;
	FILE			*f;

	issued(&r);
	ck_assert_int_eq(rsign_qr_text(db.s, &r, qr, sizeof(qr)), 0);
	ck_assert_int_eq(rsign_verify_qr(qr, office_crt, &ck, NULL), 0);
	ck_assert_ptr_nonnull(p = strstr(ck.facts, "退工日期:2026-11-20"));
	p[strlen("退工日期:2026-11-2")] = '1';
	with_facts(qr, ck.facts, forged, sizeof(forged));
	snprintf(cmd, sizeof(cmd), "%s/qr.txt", db.dir);
	ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
	fprintf(f, "%s\n%s\n", qr, forged);
	fclose(f);
	/* README "Receipt signatures": the same lines. */
	snprintf(cmd, sizeof(cmd), "cd '%s' && set -e; "
	    "b64url() { s=$(printf '%%s' \"$1\" | tr -- '-_' '+/'); "
	    "while [ $((${#s} %% 4)) -ne 0 ]; do s=\"$s=\"; done; "
	    "printf '%%s' \"$s\" | base64 -d; }; "
	    "field() { printf '%%s' \"$qr\" | tr '?&' '\\n\\n' | "
	    "sed -n \"s/^$1=//p\"; }; "
	    "check() { qr=$1; "
	    "{ printf 'HALL-RECEIPT/1\\nno=%%s\\ncode=%%s\\n' \"$(field no)\" "
	    "\"$(field code)\"; b64url \"$(field d)\"; } >receipt.txt; "
	    "b64url \"$(field sig)\" >receipt.sig; "
	    "openssl x509 -in '%s' -pubkey -noout >office.pub; "
	    "openssl dgst -sha256 -verify office.pub -signature receipt.sig "
	    "receipt.txt; }; "
	    "check \"$(sed -n 1p qr.txt)\" >ok.out; "
	    "if check \"$(sed -n 2p qr.txt)\" >bad.out; then exit 1; fi; "
	    "grep -q '^Verified OK$' ok.out && grep -q '^Verification failure' "
	    "bad.out", db.dir, office_crt);
	sh(cmd);
}
END_TEST

/* Not a signed receipt's QR text: a clear answer, never a crash. */
START_TEST(rsign_malformed)
{
	struct receipt		 r;
	struct rsign_check	 ck;
	const char		*why;
	char			 qr[RSIGN_QR_MAX], bad[RSIGN_QR_MAX], *p;
	char			 missing[400];

	issued(&r);
	ck_assert_int_eq(rsign_qr_text(db.s, &r, qr, sizeof(qr)), 0);
	/* Without the signature. */
	snprintf(bad, sizeof(bad), "%s", qr);
	*strstr(bad, "&sig=") = '\0';
	ck_assert_int_eq(rsign_verify_qr(bad, office_crt, &ck, &why), 2);
	ck_assert_ptr_nonnull(strstr(why, "没有签名"));
	/* A character outside base64url in d. */
	snprintf(bad, sizeof(bad), "%s", qr);
	p = strstr(bad, "&d=") + 3;
	*p = '*';
	ck_assert_int_eq(rsign_verify_qr(bad, office_crt, &ck, &why), 2);
	/* No number; the query part alone is read as well as the URL. */
	ck_assert_int_eq(rsign_verify_qr("code=ABCD2345&d=AA&sig=AA",
	    office_crt, &ck, &why), 2);
	ck_assert_int_eq(rsign_verify_qr(strchr(qr, '?') + 1, office_crt, &ck,
	    &why), 0);
	ck_assert_int_eq(rsign_verify_qr("", office_crt, &ck, &why), 2);
	/* A certificate that is not there. */
	snprintf(missing, sizeof(missing), "%s/none.crt", db.dir);
	ck_assert_int_eq(rsign_verify_qr(qr, missing, &ck, &why), -1);
	/* A key file that is not a key: no QR text rather than an
	 * unsigned one. */
	setenv("HALL_RECEIPT_KEY", office_crt, 1);
	ck_assert_int_eq(rsign_qr_text(db.s, &r, qr, sizeof(qr)), -1);
}
END_TEST

/* Without HALL_RECEIPT_KEY: the number and code only, as before. */
START_TEST(rsign_unsigned_without_key)
{
	struct receipt	 r;
	char		 qr[RSIGN_QR_MAX], want[256];

	issued(&r);
	unsetenv("HALL_RECEIPT_KEY");
	ck_assert_int_eq(rsign_qr_text(db.s, &r, qr, sizeof(qr)), 0);
	snprintf(want, sizeof(want), "https://hall.example.cn:8444/verify?"
	    "no=%s&code=%s", r.no, r.code);
	ck_assert_str_eq(qr, want);
	/* Too small a buffer: -1, never a cut text. */
	ck_assert_int_eq(rsign_qr_text(db.s, &r, qr, 20), -1);
}
END_TEST

/* base64url both ways on hand-counted vectors (RFC 4648 §10, with
 * the URL alphabet and no padding). */
START_TEST(rsign_base64url)
{
	unsigned char	 out[16];
	char		 txt[16];

	ck_assert_int_eq(rsign_b64url((const unsigned char *)"foob", 4, txt,
	    sizeof(txt)), 6);
	ck_assert_str_eq(txt, "Zm9vYg");
	ck_assert_int_eq(rsign_b64url((const unsigned char *)"\xfb\xff", 2,
	    txt, sizeof(txt)), 3);
	ck_assert_str_eq(txt, "-_8");
	ck_assert_int_eq(rsign_unb64url("-_8", 3, out, sizeof(out)), 2);
	ck_assert_int_eq(memcmp(out, "\xfb\xff", 2), 0);
	ck_assert_int_eq(rsign_unb64url("Zm9vYmFy", 8, out, sizeof(out)), 6);
	ck_assert_int_eq(memcmp(out, "foobar", 6), 0);
	ck_assert_int_eq(rsign_unb64url("Zm9vY", 5, out, sizeof(out)), -1);
	ck_assert_int_eq(rsign_unb64url("Zm9v+A", 6, out, sizeof(out)), -1);
	ck_assert_int_eq(rsign_unb64url("Zm9vYmFy", 8, out, 5), -1);
	ck_assert_int_eq(rsign_b64url((const unsigned char *)"foob", 4, txt,
	    6), -1);
}
END_TEST

static Suite *
rsign_suite(void)
{
	Suite	*s = suite_create("rsign");
	TCase	*tc = tcase_create("sign");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, rsign_genuine_verifies);
	tcase_add_test(tc, rsign_changed_date_refused);
	tcase_add_test(tc, rsign_other_key_refused);
	tcase_add_test(tc, rsign_kept_same_bytes);
	tcase_add_test(tc, rsign_openssl_command_line);
	tcase_add_test(tc, rsign_malformed);
	tcase_add_test(tc, rsign_unsigned_without_key);
	tcase_add_test(tc, rsign_base64url);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(rsign_suite)
