/*
 * tasklist.h: the lists of tasks the pages show: a unit's 待办任务列表
 * (未提交, including those 回退) and 已办任务列表 (进行中 and 结束), and
 * the reviewer desk's queue by business and age.
 */
#ifndef HALL_TASKLIST_H
#define HALL_TASKLIST_H

#include <stdint.h>
#include <time.h>

struct store;
struct task;

enum tasklist_kind {
	TASKLIST_WAITING,	/* TASKLIST_WAITING: a unit's 待办 (未提交) tasks */
	TASKLIST_HANDLED,	/* TASKLIST_HANDLED: a unit's 已办 (进行中, 结束) tasks */
	TASKLIST_KIND__MAX
};

/* Called once per task; t is valid only during the call. */
typedef void	(*tasklist_fn)(const struct task *t, const char *unit_name,
		    void *arg);

/* Lists tasks of kind for unit_id (ignored for the reviewer lists),
 * restricted to business when non-NULL and non-empty, at most limit
 * rows.  Returns the number listed or -1. */
int		 tasklist(struct store *s, enum tasklist_kind kind,
		    int64_t unit_id, const char *business, int limit,
		    tasklist_fn fn, void *arg);

/* As tasklist(), rows [offset, offset + limit) of the list: 待办 by
 * last change, 已办 by submission, newest first, each read in the order
 * of an index (migration 10), never sorting the unit's history.
 * Returns the number listed or -1. */
int		 tasklist_page(struct store *s, enum tasklist_kind kind,
		    int64_t unit_id, const char *business, int limit,
		    int offset, tasklist_fn fn, void *arg);

/* The unit's 结束 tasks, latest decision first, rows [offset, offset +
 * limit) (业务打印; unit_name is "").  Returns the number listed or
 * -1. */
int		 tasklist_printable(struct store *s, int64_t unit_id,
		    int limit, int offset, tasklist_fn fn, void *arg);

/* The reviewer desk's queue: 进行中 tasks of business (every one when
 * NULL or empty) ordered by business, then age (oldest first), rows
 * [offset, offset + limit); each task's was_returned says whether a
 * reviewer has rejected it before (from task_events).  Returns the
 * number listed or -1. */
int		 tasklist_queue(struct store *s, const char *business,
		    int limit, int offset, tasklist_fn fn, void *arg);

/* Calls fn once per business with 进行中 tasks, with their count, in
 * business order (kept tallies).  Returns the total of all businesses,
 * or -1. */
int		 tasklist_queue_counts(struct store *s,
		    void (*fn)(const char *business, int count, void *arg),
		    void *arg);

/* A search of the reviewer desk's queue (进行中 tasks); empty strings
 * and 0 ask nothing. */
struct task_search {
	const char	*business;	/* tasks.business */
	const char	*seq;		/* 业务顺序号, exact */
	const char	*uscc;		/* the unit's 统一社会信用代码, exact */
	const char	*unit_name;	/* part of the unit's name */
	time_t		 from;		/* submitted at or after */
	time_t		 to;		/* submitted before */
};

/* The most units a search by part of a name may match: beyond it the
 * search is refused as too wide (tasklist_search_units()). */
#define TASKLIST_MAX_UNITS	500

/* The number of units whose name contains name, counting at most
 * TASKLIST_MAX_UNITS + 1 of them, or -1. */
int		 tasklist_search_units(struct store *s, const char *name);

/* The queue's tasks matching q, in the queue's order (business, then
 * age), rows [offset, offset + limit), each read through an index
 * chosen by the most selective criterion given (业务顺序号, unit,
 * business, submission date).  Returns the number listed or -1. */
int		 tasklist_search(struct store *s, const struct task_search *q,
		    int limit, int offset, tasklist_fn fn, void *arg);

/* The number of tasks tasklist_search() would list in all, or -1. */
int		 tasklist_search_count(struct store *s,
		    const struct task_search *q);

/* The statement tasklist_search() (count 0) or tasklist_search_count()
 * (count 1) runs for q, for the tests of its query plan. */
const char	*tasklist_search_sql(const struct task_search *q, int count);

/* One decision of a reviewer on a task (a task_events row). */
struct task_decision {
	int		 approved;	/* 1 审核通过, 0 回退 */
	const char	*reason;	/* 回退原因; "" for an approval */
	time_t		 at;
	const char	*reviewer;	/* the reviewer's display name */
};

/* Called once per decision; t, unit_name and d valid during the call. */
typedef void	(*tasklist_decision_fn)(const struct task *t,
		    const char *unit_name, const struct task_decision *d,
		    void *arg);

/* 审核记录: every approval and rejection by a reviewer (not the
 * system's automatic review) of tasks of business (all when NULL or
 * empty), latest first, rows [offset, offset + limit); a task rejected
 * then approved appears twice.  t is the task as it is now.  Returns
 * the number listed or -1. */
int		 tasklist_decided(struct store *s, const char *business,
		    int limit, int offset, tasklist_decision_fn fn, void *arg);

/* The number of decisions tasklist_decided() would list in all (a
 * kept tally), or -1. */
int		 tasklist_decided_count(struct store *s, const char *business);

/* Fills t from the current row of a statement selecting TASK_COLUMNS. */
struct store_stmt;
void		 tasklist_row(struct store_stmt *st, struct task *t);

#define TASK_COLUMNS "t.id, t.seq_no, t.business, t.unit_id, t.state, " \
	"t.returned, t.return_reason, t.summary, t.created_at, " \
	"t.submitted_at, t.decided_at, t.decided_by, t.overdue"

#endif
