/*
 * mingce.c: 缴费基数名册 (tables mingce, mingce_rows); see mingce.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <xlsxwriter.h>

#include "audit.h"
#include "clock.h"
#include "log.h"
#include "mingce.h"
#include "policy.h"
#include "rsign.h"
#include "store.h"
#include "text.h"
#include "valid.h"
#include "wagebase.h"

#define MINGCE_CODE_LEN	8

/* Persons copied into a 名册 per write transaction: a 20,000-person
 * unit's roster in 20 short transactions, not one long one. */
#define MINGCE_CHUNK	1000

/* A 名册 being copied keeps its placeholder number ("-" + random) until
 * its last chunk; every reader skips it. */
#define MC_FINISHED	"substr(mingce_no, 1, 1) <> '-'"

/* The alphabet of verification codes (as receipts'): 32 characters, so
 * that a random byte masked to 5 bits picks one uniformly. */
static const char mingce_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* The statements of the 名册; their SQL is in mingce_sql. */
enum mingce_stmt {
	MC_STMT_DEDUP,		/* the 名册 of a form's token */
	MC_STMT_INSERT,		/* a new 名册's head */
	MC_STMT_PERSONS,	/* the unit's persons 参保缴费 by a month */
	MC_STMT_STOPPED,	/* those stopped after it */
	MC_STMT_ROW,		/* inserts a row */
	MC_STMT_FINISH,		/* the number and totals */
	MC_STMT_LOAD,		/* a 名册 by id */
	MC_STMT_ROWS,		/* a page of its rows */
	MC_STMT_COUNT,		/* how many a unit issued */
	MC_STMT_LIST,		/* a page of them, newest first */
	MC_STMT_BY_NO,		/* a 名册 by its number */
	MC_STMT_NTH,		/* when a unit's nth newest was issued */
	MC_STMT_REGION,		/* a unit's region */
	MC_STMT_DISCARD_ROWS,	/* the rows of a 名册 not finished */
	MC_STMT_DISCARD,	/* its head */
	MC_STMT_SIG_GET,	/* its kept signature */
	MC_STMT_SIG_KEEP,	/* keeps one unless kept */
	MC_STMT__MAX
};

#define MC_COLUMNS "id, mingce_no, code, unit_id, year, month, persons, " \
	"wage_total_fen, base_total_fen, issued_at"

