/*
 * test_rsign.c: a receipt's signed QR text through the real hall
 * (issue 14).  A 退工 task and a 减员 task are written straight into
 * the test database (结束, hand-written rows), their receipts issued
 * by printing them; then `hall-admin receipt-qr` with the office's key
 * (certs/mkcerts.sh: receipt.key) gives the QR text, and `hall-admin
 * receipt-verify` with receipt.crt alone accepts it, refuses it with a
 * changed 退工日期 and refuses the same receipt signed with another
 * P-256 key (foreign.key).  /verify shows each person's key facts with
 * the ID masked, and accepts the QR's address as it is; the 减员表
 * (/jianyuan/table) carries a 回执编号 and 验证码 /verify confirms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

#define RS_IDNO		"420102198501012345"
#define RS_MASKED	"420102********2345"

/* Inserts a 结束 task of demo-a's unit with seq and business, decided
 * an hour ago.  Returns its id. */
static long long
rs_task(const char *seq, const char *business)
{
	char		 q[1024];
	long long	 now = (long long)time(NULL);

	snprintf(q, sizeof(q), "INSERT OR IGNORE INTO tasks (seq_no, business, "
	    "unit_id, state, summary, created_at, submitted_at, decided_at, "
	    "decided_by, updated_at) SELECT '%s', '%s', unit_id, '结束', "
	    "'签名测试', %lld, %lld, %lld, 0, %lld FROM accounts WHERE "
	    "username = 'demo-a'", seq, business, now - 7200, now - 5400,
	    now - 3600, now - 3600);
	db_exec(q);
	snprintf(q, sizeof(q), "SELECT id FROM tasks WHERE seq_no = '%s'", seq);
	return db_int(q);
}

/* Runs hall-admin args with HALL_RECEIPT_KEY set to the certificate
 * folder's file key; its stdout into *out.  Returns the exit status. */
static int
admin_key(const char *key, const char *args, char **out)
{
	int	 rc;

	setenv("HALL_RECEIPT_KEY", cert_path(key), 1);
	rc = admin(args, out);
	unsetenv("HALL_RECEIPT_KEY");
	return rc;
}

/* Runs hall-admin receipt-verify 'qr' with the office's certificate;
 * its stdout into *out (may be NULL).  Returns the exit status. */
static int
verify_qr(const char *qr, char **out)
{
	char	 args[4096];

	snprintf(args, sizeof(args), "receipt-verify '%s' '%s' 2>/dev/null",
	    qr, cert_path("receipt.crt"));
	return admin(args, out);
}

/* The QR text of receipt no signed with key, without the line end,
 * into out[outsz]. */
static void
qr_of(const char *key, const char *no, char *out, size_t outsz)
{
	char	 args[128], *v;

	snprintf(args, sizeof(args), "receipt-qr %s", no);
	ck_assert_int_eq(admin_key(key, args, &v), 0);
	ck_assert_ptr_nonnull(v);
	v[strcspn(v, "\n")] = '\0';
	snprintf(out, outsz, "%s", v);
	free(v);
}

