/*
 * rmark.h: a reviewer's marks of a batch task's persons as 不通过, each
 * with its 回退原因 (table review_marks, migration 25).  The reviewer
 * marks rows on any page or search result of the task on the desk;
 * the marks stay until the decision: 「保存」 hands every mark to
 * wf_partial() (workflow.h), and any decision of the task (partial,
 * 审核通过, 回退) clears them.
 */
#ifndef HALL_RMARK_H
#define HALL_RMARK_H

#include <stddef.h>
#include <stdint.h>

#include "workflow.h"

struct store;
struct form_errors;

/* One mark.  Strings are borrowed for the duration of a callback. */
struct rmark {
	int		 row_no;
	const char	*name;
	const char	*idno;
	const char	*reason;
};

/* Checks a mark's 回退原因 as wf_partial() will (trimmed of white
 * space, U+3000 included; 1 to WF_REASON_MAX_CHARS characters of valid
 * UTF-8 text, CR/LF/tab made spaces) and copies it into
 * out[WF_REASON_BYTES].  Adds an error for field with code REQUIRED,
 * TOOLONG or CHARS after prefix (e.g. "第2行 张三:").  Returns 0 good,
 * -1 bad. */
int		 rmark_reason(const char *reason, char out[WF_REASON_BYTES],
		    struct form_errors *errs, const char *field,
		    const char *prefix);

/* Marks row_no of task_id (its person name and idno) 不通过 with the
 * checked reason, by account who, replacing an earlier mark of the
 * row.  Returns 0 or -1. */
int		 rmark_set(struct store *s, int64_t task_id, int row_no,
		    const char *name, const char *idno, const char *reason,
		    int64_t who);

/* Removes the mark of row_no.  Returns 0, 1 when there was none, -1
 * on error. */
int		 rmark_unset(struct store *s, int64_t task_id, int row_no);

/* Removes every mark of task_id (its decision is made).  Returns 0 or
 * -1. */
int		 rmark_clear(struct store *s, int64_t task_id);

/* The number of marks of task_id into *n.  Returns 0 or -1. */
int		 rmark_count(struct store *s, int64_t task_id, int64_t *n);

/* The mark of row_no: calls fn(arg, m) when there is one.  Returns 1
 * found, 0 none, -1 error. */
int		 rmark_get(struct store *s, int64_t task_id, int row_no,
		    void (*fn)(void *arg, const struct rmark *m), void *arg);

/* Calls fn(arg, m) for the marks of task_id in row order from the
 * offset-th on, at most limit of them (limit < 0: all).  Returns the
 * number handed to fn, or -1. */
int		 rmark_page(struct store *s, int64_t task_id, int offset,
		    int limit, void (*fn)(void *arg, const struct rmark *m),
		    void *arg);

/* Every mark of task_id as wf_partial() takes them, merged with
 * extra[0..nextra) (rows a form posted; one of them replaces the mark
 * of its row), into a newly allocated *out of *n (free with
 * rmark_returns_free()).  Returns 0 or -1. */
int		 rmark_returns(struct store *s, int64_t task_id,
		    const struct wf_return *extra, size_t nextra,
		    struct wf_return **out, size_t *n);

/* Frees what rmark_returns() made. */
void		 rmark_returns_free(struct wf_return *v, size_t n);

#endif
