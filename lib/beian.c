/*
 * beian.c: 备案查询, a unit's employment registrations; see beian.h.
 *
 * Each search has a shape, and each shape its statement on an index in
 * the list's order (migration 17), so a page costs the same in a unit
 * of 20,000 as in one of 20, and nothing reads persons but by key:
 *   合同编号 given    the contract's unique key (one row at most)
 *   身份证号 given    the person's unique key, then employments_person_unit
 *                    (person, unit, 登记日期)
 *   姓名 given        employments_unit_name (unit, 姓名, 登记日期): an
 *                    exact 姓名, kept on the row by triggers
 *   status given     employments_unit_status_reg (unit, status, 登记日期)
 *   none             employments_unit_reg (unit, 登记日期)
 * The count of the whole list, or of one status, is kept in tallies
 * ('emp:<status>'); a search's is counted on its index.  The other
 * filters of a search are checked on the few rows the first one found.
 * Rows come back as ids in the list's order; each is then read whole
 * by emp_load (the unit's own only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "beian.h"
#include "chexiao.h"
#include "clock.h"
#include "employment.h"
#include "store.h"
#include "workflow.h"

/* Which index a search walks, most selective first. */
enum beian_shape {
	BEIAN_ALL,		/* the unit's, by 登记日期 */
	BEIAN_STATUS,		/* one status of the unit's */
	BEIAN_NAME,		/* one 姓名 of the unit's */
	BEIAN_IDNO,		/* one person's at the unit */
	BEIAN_CONTRACT,		/* one contract */
	BEIAN_SHAPE__MAX
};

/*
 * Parameters, the same in every statement: ?1 unit, ?2 status, ?3 and
 * ?4 the 登记日期 bounds [?3, ?4), ?5 LIMIT, ?6 OFFSET, ?7 姓名, ?8 身份证号,
 * ?9 合同编号 ("" = any).  The shapes by a key (姓名, 身份证号, 合同编号)
 * check every other filter on the rows the key found.
 */
#define BEIAN_RANGE	"e.registered_at >= ?3 AND e.registered_at < ?4"
#define BEIAN_REST	" AND (?2 = '' OR e.status = ?2) AND (?7 = '' OR " \
	"e.person_name = ?7) AND (?8 = '' OR e.person_id = (SELECT q.id " \
	"FROM persons q WHERE q.idno = ?8)) AND (?9 = '' OR " \
	"e.contract_no = ?9)"
#define BEIAN_WHERE_ALL	"e.unit_id = ?1 AND " BEIAN_RANGE
#define BEIAN_WHERE_STATUS "e.unit_id = ?1 AND e.status = ?2 AND " \
	BEIAN_RANGE
#define BEIAN_WHERE_NAME "e.unit_id = ?1 AND e.person_name = ?7 AND " \
	BEIAN_RANGE BEIAN_REST
#define BEIAN_WHERE_IDNO "e.person_id = (SELECT p.id FROM persons p " \
	"WHERE p.idno = ?8) AND e.unit_id = ?1 AND " BEIAN_RANGE BEIAN_REST
#define BEIAN_WHERE_CONTRACT "e.contract_no = ?9 AND e.unit_id = ?1 AND " \
	BEIAN_RANGE BEIAN_REST
#define BEIAN_PAGE(w)	"SELECT e.id FROM employments e WHERE " w \
	" ORDER BY e.registered_at DESC, e.id DESC LIMIT ?5 OFFSET ?6"
#define BEIAN_COUNT(w)	"SELECT COUNT(*) FROM employments e WHERE " w

/* The page statement of each shape. */
static const char *const beian_page_sql[BEIAN_SHAPE__MAX] = {
	[BEIAN_ALL] = BEIAN_PAGE(BEIAN_WHERE_ALL),
	[BEIAN_STATUS] = BEIAN_PAGE(BEIAN_WHERE_STATUS),
	[BEIAN_NAME] = BEIAN_PAGE(BEIAN_WHERE_NAME),
	[BEIAN_IDNO] = BEIAN_PAGE(BEIAN_WHERE_IDNO),
	[BEIAN_CONTRACT] = BEIAN_PAGE(BEIAN_WHERE_CONTRACT),
};

