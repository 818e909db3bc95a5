/*
 * yonggong.h: 用工备案 (registering an employment) [SPEC §3, seed 001;
 * 就业服务与就业管理规定 Art. 62], the first business made from
 * docs/BUSINESS.md.  One person by the form (row 0) or many by .xlsx
 * (rows 1..); on approval each row becomes an 在职 employment with its
 * 劳动合同 (lib/employment.h), the person created when new.
 *
 * Decisions:
 * - The rules that vary are policy rows: yonggong.deadline_days (30:
 *   registered within 30 days of 用工之日; later ones are accepted,
 *   flagged 逾期 and counted against the unit's 用工备案及时率, a
 *   warning, never an error), yonggong.future_days (how far 用工之日
 *   may lie ahead of the day it is registered), yonggong.min_age (16).
 * - 全日制 at one unit at a time: a person with an 在职 全日制
 *   registration at another unit cannot be registered 全日制 here (the
 *   message says the other unit must 退工 first, naming no unit);
 *   非全日制 may be several.  A person 在职 全日制 at this unit is a
 *   duplicate whatever the new form.
 * - 合同编号 is unique among the registrations and the rows of the
 *   unfinished (未提交, 进行中) 用工备案 of every unit.
 * - A person already on file keeps his record: a 姓名 that differs from
 *   it is an error on 姓名 (the stored name is not shown: the person
 *   may never have worked here).
 * - Materials are the task's as a whole, like 退工's: one 劳动合同 scan
 *   (PDF/JPG); for a batch one file holding the batch's contracts.
 */
#ifndef HALL_YONGGONG_H
#define HALL_YONGGONG_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"
#include "workflow.h"
#include "batch.h"

struct store;
struct actor;

#define YG_OPEN_ENDED	"无固定期限"

/* 用工形式, 用工范围, 户籍类型, 文化程度: NULL-terminated choices. */
extern const char *const yonggong_work_forms[];
extern const char *const yonggong_categories[];
extern const char *const yonggong_hukou_types[];
extern const char *const yonggong_educations[];

/* One detail row: one person's registration as the unit entered it. */
struct yonggong_row {
	int64_t		 id;
	int64_t		 task_id;
	int		 row_no;		/* 0: the form */
	int64_t		 person_id;		/* 0: not on file yet */
	int64_t		 employment_id;		/* made on approval, 0 */
	char		 name[64];
	char		 idno[19];
	char		 sex[8];
	char		 birth[11];
	char		 hukou_type[16];
	char		 phone[32];
	char		 education[32];
	char		 work_form[16];		/* 全日制 / 非全日制 */
	char		 category[32];		/* 用工范围 */
	char		 contract_no[48];
	char		 contract_start[11];
	char		 contract_end[11];	/* "" when open_ended */
	int		 open_ended;
	char		 post[64];
	char		 job_type[64];		/* 工种 */
	int64_t		 wage_fen;		/* 月工资 */
	char		 hire_date[11];		/* 用工之日 */
	int		 late;			/* 逾期 */
};

/* ---- The form ---- */

enum yonggong_field {
	YGF_NAME,		/* YGF_NAME: 姓名 */
	YGF_SFZH,		/* YGF_SFZH: 身份证号 */
	YGF_SEX,		/* YGF_SEX: 性别 */
	YGF_BIRTH,		/* YGF_BIRTH: 出生日期 */
	YGF_HUKOU,		/* YGF_HUKOU: 户籍类型 */
	YGF_PHONE,		/* YGF_PHONE: 联系电话 */
	YGF_EDUCATION,		/* YGF_EDUCATION: 文化程度 */
	YGF_WORK_FORM,		/* YGF_WORK_FORM: 用工形式 */
	YGF_CATEGORY,		/* YGF_CATEGORY: 用工范围 */
	YGF_CONTRACT_NO,	/* YGF_CONTRACT_NO: 合同编号 */
	YGF_CONTRACT_START,	/* YGF_CONTRACT_START: 合同起始日期 */
	YGF_CONTRACT_END,	/* YGF_CONTRACT_END: 合同终止日期 */
	YGF_OPEN_ENDED,		/* YGF_OPEN_ENDED: 无固定期限 ("1") */
	YGF_POST,		/* YGF_POST: 岗位 */
	YGF_JOB_TYPE,		/* YGF_JOB_TYPE: 工种 */
	YGF_WAGE,		/* YGF_WAGE: 月工资 (元) */
	YGF_HIRE_DATE,		/* YGF_HIRE_DATE: 用工之日 */
	YGF__MAX
};

/* The form's fields, by enum yonggong_field. */
extern const struct field_def yonggong_form_defs[YGF__MAX];

/* Fills row from validated form values (task, row, ids left zero). */
void		 yonggong_row_from_form(const struct field_val *vals,
		    struct yonggong_row *row);

/* ---- The rules ---- */

/* Checks the rules that need no store for row on day today, with
 * future_days and min_age from the policy: 身份证号 (GB 11643) and the
 * 性别 and 出生日期 that must agree with it, the choices, the contract's
 * term (start <= end, 无固定期限 or an end date, not both), 用工之日
 * not later than today + future_days, not before the person is
 * min_age, not after the contract's end.  prefix (may be NULL) starts
 * each message.  Returns the number of errors added. */
size_t		 yonggong_rules_plain(const struct yonggong_row *row,
		    const struct hdate *today, long long future_days,
		    long long min_age, const char *prefix,
		    struct form_errors *errs);

