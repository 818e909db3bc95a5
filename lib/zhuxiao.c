/*
 * zhuxiao.c: 当月欠费注销 — the rules, the row, the task (save, check,
 * apply, describe).  See zhuxiao.h for the decisions.  The arrears
 * themselves are lib/arrears.c's; this module reads them through
 * arrears.h and owns only its table zhuxiao.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arrears.h"
#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "insurance.h"
#include "levy.h"
#include "log.h"
#include "person.h"
#include "rows.h"
#include "store.h"
#include "wagebase.h"
#include "workflow.h"
#include "zhuxiao.h"

#define ZX_COLUMNS \
	"id, task_id, row_no, person_id, name, idno, month, amount_fen, " \
	"levy_fen, confirmed_by, confirmed_at"

/* The statements of this module; their SQL is in zx_sql. */
enum zx_stmt {
	ZX_STMT_ROW_LOAD,	/* row 0 of a task */
	ZX_STMT_ROW_SAVE,	/* inserts or replaces row 0 */
	ZX_STMT_OPEN_TASK,	/* another unfinished 注销 of a person's month */
	ZX_STMT_WF_ROWS,	/* a task's rows for the workflow */
	ZX_STMT_WF_ROWS_PAGE,	/* a page of them */
	ZX_STMT_ROW_COUNT,	/* how many rows a task has */
	ZX_STMT__MAX
};

