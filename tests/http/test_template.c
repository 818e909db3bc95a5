/*
 * test_template.c: the batch templates round trip through the real
 * nginx (issue 14).  The 批量退工 and 批量减员 templates are downloaded,
 * their drop-downs and date columns read from the sheet XML
 * (tests/http/xlsx_fill.py, python3 zipfile), then filled as a person
 * does in Excel: values picked from the drop-downs (refused when not
 * in them), dates typed into the date columns (stored as Excel stores
 * them: a serial day number with the column's date style), the
 * example row left in place; uploaded, the example row is skipped and
 * the rows are stored with the dates and choices as filled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"

/* A person made for one test. */
struct tpl_who {
	char	 id[24];
	char	 idno[19];
	char	 name[32];
};

/* The hall's date (UTC+8) offset by days into buf[11]. */
static void
tpl_date(long days, char buf[11])
{
	time_t		 t = time(NULL) + 8 * 3600 + days * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* A fresh insured person of username called name<n>. */
static void
tpl_person(const char *username, const char *name, struct tpl_who *w)
{
	static int	 n;

	snprintf(w->name, sizeof(w->name), "%s%d", name, ++n);
	ck_assert_int_eq(make_insured(username, w->name, w->id, w->idno), 0);
}

/* Saves the body of a to path. */
static void
tpl_save(const struct answer *a, const char *path)
{
	FILE	*f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(a->body, 1, a->bodysz, f), a->bodysz);
	ck_assert_int_eq(fclose(f), 0);
}

/* Runs xlsx_fill.py on in into out with the rows (JSON); its summary
 * (one line of JSON) into sum[sumsz].  Returns its exit status. */
