/*
 * timeliness.h: 离职及时率 and 用工备案及时率, kept per unit, kind and
 * month so that any figure reads a bounded number of rows [issue 13;
 * seeds 000 办理时限, 004].
 *
 * The definition (the same for the unit's 监管 page /jianguan and the
 * office's /jiandu):
 * - 退工 (kind "tuigong"): a departure counts in the month of its 退工
 *   日期 (劳动关系解除/终止之日, tuigong.end_date).  It is on time when
 *   the 退工登记 of that person was first submitted (提交审批; the first
 *   submission of the task, or of the task its rows were sent back
 *   from) no more than tuigong.deadline_days (15) calendar days after
 *   the 退工日期: holidays do not extend it (日, not 工作日).  Its due
 *   date is 退工日期 + 15; submitted after it, it is late.  A departure
 *   the hall knows of whose due date has passed without a submitted
 *   退工 is late too (timeliness_sweep() marks it); one whose due date
 *   is still ahead is pending and counted neither way.
 * - The departures the hall knows of: every person row of a submitted
 *   退工, and every person of an approved 减员 whose 减少原因 is one of
 *   policy timeliness.jianyuan_reasons ("停缴费") with no 退工 of that
 *   person at the unit dated within timeliness.match_days (90) of its
 *   变更日期: the 减员 announces the departure, dated by its 变更日期,
 *   until a 退工 registers it (then dated by the 退工日期).
 * - 用工备案 (kind "yonggong"): a hire counts in the month of its 用工
 *   之日 and is on time when its 用工备案 was first submitted within
 *   yonggong.deadline_days (30) calendar days of it.
 * - A task cancelled (退单) after it was submitted gives its rows back:
 *   open again (pending, or late when past due).
 * - rate = on_time * 1000 / (on_time + late), in ‰ (integer division);
 *   none (-1) when nothing is decided.
 *
 * Storage (migration 29): timeliness_items, one row per departure or
 * hire, unique per (unit, kind, 身份证号, date); triggers keep
 * timeliness_months (unit, kind, YYYY-MM) and timeliness_years (unit,
 * kind, YYYY) counts with their rate, which is indexed by (kind,
 * period, rate, unit) for a ranking.  The workflow calls
 * timeliness_task_moved() in the transaction of each transition.
 */
#ifndef HALL_TIMELINESS_H
#define HALL_TIMELINESS_H

#include <stddef.h>
#include <stdint.h>

#include "workflow.h"

struct store;
struct hdate;
struct task;

enum tl_kind {
	TL_TUIGONG,	/* TL_TUIGONG: 退工, within tuigong.deadline_days */
	TL_YONGGONG,	/* TL_YONGGONG: 用工备案, within yonggong.deadline_days */
	TL_KIND__MAX
};

/* Stored names ("tuigong", "yonggong"), by enum tl_kind. */
extern const char *const tl_kind_names[TL_KIND__MAX];

/* The figures of one period (a month "YYYY-MM" or a year "YYYY"). */
struct tl_figures {
	char		 period[8];
	int64_t		 on_time;
	int64_t		 late;
	int64_t		 pending;
	int		 rate;		/* ‰ on time of the decided, -1 none */
};

/* One departure or hire, as the 预警 list shows it. */
struct tl_item {
	int64_t		 id;
	int64_t		 unit_id;
	enum tl_kind	 kind;
	char		 idno[19];
	int64_t		 person_id;	/* 0: not on file */
	char		 name[64];
	char		 ref_date[11];	/* 退工日期 / 用工之日 */
	char		 due_date[11];	/* last day on time */
	char		 done_on[11];	/* "" while open */
	int		 late;
	int64_t		 task_id;	/* the task that registered it, 0 */
	int64_t		 source_task_id; /* the 减员 that announced it, 0 */
};

/* The kind named name, or TL_KIND__MAX. */
enum tl_kind	 tl_kind_of(const char *name);

/* The due date of a departure or hire of ref_date ("YYYY-MM-DD") of
 * unit_id: ref_date + the kind's deadline days of the unit's region in
 * force on ref_date, into due.  Returns 0, 1 when ref_date is not a
 * date, -1 on error. */
int		 timeliness_due(struct store *s, int64_t unit_id,
		    enum tl_kind k, const char *ref_date, struct hdate *due);

/* Records that the departure or hire of person idno (person_id, name
 * as known) dated ref_date was registered by task_id, first submitted
 * on day done, inside the caller's transaction.  The row it fills: the
 * one task_id registered before for idno (a row edited after 回退), else
 * the one of (idno, ref_date), else an open one of idno (announced by a
 * 减员: re-dated to ref_date), else a new one.  A row already
 * registered by another task keeps its first registration.  Returns 0,
 * 1 when ref_date is not a date (nothing recorded), -1 on error. */
