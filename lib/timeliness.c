/*
 * timeliness.c: 离职及时率 and 用工备案及时率; see timeliness.h for the
 * definition.  Owns timeliness_items (and, through the triggers of
 * migration 29, timeliness_months and timeliness_years).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "employment.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "text.h"
#include "timeliness.h"
#include "valid.h"
#include "workflow.h"

const char *const tl_kind_names[TL_KIND__MAX] = { "tuigong", "yonggong" };

/* The deadline policy key of each kind and its national default. */
static const char *const tl_deadline_key[TL_KIND__MAX] = {
	"tuigong.deadline_days", "yonggong.deadline_days"
};
static const long long tl_deadline_dflt[TL_KIND__MAX] = { 15, 30 };

/* The statements of this module; their SQL is in tl_sql. */
enum tl_stmt {
	TL_STMT_REGION,		/* a unit's region */
	TL_STMT_BY_DATE,	/* the row of (unit, kind, idno, date) */
	TL_STMT_BY_TASK,	/* the row a task registered for idno */
	TL_STMT_OPEN_OF,	/* an open row of (unit, kind, idno) */
	TL_STMT_SET,		/* a row registered / re-dated */
	TL_STMT_INSERT,		/* a new row */
	TL_STMT_DELETE,		/* a row gone */
	TL_STMT_REOPEN,		/* one row open again */
	TL_STMT_NEAR,		/* 退工 rows of a person near a date */
	TL_STMT_UNREG_DELETE,	/* a cancelled task's own rows */
	TL_STMT_UNREG_REOPEN,	/* a cancelled task's announced rows */
	TL_STMT_SWEEP_ALL,	/* open rows fallen due, every unit */
	TL_STMT_SWEEP_UNIT,	/* open rows fallen due, one unit */
	TL_STMT_MONTHS,		/* a unit's months in a range */
	TL_STMT_MONTH,		/* one month */
	TL_STMT_YEAR,		/* one year */
	TL_STMT_RANK_MONTH_UP,	/* ranking of a month, worst first */
	TL_STMT_RANK_MONTH_DOWN, /* best first */
	TL_STMT_RANK_YEAR_UP,
	TL_STMT_RANK_YEAR_DOWN,
	TL_STMT_RANK_MONTH_N,	/* units ranked in a month */
	TL_STMT_RANK_YEAR_N,
	TL_STMT_OPEN,		/* one page of the open rows */
	TL_STMT_OPEN_N,		/* their count */
	TL_STMT_OPEN_PAGE,	/* a page of the open rows, by offset */
	TL_STMT_OPEN_PAGE_ANN,	/* ... announced by a 减员 */
	TL_STMT_OPEN_CAP,	/* their count, capped */
	TL_STMT_OPEN_CAP_ANN,
	TL_STMT_UNWARNED,	/* open rows not warned of their date */
	TL_STMT_WARNED,		/* one warned */
	TL_STMT_WARNED_ITEM,	/* ... noted on its row */
	TL_STMT__MAX
};

/* The columns of an item, in struct tl_item's order. */
#define TL_ITEM_COLS \
	"id, unit_id, kind, idno, person_id, name, ref_date, due_date, " \
	"COALESCE(done_on, ''), late, task_id, source_task_id"

/* The ranking's columns. */
#define TL_RANK_COLS	"unit_id, on_time, late, pending, COALESCE(rate, -1)"

