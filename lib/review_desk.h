/*
 * review_desk.h: the persons of a task on the reviewer desk
 * (cgi-bin/review.c) and the reviewer's marks of them.  The persons
 * table shows one of three views: a page of the task's rows
 * (?page=N), the rows of a 身份证号 (?idno=, the business's rows_find
 * hook through wf_rows_find), or the rows marked 不通过 (?marked=1).
 * On any view the reviewer marks rows 不通过 with a reason (POST
 * /review/mark) or unmarks one (POST /review/unmark); the marks
 * (lib/rmark.h) stay until the decision, and 「保存」 (POST
 * /review/partial) hands every mark to wf_partial().
 */
#ifndef HALL_REVIEW_DESK_H
#define HALL_REVIEW_DESK_H

#include <stdint.h>

#include "workflow.h"

struct hall_ctx;
struct form_errors;

/* Persons a page of a task's detail shows.  The form posts a 回退原因
 * box for each of them and a tick for each one chosen, which must stay
 * within the request's 256 fields. */
#define RDESK_ROWS_PER_PAGE	100

/* Which persons the table shows. */
enum rdesk_mode {
	RDESK_PAGE,		/* RDESK_PAGE: page N of the rows */
	RDESK_FIND,		/* RDESK_FIND: the rows of a 身份证号 */
	RDESK_MARKED		/* RDESK_MARKED: the rows marked 不通过 */
};

/* A view of the persons table as asked (?page=, ?idno=, ?marked=1). */
struct rdesk_view {
	enum rdesk_mode	 mode;
	int		 page;		/* 1-based (PAGE and MARKED) */
	char		 idno[19];	/* FIND: trimmed, final X upper */
};

/* Reads the view of the request into v (page= in [1, 100000], idno=
 * 15 or 18 characters of digits, the last may be X; marked=1).
 * Returns 0, or -1 with an error for the field "page" (BAD_PAGE) or
 * "idno" (BAD_IDNO) in errs and v the first page. */
int		 rdesk_view_read(struct hall_ctx *c, struct rdesk_view *v,
		    struct form_errors *errs);

/* Adds <persons total= page= pages= per-page= partial= view= idno=
 * marks=> with the persons of view v of task t (a page past the last
 * shows the last), each <person row= person= name= idno=> with its
 * <fact label=>s and, when marked, marked="1" and mark-reason=; then
 * <attachments>: the task's own files and those of the persons shown.
 * A business without persons has every file listed.  partial= says
 * whether the task may be decided in part (two rows or more, not a
 * single form, a business that moves rows).  Returns 0 or -1. */
int		 rdesk_persons(struct hall_ctx *c, const struct task *t,
		    const struct rdesk_view *v);

/* Adds <partial><row no= reason=/>…</partial>: the ticks and reasons
 * a refused form posted, shown again. */
void		 rdesk_echo(struct hall_ctx *c, const struct wf_return *v,
		    size_t n);

/* The rows ticked in a form (the "row" fields) with their reasons
 * (reason_<row>), into a newly allocated *out (caller frees) of *n.  A
 * row that is not a number adds an error for "row" (NO_ROW), a reason
 * holding a NUL byte one for reason_<row> (CHARS).  Returns 0, -1 when
 * something was refused, -2 when out of memory. */
int		 rdesk_ticked(struct hall_ctx *c, struct wf_return **out,
		    size_t *n, struct form_errors *errs);

/* The page a view of task id is at: "/review/task?id=…&page=N", with
 * idno= or marked=1, into buf[bufsz]. */
void		 rdesk_view_path(int64_t id, const struct rdesk_view *v,
		    char *buf, size_t bufsz);

/* Marks the ticked rows (rdesk_ticked) of task t 不通过, each with its
 * reason, as the reviewer c->who.  Every row must be on the view the
 * form showed (so its person is known).  Returns WF_OK; WF_BADSTATE
 * when t is not 进行中 or cannot be decided in part; WF_RULES or
 * WF_NEEDREASON with errs; WF_ERROR.  v receives the view, *ticked
 * and *n the rows posted (caller frees *ticked). */
enum wf_result	 rdesk_mark(struct hall_ctx *c, const struct task *t,
		    struct rdesk_view *v, struct wf_return **ticked,
		    size_t *n, struct form_errors *errs);

/* Removes the mark of the row in field "unmark" of task t.  Returns
 * WF_OK (also when it was not marked), WF_BADSTATE when t is not 进行
 * 中, WF_RULES for a bad row, WF_ERROR. */
enum wf_result	 rdesk_unmark(struct hall_ctx *c, const struct task *t);

/* A decision of the whole task as wf_transition() makes it, clearing
 * the task's marks in the same transaction when it is made. */
enum wf_result	 rdesk_decide(struct hall_ctx *c, int64_t task_id,
		    enum wf_action act, const char *reason,
		    struct form_errors *errs);

/* The partial decision of task_id with the rows posted (ticked[0..n))
 * and every mark (a posted row replaces its mark), as wf_partial()
 * makes it, clearing the marks in the same transaction when it is
 * made.  *new_task_id as wf_partial's. */
enum wf_result	 rdesk_partial(struct hall_ctx *c, int64_t task_id,
		    const struct wf_return *ticked, size_t n,
		    struct form_errors *errs, int64_t *new_task_id);

#endif
