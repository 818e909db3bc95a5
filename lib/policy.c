/*
 * policy.c: regional rules as data (see policy.h for the keys) and the
 * working-day calendar.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "clock.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "valid.h"

#define POLICY_MAX_WORKDAYS	3660	/* |n| for workdays_add */

/* The statements of policy and calendar; their SQL is in policy_sql. */
enum policy_stmt {
	POLICY_STMT_VALUE,	/* a region's value of a key on a date */
	POLICY_STMT_WORKDAY,	/* a date's calendar row */
	POLICY_STMT_SEED,	/* inserts a policy row where absent */
	POLICY_STMT_SEED_DAY,	/* inserts a calendar row where absent */
	POLICY_STMT_YEAR,	/* a region's value set within a year */
	POLICY_STMT__MAX
};

/* The SQL of each statement, by enum policy_stmt. */
static const char *const policy_sql[POLICY_STMT__MAX] = {
	[POLICY_STMT_VALUE] =
	    "SELECT value FROM policy WHERE region = ? "
	    "AND key = ? AND valid_from <= ? ORDER BY valid_from DESC "
	    "LIMIT 1", /* POLICY_STMT_VALUE */
	[POLICY_STMT_WORKDAY] =
	    "SELECT workday FROM calendar "
	    "WHERE date = ?", /* POLICY_STMT_WORKDAY */
	[POLICY_STMT_SEED] =
	    "INSERT OR IGNORE INTO policy (region, "
	    "key, valid_from, value, note) VALUES (?, ?, ?, ?, ?)", /* POLICY_STMT_SEED */
	[POLICY_STMT_SEED_DAY] =
	    "INSERT OR IGNORE INTO calendar (date, "
	    "workday, note) VALUES (?, ?, ?)", /* POLICY_STMT_SEED_DAY */
	[POLICY_STMT_YEAR] =
	    "SELECT value FROM policy WHERE region = ?1 AND key = ?2 "
	    "AND valid_from >= ?3 AND valid_from <= ?4 "
	    "ORDER BY valid_from DESC LIMIT 1",
};

/* Writes d as "YYYY-MM-DD" into buf[16]; returns buf.  Out-of-range
 * dates are rejected by the caller's checks, not here. */
static const char *
policy_fmt(const struct hdate *d, char buf[16])
{
	snprintf(buf, 16, "%04d-%02d-%02d", d->year % 10000,
	    (d->month % 100 + 100) % 100, (d->day % 100 + 100) % 100);
	return buf;
}

/* Whether d is a plausible calendar date for the hall. */
static int
policy_date_ok(const struct hdate *d)
{
	struct hdate	 back;

	if (d->year < 1900 || d->year > 9999 || d->month < 1 ||
	    d->month > 12 || d->day < 1 || d->day > 31)
		return 0;
	hdate_from_days(hdate_to_days(d), &back);
	return back.day == d->day && back.month == d->month;
}

/* Looks key up for exactly region (no fallback).  Returns 0, 1 or -1
 * as policy_get. */
static int
policy_lookup(struct store *s, const char *region, const char *key,
    const char *on, char *out, size_t outsz)
{
	struct store_stmt	*st;
	const char	*v;
	size_t		 n;
	int		 rc;

	if ((st = store_stmt(s, policy_sql[POLICY_STMT_VALUE])) == NULL)
		return -1;
	if (store_bind_text(st, 1, region) || store_bind_text(st, 2, key) ||
	    store_bind_text(st, 3, on))
		return -1;
	rc = store_step(st);
	if (rc == STORE_DONE) {
		store_reset(st);
		return 1;
	}
	if (rc != STORE_ROW) {
		log_err("policy: %s: %s", key, store_errmsg(s));
		store_reset(st);
		return -1;
	}
	v = store_col_text(st, 0);
	n = strlen(v);
	if (n >= outsz) {
		log_err("policy: %s/%s: value too long", region, key);
		store_reset(st);
		return -1;
	}
	memcpy(out, v, n + 1);
	store_reset(st);
	return 0;
}