START_TEST(rsign_tuigong_offline)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[2400], qr[2400], forged[2400], q[4096], *out, *p;
	char		 no[32];
	long long	 id;

	id = rs_task("2026112299000001", "tuigong");
	snprintf(q, sizeof(q), "INSERT OR IGNORE INTO tuigong (task_id, row_no, "
	    "name, idno, reason, end_date) VALUES (%lld, 0, '钱签名', '"
	    RS_IDNO "', '劳动合同期满', '2026-11-16')", id);
	db_exec(q);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	answer_free(&a);
	snprintf(no, sizeof(no), "TG2026112299000001");
	/* Signed with the office's key: genuine, and the facts read back
	 * with the 退工日期 and 原因 and the ID masked. */
	qr_of("receipt.key", no, qr, sizeof(qr));
	ck_assert_ptr_nonnull(strstr(qr, "/verify?no=TG2026112299000001&code="));
	ck_assert_ptr_nonnull(strstr(qr, "&sig="));
	ck_assert_int_eq(verify_qr(qr, &out), 0);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(strstr(out, "人员=钱签名|" RS_MASKED
	    "|退工日期:2026-11-16|退工原因:劳动合同期满\n"));
	ck_assert_ptr_nonnull(strstr(out, "人数=1\n"));
	ck_assert_ptr_null(strstr(out, RS_IDNO));
	free(out);
	/* The 退工日期 changed by a day (d= re-encoded with python3's
	 * base64, the signature kept): refused. */
	snprintf(q, sizeof(q), "python3 -c \"import base64,sys; "
	    "u=sys.argv[1]; h,d=u.split('&d=',1); d,s=d.split('&sig=',1); "
	    "t=base64.urlsafe_b64decode(d+'='*(-len(d)%%4)).decode(); "
	    "assert '2026-11-16' in t; t=t.replace('2026-11-16','2026-11-17'); "
	    "print(h+'&d='+base64.urlsafe_b64encode(t.encode()).decode()"
	    ".rstrip('=')+'&sig='+s)\" '%s'", qr);
	{
		FILE	*f = popen(q, "r");

		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(fgets(forged, sizeof(forged), f));
		ck_assert_int_eq(pclose(f), 0);
		forged[strcspn(forged, "\n")] = '\0';
	}
	ck_assert_str_ne(forged, qr);
	ck_assert_int_eq(verify_qr(forged, NULL), 1);
	/* Signed by another P-256 key (the foreign CA's client key):
	 * refused with the office's certificate. */
	qr_of("foreign.key", no, forged, sizeof(forged));
	ck_assert_ptr_nonnull(strstr(forged, "&sig="));
	ck_assert_int_eq(verify_qr(forged, NULL), 1);
	/* A text that is no signed receipt's: 2, not a crash. */
	ck_assert_int_eq(verify_qr("https://x/verify?no=TG1", NULL), 2);
	/* The QR's address on the public port: the receipt, with the
	 * person's key facts and the ID masked. */
	p = strstr(qr, "/verify?");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(http_get_pub(p, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/receipt/person/@idno)", RS_MASKED);
	ck_xpath_eq(&a, "string(/page/result/receipt/person/"
	    "fact[@label = '退工日期'])", "2026-11-16");
	ck_xpath_eq(&a, "string(/page/result/receipt/person/"
	    "fact[@label = '退工原因'])", "劳动合同期满");
	ck_xpath_eq(&a, "string(/page/result/receipt/@persons)", "1");
	ck_assert_ptr_null(strstr(a.body, RS_IDNO));
	answer_free(&a);
	ck_assert_int_eq(http_get_pub_html(p, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "退工日期: 2026-11-16"));
	ck_assert_ptr_nonnull(strstr(a.body, RS_MASKED));
	answer_free(&a);
}
END_TEST

/* 《企业参保人员减员表》 of a 结束 减员 carries its number and code, the
 * same on every printing, and /verify confirms them with 减少原因 and
 * 停缴月份. */
START_TEST(rsign_jianyuan_table_code)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[256], q[512], *no, *code, *no2;
	long long	 id;

	id = rs_task("2026112299000002", "jianyuan");
	snprintf(q, sizeof(q), "INSERT OR IGNORE INTO jianyuan (task_id, "
	    "row_no, name, idno, reason, change_date, stop_month) VALUES "
	    "(%lld, 1, '孙减员', '" RS_IDNO "', '解除劳动关系', '2026-11-10', "
	    "'2026-12')", id);
	db_exec(q);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/jianyuan/table?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	no = xpath_str(&a, "string(/page/receipt/@no)");
	code = xpath_str(&a, "string(/page/receipt/@code)");
	answer_free(&a);
	ck_assert_str_eq(no, "JY2026112299000002");
	ck_assert_uint_eq(strlen(code), 8);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "JY2026112299000002"));
	ck_assert_ptr_nonnull(strstr(a.body, code));
	ck_assert_ptr_nonnull(strstr(a.body, "验证码"));
	answer_free(&a);
	/* Printed again: the same receipt. */
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	no2 = xpath_str(&a, "string(/page/receipt/@code)");
	ck_assert_str_eq(no2, code);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT count(*) FROM receipts WHERE "
	    "receipt_no = 'JY2026112299000002'"), 1);
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/receipt/@kind)",
	    "企业参保人员减员表");
	ck_xpath_eq(&a, "string(/page/result/receipt/person/"
	    "fact[@label = '减少原因'])", "解除劳动关系");
	ck_xpath_eq(&a, "string(/page/result/receipt/person/"
	    "fact[@label = '停缴月份'])", "2026-12");
	answer_free(&a);
	/* Voided later (a task rolled back): /verify says so. */
	db_exec("UPDATE receipts SET voided_at = unixepoch(), "
	    "void_reason = '测试作废' WHERE receipt_no = 'JY2026112299000002'");
	ck_assert_int_eq(http_get_pub_html(path, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "该回执已作废"));
	ck_assert_ptr_nonnull(strstr(a.body, "测试作废"));
	answer_free(&a);
	free(no);
	free(code);
	free(no2);
}
END_TEST

static Suite *
rsign_http_suite(void)
{
	Suite	*s = suite_create("rsign_http");
	TCase	*tc = tcase_create("qr");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rsign_tuigong_offline);
	tcase_add_test(tc, rsign_jianyuan_table_code);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(rsign_http_suite)
