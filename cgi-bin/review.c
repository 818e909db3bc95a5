/*
 * review: the reviewer desk (经办机构审核) [SPEC §10].  The queue of
 * submitted tasks of 普通 units by business and age, searched by unit,
 * 业务顺序号 and submission date; a task's detail with its persons (a
 * page of them, each with its attachments), the task's own attachments
 * and history; approve (审核通过), reject (回退) with a required 回退原因,
 * batch approve, and the partial decision of a batch (chosen persons
 * sent back, each with a reason, the rest approved).  Generic over
 * businesses: each describes itself through its wf_business.  Closed
 * to units.
 *
 *   GET  /review             business=, state=pending|done, unit=, seq=,
 *                            from=, to=, page=N
 *   GET  /review/task        id, page=N (of its persons), idno= (the
 *                            persons of a 身份证号), marked=1 (those
 *                            marked 不通过)
 *   GET  /review/attachment  id (attachment id), inline=1
 *   POST /review/approve     id, csrf
 *   POST /review/reject      id, reason, csrf
 *   POST /review/mark        id, row (repeated), reason_<row>, page /
 *                            idno / marked, csrf: marks 不通过
 *   POST /review/unmark      id, unmark (a row), page / idno / marked
 *   POST /review/partial     id, row (repeated), reason_<row>, page, csrf:
 *                            「保存」, every mark and the rows ticked
 *   POST /review/batch-approve  id (repeated), csrf
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "dabao_page.h"
#include "attach.h"
#include "page.h"
#include "tasklist.h"
#include "review_desk.h"

#define REVIEW_FLAGS	ROUTE_REVIEWER

#define REVIEW_PER_PAGE	50
#define REVIEW_MAX_PAGE	100000

/* The longest search texts: a unit's name or USCC, a 业务顺序号. */
#define REVIEW_UNIT_CHARS	50
#define REVIEW_SEQ_BYTES	31

/* Where the queue adds its rows; for the counts, the business asked
 * for and its count. */
struct queue_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
	const char	*want;
	int		 want_count;
};

/* tasklist callback: a queue row with its unit and whether a reviewer
 * has rejected the task before (曾回退). */
static void
add_row(const struct task *t, const char *unit_name, void *arg)
{
	struct queue_arg	*a = arg;
	xmlNodePtr		 n;

	n = page_task(a->c, a->parent, t);
	page_attr(n, "unit-name", unit_name);
	page_attr(n, "was-returned", t->was_returned ? "1" : "0");
	dabao_page_queue_mark(a->c, n, t->id);
}

/* tasklist_decided callback: one decision of 审核记录 as a <task> with
 * its result, 回退原因, reviewer and time. */
static void
add_decision(const struct task *t, const char *unit_name,
    const struct task_decision *d, void *arg)
{
	struct queue_arg	*a = arg;
	xmlNodePtr		 n;
	char			 buf[20];

	n = page_task(a->c, a->parent, t);
	page_attr(n, "unit-name", unit_name);
	page_attr(n, "result", d->approved ? "审核通过" : "回退");
	page_attr(n, "result-reason", d->reason);
	page_attr(n, "reviewer", d->reviewer);
	clock_fmt(d->at, buf);
	page_attr(n, "result-at", buf);
}

/* tasklist_queue_counts callback: fills the count of one <business>
 * of the filter list. */
static void
add_count(const char *business, int count, void *arg)
{
	struct queue_arg	*a = arg;
	xmlNodePtr		 n;
	xmlChar			*code;

	if (a->want != NULL && strcmp(a->want, business) == 0)
		a->want_count = count;
	for (n = a->parent->children; n != NULL; n = n->next) {
		code = xmlGetProp(n, (const xmlChar *)"code");
		if (code != NULL && strcmp((const char *)code, business) == 0)
			page_attr_int(n, "count", count);
		xmlFree(code);
	}
}

/* Adds <businesses> for the filter, each with its count of tasks
 * waiting in the queue.  Returns the number waiting of business (all
 * when empty), or -1. */