/* The SQL of each statement, by enum zx_stmt. */
static const char *const zx_sql[ZX_STMT__MAX] = {
	[ZX_STMT_ROW_LOAD] =
	    "SELECT " ZX_COLUMNS " FROM zhuxiao WHERE task_id = ?1 AND "
	    "row_no = 0",
	[ZX_STMT_ROW_SAVE] =
	    "INSERT INTO zhuxiao (task_id, row_no, person_id, name, idno, "
	    "month, amount_fen, levy_fen, confirmed_by, confirmed_at) VALUES "
	    "(?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (task_id, "
	    "row_no) DO UPDATE SET person_id = ?2, name = ?3, idno = ?4, "
	    "month = ?5, amount_fen = ?6, levy_fen = ?7, confirmed_by = ?8, "
	    "confirmed_at = ?9",
	[ZX_STMT_OPEN_TASK] =
	    "SELECT t.seq_no FROM zhuxiao z JOIN tasks t ON t.id = z.task_id "
	    "WHERE z.person_id = ?1 AND z.month = ?2 AND t.unit_id = ?3 AND "
	    "z.task_id <> ?4 AND t.state IN ('未提交', '进行中') "
	    "ORDER BY z.task_id LIMIT 1",
	[ZX_STMT_WF_ROWS] =
	    "SELECT row_no, person_id, name, idno, month, "
	    "printf('%d.%02d', amount_fen / 100, amount_fen % 100) "
	    "FROM zhuxiao WHERE task_id = ?1 ORDER BY row_no",
	[ZX_STMT_WF_ROWS_PAGE] =
	    "SELECT row_no, person_id, name, idno, month, "
	    "printf('%d.%02d', amount_fen / 100, amount_fen % 100) "
	    "FROM zhuxiao WHERE task_id = ?1 ORDER BY row_no "
	    "LIMIT ?3 OFFSET ?2",
	[ZX_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM zhuxiao WHERE task_id = ?1",
};

static const char *const zx_confirm_choices[] = { "1", NULL };

const struct field_def zhuxiao_form_defs[ZXF__MAX] = {
	{ "sfzh", "身份证号", FIELD_IDCARD, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "month", "注销月份", FIELD_MONTH, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "confirm", "确认", FIELD_CHOICE, 0, 0, zx_confirm_choices, 0, 0 },
};

/* See zhuxiao.h. */
void
zx_month_of(const struct hdate *d, char buf[8])
{
	snprintf(buf, 8, "%04d-%02d", d->year % 10000, d->month % 100);
}

/* "2026年12月" of "2026-12" into buf[32]. */
static void
zx_month_words(const char *month, char buf[32])
{
	int	 y = 0, m = 0;

	if (sscanf(month, "%4d-%2d", &y, &m) == 2)
		snprintf(buf, 32, "%d年%d月", y, m);
	else
		snprintf(buf, 32, "%.7s", month);
}

/* See zhuxiao.h. */
int
zx_person(struct store *s, int64_t unit_id, const char *idno, int64_t *pid,
    char name[64])
{
	struct arrears_sum	 sum;
	struct ins_facts	 f;
	struct person		 p;
	int			 rc;

	if ((rc = person_on_file(s, idno, pid, name, 64)) != 0)
		return rc;
	if (arrears_person_sum(s, unit_id, *pid, &sum) != 0)
		return -1;
	if (sum.months > 0)
		return 0;
	if (ins_facts(s, *pid, unit_id, &f) != 0)
		return -1;
	if (f.paying_here)
		return 0;
	/* Employed here (an employment, current or not): his unit. */
	if ((rc = person_find(s, unit_id, idno, 0, &p)) != 0)
		return rc;
	return 0;
}

/* What a person owes at a unit, for the rules: the month asked for. */
struct zx_owing {
	const char	*month;
	int		 found;
	int64_t		 amount_fen;
	int64_t		 task_id;	/* reserving task, 0 */
};

/* arrears_person_months callback: keeps the month asked for. */
static int
zx_owing_month(void *arg, const struct arrears_month *m)
{
	struct zx_owing	*o = arg;

	if (strcmp(m->month, o->month) != 0)
		return 0;
	o->found = 1;
	o->amount_fen = m->amount_fen;
	o->task_id = m->task_id;
	return 1;
}

/* Rule: only the current month.  Adds ZX_NOT_CURRENT.  Returns 1 when
 * broken, else 0. */
static int
zx_rule_current(const struct zhuxiao_row *r, const char *current,
    struct form_errors *errs)
{
	char	 cur[32], asked[32];

	if (strcmp(r->month, current) == 0)
		return 0;
	zx_month_words(current, cur);
	zx_month_words(r->month, asked);
	if (strcmp(r->month, current) < 0)
		form_error_addf(errs, NULL, "month", "ZX_NOT_CURRENT",
		    "网上仅提供当月(%s)的欠费注销,%s的欠费不能注销;"
		    "请通过「单位人员正常补缴费」(" ZX_BUJIAO_PATH ")办理欠费补缴",
		    cur, asked);
	else
		form_error_addf(errs, NULL, "month", "ZX_NOT_CURRENT",
		    "%s尚未到来,网上仅提供当月(%s)的欠费注销", asked, cur);
	return 1;
}

/* Rule: the person owes the month here and it is in no other 补缴 or
 * 注销.  Adds ZX_NOT_OWING or ZX_RESERVED.  Returns 0 or -1. */
static int
zx_rule_owing(struct store *s, int64_t unit_id, int64_t task_id,
    const struct zhuxiao_row *r, struct form_errors *errs,
    int64_t *amount_fen)
{
	struct arrears_sum	 sum;
	struct zx_owing		 o;
	char			 m[32], first[32], last[32], yuan[32];

	memset(&o, 0, sizeof(o));
	o.month = r->month;
	if (arrears_person_months(s, unit_id, r->person_id, 1000,
	    zx_owing_month, &o) < 0)
		return -1;
	zx_month_words(r->month, m);
	if (o.found && o.task_id != 0 && o.task_id != task_id) {
		form_error_addf(errs, NULL, "sfzh", "ZX_RESERVED",
		    "该人员%s的欠费已在其他欠费业务(补缴或注销)中办理,"
		    "请先完成或回退该业务", m);
		return 0;
	}
	if (o.found) {
		if (amount_fen != NULL)
			*amount_fen = o.amount_fen;
		return 0;
	}
	if (arrears_person_sum(s, unit_id, r->person_id, &sum) != 0)
		return -1;
	if (sum.months == 0) {
		form_error_addf(errs, NULL, "sfzh", "ZX_NOT_OWING",
		    "该人员在本单位没有未结清的欠费,无需注销");
		return 0;
	}
	zx_month_words(sum.first, first);
	zx_month_words(sum.last, last);
	wb_yuan(sum.amount_fen, yuan, sizeof(yuan));
	form_error_addf(errs, NULL, "sfzh", "ZX_NOT_OWING",
	    "该人员%s没有欠费;其欠费为%s至%s共%" PRId64 "个月,合计%s元,"
	    "不能注销,请通过「单位人员正常补缴费」(" ZX_BUJIAO_PATH ")办理欠费补缴",
	    m, first, last, sum.months, yuan);
	return 0;
}

/* Rule: no other unfinished 注销 of the person's month at the unit.
 * Adds ZX_DUPLICATE.  Returns 0 or -1. */
static int
zx_rule_open(struct store *s, int64_t unit_id, int64_t task_id,
    const struct zhuxiao_row *r, struct form_errors *errs)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, zx_sql[ZX_STMT_OPEN_TASK])) == NULL ||
	    store_bind_int(st, 1, r->person_id) ||
	    store_bind_text(st, 2, r->month) ||
	    store_bind_int(st, 3, unit_id) || store_bind_int(st, 4, task_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		form_error_addf(errs, NULL, "sfzh", "ZX_DUPLICATE",
		    "该人员当月欠费注销已在业务%s中办理,请勿重复申请",
		    store_col_text(st, 0));
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		log_err("zhuxiao: open task: %s", store_errmsg(s));
		return -1;
	}
	return 0;
}

