/*
 * bujiao_page.c: the page side of 欠费补缴; see bujiao_page.h.  No SQL:
 * every fact comes from lib/bujiao.h and lib/arrears.h.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "arrears.h"
#include "bujiao_page.h"
#include "tmpout.h"
#include "person.h"
#include "receipt.h"
#include "rsign.h"
#include "tasklist.h"

/* ---- The pick list ---- */

/* What the owing list callback adds to. */
struct bj_list {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
	int		 n;
	int		 failed;
};

/* arrears_person_fn: one <person> of the list.  Returns 0, or 1 when
 * the store failed. */
static int
bj_owing_row(void *arg, const struct arrears_sum *p)
{
	struct bj_list	*a = arg;
	struct task	 t;
	xmlNodePtr	 n;
	char		 y[32];

	n = page_add(a->c, a->list, "person", NULL);
	page_attr_int(n, "id", p->person_id);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
	page_attr_int(n, "months", p->months);
	page_attr(n, "first", p->first);
	page_attr(n, "last", p->last);
	page_attr(n, "amount", bujiao_yuan(p->amount_fen, y));
	page_attr_int(n, "reserved", p->reserved);
	if (p->reserved > 0 && p->task_id > 0) {
		if (wf_load(a->c->s, p->task_id, 0, &t) < 0) {
			a->failed = 1;
			return 1;
		}
		page_attr(n, "seq", t.seq_no);
	}
	a->n++;
	return 0;
}

/* Says whether the person with 身份证号 q, owing nothing here, owes at
 * another unit.  Returns 0 or -1. */
static int
bj_owing_elsewhere(struct hall_ctx *c, const char *q)
{
	char	 name[64];
	int64_t	 id;
	int	 rc;

	if ((rc = person_on_file(c->s, q, &id, name, sizeof(name))) < 0)
		return -1;
	if (rc == 0 && (rc = arrears_elsewhere(c->s, id, c->acct.unit_id)) < 0)
		return -1;
	page_message(c, "warn", rc == 1 ? "该人员在本单位没有欠费;其在其他单位"
	    "的欠费须到社保经办机构办理" : "该人员在本单位没有欠费");
	return 0;
}

