/*
 * test_jianyuan.c: 城镇职工减少.  The retirement ages from the policy
 * data; a table of cases for each of rules 1-11 over struct jy_facts
 * (allowed, allowed with which materials, refused with which message);
 * the facts as read from the store; saving several persons with one
 * refused; the business check, the effect of approval, the VIP
 * automatic review, and describe().
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "jianyuan.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;

/* ---- Retirement ages ---- */

/* One known legal retirement age. */
struct age_case {
	const char	*name;
	int		 male, cadre;
	const char	*birth;		/* YYYY-MM-DD */
	int		 years, months;
};

static const struct age_case age_cases[] = {
	{ "male_before_reform", 1, 0, "1964-12-15", 60, 0 },
	{ "male_first_month", 1, 0, "1965-01-01", 60, 1 },
	{ "male_fourth_month", 1, 0, "1965-04-30", 60, 1 },
	{ "male_fifth_month", 1, 0, "1965-05-01", 60, 2 },
	{ "male_1970", 1, 0, "1970-01-10", 61, 4 },
	{ "male_last_step", 1, 0, "1976-08-31", 62, 11 },
	{ "male_cap", 1, 0, "1976-09-01", 63, 0 },
	{ "male_after_cap", 1, 0, "1990-06-06", 63, 0 },
	{ "worker_before_reform", 0, 0, "1974-12-31", 50, 0 },
	{ "worker_first_month", 0, 0, "1975-01-01", 50, 1 },
	{ "worker_second_month", 0, 0, "1975-02-11", 50, 1 },
	{ "worker_third_month", 0, 0, "1975-03-01", 50, 2 },
	{ "worker_last_step", 0, 0, "1984-10-01", 54, 11 },
	{ "worker_cap", 0, 0, "1984-11-01", 55, 0 },
	{ "cadre_before_reform", 0, 1, "1969-12-01", 55, 0 },
	{ "cadre_first_month", 0, 1, "1970-01-01", 55, 1 },
	{ "cadre_last_step", 0, 1, "1981-08-01", 57, 11 },
	{ "cadre_cap", 0, 1, "1981-09-01", 58, 0 },
};

START_TEST(retire_age_table)
{
	const struct age_case	*c = &age_cases[_i];
	struct jy_retire_rule	 r;
	struct hdate		 birth;
	int			 m;

	ck_assert_int_eq(valid_date(c->birth, &birth), VALID_OK);
	ck_assert_int_eq(jy_retire_rule_load(db.s, "420100", c->male, c->cadre,
	    NULL, &r), 0);
	m = jy_retire_age_calc(&r, &birth);
	ck_assert_msg(m == c->years * 12 + c->months, "%s: got %d y %d m",
	    c->name, m / 12, m % 12);
}
END_TEST

START_TEST(retire_age_policy_is_data)
{
	struct jy_retire_rule	 r;
	struct hdate		 birth = { 1965, 1, 1 };

	/* A region that kept the old age: the rule follows the data. */
	th_exec(db.s, "INSERT INTO policy (region, "
	    "key, valid_from, value) VALUES ('999999', 'retire.male.target_age', "
	    "'1900-01-01', '60')");
	ck_assert_int_eq(jy_retire_rule_load(db.s, "999999", 1, 0, NULL, &r),
	    0);
	ck_assert_int_eq(jy_retire_age_calc(&r, &birth), 60 * 12);
}
END_TEST

/* ---- The rules over facts ---- */

/* Facts of an ordinary 合同制 employee who may be reduced with no
 * material: insured and paying, paid to 2026-10, a 退工 done. */
static void
good_facts(struct jy_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->person_id = 1;
	snprintf(f->name, sizeof(f->name), "张三");
	snprintf(f->idno, sizeof(f->idno), "420102199005061234");
	f->male = 1;
	f->birth = (struct hdate){ 1990, 5, 6 };
	f->insurance_id = 7;
	f->paying = 1;
	f->start_month = (struct hdate){ 2019, 3, 0 };
	f->last_paid = (struct hdate){ 2026, 10, 0 };
	f->contrib_months = 93;
	snprintf(f->category, sizeof(f->category), "合同制");
	f->has_tuigong = 1;
	snprintf(f->window_from, sizeof(f->window_from), "12-21");
	snprintf(f->window_to, sizeof(f->window_to), "01-15");
	f->retire_age_months = 63 * 12;
	f->min_contrib_months = 180;
	f->today = (struct hdate){ 2026, 11, 22 };
}

typedef void (*facts_mod)(struct jy_facts *);

static void m_none(struct jy_facts *f) { (void)f; }
static void m_not_insured(struct jy_facts *f) { f->insurance_id = 0; }
static void m_stopped(struct jy_facts *f) { f->paying = 0; }
static void m_pending(struct jy_facts *f)
{ snprintf(f->pending_seq, sizeof(f->pending_seq), "2026112200000009"); }
/* rule 1: a man born 1965-03 (60y1m: 2025-04) with 200 months paid */
static void m_retiree(struct jy_facts *f)
{
	f->birth = (struct hdate){ 1965, 3, 12 };
	f->retire_age_months = 60 * 12 + 1;
	f->contrib_months = 200;
}
static void m_retiree_young(struct jy_facts *f)
{
	m_retiree(f);
	f->birth = (struct hdate){ 1970, 3, 12 };
	f->retire_age_months = 61 * 12 + 4;
}
static void m_retiree_short(struct jy_facts *f)
{
	m_retiree(f);
	f->contrib_months = 179;
}
/* Retiring in 2030, when 15 years and 6 months are needed. */
static void m_retiree_2030_short(struct jy_facts *f)
{
	m_retiree(f);
	f->min_contrib_months = 186;
	f->contrib_months = 185;
}
static void m_retiree_2030_just(struct jy_facts *f)
{
	m_retiree(f);
	f->min_contrib_months = 186;
	f->contrib_months = 186;
}
static void m_retiree_just(struct jy_facts *f)
{
	m_retiree(f);
	f->contrib_months = 180;
}
static void m_multi(struct jy_facts *f) { f->multi_injury = 1; }
static void m_paid(struct jy_facts *f)
{ f->last_paid = (struct hdate){ 2026, 11, 0 }; }
static void m_no_tuigong(struct jy_facts *f) { f->has_tuigong = 0; }
static void m_new_unit(struct jy_facts *f)
{ f->has_tuigong = 0; f->has_new_unit = 1; }
static void m_gwy(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "公务员(公务员补助)"); }
static void m_shiye(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "事业编制"); }
static void m_weiqueding(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "未确定用工范围"); }
static void m_hetong_gongren(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "合同制工人"); }
static void m_mending(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "公务员(门大)"); }
static void m_shiye_full(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "事业编制工作人员"); }
/* An enterprise's 合同制 职工 with no 退工 here: rule 4, never rule 5. */
static void m_hetong_notg(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "合同制"); f->has_tuigong = 0; }
static void m_nongji(struct jy_facts *f)
{ snprintf(f->category, sizeof(f->category), "农籍工"); }
static void m_nongji_new(struct jy_facts *f)
{ m_nongji(f); f->has_new_unit = 1; }
static void m_faren(struct jy_facts *f) { f->legal_rep = 1; }
static void m_faren_new(struct jy_facts *f)
{ f->legal_rep = 1; f->has_new_unit = 1; }
static void m_faren_notg(struct jy_facts *f)
{ f->legal_rep = 1; f->has_tuigong = 0; }
static void m_assessed(struct jy_facts *f) { f->assessed = 1; }
static void m_window(struct jy_facts *f)
{ f->in_window = 1; f->today = (struct hdate){ 2026, 12, 22 }; }
static void m_window_declared(struct jy_facts *f)
{ m_window(f); f->declared = 1; }
static void m_arrears(struct jy_facts *f)
{
	f->arrears = 2;
	f->arrears_fen = 123456789;
	snprintf(f->arrears_first, sizeof(f->arrears_first), "2026-09");
	snprintf(f->arrears_last, sizeof(f->arrears_last), "2026-10");
}
static void m_arrears_multi(struct jy_facts *f)
{
	f->arrears = 1;
	f->arrears_fen = 5;
	snprintf(f->arrears_first, sizeof(f->arrears_first), "2026-10");
	snprintf(f->arrears_last, sizeof(f->arrears_last), "2026-10");
	f->multi_injury = 1;
}
/* no 参保 start and nothing paid: only the date bound speaks */
static void m_no_start(struct jy_facts *f)
{
	memset(&f->start_month, 0, sizeof(f->start_month));
	memset(&f->last_paid, 0, sizeof(f->last_paid));
}
static void m_no_policy(struct jy_facts *f) { f->no_policy = 1; }
/* rule 1: neither the stored birth date nor the ID number parsed */
static void m_birth_unknown(struct jy_facts *f)
{ m_retiree(f); memset(&f->birth, 0, sizeof(f->birth)); }

