/*
 * yuyue.c: 办事预约, a 普通 unit's booking of a slot at its office for a
 * submitted task; see yuyue.h for the rules.
 *
 * Every statement walks an index of migration 19 (or of tasks) in its
 * own order: a day's places (appointments_day: day, region, slot, the
 * 有效 ones), a unit's bookings (appointments_unit, latest day first;
 * its total a kept tally), the desk's day list (appointments_day), the
 * 首页's next booking (appointments_unit from today), a task's 有效
 * booking (appointments_live).  The places of a range of days are
 * counted here from their rows (at most days x slots x places), not
 * grouped by SQLite, so no statement sorts.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "tally.h"
#include "text.h"
#include "workflow.h"
#include "yuyue.h"

/* The slots used when the policy row is missing or malformed. */
#define YUYUE_DEFAULT_SLOTS	"09:00-10:00,10:00-11:00,11:00-12:00," \
	"14:00-15:00,15:00-16:00,16:00-17:00"

/* The columns of a booking, in the order yuyue_read() reads them, with
 * its task's and (u: when joined) its unit's facts. */
#define YY_COLUMNS "a.id, a.unit_id, a.task_id, a.region, a.day, a.slot, " \
	"a.state, a.moved_from, a.created_at, a.updated_at, t.seq_no, " \
	"t.business, t.state"
#define YY_FROM	" FROM appointments a JOIN tasks t ON t.id = a.task_id "
/* The task states in which a booking still takes its place: a task
 * sent back (未提交) may be submitted again; 结束 and 退单 never
 * change. */
#define YY_LIVE_TASK	"t.state IN ('未提交', '进行中')"

/* The statements of this module; their SQL is in yy_sql. */
enum yy_stmt {
	YY_STMT_UNIT,		/* a unit's region and VIP flag */
	YY_STMT_LOAD,		/* a booking (of a unit) */
	YY_STMT_OF_TASK,	/* the 有效 booking of a task */
	YY_STMT_DEDUP,		/* a unit's booking of a one-time token */
	YY_STMT_TAKEN,		/* the places taken at an office, by day */
	YY_STMT_INSERT,		/* a new booking */
	YY_STMT_MOVE,		/* a booking to another day and slot */
	YY_STMT_CANCEL,		/* a booking 已取消 */
	YY_STMT_COUNT,		/* a unit's bookings (tally) */
	YY_STMT_PAGE,		/* a page of a unit's bookings */
	YY_STMT_TASK_PAGE,	/* a page of a unit's 进行中 tasks */
	YY_STMT_DAY_COUNT,	/* a day's 有效 bookings */
	YY_STMT_DAY_PAGE,	/* a page of them, with the units */
	YY_STMT_NEXT,		/* a unit's next booking (首页) */
	YY_STMT__MAX
};

