/*
 * jianyuan.c: 城镇职工减少 (减员) — the rules 1-11 of SPEC §4 as small
 * functions over struct jy_facts, the loader of those facts, the task
 * (save, check, apply, describe) and the batch row hooks.  See
 * jianyuan.h for the decisions the seeds leave open.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "arrears.h"
#include "attach.h"
#include "audit.h"
#include "batch.h"
#include "clock.h"
#include "jianyuan.h"
#include "log.h"
#include "policy.h"
#include "rows.h"
#include "store.h"
#include "tuigong.h"
#include "valid.h"
#include "wagebase.h"
#include "workflow.h"
#include "xlsx.h"

/* The statements of this module; their SQL is in jy_sql. */
enum jy_stmt {
	JY_STMT_FACTS_PERSON,	/* a person's facts at a unit */
	JY_STMT_EMPLOYED_LATER,	/* 在职 elsewhere since a date */
	JY_STMT_OPEN_REDUCTION,	/* a person's other unfinished 减员 */
	JY_STMT_ASSESSED,	/* whether a unit's period is assessed */
	JY_STMT_DECLARED,	/* whether a unit declared a year's wages */
	JY_STMT_ROW_INSERT,	/* inserts a row */
	JY_STMT_SUMMARY,	/* sets a task's summary */
	JY_STMT_ROWS,	/* a task's rows */
	JY_STMT_TASK_UNIT,	/* a task's unit */
	JY_STMT_MULTI_RELEASE,	/* releases 多重工伤 flags elsewhere */
	JY_STMT_SUSPEND,	/* 暂停缴费 of an insurance */
	JY_STMT_STOP_MONTH,	/* a row's first month not paid */
	JY_STMT_WF_ROWS,	/* a task's rows for the workflow */
	JY_STMT_WF_ROWS_PAGE,	/* a page of them */
	JY_STMT_WF_ROWS_FIND,	/* those of a 身份证号 */
	JY_STMT_ROW_COUNT,	/* how many rows a task has */
	JY_STMT_ROW_DELETE,	/* deletes a row */
	JY_STMT_ROWS_MOVE,	/* moves rows to another task */
	JY_STMT_REDUCTION,	/* a person's latest 减员 at a unit */
	JY_STMT_ROW_OF,	/* a person's row of a task */
	JY_STMT_BATCH_PERSON,	/* a batch row's insured person */
	JY_STMT__MAX
};

