/*
 * test_dabao.c: 打包快办 through the real nginx with client certificates
 * [issue 10]: a 离职打包 end to end (the form filled from the store, the
 * same form twice making one package, the materials uploaded to each
 * step from the package's page, 提交: the 减员 goes to the reviewer and
 * the 退工 waits; the reviewer's queue marks it 「离职打包 · 2 项」; the
 * 减员 approved, the hall submits the 退工 and the reviewer is taken to
 * it; approved, the package 已办结 and the employee's timeline shows
 * it), a 入职打包 end to end (one entry on the desk, the 增员 submitted
 * by the hall once the 用工备案 is approved, the 增员表 printed), a 离职打包 whose 减员 is sent back (the 退工 stays 未提交, the
 * package says so and the clerk's 消息中心 tells what to do), and
 * another unit's 404 on every path of a package.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

#define PDF	"unit/fixtures/files/ok.pdf"
#define JPG	"unit/fixtures/files/ok.jpg"

/* A package made by a test. */
struct pk {
	char	 pid[24];	/* the person */
	char	 idno[19];
	char	 id[24];	/* the package */
	char	 t1[24], t2[24];	/* its steps' tasks */
};

/* The hall's local time (UTC+8) of now as the clock file wants. */
static void
pin_clock(void)
{
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;
	char		 when[32];
	long		 sod = (long)(t % 86400);

	if (sod > 86400 - 300)
		t += 360;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	set_clock(when);
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
}

/* The string an XPath gives over a, into out[outsz]. */
static void
xp(const struct answer *a, const char *expr, char *out, size_t outsz)
{
	char	*v = xpath_str(a, expr);

	snprintf(out, outsz, "%s", v);
	free(v);
}

/* Opens the 离职 form of a fresh insured person of username's unit
 * (filled from the store) and saves it; fills k.  Checks the form, the
 * 303 to the package and that the same form again makes no other. */
static void
save_lizhi(struct browser *b, const char *username, const char *name,
    struct pk *k)
{
	struct answer	 a;
	char		 path[128], tok[64], cno[64], loc[512], today[16];
	char		 q[256];

	ck_assert_int_eq(make_insured(username, name, k->pid, k->idno), 0);
	snprintf(path, sizeof(path), "/dabao/lizhi?sfzh=%s", k->idno);
	ck_assert_int_eq(http_get(b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "lizhi");
	ck_xpath_eq(&a, "string(/page/@category)", "dabao");
	ck_xpath_eq(&a, "string(/page/person/@paying)", "1");
	/* Both businesses' own fields, filled from the store. */
	ck_xpath_eq(&a, "string(/page/section[@name = 'tuigong']/field[@name"
	    " = 'name']/@value)", name);
	ck_xpath_eq(&a, "string(/page/section[@name = 'jianyuan']/field[@name"
	    " = 'jy_reason']/@value)", "停缴费");
	ck_assert_int_eq(xpath_count(&a, "/page/section[@name = 'jianyuan']/"
	    "field[@name = 'jy_reason']/option"), 5);
	xp(&a, "string(/page/section[@name = 'tuigong']/field[@name = "
	    "'contract_no']/@value)", cno, sizeof(cno));
	ck_assert_str_ne(cno, "");
	xp(&a, "string(/page/form/@token)", tok, sizeof(tok));
	xp(&a, "string(/page/section[@name = 'jianyuan']/field[@name = "
	    "'jy_change_date']/@value)", today, sizeof(today));
	answer_free(&a);
	ck_assert_int_eq(http_post(b, "/dabao/lizhi/save", 1, &a,
	    "token", tok, "jy_reason", "停缴费", "jy_change_date", today,
	    "sfzh", k->idno, "name", name, "sex",
	    (k->idno[16] - '0') % 2 ? "男" : "女", "hukou_type", "城镇",
	    "reason", "协商一致解除", "end_date", today, "contract_no", cno,
	    "contract_start", "2020-01-01", "open_ended", "1",
	    "handler_name", "孙经办", "handler_phone", "13912345678",
	    (char *)NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "/dabao/pkg?id="));
	ck_assert_ptr_nonnull(strstr(a.location, "done=saved"));
	snprintf(loc, sizeof(loc), "%s", a.location);
	snprintf(k->id, sizeof(k->id), "%.*s",
	    (int)strcspn(strstr(loc, "id=") + 3, "&"), strstr(loc, "id=") + 3);
	answer_free(&a);
	/* The same form again: the same package, repeat=1. */
	ck_assert_int_eq(http_post(b, "/dabao/lizhi/save", 1, &a,
	    "token", tok, "jy_reason", "停缴费", "jy_change_date", today,
	    "sfzh", k->idno, "name", name, "sex",
	    (k->idno[16] - '0') % 2 ? "男" : "女", "hukou_type", "城镇",
	    "reason", "协商一致解除", "end_date", today, "contract_no", cno,
	    "contract_start", "2020-01-01", "open_ended", "1",
	    "handler_name", "孙经办", "handler_phone", "13912345678",
	    (char *)NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "repeat=1"));
	ck_assert_ptr_nonnull(strstr(a.location, k->id));
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM package_steps WHERE "
	    "package_id = %s", k->id);
	ck_assert_int_eq(db_int(q), 2);
	snprintf(q, sizeof(q), "SELECT task_id FROM package_steps WHERE "
	    "package_id = %s AND step_no = 1", k->id);
	snprintf(k->t1, sizeof(k->t1), "%lld", db_int(q));
	snprintf(q, sizeof(q), "SELECT task_id FROM package_steps WHERE "
	    "package_id = %s AND step_no = 2", k->id);
	snprintf(k->t2, sizeof(k->t2), "%lld", db_int(q));
}