/* The SQL of each statement, by enum mingce_stmt. */
static const char *const mingce_sql[MC_STMT__MAX] = {
	[MC_STMT_DEDUP] =
	    "SELECT id FROM mingce WHERE unit_id = ?1 AND dedup_key = ?2",
	[MC_STMT_INSERT] =
	    "INSERT INTO mingce (mingce_no, code, unit_id, year, month, "
	    "issued_by, issued_at, dedup_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8)",
	[MC_STMT_PERSONS] =
	    "SELECT i.id, i.person_id, p.name, p.idno, i.sb_no FROM insurance "
	    "i JOIN persons p ON p.id = i.person_id WHERE i.unit_id = ?1 AND "
	    "i.status = '参保缴费' AND i.start_month <= ?2 AND i.person_id > ?3 "
	    "ORDER BY i.person_id LIMIT ?4",
	[MC_STMT_STOPPED] =
	    "SELECT i.id, i.person_id, p.name, p.idno, i.sb_no FROM insurance "
	    "i JOIN persons p ON p.id = i.person_id WHERE i.unit_id = ?1 AND "
	    "i.status = '暂停缴费' AND i.start_month <= ?2 AND i.stop_month > ?2 "
	    "AND i.person_id > ?3 ORDER BY i.person_id LIMIT ?4",
	[MC_STMT_ROW] =
	    "INSERT INTO mingce_rows (mingce_id, row_no, person_id, name, "
	    "idno, sb_no, wage_fen, base_fen, from_month) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9)",
	[MC_STMT_FINISH] =
	    "UPDATE mingce SET mingce_no = ?2, persons = ?3, wage_total_fen = "
	    "?4, base_total_fen = ?5 WHERE id = ?1",
	[MC_STMT_LOAD] =
	    "SELECT " MC_COLUMNS " FROM mingce WHERE id = ?1 AND "
	    MC_FINISHED,
	[MC_STMT_ROWS] =
	    "SELECT row_no, person_id, name, idno, sb_no, wage_fen, base_fen, "
	    "from_month FROM mingce_rows WHERE mingce_id = ?1 ORDER BY row_no "
	    "LIMIT ?3 OFFSET ?2",
	[MC_STMT_COUNT] =
	    "SELECT COUNT(*) FROM mingce WHERE unit_id = ?1 AND " MC_FINISHED,
	[MC_STMT_LIST] =
	    "SELECT " MC_COLUMNS " FROM mingce WHERE unit_id = ?1 AND "
	    MC_FINISHED " ORDER BY id DESC LIMIT ?3 OFFSET ?2",
	[MC_STMT_BY_NO] =
	    "SELECT " MC_COLUMNS " FROM mingce WHERE mingce_no = ?1 AND "
	    MC_FINISHED,
	/* By (unit_id, id), newest first: never the whole history. */
	[MC_STMT_NTH] =
	    "SELECT issued_at FROM mingce WHERE unit_id = ?1 "
	    "ORDER BY id DESC LIMIT 1 OFFSET ?2",
	[MC_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1",
	[MC_STMT_DISCARD_ROWS] =
	    "DELETE FROM mingce_rows WHERE mingce_id = ?1",
	[MC_STMT_DISCARD] =
	    "DELETE FROM mingce WHERE id = ?1 AND NOT " MC_FINISHED,
	[MC_STMT_SIG_GET] =
	    "SELECT sig FROM mingce WHERE id = ?1",
	[MC_STMT_SIG_KEEP] =
	    "UPDATE mingce SET sig = ?2 WHERE id = ?1 AND sig = ''",
};

/* See mingce.h. */
int
mingce_year_ok(int year, const struct hdate *today)
{
	return year >= today->year - 1 && year <= today->year + 1;
}

/* See mingce.h. */
void
mingce_month(int year, const struct hdate *today, char month[8])
{
	int	 m = year == today->year ? today->month :
		    year < today->year ? 12 : 1;

	snprintf(month, 8, "%04d-%02d", year % 10000, m);
}

/* Fills code with MINGCE_CODE_LEN random characters of the alphabet
 * and a NUL.  Returns 0 or -1. */
static int
mingce_code(char code[MINGCE_CODE_LEN + 1])
{
	unsigned char	 r[MINGCE_CODE_LEN];
	size_t		 i;

	if (RAND_bytes(r, sizeof(r)) != 1) {
		log_err("mingce: RAND_bytes failed");
		return -1;
	}
	for (i = 0; i < MINGCE_CODE_LEN; i++)
		code[i] = mingce_alphabet[r[i] & 31];
	code[MINGCE_CODE_LEN] = '\0';
	return 0;
}

/* Reads the MC_COLUMNS of st's current row into out. */
static void
mingce_read(struct store_stmt *st, struct mingce *out)
{
	memset(out, 0, sizeof(*out));
	out->id = store_col_int64(st, 0);
	text_copy(out->no, sizeof(out->no), store_col_text(st, 1));
	text_copy(out->code, sizeof(out->code), store_col_text(st, 2));
	out->unit_id = store_col_int64(st, 3);
	out->year = store_col_int(st, 4);
	text_copy(out->month, sizeof(out->month), store_col_text(st, 5));
	out->persons = store_col_int64(st, 6);
	out->wage_total_fen = store_col_int64(st, 7);
	out->base_total_fen = store_col_int64(st, 8);
	out->issued_at = (time_t)store_col_int64(st, 9);
}

/* See mingce.h. */
int
mingce_load(struct store *s, int64_t id, int64_t unit_id, struct mingce *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, mingce_sql[MC_STMT_LOAD])) == NULL ||
	    store_bind_int(st, 1, id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		mingce_read(st, out);
	store_reset(st);
	if (rc != STORE_ROW)
		return rc == STORE_DONE ? 1 : -1;
	if (unit_id > 0 && out->unit_id != unit_id) {
		memset(out, 0, sizeof(*out));
		return 1;
	}
	return 0;
}

/* The 名册 of the form's dedup_key for unit_id into *id (0: none).
 * Returns 0 or -1. */