/* The value of key in force on on for region, else for "*". */
int
policy_get(struct store *s, const char *region, const char *key,
    const struct hdate *on, char *out, size_t outsz)
{
	struct hdate	 today;
	char		 date[16];
	int		 rc;

	if (outsz == 0 || key == NULL)
		return -1;
	out[0] = '\0';
	if (on == NULL) {
		clock_today(&today);
		on = &today;
	}
	if (!policy_date_ok(on)) {
		log_err("policy: %s: bad date", key);
		return -1;
	}
	policy_fmt(on, date);
	if (region != NULL && strcmp(region, "*") != 0) {
		rc = policy_lookup(s, region, key, date, out, outsz);
		if (rc != 1)
			return rc;
	}
	return policy_lookup(s, "*", key, date, out, outsz);
}

/* Looks key up among the rows region set within year (no fallback)
 * into *out.  Returns 0, 1 none, -1 error (also not an integer). */
static int
policy_year_lookup(struct store *s, const char *region, const char *key,
    int year, long long *out)
{
	struct store_stmt	*st;
	char		 from[16], to[16];
	const char	*v;
	char		*end;
	int		 rc;

	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	if ((st = store_stmt(s, policy_sql[POLICY_STMT_YEAR])) == NULL ||
	    store_bind_text(st, 1, region) || store_bind_text(st, 2, key) ||
	    store_bind_text(st, 3, from) || store_bind_text(st, 4, to))
		return -1;
	if ((rc = store_step(st)) == STORE_DONE) {
		store_reset(st);
		return 1;
	}
	if (rc != STORE_ROW) {
		log_err("policy: %s: %s", key, store_errmsg(s));
		store_reset(st);
		return -1;
	}
	v = store_col_text(st, 0);
	errno = 0;
	*out = strtoll(v, &end, 10);
	rc = v[0] == '\0' || *end != '\0' || errno != 0 ? -1 : 0;
	if (rc != 0)
		log_err("policy: %s/%s: not an integer", region, key);
	store_reset(st);
	return rc;
}

/* The integer value of key set within year; see policy.h. */
int
policy_int_year(struct store *s, const char *region, const char *key,
    int year, long long *out)
{
	int	 rc;

	*out = 0;
	if (key == NULL || year < 1900 || year > 9999)
		return -1;
	if (region != NULL && strcmp(region, "*") != 0 &&
	    (rc = policy_year_lookup(s, region, key, year, out)) != 1)
		return rc;
	return policy_year_lookup(s, "*", key, year, out);
}

/* policy_get parsed as a decimal integer; see policy.h. */
int
policy_int(struct store *s, const char *region, const char *key,
    const struct hdate *on, long long dflt, long long *out)
{
	char		 buf[64];
	char		*end;
	long long	 v;
	int		 rc;

	*out = dflt;
	if ((rc = policy_get(s, region, key, on, buf, sizeof(buf))) != 0)
		return rc;
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (buf[0] == '\0' || *end != '\0' || errno != 0) {
		log_err("policy: %s/%s: not an integer", region, key);
		return -1;
	}
	*out = v;
	return 0;
}

/* policy_get as a flag "1" / "0"; see policy.h. */
int
policy_bool(struct store *s, const char *region, const char *key,
    const struct hdate *on, int dflt, int *out)
{
	char	 buf[8];
	int	 rc;

	*out = dflt;
	if ((rc = policy_get(s, region, key, on, buf, sizeof(buf))) != 0)
		return rc;
	if (strcmp(buf, "1") == 0)
		*out = 1;
	else if (strcmp(buf, "0") == 0)
		*out = 0;
	else {
		log_err("policy: %s/%s: not 0 or 1", region, key);
		return -1;
	}
	return 0;
}

