/*
 * policy.h: regional rules (「以当地政策为准」) as data.  Table
 * policy(region, key, valid_from, value, note) holds one value per
 * region (行政区划 code such as "420100" 武汉, or "*" for the national
 * default) and date it takes effect; the value in force on a date is the
 * one with the latest valid_from not after it, for the unit's region,
 * else for "*".  Table calendar(date, workday, note) marks 法定节假日
 * (workday 0) and 调休 working weekends (workday 1); other days are
 * working days Monday to Friday.
 *
 * Keys (integers unless said; *_bp are basis points, 1/10000: 2000 =
 * 20%; money in fen; ages in whole years, upper bounds exclusive):
 *
 *   key                              meaning
 *   tuigong.require_jianyuan_first   1: 退工 refused until 减员 done and
 *                                    nothing owed (先减员,后退工)
 *   tuigong.deadline_days            退工 within N calendar days of the
 *                                    end of employment, else 逾期 (15)
 *   tuigong.dangan_days              档案 transfer reminder, days (15)
 *   review.<business>.days_min       working days shown for review,
 *   review.<business>.days_max       e.g. review.tuigong 1..3,
 *                                    review.chexiao 1..5
 *   chexiao.advise_days              advise 撤销 within N days (30)
 *   zengyuan.age_min.female          online first enrolment: age >= min
 *   zengyuan.age_max.female          and < max (female 16..40,
 *   zengyuan.age_min.male            male 16..50)
 *   zengyuan.age_max.male
 *   zengyuan.bujiao_max_months       补缴 at most N months incl. this (3)
 *   zengyuan.require_yonggong        1: 增员 needs a current 用工备案 at
 *                                    the unit (420100: 1)
 *   zengyuan.visit_before_day        a 普通 unit brings the 增员
 *                                    materials before this day (20)
 *   gongzi.wage_max_yuan             个人工资变更: a 申报工资 at or above
 *                                    this (元/月) is a typo (1000000)
 *   rate.pension.unit_bp             养老 单位 / 个人
 *   rate.pension.person_bp
 *   rate.medical.unit_bp             医疗
 *   rate.medical.person_bp
 *   rate.unemployment.unit_bp        失业
 *   rate.unemployment.person_bp
 *   rate.maternity.unit_bp           生育 (unit only)
 *   rate.injury.min_bp               工伤 by industry, unit only: the
 *   rate.injury.max_bp               allowed range (units.industry_rate_permille)
 *                                    (from 2015-10: 0.2%..2.85%, 人社部发
 *                                    〔2015〕71号)
 *   rate.<type>.unit_fen             a fixed monthly amount instead of a
 *   rate.<type>.person_fen           rate (大额医疗: rate.large_medical.
 *                                    person_fen); <type> is pension,
 *                                    medical, unemployment, injury,
 *                                    maternity, large_medical (levy.h);
 *                                    a rate of 0 from a date: not levied
 *                                    (生育 merged into 医疗)
 *   levy.due_day                     缴费期限: contributions of month M
 *   levy.due_month_offset            fall due on this day of month M +
 *                                    offset (15, 0); in force on M's 1st
 *   levy.late_bp_per_day             滞纳金 per day, bp, in force on the
 *                                    computation day (5 = 0.05%, 社会保险
 *                                    法 Art. 86, from 2011-07-01; 20 before)
 *   bujiao.warn_after_day            欠费补缴 after this day of the month:
 *                                    the page warns that later business
 *                                    of the month may be affected (20)
 *   wage.avg_monthly_fen             社平工资 (monthly) of the year: one
 *                                    row per year, valid_from in it (a
 *                                    year without its row has no bases:
 *                                    policy_int_year, wagebase.h)
 *   compensation.cap_multiple        经济补偿: a 月工资 above N × 社平工资
 *                                    is paid as N × it (3; 劳动合同法
 *                                    第四十七条, lib/tuigong_comp.h)
 *   compensation.cap_years           ... and for at most N years (12)
 *   base.floor_pct                   缴费基数 floor, % of 社平工资 (60)
 *   base.ceiling_pct                 缴费基数 ceiling, % (300)
 *   nianbao.open.<YYYY>              "YYYY-MM-DD": the 年度缴费工资申报
 *   nianbao.close.<YYYY>             of 缴费年度 YYYY opens / closes
 *                                    (2027: 2026-12-01 .. 2027-01-15)
 *   nianbao.from_month               the month (1-12) of the declared
 *                                    year its bases apply from (1)
 *   nianbao.change_max_pct           a declared wage above N% of the
 *                                    previous 申报工资, or below
 *                                    100/N of it, needs a 备注 (200)
 *   wage.decl_freeze_from            "MM-DD": from this day ... (12-21)
 *   wage.decl_freeze_to              ... to this day (01-15) the annual
 *                                    wage declaration comes first
 *   retire.min_contrib_months        退休 needs >= N months paid (180,
 *                                    +6 a year from 2030 to 240)
 *   retire.<who>.base_age            legal age before the 2025 reform,
 *   retire.<who>.target_age          the age it rises to,
 *   retire.<who>.step_months         +1 month per N months of birth
 *   retire.reform_from               "YYYY-MM-DD" the reform starts;
 *                                    <who> is male, female_worker,
 *                                    female_cadre
 *   yuyue.slots                      办事预约: the slots of a working
 *                                    day, "09:00-10:00,10:00-11:00,…"
 *   yuyue.per_slot                   bookings a slot takes (5)
 *   yuyue.days_ahead                 working days offered, from the
 *                                    next one (10)
 *   yuyue.change_until_days          moved or cancelled until N days
 *                                    before the day (1)
 *   batch.sync_rows                  a batch upload of at most N data
 *                                    rows is imported at once, a larger
 *                                    one as a job with progress (500)
 *   mingce.per_day                   缴费基数名册 a unit may issue a
 *                                    day (10; each copies its roster)
 *   timeliness.jianyuan_reasons      离职及时率: an approved 减员 of these
 *                                    减少原因 (comma-separated, "停缴费")
 *                                    announces a departure awaiting 退工
 *   timeliness.match_days            ... unless a 退工 of the person is
 *                                    dated within N days of it (90)
 *   jianguan.warn_days               /jianguan 预警 and the 消息中心
 *                                    warn N days before a deadline (5)
 *   jianguan.jianyuan_tuigong_days   减员 approved N days without 退工 (15)
 *   jianguan.stopped_months          参保缴费 with nothing paid since N
 *                                    months before this one: 断缴 (1)
 *   jianguan.counter_business        the business whose materials a 普通
 *                                    unit brings to the counter (zengyuan)
 */