/* The SQL of each statement, by enum yy_stmt. */
static const char *const yy_sql[YY_STMT__MAX] = {
	[YY_STMT_UNIT] =
	    "SELECT region, vip FROM units WHERE id = ?1",
	[YY_STMT_LOAD] =
	    "SELECT " YY_COLUMNS ", u.name" YY_FROM "JOIN units u ON "
	    "u.id = a.unit_id WHERE a.id = ?1 AND (?2 = 0 OR a.unit_id = ?2)",
	[YY_STMT_OF_TASK] =
	    "SELECT " YY_COLUMNS ", ''" YY_FROM "WHERE a.task_id = ?1 AND "
	    "a.state = '有效'",
	[YY_STMT_DEDUP] =
	    "SELECT id FROM appointments WHERE unit_id = ?1 AND "
	    "dedup_key = ?2",
	[YY_STMT_TAKEN] =
	    "SELECT a.day, a.slot" YY_FROM "WHERE a.day >= ?1 AND "
	    "a.day <= ?2 AND a.region = ?3 AND a.state = '有效' AND "
	    "a.id <> ?4 AND " YY_LIVE_TASK,
	[YY_STMT_INSERT] =
	    "INSERT INTO appointments (unit_id, task_id, region, day, slot, "
	    "state, dedup_key, created_at, updated_at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, '有效', ?6, ?7, ?7)",
	[YY_STMT_MOVE] =
	    "UPDATE appointments SET day = ?2, slot = ?3, moved_from = ?4, "
	    "updated_at = ?5 WHERE id = ?1 AND state = '有效'",
	[YY_STMT_CANCEL] =
	    "UPDATE appointments SET state = '已取消', updated_at = ?2 "
	    "WHERE id = ?1 AND state = '有效'",
	[YY_STMT_COUNT] =
	    /* Kept by migration 19's trigger (tally.c's table). */
	    "SELECT n FROM tallies WHERE unit_id = ?1 AND name = 'yuyue'",
	[YY_STMT_PAGE] =
	    "SELECT " YY_COLUMNS ", ''" YY_FROM "WHERE a.unit_id = ?1 "
	    "ORDER BY a.day DESC, a.slot DESC, a.id DESC LIMIT ?2 OFFSET ?3",
	[YY_STMT_TASK_PAGE] =
	    "SELECT id FROM tasks WHERE unit_id = ?1 AND state = '进行中' "
	    "ORDER BY updated_at DESC, id DESC LIMIT ?2 OFFSET ?3",
	[YY_STMT_DAY_COUNT] =
	    "SELECT COUNT(*) FROM appointments WHERE day = ?1 AND "
	    "state = '有效'",
	[YY_STMT_DAY_PAGE] =
	    "SELECT " YY_COLUMNS ", u.name" YY_FROM "JOIN units u ON "
	    "u.id = a.unit_id WHERE a.day = ?1 AND a.state = '有效' "
	    "ORDER BY a.region, a.slot, a.id LIMIT ?2 OFFSET ?3",
	[YY_STMT_NEXT] =
	    "SELECT " YY_COLUMNS ", ''" YY_FROM "WHERE a.unit_id = ?1 AND "
	    "a.day >= ?2 AND a.state = '有效' AND " YY_LIVE_TASK " "
	    "ORDER BY a.day, a.slot LIMIT 1",
};

/* ---- The policy ---- */

/* Parses "HH:MM" at p into minutes of the day.  Returns them, or -1. */
static int
yy_minutes(const char *p)
{
	int	 h, m;

	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' ||
	    p[2] != ':' || p[3] < '0' || p[3] > '9' || p[4] < '0' ||
	    p[4] > '9')
		return -1;
	h = (p[0] - '0') * 10 + (p[1] - '0');
	m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

/* See yuyue.h. */
int
yuyue_slots_parse(const char *text, struct yuyue_policy *p)
{
	const char	*s = text, *e;
	int		 from, to, last = -1;
	size_t		 n;

	p->nslots = 0;
	if (text == NULL)
		return -1;
	for (;;) {
		while (*s == ' ')
			s++;
		e = strchr(s, ',');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		if (n != 11 || s[5] != '-' || p->nslots == YUYUE_SLOTS_MAX ||
		    (from = yy_minutes(s)) < 0 || (to = yy_minutes(s + 6)) < 0 ||
		    from >= to || from < last) {
			p->nslots = 0;
			return -1;
		}
		memcpy(p->slot[p->nslots], s, 11);
		p->slot[p->nslots][11] = '\0';
		p->nslots++;
		last = to;
		if (e == NULL)
			return 0;
		s = e + 1;
	}
}

/* policy_int of key kept within [lo, hi] (dflt when missing or bad). */
static int
yy_policy_int(struct store *s, const char *region, const char *key,
    const struct hdate *on, int dflt, int lo, int hi, int *out)
{
	long long	 v;

	if (policy_int(s, region, key, on, dflt, &v) == -1)
		v = dflt;
	if (v < lo || v > hi) {
		log_warn("yuyue: policy %s=%lld out of [%d, %d]", key, v, lo,
		    hi);
		v = v < lo ? lo : hi;
	}
	*out = (int)v;
	return 0;
}

/* See yuyue.h. */
int
yuyue_policy(struct store *s, const char *region, const struct hdate *on,
    struct yuyue_policy *p)
{
	char	 slots[512];
	int	 rc;

