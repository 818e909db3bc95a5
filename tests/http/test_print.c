/*
 * test_print.c: 业务打印 and the public verification page through the
 * real nginx.  Approved tasks are written straight into the test
 * database (a business "fixture" the workflow does not know, so the
 * receipt shows the task's summary; and a "tuigong" task for
 * 《退工登记证明》), approved now; the hall's clock is moved forward
 * with set_clock(), never by sleeping, and each browser logs in again
 * after a move (sessions expire after 30 idle minutes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

/* The times of the tests, from the real clock (client certificates
 * are valid from when the harness made them, so the hall's clock only
 * moves forward): see times_init(). */
static struct {
	long long	 approved;	/* decision time (epoch) */
	char		 approved_s[24];/* as a decimal string for SQL */
	char		 day_of[20];	/* hall clock on the day of approval */
	char		 next_day[20];	/* hall clock the day after */
	char		 later_day[20];	/* hall clock a week later */
	char		 date[11];	/* hall date of approval */
	char		 next_date[11];	/* the day after, YYYY-MM-DD */
} tm_;

/* Formats epoch t in the hall's time zone as "YYYY-MM-DD HH:MM:SS"
 * (full) or "YYYY-MM-DD" into buf. */
static void
hall_fmt(long long t, int full, char *buf, size_t bufsz)
{
	time_t		 tt = (time_t)(t + 8 * 3600);
	struct tm	 tm;

	gmtime_r(&tt, &tm);
	if (full)
		strftime(buf, bufsz, "%Y-%m-%d %H:%M:%S", &tm);
	else
		strftime(buf, bufsz, "%Y-%m-%d", &tm);
}

/* Fills tm_: approval now (or in 5 minutes when today is about to end
 * in the hall's time zone), the clock a few seconds later the same day,
 * 30 seconds past the next midnight, and 8 days later. */
static void
times_init(void)
{
	long long	 now = (long long)time(NULL), sod, midnight;

	if (tm_.approved != 0)
		return;
	sod = (now + 8 * 3600) % 86400;
	if (sod > 86400 - 180)
		now += 300;
	sod = (now + 8 * 3600) % 86400;
	tm_.approved = now;
	snprintf(tm_.approved_s, sizeof(tm_.approved_s), "%lld", now);
	hall_fmt(now + 5, 1, tm_.day_of, sizeof(tm_.day_of));
	midnight = now - sod + 86400;
	hall_fmt(midnight + 30, 1, tm_.next_day,
	    sizeof(tm_.next_day));
	hall_fmt(midnight + 8 * 86400 + 3600, 1, tm_.later_day,
	    sizeof(tm_.later_day));
	hall_fmt(now, 0, tm_.date, sizeof(tm_.date));
	hall_fmt(midnight + 30, 0, tm_.next_date, sizeof(tm_.next_date));
}

#define APPROVED_AT	tm_.approved_s
#define APPROVED_DAY	tm_.day_of
#define NEXT_DAY	tm_.next_day
#define LATER_DAY	tm_.later_day
#define PERSON_IDNO	"420102198001011234"

/* Runs one SQL statement on the test database; fails the test if the
 * database cannot be reached. */
static void
sql(const char *q)
{
	char	*v = db_query(q);

	ck_assert_msg(v != NULL, "query failed: %s", q);
	free(v);
}

/* The integer a query returns. */
static long long
sql_int(const char *q)
{
	char		*v = db_query(q);
	long long	 n;

	ck_assert_ptr_nonnull(v);
	n = atoll(v);
	free(v);
	return n;
}

/* Inserts a task of username's unit with seq, business and state,
 * decided at APPROVED_AT when 结束, with a detail row of the person in
 * table tuigong.  Returns its id; idempotent by seq. */
