/*
 * taskpage.c: the task pages every business shares (taskpage.h): one
 * behaviour, written once, for loading, showing, uploading to,
 * submitting and withdrawing a task, and for the batch pages.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "attach.h"
#include "batch.h"
#include "policy.h"
#include "taskpage.h"
#include "tasklist.h"

#define XLSX_CTYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define TP_PATH_MAX	64
#define TP_NSHARED	14	/* shared routes */
#define TP_ROUTES_MAX	(TP_NSHARED + 32)

static const struct tp_business *tp_biz;

/* See taskpage.h. */
const struct tp_business *
tp_business(void)
{
	return tp_biz;
}

/* The batch's title (批量退工), or the business's name without one. */
static const char *
tp_batch_title(void)
{
	return tp_biz->wf->batch != NULL ? tp_biz->wf->batch->title :
	    tp_biz->wf->name;
}

/* See taskpage.h. */
void
tp_begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	if (tp_biz->wf->category != NULL)
		page_attr(c->page, "category", tp_biz->wf->category);
	page_attr(c->page, "business", tp_biz->wf->code);
	page_attr(c->page, "path", tp_biz->wf->path);
}

/* See taskpage.h. */
void
tp_begin_refused(struct hall_ctx *c, const char *title, const struct task *t)
{
	tp_begin(c, "form", title);
	page_attr(c->page, "editable", "1");
	if (t != NULL)
		page_task(c, NULL, t);
	else
		page_attr(page_add(c, NULL, "form", NULL), "token",
		    req_get(c->r, "token"));
}

/* See taskpage.h. */
int
tp_load(struct hall_ctx *c, struct task *t)
{
	int64_t	 id = page_id_param(c, "id");
	char	 msg[128];
	int	 rc;

	rc = id > 0 ? wf_load(c->s, id, c->acct.unit_id, t) : 1;
	if (rc == 0 && strcmp(t->business, tp_biz->wf->code) != 0)
		rc = 1;
	if (rc < 0)
		page_busy(c);
	else if (rc > 0) {
		snprintf(msg, sizeof(msg), "未找到该%s业务", tp_biz->wf->name);
		page_fail(c, 404, "NOT_FOUND", msg);
	}
	return rc == 0 ? 0 : -1;
}

/* See taskpage.h. */
int
tp_load_draft(struct hall_ctx *c, struct task *t, struct task **tp)
{
	const char	*id = req_get(c->r, "id");
	int		 rc;

	*tp = NULL;
	if (id == NULL || *id == '\0')
		return 0;
	if (tp_load(c, t) != 0)
		return -1;
	/* A batch, even with no rows left, never takes the form. */
	if ((rc = batch_is(c->s, t->id)) < 0) {
		page_busy(c);
		return -1;
	}
	if (!wf_editable(t) || rc) {
		page_fail(c, 409, "BAD_STATE", wf_result_message(WF_BADSTATE));
		return -1;
	}
	*tp = t;
	return 0;
}

/* See taskpage.h. */
void
tp_redirect(struct hall_ctx *c, int64_t task_id, const char *done)
{
	char	 path[TP_PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s?id=%" PRId64 "&%s%s",
	    tp_biz->wf->path, task_id, done != NULL ? "done=" : "repeat=1",
	    done != NULL ? done : "");
	page_redirect(c, path);
}

/* See taskpage.h. */
void
tp_saved(struct hall_ctx *c, int64_t task_id, int created)
{
	tp_redirect(c, task_id, created ? "saved" : NULL);
}

/* See taskpage.h. */
void
tp_review_days(struct hall_ctx *c, long long *min, long long *max)
{
	struct store_stmt	*st;
	char			 region[16] = "*", key[96];

	if ((st = store_stmt(c->s, "SELECT region FROM units WHERE id = ?1"))
	    != NULL && store_bind_int(st, 1, c->acct.unit_id) == 0 &&
	    store_step(st) == STORE_ROW)
		snprintf(region, sizeof(region), "%s", store_col_text(st, 0));
	if (st != NULL)
		store_reset(st);
	snprintf(key, sizeof(key), "review.%s.days_min", tp_biz->wf->code);
	policy_int(c->s, region, key, &c->today, tp_biz->wf->review_days_min,
	    min);
	snprintf(key, sizeof(key), "review.%s.days_max", tp_biz->wf->code);
	policy_int(c->s, region, key, &c->today, tp_biz->wf->review_days_max,
	    max);
}

/* See taskpage.h. */
void
tp_add_review_days(struct hall_ctx *c, xmlNodePtr tn)
{
	long long	 min, max;
	char		 text[64];
	xmlNodePtr	 n;

	tp_review_days(c, &min, &max);
	snprintf(text, sizeof(text), "审核时限:%lld-%lld个工作日", min, max);
	n = page_add(c, NULL, "review-days", text);
	page_attr_int(n, "min", min);
	page_attr_int(n, "max", max);
	if (tn != NULL) {
		page_attr_int(tn, "review-min", min);
		page_attr_int(tn, "review-max", max);
	}
}

