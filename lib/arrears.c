/*
 * arrears.c: 欠费 rows, owing, reserved by a task, settled; see
 * arrears.h.  The only module with SQL on table arrears.
 */
#include <stdio.h>
#include <string.h>

#include "arrears.h"
#include "log.h"
#include "pager.h"
#include "store.h"

/* The statements of this module; their SQL is in arrears_sql. */
enum arrears_stmt {
	AR_STMT_UNIT_COUNT,	/* a unit's owing persons, rows, sum */
	AR_STMT_UNIT_PERSONS,	/* a page of them */
	AR_STMT_PERSON_SUM,	/* a person's owing at a unit */
	AR_STMT_PERSON_MONTHS,	/* his owing months there */
	AR_STMT_ELSEWHERE,	/* whether he owes at another unit */
	AR_STMT_CONFLICT,	/* his rows reserved by another task */
	AR_STMT_MINE,		/* his rows reserved by this task */
	AR_STMT_RESERVE,	/* reserves his owing rows */
	AR_STMT_RESERVE_UNIT,	/* reserves a unit's owing rows */
	AR_STMT_RELEASE,	/* a task's rows back to owing */
	AR_STMT_SETTLE,		/* settles a task's rows */
	AR_STMT_TASK_MONTHS,	/* a task's rows, keyset paged */
	AR_STMT_TASK_COUNT,	/* a task's persons, rows, sum, settled */
	AR_STMT_OWING_MONTH,	/* whether a month is owing already */
	AR_STMT_ADD,		/* records a month owed */
	AR_STMT__MAX
};

/* The columns of a month row, for arrears_month_row. */
#define AR_MONTH_COLS \
	"id, person_id, unit_id, month, amount_fen, COALESCE(task_id, 0)"

/* The SQL of each statement, by enum arrears_stmt. */
static const char *const arrears_sql[AR_STMT__MAX] = {
	[AR_STMT_UNIT_COUNT] =
	    "SELECT COUNT(DISTINCT person_id), COUNT(*), "
	    "COALESCE(SUM(amount_fen), 0) FROM arrears "
	    "WHERE unit_id = ?1 AND settled = 0",
	[AR_STMT_UNIT_PERSONS] =
	    /* MIN() of the one person's fields: a bare column beside an
	     * aggregate is SQLite's alone. */
	    "SELECT a.person_id, MIN(p.idno), MIN(p.name), COUNT(*), "
	    "SUM(a.amount_fen), MIN(a.month), MAX(a.month), "
	    "SUM(a.task_id IS NOT NULL), COALESCE(MAX(a.task_id), 0) "
	    "FROM arrears a JOIN persons p ON p.id = a.person_id "
	    "WHERE a.unit_id = ?1 AND a.settled = 0 AND (?4 = '' OR "
	    "(p.idno >= ?4 AND p.idno < ?5)) GROUP BY a.person_id "
	    "ORDER BY a.person_id LIMIT ?3 OFFSET ?2",
	[AR_STMT_PERSON_SUM] =
	    "SELECT p.idno, p.name, COUNT(a.id), "
	    "COALESCE(SUM(a.amount_fen), 0), COALESCE(MIN(a.month), ''), "
	    "COALESCE(MAX(a.month), ''), COALESCE(SUM(a.task_id IS NOT "
	    "NULL), 0), COALESCE(MAX(a.task_id), 0) FROM persons p "
	    "LEFT JOIN arrears a ON a.person_id = p.id AND a.unit_id = ?2 "
	    "AND a.settled = 0 WHERE p.id = ?1 GROUP BY p.id",
	[AR_STMT_PERSON_MONTHS] =
	    "SELECT " AR_MONTH_COLS " FROM arrears WHERE person_id = ?1 "
	    "AND unit_id = ?2 AND settled = 0 ORDER BY month, id LIMIT ?3",
	[AR_STMT_ELSEWHERE] =
	    "SELECT EXISTS (SELECT 1 FROM arrears WHERE person_id = ?1 "
	    "AND unit_id <> ?2 AND settled = 0)",
	[AR_STMT_CONFLICT] =
	    "SELECT COUNT(*) FROM arrears WHERE person_id = ?1 AND "
	    "unit_id = ?2 AND settled = 0 AND task_id IS NOT NULL AND "
	    "task_id <> ?3 AND (?4 IS NULL OR month = ?4)",
	[AR_STMT_MINE] =
	    "SELECT COUNT(*) FROM arrears WHERE person_id = ?1 AND "
	    "unit_id = ?2 AND settled = 0 AND task_id = ?3 AND "
	    "(?4 IS NULL OR month = ?4)",
	[AR_STMT_RESERVE] =
	    "UPDATE arrears SET task_id = ?3 WHERE person_id = ?1 AND "
	    "unit_id = ?2 AND settled = 0 AND task_id IS NULL AND "
	    "(?4 IS NULL OR month = ?4)",
	[AR_STMT_RESERVE_UNIT] =
	    "UPDATE arrears SET task_id = ?2 WHERE unit_id = ?1 AND "
	    "settled = 0 AND task_id IS NULL",
	[AR_STMT_RELEASE] =
	    "UPDATE arrears SET task_id = NULL WHERE task_id = ?1 AND "
	    "settled = 0",
	[AR_STMT_SETTLE] =
	    "UPDATE arrears SET settled = 1, settled_how = ?2, "
	    "settled_at = ?3, settled_by = ?4 WHERE task_id = ?1 AND "
	    "settled = 0",
	[AR_STMT_TASK_MONTHS] =
	    "SELECT " AR_MONTH_COLS " FROM arrears WHERE task_id = ?1 AND "
	    "(person_id > ?2 OR (person_id = ?2 AND month > ?3)) "
	    "ORDER BY person_id, month LIMIT ?4",
	[AR_STMT_TASK_COUNT] =
	    "SELECT COUNT(DISTINCT person_id), COUNT(*), "
	    "COALESCE(SUM(amount_fen), 0), COALESCE(SUM(settled), 0) "
	    "FROM arrears WHERE task_id = ?1",
	[AR_STMT_OWING_MONTH] =
	    "SELECT EXISTS (SELECT 1 FROM arrears WHERE person_id = ?1 AND "
	    "unit_id = ?2 AND settled = 0 AND month = ?3)",
	[AR_STMT_ADD] =
	    "INSERT INTO arrears (person_id, unit_id, month, amount_fen, "
	    "settled) VALUES (?1, ?2, ?3, ?4, 0)",
};