/* The SQL of each statement, by enum jy_stmt. */
static const char *const jy_sql[JY_STMT__MAX] = {
	[JY_STMT_FACTS_PERSON] =
	    "SELECT p.name, p.idno, p.sex, p.birth, "
	    "p.female_cadre, u.region, "
	    "COALESCE(i.id, 0), COALESCE(i.status, ''), "
	    "COALESCE(i.start_month, ''), COALESCE(i.last_paid_month, ''), "
	    "COALESCE(i.contrib_months, 0), COALESCE(i.multi_injury, 0), "
	    "COALESCE(e.category, ''), COALESCE(e.is_legal_rep, 0), "
	    "COALESCE(e.id, 0), COALESCE(e.status, ''), "
	    "COALESCE(e.start_date, '') "
	    "FROM persons p JOIN units u ON u.id = ?2 "
	    "LEFT JOIN insurance i ON i.person_id = p.id AND i.unit_id = u.id "
	    "LEFT JOIN employments e ON e.id = COALESCE((SELECT MAX(e2.id) "
	    "  FROM employments e2 WHERE e2.person_id = p.id AND "
	    "  e2.unit_id = u.id AND e2.status = '在职'), (SELECT MAX(e2.id) "
	    "  FROM employments e2 WHERE e2.person_id = p.id AND "
	    "  e2.unit_id = u.id)) "
	    "WHERE p.id = ?1 AND (i.id IS NOT NULL OR e.id IS NOT NULL)", /* JY_STMT_FACTS_PERSON */
	[JY_STMT_EMPLOYED_LATER] =
	    "SELECT EXISTS (SELECT 1 FROM employments "
	    "WHERE person_id = ?1 AND unit_id <> ?2 AND status = '在职' AND "
	    "start_date > ?3)", /* JY_STMT_EMPLOYED_LATER */
	[JY_STMT_OPEN_REDUCTION] =
	    "SELECT t.seq_no FROM jianyuan j JOIN tasks t "
	    "ON t.id = j.task_id WHERE j.person_id = ?1 AND t.unit_id = ?2 "
	    "AND t.id <> ?3 AND t.state IN ('未提交', '进行中') LIMIT 1", /* JY_STMT_OPEN_REDUCTION */
	[JY_STMT_ASSESSED] =
	    "SELECT EXISTS (SELECT 1 FROM assessments "
	    "WHERE unit_id = ?1 AND month = ?2)", /* JY_STMT_ASSESSED */
	[JY_STMT_DECLARED] =
	    "SELECT EXISTS (SELECT 1 FROM "
	    "wage_declarations WHERE unit_id = ?1 AND year = ?2)", /* JY_STMT_DECLARED */
	[JY_STMT_ROW_INSERT] =
	    "INSERT INTO jianyuan (task_id, row_no, "
	    "person_id, insurance_id, name, idno, reason, change_date, "
	    "stop_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", /* JY_STMT_ROW_INSERT */
	[JY_STMT_SUMMARY] =
	    "UPDATE tasks SET summary = ? WHERE "
	    "id = ?", /* JY_STMT_SUMMARY */
	[JY_STMT_ROWS] =
	    "SELECT j.id, j.row_no, COALESCE(j.person_id, "
	    "0), COALESCE(j.insurance_id, 0), j.name, j.idno, "
	    "COALESCE(i.sb_no, ''), j.reason, j.change_date, j.stop_month "
	    "FROM jianyuan j LEFT JOIN insurance i ON i.id = j.insurance_id "
	    "WHERE j.task_id = ? ORDER BY j.row_no", /* JY_STMT_ROWS */
	[JY_STMT_TASK_UNIT] =
	    "SELECT unit_id FROM tasks WHERE id = ?", /* JY_STMT_TASK_UNIT */
	[JY_STMT_MULTI_RELEASE] =
	    "UPDATE insurance SET multi_injury = 0 "
	    "WHERE person_id = ?1 AND unit_id <> ?2 AND multi_injury <> 0 AND "
	    "NOT EXISTS (SELECT 1 FROM insurance o WHERE o.person_id = ?1 AND "
	    "o.unit_id <> insurance.unit_id AND o.unit_id <> ?2 AND "
	    "o.status = '参保缴费')", /* JY_STMT_MULTI_RELEASE */
	[JY_STMT_SUSPEND] =
	    "UPDATE insurance SET status = "
	    "'暂停缴费', stop_month = ? WHERE id = ? AND "
	    "status = '参保缴费'", /* JY_STMT_SUSPEND */
	[JY_STMT_STOP_MONTH] =
	    "UPDATE jianyuan SET stop_month = ? "
	    "WHERE id = ?", /* JY_STMT_STOP_MONTH */
	[JY_STMT_WF_ROWS] =
	    "SELECT row_no, COALESCE(person_id, 0), name, "
	    "idno, reason, change_date, stop_month FROM jianyuan WHERE "
	    "task_id = ?1 ORDER BY row_no", /* JY_STMT_WF_ROWS */
	[JY_STMT_WF_ROWS_PAGE] =
	    "SELECT row_no, COALESCE(person_id, 0), "
	    "name, idno, reason, change_date, stop_month FROM jianyuan WHERE "
	    "task_id = ?1 ORDER BY row_no LIMIT ?3 OFFSET ?2", /* JY_STMT_WF_ROWS_PAGE */
	[JY_STMT_WF_ROWS_FIND] =
	    "SELECT row_no, COALESCE(person_id, 0), "
	    "name, idno, reason, change_date, stop_month FROM jianyuan WHERE "
	    "task_id = ?1 AND idno = ?2 ORDER BY row_no", /* JY_STMT_WF_ROWS_FIND */
	[JY_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM jianyuan WHERE "
	    "task_id = ?1", /* JY_STMT_ROW_COUNT */
	[JY_STMT_ROW_DELETE] =
	    "DELETE FROM jianyuan WHERE task_id = ?1 AND "
	    "row_no = ?2", /* JY_STMT_ROW_DELETE */
	[JY_STMT_ROWS_MOVE] =
	    "UPDATE jianyuan SET task_id = ?1 WHERE "
	    "task_id = ?2 AND row_no = ?3", /* JY_STMT_ROWS_MOVE */
	[JY_STMT_REDUCTION] =
	    "SELECT t.id, t.seq_no, t.state, "
	    "j.change_date, j.stop_month, j.reason FROM jianyuan j JOIN "
	    "tasks t ON t.id = j.task_id WHERE j.person_id = ?1 AND "
	    "t.unit_id = ?2 AND t.state <> '退单' ORDER BY t.id DESC "
	    "LIMIT 1", /* JY_STMT_REDUCTION */
	[JY_STMT_ROW_OF] =
	    "SELECT row_no, name, idno, reason, "
	    "change_date, stop_month FROM jianyuan WHERE task_id = ?1 AND "
	    "person_id = ?2 ORDER BY row_no LIMIT 1", /* JY_STMT_ROW_OF */
	[JY_STMT_BATCH_PERSON] =
	    "SELECT p.id, p.name FROM persons p JOIN "
	    "insurance i ON i.person_id = p.id AND i.unit_id = ?2 "
	    "WHERE p.idno = ?1", /* JY_STMT_BATCH_PERSON */
};

const char *const jy_reason_names[JY_REASON__MAX + 1] = {
	"停缴费",			/* JY_STOP */
	"退休",				/* JY_RETIRE */
	"死亡",				/* JY_DEATH */
	"出国定居",			/* JY_EMIGRATE */
	"解除多重劳动关系(工伤)",	/* JY_MULTI */
	NULL
};

/* The requirements the rules can make (static, borrowed by outcomes). */
static const struct jy_need need_rule4 = { 4,
	"职工或编制外工作人员(如用工范围「合同制」)减少时,"
	"未匹配本单位退工信息或新单位用工信息的,需上传以下材料之一:"
	"退工花名册、新单位的用工备案表(用工覆盖)、解除劳动关系证明书(之前未作用工的)",
	{ "tuigong_huamingce", "xin_yonggong_beian", "jiechu_guanxi_zhengming",
	  NULL } };
static const struct jy_need need_rule5 = { 5,
	"用工范围为「公务员」(含公务员(公务员补助)、公务员(门大))、「事业编制」、"
	"「合同制工人」或「未确定用工范围」的人员减少时,需上传以下附件之一:"
	"工作人员调令、任免文件或辞职辞退相关的文件材料"
	"(用工范围「合同制」的职工不适用本条,按第4条)",
	{ "diaoling", "renmian_wenjian", "cizhi_citui_wenjian", NULL } };
static const struct jy_need need_rule6 = { 6,
	"人员用工范围为农籍工,无论是否存在本单位退工信息或新单位就业信息,"
	"均需上传以下材料之一:退工花名册、新单位的用工备案表(用工覆盖)、解除劳动关系证明书",
	{ "tuigong_huamingce", "xin_yonggong_beian", "jiechu_guanxi_zhengming",
	  NULL } };
static const struct jy_need need_rule7 = { 7,
	"人员为法人且无新单位的用工信息,需上传以下材料之一:"
	"法人新单位用工备案表、新法人营业执照或原单位法人变更后的营业执照、原单位注销表",
	{ "faren_xindanwei_beian", "xin_yingye_zhizhao", "yuandanwei_zhuxiao",
	  NULL } };
static const struct jy_need need_rule8_death = { 8,
	"减少原因为“死亡”时,需上传居民死亡医学证明书或其他死亡证明材料",
	{ "siwang_zhengming", NULL } };
static const struct jy_need need_rule8_passport = { 8,
	"减少原因为“出国定居”时,需上传定居国护照",
	{ "huzhao", NULL } };
static const struct jy_need need_rule8_xiaohu = { 8,
	"减少原因为“出国定居”时,需上传公安户籍管理部门出具的销户证明",
	{ "xiaohu_zhengming", NULL } };
static const struct jy_need need_rule8_multi = { 8,
	"减少原因为“解除多重劳动关系(工伤)”时,需上传职工签字的辞职报告或职工签字的单位辞退证明",
	{ "cizhi_baogao_qianzi", NULL } };

/* Every requirement, for jy_material_known(). */
static const struct jy_need *const jy_all_needs[] = {
	&need_rule4, &need_rule5, &need_rule6, &need_rule7, &need_rule8_death,
	&need_rule8_passport, &need_rule8_xiaohu, &need_rule8_multi, NULL
};

/* 用工范围 of rule 5, as prefixes: 公务员 covers 公务员(公务员补助) and
 * 公务员(门大), 事业编制 covers 事业编制工作人员.  合同制工人 is the
 * 机关事业单位's category of [002 注意事项 5]; an enterprise's
 * 劳动合同制 职工 (用工范围 合同制, the demo's and the schema's default)
 * is one of rule 4's 「职工或编制外工作人员」, not matched here. */
static const char *const jy_bianzhi[] = {
	"公务员", "事业编制", "合同制工人", "未确定用工范围", NULL
};

enum jy_reason
jy_reason_parse(const char *s)
{
	int	 i;

	if (s == NULL)
		return JY_REASON__MAX;
	for (i = 0; i < JY_REASON__MAX; i++)
		if (strcmp(s, jy_reason_names[i]) == 0)
			return (enum jy_reason)i;
	return JY_REASON__MAX;
}

/* Month number of d (year * 12 + month - 1), for month arithmetic. */
static long
jy_mon(const struct hdate *d)
{
	return (long)d->year * 12 + d->month - 1;
}

/* The month numbered m as a month value (day 0). */
static void
jy_unmon(long m, struct hdate *out)
{
	out->year = (int)(m / 12);
	out->month = (int)(m % 12) + 1;
	out->day = 0;
}

void
jy_stop_month(const struct hdate *change, struct hdate *out)
{
	jy_unmon(jy_mon(change) + 1, out);
}

int
jy_retire_age_calc(const struct jy_retire_rule *r, const struct hdate *birth)
{
	long	 first, since, delay, cap;

	cap = (long)(r->target_age - r->base_age) * 12;
	/* The first birth month the reform touches: who reach the base
	 * age in the reform's first month. */
	first = jy_mon(&r->reform_from) - (long)r->base_age * 12;
	since = jy_mon(birth) - first;
	if (since < 0 || r->step_months <= 0 || cap <= 0)
		return r->base_age * 12;
	delay = since / r->step_months + 1;
	if (delay > cap)
		delay = cap;
	return (int)(r->base_age * 12 + delay);
}

int
jy_retire_rule_load(struct store *s, const char *region, int male,
    int female_cadre, const struct hdate *on, struct jy_retire_rule *out)
{
	const char	*who;
	char		 key[64], buf[16];
	long long	 v[3];
	static const char *const what[3] = {
		"base_age", "target_age", "step_months"
	};
	int		 i, rc;

	who = male ? "male" : female_cadre ? "female_cadre" : "female_worker";
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "retire.%s.%s", who, what[i]);
		if ((rc = policy_int(s, region, key, on, 0, &v[i])) == 1)
			return 1;	/* nothing in force on that date */
		if (rc != 0 || v[i] < 0 || v[i] > 100) {
			log_err("jianyuan: policy %s bad", key);
			return -1;
		}
	}
	if ((rc = policy_get(s, region, "retire.reform_from", on, buf,
	    sizeof(buf))) == 1)
		return 1;
	if (rc != 0 || valid_date(buf, &out->reform_from) != VALID_OK) {
		log_err("jianyuan: policy retire.reform_from bad");
		return -1;
	}
	out->base_age = (int)v[0];
	out->target_age = (int)v[1];
	out->step_months = (int)v[2];
	return 0;
}

/* See jianyuan.h. */
int
jy_change_date_ok(const struct hdate *change, const struct hdate *today,
    char *msg, size_t msgsz)
{
	struct hdate	 first;

	jy_unmon(jy_mon(today) - JY_CHANGE_BACK_MONTHS, &first);
	if (jy_mon(change) > jy_mon(today)) {
		if (msg != NULL)
			snprintf(msg, msgsz, "变更日期不能晚于本月(%04d年%02d月)",
			    today->year, today->month);
		return 0;
	}
	if (jy_mon(change) < jy_mon(&first)) {
		if (msg != NULL)
			snprintf(msg, msgsz, "变更日期不能早于%04d年%02d月;"
			    "更早的减员请携带材料到经办机构办理",
			    first.year, first.month);
		return 0;
	}
	return 1;
}

/* Marks o refused by rule with code and message; returns JY_REFUSED. */
static enum jy_verdict
jy_refuse(struct jy_outcome *o, int rule, const char *code, const char *msg)
{
	o->verdict = JY_REFUSED;
	o->rule = rule;
	snprintf(o->code, sizeof(o->code), "%s", code);
	snprintf(o->msg, sizeof(o->msg), "%s", msg);
	return JY_REFUSED;
}

/* Adds requirement n to o (once); returns JY_NEEDS. */
static enum jy_verdict
jy_need(struct jy_outcome *o, const struct jy_need *n)
{
	size_t	 i;

	for (i = 0; i < o->nneeds; i++)
		if (o->needs[i] == n)
			return JY_NEEDS;
	if (o->nneeds < JY_NEEDS_MAX)
		o->needs[o->nneeds++] = n;
	return JY_NEEDS;
}

