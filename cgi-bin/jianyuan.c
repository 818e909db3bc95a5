/*
 * jianyuan: 城镇职工减少 (减员 / 暂停缴费) [SPEC §4; 002, 003].  Query the
 * unit's insured persons, pick some with one 减少原因 and a 变更日期,
 * save a task, attach per person what the rules demand, submit; 批量减员
 * by .xlsx; 《企业参保人员减员表》 as .xlsx and as an A4 page.  The rules
 * are in lib/jianyuan.c; the task pages every business shares (task,
 * upload, attachment, submit, 退单, delete, batch) in lib/taskpage.c.
 * Its own routes:
 *
 *   GET  /jianyuan                 without id, sfzh=: the query form
 *                                  and the list of insured persons
 *   POST /jianyuan/save            reason, change_date, pid (repeated),
 *                                  token (one-time form token), csrf
 *   GET  /jianyuan/export          id: 《企业参保人员减员表》 .xlsx
 *   GET  /jianyuan/table           id: the same as an A4 print page
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "hall.h"
#include "attach.h"
#include "jianyuan.h"
#include "receipt.h"
#include "taskpage.h"
#include "xlsx.h"

#define JY_MAX_PIDS	1000	/* persons of one form */

/* Adds <reasons><option>… of 减少原因. */
static void
add_reasons(struct hall_ctx *c)
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
add_material_rules(struct hall_ctx *c, xmlNodePtr n, const char *category,
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

/* Lists the unit's 参保缴费 persons (only idno when not NULL) under
 * <persons>.  Returns the count or -1. */
static int
add_insured(struct hall_ctx *c, const char *idno)
{
	struct store_stmt	*st;
	xmlNodePtr	 list, n;
	int		 rc, count = 0;

	list = page_add(c, NULL, "persons", NULL);
	if ((st = store_stmt(c->s, "SELECT p.id, p.name, p.idno, i.sb_no, "
	    "p.sex, p.birth, COALESCE((SELECT e.category FROM employments e "
	    "WHERE e.person_id = p.id AND e.unit_id = i.unit_id ORDER BY "
	    "e.status = '在职' DESC, e.id DESC LIMIT 1), ''), "
	    "(SELECT COUNT(*) FROM arrears a WHERE a.person_id = p.id AND "
	    "a.unit_id = i.unit_id AND a.settled = 0), "
	    "COALESCE((SELECT e.is_legal_rep FROM employments e "
	    "WHERE e.person_id = p.id AND e.unit_id = i.unit_id ORDER BY "
	    "e.status = '在职' DESC, e.id DESC LIMIT 1), 0) "
	    "FROM insurance i JOIN persons p ON p.id = i.person_id "
	    "WHERE i.unit_id = ?1 AND i.status = '参保缴费' AND "
	    "(?2 IS NULL OR p.idno = ?2) ORDER BY p.id")) == NULL ||
	    store_bind_int(st, 1, c->acct.unit_id) ||
	    store_bind_text(st, 2, idno))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		n = page_add(c, list, "person", NULL);
		page_attr_int(n, "id", store_col_int64(st, 0));
		page_attr(n, "name", store_col_text(st, 1));
		page_attr(n, "idno", store_col_text(st, 2));
		page_attr(n, "sb-no", store_col_text(st, 3));
		page_attr(n, "sex", store_col_text(st, 4));
		page_attr(n, "birth", store_col_text(st, 5));
		page_attr(n, "category", store_col_text(st, 6));
		add_material_rules(c, n, store_col_text(st, 6),
		    store_col_int(st, 8));
		if (store_col_int(st, 7) > 0)
			page_attr(n, "arrears", "1");
		count++;
	}
	store_reset(st);
	return rc == STORE_DONE ? count : -1;
}

/* Marks the persons of the request's pid fields as checked. */
static void
mark_checked(struct hall_ctx *c)
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