/* Where tp_add_recent puts the tasks. */
struct tp_list {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* tasklist callback: one <task>. */
static void
tp_recent_one(const struct task *t, const char *unit_name, void *arg)
{
	struct tp_list	*a = arg;

	(void)unit_name;
	page_task(a->c, a->parent, t);
}

/* See taskpage.h. */
int
tp_add_recent(struct hall_ctx *c)
{
	struct tp_list	 a;

	a.c = c;
	a.parent = page_add(c, NULL, "recent", NULL);
	if (tasklist(c->s, TASKLIST_WAITING, c->acct.unit_id,
	    tp_biz->wf->code, 20, tp_recent_one, &a) < 0 ||
	    tasklist(c->s, TASKLIST_HANDLED, c->acct.unit_id,
	    tp_biz->wf->code, 30, tp_recent_one, &a) < 0)
		return -1;
	return 0;
}

/* ---- Materials ---- */

/* See taskpage.h. */
xmlNodePtr
tp_materials_list(struct hall_ctx *c, int batch)
{
	xmlNodePtr	 list;

	list = page_add(c, NULL, "materials", NULL);
	page_attr(list, "batch", batch ? "1" : "0");
	page_attr_int(list, "max-mb", ATTACH_MAX_BYTES / (1024 * 1024));
	return list;
}

/* See taskpage.h. */
void
tp_material_add(struct hall_ctx *c, xmlNodePtr list,
    const struct tp_material *m, int64_t pid, int uploaded)
{
	xmlNodePtr	 n;

	n = page_add(c, list, "material", NULL);
	page_attr(n, "code", m->code);
	page_attr(n, "name", m->name);
	page_attr(n, "required", m->required ? "1" : "0");
	page_attr_int(n, "pid", pid);
	if (m->group > 0)
		page_attr_int(n, "group", m->group);
	if (m->rule > 0)
		page_attr_int(n, "rule", m->rule);
	if (m->words != NULL)
		page_attr(n, "words", m->words);
	if (uploaded >= 0)
		page_attr(n, "uploaded", uploaded ? "1" : "0");
}

/* Adds the materials task t asks for person pid (0: the task) to list
 * with whether each is uploaded.  Returns 0 or -1. */
static int
tp_materials_of(struct hall_ctx *c, xmlNodePtr list, const struct task *t,
    int64_t pid)
{
	struct tp_material	 m[TP_MATERIALS_MAX];
	size_t			 i, n = 0;
	int			 rc, has;

	if ((rc = tp_biz->materials(c, t, pid, m, &n)) < 0)
		return -1;
	if (rc > 0)
		return 0;
	for (i = 0; i < n && i < TP_MATERIALS_MAX; i++) {
		if ((has = attach_has(c->s, t->id, pid, m[i].code)) < 0)
			return -1;
		tp_material_add(c, list, &m[i], pid, has);
	}
	return 0;
}

/* The person ids of a task's rows. */
struct tp_pids {
	int64_t		*v;
	size_t		 n, cap;
	int		 nomem;
};

/* wf_rows callback: collects the row's person. */
static int
tp_pid_add(void *arg, const struct wf_row *r)
{
	struct tp_pids	*p = arg;
	int64_t		*nv;
	size_t		 cap;

	if (r->person_id <= 0)
		return 0;
	if (p->n == p->cap) {
		cap = p->cap == 0 ? 16 : p->cap * 2;
		if ((nv = reallocarray(p->v, cap, sizeof(*nv))) == NULL) {
			p->nomem = 1;
			return 1;
		}
		p->v = nv;
		p->cap = cap;
	}
	p->v[p->n++] = r->person_id;
	return 0;
}

/* Adds <materials> of task t: those of the task as a whole and, while
 * it is editable, those of each person.  Returns 0 or -1. */
static int
tp_add_materials(struct hall_ctx *c, const struct task *t, int batch)
{
	struct tp_pids	 p;
	xmlNodePtr	 list;
	size_t		 i;
	int		 rc = 0;

	list = tp_materials_list(c, batch);
	if (tp_biz->materials == NULL)
		return 0;
	if (tp_materials_of(c, list, t, 0) != 0)
		return -1;
	if (!wf_editable(t))
		return 0;
	memset(&p, 0, sizeof(p));
	if (wf_rows(c->s, t, tp_pid_add, &p) < 0 || p.nomem)
		rc = -1;
	for (i = 0; rc == 0 && i < p.n; i++)
		rc = tp_materials_of(c, list, t, p.v[i]);
	free(p.v);
	return rc;
}

/* ---- The task page ---- */

/* batch_failures_each callback: one <failure>. */
static int
tp_failure_add(void *arg, const struct batch_failure *f)
{
	struct tp_list	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->parent, "failure", NULL);
	page_attr_int(n, "row", f->row_no);
	page_attr(n, "name", f->name);
	page_attr(n, "idno", f->idno);
	page_attr(n, "reasons", f->reasons);
	return 0;
}

