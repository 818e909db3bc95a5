/*
 * tuigong_page.c: the page side of 退工登记 (tuigong_page.h): the XML of
 * its form, rows, materials and timeline, and its hooks for the task
 * pages every business shares (lib/taskpage.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "pager.h"
#include "person.h"
#include "taskpage.h"
#include "tuigong.h"
#include "tuigong_comp.h"
#include "tuigong_page.h"
#include "wagebase.h"

/* Adds the options of the form's selects. */
void
tg_page_options(struct hall_ctx *c)
{
	static const char *const sexes[] = { "男", "女", NULL };
	static const char *const hukou[] = { "城镇", "农村", NULL };

	page_options(c, "reason", tuigong_reason_names);
	page_options(c, "sex", sexes);
	page_options(c, "hukou_type", hukou);
	page_options(c, "comp_basis", tg_comp_bases);
}

/* Adds <timeliness on-time= total= rate=>: the unit's 离职及时率.
 * Returns 0 or -1. */
int
tg_page_timeliness(struct hall_ctx *c)
{
	long long	 on_time, total;
	char		 rate[16];
	xmlNodePtr	 n;

	if (tuigong_timeliness(c->s, c->acct.unit_id, &on_time, &total) != 0)
		return -1;
	n = page_add(c, NULL, "timeliness", NULL);
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

/* Adds <tuigong .../> with the values of row (and the 出生日期 the
 * 身份证号 says).  Returns the node. */
xmlNodePtr
tg_page_row(struct hall_ctx *c, const struct tuigong_row *r)
{
	struct idcard	 ic;
	xmlNodePtr	 n;
	char		 birth[11] = "";

	if (valid_idcard(r->idno, NULL, &ic) == VALID_OK)
		hdate_fmt(&ic.birth, birth);
	n = page_add(c, NULL, "tuigong", NULL);
	if (r->row_no > 0)
		page_attr_int(n, "row", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "sfzh", r->idno);
	page_attr(n, "sex", r->sex);
	page_attr(n, "birth", birth);
	page_attr(n, "hukou-type", r->hukou_type);
	page_attr(n, "phone", r->phone);
	page_attr(n, "reason", r->reason);
	page_attr(n, "end-date", r->end_date);
	page_attr(n, "contract-no", r->contract_no);
	page_attr(n, "contract-start", r->contract_start);
	page_attr(n, "contract-end", r->contract_end);
	page_attr(n, "open-ended", r->open_ended ? "1" : "0");
	page_attr(n, "post", r->post);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "last-paid-month", r->last_paid_month);
	page_attr(n, "settled", r->settled ? "1" : "0");
	page_attr(n, "compensation", r->compensation ? "1" : "0");
	page_attr(n, "remark", r->remark);
	page_attr(n, "handler-name", r->handler_name);
	page_attr(n, "handler-title", r->handler_title);
	page_attr(n, "handler-phone", r->handler_phone);
	page_attr(n, "overdue", r->overdue ? "1" : "0");
	/* 是否结清 means something only for a person found on file. */
	page_attr(n, "facts", r->employment_id > 0 ? "1" : "0");
	return n;
}

/* Adds <tuigong> echoing the request's raw form values (a refused
 * save shows what was typed). */
void
tg_page_posted(struct hall_ctx *c)
{
	static const char *const map[][2] = {
		{ "name", "name" }, { "sfzh", "sfzh" }, { "sex", "sex" },
		{ "birth", "birth" }, { "hukou_type", "hukou-type" },
		{ "phone", "phone" }, { "reason", "reason" },
		{ "end_date", "end-date" }, { "contract_no", "contract-no" },
		{ "contract_start", "contract-start" },
		{ "contract_end", "contract-end" }, { "open_ended", "open-ended" },
		{ "post", "post" }, { "compensation", "compensation" },
		{ "remark", "remark" }, { "handler_name", "handler-name" },
		{ "handler_title", "handler-title" },
		{ "handler_phone", "handler-phone" },
	};
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "tuigong", NULL);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		v = req_get(c->r, map[i][0]);
		if (v != NULL && valid_text(v, 600) == VALID_OK)
			page_attr(n, map[i][1], v);
	}
}

/* Adds <materials> a form for reason and compensation (or a batch)
 * asks for, before there is a task.  Returns 0. */
