/*
 * tuigong: 退工登记 [SPEC §2, §9, §11; seeds 000, 004].  The form with
 * the facts the hall already knows, its rules on save and on submit,
 * the materials by reason, the workflow (save, edit, 退单, submit; VIP
 * reviewed at once, 普通 by the reviewer desk), 批量退工 by .xlsx, and the
 * employee's timeline.  Rules, rows and the business: lib/tuigong.c.
 * The 《退工登记证明》 print page is /print/tuigong (cgi-bin/print.c).
 *
 *   GET  /tuigong                  the new form (q_sfzh=, the query
 *                                  box, or sfzh=, a pick-list link,
 *                                  prefills from the store; reason=
 *                                  previews materials); id=: a task
 *                                  (editable form, or read-only with
 *                                  打印 when 结束), repeat=1 after a
 *                                  repeated submit or 退单
 *   POST /tuigong/save             the form fields, token, id?, csrf
 *   POST /tuigong/upload           id, code (material), file, csrf
 *   GET  /tuigong/attachment       id (attachment id): download
 *   POST /tuigong/submit           id, csrf
 *   POST /tuigong/cancel           id, csrf (退单)
 *   GET  /tuigong/batch            批量退工: template link and upload
 *   GET  /tuigong/batch/template   the .xlsx template
 *   POST /tuigong/batch/upload     file, token, csrf
 *   GET  /tuigong/batch/result     id: per-row result
 *   GET  /tuigong/batch/failures   id: 下载导入失败列表 (.xlsx)
 *   POST /tuigong/batch/delete     id, row, csrf
 *   GET  /tuigong/timeline         sfzh=: the employee's timeline
 *
 * Save: malformed input is refused (422) and nothing is stored, as is
 * a second 退工 of a person who has an unfinished one (TG_DUPLICATE,
 * naming it); input that breaks a rule of the facts is stored as a
 * draft and the rules are shown as warnings; submit refuses while any
 * rule fails.  A submit or 退单 that finds the task already where it
 * leads (the same POST twice, a double click) answers 303 to the task
 * page like a first one would show it; real conflicts answer 409.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "hall.h"
#include "attach.h"
#include "batch.h"
#include "person.h"
#include "policy.h"
#include "tasklist.h"
#include "tuigong.h"
#include "xlsx.h"

#define BUSY_MSG	"系统繁忙,请稍后再试"
#define XLSX_CTYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Sets the view, the title and the 就业失业 menu. */
static void
begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	page_attr(c->page, "category", "jiuye");
}

/* Adds the options of the form's selects. */
static void
add_form_options(struct hall_ctx *c)
{
	static const char *const sexes[] = { "男", "女", NULL };
	static const char *const hukou[] = { "城镇", "农村", NULL };

	page_options(c, "reason", tuigong_reason_names);
	page_options(c, "sex", sexes);
	page_options(c, "hukou_type", hukou);
}

/* The 审核时限 of the unit's region into min/max working days. */
static void
review_days(struct hall_ctx *c, long long *min, long long *max)
{
	struct store_stmt	*st;
	char		 region[16] = "*";

	if ((st = store_stmt(c->s, "SELECT region FROM units WHERE id = ?1"))
	    != NULL && store_bind_int(st, 1, c->acct.unit_id) == 0 &&
	    store_step(st) == STORE_ROW)
		snprintf(region, sizeof(region), "%s", store_col_text(st, 0));
	if (st != NULL)
		store_reset(st);
	policy_int(c->s, region, "review.tuigong.days_min", &c->today,
	    tuigong_business.review_days_min, min);
	policy_int(c->s, region, "review.tuigong.days_max", &c->today,
	    tuigong_business.review_days_max, max);
}

/* Adds <review-days min= max= text=「审核时限:1-3个工作日」>. */
static void
add_review_days(struct hall_ctx *c)
{
	long long	 min, max;
	char		 text[64];
	xmlNodePtr	 n;

	review_days(c, &min, &max);
	snprintf(text, sizeof(text), "审核时限:%lld-%lld个工作日", min, max);
	n = page_add(c, NULL, "review-days", text);
	page_attr_int(n, "min", min);
	page_attr_int(n, "max", max);
}

/* Adds <timeliness on-time= total= rate=>: the unit's 离职及时率.
 * Returns 0 or -1. */
static int
add_timeliness(struct hall_ctx *c)
{
	long long	 on_time, total;
	char		 rate[16];
	xmlNodePtr	 n;

	if (tuigong_timeliness(c->s, c->acct.unit_id, &on_time, &total) != 0)
		return -1;
	n = page_add(c, NULL, "timeliness", NULL);
	page_attr_int(n, "on-time", on_time);
	page_attr_int(n, "total", total);
	page_attr_int(n, "overdue", total - on_time);
	if (total > 0)
		snprintf(rate, sizeof(rate), "%.1f%%", 100.0 * (double)on_time /
		    (double)total);
	else
		snprintf(rate, sizeof(rate), "-");
	page_attr(n, "rate", rate);
	return 0;
}