static long long
make_task(const char *username, const char *seq, const char *business,
    const char *state)
{
	char	 q[1024];

	times_init();
	snprintf(q, sizeof(q), "INSERT OR IGNORE INTO tasks (seq_no, business, "
	    "unit_id, state, summary, created_at, submitted_at, decided_at, "
	    "decided_by, updated_at) SELECT '%s', '%s', unit_id, '%s', "
	    "'张测试 " PERSON_IDNO "', %s - 3600, %s - 600, CASE WHEN '%s' = "
	    "'结束' THEN %s ELSE 0 END, 0, %s FROM accounts WHERE username = "
	    "'%s'", seq, business, state, APPROVED_AT, APPROVED_AT, state,
	    APPROVED_AT, APPROVED_AT, username);
	sql(q);
	snprintf(q, sizeof(q), "INSERT OR IGNORE INTO tuigong (task_id, row_no, "
	    "name, idno, reason, end_date) SELECT id, 0, '张测试', '"
	    PERSON_IDNO "', '协商一致解除', '2026-11-15' FROM tasks WHERE "
	    "seq_no = '%s'", seq);
	sql(q);
	snprintf(q, sizeof(q), "SELECT id FROM tasks WHERE seq_no = '%s'", seq);
	return sql_int(q);
}

/* GET path as b (XML when xml) and returns the status; a is filled. */
static long
get(struct browser *b, const char *path, int xml, struct answer *a)
{
	return http_get(b, path, xml, a);
}