/* The SQL of each statement, by enum tl_stmt. */
static const char *const tl_sql[TL_STMT__MAX] = {
	[TL_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1",
	[TL_STMT_BY_DATE] =
	    "SELECT id, COALESCE(done_on, ''), task_id, source_task_id "
	    "FROM timeliness_items WHERE unit_id = ?1 AND kind = ?2 AND "
	    "idno = ?3 AND ref_date = ?4",
	[TL_STMT_BY_TASK] =
	    "SELECT id, COALESCE(done_on, ''), task_id, source_task_id "
	    "FROM timeliness_items WHERE task_id = ?1 AND idno = ?2 AND "
	    "unit_id = ?3 AND kind = ?4 LIMIT 1",
	[TL_STMT_OPEN_OF] =
	    "SELECT id, '', 0, source_task_id FROM timeliness_items "
	    "WHERE unit_id = ?1 AND kind = ?2 AND idno = ?3 AND "
	    "done_on IS NULL ORDER BY ref_date DESC LIMIT 1",
	[TL_STMT_SET] =
	    "UPDATE timeliness_items SET ref_date = ?2, due_date = ?3, "
	    "done_on = ?4, late = ?5, task_id = ?6, person_id = CASE WHEN "
	    "?7 > 0 THEN ?7 ELSE person_id END, name = CASE WHEN ?8 <> '' "
	    "THEN ?8 ELSE name END WHERE id = ?1",
	[TL_STMT_INSERT] =
	    "INSERT INTO timeliness_items (unit_id, kind, idno, person_id, "
	    "name, ref_date, due_date, done_on, late, task_id, "
	    "source_task_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11)",
	[TL_STMT_DELETE] =
	    "DELETE FROM timeliness_items WHERE id = ?1",
	[TL_STMT_REOPEN] =
	    "UPDATE timeliness_items SET done_on = NULL, task_id = 0, "
	    "late = (due_date < ?2) WHERE id = ?1",
	[TL_STMT_NEAR] =
	    "SELECT COUNT(*) FROM timeliness_items WHERE unit_id = ?1 AND "
	    "kind = ?5 AND idno = ?2 AND ref_date BETWEEN ?3 AND ?4",
	[TL_STMT_UNREG_DELETE] =
	    "DELETE FROM timeliness_items WHERE task_id = ?1 AND "
	    "(?2 IS NULL OR idno = ?2) AND source_task_id = 0",
	[TL_STMT_UNREG_REOPEN] =
	    "UPDATE timeliness_items SET done_on = NULL, task_id = 0, "
	    "late = (due_date < ?3) WHERE task_id = ?1 AND "
	    "(?2 IS NULL OR idno = ?2) AND source_task_id <> 0",
	[TL_STMT_SWEEP_ALL] =
	    "UPDATE timeliness_items SET late = 1 WHERE id IN (SELECT id "
	    "FROM timeliness_items WHERE done_on IS NULL AND late = 0 AND "
	    "due_date < ?1 ORDER BY due_date LIMIT ?2)",
	[TL_STMT_SWEEP_UNIT] =
	    "UPDATE timeliness_items SET late = 1 WHERE id IN (SELECT id "
	    "FROM timeliness_items WHERE unit_id = ?3 AND done_on IS NULL "
	    "AND late = 0 AND due_date < ?1 ORDER BY due_date LIMIT ?2)",
	[TL_STMT_MONTHS] =
	    "SELECT month, on_time, late, pending, COALESCE(rate, -1) "
	    "FROM timeliness_months WHERE unit_id = ?1 AND kind = ?2 AND "
	    "month BETWEEN ?3 AND ?4 ORDER BY month",
	[TL_STMT_MONTH] =
	    "SELECT month, on_time, late, pending, COALESCE(rate, -1) "
	    "FROM timeliness_months WHERE unit_id = ?1 AND kind = ?2 AND "
	    "month = ?3",
	[TL_STMT_YEAR] =
	    "SELECT year, on_time, late, pending, COALESCE(rate, -1) "
	    "FROM timeliness_years WHERE unit_id = ?1 AND kind = ?2 AND "
	    "year = ?3",
	[TL_STMT_RANK_MONTH_UP] =
	    "SELECT " TL_RANK_COLS " FROM timeliness_months WHERE kind = ?1 "
	    "AND month = ?2 AND rate IS NOT NULL ORDER BY rate, unit_id "
	    "LIMIT ?3 OFFSET ?4",
	[TL_STMT_RANK_MONTH_DOWN] =
	    "SELECT " TL_RANK_COLS " FROM timeliness_months WHERE kind = ?1 "
	    "AND month = ?2 AND rate IS NOT NULL ORDER BY rate DESC, "
	    "unit_id DESC LIMIT ?3 OFFSET ?4",
	[TL_STMT_RANK_YEAR_UP] =
	    "SELECT " TL_RANK_COLS " FROM timeliness_years WHERE kind = ?1 "
	    "AND year = ?2 AND rate IS NOT NULL ORDER BY rate, unit_id "
	    "LIMIT ?3 OFFSET ?4",
	[TL_STMT_RANK_YEAR_DOWN] =
	    "SELECT " TL_RANK_COLS " FROM timeliness_years WHERE kind = ?1 "
	    "AND year = ?2 AND rate IS NOT NULL ORDER BY rate DESC, "
	    "unit_id DESC LIMIT ?3 OFFSET ?4",
	[TL_STMT_RANK_MONTH_N] =
	    "SELECT COUNT(*) FROM timeliness_months WHERE kind = ?1 AND "
	    "month = ?2 AND rate IS NOT NULL",
	[TL_STMT_RANK_YEAR_N] =
	    "SELECT COUNT(*) FROM timeliness_years WHERE kind = ?1 AND "
	    "year = ?2 AND rate IS NOT NULL",
	[TL_STMT_OPEN] =
	    "SELECT " TL_ITEM_COLS " FROM timeliness_items WHERE "
	    "unit_id = ?1 AND kind = ?2 AND done_on IS NULL AND "
	    "due_date <= ?3 AND (due_date, id) > (?4, ?5) "
	    "ORDER BY due_date, id LIMIT ?6",
	[TL_STMT_OPEN_N] =
	    "SELECT COUNT(*) FROM timeliness_items WHERE unit_id = ?1 AND "
	    "kind = ?2 AND done_on IS NULL AND due_date <= ?3",
	[TL_STMT_OPEN_PAGE] =
	    "SELECT " TL_ITEM_COLS " FROM timeliness_items WHERE "
	    "unit_id = ?1 AND kind = ?2 AND done_on IS NULL AND "
	    "due_date <= ?3 ORDER BY due_date, id LIMIT ?4 OFFSET ?5",
	[TL_STMT_OPEN_PAGE_ANN] =
	    "SELECT " TL_ITEM_COLS " FROM timeliness_items WHERE "
	    "unit_id = ?1 AND kind = ?2 AND done_on IS NULL AND "
	    "source_task_id <> 0 AND ref_date <= ?3 "
	    "ORDER BY due_date, id LIMIT ?4 OFFSET ?5",
	[TL_STMT_OPEN_CAP] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM timeliness_items WHERE "
	    "unit_id = ?1 AND kind = ?2 AND done_on IS NULL AND "
	    "due_date <= ?3 LIMIT ?4)",
	[TL_STMT_OPEN_CAP_ANN] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM timeliness_items WHERE "
	    "unit_id = ?1 AND kind = ?2 AND done_on IS NULL AND "
	    "source_task_id <> 0 AND ref_date <= ?3 LIMIT ?4)",
	[TL_STMT_UNWARNED] =
	    "SELECT " TL_ITEM_COLS " FROM timeliness_items WHERE "
	    "unit_id = ?1 AND done_on IS NULL AND warned_due <> due_date "
	    "AND due_date <= ?2 ORDER BY due_date, id LIMIT ?3",
	[TL_STMT_WARNED] =
	    "INSERT OR IGNORE INTO timeliness_warned (item_id, due_date, at) "
	    "VALUES (?1, ?2, ?3)",
	[TL_STMT_WARNED_ITEM] =
	    "UPDATE timeliness_items SET warned_due = ?2 WHERE id = ?1",
};

/* See timeliness.h. */
enum tl_kind
tl_kind_of(const char *name)
{
	int	 i;

	for (i = 0; i < TL_KIND__MAX; i++)
		if (name != NULL && strcmp(name, tl_kind_names[i]) == 0)
			return (enum tl_kind)i;
	return TL_KIND__MAX;
}

/* The region of unit_id into region[16] ("*" when unknown).  Returns 0
 * or -1. */
static int
tl_region(struct store *s, int64_t unit_id, char region[16])
{
	struct store_stmt	*st;
	int			 rc;

	snprintf(region, 16, "*");
	if ((st = store_stmt(s, tl_sql[TL_STMT_REGION])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		text_copy(region, 16, store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ERROR ? -1 : 0;
}

/* See timeliness.h. */
int
timeliness_due(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *ref_date, struct hdate *due)
{
	long long	 days;
	char		 region[16];

	if ((unsigned int)k >= TL_KIND__MAX)
		return 1;
	if (ref_date == NULL || valid_date(ref_date, due) != VALID_OK)
		return 1;
	if (tl_region(s, unit_id, region) == -1 ||
	    policy_int(s, region, tl_deadline_key[k], due,
	    tl_deadline_dflt[k], &days) == -1)
		return -1;
	if (days < 0 || days > 3660)
		days = tl_deadline_dflt[k];
	hdate_add_days(due, (long)days);
	return 0;
}

/* A row found by one of the look-ups. */
struct tl_found {
	int64_t		 id;		/* 0: none */
	int		 done;
	int64_t		 task_id;
	int64_t		 source;
};

/* Runs look-up st (bound) for one row into *f.  Returns 0 or -1. */
static int
tl_find(struct store_stmt *st, struct tl_found *f)
{
	int	 rc;

	memset(f, 0, sizeof(*f));
	if ((rc = store_step(st)) == STORE_ROW) {
		f->id = store_col_int64(st, 0);
		f->done = store_col_text(st, 1)[0] != '\0';
		f->task_id = store_col_int64(st, 2);
		f->source = store_col_int64(st, 3);
	}
	store_reset(st);
	return rc == STORE_ERROR ? -1 : 0;
}

/* The row of (unit, kind, idno, ref_date) into *f.  Returns 0 or -1. */
static int
tl_by_date(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *idno, const char *ref_date, struct tl_found *f)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, tl_sql[TL_STMT_BY_DATE])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, idno) || store_bind_text(st, 4, ref_date))
		return -1;
	return tl_find(st, f);
}

