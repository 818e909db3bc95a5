/*
 * jianyuan: 城镇职工减少 (减员 / 暂停缴费) [SPEC §4; 002, 003].  Query the
 * unit's insured persons, pick some with one 减少原因 and a 变更日期,
 * save a task, attach per person what the rules demand, submit; 批量减员
 * by .xlsx; 《企业参保人员减员表》 as .xlsx and as an A4 page.  The rules
 * are in lib/jianyuan.c; the task pages every business shares (task,
 * upload, attachment, submit, 退单, delete, batch) in lib/taskpage.c.
 * Its own routes:
 *
 *   GET  /jianyuan                 without id, sfzh=: the query form
 *                                  and the list of insured persons
 *   POST /jianyuan/save            reason, change_date, pid (repeated),
 *                                  token (one-time form token), csrf
 *   GET  /jianyuan/export          id: 《企业参保人员减员表》 .xlsx
 *   GET  /jianyuan/table           id: the same as an A4 print page; of
 *                                  a 结束 task with its 回执编号 and
 *                                  验证码 (the receipt "jianyuan", also
 *                                  at /print/jianyuan)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "jianyuan.h"
#include "jianyuan_page.h"
#include "receipt.h"
#include "rsign.h"
#include "taskpage.h"

#define JY_MAX_PIDS	1000	/* persons of one form */

/* The query view with the form values given (NULL: defaults). */
static int
show_query(struct hall_ctx *c, const char *sfzh, const char *reason,
    const char *change_date)
{
	xmlNodePtr	 q;
	char		 today[11];

	tp_begin(c, "query", "城镇职工减少");
	hdate_fmt(&c->today, today);
	q = page_add(c, NULL, "query", NULL);
	page_attr(q, "sfzh", sfzh != NULL ? sfzh : "");
	page_attr(q, "reason", reason != NULL ? reason : "");
	page_attr(q, "change-date", change_date != NULL && *change_date != '\0'
	    ? change_date : today);
	page_attr(q, "scope", "本单位");
	jy_page_reasons(c);
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
		if (jy_page_insured(c, NULL) < 0)
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
	if ((n = jy_page_insured(c, id.number)) < 0)
		page_busy(c);
	else if (n == 0)
		page_message(c, "warn", "本单位未找到该参保缴费人员"
		    "(人员范围:本单位;已暂停缴费的人员不再列出)");
}

/* tp_business form: GET /jianyuan without id. */
static void
form_get(struct hall_ctx *c)
{
	query_get(c);
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
	if (jy_page_insured(c, NULL) < 0) {
		page_busy(c);
		return;
	}
	jy_page_checked(c);
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
	char			 key[48];
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
		if (jy_page_insured(c, NULL) < 0)
			page_busy(c);
		else {
			jy_page_checked(c);
			page_form_errors(c, &errs);
			c->status = 422;
		}
		goto out;
	}
	rc = jy_save(c->s, &c->who, (enum jy_reason)vals[0].num, &vals[1].date,
	    pids, n, page_dedup_key(c, "jy", key), &task_id, &errs);
	if (rc < 0)
		page_busy(c);
	else if (rc == 1)
		save_refused(c, &errs);
	else
		tp_saved(c, task_id, rc == 0);
out:
	free(pids);
}

/* ---- 《企业参保人员减员表》 ---- */

/* GET /jianyuan/export: the 减员表 as .xlsx. */
static void
export_get(struct hall_ctx *c)
{
	struct task	 task;

	if (tp_load(c, &task) != 0)
		return;
	if (jy_table_xlsx(c->s, task.id, &c->file, &c->filesz) != 0) {
		page_busy(c);
		return;
	}
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "企业参保人员减员表-%s.xlsx",
	    task.seq_no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

/* Adds <receipt no= code= verify-url=>: the 减员表 of 结束 task t is
 * the receipt "jianyuan" (issued on its first printing, as /print
 * does), so it carries a number and a code /verify confirms.  Returns
 * 0, or 1 when the page holds the refusal. */
static int
table_receipt(struct hall_ctx *c, const struct task *t)
{
	const struct wf_receipt	*kind;
	struct receipt		 r;
	xmlNodePtr		 n;
	char			 url[256];

	kind = receipt_kind_of(&jianyuan_business, "jianyuan");
	if (kind == NULL ||
	    receipt_issue(c->s, t->id, c->acct.unit_id, kind, &r) != 0) {
		page_busy(c);
		return 1;
	}
	receipt_verify_url(url, sizeof(url));
	n = page_add(c, NULL, "receipt", NULL);
	page_attr(n, "no", r.no);
	page_attr(n, "code", r.code);
	page_attr(n, "verify-url", url);
	return 0;
}

/* GET /jianyuan/table: the 减员表 as an A4 page.  For a 结束 task the
 * 制表时间 is the time it ended and the 审核人 who decided it, so every
 * printout of it is the same; before that, the time of printing. */
static void
table_get(struct hall_ctx *c)
{
	struct jy_rows_arg	 a;
	struct task	 t;
	char		 printed[20], reviewer[128];

	if (tp_load(c, &t) != 0)
		return;
	tp_begin(c, "table", "企业参保人员减员表");
	page_task(c, NULL, &t);
	a.c = c;
	a.list = page_add(c, NULL, "rows", NULL);
	if (t.state == TASK_DONE && t.decided_at > 0) {
		clock_fmt(t.decided_at, printed);
		if (wf_decider_name(c->s, &t, reviewer, sizeof(reviewer)) != 0) {
			page_busy(c);
			return;
		}
		page_attr(a.list, "reviewer", reviewer);
		if (table_receipt(c, &t) != 0)
			return;
	} else
		clock_fmt(clock_now(), printed);
	page_attr(a.list, "printed", printed);
	if (page_unit(c, c->acct.unit_id) != 0 || jy_rows(c->s, t.id, jy_page_row, &a) < 0)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/jianyuan/export", export_get, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/table", table_get, ROUTE_UNIT },
};

static const struct tp_business jianyuan_pages = {
	.wf = &jianyuan_business,
	.xsl = "jianyuan.xsl",
	.form = form_get,
	.save = save_post,
	.materials = jy_page_materials,
	.task_xml = jy_page_task,
	.batch_xml = jy_page_batch,
	.lint = jy_lint,
	.done_note = "自停止缴费月份起,单位不再缴纳所减人员的社会保险费。",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&jianyuan_pages, argc, argv);
}
