/*
 * hall-admin: the operators' command.
 *
 *   hall-admin -d DB COMMAND ARGS...
 *
 * Creates and migrates the database, adds units, accounts and
 * certificate bindings, resets passwords, backs up, verifies the audit
 * chain, checkpoints the WAL (skipped without room for it), checks the
 * hall's health for monitors, restores a backup (admin/ops.c) and
 * builds the demo world.  Every command
 * that changes or reads out data writes an audit row as the system
 * (account 0, "hall-admin"); the minutely checkpoint does not.
 * Exit codes: 0 ok, 1 failure (message on stderr), 2 usage; health
 * exits 0 ok, 1 warning, 2 critical as Nagios checks do.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "arrears.h"
#include "audit.h"
#include "clock.h"
#include "ident.h"
#include "levy.h"
#include "log.h"
#include "policy.h"
#include "receipt.h"
#include "rsign.h"
#include "hall.h"
#include "nianbao.h"
#include "pdf.h"
#include "store.h"
#include "valid.h"
#include "populate.h"
#include "plans.h"
#include "ops.h"

#define ADMIN_NAME	"hall-admin"
#define ADMIN_REGION	"420100"	/* 武汉市: policy region of the demo */
#define ADMIN_PW_LEN	12
#define ADMIN_CERT_MAX	(64 * 1024)
#define DEMO_P12_PW	"hall-demo"

#define EXIT_USAGE	2

/* The hall's CA certificate file (-c, else HALL_CA), or NULL. */
static const char	*admin_ca;

/* The database file (-d, else HALL_DB). */
static const char	*admin_db;

/* ---- Small helpers ---- */

/* Prints the usage to stderr.  Returns EXIT_USAGE. */
static int
admin_usage(void)
{
	fputs("用法: hall-admin -d DB [-c CA.crt] 命令 [参数...]\n"
	    "  init                         创建/升级数据库并写入默认政策参数\n"
	    "  unit-add USCC NAME [--vip] [--region CODE]\n"
	    "                               新增单位,输出单位编号\n"
	    "  account-add unit|reviewer USERNAME DISPLAYNAME [UNIT_ID]\n"
	    "                               新增账户,输出一次性初始密码\n"
	    "  cert-bind USERNAME CERT.pem  把本网厅 CA 签发的证书绑定到账户"
	    "(须 -c)\n"
	    "  cert-revoke CERT.pem         在库中吊销证书(CRL 由 certs/ 脚本更新)\n"
	    "  password-reset USERNAME      重置为新的初始密码并解锁\n"
	    "  integ-add USERNAME DISPLAYNAME UNIT_ID CERT.pem\n"
	    "                               新增单位的集成账户(人事系统接口,"
	    "无密码,\n"
	    "                               只凭证书访问,默认只读)并绑定其"
	    "专用证书(须 -c)\n"
	    "  integ-grant USERNAME read|write\n"
	    "                               集成账户只读,或准许提交(POST)\n"
	    "  backup DEST                  在线备份数据库到 DEST\n"
	    "  audit-verify [HEAD]          校验审计链,输出链头;给出先前记下的\n"
	    "                               链头时同时核对它仍在链中\n"
	    "  checkpoint                   WAL 检查点(可用空间少于 WAL 大小时跳过;并按需更新查询统计信息)\n"
	    "  health [--run DIR] [--programs A,B] [--cert FILE]... [阈值]\n"
	    "                               监控检查:磁盘、WAL、检查点与备份时间、\n"
	    "                               程序、审计链头、证书与 CRL;\n"
	    "                               退出码 0 正常 1 警告 2 严重\n"
	    "         阈值: --disk-warn MB(512) --disk-crit MB(64)\n"
	    "               --wal-warn MB(64) --wal-crit MB(256)\n"
	    "               --checkpoint-warn 分(5) --checkpoint-crit 分(15)\n"
	    "               --backup-warn 时(26) --backup-crit 时(50)\n"
	    "               --cert-days 天(30)\n"
	    "  restore BACKUP               用备份替换数据库(须先停止网厅;\n"
	    "                               被替换的库改名保留)\n"
	    "  demo CERTDIR OUT.txt         生成演示数据与演示账户清单\n"
	    "  demo-seal OUT.png            生成标有「演示」的演示印章图片"
	    "(HALL_SEAL_PNG,\n"
	    "                               不需 -d;机构名取 HALL_ORG)\n"
	    "  populate [--persons N] [--units N] [--big-unit N]\n"
	    "           [--big-unit-id ID] [--tasks N] [--seed N]\n"
	    "                               生成压测/容量规划用的大规模数据"
	    "(须先停止网厅)\n"
	    "  plans [--analyze] [--allow FILE] [--programs A,B] SQL.log...\n"
	    "                               检查日志中每条 SQL 的查询计划:"
	    "全表扫描\n"
	    "                               或临时 B 树排序即失败"
	    "(--analyze: 无统计信息时\n"
	    "                               先运行 ANALYZE;--programs: 这些程序\n"
	    "                               都须写过日志)\n"
	    "  receipt-qr NO                输出回执 NO 的二维码内容(含签名,须\n"
	    "                               HALL_RECEIPT_KEY 指向签名私钥)\n"
	    "  receipt-verify QR|URL|- CERT.pem\n"
	    "                               离线验证回执二维码的签名(不需数据库;\n"
	    "                               - 从标准输入读);退出码 0 真实\n"
	    "                               1 不符 2 内容不完整或用法错误\n"
	    "数据库也可由环境变量 HALL_DB 指定,CA 证书由 HALL_CA 指定。\n",
	    stderr);
	return EXIT_USAGE;
}