/* The query view with the form values given (NULL: defaults). */
static int
show_query(struct hall_ctx *c, const char *sfzh, const char *reason,
    const char *change_date)
{
	xmlNodePtr	 q;
	char		 today[11];

	tp_begin(c, "query", "城镇职工减少");
	hdate_fmt(&c->today, today);
	q = page_add(c, NULL, "query", NULL);
	page_attr(q, "sfzh", sfzh != NULL ? sfzh : "");
	page_attr(q, "reason", reason != NULL ? reason : "");
	page_attr(q, "change-date", change_date != NULL && *change_date != '\0'
	    ? change_date : today);
	page_attr(q, "scope", "本单位");
	add_reasons(c);
	page_form_token(c);
	return 0;
}

/* GET /jianyuan without id: the query form and the list. */
static void
query_get(struct hall_ctx *c)
{
	const char		*sfzh = req_get(c->r, "sfzh");
	struct form_errors	 errs;
	struct idcard		 id;
	enum valid_err		 ve;
	char			 buf[256];
	int			 n;

	show_query(c, sfzh, NULL, NULL);
	if (sfzh == NULL || *sfzh == '\0') {
		if (add_insured(c, NULL) < 0)
			page_busy(c);
		return;
	}
	if ((ve = valid_idcard(sfzh, &c->today, &id)) != VALID_OK) {
		errs.n = 0;
		form_error_add(&errs, "sfzh", valid_code(ve),
		    valid_message(ve, "社会保障号码", buf, sizeof(buf)));
		page_form_errors(c, &errs);
		c->status = 422;
		return;
	}
	if ((n = add_insured(c, id.number)) < 0)
		page_busy(c);
	else if (n == 0)
		page_message(c, "warn", "本单位未找到该参保缴费人员"
		    "(人员范围:本单位;已暂停缴费的人员不再列出)");
}

/* Where the rows go. */
struct rows_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* jy_rows callback: one <row>. */
static void
add_row(const struct jy_row *r, void *arg)
{
	struct rows_arg	*a = arg;
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
static int
task_xml(struct hall_ctx *c, const struct task *t, int batch, xmlNodePtr tn)
{
	struct rows_arg	 a;
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
	return jy_rows(c->s, t->id, add_row, &a) < 0 ? -1 : 0;
}

/* tp_business materials: what the rules ask of person pid of task t,
 * one group per requirement (one of its materials is enough). */
static int
materials(struct hall_ctx *c, const struct task *t, int64_t pid,
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

/* tp_business form: GET /jianyuan without id. */
static void
form_get(struct hall_ctx *c)
{
	query_get(c);
}

/* Reads the pid fields into pids[JY_MAX_PIDS]; a malformed one adds an
 * error.  Returns the count. */
static size_t
read_pids(struct hall_ctx *c, int64_t *pids, struct form_errors *errs)
{
	const struct req_field	*f;
	size_t			 i, n = 0;

	for (i = 0; i < c->r->body.n; i++) {
		f = &c->r->body.v[i];
		if (strcmp(f->key, "pid") != 0)
			continue;
		if (f->valsz == 0 || f->valsz > 18 ||
		    strspn(f->val, "0123456789") != f->valsz) {
			form_error_add(errs, "pid", "FORMAT", "人员选择有误");
			continue;
		}
		if (n == JY_MAX_PIDS) {
			form_error_add(errs, "pid", "TOOMANY",
			    "一次最多选择1000人,更多人员请使用批量减员");
			break;
		}
		pids[n++] = strtoll(f->val, NULL, 10);
	}
	return n;
}

static const struct field_def save_defs[] = {
	{ "reason", "减少原因", FIELD_CHOICE, FIELD_REQUIRED, 0,
	  jy_reason_names, 0, 0 },
	{ "change_date", "变更日期", FIELD_DATE, FIELD_REQUIRED, 0, NULL, 0, 0 },
};

/* Adds an error beside 变更日期 when the validated date v is out of the
 * bounds the hall accepts (not later than this month, not more than a
 * year back).  A date already refused by form_validate is left alone. */
static void
check_change_date(struct hall_ctx *c, const struct field_val *v,
    struct form_errors *errs)
{
	char	 msg[256];
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, "change_date") == 0)
			return;
	if (!v->present)
		return;
	if (!jy_change_date_ok(&v->date, &c->today, msg, sizeof(msg)))
		form_error_add(errs, "change_date", "RANGE", msg);
}

