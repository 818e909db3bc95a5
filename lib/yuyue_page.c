/*
 * yuyue_page.c: the pages of 办事预约; see yuyue_page.h.  Nothing of a
 * query string is echoed but a valid date; the message after a 303 is
 * one of a fixed few.
 */
#include <stdio.h>
#include <string.h>

#include "hall.h"
#include "pager.h"
#include "policy.h"
#include "yuyue.h"
#include "yuyue_page.h"

/* See yuyue_page.h. */
void
yuyue_page_begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	page_attr(c->page, "category", "qita");
}

/* The name of business code (its code when unknown). */
static const char *
yy_business_name(const char *code)
{
	const struct wf_business	*b = wf_business(code);

	return b != NULL ? b->name : code;
}

/* Adds <yuyue vip= per-slot= days-ahead= change-until-days= today=>
 * of policy p. */
static void
yy_policy_xml(struct hall_ctx *c, const struct yuyue_policy *p, int vip)
{
	xmlNodePtr	 n;
	char		 today[11];

	n = page_add(c, NULL, "yuyue", NULL);
	page_attr(n, "vip", vip ? "1" : "0");
	page_attr_int(n, "per-slot", p->per_slot);
	page_attr_int(n, "days-ahead", p->days_ahead);
	page_attr_int(n, "change-until-days", p->change_until_days);
	hdate_fmt(&c->today, today);
	page_attr(n, "today", today);
}

/* Whether booking a may be moved or cancelled today under policy p. */
static int
yy_changeable(struct hall_ctx *c, const struct appointment *a,
    const struct yuyue_policy *p)
{
	struct hdate	 d;

	return strcmp(a->state, "有效") == 0 &&
	    valid_date(a->day, &d) == VALID_OK &&
	    yuyue_changeable(&c->today, &d, p->change_until_days);
}

/* Sets the attributes of booking a on n. */
static void
yy_appt_attrs(xmlNodePtr n, const struct appointment *a)
{
	struct hdate	 d;
	char		 at[20];

	page_attr_int(n, "id", a->id);
	page_attr_int(n, "task", a->task_id);
	page_attr(n, "seq", a->seq_no);
	page_attr(n, "business", a->business);
	page_attr(n, "business-name", yy_business_name(a->business));
	page_attr(n, "day", a->day);
	if (valid_date(a->day, &d) == VALID_OK)
		page_attr(n, "weekday", yuyue_weekday(&d));
	page_attr(n, "slot", a->slot);
	page_attr(n, "state", a->state);
	page_attr(n, "task-state", a->task_state);
	page_attr(n, "moved-from", a->moved_from);
	clock_fmt(a->created_at, at);
	page_attr(n, "created", at);
}

/* What the list's callbacks need. */
struct yy_list {
	struct hall_ctx		*c;
	xmlNodePtr		 parent;
	struct yuyue_policy	 p;
	int			 failed;
};

/* yuyue_page callback: one <appointment changeable=>. */
static void
yy_add_appt(const struct appointment *a, void *arg)
{
	struct yy_list	*l = arg;
	xmlNodePtr	 n;

	n = page_add(l->c, l->parent, "appointment", NULL);
	yy_appt_attrs(n, a);
	page_attr(n, "changeable", yy_changeable(l->c, a, &l->p) &&
	    strcmp(a->task_state, "进行中") == 0 ? "1" : "0");
}

/* yuyue_task_page callback: one <task> with booking= booking-day=
 * booking-slot= of its 有效 booking.  Returns 0 or -1. */
static int
yy_add_task(int64_t task_id, void *arg)
{
	struct yy_list		*l = arg;
	struct appointment	 a;
	struct task		 t;
	xmlNodePtr		 n;
	int			 rc;

	if (wf_load(l->c->s, task_id, l->c->acct.unit_id, &t) != 0)
		return -1;
	n = page_task(l->c, l->parent, &t);
	if ((rc = yuyue_of_task(l->c->s, task_id, &a)) < 0)
		return -1;
	if (rc == 0) {
		page_attr_int(n, "booking", a.id);
		page_attr(n, "booking-day", a.day);
		page_attr(n, "booking-slot", a.slot);
	}
	return 0;
}