/* One case: facts, reason and 变更日期, what must come out. */
struct rule_case {
	const char		*name;
	facts_mod		 mod;
	enum jy_reason		 reason;
	const char		*change;
	enum jy_verdict		 verdict;
	int			 rule;		/* refusing rule */
	const char		*code;		/* refusal code */
	const char		*msg;		/* a part of the message */
	const char		*need1;		/* a material of the first need */
	const char		*need2;		/* ... of the second, or NULL */
};

#define D "2026-11-15"
static const struct rule_case rule_cases[] = {
	{ "plain_stop", m_none, JY_STOP, D, JY_ALLOWED, 0, "", "", NULL, NULL },
	{ "bad_not_insured", m_not_insured, JY_STOP, D, JY_REFUSED, 0,
	  "NOT_INSURED", "不是本单位参保人员", NULL, NULL },
	{ "bad_already_stopped", m_stopped, JY_STOP, D, JY_REFUSED, 0,
	  "NOT_PAYING", "已暂停缴费", NULL, NULL },
	{ "bad_future_month", m_none, JY_STOP, "2026-12-01", JY_REFUSED, 0,
	  "CHANGE_FUTURE", "不能晚于本月", NULL, NULL },
	{ "bad_before_start", m_none, JY_STOP, "2019-02-28", JY_REFUSED, 0,
	  "CHANGE_EARLY", "参保起始月份", NULL, NULL },
	{ "bad_pending_task", m_pending, JY_STOP, D, JY_REFUSED, 0,
	  "PENDING", "2026112200000009", NULL, NULL },
	{ "bad_change_year_1899", m_none, JY_STOP, "1899-12-31", JY_REFUSED, 0,
	  "CHANGE_EARLY", "参保起始月份", NULL, NULL },
	{ "bad_change_over_a_year", m_no_start, JY_STOP, "2025-10-31",
	  JY_REFUSED, 0, "CHANGE_OLD", "不能早于2025年11月", NULL, NULL },
	{ "change_a_year_back", m_no_start, JY_STOP, "2025-11-01", JY_ALLOWED,
	  0, "", "", NULL, NULL },
	{ "bad_change_typo_1026", m_no_start, JY_STOP, "1026-11-20",
	  JY_REFUSED, 0, "CHANGE_OLD", "经办机构", NULL, NULL },
	{ "bad_no_policy_in_force", m_no_policy, JY_STOP, D, JY_REFUSED, 0,
	  "NO_POLICY", "没有适用的退休政策", NULL, NULL },
	/* rule 1 */
	{ "r1_retire_at_age", m_retiree, JY_RETIRE, D, JY_ALLOWED, 0, "", "",
	  NULL, NULL },
	{ "r1_retire_exactly_180", m_retiree_just, JY_RETIRE, D, JY_ALLOWED, 0,
	  "", "", NULL, NULL },
	{ "bad_r1_retire_young", m_retiree_young, JY_RETIRE, D, JY_REFUSED, 1,
	  "RETIRE_AGE", "未达到法定退休年龄(61岁4个月,2031年07月)", NULL, NULL },
	{ "bad_r1_retire_plain_person", m_none, JY_RETIRE, D, JY_REFUSED, 1,
	  "RETIRE_AGE", "病退、特殊工种退休", NULL, NULL },
	{ "bad_r1_retire_179_months", m_retiree_short, JY_RETIRE, D,
	  JY_REFUSED, 1, "RETIRE_CONTRIB", "不满最低缴费年限15年(180个月)", NULL, NULL },
	{ "bad_r1_retire_2030_185_months", m_retiree_2030_short, JY_RETIRE, D,
	  JY_REFUSED, 1, "RETIRE_CONTRIB", "不满最低缴费年限15年6个月(186个月)",
	  NULL, NULL },
	{ "r1_retire_2030_186_months", m_retiree_2030_just, JY_RETIRE, D,
	  JY_ALLOWED, 0, "", "", NULL, NULL },
	{ "bad_r1_retire_birth_unknown", m_birth_unknown, JY_RETIRE, D,
	  JY_REFUSED, 1, "RETIRE_AGE", "出生日期有误", NULL, NULL },
	{ "r1_birth_unknown_stop_only", m_birth_unknown, JY_STOP, D,
	  JY_ALLOWED, 0, "", "", NULL, NULL },
	/* rule 2 */
	{ "bad_r2_multi_injury", m_multi, JY_STOP, D, JY_REFUSED, 2,
	  "MULTI_INJURY", "该人员存在其他单位的多重工伤关系,需其他单位先减少"
	  "多重工伤关系并审核通过", NULL, NULL },
	{ "r2_multi_reason_itself", m_multi, JY_MULTI, D, JY_NEEDS, 0, "", "",
	  "cizhi_baogao_qianzi", NULL },
	/* rule 3 */
	{ "bad_r3_period_paid", m_paid, JY_STOP, D, JY_REFUSED, 3,
	  "PERIOD_PAID", "本结算期已缴费到账、权益到账", NULL, NULL },
	{ "r3_earlier_period_paid_only", m_none, JY_STOP, "2026-11-01",
	  JY_ALLOWED, 0, "", "", NULL, NULL },
	/* rule 4 */
	{ "r4_no_tuigong", m_no_tuigong, JY_STOP, D, JY_NEEDS, 0, "", "",
	  "tuigong_huamingce", NULL },
	{ "r4_new_unit", m_new_unit, JY_STOP, D, JY_ALLOWED, 0, "", "", NULL,
	  NULL },
	{ "r4_not_for_death", m_no_tuigong, JY_DEATH, D, JY_NEEDS, 0, "", "",
	  "siwang_zhengming", NULL },
	/* rule 5 */
	{ "r5_gongwuyuan", m_gwy, JY_STOP, D, JY_NEEDS, 0, "", "", "diaoling",
	  NULL },
	{ "r5_shiye", m_shiye, JY_STOP, D, JY_NEEDS, 0, "", "", "renmian_wenjian",
	  NULL },
	{ "r5_weiqueding", m_weiqueding, JY_STOP, D, JY_NEEDS, 0, "", "",
	  "cizhi_citui_wenjian", NULL },
	{ "r5_hetongzhi_gongren", m_hetong_gongren, JY_STOP, D, JY_NEEDS, 0,
	  "", "", "diaoling", NULL },
	{ "r5_gongwuyuan_mending", m_mending, JY_STOP, D, JY_NEEDS, 0, "", "",
	  "renmian_wenjian", NULL },
	{ "r5_shiye_gongzuo_renyuan", m_shiye_full, JY_STOP, D, JY_NEEDS, 0,
	  "", "", "cizhi_citui_wenjian", NULL },
	{ "r5_not_for_hetongzhi", m_none, JY_STOP, D, JY_ALLOWED, 0, "", "",
	  NULL, NULL },
	{ "r5_hetongzhi_is_rule4", m_hetong_notg, JY_STOP, D, JY_NEEDS, 0, "",
	  "", "tuigong_huamingce", NULL },
	/* rule 6 */
	{ "r6_nongji_with_tuigong", m_nongji, JY_STOP, D, JY_NEEDS, 0, "", "",
	  "jiechu_guanxi_zhengming", NULL },
	{ "r6_nongji_with_new_unit", m_nongji_new, JY_STOP, D, JY_NEEDS, 0, "",
	  "", "xin_yonggong_beian", NULL },
	/* rule 7 */
	{ "r7_faren", m_faren, JY_STOP, D, JY_NEEDS, 0, "", "",
	  "faren_xindanwei_beian", NULL },
	{ "r7_faren_without_tuigong", m_faren_notg, JY_STOP, D, JY_NEEDS, 0, "",
	  "", "yuandanwei_zhuxiao", NULL },
	{ "r7_faren_new_unit", m_faren_new, JY_STOP, D, JY_ALLOWED, 0, "", "",
	  NULL, NULL },
	/* rule 8 */
	{ "r8_death", m_none, JY_DEATH, D, JY_NEEDS, 0, "", "",
	  "siwang_zhengming", NULL },
	{ "r8_emigrate_both", m_none, JY_EMIGRATE, D, JY_NEEDS, 0, "", "",
	  "huzhao", "xiaohu_zhengming" },
	{ "r8_multi", m_none, JY_MULTI, D, JY_NEEDS, 0, "", "",
	  "cizhi_baogao_qianzi", NULL },
	{ "r8_retire_nothing", m_retiree, JY_RETIRE, D, JY_ALLOWED, 0, "", "",
	  NULL, NULL },
	/* rule 9 */
	{ "bad_r9_assessed", m_assessed, JY_STOP, D, JY_REFUSED, 9, "ASSESSED",
	  "单位已完成2026年11月的应收核定", NULL, NULL },
	/* rule 10 */
	{ "bad_r10_window", m_window, JY_STOP, D, JY_REFUSED, 10,
	  "WAGE_DECLARATION", "在每年12月21日至次年1月15日,需先进行年度职工缴费"
	  "工资申报业务后,才可进行人员变动", NULL, NULL },
	{ "r10_window_declared", m_window_declared, JY_STOP, D, JY_ALLOWED, 0,
	  "", "", NULL, NULL },
	/* rule 11 */
	{ "bad_r11_arrears", m_arrears, JY_STOP, D, JY_REFUSED, 11, "ARREARS",
	  "该人员在本单位欠费2026年9月至2026年10月共2个月,合计1,234,567.89元;"
	  "请先通过单位人员正常补缴费(/bujiao)办理欠费补缴,到帐确认后再办理减员",
	  NULL, NULL },
	{ "bad_r11_arrears_first", m_arrears_multi, JY_MULTI, D, JY_REFUSED, 11,
	  "ARREARS", "欠费2026年10月共1个月,合计0.05元;请先通过单位人员正常补缴费"
	  "(/bujiao)", NULL, NULL },
};
#undef D