/* The base of every rule: insured and paying here, a sane 变更日期, no
 * other unfinished 减员. */
enum jy_verdict
jy_rule_eligible(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	char	 msg[256];

	if ((unsigned int)r >= JY_REASON__MAX)
		return jy_refuse(o, 0, "REASON", "请选择减少原因");
	if (f->insurance_id == 0)
		return jy_refuse(o, 0, "NOT_INSURED",
		    "该人员不是本单位参保人员(人员范围:本单位)");
	if (!f->paying)
		return jy_refuse(o, 0, "NOT_PAYING",
		    "该人员在本单位已暂停缴费,无需再办理减少");
	if (jy_mon(change) > jy_mon(&f->today))
		return jy_refuse(o, 0, "CHANGE_FUTURE",
		    "变更日期不能晚于本月");
	if (jy_mon(change) < jy_mon(&f->start_month))
		return jy_refuse(o, 0, "CHANGE_EARLY",
		    "变更日期早于该人员在本单位的参保起始月份");
	if (!jy_change_date_ok(change, &f->today, msg, sizeof(msg)))
		return jy_refuse(o, 0, "CHANGE_OLD", msg);
	if (f->no_policy) {
		snprintf(msg, sizeof(msg), "变更日期%04d-%02d-%02d没有适用的"
		    "退休政策,无法办理减少,请核对变更日期", change->year,
		    change->month, change->day);
		return jy_refuse(o, 0, "NO_POLICY", msg);
	}
	if (f->pending_seq[0] != '\0') {
		snprintf(msg, sizeof(msg), "该人员已有未办结的减员业务(业务顺序号 %s),"
		    "请勿重复申报", f->pending_seq);
		return jy_refuse(o, 0, "PENDING", msg);
	}
	return JY_ALLOWED;
}

/* Rule 1: 退休 only at legal age with the least contributions paid
 * (15 years, rising from 2030: policy retire.min_contrib_months). */
enum jy_verdict
jy_rule1_retire(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	struct hdate	 at;
	char		 msg[256];
	int		 age = f->retire_age_months;

	if (r != JY_RETIRE)
		return JY_ALLOWED;
	if (f->birth.year == 0)
		return jy_refuse(o, 1, "RETIRE_AGE", "该人员出生日期有误"
		    "(出生日期与身份证号码均无法识别),无法确认是否达到法定"
		    "退休年龄,不能申报退休减少;请先到经办机构核实出生日期");
	jy_unmon(jy_mon(&f->birth) + age, &at);
	if (jy_mon(change) < jy_mon(&at)) {
		if (age % 12 != 0)
			snprintf(msg, sizeof(msg), "该人员未达到法定退休年龄"
			    "(%d岁%d个月,%04d年%02d月),不能申报退休减少;"
			    "病退、特殊工种退休等非正常退休请到经办机构办理",
			    age / 12, age % 12, at.year, at.month);
		else
			snprintf(msg, sizeof(msg), "该人员未达到法定退休年龄"
			    "(%d岁,%04d年%02d月),不能申报退休减少;"
			    "病退、特殊工种退休等非正常退休请到经办机构办理",
			    age / 12, at.year, at.month);
		return jy_refuse(o, 1, "RETIRE_AGE", msg);
	}
	if (f->contrib_months < f->min_contrib_months) {
		char	 least[32];

		if (f->min_contrib_months % 12 != 0)
			snprintf(least, sizeof(least), "%d年%d个月",
			    f->min_contrib_months / 12,
			    f->min_contrib_months % 12);
		else
			snprintf(least, sizeof(least), "%d年",
			    f->min_contrib_months / 12);
		snprintf(msg, sizeof(msg), "该人员累计缴费%d个月,不满最低缴费"
		    "年限%s(%d个月),不能在网上申报退休减少",
		    f->contrib_months, least, f->min_contrib_months);
		return jy_refuse(o, 1, "RETIRE_CONTRIB", msg);
	}
	return JY_ALLOWED;
}

/* Rule 2: 多重工伤关系 at other units must be reduced there first. */
enum jy_verdict
jy_rule2_multi_injury(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	if (!f->multi_injury || r == JY_MULTI)
		return JY_ALLOWED;
	return jy_refuse(o, 2, "MULTI_INJURY", "该人员存在其他单位的多重工伤关系,"
	    "需其他单位先减少多重工伤关系并审核通过");
}

/* Rule 3: the settlement period of the 变更日期 already paid. */
enum jy_verdict
jy_rule3_paid(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	if (f->last_paid.year == 0 || jy_mon(&f->last_paid) < jy_mon(change))
		return JY_ALLOWED;
	return jy_refuse(o, 3, "PERIOD_PAID", "本结算期已缴费到账、权益到账,"
	    "本期无法申报减少,请下月办理");
}

/* Whether category is one of rule 5's. */
static int
jy_is_bianzhi(const char *category)
{
	const char *const	*p;

	for (p = jy_bianzhi; *p != NULL; p++)
		if (strncmp(category, *p, strlen(*p)) == 0)
			return 1;
	return 0;
}

size_t
jy_material_rules(const char *category, int legal_rep, int rules[2])
{
	size_t	 n = 0;

	if (category == NULL)
		category = "";
	if (jy_is_bianzhi(category)) {
		rules[n++] = 5;		/* in place of rules 4 and 7 */
		return n;
	}
	if (strcmp(category, "农籍工") == 0)
		rules[n++] = 6;
	if (legal_rep)
		rules[n++] = 7;
	if (n == 0)
		rules[n++] = 4;
	return n;
}

/* Rule 4: 停缴费 without a 退工 here or a new unit's 用工 needs proof. */
enum jy_verdict
jy_rule4_proof(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	if (r != JY_STOP || jy_is_bianzhi(f->category) || f->legal_rep ||
	    strcmp(f->category, "农籍工") == 0)
		return JY_ALLOWED;	/* rules 5, 7, 6 instead */
	if (f->has_tuigong || f->has_new_unit)
		return JY_ALLOWED;
	return jy_need(o, &need_rule4);
}

/* Rule 5: 公务员, 事业编制, 合同制工人, 未确定用工范围. */
enum jy_verdict
jy_rule5_bianzhi(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	if (r != JY_STOP || !jy_is_bianzhi(f->category))
		return JY_ALLOWED;
	return jy_need(o, &need_rule5);
}

/* Rule 6: 农籍工 always proves the end of the employment. */
enum jy_verdict
jy_rule6_nongji(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	if (r != JY_STOP || strcmp(f->category, "农籍工") != 0)
		return JY_ALLOWED;
	return jy_need(o, &need_rule6);
}

/* Rule 7: the unit's 法人 without a new unit. */
enum jy_verdict
jy_rule7_faren(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	if (r != JY_STOP || !f->legal_rep || f->has_new_unit ||
	    jy_is_bianzhi(f->category))
		return JY_ALLOWED;
	return jy_need(o, &need_rule7);
}

/* Rule 8: the proof each reason carries. */
enum jy_verdict
jy_rule8_reason(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	switch (r) {
	case JY_STOP:
	case JY_RETIRE:
		return JY_ALLOWED;
	case JY_DEATH:
		return jy_need(o, &need_rule8_death);
	case JY_EMIGRATE:
		jy_need(o, &need_rule8_passport);
		return jy_need(o, &need_rule8_xiaohu);
	case JY_MULTI:
		return jy_need(o, &need_rule8_multi);
	case JY_REASON__MAX:
	default:
		abort();
	}
}

/* Rule 9: no 减员 after the unit's 应收核定 of the period. */
enum jy_verdict
jy_rule9_assessed(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	char	 msg[256];

	if (!f->assessed)
		return JY_ALLOWED;
	snprintf(msg, sizeof(msg), "单位已完成%04d年%02d月的应收核定,"
	    "该结算期不可再办理城镇职工减少", change->year, change->month);
	return jy_refuse(o, 9, "ASSESSED", msg);
}

/* Rule 10: in the 12-21..01-15 window the annual declaration first. */
enum jy_verdict
jy_rule10_declaration(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	char	 msg[256];
	int	 fm = 0, fd = 0, tm = 0, td = 0;

	if (!f->in_window || f->declared)
		return JY_ALLOWED;
	sscanf(f->window_from, "%2d-%2d", &fm, &fd);
	sscanf(f->window_to, "%2d-%2d", &tm, &td);
	snprintf(msg, sizeof(msg), "在每年%d月%d日至次年%d月%d日,"
	    "需先进行年度职工缴费工资申报业务后,才可进行人员变动", fm, fd, tm, td);
	return jy_refuse(o, 10, "WAGE_DECLARATION", msg);
}

