/*
 * oversight.h: the figures and lists of a unit's 监管 page (/jianguan)
 * [issue 13; seed 004]: open work by business and state with its age,
 * the 预警 lists, the 断缴 and 数据不全 lists, and the deadline
 * messages of the 消息中心.  Every list is one range of an index read
 * a page at a time (a unit of 20,000 persons costs what one of 20
 * does); its total is a kept tally, or a count of the open rows only
 * (bounded by OV_COUNT_CAP).
 *
 * The lists (enum ov_list), each line linking to the business that
 * fixes it:
 *   tuigong-due        退工 due within jianguan.warn_days (5) or passed,
 *                      not yet submitted (timeliness.h)        → 退工登记
 *   yonggong-due       用工备案 awaited (a hire announced by 增员), due
 *                      within warn_days or passed              → 用工备案
 *   counter            a 普通 unit's submitted tasks of business
 *                      jianguan.counter_business (增员) whose materials
 *                      go to the counter before the zengyuan.
 *                      visit_before_day (20th) of the month      → 办事预约
 *   tuigong-insured    退工 approved (已退工, nothing 在职) but still
 *                      参保缴费                                 → 减员
 *   jianyuan-no-tuigong  减员 approved (a departure) with no 退工 after
 *                      jianguan.jianyuan_tuigong_days (15)      → 退工登记
 *   chexiao-insured    用工备案 撤销 approved, still 参保缴费      → 减员
 *   arrears            断缴: unsettled 欠费 months               → 欠费补缴
 *   hole               断缴: fewer months paid than from 参保 start to
 *                      the last paid month                      → 欠费补缴
 *   stopped            断缴: 参保缴费 but the last paid month is more
 *                      than jianguan.stopped_months (1) before this
 *                      month                                    → 欠费补缴
 *   emp-no-ins         数据不全: 在职 registration, not 参保缴费   → 增员
 *   ins-no-emp         数据不全: 参保缴费, no registration here    → 用工备案
 */
#ifndef HALL_OVERSIGHT_H
#define HALL_OVERSIGHT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "valid.h"

struct store;

/* A count of open rows stops here (shown as "10000+"). */
#define OV_COUNT_CAP	10000

enum ov_list {
	OV_TUIGONG_DUE,		/* OV_TUIGONG_DUE: tuigong-due */
	OV_YONGGONG_DUE,	/* OV_YONGGONG_DUE: yonggong-due */
	OV_COUNTER,		/* OV_COUNTER: counter */
	OV_TUIGONG_INSURED,	/* OV_TUIGONG_INSURED: tuigong-insured */
	OV_JIANYUAN_NO_TUIGONG,	/* OV_JIANYUAN_NO_TUIGONG: jianyuan-no-tuigong */
	OV_CHEXIAO_INSURED,	/* OV_CHEXIAO_INSURED: chexiao-insured */
	OV_ARREARS,		/* OV_ARREARS: arrears */
	OV_HOLE,		/* OV_HOLE: hole */
	OV_STOPPED,		/* OV_STOPPED: stopped */
	OV_EMP_NO_INS,		/* OV_EMP_NO_INS: emp-no-ins */
	OV_INS_NO_EMP,		/* OV_INS_NO_EMP: ins-no-emp */
	OV_LIST__MAX
};

/* The most columns a list has. */
#define OV_COLS		6

/* What a list is: its name (in URLs and XML), section ("warn" 预警,
 * "gap" 断缴, "incomplete" 数据不全), title, the business that fixes a
 * line (label, path; with ?sfzh= of the person when sfzh), and its
 * columns (keys of struct ov_row's attributes, and their labels). */
struct ov_list_def {
	const char	*name;
	const char	*section;
	const char	*title;
	const char	*fix_label;
	const char	*fix_path;
	int		 fix_sfzh;
	size_t		 ncols;
	const char	*col_key[OV_COLS];
	const char	*col_label[OV_COLS];
};

