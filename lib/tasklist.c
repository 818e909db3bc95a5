/*
 * tasklist.c: the task lists of the 首页 and the reviewer desk.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "tally.h"
#include "workflow.h"
#include "tasklist.h"

/*
 * The queue's search.  SQLite plans a statement once, so a criterion
 * written as "(?n = '' OR col = ?n)" never uses an index: each search
 * runs the statement whose first criterion, the most selective one
 * given, is a plain one an index serves (业务顺序号: the unique seq_no;
 * a unit: tasks_unit_queue(unit_id, business, submitted_at) of its
 * 进行中 tasks, in the list's order; part of a unit's name and dates
 * only: see BY_NAME_PAGE; a business: tasks(state, business,
 * submitted_at)), the others checked on the rows it reads (a unary
 * plus keeps the dates from luring the planner off that index).  Bound:
 * ?1 business, ?2 seq, ?3 unit id, ?4 LIKE pattern, ?5 from, ?6 to,
 * ?7 limit, ?8 offset.
 */
#define SEARCH_LIST	"SELECT " TASK_COLUMNS ", u.name, EXISTS (SELECT 1 " \
	"FROM task_events e WHERE e.task_id = t.id AND e.action = " \
	"'task.reject') FROM tasks t JOIN units u ON u.id = t.unit_id WHERE "
#define SEARCH_COUNT	"SELECT COUNT(*) FROM tasks t JOIN units u ON " \
	"u.id = t.unit_id WHERE "
#define SEARCH_REST	" AND t.state = '进行中' AND (?1 = '' OR " \
	"t.business = ?1) AND (?2 = '' OR t.seq_no = ?2) AND (?3 = 0 OR " \
	"t.unit_id = ?3) AND (?4 = '' OR u.name LIKE ?4 ESCAPE '!') AND " \
	"+t.submitted_at >= ?5 AND +t.submitted_at < ?6"
#define SEARCH_ORDER	" ORDER BY t.business, t.submitted_at ASC, t.id ASC " \
	"LIMIT ?7 OFFSET ?8"
#define BY_SEQ		"t.seq_no = ?2"
#define BY_UNIT		"t.unit_id = ?3 AND t.state = '进行中'"
#define BY_NAME		"t.unit_id IN (SELECT id FROM units WHERE name " \
	"LIKE ?4 ESCAPE '!') AND t.state = '进行中'"
/* The lists of a name's units and of dates only walk the queue in the
 * order they list it, tasks_queue(state, business, submitted_at), and
 * stop after a page (the unary plus keeps the planner from reading the
 * matching units' or dates' tasks and sorting them all); their counts
 * read the matching rows through BY_NAME and BY_DATE. */
#define BY_NAME_PAGE	"+t.unit_id IN (SELECT id FROM units WHERE name " \
	"LIKE ?4 ESCAPE '!') AND t.state = '进行中'"
#define BY_DATE_PAGE	"t.state = '进行中'"
#define BY_BUSINESS	"t.state = '进行中' AND t.business = ?1 AND " \
	"t.submitted_at >= ?5 AND t.submitted_at < ?6"
#define BY_DATE		"t.state = '进行中' AND t.submitted_at >= ?5 AND " \
	"t.submitted_at < ?6"

