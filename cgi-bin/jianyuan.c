/*
 * jianyuan: 城镇职工减少 (减员 / 暂停缴费) [SPEC §4; 002, 003].  Query the
 * unit's insured persons, pick some with one 减少原因 and a 变更日期,
 * save a task, attach per person what the rules demand, submit; 批量减员
 * by .xlsx; 《企业参保人员减员表》 as .xlsx and as an A4 page.  The rules
 * are in lib/jianyuan.c.
 *
 *   GET  /jianyuan                 sfzh=: the query form and the list;
 *                                  id=: the task (rows, materials, uploads)
 *   POST /jianyuan/save            reason, change_date, pid (repeated),
 *                                  token (one-time form token), csrf
 *   POST /jianyuan/upload          id, pid, material, file, csrf
 *   GET  /jianyuan/attachment      id (attachment id): 查看附件
 *   POST /jianyuan/delete          id, row, csrf: drop a row (未提交)
 *   POST /jianyuan/submit          id, csrf
 *   POST /jianyuan/cancel          id, csrf (退单)
 *   GET  /jianyuan/batch           the batch page
 *   GET  /jianyuan/batch/template  the .xlsx template
 *   POST /jianyuan/batch/upload    file, token, csrf
 *   GET  /jianyuan/batch/result    id: the batch task with its counts
 *   GET  /jianyuan/batch/failures  id: 下载导入失败列表 (.xlsx)
 *   POST /jianyuan/batch/delete    id, row, csrf
 *   GET  /jianyuan/export          id: 《企业参保人员减员表》 .xlsx
 *   GET  /jianyuan/table           id: the same as an A4 print page
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "hall.h"
#include "attach.h"
#include "batch.h"
#include "jianyuan.h"
#include "receipt.h"
#include "xlsx.h"

#define BUSY_MSG	"系统繁忙,请稍后再试"
#define JY_MAX_PIDS	1000	/* persons of one form */

/* Sets the view, the title and the 缴费管理 menu. */
static void
begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	page_attr(c->page, "category", "jiaofei");
}

/* Adds <reasons><option>… of 减少原因. */
static void
add_reasons(struct hall_ctx *c)
{
	xmlNodePtr	 list;
	int		 i;

	list = page_add(c, NULL, "options", NULL);
	page_attr(list, "name", "reason");
	for (i = 0; i < JY_REASON__MAX; i++)
		page_add(c, list, "option", jy_reason_names[i]);
}

/* Adds under person n one <rule> per 注意事项 that may name the
 * materials of a 停缴费 of this 用工范围 (and 法人 flag), as the rules
 * judge them. */
static void
add_material_rules(struct hall_ctx *c, xmlNodePtr n, const char *category,
    int legal_rep)
{
	int	 rules[2];
	size_t	 i, k;
	char	 buf[4];

	k = jy_material_rules(category, legal_rep, rules);
	for (i = 0; i < k; i++) {
		snprintf(buf, sizeof(buf), "%d", rules[i]);
		page_add(c, n, "rule", buf);
	}
}

/* Lists the unit's 参保缴费 persons (only idno when not NULL) under
 * <persons>.  Returns the count or -1. */