static int
mingce_dedup(struct store *s, int64_t unit_id, const char *dedup_key,
    int64_t *id)
{
	struct store_stmt	*st;
	int			 rc;

	*id = 0;
	if (dedup_key == NULL)
		return 0;
	if ((st = store_stmt(s, mingce_sql[MC_STMT_DEDUP])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, dedup_key) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		*id = store_col_int64(st, 0);
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* The totals of a 名册 being issued. */
struct mingce_fill {
	int64_t		 id;
	int		 rows;
	int64_t		 wage, base;
	int		 chunks;	/* write transactions so far */
	int64_t		 max_us;	/* the longest of them */
};

/* CLOCK_MONOTONIC in microseconds. */
static int64_t
mingce_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Inserts the row of the current person of st (MC_STMT_PERSONS) with
 * the base in force in month.  Returns 0 or -1. */
static int
mingce_fill_row(struct store *s, struct store_stmt *st, const char *month,
    struct mingce_fill *f)
{
	struct store_stmt	*ins;
	struct wb_base		 b;

	if (wb_at(s, store_col_int64(st, 0), month, &b) != 0)
		return -1;
	f->rows++;
	f->wage += b.wage_fen;
	f->base += b.base_fen;
	if ((ins = store_stmt(s, mingce_sql[MC_STMT_ROW])) == NULL ||
	    store_bind_int(ins, 1, f->id) != 0 ||
	    store_bind_int(ins, 2, f->rows) != 0 ||
	    store_bind_int(ins, 3, store_col_int64(st, 1)) != 0 ||
	    store_bind_text(ins, 4, store_col_text(st, 2)) != 0 ||
	    store_bind_text(ins, 5, store_col_text(st, 3)) != 0 ||
	    store_bind_text(ins, 6, store_col_text(st, 4)) != 0 ||
	    store_bind_int(ins, 7, b.wage_fen) != 0 ||
	    store_bind_int(ins, 8, b.base_fen) != 0 ||
	    store_bind_text(ins, 9, b.from_month) != 0)
		return -1;
	return store_exec_stmt(s, ins) == 0 ? 0 : -1;
}

/* Copies into 名册 f->id, in one write transaction, at most
 * MINGCE_CHUNK persons of statement which (unit_id, month) after
 * person *after, in person order, moving *after on.  Returns how many
 * were copied (fewer than MINGCE_CHUNK: the list is done) or -1. */
static int
mingce_fill_chunk(struct store *s, enum mingce_stmt which, int64_t unit_id,
    const char *month, int64_t *after, struct mingce_fill *f)
{
	struct store_stmt	*st;
	int64_t			 t0;
	int			 rc, n = 0;

	if (store_begin(s) != 0)
		return -1;
	t0 = mingce_us();
	if ((st = store_stmt(s, mingce_sql[which])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, month) != 0 ||
	    store_bind_int(st, 3, *after) != 0 ||
	    store_bind_int(st, 4, MINGCE_CHUNK) != 0) {
		store_rollback(s);
		return -1;
	}
	while ((rc = store_step(st)) == STORE_ROW) {
		*after = store_col_int64(st, 1);
		if (mingce_fill_row(s, st, month, f) != 0) {
			rc = STORE_ERROR;
			break;
		}
		n++;
	}
	store_reset(st);
	if (rc != STORE_DONE) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s) != 0)
		return -1;
	f->chunks++;
	if ((t0 = mingce_us() - t0) > f->max_us)
		f->max_us = t0;
	return n;
}

/* Copies into 名册 f->id unit_id's persons paying in month, chunk by
 * chunk: those 参保缴费 whose 参保 began by then, then those stopped
 * since (their first month not paid after it), each list in person
 * order.  Returns 0 or -1. */
static int
mingce_fill(struct store *s, int64_t unit_id, const char *month,
    struct mingce_fill *f)
{
	static const enum mingce_stmt	 lists[] = { MC_STMT_PERSONS,
	    MC_STMT_STOPPED };
	int64_t				 after;
	size_t				 i;
	int				 n;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (after = 0;;) {
			if ((n = mingce_fill_chunk(s, lists[i], unit_id, month,
			    &after, f)) < 0)
				return -1;
			if (n < MINGCE_CHUNK)
				break;
		}
	return 0;
}

