/*
 * review_desk.c: the persons of a task on the reviewer desk and the
 * reviewer's marks of them; see review_desk.h.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "hall.h"
#include "review_desk.h"
#include "rmark.h"
#include "text.h"

#define RDESK_MAX_PAGE	100000

/* The number of pages of total rows, per a page (at least 1). */
static int
rdesk_pages(long long total, int per)
{
	return total <= 0 ? 1 : (int)((total + per - 1) / per);
}

/* Whether idno is a 身份证号 by its shape: 18 characters, 17 digits and
 * a digit or X, or 15 digits. */
static int
rdesk_idno_shape(const char *idno)
{
	size_t	 n = strlen(idno), d = strspn(idno, "0123456789");

	if (n == 15)
		return d == 15;
	return n == 18 && (d == 18 || (d == 17 && idno[17] == 'X'));
}

/* See review_desk.h. */
int
rdesk_view_read(struct hall_ctx *c, struct rdesk_view *v,
    struct form_errors *errs)
{
	const char	*p = req_get(c->r, "page"), *q = req_get(c->r, "idno");
	const char	*m = req_get(c->r, "marked");
	size_t		 n;
	int64_t		 pg;

	memset(v, 0, sizeof(*v));
	v->mode = RDESK_PAGE;
	v->page = 1;
	if (p != NULL && *p != '\0') {
		pg = page_id_param(c, "page");
		if (pg < 1 || pg > RDESK_MAX_PAGE) {
			form_error_add(errs, "page", "BAD_PAGE", "页码无效");
			return -1;
		}
		v->page = (int)pg;
	}
	if (q != NULL && *(q = text_strip(q, &n)) != '\0') {
		if (n > 18 || memchr(q, '\0', n) != NULL) {
			form_error_add(errs, "idno", "BAD_IDNO", "身份证号应为"
			    "18位(或15位)数字,末位可为X");
			return -1;
		}
		memcpy(v->idno, q, n);
		v->idno[n] = '\0';
		if (v->idno[n - 1] == 'x')
			v->idno[n - 1] = 'X';
		if (!rdesk_idno_shape(v->idno)) {
			v->idno[0] = '\0';
			form_error_add(errs, "idno", "BAD_IDNO", "身份证号应为"
			    "18位(或15位)数字,末位可为X");
			return -1;
		}
		v->mode = RDESK_FIND;
		v->page = 1;
	} else if (m != NULL && strcmp(m, "1") == 0)
		v->mode = RDESK_MARKED;
	return 0;
}

/* See review_desk.h. */
void
rdesk_view_path(int64_t id, const struct rdesk_view *v, char *buf,
    size_t bufsz)
{
	if (v->mode == RDESK_FIND)
		snprintf(buf, bufsz, "/review/task?id=%lld&idno=%s",
		    (long long)id, v->idno);
	else
		snprintf(buf, bufsz, "/review/task?id=%lld&page=%d%s",
		    (long long)id, v->page, v->mode == RDESK_MARKED ?
		    "&marked=1" : "");
}

/* Where the persons go, and their ids for their files. */
struct rdesk_persons {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
	int64_t		 task_id;
	int64_t		 ids[RDESK_ROWS_PER_PAGE];
	size_t		 nids;
	int		 failed;
};

/* rmark_get callback: the mark on the <person> in arg. */
static void
rdesk_mark_attrs(void *arg, const struct rmark *m)
{
	page_attr(arg, "marked", "1");
	page_attr(arg, "mark-reason", m->reason);
}

/* wf_rows_page / wf_rows_find callback: one <person row= person= name=
 * idno=> with its <fact label=>value</fact>s and its mark.  Returns 0
 * (walk on), 1 on a store error. */
static int
rdesk_person(void *arg, const struct wf_row *r)
{
	struct rdesk_persons	*a = arg;
	xmlNodePtr		 n;
	size_t			 i;

	n = page_add(a->c, a->parent, "person", NULL);
	page_attr_int(n, "row", r->row_no);
	page_attr_int(n, "person", r->person_id);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	for (i = 0; i < r->nfacts && i < WF_ROW_FACTS; i++)
		page_attr(page_add(a->c, n, "fact", r->value[i]), "label",
		    r->label[i]);
	if (rmark_get(a->c->s, a->task_id, r->row_no, rdesk_mark_attrs,
	    n) < 0) {
		a->failed = 1;
		return 1;
	}
	for (i = 0; i < a->nids && a->ids[i] != r->person_id; i++)
		;
	if (r->person_id > 0 && i == a->nids &&
	    a->nids < RDESK_ROWS_PER_PAGE)
		a->ids[a->nids++] = r->person_id;
	return 0;
}