/* The lists, by enum ov_list. */
extern const struct ov_list_def ov_lists[OV_LIST__MAX];

/* The list named name, or OV_LIST__MAX. */
enum ov_list	 ov_list_of(const char *name);

/* One line of a list; unused fields are empty or zero. */
struct ov_row {
	int64_t		 person_id;
	char		 name[64];
	char		 idno[19];
	char		 sb_no[32];
	char		 ref[11];	/* 退工日期 / 参保日期 / 变更日期 */
	char		 due[11];	/* the deadline */
	char		 state[48];	/* 剩余3天, 已逾期2天, 今日到期 */
	char		 source[32];	/* 减员 / 增员 / 退工 */
	char		 start[8];	/* 参保 start month */
	char		 last_paid[8];
	int64_t		 months;	/* 累计缴费月数 */
	int64_t		 task_id;
	char		 seq[32];	/* 业务顺序号 */
	char		 submitted[11];
	char		 summary[256];	/* the task's 摘要 */
};

/* The value of column key of r into buf[bufsz] (a borrowed string or
 * buf).  Returns it ("" for an unknown key). */
const char	*ov_row_value(const struct ov_row *r, const char *key,
		    char *buf, size_t bufsz);

/* The facts the lists of a unit depend on, read once per page. */
struct ov_ctx {
	int64_t		 unit_id;
	struct hdate	 today;
	int		 vip;
	long long	 warn_days;		/* jianguan.warn_days */
	char		 warn_until[11];	/* today + warn_days */
	char		 announced_until[11];	/* today - jianyuan days */
	char		 stopped_before[8];	/* a month */
	char		 counter_business[32];
	long long	 visit_day;
};

/* Fills ctx for unit_id on day today from its region's policy.
 * Returns 0, 1 when there is no such unit, -1 on error. */
int		 oversight_ctx(struct store *s, int64_t unit_id,
		    const struct hdate *today, struct ov_ctx *ctx);

/* The number of lines of list l into *n (OV_COUNT_CAP at most for the
 * lists of open rows).  Returns 0 or -1. */
int		 oversight_count(struct store *s, const struct ov_ctx *ctx,
		    enum ov_list l, int64_t *n);

/* Calls fn for lines [offset, offset + limit) of list l (limit 1..500),
 * in the list's order.  Returns the number handed to fn, or -1. */
int		 oversight_rows(struct store *s, const struct ov_ctx *ctx,
		    enum ov_list l, int offset, int limit,
		    void (*fn)(void *arg, const struct ov_row *r), void *arg);

/* The unit's open work: fn(arg, business, state, count, oldest) for
 * each business and state (未提交 by creation, 进行中 by submission)
 * with tasks, oldest the earliest time.  Reads the unit's open tasks
 * only, through their partial indexes.  Returns the number of calls,
 * or -1. */
int		 oversight_open_work(struct store *s, int64_t unit_id,
		    void (*fn)(void *arg, const char *business,
			const char *state, int64_t count, time_t oldest),
		    void *arg);

/* Sweeps the unit's open 退工/用工备案 rows fallen due (timeliness.h),
 * then posts to its 消息中心 one message per open row due within
 * warn_days or passed that was not yet warned of its due date (at most
 * 50 a call), inside a transaction of its own taken only when there is
 * something to do.  *sent (may be NULL) gets the number posted.
 * Returns 0 or -1. */
int		 oversight_warn(struct store *s, const struct ov_ctx *ctx,
		    time_t now, int *sent);

/* Writes list l whole as .xlsx to path (constant memory, temporary
 * files in tmpdir): a title row, the unit, the date, the column heads,
 * then the lines in the list's order, read a page at a time.  Returns
 * the lines written or -1. */
int		 oversight_xlsx(struct store *s, const struct ov_ctx *ctx,
		    enum ov_list l, const char *unit_name, const char *path,
		    const char *tmpdir);

#endif
