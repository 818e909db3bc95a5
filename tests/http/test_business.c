/*
 * test_business.c: the one behaviour of every business's task pages
 * (lib/taskpage.c, docs/HTTP.md "Every business"), run against each
 * registered business through nginx: save (303, the same token twice
 * makes one task), uploads (303; over 5 MB 413; not PDF/JPG by content
 * 422; a business asking for none: 422), the attachment's XML shape,
 * submit (进行中 for a 普通 unit, 结束 for a VIP one and for any unit of
 * a business with auto_review) and submit again (303 repeat=1), 退单
 * twice, a
 * batch with one bad row listing that row, and another unit's task
 * answering 404.  Each business contributes one entry of biz[] with
 * its small fixtures; a registered business without one fails.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "../suites.h"
#include "client.h"
#include "hall.h"
#include "batch.h"
#include "receipt.h"
#include "xlsx.h"

#define OK_PDF		"unit/fixtures/files/ok.pdf"
#define OK_JPG		"unit/fixtures/files/ok.jpg"
#define TEXT_PDF	"unit/fixtures/files/text.pdf"

/* A person made for one test. */
struct who {
	char	 id[24];
	char	 idno[19];
	char	 name[32];
};

/* One business under test. */
struct biz {
	const char	*code;		/* its wf_business code */
	const char	*dedup;		/* the dedup key prefix of its save */
	/* Makes a fresh person of username's unit the business can act
	 * on and submit at once (given the materials below). */
	void		(*person)(const char *username, struct who *w);
	/* POSTs its save form for w with the one-time token tok; returns
	 * the status. */
	long		(*save)(struct browser *b, const struct who *w,
			    const char *tok, struct answer *a);
	/* The materials a draft of w needs to be submitted, NULL-
	 * terminated; per_person: uploaded with pid= w's id. */
	const char *const *materials;
	int		 per_person;
	/* The cells of a batch row for w (good) after the template's
	 * header, ncols of them; bad: a row for w with a malformed
	 * 身份证号.  NULL for a business without a batch (撤销). */
	void		(*row)(const struct who *w, int bad, const char **cells);
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

/* A fresh insured person of username (make_insured), called name. */
static void
fresh(const char *username, const char *name, struct who *w)
{
	static int	 n;

	snprintf(w->name, sizeof(w->name), "%s%d", name, ++n);
	ck_assert_int_eq(make_insured(username, w->name, w->id, w->idno), 0);
}

/* ---- 退工登记 ---- */

static const char *const tg_materials[] = { "jiechu_zhengming", "sfz_copy",
	NULL };

/* A person whose contributions already stopped (先减员后退工 holds). */
static void
tg_person(const char *username, struct who *w)
{
	char	 q[256];

	fresh(username, "业务退工", w);
	snprintf(q, sizeof(q), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = strftime('%%Y-%%m', 'now', '+8 hours') WHERE "
	    "person_id = %s", w->id);
	db_exec(q);
}

/* POSTs the 退工 form: 协商一致解除 yesterday, the contract on file. */
static long
tg_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	char	 end[11], cno[32], birth[11], sex[8];

	hall_date(-1, end);
	snprintf(cno, sizeof(cno), "T-%s", w->idno);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", w->idno + 6,
	    w->idno + 10, w->idno + 12);
	snprintf(sex, sizeof(sex), "%s", (w->idno[16] - '0') % 2 ? "男" : "女");
	return http_post(b, "/tuigong/save", 1, a, "token", tok, "id", "",
	    "name", w->name, "sfzh", w->idno, "sex", sex, "birth", birth,
	    "hukou_type", "城镇", "phone", "13800138000", "reason",
	    "协商一致解除", "end_date", end, "contract_no", cno,
	    "contract_start", "2020-01-01", "contract_end", "", "open_ended",
	    "1", "post", "会计", "remark", "", "handler_name", "测试经办",
	    "handler_title", "人事", "handler_phone", "027-87654321", NULL);
}

/* A 批量退工 row. */
static void
tg_row(const struct who *w, int bad, const char **cells)
{
	static char	 end[11], cno[32], idno[19];

	hall_date(-1, end);
	snprintf(cno, sizeof(cno), "T-%s", w->idno);
	snprintf(idno, sizeof(idno), "%s", w->idno);
	if (bad)
		idno[17] = idno[17] == '1' ? '2' : '1';
	cells[0] = w->name;
	cells[1] = idno;
	cells[2] = cno;
	cells[3] = "协商一致解除";
	cells[4] = end;
	cells[5] = "城镇";
	cells[6] = "13800138000";
	cells[7] = "否";
	cells[8] = "";
}

/* ---- 城镇职工减少 ---- */

static const char *const jy_materials[] = { "jiechu_guanxi_zhengming",
	NULL };

/* A 参保缴费 person, and the annual declaration the window asks for. */
static void
jy_person(const char *username, struct who *w)
{
	fresh(username, "业务减员", w);
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER), 0 "
	    "FROM units");
	db_exec("INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) SELECT id, CAST(strftime('%Y', 'now') AS INTEGER) + "
	    "1, 0 FROM units");
}

/* POSTs the 减员 form: 停缴费 today for w. */
static long
jy_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	char	 today[11];

	hall_date(0, today);
	return http_post(b, "/jianyuan/save", 1, a, "reason", "停缴费",
	    "change_date", today, "token", tok, "pid", w->id, NULL);
}

/* A 批量减员 row. */
static void
jy_row(const struct who *w, int bad, const char **cells)
{
	static char	 today[11], idno[19];

	hall_date(0, today);
	snprintf(idno, sizeof(idno), "%s", w->idno);
	if (bad)
		idno[17] = idno[17] == '1' ? '2' : '1';
	cells[0] = w->name;
	cells[1] = idno;
	cells[2] = "停缴费";
	cells[3] = today;
	cells[4] = "";
}

/* ---- 用工备案 ---- */

static const char *const yg_materials[] = { "hetong_copy", NULL };

/* A person the hall has never seen (no persons row yet: id 0). */
static void
yg_person(const char *username, struct who *w)
{
	static int	 n;

	(void)username;
	ck_assert_int_eq(unused_idno(1990, w->idno), 0);
	snprintf(w->name, sizeof(w->name), "业务用工%d", ++n);
	snprintf(w->id, sizeof(w->id), "0");
}

