/*
 * yonggong_page.c: the page side of 用工备案 (yonggong_page.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "attach.h"
#include "hall.h"
#include "taskpage.h"
#include "yonggong.h"
#include "yonggong_page.h"

/* Adds the options of the form's selects. */
static void
yg_page_options(struct hall_ctx *c)
{
	static const char *const sexes[] = { "男", "女", NULL };

	page_options(c, "sex", sexes);
	page_options(c, "hukou_type", yonggong_hukou_types);
	page_options(c, "education", yonggong_educations);
	page_options(c, "work_form", yonggong_work_forms);
	page_options(c, "category", yonggong_categories);
}

/* Adds <timeliness on-time= total= overdue= rate=>: the unit's
 * 用工备案及时率.  Returns 0 or -1. */
static int
yg_page_timeliness(struct hall_ctx *c)
{
	long long	 on_time, total, days;
	char		 rate[16];
	xmlNodePtr	 n;

	if (yonggong_timeliness(c->s, c->acct.unit_id, &on_time, &total) != 0 ||
	    yonggong_deadline_days(c->s, c->acct.unit_id, &c->today,
	    &days) != 0)
		return -1;
	n = page_add(c, NULL, "timeliness", NULL);
	page_attr_int(n, "days", days);
	page_attr_int(n, "on-time", on_time);
	page_attr_int(n, "total", total);
	page_attr_int(n, "overdue", total - on_time);
	if (total > 0)
		snprintf(rate, sizeof(rate), "%.1f%%", 100.0 * (double)on_time /
		    (double)total);
	else
		snprintf(rate, sizeof(rate), "-");
	page_attr(n, "rate", rate);
	return 0;
}

/* Formats fen as yuan ("6000.00") into buf[32]; "" for 0. */
static void
yg_yuan(int64_t fen, char buf[32])
{
	if (fen <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%" PRId64 ".%02" PRId64, fen / 100,
		    fen % 100);
}

/* See yonggong_page.h. */
xmlNodePtr
yg_page_row(struct hall_ctx *c, const struct yonggong_row *r)
{
	xmlNodePtr	 n;
	char		 wage[32];

	n = page_add(c, NULL, "yonggong", NULL);
	if (r->row_no > 0)
		page_attr_int(n, "row", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "sfzh", r->idno);
	page_attr(n, "sex", r->sex);
	page_attr(n, "birth", r->birth);
	page_attr(n, "hukou-type", r->hukou_type);
	page_attr(n, "phone", r->phone);
	page_attr(n, "education", r->education);
	page_attr(n, "work-form", r->work_form);
	page_attr(n, "category", r->category);
	page_attr(n, "contract-no", r->contract_no);
	page_attr(n, "contract-start", r->contract_start);
	page_attr(n, "contract-end", r->contract_end);
	page_attr(n, "open-ended", r->open_ended ? "1" : "0");
	page_attr(n, "post", r->post);
	page_attr(n, "job-type", r->job_type);
	yg_yuan(r->wage_fen, wage);
	page_attr(n, "wage", wage);
	page_attr(n, "hire-date", r->hire_date);
	page_attr(n, "late", r->late ? "1" : "0");
	if (r->employment_id > 0)
		page_attr_int(n, "employment", r->employment_id);
	return n;
}

/* See yonggong_page.h. */
void
yg_page_posted(struct hall_ctx *c)
{
	static const char *const map[][2] = {
		{ "name", "name" }, { "sfzh", "sfzh" }, { "sex", "sex" },
		{ "birth", "birth" }, { "hukou_type", "hukou-type" },
		{ "phone", "phone" }, { "education", "education" },
		{ "work_form", "work-form" }, { "category", "category" },
		{ "contract_no", "contract-no" },
		{ "contract_start", "contract-start" },
		{ "contract_end", "contract-end" },
		{ "open_ended", "open-ended" }, { "post", "post" },
		{ "job_type", "job-type" }, { "wage", "wage" },
		{ "hire_date", "hire-date" },
	};
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "yonggong", NULL);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		v = req_get(c->r, map[i][0]);
		if (v != NULL && valid_text(v, 100) == VALID_OK)
			page_attr(n, map[i][1], v);
	}
}

/* The one material: the 劳动合同 scan, of the task as a whole. */
static void
yg_material(struct tp_material *m)
{
	const struct material	*cat = attach_material(YG_MATERIAL);

	memset(m, 0, sizeof(*m));
	m->code = YG_MATERIAL;
	m->name = cat != NULL ? cat->name : "劳动合同复印件";
	m->required = 1;
}

/* See yonggong_page.h. */
int
yg_page_materials(struct hall_ctx *c, int batch)
{
	struct tp_material	 m;

	yg_material(&m);
	tp_material_add(c, tp_materials_list(c, batch), &m, 0, -1);
	return 0;
}

/* See yonggong_page.h. */
int
yg_page_task_materials(struct hall_ctx *c, const struct task *t,
    int64_t pid, struct tp_material *out, size_t *n)
{
	*n = 0;
	if (pid != 0)
		return 0;
	yg_material(&out[0]);
	*n = 1;
	return 0;
}

/* See yonggong_page.h. */
int
yg_page_common(struct hall_ctx *c)
{
	yg_page_options(c);
	tp_add_review_days(c, NULL);
	if (yg_page_timeliness(c) != 0 || tp_add_recent(c) != 0)
		return -1;
	return 0;
}

/* Where a batch's rows go. */
struct list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* yonggong_rows callback: one <row> of the batch. */
static void
yg_batch_row(const struct yonggong_row *r, void *arg)
{
	struct list_arg	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->parent, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "work-form", r->work_form);
	page_attr(n, "category", r->category);
	page_attr(n, "contract-no", r->contract_no);
	page_attr(n, "hire-date", r->hire_date);
	page_attr(n, "late", r->late ? "1" : "0");
}

/* See yonggong_page.h. */
int
yg_page_task(struct hall_ctx *c, const struct task *t, int batch,
    xmlNodePtr tn)
{
	struct yonggong_row	 r;
	struct list_arg		 a;
	int			 n, rc;

	if (batch) {
		a.c = c;
		a.parent = page_add(c, NULL, "rows", NULL);
		if ((n = yonggong_rows(c->s, t->id, yg_batch_row, &a)) < 0)
			return -1;
		page_attr_int(a.parent, "count", n);
		return yg_page_timeliness(c);
	}
	if ((rc = yonggong_row_load(c->s, t->id, 0, &r)) < 0)
		return -1;
	if (rc > 0)
		memset(&r, 0, sizeof(r));
	if (wf_editable(t))
		tp_begin(c, "form", "用工备案");
	yg_page_row(c, &r);
	yg_page_options(c);
	return yg_page_timeliness(c) != 0 || tp_add_recent(c) != 0 ? -1 : 0;
}

/* See yonggong_page.h. */
int
yg_page_batch(struct hall_ctx *c)
{
	yg_page_options(c);
	if (yg_page_materials(c, 1) != 0 || yg_page_timeliness(c) != 0 ||
	    tp_add_recent(c) != 0)
		return -1;
	return 0;
}