#ifndef HALL_POLICY_H
#define HALL_POLICY_H

#include <stddef.h>

struct store;
struct hdate;

/* The value of key for region on date on (NULL: today) into out[outsz]:
 * the row with the latest valid_from not after on, for region, else
 * for "*".  Returns 0 found, 1 none, -1 error (logged; also when the
 * value does not fit). */
int		 policy_get(struct store *s, const char *region,
		    const char *key, const struct hdate *on, char *out,
		    size_t outsz);

/* policy_get as a decimal integer.  *out is dflt when none is found or
 * on error.  Returns 0 found, 1 none (default used), -1 error (also a
 * malformed value, logged). */
int		 policy_int(struct store *s, const char *region,
		    const char *key, const struct hdate *on, long long dflt,
		    long long *out);

/* The integer value of key that region (else "*") set within year:
 * the row with the latest valid_from in year-01-01..year-12-31, for a
 * figure published per year (社平工资) where the year before's must not
 * stand in.  Returns 0 found, 1 none (*out 0), -1 error (also a
 * malformed value, logged). */
int		 policy_int_year(struct store *s, const char *region,
		    const char *key, int year, long long *out);

/* policy_get as a flag "1"/"0".  As policy_int. */
int		 policy_bool(struct store *s, const char *region,
		    const char *key, const struct hdate *on, int dflt,
		    int *out);

/* Whether d is a working day: its calendar row if any, else Monday to
 * Friday.  Returns 1 yes, 0 no, -1 error. */
int		 workday_is(struct store *s, const struct hdate *d);

/* The date n working days after from (n < 0: before; n == 0: from
 * itself) into out.  Returns 0 or -1 (error, or |n| > 3660). */
int		 workdays_add(struct store *s, const struct hdate *from, int n,
		    struct hdate *out);

/* Inserts the national defaults (region "*"), Wuhan's ("420100")
 * rules and the 2026 calendar where absent (never overwrites).  Opens
 * its own transaction unless one is open.  Returns 0 or -1. */
int		 policy_seed_defaults(struct store *s);

#endif
