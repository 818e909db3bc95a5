/*
 * test_menus.c: the <menus> page.c builds from the registered
 * businesses and lib/businesses.c: the categories in the fixed order
 * with their titles, each business's entries in its category with the
 * hall's own entries placed around them, the entries not online greyed
 * (online="0"), the top menu's link, the 常用业务, and the same menus
 * copied into each page.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "hall.h"
#include "page.h"
#include "../suites.h"

static struct hall_ctx	 ctx;

/* Registers the hall's businesses and builds a page with its menus. */
static void
setup(void)
{
	size_t	 i;

	for (i = 0; hall_businesses[i] != NULL; i++)
		wf_register(hall_businesses[i]);
	memset(&ctx, 0, sizeof(ctx));
	page_begin(&ctx, "menutest");
	ck_assert_ptr_nonnull(ctx.page);
	page_menus(&ctx);
}

static void
teardown(void)
{
	page_end(&ctx);
	memset(&ctx, 0, sizeof(ctx));
}

/* The string value of XPath expression xp on doc (caller frees). */
static char *
xp_str(xmlDocPtr doc, const char *xp)
{
	xmlXPathContextPtr	 x;
	xmlXPathObjectPtr	 o;
	xmlChar			*v;
	char			*out;

	x = xmlXPathNewContext(doc);
	ck_assert_ptr_nonnull(x);
	o = xmlXPathEvalExpression((const xmlChar *)xp, x);
	ck_assert_msg(o != NULL, "bad XPath %s", xp);
	v = xmlXPathCastToString(o);
	out = strdup((const char *)v);
	xmlFree(v);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return out;
}

/* Fails unless XPath xp on doc is want. */
static void
xp_eq(xmlDocPtr doc, const char *xp, const char *want)
{
	char	*v = xp_str(doc, xp);

	ck_assert_msg(strcmp(v, want) == 0, "%s: '%s', want '%s'", xp, v,
	    want);
	free(v);
}

/* The labels of the entries under the element of xp, joined by '|',
 * each followed by "-" when not online. */
static void
entries_eq(xmlDocPtr doc, const char *xp, const char *want)
{
	char	 q[256], got[1024] = "", *v;
	int	 i, n;

	snprintf(q, sizeof(q), "count(%s/entry)", xp);
	v = xp_str(doc, q);
	n = atoi(v);
	free(v);
	for (i = 1; i <= n; i++) {
		snprintf(q, sizeof(q), "concat(%s/entry[%d]/@label, "
		    "substring('-', 1, %s/entry[%d]/@online = '0'))", xp, i,
		    xp, i);
		v = xp_str(doc, q);
		if (i > 1)
			strlcat_safe(got, "|", sizeof(got));
		strlcat_safe(got, v, sizeof(got));
		free(v);
	}
	ck_assert_msg(strcmp(got, want) == 0, "%s: '%s', want '%s'", xp, got,
	    want);
}

START_TEST(menus_categories)
{
	const struct hall_category	*k;
	char				 q[128];
	int				 i = 1;

	/* Every category in the fixed order, with its title. */
	for (k = hall_categories; k->code != NULL; k++, i++) {
		snprintf(q, sizeof(q), "string(/page/menus/category[%d]/@code)",
		    i);
		xp_eq(ctx.doc, q, k->code);
		snprintf(q, sizeof(q), "string(/page/menus/category[%d]/@title)",
		    i);
		xp_eq(ctx.doc, q, k->title);
	}
	xp_eq(ctx.doc, "count(/page/menus/category)", "12");
	xp_eq(ctx.doc, "string(/page/menus/category[1]/@title)", "打包快办");
	xp_eq(ctx.doc, "string(/page/menus/category[last()]/@title)",
	    "帮助中心");
	/* The top menu's link: the first business's page, else the first
	 * online entry; none when nothing is online. */
	xp_eq(ctx.doc, "string(/page/menus/category[@code = 'jiuye']/@href)",
	    "/tuigong");
	xp_eq(ctx.doc, "string(/page/menus/category[@code = 'jiaofei']/@href)",
	    "/jianyuan");
	xp_eq(ctx.doc, "string(/page/menus/category[@code = 'qita']/@href)",
	    "/print");
	xp_eq(ctx.doc, "string(/page/menus/category[@code = 'dabao']/@href)",
	    "/dabao/ruzhi");
	xp_eq(ctx.doc, "count(/page/menus/category[@href])", "4");
}
END_TEST

