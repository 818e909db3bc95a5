/*
 * gongzi_page.c: the page side of 个人工资变更 (gongzi_page.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "taskpage.h"
#include "gongzi.h"
#include "gongzi_page.h"

/* Sets attribute name of n to fen as "1,234.56". */
static void
gz_attr_yuan(xmlNodePtr n, const char *name, int64_t fen)
{
	char	 buf[32];

	page_attr(n, name, wb_yuan(fen, buf, sizeof(buf)));
}

/* The name of a clamp's side in the XML. */
static const char *
gz_side_name(int side)
{
	switch (side) {
	case WB_FLOOR:
		return "floor";
	case WB_CEILING:
		return "ceiling";
	case WB_WITHIN:
	default:
		return "within";
	}
}

/* See gongzi_page.h. */
xmlNodePtr
gz_page_person(struct hall_ctx *c, const struct gz_person *p)
{
	xmlNodePtr	 n;

	n = page_add(c, NULL, "person", NULL);
	page_attr_int(n, "pid", p->person_id);
	page_attr(n, "name", p->name);
	page_attr(n, "idno", p->idno);
	page_attr(n, "sb-no", p->sb_no);
	page_attr(n, "status", p->status);
	page_attr(n, "month", p->month);
	gz_attr_yuan(n, "wage", p->now.wage_fen);
	gz_attr_yuan(n, "base", p->now.base_fen);
	page_attr(n, "since", p->now.from_month);
	if (p->has_next) {
		page_attr(n, "next-month", p->next.from_month);
		gz_attr_yuan(n, "next-wage", p->next.wage_fen);
		gz_attr_yuan(n, "next-base", p->next.base_fen);
	}
	return n;
}

/* See gongzi_page.h. */
int
gz_page_bounds(struct hall_ctx *c)
{
	struct wb_clamp	 k;
	xmlNodePtr	 n;
	char		 month[8], msg[256];
	int		 rc;

	gz_effect_month(&c->today, month);
	/* Any positive wage gives the bounds. */
	if ((rc = gz_preview(c->s, c->acct.unit_id, 100, &c->today, &k)) < 0)
		return -1;
	n = page_add(c, NULL, "bounds", rc == 1 ?
	    wb_no_policy_message(atoi(month), msg, sizeof(msg)) : NULL);
	page_attr(n, "month", month);
	page_attr_int(n, "year", atoi(month));
	if (rc == 1) {
		page_attr(n, "missing", "1");
		return 0;
	}
	gz_attr_yuan(n, "avg", k.avg_fen);
	gz_attr_yuan(n, "floor", k.floor_fen);
	gz_attr_yuan(n, "ceiling", k.ceil_fen);
	page_attr_int(n, "floor-pct", k.floor_pct);
	page_attr_int(n, "ceiling-pct", k.ceil_pct);
	return 0;
}

/* See gongzi_page.h. */
int
gz_page_clamp(struct hall_ctx *c, int64_t wage_fen)
{
	struct wb_clamp	 k;
	xmlNodePtr	 n;
	char		 month[8], note[512];
	int		 rc;

	if (wage_fen <= 0)
		return 0;
	if ((rc = gz_preview(c->s, c->acct.unit_id, wage_fen, &c->today,
	    &k)) != 0)
		return rc < 0 ? -1 : 0;
	gz_effect_month(&c->today, month);
	n = page_add(c, NULL, "clamp", wb_clamp_note(&k, note, sizeof(note)));
	gz_attr_yuan(n, "wage", k.wage_fen);
	gz_attr_yuan(n, "base", k.base_fen);
	page_attr(n, "side", gz_side_name(k.side));
	page_attr(n, "month", month);
	return 0;
}

/* See gongzi_page.h. */
xmlNodePtr
gz_page_row(struct hall_ctx *c, const struct gongzi_row *r)
{
	xmlNodePtr	 n;
	char		 buf[32];

	n = page_add(c, NULL, "gongzi", NULL);
	page_attr_int(n, "pid", r->person_id);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "sb-no", r->sb_no);
	gz_attr_yuan(n, "old-wage", r->old_wage_fen);
	gz_attr_yuan(n, "old-base", r->old_base_fen);
	/* The form's value: no thousands separators. */
	snprintf(buf, sizeof(buf), "%" PRId64 ".%02" PRId64,
	    r->wage_fen / 100, r->wage_fen % 100);
	page_attr(n, "wage-input", buf);
	gz_attr_yuan(n, "wage", r->wage_fen);
	if (r->base_fen > 0) {
		gz_attr_yuan(n, "base", r->base_fen);
		page_attr(n, "from", r->from_month);
		page_attr(n, "side", gz_side_name(r->side));
		page_attr(n, "note", r->note);
	}
	return n;
}

/* See gongzi_page.h. */
void
gz_page_posted(struct hall_ctx *c)
{
	const char	*pid = req_get(c->r, "pid");
	const char	*wage = req_get(c->r, "wage");
	xmlNodePtr	 n;

	n = page_add(c, NULL, "gongzi", NULL);
	if (pid != NULL && valid_text(pid, 20) == VALID_OK)
		page_attr(n, "pid", pid);
	if (wage != NULL && valid_text(wage, 20) == VALID_OK)
		page_attr(n, "wage-input", wage);
}

/* See gongzi_page.h. */
int
gz_page_task(struct hall_ctx *c, const struct task *t, int batch,
    xmlNodePtr tn)
{
	struct gongzi_row	 r;
	struct gz_person	 p;
	int			 rc;

	(void)batch;
	(void)tn;
	if ((rc = gz_row_load(c->s, t->id, &r)) < 0)
		return -1;
	if (rc > 0)
		return 0;
	page_attr(tn, "auto-review", "1");
	gz_page_row(c, &r);
	if (!wf_editable(t))
		return 0;
	/* A draft: the bases now and what approving it today would make. */
	if ((rc = gz_person_load(c->s, t->unit_id, r.person_id, &c->today,
	    &p)) < 0)
		return -1;
	if (rc != 1)
		gz_page_person(c, &p);
	if (gz_page_bounds(c) != 0 || gz_page_clamp(c, r.wage_fen) != 0)
		return -1;
	return 0;
}
