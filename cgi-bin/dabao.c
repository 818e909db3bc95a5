/*
 * dabao: 打包快办 [SPEC §5, §11; seeds 002, 004], one form for the
 * tasks of one person's 入职 or 离职, run by the hall in the order the
 * region requires.  Not a business: the package's steps are tasks of
 * the businesses (their own rules, 业务顺序号 and task pages).  The
 * pages are in lib/dabao_page.c, the packages in lib/dabao.c.  Routes:
 *
 *   GET  /dabao               the unit's packages (打包记录), page=
 *   GET  /dabao/ruzhi         the 入职打包 form (用工备案 + 增员)
 *   POST /dabao/ruzhi/save    用工备案 and 增员 fields, token, csrf
 *   GET  /dabao/lizhi         the 离职打包 form (sfzh= fills it)
 *   POST /dabao/lizhi/save    减员 and 退工 fields, token, csrf
 *   GET  /dabao/pkg           id: the package, its steps, what next
 *   POST /dabao/upload        id, step, material, file, csrf
 *   POST /dabao/submit        id, csrf: 提交
 *   POST /dabao/cancel        id, csrf: 整包退单 (the 未提交 steps)
 */
#include "hall.h"
#include "dabao_page.h"

static const struct route routes[] = {
	{ REQ_GET, "/dabao", dabao_page_list, ROUTE_UNIT },
	{ REQ_GET, "/dabao/ruzhi", dabao_page_ruzhi_form, ROUTE_UNIT },
	{ REQ_POST, "/dabao/ruzhi/save", dabao_page_ruzhi_save, ROUTE_UNIT },
	{ REQ_GET, "/dabao/lizhi", dabao_page_lizhi_form, ROUTE_UNIT },
	{ REQ_POST, "/dabao/lizhi/save", dabao_page_lizhi_save, ROUTE_UNIT },
	{ REQ_GET, "/dabao/pkg", dabao_page_pkg, ROUTE_UNIT },
	{ REQ_POST, "/dabao/upload", dabao_page_upload, ROUTE_UNIT },
	{ REQ_POST, "/dabao/submit", dabao_page_submit, ROUTE_UNIT },
	{ REQ_POST, "/dabao/cancel", dabao_page_cancel, ROUTE_UNIT },
};

static const struct program dabao = {
	"dabao", "dabao.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&dabao, argc, argv);
}