static int
add_insured(struct hall_ctx *c, const char *idno)
{
	struct store_stmt	*st;
	xmlNodePtr	 list, n;
	int		 rc, count = 0;

	list = page_add(c, NULL, "persons", NULL);
	if ((st = store_stmt(c->s, "SELECT p.id, p.name, p.idno, i.sb_no, "
	    "p.sex, p.birth, COALESCE((SELECT e.category FROM employments e "
	    "WHERE e.person_id = p.id AND e.unit_id = i.unit_id ORDER BY "
	    "e.status = '在职' DESC, e.id DESC LIMIT 1), ''), "
	    "(SELECT COUNT(*) FROM arrears a WHERE a.person_id = p.id AND "
	    "a.unit_id = i.unit_id AND a.settled = 0), "
	    "COALESCE((SELECT e.is_legal_rep FROM employments e "
	    "WHERE e.person_id = p.id AND e.unit_id = i.unit_id ORDER BY "
	    "e.status = '在职' DESC, e.id DESC LIMIT 1), 0) "
	    "FROM insurance i JOIN persons p ON p.id = i.person_id "
	    "WHERE i.unit_id = ?1 AND i.status = '参保缴费' AND "
	    "(?2 IS NULL OR p.idno = ?2) ORDER BY p.id")) == NULL ||
	    store_bind_int(st, 1, c->acct.unit_id) ||
	    store_bind_text(st, 2, idno))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		n = page_add(c, list, "person", NULL);
		page_attr_int(n, "id", store_col_int64(st, 0));
		page_attr(n, "name", store_col_text(st, 1));
		page_attr(n, "idno", store_col_text(st, 2));
		page_attr(n, "sb-no", store_col_text(st, 3));
		page_attr(n, "sex", store_col_text(st, 4));
		page_attr(n, "birth", store_col_text(st, 5));
		page_attr(n, "category", store_col_text(st, 6));
		add_material_rules(c, n, store_col_text(st, 6),
		    store_col_int(st, 8));
		if (store_col_int(st, 7) > 0)
			page_attr(n, "arrears", "1");
		count++;
	}
	store_reset(st);
	return rc == STORE_DONE ? count : -1;
}

/* Marks the persons of the request's pid fields as checked. */
static void
mark_checked(struct hall_ctx *c)
{
	const struct req_field	*f;
	xmlNodePtr		 list, n;
	size_t			 i;

	list = page_add(c, NULL, "checked", NULL);
	for (i = 0; i < c->r->body.n; i++) {
		f = &c->r->body.v[i];
		if (strcmp(f->key, "pid") == 0 && f->valsz < 20) {
			n = page_add(c, list, "pid", f->val);
			(void)n;
		}
	}
}

/* The query view with the form values given (NULL: defaults). */
static int
show_query(struct hall_ctx *c, const char *sfzh, const char *reason,
    const char *change_date)
{
	xmlNodePtr	 q;
	char		 today[11];

	begin(c, "query", "城镇职工减少");
	hdate_fmt(&c->today, today);
	q = page_add(c, NULL, "query", NULL);
	page_attr(q, "sfzh", sfzh != NULL ? sfzh : "");
	page_attr(q, "reason", reason != NULL ? reason : "");
	page_attr(q, "change-date", change_date != NULL && *change_date != '\0'
	    ? change_date : today);
	page_attr(q, "scope", "本单位");
	add_reasons(c);
	page_form_token(c);
	return 0;
}

/* GET /jianyuan without id: the query form and the list. */
static void
query_get(struct hall_ctx *c)
{
	const char		*sfzh = req_get(c->r, "sfzh");
	struct form_errors	 errs;
	struct idcard		 id;
	enum valid_err		 ve;
	char			 buf[256];
	int			 n;

	show_query(c, sfzh, NULL, NULL);
	if (sfzh == NULL || *sfzh == '\0') {
		if (add_insured(c, NULL) < 0)
			page_busy(c);
		return;
	}
	if ((ve = valid_idcard(sfzh, &c->today, &id)) != VALID_OK) {
		errs.n = 0;
		form_error_add(&errs, "sfzh", valid_code(ve),
		    valid_message(ve, "社会保障号码", buf, sizeof(buf)));
		page_form_errors(c, &errs);
		c->status = 422;
		return;
	}
	if ((n = add_insured(c, id.number)) < 0)
		page_busy(c);
	else if (n == 0)
		page_message(c, "warn", "本单位未找到该参保缴费人员"
		    "(人员范围:本单位;已暂停缴费的人员不再列出)");
}