/* The row task_id registered for idno into *f.  Returns 0 or -1. */
static int
tl_by_task(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *idno, int64_t task_id, struct tl_found *f)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, tl_sql[TL_STMT_BY_TASK])) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_text(st, 2, idno) ||
	    store_bind_int(st, 3, unit_id) ||
	    store_bind_text(st, 4, tl_kind_names[k]))
		return -1;
	return tl_find(st, f);
}

/* The latest open row of (unit, kind, idno) into *f.  Returns 0 or -1. */
static int
tl_open_of(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *idno, struct tl_found *f)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, tl_sql[TL_STMT_OPEN_OF])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, idno))
		return -1;
	return tl_find(st, f);
}

/* Runs the one-id statement which (DELETE, REOPEN) on id; today binds
 * ?2 when the statement has it.  Returns 0 or -1. */
static int
tl_by_id(struct store *s, enum tl_stmt which, int64_t id,
    const char *today)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, tl_sql[which])) == NULL ||
	    store_bind_int(st, 1, id) ||
	    (today != NULL && store_bind_text(st, 2, today)))
		return -1;
	return store_exec_stmt(s, st);
}

/* What a registration writes. */
struct tl_reg {
	int64_t		 unit_id;
	enum tl_kind	 k;
	const char	*idno;
	int64_t		 person_id;
	const char	*name;
	char		 ref[11];
	char		 due[11];
	char		 done[11];
	int		 late;
	int64_t		 task_id;
};

