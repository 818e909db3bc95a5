/*
 * chexiao.h: 撤销, revoking an employment registration [SPEC §3; seed
 * 001]: 用工备案管理 → 备案查询 → 撤销.  One task revokes one
 * registration (table chexiao, row 0); the rules, each a small function
 * with a Chinese message and a code, serve the form on save, the
 * workflow on submit and approval (the VIP auto-review is the same
 * check) and the draft's page (cx_lint).
 *
 * Decisions:
 * - A registration that cannot be revoked here (the unit is 注销, it
 *   was registered in another region, it is of a type the unit does
 *   not own, it is already 已撤销, it has an unfinished 退工 or another
 *   pending 撤销) is refused before anything is stored, with the way
 *   forward; the same rules run again on submit and approval.
 * - 其他 needs an explanation of at least chexiao.explain_min_chars
 *   characters that is not made only of the words of
 *   chexiao.vague_words (policy rows, per region).
 * - 信息错误: the form carries the corrected registration (a field left
 *   empty keeps the registration's value); on approval the registration
 *   becomes 已撤销 and, when anything was corrected, a corrected one
 *   (在职) is created in its place by emp_insert, its reg_task_id the
 *   撤销 task (chexiao.new_employment_id links it back).  The revoked
 *   one keeps its data, but its 合同编号 (unique among registrations)
 *   gets the suffix "/CX<业务顺序号>" when the corrected one keeps the
 *   number.  A corrected 姓名 is the person's (persons.name).
 * - 逾期 (filed more than chexiao.advise_days after the employment
 *   ended, to the first submission) is a flag and a notice, not a
 *   refusal.
 * - The 撤销申请编号 is "CX" and the task's 业务顺序号: the number of
 *   its 《撤销申请回执》 (receipt kind chexiao), printable once
 *   submitted.
 */
#ifndef HALL_CHEXIAO_H
#define HALL_CHEXIAO_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"
#include "workflow.h"

struct store;
struct actor;
struct employment;

#define CX_BUSINESS	"chexiao"
#define CX_PREFIX	"CX"

/* 撤销原因, stored by name. */
enum cx_reason {
	CX_REASON_LEFT,		/* CX_REASON_LEFT: 员工离职 */
	CX_REASON_CLOSED,	/* CX_REASON_CLOSED: 单位注销 */
	CX_REASON_ERROR,	/* CX_REASON_ERROR: 信息错误 */
	CX_REASON_OTHER,	/* CX_REASON_OTHER: 其他 */
	CX_REASON__MAX
};

/* Names by enum cx_reason, NULL-terminated (a FIELD_CHOICE list). */
extern const char *const cx_reason_names[CX_REASON__MAX + 1];

/* The reason named name, or CX_REASON__MAX. */
enum cx_reason	 cx_reason_of(const char *name);

/* The 撤销 of one registration: what the unit entered. */
struct chexiao_row {
	int64_t		 id;
	int64_t		 task_id;
	int64_t		 employment_id;
	int64_t		 person_id;
	char		 name[64];
	char		 idno[19];
	char		 reason[16];
	char		 explanation[800];
	int		 handler_is_rep;	/* 经办人 is the 法定代表人 */
	char		 handler_name[96];
	char		 handler_phone[32];
	/* 信息错误: the corrected registration (complete). */
	char		 fix_name[96];
	char		 fix_contract_no[64];
	char		 fix_start[11];
	char		 fix_end[11];		/* "" 无固定期限 */
	char		 fix_post[96];
	char		 fix_job_type[96];
	int64_t		 fix_wage_fen;
	char		 fix_work_form[16];
	int64_t		 new_employment_id;	/* the corrected one, 0 */
	int		 late;
};

/* ---- The form ---- */

enum cx_field {
	CXF_EMP,		/* CXF_EMP: the registration (employment id) */
	CXF_REASON,		/* CXF_REASON: 撤销原因 */
	CXF_EXPLANATION,	/* CXF_EXPLANATION: 撤销说明 */
	CXF_HANDLER_IS_REP,	/* CXF_HANDLER_IS_REP: 经办人是否法定代表人 (1/0) */
	CXF_HANDLER_NAME,	/* CXF_HANDLER_NAME: 经办人姓名 */
	CXF_HANDLER_PHONE,	/* CXF_HANDLER_PHONE: 经办人联系方式 */
	CXF_FIX_NAME,		/* CXF_FIX_NAME: 更正后 姓名 */
	CXF_FIX_CONTRACT_NO,	/* CXF_FIX_CONTRACT_NO: 更正后 合同编号 */
	CXF_FIX_START,		/* CXF_FIX_START: 更正后 合同起始日期 */
	CXF_FIX_END,		/* CXF_FIX_END: 更正后 合同终止日期 */
	CXF_FIX_OPEN_ENDED,	/* CXF_FIX_OPEN_ENDED: 更正为无固定期限 ("1") */
	CXF_FIX_POST,		/* CXF_FIX_POST: 更正后 岗位 */
	CXF_FIX_JOB_TYPE,	/* CXF_FIX_JOB_TYPE: 更正后 工种 */
	CXF_FIX_WAGE,		/* CXF_FIX_WAGE: 更正后 月工资 (元) */
	CXF_FIX_WORK_FORM,	/* CXF_FIX_WORK_FORM: 更正后 用工形式 */
	CXF__MAX
};

/* The form's fields, by enum cx_field. */
extern const struct field_def cx_form_defs[CXF__MAX];