/* rmark_page callback: one marked <person> (no facts: the marks keep
 * the person's name and 身份证号 only). */
static void
rdesk_marked(void *arg, const struct rmark *m)
{
	struct rdesk_persons	*a = arg;
	xmlNodePtr		 n;

	n = page_add(a->c, a->parent, "person", NULL);
	page_attr_int(n, "row", m->row_no);
	page_attr_int(n, "person", 0);
	page_attr(n, "name", m->name);
	page_attr(n, "idno", m->idno);
	page_attr(n, "marked", "1");
	page_attr(n, "mark-reason", m->reason);
}

/* wf_rows_page callback: notes the first row's number.  Returns 1. */
static int
rdesk_first_row(void *arg, const struct wf_row *r)
{
	*(int *)arg = r->row_no;
	return 1;
}

/* wf_rows callback of a business without row_count.  Returns 0. */
static int
rdesk_count_row(void *arg, const struct wf_row *r)
{
	return 0;
}

/* attach_list callback: one <attachment> with its material's name. */
static void
rdesk_attachment(const struct attachment *at, void *arg)
{
	struct rdesk_persons	*a = arg;
	xmlNodePtr		 n;

	n = page_add(a->c, a->parent, "attachment", NULL);
	page_attr_int(n, "id", at->id);
	page_attr_int(n, "person", at->person_id);
	page_attr(n, "kind", at->code);
	page_attr(n, "kind-name", at->name);
	page_attr(n, "filename", at->filename);
	page_attr_int(n, "size", (long long)at->size);
	page_attr(n, "mime", at->mime);
	page_attr(n, "sha256", at->sha256);
}

/* Whether task t of business b may be decided in part: two rows or
 * more, the first not the single form's row 0, rows that move.
 * Returns 1, 0, or -1 on error; *total receives the rows. */
static int
rdesk_partial_ok(struct store *s, const struct task *t,
    const struct wf_business *b, int64_t *total)
{
	int	 row0 = -1;

	*total = 0;
	if (b == NULL || b->rows == NULL)
		return 0;
	if (b->row_count != NULL ? b->row_count(s, t->id, total) != 0 :
	    (*total = wf_rows(s, t, rdesk_count_row, NULL)) < 0)
		return -1;
	if (*total > 0 && wf_rows_page(s, t, 0, 1, rdesk_first_row, &row0) < 0)
		return -1;
	return *total >= 2 && row0 != 0 && b->rows_move != NULL;
}

/* Adds the persons of view v (the page clamped) under a->parent with
 * the attributes of the list.  Returns 0 or -1. */
static int
rdesk_fill(struct rdesk_persons *a, const struct task *t,
    const struct rdesk_view *v, int64_t total)
{
	struct hall_ctx	*c = a->c;
	int64_t		 marks;
	int		 page = v->page, pages, n;

	if (rmark_count(c->s, t->id, &marks) != 0)
		return -1;
	page_attr_int(a->parent, "marks", marks);
	page_attr_int(a->parent, "per-page", RDESK_ROWS_PER_PAGE);
	if (v->mode == RDESK_FIND) {
		page_attr(a->parent, "view", "find");
		page_attr(a->parent, "idno", v->idno);
		page_attr_int(a->parent, "all", total);
		if ((n = wf_rows_find(c->s, t, v->idno, rdesk_person, a)) < 0)
			return -1;
		if (n == 0) {
			char	 msg[160];

			snprintf(msg, sizeof(msg), "本业务中没有身份证号为 %s "
			    "的人员", v->idno);
			page_message(c, "warn", msg);
		}
		page_attr_int(a->parent, "total", n);
		page_attr_int(a->parent, "page", 1);
		page_attr_int(a->parent, "pages", 1);
		return a->failed ? -1 : 0;
	}
	if (v->mode == RDESK_MARKED)
		total = marks;
	pages = rdesk_pages(total, RDESK_ROWS_PER_PAGE);
	if (page > pages)
		page = pages;
	page_attr(a->parent, "view", v->mode == RDESK_MARKED ? "marked" :
	    "page");
	page_attr_int(a->parent, "total", total);
	page_attr_int(a->parent, "page", page);
	page_attr_int(a->parent, "pages", pages);
	if (v->mode == RDESK_MARKED)
		return rmark_page(c->s, t->id, (page - 1) * RDESK_ROWS_PER_PAGE,
		    RDESK_ROWS_PER_PAGE, rdesk_marked, a) < 0 ? -1 : 0;
	if (wf_rows_page(c->s, t, (page - 1) * RDESK_ROWS_PER_PAGE,
	    RDESK_ROWS_PER_PAGE, rdesk_person, a) < 0 || a->failed)
		return -1;
	return 0;
}

