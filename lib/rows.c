/*
 * rows.c: the common work behind a business's row hooks; see rows.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rows.h"
#include "store.h"
#include "workflow.h"

/* Steps the bound statement st, handing each row to fn; resets st.
 * Returns the rows walked or -1. */
static int
rows_step(struct store_stmt *st, const char *const *labels, size_t nfacts,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	struct wf_row		 r;
	size_t			 i;
	int			 rc, n = 0;

	if (nfacts > WF_ROW_FACTS)
		nfacts = WF_ROW_FACTS;
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&r, 0, sizeof(r));
		r.row_no = store_col_int(st, 0);
		r.person_id = store_col_int64(st, 1);
		r.name = store_col_text(st, 2);
		r.idno = store_col_text(st, 3);
		r.nfacts = nfacts;
		for (i = 0; i < nfacts; i++) {
			r.label[i] = labels[i];
			r.value[i] = store_col_text(st, 4 + (int)i);
		}
		n++;
		if (fn(arg, &r) != 0)
			break;
	}
	store_reset(st);
	return rc == STORE_ERROR ? -1 : n;
}

/* See rows.h. */
int
rows_walk(struct store *s, const char *sql, int64_t task_id,
    const char *const *labels, size_t nfacts,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, sql)) == NULL ||
	    store_bind_int(st, 1, task_id) != 0)
		return -1;
	return rows_step(st, labels, nfacts, fn, arg);
}

/* See rows.h. */
int
rows_walk_page(struct store *s, const char *sql, int64_t task_id,
    int offset, int limit, const char *const *labels, size_t nfacts,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, sql)) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, offset < 0 ? 0 : offset) != 0 ||
	    store_bind_int(st, 3, limit < 0 ? 0 : limit) != 0)
		return -1;
	return rows_step(st, labels, nfacts, fn, arg);
}

/* See rows.h. */
int
rows_walk_find(struct store *s, const char *sql, int64_t task_id,
    const char *idno, const char *const *labels, size_t nfacts,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, sql)) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, idno) != 0)
		return -1;
	return rows_step(st, labels, nfacts, fn, arg);
}

/* See rows.h. */
int
rows_delete(struct store *s, const char *sql, int64_t task_id, int row_no)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, sql)) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0 || store_exec_stmt(s, st) != 0)
		return -1;
	return store_changes(s) == 1 ? 0 : 1;
}

/* See rows.h. */
int
rows_move(struct store *s, const char *sql, int64_t task_id,
    int64_t to_task, const int *row_nos, size_t n)
{
	struct store_stmt	*st;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if ((st = store_stmt(s, sql)) == NULL ||
		    store_bind_int(st, 1, to_task) != 0 ||
		    store_bind_int(st, 2, task_id) != 0 ||
		    store_bind_int(st, 3, row_nos[i]) != 0 ||
		    store_exec_stmt(s, st) != 0)
			return -1;
		if (store_changes(s) != 1)
			return 1;
	}
	return 0;
}

/* See rows.h. */
void
rows_names_add(struct rows_names *l, const char *name)
{
	size_t	 len = strlen(l->names);

	l->n++;
	if (len + strlen(name) + 8 >= sizeof(l->names))
		return;
	snprintf(l->names + len, sizeof(l->names) - len, "%s%s",
	    len > 0 ? "、" : "", name);
	l->shown++;
}

/* See rows.h. */
void
rows_names_field(const struct rows_names *l,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	char	 buf[sizeof(l->names) + 32];

	if (l->shown < l->n)
		snprintf(buf, sizeof(buf), "%s 等%zu人", l->names, l->n);
	else
		snprintf(buf, sizeof(buf), "%s", l->names);
	field(arg, "名单", buf);
}
