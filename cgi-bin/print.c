/*
 * print: 业务打印, the printouts for archiving [SPEC §9; 000, 002].  The
 * unit's approved (结束) tasks in one list; 《综合业务处理单》 of any
 * approved business from the day after approval [002]; 《退工登记证明》 of
 * an approved 退工登记 at once [000].  A receipt is issued on its first
 * printing and stored (lib/receipt.c), and the page shows only stored
 * facts, so the same receipt printed twice is byte-identical.  Generic
 * over businesses: the facts come from each wf_business's describe().
 * Reviewers may open a receipt of any unit (read-only); the list is the
 * unit's own.
 *
 *   GET /print           the unit's printable receipts
 *   GET /print/zonghe    id: 《综合业务处理单》 (before the next day: 409
 *                        with view "notyet", 「暂不能打印」 and the day;
 *                        409 NOT_DONE unless 结束, 404 when not the
 *                        unit's)
 *   GET /print/tuigong   id: 《退工登记证明》 of a 退工登记 (404 for other
 *                        businesses, 409 NOT_DONE unless 结束)
 *
 * Environment: HALL_PUBLIC_URL, the public base of the verification
 * page (e.g. https://hall.example.cn:8444); "/verify" alone when unset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "jianyuan.h"
#include "receipt.h"

#define PRINT_LIST_MAX	500

/* The unit whose tasks the request may see: its own, or any (0) for a
 * reviewer. */
static int64_t
scope_unit(const struct hall_ctx *c)
{
	return c->acct.kind == ACCT_UNIT ? c->acct.unit_id : 0;
}

/* Formats the hall date of t as YYYY-MM-DD into buf. */
static void
fmt_date(time_t t, char buf[11])
{
	struct hdate	 d;

	clock_date(t, &d);
	hdate_fmt(&d, buf);
}

/* Adds one <task> row of the list with what may be printed when. */
static void
list_row(struct hall_ctx *c, xmlNodePtr list, struct store_stmt *st)
{
	const struct wf_business	*b;
	struct hdate			 from;
	xmlNodePtr			 n;
	char				 when[20], day[11];
	time_t				 decided = (time_t)store_col_int64(st, 4);
	int				 ready;

	b = wf_business(store_col_text(st, 2));
	n = page_add(c, list, "task", NULL);
	page_attr_int(n, "id", store_col_int64(st, 0));
	page_attr(n, "seq", store_col_text(st, 1));
	page_attr(n, "business", store_col_text(st, 2));
	page_attr(n, "business-name", b != NULL ? b->name : store_col_text(st, 2));
	page_attr(n, "summary", store_col_text(st, 3));
	clock_fmt(decided, when);
	page_attr(n, "decided", when);
	page_attr(n, "decided-by", store_col_int64(st, 5) == 0 ?
	    "系统自动审核" : "经办机构审核");
	ready = receipt_zonghe_ready(decided, &c->today, &from);
	hdate_fmt(&from, day);
	page_attr(n, "zonghe-from", day);
	page_attr(n, "zonghe-ready", ready ? "1" : "0");
	page_attr(n, "tuigong", strcmp(store_col_text(st, 2), "tuigong") == 0 ?
	    "1" : "0");
}

/* GET /print */
static void
list_get(struct hall_ctx *c)
{
	struct store_stmt	*st;
	xmlNodePtr	 list;
	int		 rc;

	page_view(c, "list", "业务打印");
	page_attr(c->page, "category", "qita");
	list = page_add(c, NULL, "printable", NULL);
	st = store_stmt(c->s, "SELECT id, seq_no, business, summary, "
	    "decided_at, decided_by FROM tasks WHERE unit_id = ?1 AND "
	    "state = '结束' ORDER BY decided_at DESC, id DESC LIMIT ?2");
	if (st == NULL || store_bind_int(st, 1, c->acct.unit_id) != 0 ||
	    store_bind_int(st, 2, PRINT_LIST_MAX) != 0) {
		page_busy(c);
		return;
	}
	while ((rc = store_step(st)) == STORE_ROW)
		list_row(c, list, st);
	store_reset(st);
	if (rc != STORE_DONE)
		page_busy(c);
}

