/*
 * tuigong.h: 退工登记, registering the end of an employment [SPEC §2;
 * seeds 000, 004].  The rules, each a small function with a Chinese
 * message and a code, serve the form on save, the workflow on submit
 * and approval (over every row of the task: row 0 of the form, or each
 * row of a batch), the batch importer, and the VIP auto-review (the
 * same check).  Detail rows live in table tuigong, one per person.
 *
 * Decisions:
 * - Malformed input (a field that fails its validator) is never saved.
 *   Input that is well-formed but breaks a rule of the facts (the
 *   contract on file, 社保, deadlines) is saved as a draft and the
 *   broken rules are shown as warnings; submit refuses while any rule
 *   fails.
 * - Attachments are per task.  A single 退工 needs the materials of its
 *   reason (tuigong_materials); a batch (批量退工) needs one 退工花名册
 *   (signed and sealed roster of the batch) and, of every material any
 *   of its rows would need in the form, one file covering the whole
 *   batch, not a file per row (tuigong_task_materials).
 * - A person has at most one unfinished 退工 per unit: a save that
 *   would start a second one is refused (tuigong_open_task), so no
 *   draft that could never be submitted is left in 待办.
 * - 逾期 (past tuigong.deadline_days calendar days from the 退工日期,
 *   counted to the day the task was first submitted) is a flag, not a
 *   refusal.
 * - The 社保 facts of a row (社保账号, 最后缴费月份, 是否结清) are
 *   reloaded and saved at every check (submit, approval), so a draft
 *   saved before the 减员 carries the facts of the day it is submitted.
 */
#ifndef HALL_TUIGONG_H
#define HALL_TUIGONG_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"
#include "workflow.h"
#include "batch.h"

struct store;
struct actor;
struct tg_comp;

/* 退工原因, stored by name. */
enum tuigong_reason {
	TG_REASON_EXPIRY,	/* TG_REASON_EXPIRY: 合同到期终止 */
	TG_REASON_RESIGN,	/* TG_REASON_RESIGN: 员工辞职 */
	TG_REASON_DISMISS,	/* TG_REASON_DISMISS: 单位辞退 */
	TG_REASON_AGREED,	/* TG_REASON_AGREED: 协商一致解除 */
	TG_REASON_LOST,		/* TG_REASON_LOST: 员工失联 */
	TG_REASON_OTHER,	/* TG_REASON_OTHER: 其他 */
	TG_REASON__MAX
};

/* Names by enum tuigong_reason, NULL-terminated (a FIELD_CHOICE list). */
extern const char *const tuigong_reason_names[TG_REASON__MAX + 1];

/* The reason named name, or TG_REASON__MAX. */
enum tuigong_reason tuigong_reason_of(const char *name);

/* The remark 员工失联 requires [000]. */
#define TG_LOST_REMARK	"员工无法联系"

/* One detail row: what the unit entered and what the store said. */
struct tuigong_row {
	int64_t		 id;
	int64_t		 task_id;
	int		 row_no;		/* 0: the form */
	int64_t		 employment_id;		/* 0: none found */
	int64_t		 person_id;		/* 0: none found */
	char		 name[64];
	char		 idno[19];
	char		 sex[8];
	char		 hukou_type[16];
	char		 phone[32];
	char		 reason[32];
	char		 end_date[11];		/* 退工日期 */
	char		 contract_no[48];
	char		 contract_start[11];
	char		 contract_end[11];	/* "" when open_ended */
	int		 open_ended;		/* 无固定期限 */
	char		 post[64];
	char		 sb_no[32];		/* from the store */
	char		 last_paid_month[8];	/* from the store */
	int		 settled;		/* from the store */
	int		 compensation;		/* 经济补偿 paid */
	int		 lost_contact;		/* reason 员工失联 */
	char		 handler_name[64];
	char		 handler_title[64];
	char		 handler_phone[32];
	char		 remark[600];
	int		 overdue;
	/* 经济补偿 worked out for this row (lib/tuigong_comp.h), stored
	 * with it by tuigong_save when not NULL; loads leave it NULL. */
	const struct tg_comp *comp;
};