	memset(p, 0, sizeof(*p));
	rc = policy_get(s, region, "yuyue.slots", on, slots, sizeof(slots));
	if (rc != 0 || yuyue_slots_parse(slots, p) != 0) {
		if (rc == 0)
			log_warn("yuyue: policy yuyue.slots malformed: %s",
			    slots);
		if (yuyue_slots_parse(YUYUE_DEFAULT_SLOTS, p) != 0)
			return -1;
	}
	yy_policy_int(s, region, "yuyue.per_slot", on, 5, 1, 1000,
	    &p->per_slot);
	yy_policy_int(s, region, "yuyue.days_ahead", on, 10, 1,
	    YUYUE_DAYS_MAX, &p->days_ahead);
	yy_policy_int(s, region, "yuyue.change_until_days", on, 1, 0, 30,
	    &p->change_until_days);
	return 0;
}

/* See yuyue.h. */
int
yuyue_slot_index(const struct yuyue_policy *p, const char *slot)
{
	int	 i;

	if (slot == NULL)
		return -1;
	for (i = 0; i < p->nslots; i++)
		if (strcmp(p->slot[i], slot) == 0)
			return i;
	return -1;
}

/* See yuyue.h. */
int
yuyue_changeable(const struct hdate *today, const struct hdate *day,
    int change_until_days)
{
	return hdate_diff(today, day) >= change_until_days;
}

/* See yuyue.h. */
int
yuyue_days(struct store *s, const struct yuyue_policy *p,
    const struct hdate *today, struct hdate *days, int *n)
{
	struct hdate	 d = *today;
	int		 i, rc;

	*n = 0;
	/* A year holds far more working days than YUYUE_DAYS_MAX. */
	for (i = 0; i < 366 && *n < p->days_ahead && *n < YUYUE_DAYS_MAX;
	    i++) {
		hdate_add_days(&d, 1);
		if ((rc = workday_is(s, &d)) == -1)
			return -1;
		if (rc == 1)
			days[(*n)++] = d;
	}
	return 0;
}

/* See yuyue.h. */
const char *
yuyue_weekday(const struct hdate *d)
{
	static const char *const names[7] = { "星期四", "星期五", "星期六",
	    "星期日", "星期一", "星期二", "星期三" };

	/* 1970-01-01 was a Thursday. */
	return names[((hdate_to_days(d) % 7) + 7) % 7];
}

/* ---- Reading ---- */

/* Reads the current row of st (YY_COLUMNS and a unit name) into a. */
static void
yuyue_read(struct store_stmt *st, struct appointment *a)
{
	memset(a, 0, sizeof(*a));
	a->id = store_col_int64(st, 0);
	a->unit_id = store_col_int64(st, 1);
	a->task_id = store_col_int64(st, 2);
	text_copy(a->region, sizeof(a->region), store_col_text(st, 3));
	text_copy(a->day, sizeof(a->day), store_col_text(st, 4));
	text_copy(a->slot, sizeof(a->slot), store_col_text(st, 5));
	text_copy(a->state, sizeof(a->state), store_col_text(st, 6));
	text_copy(a->moved_from, sizeof(a->moved_from), store_col_text(st, 7));
	a->created_at = (time_t)store_col_int64(st, 8);
	a->updated_at = (time_t)store_col_int64(st, 9);
	text_copy(a->seq_no, sizeof(a->seq_no), store_col_text(st, 10));
	text_copy(a->business, sizeof(a->business), store_col_text(st, 11));
	text_copy(a->task_state, sizeof(a->task_state), store_col_text(st, 12));
	text_copy(a->unit_name, sizeof(a->unit_name), store_col_text(st, 13));
}

/* Steps st (bound) for one booking into out and resets it.  Returns 0,
 * 1 when there is none, -1 on error. */