/* Prints "hall-admin: msg" to stderr.  Returns 1 (the failure exit). */
static int
admin_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
admin_fail(const char *fmt, ...)
{
	va_list	 ap;

	fputs(ADMIN_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* Appends an audit row as the system actor.  Must run inside a
 * transaction.  Returns 0 or -1. */
static int
admin_audit(struct store *s, const char *action, const char *object,
    const char *detail)
{
	struct actor	 who;

	memset(&who, 0, sizeof(who));
	who.account_id = 0;
	who.unit_id = 0;
	who.name = ADMIN_NAME;
	who.cert_fp = "";
	return audit_append(s, &who, action, object, detail);
}

/* One audit row in its own transaction.  Returns 0 or -1. */
static int
admin_audit_tx(struct store *s, const char *action, const char *object,
    const char *detail)
{
	if (store_begin(s) == -1)
		return -1;
	if (admin_audit(s, action, object, detail) == -1) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

/* The single integer that literal sql yields with text parameter p1
 * (may be NULL: no binding) into *out.  Returns 0 row, 1 no row,
 * -1 error. */
static int
admin_int(struct store *s, const char *sql, const char *p1, int64_t *out)
{
	struct store_stmt	*st;
	int		 rc;

	*out = 0;
	if ((st = store_stmt(s, sql)) == NULL ||
	    (p1 != NULL && store_bind_text(st, 1, p1) != 0))
		return -1;
	rc = store_step_int(st, 0, out);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* Makes a random initial password of ADMIN_PW_LEN letters and digits
 * (at least one of each, no look-alikes 0/O/1/l/I) into out.
 * Returns 0 or -1. */
static int
admin_pw_new(char out[ADMIN_PW_LEN + 1])
{
	static const char	 cs[] = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	    "abcdefghijkmnpqrstuvwxyz23456789";
	const size_t		 ncs = sizeof(cs) - 1;	/* 56 */
	unsigned char		 b;
	size_t			 n;
	int			 letter, digit, tries;

	for (tries = 0; tries < 100; tries++) {
		letter = digit = 0;
		for (n = 0; n < ADMIN_PW_LEN; ) {
			if (RAND_bytes(&b, 1) != 1)
				return -1;
			if (b >= 256 - 256 % ncs)	/* no modulo bias */
				continue;
			out[n] = cs[b % ncs];
			if (out[n] >= '2' && out[n] <= '9')
				digit = 1;
			else
				letter = 1;
			n++;
		}
		out[n] = '\0';
		if (letter && digit)
			return 0;
	}
	return -1;
}

/* Whether name is a valid user name: 3-32 of [a-z0-9._-], starting
 * with a letter or digit.  Returns 1 or 0. */
static int
admin_username_ok(const char *name)
{
	size_t	 i, n = strlen(name);

	if (n < 3 || n > 32)
		return 0;
	for (i = 0; i < n; i++) {
		if ((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9'))
			continue;
		if (i > 0 && strchr("._-", name[i]) != NULL)
			continue;
		return 0;
	}
	return 1;
}

/* Whether s is exactly six digits.  Returns 1 or 0. */
static int
admin_region_ok(const char *s)
{
	size_t	 i;

	for (i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[6] == '\0';
}

/* Reads the certificate file path into a new buffer (caller frees) of
 * *szp bytes.  Returns NULL (message printed) on failure. */
static char *
admin_read_file(const char *path, size_t *szp)
{
	FILE	*f;
	char	*buf;
	size_t	 n;

	if ((f = fopen(path, "re")) == NULL) {
		admin_fail("无法读取 %s: %s", path, strerror(errno));
		return NULL;
	}
	if ((buf = malloc(ADMIN_CERT_MAX + 1)) == NULL) {
		fclose(f);
		admin_fail("内存不足");
		return NULL;
	}
	n = fread(buf, 1, ADMIN_CERT_MAX + 1, f);
	if (ferror(f) || n > ADMIN_CERT_MAX) {
		fclose(f);
		free(buf);
		admin_fail("%s: 读取失败或文件过大", path);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*szp = n;
	return buf;
}

/* Reads and parses the certificate file path into id (not verified).
 * Returns 0 or 1 (message printed). */
static int
admin_cert_file(const char *path, struct ident *id)
{
	char	*pem;
	size_t	 sz;
	int	 rc;

	if ((pem = admin_read_file(path, &sz)) == NULL)
		return 1;
	rc = ident_parse_pem(pem, sz, id);
	free(pem);
	if (rc == -1)
		return admin_fail("%s 不是 PEM 格式的证书", path);
	return 0;
}

/* Checks that the certificate file path was issued by the hall's CA
 * (admin_ca: -c or HALL_CA), so that no account is bound to a
 * certificate nginx would refuse anyway, or to another CA's.
 * Returns 0 or 1 (message printed). */
static int
admin_cert_issuer(const char *path)
{
	char	*pem;
	size_t	 sz;
	int	 rc;

	if (admin_ca == NULL || admin_ca[0] == '\0')
		return admin_fail("绑定证书须指定本网厅的 CA 证书:"
		    "-c CA.crt 或环境变量 HALL_CA");
	if (ident_init(admin_ca) == -1)
		return admin_fail("无法读取 CA 证书 %s", admin_ca);
	if ((pem = admin_read_file(path, &sz)) == NULL)
		return 1;
	rc = ident_check_issuer(pem, sz);
	free(pem);
	if (rc == -1)
		return admin_fail("%s 不是本网厅 CA(%s)签发的客户端证书,"
		    "未绑定", path, admin_ca);
	return 0;
}

/* ---- Units, accounts, certificates (inside a transaction) ---- */

/* Extra facts of a unit (all may be NULL). */
struct admin_unit_extra {
	const char	*legal_rep;
	const char	*contact;
	const char	*phone;
	const char	*postcode;
	const char	*address;
	int		 industry_permille;	/* 0: the default 5 */
};

/* Inserts a unit with a generated 单位社保编号 (region + 6-digit
 * sequence).  Returns the new id, or -1 (message printed). */
static int64_t
admin_unit_insert(struct store *s, const char *uscc, const char *name,
    int vip, const char *region, const struct admin_unit_extra *ex)
{
	struct store_stmt	*st;
	int64_t		 next, dummy;
	char		 sb[32];

	if (valid_uscc(uscc) != VALID_OK) {
		admin_fail("统一社会信用代码 %s 不正确", uscc);
		return -1;
	}
	if (name[0] == '\0' || valid_text(name, 100) != VALID_OK) {
		admin_fail("单位名称不正确(1-100 个字符)");
		return -1;
	}
	if (!admin_region_ok(region)) {
		admin_fail("行政区划代码应为 6 位数字");
		return -1;
	}
	switch (admin_int(s, "SELECT id FROM units WHERE uscc = ?", uscc,
	    &dummy)) {
	case 0:
		admin_fail("统一社会信用代码 %s 已登记(单位 %lld)", uscc,
		    (long long)dummy);
		return -1;
	case 1:
		break;
	default:
		return -1;
	}
	if (admin_int(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM units", NULL,
	    &next) != 0)
		return -1;
	snprintf(sb, sizeof(sb), "%s%06lld", region, (long long)next);
	st = store_stmt(s, "INSERT INTO units (uscc, name, sb_code, vip,"
	    " region, industry_rate_permille, legal_rep, contact, phone,"
	    " postcode, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st == NULL || store_bind_text(st, 1, uscc) != 0 ||
	    store_bind_text(st, 2, name) != 0 ||
	    store_bind_text(st, 3, sb) != 0 ||
	    store_bind_int(st, 4, vip ? 1 : 0) != 0 ||
	    store_bind_text(st, 5, region) != 0 ||
	    store_bind_int(st, 6, ex != NULL && ex->industry_permille > 0 ?
	    ex->industry_permille : 5) != 0 ||
	    store_bind_text(st, 7, ex != NULL && ex->legal_rep != NULL ?
	    ex->legal_rep : "") != 0 ||
	    store_bind_text(st, 8, ex != NULL && ex->contact != NULL ?
	    ex->contact : "") != 0 ||
	    store_bind_text(st, 9, ex != NULL && ex->phone != NULL ?
	    ex->phone : "") != 0 ||
	    store_bind_text(st, 10, ex != NULL && ex->postcode != NULL ?
	    ex->postcode : "") != 0 ||
	    store_bind_text(st, 11, ex != NULL && ex->address != NULL ?
	    ex->address : "") != 0 ||
	    store_exec_stmt(s, st) == -1) {
		admin_fail("无法写入单位");
		return -1;
	}
	return store_last_id(s);
}

/* Inserts an account with a fresh initial password (written to pw,
 * must_change = 1).  unit_id is 0 for a reviewer.  Returns the new id,
 * or -1 (message printed). */
static int64_t
admin_account_insert(struct store *s, enum account_kind kind,
    const char *username, const char *display, int64_t unit_id,
    char pw[ADMIN_PW_LEN + 1])
{
	struct store_stmt	*st;
	char		 hash[256];
	int64_t		 dummy;

	if (!admin_username_ok(username)) {
		admin_fail("用户名应为 3-32 个小写字母、数字或 ._-");
		return -1;
	}
	if (display[0] == '\0' || valid_text(display, 60) != VALID_OK) {
		admin_fail("显示名称不正确(1-60 个字符)");
		return -1;
	}
	switch (admin_int(s, "SELECT id FROM accounts WHERE username = ?",
	    username, &dummy)) {
	case 0:
		admin_fail("用户名 %s 已存在", username);
		return -1;
	case 1:
		break;
	default:
		return -1;
	}
	if (kind == ACCT_UNIT) {
		st = store_stmt(s, "SELECT status FROM units WHERE id = ?");
		if (st == NULL || store_bind_int(st, 1, unit_id) != 0)
			return -1;
		if (store_step(st) != STORE_ROW) {
			store_reset(st);
			admin_fail("单位 %lld 不存在", (long long)unit_id);
			return -1;
		}
		store_reset(st);
	}
	if (admin_pw_new(pw) == -1 || pw_hash(pw, hash, sizeof(hash)) == -1) {
		admin_fail("无法生成初始密码");
		return -1;
	}
	st = store_stmt(s, "INSERT INTO accounts (kind, unit_id, username,"
	    " display_name, pw_hash, must_change, created_at)"
	    " VALUES (?, ?, ?, ?, ?, 1, ?)");
	if (st == NULL ||
	    store_bind_text(st, 1, kind == ACCT_UNIT ? "unit" : "reviewer") != 0 ||
	    (kind == ACCT_UNIT ? store_bind_int(st, 2, unit_id) :
	    store_bind_text(st, 2, NULL)) != 0 ||
	    store_bind_text(st, 3, username) != 0 ||
	    store_bind_text(st, 4, display) != 0 ||
	    store_bind_text(st, 5, hash) != 0 ||
	    store_bind_int(st, 6, (int64_t)clock_now()) != 0 ||
	    store_exec_stmt(s, st) == -1) {
		admin_fail("无法写入账户");
		return -1;
	}
	return store_last_id(s);
}

/* Binds the certificate id to account_id (revoked: stored as revoked).
 * Returns 0 or 1 (message printed). */
static int
admin_cert_insert(struct store *s, int64_t account_id,
    const struct ident *id, int revoked)
{
	struct store_stmt	*st;
	int64_t		 owner;

	switch (admin_int(s, "SELECT account_id FROM certs"
	    " WHERE fingerprint = ?", id->fp, &owner)) {
	case 0:
		return admin_fail("证书 %s 已绑定到账户 %lld", id->fp,
		    (long long)owner);
	case 1:
		break;
	default:
		return 1;
	}
	st = store_stmt(s, "INSERT INTO certs (fingerprint, account_id,"
	    " serial, subject, not_after, revoked) VALUES (?, ?, ?, ?, ?, ?)");
	if (st == NULL || store_bind_text(st, 1, id->fp) != 0 ||
	    store_bind_int(st, 2, account_id) != 0 ||
	    store_bind_text(st, 3, id->serial) != 0 ||
	    store_bind_text(st, 4, id->subject) != 0 ||
	    store_bind_int(st, 5, (int64_t)id->not_after) != 0 ||
	    store_bind_int(st, 6, revoked ? 1 : 0) != 0 ||
	    store_exec_stmt(s, st) == -1)
		return admin_fail("无法写入证书绑定");
	return 0;
}

/* The id of account username into *id.  Returns 0 or 1 (message). */
static int
admin_account_id(struct store *s, const char *username, int64_t *id)
{
	switch (admin_int(s, "SELECT id FROM accounts WHERE username = ?",
	    username, id)) {
	case 0:
		return 0;
	case 1:
		return admin_fail("用户 %s 不存在", username);
	default:
		return 1;
	}
}

/* Whether account id is an integration account (0 also on error). */
static int
admin_is_integ(struct store *s, int64_t id)
{
	char	 buf[24];
	int64_t	 v;

	snprintf(buf, sizeof(buf), "%lld", (long long)id);
	return admin_int(s, "SELECT integration FROM accounts WHERE id = ?",
	    buf, &v) == 0 && v == 1;
}

/* Deletes every session of account id, or of certificate fp when fp is
 * not NULL.  Returns 0 or -1. */
static int
admin_drop_sessions(struct store *s, int64_t id, const char *fp)
{
	struct store_stmt	*st;

	if (fp != NULL) {
		st = store_stmt(s, "DELETE FROM sessions WHERE cert_fp = ?");
		if (st == NULL || store_bind_text(st, 1, fp) != 0)
			return -1;
	} else {
		st = store_stmt(s, "DELETE FROM sessions WHERE account_id = ?");
		if (st == NULL || store_bind_int(st, 1, id) != 0)
			return -1;
	}
	return store_exec_stmt(s, st);
}

/* ---- Commands ---- */

/* init: the database exists and is migrated (store_open did it); seeds
 * the policy defaults.  Returns the exit code. */
static int
cmd_init(struct store *s, int argc, char **argv)
{
	char	 detail[32];

	if (policy_seed_defaults(s) == -1)
		return admin_fail("无法写入默认政策参数");
	snprintf(detail, sizeof(detail), "schema %d", store_schema_version());
	if (admin_audit_tx(s, "admin.init", "store", detail) == -1)
		return admin_fail("无法写入审计记录");
	printf("数据库已就绪(结构版本 %d),默认政策参数已写入\n",
	    store_schema_version());
	return 0;
}

/* unit-add USCC NAME [--vip] [--region CODE].  Returns the exit code. */
static int
cmd_unit_add(struct store *s, int argc, char **argv)
{
	const char	*region = ADMIN_REGION;
	char		 obj[48];
	int64_t		 id;
	int		 vip = 0, i;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--vip") == 0)
			vip = 1;
		else if (strcmp(argv[i], "--region") == 0 && i + 1 < argc)
			region = argv[++i];
		else
			return admin_usage();
	}
	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	if ((id = admin_unit_insert(s, argv[0], argv[1], vip, region,
	    NULL)) == -1)
		goto fail;
	snprintf(obj, sizeof(obj), "unit:%lld", (long long)id);
	if (admin_audit(s, "admin.unit-add", obj, vip ? "VIP" : "普通") == -1)
		goto fail;
	if (store_commit(s) == -1)
		return admin_fail("提交失败");
	printf("%lld\n", (long long)id);
	return 0;
fail:
	store_rollback(s);
	return 1;
}

/* account-add unit|reviewer USERNAME DISPLAYNAME [UNIT_ID].
 * Returns the exit code. */
static int
cmd_account_add(struct store *s, int argc, char **argv)
{
	enum account_kind kind;
	char		 pw[ADMIN_PW_LEN + 1], obj[48], *end;
	int64_t		 id, unit_id = 0;

	if (strcmp(argv[0], "unit") == 0) {
		kind = ACCT_UNIT;
		if (argc != 4)
			return admin_usage();
		errno = 0;
		unit_id = strtoll(argv[3], &end, 10);
		if (errno != 0 || *end != '\0' || unit_id <= 0)
			return admin_fail("单位编号 %s 不正确", argv[3]);
	} else if (strcmp(argv[0], "reviewer") == 0) {
		kind = ACCT_REVIEWER;
		if (argc != 3)
			return admin_usage();
	} else
		return admin_usage();
	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	if ((id = admin_account_insert(s, kind, argv[1], argv[2], unit_id,
	    pw)) == -1)
		goto fail;
	snprintf(obj, sizeof(obj), "account:%lld", (long long)id);
	if (admin_audit(s, "admin.account-add", obj, argv[1]) == -1)
		goto fail;
	if (store_commit(s) == -1)
		return admin_fail("提交失败");
	printf("账户 %lld %s 已创建\n初始密码: %s\n"
	    "(只显示这一次;首次登录须修改)\n", (long long)id, argv[1], pw);
	OPENSSL_cleanse(pw, sizeof(pw));
	return 0;
fail:
	OPENSSL_cleanse(pw, sizeof(pw));
	store_rollback(s);
	return 1;
}

/* cert-bind USERNAME CERT.pem.  Returns the exit code. */
static int
cmd_cert_bind(struct store *s, int argc, char **argv)
{
	struct ident	 id;
	char		 obj[48];
	int64_t		 acct;

	if (admin_cert_file(argv[1], &id) != 0 ||
	    admin_cert_issuer(argv[1]) != 0)
		return 1;
	if (id.not_after < clock_now())
		fprintf(stderr, ADMIN_NAME ": 注意: 证书已过期,仍然绑定\n");
	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	if (admin_account_id(s, argv[0], &acct) != 0)
		goto fail;
	/* An integration account's certificate is its own, made for the
	 * HR system (integ-add): a second one would be a second login
	 * without a password. */
	if (admin_is_integ(s, acct)) {
		admin_fail("%s 是集成账户,只绑定 integ-add 时的专用证书",
		    argv[0]);
		goto fail;
	}
	if (admin_cert_insert(s, acct, &id, 0) != 0)
		goto fail;
	snprintf(obj, sizeof(obj), "account:%lld", (long long)acct);
	if (admin_audit(s, "admin.cert-bind", obj, id.fp) == -1)
		goto fail;
	if (store_commit(s) == -1)
		return admin_fail("提交失败");
	printf("证书已绑定到 %s\n指纹 SHA-256: %s\n序列号: %s\n主题: %s\n",
	    argv[0], id.fp, id.serial, id.subject);
	return 0;
fail:
	store_rollback(s);
	return 1;
}

/* cert-revoke CERT.pem: marks the binding revoked and ends the
 * certificate's sessions.  Returns the exit code. */
static int
cmd_cert_revoke(struct store *s, int argc, char **argv)
{
	struct ident	 id;
	struct store_stmt	*st;
	char		 obj[80];

	if (admin_cert_file(argv[0], &id) != 0)
		return 1;
	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	st = store_stmt(s, "UPDATE certs SET revoked = 1 WHERE fingerprint = ?");
	if (st == NULL || store_bind_text(st, 1, id.fp) != 0 ||
	    store_exec_stmt(s, st) == -1)
		goto fail;
	if (store_changes(s) == 0) {
		admin_fail("证书 %s 未绑定任何账户", id.fp);
		goto fail;
	}
	if (admin_drop_sessions(s, 0, id.fp) == -1)
		goto fail;
	snprintf(obj, sizeof(obj), "cert:%.64s", id.fp);
	if (admin_audit(s, "admin.cert-revoke", obj, id.serial) == -1)
		goto fail;
	if (store_commit(s) == -1)
		return admin_fail("提交失败");
	printf("证书 %s 已在库中吊销;请用 certs/revoke.sh 更新 CRL 并重新加载"
	    " nginx\n", id.fp);
	return 0;
fail:
	store_rollback(s);
	return 1;
}

/* integ-add USERNAME DISPLAYNAME UNIT_ID CERT.pem: an integration
 * account of unit UNIT_ID (kind unit, integration = 1, read-only, no
 * password: pw_hash "!" matches none, no initial password to change)
 * bound to the certificate, issued by the hall's CA (-c), in one
 * transaction.  Returns the exit code. */
static int
cmd_integ_add(struct store *s, int argc, char **argv)
{
	struct ident		 id;
	struct store_stmt	*st;
	char			 obj[48], *end;
	int64_t			 unit_id, acct, dummy;

	errno = 0;
	unit_id = strtoll(argv[2], &end, 10);
	if (errno != 0 || *end != '\0' || unit_id <= 0)
		return admin_fail("单位编号 %s 不正确", argv[2]);
	if (!admin_username_ok(argv[0]))
		return admin_fail("用户名应为 3-32 个小写字母、数字或 ._-");
	if (argv[1][0] == '\0' || valid_text(argv[1], 60) != VALID_OK)
		return admin_fail("显示名称不正确(1-60 个字符)");
	if (admin_cert_file(argv[3], &id) != 0 ||
	    admin_cert_issuer(argv[3]) != 0)
		return 1;
	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	switch (admin_int(s, "SELECT id FROM accounts WHERE username = ?",
	    argv[0], &dummy)) {
	case 0:
		admin_fail("用户名 %s 已存在", argv[0]);
		goto fail;
	case 1:
		break;
	default:
		goto fail;
	}
	st = store_stmt(s, "INSERT INTO accounts (kind, unit_id, username,"
	    " display_name, pw_hash, must_change, created_at, integration,"
	    " may_write) SELECT 'unit', id, ?, ?, '!', 0, ?, 1, 0"
	    " FROM units WHERE id = ? AND status = '正常'");
	if (st == NULL || store_bind_text(st, 1, argv[0]) != 0 ||
	    store_bind_text(st, 2, argv[1]) != 0 ||
	    store_bind_int(st, 3, (int64_t)clock_now()) != 0 ||
	    store_bind_int(st, 4, unit_id) != 0 ||
	    store_exec_stmt(s, st) == -1) {
		admin_fail("无法写入账户");
		goto fail;
	}
	if (store_changes(s) == 0) {
		admin_fail("单位 %lld 不存在或已注销", (long long)unit_id);
		goto fail;
	}
	acct = store_last_id(s);
	if (admin_cert_insert(s, acct, &id, 0) != 0)
		goto fail;
	snprintf(obj, sizeof(obj), "account:%lld", (long long)acct);
	if (admin_audit(s, "admin.integ-add", obj, id.fp) == -1)
		goto fail;
	if (store_commit(s) == -1)
		return admin_fail("提交失败");
	printf("集成账户 %lld %s 已创建(单位 %lld,只读,无密码)\n"
	    "证书指纹 SHA-256: %s\n主题: %s\n", (long long)acct, argv[0],
	    (long long)unit_id, id.fp, id.subject);
	return 0;
fail:
	store_rollback(s);
	return 1;
}

/* integ-grant USERNAME read|write: whether the integration account may
 * POST.  Returns the exit code. */
static int
cmd_integ_grant(struct store *s, int argc, char **argv)
{
	struct store_stmt	*st;
	char			 obj[48];
	int64_t			 acct;
	int			 w;

	if (strcmp(argv[1], "write") == 0)
		w = 1;
	else if (strcmp(argv[1], "read") == 0)
		w = 0;
	else
		return admin_usage();
	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	if (admin_account_id(s, argv[0], &acct) != 0)
		goto fail;
	if (!admin_is_integ(s, acct)) {
		admin_fail("%s 不是集成账户", argv[0]);
		goto fail;
	}
	st = store_stmt(s, "UPDATE accounts SET may_write = ? WHERE id = ?");
	if (st == NULL || store_bind_int(st, 1, w) != 0 ||
	    store_bind_int(st, 2, acct) != 0 || store_exec_stmt(s, st) == -1)
		goto fail;
	snprintf(obj, sizeof(obj), "account:%lld", (long long)acct);
	if (admin_audit(s, "admin.integ-grant", obj, argv[1]) == -1)
		goto fail;
	if (store_commit(s) == -1)
		return admin_fail("提交失败");
	printf("集成账户 %s: %s\n", argv[0], w ? "准许提交(查询与提交)" :
	    "只读(只能查询)");
	return 0;
fail:
	store_rollback(s);
	return 1;
}

/* password-reset USERNAME: a new initial password, must_change = 1,
 * unlocked, sessions ended.  Returns the exit code. */
static int
cmd_password_reset(struct store *s, int argc, char **argv)
{
	struct store_stmt	*st;
	char		 pw[ADMIN_PW_LEN + 1], hash[256], obj[48];
	int64_t		 acct;

	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	if (admin_account_id(s, argv[0], &acct) != 0)
		goto fail;
	if (admin_is_integ(s, acct)) {
		admin_fail("%s 是集成账户,没有密码(只凭证书访问)", argv[0]);
		goto fail;
	}
	if (admin_pw_new(pw) == -1 || pw_hash(pw, hash, sizeof(hash)) == -1) {
		admin_fail("无法生成初始密码");
		goto fail;
	}
	st = store_stmt(s, "UPDATE accounts SET pw_hash = ?, must_change = 1,"
	    " failed = 0, locked_until = 0 WHERE id = ?");
	if (st == NULL || store_bind_text(st, 1, hash) != 0 ||
	    store_bind_int(st, 2, acct) != 0 || store_exec_stmt(s, st) == -1 ||
	    admin_drop_sessions(s, acct, NULL) == -1)
		goto fail;
	snprintf(obj, sizeof(obj), "account:%lld", (long long)acct);
	if (admin_audit(s, "admin.password-reset", obj, NULL) == -1)
		goto fail;
	if (store_commit(s) == -1)
		return admin_fail("提交失败");
	printf("%s 的新初始密码: %s\n(只显示这一次;登录后须修改)\n",
	    argv[0], pw);
	OPENSSL_cleanse(pw, sizeof(pw));
	return 0;
fail:
	OPENSSL_cleanse(pw, sizeof(pw));
	store_rollback(s);
	return 1;
}

/* backup DEST: an online copy through the backup API; DEST must not
 * exist.  Returns the exit code. */
static int
cmd_backup(struct store *s, int argc, char **argv)
{
	struct stat	 sb;

	if (stat(argv[0], &sb) == 0)
		return admin_fail("%s 已存在,不会覆盖", argv[0]);
	if (admin_audit_tx(s, "admin.backup", "store", argv[0]) == -1)
		return admin_fail("无法写入审计记录");
	if (store_backup(s, argv[0]) == -1)
		return admin_fail("备份到 %s 失败", argv[0]);
	printf("已备份到 %s\n", argv[0]);
	return 0;
}

/* Prints the id and hash of the newest audit row: the head an operator
 * records outside the machine.  Returns 0 or 1 (message printed). */
static int
admin_audit_head(struct store *s)
{
	struct store_stmt	*st;
	int		 rc = 1;

	if ((st = store_stmt(s, "SELECT id, hash FROM audit "
	    "WHERE id = (SELECT max(id) FROM audit)")) == NULL)
		return admin_fail("无法读取审计链");
	if (store_step(st) == STORE_ROW) {
		printf("链头: 第 %lld 行 %s\n(请把链头记在本机之外;日后用 "
		    "audit-verify 链头哈希 可证明此前的记录未被删改)\n",
		    (long long)store_col_int64(st, 0),
		    store_col_text(st, 1));
		rc = 0;
	}
	store_reset(st);
	return rc;
}

/* Whether the audit row of hash head (a head recorded earlier) is
 * still in the chain: 0 yes, 1 no (message printed), -1 error. */
static int
admin_audit_has(struct store *s, const char *head)
{
	int64_t	 id;
	int	 rc;

	rc = admin_int(s, "SELECT id FROM audit WHERE hash = ?", head, &id);
	if (rc == 1)
		admin_fail("记录的链头 %.64s 不在审计链中:审计记录被删除或改写",
		    head);
	else if (rc == 0)
		printf("记录的链头仍在链中(第 %lld 行)\n", (long long)id);
	return rc;
}

/* audit-verify [HEAD]: walks the chain and, with HEAD (a hash printed
 * by an earlier run), checks that the row of that hash is still in it,
 * which shows that no row up to it was removed or rewritten even by
 * someone able to recompute the hashes after it.  Prints the new head.
 * Returns 0, or 1 naming the first bad row or the missing head. */
static int
cmd_audit_verify(struct store *s, int argc, char **argv)
{
	int64_t		 n, bad = 0;
	char		 detail[64];

	if (argc == 1 && admin_audit_has(s, argv[0]) != 0)
		return 1;
	n = audit_verify(s, &bad);
	if (n < 0)
		snprintf(detail, sizeof(detail), "broken at row %lld",
		    (long long)bad);
	else
		snprintf(detail, sizeof(detail), "%lld rows ok", (long long)n);
	if (admin_audit_tx(s, "admin.audit-verify", "audit", detail) == -1)
		return admin_fail("无法写入审计记录");
	if (n < 0)
		return admin_fail("审计链损坏:第 %lld 行的哈希或链接不符",
		    (long long)bad);
	printf("审计链完好,已校验 %lld 行\n", (long long)n);
	return admin_audit_head(s);
}

/* checkpoint: the planner's statistics refreshed when missing or stale
 * (store_optimize: a sampled ANALYZE, PRAGMA optimize), then PRAGMA
 * wal_checkpoint(TRUNCATE) so that the WAL ends empty.  Not audited: it changes no data and runs every minute (the
 * timer, make run's supervisor), so its rows would bury the rest.
 * Returns the exit code. */
static int
cmd_checkpoint(struct store *s, int argc, char **argv)
{
	int64_t	 wal, avail, wal2, avail2;

	if (store_is_pg(admin_db)) {
		printf("PostgreSQL:检查点由数据库服务器自行完成,清理由 "
		    "autovacuum 完成;无需定时运行本命令\n");
		return 0;
	}
	if (ops_room(admin_db, &wal, &avail) == -1)
		return admin_fail("检查点失败:无法读取 %s 的 WAL 或可用空间: %s",
		    admin_db, strerror(errno));
	/* A checkpoint copies the WAL's pages into the database, which
	 * may grow by as much; on a disk without that room it would
	 * fill the space an operator just freed and leave the WAL as
	 * it was, so writes would stop again.  Skip until there is. */
	if (wal > 0 && avail < wal + OPS_CKPT_SLACK)
		return admin_fail("检查点已跳过:可用 %.1f MB,少于 WAL %.1f MB "
		    "+ 1 MB;请至少释放 %.1f MB(hall-admin health)",
		    (double)avail / 1048576, (double)wal / 1048576,
		    (double)(wal + OPS_CKPT_SLACK - avail) / 1048576);
	if (store_checkpoint(s) == -1) {
		if (ops_room(admin_db, &wal2, &avail2) == -1)
			wal2 = avail2 = -1;
		return admin_fail("检查点失败(之前 WAL %lld 字节、可用 %lld 字节;"
		    "之后 WAL %lld 字节、可用 %lld 字节);下一分钟重试",
		    (long long)wal, (long long)avail, (long long)wal2,
		    (long long)avail2);
	}
	if (ops_ckpt_stamp(admin_db, clock_now()) == -1)
		fprintf(stderr, ADMIN_NAME ": 检查点已完成,但无法记录时间到 "
		    "%s-checkpoint: %s\n", admin_db, strerror(errno));
	return 0;
}

/* Reads a non-negative number option's value argv[*i + 1] times unit
 * into *out.  Returns 0 or -1. */
static int
admin_opt_scaled(int argc, char **argv, int *i, int64_t unit, int64_t *out)
{
	char		*end;
	long long	 v;

	if (*i + 1 >= argc)
		return -1;
	errno = 0;
	v = strtoll(argv[*i + 1], &end, 10);
	if (errno != 0 || *end != '\0' || end == argv[*i + 1] || v < 0 ||
	    v > INT64_MAX / unit)
		return -1;
	*out = (int64_t)v * unit;
	(*i)++;
	return 0;
}

/* health [options]: the monitoring checks (admin/ops.c), one line each;
 * exits 0 ok, 1 warning, 2 critical (Nagios).  Certificates: the CA
 * (-c or HALL_CA), HALL_CRL and the server certificate beside the CA
 * (server.crt) when present, plus every --cert.  Writes nothing. */
static int
cmd_health(struct store *s, int argc, char **argv)
{
	static const struct {
		const char	*name;
		size_t		 off;
		int64_t		 unit;
	} nums[] = {
	{ "--disk-warn", offsetof(struct ops_health_opts, disk_warn), 1048576 },
	{ "--disk-crit", offsetof(struct ops_health_opts, disk_crit), 1048576 },
	{ "--wal-warn", offsetof(struct ops_health_opts, wal_warn), 1048576 },
	{ "--wal-crit", offsetof(struct ops_health_opts, wal_crit), 1048576 },
	{ "--checkpoint-warn", offsetof(struct ops_health_opts, ckpt_warn), 60 },
	{ "--checkpoint-crit", offsetof(struct ops_health_opts, ckpt_crit), 60 },
	{ "--backup-warn", offsetof(struct ops_health_opts, backup_warn), 3600 },
	{ "--backup-crit", offsetof(struct ops_health_opts, backup_crit), 3600 },
	{ "--cert-days", offsetof(struct ops_health_opts, cert_days), 1 },
	};
	struct ops_health_opts	 o;
	static char		 server[4096];
	const char		*crl = getenv("HALL_CRL"), *sl;
	size_t			 k;
	int			 i;

	ops_health_defaults(&o, admin_db);
	if (admin_ca != NULL && admin_ca[0] != '\0') {
		o.certs[o.ncerts++] = admin_ca;
		sl = strrchr(admin_ca, '/');
		snprintf(server, sizeof(server), "%.*sserver.crt",
		    sl == NULL ? 0 : (int)(sl - admin_ca + 1), admin_ca);
		if (access(server, R_OK) == 0)
			o.certs[o.ncerts++] = server;
	}
	if (crl != NULL && crl[0] != '\0')
		o.certs[o.ncerts++] = crl;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--run") == 0 && i + 1 < argc)
			o.run = argv[++i];
		else if (strcmp(argv[i], "--programs") == 0 && i + 1 < argc)
			o.programs = argv[++i];
		else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc &&
		    o.ncerts < OPS_CERTS_MAX)
			o.certs[o.ncerts++] = argv[++i];
		else {
			for (k = 0; k < sizeof(nums) / sizeof(nums[0]); k++)
				if (strcmp(argv[i], nums[k].name) == 0)
					break;
			if (k == sizeof(nums) / sizeof(nums[0]) ||
			    admin_opt_scaled(argc, argv, &i, nums[k].unit,
			    (int64_t *)(void *)((char *)&o + nums[k].off)) == -1)
				return admin_usage();
		}
	}
	return ops_health(s, &o, stdout);
}

/* restore BACKUP: see ops_restore(); run without the store open. */
static int
cmd_restore(const char *db, const char *backup)
{
	return ops_restore(db, backup, stdout, stderr);
}

/* ---- The demo world ---- */

/* A deterministic generator for demo data (xorshift32; NOT for
 * secrets: passwords come from RAND_bytes). */
struct demo_rng {
	uint32_t	 x;
};

/* Next number in [0, n). */
static uint32_t
demo_rand(struct demo_rng *g, uint32_t n)
{
	g->x ^= g->x << 13;
	g->x ^= g->x >> 17;
	g->x ^= g->x << 5;
	return n == 0 ? 0 : g->x % n;
}

/* Writes a valid GB 32100 统一社会信用代码 into out[19]: 9 (工商) 1
 * (企业), the 6-digit region, the 8 digits of org with their GB 11714
 * check character, and the MOD 31 check character. */
static void
demo_uscc(const char *region, const char *org, char out[19])
{
	static const char	 cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int	 w31[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20,
	    29, 25, 13, 8, 24, 10, 30, 28 };
	static const int	 w11[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int			 sum = 0, c, i;

	memcpy(out, "91", 2);
	memcpy(out + 2, region, 6);
	memcpy(out + 8, org, 8);
	for (i = 0; i < 8; i++)
		sum += (org[i] - '0') * w11[i];
	c = 11 - sum % 11;
	out[16] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	sum = 0;
	for (i = 0; i < 17; i++)
		sum += (int)(strchr(cs, out[i]) - cs) * w31[i];
	c = 31 - sum % 31;
	out[17] = cs[c == 31 ? 0 : c];
	out[18] = '\0';
}

/* Writes a GB 11643 身份证号 into out[19] for region, birth and the
 * 3-digit sequence seq (its last digit odd for a man). */
static void
demo_idcard(const char *region, const struct hdate *birth, int seq,
    char out[19])
{
	static const int	 w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char	 map[] = "10X98765432";
	int			 sum = 0, i;

	snprintf(out, 19, "%.6s%04d%02d%02d%03d", region, birth->year,
	    birth->month, birth->day, seq % 1000);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = map[sum % 11];
	out[18] = '\0';
}

/* Moves month d (day ignored) by n months. */
static void
demo_month_add(struct hdate *d, int n)
{
	int	 m = d->year * 12 + (d->month - 1) + n;

	d->year = m / 12;
	d->month = m % 12 + 1;
}

/* Months from a to b (b - a), ignoring days. */
static int
demo_months(const struct hdate *a, const struct hdate *b)
{
	return (b->year - a->year) * 12 + (b->month - a->month);
}

/* The three demo units. */
struct demo_unit {
	const char	*key;		/* account suffix and cert name */
	const char	*name;
	int		 vip;
	const char	*district;	/* for the USCC and addresses */
	const char	*district_name;
	const char	*org;		/* 8 digits of the 组织机构代码 */
	const char	*legal_rep, *contact, *phone, *postcode, *address;
	int		 industry_permille;
	const char	*username, *display;
	int64_t		 id;
	int64_t		 account;
	char		 pw[ADMIN_PW_LEN + 1];
};

/* Demo persons' name parts and posts. */
static const char *const demo_surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴",
	"徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高", "林",
	"郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹",
};
static const char *const demo_given_male[] = {
	"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超",
	"刚", "平", "建华", "文博", "浩然", "志强", "晓东", "国庆", "春生",
	"鹏", "俊杰", "宇航",
};
static const char *const demo_given_female[] = {
	"芳", "娜", "秀英", "敏", "静", "丽", "艳", "娟", "秀兰", "霞",
	"桂英", "子涵", "欣怡", "雨萱", "海燕", "红梅", "丹", "婷", "慧敏",
	"晓燕",
};
static const char *const demo_posts[] = {
	"行政文员", "销售代表", "仓库管理员", "会计", "软件工程师",
	"操作工", "质检员", "司机", "行政主管", "技术员", "出纳", "采购专员",
};
static const char *const demo_regions[][2] = {
	{ "420102", "江岸区" }, { "420103", "江汉区" },
	{ "420104", "硚口区" }, { "420105", "汉阳区" },
	{ "420106", "武昌区" }, { "420111", "洪山区" },
	{ "420112", "东西湖区" }, { "420113", "汉南区" },
	{ "420114", "蔡甸区" }, { "420115", "江夏区" },
	{ "420116", "黄陂区" }, { "420117", "新洲区" },
};
static const char *const demo_mobile_prefix[] = {
	"135", "138", "139", "150", "152", "158", "177", "186", "187", "188",
};
static const char *const demo_education[] = {
	"大学本科", "大学专科", "高中", "中等专科", "硕士研究生", "初中",
};

#define DEMO_PERSONS	50
#define N(a)		(sizeof(a) / sizeof((a)[0]))

/* What the demo gives one person beyond the random parts. */
enum demo_role {
	ROLE_PLAIN,		/* ROLE_PLAIN */
	ROLE_LEGAL_REP,		/* ROLE_LEGAL_REP: the VIP unit's 法人 */
	ROLE_RETIRE_MALE,	/* ROLE_RETIRE_MALE: at legal retirement age */
	ROLE_RETIRE_FEMALE,	/* ROLE_RETIRE_FEMALE: at legal retirement age */
	ROLE_ENDING,		/* ROLE_ENDING: contract ended in the last days */
	ROLE_ENDING_STOPPED,	/* ROLE_ENDING_STOPPED: ... and 减员 done */
	ROLE__MAX
};

/* The role of person i (0-based). */
static enum demo_role
demo_role_of(int i)
{
	switch (i) {
	case 0:
		return ROLE_LEGAL_REP;
	case 1:
		return ROLE_RETIRE_MALE;
	case 2:
		return ROLE_RETIRE_FEMALE;
	case 3:
	case 4:
		return ROLE_ENDING_STOPPED;
	case 5:
	case 6:
	case 9:
		return ROLE_ENDING;
	default:
		return ROLE_PLAIN;
	}
}

/* Marks person pid as paying in the 江岸区 个人流动窗口 (flow) or as
 * in the 大学生医保.  Returns 0 or -1. */
static int
demo_other_office(struct store *s, int64_t pid, int flow)
{
	struct store_stmt	*st;

	st = store_stmt(s, flow ? "UPDATE persons SET flow_window = "
	    "'江岸区' WHERE id = ?1" : "UPDATE persons SET student_medical = 1 "
	    "WHERE id = ?1");
	if (st == NULL || store_bind_int(st, 1, pid) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* One generated person with employment and insurance. */
struct demo_person {
	char		 idno[19];
	char		 name[32];
	int		 male;
	struct hdate	 birth;
	const char	*hukou;
	char		 hukou_addr[128];
	char		 address[128];
	char		 mobile[12];
	const char	*education;
	const char	*marital;
	const char	*nation;
	char		 work_start[11];
	/* employment */
	char		 contract_no[16];
	struct hdate	 start;
	struct hdate	 end;		/* year 0: open-ended */
	const char	*post;
	int64_t		 wage_fen;
	const char	*category;
	int		 legal_rep;
	/* insurance */
	char		 sb_no[16];
	int		 stopped;
	struct hdate	 stop_month;
	struct hdate	 last_paid;
	int		 contrib_months;
	int		 multi_injury;
};

/* Generates person i (0-based) for the demo world as of today. */
static void
demo_person_make(struct demo_rng *g, int i, const struct hdate *today,
    struct demo_person *p)
{
	const enum demo_role	 role = demo_role_of(i);
	const char *const	*reg;
	struct hdate		 first, prev;
	int			 seq, prior, years, ends_ago, max_prior;

	memset(p, 0, sizeof(*p));
	/* Birth and sex. */
	switch (role) {
	case ROLE_RETIRE_MALE:		/* past 60 and any reform delay */
		p->male = 1;
		p->birth.year = today->year - 61;
		p->birth.month = 3;
		p->birth.day = 12;
		break;
	case ROLE_RETIRE_FEMALE:	/* a woman worker past 50 + delay */
		p->male = 0;
		p->birth.year = today->year - 52;
		p->birth.month = 5;
		p->birth.day = 20;
		break;
	case ROLE_LEGAL_REP:
		p->male = 1;
		p->birth.year = 1975;
		p->birth.month = 8;
		p->birth.day = 16;
		break;
	case ROLE_PLAIN:
	case ROLE_ENDING:
	case ROLE_ENDING_STOPPED:
		p->male = (int)demo_rand(g, 2);
		p->birth.year = 1966 + (int)demo_rand(g, 39);	/* ..2004 */
		p->birth.month = 1 + (int)demo_rand(g, 12);
		p->birth.day = 1 + (int)demo_rand(g, 28);
		break;
	case ROLE__MAX:
	default:
		abort();
	}
	reg = demo_regions[demo_rand(g, N(demo_regions))];
	seq = (i % 100) * 10 + (int)demo_rand(g, 5) * 2 + (p->male ? 1 : 0);
	demo_idcard(reg[0], &p->birth, seq, p->idno);
	snprintf(p->name, sizeof(p->name), "%s%s",
	    demo_surnames[demo_rand(g, N(demo_surnames))], p->male ?
	    demo_given_male[demo_rand(g, N(demo_given_male))] :
	    demo_given_female[demo_rand(g, N(demo_given_female))]);
	if (role == ROLE_LEGAL_REP)	/* as units.legal_rep of the VIP */
		snprintf(p->name, sizeof(p->name), "张建国");

	/* Employment: category and hukou. */
	p->category = "合同制";
	p->hukou = demo_rand(g, 5) == 0 ? "农村" : "城镇";
	if (i == 7 || i == 17 || i == 27 || i == 37) {
		p->category = "农籍工";
		p->hukou = "农村";
	}
	if (role == ROLE_RETIRE_MALE || role == ROLE_RETIRE_FEMALE)
		p->hukou = "城镇";
	p->legal_rep = role == ROLE_LEGAL_REP;
	snprintf(p->hukou_addr, sizeof(p->hukou_addr), "湖北省武汉市%s%s路%u号",
	    reg[1], strcmp(p->hukou, "农村") == 0 ? "新农" : "解放",
	    1 + demo_rand(g, 300));
	snprintf(p->address, sizeof(p->address), "武汉市%s中山%s路%u号%u室",
	    demo_regions[demo_rand(g, N(demo_regions))][1],
	    demo_rand(g, 2) ? "大" : "北", 1 + demo_rand(g, 500),
	    101 + demo_rand(g, 20) * 100 + demo_rand(g, 4));
	snprintf(p->mobile, sizeof(p->mobile), "%s%08u",
	    demo_mobile_prefix[demo_rand(g, N(demo_mobile_prefix))],
	    demo_rand(g, 100000000));
	p->education = demo_education[demo_rand(g, N(demo_education))];
	p->marital = today->year - p->birth.year > 28 ? "已婚" : "未婚";
	p->nation = demo_rand(g, 10) == 0 ? "土家族" : "汉族";
	p->post = demo_posts[demo_rand(g, N(demo_posts))];
	p->wage_fen = (int64_t)(40 + demo_rand(g, 111)) * 10000;
	if (role == ROLE_LEGAL_REP)
		p->wage_fen = 1500000;

	/* Contract dates: roles that end lately end within 15 days. */
	if (role == ROLE_ENDING || role == ROLE_ENDING_STOPPED) {
		ends_ago = i == 3 ? 3 : i == 4 ? 8 : i == 5 ? 1 :
		    i == 6 ? 12 : 0;
		p->end = *today;
		hdate_add_days(&p->end, -ends_ago);
		p->start = p->end;
		p->start.year -= 3;
		if (p->start.month == 2 && p->start.day == 29)
			p->start.day = 28;
		hdate_add_days(&p->start, 1);
	} else {
		p->start.year = 2019 + (int)demo_rand(g, 7);	/* ..2025 */
		p->start.month = 1 + (int)demo_rand(g, 12);
		p->start.day = 1 + (int)demo_rand(g, 28);
		if (p->start.year < p->birth.year + 18)
			p->start.year = p->birth.year + 18;
		if (p->start.year >= today->year)
			p->start.year = today->year - 1;
		if (role == ROLE_RETIRE_MALE || role == ROLE_RETIRE_FEMALE ||
		    role == ROLE_LEGAL_REP || i % 6 == 5) {
			p->end.year = 0;	/* 无固定期限 */
		} else {
			/* 3 or 5 years, renewed until it runs past today. */
			years = demo_rand(g, 2) ? 3 : 5;
			p->end = p->start;
			do
				p->end.year += years;
			while (hdate_diff(today, &p->end) < 45);
			hdate_add_days(&p->end, -1);
		}
	}
	snprintf(p->contract_no, sizeof(p->contract_no), "HT%04d-%04d",
	    p->start.year, i + 1);

	/* 参加工作: at about 20, never after this contract. */
	{
		struct hdate	 ws = p->birth;

		ws.year += 19 + (int)demo_rand(g, 4);
		ws.month = 7;
		ws.day = 1;
		if (hdate_cmp(&ws, &p->start) > 0)
			ws = p->start;
		hdate_fmt(&ws, p->work_start);
	}

	/* Insurance: paid up to last month unless stopped. */
	snprintf(p->sb_no, sizeof(p->sb_no), "4201%06d", 300001 + i * 7);
	prev = *today;
	prev.day = 0;
	demo_month_add(&prev, -1);
	p->last_paid = prev;
	if (role == ROLE_ENDING_STOPPED || i == 10 || i == 16 || i == 22 ||
	    i == 28 || i == 34 || i == 40) {
		p->stopped = 1;
		p->stop_month = *today;
		p->stop_month.day = 0;
		if (role != ROLE_ENDING_STOPPED)
			demo_month_add(&p->stop_month,
			    -1 - (int)demo_rand(g, 6));
		p->last_paid = p->stop_month;
		demo_month_add(&p->last_paid, -1);
	}
	first = p->start;
	first.day = 0;
	p->contrib_months = demo_months(&first, &p->last_paid) + 1;
	if (p->contrib_months < 0)
		p->contrib_months = 0;
	/* Earlier years elsewhere, at most since the 18th birthday. */
	max_prior = (p->start.year - p->birth.year - 18) * 12;
	prior = max_prior > 0 ? (int)demo_rand(g, (uint32_t)max_prior + 1) : 0;
	if (role == ROLE_RETIRE_MALE || role == ROLE_RETIRE_FEMALE)
		prior = max_prior > 200 ? max_prior - 24 : 200;
	p->contrib_months += prior;
	p->multi_injury = i == 11;
}

/* Inserts person p for unit_id with its employment and insurance.
 * base_fen_min/max clamp the 缴费基数.  Returns the person id, or -1. */
static int64_t
demo_person_insert(struct store *s, const struct demo_person *p,
    int64_t unit_id, int64_t base_min, int64_t base_max)
{
	struct store_stmt	*st;
	char		 birth[11], start[11], end[11], m1[11], m2[11], m3[11];
	int64_t		 pid, base;

	hdate_fmt(&p->birth, birth);
	st = store_stmt(s, "INSERT INTO persons (idno, name, sex, birth,"
	    " hukou_type, nation, marital, education, hukou_addr, address,"
	    " mobile, mail_addr, postcode, work_start)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st == NULL || store_bind_text(st, 1, p->idno) != 0 ||
	    store_bind_text(st, 2, p->name) != 0 ||
	    store_bind_text(st, 3, p->male ? "男" : "女") != 0 ||
	    store_bind_text(st, 4, birth) != 0 ||
	    store_bind_text(st, 5, p->hukou) != 0 ||
	    store_bind_text(st, 6, p->nation) != 0 ||
	    store_bind_text(st, 7, p->marital) != 0 ||
	    store_bind_text(st, 8, p->education) != 0 ||
	    store_bind_text(st, 9, p->hukou_addr) != 0 ||
	    store_bind_text(st, 10, p->address) != 0 ||
	    store_bind_text(st, 11, p->mobile) != 0 ||
	    store_bind_text(st, 12, p->address) != 0 ||
	    store_bind_text(st, 13, "430000") != 0 ||
	    store_bind_text(st, 14, p->work_start) != 0 ||
	    store_exec_stmt(s, st) == -1)
		return -1;
	pid = store_last_id(s);

	hdate_fmt(&p->start, start);
	if (p->end.year != 0)
		hdate_fmt(&p->end, end);
	st = store_stmt(s, "INSERT INTO employments (person_id, unit_id,"
	    " contract_no, start_date, end_date, post, wage_fen, category,"
	    " is_legal_rep, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st == NULL || store_bind_int(st, 1, pid) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_text(st, 3, p->contract_no) != 0 ||
	    store_bind_text(st, 4, start) != 0 ||
	    store_bind_text(st, 5, p->end.year != 0 ? end : NULL) != 0 ||
	    store_bind_text(st, 6, p->post) != 0 ||
	    store_bind_int(st, 7, p->wage_fen) != 0 ||
	    store_bind_text(st, 8, p->category) != 0 ||
	    store_bind_int(st, 9, p->legal_rep) != 0 ||
	    store_bind_text(st, 10, start) != 0 ||
	    store_exec_stmt(s, st) == -1)
		return -1;

	base = p->wage_fen < base_min ? base_min :
	    p->wage_fen > base_max ? base_max : p->wage_fen;
	{
		struct hdate	 sm = p->start;

		sm.day = 0;
		hdate_fmt(&sm, m1);
	}
	hdate_fmt(&p->last_paid, m2);
	if (p->stopped)
		hdate_fmt(&p->stop_month, m3);
	st = store_stmt(s, "INSERT INTO insurance (person_id, unit_id, sb_no,"
	    " start_month, status, stop_month, last_paid_month, base_fen,"
	    " contrib_months, multi_injury)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st == NULL || store_bind_int(st, 1, pid) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_text(st, 3, p->sb_no) != 0 ||
	    store_bind_text(st, 4, m1) != 0 ||
	    store_bind_text(st, 5, p->stopped ? "暂停缴费" : "参保缴费") != 0 ||
	    store_bind_text(st, 6, p->stopped ? m3 : NULL) != 0 ||
	    store_bind_text(st, 7, m2) != 0 ||
	    store_bind_int(st, 8, base) != 0 ||
	    store_bind_int(st, 9, p->contrib_months) != 0 ||
	    store_bind_int(st, 10, p->multi_injury) != 0 ||
	    store_exec_stmt(s, st) == -1)
		return -1;
	return pid;
}

/* Adds one unsettled arrears row: month = last month + back months,
 * amount = what lib/levy.c computes for that month (all types, both
 * sides, without 滞纳金).  Returns 0 or -1. */
static int
demo_arrears(struct store *s, int64_t pid, int64_t unit_id,
    const struct hdate *today, int back)
{
	struct hdate	 m = *today;
	struct levy	 l;
	char		 ms[11];
	const char	*months[1] = { ms };
	int		 rc;

	m.day = 0;
	demo_month_add(&m, -back);
	hdate_fmt(&m, ms);
	levy_init(&l);
	l.keep_lines = 0;
	if ((rc = levy_person(s, unit_id, pid, months, 1, today, &l)) != 0) {
		if (rc > 0)
			log_err("demo: %s", l.msg);
		return -1;
	}
	rc = arrears_add(s, unit_id, pid, ms, l.total.amount_fen);
	levy_free(&l);
	return rc == -1 ? -1 : 0;
}

/* Binds certificate file dir/name to account (revoked as given); a
 * missing optional file is skipped.  Returns 0 or 1 (message). */
static int
demo_bind(struct store *s, const char *dir, const char *name,
    int64_t account, int revoked, int optional)
{
	struct ident	 id;
	char		 path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (optional && access(path, R_OK) != 0)
		return 0;
	if (admin_cert_file(path, &id) != 0)
		return 1;
	return admin_cert_insert(s, account, &id, revoked);
}

/* The demo units (ids and passwords filled in by cmd_demo). */
static struct demo_unit demo_units[] = {
	{ "vip", "武汉市江汉区示例科技有限公司", 1, "420103", "江汉区",
	    "30000001", "张建国", "李晓敏", "027-85551234", "430015",
	    "武汉市江汉区建设大道568号", 5, "demo-vip", "示例科技经办人",
	    0, 0, "" },
	{ "a", "武汉市武昌区示例商贸有限公司", 0, "420106", "武昌区",
	    "30000002", "王志强", "陈静", "027-87652345", "430071",
	    "武汉市武昌区中南路99号", 5, "demo-a", "示例商贸经办人",
	    0, 0, "" },
	{ "b", "武汉市洪山区示例制造有限公司", 0, "420111", "洪山区",
	    "30000003", "刘海波", "周丽", "027-87873456", "430074",
	    "武汉市洪山区关山大道100号", 10, "demo-b", "示例制造经办人",
	    0, 0, "" },
};

/* Writes the demo accounts list to f.  Returns 0 or -1. */
static int
demo_write_list(FILE *f, const char *certdir, const char *rev_pw,
    int soon)
{
	char	 now[20];
	size_t	 i;

	clock_fmt(clock_now(), now);
	fprintf(f, "网上服务大厅 演示账户(hall-admin demo,%s)\n"
	    "首次登录须修改初始密码。证书 .p12 的导入密码均为 %s。\n\n",
	    now, DEMO_P12_PW);
	for (i = 0; i < N(demo_units); i++)
		fprintf(f, "用户名: %s\n初始密码: %s\n单位: %s\n类型: %s\n"
		    "证书: %s/unit-%s.p12(密码 %s)\n\n",
		    demo_units[i].username, demo_units[i].pw,
		    demo_units[i].name, demo_units[i].vip ? "VIP" : "普通",
		    certdir, demo_units[i].key, DEMO_P12_PW);
	fprintf(f, "用户名: demo-reviewer\n初始密码: %s\n"
	    "单位: 经办机构(市社保中心审核员)\n类型: 审核员\n"
	    "证书: %s/reviewer.p12(密码 %s)\n\n", rev_pw, certdir,
	    DEMO_P12_PW);
	fprintf(f, "演示拒绝的证书: %s/revoked.crt(已吊销,原属 demo-a),"
	    "%s/expired.crt(已过期,属 demo-b),%s/foreign.crt(非本 CA 签发)\n",
	    certdir, certdir, certdir);
	if (soon)
		fprintf(f, "证书到期提醒: %s/unit-soon.p12 也绑定到 demo-vip"
		    "(即将到期)\n", certdir);
	return ferror(f) ? -1 : 0;
}

/* Creates the demo world in one transaction; see the file comment and
 * the brief in nginx/demo.sh.  Does nothing when units exist.
 * Returns the exit code. */
/* Registers two 非统筹退休人员 at each demo unit (非统筹退休人员工资申报:
 * 机关事业单位 retirees born 1948/1949, not in persons), the first with
 * last year's declared wage.  Returns 0 or -1. */
static int
demo_retirees(struct store *s, const struct hdate *today)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	/* Two per demo unit, in demo_units order. */
	static const char *const names[][2] = { { "刘德明", "周桂兰" },
	    { "吴国华", "郑秀英" }, { "孙宏伟", "胡玉珍" }, { "马建平", "高淑芬" } };
	struct txgz_retiree	 r;
	char			 idno[19], name[32], sb_no[16];
	size_t			 u;
	int			 i, j, sum;

	for (u = 0; u < N(demo_units); u++)
		for (i = 0; i < 2; i++) {
			snprintf(idno, sizeof(idno), "42010219%d0%d0%d1%02d",
			    48 + i, 3 + (int)u, 1 + i, 11 + (int)u);
			for (sum = 0, j = 0; j < 17; j++)
				sum += (idno[j] - '0') * w[j];
			idno[17] = check[sum % 11];
			idno[18] = '\0';
			snprintf(name, sizeof(name), "%s", names[u % N(names)][i]);
			/* 个人编号 like the insured demo persons' (4201…), in
			 * a range of their own. */
			snprintf(sb_no, sizeof(sb_no), "4201%06d",
			    900001 + (int)u * 2 + i);
			memset(&r, 0, sizeof(r));
			r.unit_id = demo_units[u].id;
			r.name = name;
			r.idno = idno;
			r.sb_no = sb_no;
			r.retire_date = i == 0 ? "2008-07-01" : "2009-05-01";
			r.category = "机关事业单位退休";
			r.wage_fen = i == 0 ? 650000 : 0;
			r.wage_year = i == 0 ? today->year : 0;
			if (txgz_retiree_add(s, &r) != 0)
				return -1;
		}
	return 0;
}

static int
cmd_demo(struct store *s, int argc, char **argv)
{
	const char	*certdir = argv[0], *outpath = argv[1];
	struct demo_rng	 g = { 20240601u };
	struct demo_person p;
	struct admin_unit_extra ex;
	struct hdate	 today;
	struct idcard	 ic;
	char		 uscc[19], rev_pw[ADMIN_PW_LEN + 1], tmp[4096];
	char		 soonpath[4096], name[32];
	int64_t		 lastunit, rev_id, pid, avg, floor_pct, ceil_pct;
	int64_t		 base_min, base_max, arrears_pid[3] = { 0, 0, 0 };
	int64_t		 arrears_unit[3] = { 0, 0, 0 };
	long long	 v;
	FILE		*f = NULL;
	size_t		 u;
	int		 i, fd, soon, rc = 1;

	/* The newest unit's id (0: none), not COUNT(*): that reads every
	 * unit. */
	if (admin_int(s, "SELECT COALESCE(MAX(id), 0) FROM units", NULL,
	    &lastunit) != 0)
		return admin_fail("无法读取单位表");
	if (lastunit > 0) {
		if (admin_audit_tx(s, "admin.demo", "store",
		    "skipped: units exist") == -1)
			return admin_fail("无法写入审计记录");
		printf("数据库中已有单位,演示数据未改动\n");
		return 0;
	}
	clock_today(&today);
	snprintf(soonpath, sizeof(soonpath), "%s/unit-soon.crt", certdir);
	soon = access(soonpath, R_OK) == 0;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", outpath) >=
	    sizeof(tmp))
		return admin_fail("输出文件名过长");

	/* 缴费基数 limits from the region's policy (社平工资 x 60%..300%). */
	if (policy_int(s, ADMIN_REGION, "wage.avg_monthly_fen", &today, 745000,
	    &v) == -1)
		return admin_fail("无法读取政策参数");
	avg = v;
	if (policy_int(s, ADMIN_REGION, "base.floor_pct", &today, 60, &v) == -1)
		return admin_fail("无法读取政策参数");
	floor_pct = v;
	if (policy_int(s, ADMIN_REGION, "base.ceiling_pct", &today, 300,
	    &v) == -1)
		return admin_fail("无法读取政策参数");
	ceil_pct = v;
	base_min = avg * floor_pct / 100;
	base_max = avg * ceil_pct / 100;

	if (store_begin(s) == -1)
		return admin_fail("无法开始事务");
	for (u = 0; u < N(demo_units); u++) {
		struct demo_unit *du = &demo_units[u];

		demo_uscc(du->district, du->org, uscc);
		if (valid_uscc(uscc) != VALID_OK) {
			admin_fail("内部错误:生成的统一社会信用代码 %s 无效",
			    uscc);
			goto fail;
		}
		memset(&ex, 0, sizeof(ex));
		ex.legal_rep = du->legal_rep;
		ex.contact = du->contact;
		ex.phone = du->phone;
		ex.postcode = du->postcode;
		ex.address = du->address;
		ex.industry_permille = du->industry_permille;
		if ((du->id = admin_unit_insert(s, uscc, du->name, du->vip,
		    ADMIN_REGION, &ex)) == -1)
			goto fail;
		if ((du->account = admin_account_insert(s, ACCT_UNIT,
		    du->username, du->display, du->id, du->pw)) == -1)
			goto fail;
		snprintf(name, sizeof(name), "unit-%s.crt", du->key);
		if (demo_bind(s, certdir, name, du->account, 0, 0) != 0)
			goto fail;
	}
	if ((rev_id = admin_account_insert(s, ACCT_REVIEWER, "demo-reviewer",
	    "市社保中心审核员", 0, rev_pw)) == -1)
		goto fail;
	if (demo_bind(s, certdir, "reviewer.crt", rev_id, 0, 0) != 0 ||
	    demo_bind(s, certdir, "revoked.crt", demo_units[1].account, 1,
	    0) != 0 ||
	    demo_bind(s, certdir, "expired.crt", demo_units[2].account, 0,
	    0) != 0 ||
	    demo_bind(s, certdir, "unit-soon.crt", demo_units[0].account, 0,
	    1) != 0)
		goto fail;

	for (i = 0; i < DEMO_PERSONS; i++) {
		u = (size_t)i % N(demo_units);
		demo_person_make(&g, i, &today, &p);
		if (valid_idcard(p.idno, &today, &ic) != VALID_OK ||
		    ic.male != p.male) {
			admin_fail("内部错误:生成的身份证号 %s 无效", p.idno);
			goto fail;
		}
		if ((pid = demo_person_insert(s, &p, demo_units[u].id,
		    base_min, base_max)) == -1) {
			admin_fail("无法写入演示人员 %d", i + 1);
			goto fail;
		}
		/* Persons 4 and 5 stopped paying here: a 续保 of one is
		 * refused for his 个人流动窗口, of the other for the
		 * 大学生医保 (issue 10), facts of other offices. */
		if ((i == 3 || i == 4) && demo_other_office(s, pid, i == 3) ==
		    -1) {
			admin_fail("无法写入演示人员 %d", i + 1);
			goto fail;
		}
		/* Arrears for persons 6, 9 and 14 (all still paying). */
		if (i == 5 || i == 8 || i == 13) {
			arrears_pid[i == 5 ? 0 : i == 8 ? 1 : 2] = pid;
			arrears_unit[i == 5 ? 0 : i == 8 ? 1 : 2] =
			    demo_units[u].id;
		}
	}
	/* Five unsettled rows: one, two and two months, each as levy.c
	 * computes it. */
	if (demo_arrears(s, arrears_pid[0], arrears_unit[0], &today, 2) ==
	    -1 ||
	    demo_arrears(s, arrears_pid[1], arrears_unit[1], &today, 3) ==
	    -1 ||
	    demo_arrears(s, arrears_pid[1], arrears_unit[1], &today, 2) ==
	    -1 ||
	    demo_arrears(s, arrears_pid[2], arrears_unit[2], &today, 4) ==
	    -1 ||
	    demo_arrears(s, arrears_pid[2], arrears_unit[2], &today, 3) ==
	    -1) {
		admin_fail("无法写入欠费记录");
		goto fail;
	}
	if (demo_retirees(s, &today) != 0) {
		admin_fail("无法写入非统筹退休人员");
		goto fail;
	}
	if (admin_audit(s, "admin.demo", "store", "demo world created") == -1)
		goto fail;

	/* The list holds passwords: 0600, written before the commit and
	 * renamed after it, so a list never names accounts that are not
	 * there. */
	unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		admin_fail("无法创建 %s: %s", tmp, strerror(errno));
		goto fail;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		admin_fail("无法写入 %s", tmp);
		goto fail;
	}
	if (demo_write_list(f, certdir, rev_pw, soon) == -1 ||
	    fclose(f) != 0) {
		f = NULL;
		admin_fail("无法写入 %s", tmp);
		goto fail;
	}
	f = NULL;
	if (store_commit(s) == -1) {
		admin_fail("提交失败");
		goto out;
	}
	if (rename(tmp, outpath) == -1) {
		admin_fail("无法改名为 %s: %s;演示数据已写入,请用 "
		    "password-reset 重置密码", outpath, strerror(errno));
		goto out;
	}
	demo_write_list(stdout, certdir, rev_pw, soon);
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	if (f != NULL)
		fclose(f);
	if (rc != 0)
		unlink(tmp);
	for (u = 0; u < N(demo_units); u++)
		OPENSSL_cleanse(demo_units[u].pw, sizeof(demo_units[u].pw));
	OPENSSL_cleanse(rev_pw, sizeof(rev_pw));
	return rc;
}

/* ---- A large store ---- */

/* Reads the value of option argv[*i] (advancing *i) as a number in
 * [0, max] into *out.  Returns 0, or 1 (message printed). */
static int
admin_opt_num(int argc, char **argv, int *i, int64_t max, int64_t *out)
{
	char		*end;
	long long	 v;

	if (*i + 1 >= argc)
		return admin_fail("%s 缺少数值", argv[*i]);
	errno = 0;
	v = strtoll(argv[*i + 1], &end, 10);
	if (errno != 0 || *end != '\0' || argv[*i + 1][0] == '\0' || v < 0 ||
	    v > max)
		return admin_fail("%s 的数值 %s 不正确(0-%lld)", argv[*i],
		    argv[*i + 1], (long long)max);
	*out = v;
	(*i)++;
	return 0;
}

/* populate [--persons N] [--units N] [--big-unit N] [--big-unit-id ID]
 * [--tasks N] [--seed N]: a large, realistic population (see
 * admin/populate.c), then an audit row.  Returns the exit code. */
static int
cmd_populate(struct store *s, int argc, char **argv)
{
	struct populate_opts	 o;
	struct populate_counts	 c;
	char			 detail[256];
	int64_t			 seed = POPULATE_SEED;
	int			 i, rc = 0;

	memset(&o, 0, sizeof(o));
	o.persons = POPULATE_PERSONS;
	o.units = POPULATE_UNITS;
	o.big_unit = POPULATE_BIG_UNIT;
	o.tasks = POPULATE_TASKS;
	o.progress = stderr;
	for (i = 0; i < argc && rc == 0; i++) {
		if (strcmp(argv[i], "--persons") == 0)
			rc = admin_opt_num(argc, argv, &i, 50000000, &o.persons);
		else if (strcmp(argv[i], "--units") == 0)
			rc = admin_opt_num(argc, argv, &i, 1000000, &o.units);
		else if (strcmp(argv[i], "--big-unit") == 0)
			rc = admin_opt_num(argc, argv, &i, 50000000,
			    &o.big_unit);
		else if (strcmp(argv[i], "--big-unit-id") == 0)
			rc = admin_opt_num(argc, argv, &i, INT64_MAX,
			    &o.big_unit_id);
		else if (strcmp(argv[i], "--tasks") == 0)
			rc = admin_opt_num(argc, argv, &i, 20000000, &o.tasks);
		else if (strcmp(argv[i], "--seed") == 0)
			rc = admin_opt_num(argc, argv, &i, INT64_MAX, &seed);
		else
			return admin_usage();
	}
	if (rc != 0)
		return rc;
	if (o.big_unit > o.persons)
		o.big_unit = o.persons;
	o.seed = (uint64_t)seed;
	if (populate_run(s, &o, &c) == -1)
		return admin_fail("生成数据失败(已提交的批次保留在库中)");
	snprintf(detail, sizeof(detail), "seed=%lld persons=%lld units=%lld "
	    "big_unit=%lld tasks=%lld audit=%lld", (long long)seed,
	    (long long)c.persons, (long long)c.units, (long long)c.big_unit_id,
	    (long long)c.tasks, (long long)c.audit);
	if (admin_audit_tx(s, "admin.populate", "store", detail) == -1)
		return admin_fail("无法写入审计记录");
	printf("已生成: 单位 %lld 个, 账户 %lld 个, 人员 %lld 名, 用工 %lld 条, "
	    "参保 %lld 条, 欠费 %lld 条, 信息变更 %lld 条\n"
	    "业务 %lld 笔, 业务事件 %lld 条, 消息 %lld 条, 回执 %lld 张, "
	    "审计记录 %lld 条\n大单位 %lld: 参保缴费 %lld 人\n",
	    (long long)c.units, (long long)c.accounts, (long long)c.persons,
	    (long long)c.employments, (long long)c.insurance,
	    (long long)c.arrears, (long long)c.changes, (long long)c.tasks,
	    (long long)c.events, (long long)c.messages, (long long)c.receipts,
	    (long long)c.audit, (long long)c.big_unit_id,
	    (long long)c.big_insured);
	return 0;
}

/* ---- The query-plan check ---- */

/* Whether each program of the comma-separated list progs wrote to the
 * SQL logs read into p.  Returns 0, or 1 (each missing one printed). */
static int
admin_plans_programs(const struct plans *p, const char *progs)
{
	char	*list, *name, *next;
	int	 rc = 0;

	if ((list = strdup(progs)) == NULL)
		return admin_fail("内存不足");
	for (name = list; name != NULL; name = next) {
		if ((next = strchr(name, ',')) != NULL)
			*next++ = '\0';
		if (name[0] != '\0' && !plans_has_program(p, name)) {
			printf("plans: the program %s wrote nothing to the SQL "
			    "log: its statements went unchecked\n", name);
			rc = 1;
		}
	}
	free(list);
	return rc;
}

/* plans [--analyze] [--allow FILE] [--programs A,B] LOG...: the plan of every statement
 * of the SQL logs (admin/plans.c), offenders and a summary on stdout;
 * --analyze first runs ANALYZE when the store has no statistics yet
 * (those the checkpoint keeps are left as they are); --programs names
 * programs each of which must have written to the logs.  Returns the
 * exit code: 1 when a statement offends, none was read or a program
 * named wrote nothing. */
static int
cmd_plans(struct store *s, int argc, char **argv)
{
	struct plans	 p;
	const char	*programs = NULL;
	int64_t		 stats = 0;
	int		 i, analyze = 0, rc;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--analyze") == 0)
			analyze = 1;
		else if (strcmp(argv[i], "--programs") == 0 && i + 1 < argc)
			programs = argv[++i];
		else if (strcmp(argv[i], "--allow") == 0 && i + 1 < argc) {
			if (plans_read_allow(&p, argv[++i]) == -1) {
				plans_free(&p);
				return 1;
			}
		} else {
			plans_free(&p);
			return admin_usage();
		}
	}
	if (i == argc) {
		plans_free(&p);
		return admin_usage();
	}
	for (; i < argc; i++)
		if (plans_read_log(&p, argv[i]) == -1) {
			plans_free(&p);
			return 1;
		}
	if (analyze && store_int(s, "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'sqlite_stat1'", STORE_NOPARAM, 0, &stats) == -1) {
		plans_free(&p);
		return admin_fail("无法读取数据库结构");
	}
	if (analyze && stats == 0 && store_exec_sql(s, "ANALYZE") == -1) {
		plans_free(&p);
		return admin_fail("ANALYZE 失败");
	}
	if (plans_read_triggers(&p, s) == -1) {
		plans_free(&p);
		return 1;
	}
	rc = plans_check(s, &p, stdout);
	if (programs != NULL && admin_plans_programs(&p, programs) != 0)
		rc = 1;
	plans_free(&p);
	return rc;
}

/* ---- main ---- */

/* ---- Receipts' QR codes (lib/rsign.h) ---- */

/* hall-admin receipt-qr NO: the QR text of the receipt numbered NO,
 * signed now with HALL_RECEIPT_KEY when set (nothing kept: a check of
 * the key).  Returns 0, 1 on failure. */
static int
cmd_receipt_qr(struct store *s, int argc, char **argv)
{
	const struct wf_business *const *b;
	struct receipt	 r;
	char		 qr[RSIGN_QR_MAX];
	int		 rc;

	for (b = hall_businesses; *b != NULL; b++)
		wf_register(*b);
	if ((rc = receipt_find(s, argv[0], &r)) != 0)
		return admin_fail(rc > 0 ? "没有编号为 %s 的回执" :
		    "读取回执 %s 失败", argv[0]);
	if (rsign_qr_fresh(s, &r, qr, sizeof(qr)) != 0)
		return admin_fail("无法生成回执 %s 的二维码内容(签名私钥 "
		    "HALL_RECEIPT_KEY 不可用?)", argv[0]);
	printf("%s\n", qr);
	return 0;
}

/* Reads the QR text of receipt-verify: arg itself, or standard input
 * when it is "-" (one line, as a scanner prints it) into buf[bufsz].
 * Returns buf, or NULL when it cannot be read. */
static const char *
qr_arg(const char *arg, char *buf, size_t bufsz)
{
	size_t	 n;

	if (strcmp(arg, "-") != 0)
		return arg;
	if (fgets(buf, (int)bufsz, stdin) == NULL)
		return NULL;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	/* zbarimg prints "QR-Code:" before the text. */
	return strncmp(buf, "QR-Code:", 8) == 0 ? buf + 8 : buf;
}

/* hall-admin receipt-verify QR CERT: checks the signature a receipt's
 * QR code carries with the office's certificate, offline, and prints
 * the facts it certifies.  Returns 0 genuine, 1 not genuine,
 * EXIT_USAGE when the text is no signed receipt's or the certificate
 * cannot be read. */
static int
cmd_receipt_verify(const char *arg, const char *cert)
{
	struct rsign_check	 ck;
	const char		*qr, *why;
	char			 buf[RSIGN_QR_MAX + 16];
	int			 rc;

	if ((qr = qr_arg(arg, buf, sizeof(buf))) == NULL) {
		fprintf(stderr, "%s: 无法读取二维码内容\n", ADMIN_NAME);
		return EXIT_USAGE;
	}
	rc = rsign_verify_qr(qr, cert, &ck, &why);
	if (rc == 0) {
		printf("验证通过: 回执 %s(验证码 %s)的签名与证书相符,内容如下:\n"
		    "%s", ck.no, ck.code, ck.facts);
		return 0;
	}
	fprintf(stderr, "%s: 验证未通过: %s\n", ADMIN_NAME, why);
	return rc == 1 ? 1 : EXIT_USAGE;
}

enum admin_cmd {
	CMD_INIT,		/* CMD_INIT */
	CMD_UNIT_ADD,		/* CMD_UNIT_ADD */
	CMD_ACCOUNT_ADD,	/* CMD_ACCOUNT_ADD */
	CMD_CERT_BIND,		/* CMD_CERT_BIND */
	CMD_CERT_REVOKE,	/* CMD_CERT_REVOKE */
	CMD_PASSWORD_RESET,	/* CMD_PASSWORD_RESET */
	CMD_BACKUP,		/* CMD_BACKUP */
	CMD_AUDIT_VERIFY,	/* CMD_AUDIT_VERIFY */
	CMD_CHECKPOINT,		/* CMD_CHECKPOINT */
	CMD_HEALTH,		/* CMD_HEALTH */
	CMD_RESTORE,		/* CMD_RESTORE */
	CMD_DEMO,		/* CMD_DEMO */
	CMD_POPULATE,		/* CMD_POPULATE */
	CMD_PLANS,		/* CMD_PLANS */
	CMD_INTEG_ADD,		/* CMD_INTEG_ADD */
	CMD_INTEG_GRANT,	/* CMD_INTEG_GRANT */
	CMD_RECEIPT_QR,		/* CMD_RECEIPT_QR */
	CMD_RECEIPT_VERIFY,	/* CMD_RECEIPT_VERIFY */
	CMD__MAX
};

/* One command: name, argument counts, handler. */
struct admin_cmd_def {
	const char	*name;
	int		 min, max;	/* arguments after the name */
	int		(*fn)(struct store *, int, char **);
};

/* demo-seal OUT.png: the demo seal (lib/pdf.h), marked 演示, with the
 * name HALL_ORG gives.  Returns 0 or 1. */
static int
cmd_demo_seal(const char *path)
{
	if (pdf_demo_seal(path, getenv("HALL_ORG")) != 0)
		return admin_fail("无法生成演示印章 %s", path);
	return 0;
}

static const struct admin_cmd_def admin_cmds[CMD__MAX] = {
	{ "init", 0, 0, cmd_init },			/* CMD_INIT */
	{ "unit-add", 2, 5, cmd_unit_add },		/* CMD_UNIT_ADD */
	{ "account-add", 3, 4, cmd_account_add },	/* CMD_ACCOUNT_ADD */
	{ "cert-bind", 2, 2, cmd_cert_bind },		/* CMD_CERT_BIND */
	{ "cert-revoke", 1, 1, cmd_cert_revoke },	/* CMD_CERT_REVOKE */
	{ "password-reset", 1, 1, cmd_password_reset }, /* CMD_PASSWORD_RESET */
	{ "backup", 1, 1, cmd_backup },			/* CMD_BACKUP */
	{ "audit-verify", 0, 1, cmd_audit_verify },	/* CMD_AUDIT_VERIFY */
	{ "checkpoint", 0, 0, cmd_checkpoint },		/* CMD_CHECKPOINT */
	{ "health", 0, 40, cmd_health },		/* CMD_HEALTH */
	{ "restore", 1, 1, NULL },			/* CMD_RESTORE */
	{ "demo", 2, 2, cmd_demo },			/* CMD_DEMO */
	{ "populate", 0, 12, cmd_populate },		/* CMD_POPULATE */
	{ "plans", 1, 64, cmd_plans },			/* CMD_PLANS */
	{ "integ-add", 4, 4, cmd_integ_add },		/* CMD_INTEG_ADD */
	{ "integ-grant", 2, 2, cmd_integ_grant },	/* CMD_INTEG_GRANT */
	{ "receipt-qr", 1, 1, cmd_receipt_qr },		/* CMD_RECEIPT_QR */
	{ "receipt-verify", 2, 2, NULL },		/* CMD_RECEIPT_VERIFY */
};

int
main(int argc, char *argv[])
{
	const struct admin_cmd_def *cmd = NULL;
	const char	*db;
	struct store	*s;
	size_t		 i;
	int		 ch, rc, nargs;

	log_setprog(ADMIN_NAME);
	db = getenv("HALL_DB");
	admin_ca = getenv("HALL_CA");
	while ((ch = getopt(argc, argv, "+d:c:")) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'c':
			admin_ca = optarg;
			break;
		default:
			return admin_usage();
		}
	}
	argc -= optind;
	argv += optind;
	/* The demo seal of make run and the tests needs no database. */
	if (argc == 2 && strcmp(argv[0], "demo-seal") == 0)
		return cmd_demo_seal(argv[1]);
	/* Offline: a receipt's QR code and a certificate, no database. */
	if (argc == 3 && strcmp(argv[0], "receipt-verify") == 0)
		return cmd_receipt_verify(argv[1], argv[2]);
	if (db == NULL || db[0] == '\0' || argc < 1)
		return admin_usage();
	for (i = 0; i < CMD__MAX; i++)
		if (strcmp(argv[0], admin_cmds[i].name) == 0)
			cmd = &admin_cmds[i];
	if (cmd == NULL)
		return admin_usage();
	nargs = argc - 1;
	if (nargs < cmd->min || nargs > cmd->max)
		return admin_usage();

	admin_db = db;
	/* Restore replaces the database file: it must not hold it open. */
	if (cmd == &admin_cmds[CMD_RESTORE]) {
		umask(077);
		if (store_is_pg(db))
			return admin_fail("PostgreSQL 的数据库请用 pg_restore "
			    "恢复(README.md「PostgreSQL」)");
		return cmd_restore(db, argv[1]);
	}
	if (cmd != &admin_cmds[CMD_INIT] && !store_is_pg(db) &&
	    access(db, F_OK) != 0)
		return admin_fail("数据库 %s 不存在:请先运行 hall-admin -d %s "
		    "init", db, db);
	umask(077);
	/* Only the checkpoint command checkpoints: hall-admin writes
	 * (audit rows, passwords, bindings) while the programs write and
	 * the supervisor or timer checkpoints, and Debian's SQLite 3.40
	 * has the WAL-reset race of two processes writing and
	 * checkpointing at once (PITFALLS.md). */
	s = store_open(db, (cmd == &admin_cmds[CMD_INIT] ? 0u :
	    STORE_NOMIGRATE) | (cmd == &admin_cmds[CMD_CHECKPOINT] ? 0u :
	    STORE_NOCHECKPOINT));
	if (s == NULL)
		return admin_fail("无法打开数据库 %s(结构过旧时请先运行 init)",
		    store_is_pg(db) ? "(PostgreSQL)" : db);
	rc = cmd->fn(s, nargs, argv + 1);
	store_close(s);
	ident_cleanup();
	return rc;
}