/* Uploads ok.pdf as material code of step step of package k. */
static void
upload(struct browser *b, const struct pk *k, const char *step,
    const char *code)
{
	struct part	 parts[4];
	struct answer	 a;

	memset(parts, 0, sizeof(parts));
	parts[0].name = "id";
	parts[0].value = k->id;
	parts[1].name = "step";
	parts[1].value = step;
	parts[2].name = "material";
	parts[2].value = code;
	parts[3].name = "file";
	/* A photo (电子相片) is a JPG; the rest are scans. */
	parts[3].file = strcmp(code, "zhaopian") == 0 ? JPG : PDF;
	ck_assert_int_eq(http_post_multipart(b, "/dabao/upload", 1, parts, 4,
	    &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=uploaded"));
	answer_free(&a);
}

/* The package's page as XML. */
static void
get_pkg(struct browser *b, const struct pk *k, struct answer *a)
{
	char	 path[96];

	snprintf(path, sizeof(path), "/dabao/pkg?id=%s", k->id);
	ck_assert_int_eq(http_get(b, path, 1, a), 200);
}

/* Uploads, from the package's page, the first material of each
 * required group and every required one alone, of steps from..to. */
static void
upload_steps(struct browser *b, const struct pk *k, int from, int to)
{
	struct answer	 a;
	char		 expr[256], code[64], step[8];
	int		 s, i, n;

	for (s = from; s <= to; s++) {
		get_pkg(b, k, &a);
		/* A group's first material is enough: the loop skips one
		 * whose group is the one before's. */
		snprintf(expr, sizeof(expr), "/page/package/step[@no = %d]/"
		    "material[@required = '1']", s);
		n = xpath_count(&a, expr);
		ck_assert_int_gt(n, 0);
		for (i = 1; i <= n; i++) {
			char	 g[8], prev[8] = "";

			snprintf(expr, sizeof(expr), "string(/page/package/"
			    "step[@no = %d]/material[@required = '1'][%d]/"
			    "@group)", s, i);
			xp(&a, expr, g, sizeof(g));
			if (i > 1) {
				snprintf(expr, sizeof(expr), "string(/page/"
				    "package/step[@no = %d]/material[@required"
				    " = '1'][%d]/@group)", s, i - 1);
				xp(&a, expr, prev, sizeof(prev));
			}
			if (strcmp(g, "0") != 0 && strcmp(g, prev) == 0)
				continue;
			snprintf(expr, sizeof(expr), "string(/page/package/"
			    "step[@no = %d]/material[@required = '1'][%d]/"
			    "@code)", s, i);
			xp(&a, expr, code, sizeof(code));
			snprintf(step, sizeof(step), "%d", s);
			upload(b, k, step, code);
		}
		answer_free(&a);
	}
}

/* Uploads every step's materials; then 提交 is offered. */
static void
upload_all(struct browser *b, const struct pk *k)
{
	struct answer	 a;

	upload_steps(b, k, 1, 2);
	get_pkg(b, k, &a);
	ck_xpath_eq(&a, "string(/page/next/@can-submit)", "1");
	ck_xpath_eq(&a, "string(/page/package/step[@no = 1]/@missing)", "0");
	ck_xpath_eq(&a, "string(/page/package/step[@no = 2]/@missing)", "0");
	answer_free(&a);
}

/* 提交 of package k: 303 to its page. */
static void
submit(struct browser *b, const struct pk *k)
{
	struct answer	 a;

	ck_assert_int_eq(http_post(b, "/dabao/submit", 1, &a, "id", k->id,
	    (char *)NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=submitted"));
	answer_free(&a);
}

/* Logs in the clerk of demo-a and the reviewer. */
static void
desk_login(struct browser *u, struct browser *r)
{
	pin_clock();
	browser_init(u, "unit-a");
	ck_assert_int_eq(login(u, "demo-a"), 0);
	browser_init(r, "reviewer");
	ck_assert_int_eq(login(r, "demo-reviewer"), 0);
}

START_TEST(dabao_lizhi_end_to_end)
{
	struct browser	 u, r;
	struct answer	 a;
	struct pk	 k;
	char		 path[128], q[256];

	desk_login(&u, &r);
	save_lizhi(&u, "demo-a", "包离职", &k);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/@title)", "离职打包");
	ck_xpath_eq(&a, "string(/page/package/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/package/step[1]/@business)", "jianyuan");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@business)", "tuigong");
	ck_assert_int_eq(xpath_count(&a, "/page/package/step[@seq != '']"), 2);
	ck_xpath_eq(&a, "string(/page/next/@can-submit)", "0");
	answer_free(&a);
	/* 提交 before the materials: refused, naming the business. */
	ck_assert_int_eq(http_post(&u, "/dabao/submit", 1, &a, "id", k.id,
	    (char *)NULL), 422);
	ck_assert_int_gt(xpath_count(&a, "/page/errors/error[starts-with(., "
	    "'城镇职工减少:')]"), 0);
	answer_free(&a);
	upload_all(&u, &k);
	submit(&u, &k);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/@state)", "办理中");
	ck_xpath_eq(&a, "string(/page/package/step[1]/@state)", "进行中");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@hold)", "等待");
	answer_free(&a);
	/* The desk: one entry for the package, marked. */
	ck_assert_int_eq(http_get(&r, "/review?business=jianyuan", 1, &a), 200);
	snprintf(path, sizeof(path), "string(/page/queue/task[@id = %s]/"
	    "@package)", k.t1);
	ck_xpath_eq(&a, path, "离职打包 · 2 项");
	snprintf(path, sizeof(path), "count(/page/queue/task[@id = %s])", k.t2);
	ck_xpath_eq(&a, path, "0");
	answer_free(&a);
	snprintf(path, sizeof(path), "/review/task?id=%s", k.t1);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/package/step"), 2);
	ck_xpath_eq(&a, "string(/page/package/@current)", "1");
	answer_free(&a);
	/* Approved: the hall submits the 退工 and the reviewer is taken
	 * to it. */
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", k.t1,
	    (char *)NULL), 303);
	snprintf(path, sizeof(path), "/review/task?id=%s", k.t2);
	ck_assert_str_eq(a.location + strlen(a.location) - strlen(path), path);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM task_events WHERE "
	    "task_id = %s AND action = 'task.submit' AND actor_id = 0", k.t2);
	ck_assert_int_eq(db_int(q), 1);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/step[1]/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@state)", "进行中");
	ck_xpath_eq(&a, "string(/page/package/@state)", "办理中");
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", k.t2,
	    (char *)NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "/review?done=approved"));
	answer_free(&a);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/@state)", "已办结");
	ck_xpath_eq(&a, "string(/page/next/@can-submit)", "0");
	answer_free(&a);
	/* 打包记录 lists it. */
	ck_assert_int_eq(http_get(&u, "/dabao", 1, &a), 200);
	snprintf(path, sizeof(path), "string(/page/packages/package[@id = %s]"
	    "/@state)", k.id);
	ck_xpath_eq(&a, path, "已办结");
	ck_assert_int_gt(xpath_count(&a, "/page/pager[@total > 0]"), 0);
	answer_free(&a);
	/* The employee's timeline shows the package. */
	snprintf(path, sizeof(path), "/tuigong/timeline?sfzh=%s", k.idno);
	ck_assert_int_eq(http_get(&u, path, 1, &a), 200);
	snprintf(path, sizeof(path), "string(/page/timeline/step[@kind = "
	    "'离职打包']/@package)");
	ck_xpath_eq(&a, path, k.id);
	ck_xpath_eq(&a, "string(/page/timeline/step[@kind = '离职打包']/"
	    "@state)", "已办结");
	ck_assert_int_gt(xpath_count(&a, "/page/timeline/step[@kind = "
	    "'离职打包' and contains(., '城镇职工减少 结束 → 退工登记 结束')]"), 0);
	answer_free(&a);
	/* The HTML page is drawn. */
	snprintf(path, sizeof(path), "/dabao/pkg?id=%s", k.id);
	ck_assert_int_eq(http_get(&u, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "离职打包"));
	answer_free(&a);
}
END_TEST

