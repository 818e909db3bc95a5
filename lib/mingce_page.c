/*
 * mingce_page.c: the pages of 缴费基数名册打印; see mingce_page.h.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hall.h"
#include "mingce.h"
#include "rsign.h"
#include "mingce_page.h"
#include "tmpout.h"
#include "page.h"
#include "pager.h"
#include "pdf.h"
#include "receipt.h"
#include "wagebase.h"

#define MINGCE_XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Rows on one page of the print view. */
#define MINGCE_PAGE_ROWS	(MINGCE_SHEETS_PER_PAGE * MINGCE_SHEET_ROWS)

/* Sets a yuan attribute ("1,234.56") of fen on n. */
static void
mingce_attr_yuan(xmlNodePtr n, const char *name, int64_t fen)
{
	char	 buf[40];

	page_attr(n, name, wb_yuan(fen, buf, sizeof(buf)));
}

/* Adds the attributes of 名册 m to n. */
static void
mingce_attrs(xmlNodePtr n, const struct mingce *m)
{
	struct hdate	 d;
	char		 day[11];

	page_attr_int(n, "id", m->id);
	page_attr(n, "no", m->no);
	page_attr_int(n, "year", m->year);
	page_attr(n, "month", m->month);
	page_attr_int(n, "persons", m->persons);
	mingce_attr_yuan(n, "wage-total", m->wage_total_fen);
	mingce_attr_yuan(n, "base-total", m->base_total_fen);
	clock_date(m->issued_at, &d);
	hdate_fmt(&d, day);
	page_attr(n, "issued", day);
}

/* Where the list goes. */
struct mingce_list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* mingce_list callback: one <mingce> of the list. */
static void
mingce_list_one(void *arg, const struct mingce *m)
{
	struct mingce_list_arg	*a = arg;

	mingce_attrs(page_add(a->c, a->parent, "mingce", NULL), m);
}

/* See mingce_page.h. */
int
mingce_page_index(struct hall_ctx *c, const char *year,
    const struct form_errors *errs)
{
	struct mingce_list_arg	 a;
	struct pager		 pg;
	xmlNodePtr		 f, ys;
	int64_t			 total;
	char			 buf[8];
	int			 y;

	f = page_add(c, NULL, "mingce-form", NULL);
	snprintf(buf, sizeof(buf), "%d", c->today.year);
	page_attr(f, "year", year != NULL ? year : buf);
	ys = page_add(c, NULL, "years", NULL);
	for (y = c->today.year + 1; y >= c->today.year - 1; y--) {
		snprintf(buf, sizeof(buf), "%d", y);
		page_add(c, ys, "year", buf);
	}
	page_form_token(c);
	if (errs != NULL && errs->n > 0) {
		page_form_errors(c, errs);
		page_message(c, "error", errs->e[0].msg);
		c->status = 422;
	}
	if (mingce_count(c->s, c->acct.unit_id, &total) != 0)
		return -1;
	pager_set(c, &pg, total, MINGCE_LIST_PAGE);
	a.c = c;
	a.parent = page_add(c, NULL, "issued", NULL);
	if (pager_xml(c, a.parent, &pg, "/mingce", NULL, NULL) == NULL)
		return -1;
	return mingce_list(c->s, c->acct.unit_id, (int)pg.offset,
	    MINGCE_LIST_PAGE, mingce_list_one, &a) < 0 ? -1 : 0;
}

/* Reads the year field: 4 digits within the years that may be
 * printed.  Returns it, or 0 with an error in errs. */
static int
mingce_year_field(struct hall_ctx *c, struct form_errors *errs)
{
	const char	*v = req_get(c->r, "year");
	char		 msg[128];
	int		 y = 0;

	if (v != NULL && strlen(v) == 4 && strspn(v, "0123456789") == 4)
		y = atoi(v);
	if (y != 0 && mingce_year_ok(y, &c->today))
		return y;
	snprintf(msg, sizeof(msg), "年度应为%d年至%d年之一", c->today.year - 1,
	    c->today.year + 1);
	form_error_add(errs, "year", v == NULL || *v == '\0' ? "REQUIRED" :
	    "BAD_YEAR", msg);
	return 0;
}