/* Fills row from validated form values and the registration e: the
 * corrected fields of a 信息错误 default to e's values.  Task and ids
 * but employment_id and person_id are left zero. */
void		 cx_row_from_form(const struct field_val *vals,
		    const struct employment *e, struct chexiao_row *row);

/* ---- Rules ---- */

/* Checks the 撤销说明 text against min_chars and the comma-separated
 * vague words: adds CX_EXPLAIN_MISSING, CX_EXPLAIN_SHORT or
 * CX_EXPLAIN_VAGUE to errs (field "explanation").  Returns the number
 * of errors added (0 or 1). */
size_t		 cx_explain_check(const char *text, long long min_chars,
		    const char *vague_words, struct form_errors *errs);

/* cx_explain_check with the policy of unit_id's region on day today
 * (chexiao.explain_min_chars, chexiao.vague_words).  Returns the
 * number of errors added, or -1 on error. */
int		 cx_explain_policy(struct store *s, int64_t unit_id,
		    const char *text, const struct hdate *today,
		    struct form_errors *errs);

/* What a 信息错误 corrects, as a bit per field. */
#define CX_FIX_NAME		0x01u
#define CX_FIX_CONTRACT_NO	0x02u
#define CX_FIX_START		0x04u
#define CX_FIX_END		0x08u
#define CX_FIX_POST		0x10u
#define CX_FIX_JOB_TYPE		0x20u
#define CX_FIX_WAGE		0x40u
#define CX_FIX_WORK_FORM	0x80u

/* The fields row corrects of registration e (0: nothing). */
unsigned int	 cx_fix_changes(const struct employment *e,
		    const struct chexiao_row *row);

/* The checks of the corrected data: dates coherent, 用工形式 known.
 * Adds errors; returns how many. */
size_t		 cx_fix_check(const struct chexiao_row *row,
		    struct form_errors *errs);

/* Whether a 撤销 filed on day 'on' is late for an employment that ended
 * on ended_at ("" = not ended): more than days after.  Returns 1 or 0. */
int		 cx_is_late(const char *ended_at, const struct hdate *on,
		    long long days);

/* Whether registration e of unit_id can be revoked here at all: the
 * unit is not 注销, it is the unit's region and type, not 已撤销, no
 * unfinished 退工 nor another pending 撤销 (other than task except, 0:
 * none).  Adds each refusal, with the way forward, to errs (field
 * "emp").  Returns 0 (see errs) or -1 on error. */
int		 cx_can_revoke(struct store *s, int64_t unit_id,
		    const struct employment *e, int64_t except,
		    struct form_errors *errs);

/* The unfinished (未提交 or 进行中) 撤销 of registration emp_id other
 * than task except into *id and seq (cleared when none).  Returns 1
 * found, 0 none, -1 error. */
int		 cx_pending(struct store *s, int64_t emp_id, int64_t except,
		    int64_t *id, char seq[32]);

/* Every rule but the attachments for row (of task_id, 0 for none) of
 * unit_id on day today.  Returns 0 (see errs) or -1. */
int		 cx_rules(struct store *s, int64_t unit_id, int64_t task_id,
		    const struct chexiao_row *row, const struct hdate *today,
		    struct form_errors *errs);

/* ---- Materials ---- */

struct cx_material {
	const char	*code;		/* attach.h catalogue code */
	const char	*name;
	int		 required;
	int		 group;		/* one of a group is enough; 0 alone */
	const char	*words;		/* what the group rule says */
};

#define CX_MAX_MATERIALS	8

/* The materials a 撤销 for reason asks for, with handler_is_rep, into
 * out[CX_MAX_MATERIALS].  Returns the count. */
size_t		 cx_materials(enum cx_reason reason, int handler_is_rep,
		    struct cx_material *out);

/* ---- Rows and tasks ---- */

/* Loads the row of task_id.  Returns 0, 1 none, -1 error. */
int		 cx_row_load(struct store *s, int64_t task_id,
		    struct chexiao_row *row);

/* Saves row for a new task of who->unit_id (task NULL; dedup_key the
 * form's token) or of task (未提交), in one transaction, checking
 * cx_can_revoke again under the write lock.  *id, *created as
 * tuigong_save.  Returns 0, 1 refused (see errs; nothing stored), -1
 * on error. */
int		 cx_save(struct store *s, const struct actor *who,
		    const struct task *task, struct chexiao_row *row,
		    const char *dedup_key, int64_t *id, int *created,
		    struct form_errors *errs);

/* The rules of draft task_id with the facts of now, read-only, without
 * the attachments.  Returns 0 (see errs) or -1. */
int		 cx_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

/* The 撤销 task of unit_id whose 撤销申请编号 is no ("CX" and the
 * 业务顺序号, case-insensitive prefix) into *task_id.  Returns 0, 1
 * none (or another unit's), -1 on error. */
int		 cx_lookup(struct store *s, int64_t unit_id, const char *no,
		    int64_t *task_id);

/* Calls fn(arg, task_id, seq_no, state, reason) for each 撤销 task of
 * unit_id that revokes registration emp_id or created it (a 信息错误's
 * corrected one), oldest first; a non-zero return stops.  For 备案查询.
 * Returns the number walked or -1. */
int		 cx_tasks_of_employment(struct store *s, int64_t unit_id,
		    int64_t emp_id, int (*fn)(void *arg, int64_t task_id,
			const char *seq_no, const char *state,
			const char *reason), void *arg);

extern const struct wf_business chexiao_business;

#endif
