/*
 * oversight.c: the unit's 监管 figures and lists; see oversight.h.  It
 * reads oversight_flags (migration 30, kept by triggers) and, for the
 * lists no flag holds, the unit's open tasks and paying insurance rows
 * through partial indexes made for them; the 退工/用工备案 rows are
 * timeliness.c's, messages inbox.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "clock.h"
#include "inbox.h"
#include "log.h"
#include "oversight.h"
#include "policy.h"
#include "store.h"
#include "tally.h"
#include "text.h"
#include "timeliness.h"

/* The columns shared by the lists of persons. */
#define OV_PERSON	"name", "idno"
#define OV_PERSON_L	"姓名", "身份证号"

const struct ov_list_def ov_lists[OV_LIST__MAX] = {
	[OV_TUIGONG_DUE] = { "tuigong-due", "warn", "退工登记即将到期或已逾期",
	    "办理退工登记", "/tuigong", 1, 5,
	    { OV_PERSON, "ref", "due", "state" },
	    { OV_PERSON_L, "退工日期", "办理期限", "状态" } },
	[OV_YONGGONG_DUE] = { "yonggong-due", "warn",
	    "用工备案即将到期或已逾期(已增员未备案)", "办理用工备案",
	    "/yonggong", 0, 5,
	    { OV_PERSON, "ref", "due", "state" },
	    { OV_PERSON_L, "参保日期", "办理期限", "状态" } },
	[OV_COUNTER] = { "counter", "warn", "需到窗口送审材料的业务(普通单位)",
	    "预约送审", "/yuyue", 0, 5,
	    { "seq", "summary", "submitted", "due", "state" },
	    { "业务顺序号", "摘要", "提交日期", "送审期限", "状态" } },
	[OV_TUIGONG_INSURED] = { "tuigong-insured", "warn",
	    "已退工仍在参保缴费", "办理减员", "/jianyuan", 1, 4,
	    { OV_PERSON, "sb-no", "last-paid" },
	    { OV_PERSON_L, "个人编号", "最后缴费月份" } },
	[OV_JIANYUAN_NO_TUIGONG] = { "jianyuan-no-tuigong", "warn",
	    "已减员未退工", "办理退工登记", "/tuigong", 1, 5,
	    { OV_PERSON, "ref", "due", "state" },
	    { OV_PERSON_L, "减员变更日期", "退工期限", "状态" } },
	[OV_CHEXIAO_INSURED] = { "chexiao-insured", "warn",
	    "用工备案已撤销仍在参保缴费", "办理减员", "/jianyuan", 1, 4,
	    { OV_PERSON, "sb-no", "last-paid" },
	    { OV_PERSON_L, "个人编号", "最后缴费月份" } },
	[OV_ARREARS] = { "arrears", "gap", "欠费断缴(有未结清欠费月份)",
	    "欠费补缴", "/bujiao", 0, 4,
	    { OV_PERSON, "sb-no", "last-paid" },
	    { OV_PERSON_L, "个人编号", "最后缴费月份" } },
	[OV_HOLE] = { "hole", "gap", "缴费月份不连续", "欠费补缴", "/bujiao",
	    0, 6,
	    { OV_PERSON, "sb-no", "start", "last-paid", "months" },
	    { OV_PERSON_L, "个人编号", "参保起始月份", "最后缴费月份",
	    "累计缴费月数" } },
	[OV_STOPPED] = { "stopped", "gap", "参保缴费但近期未缴费", "欠费补缴",
	    "/bujiao", 0, 5,
	    { OV_PERSON, "sb-no", "start", "last-paid" },
	    { OV_PERSON_L, "个人编号", "参保起始月份", "最后缴费月份" } },
	[OV_EMP_NO_INS] = { "emp-no-ins", "incomplete",
	    "有用工备案无参保(在职未增员)", "办理增员", "/zengyuan", 0, 2,
	    { OV_PERSON }, { OV_PERSON_L } },
	[OV_INS_NO_EMP] = { "ins-no-emp", "incomplete",
	    "有参保无用工备案", "办理用工备案", "/yonggong", 0, 5,
	    { OV_PERSON, "sb-no", "start", "last-paid" },
	    { OV_PERSON_L, "个人编号", "参保起始月份", "最后缴费月份" } },
};