/* Where the task view adds a row's nodes. */
struct rows_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
	int64_t		 task_id;
	int		 editable;
	int		 failed;
};

/* Adds a row's requirements as <need rule= words=><material code=
 * name= has=/></need>. */
static void
add_needs(struct rows_arg *a, xmlNodePtr row, const struct jy_outcome *o,
    int64_t person_id)
{
	const struct material	*m;
	xmlNodePtr		 need, mat;
	size_t			 i, j;
	int			 has, met;

	for (i = 0; i < o->nneeds; i++) {
		need = page_add(a->c, row, "need", NULL);
		page_attr_int(need, "rule", o->needs[i]->rule);
		page_attr(need, "words", o->needs[i]->words);
		met = 0;
		for (j = 0; o->needs[i]->codes[j] != NULL; j++) {
			mat = page_add(a->c, need, "material", NULL);
			m = attach_material(o->needs[i]->codes[j]);
			page_attr(mat, "code", o->needs[i]->codes[j]);
			page_attr(mat, "name", m != NULL ? m->name :
			    o->needs[i]->codes[j]);
			has = attach_has(a->c->s, a->task_id, person_id,
			    o->needs[i]->codes[j]);
			if (has < 0)
				a->failed = 1;
			if (has > 0) {
				page_attr(mat, "has", "1");
				met = 1;
			}
		}
		page_attr(need, "met", met ? "1" : "0");
	}
}

/* jy_rows callback: one <row> with, while editable, what the rules
 * say now. */
static void
add_row(const struct jy_row *r, void *arg)
{
	struct rows_arg		*a = arg;
	struct jy_facts		 f;
	struct jy_outcome	 o;
	struct hdate		 change;
	xmlNodePtr		 n;

	n = page_add(a->c, a->list, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr_int(n, "pid", r->person_id);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "reason", r->reason);
	page_attr(n, "change-date", r->change_date);
	page_attr(n, "stop-month", r->stop_month);
	if (!a->editable || valid_date(r->change_date, &change) != VALID_OK)
		return;
	if (jy_judge(a->c->s, a->c->acct.unit_id, r->person_id,
	    jy_reason_parse(r->reason), &change, &a->c->today, a->task_id, &f,
	    &o) != 0) {
		a->failed = 1;
		return;
	}
	if (o.verdict == JY_REFUSED) {
		page_attr(n, "refused", o.msg);
		page_attr(n, "refused-code", o.code);
		return;
	}
	add_needs(a, n, &o, r->person_id);
}

/* attach_list callback: one <attachment>. */
static void
add_attachment(const struct attachment *at, void *arg)
{
	struct rows_arg	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->list, "attachment", NULL);
	page_attr_int(n, "id", at->id);
	page_attr_int(n, "pid", at->person_id);
	page_attr(n, "code", at->code);
	page_attr(n, "name", at->name);
	page_attr(n, "filename", at->filename);
	page_attr(n, "mime", at->mime);
	page_attr_int(n, "size", (long long)at->size);
}

/* Loads the unit's task named by field "id" of the business; answers
 * 404 and returns -1 when there is none. */
static int
load_task(struct hall_ctx *c, struct task *t)
{
	int	 rc;

	rc = wf_load(c->s, page_id_param(c, "id"), c->acct.unit_id, t);
	if (rc == 0 && strcmp(t->business, "jianyuan") != 0)
		rc = 1;
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "未找到该减员业务");
	return rc == 0 ? 0 : -1;
}

/* The batch counts of task t: rows stored and failures kept. */
static void
add_batch_counts(struct hall_ctx *c, const struct task *t)
{
	struct store_stmt	*st;
	xmlNodePtr	 n;

	if ((st = store_stmt(c->s, "SELECT (SELECT COUNT(*) FROM jianyuan "
	    "WHERE task_id = ?1), (SELECT COUNT(*) FROM batch_failures WHERE "
	    "task_id = ?1)")) == NULL || store_bind_int(st, 1, t->id))
		return;
	if (store_step(st) == STORE_ROW) {
		n = page_add(c, NULL, "batch", NULL);
		page_attr_int(n, "ok", store_col_int64(st, 0));
		page_attr_int(n, "failed", store_col_int64(st, 1));
	}
	store_reset(st);
}