/* Where the unit's recent 退工 tasks go. */
struct list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* tasklist callback: one <task>. */
static void
add_task_row(const struct task *t, const char *unit_name, void *arg)
{
	struct list_arg	*a = arg;

	page_task(a->c, a->parent, t);
}

/* Adds <recent> with the unit's 退工 tasks (待办 then 已办).  Returns 0
 * or -1. */
static int
add_recent(struct hall_ctx *c)
{
	struct list_arg	 a;

	a.c = c;
	a.parent = page_add(c, NULL, "recent", NULL);
	if (tasklist(c->s, TASKLIST_WAITING, c->acct.unit_id, "tuigong", 20,
	    add_task_row, &a) < 0 ||
	    tasklist(c->s, TASKLIST_HANDLED, c->acct.unit_id, "tuigong", 30,
	    add_task_row, &a) < 0)
		return -1;
	return 0;
}

/* Adds <tuigong .../> with the values of row (and the 出生日期 the
 * 身份证号 says).  Returns the node. */
static xmlNodePtr
add_row(struct hall_ctx *c, const struct tuigong_row *r)
{
	struct idcard	 ic;
	xmlNodePtr	 n;
	char		 birth[11] = "";

	if (valid_idcard(r->idno, NULL, &ic) == VALID_OK)
		hdate_fmt(&ic.birth, birth);
	n = page_add(c, NULL, "tuigong", NULL);
	if (r->row_no > 0)
		page_attr_int(n, "row", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "sfzh", r->idno);
	page_attr(n, "sex", r->sex);
	page_attr(n, "birth", birth);
	page_attr(n, "hukou-type", r->hukou_type);
	page_attr(n, "phone", r->phone);
	page_attr(n, "reason", r->reason);
	page_attr(n, "end-date", r->end_date);
	page_attr(n, "contract-no", r->contract_no);
	page_attr(n, "contract-start", r->contract_start);
	page_attr(n, "contract-end", r->contract_end);
	page_attr(n, "open-ended", r->open_ended ? "1" : "0");
	page_attr(n, "post", r->post);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "last-paid-month", r->last_paid_month);
	page_attr(n, "settled", r->settled ? "1" : "0");
	page_attr(n, "compensation", r->compensation ? "1" : "0");
	page_attr(n, "remark", r->remark);
	page_attr(n, "handler-name", r->handler_name);
	page_attr(n, "handler-title", r->handler_title);
	page_attr(n, "handler-phone", r->handler_phone);
	page_attr(n, "overdue", r->overdue ? "1" : "0");
	/* 是否结清 means something only for a person found on file. */
	page_attr(n, "facts", r->employment_id > 0 ? "1" : "0");
	return n;
}

/* Adds <tuigong> echoing the request's raw form values (a refused
 * save shows what was typed). */
static void
add_posted(struct hall_ctx *c)
{
	static const char *const map[][2] = {
		{ "name", "name" }, { "sfzh", "sfzh" }, { "sex", "sex" },
		{ "birth", "birth" }, { "hukou_type", "hukou-type" },
		{ "phone", "phone" }, { "reason", "reason" },
		{ "end_date", "end-date" }, { "contract_no", "contract-no" },
		{ "contract_start", "contract-start" },
		{ "contract_end", "contract-end" }, { "open_ended", "open-ended" },
		{ "post", "post" }, { "compensation", "compensation" },
		{ "remark", "remark" }, { "handler_name", "handler-name" },
		{ "handler_title", "handler-title" },
		{ "handler_phone", "handler-phone" },
	};
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "tuigong", NULL);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		v = req_get(c->r, map[i][0]);
		if (v != NULL && valid_text(v, 600) == VALID_OK)
			page_attr(n, map[i][1], v);
	}
}

/* What add_materials collects from the task's attachments. */
struct mat_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* attach_list callback: one <attachment> under the material list. */
static void
add_attachment(const struct attachment *a, void *arg)
{
	struct mat_arg	*m = arg;
	xmlNodePtr	 n;

	n = page_add(m->c, m->list, "attachment", NULL);
	page_attr_int(n, "id", a->id);
	page_attr(n, "code", a->code);
	page_attr(n, "name", a->name);
	page_attr(n, "filename", a->filename);
	page_attr(n, "mime", a->mime);
	page_attr_int(n, "size", (long long)a->size);
}

/* Adds <materials> for reason/compensation (or a batch: those of
 * batch task_id, the union over its rows, or every batch's when
 * task_id is 0) with a <material code name required uploaded> each,
 * and the task's <attachment>s when task_id > 0.  Returns 0 or -1. */
