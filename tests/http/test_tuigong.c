/*
 * test_tuigong.c: 退工登记 end to end through nginx with client
 * certificates: a 普通 unit's 退工 rejected, fixed, resubmitted,
 * approved, printed and verified; a VIP unit's ended at once or refused
 * by a rule; 先减员后退工 with the policy on and off; bad uploads; the
 * same form posted twice at once; another unit's 退工 invisible; a
 * 1,000-row batch; the employee's timeline.  Each test makes its own
 * persons (with their contracts and insurance) so that it does not
 * depend on what other tests do to the demo persons.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"
#include "store.h"
#include "xlsx.h"

/* Asserts an XPath string value contains want. */
#define ck_xpath_has(a, expr, want) do {				\
	char *_v = xpath_str((a), (expr));				\
	ck_assert_msg(strstr(_v, (want)) != NULL, "%s: got '%s', want '%s'", \
	    (expr), _v, (want));					\
	free(_v);							\
} while (0)

#define OK_PDF	"unit/fixtures/files/ok.pdf"
#define OK_JPG	"unit/fixtures/files/ok.jpg"

#define TEXT_PDF "unit/fixtures/files/text.pdf"
#define BOMB	"unit/fixtures/xlsx/bomb.xlsx"

/* A person made for one test. */
struct fix {
	char	 idno[19];
	char	 name[32];
	char	 sex[4];
	char	 birth[11];
	char	 cno[40];
	char	 start[11];
	char	 end[11];	/* "" open-ended */
};

/* The hall's date (UTC+8) offset by days into buf[11]. */
static void
hall_date(long days, char buf[11])
{
	time_t		 t = time(NULL) + 8 * 3600 + days * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* A number no person of the test database has used: one above the
 * largest person id (tests run one at a time; the batch test uses
 * numbers from 20000 on). */
static int
fix_serial(void)
{
	long long	 n = db_int("SELECT COALESCE(MAX(id), 0) + 1 FROM persons");

	ck_assert_int_gt(n, 0);
	ck_assert_int_lt(n, 20000);
	return (int)n;
}

/* Fills f with a valid 身份证号 (region 110101, never used by the demo)
 * from serial n. */
static void
fix_identity(int n, struct fix *f)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 cd[] = "10X98765432";
	char			 body[18];
	time_t			 t = 315532800 + (time_t)(n % 9000) * 86400;
	struct tm		 tm;
	/* Sequences from 300 on: test_beian.c's numbers (110101,
	 * 1987-06-15, sequences 1 to 120) fall on one of these days. */
	int			 i, sum = 0, seq = 300 + n / 9000 * 2 + (n % 2);

	gmtime_r(&t, &tm);
	strftime(f->birth, sizeof(f->birth), "%Y-%m-%d", &tm);
	snprintf(body, sizeof(body), "110101%04d%02d%02d%03d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, seq % 1000);
	for (i = 0; i < 17; i++)
		sum += (body[i] - '0') * w[i];
	snprintf(f->idno, sizeof(f->idno), "%s%c", body, cd[sum % 11]);
	snprintf(f->sex, sizeof(f->sex), "%s", seq % 2 ? "男" : "女");
	snprintf(f->name, sizeof(f->name), "退工测%d", n);
	snprintf(f->cno, sizeof(f->cno), "TGT-%d", n);
}

/* Makes a person employed at username's unit since start (end "" for
 * 无固定期限) with insurance in ins_status. */
static void
fix_make(const char *username, const char *start, const char *end,
    const char *ins_status, struct fix *f)
{
	char	 sql[1024];

	fix_identity(fix_serial(), f);
	snprintf(f->start, sizeof(f->start), "%s", start);
	snprintf(f->end, sizeof(f->end), "%s", end);
	snprintf(sql, sizeof(sql), "INSERT INTO persons (idno, name, sex, "
	    "birth, mobile) VALUES ('%s', '%s', '%s', '%s', '13800138000')",
	    f->idno, f->name, f->sex, f->birth);
	free(db_query(sql));
	snprintf(sql, sizeof(sql), "INSERT INTO employments (person_id, "
	    "unit_id, contract_no, start_date, end_date, post, registered_at) "
	    "SELECT p.id, a.unit_id, '%s', '%s', %s%s%s, '会计', '%s' FROM "
	    "persons p, accounts a WHERE p.idno = '%s' AND a.username = '%s'",
	    f->cno, start, *end ? "'" : "", *end ? end : "NULL", *end ? "'" : "",
	    start, f->idno, username);
	free(db_query(sql));
	snprintf(sql, sizeof(sql), "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status, stop_month, last_paid_month) SELECT "
	    "p.id, a.unit_id, 'SB%s', substr('%s', 1, 7), '%s', %s, '2026-01' "
	    "FROM persons p, accounts a WHERE p.idno = '%s' AND "
	    "a.username = '%s'", f->cno + 4, start, ins_status,
	    strcmp(ins_status, "暂停缴费") == 0 ? "'2026-02'" : "NULL",
	    f->idno, username);
	free(db_query(sql));
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM employments e JOIN "
	    "insurance i ON i.person_id = e.person_id WHERE e.contract_no = '%s'",
	    f->cno);
	{
		char	*v = db_query(sql);

		ck_assert_ptr_nonnull(v);
		ck_assert_str_eq(v, "1");
		free(v);
	}
}

/* GETs (as XML) the page the 303 answer a leads to, into a (freed
 * first).  Returns its status. */
static long
follow(struct browser *b, struct answer *a)
{
	char		 loc[512];
	const char	*p = a->location;

	ck_assert_int_eq(a->status, 303);
	if (strncmp(p, "https://", 8) == 0 && (p = strchr(p + 8, '/')) == NULL)
		p = "/";
	snprintf(loc, sizeof(loc), "%s", p);
	answer_free(a);
	return http_get(b, loc, 1, a);
}

/* The task id of a 303 to /tuigong?id=N. */
static long long
task_of(const struct answer *a)
{
	const char	*p = strstr(a->location, "id=");

	ck_assert_msg(p != NULL, "no task in location '%s'", a->location);
	return atoll(p + 3);
}

/* A fresh one-time form token from GET /tuigong. */
static void
form_token(struct browser *b, char tok[40])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, "/tuigong", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 40, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs the form for f with reason and end date; token for a new task,
 * id for an existing one ("" for none).  Returns the status. */
static long
save_form(struct browser *b, const char *token, const char *id,
    const struct fix *f, const char *reason, const char *end_date,
    const char *remark, struct answer *a)
{
	return http_post(b, "/tuigong/save", 1, a, "token", token, "id", id,
	    "name", f->name, "sfzh", f->idno, "sex", f->sex, "birth", f->birth,
	    "hukou_type", "城镇", "phone", "13800138000", "reason", reason,
	    "end_date", end_date, "contract_no", f->cno,
	    "contract_start", f->start, "contract_end", f->end,
	    "open_ended", f->end[0] == '\0' ? "1" : "", "post", "会计",
	    "remark", remark, "handler_name", "测试经办", "handler_title", "人事",
	    "handler_phone", "027-87654321", NULL);
}