/* Whether need n lists code. */
static int
need_has(const struct jy_need *n, const char *code)
{
	size_t	 i;

	for (i = 0; n->codes[i] != NULL; i++)
		if (strcmp(n->codes[i], code) == 0)
			return 1;
	return 0;
}

START_TEST(rules_table)
{
	const struct rule_case	*c = &rule_cases[_i];
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 change;

	good_facts(&f);
	c->mod(&f);
	ck_assert_int_eq(valid_date(c->change, &change), VALID_OK);
	ck_assert_msg(jy_evaluate(&f, c->reason, &change, &o) == c->verdict,
	    "%s: verdict %d (%s)", c->name, o.verdict, o.msg);
	ck_assert_int_eq(o.verdict, c->verdict);
	if (c->verdict == JY_REFUSED) {
		ck_assert_msg(o.rule == c->rule, "%s: rule %d", c->name, o.rule);
		ck_assert_str_eq(o.code, c->code);
		ck_assert_msg(strstr(o.msg, c->msg) != NULL, "%s: '%s'", c->name,
		    o.msg);
		ck_assert_int_eq(o.nneeds, 0);
		return;
	}
	if (c->need1 == NULL) {
		ck_assert_msg(o.nneeds == 0, "%s: %zu needs", c->name, o.nneeds);
		return;
	}
	ck_assert_int_eq(o.nneeds, c->need2 != NULL ? 2 : 1);
	ck_assert_msg(need_has(o.needs[0], c->need1), "%s: first need", c->name);
	ck_assert_ptr_nonnull(o.needs[0]->words);
	if (c->need2 != NULL)
		ck_assert(need_has(o.needs[1], c->need2) &&
		    !need_has(o.needs[1], c->need1));
}
END_TEST