/* Re-shows the query form with the list, the selection and errs. */
static void
save_refused(struct hall_ctx *c, const struct form_errors *errs)
{
	show_query(c, NULL, req_get(c->r, "reason"),
	    req_get(c->r, "change_date"));
	if (add_insured(c, NULL) < 0) {
		page_busy(c);
		return;
	}
	mark_checked(c);
	page_form_errors(c, errs);
	page_message(c, "error", "未能保存:以下人员不符合减员条件,"
	    "本次申报的所有人员均未办理,请修改后重新提交");
	c->status = 422;
}

/* POST /jianyuan/save */
static void
save_post(struct hall_ctx *c)
{
	struct field_val	 vals[2];
	struct form_errors	 errs;
	int64_t			*pids, task_id;
	char			 key[48];
	size_t			 n;
	int			 rc;

	errs.n = 0;
	if ((pids = calloc(JY_MAX_PIDS, sizeof(*pids))) == NULL) {
		page_busy(c);
		return;
	}
	form_validate(c->r, save_defs, 2, &c->today, vals, &errs);
	check_change_date(c, &vals[1], &errs);
	n = read_pids(c, pids, &errs);
	if (n == 0 && errs.n == 0)
		form_error_add(&errs, "pid", "REQUIRED", "请勾选需要减少的人员");
	if (errs.n > 0) {
		show_query(c, NULL, req_get(c->r, "reason"),
		    req_get(c->r, "change_date"));
		if (add_insured(c, NULL) < 0)
			page_busy(c);
		else {
			mark_checked(c);
			page_form_errors(c, &errs);
			c->status = 422;
		}
		goto out;
	}
	rc = jy_save(c->s, &c->who, (enum jy_reason)vals[0].num, &vals[1].date,
	    pids, n, page_dedup_key(c, "jy", key), &task_id, &errs);
	if (rc < 0)
		page_busy(c);
	else if (rc == 1)
		save_refused(c, &errs);
	else
		tp_saved(c, task_id, rc == 0);
out:
	free(pids);
}

/* tp_business batch_xml: the 减少原因 the template accepts. */
static int
batch_xml(struct hall_ctx *c)
{
	add_reasons(c);
	return 0;
}

/* ---- 《企业参保人员减员表》 ---- */

#define TABLE_COLS	8

/* The cells of the 减员表, row by row (row 0 the header); owned. */
struct table_rows {
	char		*(*cells)[TABLE_COLS];
	size_t		  n, cap;
	int		  nomem;
};

static const char *const table_header[TABLE_COLS] = {
	"序号", "姓名", "社会保障号码", "个人社保编号", "减少原因", "变更日期",
	"停止缴费月份", "备注"
};

/* jy_rows callback: one row of the table. */
static void
table_add(const struct jy_row *r, void *arg)
{
	struct table_rows	*t = arg;
	char			*(*nv)[TABLE_COLS];
	char			 no[16];
	size_t			 cap, i;
	const char		*v[TABLE_COLS];

	if (t->nomem)
		return;
	if (t->n == t->cap) {
		cap = t->cap == 0 ? 32 : t->cap * 2;
		if (cap > SIZE_MAX / sizeof(*nv) ||
		    (nv = realloc(t->cells, cap * sizeof(*nv))) == NULL) {
			t->nomem = 1;
			return;
		}
		t->cells = nv;
		t->cap = cap;
	}
	snprintf(no, sizeof(no), "%zu", t->n);
	v[0] = no;
	v[1] = r->name;
	v[2] = r->idno;
	v[3] = r->sb_no;
	v[4] = r->reason;
	v[5] = r->change_date;
	v[6] = r->stop_month;
	v[7] = "";
	for (i = 0; i < TABLE_COLS; i++)
		if ((t->cells[t->n][i] = strdup(v[i])) == NULL)
			t->nomem = 1;
	t->n++;
}