int		 timeliness_register(struct store *s, int64_t unit_id,
		    enum tl_kind k, const char *idno, int64_t person_id,
		    const char *name, const char *ref_date,
		    const struct hdate *done, int64_t task_id);

/* Records a departure announced by the 减员 source_task of person idno
 * dated ref_date, open (late when its due date is before today),
 * unless the person already has a 退工 row at the unit dated within
 * timeliness.match_days of ref_date.  Returns 0, 1 when nothing was
 * recorded, -1 on error. */
int		 timeliness_expect(struct store *s, int64_t unit_id,
		    const char *idno, int64_t person_id, const char *name,
		    const char *ref_date, int64_t source_task,
		    const struct hdate *today);

/* Gives back what task_id registered for idno (NULL: every person):
 * open again, late when past due on today.  Returns the number of rows
 * reopened or -1. */
int		 timeliness_unregister(struct store *s, int64_t task_id,
		    const char *idno, const struct hdate *today);

/* The workflow's hook, inside the transaction of transition act of t
 * (t as it is now): a submitted 退工 or 用工备案 registers its rows, a
 * cancelled one gives them back, an approved 减员 announces its
 * departures.  Returns 0 or -1 (the transition then fails). */
int		 timeliness_task_moved(struct store *s, const struct task *t,
		    enum wf_action act);

/* Marks late the open rows whose due date is before today, of unit_id
 * (0: every unit), at most limit of them (the oldest due first), in
 * the caller's transaction or its own.  Each row is marked once, so
 * calling it on every view costs the rows that fell due since.
 * Returns the number marked or -1. */
int		 timeliness_sweep(struct store *s, int64_t unit_id,
		    const struct hdate *today, int limit);

/* The figures of unit_id and kind k for the n months ending with
 * last_month ("YYYY-MM"), oldest first, into out[0..n) (a month with
 * nothing has zeros and rate -1).  Reads at most n rows.  Returns 0,
 * 1 when last_month is not a month or n is not 1..120, -1 on error. */
int		 timeliness_months(struct store *s, int64_t unit_id,
		    enum tl_kind k, const char *last_month, int n,
		    struct tl_figures *out);

/* The figures of unit_id and kind k summed over the months from..to
 * ("YYYY-MM", inclusive) into *sum (sum->period: ""), reading one row
 * per month.  Returns 0, 1 when the range is bad (not months, to
 * before from, more than 120 months), -1 on error. */
int		 timeliness_range(struct store *s, int64_t unit_id,
		    enum tl_kind k, const char *from, const char *to,
		    struct tl_figures *sum);

/* The figures of unit_id and kind k for a year ("YYYY") or a month
 * ("YYYY-MM"), one row, into *out.  Returns 0, 1 when period is
 * neither, -1 on error. */
int		 timeliness_period(struct store *s, int64_t unit_id,
		    enum tl_kind k, const char *period, struct tl_figures *out);

/* The units ranked by rate for kind k and period (a year "YYYY" or a
 * month "YYYY-MM"), worst first when worst (ascending rate, then unit
 * id) else best first, those with no decided row last never: only
 * units with a rate are listed.  Skips offset, then calls fn(arg,
 * unit_id, figures) for at most limit (1..500) units, reading only
 * those rows of the index.  Returns the number of units handed to fn,
 * or -1 (also for a bad period or limit). */
int		 timeliness_rank(struct store *s, enum tl_kind k,
		    const char *period, int worst, int offset, int limit,
		    void (*fn)(void *arg, int64_t unit_id,
			const struct tl_figures *f), void *arg);

/* The number of units with a rate for kind k and period into *n.
 * Returns 0 or -1. */
int		 timeliness_rank_count(struct store *s, enum tl_kind k,
		    const char *period, int64_t *n);

/* The open rows (no submission yet) of unit_id and kind k whose due
 * date is at most until ("YYYY-MM-DD"), by due date then id, after the
 * row (after_due, after_id) (after_due "" or NULL: from the first), at
 * most limit: the 预警 list, one page.  Calls fn for each.  Returns
 * the number handed to fn, or -1. */
int		 timeliness_open(struct store *s, int64_t unit_id,
		    enum tl_kind k, const char *until, const char *after_due,
		    int64_t after_id, int limit,
		    void (*fn)(void *arg, const struct tl_item *it),
		    void *arg);

/* The number of open rows of unit_id and kind k due at most until
 * into *n (counting the partial index's entries of the unit: the open
 * rows, which registration removes).  Returns 0 or -1. */
int		 timeliness_open_count(struct store *s, int64_t unit_id,
		    enum tl_kind k, const char *until, int64_t *n);

#endif
