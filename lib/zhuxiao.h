/*
 * zhuxiao.h: 当月欠费注销 (缴费管理 → 当月欠费注销) [003 六; SPEC §7]:
 * a unit that did not stop a person's contributions in time (暂停缴费)
 * cancels the arrears of the CURRENT month of that person at this
 * unit, every insurance type together, with the employee's signed
 * statement (经职工本人签字确认的欠费注销情况说明) as the required
 * material.  Once approved the month is settled as 注销 (arrears.h:
 * ARREARS_CANCELLED, who and when) and cannot be undone.
 *
 * Decisions:
 * - One person and one month per task (row 0); the month must be the
 *   month of the day of the check: at save, at submit and at approval
 *   (a draft saved in November is refused in December).  An earlier
 *   month is refused with what to do instead: 欠费补缴 (/bujiao).
 * - The person must be of this unit (a 参保 row or an arrears row
 *   here); anyone else's 身份证号 answers as not found (404).
 * - Every type together: the arrears row of the month is the unit's
 *   and the person's parts of every type; the page shows the parts
 *   per type and side as lib/levy.c computes them (levy_person).
 * - The clerk confirms that a 注销 cannot be undone (a checkbox the
 *   save requires); the row keeps who confirmed it and when.
 * - Nothing is reserved before approval: the check looks at the
 *   month's arrears row (owing, not in another 补缴/注销) and the effect
 *   reserves and settles it in the approval's transaction, so a draft
 *   or a 退单 never holds a month away from 补缴.
 */
#ifndef HALL_ZHUXIAO_H
#define HALL_ZHUXIAO_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"
#include "workflow.h"

struct store;
struct actor;
struct levy;

#define ZX_BUSINESS	"zhuxiao"

/* The one material: 经职工本人签字确认的欠费注销情况说明 (attach.c). */
#define ZX_MATERIAL	"zhuxiao_shuoming"

/* Where the unit pays arrears it may not cancel (欠费补缴). */
#define ZX_BUJIAO_PATH	"/bujiao"

/* The one row of a task. */
struct zhuxiao_row {
	int64_t		 id;
	int64_t		 task_id;
	int		 row_no;		/* always 0 */
	int64_t		 person_id;
	char		 name[64];
	char		 idno[19];
	char		 month[8];		/* 注销月份 "YYYY-MM" */
	int64_t		 amount_fen;		/* the arrears row's, at save */
	int64_t		 levy_fen;		/* levy's 应缴 of the month */
	int64_t		 confirmed_by;		/* account that confirmed */
	int64_t		 confirmed_at;		/* unix time */
	int		 confirmed;		/* input of save: the clerk
						 * ticked 无法恢复 */
};

/* ---- The form ---- */

enum zhuxiao_field {
	ZXF_SFZH,		/* ZXF_SFZH: 身份证号 */
	ZXF_MONTH,		/* ZXF_MONTH: 注销月份 (YYYY-MM) */
	ZXF_CONFIRM,		/* ZXF_CONFIRM: 已知晓注销后无法恢复 ("1") */
	ZXF__MAX
};

/* The form's fields, by enum zhuxiao_field. */
extern const struct field_def zhuxiao_form_defs[ZXF__MAX];

/* The month of day d as "YYYY-MM" into buf[8]. */
void		 zx_month_of(const struct hdate *d, char buf[8]);

/* Finds the person with 身份证号 idno as seen from unit_id: *pid and
 * name[64] when he has a 参保 row or an arrears row at unit_id.
 * Returns 0, 1 not this unit's (or not on file: the page's 404), -1. */
int		 zx_person(struct store *s, int64_t unit_id, const char *idno,
		    int64_t *pid, char name[64]);

/* Every rule for r (person_id, month) at unit_id on day today, for
 * task_id (0: none yet): the month is today's (an earlier one points
 * to 补缴), the person owes it here, not in another 补缴/注销 and not
 * in another unfinished 注销.  *amount_fen (may be NULL) receives the
 * month's arrears.  Returns 0 (see errs) or -1. */
int		 zx_rules(struct store *s, int64_t unit_id, int64_t task_id,
		    const struct zhuxiao_row *r, const struct hdate *today,
		    struct form_errors *errs, int64_t *amount_fen);

/* levy_person for person_id's one month at unit_id as of today: the
 * parts per type and side into out (levy_init'ed by the caller).
 * Returns as levy_person (0, LEVY_NOPOLICY, LEVY_NOBASE, -1). */
int		 zx_levy(struct store *s, int64_t unit_id, int64_t person_id,
		    const char *month, struct levy *out);

/* Loads row 0 of task_id.  Returns 0, 1 none, -1. */
int		 zhuxiao_row_load(struct store *s, int64_t task_id,
		    struct zhuxiao_row *r);

/* Saves r (person_id, name, idno, month) as row 0 of a new task of
 * who->unit_id (task NULL; dedup_key the form's one-time token) or of
 * draft task, in one transaction, after every rule under the write
 * lock (a broken one is added to errs and nothing is stored), with the
 * amounts and who->account_id's confirmation now.  *id the task,
 * *created whether one was made.  Returns 0, 1 refused, -1 error. */
int		 zhuxiao_save(struct store *s, const struct actor *who,
		    const struct task *task, struct zhuxiao_row *r,
		    const char *dedup_key, int64_t *id, int *created,
		    struct form_errors *errs);

/* The rules of draft task_id, read-only, without the material.
 * Returns 0 or -1. */
int		 zhuxiao_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

extern const struct wf_business zhuxiao_business;

#endif