/* What the store knows about the employment a row names. */
struct tuigong_facts {
	int		 contract_found;	/* contract_no at this unit */
	int64_t		 employment_id;
	int64_t		 person_id;
	char		 emp_status[16];	/* 在职 / 已退工 / 已撤销 */
	char		 emp_idno[19];		/* the contract's person */
	char		 person_name[64];
	char		 person_sex[8];
	char		 person_birth[11];
	char		 person_hukou[16];
	char		 person_mobile[32];
	char		 start[11];
	char		 end[11];		/* "" when open-ended */
	int		 open_ended;
	char		 post[64];
	char		 registered_at[11];
	char		 other_contract_no[48];	/* the idno's 在职 contract here, if another */
	int		 insured;		/* an insurance row at this unit */
	char		 sb_no[32];
	char		 ins_status[16];	/* 参保缴费 / 暂停缴费 */
	char		 last_paid[8];
	char		 stop_month[8];
	int64_t		 arrears;		/* unsettled arrears rows */
	int		 settled;		/* 暂停缴费 (or never insured) and no arrears */
};

/* ---- The form ---- */

enum tuigong_field {
	TGF_NAME,		/* TGF_NAME: 姓名 */
	TGF_SFZH,		/* TGF_SFZH: 身份证号 */
	TGF_SEX,		/* TGF_SEX: 性别 */
	TGF_BIRTH,		/* TGF_BIRTH: 出生日期 (optional, checked) */
	TGF_HUKOU,		/* TGF_HUKOU: 户籍类型 */
	TGF_PHONE,		/* TGF_PHONE: 联系电话 */
	TGF_REASON,		/* TGF_REASON: 退工原因 */
	TGF_END_DATE,		/* TGF_END_DATE: 退工日期 */
	TGF_CONTRACT_NO,	/* TGF_CONTRACT_NO: 合同编号 */
	TGF_CONTRACT_START,	/* TGF_CONTRACT_START: 合同起始日期 */
	TGF_CONTRACT_END,	/* TGF_CONTRACT_END: 合同终止日期 */
	TGF_OPEN_ENDED,		/* TGF_OPEN_ENDED: 无固定期限 (checkbox "1") */
	TGF_POST,		/* TGF_POST: 岗位 */
	TGF_COMPENSATION,	/* TGF_COMPENSATION: 已支付经济补偿 (checkbox "1") */
	TGF_REMARK,		/* TGF_REMARK: 备注 */
	TGF_HANDLER_NAME,	/* TGF_HANDLER_NAME: 经办人姓名 */
	TGF_HANDLER_TITLE,	/* TGF_HANDLER_TITLE: 经办人职务 */
	TGF_HANDLER_PHONE,	/* TGF_HANDLER_PHONE: 经办人联系方式 */
	TGF__MAX
};

/* The form's fields, by enum tuigong_field. */
extern const struct field_def tuigong_form_defs[TGF__MAX];

/* Checks what the validators cannot: the birth date given agrees with
 * the 身份证号, 无固定期限 and 合同终止日期 are not both given (or both
 * missing).  Adds errors; returns how many. */
size_t		 tuigong_form_extra(const struct field_val *vals,
		    struct form_errors *errs);

/* Fills row from validated form values (task, row and store facts are
 * left zero). */
void		 tuigong_row_from_form(const struct field_val *vals,
		    struct tuigong_row *row);

/* ---- Facts and rules ---- */

/* Loads what the store knows for row (its contract_no and idno at
 * unit_id) into f.  Returns 0 or -1. */
int		 tuigong_facts(struct store *s, int64_t unit_id,
		    const struct tuigong_row *row, struct tuigong_facts *f);

/* Copies the store's facts into row: employment and person ids, 社保账号,
 * 最后缴费月份, 是否结清. */
void		 tuigong_row_apply_facts(struct tuigong_row *row,
		    const struct tuigong_facts *f);

/* Checks every rule of §2 but the attachments for row of unit_id
 * (task_id: the row's own task, excluded from the uniqueness rule; 0
 * for none) on day today.  prefix (may be NULL) starts each message,
 * e.g. "第3行(张三): ".  Adds one error per broken rule; returns 0 or
 * -1 on a store error. */
