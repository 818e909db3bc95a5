/*
 * nianbao_page.c: the page side of 年度缴费工资申报 (nianbao_page.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "hall.h"
#include "nianbao.h"
#include "nianbao_page.h"
#include "pager.h"
#include "taskpage.h"
#include "text.h"
#include "wagebase.h"

/* The declaration the program serves. */
static const struct nianbao_kind *
nb_kind(void)
{
	return nianbao_kind_of(tp_business()->wf->code);
}

/* Formats fen as yuan ("6000.00") into buf[32]; "" for 0. */
static void
nb_yuan(int64_t fen, char buf[32])
{
	if (fen <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%" PRId64 ".%02" PRId64, fen / 100,
		    fen % 100);
}

/* See nianbao_page.h. */
int
nb_page_window(struct hall_ctx *c, int *open)
{
	struct nianbao_window	 w;
	xmlNodePtr		 n;
	char			 region[16], msg[256];

	if (nianbao_unit_region(c->s, c->acct.unit_id, region) != 0 ||
	    nianbao_window(c->s, region, &c->today, &w) != 0)
		return -1;
	n = page_add(c, NULL, "nianbao-window",
	    nianbao_window_message(&w, msg, sizeof(msg)));
	page_attr(n, "open", w.open ? "1" : "0");
	if (w.year > 0) {
		page_attr_int(n, "year", w.year);
		page_attr(n, "from", w.from);
		page_attr(n, "to", w.to);
	}
	if (open != NULL)
		*open = w.open;
	return 0;
}

/* See nianbao_page.h. */
void
nb_page_posted(struct hall_ctx *c)
{
	static const char *const map[][2] = {
		{ "sfzh", "sfzh" }, { "name", "name" }, { "nb_wage", "wage" },
		{ "nb_remark", "remark" },
	};
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "nianbao", NULL);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		v = req_get(c->r, map[i][0]);
		if (v != NULL && valid_text(v, 100) == VALID_OK)
			page_attr(n, map[i][1], v);
	}
}

/* The materials of a declaration: the 申报表, required.  Returns the
 * number written to out. */
static size_t
nb_materials_of(struct tp_material *out)
{
	const struct material	*m = attach_material(NB_MAT_SHENBAOBIAO);

	memset(out, 0, sizeof(*out));
	out->code = NB_MAT_SHENBAOBIAO;
	out->name = m != NULL ? m->name : NB_MAT_SHENBAOBIAO;
	out->required = 1;
	out->words = "打印本次申报明细并加盖单位公章后扫描上传(PDF或JPG)";
	return 1;
}

/* See nianbao_page.h. */
int
nb_page_materials(struct hall_ctx *c, const struct task *t, int64_t pid,
    struct tp_material *out, size_t *n)
{
	*n = pid == 0 ? nb_materials_of(out) : 0;
	return 0;
}

/* The window, the materials and the unit's declarations of the form
 * and batch pages.  Returns 0 or -1. */
static int
nb_page_frame(struct hall_ctx *c)
{
	struct tp_material	 m;
	xmlNodePtr		 list;

	nb_materials_of(&m);
	list = tp_materials_list(c, 0);
	tp_material_add(c, list, &m, 0, -1);
	if (nb_page_window(c, NULL) != 0 || tp_add_recent(c) != 0)
		return -1;
	return 0;
}

/* See nianbao_page.h. */
int
nb_page_common(struct hall_ctx *c)
{
	tp_add_review_days(c, NULL);
	return nb_page_frame(c);
}

/* Where rows go. */
struct nb_list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
	struct nianbao_preview preview;	/* rows: the bases while pending */
};

/* nianbao_rows_page callback: one <row>. */
static void
nb_page_row(const struct nianbao_row *r, void *arg)
{
	struct nb_list_arg	*a = arg;
	xmlNodePtr		 n;
	int64_t			 base;
	char			 buf[32];

	n = page_add(a->c, a->parent, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr_int(n, "year", r->year);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "sb-no", r->sb_no);
	nb_yuan(r->wage_fen, buf);
	page_attr(n, "wage", buf);
	nb_yuan(r->prev_fen, buf);
	page_attr(n, "prev", buf);
	page_attr(n, "remark", r->remark);
	nb_yuan(r->base_fen, buf);
	page_attr(n, "base", buf);
	if (r->base_fen == 0 &&
	    (base = nianbao_preview(&a->preview, r->wage_fen)) > 0) {
		nb_yuan(base, buf);
		page_attr(n, "base-preview", buf);
	}
}

