/*
 * yonggong.c: 用工备案 rules, rows, the workflow business and the batch
 * spec; see yonggong.h for the decisions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "employment.h"
#include "log.h"
#include "person.h"
#include "policy.h"
#include "rows.h"
#include "store.h"
#include "tally.h"
#include "text.h"
#include "yonggong.h"

#define YG_BUSINESS	"yonggong"

/* The columns of a row, in the order yg_row_read() reads them. */
#define YG_COLUMNS "id, task_id, row_no, COALESCE(person_id, 0), " \
	"COALESCE(employment_id, 0), name, idno, sex, birth, hukou_type, " \
	"phone, education, work_form, category, contract_no, " \
	"contract_start, contract_end, open_ended, post, job_type, " \
	"wage_fen, hire_date, late"

/* The statements of this module; their SQL is in yg_sql. */
enum yg_stmt {
	YG_STMT_REGION,		/* a unit's 行政区划 */
	YG_STMT_OPEN_TASK,	/* a person's unfinished 用工备案 here */
	YG_STMT_OPEN_STATE,	/* whether it is submitted, and a draft's */
	YG_STMT_CONTRACT_PENDING, /* 合同编号 in an unfinished 用工备案 */
	YG_STMT_ROW_LOAD,	/* one row of a task */
	YG_STMT_ROW_SAVE,	/* inserts or replaces a row */
	YG_STMT_ROWS,		/* a task's rows */
	YG_STMT_IS_BATCH,	/* whether a task has no form row */
	YG_STMT_ROW_LATE,	/* a row's 逾期 flag */
	YG_STMT_TASK_LATE,	/* a task's 逾期 flag */
	YG_STMT_ROW_MADE,	/* the person and employment a row made */
	YG_STMT_WF_ROWS,	/* a task's rows for the workflow */
	YG_STMT_WF_ROWS_PAGE,	/* a page of them */
	YG_STMT_WF_ROWS_FIND,	/* those of a 身份证号 */
	YG_STMT_ROW_COUNT,	/* how many rows a task has */
	YG_STMT_ROW_DELETE,	/* deletes a row */
	YG_STMT_ROWS_MOVE,	/* moves a row to another task */
	YG_STMT__MAX
};

