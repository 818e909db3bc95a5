/*
 * test_beian.c: 备案查询 (lib/beian.c): a unit's registrations searched
 * by each filter (姓名 exactly, 身份证号, 合同编号, status, 登记日期) and
 * their combinations, counted and paged newest first, another unit's
 * rows never returned whatever is searched, the 姓名 kept on the row by
 * the triggers of migration 17 (a renamed person is found by the new
 * name), a registration's history of tasks (only its unit's), and the
 * export: a real .xlsx read back with lib/xlsx.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <sqlite3.h>

#include "../suites.h"
#include "helpers.h"
#include "beian.h"
#include "employment.h"
#include "store.h"
#include "tuigong.h"
#include "xlsx.h"

static struct th_db	 db;
static int64_t		 unit_a, unit_b;

/* Runs SQL q of the test on the store. */
static void
sql(const char *q)
{
	th_exec(db.s, q);
}

/* Inserts a task seq of business for unit in state, created,
 * submitted and decided at those times (0: never).  Returns its id. */
static int64_t
task_row(const char *seq, const char *business, int64_t unit,
    const char *state, int64_t created, int64_t submitted, int64_t decided)
{
	char	 q[512];

	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, unit_id, "
	    "state, created_at, submitted_at, decided_at, updated_at) VALUES "
	    "('%s', '%s', %lld, '%s', %lld, %lld, %lld, 0)", seq, business,
	    (long long)unit, state, (long long)created, (long long)submitted,
	    (long long)decided);
	sql(q);
	return store_last_id(db.s);
}

/* Employs person pid at unit uid under contract cno, status st,
 * registered at reg.  Returns the employment's id. */
static int64_t
employ(int64_t pid, int64_t uid, const char *cno, const char *st,
    const char *reg)
{
	struct store_stmt	*q;

	q = store_stmt(db.s, "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, registered_at, status) VALUES "
	    "(?1, ?2, ?3, '2020-01-01', ?4, ?5)");
	ck_assert_ptr_nonnull(q);
	ck_assert_int_eq(store_bind_int(q, 1, pid), 0);
	ck_assert_int_eq(store_bind_int(q, 2, uid), 0);
	ck_assert_int_eq(store_bind_text(q, 3, cno), 0);
	ck_assert_int_eq(store_bind_text(q, 4, reg), 0);
	ck_assert_int_eq(store_bind_text(q, 5, st), 0);
	ck_assert_int_eq(store_exec_stmt(db.s, q), 0);
	return store_last_id(db.s);
}

/*
 * Unit A: 60 persons 员工01 … 员工60, person i registered on day i of
 * 2026 (2026-01-01 + i - 1 … as YYYY-MM-DD of months 1-2), contract
 * A-i; every 5th 已退工, every 7th 已撤销, the rest 在职.  Person 3 has
 * a second, later contract A-3b (在职).  Unit B: 员工01 (another
 * person of the same name), contract B-1, registered latest of all,
 * and a contract of person 5 (A's) at B, B-5.
 */