/* The flag kind of each list kept in oversight_flags, or NULL. */
static const char *const ov_flag_kind[OV_LIST__MAX] = {
	[OV_TUIGONG_INSURED] = "tuigong-insured",
	[OV_CHEXIAO_INSURED] = "chexiao-insured",
	[OV_ARREARS] = "arrears",
	[OV_HOLE] = "hole",
	[OV_EMP_NO_INS] = "emp-no-ins",
	[OV_INS_NO_EMP] = "ins-no-emp",
};

/* The statements of this module; their SQL is in ov_sql. */
enum ov_stmt {
	OV_STMT_UNIT,		/* a unit's vip and region */
	OV_STMT_FLAGS,		/* a page of a flag kind's persons */
	OV_STMT_STOPPED,	/* a page of the 停缴 */
	OV_STMT_STOPPED_N,	/* their count, capped */
	OV_STMT_COUNTER,	/* a page of the 进行中 tasks of a business */
	OV_STMT_COUNTER_N,	/* their count, capped */
	OV_STMT_DRAFTS,		/* 未提交 by business */
	OV_STMT_PENDING,	/* 进行中 by business */
	OV_STMT__MAX
};

/* The persons' columns of a list. */
#define OV_PERSON_COLS \
	"p.name, p.idno, COALESCE(i.sb_no, ''), COALESCE(i.start_month, ''), " \
	"COALESCE(i.last_paid_month, ''), COALESCE(i.contrib_months, 0)"

/* The SQL of each statement, by enum ov_stmt. */
static const char *const ov_sql[OV_STMT__MAX] = {
	[OV_STMT_UNIT] =
	    "SELECT vip, region FROM units WHERE id = ?1",
	[OV_STMT_FLAGS] =
	    "SELECT f.person_id, " OV_PERSON_COLS " FROM oversight_flags f "
	    "JOIN persons p ON p.id = f.person_id LEFT JOIN insurance i ON "
	    "i.person_id = f.person_id AND i.unit_id = f.unit_id WHERE "
	    "f.unit_id = ?1 AND f.kind = ?2 ORDER BY f.person_id "
	    "LIMIT ?3 OFFSET ?4",
	[OV_STMT_STOPPED] =
	    "SELECT i.person_id, " OV_PERSON_COLS " FROM insurance i "
	    "JOIN persons p ON p.id = i.person_id WHERE i.unit_id = ?1 AND "
	    "i.status = '参保缴费' AND i.last_paid_month < ?2 "
	    "ORDER BY i.last_paid_month, i.person_id LIMIT ?3 OFFSET ?4",
	[OV_STMT_STOPPED_N] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM insurance WHERE "
	    "unit_id = ?1 AND status = '参保缴费' AND last_paid_month < ?2 "
	    "LIMIT ?3)",
	[OV_STMT_COUNTER] =
	    "SELECT id, seq_no, summary, submitted_at FROM tasks WHERE "
	    "unit_id = ?1 AND business = ?2 AND state = '进行中' "
	    "ORDER BY submitted_at, id LIMIT ?3 OFFSET ?4",
	[OV_STMT_COUNTER_N] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE unit_id = ?1 "
	    "AND business = ?2 AND state = '进行中' LIMIT ?3)",
	[OV_STMT_DRAFTS] =
	    "SELECT business, COUNT(*), MIN(created_at) FROM tasks WHERE "
	    "unit_id = ?1 AND state = '未提交' GROUP BY business "
	    "ORDER BY business",
	[OV_STMT_PENDING] =
	    "SELECT business, COUNT(*), MIN(submitted_at) FROM tasks WHERE "
	    "unit_id = ?1 AND state = '进行中' GROUP BY business "
	    "ORDER BY business",
};