static int
tpl_fill(const char *in, const char *out, const char *rows, char *sum,
    size_t sumsz)
{
	char	 cmd[4096];
	FILE	*p;
	int	 st;

	snprintf(cmd, sizeof(cmd), "python3 '%s/tests/http/xlsx_fill.py' '%s' "
	    "'%s' '%s' 2>/dev/null", getenv("HALL_TEST_SRC"), in, out, rows);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	sum[0] = '\0';
	if (fgets(sum, (int)sumsz, p) == NULL)
		sum[0] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Downloads path's template as b into file. */
static void
tpl_download(struct browser *b, const char *path, const char *file)
{
	struct answer	 a;

	ck_assert_int_eq(http_get(b, path, 0, &a), 200);
	ck_assert_str_eq(a.ctype, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet");
	ck_assert(a.bodysz > 4 && memcmp(a.body, "PK\003\004", 4) == 0);
	tpl_save(&a, file);
	answer_free(&a);
}

/* Uploads file to base's batch (e.g. "/tuigong") as b and returns the
 * new task's id; the result page is left in *res. */
static long long
tpl_upload(struct browser *b, const char *base, const char *file,
    struct answer *res)
{
	struct part		 p[2];
	struct answer		 a;
	char			 path[128], tok[128], *v;
	long long		 id;

	snprintf(path, sizeof(path), "%s/batch", base);
	ck_assert_int_eq(http_get(b, path, 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = file;
	snprintf(path, sizeof(path), "%s/batch/upload", base);
	ck_assert_int_eq(http_post_multipart(b, path, 1, p, 2, &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=imported"));
	v = strstr(a.location, "id=");
	ck_assert_ptr_nonnull(v);
	id = strtoll(v + 3, NULL, 10);
	answer_free(&a);
	snprintf(path, sizeof(path), "%s/batch/result?id=%lld", base, id);
	ck_assert_int_eq(http_get(b, path, 1, res), 200);
	return id;
}

START_TEST(template_tuigong_roundtrip)
{
	struct browser	 b;
	struct answer	 a;
	struct tpl_who	 w1, w2;
	char		 in[320], out[320], rows[2048], sum[2048], q[512];
	char		 end1[11], end2[11];
	long long	 id;
	int		 i;

	snprintf(in, sizeof(in), "%s/tpl-tg.xlsx", getenv("HALL_TEST_VAR"));
	snprintf(out, sizeof(out), "%s/tpl-tg-filled.xlsx",
	    getenv("HALL_TEST_VAR"));
	/* Two persons whose contributions already stopped (先减员后退工),
	 * with a contract on file (make_insured: T-<身份证号>). */
	tpl_person("demo-b", "模板退工", &w1);
	tpl_person("demo-b", "模板退工", &w2);
	snprintf(q, sizeof(q), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = strftime('%%Y-%%m', 'now', '+8 hours') WHERE "
	    "person_id IN (%s, %s)", w1.id, w2.id);
	db_exec(q);
	tpl_date(-1, end1);
	tpl_date(-2, end2);
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	tpl_download(&b, "/tuigong/batch/template", in);
	snprintf(rows, sizeof(rows), "["
	    "{\"A\":\"%s\",\"B\":\"%s\",\"C\":\"T-%s\","
	    "\"D\":{\"choice\":\"员工辞职\"},\"E\":{\"date\":\"%s\"},"
	    "\"F\":{\"choice\":\"农村\"},\"G\":\"13800138000\","
	    "\"H\":{\"choice\":\"是\"}},"
	    "{\"A\":\"%s\",\"B\":\"%s\",\"C\":\"T-%s\","
	    "\"D\":{\"choice\":\"协商一致解除\"},\"E\":{\"date\":\"%s\"},"
	    "\"F\":{\"choice\":\"城镇\"},\"H\":{\"choice\":\"否\"}}]",
	    w1.name, w1.idno, w1.idno, end1, w2.name, w2.idno, w2.idno, end2);
	ck_assert_int_eq(tpl_fill(in, out, rows, sum, sizeof(sum)), 0);
	/* The template as downloaded: the drop-downs hold the rules'
	 * values, hand-copied here from the seed (退工原因, 户籍类型,
	 * 经济补偿); 退工日期 is a date column; the header frozen; the
	 * example row marked; the instructions on a second sheet. */
	ck_assert_ptr_nonnull(strstr(sum, "\"D\": [\"合同到期终止\", \"员工辞职\", "
	    "\"单位辞退\", \"协商一致解除\", \"员工失联\", \"其他\"]"));
	ck_assert_ptr_nonnull(strstr(sum, "\"F\": [\"城镇\", \"农村\"]"));
	ck_assert_ptr_nonnull(strstr(sum, "\"H\": [\"否\", \"是\"]"));
	ck_assert_ptr_nonnull(strstr(sum, "\"dates\": [\"E\"]"));
	ck_assert_ptr_nonnull(strstr(sum, "\"frozen\": true"));
	ck_assert_ptr_nonnull(strstr(sum, "\"example\": \"示例:张三\""));
	ck_assert_ptr_nonnull(strstr(sum, "\"sheets\": [\"批量退工\", "
	    "\"填表说明\"]"));
	/* A value outside a drop-down cannot be picked. */
	ck_assert_int_eq(tpl_fill(in, out, "[{\"D\":{\"choice\":\"开除\"}}]", sum,
	    sizeof(sum)), 3);
	ck_assert_int_eq(tpl_fill(in, out, rows, sum, sizeof(sum)), 0);
	id = tpl_upload(&b, "/tuigong", out, &a);
	/* The example row skipped (not a failure), both rows stored. */
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "2");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "0");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"), 0);
	answer_free(&a);
	unlink(in);
	unlink(out);
	snprintf(q, sizeof(q), "SELECT count(*) FROM tuigong WHERE task_id = "
	    "%lld", id);
	ck_assert_int_eq(db_int(q), 2);
	/* The dates typed into the date column, and the choices. */
	for (i = 0; i < 2; i++) {
		char	*v;

		snprintf(q, sizeof(q), "SELECT end_date || '|' || reason || '|' "
		    "|| hukou_type || '|' || compensation FROM tuigong WHERE "
		    "task_id = %lld AND idno = '%s'", id, i == 0 ? w1.idno :
		    w2.idno);
		ck_assert_ptr_nonnull(v = db_query(q));
		snprintf(rows, sizeof(rows), "%s|%s", i == 0 ? end1 : end2,
		    i == 0 ? "员工辞职|农村|1" : "协商一致解除|城镇|0");
		ck_assert_str_eq(v, rows);
		free(v);
	}
}
END_TEST

START_TEST(template_jianyuan_roundtrip)
{
	struct browser	 b;
	struct answer	 a;
	struct tpl_who	 w1, w2;
	char		 in[320], out[320], rows[2048], sum[2048], q[512];
	char		 today[11], *v;
	long long	 id;

	snprintf(in, sizeof(in), "%s/tpl-jy.xlsx", getenv("HALL_TEST_VAR"));
	snprintf(out, sizeof(out), "%s/tpl-jy-filled.xlsx",
	    getenv("HALL_TEST_VAR"));
	tpl_person("demo-b", "模板减员", &w1);
	tpl_person("demo-b", "模板减员", &w2);
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
	tpl_date(0, today);
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	tpl_download(&b, "/jianyuan/batch/template", in);
	snprintf(rows, sizeof(rows), "["
	    "{\"A\":\"%s\",\"B\":\"%s\",\"C\":{\"choice\":\"停缴费\"},"
	    "\"D\":{\"date\":\"%s\"}},"
	    "{\"A\":\"%s\",\"B\":\"%s\",\"C\":{\"choice\":\"停缴费\"},"
	    "\"D\":{\"date\":\"%s\"},\"E\":\"模板导入\"}]",
	    w1.name, w1.idno, today, w2.name, w2.idno, today);
	ck_assert_int_eq(tpl_fill(in, out, rows, sum, sizeof(sum)), 0);
	ck_assert_ptr_nonnull(strstr(sum, "\"C\": [\"停缴费\", \"退休\", \"死亡\", "
	    "\"出国定居\", \"解除多重劳动关系(工伤)\"]"));
	ck_assert_ptr_nonnull(strstr(sum, "\"dates\": [\"D\"]"));
	ck_assert_ptr_nonnull(strstr(sum, "\"frozen\": true"));
	ck_assert_ptr_nonnull(strstr(sum, "\"example\": \"示例:张三\""));
	/* 病退 is not a 减少原因 the hall takes. */
	ck_assert_int_eq(tpl_fill(in, out, "[{\"C\":{\"choice\":\"病退\"}}]", sum,
	    sizeof(sum)), 3);
	ck_assert_int_eq(tpl_fill(in, out, rows, sum, sizeof(sum)), 0);
	id = tpl_upload(&b, "/jianyuan", out, &a);
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "2");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "0");
	answer_free(&a);
	unlink(in);
	unlink(out);
	snprintf(q, sizeof(q), "SELECT count(*) || '|' || min(change_date) || "
	    "'|' || max(change_date) || '|' || min(reason) FROM jianyuan WHERE "
	    "task_id = %lld", id);
	ck_assert_ptr_nonnull(v = db_query(q));
	snprintf(rows, sizeof(rows), "2|%s|%s|停缴费", today, today);
	ck_assert_str_eq(v, rows);
	free(v);
}
END_TEST

/* The template alone, uploaded untouched: only its example row, which
 * is skipped, so nothing to import and a clear word why. */
START_TEST(template_example_only)
{
	struct browser		 b;
	struct answer		 a;
	struct part		 p[2];
	char			 in[320], tok[128], *v;

	snprintf(in, sizeof(in), "%s/tpl-only.xlsx", getenv("HALL_TEST_VAR"));
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	tpl_download(&b, "/tuigong/batch/template", in);
	ck_assert_int_eq(http_get(&b, "/tuigong/batch", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = in;
	ck_assert_int_eq(http_post_multipart(&b, "/tuigong/batch/upload", 1, p,
	    2, &a), 422);
	ck_assert_ptr_nonnull(strstr(a.body, "文件中只有示例行"));
	answer_free(&a);
	unlink(in);
}
END_TEST

static Suite *
template_suite(void)
{
	Suite	*s = suite_create("template");
	TCase	*tc = tcase_create("roundtrip");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, template_tuigong_roundtrip);
	tcase_add_test(tc, template_jianyuan_roundtrip);
	tcase_add_test(tc, template_example_only);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(template_suite)