static int
add_businesses(struct hall_ctx *c, const char *business)
{
	const struct wf_business *const	*b;
	struct queue_arg		 a;
	xmlNodePtr			 list, n;
	int				 total;

	list = page_add(c, NULL, "businesses", NULL);
	for (b = hall_businesses; *b != NULL; b++) {
		n = page_add(c, list, "business", NULL);
		page_attr(n, "code", (*b)->code);
		page_attr(n, "name", (*b)->name);
		page_attr_int(n, "count", 0);
	}
	a.c = c;
	a.parent = list;
	a.want = business;
	a.want_count = 0;
	if (list == NULL || (total = tasklist_queue_counts(c->s, add_count,
	    &a)) < 0)
		return -1;
	page_attr_int(list, "count", total);
	return *business == '\0' ? total : a.want_count;
}

/* The page number asked for (?page=N, 1 when absent), or 0 when it is
 * not a number in [1, REVIEW_MAX_PAGE]. */
static int
page_number(struct hall_ctx *c)
{
	const char	*s = req_get(c->r, "page");
	int64_t		 n;

	if (s == NULL || *s == '\0')
		return 1;
	n = page_id_param(c, "page");
	return n >= 1 && n <= REVIEW_MAX_PAGE ? (int)n : 0;
}

/* The number of pages of total queue rows (at least 1). */
static int
page_count(int total)
{
	return total <= 0 ? 1 : (total + REVIEW_PER_PAGE - 1) / REVIEW_PER_PAGE;
}

/* The confirmation a decision leaves on the queue it returns to
 * (?done=...), keyed by the value; NULL for anything else. */
static const char *
done_message(const char *done)
{
	if (done == NULL)
		return NULL;
	if (strcmp(done, "approved") == 0)
		return "已审核通过,业务已办结";
	if (strcmp(done, "rejected") == 0)
		return "已回退,单位将在首页看到回退原因";
	if (strcmp(done, "batch") == 0)
		return "批量审核完成,所选业务均已审核通过";
	if (strcmp(done, "partial") == 0)
		return "部分审核完成:所选人员已回退,单位将看到每人的回退原因;"
		    "其余人员已审核通过";
	return NULL;
}

/* The search of the queue as asked and checked, with the texts it
 * keeps. */
struct queue_search {
	struct task_search	 q;
	char			 unit[4 * REVIEW_UNIT_CHARS + 1];
	char			 seq[REVIEW_SEQ_BYTES + 1];
	char			 from[11];
	char			 to[11];
	int			 any;	/* a criterion besides the business */
};

/* Copies field name, without white space around it, into buf[bufsz];
 * returns 0, or -1 when it does not fit. */
static int
search_text(struct hall_ctx *c, const char *name, char *buf, size_t bufsz)
{
	const char	*v = req_get(c->r, name);
	size_t		 n;

	buf[0] = '\0';
	if (v == NULL)
		return 0;
	while (*v == ' ' || *v == '\t')
		v++;
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n >= bufsz)
		return -1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return 0;
}

/* Whether s is a 统一社会信用代码 by its shape: 18 digits or capital
 * letters (it is looked up exactly, so a wrong one finds nothing). */
static int
looks_uscc(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (!isdigit((unsigned char)s[i]) &&
		    !isupper((unsigned char)s[i]))
			return 0;
	return i == 18;
}

/* Reads the date field name into buf[11] and the hall's time of the
 * start of that day (or of the next, when next) into *at.  Adds an
 * error when it is not a date.  Returns 0, or -1 when bad. */
static int
search_date(struct hall_ctx *c, const char *name, const char *label,
    int next, char buf[11], time_t *at, struct form_errors *errs)
{
	struct hdate	 d;
	char		 msg[128];

	*at = 0;
	if (search_text(c, name, buf, 11) == -1 || (buf[0] != '\0' &&
	    valid_date(buf, &d) != VALID_OK)) {
		snprintf(msg, sizeof(msg), "%s应为有效日期,格式如 2026-01-31",
		    label);
		form_error_add(errs, name, "BAD_DATE", msg);
		return -1;
	}
	if (buf[0] != '\0')	/* UTC+8 midnight */
		*at = (time_t)(hdate_to_days(&d) + (next ? 1 : 0)) * 86400 -
		    8 * 3600;
	return 0;
}

