/*
 * home: the 首页 of a unit [003 查看业务状态]: 待办任务列表 (未提交,
 * with 回退标志 and 回退原因), 已办任务列表 (进行中 and 结束), the 消息中心,
 * and the 证书到期提醒 (layout, from the session's certificate).  A task's
 * status page shows its history; an unsubmitted task can be withdrawn
 * (退单) from here whatever its business.
 *
 *   GET  /home            the 首页
 *   GET  /home/task       id: one task's status and history
 *   POST /home/cancel     id, csrf: 退单
 */
#include <stdio.h>

#include "hall.h"
#include "tasklist.h"

/* Appends each listed task under the parent node given as arg. */
struct list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* tasklist callback: one <task> per row. */
static void
add_task(const struct task *t, const char *unit_name, void *arg)
{
	struct list_arg	*a = arg;

	page_task(a->c, a->parent, t);
}

/* Adds the unit's latest messages as <inbox><msg>. */
static int
add_inbox(struct hall_ctx *c)
{
	struct store_stmt	*st;
	xmlNodePtr	 box, n;
	char		 at[20];
	int		 rc;

	box = page_add(c, NULL, "inbox", NULL);
	st = store_stmt(c->s, "SELECT at, title, COALESCE(task_id, 0), read "
	    "FROM messages WHERE unit_id = ?1 ORDER BY id DESC LIMIT 20");
	if (st == NULL || store_bind_int(st, 1, c->acct.unit_id) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		n = page_add(c, box, "msg", store_col_text(st, 1));
		clock_fmt((time_t)store_col_int64(st, 0), at);
		page_attr(n, "at", at);
		page_attr_int(n, "task", store_col_int64(st, 2));
		page_attr(n, "read", store_col_int(st, 3) ? "1" : "0");
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}

/* GET /home */
static void
home_get(struct hall_ctx *c)
{
	struct list_arg	 a;

	if (c->acct.kind == ACCT_REVIEWER) {
		page_redirect(c, "/review");
		return;
	}
	page_view(c, "index", "首页");
	page_attr(c->page, "category", "home");
	a.c = c;
	a.parent = page_add(c, NULL, "todo", NULL);
	if (tasklist(c->s, TASKLIST_WAITING, c->acct.unit_id, NULL, 200,
	    add_task, &a) < 0)
		goto fail;
	a.parent = page_add(c, NULL, "done", NULL);
	if (tasklist(c->s, TASKLIST_HANDLED, c->acct.unit_id, NULL, 200,
	    add_task, &a) < 0)
		goto fail;
	if (add_inbox(c) < 0)
		goto fail;
	return;
fail:
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

/* Marks the unit's messages about task_id as read.  Returns 0 or -1. */
static int
mark_read(struct hall_ctx *c, int64_t task_id)
{
	struct store_stmt	*st;

	if (store_begin(c->s) != 0)
		return -1;
	st = store_stmt(c->s, "UPDATE messages SET read = 1 WHERE unit_id = ?1 "
	    "AND task_id = ?2 AND read = 0");
	if (st == NULL || store_bind_int(st, 1, c->acct.unit_id) != 0 ||
	    store_bind_int(st, 2, task_id) != 0 ||
	    store_exec_stmt(c->s, st) != 0) {
		store_rollback(c->s);
		return -1;
	}
	return store_commit(c->s);
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
	if (page_row_returns(c, t.id) < 0 || page_events(c, t.id) < 0 ||
	    mark_read(c, t.id) < 0)
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
	if (wr != WF_OK) {
		page_fail(c, wr == WF_NOTFOUND ? 404 : 409,
		    wr == WF_NOTFOUND ? "NOT_FOUND" : "BAD_STATE",
		    wf_result_message(wr));
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