/* Every rule for row of unit_id (task_id: its own task, 0 for none;
 * the row itself, by task_id and row_no, is not its own duplicate) on
 * day today: the plain rules with the region's policy, then the
 * store's: 姓名 of a person on file, 全日制 elsewhere, a duplicate 在职
 * 全日制 here, an unfinished 用工备案 of the person here, 合同编号 taken.
 * Returns 0 (see errs) or -1 on a store error. */
int		 yonggong_rules(struct store *s, int64_t unit_id,
		    int64_t task_id, const struct yonggong_row *row,
		    const struct hdate *today, const char *prefix,
		    struct form_errors *errs);

/* The days after 用工之日 within which unit_id registers on date on
 * (NULL: today), policy yonggong.deadline_days of its region (30),
 * into *days.  Returns 0 or -1. */
int		 yonggong_deadline_days(struct store *s, int64_t unit_id,
		    const struct hdate *on, long long *days);

/* Whether a registration of 用工之日 hire_date made on day 'on' is
 * late for unit_id's region (more than yonggong.deadline_days after).
 * Returns 1, 0, or -1 on error. */
int		 yonggong_is_late(struct store *s, int64_t unit_id,
		    const char *hire_date, const struct hdate *on);

/* ---- Rows in the store ---- */

/* Loads row row_no of task_id.  Returns 0, 1 not found, -1 error. */
int		 yonggong_row_load(struct store *s, int64_t task_id,
		    int row_no, struct yonggong_row *row);

/* Inserts or replaces the row (task_id, row_no) inside the caller's
 * transaction.  Returns 0 or -1. */
int		 yonggong_row_save(struct store *s,
		    const struct yonggong_row *row);

/* Calls fn for each row of task_id by row number (the row valid during
 * the call only).  Returns the count or -1. */
int		 yonggong_rows(struct store *s, int64_t task_id,
		    void (*fn)(const struct yonggong_row *row, void *arg),
		    void *arg);

/* Whether task_id is a batch (it has no row 0).  Returns 1, 0, -1. */
int		 yonggong_is_batch(struct store *s, int64_t task_id);

/* Saves r as row 0 of a new task of who->unit_id (task NULL; dedup_key
 * the form's one-time token) or of task (未提交), in one transaction,
 * with its 逾期 flag, after every rule (yonggong_rules) under the write
 * lock: a broken one is added to errs and nothing is stored.  *id
 * receives the task, *created whether a new one was made (0 also for
 * the same form saved again, which is not checked again).  Returns 0,
 * 1 refused (see errs), -1 on error. */
int		 yonggong_save(struct store *s, const struct actor *who,
		    const struct task *task, struct yonggong_row *r,
		    const char *dedup_key, int64_t *id, int *created,
		    struct form_errors *errs);

/* The rules over every row of task_id, read-only, without the
 * attachments: what a draft's page lists.  Returns 0 or -1. */
int		 yonggong_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

/* 用工备案及时率 of unit_id: of its registrations made by the hall,
 * *total, and *on_time of them not 逾期 (kept counts).  Returns 0 or
 * -1. */
int		 yonggong_timeliness(struct store *s, int64_t unit_id,
		    long long *on_time, long long *total);

/* ---- Materials ---- */

/* The material code of the 劳动合同 scan every task asks for. */
#define YG_MATERIAL	"hetong_copy"

/* ---- The business and its batch ---- */

extern const struct wf_business yonggong_business;
extern const struct batch_spec yonggong_batch;

/* Batch template columns, by index. */
enum yonggong_col {
	YGC_NAME,		/* YGC_NAME: 姓名 */
	YGC_SFZH,		/* YGC_SFZH: 身份证号 */
	YGC_HUKOU,		/* YGC_HUKOU: 户籍类型 */
	YGC_PHONE,		/* YGC_PHONE: 联系电话 */
	YGC_EDUCATION,		/* YGC_EDUCATION: 文化程度 */
	YGC_WORK_FORM,		/* YGC_WORK_FORM: 用工形式 */
	YGC_CATEGORY,		/* YGC_CATEGORY: 用工范围 */
	YGC_CONTRACT_NO,	/* YGC_CONTRACT_NO: 合同编号 */
	YGC_CONTRACT_START,	/* YGC_CONTRACT_START: 合同起始日期 */
	YGC_CONTRACT_END,	/* YGC_CONTRACT_END: 合同终止日期(或 无固定期限) */
	YGC_POST,		/* YGC_POST: 岗位 */
	YGC_JOB_TYPE,		/* YGC_JOB_TYPE: 工种 */
	YGC_WAGE,		/* YGC_WAGE: 月工资(元) */
	YGC_HIRE_DATE,		/* YGC_HIRE_DATE: 用工之日 */
	YGC__MAX
};

/* Builds a row from batch cells (missing cells empty; 性别 and 出生日期
 * from the 身份证号), adding format errors to errs.  Returns the number
 * of errors added. */
size_t		 yonggong_row_from_cells(const char *const *cells,
		    size_t ncells, const struct hdate *today,
		    struct yonggong_row *row, struct form_errors *errs);

/* How far the unfinished 用工备案 of idno at unit_id has gone: 2 one is
 * submitted (进行中), 1 one is still a draft (未提交; its 业务顺序号 into
 * seq), 0 none; -1 on error. */
int		 yonggong_open_state(struct store *s, int64_t unit_id,
		    const char *idno, char seq[32]);

#endif
