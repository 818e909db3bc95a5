/*
 * wagebase.h: the 缴费基数 of a person's 参保 over time (table
 * wage_bases, migration 21) and the clamping of a declared wage to a
 * year's floor and ceiling (seed 003 §四: 系统自动对变更后的工资进行保底
 * 或封顶处理).  个人工资变更 (gongzi), the annual 工资申报 (nianbao) and
 * 增员 set bases here; the 名册 and 欠费 read them.  Money in fen.
 */
#ifndef HALL_WAGEBASE_H
#define HALL_WAGEBASE_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* How a wage was clamped. */
enum wb_side {
	WB_WITHIN = 0,		/* between floor and ceiling: the wage */
	WB_FLOOR,		/* below the floor: 保底 */
	WB_CEILING		/* above the ceiling: 封顶 */
};

/* A declared wage and the base a year makes of it. */
struct wb_clamp {
	int		 year;
	int64_t		 wage_fen;	/* 申报工资 */
	int64_t		 base_fen;	/* 缴费基数 */
	int64_t		 avg_fen;	/* the year's 社平工资 (monthly) */
	int64_t		 floor_fen;	/* avg × base.floor_pct% */
	int64_t		 ceil_fen;	/* avg × base.ceiling_pct% */
	int		 floor_pct, ceil_pct;
	enum wb_side	 side;
};

/* The largest 社平工资 (wage.avg_monthly_fen) wb_clamp accepts: one
 * million yuan a month; above, the policy row is refused (logged). */
#define WB_AVG_MAX_FEN	INT64_C(100000000)

/* Clamps wage_fen (> 0) to year's floor and ceiling in region: the
 * 社平工资 is the wage.avg_monthly_fen row set within year (a year has
 * its own, never the year before's: policy_int_year), the percentages
 * base.floor_pct and base.ceiling_pct in force on year-01-01; bounds
 * are rounded down to the fen (avg × pct / 100, integer).  Fills *out.
 * Returns 0, 1 when region has no 社平工资 for year (refuse with
 * wb_no_policy_message), -1 error (also a 社平工资 above
 * WB_AVG_MAX_FEN). */
int		 wb_clamp(struct store *s, const char *region, int year,
		    int64_t wage_fen, struct wb_clamp *out);

/* The Chinese message for a year without its 社平工资, e.g.
 * "2028年度社平工资尚未公布,暂不能核定缴费基数,请待公布后办理" into
 * buf[bufsz]; returns buf. */
const char	*wb_no_policy_message(int year, char *buf, size_t bufsz);

/* What the clamping did, in Chinese, into buf[bufsz], e.g.
 * "申报工资3,000.00元低于2027年度缴费基数下限4,620.00元(社平工资
 * 7,700.00元的60%),按下限核定" or "…在上下限之间,按申报工资核定";
 * returns buf. */
const char	*wb_clamp_note(const struct wb_clamp *c, char *buf,
		    size_t bufsz);

/* Sets insurance_id's 申报工资 and 缴费基数 from from_month ("YYYY-MM")
 * on, as c says, recording the business and task (0: none) that set
 * it, inside the caller's transaction; a row with the same from_month
 * is replaced.  Returns 0 or -1. */
int		 wb_set(struct store *s, int64_t insurance_id,
		    const char *from_month, const struct wb_clamp *c,
		    const char *business, int64_t task_id);

/* A base in force. */
struct wb_base {
	int64_t		 wage_fen;	/* 申报工资 (the base when unknown) */
	int64_t		 base_fen;	/* 缴费基数 */
	char		 from_month[8];	/* since, "" the 参保 row's own */
	int64_t		 task_id;	/* the task that set it, 0 */
};

/* The 申报工资 and 缴费基数 of insurance_id in month ("YYYY-MM"): the
 * wage_bases row with the latest from_month not after it (one indexed
 * lookup), else the 参保 row's own base_fen and wage_fen.  Returns 0,
 * 1 no such 参保 row, -1 error. */
int		 wb_at(struct store *s, int64_t insurance_id,
		    const char *month, struct wb_base *out);

/* The latest base set for insurance_id from a month after month (a
 * change approved but not yet in force, e.g. from next month) into
 * *out.  Returns 0, 1 none, -1 error. */
int		 wb_next(struct store *s, int64_t insurance_id,
		    const char *month, struct wb_base *out);

/* Formats fen as "1,234.56" into buf[bufsz]; returns buf. */
const char	*wb_yuan(int64_t fen, char *buf, size_t bufsz);

#endif