/* Saves a new 退工 for f and returns its task id. */
static long long
new_task(struct browser *b, const struct fix *f, const char *reason,
    const char *end_date)
{
	struct answer	 a;
	char		 tok[40];
	long long	 id;

	form_token(b, tok);
	ck_assert_int_eq(save_form(b, tok, "", f, reason, end_date, "", &a),
	    303);
	id = task_of(&a);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(follow(b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	answer_free(&a);
	return id;
}

/* Uploads file (sent as filename) as material code of task id.
 * Returns the status; a holds the answer. */
static long
upload(struct browser *b, long long id, const char *code, const char *file,
    const char *filename, struct answer *a)
{
	char		 ids[24];
	struct part	 p[3];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "code";
	p[1].value = code;
	p[2].name = "file";
	p[2].file = file;
	p[2].filename = filename;
	return http_post_multipart(b, "/tuigong/upload", 1, p, 3, a);
}

/* Uploads OK_PDF for each code (NULL-terminated). */
static void
upload_all(struct browser *b, long long id, const char *const *codes)
{
	struct answer	 a;

	for (; *codes != NULL; codes++) {
		ck_assert_int_eq(upload(b, id, *codes, OK_PDF, "scan.pdf", &a),
		    303);
		answer_free(&a);
	}
}

/* POSTs path with the task id; returns the status. */
static long
post_id(struct browser *b, const char *path, long long id, struct answer *a)
{
	char	 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	return http_post(b, path, 1, a, "id", ids, NULL);
}

static const char *const agreed_codes[] = { "jiechu_zhengming", "sfz_copy",
	NULL };

START_TEST(tg_plain_reject_fix_approve_print_verify)
{
	struct browser	 b, r;
	struct answer	 a;
	struct fix	 f;
	char		 end[11], path[160], sql[256], *no, *code, *rname;
	long long	 id;

	set_clock(NULL);
	hall_date(-2, end);
	fix_make("demo-a", "2023-01-01", "2028-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = new_task(&b, &f, "协商一致解除", end);
	upload_all(&b, id, agreed_codes);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	ck_xpath_has(&a, "string(/page/message[@kind='ok'])", "审核时限:1-3个工作日");
	answer_free(&a);

	/* The reviewer sends it back with a reason. */
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	snprintf(path, sizeof(path), "/review/task?id=%lld", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='姓名'])", f.name);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='合同编号'])", f.cno);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='是否结清'])", "是");
	ck_assert_int_eq(xpath_count(&a, "/page/attachments/attachment"), 2);
	answer_free(&a);
	snprintf(path, sizeof(path), "%lld", id);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", path,
	    "reason", "员工身份证复印件不清晰,请重新上传", NULL), 303);
	answer_free(&a);

	/* The 回退原因 shows on the unit's 首页. */
	ck_assert_int_eq(http_get(&b, "/home", 1, &a), 200);
	snprintf(path, sizeof(path), "string(/page/todo/task[@id='%lld']/@returned)",
	    id);
	ck_xpath_eq(&a, path, "1");
	snprintf(path, sizeof(path), "string(/page/todo/task[@id='%lld']/@reason)",
	    id);
	ck_xpath_eq(&a, path, "员工身份证复印件不清晰,请重新上传");
	answer_free(&a);
	snprintf(path, sizeof(path), "/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	ck_xpath_eq(&a, "string(/page/task/@reason)",
	    "员工身份证复印件不清晰,请重新上传");
	answer_free(&a);

	/* Fixed: a new scan, the form saved again, resubmitted. */
	ck_assert_int_eq(upload(&b, id, "sfz_copy", OK_JPG, "身份证.jpg", &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	answer_free(&a);
	snprintf(path, sizeof(path), "%lld", id);
	ck_assert_int_eq(save_form(&b, "", path, &f, "协商一致解除", end,
	    "身份证复印件已重新扫描", &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/tuigong/@remark)", "身份证复印件已重新扫描");
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	answer_free(&a);
	snprintf(path, sizeof(path), "%lld", id);
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", path,
	    NULL), 303);
	answer_free(&a);

	/* 已退工, in the same transaction as 结束. */
	snprintf(sql, sizeof(sql), "SELECT status || '|' || ended_at || '|' || "
	    "end_task_id FROM employments WHERE contract_no = '%s'", f.cno);
	no = db_query(sql);
	snprintf(path, sizeof(path), "已退工|%s|%lld", end, id);
	ck_assert_str_eq(no, path);
	free(no);
	snprintf(path, sizeof(path), "/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "task");
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home", 1, &a), 200);
	ck_assert_int_ge(xpath_count(&a, "/page/inbox/msg[contains(., "
	    "'送达') and contains(., '档案')]"), 1);
	answer_free(&a);

	/* The 证明 prints what it certifies and verifies on the public
	 * page. */
	rname = db_query("SELECT display_name FROM accounts WHERE "
	    "username = 'demo-reviewer'");
	ck_assert_ptr_nonnull(rname);
	ck_assert_str_ne(rname, "");
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	no = xpath_str(&a, "string(/page/receipt/@no)");
	code = xpath_str(&a, "string(/page/receipt/@code)");
	ck_xpath_eq(&a, "string(/page/detail/field[@label='姓名'])", f.name);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='合同编号'])", f.cno);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='退工原因'])",
	    "协商一致解除");
	ck_xpath_eq(&a, "string(/page/detail/field[@label='退工日期'])", end);
	ck_xpath_eq(&a, "string(/page/business/@reviewer)", rname);
	ck_xpath_eq(&a, "string(/page/business/@auto)", "0");
	answer_free(&a);
	/* The same on the A4 page the unit prints. */
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "退工登记证明"));
	ck_assert_ptr_nonnull(strstr(a.body, f.name));
	ck_assert_ptr_nonnull(strstr(a.body, f.cno));
	ck_assert_ptr_nonnull(strstr(a.body, "协商一致解除"));
	ck_assert_ptr_nonnull(strstr(a.body, end));
	ck_assert_ptr_nonnull(strstr(a.body, rname));
	ck_assert_ptr_nonnull(strstr(a.body, no));
	answer_free(&a);
	free(rname);
	ck_assert_str_ne(no, "");
	ck_assert_uint_eq(strlen(code), 8);
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/receipt/@kind)", "退工登记证明");
	answer_free(&a);
	/* A wrong code: says so, and reveals nothing. */
	code[0] = code[0] == 'A' ? 'B' : 'A';
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "0");
	ck_xpath_has(&a, "string(/page/result/note)",
	    "编号或验证码不正确,无法确认该文件的真实性");
	ck_assert_int_eq(xpath_count(&a, "/page/result/receipt"), 0);
	ck_assert_ptr_null(strstr(a.body, f.name));
	ck_assert_ptr_null(strstr(a.body, "示例商贸"));
	answer_free(&a);
	/* No code at all: nothing either. */
	snprintf(path, sizeof(path), "/verify?no=%s", no);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/result/receipt"), 0);
	ck_assert_ptr_null(strstr(a.body, f.name));
	answer_free(&a);
	free(no);
	free(code);
}
END_TEST