/* Failed rows of a batch a page of its task shows. */
#define TP_FAILURES_PER_PAGE	100

/* Adds a batch's <batch ok= failed=/> and <failures count= total=
 * page= pages= per-page=> with page ?fpage=N of its failed rows.
 * Returns 0 or -1. */
static int
tp_add_failures(struct hall_ctx *c, const struct task *t, int64_t *ok,
    int *failed)
{
	struct tp_list	 a;
	xmlNodePtr	 n;
	int64_t		 rows = 0;
	size_t		 total;
	int		 pageno;

	if (tp_biz->wf->row_count != NULL &&
	    tp_biz->wf->row_count(c->s, t->id, &rows) != 0)
		return -1;
	if (batch_failures_total(c->s, t->id, &total) != 0)
		return -1;
	a.c = c;
	a.parent = page_add(c, NULL, "failures", NULL);
	pageno = page_list_attrs(a.parent, (long long)total,
	    page_number_param(c, "fpage"), TP_FAILURES_PER_PAGE);
	if (batch_failures_page(c->s, t->id, c->acct.unit_id,
	    TP_FAILURES_PER_PAGE, (pageno - 1) * TP_FAILURES_PER_PAGE,
	    tp_failure_add, &a) < 0)
		return -1;
	*failed = total > INT32_MAX ? INT32_MAX : (int)total;
	*ok = rows;
	page_attr_int(a.parent, "count", *failed);
	n = page_add(c, NULL, "batch", NULL);
	page_attr_int(n, "ok", rows);
	page_attr_int(n, "failed", *failed);
	return 0;
}

/* What tp_show_task found. */
struct tp_shown {
	int		 batch;
	int64_t		 ok;		/* a batch's rows */
	int		 failed;	/* a batch's failed rows */
	int		 problems;	/* a draft's rule failures */
};

/* Builds the task page of t (see tp_show) and says what it found in
 * *sh.  Returns 0 or -1. */
static int
tp_show_task(struct hall_ctx *c, const struct task *t, int lint,
    struct tp_shown *sh)
{
	struct form_errors	 errs;
	xmlNodePtr		 tn;
	int			 batch;

	if ((batch = batch_is(c->s, t->id)) < 0)
		return -1;
	tp_begin(c, batch ? "batch-result" : "task", batch ? tp_batch_title() :
	    tp_biz->wf->name);
	if (wf_editable(t))
		page_attr(c->page, "editable", "1");
	if (batch)
		page_attr(c->page, "batch", "1");
	tn = page_task(c, NULL, t);
	tp_add_review_days(c, tn);
	if (page_row_returns(c, t->id) < 0)
		return -1;
	if (tp_biz->task_xml != NULL && tp_biz->task_xml(c, t, batch, tn) != 0)
		return -1;
	if (tp_add_materials(c, t, batch) != 0 ||
	    page_attachments(c, NULL, t->id) == NULL)
		return -1;
	memset(sh, 0, sizeof(*sh));
	sh->batch = batch;
	if (batch && tp_add_failures(c, t, &sh->ok, &sh->failed) != 0)
		return -1;
	if (page_events(c, t->id) != 0)
		return -1;
	if (!lint || !wf_editable(t) || tp_biz->lint == NULL)
		return 0;
	errs.n = 0;
	if (tp_biz->lint(c->s, t->id, &errs) != 0)
		return -1;
	page_form_errors(c, &errs);
	sh->problems = (int)errs.n;
	return 0;
}

/* See taskpage.h. */
int
tp_show(struct hall_ctx *c, const struct task *t, int lint)
{
	struct tp_shown	 sh;

	if (tp_show_task(c, t, lint, &sh) != 0)
		return -1;
	return sh.problems;
}

/* The info message of a page reached again after a repeated POST (a
 * double click, or the same form saved twice), by the task's state. */
static const char *
tp_repeat_message(const struct task *t)
{
	switch (t->state) {
	case TASK_DRAFT:
		return "该表单已保存过,未重复创建业务";
	case TASK_PENDING:
		return "该业务已提交审批,无需再次提交";
	case TASK_DONE:
		return "该业务已办结,无需再次提交";
	case TASK_CANCELLED:
		return "该业务已退单";
	case TASK_STATE__MAX:
	default:
		return NULL;
	}
}

