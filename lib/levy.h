/*
 * levy.h: what a person owes for months of contributions (欠费补缴核定,
 * issue 12): for each month, each insurance type of the unit
 * (units.ins_types) and each side (单位 / 个人), base × rate, plus the
 * 滞纳金 of 社会保险法 Art. 86 from the due date to the computation day.
 * Pure computation over policy rows and bases: it reads units,
 * insurance (through wb_at, wagebase.h) and policy, writes nothing.
 * Money in integer fen everywhere.
 *
 * Rates (policy.h): rate.<type>.unit_bp and rate.<type>.person_bp in
 * force on the month's first day, for the unit's region (else "*");
 * a side with no _bp row may have a fixed monthly rate.<type>.unit_fen
 * / rate.<type>.person_fen instead (大额医疗); a side with neither row,
 * or a row of 0 (生育 merged into 医疗 from a date), is not levied (no
 * line).  A type of the unit with no rate row at all for either side
 * in a month is refused (LEVY_NOPOLICY: 「…费率未配置」).
 * 工伤 (unit side only): the unit's units.industry_rate_permille × 10
 * bp, clamped to rate.injury.min_bp..rate.injury.max_bp of the month.
 * The due date of month M is day levy.due_day (clamped to the month's
 * last day) of month M + levy.due_month_offset, both in force on M's
 * first day; the 滞纳金 rate levy.late_bp_per_day is the one in force
 * on the computation day.
 *
 * THE ROUNDING RULE (one, everywhere; also docs/HTTP.md):
 *   amount   = base_fen × rate_bp / 10000, rounded half up to the fen,
 *              per line (one month, one type, one side); a fixed-rate
 *              line's amount is its fixed fen;
 *   late days = calendar days after the due date up to and including
 *              the computation day (computation day − due date), 0 when
 *              not after it;
 *   滞纳金   = amount × late days × late_bp / 10000, rounded half up to
 *              the fen, per line;
 *   totals   are sums of the rounded lines (never rounded again).
 * Half up on non-negative integers: (x + 5000) / 10000.
 */
#ifndef HALL_LEVY_H
#define HALL_LEVY_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"	/* struct hdate */

struct store;

/* The insurance types, in the order of every table. */
enum levy_type {
	LEVY_PENSION = 0,	/* 养老, key "pension" */
	LEVY_MEDICAL,		/* 医疗, "medical" */
	LEVY_UNEMPLOYMENT,	/* 失业, "unemployment" */
	LEVY_INJURY,		/* 工伤, "injury" (by industry) */
	LEVY_MATERNITY,		/* 生育, "maternity" (where separate) */
	LEVY_LARGE_MEDICAL,	/* 大额医疗, "large_medical" */
	LEVY_TYPE__MAX
};

/* Who pays a line. */
enum levy_side {
	LEVY_UNIT = 0,		/* 单位 */
	LEVY_PERSON,		/* 个人 */
	LEVY_SIDE__MAX
};

/* What levy_person / levy_compute return besides 0 and -1. */
#define LEVY_NOPOLICY	1	/* a rate, due day or 滞纳金 rate missing */
#define LEVY_NOBASE	2	/* no 参保 row or no base (0) for a month */

/* The Chinese name of t ("养老"), or "" when out of range. */
const char	*levy_type_name(enum levy_type t);

/* The policy key part of t ("pension"), or "". */
const char	*levy_type_key(enum levy_type t);

/* "单位" or "个人". */
const char	*levy_side_name(enum levy_side side);

/* The bit mask (1u << type) of the types named in a units.ins_types
 * list ("养老,医疗,失业,工伤,生育,大额医疗"; blanks ignored).  Returns
 * the mask; unknown names are ignored (and logged). */
unsigned	 levy_types_mask(const char *ins_types);

/* The largest policy values levy accepts (larger: logged, -1): a rate
 * in bp (100%), a fixed amount in fen (one million yuan). */
#define LEVY_BP_MAX	10000
#define LEVY_FEN_MAX	100000000

/* base_fen × rate_bp / 10000 rounded half up (0 when an input is <= 0);
 * -1 (logged) when the product does not fit in 64 bits. */
int64_t		 levy_round_bp(int64_t base_fen, int64_t rate_bp);

/* amount_fen × days × late_bp / 10000 rounded half up (0 when an input
 * is <= 0); -1 (logged) when the product does not fit in 64 bits. */
int64_t		 levy_late_fen(int64_t amount_fen, long days, int64_t late_bp);