/* The most rows a page or walk returns. */
#define AR_LIMIT_MAX	1000

/* Copies column i of st into buf[bufsz], cut at a UTF-8 character
 * boundary when it does not fit. */
static void
arrears_col_copy(struct store_stmt *st, int i, char *buf, size_t bufsz)
{
	const char	*v = store_col_text(st, i);
	size_t		 n = strlen(v);

	if (n >= bufsz) {
		n = bufsz - 1;
		while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, v, n);
	buf[n] = '\0';
}

/* Fills a sum from the current row of st, whose columns from first
 * are idno, name, rows, sum, min month, max month, reserved, task. */
static void
arrears_sum_row(struct store_stmt *st, int first, struct arrears_sum *p)
{
	arrears_col_copy(st, first, p->idno, sizeof(p->idno));
	arrears_col_copy(st, first + 1, p->name, sizeof(p->name));
	p->months = store_col_int64(st, first + 2);
	p->amount_fen = store_col_int64(st, first + 3);
	arrears_col_copy(st, first + 4, p->first, sizeof(p->first));
	arrears_col_copy(st, first + 5, p->last, sizeof(p->last));
	p->reserved = store_col_int64(st, first + 6);
	p->task_id = store_col_int64(st, first + 7);
}

/* Fills a month from the current row of st (AR_MONTH_COLS). */
static void
arrears_month_row(struct store_stmt *st, struct arrears_month *m)
{
	memset(m, 0, sizeof(*m));
	m->id = store_col_int64(st, 0);
	m->person_id = store_col_int64(st, 1);
	m->unit_id = store_col_int64(st, 2);
	arrears_col_copy(st, 3, m->month, sizeof(m->month));
	m->amount_fen = store_col_int64(st, 4);
	m->task_id = store_col_int64(st, 5);
}

/* Calls fn for each row of st (AR_MONTH_COLS), bound, then resets it.
 * Returns 0, fn's non-zero value, or -1. */
