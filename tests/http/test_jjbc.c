/*
 * test_jjbc.c: 经济补偿 of a 退工 through nginx with client
 * certificates (lib/tuigong_comp.h): the form works out the statutory
 * figure and stores it with the row; the 《经济补偿金计算表》 prints as
 * a draft (/tuigong/jisuan) and, once 结束, as the numbered receipt
 * (/print/jjbc), and as .xlsx that the project's reader opens, all with
 * the hand-counted figures; a payment below the statutory figure is
 * saved with a warning that says so; the cap (3 × 社平工资, 12 years);
 * a reason that owes none; bad input refused with nothing stored; and
 * another unit gets 404 for every form of the table.
 *
 * The dates follow the real day, so that the certificates and the
 * 15-day rule hold: the 退工日期 is the last day of last month (E), so
 * the day after the service is the 1st of this month (D); each service
 * starts on a 1st a whole number of months before D (D − 43 months is
 * 3 years 7 months).  The demo units are in region 420100; the cap is
 * 3 × the 社平工资 the policy table holds for E's year (read as a fixed
 * input, the precondition the counts use).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"
#include "xlsx.h"

#define OK_PDF		"unit/fixtures/files/ok.pdf"

/* Asserts an XPath string value contains want. */
#define ck_xpath_has(a, expr, want) do {				\
	char *_v = xpath_str((a), (expr));				\
	ck_assert_msg(strstr(_v, (want)) != NULL, "%s: got '%s', want '%s'", \
	    (expr), _v, (want));					\
	free(_v);							\
} while (0)

/* A person made for one test. */
struct jb_fix {
	char	 id[24];
	char	 idno[19];
	char	 name[32];
	char	 cno[40];
};

/* The 退工日期 E (YYYY-MM-DD), its year, and the 1st of this month. */
static char	 jb_end[11];
static int	 jb_year, jb_month;	/* this month (D) */

/* The 1st of the month n months before D into buf[11]. */
static void
jb_months_back(int n, char buf[11])
{
	int	 m = jb_year * 12 + (jb_month - 1) - n;

	snprintf(buf, 11, "%04d-%02d-01", m / 12, m % 12 + 1);
}

static void
jb_setup(void)
{
	static const int	 mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	time_t			 t = time(NULL) + 8 * 3600;
	struct tm		 tm;
	int			 y, m, d;

	set_clock(NULL);
	gmtime_r(&t, &tm);
	jb_year = tm.tm_year + 1900;
	jb_month = tm.tm_mon + 1;
	y = jb_month == 1 ? jb_year - 1 : jb_year;
	m = jb_month == 1 ? 12 : jb_month - 1;
	d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	snprintf(jb_end, sizeof(jb_end), "%04d-%02d-%02d", y, m, d);
}

/* 3 × the 社平工资 of E's year in 420100, in fen (the precondition of
 * the counts: the demo units are there). */
static long long
jb_cap(void)
{
	char	 sql[320];

	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM units u JOIN accounts a "
	    "ON a.unit_id = u.id WHERE a.username IN ('demo-vip', 'demo-a', "
	    "'demo-b') AND u.region = '420100'"), 3);
	snprintf(sql, sizeof(sql), "SELECT value FROM policy WHERE region = "
	    "'420100' AND key = 'wage.avg_monthly_fen' AND valid_from "
	    "BETWEEN '%.4s-01-01' AND '%.4s-12-31' ORDER BY valid_from DESC "
	    "LIMIT 1", jb_end, jb_end);
	return 3 * db_int(sql);
}

/* Makes a person of username's unit with a contract from start to
 * 2028-12-31, insurance stopped (so the 退工 may come first), and a
 * 申报工资 of wage_fen.  Names the person name. */