/* See oversight.h. */
enum ov_list
ov_list_of(const char *name)
{
	int	 i;

	for (i = 0; i < OV_LIST__MAX; i++)
		if (name != NULL && strcmp(name, ov_lists[i].name) == 0)
			return (enum ov_list)i;
	return OV_LIST__MAX;
}

/* See oversight.h. */
const char *
ov_row_value(const struct ov_row *r, const char *key, char *buf,
    size_t bufsz)
{
	static const struct { const char *key; size_t off; } cols[] = {
		{ "name", offsetof(struct ov_row, name) },
		{ "idno", offsetof(struct ov_row, idno) },
		{ "sb-no", offsetof(struct ov_row, sb_no) },
		{ "ref", offsetof(struct ov_row, ref) },
		{ "due", offsetof(struct ov_row, due) },
		{ "state", offsetof(struct ov_row, state) },
		{ "source", offsetof(struct ov_row, source) },
		{ "start", offsetof(struct ov_row, start) },
		{ "last-paid", offsetof(struct ov_row, last_paid) },
		{ "seq", offsetof(struct ov_row, seq) },
		{ "submitted", offsetof(struct ov_row, submitted) },
		{ "summary", offsetof(struct ov_row, summary) },
	};
	size_t	 i;

	if (strcmp(key, "months") == 0) {
		snprintf(buf, bufsz, "%" PRId64, r->months);
		return buf;
	}
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (strcmp(key, cols[i].key) == 0)
			return (const char *)r + cols[i].off;
	return "";
}

/* Reads an integer policy key of region on today into *v (dflt when
 * none; kept within 0..lim).  Returns 0 or -1. */
static int
ov_policy(struct store *s, const char *region, const char *key,
    const struct hdate *today, long long dflt, long long lim, long long *v)
{
	if (policy_int(s, region, key, today, dflt, v) == -1)
		return -1;
	if (*v < 0 || *v > lim)
		*v = dflt;
	return 0;
}

/* Reads the unit's vip flag and region.  Returns 0, 1 none, -1. */
static int
ov_unit(struct store *s, int64_t unit_id, int *vip, char region[16])
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, ov_sql[OV_STMT_UNIT])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		*vip = store_col_int(st, 0) != 0;
		text_copy(region, 16, store_col_text(st, 1));
	}
	store_reset(st);
	if (rc == STORE_ERROR)
		return -1;
	return rc == STORE_ROW ? 0 : 1;
}

/* See oversight.h. */
int
oversight_ctx(struct store *s, int64_t unit_id, const struct hdate *today,
    struct ov_ctx *ctx)
{
	struct hdate	 d;
	long long	 jy, lag;
	char		 region[16];
	int		 rc, m;

	memset(ctx, 0, sizeof(*ctx));
	ctx->unit_id = unit_id;
	ctx->today = *today;
	if ((rc = ov_unit(s, unit_id, &ctx->vip, region)) != 0)
		return rc;
	if (ov_policy(s, region, "jianguan.warn_days", today, 5, 366,
	    &ctx->warn_days) == -1 ||
	    ov_policy(s, region, "jianguan.jianyuan_tuigong_days", today, 15,
	    3660, &jy) == -1 ||
	    ov_policy(s, region, "jianguan.stopped_months", today, 1, 120,
	    &lag) == -1 ||
	    ov_policy(s, region, "zengyuan.visit_before_day", today, 20, 31,
	    &ctx->visit_day) == -1)
		return -1;
	if (ctx->visit_day < 1)
		ctx->visit_day = 20;
	if ((rc = policy_get(s, region, "jianguan.counter_business", today,
	    ctx->counter_business, sizeof(ctx->counter_business))) == -1)
		return -1;
	if (rc == 1)
		snprintf(ctx->counter_business, sizeof(ctx->counter_business),
		    "zengyuan");
	d = *today;
	hdate_add_days(&d, (long)ctx->warn_days);
	hdate_fmt(&d, ctx->warn_until);
	d = *today;
	hdate_add_days(&d, -(long)jy);
	hdate_fmt(&d, ctx->announced_until);
	m = today->year * 12 + today->month - 1 - (int)lag;
	snprintf(ctx->stopped_before, sizeof(ctx->stopped_before),
	    "%04d-%02d", m / 12, m % 12 + 1);
	return 0;
}