/* "2026年9月" of "2026-09" into buf[16]. */
static void
jy_month_words(const char *month, char buf[16])
{
	int	 y = 0, m = 0;

	if (sscanf(month, "%4d-%2d", &y, &m) == 2)
		snprintf(buf, 16, "%d年%d月", y % 10000, m % 100);
	else
		snprintf(buf, 16, "%.7s", month);
}

/* Rule 11: arrears are paid (欠费补缴) before contributions stop.  The
 * message names the months and the amount owed here and points to
 * 单位人员正常补缴费 (/bujiao); fits o->msg (256 bytes). */
enum jy_verdict
jy_rule11_arrears(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	char	 msg[256], first[16], last[16], span[40], yuan[32];

	if (f->arrears == 0)
		return JY_ALLOWED;
	jy_month_words(f->arrears_first, first);
	jy_month_words(f->arrears_last, last);
	if (strcmp(f->arrears_first, f->arrears_last) == 0)
		snprintf(span, sizeof(span), "%s", first);
	else
		snprintf(span, sizeof(span), "%s至%s", first, last);
	wb_yuan(f->arrears_fen, yuan, sizeof(yuan));
	snprintf(msg, sizeof(msg), "该人员在本单位欠费%s共%d个月,合计%s元;"
	    "请先通过单位人员正常补缴费(/bujiao)办理欠费补缴,到帐确认后再办理减员",
	    span, f->arrears, yuan);
	return jy_refuse(o, 11, "ARREARS", msg);
}

/* The rules in the order they are judged. */
typedef enum jy_verdict (*jy_rule_fn)(const struct jy_facts *,
    enum jy_reason, const struct hdate *, struct jy_outcome *);

static const jy_rule_fn jy_rules[] = {
	jy_rule_eligible, jy_rule10_declaration, jy_rule9_assessed,
	jy_rule11_arrears, jy_rule2_multi_injury, jy_rule3_paid,
	jy_rule1_retire, jy_rule4_proof, jy_rule5_bianzhi, jy_rule6_nongji,
	jy_rule7_faren, jy_rule8_reason,
};

enum jy_verdict
jy_evaluate(const struct jy_facts *f, enum jy_reason r,
    const struct hdate *change, struct jy_outcome *o)
{
	size_t	 i;

	memset(o, 0, sizeof(*o));
	o->verdict = JY_ALLOWED;
	for (i = 0; i < sizeof(jy_rules) / sizeof(jy_rules[0]); i++)
		if (jy_rules[i](f, r, change, o) == JY_REFUSED) {
			o->nneeds = 0;
			return JY_REFUSED;
		}
	o->verdict = o->nneeds > 0 ? JY_NEEDS : JY_ALLOWED;
	return o->verdict;
}

/* Runs a one-integer query with two or three integer/text parameters
 * already bound; returns the integer, or -1 on error. */
static int64_t
jy_scalar(struct store *s, struct store_stmt *st)
{
	int64_t	 v;

	return store_step_int(st, 0, &v) == STORE_ERROR ? -1 : v;
}

/* The birth date of f: the stored one, else the one in the 身份证号
 * (GB 11643); year 0 when neither parses (rule 1 then refuses). */
static void
jy_facts_birth(struct jy_facts *f, const char *stored)
{
	struct idcard	 id;

	if (valid_date(stored, &f->birth) == VALID_OK)
		return;
	if (valid_idcard(f->idno, &f->today, &id) == VALID_OK) {
		f->birth = id.birth;
		return;
	}
	memset(&f->birth, 0, sizeof(f->birth));
}

/* Reads the person, insurance and employment columns of the facts.
 * The employment is the current one here: the latest 在职, else the
 * latest of any status.  Returns 0, 1 unknown person, -1 error.
 * *region receives the unit's region. */
static int
jy_facts_person(struct store *s, int64_t unit_id, int64_t person_id,
    struct jy_facts *f, char *region, size_t regionsz)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, jy_sql[JY_STMT_FACTS_PERSON])) ==
	    NULL ||
	    store_bind_int(st, 1, person_id) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc != STORE_ROW) {
		if (rc != STORE_DONE)
			log_err("jianyuan: facts: %s", store_errmsg(s));
		store_reset(st);
		return rc == STORE_DONE ? 1 : -1;
	}
	snprintf(f->name, sizeof(f->name), "%s", store_col_text(st, 0));
	snprintf(f->idno, sizeof(f->idno), "%s", store_col_text(st, 1));
	f->male = strcmp(store_col_text(st, 2), "男") == 0;
	jy_facts_birth(f, store_col_text(st, 3));
	f->female_cadre = store_col_int(st, 4) != 0;
	snprintf(region, regionsz, "%s", store_col_text(st, 5));
	f->insurance_id = store_col_int64(st, 6);
	f->paying = strcmp(store_col_text(st, 7), "参保缴费") == 0;
	if (valid_month(store_col_text(st, 8), &f->start_month) != VALID_OK)
		memset(&f->start_month, 0, sizeof(f->start_month));
	if (valid_month(store_col_text(st, 9), &f->last_paid) != VALID_OK)
		memset(&f->last_paid, 0, sizeof(f->last_paid));
	f->contrib_months = store_col_int(st, 10);
	f->multi_injury = store_col_int(st, 11) != 0;
	snprintf(f->category, sizeof(f->category), "%s", store_col_text(st, 12));
	f->legal_rep = store_col_int(st, 13) != 0;
	f->employment_id = store_col_int64(st, 14);
	f->employed = strcmp(store_col_text(st, 15), "在职") == 0;
	snprintf(f->job_start, sizeof(f->job_start), "%s",
	    store_col_text(st, 16));
	store_reset(st);
	return 0;
}

/* Whether a 退工 here ends the current employment of f, as 退工
 * answers it (tuigong_job_ended): with an 在职 employment, that one;
 * without, one ending on or after the 参保 start here.  Returns 1, 0 or
 * -1. */
static int
jy_facts_tuigong(struct store *s, int64_t unit_id, const struct jy_facts *f)
{
	struct hdate	 m = f->start_month;
	char		 from[11];

	m.day = 1;
	hdate_fmt(&m, from);
	return tuigong_job_ended(s, unit_id, f->person_id,
	    f->employed ? f->employment_id : 0, from);
}

/* Reads the other facts: 退工, new unit, arrears, pending tasks.
 * Returns 0 or -1. */
static int
jy_facts_links(struct store *s, int64_t unit_id, int64_t exclude_task,
    struct jy_facts *f)
{
	struct arrears_sum	 owed;
	struct store_stmt	*st;
	struct hdate	 m;
	char		 since[11];
	int64_t		 v;
	int		 rc;

	if ((rc = jy_facts_tuigong(s, unit_id, f)) < 0)
		return -1;
	f->has_tuigong = rc;
	/* A new unit's 用工 starts after this job did (or, with no 用工
	 * here, after the 参保 start): an older one elsewhere is a
	 * second job, not where the person went. */
	if (f->job_start[0] != '\0')
		snprintf(since, sizeof(since), "%s", f->job_start);
	else {
		m = f->start_month;
		m.day = 1;
		hdate_fmt(&m, since);
	}
	if ((st = store_stmt(s, jy_sql[JY_STMT_EMPLOYED_LATER])) == NULL ||
	    store_bind_int(st, 1, f->person_id) ||
	    store_bind_int(st, 2, unit_id) || store_bind_text(st, 3, since) ||
	    (v = jy_scalar(s, st)) < 0)
		return -1;
	f->has_new_unit = v != 0;
	if (arrears_person_sum(s, unit_id, f->person_id, &owed) == -1)
		return -1;
	f->arrears = (int)(owed.months > 1000000 ? 1000000 : owed.months);
	f->arrears_fen = owed.amount_fen;
	snprintf(f->arrears_first, sizeof(f->arrears_first), "%s", owed.first);
	snprintf(f->arrears_last, sizeof(f->arrears_last), "%s", owed.last);
	if ((st = store_stmt(s, jy_sql[JY_STMT_OPEN_REDUCTION])) ==
	    NULL || store_bind_int(st, 1, f->person_id) ||
	    store_bind_int(st, 2, unit_id) ||
	    store_bind_int(st, 3, exclude_task))
		return -1;
	rc = store_step(st);
	f->pending_seq[0] = '\0';
	if (rc == STORE_ROW)
		snprintf(f->pending_seq, sizeof(f->pending_seq), "%s",
		    store_col_text(st, 0));
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		log_err("jianyuan: pending: %s", store_errmsg(s));
		return -1;
	}
	return 0;
}

/* Whether "MM-DD" of d lies in the window from..to (which may wrap the
 * year end). */
