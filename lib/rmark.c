/*
 * rmark.c: a reviewer's marks of a task's persons (table
 * review_marks); see rmark.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "rmark.h"
#include "store.h"
#include "text.h"
#include "valid.h"

/* The statements of review_marks; their SQL is in rmark_sql. */
enum rmark_stmt {
	RMARK_STMT_SET,		/* marks a row (upsert) */
	RMARK_STMT_UNSET,	/* unmarks a row */
	RMARK_STMT_CLEAR,	/* unmarks every row of a task */
	RMARK_STMT_COUNT,	/* how many a task has */
	RMARK_STMT_GET,		/* the mark of a row */
	RMARK_STMT_PAGE,	/* a page of them in row order */
	RMARK_STMT__MAX
};

/* The SQL of each statement, by enum rmark_stmt. */
static const char *const rmark_sql[RMARK_STMT__MAX] = {
	[RMARK_STMT_SET] =
	    "INSERT INTO review_marks (task_id, row_no, name, idno, reason, "
	    "marked_by, marked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT (task_id, row_no) DO UPDATE SET name = excluded.name, "
	    "idno = excluded.idno, reason = excluded.reason, "
	    "marked_by = excluded.marked_by, marked_at = excluded.marked_at",
	[RMARK_STMT_UNSET] =
	    "DELETE FROM review_marks WHERE task_id = ?1 AND row_no = ?2",
	[RMARK_STMT_CLEAR] =
	    "DELETE FROM review_marks WHERE task_id = ?1",
	[RMARK_STMT_COUNT] =
	    "SELECT COUNT(*) FROM review_marks WHERE task_id = ?1",
	[RMARK_STMT_GET] =
	    "SELECT row_no, name, idno, reason FROM review_marks "
	    "WHERE task_id = ?1 AND row_no = ?2",
	[RMARK_STMT_PAGE] =
	    "SELECT row_no, name, idno, reason FROM review_marks "
	    "WHERE task_id = ?1 ORDER BY row_no LIMIT ?3 OFFSET ?2",
};

/* See rmark.h. */
int
rmark_reason(const char *reason, char out[WF_REASON_BYTES],
    struct form_errors *errs, const char *field, const char *prefix)
{
	const unsigned char	*p, *end;
	size_t			 n, o = 0;
	char			 msg[256];

	out[0] = '\0';
	p = (const unsigned char *)text_strip(reason != NULL ? reason : "",
	    &n);
	end = p + n;
	if (end == p) {
		snprintf(msg, sizeof(msg), "%s请填写回退原因", prefix);
		form_error_add(errs, field, "REQUIRED", msg);
		return -1;
	}
	for (; p < end && o + 1 < WF_REASON_BYTES; p++) {
		if (*p == '\r' && p + 1 < end && p[1] == '\n')
			continue;
		out[o++] = *p == '\r' || *p == '\n' || *p == '\t' ?
		    ' ' : (char)*p;
	}
	out[o] = '\0';
	if (p < end || valid_text(out, WF_REASON_MAX_CHARS) == VALID_TOOLONG) {
		snprintf(msg, sizeof(msg), "%s回退原因不能超过%d个字",
		    prefix, WF_REASON_MAX_CHARS);
		form_error_add(errs, field, "TOOLONG", msg);
		out[0] = '\0';
		return -1;
	}
	if (valid_text(out, WF_REASON_MAX_CHARS) != VALID_OK) {
		snprintf(msg, sizeof(msg), "%s回退原因含有无法识别的字符或"
		    "控制字符,请重新输入", prefix);
		form_error_add(errs, field, "CHARS", msg);
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* See rmark.h. */
int
rmark_set(struct store *s, int64_t task_id, int row_no, const char *name,
    const char *idno, const char *reason, int64_t who)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, rmark_sql[RMARK_STMT_SET])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0 ||
	    store_bind_text(st, 3, name != NULL ? name : "") != 0 ||
	    store_bind_text(st, 4, idno != NULL ? idno : "") != 0 ||
	    store_bind_text(st, 5, reason) != 0 ||
	    store_bind_int(st, 6, who) != 0 ||
	    store_bind_int(st, 7, (int64_t)clock_now()) != 0)
		return -1;
	return store_exec_stmt(s, st) == 0 ? 0 : -1;
}

/* Runs statement which with ?1 task_id and ?2 row_no (when row_no >=
 * 0).  Returns the rows changed, or -1. */