START_TEST(rules_each_function)
{
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 d = { 2026, 11, 15 };

	/* Each rule alone answers for itself and leaves the rest. */
	good_facts(&f);
	memset(&o, 0, sizeof(o));
	f.arrears = 1;
	ck_assert_int_eq(jy_rule11_arrears(&f, JY_STOP, &d, &o), JY_REFUSED);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(jy_rule2_multi_injury(&f, JY_STOP, &d, &o), JY_ALLOWED);
	ck_assert_int_eq(jy_rule4_proof(&f, JY_STOP, &d, &o), JY_ALLOWED);
	f.has_tuigong = 0;
	ck_assert_int_eq(jy_rule4_proof(&f, JY_STOP, &d, &o), JY_NEEDS);
	ck_assert_int_eq(jy_rule4_proof(&f, JY_STOP, &d, &o), JY_NEEDS);
	ck_assert_int_eq(o.nneeds, 1);	/* once */
	ck_assert_int_eq(jy_rule4_proof(&f, JY_RETIRE, &d, &o), JY_ALLOWED);
	ck_assert_int_eq(jy_rule8_reason(&f, JY_RETIRE, &d, &o), JY_ALLOWED);
	ck_assert_int_eq(jy_rule9_assessed(&f, JY_STOP, &d, &o), JY_ALLOWED);
	ck_assert_int_eq(jy_rule10_declaration(&f, JY_STOP, &d, &o),
	    JY_ALLOWED);
	ck_assert_int_eq(jy_rule3_paid(&f, JY_STOP, &d, &o), JY_ALLOWED);
}
END_TEST

/* Which rules name a 停缴费's materials, by 用工范围 and 法人 flag, as
 * the rules judge them. */
static const struct {
	const char	*category;
	int		 legal_rep;
	size_t		 n;
	int		 r1, r2;
} category_cases[] = {
	{ "合同制", 0, 1, 4, 0 },
	{ "", 0, 1, 4, 0 },
	{ NULL, 0, 1, 4, 0 },
	{ "合同制", 1, 1, 7, 0 },
	{ "合同制工人", 0, 1, 5, 0 },
	{ "合同制工人", 1, 1, 5, 0 },
	{ "公务员", 0, 1, 5, 0 },
	{ "公务员(公务员补助)", 0, 1, 5, 0 },
	{ "公务员(门大)", 0, 1, 5, 0 },
	{ "事业编制", 0, 1, 5, 0 },
	{ "事业编制工作人员", 0, 1, 5, 0 },
	{ "未确定用工范围", 0, 1, 5, 0 },
	{ "农籍工", 0, 1, 6, 0 },
	{ "农籍工", 1, 2, 6, 7 },
	{ "农籍工人", 0, 1, 4, 0 },
};

START_TEST(material_rules_table)
{
	int	 rules[2] = { 0, 0 };
	size_t	 n;

	n = jy_material_rules(category_cases[_i].category,
	    category_cases[_i].legal_rep, rules);
	ck_assert_msg(n == category_cases[_i].n && rules[0] ==
	    category_cases[_i].r1 && (n < 2 || rules[1] ==
	    category_cases[_i].r2), "%s/%d: %zu %d %d",
	    category_cases[_i].category, category_cases[_i].legal_rep, n,
	    rules[0], rules[1]);
}
END_TEST

/* The table agrees with the rules themselves: the rule of the first
 * requirement jy_evaluate() makes for that 用工范围 without a 退工. */
START_TEST(material_rules_as_judged)
{
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 d = { 2026, 11, 15 };
	int			 rules[2];

	good_facts(&f);
	f.has_tuigong = 0;
	if (category_cases[_i].category == NULL)
		return;
	snprintf(f.category, sizeof(f.category), "%s",
	    category_cases[_i].category);
	f.legal_rep = category_cases[_i].legal_rep;
	jy_material_rules(f.category, f.legal_rep, rules);
	ck_assert_int_eq(jy_evaluate(&f, JY_STOP, &d, &o), JY_NEEDS);
	ck_assert_msg(o.needs[0]->rule == rules[0], "%s: judged %d, listed %d",
	    f.category, o.needs[0]->rule, rules[0]);
}
END_TEST

START_TEST(rule_words_name_categories)
{
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 d = { 2026, 11, 15 };

	/* Rule 5's words carry the 用工范围 names as the rule checks them,
	 * and say that 合同制 职工 go by rule 4. */
	good_facts(&f);
	m_hetong_gongren(&f);
	ck_assert_int_eq(jy_evaluate(&f, JY_STOP, &d, &o), JY_NEEDS);
	ck_assert_int_eq(o.needs[0]->rule, 5);
	ck_assert_ptr_nonnull(strstr(o.needs[0]->words, "「合同制工人」"));
	ck_assert_ptr_nonnull(strstr(o.needs[0]->words, "「公务员」"));
	ck_assert_ptr_nonnull(strstr(o.needs[0]->words, "「事业编制」"));
	ck_assert_ptr_nonnull(strstr(o.needs[0]->words, "「未确定用工范围」"));
	ck_assert_ptr_nonnull(strstr(o.needs[0]->words,
	    "用工范围「合同制」的职工不适用本条,按第4条"));
	good_facts(&f);
	m_hetong_notg(&f);
	ck_assert_int_eq(jy_evaluate(&f, JY_STOP, &d, &o), JY_NEEDS);
	ck_assert_int_eq(o.needs[0]->rule, 4);
	ck_assert_ptr_nonnull(strstr(o.needs[0]->words, "用工范围「合同制」"));
}
END_TEST

START_TEST(reason_names)
{
	int	 i;

	for (i = 0; i < JY_REASON__MAX; i++)
		ck_assert_int_eq(jy_reason_parse(jy_reason_names[i]), i);
	ck_assert_int_eq(jy_reason_parse("病退"), JY_REASON__MAX);
	ck_assert_int_eq(jy_reason_parse("特殊工种退休"), JY_REASON__MAX);
	ck_assert_int_eq(jy_reason_parse(""), JY_REASON__MAX);
	ck_assert_int_eq(jy_reason_parse(NULL), JY_REASON__MAX);
	ck_assert(jy_material_known("tuigong_huamingce"));
	ck_assert(jy_material_known("xiaohu_zhengming"));
	ck_assert(!jy_material_known("sfz_copy"));
}
END_TEST

START_TEST(stop_month_next)
{
	struct hdate	 d = { 2026, 12, 31 }, out;

	jy_stop_month(&d, &out);
	ck_assert_int_eq(out.year, 2027);
	ck_assert_int_eq(out.month, 1);
	ck_assert_int_eq(out.day, 0);
}
END_TEST

/* ---- With the store ---- */

static int64_t		 unit_a, unit_vip, unit_b;
static struct actor	 clerk, vip_clerk, reviewer;

/* Runs SQL of the test's own. */
static void
sql(const char *q)
{
	th_exec(db.s, q);
}

/* Inserts a person employed and insured at unit (paid to 2026-10,
 * contrib months, category); returns the person id. */
static int64_t
insured(const char *idno, const char *name, const char *sex,
    const char *birth, int64_t unit, const char *category, int contrib)
{
	char	 q[1024];
	int64_t	 pid;

	pid = th_person(db.s, idno, name, sex, birth);
	snprintf(q, sizeof(q), "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, category, registered_at) VALUES "
	    "(%lld, %lld, 'HT-%s', '2019-03-01', '%s', '2019-03-01');"
	    "INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, last_paid_month, contrib_months) VALUES (%lld, %lld, "
	    "'SB%s', '2019-03', '参保缴费', '2026-10', %d)", (long long)pid,
	    (long long)unit, idno, category, (long long)pid, (long long)unit,
	    idno, contrib);
	sql(q);
	return pid;
}