static int
jy_in_window(const struct hdate *d, const char *from, const char *to)
{
	char	 md[8];

	snprintf(md, sizeof(md), "%02d-%02d", d->month % 100, d->day % 100);
	if (strcmp(from, to) <= 0)
		return strcmp(md, from) >= 0 && strcmp(md, to) <= 0;
	return strcmp(md, from) >= 0 || strcmp(md, to) <= 0;
}

/* Reads the unit's period facts: 应收核定, the declaration window.
 * Returns 0 or -1. */
static int
jy_facts_unit(struct store *s, int64_t unit_id, const char *region,
    const struct hdate *change, struct jy_facts *f)
{
	struct store_stmt	*st;
	struct hdate	 m;
	char		 month[11];
	int64_t		 v;
	int		 year;

	m = *change;
	m.day = 0;
	hdate_fmt(&m, month);
	if ((st = store_stmt(s, jy_sql[JY_STMT_ASSESSED])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, month) ||
	    (v = jy_scalar(s, st)) < 0)
		return -1;
	f->assessed = v != 0;
	if (policy_get(s, region, "wage.decl_freeze_from", &f->today,
	    f->window_from, sizeof(f->window_from)) != 0 ||
	    policy_get(s, region, "wage.decl_freeze_to", &f->today,
	    f->window_to, sizeof(f->window_to)) != 0 ||
	    strlen(f->window_from) != 5 || strlen(f->window_to) != 5) {
		log_err("jianyuan: policy wage.decl_freeze_* missing or bad");
		return -1;
	}
	f->in_window = jy_in_window(&f->today, f->window_from, f->window_to);
	/* The 缴费年度 declared in the window starts in its January. */
	year = f->today.year;
	if (strcmp(f->window_from, f->window_to) > 0) {
		char md[8];

		snprintf(md, sizeof(md), "%02d-%02d", f->today.month % 100,
		    f->today.day % 100);
		if (strcmp(md, f->window_from) >= 0)
			year++;
	}
	if ((st = store_stmt(s, jy_sql[JY_STMT_DECLARED])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_int(st, 2, year) ||
	    (v = jy_scalar(s, st)) < 0)
		return -1;
	f->declared = v != 0;
	return 0;
}

int
jy_facts_load(struct store *s, int64_t unit_id, int64_t person_id,
    const struct hdate *change, const struct hdate *today,
    int64_t exclude_task, struct jy_facts *f)
{
	struct jy_retire_rule	 rr;
	char			 region[16];
	long long		 months;
	int			 rc;

	memset(f, 0, sizeof(*f));
	f->person_id = person_id;
	f->today = *today;
	if (person_id <= 0)
		return 1;
	if ((rc = jy_facts_person(s, unit_id, person_id, f, region,
	    sizeof(region))) != 0)
		return rc;
	if (jy_facts_links(s, unit_id, exclude_task, f) != 0 ||
	    jy_facts_unit(s, unit_id, region, change, f) != 0)
		return -1;
	/* A date out of bounds or before any policy is refused by
	 * jy_rule_eligible, not an error. */
	if (!jy_change_date_ok(change, today, NULL, 0)) {
		f->no_policy = 1;
		return 0;
	}
	if ((rc = jy_retire_rule_load(s, region, f->male, f->female_cadre,
	    change, &rr)) == -1 || (rc == 0 && policy_int(s, region,
	    "retire.min_contrib_months", change, 180, &months) == -1))
		return -1;
	if (rc == 1) {
		f->no_policy = 1;
		return 0;
	}
	f->retire_age_months = jy_retire_age_calc(&rr, &f->birth);
	f->min_contrib_months = (int)(months > 0 && months < 1200 ? months :
	    180);
	return 0;
}

int
jy_judge(struct store *s, int64_t unit_id, int64_t person_id,
    enum jy_reason r, const struct hdate *change, const struct hdate *today,
    int64_t exclude_task, struct jy_facts *f, struct jy_outcome *o)
{
	int	 rc;

	memset(o, 0, sizeof(*o));
	rc = jy_facts_load(s, unit_id, person_id, change, today, exclude_task,
	    f);
	if (rc == -1)
		return -1;
	if (rc == 1) {
		jy_refuse(o, 0, "NOT_FOUND", "本单位未找到该人员");
		return 0;
	}
	jy_evaluate(f, r, change, o);
	return 0;
}

int
jy_material_known(const char *code)
{
	const struct jy_need *const	*n;
	size_t				 i;

	if (code == NULL)
		return 0;
	for (n = jy_all_needs; *n != NULL; n++)
		for (i = 0; (*n)->codes[i] != NULL; i++)
			if (strcmp((*n)->codes[i], code) == 0)
				return 1;
	return 0;
}

/* Writes "「a」、「b」" of the materials of n into buf[bufsz]. */
static void
jy_need_names(const struct jy_need *n, char *buf, size_t bufsz)
{
	const struct material	*m;
	size_t			 i, len;

	buf[0] = '\0';
	for (i = 0; n->codes[i] != NULL; i++) {
		m = attach_material(n->codes[i]);
		len = strlen(buf);
		snprintf(buf + len, bufsz - len, "%s「%s」", i > 0 ? "、" : "",
		    m != NULL ? m->name : n->codes[i]);
	}
}

int
jy_needs_met(struct store *s, int64_t task_id, int64_t person_id,
    const struct jy_outcome *o, char *msg, size_t msgsz)
{
	char	 names[512];
	size_t	 i, j;
	int	 rc, got;

	for (i = 0; i < o->nneeds; i++) {
		got = 0;
		for (j = 0; !got && o->needs[i]->codes[j] != NULL; j++) {
			rc = attach_has(s, task_id, person_id,
			    o->needs[i]->codes[j]);
			if (rc < 0)
				return -1;
			got = rc;
		}
		if (got)
			continue;
		if (msg != NULL) {
			jy_need_names(o->needs[i], names, sizeof(names));
			snprintf(msg, msgsz, "请上传%s%s(规则%d)",
			    o->needs[i]->codes[1] != NULL ? "以下材料之一:" : "",
			    names, o->needs[i]->rule);
		}
		return 0;
	}
	return 1;
}

/* Adds the error of a refused or incomplete person to errs:
 * "姓名(社会保障号码):message". */
static void
jy_person_error(struct form_errors *errs, const struct jy_facts *f,
    int64_t person_id, const char *code, const char *msg)
{
	char	 field[64], full[512];

	snprintf(field, sizeof(field), "pid-%" PRId64, person_id);
	if (f->name[0] != '\0')
		snprintf(full, sizeof(full), "%s(%s):%s", f->name, f->idno, msg);
	else
		snprintf(full, sizeof(full), "人员 %" PRId64 ":%s", person_id,
		    msg);
	form_error_add(errs, field, code, full);
}

/* Inserts one detail row.  Returns 0 or -1. */
static int
jy_row_insert(struct store *s, int64_t task_id, int row_no,
    const struct jy_facts *f, enum jy_reason r, const struct hdate *change)
{
	struct store_stmt	*st;
	struct hdate	 stop;
	char		 cd[11], sm[11];

	hdate_fmt(change, cd);
	jy_stop_month(change, &stop);
	hdate_fmt(&stop, sm);
	if ((st = store_stmt(s, jy_sql[JY_STMT_ROW_INSERT])) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_int(st, 2, row_no) ||
	    store_bind_int(st, 3, f->person_id) ||
	    store_bind_int(st, 4, f->insurance_id) ||
	    store_bind_text(st, 5, f->name) || store_bind_text(st, 6, f->idno) ||
	    store_bind_text(st, 7, jy_reason_names[r]) ||
	    store_bind_text(st, 8, cd) || store_bind_text(st, 9, sm))
		return -1;
	return store_exec_stmt(s, st);
}

int
jy_save(struct store *s, const struct actor *who, enum jy_reason r,
    const struct hdate *change, const int64_t *pids, size_t n,
    const char *dedup_key, int64_t *task_id, struct form_errors *errs)
{
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 today;
	char			 summary[256] = "";
	size_t			 i, j, rows = 0;
	int			 created, refused = 0;

	*task_id = 0;
	if ((unsigned int)r >= JY_REASON__MAX) {
		form_error_add(errs, "reason", "REQUIRED", "请选择减少原因");
		return 1;
	}
	if (n == 0) {
		form_error_add(errs, "pid", "REQUIRED", "请勾选需要减少的人员");
		return 1;
	}
	clock_today(&today);
	if (store_begin(s) == -1)
		return -1;
	if (wf_create(s, "jianyuan", who->unit_id, who, "", dedup_key, task_id,
	    &created) == -1)
		goto fail;
	if (!created)		/* the same form sent twice */
		return store_commit(s) == -1 ? -1 : 2;
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && pids[j] != pids[i]; j++)
			;
		if (j < i)
			continue;
		if (jy_judge(s, who->unit_id, pids[i], r, change, &today,
		    *task_id, &f, &o) == -1)
			goto fail;
		if (o.verdict == JY_REFUSED) {
			jy_person_error(errs, &f, pids[i], o.code, o.msg);
			refused = 1;
			continue;
		}
		if (!refused && jy_row_insert(s, *task_id, (int)++rows, &f, r,
		    change) == -1)
			goto fail;
		if (rows == 1)
			snprintf(summary, sizeof(summary), "%s %s",
			    jy_reason_names[r], f.name);
	}
	if (refused) {
		store_rollback(s);
		*task_id = 0;
		return 1;
	}
	if (rows > 1) {
		size_t	 len = strlen(summary);

		snprintf(summary + len, sizeof(summary) - len, "等%zu人", rows);
	}
	{
		struct store_stmt *st;

		if ((st = store_stmt(s, jy_sql[JY_STMT_SUMMARY])) == NULL ||
		    store_bind_text(st, 1, summary) ||
		    store_bind_int(st, 2, *task_id) || store_exec_stmt(s, st))
			goto fail;
	}
	return store_commit(s) == -1 ? -1 : 0;
