/*
 * jianyuan_page.c: the page side of 城镇职工减少 (jianyuan_page.h): the
 * XML of its query form, rows and per-person materials, and its hooks
 * for the task pages every business shares (lib/taskpage.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "attach.h"
#include "jianyuan.h"
#include "jianyuan_page.h"
#include "pager.h"
#include "receipt.h"
#include "taskpage.h"
#include "tally.h"

/* Adds <reasons><option>… of 减少原因. */
void
jy_page_reasons(struct hall_ctx *c)
{
	xmlNodePtr	 list;
	int		 i;

	list = page_add(c, NULL, "options", NULL);
	page_attr(list, "name", "reason");
	for (i = 0; i < JY_REASON__MAX; i++)
		page_add(c, list, "option", jy_reason_names[i]);
}

/* Adds under person n one <rule> per 注意事项 that may name the
 * materials of a 停缴费 of this 用工范围 (and 法人 flag), as the rules
 * judge them. */
static void
jy_material_rules_xml(struct hall_ctx *c, xmlNodePtr n, const char *category,
    int legal_rep)
{
	int	 rules[2];
	size_t	 i, k;
	char	 buf[4];

	k = jy_material_rules(category, legal_rep, rules);
	for (i = 0; i < k; i++) {
		snprintf(buf, sizeof(buf), "%d", rules[i]);
		page_add(c, n, "rule", buf);
	}
}

/*
 * The columns of a row of the 减员 person list: the person, the
 * insurance, and of the employment at the unit (the latest 在职 one,
 * else the latest) its 用工范围 and 法人 flag, each found by MAX on
 * employments_person, with no sort.
 */
#define JY_INSURED_COLUMNS "p.id, p.name, p.idno, i.sb_no, p.sex, " \
	"p.birth, COALESCE(e.category, ''), (SELECT COUNT(*) FROM arrears a " \
	"WHERE a.person_id = p.id AND a.unit_id = i.unit_id AND " \
	"a.settled = 0), COALESCE(e.is_legal_rep, 0)"
#define JY_INSURED_FROM "FROM insurance i JOIN persons p ON " \
	"p.id = i.person_id LEFT JOIN employments e ON e.id = COALESCE(" \
	"(SELECT MAX(x.id) FROM employments x WHERE x.person_id = p.id AND " \
	"x.unit_id = i.unit_id AND x.status = '在职'), (SELECT MAX(x.id) " \
	"FROM employments x WHERE x.person_id = p.id AND " \
	"x.unit_id = i.unit_id)) "

/*
 * Whether insurance k's person matches the search term ?2 (a prefix of
 * 姓名 or 身份证号, ?3 its end): the unit's rows are walked on
 * insurance_unit, each probed by its person's key, never another
 * unit's; with no term the probe is skipped.
 */
#define JY_MATCH "(?2 = '' OR EXISTS (SELECT 1 FROM persons q WHERE " \
	"q.id = k.person_id AND ((q.name >= ?2 AND q.name < ?3) OR " \
	"(q.idno >= ?2 AND q.idno < ?3))))"

/* The statements of the 减员 pages; their SQL is in jy_page_sql. */
enum jy_page_stmt {
	JY_PAGE_STMT_INSURED,	/* a page of a unit's 参保缴费 persons */
	JY_PAGE_STMT_COUNT,	/* how many there are */
	JY_PAGE_STMT_IDNO,	/* the one of a 社会保障号码 */
	JY_PAGE_STMT__MAX
};