/* See bujiao_page.h. */
int
bj_page_owing(struct hall_ctx *c, const char *q, int pageno)
{
	struct bj_list	 a;
	int64_t		 persons, months, amount;
	char		 y[32];

	if (arrears_unit_count(c->s, c->acct.unit_id, &persons, &months,
	    &amount) != 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.list = page_add(c, NULL, "owing", NULL);
	page_attr_int(a.list, "months", months);
	page_attr(a.list, "amount", bujiao_yuan(amount, y));
	page_attr(a.list, "q", q != NULL ? q : "");
	if (q != NULL && *q != '\0')
		pageno = 1;	/* a search shows its first page */
	pageno = page_list_attrs(a.list, persons, pageno, BJ_PAGE_PERSONS);
	page_attr_int(a.list, "persons", persons);
	if (arrears_unit_persons(c->s, c->acct.unit_id, q,
	    (int64_t)(pageno - 1) * BJ_PAGE_PERSONS, BJ_PAGE_PERSONS,
	    bj_owing_row, &a) < 0 || a.failed)
		return -1;
	if (q != NULL && strlen(q) == 18 && a.n == 0)
		return bj_owing_elsewhere(c, q);
	return 0;
}

/* See bujiao_page.h. */
int
bj_page_late_warning(struct hall_ctx *c)
{
	long long	 day;
	char		 msg[256];
	int		 rc;

	if ((rc = bujiao_late_in_month(c->s, c->acct.unit_id, &c->today,
	    &day)) < 0)
		return -1;
	if (rc == 0)
		return 0;
	page_attr_int(page_add(c, NULL, "late-month", NULL), "day", day);
	snprintf(msg, sizeof(msg), "今天已过本月%lld日:此时办理欠费补缴,本月"
	    "后续业务(如增减员、缴费核定)可能受到影响", day);
	page_message(c, "warn", msg);
	return 0;
}

/* ---- The computed table ---- */

/* Adds <total type= type-name= side= side-name= amount= late=> under
 * parent for each type and side of by with something to pay. */
static void
bj_totals_xml(struct hall_ctx *c, xmlNodePtr parent,
    const struct levy_sum by[LEVY_TYPE__MAX][LEVY_SIDE__MAX])
{
	xmlNodePtr	 n;
	char		 y[32];
	int		 ty, sd;

	for (ty = 0; ty < LEVY_TYPE__MAX; ty++)
		for (sd = 0; sd < LEVY_SIDE__MAX; sd++) {
			if (by[ty][sd].amount_fen == 0 &&
			    by[ty][sd].late_fen == 0)
				continue;
			n = page_add(c, parent, "total", NULL);
			page_attr(n, "type", levy_type_key((enum levy_type)ty));
			page_attr(n, "type-name",
			    levy_type_name((enum levy_type)ty));
			page_attr(n, "side", sd == LEVY_UNIT ? "unit" : "person");
			page_attr(n, "side-name",
			    levy_side_name((enum levy_side)sd));
			page_attr(n, "amount",
			    bujiao_yuan(by[ty][sd].amount_fen, y));
			page_attr(n, "late", bujiao_yuan(by[ty][sd].late_fen, y));
		}
}

/* Adds one <line month= type-name= side-name= base= rate= amount= due=
 * days= late=> under person. */
static void
bj_line_xml(struct hall_ctx *c, xmlNodePtr person, const struct levy_line *l)
{
	xmlNodePtr	 n;
	char		 y[32], due[11], rate[32];

	n = page_add(c, person, "line", NULL);
	page_attr(n, "month", l->month);
	page_attr(n, "type-name", levy_type_name(l->type));
	page_attr(n, "side-name", levy_side_name(l->side));
	page_attr(n, "base", bujiao_yuan(l->base_fen, y));
	if (l->rate_bp > 0)
		snprintf(rate, sizeof(rate), "%d.%02d%%", l->rate_bp / 100,
		    l->rate_bp % 100);
	else
		snprintf(rate, sizeof(rate), "定额");
	page_attr(n, "rate", rate);
	page_attr(n, "amount", bujiao_yuan(l->amount_fen, y));
	hdate_fmt(&l->due, due);
	page_attr(n, "due", due);
	page_attr_int(n, "days", l->late_days);
	page_attr(n, "late", bujiao_yuan(l->late_fen, y));
}

/* Adds <person row= id= idno= name= months= first= last= unit=
 * personal= late=> under parent. */
static xmlNodePtr
bj_person_xml(struct hall_ctx *c, xmlNodePtr parent,
    const struct bujiao_person *p)
{
	xmlNodePtr	 n;
	char		 y[32];

	n = page_add(c, parent, "person", NULL);
	page_attr_int(n, "row", p->row_no);
	page_attr_int(n, "id", p->person_id);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
	page_attr_int(n, "months", (long long)p->nmonths);
	page_attr(n, "first", p->first);
	page_attr(n, "last", p->last);
	page_attr(n, "unit", bujiao_yuan(p->unit_fen, y));
	page_attr(n, "personal", bujiao_yuan(p->person_fen, y));
	page_attr(n, "late", bujiao_yuan(p->late_fen, y));
	return n;
}

/* What the compute callback adds to. */
struct bj_comp {
	struct hall_ctx	*c;
	xmlNodePtr	 node;
	int		 shown;
};

/* bujiao_person_fn of the preview: the first persons with their lines.
 * Returns 0. */
static int
bj_comp_person(void *arg, const struct bujiao_person *p)
{
	struct bj_comp	*a = arg;
	xmlNodePtr	 n;
	size_t		 i;

	if (a->shown++ >= BJ_PAGE_PERSONS)
		return 0;
	n = bj_person_xml(a->c, a->node, p);
	for (i = 0; i < p->lv->nlines; i++)
		bj_line_xml(a->c, n, &p->lv->lines[i]);
	return 0;
}

/* See bujiao_page.h. */
int
bj_page_compute(struct hall_ctx *c, const int64_t *pids, size_t n, int all,
    struct form_errors *errs)
{
	struct levy	 t;
	struct bj_comp	 a;
	char		 y[32], day[11];
	int		 rc;

	levy_init(&t);
	t.keep_lines = 0;
	a.c = c;
	a.shown = 0;
	a.node = xmlNewNode(NULL, (const xmlChar *)"compute");
	if (a.node == NULL)
		return -1;
	rc = bujiao_compute(c->s, c->acct.unit_id, pids, n, all, &c->today,
	    &t, bj_comp_person, &a, errs);
	if (rc != 0 || errs->n > 0) {
		xmlFreeNode(a.node);
		levy_free(&t);
		return rc != 0 ? -1 : 1;
	}
	xmlAddChild(c->page, a.node);
	page_attr(a.node, "all", all ? "1" : "0");
	hdate_fmt(&c->today, day);
	page_attr(a.node, "on", day);
	page_attr_int(a.node, "persons", (long long)t.persons);
	page_attr_int(a.node, "months", (long long)t.months);
	page_attr_int(a.node, "shown", a.shown < BJ_PAGE_PERSONS ? a.shown :
	    BJ_PAGE_PERSONS);
	page_attr(a.node, "amount", bujiao_yuan(t.total.amount_fen, y));
	page_attr(a.node, "late", bujiao_yuan(t.total.late_fen, y));
	page_attr(a.node, "total", bujiao_yuan(t.total.amount_fen +
	    t.total.late_fen, y));
	bj_totals_xml(c, a.node, (const struct levy_sum (*)[LEVY_SIDE__MAX])
	    t.by);
	levy_free(&t);
	return 0;
}

/* ---- The task ---- */

/* What the task page's callbacks add to. */
struct bj_taskxml {
	struct hall_ctx	*c;
	struct store	*s;
	int64_t		 task_id;
	xmlNodePtr	 persons;
	xmlNodePtr	 cur;
	int		 cur_row;
	int		 failed;
};

/* bujiao_line_fn: a line under its person of the page.  Returns 0. */
static int
bj_task_line(void *arg, int row_no, const struct levy_line *l)
{
	struct bj_taskxml	*a = arg;

	if (a->cur != NULL && row_no == a->cur_row)
		bj_line_xml(a->c, a->cur, l);
	return 0;
}

/* bujiao_person_fn: one person of the task page with his lines.
 * Returns 0, or 1 when the store failed. */
static int
bj_task_person(void *arg, const struct bujiao_person *p)
{
	struct bj_taskxml	*a = arg;

	a->cur = bj_person_xml(a->c, a->persons, p);
	a->cur_row = p->row_no;
	return 0;
}

/* Adds the lines of the persons on the page (rows first..last), each
 * under its <person>.  Returns 0 or -1. */
static int
bj_task_lines(struct bj_taskxml *a)
{
	xmlNodePtr	 p;
	xmlChar		*row;

	for (p = a->persons->children; p != NULL; p = p->next) {
		if ((row = xmlGetProp(p, (const xmlChar *)"row")) == NULL)
			continue;
		a->cur = p;
		a->cur_row = atoi((const char *)row);
		xmlFree(row);
		if (bujiao_task_person_lines(a->s, a->task_id, a->cur_row,
		    bj_task_line, a) < 0)
			return -1;
	}
	return 0;
}

/* See bujiao_page.h. */
int
bj_page_task(struct hall_ctx *c, const struct task *t, int batch,
    xmlNodePtr tn)
{
	struct bujiao_info	 b;
	struct bj_taskxml	 a;
	xmlNodePtr		 n;
	const char		*done = req_get(c->r, "done");
	char			 y[32];
	int			 pageno;

	if (bujiao_load(c->s, t->id, &b) != 0)
		return -1;
	n = page_add(c, NULL, "bujiao", NULL);
	page_attr(n, "scope", b.scope);
	page_attr(n, "computed-on", b.computed_on);
	page_attr_int(n, "persons", b.persons);
	page_attr_int(n, "months", b.months);
	page_attr(n, "amount", bujiao_yuan(b.amount_fen, y));
	page_attr(n, "late", bujiao_yuan(b.late_fen, y));
	page_attr(n, "total", bujiao_yuan(b.amount_fen + b.late_fen, y));
	page_attr(n, "pay-state", b.pay_state);
	page_attr(n, "tax-no", b.tax_no);
	page_attr(n, "paid", b.paid_fen > 0 ? bujiao_yuan(b.paid_fen, y) : "");
	page_attr(n, "paid-on", b.paid_on);
	bj_totals_xml(c, n, (const struct levy_sum (*)[LEVY_SIDE__MAX])b.by);
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.s = c->s;
	a.task_id = t->id;
	a.persons = page_add(c, n, "persons", NULL);
	pageno = page_list_attrs(a.persons, b.persons,
	    page_number_param(c, "page"), BJ_PAGE_PERSONS);
	if (bujiao_persons(c->s, t->id, (pageno - 1) * BJ_PAGE_PERSONS,
	    BJ_PAGE_PERSONS, bj_task_person, &a) < 0 || bj_task_lines(&a))
		return -1;
	if (done != NULL && strcmp(done, "rolledback") == 0 &&
	    strcmp(b.pay_state, BUJIAO_ROLLED_BACK) == 0)
		page_message(c, "ok", "已回退:欠费恢复为未缴,核定表和明细表已作废");
	if (strcmp(b.pay_state, BUJIAO_AWAITING) == 0)
		page_message(c, "info", "请打印《单位社会保险费核定表》和《社会保险"
		    "费补缴明细表》,持核定表到主管税务机关缴费,并将税票带回社保"
		    "经办机构办理缴费到帐确认");
	return 0;
}

/* See bujiao_page.h. */
int
bj_page_materials(struct hall_ctx *c, const struct task *t, int64_t pid,
    struct tp_material *out, size_t *n)
{
	*n = 0;
	if (pid != 0)
		return 1;
	out[0] = (struct tp_material){ "jingbanren_sfz", "经办人身份证", 0, 0,
	    0, NULL };
	*n = 1;
	return 0;
}

/* ---- 生成欠费补缴单 / 欠费补缴回退 ---- */

/* What the bills list callback adds to. */
struct bj_bills {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
	int		 n;
	int		 failed;
};

/* tasklist_fn: one <task> with its <bujiao>. */
static void
bj_bill_row(const struct task *t, const char *unit_name, void *arg)
{
	struct bj_bills		*a = arg;
	struct bujiao_info	 b;
	xmlNodePtr		 n, tn;
	char			 y[32];

	(void)unit_name;
	a->n++;
	if (bujiao_load(a->c->s, t->id, &b) != 0) {
		a->failed = 1;
		return;
	}
	tn = page_task(a->c, a->list, t);
	n = page_add(a->c, tn, "bujiao", NULL);
	page_attr(n, "pay-state", b.pay_state);
	page_attr(n, "computed-on", b.computed_on);
	page_attr_int(n, "persons", b.persons);
	page_attr(n, "total", bujiao_yuan(b.amount_fen + b.late_fen, y));
	page_attr(n, "tax-no", b.tax_no);
}

/* See bujiao_page.h. */
int
bj_page_bills(struct hall_ctx *c, int pageno)
{
	struct bj_bills	 a;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.list = page_add(c, NULL, "bills", NULL);
	if (pageno < 1 || pageno > 100000)
		pageno = 1;
	if (tasklist_page(c->s, TASKLIST_HANDLED, c->acct.unit_id,
	    BUJIAO_BUSINESS, BJ_PAGE_PERSONS, (pageno - 1) * BJ_PAGE_PERSONS,
	    bj_bill_row, &a) < 0 || a.failed)
		return -1;
	page_attr_int(a.list, "page", pageno);
	page_attr(a.list, "more", a.n == BJ_PAGE_PERSONS ? "1" : "0");
	return 0;
}

/* ---- The reviewer's list ---- */

/* What the awaiting list callback adds to. */
struct bj_await {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* One <task> of the awaiting list. */
static void
bj_await_row(void *arg, const struct bujiao_awaiting *w)
{
	struct bj_await	*a = arg;
	xmlNodePtr	 n;
	char		 y[32];

	n = page_add(a->c, a->list, "task", NULL);
	page_attr_int(n, "id", w->task_id);
	page_attr(n, "seq", w->seq_no);
	page_attr(n, "unit", w->unit_name);
	page_attr(n, "computed-on", w->computed_on);
	page_attr_int(n, "persons", w->persons);
	page_attr(n, "total", bujiao_yuan(w->total_fen, y));
}

/* See bujiao_page.h. */
int
bj_page_awaiting(struct hall_ctx *c, int pageno)
{
	struct bj_await	 a;
	int64_t		 total;

	if (bujiao_count_state(c->s, BUJIAO_AWAITING, &total) != 0)
		return -1;
	a.c = c;
	a.list = page_add(c, NULL, "awaiting", NULL);
	pageno = page_list_attrs(a.list, total, pageno, BJ_PAGE_PERSONS);
	return bujiao_awaiting_page(c->s, (pageno - 1) * BJ_PAGE_PERSONS,
	    BJ_PAGE_PERSONS, bj_await_row, &a) < 0 ? -1 : 0;
}

/* ---- The receipts as .xlsx ---- */

/* A sheet being written. */
struct bj_sheet {
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	int		 sheets;		/* 明细表 sheets so far */
	lxw_format	*bold, *money;
	lxw_row_t	 row;
	int		 failed;
	int		 cur_row;
	const struct bujiao_person *who;	/* the person of cur_row */
	struct store	*s;
	int64_t		 task_id;
};

/* Writes text cells[0..n) on the next row (NULL: skip).  */
static void
bj_xrow(struct bj_sheet *sh, const char *const *cells, size_t n,
    lxw_format *f)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (cells[i] != NULL && cells[i][0] != '\0' &&
		    worksheet_write_string(sh->ws, sh->row, (lxw_col_t)i,
		    cells[i], f) != LXW_NO_ERROR)
			sh->failed = 1;
	sh->row++;
}

/* Writes fen as a number in 元 at column col of the current row. */
static void
bj_xmoney(struct bj_sheet *sh, lxw_col_t col, int64_t fen)
{
	if (worksheet_write_number(sh->ws, sh->row, col, (double)fen / 100.0,
	    sh->money) != LXW_NO_ERROR)
		sh->failed = 1;
}

/* The head of either receipt: title, unit, number and code, and the
 * instruction to pay at the tax office. */
static void
bj_xhead(struct hall_ctx *c, struct bj_sheet *sh, const struct task *t,
    const struct receipt *r, const struct bujiao_info *b)
{
	char		 unit[256], l1[256], l2[512], l3[256], url[256];
	const char	*cells[1];

	if (receipt_unit_name(c->s, t->unit_id, unit, sizeof(unit)) != 0)
		unit[0] = '\0';
	cells[0] = r->kind;
	bj_xrow(sh, cells, 1, sh->bold);
	snprintf(l1, sizeof(l1), "单位名称:%s  业务顺序号:%s  核定日期:%s",
	    unit, t->seq_no, b->computed_on);
	cells[0] = l1;
	bj_xrow(sh, cells, 1, NULL);
	snprintf(l2, sizeof(l2), "回执编号:%s  验证码:%s  (可在 %s 查验真伪)",
	    r->no, r->code, (receipt_verify_url(url, sizeof(url)), url));
	cells[0] = l2;
	bj_xrow(sh, cells, 1, NULL);
	if (strcmp(b->pay_state, BUJIAO_ROLLED_BACK) == 0)
		snprintf(l3, sizeof(l3), "本表已作废(单位已办理欠费补缴回退)");
	else
		snprintf(l3, sizeof(l3), "请持《单位社会保险费核定表》到主管税务"
		    "机关缴纳,缴费后将税票带回社保经办机构办理缴费到帐确认");
	cells[0] = l3;
	bj_xrow(sh, cells, 1, NULL);
	sh->row++;
}

/* The 核定表's body: one row per type and side, then the totals. */
static void
bj_xhd(struct bj_sheet *sh, const struct bujiao_info *b)
{
	static const char *const head[] = { "险种", "缴费方", "应缴金额(元)",
		"滞纳金(元)", "合计(元)" };
	const char	*cells[2];
	int		 ty, sd;

	bj_xrow(sh, head, 5, sh->bold);
	for (ty = 0; ty < LEVY_TYPE__MAX; ty++)
		for (sd = 0; sd < LEVY_SIDE__MAX; sd++) {
			if (b->by[ty][sd].amount_fen == 0 &&
			    b->by[ty][sd].late_fen == 0)
				continue;
			bj_xmoney(sh, 2, b->by[ty][sd].amount_fen);
			bj_xmoney(sh, 3, b->by[ty][sd].late_fen);
			bj_xmoney(sh, 4, b->by[ty][sd].amount_fen +
			    b->by[ty][sd].late_fen);
			cells[0] = levy_type_name((enum levy_type)ty);
			cells[1] = levy_side_name((enum levy_side)sd);
			bj_xrow(sh, cells, 2, NULL);
		}
	bj_xmoney(sh, 2, b->amount_fen);
	bj_xmoney(sh, 3, b->late_fen);
	bj_xmoney(sh, 4, b->amount_fen + b->late_fen);
	cells[0] = "合计";
	bj_xrow(sh, cells, 1, sh->bold);
}

/* The persons of the 明细表 read page by page (name and 身份证号 by
 * row). */
struct bj_names {
	struct bujiao_person	*p;
	size_t			 n, cap;
};

/* bujiao_person_fn: keeps the person.  Returns 0 or -1. */
static int
bj_names_add(void *arg, const struct bujiao_person *p)
{
	struct bj_names		*a = arg;
	struct bujiao_person	*np;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		if ((np = realloc(a->p, a->cap * sizeof(*np))) == NULL)
			return -1;
		a->p = np;
	}
	a->p[a->n++] = *p;
	return 0;
}