static void
jb_make(const char *username, const char *name, const char *start,
    long long wage_fen, struct jb_fix *f)
{
	char	 sql[512];

	ck_assert_int_eq(make_insured(username, name, f->id, f->idno), 0);
	snprintf(f->name, sizeof(f->name), "%s", name);
	snprintf(f->cno, sizeof(f->cno), "JBT-%s", f->id);
	snprintf(sql, sizeof(sql), "UPDATE employments SET contract_no = '%s', "
	    "start_date = '%s', end_date = '2028-12-31' WHERE person_id = %s "
	    "AND status = '在职'", f->cno, start, f->id);
	db_exec(sql);
	snprintf(sql, sizeof(sql), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '%04d-%02d', last_paid_month = '%.7s', "
	    "wage_fen = %lld WHERE person_id = %s", jb_year, jb_month, jb_end,
	    wage_fen, f->id);
	db_exec(sql);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM employments WHERE "
	    "contract_no = '%s' AND start_date = '%s'", f->cno, start);
	ck_assert_int_eq(db_int(sql), 1);
}

/* The task id of a 303 to /tuigong?id=N. */
static long long
jb_task_of(const struct answer *a)
{
	const char	*p = strstr(a->location, "id=");

	ck_assert_msg(p != NULL, "no task in location '%s'", a->location);
	return atoll(p + 3);
}

/* A fresh one-time form token from GET /tuigong. */
static void
jb_token(struct browser *b, char tok[40])
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

/* POSTs a new form (id "") or a draft's (id) for f with reason,
 * 合同起始日期 start and the 经济补偿 fields.  Returns the status. */
static long
jb_save(struct browser *b, const char *token, const char *id,
    const struct jb_fix *f, const char *reason, const char *start,
    const char *wage, const char *paid, const char *comp_start,
    const char *basis, struct answer *a)
{
	char	 sfz_sex[4], birth[11];

	/* The 身份证号's 17th digit says the sex, 7-14 the birth date. */
	snprintf(sfz_sex, sizeof(sfz_sex), "%s",
	    (f->idno[16] - '0') % 2 ? "男" : "女");
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", f->idno + 6,
	    f->idno + 10, f->idno + 12);
	return http_post(b, "/tuigong/save", 1, a, "token", token, "id", id,
	    "name", f->name, "sfzh", f->idno, "sex", sfz_sex, "birth", birth,
	    "hukou_type", "城镇", "phone", "13800138000", "reason", reason,
	    "end_date", jb_end, "contract_no", f->cno,
	    "contract_start", start, "contract_end", "2028-12-31",
	    "post", "会计", "wage", wage, "comp_paid", paid,
	    "comp_start", comp_start, "comp_basis", basis,
	    "handler_name", "测试经办", "handler_title", "人事",
	    "handler_phone", "027-87654321", NULL);
}

/* GETs base?id=id as XML (or HTML) into a; returns the status. */
static long
jb_get(struct browser *b, const char *base, long long id, int xml,
    struct answer *a)
{
	char	 path[160];

	snprintf(path, sizeof(path), "%s?id=%lld", base, id);
	return http_get(b, path, xml, a);
}

/* Uploads OK_PDF as material code of task id. */
static void
jb_upload(struct browser *b, long long id, const char *code)
{
	struct answer	 a;
	struct part	 p[3];
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "code";
	p[1].value = code;
	p[2].name = "file";
	p[2].file = OK_PDF;
	p[2].filename = "scan.pdf";
	ck_assert_int_eq(http_post_multipart(b, "/tuigong/upload", 1, p, 3, &a),
	    303);
	answer_free(&a);
}

/* The value beside label in the first column of sh, or NULL. */
static const char *
jb_cell(const struct xlsx_sheet *sh, const char *label)
{
	size_t	 i;

	for (i = 0; i < sh->nrows; i++)
		if (sh->rows[i].ncells >= 2 &&
		    strcmp(sh->rows[i].cells[0], label) == 0)
			return sh->rows[i].cells[1];
	return NULL;
}

/*
 * 协商一致解除 at a VIP unit: contract from D − 43 months to E is 3
 * years 7 months, N = 3 + 1 = 4; 月工资 8,000.00 (below any cap of the
 * table): 32,000.00, paid in full.  Submitted, it ends at once; the
 * receipt and the .xlsx carry the figures; another unit gets 404.
 */
