/*
 * nianbao: 年度缴费工资申报 (职工缴费工资申报) [SPEC §6; seed 003 九 and
 * its 操作流程].  Rules, rows and the business: lib/nianbao.c; its pages
 * and handlers: lib/nianbao_page.c (shared with txgz, 非统筹退休人员工资
 * 申报); the task pages every business shares (task, upload,
 * attachment, submit, 退单, delete, the batch pages with the pre-filled
 * 模板下载): lib/taskpage.c.  Its own routes:
 *
 *   GET  /nianbao                  without id: the window, the steps
 *                                  and the form of a single person
 *   POST /nianbao/save             sfzh, name, nb_wage, nb_remark,
 *                                  token, csrf
 *   POST /nianbao/row              id, row, nb_wage, nb_remark, csrf:
 *                                  a row of a draft corrected (a row
 *                                  the reviewer sent back)
 *   POST /nianbao/add              id, sfzh, name, nb_wage, nb_remark,
 *                                  csrf: a person added to a draft (one
 *                                  the file missed, a failed row again)
 *
 * The declaration's page (GET /nianbao?id=N, and /nianbao/batch/result)
 * is its 上传明细: the rows a page at a time (rpage=), those of one
 * 身份证号 (idno=), 修改 and 删除 per row while a draft, and the persons
 * insured here not declared for the year (mpage=).  Outside the window
 * nothing is saved: 422 with the form again and when it opens.
 */
#include <stddef.h>

#include "hall.h"
#include "nianbao.h"
#include "nianbao_page.h"
#include "taskpage.h"

static const struct route routes[] = {
	{ REQ_POST, "/nianbao/row", nb_page_row_post, ROUTE_UNIT },
	{ REQ_POST, "/nianbao/add", nb_page_add_post, ROUTE_UNIT },
};

static const struct tp_business nianbao_pages = {
	.wf = &nianbao_business,
	.xsl = "nianbao.xsl",
	.form = nb_page_form,
	.save = nb_page_save,
	.materials = nb_page_materials,
	.task_xml = nb_page_task,
	.batch_xml = nb_page_batch,
	.lint = nianbao_lint,
	.done_note = "新的缴费基数自申报年度规定月份起执行",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&nianbao_pages, argc, argv);
}
