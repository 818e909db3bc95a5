/*
 * yuyue.h: 办事预约 [003 FAQ 四; issue 10].  A 普通 unit, whose
 * submitted tasks are reviewed at its 辖区经办机构 and need the
 * materials brought to the counter, books a time slot on a working day
 * (the hall's calendar: policy.h workday_is) for one of its submitted,
 * undecided (进行中) tasks, instead of queueing.  A VIP unit's tasks are
 * reviewed by the system at once and never need the counter.
 *
 * Policy rows (policy.h), by the unit's region:
 *   yuyue.slots              the slots of a working day, "09:00-10:00,…"
 *   yuyue.per_slot           bookings a slot takes (at one office)
 *   yuyue.days_ahead         working days offered, from the next one
 *   yuyue.change_until_days  moved or cancelled until N days before (1:
 *                            the day before; on the day, refused)
 *
 * A booking (table appointments, migration 19) is 有效 or 已取消; a
 * task has at most one 有效 booking (a partial unique index); a move
 * changes its day and slot in place and keeps where it was in
 * moved_from.  Places are counted per office (the unit's region), day
 * and slot under the write lock (BEGIN IMMEDIATE), so two clerks never
 * overbook; a booking of a task that has ended (结束, 退单) no longer
 * takes a place.  Every booking, move and cancel is audited.  Only
 * lib/yuyue.c reads or writes the table.
 */
#ifndef HALL_YUYUE_H
#define HALL_YUYUE_H

#include <stdint.h>
#include <time.h>

#include "valid.h"

struct store;
struct actor;
struct hdate;

#define YUYUE_PAGE_SIZE		20	/* rows of a page of the lists */
#define YUYUE_DESK_PAGE_SIZE	50	/* rows of a page of the desk */
#define YUYUE_SLOTS_MAX		12	/* slots a day may have */
#define YUYUE_SLOT_BYTES	16	/* "HH:MM-HH:MM" and its NUL */
#define YUYUE_DAYS_MAX		30	/* working days a booking may be ahead */

/* The policy of one region on one day. */
struct yuyue_policy {
	char	 slot[YUYUE_SLOTS_MAX][YUYUE_SLOT_BYTES];
	int	 nslots;
	int	 per_slot;		/* places of a slot, >= 1 */
	int	 days_ahead;		/* 1 .. YUYUE_DAYS_MAX */
	int	 change_until_days;	/* >= 0 */
};

/* Parses the slots text "HH:MM-HH:MM,HH:MM-HH:MM,…" (each slot a real
 * time span, start before end, in order and not overlapping) into
 * p->slot and p->nslots.  Returns 0, or -1 when malformed (p->nslots
 * is then 0). */
int		 yuyue_slots_parse(const char *text, struct yuyue_policy *p);

/* Loads the policy of region on day on (NULL: today) into p: the
 * slots (a malformed row is logged and the default used), per_slot,
 * days_ahead and change_until_days, each kept within its bounds.
 * Returns 0 or -1. */
int		 yuyue_policy(struct store *s, const char *region,
		    const struct hdate *on, struct yuyue_policy *p);

/* The region (its office, the policy's key) and the VIP flag of unit
 * unit_id into region[16] and *vip.  Returns 0, 1 when there is no
 * such unit, -1 on error. */
int		 yuyue_unit(struct store *s, int64_t unit_id, char region[16],
		    int *vip);

/* Whether slot is one of p's.  Returns its index, or -1. */
int		 yuyue_slot_index(const struct yuyue_policy *p,
		    const char *slot);

/* Whether a booking on day may still be moved or cancelled on today:
 * today is at least change_until_days days before day.  Returns 1 or
 * 0. */
int		 yuyue_changeable(const struct hdate *today,
		    const struct hdate *day, int change_until_days);

/* The working days a booking made on today may take, in order: the
 * next p->days_ahead working days after today, into days[YUYUE_DAYS_MAX]
 * and *n.  Returns 0 or -1. */
int		 yuyue_days(struct store *s, const struct yuyue_policy *p,
		    const struct hdate *today, struct hdate *days, int *n);

/* The weekday of d in Chinese (星期一 … 星期日), static. */
const char	*yuyue_weekday(const struct hdate *d);

/* One booking, with the facts of its task the pages show. */
struct appointment {
	int64_t		 id;
	int64_t		 unit_id;
	int64_t		 task_id;
	char		 region[16];		/* the office (the unit's region) */
	char		 day[11];		/* YYYY-MM-DD */
	char		 slot[YUYUE_SLOT_BYTES];
	char		 state[16];		/* 有效, 已取消 */
	char		 moved_from[32];	/* "YYYY-MM-DD HH:MM-HH:MM", "" */
	time_t		 created_at;
	time_t		 updated_at;
	/* Of its task and unit. */
	char		 seq_no[32];
	char		 business[32];
	char		 task_state[16];
	char		 unit_name[256];
};

/* Loads booking id of unit_id (unit_id 0: any unit, the desk).
 * Returns 0, 1 when there is none of that unit, -1 on error. */
int		 yuyue_load(struct store *s, int64_t id, int64_t unit_id,
		    struct appointment *out);

/* Loads the 有效 booking of task_id into out.  Returns 0, 1 when it
 * has none, -1 on error. */
