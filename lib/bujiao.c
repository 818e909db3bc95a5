/*
 * bujiao.c: 欠费补缴 — the computation fixed at save, the rules of
 * 提交审批, the effect of approval, 欠费补缴回退 and 缴费到帐确认; see
 * bujiao.h for the decisions.  The only module on tables bujiao,
 * bujiao_persons, bujiao_lines and bujiao_totals (migration 27).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arrears.h"
#include "audit.h"
#include "bujiao.h"
#include "clock.h"
#include "insurance.h"
#include "log.h"
#include "policy.h"
#include "receipt.h"
#include "rows.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"

/* The statements of this module; their SQL is in bj_sql. */
enum bj_stmt {
	BJ_STMT_INSERT,		/* a task's 补缴 row */
	BJ_STMT_PERSON,		/* one person of it */
	BJ_STMT_LINE,		/* one person-month's lines */
	BJ_STMT_TOTAL,		/* one total per type and side */
	BJ_STMT_LOAD,		/* a task's 补缴 */
	BJ_STMT_TOTALS,		/* its totals */
	BJ_STMT_PERSONS,	/* a page of its persons */
	BJ_STMT_ROW_LINES,	/* one person's lines */
	BJ_STMT_STATE,		/* sets the pay state */
	BJ_STMT_PAID,		/* records the 到帐 */
	BJ_STMT_WF_ROWS,	/* its persons for the workflow */
	BJ_STMT_WF_ROWS_PAGE,	/* a page of them */
	BJ_STMT_ROW_COUNT,	/* how many persons */
	BJ_STMT_COUNT_STATE,	/* tasks in a pay state */
	BJ_STMT_AWAITING,	/* a page of the tasks awaiting 到帐 */
	BJ_STMT_REGION,		/* a unit's 行政区划 */
	BJ_STMT__MAX
};

/* Fen as "1234.56" in SQL (integer arithmetic, never a float). */
#define BJ_YUAN(col) "printf('%d.%02d', " col " / 100, " col " % 100)"

/* The facts of a person row as the workflow shows them. */
#define BJ_WF_COLUMNS "row_no, person_id, name, idno, " \
	"first || '至' || last || '(' || nmonths || '个月)', " \
	BJ_YUAN("unit_fen") ", " BJ_YUAN("person_fen") ", " \
	BJ_YUAN("late_fen")

