/*
 * tasklist.h: the lists of tasks the pages show: a unit's 待办任务列表
 * (未提交, including those 回退) and 已办任务列表 (进行中 and 结束), and
 * the reviewer desk's queue by business and age.
 */
#ifndef HALL_TASKLIST_H
#define HALL_TASKLIST_H

#include <stdint.h>

struct store;
struct task;

enum tasklist_kind {
	TASKLIST_WAITING,	/* TASKLIST_WAITING: a unit's 待办 (未提交) tasks */
	TASKLIST_HANDLED,	/* TASKLIST_HANDLED: a unit's 已办 (进行中, 结束) tasks */
	TASKLIST_QUEUE,		/* TASKLIST_QUEUE: every 进行中 task, oldest first */
	TASKLIST_DECIDED,	/* TASKLIST_DECIDED: tasks decided by a reviewer, newest first */
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

/* Fills t from the current row of a statement selecting TASK_COLUMNS. */
struct sqlite3_stmt;
void		 tasklist_row(struct sqlite3_stmt *st, struct task *t);

#define TASK_COLUMNS "t.id, t.seq_no, t.business, t.unit_id, t.state, " \
	"t.returned, t.return_reason, t.summary, t.created_at, " \
	"t.submitted_at, t.decided_at, t.decided_by, t.overdue"

#endif