START_TEST(dabao_lizhi_sent_back)
{
	struct browser	 u, r;
	struct answer	 a;
	struct pk	 k;
	char		 q[512];

	desk_login(&u, &r);
	save_lizhi(&u, "demo-a", "包回退", &k);
	upload_all(&u, &k);
	submit(&u, &k);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", k.t1,
	    "reason", "解除劳动关系证明未盖章", (char *)NULL), 303);
	answer_free(&a);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/@state)", "待处理");
	ck_xpath_eq(&a, "string(/page/package/step[1]/@returned)", "1");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@hold)", "暂缓");
	ck_xpath_eq(&a, "string(/page/next/@can-submit)", "1");
	ck_assert_int_gt(xpath_count(&a, "/page/next[contains(., "
	    "'解除劳动关系证明未盖章')]"), 0);
	answer_free(&a);
	/* The 退工 was not submitted behind the clerk's back. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM task_events WHERE "
	    "task_id = %s AND action = 'task.submit'", k.t2);
	ck_assert_int_eq(db_int(q), 0);
	/* The clerk is told in the 消息中心. */
	ck_assert_int_eq(http_get(&u, "/home", 1, &a), 200);
	ck_assert_int_gt(xpath_count(&a, "/page/inbox/msg[contains(., "
	    "'离职打包 包回退') and contains(., '退工登记暂未提交')]"), 0);
	answer_free(&a);
	/* Submitted again: the 减员 goes back to the reviewer, the 退工
	 * waits again. */
	submit(&u, &k);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/step[1]/@state)", "进行中");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@hold)", "等待");
	answer_free(&a);
}
END_TEST