static int
add_materials(struct hall_ctx *c, int64_t task_id, const char *reason,
    int compensation, int batch)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	enum tuigong_reason	 r = tuigong_reason_of(reason);
	struct mat_arg		 a;
	xmlNodePtr		 n;
	size_t			 i, cnt;
	int			 has;

	if (batch && task_id > 0) {
		if (tuigong_task_materials(c->s, task_id, m, &cnt) != 0)
			return -1;
	} else
		cnt = tuigong_materials(r, compensation, batch, m);
	a.c = c;
	a.list = page_add(c, NULL, "materials", NULL);
	page_attr(a.list, "reason", r == TG_REASON__MAX ? "" : reason);
	page_attr(a.list, "batch", batch ? "1" : "0");
	page_attr(a.list, "max-mb", "5");
	for (i = 0; i < cnt; i++) {
		n = page_add(c, a.list, "material", NULL);
		page_attr(n, "code", m[i].code);
		page_attr(n, "name", m[i].name);
		page_attr(n, "required", m[i].required ? "1" : "0");
		if (task_id > 0) {
			if ((has = attach_has(c->s, task_id, 0, m[i].code)) < 0)
				return -1;
			page_attr(n, "uploaded", has ? "1" : "0");
		}
	}
	if (task_id > 0 && attach_list(c->s, task_id, add_attachment, &a) < 0)
		return -1;
	return 0;
}

/* Adds a 在职 person pick list (new form without sfzh). */
static void
add_person_link(const struct person *p, void *arg)
{
	xmlNodePtr	 list = arg;
	xmlNodePtr	 n;

	n = xmlNewChild(list, NULL, (const xmlChar *)"person", NULL);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
}

/* Where add_person_pick puts the pick list, and whether a look-up
 * failed. */
struct pick_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
	int		 failed;
};

/* person_list callback: one <person> of the form's pick list, with
 * open-task= and open-seq= when the person already has an unfinished
 * 退工 here (the page links to it instead of starting a second one). */
static void
add_person_pick(const struct person *p, void *arg)
{
	struct pick_arg	*a = arg;
	xmlNodePtr	 n;
	int64_t		 id;
	char		 seq[32];
	int		 rc;

	n = xmlNewChild(a->list, NULL, (const xmlChar *)"person", NULL);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
	if ((rc = tuigong_open_task(a->c->s, a->c->acct.unit_id, p->idno, 0,
	    &id, seq)) < 0)
		a->failed = 1;
	else if (rc > 0) {
		page_attr_int(n, "open-task", id);
		page_attr(n, "open-seq", seq);
	}
}

/* Adds <duplicate id= seq=>: the unfinished 退工 a refusal or a
 * prefill names, for the page's link to it. */
static void
add_duplicate(struct hall_ctx *c, int64_t id, const char *seq)
{
	xmlNodePtr	 n;

	n = page_add(c, NULL, "duplicate", NULL);
	page_attr_int(n, "id", id);
	page_attr(n, "seq", seq);
}

/* The message of TG_DUPLICATE for the 业务顺序号 seq into buf. */
static const char *
duplicate_message(const char *seq, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "该员工已有未办结的退工登记(业务顺序号 %s),"
	    "请到首页「待办」中继续办理,不要重复登记", seq);
	return buf;
}

/* The common parts of the single-form pages.  Returns 0 or -1. */
static int
add_common(struct hall_ctx *c)
{
	add_form_options(c);
	add_review_days(c);
	if (add_timeliness(c) != 0 || add_recent(c) != 0)
		return -1;
	return 0;
}

/* ---- Showing a task ---- */

static int	show_batch(struct hall_ctx *, const struct task *);

/* Shows task t: the batch result, the editable form, or read-only.
 * Returns 0 or -1. */
static int
show_task(struct hall_ctx *c, const struct task *t)
{
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	int			 batch, rc;

	if ((batch = tuigong_is_batch(c->s, t->id)) < 0)
		return -1;
	if (batch)
		return show_batch(c, t);
	if ((rc = tuigong_row_load(c->s, t->id, 0, &r)) < 0)
		return -1;
	if (rc > 0)
		memset(&r, 0, sizeof(r));
	/* A draft shows today's 社保 facts (submit reloads them too), so
	 * one saved before the 减员 reads 已结清 after it. */
	if (rc == 0 && wf_editable(t)) {
		if (tuigong_facts(c->s, c->acct.unit_id, &r, &f) != 0)
			return -1;
		tuigong_row_apply_facts(&r, &f);
	}
	if (wf_editable(t)) {
		begin(c, "form", "退工登记");
		page_attr(c->page, "editable", "1");
	} else
		begin(c, "task", "退工登记");
	page_task(c, NULL, t);
	add_row(c, &r);
	if (add_materials(c, t->id, r.reason, r.compensation, 0) != 0 ||
	    add_common(c) != 0)
		return -1;
	if (!wf_editable(t) && page_events(c, t->id) != 0)
		return -1;
	return 0;
}

/* Loads the unit's 退工 task named by the id field, answering 404 for
 * a missing one, another unit's, or another business's.  Returns 0 when
 * loaded. */
static int
load_task(struct hall_ctx *c, struct task *t)
{
	int64_t	 id = page_id_param(c, "id");
	int	 rc;

	rc = id > 0 ? wf_load(c->s, id, c->acct.unit_id, t) : 1;
	if (rc == 0 && strcmp(t->business, "tuigong") != 0)
		rc = 1;
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "未找到该退工登记业务");
	return rc;
}