START_TEST(menus_entries)
{
	/* The businesses' entries with the hall's placed around them, as
	 * the menus always were. */
	entries_eq(ctx.doc, "/page/menus/category[@code = 'jiuye']",
	    "退工登记|批量退工|员工时间轴|用工备案|批量用工备案|备案查询|"
	    "撤销申请查询");
	entries_eq(ctx.doc, "/page/menus/category[@code = 'jiaofei']",
	    "单位应收核定-|在职人员非敏感信息变更|单位一般信息变更|变更记录|"
	    "城镇职工减少|批量减员|城镇职工增加|批量增员|单个职工缴费基数变更申报|"
	    "当月欠费注销|职工缴费工资申报|缴费基数名册打印|非统筹退休人员工资申报|"
	    "单位员工欠费补缴|单位全部清欠|生成欠费补缴单|欠费补缴回退");
	entries_eq(ctx.doc, "/page/menus/category[@code = 'qita']",
	    "业务打印|办事预约");
	entries_eq(ctx.doc, "/page/menus/common",
	    "首页|退工登记|用工备案|撤销用工登记|城镇职工减少|城镇职工增加|个人工资变更|当月欠费注销|"
	    "职工缴费工资申报|非统筹退休人员工资申报|欠费补缴|在职人员非敏感信息变更|"
	    "业务打印");
	xp_eq(ctx.doc, "string(/page/menus/common/@title)", "常用业务");
	xp_eq(ctx.doc, "string(/page/menus/category/entry[@label = "
	    "'批量退工']/@href)", "/tuigong/batch");
	xp_eq(ctx.doc, "count(/page/menus//entry[@online = '0']/@href)", "0");
}
END_TEST

/* Each registered business's every menu entry is in its category. */
START_TEST(menus_every_business)
{
	const struct wf_business	*b;
	const struct wf_menu		*m;
	char				 q[256];
	size_t				 i;

	for (i = 0; (b = wf_business_at(i)) != NULL; i++) {
		ck_assert_ptr_nonnull(b->menu);
		for (m = b->menu; m->label != NULL; m++) {
			snprintf(q, sizeof(q), "count(/page/menus/category[@code "
			    "= '%s']/entry[@label = '%s'][@href = '%s'])",
			    b->category, m->label, m->path);
			xp_eq(ctx.doc, q, "1");
		}
		snprintf(q, sizeof(q), "count(/page/menus/common/entry[@href = "
		    "'%s'])", b->path);
		xp_eq(ctx.doc, q, "1");
	}
}
END_TEST

/* The <menus> child of doc's root. */
static xmlNodePtr
menus_of(xmlDocPtr doc)
{
	xmlNodePtr	 n;

	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (xmlStrEqual(n->name, (const xmlChar *)"menus"))
			return n;
	ck_abort_msg("no <menus>");
	return NULL;
}

/* The menus are built once and lent to each page in turn: a page made
 * after the first one ended has the same, and the first page's end
 * leaves them whole. */
START_TEST(menus_copied)
{
	struct hall_ctx	 c2;
	char		*a;
	const xmlChar	*b;
	xmlBufferPtr	 ba, bb;

	ba = xmlBufferCreate();
	xmlNodeDump(ba, ctx.doc, menus_of(ctx.doc), 0, 0);
	a = strdup((const char *)xmlBufferContent(ba));
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(strstr(a, "<menus>"));
	page_end(&ctx);
	ck_assert_ptr_null(ctx.doc);
	memset(&c2, 0, sizeof(c2));
	page_begin(&c2, "menutest");
	page_menus(&c2);
	bb = xmlBufferCreate();
	xmlNodeDump(bb, c2.doc, menus_of(c2.doc), 0, 0);
	b = xmlBufferContent(bb);
	ck_assert_str_eq(a, (const char *)b);
	free(a);
	xmlBufferFree(ba);
	xmlBufferFree(bb);
	page_end(&c2);
	page_begin(&ctx, "menutest");
	page_menus(&ctx);
}
END_TEST

static Suite *
menus_suite(void)
{
	Suite	*s = suite_create("menus");
	TCase	*tc = tcase_create("menus");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, menus_categories);
	tcase_add_test(tc, menus_entries);
	tcase_add_test(tc, menus_every_business);
	tcase_add_test(tc, menus_copied);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(menus_suite)