/* Reads and checks the queue's search (unit, seq, from, to) into qs,
 * adding an error per bad field.  Returns 0, -1 when a field is bad,
 * -2 on a store error. */
static int
queue_search(struct hall_ctx *c, const char *business,
    struct queue_search *qs, struct form_errors *errs)
{
	char	 msg[128];
	int	 bad = 0, n;

	memset(qs, 0, sizeof(*qs));
	qs->q.business = business;
	qs->q.seq = qs->q.uscc = qs->q.unit_name = "";
	if (search_text(c, "unit", qs->unit, sizeof(qs->unit)) == -1 ||
	    valid_text(qs->unit, REVIEW_UNIT_CHARS) != VALID_OK) {
		snprintf(msg, sizeof(msg), "单位名称或统一社会信用代码应为不超过"
		    "%d个字的文字", REVIEW_UNIT_CHARS);
		form_error_add(errs, "unit", "BAD_UNIT", msg);
		qs->unit[0] = '\0';
		bad = 1;
	} else if (looks_uscc(qs->unit))
		qs->q.uscc = qs->unit;
	else if (qs->unit[0] != '\0') {
		if ((n = tasklist_search_units(c->s, qs->unit)) < 0)
			return -2;
		if (n > TASKLIST_MAX_UNITS) {
			snprintf(msg, sizeof(msg), "名称含「%.60s」的单位超过%d"
			    "个,请输入更完整的单位名称", qs->unit,
			    TASKLIST_MAX_UNITS);
			form_error_add(errs, "unit", "TOO_MANY_UNITS", msg);
			bad = 1;
		} else
			qs->q.unit_name = qs->unit;
	}
	if (search_text(c, "seq", qs->seq, sizeof(qs->seq)) == -1 ||
	    strspn(qs->seq, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz-") != strlen(qs->seq)) {
		form_error_add(errs, "seq", "BAD_SEQ", "业务顺序号只能包含"
		    "数字和字母");
		qs->seq[0] = '\0';
		bad = 1;
	} else
		qs->q.seq = qs->seq;
	if (search_date(c, "from", "提交日期(起)", 0, qs->from, &qs->q.from,
	    errs) == -1 || search_date(c, "to", "提交日期(止)", 1, qs->to,
	    &qs->q.to, errs) == -1)
		bad = 1;
	else if (qs->q.from > 0 && qs->q.to > 0 && qs->q.from >= qs->q.to) {
		form_error_add(errs, "to", "BAD_RANGE", "提交日期(止)不能早于"
		    "提交日期(起)");
		bad = 1;
	}
	qs->any = qs->unit[0] != '\0' || qs->seq[0] != '\0' ||
	    qs->from[0] != '\0' || qs->to[0] != '\0';
	return bad ? -1 : 0;
}

/* Appends "&name=value" (value percent-encoded) to buf[bufsz] when
 * value is not empty. */
static void
query_add(char *buf, size_t bufsz, const char *name, const char *value)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*v = (const unsigned char *)value;
	size_t			 len = strlen(buf);

	if (*v == '\0' || len + strlen(name) + 3 >= bufsz)
		return;
	len += (size_t)snprintf(buf + len, bufsz - len, "%s%s=",
	    len > 0 ? "&" : "", name);
	for (; *v != '\0' && len + 4 < bufsz; v++) {	/* whole escapes */
		if (isalnum(*v) || *v == '-' || *v == '.' || *v == '_')
			buf[len++] = (char)*v;
		else {
			buf[len++] = '%';
			buf[len++] = hex[*v >> 4];
			buf[len++] = hex[*v & 15];
		}
	}
	buf[len] = '\0';
}

/* Adds the search's values to the <filter> f, and its query string
 * (without page) for the page links. */
