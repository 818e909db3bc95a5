/*
 * tuigong: 退工登记 [SPEC §2, §9, §11; seeds 000, 004].  The form with
 * the facts the hall already knows, its rules, the materials by
 * reason, 批量退工 by .xlsx, and the employee's timeline.  Rules, rows
 * and the business: lib/tuigong.c; the task pages every business
 * shares (task, upload, attachment, submit, 退单, delete, batch):
 * lib/taskpage.c.  The 《退工登记证明》 is /print/tuigong.  Its own
 * routes:
 *
 *   GET  /tuigong                  without id: the new form (q_sfzh=,
 *                                  the query box, or sfzh=, a pick-list
 *                                  link, prefills from the store;
 *                                  reason= previews the tg_page_task_materials)
 *   POST /tuigong/save             the form fields, token, id?, csrf
 *   GET  /tuigong/timeline         sfzh=: the employee's timeline
 *   GET  /tuigong/jisuan           id: the 《经济补偿金计算表》 of the
 *                                  unit's single 退工 in any state (a
 *                                  draft marked 草稿; once 结束 it links
 *                                  to the numbered /print/jjbc), 404
 *                                  for another unit's or none stored
 *   GET  /tuigong/jisuan/xlsx      id: the same as .xlsx (with the
 *                                  receipt's number once 结束)
 *
 * 经济补偿 (lib/tuigong_comp.h): the form's 月工资, 实付经济补偿,
 * 工作年限起算日期 and exempting basis are validated with the form and
 * the statutory figure is worked out and stored with the row; a
 * payment below it is saved, and the page warns.
 *
 * Save: malformed input is refused (422) and nothing is stored, as is
 * a second 退工 of a person who has an unfinished one (TG_DUPLICATE,
 * naming it); input that breaks a rule of the facts is stored as a
 * draft, whose page lists the rules it breaks; submit refuses while
 * any rule fails.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "batch.h"
#include "taskpage.h"
#include "receipt.h"
#include "tuigong.h"
#include "tuigong_comp.h"
#include "tuigong_page.h"

/* Prefills r from the 身份证号 of the query box (q_sfzh, or sfzh from
 * a pick-list link), adding the query's errors to errs under q_sfzh.
 * *status becomes 404 for a number nobody here has.  Returns 0 or -1. */
static int
query_prefill(struct hall_ctx *c, const char *sfzh, struct tuigong_row *r,
    struct form_errors *errs, int *status)
{
	struct idcard	 ic;
	int64_t		 id;
	char		 buf[256], seq[32];
	enum valid_err	 ve;
	int		 rc;

	if ((ve = valid_idcard(sfzh, &c->today, &ic)) != VALID_OK) {
		form_error_add(errs, "q_sfzh", valid_code(ve),
		    valid_message(ve, "身份证号", buf, sizeof(buf)));
		*status = 422;
		return 0;
	}
	if ((rc = tuigong_prefill(c->s, c->acct.unit_id, ic.number, r)) < 0)
		return -1;
	if (rc > 0) {
		form_error_add(errs, "q_sfzh", "TG_NOT_EMPLOYED",
		    "本单位没有该身份证号的在职员工");
		*status = 404;
		return 0;
	}
	if ((rc = tuigong_open_task(c->s, c->acct.unit_id, ic.number, 0, &id,
	    seq)) < 0)
		return -1;
	if (rc > 0) {
		form_error_add(errs, "q_sfzh", "TG_DUPLICATE",
		    tg_duplicate_message(seq, buf, sizeof(buf)));
		tg_page_duplicate(c, id, seq);
	}
	return 0;
}

/* GET /tuigong */
static void
form_get(struct hall_ctx *c)
{
	const char		*sfzh = req_get(c->r, "q_sfzh");
	const char		*reason = req_get(c->r, "reason");
	struct form_errors	 errs;
	struct tuigong_row	 r;
	xmlNodePtr		 q;
	int			 status = 200;

	if (sfzh == NULL)
		sfzh = req_get(c->r, "sfzh");
	tp_begin(c, "form", "退工登记");
	page_attr(c->page, "editable", "1");
	page_form_token(c);
	/* The query box keeps what was typed, right or wrong. */
	q = page_add(c, NULL, "query", NULL);
	page_attr(q, "sfzh", sfzh != NULL && valid_text(sfzh, 64) == VALID_OK ?
	    sfzh : "");
	memset(&r, 0, sizeof(r));
	errs.n = 0;
	if (sfzh != NULL && *sfzh != '\0' &&
	    query_prefill(c, sfzh, &r, &errs, &status) != 0) {
		page_busy(c);
		return;
	}
	if (reason != NULL && tuigong_reason_of(reason) != TG_REASON__MAX)
		snprintf(r.reason, sizeof(r.reason), "%s", reason);
	if (r.handler_name[0] == '\0')
		snprintf(r.handler_name, sizeof(r.handler_name), "%s",
		    c->acct.display_name);
	tg_page_row(c, &r);
	if (tg_page_comp_new(c, &r) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, &errs);
	c->status = status;
	if (tg_page_persons(c) != 0 || tg_page_materials(c, r.reason, 0, 0) != 0 ||
	    tg_page_common(c) != 0)
		page_busy(c);
}

