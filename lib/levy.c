/*
 * levy.c: contributions and 滞纳金 owed for months; see levy.h (the
 * rounding rule is there).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "levy.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "wagebase.h"

/* The statements of this module; their SQL is in levy_sql. */
enum levy_stmt {
	LEVY_STMT_UNIT,		/* a unit's region, 工伤 rate, types */
	LEVY_STMT_INSURANCE,	/* a person's 参保 row at a unit */
	LEVY_STMT__MAX
};

/* The SQL of each statement, by enum levy_stmt. */
static const char *const levy_sql[LEVY_STMT__MAX] = {
	[LEVY_STMT_UNIT] =
	    "SELECT region, industry_rate_permille, ins_types FROM units "
	    "WHERE id = ?1",
	[LEVY_STMT_INSURANCE] =
	    "SELECT id FROM insurance WHERE person_id = ?1 AND unit_id = ?2",
};

/* Names and policy keys of the types, by enum levy_type. */
static const char *const levy_names[LEVY_TYPE__MAX] = {
	"养老", "医疗", "失业", "工伤", "生育", "大额医疗"
};
static const char *const levy_keys[LEVY_TYPE__MAX] = {
	"pension", "medical", "unemployment", "injury", "maternity",
	"large_medical"
};

/* See levy.h. */
const char *
levy_type_name(enum levy_type t)
{
	return (unsigned)t < LEVY_TYPE__MAX ? levy_names[t] : "";
}

/* See levy.h. */
const char *
levy_type_key(enum levy_type t)
{
	return (unsigned)t < LEVY_TYPE__MAX ? levy_keys[t] : "";
}

/* See levy.h. */
const char *
levy_side_name(enum levy_side side)
{
	return side == LEVY_PERSON ? "个人" : "单位";
}

/* See levy.h. */
unsigned
levy_types_mask(const char *ins_types)
{
	const char	*p = ins_types, *e;
	size_t		 n, k;
	unsigned	 mask = 0;
	int		 t;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		k = n;
		while (k > 0 && p[k - 1] == ' ')
			k--;
		for (t = 0; t < LEVY_TYPE__MAX; t++)
			if (strlen(levy_names[t]) == k &&
			    memcmp(levy_names[t], p, k) == 0)
				break;
		if (t < LEVY_TYPE__MAX)
			mask |= 1u << t;
		else
			log_warn("levy: unknown insurance type \"%.*s\"",
			    (int)k, p);
		p += n;
	}
	return mask;
}

/* See levy.h. */
int64_t
levy_round_bp(int64_t base_fen, int64_t rate_bp)
{
	int64_t	 v;

	if (base_fen <= 0 || rate_bp <= 0)
		return 0;
	if (__builtin_mul_overflow(base_fen, rate_bp, &v) ||
	    __builtin_add_overflow(v, 5000, &v)) {
		log_err("levy: %" PRId64 " fen x %" PRId64 " bp overflows",
		    base_fen, rate_bp);
		return -1;
	}
	return v / 10000;
}

/* See levy.h. */
int64_t
levy_late_fen(int64_t amount_fen, long days, int64_t late_bp)
{
	int64_t	 v;

	if (amount_fen <= 0 || days <= 0 || late_bp <= 0)
		return 0;
	if (__builtin_mul_overflow(amount_fen, (int64_t)days, &v) ||
	    __builtin_mul_overflow(v, late_bp, &v) ||
	    __builtin_add_overflow(v, 5000, &v)) {
		log_err("levy: 滞纳金 of %" PRId64 " fen x %ld days x %" PRId64
		    " bp overflows", amount_fen, days, late_bp);
		return -1;
	}
	return v / 10000;
}