/* Reloads and shows task id after a change, with a message. */
static void
reshow(struct hall_ctx *c, int64_t id, const char *kind, const char *msg)
{
	struct task	 t;

	if (wf_load(c->s, id, c->acct.unit_id, &t) != 0 ||
	    show_task(c, &t) != 0) {
		page_busy(c);
		return;
	}
	if (msg != NULL)
		page_message(c, kind, msg);
}

/* ---- The form ---- */

/* Fills r for a new form from the unit's 在职 employee idno: person,
 * contract and 社保 facts.  Returns 0, 1 not found, -1 error. */
static int
prefill(struct hall_ctx *c, const char *idno, struct tuigong_row *r)
{
	struct tuigong_facts	 f;

	memset(r, 0, sizeof(*r));
	snprintf(r->idno, sizeof(r->idno), "%s", idno);
	if (tuigong_facts(c->s, c->acct.unit_id, r, &f) != 0)
		return -1;
	if (f.other_contract_no[0] == '\0')
		return 1;
	snprintf(r->contract_no, sizeof(r->contract_no), "%s",
	    f.other_contract_no);
	if (tuigong_facts(c->s, c->acct.unit_id, r, &f) != 0)
		return -1;
	if (!f.contract_found)
		return 1;
	tuigong_row_apply_facts(r, &f);
	snprintf(r->name, sizeof(r->name), "%s", f.person_name);
	snprintf(r->sex, sizeof(r->sex), "%s", f.person_sex);
	snprintf(r->hukou_type, sizeof(r->hukou_type), "%s", f.person_hukou);
	snprintf(r->phone, sizeof(r->phone), "%s", f.person_mobile);
	snprintf(r->contract_start, sizeof(r->contract_start), "%s", f.start);
	snprintf(r->contract_end, sizeof(r->contract_end), "%s", f.end);
	r->open_ended = f.open_ended;
	snprintf(r->post, sizeof(r->post), "%s", f.post);
	return 0;
}

/* The info message for a task page reached again after a repeated
 * submit or 退单 (the same POST arriving twice), by state; NULL when
 * the state needs none. */
static const char *
repeat_message(const struct task *t)
{
	switch (t->state) {
	case TASK_PENDING:
		return "该业务已提交审批,无需再次提交";
	case TASK_DONE:
		return "该业务已办结,无需再次提交";
	case TASK_CANCELLED:
		return "该业务已退单";
	case TASK_DRAFT:
	case TASK_STATE__MAX:
	default:
		return NULL;
	}
}

/* GET /tuigong?id=: a task; repeat=1 (from a repeated POST) adds a
 * message saying the task's state. */
static void
task_get(struct hall_ctx *c)
{
	const char	*msg;
	struct task	 t;

	if (load_task(c, &t) != 0)
		return;
	if (show_task(c, &t) != 0) {
		page_busy(c);
		return;
	}
	if (req_get(c->r, "repeat") != NULL && (msg = repeat_message(&t)) !=
	    NULL)
		page_message(c, "info", msg);
}

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
	if ((rc = prefill(c, ic.number, r)) < 0)
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
		    duplicate_message(seq, buf, sizeof(buf)));
		add_duplicate(c, id, seq);
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
	struct pick_arg		 a;
	xmlNodePtr		 q;
	int			 status = 200;

	if (req_get(c->r, "id") != NULL) {
		task_get(c);
		return;
	}
	if (sfzh == NULL)
		sfzh = req_get(c->r, "sfzh");
	begin(c, "form", "退工登记");
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
	add_row(c, &r);
	page_form_errors(c, &errs);
	c->status = status;
	a.c = c;
	a.list = page_add(c, NULL, "persons", NULL);
	a.failed = 0;
	if (person_list(c->s, c->acct.unit_id, add_person_pick, &a) < 0 ||
	    a.failed || add_materials(c, 0, r.reason, 0, 0) != 0 ||
	    add_common(c) != 0)
		page_busy(c);
}

/* A refused save: the typed values, the errors, nothing stored. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs,
    const struct task *t)
{
	begin(c, "form", "退工登记");
	page_attr(c->page, "editable", "1");
	if (t != NULL)
		page_task(c, NULL, t);
	else
		page_attr(page_add(c, NULL, "form", NULL), "token",
		    req_get(c->r, "token"));
	add_posted(c);
	if (add_materials(c, t != NULL ? t->id : 0, req_get(c->r, "reason"),
	    req_get(c->r, "compensation") != NULL, 0) != 0 ||
	    add_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* An unfinished 退工 of the same person that refuses a save. */
struct dup {
	int64_t		 id;
	char		 seq[32];
};

/* Stores row r as row 0 of the task (new unless t is given) in one
 * transaction.  *id receives the task; *created whether a new task was
 * made (0 also for the same form posted again).  A person who already
 * has another unfinished 退工 here is refused, under the write lock,
 * with that task in *d.  Returns 0, 1 refused (nothing stored) or -1. */