START_TEST(print_zonghe_next_day)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[64], want[128];
	long long	 id;

	set_clock(APPROVED_DAY);
	id = make_task("demo-a", "2026112291000001", "fixture", "结束");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	/* The day of approval: refused with the day it can be printed. */
	ck_assert_int_eq(get(&b, path, 1, &a), 409);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_YET");
	ck_xpath_eq(&a, "string(/page/error/@from)", tm_.next_date);
	ck_assert_ptr_nonnull(strstr(a.body, "可于次日打印《综合业务处理单》"));
	snprintf(want, sizeof(want), "本业务可于 %s 起打印", tm_.next_date);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	ck_xpath_eq(&a, "string(/page/@view)", "notyet");
	ck_xpath_eq(&a, "string(/page/@title)", "暂不能打印");
	ck_xpath_eq(&a, "string(/page/business/@seq)", "2026112291000001");
	answer_free(&a);
	/* The page a person sees: 「暂不能打印」 and the day, still 409, not
	 * the red 「业务状态已变化」 with a raw code. */
	ck_assert_int_eq(get(&b, path, 0, &a), 409);
	ck_assert_ptr_nonnull(strstr(a.body, "<h1>暂不能打印</h1>"));
	snprintf(want, sizeof(want), "<strong class=\"print-from\">%s</strong>",
	    tm_.next_date);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	ck_assert_ptr_nonnull(strstr(a.body, "2026112291000001"));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/print\""));
	ck_assert_ptr_null(strstr(a.body, "业务状态已变化"));
	ck_assert_ptr_null(strstr(a.body, "错误代码"));
	ck_assert_ptr_null(strstr(a.body, "NOT_YET"));
	answer_free(&a);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM receipts WHERE task_id "
	    "= (SELECT id FROM tasks WHERE seq_no = '2026112291000001')"), 0);
	/* The list says from when. */
	ck_assert_int_eq(get(&b, "/print", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/printable/task[@seq = "
	    "'2026112291000001']/@zonghe-ready)", "0");
	ck_xpath_eq(&a, "string(/page/printable/task[@seq = "
	    "'2026112291000001']/@zonghe-from)", tm_.next_date);
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print", 0, &a), 200);
	snprintf(want, sizeof(want), "可于 %s 起打印", tm_.next_date);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	answer_free(&a);
	/* The next day: printed. */
	set_clock(NEXT_DAY);
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "zonghe");
	ck_xpath_eq(&a, "string(/page/receipt/@no)", "ZH2026112291000001");
	ck_xpath_eq(&a, "string-length(/page/receipt/@code)", "8");
	ck_xpath_eq(&a, "string(/page/receipt/@issued)", tm_.date);
	ck_xpath_eq(&a, "string(/page/business/@seq)", "2026112291000001");
	ck_xpath_eq(&a, "string(/page/business/@reviewer)", "系统自动审核");
	ck_xpath_eq(&a, "string(/page/unit/@name)", "武汉市武昌区示例商贸有限公司");
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/printable/task[@seq = "
	    "'2026112291000001']/@zonghe-ready)", "1");
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(print_zonghe_identical)
{
	struct browser	 b, r;
	struct answer	 a1, a2, a3, a4;
	char		 path[64];
	long long	 id;

	set_clock(NEXT_DAY);
	id = make_task("demo-a", "2026112291000002", "fixture", "结束");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 0, &a1), 200);
	ck_assert_int_eq(get(&b, path, 0, &a2), 200);
	ck_assert_uint_eq(a1.bodysz, a2.bodysz);
	ck_assert_int_eq(memcmp(a1.body, a2.body, a1.bodysz), 0);
	/* The page is the receipt: title, number, code, the public address
	 * of the verification page; not the day it was printed, nor the
	 * user. */
	ck_assert_ptr_nonnull(strstr(a1.body, "综合业务处理单"));
	ck_assert_ptr_nonnull(strstr(a1.body, "ZH2026112291000002"));
	ck_assert_ptr_nonnull(strstr(a1.body, "/verify"));
	ck_assert_ptr_nonnull(strstr(a1.body, "查验真伪"));
	ck_assert_ptr_nonnull(strstr(a1.body, "Ctrl"));
	ck_assert_ptr_null(strstr(a1.body, tm_.next_date));
	ck_assert_ptr_null(strstr(a1.body, "demo-a"));
	/* One script, the hall's own file (the 打印 button), no other. */
	{
		const char	*js = "<script src=\"/static/hall.js\" defer>"
				    "</script>", *s1 = strstr(a1.body, js);

		ck_assert_ptr_nonnull(s1);
		ck_assert_ptr_null(strstr(s1 + strlen(js), "<script"));
		ck_assert_ptr_eq(strstr(a1.body, "<script"), s1);
	}
	/* Another day, and a reviewer: the same bytes. */
	set_clock(LATER_DAY);
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(get(&b, path, 0, &a3), 200);
	ck_assert_uint_eq(a1.bodysz, a3.bodysz);
	ck_assert_int_eq(memcmp(a1.body, a3.body, a1.bodysz), 0);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	ck_assert_int_eq(get(&r, path, 0, &a4), 200);
	ck_assert_uint_eq(a1.bodysz, a4.bodysz);
	ck_assert_int_eq(memcmp(a1.body, a4.body, a1.bodysz), 0);
	answer_free(&a1);
	answer_free(&a2);
	answer_free(&a3);
	answer_free(&a4);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM receipts WHERE "
	    "receipt_no = 'ZH2026112291000002'"), 1);
	set_clock(NULL);
}
END_TEST

START_TEST(print_bad_other_unit)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[64];
	long long	 id;

	set_clock(NEXT_DAY);
	id = make_task("demo-a", "2026112291000003", "tuigong", "结束");
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 1, &a), 404);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_FOUND");
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print", 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/printable/task[@seq = "
	    "'2026112291000003']"), 0);
	ck_assert_ptr_null(strstr(a.body, "2026112291000003"));
	answer_free(&a);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM receipts WHERE task_id "
	    "= (SELECT id FROM tasks WHERE seq_no = '2026112291000003')"), 0);
	set_clock(NULL);
}
END_TEST

