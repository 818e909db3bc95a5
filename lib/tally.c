/*
 * tally.c: the kept counts of the history lists; see tally.h.  The
 * triggers of migration 10 keep them; this module only reads them.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "tally.h"

/* The statements of the tallies; their SQL is in tally_sql. */
enum tally_stmt {
	TALLY_STMT_GET,		/* one tally of a unit (0: the hall) */
	TALLY_STMT_HANDLED,	/* a unit's 进行中 and 结束 tasks */
	TALLY_STMT_QUEUE,	/* 进行中 tasks by business */
	TALLY_STMT_HOME,	/* the four counts of a unit's 首页 */
	TALLY_STMT__MAX
};

/* The SQL of each statement, by enum tally_stmt. */
static const char *const tally_sql[TALLY_STMT__MAX] = {
	[TALLY_STMT_GET] =
	    "SELECT n FROM tallies WHERE unit_id = ?1 AND "
	    "name = ?2", /* TALLY_STMT_GET */
	[TALLY_STMT_HANDLED] =
	    "SELECT COALESCE(SUM(n), 0) FROM tallies WHERE "
	    "unit_id = ?1 AND name IN ('task:进行中', 'task:结束')", /* TALLY_STMT_HANDLED */
	[TALLY_STMT_QUEUE] =
	    "SELECT substr(name, 7), n FROM tallies WHERE "
	    "unit_id = 0 AND name > 'queue:' AND name < 'queue;' AND n > 0 "
	    "ORDER BY name", /* TALLY_STMT_QUEUE */
	[TALLY_STMT_HOME] =
	    /* The unit's few tallies (its task states, msg, unread, the
	     * 退工 counts) read whole: with an IN list SQLite built a
	     * temporary table on every run, 35K instructions against 8K. */
	    "SELECT"
	    " COALESCE(SUM(CASE name WHEN 'task:未提交' THEN n END), 0),"
	    " COALESCE(SUM(CASE name WHEN 'task:进行中' THEN n"
	    " WHEN 'task:结束' THEN n END), 0),"
	    " COALESCE(SUM(CASE name WHEN 'msg' THEN n END), 0),"
	    " COALESCE(SUM(CASE name WHEN 'unread' THEN n END), 0),"
	    " COALESCE(SUM(CASE name WHEN 'yuyue' THEN n END), 0)"
	    " FROM tallies WHERE unit_id = ?1", /* TALLY_STMT_HOME */
};

/* The tally name of unit_id into *n (0 when there is none yet).
 * Returns 0 or -1. */
static int
tally_get(struct store *s, int64_t unit_id, const char *name, int64_t *n)
{
	struct store_stmt	*st;

	*n = 0;
	if ((st = store_stmt(s, tally_sql[TALLY_STMT_GET])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, name) != 0)
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* See tally.h. */
int
tally_tasks(struct store *s, int64_t unit_id, const char *state, int64_t *n)
{
	char	 name[64];

	snprintf(name, sizeof(name), "task:%s", state);
	return tally_get(s, unit_id, name, n);
}

/* See tally.h. */
int
tally_staff(struct store *s, int64_t unit_id, int64_t *n)
{
	return tally_get(s, unit_id, "staff", n);
}

/* See tally.h. */
int
tally_insured(struct store *s, int64_t unit_id, int64_t *n)
{
	return tally_get(s, unit_id, "insured", n);
}

/* See tally.h. */
int
tally_handled(struct store *s, int64_t unit_id, int64_t *n)
{
	return store_int(s, tally_sql[TALLY_STMT_HANDLED], unit_id, 0, n);
}

/* See tally.h. */
int
tally_messages(struct store *s, int64_t unit_id, int64_t *all,
    int64_t *unread)
{
	if (tally_get(s, unit_id, "msg", all) != 0 ||
	    tally_get(s, unit_id, "unread", unread) != 0)
		return -1;
	return 0;
}

/* See tally.h. */
int
tally_home(struct store *s, int64_t unit_id, struct tally_home *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, tally_sql[TALLY_STMT_HOME])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		out->todo = store_col_int64(st, 0);
		out->handled = store_col_int64(st, 1);
		out->messages = store_col_int64(st, 2);
		out->unread = store_col_int64(st, 3);
		out->bookings = store_col_int64(st, 4);
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* See tally.h. */
int
tally_decided(struct store *s, const char *business, int64_t *n)
{
	char	 name[64];

	if (business == NULL || *business == '\0')
		return tally_get(s, 0, "decided", n);
	snprintf(name, sizeof(name), "decided:%s", business);
	return tally_get(s, 0, name, n);
}

/* See tally.h. */
int
tally_queue(struct store *s,
    void (*fn)(const char *business, int count, void *arg), void *arg)
{
	struct store_stmt	*st;
	int			 rc, n, total = 0;

	if ((st = store_stmt(s, tally_sql[TALLY_STMT_QUEUE])) == NULL)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		n = store_col_int(st, 1);
		fn(store_col_text(st, 0), n, arg);
		total += n;
	}
	store_reset(st);
	return rc == STORE_DONE ? total : -1;
}

/* See tally.h. */
int
tally_timeliness(struct store *s, int64_t unit_id, long long *on_time,
    long long *total)
{
	int64_t	 all, ok;

	*on_time = *total = 0;
	if (tally_get(s, unit_id, "tuigong", &all) != 0 ||
	    tally_get(s, unit_id, "tuigong-on-time", &ok) != 0)
		return -1;
	*total = all;
	*on_time = ok;
	return 0;
}

/* See tally.h. */
int
tally_yonggong(struct store *s, int64_t unit_id, long long *on_time,
    long long *total)
{
	int64_t	 all, ok;

	*on_time = *total = 0;
	if (tally_get(s, unit_id, "yonggong", &all) != 0 ||
	    tally_get(s, unit_id, "yonggong-on-time", &ok) != 0)
		return -1;
	*total = all;
	*on_time = ok;
	return 0;
}

/* See tally.h. */
int
tally_named(struct store *s, int64_t unit_id, const char *name, int64_t *n)
{
	return tally_get(s, unit_id, name, n);
}