/* The state of a deadline due against today into buf[48]. */
static void
ov_state(const struct hdate *today, const char *due, char buf[48])
{
	struct hdate	 d;
	long		 days;

	if (valid_date(due, &d) != VALID_OK) {
		buf[0] = '\0';
		return;
	}
	days = hdate_diff(today, &d);
	if (days > 0)
		snprintf(buf, 48, "剩余%ld天", days);
	else if (days == 0)
		snprintf(buf, 48, "今日到期");
	else
		snprintf(buf, 48, "已逾期%ld天", -days);
}

/* A page of a list being handed over. */
struct ov_walk {
	const struct ov_ctx	*ctx;
	enum ov_list		 l;
	void			(*fn)(void *arg, const struct ov_row *r);
	void			*arg;
};

/* timeliness_open_page callback: one open 退工/用工备案 row. */
static void
ov_item(void *arg, const struct tl_item *it)
{
	struct ov_walk	*w = arg;
	struct ov_row	 r;

	memset(&r, 0, sizeof(r));
	r.person_id = it->person_id;
	text_copy(r.name, sizeof(r.name), it->name);
	text_copy(r.idno, sizeof(r.idno), it->idno);
	text_copy(r.ref, sizeof(r.ref), it->ref_date);
	text_copy(r.due, sizeof(r.due), it->due_date);
	ov_state(&w->ctx->today, it->due_date, r.state);
	r.task_id = it->source_task_id;
	text_copy(r.source, sizeof(r.source), it->source_task_id == 0 ?
	    "" : it->kind == TL_YONGGONG ? "增员" : "减员");
	w->fn(w->arg, &r);
}

/* Reads the person columns (from 1) of a flags or stopped row. */
static void
ov_col_person(struct store_stmt *st, struct ov_row *r)
{
	memset(r, 0, sizeof(*r));
	r->person_id = store_col_int64(st, 0);
	text_copy(r->name, sizeof(r->name), store_col_text(st, 1));
	text_copy(r->idno, sizeof(r->idno), store_col_text(st, 2));
	text_copy(r->sb_no, sizeof(r->sb_no), store_col_text(st, 3));
	text_copy(r->start, sizeof(r->start), store_col_text(st, 4));
	text_copy(r->last_paid, sizeof(r->last_paid), store_col_text(st, 5));
	r->months = store_col_int64(st, 6);
}

/* Reads the current row of OV_STMT_COUNTER into r. */
static void
ov_col_counter(const struct ov_ctx *ctx, struct store_stmt *st,
    struct ov_row *r)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	struct hdate	 d;
	int		 last;

	memset(r, 0, sizeof(*r));
	r->task_id = store_col_int64(st, 0);
	text_copy(r->seq, sizeof(r->seq), store_col_text(st, 1));
	text_copy(r->summary, sizeof(r->summary), store_col_text(st, 2));
	clock_date((time_t)store_col_int64(st, 3), &d);
	hdate_fmt(&d, r->submitted);
	last = mdays[d.month - 1] + (d.month == 2 && d.year % 4 == 0 &&
	    (d.year % 100 != 0 || d.year % 400 == 0));
	d.day = (int)ctx->visit_day < last ? (int)ctx->visit_day : last;
	hdate_fmt(&d, r->due);
	ov_state(&ctx->today, r->due, r->state);
}

/* Binds ?1 unit, ?2 text, ?3 limit, ?4 offset of a page statement.
 * Returns it or NULL. */
static struct store_stmt *
ov_page_stmt(struct store *s, enum ov_stmt which, int64_t unit_id,
    const char *text, int limit, int offset)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, ov_sql[which])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, text) ||
	    store_bind_int(st, 3, limit) || store_bind_int(st, 4, offset))
		return NULL;
	return st;
}

