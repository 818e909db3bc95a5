/*
 * nianbao: 年度缴费工资申报 (职工缴费工资申报) [SPEC §6; seed 003 九 and
 * its 操作流程].  Rules, rows and the business: lib/nianbao.c; the task
 * pages every business shares (task, upload, attachment, submit, 退单,
 * delete, the batch pages with the pre-filled 模版下载): lib/taskpage.c.
 * Its own routes:
 *
 *   GET  /nianbao                  without id: the window, the steps
 *                                  and the form of a single person
 *   POST /nianbao/save             sfzh, name, nb_wage, nb_remark,
 *                                  token, csrf
 *   POST /nianbao/row              id, row, nb_wage, nb_remark, csrf:
 *                                  a row of a draft corrected (a row
 *                                  the reviewer sent back)
 *
 * The declaration's page (GET /nianbao?id=N, and /nianbao/batch/result)
 * is its 上传明细: the rows a page at a time (rpage=), those of one
 * 身份证号 (idno=), a 删除 per row while a draft, and the persons
 * insured here not declared for the year (mpage=).  Outside the window
 * nothing is saved: 422 with the form again and when it opens.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "nianbao.h"
#include "nianbao_page.h"
#include "taskpage.h"

#define NB_TITLE	"职工缴费工资申报"

/* GET /nianbao */
static void
form_get(struct hall_ctx *c)
{
	tp_begin(c, "form", NB_TITLE);
	page_attr(c->page, "editable", "1");
	page_form_token(c);
	page_add(c, NULL, "nianbao", NULL);
	if (nb_page_common(c) != 0)
		page_busy(c);
}

/* A refused save: the typed values, the errors, nothing stored. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs)
{
	tp_begin_refused(c, NB_TITLE, NULL);
	nb_page_posted(c);
	if (nb_page_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* POST /nianbao/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[NBF__MAX];
	struct form_errors	 errs;
	struct nianbao_row	 r;
	struct task		 t, *tp;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	if (tp_load_draft(c, &t, &tp) != 0)
		return;
	if (tp != NULL) {
		/* A declaration is changed by deleting rows, not resaved. */
		page_fail(c, 409, "BAD_STATE", "该申报已保存,如需修改请删除该行"
		    "或退单后重新申报");
		return;
	}
	errs.n = 0;
	form_validate(c->r, nianbao_form_defs, NBF__MAX, &c->today, vals,
	    &errs);
	if (errs.n > 0) {
		save_refused(c, &errs);
		return;
	}
	nianbao_row_from_form(vals, &r);
	if ((rc = nianbao_save(c->s, &c->who, &r, page_dedup_key(c, "nb",
	    key), &id, &created, &errs)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		save_refused(c, &errs);
		return;
	}
	tp_saved(c, id, created);
}

/* A refused correction: the task page again with errs, status. */
static void
row_refused(struct hall_ctx *c, const struct task *t, int status,
    const struct form_errors *errs, const char *msg)
{
	if (tp_show(c, t, 0) < 0) {
		page_busy(c);
		return;
	}
	if (errs != NULL)
		page_form_errors(c, errs);
	page_message(c, "error", msg);
	c->status = status;
}

/* POST /nianbao/row: id, row, nb_wage, nb_remark: a row corrected. */
static void
row_post(struct hall_ctx *c)
{
	static const struct field_def defs[2] = {
		{ "nb_wage", "上年度月平均工资", FIELD_MONEY, FIELD_REQUIRED, 0,
		    NULL, 0, 0 },
		{ "nb_remark", "备注", FIELD_TEXT, 0, 100, NULL, 0, 0 },
	};
	struct field_val	 vals[2];
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 row = page_id_param(c, "row");
	int			 rc;

	if (tp_load(c, &t) != 0)
		return;
	errs.n = 0;
	form_validate(c->r, defs, 2, &c->today, vals, &errs);
	if (errs.n > 0) {
		row_refused(c, &t, 422, &errs, "未修改,请按红色提示填写");
		return;
	}
	rc = row > 0 && row < 1000000 ? nianbao_row_correct(c->s, &c->who,
	    t.id, (int)row, vals[0].num, vals[1].str, &errs) : 2;
	if (rc < 0)
		page_busy(c);
	else if (rc == 1)
		row_refused(c, &t, 422, &errs, "未修改,请按红色提示修改");
	else if (rc == 2)
		row_refused(c, &t, 404, NULL, "未找到该行");
	else if (rc == 3)
		page_fail(c, 409, "BAD_STATE", wf_result_message(WF_BADSTATE));
	else
		tp_redirect(c, t.id, "saved");
}

static const struct route routes[] = {
	{ REQ_POST, "/nianbao/row", row_post, ROUTE_UNIT },
};

static const struct tp_business nianbao_pages = {
	.wf = &nianbao_business,
	.xsl = "nianbao.xsl",
	.form = form_get,
	.save = save_post,
	.materials = nb_page_materials,
	.task_xml = nb_page_task,
	.batch_xml = nb_page_batch,
	.lint = nianbao_lint,
	.done_note = "新的缴费基数自申报年度规定月份起执行",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&nianbao_pages, argc, argv);
}
