/*
 * print: 业务打印, the printouts for archiving [SPEC §9; 000, 002].  The
 * unit's approved (结束) tasks in one list with the receipts each may
 * print; 《综合业务处理单》 of any approved business from the day after
 * approval [002]; a business's own receipts (struct wf_business,
 * receipts; e.g. 《退工登记证明》 of a 退工登记 [000]) at once.  A receipt
 * is issued on its first printing and stored (lib/receipt.c), and the
 * page shows only stored facts, so the same receipt printed twice is
 * byte-identical.  Generic over businesses: the head facts come from
 * each business's describe(), the persons table from its rows(), and
 * the routes from the registry.  Reviewers may open a receipt of any
 * unit (read-only); the list is the unit's own.
 *
 *   GET /print           the unit's printable receipts, page=N
 *   GET /print/<kind>    id: the receipt of that kind, for each kind a
 *                        registered business issues and zonghe:
 *                        404 when not the unit's or when its business
 *                        does not issue that kind, 409 NOT_DONE unless
 *                        结束; before its first day (《综合业务处理单》:
 *                        the next day) 409 with view "notyet",
 *                        「暂不能打印」 and the day; format=pdf: the
 *                        same receipt as an A4 PDF (lib/pdf.c), the
 *                        refusals as they are
 *   GET /print/seal.png  the office's seal (HALL_SEAL_PNG) the receipt
 *                        pages draw over the issuing authority; 404
 *                        when none is configured
 *
 * Environment: HALL_PUBLIC_URL, the public base of the verification
 * page (e.g. https://hall.example.cn:8444); "/verify" alone when unset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hall.h"
#include "pdf.h"
#include "qr.h"
#include "receipt.h"
#include "rsign.h"
#include "tally.h"
#include "tasklist.h"

#define PRINT_PER_PAGE	50	/* tasks a page of the list shows */
#define PRINT_KINDS_MAX	8	/* receipts of one task */
#define PRINT_ROUTES_MAX 16	/* /print, its seal and one per receipt kind */
#define PRINT_PREFIX	"/print/"
#define PRINT_SEAL_MAX	(1024 * 1024 + 1)	/* bytes of the seal, + 1 */

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

/* Adds under n one <print kind= title= ready= from=> per receipt the
 * task may print, and for compatibility the attributes <kind>="1",
 * <kind>-ready and <kind>-from (zonghe-ready="0" zonghe-from=...). */
static void
list_receipts(struct hall_ctx *c, xmlNodePtr n,
    const struct wf_business *b, time_t decided)
{
	const struct wf_receipt	*all[PRINT_KINDS_MAX];
	struct hdate		 from;
	xmlNodePtr		 p;
	char			 day[11], name[64];
	size_t			 i, nk;
	int			 ready;

	nk = receipt_kinds(b, all, PRINT_KINDS_MAX);
	for (i = 0; i < nk; i++) {
		ready = receipt_ready(all[i], decided, &c->today, &from);
		hdate_fmt(&from, day);
		p = page_add(c, n, "print", NULL);
		page_attr(p, "kind", all[i]->kind);
		page_attr(p, "title", all[i]->title);
		page_attr(p, "ready", ready ? "1" : "0");
		page_attr(p, "from", day);
		page_attr(n, all[i]->kind, "1");
		snprintf(name, sizeof(name), "%s-ready", all[i]->kind);
		page_attr(n, name, ready ? "1" : "0");
		snprintf(name, sizeof(name), "%s-from", all[i]->kind);
		page_attr(n, name, day);
	}
}

/* Where the list adds its rows. */
struct list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* tasklist_printable callback: one <task> row of the list with what
 * may be printed when. */
static void
list_row(const struct task *t, const char *unit_name, void *arg)
{
	struct list_arg			*a = arg;
	const struct wf_business	*b = wf_business(t->business);
	xmlNodePtr			 n;
	char				 when[20];

	n = page_add(a->c, a->list, "task", NULL);
	page_attr_int(n, "id", t->id);
	page_attr(n, "seq", t->seq_no);
	page_attr(n, "business", t->business);
	page_attr(n, "business-name", b != NULL ? b->name : t->business);
	page_attr(n, "summary", t->summary);
	clock_fmt(t->decided_at, when);
	page_attr(n, "decided", when);
	page_attr(n, "decided-by", t->decided_by == 0 ?
	    "系统自动审核" : "经办机构审核");
	list_receipts(a->c, n, b, t->decided_at);
}