/* See zhuxiao.h. */
int
zx_rules(struct store *s, int64_t unit_id, int64_t task_id,
    const struct zhuxiao_row *r, const struct hdate *today,
    struct form_errors *errs, int64_t *amount_fen)
{
	char	 current[8];

	zx_month_of(today, current);
	if (zx_rule_current(r, current, errs))
		return 0;
	if (zx_rule_owing(s, unit_id, task_id, r, errs, amount_fen) != 0 ||
	    zx_rule_open(s, unit_id, task_id, r, errs) != 0)
		return -1;
	return 0;
}

/* See zhuxiao.h. */
int
zx_levy(struct store *s, int64_t unit_id, int64_t person_id,
    const char *month, struct levy *out)
{
	const char *const	 months[1] = { month };

	return levy_person(s, unit_id, person_id, months, 1, NULL, out);
}

/* Fills r from the current row of st (ZX_COLUMNS). */
static void
zx_row_read(struct store_stmt *st, struct zhuxiao_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(st, 0);
	r->task_id = store_col_int64(st, 1);
	r->row_no = store_col_int(st, 2);
	r->person_id = store_col_int64(st, 3);
	snprintf(r->name, sizeof(r->name), "%s", store_col_text(st, 4));
	snprintf(r->idno, sizeof(r->idno), "%s", store_col_text(st, 5));
	snprintf(r->month, sizeof(r->month), "%s", store_col_text(st, 6));
	r->amount_fen = store_col_int64(st, 7);
	r->levy_fen = store_col_int64(st, 8);
	r->confirmed_by = store_col_int64(st, 9);
	r->confirmed_at = store_col_int64(st, 10);
	r->confirmed = r->confirmed_at != 0;
}

/* See zhuxiao.h. */
int
zhuxiao_row_load(struct store *s, int64_t task_id, struct zhuxiao_row *r)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, zx_sql[ZX_STMT_ROW_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		zx_row_read(st, r);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Inserts or replaces r as row 0 of its task.  Returns 0 or -1. */
static int
zx_row_save(struct store *s, const struct zhuxiao_row *r)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, zx_sql[ZX_STMT_ROW_SAVE])) == NULL ||
	    store_bind_int(st, 1, r->task_id) ||
	    store_bind_int(st, 2, r->person_id) ||
	    store_bind_text(st, 3, r->name) ||
	    store_bind_text(st, 4, r->idno) ||
	    store_bind_text(st, 5, r->month) ||
	    store_bind_int(st, 6, r->amount_fen) ||
	    store_bind_int(st, 7, r->levy_fen) ||
	    store_bind_int(st, 8, r->confirmed_by) ||
	    store_bind_int(st, 9, r->confirmed_at))
		return -1;
	return store_exec_stmt(s, st);
}