/* The 性别 the 身份证号 idno says. */
static const char *
yg_sex(const char *idno)
{
	return (idno[16] - '0') % 2 ? "男" : "女";
}

/* POSTs the 用工备案 form: 全日制 合同制 from yesterday, open-ended. */
static long
yg_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	char	 hire[11], cno[32];

	hall_date(-1, hire);
	snprintf(cno, sizeof(cno), "YG-%s", w->idno);
	return http_post(b, "/yonggong/save", 1, a, "token", tok, "id", "",
	    "name", w->name, "sfzh", w->idno, "sex", yg_sex(w->idno),
	    "birth", "", "hukou_type", "城镇", "phone", "13800138000",
	    "education", "大学本科", "work_form", "全日制", "category",
	    "合同制", "contract_no", cno, "contract_start", hire,
	    "contract_end", "", "open_ended", "1", "post", "会计",
	    "job_type", "", "wage", "6000", "hire_date", hire, NULL);
}

/* A 批量用工备案 row. */
static void
yg_row(const struct who *w, int bad, const char **cells)
{
	static char	 hire[11], cno[32], idno[19];

	hall_date(-1, hire);
	snprintf(cno, sizeof(cno), "YG-%s", w->idno);
	snprintf(idno, sizeof(idno), "%s", w->idno);
	if (bad)
		idno[17] = idno[17] == '1' ? '2' : '1';
	cells[0] = w->name;
	cells[1] = idno;
	cells[2] = "城镇";
	cells[3] = "13800138000";
	cells[4] = "";
	cells[5] = "全日制";
	cells[6] = "合同制";
	cells[7] = cno;
	cells[8] = hire;
	cells[9] = "无固定期限";
	cells[10] = "会计";
	cells[11] = "";
	cells[12] = "6000";
	cells[13] = hire;
}

/* ---- 撤销 ---- */

static const char *const cx_materials[] = { "yingye_zhizhao", "fading_sfz",
	"jingbanren_sfz", NULL };

/* A fresh 在职 registration of the unit (make_insured's). */
static void
cx_person(const char *username, struct who *w)
{
	fresh(username, "业务撤销", w);
}

/* POSTs the 撤销 form: 其他 with a clear explanation, for w's
 * registration, the 经办人 being the 法定代表人. */
static long
cx_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	char	 sql[160], *emp;
	long	 rc;

	snprintf(sql, sizeof(sql), "SELECT MAX(id) FROM employments WHERE "
	    "person_id = %s", w->id);
	ck_assert_ptr_nonnull(emp = db_query(sql));
	rc = http_post(b, "/chexiao/save", 1, a, "token", tok, "id", "",
	    "emp", emp, "reason", "其他", "explanation",
	    "同一员工在系统中重复登记两次", "handler_is_rep", "1",
	    "handler_name", "测试经办", "handler_phone", "027-87654321", NULL);
	free(emp);
	return rc;
}

/* ---- 增员 ---- */

static const char *const zy_materials[] = { "sfz_copy", "hetong_copy",
	NULL };

/* A 在职 person of the unit whose contributions here stopped (a 续保
 * at the same unit: no age window), his photo on file. */
static void
zy_person(const char *username, struct who *w)
{
	char	 q[256];

	fresh(username, "业务增员", w);
	snprintf(q, sizeof(q), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '2025-01' WHERE person_id = %s", w->id);
	db_exec(q);
	snprintf(q, sizeof(q), "UPDATE persons SET photo = 1 WHERE id = %s",
	    w->id);
	db_exec(q);
}

/* POSTs the 增员 form: 参保日期 this month, 6000 元, no 补缴. */
static long
zy_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	char	 today[11], birth[11];

	hall_date(0, today);
	today[7] = '\0';
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", w->idno + 6,
	    w->idno + 10, w->idno + 12);
	return http_post(b, "/zengyuan/save", 1, a, "token", tok, "id", "",
	    "name", w->name, "sfzh", w->idno, "sex", yg_sex(w->idno),
	    "birth", birth, "zy_nation", "汉族", "hukou_type", "城镇",
	    "phone", "13800138000", "zy_hukou_addr", "武汉市江岸区",
	    "zy_start", today, "zy_wage", "6000", "zy_bujiao", "否",
	    "zy_bujiao_from", "", "zy_sb_no", "", "zy_special", "", NULL);
}

/* A 批量增员 row: a 续保 with his 个人编号. */
static void
zy_row(const struct who *w, int bad, const char **cells)
{
	static char	 month[11], idno[19], sb_no[24];

	hall_date(0, month);
	month[7] = '\0';
	snprintf(idno, sizeof(idno), "%s", w->idno);
	snprintf(sb_no, sizeof(sb_no), "T%s", w->idno);
	if (bad)
		idno[17] = idno[17] == '1' ? '2' : '1';
	cells[0] = w->name;
	cells[1] = idno;
	cells[2] = sb_no;
	cells[3] = "汉族";
	cells[4] = "城镇";
	cells[5] = "13800138000";
	cells[6] = "";
	cells[7] = month;
	cells[8] = "6000";
	cells[9] = "";
	cells[10] = "";
}

/* ---- 个人工资变更 ---- */

/* Nothing to upload: the unit keeps the 工资单. */
static const char *const gz_materials[] = { NULL };

/* A 参保缴费 person of the unit. */
static void
gz_person(const char *username, struct who *w)
{
	char	 today[11];

	/* The next month's 社平工资, whatever the real date. */
	hall_date(0, today);
	policy_test_year(today);
	fresh(username, "业务工资", w);
}

/* POSTs the 工资变更 form: 6000 元 for w. */
static long
gz_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	return http_post(b, "/gongzi/save", 1, a, "token", tok, "pid", w->id,
	    "wage", "6000", NULL);
}

/* ---- 当月欠费注销 ---- */

static const char *const zx_materials[] = { "zhuxiao_shuoming", NULL };

/* A fresh insured person owing this month's contributions here. */
static void
zx_person(const char *username, struct who *w)
{
	char	 q[320];

	fresh(username, "业务注销", w);
	snprintf(q, sizeof(q), "INSERT INTO arrears (person_id, unit_id, "
	    "month, amount_fen) SELECT person_id, unit_id, strftime('%%Y-%%m', "
	    "'now', '+8 hours'), 123456 FROM insurance WHERE person_id = %s",
	    w->id);
	db_exec(q);
}