/* Adds <kinds> with one <kind type= title= business-name=> per receipt
 * of a registered business other than 《综合业务处理单》 (which every
 * business has): what the list's note says may be printed at once. */
static void
list_kinds(struct hall_ctx *c)
{
	const struct wf_receipt		*all[PRINT_KINDS_MAX];
	const struct wf_business	*b;
	xmlNodePtr			 kinds, n;
	size_t				 i, j, nk;

	kinds = page_add(c, NULL, "kinds", NULL);
	for (i = 0; (b = wf_business_at(i)) != NULL; i++) {
		nk = receipt_kinds(b, all, PRINT_KINDS_MAX);
		for (j = 0; j < nk; j++) {
			if (all[j] == &receipt_zonghe)
				continue;
			n = page_add(c, kinds, "kind", NULL);
			page_attr(n, "type", all[j]->kind);
			page_attr(n, "title", all[j]->title);
			page_attr(n, "business-name", b->name);
		}
	}
}

/* GET /print: page ?page=N (PRINT_PER_PAGE tasks; no number is the
 * first, past the last the last) of the unit's 结束 tasks, latest
 * decision first, with the total kept by the store. */
static void
list_get(struct hall_ctx *c)
{
	struct list_arg	 a;
	int64_t		 total;
	int		 pageno;

	page_view(c, "list", "业务打印");
	page_attr(c->page, "category", "qita");
	list_kinds(c);
	a.c = c;
	a.list = page_add(c, NULL, "printable", NULL);
	if (tally_tasks(c->s, c->acct.unit_id, "结束", &total) != 0) {
		page_busy(c);
		return;
	}
	pageno = page_list_attrs(a.list, total, page_number_param(c, "page"),
	    PRINT_PER_PAGE);
	if (tasklist_printable(c->s, c->acct.unit_id, PRINT_PER_PAGE,
	    (pageno - 1) * PRINT_PER_PAGE, list_row, &a) < 0)
		page_busy(c);
}

/* Loads the task named by the id field for the request's scope and
 * checks it is 结束 (or 进行中, for a receipt printable once submitted).  Returns 0, or 1 when the page holds the refusal. */
static int
load_done_task(struct hall_ctx *c, struct task *t)
{
	int64_t	 id = page_id_param(c, "id");
	int	 rc = id > 0 ? wf_load(c->s, id, scope_unit(c), t) : 1;
	const struct wf_receipt	*kind;

	if (rc < 0) {
		page_busy(c);
		return 1;
	}
	if (rc > 0) {
		page_fail(c, 404, "NOT_FOUND", "未找到该业务");
		return 1;
	}
	if (t->state != TASK_DONE && !(t->state == TASK_PENDING &&
	    (kind = receipt_kind_of(wf_business(t->business), c->r->path +
	    strlen(PRINT_PREFIX))) != NULL && receipt_on_submit(kind))) {
		page_fail(c, 409, "NOT_DONE",
		    "该业务尚未审核通过,审核通过后方可打印回执");
		return 1;
	}
	return 0;
}

/* What describe() and rows() callbacks add to: <detail> with the
 * task's facts, and <persons> with one <person> per list row. */
struct detail_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 detail;
	xmlNodePtr	 persons;
};

/* Whether value names the ID number of a person of the list (read in
 * place: a 减员 of many persons describes each one). */
static int
names_listed_person(xmlNodePtr persons, const char *value)
{
	xmlNodePtr	 p;
	xmlAttrPtr	 idno;
	const char	*v;

	if (persons == NULL || value == NULL)
		return 0;
	for (p = persons->children; p != NULL; p = p->next) {
		if ((idno = xmlHasProp(p, (const xmlChar *)"idno")) == NULL ||
		    idno->children == NULL ||
		    (v = (const char *)idno->children->content) == NULL)
			continue;
		if (*v != '\0' && strstr(value, v) != NULL)
			return 1;
	}
	return 0;
}

/* describe() callback: one <field label=...>value</field>, unless it
 * is about one person of the list (it names the person's ID number):
 * the persons table says that, and a sheet says each thing once. */
static void
add_field(void *arg, const char *label, const char *value)
{
	struct detail_arg	*a = arg;

	if (names_listed_person(a->persons, value))
		return;
	page_attr(page_add(a->c, a->detail, "field", value), "label", label);
}