/* Frees the table's cells. */
static void
table_free(struct table_rows *t)
{
	size_t	 i, j;

	for (i = 0; i < t->n; i++)
		for (j = 0; j < TABLE_COLS; j++)
			free(t->cells[i][j]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* GET /jianyuan/export: the 减员表 as .xlsx. */
static void
export_get(struct hall_ctx *c)
{
	struct table_rows	 t;
	const char *const	**rows = NULL;
	struct task		 task;
	size_t			 i;

	if (tp_load(c, &task) != 0)
		return;
	memset(&t, 0, sizeof(t));
	/* Row 0: the header, as a row of the same shape. */
	table_add(&(struct jy_row){ .row_no = 0 }, &t);
	if (!t.nomem)
		for (i = 0; i < TABLE_COLS; i++) {
			free(t.cells[0][i]);
			if ((t.cells[0][i] = strdup(table_header[i])) == NULL)
				t.nomem = 1;
		}
	if (t.nomem || jy_rows(c->s, task.id, table_add, &t) < 0 || t.nomem ||
	    (rows = calloc(t.n, sizeof(*rows))) == NULL)
		goto fail;
	for (i = 0; i < t.n; i++)
		rows[i] = (const char *const *)t.cells[i];
	if (xlsx_write("企业参保人员减员表", rows, t.n, TABLE_COLS, &c->file,
	    &c->filesz) != 0)
		goto fail;
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "企业参保人员减员表-%s.xlsx",
	    task.seq_no);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	free(rows);
	table_free(&t);
	return;
fail:
	free(rows);
	table_free(&t);
	page_busy(c);
}

/* GET /jianyuan/table: the 减员表 as an A4 page.  For a 结束 task the
 * 制表时间 is the time it ended and the 审核人 who decided it, so every
 * printout of it is the same; before that, the time of printing. */
static void
table_get(struct hall_ctx *c)
{
	struct rows_arg	 a;
	struct task	 t;
	char		 printed[20], reviewer[128];

	if (tp_load(c, &t) != 0)
		return;
	tp_begin(c, "table", "企业参保人员减员表");
	page_task(c, NULL, &t);
	a.c = c;
	a.list = page_add(c, NULL, "rows", NULL);
	if (t.state == TASK_DONE && t.decided_at > 0) {
		clock_fmt(t.decided_at, printed);
		if (wf_decider_name(c->s, &t, reviewer, sizeof(reviewer)) != 0) {
			page_busy(c);
			return;
		}
		page_attr(a.list, "reviewer", reviewer);
	} else
		clock_fmt(clock_now(), printed);
	page_attr(a.list, "printed", printed);
	if (page_unit(c, c->acct.unit_id) != 0 || jy_rows(c->s, t.id, add_row, &a) < 0)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/jianyuan/export", export_get, ROUTE_UNIT },
	{ REQ_GET, "/jianyuan/table", table_get, ROUTE_UNIT },
};

static const struct tp_business jianyuan_pages = {
	.wf = &jianyuan_business,
	.xsl = "jianyuan.xsl",
	.form = form_get,
	.save = save_post,
	.materials = materials,
	.task_xml = task_xml,
	.batch_xml = batch_xml,
	.lint = jy_lint,
	.done_note = "自停止缴费月份起,单位不再缴纳所减人员的社会保险费。",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};

int
main(int argc, char *argv[])
{
	return tp_main(&jianyuan_pages, argc, argv);
}