/* The statements of the task lists; their SQL is in tasklist_sql. */
enum tasklist_stmt {
	TASKLIST_STMT_WAITING,			/* a unit's 未提交 tasks */
	TASKLIST_STMT_HANDLED,			/* a unit's submitted tasks */
	TASKLIST_STMT_PRINTABLE,		/* a unit's 结束 tasks, a page */
	TASKLIST_STMT_QUEUE,			/* the queue, a page */
	TASKLIST_STMT_DECIDED,			/* decisions, a page */
	TASKLIST_STMT_UNIT_BY_USCC,		/* a unit by 统一社会信用代码 */
	TASKLIST_STMT_SEARCH_UNITS,		/* units like a name, capped */
	TASKLIST_STMT_SEARCH_SEQ,		/* search by 业务顺序号 */
	TASKLIST_STMT_SEARCH_SEQ_COUNT,		/* its count */
	TASKLIST_STMT_SEARCH_UNIT,		/* search by a unit */
	TASKLIST_STMT_SEARCH_UNIT_COUNT,	/* its count */
	TASKLIST_STMT_SEARCH_NAME,		/* search by a unit's name */
	TASKLIST_STMT_SEARCH_NAME_COUNT,	/* its count */
	TASKLIST_STMT_SEARCH_BUSINESS,		/* search by a business */
	TASKLIST_STMT_SEARCH_BUSINESS_COUNT,	/* its count */
	TASKLIST_STMT_SEARCH_DATE,		/* search by dates only */
	TASKLIST_STMT_SEARCH_DATE_COUNT,	/* its count */
	TASKLIST_STMT__MAX
};

/* The SQL of each statement, by enum tasklist_stmt. */
static const char *const tasklist_sql[TASKLIST_STMT__MAX] = {
	[TASKLIST_STMT_WAITING] =
	    "SELECT " TASK_COLUMNS ", u.name FROM tasks t JOIN units u ON "
	    "u.id = t.unit_id WHERE t.unit_id = ?1 AND t.state = '未提交' AND "
	    "(?2 = '' OR t.business = ?2) ORDER BY "
	    "t.updated_at DESC, t.id DESC LIMIT ?3 OFFSET ?4", /* TASKLIST_STMT_WAITING */
	[TASKLIST_STMT_HANDLED] =
	    "SELECT " TASK_COLUMNS ", u.name FROM tasks t JOIN units u ON "
	    "u.id = t.unit_id WHERE t.unit_id = ?1 AND t.state IN ('进行中', "
	    "'结束') AND (?2 = '' OR t.business = ?2) ORDER BY "
	    "t.submitted_at DESC, t.id DESC LIMIT ?3 OFFSET ?4", /* TASKLIST_STMT_HANDLED */
	[TASKLIST_STMT_PRINTABLE] =
	    "SELECT " TASK_COLUMNS ", '' FROM tasks t WHERE "
	    "t.unit_id = ?1 AND t.state = '结束' ORDER BY t.decided_at DESC, "
	    "t.id DESC LIMIT ?2 OFFSET ?3", /* TASKLIST_STMT_PRINTABLE */
	[TASKLIST_STMT_QUEUE] =
	    "SELECT " TASK_COLUMNS ", u.name, EXISTS "
	    "(SELECT 1 FROM task_events e WHERE e.task_id = t.id AND "
	    "e.action = 'task.reject') FROM tasks t JOIN units u ON "
	    "u.id = t.unit_id WHERE t.state = '进行中' AND (?1 = '' OR "
	    "t.business = ?1) ORDER BY t.business, t.submitted_at ASC, "
	    "t.id ASC LIMIT ?2 OFFSET ?3", /* TASKLIST_STMT_QUEUE */
	/* 审核记录: the business is checked on the event's own task (a
	 * subquery), not on the joined t: a condition on t made SQLite
	 * fill a Bloom filter from every task before the join, a full
	 * scan of tasks for a page of 20. */
	[TASKLIST_STMT_DECIDED] =
	    "SELECT " TASK_COLUMNS ", u.name, e.action, "
	    "e.reason, e.at, COALESCE(a.display_name, '') FROM task_events e "
	    "JOIN tasks t ON t.id = e.task_id JOIN units u ON "
	    "u.id = t.unit_id LEFT JOIN accounts a ON a.id = e.actor_id "
	    "WHERE e.action IN ('task.approve', 'task.reject') AND "
	    "e.actor_id > 0 AND (?1 = '' OR (SELECT x.business FROM tasks x "
	    "WHERE x.id = e.task_id) = ?1) "
	    "ORDER BY e.at DESC, e.id DESC LIMIT ?2 OFFSET ?3", /* TASKLIST_STMT_DECIDED */
	[TASKLIST_STMT_UNIT_BY_USCC] =
	    "SELECT id FROM units WHERE uscc = ?1", /* TASKLIST_STMT_UNIT_BY_USCC */
	[TASKLIST_STMT_SEARCH_UNITS] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM units "
	    "WHERE name LIKE ?1 ESCAPE '!' LIMIT ?2) m", /* TASKLIST_STMT_SEARCH_UNITS */
	[TASKLIST_STMT_SEARCH_SEQ] =
	    SEARCH_LIST BY_SEQ SEARCH_REST SEARCH_ORDER, /* TASKLIST_STMT_SEARCH_SEQ */
	[TASKLIST_STMT_SEARCH_SEQ_COUNT] =
	    SEARCH_COUNT BY_SEQ SEARCH_REST, /* TASKLIST_STMT_SEARCH_SEQ_COUNT */
	[TASKLIST_STMT_SEARCH_UNIT] =
	    SEARCH_LIST BY_UNIT SEARCH_REST SEARCH_ORDER, /* TASKLIST_STMT_SEARCH_UNIT */
	[TASKLIST_STMT_SEARCH_UNIT_COUNT] =
	    SEARCH_COUNT BY_UNIT SEARCH_REST, /* TASKLIST_STMT_SEARCH_UNIT_COUNT */
	[TASKLIST_STMT_SEARCH_NAME] =
	    SEARCH_LIST BY_NAME_PAGE SEARCH_REST SEARCH_ORDER, /* TASKLIST_STMT_SEARCH_NAME */
	[TASKLIST_STMT_SEARCH_NAME_COUNT] =
	    SEARCH_COUNT BY_NAME SEARCH_REST, /* TASKLIST_STMT_SEARCH_NAME_COUNT */
	[TASKLIST_STMT_SEARCH_BUSINESS] =
	    SEARCH_LIST BY_BUSINESS SEARCH_REST SEARCH_ORDER, /* TASKLIST_STMT_SEARCH_BUSINESS */
	[TASKLIST_STMT_SEARCH_BUSINESS_COUNT] =
	    SEARCH_COUNT BY_BUSINESS SEARCH_REST, /* TASKLIST_STMT_SEARCH_BUSINESS_COUNT */
	[TASKLIST_STMT_SEARCH_DATE] =
	    SEARCH_LIST BY_DATE_PAGE SEARCH_REST SEARCH_ORDER, /* TASKLIST_STMT_SEARCH_DATE */
	[TASKLIST_STMT_SEARCH_DATE_COUNT] =
	    SEARCH_COUNT BY_DATE SEARCH_REST, /* TASKLIST_STMT_SEARCH_DATE_COUNT */
};

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

