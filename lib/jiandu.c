/*
 * jiandu.c: the figures of the office's 监管 page; see jiandu.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hall.h"
#include "policy.h"
#include "tally.h"
#include "tasklist.h"
#include "jiandu.h"

/* The arms of the CASE giving each business its cut (?10, ?11 the
 * first business's code and cut, and so on: JD_MAX_BUSINESSES). */
#define ARM(a, b)	" WHEN ?" #a " THEN ?" #b
#define JD_CASE		"CASE t.business" ARM(10, 11) ARM(12, 13) \
	ARM(14, 15) ARM(16, 17) ARM(18, 19) ARM(20, 21) ARM(22, 23) \
	ARM(24, 25) ARM(26, 27) ARM(28, 29) ARM(30, 31) ARM(32, 33) \
	ARM(34, 35) ARM(36, 37) ARM(38, 39) ARM(40, 41) ARM(42, 43) \
	ARM(44, 45) ARM(46, 47) ARM(48, 49) ARM(50, 51) ARM(52, 53) \
	ARM(54, 55) ARM(56, 57)
#define JD_LIST		"SELECT " TASK_COLUMNS ", u.name FROM tasks t " \
	"JOIN units u ON u.id = t.unit_id WHERE t.state = '进行中' AND "

/* The statements; their SQL is in jd_sql. */
enum jd_stmt {
	JD_STMT_RECENT,		/* a business's queue submitted since */
	JD_STMT_OVERDUE,	/* the overdue tasks, a page */
	JD_STMT_REST,		/* the others, a page */
	JD_STMT_MONTH,		/* a month's 回退 totals */
	JD_STMT_REASONS,	/* a month's reasons, a page */
	JD_STMT_UNIT,		/* a unit's name */
	JD_STMT__MAX
};

/* The SQL of each statement, by enum jd_stmt.  The lists walk
 * tasks_submitted(state, submitted_at) in their order, bounded by ?1:
 * the overdue ones stop at the latest cut (everything they read before
 * it is overdue but for the few days between the businesses' cuts),
 * the others start at the earliest. */
static const char *const jd_sql[JD_STMT__MAX] = {
	[JD_STMT_RECENT] =
	    "SELECT COUNT(*) FROM tasks WHERE state = '进行中' AND "
	    "business = ?1 AND submitted_at >= ?2", /* JD_STMT_RECENT */
	[JD_STMT_OVERDUE] =
	    JD_LIST "t.submitted_at < ?1 AND t.submitted_at < " JD_CASE
	    " ELSE 0 END ORDER BY t.submitted_at, t.id LIMIT ?2 OFFSET ?3",
	    /* JD_STMT_OVERDUE */
	[JD_STMT_REST] =
	    JD_LIST "t.submitted_at >= ?1 AND t.submitted_at >= " JD_CASE
	    " ELSE 0 END ORDER BY t.submitted_at, t.id LIMIT ?2 OFFSET ?3",
	    /* JD_STMT_REST */
	[JD_STMT_MONTH] =
	    "SELECT tasks, persons, reasons FROM return_months "
	    "WHERE month = ?1", /* JD_STMT_MONTH */
	[JD_STMT_REASONS] =
	    "SELECT reason, n, tasks, persons FROM return_reasons "
	    "WHERE month = ?1 ORDER BY n DESC, reason DESC "
	    "LIMIT ?2 OFFSET ?3", /* JD_STMT_REASONS */
	[JD_STMT_UNIT] =
	    "SELECT name FROM units WHERE id = ?1", /* JD_STMT_UNIT */
};

/* 00:00 (UTC+8) of d as a store time. */
static time_t
jd_midnight(const struct hdate *d)
{
	return (time_t)hdate_to_days(d) * 86400 - 8 * 3600;
}

/* The working days back from today that the promises cut at: day[k]
 * is workdays_add(today, -k), computed one step at a time as far as a
 * promise asks, so that every business of the page shares one walk. */
#define JD_WALK_MAX	366
struct jd_walk {
	struct hdate	 day[JD_WALK_MAX + 1];
	int		 n;		/* day[0..n] computed */
};

/* Starts walk w at today. */
static void
jd_walk_init(struct jd_walk *w, const struct hdate *today)
{
	w->day[0] = *today;
	w->n = 0;
}

/* workdays_add(today, -k) into out, from walk w (extended as needed;
 * k within 0..JD_WALK_MAX).  Returns 0 or -1. */
static int
jd_walk_back(struct store *s, struct jd_walk *w, int k, struct hdate *out)
{
	while (w->n < k) {
		if (workdays_add(s, &w->day[w->n], -1, &w->day[w->n + 1]) != 0)
			return -1;
		w->n++;
	}
	*out = w->day[k];
	return 0;
}

/* jd_promise() with the cuts taken from walk w.  A policy value out of
 * range is clamped: min to 0..JD_WALK_MAX, max to min..JD_WALK_MAX.
 * Returns 0 or -1. */