/* See mingce_page.h. */
int
mingce_page_issue(struct hall_ctx *c)
{
	struct form_errors	 errs;
	struct mingce		 m;
	char			 key[48], path[64], msg[256];
	long long		 per_day;
	int			 year, created, rc;

	errs.n = 0;
	if ((year = mingce_year_field(c, &errs)) == 0) {
		page_view(c, "index", "缴费基数名册打印");
		return mingce_page_index(c, req_get(c->r, "year"), &errs);
	}
	if ((rc = mingce_issue(c->s, c->acct.unit_id, year, &c->who,
	    page_dedup_key(c, "mc", key), &m, &created)) < 0 ||
	    (rc > 0 && mingce_per_day(c->s, c->acct.unit_id, &per_day) != 0))
		return -1;
	if (rc > 0) {
		snprintf(msg, sizeof(msg), "本单位今日已生成缴费基数名册%lld份,"
		    "已达每日上限,请明日再生成;已生成的名册可在下方列表中查看、"
		    "打印和下载", per_day);
		form_error_add(&errs, "year", "MC_PER_DAY", msg);
		page_view(c, "index", "缴费基数名册打印");
		return mingce_page_index(c, req_get(c->r, "year"), &errs);
	}
	snprintf(path, sizeof(path), "/mingce/view?id=%lld", (long long)m.id);
	page_redirect(c, path);
	return 0;
}

/* The sheets of a print page being built. */
struct mingce_sheets {
	struct hall_ctx	*c;
	xmlNodePtr	 list, sheet;
	int		 first_sheet;	/* the page's first, 1-based */
	int		 sheets;	/* of the whole 名册 */
	int		 n;		/* rows added */
};