/* POSTs the 注销 form: this month, confirmed. */
static long
zx_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	char	 month[11];

	hall_date(0, month);
	month[7] = '\0';
	return http_post(b, "/zhuxiao/save", 1, a, "token", tok, "id", "",
	    "sfzh", w->idno, "month", month, "confirm", "1", NULL);
}

/* ---- 年度缴费工资申报 ---- */

static const char *const nb_materials[] = { "gongzi_shenbaobiao", NULL };

/* A person 参保缴费 at the unit, with the declaration window of the
 * next 缴费年度 open today whatever the real date (policy_test_year). */
static void
nb_person(const char *username, struct who *w)
{
	char	 today[11];

	hall_date(0, today);
	policy_test_year(today);
	fresh(username, "业务年报", w);
}

/* POSTs the single person's declaration: 6000 元, no 备注. */
static long
nb_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	return http_post(b, "/nianbao/save", 1, a, "token", tok, "id", "",
	    "sfzh", w->idno, "name", w->name, "nb_wage", "6000",
	    "nb_remark", "", NULL);
}

/* A row of the declaration's template, filled. */
static void
nb_row(const struct who *w, int bad, const char **cells)
{
	static char	 idno[19], sb_no[24];

	snprintf(idno, sizeof(idno), "%s", w->idno);
	snprintf(sb_no, sizeof(sb_no), "T%s", w->idno);
	if (bad)
		idno[17] = idno[17] == '1' ? '2' : '1';
	cells[0] = sb_no;
	cells[1] = w->name;
	cells[2] = idno;
	cells[3] = "6000";
	cells[4] = "";
}

/* ---- 非统筹退休人员工资申报 ---- */

/* A 非统筹退休人员 registered at the unit (not insured: on file only). */
static void
tx_person(const char *username, struct who *w)
{
	static int	 n;
	char		 q[512], today[11], *v;

	hall_date(0, today);
	policy_test_year(today);
	snprintf(w->name, sizeof(w->name), "业务退休%d", ++n);
	ck_assert_int_eq(unused_idno(1955, w->idno), 0);
	snprintf(q, sizeof(q), "INSERT INTO persons (idno, name, sex, birth) "
	    "VALUES ('%s', '%s', '%s', '%.4s-%.2s-%.2s') RETURNING id",
	    w->idno, w->name, (w->idno[16] - '0') % 2 ? "男" : "女",
	    w->idno + 6, w->idno + 10, w->idno + 12);
	ck_assert_ptr_nonnull(v = db_query(q));
	snprintf(w->id, sizeof(w->id), "%s", v);
	free(v);
	snprintf(q, sizeof(q), "INSERT INTO txgz_retirees (unit_id, person_id, "
	    "name, idno, retire_date, category) SELECT unit_id, %s, '%s', "
	    "'%s', '2015-01-01', '机关事业单位退休' FROM accounts WHERE "
	    "username = '%s'", w->id, w->name, w->idno, username);
	db_exec(q);
}

/* POSTs the single retiree's declaration: 5000 元. */
static long
tx_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	return http_post(b, "/txgz/save", 1, a, "token", tok, "id", "",
	    "sfzh", w->idno, "name", w->name, "nb_wage", "5000",
	    "nb_remark", "", NULL);
}

/* A row of the retirees' template, filled. */
static void
tx_row(const struct who *w, int bad, const char **cells)
{
	static char	 idno[19];

	snprintf(idno, sizeof(idno), "%s", w->idno);
	if (bad)
		idno[17] = idno[17] == '1' ? '2' : '1';
	cells[0] = "";
	cells[1] = w->name;
	cells[2] = idno;
	cells[3] = "5000";
	cells[4] = "";
}

/* ---- 欠费补缴 ---- */

static const char *const bj_materials[] = { "jingbanren_sfz", NULL };

/* A person on a base of 5,000.00 owing the 3 months before this one at
 * the unit. */
static void
bj_person(const char *username, struct who *w)
{
	char	 q[512];
	int	 i;

	fresh(username, "业务补缴", w);
	snprintf(q, sizeof(q), "UPDATE insurance SET base_fen = 500000 WHERE "
	    "person_id = %s", w->id);
	db_exec(q);
	for (i = 1; i <= 3; i++) {
		snprintf(q, sizeof(q), "INSERT INTO arrears (person_id, unit_id, "
		    "month, amount_fen, settled) SELECT person_id, unit_id, "
		    "strftime('%%Y-%%m', 'now', '+8 hours', 'start of month', "
		    "'-%d month'), 100000, 0 FROM insurance WHERE person_id = %s",
		    i, w->id);
		db_exec(q);
	}
}

/* POSTs the 补缴 of w (保存 after 核定). */
static long
bj_save(struct browser *b, const struct who *w, const char *tok,
    struct answer *a)
{
	return http_post(b, "/bujiao/save", 1, a, "token", tok, "pid", w->id,
	    NULL);
}

/* Every business: the next one adds its line here. */
static const struct biz biz[] = {
	{ "tuigong", "tg", tg_person, tg_save, tg_materials, 0, tg_row },
	{ "jianyuan", "jy", jy_person, jy_save, jy_materials, 1, jy_row },
	{ "yonggong", "yg", yg_person, yg_save, yg_materials, 0, yg_row },
	{ "chexiao", "cx", cx_person, cx_save, cx_materials, 0, NULL },
	{ "zengyuan", "zy", zy_person, zy_save, zy_materials, 0, zy_row },
	{ "gongzi", "gz", gz_person, gz_save, gz_materials, 0, NULL },
	{ "zhuxiao", "zx", zx_person, zx_save, zx_materials, 0, NULL },
	{ "nianbao", "nb", nb_person, nb_save, nb_materials, 0, nb_row },
	{ "txgz", "tx", tx_person, tx_save, nb_materials, 0, tx_row },
	{ "bujiao", "bj", bj_person, bj_save, bj_materials, 0, NULL },
};

#define NBIZ	(sizeof(biz) / sizeof(biz[0]))

/* ---- Helpers ---- */

