/*
 * jianguan: the unit's 监管与预警 page [issue 13; seed 004], linked
 * from the 首页.  离职及时率 and 用工备案及时率 of the last 12 months
 * (SVG charts drawn by the stylesheet), the open work by business and
 * state with its age, the 预警 lists, the 断缴 and 数据不全 lists, each
 * line linking to the business that fixes it, each list paged and as
 * .xlsx.  Opening it sends the 消息中心 its deadline warnings, once per
 * person and deadline.  Pages in lib/oversight_page.c, figures in
 * lib/oversight.c and lib/timeliness.c.  Units only.
 *
 *   GET  /jianguan        the figures and each list's first lines
 *   GET  /jianguan/list   name, page=N: one list, 50 a page
 *   GET  /jianguan/xlsx   name: the whole list as .xlsx
 */
#include "hall.h"
#include "oversight_page.h"

/* Sets the view and the page's category (none: a 首页 page). */
static void
begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
}

/* GET /jianguan */
static void
index_get(struct hall_ctx *c)
{
	begin(c, "index", "单位监管与预警");
	if (oversight_page_index(c) != 0)
		page_busy(c);
}

/* GET /jianguan/list */
static void
list_get(struct hall_ctx *c)
{
	begin(c, "list", "单位监管清单");
	if (oversight_page_list(c) != 0)
		page_busy(c);
}

/* GET /jianguan/xlsx */
static void
xlsx_get(struct hall_ctx *c)
{
	begin(c, "list", "单位监管清单");
	if (oversight_page_xlsx(c) != 0)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/jianguan", index_get, ROUTE_UNIT },
	{ REQ_GET, "/jianguan/list", list_get, ROUTE_UNIT },
	{ REQ_GET, "/jianguan/xlsx", xlsx_get, ROUTE_UNIT },
};

static const struct program jianguan = {
	"jianguan", "jianguan.xsl", routes,
	sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&jianguan, argc, argv);
}
