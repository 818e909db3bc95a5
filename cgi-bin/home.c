/*
 * home: the 首页 of a unit [003 查看业务状态]: 待办任务列表 (未提交,
 * with 回退标志 and 回退原因), 已办任务列表 (进行中 and 结束), the 消息中心,
 * the next 办事预约 (lib/yuyue_page.c) and the 证书到期提醒 (layout,
 * from the session's certificate).  A task's status page shows its
 * history; an unsubmitted task can be withdrawn (退单) from here
 * whatever its business.
 *
 *   GET  /home            the 首页; done_page=N, msg_page=N: the page
 *                         of 已办 and of the 消息中心
 *   GET  /home/task       id: one task's status and history
 *   POST /home/cancel     id, csrf: 退单
 */
#include <stdio.h>

#include "hall.h"
#include "inbox.h"
#include "tally.h"
#include "tasklist.h"
#include "yuyue_page.h"

/* Rows a page of 已办 and of the 消息中心 shows. */
#define HOME_DONE_PER_PAGE	20
#define HOME_MSG_PER_PAGE	20

#define HOME_PENDING_PER_PAGE	20

/* Appends each listed task under the parent node given as arg. */
struct list_arg {
	struct hall_ctx		*c;
	xmlNodePtr		 parent;
	struct tally_home	 counts;	/* the totals of the lists */
};

/* tasklist callback: one <task> per row. */
static void
add_task(const struct task *t, const char *unit_name, void *arg)
{
	struct list_arg	*a = arg;

	page_task(a->c, a->parent, t);
}

/* inbox_page callback: one <msg at= task= read= seq= business-name=>
 * with its title. */
static void
add_msg(const struct inbox_msg *m, void *arg)
{
	struct list_arg			*a = arg;
	const struct wf_business	*b = wf_business(m->business);
	xmlNodePtr			 n;
	char				 at[20];

	n = page_add(a->c, a->parent, "msg", m->title);
	clock_fmt(m->at, at);
	page_attr(n, "at", at);
	page_attr_int(n, "task", m->task_id);
	page_attr(n, "read", m->read ? "1" : "0");
	if (*m->seq != '\0') {
		page_attr(n, "seq", m->seq);
		page_attr(n, "business-name", b != NULL ? b->name :
		    m->business);
	}
}

/* Adds <todo total= page= pages= per-page=>: page ?todo_page=N of the
 * unit's 待办 (未提交) tasks, latest change first, of a->counts.todo.
 * Returns 0 or -1. */
static int
add_todo(struct hall_ctx *c, struct list_arg *a)
{
	int	 pageno;

	a->parent = page_add(c, NULL, "todo", NULL);
	pageno = page_list_attrs(a->parent, a->counts.todo,
	    page_number_param(c, "todo_page"), HOME_PENDING_PER_PAGE);
	return tasklist_page(c->s, TASKLIST_WAITING, c->acct.unit_id, NULL,
	    HOME_PENDING_PER_PAGE, (pageno - 1) * HOME_PENDING_PER_PAGE, add_task,
	    a) < 0 ? -1 : 0;
}

/* Adds <done total= page= pages= per-page=>: page ?done_page=N of the
 * unit's 已办 tasks, latest submission first.  Returns 0 or -1. */
static int
add_done(struct hall_ctx *c, struct list_arg *a)
{
	int	 pageno;

	a->parent = page_add(c, NULL, "done", NULL);
	pageno = page_list_attrs(a->parent, a->counts.handled,
	    page_number_param(c, "done_page"), HOME_DONE_PER_PAGE);
	return tasklist_page(c->s, TASKLIST_HANDLED, c->acct.unit_id, NULL,
	    HOME_DONE_PER_PAGE, (pageno - 1) * HOME_DONE_PER_PAGE, add_task,
	    a) < 0 ? -1 : 0;
}

/* Adds <inbox total= unread= page= pages= per-page=>: page
 * ?msg_page=N of the unit's messages, latest first.  Returns 0 or -1. */
static int
add_inbox(struct hall_ctx *c, struct list_arg *a)
{
	int	 pageno;

	a->parent = page_add(c, NULL, "inbox", NULL);
	page_attr_int(a->parent, "unread", a->counts.unread);
	pageno = page_list_attrs(a->parent, a->counts.messages,
	    page_number_param(c, "msg_page"), HOME_MSG_PER_PAGE);
	return inbox_page(c->s, c->acct.unit_id, HOME_MSG_PER_PAGE,
	    (pageno - 1) * HOME_MSG_PER_PAGE, add_msg, a) < 0 ? -1 : 0;
}

/* Whether list (<todo>, <done> or <inbox>) shows no row though total
 * says there is none: '1' or '0'. */