/* Loads the task named by the id field for the request's scope and
 * checks it is 结束.  Returns 0, or 1 when the page holds the refusal. */
static int
load_done_task(struct hall_ctx *c, struct task *t)
{
	int64_t	 id = page_id_param(c, "id");
	int	 rc = id > 0 ? wf_load(c->s, id, scope_unit(c), t) : 1;

	if (rc < 0) {
		page_busy(c);
		return 1;
	}
	if (rc > 0) {
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
		return 1;
	}
	if (t->state != TASK_DONE) {
		page_fail(c, 409, "NOT_DONE",
		    "该业务尚未审核通过,审核通过后方可打印回执");
		return 1;
	}
	return 0;
}

/* describe() callback: one <field label=...>value</field> under parent
 * (and, for a 减员, one <person> under persons). */
struct field_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
	xmlNodePtr	 persons;
};

static void
add_field(void *arg, const char *label, const char *value)
{
	struct field_arg	*a = arg;

	page_attr(page_add(a->c, a->parent, "field", value), "label", label);
}

/* jy_describe_receipt() callback: one <person> under <persons>. */
static void
add_person(void *arg, const struct jy_row *row)
{
	struct field_arg	*a = arg;
	xmlNodePtr		 n;

	n = page_add(a->c, a->persons, "person", NULL);
	page_attr(n, "name", row->name);
	page_attr(n, "idno", row->idno);
	page_attr(n, "reason", row->reason);
	page_attr(n, "change-date", row->change_date);
	page_attr(n, "stop-month", row->stop_month);
}

/* Adds <detail> with the business's facts: for a 减员, its head facts
 * and <persons> (one <person> per row, printed as a table); for any
 * other business, the fields of its describe().  Returns 0 or -1. */
static int
add_detail(struct hall_ctx *c, const struct task *t,
    const struct wf_business *b)
{
	struct field_arg	 fa;

	fa.c = c;
	fa.parent = page_add(c, NULL, "detail", NULL);
	fa.persons = NULL;
	if (strcmp(t->business, jianyuan_business.code) == 0) {
		fa.persons = page_add(c, NULL, "persons", NULL);
		return jy_describe_receipt(c->s, t->id, add_field, add_person,
		    &fa);
	}
	if (b != NULL && b->describe != NULL)
		return b->describe(c->s, t->id, add_field, &fa);
	return 0;
}

/* The public address of the verification page into buf. */
static void
verify_url(char *buf, size_t bufsz)
{
	const char	*base = getenv("HALL_PUBLIC_URL");
	size_t		 n;

	if (base == NULL || (strncmp(base, "https://", 8) != 0 &&
	    strncmp(base, "http://", 7) != 0) || strlen(base) > 200 ||
	    strpbrk(base, " \"'<>\\\r\n") != NULL)
		base = "";
	n = strlen(base);
	if (n > 0 && base[n - 1] == '/')
		n--;
	snprintf(buf, bufsz, "%.*s/verify", (int)n, base);
}

/* Builds the receipt page of kind for t (already 结束 and in scope):
 * issues or finds the receipt, then adds <receipt>, <unit>, <business>,
 * <detail> and <verify>.  Returns 0, or 1 when the page holds the
 * refusal. */
static int
build_receipt(struct hall_ctx *c, const struct task *t,
    enum receipt_kind kind)
{
	const struct wf_business	*b = wf_business(t->business);
	struct receipt			 r;
	xmlNodePtr			 n;
	char				 buf[256], when[20], day[11];
	int				 rc;