/* A refused save: the typed values, the errors, nothing stored. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs,
    const struct task *t)
{
	tp_begin_refused(c, "退工登记", t);
	tg_page_posted(c);
	tg_page_comp_posted(c);
	if (tg_page_materials(c, req_get(c->r, "reason"),
	    req_get(c->r, "compensation") != NULL, 0) != 0 ||
	    (t != NULL && page_attachments(c, NULL, t->id) == NULL) ||
	    tg_page_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* POST /tuigong/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[TGF__MAX], cv[TGCF__MAX];
	struct form_errors	 errs;
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	struct tg_comp		 k;
	struct task		 t, *tp = NULL;
	int64_t			 id, dup_id;
	char			 buf[256], key[48], dup_seq[32];
	int			 created, rc;

	if (req_get(c->r, "id") != NULL && *req_get(c->r, "id") != '\0') {
		if (tp_load(c, &t) != 0)
			return;
		/* A batch, even with no rows left, never takes the form. */
		if ((rc = batch_is(c->s, t.id)) < 0) {
			page_busy(c);
			return;
		}
		if (!wf_editable(&t) || rc) {
			page_fail(c, 409, "BAD_STATE",
			    wf_result_message(WF_BADSTATE));
			return;
		}
		tp = &t;
	}
	errs.n = 0;
	form_validate(c->r, tuigong_form_defs, TGF__MAX, &c->today, vals, &errs);
	form_validate(c->r, tg_comp_defs, TGCF__MAX, &c->today, cv, &errs);
	if (errs.n == 0)
		tuigong_form_extra(vals, &errs);
	if (errs.n == 0)
		tg_comp_form_extra(cv, vals[TGF_REASON].str,
		    vals[TGF_END_DATE].str, &errs);
	if (errs.n > 0) {
		save_refused(c, &errs, tp);
		return;
	}
	tuigong_row_from_form(vals, &r);
	if (tuigong_facts(c->s, c->acct.unit_id, &r, &f) != 0) {
		page_busy(c);
		return;
	}
	tuigong_row_apply_facts(&r, &f);
	if (tg_comp_work(c->s, c->acct.unit_id, &r, cv, &k) != 0) {
		page_busy(c);
		return;
	}
	r.comp = &k;
	if (k.paid_entered && k.paid_fen > 0)
		r.compensation = 1;
	if ((rc = tuigong_save(c->s, &c->who, tp, &r, page_dedup_key(c, "tg",
	    key), &id, &created, &dup_id, dup_seq)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		form_error_add(&errs, "sfzh", "TG_DUPLICATE",
		    tg_duplicate_message(dup_seq, buf, sizeof(buf)));
		save_refused(c, &errs, tp);
		tg_page_duplicate(c, dup_id, dup_seq);
		return;
	}
	tp_saved(c, id, tp != NULL || created);
}

/* ---- The employee's timeline ---- */