/* Whether d is a working day: calendar row, else Monday to Friday. */
int
workday_is(struct store *s, const struct hdate *d)
{
	struct store_stmt	*st;
	char		 date[16];
	int64_t		 wd;
	int		 rc;

	if (!policy_date_ok(d)) {
		log_err("policy: workday of a bad date");
		return -1;
	}
	if ((st = store_stmt(s, policy_sql[POLICY_STMT_WORKDAY])) == NULL ||
	    store_bind_text(st, 1, policy_fmt(d, date)))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		rc = store_col_int(st, 0) != 0;
		store_reset(st);
		return rc;
	}
	store_reset(st);
	if (rc != STORE_DONE) {
		log_err("policy: calendar: %s", store_errmsg(s));
		return -1;
	}
	/* 1970-01-01 was a Thursday: 0 = Thursday ... 2 = Saturday. */
	wd = ((hdate_to_days(d) % 7) + 7) % 7;
	return wd != 2 && wd != 3;
}

/* The date n working days after (n < 0: before) from into out. */
int
workdays_add(struct store *s, const struct hdate *from, int n,
    struct hdate *out)
{
	int64_t	 day, step;
	int	 left, rc;
	struct hdate	 d;

	if (n < -POLICY_MAX_WORKDAYS || n > POLICY_MAX_WORKDAYS ||
	    !policy_date_ok(from))
		return -1;
	day = hdate_to_days(from);
	step = n < 0 ? -1 : 1;
	left = n < 0 ? -n : n;
	d = *from;
	while (left > 0) {
		day += step;
		hdate_from_days(day, &d);
		if ((rc = workday_is(s, &d)) == -1)
			return -1;
		left -= rc;
	}
	*out = d;
	return 0;
}

/* One seeded policy row. */
struct policy_seed {
	const char	*region;
	const char	*key;
	const char	*valid_from;
	const char	*value;
	const char	*note;
};

#define SAMPLE "示例数据,上线前按当地人社部门公布值核对"