static int
yuyue_one(struct store_stmt *st, struct appointment *out)
{
	int	 rc;

	rc = store_step(st);
	if (rc == STORE_ROW)
		yuyue_read(st, out);
	store_reset(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* See yuyue.h. */
int
yuyue_load(struct store *s, int64_t id, int64_t unit_id,
    struct appointment *out)
{
	struct store_stmt	*st;

	if (id <= 0)
		return 1;
	if ((st = store_stmt(s, yy_sql[YY_STMT_LOAD])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_int(st, 2, unit_id))
		return -1;
	return yuyue_one(st, out);
}

/* See yuyue.h. */
int
yuyue_of_task(struct store *s, int64_t task_id, struct appointment *out)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, yy_sql[YY_STMT_OF_TASK])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	return yuyue_one(st, out);
}

/* Writes d as "YYYY-MM-DD" into buf[11] without the cost of
 * snprintf (the 首页 asks on every request). */
static void
yy_day_text(const struct hdate *d, char buf[11])
{
	unsigned int	 v[3] = { (unsigned int)d->year % 10000u,
	    (unsigned int)d->month % 100u, (unsigned int)d->day % 100u };

	buf[0] = (char)('0' + v[0] / 1000);
	buf[1] = (char)('0' + v[0] / 100 % 10);
	buf[2] = (char)('0' + v[0] / 10 % 10);
	buf[3] = (char)('0' + v[0] % 10);
	buf[4] = buf[7] = '-';
	buf[5] = (char)('0' + v[1] / 10);
	buf[6] = (char)('0' + v[1] % 10);
	buf[8] = (char)('0' + v[2] / 10);
	buf[9] = (char)('0' + v[2] % 10);
	buf[10] = '\0';
}

/* See yuyue.h. */
int
yuyue_next(struct store *s, int64_t unit_id, const struct hdate *today,
    struct appointment *out)
{
	struct store_stmt	*st;
	char			 day[11];

	yy_day_text(today, day);
	if ((st = store_stmt(s, yy_sql[YY_STMT_NEXT])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, day))
		return -1;
	return yuyue_one(st, out);
}

/* Places taken on days[0..n) at region's office, not counting booking
 * except (0: none), into taken (see yuyue_taken). */
static int
yy_taken(struct store *s, const char *region, const struct yuyue_policy *p,
    const struct hdate *days, int n, int64_t except, int *taken)
{
	struct store_stmt	*st;
	char			 from[11], to[11], day[11];
	int			 i, j, rc;

	memset(taken, 0, sizeof(int) * (size_t)n * YUYUE_SLOTS_MAX);
	if (n <= 0)
		return 0;
	hdate_fmt(&days[0], from);
	hdate_fmt(&days[n - 1], to);
	if ((st = store_stmt(s, yy_sql[YY_STMT_TAKEN])) == NULL ||
	    store_bind_text(st, 1, from) || store_bind_text(st, 2, to) ||
	    store_bind_text(st, 3, region) || store_bind_int(st, 4, except))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		j = yuyue_slot_index(p, store_col_text(st, 1));
		if (j < 0)
			continue;	/* a slot the policy no longer has */
		for (i = 0; i < n; i++) {
			hdate_fmt(&days[i], day);
			if (strcmp(day, store_col_text(st, 0)) == 0) {
				taken[i * YUYUE_SLOTS_MAX + j]++;
				break;
			}
		}
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}

/* See yuyue.h. */
int
yuyue_taken(struct store *s, const char *region, const struct yuyue_policy *p,
    const struct hdate *days, int n, int *taken)
{
	return yy_taken(s, region, p, days, n, 0, taken);
}

/* ---- The rules ---- */

/* See yuyue.h. */
int
yuyue_unit(struct store *s, int64_t unit_id, char region[16], int *vip)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, yy_sql[YY_STMT_UNIT])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		text_copy(region, 16, store_col_text(st, 0));
		*vip = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* Adds the error of a 普通 unit's task that is not 进行中. */
static void
yy_refuse_state(const struct task *t, struct form_errors *errs)
{
	form_error_add(errs, "task", "YY_TASK_STATE", t->state == TASK_DRAFT ?
	    "该业务尚未提交审批,提交审批后方可预约到经办机构办理" :
	    "该业务已办结或已退单,无需预约");
}

/* Checks day and slot (as posted) for a booking at region's office
 * with policy p on today, not counting booking except.  Returns 0 (a
 * refusal is in errs), or -1 on a store error. */