START_TEST(jb_form_computes_prints_xlsx)
{
	struct browser		 b, o;
	struct answer		 a;
	struct xlsx_sheet	 sh;
	struct jb_fix		 f;
	char			 tok[40], sql[256], start[11], want[96], c[32],
				 avg[32], *no;
	long long		 id, cap = jb_cap();
	const char		*v;

	ck_assert_int_gt(cap, 800000);
	jb_months_back(43, start);
	jb_make("demo-vip", "补偿测甲", start, 800000, &f);
	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);

	/* The new form prefills the 月工资 with the 申报工资. */
	snprintf(sql, sizeof(sql), "/tuigong?sfzh=%s", f.idno);
	ck_assert_int_eq(http_get(&b, sql, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/compensation/@wage)", "8000.00");
	ck_xpath_eq(&a, "string(/page/compensation/@wage-from)", "申报工资");
	ck_xpath_eq(&a, "string(/page/tuigong/@contract-start)", start);
	answer_free(&a);

	jb_token(&b, tok);
	ck_assert_int_eq(jb_save(&b, tok, "", &f, "协商一致解除", start,
	    "8000", "32,000.00", "", "", &a), 303);
	id = jb_task_of(&a);
	answer_free(&a);
	ck_assert_int_gt(id, 0);

	/* Stored with the row: the hand-counted figures. */
	snprintf(sql, sizeof(sql), "SELECT owed || '|' || computed || '|' || "
	    "years || '|' || months || '|' || days || '|' || half_months || "
	    "'|' || wage_fen || '|' || due_fen || '|' || paid_fen || '|' || "
	    "wage_capped || '|' || cap_fen FROM tuigong_comp WHERE "
	    "task_id = %lld AND row_no = 0", id);
	no = db_query(sql);
	snprintf(want, sizeof(want), "1|1|3|7|0|8|800000|3200000|3200000|0|%lld",
	    cap);
	ck_assert_str_eq(no, want);
	free(no);
	snprintf(sql, sizeof(sql), "SELECT compensation FROM tuigong WHERE "
	    "task_id = %lld", id);
	ck_assert_int_eq(db_int(sql), 1);

	/* The page shows the working, and no warning (paid in full). */
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/compensation/@due)", "32,000.00");
	ck_xpath_eq(&a, "string(/page/compensation/@n)", "4");
	ck_xpath_has(&a, "string(/page/compensation/working)",
	    "共3年7个月0天");
	ck_xpath_has(&a, "string(/page/compensation/working)",
	    "经济补偿 = 8,000.00元 × 4 = 32,000.00元");
	ck_assert_int_eq(xpath_count(&a, "/page/compensation/warning"), 0);
	/* Paid: its 支付凭证 is required now; the 计算表 is the hall's. */
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@code="
	    "'buchang_pingzheng' and @required='1']"), 1);
	ck_xpath_has(&a, "string(/page/materials/material[@code="
	    "'buchang_pingzheng']/@name)", "《经济补偿金计算表》已由系统生成");
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "32,000.00"));
	ck_assert_ptr_nonnull(strstr(a.body, "/tuigong/jisuan?id="));
	answer_free(&a);

	/* The draft 计算表, before submission. */
	ck_assert_int_eq(jb_get(&b, "/tuigong/jisuan", id, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "经济补偿金计算表"));
	ck_assert_ptr_nonnull(strstr(a.body, "草稿"));
	ck_assert_ptr_nonnull(strstr(a.body, "32,000.00元"));
	ck_assert_ptr_nonnull(strstr(a.body, f.name));
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/tuigong/jisuan", id, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "jisuan");
	ck_xpath_eq(&a, "string(/page/business/@done)", "0");
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿法定金额'])",
	    "32,000.00元");
	answer_free(&a);
	/* A malformed id, or none: 404, nothing else. */
	ck_assert_int_eq(http_get(&b, "/tuigong/jisuan?id=abc", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/tuigong/jisuan/xlsx", 1, &a), 404);
	answer_free(&a);
	/* The numbered one waits for 结束. */
	ck_assert_int_eq(jb_get(&b, "/print/jjbc", id, 1, &a), 409);
	answer_free(&a);

	jb_upload(&b, id, "jiechu_zhengming");
	jb_upload(&b, id, "sfz_copy");
	jb_upload(&b, id, "buchang_pingzheng");
	snprintf(sql, sizeof(sql), "%lld", id);
	ck_assert_int_eq(http_post(&b, "/tuigong/submit", 1, &a, "id", sql,
	    NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	answer_free(&a);

	/* The receipt: numbered JB…, with the figures. */
	ck_assert_int_eq(jb_get(&b, "/print/jjbc", id, 1, &a), 200);
	no = xpath_str(&a, "string(/page/receipt/@no)");
	ck_assert_msg(strncmp(no, "JB", 2) == 0, "number %s", no);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿法定金额'])",
	    "32,000.00元");
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿月数'])",
	    "4个月");
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿实付金额'])",
	    "32,000.00元");
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿工作年限'])",
	    "3年7个月0天");
	snprintf(want, sizeof(want), "%s元(社平工资%s元×3)", fen_yuan(cap, c),
	    fen_yuan(cap / 3, avg));
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿封顶基数'])",
	    want);
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/print/jjbc", id, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "经济补偿金计算表"));
	ck_assert_ptr_nonnull(strstr(a.body, no));
	ck_assert_ptr_nonnull(strstr(a.body, "32,000.00元"));
	ck_assert_ptr_null(strstr(a.body, "草稿"));
	answer_free(&a);
	/* The 退工登记证明 leaves the working to its own sheet. */
	ck_assert_int_eq(jb_get(&b, "/print/tuigong", id, 0, &a), 200);
	ck_assert_ptr_null(strstr(a.body, "计算过程"));
	answer_free(&a);

	/* The .xlsx opens with the project's reader, same figures and
	 * number. */
	ck_assert_int_eq(jb_get(&b, "/tuigong/jisuan/xlsx", id, 0, &a),
	    200);
	ck_assert_ptr_nonnull(strstr(a.ctype, "spreadsheetml"));
	ck_assert_int_eq(xlsx_read(a.body, a.bodysz, &sh), XLSX_OK);
	ck_assert_ptr_nonnull(v = jb_cell(&sh, "经济补偿法定金额"));
	ck_assert_str_eq(v, "32,000.00元");
	ck_assert_ptr_nonnull(v = jb_cell(&sh, "回执编号"));
	ck_assert_str_eq(v, no);
	ck_assert_ptr_nonnull(v = jb_cell(&sh, "身份证号"));
	ck_assert_str_eq(v, f.idno);
	ck_assert_ptr_nonnull(v = jb_cell(&sh, "经济补偿计算过程"));
	ck_assert_ptr_nonnull(strstr(v, "8,000.00元 × 4 = 32,000.00元"));
	xlsx_free(&sh);
	answer_free(&a);

	/* Another unit: 404 for every form of it, and no name. */
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	ck_assert_int_eq(jb_get(&o, "/print/jjbc", id, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, f.name));
	answer_free(&a);
	ck_assert_int_eq(jb_get(&o, "/tuigong/jisuan", id, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, f.name));
	answer_free(&a);
	ck_assert_int_eq(jb_get(&o, "/tuigong/jisuan/xlsx", id, 1, &a),
	    404);
	ck_assert_ptr_null(strstr(a.body, f.name));
	answer_free(&a);
	free(no);
}
END_TEST