fail:
	store_rollback(s);
	*task_id = 0;
	return -1;
}

int
jy_rows(struct store *s, int64_t task_id,
    void (*fn)(const struct jy_row *row, void *arg), void *arg)
{
	struct jy_row	 row;
	struct store_stmt	*st;
	int		 rc, n = 0;

	if ((st = store_stmt(s, jy_sql[JY_STMT_ROWS])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	/* Rows are copied out before fn runs, but fn may use other
	 * statements; this one stays stepped until the loop ends. */
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&row, 0, sizeof(row));
		row.id = store_col_int64(st, 0);
		row.row_no = store_col_int(st, 1);
		row.person_id = store_col_int64(st, 2);
		row.insurance_id = store_col_int64(st, 3);
		snprintf(row.name, sizeof(row.name), "%s", store_col_text(st, 4));
		snprintf(row.idno, sizeof(row.idno), "%s", store_col_text(st, 5));
		snprintf(row.sb_no, sizeof(row.sb_no), "%s", store_col_text(st, 6));
		snprintf(row.reason, sizeof(row.reason), "%s",
		    store_col_text(st, 7));
		snprintf(row.change_date, sizeof(row.change_date), "%s",
		    store_col_text(st, 8));
		snprintf(row.stop_month, sizeof(row.stop_month), "%s",
		    store_col_text(st, 9));
		fn(&row, arg);
		n++;
	}
	store_reset(st);
	if (rc != STORE_DONE) {
		log_err("jianyuan: rows: %s", store_errmsg(s));
		return -1;
	}
	return n;
}

/* Collects the rows of a task into an array (for checks that query
 * the store per row).  Returns the count or -1; *out malloc'd. */
struct jy_rowvec {
	struct jy_row	*v;
	size_t		 n, cap;
	int		 nomem;
};

/* jy_rows callback appending to a jy_rowvec. */
static void
jy_rowvec_add(const struct jy_row *row, void *arg)
{
	struct jy_rowvec	*rv = arg;
	struct jy_row		*nv;
	size_t			 cap;

	if (rv->nomem)
		return;
	if (rv->n == rv->cap) {
		cap = rv->cap == 0 ? 16 : rv->cap * 2;
		if (cap > SIZE_MAX / sizeof(*nv) ||
		    (nv = realloc(rv->v, cap * sizeof(*nv))) == NULL) {
			rv->nomem = 1;
			return;
		}
		rv->v = nv;
		rv->cap = cap;
	}
	rv->v[rv->n++] = *row;
}

/* Loads every row of task_id into rv (freed by the caller with
 * free(rv->v)).  Returns 0 or -1. */
static int
jy_rowvec_load(struct store *s, int64_t task_id, struct jy_rowvec *rv)
{
	memset(rv, 0, sizeof(*rv));
	if (jy_rows(s, task_id, jy_rowvec_add, rv) < 0 || rv->nomem) {
		if (rv->nomem)
			log_err("jianyuan: out of memory");
		free(rv->v);
		memset(rv, 0, sizeof(*rv));
		return -1;
	}
	return 0;
}

/* The unit of task_id, or 0 on error. */
static int64_t
jy_task_unit(struct store *s, int64_t task_id)
{
	struct store_stmt	*st;
	int64_t		 v;

	if ((st = store_stmt(s, jy_sql[JY_STMT_TASK_UNIT])) ==
	    NULL || store_bind_int(st, 1, task_id))
		return 0;
	v = jy_scalar(s, st);
	return v > 0 ? v : 0;
}

/* The business check: every row judged again, and its materials
 * attached, as of the day the task was first submitted (the bounds of
 * the 变更日期 and the declaration window do not move while it waits
 * for a reviewer or after a 回退); the facts are the store's of now.
 * Without materials, the rules only (read-only).  Returns 0 (see errs)
 * or -1. */
static int
jy_check_rows(struct store *s, int64_t task_id, int materials,
    struct form_errors *errs)
{
	struct jy_rowvec	 rv;
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 today, change;
	enum jy_reason		 r;
	char			 msg[512];
	int64_t			 unit_id;
	size_t			 i;
	int			 rc = -1, met;

	if ((unit_id = jy_task_unit(s, task_id)) == 0)
		return -1;
	if (jy_rowvec_load(s, task_id, &rv) == -1)
		return -1;
	if (rv.n == 0)
		form_error_add(errs, "pid", "NO_ROWS", "该业务没有减员人员");
	if (wf_first_submitted(s, task_id, &today) == -1)
		goto out;
	for (i = 0; i < rv.n; i++) {
		r = jy_reason_parse(rv.v[i].reason);
		if (valid_date(rv.v[i].change_date, &change) != VALID_OK)
			change = today;
		if (jy_judge(s, unit_id, rv.v[i].person_id, r, &change, &today,
		    task_id, &f, &o) == -1)
			goto out;
		if (f.name[0] == '\0')
			snprintf(f.name, sizeof(f.name), "%s", rv.v[i].name);
		if (o.verdict == JY_REFUSED) {
			jy_person_error(errs, &f, rv.v[i].person_id, o.code,
			    o.msg);
			continue;
		}
		if (!materials)
			continue;
		if ((met = jy_needs_met(s, task_id, rv.v[i].person_id, &o, msg,
		    sizeof(msg))) == -1)
			goto out;
		if (!met)
			jy_person_error(errs, &f, rv.v[i].person_id,
			    "MATERIAL", msg);
	}
	rc = 0;
out:
	free(rv.v);
	return rc;
}

/* The workflow's check: every rule over every row, and the
 * materials each person needs. */
static int
jianyuan_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	return jy_check_rows(s, task_id, 1, errs);
}

/* See jianyuan.h. */
int
jy_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	return jy_check_rows(s, task_id, 0, errs);
}

/* After an approved 解除多重劳动关系(工伤) 减员 of person_id at unit_id:
 * the person's 多重工伤关系 flag at the other units is cleared where no
 * third unit still has the person 参保缴费 (that one may be another
 * 工伤 relationship, so the flag stays), which lifts rule 2 there.
 * Audited.  Returns 0 or -1. */
static int
jy_multi_release(struct store *s, const struct actor *who, int64_t task_id,
    int64_t unit_id, int64_t person_id)
{
	struct store_stmt	*st;
	char		 object[48], detail[96];
	int		 n;

	if ((st = store_stmt(s, jy_sql[JY_STMT_MULTI_RELEASE])) == NULL ||
	    store_bind_int(st, 1, person_id) || store_bind_int(st, 2, unit_id) ||
	    store_exec_stmt(s, st))
		return -1;
	if ((n = store_changes(s)) == 0)
		return 0;
	snprintf(object, sizeof(object), "person:%" PRId64, person_id);
	snprintf(detail, sizeof(detail), "task=%" PRId64 " units=%d", task_id,
	    n);
	return audit_append(s, who, "jianyuan.multi_released", object, detail);
}

/* The effect of approval: each person's contributions here stop from
 * the month after the 变更日期.  Returns 0 or -1. */
