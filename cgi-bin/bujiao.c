/*
 * bujiao: 欠费补缴 [issue 12; seed 003 缴费管理 → 单位人员正常补缴费].
 * Rules, computation, 回退 and 到帐: lib/bujiao.c; pages:
 * lib/bujiao_page.c; the task pages every business shares (task,
 * upload, submit, 退单): lib/taskpage.c.  The receipts are
 * /print/bujiao_hd (《单位社会保险费核定表》) and /print/bujiao_mx
 * (《社会保险费补缴明细表》).  Its own routes:
 *
 *   GET  /bujiao                 the owing persons (page=, q=) to pick
 *   GET  /bujiao/all             单位全部清欠
 *   POST /bujiao/compute         pid… or all=1, token: the table, not saved
 *   POST /bujiao/save            pid… or all=1, token: 保存 (fixed)
 *   GET  /bujiao/bills           生成欠费补缴单 / 欠费补缴回退: the unit's
 *                                submitted 补缴 (page=) with their bills
 *   POST /bujiao/rollback        id: 欠费补缴回退 (until 到帐确认)
 *   GET  /bujiao/xlsx            id, kind=bujiao_hd|bujiao_mx: .xlsx
 *   GET  /bujiao/confirm         reviewer: awaiting 到帐 (page=), or id=
 *   POST /bujiao/confirm         reviewer: id, tax_no, amount, paid_on
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bujiao.h"
#include "bujiao_page.h"
#include "hall.h"
#include "taskpage.h"

/* Reads the pid fields into pids[BUJIAO_MAX_PIDS] and all=1 into *all;
 * a malformed one adds an error.  Returns the count. */
static size_t
read_pids(struct hall_ctx *c, int64_t *pids, int *all,
    struct form_errors *errs)
{
	const struct req_field	*f;
	const char		*v = req_body_get(c->r, "all");
	size_t			 i, n = 0;

	*all = v != NULL && strcmp(v, "1") == 0;
	for (i = 0; i < c->r->body.n; i++) {
		f = &c->r->body.v[i];
		if (strcmp(f->key, "pid") != 0)
			continue;
		if (f->valsz == 0 || f->valsz > 18 ||
		    strspn(f->val, "0123456789") != f->valsz) {
			form_error_add(errs, "pid", "FORMAT", "人员选择有误");
			continue;
		}
		if (n == BUJIAO_MAX_PIDS) {
			form_error_add(errs, "pid", "TOOMANY", "一次最多选择1000"
			    "人,更多人员请选择单位全部清欠");
			break;
		}
		pids[n++] = strtoll(f->val, NULL, 10);
	}
	return n;
}

/* The 身份证号 prefix to search, or NULL: digits and X, at most 18. */
static const char *
search_q(struct hall_ctx *c)
{
	const char	*q = req_get(c->r, "q");
	size_t		 n;

	if (q == NULL || (n = strlen(q)) == 0)
		return NULL;
	if (n > 18 || strspn(q, "0123456789Xx") != n) {
		page_message(c, "error", "身份证号应为18位数字(末位可为X)");
		return NULL;
	}
	return q;
}

/* The pick page: view (form or all), the owing persons, the warning. */
static void
pick_page(struct hall_ctx *c, const char *view, const char *title)
{
	tp_begin(c, view, title);
	page_form_token(c);
	if (bj_page_late_warning(c) != 0 ||
	    bj_page_owing(c, search_q(c), page_number_param(c, "page")) != 0 ||
	    tp_add_recent(c) != 0)
		page_busy(c);
}

/* GET /bujiao without id: 单位员工欠费补缴. */
static void
form_get(struct hall_ctx *c)
{
	pick_page(c, "form", "单位员工欠费补缴");
}

/* GET /bujiao/all: 单位全部清欠. */
static void
all_get(struct hall_ctx *c)
{
	pick_page(c, "all", "单位全部清欠");
}

/* A refused compute or save: the pick page again with errs, 422. */
static void
refused(struct hall_ctx *c, int all, const struct form_errors *errs)
{
	pick_page(c, all ? "all" : "form", all ? "单位全部清欠" :
	    "单位员工欠费补缴");
	page_form_errors(c, errs);
	page_message(c, "error", "未能核定,请按红色提示修改");
	c->status = 422;
}

/* Adds the posted token (32 hex) again, else a fresh one. */
static void
keep_token(struct hall_ctx *c)
{
	const char	*tok = req_body_get(c->r, "token");

	if (tok != NULL && strlen(tok) == 32 &&
	    strspn(tok, "0123456789abcdef") == 32)
		page_attr(page_add(c, NULL, "form", NULL), "token", tok);
	else
		page_form_token(c);
}