/* Walks a page of a store list (flags, stopped, counter).  Returns the
 * number handed over or -1. */
static int
ov_store_rows(struct store *s, struct ov_walk *w, int offset, int limit)
{
	struct store_stmt	*st;
	struct ov_row		 r;
	int			 rc, n = 0;

	if (w->l == OV_STOPPED)
		st = ov_page_stmt(s, OV_STMT_STOPPED, w->ctx->unit_id,
		    w->ctx->stopped_before, limit, offset);
	else if (w->l == OV_COUNTER)
		st = ov_page_stmt(s, OV_STMT_COUNTER, w->ctx->unit_id,
		    w->ctx->counter_business, limit, offset);
	else
		st = ov_page_stmt(s, OV_STMT_FLAGS, w->ctx->unit_id,
		    ov_flag_kind[w->l], limit, offset);
	if (st == NULL)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (w->l == OV_COUNTER)
			ov_col_counter(w->ctx, st, &r);
		else
			ov_col_person(st, &r);
		w->fn(w->arg, &r);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See oversight.h. */
int
oversight_rows(struct store *s, const struct ov_ctx *ctx, enum ov_list l,
    int offset, int limit, void (*fn)(void *arg, const struct ov_row *r),
    void *arg)
{
	struct ov_walk	 w;

	if ((unsigned int)l >= OV_LIST__MAX || limit < 1 || limit > 500 ||
	    offset < 0)
		return -1;
	w.ctx = ctx;
	w.l = l;
	w.fn = fn;
	w.arg = arg;
	switch (l) {
	case OV_TUIGONG_DUE:
	case OV_YONGGONG_DUE:
		return timeliness_open_page(s, ctx->unit_id, l == OV_TUIGONG_DUE ?
		    TL_TUIGONG : TL_YONGGONG, TL_OPEN_ALL, ctx->warn_until,
		    offset, limit, ov_item, &w);
	case OV_JIANYUAN_NO_TUIGONG:
		return timeliness_open_page(s, ctx->unit_id, TL_TUIGONG,
		    TL_OPEN_ANNOUNCED, ctx->announced_until, offset, limit,
		    ov_item, &w);
	case OV_COUNTER:
		if (ctx->vip)
			return 0;
		return ov_store_rows(s, &w, offset, limit);
	case OV_TUIGONG_INSURED:
	case OV_CHEXIAO_INSURED:
	case OV_ARREARS:
	case OV_HOLE:
	case OV_STOPPED:
	case OV_EMP_NO_INS:
	case OV_INS_NO_EMP:
		return ov_store_rows(s, &w, offset, limit);
	case OV_LIST__MAX:
	default:
		return -1;
	}
}

/* The capped count of a store list statement.  Returns 0 or -1. */
static int
ov_capped(struct store *s, enum ov_stmt which, int64_t unit_id,
    const char *text, int64_t *n)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, ov_sql[which])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, text) ||
	    store_bind_int(st, 3, OV_COUNT_CAP))
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* See oversight.h. */
int
oversight_count(struct store *s, const struct ov_ctx *ctx, enum ov_list l,
    int64_t *n)
{
	char	 name[48];

	*n = 0;
	switch (l) {
	case OV_TUIGONG_DUE:
	case OV_YONGGONG_DUE:
		return timeliness_open_count_f(s, ctx->unit_id,
		    l == OV_TUIGONG_DUE ? TL_TUIGONG : TL_YONGGONG,
		    TL_OPEN_ALL, ctx->warn_until, OV_COUNT_CAP, n);
	case OV_JIANYUAN_NO_TUIGONG:
		return timeliness_open_count_f(s, ctx->unit_id, TL_TUIGONG,
		    TL_OPEN_ANNOUNCED, ctx->announced_until, OV_COUNT_CAP, n);
	case OV_COUNTER:
		if (ctx->vip)
			return 0;
		return ov_capped(s, OV_STMT_COUNTER_N, ctx->unit_id,
		    ctx->counter_business, n);
	case OV_STOPPED:
		return ov_capped(s, OV_STMT_STOPPED_N, ctx->unit_id,
		    ctx->stopped_before, n);
	case OV_TUIGONG_INSURED:
	case OV_CHEXIAO_INSURED:
	case OV_ARREARS:
	case OV_HOLE:
	case OV_EMP_NO_INS:
	case OV_INS_NO_EMP:
		snprintf(name, sizeof(name), "flag:%s", ov_flag_kind[l]);
		if (tally_named(s, ctx->unit_id, name, n) != 0)
			return -1;
		if (*n < 0)
			*n = 0;
		return 0;
	case OV_LIST__MAX:
	default:
		return -1;
	}
}

