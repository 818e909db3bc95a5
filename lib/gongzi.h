/*
 * gongzi.h: 个人工资变更, one person's new 申报工资 and the 缴费基数 the
 * system makes of it [SPEC §6; seed 003 四 网上办理职工个人工资变更]:
 * 缴费管理 → 单个职工缴费基数变更申报.  The unit finds the person by
 * 身份证号 or 社保个人编号 (only persons 参保缴费 at the unit), sees his
 * 申报工资 and 缴费基数, enters the 变更后申报工资, 保存 (业务顺序号),
 * 提交审批; 退单 cancels a draft.  One task, one row (table gongzi,
 * migration 22, row 0).
 *
 * Decisions:
 * - Reviewed by the system for every unit, 普通 too (wf_business
 *   auto_review): seed 003 sends only 增减员 and 年度工资申报 to the
 *   counter.  A submit that passes the rules ends at once; one that
 *   does not stays 未提交 with the errors.
 * - On approval the new base is the wage clamped to the floor and the
 *   ceiling of the year of the month after the approval day
 *   (wb_clamp), recorded from that month (wb_set); the row keeps the
 *   base, the month and wb_clamp_note() for the page.  A year without
 *   its 社平工资 is refused with wb_no_policy_message().
 * - Nothing is uploaded: the unit keeps the 身份证 copy and the 工资单
 *   for inspection (seed 003: 须妥善留存以上资料并归档备查).
 * - One unfinished (未提交) 工资变更 per person at a time; a wage equal
 *   to the one in force from the effect month is refused (无需变更).
 * - A wage at or above policy gongzi.wage_max_yuan (元/月) is taken
 *   for a typo, as 增员's.
 */
#ifndef HALL_GONGZI_H
#define HALL_GONGZI_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"
#include "wagebase.h"
#include "workflow.h"

struct store;
struct actor;

#define GZ_BUSINESS	"gongzi"

/* The longest query (身份证号 or 社保个人编号) taken, in bytes. */
#define GZ_QUERY_MAX	24

/* A person 参保 at the unit, as the query finds him. */
struct gz_person {
	int64_t		 person_id;
	int64_t		 insurance_id;
	char		 name[64];
	char		 idno[19];
	char		 sb_no[24];
	char		 status[16];	/* 参保缴费 / 暂停缴费 */
	char		 month[8];	/* the month the bases were read for */
	struct wb_base	 now;		/* in force in month */
	int		 has_next;	/* a base set from a later month */
	struct wb_base	 next;
};

/* The 工资变更 of one task: what the unit entered and, once approved,
 * what was made of it. */
struct gongzi_row {
	int64_t		 id;
	int64_t		 task_id;
	int64_t		 person_id;
	int64_t		 insurance_id;
	char		 name[64];
	char		 idno[19];
	char		 sb_no[24];
	int64_t		 old_wage_fen;	/* 原申报工资, at save */
	int64_t		 old_base_fen;	/* 原缴费基数, at save */
	int64_t		 wage_fen;	/* 变更后申报工资 */
	int64_t		 base_fen;	/* 核定缴费基数, 0 until approved */
	char		 from_month[8];	/* its first month, "" until then */
	int		 side;		/* enum wb_side */
	char		 note[512];	/* wb_clamp_note() */
};

/* ---- The form ---- */

enum gz_field {
	GZF_PID,		/* GZF_PID: the person (persons.id) */
	GZF_WAGE,		/* GZF_WAGE: 变更后申报工资 (元) */
	GZF__MAX
};

/* The form's fields, by enum gz_field. */
extern const struct field_def gz_form_defs[GZF__MAX];

/* Normalises a query (身份证号 or 社保个人编号) into out[GZ_QUERY_MAX +
 * 1]: blanks around it dropped, letters upper-case.  Returns 0, or -1
 * when it is empty, too long or holds anything but ASCII letters and
 * digits. */
int		 gz_query_norm(const char *q, char *out);

/* ---- Rules ---- */

/* The month after day into out[8] ("YYYY-MM"): a change approved on
 * day applies from it. */
void		 gz_effect_month(const struct hdate *day, char out[8]);

/* Checks a wage against max_yuan (0: no limit): GZ_WAGE_INVALID when
 * not above 0, GZ_WAGE_TOO_HIGH at or above max_yuan 元 (field
 * "wage").  Returns the number of errors added. */
size_t		 gz_wage_check(int64_t wage_fen, long long max_yuan,
		    struct form_errors *errs);

/* Finds the person of unit_id whose 身份证号 or 社保个人编号 is q
 * (normalised by gz_query_norm) and his bases for the month after
 * today.  Returns 0 参保缴费 here, 1 none at this unit (another unit's
 * person or nobody: the same answer), 2 his 参保 here is 暂停缴费, -1
 * on error. */
int		 gz_find(struct store *s, int64_t unit_id, const char *q,
		    const struct hdate *today, struct gz_person *p);

/* As gz_find for person_id.  Same returns. */
int		 gz_person_load(struct store *s, int64_t unit_id,
		    int64_t person_id, const struct hdate *today,
		    struct gz_person *p);

/* What approving wage_fen for unit_id on day today would make: the
 * clamp for the year of the month after today into *c.  Returns 0, 1
 * no 社平工资 for that year, -1 error. */
int		 gz_preview(struct store *s, int64_t unit_id, int64_t wage_fen,
		    const struct hdate *today, struct wb_clamp *c);

/* The unfinished 工资变更 (未提交 or 进行中) of insurance_id other than
 * task except into *id and seq.  Returns 1 found, 0 none, -1 error. */
int		 gz_pending(struct store *s, int64_t insurance_id,
		    int64_t except, int64_t *id, char seq[32]);

/* Every rule for row (of task_id, 0 for none) of unit_id on day
 * today: 参保缴费 here, the wage, the year's 社平工资, not the wage in
 * force already, no other unfinished change.  Fills row's person
 * facts when found.  Returns 0 (see errs) or -1. */
int		 gz_rules(struct store *s, int64_t unit_id, int64_t task_id,
		    struct gongzi_row *row, const struct hdate *today,
		    struct form_errors *errs);

/* ---- Rows and tasks ---- */

/* Loads the row of task_id.  Returns 0, 1 none, -1 error. */
int		 gz_row_load(struct store *s, int64_t task_id,
		    struct gongzi_row *row);

/* Saves row (person_id and wage_fen set) for a new task of
 * who->unit_id (task NULL; dedup_key the form's token) or of draft
 * task (whose person it must be), checking every rule under the write
 * lock.  *id and *created as wf_save_draft.  Returns 0, 1 refused (see
 * errs; nothing stored), -1 on error. */
int		 gz_save(struct store *s, const struct actor *who,
		    const struct task *task, struct gongzi_row *row,
		    const char *dedup_key, int64_t *id, int *created,
		    struct form_errors *errs);

/* The rules of draft task_id with the facts of now, read-only.
 * Returns 0 (see errs) or -1. */
int		 gz_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

extern const struct wf_business gongzi_business;

#endif