/* The task view of t (view "task", or "batch-result" when batch). */
static int
show_task(struct hall_ctx *c, const struct task *t, int batch)
{
	struct rows_arg	 a;
	xmlNodePtr	 tn;
	char		 from[11];

	begin(c, batch ? "batch-result" : "task", batch ? "批量减员" :
	    "城镇职工减少");
	tn = page_task(c, NULL, t);
	page_attr_int(tn, "review-min", jianyuan_business.review_days_min);
	page_attr_int(tn, "review-max", jianyuan_business.review_days_max);
	if (t->state == TASK_DONE) {
		struct hdate	 d;
		int		 ready;

		/* The /print list's rule: from the day after approval. */
		ready = receipt_zonghe_ready(t->decided_at, &c->today, &d);
		hdate_fmt(&d, from);
		page_attr(tn, "print-from", from);
		page_attr(tn, "print-ready", ready ? "1" : "0");
	}
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.task_id = t->id;
	a.editable = wf_editable(t);
	a.list = page_add(c, NULL, "rows", NULL);
	if (jy_rows(c->s, t->id, add_row, &a) < 0 || a.failed)
		return -1;
	a.list = page_add(c, NULL, "attachments", NULL);
	if (attach_list(c->s, t->id, add_attachment, &a) < 0)
		return -1;
	if (batch)
		add_batch_counts(c, t);
	if (page_events(c, t->id) < 0)
		return -1;
	return 0;
}

/* GET /jianyuan */
static void
index_get(struct hall_ctx *c)
{
	struct task	 t;

	if (req_get(c->r, "id") == NULL) {
		query_get(c);
		return;
	}
	if (load_task(c, &t) == 0 && show_task(c, &t, 0) != 0)
		page_busy(c);
}

/* Reads the pid fields into pids[JY_MAX_PIDS]; a malformed one adds an
 * error.  Returns the count. */
static size_t
read_pids(struct hall_ctx *c, int64_t *pids, struct form_errors *errs)
{
	const struct req_field	*f;
	size_t			 i, n = 0;

	for (i = 0; i < c->r->body.n; i++) {
		f = &c->r->body.v[i];
		if (strcmp(f->key, "pid") != 0)
			continue;
		if (f->valsz == 0 || f->valsz > 18 ||
		    strspn(f->val, "0123456789") != f->valsz) {
			form_error_add(errs, "pid", "FORMAT", "人员选择有误");
			continue;
		}
		if (n == JY_MAX_PIDS) {
			form_error_add(errs, "pid", "TOOMANY",
			    "一次最多选择1000人,更多人员请使用批量减员");
			break;
		}
		pids[n++] = strtoll(f->val, NULL, 10);
	}
	return n;
}

static const struct field_def save_defs[] = {
	{ "reason", "减少原因", FIELD_CHOICE, FIELD_REQUIRED, 0,
	  jy_reason_names, 0, 0 },
	{ "change_date", "变更日期", FIELD_DATE, FIELD_REQUIRED, 0, NULL, 0, 0 },
};

/* Adds an error beside 变更日期 when the validated date v is out of the
 * bounds the hall accepts (not later than this month, not more than a
 * year back).  A date already refused by form_validate is left alone. */
static void
check_change_date(struct hall_ctx *c, const struct field_val *v,
    struct form_errors *errs)
{
	char	 msg[256];
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, "change_date") == 0)
			return;
	if (!v->present)
		return;
	if (!jy_change_date_ok(&v->date, &c->today, msg, sizeof(msg)))
		form_error_add(errs, "change_date", "RANGE", msg);
}

