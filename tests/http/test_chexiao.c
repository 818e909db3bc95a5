/*
 * test_chexiao.c: 撤销 through nginx with client certificates: a 信息错误
 * with corrected data sent back with a reason, fixed, resubmitted and
 * approved (the registration 已撤销, the corrected one 在职); the
 * 撤销申请编号, its lookup and its 《撤销申请回执》; every refusal with
 * its way forward; a vague 其他 refused; 先减员后撤销; a late one
 * accepted and flagged; another unit's 404 everywhere; a VIP unit's at
 * once with the 减员 message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../suites.h"
#include "client.h"

#define OK_PDF	"unit/fixtures/files/ok.pdf"

/* A fresh 在职 registration of username's unit. */
struct reg {
	char	 pid[24];
	char	 idno[19];
	char	 name[32];
	char	 emp[24];
};

/* Makes a fresh insured person with a registration at username's unit. */
static void
fresh_reg(const char *username, const char *name, struct reg *r)
{
	static int	 n;
	char		 sql[160], *v;

	snprintf(r->name, sizeof(r->name), "%s%d", name, ++n);
	ck_assert_int_eq(make_insured(username, r->name, r->pid, r->idno), 0);
	snprintf(sql, sizeof(sql), "SELECT MAX(id) FROM employments WHERE "
	    "person_id = %s", r->pid);
	ck_assert_ptr_nonnull(v = db_query(sql));
	snprintf(r->emp, sizeof(r->emp), "%s", v);
	free(v);
}

/* Runs sql with each "%s" replaced by the registration's id. */
static void
on_reg(const struct reg *r, const char *sql)
{
	char		 out[768];
	const char	*p, *q;
	size_t		 n = 0;

	for (p = sql; (q = strstr(p, "%s")) != NULL; p = q + 2)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%.*s%s",
		    (int)(q - p), p, r->emp);
	snprintf(out + n, sizeof(out) - n, "%s", p);
	db_exec(out);
}

/* A fresh form token for the registration. */
static void
form_token(struct browser *b, const struct reg *r, char tok[64])
{
	struct answer	 a;
	char		 path[64], *v;

	snprintf(path, sizeof(path), "/chexiao?emp=%s", r->emp);
	ck_assert_int_eq(http_get(b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 64, "%s", v);
	free(v);
	answer_free(&a);
}

/* Follows a 303 to its page as XML. */
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

/* The task id of a 303 to /chexiao?id=N. */
static long long
task_of(const struct answer *a)
{
	const char	*p = strstr(a->location, "/chexiao?id=");

	ck_assert_msg(p != NULL, "location '%s'", a->location);
	return atoll(p + strlen("/chexiao?id="));
}

/* Saves a 撤销 of r (id: the draft, "" new) for reason; the fix_*
 * fields of a 信息错误 as given.  Returns the status. */
static long
save(struct browser *b, const struct reg *r, const char *tok, const char *id,
    const char *reason, const char *explanation, const char *rep,
    const char *fix_name, const char *fix_post, const char *fix_wage,
    struct answer *a)
{
	return http_post(b, "/chexiao/save", 1, a, "token", tok, "id", id,
	    "emp", r->emp, "reason", reason, "explanation", explanation,
	    "handler_is_rep", rep, "handler_name", "测试经办",
	    "handler_phone", "027-87654321", "fix_name", fix_name,
	    "fix_post", fix_post, "fix_wage", fix_wage, NULL);
}

/* Uploads a real PDF as material code of task id. */
static void
upload(struct browser *b, long long id, const char *code)
{
	struct part	 p[3];
	struct answer	 a;
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "material";
	p[1].value = code;
	p[2].name = "file";
	p[2].file = OK_PDF;
	ck_assert_int_eq(http_post_multipart(b, "/chexiao/upload", 1, p, 3,
	    &a), 303);
	answer_free(&a);
}

/* POSTs id to path. */
static long
post_id(struct browser *b, const char *path, long long id, struct answer *a)
{
	char	 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	return http_post(b, path, 1, a, "id", ids, NULL);
}

/* GETs the task page of id. */
static long
get_task(struct browser *b, long long id, struct answer *a)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/chexiao?id=%lld", id);
	return http_get(b, path, 1, a);
}

