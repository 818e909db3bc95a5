/*
 * zengyuan: 增员 (续保), 城镇职工增加 [SPEC §5; seed 003 二 网上办理职工
 * 新增及续保业务].  Rules, rows and the business: lib/zengyuan.c; the
 * task pages every business shares (task, upload, attachment, submit,
 * 退单, delete, batch): lib/taskpage.c.  《企业参保人员增员表》 is
 * /print/zengyuan (printable once submitted: a 普通 unit brings it to
 * the counter) and, as .xlsx, /zengyuan/export.  Its own routes:
 *
 *   GET  /zengyuan                 without id: the new form
 *   POST /zengyuan/save            the form fields, token, id?, csrf
 *   GET  /zengyuan/export          id: 《企业参保人员增员表》 .xlsx
 *
 * Save: malformed input or input that breaks a rule (insured here or
 * elsewhere, 个人流动窗口, 大学生医保, the age window of a first
 * enrolment, 补缴 over 3 months, no 用工备案 where required) is refused
 * (422) with the form again and nothing stored.  Saved, the task page
 * is the 信息核对: 姓名, 身份证号, 性别, 出生日期 locked (退单 and a new
 * form to change them), the rest editable.  Submit checks every rule
 * again, with the materials.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "taskpage.h"
#include "zengyuan.h"
#include "zengyuan_page.h"

/* GET /zengyuan */
static void
form_get(struct hall_ctx *c)
{
	struct zengyuan_row	 r;

	tp_begin(c, "form", "城镇职工增加");
	page_attr(c->page, "editable", "1");
	page_form_token(c);
	memset(&r, 0, sizeof(r));
	snprintf(r.nation, sizeof(r.nation), "汉族");
	snprintf(r.hukou_type, sizeof(r.hukou_type), "城镇");
	snprintf(r.start_month, sizeof(r.start_month), "%04d-%02d",
	    c->today.year, c->today.month);
	zy_page_row(c, &r);
	if (zy_page_materials(c, 0) != 0 || zy_page_common(c) != 0)
		page_busy(c);
}

/* A refused save: the typed values, the errors, nothing stored. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs,
    const struct task *t)
{
	tp_begin_refused(c, "城镇职工增加", t);
	zy_page_posted(c);
	if (zy_page_materials(c, 0) != 0 ||
	    (t != NULL && page_attachments(c, NULL, t->id) == NULL) ||
	    zy_page_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* POST /zengyuan/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[ZYF__MAX];
	struct form_errors	 errs;
	struct zengyuan_row	 r;
	struct task		 t, *tp;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	if (tp_load_draft(c, &t, &tp) != 0)
		return;
	errs.n = 0;
	form_validate(c->r, zengyuan_form_defs, ZYF__MAX, &c->today, vals,
	    &errs);
	if (errs.n > 0) {
		save_refused(c, &errs, tp);
		return;
	}
	zengyuan_row_from_form(vals, &r);
	if ((rc = zengyuan_save(c->s, &c->who, tp, &r, page_dedup_key(c,
	    "zy", key), &id, &created, &errs)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		save_refused(c, &errs, tp);
		return;
	}
	tp_saved(c, id, tp != NULL || created);
}

/* GET /zengyuan/export: the 增员表 as .xlsx. */
static void
export_get(struct hall_ctx *c)
{
	struct task	 task;

	if (tp_load(c, &task) != 0)
		return;
	if (zy_table_xlsx(c->s, task.id, &c->file, &c->filesz) != 0) {
		page_busy(c);
		return;
	}
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "企业参保人员增员表-%s.xlsx",
	    task.seq_no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

static const struct route routes[] = {
	{ REQ_GET, "/zengyuan/export", export_get, ROUTE_UNIT },
};

static const struct tp_business zengyuan_pages = {
	.wf = &zengyuan_business,
	.xsl = "zengyuan.xsl",
	.form = form_get,
	.save = save_post,
	.materials = zy_page_task_materials,
	.task_xml = zy_page_task,
	.batch_xml = zy_page_batch,
	.lint = zengyuan_lint,
	.done_note = "该职工自参保日期起参保缴费;请打印《企业参保人员增员表》存档",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&zengyuan_pages, argc, argv);
}
