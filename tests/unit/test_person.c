/*
 * test_person.c: a unit's 在职 persons a page at a time (lib/person.c):
 * the count and the pages in person order, the search by the beginning
 * of 姓名 or 身份证号, only 在职 employments of this unit, each person
 * once however many employments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "../suites.h"
#include "helpers.h"
#include "person.h"
#include "store.h"

/* Employs person pid at unit uid with status st. */
static void
employ(struct store *s, int64_t pid, int64_t uid, const char *st, int n)
{
	struct store_stmt	*q;
	char			 cno[32];

	snprintf(cno, sizeof(cno), "C-%lld-%d", (long long)pid, n);
	q = store_stmt(s, "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, registered_at, status) VALUES "
	    "(?1, ?2, ?3, '2020-01-01', '2020-01-01', ?4)");
	ck_assert_ptr_nonnull(q);
	ck_assert_int_eq(store_bind_int(q, 1, pid), 0);
	ck_assert_int_eq(store_bind_int(q, 2, uid), 0);
	ck_assert_int_eq(store_bind_text(q, 3, cno), 0);
	ck_assert_int_eq(store_bind_text(q, 4, st), 0);
	ck_assert_int_eq(store_exec_stmt(s, q), 0);
}

/* What the person_page callback saw. */
struct seen {
	int	 n;
	char	 names[60][64];
};

/* person_page callback: records the name. */
static void
see(const struct person *p, void *arg)
{
	struct seen	*a = arg;

	if (a->n < 60)
		snprintf(a->names[a->n], sizeof(a->names[0]), "%s", p->name);
	a->n++;
}

