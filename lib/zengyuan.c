/*
 * zengyuan.c: 增员 (续保) rules, rows, the workflow business and the
 * batch spec; see zengyuan.h for the decisions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "employment.h"
#include "insurance.h"
#include "log.h"
#include "person.h"
#include "policy.h"
#include "rows.h"
#include "store.h"
#include "text.h"
#include "yonggong.h"
#include "wagebase.h"
#include "zengyuan.h"

#define ZY_BUSINESS	"zengyuan"

/* The columns of a row, in the order zy_row_read() reads them. */
#define ZY_COLUMNS "id, task_id, row_no, COALESCE(person_id, 0), " \
	"COALESCE(insurance_id, 0), name, idno, sex, nation, birth, " \
	"hukou_type, phone, hukou_addr, start_month, wage_fen, bujiao_from, " \
	"sb_no, special, ins_types, renewal, base_fen"

/* The statements of this module; their SQL is in zy_sql. */
enum zy_stmt {
	ZY_STMT_UNIT,		/* a unit's region and 参保险种 */
	ZY_STMT_VIP,		/* whether a unit is VIP */
	ZY_STMT_PERSON,		/* a person's facts from other offices */
	ZY_STMT_OPEN_TASK,	/* a person's unfinished 增员 here */
	ZY_STMT_ROW_LOAD,	/* one row of a task */
	ZY_STMT_ROW_SAVE,	/* inserts or replaces a row */
	ZY_STMT_ROWS,		/* a task's rows */
	ZY_STMT_IS_BATCH,	/* whether a task has no form row */
	ZY_STMT_ROW_MADE,	/* what approval made of a row */
	ZY_STMT_PHOTO,		/* a person's photo is on file */
	ZY_STMT_HAS_PHOTO,	/* whether it is */
	ZY_STMT_STEP,		/* a person's latest 增员 at a unit */
	ZY_STMT_WF_ROWS,	/* a task's rows for the workflow */
	ZY_STMT_WF_ROWS_PAGE,	/* a page of them */
	ZY_STMT_WF_ROWS_FIND,	/* those of a 身份证号 */
	ZY_STMT_ROW_COUNT,	/* how many rows a task has */
	ZY_STMT_ROW_DELETE,	/* deletes a row */
	ZY_STMT_ROWS_MOVE,	/* moves a row to another task */
	ZY_STMT__MAX
};

