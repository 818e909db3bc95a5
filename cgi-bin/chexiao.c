/*
 * chexiao: 撤销, revoking an employment registration [SPEC §3; seed
 * 001] (用工备案管理 → 备案查询 → 撤销).  Rules, row and business:
 * lib/chexiao.c; the task pages every business shares: lib/taskpage.c.
 * The 《撤销申请回执》 is /print/chexiao (once submitted).  Its own
 * routes:
 *
 *   GET  /chexiao            without id: with emp=<employment id> the
 *                            form for that registration of the unit
 *                            (404 for another unit's; 409 with the way
 *                            forward when it cannot be revoked here;
 *                            reason= and rep=0 preview the materials);
 *                            without emp: how to start, and the lookup
 *   POST /chexiao/save       emp, reason, explanation, handler_is_rep,
 *                            handler_name, handler_phone, fix_*, token,
 *                            id?, csrf
 *   GET  /chexiao/lookup     撤销申请查询: no=CX…: 303 to the task, or
 *                            404 (none of the unit's)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "employment.h"
#include "taskpage.h"
#include "chexiao.h"
#include "chexiao_page.h"

/* Loads the registration named by field emp of the session's unit into
 * e.  Answers 404 (or 503) and returns -1 when there is none. */
static int
load_registration(struct hall_ctx *c, struct employment *e)
{
	int64_t	 id = page_id_param(c, "emp");
	int	 rc = id > 0 ? emp_load(c->s, c->acct.unit_id, id, e) : 1;

	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "未找到本单位的该用工登记");
	return rc == 0 ? 0 : -1;
}

/* The common parts of the form: options, 审核时限, recent tasks.
 * Returns 0 or -1. */
static int
form_common(struct hall_ctx *c)
{
	cx_page_options(c);
	tp_add_review_days(c, NULL);
	return tp_add_recent(c);
}

/* GET /chexiao without id. */
static void
form_get(struct hall_ctx *c)
{
	const char		*reason = req_get(c->r, "reason");
	const char		*rep = req_get(c->r, "rep");
	struct form_errors	 errs;
	struct chexiao_row	 r;
	struct employment	 e;

	if (req_get(c->r, "emp") == NULL) {
		tp_begin(c, "start", "撤销用工登记");
		page_form_token(c);
		if (tp_add_recent(c) != 0)
			page_busy(c);
		return;
	}
	if (load_registration(c, &e) != 0)
		return;
	errs.n = 0;
	if (cx_can_revoke(c->s, c->acct.unit_id, &e, 0, &errs) != 0) {
		page_busy(c);
		return;
	}
	if (errs.n > 0) {
		tp_begin(c, "refused", "撤销用工登记");
		cx_page_registration(c, &e);
		if (cx_page_blockers(c, &e) != 0) {
			page_busy(c);
			return;
		}
		page_form_errors(c, &errs);
		page_message(c, "error", "该用工登记不能在网上撤销,请按提示办理");
		c->status = 409;
		return;
	}
	tp_begin(c, "form", "撤销用工登记");
	page_attr(c->page, "editable", "1");
	page_form_token(c);
	cx_page_registration(c, &e);
	memset(&r, 0, sizeof(r));
	r.employment_id = e.id;
	r.handler_is_rep = rep == NULL || strcmp(rep, "0") != 0;
	if (reason != NULL && cx_reason_of(reason) != CX_REASON__MAX)
		snprintf(r.reason, sizeof(r.reason), "%s", reason);
	snprintf(r.handler_name, sizeof(r.handler_name), "%s",
	    c->acct.display_name);
	cx_page_row(c, &r);
	cx_page_materials(c, r.reason, r.handler_is_rep);
	if (form_common(c) != 0)
		page_busy(c);
}

