/*
 * txgz: 非统筹退休人员工资申报 [seed 003 九: 如存在未在我市参加基本养老
 * 保险的退休职工 … 参照上述流程]: the same steps as 职工缴费工资申报
 * (cgi-bin/nianbao.c) over the unit's retirees outside the city's
 * pension scheme (txgz_retirees, registered at the counter), on their
 * own template.  Rules and rows: lib/nianbao.c (nianbao_kind_txgz);
 * pages and handlers: lib/nianbao_page.c.  Its own routes:
 *
 *   GET  /txgz                     without id: the window, the steps
 *                                  and the form of a single retiree
 *   POST /txgz/save                sfzh, name, nb_wage, nb_remark,
 *                                  token, csrf
 *   POST /txgz/row                 id, row, nb_wage, nb_remark, csrf
 */
#include <stddef.h>

#include "hall.h"
#include "nianbao.h"
#include "nianbao_page.h"
#include "taskpage.h"

static const struct route routes[] = {
	{ REQ_POST, "/txgz/row", nb_page_row_post, ROUTE_UNIT },
	{ REQ_POST, "/txgz/add", nb_page_add_post, ROUTE_UNIT },
};

static const struct tp_business txgz_pages = {
	.wf = &txgz_business,
	.xsl = "txgz.xsl",
	.form = nb_page_form,
	.save = nb_page_save,
	.materials = nb_page_materials,
	.task_xml = nb_page_task,
	.batch_xml = nb_page_batch,
	.lint = nianbao_lint,
	.done_note = "申报工资已核定",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&txgz_pages, argc, argv);
}