static void
filter_attrs(xmlNodePtr f, const char *business, const char *state,
    const struct queue_search *qs)
{
	char	 query[1024] = "";

	page_attr(f, "unit", qs->unit);
	page_attr(f, "seq", qs->seq);
	page_attr(f, "from", qs->from);
	page_attr(f, "to", qs->to);
	query_add(query, sizeof(query), "business", business);
	query_add(query, sizeof(query), "state", state);
	query_add(query, sizeof(query), "unit", qs->unit);
	query_add(query, sizeof(query), "seq", qs->seq);
	query_add(query, sizeof(query), "from", qs->from);
	query_add(query, sizeof(query), "to", qs->to);
	page_attr(f, "query", query);
}

/* GET /review: 待审核业务 (state=pending) or 审核记录 (state=done) of
 * business (all when empty), REVIEW_PER_PAGE rows a page (?page=N, a
 * page past the last shows the last); the pending queue searched by
 * unit (name or USCC), 业务顺序号 and submission dates (a bad one is
 * 422 with the error beside its field and no rows). */
static void
queue_get(struct hall_ctx *c)
{
	const char		*business = req_get(c->r, "business");
	const char		*state = req_get(c->r, "state");
	struct queue_arg	 a;
	struct queue_search	 qs;
	struct form_errors	 errs;
	xmlNodePtr		 f;
	int			 done = state != NULL && strcmp(state, "done") == 0;
	int			 pageno, waiting, total, rc, searched;

	if (business == NULL)
		business = "";
	if (*business != '\0' && wf_business(business) == NULL) {
		page_fail(c, 404, "NO_SUCH_BUSINESS", "没有这项业务");
		return;
	}
	if ((pageno = page_number(c)) == 0) {
		page_fail(c, 422, "BAD_PAGE", "页码无效");
		return;
	}
	errs.n = 0;
	if ((searched = queue_search(c, business, &qs, &errs)) == -2)
		goto busy;
	page_view(c, "queue", done ? "审核记录" : "待审核业务");
	page_attr(c->page, "category", "review");
	if (done_message(req_get(c->r, "done")) != NULL)
		page_message(c, "ok", done_message(req_get(c->r, "done")));
	f = page_add(c, NULL, "filter", NULL);
	page_attr(f, "business", business);
	page_attr(f, "state", done ? "done" : "pending");
	filter_attrs(f, business, done ? "done" : "", &qs);
	if ((waiting = add_businesses(c, business)) < 0)
		goto busy;
	if (searched == -1) {
		page_form_errors(c, &errs);
		page_message(c, "error", "查询条件有误,请按提示修改");
		c->status = 422;
		waiting = 0;
		qs.any = 0;
		done = 0;
	} else if (done && qs.any)
		page_message(c, "warn", "审核记录只按业务类型筛选,"
		    "其他查询条件仅用于待审核业务");
	if (!done && qs.any)
		total = tasklist_search_count(c->s, &qs.q);
	else
		total = done ? tasklist_decided_count(c->s, business) : waiting;
	if (total < 0)
		goto busy;
	if (pageno > page_count(total))
		pageno = page_count(total);
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.parent = page_add(c, NULL, "queue", NULL);
	page_attr_int(a.parent, "total", total);
	page_attr_int(a.parent, "page", pageno);
	page_attr_int(a.parent, "pages", page_count(total));
	page_attr_int(a.parent, "per-page", REVIEW_PER_PAGE);
	if (searched == -1)
		return;
	if (done)
		rc = tasklist_decided(c->s, business, REVIEW_PER_PAGE,
		    (pageno - 1) * REVIEW_PER_PAGE, add_decision, &a);
	else if (qs.any)
		rc = tasklist_search(c->s, &qs.q, REVIEW_PER_PAGE,
		    (pageno - 1) * REVIEW_PER_PAGE, add_row, &a);
	else
		rc = tasklist_queue(c->s, business, REVIEW_PER_PAGE,
		    (pageno - 1) * REVIEW_PER_PAGE, add_row, &a);
	if (rc >= 0)
		return;
busy:
	page_busy(c);
}

/* Adds one <field label=...>value</field> under the node in arg. */
struct detail_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* describe() callback of a business. */
static void
add_field(void *arg, const char *label, const char *value)
{
	struct detail_arg	*a = arg;

	page_attr(page_add(a->c, a->parent, "field", value), "label", label);
}

/* Adds the task's unit, details, persons (view v) with their
 * attachments, the rows sent back to it by a partial decision, and
 * its history. */