static int
yy_check_place(struct store *s, const char *region,
    const struct yuyue_policy *p, const struct hdate *today,
    const char *day, const char *slot, int64_t except,
    struct form_errors *errs)
{
	struct hdate	 d, days[YUYUE_DAYS_MAX];
	int		 taken[YUYUE_SLOTS_MAX];
	char		 msg[256], first[11], last[11];
	int		 i, j, n, free_day;

	if (day == NULL || *day == '\0') {
		form_error_add(errs, "day", "YY_DAY", "请选择预约日期");
		return 0;
	}
	if (valid_date(day, &d) != VALID_OK) {
		form_error_add(errs, "day", "YY_DAY",
		    "预约日期格式不正确,应为YYYY-MM-DD");
		return 0;
	}
	if (yuyue_days(s, p, today, days, &n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (hdate_cmp(&days[i], &d) == 0)
			break;
	if (i == n || n == 0) {
		hdate_fmt(&d, first);
		if (n > 0 && hdate_cmp(&d, today) > 0 &&
		    hdate_cmp(&d, &days[n - 1]) < 0) {
			snprintf(msg, sizeof(msg), "%s 不是工作日(周末或法定"
			    "节假日),请选择工作日", first);
			form_error_add(errs, "day", "YY_NOT_WORKDAY", msg);
			return 0;
		}
		hdate_fmt(&days[0], first);
		hdate_fmt(&days[n > 0 ? n - 1 : 0], last);
		snprintf(msg, sizeof(msg), "只能预约 %s 至 %s 之间的工作日"
		    "(自次日起%d个工作日)", first, last, p->days_ahead);
		form_error_add(errs, "day", "YY_DAY_RANGE", msg);
		return 0;
	}
	if ((j = yuyue_slot_index(p, slot)) < 0) {
		form_error_add(errs, "slot", "YY_SLOT", slot == NULL ||
		    *slot == '\0' ? "请选择预约时段" :
		    "预约时段不正确,请从列出的时段中选择");
		return 0;
	}
	if (yy_taken(s, region, p, &d, 1, except, taken) != 0)
		return -1;
	if (taken[j] < p->per_slot)
		return 0;
	for (free_day = 0, i = 0; i < p->nslots; i++)
		if (taken[i] < p->per_slot)
			free_day = 1;
	hdate_fmt(&d, first);
	if (free_day) {
		snprintf(msg, sizeof(msg), "%s %s 的预约已满,请选择该日其他"
		    "时段或其他日期", first, p->slot[j]);
		form_error_add(errs, "slot", "YY_SLOT_FULL", msg);
	} else {
		snprintf(msg, sizeof(msg), "%s 的预约已满,请选择其他日期",
		    first);
		form_error_add(errs, "day", "YY_DAY_FULL", msg);
	}
	return 0;
}

/* Appends the audit row of action on booking id: detail names the
 * task and where it is. */
static int
yy_audit(struct store *s, const struct actor *who, const char *action,
    int64_t id, int64_t task_id, const char *day, const char *slot,
    const char *from)
{
	char	 object[48], detail[160];

	snprintf(object, sizeof(object), "appointment:%" PRId64, id);
	snprintf(detail, sizeof(detail), "task:%" PRId64 " %s %s%s%s",
	    task_id, day, slot, *from != '\0' ? " from " : "", from);
	return audit_append(s, who, action, object, detail);
}

/* Ends the transaction of a refusal or a repeat: rolls back and
 * returns r. */
static enum yuyue_result
yy_end(struct store *s, enum yuyue_result r)
{
	store_rollback(s);
	return r;
}

/* The booking of token dedup_key of unit_id into *id.  Returns 0 found,
 * 1 none, -1 error. */
static int
yy_dedup(struct store *s, int64_t unit_id, const char *dedup_key,
    int64_t *id)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, yy_sql[YY_STMT_DEDUP])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, dedup_key))
		return -1;
	rc = store_step_int(st, 0, id);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* The checks of a booking of task_id by who's unit before its place:
 * the unit (region into region[16]), the token, the task and its
 * booking.  Returns YUYUE_OK to go on, else the result to answer. */
static enum yuyue_result
yy_book_checks(struct store *s, const struct actor *who, int64_t task_id,
    const char *dedup_key, char region[16], int64_t *id,
    struct form_errors *errs)
{
	struct appointment	 a;
	struct task		 t;
	char			 msg[256];
	int			 vip, rc;

