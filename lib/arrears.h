/*
 * arrears.h: 欠费, the only module that touches table arrears (one row
 * per person, unit and month owed: amount_fen as recorded when the
 * month was found unpaid (levy.h's total without 滞纳金, for the demo),
 * settled 0/1; migration 26 adds task_id, settled_how, settled_at,
 * settled_by).  A 补缴 recomputes the month with levy.h on its own
 * computation day (the base may have changed; the 滞纳金 grows daily):
 * amount_fen is what lists and 减员's refusal show, not the bill.
 *
 * A row's life:  owing (settled 0, task_id NULL)
 *   → reserved by a task (settled 0, task_id T: 补缴 or 注销 in
 *     progress; still owing, so 减员 rule 11 still refuses)
 *   → released back to owing (回退, 退单, 不通过: task_id NULL)
 *   → settled (settled 1, settled_how '补缴' on 到帐确认 or '注销' on
 *     当月欠费注销, settled_at (unix time), settled_by (account id,
 *     0 the system)).
 * Every write runs inside the caller's transaction (store_begin), so a
 * business reserves/settles in the same transaction as its task.
 */
#ifndef HALL_ARREARS_H
#define HALL_ARREARS_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* How a row was settled (arrears.settled_how). */
#define ARREARS_PAID		"补缴"	/* 缴费到帐确认 */
#define ARREARS_CANCELLED	"注销"	/* 当月欠费注销 */

/* A person's owing at a unit: summed over his unsettled rows. */
struct arrears_sum {
	int64_t		 person_id;
	char		 idno[20];	/* 身份证号 */
	char		 name[64];	/* 姓名 (truncated at 63 bytes) */
	int64_t		 months;	/* rows (months) owed */
	int64_t		 amount_fen;	/* sum of amount_fen */
	char		 first[8];	/* earliest month owed "YYYY-MM" */
	char		 last[8];	/* latest */
	int64_t		 reserved;	/* of those, rows reserved by a task */
	int64_t		 task_id;	/* one reserving task, 0 none */
};

/* One row (month) owed. */
struct arrears_month {
	int64_t		 id;
	int64_t		 person_id;
	int64_t		 unit_id;
	char		 month[8];	/* "YYYY-MM" */
	int64_t		 amount_fen;
	int64_t		 task_id;	/* reserving task, 0 none */
};

/* Called for each person / month; non-zero stops the walk (and is
 * returned by the walker). Borrowed for the call. */
typedef int	(*arrears_person_fn)(void *arg, const struct arrears_sum *p);
typedef int	(*arrears_month_fn)(void *arg, const struct arrears_month *m);

/* The unit's owing: persons with an unsettled row, rows, sum of
 * amount_fen (any pointer may be NULL).  One pass over the index
 * arrears_unit.  Returns 0 or -1. */
int		 arrears_unit_count(struct store *s, int64_t unit_id,
		    int64_t *persons, int64_t *months, int64_t *amount_fen);

/* One page of the unit's owing persons, ordered by person_id: skips
 * offset persons, calls fn for up to limit (<= 1000) with each
 * person's sum.  q (NULL or "": all) keeps persons whose 身份证号
 * begins with q.  Returns 0, fn's non-zero value, or -1. */
int		 arrears_unit_persons(struct store *s, int64_t unit_id,
		    const char *q, int64_t offset, int limit,
		    arrears_person_fn fn, void *arg);

/* person_id's owing at unit_id into *out (months 0: owes nothing
 * there; idno/name filled either way when the person exists).
 * Returns 0 or -1.  For 减员 rule 11's text: months, first..last and
 * amount. */
int		 arrears_person_sum(struct store *s, int64_t unit_id,
		    int64_t person_id, struct arrears_sum *out);

/* person_id's unsettled months at unit_id, oldest first, at most
 * limit (<= 1000; a person owes a few, never years of rows here).
 * Returns 0, fn's non-zero value, or -1. */
int		 arrears_person_months(struct store *s, int64_t unit_id,
		    int64_t person_id, int limit, arrears_month_fn fn,
		    void *arg);

/* Whether person_id owes at any unit other than unit_id (「在其他单位
 * 有欠费,须到社保经办机构办理」).  Returns 1 yes, 0 no, -1 error. */
int		 arrears_elsewhere(struct store *s, int64_t person_id,
		    int64_t unit_id);

/*
 * Reserves for task_id every unsettled row of person_id at unit_id
 * (only_month "YYYY-MM": only that month, e.g. 当月欠费注销; NULL: all
 * months), inside the caller's transaction; *n (may be NULL) the rows
 * reserved.  Returns 0; 1 when a row is already reserved by another
 * task (nothing changed: the person is in another 补缴/注销); 2 when
 * there is nothing to reserve; -1 error.
 */
int		 arrears_reserve(struct store *s, int64_t unit_id,
		    int64_t person_id, const char *only_month,
		    int64_t task_id, int64_t *n);

/* 单位全部清欠: reserves for task_id every unsettled, unreserved row
 * of unit_id (rows already in another task are left to it); *n the
 * rows reserved.  Returns 0, 2 nothing to reserve, -1. */
int		 arrears_reserve_unit(struct store *s, int64_t unit_id,
		    int64_t task_id, int64_t *n);

/* Releases task_id's unsettled rows back to owing (回退, 退单, 不通过);
 * settled rows stay settled.  *n the rows released.  Returns 0 or -1. */
int		 arrears_release(struct store *s, int64_t task_id, int64_t *n);

/* Settles task_id's reserved rows: settled 1, settled_how how
 * (ARREARS_PAID / ARREARS_CANCELLED), settled_at at, settled_by by
 * (0: the system).  *n the rows settled.  Returns 0, 2 when the task
 * has no reserved row, -1 error (also another how). */
int		 arrears_settle(struct store *s, int64_t task_id,
		    const char *how, int64_t by, int64_t at, int64_t *n);

/* task_id's rows (reserved or settled by it) in person, month order,
 * after the row (person_id, month) given (0, "" to start), at most
 * limit (<= 1000): keyset paging for the 明细表 of a 全部清欠 of
 * 20,000 persons.  Returns 0, fn's non-zero value, or -1. */
int		 arrears_task_months(struct store *s, int64_t task_id,
		    int64_t after_person, const char *after_month, int limit,
		    arrears_month_fn fn, void *arg);

/* task_id's rows: persons, rows and sum of amount_fen (NULL ok), and
 * settled (rows settled by it).  Returns 0 or -1. */
int		 arrears_task_count(struct store *s, int64_t task_id,
		    int64_t *persons, int64_t *months, int64_t *amount_fen,
		    int64_t *settled);

/* Records that person_id owes month at unit_id, amount_fen (demo
 * data, tests, the 核定 that finds a month unpaid); a month already
 * owing and unsettled is left as it is.  Returns 0, 1 already owing,
 * -1. */
int		 arrears_add(struct store *s, int64_t unit_id,
		    int64_t person_id, const char *month, int64_t amount_fen);

#endif