/* The registered business of z. */
static const struct wf_business *
wf_of(const struct biz *z)
{
	size_t	 i;

	for (i = 0; hall_businesses[i] != NULL; i++)
		if (strcmp(hall_businesses[i]->code, z->code) == 0)
			return hall_businesses[i];
	ck_abort_msg("%s is not registered", z->code);
	return NULL;
}

/* The business's path (/tuigong). */
static const char *
path_of(const struct biz *z)
{
	return wf_of(z)->path;
}

/* The path P + sub into buf. */
static const char *
route(const struct biz *z, const char *sub, char buf[128])
{
	snprintf(buf, 128, "%s%s", path_of(z), sub);
	return buf;
}

/* A fresh one-time token from the business's form page. */
static void
token(struct browser *b, const struct biz *z, char tok[64])
{
	struct answer	 a;
	char		*v;

	ck_assert_int_eq(http_get(b, path_of(z), 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 64, "%s", v);
	free(v);
	answer_free(&a);
}

/* The task id of a 303 to P?id=N, which must carry want (e.g.
 * "done=saved"). */
static long long
task_of(const struct biz *z, const struct answer *a, const char *want)
{
	const char	*p = strstr(a->location, "id=");
	char		 prefix[64];

	snprintf(prefix, sizeof(prefix), "%s?id=", path_of(z));
	ck_assert_msg(strstr(a->location, prefix) != NULL && p != NULL,
	    "%s: location '%s'", z->code, a->location);
	ck_assert_msg(strstr(a->location, want) != NULL,
	    "%s: location '%s', want %s", z->code, a->location, want);
	return atoll(p + 3);
}

/* Saves a new task for w and returns its id. */
static long long
new_task(struct browser *b, const struct biz *z, const struct who *w)
{
	struct answer	 a;
	char		 tok[64];
	long long	 id;

	token(b, z, tok);
	ck_assert_int_eq(z->save(b, w, tok, &a), 303);
	id = task_of(z, &a, "done=saved");
	answer_free(&a);
	return id;
}

/* GETs task id of the business as XML into a. */
static long
get_task(struct browser *b, const struct biz *z, long long id,
    struct answer *a)
{
	char	 path[128];

	snprintf(path, sizeof(path), "%s?id=%lld", path_of(z), id);
	return http_get(b, path, 1, a);
}

/* Uploads file as material code for w (when the business's materials
 * are per person) of task id; returns the status. */
static long
upload(struct browser *b, const struct biz *z, long long id,
    const struct who *w, const char *code, const char *file,
    struct answer *a)
{
	struct part	 p[4];
	char		 ids[24], buf[128];
	size_t		 n = 0;

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[n].name = "id";
	p[n++].value = ids;
	p[n].name = "material";
	p[n++].value = code;
	if (z->per_person) {
		p[n].name = "pid";
		p[n++].value = w->id;
	}
	p[n].name = "file";
	p[n++].file = file;
	return http_post_multipart(b, route(z, "/upload", buf), 1, p, n, a);
}

/* POSTs id to P + sub; returns the status. */
static long
post_id(struct browser *b, const struct biz *z, const char *sub,
    long long id, struct answer *a)
{
	char	 ids[24], buf[128];

	snprintf(ids, sizeof(ids), "%lld", id);
	return http_post(b, route(z, sub, buf), 1, a, "id", ids, NULL);
}

/* A material code to upload to the business: its first, or, for one
 * that asks for none, a real code of the catalogue it must refuse. */
static const char *
some_material(const struct biz *z)
{
	return z->materials[0] != NULL ? z->materials[0] : "sfz_copy";
}

/* Uploads every material the draft needs. */
static void
ready(struct browser *b, const struct biz *z, long long id,
    const struct who *w)
{
	const char *const	*m;
	struct answer		 a;

	for (m = z->materials; *m != NULL; m++) {
		ck_assert_int_eq(upload(b, z, id, w, *m, OK_PDF, &a), 303);
		task_of(z, &a, "done=uploaded");
		answer_free(&a);
	}
}

/* A JPEG of about 6 MB (a real one padded before its end marker) at
 * path. */
static void
big_jpeg(const char *path)
{
	static unsigned char	 head[65536];
	FILE			*in, *out;
	size_t			 n, total;

	ck_assert_ptr_nonnull(in = fopen(OK_JPG, "rb"));
	n = fread(head, 1, sizeof(head), in);
	fclose(in);
	ck_assert(n > 100 && n < sizeof(head));
	ck_assert_ptr_nonnull(out = fopen(path, "wb"));
	fwrite(head, 1, n - 2, out);
	for (total = n - 2; total < 6000000 - 2; total++)
		fputc(0, out);
	fputc(0xff, out);
	fputc(0xd9, out);
	ck_assert_int_eq(fclose(out), 0);
}

/* ---- Tests ---- */

/* Every registered business with task pages has its entry here. */
START_TEST(biz_every_business_has_an_entry)
{
	const struct wf_business	*wf;
	size_t				 i, j;

	for (i = 0; (wf = hall_businesses[i]) != NULL; i++) {
		for (j = 0; j < NBIZ; j++)
			if (strcmp(biz[j].code, wf->code) == 0)
				break;
		ck_assert_msg(j < NBIZ, "business %s has no entry in "
		    "tests/http/test_business.c", wf->code);
	}
	ck_assert_uint_ge(i, NBIZ);
}
END_TEST

/* Save, the same token twice, uploads good and bad, the attachment's
 * shape, submit and submit again, for a 普通 unit. */
START_TEST(biz_save_upload_submit)
{
	const struct biz	*z = &biz[_i];
	struct browser		 b;
	struct answer		 a;
	struct who		 w;
	char			 tok[64], sql[256], big[64];
	long long		 id, again;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	z->person("demo-a", &w);

	/* Saved: 303 to the task; the same form again: the same task. */
	token(&b, z, tok);
	ck_assert_int_eq(z->save(&b, &w, tok, &a), 303);
	id = task_of(z, &a, "done=saved");
	answer_free(&a);
	ck_assert_int_eq(z->save(&b, &w, tok, &a), 303);
	again = task_of(z, &a, "repeat=1");
	answer_free(&a);
	ck_assert_int_eq(again, id);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM tasks WHERE "
	    "dedup_key = '%s:%s'", z->dedup, tok);
	ck_assert_int_eq(db_int(sql), 1);
	ck_assert_int_eq(get_task(&b, z, id, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/task/@business)", z->code);
	answer_free(&a);

	/* Uploads: a disguised file 422, 6 MB 413, nothing stored; a
	 * business asking for no material refuses any (422). */
	if (z->materials[0] == NULL) {
		ck_assert_int_eq(upload(&b, z, id, &w, some_material(z),
		    OK_PDF, &a), 422);
		ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
		    "'CHOICE' and @field = 'material']"), 1);
		answer_free(&a);
	} else {
		ck_assert_int_eq(upload(&b, z, id, &w, z->materials[0],
		    TEXT_PDF, &a), 422);
		ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
		    "'ATTACH_NOTTYPE']"), 1);
		answer_free(&a);
		snprintf(big, sizeof(big), "/tmp/biz-big-%d.jpg",
		    (int)getpid());
		big_jpeg(big);
		ck_assert_int_eq(upload(&b, z, id, &w, z->materials[0], big,
		    &a), 413);
		ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
		    "'ATTACH_TOOBIG']"), 1);
		answer_free(&a);
		unlink(big);
	}
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM attachments WHERE "
	    "task_id = %lld", id);
	ck_assert_int_eq(db_int(sql), 0);

	/* Good files: 303; one XML shape naming material and person. */
	ready(&b, z, id, &w);
	ck_assert_int_eq(get_task(&b, z, id, &a), 200);
	/* The fixture is a draft without problems. */
	ck_assert_int_eq(xpath_count(&a, "/page/message[@kind = 'warn']"), 0);
	snprintf(sql, sizeof(sql), "/page/attachments/attachment[@id > 0 and "
	    "@material = '%s' and @material-name != '' and @pid = '%s' and "
	    "@filename != '' and @mime = 'application/pdf' and @size > 0]",
	    some_material(z), z->per_person ? w.id : "0");
	ck_assert_int_eq(xpath_count(&a, sql), z->materials[0] != NULL);
	if (z->per_person) {
		snprintf(sql, sizeof(sql), "string(/page/attachments/attachment"
		    "[@pid = '%s']/@person-name)", w.id);
		ck_xpath_eq(&a, sql, w.name);
	}
	answer_free(&a);

	/* Submitted: 进行中 for a 普通 unit (结束 at once when the
	 * business reviews every unit's by its rules); again: 303
	 * repeat=1. */
	ck_assert_int_eq(post_id(&b, z, "/submit", id, &a), 303);
	task_of(z, &a, "done=submitted");
	answer_free(&a);
	ck_assert_int_eq(get_task(&b, z, id, &a), 200);
	if (wf_of(z)->auto_review) {
		ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
		ck_xpath_eq(&a, "string(/page/task/@decided-by)",
		    "系统自动审核");
	} else
		ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, z, "/submit", id, &a), 303);
	task_of(z, &a, "repeat=1");
	answer_free(&a);
	/* A real conflict: an upload to a submitted task. */
	ck_assert_int_eq(upload(&b, z, id, &w, some_material(z), OK_PDF, &a),
	    409);
	answer_free(&a);
}
END_TEST

