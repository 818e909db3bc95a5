/*
 * zhuxiao: 当月欠费注销 [003 六; SPEC §7] (缴费管理 → 当月欠费注销).
 * Rules, row and business: lib/zhuxiao.c; the task pages every
 * business shares (task, upload, attachment, submit, 退单):
 * lib/taskpage.c.  Its own routes:
 *
 *   GET  /zhuxiao            without id: the query (身份证号); with
 *                            sfzh= the person's arrears of the current
 *                            month, every type, and the form (404 for
 *                            a person not of the unit; 409 with the way
 *                            forward when the month cannot be cancelled,
 *                            e.g. only earlier months owed: 补缴)
 *   POST /zhuxiao/save       sfzh, month, confirm=1, token, id?, csrf
 *
 * Save: malformed input, a month other than the current one, a person
 * who does not owe it, or no 无法恢复 confirmation is refused (422)
 * with the form again and nothing stored.  Submit checks again, with
 * the signed statement; on approval the month is settled as 注销.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "taskpage.h"
#include "zhuxiao.h"
#include "zhuxiao_page.h"

/* Finds the person of 身份证号 idno of the session's unit into r
 * (person_id, name, idno).  Answers 404 (or 503) and returns -1 when
 * he is not the unit's. */
static int
load_person(struct hall_ctx *c, const char *idno, struct zhuxiao_row *r)
{
	int	 rc;

	rc = zx_person(c->s, c->acct.unit_id, idno, &r->person_id, r->name);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "未找到本单位的该人员");
	else
		snprintf(r->idno, sizeof(r->idno), "%s", idno);
	return rc == 0 ? 0 : -1;
}

/* The query view: the 身份证号 box and the unit's 注销 tasks. */
static void
query_view(struct hall_ctx *c)
{
	tp_begin(c, "query", "当月欠费注销");
	page_form_token(c);
	if (zx_page_common(c) != 0)
		page_busy(c);
}

/* A malformed query: the box again with the errors (422). */
static void
query_refused(struct hall_ctx *c, const struct form_errors *errs)
{
	query_view(c);
	zx_page_posted(c);
	page_form_errors(c, errs);
	c->status = 422;
}

/* GET /zhuxiao without id. */
static void
form_get(struct hall_ctx *c)
{
	struct field_val	 vals[ZXF__MAX];
	struct form_errors	 errs;
	struct zhuxiao_row	 r;

	if (req_get(c->r, "sfzh") == NULL) {
		query_view(c);
		return;
	}
	errs.n = 0;
	form_validate(c->r, zhuxiao_form_defs, 1, &c->today, vals, &errs);
	if (errs.n > 0) {
		query_refused(c, &errs);
		return;
	}
	memset(&r, 0, sizeof(r));
	if (load_person(c, vals[ZXF_SFZH].str, &r) != 0)
		return;
	zx_month_of(&c->today, r.month);
	if (zx_rules(c->s, c->acct.unit_id, 0, &r, &c->today, &errs,
	    NULL) != 0) {
		page_busy(c);
		return;
	}
	tp_begin(c, errs.n > 0 ? "refused" : "form", "当月欠费注销");
	page_attr(c->page, "editable", errs.n > 0 ? "0" : "1");
	page_form_token(c);
	if (zx_page_row(c, c->acct.unit_id, &r) == NULL ||
	    zx_page_common(c) != 0) {
		page_busy(c);
		return;
	}
	zx_page_materials(c);
	if (errs.n > 0) {
		page_form_errors(c, &errs);
		page_message(c, "error", "该人员的欠费不能在此注销,请按提示办理");
		c->status = 409;
	}
}

/* A refused save: the person's month again with the errors, nothing
 * stored (r NULL: the person is not known yet). */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs,
    const struct task *t, const struct zhuxiao_row *r)
{
	tp_begin_refused(c, "当月欠费注销", t);
	if (r != NULL && zx_page_row(c, c->acct.unit_id, r) == NULL) {
		page_busy(c);
		return;
	}
	if (r == NULL)
		zx_page_posted(c);
	zx_page_materials(c);
	if ((t != NULL && page_attachments(c, NULL, t->id) == NULL) ||
	    zx_page_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* POST /zhuxiao/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[ZXF__MAX];
	struct form_errors	 errs;
	struct zhuxiao_row	 r, old;
	struct task		 t, *tp;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	if (tp_load_draft(c, &t, &tp) != 0)
		return;
	errs.n = 0;
	form_validate(c->r, zhuxiao_form_defs, ZXF__MAX, &c->today, vals,
	    &errs);
	if (errs.n > 0) {
		save_refused(c, &errs, tp, NULL);
		return;
	}
	memset(&r, 0, sizeof(r));
	if (load_person(c, vals[ZXF_SFZH].str, &r) != 0)
		return;
	snprintf(r.month, sizeof(r.month), "%04d-%02d",
	    vals[ZXF_MONTH].date.year % 10000, vals[ZXF_MONTH].date.month % 100);
	r.confirmed = vals[ZXF_CONFIRM].present;
	/* A draft keeps the person it was saved for. */
	if (tp != NULL && zhuxiao_row_load(c->s, tp->id, &old) == 0 &&
	    old.person_id != r.person_id) {
		form_error_add(&errs, "sfzh", "ZX_PERSON_CHANGED",
		    "欠费注销保存后不能更换人员,请退单后重新办理");
		save_refused(c, &errs, tp, &old);
		return;
	}
	if ((rc = zhuxiao_save(c->s, &c->who, tp, &r, page_dedup_key(c, "zx",
	    key), &id, &created, &errs)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		save_refused(c, &errs, tp, &r);
		return;
	}
	tp_saved(c, id, tp != NULL || created);
}

static const struct tp_business zhuxiao_pages = {
	.wf = &zhuxiao_business,
	.xsl = "zhuxiao.xsl",
	.form = form_get,
	.save = save_post,
	.materials = zx_page_task_materials,
	.task_xml = zx_page_task,
	.batch_xml = NULL,
	.lint = zhuxiao_lint,
	.done_note = "该人员当月欠费已注销(所有险种),注销后无法恢复;"
	    "请将职工签字确认的情况说明归档备查",
	.routes = NULL,
	.nroutes = 0,
};

int
main(int argc, char *argv[])
{
	return tp_main(&zhuxiao_pages, argc, argv);
}