	rc = receipt_issue(c->s, t->id, scope_unit(c), kind, &r);
	if (rc != 0) {
		if (rc < 0)
			page_busy(c);
		else
			page_fail(c, 404, "NOT_FOUND", "未找到该业务");
		return 1;
	}
	n = page_add(c, NULL, "receipt", NULL);
	page_attr(n, "kind", receipt_kind_names[kind]);
	page_attr(n, "no", r.no);
	page_attr(n, "code", r.code);
	fmt_date(r.issued_at, day);
	page_attr(n, "issued", day);
	if (page_unit(c, t->unit_id) != 0)
		goto busy;
	n = page_add(c, NULL, "business", NULL);
	page_attr_int(n, "id", t->id);
	page_attr(n, "code", t->business);
	page_attr(n, "name", b != NULL ? b->name : t->business);
	page_attr(n, "seq", t->seq_no);
	page_attr(n, "summary", t->summary);
	clock_fmt(t->submitted_at > 0 ? t->submitted_at : t->created_at, when);
	page_attr(n, "submitted", when);
	clock_fmt(t->decided_at, when);
	page_attr(n, "decided", when);
	if (wf_decider_name(c->s, t, buf, sizeof(buf)) != 0)
		goto busy;
	page_attr(n, "reviewer", buf);
	page_attr(n, "auto", t->decided_by == 0 ? "1" : "0");
	if (add_detail(c, t, b) != 0)
		goto busy;
	verify_url(buf, sizeof(buf));
	page_attr(page_add(c, NULL, "verify", NULL), "url", buf);
	return 0;
busy:
	page_busy(c);
	return 1;
}

/* The page of a 《综合业务处理单》 asked for before its first day: status
 * 409 (the receipt does not exist yet) but its own view "notyet", titled
 * 暂不能打印, saying from which day, with the machine code kept in
 * <error code="NOT_YET" from=...> for clients. */
static void
zonghe_not_yet(struct hall_ctx *c, const struct task *t,
    const struct hdate *from)
{
	const struct wf_business	*b = wf_business(t->business);
	xmlNodePtr			 n;
	char				 day[11], when[20], msg[256];

	hdate_fmt(from, day);
	snprintf(msg, sizeof(msg), "审核通过的业务,可于次日打印《综合业务"
	    "处理单》,本业务可于 %s 起打印", day);
	c->status = 409;
	page_view(c, "notyet", "暂不能打印");
	page_attr(c->page, "category", "qita");
	n = page_add(c, NULL, "error", msg);
	page_attr_int(n, "status", 409);
	page_attr(n, "code", "NOT_YET");
	page_attr(n, "from", day);
	n = page_add(c, NULL, "business", NULL);
	page_attr_int(n, "id", t->id);
	page_attr(n, "name", b != NULL ? b->name : t->business);
	page_attr(n, "path", b != NULL ? b->path : "");
	page_attr(n, "seq", t->seq_no);
	clock_fmt(t->decided_at, when);
	page_attr(n, "decided", when);
}

/* GET /print/zonghe */
static void
zonghe_get(struct hall_ctx *c)
{
	struct task	 t;
	struct hdate	 from;

	if (load_done_task(c, &t) != 0)
		return;
	if (!receipt_zonghe_ready(t.decided_at, &c->today, &from)) {
		zonghe_not_yet(c, &t, &from);
		return;
	}
	page_view(c, "zonghe", "综合业务处理单");
	build_receipt(c, &t, RECEIPT_ZONGHE);
}

/* GET /print/tuigong */
static void
tuigong_get(struct hall_ctx *c)
{
	struct task	 t;

	if (load_done_task(c, &t) != 0)
		return;
	if (strcmp(t.business, "tuigong") != 0) {
		page_fail(c, 404, "NOT_FOUND", "该业务不是退工登记,没有《退工登记证明》");
		return;
	}
	page_view(c, "tuigong", "退工登记证明");
	build_receipt(c, &t, RECEIPT_TUIGONG);
}

static const struct route routes[] = {
	{ REQ_GET, "/print", list_get, ROUTE_UNIT },
	{ REQ_GET, "/print/zonghe", zonghe_get, ROUTE_UNIT | ROUTE_REVIEWER },
	{ REQ_GET, "/print/tuigong", tuigong_get, ROUTE_UNIT | ROUTE_REVIEWER },
};

static const struct program print = {
	"print", "print.xsl", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&print, argc, argv);
}
