/*
 * compensation.c: the statutory 经济补偿 (劳动合同法 第四十七条); see
 * compensation.h for how the service is counted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compensation.h"
#include "valid.h"
#include "wagebase.h"

/* Whether year is a leap year. */
static int
comp_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The days of month (1-12) of year. */
static int
comp_mdays(int year, int month)
{
	static const int	 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };

	return month == 2 && comp_leap(year) ? 29 : days[month - 1];
}

/* start + n months into *out, a day the month lacks being its last
 * day (01-31 + 1 month = 02-28 or 02-29). */
static void
comp_add_months(const struct hdate *start, int n, struct hdate *out)
{
	int	 m = start->month - 1 + n;

	out->year = start->year + m / 12;
	out->month = m % 12 + 1;
	out->day = start->day;
	if (out->day > comp_mdays(out->year, out->month))
		out->day = comp_mdays(out->year, out->month);
}

/* Whether d is a real date of the years the hall handles. */
static int
comp_real(const struct hdate *d)
{
	return d->year >= 1900 && d->year <= 9999 && d->month >= 1 &&
	    d->month <= 12 && d->day >= 1 &&
	    d->day <= comp_mdays(d->year, d->month);
}

/* See compensation.h. */
const char *
compensation_months_text(int half_months, char *buf, size_t bufsz)
{
	if (half_months % 2 != 0)
		snprintf(buf, bufsz, "%d.5", half_months / 2);
	else
		snprintf(buf, bufsz, "%d", half_months / 2);
	return buf;
}

/* Appends the formatted text to out->working (cut if it must be). */
static void	comp_say(struct comp_result *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
comp_say(struct comp_result *out, const char *fmt, ...)
{
	size_t	 len = strlen(out->working);
	va_list	 ap;

	if (len + 1 >= sizeof(out->working))
		return;
	va_start(ap, fmt);
	vsnprintf(out->working + len, sizeof(out->working) - len, fmt, ap);
	va_end(ap);
}

/* Writes the working of a computed out for start..end into
 * out->working. */
static void
comp_working(struct comp_result *out, const struct hdate *start,
    const struct hdate *end, int max_years)
{
	char	 s[11], e[11], w[32], c[32], a[32], n[16], n0[16];
	int	 rest = out->half_months_uncapped - out->years * 2;

	hdate_fmt(start, s);
	hdate_fmt(end, e);
	out->working[0] = '\0';
	comp_say(out, "工作年限:%s 至 %s,共%d年%d个月%d天。", s, e,
	    out->years, out->months, out->days);
	if (out->years > 0)
		comp_say(out, "每满一年支付一个月工资:%d年计%d个月;",
		    out->years, out->years);
	if (rest == 2)
		comp_say(out, "余%d个月%d天,六个月以上不满一年的按一年计算,"
		    "计1个月;", out->months, out->days);
	else if (rest == 1)
		comp_say(out, "余%d个月%d天,不满六个月,支付半个月工资,"
		    "计0.5个月;", out->months, out->days);
	compensation_months_text(out->half_months_uncapped, n0, sizeof(n0));
	comp_say(out, "合计N=%s个月。", n0);
	wb_yuan(out->wage_fen, w, sizeof(w));
	wb_yuan(out->cap_fen, c, sizeof(c));
	if (out->cap_fen <= 0)
		comp_say(out, "月工资%s元(未取得本地区上年度职工月平均工资,"
		    "未核对三倍封顶)。", w);
	else if (!out->wage_capped)
		comp_say(out, "月工资%s元,不高于本地区上年度职工月平均工资的"
		    "三倍%s元,按月工资计算。", w, c);
	else {
		comp_say(out, "月工资%s元,高于本地区上年度职工月平均工资的"
		    "三倍%s元,按%s元计算,年限最高不超过%d年", w, c, c,
		    max_years);
		compensation_months_text(out->half_months, n, sizeof(n));
		if (out->years_capped)
			comp_say(out, ":N由%s个月减为%s个月。", n0, n);
		else
			comp_say(out, "(N=%s个月,未超过)。", n);
	}
	wb_yuan(out->wage_used_fen, w, sizeof(w));
	wb_yuan(out->amount_fen, a, sizeof(a));
	compensation_months_text(out->half_months, n, sizeof(n));
	comp_say(out, "经济补偿 = %s元 × %s = %s元。", w, n, a);
}

/* See compensation.h. */
int
compensation_compute(const struct hdate *start, const struct hdate *end,
    int64_t wage_fen, int64_t cap_fen, int max_years, struct comp_result *out)
{
	struct hdate	 end1, at;
	int64_t		 prod;
	int		 n;

	memset(out, 0, sizeof(*out));
	if (start == NULL || end == NULL || !comp_real(start) ||
	    !comp_real(end) || hdate_cmp(start, end) > 0 || wage_fen < 0 ||
	    wage_fen > COMP_WAGE_MAX_FEN || cap_fen < 0 ||
	    cap_fen > COMP_CAP_MAX_FEN || max_years <= 0 || max_years > 100)
		return -1;
	end1 = *end;
	hdate_add_days(&end1, 1);
	/* The most full months there can be, then down to the real count. */
	n = (end1.year - start->year) * 12 + (end1.month - start->month);
	for (;;) {
		comp_add_months(start, n, &at);
		if (n == 0 || hdate_cmp(&at, &end1) <= 0)
			break;
		n--;
	}
	out->total_months = n;
	out->years = n / 12;
	out->months = n % 12;
	out->days = (int)hdate_diff(&at, &end1);
	out->half_months_uncapped = out->years * 2 +
	    (out->months >= 6 ? 2 : out->months > 0 || out->days > 0 ? 1 : 0);
	out->half_months = out->half_months_uncapped;
	out->wage_fen = wage_fen;
	out->wage_used_fen = wage_fen;
	out->cap_fen = cap_fen;
	if (cap_fen > 0 && wage_fen > cap_fen) {
		out->wage_capped = 1;
		out->wage_used_fen = cap_fen;
		if (out->half_months > max_years * 2) {
			out->half_months = max_years * 2;
			out->years_capped = 1;
		}
	}
	if (__builtin_mul_overflow(out->wage_used_fen,
	    (int64_t)out->half_months, &prod) ||
	    __builtin_add_overflow(prod, 1, &prod)) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	out->amount_fen = prod / 2;
	comp_working(out, start, end, max_years);
	return 0;
}