/* A refused save: the typed values, the errors, nothing stored. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs,
    const struct task *t, const struct employment *e, int status)
{
	const char	*rep = req_get(c->r, "handler_is_rep");

	tp_begin_refused(c, "撤销用工登记", t);
	if (e != NULL)
		cx_page_registration(c, e);
	if (e != NULL && status == 409 && cx_page_blockers(c, e) != 0) {
		page_busy(c);
		return;
	}
	cx_page_posted(c);
	cx_page_materials(c, req_get(c->r, "reason"), rep == NULL ||
	    strcmp(rep, "0") != 0);
	if ((t != NULL && page_attachments(c, NULL, t->id) == NULL) ||
	    form_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", status == 409 ?
	    "该用工登记不能在网上撤销,请按提示办理" :
	    "信息未保存,请按红色提示修改");
	c->status = status;
}

/* POST /chexiao/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[CXF__MAX];
	struct form_errors	 errs;
	struct chexiao_row	 r, old;
	struct employment	 e;
	struct task		 t, *tp = NULL;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	if (req_get(c->r, "id") != NULL && *req_get(c->r, "id") != '\0') {
		if (tp_load(c, &t) != 0)
			return;
		if (!wf_editable(&t)) {
			page_fail(c, 409, "BAD_STATE",
			    wf_result_message(WF_BADSTATE));
			return;
		}
		tp = &t;
	}
	errs.n = 0;
	form_validate(c->r, cx_form_defs, CXF__MAX, &c->today, vals, &errs);
	if (errs.n > 0) {
		save_refused(c, &errs, tp, NULL, 422);
		return;
	}
	if (load_registration(c, &e) != 0)
		return;
	/* A draft keeps the registration it was opened for. */
	if (tp != NULL && (rc = cx_row_load(c->s, tp->id, &old)) == 0 &&
	    old.employment_id != e.id) {
		form_error_add(&errs, "emp", "CX_EMP_CHANGED",
		    "撤销申请保存后不能更换要撤销的用工登记");
		save_refused(c, &errs, tp, &e, 422);
		return;
	}
	cx_row_from_form(vals, &e, &r);
	/* A vague explanation is refused, not kept as a draft. */
	if (cx_reason_of(r.reason) == CX_REASON_OTHER &&
	    cx_explain_policy(c->s, c->acct.unit_id, r.explanation,
	    &c->today, &errs) < 0) {
		page_busy(c);
		return;
	}
	if (errs.n == 0)
		cx_fix_check(&r, &errs);
	if (errs.n > 0) {
		save_refused(c, &errs, tp, &e, 422);
		return;
	}
	if ((rc = cx_save(c->s, &c->who, tp, &r, page_dedup_key(c, "cx", key),
	    &id, &created, &errs)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		save_refused(c, &errs, tp, &e, 409);
		return;
	}
	tp_saved(c, id, tp != NULL || created);
}

/* GET /chexiao/lookup: 撤销申请查询. */
static void
lookup_get(struct hall_ctx *c)
{
	const char	*no = req_get(c->r, "no");
	xmlNodePtr	 q;
	int64_t		 id;
	char		 path[64];
	int		 rc;

	if (no == NULL || *no == '\0') {
		tp_begin(c, "lookup", "撤销申请查询");
		page_add(c, NULL, "query", NULL);
		return;
	}
	if (valid_text(no, 40) != VALID_OK) {
		tp_begin(c, "lookup", "撤销申请查询");
		page_add(c, NULL, "query", NULL);
		page_message(c, "error", "撤销申请编号格式不正确");
		c->status = 422;
		return;
	}
	if ((rc = cx_lookup(c->s, c->acct.unit_id, no, &id)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		tp_begin(c, "lookup", "撤销申请查询");
		q = page_add(c, NULL, "query", NULL);
		page_attr(q, "no", no);
		page_message(c, "error", "未找到本单位该撤销申请编号的申请,请核对"
		    "编号(以CX开头)");
		c->status = 404;
		return;
	}
	snprintf(path, sizeof(path), "/chexiao?id=%" PRId64, id);
	page_redirect(c, path);
}

static const struct route routes[] = {
	{ REQ_GET, "/chexiao/lookup", lookup_get, ROUTE_UNIT },
};

static const struct tp_business chexiao_pages = {
	.wf = &chexiao_business,
	.xsl = "chexiao.xsl",
	.form = form_get,
	.save = save_post,
	.materials = cx_page_task_materials,
	.task_xml = cx_page_task,
	.batch_xml = NULL,
	.lint = cx_lint,
	.done_note = "用工登记已撤销;如员工仍在本单位参保缴费,请办理减员",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&chexiao_pages, argc, argv);
}