START_TEST(print_bad_states)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[64];
	long long	 pending, fixture;

	set_clock(NEXT_DAY);
	pending = make_task("demo-a", "2026112291000004", "tuigong", "进行中");
	fixture = make_task("demo-a", "2026112291000005", "fixture", "结束");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", pending);
	ck_assert_int_eq(get(&b, path, 1, &a), 409);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_DONE");
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", pending);
	ck_assert_int_eq(get(&b, path, 1, &a), 409);
	answer_free(&a);
	/* Not a 退工: no 退工登记证明. */
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", fixture);
	ck_assert_int_eq(get(&b, path, 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print/zonghe?id=999999", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print/zonghe?id=abc", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print/zonghe", 1, &a), 404);
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print", 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/printable/task[@seq = "
	    "'2026112291000004']"), 0);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(print_tuigong_certificate)
{
	struct browser	 b;
	struct answer	 a, a2;
	char		 path[64];
	long long	 id;

	/* 《退工登记证明》 is printable on the day of approval. */
	set_clock(APPROVED_DAY);
	id = make_task("demo-a", "2026112291000006", "tuigong", "结束");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(get(&b, "/print", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/printable/task[@seq = "
	    "'2026112291000006']/@tuigong)", "1");
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "tuigong");
	ck_xpath_eq(&a, "string(/page/receipt/@kind)", "退工登记证明");
	ck_xpath_eq(&a, "string(/page/receipt/@no)", "TG2026112291000006");
	answer_free(&a);
	ck_assert_int_eq(get(&b, path, 0, &a), 200);
	ck_assert_int_eq(get(&b, path, 0, &a2), 200);
	ck_assert_uint_eq(a.bodysz, a2.bodysz);
	ck_assert_int_eq(memcmp(a.body, a2.body, a.bodysz), 0);
	ck_assert_ptr_nonnull(strstr(a.body, "退工登记证明"));
	ck_assert_ptr_nonnull(strstr(a.body, "送达员工"));
	ck_assert_ptr_nonnull(strstr(a.body, "15日内"));
	ck_assert_ptr_nonnull(strstr(a.body, "系统自动审核"));
	answer_free(&a);
	answer_free(&a2);
	set_clock(NULL);
}
END_TEST

/* The three persons of the 批量退工 of print_tuigong_batch. */
static const struct {
	const char	*name, *idno, *reason, *date;
} batch_rows[] = {
	{ "赵批一", "420102198001013456", "协商一致解除", "2026-11-10" },
	{ "钱批二", "420102198502027890", "劳动合同期满终止", "2026-11-12" },
	{ "孙批三", "42010219900303123X", "单位裁员", "2026-11-14" },
};

/* Inserts an approved 批量退工 of demo-a numbered seq whose rows 1..3
 * are batch_rows (no row 0: a batch).  Returns its id. */
static long long
make_batch(const char *seq)
{
	char	 q[1024];
	size_t	 i;

	times_init();
	snprintf(q, sizeof(q), "INSERT OR IGNORE INTO tasks (seq_no, business, "
	    "unit_id, state, summary, created_at, submitted_at, decided_at, "
	    "decided_by, updated_at) SELECT '%s', 'tuigong', unit_id, '结束', "
	    "'批量退工 3人', %s - 3600, %s - 600, %s, 0, %s FROM accounts "
	    "WHERE username = 'demo-a'", seq, APPROVED_AT, APPROVED_AT,
	    APPROVED_AT, APPROVED_AT);
	sql(q);
	for (i = 0; i < sizeof(batch_rows) / sizeof(batch_rows[0]); i++) {
		snprintf(q, sizeof(q), "INSERT OR IGNORE INTO tuigong (task_id, "
		    "row_no, name, idno, reason, end_date, contract_no) SELECT "
		    "id, %zu, '%s', '%s', '%s', '%s', 'PB-%zu' FROM tasks WHERE "
		    "seq_no = '%s'", i + 1, batch_rows[i].name,
		    batch_rows[i].idno, batch_rows[i].reason,
		    batch_rows[i].date, i + 1, seq);
		sql(q);
	}
	snprintf(q, sizeof(q), "SELECT id FROM tasks WHERE seq_no = '%s'", seq);
	return sql_int(q);
}

/* A batch 《退工登记证明》 lists each person with 身份证号, 退工日期 and
 * 退工原因, as the 《综合业务处理单》 of the batch does. */
START_TEST(print_tuigong_batch)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[64], xp[160], want[256];
	long long	 id;
	size_t		 i;

	set_clock(NEXT_DAY);
	id = make_batch("2026112291000010");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 3);
	for (i = 0; i < 3; i++) {
		snprintf(xp, sizeof(xp), "string(/page/persons/person[%zu]/"
		    "@name)", i + 1);
		ck_xpath_eq(&a, xp, batch_rows[i].name);
		snprintf(xp, sizeof(xp), "string(/page/persons/person[%zu]/"
		    "@idno)", i + 1);
		ck_xpath_eq(&a, xp, batch_rows[i].idno);
		snprintf(xp, sizeof(xp), "string(/page/persons/person[%zu]/"
		    "fact[@label = '退工日期'])", i + 1);
		ck_xpath_eq(&a, xp, batch_rows[i].date);
		snprintf(xp, sizeof(xp), "string(/page/persons/person[%zu]/"
		    "fact[@label = '退工原因'])", i + 1);
		ck_xpath_eq(&a, xp, batch_rows[i].reason);
	}
	/* The head facts stay (批量退工, 3 persons). */
	ck_xpath_eq(&a, "string(/page/detail/field[@label = '人数'])", "3");
	answer_free(&a);
	/* The sheet: a table headed 身份证号, one row per person. */
	ck_assert_int_eq(get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "<table class=\"grid "
	    "receipt-persons\">"));
	ck_assert_ptr_nonnull(strstr(a.body, "<th>序号</th><th>姓名</th>"
	    "<th>身份证号</th><th>退工原因</th><th>退工日期</th>"));
	for (i = 0; i < 3; i++) {
		snprintf(want, sizeof(want), "<td>%s</td><td class=\"mono "
		    "idno\">%s</td><td>%s</td><td>%s</td>", batch_rows[i].name,
		    batch_rows[i].idno, batch_rows[i].reason,
		    batch_rows[i].date);
		ck_assert_msg(strstr(a.body, want) != NULL, "no '%s'", want);
	}
	ck_assert_ptr_nonnull(strstr(a.body, "办理的下列人员退工登记已办结"));
	answer_free(&a);
	/* The 处理单 of the batch lists them too. */
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 3);
	answer_free(&a);
	/* A single 退工 (row 0) keeps its facts in the grid: no table. */
	id = make_task("demo-a", "2026112291000011", "tuigong", "结束");
	snprintf(path, sizeof(path), "/print/tuigong?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/persons/person"), 0);
	ck_xpath_eq(&a, "string(/page/detail/field[@label = '身份证号'])",
	    PERSON_IDNO);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