/* The levy total (unit + person, without 滞纳金) of r's month, 0 when
 * levy cannot compute it (no rate or base: the page says why).
 * Returns 0 or -1. */
static int
zx_levy_total(struct store *s, int64_t unit_id, const struct zhuxiao_row *r,
    int64_t *fen)
{
	struct levy	 l;
	int		 rc;

	levy_init(&l);
	l.keep_lines = 0;
	rc = zx_levy(s, unit_id, r->person_id, r->month, &l);
	*fen = rc == 0 ? l.total.amount_fen : 0;
	levy_free(&l);
	return rc < 0 ? -1 : 0;
}

/* See zhuxiao.h. */
int
zhuxiao_save(struct store *s, const struct actor *who,
    const struct task *task, struct zhuxiao_row *r, const char *dedup_key,
    int64_t *id, int *created, struct form_errors *errs)
{
	struct hdate	 today;
	char		 summary[160], object[40];
	int		 rc;

	if (!r->confirmed) {
		form_error_add(errs, "confirm", "ZX_CONFIRM",
		    "请勾选「已知晓欠费注销成功后将无法恢复」后再保存");
		*created = 0;
		return 1;
	}
	snprintf(summary, sizeof(summary), "%s %s 当月欠费注销", r->name,
	    r->month);
	if (store_begin(s) != 0)
		return -1;
	if ((rc = wf_save_draft(s, ZX_BUSINESS, who, task, summary,
	    dedup_key, id, created)) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	r->task_id = *id;
	r->row_no = 0;
	clock_today(&today);
	if (zx_rules(s, who->unit_id, *id, r, &today, errs,
	    &r->amount_fen) != 0 ||
	    (errs->n == 0 && zx_levy_total(s, who->unit_id, r,
	    &r->levy_fen) != 0)) {
		store_rollback(s);
		return -1;
	}
	if (errs->n > 0) {
		store_rollback(s);
		*created = 0;
		return 1;
	}
	r->confirmed_by = who->account_id;
	r->confirmed_at = (int64_t)clock_now();
	snprintf(object, sizeof(object), "task:%" PRId64, *id);
	if (zx_row_save(s, r) != 0 ||
	    audit_append(s, who, "zhuxiao.save", object, summary) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* The rules over task_id's row as of today.  Returns 0 or -1. */
static int
zx_check_row(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct zhuxiao_row	 r;
	struct hdate		 today;
	struct task		 t;
	int			 rc;

	if (wf_load(s, task_id, 0, &t) != 0 ||
	    (rc = zhuxiao_row_load(s, task_id, &r)) < 0)
		return -1;
	if (rc > 0) {
		form_error_add(errs, "", "ZX_NO_ROWS", "没有要注销的欠费");
		return 0;
	}
	clock_today(&today);
	return zx_rules(s, t.unit_id, task_id, &r, &today, errs, NULL);
}

/* The workflow's check: the rules as of today and the signed
 * statement. */
static int
zx_business_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	const struct material	*m;
	int			 has;

	if (zx_check_row(s, task_id, errs) != 0 ||
	    (has = attach_has(s, task_id, 0, ZX_MATERIAL)) < 0)
		return -1;
	m = attach_material(ZX_MATERIAL);
	if (!has)
		form_error_addf(errs, NULL, "attachments", "ZX_MISSING_ATTACH",
		    "缺少附件: %s", m != NULL ? m->name :
		    "经职工本人签字确认的欠费注销情况说明");
	return 0;
}

/* See zhuxiao.h. */
int
zhuxiao_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	return zx_check_row(s, task_id, errs);
}

/* The workflow's effect on approval: the month's arrears reserved for
 * the task and settled as 注销 by who, now, in the same transaction.
 * Returns 0 or -1. */
static int
zx_business_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct zhuxiao_row	 r;
	struct task		 t;
	char			 object[40], detail[64];
	int64_t			 n = 0, settled = 0;
	int			 rc;

	if (wf_load(s, task_id, 0, &t) != 0 ||
	    zhuxiao_row_load(s, task_id, &r) != 0)
		return -1;
	if ((rc = arrears_reserve(s, t.unit_id, r.person_id, r.month,
	    task_id, &n)) != 0) {
		log_err("zhuxiao: task %" PRId64 ": reserve %s: %d", task_id,
		    r.month, rc);
		return -1;
	}
	if (arrears_settle(s, task_id, ARREARS_CANCELLED, who->account_id,
	    (int64_t)clock_now(), &settled) != 0)
		return -1;
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "arrears cancelled month=%s rows=%"
	    PRId64, r.month, settled);
	return audit_append(s, who, "zhuxiao.apply", object, detail);
}