/* The due date of month (year, month) for due_day and offset months
 * into *out: day due_day of the month offset months later, clamped
 * to its last day. */
void		 levy_due_date(int year, int month, int due_day, int offset,
		    struct hdate *out);

/* Late days: on − due when on is after due, else 0. */
long		 levy_late_days(const struct hdate *due, const struct hdate *on);

/* One line: a month, a type, a side. */
struct levy_line {
	char		 month[8];	/* "YYYY-MM" */
	enum levy_type	 type;
	enum levy_side	 side;
	int64_t		 base_fen;	/* 缴费基数 of the month (wb_at) */
	int		 rate_bp;	/* 0 for a fixed-rate line */
	int64_t		 fixed_fen;	/* a fixed-rate line's, else 0 */
	int64_t		 amount_fen;	/* 应缴 */
	struct hdate	 due;		/* 缴费期限 */
	long		 late_days;
	int		 late_bp;	/* 滞纳金 per day, bp */
	int64_t		 late_fen;	/* 滞纳金 */
};

/* A sum of lines. */
struct levy_sum {
	int64_t		 amount_fen;
	int64_t		 late_fen;
};

/*
 * A computation: its lines (when keep_lines) and its totals.  Zero it
 * with levy_init; levy_person/levy_compute APPEND to it, so one struct
 * may sum many persons (set keep_lines 0 for a unit's totals without
 * keeping 100,000s of lines).  Owns lines; free with levy_free.
 */
struct levy {
	int		 keep_lines;	/* 1 (levy_init): keep every line */
	struct levy_line *lines;
	size_t		 nlines, cap;
	struct levy_sum	 by[LEVY_TYPE__MAX][LEVY_SIDE__MAX];
	struct levy_sum	 side[LEVY_SIDE__MAX];
	struct levy_sum	 total;
	size_t		 persons;	/* computations added */
	size_t		 months;	/* person-months added */
	char		 msg[256];	/* Chinese why, on LEVY_NOPOLICY/NOBASE */
};

/* Zeroes l with keep_lines 1. */
void		 levy_init(struct levy *l);

/* Frees l's lines and zeroes it (keep_lines back to 1). */
void		 levy_free(struct levy *l);

/* Adds part's totals (not its lines) to into. */
void		 levy_add(struct levy *into, const struct levy *part);

/*
 * The unit facts a computation needs, with a small cache of the
 * month's rates: load once per unit (levy_unit_load), reuse for each
 * person of a 全部清欠.  Plain data, nothing to free.
 */
struct levy_rates {
	char		 month[8];
	int		 unit_bp[LEVY_TYPE__MAX], person_bp[LEVY_TYPE__MAX];
	int64_t		 unit_fen[LEVY_TYPE__MAX], person_fen[LEVY_TYPE__MAX];
	int		 due_day, due_offset;
};
#define LEVY_RATE_CACHE	24
struct levy_unit {
	int64_t		 unit_id;
	char		 region[16];
	int		 industry_permille;	/* 工伤 ‰ */
	unsigned	 types;			/* levy_types_mask */
	struct levy_rates cache[LEVY_RATE_CACHE];
	size_t		 ncache;		/* ring: next slot = ncache % N */
};

/* Loads unit_id's region, 工伤 industry rate and ins_types into *u.
 * Returns 0, 1 no such unit, -1 error. */
int		 levy_unit_load(struct store *s, int64_t unit_id,
		    struct levy_unit *u);

/*
 * Computes insurance_id's months[0..n) ("YYYY-MM", any order; each
 * once) at unit u as of the computation day on (NULL: today), appending
 * lines (month by month in the given order, then type, then side) and
 * totals to out.  Base of a month: wb_at(insurance_id, month).
 * Returns 0; LEVY_NOPOLICY or LEVY_NOBASE with out->msg set (out's
 * lines and totals are then left as they were before the call);
 * -1 error (also a malformed month).
 */
int		 levy_compute(struct store *s, struct levy_unit *u,
		    int64_t insurance_id, const char *const *months,
		    size_t n, const struct hdate *on, struct levy *out);

/* levy_compute for person_id's 参保 at unit_id (loads the unit and
 * finds the insurance row).  Returns as levy_compute, and LEVY_NOBASE
 * when the person has no 参保 row at the unit. */
int		 levy_person(struct store *s, int64_t unit_id,
		    int64_t person_id, const char *const *months, size_t n,
		    const struct hdate *on, struct levy *out);

#endif