/* A VIP unit's submit ends at once. */
START_TEST(biz_vip_submit_ends)
{
	const struct biz	*z = &biz[_i];
	struct browser		 b;
	struct answer		 a;
	struct who		 w;
	long long		 id;

	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	z->person("demo-vip", &w);
	id = new_task(&b, z, &w);
	ready(&b, z, id, &w);
	ck_assert_int_eq(post_id(&b, z, "/submit", id, &a), 303);
	task_of(z, &a, "done=submitted");
	answer_free(&a);
	ck_assert_int_eq(get_task(&b, z, id, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "结束");
	ck_xpath_eq(&a, "string(/page/task/@decided-by)", "系统自动审核");
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, z, "/submit", id, &a), 303);
	task_of(z, &a, "repeat=1");
	answer_free(&a);
}
END_TEST

/* 退单 of a draft, twice: 303, then 303 with repeat=1. */
START_TEST(biz_cancel_twice)
{
	const struct biz	*z = &biz[_i];
	struct browser		 b;
	struct answer		 a;
	struct who		 w;
	char			 loc[512];
	long long		 id;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	z->person("demo-a", &w);
	id = new_task(&b, z, &w);
	ck_assert_int_eq(post_id(&b, z, "/cancel", id, &a), 303);
	task_of(z, &a, "done=cancelled");
	answer_free(&a);
	ck_assert_int_eq(post_id(&b, z, "/cancel", id, &a), 303);
	task_of(z, &a, "repeat=1");
	snprintf(loc, sizeof(loc), "%s", a.location);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, loc, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "退单");
	ck_xpath_eq(&a, "string(/page/message[@kind = 'info'])",
	    "该业务已退单");
	answer_free(&a);
	/* Withdrawn: a submit is a real conflict. */
	ck_assert_int_eq(post_id(&b, z, "/submit", id, &a), 409);
	answer_free(&a);
}
END_TEST

/* A batch with one good and one bad row: the result lists the bad
 * row with its row number, 姓名, 身份证号 and reasons. */