START_TEST(tg_vip_clean_ends_rule_refused)
{
	static const char *const expiry_codes[] = { "jiechu_zhengming",
		"sfz_copy", "hetong_copy", NULL };
	struct browser	 b;
	struct answer	 a;
	struct fix	 f, g;
	char		 end[11], start[11], sql[256];
	long long	 id;

	set_clock(NULL);
	hall_date(-3, end);
	hall_date(-3 - 3 * 365, start);
	fix_make("demo-vip", start, end, "暂停缴费", &f);
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	id = new_task(&b, &f, "合同到期终止", end);
	upload_all(&b, id, expiry_codes);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/task/@decided-by)", "系统自动审核");
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT status FROM employments WHERE "
	    "contract_no = '%s'", f.cno);
	{
		char	*v = db_query(sql);

		ck_assert_str_eq(v, "已退工");
		free(v);
	}

	/* 无固定期限 cannot end by 合同到期: kept as a draft with the
	 * rule shown, and refused on submit with the rule's message. */
	fix_make("demo-vip", "2020-05-01", "", "暂停缴费", &g);
	id = new_task(&b, &g, "合同到期终止", end);
	upload_all(&b, id, expiry_codes);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 422);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/errors/error[@code='TG_EXPIRY_OPEN'])",
	    "无固定期限劳动合同不能以“合同到期终止”退工");
	ck_xpath_eq(&a, "string(/page/errors/error[@code='TG_EXPIRY_OPEN']/"
	    "@field)", "reason");
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT status FROM employments WHERE "
	    "contract_no = '%s'", g.cno);
	{
		char	*v = db_query(sql);

		ck_assert_str_eq(v, "在职");
		free(v);
	}
}
END_TEST

START_TEST(tg_bad_malformed_not_saved)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 tok[40], end[11];
	long long	 before;

	hall_date(-1, end);
	fix_make("demo-vip", "2022-01-01", "2029-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	before = db_int("SELECT COUNT(*) FROM tasks");
	form_token(&b, tok);
	f.idno[17] = f.idno[17] == '0' ? '1' : '0';	/* check digit */
	ck_assert_int_eq(save_form(&b, tok, "", &f, "协商一致解除", "2026-02-30",
	    "", &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='sfzh']"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='end_date']"),
	    1);
	ck_xpath_eq(&a, "string(/page/tuigong/@name)", f.name);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks"), before);
}
END_TEST

START_TEST(tg_policy_on_then_off)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 end[11], ids[24], want[160];
	long long	 id;

	set_clock(NULL);
	hall_date(-1, end);
	fix_make("demo-b", "2021-03-01", "2027-02-28", "参保缴费", &f);
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	id = new_task(&b, &f, "员工辞职", end);
	upload_all(&b, id, (const char *const[]){ "jiechu_zhengming",
	    "sfz_copy", "cizhi_shenqing", NULL });
	/* Wuhan: 先减员,后退工. */
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 422);
	ck_xpath_has(&a, "string(/page/errors/error[@code='TG_SB_UNSETTLED'])",
	    "社保关系未结清");
	ck_xpath_has(&a, "string(/page/errors/error[@code='TG_SB_UNSETTLED'])",
	    "请先办理城镇职工减少(减员),并结清欠费后再办理退工登记");
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	answer_free(&a);
	/* The page says where to go. */
	snprintf(ids, sizeof(ids), "%lld", id);
	ck_assert_int_eq(http_post_html(&b, "/tuigong/submit", &a, "id", ids,
	    NULL), 422);
	snprintf(want, sizeof(want), "<a href=\"/jianyuan?sfzh=%s\" "
	    "id=\"go-jianyuan\">去办理城镇职工减少(减员)</a>", f.idno);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	answer_free(&a);
	/* Saved again: kept as a draft, saying what blocks the submit. */
	ck_assert_int_eq(save_form(&b, "", ids, &f, "员工辞职", end, "", &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/message[@kind='warn'])",
	    "已保存为草稿;以下问题须修改后才能提交审批");
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind='error']"), 0);
	ck_xpath_eq(&a, "string(/page/errors/error[@code='TG_SB_UNSETTLED']/"
	    "@field)", "settled");
	answer_free(&a);
	/* The region's policy off: accepted. */
	free(db_query("UPDATE policy SET value = '0' WHERE region = '420100' "
	    "AND key = 'tuigong.require_jianyuan_first'"));
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	answer_free(&a);
}
END_TEST

/* The policy test's fixture, run by the parent before and after it
 * whether it passes or fails: Wuhan's 先减员,后退工 on. */
static void
policy_on(void)
{
	free(db_query("UPDATE policy SET value = '1' WHERE region = '420100' "
	    "AND key = 'tuigong.require_jianyuan_first'"));
}

/* Counts of what a refused upload must not change. */
static void
counts(long long c[3])
{
	c[0] = db_int("SELECT COUNT(*) FROM attachments");
	c[1] = db_int("SELECT COUNT(*) FROM tasks");
	c[2] = db_int("SELECT COUNT(*) FROM tuigong");
}