START_TEST(dabao_other_unit_404)
{
	struct browser	 u, r, b;
	struct answer	 a;
	struct part	 parts[4];
	struct pk	 k;
	char		 path[96];

	desk_login(&u, &r);
	save_lizhi(&u, "demo-a", "包他人", &k);
	browser_init(&b, "unit-b");
	ck_assert_int_eq(login(&b, "demo-b"), 0);
	snprintf(path, sizeof(path), "/dabao/pkg?id=%s", k.id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 404);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_FOUND");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 404);
	ck_assert_ptr_null(strstr(a.body, "NOT_FOUND"));
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/dabao/submit", 1, &a, "id", k.id,
	    (char *)NULL), 404);
	answer_free(&a);
	memset(parts, 0, sizeof(parts));
	parts[0].name = "id";
	parts[0].value = k.id;
	parts[1].name = "step";
	parts[1].value = "1";
	parts[2].name = "material";
	parts[2].value = "jiechu_guanxi_zhengming";
	parts[3].name = "file";
	parts[3].file = PDF;
	ck_assert_int_eq(http_post_multipart(&b, "/dabao/upload", 1, parts, 4,
	    &a), 404);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/dabao/pkg?id=abc", 1, &a), 404);
	answer_free(&a);
	/* Its own list does not show it. */
	ck_assert_int_eq(http_get(&b, "/dabao", 1, &a), 200);
	snprintf(path, sizeof(path), "count(/page/packages/package[@id = %s])",
	    k.id);
	ck_xpath_eq(&a, path, "0");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/dabao/cancel", 1, &a, "id", k.id,
	    (char *)NULL), 404);
	answer_free(&a);
	/* A reviewer is not a unit. */
	ck_assert_int_eq(http_get(&r, "/dabao", 1, &a), 403);
	answer_free(&a);
	/* 整包退单 by its own unit: both steps withdrawn, then nothing left
	 * to withdraw. */
	ck_assert_int_eq(http_post(&u, "/dabao/cancel", 1, &a, "id", k.id,
	    (char *)NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=cancelled"));
	answer_free(&a);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/@state)", "已退单");
	ck_xpath_eq(&a, "count(/page/package/step[@state = '退单'])", "2");
	answer_free(&a);
	ck_assert_int_eq(http_post(&u, "/dabao/cancel", 1, &a, "id", k.id,
	    (char *)NULL), 409);
	answer_free(&a);
}
END_TEST