/* Adds the message of done=submitted for t's state now. */
static void
tp_submitted_message(struct hall_ctx *c, const struct task *t)
{
	long long	 min, max;
	char		 msg[512];

	if (t->state == TASK_DONE) {
		snprintf(msg, sizeof(msg), "已提交并通过系统自动审核,业务已办结。%s",
		    tp_biz->done_note != NULL ? tp_biz->done_note : "");
		page_message(c, "ok", msg);
	} else if (t->state == TASK_PENDING) {
		tp_review_days(c, &min, &max);
		snprintf(msg, sizeof(msg), "已提交审批,请在首页查看业务状态。"
		    "审核时限:%lld-%lld个工作日", min, max);
		page_message(c, "ok", msg);
	}
}

/* The query's blank=N (rows of a pre-filled template left undeclared,
 * batch_result.blank), 0 when absent or not a small number. */
static long long
tp_blank_param(struct hall_ctx *c)
{
	const char	*v = req_get(c->r, "blank");
	long long	 n = 0;

	if (v == NULL || *v == '\0' || strlen(v) > 7 ||
	    strspn(v, "0123456789") != strlen(v))
		return 0;
	n = atoll(v);
	return n;
}

/* Adds the fixed message the query's done= or repeat= names (never the
 * query's text), and a warning when a draft has problems. */
static void
tp_done_message(struct hall_ctx *c, const struct task *t,
    const struct tp_shown *sh)
{
	const char	*done = req_get(c->r, "done"), *msg;
	char		 buf[256];
	long long	 blank;

	if (req_get(c->r, "repeat") != NULL) {
		if ((msg = tp_repeat_message(t)) != NULL)
			page_message(c, "info", msg);
	} else if (done == NULL)
		;
	else if (strcmp(done, "saved") == 0 && t->state == TASK_DRAFT) {
		page_message(c, sh->problems > 0 ? "warn" : "ok",
		    sh->problems > 0 ?
		    "已保存为草稿;以下问题须修改后才能提交审批" :
		    tp_biz->materials == NULL ? "已保存。请核对后提交审批" :
		    "已保存。请按下列清单上传附件材料后提交审批");
		return;
	} else if (strcmp(done, "uploaded") == 0)
		page_message(c, "ok", "附件已上传");
	else if (strcmp(done, "submitted") == 0)
		tp_submitted_message(c, t);
	else if (strcmp(done, "cancelled") == 0 &&
	    t->state == TASK_CANCELLED)
		page_message(c, "ok", "已退单");
	else if (strcmp(done, "deleted") == 0)
		page_message(c, "ok", "已删除该行");
	else if (strcmp(done, "imported") == 0 && sh->batch) {
		snprintf(buf, sizeof(buf), "导入完成:共 %lld 行,成功 %lld 行,"
		    "失败 %d 行", (long long)sh->ok + sh->failed,
		    (long long)sh->ok, sh->failed);
		if ((blank = tp_blank_param(c)) > 0)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    ";另有 %lld 人未填写(未申报,列在未申报人员中)",
			    blank);
		page_message(c, sh->failed > 0 ? "warn" : "ok", buf);
	}
	if (sh->problems > 0)
		page_message(c, "warn", "该业务存在以下问题,须修改后才能提交审批");
}

/* Answers 303 to /B/batch/import?job=id. */
static void
tp_job_redirect(struct hall_ctx *c, int64_t id, size_t blank)
{
	char	 path[TP_PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/batch/import?job=%" PRId64 "%s",
	    tp_biz->wf->path, id, blank > 0 ? "&blank=" : "");
	if (blank > 0)
		snprintf(path + strlen(path), sizeof(path) - strlen(path),
		    "%zu", blank);
	page_redirect(c, path);
}

/* Whether draft t's rows are still being imported (a job running):
 * with show, answers 303 to its progress page, else 409 「导入尚未完成」
 * (a submit, 退单 or delete must wait).  Returns 1 answered, 0 go on,
 * -1 error (not answered). */
static int
tp_importing(struct hall_ctx *c, const struct task *t, int show)
{
	struct batch_job j;
	int		 rc;

	if (tp_biz->wf->batch == NULL || t->state != TASK_DRAFT)
		return 0;
	if ((rc = batch_job_of_task(c->s, t->id, &j)) != 0)
		return rc < 0 ? -1 : 0;
	if (j.state == BATCH_JOB_RUNNING && show) {
		tp_job_redirect(c, j.id, 0);
		return 1;
	}
	if (j.state == BATCH_JOB_RUNNING) {
		page_fail(c, 409, "IMPORTING",
		    "导入尚未完成,请等待导入结束后再操作");
		return 1;
	}
	return 0;
}

/* GET /B: the task named by id, or the business's own form without
 * one; GET /B/batch/result: the same task page. */
