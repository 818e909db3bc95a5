/*
 * bujiao.h: 欠费补缴 (issue 12; seed 003 缴费管理 → 单位人员正常补缴费):
 *
 *   单位员工欠费补缴  the unit picks persons owing arrears at this unit
 *                     (a person whose arrears are at another unit:
 *                     「须到社保经办机构办理」);
 *   单位全部清欠      every owing person of the unit at once.
 *
 * The hall computes month by month, type by type and side by side
 * (lib/levy.h: base × rate, 滞纳金 to the computation day, one
 * rounding rule), all types together; the clerk sees the table
 * (bujiao_compute) before 保存 (bujiao_save), which fixes it: the
 * lines, the persons and the totals are stored and never recomputed.
 * 提交审批 is checked by the rules (bujiao_business.check: every
 * person still owes exactly the months computed, none in another
 * 补缴); approval reserves the arrears for the task (arrears_reserve)
 * and the task is 结束, pay state 待到帐.  Receipts: 《单位社会保险费
 * 核定表》 (HD) and 《社会保险费补缴明细表》 (MX), printable and as .xlsx,
 * with the instruction to pay at the tax office and bring the 税票.
 *
 * After approval, the task's pay state moves, in this module only:
 *   待到帐 → 已回退  欠费补缴回退 by the unit (bujiao_rollback): the
 *                    arrears owe again (arrears_release), the receipts
 *                    are 作废 (receipt_void);
 *   待到帐 → 已到帐  缴费到帐确认 by a reviewer (bujiao_confirm): 税票号,
 *                    amount (must equal the 核定表's total) and date;
 *                    the arrears are settled in the same transaction.
 * Both are final: a rolled-back 补缴 cannot be confirmed (the unit
 * saves a new one), a confirmed one cannot be rolled back.
 */
#ifndef HALL_BUJIAO_H
#define HALL_BUJIAO_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "levy.h"
#include "workflow.h"

struct store;
struct actor;
struct form_errors;
struct hdate;

#define BUJIAO_BUSINESS		"bujiao"
#define BUJIAO_MAX_PIDS		1000	/* persons picked in one 补缴 */
#define BUJIAO_MAX_MONTHS	240	/* months one person may owe here */

/* The pay states (bujiao.pay_state). */
#define BUJIAO_AWAITING		"待到帐"
#define BUJIAO_ROLLED_BACK	"已回退"
#define BUJIAO_PAID		"已到帐"

extern const struct wf_business bujiao_business;

/* One person of a computation, handed to a bujiao_person_fn with his
 * lines (lv: this person's lines and totals only). */
struct bujiao_person {
	int		 row_no;		/* 1.. in the order computed */
	int64_t		 person_id;
	char		 idno[20];
	char		 name[64];
	size_t		 nmonths;
	char		 first[8], last[8];	/* "YYYY-MM" */
	int64_t		 unit_fen, person_fen, late_fen;
	const struct levy *lv;
};

typedef int	(*bujiao_person_fn)(void *arg, const struct bujiao_person *p);

/*
 * Computes the 补缴 of unit_id as of on (NULL: today): for pids[0..n)
 * (单位员工欠费补缴), or, with all set, every owing person of the unit
 * (单位全部清欠; pids ignored; a person whose rows are in another task
 * is left out).  Adds every person's totals, never lines, to *totals
 * (levy_init'ed by the caller) and calls fn (may be NULL) per person
 * with his own lines (p->lv, freed after the call); the unit's rates
 * are loaded once for all.  A picked person who owes nothing here,
 * owes only at another unit, is in another 补缴 or 注销, or whose
 * rates or base are missing, adds an error (field "pid-<id>", or
 * "pid") to errs.  Returns 0 (look
 * at errs->n), fn's non-zero value, or -1.
 */
int		 bujiao_compute(struct store *s, int64_t unit_id,
		    const int64_t *pids, size_t n, int all,
		    const struct hdate *on, struct levy *totals,
		    bujiao_person_fn fn, void *arg, struct form_errors *errs);

/*
 * 保存: computes as bujiao_compute (as of today) and stores the task
 * (a new 未提交 task of who's unit, dedup_key the form's one-time
 * token), its persons, lines and totals, in one transaction.  Returns
 * 0 (*task_id, *created: 0 when the same form was saved before), 1
 * refused with errs (nothing stored), -1 error.
 */
