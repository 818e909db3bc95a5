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

/* See nianbao_page.h. */
int
nb_page_common(struct hall_ctx *c)
{
	struct tp_material	 m;
	xmlNodePtr		 list;

	tp_add_review_days(c, NULL);
	nb_materials_of(&m);
	list = tp_materials_list(c, 0);
	tp_material_add(c, list, &m, 0, -1);
	if (nb_page_window(c, NULL) != 0 || tp_add_recent(c) != 0)
		return -1;
	return 0;
}

/* Where rows go. */
struct nb_list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* nianbao_rows_page callback: one <row>. */
static void
nb_page_row(const struct nianbao_row *r, void *arg)
{
	struct nb_list_arg	*a = arg;
	xmlNodePtr		 n;
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
	    nianbao_business.row_count(c->s, t->id, &total) != 0)
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
	if (nianbao_missing_page(c->s, t->unit_id, year, 0, 0,
	    nb_page_missing_one, &a, &total) < 0)
		return -1;
	pageno = page_list_attrs(a.parent, (long long)total,
	    page_number_param(c, "mpage"), NB_MISSING_PER_PAGE);
	offset = (pageno - 1) * NB_MISSING_PER_PAGE;
	return nianbao_missing_page(c->s, t->unit_id, year, offset,
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
	return nb_page_common(c);
}