/* The statement of each list, by enum tasklist_kind. */
static const enum tasklist_stmt tasklist_kind_stmt[TASKLIST_KIND__MAX] = {
	TASKLIST_STMT_WAITING,	/* TASKLIST_WAITING */
	TASKLIST_STMT_HANDLED,	/* TASKLIST_HANDLED */
};

int
tasklist(struct store *s, enum tasklist_kind kind, int64_t unit_id,
    const char *business, int limit, tasklist_fn fn, void *arg)
{
	return tasklist_page(s, kind, unit_id, business, limit, 0, fn, arg);
}

/* See tasklist.h. */
int
tasklist_page(struct store *s, enum tasklist_kind kind, int64_t unit_id,
    const char *business, int limit, int offset, tasklist_fn fn, void *arg)
{
	struct store_stmt	*st;
	struct task	 t;
	int		 rc, n = 0;

	if (kind < 0 || kind >= TASKLIST_KIND__MAX)
		return -1;
	if ((st = store_stmt(s, tasklist_sql[tasklist_kind_stmt[kind]])) ==
	    NULL)
		return -1;
	if (store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, business != NULL ? business : "") != 0 ||
	    store_bind_int(st, 3, limit < 0 ? 0 : limit) != 0 ||
	    store_bind_int(st, 4, offset < 0 ? 0 : offset) != 0)
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

/* Steps the bound queue statement st (tasklist_row's columns, then
 * the unit's name and whether it was returned before), handing each
 * task to fn; resets st.  Returns the count or -1. */