int
tg_page_materials(struct hall_ctx *c, const char *reason, int compensation,
    int batch)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	struct tp_material	 tm;
	xmlNodePtr		 list;
	size_t			 i, n;

	n = tuigong_materials(tuigong_reason_of(reason), compensation, batch,
	    m);
	list = tp_materials_list(c, batch);
	memset(&tm, 0, sizeof(tm));
	for (i = 0; i < n; i++) {
		tm.code = m[i].code;
		tm.name = m[i].name;
		tm.required = m[i].required;
		tp_material_add(c, list, &tm, 0, -1);
	}
	return 0;
}

/* tp_business materials: a 退工's are the task's as a whole. */
int
tg_page_task_materials(struct hall_ctx *c, const struct task *t, int64_t pid,
    struct tp_material *out, size_t *n)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	size_t			 i, k;

	*n = 0;
	if (pid != 0)
		return 0;
	if (tuigong_task_materials(c->s, t->id, m, &k) != 0)
		return -1;
	for (i = 0; i < k && i < TP_MATERIALS_MAX; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].code = m[i].code;
		out[i].name = m[i].name;
		out[i].required = m[i].required;
	}
	*n = i;
	return 0;
}

/* Where a person list's callbacks put their rows, and whether a
 * look-up failed. */
struct pick_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
	int		 failed;
};

/* person_page callback: one <person> of the timeline's pick list. */
static void
tg_person_link(const struct person *p, void *arg)
{
	struct pick_arg	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->list, "person", NULL);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
}

/* person_page callback: one <person> of the form's pick list, with
 * open-task= and open-seq= when the person already has an unfinished
 * 退工 here (the page links to it instead of starting a second one):
 * one look-up on tuigong_idno for each person of the page only. */
static void
tg_person_pick(const struct person *p, void *arg)
{
	struct pick_arg	*a = arg;
	xmlNodePtr	 n;
	int64_t		 id;
	char		 seq[32];
	int		 rc;

	n = page_add(a->c, a->list, "person", NULL);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
	if ((rc = tuigong_open_task(a->c->s, a->c->acct.unit_id, p->idno, 0,
	    &id, seq)) < 0)
		a->failed = 1;
	else if (rc > 0) {
		page_attr_int(n, "open-task", id);
		page_attr(n, "open-seq", seq);
	}
}

/* Adds <persons q=> with one page (?page=) of the unit's 在职 persons
 * whose 姓名 or 身份证号 begins with ?q=, fn adding each, and the
 * <pager> of its links to path.  Returns 0 or -1. */
static int
tg_page_person_list(struct hall_ctx *c, const char *path,
    void (*fn)(const struct person *, void *))
{
	struct pick_arg	 a;
	struct pager	 pg;
	char		 q[PAGER_QMAX];
	int64_t		 total;

	pager_query(c, "q", q);
	if (person_count(c->s, c->acct.unit_id, q, &total) != 0)
		return -1;
	pager_set(c, &pg, total, PAGER_SIZE);
	a.c = c;
	a.list = page_add(c, NULL, "persons", NULL);
	a.failed = 0;
	page_attr(a.list, "q", q);
	if (person_page(c->s, c->acct.unit_id, q, pg.offset, pg.size, fn,
	    &a) < 0 || a.failed)
		return -1;
	return pager_xml(c, a.list, &pg, path, "q", q) == NULL ? -1 : 0;
}

/* See tuigong_page.h. */
int
tg_page_persons(struct hall_ctx *c)
{
	return tg_page_person_list(c, "/tuigong", tg_person_pick);
}

/* See tuigong_page.h. */
int
tg_page_person_links(struct hall_ctx *c)
{
	return tg_page_person_list(c, "/tuigong/timeline", tg_person_link);
}

/* See tuigong_page.h. */
void
tg_page_timeline(struct hall_ctx *c, const struct tuigong_timeline *tl)
{
	xmlNodePtr	 list, n;
	size_t		 i;

	list = page_add(c, NULL, "timeline", NULL);
	page_attr(list, "name", tl->name);
	page_attr(list, "idno", tl->idno);
	page_attr(list, "wrong-order", tl->wrong_order ? "1" : "0");
	for (i = 0; i < tl->nsteps; i++) {
		n = page_add(c, list, "step", tl->steps[i].detail);
		page_attr(n, "kind", tl->steps[i].kind);
		page_attr(n, "date", tl->steps[i].date);
		page_attr(n, "seq", tl->steps[i].seq_no);
		if (tl->steps[i].task_id > 0)
			page_attr_int(n, "task", tl->steps[i].task_id);
		if (tl->steps[i].package_id > 0)
			page_attr_int(n, "package", tl->steps[i].package_id);
		page_attr(n, "state", tl->steps[i].state);
	}
	if (tl->advice[0] != '\0')
		page_attr(page_add(c, list, "advice", tl->advice), "kind",
		    tl->wrong_order ? "error" : "warn");
}