/* The list offers each business's receipts from the registry: a 退工's
 * 《退工登记证明》 at once, the 《综合业务处理单》 of any task the next
 * day; the note names them. */
START_TEST(print_list_kinds)
{
	struct browser	 b;
	struct answer	 a;
	char		 want[160];
	long long	 tg, fx;

	set_clock(APPROVED_DAY);
	tg = make_task("demo-a", "2026112291000012", "tuigong", "结束");
	fx = make_task("demo-a", "2026112291000013", "fixture", "结束");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(get(&b, "/print", 1, &a), 200);
	/* 退工登记证明, 综合业务处理单 and 经济补偿金计算表 (issue 13). */
	ck_assert_int_eq(xpath_count(&a, "/page/printable/task[@seq = "
	    "'2026112291000012']/print"), 3);
	ck_xpath_eq(&a, "string(/page/printable/task[@seq = "
	    "'2026112291000012']/print[@kind = 'jjbc']/@ready)", "1");
	ck_xpath_eq(&a, "string(/page/printable/task[@seq = "
	    "'2026112291000012']/print[@kind = 'tuigong']/@ready)", "1");
	ck_xpath_eq(&a, "string(/page/printable/task[@seq = "
	    "'2026112291000012']/print[@kind = 'zonghe']/@ready)", "0");
	ck_assert_int_eq(xpath_count(&a, "/page/printable/task[@seq = "
	    "'2026112291000013']/print"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/kinds/kind[@type = "
	    "'tuigong']"), 1);
	answer_free(&a);
	ck_assert_int_eq(get(&b, "/print", 0, &a), 200);
	snprintf(want, sizeof(want), "href=\"/print/tuigong?id=%lld\"", tg);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	snprintf(want, sizeof(want), "href=\"/print/tuigong?id=%lld\"", fx);
	ck_assert_ptr_null(strstr(a.body, want));
	ck_assert_ptr_nonnull(strstr(a.body, "退工登记审核通过后即可打印"
	    "《退工登记证明》"));
	answer_free(&a);
	/* A kind no business issues has no page. */
	snprintf(want, sizeof(want), "/print/nosuchkind?id=%lld", tg);
	ck_assert_int_eq(get(&b, want, 1, &a), 404);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

/* Issues the 处理单 of a fresh 退工 task (the verification page names
 * its person through the business's rows) and copies its number and
 * code. */
static void
issued_receipt(const char *seq, char *no, size_t nosz, char *code,
    size_t codesz)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[64], *v;
	long long	 id;

	set_clock(NEXT_DAY);
	id = make_task("demo-a", seq, "tuigong", "结束");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(path, sizeof(path), "/print/zonghe?id=%lld", id);
	ck_assert_int_eq(get(&b, path, 1, &a), 200);
	v = xpath_str(&a, "string(/page/receipt/@no)");
	snprintf(no, nosz, "%s", v);
	free(v);
	v = xpath_str(&a, "string(/page/receipt/@code)");
	snprintf(code, codesz, "%s", v);
	free(v);
	answer_free(&a);
	ck_assert_uint_eq(strlen(code), 8);
	set_clock(NULL);
}

START_TEST(verify_genuine)
{
	struct answer	 a;
	char		 no[32], code[16], path[128];
	size_t		 i;

	issued_receipt("2026112291000007", no, sizeof(no), code, sizeof(code));
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	/* No certificate on the public port. */
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "result");
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	ck_xpath_eq(&a, "string(/page/result/@no)", no);
	ck_xpath_eq(&a, "string(/page/result/receipt/@kind)", "综合业务处理单");
	ck_xpath_eq(&a, "string(/page/result/receipt/@issued)", tm_.date);
	ck_xpath_eq(&a, "string(/page/result/receipt/@seq)", "2026112291000007");
	ck_xpath_eq(&a, "string(/page/result/receipt/@unit)",
	    "武汉市武昌区示例商贸有限公司");
	ck_xpath_eq(&a, "string(/page/result/receipt/@person)",
	    "张测试(420102********1234)");
	ck_assert_ptr_null(strstr(a.body, PERSON_IDNO));
	answer_free(&a);
	/* Lower case is accepted. */
	for (i = 0; code[i] != '\0'; i++)
		if (code[i] >= 'A' && code[i] <= 'Z')
			code[i] = (char)(code[i] - 'A' + 'a');
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "1");
	answer_free(&a);
}
END_TEST

