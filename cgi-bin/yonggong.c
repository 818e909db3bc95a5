/*
 * yonggong: 用工备案 [SPEC §3; seed 001; 就业服务与就业管理规定 Art. 62],
 * the first business made from docs/BUSINESS.md.  Rules, rows and the
 * business: lib/yonggong.c; the task pages every business shares
 * (task, upload, attachment, submit, 退单, delete, batch): lib/taskpage.c.
 * The 《用工备案表》 is /print/yonggong.  Its own routes:
 *
 *   GET  /yonggong                 without id: the new form
 *   POST /yonggong/save            the form fields, token, id?, csrf
 *
 * Save: malformed input or input that breaks a rule (身份证号 and what
 * must agree with it, 全日制 elsewhere, a duplicate, dates, age, 合同
 * 编号) is refused (422) with the form again and nothing stored; a
 * registration past the 30 days is stored and flagged 逾期 (a warning).
 * Submit checks every rule again, with the 劳动合同 scan.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "taskpage.h"
#include "yonggong.h"
#include "yonggong_page.h"

/* GET /yonggong */
static void
form_get(struct hall_ctx *c)
{
	struct yonggong_row	 r;

	tp_begin(c, "form", "用工备案");
	page_attr(c->page, "editable", "1");
	page_form_token(c);
	memset(&r, 0, sizeof(r));
	snprintf(r.work_form, sizeof(r.work_form), "全日制");
	snprintf(r.category, sizeof(r.category), "合同制");
	hdate_fmt(&c->today, r.hire_date);
	yg_page_row(c, &r);
	if (yg_page_materials(c, 0) != 0 || yg_page_common(c) != 0)
		page_busy(c);
}

/* A refused save: the typed values, the errors, nothing stored. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs,
    const struct task *t)
{
	tp_begin_refused(c, "用工备案", t);
	yg_page_posted(c);
	if (yg_page_materials(c, 0) != 0 ||
	    (t != NULL && page_attachments(c, NULL, t->id) == NULL) ||
	    yg_page_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* POST /yonggong/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[YGF__MAX];
	struct form_errors	 errs;
	struct yonggong_row	 r;
	struct task		 t, *tp;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	if (tp_load_draft(c, &t, &tp) != 0)
		return;
	errs.n = 0;
	form_validate(c->r, yonggong_form_defs, YGF__MAX, &c->today, vals,
	    &errs);
	if (errs.n > 0) {
		save_refused(c, &errs, tp);
		return;
	}
	yonggong_row_from_form(vals, &r);
	if ((rc = yonggong_save(c->s, &c->who, tp, &r, page_dedup_key(c,
	    "yg", key), &id, &created, &errs)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		save_refused(c, &errs, tp);
		return;
	}
	tp_saved(c, id, tp != NULL || created);
}

static const struct tp_business yonggong_pages = {
	.wf = &yonggong_business,
	.xsl = "yonggong.xsl",
	.form = form_get,
	.save = save_post,
	.materials = yg_page_task_materials,
	.task_xml = yg_page_task,
	.batch_xml = yg_page_batch,
	.lint = yonggong_lint,
	.done_note = "请打印《用工备案表》存档;员工离职时请及时办理退工登记",
	.routes = NULL,
	.nroutes = 0,
};

int
main(int argc, char *argv[])
{
	return tp_main(&yonggong_pages, argc, argv);
}