static void
tp_index(struct hall_ctx *c)
{
	struct tp_shown	 sh;
	struct task	 t;
	int		 busy;

	if (req_get(c->r, "id") == NULL &&
	    strcmp(c->r->path, tp_biz->wf->path) == 0) {
		tp_biz->form(c);
		return;
	}
	if (tp_load(c, &t) != 0)
		return;
	if ((busy = tp_importing(c, &t, 1)) != 0) {
		if (busy < 0)
			page_busy(c);
		return;
	}
	if (tp_show_task(c, &t, 1, &sh) != 0) {
		page_busy(c);
		return;
	}
	tp_done_message(c, &t, &sh);
	if (t.state == TASK_DRAFT && tp_biz->wf->batch != NULL &&
	    batch_job_busy(c->s, t.id) == 2)
		page_message(c, "error", "该批次导入未能完成,请退单后重新上传");
}

/* Answers a refused action on task t: its page again (read afresh)
 * with errs (may be NULL) and the error message msg, status status. */
static void
tp_refuse(struct hall_ctx *c, const struct task *t, int status,
    const struct form_errors *errs, const char *msg)
{
	struct tp_shown	 sh;
	struct task	 now;

	if (wf_load(c->s, t->id, c->acct.unit_id, &now) != 0 ||
	    tp_show_task(c, &now, 0, &sh) != 0) {
		page_busy(c);
		return;
	}
	if (errs != NULL)
		page_form_errors(c, errs);
	page_message(c, "error", msg);
	c->status = status;
}

/* Answers 409: the task is no longer 未提交. */
static void
tp_conflict(struct hall_ctx *c)
{
	page_fail(c, 409, "BAD_STATE", wf_result_message(WF_BADSTATE));
}

/* ---- Attachments ---- */

/* The machine code of an upload refusal. */
static const char *
tp_attach_code(enum attach_err ae)
{
	static const char *const codes[ATTACH_ERR__MAX] = {
		"ATTACH_OK",		/* ATTACH_OK */
		"ATTACH_EMPTY",		/* ATTACH_EMPTY */
		"ATTACH_TOOBIG",	/* ATTACH_TOOBIG */
		"ATTACH_NOTTYPE",	/* ATTACH_NOTTYPE */
		"ATTACH_MARKUP",	/* ATTACH_MARKUP */
		"ATTACH_BADKIND",	/* ATTACH_BADKIND */
		"ATTACH_LOCKED",	/* ATTACH_LOCKED */
		"ATTACH_WRONGTYPE",	/* ATTACH_WRONGTYPE */
	};

	return (unsigned int)ae < ATTACH_ERR__MAX ? codes[ae] : "ATTACH";
}

/* The name of material code when task t asks it of person pid (0: the
 * task), or NULL.  *err is set on a store error. */
static const char *
tp_material_name(struct hall_ctx *c, const struct task *t, int64_t pid,
    const char *code, int *err)
{
	struct tp_material	 m[TP_MATERIALS_MAX];
	size_t			 i, n = 0;
	int			 rc;

	*err = 0;
	if (code == NULL || tp_biz->materials == NULL)
		return NULL;
	if ((rc = tp_biz->materials(c, t, pid, m, &n)) < 0) {
		*err = 1;
		return NULL;
	}
	for (i = 0; rc == 0 && i < n && i < TP_MATERIALS_MAX; i++)
		if (strcmp(m[i].code, code) == 0)
			return m[i].name;
	return NULL;
}

/* Stores the uploaded file as material code of person pid of task t.
 * Returns ATTACH_OK, a refusal, or ATTACH_ERR__MAX on a store error. */
static enum attach_err
tp_store_file(struct hall_ctx *c, const struct task *t, int64_t pid,
    const char *code)
{
	const struct req_field	*file = req_field(c->r, "file");
	enum attach_err		 ae;

	if (file == NULL || file->filename == NULL || file->valsz == 0)
		return ATTACH_EMPTY;
	if (store_begin(c->s) != 0)
		return ATTACH_ERR__MAX;
	ae = attach_store(c->s, &c->who, t->id, pid, code, file->filename,
	    file->val, file->valsz);
	if (ae != ATTACH_OK)
		store_rollback(c->s);
	else if (store_commit(c->s) != 0)
		ae = ATTACH_ERR__MAX;
	return ae;
}