/* The days of month m (1-12) of year y. */
static int
levy_month_days(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* See levy.h. */
void
levy_due_date(int year, int month, int due_day, int offset,
    struct hdate *out)
{
	long	 m = (long)year * 12 + (month - 1) + offset;
	int	 last;

	out->year = (int)(m / 12);
	out->month = (int)(m % 12) + 1;
	last = levy_month_days(out->year, out->month);
	out->day = due_day < 1 ? 1 : due_day > last ? last : due_day;
}

/* See levy.h. */
long
levy_late_days(const struct hdate *due, const struct hdate *on)
{
	long	 d = hdate_diff(due, on);

	return d > 0 ? d : 0;
}

/* See levy.h. */
void
levy_init(struct levy *l)
{
	memset(l, 0, sizeof(*l));
	l->keep_lines = 1;
}

/* See levy.h. */
void
levy_free(struct levy *l)
{
	free(l->lines);
	levy_init(l);
}

/* Adds b to a. */
static void
levy_sum_add(struct levy_sum *a, const struct levy_sum *b)
{
	a->amount_fen += b->amount_fen;
	a->late_fen += b->late_fen;
}

/* See levy.h. */
void
levy_add(struct levy *into, const struct levy *part)
{
	int	 t, sd;

	for (t = 0; t < LEVY_TYPE__MAX; t++)
		for (sd = 0; sd < LEVY_SIDE__MAX; sd++)
			levy_sum_add(&into->by[t][sd], &part->by[t][sd]);
	for (sd = 0; sd < LEVY_SIDE__MAX; sd++)
		levy_sum_add(&into->side[sd], &part->side[sd]);
	levy_sum_add(&into->total, &part->total);
	into->persons += part->persons;
	into->months += part->months;
}

/* See levy.h. */
int
levy_unit_load(struct store *s, int64_t unit_id, struct levy_unit *u)
{
	struct store_stmt	*st;
	int			 rc;

	memset(u, 0, sizeof(*u));
	if ((st = store_stmt(s, levy_sql[LEVY_STMT_UNIT])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		u->unit_id = unit_id;
		snprintf(u->region, sizeof(u->region), "%s",
		    store_col_text(st, 0));
		u->industry_permille = store_col_int(st, 1);
		u->types = levy_types_mask(store_col_text(st, 2));
	}
	store_reset(st);
	if (rc == STORE_DONE)
		return 1;
	return rc == STORE_ROW ? 0 : -1;
}

/* One integer policy value of key for u's region on date on into *v
 * (-1 when none).  A value no policy can mean is refused, logged: a
 * rate (a key with _bp) above LEVY_BP_MAX, an amount above
 * LEVY_FEN_MAX.  Returns 0 found, 1 none, -1 error. */
static int
levy_key(struct store *s, const struct levy_unit *u, const char *key,
    const struct hdate *on, long long *v)
{
	long long	 max;
	int		 rc;

	max = strstr(key, "_bp") != NULL ? LEVY_BP_MAX : LEVY_FEN_MAX;
	rc = policy_int(s, u->region, key, on, -1, v);
	if (rc == 0 && (*v < 0 || *v > max)) {
		log_err("levy: policy %s = %lld out of range (0..%lld)", key,
		    *v, max);
		return -1;
	}
	return rc;
}

/* One side of type t in force on first: its _bp row into *bp, else its
 * _fen row into *fen (both 0 when neither).  Returns 0 a row found,
 * 1 none, -1 error. */
static int
levy_side_rate(struct store *s, const struct levy_unit *u, int t,
    const char *side, const struct hdate *first, int *bp, int64_t *fen)
{
	char		 key[64];
	long long	 v;
	int		 rc;

	*bp = 0;
	*fen = 0;
	snprintf(key, sizeof(key), "rate.%s.%s_bp", levy_keys[t], side);
	if ((rc = levy_key(s, u, key, first, &v)) != 1) {
		if (rc == 0)
			*bp = (int)v;
		return rc;
	}
	snprintf(key, sizeof(key), "rate.%s.%s_fen", levy_keys[t], side);
	if ((rc = levy_key(s, u, key, first, &v)) == 0)
		*fen = v;
	return rc;
}

/* 工伤 of u in force on first: the industry rate in bp within the
 * month's range into r.  Returns 0, 1 no range, -1. */
static int
levy_injury(struct store *s, const struct levy_unit *u,
    const struct hdate *first, struct levy_rates *r)
{
	long long	 lo, hi, bp = (long long)u->industry_permille * 10;
	int		 rc;

	if ((rc = levy_key(s, u, "rate.injury.min_bp", first, &lo)) != 0 ||
	    (rc = levy_key(s, u, "rate.injury.max_bp", first, &hi)) != 0)
		return rc;
	if (bp < lo)
		bp = lo;
	if (bp > hi)
		bp = hi;
	r->unit_bp[LEVY_INJURY] = (int)bp;
	return 0;
}

/* Loads the rates of month m ("YYYY-MM", first its first day) for u
 * into r.  Returns 0; 1 with msg[msgsz] when a type of u or the due
 * day has no policy; -1. */
static int
levy_rates_load(struct store *s, const struct levy_unit *u,
    const char *m, const struct hdate *first, struct levy_rates *r,
    char *msg, size_t msgsz)
{
	long long	 v;
	int		 t, rc, rc2;

	memset(r, 0, sizeof(*r));
	snprintf(r->month, sizeof(r->month), "%s", m);
	for (t = 0; t < LEVY_TYPE__MAX; t++) {
		if ((u->types & (1u << t)) == 0)
			continue;
		if (t == LEVY_INJURY)
			rc = rc2 = levy_injury(s, u, first, r);
		else {
			rc = levy_side_rate(s, u, t, "unit", first,
			    &r->unit_bp[t], &r->unit_fen[t]);
			if (rc == -1)
				return -1;
			rc2 = levy_side_rate(s, u, t, "person", first,
			    &r->person_bp[t], &r->person_fen[t]);
		}
		if (rc == -1 || rc2 == -1)
			return -1;
		if (rc == 1 && rc2 == 1) {
			snprintf(msg, msgsz, "%.4s年%s月%s保险费率未配置,"
			    "暂不能核定,请联系社保经办机构", m, m + 5,
			    levy_names[t]);
			return 1;
		}
	}
	if ((rc = levy_key(s, u, "levy.due_day", first, &v)) == -1)
		return -1;
	if (rc == 1 || v < 1 || v > 31) {
		snprintf(msg, msgsz, "%.4s年%s月缴费期限未配置,暂不能核定,"
		    "请联系社保经办机构", m, m + 5);
		return 1;
	}
	r->due_day = (int)v;
	if (policy_int(s, u->region, "levy.due_month_offset", first, 0,
	    &v) == -1 || v < 0 || v > 12)
		return -1;
	r->due_offset = (int)v;
	return 0;
}

/* The rates of month m for u, from u's cache or loaded into it; *out
 * borrowed from u.  Returns as levy_rates_load. */
static int
levy_rates(struct store *s, struct levy_unit *u, const char *m,
    const struct hdate *first, const struct levy_rates **out, char *msg,
    size_t msgsz)
{
	struct levy_rates	*r;
	size_t			 i, n;
	int			 rc;

	n = u->ncache < LEVY_RATE_CACHE ? u->ncache : LEVY_RATE_CACHE;
	for (i = 0; i < n; i++)
		if (strcmp(u->cache[i].month, m) == 0) {
			*out = &u->cache[i];
			return 0;
		}
	r = &u->cache[u->ncache % LEVY_RATE_CACHE];
	if ((rc = levy_rates_load(s, u, m, first, r, msg, msgsz)) != 0) {
		r->month[0] = '\0';
		return rc;
	}
	u->ncache++;
	*out = r;
	return 0;
}

/* Appends line ln to l (if it keeps lines) and adds it to l's totals.
 * Returns 0 or -1 (out of memory). */
static int
levy_put(struct levy *l, const struct levy_line *ln)
{
	struct levy_line	*p;
	size_t			 cap;

	if (l->keep_lines) {
		if (l->nlines == l->cap) {
			if (l->cap > SIZE_MAX / 2 / sizeof(*p)) {
				log_err("levy: too many lines");
				return -1;
			}
			cap = l->cap ? l->cap * 2 : 64;
			if ((p = realloc(l->lines, cap * sizeof(*p))) == NULL) {
				log_err("levy: out of memory");
				return -1;
			}
			l->lines = p;
			l->cap = cap;
		}
		l->lines[l->nlines++] = *ln;
	}
	l->by[ln->type][ln->side].amount_fen += ln->amount_fen;
	l->by[ln->type][ln->side].late_fen += ln->late_fen;
	l->side[ln->side].amount_fen += ln->amount_fen;
	l->side[ln->side].late_fen += ln->late_fen;
	l->total.amount_fen += ln->amount_fen;
	l->total.late_fen += ln->late_fen;
	return 0;
}

/* Makes and appends the line of one month, type and side: base × bp or
 * the fixed fen, its due date and 滞纳金.  Returns 0 or -1. */
static int
levy_line_add(struct levy *l, const char *m, int t, int side,
    int64_t base, int bp, int64_t fen, const struct levy_rates *r,
    const struct hdate *mon, const struct hdate *on, int late_bp)
{
	struct levy_line	 ln;

	if (bp <= 0 && fen <= 0)
		return 0;
	memset(&ln, 0, sizeof(ln));
	snprintf(ln.month, sizeof(ln.month), "%s", m);
	ln.type = (enum levy_type)t;
	ln.side = (enum levy_side)side;
	ln.base_fen = base;
	if (bp > 0) {
		ln.rate_bp = bp;
		if ((ln.amount_fen = levy_round_bp(base, bp)) < 0)
			return -1;
	} else {
		ln.fixed_fen = fen;
		ln.amount_fen = fen;
	}
	levy_due_date(mon->year, mon->month, r->due_day, r->due_offset,
	    &ln.due);
	ln.late_days = levy_late_days(&ln.due, on);
	ln.late_bp = late_bp;
	if ((ln.late_fen = levy_late_fen(ln.amount_fen, ln.late_days,
	    late_bp)) < 0)
		return -1;
	return levy_put(l, &ln);
}

/* Restores l to the line count and totals of saved (lines beyond it
 * dropped).  For a refused computation. */
static void
levy_restore(struct levy *l, const struct levy *saved)
{
	memcpy(l->by, saved->by, sizeof(l->by));
	memcpy(l->side, saved->side, sizeof(l->side));
	l->total = saved->total;
	l->nlines = saved->nlines;
	l->persons = saved->persons;
	l->months = saved->months;
}

/* The lines of one month m of insurance_id into out.  Returns as
 * levy_compute. */
static int
levy_month(struct store *s, struct levy_unit *u, int64_t insurance_id,
    const char *m, const struct hdate *on, int late_bp, struct levy *out)
{
	const struct levy_rates	*r;
	struct wb_base		 b;
	struct hdate		 mon, first;
	int			 t, rc;

	if (valid_month(m, &mon) != VALID_OK || strlen(m) != 7) {
		log_err("levy: bad month \"%s\"", m);
		return -1;
	}
	first = mon;
	first.day = 1;
	if ((rc = levy_rates(s, u, m, &first, &r, out->msg,
	    sizeof(out->msg))) != 0)
		return rc == 1 ? LEVY_NOPOLICY : -1;
	if ((rc = wb_at(s, insurance_id, m, &b)) == -1)
		return -1;
	if (rc == 1 || b.base_fen <= 0) {
		snprintf(out->msg, sizeof(out->msg), "%.4s年%s月缴费基数未核定,"
		    "暂不能核定欠费,请联系社保经办机构", m, m + 5);
		return LEVY_NOBASE;
	}
	for (t = 0; t < LEVY_TYPE__MAX; t++) {
		if ((u->types & (1u << t)) == 0)
			continue;
		if (levy_line_add(out, m, t, LEVY_UNIT, b.base_fen,
		    r->unit_bp[t], r->unit_fen[t], r, &mon, on, late_bp) ||
		    levy_line_add(out, m, t, LEVY_PERSON, b.base_fen,
		    r->person_bp[t], r->person_fen[t], r, &mon, on, late_bp))
			return -1;
	}
	out->months++;
	return 0;
}

/* See levy.h. */
int
levy_compute(struct store *s, struct levy_unit *u, int64_t insurance_id,
    const char *const *months, size_t n, const struct hdate *on,
    struct levy *out)
{
	struct levy	 saved = *out;
	struct hdate	 today;
	long long	 late;
	size_t		 i;
	int		 rc;

	if (on == NULL) {
		clock_today(&today);
		on = &today;
	}
	out->msg[0] = '\0';
	if ((rc = levy_key(s, u, "levy.late_bp_per_day", on, &late)) == -1)
		return -1;
	if (rc == 1) {
		snprintf(out->msg, sizeof(out->msg), "滞纳金标准未配置,"
		    "暂不能核定,请联系社保经办机构");
		return LEVY_NOPOLICY;
	}
	for (i = 0; i < n; i++)
		if ((rc = levy_month(s, u, insurance_id, months[i], on,
		    (int)late, out)) != 0) {
			levy_restore(out, &saved);
			return rc;
		}
	out->persons++;
	return 0;
}

/* See levy.h. */
int
levy_person(struct store *s, int64_t unit_id, int64_t person_id,
    const char *const *months, size_t n, const struct hdate *on,
    struct levy *out)
{
	struct levy_unit	 u;
	struct store_stmt	*st;
	int64_t			 ins;
	int			 rc;

	if ((rc = levy_unit_load(s, unit_id, &u)) != 0)
		return -1;
	if ((st = store_stmt(s, levy_sql[LEVY_STMT_INSURANCE])) == NULL ||
	    store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id))
		return -1;
	if ((rc = store_step_int(st, 0, &ins)) == STORE_ERROR)
		return -1;
	if (rc == STORE_DONE || ins == 0) {
		snprintf(out->msg, sizeof(out->msg), "该职工在本单位无参保记录,"
		    "不能核定欠费");
		return LEVY_NOBASE;
	}
	return levy_compute(s, &u, ins, months, n, on, out);
}