int		 tuigong_rules(struct store *s, int64_t unit_id, int64_t task_id,
		    const struct tuigong_row *row, const struct tuigong_facts *f,
		    const struct hdate *today, const char *prefix,
		    struct form_errors *errs);

/* Whether the 退工日期 end_date is past the region's deadline on day
 * 'on' (the day of submission).  Returns 1, 0, or -1 on error. */
int		 tuigong_is_overdue(struct store *s, int64_t unit_id,
		    const char *end_date, const struct hdate *on);

/* ---- Materials ---- */

/* One material asked for. */
struct tuigong_material {
	const char	*code;		/* attach.h catalogue code */
	const char	*name;
	int		 required;
};

#define TG_MAX_MATERIALS	12

/* The materials for a single 退工 with reason and compensation paid, or
 * those every batch needs (reason ignored: the roster, the 解除证明 and
 * the 身份证复印件 every row needs) into out[TG_MAX_MATERIALS].  Returns
 * the count (required ones first). */
size_t		 tuigong_materials(enum tuigong_reason reason, int compensation,
		    int batch, struct tuigong_material *out);

/* The materials task_id asks for into out[TG_MAX_MATERIALS] and *n: a
 * single 退工's by the reason and 经济补偿 of its row 0; a batch's
 * those every batch needs and the union of what each row would need
 * in the form, required when any row requires it (one file per
 * material covers the whole batch).  Required ones first.  Returns 0
 * or -1. */
int		 tuigong_task_materials(struct store *s, int64_t task_id,
		    struct tuigong_material *out, size_t *n);

/* ---- Rows in the store ---- */

/* Loads row row_no of task_id.  Returns 0, 1 not found, -1 error. */
int		 tuigong_row_load(struct store *s, int64_t task_id, int row_no,
		    struct tuigong_row *row);

/* Inserts (row->row_no new for row->task_id) or replaces the row of
 * (task_id, row_no) inside the caller's transaction.  Returns 0 or -1. */
int		 tuigong_row_save(struct store *s, const struct tuigong_row *row);

/* Calls fn for each row of task_id by row number; returns the count or
 * -1.  The row is valid only during the call. */
int		 tuigong_rows(struct store *s, int64_t task_id,
		    void (*fn)(const struct tuigong_row *row, void *arg),
		    void *arg);

/* Whether task_id is a batch: it has no row 0, the form's row, which
 * the form's task gets in the transaction that creates it and never
 * loses.  So a batch stays one when all its rows failed or were
 * deleted.  Returns 1, 0, or -1 on error. */
int		 tuigong_is_batch(struct store *s, int64_t task_id);

/* The unfinished (未提交, 回退 included, or 进行中) 退工 of unit_id that
 * has a row for 身份证号 idno, other than task except (0: none): its id
 * into *task_id and its 业务顺序号 into seq_no (both cleared when none).
 * A second 退工 for the same person is refused at save with it.
 * Returns 1 found, 0 none, -1 on error. */
int		 tuigong_open_task(struct store *s, int64_t unit_id,
		    const char *idno, int64_t except, int64_t *task_id,
		    char seq_no[32]);

/* Sets tuigong.overdue of every row of task_id as of day 'on' and
 * tasks.overdue when any row is overdue, inside the caller's
 * transaction.  Returns 0 or -1. */
int		 tuigong_mark_overdue(struct store *s, int64_t task_id,
		    const struct hdate *on);

/* The day 逾期 of task_id counts to into *on: its first submission
 * (a 回退 task submitted again is not made late by the review), or
 * today when it was never submitted.  Returns 0 or -1. */
int		 tuigong_overdue_day(struct store *s, int64_t task_id,
		    struct hdate *on);

/* 离职及时率 of unit_id: of the persons in its submitted or finished
 * 退工 (进行中 or 结束), *total, and *on_time of them not 逾期.
 * Returns 0 or -1. */
int		 tuigong_timeliness(struct store *s, int64_t unit_id,
		    long long *on_time, long long *total);

/* The rules over every row of task_id with the store's facts of now,
 * read-only and without the attachments: what a draft's page lists as
 * its problems.  Returns 0 (see errs) or -1. */