/*
 * 单位辞退 at a 普通 unit: 工作年限 from D − 195 months (entered; the
 * contract starts D − 30 months) to E is 16 years 3 months (N = 16.5);
 * 月工资 1,000,000.00 is above the cap C, so the wage is C and N at most
 * 12: due = 12 × C.  Paid 100,000.00: saved, with the warning of a
 * payment 12 × C − 100,000.00 below it; paid in full, no warning;
 * underpaid again, submitted all the same, and the reviewer sees it.
 */
START_TEST(jb_below_statutory_warns_capped)
{
	struct browser	 b, r;
	struct answer	 a;
	struct jb_fix	 f;
	char		 tok[40], sql[256], start[11], from[11], want[160],
			 due[32], diff[32], full[32], *v;
	long long	 id, tasks, cap = jb_cap();

	ck_assert_int_gt(cap, 1000000);
	jb_months_back(30, start);
	jb_months_back(16 * 12 + 3, from);
	fen_yuan(12 * cap, due);
	fen_yuan(12 * cap - 10000000, diff);
	snprintf(full, sizeof(full), "%lld.%02lld", 12 * cap / 100,
	    12 * cap % 100);
	jb_make("demo-a", "补偿测乙", start, 100000000, &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	jb_token(&b, tok);
	tasks = db_int("SELECT COUNT(*) FROM tasks");
	ck_assert_int_eq(jb_save(&b, tok, "", &f, "单位辞退", start,
	    "1000000", "100000", from, "", &a), 303);
	id = jb_task_of(&a);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks"), tasks + 1);
	snprintf(sql, sizeof(sql), "SELECT start || '|' || years || '|' || "
	    "months || '|' || half_uncapped || '|' || half_months || '|' || "
	    "wage_used_fen || '|' || due_fen || '|' || wage_capped || '|' || "
	    "years_capped || '|' || paid_fen FROM tuigong_comp WHERE "
	    "task_id = %lld", id);
	v = db_query(sql);
	snprintf(want, sizeof(want), "%s|16|3|33|24|%lld|%lld|1|1|10000000",
	    from, cap, 12 * cap);
	ck_assert_str_eq(v, want);
	free(v);

	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/compensation/@due)", due);
	ck_xpath_eq(&a, "string(/page/compensation/@wage-capped)", "1");
	ck_xpath_eq(&a, "string(/page/compensation/@years-capped)", "1");
	ck_xpath_eq(&a, "string(/page/compensation/@comp-start)", from);
	ck_xpath_has(&a, "string(/page/compensation/working)",
	    "N由16.5个月减为12个月");
	ck_xpath_has(&a, "string(/page/compensation/warning)",
	    "实付经济补偿100,000.00元低于");
	snprintf(want, sizeof(want), "法定经济补偿%s元,差额%s元", due, diff);
	ck_xpath_has(&a, "string(/page/compensation/warning)", want);
	answer_free(&a);
	/* The page, as the clerk sees it. */
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "comp-warning"));
	snprintf(want, sizeof(want), "差额%s元", diff);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/tuigong/jisuan", id, 0, &a), 200);
	snprintf(want, sizeof(want), "低于法定金额%s元", diff);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	ck_assert_ptr_nonnull(strstr(a.body, "年限按12年封顶"));
	answer_free(&a);

	/* Paid in full on a second save: the warning goes. */
	snprintf(sql, sizeof(sql), "%lld", id);
	ck_assert_int_eq(jb_save(&b, "", sql, &f, "单位辞退", start,
	    "1000000", full, from, "", &a), 303);
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/compensation/warning"), 0);
	ck_xpath_eq(&a, "string(/page/compensation/@comp-paid)", full);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tuigong_comp WHERE "
	    "task_id = %lld", id);
	ck_assert_int_eq(db_int(sql), 1);

	/* Underpaid again, it is still submitted (a warning, never a
	 * refusal), and the reviewer sees the figure and the shortfall. */
	snprintf(sql, sizeof(sql), "%lld", id);
	ck_assert_int_eq(jb_save(&b, "", sql, &f, "单位辞退", start,
	    "1000000", "100000", from, "", &a), 303);
	answer_free(&a);
	jb_upload(&b, id, "jiechu_zhengming");
	jb_upload(&b, id, "sfz_copy");
	jb_upload(&b, id, "jiechu_tongzhi");
	jb_upload(&b, id, "buchang_pingzheng");
	ck_assert_int_eq(http_post(&b, "/tuigong/submit", 1, &a, "id", sql,
	    NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	ck_assert_int_eq(xpath_count(&a, "/page/compensation/warning"), 1);
	answer_free(&a);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(jb_get(&r, "/review/task", id, 1, &a), 200);
	snprintf(want, sizeof(want), "%s元", due);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿法定金额'])",
	    want);
	snprintf(want, sizeof(want), "低于法定金额%s元", diff);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='经济补偿差额'])",
	    want);
	answer_free(&a);
}
END_TEST