/* Re-shows the query form with the list, the selection and errs. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs)
{
	show_query(c, NULL, req_get(c->r, "reason"),
	    req_get(c->r, "change_date"));
	if (add_insured(c, NULL) < 0) {
		page_busy(c);
		return;
	}
	mark_checked(c);
	page_form_errors(c, errs);
	page_message(c, "error", "未能保存:以下人员不符合减员条件,"
	    "本次申报的所有人员均未办理,请修改后重新提交");
	c->status = 422;
}

/* POST /jianyuan/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[2];
	struct form_errors	 errs;
	int64_t			*pids, task_id;
	char			 key[48], path[64];
	size_t			 n;
	int			 rc;

	errs.n = 0;
	if ((pids = calloc(JY_MAX_PIDS, sizeof(*pids))) == NULL) {
		page_busy(c);
		return;
	}
	form_validate(c->r, save_defs, 2, &c->today, vals, &errs);
	check_change_date(c, &vals[1], &errs);
	n = read_pids(c, pids, &errs);
	if (n == 0 && errs.n == 0)
		form_error_add(&errs, "pid", "REQUIRED", "请勾选需要减少的人员");
	if (errs.n > 0) {
		show_query(c, NULL, req_get(c->r, "reason"),
		    req_get(c->r, "change_date"));
		if (add_insured(c, NULL) < 0)
			page_busy(c);
		else {
			mark_checked(c);
			page_form_errors(c, &errs);
			c->status = 422;
		}
		goto out;
	}
	rc = jy_save(c->s, &c->who, (enum jy_reason)vals[0].num, &vals[1].date,
	    pids, n, page_dedup_key(c, "jy", key), &task_id, &errs);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		save_refused(c, &errs);
	else {
		snprintf(path, sizeof(path), "/jianyuan?id=%" PRId64, task_id);
		page_redirect(c, path);
	}
out:
	free(pids);
}

/* Whether person_id is a row of task_id.  Returns 1, 0 or -1. */
static int
task_has_person(struct hall_ctx *c, int64_t task_id, int64_t person_id)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(c->s, "SELECT 1 FROM jianyuan WHERE task_id = ? "
	    "AND person_id = ?")) == NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, person_id))
		return -1;
	rc = store_step(st);
	store_reset(st);
	return rc == STORE_ROW ? 1 : rc == STORE_DONE ? 0 : -1;
}

/* Answers a refused action on task t with its view and errs. */
static void
task_refused(struct hall_ctx *c, const struct task *t, int batch,
    const struct form_errors *errs, const char *msg, int status)
{
	struct task	 fresh;

	if (wf_load(c->s, t->id, c->acct.unit_id, &fresh) != 0 ||
	    show_task(c, &fresh, batch) != 0) {
		page_busy(c);
		return;
	}
	if (errs != NULL)
		page_form_errors(c, errs);
	page_message(c, "error", msg);
	c->status = status;
}

/* Redirects to the task's page (the batch result page when batch). */
static void
to_task(struct hall_ctx *c, int64_t id, int batch)
{
	char	 path[80];

	snprintf(path, sizeof(path), "%s?id=%" PRId64,
	    batch ? "/jianyuan/batch/result" : "/jianyuan", id);
	page_redirect(c, path);
}

/* Whether the request came from the batch pages (field from=batch). */
static int
from_batch(struct hall_ctx *c)
{
	const char	*f = req_get(c->r, "from");

	return f != NULL && strcmp(f, "batch") == 0;
}