/* GET /tuigong/timeline */
static void
timeline_get(struct hall_ctx *c)
{
	const char		*sfzh = req_get(c->r, "sfzh");
	struct tuigong_timeline	 tl;
	struct form_errors	 errs;
	struct idcard		 ic;
	xmlNodePtr		 q;
	char			 buf[256];
	enum valid_err		 ve;
	int			 rc;

	tp_begin(c, "timeline", "员工时间轴");
	q = page_add(c, NULL, "query", NULL);
	page_attr(q, "sfzh", sfzh != NULL && valid_text(sfzh, 18) == VALID_OK ?
	    sfzh : "");
	if (sfzh == NULL || *sfzh == '\0') {
		if (tg_page_person_links(c) != 0)
			page_busy(c);
		return;
	}
	errs.n = 0;
	if ((ve = valid_idcard(sfzh, &c->today, &ic)) != VALID_OK) {
		form_error_add(&errs, "sfzh", valid_code(ve),
		    valid_message(ve, "身份证号", buf, sizeof(buf)));
		page_form_errors(c, &errs);
		c->status = 422;
		return;
	}
	if ((rc = tuigong_timeline(c->s, c->acct.unit_id, ic.number,
	    &tl)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		form_error_add(&errs, "sfzh", "TG_NOT_EMPLOYED",
		    "本单位没有该员工的用工记录");
		page_form_errors(c, &errs);
		c->status = 404;
		return;
	}
	tg_page_timeline(c, &tl);
}

/* ---- 《经济补偿金计算表》 ---- */

/* describe() callback: one <field label=...>value</field> under the
 * <detail> arg. */
static void
jisuan_field(void *arg, const char *label, const char *value)
{
	struct hall_ctx	*c = ((void **)arg)[0];
	xmlNodePtr	 detail = ((void **)arg)[1];

	page_attr(page_add(c, detail, "field", value), "label", label);
}

/* Loads the single 退工 named by id with its 经济补偿 stored.  Returns
 * 0, or 1 when the page holds the refusal (404). */
static int
jisuan_load(struct hall_ctx *c, struct task *t)
{
	struct tg_comp	*k;
	int		 rc;

	if (tp_load(c, t) != 0)
		return 1;
	if ((k = malloc(sizeof(*k))) == NULL) {
		page_busy(c);
		return 1;
	}
	rc = tg_comp_load(c->s, t->id, 0, k);
	free(k);
	if (rc < 0) {
		page_busy(c);
		return 1;
	}
	if (rc > 0) {
		page_fail(c, 404, "NOT_FOUND", "该业务没有经济补偿金计算表(批量"
		    "退工、或保存时未计算经济补偿的业务):请在退工登记表中填写"
		    "月工资后保存");
		return 1;
	}
	return 0;
}

/* GET /tuigong/jisuan */
static void
jisuan_get(struct hall_ctx *c)
{
	struct task	 t;
	xmlNodePtr	 n;
	void		*arg[2];

	if (jisuan_load(c, &t) != 0)
		return;
	tp_begin(c, "jisuan", "经济补偿金计算表");
	if (page_unit(c, t.unit_id) != 0) {
		page_busy(c);
		return;
	}
	n = page_add(c, NULL, "business", NULL);
	page_attr_int(n, "id", t.id);
	page_attr(n, "seq", t.seq_no);
	page_attr(n, "state", task_state_names[t.state]);
	page_attr(n, "done", t.state == TASK_DONE ? "1" : "0");
	arg[0] = c;
	arg[1] = page_add(c, NULL, "detail", NULL);
	if (tuigong_business.describe(c->s, t.id, jisuan_field, arg) != 0)
		page_busy(c);
}

/* GET /tuigong/jisuan/xlsx */
static void
jisuan_xlsx(struct hall_ctx *c)
{
	const struct wf_receipt	*kind;
	struct receipt		 rc_;
	struct task		 t;
	char			 unit[304];
	int			 rc;

	if (jisuan_load(c, &t) != 0)
		return;
	memset(&rc_, 0, sizeof(rc_));
	kind = receipt_kind_of(&tuigong_business, "jjbc");
	if (receipt_unit_name(c->s, t.unit_id, unit, sizeof(unit)) != 0 ||
	    (t.state == TASK_DONE && (kind == NULL || receipt_issue(c->s,
	    t.id, c->acct.unit_id, kind, &rc_) != 0))) {
		page_busy(c);
		return;
	}
	rc = tg_comp_xlsx(c->s, t.id, unit, t.seq_no, rc_.no, rc_.code,
	    &c->file, &c->filesz);
	if (rc != 0) {
		page_busy(c);
		return;
	}
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "经济补偿金计算表-%s.xlsx",
	    t.seq_no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

static const struct route routes[] = {
	{ REQ_GET, "/tuigong/timeline", timeline_get, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/jisuan", jisuan_get, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/jisuan/xlsx", jisuan_xlsx, ROUTE_UNIT },
};

static const struct tp_business tuigong_pages = {
	.wf = &tuigong_business,
	.xsl = "tuigong.xsl",
	.form = form_get,
	.save = save_post,
	.materials = tg_page_task_materials,
	.task_xml = tg_page_task,
	.batch_xml = tg_page_batch,
	.lint = tuigong_lint,
	.done_note = "请打印《退工登记证明》送达员工,并于退工后15日内转递档案",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&tuigong_pages, argc, argv);
}