static void
setup(void)
{
	char	 idno[19], name[32], cno[32], reg[20];
	int64_t	 pid, p5 = 0;
	int	 i;

	th_db_open(&db);
	unit_a = th_unit(db.s, "甲单位", 0);
	unit_b = th_unit(db.s, "乙单位", 0);
	for (i = 1; i <= 60; i++) {
		snprintf(idno, sizeof(idno), "42010219900101%04d", i);
		snprintf(name, sizeof(name), "员工%02d", i);
		pid = th_person(db.s, idno, name, "男", "1990-01-01");
		if (i == 5)
			p5 = pid;
		snprintf(cno, sizeof(cno), "A-%d", i);
		snprintf(reg, sizeof(reg), "2026-%02d-%02d 09:00:00",
		    i <= 31 ? 1 : 2, i <= 31 ? i : i - 31);
		employ(pid, unit_a, cno, i % 7 == 0 ? "已撤销" :
		    i % 5 == 0 ? "已退工" : "在职", reg);
		if (i == 3)
			employ(pid, unit_a, "A-3b", "在职",
			    "2026-03-01 10:00:00");
	}
	pid = th_person(db.s, "420102199001019001", "员工01", "女",
	    "1990-01-01");
	employ(pid, unit_b, "B-1", "在职", "2026-06-01 09:00:00");
	employ(p5, unit_b, "B-5", "在职", "2026-06-02 09:00:00");
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* What beian_page's callback saw. */
struct seen {
	int	 n;
	char	 contract[80][64];
	int64_t	 unit[80];
};

/* beian_page callback: records the contract and unit.  Returns 0. */
static int
see(const struct employment *e, void *arg)
{
	struct seen	*a = arg;

	if (a->n < 80) {
		snprintf(a->contract[a->n], sizeof(a->contract[0]), "%s",
		    e->contract_no);
		a->unit[a->n] = e->unit_id;
	}
	a->n++;
	return 0;
}

/* The count and first page (up to 80 rows) of unit u's rows f selects
 * into a; returns the count, asserting the page holds as many rows as
 * the count says (up to 80), all of unit u. */
static int64_t
search(int64_t u, const struct beian_filter *f, struct seen *a)
{
	int64_t	 n;
	int	 i, got;

	memset(a, 0, sizeof(*a));
	ck_assert_int_eq(beian_count(db.s, u, f, &n), 0);
	got = beian_page(db.s, u, f, 0, 80, see, a);
	ck_assert_int_eq(got, n < 80 ? n : 80);
	for (i = 0; i < got; i++)
		ck_assert_int_eq(a->unit[i], u);
	return n;
}

START_TEST(beian_all_newest_first_paged)
{
	struct beian_filter	 f;
	struct seen		 a;
	int			 i;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(search(unit_a, &f, &a), 61);
	/* Newest 登记日期 first: the second contract of person 3, then 60 … */
	ck_assert_str_eq(a.contract[0], "A-3b");
	ck_assert_str_eq(a.contract[1], "A-60");
	ck_assert_str_eq(a.contract[60], "A-1");
	/* Page 2 of 50 is the last 11, in the same order. */
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(beian_page(db.s, unit_a, &f, 50, 50, see, &a), 11);
	ck_assert_str_eq(a.contract[0], "A-11");
	ck_assert_str_eq(a.contract[10], "A-1");
	for (i = 0; i < 11; i++)
		ck_assert_int_eq(a.unit[i], unit_a);
	/* Past the end: nothing. */
	ck_assert_int_eq(beian_page(db.s, unit_a, &f, 61, 50, see, &a), 0);
	/* Unit B sees only its two. */
	ck_assert_int_eq(search(unit_b, &f, &a), 2);
	ck_assert_str_eq(a.contract[0], "B-5");
	ck_assert_str_eq(a.contract[1], "B-1");
}
END_TEST

START_TEST(beian_by_status)
{
	struct beian_filter	 f;
	struct seen		 a;

	memset(&f, 0, sizeof(f));
	snprintf(f.status, sizeof(f.status), "已撤销");
	/* 7, 14, … 56: 8 of them. */
	ck_assert_int_eq(search(unit_a, &f, &a), 8);
	ck_assert_str_eq(a.contract[0], "A-56");
	snprintf(f.status, sizeof(f.status), "已退工");
	/* Every 5th but those of every 7th (35): 11. */
	ck_assert_int_eq(search(unit_a, &f, &a), 11);
	snprintf(f.status, sizeof(f.status), "在职");
	ck_assert_int_eq(search(unit_a, &f, &a), 61 - 8 - 11);
	ck_assert_int_eq(beian_status_ok("在职"), 1);
	ck_assert_int_eq(beian_status_ok("已退工"), 1);
	ck_assert_int_eq(beian_status_ok("已撤销"), 1);
	ck_assert_int_eq(beian_status_ok("' OR 1=1 --"), 0);
	ck_assert_int_eq(beian_status_ok(""), 0);
}
END_TEST

/* The count of unit u's rows of status st (NULL: all) by the kept
 * tally, and by the index (a 登记日期 range holding every row). */
static void
ck_counts(int64_t u, const char *st, int64_t want)
{
	struct beian_filter	 f;
	int64_t			 n;

	memset(&f, 0, sizeof(f));
	if (st != NULL)
		snprintf(f.status, sizeof(f.status), "%s", st);
	ck_assert_int_eq(beian_count(db.s, u, &f, &n), 0);
	ck_assert_int_eq(n, want);
	snprintf(f.from, sizeof(f.from), "1900-01-01");
	ck_assert_int_eq(beian_count(db.s, u, &f, &n), 0);
	ck_assert_int_eq(n, want);
}

START_TEST(beian_counts_kept)
{
	char	 q[256];
	int64_t	 id;

	ck_counts(unit_a, NULL, 61);
	ck_counts(unit_a, "在职", 42);
	ck_counts(unit_a, "已撤销", 8);
	ck_counts(unit_b, NULL, 2);
	/* Revoked, ended, moved, deleted: the kept counts follow. */
	id = th_count(db.s, "SELECT id FROM employments WHERE contract_no = "
	    "'A-1'");
	ck_assert_int_eq(emp_set_revoked(db.s, unit_a, id, 0,
	    "2026-03-01 10:00:00"), 0);
	ck_counts(unit_a, "在职", 41);
	ck_counts(unit_a, "已撤销", 9);
	sql("UPDATE employments SET status = '已退工' WHERE contract_no = "
	    "'A-2'");
	ck_counts(unit_a, "已退工", 12);
	snprintf(q, sizeof(q), "UPDATE employments SET unit_id = %lld WHERE "
	    "contract_no = 'A-4'", (long long)unit_b);
	sql(q);
	ck_counts(unit_a, NULL, 60);
	ck_counts(unit_b, NULL, 3);
	ck_counts(unit_b, "在职", 3);
	sql("DELETE FROM employments WHERE contract_no = 'A-6'");
	ck_counts(unit_a, NULL, 59);
	ck_counts(unit_a, "在职", 38);
	ck_counts(unit_a, "已退工", 12);
}
END_TEST

START_TEST(beian_by_name)
{
	struct beian_filter	 f;
	struct seen		 a;

	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "员工03");
	ck_assert_int_eq(search(unit_a, &f, &a), 2);
	ck_assert_str_eq(a.contract[0], "A-3b");
	ck_assert_str_eq(a.contract[1], "A-3");
	/* Exactly: a prefix is not a name. */
	snprintf(f.name, sizeof(f.name), "员工0");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	/* The same name at another unit is that unit's. */
	snprintf(f.name, sizeof(f.name), "员工01");
	ck_assert_int_eq(search(unit_a, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "A-1");
	ck_assert_int_eq(search(unit_b, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "B-1");
	/* With a status: 员工03's two are 在职. */
	snprintf(f.name, sizeof(f.name), "员工03");
	snprintf(f.status, sizeof(f.status), "已退工");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	/* A renamed person is found by the new name only (the trigger). */
	sql("UPDATE persons SET name = '改名者' WHERE idno = "
	    "'420102199001010003'");
	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "员工03");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	snprintf(f.name, sizeof(f.name), "改名者");
	ck_assert_int_eq(search(unit_a, &f, &a), 2);
	/* Markup and SQL are only a name nobody has. */
	snprintf(f.name, sizeof(f.name), "' OR '1'='1");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	snprintf(f.name, sizeof(f.name), "<script>");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
}
END_TEST

START_TEST(beian_by_idno_and_contract)
{
	struct beian_filter	 f;
	struct seen		 a;

	memset(&f, 0, sizeof(f));
	snprintf(f.idno, sizeof(f.idno), "420102199001010005");
	/* Person 5 at A: A-5 only, though he is at B too. */
	ck_assert_int_eq(search(unit_a, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "A-5");
	ck_assert_int_eq(search(unit_b, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "B-5");
	snprintf(f.idno, sizeof(f.idno), "420102199001010003");
	ck_assert_int_eq(search(unit_a, &f, &a), 2);
	/* With the wrong name: none. */
	snprintf(f.name, sizeof(f.name), "员工04");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	/* Nobody's number: none. */
	memset(&f, 0, sizeof(f));
	snprintf(f.idno, sizeof(f.idno), "11010119900307123X");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	/* A contract: its unit's only. */
	memset(&f, 0, sizeof(f));
	snprintf(f.contract_no, sizeof(f.contract_no), "A-42");
	ck_assert_int_eq(search(unit_a, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "A-42");
	ck_assert_int_eq(search(unit_b, &f, &a), 0);
	snprintf(f.contract_no, sizeof(f.contract_no), "B-1");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	/* A contract and a status it does not have (42 is 已撤销). */
	snprintf(f.contract_no, sizeof(f.contract_no), "A-42");
	snprintf(f.status, sizeof(f.status), "在职");
	ck_assert_int_eq(search(unit_a, &f, &a), 0);
	snprintf(f.status, sizeof(f.status), "已撤销");
	ck_assert_int_eq(search(unit_a, &f, &a), 1);
}
END_TEST

START_TEST(beian_by_date)
{
	struct beian_filter	 f;
	struct seen		 a;

	memset(&f, 0, sizeof(f));
	/* February: persons 32-60 (29 rows), the end day included. */
	snprintf(f.from, sizeof(f.from), "2026-02-01");
	snprintf(f.to, sizeof(f.to), "2026-02-29");
	ck_assert_int_eq(search(unit_a, &f, &a), 29);
	ck_assert_str_eq(a.contract[0], "A-60");
	ck_assert_str_eq(a.contract[28], "A-32");
	/* One day, the day of the bound itself. */
	snprintf(f.from, sizeof(f.from), "2026-01-10");
	snprintf(f.to, sizeof(f.to), "2026-01-10");
	ck_assert_int_eq(search(unit_a, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "A-10");
	/* Open-ended: from March on, the second contract of person 3. */
	memset(&f, 0, sizeof(f));
	snprintf(f.from, sizeof(f.from), "2026-03-01");
	ck_assert_int_eq(search(unit_a, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "A-3b");
	/* Up to 2026-01-05, with a status: 1-4 在职, 5 已退工. */
	memset(&f, 0, sizeof(f));
	snprintf(f.to, sizeof(f.to), "2026-01-05");
	ck_assert_int_eq(search(unit_a, &f, &a), 5);
	snprintf(f.status, sizeof(f.status), "在职");
	ck_assert_int_eq(search(unit_a, &f, &a), 4);
	/* By name within dates: 员工03's first only. */
	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "员工03");
	snprintf(f.to, sizeof(f.to), "2026-02-28");
	ck_assert_int_eq(search(unit_a, &f, &a), 1);
	ck_assert_str_eq(a.contract[0], "A-3");
}
END_TEST

/* What beian_history's callback saw. */
struct hist {
	int	 n;
	char	 role[8][16];
	char	 seq[8][32];
	char	 state[8][16];
};

/* beian_history callback: records the event. */
static void
see_event(const struct beian_event *ev, void *arg)
{
	struct hist	*h = arg;

	if (h->n < 8) {
		snprintf(h->role[h->n], sizeof(h->role[0]), "%s", ev->role);
		snprintf(h->seq[h->n], sizeof(h->seq[0]), "%s", ev->seq_no);
		snprintf(h->state[h->n], sizeof(h->state[0]), "%s", ev->state);
	}
	h->n++;
}

START_TEST(beian_history_of_a_registration)
{
	struct employment	 e;
	struct hist		 h;
	char			 q[512];
	int64_t			 id, reg, end, rev, foreign;

	id = th_count(db.s, "SELECT id FROM employments WHERE contract_no = "
	    "'A-13'");
	reg = task_row("YG0001", "yonggong", unit_a, "结束",
	    1700000000, 1700000100, 1700000200);
	end = task_row("TG0001", "tuigong", unit_a, "进行中",
	    1700001000, 1700001100, 0);
	rev = task_row("CX0001", "chexiao", unit_a, "结束",
	    1700002000, 1700002100, 1700002200);
	foreign = task_row("XX0001", "tuigong", unit_b, "结束",
	    1700003000, 0, 0);
	ck_assert_int_eq(unit_a, 1);
	snprintf(q, sizeof(q), "UPDATE employments SET reg_task_id = %lld, "
	    "end_task_id = %lld WHERE id = %lld", (long long)reg,
	    (long long)end, (long long)id);
	sql(q);
	ck_assert_int_eq(emp_set_revoked(db.s, unit_a, id, rev,
	    "2026-03-01 10:00:00"), 0);
	ck_assert_int_eq(emp_load(db.s, unit_a, id, &e), 0);
	memset(&h, 0, sizeof(h));
	ck_assert_int_eq(beian_history(db.s, &e, see_event, &h), 3);
	ck_assert_int_eq(h.n, 3);
	ck_assert_str_eq(h.role[0], "用工备案");
	ck_assert_str_eq(h.seq[0], "YG0001");
	ck_assert_str_eq(h.state[0], "结束");
	ck_assert_str_eq(h.role[1], "退工");
	ck_assert_str_eq(h.state[1], "进行中");
	ck_assert_str_eq(h.role[2], "撤销");
	ck_assert_str_eq(h.seq[2], "CX0001");
	/* Another unit's task named by a registration is not shown. */
	e.end_task_id = foreign;
	memset(&h, 0, sizeof(h));
	ck_assert_int_eq(beian_history(db.s, &e, see_event, &h), 2);
	ck_assert_str_eq(h.role[1], "撤销");
	/* A registration from before the hall has none. */
	ck_assert_int_eq(emp_load(db.s, unit_a, id - 1, &e), 0);
	ck_assert_int_eq(beian_history(db.s, &e, see_event, &h), 0);
}
END_TEST

START_TEST(beian_timeline_starts_at_registration)
{
	struct tuigong_timeline	 tl;
	char			 q[512];
	int64_t			 id, reg, rev;

	reg = task_row("YG0002", "yonggong", unit_a, "结束",
	    1700000000, 1700000100, 1700000200);
	rev = task_row("CX0002", "chexiao", unit_a, "结束",
	    1700002000, 1700002100, 1700002200);
	id = th_count(db.s, "SELECT id FROM employments WHERE contract_no = "
	    "'A-2'");
	snprintf(q, sizeof(q), "UPDATE employments SET reg_task_id = %lld, "
	    "hire_date = '2026-01-01' WHERE id = %lld", (long long)reg,
	    (long long)id);
	sql(q);
	ck_assert_int_eq(tuigong_timeline(db.s, unit_a, "420102199001010002",
	    &tl), 0);
	ck_assert_uint_ge(tl.nsteps, 1);
	ck_assert_str_eq(tl.steps[0].kind, "用工备案");
	ck_assert_str_eq(tl.steps[0].date, "2026-01-02");
	ck_assert_str_eq(tl.steps[0].seq_no, "YG0002");
	ck_assert_str_eq(tl.steps[0].state, "结束");
	ck_assert_ptr_nonnull(strstr(tl.steps[0].detail,
	    "用工之日 2026-01-01"));
	ck_assert_str_ne(tl.steps[tl.nsteps - 1].kind, "撤销");
	/* Revoked: the timeline ends with the 撤销 and its task. */
	ck_assert_int_eq(emp_set_revoked(db.s, unit_a, id, rev,
	    "2026-03-05 10:00:00"), 0);
	ck_assert_int_eq(tuigong_timeline(db.s, unit_a, "420102199001010002",
	    &tl), 0);
	ck_assert_str_eq(tl.steps[tl.nsteps - 1].kind, "撤销");
	ck_assert_str_eq(tl.steps[tl.nsteps - 1].date, "2026-03-05");
	ck_assert_str_eq(tl.steps[tl.nsteps - 1].seq_no, "CX0002");
	/* Another unit's person: none. */
	ck_assert_int_eq(tuigong_timeline(db.s, unit_b, "420102199001010002",
	    &tl), 1);
}
END_TEST

START_TEST(beian_export_xlsx)
{
	struct beian_filter	 f;
	struct xlsx_sheet	 sh;
	FILE			*fp;
	unsigned char		*buf;
	char			 path[400];
	int64_t			 rows;
	long			 sz;
	size_t			 i;
	int			 seen_b = 0;

	memset(&f, 0, sizeof(f));
	snprintf(path, sizeof(path), "%s/export.xlsx", db.dir);
	ck_assert_int_eq(beian_export(db.s, unit_a, &f, path, db.dir, 1000,
	    &rows), 0);
	ck_assert_int_eq(rows, 61);
	fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	sz = ftell(fp);
	ck_assert_int_gt(sz, 100);
	rewind(fp);
	buf = malloc((size_t)sz);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)sz, fp), (size_t)sz);
	fclose(fp);
	ck_assert_int_eq(memcmp(buf, "PK\x03\x04", 4), 0);
	ck_assert_int_eq(xlsx_read(buf, (size_t)sz, &sh), XLSX_OK);
	free(buf);
	ck_assert_uint_eq(sh.nrows, 62);
	ck_assert_str_eq(sh.rows[0].cells[0], "姓名");
	ck_assert_str_eq(sh.rows[0].cells[2], "合同编号");
	ck_assert_str_eq(sh.rows[1].cells[0], "员工03");
	ck_assert_str_eq(sh.rows[1].cells[1], "420102199001010003");
	ck_assert_str_eq(sh.rows[1].cells[2], "A-3b");
	ck_assert_str_eq(sh.rows[1].cells[14], "在职");
	ck_assert_str_eq(sh.rows[61].cells[2], "A-1");
	for (i = 1; i < sh.nrows; i++)
		if (strncmp(sh.rows[i].cells[2], "B-", 2) == 0)
			seen_b = 1;
	ck_assert_int_eq(seen_b, 0);
	xlsx_free(&sh);
	/* The bound: at most max_rows rows. */
	ck_assert_int_eq(beian_export(db.s, unit_a, &f, path, db.dir, 10,
	    &rows), 0);
	ck_assert_int_eq(rows, 10);
	/* With a filter: the same rows the list shows. */
	snprintf(f.status, sizeof(f.status), "已撤销");
	ck_assert_int_eq(beian_export(db.s, unit_a, &f, path, db.dir, 1000,
	    &rows), 0);
	ck_assert_int_eq(rows, 8);
	unlink(path);
}
END_TEST

static Suite *
beian_suite(void)
{
	Suite	*s = suite_create("beian");
	TCase	*tc = tcase_create("beian");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, beian_all_newest_first_paged);
	tcase_add_test(tc, beian_by_status);
	tcase_add_test(tc, beian_counts_kept);
	tcase_add_test(tc, beian_by_name);
	tcase_add_test(tc, beian_by_idno_and_contract);
	tcase_add_test(tc, beian_by_date);
	tcase_add_test(tc, beian_history_of_a_registration);
	tcase_add_test(tc, beian_timeline_starts_at_registration);
	tcase_add_test(tc, beian_export_xlsx);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(beian_suite)
