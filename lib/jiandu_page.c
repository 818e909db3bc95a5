/*
 * jiandu_page.c: the pages of the office's 监管 (cgi-bin/jiandu): the
 * figures of lib/jiandu.c, lib/timeliness.c and lib/yuyue.c laid out
 * as XML; see jiandu_page.h and docs/HTTP.md.
 */
#include <stdio.h>
#include <string.h>

#include "hall.h"
#include "jiandu.h"
#include "jiandu_page.h"
#include "pager.h"
#include "policy.h"
#include "timeliness.h"
#include "yuyue.h"

#define JD_QUEUE_PAGE	20	/* tasks of the queue a page (the whole
				 * queue is paged on /review too) */
#define JD_RETURNS_TOP	10	/* reasons on the overview */
#define JD_RETURNS_PAGE	50	/* reasons a page of /jiandu/returns */
#define JD_APPTS_TOP	10	/* the day's appointments on the overview */
#define JD_UNITS_TOP	10	/* units of the ranking on the overview */
#define JD_UNITS_PAGE	50	/* units a page of /jiandu/units */

/* What the list callbacks need: where to add, and the queue's lines
 * (for a task's due date, with the last one computed kept). */
struct jd_arg {
	struct hall_ctx			*c;
	xmlNodePtr			 parent;
	const struct jd_queue_line	*lines;
	int				 n;
	long				 last_day;	/* submission day cached */
	const char			*last_code;
	struct hdate			 last_due;
};

/* Formats d as "YYYY-MM-DD" into buf[11]. */
static void
fmt_day(const struct hdate *d, char buf[11])
{
	hdate_fmt(d, buf);
}

/* The due date of t by its business's line, into out (the last one
 * computed when the same business and day).  Returns 0, or -1 when it
 * has no line or on error. */
static int
task_due(struct jd_arg *a, const struct task *t, struct hdate *out)
{
	struct hdate	 d;
	int		 i;

	clock_date(t->submitted_at, &d);
	if (a->last_code != NULL && strcmp(a->last_code, t->business) == 0 &&
	    a->last_day == hdate_to_days(&d)) {
		*out = a->last_due;
		return 0;
	}
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->lines[i].p.b->code, t->business) != 0)
			continue;
		if (jd_due(a->c->s, &a->lines[i].p, t->submitted_at, out) != 0)
			return -1;
		a->last_code = a->lines[i].p.b->code;
		a->last_day = hdate_to_days(&d);
		a->last_due = *out;
		return 0;
	}
	return -1;
}

/* jd_queue_page callback: a <task unit-name= overdue-review= due=
 * late-days=> (late-days: calendar days since the due date). */
static void
add_task(const struct task *t, const char *unit_name, int overdue, void *arg)
{
	struct jd_arg	*a = arg;
	struct hdate	 due;
	xmlNodePtr	 n;
	char		 buf[11];
	long		 late;

	n = page_task(a->c, a->parent, t);
	page_attr(n, "unit-name", unit_name);
	page_attr(n, "overdue-review", overdue ? "1" : "0");
	if (task_due(a, t, &due) != 0)
		return;		/* no line (a business since removed): no due */
	fmt_day(&due, buf);
	page_attr(n, "due", buf);
	late = hdate_diff(&due, &a->c->today);
	page_attr_int(n, "late-days", overdue && late > 0 ? late : 0);
}

/* Adds <queue total= fresh= within= overdue= today=> with a <business>
 * per line into lines[JD_MAX_BUSINESSES] (*n of them).  Returns 0 or
 * -1. */
static int
add_queue(struct hall_ctx *c, struct jd_queue_line *lines, int *n)
{
	xmlNodePtr	 q, b;
	int64_t		 total = 0, fresh = 0, within = 0, overdue = 0;
	char		 buf[11];
	int		 i;

	if (jd_queue(c->s, JD_REGION, &c->today, lines, JD_MAX_BUSINESSES,
	    n) != 0)
		return -1;
	q = page_add(c, NULL, "queue", NULL);
	for (i = 0; i < *n; i++) {
		b = page_add(c, q, "business", NULL);
		page_attr(b, "code", lines[i].p.b->code);
		page_attr(b, "name", lines[i].p.b->name);
		page_attr_int(b, "days-min", lines[i].p.days_min);
		page_attr_int(b, "days-max", lines[i].p.days_max);
		fmt_day(&lines[i].p.cut_min, buf);
		page_attr(b, "cut-min", buf);
		fmt_day(&lines[i].p.cut_max, buf);
		page_attr(b, "cut-max", buf);
		page_attr_int(b, "total", lines[i].total);
		page_attr_int(b, "fresh", lines[i].fresh);
		page_attr_int(b, "within", lines[i].within);
		page_attr_int(b, "overdue", lines[i].overdue);
		total += lines[i].total;
		fresh += lines[i].fresh;
		within += lines[i].within;
		overdue += lines[i].overdue;
	}
	page_attr_int(q, "total", total);
	page_attr_int(q, "fresh", fresh);
	page_attr_int(q, "within", within);
	page_attr_int(q, "overdue", overdue);
	fmt_day(&c->today, buf);
	page_attr(q, "today", buf);
	return 0;
}

