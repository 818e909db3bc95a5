/*
 * oversight_page.c: the pages of the unit's 监管; see oversight_page.h.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hall.h"
#include "log.h"
#include "oversight.h"
#include "oversight_page.h"
#include "tmpout.h"
#include "pager.h"
#include "receipt.h"
#include "timeliness.h"
#include "workflow.h"

#define OVP_XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The months of the charts. */
#define OVP_MONTHS	12

/* Sets a per-mille rate as a percentage with one decimal ("" none). */
static void
ovp_attr_rate(xmlNodePtr n, int rate)
{
	char	 buf[16];

	if (rate < 0) {
		page_attr(n, "rate", "");
		page_attr(n, "pct", "");
		return;
	}
	page_attr_int(n, "rate", rate);
	snprintf(buf, sizeof(buf), "%d.%d", rate / 10, rate % 10);
	page_attr(n, "pct", buf);
}

/* Sets the counts of f on n. */
static void
ovp_attr_figures(xmlNodePtr n, const struct tl_figures *f)
{
	page_attr_int(n, "on-time", f->on_time);
	page_attr_int(n, "late", f->late);
	page_attr_int(n, "pending", f->pending);
	ovp_attr_rate(n, f->rate);
}

/* Adds <timeliness kind= title= days=> with 12 <month>s and the sum.
 * Returns 0 or -1. */
static int
ovp_timeliness(struct hall_ctx *c, enum tl_kind k)
{
	struct tl_figures	 m[OVP_MONTHS], sum;
	xmlNodePtr		 n, e;
	char			 last[8];
	int			 i;

	snprintf(last, sizeof(last), "%04d-%02d", c->today.year,
	    c->today.month);
	if (timeliness_months(c->s, c->acct.unit_id, k, last, OVP_MONTHS,
	    m) != 0)
		return -1;
	memset(&sum, 0, sizeof(sum));
	n = page_add(c, NULL, "timeliness", NULL);
	page_attr(n, "kind", tl_kind_names[k]);
	page_attr(n, "title", k == TL_TUIGONG ? "离职及时率(退工登记15日内)" :
	    "用工备案及时率(用工之日起30日内)");
	page_attr(n, "from", m[0].period);
	page_attr(n, "to", last);
	for (i = 0; i < OVP_MONTHS; i++) {
		e = page_add(c, n, "month", NULL);
		page_attr(e, "period", m[i].period);
		page_attr(e, "mm", m[i].period + 5);
		ovp_attr_figures(e, &m[i]);
		sum.on_time += m[i].on_time;
		sum.late += m[i].late;
		sum.pending += m[i].pending;
	}
	sum.rate = sum.on_time + sum.late > 0 ?
	    (int)(sum.on_time * 1000 / (sum.on_time + sum.late)) : -1;
	ovp_attr_figures(n, &sum);
	return 0;
}