/* Saves the 入职 form of a person the hall has never seen for b's unit
 * (demo-a) and fills k (but t2). */
static void
save_ruzhi(struct browser *b, const char *name, struct pk *k)
{
	struct answer	 a;
	char		 tok[64], today[16], month[16], cno[64], q[256];
	char		 birth[16];

	ck_assert_int_eq(unused_idno(1996, k->idno), 0);
	ck_assert_int_eq(http_get(b, "/dabao/ruzhi", 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "ruzhi");
	/* The fields both businesses share are asked once. */
	ck_xpath_eq(&a, "count(/page/section[@name = 'yonggong']/field[@name ="
	    " 'sfzh'])", "1");
	ck_xpath_eq(&a, "count(/page/section[@name = 'zengyuan']/field[@name ="
	    " 'sfzh'])", "0");
	ck_xpath_eq(&a, "count(/page/section[@name = 'zengyuan']/field[@name ="
	    " 'zy_wage'])", "1");
	xp(&a, "string(/page/form/@token)", tok, sizeof(tok));
	xp(&a, "string(/page/section[@name = 'yonggong']/field[@name = "
	    "'hire_date']/@value)", today, sizeof(today));
	xp(&a, "string(/page/section[@name = 'zengyuan']/field[@name = "
	    "'zy_start']/@value)", month, sizeof(month));
	answer_free(&a);
	snprintf(cno, sizeof(cno), "RZ-%s", k->idno);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", k->idno + 6,
	    k->idno + 10, k->idno + 12);
	ck_assert_int_eq(http_post(b, "/dabao/ruzhi/save", 1, &a, "token", tok,
	    "sfzh", k->idno, "name", name, "sex",
	    (k->idno[16] - '0') % 2 ? "男" : "女", "birth", birth,
	    "hukou_type", "城镇", "phone", "13912345678", "education",
	    "大学本科", "work_form", "全日制", "category", "合同制",
	    "contract_no", cno, "contract_start", today, "open_ended", "1",
	    "post", "文员", "wage", "6000", "hire_date", today,
	    "zy_nation", "汉族", "zy_start", month, "zy_wage", "6000",
	    "zy_bujiao", "否", (char *)NULL), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=saved"));
	snprintf(k->id, sizeof(k->id), "%.*s",
	    (int)strcspn(strstr(a.location, "id=") + 3, "&"),
	    strstr(a.location, "id=") + 3);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT task_id FROM package_steps WHERE "
	    "package_id = %s AND step_no = 1", k->id);
	snprintf(k->t1, sizeof(k->t1), "%lld", db_int(q));
	snprintf(k->t2, sizeof(k->t2), "0");
}