/* Adds <waiting total= overdue=> with a page of the queue, overdue
 * first, and its <pager>.  Returns 0 or -1. */
static int
add_waiting(struct hall_ctx *c, const struct jd_queue_line *lines, int n)
{
	struct jd_arg	 a;
	struct pager	 pg;
	int64_t		 total = 0, overdue = 0;
	int		 i;

	for (i = 0; i < n; i++) {
		total += lines[i].total;
		overdue += lines[i].overdue;
	}
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.lines = lines;
	a.n = n;
	a.parent = page_add(c, NULL, "waiting", NULL);
	page_attr_int(a.parent, "total", total);
	page_attr_int(a.parent, "overdue", overdue);
	pager_set(c, &pg, total, JD_QUEUE_PAGE);
	if (jd_queue_page(c->s, lines, n, pg.offset, pg.size, add_task,
	    &a) < 0)
		return -1;
	return pager_xml(c, a.parent, &pg, "/jiandu", NULL, NULL) == NULL ?
	    -1 : 0;
}

/* Reads ?month=YYYY-MM into month[8] (this month when absent).  A bad
 * one is 422 with the error on month, and this month is shown. */
static void
read_month(struct hall_ctx *c, char month[8])
{
	const char		*s = req_get(c->r, "month");
	struct form_errors	 errs;
	struct hdate		 d;

	snprintf(month, 8, "%04d-%02d", c->today.year % 10000,
	    c->today.month % 100);
	if (s == NULL || *s == '\0')
		return;
	if (strlen(s) == 7 && valid_month(s, &d) == VALID_OK &&
	    d.year >= 2000 && d.year <= 2099) {
		snprintf(month, 8, "%04d-%02d", d.year, d.month);
		return;
	}
	errs.n = 0;
	form_error_add(&errs, "month", "BAD_MONTH",
	    "月份不正确,请按YYYY-MM填写2000年至2099年的月份");
	page_form_errors(c, &errs);
	page_message(c, "error", "月份不正确,已显示本月");
	c->status = 422;
}

/* The month next to month ("YYYY-MM") by step (-1, 1) into out[8]. */
static void
month_step(const char *month, int step, char out[8])
{
	int	 y = 2000, m = 1;

	(void)sscanf(month, "%4d-%2d", &y, &m);
	m += step;
	if (m < 1) {
		m = 12;
		y--;
	} else if (m > 12) {
		m = 1;
		y++;
	}
	snprintf(out, 8, "%04d-%02d", y, m);
}

/* jd_returns_page callback: a <reason n= tasks= persons=>text. */
static void
add_reason(const char *reason, int64_t n, int64_t tasks, int64_t persons,
    void *arg)
{
	struct jd_arg	*a = arg;
	xmlNodePtr	 r;

	r = page_add(a->c, a->parent, "reason", reason);
	page_attr_int(r, "n", n);
	page_attr_int(r, "tasks", tasks);
	page_attr_int(r, "persons", persons);
}

/* Adds <returns month= prev= next= tasks= persons= reasons=> with the
 * month's reasons [offset, offset + limit); the node into *out.
 * Returns 0 or -1. */
