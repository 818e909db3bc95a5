/*
 * mingce: 缴费基数名册打印 (缴费管理) [issue 11].  For a year, every
 * person 参保缴费 at the unit with the 申报工资 and 缴费基数 in force
 * (wagebase.h, wb_at), issued once as a numbered 名册 with a
 * verification code (checkable on /verify), printed as A4 sheets a page
 * of sheets at a time and downloaded whole as .xlsx.  Pages in
 * lib/mingce_page.c, the 名册 in lib/mingce.c.  Units only.
 *
 *   GET  /mingce         the form (year) and the 名册 issued, page=N
 *   POST /mingce/issue   year, token, csrf: 303 to /mingce/view?id=
 *   GET  /mingce/view    id, page=N: the A4 sheets (print view);
 *                        format=pdf: the whole 名册 as one PDF
 *   GET  /mingce/xlsx    id: the whole 名册 as .xlsx
 */
#include <string.h>

#include "hall.h"
#include "mingce_page.h"

/* Sets the view and the 缴费管理 category. */
static void
begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	page_attr(c->page, "category", "jiaofei");
}

/* GET /mingce */
static void
index_get(struct hall_ctx *c)
{
	begin(c, "index", "缴费基数名册打印");
	if (mingce_page_index(c, NULL, NULL) != 0)
		page_busy(c);
}

/* POST /mingce/issue */
static void
issue_post(struct hall_ctx *c)
{
	begin(c, "index", "缴费基数名册打印");
	if (mingce_page_issue(c) != 0)
		page_busy(c);
}

/* GET /mingce/view */
static void
view_get(struct hall_ctx *c)
{
	const char	*f = req_get(c->r, "format");

	begin(c, "print", "缴费基数名册");
	if (f != NULL && strcmp(f, "pdf") == 0) {
		if (mingce_page_pdf(c) != 0)
			page_busy(c);
		return;
	}
	if (mingce_page_view(c) != 0)
		page_busy(c);
}

/* GET /mingce/xlsx */
static void
xlsx_get(struct hall_ctx *c)
{
	begin(c, "index", "缴费基数名册打印");
	if (mingce_page_xlsx(c) != 0)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/mingce", index_get, ROUTE_UNIT },
	{ REQ_POST, "/mingce/issue", issue_post, ROUTE_UNIT },
	{ REQ_GET, "/mingce/view", view_get, ROUTE_UNIT },
	{ REQ_GET, "/mingce/xlsx", xlsx_get, ROUTE_UNIT },
};

static const struct program mingce = {
	"mingce", "mingce.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&mingce, argc, argv);
}
