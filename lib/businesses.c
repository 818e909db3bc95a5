/*
 * businesses.c: every business of the hall, registered with the
 * workflow by every program, so that the 首页, the reviewer desk, the
 * printouts and the menus know each one's name, path, rules and effect;
 * and what the menus show besides the businesses: their categories in
 * order, the hall's own pages and what is not online yet.
 */
#include <stddef.h>

#include "hall.h"
#include "receipt.h"
#include "tuigong.h"
#include "jianyuan.h"
#include "yonggong.h"
#include "chexiao.h"
#include "zengyuan.h"
#include "gongzi.h"
#include "zhuxiao.h"
#include "nianbao.h"
#include "bujiao.h"

const struct wf_business *const hall_businesses[] = {
	&jianyuan_business,
	&tuigong_business,
	&yonggong_business,
	&chexiao_business,
	&zengyuan_business,
	&gongzi_business,
	&zhuxiao_business,
	&nianbao_business,
	&txgz_business,
	&bujiao_business,
	NULL
};

/* The top menu, left to right.  A category lights up when a business
 * or an online entry belongs to it. */
const struct hall_category hall_categories[] = {
	{ "dabao",	"打包快办" },
	{ "jiuye",	"就业失业" },
	{ "dengji",	"登记管理" },
	{ "jiaofei",	"缴费管理" },
	{ "zhuanyi",	"转移及清算" },
	{ "quanyi",	"权益查询" },
	{ "yanglao",	"养老待遇" },
	{ "gongshang",	"工伤待遇" },
	{ "yibao",	"医保" },
	{ "peixun",	"职业培训" },
	{ "qita",	"其他" },
	{ "bangzhu",	"帮助中心" },
	{ NULL,		NULL }
};

/* Menu entries that are not a business's: the hall's own pages, and
 * businesses not online yet (no path: shown greyed, 「暂未开通,请到经办
 * 机构办理」).  HALL_MENU_COMMON is the 常用业务 menu of the pages that
 * belong to no category (the 首页). */
const struct hall_menu_entry hall_menu_entries[] = {
	{ "dabao",	"入职打包",		"/dabao/ruzhi", NULL },
	{ "dabao",	"离职打包",		"/dabao/lizhi", NULL },
	{ "dabao",	"打包记录",		"/dabao", NULL },
	{ "jiuye",	"备案查询",		"/beian", "/yonggong/batch" },
	{ "jiaofei",	"单位应收核定",		NULL,	NULL },
	{ "jiaofei",	"缴费基数名册打印",	"/mingce", "/nianbao" },
	{ "jiaofei",	"在职人员非敏感信息变更", "/biangeng/person", NULL },
	{ "jiaofei",	"单位一般信息变更",	"/biangeng/unit", NULL },
	{ "jiaofei",	"变更记录",		"/biangeng/records", NULL },
	{ "qita",	"业务打印",		"/print", NULL },
	{ "qita",	"办事预约",		"/yuyue", NULL },
	{ HALL_MENU_COMMON, "首页",		"/home", NULL },
	{ HALL_MENU_COMMON, "在职人员非敏感信息变更", "/biangeng/person", "" },
	{ HALL_MENU_COMMON, "业务打印",		"/print", "" },
	{ NULL,		NULL,			NULL,	NULL }
};