/* Adds <rows total= page= pages= per-page= [idno=]>: the rows of
 * ?idno= (a search by 身份证号), else page ?rpage= of them.  *year
 * receives the task's year.  Returns 0 or -1. */
static int
nb_page_rows(struct hall_ctx *c, const struct task *t, int *year)
{
	struct nb_list_arg	 a;
	char			 q[PAGER_QMAX];
	int64_t			 total;
	int			 pageno, n;

	if (nianbao_task_year(c->s, t->id, year) != 0 ||
	    tp_business()->wf->row_count(c->s, t->id, &total) != 0)
		return -1;
	memset(&a, 0, sizeof(a));
	if (t->state != TASK_DONE && t->state != TASK_CANCELLED &&
	    nianbao_preview_init(c->s, t->id, &a.preview) != 0)
		return -1;
	a.c = c;
	a.parent = page_add(c, NULL, "rows", NULL);
	page_attr_int(a.parent, "count", total);
	pager_query(c, "idno", q);
	if (q[0] != '\0') {
		page_attr(a.parent, "idno", q);
		if ((n = nianbao_rows_by_idno(c->s, t->id, q, nb_page_row,
		    &a)) < 0)
			return -1;
		page_attr_int(a.parent, "found", n);
		return 0;
	}
	pageno = page_list_attrs(a.parent, (long long)total,
	    page_number_param(c, "rpage"), NB_ROWS_PER_PAGE);
	return nianbao_rows_page(c->s, t->id, (pageno - 1) * NB_ROWS_PER_PAGE,
	    NB_ROWS_PER_PAGE, nb_page_row, &a) < 0 ? -1 : 0;
}

/* nianbao_missing_page callback: one <person>. */
static void
nb_page_missing_one(const struct nianbao_missing *m, void *arg)
{
	struct nb_list_arg	*a = arg;
	xmlNodePtr		 n;

	n = page_add(a->c, a->parent, "person", NULL);
	page_attr(n, "name", m->name);
	page_attr(n, "idno", m->idno);
	page_attr(n, "sb-no", m->sb_no);
}

/* Adds <missing year= total= page= pages= per-page=> with page ?mpage=
 * of the persons insured here in no live declaration of year.
 * Returns 0 or -1. */
static int
nb_page_missing(struct hall_ctx *c, const struct task *t, int year)
{
	struct nb_list_arg	 a;
	int64_t			 total;
	int			 pageno, offset;

	if (year <= 0)
		return 0;
	a.c = c;
	a.parent = page_add(c, NULL, "missing", NULL);
	page_attr_int(a.parent, "year", year);
	/* The count first (the page is clamped to it), then the page. */
	if (nianbao_missing_page(c->s, nb_kind(), t->unit_id, year, 0, 0,
	    nb_page_missing_one, &a, &total) < 0)
		return -1;
	pageno = page_list_attrs(a.parent, (long long)total,
	    page_number_param(c, "mpage"), NB_MISSING_PER_PAGE);
	offset = (pageno - 1) * NB_MISSING_PER_PAGE;
	return nianbao_missing_page(c->s, nb_kind(), t->unit_id, year, offset,
	    NB_MISSING_PER_PAGE, nb_page_missing_one, &a, NULL) < 0 ? -1 : 0;
}

/* See nianbao_page.h. */
int
nb_page_task(struct hall_ctx *c, const struct task *t, int batch,
    xmlNodePtr tn)
{
	int	 year = 0;

	if (nb_page_rows(c, t, &year) != 0 ||
	    nb_page_missing(c, t, year) != 0 ||
	    nb_page_window(c, NULL) != 0)
		return -1;
	return 0;
}

/* See nianbao_page.h. */
int
nb_page_batch(struct hall_ctx *c)
{
	/* The shared batch page adds the 审核时限 itself. */
	return nb_page_frame(c);
}

/* ---- The program's own handlers ---- */

/* GET /B without id: the steps, the upload, a single person's form. */
void
nb_page_form(struct hall_ctx *c)
{
	tp_begin(c, "form", tp_business()->wf->name);
	page_attr(c->page, "editable", "1");
	page_form_token(c);
	page_add(c, NULL, "nianbao", NULL);
	if (nb_page_common(c) != 0)
		page_busy(c);
}