static int64_t	 p_zhang, p_li, p_wang, p_old, p_other;

static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	unit_a = th_unit(db.s, "示例商贸", 0);
	unit_vip = th_unit(db.s, "示例科技", 1);
	unit_b = th_unit(db.s, "其他单位", 0);
	clerk = (struct actor){ th_account(db.s, unit_a, "clerk"), unit_a,
	    "经办人", "fp1" };
	vip_clerk = (struct actor){ th_account(db.s, unit_vip, "vip"),
	    unit_vip, "VIP经办人", "fp2" };
	reviewer = (struct actor){ th_account(db.s, 0, "reviewer"), 0,
	    "审核员", "fp3" };
	p_zhang = insured("420102199005061234", "张三", "男", "1990-05-06",
	    unit_a, "合同制", 93);
	p_li = insured("420102199106071245", "李四", "女", "1991-06-07",
	    unit_a, "合同制", 80);
	p_wang = insured("420102198807081256", "王五", "男", "1988-07-08",
	    unit_a, "农籍工", 70);
	p_old = insured("420102196503121277", "赵老", "男", "1965-03-12",
	    unit_vip, "合同制", 400);
	p_other = insured("420102199208091288", "钱七", "男", "1992-08-09",
	    unit_b, "合同制", 60);
	wf_register(&jianyuan_business);
}

static void
teardown(void)
{
	ck_assert_int_ge(audit_verify(db.s, NULL), 0);
	th_db_close(&db);
}

START_TEST(facts_from_store)
{
	struct jy_facts	 f;
	struct hdate	 d = { 2026, 11, 15 }, today = { 2026, 11, 22 };

	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert_str_eq(f.name, "张三");
	ck_assert(f.male && f.paying && f.insurance_id > 0);
	ck_assert_int_eq(f.contrib_months, 93);
	ck_assert_int_eq(f.last_paid.year, 2026);
	ck_assert_int_eq(f.last_paid.month, 10);
	ck_assert_str_eq(f.category, "合同制");
	ck_assert(!f.has_tuigong && !f.has_new_unit && f.arrears == 0);
	ck_assert(!f.assessed && !f.in_window);
	ck_assert_int_eq(f.retire_age_months, 63 * 12);
	ck_assert_int_eq(f.min_contrib_months, 180);
	/* Another unit's 在职 用工, arrears, 应收核定, 已退工. */
	sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, registered_at) SELECT id, (SELECT MAX(id) FROM units), "
	    "'HT-NEW', '2026-11-01', '2026-11-01' FROM persons WHERE name = '张三'");
	sql("INSERT INTO arrears (person_id, unit_id, month, amount_fen) "
	    "SELECT person_id, unit_id, '2026-09', 100 FROM insurance WHERE "
	    "sb_no = 'SB420102199005061234'");
	sql("INSERT INTO assessments (unit_id, month, assessed_at) SELECT "
	    "unit_id, '2026-11', 0 FROM insurance WHERE "
	    "sb_no = 'SB420102199005061234'");
	sql("UPDATE employments SET status = '已退工', ended_at = "
	    "'2026-11-10' WHERE contract_no = 'HT-420102199005061234'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert(f.has_new_unit && f.has_tuigong && f.arrears == 1 &&
	    f.assessed);
	/* Rule 11's text has the amount and months (lib/arrears.h). */
	ck_assert_int_eq(f.arrears_fen, 100);
	ck_assert_str_eq(f.arrears_first, "2026-09");
	ck_assert_str_eq(f.arrears_last, "2026-09");
	/* A person of another unit is unknown here, like a missing one. */
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_other, &d, &today, 0,
	    &f), 1);
	ck_assert_str_eq(f.name, "");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, 999999, &d, &today, 0,
	    &f), 1);
}
END_TEST

START_TEST(facts_window_and_declaration)
{
	struct jy_facts	 f;
	struct hdate	 d = { 2026, 12, 22 }, today = { 2026, 12, 22 };
	struct hdate	 jan = { 2027, 1, 15 }, jan16 = { 2027, 1, 16 };

	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert(f.in_window && !f.declared);
	ck_assert_str_eq(f.window_from, "12-21");
	/* The declaration of 缴费年度 2027 opens the window. */
	sql("INSERT INTO wage_declarations (unit_id, year, declared_at) "
	    "SELECT unit_id, 2027, 0 FROM insurance WHERE "
	    "sb_no = 'SB420102199005061234'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert(f.in_window && f.declared);
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &jan, &jan, 0,
	    &f), 0);
	ck_assert(f.in_window && f.declared);
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_li, &jan16, &jan16, 0,
	    &f), 0);
	ck_assert(!f.in_window);
}
END_TEST

/* Saves a 停缴费 of pids for who on 2026-11-15; returns jy_save's. */
static int
save(const struct actor *who, enum jy_reason r, const int64_t *pids,
    size_t n, const char *key, int64_t *task, struct form_errors *errs)
{
	struct hdate	 d = { 2026, 11, 15 };

	errs->n = 0;
	return jy_save(db.s, who, r, &d, pids, n, key, task, errs);
}

START_TEST(save_bad_one_refuses_all)
{
	struct form_errors	 errs;
	int64_t			 pids[3], task;

	sql("INSERT INTO arrears (person_id, unit_id, month, amount_fen) "
	    "SELECT person_id, unit_id, '2026-09', 100 FROM insurance WHERE "
	    "sb_no = 'SB420102199106071245'");
	pids[0] = p_zhang;
	pids[1] = p_li;
	pids[2] = p_wang;
	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 3, "k1", &task, &errs), 1);
	ck_assert_int_eq(task, 0);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "ARREARS");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "李四"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "欠费2026年9月共1个月,"
	    "合计1.00元"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "(/bujiao)"));
	ck_assert_ptr_null(strstr(errs.e[0].msg, "张三"));
	/* Nothing stored for anyone. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM jianyuan"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM insurance "
	    "WHERE status <> '参保缴费'"), 0);
	/* Settled, the same submission goes through. */
	sql("UPDATE arrears SET settled = 1");
	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 3, "k1", &task, &errs), 0);
	ck_assert_int_gt(task, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM jianyuan"), 3);
}
END_TEST

START_TEST(save_bad_other_unit_and_empty)
{
	struct form_errors	 errs;
	int64_t			 pids[2] = { p_other, p_zhang }, task;

	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 2, NULL, &task, &errs), 1);
	/* Another unit's person is unknown here: neither name nor number
	 * of that person may appear in the refusal. */
	ck_assert_str_eq(errs.e[0].code, "NOT_FOUND");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "本单位未找到该人员"));
	ck_assert_ptr_null(strchr(errs.e[0].msg, '('));
	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 0, NULL, &task, &errs), 1);
	ck_assert_str_eq(errs.e[0].field, "pid");
	ck_assert_int_eq(save(&clerk, JY_REASON__MAX, pids + 1, 1, NULL, &task,
	    &errs), 1);
	ck_assert_str_eq(errs.e[0].field, "reason");
}
END_TEST

