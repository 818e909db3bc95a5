/*
 * tuigong_comp.h: 经济补偿 of a 退工 (issue 13; seeds 000 经济补偿金计算
 * 表及支付凭证, 004): the statutory figure (lib/compensation.h) worked
 * out for the form's row from the 退工原因, the start of the service
 * and the 月工资, the amount the unit says it paid, and the 《经济补偿金
 * 计算表》 (receipt kind "jjbc", and .xlsx).  Table tuigong_comp
 * (migration 32), one row per 退工 row that has been worked out; this
 * module owns its SQL.
 *
 * Decisions:
 * - Owed (劳动合同法 第四十六条) for 单位辞退, 协商一致解除 and 合同到期
 *   终止, unless the form names the basis that exempts it (TG_COMP_BASES:
 *   a 第三十九条 dismissal, an agreement the employee proposed, a renewal
 *   on terms not worse that the employee refused); any other reason
 *   owes none.  A basis that does not belong to the reason is refused.
 * - The service starts at the form's 工作年限起算日期, else the
 *   contract's start (which the form prefills from the employment, i.e.
 *   the 用工备案); it ends on the 退工日期.
 * - The cap: compensation.cap_multiple (3) × the 社平工资 set for the
 *   退工日期's year (wage.avg_monthly_fen, policy_int_year: the figure
 *   published for that year), years at most compensation.cap_years
 *   (12), in the unit's region.  A year without its 社平工资: no cap,
 *   and the working says it was not checked.
 * - 月工资 is entered (the average of the 12 months before leaving);
 *   the new form prefills it with the person's 申报工资 at this unit
 *   (lib/wagebase.h).  Without a wage nothing is computed and the page
 *   asks for it; submit is not refused for it.
 * - The amount paid is entered; below the statutory figure is allowed,
 *   with a warning that says so (tg_comp_warning), never a refusal.
 * - Only the single form (row 0) is worked out; batch rows keep the
 *   是/否 column.
 */
#ifndef HALL_TUIGONG_COMP_H
#define HALL_TUIGONG_COMP_H

#include <stddef.h>
#include <stdint.h>

#include "compensation.h"
#include "valid.h"

struct store;
struct tuigong_row;

/* The bases that exempt an owing reason, NULL-terminated (a
 * FIELD_CHOICE list). */
extern const char *const tg_comp_bases[];

/* The 经济补偿 of one 退工 row. */
struct tg_comp {
	int		 owed;		/* the reason owes it */
	char		 reason[32];	/* 退工原因 */
	char		 basis[96];	/* the exempting basis, "" */
	char		 start[11];	/* 工作年限起算 */
	char		 start_entered[11];	/* as the form gave it, "" */
	char		 end[11];	/* 退工日期 */
	int64_t		 avg_fen;	/* 社平工资 used, 0 none */
	int		 cap_multiple;
	int		 cap_years;
	int		 computed;	/* r holds the figure */
	struct comp_result r;		/* r.wage_fen: 月工资 entered */
	int64_t		 wage_fen;	/* 月工资 entered, 0 none */
	int64_t		 paid_fen;	/* 实付经济补偿 */
	int		 paid_entered;	/* the amount paid was given */
	char		 note[256];	/* not owed / not computed: why */
};

/* The form's fields of 经济补偿, by index. */
enum tg_comp_field {
	TGCF_WAGE,		/* TGCF_WAGE: 月工资 */
	TGCF_PAID,		/* TGCF_PAID: 实付经济补偿 */
	TGCF_START,		/* TGCF_START: 工作年限起算日期 */
	TGCF_BASIS,		/* TGCF_BASIS: 无需支付的依据 */
	TGCF__MAX
};

extern const struct field_def tg_comp_defs[TGCF__MAX];

/* Checks what the validators cannot, for the 退工原因 reason and 退工
 * 日期 end (either may be ""): the wage at most COMP_WAGE_MAX_FEN, the
 * basis one of reason's, the start not after end.  Adds errors;
 * returns how many. */
size_t		 tg_comp_form_extra(const struct field_val *vals,
		    const char *reason, const char *end,
		    struct form_errors *errs);

/* Works out c for row (its reason, 退工日期, contract start) of unit_id
 * from the validated values vals (NULL: none given).  Returns 0 or
 * -1. */
int		 tg_comp_work(struct store *s, int64_t unit_id,
		    const struct tuigong_row *row, const struct field_val *vals,
		    struct tg_comp *c);

/* Stores c as the 经济补偿 of (task_id, row_no), replacing any, inside
 * the caller's transaction.  Returns 0 or -1. */
int		 tg_comp_save(struct store *s, int64_t task_id, int row_no,
		    const struct tg_comp *c);

/* Loads the 经济补偿 of (task_id, row_no).  Returns 0, 1 none stored,
 * -1 error. */
int		 tg_comp_load(struct store *s, int64_t task_id, int row_no,
		    struct tg_comp *c);

/* The warning when the amount paid is below the statutory figure, e.g.
 * "实付经济补偿5,000.00元低于法定经济补偿32,000.00元(差额27,000.00元)
 * …" into buf[bufsz]; "" when none.  Returns buf. */
const char	*tg_comp_warning(const struct tg_comp *c, char *buf,
		    size_t bufsz);

/* The 申报工资 of person_id at unit_id in month ("YYYY-MM") into *fen
 * (0 when unknown): the form's prefill.  Returns 0 or -1. */
int		 tg_comp_wage_known(struct store *s, int64_t unit_id,
		    int64_t person_id, const char *month, int64_t *fen);

/* Calls field(arg, label, value) for each fact of the 经济补偿 of row 0
 * of task_id (labels begin with "经济补偿"), nothing when none is
 * stored: the describe() facts the 《经济补偿金计算表》 prints.
 * Returns 0 or -1. */
int		 tg_comp_describe(struct store *s, int64_t task_id,
		    void (*field)(void *arg, const char *label,
			const char *value), void *arg);

/* The 《经济补偿金计算表》 of task_id as .xlsx bytes (malloc'd into
 * *out, *outsz; caller frees): unit, person, the figures and the
 * working, and no (回执编号, "" none) and code.  Returns 0, 1 when the
 * task has no 经济补偿 stored, -1 error. */
int		 tg_comp_xlsx(struct store *s, int64_t task_id,
		    const char *unit_name, const char *seq_no, const char *no,
		    const char *code, unsigned char **out, size_t *outsz);

#endif
