/*
 * gongzi: 个人工资变更 [SPEC §6; seed 003 四] (缴费管理 → 单个职工缴费基数
 * 变更申报).  Rules, row and business: lib/gongzi.c; the task pages
 * every business shares (task, submit, 退单): lib/taskpage.c.  Every
 * unit's submit is reviewed by the system at once (auto_review): the
 * new 缴费基数 applies from the next month.  Its own routes:
 *
 *   GET  /gongzi         without id: the query (请输入个人身份标志); with
 *                        q=<身份证号 or 社保个人编号> the person of the
 *                        unit 参保缴费 here and the form (404 for anyone
 *                        else: another unit's person is not said to
 *                        exist; 422 a malformed q or a 暂停缴费 person)
 *   POST /gongzi/save    pid, wage (元), token, id?, csrf
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "taskpage.h"
#include "gongzi.h"
#include "gongzi_page.h"

#define GZ_TITLE	"个人工资变更(单个职工缴费基数变更申报)"

/* The query page (view "query") with q echoed when it is text, the
 * 常用 parts, status and message (NULL: none). */
static void
query_page(struct hall_ctx *c, const char *q, int status, const char *kind,
    const char *msg)
{
	xmlNodePtr	 n;

	tp_begin(c, "query", GZ_TITLE);
	page_form_token(c);
	n = page_add(c, NULL, "query", NULL);
	if (q != NULL && valid_text(q, 40) == VALID_OK)
		page_attr(n, "q", q);
	if (gz_page_bounds(c) != 0 || tp_add_recent(c) != 0) {
		page_busy(c);
		return;
	}
	if (msg != NULL)
		page_message(c, kind, msg);
	c->status = status;
}

/* Adds <pending id= seq=> when the person's 参保 has an unfinished
 * 工资变更.  Returns 0 or -1. */
static int
add_pending(struct hall_ctx *c, const struct gz_person *p)
{
	xmlNodePtr	 n;
	int64_t		 id;
	char		 seq[32];
	int		 rc;

	if ((rc = gz_pending(c->s, p->insurance_id, 0, &id, seq)) <= 0)
		return rc;
	n = page_add(c, NULL, "pending", NULL);
	page_attr_int(n, "id", id);
	page_attr(n, "seq", seq);
	return 0;
}

/* GET /gongzi without id: the query, or the form for the person q
 * names. */
static void
form_get(struct hall_ctx *c)
{
	const char		*q = req_get(c->r, "q");
	struct form_errors	 errs;
	struct gz_person	 p;
	char			 norm[GZ_QUERY_MAX + 1];
	int			 rc;

	if (q == NULL || *q == '\0') {
		query_page(c, NULL, 200, NULL, NULL);
		return;
	}
	if (gz_query_norm(q, norm) != 0) {
		query_page(c, q, 422, "error",
		    "请输入18位身份证号码或社保个人编号(字母和数字)");
		return;
	}
	if ((rc = gz_find(c->s, c->acct.unit_id, norm, &c->today, &p)) < 0) {
		page_busy(c);
		return;
	}
	if (rc == 1) {
		query_page(c, norm, 404, "error", "未找到本单位参保缴费的该职工,"
		    "请核对身份证号码或社保个人编号");
		return;
	}
	if (rc == 2) {
		query_page(c, norm, 422, "error", "该职工在本单位已暂停缴费,"
		    "不能办理个人工资变更;恢复缴费请办理增员(续保)");
		gz_page_person(c, &p);
		errs.n = 0;
		form_error_add(&errs, "q", "GZ_NOT_PAYING",
		    "该职工在本单位已暂停缴费");
		page_form_errors(c, &errs);
		return;
	}
	tp_begin(c, "form", GZ_TITLE);
	page_attr(c->page, "editable", "1");
	page_form_token(c);
	page_attr(page_add(c, NULL, "query", NULL), "q", norm);
	gz_page_person(c, &p);
	if (add_pending(c, &p) != 0 || gz_page_bounds(c) != 0 ||
	    tp_add_recent(c) != 0)
		page_busy(c);
}

/* Whether errs holds an error of field name.  Returns 1 or 0. */
static int
field_refused(const struct form_errors *errs, const char *name)
{
	size_t	 i;

	for (i = 0; i < errs->n && i < FORM_MAX_ERRORS; i++)
		if (strcmp(errs->e[i].field, name) == 0)
			return 1;
	return 0;
}

/* A refused save: the person (when found), the typed values, the
 * errors, nothing stored. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs,
    const struct task *t, const struct gz_person *p)
{
	tp_begin_refused(c, GZ_TITLE, t);
	if (p != NULL) {
		/* The person and the search box stay as they were. */
		if (t == NULL)
			page_attr(page_add(c, NULL, "query", NULL), "q",
			    p->idno);
		gz_page_person(c, p);
	}
	gz_page_posted(c);
	if (gz_page_bounds(c) != 0 || tp_add_recent(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* POST /gongzi/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[GZF__MAX];
	struct form_errors	 errs;
	struct gongzi_row	 r;
	struct gz_person	 p;
	struct task		 t, *tp;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	if (tp_load_draft(c, &t, &tp) != 0)
		return;
	errs.n = 0;
	form_validate(c->r, gz_form_defs, GZF__MAX, &c->today, vals, &errs);
	/* The person even when the wage is refused: he stays on screen. */
	rc = 1;
	if (vals[GZF_PID].present && !field_refused(&errs, "pid") &&
	    (rc = gz_person_load(c->s, c->acct.unit_id, vals[GZF_PID].num,
	    &c->today, &p)) < 0) {
		page_busy(c);
		return;
	}
	if (errs.n > 0) {
		save_refused(c, &errs, tp, rc == 0 ? &p : NULL);
		return;
	}
	if (rc == 1) {
		page_fail(c, 404, "NOT_FOUND", "未找到本单位参保缴费的该职工");
		return;
	}
	memset(&r, 0, sizeof(r));
	r.person_id = p.person_id;
	r.wage_fen = vals[GZF_WAGE].num;
	snprintf(r.name, sizeof(r.name), "%s", p.name);
	if ((rc = gz_save(c->s, &c->who, tp, &r, page_dedup_key(c, "gz", key),
	    &id, &created, &errs)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		save_refused(c, &errs, tp, &p);
		return;
	}
	tp_saved(c, id, tp != NULL || created);
}

static const struct tp_business gongzi_pages = {
	.wf = &gongzi_business,
	.xsl = "gongzi.xsl",
	.form = form_get,
	.save = save_post,
	.materials = NULL,
	.task_xml = gz_page_task,
	.batch_xml = NULL,
	.lint = gz_lint,
	.done_note = "新的缴费基数自次月起执行,请按核定后的缴费基数缴纳社会保险费;"
	    "职工身份证复印件和工资单等收入证明由单位留存归档备查",
	.routes = NULL,
	.nroutes = 0,
};

int
main(int argc, char *argv[])
{
	return tp_main(&gongzi_pages, argc, argv);
}
