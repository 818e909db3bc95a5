/*
 * tasklist.c: the task lists of the 首页 and the reviewer desk.
 */
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "workflow.h"
#include "tasklist.h"

/* Maps a stored state name to the enum; unknown names are 退单. */
static enum task_state
state_from_name(const char *name)
{
	int	 i;

	for (i = 0; i < TASK_STATE__MAX; i++)
		if (strcmp(task_state_names[i], name) == 0)
			return (enum task_state)i;
	return TASK_CANCELLED;
}

/* Copies column i as text into dst of size dstsz. */
static void
col_copy(struct store_stmt *st, int i, char *dst, size_t dstsz)
{
	snprintf(dst, dstsz, "%s", store_col_text(st, i));
}

void
tasklist_row(struct store_stmt *st, struct task *t)
{
	memset(t, 0, sizeof(*t));
	t->id = store_col_int64(st, 0);
	col_copy(st, 1, t->seq_no, sizeof(t->seq_no));
	col_copy(st, 2, t->business, sizeof(t->business));
	t->unit_id = store_col_int64(st, 3);
	t->state = state_from_name(store_col_text(st, 4));
	t->returned = store_col_int(st, 5);
	col_copy(st, 6, t->return_reason, sizeof(t->return_reason));
	col_copy(st, 7, t->summary, sizeof(t->summary));
	t->created_at = (time_t)store_col_int64(st, 8);
	t->submitted_at = (time_t)store_col_int64(st, 9);
	t->decided_at = (time_t)store_col_int64(st, 10);
	t->decided_by = store_col_int64(st, 11);
	t->overdue = store_col_int(st, 12);
}

/* The statement text of each list; the business filter is bound as
 * ?2 and ignored when empty. */
static const char *const tasklist_sql[TASKLIST_KIND__MAX] = {
	/* TASKLIST_WAITING */
	"SELECT " TASK_COLUMNS ", u.name FROM tasks t JOIN units u ON "
	"u.id = t.unit_id WHERE t.unit_id = ?1 AND t.state = '未提交' AND "
	"(?2 = '' OR t.business = ?2) ORDER BY t.updated_at DESC, t.id DESC "
	"LIMIT ?3",
	/* TASKLIST_HANDLED */
	"SELECT " TASK_COLUMNS ", u.name FROM tasks t JOIN units u ON "
	"u.id = t.unit_id WHERE t.unit_id = ?1 AND t.state IN ('进行中', "
	"'结束') AND (?2 = '' OR t.business = ?2) ORDER BY "
	"t.submitted_at DESC, t.id DESC LIMIT ?3",
};

int
tasklist(struct store *s, enum tasklist_kind kind, int64_t unit_id,
    const char *business, int limit, tasklist_fn fn, void *arg)
{
	struct store_stmt	*st;
	struct task	 t;
	int		 rc, n = 0;

	if (kind < 0 || kind >= TASKLIST_KIND__MAX)
		return -1;
	if ((st = store_stmt(s, tasklist_sql[kind])) == NULL)
		return -1;
	if (store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, business != NULL ? business : "") != 0 ||
	    store_bind_int(st, 3, limit) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		tasklist_row(st, &t);
		fn(&t, store_col_text(st, 13), arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* Binds business (NULL as ""), limit and offset at 1, 2, 3 of st.
 * Returns 0 or -1. */
static int
tasklist_bind_page(struct store_stmt *st, const char *business, int limit,
    int offset)
{
	if (store_bind_text(st, 1, business != NULL ? business : "") != 0 ||
	    store_bind_int(st, 2, limit < 0 ? 0 : limit) != 0 ||
	    store_bind_int(st, 3, offset < 0 ? 0 : offset) != 0)
		return -1;
	return 0;
}

/* See tasklist.h. */
int
tasklist_queue(struct store *s, const char *business, int limit, int offset,
    tasklist_fn fn, void *arg)
{
	struct store_stmt	*st;
	struct task	 t;
	int		 rc, n = 0;

	if ((st = store_stmt(s, "SELECT " TASK_COLUMNS ", u.name, EXISTS "
	    "(SELECT 1 FROM task_events e WHERE e.task_id = t.id AND "
	    "e.action = 'task.reject') FROM tasks t JOIN units u ON "
	    "u.id = t.unit_id WHERE t.state = '进行中' AND (?1 = '' OR "
	    "t.business = ?1) ORDER BY t.business, t.submitted_at ASC, "
	    "t.id ASC LIMIT ?2 OFFSET ?3")) == NULL ||
	    tasklist_bind_page(st, business, limit, offset) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		tasklist_row(st, &t);
		t.was_returned = store_col_int(st, 14) != 0;
		fn(&t, store_col_text(st, 13), arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See tasklist.h. */
int
tasklist_queue_counts(struct store *s,
    void (*fn)(const char *business, int count, void *arg), void *arg)
{
	struct store_stmt	*st;
	int		 rc, total = 0, n;

	if ((st = store_stmt(s, "SELECT business, COUNT(*) FROM tasks "
	    "WHERE state = '进行中' GROUP BY business ORDER BY business")) ==
	    NULL)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		n = store_col_int(st, 1);
		fn(store_col_text(st, 0), n, arg);
		total += n;
	}
	store_reset(st);
	return rc == STORE_DONE ? total : -1;
}

/* See tasklist.h. */
int
tasklist_decided(struct store *s, const char *business, int limit,
    int offset, tasklist_decision_fn fn, void *arg)
{
	struct store_stmt		*st;
	struct task		 t;
	struct task_decision	 d;
	int			 rc, n = 0;

	if ((st = store_stmt(s, "SELECT " TASK_COLUMNS ", u.name, e.action, "
	    "e.reason, e.at, COALESCE(a.display_name, '') FROM task_events e "
	    "JOIN tasks t ON t.id = e.task_id JOIN units u ON "
	    "u.id = t.unit_id LEFT JOIN accounts a ON a.id = e.actor_id "
	    "WHERE e.action IN ('task.approve', 'task.reject') AND "
	    "e.actor_id > 0 AND (?1 = '' OR t.business = ?1) "
	    "ORDER BY e.at DESC, e.id DESC LIMIT ?2 OFFSET ?3")) == NULL ||
	    tasklist_bind_page(st, business, limit, offset) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		tasklist_row(st, &t);
		memset(&d, 0, sizeof(d));
		d.approved = strcmp(store_col_text(st, 14), "task.approve") == 0;
		d.reason = store_col_text(st, 15);
		d.at = (time_t)store_col_int64(st, 16);
		d.reviewer = store_col_text(st, 17);
		fn(&t, store_col_text(st, 13), &d, arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See tasklist.h. */
int
tasklist_decided_count(struct store *s, const char *business)
{
	int64_t	 n;

	if (store_int_text(s, "SELECT COUNT(*) FROM task_events e JOIN "
	    "tasks t ON t.id = e.task_id WHERE e.action IN ('task.approve', "
	    "'task.reject') AND e.actor_id > 0 AND (?1 = '' OR "
	    "t.business = ?1)", business != NULL ? business : "", -1,
	    &n) != 0)
		return -1;
	return (int)n;
}