START_TEST(tg_bad_uploads_change_nothing)
{
	struct browser	 b;
	struct answer	 a;
	struct part	 p[2];
	struct fix	 f;
	char		 end[11], big[64], tok[40];
	long long	 id, c0[3], c1[3];
	static unsigned char head[65536];
	FILE		*in, *out;
	size_t		 n, total;

	hall_date(-1, end);
	fix_make("demo-a", "2022-01-01", "2029-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = new_task(&b, &f, "协商一致解除", end);
	counts(c0);

	/* A text file named .pdf. */
	ck_assert_int_eq(upload(&b, id, "sfz_copy", TEXT_PDF, "身份证.pdf", &a),
	    422);
	ck_xpath_has(&a, "string(/page/errors/error[@field='sfz_copy'])",
	    "不是PDF或JPG文件");
	answer_free(&a);

	/* A 6 MB JPG (a real JPEG padded before its end marker). */
	snprintf(big, sizeof(big), "/tmp/tg-big-%d.jpg", (int)getpid());
	ck_assert_ptr_nonnull(in = fopen(OK_JPG, "rb"));
	n = fread(head, 1, sizeof(head), in);
	fclose(in);
	ck_assert(n > 100 && n < sizeof(head));
	ck_assert_ptr_nonnull(out = fopen(big, "wb"));
	fwrite(head, 1, n - 2, out);
	for (total = n - 2; total < 6000000 - 2; total++)
		fputc(0, out);
	fputc(0xff, out);
	fputc(0xd9, out);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_int_eq(upload(&b, id, "sfz_copy", big, "身份证.jpg", &a), 413);
	ck_xpath_has(&a, "string(/page/errors/error[@field='sfz_copy'])",
	    "超过5MB");
	answer_free(&a);
	unlink(big);

	/* A zip bomb named .xlsx. */
	form_token(&b, tok);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = BOMB;
	p[1].filename = "批量退工.xlsx";
	ck_assert_int_eq(http_post_multipart(&b, "/tuigong/batch/upload", 1, p,
	    2, &a), 422);
	ck_xpath_eq(&a, "string(/page/message[@kind='error'])",
	    "文件过大或解压后超出限制,已拒绝处理");
	answer_free(&a);

	counts(c1);
	ck_assert_int_eq(c1[0], c0[0]);
	ck_assert_int_eq(c1[1], c0[1]);
	ck_assert_int_eq(c1[2], c0[2]);
	/* A good file still goes in, and downloads as an attachment. */
	ck_assert_int_eq(upload(&b, id, "sfz_copy", OK_JPG, "身份证.jpg", &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	answer_free(&a);
	{
		char	 path[64], *aid;

		aid = db_query("SELECT MAX(id) FROM attachments");
		snprintf(path, sizeof(path), "/tuigong/attachment?id=%s", aid);
		free(aid);
		ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
		ck_assert_str_eq(a.ctype, "image/jpeg");
		ck_assert_ptr_nonnull(strstr(a.disposition, "attachment"));
		ck_assert_int_eq(a.nosniff, 1);
		answer_free(&a);
	}
}
END_TEST

START_TEST(tg_same_form_twice_one_task)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 end[11], tok[40], sql[256];
	pid_t		 kids[2];
	int		 i, st;

	hall_date(-1, end);
	fix_make("demo-a", "2022-01-01", "2029-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	form_token(&b, tok);
	for (i = 0; i < 2; i++) {
		kids[i] = fork();
		ck_assert_int_ge(kids[i], 0);
		if (kids[i] == 0) {
			long	 s = save_form(&b, tok, "", &f, "协商一致解除",
			    end, "", &a);

			_exit(s == 303 ? 0 : 1);
		}
	}
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(waitpid(kids[i], &st, 0), kids[i]);
		ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tasks WHERE "
	    "dedup_key = 'tg:%s'", tok);
	ck_assert_int_eq(db_int(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tuigong WHERE "
	    "contract_no = '%s'", f.cno);
	ck_assert_int_eq(db_int(sql), 1);
	/* And once more, later: still one. */
	ck_assert_int_eq(save_form(&b, tok, "", &f, "协商一致解除", end, "", &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tuigong WHERE "
	    "contract_no = '%s'", f.cno);
	ck_assert_int_eq(db_int(sql), 1);
}
END_TEST

/* A form token is one unit's: another unit posting a token unit A has
 * used gets a task of its own (it used to be 503, the token being
 * unique across units), and A's task is left as it was. */
START_TEST(tg_same_token_other_unit_own_task)
{
	struct browser	 a_b, b_b;
	struct answer	 a;
	struct fix	 f, g;
	char		 end[11], tok[40], sql[256], *v;
	long long	 ida, idb;

	hall_date(-1, end);
	fix_make("demo-a", "2022-01-01", "2029-12-31", "暂停缴费", &f);
	fix_make("demo-b", "2022-01-01", "2029-12-31", "暂停缴费", &g);
	browser_init(&a_b, "unit-a");
	ck_assert_int_eq(login(&a_b, "demo-a"), 0);
	browser_init(&b_b, "unit-b");
	ck_assert_int_eq(login(&b_b, "demo-b"), 0);
	form_token(&a_b, tok);
	ck_assert_int_eq(save_form(&a_b, tok, "", &f, "协商一致解除", end, "",
	    &a), 303);
	ida = task_of(&a);
	answer_free(&a);
	ck_assert_int_gt(ida, 0);
	ck_assert_int_eq(save_form(&b_b, tok, "", &g, "协商一致解除", end, "",
	    &a), 303);
	idb = task_of(&a);
	ck_assert_int_eq(follow(&b_b, &a), 200);
	v = xpath_str(&a, "string(/page/task/@id)");
	ck_assert_int_eq(strtoll(v, NULL, 10), idb);
	free(v);
	ck_xpath_eq(&a, "string(/page/tuigong/@name)", g.name);
	answer_free(&a);
	ck_assert_int_gt(idb, 0);
	ck_assert_int_ne(idb, ida);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tasks WHERE "
	    "dedup_key = 'tg:%s'", tok);
	ck_assert_int_eq(db_int(sql), 2);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tuigong WHERE "
	    "task_id = %lld AND contract_no = '%s'", ida, f.cno);
	ck_assert_int_eq(db_int(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tasks t JOIN accounts "
	    "c ON c.unit_id = t.unit_id WHERE t.id = %lld AND c.username = "
	    "'demo-b'", idb);
	ck_assert_int_eq(db_int(sql), 1);
	/* B's repeat finds B's task, with the repeat notice. */
	ck_assert_int_eq(save_form(&b_b, tok, "", &g, "协商一致解除", end, "",
	    &a), 303);
	ck_assert_int_eq(task_of(&a), idb);
	ck_assert_ptr_nonnull(strstr(a.location, "repeat=1"));
	answer_free(&a);
}
END_TEST

START_TEST(tg_bad_other_unit_cannot_see_or_print)
{
	struct browser	 b, o;
	struct answer	 a;
	struct fix	 f;
	char		 end[11], path[80], *aid;
	long long	 id;

	hall_date(-1, end);
	fix_make("demo-vip", "2022-01-01", "2029-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	id = new_task(&b, &f, "协商一致解除", end);
	upload_all(&b, id, agreed_codes);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	answer_free(&a);
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	snprintf(path, sizeof(path), "/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, f.name));
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, f.name));
	answer_free(&a);
	snprintf(path, sizeof(path), "/tuigong/batch/result?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(post_id(&o, "/tuigong/cancel", id, &a), 404);
	answer_free(&a);
	snprintf(path, sizeof(path), "SELECT MAX(id) FROM attachments WHERE "
	    "task_id = %lld", id);
	aid = db_query(path);
	snprintf(path, sizeof(path), "/tuigong/attachment?id=%s", aid);
	free(aid);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	answer_free(&a);
	/* The owner can, and the finished task cannot change. */
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/tuigong/cancel", id, &a), 409);
	answer_free(&a);
}
END_TEST

START_TEST(tg_timeline_steps)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 path[96];

	fix_make("demo-a", "2022-01-01", "2029-12-31", "参保缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/tuigong/timeline?sfzh=%s", f.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/timeline/step[1]/@kind)", "用工备案");
	ck_xpath_eq(&a, "string(/page/timeline/step[1]/@date)", "2022-01-01");
	ck_xpath_eq(&a, "string(/page/timeline/step[2]/@kind)", "参保");
	ck_xpath_eq(&a, "string(/page/timeline/step[2]/@date)", "2022-01");
	ck_xpath_has(&a, "string(/page/timeline/advice)",
	    "请先办理城镇职工减少(减员)");
	answer_free(&a);
	/* Another unit's employee: nothing. */
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	ck_assert_int_eq(xpath_count(&a, "/page/timeline"), 0);
	answer_free(&a);
}
END_TEST

#define BATCH_ROWS	1000
#define BATCH_BAD	10	/* a wrong check digit */
#define BATCH_OTHER	5	/* employed at another unit, not this one */

/* Inserts n persons (serials from base on) employed at username's unit
 * with stopped insurance in one transaction; fills idnos[i], cnos[i]
 * and names[i]. */
static void
batch_persons(const char *username, int base, int n, char (*idnos)[19],
    char (*cnos)[40], char (*names)[32])
{
	struct store		*db;
	struct store_stmt	*p, *e, *in;
	struct fix		 f;
	int			 i;

	db = store_open(getenv("HALL_TEST_DB"), STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(store_begin(db), 0);
	for (i = 0; i < n; i++) {
		fix_identity(base + i, &f);
		snprintf(f.cno, sizeof(f.cno), "TGB-%d", base + i);
		snprintf(idnos[i], 19, "%s", f.idno);
		snprintf(cnos[i], 40, "%s", f.cno);
		snprintf(names[i], 32, "%s", f.name);
		p = store_stmt(db, "INSERT INTO persons (idno, name, sex, "
		    "birth) VALUES (?1, ?2, ?3, ?4)");
		ck_assert_ptr_nonnull(p);
		store_bind_text(p, 1, f.idno);
		store_bind_text(p, 2, f.name);
		store_bind_text(p, 3, f.sex);
		store_bind_text(p, 4, f.birth);
		ck_assert_int_eq(store_exec_stmt(db, p), 0);
		e = store_stmt(db, "INSERT INTO employments (person_id, "
		    "unit_id, contract_no, start_date, end_date, registered_at) "
		    "SELECT ?3, unit_id, ?1, '2022-01-01', '2029-12-31', "
		    "'2022-01-01' FROM accounts WHERE username = ?2");
		ck_assert_ptr_nonnull(e);
		store_bind_text(e, 1, f.cno);
		store_bind_text(e, 2, username);
		store_bind_int(e, 3, store_last_id(db));
		ck_assert_int_eq(store_exec_stmt(db, e), 0);
		in = store_stmt(db, "INSERT INTO insurance (person_id, unit_id, "
		    "sb_no, start_month, status, stop_month) SELECT person_id, "
		    "unit_id, 'B' || ?1, '2022-01', '暂停缴费', '2026-02' FROM "
		    "employments WHERE contract_no = ?1");
		ck_assert_ptr_nonnull(in);
		store_bind_text(in, 1, f.cno);
		ck_assert_int_eq(store_exec_stmt(db, in), 0);
	}
	ck_assert_int_eq(store_commit(db), 0);
	store_close(db);
}

START_TEST(tg_batch_thousand_rows)
{
	static char	 idnos[BATCH_ROWS][19], cnos[BATCH_ROWS][40];
	static char	 names[BATCH_ROWS][32];
	static const char *cells[BATCH_ROWS + 1][9];
	static const char *header[9] = { "姓名", "身份证号", "合同编号",
	    "退工原因", "退工日期", "户籍类型", "联系电话", "经济补偿(是/否)",
	    "备注" };
	static const char *const *rows[BATCH_ROWS + 1];
	struct browser	 b;
	struct answer	 a;
	struct part	 p[2];
	unsigned char	*x;
	size_t		 xsz;
	char		 end[11], tok[40], file[64], path[96], *v;
	long long	 id;
	int		 i, j, base = 20000 + (int)(getpid() % 50) * 1200;
	FILE		*out;

	hall_date(-1, end);
	batch_persons("demo-b", base, BATCH_ROWS - BATCH_OTHER, idnos, cnos,
	    names);
	/* The last rows name persons of demo-a, with their own contracts:
	 * well-formed, but not employed at demo-b's unit. */
	batch_persons("demo-a", base + BATCH_ROWS - BATCH_OTHER, BATCH_OTHER,
	    idnos + BATCH_ROWS - BATCH_OTHER, cnos + BATCH_ROWS - BATCH_OTHER,
	    names + BATCH_ROWS - BATCH_OTHER);
	for (j = 0; j < 9; j++)
		cells[0][j] = header[j];
	for (i = 0; i < BATCH_ROWS; i++) {
		if (i >= BATCH_ROWS - BATCH_BAD - BATCH_OTHER &&
		    i < BATCH_ROWS - BATCH_OTHER)	/* a wrong check digit */
			idnos[i][17] = idnos[i][17] == '0' ? '1' : '0';
		cells[i + 1][0] = names[i];
		cells[i + 1][1] = idnos[i];
		cells[i + 1][2] = cnos[i];
		cells[i + 1][3] = "协商一致解除";
		cells[i + 1][4] = end;
		cells[i + 1][5] = "城镇";
		cells[i + 1][6] = "";
		cells[i + 1][7] = "否";
		cells[i + 1][8] = "";
	}
	for (i = 0; i <= BATCH_ROWS; i++)
		rows[i] = cells[i];
	ck_assert_int_eq(xlsx_write("批量退工", rows, BATCH_ROWS + 1, 9, &x,
	    &xsz), 0);
	snprintf(file, sizeof(file), "/tmp/tg-batch-%d.xlsx", (int)getpid());
	ck_assert_ptr_nonnull(out = fopen(file, "wb"));
	ck_assert_uint_eq(fwrite(x, 1, xsz, out), xsz);
	ck_assert_int_eq(fclose(out), 0);
	free(x);

	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	ck_assert_int_eq(http_get(&b, "/tuigong/batch/template", 0, &a), 200);
	ck_assert_str_eq(a.ctype, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet");
	ck_assert_ptr_nonnull(strstr(a.disposition, ".xlsx"));
	ck_assert(a.bodysz > 4 && memcmp(a.body, "PK\003\004", 4) == 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/tuigong/batch", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = file;
	ck_assert_int_eq(http_post_multipart(&b, "/tuigong/batch/upload", 1, p,
	    2, &a), 303);
	/* 1,000 rows: more than batch.sync_rows, a job with progress. */
	ck_assert_ptr_nonnull(strstr(a.location, "/tuigong/batch/import?job="));
	ck_assert_int_eq(upload_follow(&b, &a, 120, NULL), 200);
	unlink(file);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-result");
	ck_xpath_eq(&a, "string(/page/rows/@count)", "985");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"),
	    BATCH_BAD + BATCH_OTHER);
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"
	    "[contains(@reasons, '身份证号无效') and @name != '']"), BATCH_BAD);
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"
	    "[contains(@reasons, '本单位没有该员工合同编号') and @name != '']"),
	    BATCH_OTHER);
	ck_xpath_eq(&a, "string(/page/failures/failure[1]/@name)",
	    names[BATCH_ROWS - BATCH_BAD - BATCH_OTHER]);
	ck_xpath_eq(&a, "string(/page/failures/failure[last()]/@name)",
	    names[BATCH_ROWS - 1]);
	snprintf(path, sizeof(path), "string(/page/failures/failure[last()]/"
	    "@row)");
	ck_xpath_eq(&a, path, "1001");
	ck_xpath_eq(&a, "string(/page/rows/row[1]/@name)", names[0]);
	v = xpath_str(&a, "string(/page/task/@id)");
	id = strtoll(v, NULL, 10);
	free(v);
	answer_free(&a);

	/* 下载导入失败列表. */
	snprintf(path, sizeof(path), "/tuigong/batch/failures?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert(a.bodysz > 4 && memcmp(a.body, "PK\003\004", 4) == 0);
	ck_assert_ptr_nonnull(strstr(a.disposition, "attachment"));
	answer_free(&a);
	/* Delete a row, then attach the batch's materials and submit. */
	snprintf(path, sizeof(path), "%lld", id);
	ck_assert_int_eq(http_post(&b, "/tuigong/batch/delete", 1, &a, "id",
	    path, "row", "2", NULL), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/rows/@count)", "984");
	answer_free(&a);
	upload_all(&b, id, (const char *const[]){ "tuigong_huamingce",
	    "jiechu_zhengming", "sfz_copy", NULL });
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	answer_free(&a);
}
END_TEST

/* Writes a batch workbook of the persons fs[0..n) (退工 协商一致解除 on
 * end) and uploads it as b; returns the status, a holds the answer. */
static long
batch_upload(struct browser *b, const struct fix *fs, int n,
    const char *end, struct answer *a)
{
	static const char *header[9] = { "姓名", "身份证号", "合同编号",
	    "退工原因", "退工日期", "户籍类型", "联系电话", "经济补偿(是/否)",
	    "备注" };
	const char	*cells[4][9];
	const char *const *rows[4];
	struct answer	 t;
	struct part	 p[2];
	unsigned char	*x;
	size_t		 xsz;
	char		 file[64], *tok;
	FILE		*out;
	long		 st;
	int		 i;

	ck_assert_int_le(n, 3);
	rows[0] = header;
	for (i = 0; i < n; i++) {
		cells[i][0] = fs[i].name;
		cells[i][1] = fs[i].idno;
		cells[i][2] = fs[i].cno;
		cells[i][3] = "协商一致解除";
		cells[i][4] = end;
		cells[i][5] = "城镇";
		cells[i][6] = "";
		cells[i][7] = "否";
		cells[i][8] = "";
		rows[i + 1] = cells[i];
	}
	ck_assert_int_eq(xlsx_write("批量退工", rows, (size_t)n + 1, 9, &x,
	    &xsz), 0);
	snprintf(file, sizeof(file), "/tmp/tg-small-%d.xlsx", (int)getpid());
	ck_assert_ptr_nonnull(out = fopen(file, "wb"));
	ck_assert_uint_eq(fwrite(x, 1, xsz, out), xsz);
	ck_assert_int_eq(fclose(out), 0);
	free(x);
	ck_assert_int_eq(http_get(b, "/tuigong/batch", 1, &t), 200);
	tok = xpath_str(&t, "string(/page/form/@token)");
	answer_free(&t);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = file;
	p[1].filename = "批量退工.xlsx";
	st = http_post_multipart(b, "/tuigong/batch/upload", 1, p, 2, a);
	unlink(file);
	free(tok);
	return st;
}

/* A batch whose only row fails stays a batch: its result page lists the
 * failure with the 下载导入失败列表 link, and the single form cannot be
 * saved into it. */
START_TEST(tg_batch_all_failed_stays_batch)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 end[11], path[96], ids[24], *v;
	long long	 id;

	hall_date(-1, end);
	/* A well-formed person this unit never employed. */
	fix_identity(fix_serial(), &f);
	snprintf(f.start, sizeof(f.start), "2022-01-01");
	snprintf(f.end, sizeof(f.end), "2029-12-31");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(batch_upload(&b, &f, 1, end, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-result");
	ck_xpath_eq(&a, "string(/page/rows/@count)", "0");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"), 1);
	ck_xpath_eq(&a, "string(/page/failures/failure/@name)", f.name);
	ck_xpath_has(&a, "string(/page/failures/failure/@reasons)",
	    "本单位没有该员工合同编号");
	ck_xpath_eq(&a, "string(/page/materials/@batch)", "1");
	v = xpath_str(&a, "string(/page/task/@id)");
	id = strtoll(v, NULL, 10);
	free(v);
	ck_assert_int_gt(id, 0);
	answer_free(&a);
	/* The page the clerk sees, also when opened again later. */
	snprintf(path, sizeof(path), "/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	snprintf(path, sizeof(path), "/tuigong/batch/failures?id=%lld", id);
	ck_assert_ptr_nonnull(strstr(a.body, path));
	ck_assert_ptr_nonnull(strstr(a.body, "下载导入失败列表"));
	ck_assert_ptr_nonnull(strstr(a.body, f.name));
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert(a.bodysz > 4 && memcmp(a.body, "PK\003\004", 4) == 0);
	answer_free(&a);
	/* The single form posted to it is refused and stores nothing. */
	snprintf(ids, sizeof(ids), "%lld", id);
	ck_assert_int_eq(save_form(&b, "", ids, &f, "协商一致解除", end, "",
	    &a), 409);
	answer_free(&a);
	snprintf(path, sizeof(path), "SELECT COUNT(*) FROM tuigong WHERE "
	    "task_id = %lld", id);
	ck_assert_int_eq(db_int(path), 0);
	snprintf(path, sizeof(path), "/tuigong/batch/result?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-result");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"), 1);
	answer_free(&a);
}
END_TEST

/* 退单 of a whole batch: every row withdrawn, the employments still 在职
 * and free for a new 退工, the batch no longer editable. */
START_TEST(tg_batch_cancel_whole)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f[2];
	char		 end[11], sql[256], ids[24], tok[40], *v;
	long long	 id;

	hall_date(-1, end);
	fix_make("demo-a", "2022-01-01", "2029-12-31", "暂停缴费", &f[0]);
	fix_make("demo-a", "2022-01-01", "2029-12-31", "暂停缴费", &f[1]);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(batch_upload(&b, f, 2, end, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/rows/@count)", "2");
	v = xpath_str(&a, "string(/page/task/@id)");
	id = strtoll(v, NULL, 10);
	free(v);
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/tuigong/cancel", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-result");
	ck_xpath_eq(&a, "string(/page/task/@state)", "退单");
	ck_xpath_has(&a, "string(/page/message[@kind='ok'])", "已退单");
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM employments WHERE "
	    "contract_no IN ('%s', '%s') AND status = '在职'", f[0].cno,
	    f[1].cno);
	ck_assert_int_eq(db_int(sql), 2);
	/* Withdrawn: no row can be deleted, nothing submitted. */
	snprintf(ids, sizeof(ids), "%lld", id);
	ck_assert_int_eq(http_post(&b, "/tuigong/batch/delete", 1, &a, "id",
	    ids, "row", "2", NULL), 409);
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 409);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tuigong WHERE "
	    "task_id = %lld", id);
	ck_assert_int_eq(db_int(sql), 2);
	/* The persons are free for a new 退工. */
	form_token(&b, tok);
	ck_assert_int_eq(save_form(&b, tok, "", &f[0], "协商一致解除", end, "",
	    &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_assert_int_eq(xpath_count(&a,
	    "/page/errors/error[@code='TG_DUPLICATE']"), 0);
	ck_xpath_eq(&a, "string(/page/message[@kind='ok'])",
	    "已保存。请按下列清单上传附件材料后提交审批");
	answer_free(&a);
}
END_TEST

/* The count of occurrences of needle in hay. */
static int
count_of(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* The count of task_events of task id with action. */
static long long
events_of(long long id, const char *action)
{
	char	 sql[160];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM task_events WHERE "
	    "task_id = %lld AND action = '%s'", id, action);
	return db_int(sql);
}

/* POSTs path for id twice; the second (a double click) must answer 303
 * to the task's page, which says state is reached with message info. */
static void
post_twice(struct browser *b, const char *path, long long id, long first,
    const char *state, const char *info)
{
	struct answer	 a;
	char		 want[80];

	ck_assert_int_eq(post_id(b, path, id, &a), first);
	ck_assert_int_eq(follow(b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", state);
	answer_free(&a);
	ck_assert_int_eq(post_id(b, path, id, &a), 303);
	snprintf(want, sizeof(want), "/tuigong?id=%lld&repeat=1", id);
	ck_assert_msg(strstr(a.location, want) != NULL, "Location %s",
	    a.location);
	answer_free(&a);
	ck_assert_int_eq(http_get(b, want, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", state);
	ck_xpath_eq(&a, "string(/page/message[@kind='info'])", info);
	ck_assert_int_eq(xpath_count(&a, "/page/error"), 0);
	answer_free(&a);
	/* The HTML a browser shows: the state, no error page. */
	ck_assert_int_eq(http_get(b, want, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, info));
	ck_assert_ptr_null(strstr(a.body, "BAD_STATE"));
	answer_free(&a);
}

START_TEST(tg_double_submit_answers_like_first)
{
	struct browser	 b, v;
	struct answer	 a;
	struct fix	 f, g, h;
	char		 end[11], ids[24];
	long long	 id;

	set_clock(NULL);
	hall_date(-2, end);
	/* 普通: 进行中 after the first click. */
	fix_make("demo-a", "2023-01-01", "2028-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = new_task(&b, &f, "协商一致解除", end);
	upload_all(&b, id, agreed_codes);
	post_twice(&b, "/tuigong/submit", id, 303, "进行中",
	    "该业务已提交审批,无需再次提交");
	ck_assert_int_eq(events_of(id, "task.submit"), 1);
	/* Real conflicts stay 409: saving into the submitted task, and
	 * 退单 of it. */
	snprintf(ids, sizeof(ids), "%lld", id);
	ck_assert_int_eq(save_form(&b, "", ids, &f, "协商一致解除", end, "",
	    &a), 409);
	ck_xpath_eq(&a, "string(/page/error/@code)", "BAD_STATE");
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/tuigong/cancel", id, &a), 409);
	answer_free(&a);

	/* VIP: 结束 after the first click. */
	fix_make("demo-vip", "2023-01-01", "2028-12-31", "暂停缴费", &g);
	browser_init(&v, "unit-vip");
	ck_assert_int_eq(login(&v, "demo-vip"), 0);
	id = new_task(&v, &g, "协商一致解除", end);
	upload_all(&v, id, agreed_codes);
	post_twice(&v, "/tuigong/submit", id, 303, "结束",
	    "该业务已办结,无需再次提交");
	ck_assert_int_eq(events_of(id, "task.submit"), 1);
	ck_assert_int_eq(events_of(id, "task.approve"), 1);

	/* 退单 clicked twice: 303 too; a submit of it is a conflict. */
	fix_make("demo-a", "2023-01-01", "2028-12-31", "暂停缴费", &h);
	id = new_task(&b, &h, "协商一致解除", end);
	post_twice(&b, "/tuigong/cancel", id, 303, "退单", "该业务已退单");
	ck_assert_int_eq(events_of(id, "task.cancel"), 1);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 409);
	answer_free(&a);
	ck_assert_int_eq(events_of(id, "task.submit"), 0);
}
END_TEST

START_TEST(tg_double_submit_at_once)
{
	struct browser	 b;
	struct fix	 f;
	char		 end[11];
	long long	 id;
	pid_t		 kids[2];
	int		 i, st, ok = 0, again = 0;

	set_clock(NULL);
	hall_date(-2, end);
	fix_make("demo-a", "2023-01-01", "2028-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = new_task(&b, &f, "协商一致解除", end);
	upload_all(&b, id, agreed_codes);
	for (i = 0; i < 2; i++) {
		kids[i] = fork();
		ck_assert_int_ge(kids[i], 0);
		if (kids[i] == 0) {
			struct answer	 a;
			long		 s = post_id(&b, "/tuigong/submit", id,
			    &a);

			if (s != 303)
				_exit(2);
			_exit(strstr(a.location, "done=submitted") != NULL ?
			    0 : strstr(a.location, "repeat=1") != NULL ? 1 : 2);
		}
	}
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(waitpid(kids[i], &st, 0), kids[i]);
		ck_assert(WIFEXITED(st));
		ok += WEXITSTATUS(st) == 0;
		again += WEXITSTATUS(st) == 1;
	}
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(again, 1);
	ck_assert_int_eq(events_of(id, "task.submit"), 1);
}
END_TEST

START_TEST(tg_bad_second_open_tuigong_refused)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 end[11], tok[40], sql[256], want[160], *seq;
	long long	 id, before;

	set_clock(NULL);
	hall_date(-2, end);
	fix_make("demo-a", "2023-01-01", "2028-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = new_task(&b, &f, "协商一致解除", end);
	snprintf(sql, sizeof(sql), "SELECT seq_no FROM tasks WHERE id = %lld",
	    id);
	seq = db_query(sql);
	ck_assert_ptr_nonnull(seq);

	/* The pick list marks the person and links to the open one (found
	 * by the search: the unit may have more than a page of staff). */
	snprintf(want, sizeof(want), "/tuigong?q=%s", f.idno);
	ck_assert_int_eq(http_get(&b, want, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 1);
	snprintf(want, sizeof(want), "string(/page/persons/person[@idno='%s']"
	    "/@open-task)", f.idno);
	snprintf(sql, sizeof(sql), "%lld", id);
	ck_xpath_eq(&a, want, sql);
	answer_free(&a);
	/* 查询带出 says so beside the query box. */
	snprintf(want, sizeof(want), "/tuigong?q_sfzh=%s", f.idno);
	ck_assert_int_eq(http_get(&b, want, 1, &a), 200);
	ck_xpath_has(&a, "string(/page/errors/error[@field='q_sfzh' and "
	    "@code='TG_DUPLICATE'])", seq);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='sfzh']"),
	    0);
	answer_free(&a);

	/* A second form for the same person: refused, nothing stored. */
	before = db_int("SELECT COUNT(*) FROM tasks");
	form_token(&b, tok);
	ck_assert_int_eq(save_form(&b, tok, "", &f, "员工辞职", end, "", &a),
	    422);
	ck_xpath_has(&a, "string(/page/errors/error[@field='sfzh' and "
	    "@code='TG_DUPLICATE'])", seq);
	ck_xpath_has(&a, "string(/page/errors/error[@code='TG_DUPLICATE'])",
	    "待办");
	snprintf(sql, sizeof(sql), "%lld", id);
	ck_xpath_eq(&a, "string(/page/duplicate/@id)", sql);
	ck_xpath_eq(&a, "string(/page/tuigong/@reason)", "员工辞职");
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks"), before);
	/* The HTML: beside the 身份证号 with a link to the open task. */
	ck_assert_int_eq(http_post_html(&b, "/tuigong/save", &a, "token", tok,
	    "id", "", "name", f.name, "sfzh", f.idno, "sex", f.sex, "birth",
	    f.birth, "hukou_type", "城镇", "reason", "员工辞职", "end_date", end,
	    "contract_no", f.cno, "contract_start", f.start, "contract_end",
	    f.end, "handler_name", "测试经办", "handler_phone", "027-87654321",
	    NULL), 422);
	snprintf(want, sizeof(want), "href=\"/tuigong?id=%lld\" "
	    "id=\"open-duplicate\"", id);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks"), before);

	/* Submitted, still open: still refused. */
	upload_all(&b, id, agreed_codes);
	ck_assert_int_eq(post_id(&b, "/tuigong/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	answer_free(&a);
	ck_assert_int_eq(save_form(&b, tok, "", &f, "员工辞职", end, "", &a),
	    422);
	ck_xpath_has(&a, "string(/page/errors/error[@code='TG_DUPLICATE'])",
	    seq);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks"), before);
	free(seq);
}
END_TEST

START_TEST(tg_query_box_keeps_its_own)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 bad[19], path[80], want[96], tok[40], end[11];

	hall_date(-1, end);
	fix_make("demo-a", "2022-01-01", "2029-12-31", "暂停缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(bad, sizeof(bad), "%s", f.idno);
	bad[17] = bad[17] == '0' ? '1' : '0';	/* check digit */
	snprintf(path, sizeof(path), "/tuigong?q_sfzh=%s", bad);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 422);
	ck_xpath_eq(&a, "string(/page/query/@sfzh)", bad);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='q_sfzh']"),
	    1);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field='sfzh']"),
	    0);
	/* 是否结清 says nothing of a number that is not a person's. */
	ck_xpath_eq(&a, "string(/page/tuigong/@facts)", "0");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 422);
	snprintf(want, sizeof(want), "name=\"q_sfzh\" value=\"%s\"", bad);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	ck_assert_int_eq(count_of(a.body, "class=\"field-error\""), 1);
	ck_assert_ptr_null(strstr(a.body, "未结清"));
	answer_free(&a);
	/* A pick-list link (sfzh=) prefills too. */
	snprintf(path, sizeof(path), "/tuigong?sfzh=%s", f.idno);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/tuigong/@contract-no)", f.cno);
	ck_xpath_eq(&a, "string(/page/tuigong/@facts)", "1");
	ck_xpath_eq(&a, "string(/page/tuigong/@settled)", "1");
	ck_xpath_eq(&a, "string(/page/query/@sfzh)", f.idno);
	answer_free(&a);
	/* A refused save's error stays beside the form's 身份证号. */
	form_token(&b, tok);
	ck_assert_int_eq(http_post_html(&b, "/tuigong/save", &a, "token", tok,
	    "id", "", "name", f.name, "sfzh", bad, "sex", f.sex,
	    "hukou_type", "城镇", "reason", "协商一致解除", "end_date", end,
	    "contract_no", f.cno, "contract_start", f.start, "contract_end",
	    f.end, "handler_name", "测试经办", "handler_phone", "027-87654321",
	    NULL), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "name=\"q_sfzh\" value=\"\""));
	ck_assert_int_eq(count_of(a.body, "class=\"field-error\""), 1);
	snprintf(want, sizeof(want), "name=\"sfzh\" value=\"%s\"", bad);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	answer_free(&a);
}
END_TEST

