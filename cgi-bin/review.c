/*
 * review: the reviewer desk (经办机构审核) [SPEC §10].  The queue of
 * submitted tasks of 普通 units by business and age, a task's detail
 * with its attachments and history, approve (审核通过), reject (回退)
 * with a required 回退原因, and batch approve.  Generic over businesses:
 * each describes itself through its wf_business.  Closed to units.
 *
 *   GET  /review             business=, state=pending|done, page=N
 *   GET  /review/task        id
 *   GET  /review/attachment  id (attachment id)
 *   POST /review/approve     id, csrf
 *   POST /review/reject      id, reason, csrf
 *   POST /review/batch-approve  id (repeated), csrf
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "attach.h"
#include "tasklist.h"

#define REVIEW_FLAGS	ROUTE_REVIEWER

#define REVIEW_PER_PAGE	50
#define REVIEW_MAX_PAGE	100000

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

/* The number of pages of total rows (at least 1). */
static int
page_count(int total)
{
	return total <= 0 ? 1 : (total + REVIEW_PER_PAGE - 1) /
	    REVIEW_PER_PAGE;
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
	return NULL;
}

/* GET /review: 待审核业务 (state=pending) or 审核记录 (state=done) of
 * business (all when empty), REVIEW_PER_PAGE rows a page (?page=N, a
 * page past the last shows the last). */
static void
queue_get(struct hall_ctx *c)
{
	const char		*business = req_get(c->r, "business");
	const char		*state = req_get(c->r, "state");
	struct queue_arg	 a;
	xmlNodePtr		 f;
	int			 done = state != NULL && strcmp(state, "done") == 0;
	int			 pageno, waiting, total, rc;

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
	page_view(c, "queue", done ? "审核记录" : "待审核业务");
	page_attr(c->page, "category", "review");
	if (done_message(req_get(c->r, "done")) != NULL)
		page_message(c, "ok", done_message(req_get(c->r, "done")));
	f = page_add(c, NULL, "filter", NULL);
	page_attr(f, "business", business);
	page_attr(f, "state", done ? "done" : "pending");
	if ((waiting = add_businesses(c, business)) < 0)
		goto busy;
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
	if (done)
		rc = tasklist_decided(c->s, business, REVIEW_PER_PAGE,
		    (pageno - 1) * REVIEW_PER_PAGE, add_decision, &a);
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

/* attach_list callback: one <attachment> with its material's name. */
static void
add_attachment(const struct attachment *at, void *arg)
{
	struct detail_arg	*a = arg;
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

/* Adds the task's unit, details, attachments and history. */
static int
add_detail(struct hall_ctx *c, const struct task *t)
{
	const struct wf_business	*b = wf_business(t->business);
	struct detail_arg		 a;
	struct store_stmt			*st;
	xmlNodePtr			 n;

	st = store_stmt(c->s, "SELECT name, uscc, vip FROM units WHERE id = ?1");
	if (st == NULL || store_bind_int(st, 1, t->unit_id) != 0)
		return -1;
	if (store_step(st) == STORE_ROW) {
		n = page_add(c, NULL, "unit", NULL);
		page_attr(n, "name", store_col_text(st, 0));
		page_attr(n, "uscc", store_col_text(st, 1));
		page_attr(n, "vip", store_col_int(st, 2) ? "1" : "0");
	}
	store_reset(st);
	a.c = c;
	a.parent = page_add(c, NULL, "detail", NULL);
	if (b != NULL && b->describe != NULL &&
	    b->describe(c->s, t->id, add_field, &a) != 0)
		return -1;
	a.parent = page_add(c, NULL, "attachments", NULL);
	if (attach_list(c->s, t->id, add_attachment, &a) < 0)
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

/* Shows the detail page of t. */
static void
show_task(struct hall_ctx *c, const struct task *t)
{
	page_view(c, "detail", "业务审核");
	page_attr(c->page, "category", "review");
	page_task(c, NULL, t);
	if (add_detail(c, t) != 0)
		page_busy(c);
}

/* GET /review/task */
static void
task_get(struct hall_ctx *c)
{
	struct task	 t;

	if (load_task(c, &t) == 0)
		show_task(c, &t);
}

/* GET /review/attachment: the file, as a download. */
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

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	if (act == WF_REJECT && form_check_nul(c->r, "reason", "回退原因",
	    &errs) > 0)
		wr = WF_NEEDREASON;	/* a NUL would cut the stored reason */
	else
		wr = wf_transition(c->s, t.id, act, &c->who, reason, &errs);
	if (wr == WF_OK) {
		page_redirect(c, act == WF_REJECT ? "/review?done=rejected" :
		    "/review?done=approved");
		return;
	}
	if (wf_load(c->s, t.id, 0, &t) != 0) {
		page_busy(c);
		return;
	}
	show_task(c, &t);
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

/* POST /review/batch-approve: approves each id; reports the ones that
 * could not be approved and why, approving the rest. */
static void
batch_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	const struct req_field	*f;
	enum wf_result		 wr;
	struct task		 t;
	char			 msg[256];
	size_t			 i, ok = 0, bad = 0;

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
			wr = wf_transition(c->s, t.id, WF_APPROVE, &c->who,
			    NULL, &errs);
		if (wr == WF_OK) {
			ok++;
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
