/*
 * rows.h: the common work behind a business's row hooks (struct
 * wf_business rows, row_delete, rows_move).  Each business keeps its
 * detail table and its SQL; these functions run that SQL the one way
 * every business needs it, so the loops are written once.
 */
#ifndef HALL_ROWS_H
#define HALL_ROWS_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct wf_row;

/* Walks the rows sql selects for ?1 = task_id, in row order: each row
 * is row_no, person_id (0 when none), name, idno, then nfacts facts
 * labelled labels[0..nfacts) (at most WF_ROW_FACTS).  Calls fn(arg, r)
 * per row; a non-zero return stops the walk.  Returns the rows walked
 * or -1. */
int		 rows_walk(struct store *s, const char *sql, int64_t task_id,
		    const char *const *labels, size_t nfacts,
		    int (*fn)(void *arg, const struct wf_row *r), void *arg);

/* The same for one page: sql also takes ?2 offset and ?3 limit (e.g.
 * "… ORDER BY row_no LIMIT ?3 OFFSET ?2"), so no other row is read. */
int		 rows_walk_page(struct store *s, const char *sql,
		    int64_t task_id, int offset, int limit,
		    const char *const *labels, size_t nfacts,
		    int (*fn)(void *arg, const struct wf_row *r), void *arg);

/* The same for a search: sql also takes ?2, a 身份证号 (e.g. "… WHERE
 * task_id = ?1 AND idno = ?2 ORDER BY row_no", on an index holding
 * both), so no other row is read. */
int		 rows_walk_find(struct store *s, const char *sql,
		    int64_t task_id, const char *idno,
		    const char *const *labels, size_t nfacts,
		    int (*fn)(void *arg, const struct wf_row *r), void *arg);

/* Runs the DELETE sql (?1 task_id, ?2 row_no) inside the caller's
 * transaction.  Returns 0 deleted, 1 no such row, -1 error. */
int		 rows_delete(struct store *s, const char *sql, int64_t task_id,
		    int row_no);

/* Runs the UPDATE sql (?1 to_task, ?2 task_id, ?3 row_no) once per row
 * of row_nos[0..n) inside the caller's transaction.  Returns 0, 1 when
 * a row is not there, -1 on error. */
int		 rows_move(struct store *s, const char *sql, int64_t task_id,
		    int64_t to_task, const int *row_nos, size_t n);

/* The 名单 of a batch as describe() gives it: "张三、李四" while the
 * names fit, then "… 等N人". */
struct rows_names {
	char		 names[1500];
	size_t		 n, shown;
};

/* Counts name into l, and lists it while it fits. */
void		 rows_names_add(struct rows_names *l, const char *name);

/* Calls field(arg, "名单", …) with the list of l. */
void		 rows_names_field(const struct rows_names *l,
		    void (*field)(void *arg, const char *label,
		    const char *value), void *arg);

#endif