/* The SQL of each statement, by enum bj_stmt. */
static const char *const bj_sql[BJ_STMT__MAX] = {
	[BJ_STMT_INSERT] =
	    "INSERT INTO bujiao (task_id, scope, computed_on, persons, months, "
	    "amount_fen, late_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[BJ_STMT_PERSON] =
	    "INSERT INTO bujiao_persons (task_id, row_no, person_id, name, "
	    "idno, nmonths, first, last, unit_fen, person_fen, late_fen) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[BJ_STMT_LINE] =
	    "INSERT INTO bujiao_lines (task_id, row_no, month, due, lines) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[BJ_STMT_TOTAL] =
	    "INSERT INTO bujiao_totals (task_id, type, side, amount_fen, "
	    "late_fen) VALUES (?1, ?2, ?3, ?4, ?5)",
	[BJ_STMT_LOAD] =
	    "SELECT scope, computed_on, persons, months, amount_fen, late_fen, "
	    "pay_state, tax_no, paid_fen, paid_on, state_by, state_at FROM "
	    "bujiao WHERE task_id = ?1",
	[BJ_STMT_TOTALS] =
	    "SELECT type, side, amount_fen, late_fen FROM bujiao_totals "
	    "WHERE task_id = ?1",
	[BJ_STMT_PERSONS] =
	    "SELECT row_no, person_id, idno, name, nmonths, first, last, "
	    "unit_fen, person_fen, late_fen FROM bujiao_persons WHERE "
	    "task_id = ?1 ORDER BY row_no LIMIT ?3 OFFSET ?2",
	[BJ_STMT_ROW_LINES] =
	    "SELECT row_no, month, due, lines FROM bujiao_lines WHERE "
	    "task_id = ?1 AND row_no = ?2 ORDER BY month",
	[BJ_STMT_STATE] =
	    "UPDATE bujiao SET pay_state = ?2, state_by = ?3, state_at = ?4 "
	    "WHERE task_id = ?1",
	[BJ_STMT_PAID] =
	    "UPDATE bujiao SET pay_state = '已到帐', tax_no = ?2, "
	    "paid_fen = ?3, paid_on = ?4, state_by = ?5, state_at = ?6 "
	    "WHERE task_id = ?1 AND pay_state = '待到帐'",
	[BJ_STMT_WF_ROWS] =
	    "SELECT " BJ_WF_COLUMNS " FROM bujiao_persons WHERE task_id = ?1 "
	    "ORDER BY row_no",
	[BJ_STMT_WF_ROWS_PAGE] =
	    "SELECT " BJ_WF_COLUMNS " FROM bujiao_persons WHERE task_id = ?1 "
	    "ORDER BY row_no LIMIT ?3 OFFSET ?2",
	[BJ_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM bujiao_persons WHERE task_id = ?1",
	[BJ_STMT_COUNT_STATE] =
	    "SELECT COUNT(*) FROM bujiao WHERE pay_state = ?1",
	[BJ_STMT_AWAITING] =
	    "SELECT b.task_id, t.seq_no, u.name, b.computed_on, b.persons, "
	    "b.amount_fen + b.late_fen FROM bujiao b JOIN tasks t ON "
	    "t.id = b.task_id JOIN units u ON u.id = t.unit_id WHERE "
	    "b.pay_state = '待到帐' ORDER BY b.task_id DESC LIMIT ?2 OFFSET ?1",
	[BJ_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1",
};

/* See bujiao.h. */
const char *
bujiao_yuan(int64_t fen, char buf[32])
{
	uint64_t	 a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(buf, 32, "%s%" PRIu64 ".%02" PRIu64, fen < 0 ? "-" : "",
	    a / 100, a % 100);
	return buf;
}

/* ---- The computation ---- */

/* A person's owing months, as arrears_person_months gives them. */
struct bj_months {
	char		 m[BUJIAO_MAX_MONTHS + 1][8];
	const char	*p[BUJIAO_MAX_MONTHS + 1];
	size_t		 n;
};

/* arrears_month_fn: keeps one month.  Returns 0, or 1 past the cap. */
static int
bj_month(void *arg, const struct arrears_month *m)
{
	struct bj_months	*a = arg;

	if (a->n > BUJIAO_MAX_MONTHS)
		return 1;
	snprintf(a->m[a->n], sizeof(a->m[a->n]), "%s", m->month);
	a->p[a->n] = a->m[a->n];
	a->n++;
	return 0;
}

/* What bujiao_compute carries from person to person. */
struct bj_ctx {
	struct store		*s;
	int64_t			 unit_id;
	int			 all;
	const struct hdate	*on;
	struct levy		*totals;
	bujiao_person_fn	 fn;
	void			*arg;
	struct form_errors	*errs;
	int			 row_no;
	struct bj_months	*months;
	struct levy_unit	*unit;	/* loaded once: its rates cached */
};

/* The error of a picked person who owes nothing here: elsewhere only
 * (「须到社保经办机构办理」) or nowhere.  Names nobody: the id may be any
 * unit's person.  Returns 0 or -1. */
static int
bj_not_owing(struct bj_ctx *x, const struct arrears_sum *sum)
{
	char	 field[40];
	int	 rc;

	snprintf(field, sizeof(field), "pid-%" PRId64, sum->person_id);
	if ((rc = arrears_elsewhere(x->s, sum->person_id, x->unit_id)) < 0)
		return -1;
	if (rc == 1)
		form_error_add(x->errs, field, "BJ_ELSEWHERE", "所选人员在本单"
		    "位没有欠费;其在其他单位的欠费须到社保经办机构办理");
	else
		form_error_add(x->errs, field, "BJ_NOTHING",
		    "所选人员在本单位没有欠费,无需补缴");
	return 0;
}

/* The error of a person whose arrears are in task_id (another 补缴
 * awaiting 到帐, or a 注销).  Returns 0 or -1. */
static int
bj_reserved(struct bj_ctx *x, const struct arrears_sum *sum)
{
	struct task	 t;
	char		 field[40];
	int		 rc;

	snprintf(field, sizeof(field), "pid-%" PRId64, sum->person_id);
	if ((rc = wf_load(x->s, sum->task_id, 0, &t)) < 0)
		return -1;
	form_error_addf(x->errs, NULL, field, "BJ_RESERVED", "%s(%s)的欠费"
	    "已在业务%s中办理,待该业务到帐确认或回退后再补缴", sum->name,
	    sum->idno, rc == 0 ? t.seq_no : "");
	return 0;
}

/* Computes one person (picked: named by the clerk).  Returns 0, fn's
 * non-zero value, or -1. */
static int
bj_one(struct bj_ctx *x, int64_t person_id, int picked)
{
	struct arrears_sum	 sum;
	struct bujiao_person	 p;
	struct levy		 lv;
	char			 field[40];
	int64_t			 ins;
	int			 rc;

	snprintf(field, sizeof(field), "pid-%" PRId64, person_id);
	if (arrears_person_sum(x->s, x->unit_id, person_id, &sum) != 0)
		return -1;
	if (sum.months == 0)
		return picked ? bj_not_owing(x, &sum) : 0;
	if (sum.reserved > 0)
		return picked ? bj_reserved(x, &sum) : 0;
	x->months->n = 0;
	if ((rc = arrears_person_months(x->s, x->unit_id, person_id,
	    BUJIAO_MAX_MONTHS + 1, bj_month, x->months)) < 0)
		return -1;
	if (x->months->n > BUJIAO_MAX_MONTHS) {
		form_error_addf(x->errs, NULL, field, "BJ_TOOLONG", "%s(%s)"
		    "欠费超过%d个月,须到社保经办机构办理", sum.name, sum.idno,
		    BUJIAO_MAX_MONTHS);
		return 0;
	}
	if (ins_row_id(x->s, person_id, x->unit_id, &ins) != 0)
		return -1;
	levy_init(&lv);
	lv.keep_lines = x->fn != NULL;
	if (ins == 0) {
		snprintf(lv.msg, sizeof(lv.msg), "该职工在本单位无参保记录,不能"
		    "核定欠费");
		rc = LEVY_NOBASE;
	} else
		rc = levy_compute(x->s, x->unit, ins, x->months->p,
		    x->months->n, x->on, &lv);
	if (rc == LEVY_NOPOLICY || rc == LEVY_NOBASE) {
		form_error_addf(x->errs, NULL, field, "BJ_LEVY", "%s(%s):%s",
		    sum.name, sum.idno, lv.msg);
		levy_free(&lv);
		return 0;
	}
	if (rc != 0) {
		levy_free(&lv);
		return -1;
	}
	levy_add(x->totals, &lv);
	memset(&p, 0, sizeof(p));
	p.row_no = ++x->row_no;
	p.person_id = person_id;
	snprintf(p.idno, sizeof(p.idno), "%s", sum.idno);
	snprintf(p.name, sizeof(p.name), "%s", sum.name);
	p.nmonths = x->months->n;
	snprintf(p.first, sizeof(p.first), "%s", sum.first);
	snprintf(p.last, sizeof(p.last), "%s", sum.last);
	p.unit_fen = lv.side[LEVY_UNIT].amount_fen;
	p.person_fen = lv.side[LEVY_PERSON].amount_fen;
	p.late_fen = lv.total.late_fen;
	p.lv = &lv;
	rc = x->fn != NULL ? x->fn(x->arg, &p) : 0;
	levy_free(&lv);
	return rc;
}

/* The person ids of a page of the unit's owing persons. */
struct bj_ids {
	int64_t		*id;
	size_t		 n, cap;
};

/* arrears_person_fn: keeps the id.  Returns 0 or -1 (no memory). */
static int
bj_keep_id(void *arg, const struct arrears_sum *p)
{
	struct bj_ids	*a = arg;
	int64_t		*nid;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		if ((nid = realloc(a->id, a->cap * sizeof(*nid))) == NULL)
			return -1;
		a->id = nid;
	}
	a->id[a->n++] = p->person_id;
	return 0;
}

/* 单位全部清欠: every owing person of the unit, page by page of the
 * index, each computed.  Returns 0, fn's value, or -1. */
static int
bj_all(struct bj_ctx *x)
{
	struct bj_ids	 ids = { NULL, 0, 0 };
	int64_t		 offset = 0;
	size_t		 i, before;
	int		 rc = 0;

	do {
		before = ids.n;
		rc = arrears_unit_persons(x->s, x->unit_id, NULL, offset, 1000,
		    bj_keep_id, &ids);
		offset += 1000;
	} while (rc == 0 && ids.n - before == 1000);
	for (i = 0; rc == 0 && i < ids.n; i++)
		rc = bj_one(x, ids.id[i], 0);
	free(ids.id);
	if (rc == 0 && x->row_no == 0)
		form_error_add(x->errs, "pid", "BJ_NONE", "本单位没有待补缴的"
		    "欠费(正在其他补缴业务中的欠费除外)");
	return rc;
}

/* See bujiao.h. */
int
bujiao_compute(struct store *s, int64_t unit_id, const int64_t *pids,
    size_t n, int all, const struct hdate *on, struct levy *totals,
    bujiao_person_fn fn, void *arg, struct form_errors *errs)
{
	struct bj_ctx	 x;
	struct hdate	 today;
	size_t		 i, j;
	int		 rc = 0;

	if (on == NULL) {
		clock_today(&today);
		on = &today;
	}
	memset(&x, 0, sizeof(x));
	x.s = s;
	x.unit_id = unit_id;
	x.all = all;
	x.on = on;
	x.totals = totals;
	x.fn = fn;
	x.arg = arg;
	x.errs = errs;
	if ((x.months = malloc(sizeof(*x.months))) == NULL)
		return -1;
	if ((x.unit = malloc(sizeof(*x.unit))) == NULL ||
	    levy_unit_load(s, unit_id, x.unit) != 0) {
		free(x.unit);
		free(x.months);
		return -1;
	}
	if (all)
		rc = bj_all(&x);
	else if (n == 0)
		form_error_add(errs, "pid", "REQUIRED", "请勾选需要补缴欠费的"
		    "人员,或选择单位全部清欠");
	else if (n > BUJIAO_MAX_PIDS)
		form_error_add(errs, "pid", "TOOMANY", "一次最多选择1000人,"
		    "更多人员请选择单位全部清欠");
	else
		for (i = 0; rc == 0 && i < n; i++) {
			for (j = 0; j < i && pids[j] != pids[i]; j++)
				;
			if (j == i)	/* each person once */
				rc = bj_one(&x, pids[i], 1);
		}
	free(x.unit);
	free(x.months);
	return rc;
}

/* ---- Saving ---- */

/* What the save's person callback stores into. */
struct bj_save {
	struct store	*s;
	int64_t		 task_id;
};

/* The most lines of one month: every type, both sides. */
#define BJ_MONTH_LINES	(LEVY_TYPE__MAX * LEVY_SIDE__MAX)

/* Stores lines[0..n) (one month's, of row row_no) as one row: each
 * line "type,side,base,bp,amount,days,late_bp,late;".  Returns 0 or
 * -1. */
static int
bj_month_store(struct bj_save *a, int row_no, const struct levy_line *l,
    size_t n)
{
	struct store_stmt	*st;
	char			 due[11], text[BJ_MONTH_LINES * 96 + 1];
	size_t			 i, len = 0;
	int			 w;

	text[0] = '\0';
	for (i = 0; i < n; i++) {
		w = snprintf(text + len, sizeof(text) - len, "%d,%d,%" PRId64
		    ",%d,%" PRId64 ",%ld,%d,%" PRId64 ";", (int)l[i].type,
		    (int)l[i].side, l[i].base_fen, l[i].rate_bp,
		    l[i].amount_fen, l[i].late_days, l[i].late_bp,
		    l[i].late_fen);
		if (w < 0 || (size_t)w >= sizeof(text) - len)
			return -1;
		len += (size_t)w;
	}
	hdate_fmt(&l[0].due, due);
	st = store_stmt(a->s, bj_sql[BJ_STMT_LINE]);
	if (st == NULL || store_bind_int(st, 1, a->task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0 ||
	    store_bind_text(st, 3, l[0].month) != 0 ||
	    store_bind_text(st, 4, due) != 0 ||
	    store_bind_text(st, 5, text) != 0)
		return -1;
	return store_exec_stmt(a->s, st);
}

/* bujiao_person_fn of the save: the person's row and lines.
 * Returns 0 or -1. */
static int
bj_person_store(void *arg, const struct bujiao_person *p)
{
	struct bj_save		*a = arg;
	struct store_stmt	*st;
	size_t			 i, j;

	st = store_stmt(a->s, bj_sql[BJ_STMT_PERSON]);
	if (st == NULL || store_bind_int(st, 1, a->task_id) != 0 ||
	    store_bind_int(st, 2, p->row_no) != 0 ||
	    store_bind_int(st, 3, p->person_id) != 0 ||
	    store_bind_text(st, 4, p->name) != 0 ||
	    store_bind_text(st, 5, p->idno) != 0 ||
	    store_bind_int(st, 6, (int64_t)p->nmonths) != 0 ||
	    store_bind_text(st, 7, p->first) != 0 ||
	    store_bind_text(st, 8, p->last) != 0 ||
	    store_bind_int(st, 9, p->unit_fen) != 0 ||
	    store_bind_int(st, 10, p->person_fen) != 0 ||
	    store_bind_int(st, 11, p->late_fen) != 0 ||
	    store_exec_stmt(a->s, st) != 0)
		return -1;
	/* levy gives the lines month by month: one row per month. */
	for (i = 0; i < p->lv->nlines; i = j) {
		for (j = i + 1; j < p->lv->nlines && j - i < BJ_MONTH_LINES &&
		    strcmp(p->lv->lines[j].month, p->lv->lines[i].month) == 0;
		    j++)
			;
		if (bj_month_store(a, p->row_no, &p->lv->lines[i], j - i))
			return -1;
	}
	return 0;
}

/* Stores the 补缴 row and its totals.  Returns 0 or -1. */
static int
bj_store_totals(struct store *s, int64_t task_id, int all,
    const struct levy *t, const struct hdate *on)
{
	struct store_stmt	*st;
	char			 day[11];
	int			 ty, sd;

	hdate_fmt(on, day);
	st = store_stmt(s, bj_sql[BJ_STMT_INSERT]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, all ? "全部" : "员工") != 0 ||
	    store_bind_text(st, 3, day) != 0 ||
	    store_bind_int(st, 4, (int64_t)t->persons) != 0 ||
	    store_bind_int(st, 5, (int64_t)t->months) != 0 ||
	    store_bind_int(st, 6, t->total.amount_fen) != 0 ||
	    store_bind_int(st, 7, t->total.late_fen) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	for (ty = 0; ty < LEVY_TYPE__MAX; ty++)
		for (sd = 0; sd < LEVY_SIDE__MAX; sd++) {
			if (t->by[ty][sd].amount_fen == 0 &&
			    t->by[ty][sd].late_fen == 0)
				continue;
			st = store_stmt(s, bj_sql[BJ_STMT_TOTAL]);
			if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
			    store_bind_int(st, 2, ty) != 0 ||
			    store_bind_int(st, 3, sd) != 0 ||
			    store_bind_int(st, 4, t->by[ty][sd].amount_fen) ||
			    store_bind_int(st, 5, t->by[ty][sd].late_fen) ||
			    store_exec_stmt(s, st) != 0)
				return -1;
		}
	return 0;
}

/* The task's summary of totals t into buf. */
static void
bj_summary(const struct levy *t, int all, char *buf, size_t bufsz)
{
	char	 a[32], l[32];

	snprintf(buf, bufsz, "%s %zu人 %zu人月 应缴%s元 滞纳金%s元",
	    all ? "单位全部清欠" : "单位员工欠费补缴", t->persons, t->months,
	    bujiao_yuan(t->total.amount_fen, a),
	    bujiao_yuan(t->total.late_fen, l));
}

/* See bujiao.h. */
int
bujiao_save(struct store *s, const struct actor *who, const int64_t *pids,
    size_t n, int all, const char *dedup_key, int64_t *task_id,
    int *created, struct form_errors *errs)
{
	struct levy	 totals;
	struct bj_save	 a;
	struct task	 t;
	struct hdate	 on;
	char		 summary[200], object[40];
	int		 rc, again;

	*created = 0;
	clock_today(&on);
	if (store_begin(s) != 0)
		return -1;
	if ((rc = wf_save_draft(s, BUJIAO_BUSINESS, who, NULL,
	    all ? "单位全部清欠" : "单位员工欠费补缴", dedup_key, task_id,
	    created)) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	levy_init(&totals);
	totals.keep_lines = 0;
	a.s = s;
	a.task_id = *task_id;
	rc = bujiao_compute(s, who->unit_id, pids, n, all, &on, &totals,
	    bj_person_store, &a, errs);
	if (rc != 0 || errs->n > 0) {
		store_rollback(s);
		levy_free(&totals);
		*created = 0;
		return rc != 0 ? -1 : 1;
	}
	bj_summary(&totals, all, summary, sizeof(summary));
	snprintf(object, sizeof(object), "task:%" PRId64, *task_id);
	if (bj_store_totals(s, *task_id, all, &totals, &on) != 0 ||
	    wf_load(s, *task_id, who->unit_id, &t) != 0 ||
	    wf_save_draft(s, BUJIAO_BUSINESS, who, &t, summary, NULL,
	    task_id, &again) != 0 ||
	    audit_append(s, who, "bujiao.save", object, summary) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		levy_free(&totals);
		*created = 0;
		return -1;
	}
	levy_free(&totals);
	return 0;
}

/* ---- Reading ---- */

/* See bujiao.h. */
int
bujiao_load(struct store *s, int64_t task_id, struct bujiao_info *out)
{
	struct store_stmt	*st;
	int			 rc, ty, sd;

	memset(out, 0, sizeof(*out));
	out->task_id = task_id;
	if ((st = store_stmt(s, bj_sql[BJ_STMT_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		snprintf(out->scope, sizeof(out->scope), "%s",
		    store_col_text(st, 0));
		snprintf(out->computed_on, sizeof(out->computed_on), "%s",
		    store_col_text(st, 1));
		out->persons = store_col_int64(st, 2);
		out->months = store_col_int64(st, 3);
		out->amount_fen = store_col_int64(st, 4);
		out->late_fen = store_col_int64(st, 5);
		snprintf(out->pay_state, sizeof(out->pay_state), "%s",
		    store_col_text(st, 6));
		snprintf(out->tax_no, sizeof(out->tax_no), "%s",
		    store_col_text(st, 7));
		out->paid_fen = store_col_int64(st, 8);
		snprintf(out->paid_on, sizeof(out->paid_on), "%s",
		    store_col_text(st, 9));
		out->state_by = store_col_int64(st, 10);
		out->state_at = (time_t)store_col_int64(st, 11);
	}
	store_reset(st);
	if (rc != STORE_ROW)
		return rc == STORE_DONE ? 1 : -1;
	if ((st = store_stmt(s, bj_sql[BJ_STMT_TOTALS])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		ty = store_col_int(st, 0);
		sd = store_col_int(st, 1);
		if (ty < 0 || ty >= LEVY_TYPE__MAX || sd < 0 ||
		    sd >= LEVY_SIDE__MAX)
			continue;
		out->by[ty][sd].amount_fen = store_col_int64(st, 2);
		out->by[ty][sd].late_fen = store_col_int64(st, 3);
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}

/* See bujiao.h. */
int
bujiao_persons(struct store *s, int64_t task_id, int offset, int limit,
    bujiao_person_fn fn, void *arg)
{
	struct store_stmt	*st;
	struct bujiao_person	 p;
	int			 rc, n = 0;

	if (limit < 1 || limit > 1000 || offset < 0)
		return -1;
	if ((st = store_stmt(s, bj_sql[BJ_STMT_PERSONS])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, offset) != 0 ||
	    store_bind_int(st, 3, limit) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&p, 0, sizeof(p));
		p.row_no = store_col_int(st, 0);
		p.person_id = store_col_int64(st, 1);
		snprintf(p.idno, sizeof(p.idno), "%s", store_col_text(st, 2));
		snprintf(p.name, sizeof(p.name), "%s", store_col_text(st, 3));
		p.nmonths = (size_t)store_col_int64(st, 4);
		snprintf(p.first, sizeof(p.first), "%s", store_col_text(st, 5));
		snprintf(p.last, sizeof(p.last), "%s", store_col_text(st, 6));
		p.unit_fen = store_col_int64(st, 7);
		p.person_fen = store_col_int64(st, 8);
		p.late_fen = store_col_int64(st, 9);
		n++;
		if (fn(arg, &p) != 0) {
			rc = STORE_DONE;
			break;
		}
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* Parses one line "type,side,base,bp,amount,days,late_bp,late" of
 * text into *l (month and due already set).  Returns 0, or -1 when
 * malformed. */
static int
bj_line_parse(const char *text, struct levy_line *l)
{
	long long	 v[8];
	char		*end;
	int		 i;

	for (i = 0; i < 8; i++) {
		v[i] = strtoll(text, &end, 10);
		if (end == text || (*end != (i < 7 ? ',' : ';')))
			return -1;
		text = end + 1;
	}
	if (v[0] < 0 || v[0] >= LEVY_TYPE__MAX || v[1] < 0 ||
	    v[1] >= LEVY_SIDE__MAX)
		return -1;
	l->type = (enum levy_type)v[0];
	l->side = (enum levy_side)v[1];
	l->base_fen = v[2];
	l->rate_bp = (int)v[3];
	l->amount_fen = v[4];
	l->late_days = (long)v[5];
	l->late_bp = (int)v[6];
	l->late_fen = v[7];
	return 0;
}

/* Walks the person-month rows st selects (bound by the caller), each
 * line as bujiao_line_fn.  Returns the number of lines walked, or -1. */
static int
bj_lines_walk(struct store_stmt *st, bujiao_line_fn fn, void *arg)
{
	struct levy_line	 l;
	struct hdate		 due;
	const char		*p;
	int			 rc, row, n = 0, stop = 0;

	while (!stop && (rc = store_step(st)) == STORE_ROW) {
		memset(&l, 0, sizeof(l));
		row = store_col_int(st, 0);
		snprintf(l.month, sizeof(l.month), "%s", store_col_text(st, 1));
		if (valid_date(store_col_text(st, 2), &due) == VALID_OK)
			l.due = due;
		for (p = store_col_text(st, 3); *p != '\0' && !stop;
		    p = strchr(p, ';') + 1) {
			if (bj_line_parse(p, &l) != 0) {
				log_err("bujiao: a malformed line of row %d",
				    row);
				store_reset(st);
				return -1;
			}
			n++;
			stop = fn(arg, row, &l) != 0;
		}
	}
	store_reset(st);
	return stop || rc == STORE_DONE ? n : -1;
}

/* See bujiao.h. */
int
bujiao_task_person_lines(struct store *s, int64_t task_id, int row_no,
    bujiao_line_fn fn, void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, bj_sql[BJ_STMT_ROW_LINES])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0)
		return -1;
	return bj_lines_walk(st, fn, arg);
}

/* See bujiao.h. */
int
bujiao_count_state(struct store *s, const char *state, int64_t *n)
{
	return store_int_text(s, bj_sql[BJ_STMT_COUNT_STATE], state, 0, n);
}

/* See bujiao.h. */
int
bujiao_awaiting_page(struct store *s, int offset, int limit,
    void (*fn)(void *arg, const struct bujiao_awaiting *a), void *arg)
{
	struct store_stmt	*st;
	struct bujiao_awaiting	 a;
	int			 rc, n = 0;

	if ((st = store_stmt(s, bj_sql[BJ_STMT_AWAITING])) == NULL ||
	    store_bind_int(st, 1, offset) != 0 ||
	    store_bind_int(st, 2, limit) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&a, 0, sizeof(a));
		a.task_id = store_col_int64(st, 0);
		snprintf(a.seq_no, sizeof(a.seq_no), "%s", store_col_text(st, 1));
		snprintf(a.unit_name, sizeof(a.unit_name), "%s",
		    store_col_text(st, 2));
		snprintf(a.computed_on, sizeof(a.computed_on), "%s",
		    store_col_text(st, 3));
		a.persons = store_col_int64(st, 4);
		a.total_fen = store_col_int64(st, 5);
		fn(arg, &a);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See bujiao.h. */
int
bujiao_late_in_month(struct store *s, int64_t unit_id,
    const struct hdate *today, long long *day)
{
	struct store_stmt	*st;
	char			 region[16] = "*";
	int			 rc;

	if ((st = store_stmt(s, bj_sql[BJ_STMT_REGION])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		snprintf(region, sizeof(region), "%s", store_col_text(st, 0));
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	if (policy_int(s, region, "bujiao.warn_after_day", today, 20,
	    day) < 0)
		return -1;
	return today->day > *day;
}

/* ---- The workflow's hooks ---- */

/* The persons of a task, read once for the check and the effect. */
struct bj_rows {
	struct bujiao_person	*p;
	size_t			 n, cap;
};

/* bujiao_person_fn: keeps a copy.  Returns 0 or -1. */
static int
bj_keep_person(void *arg, const struct bujiao_person *p)
{
	struct bj_rows		*a = arg;
	struct bujiao_person	*np;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		if ((np = realloc(a->p, a->cap * sizeof(*np))) == NULL)
			return -1;
		a->p = np;
	}
	a->p[a->n++] = *p;
	return 0;
}

/* Reads every person of task_id into *r (free r->p).  Returns 0 or -1. */
static int
bj_rows_all(struct store *s, int64_t task_id, struct bj_rows *r)
{
	int	 offset = 0, got;

	memset(r, 0, sizeof(*r));
	do {
		got = bujiao_persons(s, task_id, offset, 1000, bj_keep_person,
		    r);
		offset += 1000;
	} while (got == 1000);
	return got < 0 ? -1 : 0;
}

/* The check hook (提交审批, 审核通过): each person still owes here
 * exactly the months computed, none of them in another task.  Returns
 * 0 (look at errs) or -1. */
static int
bj_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct bj_rows		 r;
	struct arrears_sum	 sum;
	struct task		 t, o;
	char			 field[40];
	size_t			 i;
	int			 rc = -1;

	if (wf_load(s, task_id, 0, &t) != 0 || bj_rows_all(s, task_id, &r))
		return -1;
	if (r.n == 0)
		form_error_add(errs, "pid", "BJ_EMPTY", "该补缴业务没有人员");
	for (i = 0; i < r.n; i++) {
		snprintf(field, sizeof(field), "pid-%" PRId64, r.p[i].person_id);
		if (arrears_person_sum(s, t.unit_id, r.p[i].person_id, &sum))
			goto out;
		if (sum.reserved > 0 && sum.task_id != task_id) {
			if (wf_load(s, sum.task_id, 0, &o) != 0)
				snprintf(o.seq_no, sizeof(o.seq_no), "-");
			form_error_addf(errs, NULL, field, "BJ_RESERVED", "%s"
			    "(%s)的欠费已在业务%s中办理,请退单", r.p[i].name,
			    r.p[i].idno, o.seq_no);
		} else if (sum.months != (int64_t)r.p[i].nmonths ||
		    strcmp(sum.first, r.p[i].first) != 0 ||
		    strcmp(sum.last, r.p[i].last) != 0)
			form_error_addf(errs, NULL, field, "BJ_CHANGED", "%s(%s)"
			    "的欠费已变化(核定时%zu个月,%s至%s;现%" PRId64
			    "个月),请退单后重新核定", r.p[i].name, r.p[i].idno,
			    r.p[i].nmonths, r.p[i].first, r.p[i].last,
			    sum.months);
	}
	rc = 0;
out:
	free(r.p);
	return rc;
}

/* See bujiao.h: the check hook, which writes nothing. */
int
bujiao_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	return bj_check(s, task_id, errs);
}

/* Sets task_id's pay state by who at now.  Returns 0 or -1. */
static int
bj_set_state(struct store *s, int64_t task_id, const char *state,
    int64_t by)
{
	struct store_stmt	*st;

	st = store_stmt(s, bj_sql[BJ_STMT_STATE]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, state) != 0 ||
	    store_bind_int(st, 3, by) != 0 ||
	    store_bind_int(st, 4, (int64_t)clock_now()) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* The apply hook (结束): reserves every person's arrears for the task,
 * pay state 待到帐.  Returns 0 or -1. */
static int
bj_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct bj_rows	 r;
	struct task	 t;
	int64_t		 n;
	size_t		 i;
	int		 rc = -1;

	if (wf_load(s, task_id, 0, &t) != 0 || bj_rows_all(s, task_id, &r))
		return -1;
	for (i = 0; i < r.n; i++)
		if (arrears_reserve(s, t.unit_id, r.p[i].person_id, NULL,
		    task_id, &n) != 0) {
			log_err("bujiao: task %" PRId64 ": person %" PRId64
			    " not reserved", task_id, r.p[i].person_id);
			goto out;
		}
	rc = bj_set_state(s, task_id, BUJIAO_AWAITING,
	    who != NULL ? who->account_id : 0);
out:
	free(r.p);
	return rc;
}

/* The describe hook: the 核定表's facts.  Returns 0 or -1. */
static int
bj_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value),
    void *arg)
{
	struct bujiao_info	 b;
	char			 label[64], v[160], a[32], l[32];
	int			 ty, sd;

	if (bujiao_load(s, task_id, &b) != 0)
		return -1;
	field(arg, "补缴方式", strcmp(b.scope, "全部") == 0 ? "单位全部清欠" :
	    "单位员工欠费补缴");
	field(arg, "核定日期", b.computed_on);
	snprintf(v, sizeof(v), "%" PRId64 "人,%" PRId64 "人月", b.persons,
	    b.months);
	field(arg, "补缴人数", v);
	for (ty = 0; ty < LEVY_TYPE__MAX; ty++)
		for (sd = 0; sd < LEVY_SIDE__MAX; sd++) {
			if (b.by[ty][sd].amount_fen == 0 &&
			    b.by[ty][sd].late_fen == 0)
				continue;
			snprintf(label, sizeof(label), "%s %s",
			    levy_type_name((enum levy_type)ty),
			    levy_side_name((enum levy_side)sd));
			snprintf(v, sizeof(v), "应缴 %s 元,滞纳金 %s 元",
			    bujiao_yuan(b.by[ty][sd].amount_fen, a),
			    bujiao_yuan(b.by[ty][sd].late_fen, l));
			field(arg, label, v);
		}
	field(arg, "应缴合计(元)", bujiao_yuan(b.amount_fen, a));
	field(arg, "滞纳金合计(元)", bujiao_yuan(b.late_fen, a));
	field(arg, "应缴总额(元)", bujiao_yuan(b.amount_fen + b.late_fen, a));
	if (strcmp(b.pay_state, BUJIAO_ROLLED_BACK) == 0)
		field(arg, "状态", "已作废(单位已办理欠费补缴回退)");
	else if (strcmp(b.pay_state, BUJIAO_PAID) == 0) {
		snprintf(v, sizeof(v), "已到帐(税票号 %s,%s)", b.tax_no,
		    b.paid_on);
		field(arg, "状态", v);
	} else
		field(arg, "缴费说明", "请持本核定表到主管税务机关缴纳,缴费后"
		    "将税票带回社保经办机构办理缴费到帐确认");
	return 0;
}

/* The facts the rows hook gives per person, in its SELECT's order. */
static const char *const bj_row_labels[] = { "欠费月份", "单位应缴(元)",
	"个人应缴(元)", "滞纳金(元)" };

/* The rows hook.  Returns the rows walked or -1. */
static int
bj_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, bj_sql[BJ_STMT_WF_ROWS], task_id, bj_row_labels,
	    4, fn, arg);
}

/* The rows_page hook.  Returns the rows walked or -1. */
static int
bj_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, bj_sql[BJ_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, bj_row_labels, 4, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
bj_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, bj_sql[BJ_STMT_ROW_COUNT], task_id, 0, n);
}

/* ---- After approval: 回退 and 到帐 ---- */

/* Loads task_id (结束, of who's unit when who->unit_id > 0) and its 补缴
 * for a change of pay state.  Returns 0, 1 not found, 2 not approved
 * (msg set), -1. */
static int
bj_load_done(struct store *s, const struct actor *who, int64_t task_id,
    struct task *t, struct bujiao_info *b, char *msg, size_t msgsz)
{
	int	 rc;

	if ((rc = wf_load(s, task_id, who->unit_id, t)) != 0)
		return rc;
	if (strcmp(t->business, BUJIAO_BUSINESS) != 0)
		return 1;
	if ((rc = bujiao_load(s, task_id, b)) != 0)
		return rc;
	if (t->state != TASK_DONE || b->pay_state[0] == '\0') {
		snprintf(msg, msgsz, "该补缴业务尚未审核通过(当前状态:%s)",
		    task_state_names[t->state]);
		return 2;
	}
	return 0;
}

/* Issues every receipt of the task, so that all are voided together.
 * Returns 0 or -1. */
static int
bj_issue_all(struct store *s, int64_t task_id)
{
	const struct wf_receipt	*kinds[8];
	struct receipt		 r;
	size_t			 i, n;

	n = receipt_kinds(&bujiao_business, kinds, 8);
	for (i = 0; i < n; i++)
		if (receipt_issue(s, task_id, 0, kinds[i], &r) < 0)
			return -1;
	return 0;
}

/* See bujiao.h. */
int
bujiao_rollback(struct store *s, const struct actor *who, int64_t task_id,
    char *msg, size_t msgsz)
{
	struct task		 t;
	struct bujiao_info	 b;
	char			 object[40];
	int64_t			 n;
	int			 rc;

	if (store_begin(s) != 0)
		return -1;
	if ((rc = bj_load_done(s, who, task_id, &t, &b, msg, msgsz)) != 0) {
		store_rollback(s);
		return rc == 1 ? 3 : rc;	/* 3: not found */
	}
	if (strcmp(b.pay_state, BUJIAO_ROLLED_BACK) == 0) {
		store_rollback(s);
		return 1;
	}
	if (strcmp(b.pay_state, BUJIAO_PAID) == 0) {
		snprintf(msg, msgsz, "该补缴已于%s缴费到帐确认(税票号%s),不能"
		    "回退;如有疑问请到社保经办机构办理", b.paid_on, b.tax_no);
		store_rollback(s);
		return 2;
	}
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	if (arrears_release(s, task_id, &n) != 0 ||
	    bj_issue_all(s, task_id) != 0 ||
	    receipt_void(s, task_id, "欠费补缴回退", clock_now()) != 0 ||
	    bj_set_state(s, task_id, BUJIAO_ROLLED_BACK, who->account_id) ||
	    audit_append(s, who, "bujiao.rollback", object, t.seq_no) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* See bujiao.h. */
int
bujiao_confirm(struct store *s, const struct actor *who, int64_t task_id,
    const char *tax_no, int64_t paid_fen, const char *paid_on, char *msg,
    size_t msgsz, struct form_errors *errs)
{
	struct store_stmt	*st;
	struct task		 t;
	struct bujiao_info	 b;
	char			 object[40], detail[160], a[32], g[32], d[32];
	int64_t			 n, due;
	int			 rc;

	if (store_begin(s) != 0)
		return -1;
	if ((rc = bj_load_done(s, who, task_id, &t, &b, msg, msgsz)) != 0) {
		store_rollback(s);
		return rc == 1 ? 4 : rc;	/* 4: not found */
	}
	if (strcmp(b.pay_state, BUJIAO_PAID) == 0) {
		store_rollback(s);
		return 1;
	}
	if (strcmp(b.pay_state, BUJIAO_ROLLED_BACK) == 0) {
		snprintf(msg, msgsz, "该补缴已由单位回退,核定表已作废,不能到帐"
		    "确认;请单位重新办理补缴");
		store_rollback(s);
		return 2;
	}
	due = b.amount_fen + b.late_fen;
	if (paid_fen != due) {
		form_error_addf(errs, NULL, "amount", "BJ_AMOUNT", "到帐金额与"
		    "核定表不符:核定应缴%s元,录入%s元,相差%s元",
		    bujiao_yuan(due, a), bujiao_yuan(paid_fen, g),
		    bujiao_yuan(paid_fen - due, d));
		store_rollback(s);
		return 3;
	}
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "税票号%s 金额%s元 %s", tax_no,
	    bujiao_yuan(paid_fen, a), paid_on);
	st = store_stmt(s, bj_sql[BJ_STMT_PAID]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, tax_no) != 0 ||
	    store_bind_int(st, 3, paid_fen) != 0 ||
	    store_bind_text(st, 4, paid_on) != 0 ||
	    store_bind_int(st, 5, who->account_id) != 0 ||
	    store_bind_int(st, 6, (int64_t)clock_now()) != 0 ||
	    store_exec_stmt(s, st) != 0 ||
	    arrears_settle(s, task_id, ARREARS_PAID, who->account_id,
	    (int64_t)clock_now(), &n) < 0 ||
	    audit_append(s, who, "bujiao.confirm", object, detail) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

static const struct wf_menu bj_menu[] = {
	{ "单位员工欠费补缴", "/bujiao" },
	{ "单位全部清欠", "/bujiao/all" },
	{ "生成欠费补缴单", "/bujiao/bills" },
	{ "欠费补缴回退", "/bujiao/bills?rollback=1" },
	{ NULL, NULL }
};

static const struct wf_receipt bj_receipts[] = {
	{ "bujiao_hd", "单位社会保险费核定表", "bujiao-hd", "HD" },
	{ "bujiao_mx", "社会保险费补缴明细表", "bujiao-mx", "MX" },
	{ NULL, NULL, NULL, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const bj_receipt_facts[] = {
	"欠费月份", "单位应缴(元)", "个人应缴(元)", NULL
};

/* Reviewed by the system (auto_review): every unit's submit is checked
 * by the rules at once and ends or is refused. */
const struct wf_business bujiao_business = {
	.code = BUJIAO_BUSINESS,
	.name = "欠费补缴",
	.path = "/bujiao",
	.review_days_min = 0,
	.review_days_max = 0,
	.auto_review = 1,
	.check = bj_check,
	.apply = bj_apply,
	.describe = bj_describe,
	.category = "jiaofei",
	.menu = bj_menu,
	.receipts = bj_receipts,
	.rows = bj_wf_rows,
	.row_count = bj_row_count,
	.rows_page = bj_wf_rows_page,
	.receipt_facts = bj_receipt_facts,
};