/* 信息错误: 回退 with a reason, fixed and resubmitted, approved; the
 * number looked up and printed; another unit gets 404 for all of it. */
START_TEST(cx_error_returned_then_approved)
{
	struct browser	 b, r, o;
	struct answer	 a;
	struct reg	 g;
	char		 tok[64], ids[24], sql[256], no[48], path[128], want[96];
	char		*v;
	long long	 id;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	fresh_reg("demo-a", "撤销更正", &g);
	on_reg(&g, "UPDATE employments SET post = '会计', wage_fen = 500000 "
	    "WHERE id = %s");

	/* The materials of 信息错误, shown before anything is stored. */
	snprintf(path, sizeof(path), "/chexiao?emp=%s&reason=信息错误", g.emp);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@code = "
	    "'cuowu_zhengming' and @required = '1']"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@group = "
	    "'1' and @words != '']"), 2);
	snprintf(want, sizeof(want), "T-%s", g.idno);
	ck_xpath_eq(&a, "string(/page/registration/@contract-no)", want);
	answer_free(&a);

	/* Saved with the corrected 岗位 and 月工资; the 姓名 too. */
	form_token(&b, &g, tok);
	ck_assert_int_eq(save(&b, &g, tok, "", "信息错误", "", "1", "",
	    "出纳", "6500", &a), 303);
	id = task_of(&a);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "form");
	ck_xpath_eq(&a, "string(/page/chexiao/@fix-post)", "出纳");
	ck_xpath_eq(&a, "string(/page/chexiao/@fix-wage)", "6500.00");
	ck_xpath_eq(&a, "string(/page/chexiao/@fix-name)", g.name);
	answer_free(&a);
	upload(&b, id, "yingye_zhizhao");
	upload(&b, id, "fading_sfz");
	upload(&b, id, "cuowu_zhengming");
	upload(&b, id, "jingbanren_sfz");
	ck_assert_int_eq(post_id(&b, "/chexiao/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	v = xpath_str(&a, "string(/page/task/@apply-no)");
	snprintf(no, sizeof(no), "%s", v);
	free(v);
	ck_assert_msg(strncmp(no, "CX", 2) == 0 && strlen(no) > 4, "%s", no);
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind = 'ok' and "
	    "contains(., '1-5个工作日')]"), 1);
	answer_free(&a);

	/* 撤销申请查询 finds it; its 回执 prints while it is 进行中. */
	snprintf(path, sizeof(path), "/chexiao/lookup?no=%s", no);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 303);
	ck_assert_int_eq(task_of(&a), id);
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/chexiao?id=%lld", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/receipt/@no)", no);
	ck_xpath_eq(&a, "string(/page/receipt/@kind)", "撤销申请回执");
	answer_free(&a);

	/* Another unit: the registration, the task, the number and the
	 * printout are not found. */
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	snprintf(path, sizeof(path), "/chexiao?emp=%s", g.emp);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, g.name));
	answer_free(&a);
	ck_assert_int_eq(get_task(&o, id, &a), 404);
	answer_free(&a);
	snprintf(path, sizeof(path), "/chexiao/lookup?no=%s", no);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	answer_free(&a);
	snprintf(path, sizeof(path), "/print/chexiao?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	answer_free(&a);

	/* The reviewer sends it back with a reason. */
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	snprintf(path, sizeof(path), "/review/task?id=%lld", id);
	ck_assert_int_eq(http_get(&r, path, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='撤销申请编号'])", no);
	ck_xpath_eq(&a, "string(/page/detail/field[@label='更正后岗位'])",
	    "出纳");
	answer_free(&a);
	snprintf(ids, sizeof(ids), "%lld", id);
	ck_assert_int_eq(http_post(&r, "/review/reject", 1, &a, "id", ids,
	    "reason", "请同时更正工种", NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(get_task(&b, id, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/task/@reason)", "请同时更正工种");
	answer_free(&a);

	/* Fixed and resubmitted (the draft keeps its materials). */
	ck_assert_int_eq(http_post(&b, "/chexiao/save", 1, &a, "id", ids,
	    "emp", g.emp, "reason", "信息错误", "explanation", "",
	    "handler_is_rep", "1", "handler_name", "测试经办",
	    "handler_phone", "027-87654321", "fix_post", "出纳",
	    "fix_job_type", "出纳员", "fix_wage", "6500", NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, "/chexiao/submit", id, &a), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(&r, "/review/approve", 1, &a, "id", ids,
	    NULL), 303);
	answer_free(&a);

	/* 已撤销, and the corrected registration 在职 in its place. */
	snprintf(sql, sizeof(sql), "SELECT status || '|' || revoke_task_id "
	    "FROM employments WHERE id = %s", g.emp);
	v = db_query(sql);
	snprintf(want, sizeof(want), "已撤销|%lld", id);
	ck_assert_str_eq(v, want);
	free(v);
	snprintf(sql, sizeof(sql), "SELECT contract_no || '|' || post || '|' "
	    "|| job_type || '|' || wage_fen || '|' || status FROM employments "
	    "WHERE reg_task_id = %lld", id);
	v = db_query(sql);
	snprintf(want, sizeof(want), "T-%s|出纳|出纳员|650000|在职", g.idno);
	ck_assert_str_eq(v, want);
	free(v);
	ck_assert_int_eq(get_task(&b, id, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/registration/@status)", "已撤销");
	ck_assert_int_eq(xpath_count(&a, "/page/corrected[@status = '在职']"),
	    1);
	ck_assert_int_ge(xpath_count(&a, "/page/events/event"), 4);
	answer_free(&a);
	/* Revoked: a new 撤销 of it is refused, saying so. */
	snprintf(path, sizeof(path), "/chexiao?emp=%s", g.emp);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 409);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'CX_REVOKED']"), 1);
	answer_free(&a);
}
END_TEST

/* Each registration that cannot be revoked here: 409 with the reason
 * and where to go. */
static const struct {
	const char	*sql;		/* %s: the registration */
	const char	*undo;		/* restores what sql changed elsewhere */
	const char	*code;
	const char	*words;
} refusals[] = {
	{ "UPDATE units SET status = '注销' WHERE id = (SELECT unit_id FROM "
	  "employments WHERE id = %s)", "UPDATE units SET status = '正常'",
	  "CX_UNIT_CLOSED", "《营业执照吊销决定书》" },
	{ "UPDATE employments SET reg_region = '110100' WHERE id = %s", NULL,
	  "CX_OTHER_REGION", "原登记地" },
	{ "UPDATE employments SET reg_type = '灵活就业登记' WHERE id = %s",
	  NULL, "CX_OTHER_TYPE", "就业创业网" },
	{ "UPDATE employments SET reg_type = '农民工实名制登记' WHERE id = %s",
	  NULL, "CX_OTHER_TYPE", "全国建筑工人管理服务信息平台" },
	{ "UPDATE employments SET status = '已撤销' WHERE id = %s", NULL,
	  "CX_REVOKED", "已撤销" },
	{ "INSERT INTO tasks (seq_no, business, unit_id, state, created_at, "
	  "updated_at) SELECT 'TGOPEN' || id, 'tuigong', unit_id, '未提交', 0, "
	  "0 FROM employments WHERE id = %s", NULL, "CX_TUIGONG_OPEN",
	  "TGOPEN" },
};

START_TEST(cx_refusals)
{
	struct browser	 b;
	struct answer	 a;
	struct reg	 g;
	char		 path[64], sql[512], tok[64];

	/* A case that failed before its undo leaves nothing behind. */
	db_exec("UPDATE units SET status = '正常'");
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	fresh_reg("demo-a", "撤销拒绝", &g);
	form_token(&b, &g, tok);
	on_reg(&g, refusals[_i].sql);
	if (strcmp(refusals[_i].code, "CX_TUIGONG_OPEN") == 0) {
		snprintf(sql, sizeof(sql), "INSERT INTO tuigong (task_id, "
		    "row_no, employment_id, person_id, idno) SELECT MAX(id), 0, "
		    "%s, %s, '%s' FROM tasks", g.emp, g.pid, g.idno);
		db_exec(sql);
	}
	snprintf(path, sizeof(path), "/chexiao?emp=%s", g.emp);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 409);
	ck_xpath_eq(&a, "string(/page/@view)", "refused");
	snprintf(sql, sizeof(sql), "/page/errors/error[@code = '%s' and "
	    "contains(., '%s')]", refusals[_i].code, refusals[_i].words);
	ck_assert_int_eq(xpath_count(&a, sql), 1);
	answer_free(&a);
	/* The same refusal when the form is posted anyway; nothing made. */
	ck_assert_int_eq(save(&b, &g, tok, "", "员工离职", "", "1", "", "",
	    "", &a), 409);
	ck_assert_int_eq(xpath_count(&a, sql), 1);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM chexiao WHERE "
	    "employment_id = %s", g.emp);
	ck_assert_int_eq(db_int(sql), 0);
	/* The page (HTML) shows the way forward, not the code. */
	ck_assert_int_eq(http_get(&b, path, 0, &a), 409);
	ck_assert_ptr_null(strstr(a.body, refusals[_i].code));
	if (strcmp(refusals[_i].code, "CX_UNIT_CLOSED") == 0)
		ck_assert_ptr_nonnull(strstr(a.body, "/beian/export"));
	if (strcmp(refusals[_i].code, "CX_TUIGONG_OPEN") == 0) {
		snprintf(sql, sizeof(sql), "href=\"/tuigong?id=%lld\"",
		    db_int("SELECT MAX(id) FROM tasks WHERE business = "
		    "'tuigong'"));
		ck_assert_ptr_nonnull(strstr(a.body, sql));
	}
	answer_free(&a);
	if (refusals[_i].undo != NULL)
		db_exec(refusals[_i].undo);
}
END_TEST