static int
rmark_exec(struct store *s, enum rmark_stmt which, int64_t task_id,
    int row_no)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, rmark_sql[which])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    (row_no >= 0 && store_bind_int(st, 2, row_no) != 0) ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	return store_changes(s);
}

/* See rmark.h. */
int
rmark_unset(struct store *s, int64_t task_id, int row_no)
{
	int	 n;

	if (row_no < 0)
		return 1;
	if ((n = rmark_exec(s, RMARK_STMT_UNSET, task_id, row_no)) < 0)
		return -1;
	return n > 0 ? 0 : 1;
}

/* See rmark.h. */
int
rmark_clear(struct store *s, int64_t task_id)
{
	return rmark_exec(s, RMARK_STMT_CLEAR, task_id, -1) < 0 ? -1 : 0;
}

/* See rmark.h. */
int
rmark_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, rmark_sql[RMARK_STMT_COUNT], task_id, 0, n);
}

/* Steps the bound statement st, handing each mark to fn; resets st.
 * Returns the marks handed on, or -1. */
static int
rmark_step(struct store_stmt *st, void (*fn)(void *arg,
    const struct rmark *m), void *arg)
{
	struct rmark	 m;
	int		 rc, n = 0;

	while ((rc = store_step(st)) == STORE_ROW) {
		m.row_no = store_col_int(st, 0);
		m.name = store_col_text(st, 1);
		m.idno = store_col_text(st, 2);
		m.reason = store_col_text(st, 3);
		fn(arg, &m);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See rmark.h. */
int
rmark_get(struct store *s, int64_t task_id, int row_no,
    void (*fn)(void *arg, const struct rmark *m), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, rmark_sql[RMARK_STMT_GET])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0)
		return -1;
	return rmark_step(st, fn, arg);
}

/* See rmark.h. */
int
rmark_page(struct store *s, int64_t task_id, int offset, int limit,
    void (*fn)(void *arg, const struct rmark *m), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, rmark_sql[RMARK_STMT_PAGE])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, offset < 0 ? 0 : offset) != 0 ||
	    store_bind_int(st, 3, limit) != 0)
		return -1;
	return rmark_step(st, fn, arg);
}

/* What rmark_returns() collects. */
struct rmark_collect {
	const struct wf_return	*extra;
	size_t			 nextra;
	struct wf_return	*v;
	size_t			 n, cap;
	int			 failed;
};

/* Appends row_no with a copy of reason to a.  Returns 0 or -1. */
static int
rmark_push(struct rmark_collect *a, int row_no, const char *reason)
{
	struct wf_return	*nv;
	size_t			 cap;

	if (a->n == a->cap) {
		cap = a->cap == 0 ? 64 : 2 * a->cap;
		if ((nv = realloc(a->v, cap * sizeof(*nv))) == NULL)
			return -1;
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n].row_no = row_no;
	if ((a->v[a->n].reason = strdup(reason != NULL ? reason : "")) ==
	    NULL)
		return -1;
	a->n++;
	return 0;
}

/* rmark_page callback of rmark_returns(): a mark, unless a posted row
 * replaces it. */
static void
rmark_collect_one(void *arg, const struct rmark *m)
{
	struct rmark_collect	*a = arg;
	size_t			 i;

	for (i = 0; i < a->nextra; i++)
		if (a->extra[i].row_no == m->row_no)
			return;
	if (!a->failed && rmark_push(a, m->row_no, m->reason) != 0)
		a->failed = 1;
}

/* See rmark.h. */
int
rmark_returns(struct store *s, int64_t task_id, const struct wf_return *extra,
    size_t nextra, struct wf_return **out, size_t *n)
{
	struct rmark_collect	 a;
	size_t			 i;

	memset(&a, 0, sizeof(a));
	a.extra = extra;
	a.nextra = nextra;
	for (i = 0; i < nextra && !a.failed; i++)
		if (rmark_push(&a, extra[i].row_no, extra[i].reason) != 0)
			a.failed = 1;
	if (a.failed || rmark_page(s, task_id, 0, -1, rmark_collect_one,
	    &a) < 0 || a.failed) {
		rmark_returns_free(a.v, a.n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	*out = a.v;
	*n = a.n;
	return 0;
}

/* See rmark.h. */
void
rmark_returns_free(struct wf_return *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free((char *)(uintptr_t)v[i].reason);
	free(v);
}