/* The count statement of each shape. */
static const char *const beian_count_sql[BEIAN_SHAPE__MAX] = {
	[BEIAN_ALL] = BEIAN_COUNT(BEIAN_WHERE_ALL),
	[BEIAN_STATUS] = BEIAN_COUNT(BEIAN_WHERE_STATUS),
	[BEIAN_NAME] = BEIAN_COUNT(BEIAN_WHERE_NAME),
	[BEIAN_IDNO] = BEIAN_COUNT(BEIAN_WHERE_IDNO),
	[BEIAN_CONTRACT] = BEIAN_COUNT(BEIAN_WHERE_CONTRACT),
};

/* See beian.h. */
int
beian_status_ok(const char *status)
{
	return strcmp(status, "在职") == 0 || strcmp(status, "已退工") == 0 ||
	    strcmp(status, "已撤销") == 0;
}

/* The shape of search f. */
static enum beian_shape
beian_shape(const struct beian_filter *f)
{
	if (f->contract_no[0] != '\0')
		return BEIAN_CONTRACT;
	if (f->idno[0] != '\0')
		return BEIAN_IDNO;
	if (f->name[0] != '\0')
		return BEIAN_NAME;
	if (f->status[0] != '\0')
		return BEIAN_STATUS;
	return BEIAN_ALL;
}

/* Binds the unit and f to st of shape sh (a page statement when paged:
 * its LIMIT and OFFSET are bound by the caller).  The 登记日期 bounds:
 * "" from the start, and up to the end of the day to (registered_at is
 * YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, both below to + "~").  Returns 0
 * or -1. */
static int
beian_bind(struct store_stmt *st, enum beian_shape sh, int64_t unit_id,
    const struct beian_filter *f)
{
	char	 hi[16];

	snprintf(hi, sizeof(hi), "%s~", f->to);
	if (store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, f->status) != 0 ||
	    store_bind_text(st, 3, f->from) != 0 ||
	    store_bind_text(st, 4, hi) != 0)
		return -1;
	if (sh < BEIAN_NAME)
		return 0;
	return store_bind_text(st, 7, f->name) != 0 ||
	    store_bind_text(st, 8, f->idno) != 0 ||
	    store_bind_text(st, 9, f->contract_no) != 0 ? -1 : 0;
}

/* The kept count of unit_id's registrations of status ("" every
 * status) into *n: tallies 'emp:<status>', kept by the triggers of
 * migration 17.  Returns 0 or -1. */
static int
beian_tally(struct store *s, int64_t unit_id, const char *status, int64_t *n)
{
	struct store_stmt	*st;

	if (status[0] != '\0')
		st = store_stmt(s, "SELECT n FROM tallies WHERE unit_id = ?1 "
		    "AND name = 'emp:' || ?2");
	else
		st = store_stmt(s, "SELECT COALESCE(SUM(n), 0) FROM tallies "
		    "WHERE unit_id = ?1 AND name IN ('emp:在职', 'emp:已退工', "
		    "'emp:已撤销') AND ?2 = ''");
	if (st == NULL || store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, status) != 0)
		return -1;
	return store_step_int(st, 0, n) == STORE_ROW ? 0 : -1;
}

/* See beian.h. */
int
beian_count(struct store *s, int64_t unit_id, const struct beian_filter *f,
    int64_t *n)
{
	enum beian_shape	 sh = beian_shape(f);
	struct store_stmt	*st;

	*n = 0;
	/* No search but a status: the kept count. */
	if (sh <= BEIAN_STATUS && f->from[0] == '\0' && f->to[0] == '\0')
		return beian_tally(s, unit_id, f->status, n);
	if ((st = store_stmt(s, beian_count_sql[sh])) == NULL ||
	    beian_bind(st, sh, unit_id, f) != 0)
		return -1;
	return store_step_int(st, 0, n) == STORE_ROW ? 0 : -1;
}