/* POST /jianyuan/upload */
static void
upload_post(struct hall_ctx *c)
{
	const struct req_field	*file = req_field(c->r, "file");
	const char		*code = req_get(c->r, "material");
	const struct material	*m;
	struct form_errors	 errs;
	struct task		 t;
	enum attach_err		 ae;
	int64_t			 pid = page_id_param(c, "pid");
	char			 buf[256];
	int			 rc, batch = from_batch(c);

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	if (!wf_editable(&t)) {
		task_refused(c, &t, batch, NULL, wf_result_message(WF_BADSTATE),
		    409);
		return;
	}
	if ((rc = task_has_person(c, t.id, pid)) < 0) {
		page_busy(c);
		return;
	}
	if (rc == 0 || !jy_material_known(code) ||
	    (m = attach_material(code)) == NULL) {
		form_error_add(&errs, "material", "CHOICE",
		    "请选择本业务要求的材料和人员");
		task_refused(c, &t, batch, &errs, "附件未上传", 422);
		return;
	}
	if (store_begin(c->s) == -1) {
		page_busy(c);
		return;
	}
	ae = attach_store(c->s, &c->who, t.id, pid, code,
	    file != NULL && file->filename != NULL ? file->filename : "",
	    file != NULL ? file->val : "", file != NULL ? file->valsz : 0);
	if (ae != ATTACH_OK) {
		store_rollback(c->s);
		if (ae == ATTACH_ERR__MAX) {
			page_busy(c);
			return;
		}
		form_error_add(&errs, "file", "ATTACH",
		    attach_message(ae, m->name, buf, sizeof(buf)));
		task_refused(c, &t, batch, &errs, "附件未上传", 422);
		return;
	}
	if (store_commit(c->s) == -1) {
		page_busy(c);
		return;
	}
	to_task(c, t.id, batch);
}

/* GET /jianyuan/attachment: 查看附件. */
static void
attachment_get(struct hall_ctx *c)
{
	page_attachment(c, c->acct.unit_id);
}

/* Runs act on the task named by id and answers. */
static void
transition(struct hall_ctx *c, enum wf_action act)
{
	struct form_errors	 errs;
	struct task		 t;
	enum wf_result		 wr;
	int			 batch = from_batch(c);

	if (load_task(c, &t) != 0)
		return;
	errs.n = 0;
	wr = wf_transition(c->s, t.id, act, &c->who, NULL, &errs);
	if (wr == WF_OK) {
		to_task(c, t.id, batch);
		return;
	}
	if (wr == WF_ERROR) {
		page_busy(c);
		return;
	}
	task_refused(c, &t, batch, &errs, wr == WF_RULES ?
	    "未能提交:以下人员不符合减员条件或缺少材料,本业务的所有人员均未办理" :
	    wf_result_message(wr), wr == WF_RULES ? 422 : wr == WF_NOTFOUND ?
	    404 : 409);
}

/* POST /jianyuan/submit */
static void
submit_post(struct hall_ctx *c)
{
	transition(c, WF_SUBMIT);
}

/* POST /jianyuan/cancel */
static void
cancel_post(struct hall_ctx *c)
{
	transition(c, WF_CANCEL);
}

/* POST /jianyuan/delete and /jianyuan/batch/delete: drops row "row". */
static void
delete_post(struct hall_ctx *c)
{
	struct task	 t;
	int64_t		 row = page_id_param(c, "row");
	int		 rc, batch = from_batch(c) ||
			    strcmp(c->r->path, "/jianyuan/batch/delete") == 0;

	if (load_task(c, &t) != 0)
		return;
	if (row <= 0 || row > 1000000) {
		task_refused(c, &t, batch, NULL, "未找到该行", 404);
		return;
	}
	rc = batch_delete_row(c->s, &jianyuan_batch, &c->who, t.id, (int)row);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		task_refused(c, &t, batch, NULL, wf_editable(&t) ?
		    "未找到该行" : wf_result_message(WF_BADSTATE), 409);
	else
		to_task(c, t.id, batch);
}

/* ---- 批量减员 ---- */