/* Cuts the <query .../> element (the typed input echoed) out of a's
 * body. */
static void
without_query(struct answer *a)
{
	char	*q = strstr(a->body, "<query "), *e;

	if (q == NULL || (e = strstr(q, "</query>")) == NULL)
		return;
	e += strlen("</query>");
	memmove(q, e, strlen(e) + 1);
	a->bodysz = strlen(a->body);
}

START_TEST(verify_bad_code)
{
	struct answer	 a, u;
	char		 no[32], code[16], path[128];

	issued_receipt("2026112291000008", no, sizeof(no), code, sizeof(code));
	code[0] = code[0] == 'A' ? 'B' : 'A';
	snprintf(path, sizeof(path), "/verify?no=%s&code=%s", no, code);
	ck_assert_int_eq(http_get_pub(path, &a), 200);
	ck_xpath_eq(&a, "string(/page/result/@valid)", "0");
	ck_assert_int_eq(xpath_count(&a, "/page/result/receipt"), 0);
	ck_assert_ptr_null(strstr(a.body, "示例商贸"));
	ck_assert_ptr_null(strstr(a.body, "张测试"));
	/* An unknown number gets the very same answer, but for what was
	 * typed, which the form gives back to be corrected. */
	snprintf(path, sizeof(path), "/verify?no=ZH2099010199999999&code=%s",
	    code);
	ck_assert_int_eq(http_get_pub(path, &u), 200);
	ck_xpath_eq(&u, "string(/page/query/@no)", "ZH2099010199999999");
	without_query(&a);
	without_query(&u);
	ck_assert_uint_eq(a.bodysz, u.bodysz);
	ck_assert_int_eq(memcmp(a.body, u.body, a.bodysz), 0);
	answer_free(&a);
	answer_free(&u);
	/* The HTML says so in words. */
	ck_assert_int_eq(http_get_pub("/verify?no=ZH1&code=ABCDEFGH", &a), 200);
	answer_free(&a);
}
END_TEST

