/*
 * chexiao_page.c: the page side of 撤销 (chexiao_page.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "employment.h"
#include "tuigong.h"
#include "taskpage.h"
#include "chexiao.h"
#include "chexiao_page.h"

/* Formats fen as yuan ("1234.50") into buf[32]. */
static const char *
cx_yuan(int64_t fen, char buf[32])
{
	snprintf(buf, 32, "%" PRId64 ".%02" PRId64, fen / 100,
	    (fen < 0 ? -fen : fen) % 100);
	return buf;
}

/* See chexiao_page.h. */
void
cx_page_options(struct hall_ctx *c)
{
	static const char *const forms[] = { "全日制", "非全日制", NULL };

	page_options(c, "reason", cx_reason_names);
	page_options(c, "fix_work_form", forms);
}

/* See chexiao_page.h. */
xmlNodePtr
cx_page_registration(struct hall_ctx *c, const struct employment *e)
{
	xmlNodePtr	 n;
	char		 buf[32];

	n = page_add(c, NULL, "registration", NULL);
	page_attr_int(n, "id", e->id);
	page_attr(n, "name", e->name);
	page_attr(n, "idno", e->idno);
	page_attr(n, "reg-type", e->reg_type);
	page_attr(n, "contract-no", e->contract_no);
	page_attr(n, "start", e->start_date);
	page_attr(n, "end", e->end_date);
	page_attr(n, "post", e->post);
	page_attr(n, "job-type", e->job_type);
	page_attr(n, "wage", cx_yuan(e->wage_fen, buf));
	page_attr(n, "work-form", e->work_form);
	page_attr(n, "hire-date", e->hire_date);
	page_attr(n, "status", e->status);
	page_attr(n, "ended", e->ended_at);
	page_attr(n, "reg-region", e->reg_region);
	page_attr(n, "registered", e->registered_at);
	if (e->revoke_task_id > 0)
		page_attr_int(n, "revoke-task", e->revoke_task_id);
	return n;
}

/* Adds one <blocker kind= id= seq=/>. */
static void
cx_blocker(struct hall_ctx *c, const char *kind, int64_t id, const char *seq)
{
	xmlNodePtr	 n;

	n = page_add(c, NULL, "blocker", NULL);
	page_attr(n, "kind", kind);
	page_attr_int(n, "id", id);
	page_attr(n, "seq", seq);
}

/* See chexiao_page.h. */
int
cx_page_blockers(struct hall_ctx *c, const struct employment *e)
{
	int64_t	 id;
	char	 seq[32];
	int	 rc;

	if ((rc = tuigong_open_task(c->s, c->acct.unit_id, e->idno, 0, &id,
	    seq)) < 0)
		return -1;
	if (rc > 0)
		cx_blocker(c, "tuigong", id, seq);
	if ((rc = cx_pending(c->s, e->id, 0, &id, seq)) < 0)
		return -1;
	if (rc > 0)
		cx_blocker(c, "chexiao", id, seq);
	return 0;
}

/* See chexiao_page.h. */
xmlNodePtr
cx_page_row(struct hall_ctx *c, const struct chexiao_row *r)
{
	xmlNodePtr	 n;
	char		 buf[32];

	n = page_add(c, NULL, "chexiao", NULL);
	page_attr_int(n, "emp", r->employment_id);
	page_attr(n, "reason", r->reason);
	page_attr(n, "explanation", r->explanation);
	page_attr(n, "handler-is-rep", r->handler_is_rep ? "1" : "0");
	page_attr(n, "handler-name", r->handler_name);
	page_attr(n, "handler-phone", r->handler_phone);
	page_attr(n, "fix-name", r->fix_name);
	page_attr(n, "fix-contract-no", r->fix_contract_no);
	page_attr(n, "fix-start", r->fix_start);
	page_attr(n, "fix-end", r->fix_end);
	page_attr(n, "fix-post", r->fix_post);
	page_attr(n, "fix-job-type", r->fix_job_type);
	page_attr(n, "fix-wage", cx_reason_of(r->reason) == CX_REASON_ERROR ?
	    cx_yuan(r->fix_wage_fen, buf) : "");
	page_attr(n, "fix-work-form", r->fix_work_form);
	if (cx_reason_of(r->reason) == CX_REASON_ERROR &&
	    r->fix_end[0] == '\0')
		page_attr(n, "fix-open-ended", "1");
	page_attr(n, "late", r->late ? "1" : "0");
	if (r->new_employment_id > 0)
		page_attr_int(n, "new-emp", r->new_employment_id);
	return n;
}