/* Runs one open-work statement.  Returns the calls made or -1. */
static int
ov_work(struct store *s, enum ov_stmt which, const char *state,
    int64_t unit_id, void (*fn)(void *arg, const char *business,
    const char *state, int64_t count, time_t oldest), void *arg)
{
	struct store_stmt	*st;
	int			 rc, n = 0;

	if ((st = store_stmt(s, ov_sql[which])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		fn(arg, store_col_text(st, 0), state, store_col_int64(st, 1),
		    (time_t)store_col_int64(st, 2));
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See oversight.h. */
int
oversight_open_work(struct store *s, int64_t unit_id,
    void (*fn)(void *arg, const char *business, const char *state,
    int64_t count, time_t oldest), void *arg)
{
	int	 a, b;

	if ((a = ov_work(s, OV_STMT_DRAFTS, "未提交", unit_id, fn, arg)) < 0 ||
	    (b = ov_work(s, OV_STMT_PENDING, "进行中", unit_id, fn, arg)) < 0)
		return -1;
	return a + b;
}

/* The rows to warn of, collected before the transaction. */
struct ov_warned {
	struct tl_item	 v[50];
	int		 n;
};

/* timeliness_unwarned callback: keeps one row. */
static void
ov_warn_keep(void *arg, const struct tl_item *it)
{
	struct ov_warned	*w = arg;

	if (w->n < (int)(sizeof(w->v) / sizeof(w->v[0])))
		w->v[w->n++] = *it;
}

/* Posts the message of row it.  Returns 0 or -1. */
static int
ov_warn_post(struct store *s, const struct ov_ctx *ctx,
    const struct tl_item *it, time_t now)
{
	char	 title[512], state[48];
	int	 tg = it->kind == TL_TUIGONG;

	ov_state(&ctx->today, it->due_date, state);
	snprintf(title, sizeof(title), "%s预警:%s(%s)%s%s,办理期限%s(%s),"
	    "请尽快办理%s", tg ? "退工登记" : "用工备案", it->name, it->idno,
	    tg ? "退工日期" : "参保日期", it->ref_date, it->due_date, state,
	    tg ? "退工登记" : "用工备案");
	return inbox_post(s, ctx->unit_id, 0, now, title, tg ?
	    "解除或终止劳动关系之日起15日内应办理退工登记(按自然日计算,"
	    "节假日不顺延);逾期办理计入本单位离职及时率。" :
	    "自用工之日起30日内应办理用工备案;逾期办理计入本单位用工备案"
	    "及时率。");
}

/* See oversight.h. */
int
oversight_warn(struct store *s, const struct ov_ctx *ctx, time_t now,
    int *sent)
{
	struct ov_warned	*w;
	int			 i, rc, n = 0;

	if (sent != NULL)
		*sent = 0;
	if (timeliness_sweep(s, ctx->unit_id, &ctx->today, 500) < 0)
		return -1;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	if (timeliness_unwarned(s, ctx->unit_id, ctx->warn_until, 50,
	    ov_warn_keep, w) < 0)
		goto fail;
	if (w->n == 0) {
		free(w);
		return 0;
	}
	if (store_begin(s) == -1)
		goto fail;
	for (i = 0; i < w->n; i++) {
		if ((rc = timeliness_mark_warned(s, w->v[i].id,
		    w->v[i].due_date, (int64_t)now)) < 0 ||
		    (rc == 1 && ov_warn_post(s, ctx, &w->v[i], now) == -1)) {
			store_rollback(s);
			goto fail;
		}
		n += rc;
	}
	if (store_commit(s) == -1)
		goto fail;
	free(w);
	if (sent != NULL)
		*sent = n;
	return 0;
fail:
	free(w);
	return -1;
}

/* The sheet being written. */
struct ov_sheet {
	lxw_worksheet		*ws;
	const struct ov_list_def *def;
	lxw_row_t		 row;
	int			 failed;
};

/* oversight_rows callback: one line of the sheet. */
static void
ov_xlsx_row(void *arg, const struct ov_row *r)
{
	struct ov_sheet	*sh = arg;
	char		 buf[32];
	size_t		 i;

	for (i = 0; i < sh->def->ncols && !sh->failed; i++)
		if (worksheet_write_string(sh->ws, sh->row, (lxw_col_t)i,
		    ov_row_value(r, sh->def->col_key[i], buf, sizeof(buf)),
		    NULL) != LXW_NO_ERROR)
			sh->failed = 1;
	sh->row++;
}

/* Writes the head of the sheet: title, unit, date, column heads. */
static int
ov_xlsx_head(struct ov_sheet *sh, const struct ov_ctx *ctx,
    const char *unit_name, lxw_format *bold)
{
	char		 line[512], day[11];
	size_t		 i;

	hdate_fmt(&ctx->today, day);
	snprintf(line, sizeof(line), "单位监管:%s", sh->def->title);
	if (worksheet_write_string(sh->ws, 0, 0, line, bold) != LXW_NO_ERROR)
		return -1;
	snprintf(line, sizeof(line), "单位:%s    导出日期:%s", unit_name, day);
	if (worksheet_write_string(sh->ws, 1, 0, line, NULL) != LXW_NO_ERROR)
		return -1;
	for (i = 0; i < sh->def->ncols; i++) {
		worksheet_set_column(sh->ws, (lxw_col_t)i, (lxw_col_t)i,
		    strcmp(sh->def->col_key[i], "idno") == 0 ||
		    strcmp(sh->def->col_key[i], "summary") == 0 ? 24 : 14,
		    NULL);
		if (worksheet_write_string(sh->ws, 3, (lxw_col_t)i,
		    sh->def->col_label[i], bold) != LXW_NO_ERROR)
			return -1;
	}
	sh->row = 4;
	return 0;
}

/* See oversight.h. */
int
oversight_xlsx(struct store *s, const struct ov_ctx *ctx, enum ov_list l,
    const char *unit_name, const char *path, const char *tmpdir)
{
	lxw_workbook_options	 opt;
	struct ov_sheet		 sh;
	lxw_workbook		*wb;
	lxw_format		*bold;
	char			 dir[256];
	int			 n, total = 0, failed = 0;

	if ((unsigned int)l >= OV_LIST__MAX)
		return -1;
	snprintf(dir, sizeof(dir), "%s", tmpdir != NULL ? tmpdir : "/tmp");
	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = dir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL)
		return -1;
	memset(&sh, 0, sizeof(sh));
	sh.def = &ov_lists[l];
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	if ((sh.ws = workbook_add_worksheet(wb, "监管清单")) == NULL ||
	    ov_xlsx_head(&sh, ctx, unit_name, bold) != 0)
		failed = 1;
	/* A page of 500 at a time: rows are written as they come. */
	while (!failed && !sh.failed && total < 1000000) {
		if ((n = oversight_rows(s, ctx, l, total, 500, ov_xlsx_row,
		    &sh)) < 0) {
			failed = 1;
			break;
		}
		total += n;
		if (n < 500)
			break;
	}
	if (workbook_close(wb) != LXW_NO_ERROR || failed || sh.failed)
		return -1;
	return total;
}