	if ((rc = yuyue_unit(s, who->unit_id, region, &vip)) != 0)
		return rc < 0 ? YUYUE_ERROR : YUYUE_NOTFOUND;
	if (dedup_key != NULL &&
	    (rc = yy_dedup(s, who->unit_id, dedup_key, id)) != 1)
		return rc < 0 ? YUYUE_ERROR : YUYUE_REPEAT;
	if ((rc = wf_load(s, task_id, who->unit_id, &t)) != 0)
		return rc < 0 ? YUYUE_ERROR : YUYUE_NOTFOUND;
	if (vip) {
		form_error_add(errs, "task", "YY_VIP", "贵单位为VIP单位,业务由"
		    "系统自动审核,无需到经办机构办理,不需要预约");
		return YUYUE_STATE;
	}
	if (t.state != TASK_PENDING) {
		yy_refuse_state(&t, errs);
		return YUYUE_STATE;
	}
	if ((rc = yuyue_of_task(s, task_id, &a)) < 0)
		return YUYUE_ERROR;
	if (rc == 0) {
		snprintf(msg, sizeof(msg), "该业务已预约 %s %s,如需更改时间"
		    "请改约", a.day, a.slot);
		form_error_add(errs, "task", "YY_BOOKED", msg);
		*id = a.id;
		return YUYUE_STATE;
	}
	return YUYUE_OK;
}

/* See yuyue.h. */
enum yuyue_result
yuyue_book(struct store *s, const struct actor *who, const struct hdate *today,
    int64_t task_id, const char *day, const char *slot, const char *dedup_key,
    int64_t *id, struct form_errors *errs)
{
	struct store_stmt	*st;
	struct yuyue_policy	 p;
	struct hdate		 d;
	enum yuyue_result	 r;
	char			 region[16], dayfmt[11];
	size_t			 before = errs->n;

	*id = 0;
	if (task_id <= 0)
		return YUYUE_NOTFOUND;
	if (store_begin(s) != 0)
		return YUYUE_ERROR;
	r = yy_book_checks(s, who, task_id, dedup_key, region, id, errs);
	if (r != YUYUE_OK)
		return yy_end(s, r);
	if (yuyue_policy(s, region, today, &p) != 0 ||
	    yy_check_place(s, region, &p, today, day, slot, 0, errs) != 0)
		return yy_end(s, YUYUE_ERROR);
	if (errs->n > before)
		return yy_end(s, YUYUE_RULES);
	valid_date(day, &d);
	hdate_fmt(&d, dayfmt);
	if ((st = store_stmt(s, yy_sql[YY_STMT_INSERT])) == NULL ||
	    store_bind_int(st, 1, who->unit_id) ||
	    store_bind_int(st, 2, task_id) || store_bind_text(st, 3, region) ||
	    store_bind_text(st, 4, dayfmt) || store_bind_text(st, 5, slot) ||
	    store_bind_text(st, 6, dedup_key) ||
	    store_bind_int(st, 7, (int64_t)clock_now()) ||
	    store_exec_stmt(s, st) != 0)
		return yy_end(s, YUYUE_ERROR);
	*id = store_last_id(s);
	if (yy_audit(s, who, "yuyue.book", *id, task_id, dayfmt, slot, "") != 0 ||
	    store_commit(s) != 0)
		return yy_end(s, YUYUE_ERROR);
	return YUYUE_OK;
}

/* Loads booking id of who's unit for a change under the write lock and
 * checks it may change on today: 有效 and not past the policy's last
 * day of change.  Returns YUYUE_OK to go on, else the result. */
static enum yuyue_result
yy_change_checks(struct store *s, const struct actor *who,
    const struct hdate *today, int64_t id, struct appointment *a,
    struct yuyue_policy *p, struct form_errors *errs)
{
	struct hdate	 d;
	char		 msg[256];
	int		 rc;