static char
list_empty(xmlNodePtr list, int64_t total)
{
	return total == 0 && xmlFirstElementChild(list) == NULL ? '1' : '0';
}

/* Sets /page/@empty-lists, one '1' or '0' for 待办, 已办 and the 消息
 * 中心 in turn: '1' when the list is empty with a total of 0 (the 消息
 * 中心 with no unread message either).  home.xsl keys its frame on it:
 * an empty list is drawn once in the frame, not filled per request
 * (taking it from the counts here spares every /home an XPath over
 * the lists). */
static void
mark_empty_lists(struct hall_ctx *c, const struct list_arg *a,
    xmlNodePtr todo, xmlNodePtr done, xmlNodePtr inbox)
{
	char	 flags[4];

	flags[0] = list_empty(todo, a->counts.todo);
	flags[1] = list_empty(done, a->counts.handled);
	flags[2] = a->counts.unread == 0 ?
	    list_empty(inbox, a->counts.messages) : '0';
	flags[3] = '\0';
	page_attr(c->page, "empty-lists", flags);
}

/* GET /home: 待办, a page of 已办 (done_page=N) and of the 消息中心
 * (msg_page=N); a page number that is no number is the first, one
 * past the last the last. */
static void
home_get(struct hall_ctx *c)
{
	struct list_arg	 a;
	xmlNodePtr	 todo, done;

	if (c->acct.kind == ACCT_REVIEWER) {
		page_redirect(c, "/review");
		return;
	}
	page_view(c, "index", "首页");
	page_attr(c->page, "category", "home");
	a.c = c;
	/* The four totals in one statement. */
	if (tally_home(c->s, c->acct.unit_id, &a.counts) != 0 ||
	    add_todo(c, &a) != 0 || (todo = a.parent, add_done(c, &a)) != 0 ||
	    (done = a.parent, add_inbox(c, &a)) != 0) {
		page_busy(c);
		return;
	}
	mark_empty_lists(c, &a, todo, done, a.parent);
	/* The next 办事预约 (data in the shortcuts' hole, not frame), looked
	 * up only by a unit that ever booked. */
	if (a.counts.bookings > 0 && yuyue_page_next(c) != 0)
		page_busy(c);
}

/* Loads the unit's task named by the id field, answering 404 for a
 * missing one or another unit's.  Returns 0 when loaded. */
static int
load_own_task(struct hall_ctx *c, struct task *t)
{
	int64_t	 id = page_id_param(c, "id");
	int	 rc;

	rc = id > 0 ? wf_load(c->s, id, c->acct.unit_id, t) : 1;
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
	return rc;
}

/* GET /home/task */
static void
task_get(struct hall_ctx *c)
{
	struct task	 t;

	if (c->acct.kind == ACCT_REVIEWER) {
		page_fail(c, 403, "WRONG_ROLE", "该功能仅限单位用户使用");
		return;
	}
	if (load_own_task(c, &t) != 0)
		return;
	page_view(c, "task", "业务状态");
	page_attr(c->page, "category", "home");
	page_task(c, NULL, &t);
	/* An HR system's integration account reading the task leaves the
	 * clerk's messages of it unread. */
	if (page_row_returns(c, t.id) < 0 || page_events(c, t.id) < 0 ||
	    (!c->integ && inbox_mark_read(c->s, c->acct.unit_id, t.id) < 0))
		page_busy(c);
}

/* POST /home/cancel: 退单 of an unsubmitted task. */
static void
cancel_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	enum wf_result		 wr;
	struct task		 t;

	if (c->acct.kind == ACCT_REVIEWER) {
		page_fail(c, 403, "WRONG_ROLE", "该功能仅限单位用户使用");
		return;
	}
	if (load_own_task(c, &t) != 0)
		return;
	errs.n = 0;
	wr = wf_transition(c->s, t.id, WF_CANCEL, &c->who, NULL, &errs);
	if (wr == WF_ERROR) {
		page_busy(c);
		return;
	}
	if (wr != WF_OK) {
		page_fail(c, wr == WF_NOTFOUND ? 404 : 409,
		    wr == WF_NOTFOUND ? "NOT_FOUND" : wr == WF_IMPORTING ?
		    "IMPORTING" : "BAD_STATE", wf_result_message(wr));
		return;
	}
	page_redirect(c, "/home");
}

static const struct route routes[] = {
	{ REQ_GET, "/home", home_get, ROUTE_UNIT | ROUTE_REVIEWER },
	{ REQ_GET, "/home/task", task_get, ROUTE_UNIT | ROUTE_REVIEWER },
	{ REQ_POST, "/home/cancel", cancel_post, ROUTE_UNIT },
};

static const struct program home = {
	"home", "home.xsl", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&home, argc, argv);
}