/* See review_desk.h. */
int
rdesk_persons(struct hall_ctx *c, const struct task *t,
    const struct rdesk_view *v)
{
	const struct wf_business	*b = wf_business(t->business);
	struct rdesk_persons		*a;
	int64_t				 total = 0;
	size_t				 i;
	int				 ok, rc = -1;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	a->c = c;
	a->task_id = t->id;
	if (b == NULL || b->rows == NULL) {
		a->parent = page_add(c, NULL, "attachments", NULL);
		rc = attach_list(c->s, t->id, rdesk_attachment, a) < 0 ? -1 : 0;
		free(a);
		return rc;
	}
	if ((ok = rdesk_partial_ok(c->s, t, b, &total)) < 0)
		goto out;
	a->parent = page_add(c, NULL, "persons", NULL);
	page_attr(a->parent, "partial", ok ? "1" : "0");
	if (rdesk_fill(a, t, v, total) != 0)
		goto out;
	a->parent = page_add(c, NULL, "attachments", NULL);
	if (attach_list_person(c->s, t->id, 0, rdesk_attachment, a) < 0)
		goto out;
	for (i = 0; i < a->nids; i++)
		if (attach_list_person(c->s, t->id, a->ids[i],
		    rdesk_attachment, a) < 0)
			goto out;
	rc = 0;
out:
	free(a);
	return rc;
}

/* See review_desk.h. */
void
rdesk_echo(struct hall_ctx *c, const struct wf_return *v, size_t n)
{
	xmlNodePtr	 list, r;
	size_t		 i;

	list = page_add(c, NULL, "partial", NULL);
	for (i = 0; i < n; i++) {
		r = page_add(c, list, "row", NULL);
		page_attr_int(r, "no", v[i].row_no);
		page_attr(r, "reason", v[i].reason);
	}
}

/* Whether the request's field f holds a NUL byte, which the C strings
 * after it would silently cut. */
static int
rdesk_has_nul(const struct req_field *f)
{
	return f != NULL && strlen(f->val) != f->valsz;
}

/* The row number a field holds (digits only, at most 9), or -1. */
static long long
rdesk_row_of(const struct req_field *f)
{
	return strspn(f->val, "0123456789") == f->valsz && f->valsz > 0 &&
	    f->valsz <= 9 ? atoll(f->val) : -1;
}

/* See review_desk.h. */
int
rdesk_ticked(struct hall_ctx *c, struct wf_return **out, size_t *n,
    struct form_errors *errs)
{
	const struct req_field	*f, *rf;
	struct wf_return	*v;
	char			 key[32], msg[128];
	size_t			 i, k = 0;
	long long		 row;
	int			 bad = 0;

	*out = NULL;
	*n = 0;
	if ((v = calloc(c->r->body.n + 1, sizeof(*v))) == NULL)
		return -2;
	for (i = 0; i < c->r->body.n; i++) {
		f = &c->r->body.v[i];
		if (strcmp(f->key, "row") != 0)
			continue;
		if ((row = rdesk_row_of(f)) < 0 || row > INT_MAX) {
			form_error_add(errs, "row", "NO_ROW", "所选人员无效");
			bad = 1;
			continue;
		}
		snprintf(key, sizeof(key), "reason_%lld", row);
		rf = req_field(c->r, key);
		if (rdesk_has_nul(rf)) {
			snprintf(msg, sizeof(msg), "第%lld行:回退原因含有"
			    "无法识别的字符或控制字符,请重新输入", row);
			form_error_add(errs, key, "CHARS", msg);
			bad = 1;
		}
		v[k].row_no = (int)row;
		v[k++].reason = rf != NULL ? rf->val : NULL;
	}
	*out = v;
	*n = k;
	return bad ? -1 : 0;
}