START_TEST(verify_form)
{
	struct answer	 a;

	ck_assert_int_eq(http_get_pub("/verify", &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	answer_free(&a);
	ck_assert_int_eq(http_get_pub("/verify?no=ZH123", &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	ck_xpath_eq(&a, "string(/page/query/@no)", "ZH123");
	answer_free(&a);
	ck_assert_int_eq(http_get_pub("/verify?code=ABCDEFGH", &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	answer_free(&a);
	/* Nothing else of the hall on the public port. */
	ck_assert_int_eq(http_get_pub("/print", &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get_pub("/home", &a), 404);
	answer_free(&a);
}
END_TEST

/* The public page limits each address (nginx limit_req): a flood of
 * guesses from 127.0.0.2 is answered 429 with a Chinese page after the
 * burst, while another address (127.0.0.3) is still served. */
START_TEST(verify_rate_limited)
{
	struct answer	 a;
	int		 i, ok = 0, limited = 0, said = 0;
	char		 path[128];

	for (i = 0; i < 100; i++) {
		snprintf(path, sizeof(path), "/verify?no=ZH2026010100000001&"
		    "code=GUESS%03d", i);
		switch (http_get_pub_from("127.0.0.2", path, &a)) {
		case 200:
			ok++;
			break;
		case 429:
			limited++;
			if (strstr(a.body, "查询过于频繁") != NULL)
				said++;
			break;
		default:
			ck_abort_msg("status %ld", a.status);
		}
		answer_free(&a);
	}
	ck_assert_int_ge(ok, 30);	/* the burst is served */
	ck_assert_int_gt(limited, 0);
	ck_assert_int_eq(said, limited);
	ck_assert_int_eq(http_get_pub_from("127.0.0.3", "/verify", &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	answer_free(&a);
}
END_TEST

static Suite *
print_suite(void)
{
	Suite	*s = suite_create("print");
	TCase	*tc = tcase_create("print");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, times_init, NULL);
	tcase_add_test(tc, print_zonghe_next_day);
	tcase_add_test(tc, print_zonghe_identical);
	tcase_add_test(tc, print_bad_other_unit);
	tcase_add_test(tc, print_bad_states);
	tcase_add_test(tc, print_tuigong_certificate);
	tcase_add_test(tc, print_tuigong_batch);
	tcase_add_test(tc, print_list_kinds);
	tcase_add_test(tc, verify_genuine);
	tcase_add_test(tc, verify_bad_code);
	tcase_add_test(tc, verify_form);
	tcase_add_test(tc, verify_rate_limited);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(print_suite)
