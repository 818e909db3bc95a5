/*
 * employment.c: a unit's employment registrations (employments), read
 * one at a time by the unit that owns them, inserted by an approved
 * 用工备案 and revoked by an approved 撤销.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "employment.h"
#include "store.h"

/* The columns emp_row reads, in its order. */
#define EMP_COLUMNS \
	"e.id, e.person_id, e.unit_id, p.idno, p.name, e.reg_type, " \
	"e.contract_no, e.start_date, COALESCE(e.end_date, ''), e.post, " \
	"e.job_type, e.wage_fen, e.category, e.work_form, " \
	"COALESCE(e.hire_date, e.start_date), e.status, e.registered_at, " \
	"COALESCE(e.ended_at, ''), COALESCE(e.end_task_id, 0), " \
	"e.reg_region, COALESCE(e.reg_task_id, 0), e.late, " \
	"COALESCE(e.revoke_task_id, 0), COALESCE(e.revoked_at, '')"

/* Copies column i of st into dst of size dstsz. */
static void
col(struct store_stmt *st, int i, char *dst, size_t dstsz)
{
	snprintf(dst, dstsz, "%s", store_col_text(st, i));
}

/* Fills e from the current row of an EMP_COLUMNS statement. */
static void
emp_row(struct store_stmt *st, struct employment *e)
{
	memset(e, 0, sizeof(*e));
	e->id = store_col_int64(st, 0);
	e->person_id = store_col_int64(st, 1);
	e->unit_id = store_col_int64(st, 2);
	col(st, 3, e->idno, sizeof(e->idno));
	col(st, 4, e->name, sizeof(e->name));
	col(st, 5, e->reg_type, sizeof(e->reg_type));
	col(st, 6, e->contract_no, sizeof(e->contract_no));
	col(st, 7, e->start_date, sizeof(e->start_date));
	col(st, 8, e->end_date, sizeof(e->end_date));
	col(st, 9, e->post, sizeof(e->post));
	col(st, 10, e->job_type, sizeof(e->job_type));
	e->wage_fen = store_col_int64(st, 11);
	col(st, 12, e->category, sizeof(e->category));
	col(st, 13, e->work_form, sizeof(e->work_form));
	col(st, 14, e->hire_date, sizeof(e->hire_date));
	col(st, 15, e->status, sizeof(e->status));
	col(st, 16, e->registered_at, sizeof(e->registered_at));
	col(st, 17, e->ended_at, sizeof(e->ended_at));
	e->end_task_id = store_col_int64(st, 18);
	col(st, 19, e->reg_region, sizeof(e->reg_region));
	e->reg_task_id = store_col_int64(st, 20);
	e->late = store_col_int(st, 21);
	e->revoke_task_id = store_col_int64(st, 22);
	col(st, 23, e->revoked_at, sizeof(e->revoked_at));
}