/* The 明细表's columns. */
static const char *const bj_mx_head[] = { "姓名", "身份证号", "费款所属期",
	"险种", "缴费方", "缴费基数(元)", "费率", "应缴金额(元)", "缴费期限",
	"滞纳天数", "滞纳金(元)" };

/* Goes on on a new sheet (补缴明细表(2), …) with the header when the
 * current one is full (Excel's 1,048,576 rows: a 全部清欠 of 20,000
 * persons may need more).  Sets sh->failed on error. */
static void
bj_xmx_room(struct bj_sheet *sh)
{
	char	 name[40];

	if (sh->row < LXW_ROW_MAX - 1)
		return;
	snprintf(name, sizeof(name), "补缴明细表(%d)", ++sh->sheets);
	if ((sh->ws = workbook_add_worksheet(sh->wb, name)) == NULL) {
		sh->failed = 1;
		return;
	}
	worksheet_set_column(sh->ws, 0, 10, 14, NULL);
	worksheet_set_column(sh->ws, 1, 1, 22, NULL);
	sh->row = 0;
	bj_xrow(sh, bj_mx_head, 11, sh->bold);
}

/* bujiao_line_fn of the 明细表: one row per person, month, type and
 * side.  Returns 0, or 1 when writing failed. */
static int
bj_xmx_line(void *arg, int row_no, const struct levy_line *l)
{
	struct bj_sheet	*sh = arg;
	const char	*cells[6];
	char		 rate[32], due[11], days[24];

	bj_xmx_room(sh);
	if (sh->failed)
		return 1;
	if (l->rate_bp > 0)
		snprintf(rate, sizeof(rate), "%d.%02d%%", l->rate_bp / 100,
		    l->rate_bp % 100);
	else
		snprintf(rate, sizeof(rate), "定额");
	hdate_fmt(&l->due, due);
	snprintf(days, sizeof(days), "%ld", l->late_days);
	cells[0] = sh->who != NULL ? sh->who->name : "";
	cells[1] = sh->who != NULL ? sh->who->idno : "";
	cells[2] = l->month;
	cells[3] = levy_type_name(l->type);
	cells[4] = levy_side_name(l->side);
	cells[5] = NULL;
	bj_xmoney(sh, 5, l->base_fen);
	if (worksheet_write_string(sh->ws, sh->row, 6, rate, NULL) ||
	    worksheet_write_string(sh->ws, sh->row, 8, due, NULL) ||
	    worksheet_write_string(sh->ws, sh->row, 9, days, NULL))
		sh->failed = 1;
	bj_xmoney(sh, 7, l->amount_fen);
	bj_xmoney(sh, 10, l->late_fen);
	bj_xrow(sh, cells, 5, NULL);
	(void)row_no;
	return sh->failed;
}