static int
jianyuan_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct jy_rowvec	 rv;
	struct hdate		 change, stop;
	struct store_stmt		*st;
	char			 sm[11], object[48], detail[256];
	int64_t			 unit_id;
	size_t			 i;
	int			 rc = -1;

	if ((unit_id = jy_task_unit(s, task_id)) == 0 ||
	    jy_rowvec_load(s, task_id, &rv) == -1)
		return -1;
	for (i = 0; i < rv.n; i++) {
		if (valid_date(rv.v[i].change_date, &change) != VALID_OK) {
			log_err("jianyuan: task %" PRId64 ": bad change date",
			    task_id);
			goto out;
		}
		jy_stop_month(&change, &stop);
		hdate_fmt(&stop, sm);
		if ((st = store_stmt(s, jy_sql[JY_STMT_SUSPEND])) == NULL ||
		    store_bind_text(st, 1, sm) ||
		    store_bind_int(st, 2, rv.v[i].insurance_id) ||
		    store_exec_stmt(s, st))
			goto out;
		if (store_changes(s) != 1) {
			log_err("jianyuan: task %" PRId64 ": insurance %" PRId64
			    " not paying", task_id, rv.v[i].insurance_id);
			goto out;
		}
		if ((st = store_stmt(s, jy_sql[JY_STMT_STOP_MONTH])) == NULL ||
		    store_bind_text(st, 1, sm) ||
		    store_bind_int(st, 2, rv.v[i].id) || store_exec_stmt(s, st))
			goto out;
		snprintf(object, sizeof(object), "person:%" PRId64,
		    rv.v[i].person_id);
		snprintf(detail, sizeof(detail), "task=%" PRId64 " reason=%s "
		    "change=%s stop_month=%s", task_id, rv.v[i].reason,
		    rv.v[i].change_date, sm);
		if (audit_append(s, who, "jianyuan.stop", object, detail) == -1)
			goto out;
		if (jy_reason_parse(rv.v[i].reason) == JY_MULTI &&
		    jy_multi_release(s, who, task_id, unit_id,
		    rv.v[i].person_id) == -1)
			goto out;
	}
	rc = 0;
out:
	free(rv.v);
	return rc;
}

/* Whether every row of rv has the same column (offset off of a char
 * array in struct jy_row). */
static int
jy_rows_agree(const struct jy_rowvec *rv, size_t off)
{
	size_t	 i;

	for (i = 1; i < rv->n; i++)
		if (strcmp((const char *)&rv->v[i] + off,
		    (const char *)&rv->v[0] + off) != 0)
			return 0;
	return 1;
}

/* The head facts of a 减员 for the reviewer desk and the 综合业务处理单:
 * 业务类型, 减少人数, and the common 减少原因, 变更日期 and 停止缴费月份
 * when every row agrees (else 「见明细」).  The 停止缴费月份 is the
 * stored one of the row. */
static void
jy_describe_head(const struct jy_rowvec *rv,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	static const char	*const mixed = "见明细";
	char			 n[16];

	field(arg, "业务类型", "城镇职工减少(暂停缴费)");
	snprintf(n, sizeof(n), "%zu", rv->n);
	field(arg, "减少人数", n);
	if (rv->n == 0)
		return;
	field(arg, "减少原因", jy_rows_agree(rv,
	    offsetof(struct jy_row, reason)) ? rv->v[0].reason : mixed);
	field(arg, "变更日期", jy_rows_agree(rv,
	    offsetof(struct jy_row, change_date)) ? rv->v[0].change_date : mixed);
	field(arg, "停止缴费月份(自该月起)", jy_rows_agree(rv,
	    offsetof(struct jy_row, stop_month)) ? rv->v[0].stop_month : mixed);
}

/* What the reviewer desk and the receipts show above the persons: the
 * head facts only; each person is a row of the rows hook, shown as a
 * table by the desk and the printouts.  Returns 0 or -1. */
static int
jianyuan_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct jy_rowvec	 rv;

	if (jy_rowvec_load(s, task_id, &rv) == -1)
		return -1;
	jy_describe_head(&rv, field, arg);
	free(rv.v);
	return 0;
}

/* The facts the rows hook gives per person, in its SELECT's order. */
static const char *const jy_row_labels[] = { "减少原因", "变更日期", "停缴月份" };

/* The rows hook: each row's person with 减少原因, 变更日期 and 停缴月份.
 * Returns the rows walked or -1. */
static int
jy_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, jy_sql[JY_STMT_WF_ROWS], task_id, jy_row_labels, 3,
	    fn, arg);
}

/* The rows_page hook: one page of the rows, reading no others.
 * Returns the rows walked or -1. */
static int
jy_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, jy_sql[JY_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, jy_row_labels, 3, fn, arg);
}

/* The rows_find hook: the rows of a 身份证号, through the index on
 * (idno, task_id), reading no others.  Returns the rows walked or -1. */
static int
jy_wf_rows_find(struct store *s, int64_t task_id, const char *idno,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_find(s, jy_sql[JY_STMT_WF_ROWS_FIND], task_id, idno,
	    jy_row_labels, 3, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
jy_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, jy_sql[JY_STMT_ROW_COUNT], task_id, 0, n);
}

/* The row_delete hook.  Returns 0, 1 none, -1 error. */
static int
jy_row_delete(struct store *s, int64_t task_id, int row_no)
{
	return rows_delete(s, jy_sql[JY_STMT_ROW_DELETE], task_id, row_no);
}

/* The rows_move hook.  Returns 0, 1 when a row is not there, -1 on
 * error. */
static int
jy_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	return rows_move(s, jy_sql[JY_STMT_ROWS_MOVE], task_id, to_task,
	    row_nos, n);
}

static const struct wf_menu jy_menu[] = {
	{ "城镇职工减少", "/jianyuan" },
	{ "批量减员", "/jianyuan/batch" },
	{ NULL, NULL }
};

static const struct wf_receipt jy_receipts[] = {
	{ "jianyuan", "企业参保人员减员表", "jianyuan", "JY" },
	{ "zonghe", "综合业务处理单", "zonghe", "ZH" },
	{ NULL, NULL, NULL, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const jy_receipt_facts[] = {
	"减少原因", "停缴月份", NULL
};

const struct wf_business jianyuan_business = {
	.code = "jianyuan",
	.name = "城镇职工减少",
	.path = "/jianyuan",
	.review_days_min = 1,
	.review_days_max = 3,
	.check = jianyuan_check,
	.apply = jianyuan_apply,
	.describe = jianyuan_describe,
	.category = "jiaofei",
	.menu = jy_menu,
	.receipts = jy_receipts,
	.batch = &jianyuan_batch,
	.rows = jy_wf_rows,
	.row_count = jy_row_count,
	.row_delete = jy_row_delete,
	.rows_move = jy_rows_move,
	.rows_page = jy_wf_rows_page,
	.rows_find = jy_wf_rows_find,
	.receipt_facts = jy_receipt_facts,
};

/* See jianyuan.h. */
int
jy_person_reduction(struct store *s, int64_t unit_id, int64_t person_id,
    struct jy_reduction *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, jy_sql[JY_STMT_REDUCTION])) == NULL ||
	    store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		out->task_id = store_col_int64(st, 0);
		snprintf(out->seq_no, sizeof(out->seq_no), "%s",
		    store_col_text(st, 1));
		snprintf(out->state, sizeof(out->state), "%s",
		    store_col_text(st, 2));
		snprintf(out->change_date, sizeof(out->change_date), "%s",
		    store_col_text(st, 3));
		snprintf(out->stop_month, sizeof(out->stop_month), "%s",
		    store_col_text(st, 4));
		snprintf(out->reason, sizeof(out->reason), "%s",
		    store_col_text(st, 5));
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	return rc == STORE_ROW;
}

/* See jianyuan.h. */
int
jy_row_of(struct store *s, int64_t task_id, int64_t person_id,
    struct jy_row *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, jy_sql[JY_STMT_ROW_OF])) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_int(st, 2, person_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		out->row_no = store_col_int(st, 0);
		out->person_id = person_id;
		snprintf(out->name, sizeof(out->name), "%s",
		    store_col_text(st, 1));
		snprintf(out->idno, sizeof(out->idno), "%s",
		    store_col_text(st, 2));
		snprintf(out->reason, sizeof(out->reason), "%s",
		    store_col_text(st, 3));
		snprintf(out->change_date, sizeof(out->change_date), "%s",
		    store_col_text(st, 4));
		snprintf(out->stop_month, sizeof(out->stop_month), "%s",
		    store_col_text(st, 5));
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	return rc == STORE_ROW ? 0 : 1;
}

#define TABLE_COLS	8


/* The cells of the 减员表, row by row (row 0 the header); owned. */
struct table_rows {
	char		*(*cells)[TABLE_COLS];
	size_t		  n, cap;
	int		  nomem;
};

static const char *const table_header[TABLE_COLS] = {
	"序号", "姓名", "社会保障号码", "个人社保编号", "减少原因", "变更日期",
	"停止缴费月份", "备注"
};