/* POST /B/upload: id, material (or code), pid (optional), file. */
static void
tp_upload(struct hall_ctx *c)
{
	const char		*code = req_get(c->r, "material");
	const char		*pids = req_get(c->r, "pid");
	const char		*name;
	struct form_errors	 errs;
	enum attach_err		 ae;
	struct task		 t;
	int64_t			 pid = 0;
	char			 msg[256];
	int			 err;

	if (code == NULL || *code == '\0')
		code = req_get(c->r, "code");
	if (tp_load(c, &t) != 0)
		return;
	if (!wf_editable(&t)) {
		tp_conflict(c);
		return;
	}
	errs.n = 0;
	name = NULL;
	err = 0;
	/* A pid given must be a person's id; absent, empty or 0: the
	 * task as a whole. */
	if (pids == NULL || *pids == '\0' || strcmp(pids, "0") == 0 ||
	    (pid = page_id_param(c, "pid")) > 0)
		name = tp_material_name(c, &t, pid, code, &err);
	if (err) {
		page_busy(c);
		return;
	}
	if (name == NULL) {
		form_error_add(&errs, "material", "CHOICE",
		    "该业务无需上传此材料,请按材料清单上传");
		tp_refuse(c, &t, 422, &errs, "附件未上传:该业务无需上传此材料");
		return;
	}
	if ((ae = tp_store_file(c, &t, pid, code)) == ATTACH_ERR__MAX) {
		page_busy(c);
		return;
	}
	if (ae != ATTACH_OK) {
		attach_message(ae, name, msg, sizeof(msg));
		form_error_add(&errs, code, tp_attach_code(ae), msg);
		tp_refuse(c, &t, ae == ATTACH_TOOBIG ? 413 : 422, &errs, msg);
		return;
	}
	tp_redirect(c, t.id, "uploaded");
}

/* GET /B/attachment: the file (inline=1: viewed in the browser). */
static void
tp_attachment(struct hall_ctx *c)
{
	page_attachment(c, c->acct.unit_id);
}

/* ---- Submit and 退单 ---- */

/* Answers a refused transition of task t that a repeat of the same
 * POST explains (a submit of a task now 进行中 or 结束, a 退单 of one
 * now 退单): 303 to its page with repeat=1.  Returns 1 when answered, 0
 * when the refusal is a real conflict, -1 on error. */
static int
tp_repeat(struct hall_ctx *c, const struct task *t, enum wf_action act)
{
	struct task	 now;

	if (wf_load(c->s, t->id, c->acct.unit_id, &now) != 0)
		return -1;
	if (act == WF_SUBMIT ? now.state != TASK_PENDING &&
	    now.state != TASK_DONE : now.state != TASK_CANCELLED)
		return 0;
	tp_redirect(c, now.id, NULL);
	return 1;
}

/* Runs act (WF_SUBMIT or WF_CANCEL) on the task named by id. */
static void
tp_transition(struct hall_ctx *c, enum wf_action act)
{
	struct form_errors	 errs;
	enum wf_result		 wr;
	struct task		 t;
	int			 rc;

	if (tp_load(c, &t) != 0)
		return;
	if ((rc = tp_importing(c, &t, 0)) != 0) {
		if (rc < 0)
			page_busy(c);
		return;
	}
	if (act == WF_SUBMIT && t.state == TASK_DRAFT &&
	    tp_biz->wf->batch != NULL &&
	    (rc = batch_job_busy(c->s, t.id)) != 0) {
		if (rc < 0)
			page_busy(c);
		else
			page_fail(c, 409, "IMPORT_FAILED",
			    "该批次导入未能完成,不能提交,请退单后重新上传");
		return;
	}
	errs.n = 0;
	wr = wf_transition(c->s, t.id, act, &c->who, NULL, &errs);
	switch (wr) {
	case WF_OK:
		tp_redirect(c, t.id, act == WF_SUBMIT ? "submitted" :
		    "cancelled");
		return;
	case WF_RULES:
		tp_refuse(c, &t, 422, &errs,
		    "业务规则校验未通过,未能提交,请按提示修改");
		return;
	case WF_BADSTATE:
		if ((rc = tp_repeat(c, &t, act)) < 0)
			page_busy(c);
		else if (rc == 0)
			tp_conflict(c);
		return;
	case WF_NOTFOUND:
		page_fail(c, 404, "NOT_FOUND", wf_result_message(wr));
		return;
	case WF_IMPORTING:
		page_fail(c, 409, "IMPORTING", wf_result_message(wr));
		return;
	case WF_NEEDREASON:
	case WF_ERROR:
	case WF_RESULT__MAX:
	default:
		page_busy(c);
		return;
	}
}

/* POST /B/submit */
static void
tp_submit(struct hall_ctx *c)
{
	tp_transition(c, WF_SUBMIT);
}

/* POST /B/cancel: 退单. */
static void
tp_cancel(struct hall_ctx *c)
{
	tp_transition(c, WF_CANCEL);
}

/* POST /B/delete and /B/batch/delete: id, row. */
static void
tp_delete(struct hall_ctx *c)
{
	int64_t		 row = page_id_param(c, "row");
	struct task	 t;
	int		 rc;

	if (tp_load(c, &t) != 0)
		return;
	if (!wf_editable(&t)) {
		tp_conflict(c);
		return;
	}
	if ((rc = tp_importing(c, &t, 0)) != 0) {
		if (rc < 0)
			page_busy(c);
		return;
	}
	rc = row > 0 && row < 1000000 && tp_biz->wf->batch != NULL ?
	    batch_delete_row(c->s, tp_biz->wf->batch, &c->who, t.id,
	    (int)row) : 1;
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		tp_refuse(c, &t, 404, NULL, "未找到该行");
	else
		tp_redirect(c, t.id, "deleted");
}