int		 yuyue_of_task(struct store *s, int64_t task_id,
		    struct appointment *out);

/* The places taken on each slot of p of the given days at region's
 * office: taken[i * YUYUE_SLOTS_MAX + j] for days[i] and p->slot[j]
 * (taken must hold n * YUYUE_SLOTS_MAX).  Returns 0 or -1. */
int		 yuyue_taken(struct store *s, const char *region,
		    const struct yuyue_policy *p, const struct hdate *days,
		    int n, int *taken);

/*
 * What a booking, a move or a cancel asks for.  Checked and done under
 * the write lock; a refusal adds one error (field "task", "id", "day"
 * or "slot", a code below and a Chinese message) to errs and changes
 * nothing.
 *
 *   YY_VIP          the unit is VIP: its tasks never need the counter
 *   YY_TASK_STATE   the task is not 进行中 (not submitted, or decided)
 *   YY_BOOKED       the task has a 有效 booking already (move it)
 *   YY_DAY          the day is missing or malformed
 *   YY_NOT_WORKDAY  a weekend or 法定节假日 (the calendar)
 *   YY_DAY_RANGE    not among the days offered (yuyue_days)
 *   YY_SLOT         not one of the policy's slots
 *   YY_SLOT_FULL    the slot is full (another slot of the day is not)
 *   YY_DAY_FULL     every slot of the day is full
 *   YY_CANCELLED    the booking is 已取消
 *   YY_TOO_LATE     past yuyue.change_until_days: no move, no cancel
 */
enum yuyue_result {
	YUYUE_OK,		/* YUYUE_OK: done */
	YUYUE_REPEAT,		/* YUYUE_REPEAT: already done (same token,
				 * same place, cancelled already) */
	YUYUE_NOTFOUND,		/* YUYUE_NOTFOUND: not the unit's (404) */
	YUYUE_STATE,		/* YUYUE_STATE: not allowed now (409) */
	YUYUE_RULES,		/* YUYUE_RULES: the day or slot (422) */
	YUYUE_ERROR,		/* YUYUE_ERROR: a store error (logged) */
	YUYUE_RESULT__MAX
};

/* Books day and slot (as posted) for task_id of who's unit on today.
 * dedup_key (may be NULL) is the form's one-time token: the same key
 * again answers YUYUE_REPEAT with the first booking's id.  Sets *id.
 * Returns a yuyue_result. */
enum yuyue_result yuyue_book(struct store *s, const struct actor *who,
		    const struct hdate *today, int64_t task_id,
		    const char *day, const char *slot, const char *dedup_key,
		    int64_t *id, struct form_errors *errs);

/* Moves booking id of who's unit to day and slot (as posted).  The
 * same day and slot it has: YUYUE_REPEAT.  Sets *task_id to its task
 * when it is the unit's.  Returns a yuyue_result. */
enum yuyue_result yuyue_move(struct store *s, const struct actor *who,
		    const struct hdate *today, int64_t id, const char *day,
		    const char *slot, int64_t *task_id,
		    struct form_errors *errs);

/* Cancels booking id of who's unit; 已取消 already: YUYUE_REPEAT.
 * Returns a yuyue_result. */
enum yuyue_result yuyue_cancel(struct store *s, const struct actor *who,
		    const struct hdate *today, int64_t id,
		    struct form_errors *errs);

/* The number of bookings unit_id ever made (a kept tally) into *n.
 * Returns 0 or -1. */
int		 yuyue_count(struct store *s, int64_t unit_id, int64_t *n);

/* Calls fn for each of at most limit bookings of unit_id after skipping
 * offset, latest day first.  Returns how many, or -1. */
int		 yuyue_page(struct store *s, int64_t unit_id, int64_t offset,
		    int limit, void (*fn)(const struct appointment *a,
		    void *arg), void *arg);

/* The number of unit_id's 进行中 tasks (a kept tally) into *n: the
 * tasks that need the counter, for a 普通 unit.  Returns 0 or -1. */
int		 yuyue_task_count(struct store *s, int64_t unit_id, int64_t *n);

/* Calls fn with the id of each of at most limit (at most
 * YUYUE_DESK_PAGE_SIZE) 进行中 tasks of unit_id after skipping offset,
 * latest change first; fn returns 0, or -1 to stop with an error.
 * Returns how many, or -1. */
int		 yuyue_task_page(struct store *s, int64_t unit_id,
		    int64_t offset, int limit,
		    int (*fn)(int64_t task_id, void *arg), void *arg);

/* The 有效 bookings of day (every office) into *n.  Returns 0 or -1. */
int		 yuyue_day_count(struct store *s, const char *day, int64_t *n);

/* Calls fn for each of at most limit 有效 bookings of day after
 * skipping offset, by office, slot and booking.  Returns how many, or
 * -1. */
int		 yuyue_day_page(struct store *s, const char *day,
		    int64_t offset, int limit, void (*fn)(const struct
		    appointment *a, void *arg), void *arg);

/* The next 有效 booking of unit_id on or after today whose task has
 * not ended, into out, in one indexed statement (the 首页).  Returns
 * 0, 1 when there is none, -1 on error. */
int		 yuyue_next(struct store *s, int64_t unit_id,
		    const struct hdate *today, struct appointment *out);

#endif