int		 bujiao_save(struct store *s, const struct actor *who,
		    const int64_t *pids, size_t n, int all,
		    const char *dedup_key, int64_t *task_id, int *created,
		    struct form_errors *errs);

/* The rules of 提交审批 over draft task_id, read-only, into errs (a
 * person's arrears changed since 保存, or are in another task): the
 * draft's page lists them.  Returns 0 or -1. */
int		 bujiao_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

/* A stored 补缴 (table bujiao). */
struct bujiao_info {
	int64_t		 task_id;
	char		 scope[16];		/* 员工 / 全部 */
	char		 computed_on[11];	/* 核定日期 */
	int64_t		 persons, months;
	int64_t		 amount_fen, late_fen;	/* total = both */
	char		 pay_state[16];		/* "" until approved */
	char		 tax_no[64];
	int64_t		 paid_fen;
	char		 paid_on[11];
	int64_t		 state_by;
	time_t		 state_at;
	struct levy_sum	 by[LEVY_TYPE__MAX][LEVY_SIDE__MAX];
};

/* Loads task_id's 补缴 into *out.  Returns 0, 1 none, -1. */
int		 bujiao_load(struct store *s, int64_t task_id,
		    struct bujiao_info *out);

/* Walks task_id's persons in row order from the offset-th, at most
 * limit (<= 1000), as bujiao_person (lv NULL).  Returns the number
 * walked, or -1. */
int		 bujiao_persons(struct store *s, int64_t task_id, int offset,
		    int limit, bujiao_person_fn fn, void *arg);

/* Called with one stored line and its person's row; non-zero stops
 * the walk. */
typedef int	(*bujiao_line_fn)(void *arg, int row_no,
		    const struct levy_line *l);

/* Walks the lines of row row_no of task_id (one person) in month,
 * type, side order.  Returns the number walked, or -1. */
int		 bujiao_task_person_lines(struct store *s, int64_t task_id,
		    int row_no, bujiao_line_fn fn, void *arg);

/* 欠费补缴回退 by who (the task's unit) of task_id, which must be 结束
 * and 待到帐: the arrears owe again, the task's receipts (issued here
 * first) are 作废, pay state 已回退, audited, in one transaction.
 * Returns 0 done, 1 already rolled back (nothing changed), 2 refused
 * with why in msg (confirmed, not approved), 3 no such task of the
 * unit, -1 error. */
int		 bujiao_rollback(struct store *s, const struct actor *who,
		    int64_t task_id, char *msg, size_t msgsz);

/* 缴费到帐确认 by reviewer who of task_id (结束, 待到帐): 税票号 tax_no,
 * amount paid_fen, date paid_on ("YYYY-MM-DD", not after today).  An
 * amount other than the 核定表's total is refused naming the
 * difference (error on field "amount").  Settles the arrears,
 * pay state 已到帐, audited, in one transaction.  Returns 0 done, 1
 * already confirmed, 2 refused with why in msg (rolled back, not
 * approved), 3 refused with errs, 4 no such task, -1 error. */
int		 bujiao_confirm(struct store *s, const struct actor *who,
		    int64_t task_id, const char *tax_no, int64_t paid_fen,
		    const char *paid_on, char *msg, size_t msgsz,
		    struct form_errors *errs);

/* One task awaiting 到帐确认, for the reviewer's list. */
struct bujiao_awaiting {
	int64_t		 task_id;
	char		 seq_no[32];
	char		 unit_name[128];
	char		 computed_on[11];
	int64_t		 persons;
	int64_t		 total_fen;
};

/* The number of tasks in pay state state (BUJIAO_AWAITING …). */
int		 bujiao_count_state(struct store *s, const char *state,
		    int64_t *n);

/* One page of the tasks awaiting 到帐确认, latest first.  Returns the
 * number walked or -1. */
int		 bujiao_awaiting_page(struct store *s, int offset, int limit,
		    void (*fn)(void *arg, const struct bujiao_awaiting *a),
		    void *arg);

/* Whether today (day of month) is after the policy day
 * bujiao.warn_after_day of unit_id's region (20): the page warns that
 * later business of this month may be affected.  *day receives the
 * policy day.  Returns 1 warn, 0 not, -1 error. */
int		 bujiao_late_in_month(struct store *s, int64_t unit_id,
		    const struct hdate *today, long long *day);

/* "1234.56" of fen (negative with '-') into buf[32]. */
const char	*bujiao_yuan(int64_t fen, char buf[32]);

#endif