static const struct policy_seed policy_seeds[] = {
	{ "*", "tuigong.require_jianyuan_first", "1900-01-01", "0",
	  "全国默认:不强制先减员后退工,以当地政策为准" },
	{ "420100", "tuigong.require_jianyuan_first", "1900-01-01", "1",
	  "武汉:先减员,后退工(社保关系结清后方可退工)" },
	{ "*", "tuigong.deadline_days", "1900-01-01", "15",
	  "劳动合同法第五十条、就业服务与就业管理规定第六十二条:15日内" },
	{ "*", "tuigong.dangan_days", "1900-01-01", "15",
	  "15日内办理档案转移" },
	{ "*", "review.tuigong.days_min", "1900-01-01", "1", "退工审核 1-3 个工作日" },
	{ "*", "review.tuigong.days_max", "1900-01-01", "3", "退工审核 1-3 个工作日" },
	{ "*", "yonggong.deadline_days", "1900-01-01", "30",
	  "就业服务与就业管理规定第六十二条:自用工之日起30日内办理用工备案" },
	{ "*", "yonggong.future_days", "1900-01-01", "30",
	  "用工之日最多可晚于备案日30日(提前备案)" },
	{ "*", "yonggong.min_age", "1900-01-01", "16",
	  "劳动法第十五条:禁止招用未满16周岁的未成年人" },
	{ "*", "review.yonggong.days_min", "1900-01-01", "1", "用工备案审核 1-3 个工作日" },
	{ "*", "review.yonggong.days_max", "1900-01-01", "3", "用工备案审核 1-3 个工作日" },
	{ "*", "review.chexiao.days_min", "1900-01-01", "1", "撤销审核 1-5 个工作日" },
	{ "*", "review.chexiao.days_max", "1900-01-01", "5", "撤销审核 1-5 个工作日" },
	{ "*", "chexiao.advise_days", "1900-01-01", "30",
	  "建议在用工终止后30日内撤销" },
	{ "*", "chexiao.require_jianyuan_first", "1900-01-01", "0",
	  "全国默认:撤销(员工离职)不强制先减员,以当地政策为准" },
	{ "420100", "chexiao.require_jianyuan_first", "1900-01-01", "1",
	  "武汉:先减员,后撤销(员工离职)" },
	{ "*", "chexiao.explain_min_chars", "1900-01-01", "8",
	  "撤销原因为其他时,说明至少8个字" },
	{ "*", "chexiao.vague_words", "1900-01-01",
	  "其他,其它,无,没有,不详,不清楚,个人原因,原因,暂无,略,撤销,见附件",
	  "撤销说明只由这些词组成时视为模糊表述" },
	{ "*", "zengyuan.age_min.female", "1900-01-01", "16", "网上首次参保:女 16-40 周岁(不含40)" },
	{ "*", "zengyuan.age_max.female", "1900-01-01", "40", "网上首次参保:女 16-40 周岁(不含40)" },
	{ "*", "zengyuan.age_min.male", "1900-01-01", "16", "网上首次参保:男 16-50 周岁(不含50)" },
	{ "*", "zengyuan.age_max.male", "1900-01-01", "50", "网上首次参保:男 16-50 周岁(不含50)" },
	{ "*", "zengyuan.bujiao_max_months", "1900-01-01", "3",
	  "补缴最多3个月(含当月)" },
	/* Rates in basis points (1/10000). */
	{ "*", "rate.pension.unit_bp", "1900-01-01", "2000", "养老 单位 20%" },
	{ "*", "rate.pension.unit_bp", "2019-05-01", "1600",
	  "国办发〔2019〕13号:单位养老费率降至16%" },
	{ "420100", "rate.pension.unit_bp", "2010-01-01", "2000", "武汉 养老 单位 20%" },
	{ "420100", "rate.pension.unit_bp", "2019-05-01", "1600",
	  "武汉 养老 单位 16%(国办发〔2019〕13号)" },
	{ "*", "rate.pension.person_bp", "1900-01-01", "800", "养老 个人 8%" },
	{ "420100", "rate.pension.person_bp", "2010-01-01", "800", "武汉 养老 个人 8%" },
	{ "*", "rate.medical.unit_bp", "1900-01-01", "800", "医疗 单位 8%" },
	{ "*", "rate.medical.person_bp", "1900-01-01", "200", "医疗 个人 2%" },
	{ "420100", "rate.medical.unit_bp", "2010-01-01", "800", "武汉 医疗 单位 8%" },
	{ "420100", "rate.medical.person_bp", "2010-01-01", "200", "武汉 医疗 个人 2%" },
	{ "*", "rate.unemployment.unit_bp", "1900-01-01", "200", "失业 单位 2%" },
	{ "*", "rate.unemployment.person_bp", "1900-01-01", "100", "失业 个人 1%" },
	{ "420100", "rate.unemployment.unit_bp", "2010-01-01", "200", "武汉 失业 单位 2%" },
	{ "420100", "rate.unemployment.person_bp", "2010-01-01", "100", "武汉 失业 个人 1%" },
	{ "*", "rate.maternity.unit_bp", "1900-01-01", "70", "生育 单位 0.7%(个人不缴)" },
	{ "420100", "rate.maternity.unit_bp", "2010-01-01", "70", "武汉 生育 单位 0.7%" },
	{ "*", "rate.injury.min_bp", "1900-01-01", "50", "工伤 按行业 0.5%-2%,单位缴纳" },
	{ "*", "rate.injury.max_bp", "1900-01-01", "200", "工伤 按行业 0.5%-2%,单位缴纳" },
	/* 欠费 (issue 12, lib/levy.h): rates after the seed's years, the
	 * 缴费期限 and the 滞纳金. */
	{ "*", "rate.injury.min_bp", "2015-10-01", "20",
	  "人社部发〔2015〕71号:工伤保险行业基准费率0.2%-1.9%,二至八类可下浮至50%,最低0.2%" },
	{ "*", "rate.injury.max_bp", "2015-10-01", "285",
	  "人社部发〔2015〕71号:基准费率最高1.9%,可上浮至150%即2.85%" },
	{ "*", "rate.unemployment.unit_bp", "2019-05-01", "50",
	  "国办发〔2019〕13号:失业保险总费率1%,单位与个人比例由各省确定(此处各0.5%),以当地政策为准" },
	{ "*", "rate.unemployment.person_bp", "2019-05-01", "50",
	  "国办发〔2019〕13号:失业保险总费率1%,单位与个人比例由各省确定(此处各0.5%),以当地政策为准" },
	{ "420100", "rate.unemployment.unit_bp", "2019-05-01", "70",
	  "湖北 失业 单位0.7%(国办发〔2019〕13号 总费率1%);" SAMPLE },
	{ "420100", "rate.unemployment.person_bp", "2019-05-01", "30",
	  "湖北 失业 个人0.3%(国办发〔2019〕13号 总费率1%);" SAMPLE },
	{ "420100", "rate.large_medical.person_fen", "2010-01-01", "700",
	  "武汉 大额医疗 个人每月定额7元;" SAMPLE },
	{ "*", "levy.due_day", "1900-01-01", "15",
	  "缴费期限:当月费款于当月15日前缴纳(社会保险费征缴暂行条例第十条 按月申报缴纳;日期以当地征收机构为准)" },
	{ "*", "levy.due_month_offset", "1900-01-01", "0",
	  "缴费期限在费款所属月份当月(0)或次月(1)" },
	{ "*", "levy.late_bp_per_day", "1999-01-22", "20",
	  "社会保险费征缴暂行条例第十三条:按日加收千分之二的滞纳金" },
	{ "*", "levy.late_bp_per_day", "2011-07-01", "5",
	  "社会保险法第八十六条:自欠缴之日起,按日加收万分之五的滞纳金" },
	{ "*", "base.floor_pct", "1900-01-01", "60", "缴费基数下限:社平工资60%" },
	{ "*", "base.ceiling_pct", "1900-01-01", "300", "缴费基数上限:社平工资300%" },
	{ "*", "wage.avg_monthly_fen", "2024-01-01", "680000", SAMPLE },
	{ "*", "wage.avg_monthly_fen", "2025-01-01", "710000", SAMPLE },
	{ "*", "wage.avg_monthly_fen", "2026-01-01", "735000", SAMPLE },
	{ "420100", "wage.avg_monthly_fen", "2024-01-01", "690000", SAMPLE },
	{ "420100", "wage.avg_monthly_fen", "2025-01-01", "720000", SAMPLE },
	{ "420100", "wage.avg_monthly_fen", "2026-01-01", "745000", SAMPLE },
	{ "*", "wage.avg_monthly_fen", "2027-01-01", "760000", SAMPLE },
	{ "420100", "wage.avg_monthly_fen", "2027-01-01", "770000", SAMPLE },
	{ "*", "compensation.cap_multiple", "2008-01-01", "3",
	  "劳动合同法第四十七条:月工资高于本地区上年度职工月平均工资三倍的,按三倍的数额支付经济补偿" },
	{ "*", "compensation.cap_years", "2008-01-01", "12",
	  "劳动合同法第四十七条:月工资高于三倍的,支付经济补偿的年限最高不超过十二年" },
	{ "*", "wage.decl_freeze_from", "1900-01-01", "12-21",
	  "12月21日至次年1月15日须先完成年度工资申报" },
	{ "*", "wage.decl_freeze_to", "1900-01-01", "01-15",
	  "12月21日至次年1月15日须先完成年度工资申报" },
	/* The same reform raises the least contributions for a monthly
	 * pension from 15 years by 6 months a year from 2030 to 20. */
	{ "*", "retire.min_contrib_months", "1900-01-01", "180",
	  "退休须累计缴费满15年" },
	{ "*", "retire.min_contrib_months", "2030-01-01", "186",
	  "2030年起每年提高6个月:15年6个月" },
	{ "*", "retire.min_contrib_months", "2031-01-01", "192",
	  "2030年起每年提高6个月:16年" },
	{ "*", "retire.min_contrib_months", "2032-01-01", "198",
	  "2030年起每年提高6个月:16年6个月" },
	{ "*", "retire.min_contrib_months", "2033-01-01", "204",
	  "2030年起每年提高6个月:17年" },
	{ "*", "retire.min_contrib_months", "2034-01-01", "210",
	  "2030年起每年提高6个月:17年6个月" },
	{ "*", "retire.min_contrib_months", "2035-01-01", "216",
	  "2030年起每年提高6个月:18年" },
	{ "*", "retire.min_contrib_months", "2036-01-01", "222",
	  "2030年起每年提高6个月:18年6个月" },
	{ "*", "retire.min_contrib_months", "2037-01-01", "228",
	  "2030年起每年提高6个月:19年" },
	{ "*", "retire.min_contrib_months", "2038-01-01", "234",
	  "2030年起每年提高6个月:19年6个月" },
	{ "*", "retire.min_contrib_months", "2039-01-01", "240",
	  "2030年起每年提高6个月:20年" },
	{ "*", "retire.reform_from", "1900-01-01", "2025-01-01",
	  "全国人大常委会关于渐进式延迟法定退休年龄的决定" },
	{ "*", "retire.male.base_age", "1900-01-01", "60", "男 60 岁" },
	{ "*", "retire.male.target_age", "1900-01-01", "63", "逐步延至 63 岁" },
	{ "*", "retire.male.step_months", "1900-01-01", "4", "每4个月延迟1个月" },
	{ "*", "retire.female_cadre.base_age", "1900-01-01", "55", "女干部 55 岁" },
	{ "*", "retire.female_cadre.target_age", "1900-01-01", "58", "逐步延至 58 岁" },
	{ "*", "retire.female_cadre.step_months", "1900-01-01", "4", "每4个月延迟1个月" },
	{ "*", "retire.female_worker.base_age", "1900-01-01", "50", "女工人 50 岁" },
	{ "*", "retire.female_worker.target_age", "1900-01-01", "55", "逐步延至 55 岁" },
	{ "*", "retire.female_worker.step_months", "1900-01-01", "2", "每2个月延迟1个月" },
	/* 办事预约 (lib/yuyue.c): a 普通 unit's slot at its office. */
	{ "*", "yuyue.slots", "1900-01-01",
	  "09:00-10:00,10:00-11:00,11:00-12:00,14:00-15:00,15:00-16:00,"
	  "16:00-17:00", "办事预约:每个工作日的预约时段" },
	{ "*", "yuyue.per_slot", "1900-01-01", "5",
	  "办事预约:每个时段可预约的单位数" },
	{ "*", "yuyue.days_ahead", "1900-01-01", "10",
	  "办事预约:可预约自次日起10个工作日" },
	{ "*", "yuyue.change_until_days", "1900-01-01", "1",
	  "办事预约:至迟于预约日前1天改约或取消" },
	/* 增员 (issue 10). */
	{ "*", "zengyuan.require_yonggong", "1900-01-01", "0",
	  "全国默认:增员不要求先办理用工备案,以当地政策为准" },
	{ "420100", "zengyuan.require_yonggong", "1900-01-01", "1",
	  "武汉:参保对象须已签订劳动合同并办理用工备案(社会保险操作规范 参保对象审核)" },
	{ "*", "zengyuan.wage_max_yuan", "1900-01-01", "1000000",
	  "增员申报工资核对上限(元/月):达到即视为误输,须到经办机构办理" },
	{ "*", "zengyuan.visit_before_day", "1900-01-01", "20",
	  "非VIP单位须于当月20日前携带资料到辖区社保经办机构办理审核手续" },
	{ "*", "review.zengyuan.days_min", "1900-01-01", "1", "增员审核 1-3 个工作日" },
	{ "*", "review.zengyuan.days_max", "1900-01-01", "3", "增员审核 1-3 个工作日" },
	/* 个人工资变更 (issue 11). */
	{ "*", "gongzi.wage_max_yuan", "1900-01-01", "1000000",
	  "个人工资变更申报工资核对上限(元/月):达到即视为误输,须到经办机构办理" },
	/* Uploads with progress (issue 11, lib/batch.c import jobs). */
	{ "*", "batch.sync_rows", "1900-01-01", "500",
	  "批量导入:不超过500行即时导入,超过则后台分段导入并显示进度" },
	/* 年度缴费工资申报 (lib/nianbao.c): the window of each 缴费年度
	 * (the declaration comes first from 12-21, wage.decl_freeze_*),
	 * the month its bases apply from, and how far a wage may move
	 * from the previous 申报工资 without a 备注. */
	{ "*", "nianbao.open.2026", "1900-01-01", "2025-12-01", "2026年度缴费工资申报期" },
	{ "*", "nianbao.close.2026", "1900-01-01", "2026-01-15", "2026年度缴费工资申报期" },
	{ "*", "nianbao.open.2027", "1900-01-01", "2026-12-01", "2027年度缴费工资申报期" },
	{ "*", "nianbao.close.2027", "1900-01-01", "2027-01-15", "2027年度缴费工资申报期" },
	{ "*", "nianbao.from_month", "1900-01-01", "1",
	  "申报年度的缴费基数自该年1月起执行" },
	{ "*", "nianbao.change_max_pct", "1900-01-01", "200",
	  "申报工资超过上年度申报工资2倍或低于其一半的须说明原因" },
	{ "*", "review.nianbao.days_min", "1900-01-01", "1", "工资申报审核 1-5 个工作日" },
	{ "*", "review.nianbao.days_max", "1900-01-01", "5", "工资申报审核 1-5 个工作日" },
	/* 欠费补缴 (issue 12, lib/bujiao.c). */
	{ "*", "bujiao.warn_after_day", "1900-01-01", "20",
	  "单位员工欠费补缴:每月20日后办理,提示可能影响本月后续业务(003 缴费管理)" },
	{ "*", "review.bujiao.days_min", "1900-01-01", "0", "欠费补缴由系统自动审核" },
	{ "*", "review.bujiao.days_max", "1900-01-01", "0", "欠费补缴由系统自动审核" },
	/* 缴费基数名册打印 (lib/mingce.c): each copies the unit's whole
	 * roster under the write lock, so a unit has a daily limit. */
	{ "*", "mingce.per_day", "1900-01-01", "10",
	  "每个单位每天可生成缴费基数名册10份" },
	{ "*", "timeliness.jianyuan_reasons", "1900-01-01", "停缴费",
	  "离职及时率:以这些减少原因审核通过的减员视为离职,待退工登记" },
	{ "*", "timeliness.match_days", "1900-01-01", "90",
	  "减员变更日期前后N日内已有退工的,视为同一次离职" },
	{ "*", "jianguan.warn_days", "1900-01-01", "5",
	  "单位监管:退工、用工备案办理期限前N日起预警并发送消息" },
	{ "*", "jianguan.jianyuan_tuigong_days", "1900-01-01", "15",
	  "单位监管:减员审核通过N日后仍未退工的列入预警" },
	{ "*", "jianguan.stopped_months", "1900-01-01", "1",
	  "单位监管:参保缴费但最后缴费月份早于本月前N个月的列入断缴" },
	{ "*", "jianguan.counter_business", "1900-01-01", "zengyuan",
	  "单位监管:普通单位需到窗口送审材料的业务(增员,当月送审期限前)" },
};