/* See chexiao_page.h. */
void
cx_page_posted(struct hall_ctx *c)
{
	static const char *const map[][2] = {
		{ "emp", "emp" }, { "reason", "reason" },
		{ "explanation", "explanation" },
		{ "handler_is_rep", "handler-is-rep" },
		{ "handler_name", "handler-name" },
		{ "handler_phone", "handler-phone" },
		{ "fix_name", "fix-name" },
		{ "fix_contract_no", "fix-contract-no" },
		{ "fix_start", "fix-start" }, { "fix_end", "fix-end" },
		{ "fix_post", "fix-post" }, { "fix_job_type", "fix-job-type" },
		{ "fix_wage", "fix-wage" },
		{ "fix_work_form", "fix-work-form" },
		{ "fix_open_ended", "fix-open-ended" },
	};
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "chexiao", NULL);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		v = req_get(c->r, map[i][0]);
		if (v != NULL && valid_text(v, 600) == VALID_OK)
			page_attr(n, map[i][1], v);
	}
}

/* Copies cx materials into taskpage ones; returns the count. */
static size_t
cx_to_tp(const struct cx_material *m, size_t k, struct tp_material *out)
{
	size_t	 i;

	for (i = 0; i < k && i < TP_MATERIALS_MAX; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].code = m[i].code;
		out[i].name = m[i].name;
		out[i].required = m[i].required;
		out[i].group = m[i].group;
		out[i].rule = m[i].group;
		out[i].words = m[i].words;
	}
	return i;
}

/* See chexiao_page.h. */
void
cx_page_materials(struct hall_ctx *c, const char *reason, int handler_is_rep)
{
	struct cx_material	 m[CX_MAX_MATERIALS];
	struct tp_material	 tp[TP_MATERIALS_MAX];
	xmlNodePtr		 list;
	size_t			 i, n;

	n = cx_to_tp(m, cx_materials(cx_reason_of(reason), handler_is_rep, m),
	    tp);
	list = tp_materials_list(c, 0);
	for (i = 0; i < n; i++)
		tp_material_add(c, list, &tp[i], 0, -1);
}

/* See chexiao_page.h. */
int
cx_page_task_materials(struct hall_ctx *c, const struct task *t, int64_t pid,
    struct tp_material *out, size_t *n)
{
	struct cx_material	 m[CX_MAX_MATERIALS];
	struct chexiao_row	 r;
	int			 rc;

	*n = 0;
	if (pid != 0)
		return 1;
	if ((rc = cx_row_load(c->s, t->id, &r)) < 0)
		return -1;
	if (rc > 0)
		return 0;
	*n = cx_to_tp(m, cx_materials(cx_reason_of(r.reason),
	    r.handler_is_rep, m), out);
	return 0;
}

/* See chexiao_page.h. */
int
cx_page_task(struct hall_ctx *c, const struct task *t, int batch,
    xmlNodePtr tn)
{
	struct chexiao_row	 r;
	struct employment	 e, ne;
	xmlNodePtr		 n;
	char			 no[40];
	int			 rc;

	(void)batch;
	if ((rc = cx_row_load(c->s, t->id, &r)) < 0)
		return -1;
	if (rc > 0)
		return 0;
	if (t->state != TASK_DRAFT && t->state != TASK_CANCELLED) {
		snprintf(no, sizeof(no), CX_PREFIX "%s", t->seq_no);
		page_attr(tn, "apply-no", no);
	}
	if ((rc = emp_load(c->s, t->unit_id, r.employment_id, &e)) < 0)
		return -1;
	if (rc == 0) {
		cx_page_registration(c, &e);
		n = page_add(c, NULL, "fixes", NULL);
		page_attr_int(n, "mask", (long long)cx_fix_changes(&e, &r));
	}
	if (r.new_employment_id > 0 && emp_load(c->s, t->unit_id,
	    r.new_employment_id, &ne) == 0) {
		n = page_add(c, NULL, "corrected", NULL);
		page_attr_int(n, "id", ne.id);
		page_attr(n, "contract-no", ne.contract_no);
		page_attr(n, "name", ne.name);
		page_attr(n, "status", ne.status);
	}
	if (wf_editable(t))
		tp_begin(c, "form", "撤销用工登记");
	cx_page_row(c, &r);
	cx_page_options(c);
	return tp_add_recent(c);
}