/* The 明细表's body: persons 1000 at a time, each with his lines. */
static void
bj_xmx(struct bj_sheet *sh)
{
	struct bj_names	 names;
	size_t		 i;
	int		 offset = 0, got;

	sh->sheets = 1;
	bj_xrow(sh, bj_mx_head, 11, sh->bold);
	do {
		memset(&names, 0, sizeof(names));
		got = bujiao_persons(sh->s, sh->task_id, offset, 1000,
		    bj_names_add, &names);
		for (i = 0; got > 0 && i < names.n && !sh->failed; i++) {
			sh->who = &names.p[i];
			if (bujiao_task_person_lines(sh->s, sh->task_id,
			    names.p[i].row_no, bj_xmx_line, sh) < 0)
				sh->failed = 1;
		}
		sh->who = NULL;
		free(names.p);
		offset += 1000;
	} while (got == 1000 && !sh->failed);
	if (got < 0)
		sh->failed = 1;
}

/* Writes the workbook of kind to path (constant memory: rows go to
 * disk as written).  Returns 0 or -1. */
static int
bj_xwrite(struct hall_ctx *c, const struct task *t, const struct receipt *r,
    const struct bujiao_info *b, int mx, const char *path, char *tmpdir)
{
	lxw_workbook_options	 opt;
	lxw_workbook		*wb;
	struct bj_sheet		 sh;

	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = tmpdir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL)
		return -1;
	memset(&sh, 0, sizeof(sh));
	sh.wb = wb;
	sh.s = c->s;
	sh.task_id = t->id;
	sh.bold = workbook_add_format(wb);
	format_set_bold(sh.bold);
	sh.money = workbook_add_format(wb);
	format_set_num_format(sh.money, "0.00");
	if ((sh.ws = workbook_add_worksheet(wb, mx ? "补缴明细表" :
	    "核定表")) == NULL) {
		workbook_close(wb);
		return -1;
	}
	worksheet_set_column(sh.ws, 0, 10, 14, NULL);
	worksheet_set_column(sh.ws, 1, 1, 22, NULL);
	bj_xhead(c, &sh, t, r, b);
	if (mx)
		bj_xmx(&sh);
	else
		bj_xhd(&sh, b);
	if (workbook_close(wb) != LXW_NO_ERROR || sh.failed)
		return -1;
	return 0;
}