/* Adds the message of ?done= (one of a fixed few) or ?repeat=1. */
static void
yy_done_message(struct hall_ctx *c)
{
	static const struct {
		const char	*done;
		const char	*msg;
	} msgs[] = {
		{ "booked", "预约成功。请按预约时间携带业务材料到辖区社保经办"
		    "机构办理。" },
		{ "moved", "改约成功,请按新的预约时间前往。" },
		{ "cancelled", "预约已取消。" },
	};
	const char	*done = req_get(c->r, "done");
	const char	*repeat = req_get(c->r, "repeat");
	size_t		 i;

	if (repeat != NULL && strcmp(repeat, "1") == 0) {
		page_message(c, "ok", "该预约已办理,未重复提交");
		return;
	}
	for (i = 0; done != NULL && i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (strcmp(done, msgs[i].done) == 0)
			page_message(c, "ok", msgs[i].msg);
}

/* See yuyue_page.h. */
int
yuyue_page_list(struct hall_ctx *c)
{
	struct yy_list	 l;
	struct pager	 pg;
	char		 region[16];
	int64_t		 total;
	int		 vip, pageno;

	memset(&l, 0, sizeof(l));
	l.c = c;
	if (yuyue_unit(c->s, c->acct.unit_id, region, &vip) != 0 ||
	    yuyue_policy(c->s, region, &c->today, &l.p) != 0)
		return -1;
	yy_policy_xml(c, &l.p, vip);
	yy_done_message(c);
	if (vip)
		page_message(c, "info", "贵单位为VIP单位,提交的业务由系统自动"
		    "审核,无需到经办机构办理,不需要预约。");
	if (yuyue_count(c->s, c->acct.unit_id, &total) != 0)
		return -1;
	pager_set(c, &pg, total, YUYUE_PAGE_SIZE);
	l.parent = page_add(c, NULL, "appointments", NULL);
	if (yuyue_page(c->s, c->acct.unit_id, pg.offset, pg.size, yy_add_appt,
	    &l) < 0 || pager_xml(c, l.parent, &pg, "/yuyue", NULL, NULL) ==
	    NULL)
		return -1;
	if (vip)
		return 0;
	if (yuyue_task_count(c->s, c->acct.unit_id, &total) != 0)
		return -1;
	l.parent = page_add(c, NULL, "tasks", NULL);
	pageno = page_list_attrs(l.parent, total, page_number_param(c,
	    "tpage"), YUYUE_PAGE_SIZE);
	return yuyue_task_page(c->s, c->acct.unit_id,
	    (int64_t)(pageno - 1) * YUYUE_PAGE_SIZE, YUYUE_PAGE_SIZE,
	    yy_add_task, &l) < 0 ? -1 : 0;
}

/* Adds <days> of policy p at region's office: each day offered with
 * each slot's places, mine="1" on booking a's (NULL: none).  Returns 0
 * or -1. */
static int
yy_days_xml(struct hall_ctx *c, const char *region,
    const struct yuyue_policy *p, const struct appointment *a)
{
	struct hdate	 days[YUYUE_DAYS_MAX];
	int		 taken[YUYUE_DAYS_MAX * YUYUE_SLOTS_MAX];
	xmlNodePtr	 list, dn, sn;
	char		 day[11];
	int		 i, j, n, t, free_day;

	if (yuyue_days(c->s, p, &c->today, days, &n) != 0 ||
	    yuyue_taken(c->s, region, p, days, n, taken) != 0)
		return -1;
	list = page_add(c, NULL, "days", NULL);
	for (i = 0; i < n; i++) {
		hdate_fmt(&days[i], day);
		dn = page_add(c, list, "day", NULL);
		page_attr(dn, "date", day);
		page_attr(dn, "weekday", yuyue_weekday(&days[i]));
		for (free_day = 0, j = 0; j < p->nslots; j++) {
			t = taken[i * YUYUE_SLOTS_MAX + j];
			sn = page_add(c, dn, "slot", NULL);
			page_attr(sn, "name", p->slot[j]);
			page_attr_int(sn, "taken", t);
			page_attr_int(sn, "free", t < p->per_slot ?
			    p->per_slot - t : 0);
			if (a != NULL && strcmp(a->day, day) == 0 &&
			    strcmp(a->slot, p->slot[j]) == 0)
				page_attr(sn, "mine", "1");
			free_day += t < p->per_slot ? p->per_slot - t : 0;
		}
		page_attr_int(dn, "free", free_day);
	}
	return 0;
}

/* See yuyue_page.h. */
int
yuyue_page_book(struct hall_ctx *c, int64_t task_id)
{
	struct yuyue_policy	 p;
	struct appointment	 a;
	struct task		 t;
	xmlNodePtr		 n;
	char			 region[16];
	int			 rc, vip;

	rc = task_id > 0 ? wf_load(c->s, task_id, c->acct.unit_id, &t) : 1;
	if (rc != 0) {
		if (rc > 0)
			page_fail(c, 404, "NOT_FOUND", "未找到该业务");
		return rc < 0 ? -1 : 0;
	}
	if (yuyue_unit(c->s, c->acct.unit_id, region, &vip) != 0)
		return -1;
	if (vip) {
		page_fail(c, 409, "YY_VIP", "贵单位为VIP单位,业务由系统自动"
		    "审核,无需到经办机构办理,不需要预约");
		return 0;
	}
	if (t.state != TASK_PENDING) {
		page_fail(c, 409, "YY_TASK_STATE", t.state == TASK_DRAFT ?
		    "该业务尚未提交审批,提交审批后方可预约到经办机构办理" :
		    "该业务已办结或已退单,无需预约");
		return 0;
	}
	if (yuyue_policy(c->s, region, &c->today, &p) != 0)
		return -1;
	page_task(c, NULL, &t);
	yy_policy_xml(c, &p, 0);
	if ((rc = yuyue_of_task(c->s, task_id, &a)) < 0)
		return -1;
	if (rc == 0) {
		n = page_add(c, NULL, "booking", NULL);
		yy_appt_attrs(n, &a);
		page_attr(n, "changeable", yy_changeable(c, &a, &p) ? "1" :
		    "0");
	}
	if (yy_days_xml(c, region, &p, rc == 0 ? &a : NULL) != 0)
		return -1;
	page_form_token(c);
	return 0;
}

/* See yuyue_page.h. */
void
yuyue_page_answer(struct hall_ctx *c, enum yuyue_result r, int64_t task_id,
    const struct form_errors *errs, const char *done)
{
	char	 to[64];

	switch (r) {
	case YUYUE_OK:
		snprintf(to, sizeof(to), "/yuyue?done=%s", done);
		page_redirect(c, to);
		return;
	case YUYUE_REPEAT:
		page_redirect(c, "/yuyue?repeat=1");
		return;
	case YUYUE_NOTFOUND:
		page_fail(c, 404, "NOT_FOUND", "未找到该业务或预约");
		return;
	case YUYUE_STATE:
		if (errs->n > 0)
			page_fail(c, 409, errs->e[0].code, errs->e[0].msg);
		else
			page_fail(c, 409, "BAD_STATE", "预约状态已变化");
		return;
	case YUYUE_RULES:
		yuyue_page_begin(c, "book", "办事预约");
		if (yuyue_page_book(c, task_id) != 0) {
			page_busy(c);
			return;
		}
		if (c->status != 200)
			return;		/* the task changed meanwhile */
		page_form_errors(c, errs);
		page_message(c, "error", "预约未成功,请按提示重新选择");
		c->status = 422;
		return;
	case YUYUE_ERROR:
	case YUYUE_RESULT__MAX:
		break;
	}
	page_busy(c);
}

/* yuyue_day_page callback: one <appointment unit-name= region=>. */
static void
yy_add_desk(const struct appointment *a, void *arg)
{
	struct yy_list	*l = arg;
	xmlNodePtr	 n;

	n = page_add(l->c, l->parent, "appointment", NULL);
	yy_appt_attrs(n, a);
	page_attr(n, "unit-name", a->unit_name);
	page_attr(n, "region", a->region);
}

/* Adds <desk day= weekday= workday= prev= next= today=> of day d.
 * Returns 0 or -1. */
static int
yy_desk_xml(struct hall_ctx *c, const struct hdate *d)
{
	struct hdate	 other;
	xmlNodePtr	 n;
	char		 buf[11];
	int		 wd;

	if ((wd = workday_is(c->s, d)) < 0)
		return -1;
	n = page_add(c, NULL, "desk", NULL);
	hdate_fmt(d, buf);
	page_attr(n, "day", buf);
	page_attr(n, "weekday", yuyue_weekday(d));
	page_attr(n, "workday", wd ? "1" : "0");
	if (workdays_add(c->s, d, -1, &other) != 0)
		return -1;
	hdate_fmt(&other, buf);
	page_attr(n, "prev", buf);
	if (workdays_add(c->s, d, 1, &other) != 0)
		return -1;
	hdate_fmt(&other, buf);
	page_attr(n, "next", buf);
	hdate_fmt(&c->today, buf);
	page_attr(n, "today", buf);
	return 0;
}

/* See yuyue_page.h. */
int
yuyue_page_desk(struct hall_ctx *c)
{
	struct form_errors	 errs;
	struct yy_list		 l;
	struct pager		 pg;
	struct hdate		 d;
	const char		*s = req_get(c->r, "day");
	char			 day[11];
	int64_t			 total;

	d = c->today;
	if (s != NULL && *s != '\0' && (valid_date(s, &d) != VALID_OK ||
	    d.year < 2000 || d.year > 2099)) {
		errs.n = 0;
		form_error_add(&errs, "day", "DATE",
		    "日期不正确,请按YYYY-MM-DD填写2000年至2099年的日期");
		page_form_errors(c, &errs);
		c->status = 422;
		d = c->today;
		return yy_desk_xml(c, &d);
	}
	if (yy_desk_xml(c, &d) != 0)
		return -1;
	hdate_fmt(&d, day);
	memset(&l, 0, sizeof(l));
	l.c = c;
	if (yuyue_day_count(c->s, day, &total) != 0)
		return -1;
	pager_set(c, &pg, total, YUYUE_DESK_PAGE_SIZE);
	l.parent = page_add(c, NULL, "appointments", NULL);
	if (yuyue_day_page(c->s, day, pg.offset, pg.size, yy_add_desk, &l) < 0)
		return -1;
	return pager_xml(c, l.parent, &pg, "/yuyue/desk", "day", day) ==
	    NULL ? -1 : 0;
}

/* See yuyue_page.h. */
int
yuyue_page_next(struct hall_ctx *c)
{
	const struct wf_business	*b;
	const char			*weekday = "";
	struct appointment		 a;
	struct hdate			 d;
	xmlNodePtr			 n;
	char				 when[64];
	int				 rc, today = 0;

	if (c->acct.unit_vip)
		return 0;	/* a VIP unit's tasks never need the counter */
	if ((rc = yuyue_next(c->s, c->acct.unit_id, &c->today, &a)) != 0)
		return rc < 0 ? -1 : 0;
	b = wf_business(a.business);
	n = page_add(c, NULL, "yuyue-next", NULL);
	page_attr_int(n, "id", a.id);
	page_attr(n, "day", a.day);
	page_attr(n, "slot", a.slot);
	page_attr_int(n, "task", a.task_id);
	page_attr(n, "seq", a.seq_no);
	page_attr(n, "business-name", b != NULL ? b->name : a.business);
	/* What the 首页 shows, made here: cheaper than in the stylesheet. */
	if (valid_date(a.day, &d) == VALID_OK) {
		today = hdate_cmp(&d, &c->today) == 0;
		weekday = yuyue_weekday(&d);
	}
	snprintf(when, sizeof(when), "%s %s %s%s", a.day, weekday, a.slot,
	    today ? "(今天)" : "");
	page_attr(n, "when", when);
	page_attr(n, "today", today ? "1" : "0");
	return 0;
}