/* Gives 名册 f->id its number (issued on day) and totals, which makes
 * it visible, and audits it as who, in one transaction.  Returns 0 or
 * -1. */
static int
mingce_finish(struct store *s, const struct mingce_fill *f,
    const struct hdate *day, const char *month, const struct actor *who)
{
	struct store_stmt	*st;
	char			 no[32], object[32];

	snprintf(no, sizeof(no), MINGCE_PREFIX "%04d%02d%02d%08lld",
	    day->year, day->month, day->day, (long long)f->id);
	snprintf(object, sizeof(object), "mingce:%lld", (long long)f->id);
	if (store_begin(s) != 0)
		return -1;
	if ((st = store_stmt(s, mingce_sql[MC_STMT_FINISH])) == NULL ||
	    store_bind_int(st, 1, f->id) != 0 ||
	    store_bind_text(st, 2, no) != 0 ||
	    store_bind_int(st, 3, f->rows) != 0 ||
	    store_bind_int(st, 4, f->wage) != 0 ||
	    store_bind_int(st, 5, f->base) != 0 ||
	    store_exec_stmt(s, st) != 0 ||
	    audit_append(s, who, "mingce.issue", object, month) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

/* Deletes 名册 id when it is not finished (a copy that failed), rows
 * and head, so that nothing half-made stays.  Never fails (logged). */
static void
mingce_discard(struct store *s, int64_t id)
{
	struct store_stmt	*st;

	if (store_begin(s) != 0)
		goto fail;
	if ((st = store_stmt(s, mingce_sql[MC_STMT_DISCARD_ROWS])) == NULL ||
	    store_bind_int(st, 1, id) != 0 || store_exec_stmt(s, st) != 0 ||
	    (st = store_stmt(s, mingce_sql[MC_STMT_DISCARD])) == NULL ||
	    store_bind_int(st, 1, id) != 0 || store_exec_stmt(s, st) != 0) {
		store_rollback(s);
		goto fail;
	}
	if (store_commit(s) == 0)
		return;
fail:
	log_err("mingce: %lld: an unfinished 名册 left", (long long)id);
}

/* Inserts the head of a new 名册 (its placeholder number: not visible
 * yet) issued at now.  Inside the caller's transaction.  Returns its
 * id, or -1. */
static int64_t
mingce_new_head(struct store *s, int64_t unit_id, int year, const char *month,
    int64_t who, const char *dedup_key, time_t now)
{
	struct store_stmt	*st;
	char			 code[MINGCE_CODE_LEN + 1], tmp[40];

	if (mingce_code(code) != 0 || mingce_code(tmp) != 0)
		return -1;
	/* A placeholder number until the copy is done; no real one has
	 * this shape. */
	memmove(tmp + 1, tmp, MINGCE_CODE_LEN + 1);
	tmp[0] = '-';
	if ((st = store_stmt(s, mingce_sql[MC_STMT_INSERT])) == NULL ||
	    store_bind_text(st, 1, tmp) != 0 ||
	    store_bind_text(st, 2, code) != 0 ||
	    store_bind_int(st, 3, unit_id) != 0 ||
	    store_bind_int(st, 4, year) != 0 ||
	    store_bind_text(st, 5, month) != 0 ||
	    store_bind_int(st, 6, who) != 0 ||
	    store_bind_int(st, 7, (int64_t)now) != 0 ||
	    store_bind_text(st, 8, dedup_key) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	return store_last_id(s);
}

/* Waits up to 5 seconds for 名册 id of unit_id (the first request of a
 * double click, still copying) to be finished, then loads it into
 * *out.  Returns 0 or -1. */
static int
mingce_wait(struct store *s, int64_t id, int64_t unit_id, struct mingce *out)
{
	struct timespec	 pause = { 0, 50 * 1000 * 1000 };
	int		 i, rc;

	for (i = 0; i < 100; i++) {
		if ((rc = mingce_load(s, id, unit_id, out)) <= 0)
			return rc;
		nanosleep(&pause, NULL);
	}
	log_err("mingce: %lld: not finished after 5 s", (long long)id);
	return -1;
}

/* See mingce.h. */
int
mingce_per_day(struct store *s, int64_t unit_id, long long *n)
{
	struct store_stmt	*st;
	struct hdate		 today;
	char			 region[16] = "*";
	int			 rc;

	*n = MINGCE_PER_DAY;
	if ((st = store_stmt(s, mingce_sql[MC_STMT_REGION])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		text_copy(region, sizeof(region), store_col_text(st, 0));
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	clock_today(&today);
	if (policy_int(s, region, "mingce.per_day", &today, MINGCE_PER_DAY,
	    n) < 0)
		return -1;
	if (*n < 0)
		*n = 0;
	return 0;
}

/* Whether unit_id has issued its limit of 名册 today (UTC+8) already:
 * whether its per_day-th newest was issued since midnight.  Inside the
 * caller's (write) transaction, so two requests cannot both pass.
 * Returns 1 reached, 0 not, -1 error. */
static int
mingce_limit_reached(struct store *s, int64_t unit_id)
{
	struct store_stmt	*st;
	long long		 per_day;
	time_t			 now = clock_now();
	int64_t			 midnight, at = 0;
	int			 rc;

	if (mingce_per_day(s, unit_id, &per_day) != 0)
		return -1;
	if (per_day <= 0)
		return 1;
	midnight = (int64_t)now - ((int64_t)now + 8 * 3600) % 86400;
	if ((st = store_stmt(s, mingce_sql[MC_STMT_NTH])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, per_day - 1) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		at = store_col_int64(st, 0);
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	return rc == STORE_ROW && at >= midnight ? 1 : 0;
}

/* See mingce.h. */
int
mingce_issue(struct store *s, int64_t unit_id, int year,
    const struct actor *who, const char *dedup_key, struct mingce *out,
    int *created)
{
	struct mingce_fill	 f;
	struct hdate		 today;
	char			 month[8];
	time_t			 now = clock_now();
	int64_t			 id;
	int			 rc;

	*created = 0;
	memset(out, 0, sizeof(*out));
	clock_date(now, &today);
	if (!mingce_year_ok(year, &today))
		return -1;
	mingce_month(year, &today, month);
	/* The head: the token's 名册 again, or the limit, or a new one. */
	if (store_begin(s) != 0)
		return -1;
	if (mingce_dedup(s, unit_id, dedup_key, &id) != 0)
		goto fail;
	if (id != 0) {
		if (store_commit(s) != 0)
			return -1;
		return mingce_wait(s, id, unit_id, out);
	}
	if ((rc = mingce_limit_reached(s, unit_id)) != 0) {
		store_rollback(s);
		return rc;
	}
	if ((id = mingce_new_head(s, unit_id, year, month, who->account_id,
	    dedup_key, now)) < 0)
		goto fail;
	if (store_commit(s) != 0)
		return -1;
	/* The rows, chunk by chunk; then the number. */
	memset(&f, 0, sizeof(f));
	f.id = id;
	if (mingce_fill(s, unit_id, month, &f) != 0 ||
	    mingce_finish(s, &f, &today, month, who) != 0) {
		mingce_discard(s, id);
		return -1;
	}
	*created = 1;
	log_info("mingce: %lld: %d persons in %d write transactions, the "
	    "longest %lld us", (long long)id, f.rows, f.chunks,
	    (long long)f.max_us);
	return mingce_load(s, id, unit_id, out) == 0 ? 0 : -1;
fail:
	store_rollback(s);
	return -1;
}

/* See mingce.h. */
int
mingce_rows(struct store *s, int64_t id, int offset, int limit,
    int (*fn)(void *arg, const struct mingce_row *r), void *arg)
{
	struct store_stmt	*st;
	struct mingce_row	 r;
	int			 rc, n = 0;

	if ((st = store_stmt(s, mingce_sql[MC_STMT_ROWS])) == NULL ||
	    store_bind_int(st, 1, id) != 0 ||
	    store_bind_int(st, 2, offset < 0 ? 0 : offset) != 0 ||
	    store_bind_int(st, 3, limit) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		r.row_no = store_col_int(st, 0);
		r.person_id = store_col_int64(st, 1);
		r.name = store_col_text(st, 2);
		r.idno = store_col_text(st, 3);
		r.sb_no = store_col_text(st, 4);
		r.wage_fen = store_col_int64(st, 5);
		r.base_fen = store_col_int64(st, 6);
		r.from_month = store_col_text(st, 7);
		n++;
		if (fn(arg, &r) != 0)
			break;
	}
	store_reset(st);
	return rc == STORE_ERROR ? -1 : n;
}

/* See mingce.h. */
int
mingce_count(struct store *s, int64_t unit_id, int64_t *n)
{
	return store_int(s, mingce_sql[MC_STMT_COUNT], unit_id, 0, n);
}

/* See mingce.h. */
int
mingce_list(struct store *s, int64_t unit_id, int offset, int limit,
    void (*fn)(void *arg, const struct mingce *m), void *arg)
{
	struct store_stmt	*st;
	struct mingce		 m;
	int			 rc, n = 0;

	if ((st = store_stmt(s, mingce_sql[MC_STMT_LIST])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, offset < 0 ? 0 : offset) != 0 ||
	    store_bind_int(st, 3, limit) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		mingce_read(st, &m);
		fn(arg, &m);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* Copies src upper-cased into dst[dstsz] when it fits and holds only
 * printable ASCII.  Returns 0 or -1. */
static int
mingce_upper(const char *src, char *dst, size_t dstsz)
{
	size_t	 i, n;

	if (src == NULL || (n = strlen(src)) == 0 || n >= dstsz)
		return -1;
	for (i = 0; i < n; i++) {
		if (src[i] <= 0x20 || src[i] >= 0x7F)
			return -1;
		dst[i] = (char)toupper((unsigned char)src[i]);
	}
	dst[n] = '\0';
	return 0;
}

/* See mingce.h. */
int
mingce_verify(struct store *s, const char *no, const char *code,
    struct mingce *out)
{
	struct store_stmt	*st;
	char			 want[32], given[MINGCE_CODE_LEN + 1];
	char			 stored[MINGCE_CODE_LEN + 1] = "--------";
	int			 rc, found = 0, given_ok;

	given_ok = mingce_upper(code, given, sizeof(given)) == 0 &&
	    strlen(given) == MINGCE_CODE_LEN;
	if (!given_ok)
		memcpy(given, "########", MINGCE_CODE_LEN + 1);
	if (mingce_upper(no, want, sizeof(want)) != 0)
		want[0] = '\0';
	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, mingce_sql[MC_STMT_BY_NO])) == NULL ||
	    store_bind_text(st, 1, want) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		mingce_read(st, out);
		if (strlen(out->code) == MINGCE_CODE_LEN) {
			memcpy(stored, out->code, MINGCE_CODE_LEN + 1);
			found = 1;
		}
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	if (CRYPTO_memcmp(stored, given, MINGCE_CODE_LEN) == 0 && found &&
	    given_ok)
		return 0;
	memset(out, 0, sizeof(*out));
	return 1;
}

/* The sheet being written. */
struct mingce_sheet {
	lxw_worksheet	*ws;
	lxw_format	*money;
	lxw_row_t	 row;
	int		 failed;
};

/* mingce_rows callback of mingce_xlsx(): one row.  Returns 0, 1 (stop)
 * on a write error. */
static int
mingce_xlsx_row(void *arg, const struct mingce_row *r)
{
	struct mingce_sheet	*sh = arg;
	lxw_error		 e;

	sh->row++;
	e = worksheet_write_number(sh->ws, sh->row, 0, r->row_no, NULL);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(sh->ws, sh->row, 1, r->sb_no, NULL);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(sh->ws, sh->row, 2, r->name, NULL);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(sh->ws, sh->row, 3, r->idno, NULL);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_number(sh->ws, sh->row, 4,
		    (double)r->wage_fen / 100.0, sh->money);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_number(sh->ws, sh->row, 5,
		    (double)r->base_fen / 100.0, sh->money);
	if (e == LXW_NO_ERROR)	/* no wage_bases row: the 参保 base */
		e = worksheet_write_string(sh->ws, sh->row, 6,
		    r->from_month[0] != '\0' ? r->from_month : "参保时核定",
		    NULL);
	if (e != LXW_NO_ERROR) {
		sh->failed = 1;
		return 1;
	}
	return 0;
}

static const char *const mingce_head[] = { "序号", "个人编号", "姓名",
	"身份证号", "申报工资(元)", "缴费基数(元)", "基数起始月份" };
#define MINGCE_COLS	(sizeof(mingce_head) / sizeof(mingce_head[0]))

/* Writes the title lines and the header of 名册 m.  Returns 0 or -1. */
static int
mingce_xlsx_head(struct mingce_sheet *sh, const struct mingce *m,
    const char *unit_name, lxw_format *bold)
{
	char		 line[512], url[256];
	lxw_col_t	 i;
	lxw_error	 e;

	snprintf(line, sizeof(line), "%d年度缴费基数名册(%.4s年%.2s月)",
	    m->year, m->month, m->month + 5);
	e = worksheet_write_string(sh->ws, 0, 0, line, bold);
	snprintf(line, sizeof(line), "单位:%s", unit_name);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(sh->ws, 1, 0, line, NULL);
	receipt_verify_url(url, sizeof(url));
	snprintf(line, sizeof(line), "名册编号:%s  验证码:%s  (可凭名册编号和"
	    "验证码在 %s 查验真伪)", m->no, m->code, url);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_string(sh->ws, 2, 0, line, NULL);
	for (i = 0; i < MINGCE_COLS && e == LXW_NO_ERROR; i++) {
		worksheet_set_column(sh->ws, i, i, i == 3 ? 22 : i == 0 ? 8 :
		    14, NULL);
		e = worksheet_write_string(sh->ws, 4, i, mingce_head[i], bold);
	}
	sh->row = 4;
	return e == LXW_NO_ERROR ? 0 : -1;
}

/* Writes the totals line after the rows.  Returns 0 or -1. */
static int
mingce_xlsx_total(struct mingce_sheet *sh, const struct mingce *m,
    lxw_format *bold)
{
	char		 line[64];
	lxw_error	 e;

	sh->row++;
	snprintf(line, sizeof(line), "合计 %lld 人", (long long)m->persons);
	e = worksheet_write_string(sh->ws, sh->row, 0, line, bold);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_number(sh->ws, sh->row, 4,
		    (double)m->wage_total_fen / 100.0, sh->money);
	if (e == LXW_NO_ERROR)
		e = worksheet_write_number(sh->ws, sh->row, 5,
		    (double)m->base_total_fen / 100.0, sh->money);
	return e == LXW_NO_ERROR ? 0 : -1;
}

/* See mingce.h. */
int
mingce_xlsx(struct store *s, const struct mingce *m, const char *unit_name,
    const char *path, const char *tmpdir)
{
	lxw_workbook_options	 opt;
	struct mingce_sheet	 sh;
	lxw_workbook		*wb;
	lxw_format		*bold;
	char			 dir[256];
	int			 n = -1;

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
	format_set_num_format(sh.money, "#,##0.00");
	if ((sh.ws = workbook_add_worksheet(wb, "缴费基数名册")) == NULL) {
		workbook_close(wb);
		return -1;
	}
	if (mingce_xlsx_head(&sh, m, unit_name, bold) == 0)
		n = mingce_rows(s, m->id, 0, -1, mingce_xlsx_row, &sh);
	if (n >= 0 && !sh.failed && mingce_xlsx_total(&sh, m, bold) != 0)
		sh.failed = 1;
	if (workbook_close(wb) != LXW_NO_ERROR || n < 0 || sh.failed)
		return -1;
	return 0;
}

/* See mingce.h.  Returns 0, 1 none kept, -1 error. */
int
mingce_sig_get(struct store *s, int64_t id, char *buf, size_t bufsz)
{
	struct store_stmt	*st;
	int			 rc;

	buf[0] = '\0';
	if ((st = store_stmt(s, mingce_sql[MC_STMT_SIG_GET])) == NULL ||
	    store_bind_int(st, 1, id) != 0 ||
	    (rc = store_step_text(st, buf, bufsz)) == STORE_ERROR)
		return -1;
	return buf[0] != '\0' ? 0 : 1;
}

/* See mingce.h.  Returns 0 or -1. */
int
mingce_sig_keep(struct store *s, int64_t id, const char *sig)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, mingce_sql[MC_STMT_SIG_KEEP])) == NULL ||
	    store_bind_int(st, 1, id) != 0 || store_bind_text(st, 2, sig) != 0)
		return -1;
	return store_exec_stmt(s, st);
}