static int
add_detail(struct hall_ctx *c, const struct task *t,
    const struct rdesk_view *v)
{
	const struct wf_business	*b = wf_business(t->business);
	struct detail_arg		 a;

	if (page_unit(c, t->unit_id) != 0)
		return -1;
	a.c = c;
	a.parent = page_add(c, NULL, "detail", NULL);
	if (b != NULL && b->describe != NULL &&
	    b->describe(c->s, t->id, add_field, &a) != 0)
		return -1;
	if (rdesk_persons(c, t, v) != 0 ||
	    page_row_returns(c, t->id) != 0)
		return -1;
	return page_events(c, t->id);
}

/* Loads the task named by the id field.  Returns 0 when loaded, else
 * the page already holds the refusal. */
static int
load_task(struct hall_ctx *c, struct task *t)
{
	int64_t	 id = page_id_param(c, "id");
	int	 rc = id > 0 ? wf_load(c->s, id, 0, t) : 1;

	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
	return rc;
}

/* Shows the detail page of t with view v of its persons (NULL: the
 * first page). */
static void
show_task(struct hall_ctx *c, const struct task *t,
    const struct rdesk_view *v)
{
	struct rdesk_view	 first;

	if (v == NULL) {
		memset(&first, 0, sizeof(first));
		first.mode = RDESK_PAGE;
		first.page = 1;
		v = &first;
	}
	page_view(c, "detail", "业务审核");
	page_attr(c->page, "category", "review");
	page_task(c, NULL, t);
	if (add_detail(c, t, v) != 0 || dabao_page_review(c, t) != 0)
		page_busy(c);
}

/* The confirmation a change of marks leaves on the task page
 * (?done=...), or NULL. */
static const char *
mark_message(const char *done)
{
	if (done == NULL)
		return NULL;
	if (strcmp(done, "marked") == 0)
		return "已标记为不通过;标记在翻页和查询后保留,"
		    "点击「保存并部分回退」后生效";
	if (strcmp(done, "unmarked") == 0)
		return "已取消该人员的不通过标记";
	return NULL;
}

/* GET /review/task: the task with a view of its persons: ?page=N, the
 * persons of ?idno= (a bad one is 422 with the error beside the
 * search box), or the ones marked (?marked=1). */
static void
task_get(struct hall_ctx *c)
{
	struct form_errors	 errs;
	struct rdesk_view	 v;
	struct task		 t;
	int			 bad;

	errs.n = 0;
	bad = rdesk_view_read(c, &v, &errs);
	if (bad && errs.n > 0 && strcmp(errs.e[0].field, "page") == 0) {
		page_fail(c, 422, "BAD_PAGE", "页码无效");
		return;
	}
	if (load_task(c, &t) != 0)
		return;
	show_task(c, &t, &v);
	if (bad) {
		page_form_errors(c, &errs);
		page_message(c, "error", errs.e[0].msg);
		c->status = 422;
	} else if (mark_message(req_get(c->r, "done")) != NULL)
		page_message(c, "ok", mark_message(req_get(c->r, "done")));
}

/* POST /review/mark: the ticked persons (row, reason_<row>) of the
 * view the form showed (page=, idno= or marked=1) are marked 不通过,
 * 303 back to that view; refused, the view again with the errors and
 * what was typed (422; 409 when the task is decided). */
static void
mark_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	struct rdesk_view	 v;
	struct wf_return	*ticked = NULL;
	struct task		 t;
	enum wf_result		 wr;
	char			 path[160];
	size_t			 n = 0;

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	wr = rdesk_mark(c, &t, &v, &ticked, &n, &errs);
	if (wr == WF_OK) {
		free(ticked);
		rdesk_view_path(t.id, &v, path, sizeof(path));
		strlcat_safe(path, "&done=marked", sizeof(path));
		page_redirect(c, path);
		return;
	}
	show_task(c, &t, &v);
	rdesk_echo(c, ticked, n);
	free(ticked);
	page_form_errors(c, &errs);
	page_message(c, "error", wr == WF_BADSTATE ? wf_result_message(wr) :
	    "未标记:请按提示修改所选人员或回退原因");
	c->status = wr == WF_ERROR ? 503 : wr == WF_BADSTATE ? 409 : 422;
}