/* POST /bujiao/compute: the table before 保存; nothing stored. */
static void
compute_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	int64_t			*pids;
	size_t			 n, i;
	int			 all, rc;
	xmlNodePtr		 pick;

	if ((pids = calloc(BUJIAO_MAX_PIDS, sizeof(*pids))) == NULL) {
		page_busy(c);
		return;
	}
	errs.n = 0;
	n = read_pids(c, pids, &all, &errs);
	if (errs.n > 0) {
		refused(c, all, &errs);
		free(pids);
		return;
	}
	tp_begin(c, "compute", all ? "单位全部清欠" : "单位员工欠费补缴");
	keep_token(c);
	if (bj_page_late_warning(c) != 0 || (rc = bj_page_compute(c, pids, n,
	    all, &errs)) < 0) {
		page_busy(c);
		free(pids);
		return;
	}
	if (rc > 0) {
		refused(c, all, &errs);
		free(pids);
		return;
	}
	pick = page_add(c, NULL, "picked", NULL);
	page_attr(pick, "all", all ? "1" : "0");
	for (i = 0; !all && i < n; i++)
		page_attr_int(page_add(c, pick, "pid", NULL), "id", pids[i]);
	free(pids);
}

/* POST /bujiao/save: 保存, the computation fixed. */
static void
save_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	int64_t			*pids, id;
	size_t			 n;
	char			 key[48];
	int			 all, created, rc;

	if ((pids = calloc(BUJIAO_MAX_PIDS, sizeof(*pids))) == NULL) {
		page_busy(c);
		return;
	}
	errs.n = 0;
	n = read_pids(c, pids, &all, &errs);
	rc = errs.n > 0 ? 1 : bujiao_save(c->s, &c->who, pids, n, all,
	    page_dedup_key(c, "bj", key), &id, &created, &errs);
	free(pids);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		refused(c, all, &errs);
	else
		tp_saved(c, id, created);
}

/* GET /bujiao/bills: 生成欠费补缴单 (rollback=1: 欠费补缴回退, the same
 * list under that title). */
static void
bills_get(struct hall_ctx *c)
{
	const char	*rb = req_get(c->r, "rollback");

	tp_begin(c, "bills", rb != NULL && strcmp(rb, "1") == 0 ?
	    "欠费补缴回退" : "生成欠费补缴单");
	if (bj_page_bills(c, page_number_param(c, "page")) != 0)
		page_busy(c);
}

/* POST /bujiao/rollback: 欠费补缴回退. */
static void
rollback_post(struct hall_ctx *c)
{
	struct task	 t;
	char		 msg[256], path[96];
	int		 rc;

	if (tp_load(c, &t) != 0)
		return;
	rc = bujiao_rollback(c->s, &c->who, t.id, msg, sizeof(msg));
	if (rc < 0)
		page_busy(c);
	else if (rc == 3)
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
	else if (rc == 2)
		page_fail(c, 409, "BJ_NO_ROLLBACK", msg);
	else if (rc == 1) {
		snprintf(path, sizeof(path), "/bujiao?id=%" PRId64 "&repeat=1",
		    t.id);
		page_redirect(c, path);
	} else
		tp_redirect(c, t.id, "rolledback");
}

/* GET /bujiao/xlsx: a receipt as .xlsx, once the task is 结束. */
static void
xlsx_get(struct hall_ctx *c)
{
	struct task	 t;
	const char	*kind = req_get(c->r, "kind");
	int		 rc;

	if (tp_load(c, &t) != 0)
		return;
	if (t.state != TASK_DONE) {
		page_fail(c, 409, "NOT_DONE", "该业务尚未审核通过,审核通过后方可"
		    "下载核定表和明细表");
		return;
	}
	rc = bj_page_xlsx(c, &t, kind != NULL ? kind : "");
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "该业务没有这种回执");
}

/* The reviewer's page of task id (a 补缴 of any unit).  Returns 0, or 1
 * when the page holds the refusal. */
static int
confirm_page(struct hall_ctx *c, int64_t id)
{
	struct task	 t;
	int		 rc;

	if ((rc = wf_load(c->s, id, 0, &t)) < 0) {
		page_busy(c);
		return 1;
	}
	if (rc > 0 || strcmp(t.business, BUJIAO_BUSINESS) != 0) {
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
		return 1;
	}
	page_view(c, "confirm", "缴费到帐确认");
	page_task(c, NULL, &t);
	if (page_unit(c, t.unit_id) != 0 || bj_page_task(c, &t, 0, NULL)) {
		page_busy(c);
		return 1;
	}
	page_form_token(c);
	return 0;
}