/* One seeded calendar row. */
struct policy_day {
	const char	*date;
	int		 workday;
	const char	*note;
};

#define CAL "据《国务院办公厅关于2026年部分节假日安排的通知》(2025年11月4日)"

static const struct policy_day policy_days2026[] = {
	{ "2026-01-01", 0, "元旦 " CAL }, { "2026-01-02", 0, "元旦 " CAL },
	{ "2026-01-03", 0, "元旦 " CAL }, { "2026-01-04", 1, "元旦调休上班 " CAL },
	{ "2026-02-14", 1, "春节调休上班 " CAL },
	{ "2026-02-15", 0, "春节 " CAL }, { "2026-02-16", 0, "春节 " CAL },
	{ "2026-02-17", 0, "春节 " CAL }, { "2026-02-18", 0, "春节 " CAL },
	{ "2026-02-19", 0, "春节 " CAL }, { "2026-02-20", 0, "春节 " CAL },
	{ "2026-02-21", 0, "春节 " CAL }, { "2026-02-22", 0, "春节 " CAL },
	{ "2026-02-23", 0, "春节 " CAL },
	{ "2026-02-28", 1, "春节调休上班 " CAL },
	{ "2026-04-04", 0, "清明节 " CAL }, { "2026-04-05", 0, "清明节 " CAL },
	{ "2026-04-06", 0, "清明节 " CAL },
	{ "2026-05-01", 0, "劳动节 " CAL }, { "2026-05-02", 0, "劳动节 " CAL },
	{ "2026-05-03", 0, "劳动节 " CAL }, { "2026-05-04", 0, "劳动节 " CAL },
	{ "2026-05-05", 0, "劳动节 " CAL },
	{ "2026-05-09", 1, "劳动节调休上班 " CAL },
	{ "2026-06-19", 0, "端午节 " CAL }, { "2026-06-20", 0, "端午节 " CAL },
	{ "2026-06-21", 0, "端午节 " CAL },
	{ "2026-09-20", 1, "国庆节调休上班 " CAL },
	{ "2026-09-25", 0, "中秋节 " CAL }, { "2026-09-26", 0, "中秋节 " CAL },
	{ "2026-09-27", 0, "中秋节 " CAL },
	{ "2026-10-01", 0, "国庆节 " CAL }, { "2026-10-02", 0, "国庆节 " CAL },
	{ "2026-10-03", 0, "国庆节 " CAL }, { "2026-10-04", 0, "国庆节 " CAL },
	{ "2026-10-05", 0, "国庆节 " CAL }, { "2026-10-06", 0, "国庆节 " CAL },
	{ "2026-10-07", 0, "国庆节 " CAL },
	{ "2026-10-10", 1, "国庆节调休上班 " CAL },
};