int		 tuigong_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

/* Whether a 结束 退工 at unit_id ends person_id's job there: with
 * employment_id > 0 (an 在职 用工), a 退工 of that employment; with 0,
 * a 退工 ending on or after since (YYYY-MM-DD), or an 已退工 用工
 * ended then or later.  For 减员's rule 4.  Returns 1, 0 or -1. */
int		 tuigong_job_ended(struct store *s, int64_t unit_id,
		    int64_t person_id, int64_t employment_id, const char *since);

/* Fills r for a new form from the unit's 在职 employee idno: person,
 * contract and 社保 facts.  Returns 0, 1 not found, -1 error. */
int		 tuigong_prefill(struct store *s, int64_t unit_id,
		    const char *idno, struct tuigong_row *r);

/* Saves row r (its facts applied) as row 0 of a new task of
 * who->unit_id (task NULL; dedup_key the form's one-time token) or of
 * task (未提交), in one transaction, with its 逾期 flag.  *id receives
 * the task, *created whether a new one was made (0 also for the same
 * form saved again: nothing else is done then).  A person who already
 * has another unfinished 退工 here is refused under the write lock,
 * with that task in *dup_id and dup_seq.  Returns 0, 1 refused
 * (nothing stored), -1 on error. */
int		 tuigong_save(struct store *s, const struct actor *who,
		    const struct task *task, struct tuigong_row *r,
		    const char *dedup_key, int64_t *id, int *created,
		    int64_t *dup_id, char dup_seq[32]);

/* ---- The employee's timeline [SPEC §11] ---- */

/* One step: 用工备案, 参保, 减员, 退工 or 撤销. */
struct tuigong_step {
	const char	*kind;		/* "用工备案", "增员" (or "参保"), "减员",
					 * "退工", "撤销" */
	char		 date[11];	/* YYYY-MM-DD or YYYY-MM */
	char		 seq_no[32];	/* task 业务顺序号, "" when none */
	int64_t		 task_id;
	char		 state[16];	/* task state, or a status */
	char		 detail[160];
	int64_t		 package_id;	/* a 打包快办 package's line, else 0 */
};

#define TG_MAX_STEPS	8

/* The timeline of the person with 身份证号 idno at unit_id. */
struct tuigong_timeline {
	char		 name[64];
	char		 idno[19];
	size_t		 nsteps;
	struct tuigong_step steps[TG_MAX_STEPS];
	char		 advice[256];	/* the next right step, "" if none */
	int		 wrong_order;	/* 退工 before 减员 where policy requires */
};

/* Builds the timeline.  Returns 0, 1 when the person was never
 * employed at unit_id, -1 on error. */
int		 tuigong_timeline(struct store *s, int64_t unit_id,
		    const char *idno, struct tuigong_timeline *out);

/* ---- The business and its batch ---- */

extern const struct wf_business tuigong_business;
extern const struct batch_spec tuigong_batch;

/* Batch template columns, by index. */
enum tuigong_col {
	TGC_NAME,		/* TGC_NAME: 姓名 */
	TGC_SFZH,		/* TGC_SFZH: 身份证号 */
	TGC_CONTRACT_NO,	/* TGC_CONTRACT_NO: 合同编号 */
	TGC_REASON,		/* TGC_REASON: 退工原因 */
	TGC_END_DATE,		/* TGC_END_DATE: 退工日期 */
	TGC_HUKOU,		/* TGC_HUKOU: 户籍类型 */
	TGC_PHONE,		/* TGC_PHONE: 联系电话 */
	TGC_COMPENSATION,	/* TGC_COMPENSATION: 经济补偿(是/否) */
	TGC_REMARK,		/* TGC_REMARK: 备注 */
	TGC__MAX
};

/* Builds a row from batch cells (missing cells are empty) without
 * store facts.  Adds input errors (format, choice) to errs with prefix.
 * Returns the number of errors added. */
size_t		 tuigong_row_from_cells(const char *const *cells, size_t ncells,
		    const struct hdate *today, struct tuigong_row *row,
		    struct form_errors *errs);

#endif