/* The SQL of each statement, by enum jy_page_stmt. */
static const char *const jy_page_sql[JY_PAGE_STMT__MAX] = {
	[JY_PAGE_STMT_INSURED] =
	    "SELECT " JY_INSURED_COLUMNS " " JY_INSURED_FROM
	    "WHERE i.unit_id = ?1 AND i.status = '参保缴费' AND i.person_id "
	    "IN (SELECT k.person_id FROM insurance k WHERE k.unit_id = ?1 "
	    "AND k.status = '参保缴费' AND " JY_MATCH " ORDER BY "
	    "k.person_id LIMIT ?4 OFFSET ?5) "
	    "ORDER BY i.person_id", /* JY_PAGE_STMT_INSURED */
	[JY_PAGE_STMT_COUNT] =
	    "SELECT COUNT(*) FROM insurance k WHERE k.unit_id = ?1 AND "
	    "k.status = '参保缴费' AND " JY_MATCH, /* JY_PAGE_STMT_COUNT */
	[JY_PAGE_STMT_IDNO] =
	    "SELECT " JY_INSURED_COLUMNS " " JY_INSURED_FROM
	    "WHERE p.idno = ?2 AND i.unit_id = ?1 AND "
	    "i.status = '参保缴费'", /* JY_PAGE_STMT_IDNO */
};

/* Adds one <person> under list from the current row of a
 * JY_INSURED_COLUMNS statement. */
static void
jy_page_person(struct hall_ctx *c, xmlNodePtr list, struct store_stmt *st)
{
	xmlNodePtr	 n;

	n = page_add(c, list, "person", NULL);
	page_attr_int(n, "id", store_col_int64(st, 0));
	page_attr(n, "name", store_col_text(st, 1));
	page_attr(n, "idno", store_col_text(st, 2));
	page_attr(n, "sb-no", store_col_text(st, 3));
	page_attr(n, "sex", store_col_text(st, 4));
	page_attr(n, "birth", store_col_text(st, 5));
	page_attr(n, "category", store_col_text(st, 6));
	jy_material_rules_xml(c, n, store_col_text(st, 6),
	    store_col_int(st, 8));
	if (store_col_int(st, 7) > 0)
		page_attr(n, "arrears", "1");
}

/* Binds the unit and the search term q of a JY_MATCH statement.
 * Returns 0 or -1. */
static int
jy_page_bind_match(struct store_stmt *st, int64_t unit_id, const char *q)
{
	char	 hi[PAGER_QMAX + 4];

	pager_prefix_end(q, hi);
	return store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, q) != 0 || store_bind_text(st, 3, hi) != 0 ?
	    -1 : 0;
}

/* Counts into *n the unit's 参保缴费 persons matching q.  Returns 0 or
 * -1. */