START_TEST(biz_batch_lists_failed_row)
{
	const struct biz		*z = &biz[_i];
	const struct wf_business	*wf = wf_of(z);
	const char *const		*col;
	const char			*head[16], *good[16], *bad[16];
	const char *const		*rows[3];
	struct browser			 b;
	struct answer			 a;
	struct part			 p[2];
	struct who			 w, x;
	unsigned char			*buf;
	char				 tok[64], file[64], path[128], sql[160];
	char				 badidno[19], loc[512];
	size_t				 n = 0, sz, i;
	FILE				*f;
	long long			 id;

	ck_assert_ptr_nonnull(wf);
	if (z->row == NULL) {
		/* No batch: there are no batch pages. */
		ck_assert_ptr_null(wf->batch);
		browser_init(&b, "unit-a");
		ck_assert_int_eq(login(&b, "demo-a"), 0);
		ck_assert_int_eq(http_get(&b, route(z, "/batch", path), 1, &a),
		    404);
		answer_free(&a);
		return;
	}
	ck_assert_ptr_nonnull(wf->batch);
	for (col = wf->batch->columns; *col != NULL && n < 16; col++)
		head[n++] = *col;
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	z->person("demo-a", &w);
	z->person("demo-a", &x);
	z->row(&w, 0, good);
	for (i = 0; i < n; i++)		/* the row's strings may be static */
		ck_assert_ptr_nonnull(good[i] = strdup(good[i]));
	z->row(&x, 1, bad);
	snprintf(badidno, sizeof(badidno), "%s", bad[wf->batch->idno_col]);
	rows[0] = head;
	rows[1] = good;
	rows[2] = bad;
	ck_assert_int_eq(xlsx_write(wf->batch->title, rows, 3, n, &buf, &sz),
	    0);
	for (i = 0; i < n; i++)
		free((char *)(uintptr_t)good[i]);
	snprintf(file, sizeof(file), "/tmp/biz-batch-%d.xlsx", (int)getpid());
	ck_assert_ptr_nonnull(f = fopen(file, "wb"));
	ck_assert_uint_eq(fwrite(buf, 1, sz, f), sz);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);

	ck_assert_int_eq(http_get(&b, route(z, "/batch", path), 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "batch");
	answer_free(&a);
	token(&b, z, tok);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = file;
	ck_assert_int_eq(http_post_multipart(&b, route(z, "/batch/upload",
	    path), 1, p, 2, &a), 303);
	id = task_of(z, &a, "done=imported");
	snprintf(loc, sizeof(loc), "%s", a.location);
	answer_free(&a);
	unlink(file);
	ck_assert_int_eq(http_get(&b, loc, 1, &a), 200);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-result");
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "1");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"), 1);
	ck_xpath_eq(&a, "string(/page/failures/failure/@row)", "3");
	ck_xpath_eq(&a, "string(/page/failures/failure/@name)", x.name);
	ck_xpath_eq(&a, "string(/page/failures/failure/@idno)", badidno);
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure[string-length"
	    "(@reasons) > 0]"), 1);
	ck_xpath_eq(&a, "string(/page/message[@kind = 'warn'])",
	    "导入完成:共 2 行,成功 1 行,失败 1 行");
	answer_free(&a);
	/* The same page under /batch/result. */
	snprintf(path, sizeof(path), "%s/batch/result?id=%lld", path_of(z), id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure[@row = '3']"),
	    1);
	answer_free(&a);
	snprintf(sql, sizeof(sql), "SELECT batch FROM tasks WHERE id = %lld",
	    id);
	ck_assert_int_eq(db_int(sql), 1);
}
END_TEST

/* Another unit's task: 404 on every route, nothing said or changed. */
START_TEST(biz_other_unit_404)
{
	static const char *const gets[] = { "", "/batch/result",
	    "/batch/failures" };
	static const char *const posts[] = { "/submit", "/cancel", "/delete",
	    "/upload" };
	const struct biz	*z = &biz[_i];
	struct browser		 b, o;
	struct answer		 a;
	struct who		 w;
	char			 path[160], sql[128], *aid;
	long long		 id;
	size_t			 i;

	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	z->person("demo-a", &w);
	id = new_task(&b, z, &w);
	ready(&b, z, id, &w);
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	for (i = 0; i < sizeof(gets) / sizeof(gets[0]); i++) {
		snprintf(path, sizeof(path), "%s%s?id=%lld", path_of(z),
		    gets[i], id);
		ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
		ck_assert_ptr_null(strstr(a.body, w.name));
		answer_free(&a);
	}
	for (i = 0; i < sizeof(posts) / sizeof(posts[0]); i++) {
		ck_assert_int_eq(post_id(&o, z, posts[i], id, &a), 404);
		answer_free(&a);
	}
	if (z->materials[0] == NULL) {
		/* No attachment to ask for: the task is untouched. */
		ck_assert_int_eq(get_task(&b, z, id, &a), 200);
		ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
		answer_free(&a);
		return;
	}
	snprintf(sql, sizeof(sql), "SELECT MAX(id) FROM attachments WHERE "
	    "task_id = %lld", id);
	aid = db_query(sql);
	ck_assert_ptr_nonnull(aid);
	snprintf(path, sizeof(path), "%s/attachment?id=%s", path_of(z), aid);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	answer_free(&a);
	/* The owner sees it inline or as a download. */
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.disposition, "attachment;"));
	answer_free(&a);
	snprintf(path, sizeof(path), "%s/attachment?id=%s&inline=1",
	    path_of(z), aid);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.disposition, "inline;"));
	ck_assert_str_eq(a.ctype, "application/pdf");
	ck_assert_int_eq(a.nosniff, 1);
	answer_free(&a);
	free(aid);
	ck_assert_int_eq(get_task(&b, z, id, &a), 200);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	answer_free(&a);
}
END_TEST

static Suite *
business_http_suite(void)
{
	Suite	*s = suite_create("business");
	TCase	*tc;

	tc = tcase_create("business");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, biz_every_business_has_an_entry);
	tcase_add_loop_test(tc, biz_save_upload_submit, 0, NBIZ);
	tcase_add_loop_test(tc, biz_vip_submit_ends, 0, NBIZ);
	tcase_add_loop_test(tc, biz_cancel_twice, 0, NBIZ);
	tcase_add_loop_test(tc, biz_batch_lists_failed_row, 0, NBIZ);
	tcase_add_loop_test(tc, biz_other_unit_404, 0, NBIZ);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(business_http_suite)

/* ---- Receipts as PDF (issue 14) ---- */

/* Runs the shell command cmd; returns its exit status (-1 when it did
 * not run). */