START_TEST(save_dedup_and_pending)
{
	struct form_errors	 errs;
	int64_t			 pid = p_zhang, t1, t2;

	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, "same", &t1, &errs), 0);
	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, "same", &t2, &errs), 2);
	ck_assert_int_eq(t1, t2);
	/* Another form for the same person: already in a task. */
	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, "other", &t2, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "PENDING");
}
END_TEST

/* Reads a fixture file into a malloc'd buffer. */
static unsigned char *
fixture(const char *name, size_t *sz)
{
	char		 path[256];
	unsigned char	*buf;
	FILE		*f;
	long		 n;

	snprintf(path, sizeof(path), "unit/fixtures/files/%s", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "no fixture %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_gt(n, 0);
	rewind(f);
	buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*sz = (size_t)n;
	return buf;
}

/* Attaches fixture ok.pdf as code for person of task, by who. */
static void
attach_by(const struct actor *who, int64_t task, int64_t person,
    const char *code)
{
	unsigned char	*buf;
	size_t		 sz;

	buf = fixture("ok.pdf", &sz);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, who, task, person, code,
	    "证明.pdf", buf, sz), ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
	free(buf);
}

/* Attaches fixture ok.pdf as code for person of task, by the clerk. */
static void
attach(int64_t task, int64_t person, const char *code)
{
	attach_by(&clerk, task, person, code);
}

START_TEST(check_materials_then_approve)
{
	struct form_errors	 errs;
	int64_t			 pids[2] = { p_zhang, p_wang }, task;
	struct task		 t;

	/* 张三 has a 退工 done here; 王五 is a 农籍工 (rule 6). */
	sql("UPDATE employments SET status = '已退工', ended_at = "
	    "'2026-11-10' WHERE contract_no = 'HT-420102199005061234'");
	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 2, NULL, &task, &errs), 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "MATERIAL");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "王五"));
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "退工花名册"));
	/* A file for the wrong person does not count. */
	attach(task, p_zhang, "jiechu_guanxi_zhengming");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	attach(task, p_wang, "jiechu_guanxi_zhengming");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, task, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_PENDING);	/* 普通: a reviewer */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM insurance WHERE "
	    "status = '暂停缴费'"), 0);
	ck_assert_int_eq(wf_transition(db.s, task, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM insurance WHERE "
	    "status = '暂停缴费' AND stop_month = '2026-12'"), 2);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM jianyuan WHERE "
	    "stop_month = '2026-12'"), 2);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM audit WHERE "
	    "action = 'jianyuan.stop'"), 2);
}
END_TEST

/* A 变更日期 at the edge of the 12 months when it was submitted stays
 * acceptable at approval the next month: the bound is measured from
 * the first submission, not from the reviewer's day. */
START_TEST(check_bound_from_first_submission)
{
	struct form_errors	 errs;
	struct hdate		 edge = { 2025, 11, 15 };
	int64_t			 pid = p_zhang, task;

	sql("UPDATE employments SET status = '已退工', ended_at = "
	    "'2026-11-10' WHERE contract_no = 'HT-420102199005061234'");
	sql("UPDATE insurance SET last_paid_month = '2025-10' WHERE "
	    "sb_no = 'SB420102199005061234'");
	errs.n = 0;
	ck_assert_int_eq(jy_save(db.s, &clerk, JY_STOP, &edge, &pid, 1, NULL,
	    &task, &errs), 0);
	ck_assert_msg(errs.n == 0, "%s", errs.n > 0 ? errs.e[0].msg : "");
	ck_assert_int_eq(wf_transition(db.s, task, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	th_clock_set(&db, "2026-12-01 09:00:00");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM insurance WHERE "
	    "status = '暂停缴费' AND sb_no = 'SB420102199005061234'"), 1);
}
END_TEST

START_TEST(check_bad_changed_since_save)
{
	struct form_errors	 errs;
	int64_t			 pid = p_zhang, task;

	sql("UPDATE employments SET status = '已退工', ended_at = '2026-11-10'");
	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, NULL, &task, &errs), 0);
	/* The unit's 应收核定 happens between 保存 and 提交. */
	sql("INSERT INTO assessments (unit_id, month, assessed_at) SELECT "
	    "unit_id, '2026-11', 0 FROM insurance WHERE "
	    "sb_no = 'SB420102199005061234'");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_str_eq(errs.e[0].code, "ASSESSED");
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM insurance WHERE "
	    "status = '暂停缴费'"), 0);
}
END_TEST

START_TEST(vip_retire_auto_review)
{
	struct form_errors	 errs;
	int64_t			 pid = p_old, task;
	struct task		 t;

	/* Born 1965-03: 60 years 1 month in 2025-04; 400 months paid. */
	ck_assert_int_eq(save(&vip_clerk, JY_RETIRE, &pid, 1, NULL, &task,
	    &errs), 0);
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, task, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM insurance WHERE "
	    "status = '暂停缴费' AND stop_month = '2026-12'"), 1);
}
END_TEST

START_TEST(vip_bad_retire_too_young)
{
	struct form_errors	 errs;
	int64_t			 pid, task;

	pid = insured("420102197003121299", "孙六", "男", "1970-03-12",
	    unit_vip, "合同制", 400);
	ck_assert_int_eq(save(&vip_clerk, JY_RETIRE, &pid, 1, NULL, &task,
	    &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "RETIRE_AGE");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "61岁4个月"));
}
END_TEST

/* describe() callback collecting "label=value;" */
static void
collect(void *arg, const char *label, const char *value)
{
	char	*buf = arg;
	size_t	 len = strlen(buf);

	snprintf(buf + len, 2048 - len, "%s=%s;", label, value);
}

START_TEST(describe_lists_persons)
{
	struct form_errors	 errs;
	int64_t			 pids[2] = { p_zhang, p_li }, task;
	char			 buf[2048] = "";

	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 2, NULL, &task, &errs), 0);
	ck_assert_int_eq(jianyuan_business.describe(db.s, task, collect, buf),
	    0);
	ck_assert_ptr_nonnull(strstr(buf, "减少人数=2;"));
	ck_assert_ptr_nonnull(strstr(buf, "减少原因=停缴费;"));
	ck_assert_ptr_nonnull(strstr(buf, "变更日期=2026-11-15;"));
	ck_assert_ptr_nonnull(strstr(buf, "停止缴费月份(自该月起)=2026-12;"));
	/* The persons are rows of the rows hook, not describe()'s. */
	ck_assert_ptr_null(strstr(buf, "减少人员"));
}
END_TEST