static int
tasklist_queue_walk(struct store_stmt *st, tasklist_fn fn, void *arg)
{
	struct task	 t;
	int		 rc, n = 0;

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
tasklist_queue(struct store *s, const char *business, int limit, int offset,
    tasklist_fn fn, void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, tasklist_sql[TASKLIST_STMT_QUEUE])) == NULL ||
	    tasklist_bind_page(st, business, limit, offset) != 0)
		return -1;
	return tasklist_queue_walk(st, fn, arg);
}

/* See tasklist.h. */
int
tasklist_queue_counts(struct store *s,
    void (*fn)(const char *business, int count, void *arg), void *arg)
{
	return tally_queue(s, fn, arg);
}

/* See tasklist.h. */
int
tasklist_printable(struct store *s, int64_t unit_id, int limit, int offset,
    tasklist_fn fn, void *arg)
{
	struct store_stmt	*st;
	struct task		 t;
	int			 rc, n = 0;

	if ((st = store_stmt(s, tasklist_sql[TASKLIST_STMT_PRINTABLE])) ==
	    NULL || store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, limit < 0 ? 0 : limit) != 0 ||
	    store_bind_int(st, 3, offset < 0 ? 0 : offset) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		tasklist_row(st, &t);
		fn(&t, "", arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
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

	if ((st = store_stmt(s, tasklist_sql[TASKLIST_STMT_DECIDED])) == NULL ||
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

	if (tally_decided(s, business, &n) != 0)
		return -1;
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

enum search_by {
	SEARCH_BY_SEQ,		/* SEARCH_BY_SEQ */
	SEARCH_BY_UNIT,		/* SEARCH_BY_UNIT: 统一社会信用代码 */
	SEARCH_BY_NAME,		/* SEARCH_BY_NAME: part of the unit's name */
	SEARCH_BY_BUSINESS,	/* SEARCH_BY_BUSINESS */
	SEARCH_BY_DATE,		/* SEARCH_BY_DATE: the submission dates only */
	SEARCH_BY__MAX
};

/* The list and the count statement of each search, by enum search_by. */
static const enum tasklist_stmt search_stmts[SEARCH_BY__MAX][2] = {
	{ TASKLIST_STMT_SEARCH_SEQ,
	  TASKLIST_STMT_SEARCH_SEQ_COUNT },		/* SEARCH_BY_SEQ */
	{ TASKLIST_STMT_SEARCH_UNIT,
	  TASKLIST_STMT_SEARCH_UNIT_COUNT },		/* SEARCH_BY_UNIT */
	{ TASKLIST_STMT_SEARCH_NAME,
	  TASKLIST_STMT_SEARCH_NAME_COUNT },		/* SEARCH_BY_NAME */
	{ TASKLIST_STMT_SEARCH_BUSINESS,
	  TASKLIST_STMT_SEARCH_BUSINESS_COUNT },	/* SEARCH_BY_BUSINESS */
	{ TASKLIST_STMT_SEARCH_DATE,
	  TASKLIST_STMT_SEARCH_DATE_COUNT },		/* SEARCH_BY_DATE */
};

/* Whether s is NULL or empty. */
static int
blank(const char *s)
{
	return s == NULL || *s == '\0';
}

/* The most selective criterion q gives. */
static enum search_by
search_by(const struct task_search *q)
{
	if (!blank(q->seq))
		return SEARCH_BY_SEQ;
	if (!blank(q->uscc))
		return SEARCH_BY_UNIT;
	if (!blank(q->unit_name))
		return SEARCH_BY_NAME;
	if (!blank(q->business))
		return SEARCH_BY_BUSINESS;
	return SEARCH_BY_DATE;
}

/* See tasklist.h. */
const char *
tasklist_search_sql(const struct task_search *q, int count)
{
	return tasklist_sql[search_stmts[search_by(q)][count != 0]];
}

/* Writes the LIKE pattern "%name%" into buf[bufsz], escaping %, _ and
 * the escape character !.  Returns 0, or -1 when it does not fit. */
static int
like_pattern(const char *name, char *buf, size_t bufsz)
{
	size_t	 o = 0;

	if (bufsz < 3)
		return -1;
	buf[o++] = '%';
	for (; *name != '\0'; name++) {
		if (o + 4 > bufsz)
			return -1;
		if (*name == '%' || *name == '_' || *name == '!')
			buf[o++] = '!';
		buf[o++] = *name;
	}
	buf[o++] = '%';
	buf[o] = '\0';
	return 0;
}

/* The id of the unit with 统一社会信用代码 uscc into *id (0 when there is
 * none).  Returns 0 or -1. */
static int
unit_by_uscc(struct store *s, const char *uscc, int64_t *id)
{
	struct store_stmt	*st;
	int			 rc;

	*id = 0;
	if ((st = store_stmt(s, tasklist_sql[TASKLIST_STMT_UNIT_BY_USCC])) ==
	    NULL || store_bind_text(st, 1, uscc) != 0)
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		*id = store_col_int64(st, 0);
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* Prepares the search statement of q (count or list) with its
 * criteria bound; *none is set when it can match nothing (no such
 * unit).  Returns the statement, or NULL (error or *none). */
static struct store_stmt *
search_stmt(struct store *s, const struct task_search *q, int count,
    int *none)
{
	struct store_stmt	*st;
	char			 like[512];
	int64_t			 unit = 0;

	*none = 0;
	like[0] = '\0';
	if (!blank(q->uscc)) {
		if (unit_by_uscc(s, q->uscc, &unit) == -1)
			return NULL;
		if (unit == 0) {
			*none = 1;
			return NULL;
		}
	}
	if (!blank(q->unit_name) &&
	    like_pattern(q->unit_name, like, sizeof(like)) == -1)
		return NULL;
	if ((st = store_stmt(s, tasklist_search_sql(q, count))) == NULL)
		return NULL;
	if (store_bind_text(st, 1, blank(q->business) ? "" : q->business) ||
	    store_bind_text(st, 2, blank(q->seq) ? "" : q->seq) ||
	    store_bind_int(st, 3, unit) || store_bind_text(st, 4, like) ||
	    store_bind_int(st, 5, q->from > 0 ? (int64_t)q->from : 0) ||
	    store_bind_int(st, 6, q->to > 0 ? (int64_t)q->to : INT64_MAX))
		return NULL;
	return st;
}

/* See tasklist.h. */
int
tasklist_search(struct store *s, const struct task_search *q, int limit,
    int offset, tasklist_fn fn, void *arg)
{
	struct store_stmt	*st;
	int			 none;

	if ((st = search_stmt(s, q, 0, &none)) == NULL)
		return none ? 0 : -1;
	if (store_bind_int(st, 7, limit < 0 ? 0 : limit) != 0 ||
	    store_bind_int(st, 8, offset < 0 ? 0 : offset) != 0)
		return -1;
	return tasklist_queue_walk(st, fn, arg);
}

/* See tasklist.h. */
int
tasklist_search_count(struct store *s, const struct task_search *q)
{
	struct store_stmt	*st;
	int			 rc, n = -1, none;

	if ((st = search_stmt(s, q, 1, &none)) == NULL)
		return none ? 0 : -1;
	if ((rc = store_step(st)) == STORE_ROW)
		n = store_col_int(st, 0);
	store_reset(st);
	return n;
}

/* See tasklist.h. */
int
tasklist_search_units(struct store *s, const char *name)
{
	struct store_stmt	*st;
	char			 like[512];
	int			 n = -1;

	if (like_pattern(name, like, sizeof(like)) == -1)
		return -1;
	if ((st = store_stmt(s, tasklist_sql[TASKLIST_STMT_SEARCH_UNITS])) ==
	    NULL || store_bind_text(st, 1, like) != 0 ||
	    store_bind_int(st, 2, TASKLIST_MAX_UNITS + 1) != 0)
		return -1;
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_reset(st);
	return n;
}