static int
jd_promise_walk(struct store *s, const struct wf_business *b,
    const char *region, struct jd_walk *w, struct jd_promise *out)
{
	char	 key[96];

	memset(out, 0, sizeof(*out));
	out->b = b;
	snprintf(key, sizeof(key), "review.%s.days_min", b->code);
	if (policy_int(s, region, key, &w->day[0], b->review_days_min,
	    &out->days_min) == -1)
		return -1;
	snprintf(key, sizeof(key), "review.%s.days_max", b->code);
	if (policy_int(s, region, key, &w->day[0], b->review_days_max,
	    &out->days_max) == -1)
		return -1;
	if (out->days_min < 0)
		out->days_min = 0;
	if (out->days_min > JD_WALK_MAX)
		out->days_min = JD_WALK_MAX;
	if (out->days_max < out->days_min)
		out->days_max = out->days_min;
	if (out->days_max > JD_WALK_MAX)
		out->days_max = JD_WALK_MAX;
	if (jd_walk_back(s, w, (int)out->days_min, &out->cut_min) != 0 ||
	    jd_walk_back(s, w, (int)out->days_max, &out->cut_max) != 0)
		return -1;
	out->t_min = jd_midnight(&out->cut_min);
	out->t_max = jd_midnight(&out->cut_max);
	return 0;
}

/* See jiandu.h. */
int
jd_promise(struct store *s, const struct wf_business *b, const char *region,
    const struct hdate *today, struct jd_promise *out)
{
	struct jd_walk	 w;

	jd_walk_init(&w, today);
	return jd_promise_walk(s, b, region, &w, out);
}

/* See jiandu.h. */
int
jd_due(struct store *s, const struct jd_promise *p, time_t t,
    struct hdate *out)
{
	struct hdate	 d;

	clock_date(t, &d);
	return workdays_add(s, &d, (int)p->days_max, out);
}

/* The number of business's 进行中 tasks submitted at or after since into
 * *n.  Returns 0 or -1. */
static int
jd_recent(struct store *s, const char *business, time_t since, int64_t *n)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, jd_sql[JD_STMT_RECENT])) == NULL ||
	    store_bind_text(st, 1, business) != 0 ||
	    store_bind_int(st, 2, (int64_t)since) != 0)
		return -1;
	return store_step_int(st, 0, n) == STORE_ROW ? 0 : -1;
}

/* What jd_queue collects from the tallies. */
struct jd_counts {
	const char	*code[JD_MAX_BUSINESSES];
	int64_t		 n[JD_MAX_BUSINESSES];
	int		 len;
};

/* tally_queue callback: one business's count. */
static void
jd_count(const char *business, int count, void *arg)
{
	struct jd_counts	*k = arg;
	int			 i;

	for (i = 0; i < k->len; i++)
		if (strcmp(k->code[i], business) == 0)
			k->n[i] = count;
}

/* Fills line l's buckets from its total and the counts since its cuts.
 * Returns 0 or -1. */
static int
jd_buckets(struct store *s, struct jd_queue_line *l)
{
	int64_t	 since_min, since_max;

	if (l->total == 0)
		return 0;
	if (jd_recent(s, l->p.b->code, l->p.t_min, &since_min) != 0 ||
	    jd_recent(s, l->p.b->code, l->p.t_max, &since_max) != 0)
		return -1;
	l->fresh = since_min;
	l->within = since_max - since_min;
	l->overdue = l->total - since_max;
	if (l->within < 0)
		l->within = 0;
	if (l->overdue < 0)
		l->overdue = 0;
	return 0;
}

/* See jiandu.h. */
int
jd_queue(struct store *s, const char *region, const struct hdate *today,
    struct jd_queue_line *out, int max, int *n)
{
	const struct wf_business *const	*b;
	struct jd_counts		 k;
	struct jd_walk			 w;
	int				 i;

	*n = 0;
	jd_walk_init(&w, today);
	memset(&k, 0, sizeof(k));
	for (b = hall_businesses; *b != NULL && k.len < JD_MAX_BUSINESSES;
	    b++)
		k.code[k.len++] = (*b)->code;
	if (tally_queue(s, jd_count, &k) < 0)
		return -1;
	for (i = 0; i < k.len && *n < max; i++) {
		b = &hall_businesses[i];
		if ((*b)->auto_review && k.n[i] == 0)
			continue;
		memset(&out[*n], 0, sizeof(out[*n]));
		if (jd_promise_walk(s, *b, region, &w, &out[*n].p) != 0)
			return -1;
		out[*n].total = k.n[i];
		if (jd_buckets(s, &out[*n]) != 0)
			return -1;
		(*n)++;
	}
	return 0;
}

/* Binds the cut of each line at ?10 onwards (the arms of JD_CASE), ''
 * and 0 for the arms left, and ?1..?3.  Returns 0 or -1. */