START_TEST(person_pages_of_a_unit)
{
	struct th_db	 db;
	struct seen	 a;
	int64_t		 u, other, pid, n;
	char		 idno[19], name[32];
	int		 i;

	th_db_open(&db);
	u = th_unit(db.s, "本单位", 0);
	other = th_unit(db.s, "外单位", 0);
	for (i = 1; i <= 30; i++) {
		snprintf(idno, sizeof(idno), "42010219900101%04d", i);
		snprintf(name, sizeof(name), "%s%02d", i % 2 ? "王" : "李", i);
		pid = th_person(db.s, idno, name, "男", "1990-01-01");
		employ(db.s, pid, u, "在职", 0);
		if (i == 3)	/* a second 在职 contract: listed once */
			employ(db.s, pid, u, "在职", 1);
	}
	/* Not listed: another unit's, and one who left. */
	pid = th_person(db.s, "420102199001019001", "王外", "男", "1990-01-01");
	employ(db.s, pid, other, "在职", 0);
	pid = th_person(db.s, "420102199001019002", "王退", "男", "1990-01-01");
	employ(db.s, pid, u, "已退工", 0);

	ck_assert_int_eq(person_count(db.s, u, "", &n), 0);
	ck_assert_int_eq(n, 30);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(person_page(db.s, u, NULL, 0, 10, see, &a), 10);
	ck_assert_str_eq(a.names[0], "王01");
	ck_assert_str_eq(a.names[2], "王03");
	ck_assert_str_eq(a.names[3], "李04");
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(person_page(db.s, u, "", 25, 10, see, &a), 5);
	ck_assert_str_eq(a.names[0], "李26");
	ck_assert_str_eq(a.names[4], "李30");
	/* By the beginning of the name. */
	ck_assert_int_eq(person_count(db.s, u, "王", &n), 0);
	ck_assert_int_eq(n, 15);
	ck_assert_int_eq(person_count(db.s, u, "王2", &n), 0);
	ck_assert_int_eq(n, 5);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(person_page(db.s, u, "王2", 0, 50, see, &a), 5);
	ck_assert_str_eq(a.names[0], "王21");
	ck_assert_int_eq(person_count(db.s, u, "王外", &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(person_count(db.s, u, "王退", &n), 0);
	ck_assert_int_eq(n, 0);
	/* By the beginning, or all, of the 身份证号. */
	ck_assert_int_eq(person_count(db.s, u, "42010219900101000", &n), 0);
	ck_assert_int_eq(n, 9);
	ck_assert_int_eq(person_count(db.s, u, "420102199001010017", &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(person_count(db.s, u, "420102199001019001", &n), 0);
	ck_assert_int_eq(n, 0);
	/* The other unit sees its own only. */
	ck_assert_int_eq(person_count(db.s, other, "王", &n), 0);
	ck_assert_int_eq(n, 1);
	th_db_close(&db);
}
END_TEST

/* Sets the status of the employment of contract cno. */
static void
set_status(struct store *s, const char *cno, const char *st)
{
	struct store_stmt	*q;

	q = store_stmt(s, "UPDATE employments SET status = ?1 WHERE "
	    "contract_no = ?2");
	ck_assert_ptr_nonnull(q);
	ck_assert_int_eq(store_bind_text(q, 1, st), 0);
	ck_assert_int_eq(store_bind_text(q, 2, cno), 0);
	ck_assert_int_eq(store_exec_stmt(s, q), 0);
}

/* The unit's count of all its 在职 persons is kept by triggers (a
 * person once, however many contracts): it follows every change. */
START_TEST(person_count_kept)
{
	struct th_db	 db;
	int64_t		 u, other, a, b, n;
	char		 cno[32];

	th_db_open(&db);
	u = th_unit(db.s, "本单位", 0);
	other = th_unit(db.s, "外单位", 0);
	a = th_person(db.s, "420102199001010017", "甲", "男", "1990-01-01");
	b = th_person(db.s, "420102199001010025", "乙", "男", "1990-01-01");
	employ(db.s, a, u, "在职", 0);
	employ(db.s, a, u, "在职", 1);
	employ(db.s, b, u, "在职", 0);
	employ(db.s, b, other, "已退工", 2);
	ck_assert_int_eq(person_count(db.s, u, "", &n), 0);
	ck_assert_int_eq(n, 2);
	/* One of 甲's two contracts ends: still 在职 by the other. */
	snprintf(cno, sizeof(cno), "C-%lld-1", (long long)a);
	set_status(db.s, cno, "已退工");
	ck_assert_int_eq(person_count(db.s, u, NULL, &n), 0);
	ck_assert_int_eq(n, 2);
	snprintf(cno, sizeof(cno), "C-%lld-0", (long long)a);
	set_status(db.s, cno, "已撤销");
	ck_assert_int_eq(person_count(db.s, u, "", &n), 0);
	ck_assert_int_eq(n, 1);
	/* Back to 在职, and 乙 hired again at the other unit. */
	set_status(db.s, cno, "在职");
	ck_assert_int_eq(store_exec_sql(db.s, "DELETE FROM employments WHERE "
	    "status = '已退工' AND unit_id <> (SELECT MIN(id) FROM units "
	    "WHERE name = '本单位')"), 0);
	ck_assert_int_eq(person_count(db.s, other, "", &n), 0);
	ck_assert_int_eq(n, 0);
	employ(db.s, b, other, "在职", 1);
	ck_assert_int_eq(person_count(db.s, other, "", &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(person_count(db.s, u, "", &n), 0);
	ck_assert_int_eq(n, 2);
	/* A 在职 contract deleted. */
	ck_assert_int_eq(store_exec_sql(db.s, "DELETE FROM employments WHERE "
	    "contract_no = 'C-' || (SELECT id FROM persons WHERE name = "
	    "'乙') || '-0'"), 0);
	ck_assert_int_eq(person_count(db.s, u, "", &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(n, th_count(db.s, "SELECT COUNT(DISTINCT person_id) "
	    "FROM employments WHERE unit_id = (SELECT MIN(id) FROM units "
	    "WHERE name = '本单位') AND status = '在职'"));
	th_db_close(&db);
}
END_TEST

static Suite *
person_suite(void)
{
	Suite	*s = suite_create("person");
	TCase	*tc = tcase_create("person");

	tcase_add_test(tc, person_pages_of_a_unit);
	tcase_add_test(tc, person_count_kept);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(person_suite)