/* Inserts the seeds where absent; see policy.h.  Returns 0 or -1. */
int
policy_seed_defaults(struct store *s)
{
	const struct policy_seed	*p;
	const struct policy_day		*d;
	struct store_stmt			*st;
	size_t				 i;
	int				 began = 0;

	if (!s->in_tx) {
		if (store_begin(s) == -1)
			return -1;
		began = 1;
	}
	for (i = 0; i < sizeof(policy_seeds) / sizeof(policy_seeds[0]); i++) {
		p = &policy_seeds[i];
		if ((st = store_stmt(s, policy_sql[POLICY_STMT_SEED])) ==
		    NULL || store_bind_text(st, 1, p->region) ||
		    store_bind_text(st, 2, p->key) ||
		    store_bind_text(st, 3, p->valid_from) ||
		    store_bind_text(st, 4, p->value) ||
		    store_bind_text(st, 5, p->note) ||
		    store_exec_stmt(s, st))
			goto fail;
	}
	for (i = 0; i < sizeof(policy_days2026) / sizeof(policy_days2026[0]);
	    i++) {
		d = &policy_days2026[i];
		if ((st = store_stmt(s, policy_sql[POLICY_STMT_SEED_DAY])) ==
		    NULL || store_bind_text(st, 1, d->date) ||
		    store_bind_int(st, 2, d->workday) ||
		    store_bind_text(st, 3, d->note) ||
		    store_exec_stmt(s, st))
			goto fail;
	}
	if (began && store_commit(s) == -1)
		return -1;
	return 0;
fail:
	if (began)
		store_rollback(s);
	return -1;
}