static int
add_returns(struct hall_ctx *c, const char *month, int64_t offset,
    int limit, xmlNodePtr *out)
{
	struct jd_returns	 r;
	struct jd_arg		 a;
	char			 other[8];

	if (jd_returns_month(c->s, month, &r) != 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.parent = *out = page_add(c, NULL, "returns", NULL);
	page_attr(a.parent, "month", month);
	month_step(month, -1, other);
	page_attr(a.parent, "prev", other);
	month_step(month, 1, other);
	page_attr(a.parent, "next", other);
	page_attr_int(a.parent, "tasks", r.tasks);
	page_attr_int(a.parent, "persons", r.persons);
	page_attr_int(a.parent, "reasons", r.reasons);
	return jd_returns_page(c->s, month, offset, limit, add_reason, &a) < 0 ?
	    -1 : 0;
}

/* yuyue_day_page callback: one <appointment> of the day. */
static void
add_appt(const struct appointment *ap, void *arg)
{
	struct jd_arg			*a = arg;
	const struct wf_business	*b = wf_business(ap->business);
	xmlNodePtr			 n;

	n = page_add(a->c, a->parent, "appointment", NULL);
	page_attr_int(n, "id", ap->id);
	page_attr_int(n, "task", ap->task_id);
	page_attr(n, "seq", ap->seq_no);
	page_attr(n, "business", ap->business);
	page_attr(n, "business-name", b != NULL ? b->name : ap->business);
	page_attr(n, "slot", ap->slot);
	page_attr(n, "task-state", ap->task_state);
	page_attr(n, "unit-name", ap->unit_name);
	page_attr(n, "region", ap->region);
}

/* Adds <appointments day= total= shown=> with the day's first
 * JD_APPTS_TOP bookings (yuyue.c, by office and slot).  Returns 0 or
 * -1. */
static int
add_appointments(struct hall_ctx *c)
{
	struct jd_arg	 a;
	int64_t		 total;
	char		 day[11];
	int		 k;

	fmt_day(&c->today, day);
	if (yuyue_day_count(c->s, day, &total) != 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.parent = page_add(c, NULL, "appointments", NULL);
	page_attr(a.parent, "day", day);
	page_attr(a.parent, "weekday", yuyue_weekday(&c->today));
	page_attr_int(a.parent, "total", total);
	if ((k = yuyue_day_page(c->s, day, 0, JD_APPTS_TOP, add_appt,
	    &a)) < 0)
		return -1;
	page_attr_int(a.parent, "shown", k);
	return 0;
}

/* Reads ?period= (a year YYYY or a month YYYY-MM; this year when
 * absent) into period[8].  A bad one is 422 with the error on period,
 * and this year is shown. */
static void
read_period(struct hall_ctx *c, char period[8])
{
	const char		*s = req_get(c->r, "period");
	struct form_errors	 errs;
	struct hdate		 d;

	snprintf(period, 8, "%04d", c->today.year % 10000);
	if (s == NULL || *s == '\0')
		return;
	if (strlen(s) == 4 && strspn(s, "0123456789") == 4 &&
	    strcmp(s, "2000") >= 0 && strcmp(s, "2099") <= 0) {
		snprintf(period, 8, "%s", s);
		return;
	}
	if (strlen(s) == 7 && valid_month(s, &d) == VALID_OK &&
	    d.year >= 2000 && d.year <= 2099) {
		snprintf(period, 8, "%04d-%02d", d.year, d.month);
		return;
	}
	errs.n = 0;
	form_error_add(&errs, "period", "BAD_PERIOD",
	    "统计期间不正确,请填写年份(如2026)或月份(如2026-11)");
	page_form_errors(c, &errs);
	page_message(c, "error", "统计期间不正确,已显示本年");
	c->status = 422;
}

/* The period before (step -1) or after (1) period, a year or a month,
 * into out[8]. */
static void
period_step(const char *period, int step, char out[8])
{
	int	 y = 2000;

	if (strlen(period) == 7) {
		month_step(period, step, out);
		return;
	}
	(void)sscanf(period, "%4d", &y);
	snprintf(out, 8, "%04d", y + step);
}

/* What the ranking's callback needs. */
struct jd_rank_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
	int64_t		 rank;		/* of the last unit added */
	int		 failed;
};

/* timeliness_rank callback: a <unit id= name= rank= on-time= late=
 * pending= rate= pct=> (rate in ‰; pct as "93.5"). */
static void
add_ranked(void *arg, int64_t unit_id, const struct tl_figures *f)
{
	struct jd_rank_arg	*a = arg;
	xmlNodePtr		 n;
	char			 name[256], pct[16];

	if (jd_unit_name(a->c->s, unit_id, name, sizeof(name)) != 0)
		a->failed = 1;
	n = page_add(a->c, a->parent, "unit", NULL);
	page_attr_int(n, "id", unit_id);
	page_attr(n, "name", name);
	page_attr_int(n, "rank", ++a->rank);
	page_attr_int(n, "on-time", f->on_time);
	page_attr_int(n, "late", f->late);
	page_attr_int(n, "pending", f->pending);
	page_attr_int(n, "rate", f->rate);
	if (f->rate >= 0) {
		snprintf(pct, sizeof(pct), "%d.%d", f->rate / 10, f->rate % 10);
		page_attr(n, "pct", pct);
	}
}

/* Adds <ranking kind="tuigong" period= prev= next= order= total=> with
 * the units [offset, offset + limit) ranked by 离职及时率, worst first
 * unless best; the node into *out.  Returns 0 or -1. */
static int
add_ranking(struct hall_ctx *c, const char *period, int best, int64_t offset,
    int limit, int64_t *total, xmlNodePtr *out)
{
	struct jd_rank_arg	 a;
	char			 other[8];

	if (timeliness_rank_count(c->s, TL_TUIGONG, period, total) != 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.rank = offset;
	a.parent = *out = page_add(c, NULL, "ranking", NULL);
	page_attr(a.parent, "kind", tl_kind_names[TL_TUIGONG]);
	page_attr(a.parent, "period", period);
	period_step(period, -1, other);
	page_attr(a.parent, "prev", other);
	period_step(period, 1, other);
	page_attr(a.parent, "next", other);
	page_attr(a.parent, "order", best ? "best" : "worst");
	page_attr_int(a.parent, "total", *total);
	if (offset >= *total || limit < 1)
		return 0;
	if (timeliness_rank(c->s, TL_TUIGONG, period, !best, (int)offset,
	    limit, add_ranked, &a) < 0 || a.failed)
		return -1;
	return 0;
}

/* See jiandu_page.h. */
void
jiandu_page_index(struct hall_ctx *c)
{
	struct jd_queue_line	 lines[JD_MAX_BUSINESSES];
	xmlNodePtr		 r;
	int64_t			 total;
	char			 month[8], period[8];
	int			 n;

	page_view(c, "index", "监管");
	page_attr(c->page, "category", "review");
	read_month(c, month);
	read_period(c, period);
	if (add_queue(c, lines, &n) != 0 || add_waiting(c, lines, n) != 0 ||
	    add_ranking(c, period, 0, 0, JD_UNITS_TOP, &total, &r) != 0 ||
	    add_returns(c, month, 0, JD_RETURNS_TOP, &r) != 0 ||
	    add_appointments(c) != 0)
		page_busy(c);
}

/* See jiandu_page.h. */
void
jiandu_page_returns(struct hall_ctx *c)
{
	struct jd_returns	 r;
	struct pager		 pg;
	xmlNodePtr		 n;
	char			 month[8];

	page_view(c, "returns", "回退原因统计");
	page_attr(c->page, "category", "review");
	read_month(c, month);
	if (jd_returns_month(c->s, month, &r) != 0)
		goto busy;
	pager_set(c, &pg, r.reasons, JD_RETURNS_PAGE);
	if (add_returns(c, month, pg.offset, pg.size, &n) != 0 ||
	    pager_xml(c, n, &pg, "/jiandu/returns", "month", month) == NULL)
		goto busy;
	return;
busy:
	page_busy(c);
}

/* See jiandu_page.h. */
void
jiandu_page_units(struct hall_ctx *c)
{
	const char	*order = req_get(c->r, "order");
	struct pager	 pg;
	xmlNodePtr	 n;
	int64_t		 total;
	char		 period[8], base[64];
	int		 best = order != NULL && strcmp(order, "best") == 0;

	page_view(c, "units", "离职及时率排名");
	page_attr(c->page, "category", "review");
	read_period(c, period);
	if (timeliness_rank_count(c->s, TL_TUIGONG, period, &total) != 0)
		goto busy;
	pager_set(c, &pg, total, JD_UNITS_PAGE);
	if (add_ranking(c, period, best, pg.offset, pg.size, &total,
	    &n) != 0)
		goto busy;
	/* The links keep the period and the order (period is checked:
	 * digits and "-" only). */
	snprintf(base, sizeof(base), "/jiandu/units?period=%s&order=%s&",
	    period, best ? "best" : "worst");
	if ((n = pager_xml(c, n, &pg, "/jiandu/units", "period", period)) ==
	    NULL)
		goto busy;
	page_attr(n, "base", base);
	return;
busy:
	page_busy(c);
}