START_TEST(tg_draft_shows_current_settled)
{
	struct browser	 b;
	struct answer	 a;
	struct fix	 f;
	char		 end[11], path[64], sql[256];
	long long	 id;

	set_clock(NULL);
	hall_date(-1, end);
	fix_make("demo-a", "2022-01-01", "2029-12-31", "参保缴费", &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	id = new_task(&b, &f, "协商一致解除", end);
	snprintf(path, sizeof(path), "/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/tuigong/@facts)", "1");
	ck_xpath_eq(&a, "string(/page/tuigong/@settled)", "0");
	answer_free(&a);
	/* The 减员 (as the jianyuan business leaves it). */
	snprintf(sql, sizeof(sql), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '2026-02' WHERE sb_no = 'SB%s'", f.cno + 4);
	free(db_query(sql));
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/tuigong/@settled)", "1");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "已结清"));
	ck_assert_ptr_null(strstr(a.body, "未结清"));
	answer_free(&a);
}
END_TEST

static Suite *
tuigong_http_suite(void)
{
	Suite	*s = suite_create("tuigong-http");
	TCase	*tc = tcase_create("tuigong");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, tg_plain_reject_fix_approve_print_verify);
	tcase_add_test(tc, tg_vip_clean_ends_rule_refused);
	tcase_add_test(tc, tg_bad_malformed_not_saved);
	tcase_add_test(tc, tg_bad_uploads_change_nothing);
	tcase_add_test(tc, tg_same_form_twice_one_task);
	tcase_add_test(tc, tg_same_token_other_unit_own_task);
	tcase_add_test(tc, tg_bad_other_unit_cannot_see_or_print);
	tcase_add_test(tc, tg_timeline_steps);
	tcase_add_test(tc, tg_batch_thousand_rows);
	tcase_add_test(tc, tg_batch_all_failed_stays_batch);
	tcase_add_test(tc, tg_batch_cancel_whole);
	tcase_add_test(tc, tg_double_submit_answers_like_first);
	tcase_add_test(tc, tg_double_submit_at_once);
	tcase_add_test(tc, tg_bad_second_open_tuigong_refused);
	tcase_add_test(tc, tg_query_box_keeps_its_own);
	tcase_add_test(tc, tg_draft_shows_current_settled);
	suite_add_tcase(s, tc);
	/* Its own case: the parent restores the policy after it, also
	 * when it fails. */
	tc = tcase_create("tuigong-policy");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, policy_on, policy_on);
	tcase_add_test(tc, tg_policy_on_then_off);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(tuigong_http_suite)