/* A ticked row found on the view, with its person. */
struct rdesk_pick {
	int		 row_no;
	int		 found;
	char		 name[128];
	char		 idno[40];
};

/* The ticked rows being looked for on a view. */
struct rdesk_picks {
	struct rdesk_pick	*v;
	size_t			 n;
};

/* Notes row r's person when it was ticked. */
static void
rdesk_pick(struct rdesk_picks *p, int row_no, const char *name,
    const char *idno)
{
	size_t	 i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].row_no == row_no) {
			p->v[i].found = 1;
			text_copy(p->v[i].name, sizeof(p->v[i].name), name);
			text_copy(p->v[i].idno, sizeof(p->v[i].idno), idno);
		}
}

/* wf_rows_page / wf_rows_find callback of rdesk_mark().  Returns 0. */
static int
rdesk_pick_row(void *arg, const struct wf_row *r)
{
	rdesk_pick(arg, r->row_no, r->name, r->idno);
	return 0;
}

/* rmark_page callback of rdesk_mark(). */
static void
rdesk_pick_mark(void *arg, const struct rmark *m)
{
	rdesk_pick(arg, m->row_no, m->name, m->idno);
}

/* Finds the ticked rows on view v of t (the rows it shows).  Returns 0
 * or -1. */
static int
rdesk_find_picks(struct hall_ctx *c, const struct task *t,
    const struct rdesk_view *v, struct rdesk_picks *p)
{
	int	 off = (v->page - 1) * RDESK_ROWS_PER_PAGE;

	switch (v->mode) {
	case RDESK_FIND:
		return wf_rows_find(c->s, t, v->idno, rdesk_pick_row, p) < 0 ?
		    -1 : 0;
	case RDESK_MARKED:
		return rmark_page(c->s, t->id, off, RDESK_ROWS_PER_PAGE,
		    rdesk_pick_mark, p) < 0 ? -1 : 0;
	case RDESK_PAGE:
		break;
	}
	return wf_rows_page(c->s, t, off, RDESK_ROWS_PER_PAGE, rdesk_pick_row,
	    p) < 0 ? -1 : 0;
}

/* Whether t, as the request read it before the write lock, is still
 * 进行中 in the same round (not decided, nor 回退 and submitted again)
 * now, inside the open transaction: a mark stored after another
 * reviewer's decision would survive into the next round.  Returns
 * WF_OK, WF_BADSTATE or WF_ERROR. */
static enum wf_result
rdesk_same_round(struct hall_ctx *c, const struct task *t)
{
	struct task	 now;
	int		 rc;

	if ((rc = wf_load(c->s, t->id, 0, &now)) != 0)
		return rc < 0 ? WF_ERROR : WF_BADSTATE;
	return now.state == TASK_PENDING &&
	    now.submitted_at == t->submitted_at ? WF_OK : WF_BADSTATE;
}

/* Checks the ticked rows v[0..n) against the picks found on the view
 * and their reasons, adding errors; stores the marks when all are
 * good.  Returns WF_OK, WF_RULES / WF_NEEDREASON, WF_ERROR. */
static enum wf_result
rdesk_store_marks(struct hall_ctx *c, const struct task *t,
    const struct wf_return *v, size_t n, const struct rdesk_picks *p,
    struct form_errors *errs)
{
	char		 why[WF_REASON_BYTES], key[32], prefix[200];
	enum wf_result	 r = WF_OK;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (!p->v[i].found) {
			form_error_add(errs, "row", "NO_ROW", "所选人员不在当前"
			    "页或查询结果中,请刷新后重试");
			r = WF_RULES;
			continue;
		}
		snprintf(key, sizeof(key), "reason_%d", v[i].row_no);
		snprintf(prefix, sizeof(prefix), "第%d行 %.120s:", v[i].row_no,
		    p->v[i].name);
		if (rmark_reason(v[i].reason, why, errs, key, prefix) != 0 &&
		    r == WF_OK)
			r = WF_NEEDREASON;
	}
	if (r != WF_OK)
		return r;
	if (store_begin(c->s) != 0)
		return WF_ERROR;
	if ((r = rdesk_same_round(c, t)) != WF_OK) {
		store_rollback(c->s);
		return r;
	}
	for (i = 0; i < n; i++) {
		(void)rmark_reason(v[i].reason, why, NULL, "", "");
		if (rmark_set(c->s, t->id, v[i].row_no, p->v[i].name,
		    p->v[i].idno, why, c->acct.id) != 0) {
			store_rollback(c->s);
			return WF_ERROR;
		}
	}
	return store_commit(c->s) == 0 ? WF_OK : WF_ERROR;
}