	if ((rc = yuyue_load(s, id, who->unit_id, a)) != 0)
		return rc < 0 ? YUYUE_ERROR : YUYUE_NOTFOUND;
	if (strcmp(a->state, "有效") != 0) {
		form_error_add(errs, "id", "YY_CANCELLED", "该预约已取消");
		return YUYUE_STATE;
	}
	if (yuyue_policy(s, a->region, today, p) != 0 ||
	    valid_date(a->day, &d) != VALID_OK)
		return YUYUE_ERROR;
	if (!yuyue_changeable(today, &d, p->change_until_days)) {
		if (p->change_until_days > 0)
			snprintf(msg, sizeof(msg), "预约须至迟于预约日前%d天"
			    "改约或取消,%s 的预约已不能更改;如不能按时前往,"
			    "请联系经办机构", p->change_until_days, a->day);
		else
			snprintf(msg, sizeof(msg), "%s 的预约已过,不能更改",
			    a->day);
		form_error_add(errs, "id", "YY_TOO_LATE", msg);
		return YUYUE_STATE;
	}
	return YUYUE_OK;
}

/* Whether booking a is 有效 on day and slot (as posted) already. */
static int
yy_same_place(const struct appointment *a, const char *day, const char *slot)
{
	struct hdate	 d;
	char		 dayfmt[11];

	if (strcmp(a->state, "有效") != 0 || day == NULL || slot == NULL ||
	    valid_date(day, &d) != VALID_OK)
		return 0;
	hdate_fmt(&d, dayfmt);
	return strcmp(dayfmt, a->day) == 0 && strcmp(slot, a->slot) == 0;
}

/* See yuyue.h. */
enum yuyue_result
yuyue_move(struct store *s, const struct actor *who, const struct hdate *today,
    int64_t id, const char *day, const char *slot, int64_t *task_id,
    struct form_errors *errs)
{
	struct store_stmt	*st;
	struct appointment	 a;
	struct yuyue_policy	 p;
	struct hdate		 d;
	struct task		 t;
	enum yuyue_result	 r;
	char			 dayfmt[11], from[32];
	size_t			 before = errs->n;
	int			 rc;

	*task_id = 0;
	if (id <= 0)
		return YUYUE_NOTFOUND;
	if (store_begin(s) != 0)
		return YUYUE_ERROR;
	if ((rc = yuyue_load(s, id, who->unit_id, &a)) != 0)
		return yy_end(s, rc < 0 ? YUYUE_ERROR : YUYUE_NOTFOUND);
	*task_id = a.task_id;
	if (yy_same_place(&a, day, slot))
		return yy_end(s, YUYUE_REPEAT);	/* the same move again */
	if ((r = yy_change_checks(s, who, today, id, &a, &p, errs)) !=
	    YUYUE_OK)
		return yy_end(s, r);
	if ((rc = wf_load(s, a.task_id, who->unit_id, &t)) != 0)
		return yy_end(s, YUYUE_ERROR);
	if (t.state != TASK_PENDING) {
		yy_refuse_state(&t, errs);
		return yy_end(s, YUYUE_STATE);
	}
	if (yy_check_place(s, a.region, &p, today, day, slot, a.id, errs) != 0)
		return yy_end(s, YUYUE_ERROR);
	if (errs->n > before)
		return yy_end(s, YUYUE_RULES);
	valid_date(day, &d);
	hdate_fmt(&d, dayfmt);
	snprintf(from, sizeof(from), "%s %s", a.day, a.slot);
	if ((st = store_stmt(s, yy_sql[YY_STMT_MOVE])) == NULL ||
	    store_bind_int(st, 1, a.id) || store_bind_text(st, 2, dayfmt) ||
	    store_bind_text(st, 3, slot) || store_bind_text(st, 4, from) ||
	    store_bind_int(st, 5, (int64_t)clock_now()) ||
	    store_exec_stmt(s, st) != 0 ||
	    yy_audit(s, who, "yuyue.move", a.id, a.task_id, dayfmt, slot,
	    from) != 0 || store_commit(s) != 0)
		return yy_end(s, YUYUE_ERROR);
	return YUYUE_OK;
}