/* ---- The batch pages ---- */

/* The batch upload page.  Returns 0 or -1. */
static int
tp_batch_show(struct hall_ctx *c)
{
	const char *const	*col;
	xmlNodePtr		 list;

	tp_begin(c, "batch", tp_batch_title());
	list = page_add(c, NULL, "columns", NULL);
	for (col = tp_biz->wf->batch->columns; *col != NULL; col++)
		page_add(c, list, "column", *col);
	page_form_token(c);
	tp_add_review_days(c, NULL);
	return tp_biz->batch_xml != NULL ? tp_biz->batch_xml(c) : 0;
}

/* GET /B/batch */
static void
tp_batch(struct hall_ctx *c)
{
	if (tp_batch_show(c) != 0)
		page_busy(c);
}

/* Answers bytes (owned) as the .xlsx download "<batch title><what>.xlsx". */
static void
tp_xlsx(struct hall_ctx *c, const char *what)
{
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "%s%s.xlsx",
	    tp_batch_title(), what);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", XLSX_CTYPE);
}

/* GET /B/batch/template */
static void
tp_template(struct hall_ctx *c)
{
	if (batch_template_unit(c->s, tp_biz->wf->batch, c->acct.unit_id,
	    &c->file, &c->filesz) != 0) {
		page_busy(c);
		return;
	}
	tp_xlsx(c, "模板");
}

/* hall_after work: imports the rows of job id in this process. */
static void
tp_job_after(struct store *s, int64_t id)
{
	(void)batch_job_run(s, tp_biz->wf->batch, id);
}

/* Adds <import job= task= state= rows= done= ok= failed= percent=> of
 * j to the page. */
static void
tp_job_xml(struct hall_ctx *c, const struct batch_job *j)
{
	static const char *const states[] = { "running", "done", "failed" };
	xmlNodePtr	 n;

	n = page_add(c, NULL, "import", NULL);
	page_attr_int(n, "job", j->id);
	page_attr_int(n, "task", j->task_id);
	page_attr(n, "state", states[j->state]);
	page_attr_int(n, "rows", j->rows);
	page_attr_int(n, "done", j->done);
	page_attr_int(n, "ok", j->ok);
	page_attr_int(n, "failed", j->failed);
	page_attr_int(n, "percent", j->rows > 0 ? j->done * 100 / j->rows : 0);
}

/* GET /B/batch/import: job.  The progress of an import job (the page
 * refreshes itself); once done, 303 to its result.  A job nobody runs
 * any more (its process died) is taken up again here, after the
 * answer. */
static void
tp_import(struct hall_ctx *c)
{
	struct batch_job j;
	char		 path[TP_PATH_MAX + 64], msg[128];
	int64_t		 id = page_id_param(c, "job");
	int		 rc;

	rc = batch_job_get(c->s, id, c->acct.unit_id, &j);
	if (rc == 0 && strcmp(j.business, tp_biz->wf->code) != 0)
		rc = 1;
	/* A stalled import is taken over by its clerk's view, not by an
	 * HR system's read-only integration account reading it. */
	if (rc == 0 && j.state == BATCH_JOB_RUNNING &&
	    (!c->integ || c->acct.may_write)) {
		if ((rc = batch_job_claim(c->s, id)) > 0)
			hall_after(c, tp_job_after, id);
		if (rc >= 0)
			rc = batch_job_get(c->s, id, c->acct.unit_id, &j);
	}
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		snprintf(msg, sizeof(msg), "未找到该%s导入", tp_batch_title());
		page_fail(c, 404, "NOT_FOUND", msg);
		return;
	}
	if (j.state == BATCH_JOB_DONE) {
		snprintf(path, sizeof(path), "%s/batch/result?id=%" PRId64
		    "&done=imported", tp_biz->wf->path, j.task_id);
		if (tp_blank_param(c) > 0)	/* the upload's, passed on */
			snprintf(path + strlen(path), sizeof(path) -
			    strlen(path), "&blank=%lld", tp_blank_param(c));
		page_redirect(c, path);
		return;
	}
	tp_begin(c, j.state == BATCH_JOB_RUNNING ? "batch-import" :
	    "batch-import-failed", tp_batch_title());
	tp_job_xml(c, &j);
	if (j.state == BATCH_JOB_FAILED)
		page_message(c, "error", j.message[0] != '\0' ? j.message :
		    "导入未能完成,请退单后重新上传");
}