static int
save_row(struct hall_ctx *c, const struct task *t, struct tuigong_row *r,
    int64_t *id, int *created, struct dup *d)
{
	char		 summary[160], key[48], object[40];
	struct store_stmt	*st;
	struct hdate	 on = c->today;
	int		 late, rc;

	snprintf(summary, sizeof(summary), "%s %s %s", r->name, r->reason,
	    r->end_date);
	/* A 回退 task counts to its first submission, not to today. */
	if ((t != NULL && tuigong_overdue_day(c->s, t->id, &on) != 0) ||
	    (late = tuigong_is_overdue(c->s, c->acct.unit_id, r->end_date,
	    &on)) < 0)
		return -1;
	r->overdue = late;
	if (store_begin(c->s) != 0)
		return -1;
	*created = 0;
	if (t == NULL) {
		if (wf_create(c->s, "tuigong", c->acct.unit_id, &c->who,
		    summary, page_dedup_key(c, "tg", key), id, created) != 0)
			goto fail;
		if (!*created) {
			store_rollback(c->s);
			return 0;
		}
	} else {
		*id = t->id;
		/* Still editable under the write lock? */
		if ((st = store_stmt(c->s, "UPDATE tasks SET summary = ?1, "
		    "updated_at = ?2 WHERE id = ?3 AND state = '未提交'")) ==
		    NULL || store_bind_text(st, 1, summary) ||
		    store_bind_int(st, 2, (int64_t)clock_now()) ||
		    store_bind_int(st, 3, t->id) || store_exec_stmt(c->s, st) ||
		    store_changes(c->s) != 1)
			goto fail;
	}
	if ((rc = tuigong_open_task(c->s, c->acct.unit_id, r->idno, *id, &d->id,
	    d->seq)) != 0) {
		store_rollback(c->s);
		*created = 0;
		return rc < 0 ? -1 : 1;
	}
	r->task_id = *id;
	r->row_no = 0;
	if (tuigong_row_save(c->s, r) != 0 ||
	    (st = store_stmt(c->s, "UPDATE tasks SET overdue = ?1 WHERE "
	    "id = ?2")) == NULL || store_bind_int(st, 1, r->overdue) ||
	    store_bind_int(st, 2, *id) || store_exec_stmt(c->s, st))
		goto fail;
	snprintf(object, sizeof(object), "task:%" PRId64, *id);
	if (audit_append(c->s, &c->who, "tuigong.save", object, summary) != 0 ||
	    store_commit(c->s) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(c->s);
	return -1;
}

/* POST /tuigong/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[TGF__MAX];
	struct form_errors	 errs;
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	struct task		 t, *tp = NULL;
	struct dup		 d;
	int64_t			 id;
	char			 buf[256];
	int			 created, batch, rc;

	if (req_get(c->r, "id") != NULL && *req_get(c->r, "id") != '\0') {
		if (load_task(c, &t) != 0)
			return;
		if ((batch = tuigong_is_batch(c->s, t.id)) < 0) {
			page_busy(c);
			return;
		}
		/* A batch, even with no rows left, never takes the form. */
		if (!wf_editable(&t) || batch) {
			page_fail(c, 409, "BAD_STATE",
			    wf_result_message(WF_BADSTATE));
			return;
		}
		tp = &t;
	}
	errs.n = 0;
	form_validate(c->r, tuigong_form_defs, TGF__MAX, &c->today, vals, &errs);
	if (errs.n == 0)
		tuigong_form_extra(vals, &errs);
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
	if ((rc = save_row(c, tp, &r, &id, &created, &d)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		form_error_add(&errs, "sfzh", "TG_DUPLICATE",
		    duplicate_message(d.seq, buf, sizeof(buf)));
		save_refused(c, &errs, tp);
		add_duplicate(c, d.id, d.seq);
		return;
	}
	if (tp == NULL && !created) {
		reshow(c, id, "info", "该表单已保存过,未重复创建业务");
		return;
	}
	errs.n = 0;
	if (tuigong_rules(c->s, c->acct.unit_id, id, &r, &f, &c->today, NULL,
	    &errs) != 0) {
		page_busy(c);
		return;
	}
	reshow(c, id, errs.n > 0 ? "warn" : "ok", errs.n > 0 ?
	    "已保存为草稿;以下问题须修改后才能提交审批" :
	    "已保存。请按下列清单上传附件材料后提交审批");
	page_form_errors(c, &errs);
}

/* ---- Attachments ---- */

/* Whether code is a material of task t (its reason, or the union over
 * a batch's rows). */
static int
material_allowed(struct hall_ctx *c, const struct task *t, const char *code,
    const char **name)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	size_t			 i, n;

	if (code == NULL || tuigong_task_materials(c->s, t->id, m, &n) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(m[i].code, code) == 0) {
			*name = m[i].name;
			return 1;
		}
	return 0;
}