/* mingce_rows callback: one <row> in its <sheet n= of=>.  Returns 0. */
static int
mingce_sheet_row(void *arg, const struct mingce_row *r)
{
	struct mingce_sheets	*a = arg;
	xmlNodePtr		 n;

	if (a->n % MINGCE_SHEET_ROWS == 0) {
		a->sheet = page_add(a->c, a->list, "sheet", NULL);
		page_attr_int(a->sheet, "n", a->first_sheet +
		    a->n / MINGCE_SHEET_ROWS);
		page_attr_int(a->sheet, "of", a->sheets);
	}
	a->n++;
	n = page_add(a->c, a->sheet, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	mingce_attr_yuan(n, "wage", r->wage_fen);
	mingce_attr_yuan(n, "base", r->base_fen);
	page_attr(n, "from", r->from_month);
	return 0;
}

/* Loads the unit's 名册 of ?id= into m, answering 404 when it is not
 * the unit's.  Returns 0 found, 1 answered, -1 error. */
static int
mingce_page_load(struct hall_ctx *c, struct mingce *m)
{
	int64_t	 id = page_id_param(c, "id");
	int	 rc;

	rc = id > 0 ? mingce_load(c->s, id, c->acct.unit_id, m) : 1;
	if (rc == 1)
		page_fail(c, 404, "NOT_FOUND", "本单位未找到该缴费基数名册");
	return rc;
}

/* See mingce_page.h. */
int
mingce_page_view(struct hall_ctx *c)
{
	struct mingce_sheets	 a;
	struct mingce		 m;
	struct pager		 pg;
	xmlNodePtr		 n;
	char			 unit[512];
	int			 rc;

	if ((rc = mingce_page_load(c, &m)) != 0)
		return rc < 0 ? -1 : 0;
	page_view(c, "print", "缴费基数名册");
	n = page_add(c, NULL, "mingce", NULL);
	mingce_attrs(n, &m);
	page_attr(n, "code", m.code);
	if (receipt_unit_name(c->s, m.unit_id, unit, sizeof(unit)) != 0)
		return -1;
	page_attr(n, "unit", unit);
	receipt_verify_url(unit, sizeof(unit));
	page_attr(n, "verify-url", unit);
	pager_set(c, &pg, m.persons, MINGCE_PAGE_ROWS);
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.list = page_add(c, NULL, "sheets", NULL);
	a.sheets = (int)((m.persons + MINGCE_SHEET_ROWS - 1) /
	    MINGCE_SHEET_ROWS);
	if (a.sheets == 0)
		a.sheets = 1;
	a.first_sheet = (int)(pg.offset / MINGCE_SHEET_ROWS) + 1;
	page_attr_int(a.list, "rows", MINGCE_SHEET_ROWS);
	page_attr_int(a.list, "of", a.sheets);
	snprintf(unit, sizeof(unit), "%lld", (long long)m.id);
	if (pager_xml(c, a.list, &pg, "/mingce/view", "id", unit) == NULL)
		return -1;
	if (mingce_rows(c->s, m.id, (int)pg.offset, MINGCE_PAGE_ROWS,
	    mingce_sheet_row, &a) < 0)
		return -1;
	if (a.n == 0) {		/* a 名册 of nobody: one empty sheet */
		a.sheet = page_add(c, a.list, "sheet", NULL);
		page_attr_int(a.sheet, "n", 1);
		page_attr_int(a.sheet, "of", 1);
	}
	if (pg.page == pg.pages)
		page_attr(a.sheet, "last", "1");
	return 0;
}

/* What mingce_page_xlsx has mingce_xlsx write. */
struct mingce_out {
	struct store		*s;
	const struct mingce	*m;
	const char		*unit;
};

/* tmpout_fn: the 名册 of arg (struct mingce_out) as .xlsx into path.
 * Returns 0 or -1. */
static int
mingce_out(const char *path, const char *tmpdir, void *arg)
{
	const struct mingce_out	*o = arg;

	return mingce_xlsx(o->s, o->m, o->unit, path, tmpdir);
}

/* See mingce_page.h. */
int
mingce_page_xlsx(struct hall_ctx *c)
{
	struct mingce		 m;
	struct mingce_out	 o;
	char			 unit[512];
	int			 rc;

	if ((rc = mingce_page_load(c, &m)) != 0)
		return rc < 0 ? -1 : 0;
	if (receipt_unit_name(c->s, m.unit_id, unit, sizeof(unit)) != 0)
		return -1;
	o = (struct mingce_out){ c->s, &m, unit };
	if (tmpout_bytes("mingce", mingce_out, &o, &c->file, &c->filesz) != 0)
		return -1;
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "缴费基数名册-%d-%s.xlsx",
	    m.year, m.no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", MINGCE_XLSX_TYPE);
	return 0;
}

/* mingce_rows callback of the PDF: one <person name= idno=> with its
 * facts under the <persons> arg.  Returns 0. */
static int
mingce_pdf_row(void *arg, const struct mingce_row *r)
{
	xmlNodePtr	 persons = arg, n;
	char		 buf[40];

	n = xmlNewChild(persons, NULL, (const xmlChar *)"person", NULL);
	xmlNewProp(n, (const xmlChar *)"name", (const xmlChar *)r->name);
	xmlNewProp(n, (const xmlChar *)"idno", (const xmlChar *)r->idno);
	xmlNewProp(xmlNewTextChild(n, NULL, (const xmlChar *)"fact",
	    (const xmlChar *)r->sb_no), (const xmlChar *)"label",
	    (const xmlChar *)"个人编号");
	xmlNewProp(xmlNewTextChild(n, NULL, (const xmlChar *)"fact",
	    (const xmlChar *)wb_yuan(r->wage_fen, buf, sizeof(buf))),
	    (const xmlChar *)"label", (const xmlChar *)"申报工资(元)");
	xmlNewProp(xmlNewTextChild(n, NULL, (const xmlChar *)"fact",
	    (const xmlChar *)wb_yuan(r->base_fen, buf, sizeof(buf))),
	    (const xmlChar *)"label", (const xmlChar *)"缴费基数(元)");
	xmlNewProp(xmlNewTextChild(n, NULL, (const xmlChar *)"fact",
	    (const xmlChar *)r->from_month), (const xmlChar *)"label",
	    (const xmlChar *)"基数起始月份");
	return 0;
}

/* Adds <field label=>value</field> under detail. */
static void
mingce_pdf_field(xmlNodePtr detail, const char *label, const char *value)
{
	xmlNewProp(xmlNewTextChild(detail, NULL, (const xmlChar *)"field",
	    (const xmlChar *)value), (const xmlChar *)"label",
	    (const xmlChar *)label);
}

/* The facts 名册 m certifies (rsign.h's lines: 文件, 单位, 年度,
 * 基数所属月份, 出具日期, 人数 and the two totals) into buf[bufsz].
 * Returns 0 or -1. */
static int
mingce_facts(struct hall_ctx *c, const struct mingce *m, char *buf,
    size_t bufsz)
{
	struct hdate	 d;
	char		 unit[256], v[64], day[11];
	size_t		 len = 0;

	buf[0] = '\0';
	if (receipt_unit_name(c->s, m->unit_id, unit, sizeof(unit)) != 0)
		return -1;
	clock_date(m->issued_at, &d);
	hdate_fmt(&d, day);
	snprintf(v, sizeof(v), "%d", m->year);
	if (rsign_fact_line(buf, bufsz, &len, "文件", "缴费基数名册") != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "单位", unit) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "年度", v) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "基数所属月份", m->month) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "出具日期", day) != 0)
		return -1;
	snprintf(v, sizeof(v), "%lld", (long long)m->persons);
	if (rsign_fact_line(buf, bufsz, &len, "人数", v) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "申报工资合计(元)",
	    wb_yuan(m->wage_total_fen, v, sizeof(v))) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "缴费基数合计(元)",
	    wb_yuan(m->base_total_fen, v, sizeof(v))) != 0)
		return -1;
	return 0;
}