int
emp_load(struct store *s, int64_t unit_id, int64_t id, struct employment *out)
{
	struct store_stmt	*st;
	int			 rc;

	st = store_stmt(s, "SELECT " EMP_COLUMNS " FROM employments e "
	    "JOIN persons p ON p.id = e.person_id WHERE e.id = ?1 AND "
	    "e.unit_id = ?2");
	if (st == NULL || store_bind_int(st, 1, id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		emp_row(st, out);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Binds text v to parameter i of st, NULL when v is empty. */
static int
bind_opt(struct store_stmt *st, int i, const char *v)
{
	return v[0] == '\0' ? store_bind_null(st, i) :
	    store_bind_text(st, i, v);
}

int
emp_insert(struct store *s, const struct employment *e, const char *now,
    int64_t *id)
{
	struct store_stmt	*st;

	st = store_stmt(s, "INSERT INTO employments (person_id, unit_id, "
	    "reg_type, contract_no, start_date, end_date, post, job_type, "
	    "wage_fen, category, work_form, hire_date, status, "
	    "registered_at, reg_region, reg_task_id, late) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '在职', ?13, ?14, "
	    "?15, ?16)");
	if (st == NULL || store_bind_int(st, 1, e->person_id) != 0 ||
	    store_bind_int(st, 2, e->unit_id) != 0 ||
	    store_bind_text(st, 3, e->reg_type[0] != '\0' ? e->reg_type :
	    "单位用工备案") != 0 ||
	    store_bind_text(st, 4, e->contract_no) != 0 ||
	    store_bind_text(st, 5, e->start_date) != 0 ||
	    bind_opt(st, 6, e->end_date) != 0 ||
	    store_bind_text(st, 7, e->post) != 0 ||
	    store_bind_text(st, 8, e->job_type) != 0 ||
	    store_bind_int(st, 9, e->wage_fen) != 0 ||
	    store_bind_text(st, 10, e->category[0] != '\0' ? e->category :
	    "合同制") != 0 ||
	    store_bind_text(st, 11, e->work_form[0] != '\0' ? e->work_form :
	    "全日制") != 0 ||
	    bind_opt(st, 12, e->hire_date) != 0 ||
	    store_bind_text(st, 13, now) != 0 ||
	    store_bind_text(st, 14, e->reg_region) != 0 ||
	    (e->reg_task_id > 0 ? store_bind_int(st, 15, e->reg_task_id) :
	    store_bind_null(st, 15)) != 0 ||
	    store_bind_int(st, 16, e->late != 0) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	*id = store_last_id(s);
	return 0;
}

int
emp_contract_taken(struct store *s, const char *contract_no)
{
	int64_t	 n;

	if (store_int_text(s, "SELECT EXISTS (SELECT 1 FROM employments "
	    "WHERE contract_no = ?1)", contract_no, 0, &n) != 0)
		return -1;
	return n != 0;
}

int
emp_set_revoked(struct store *s, int64_t unit_id, int64_t id,
    int64_t task_id, const char *now)
{
	struct store_stmt	*st;

	st = store_stmt(s, "UPDATE employments SET status = '已撤销', "
	    "revoke_task_id = ?3, revoked_at = ?4 WHERE id = ?1 AND "
	    "unit_id = ?2 AND status <> '已撤销'");
	if (st == NULL || store_bind_int(st, 1, id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_int(st, 3, task_id) != 0 ||
	    store_bind_text(st, 4, now) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	return store_changes(s) > 0 ? 0 : 1;
}

int
emp_fulltime(struct store *s, const char *idno, int64_t unit_id, int *here,
    char contract_no[48], int *elsewhere)
{
	struct store_stmt	*st;
	int			 rc;

	*here = *elsewhere = 0;
	contract_no[0] = '\0';
	st = store_stmt(s, "SELECT e.unit_id = ?2, e.contract_no FROM "
	    "persons p JOIN employments e ON e.person_id = p.id WHERE "
	    "p.idno = ?1 AND e.status = '在职' AND e.work_form = '全日制'");
	if (st == NULL || store_bind_text(st, 1, idno) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (store_col_int(st, 0)) {
			*here = 1;
			snprintf(contract_no, 48, "%s", store_col_text(st, 1));
		} else
			*elsewhere = 1;
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}

int
emp_person_elsewhere(struct store *s, int64_t person_id, int64_t unit_id)
{
	struct store_stmt	*st;
	int64_t			 n;

	st = store_stmt(s, "SELECT EXISTS (SELECT 1 FROM employments "
	    "WHERE person_id = ?1 AND unit_id <> ?2)");
	if (st == NULL || store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_step_int(st, 0, &n) != STORE_ROW)
		return -1;
	return n != 0;
}

/* See employment.h. */
int
emp_current_here(struct store *s, int64_t person_id, int64_t unit_id)
{
	struct store_stmt	*st;
	int64_t			 n;

	if (person_id <= 0)
		return 0;
	st = store_stmt(s, "SELECT EXISTS (SELECT 1 FROM employments WHERE "
	    "person_id = ?1 AND unit_id = ?2 AND status = '在职')");
	if (st == NULL || store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_step_int(st, 0, &n) != STORE_ROW)
		return -1;
	return n != 0;
}