/* Adds the refusal of an upload as an error of field code (the
 * material), shown beside its upload form. */
static void
upload_error(struct hall_ctx *c, const char *code, enum attach_err ae,
    const char *msg)
{
	static const char *const codes[ATTACH_ERR__MAX] = {
		"ATTACH_OK",		/* ATTACH_OK */
		"ATTACH_EMPTY",		/* ATTACH_EMPTY */
		"ATTACH_TOOBIG",	/* ATTACH_TOOBIG */
		"ATTACH_NOTTYPE",	/* ATTACH_NOTTYPE */
		"ATTACH_MARKUP",	/* ATTACH_MARKUP */
		"ATTACH_BADKIND",	/* ATTACH_BADKIND */
		"ATTACH_LOCKED",	/* ATTACH_LOCKED */
	};
	struct form_errors	 errs;

	errs.n = 0;
	form_error_add(&errs, code, (unsigned int)ae < ATTACH_ERR__MAX ?
	    codes[ae] : "ATTACH", msg);
	page_form_errors(c, &errs);
}

/* POST /tuigong/upload */
static void
upload_post(struct hall_ctx *c)
{
	const struct req_field	*file = req_field(c->r, "file");
	const char		*code = req_get(c->r, "code");
	const char		*name = NULL;
	enum attach_err		 ae;
	struct task		 t;
	char			 msg[256];

	if (load_task(c, &t) != 0)
		return;
	if (!wf_editable(&t)) {
		page_fail(c, 409, "BAD_STATE", wf_result_message(WF_BADSTATE));
		return;
	}
	if (!material_allowed(c, &t, code, &name)) {
		reshow(c, t.id, "error", "该业务无需上传此材料,请按材料清单上传");
		c->status = 422;
		return;
	}
	if (file == NULL || file->filename == NULL || file->valsz == 0)
		ae = ATTACH_EMPTY;
	else if (store_begin(c->s) != 0) {
		page_busy(c);
		return;
	} else {
		ae = attach_store(c->s, &c->who, t.id, 0, code, file->filename,
		    file->val, file->valsz);
		if (ae != ATTACH_OK)
			store_rollback(c->s);
		else if (store_commit(c->s) != 0)
			ae = ATTACH_ERR__MAX;
	}
	if (ae == ATTACH_ERR__MAX) {
		page_busy(c);
		return;
	}
	if (ae != ATTACH_OK) {
		reshow(c, t.id, "error", attach_message(ae, name, msg,
		    sizeof(msg)));
		upload_error(c, code, ae, msg);
		c->status = ae == ATTACH_TOOBIG ? 413 : 422;
		return;
	}
	snprintf(msg, sizeof(msg), "「%s」已上传", name);
	reshow(c, t.id, "ok", msg);
}

/* GET /tuigong/attachment: the file as a download (nginx adds nosniff). */
static void
attachment_get(struct hall_ctx *c)
{
	page_attachment(c, c->acct.unit_id);
}

/* ---- Workflow ---- */

/* Answers a refused transition of task t by a repeat of the same POST
 * (a double click): when t, read again, is already where act leads (a
 * submit of a task 进行中 or 结束, a 退单 of a task 退单), 303 to its
 * page, which says so, as the first POST's answer would show it.
 * Returns 1 when answered, 0 when the refusal is a real conflict, -1 on
 * error. */
static int
repeat_answer(struct hall_ctx *c, const struct task *t, enum wf_action act)
{
	struct task	 now;
	char		 path[64];
	int		 same;

	if (wf_load(c->s, t->id, c->acct.unit_id, &now) != 0)
		return -1;
	same = act == WF_SUBMIT ? now.state == TASK_PENDING ||
	    now.state == TASK_DONE : now.state == TASK_CANCELLED;
	if (!same)
		return 0;
	snprintf(path, sizeof(path), "/tuigong?id=%" PRId64 "&repeat=1",
	    now.id);
	page_redirect(c, path);
	return 1;
}

/* POST /tuigong/submit */
static void
submit_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	enum wf_result		 wr;
	struct task		 t;
	long long		 min, max;
	char			 msg[256];
	int			 rc;

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	wr = wf_transition(c->s, t.id, WF_SUBMIT, &c->who, NULL, &errs);
	switch (wr) {
	case WF_OK:
		break;
	case WF_RULES:
		reshow(c, t.id, "error", "业务规则校验未通过,未能提交,请按提示修改");
		page_form_errors(c, &errs);
		c->status = 422;
		return;
	case WF_NOTFOUND:
		page_fail(c, 404, "NOT_FOUND", wf_result_message(wr));
		return;
	case WF_BADSTATE:
		if ((rc = repeat_answer(c, &t, WF_SUBMIT)) < 0)
			page_busy(c);
		else if (rc == 0)
			page_fail(c, 409, "BAD_STATE", wf_result_message(wr));
		return;
	case WF_NEEDREASON:
	case WF_ERROR:
	case WF_RESULT__MAX:
	default:
		page_busy(c);
		return;
	}
	if (wf_load(c->s, t.id, c->acct.unit_id, &t) != 0) {
		page_busy(c);
		return;
	}
	if (t.state == TASK_DONE)
		snprintf(msg, sizeof(msg), "已提交并通过系统自动审核,业务已办结。"
		    "请打印《退工登记证明》送达员工,并于退工后15日内转递档案");
	else {
		review_days(c, &min, &max);
		snprintf(msg, sizeof(msg), "已提交审批,请在首页查看业务状态。"
		    "审核时限:%lld-%lld个工作日", min, max);
	}
	reshow(c, t.id, "ok", msg);
}