/* The QR code's text of 名册 m into buf[bufsz]: the verification
 * address with its number and code and, when the office's key is
 * configured, its facts signed once and kept (mingce_sig_keep), as a
 * receipt's (rsign.h).  Unsigned when the signature cannot be made. */
static void
mingce_pdf_qr(struct hall_ctx *c, const struct mingce *m, char *buf,
    size_t bufsz)
{
	char	 url[256], facts[RSIGN_FACTS_MAX + 1], part[RSIGN_QR_MAX];
	int	 rc;

	receipt_verify_url(url, sizeof(url));
	snprintf(buf, bufsz, "%s?no=%s&code=%s", url, m->no, m->code);
	if ((rc = mingce_sig_get(c->s, m->id, part, sizeof(part))) == 1) {
		if (mingce_facts(c, m, facts, sizeof(facts)) != 0 ||
		    rsign_sign_facts(m->no, m->code, facts, part,
		    sizeof(part)) != 0 ||
		    mingce_sig_keep(c->s, m->id, part) != 0)
			return;
		rc = mingce_sig_get(c->s, m->id, part, sizeof(part));
	}
	if (rc == 0)
		snprintf(buf, bufsz, "%s?no=%s&code=%s&%s", url, m->no,
		    m->code, part);
}

/* Builds the 名册's receipt page (lib/pdf.h's shape: <receipt>, <unit>,
 * <business>, <detail>, every row as a <person>, <verify>, <issuer>)
 * under the page's root.  Returns 0 or -1. */
static int
mingce_pdf_page(struct hall_ctx *c, const struct mingce *m)
{
	xmlNodePtr	 n, detail, persons;
	const char	*org = getenv("HALL_ORG");
	char		 buf[256], day[11];
	struct hdate	 d;

	snprintf(buf, sizeof(buf), "%d年度缴费基数名册", m->year);
	xmlSetProp(c->page, (const xmlChar *)"title", (const xmlChar *)buf);
	n = page_add(c, NULL, "receipt", NULL);
	page_attr(n, "kind", "缴费基数名册");
	page_attr(n, "no", m->no);
	page_attr(n, "code", m->code);
	clock_date(m->issued_at, &d);
	hdate_fmt(&d, day);
	page_attr(n, "issued", day);
	if (page_unit(c, m->unit_id) != 0)
		return -1;
	n = page_add(c, NULL, "business", NULL);
	page_attr(n, "name", "缴费基数名册打印");
	page_attr(n, "seq", m->no);
	detail = page_add(c, NULL, "detail", NULL);
	snprintf(buf, sizeof(buf), "%d年", m->year);
	mingce_pdf_field(detail, "年度", buf);
	mingce_pdf_field(detail, "基数所属月份", m->month);
	snprintf(buf, sizeof(buf), "%lld人", (long long)m->persons);
	mingce_pdf_field(detail, "人数", buf);
	mingce_pdf_field(detail, "出具日期", day);
	mingce_pdf_field(detail, "申报工资合计(元)",
	    wb_yuan(m->wage_total_fen, buf, sizeof(buf)));
	mingce_pdf_field(detail, "缴费基数合计(元)",
	    wb_yuan(m->base_total_fen, buf, sizeof(buf)));
	persons = page_add(c, NULL, "persons", NULL);
	if (mingce_rows(c->s, m->id, 0, -1, mingce_pdf_row, persons) < 0)
		return -1;
	receipt_verify_url(buf, sizeof(buf));
	page_attr(page_add(c, NULL, "verify", NULL), "url", buf);
	snprintf(buf, sizeof(buf), "%s(业务专用章)", org != NULL &&
	    *org != '\0' ? org : "XX市人力资源和社会保障局");
	page_attr(page_add(c, NULL, "issuer", NULL), "name", buf);
	return 0;
}

/* See mingce_page.h. */
int
mingce_page_pdf(struct hall_ctx *c)
{
	struct mingce	 m;
	char		 qr[RSIGN_QR_MAX];
	int		 rc;

	if ((rc = mingce_page_load(c, &m)) != 0)
		return rc < 0 ? -1 : 0;
	page_view(c, "print", "缴费基数名册");
	if (mingce_pdf_page(c, &m) != 0)
		return -1;
	mingce_pdf_qr(c, &m, qr, sizeof(qr));
	if (pdf_receipt(c->page, qr, &c->file, &c->filesz) != 0)
		return -1;
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "缴费基数名册-%d-%s.pdf",
	    m.year, m.no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "application/pdf");
	return 0;
}