/* GET /jianyuan/batch */
static void
batch_get(struct hall_ctx *c)
{
	const char *const	*col;
	xmlNodePtr		 list;

	begin(c, "batch", "批量减员");
	list = page_add(c, NULL, "columns", NULL);
	for (col = jianyuan_batch.columns; *col != NULL; col++)
		page_add(c, list, "column", *col);
	add_reasons(c);
	page_form_token(c);
}

/* GET /jianyuan/batch/template */
static void
template_get(struct hall_ctx *c)
{
	if (batch_template(&jianyuan_batch, &c->file, &c->filesz) != 0) {
		page_busy(c);
		return;
	}
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "批量减员模板.xlsx");
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

/* POST /jianyuan/batch/upload */
static void
batch_upload_post(struct hall_ctx *c)
{
	const struct req_field	*file = req_field(c->r, "file");
	struct batch_result	 res;
	char			 key[48];

	memset(&res, 0, sizeof(res));
	if (file == NULL || file->valsz == 0) {
		batch_get(c);
		page_message(c, "error", "请选择已填写好的批量减员模板(.xlsx)文件");
		c->status = 422;
		return;
	}
	if (batch_import(c->s, &jianyuan_batch, &c->who, file->val, file->valsz,
	    &c->today, page_dedup_key(c, "jy", key), &res) != 0) {
		page_busy(c);
		return;
	}
	if (res.xlsx_error != 0) {
		batch_get(c);
		page_message(c, "error", batch_message(&res));
		c->status = 422;
		return;
	}
	to_task(c, res.task_id, 1);
}

/* GET /jianyuan/batch/result */
static void
batch_result_get(struct hall_ctx *c)
{
	struct task	 t;

	if (load_task(c, &t) == 0 && show_task(c, &t, 1) != 0)
		page_busy(c);
}

/* GET /jianyuan/batch/failures */
static void
failures_get(struct hall_ctx *c)
{
	int	 rc;

	rc = batch_failures_xlsx(c->s, &jianyuan_batch, page_id_param(c, "id"),
	    c->acct.unit_id, &c->file, &c->filesz);
	if (rc != 0) {
		page_fail(c, rc < 0 ? 503 : 404, rc < 0 ? "BUSY" : "NOT_FOUND",
		    rc < 0 ? BUSY_MSG : "未找到该批量减员业务");
		return;
	}
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "批量减员导入失败列表.xlsx");
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

/* ---- 《企业参保人员减员表》 ---- */

#define TABLE_COLS	8

/* The cells of the 减员表, row by row (row 0 the header); owned. */
struct table_rows {
	char		*(*cells)[TABLE_COLS];
	size_t		  n, cap;
	int		  nomem;
};

static const char *const table_header[TABLE_COLS] = {
	"序号", "姓名", "社会保障号码", "个人社保编号", "减少原因", "变更日期",
	"停止缴费月份", "备注"
};

/* jy_rows callback: one row of the table. */
static void
table_add(const struct jy_row *r, void *arg)
{
	struct table_rows	*t = arg;
	char			*(*nv)[TABLE_COLS];
	char			 no[16];
	size_t			 cap, i;
	const char		*v[TABLE_COLS];

	if (t->nomem)
		return;
	if (t->n == t->cap) {
		cap = t->cap == 0 ? 32 : t->cap * 2;
		if (cap > SIZE_MAX / sizeof(*nv) ||
		    (nv = realloc(t->cells, cap * sizeof(*nv))) == NULL) {
			t->nomem = 1;
			return;
		}
		t->cells = nv;
		t->cap = cap;
	}
	snprintf(no, sizeof(no), "%zu", t->n);
	v[0] = no;
	v[1] = r->name;
	v[2] = r->idno;
	v[3] = r->sb_no;
	v[4] = r->reason;
	v[5] = r->change_date;
	v[6] = r->stop_month;
	v[7] = "";
	for (i = 0; i < TABLE_COLS; i++)
		if ((t->cells[t->n][i] = strdup(v[i])) == NULL)
			t->nomem = 1;
	t->n++;
}