/* POST /tuigong/cancel: 退单. */
static void
cancel_post(struct hall_ctx *c)
{
	enum wf_result	 wr;
	struct task	 t;
	int		 rc = 0;

	if (load_task(c, &t) != 0)
		return;
	wr = wf_transition(c->s, t.id, WF_CANCEL, &c->who, NULL, NULL);
	if (wr == WF_BADSTATE && (rc = repeat_answer(c, &t, WF_CANCEL)) != 0) {
		if (rc < 0)
			page_busy(c);
	} else if (wr == WF_OK)
		reshow(c, t.id, "ok", "已退单");
	else if (wr == WF_ERROR)
		page_busy(c);
	else
		page_fail(c, wr == WF_NOTFOUND ? 404 : 409, wr == WF_NOTFOUND ?
		    "NOT_FOUND" : "BAD_STATE", wf_result_message(wr));
}

/* ---- 批量退工 ---- */

/* Adds <columns> of the template. */
static void
add_columns(struct hall_ctx *c)
{
	const char *const	*col;
	xmlNodePtr		 list;

	list = page_add(c, NULL, "columns", NULL);
	for (col = tuigong_batch.columns; *col != NULL; col++)
		page_add(c, list, "column", *col);
}

/* The batch upload page (without a refusal).  Returns 0 or -1. */
static int
show_batch_page(struct hall_ctx *c)
{
	begin(c, "batch", "批量退工");
	add_columns(c);
	page_options(c, "reason", tuigong_reason_names);
	page_form_token(c);
	add_review_days(c);
	if (add_materials(c, 0, "", 0, 1) != 0 || add_timeliness(c) != 0 ||
	    add_recent(c) != 0)
		return -1;
	return 0;
}

/* GET /tuigong/batch */
static void
batch_get(struct hall_ctx *c)
{
	if (show_batch_page(c) != 0)
		page_busy(c);
}

/* GET /tuigong/batch/template */
static void
template_get(struct hall_ctx *c)
{
	if (batch_template(&tuigong_batch, &c->file, &c->filesz) != 0) {
		page_busy(c);
		return;
	}
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "批量退工模板.xlsx");
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", XLSX_CTYPE);
}

/* POST /tuigong/batch/upload */
static void
batch_upload_post(struct hall_ctx *c)
{
	const struct req_field	*file = req_field(c->r, "file");
	struct batch_result	 res;
	char			 key[48], msg[160];

	memset(&res, 0, sizeof(res));
	if (file == NULL || file->valsz == 0) {
		if (show_batch_page(c) != 0) {
			page_busy(c);
			return;
		}
		page_message(c, "error", "请选择已填写好的批量退工模板(.xlsx)文件");
		c->status = 422;
		return;
	}
	if (batch_import(c->s, &tuigong_batch, &c->who, file->val, file->valsz,
	    &c->today, page_dedup_key(c, "tg", key), &res) != 0) {
		page_busy(c);
		return;
	}
	if (res.xlsx_error != 0) {
		if (show_batch_page(c) != 0) {
			page_busy(c);
			return;
		}
		page_message(c, "error", batch_message(&res));
		c->status = 422;
		return;
	}
	snprintf(msg, sizeof(msg), "导入完成:共 %zu 行,成功 %zu 行,失败 %zu 行",
	    res.rows, res.ok, res.failed);
	reshow(c, res.task_id, res.failed > 0 ? "warn" : "ok", msg);
}

/* tuigong_rows callback: one <row> of the batch. */
static void
add_batch_row(const struct tuigong_row *r, void *arg)
{
	struct list_arg	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->parent, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "reason", r->reason);
	page_attr(n, "end-date", r->end_date);
	page_attr(n, "contract-no", r->contract_no);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "settled", r->settled ? "1" : "0");
	page_attr(n, "overdue", r->overdue ? "1" : "0");
}

/* batch_failures_each callback: one <failure>. */
static int
add_failure(void *arg, const struct batch_failure *f)
{
	struct list_arg	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->parent, "failure", NULL);
	page_attr_int(n, "row", f->row_no);
	page_attr(n, "name", f->name);
	page_attr(n, "idno", f->idno);
	page_attr(n, "reasons", f->reasons);
	return 0;
}