START_TEST(facts_bad_change_date_refused_not_error)
{
	struct form_errors	 errs;
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 today = { 2026, 11, 22 };
	struct hdate		 d1899 = { 1899, 12, 31 }, d1026 = { 1026, 11, 20 };
	int64_t			 pid = p_zhang, task;

	/* Before any policy row (1900-01-01) and far out of bounds: a
	 * refusal with a message, never -1 (a 503). */
	ck_assert_int_eq(jy_judge(db.s, unit_a, p_zhang, JY_RETIRE, &d1899,
	    &today, 0, &f, &o), 0);
	ck_assert_int_eq(o.verdict, JY_REFUSED);
	ck_assert_str_eq(o.code, "CHANGE_EARLY");
	sql("UPDATE insurance SET start_month = '1000-01'");
	ck_assert_int_eq(jy_judge(db.s, unit_a, p_zhang, JY_STOP, &d1026,
	    &today, 0, &f, &o), 0);
	ck_assert_str_eq(o.code, "CHANGE_OLD");
	errs.n = 0;
	ck_assert_int_eq(jy_save(db.s, &clerk, JY_STOP, &d1899, &pid, 1, NULL,
	    &task, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "CHANGE_OLD");
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "张三"));
	/* The bound alone. */
	ck_assert(jy_change_date_ok(&(struct hdate){ 2025, 11, 1 }, &today,
	    NULL, 0));
	ck_assert(!jy_change_date_ok(&(struct hdate){ 2026, 12, 1 }, &today,
	    NULL, 0));
}
END_TEST

START_TEST(facts_tuigong_of_the_current_job_only)
{
	struct jy_facts	 f;
	struct hdate	 d = { 2026, 11, 15 }, today = { 2026, 11, 22 };

	/* An earlier job here, ended by a 退工 before this 参保 began and
	 * once the unit's 法人: it proves nothing about the current one. */
	sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, category, is_legal_rep, status, registered_at, "
	    "ended_at) SELECT person_id, unit_id, 'HT-OLD', '2012-01-01', "
	    "'合同制', 1, '已退工', '2012-01-01', '2018-06-30' FROM insurance "
	    "WHERE sb_no = 'SB420102199005061234'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.has_tuigong, 0);
	ck_assert_int_eq(f.legal_rep, 0);	/* from the current job */
	ck_assert(f.employed && f.employment_id > 0);
	ck_assert_str_eq(f.job_start, "2019-03-01");
	/* Even ended after this 参保 began, while a job here is 在职. */
	sql("UPDATE employments SET ended_at = '2020-01-31' WHERE "
	    "contract_no = 'HT-OLD'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.has_tuigong, 0);
	/* A second job elsewhere that began before this one is no new unit. */
	sql("INSERT INTO employments (person_id, unit_id, contract_no, "
	    "start_date, registered_at) SELECT id, (SELECT MAX(id) FROM units), "
	    "'HT-SIDE', '2015-01-01', '2015-01-01' FROM persons WHERE "
	    "name = '张三'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.has_new_unit, 0);
	{
		struct jy_outcome o;

		ck_assert_int_eq(jy_evaluate(&f, JY_STOP, &d, &o), JY_NEEDS);
		ck_assert_int_eq(o.needs[0]->rule, 4);
	}
	/* One that began after it is where the person went. */
	sql("UPDATE employments SET start_date = '2026-11-01' WHERE "
	    "contract_no = 'HT-SIDE'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.has_new_unit, 1);
	/* The current job's own 退工 counts. */
	sql("UPDATE employments SET status = '已退工', ended_at = '2026-11-10' "
	    "WHERE contract_no = 'HT-420102199005061234'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.has_tuigong, 1);
	/* The current 法人 flag counts. */
	sql("UPDATE employments SET is_legal_rep = 1 WHERE contract_no = "
	    "'HT-420102199005061234'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_a, p_zhang, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.legal_rep, 1);
}
END_TEST

START_TEST(facts_birth_from_idno)
{
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 d = { 2026, 11, 15 }, today = { 2026, 11, 22 };

	/* A malformed stored birth date: the (valid) ID number's is used. */
	sql("UPDATE persons SET birth = '1965-13-45', idno = "
	    "'420102196503121271' WHERE name = '赵老'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_vip, p_old, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.birth.year, 1965);
	ck_assert_int_eq(f.birth.month, 3);
	ck_assert_int_eq(f.retire_age_months, 60 * 12 + 1);
	ck_assert_int_eq(jy_evaluate(&f, JY_RETIRE, &d, &o), JY_ALLOWED);
	/* Neither parses: rule 1 refuses, it does not wave him through. */
	sql("UPDATE persons SET birth = '', idno = '4201021965XXXX' WHERE "
	    "name = '赵老'");
	ck_assert_int_eq(jy_facts_load(db.s, unit_vip, p_old, &d, &today, 0,
	    &f), 0);
	ck_assert_int_eq(f.birth.year, 0);
	ck_assert_int_eq(jy_evaluate(&f, JY_RETIRE, &d, &o), JY_REFUSED);
	ck_assert_int_eq(o.rule, 1);
	ck_assert_ptr_nonnull(strstr(o.msg, "出生日期有误"));
}
END_TEST

START_TEST(multi_injury_lifted_by_other_unit)
{
	struct form_errors	 errs;
	struct actor		 clerk_b;
	int64_t			 pid = p_zhang, task_b, task;
	struct task		 t;

	clerk_b = (struct actor){ th_account(db.s, unit_b, "clerkb"), unit_b,
	    "乙经办人", "fp4" };
	/* 张三 also works at unit B, his 工伤-only relationship there. */
	sql("UPDATE insurance SET multi_injury = 1 WHERE "
	    "sb_no = 'SB420102199005061234'");
	sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, last_paid_month, contrib_months) SELECT id, (SELECT MAX(id) "
	    "FROM units), 'SB-B-ZHANG', '2020-01', '参保缴费', '2026-10', 60 "
	    "FROM persons WHERE name = '张三'");
	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, NULL, &task, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "MULTI_INJURY");
	/* Unit B reduces the 多重劳动关系(工伤), approved. */
	ck_assert_int_eq(save(&clerk_b, JY_MULTI, &pid, 1, NULL, &task_b,
	    &errs), 0);
	attach_by(&clerk_b, task_b, p_zhang, "cizhi_baogao_qianzi");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task_b, WF_SUBMIT, &clerk_b, NULL,
	    &errs), WF_OK);
	/* Not yet approved: still refused here. */
	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, NULL, &task, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "MULTI_INJURY");
	ck_assert_int_eq(wf_transition(db.s, task_b, WF_APPROVE, &reviewer,
	    NULL, &errs), WF_OK);
	ck_assert_int_eq(wf_load(db.s, task_b, 0, &t), 0);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM audit WHERE "
	    "action = 'jianyuan.multi_released'"), 1);
	/* Now allowed here. */
	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, NULL, &task, &errs), 0);
	ck_assert_int_gt(task, 0);
}
END_TEST