/* Sets row id to r's registration.  Returns 0 or -1. */
static int
tl_set(struct store *s, int64_t id, const struct tl_reg *r)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, tl_sql[TL_STMT_SET])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_text(st, 2, r->ref) ||
	    store_bind_text(st, 3, r->due) ||
	    store_bind_text(st, 4, r->done) ||
	    store_bind_int(st, 5, r->late) ||
	    store_bind_int(st, 6, r->task_id) ||
	    store_bind_int(st, 7, r->person_id) ||
	    store_bind_text(st, 8, r->name != NULL ? r->name : ""))
		return -1;
	return store_exec_stmt(s, st);
}

/* Inserts r as a new row (done "" = open) announced by source.
 * Returns 0 or -1. */
static int
tl_insert(struct store *s, const struct tl_reg *r, int64_t source)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, tl_sql[TL_STMT_INSERT])) == NULL ||
	    store_bind_int(st, 1, r->unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[r->k]) ||
	    store_bind_text(st, 3, r->idno) ||
	    store_bind_int(st, 4, r->person_id > 0 ? r->person_id : 0) ||
	    store_bind_text(st, 5, r->name != NULL ? r->name : "") ||
	    store_bind_text(st, 6, r->ref) || store_bind_text(st, 7, r->due) ||
	    (r->done[0] != '\0' ? store_bind_text(st, 8, r->done) :
	    store_bind_null(st, 8)) ||
	    store_bind_int(st, 9, r->late) ||
	    store_bind_int(st, 10, r->task_id) ||
	    store_bind_int(st, 11, source))
		return -1;
	return store_exec_stmt(s, st);
}

/* Fills r's dates for ref_date registered on done (NULL: open, late
 * when due before today).  Returns 0, 1 not a date, -1 error. */
static int
tl_reg_dates(struct store *s, struct tl_reg *r, const char *ref_date,
    const struct hdate *done, const struct hdate *today)
{
	struct hdate	 ref, due;
	int		 rc;

	if ((rc = timeliness_due(s, r->unit_id, r->k, ref_date, &due)) != 0)
		return rc;
	(void)valid_date(ref_date, &ref);
	hdate_fmt(&ref, r->ref);
	hdate_fmt(&due, r->due);
	r->done[0] = '\0';
	if (done != NULL) {
		hdate_fmt(done, r->done);
		r->late = hdate_cmp(done, &due) > 0;
	} else
		r->late = today != NULL && hdate_cmp(today, &due) > 0;
	return 0;
}

/* See timeliness.h. */
int
timeliness_register(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *idno, int64_t person_id, const char *name,
    const char *ref_date, const struct hdate *done, int64_t task_id)
{
	struct tl_reg	 r;
	struct tl_found	 byd, byt, open;
	int		 rc;

	if ((unsigned int)k >= TL_KIND__MAX || idno == NULL ||
	    idno[0] == '\0' || done == NULL)
		return 1;
	memset(&r, 0, sizeof(r));
	r.unit_id = unit_id;
	r.k = k;
	r.idno = idno;
	r.person_id = person_id;
	r.name = name;
	r.task_id = task_id;
	if ((rc = tl_reg_dates(s, &r, ref_date, done, NULL)) != 0)
		return rc;
	if (tl_by_date(s, unit_id, k, idno, r.ref, &byd) == -1 ||
	    tl_by_task(s, unit_id, k, idno, task_id, &byt) == -1)
		return -1;
	if (byd.id != 0) {
		if (!byd.done && tl_set(s, byd.id, &r) == -1)
			return -1;
		/* The task's row of another date was edited away. */
		if (byt.id != 0 && byt.id != byd.id)
			return byt.source != 0 ?
			    tl_by_id(s, TL_STMT_REOPEN, byt.id, r.done) :
			    tl_by_id(s, TL_STMT_DELETE, byt.id, NULL);
		return 0;
	}
	if (byt.id != 0)
		return tl_set(s, byt.id, &r);
	if (tl_open_of(s, unit_id, k, idno, &open) == -1)
		return -1;
	if (open.id != 0)
		return tl_set(s, open.id, &r);
	return tl_insert(s, &r, 0);
}

/* The region's timeliness.match_days (90) into *days.  Returns 0 or
 * -1. */
static int
tl_match_days(struct store *s, int64_t unit_id, const struct hdate *on,
    long long *days)
{
	char	 region[16];

	if (tl_region(s, unit_id, region) == -1 ||
	    policy_int(s, region, "timeliness.match_days", on, 90,
	    days) == -1)
		return -1;
	if (*days < 0 || *days > 3660)
		*days = 90;
	return 0;
}

/* Whether idno has a row of kind k at unit_id dated within the match
 * days of ref.  Returns 1, 0 or -1. */
static int
tl_near(struct store *s, int64_t unit_id, enum tl_kind k, const char *idno,
    const struct hdate *ref)
{
	struct store_stmt	*st;
	struct hdate		 lo = *ref, hi = *ref;
	long long		 days;
	int64_t			 n = 0;
	char			 a[11], b[11];

	if (tl_match_days(s, unit_id, ref, &days) == -1)
		return -1;
	hdate_add_days(&lo, -(long)days);
	hdate_add_days(&hi, (long)days);
	hdate_fmt(&lo, a);
	hdate_fmt(&hi, b);
	if ((st = store_stmt(s, tl_sql[TL_STMT_NEAR])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, idno) ||
	    store_bind_text(st, 3, a) || store_bind_text(st, 4, b) ||
	    store_bind_text(st, 5, tl_kind_names[k]) ||
	    store_step_int(st, 0, &n) == STORE_ERROR)
		return -1;
	return n > 0;
}