/* POST /review/unmark: the row in unmark= is no longer marked (a row
 * not marked is no error: a second click changes nothing); 303 back
 * to the view the form showed. */
static void
unmark_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	struct rdesk_view	 v;
	struct task		 t;
	enum wf_result		 wr;
	char			 path[160];

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	if (rdesk_view_read(c, &v, &errs) != 0) {
		memset(&v, 0, sizeof(v));
		v.page = 1;
	}
	if ((wr = rdesk_unmark(c, &t)) == WF_OK) {
		rdesk_view_path(t.id, &v, path, sizeof(path));
		strlcat_safe(path, "&done=unmarked", sizeof(path));
		page_redirect(c, path);
		return;
	}
	show_task(c, &t, &v);
	if (wr == WF_RULES) {
		errs.n = 0;
		form_error_add(&errs, "unmark", "NO_ROW", "所选人员无效");
		page_form_errors(c, &errs);
	}
	page_message(c, "error", wr == WF_RULES ? "所选人员无效" :
	    wf_result_message(wr));
	c->status = wr == WF_ERROR ? 503 : wr == WF_BADSTATE ? 409 : 422;
}

/* GET /review/attachment: the file, as a download, or shown in the
 * browser with inline=1. */
static void
attachment_get(struct hall_ctx *c)
{
	page_attachment(c, 0);
}

/* Runs one decision on the task named by id and answers: back to the
 * queue, or the detail page with the reason it was refused. */
static void
decide(struct hall_ctx *c, enum wf_action act)
{
	const char		*reason = req_get(c->r, "reason");
	struct form_errors	 errs;
	struct task		 t;
	enum wf_result		 wr;
	char			 next[64];

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	if (act == WF_REJECT && form_check_nul(c->r, "reason", "回退原因",
	    &errs) > 0)
		wr = WF_NEEDREASON;	/* a NUL would cut the stored reason */
	else
		wr = rdesk_decide(c, t.id, act, reason, &errs);
	if (wr == WF_OK) {
		/* A package's next step, submitted by the hall: open it. */
		if (act == WF_APPROVE && dabao_page_next_review(c, t.id, next,
		    sizeof(next)) == 1)
			page_redirect(c, next);
		else
			page_redirect(c, act == WF_REJECT ?
			    "/review?done=rejected" : "/review?done=approved");
		return;
	}
	if (wf_load(c->s, t.id, 0, &t) != 0) {
		page_busy(c);
		return;
	}
	show_task(c, &t, NULL);
	if (act == WF_REJECT && reason != NULL)
		page_attr(page_add(c, NULL, "reject", NULL), "reason", reason);
	page_form_errors(c, &errs);
	/* A bad 回退原因: its error is beside the field and in the summary;
	 * the page message says only that nothing was done. */
	page_message(c, "error", wr == WF_NEEDREASON ?
	    "未回退:回退原因须按提示填写" : wf_result_message(wr));
	c->status = wr == WF_ERROR ? 503 : wr == WF_BADSTATE ? 409 : 422;
}

/* POST /review/approve */
static void
approve_post(struct hall_ctx *c)
{
	decide(c, WF_APPROVE);
}

/* POST /review/reject */
static void
reject_post(struct hall_ctx *c)
{
	decide(c, WF_REJECT);
}

/* POST /review/partial (「保存」): the persons marked 不通过 on any page
 * or search (review_desk.h) and those ticked on this form (row, with
 * reason_<row>; a tick replaces its row's mark) go back to the unit as
 * a new task, each with its reason; the rest of the batch is approved
 * (workflow.h, wf_partial) and the marks are cleared.  303 to the
 * queue; refused, the task's page again with the errors, the ticks
 * and the reasons kept. */