static int
arrears_month_walk(struct store_stmt *st, arrears_month_fn fn, void *arg)
{
	struct arrears_month	 m;
	int			 rc, stop = 0;

	while ((rc = store_step(st)) == STORE_ROW) {
		arrears_month_row(st, &m);
		if ((stop = fn(arg, &m)) != 0)
			break;
	}
	store_reset(st);
	if (stop != 0)
		return stop;
	return rc == STORE_DONE ? 0 : -1;
}

/* See arrears.h. */
int
arrears_unit_count(struct store *s, int64_t unit_id, int64_t *persons,
    int64_t *months, int64_t *amount_fen)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, arrears_sql[AR_STMT_UNIT_COUNT])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		if (persons != NULL)
			*persons = store_col_int64(st, 0);
		if (months != NULL)
			*months = store_col_int64(st, 1);
		if (amount_fen != NULL)
			*amount_fen = store_col_int64(st, 2);
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* See arrears.h. */
int
arrears_unit_persons(struct store *s, int64_t unit_id, const char *q,
    int64_t offset, int limit, arrears_person_fn fn, void *arg)
{
	struct store_stmt	*st;
	struct arrears_sum	 p;
	char			 qq[PAGER_QMAX], hi[PAGER_QMAX + 4];
	int			 rc, stop = 0;

	snprintf(qq, sizeof(qq), "%s", q != NULL ? q : "");
	pager_prefix_end(qq, hi);
	if (limit < 1 || limit > AR_LIMIT_MAX || offset < 0)
		return -1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_UNIT_PERSONS])) ==
	    NULL || store_bind_int(st, 1, unit_id) ||
	    store_bind_int(st, 2, offset) || store_bind_int(st, 3, limit) ||
	    store_bind_text(st, 4, qq) || store_bind_text(st, 5, hi))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&p, 0, sizeof(p));
		p.person_id = store_col_int64(st, 0);
		arrears_sum_row(st, 1, &p);
		if ((stop = fn(arg, &p)) != 0)
			break;
	}
	store_reset(st);
	if (stop != 0)
		return stop;
	return rc == STORE_DONE ? 0 : -1;
}

/* See arrears.h. */
int
arrears_person_sum(struct store *s, int64_t unit_id, int64_t person_id,
    struct arrears_sum *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	out->person_id = person_id;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_PERSON_SUM])) == NULL ||
	    store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		arrears_sum_row(st, 0, out);
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See arrears.h. */
int
arrears_person_months(struct store *s, int64_t unit_id, int64_t person_id,
    int limit, arrears_month_fn fn, void *arg)
{
	struct store_stmt	*st;

	if (limit < 1 || limit > AR_LIMIT_MAX)
		return -1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_PERSON_MONTHS])) ==
	    NULL || store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id) || store_bind_int(st, 3, limit))
		return -1;
	return arrears_month_walk(st, fn, arg);
}

/* See arrears.h. */
int
arrears_elsewhere(struct store *s, int64_t person_id, int64_t unit_id)
{
	struct store_stmt	*st;
	int64_t			 v;

	if ((st = store_stmt(s, arrears_sql[AR_STMT_ELSEWHERE])) == NULL ||
	    store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id) ||
	    store_step_int(st, 0, &v) != STORE_ROW)
		return -1;
	return v != 0;
}

/* Binds person, unit, task and the optional month of the reserve
 * statements to st.  Returns 0 or -1. */
static int
arrears_bind_pick(struct store_stmt *st, int64_t unit_id,
    int64_t person_id, int64_t task_id, const char *only_month)
{
	if (store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id) ||
	    store_bind_int(st, 3, task_id) ||
	    store_bind_text(st, 4, only_month))
		return -1;
	return 0;
}

/* See arrears.h. */
int
arrears_reserve(struct store *s, int64_t unit_id, int64_t person_id,
    const char *only_month, int64_t task_id, int64_t *n)
{
	struct store_stmt	*st;
	int64_t			 other, mine;
	int			 changed;

	if (n != NULL)
		*n = 0;
	if (task_id <= 0)
		return -1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_CONFLICT])) == NULL ||
	    arrears_bind_pick(st, unit_id, person_id, task_id, only_month) ||
	    store_step_int(st, 0, &other) != STORE_ROW)
		return -1;
	if (other > 0)
		return 1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_MINE])) == NULL ||
	    arrears_bind_pick(st, unit_id, person_id, task_id, only_month) ||
	    store_step_int(st, 0, &mine) != STORE_ROW)
		return -1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_RESERVE])) == NULL ||
	    arrears_bind_pick(st, unit_id, person_id, task_id, only_month) ||
	    store_exec_stmt(s, st))
		return -1;
	changed = store_changes(s);
	if (n != NULL)
		*n = mine + changed;
	return mine + changed > 0 ? 0 : 2;
}