/* timeliness_expect for kind k.  Returns 0, 1 nothing recorded, -1. */
static int
tl_expect(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *idno, int64_t person_id, const char *name,
    const char *ref_date, int64_t source_task, const struct hdate *today)
{
	struct tl_reg	 r;
	struct hdate	 ref;
	int		 rc;

	if (idno == NULL || idno[0] == '\0' || today == NULL)
		return 1;
	memset(&r, 0, sizeof(r));
	r.unit_id = unit_id;
	r.k = k;
	r.idno = idno;
	r.person_id = person_id;
	r.name = name;
	if ((rc = tl_reg_dates(s, &r, ref_date, NULL, today)) != 0)
		return rc;
	(void)valid_date(r.ref, &ref);
	if ((rc = tl_near(s, unit_id, k, idno, &ref)) != 0)
		return rc < 0 ? -1 : 1;
	return tl_insert(s, &r, source_task);
}

/* See timeliness.h. */
int
timeliness_expect(struct store *s, int64_t unit_id, const char *idno,
    int64_t person_id, const char *name, const char *ref_date,
    int64_t source_task, const struct hdate *today)
{
	return tl_expect(s, unit_id, TL_TUIGONG, idno, person_id, name,
	    ref_date, source_task, today);
}

/* See timeliness.h. */
int
timeliness_expect_hire(struct store *s, int64_t unit_id, const char *idno,
    int64_t person_id, const char *name, const char *ref_date,
    int64_t source_task, const struct hdate *today)
{
	return tl_expect(s, unit_id, TL_YONGGONG, idno, person_id, name,
	    ref_date, source_task, today);
}

/* See timeliness.h. */
int
timeliness_unregister(struct store *s, int64_t task_id, const char *idno,
    const struct hdate *today)
{
	struct store_stmt	*st;
	char			 day[11];
	int			 n;

	hdate_fmt(today, day);
	if ((st = store_stmt(s, tl_sql[TL_STMT_UNREG_DELETE])) == NULL ||
	    store_bind_int(st, 1, task_id) ||
	    store_bind_text(st, 2, idno) || store_exec_stmt(s, st))
		return -1;
	n = store_changes(s);
	if ((st = store_stmt(s, tl_sql[TL_STMT_UNREG_REOPEN])) == NULL ||
	    store_bind_int(st, 1, task_id) ||
	    store_bind_text(st, 2, idno) || store_bind_text(st, 3, day) ||
	    store_exec_stmt(s, st))
		return -1;
	return n + store_changes(s);
}

/* A walk over a task's rows for the workflow hook. */
struct tl_walk {
	struct store	*s;
	const struct task *t;
	enum tl_kind	 k;
	const char	*label;		/* the fact holding the date */
	struct hdate	 on;		/* first submitted, or today */
	char		 reasons[256];	/* 减员: the departure reasons */
	int		 failed;
};

/* The value of the fact labelled label of r, or NULL. */
static const char *
tl_fact(const struct wf_row *r, const char *label)
{
	size_t	 i;

	for (i = 0; i < r->nfacts; i++)
		if (strcmp(r->label[i], label) == 0)
			return r->value[i];
	return NULL;
}

/* wf_rows callback: registers one row of a submitted task. */
static int
tl_walk_register(void *arg, const struct wf_row *r)
{
	struct tl_walk	*w = arg;

	if (timeliness_register(w->s, w->t->unit_id, w->k, r->idno,
	    r->person_id, r->name, tl_fact(r, w->label), &w->on,
	    w->t->id) == -1) {
		w->failed = 1;
		return 1;
	}
	return 0;
}