/* See beian.h. */
int
beian_page(struct store *s, int64_t unit_id, const struct beian_filter *f,
    int64_t offset, int limit,
    int (*fn)(const struct employment *e, void *arg), void *arg)
{
	enum beian_shape	 sh = beian_shape(f);
	struct store_stmt	*st;
	struct employment	 e;
	int			 rc, n = 0;

	if ((st = store_stmt(s, beian_page_sql[sh])) == NULL ||
	    beian_bind(st, sh, unit_id, f) != 0 ||
	    store_bind_int(st, 5, limit) != 0 ||
	    store_bind_int(st, 6, offset > 0 ? offset : 0) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		/* Read whole by the unit's own key (a row of the page). */
		rc = emp_load(s, unit_id, store_col_int64(st, 0), &e);
		if (rc < 0)
			break;
		if (rc > 0)
			continue;
		n++;
		if (fn(&e, arg) != 0) {
			rc = STORE_DONE;
			break;
		}
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* ---- History ---- */

/* Calls fn with the task task_id of e's unit in role.  Returns 1 when
 * there was one, 0 when none (0, or not the unit's), -1 on error. */
static int
beian_event(struct store *s, const struct employment *e, const char *role,
    int64_t task_id, void (*fn)(const struct beian_event *ev, void *arg),
    void *arg)
{
	struct beian_event	 ev;
	struct task		 t;
	int			 rc;

	if (task_id <= 0)
		return 0;
	if ((rc = wf_load(s, task_id, e->unit_id, &t)) != 0)
		return rc < 0 ? -1 : 0;
	memset(&ev, 0, sizeof(ev));
	ev.role = role;
	ev.task_id = t.id;
	snprintf(ev.business, sizeof(ev.business), "%s", t.business);
	snprintf(ev.seq_no, sizeof(ev.seq_no), "%s", t.seq_no);
	ev.state = t.state < TASK_STATE__MAX ? task_state_names[t.state] : "";
	ev.returned = t.returned;
	ev.at = t.decided_at > 0 ? t.decided_at : t.submitted_at > 0 ?
	    t.submitted_at : t.created_at;
	fn(&ev, arg);
	return 1;
}

/* What beian_history hands to each 撤销 task. */
struct beian_hist {
	struct store		*s;
	const struct employment	*e;
	void			(*fn)(const struct beian_event *, void *);
	void			*arg;
	int			 n;
	int			 failed;
};

/* beian_revoke_tasks callback: one 撤销 event.  Returns 0, or 1 to
 * stop on error. */
static int
beian_hist_revoke(int64_t task_id, void *arg)
{
	struct beian_hist	*h = arg;
	int			 rc;

	rc = beian_event(h->s, h->e, "撤销", task_id, h->fn, h->arg);
	if (rc < 0) {
		h->failed = 1;
		return 1;
	}
	h->n += rc;
	return 0;
}

/* See beian.h. */
int
beian_history(struct store *s, const struct employment *e,
    void (*fn)(const struct beian_event *ev, void *arg), void *arg)
{
	struct beian_hist	 h;
	int			 rc;

	memset(&h, 0, sizeof(h));
	h.s = s;
	h.e = e;
	h.fn = fn;
	h.arg = arg;
	if ((rc = beian_event(s, e, "用工备案", e->reg_task_id, fn, arg)) < 0)
		return -1;
	h.n += rc;
	if ((rc = beian_event(s, e, "退工", e->end_task_id, fn, arg)) < 0)
		return -1;
	h.n += rc;
	if (beian_revoke_tasks(s, e, beian_hist_revoke, &h) < 0 || h.failed)
		return -1;
	return h.n;
}

/* What beian_revoke_tasks hands to cx_tasks_of_employment. */
struct beian_cx {
	const struct employment	*e;
	int			(*fn)(int64_t task_id, void *arg);
	void			*arg;
	int			 n;
	int			 saw_revoke;	/* met e's revoke_task_id */
};

/* cx_tasks_of_employment callback: one 撤销 task, passed on unless it
 * is the one that made e (a 信息错误's corrected registration, shown as
 * its registration).  Returns what fn returns. */
static int
beian_cx_task(void *arg, int64_t task_id, const char *seq_no,
    const char *state, const char *reason)
{
	struct beian_cx	*c = arg;

	(void)seq_no;
	(void)state;
	(void)reason;
	if (task_id == c->e->reg_task_id)
		return 0;
	if (task_id == c->e->revoke_task_id)
		c->saw_revoke = 1;
	c->n++;
	return c->fn(task_id, c->arg);
}

/* See beian.h: every 撤销 task of the registration (pending, returned,
 * refused and the one that revoked it), from lib/chexiao.h, and the
 * task named by revoke_task_id when it is not among them. */
int
beian_revoke_tasks(struct store *s, const struct employment *e,
    int (*fn)(int64_t task_id, void *arg), void *arg)
{
	struct beian_cx	 c;

	memset(&c, 0, sizeof(c));
	c.e = e;
	c.fn = fn;
	c.arg = arg;
	if (cx_tasks_of_employment(s, e->unit_id, e->id, beian_cx_task,
	    &c) < 0)
		return -1;
	/* A registration revoked other than by a 撤销 of the hall (e.g.
	 * at the counter, recorded by an operator) still shows it. */
	if (e->revoke_task_id > 0 && !c.saw_revoke) {
		fn(e->revoke_task_id, arg);
		c.n++;
	}
	return c.n;
}

/* ---- Export ---- */

/* The columns of the export, in order. */
static const char *const beian_export_head[] = {
	"姓名", "身份证号", "合同编号", "用工形式", "用工范围", "岗位",
	"工种", "月工资(元)", "合同起始日期", "合同终止日期", "用工之日",
	"登记日期", "登记地", "逾期", "状态", "终止日期", "撤销时间",
	"登记类型"
};
#define BEIAN_EXPORT_COLS \
	(sizeof(beian_export_head) / sizeof(beian_export_head[0]))

/* Where the export writes. */
struct beian_sheet {
	lxw_worksheet	*ws;
	lxw_format	*money;
	lxw_row_t	 row;
	int		 failed;
};

/* beian_page callback: one row of the sheet.  Returns 0, 1 to stop on
 * a write error. */
static int
beian_export_row(const struct employment *e, void *arg)
{
	struct beian_sheet	*sh = arg;
	const char		*cells[BEIAN_EXPORT_COLS];
	lxw_col_t		 i;
	lxw_error		 err = LXW_NO_ERROR;

	cells[0] = e->name;
	cells[1] = e->idno;
	cells[2] = e->contract_no;
	cells[3] = e->work_form;
	cells[4] = e->category;
	cells[5] = e->post;
	cells[6] = e->job_type;
	cells[7] = NULL;			/* the wage, a number */
	cells[8] = e->start_date;
	cells[9] = e->end_date[0] != '\0' ? e->end_date : "无固定期限";
	cells[10] = e->hire_date;
	cells[11] = e->registered_at;
	cells[12] = e->reg_region[0] != '\0' ? e->reg_region : "本地";
	cells[13] = e->late ? "是" : "否";
	cells[14] = e->status;
	cells[15] = e->ended_at;
	cells[16] = e->revoked_at;
	cells[17] = e->reg_type;
	sh->row++;
	for (i = 0; i < BEIAN_EXPORT_COLS && err == LXW_NO_ERROR; i++) {
		if (cells[i] == NULL)
			err = worksheet_write_number(sh->ws, sh->row, i,
			    (double)e->wage_fen / 100.0, sh->money);
		else if (cells[i][0] != '\0')
			err = worksheet_write_string(sh->ws, sh->row, i,
			    cells[i], NULL);
	}
	if (err != LXW_NO_ERROR) {
		sh->failed = 1;
		return 1;
	}
	return 0;
}

/* See beian.h. */
int
beian_export(struct store *s, int64_t unit_id, const struct beian_filter *f,
    const char *path, const char *tmpdir, int64_t max_rows, int64_t *rows)
{
	lxw_workbook_options	 opt;
	struct beian_sheet	 sh;
	lxw_workbook		*wb;
	lxw_format		*bold;
	char			 dir[256];
	lxw_col_t		 i;
	int			 n;

	*rows = 0;
	snprintf(dir, sizeof(dir), "%s", tmpdir != NULL ? tmpdir : "/tmp");
	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = dir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL)
		return -1;
	memset(&sh, 0, sizeof(sh));
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	sh.money = workbook_add_format(wb);
	format_set_num_format(sh.money, "0.00");
	if ((sh.ws = workbook_add_worksheet(wb, "用工备案登记清单")) == NULL) {
		workbook_close(wb);
		return -1;
	}
	for (i = 0; i < BEIAN_EXPORT_COLS; i++) {
		worksheet_set_column(sh.ws, i, i, i == 1 || i == 2 ||
		    i == 11 || i == 16 ? 22 : 12, NULL);
		if (worksheet_write_string(sh.ws, 0, i, beian_export_head[i],
		    bold) != LXW_NO_ERROR)
			sh.failed = 1;
	}
	n = sh.failed ? -1 : beian_page(s, unit_id, f, 0, max_rows >
	    INT32_MAX ? INT32_MAX : (int)max_rows, beian_export_row, &sh);
	if (workbook_close(wb) != LXW_NO_ERROR || n < 0 || sh.failed)
		return -1;
	*rows = n;
	return 0;
}