/* See yuyue.h. */
enum yuyue_result
yuyue_cancel(struct store *s, const struct actor *who,
    const struct hdate *today, int64_t id, struct form_errors *errs)
{
	struct store_stmt	*st;
	struct appointment	 a;
	struct yuyue_policy	 p;
	enum yuyue_result	 r;
	int			 rc;

	if (id <= 0)
		return YUYUE_NOTFOUND;
	if (store_begin(s) != 0)
		return YUYUE_ERROR;
	if ((rc = yuyue_load(s, id, who->unit_id, &a)) != 0)
		return yy_end(s, rc < 0 ? YUYUE_ERROR : YUYUE_NOTFOUND);
	if (strcmp(a.state, "有效") != 0)
		return yy_end(s, YUYUE_REPEAT);
	if ((r = yy_change_checks(s, who, today, id, &a, &p, errs)) !=
	    YUYUE_OK)
		return yy_end(s, r);
	if ((st = store_stmt(s, yy_sql[YY_STMT_CANCEL])) == NULL ||
	    store_bind_int(st, 1, a.id) ||
	    store_bind_int(st, 2, (int64_t)clock_now()) ||
	    store_exec_stmt(s, st) != 0 ||
	    yy_audit(s, who, "yuyue.cancel", a.id, a.task_id, a.day, a.slot,
	    "") != 0 || store_commit(s) != 0)
		return yy_end(s, YUYUE_ERROR);
	return YUYUE_OK;
}

/* ---- The lists ---- */

/* See yuyue.h. */
int
yuyue_count(struct store *s, int64_t unit_id, int64_t *n)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, yy_sql[YY_STMT_COUNT])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* Walks the bookings st (bound but for ?2 LIMIT and ?3 OFFSET) returns,
 * calling fn with each.  Returns how many, or -1. */
static int
yy_walk(struct store_stmt *st, int64_t offset, int limit,
    void (*fn)(const struct appointment *a, void *arg), void *arg)
{
	struct appointment	 a;
	int			 rc, n = 0;

	if (store_bind_int(st, 2, limit) || store_bind_int(st, 3, offset))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		yuyue_read(st, &a);
		fn(&a, arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See yuyue.h. */
int
yuyue_page(struct store *s, int64_t unit_id, int64_t offset, int limit,
    void (*fn)(const struct appointment *a, void *arg), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, yy_sql[YY_STMT_PAGE])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	return yy_walk(st, offset, limit, fn, arg);
}

/* See yuyue.h. */
int
yuyue_task_count(struct store *s, int64_t unit_id, int64_t *n)
{
	return tally_tasks(s, unit_id, task_state_names[TASK_PENDING], n);
}

/* See yuyue.h. */
int
yuyue_task_page(struct store *s, int64_t unit_id, int64_t offset, int limit,
    int (*fn)(int64_t task_id, void *arg), void *arg)
{
	struct store_stmt	*st;
	int64_t			 ids[YUYUE_DESK_PAGE_SIZE];
	int			 rc, i, n = 0;

	if (limit > YUYUE_DESK_PAGE_SIZE)
		limit = YUYUE_DESK_PAGE_SIZE;
	if ((st = store_stmt(s, yy_sql[YY_STMT_TASK_PAGE])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_int(st, 2, limit) ||
	    store_bind_int(st, 3, offset))
		return -1;
	/* The ids first: fn reads the tasks with statements of its own. */
	while ((rc = store_step(st)) == STORE_ROW && n < limit)
		ids[n++] = store_col_int64(st, 0);
	store_reset(st);
	if (rc != STORE_DONE && rc != STORE_ROW)
		return -1;
	for (i = 0; i < n; i++)
		if (fn(ids[i], arg) != 0)
			return -1;
	return n;
}

/* See yuyue.h. */
int
yuyue_day_count(struct store *s, const char *day, int64_t *n)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, yy_sql[YY_STMT_DAY_COUNT])) == NULL ||
	    store_bind_text(st, 1, day))
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* See yuyue.h. */
int
yuyue_day_page(struct store *s, const char *day, int64_t offset, int limit,
    void (*fn)(const struct appointment *a, void *arg), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, yy_sql[YY_STMT_DAY_PAGE])) == NULL ||
	    store_bind_text(st, 1, day))
		return -1;
	return yy_walk(st, offset, limit, fn, arg);
}
