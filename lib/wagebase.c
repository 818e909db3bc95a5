/*
 * wagebase.c: 缴费基数 over time and the clamping of a wage; see
 * wagebase.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "text.h"
#include "valid.h"
#include "wagebase.h"

/* The statements of this module; their SQL is in wb_sql. */
enum wb_stmt {
	WB_STMT_SET,		/* upserts a base from a month */
	WB_STMT_AT,		/* the base in force in a month */
	WB_STMT_OWN,		/* the 参保 row's own base */
	WB_STMT_NEXT,		/* a base set from a later month */
	WB_STMT__MAX
};

/* The SQL of each statement, by enum wb_stmt. */
static const char *const wb_sql[WB_STMT__MAX] = {
	[WB_STMT_SET] =
	    "INSERT INTO wage_bases (insurance_id, from_month, wage_fen, "
	    "base_fen, business, task_id, set_at) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7) ON CONFLICT (insurance_id, from_month) DO UPDATE "
	    "SET wage_fen = ?3, base_fen = ?4, business = ?5, task_id = ?6, "
	    "set_at = ?7",
	[WB_STMT_AT] =
	    "SELECT wage_fen, base_fen, from_month, COALESCE(task_id, 0) "
	    "FROM wage_bases WHERE insurance_id = ?1 AND from_month <= ?2 "
	    "ORDER BY from_month DESC LIMIT 1",
	[WB_STMT_OWN] =
	    "SELECT wage_fen, base_fen FROM insurance WHERE id = ?1",
	[WB_STMT_NEXT] =
	    "SELECT wage_fen, base_fen, from_month, COALESCE(task_id, 0) "
	    "FROM wage_bases WHERE insurance_id = ?1 AND from_month > ?2 "
	    "ORDER BY from_month DESC LIMIT 1",
};

/* See wagebase.h. */
const char *
wb_yuan(int64_t fen, char *buf, size_t bufsz)
{
	char		 digits[32], grouped[48];
	size_t		 n, i, j = 0;
	int64_t		 a = fen < 0 ? -fen : fen;

	snprintf(digits, sizeof(digits), "%" PRId64, a / 100);
	n = strlen(digits);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	snprintf(buf, bufsz, "%s%s.%02d", fen < 0 ? "-" : "", grouped,
	    (int)(a % 100));
	return buf;
}

/* See wagebase.h. */
int
wb_clamp(struct store *s, const char *region, int year, int64_t wage_fen,
    struct wb_clamp *out)
{
	struct hdate	 jan1;
	long long	 avg, lo, hi;
	int		 rc;

	memset(out, 0, sizeof(*out));
	out->year = year;
	out->wage_fen = out->base_fen = wage_fen;
	if (wage_fen <= 0 || year < 1900 || year > 9999)
		return -1;
	if ((rc = policy_int_year(s, region, "wage.avg_monthly_fen", year,
	    &avg)) != 0)
		return rc;
	if (avg <= 0)
		return 1;
	if (avg > WB_AVG_MAX_FEN) {
		log_err("wagebase: %s %d: wage.avg_monthly_fen = %lld out of "
		    "range (1..%lld)", region, year, avg,
		    (long long)WB_AVG_MAX_FEN);
		return -1;
	}
	memset(&jan1, 0, sizeof(jan1));
	jan1.year = year;
	jan1.month = jan1.day = 1;
	if (policy_int(s, region, "base.floor_pct", &jan1, 60, &lo) < 0 ||
	    policy_int(s, region, "base.ceiling_pct", &jan1, 300, &hi) < 0 ||
	    lo <= 0 || hi < lo || hi > 10000)
		return -1;
	out->avg_fen = avg;
	out->floor_pct = (int)lo;
	out->ceil_pct = (int)hi;
	/* In range, avg × 10000 fits; checked all the same. */
	if (__builtin_mul_overflow((int64_t)avg, (int64_t)lo,
	    &out->floor_fen) || __builtin_mul_overflow((int64_t)avg,
	    (int64_t)hi, &out->ceil_fen))
		return -1;
	out->floor_fen /= 100;
	out->ceil_fen /= 100;
	if (wage_fen < out->floor_fen) {
		out->base_fen = out->floor_fen;
		out->side = WB_FLOOR;
	} else if (wage_fen > out->ceil_fen) {
		out->base_fen = out->ceil_fen;
		out->side = WB_CEILING;
	} else
		out->side = WB_WITHIN;
	return 0;
}