/* Where the open work goes. */
struct ovp_work {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* oversight_open_work callback: one <work>. */
static void
ovp_work_one(void *arg, const char *business, const char *state,
    int64_t count, time_t oldest)
{
	struct ovp_work			*w = arg;
	const struct wf_business	*b = wf_business(business);
	struct hdate			 d;
	xmlNodePtr			 n;

	n = page_add(w->c, w->parent, "work", NULL);
	page_attr(n, "business", business);
	page_attr(n, "name", b != NULL ? b->name : business);
	page_attr(n, "path", b != NULL && b->path != NULL ? b->path : "");
	page_attr(n, "state", state);
	page_attr_int(n, "count", count);
	clock_date(oldest, &d);
	page_attr_int(n, "days", hdate_diff(&d, &w->c->today));
}

/* Where a list's lines go. */
struct ovp_rows {
	struct hall_ctx			*c;
	xmlNodePtr			 parent;
	const struct ov_list_def	*def;
};

/* oversight_rows callback: one <row> with an attribute per column and
 * href= the business that fixes it. */
static void
ovp_row(void *arg, const struct ov_row *r)
{
	struct ovp_rows	*a = arg;
	xmlNodePtr	 n;
	char		 buf[64], href[96];
	size_t		 i;

	n = page_add(a->c, a->parent, "row", NULL);
	for (i = 0; i < a->def->ncols; i++)
		page_attr(n, a->def->col_key[i], ov_row_value(r,
		    a->def->col_key[i], buf, sizeof(buf)));
	if (a->def->fix_sfzh && r->idno[0] != '\0')
		snprintf(href, sizeof(href), "%s?sfzh=%s", a->def->fix_path,
		    r->idno);
	else
		snprintf(href, sizeof(href), "%s", a->def->fix_path);
	page_attr(n, "href", href);
	if (r->source[0] != '\0')
		page_attr(n, "source", r->source);
}

/* Adds <list name= section= title= fix-label= total=> with its <col>s
 * to parent.  Returns it, or NULL. */
static xmlNodePtr
ovp_list_head(struct hall_ctx *c, xmlNodePtr parent, enum ov_list l,
    int64_t total)
{
	const struct ov_list_def	*def = &ov_lists[l];
	xmlNodePtr			 n, col;
	size_t				 i;

	n = page_add(c, parent, "list", NULL);
	page_attr(n, "name", def->name);
	page_attr(n, "section", def->section);
	page_attr(n, "title", def->title);
	page_attr(n, "fix-label", def->fix_label);
	page_attr_int(n, "total", total);
	if (total >= OV_COUNT_CAP)
		page_attr(n, "capped", "1");
	for (i = 0; i < def->ncols; i++) {
		col = page_add(c, n, "col", def->col_label[i]);
		page_attr(col, "key", def->col_key[i]);
	}
	return n;
}

/* Adds each list's total and first lines.  Returns 0 or -1. */
static int
ovp_lists(struct hall_ctx *c, const struct ov_ctx *ctx)
{
	struct ovp_rows	 a;
	xmlNodePtr	 lists;
	int64_t		 total;
	int		 l;

	lists = page_add(c, NULL, "lists", NULL);
	page_attr_int(lists, "warn-days", ctx->warn_days);
	page_attr(lists, "stopped-before", ctx->stopped_before);
	for (l = 0; l < OV_LIST__MAX; l++) {
		if (oversight_count(c->s, ctx, (enum ov_list)l, &total) != 0)
			return -1;
		a.c = c;
		a.def = &ov_lists[l];
		a.parent = ovp_list_head(c, lists, (enum ov_list)l, total);
		if (total > 0 && oversight_rows(c->s, ctx, (enum ov_list)l, 0,
		    OVP_PREVIEW, ovp_row, &a) < 0)
			return -1;
	}
	return 0;
}

/* See oversight_page.h. */
int
oversight_page_index(struct hall_ctx *c)
{
	struct ovp_work	 w;
	struct ov_ctx	 ctx;
	int		 sent = 0;

	/* The warnings are the clerk's: an HR system's read-only
	 * integration account reading the page sends none. */
	if (oversight_ctx(c->s, c->acct.unit_id, &c->today, &ctx) != 0 ||
	    (!c->integ && oversight_warn(c->s, &ctx, clock_now(), &sent) != 0))
		return -1;
	if (sent > 0) {
		char	 msg[128];

		snprintf(msg, sizeof(msg), "已向消息中心发送%d条办理期限预警", sent);
		page_message(c, "info", msg);
	}
	if (ovp_timeliness(c, TL_TUIGONG) != 0 ||
	    ovp_timeliness(c, TL_YONGGONG) != 0)
		return -1;
	w.c = c;
	w.parent = page_add(c, NULL, "open-work", NULL);
	if (oversight_open_work(c->s, c->acct.unit_id, ovp_work_one, &w) < 0)
		return -1;
	return ovp_lists(c, &ctx);
}

/* The list of ?name=, answering 404 when there is none.  Returns it,
 * or OV_LIST__MAX (answered). */
static enum ov_list
ovp_list_param(struct hall_ctx *c)
{
	enum ov_list	 l = ov_list_of(req_get(c->r, "name"));

	if (l == OV_LIST__MAX)
		page_fail(c, 404, "NOT_FOUND", "没有该监管清单");
	return l;
}

/* See oversight_page.h. */
int
oversight_page_list(struct hall_ctx *c)
{
	struct ovp_rows	 a;
	struct ov_ctx	 ctx;
	struct pager	 pg;
	enum ov_list	 l;
	int64_t		 total;

	if ((l = ovp_list_param(c)) == OV_LIST__MAX)
		return 0;
	if (oversight_ctx(c->s, c->acct.unit_id, &c->today, &ctx) != 0 ||
	    timeliness_sweep(c->s, c->acct.unit_id, &c->today, 500) < 0 ||
	    oversight_count(c->s, &ctx, l, &total) != 0)
		return -1;
	page_view(c, "list", ov_lists[l].title);
	pager_set(c, &pg, total, OVP_PAGE);
	a.c = c;
	a.def = &ov_lists[l];
	a.parent = ovp_list_head(c, NULL, l, total);
	if (pager_xml(c, a.parent, &pg, "/jianguan/list", "name",
	    ov_lists[l].name) == NULL)
		return -1;
	return oversight_rows(c->s, &ctx, l, (int)pg.offset, OVP_PAGE,
	    ovp_row, &a) < 0 ? -1 : 0;
}

/* What oversight_page_xlsx has oversight_xlsx write. */
struct ovp_out {
	struct store		*s;
	const struct ov_ctx	*ctx;
	enum ov_list		 l;
	const char		*unit;
};

/* tmpout_fn: list l of arg (struct ovp_out) as .xlsx into path.
 * Returns 0 or -1. */
static int
ovp_out(const char *path, const char *tmpdir, void *arg)
{
	const struct ovp_out	*o = arg;

	return oversight_xlsx(o->s, o->ctx, o->l, o->unit, path, tmpdir) < 0 ?
	    -1 : 0;
}

/* See oversight_page.h. */
int
oversight_page_xlsx(struct hall_ctx *c)
{
	struct ov_ctx	 ctx;
	struct ovp_out	 o;
	enum ov_list	 l;
	char		 unit[512], day[11];

	if ((l = ovp_list_param(c)) == OV_LIST__MAX)
		return 0;
	if (oversight_ctx(c->s, c->acct.unit_id, &c->today, &ctx) != 0 ||
	    timeliness_sweep(c->s, c->acct.unit_id, &c->today, 500) < 0 ||
	    receipt_unit_name(c->s, c->acct.unit_id, unit, sizeof(unit)) != 0)
		return -1;
	o = (struct ovp_out){ c->s, &ctx, l, unit };
	if (tmpout_bytes("jianguan", ovp_out, &o, &c->file, &c->filesz) != 0)
		return -1;
	c->file_owned = 1;
	hdate_fmt(&c->today, day);
	snprintf(c->file_name, sizeof(c->file_name), "监管清单-%s-%s.xlsx",
	    ov_lists[l].title, day);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", OVP_XLSX_TYPE);
	return 0;
}