/* See review_desk.h. */
enum wf_result
rdesk_mark(struct hall_ctx *c, const struct task *t, struct rdesk_view *v,
    struct wf_return **ticked, size_t *n, struct form_errors *errs)
{
	const struct wf_business	*b = wf_business(t->business);
	struct rdesk_picks		 p;
	enum wf_result			 r;
	int64_t				 total;
	size_t				 i;
	int				 rc;

	*ticked = NULL;
	*n = 0;
	if (rdesk_view_read(c, v, errs) != 0)
		return WF_RULES;
	if ((rc = rdesk_ticked(c, ticked, n, errs)) == -2)
		return WF_ERROR;
	if (t->state != TASK_PENDING)
		return WF_BADSTATE;
	if ((rc = rdesk_partial_ok(c->s, t, b, &total)) < 0)
		return WF_ERROR;
	if (rc == 0) {
		form_error_add(errs, "row", "NO_PARTIAL", "该业务只有一人或"
		    "不能部分审核,请直接审核通过或回退");
		return WF_RULES;
	}
	if (*n == 0) {
		form_error_add(errs, "row", "NONE", "请勾选要标记为不通过的人员");
		return WF_RULES;
	}
	if (errs->n > 0)
		return WF_NEEDREASON;
	if ((p.v = calloc(*n, sizeof(*p.v))) == NULL)
		return WF_ERROR;
	p.n = *n;
	for (i = 0; i < *n; i++)
		p.v[i].row_no = (*ticked)[i].row_no;
	r = rdesk_find_picks(c, t, v, &p) != 0 ? WF_ERROR :
	    rdesk_store_marks(c, t, *ticked, *n, &p, errs);
	free(p.v);
	return r;
}

/* See review_desk.h. */
enum wf_result
rdesk_unmark(struct hall_ctx *c, const struct task *t)
{
	const struct req_field	*f = req_field(c->r, "unmark");
	long long		 row = f != NULL ? rdesk_row_of(f) : -1;

	if (t->state != TASK_PENDING)
		return WF_BADSTATE;
	if (row < 0 || row > INT_MAX)
		return WF_RULES;
	return rmark_unset(c->s, t->id, (int)row) < 0 ? WF_ERROR : WF_OK;
}

/* See review_desk.h. */
enum wf_result
rdesk_decide(struct hall_ctx *c, int64_t task_id, enum wf_action act,
    const char *reason, struct form_errors *errs)
{
	enum wf_result	 r;

	if (store_begin(c->s) != 0)
		return WF_ERROR;
	r = wf_transition(c->s, task_id, act, &c->who, reason, errs);
	if (r == WF_OK && rmark_clear(c->s, task_id) != 0)
		r = WF_ERROR;
	if (r != WF_OK) {
		store_rollback(c->s);
		return r;
	}
	return store_commit(c->s) == 0 ? WF_OK : WF_ERROR;
}

/* See review_desk.h. */
enum wf_result
rdesk_partial(struct hall_ctx *c, int64_t task_id,
    const struct wf_return *ticked, size_t n, struct form_errors *errs,
    int64_t *new_task_id)
{
	struct wf_return	*all = NULL;
	enum wf_result		 r;
	size_t			 nall = 0;

	if (store_begin(c->s) != 0)
		return WF_ERROR;
	if (rmark_returns(c->s, task_id, ticked, n, &all, &nall) != 0) {
		store_rollback(c->s);
		return WF_ERROR;
	}
	r = wf_partial(c->s, task_id, &c->who, all, nall, errs, new_task_id);
	rmark_returns_free(all, nall);
	if (r == WF_OK && rmark_clear(c->s, task_id) != 0)
		r = WF_ERROR;
	if (r != WF_OK) {
		store_rollback(c->s);
		return r;
	}
	return store_commit(c->s) == 0 ? WF_OK : WF_ERROR;
}