/* The workflow's describe: the facts for the reviewer desk and the
 * printouts. */
static int
zx_business_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct zhuxiao_row	 r;
	char			 buf[64], m[32];
	int			 rc;

	if ((rc = zhuxiao_row_load(s, task_id, &r)) != 0)
		return rc < 0 ? -1 : 0;
	zx_month_words(r.month, m);
	field(arg, "业务类型", "当月欠费注销(所有险种同步注销)");
	field(arg, "姓名", r.name);
	field(arg, "身份证号", r.idno);
	field(arg, "注销月份", m);
	wb_yuan(r.amount_fen, buf, sizeof(buf));
	strncat(buf, " 元", sizeof(buf) - strlen(buf) - 1);
	field(arg, "欠费金额", buf);
	wb_yuan(r.levy_fen, buf, sizeof(buf));
	strncat(buf, " 元", sizeof(buf) - strlen(buf) - 1);
	field(arg, "核定应缴(单位+个人)", buf);
	clock_fmt((time_t)r.confirmed_at, buf);
	field(arg, "经办人确认注销后无法恢复", r.confirmed ? buf : "否");
	return 0;
}

/* The facts the rows hook gives per person, in its SELECT's order. */
static const char *const zx_row_labels[] = { "注销月份", "欠费金额(元)" };

/* The rows hook.  Returns the rows walked or -1. */
static int
zx_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, zx_sql[ZX_STMT_WF_ROWS], task_id, zx_row_labels,
	    2, fn, arg);
}

/* The rows_page hook: one page of the rows.  Returns the rows walked
 * or -1. */
static int
zx_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, zx_sql[ZX_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, zx_row_labels, 2, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
zx_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, zx_sql[ZX_STMT_ROW_COUNT], task_id, 0, n);
}

/* The row_delete hook: the one row is the form's and stays.  Returns
 * 1 (no such row). */
static int
zx_row_delete(struct store *s, int64_t task_id, int row_no)
{
	(void)s;
	(void)task_id;
	(void)row_no;
	return 1;
}

/* The rows_move hook: a single form has no rows to send back.
 * Returns 1. */
static int
zx_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	(void)s;
	(void)task_id;
	(void)to_task;
	(void)row_nos;
	(void)n;
	return 1;
}

static const struct wf_menu zx_menu[] = {
	{ "当月欠费注销", "/zhuxiao" },
	{ NULL, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const zx_receipt_facts[] = {
	"注销月份", "欠费金额(元)", NULL
};

/*
 * Reviewed by the system for every unit (seed 003: only 增减员 and
 * 年度工资申报 go to the counter): auto_review.
 */
const struct wf_business zhuxiao_business = {
	.code = ZX_BUSINESS,
	.name = "当月欠费注销",
	.path = "/zhuxiao",
	.review_days_min = 0,
	.review_days_max = 0,
	.auto_review = 1,
	.check = zx_business_check,
	.apply = zx_business_apply,
	.describe = zx_business_describe,
	.category = "jiaofei",
	.menu = zx_menu,
	.receipts = NULL,
	.batch = NULL,
	.rows = zx_wf_rows,
	.row_count = zx_row_count,
	.row_delete = zx_row_delete,
	.rows_move = zx_rows_move,
	.rows_page = zx_wf_rows_page,
	.receipt_facts = zx_receipt_facts,
};
