/*
 * compensation.h: the statutory 经济补偿 of 劳动合同法 第四十七条, as a
 * pure function (no store, no clock): seed 000 (经济补偿金计算表及支付
 * 凭证) and seed 004 (the system compares 工龄 and 补偿金).
 *
 *   经济补偿按劳动者在本单位工作的年限,每满一年支付一个月工资的标准向
 *   劳动者支付。六个月以上不满一年的,按一年计算;不满六个月的,向劳动
 *   者支付半个月工资的经济补偿。劳动者月工资高于用人单位所在直辖市、
 *   设区的市级人民政府公布的本地区上年度职工月平均工资三倍的,向其支付
 *   经济补偿的标准按职工月平均工资三倍的数额支付,向其支付经济补偿的
 *   年限最高不超过十二年。
 *
 * Decisions:
 * - The service runs from the start day to the 退工日期, both days
 *   worked.  Full months are counted to the day after the last day:
 *   month n is full when start + n months (a day the month lacks is
 *   its last day: 01-31 + 1 month = 02-28, or 02-29 in a leap year)
 *   is on or before end + 1 day.  So 2025-01-31 → 2025-07-30 is six
 *   full months (start + 6 = 07-31 = end + 1) and 2024-02-29 →
 *   2024-08-28 too.
 * - What is left over after the full years (months and days) is "六个
 *   月以上" when it holds at least six full months (one month's wage),
 *   else, when anything at all is left (a day is enough), half a
 *   month's wage.  A service of whole years leaves nothing.
 * - The count is in half-months (months × 2), so every figure is an
 *   integer: amount = wage × half_months / 2, rounded half up to the
 *   fen, overflow-checked.
 * - The cap: when cap_fen > 0 and the wage is above it (above, not
 *   equal), the wage used is cap_fen and the years are at most
 *   max_years (half-months at most max_years × 2).  cap_fen is the
 *   caller's: 3 × the region's 社平工资 (policy rows
 *   compensation.cap_multiple, compensation.cap_years and
 *   wage.avg_monthly_fen); 0 means no figure is known and no cap is
 *   applied (the caller says so).
 */
#ifndef HALL_COMPENSATION_H
#define HALL_COMPENSATION_H

#include <stddef.h>
#include <stdint.h>

struct hdate;

/* The largest monthly wage accepted: one million yuan. */
#define COMP_WAGE_MAX_FEN	INT64_C(100000000)

/* The largest cap accepted: 10 × the largest 社平工资 policy allows
 * (wagebase.h WB_AVG_MAX_FEN), a multiple of at most 10. */
#define COMP_CAP_MAX_FEN	INT64_C(10000000000)

/* The worked figure. */
struct comp_result {
	int		 years;		/* full years of service */
	int		 months;	/* full months beyond them (0-11) */
	int		 days;		/* days beyond those (0-30) */
	int		 total_months;	/* full months in all */
	int		 half_months;	/* N × 2 after the cap */
	int		 half_months_uncapped;	/* N × 2 before it */
	int64_t		 wage_fen;	/* 月工资 entered */
	int64_t		 wage_used_fen;	/* the wage the amount is of */
	int64_t		 cap_fen;	/* the cap given (0: none known) */
	int64_t		 amount_fen;	/* 经济补偿 due */
	int		 wage_capped;	/* the wage was above the cap */
	int		 years_capped;	/* and N was cut to max_years */
	char		 working[768];	/* the working, in Chinese */
};

/* Works out the 经济补偿 for a service from start to end (both real
 * dates, end not before start), a monthly wage wage_fen (0 ..
 * COMP_WAGE_MAX_FEN), cap_fen (0: no cap known; else up to
 * COMP_CAP_MAX_FEN) and
 * max_years (> 0, the years the cap allows).  Fills *out, working
 * included.  Returns 0, or -1 for arguments out of range (out is then
 * zeroed). */
int		 compensation_compute(const struct hdate *start,
		    const struct hdate *end, int64_t wage_fen, int64_t cap_fen,
		    int max_years, struct comp_result *out);

/* N (half_months / 2) as Chinese text, e.g. "3.5" or "4", into
 * buf[bufsz]; returns buf. */
const char	*compensation_months_text(int half_months, char *buf,
		    size_t bufsz);

#endif