/* rows() callback: one <person row-no= name= idno=> with a <fact
 * label=...> per key fact, for a list row (row 0, a single form, is
 * all in describe()'s facts).  Returns 0 to go on. */
static int
add_person(void *arg, const struct wf_row *r)
{
	struct detail_arg	*a = arg;
	xmlNodePtr		 n;
	size_t			 i;

	if (r->row_no <= 0)
		return 0;
	if (a->persons == NULL)
		a->persons = page_add(a->c, NULL, "persons", NULL);
	n = page_add(a->c, a->persons, "person", NULL);
	page_attr_int(n, "row-no", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	for (i = 0; i < r->nfacts && i < WF_ROW_FACTS; i++)
		page_attr(page_add(a->c, n, "fact", r->value[i]), "label",
		    r->label[i]);
	return 0;
}

/* Adds the business's facts: <persons> from its rows (one <person> per
 * list row, printed as a table), then <detail> with the fields of its
 * describe().  Returns 0 or -1. */
static int
add_detail(struct hall_ctx *c, const struct task *t,
    const struct wf_business *b)
{
	struct detail_arg	 a;

	a.c = c;
	a.persons = NULL;
	if (wf_rows(c->s, t, add_person, &a) < 0)
		return -1;
	a.detail = page_add(c, NULL, "detail", NULL);
	if (b != NULL && b->describe != NULL)
		return b->describe(c->s, t->id, add_field, &a);
	return 0;
}

/* Adds <issuer name= seal=>: who issues receipt kind of business b
 * (its struct wf_issuer, else the 人社局 with its 业务专用章), as
 * "武汉市公共就业服务机构(退工登记专用章)" in name. */
static void
add_issuer(struct hall_ctx *c, const struct wf_business *b,
    const struct wf_receipt *kind)
{
	const struct wf_issuer	*is = NULL, *i;
	const char		*org, *seal = "业务专用章";
	char			 buf[256];
	xmlNodePtr		 n;

	for (i = b != NULL ? b->issuers : NULL; i != NULL && i->kind != NULL;
	    i++)
		if (strcmp(i->kind, kind->kind) == 0)
			is = i;
	org = getenv(is != NULL && is->employment ? "HALL_ORG_EMPLOYMENT" :
	    "HALL_ORG");
	if (org == NULL || *org == '\0')
		org = is != NULL && is->employment ? "XX市公共就业服务机构" :
		    "XX市人力资源和社会保障局";
	if (is != NULL && is->seal != NULL)
		seal = is->seal;
	snprintf(buf, sizeof(buf), "%s(%s)", org, seal);
	n = page_add(c, NULL, "issuer", NULL);
	page_attr(n, "name", buf);
	org = getenv("HALL_SEAL_PNG");
	if (org != NULL && *org != '\0' && access(org, R_OK) == 0)
		page_attr(n, "seal", "/print/seal.png");
}

/* GET /print/seal.png: the file HALL_SEAL_PNG names (at most
 * PRINT_SEAL_MAX bytes, a PNG by its signature), or 404. */
static void
seal_get(struct hall_ctx *c)
{
	const char	*path = getenv("HALL_SEAL_PNG");
	unsigned char	*buf;
	size_t		 n = 0;
	FILE		*f;

	if (path == NULL || *path == '\0' || (f = fopen(path, "rb")) ==
	    NULL) {
		page_fail(c, 404, "NOT_FOUND", "未配置印章图片");
		return;
	}
	if ((buf = malloc(PRINT_SEAL_MAX)) != NULL)
		n = fread(buf, 1, PRINT_SEAL_MAX, f);
	fclose(f);
	if (buf == NULL || n < 8 || n == PRINT_SEAL_MAX ||
	    memcmp(buf, "\x89PNG\r\n\x1a\n", 8) != 0) {
		free(buf);
		log_err("print: the seal %s is not a PNG of at most %d bytes",
		    path, PRINT_SEAL_MAX - 1);
		page_fail(c, 404, "NOT_FOUND", "未配置印章图片");
		return;
	}
	c->file = buf;
	c->filesz = n;
	c->file_owned = 1;
	c->file_inline = 1;
	snprintf(c->file_name, sizeof(c->file_name), "seal.png");
	snprintf(c->file_ctype, sizeof(c->file_ctype), "image/png");
}

/* Adds <verify url= qr=> with the QR code's text (rsign_qr_text) and
 * under it <qr size= d=>, the code's modules as an SVG path the print
 * page draws inline.  The QR is left out when its text cannot be
 * made.  Returns 0. */
static int
add_verify(struct hall_ctx *c, const struct receipt *r)
{
	char		 url[256], text[RSIGN_QR_MAX], *d;
	struct qr	 q;
	xmlNodePtr	 n, v;

	receipt_verify_url(url, sizeof(url));
	v = page_add(c, NULL, "verify", NULL);
	page_attr(v, "url", url);
	if (rsign_qr_text(c->s, r, text, sizeof(text)) != 0 ||
	    qr_encode(text, &q) != 0)
		return 0;
	page_attr(v, "qr", text);
	/* At most one run per two modules of a row: "M123 45h6v1h-6z". */
	if ((d = malloc((size_t)q.size * (q.size / 2 + 1) * 20 + 1)) != NULL &&
	    qr_svg_path(&q, d, (size_t)q.size * (q.size / 2 + 1) * 20 + 1) ==
	    0) {
		n = page_add(c, v, "qr", NULL);
		page_attr_int(n, "size", q.size);
		page_attr(n, "d", d);
	}
	free(d);
	qr_free(&q);
	return 0;
}

/* Builds the receipt page of kind for t (already 结束 and in scope):
 * issues or finds the receipt, then adds <receipt>, <unit>, <business>,
 * <detail> and <verify>.  Returns 0, or 1 when the page holds the
 * refusal. */
static int
build_receipt(struct hall_ctx *c, const struct task *t,
    const struct wf_receipt *kind)
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
	page_attr(n, "kind", r.kind);
	page_attr(n, "type", kind->kind);
	page_attr(n, "no", r.no);
	page_attr(n, "code", r.code);
	fmt_date(r.issued_at, day);
	page_attr(n, "issued", day);
	if (receipt_on_submit(kind))
		page_attr(n, "on-submit", "1");
	if (r.voided_at > 0) {
		fmt_date(r.voided_at, day);
		page_attr(n, "voided", day);
		page_attr(n, "void-reason", r.void_reason);
	}
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
	add_issuer(c, b, kind);
	add_verify(c, &r);
	return 0;
busy:
	page_busy(c);
	return 1;
}