/* See arrears.h. */
int
arrears_reserve_unit(struct store *s, int64_t unit_id, int64_t task_id,
    int64_t *n)
{
	struct store_stmt	*st;
	int			 changed;

	if (n != NULL)
		*n = 0;
	if (task_id <= 0)
		return -1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_RESERVE_UNIT])) ==
	    NULL || store_bind_int(st, 1, unit_id) ||
	    store_bind_int(st, 2, task_id) || store_exec_stmt(s, st))
		return -1;
	changed = store_changes(s);
	if (n != NULL)
		*n = changed;
	return changed > 0 ? 0 : 2;
}

/* See arrears.h. */
int
arrears_release(struct store *s, int64_t task_id, int64_t *n)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, arrears_sql[AR_STMT_RELEASE])) == NULL ||
	    store_bind_int(st, 1, task_id) || store_exec_stmt(s, st))
		return -1;
	if (n != NULL)
		*n = store_changes(s);
	return 0;
}

/* See arrears.h. */
int
arrears_settle(struct store *s, int64_t task_id, const char *how,
    int64_t by, int64_t at, int64_t *n)
{
	struct store_stmt	*st;
	int			 changed;

	if (n != NULL)
		*n = 0;
	if (how == NULL || (strcmp(how, ARREARS_PAID) != 0 &&
	    strcmp(how, ARREARS_CANCELLED) != 0)) {
		log_err("arrears: settle task %lld: bad how",
		    (long long)task_id);
		return -1;
	}
	if ((st = store_stmt(s, arrears_sql[AR_STMT_SETTLE])) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_text(st, 2, how) ||
	    store_bind_int(st, 3, at) || store_bind_int(st, 4, by) ||
	    store_exec_stmt(s, st))
		return -1;
	changed = store_changes(s);
	if (n != NULL)
		*n = changed;
	return changed > 0 ? 0 : 2;
}

/* See arrears.h. */
int
arrears_task_months(struct store *s, int64_t task_id, int64_t after_person,
    const char *after_month, int limit, arrears_month_fn fn, void *arg)
{
	struct store_stmt	*st;

	if (limit < 1 || limit > AR_LIMIT_MAX)
		return -1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_TASK_MONTHS])) ==
	    NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, after_person) ||
	    store_bind_text(st, 3, after_month != NULL ? after_month : "") ||
	    store_bind_int(st, 4, limit))
		return -1;
	return arrears_month_walk(st, fn, arg);
}

/* See arrears.h. */
int
arrears_task_count(struct store *s, int64_t task_id, int64_t *persons,
    int64_t *months, int64_t *amount_fen, int64_t *settled)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, arrears_sql[AR_STMT_TASK_COUNT])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		if (persons != NULL)
			*persons = store_col_int64(st, 0);
		if (months != NULL)
			*months = store_col_int64(st, 1);
		if (amount_fen != NULL)
			*amount_fen = store_col_int64(st, 2);
		if (settled != NULL)
			*settled = store_col_int64(st, 3);
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* See arrears.h. */
int
arrears_add(struct store *s, int64_t unit_id, int64_t person_id,
    const char *month, int64_t amount_fen)
{
	struct store_stmt	*st;
	int64_t			 v;

	if (month == NULL || strlen(month) != 7 || amount_fen < 0)
		return -1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_OWING_MONTH])) == NULL ||
	    store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id) ||
	    store_bind_text(st, 3, month) ||
	    store_step_int(st, 0, &v) != STORE_ROW)
		return -1;
	if (v != 0)
		return 1;
	if ((st = store_stmt(s, arrears_sql[AR_STMT_ADD])) == NULL ||
	    store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id) ||
	    store_bind_text(st, 3, month) ||
	    store_bind_int(st, 4, amount_fen) || store_exec_stmt(s, st))
		return -1;
	return 0;
}