/* Adds <duplicate id= seq=>: the unfinished 退工 a refusal or a
 * prefill names, for the page's link to it. */
void
tg_page_duplicate(struct hall_ctx *c, int64_t id, const char *seq)
{
	xmlNodePtr	 n;

	n = page_add(c, NULL, "duplicate", NULL);
	page_attr_int(n, "id", id);
	page_attr(n, "seq", seq);
}

/* The message of TG_DUPLICATE for the 业务顺序号 seq into buf. */
const char *
tg_duplicate_message(const char *seq, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "该员工已有未办结的退工登记(业务顺序号 %s),"
	    "请到首页「待办」中继续办理,不要重复登记", seq);
	return buf;
}

/* The common parts of the single-form pages.  Returns 0 or -1. */
int
tg_page_common(struct hall_ctx *c)
{
	tg_page_options(c);
	tp_add_review_days(c, NULL);
	if (tg_page_timeliness(c) != 0 || tp_add_recent(c) != 0)
		return -1;
	return 0;
}

/* Where a batch's rows go. */
struct list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* tuigong_rows callback: one <row> of the batch. */
static void
tg_batch_row(const struct tuigong_row *r, void *arg)
{
	struct list_arg	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->parent, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "reason", r->reason);
	page_attr(n, "end-date", r->end_date);
	page_attr(n, "contract-no", r->contract_no);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "settled", r->settled ? "1" : "0");
	page_attr(n, "overdue", r->overdue ? "1" : "0");
}

/* tp_business task_xml: a batch's rows, or the form's row with the
 * 社保 facts of today while it is a draft (submit reloads them too, so
 * one saved before the 减员 reads 已结清 after it), editable as the
 * form. */
int
tg_page_task(struct hall_ctx *c, const struct task *t, int batch, xmlNodePtr tn)
{
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	struct list_arg		 a;
	int			 n, rc;

	if (batch) {
		a.c = c;
		a.parent = page_add(c, NULL, "rows", NULL);
		if ((n = tuigong_rows(c->s, t->id, tg_batch_row, &a)) < 0)
			return -1;
		page_attr_int(a.parent, "count", n);
		return tg_page_timeliness(c);
	}
	if ((rc = tuigong_row_load(c->s, t->id, 0, &r)) < 0)
		return -1;
	if (rc > 0)
		memset(&r, 0, sizeof(r));
	if (rc == 0 && wf_editable(t)) {
		if (tuigong_facts(c->s, c->acct.unit_id, &r, &f) != 0)
			return -1;
		tuigong_row_apply_facts(&r, &f);
	}
	if (wf_editable(t))
		tp_begin(c, "form", "退工登记");
	tg_page_row(c, &r);
	tg_page_options(c);
	if (tg_page_comp_task(c, t->id) != 0)
		return -1;
	return tg_page_timeliness(c) != 0 || tp_add_recent(c) != 0 ? -1 : 0;
}

/* tp_business batch_xml: the reasons, the materials every batch
 * needs, the 离职及时率 and the unit's 退工 tasks. */
int
tg_page_batch(struct hall_ctx *c)
{
	page_options(c, "reason", tuigong_reason_names);
	if (tg_page_materials(c, "", 0, 1) != 0 || tg_page_timeliness(c) != 0 ||
	    tp_add_recent(c) != 0)
		return -1;
	return 0;
}

/* ---- 经济补偿 (lib/tuigong_comp.h) ---- */

/* fen as a form value, "8000.00" (no grouping), into buf[bufsz];
 * "" for 0 when !shown.  Returns buf. */
static const char *
tg_page_money(int64_t fen, int shown, char *buf, size_t bufsz)
{
	if (fen == 0 && !shown)
		buf[0] = '\0';
	else
		snprintf(buf, bufsz, "%" PRId64 ".%02d", fen / 100,
		    (int)(fen % 100));
	return buf;
}