/* A second 撤销 of a registration names the first; a vague 其他 is
 * refused; 员工离职 waits for the 减员 in 420100; a late one is
 * accepted and flagged. */
START_TEST(cx_rules_on_save_and_submit)
{
	struct browser	 b;
	struct answer	 a;
	struct reg	 g, h;
	char		 tok[64], path[64], sql[256], *seq;
	long long	 id, late;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	fresh_reg("demo-a", "撤销规则", &g);

	/* 其他 without a real explanation: 422, nothing stored. */
	form_token(&b, &g, tok);
	ck_assert_int_eq(save(&b, &g, tok, "", "其他", "个人原因", "1", "", "",
	    "", &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@field = "
	    "'explanation' and @code = 'CX_EXPLAIN_VAGUE']"), 1);
	answer_free(&a);
	ck_assert_int_eq(save(&b, &g, tok, "", "其他", "重复登记", "1", "", "",
	    "", &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'CX_EXPLAIN_SHORT']"), 1);
	answer_free(&a);

	/* 员工离职 of a 参保缴费 person in 420100: a draft that cannot be
	 * submitted until the 减员. */
	ck_assert_int_eq(save(&b, &g, tok, "", "员工离职", "", "0", "", "", "",
	    &a), 303);
	id = task_of(&a);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'CX_JIANYUAN_FIRST']"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@code = "
	    "'shouquan_weituoshu']"), 1);
	ck_assert_int_eq(xpath_count(&a, "/page/materials/material[@code = "
	    "'jiechu_zhengming']"), 1);
	answer_free(&a);
	upload(&b, id, "tongyi_daima");
	upload(&b, id, "fading_sfz");
	upload(&b, id, "jiechu_zhengming");
	upload(&b, id, "jingbanren_sfz");
	upload(&b, id, "shouquan_weituoshu");
	ck_assert_int_eq(post_id(&b, "/chexiao/submit", id, &a), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'CX_JIANYUAN_FIRST']"), 1);
	answer_free(&a);

	/* A second 撤销 of the same registration names the first. */
	snprintf(path, sizeof(path), "/chexiao?emp=%s", g.emp);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 409);
	snprintf(sql, sizeof(sql), "SELECT seq_no FROM tasks WHERE id = %lld",
	    id);
	seq = db_query(sql);
	snprintf(sql, sizeof(sql), "/page/errors/error[@code = 'CX_DUPLICATE' "
	    "and contains(., 'CX%s')]", seq);
	free(seq);
	ck_assert_int_eq(xpath_count(&a, sql), 1);
	answer_free(&a);

	/* After the 减员 (暂停缴费) it goes through. */
	snprintf(sql, sizeof(sql), "UPDATE insurance SET status = '暂停缴费' "
	    "WHERE person_id = %s", g.pid);
	db_exec(sql);
	ck_assert_int_eq(post_id(&b, "/chexiao/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	answer_free(&a);

	/* Ended 40 days ago: accepted, flagged 逾期 with a notice. */
	fresh_reg("demo-a", "撤销逾期", &h);
	on_reg(&h, "UPDATE employments SET status = '已退工', ended_at = "
	    "date('now', '+8 hours', '-40 days') WHERE id = %s");
	form_token(&b, &h, tok);
	ck_assert_int_eq(save(&b, &h, tok, "", "其他",
	    "员工实际未到岗,劳动合同未履行", "1", "", "", "", &a), 303);
	late = task_of(&a);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/chexiao/@late)", "1");
	ck_xpath_eq(&a, "string(/page/task/@overdue)", "1");
	answer_free(&a);
	ck_assert_int_gt(late, id);
}
END_TEST