static int
shell(const char *cmd)
{
	int	 rc = system(cmd);

	return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

/* The output of the shell command cmd (at most bufsz - 1 bytes, NUL-
 * terminated) into buf.  Returns its exit status. */
static int
shell_out(const char *cmd, char *buf, size_t bufsz)
{
	FILE	*p = popen(cmd, "r");
	size_t	 n;
	int	 rc;

	ck_assert_ptr_nonnull(p);
	n = fread(buf, 1, bufsz - 1, p);
	buf[n] = '\0';
	rc = pclose(p);
	return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

/* Where the PDFs and their page images go: HALL_TEST_VAR/pdf. */
static const char *
pdf_dir(void)
{
	static char	 dir[512];
	const char	*var = getenv("HALL_TEST_VAR");

	snprintf(dir, sizeof(dir), "%s/pdf", var != NULL ? var : "/tmp");
	mkdir(dir, 0755);
	return dir;
}

/* Asserts that text contains want (a fact of the receipt), saying
 * which file missed it. */
static void
has_fact(const char *text, const char *want, const char *file)
{
	ck_assert_msg(*want != '\0', "%s: an empty fact", file);
	ck_assert_msg(strstr(text, want) != NULL, "%s: pdftotext has no '%s'",
	    file, want);
}

/* The PDF at path (GET as b): 200 application/pdf, twice the same
 * bytes, saved as HALL_TEST_VAR/pdf/<label>.pdf; qpdf --check passes;
 * pdffonts lists only embedded subset fonts, wqy-zenhei among them;
 * pdftotext gives each of facts (NULL-terminated); zbarimg reads the QR
 * code (on the last page) as the verification address with no and
 * code, which /verify accepts, signed so that hall-admin receipt-verify
 * accepts it offline with the office's certificate; other gets 404. */
static void
pdf_checks(struct browser *b, struct browser *other, const char *path,
    const char *label, const char *no, const char *vcode,
    const char *const *facts)
{
	struct answer	 p1, p2, v;
	char		 file[640], cmd[6144], text[65536], qr[4096];
	char		 want[1024];
	const char	*q;
	FILE		*f;
	struct timespec	 t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(http_get(b, path, 0, &p1), 200);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_str_eq(p1.ctype, "application/pdf");
	ck_assert_ptr_nonnull(strstr(p1.disposition, ".pdf"));
	ck_assert(p1.bodysz > 1000 && memcmp(p1.body, "%PDF-1.", 7) == 0);
	ck_assert_int_eq(http_get(b, path, 0, &p2), 200);
	ck_assert_msg(p1.bodysz == p2.bodysz &&
	    memcmp(p1.body, p2.body, p1.bodysz) == 0,
	    "%s: two downloads differ", label);
	fprintf(stderr, "receipt_pdf: %s %zu bytes, %.1f ms through nginx\n",
	    label, p1.bodysz, (t1.tv_sec - t0.tv_sec) * 1e3 +
	    (t1.tv_nsec - t0.tv_nsec) / 1e6);
	snprintf(file, sizeof(file), "%s/%s.pdf", pdf_dir(), label);
	ck_assert_ptr_nonnull(f = fopen(file, "wb"));
	ck_assert_uint_eq(fwrite(p1.body, 1, p1.bodysz, f), p1.bodysz);
	ck_assert_int_eq(fclose(f), 0);
	answer_free(&p1);
	answer_free(&p2);

	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1", file);
	ck_assert_msg(shell(cmd) == 0, "%s: qpdf --check fails", file);
	/* Every font embedded (emb) as a subset (sub): columns from the
	 * end, as the type may hold a space. */
	snprintf(cmd, sizeof(cmd), "pdffonts '%s' | awk 'NR > 2 { n++; if "
	    "($(NF-4) != \"yes\" || $(NF-3) != \"yes\") bad = 1 } "
	    "/WenQuanYiZenHei/ { zh = 1 } END { exit bad || !zh || !n }'",
	    file);
	ck_assert_msg(shell(cmd) == 0, "%s: the CJK font is not embedded "
	    "as a subset", file);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' -", file);
	ck_assert_int_eq(shell_out(cmd, text, sizeof(text)), 0);
	for (; *facts != NULL; facts++)
		has_fact(text, *facts, file);
	has_fact(text, no, file);
	has_fact(text, vcode, file);

	/* The QR code is on the last page (a long table pushes it on). */
	snprintf(cmd, sizeof(cmd), "pdftoppm -r 200 -png '%s' '%s' || exit 1; "
	    "for p in '%s'-*.png; do zbarimg --raw -q \"$p\" 2>/dev/null; "
	    "done; exit 0", file, file, file);
	ck_assert_int_eq(shell_out(cmd, qr, sizeof(qr)), 0);
	ck_assert_msg(*qr != '\0', "%s: zbarimg finds no QR code", file);
	qr[strcspn(qr, "\r\n")] = '\0';
	snprintf(want, sizeof(want), "%s/verify?no=%s&code=%s", pub_url(), no,
	    vcode);
	ck_assert_msg(strncmp(qr, want, strlen(want)) == 0,
	    "%s: QR code '%s', want '%s…'", file, qr, want);
	q = qr + strlen(pub_url());
	ck_assert_int_eq(http_get_pub_from(loopback_other(), q, &v), 200);
	ck_xpath_eq(&v, "string(/page/result/@valid)", "1");
	answer_free(&v);
	/* Signed with the office's key: hall-admin receipt-verify accepts
	 * the code as read, with the office's certificate alone. */
	ck_assert_msg(strstr(qr, "&sig=") != NULL, "%s: QR code not signed",
	    file);
	snprintf(cmd, sizeof(cmd), "receipt-verify '%s' '%s' >/dev/null "
	    "2>&1", qr, cert_path("receipt.crt"));
	ck_assert_msg(admin(cmd, NULL) == 0, "%s: receipt-verify refuses "
	    "the QR code", file);

	/* Another unit: 404, as for the print page. */
	ck_assert_int_eq(http_get(other, path, 0, &p1), 404);
	answer_free(&p1);
}

/* One receipt kind of task id: its print page (XML) has a QR code, its
 * HTML draws it inline and links the PDF; the PDF passes pdf_checks()
 * with the title, the unit, the person's name (when the print page
 * shows it), the 回执编号 and the 验证码 of the print page. */
static void
check_pdf(struct browser *b, struct browser *other, const char *code,
    const char *kind, long long id, const struct who *w)
{
	struct answer	 x;
	char		 path[256], label[128], want[1024];
	char		*no, *vcode, *unit, *title;
	const char	*facts[4];
	int		 named;

	snprintf(path, sizeof(path), "/print/%s?id=%lld", kind, id);
	ck_assert_int_eq(http_get(b, path, 1, &x), 200);
	no = xpath_str(&x, "string(/page/receipt/@no)");
	vcode = xpath_str(&x, "string(/page/receipt/@code)");
	unit = xpath_str(&x, "string(/page/unit/@name)");
	title = xpath_str(&x, "string(/page/@title)");
	ck_assert_msg(xpath_count(&x, "/page/verify/qr[@size > 20]") == 1,
	    "%s %s: no QR code on the page", code, kind);
	answer_free(&x);
	/* The HTML page draws the QR code inline and links the PDF. */
	ck_assert_int_eq(http_get(b, path, 0, &x), 200);
	ck_assert_ptr_nonnull(strstr(x.body, "<svg class=\"receipt-qr\""));
	/* The person's name, when the print page shows it (a 补缴's
	 * 《综合业务处理单》 shows totals only). */
	named = strstr(x.body, w->name) != NULL;
	snprintf(want, sizeof(want), "href=\"/print/%s?id=%lld&amp;format=pdf\"",
	    kind, id);
	ck_assert_msg(strstr(x.body, want) != NULL, "%s: no link %s", kind,
	    want);
	/* The office's seal over its name, where the office signs. */
	if (strstr(x.body, "专用章") != NULL)
		ck_assert_msg(strstr(x.body, "<img class=\"receipt-seal\" "
		    "src=\"/print/seal.png\"") != NULL, "%s: no seal", kind);
	answer_free(&x);

	facts[0] = title;
	facts[1] = unit;
	facts[2] = named ? w->name : NULL;
	facts[3] = NULL;
	snprintf(path, sizeof(path), "/print/%s?id=%lld&format=pdf", kind, id);
	snprintf(label, sizeof(label), "%s-%s-%lld", code, kind, id);
	pdf_checks(b, other, path, label, no, vcode, facts);
	free(no);
	free(vcode);
	free(unit);
	free(title);
}

/* Every receipt kind of every business as PDF: a VIP unit's task ends
 * at once, dated a day back so that 《综合业务处理单》 may be printed
 * too. */
START_TEST(receipt_pdf_every_kind)
{
	const struct biz	*z = &biz[_i];
	const struct wf_receipt	*kinds[8];
	struct browser		 b, other;
	struct answer		 a;
	struct who		 w;
	char			 q[256];
	long long		 id;
	size_t			 i, n;

	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	browser_init(&other, "unit-a");
	ck_assert_int_eq(login(&other, "demo-a"), 0);
	z->person("demo-vip", &w);
	id = new_task(&b, z, &w);
	ready(&b, z, id, &w);
	ck_assert_int_eq(post_id(&b, z, "/submit", id, &a), 303);
	answer_free(&a);
	snprintf(q, sizeof(q), "UPDATE tasks SET decided_at = decided_at - "
	    "86400 WHERE id = %lld AND state = '结束'", id);
	db_exec(q);
	n = receipt_kinds(wf_of(z), kinds, 8);
	ck_assert_uint_ge(n, 1);
	for (i = 0; i < n; i++)
		check_pdf(&b, &other, z->code, kinds[i]->kind, id, &w);
}
END_TEST

/* The 缴费基数名册 of this year as PDF (/mingce/view?id=N&format=pdf):
 * the checks of every receipt, with its title, the unit, the first
 * person's name, 名册编号 and 验证码 of its print view. */
START_TEST(receipt_pdf_mingce)
{
	struct browser	 b, other;
	struct answer	 a;
	char		*tok, *year, *no, *vcode, *unit, *name, title[64];
	char		 id[24], path[128];
	const char	*facts[4];

	browser_init(&b, "unit-vip");
	ck_assert_int_eq(login(&b, "demo-vip"), 0);
	browser_init(&other, "unit-a");
	ck_assert_int_eq(login(&other, "demo-a"), 0);
	ck_assert_int_eq(http_get(&b, "/mingce", 1, &a), 200);
	tok = xpath_str(&a, "string(/page/form/@token)");
	year = xpath_str(&a, "string(/page/years/year[2])");
	answer_free(&a);
	ck_assert_int_eq(strlen(year), 4);
	ck_assert_int_eq(http_post(&b, "/mingce/issue", 1, &a, "year", year,
	    "token", tok, NULL), 303);
	ck_assert_msg(strncmp(a.location, "/mingce/view?id=", 16) == 0, "%s",
	    a.location);
	snprintf(id, sizeof(id), "%s", a.location + 16);
	answer_free(&a);
	snprintf(path, sizeof(path), "/mingce/view?id=%s", id);
	ck_assert_int_eq(http_get(&b, path, 1, &a), 200);
	no = xpath_str(&a, "string(/page/mingce/@no)");
	vcode = xpath_str(&a, "string(/page/mingce/@code)");
	unit = xpath_str(&a, "string(/page/mingce/@unit)");
	name = xpath_str(&a, "string(//sheet[1]/row[1]/@name)");
	answer_free(&a);
	ck_assert_msg(*name != '\0', "the 名册 lists nobody");
	snprintf(title, sizeof(title), "%s年度缴费基数名册", year);
	facts[0] = title;
	facts[1] = unit;
	facts[2] = name;
	facts[3] = NULL;
	snprintf(path, sizeof(path), "/mingce/view?id=%s&format=pdf", id);
	pdf_checks(&b, &other, path, "mingce", no, vcode, facts);
	free(tok);
	free(year);
	free(no);
	free(vcode);
	free(unit);
	free(name);
}
END_TEST

/* The seal the receipt pages draw (HALL_SEAL_PNG: the harness's demo
 * seal, hall-admin demo-seal): a PNG for a unit and a reviewer, and the
 * 《退工登记证明》-style pages point at it. */
START_TEST(receipt_pdf_seal_png)
{
	struct browser	 b;
	struct answer	 a;
	const char	*who[2][2] = { { "unit-vip", "demo-vip" },
			    { "reviewer", "demo-reviewer" } };
	int		 i;

	for (i = 0; i < 2; i++) {
		browser_init(&b, who[i][0]);
		ck_assert_int_eq(login(&b, who[i][1]), 0);
		ck_assert_int_eq(http_get(&b, "/print/seal.png", 0, &a), 200);
		ck_assert_str_eq(a.ctype, "image/png");
		ck_assert(a.bodysz > 1000 &&
		    memcmp(a.body, "\x89PNG\r\n\x1a\n", 8) == 0);
		answer_free(&a);
	}
}
END_TEST

static Suite *
receipt_pdf_http_suite(void)
{
	Suite	*s = suite_create("receipt_pdf");
	TCase	*tc;

	tc = tcase_create("receipt_pdf");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, receipt_pdf_every_kind, 0, NBIZ);
	tcase_add_test(tc, receipt_pdf_mingce);
	tcase_add_test(tc, receipt_pdf_seal_png);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(receipt_pdf_http_suite)