/* See tuigong_page.h. */
xmlNodePtr
tg_page_comp(struct hall_ctx *c, const struct tg_comp *k)
{
	xmlNodePtr	 n;
	char		 buf[768], y[32];

	n = page_add(c, NULL, "compensation", NULL);
	page_attr(n, "owed", k->owed ? "1" : "0");
	page_attr(n, "computed", k->computed ? "1" : "0");
	page_attr(n, "wage", tg_page_money(k->wage_fen, 0, buf, sizeof(buf)));
	page_attr(n, "comp-paid", tg_page_money(k->paid_fen, k->paid_entered,
	    buf, sizeof(buf)));
	page_attr(n, "comp-start", k->start_entered);
	page_attr(n, "comp-basis", k->basis);
	page_attr(n, "start", k->start);
	page_attr(n, "end", k->end);
	if (k->note[0] != '\0')
		page_attr(n, "note", k->note);
	if (k->computed) {
		page_attr_int(n, "years", k->r.years);
		page_attr_int(n, "months", k->r.months);
		page_attr_int(n, "days", k->r.days);
		page_attr(n, "n", compensation_months_text(k->r.half_months,
		    buf, sizeof(buf)));
		page_attr(n, "wage-yuan", wb_yuan(k->wage_fen, y, sizeof(y)));
		page_attr(n, "wage-used", wb_yuan(k->r.wage_used_fen, y,
		    sizeof(y)));
		page_attr(n, "cap", k->r.cap_fen > 0 ? wb_yuan(k->r.cap_fen, y,
		    sizeof(y)) : "");
		page_attr(n, "avg", k->avg_fen > 0 ? wb_yuan(k->avg_fen, y,
		    sizeof(y)) : "");
		page_attr(n, "wage-capped", k->r.wage_capped ? "1" : "0");
		page_attr(n, "years-capped", k->r.years_capped ? "1" : "0");
		page_attr(n, "due", wb_yuan(k->r.amount_fen, y, sizeof(y)));
		page_attr_int(n, "due-fen", k->r.amount_fen);
		if (k->paid_entered)
			page_attr(n, "paid-yuan", wb_yuan(k->paid_fen, y,
			    sizeof(y)));
		page_add(c, n, "working", k->r.working);
	}
	if (*tg_comp_warning(k, buf, sizeof(buf)) != '\0')
		page_add(c, n, "warning", buf);
	return n;
}

/* See tuigong_page.h. */
int
tg_page_comp_task(struct hall_ctx *c, int64_t task_id)
{
	struct tg_comp	*k;
	int		 rc;

	if ((k = malloc(sizeof(*k))) == NULL)
		return -1;
	if ((rc = tg_comp_load(c->s, task_id, 0, k)) == 0) {
		page_attr(tg_page_comp(c, k), "task", "1");
	}
	free(k);
	return rc < 0 ? -1 : 0;
}

/* See tuigong_page.h. */
int
tg_page_comp_new(struct hall_ctx *c, const struct tuigong_row *r)
{
	struct tg_comp	 k;
	char		 month[8], buf[32];
	xmlNodePtr	 n;

	memset(&k, 0, sizeof(k));
	snprintf(month, sizeof(month), "%04d-%02d", c->today.year,
	    c->today.month);
	if (tg_comp_wage_known(c->s, c->acct.unit_id, r->person_id, month,
	    &k.wage_fen) != 0)
		return -1;
	n = page_add(c, NULL, "compensation", NULL);
	page_attr(n, "wage", tg_page_money(k.wage_fen, 0, buf, sizeof(buf)));
	if (k.wage_fen > 0)
		page_attr(n, "wage-from", "申报工资");
	return 0;
}

/* See tuigong_page.h. */
void
tg_page_comp_posted(struct hall_ctx *c)
{
	static const char *const names[] = { "wage", "comp_paid",
	    "comp_start", "comp_basis" };
	static const char *const attrs[] = { "wage", "comp-paid",
	    "comp-start", "comp-basis" };
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "compensation", NULL);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		v = req_get(c->r, names[i]);
		if (v != NULL && valid_text(v, 100) == VALID_OK)
			page_attr(n, attrs[i], v);
	}
}