/* jy_rows callback: one row of the table. */
static void
table_add(const struct jy_row *r, void *arg)
{
	struct table_rows	*t = arg;
	char			*(*nv)[TABLE_COLS];
	char			 no[16];
	size_t			 cap, i;
	const char		*v[TABLE_COLS];

	if (t->nomem)
		return;
	if (t->n == t->cap) {
		cap = t->cap == 0 ? 32 : t->cap * 2;
		if (cap > SIZE_MAX / sizeof(*nv) ||
		    (nv = realloc(t->cells, cap * sizeof(*nv))) == NULL) {
			t->nomem = 1;
			return;
		}
		t->cells = nv;
		t->cap = cap;
	}
	snprintf(no, sizeof(no), "%zu", t->n);
	v[0] = no;
	v[1] = r->name;
	v[2] = r->idno;
	v[3] = r->sb_no;
	v[4] = r->reason;
	v[5] = r->change_date;
	v[6] = r->stop_month;
	v[7] = "";
	for (i = 0; i < TABLE_COLS; i++)
		if ((t->cells[t->n][i] = strdup(v[i])) == NULL)
			t->nomem = 1;
	t->n++;
}

/* Frees the table's cells. */
static void
table_free(struct table_rows *t)
{
	size_t	 i, j;

	for (i = 0; i < t->n; i++)
		for (j = 0; j < TABLE_COLS; j++)
			free(t->cells[i][j]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* See jianyuan.h. */
int
jy_table_xlsx(struct store *s, int64_t task_id, unsigned char **out,
    size_t *outsz)
{
	struct table_rows	 t;
	const char *const	**rows = NULL;
	size_t			 i;
	int			 rc = -1;

	memset(&t, 0, sizeof(t));
	/* Row 0: the header, as a row of the same shape. */
	table_add(&(struct jy_row){ .row_no = 0 }, &t);
	if (!t.nomem)
		for (i = 0; i < TABLE_COLS; i++) {
			free(t.cells[0][i]);
			if ((t.cells[0][i] = strdup(table_header[i])) == NULL)
				t.nomem = 1;
		}
	if (t.nomem || jy_rows(s, task_id, table_add, &t) < 0 || t.nomem ||
	    (rows = calloc(t.n, sizeof(*rows))) == NULL)
		goto out;
	for (i = 0; i < t.n; i++)
		rows[i] = (const char *const *)t.cells[i];
	rc = xlsx_write("企业参保人员减员表", rows, t.n, TABLE_COLS, out, outsz);
out:
	free(rows);
	table_free(&t);
	return rc;
}

/* ---- 批量减员 ---- */

enum jy_col {
	JYC_NAME,	/* JYC_NAME: 姓名 */
	JYC_IDNO,	/* JYC_IDNO: 社会保障号码 */
	JYC_REASON,	/* JYC_REASON: 减少原因 */
	JYC_DATE,	/* JYC_DATE: 变更日期 */
	JYC_REMARK,	/* JYC_REMARK: 备注 */
	JYC__MAX
};

static const char *const jy_batch_columns[JYC__MAX + 1] = {
	"姓名",		/* JYC_NAME */
	"社会保障号码",	/* JYC_IDNO */
	"减少原因",	/* JYC_REASON */
	"变更日期",	/* JYC_DATE */
	"备注",		/* JYC_REMARK */
	NULL
};

static const char *const jy_batch_example[JYC__MAX + 1] = {
	"张三", "420102199001011234", "停缴费", "2026-11-20",
	"减少原因:停缴费/退休/死亡/出国定居/解除多重劳动关系(工伤)", NULL
};

/* The person id of a row: 社会保障号码 of a person insured at unit_id
 * whose 姓名 matches.  Adds an error and returns 0 when there is none;
 * -1 on error. */
static int64_t
jy_batch_person(struct store *s, int64_t unit_id, const char *const *cells,
    const struct hdate *today, struct form_errors *errs)
{
	struct idcard	 id;
	struct store_stmt	*st;
	enum valid_err	 ve;
	char		 buf[256];
	int64_t		 pid = 0;
	int		 rc;

	if ((ve = valid_idcard(cells[JYC_IDNO], today, &id)) != VALID_OK) {
		form_error_add(errs, "社会保障号码", valid_code(ve),
		    valid_message(ve, "社会保障号码", buf, sizeof(buf)));
		return 0;
	}
	if ((st = store_stmt(s, jy_sql[JY_STMT_BATCH_PERSON])) == NULL ||
	    store_bind_text(st, 1, id.number) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		pid = store_col_int64(st, 0);
		if (strcmp(store_col_text(st, 1), cells[JYC_NAME]) != 0) {
			form_error_add(errs, "姓名", "NAME_MISMATCH",
			    "姓名与社会保障号码不符");
			pid = 0;
		}
	} else if (rc == STORE_DONE)
		form_error_add(errs, "社会保障号码", "NOT_INSURED",
		    "该人员不是本单位参保人员(人员范围:本单位)");
	else {
		log_err("jianyuan: batch person: %s", store_errmsg(s));
		pid = -1;
	}
	store_reset(st);
	return pid;
}

/* Parses a row's reason and date into r and change, adding errors; the
 * date must be one the hall accepts on today.  Returns 1 when both are
 * good. */
static int
jy_batch_fields(const char *const *cells, const struct hdate *today,
    enum jy_reason *r, struct hdate *change, struct form_errors *errs)
{
	char		 buf[256];
	enum valid_err	 ve;
	int		 ok = 1;

	if ((*r = jy_reason_parse(cells[JYC_REASON])) == JY_REASON__MAX) {
		form_error_add(errs, "减少原因", "CHOICE", cells[JYC_REASON][0] ==
		    '\0' ? "减少原因必填" : "减少原因应为:停缴费、退休、死亡、"
		    "出国定居、解除多重劳动关系(工伤)(病退、特殊工种退休请到经办机构办理)");
		ok = 0;
	}
	if ((ve = valid_date(cells[JYC_DATE], change)) != VALID_OK) {
		form_error_add(errs, "变更日期", valid_code(ve),
		    valid_message(ve, "变更日期", buf, sizeof(buf)));
		ok = 0;
	} else if (!jy_change_date_ok(change, today, buf, sizeof(buf))) {
		form_error_add(errs, "变更日期", "RANGE", buf);
		ok = 0;
	}
	return ok;
}

/* batch_spec row_check: the same rules as the form, per row.  Rows that
 * need materials pass (they are attached before 提交). */
static int
jy_batch_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *today, struct form_errors *errs)
{
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 change;
	enum jy_reason		 r;
	int64_t			 pid;
	int			 ok;

	if (ncells < JYC_DATE + 1) {
		form_error_add(errs, "row", "COLUMNS", "该行数据列数不足");
		return 0;
	}
	if (cells[JYC_NAME][0] == '\0')
		form_error_add(errs, "姓名", "EMPTY", "姓名必填");
	ok = jy_batch_fields(cells, today, &r, &change, errs);
	if ((pid = jy_batch_person(s, unit_id, cells, today, errs)) == -1)
		return -1;
	if (pid == 0 || !ok)
		return 0;
	if (jy_judge(s, unit_id, pid, r, &change, today, 0, &f, &o) == -1)
		return -1;
	if (o.verdict == JY_REFUSED)
		form_error_add(errs, "社会保障号码", o.code, o.msg);
	return 0;
}

/* batch_spec row_store: a checked row as detail row row_no. */
static int
jy_batch_store(struct store *s, int64_t unit_id, int64_t task_id, int row_no,
    const char *const *cells, size_t ncells, const struct hdate *today)
{
	struct form_errors	 errs;
	struct jy_facts		 f;
	struct hdate		 change;
	enum jy_reason		 r;
	int64_t			 pid;

	errs.n = 0;
	if (ncells < JYC_DATE + 1 || !jy_batch_fields(cells, today, &r,
	    &change, &errs))
		return -1;
	if ((pid = jy_batch_person(s, unit_id, cells, today, &errs)) <= 0)
		return -1;
	if (jy_facts_load(s, unit_id, pid, &change, today, task_id, &f) != 0)
		return -1;
	return jy_row_insert(s, task_id, row_no, &f, r, &change);
}

/* How the template shows each column: 减少原因 from the table
 * jy_reason_parse() reads. */
static const struct batch_col jy_batch_cols[JYC__MAX] = {
	{ BATCH_COL_TEXT, NULL, 12 },			/* JYC_NAME */
	{ BATCH_COL_TEXT, NULL, 22 },			/* JYC_IDNO */
	{ BATCH_COL_TEXT, jy_reason_names, 26 },	/* JYC_REASON */
	{ BATCH_COL_DATE, NULL, 14 },			/* JYC_DATE */
	{ BATCH_COL_TEXT, NULL, 40 },			/* JYC_REMARK */
};

const struct batch_spec jianyuan_batch = {
	.business = "jianyuan",
	.title = "批量减员",
	.columns = jy_batch_columns,
	.example = jy_batch_example,
	.name_col = JYC_NAME,
	.idno_col = JYC_IDNO,
	.row_check = jy_batch_check,
	.row_store = jy_batch_store,
	.wf = &jianyuan_business,
	.cols = jy_batch_cols,
};
