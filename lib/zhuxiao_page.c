/*
 * zhuxiao_page.c: the page side of 当月欠费注销 (zhuxiao_page.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arrears.h"
#include "attach.h"
#include "hall.h"
#include "levy.h"
#include "taskpage.h"
#include "wagebase.h"
#include "zhuxiao.h"
#include "zhuxiao_page.h"

/* Sets attribute name of n to fen as yuan ("1,234.56"). */
static void
zx_attr_yuan(xmlNodePtr n, const char *name, int64_t fen)
{
	char	 buf[32];

	page_attr(n, name, wb_yuan(fen, buf, sizeof(buf)));
}

/* Adds <levy> with the parts per type and side of r's month under
 * parent.  Returns 0 or -1. */
static int
zx_page_levy(struct hall_ctx *c, xmlNodePtr parent, int64_t unit_id,
    const struct zhuxiao_row *r)
{
	struct levy	 l;
	xmlNodePtr	 n, p;
	int		 rc, t;

	levy_init(&l);
	l.keep_lines = 0;
	if ((rc = zx_levy(c->s, unit_id, r->person_id, r->month, &l)) < 0) {
		levy_free(&l);
		return -1;
	}
	n = page_add(c, parent, "levy", NULL);
	page_attr(n, "state", rc == 0 ? "ok" : rc == LEVY_NOPOLICY ?
	    "nopolicy" : "nobase");
	if (rc != 0) {
		page_attr(n, "msg", l.msg);
		levy_free(&l);
		return 0;
	}
	zx_attr_yuan(n, "unit", l.side[LEVY_UNIT].amount_fen);
	zx_attr_yuan(n, "person", l.side[LEVY_PERSON].amount_fen);
	zx_attr_yuan(n, "total", l.total.amount_fen);
	for (t = 0; t < LEVY_TYPE__MAX; t++) {
		if (l.by[t][LEVY_UNIT].amount_fen == 0 &&
		    l.by[t][LEVY_PERSON].amount_fen == 0)
			continue;
		p = page_add(c, n, "part", NULL);
		page_attr(p, "type", levy_type_name((enum levy_type)t));
		zx_attr_yuan(p, "unit", l.by[t][LEVY_UNIT].amount_fen);
		zx_attr_yuan(p, "person", l.by[t][LEVY_PERSON].amount_fen);
	}
	levy_free(&l);
	return 0;
}

/* See zhuxiao_page.h. */
xmlNodePtr
zx_page_row(struct hall_ctx *c, int64_t unit_id, const struct zhuxiao_row *r)
{
	struct arrears_sum	 sum;
	xmlNodePtr		 n, o;
	char			 cur[8], at[20];

	zx_month_of(&c->today, cur);
	n = page_add(c, NULL, "zhuxiao", NULL);
	page_attr_int(n, "person", r->person_id);
	page_attr(n, "name", r->name);
	page_attr(n, "sfzh", r->idno);
	page_attr(n, "month", r->month);
	page_attr(n, "current", strcmp(r->month, cur) == 0 ? "1" : "0");
	if (r->task_id > 0) {
		zx_attr_yuan(n, "amount", r->amount_fen);
		zx_attr_yuan(n, "levy", r->levy_fen);
	}
	if (r->confirmed_at > 0) {
		clock_fmt((time_t)r->confirmed_at, at);
		page_attr(n, "confirmed-at", at);
	}
	if (arrears_person_sum(c->s, unit_id, r->person_id, &sum) != 0 ||
	    zx_page_levy(c, n, unit_id, r) != 0)
		return NULL;
	o = page_add(c, n, "owing", NULL);
	page_attr_int(o, "months", sum.months);
	zx_attr_yuan(o, "amount", sum.amount_fen);
	page_attr(o, "first", sum.first);
	page_attr(o, "last", sum.last);
	return n;
}

/* See zhuxiao_page.h. */
void
zx_page_posted(struct hall_ctx *c)
{
	static const char *const names[] = { "sfzh", "month" };
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "zhuxiao", NULL);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		v = req_get(c->r, names[i]);
		if (v != NULL && valid_text(v, 20) == VALID_OK)
			page_attr(n, names[i], v);
	}
}

/* The one material: the employee's signed statement. */
static void
zx_material(struct tp_material *m)
{
	const struct material	*cat = attach_material(ZX_MATERIAL);

	memset(m, 0, sizeof(*m));
	m->code = ZX_MATERIAL;
	m->name = cat != NULL ? cat->name :
	    "经职工本人签字确认的欠费注销情况说明";
	m->required = 1;
}

/* See zhuxiao_page.h. */
void
zx_page_materials(struct hall_ctx *c)
{
	struct tp_material	 m;

	zx_material(&m);
	tp_material_add(c, tp_materials_list(c, 0), &m, 0, -1);
}

/* See zhuxiao_page.h. */
int
zx_page_task_materials(struct hall_ctx *c, const struct task *t,
    int64_t pid, struct tp_material *out, size_t *n)
{
	(void)c;
	(void)t;
	*n = 0;
	if (pid != 0)
		return 1;
	zx_material(&out[0]);
	*n = 1;
	return 0;
}

/* See zhuxiao_page.h. */
int
zx_page_common(struct hall_ctx *c)
{
	char	 cur[8];

	zx_month_of(&c->today, cur);
	page_add(c, NULL, "current-month", cur);
	tp_add_review_days(c, NULL);
	return tp_add_recent(c);
}

/* See zhuxiao_page.h. */
int
zx_page_task(struct hall_ctx *c, const struct task *t, int batch,
    xmlNodePtr tn)
{
	struct zhuxiao_row	 r;
	int			 rc;

	(void)batch;
	(void)tn;
	if ((rc = zhuxiao_row_load(c->s, t->id, &r)) < 0)
		return -1;
	if (rc > 0)
		return 0;
	if (wf_editable(t))
		tp_begin(c, "form", "当月欠费注销");
	if (zx_page_row(c, t->unit_id, &r) == NULL)
		return -1;
	return zx_page_common(c);
}
