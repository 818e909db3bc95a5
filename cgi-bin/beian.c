/*
 * beian: 备案查询 (用工备案管理 → 备案查询) [SPEC §3; 001], the unit's
 * employment registrations: a query program like /print, not a
 * business.  The search, the pages and the export are in
 * lib/beian_page.c, the queries in lib/beian.c.
 *
 *   GET /beian          the search (name= 姓名 exactly, idno= 身份证号,
 *                       contract= 合同编号, status= 在职|已退工|已撤销,
 *                       from= to= 登记日期 YYYY-MM-DD) and a page (page=)
 *                       of the registrations it selects, newest first;
 *                       a malformed field: 422 with its message
 *   GET /beian/reg      id=: one registration, its history (用工备案,
 *                       退工, 撤销 tasks) and its actions; another
 *                       unit's or none: 404
 *   GET /beian/export   the same search as an .xlsx download (at most
 *                       50,000 rows; more: 422 with the list and why)
 */
#include "hall.h"
#include "beian.h"
#include "beian_page.h"

/* Sets the common attributes of a 就业失业 page. */
static void
begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	page_attr(c->page, "category", "jiuye");
}

/* GET /beian */
static void
list_get(struct hall_ctx *c)
{
	struct beian_filter	 f;
	struct form_errors	 errs;

	begin(c, "list", "备案查询");
	errs.n = 0;
	beian_page_filter(c, &f, &errs);
	if (beian_page_list(c, &f, &errs) != 0)
		page_busy(c);
}

/* GET /beian/reg */
static void
reg_get(struct hall_ctx *c)
{
	begin(c, "reg", "用工备案详情");
	if (beian_page_detail(c) != 0)
		page_busy(c);
}

/* GET /beian/export */
static void
export_get(struct hall_ctx *c)
{
	struct beian_filter	 f;
	struct form_errors	 errs;

	begin(c, "list", "备案查询");
	errs.n = 0;
	beian_page_filter(c, &f, &errs);
	if (errs.n > 0) {
		if (beian_page_list(c, &f, &errs) != 0)
			page_busy(c);
		return;
	}
	if (beian_page_export(c, &f) != 0)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/beian", list_get, ROUTE_UNIT },
	{ REQ_GET, "/beian/reg", reg_get, ROUTE_UNIT },
	{ REQ_GET, "/beian/export", export_get, ROUTE_UNIT },
};

static const struct program beian = {
	"beian", "beian.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&beian, argc, argv);
}