/* See wagebase.h. */
const char *
wb_no_policy_message(int year, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%d年度社平工资尚未公布,暂不能核定缴费基数,"
	    "请待公布后办理", year);
	return buf;
}

/* See wagebase.h. */
const char *
wb_clamp_note(const struct wb_clamp *c, char *buf, size_t bufsz)
{
	char	 w[32], b[32], a[32];

	wb_yuan(c->wage_fen, w, sizeof(w));
	wb_yuan(c->avg_fen, a, sizeof(a));
	switch (c->side) {
	case WB_FLOOR:
		wb_yuan(c->floor_fen, b, sizeof(b));
		snprintf(buf, bufsz, "申报工资%s元低于%d年度缴费基数下限%s元"
		    "(社平工资%s元的%d%%),按下限核定(保底)", w, c->year, b,
		    a, c->floor_pct);
		break;
	case WB_CEILING:
		wb_yuan(c->ceil_fen, b, sizeof(b));
		snprintf(buf, bufsz, "申报工资%s元高于%d年度缴费基数上限%s元"
		    "(社平工资%s元的%d%%),按上限核定(封顶)", w, c->year, b,
		    a, c->ceil_pct);
		break;
	case WB_WITHIN:
	default:
		snprintf(buf, bufsz, "申报工资%s元在%d年度缴费基数上下限之间"
		    "(社平工资%s元的%d%%至%d%%),按申报工资核定", w, c->year,
		    a, c->floor_pct, c->ceil_pct);
		break;
	}
	return buf;
}

/* See wagebase.h. */
int
wb_set(struct store *s, int64_t insurance_id, const char *from_month,
    const struct wb_clamp *c, const char *business, int64_t task_id)
{
	struct store_stmt	*st;
	struct hdate		 m;

	if (insurance_id <= 0 || valid_month(from_month, &m) != VALID_OK ||
	    c->base_fen <= 0) {
		log_err("wagebase: set: bad arguments");
		return -1;
	}
	if ((st = store_stmt(s, wb_sql[WB_STMT_SET])) == NULL ||
	    store_bind_int(st, 1, insurance_id) != 0 ||
	    store_bind_text(st, 2, from_month) != 0 ||
	    store_bind_int(st, 3, c->wage_fen) != 0 ||
	    store_bind_int(st, 4, c->base_fen) != 0 ||
	    store_bind_text(st, 5, business != NULL ? business : "") != 0 ||
	    (task_id > 0 ? store_bind_int(st, 6, task_id) :
	    store_bind_null(st, 6)) != 0 ||
	    store_bind_int(st, 7, (int64_t)clock_now()) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* Reads a row of WB_STMT_AT or WB_STMT_NEXT (bound) into *out.
 * Returns 0, 1 none, -1 error. */
static int
wb_read(struct store_stmt *st, struct wb_base *out)
{
	int	 rc;

	if ((rc = store_step(st)) == STORE_ROW) {
		out->wage_fen = store_col_int64(st, 0);
		out->base_fen = store_col_int64(st, 1);
		text_copy(out->from_month, sizeof(out->from_month),
		    store_col_text(st, 2));
		out->task_id = store_col_int64(st, 3);
		if (out->wage_fen <= 0)
			out->wage_fen = out->base_fen;
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* See wagebase.h. */
int
wb_at(struct store *s, int64_t insurance_id, const char *month,
    struct wb_base *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, wb_sql[WB_STMT_AT])) == NULL ||
	    store_bind_int(st, 1, insurance_id) != 0 ||
	    store_bind_text(st, 2, month) != 0)
		return -1;
	if ((rc = wb_read(st, out)) != 1)
		return rc;
	if ((st = store_stmt(s, wb_sql[WB_STMT_OWN])) == NULL ||
	    store_bind_int(st, 1, insurance_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		out->wage_fen = store_col_int64(st, 0);
		out->base_fen = store_col_int64(st, 1);
		if (out->wage_fen <= 0)
			out->wage_fen = out->base_fen;
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* See wagebase.h. */
int
wb_next(struct store *s, int64_t insurance_id, const char *month,
    struct wb_base *out)
{
	struct store_stmt	*st;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, wb_sql[WB_STMT_NEXT])) == NULL ||
	    store_bind_int(st, 1, insurance_id) != 0 ||
	    store_bind_text(st, 2, month) != 0)
		return -1;
	return wb_read(st, out);
}
