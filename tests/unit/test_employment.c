/*
 * test_employment.c: employment registrations (lib/employment.c): a
 * registration read back whole by its unit and by no other, a new one
 * 在职 with what its 用工备案 said and counted in the unit's staff
 * tally, 合同编号 taken, and a 撤销 that marks it once.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "../suites.h"
#include "employment.h"
#include "helpers.h"
#include "store.h"

/* A registration of person pid at unit uid with contract cno. */
static void
sample(struct employment *e, int64_t pid, int64_t uid, const char *cno)
{
	memset(e, 0, sizeof(*e));
	e->person_id = pid;
	e->unit_id = uid;
	snprintf(e->contract_no, sizeof(e->contract_no), "%s", cno);
	snprintf(e->start_date, sizeof(e->start_date), "2026-11-01");
	snprintf(e->post, sizeof(e->post), "出纳");
	snprintf(e->job_type, sizeof(e->job_type), "会计");
	e->wage_fen = 650000;
	snprintf(e->work_form, sizeof(e->work_form), "非全日制");
	snprintf(e->hire_date, sizeof(e->hire_date), "2026-10-28");
	e->reg_task_id = 0;
	e->late = 1;
}

START_TEST(emp_insert_load_revoke)
{
	struct th_db		 db;
	struct employment	 in, out;
	int64_t			 u1, u2, pid, id, staff;

	th_db_open(&db);
	u1 = th_unit(db.s, "甲单位", 0);
	u2 = th_unit(db.s, "乙单位", 0);
	pid = th_person(db.s, "420102199001011236", "张三", "男",
	    "1990-01-01");
	sample(&in, pid, u1, "HT-2026-001");
	ck_assert_int_eq(emp_contract_taken(db.s, "HT-2026-001"), 0);
	ck_assert_int_eq(emp_insert(db.s, &in, "2026-11-02 09:00:00", &id), 0);
	ck_assert_int_eq(emp_contract_taken(db.s, "HT-2026-001"), 1);

	ck_assert_int_eq(emp_load(db.s, u1, id, &out), 0);
	ck_assert_str_eq(out.name, "张三");
	ck_assert_str_eq(out.idno, "420102199001011236");
	ck_assert_str_eq(out.status, "在职");
	ck_assert_str_eq(out.work_form, "非全日制");
	ck_assert_str_eq(out.job_type, "会计");
	ck_assert_str_eq(out.hire_date, "2026-10-28");
	ck_assert_str_eq(out.end_date, "");		/* 无固定期限 */
	ck_assert_str_eq(out.category, "合同制");	/* the default */
	ck_assert_str_eq(out.reg_type, "单位用工备案");
	ck_assert_int_eq(out.late, 1);
	ck_assert_int_eq(out.reg_task_id, 0);
	ck_assert_int_eq(out.wage_fen, 650000);

	/* Another unit sees nothing, nor an id that is not there. */
	ck_assert_int_eq(emp_load(db.s, u2, id, &out), 1);
	ck_assert_int_eq(emp_load(db.s, u1, id + 1000, &out), 1);

	staff = th_count(db.s, "SELECT n FROM tallies WHERE name = 'staff'");
	ck_assert_int_eq(staff, 1);

	/* Only the owner revokes, once. */
	ck_assert_int_eq(emp_set_revoked(db.s, u2, id, 7,
	    "2026-11-20 10:00:00"), 1);
	ck_assert_int_eq(emp_set_revoked(db.s, u1, id, 7,
	    "2026-11-20 10:00:00"), 0);
	ck_assert_int_eq(emp_set_revoked(db.s, u1, id, 8,
	    "2026-11-21 10:00:00"), 1);
	ck_assert_int_eq(emp_load(db.s, u1, id, &out), 0);
	ck_assert_str_eq(out.status, "已撤销");
	ck_assert_int_eq(out.revoke_task_id, 7);
	ck_assert_str_eq(out.revoked_at, "2026-11-20 10:00:00");
	staff = th_count(db.s, "SELECT n FROM tallies WHERE name = 'staff'");
	ck_assert_int_eq(staff, 0);
	th_db_close(&db);
}
END_TEST

START_TEST(emp_contract_unique)
{
	struct th_db		 db;
	struct employment	 in;
	int64_t			 u1, pid, id;

	th_db_open(&db);
	u1 = th_unit(db.s, "甲单位", 0);
	pid = th_person(db.s, "420102199001011236", "张三", "男",
	    "1990-01-01");
	sample(&in, pid, u1, "HT-X");
	ck_assert_int_eq(emp_insert(db.s, &in, "2026-11-02 09:00:00", &id), 0);
	/* The UNIQUE constraint holds even when a caller forgot to ask. */
	ck_assert_int_eq(emp_insert(db.s, &in, "2026-11-02 09:00:00", &id),
	    -1);
	th_db_close(&db);
}
END_TEST

static Suite *
employment_suite(void)
{
	Suite	*s = suite_create("employment");
	TCase	*tc = tcase_create("employment");

	tcase_add_test(tc, emp_insert_load_revoke);
	tcase_add_test(tc, emp_contract_unique);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(employment_suite)
