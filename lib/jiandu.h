/*
 * jiandu.h: the figures of the office's 监管 page (/jiandu, reviewers
 * only) [issue 13; seed 004].  Every figure is bounded: none reads the
 * whole queue, a unit's history or all units.
 *
 * - The review queue by business and age, against the review time the
 *   policy promises (review.<business>.days_min / days_max working
 *   days, policy.h).  A task submitted on day d is due on
 *   workdays_add(d, max): 已超时 (overdue) when that day is before
 *   today, which is exactly when d is before cut_max =
 *   workdays_add(today, -max); it has passed the shortest promise when
 *   d is before cut_min = workdays_add(today, -min).  So each business
 *   has three buckets: 未满最短时限 (d >= cut_min), 时限内 (cut_max <= d
 *   < cut_min) and 已超时 (d < cut_max).  The count of the queue is a
 *   kept tally; the first two buckets are counted on
 *   tasks(state, business, submitted_at) from cut_max on, i.e. only the
 *   last max working days of submissions; 已超时 is the rest.
 * - The queue overdue first: the overdue tasks of every business by
 *   submission, then the others, paged, each read in the order of
 *   tasks(state, submitted_at).
 * - Units ranked by 离职及时率: lib/timeliness.h (timeliness_rank, its
 *   index by kind, period and rate); the page adds each unit's name.
 * - 回退 by reason: per month, the tasks reviewers sent back whole and
 *   the persons sent back by a partial decision, per exact 回退原因,
 *   kept by migration 31's triggers, ranked most frequent first.
 */
#ifndef HALL_JIANDU_H
#define HALL_JIANDU_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "valid.h"

struct store;
struct task;
struct wf_business;

/* The office's 行政区划 whose policy rows give the review time (falling
 * back to the national "*" rows): the hall's units' default (migration
 * 1). */
#define JD_REGION		"420100"
#define JD_MAX_BUSINESSES	24	/* registered businesses at most */

/* The promise of one business and the day cuts it gives today. */
struct jd_promise {
	const struct wf_business *b;
	long long	 days_min;	/* review.<code>.days_min */
	long long	 days_max;	/* review.<code>.days_max */
	struct hdate	 cut_min;	/* workdays_add(today, -days_min) */
	struct hdate	 cut_max;	/* workdays_add(today, -days_max) */
	time_t		 t_min;		/* 00:00 (UTC+8) of cut_min */
	time_t		 t_max;		/* 00:00 (UTC+8) of cut_max */
};

/* One business's line of the queue by age. */
struct jd_queue_line {
	struct jd_promise p;
	int64_t		 total;		/* 进行中 (a kept tally) */
	int64_t		 fresh;		/* 未满最短时限: d >= cut_min */
	int64_t		 within;	/* 时限内: cut_max <= d < cut_min */
	int64_t		 overdue;	/* 已超时: d < cut_max */
};

/* The promise of business b for region on today (its cut days), into
 * out; a policy value out of range is clamped (min 0..366, max
 * min..366).  Returns 0 or -1. */
int		 jd_promise(struct store *s, const struct wf_business *b,
		    const char *region, const struct hdate *today,
		    struct jd_promise *out);

/* The date a task of promise p submitted at t is due: workdays_add of
 * its submission day (UTC+8) and days_max, into out.  Returns 0 or
 * -1. */
int		 jd_due(struct store *s, const struct jd_promise *p, time_t t,
		    struct hdate *out);

/* The queue by business and age on today: a line per registered
 * business reviewed by a person (not auto_review) or with tasks
 * waiting, in the registry's order, into out[max]; *n lines.  Returns
 * 0 or -1. */
int		 jd_queue(struct store *s, const char *region,
		    const struct hdate *today, struct jd_queue_line *out,
		    int max, int *n);

/* Called once per task of the queue; unit_name and t valid during the
 * call; overdue 1 when it is past its promise. */
typedef void	(*jd_task_fn)(const struct task *t, const char *unit_name,
		    int overdue, void *arg);

/* Rows [offset, offset + limit) of the queue overdue first: the
 * overdue tasks of the lines (overdue in all) by submission, oldest
 * first, then the others by submission.  Returns the number listed or
 * -1. */
int		 jd_queue_page(struct store *s,
		    const struct jd_queue_line *lines, int n, int64_t offset,
		    int limit, jd_task_fn fn, void *arg);

/* The name of unit id into name[namesz] ("" when none).  Returns 0 or
 * -1. */
int		 jd_unit_name(struct store *s, int64_t id, char *name,
		    size_t namesz);

/* One month's 回退 totals. */
struct jd_returns {
	int64_t		 tasks;		/* tasks sent back whole */
	int64_t		 persons;	/* persons sent back in part */
	int64_t		 reasons;	/* distinct 回退原因 */
};

/* The 回退 totals of month ("YYYY-MM") into out (zeros when none).
 * Returns 0 or -1. */
int		 jd_returns_month(struct store *s, const char *month,
		    struct jd_returns *out);

/* Calls fn for the reasons of month, most frequent first (ties by
 * reason, descending), rows [offset, offset + limit).  Returns the
 * number listed or -1. */
int		 jd_returns_page(struct store *s, const char *month,
		    int64_t offset, int limit, void (*fn)(const char *reason,
		    int64_t n, int64_t tasks, int64_t persons, void *arg),
		    void *arg);

#endif