/* A refused save: the typed values, the errors, nothing stored. */
static void
nb_save_refused(struct hall_ctx *c, const struct form_errors *errs)
{
	tp_begin_refused(c, tp_business()->wf->name, NULL);
	nb_page_posted(c);
	if (nb_page_common(c) != 0) {
		page_busy(c);
		return;
	}
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* POST /B/save: one person's declaration. */
void
nb_page_save(struct hall_ctx *c)
{
	struct field_val	 vals[NBF__MAX];
	struct form_errors	 errs;
	struct nianbao_row	 r;
	struct task		 t, *tp;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	if (tp_load_draft(c, &t, &tp) != 0)
		return;
	if (tp != NULL) {
		/* A declaration is changed by its rows, not saved again. */
		page_fail(c, 409, "BAD_STATE", "该申报已保存,如需修改请修改或"
		    "删除该行,或退单后重新申报");
		return;
	}
	errs.n = 0;
	form_validate(c->r, nianbao_form_defs, NBF__MAX, &c->today, vals,
	    &errs);
	if (errs.n > 0) {
		nb_save_refused(c, &errs);
		return;
	}
	nianbao_row_from_form(vals, &r);
	if ((rc = nianbao_save(c->s, nb_kind(), &c->who, &r,
	    page_dedup_key(c, nb_kind()->retirees ? "tx" : "nb", key), &id,
	    &created, &errs)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		nb_save_refused(c, &errs);
		return;
	}
	tp_saved(c, id, created);
}

/* A refused correction: the task page again with errs, status. */
static void
nb_row_refused(struct hall_ctx *c, const struct task *t, int status,
    const struct form_errors *errs, const char *msg)
{
	if (tp_show(c, t, 0) < 0) {
		page_busy(c);
		return;
	}
	if (errs != NULL)
		page_form_errors(c, errs);
	page_message(c, "error", msg);
	c->status = status;
}

/* POST /B/row: id, row, nb_wage, nb_remark: a draft's row corrected. */
void
nb_page_row_post(struct hall_ctx *c)
{
	static const struct field_def defs[2] = {
		{ "nb_wage", "上年度月平均工资", FIELD_MONEY, FIELD_REQUIRED, 0,
		    NULL, 0, 0 },
		{ "nb_remark", "备注", FIELD_TEXT, 0, 100, NULL, 0, 0 },
	};
	struct field_val	 vals[2];
	struct form_errors	 errs;
	struct task		 t;
	int64_t			 row = page_id_param(c, "row");
	int			 rc;

	if (tp_load(c, &t) != 0)
		return;
	errs.n = 0;
	form_validate(c->r, defs, 2, &c->today, vals, &errs);
	if (errs.n > 0) {
		nb_row_refused(c, &t, 422, &errs, "未修改,请按红色提示填写");
		return;
	}
	rc = row > 0 && row < 1000000 ? nianbao_row_correct(c->s, nb_kind(),
	    &c->who, t.id, (int)row, vals[0].num, vals[1].str, &errs) : 2;
	if (rc < 0)
		page_busy(c);
	else if (rc == 1)
		nb_row_refused(c, &t, 422, &errs, "未修改,请按红色提示修改");
	else if (rc == 2)
		nb_row_refused(c, &t, 404, NULL, "未找到该行");
	else if (rc == 3)
		page_fail(c, 409, "BAD_STATE", wf_result_message(WF_BADSTATE));
	else
		tp_redirect(c, t.id, "saved");
}

/* POST /B/add: id, sfzh, name, nb_wage, nb_remark: a person the file
 * missed (or a failed row) added to the draft declaration. */
void
nb_page_add_post(struct hall_ctx *c)
{
	struct field_val	 vals[NBF__MAX];
	struct form_errors	 errs;
	struct nianbao_row	 r;
	struct task		 t;
	int			 rc;

	if (tp_load(c, &t) != 0)
		return;
	errs.n = 0;
	form_validate(c->r, nianbao_form_defs, NBF__MAX, &c->today, vals,
	    &errs);
	if (errs.n > 0) {
		nb_row_refused(c, &t, 422, &errs, "未添加,请按红色提示填写");
		return;
	}
	nianbao_row_from_form(vals, &r);
	rc = nianbao_row_add(c->s, nb_kind(), &c->who, t.id, &r, &errs);
	if (rc < 0)
		page_busy(c);
	else if (rc == 1)
		nb_row_refused(c, &t, 422, &errs, "未添加,请按红色提示修改");
	else if (rc == 2)
		nb_row_refused(c, &t, 404, NULL, "未找到该申报");
	else if (rc == 3)
		page_fail(c, 409, "BAD_STATE", wf_result_message(WF_BADSTATE));
	else
		tp_redirect(c, t.id, "saved");
}