static int
jd_bind_cuts(struct store_stmt *st, const struct jd_queue_line *lines,
    int n, time_t bound, int64_t offset, int limit)
{
	int	 i;

	for (i = 0; i < JD_MAX_BUSINESSES; i++)
		if (store_bind_text(st, 10 + 2 * i, i < n ?
		    lines[i].p.b->code : "") != 0 ||
		    store_bind_int(st, 11 + 2 * i, i < n ?
		    (int64_t)lines[i].p.t_max : 0) != 0)
			return -1;
	if (store_bind_int(st, 1, (int64_t)bound) != 0 ||
	    store_bind_int(st, 2, limit < 0 ? 0 : limit) != 0 ||
	    store_bind_int(st, 3, offset < 0 ? 0 : offset) != 0)
		return -1;
	return 0;
}

/* Steps the bound list st, handing each task to fn.  Returns the
 * count or -1. */
static int
jd_walk(struct store_stmt *st, int overdue, jd_task_fn fn, void *arg)
{
	struct task	 t;
	int		 rc, k = 0;

	while ((rc = store_step(st)) == STORE_ROW) {
		tasklist_row(st, &t);
		fn(&t, store_col_text(st, 13), overdue, arg);
		k++;
	}
	store_reset(st);
	return rc == STORE_DONE ? k : -1;
}

/* Runs list statement which (JD_STMT_OVERDUE, JD_STMT_REST) for rows
 * [offset, offset + limit).  Returns the number listed or -1. */
static int
jd_list(struct store *s, enum jd_stmt which,
    const struct jd_queue_line *lines, int n, int64_t offset, int limit,
    jd_task_fn fn, void *arg)
{
	struct store_stmt	*st;
	time_t			 bound = 0;
	int			 i;

	for (i = 0; i < n; i++)
		if (i == 0 || (which == JD_STMT_OVERDUE ?
		    lines[i].p.t_max > bound : lines[i].p.t_max < bound))
			bound = lines[i].p.t_max;
	if (limit <= 0 || n == 0)
		return 0;
	if ((st = store_stmt(s, jd_sql[which])) == NULL ||
	    jd_bind_cuts(st, lines, n, bound, offset, limit) != 0)
		return -1;
	return jd_walk(st, which == JD_STMT_OVERDUE, fn, arg);
}

/* See jiandu.h. */
int
jd_queue_page(struct store *s, const struct jd_queue_line *lines, int n,
    int64_t offset, int limit, jd_task_fn fn, void *arg)
{
	int64_t	 overdue = 0;
	int	 i, got = 0, k;

	if (n > JD_MAX_BUSINESSES)
		n = JD_MAX_BUSINESSES;
	for (i = 0; i < n; i++)
		overdue += lines[i].overdue;
	if (offset < overdue) {
		if ((got = jd_list(s, JD_STMT_OVERDUE, lines, n, offset, limit,
		    fn, arg)) < 0)
			return -1;
		offset = 0;
	} else
		offset -= overdue;
	if (got >= limit)
		return got;
	if ((k = jd_list(s, JD_STMT_REST, lines, n, offset, limit - got, fn,
	    arg)) < 0)
		return -1;
	return got + k;
}

/* See jiandu.h. */
int
jd_returns_month(struct store *s, const char *month, struct jd_returns *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, jd_sql[JD_STMT_MONTH])) == NULL ||
	    store_bind_text(st, 1, month) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		out->tasks = store_col_int64(st, 0);
		out->persons = store_col_int64(st, 1);
		out->reasons = store_col_int64(st, 2);
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See jiandu.h. */
int
jd_returns_page(struct store *s, const char *month, int64_t offset,
    int limit, void (*fn)(const char *reason, int64_t n, int64_t tasks,
    int64_t persons, void *arg), void *arg)
{
	struct store_stmt	*st;
	int			 rc, k = 0;

	if ((st = store_stmt(s, jd_sql[JD_STMT_REASONS])) == NULL ||
	    store_bind_text(st, 1, month) != 0 ||
	    store_bind_int(st, 2, limit < 0 ? 0 : limit) != 0 ||
	    store_bind_int(st, 3, offset < 0 ? 0 : offset) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		fn(store_col_text(st, 0), store_col_int64(st, 1),
		    store_col_int64(st, 2), store_col_int64(st, 3), arg);
		k++;
	}
	store_reset(st);
	return rc == STORE_DONE ? k : -1;
}

/* See jiandu.h. */
int
jd_unit_name(struct store *s, int64_t id, char *name, size_t namesz)
{
	struct store_stmt	*st;
	int			 rc;

	name[0] = '\0';
	if ((st = store_stmt(s, jd_sql[JD_STMT_UNIT])) == NULL ||
	    store_bind_int(st, 1, id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		snprintf(name, namesz, "%s", store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}