/* GET /bujiao/confirm: the list awaiting 到帐, or one task (id=). */
static void
confirm_get(struct hall_ctx *c)
{
	const char	*done = req_get(c->r, "done");
	int64_t		 id = page_id_param(c, "id");

	if (req_get(c->r, "id") != NULL) {
		if (id <= 0) {
			page_fail(c, 404, "NOT_FOUND", "未找到该业务");
			return;
		}
		if (confirm_page(c, id) != 0)
			return;
		if (req_get(c->r, "repeat") != NULL)
			page_message(c, "info", "该补缴已确认到帐");
		else if (done != NULL && strcmp(done, "confirmed") == 0)
			page_message(c, "ok", "已确认到帐,欠费已核销");
		return;
	}
	page_view(c, "confirm-list", "缴费到帐确认");
	if (bj_page_awaiting(c, page_number_param(c, "page")) != 0)
		page_busy(c);
}

static const struct field_def confirm_defs[] = {
	{ "tax_no", "税票号", FIELD_TEXT, FIELD_REQUIRED, 40, NULL, 0, 0 },
	{ "amount", "到帐金额", FIELD_MONEY, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "paid_on", "缴费日期", FIELD_DATE, FIELD_REQUIRED, 0, NULL, 0, 0 },
};

/* The confirm page again with errs and status (422). */
static void
confirm_refused(struct hall_ctx *c, int64_t id, const struct form_errors *e)
{
	xmlNodePtr	 n;

	if (confirm_page(c, id) != 0)
		return;
	n = page_add(c, NULL, "posted", NULL);
	page_attr(n, "tax_no", req_body_get(c->r, "tax_no"));
	page_attr(n, "amount", req_body_get(c->r, "amount"));
	page_attr(n, "paid_on", req_body_get(c->r, "paid_on"));
	page_form_errors(c, e);
	page_message(c, "error", "未能确认到帐,请按红色提示修改");
	c->status = 422;
}

/* POST /bujiao/confirm: 缴费到帐确认 by a reviewer. */
static void
confirm_post(struct hall_ctx *c)
{
	struct field_val	 v[3];
	struct form_errors	 errs;
	int64_t			 id = page_id_param(c, "id");
	char			 msg[256], day[11], path[96];
	const char		*tax;
	int			 rc;

	if (id <= 0) {
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
		return;
	}
	errs.n = 0;
	form_validate(c->r, confirm_defs, 3, &c->today, v, &errs);
	tax = req_body_get(c->r, "tax_no");
	if (errs.n == 0 && (strlen(tax) > 40 || strspn(tax, "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") !=
	    strlen(tax)))
		form_error_add(&errs, "tax_no", "FORMAT", "税票号只能由字母、数字"
		    "和-组成,不超过40位");
	if (errs.n == 0 && hdate_cmp(&v[2].date, &c->today) > 0)
		form_error_add(&errs, "paid_on", "FUTURE", "缴费日期不能晚于今天");
	if (errs.n > 0) {
		confirm_refused(c, id, &errs);
		return;
	}
	hdate_fmt(&v[2].date, day);
	rc = bujiao_confirm(c->s, &c->who, id, tax, v[1].num, day, msg,
	    sizeof(msg), &errs);
	if (rc < 0)
		page_busy(c);
	else if (rc == 4)
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
	else if (rc == 3)
		confirm_refused(c, id, &errs);
	else if (rc == 2)
		page_fail(c, 409, "BJ_NO_CONFIRM", msg);
	else {
		snprintf(path, sizeof(path), "/bujiao/confirm?id=%" PRId64 "&%s",
		    id, rc == 1 ? "repeat=1" : "done=confirmed");
		page_redirect(c, path);
	}
}

static const struct route routes[] = {
	{ REQ_GET, "/bujiao/all", all_get, ROUTE_UNIT },
	{ REQ_GET, "/bujiao/bills", bills_get, ROUTE_UNIT },
	{ REQ_POST, "/bujiao/compute", compute_post, ROUTE_UNIT },
	{ REQ_POST, "/bujiao/rollback", rollback_post, ROUTE_UNIT },
	{ REQ_GET, "/bujiao/xlsx", xlsx_get, ROUTE_UNIT },
	{ REQ_GET, "/bujiao/confirm", confirm_get, ROUTE_REVIEWER },
	{ REQ_POST, "/bujiao/confirm", confirm_post, ROUTE_REVIEWER },
};

static const struct tp_business bujiao_pages = {
	.wf = &bujiao_business,
	.xsl = "bujiao.xsl",
	.form = form_get,
	.save = save_post,
	.materials = bj_page_materials,
	.task_xml = bj_page_task,
	.lint = bujiao_lint,
	.done_note = "请打印《单位社会保险费核定表》和《社会保险费补缴明细表》,"
	    "持核定表到主管税务机关缴费,并将税票带回社保经办机构办理缴费到帐确认",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&bujiao_pages, argc, argv);
}