static void
partial_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	struct rdesk_view	 view;
	struct wf_return	*v = NULL;
	struct task		 t;
	enum wf_result		 wr;
	int64_t			 new_id = 0;
	size_t			 n;
	int			 rc;

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	if (rdesk_view_read(c, &view, &errs) != 0) {
		errs.n = 0;
		memset(&view, 0, sizeof(view));
		view.page = 1;
	}
	if ((rc = rdesk_ticked(c, &v, &n, &errs)) == -2) {
		page_busy(c);
		return;
	}
	wr = rc == -1 ? WF_NEEDREASON : rdesk_partial(c, t.id, v, n, &errs,
	    &new_id);
	if (wr == WF_OK) {
		free(v);
		page_redirect(c, "/review?done=partial");
		return;
	}
	if (wf_load(c->s, t.id, 0, &t) != 0) {
		free(v);
		page_busy(c);
		return;
	}
	show_task(c, &t, &view);
	rdesk_echo(c, v, n);
	free(v);
	page_form_errors(c, &errs);
	page_message(c, "error", wr == WF_NEEDREASON || wr == WF_RULES ?
	    "未办理:请按提示修改所选人员或回退原因" : wf_result_message(wr));
	c->status = wr == WF_ERROR ? 503 : wr == WF_BADSTATE ? 409 :
	    wr == WF_NOTFOUND ? 404 : 422;
}

/* POST /review/batch-approve: approves each id; reports the ones that
 * could not be approved and why, approving the rest.  Nothing ticked
 * is 422 「未选择任何业务」. */
static void
batch_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	const struct req_field	*f;
	enum wf_result		 wr;
	struct task		 t;
	char			 msg[256];
	size_t			 i, ok = 0, bad = 0;

	if (req_field(c->r, "id") == NULL) {
		page_view(c, "queue", "待审核业务");
		queue_get(c);
		if (c->status == 200 || c->status == 0) {
			page_message(c, "error", "未选择任何业务");
			c->status = 422;
		}
		return;
	}
	for (i = 0; i < c->r->body.n; i++) {
		f = &c->r->body.v[i];
		if (strcmp(f->key, "id") != 0)
			continue;
		t.id = 0;
		errs.n = 0;
		if (strspn(f->val, "0123456789") != f->valsz || f->valsz == 0 ||
		    f->valsz > 18 || wf_load(c->s, strtoll(f->val, NULL, 10),
		    0, &t) != 0)
			wr = WF_NOTFOUND;
		else
			wr = rdesk_decide(c, t.id, WF_APPROVE, NULL, &errs);
		if (wr == WF_OK) {
			ok++;
			/* A package's step it held back (打包快办). */
			(void)dabao_page_next_review(c, t.id, msg, sizeof(msg));
			continue;
		}
		bad++;
		snprintf(msg, sizeof(msg), "业务 %s 未能审核通过:%s%s%s",
		    t.id > 0 ? t.seq_no : f->val, wf_result_message(wr),
		    errs.n > 0 ? "," : "", errs.n > 0 ? errs.e[0].msg : "");
		page_message(c, "error", msg);
	}
	snprintf(msg, sizeof(msg), "批量审核完成:通过 %zu 笔,未通过 %zu 笔", ok, bad);
	if (bad == 0) {
		page_redirect(c, "/review?done=batch");
		return;
	}
	page_message(c, ok > 0 ? "warn" : "error", msg);
	page_view(c, "queue", "待审核业务");
	queue_get(c);
	c->status = 422;
}

static const struct route routes[] = {
	{ REQ_GET, "/review", queue_get, REVIEW_FLAGS },
	{ REQ_GET, "/review/task", task_get, REVIEW_FLAGS },
	{ REQ_GET, "/review/attachment", attachment_get, REVIEW_FLAGS },
	{ REQ_POST, "/review/approve", approve_post, REVIEW_FLAGS },
	{ REQ_POST, "/review/reject", reject_post, REVIEW_FLAGS },
	{ REQ_POST, "/review/partial", partial_post, REVIEW_FLAGS },
	{ REQ_POST, "/review/mark", mark_post, REVIEW_FLAGS },
	{ REQ_POST, "/review/unmark", unmark_post, REVIEW_FLAGS },
	{ REQ_POST, "/review/batch-approve", batch_post, REVIEW_FLAGS },
};

static const struct program review = {
	"review", "review.xsl", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&review, argc, argv);
}