START_TEST(multi_injury_kept_while_a_third_unit_pays)
{
	struct form_errors	 errs;
	struct actor		 clerk_b;
	int64_t			 pid = p_zhang, task_b, task;

	clerk_b = (struct actor){ th_account(db.s, unit_b, "clerkb"), unit_b,
	    "乙经办人", "fp4" };
	sql("UPDATE insurance SET multi_injury = 1 WHERE "
	    "sb_no = 'SB420102199005061234'");
	sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, last_paid_month) SELECT id, (SELECT MAX(id) FROM units), "
	    "'SB-B-ZHANG', '2020-01', '参保缴费', '2026-10' FROM persons WHERE "
	    "name = '张三'");
	sql("INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, last_paid_month) SELECT id, (SELECT id FROM units WHERE "
	    "name = '示例科技'), 'SB-V-ZHANG', '2020-01', '参保缴费', '2026-10' "
	    "FROM persons WHERE name = '张三'");
	ck_assert_int_eq(save(&clerk_b, JY_MULTI, &pid, 1, NULL, &task_b,
	    &errs), 0);
	attach_by(&clerk_b, task_b, p_zhang, "cizhi_baogao_qianzi");
	errs.n = 0;
	ck_assert_int_eq(wf_transition(db.s, task_b, WF_SUBMIT, &clerk_b, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, task_b, WF_APPROVE, &reviewer,
	    NULL, &errs), WF_OK);
	ck_assert_int_eq(save(&clerk, JY_STOP, &pid, 1, NULL, &task, &errs), 1);
	ck_assert_str_eq(errs.e[0].code, "MULTI_INJURY");
}
END_TEST

START_TEST(describe_mixed_rows)
{
	struct form_errors	 errs;
	int64_t			 pids[2] = { p_zhang, p_li }, task;
	char			 buf[2048] = "";

	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 2, NULL, &task, &errs), 0);
	/* A batch may carry a reason and a date per row. */
	sql("UPDATE jianyuan SET reason = '死亡', change_date = '2026-10-31', "
	    "stop_month = '2026-11' WHERE name = '李四'");
	ck_assert_int_eq(jianyuan_business.describe(db.s, task, collect, buf),
	    0);
	ck_assert_ptr_nonnull(strstr(buf, "减少原因=见明细;"));
	ck_assert_ptr_nonnull(strstr(buf, "变更日期=见明细;"));
	ck_assert_ptr_nonnull(strstr(buf, "停止缴费月份(自该月起)=见明细;"));
	ck_assert_ptr_null(strstr(buf, "减少原因=停缴费;"));
}
END_TEST

/* The rows hook's callback collecting "[name|idno|fact|fact|fact]"
 * into buf.  Returns 0. */
static int
collect_person(void *arg, const struct wf_row *r)
{
	char	*buf = arg;
	size_t	 len = strlen(buf);

	snprintf(buf + len, 2048 - len, "[%s|%s|%s|%s|%s]", r->name, r->idno,
	    r->value[0], r->value[1], r->value[2]);
	return 0;
}

START_TEST(describe_receipt_persons_apart)
{
	struct form_errors	 errs;
	int64_t			 pids[2] = { p_zhang, p_li }, task;
	char			 buf[2048] = "";

	ck_assert_int_eq(save(&clerk, JY_STOP, pids, 2, NULL, &task, &errs), 0);
	ck_assert_int_eq(jianyuan_business.describe(db.s, task, collect, buf),
	    0);
	ck_assert_int_eq(jianyuan_business.rows(db.s, task, collect_person,
	    buf), 2);
	/* One page of one row from the second: 李四 alone. */
	{
		char	 page[2048] = "";

		ck_assert_int_eq(jianyuan_business.rows_page(db.s, task, 1, 1,
		    collect_person, page), 1);
		ck_assert_str_eq(page, "[李四|420102199106071245|停缴费|"
		    "2026-11-15|2026-12]");
	}
	/* The head facts as fields, each person as a row of its own, in
	 * row order, and no run-on 「减少人员N」 line. */
	ck_assert_ptr_nonnull(strstr(buf, "减少人数=2;"));
	ck_assert_ptr_nonnull(strstr(buf, "减少原因=停缴费;"));
	ck_assert_ptr_null(strstr(buf, "减少人员1"));
	ck_assert_ptr_nonnull(strstr(buf, "[张三|420102199005061234|停缴费|"
	    "2026-11-15|2026-12][李四|420102199106071245|停缴费|2026-11-15|"
	    "2026-12]"));
	/* No such task: no persons, a count of 0, not an error. */
	buf[0] = '\0';
	ck_assert_int_eq(jianyuan_business.describe(db.s, 999999, collect,
	    buf), 0);
	ck_assert_int_eq(jianyuan_business.rows(db.s, 999999, collect_person,
	    buf), 0);
	ck_assert_str_eq(buf, "业务类型=城镇职工减少(暂停缴费);减少人数=0;");
}
END_TEST

static Suite *
jianyuan_suite(void)
{
	Suite	*s = suite_create("jianyuan");
	TCase	*tc;

	tc = tcase_create("retire_age");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, retire_age_table, 0,
	    (int)(sizeof(age_cases) / sizeof(age_cases[0])));
	tcase_add_test(tc, retire_age_policy_is_data);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_loop_test(tc, rules_table, 0,
	    (int)(sizeof(rule_cases) / sizeof(rule_cases[0])));
	tcase_add_test(tc, rules_each_function);
	tcase_add_loop_test(tc, material_rules_table, 0,
	    (int)(sizeof(category_cases) / sizeof(category_cases[0])));
	tcase_add_loop_test(tc, material_rules_as_judged, 0,
	    (int)(sizeof(category_cases) / sizeof(category_cases[0])));
	tcase_add_test(tc, rule_words_name_categories);
	tcase_add_test(tc, reason_names);
	tcase_add_test(tc, stop_month_next);
	suite_add_tcase(s, tc);

	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, facts_from_store);
	tcase_add_test(tc, facts_window_and_declaration);
	tcase_add_test(tc, save_bad_one_refuses_all);
	tcase_add_test(tc, save_bad_other_unit_and_empty);
	tcase_add_test(tc, save_dedup_and_pending);
	tcase_add_test(tc, check_materials_then_approve);
	tcase_add_test(tc, check_bound_from_first_submission);
	tcase_add_test(tc, check_bad_changed_since_save);
	tcase_add_test(tc, vip_retire_auto_review);
	tcase_add_test(tc, vip_bad_retire_too_young);
	tcase_add_test(tc, describe_lists_persons);
	tcase_add_test(tc, describe_mixed_rows);
	tcase_add_test(tc, describe_receipt_persons_apart);
	tcase_add_test(tc, facts_bad_change_date_refused_not_error);
	tcase_add_test(tc, facts_tuigong_of_the_current_job_only);
	tcase_add_test(tc, facts_birth_from_idno);
	tcase_add_test(tc, multi_injury_lifted_by_other_unit);
	tcase_add_test(tc, multi_injury_kept_while_a_third_unit_pays);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(jianyuan_suite)