/* Whether reason is one of the comma-separated list. */
static int
tl_listed(const char *list, const char *reason)
{
	size_t		 n = strlen(reason);
	const char	*p = list;

	if (n == 0)
		return 0;
	while ((p = strstr(p, reason)) != NULL) {
		if ((p == list || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

/* wf_rows callback: announces one departure of an approved 减员. */
static int
tl_walk_expect(void *arg, const struct wf_row *r)
{
	struct tl_walk	*w = arg;
	const char	*reason = tl_fact(r, "减少原因");

	if (reason == NULL || !tl_listed(w->reasons, reason))
		return 0;
	if (timeliness_expect(w->s, w->t->unit_id, r->idno, r->person_id,
	    r->name, tl_fact(r, "变更日期"), w->t->id, &w->on) == -1) {
		w->failed = 1;
		return 1;
	}
	return 0;
}

/* wf_rows callback: announces the hire of one person of an approved
 * 增员 who has no 在职 registration at the unit. */
static int
tl_walk_hire(void *arg, const struct wf_row *r)
{
	struct tl_walk	*w = arg;
	const char	*start = tl_fact(r, "参保日期");
	char		 day[16];
	int		 here;

	/* 参保日期 is a month: its first day. */
	snprintf(day, sizeof(day), "%.7s-01", start != NULL ? start : "");
	if ((here = emp_current_here(w->s, r->person_id,
	    w->t->unit_id)) == -1 || (here == 0 &&
	    timeliness_expect_hire(w->s, w->t->unit_id, r->idno,
	    r->person_id, r->name, day, w->t->id, &w->on) == -1)) {
		w->failed = 1;
		return 1;
	}
	return 0;
}

/* The approved 增员 t announces the hires awaiting their 用工备案.
 * Returns 0 or -1. */
static int
tl_moved_zengyuan(struct store *s, const struct task *t)
{
	struct tl_walk	 w;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.t = t;
	w.k = TL_YONGGONG;
	clock_today(&w.on);
	if (wf_rows(s, t, tl_walk_hire, &w) == -1 || w.failed)
		return -1;
	return 0;
}

/* The approved 减员 t announces its departures.  Returns 0 or -1. */
static int
tl_moved_jianyuan(struct store *s, const struct task *t)
{
	struct tl_walk	 w;
	char		 region[16];
	int		 rc;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.t = t;
	w.k = TL_TUIGONG;
	clock_today(&w.on);
	if (tl_region(s, t->unit_id, region) == -1 ||
	    (rc = policy_get(s, region, "timeliness.jianyuan_reasons", &w.on,
	    w.reasons, sizeof(w.reasons))) == -1)
		return -1;
	if (rc == 1)
		snprintf(w.reasons, sizeof(w.reasons), "停缴费");
	if (wf_rows(s, t, tl_walk_expect, &w) == -1 || w.failed)
		return -1;
	return 0;
}

/* See timeliness.h. */
int
timeliness_task_moved(struct store *s, const struct task *t,
    enum wf_action act)
{
	struct tl_walk	 w;
	struct hdate	 today;

	if (strcmp(t->business, "jianyuan") == 0)
		return t->state == TASK_DONE &&
		    (act == WF_APPROVE || act == WF_SUBMIT) ?
		    tl_moved_jianyuan(s, t) : 0;
	if (strcmp(t->business, "zengyuan") == 0)
		return t->state == TASK_DONE &&
		    (act == WF_APPROVE || act == WF_SUBMIT) ?
		    tl_moved_zengyuan(s, t) : 0;
	memset(&w, 0, sizeof(w));
	if ((w.k = tl_kind_of(t->business)) == TL_KIND__MAX)
		return 0;
	if (act == WF_CANCEL) {
		clock_today(&today);
		return timeliness_unregister(s, t->id, NULL, &today) < 0 ?
		    -1 : 0;
	}
	if (act != WF_SUBMIT)
		return 0;
	w.s = s;
	w.t = t;
	w.label = w.k == TL_TUIGONG ? "退工日期" : "用工之日";
	clock_today(&w.on);
	if (wf_first_submitted(s, t->id, &w.on) == -1)
		return -1;
	if (wf_rows(s, t, tl_walk_register, &w) == -1 || w.failed)
		return -1;
	return 0;
}

/* See timeliness.h. */
int
timeliness_sweep(struct store *s, int64_t unit_id, const struct hdate *today,
    int limit)
{
	struct store_stmt	*st;
	char			 day[11];
	int			 began = 0, n;

	if (limit <= 0)
		return 0;
	hdate_fmt(today, day);
	if (!store_in_tx(s)) {
		if (store_begin(s) == -1)
			return -1;
		began = 1;
	}
	st = store_stmt(s, tl_sql[unit_id > 0 ? TL_STMT_SWEEP_UNIT :
	    TL_STMT_SWEEP_ALL]);
	if (st == NULL || store_bind_text(st, 1, day) ||
	    store_bind_int(st, 2, limit) ||
	    (unit_id > 0 && store_bind_int(st, 3, unit_id)) ||
	    store_exec_stmt(s, st))
		goto fail;
	n = store_changes(s);
	if (began && store_commit(s) == -1)
		goto fail;
	return n;
fail:
	if (began)
		store_rollback(s);
	return -1;
}

/* Reads the current row of a figures statement into *f. */
static void
tl_col_figures(struct store_stmt *st, int from, struct tl_figures *f)
{
	f->on_time = store_col_int64(st, from);
	f->late = store_col_int64(st, from + 1);
	f->pending = store_col_int64(st, from + 2);
	f->rate = store_col_int(st, from + 3);
}

/* Empties f for period. */
static void
tl_zero(struct tl_figures *f, const char *period)
{
	memset(f, 0, sizeof(*f));
	text_copy(f->period, sizeof(f->period), period);
	f->rate = -1;
}

/* The month index (year * 12 + month - 1) of "YYYY-MM", or -1. */
static long
tl_month_no(const char *m)
{
	struct hdate	 d;

	if (m == NULL || strlen(m) != 7 || valid_month(m, &d) != VALID_OK)
		return -1;
	return (long)d.year * 12 + d.month - 1;
}

/* Formats month index no as "YYYY-MM" into buf[8]. */
static void
tl_month_fmt(long no, char buf[8])
{
	snprintf(buf, 8, "%04ld-%02ld", no / 12 % 10000, no % 12 + 1);
}

/* See timeliness.h. */
int
timeliness_months(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *last_month, int n, struct tl_figures *out)
{
	struct store_stmt	*st;
	long			 last, first, no;
	char			 from[8];
	int			 rc, i;

	if ((unsigned int)k >= TL_KIND__MAX || n < 1 || n > 120 ||
	    (last = tl_month_no(last_month)) < 0 || last < n)
		return 1;
	first = last - n + 1;
	for (i = 0; i < n; i++) {
		tl_month_fmt(first + i, from);
		tl_zero(&out[i], from);
	}
	tl_month_fmt(first, from);
	if ((st = store_stmt(s, tl_sql[TL_STMT_MONTHS])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, from) || store_bind_text(st, 4, last_month))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		no = tl_month_no(store_col_text(st, 0));
		if (no >= first && no <= last)
			tl_col_figures(st, 1, &out[no - first]);
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}

/* Adds b's counts to a and works out its rate. */
static void
tl_add(struct tl_figures *a, const struct tl_figures *b)
{
	a->on_time += b->on_time;
	a->late += b->late;
	a->pending += b->pending;
	a->rate = a->on_time + a->late > 0 ?
	    (int)(a->on_time * 1000 / (a->on_time + a->late)) : -1;
}

/* See timeliness.h. */
int
timeliness_range(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *from, const char *to, struct tl_figures *sum)
{
	struct tl_figures	*v;
	long			 a, b;
	int			 i, n, rc;

	tl_zero(sum, "");
	if ((a = tl_month_no(from)) < 0 || (b = tl_month_no(to)) < 0 ||
	    b < a || b - a >= 120)
		return 1;
	n = (int)(b - a + 1);
	if ((v = calloc((size_t)n, sizeof(*v))) == NULL) {
		log_err("timeliness: out of memory");
		return -1;
	}
	if ((rc = timeliness_months(s, unit_id, k, to, n, v)) == 0)
		for (i = 0; i < n; i++)
			tl_add(sum, &v[i]);
	free(v);
	return rc;
}

/* See timeliness.h. */
int
timeliness_period(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *period, struct tl_figures *out)
{
	struct store_stmt	*st;
	enum tl_stmt		 which;
	int			 rc;

	if ((unsigned int)k >= TL_KIND__MAX || period == NULL)
		return 1;
	if (strlen(period) == 4 && strspn(period, "0123456789") == 4)
		which = TL_STMT_YEAR;
	else if (tl_month_no(period) >= 0)
		which = TL_STMT_MONTH;
	else
		return 1;
	tl_zero(out, period);
	if ((st = store_stmt(s, tl_sql[which])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, period))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		tl_col_figures(st, 1, out);
	store_reset(st);
	return rc == STORE_ERROR ? -1 : 0;
}

/* Whether period is a year (1), a month (2) or neither (0). */
static int
tl_period_kind(const char *period)
{
	if (period == NULL)
		return 0;
	if (strlen(period) == 4 && strspn(period, "0123456789") == 4)
		return 1;
	return tl_month_no(period) >= 0 ? 2 : 0;
}

/* See timeliness.h. */
int
timeliness_rank(struct store *s, enum tl_kind k, const char *period,
    int worst, int offset, int limit,
    void (*fn)(void *arg, int64_t unit_id, const struct tl_figures *f),
    void *arg)
{
	static const enum tl_stmt which[2][2] = {
		{ TL_STMT_RANK_YEAR_DOWN, TL_STMT_RANK_YEAR_UP },
		{ TL_STMT_RANK_MONTH_DOWN, TL_STMT_RANK_MONTH_UP },
	};
	struct store_stmt	*st;
	struct tl_figures	 f;
	int			 pk, rc, n = 0;

	if ((unsigned int)k >= TL_KIND__MAX ||
	    (pk = tl_period_kind(period)) == 0 || limit < 1 ||
	    limit > 500 || offset < 0)
		return -1;
	if ((st = store_stmt(s, tl_sql[which[pk - 1][worst ? 1 : 0]])) ==
	    NULL || store_bind_text(st, 1, tl_kind_names[k]) ||
	    store_bind_text(st, 2, period) || store_bind_int(st, 3, limit) ||
	    store_bind_int(st, 4, offset))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		tl_zero(&f, period);
		tl_col_figures(st, 1, &f);
		fn(arg, store_col_int64(st, 0), &f);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See timeliness.h. */
int
timeliness_rank_count(struct store *s, enum tl_kind k, const char *period,
    int64_t *n)
{
	struct store_stmt	*st;
	int			 pk;

	*n = 0;
	if ((unsigned int)k >= TL_KIND__MAX ||
	    (pk = tl_period_kind(period)) == 0)
		return -1;
	if ((st = store_stmt(s, tl_sql[pk == 1 ? TL_STMT_RANK_YEAR_N :
	    TL_STMT_RANK_MONTH_N])) == NULL ||
	    store_bind_text(st, 1, tl_kind_names[k]) ||
	    store_bind_text(st, 2, period))
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* Reads the current row of TL_STMT_OPEN into *it. */
static void
tl_col_item(struct store_stmt *st, struct tl_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = store_col_int64(st, 0);
	it->unit_id = store_col_int64(st, 1);
	it->kind = tl_kind_of(store_col_text(st, 2));
	text_copy(it->idno, sizeof(it->idno), store_col_text(st, 3));
	it->person_id = store_col_int64(st, 4);
	text_copy(it->name, sizeof(it->name), store_col_text(st, 5));
	text_copy(it->ref_date, sizeof(it->ref_date), store_col_text(st, 6));
	text_copy(it->due_date, sizeof(it->due_date), store_col_text(st, 7));
	text_copy(it->done_on, sizeof(it->done_on), store_col_text(st, 8));
	it->late = store_col_int(st, 9);
	it->task_id = store_col_int64(st, 10);
	it->source_task_id = store_col_int64(st, 11);
}

/* Steps the bound statement st (selecting the item columns), handing
 * each item to fn, and resets it.  Returns the number handed or -1. */
static int
tl_walk_items(struct store_stmt *st,
    void (*fn)(void *arg, const struct tl_item *it), void *arg)
{
	struct tl_item	 it;
	int		 rc, n = 0;

	while ((rc = store_step(st)) == STORE_ROW) {
		tl_col_item(st, &it);
		fn(arg, &it);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See timeliness.h. */
int
timeliness_open(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *until, const char *after_due, int64_t after_id, int limit,
    void (*fn)(void *arg, const struct tl_item *it), void *arg)
{
	struct store_stmt	*st;

	if ((unsigned int)k >= TL_KIND__MAX || until == NULL || limit < 1)
		return -1;
	if ((st = store_stmt(s, tl_sql[TL_STMT_OPEN])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, until) ||
	    store_bind_text(st, 4, after_due != NULL ? after_due : "") ||
	    store_bind_int(st, 5, after_id) || store_bind_int(st, 6, limit))
		return -1;
	return tl_walk_items(st, fn, arg);
}

/* See timeliness.h. */
int
timeliness_open_count(struct store *s, int64_t unit_id, enum tl_kind k,
    const char *until, int64_t *n)
{
	struct store_stmt	*st;

	*n = 0;
	if ((unsigned int)k >= TL_KIND__MAX || until == NULL)
		return -1;
	if ((st = store_stmt(s, tl_sql[TL_STMT_OPEN_N])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, until))
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* See timeliness.h. */
int
timeliness_open_page(struct store *s, int64_t unit_id, enum tl_kind k,
    enum tl_open_filter f, const char *until, int offset, int limit,
    void (*fn)(void *arg, const struct tl_item *it), void *arg)
{
	struct store_stmt	*st;

	if ((unsigned int)k >= TL_KIND__MAX || until == NULL || limit < 1 ||
	    offset < 0 || (unsigned int)f >= TL_OPEN__MAX)
		return -1;
	if ((st = store_stmt(s, tl_sql[f == TL_OPEN_ANNOUNCED ?
	    TL_STMT_OPEN_PAGE_ANN : TL_STMT_OPEN_PAGE])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, until) || store_bind_int(st, 4, limit) ||
	    store_bind_int(st, 5, offset))
		return -1;
	return tl_walk_items(st, fn, arg);
}

/* See timeliness.h. */
int
timeliness_open_count_f(struct store *s, int64_t unit_id, enum tl_kind k,
    enum tl_open_filter f, const char *until, int64_t cap, int64_t *n)
{
	struct store_stmt	*st;

	*n = 0;
	if ((unsigned int)k >= TL_KIND__MAX || until == NULL ||
	    (unsigned int)f >= TL_OPEN__MAX)
		return -1;
	if ((st = store_stmt(s, tl_sql[f == TL_OPEN_ANNOUNCED ?
	    TL_STMT_OPEN_CAP_ANN : TL_STMT_OPEN_CAP])) == NULL ||
	    store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, tl_kind_names[k]) ||
	    store_bind_text(st, 3, until) || store_bind_int(st, 4, cap))
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* See timeliness.h. */
int
timeliness_unwarned(struct store *s, int64_t unit_id, const char *until,
    int limit, void (*fn)(void *arg, const struct tl_item *it), void *arg)
{
	struct store_stmt	*st;
	struct tl_item		*v;
	int			 rc = STORE_DONE, n = 0, i;

	if (until == NULL || limit < 1 || limit > 1000)
		return -1;
	if ((v = calloc((size_t)limit, sizeof(*v))) == NULL)
		return -1;
	/* Read first, then hand over: fn may write the rows. */
	if ((st = store_stmt(s, tl_sql[TL_STMT_UNWARNED])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, until) ||
	    store_bind_int(st, 3, limit)) {
		free(v);
		return -1;
	}
	while (n < limit && (rc = store_step(st)) == STORE_ROW)
		tl_col_item(st, &v[n++]);
	store_reset(st);
	if (n < limit && rc != STORE_DONE) {
		free(v);
		return -1;
	}
	for (i = 0; i < n; i++)
		fn(arg, &v[i]);
	free(v);
	return n;
}

/* See timeliness.h. */
int
timeliness_mark_warned(struct store *s, int64_t item_id, const char *due,
    int64_t at)
{
	struct store_stmt	*st;
	int			 n;

	if ((st = store_stmt(s, tl_sql[TL_STMT_WARNED])) == NULL ||
	    store_bind_int(st, 1, item_id) || store_bind_text(st, 2, due) ||
	    store_bind_int(st, 3, at) || store_exec_stmt(s, st))
		return -1;
	n = store_changes(s);
	if ((st = store_stmt(s, tl_sql[TL_STMT_WARNED_ITEM])) == NULL ||
	    store_bind_int(st, 1, item_id) || store_bind_text(st, 2, due) ||
	    store_exec_stmt(s, st))
		return -1;
	return n > 0;
}