/*
 * A reason that owes none (员工辞职) stores "not owed" and no figure;
 * malformed or contradictory 经济补偿 input is refused (422) with its
 * Chinese message and stores nothing.
 */
START_TEST(jb_bad_input_and_not_owed)
{
	struct browser	 b;
	struct answer	 a;
	struct jb_fix	 f;
	char		 tok[40], sql[160], start[11], day_d[11], five[11], *v;
	long long	 tasks, comps, id;

	jb_months_back(17, start);
	jb_months_back(0, day_d);
	jb_months_back(5, five);
	jb_make("demo-a", "补偿测丙", start, 600000, &f);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	tasks = db_int("SELECT COUNT(*) FROM tasks");
	comps = db_int("SELECT COUNT(*) FROM tuigong_comp");

	jb_token(&b, tok);
	ck_assert_int_eq(jb_save(&b, tok, "", &f, "单位辞退", start,
	    "八千元", "", "", "", &a), 422);
	ck_xpath_has(&a, "string(/page/errors/error[@field='wage'])", "月工资");
	ck_xpath_eq(&a, "string(/page/compensation/@wage)", "八千元");
	answer_free(&a);
	ck_assert_int_eq(jb_save(&b, tok, "", &f, "员工辞职", start,
	    "6000", "", "", "由员工提出协商解除", &a), 422);
	ck_xpath_has(&a, "string(/page/errors/error[@field='comp_basis'])",
	    "与退工原因“员工辞职”不符");
	answer_free(&a);
	ck_assert_int_eq(jb_save(&b, tok, "", &f, "单位辞退", start,
	    "6000", "", day_d, "", &a), 422);
	ck_xpath_has(&a, "string(/page/errors/error[@field='comp_start'])",
	    "不能晚于退工日期");
	answer_free(&a);
	ck_assert_int_eq(jb_save(&b, tok, "", &f, "单位辞退", start,
	    "2000000", "", "", "", &a), 422);
	ck_xpath_has(&a, "string(/page/errors/error[@field='wage'])",
	    "不能超过1,000,000.00元");
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks"), tasks);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tuigong_comp"), comps);

	/* 员工辞职 owes none: stored as such, no figure, no 计算表 figure. */
	ck_assert_int_eq(jb_save(&b, tok, "", &f, "员工辞职", start,
	    "6000", "", "", "", &a), 303);
	id = jb_task_of(&a);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT owed || '|' || computed || '|' || "
	    "due_fen FROM tuigong_comp WHERE task_id = %lld", id);
	v = db_query(sql);
	ck_assert_str_eq(v, "0|0|0");
	free(v);
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 1, &a), 200);
	ck_xpath_has(&a, "string(/page/compensation/@note)",
	    "退工原因为员工辞职,依法无需支付经济补偿");
	ck_assert_int_eq(xpath_count(&a, "/page/compensation/working"), 0);
	answer_free(&a);

	/* 5 months (D − 5 months .. E) of 单位辞退 at 6,000.00:
	 * half a month, 3,000.00, on the same draft. */
	snprintf(sql, sizeof(sql), "%lld", id);
	ck_assert_int_eq(jb_save(&b, "", sql, &f, "单位辞退", start,
	    "6000", "", five, "", &a), 303);
	answer_free(&a);
	ck_assert_int_eq(jb_get(&b, "/tuigong", id, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/compensation/@due)", "3,000.00");
	ck_xpath_eq(&a, "string(/page/compensation/@n)", "0.5");
	ck_xpath_eq(&a, "string(/page/compensation/@months)", "5");
	answer_free(&a);
}
END_TEST

static Suite *
jjbc_http_suite(void)
{
	Suite	*s = suite_create("jjbc-http");
	TCase	*tc = tcase_create("jjbc");

	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, jb_setup, NULL);
	tcase_add_test(tc, jb_form_computes_prints_xlsx);
	tcase_add_test(tc, jb_below_statutory_warns_capped);
	tcase_add_test(tc, jb_bad_input_and_not_owed);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(jjbc_http_suite)
