/*
 * tally.h: the counts the history lists and the 离职及时率 show, read
 * from the tallies table that triggers keep in the transaction of each
 * change (migration 10), so that a total never reads a unit's history.
 */
#ifndef HALL_TALLY_H
#define HALL_TALLY_H

#include <stdint.h>

struct store;

/* The number of unit_id's tasks in state (a task_state_names entry)
 * into *n.  Returns 0 or -1. */
int		 tally_tasks(struct store *s, int64_t unit_id,
		    const char *state, int64_t *n);

/* The number of unit_id's 在职 persons (each once) into *n.  Returns 0
 * or -1. */
int		 tally_staff(struct store *s, int64_t unit_id, int64_t *n);

/* The number of unit_id's 参保缴费 insurance rows into *n.  Returns 0
 * or -1. */
int		 tally_insured(struct store *s, int64_t unit_id, int64_t *n);

/* The number of unit_id's 已办 tasks (进行中 and 结束) into *n.
 * Returns 0 or -1. */
int		 tally_handled(struct store *s, int64_t unit_id, int64_t *n);

/* The number of unit_id's messages and of those unread.  Returns 0 or
 * -1. */
int		 tally_messages(struct store *s, int64_t unit_id, int64_t *all,
		    int64_t *unread);

/* The counts of a unit's 首页, read in one statement. */
struct tally_home {
	int64_t		 todo;		/* 未提交 tasks (待办) */
	int64_t		 handled;	/* 进行中 and 结束 tasks (已办) */
	int64_t		 messages;	/* messages */
	int64_t		 unread;	/* of which unread */
	int64_t		 bookings;	/* 办事预约 it ever made (yuyue) */
};

/* The counts of unit_id's 首页 into out (tally_tasks() of 未提交,
 * tally_handled(), tally_messages() and the bookings of migration 19's
 * tally together).  Returns 0 or -1. */
int		 tally_home(struct store *s, int64_t unit_id,
		    struct tally_home *out);

/* The number of reviewers' decisions (审核记录) on tasks of business
 * (every business when NULL or empty) into *n.  Returns 0 or -1. */
int		 tally_decided(struct store *s, const char *business,
		    int64_t *n);

/* Calls fn once per business with 进行中 tasks, with their count, in
 * business order.  Returns the total of all businesses, or -1. */
int		 tally_queue(struct store *s,
		    void (*fn)(const char *business, int count, void *arg),
		    void *arg);

/* The 退工 rows of unit_id's submitted (进行中 and 结束) 退工 tasks into
 * *total, and those not overdue into *on_time: the 离职及时率.
 * Returns 0 or -1. */
int		 tally_timeliness(struct store *s, int64_t unit_id,
		    long long *on_time, long long *total);

/* 用工备案及时率 of unit_id: *total registrations made by the hall, and
 * *on_time of them not 逾期 (kept by migration 15's trigger).  Returns
 * 0 or -1. */
int		 tally_yonggong(struct store *s, int64_t unit_id,
		    long long *on_time, long long *total);

/* The tally name of unit_id (e.g. "flag:hole", kept by the triggers of
 * migration 30) into *n, 0 when there is none.  Returns 0 or -1. */
int		 tally_named(struct store *s, int64_t unit_id, const char *name,
		    int64_t *n);

#endif