/* The SQL of each statement, by enum yg_stmt. */
static const char *const yg_sql[YG_STMT__MAX] = {
	[YG_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1",
	[YG_STMT_OPEN_TASK] =
	    "SELECT t.seq_no FROM yonggong y JOIN tasks t ON t.id = y.task_id "
	    "WHERE y.idno = ?1 AND y.task_id <> ?3 AND t.unit_id = ?2 AND "
	    "t.business = 'yonggong' AND t.state IN ('未提交', '进行中') "
	    "ORDER BY y.task_id LIMIT 1",
	[YG_STMT_OPEN_STATE] =
	    "SELECT EXISTS (SELECT 1 FROM yonggong y JOIN tasks t ON "
	    "t.id = y.task_id WHERE y.idno = ?1 AND t.unit_id = ?2 AND "
	    "t.business = 'yonggong' AND t.state = '进行中'), "
	    "(SELECT t.seq_no FROM yonggong y JOIN tasks t ON t.id = y.task_id "
	    "WHERE y.idno = ?1 AND t.unit_id = ?2 AND t.business = 'yonggong' "
	    "AND t.state = '未提交' LIMIT 1)",
	[YG_STMT_CONTRACT_PENDING] =
	    "SELECT EXISTS (SELECT 1 FROM yonggong y JOIN tasks t ON "
	    "t.id = y.task_id WHERE y.contract_no = ?1 AND NOT (y.task_id = "
	    "?2 AND y.row_no = ?3) AND t.business = 'yonggong' AND t.state IN "
	    "('未提交', '进行中'))",
	[YG_STMT_ROW_LOAD] =
	    "SELECT " YG_COLUMNS " FROM yonggong WHERE task_id = ?1 AND "
	    "row_no = ?2",
	[YG_STMT_ROW_SAVE] =
	    "INSERT INTO yonggong (task_id, row_no, person_id, name, idno, "
	    "sex, birth, hukou_type, phone, education, work_form, category, "
	    "contract_no, contract_start, contract_end, open_ended, post, "
	    "job_type, wage_fen, hire_date, late) VALUES (?1, ?2, NULLIF(?3, "
	    "0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17, ?18, ?19, ?20, ?21) ON CONFLICT (task_id, row_no) DO UPDATE "
	    "SET person_id = NULLIF(?3, 0), name = ?4, idno = ?5, sex = ?6, "
	    "birth = ?7, hukou_type = ?8, phone = ?9, education = ?10, "
	    "work_form = ?11, category = ?12, contract_no = ?13, "
	    "contract_start = ?14, contract_end = ?15, open_ended = ?16, "
	    "post = ?17, job_type = ?18, wage_fen = ?19, hire_date = ?20, "
	    "late = ?21",
	[YG_STMT_ROWS] =
	    "SELECT " YG_COLUMNS " FROM yonggong WHERE task_id = ?1 "
	    "ORDER BY row_no",
	[YG_STMT_IS_BATCH] =
	    "SELECT NOT EXISTS (SELECT 1 FROM yonggong WHERE task_id = ?1 AND "
	    "row_no = 0)",
	[YG_STMT_ROW_LATE] =
	    "UPDATE yonggong SET late = ?1 WHERE id = ?2",
	[YG_STMT_TASK_LATE] =
	    "UPDATE tasks SET overdue = ?1 WHERE id = ?2",
	[YG_STMT_ROW_MADE] =
	    "UPDATE yonggong SET person_id = ?1, employment_id = ?2 WHERE "
	    "id = ?3",
	[YG_STMT_WF_ROWS] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, work_form, "
	    "hire_date, contract_no FROM yonggong WHERE task_id = ?1 "
	    "ORDER BY row_no",
	[YG_STMT_WF_ROWS_PAGE] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, work_form, "
	    "hire_date, contract_no FROM yonggong WHERE task_id = ?1 "
	    "ORDER BY row_no LIMIT ?3 OFFSET ?2",
	[YG_STMT_WF_ROWS_FIND] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, work_form, "
	    "hire_date, contract_no FROM yonggong WHERE task_id = ?1 AND "
	    "idno = ?2 ORDER BY row_no",
	[YG_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM yonggong WHERE task_id = ?1",
	[YG_STMT_ROW_DELETE] =
	    "DELETE FROM yonggong WHERE task_id = ?1 AND row_no = ?2",
	[YG_STMT_ROWS_MOVE] =
	    "UPDATE yonggong SET task_id = ?1 WHERE task_id = ?2 AND "
	    "row_no = ?3",
};

const char *const yonggong_work_forms[] = { "全日制", "非全日制", NULL };

/* The 用工范围 the 减员 rules know (lib/jianyuan.c): an enterprise's
 * 合同制 and 农籍工 (rules 4 and 6), 编制外工作人员, and the 机关事业单位
 * categories of rule 5. */
const char *const yonggong_categories[] = { "合同制", "农籍工",
	"编制外工作人员", "合同制工人", "事业编制", "公务员", NULL };

const char *const yonggong_hukou_types[] = { "城镇", "农村", NULL };

/* The same list as 信息变更's (bg_educations): one person, one word. */
const char *const yonggong_educations[] = { "研究生", "大学本科", "大学专科",
	"中等专科", "技工学校", "高中", "初中", "小学", "其他", NULL };

static const char *const yg_sexes[] = { "男", "女", NULL };
static const char *const yg_check[] = { "1", NULL };

const struct field_def yonggong_form_defs[YGF__MAX] = {
	{ "name", "姓名", FIELD_TEXT, FIELD_REQUIRED, 30, NULL, 0, 0 },
	{ "sfzh", "身份证号", FIELD_IDCARD, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "sex", "性别", FIELD_CHOICE, FIELD_REQUIRED, 0, yg_sexes, 0, 0 },
	{ "birth", "出生日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "hukou_type", "户籍类型", FIELD_CHOICE, FIELD_REQUIRED, 0,
	    yonggong_hukou_types, 0, 0 },
	{ "phone", "联系电话", FIELD_PHONE, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "education", "文化程度", FIELD_CHOICE, 0, 0, yonggong_educations,
	    0, 0 },
	{ "work_form", "用工形式", FIELD_CHOICE, FIELD_REQUIRED, 0,
	    yonggong_work_forms, 0, 0 },
	{ "category", "用工范围", FIELD_CHOICE, FIELD_REQUIRED, 0,
	    yonggong_categories, 0, 0 },
	{ "contract_no", "合同编号", FIELD_TEXT, FIELD_REQUIRED, 40, NULL,
	    0, 0 },
	{ "contract_start", "合同起始日期", FIELD_DATE, FIELD_REQUIRED, 0,
	    NULL, 0, 0 },
	{ "contract_end", "合同终止日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "open_ended", "无固定期限", FIELD_CHOICE, 0, 0, yg_check, 0, 0 },
	{ "post", "岗位", FIELD_TEXT, FIELD_REQUIRED, 30, NULL, 0, 0 },
	{ "job_type", "工种", FIELD_TEXT, 0, 30, NULL, 0, 0 },
	{ "wage", "月工资", FIELD_MONEY, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "hire_date", "用工之日", FIELD_DATE, FIELD_REQUIRED, 0, NULL, 0, 0 },
};

/* Copies src into dst[dstsz], cut at a UTF-8 character boundary. */
static void
yg_copy(char *dst, size_t dstsz, const char *src)
{
	text_copy(dst, dstsz, src != NULL ? src : "");
}

/* Whether v is one of the NULL-terminated list. */
static int
yg_in(const char *v, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

/* ---- The form ---- */

/* See yonggong.h. */
void
yonggong_row_from_form(const struct field_val *vals, struct yonggong_row *row)
{
	memset(row, 0, sizeof(*row));
	yg_copy(row->name, sizeof(row->name), vals[YGF_NAME].str);
	yg_copy(row->idno, sizeof(row->idno), vals[YGF_SFZH].present ?
	    vals[YGF_SFZH].id.number : vals[YGF_SFZH].str);
	yg_copy(row->sex, sizeof(row->sex), vals[YGF_SEX].str);
	if (vals[YGF_BIRTH].present)
		hdate_fmt(&vals[YGF_BIRTH].date, row->birth);
	else if (vals[YGF_SFZH].present)
		hdate_fmt(&vals[YGF_SFZH].id.birth, row->birth);
	yg_copy(row->hukou_type, sizeof(row->hukou_type), vals[YGF_HUKOU].str);
	yg_copy(row->phone, sizeof(row->phone), vals[YGF_PHONE].str);
	yg_copy(row->education, sizeof(row->education),
	    vals[YGF_EDUCATION].str);
	yg_copy(row->work_form, sizeof(row->work_form),
	    vals[YGF_WORK_FORM].str);
	yg_copy(row->category, sizeof(row->category), vals[YGF_CATEGORY].str);
	yg_copy(row->contract_no, sizeof(row->contract_no),
	    vals[YGF_CONTRACT_NO].str);
	if (vals[YGF_CONTRACT_START].present)
		hdate_fmt(&vals[YGF_CONTRACT_START].date, row->contract_start);
	row->open_ended = vals[YGF_OPEN_ENDED].present;
	if (vals[YGF_CONTRACT_END].present)
		hdate_fmt(&vals[YGF_CONTRACT_END].date, row->contract_end);
	yg_copy(row->post, sizeof(row->post), vals[YGF_POST].str);
	yg_copy(row->job_type, sizeof(row->job_type), vals[YGF_JOB_TYPE].str);
	row->wage_fen = vals[YGF_WAGE].num;
	if (vals[YGF_HIRE_DATE].present)
		hdate_fmt(&vals[YGF_HIRE_DATE].date, row->hire_date);
}

/* ---- The rules ---- */

/* 身份证号 is a valid GB 11643 number; 性别 and 出生日期 agree with it.
 * Returns 1 with *ic filled when the number is valid. */
static int
yg_rule_idcard(const struct yonggong_row *r, const struct hdate *today,
    const char *prefix, struct form_errors *errs, struct idcard *ic)
{
	struct hdate	 b;
	const char	*sex;

	if (valid_idcard(r->idno, today, ic) != VALID_OK) {
		form_error_addf(errs, prefix, "sfzh", "YG_IDCARD_INVALID",
		    "身份证号无效(须为18位公民身份号码,校验位正确)");
		return 0;
	}
	sex = ic->male ? "男" : "女";
	if (strcmp(r->sex, sex) != 0)
		form_error_addf(errs, prefix, "sex", "YG_SEX_MISMATCH",
		    "性别与身份证号不一致(身份证号显示为%s)", sex);
	if (r->birth[0] != '\0' && (valid_date(r->birth, &b) != VALID_OK ||
	    hdate_cmp(&b, &ic->birth) != 0))
		form_error_addf(errs, prefix, "birth", "YG_BIRTH_MISMATCH",
		    "出生日期与身份证号不一致");
	return 1;
}

/* The choices are of their lists. */
static void
yg_rule_choices(const struct yonggong_row *r, const char *prefix,
    struct form_errors *errs)
{
	if (r->name[0] == '\0' || valid_text(r->name, 30) != VALID_OK)
		form_error_addf(errs, prefix, "name", "YG_NAME_INVALID",
		    "姓名不能为空(不超过30字)");
	if (!yg_in(r->work_form, yonggong_work_forms))
		form_error_addf(errs, prefix, "work_form", "YG_WORK_FORM_INVALID",
		    "用工形式须为全日制或非全日制");
	if (!yg_in(r->category, yonggong_categories))
		form_error_addf(errs, prefix, "category", "YG_CATEGORY_INVALID",
		    "用工范围须为:合同制、农籍工、编制外工作人员、合同制工人、"
		    "事业编制、公务员之一");
	if (!yg_in(r->hukou_type, yonggong_hukou_types))
		form_error_addf(errs, prefix, "hukou_type", "YG_HUKOU_INVALID",
		    "户籍类型须为城镇或农村");
	if (r->education[0] != '\0' && !yg_in(r->education,
	    yonggong_educations))
		form_error_addf(errs, prefix, "education", "YG_EDUCATION_INVALID",
		    "文化程度须从列表中选择");
	if (r->contract_no[0] == '\0' ||
	    valid_text(r->contract_no, 40) != VALID_OK)
		form_error_addf(errs, prefix, "contract_no", "YG_CONTRACT_NO_INVALID",
		    "合同编号不能为空(不超过40字)");
	if (r->wage_fen <= 0)
		form_error_addf(errs, prefix, "wage", "YG_WAGE_INVALID",
		    "月工资须为大于0的金额(元)");
}

/* The contract's term: a start, then an end date not before it or
 * 无固定期限 (not both).  Returns 1 when the dates are usable. */
static int
yg_rule_term(const struct yonggong_row *r, const char *prefix,
    struct form_errors *errs, struct hdate *start, struct hdate *end)
{
	int	 ok = 1;

	if (valid_date(r->contract_start, start) != VALID_OK) {
		form_error_addf(errs, prefix, "contract_start", "YG_DATE_INVALID",
		    "合同起始日期不是有效日期");
		ok = 0;
	}
	if (r->open_ended && r->contract_end[0] != '\0') {
		form_error_addf(errs, prefix, "contract_end", "YG_TERM_BOTH",
		    "无固定期限合同不填合同终止日期");
		return 0;
	}
	if (!r->open_ended && r->contract_end[0] == '\0') {
		form_error_addf(errs, prefix, "contract_end", "YG_TERM_MISSING",
		    "请填写合同终止日期,或注明“无固定期限”");
		return 0;
	}
	if (r->open_ended)
		return ok;
	if (valid_date(r->contract_end, end) != VALID_OK) {
		form_error_addf(errs, prefix, "contract_end", "YG_DATE_INVALID",
		    "合同终止日期不是有效日期");
		return 0;
	}
	if (ok && hdate_cmp(start, end) > 0) {
		form_error_addf(errs, prefix, "contract_end", "YG_TERM_ORDER",
		    "合同终止日期(%s)不能早于合同起始日期(%s)",
		    r->contract_end, r->contract_start);
		return 0;
	}
	return ok;
}

/* 用工之日: a date, not later than today + future_days, not before the
 * person is min_age, not after the contract's end. */
static void
yg_rule_hire(const struct yonggong_row *r, const struct hdate *today,
    long long future_days, long long min_age, const struct idcard *ic,
    int term_ok, const struct hdate *end, const char *prefix,
    struct form_errors *errs)
{
	struct hdate	 h, lim, adult;
	char		 buf[11];

	if (valid_date(r->hire_date, &h) != VALID_OK) {
		form_error_addf(errs, prefix, "hire_date", "YG_DATE_INVALID",
		    "用工之日不是有效日期");
		return;
	}
	lim = *today;
	hdate_add_days(&lim, (long)future_days);
	if (hdate_cmp(&h, &lim) > 0) {
		hdate_fmt(&lim, buf);
		form_error_addf(errs, prefix, "hire_date", "YG_HIRE_FUTURE",
		    "用工之日不能晚于 %s(最多可提前%lld日备案)", buf,
		    future_days);
	}
	if (ic != NULL) {
		adult = ic->birth;
		adult.year += (int)min_age;
		if (adult.month == 2 && adult.day == 29)
			adult.day = 28;	/* a 2-29 birthday in a common year */
		if (hdate_cmp(&h, &adult) < 0) {
			hdate_fmt(&adult, buf);
			form_error_addf(errs, prefix, "hire_date", "YG_UNDER_AGE",
			    "用工之日该职工未满%lld周岁(%s 年满),不得招用未满%lld"
			    "周岁的未成年人", min_age, buf, min_age);
		}
	}
	if (term_ok && !r->open_ended && hdate_cmp(&h, end) > 0)
		form_error_addf(errs, prefix, "hire_date", "YG_HIRE_AFTER_END",
		    "用工之日不能晚于合同终止日期(%s)", r->contract_end);
}

/* See yonggong.h. */
size_t
yonggong_rules_plain(const struct yonggong_row *row,
    const struct hdate *today, long long future_days, long long min_age,
    const char *prefix, struct form_errors *errs)
{
	struct idcard	 ic;
	struct hdate	 start, end;
	size_t		 n0 = errs->n;
	int		 id_ok, term_ok;

	memset(&end, 0, sizeof(end));
	id_ok = yg_rule_idcard(row, today, prefix, errs, &ic);
	yg_rule_choices(row, prefix, errs);
	term_ok = yg_rule_term(row, prefix, errs, &start, &end);
	yg_rule_hire(row, today, future_days, min_age, id_ok ? &ic : NULL,
	    term_ok, &end, prefix, errs);
	return errs->n - n0;
}

/* The region of unit_id into region[regionsz] ("*" when unknown).
 * Returns 0 or -1. */
static int
yg_region(struct store *s, int64_t unit_id, char *region, size_t regionsz)
{
	struct store_stmt	*st;
	int			 rc;

	yg_copy(region, regionsz, "*");
	if ((st = store_stmt(s, yg_sql[YG_STMT_REGION])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		yg_copy(region, regionsz, store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* A person on file keeps his 姓名.  Returns 0 or -1. */
static int
yg_rule_person(struct store *s, const struct yonggong_row *r,
    const char *prefix, struct form_errors *errs)
{
	char	 name[64];
	int64_t	 id;
	int	 rc;

	if ((rc = person_on_file(s, r->idno, &id, name, sizeof(name))) < 0)
		return -1;
	if (rc == 0 && strcmp(name, r->name) != 0)
		form_error_addf(errs, prefix, "name", "YG_NAME_MISMATCH",
		    "姓名与该身份证号已登记的姓名不一致,请核对姓名;"
		    "如登记信息有误,请持身份证件到经办机构更正");
	return 0;
}

/* 全日制 at one unit at a time; no second 在职 全日制 here.  Returns 0
 * or -1. */
static int
yg_rule_fulltime(struct store *s, int64_t unit_id,
    const struct yonggong_row *r, const char *prefix,
    struct form_errors *errs)
{
	char	 cno[48];
	int	 here, elsewhere;

	if (emp_fulltime(s, r->idno, unit_id, &here, cno, &elsewhere) != 0)
		return -1;
	if (here)
		form_error_addf(errs, prefix, "sfzh", "YG_DUPLICATE",
		    "该职工在本单位已有在职的全日制用工备案(合同编号 %s),"
		    "不能重复备案", cno);
	else if (elsewhere && strcmp(r->work_form, "全日制") == 0)
		form_error_addf(errs, prefix, "work_form", "YG_FULLTIME_ELSEWHERE",
		    "该职工在其他单位有在职的全日制用工备案,不能在本单位登记为"
		    "全日制用工。请原单位先为其办理退工登记,退工办结后再来备案;"
		    "如确为非全日制用工,请将用工形式改为非全日制");
	return 0;
}

/* No unfinished 用工备案 of the person here besides task_id.  Returns 0
 * or -1. */
static int
yg_rule_open_task(struct store *s, int64_t unit_id, int64_t task_id,
    const struct yonggong_row *r, const char *prefix,
    struct form_errors *errs)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, yg_sql[YG_STMT_OPEN_TASK])) == NULL ||
	    store_bind_text(st, 1, r->idno) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_int(st, 3, task_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		form_error_addf(errs, prefix, "sfzh", "YG_OPEN_TASK",
		    "该职工已有未办结的用工备案(业务顺序号 %s),请到首页「待办」"
		    "中继续办理,不要重复备案", store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See yonggong.h. */
int
yonggong_open_state(struct store *s, int64_t unit_id, const char *idno,
    char seq[32])
{
	struct store_stmt	*st;
	int			 rc, submitted;

	seq[0] = '\0';
	if ((st = store_stmt(s, yg_sql[YG_STMT_OPEN_STATE])) == NULL ||
	    store_bind_text(st, 1, idno) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) != STORE_ROW) {
		store_reset(st);
		return -1;
	}
	submitted = store_col_int(st, 0) != 0;
	if (store_col_text(st, 1) != NULL)
		text_copy(seq, 32, store_col_text(st, 1));
	store_reset(st);
	return submitted ? 2 : seq[0] != '\0' ? 1 : 0;
}

/* 合同编号 is unique: no registration has it, nor an unfinished 用工备案
 * other than this row.  Returns 0 or -1. */
static int
yg_rule_contract(struct store *s, int64_t task_id,
    const struct yonggong_row *r, const char *prefix,
    struct form_errors *errs)
{
	struct store_stmt	*st;
	int64_t			 n;
	int			 rc;

	if (r->contract_no[0] == '\0')
		return 0;
	if ((rc = emp_contract_taken(s, r->contract_no)) < 0)
		return -1;
	if (rc > 0) {
		form_error_addf(errs, prefix, "contract_no", "YG_CONTRACT_TAKEN",
		    "合同编号 %s 已有用工备案使用,合同编号须唯一,请核对",
		    r->contract_no);
		return 0;
	}
	if ((st = store_stmt(s, yg_sql[YG_STMT_CONTRACT_PENDING])) == NULL ||
	    store_bind_text(st, 1, r->contract_no) != 0 ||
	    store_bind_int(st, 2, task_id) != 0 ||
	    store_bind_int(st, 3, r->row_no) != 0 ||
	    store_step_int(st, 0, &n) != STORE_ROW)
		return -1;
	if (n != 0)
		form_error_addf(errs, prefix, "contract_no", "YG_CONTRACT_PENDING",
		    "合同编号 %s 已在其他未办结的用工备案中使用,合同编号须唯一,"
		    "请核对", r->contract_no);
	return 0;
}

/* See yonggong.h. */
int
yonggong_rules(struct store *s, int64_t unit_id, int64_t task_id,
    const struct yonggong_row *row, const struct hdate *today,
    const char *prefix, struct form_errors *errs)
{
	long long	 future, age;
	char		 region[16];
	struct idcard	 ic;

	if (yg_region(s, unit_id, region, sizeof(region)) != 0 ||
	    policy_int(s, region, "yonggong.future_days", today, 30,
	    &future) < 0 ||
	    policy_int(s, region, "yonggong.min_age", today, 16, &age) < 0)
		return -1;
	yonggong_rules_plain(row, today, future, age, prefix, errs);
	if (valid_idcard(row->idno, NULL, &ic) != VALID_OK)
		return 0;	/* the store knows nothing of a bad number */
	if (yg_rule_person(s, row, prefix, errs) != 0 ||
	    yg_rule_fulltime(s, unit_id, row, prefix, errs) != 0 ||
	    yg_rule_open_task(s, unit_id, task_id, row, prefix, errs) != 0 ||
	    yg_rule_contract(s, task_id, row, prefix, errs) != 0)
		return -1;
	return 0;
}

/* See yonggong.h. */
int
yonggong_deadline_days(struct store *s, int64_t unit_id,
    const struct hdate *on, long long *days)
{
	char	 region[16];

	if (yg_region(s, unit_id, region, sizeof(region)) != 0 ||
	    policy_int(s, region, "yonggong.deadline_days", on, 30,
	    days) < 0)
		return -1;
	return 0;
}

/* See yonggong.h. */
int
yonggong_is_late(struct store *s, int64_t unit_id, const char *hire_date,
    const struct hdate *on)
{
	struct hdate	 d;
	long long	 days;

	if (valid_date(hire_date, &d) != VALID_OK)
		return 0;
	if (yonggong_deadline_days(s, unit_id, on, &days) != 0)
		return -1;
	return hdate_diff(&d, on) > days;
}

/* ---- Rows in the store ---- */

/* Fills r from the current row of a statement selecting YG_COLUMNS. */
static void
yg_row_read(struct store_stmt *st, struct yonggong_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(st, 0);
	r->task_id = store_col_int64(st, 1);
	r->row_no = store_col_int(st, 2);
	r->person_id = store_col_int64(st, 3);
	r->employment_id = store_col_int64(st, 4);
	yg_copy(r->name, sizeof(r->name), store_col_text(st, 5));
	yg_copy(r->idno, sizeof(r->idno), store_col_text(st, 6));
	yg_copy(r->sex, sizeof(r->sex), store_col_text(st, 7));
	yg_copy(r->birth, sizeof(r->birth), store_col_text(st, 8));
	yg_copy(r->hukou_type, sizeof(r->hukou_type), store_col_text(st, 9));
	yg_copy(r->phone, sizeof(r->phone), store_col_text(st, 10));
	yg_copy(r->education, sizeof(r->education), store_col_text(st, 11));
	yg_copy(r->work_form, sizeof(r->work_form), store_col_text(st, 12));
	yg_copy(r->category, sizeof(r->category), store_col_text(st, 13));
	yg_copy(r->contract_no, sizeof(r->contract_no),
	    store_col_text(st, 14));
	yg_copy(r->contract_start, sizeof(r->contract_start),
	    store_col_text(st, 15));
	yg_copy(r->contract_end, sizeof(r->contract_end),
	    store_col_text(st, 16));
	r->open_ended = store_col_int(st, 17) != 0;
	yg_copy(r->post, sizeof(r->post), store_col_text(st, 18));
	yg_copy(r->job_type, sizeof(r->job_type), store_col_text(st, 19));
	r->wage_fen = store_col_int64(st, 20);
	yg_copy(r->hire_date, sizeof(r->hire_date), store_col_text(st, 21));
	r->late = store_col_int(st, 22) != 0;
}

/* See yonggong.h. */
int
yonggong_row_load(struct store *s, int64_t task_id, int row_no,
    struct yonggong_row *row)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, yg_sql[YG_STMT_ROW_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		yg_row_read(st, row);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* See yonggong.h. */
int
yonggong_row_save(struct store *s, const struct yonggong_row *r)
{
	struct store_stmt	*st;

	st = store_stmt(s, yg_sql[YG_STMT_ROW_SAVE]);
	if (st == NULL || store_bind_int(st, 1, r->task_id) != 0 ||
	    store_bind_int(st, 2, r->row_no) != 0 ||
	    store_bind_int(st, 3, r->person_id) != 0 ||
	    store_bind_text(st, 4, r->name) != 0 ||
	    store_bind_text(st, 5, r->idno) != 0 ||
	    store_bind_text(st, 6, r->sex) != 0 ||
	    store_bind_text(st, 7, r->birth) != 0 ||
	    store_bind_text(st, 8, r->hukou_type) != 0 ||
	    store_bind_text(st, 9, r->phone) != 0 ||
	    store_bind_text(st, 10, r->education) != 0 ||
	    store_bind_text(st, 11, r->work_form) != 0 ||
	    store_bind_text(st, 12, r->category) != 0 ||
	    store_bind_text(st, 13, r->contract_no) != 0 ||
	    store_bind_text(st, 14, r->contract_start) != 0 ||
	    store_bind_text(st, 15, r->contract_end) != 0 ||
	    store_bind_int(st, 16, r->open_ended) != 0 ||
	    store_bind_text(st, 17, r->post) != 0 ||
	    store_bind_text(st, 18, r->job_type) != 0 ||
	    store_bind_int(st, 19, r->wage_fen) != 0 ||
	    store_bind_text(st, 20, r->hire_date) != 0 ||
	    store_bind_int(st, 21, r->late) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* See yonggong.h. */
int
yonggong_rows(struct store *s, int64_t task_id,
    void (*fn)(const struct yonggong_row *row, void *arg), void *arg)
{
	struct yonggong_row	*row;
	struct store_stmt	*st;
	int			 rc, n = 0;

	if ((row = malloc(sizeof(*row))) == NULL)
		return -1;
	if ((st = store_stmt(s, yg_sql[YG_STMT_ROWS])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0) {
		free(row);
		return -1;
	}
	while ((rc = store_step(st)) == STORE_ROW) {
		yg_row_read(st, row);
		fn(row, arg);
		n++;
	}
	store_reset(st);
	free(row);
	return rc == STORE_DONE ? n : -1;
}

/* See yonggong.h.  The form's task gets its row 0 in the transaction
 * that creates it and never loses it; a batch never has one. */
int
yonggong_is_batch(struct store *s, int64_t task_id)
{
	int64_t	 n;

	if (store_int(s, yg_sql[YG_STMT_IS_BATCH], task_id, 0, &n) != 0)
		return -1;
	return n != 0;
}

/* Sets tasks.overdue of task_id.  Returns 0 or -1. */
static int
yg_task_late(struct store *s, int64_t task_id, int late)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, yg_sql[YG_STMT_TASK_LATE])) == NULL ||
	    store_bind_int(st, 1, late) != 0 ||
	    store_bind_int(st, 2, task_id) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* See yonggong.h. */
int
yonggong_save(struct store *s, const struct actor *who,
    const struct task *task, struct yonggong_row *r, const char *dedup_key,
    int64_t *id, int *created, struct form_errors *errs)
{
	struct hdate	 on, today;
	char		 summary[160], object[40];
	int		 late, rc;

	snprintf(summary, sizeof(summary), "%s %s %s", r->name, r->work_form,
	    r->hire_date);
	clock_today(&on);
	if ((task != NULL && wf_first_submitted(s, task->id, &on) != 0) ||
	    (late = yonggong_is_late(s, who->unit_id, r->hire_date, &on)) < 0)
		return -1;
	r->late = late;
	if (store_begin(s) != 0)
		return -1;
	if ((rc = wf_save_draft(s, YG_BUSINESS, who, task, summary,
	    dedup_key, id, created)) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	r->task_id = *id;
	r->row_no = 0;
	clock_today(&today);
	if (yonggong_rules(s, who->unit_id, *id, r, &today, NULL, errs) != 0) {
		store_rollback(s);
		return -1;
	}
	if (errs->n > 0) {
		store_rollback(s);
		*created = 0;
		return 1;
	}
	snprintf(object, sizeof(object), "task:%" PRId64, *id);
	if (yonggong_row_save(s, r) != 0 || yg_task_late(s, *id, late) != 0 ||
	    audit_append(s, who, "yonggong.save", object, summary) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* See yonggong.h.  Counted by the store (migration 15), so the rate
 * never reads the unit's history. */
int
yonggong_timeliness(struct store *s, int64_t unit_id, long long *on_time,
    long long *total)
{
	return tally_yonggong(s, unit_id, on_time, total);
}

/* ---- The business ---- */

/* What the check of a task carries from row to row. */
struct yg_checkarg {
	struct store		*s;
	int64_t			 unit_id;
	int64_t			 task_id;
	struct hdate		 today;
	struct hdate		 on;		/* the day 逾期 counts to */
	struct form_errors	*errs;
	int			 batch;
	int			 failed;
	int64_t			*ids;		/* each row's id and 逾期 */
	unsigned char		*late;
	size_t			 n, cap;
};

/* Keeps row id's 逾期 flag for yg_late_save.  Returns 0 or -1. */
static int
yg_late_add(struct yg_checkarg *a, int64_t id, int late)
{
	void	*p;
	size_t	 cap;

	if (a->n == a->cap) {
		cap = a->cap == 0 ? 16 : a->cap * 2;
		if (cap > SIZE_MAX / sizeof(int64_t) ||
		    (p = realloc(a->ids, cap * sizeof(int64_t))) == NULL)
			return -1;
		a->ids = p;
		if ((p = realloc(a->late, cap)) == NULL)
			return -1;
		a->late = p;
		a->cap = cap;
	}
	a->ids[a->n] = id;
	a->late[a->n++] = (unsigned char)late;
	return 0;
}

/* yonggong_rows callback: the rules of one row and its 逾期 flag. */
static void
yg_check_row(const struct yonggong_row *row, void *arg)
{
	struct yg_checkarg	*a = arg;
	char			 prefix[128];
	int			 late;

	if (a->failed)
		return;
	prefix[0] = '\0';
	if (a->batch)
		snprintf(prefix, sizeof(prefix), "第%d行(%s): ", row->row_no,
		    row->name);
	if (yonggong_rules(a->s, a->unit_id, a->task_id, row, &a->today,
	    prefix, a->errs) != 0 ||
	    (late = yonggong_is_late(a->s, a->unit_id, row->hire_date,
	    &a->on)) < 0 || yg_late_add(a, row->id, late) != 0)
		a->failed = 1;
}

/* Sets up a for task_id.  Returns 0 or -1. */
static int
yg_checkarg_init(struct yg_checkarg *a, struct store *s, int64_t task_id,
    struct form_errors *errs)
{
	struct task	 t;

	memset(a, 0, sizeof(*a));
	if (wf_load(s, task_id, 0, &t) != 0)
		return -1;
	a->s = s;
	a->unit_id = t.unit_id;
	a->task_id = task_id;
	a->errs = errs;
	clock_today(&a->today);
	if ((a->batch = yonggong_is_batch(s, task_id)) < 0 ||
	    wf_first_submitted(s, task_id, &a->on) != 0)
		return -1;
	return 0;
}

/* Saves the 逾期 flags the check found, and the task's.  Returns 0 or
 * -1. */
static int
yg_late_save(struct store *s, const struct yg_checkarg *a)
{
	struct store_stmt	*st;
	size_t			 i;
	int			 any = 0;

	for (i = 0; i < a->n; i++) {
		any |= a->late[i];
		if ((st = store_stmt(s, yg_sql[YG_STMT_ROW_LATE])) == NULL ||
		    store_bind_int(st, 1, a->late[i]) != 0 ||
		    store_bind_int(st, 2, a->ids[i]) != 0 ||
		    store_exec_stmt(s, st) != 0)
			return -1;
	}
	return yg_task_late(s, a->task_id, any);
}

/* The workflow's check: every rule over every row, the 劳动合同 scan,
 * and the 逾期 flags as of the first submission. */
static int
yg_business_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	const struct material	*m;
	struct yg_checkarg	 a;
	int			 n, rc = -1, has;

	if (yg_checkarg_init(&a, s, task_id, errs) != 0)
		goto out;
	if ((n = yonggong_rows(s, task_id, yg_check_row, &a)) < 0 ||
	    a.failed || yg_late_save(s, &a) != 0)
		goto out;
	if (n == 0)
		form_error_addf(errs, NULL, "", "YG_NO_ROWS", "没有可提交的用工备案人员");
	if ((has = attach_has(s, task_id, 0, YG_MATERIAL)) < 0)
		goto out;
	m = attach_material(YG_MATERIAL);
	if (!has)
		form_error_addf(errs, NULL, "attachments", "YG_MISSING_ATTACH",
		    "缺少附件: %s", m != NULL ? m->name : "劳动合同复印件");
	rc = 0;
out:
	free(a.ids);
	free(a.late);
	return rc;
}

/* See yonggong.h. */
int
yonggong_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct yg_checkarg	 a;
	int			 rc = -1;

	if (yg_checkarg_init(&a, s, task_id, errs) == 0 &&
	    yonggong_rows(s, task_id, yg_check_row, &a) >= 0 && !a.failed)
		rc = 0;
	free(a.ids);
	free(a.late);
	return rc;
}

/* The rows of a task, collected for the effect (which writes). */
struct yg_list {
	struct yonggong_row	*rows;
	size_t			 n, cap;
	int			 failed;
};

/* yonggong_rows callback: keeps a copy of the row. */
static void
yg_collect(const struct yonggong_row *row, void *arg)
{
	struct yg_list	*l = arg;
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

/* Registers row r of unit_id made by task_id at now: the person (new
 * ones created), the 在职 employment with its contract, and the row's
 * record of both.  Returns 0 or -1. */
static int
yg_register(struct store *s, int64_t unit_id, int64_t task_id,
    const struct yonggong_row *r, const char *now)
{
	struct employment	 e;
	struct person		 p;
	struct store_stmt	*st;
	char			 name[64];
	int64_t			 pid, eid;
	int			 rc;

	if ((rc = person_on_file(s, r->idno, &pid, name, sizeof(name))) < 0)
		return -1;
	if (rc == 1) {
		memset(&p, 0, sizeof(p));
		yg_copy(p.idno, sizeof(p.idno), r->idno);
		yg_copy(p.name, sizeof(p.name), r->name);
		yg_copy(p.sex, sizeof(p.sex), r->sex);
		yg_copy(p.birth, sizeof(p.birth), r->birth);
		yg_copy(p.hukou_type, sizeof(p.hukou_type), r->hukou_type);
		yg_copy(p.education, sizeof(p.education), r->education);
		yg_copy(p.mobile, sizeof(p.mobile), r->phone);
		if (person_create(s, &p, &pid) != 0)
			return -1;
	}
	memset(&e, 0, sizeof(e));
	e.person_id = pid;
	e.unit_id = unit_id;
	yg_copy(e.reg_type, sizeof(e.reg_type), "单位用工备案");
	yg_copy(e.contract_no, sizeof(e.contract_no), r->contract_no);
	yg_copy(e.start_date, sizeof(e.start_date), r->contract_start);
	if (!r->open_ended)
		yg_copy(e.end_date, sizeof(e.end_date), r->contract_end);
	yg_copy(e.post, sizeof(e.post), r->post);
	yg_copy(e.job_type, sizeof(e.job_type), r->job_type);
	e.wage_fen = r->wage_fen;
	yg_copy(e.category, sizeof(e.category), r->category);
	yg_copy(e.work_form, sizeof(e.work_form), r->work_form);
	yg_copy(e.hire_date, sizeof(e.hire_date), r->hire_date);
	e.reg_task_id = task_id;
	e.late = r->late;
	if (emp_insert(s, &e, now, &eid) != 0)
		return -1;
	if ((st = store_stmt(s, yg_sql[YG_STMT_ROW_MADE])) == NULL ||
	    store_bind_int(st, 1, pid) != 0 || store_bind_int(st, 2, eid) != 0 ||
	    store_bind_int(st, 3, r->id) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* The workflow's effect on approval: each row's person 在职 here with
 * the contract registered. */
static int
yg_business_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct yg_list	 l;
	struct task	 t;
	char		 now[20], object[40], detail[48];
	size_t		 i;
	int		 rc = -1;

	memset(&l, 0, sizeof(l));
	if (wf_load(s, task_id, 0, &t) != 0 ||
	    yonggong_rows(s, task_id, yg_collect, &l) < 0 || l.failed)
		goto out;
	clock_fmt(clock_now(), now);
	for (i = 0; i < l.n; i++)
		if (yg_register(s, t.unit_id, task_id, &l.rows[i], now) != 0) {
			log_err("yonggong: task %" PRId64 ": row %d not "
			    "registered", task_id, l.rows[i].row_no);
			goto out;
		}
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "employments registered=%zu", l.n);
	rc = audit_append(s, who, "yonggong.apply", object, detail);
out:
	free(l.rows);
	return rc;
}

/* Describes row 0 of a single 用工备案. */
static void
yg_describe_row(const struct yonggong_row *r,
    void (*field)(void *, const char *, const char *), void *arg)
{
	char	 buf[128];

	field(arg, "姓名", r->name);
	field(arg, "身份证号", r->idno);
	field(arg, "性别", r->sex);
	field(arg, "出生日期", r->birth);
	field(arg, "户籍类型", r->hukou_type);
	field(arg, "联系电话", r->phone);
	field(arg, "文化程度", r->education[0] != '\0' ? r->education : "—");
	field(arg, "用工形式", r->work_form);
	field(arg, "用工范围", r->category);
	field(arg, "用工之日", r->hire_date);
	field(arg, "合同编号", r->contract_no);
	if (r->open_ended)
		snprintf(buf, sizeof(buf), "无固定期限(自 %s 起)",
		    r->contract_start);
	else
		snprintf(buf, sizeof(buf), "%s 至 %s", r->contract_start,
		    r->contract_end);
	field(arg, "合同期限", buf);
	field(arg, "岗位", r->post);
	field(arg, "工种", r->job_type[0] != '\0' ? r->job_type : "—");
	snprintf(buf, sizeof(buf), "%" PRId64 ".%02" PRId64 " 元",
	    r->wage_fen / 100, r->wage_fen % 100);
	field(arg, "月工资", buf);
	field(arg, "逾期", r->late ? "是(超过30日备案)" : "否");
}

/* A batch's names and 逾期 count for describe. */
struct yg_names {
	struct rows_names	 l;
	size_t			 late;
};

/* yonggong_rows callback: one name. */
static void
yg_name_row(const struct yonggong_row *r, void *arg)
{
	struct yg_names	*a = arg;

	rows_names_add(&a->l, r->name);
	a->late += r->late != 0;
}

/* The workflow's describe: the facts for the reviewer desk and the
 * printouts. */
static int
yg_business_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct yonggong_row	 row;
	struct yg_names		*a;
	char			 buf[64];
	int			 batch, rc;

	if ((batch = yonggong_is_batch(s, task_id)) < 0)
		return -1;
	if (!batch) {
		if ((rc = yonggong_row_load(s, task_id, 0, &row)) < 0)
			return -1;
		if (rc == 0)
			yg_describe_row(&row, field, arg);
		return 0;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	if (yonggong_rows(s, task_id, yg_name_row, a) < 0) {
		free(a);
		return -1;
	}
	field(arg, "业务类型", "批量用工备案");
	snprintf(buf, sizeof(buf), "%zu", a->l.n);
	field(arg, "人数", buf);
	rows_names_field(&a->l, field, arg);
	snprintf(buf, sizeof(buf), "%zu", a->late);
	field(arg, "逾期人数", buf);
	free(a);
	return 0;
}

/* The facts the rows hook gives per person, in its SELECT's order. */
static const char *const yg_row_labels[] = { "用工形式", "用工之日",
	"合同编号" };

/* The rows hook.  Returns the rows walked or -1. */
static int
yg_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, yg_sql[YG_STMT_WF_ROWS], task_id, yg_row_labels,
	    3, fn, arg);
}

/* The rows_page hook: one page of the rows.  Returns the rows walked
 * or -1. */
static int
yg_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, yg_sql[YG_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, yg_row_labels, 3, fn, arg);
}

/* The rows_find hook: the rows of a 身份证号, through the index on
 * (idno, task_id), reading no others.  Returns the rows walked or -1. */
static int
yg_wf_rows_find(struct store *s, int64_t task_id, const char *idno,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_find(s, yg_sql[YG_STMT_WF_ROWS_FIND], task_id, idno,
	    yg_row_labels, 3, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
yg_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, yg_sql[YG_STMT_ROW_COUNT], task_id, 0, n);
}

/* The row_delete hook: a batch row (row 0, the form's, stays).
 * Returns 0, 1 none, -1 error. */
static int
yg_row_delete(struct store *s, int64_t task_id, int row_no)
{
	if (row_no <= 0)
		return 1;
	return rows_delete(s, yg_sql[YG_STMT_ROW_DELETE], task_id, row_no);
}

/* The rows_move hook: batch rows to another task.  Returns 0, 1 when a
 * row is not there (or is row 0), -1 on error. */
static int
yg_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (row_nos[i] <= 0)
			return 1;
	return rows_move(s, yg_sql[YG_STMT_ROWS_MOVE], task_id, to_task,
	    row_nos, n);
}

static const struct wf_menu yg_menu[] = {
	{ "用工备案", "/yonggong" },
	{ "批量用工备案", "/yonggong/batch" },
	{ NULL, NULL }
};

static const struct wf_receipt yg_receipts[] = {
	{ "yonggong", "用工备案表", "yonggong", "YG" },
	{ NULL, NULL, NULL, NULL }
};

/* 《用工备案表》 bears the 公共就业服务机构's seal. */
static const struct wf_issuer yg_issuers[] = {
	{ "yonggong", 1, "用工备案专用章" },
	{ NULL, 0, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const yg_receipt_facts[] = {
	"用工形式", "用工之日", "合同编号", NULL
};

const struct wf_business yonggong_business = {
	.issuers = yg_issuers,
	.code = YG_BUSINESS,
	.name = "用工备案",
	.path = "/yonggong",
	.review_days_min = 1,
	.review_days_max = 3,
	.check = yg_business_check,
	.apply = yg_business_apply,
	.describe = yg_business_describe,
	.category = "jiuye",
	.menu = yg_menu,
	.receipts = yg_receipts,
	.batch = &yonggong_batch,
	.rows = yg_wf_rows,
	.row_count = yg_row_count,
	.row_delete = yg_row_delete,
	.rows_move = yg_rows_move,
	.rows_page = yg_wf_rows_page,
	.rows_find = yg_wf_rows_find,
	.receipt_facts = yg_receipt_facts,
};

/* ---- The batch ---- */

static const char *const yg_columns[YGC__MAX + 1] = {
	"姓名",				/* YGC_NAME */
	"身份证号",			/* YGC_SFZH */
	"户籍类型",			/* YGC_HUKOU */
	"联系电话",			/* YGC_PHONE */
	"文化程度",			/* YGC_EDUCATION */
	"用工形式",			/* YGC_WORK_FORM */
	"用工范围",			/* YGC_CATEGORY */
	"合同编号",			/* YGC_CONTRACT_NO */
	"合同起始日期",			/* YGC_CONTRACT_START */
	"合同终止日期(或无固定期限)",	/* YGC_CONTRACT_END */
	"岗位",				/* YGC_POST */
	"工种",				/* YGC_JOB_TYPE */
	"月工资(元)",			/* YGC_WAGE */
	"用工之日",			/* YGC_HIRE_DATE */
	NULL
};

static const char *const yg_example[YGC__MAX + 1] = {
	"张三", "11010519491231002X", "城镇", "13800000000", "大学本科",
	"全日制", "合同制", "HT2026-0001", "2026-01-01", "2028-12-31",
	"会计", "", "6000.00", "2026-01-01", NULL
};

/* Cell i trimmed of white space into dst[dstsz] ("" when absent). */
static void
yg_cell(const char *const *cells, size_t ncells, size_t i, char *dst,
    size_t dstsz)
{
	text_copy_trim(dst, dstsz, i < ncells ? cells[i] : NULL);
}

/* A date cell (2026/1/5 and 2026.01.05 read as 2026-01-05) into
 * out[11], or its text when it is no date (the rules say so). */
static void
yg_cell_date(const char *const *cells, size_t ncells, size_t i,
    char out[11])
{
	struct hdate	 d;
	char		 buf[32], norm[16], *p;
	int		 y, m, dd, used = 0;

	yg_cell(cells, ncells, i, buf, sizeof(buf));
	for (p = buf; *p != '\0'; p++)
		if (*p == '/' || *p == '.')
			*p = '-';
	/* 2026-3-5 as 2026-03-05; anything else as typed. */
	if (sscanf(buf, "%4d-%2d-%2d%n", &y, &m, &dd, &used) == 3 &&
	    buf[used] == '\0' && y > 0 && m > 0 && dd > 0) {
		snprintf(norm, sizeof(norm), "%04d-%02d-%02d", y, m, dd);
		yg_copy(buf, sizeof(buf), norm);
	}
	if (valid_date(buf, &d) == VALID_OK)
		hdate_fmt(&d, out);
	else
		yg_copy(out, 11, buf[0] != '\0' ? "?" : "");
}

/* See yonggong.h. */
size_t
yonggong_row_from_cells(const char *const *cells, size_t ncells,
    const struct hdate *today, struct yonggong_row *row,
    struct form_errors *errs)
{
	struct idcard	 ic;
	char		 end[64], wage[32], *p;
	size_t		 n0 = errs->n;

	memset(row, 0, sizeof(*row));
	yg_cell(cells, ncells, YGC_NAME, row->name, sizeof(row->name));
	yg_cell(cells, ncells, YGC_SFZH, row->idno, sizeof(row->idno));
	for (p = row->idno; *p != '\0'; p++)
		if (*p == 'x')
			*p = 'X';
	yg_cell(cells, ncells, YGC_HUKOU, row->hukou_type,
	    sizeof(row->hukou_type));
	yg_cell(cells, ncells, YGC_PHONE, row->phone, sizeof(row->phone));
	yg_cell(cells, ncells, YGC_EDUCATION, row->education,
	    sizeof(row->education));
	yg_cell(cells, ncells, YGC_WORK_FORM, row->work_form,
	    sizeof(row->work_form));
	yg_cell(cells, ncells, YGC_CATEGORY, row->category,
	    sizeof(row->category));
	yg_cell(cells, ncells, YGC_CONTRACT_NO, row->contract_no,
	    sizeof(row->contract_no));
	yg_cell_date(cells, ncells, YGC_CONTRACT_START, row->contract_start);
	yg_cell(cells, ncells, YGC_CONTRACT_END, end, sizeof(end));
	if (strcmp(end, YG_OPEN_ENDED) == 0)
		row->open_ended = 1;
	else
		yg_cell_date(cells, ncells, YGC_CONTRACT_END,
		    row->contract_end);
	yg_cell(cells, ncells, YGC_POST, row->post, sizeof(row->post));
	yg_cell(cells, ncells, YGC_JOB_TYPE, row->job_type,
	    sizeof(row->job_type));
	yg_cell(cells, ncells, YGC_WAGE, wage, sizeof(wage));
	yg_cell_date(cells, ncells, YGC_HIRE_DATE, row->hire_date);
	if (valid_idcard(row->idno, today, &ic) == VALID_OK) {
		yg_copy(row->sex, sizeof(row->sex), ic.male ? "男" : "女");
		hdate_fmt(&ic.birth, row->birth);
	}
	if (row->phone[0] == '\0' || valid_phone(row->phone) != VALID_OK)
		form_error_addf(errs, NULL, "phone", "YG_PHONE_INVALID",
		    "联系电话不能为空,格式须正确");
	if (row->post[0] == '\0' || valid_text(row->post, 30) != VALID_OK ||
	    valid_text(row->job_type, 30) != VALID_OK)
		form_error_addf(errs, NULL, "post", "YG_POST_INVALID",
		    "岗位不能为空,岗位和工种均不超过30字");
	if (valid_money(wage, &row->wage_fen) != VALID_OK)
		row->wage_fen = 0;	/* the rules say so */
	return errs->n - n0;
}

/* batch_spec row_check: the same rules as the form. */
static int
yg_row_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *today, struct form_errors *errs)
{
	struct yonggong_row	 row;

	yonggong_row_from_cells(cells, ncells, today, &row, errs);
	return yonggong_rules(s, unit_id, 0, &row, today, NULL, errs);
}

/* batch_spec row_store: a checked row with its 逾期 flag. */
static int
yg_row_store(struct store *s, int64_t unit_id, int64_t task_id, int row_no,
    const char *const *cells, size_t ncells, const struct hdate *today)
{
	struct form_errors	*scratch;
	struct yonggong_row	 row;
	int			 late;

	if ((scratch = calloc(1, sizeof(*scratch))) == NULL)
		return -1;
	yonggong_row_from_cells(cells, ncells, today, &row, scratch);
	free(scratch);
	row.task_id = task_id;
	row.row_no = row_no;
	if ((late = yonggong_is_late(s, unit_id, row.hire_date, today)) < 0)
		return -1;
	row.late = late;
	if (yonggong_row_save(s, &row) != 0)
		return -1;
	return late ? yg_task_late(s, task_id, 1) : 0;
}

/* How the template shows each column: the drop-downs are the tables
 * the rules check the row against. */
static const struct batch_col yg_cols[YGC__MAX] = {
	{ BATCH_COL_TEXT, NULL, 12 },			/* YGC_NAME */
	{ BATCH_COL_TEXT, NULL, 22 },			/* YGC_SFZH */
	{ BATCH_COL_TEXT, yonggong_hukou_types, 10 },	/* YGC_HUKOU */
	{ BATCH_COL_TEXT, NULL, 15 },			/* YGC_PHONE */
	{ BATCH_COL_TEXT, yonggong_educations, 12 },	/* YGC_EDUCATION */
	{ BATCH_COL_TEXT, yonggong_work_forms, 12 },	/* YGC_WORK_FORM */
	{ BATCH_COL_TEXT, yonggong_categories, 16 },	/* YGC_CATEGORY */
	{ BATCH_COL_TEXT, NULL, 16 },			/* YGC_CONTRACT_NO */
	{ BATCH_COL_DATE, NULL, 14 },			/* YGC_CONTRACT_START */
	{ BATCH_COL_DATE, NULL, 26 },			/* YGC_CONTRACT_END */
	{ BATCH_COL_TEXT, NULL, 12 },			/* YGC_POST */
	{ BATCH_COL_TEXT, NULL, 12 },			/* YGC_JOB_TYPE */
	{ BATCH_COL_TEXT, NULL, 12 },			/* YGC_WAGE */
	{ BATCH_COL_DATE, NULL, 14 },			/* YGC_HIRE_DATE */
};

const struct batch_spec yonggong_batch = {
	YG_BUSINESS, "批量用工备案", yg_columns, yg_example, YGC_NAME,
	YGC_SFZH, yg_row_check, yg_row_store, &yonggong_business,
	NULL, NULL, NULL, yg_cols
};