START_TEST(dabao_ruzhi_end_to_end)
{
	struct browser	 u, r;
	struct answer	 a;
	struct pk	 k;
	char		 path[128], q[256];

	desk_login(&u, &r);
	save_ruzhi(&u, "包入职", &k);
	snprintf(q, sizeof(q), "SELECT COALESCE(task_id, 0) FROM package_steps "
	    "WHERE package_id = %s AND step_no = 2", k.id);
	snprintf(k.t2, sizeof(k.t2), "%lld", db_int(q));
	ck_assert_str_ne(k.t2, "0");
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/@title)", "入职打包");
	ck_xpath_eq(&a, "string(/page/package/step[1]/@business)", "yonggong");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@business)", "zengyuan");
	ck_assert_int_eq(xpath_count(&a, "/page/package/step[@seq != '']"), 2);
	answer_free(&a);
	upload_all(&u, &k);
	submit(&u, &k);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/step[1]/@state)", "进行中");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/package/step[2]/@hold)", "等待");
	answer_free(&a);
	/* The desk: one entry, the 用工备案, marked; its page opens the
	 * 增员. */
	ck_assert_int_eq(http_get(&r, "/review", 1, &a), 200);
	snprintf(path, sizeof(path), "string(/page/queue/task[@id = %s]/"
	    "@package)", k.t1);
	ck_xpath_eq(&a, path, "入职打包 · 2 项");
	snprintf(path, sizeof(path), "count(/page/queue/task[@id = %s])", k.t2);
	ck_xpath_eq(&a, path, "0");
	answer_free(&a);
	snprintf(path, sizeof(path), "/review/task?id=%s", k.t1);
	ck_assert_int_eq(http_get(&r, path, 0, &a), 200);
	snprintf(path, sizeof(path), "href=\"/review/task?id=%s\"", k.t2);
	ck_assert_ptr_nonnull(strstr(a.body, path));
	ck_assert_ptr_nonnull(strstr(a.body, "入职打包 · 2 项"));
	answer_free(&a);
	/* Approved: the hall submits the 增员 and the reviewer is taken to
	 * it. */
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", k.t1,
	    (char *)NULL), 303);
	snprintf(path, sizeof(path), "/review/task?id=%s", k.t2);
	snprintf(q, sizeof(q), "%s", a.location);
	answer_free(&a);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/step[1]/@state)", "结束");
	ck_assert_str_eq(q + strlen(q) - strlen(path), path);
	ck_xpath_eq(&a, "string(/page/package/step[2]/@state)", "进行中");
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", k.t2,
	    (char *)NULL), 303);
	answer_free(&a);
	get_pkg(&u, &k, &a);
	ck_xpath_eq(&a, "string(/page/package/@state)", "已办结");
	answer_free(&a);
	/* The person is now 参保缴费 here, and the 增员表 prints. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM insurance i JOIN persons p "
	    "ON p.id = i.person_id WHERE p.idno = '%s' AND i.status = '参保缴费'",
	    k.idno);
	ck_assert_int_eq(db_int(q), 1);
	snprintf(path, sizeof(path), "/print/zengyuan?id=%s", k.t2);
	ck_assert_int_eq(http_get(&u, path, 0, &a), 200);
	answer_free(&a);
}
END_TEST

START_TEST(dabao_lizhi_malformed)
{
	struct browser	 u, r;
	struct answer	 a;
	long long	 before;

	desk_login(&u, &r);
	before = db_int("SELECT COUNT(*) FROM packages");
	/* A 身份证号 with a bad check digit and no 退工日期: 422, the form
	 * again with each error on its field, nothing stored. */
	ck_assert_int_eq(http_post(&u, "/dabao/lizhi/save", 1, &a,
	    "token", "0123456789abcdef0123456789abcdef", "jy_reason", "停缴费",
	    "jy_change_date", "2026-01-01", "sfzh", "420102199001011230",
	    "name", "坏号码", "sex", "男", "hukou_type", "城镇",
	    "reason", "协商一致解除", "contract_no", "X-1",
	    "contract_start", "2020-01-01", "open_ended", "1",
	    "handler_name", "孙经办", "handler_phone", "13912345678",
	    (char *)NULL), 422);
	ck_xpath_eq(&a, "string(/page/@view)", "lizhi");
	ck_assert_int_gt(xpath_count(&a, "/page/errors/error[@field = 'sfzh']"),
	    0);
	ck_assert_int_gt(xpath_count(&a, "/page/errors/error[@field = "
	    "'end_date']"), 0);
	ck_xpath_eq(&a, "string(/page/section[@name = 'tuigong']/field[@name ="
	    " 'name']/@value)", "坏号码");
	/* A fresh one-time token: the refused one may name a withdrawn
	 * step (a replay would make a package born 已退单). */
	ck_assert_int_eq(xpath_count(&a, "/page/form[string-length(@token) "
	    "= 32 and @token != '0123456789abcdef0123456789abcdef']"), 1);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM packages"), before);
	/* An unknown 减少原因 is refused as a choice, not read past. */
	ck_assert_int_eq(http_post(&u, "/dabao/lizhi/save", 1, &a,
	    "jy_reason", "辞职", (char *)NULL), 422);
	ck_assert_int_gt(xpath_count(&a, "/page/errors/error[@field = "
	    "'jy_reason' and @code = 'CHOICE']"), 0);
	answer_free(&a);
}
END_TEST

static Suite *
dabao_http_suite(void)
{
	Suite	*s = suite_create("dabao_http");
	TCase	*tc;

	tc = tcase_create("dabao");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, dabao_lizhi_end_to_end);
	tcase_add_test(tc, dabao_ruzhi_end_to_end);
	tcase_add_test(tc, dabao_lizhi_sent_back);
	tcase_add_test(tc, dabao_other_unit_404);
	tcase_add_test(tc, dabao_lizhi_malformed);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(dabao_http_suite)