/* Frees the table's cells. */
static void
table_free(struct table_rows *t)
{
	size_t	 i, j;

	for (i = 0; i < t->n; i++)
		for (j = 0; j < TABLE_COLS; j++)
			free(t->cells[i][j]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* GET /jianyuan/export: the 减员表 as .xlsx. */
static void
export_get(struct hall_ctx *c)
{
	struct table_rows	 t;
	const char *const	**rows = NULL;
	struct task		 task;
	size_t			 i;

	if (load_task(c, &task) != 0)
		return;
	memset(&t, 0, sizeof(t));
	/* Row 0: the header, as a row of the same shape. */
	table_add(&(struct jy_row){ .row_no = 0 }, &t);
	if (!t.nomem)
		for (i = 0; i < TABLE_COLS; i++) {
			free(t.cells[0][i]);
			if ((t.cells[0][i] = strdup(table_header[i])) == NULL)
				t.nomem = 1;
		}
	if (t.nomem || jy_rows(c->s, task.id, table_add, &t) < 0 || t.nomem ||
	    (rows = calloc(t.n, sizeof(*rows))) == NULL)
		goto fail;
	for (i = 0; i < t.n; i++)
		rows[i] = (const char *const *)t.cells[i];
	if (xlsx_write("企业参保人员减员表", rows, t.n, TABLE_COLS, &c->file,
	    &c->filesz) != 0)
		goto fail;
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "企业参保人员减员表-%s.xlsx",
	    task.seq_no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	free(rows);
	table_free(&t);
	return;
fail:
	free(rows);
	table_free(&t);
	page_busy(c);
}

/* GET /jianyuan/table: the 减员表 as an A4 page.  For a 结束 task the
 * 制表时间 is the time it ended and the 审核人 who decided it, so every
 * printout of it is the same; before that, the time of printing. */
static void
table_get(struct hall_ctx *c)
{
	struct rows_arg	 a;
	struct task	 t;
	char		 printed[20], reviewer[128];

	if (load_task(c, &t) != 0)
		return;
	begin(c, "table", "企业参保人员减员表");
	page_task(c, NULL, &t);
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.task_id = t.id;
	a.list = page_add(c, NULL, "rows", NULL);
	if (t.state == TASK_DONE && t.decided_at > 0) {
		clock_fmt(t.decided_at, printed);
		if (wf_decider_name(c->s, &t, reviewer, sizeof(reviewer)) != 0) {
			page_busy(c);
			return;
		}
		page_attr(a.list, "reviewer", reviewer);
	} else
		clock_fmt(clock_now(), printed);
	page_attr(a.list, "printed", printed);
	if (page_unit(c, c->acct.unit_id) != 0 || jy_rows(c->s, t.id, add_row, &a) < 0)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/jianyuan", index_get, ROUTE_UNIT },
	{ REQ_POST, "/jianyuan/save", save_post, ROUTE_UNIT },
	{ REQ_POST, "/jianyuan/upload", upload_post, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/attachment", attachment_get, ROUTE_UNIT },
	{ REQ_POST, "/jianyuan/delete", delete_post, ROUTE_UNIT },
	{ REQ_POST, "/jianyuan/submit", submit_post, ROUTE_UNIT },
	{ REQ_POST, "/jianyuan/cancel", cancel_post, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/batch", batch_get, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/batch/template", template_get, ROUTE_UNIT },
	{ REQ_POST, "/jianyuan/batch/upload", batch_upload_post, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/batch/result", batch_result_get, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/batch/failures", failures_get, ROUTE_UNIT },
	{ REQ_POST, "/jianyuan/batch/delete", delete_post, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/export", export_get, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/table", table_get, ROUTE_UNIT },
};

static const struct program jianyuan = {
	"jianyuan", "jianyuan.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&jianyuan, argc, argv);
}