/* Shows batch task t: rows, failures, materials.  Returns 0 or -1. */
static int
show_batch(struct hall_ctx *c, const struct task *t)
{
	struct list_arg	 a;
	int		 n;

	begin(c, "batch-result", "批量退工");
	if (wf_editable(t))
		page_attr(c->page, "editable", "1");
	page_task(c, NULL, t);
	a.c = c;
	a.parent = page_add(c, NULL, "rows", NULL);
	if ((n = tuigong_rows(c->s, t->id, add_batch_row, &a)) < 0)
		return -1;
	page_attr_int(a.parent, "count", n);
	a.parent = page_add(c, NULL, "failures", NULL);
	if (batch_failures_each(c->s, t->id, c->acct.unit_id, add_failure,
	    &a) < 0)
		return -1;
	add_review_days(c);
	if (add_materials(c, t->id, "", 0, 1) != 0 || add_timeliness(c) != 0)
		return -1;
	if (!wf_editable(t) && page_events(c, t->id) != 0)
		return -1;
	return 0;
}

/* GET /tuigong/batch/result */
static void
batch_result_get(struct hall_ctx *c)
{
	struct task	 t;

	if (load_task(c, &t) == 0 && show_task(c, &t) != 0)
		page_busy(c);
}

/* GET /tuigong/batch/failures */
static void
failures_get(struct hall_ctx *c)
{
	int	 rc;

	rc = batch_failures_xlsx(c->s, &tuigong_batch, page_id_param(c, "id"),
	    c->acct.unit_id, &c->file, &c->filesz);
	if (rc != 0) {
		page_fail(c, rc < 0 ? 503 : 404, rc < 0 ? "BUSY" : "NOT_FOUND",
		    rc < 0 ? BUSY_MSG : "未找到该批量退工业务");
		return;
	}
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "批量退工导入失败列表.xlsx");
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", XLSX_CTYPE);
}

/* POST /tuigong/batch/delete */
static void
batch_delete_post(struct hall_ctx *c)
{
	int64_t		 row = page_id_param(c, "row");
	struct task	 t;
	char		 msg[64];
	int		 rc;

	if (load_task(c, &t) != 0)
		return;
	rc = row > 0 && row < 1000000 ? batch_delete_row(c->s, &tuigong_batch,
	    &c->who, t.id, (int)row) : 1;
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		reshow(c, t.id, "error", "未找到该行,或业务已提交不能再删除");
		c->status = 409;
		return;
	}
	snprintf(msg, sizeof(msg), "已删除第 %d 行", (int)row);
	reshow(c, t.id, "ok", msg);
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
	xmlNodePtr		 q, list, n;
	char			 buf[256];
	enum valid_err		 ve;
	size_t			 i;
	int			 rc;

	begin(c, "timeline", "员工时间轴");
	q = page_add(c, NULL, "query", NULL);
	page_attr(q, "sfzh", sfzh != NULL && valid_text(sfzh, 18) == VALID_OK ?
	    sfzh : "");
	if (sfzh == NULL || *sfzh == '\0') {
		list = page_add(c, NULL, "persons", NULL);
		if (person_list(c->s, c->acct.unit_id, add_person_link,
		    list) < 0)
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
	list = page_add(c, NULL, "timeline", NULL);
	page_attr(list, "name", tl.name);
	page_attr(list, "idno", tl.idno);
	page_attr(list, "wrong-order", tl.wrong_order ? "1" : "0");
	for (i = 0; i < tl.nsteps; i++) {
		n = page_add(c, list, "step", tl.steps[i].detail);
		page_attr(n, "kind", tl.steps[i].kind);
		page_attr(n, "date", tl.steps[i].date);
		page_attr(n, "seq", tl.steps[i].seq_no);
		if (tl.steps[i].task_id > 0)
			page_attr_int(n, "task", tl.steps[i].task_id);
		page_attr(n, "state", tl.steps[i].state);
	}
	if (tl.advice[0] != '\0')
		page_attr(page_add(c, list, "advice", tl.advice), "kind",
		    tl.wrong_order ? "error" : "warn");
}

static const struct route routes[] = {
	{ REQ_GET, "/tuigong", form_get, ROUTE_UNIT },
	{ REQ_POST, "/tuigong/save", save_post, ROUTE_UNIT },
	{ REQ_POST, "/tuigong/upload", upload_post, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/attachment", attachment_get, ROUTE_UNIT },
	{ REQ_POST, "/tuigong/submit", submit_post, ROUTE_UNIT },
	{ REQ_POST, "/tuigong/cancel", cancel_post, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/batch", batch_get, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/batch/template", template_get, ROUTE_UNIT },
	{ REQ_POST, "/tuigong/batch/upload", batch_upload_post, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/batch/result", batch_result_get, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/batch/failures", failures_get, ROUTE_UNIT },
	{ REQ_POST, "/tuigong/batch/delete", batch_delete_post, ROUTE_UNIT },
	{ REQ_GET, "/tuigong/timeline", timeline_get, ROUTE_UNIT },
};

static const struct program tuigong = {
	"tuigong", "tuigong.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&tuigong, argc, argv);
}