/* A VIP unit's 撤销 ends at once; the person still 参保缴费 brings the
 * 减员 message. */
START_TEST(cx_vip_at_once)
{
	struct browser	 b;
	struct answer	 a;
	struct reg	 g;
	char		 tok[64], sql[256];
	long long	 id;

	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	fresh_reg("demo-vip", "撤销VIP", &g);
	form_token(&b, &g, tok);
	ck_assert_int_eq(save(&b, &g, tok, "", "其他",
	    "同一员工在系统中重复登记两次", "1", "", "", "", &a), 303);
	id = task_of(&a);
	answer_free(&a);
	upload(&b, id, "yingye_zhizhao");
	upload(&b, id, "fading_sfz");
	upload(&b, id, "jingbanren_sfz");
	ck_assert_int_eq(post_id(&b, "/chexiao/submit", id, &a), 303);
	ck_assert_int_eq(follow(&b, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/task/@decided-by)", "系统自动审核");
	ck_xpath_eq(&a, "string(/page/registration/@status)", "已撤销");
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM messages WHERE "
	    "task_id = %lld AND body LIKE '%%/jianyuan%%'", id);
	ck_assert_int_eq(db_int(sql), 1);
	snprintf(sql, sizeof(sql), "/print/chexiao?id=%lld", id);
	ck_assert_int_eq(http_get(&b, sql, 1, &a), 200);
	answer_free(&a);
}
END_TEST

static Suite *
chexiao_http_suite(void)
{
	Suite	*s = suite_create("chexiao_http");
	TCase	*tc;

	tc = tcase_create("chexiao");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cx_error_returned_then_approved);
	tcase_add_loop_test(tc, cx_refusals, 0,
	    sizeof(refusals) / sizeof(refusals[0]));
	tcase_add_test(tc, cx_rules_on_save_and_submit);
	tcase_add_test(tc, cx_vip_at_once);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(chexiao_http_suite)