/* The page of a receipt asked for before its first day (《综合业务处理
 * 单》 on the day of approval): status 409 (the receipt does not exist
 * yet) but its own view "notyet", titled 暂不能打印, saying from which
 * day, with the machine code kept in <error code="NOT_YET" from=...>
 * for clients. */
static void
not_yet(struct hall_ctx *c, const struct task *t,
    const struct wf_receipt *kind, const struct hdate *from)
{
	const struct wf_business	*b = wf_business(t->business);
	xmlNodePtr			 n;
	char				 day[11], when[20], msg[256];

	hdate_fmt(from, day);
	snprintf(msg, sizeof(msg), "审核通过的业务,可于次日打印《%s》,本业务"
	    "可于 %s 起打印", kind->title, day);
	c->status = 409;
	page_view(c, "notyet", "暂不能打印");
	page_attr(c->page, "category", "qita");
	n = page_add(c, NULL, "error", msg);
	page_attr_int(n, "status", 409);
	page_attr(n, "code", "NOT_YET");
	page_attr(n, "from", day);
	n = page_add(c, NULL, "receipt", NULL);
	page_attr(n, "type", kind->kind);
	page_attr(n, "title", kind->title);
	n = page_add(c, NULL, "business", NULL);
	page_attr_int(n, "id", t->id);
	page_attr(n, "name", b != NULL ? b->name : t->business);
	page_attr(n, "path", b != NULL ? b->path : "");
	page_attr(n, "seq", t->seq_no);
	clock_fmt(t->decided_at, when);
	page_attr(n, "decided", when);
}

/* The title of receipt kind as a registered business declares it, or
 * the kind itself. */
static const char *
kind_title(const char *kind)
{
	const struct wf_receipt	*r;
	size_t			 i;

	if ((r = receipt_kind_of(NULL, kind)) != NULL)
		return r->title;
	for (i = 0; hall_businesses[i] != NULL; i++)
		if ((r = receipt_kind_of(hall_businesses[i], kind)) != NULL)
			return r->title;
	return kind;
}

/* Answers the receipt page c holds as its PDF (lib/pdf.c), named
 * "<title>-<回执编号>.pdf", with the QR code of <verify qr=>. */