/* What bj_page_xlsx has bj_xwrite write. */
struct bj_out {
	struct hall_ctx			*c;
	const struct task		*t;
	const struct receipt		*r;
	const struct bujiao_info	*b;
	int				 mx;
};

/* tmpout_fn: the workbook of arg (struct bj_out) into path.  Returns 0
 * or -1. */
static int
bj_out(const char *path, const char *tmpdir, void *arg)
{
	const struct bj_out	*o = arg;
	char			 dir[320];

	snprintf(dir, sizeof(dir), "%s", tmpdir);
	return bj_xwrite(o->c, o->t, o->r, o->b, o->mx, path, dir);
}

/* See bujiao_page.h. */
int
bj_page_xlsx(struct hall_ctx *c, const struct task *t, const char *kind)
{
	const struct wf_receipt	*k = receipt_kind_of(&bujiao_business, kind);
	struct bujiao_info	 b;
	struct receipt		 r;
	struct bj_out		 o;
	int			 mx;

	if (k == NULL)
		return 1;
	mx = strcmp(k->kind, "bujiao_mx") == 0;
	if (bujiao_load(c->s, t->id, &b) != 0 ||
	    receipt_issue(c->s, t->id, 0, k, &r) != 0)
		return -1;
	o = (struct bj_out){ c, t, &r, &b, mx };
	if (tmpout_bytes("bujiao", bj_out, &o, &c->file, &c->filesz) != 0)
		return -1;
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "%s-%s.xlsx", r.kind,
	    t->seq_no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", BJ_XLSX_TYPE);
	return 0;
}