/* The SQL of each statement, by enum zy_stmt. */
static const char *const zy_sql[ZY_STMT__MAX] = {
	[ZY_STMT_UNIT] =
	    "SELECT region, ins_types FROM units WHERE id = ?1",
	[ZY_STMT_VIP] =
	    "SELECT vip FROM units WHERE id = ?1",
	[ZY_STMT_PERSON] =
	    "SELECT id, name, flow_window, student_medical FROM persons "
	    "WHERE idno = ?1",
	[ZY_STMT_OPEN_TASK] =
	    "SELECT t.seq_no FROM zengyuan z JOIN tasks t ON t.id = z.task_id "
	    "WHERE z.idno = ?1 AND z.task_id <> ?3 AND t.unit_id = ?2 AND "
	    "t.business = 'zengyuan' AND t.state IN ('未提交', '进行中') "
	    "ORDER BY z.task_id LIMIT 1",
	[ZY_STMT_ROW_LOAD] =
	    "SELECT " ZY_COLUMNS " FROM zengyuan WHERE task_id = ?1 AND "
	    "row_no = ?2",
	[ZY_STMT_ROW_SAVE] =
	    "INSERT INTO zengyuan (task_id, row_no, person_id, name, idno, "
	    "sex, nation, birth, hukou_type, phone, hukou_addr, start_month, "
	    "wage_fen, bujiao_from, sb_no, special, ins_types, renewal) "
	    "VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13, ?14, ?15, ?16, ?17, ?18) ON CONFLICT (task_id, row_no) "
	    "DO UPDATE SET person_id = NULLIF(?3, 0), name = ?4, idno = ?5, "
	    "sex = ?6, nation = ?7, birth = ?8, hukou_type = ?9, phone = ?10, "
	    "hukou_addr = ?11, start_month = ?12, wage_fen = ?13, "
	    "bujiao_from = ?14, sb_no = ?15, special = ?16, ins_types = ?17, "
	    "renewal = ?18",
	[ZY_STMT_ROWS] =
	    "SELECT " ZY_COLUMNS " FROM zengyuan WHERE task_id = ?1 "
	    "ORDER BY row_no",
	[ZY_STMT_IS_BATCH] =
	    "SELECT NOT EXISTS (SELECT 1 FROM zengyuan WHERE task_id = ?1 AND "
	    "row_no = 0)",
	[ZY_STMT_ROW_MADE] =
	    "UPDATE zengyuan SET person_id = ?1, insurance_id = ?2, "
	    "base_fen = ?3 WHERE id = ?4",
	[ZY_STMT_PHOTO] =
	    "UPDATE persons SET photo = 1 WHERE id = ?1",
	[ZY_STMT_HAS_PHOTO] =
	    "SELECT photo FROM persons WHERE idno = ?1",
	[ZY_STMT_STEP] =
	    "SELECT t.id, t.seq_no, t.state, CASE WHEN z.bujiao_from <> '' "
	    "THEN z.bujiao_from ELSE z.start_month END, z.base_fen, "
	    "z.renewal, t.decided_at FROM zengyuan z JOIN tasks t ON "
	    "t.id = z.task_id WHERE z.person_id = ?1 AND t.unit_id = ?2 AND "
	    "t.state <> '退单' ORDER BY z.task_id DESC LIMIT 1",
	[ZY_STMT_WF_ROWS] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, "
	    "CASE WHEN bujiao_from <> '' THEN bujiao_from ELSE start_month "
	    "END, printf('%d.%02d', wage_fen / 100, wage_fen % 100), "
	    "CASE renewal WHEN 1 THEN '续保' ELSE '首次参保' END FROM zengyuan "
	    "WHERE task_id = ?1 ORDER BY row_no",
	[ZY_STMT_WF_ROWS_PAGE] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, "
	    "CASE WHEN bujiao_from <> '' THEN bujiao_from ELSE start_month "
	    "END, printf('%d.%02d', wage_fen / 100, wage_fen % 100), "
	    "CASE renewal WHEN 1 THEN '续保' ELSE '首次参保' END FROM zengyuan "
	    "WHERE task_id = ?1 ORDER BY row_no LIMIT ?3 OFFSET ?2",
	[ZY_STMT_WF_ROWS_FIND] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, "
	    "CASE WHEN bujiao_from <> '' THEN bujiao_from ELSE start_month "
	    "END, printf('%d.%02d', wage_fen / 100, wage_fen % 100), "
	    "CASE renewal WHEN 1 THEN '续保' ELSE '首次参保' END FROM zengyuan "
	    "WHERE task_id = ?1 AND idno = ?2 ORDER BY row_no",
	[ZY_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM zengyuan WHERE task_id = ?1",
	[ZY_STMT_ROW_DELETE] =
	    "DELETE FROM zengyuan WHERE task_id = ?1 AND row_no = ?2",
	[ZY_STMT_ROWS_MOVE] =
	    "UPDATE zengyuan SET task_id = ?1 WHERE task_id = ?2 AND "
	    "row_no = ?3",
};

const char *const zengyuan_hukou_types[] = { "城镇", "农村", NULL };

/* Seed 003 rule 4 names 军转干 and 劳动模范 (「等」). */
const char *const zengyuan_specials[] = { "", "军转干", "劳动模范",
	"其他特殊人群", NULL };

static const char *const zy_sexes[] = { "男", "女", NULL };
static const char *const zy_yesno[] = { "否", "是", NULL };

const struct field_def zengyuan_form_defs[ZYF__MAX] = {
	{ "name", "姓名", FIELD_TEXT, FIELD_REQUIRED, 30, NULL, 0, 0 },
	{ "sfzh", "身份证号", FIELD_IDCARD, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "sex", "性别", FIELD_CHOICE, FIELD_REQUIRED, 0, zy_sexes, 0, 0 },
	{ "zy_nation", "民族", FIELD_TEXT, FIELD_REQUIRED, 10, NULL, 0, 0 },
	{ "birth", "出生日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "hukou_type", "户口性质", FIELD_CHOICE, FIELD_REQUIRED, 0,
	    zengyuan_hukou_types, 0, 0 },
	{ "phone", "联系电话", FIELD_PHONE, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "zy_hukou_addr", "户口地址", FIELD_TEXT, 0, 60, NULL, 0, 0 },
	{ "zy_start", "参保日期", FIELD_MONTH, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "zy_wage", "申报工资", FIELD_MONEY, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "zy_bujiao", "追溯补缴", FIELD_CHOICE, 0, 0, zy_yesno, 0, 0 },
	{ "zy_bujiao_from", "补缴开始月份", FIELD_MONTH, 0, 0, NULL, 0, 0 },
	{ "zy_sb_no", "个人编号", FIELD_TEXT, 0, 20, NULL, 0, 0 },
	{ "zy_special", "特殊人群", FIELD_CHOICE, 0, 0, zengyuan_specials,
	    0, 0 },
};

/* Whether v is one of the NULL-terminated list. */
static int
zy_in(const char *v, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

/* Months since year 0 of a "YYYY-MM" (or date) d. */
static long
zy_months(const struct hdate *d)
{
	return (long)d->year * 12 + d->month - 1;
}

/* ---- The form ---- */

/* Writes the month of v (a FIELD_MONTH value) into out[8], or "". */
static void
zy_month_of(const struct field_val *v, char out[8])
{
	char	 buf[11];

	out[0] = '\0';
	if (!v->present)
		return;
	hdate_fmt(&v->date, buf);
	text_copy(out, 8, buf);
}

/* See zengyuan.h. */
void
zengyuan_row_from_form(const struct field_val *vals, struct zengyuan_row *row)
{
	memset(row, 0, sizeof(*row));
	text_copy(row->name, sizeof(row->name), vals[ZYF_NAME].str);
	text_copy(row->idno, sizeof(row->idno), vals[ZYF_SFZH].present ?
	    vals[ZYF_SFZH].id.number : vals[ZYF_SFZH].str);
	text_copy(row->sex, sizeof(row->sex), vals[ZYF_SEX].str);
	text_copy(row->nation, sizeof(row->nation), vals[ZYF_NATION].str);
	if (vals[ZYF_BIRTH].present)
		hdate_fmt(&vals[ZYF_BIRTH].date, row->birth);
	else if (vals[ZYF_SFZH].present)
		hdate_fmt(&vals[ZYF_SFZH].id.birth, row->birth);
	text_copy(row->hukou_type, sizeof(row->hukou_type),
	    vals[ZYF_HUKOU].str);
	text_copy(row->phone, sizeof(row->phone), vals[ZYF_PHONE].str);
	text_copy(row->hukou_addr, sizeof(row->hukou_addr),
	    vals[ZYF_HUKOU_ADDR].str);
	zy_month_of(&vals[ZYF_START], row->start_month);
	row->wage_fen = vals[ZYF_WAGE].num;
	if (strcmp(vals[ZYF_BUJIAO].str, "是") == 0) {
		zy_month_of(&vals[ZYF_BUJIAO_FROM], row->bujiao_from);
		if (row->bujiao_from[0] == '\0')
			text_copy(row->bujiao_from, sizeof(row->bujiao_from),
			    "?");	/* 是 without a month: the rules say so */
	}
	text_copy(row->sb_no, sizeof(row->sb_no), vals[ZYF_SB_NO].str);
	text_copy(row->special, sizeof(row->special), vals[ZYF_SPECIAL].str);
}

/* ---- The rules ---- */

/* 身份证号 is a valid GB 11643 number; 性别 and 出生日期 agree with it.
 * Returns 1 with *ic filled when the number is valid. */
static int
zy_rule_idcard(const struct zengyuan_row *r, const struct hdate *today,
    const char *prefix, struct form_errors *errs, struct idcard *ic)
{
	struct hdate	 b;
	const char	*sex;

	if (valid_idcard(r->idno, today, ic) != VALID_OK) {
		form_error_addf(errs, prefix, "sfzh", "ZY_IDCARD_INVALID",
		    "身份证号无效(须为18位公民身份号码,校验位正确)");
		return 0;
	}
	sex = ic->male ? "男" : "女";
	if (strcmp(r->sex, sex) != 0)
		form_error_addf(errs, prefix, "sex", "ZY_SEX_MISMATCH",
		    "性别与身份证号不一致(身份证号显示为%s)", sex);
	if (r->birth[0] != '\0' && (valid_date(r->birth, &b) != VALID_OK ||
	    hdate_cmp(&b, &ic->birth) != 0))
		form_error_addf(errs, prefix, "birth", "ZY_BIRTH_MISMATCH",
		    "出生日期与身份证号不一致");
	return 1;
}

/* 姓名, 民族, the choices and 申报工资 (above lim's 上限 it is taken for
 * a typo, e.g. zeros typed twice: 99999999 元 was accepted). */
static void
zy_rule_fields(const struct zengyuan_row *r,
    const struct zengyuan_limits *lim, const char *prefix,
    struct form_errors *errs)
{
	if (r->name[0] == '\0' || valid_text(r->name, 30) != VALID_OK)
		form_error_addf(errs, prefix, "name", "ZY_NAME_INVALID",
		    "姓名不能为空(不超过30字)");
	if (r->nation[0] == '\0' || valid_text(r->nation, 10) != VALID_OK)
		form_error_addf(errs, prefix, "zy_nation", "ZY_NATION_INVALID",
		    "民族不能为空(如:汉族)");
	if (!zy_in(r->hukou_type, zengyuan_hukou_types))
		form_error_addf(errs, prefix, "hukou_type", "ZY_HUKOU_INVALID",
		    "户口性质须为城镇或农村");
	if (!zy_in(r->special, zengyuan_specials))
		form_error_addf(errs, prefix, "zy_special", "ZY_SPECIAL_INVALID",
		    "特殊人群须为:军转干、劳动模范、其他特殊人群之一,或不填");
	if (r->wage_fen <= 0)
		form_error_addf(errs, prefix, "zy_wage", "ZY_WAGE_INVALID",
		    "申报工资须为大于0的金额(元),按劳动合同约定的合计工资填写");
	else if (lim->wage_max_yuan > 0 &&
	    r->wage_fen / 100 >= lim->wage_max_yuan)
		form_error_addf(errs, prefix, "zy_wage", "ZY_WAGE_TOO_HIGH",
		    "申报工资 %lld 元/月 超出核对上限(%lld 元),请核对是否多输了"
		    "数字;确属实际工资的,请到辖区社保经办机构办理",
		    (long long)(r->wage_fen / 100), lim->wage_max_yuan);
}

/* 参保日期 is this month or the next, with or without 追溯补缴 (a
 * past month is a 补缴 month: it goes in 补缴开始月份); 追溯补缴 from a
 * month not after this one, so never after 参保日期, at most
 * lim->bujiao_max months including this one. */
static void
zy_rule_months(const struct zengyuan_row *r, const struct hdate *today,
    const struct zengyuan_limits *lim, const char *prefix,
    struct form_errors *errs)
{
	struct hdate	 m;
	long		 now = zy_months(today), n;

	if (valid_month(r->start_month, &m) != VALID_OK)
		form_error_addf(errs, prefix, "zy_start", "ZY_START_INVALID",
		    "参保日期不是有效月份(格式:2026-03)");
	else if (zy_months(&m) < now)
		form_error_addf(errs, prefix, "zy_start", "ZY_START_PAST",
		    "参保日期不能早于本月;需为以前月份参保的,请在追溯补缴中选择"
		    "“是”并填写补缴开始月份");
	else if (zy_months(&m) > now + 1)
		form_error_addf(errs, prefix, "zy_start", "ZY_START_FUTURE",
		    "参保日期最晚为下月");
	if (r->bujiao_from[0] == '\0')
		return;
	if (valid_month(r->bujiao_from, &m) != VALID_OK) {
		form_error_addf(errs, prefix, "zy_bujiao_from", "ZY_BUJIAO_INVALID",
		    "追溯补缴选择“是”时,请填写补缴开始月份(格式:2026-01)");
		return;
	}
	n = now - zy_months(&m) + 1;
	if (n < 1)
		form_error_addf(errs, prefix, "zy_bujiao_from", "ZY_BUJIAO_FUTURE",
		    "补缴开始月份不能晚于本月");
	else if (n > lim->bujiao_max)
		form_error_addf(errs, prefix, "zy_bujiao_from", "ZY_BUJIAO_TOO_LONG",
		    "补缴时间最长不得超过%lld个月(含当月),本次补缴%ld个月;"
		    "请携带相关资料到辖区社保经办机构审核办理", lim->bujiao_max, n);
}

/* See zengyuan.h. */
size_t
zengyuan_rules_plain(const struct zengyuan_row *row,
    const struct hdate *today, const struct zengyuan_limits *lim,
    const char *prefix, struct form_errors *errs)
{
	struct idcard	 ic;
	size_t		 n0 = errs->n;

	zy_rule_idcard(row, today, prefix, errs, &ic);
	zy_rule_fields(row, lim, prefix, errs);
	zy_rule_months(row, today, lim, prefix, errs);
	return errs->n - n0;
}

/* The region and 参保险种 of unit_id into region[16] ("*" when unknown)
 * and types[typesz] (may be NULL).  Returns 0 or -1. */
static int
zy_unit(struct store *s, int64_t unit_id, char region[16], char *types,
    size_t typesz)
{
	struct store_stmt	*st;
	int			 rc;

	text_copy(region, 16, "*");
	if ((st = store_stmt(s, zy_sql[ZY_STMT_UNIT])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		text_copy(region, 16, store_col_text(st, 0));
		if (types != NULL)
			text_copy(types, typesz, store_col_text(st, 1));
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See zengyuan.h. */
int
zengyuan_ins_types(struct store *s, int64_t unit_id, char *types,
    size_t typesz)
{
	char	 region[16];

	return zy_unit(s, unit_id, region, types, typesz);
}

/* See zengyuan.h. */
int
zengyuan_limits(struct store *s, int64_t unit_id, const char *sex,
    const struct hdate *on, struct zengyuan_limits *lim)
{
	const char	*who = strcmp(sex, "女") == 0 ? "female" : "male";
	char		 region[16], kmin[48], kmax[48];

	snprintf(kmin, sizeof(kmin), "zengyuan.age_min.%s", who);
	snprintf(kmax, sizeof(kmax), "zengyuan.age_max.%s", who);
	if (zy_unit(s, unit_id, region, NULL, 0) != 0 ||
	    policy_int(s, region, kmin, on, 16, &lim->age_min) < 0 ||
	    policy_int(s, region, kmax, on, strcmp(who, "female") == 0 ?
	    40 : 50, &lim->age_max) < 0 ||
	    policy_int(s, region, "zengyuan.bujiao_max_months", on, 3,
	    &lim->bujiao_max) < 0 ||
	    policy_int(s, region, "zengyuan.visit_before_day", on, 20,
	    &lim->visit_day) < 0 ||
	    policy_int(s, region, "zengyuan.wage_max_yuan", on, 1000000,
	    &lim->wage_max_yuan) < 0 ||
	    policy_bool(s, region, "zengyuan.require_yonggong", on, 0,
	    &lim->require_yonggong) < 0)
		return -1;
	return 0;
}

/* The person's facts from other offices. */
struct zy_person {
	int64_t	 id;			/* 0: not on file */
	char	 name[64];
	char	 flow_window[128];
	int	 student_medical;
};

/* Loads the person with 身份证号 idno into p.  Returns 0 or -1. */
static int
zy_person_load(struct store *s, const char *idno, struct zy_person *p)
{
	struct store_stmt	*st;
	int			 rc;

	memset(p, 0, sizeof(*p));
	if ((st = store_stmt(s, zy_sql[ZY_STMT_PERSON])) == NULL ||
	    store_bind_text(st, 1, idno) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		p->id = store_col_int64(st, 0);
		text_copy(p->name, sizeof(p->name), store_col_text(st, 1));
		text_copy(p->flow_window, sizeof(p->flow_window),
		    store_col_text(st, 2));
		p->student_medical = store_col_int(st, 3) != 0;
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* Insured elsewhere, seed 003 操作规范 ① Ⅰ-Ⅲ, each with its way
 * forward; or already paying here. */
static void
zy_rule_insured(const struct zy_person *p, const struct ins_facts *f,
    const char *prefix, struct form_errors *errs)
{
	if (f->paying_here)
		form_error_addf(errs, prefix, "sfzh", "ZY_INSURED_HERE",
		    "该职工已在本单位参保缴费,无需增员");
	if (f->paying_elsewhere)
		form_error_addf(errs, prefix, "sfzh", "ZY_INSURED_ELSEWHERE",
		    "此人在%s单位未停保。请通知该职工要求原单位办理停保(减员)"
		    "业务,成功停保后,再办理增员", f->other_unit);
	if (p->flow_window[0] != '\0')
		form_error_addf(errs, prefix, "sfzh", "ZY_FLOW_WINDOW",
		    "此人在%s个人流动窗口。请通知该职工本人到原缴费社保经办机构"
		    "办理停保业务,成功停保后,再办理增员", p->flow_window);
	if (p->student_medical)
		form_error_addf(errs, prefix, "sfzh", "ZY_STUDENT_MEDICAL",
		    "此人已参加大学生医保。请待该职工大学生医保退出后,再办理"
		    "增员业务");
}

/* No month already paid is paid again: the insurance starts (补缴开始
 * 月份, else 参保日期) no earlier than his latest stop_month anywhere,
 * the first month not yet paid. */
static void
zy_rule_paid(const struct zengyuan_row *r, const struct ins_facts *f,
    const char *prefix, struct form_errors *errs)
{
	struct hdate	 m;
	const char	*start = zengyuan_start(r);

	if (f->first_payable[0] == '\0' ||
	    valid_month(start, &m) != VALID_OK ||
	    strcmp(start, f->first_payable) >= 0)
		return;
	form_error_addf(errs, prefix, r->bujiao_from[0] != '\0' ?
	    "zy_bujiao_from" : "zy_start", "ZY_START_PAID",
	    "该职工%s以前的月份已参保缴费(停保月份%s),不能重复缴费;"
	    "参保日期和补缴开始月份最早为%s", f->first_payable,
	    f->first_payable, f->first_payable);
}

/* Whole years of age on day 'on' of a person born on birth. */
static int
zy_age(const struct hdate *birth, const struct hdate *on)
{
	int	 age = on->year - birth->year;

	if (on->month < birth->month ||
	    (on->month == birth->month && on->day < birth->day))
		age--;
	return age;
}

/* A first enrolment online only within the age window of the
 * person's sex. */
static void
zy_rule_age(const struct zengyuan_row *r, const struct hdate *today,
    const struct zengyuan_limits *lim, const char *prefix,
    struct form_errors *errs)
{
	struct idcard	 ic;
	int		 age;

	if (valid_idcard(r->idno, today, &ic) != VALID_OK)
		return;
	age = zy_age(&ic.birth, today);
	if (age >= lim->age_min && age < lim->age_max)
		return;
	form_error_addf(errs, prefix, "sfzh", "ZY_AGE_WINDOW",
	    "网上办理首次参保登记,职工年龄须满%lld周岁且小于%lld周岁(%s),"
	    "该职工%d周岁;超过年龄界限的,网上不提供新增操作,请携带相关资料到"
	    "辖区社保经办机构审核办理", lim->age_min, lim->age_max,
	    ic.male ? "男" : "女", age);
}

/* The 个人编号 of a 续保 is the person's; a batch's 续保 row must give
 * it, a first enrolment has none. */
static void
zy_rule_sb_no(const struct zengyuan_row *r, const struct ins_facts *f,
    const char *prefix, struct form_errors *errs)
{
	if (!f->ever) {
		if (r->sb_no[0] != '\0')
			form_error_addf(errs, prefix, "zy_sb_no", "ZY_SB_NO_NEW",
			    "该职工没有参保记录(首次参保),个人编号不填");
		return;
	}
	if (r->sb_no[0] == '\0') {
		if (r->row_no > 0)
			form_error_addf(errs, prefix, "zy_sb_no", "ZY_SB_NO_MISSING",
			    "该职工曾参保(续保),请填写其个人编号");
		return;
	}
	if (strcmp(r->sb_no, f->sb_no) != 0)
		form_error_addf(errs, prefix, "zy_sb_no", "ZY_SB_NO_MISMATCH",
		    "个人编号与该职工的参保记录不一致,请核对");
}

/* No unfinished 增员 of the person here besides task_id.  Returns 0
 * or -1. */
static int
zy_rule_open_task(struct store *s, int64_t unit_id, int64_t task_id,
    const struct zengyuan_row *r, const char *prefix,
    struct form_errors *errs)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, zy_sql[ZY_STMT_OPEN_TASK])) == NULL ||
	    store_bind_text(st, 1, r->idno) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_int(st, 3, task_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		form_error_addf(errs, prefix, "sfzh", "ZY_OPEN_TASK",
		    "该职工已有未办结的增员(业务顺序号 %s),请到首页「待办」中"
		    "继续办理,不要重复增员", store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* When the rules are checked: saving a draft (or a draft's lint), a
 * 普通 unit's 提交, or deciding the 增员 (a reviewer's approval, or a
 * VIP unit's 提交 that is decided at once). */
#define ZY_AT_SAVE	0
#define ZY_AT_SUBMIT	1
#define ZY_AT_DECIDE	2

/* A current 用工备案 here, where the region requires one.  A draft of
 * the 增员 may be saved while the 用工备案 is unfinished (入职打包
 * saves both at once); a 普通 unit submits it once the 用工备案 is
 * submitted too (the reviewer approves the 用工备案 first); it is
 * decided only on an approved one.  Returns 0 or -1. */
static int
zy_rule_yonggong(struct store *s, int64_t unit_id,
    const struct zengyuan_row *r, int stage, const char *prefix,
    struct form_errors *errs)
{
	char	 seq[32];
	int	 rc;

	if ((rc = emp_current_here(s, r->person_id, unit_id)) != 0)
		return rc < 0 ? -1 : 0;
	if (stage == ZY_AT_DECIDE) {
		form_error_addf(errs, prefix, "sfzh", "ZY_NO_YONGGONG",
		    "该职工在本单位的用工备案尚未审核通过,请先办理(审核通过)"
		    "用工备案,再办理增员");
		return 0;
	}
	if ((rc = yonggong_open_state(s, unit_id, r->idno, seq)) < 0)
		return -1;
	if (rc == 2 || (rc == 1 && stage == ZY_AT_SAVE))
		return 0;
	if (rc == 1)
		form_error_addf(errs, prefix, "sfzh", "ZY_YONGGONG_DRAFT",
		    "该职工的用工备案(业务顺序号 %s)尚未提交,请先在首页「待办」"
		    "中提交该用工备案,再提交增员(经办机构先审核用工备案)", seq);
	else
		form_error_addf(errs, prefix, "sfzh", "ZY_NO_YONGGONG",
		    "该职工在本单位没有在职的用工备案,请先办理用工备案"
		    "(就业失业 → 用工备案),审核通过后再办理增员");
	return 0;
}

/* The store's rules of row; see zengyuan_rules; stage: ZY_AT_SAVE,
 * ZY_AT_SUBMIT or ZY_AT_DECIDE (zy_rule_yonggong).  Returns 0 or -1. */
static int
zy_rules_store(struct store *s, int64_t unit_id, int64_t task_id,
    struct zengyuan_row *row, const struct hdate *today,
    const struct zengyuan_limits *lim, int stage, const char *prefix,
    struct form_errors *errs)
{
	struct zy_person	 p;
	struct ins_facts	 f;

	if (zy_person_load(s, row->idno, &p) != 0 ||
	    ins_facts(s, p.id, unit_id, &f) != 0)
		return -1;
	row->person_id = p.id;
	row->renewal = f.ever;
	if (p.id > 0 && strcmp(p.name, row->name) != 0)
		form_error_addf(errs, prefix, "name", "ZY_NAME_MISMATCH",
		    "姓名与该身份证号已登记的姓名不一致,请核对姓名;"
		    "如登记信息有误,请持身份证件到经办机构更正");
	zy_rule_insured(&p, &f, prefix, errs);
	zy_rule_paid(row, &f, prefix, errs);
	if (!f.ever)
		zy_rule_age(row, today, lim, prefix, errs);
	zy_rule_sb_no(row, &f, prefix, errs);
	if (lim->require_yonggong &&
	    zy_rule_yonggong(s, unit_id, row, stage, prefix, errs) != 0)
		return -1;
	return zy_rule_open_task(s, unit_id, task_id, row, prefix, errs);
}

/* Every rule; see zengyuan_rules.  Returns 0 or -1. */
static int
zy_rules(struct store *s, int64_t unit_id, int64_t task_id,
    struct zengyuan_row *row, const struct hdate *today, int stage,
    const char *prefix, struct form_errors *errs)
{
	struct zengyuan_limits	 lim;
	struct idcard		 ic;

	if (zengyuan_limits(s, unit_id, row->sex, today, &lim) != 0)
		return -1;
	zengyuan_rules_plain(row, today, &lim, prefix, errs);
	if (valid_idcard(row->idno, NULL, &ic) != VALID_OK)
		return 0;	/* the store knows nothing of a bad number */
	return zy_rules_store(s, unit_id, task_id, row, today, &lim,
	    stage, prefix, errs);
}

/* See zengyuan.h. */
int
zengyuan_rules(struct store *s, int64_t unit_id, int64_t task_id,
    struct zengyuan_row *row, const struct hdate *today, const char *prefix,
    struct form_errors *errs)
{
	return zy_rules(s, unit_id, task_id, row, today, ZY_AT_SAVE, prefix,
	    errs);
}

/* See zengyuan.h. */
const char *
zengyuan_start(const struct zengyuan_row *row)
{
	return row->bujiao_from[0] != '\0' ? row->bujiao_from :
	    row->start_month;
}

/* ---- Rows in the store ---- */

/* Fills r from the current row of a statement selecting ZY_COLUMNS. */
static void
zy_row_read(struct store_stmt *st, struct zengyuan_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(st, 0);
	r->task_id = store_col_int64(st, 1);
	r->row_no = store_col_int(st, 2);
	r->person_id = store_col_int64(st, 3);
	r->insurance_id = store_col_int64(st, 4);
	text_copy(r->name, sizeof(r->name), store_col_text(st, 5));
	text_copy(r->idno, sizeof(r->idno), store_col_text(st, 6));
	text_copy(r->sex, sizeof(r->sex), store_col_text(st, 7));
	text_copy(r->nation, sizeof(r->nation), store_col_text(st, 8));
	text_copy(r->birth, sizeof(r->birth), store_col_text(st, 9));
	text_copy(r->hukou_type, sizeof(r->hukou_type), store_col_text(st, 10));
	text_copy(r->phone, sizeof(r->phone), store_col_text(st, 11));
	text_copy(r->hukou_addr, sizeof(r->hukou_addr), store_col_text(st, 12));
	text_copy(r->start_month, sizeof(r->start_month),
	    store_col_text(st, 13));
	r->wage_fen = store_col_int64(st, 14);
	text_copy(r->bujiao_from, sizeof(r->bujiao_from),
	    store_col_text(st, 15));
	text_copy(r->sb_no, sizeof(r->sb_no), store_col_text(st, 16));
	text_copy(r->special, sizeof(r->special), store_col_text(st, 17));
	text_copy(r->ins_types, sizeof(r->ins_types), store_col_text(st, 18));
	r->renewal = store_col_int(st, 19) != 0;
	r->base_fen = store_col_int64(st, 20);
}

/* See zengyuan.h. */
int
zengyuan_row_load(struct store *s, int64_t task_id, int row_no,
    struct zengyuan_row *row)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, zy_sql[ZY_STMT_ROW_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		zy_row_read(st, row);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* See zengyuan.h. */
int
zengyuan_row_save(struct store *s, const struct zengyuan_row *r)
{
	struct store_stmt	*st;

	st = store_stmt(s, zy_sql[ZY_STMT_ROW_SAVE]);
	if (st == NULL || store_bind_int(st, 1, r->task_id) != 0 ||
	    store_bind_int(st, 2, r->row_no) != 0 ||
	    store_bind_int(st, 3, r->person_id) != 0 ||
	    store_bind_text(st, 4, r->name) != 0 ||
	    store_bind_text(st, 5, r->idno) != 0 ||
	    store_bind_text(st, 6, r->sex) != 0 ||
	    store_bind_text(st, 7, r->nation) != 0 ||
	    store_bind_text(st, 8, r->birth) != 0 ||
	    store_bind_text(st, 9, r->hukou_type) != 0 ||
	    store_bind_text(st, 10, r->phone) != 0 ||
	    store_bind_text(st, 11, r->hukou_addr) != 0 ||
	    store_bind_text(st, 12, r->start_month) != 0 ||
	    store_bind_int(st, 13, r->wage_fen) != 0 ||
	    store_bind_text(st, 14, r->bujiao_from) != 0 ||
	    store_bind_text(st, 15, r->sb_no) != 0 ||
	    store_bind_text(st, 16, r->special) != 0 ||
	    store_bind_text(st, 17, r->ins_types) != 0 ||
	    store_bind_int(st, 18, r->renewal) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* See zengyuan.h. */
int
zengyuan_rows(struct store *s, int64_t task_id,
    void (*fn)(const struct zengyuan_row *row, void *arg), void *arg)
{
	struct zengyuan_row	*row;
	struct store_stmt	*st;
	int			 rc, n = 0;

	if ((row = malloc(sizeof(*row))) == NULL)
		return -1;
	if ((st = store_stmt(s, zy_sql[ZY_STMT_ROWS])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0) {
		free(row);
		return -1;
	}
	while ((rc = store_step(st)) == STORE_ROW) {
		zy_row_read(st, row);
		fn(row, arg);
		n++;
	}
	store_reset(st);
	free(row);
	return rc == STORE_DONE ? n : -1;
}

/* See zengyuan.h. */
int
zengyuan_is_batch(struct store *s, int64_t task_id)
{
	int64_t	 n;

	if (store_int(s, zy_sql[ZY_STMT_IS_BATCH], task_id, 0, &n) != 0)
		return -1;
	return n != 0;
}

/* The 信息核对 of a saved draft: its identity (姓名, 身份证号, 性别,
 * 出生日期) is locked.  Returns 0 or -1. */
static int
zy_rule_locked(struct store *s, int64_t task_id, const struct zengyuan_row *r,
    struct form_errors *errs)
{
	struct zengyuan_row	 old;
	int			 rc;

	if ((rc = zengyuan_row_load(s, task_id, 0, &old)) != 0)
		return rc < 0 ? -1 : 0;
	if (strcmp(old.idno, r->idno) != 0 || strcmp(old.name, r->name) != 0 ||
	    strcmp(old.sex, r->sex) != 0 || strcmp(old.birth, r->birth) != 0)
		form_error_addf(errs, NULL, "sfzh", "ZY_IDENTITY_LOCKED",
		    "姓名、身份证号、性别、出生日期保存后不能修改;如有误,请"
		    "「退单」后重新办理增员");
	return 0;
}

/* See zengyuan.h. */
int
zengyuan_save(struct store *s, const struct actor *who,
    const struct task *task, struct zengyuan_row *r, const char *dedup_key,
    int64_t *id, int *created, struct form_errors *errs)
{
	struct hdate	 today;
	char		 summary[160], object[40], region[16];
	int		 rc;

	snprintf(summary, sizeof(summary), "%s 参保日期 %s%s", r->name,
	    zengyuan_start(r), r->bujiao_from[0] != '\0' ? "(补缴)" : "");
	if (store_begin(s) != 0)
		return -1;
	if ((rc = wf_save_draft(s, ZY_BUSINESS, who, task, summary,
	    dedup_key, id, created)) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	r->task_id = *id;
	r->row_no = 0;
	clock_today(&today);
	if ((task != NULL && zy_rule_locked(s, task->id, r, errs) != 0) ||
	    zy_unit(s, who->unit_id, region, r->ins_types,
	    sizeof(r->ins_types)) != 0 ||
	    zengyuan_rules(s, who->unit_id, *id, r, &today, NULL, errs) != 0) {
		store_rollback(s);
		return -1;
	}
	if (errs->n > 0) {
		store_rollback(s);
		*created = 0;
		return 1;
	}
	snprintf(object, sizeof(object), "task:%" PRId64, *id);
	if (zengyuan_row_save(s, r) != 0 ||
	    audit_append(s, who, "zengyuan.save", object, summary) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* ---- The business ---- */

/* What the check of a task carries from row to row. */
struct zy_checkarg {
	struct store		*s;
	int64_t			 unit_id;
	int64_t			 task_id;
	struct hdate		 today;
	struct form_errors	*errs;
	int			 batch;
	int			 failed;
	int			 stage;		/* ZY_AT_SUBMIT or _DECIDE */
	int			 photo_needed;	/* a row 0 without one */
};

/* zengyuan_rows callback: the rules of one row. */
static void
zy_check_row(const struct zengyuan_row *row, void *arg)
{
	struct zy_checkarg	*a = arg;
	struct zengyuan_row	 r = *row;
	char			 prefix[128];
	int			 has;

	if (a->failed)
		return;
	prefix[0] = '\0';
	if (a->batch)
		snprintf(prefix, sizeof(prefix), "第%d行(%s): ", row->row_no,
		    row->name);
	if (zy_rules(a->s, a->unit_id, a->task_id, &r, &a->today,
	    a->stage, prefix, a->errs) != 0) {
		a->failed = 1;
		return;
	}
	if (!a->batch) {
		if ((has = zengyuan_has_photo(a->s, row->idno)) < 0)
			a->failed = 1;
		a->photo_needed = has == 0;
	}
}

/* Sets up a for task_id.  Returns 0 or -1. */
static int
zy_checkarg_init(struct zy_checkarg *a, struct store *s, int64_t task_id,
    struct form_errors *errs)
{
	struct task	 t;

	int64_t		 vip;

	memset(a, 0, sizeof(*a));
	if (wf_load(s, task_id, 0, &t) != 0 ||
	    store_int(s, zy_sql[ZY_STMT_VIP], t.unit_id, 0, &vip) != 0)
		return -1;
	a->s = s;
	a->unit_id = t.unit_id;
	a->task_id = task_id;
	a->errs = errs;
	/* The check of a 进行中 task decides it; a VIP unit's submit ends
	 * it at once; a 普通 unit's submit sends it to the reviewer. */
	a->stage = t.state == TASK_PENDING || vip != 0 ? ZY_AT_DECIDE :
	    ZY_AT_SUBMIT;
	clock_today(&a->today);
	if ((a->batch = zengyuan_is_batch(s, task_id)) < 0)
		return -1;
	return 0;
}

/* Adds an error unless task_id has one of the materials codes (NULL-
 * terminated), the first naming them.  Returns 0 or -1. */
static int
zy_need(struct store *s, int64_t task_id, const char *const *codes,
    struct form_errors *errs)
{
	const struct material	*m;
	char			 names[256];
	size_t			 i, len;
	int			 has;

	names[0] = '\0';
	for (i = 0; codes[i] != NULL; i++) {
		if ((has = attach_has(s, task_id, 0, codes[i])) < 0)
			return -1;
		if (has)
			return 0;
		m = attach_material(codes[i]);
		len = strlen(names);
		snprintf(names + len, sizeof(names) - len, "%s%s",
		    i > 0 ? "或" : "", m != NULL ? m->name : codes[i]);
	}
	form_error_addf(errs, NULL, "attachments", "ZY_MISSING_ATTACH", "缺少附件: %s",
	    names);
	return 0;
}

/* attach_list_person callback: counts a photo that is no JPG. */
static void
zy_photo_kind(const struct attachment *at, void *arg)
{
	int	*bad = arg;

	if (strcmp(at->code, ZY_MAT_PHOTO) == 0 &&
	    strcmp(at->mime, "image/jpeg") != 0)
		(*bad)++;
}

/* The workflow's check: every rule over every row, and the materials:
 * 身份证 or 户口簿, 劳动合同 or 用工证明, the photo when the store has
 * none (a form's), a batch's 人员增加申请. */
static int
zy_business_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	static const char *const id[] = { ZY_MAT_SFZ, ZY_MAT_HUKOUBEN, NULL };
	static const char *const job[] = { ZY_MAT_HETONG, ZY_MAT_YONGGONG,
		NULL };
	static const char *const photo[] = { ZY_MAT_PHOTO, NULL };
	static const char *const apply[] = { ZY_MAT_SHENQING, NULL };
	struct zy_checkarg	 a;
	int			 n, bad = 0;

	if (zy_checkarg_init(&a, s, task_id, errs) != 0 ||
	    (n = zengyuan_rows(s, task_id, zy_check_row, &a)) < 0 || a.failed)
		return -1;
	if (n == 0)
		form_error_addf(errs, NULL, "", "ZY_NO_ROWS", "没有可提交的增员人员");
	if (zy_need(s, task_id, id, errs) != 0 ||
	    zy_need(s, task_id, job, errs) != 0 ||
	    (a.photo_needed && zy_need(s, task_id, photo, errs) != 0) ||
	    (a.batch && zy_need(s, task_id, apply, errs) != 0) ||
	    attach_list_person(s, task_id, 0, zy_photo_kind, &bad) < 0)
		return -1;
	if (bad > 0)
		form_error_addf(errs, NULL, ZY_MAT_PHOTO, "ZY_PHOTO_NOT_JPG",
		    "电子相片须为JPG图片,请重新上传");
	return 0;
}

/* See zengyuan.h. */
int
zengyuan_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct zy_checkarg	 a;

	if (zy_checkarg_init(&a, s, task_id, errs) != 0 ||
	    zengyuan_rows(s, task_id, zy_check_row, &a) < 0 || a.failed)
		return -1;
	return 0;
}

/* The rows of a task, collected for the effect (which writes). */
struct zy_list {
	struct zengyuan_row	*rows;
	size_t			 n, cap;
	int			 failed;
};

/* zengyuan_rows callback: keeps a copy of the row. */
static void
zy_collect(const struct zengyuan_row *row, void *arg)
{
	struct zy_list	*l = arg;
	void		*p;
	size_t		 cap;

	if (l->failed)
		return;
	if (l->n == l->cap) {
		cap = l->cap == 0 ? 8 : l->cap * 2;
		if (cap > SIZE_MAX / sizeof(*l->rows) ||
		    (p = realloc(l->rows, cap * sizeof(*l->rows))) == NULL) {
			l->failed = 1;
			return;
		}
		l->rows = p;
		l->cap = cap;
	}
	l->rows[l->n++] = *row;
}

/* The person of row r, created when not on file, into *pid.  Returns
 * 0 or -1. */
static int
zy_person(struct store *s, const struct zengyuan_row *r, int64_t *pid)
{
	struct person	 p;
	char		 name[64];
	int		 rc;

	if ((rc = person_on_file(s, r->idno, pid, name, sizeof(name))) <= 0)
		return rc;
	memset(&p, 0, sizeof(p));
	text_copy(p.idno, sizeof(p.idno), r->idno);
	text_copy(p.name, sizeof(p.name), r->name);
	text_copy(p.sex, sizeof(p.sex), r->sex);
	text_copy(p.birth, sizeof(p.birth), r->birth);
	text_copy(p.hukou_type, sizeof(p.hukou_type), r->hukou_type);
	text_copy(p.mobile, sizeof(p.mobile), r->phone);
	return person_create(s, &p, pid);
}

/* Enrols row r of unit_id (region region): the person, his insurance
 * 参保缴费 from the start month on the clamped base, and the row's
 * record of both.  Returns 0 or -1. */
static int
zy_enrol(struct store *s, int64_t unit_id, const char *region,
    const struct zengyuan_row *r, int photo)
{
	struct store_stmt	*st;
	struct wb_clamp		 c;
	int64_t			 pid, iid, base;

	if (zy_person(s, r, &pid) != 0 ||
	    ins_base(s, region, zengyuan_start(r), r->wage_fen, &base, NULL,
	    NULL) != 0 ||
	    (iid = ins_enrol(s, pid, unit_id, zengyuan_start(r), base)) < 0)
		return -1;
	/* The 申报工资 and base of the new period, for 缴费工资. */
	memset(&c, 0, sizeof(c));
	c.wage_fen = r->wage_fen > 0 ? r->wage_fen : base;
	c.base_fen = base;
	if (base > 0 && wb_set(s, iid, zengyuan_start(r), &c, "zengyuan",
	    r->task_id) != 0)
		return -1;
	if (photo && ((st = store_stmt(s, zy_sql[ZY_STMT_PHOTO])) == NULL ||
	    store_bind_int(st, 1, pid) != 0 || store_exec_stmt(s, st) != 0))
		return -1;
	if ((st = store_stmt(s, zy_sql[ZY_STMT_ROW_MADE])) == NULL ||
	    store_bind_int(st, 1, pid) != 0 || store_bind_int(st, 2, iid) != 0 ||
	    store_bind_int(st, 3, base) != 0 ||
	    store_bind_int(st, 4, r->id) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* The workflow's effect on approval: each row's person 参保缴费 here. */
static int
zy_business_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct zy_list	 l;
	struct task	 t;
	char		 region[16], object[40], detail[48];
	size_t		 i;
	int		 rc = -1, photo;

	memset(&l, 0, sizeof(l));
	if (wf_load(s, task_id, 0, &t) != 0 ||
	    zy_unit(s, t.unit_id, region, NULL, 0) != 0 ||
	    (photo = attach_has(s, task_id, 0, ZY_MAT_PHOTO)) < 0 ||
	    zengyuan_rows(s, task_id, zy_collect, &l) < 0 || l.failed)
		goto out;
	for (i = 0; i < l.n; i++)
		if (zy_enrol(s, t.unit_id, region, &l.rows[i],
		    photo && l.rows[i].row_no == 0) != 0) {
			log_err("zengyuan: task %" PRId64 ": row %d not "
			    "enrolled", task_id, l.rows[i].row_no);
			goto out;
		}
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "insured=%zu", l.n);
	rc = audit_append(s, who, "zengyuan.apply", object, detail);
out:
	free(l.rows);
	return rc;
}

/* Formats fen as "1234.00 元" into buf[32]. */
static void
zy_yuan(int64_t fen, char buf[32])
{
	snprintf(buf, 32, "%" PRId64 ".%02" PRId64 " 元", fen / 100, fen % 100);
}

/* Describes row 0 of a single 增员: what was declared (the 缴费基数
 * set on approval is not, so that the 增员表 printed once submitted
 * prints the same afterwards). */
static void
zy_describe_row(const struct zengyuan_row *r,
    void (*field)(void *, const char *, const char *), void *arg)
{
	char	 buf[64];

	field(arg, "姓名", r->name);
	field(arg, "身份证号", r->idno);
	field(arg, "性别", r->sex);
	field(arg, "民族", r->nation);
	field(arg, "出生日期", r->birth);
	field(arg, "户口性质", r->hukou_type);
	field(arg, "联系电话", r->phone);
	field(arg, "户口地址", r->hukou_addr[0] != '\0' ? r->hukou_addr : "—");
	field(arg, "参保类型", r->renewal ? "续保" : "首次参保");
	field(arg, "个人编号", r->sb_no[0] != '\0' ? r->sb_no : "—");
	field(arg, "参保日期", r->start_month);
	field(arg, "追溯补缴", r->bujiao_from[0] != '\0' ? r->bujiao_from :
	    "否");
	zy_yuan(r->wage_fen, buf);
	field(arg, "申报工资", buf);
	field(arg, "参保险种", r->ins_types);
	field(arg, "特殊人群", r->special[0] != '\0' ? r->special : "否");
}

/* A batch's names and 续保 count for describe. */
struct zy_names {
	struct rows_names	 l;
	size_t			 renewals;
};

/* zengyuan_rows callback: one name. */
static void
zy_name_row(const struct zengyuan_row *r, void *arg)
{
	struct zy_names	*a = arg;

	rows_names_add(&a->l, r->name);
	a->renewals += r->renewal != 0;
}

/* The 送审期限 of a 普通 unit's 增员 (policy zengyuan.visit_before_day
 * of the day it was submitted, else today): the 增员表 prints it; a
 * VIP unit brings nothing and gets none.  Returns 0 or -1. */
static int
zy_describe_visit(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct zengyuan_limits	 lim;
	struct task		 t;
	struct hdate		 on;
	int64_t			 vip;
	char			 buf[32];

	if (wf_load(s, task_id, 0, &t) != 0 ||
	    store_int(s, zy_sql[ZY_STMT_VIP], t.unit_id, 0, &vip) != 0)
		return -1;
	if (vip)
		return 0;
	if (t.submitted_at > 0)
		clock_date(t.submitted_at, &on);
	else
		clock_today(&on);
	if (zengyuan_limits(s, t.unit_id, "男", &on, &lim) != 0)
		return -1;
	snprintf(buf, sizeof(buf), "当月%lld日前", lim.visit_day);
	field(arg, "送审期限", buf);
	return 0;
}

/* The workflow's describe: the facts for the reviewer desk and the
 * printouts. */
static int
zy_business_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct zengyuan_row	 row;
	struct zy_names		*a;
	char			 buf[64];
	int			 batch, rc;

	if ((batch = zengyuan_is_batch(s, task_id)) < 0)
		return -1;
	if (!batch) {
		if ((rc = zengyuan_row_load(s, task_id, 0, &row)) < 0)
			return -1;
		if (rc == 0)
			zy_describe_row(&row, field, arg);
		return zy_describe_visit(s, task_id, field, arg);
	}
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	if (zengyuan_rows(s, task_id, zy_name_row, a) < 0) {
		free(a);
		return -1;
	}
	field(arg, "业务类型", "批量增员");
	snprintf(buf, sizeof(buf), "%zu(其中续保 %zu)", a->l.n, a->renewals);
	field(arg, "人数", buf);
	rows_names_field(&a->l, field, arg);
	free(a);
	return zy_describe_visit(s, task_id, field, arg);
}

/* The facts the rows hook gives per person, in its SELECT's order. */
static const char *const zy_row_labels[] = { "参保日期", "申报工资",
	"参保类型" };

/* The rows hook.  Returns the rows walked or -1. */
static int
zy_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, zy_sql[ZY_STMT_WF_ROWS], task_id, zy_row_labels,
	    3, fn, arg);
}

/* The rows_page hook: one page of the rows.  Returns the rows walked
 * or -1. */
static int
zy_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, zy_sql[ZY_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, zy_row_labels, 3, fn, arg);
}

/* The rows_find hook: the rows of a 身份证号, through the index on
 * (idno, task_id), reading no others.  Returns the rows walked or -1. */
static int
zy_wf_rows_find(struct store *s, int64_t task_id, const char *idno,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_find(s, zy_sql[ZY_STMT_WF_ROWS_FIND], task_id, idno,
	    zy_row_labels, 3, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
zy_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, zy_sql[ZY_STMT_ROW_COUNT], task_id, 0, n);
}

/* The row_delete hook: a batch row (row 0, the form's, stays).
 * Returns 0, 1 none, -1 error. */
static int
zy_row_delete(struct store *s, int64_t task_id, int row_no)
{
	if (row_no <= 0)
		return 1;
	return rows_delete(s, zy_sql[ZY_STMT_ROW_DELETE], task_id, row_no);
}

/* The rows_move hook: batch rows to another task.  Returns 0, 1 when a
 * row is not there (or is row 0), -1 on error. */
static int
zy_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (row_nos[i] <= 0)
			return 1;
	return rows_move(s, zy_sql[ZY_STMT_ROWS_MOVE], task_id, to_task,
	    row_nos, n);
}

/* See zengyuan.h. */
int
zengyuan_person_step(struct store *s, int64_t unit_id, int64_t person_id,
    struct zengyuan_step *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, zy_sql[ZY_STMT_STEP])) == NULL ||
	    store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		out->task_id = store_col_int64(st, 0);
		text_copy(out->seq_no, sizeof(out->seq_no),
		    store_col_text(st, 1));
		text_copy(out->state, sizeof(out->state), store_col_text(st, 2));
		text_copy(out->start_month, sizeof(out->start_month),
		    store_col_text(st, 3));
		out->base_fen = store_col_int64(st, 4);
		out->renewal = store_col_int(st, 5) != 0;
		out->decided_at = (time_t)store_col_int64(st, 6);
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	return rc == STORE_ROW;
}

/* See zengyuan.h. */
int
zengyuan_has_photo(struct store *s, const char *idno)
{
	int64_t	 n;

	if (store_int_text(s, zy_sql[ZY_STMT_HAS_PHOTO], idno, 0, &n) != 0)
		return -1;
	return n != 0;
}

static const struct wf_menu zy_menu[] = {
	{ "城镇职工增加", "/zengyuan" },
	{ "批量增员", "/zengyuan/batch" },
	{ NULL, NULL }
};

static const struct wf_receipt zy_receipts[] = {
	{ "zengyuan", "企业参保人员增员表", "zengyuan", "ZY" },
	{ NULL, NULL, NULL, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const zy_receipt_facts[] = {
	"参保日期", "申报工资", "参保类型", NULL
};

const struct wf_business zengyuan_business = {
	.code = ZY_BUSINESS,
	.name = "城镇职工增加",
	.path = "/zengyuan",
	.review_days_min = 1,
	.review_days_max = 3,
	.check = zy_business_check,
	.apply = zy_business_apply,
	.describe = zy_business_describe,
	.category = "jiaofei",
	.menu = zy_menu,
	.receipts = zy_receipts,
	.submit_receipt = "zengyuan",
	.batch = &zengyuan_batch,
	.rows = zy_wf_rows,
	.row_count = zy_row_count,
	.row_delete = zy_row_delete,
	.rows_move = zy_rows_move,
	.rows_page = zy_wf_rows_page,
	.rows_find = zy_wf_rows_find,
	.receipt_facts = zy_receipt_facts,
};

/* ---- The batch ---- */

static const char *const zy_columns[ZYC__MAX + 1] = {
	"姓名",				/* ZYC_NAME */
	"身份证号",			/* ZYC_SFZH */
	"个人编号(续保必填)",		/* ZYC_SB_NO */
	"民族",				/* ZYC_NATION */
	"户口性质",			/* ZYC_HUKOU */
	"联系电话",			/* ZYC_PHONE */
	"户口地址",			/* ZYC_HUKOU_ADDR */
	"参保日期",			/* ZYC_START */
	"申报工资(元)",			/* ZYC_WAGE */
	"补缴开始月份(不补缴留空)",	/* ZYC_BUJIAO_FROM */
	"特殊人群",			/* ZYC_SPECIAL */
	NULL
};

static const char *const zy_example[ZYC__MAX + 1] = {
	"张三", "11010519491231002X", "", "汉族", "城镇", "13800000000",
	"湖北省武汉市江岸区", "2026-01", "6000.00", "", "", NULL
};

/* Cell i trimmed of white space into dst[dstsz] ("" when absent). */
static void
zy_cell(const char *const *cells, size_t ncells, size_t i, char *dst,
    size_t dstsz)
{
	text_copy_trim(dst, dstsz, i < ncells ? cells[i] : NULL);
}

/* A month cell (2026/1, 2026.01, 2026-01-01 read as 2026-01) into
 * out[8], "?" when it is no month (the rules say so). */
static void
zy_cell_month(const char *const *cells, size_t ncells, size_t i,
    char out[8])
{
	char	 buf[32];
	int	 y, m, used = 0;

	zy_cell(cells, ncells, i, buf, sizeof(buf));
	out[0] = '\0';
	if (buf[0] == '\0')
		return;
	if (sscanf(buf, "%4d%*1[-/.]%2d%n", &y, &m, &used) == 2 &&
	    (buf[used] == '\0' || buf[used] == '-' || buf[used] == '/' ||
	    buf[used] == '.') && y > 1900 && m >= 1 && m <= 12)
		snprintf(out, 8, "%04d-%02d", y, m);
	else
		text_copy(out, 8, "?");
}

/* Builds a row from batch cells (性别 and 出生日期 from the 身份证号),
 * adding format errors to errs.  Returns the number of errors added. */
static size_t
zy_row_from_cells(const char *const *cells, size_t ncells,
    const struct hdate *today, struct zengyuan_row *row,
    struct form_errors *errs)
{
	struct idcard	 ic;
	char		 wage[32], *p;
	size_t		 n0 = errs->n;

	memset(row, 0, sizeof(*row));
	zy_cell(cells, ncells, ZYC_NAME, row->name, sizeof(row->name));
	zy_cell(cells, ncells, ZYC_SFZH, row->idno, sizeof(row->idno));
	for (p = row->idno; *p != '\0'; p++)
		if (*p == 'x')
			*p = 'X';
	zy_cell(cells, ncells, ZYC_SB_NO, row->sb_no, sizeof(row->sb_no));
	zy_cell(cells, ncells, ZYC_NATION, row->nation, sizeof(row->nation));
	zy_cell(cells, ncells, ZYC_HUKOU, row->hukou_type,
	    sizeof(row->hukou_type));
	zy_cell(cells, ncells, ZYC_PHONE, row->phone, sizeof(row->phone));
	zy_cell(cells, ncells, ZYC_HUKOU_ADDR, row->hukou_addr,
	    sizeof(row->hukou_addr));
	zy_cell_month(cells, ncells, ZYC_START, row->start_month);
	zy_cell(cells, ncells, ZYC_WAGE, wage, sizeof(wage));
	zy_cell_month(cells, ncells, ZYC_BUJIAO_FROM, row->bujiao_from);
	zy_cell(cells, ncells, ZYC_SPECIAL, row->special, sizeof(row->special));
	if (valid_idcard(row->idno, today, &ic) == VALID_OK) {
		text_copy(row->sex, sizeof(row->sex), ic.male ? "男" : "女");
		hdate_fmt(&ic.birth, row->birth);
	}
	if (row->phone[0] == '\0' || valid_phone(row->phone) != VALID_OK)
		form_error_addf(errs, NULL, "phone", "ZY_PHONE_INVALID",
		    "联系电话不能为空,格式须正确");
	if (valid_text(row->hukou_addr, 60) != VALID_OK ||
	    valid_text(row->sb_no, 20) != VALID_OK)
		form_error_addf(errs, NULL, "zy_hukou_addr", "ZY_TEXT_INVALID",
		    "户口地址不超过60字,个人编号不超过20字");
	if (valid_money(wage, &row->wage_fen) != VALID_OK)
		row->wage_fen = 0;	/* the rules say so */
	return errs->n - n0;
}

/* batch_spec row_check: the same rules as the form. */
static int
zy_row_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *today, struct form_errors *errs)
{
	struct zengyuan_row	 row;

	zy_row_from_cells(cells, ncells, today, &row, errs);
	row.row_no = 1;		/* a batch row: a 续保 gives its 个人编号 */
	return zengyuan_rules(s, unit_id, 0, &row, today, NULL, errs);
}

/* batch_spec row_store: a checked row, with the unit's 参保险种. */
static int
zy_row_store(struct store *s, int64_t unit_id, int64_t task_id, int row_no,
    const char *const *cells, size_t ncells, const struct hdate *today)
{
	struct form_errors	*scratch;
	struct zengyuan_row	 row;
	char			 region[16];
	int			 rc;

	if ((scratch = calloc(1, sizeof(*scratch))) == NULL)
		return -1;
	zy_row_from_cells(cells, ncells, today, &row, scratch);
	row.task_id = task_id;
	row.row_no = row_no;
	/* The rules passed; run again for the person and 续保 flag. */
	rc = zengyuan_rules(s, unit_id, task_id, &row, today, NULL, scratch);
	free(scratch);
	if (rc != 0 || zy_unit(s, unit_id, region, row.ins_types,
	    sizeof(row.ins_types)) != 0)
		return -1;
	return zengyuan_row_save(s, &row);
}

/* How the template shows each column: the drop-downs are the tables
 * the rules check the row against (参保日期 and 补缴开始月份 are months,
 * YYYY-MM, kept as text). */
static const struct batch_col zy_cols[ZYC__MAX] = {
	{ BATCH_COL_TEXT, NULL, 12 },			/* ZYC_NAME */
	{ BATCH_COL_TEXT, NULL, 22 },			/* ZYC_SFZH */
	{ BATCH_COL_TEXT, NULL, 16 },			/* ZYC_SB_NO */
	{ BATCH_COL_TEXT, NULL, 8 },			/* ZYC_NATION */
	{ BATCH_COL_TEXT, zengyuan_hukou_types, 10 },	/* ZYC_HUKOU */
	{ BATCH_COL_TEXT, NULL, 15 },			/* ZYC_PHONE */
	{ BATCH_COL_TEXT, NULL, 26 },			/* ZYC_HUKOU_ADDR */
	{ BATCH_COL_TEXT, NULL, 10 },			/* ZYC_START */
	{ BATCH_COL_TEXT, NULL, 12 },			/* ZYC_WAGE */
	{ BATCH_COL_TEXT, NULL, 20 },			/* ZYC_BUJIAO_FROM */
	{ BATCH_COL_TEXT, zengyuan_specials, 14 },	/* ZYC_SPECIAL */
};

const struct batch_spec zengyuan_batch = {
	ZY_BUSINESS, "批量增员", zy_columns, zy_example, ZYC_NAME,
	ZYC_SFZH, zy_row_check, zy_row_store, &zengyuan_business,
	NULL, NULL, NULL, zy_cols
};