static void
answer_pdf(struct hall_ctx *c)
{
	xmlNodePtr	 r, v;
	xmlChar		*no, *qr, *title;
	unsigned char	*out;
	size_t		 outsz;
	int		 rc;

	for (r = c->page->children; r != NULL && !xmlStrEqual(r->name,
	    (const xmlChar *)"receipt"); r = r->next)
		;
	for (v = c->page->children; v != NULL && !xmlStrEqual(v->name,
	    (const xmlChar *)"verify"); v = v->next)
		;
	qr = v != NULL ? xmlGetProp(v, (const xmlChar *)"qr") : NULL;
	rc = pdf_receipt(c->page, (const char *)qr, &out, &outsz);
	xmlFree(qr);
	if (rc != 0) {
		page_busy(c);
		return;
	}
	no = r != NULL ? xmlGetProp(r, (const xmlChar *)"no") : NULL;
	title = xmlGetProp(c->page, (const xmlChar *)"title");
	c->file = out;
	c->filesz = outsz;
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "%s-%s.pdf",
	    title != NULL ? (const char *)title : "回执",
	    no != NULL ? (const char *)no : "");
	snprintf(c->file_ctype, sizeof(c->file_ctype), "application/pdf");
	xmlFree(title);
	xmlFree(no);
}

/* GET /print/<kind>: the receipt of that kind of the task named by id. */
static void
receipt_get(struct hall_ctx *c)
{
	const struct wf_receipt	*kind;
	const char		*want = c->r->path + strlen(PRINT_PREFIX);
	struct task		 t;
	struct hdate		 from;
	const char		*f;
	char			 msg[256];

	if (load_done_task(c, &t) != 0)
		return;
	if ((kind = receipt_kind_of(wf_business(t.business), want)) == NULL) {
		snprintf(msg, sizeof(msg), "该业务没有《%s》", kind_title(want));
		page_fail(c, 404, "NOT_FOUND", msg);
		return;
	}
	if (!receipt_ready(kind, t.decided_at, &c->today, &from)) {
		not_yet(c, &t, kind, &from);
		return;
	}
	page_view(c, kind->view, kind->title);
	if (build_receipt(c, &t, kind) == 0 && (f = req_get(c->r, "format")) !=
	    NULL && strcmp(f, "pdf") == 0)
		answer_pdf(c);
}

/* The routes: /print, and /print/<kind> for 《综合业务处理单》 and each
 * receipt kind of a registered business (hall_businesses), once. */
static struct route	 routes[PRINT_ROUTES_MAX];
static char		 route_paths[PRINT_ROUTES_MAX][48];

/* Adds the route of receipt kind r unless there is one or no room. */
static void
route_add(size_t *n, const struct wf_receipt *r)
{
	size_t	 i;

	snprintf(route_paths[*n], sizeof(route_paths[*n]), "%s%s",
	    PRINT_PREFIX, r->kind);
	for (i = 0; i < *n; i++)
		if (strcmp(routes[i].path, route_paths[*n]) == 0)
			return;
	if (*n + 1 >= PRINT_ROUTES_MAX) {
		log_err("too many receipt kinds: no %s", route_paths[*n]);
		return;
	}
	routes[*n] = (struct route){ REQ_GET, route_paths[*n], receipt_get,
	    ROUTE_UNIT | ROUTE_REVIEWER };
	(*n)++;
}

/* Fills routes from the registry.  Returns how many there are. */
static size_t
routes_init(void)
{
	const struct wf_receipt	*all[PRINT_KINDS_MAX];
	size_t			 n = 0, i, j, nk;

	routes[n++] = (struct route){ REQ_GET, "/print", list_get,
	    ROUTE_UNIT };
	routes[n++] = (struct route){ REQ_GET, "/print/seal.png", seal_get,
	    ROUTE_UNIT | ROUTE_REVIEWER };
	route_add(&n, &receipt_zonghe);
	for (i = 0; hall_businesses[i] != NULL; i++) {
		nk = receipt_kinds(hall_businesses[i], all, PRINT_KINDS_MAX);
		for (j = 0; j < nk; j++)
			route_add(&n, all[j]);
	}
	return n;
}

int
main(int argc, char *argv[])
{
	struct program	 print = { "print", "print.xsl", routes, 0, NULL };

	print.nroutes = routes_init();
	return hall_main(&print, argc, argv);
}
