/*
 * mingce.h: 缴费基数名册打印 [issue 11]: for a year, every person paying
 * at a unit in the year's month the 名册 speaks of, with the 申报工资
 * and 缴费基数 in force then (wb_at, wagebase.h).  A 名册 is issued
 * once (tables mingce, mingce_rows, migration 25): numbered, with a
 * verification code anyone can check on /verify, and its rows fixed
 * when issued, so that its pages, its .xlsx and /verify agree however
 * the bases change later.  Its pages are read a page at a time and the
 * .xlsx is written row by row (libxlsxwriter, constant memory), so a
 * unit of 20,000 persons costs a page, never the whole list, per page.
 */
#ifndef HALL_MINGCE_H
#define HALL_MINGCE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;
struct hdate;
struct actor;

/* Rows of one printed A4 sheet of a 名册. */
#define MINGCE_SHEET_ROWS	30

/* The number prefix of a 名册 (MC + issue day + id). */
#define MINGCE_PREFIX		"MC"
/* 名册 a unit may issue a day when policy mingce.per_day is absent. */
#define MINGCE_PER_DAY		10

/* One issued 名册. */
struct mingce {
	int64_t		 id;
	char		 no[32];	/* 名册编号, e.g. MC2026120200000042 */
	char		 code[16];	/* 验证码: 8 characters, no 0/O/1/I */
	int64_t		 unit_id;
	int		 year;
	char		 month[8];	/* "YYYY-MM": bases in force in it */
	int64_t		 persons;
	int64_t		 wage_total_fen;
	int64_t		 base_total_fen;
	time_t		 issued_at;
};

/* One row of a 名册.  Strings borrowed for the callback. */
struct mingce_row {
	int		 row_no;	/* 1.. */
	int64_t		 person_id;
	const char	*name;
	const char	*idno;
	const char	*sb_no;
	int64_t		 wage_fen;	/* 申报工资 */
	int64_t		 base_fen;	/* 缴费基数 */
	const char	*from_month;	/* in force since; "" the 参保 row's */
};

/* Whether a 名册 of year may be issued on today: the year before, this
 * year and the next.  Returns 1 or 0. */
int		 mingce_year_ok(int year, const struct hdate *today);

/* The month whose bases a 名册 of year lists, issued on today, into
 * month[8]: this month for this year, December for a past year,
 * January for a coming one. */
void		 mingce_month(int year, const struct hdate *today, char month[8]);

/* Issues the 名册 of year for unit_id, as who (audited): every person
 * paying at the unit in the month (mingce_month): 参保 begun by then
 * and 参保缴费, or stopped since (暂停缴费 from a later month: a 减员 of
 * next month still pays this one), the paying ones first, each in
 * person order, with the base wb_at() gives for that month, and the
 * totals.  The rows are copied in short write transactions of 1,000
 * persons (a 20,000-person unit never holds the write lock long); the
 * 名册 gets its number, and is seen by every reader, only once all are
 * copied (a failed copy is deleted).  dedup_key (may be NULL) is the
 * form's one-time token: the same key again returns the first 名册
 * (*created = 0), waiting for its copy to finish.  A new one is
 * refused when the unit issued mingce_per_day() today already.  Fills
 * *out.  Returns 0, 1 the day's limit reached (nothing stored) or -1
 * (also for a year mingce_year_ok refuses). */
int		 mingce_issue(struct store *s, int64_t unit_id, int year,
		    const struct actor *who, const char *dedup_key,
		    struct mingce *out, int *created);

/* The 名册 unit_id may issue a day (policy mingce.per_day of its
 * region, MINGCE_PER_DAY without one) into *n.  Returns 0 or -1. */
int		 mingce_per_day(struct store *s, int64_t unit_id,
		    long long *n);

/* Loads 名册 id of unit_id (0: any unit).  Returns 0, 1 when there is
 * none (or it is another unit's), -1 on error. */
int		 mingce_load(struct store *s, int64_t id, int64_t unit_id,
		    struct mingce *out);

/* Calls fn(arg, r) for rows offset.. of 名册 id, at most limit (< 0:
 * all), in row order, reading no others.  A non-zero return of fn
 * stops.  Returns the rows handed on, or -1. */
int		 mingce_rows(struct store *s, int64_t id, int offset, int limit,
		    int (*fn)(void *arg, const struct mingce_row *r),
		    void *arg);

/* The number of 名册 unit_id issued into *n.  Returns 0 or -1. */
int		 mingce_count(struct store *s, int64_t unit_id, int64_t *n);

/* Calls fn(arg, m) for the 名册 of unit_id, newest first, from the
 * offset-th on, at most limit.  Returns the number handed on, or -1. */
int		 mingce_list(struct store *s, int64_t unit_id, int offset,
		    int limit, void (*fn)(void *arg, const struct mingce *m),
		    void *arg);

/* Finds the 名册 numbered no whose code matches (case-insensitive, in
 * constant time).  Returns 0 genuine, 1 unknown number or wrong code
 * (indistinguishable), -1 on error. */
int		 mingce_verify(struct store *s, const char *no, const char *code,
		    struct mingce *out);

/* Writes 名册 m of unit unit_name as a one-sheet .xlsx to path (its
 * temporary files in tmpdir), row by row in libxlsxwriter's constant
 * memory mode: a title row, the 编号 and 验证码, the header, every row,
 * the totals.  Returns 0 or -1. */
int		 mingce_xlsx(struct store *s, const struct mingce *m,
		    const char *unit_name, const char *path, const char *tmpdir);

/* The signed part of 名册 id's QR code kept by mingce_sig_keep() into
 * buf[bufsz] (as receipt_sig_get for a receipt).  Returns 0, 1 none kept
 * (or too long), -1 on error. */
int		 mingce_sig_get(struct store *s, int64_t id, char *buf,
		    size_t bufsz);

/* Keeps sig as the signed part of 名册 id's QR code unless one is kept.
 * Returns 0 or -1. */
int		 mingce_sig_keep(struct store *s, int64_t id, const char *sig);

#endif