static int
jy_page_count(struct hall_ctx *c, const char *q, int64_t *n)
{
	struct store_stmt	*st;
	int		 rc;

	/* Without ?q= the kept count: counting read every row. */
	if (q[0] == '\0')
		return tally_insured(c->s, c->acct.unit_id, n);
	*n = 0;
	st = store_stmt(c->s, jy_page_sql[JY_PAGE_STMT_COUNT]);
	if (st == NULL || jy_page_bind_match(st, c->acct.unit_id, q) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		*n = store_col_int64(st, 0);
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* Lists under <persons> the unit's 参保缴费 person of 社会保障号码 idno
 * when not NULL; else one page (?page=, PAGER_SIZE) of those whose 姓名
 * or 身份证号 begins with ?q=, by person, with its <pager>.  Returns
 * the count listed or -1. */
int
jy_page_insured(struct hall_ctx *c, const char *idno)
{
	struct store_stmt	*st;
	struct pager	 pg;
	xmlNodePtr	 list;
	char		 q[PAGER_QMAX];
	int64_t		 total;
	int		 rc, count = 0;

	list = page_add(c, NULL, "persons", NULL);
	if (idno != NULL) {
		st = store_stmt(c->s, jy_page_sql[JY_PAGE_STMT_IDNO]);
		if (st == NULL || store_bind_int(st, 1, c->acct.unit_id) != 0 ||
		    store_bind_text(st, 2, idno) != 0)
			return -1;
	} else {
		pager_query(c, "q", q);
		page_attr(list, "q", q);
		if (jy_page_count(c, q, &total) != 0)
			return -1;
		pager_set(c, &pg, total, PAGER_SIZE);
		if (pager_xml(c, list, &pg, "/jianyuan", "q", q) == NULL)
			return -1;
		st = store_stmt(c->s, jy_page_sql[JY_PAGE_STMT_INSURED]);
		if (st == NULL || jy_page_bind_match(st, c->acct.unit_id,
		    q) != 0 || store_bind_int(st, 4, pg.size) != 0 ||
		    store_bind_int(st, 5, pg.offset) != 0)
			return -1;
	}
	while ((rc = store_step(st)) == STORE_ROW) {
		jy_page_person(c, list, st);
		count++;
	}
	store_reset(st);
	return rc == STORE_DONE ? count : -1;
}

/* Marks the persons of the request's pid fields as checked. */
void
jy_page_checked(struct hall_ctx *c)
{
	const struct req_field	*f;
	xmlNodePtr		 list, n;
	size_t			 i;

	list = page_add(c, NULL, "checked", NULL);
	for (i = 0; i < c->r->body.n; i++) {
		f = &c->r->body.v[i];
		if (strcmp(f->key, "pid") == 0 && f->valsz < 20) {
			n = page_add(c, list, "pid", f->val);
			(void)n;
		}
	}
}

/* jy_rows callback: one <row>. */
void
jy_page_row(const struct jy_row *r, void *arg)
{
	struct jy_rows_arg	*a = arg;
	xmlNodePtr	 n;

	n = page_add(a->c, a->list, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr_int(n, "pid", r->person_id);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "reason", r->reason);
	page_attr(n, "change-date", r->change_date);
	page_attr(n, "stop-month", r->stop_month);
}

/* tp_business task_xml: the rows, and from when a 结束 task's
 * 《综合业务处理单》 prints (the /print list's rule). */
int
jy_page_task(struct hall_ctx *c, const struct task *t, int batch, xmlNodePtr tn)
{
	struct jy_rows_arg	 a;
	struct hdate	 d;
	char		 from[11];
	int		 ready;

	if (t->state == TASK_DONE) {
		ready = receipt_zonghe_ready(t->decided_at, &c->today, &d);
		hdate_fmt(&d, from);
		page_attr(tn, "print-from", from);
		page_attr(tn, "print-ready", ready ? "1" : "0");
	}
	a.c = c;
	a.list = page_add(c, NULL, "rows", NULL);
	return jy_rows(c->s, t->id, jy_page_row, &a) < 0 ? -1 : 0;
}

/* tp_business materials: what the rules ask of person pid of task t,
 * one group per requirement (one of its materials is enough). */
int
jy_page_materials(struct hall_ctx *c, const struct task *t, int64_t pid,
    struct tp_material *out, size_t *n)
{
	const struct material	*m;
	struct jy_outcome	 o;
	struct jy_facts		 f;
	struct jy_row		 r;
	struct hdate		 change;
	size_t			 i, j;
	int			 rc;

	*n = 0;
	if (pid <= 0)
		return 0;
	if ((rc = jy_row_of(c->s, t->id, pid, &r)) != 0)
		return rc;
	if (valid_date(r.change_date, &change) != VALID_OK)
		return 0;
	if (jy_judge(c->s, t->unit_id, pid, jy_reason_parse(r.reason), &change,
	    &c->today, t->id, &f, &o) != 0)
		return -1;
	if (o.verdict == JY_REFUSED)
		return 0;
	for (i = 0; i < o.nneeds; i++)
		for (j = 0; o.needs[i]->codes[j] != NULL &&
		    *n < TP_MATERIALS_MAX; j++) {
			m = attach_material(o.needs[i]->codes[j]);
			out[*n].code = o.needs[i]->codes[j];
			out[*n].name = m != NULL ? m->name : out[*n].code;
			out[*n].required = 1;
			out[*n].group = (int)i + 1;
			out[*n].rule = o.needs[i]->rule;
			out[*n].words = o.needs[i]->words;
			(*n)++;
		}
	return 0;
}

/* tp_business batch_xml: the 减少原因 the template accepts. */
int
jy_page_batch(struct hall_ctx *c)
{
	jy_page_reasons(c);
	return 0;
}