/* POST /B/batch/upload: file, token. */
static void
tp_batch_upload(struct hall_ctx *c)
{
	const struct req_field	*file = req_field(c->r, "file");
	struct batch_result	 res;
	char			 key[48], msg[160];

	memset(&res, 0, sizeof(res));
	if (file == NULL || file->valsz == 0) {
		snprintf(msg, sizeof(msg), "请选择已填写好的%s模板(.xlsx)文件",
		    tp_batch_title());
		goto refused;
	}
	if (batch_import_start(c->s, tp_biz->wf->batch, &c->who, file->val,
	    file->valsz, &c->today, page_dedup_key(c, tp_biz->wf->code, key),
	    batch_sync_rows(c->s, c->acct.unit_id, &c->today), &res) != 0) {
		page_busy(c);
		return;
	}
	if (res.xlsx_error != 0) {
		snprintf(msg, sizeof(msg), "%s", batch_message(&res));
		goto refused;
	}
	if (res.job_id > 0) {
		/* A job: its rows are imported once this answer is sent;
		 * the same form again shows the first one's progress, or,
		 * once it is done, its task as any repeat does. */
		if (!res.existing)
			hall_after(c, tp_job_after, res.job_id);
		if (res.existing && batch_job_busy(c->s, res.task_id) == 0)
			tp_redirect(c, res.task_id, NULL);
		else
			tp_job_redirect(c, res.job_id, res.blank);
		return;
	}
	if (!res.existing && res.blank > 0) {
		snprintf(msg, sizeof(msg), "imported&blank=%zu", res.blank);
		tp_redirect(c, res.task_id, msg);
	} else
		tp_redirect(c, res.task_id, res.existing ? NULL : "imported");
	return;
refused:
	if (tp_batch_show(c) != 0) {
		page_busy(c);
		return;
	}
	page_message(c, "error", msg);
	c->status = 422;
}

/* GET /B/batch/failures: 下载导入失败列表. */
static void
tp_failures(struct hall_ctx *c)
{
	char	 msg[128];
	int	 rc;

	rc = batch_failures_xlsx(c->s, tp_biz->wf->batch, page_id_param(c,
	    "id"), c->acct.unit_id, &c->file, &c->filesz);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0) {
		snprintf(msg, sizeof(msg), "未找到该%s业务", tp_batch_title());
		page_fail(c, 404, "NOT_FOUND", msg);
	} else
		tp_xlsx(c, "导入失败列表");
}

/* ---- The program ---- */

/* One shared route: method, path under /B, handler, whether it needs
 * a batch spec. */
static const struct {
	enum req_method	 method;
	const char	*sub;
	route_fn	 fn;
	int		 batch;
} tp_shared[TP_NSHARED] = {
	{ REQ_GET, "", tp_index, 0 },
	{ REQ_POST, "/save", NULL, 0 },		/* the business's save */
	{ REQ_POST, "/upload", tp_upload, 0 },
	{ REQ_GET, "/attachment", tp_attachment, 0 },
	{ REQ_POST, "/submit", tp_submit, 0 },
	{ REQ_POST, "/cancel", tp_cancel, 0 },
	{ REQ_POST, "/delete", tp_delete, 0 },
	{ REQ_GET, "/batch", tp_batch, 1 },
	{ REQ_GET, "/batch/template", tp_template, 1 },
	{ REQ_POST, "/batch/upload", tp_batch_upload, 1 },
	{ REQ_GET, "/batch/import", tp_import, 1 },
	{ REQ_GET, "/batch/result", tp_index, 1 },
	{ REQ_GET, "/batch/failures", tp_failures, 1 },
	{ REQ_POST, "/batch/delete", tp_delete, 1 },
};

/* See taskpage.h. */
int
tp_main(const struct tp_business *b, int argc, char *argv[])
{
	static char		 paths[TP_NSHARED][TP_PATH_MAX];
	static struct route	 routes[TP_ROUTES_MAX];
	static struct program	 prog;
	size_t			 i, n = 0;

	if (b == NULL || b->wf == NULL || b->form == NULL || b->save == NULL ||
	    strlen(b->wf->path) + sizeof("/batch/template") > TP_PATH_MAX ||
	    b->nroutes > TP_ROUTES_MAX - TP_NSHARED) {
		log_err("taskpage: a business without a path, form or save");
		return 1;
	}
	tp_biz = b;
	for (i = 0; i < TP_NSHARED; i++) {
		if (tp_shared[i].batch && b->wf->batch == NULL)
			continue;
		snprintf(paths[i], sizeof(paths[i]), "%s%s", b->wf->path,
		    tp_shared[i].sub);
		routes[n].method = tp_shared[i].method;
		routes[n].path = paths[i];
		routes[n].fn = tp_shared[i].fn != NULL ? tp_shared[i].fn :
		    b->save;
		routes[n].flags = ROUTE_UNIT;
		n++;
	}
	for (i = 0; i < b->nroutes; i++)
		routes[n++] = b->routes[i];
	prog.name = b->wf->code;
	prog.xsl = b->xsl;
	prog.routes = routes;
	prog.nroutes = n;
	prog.businesses = NULL;
	return hall_main(&prog, argc, argv);
}
