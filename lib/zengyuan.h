/*
 * zengyuan.h: 增员 (续保), 城镇职工增加 [SPEC §5; seed 003 二 网上办理
 * 职工新增及续保业务, 操作规范 增员(续保)]: a unit enrols one person by
 * the form (row 0) or many by .xlsx (rows 1..); on approval each row's
 * person is 参保缴费 at the unit (lib/insurance.h).
 *
 * Decisions:
 * - Refused, in seed 003's words with the way forward: a person who
 *   pays at another unit (「此人在***单位未停保」 names it), in a 个人
 *   流动窗口 (persons.flow_window) or in the 大学生医保
 *   (persons.student_medical); one who already pays here; a first
 *   enrolment (never insured anywhere) outside the online age window
 *   (policy zengyuan.age_min/max.<sex>); 追溯补缴 of more than
 *   zengyuan.bujiao_max_months months including the current one
 *   (「请携带相关资料到辖区社保经办机构审核办理」); without a current
 *   用工备案 here where zengyuan.require_yonggong says so (until the
 *   增员 is decided an unfinished 用工备案 of the person here will do:
 *   入职打包 saves and submits both, and the reviewer approves the
 *   用工备案 first).  A 续保 is not a first enrolment: no age window.
 * - 参保日期 is this month or the next, with or without 追溯补缴;
 *   追溯补缴 是 starts the insurance at 补缴开始月份 instead, which is
 *   not after this month, hence never after 参保日期 (one rule each,
 *   no month left ignored: 参保日期 stays the month of the 增员 on the
 *   增员表, 补缴开始月份 the first month paid).
 * - No month is paid twice: the insurance starts no earlier than the
 *   person's latest stop_month at any unit (ins_facts first_payable;
 *   「…最早为YYYY-MM」 names it).  A 续保 at the same unit reopens the
 *   row without rewriting its start_month (the first month ever paid
 *   there, history); the new period's start is this table's row
 *   (zengyuan_start), linked by insurance_id, which the timeline
 *   reads.  No new column: the least invasive design.
 * - Special groups (军转干, 劳动模范 …) are accepted with the notice to
 *   bring the 档案 to the counter afterwards.
 * - The person's 参保险种 are the unit's (units.ins_types), copied to
 *   the row at save: shown, never chosen.
 * - After 保存 the 信息核对: 姓名, 身份证号, 性别, 出生日期 are locked
 *   (a change needs 退单 and a new form); the rest stays editable.
 * - 缴费基数 = 申报工资 clamped to the region's floor and ceiling of the
 *   start month's year, set on approval.
 * - A batch's 续保 rows carry the 个人编号, which must be the person's.
 */
#ifndef HALL_ZENGYUAN_H
#define HALL_ZENGYUAN_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"
#include "workflow.h"
#include "batch.h"

struct store;
struct actor;

/* 户口性质, 特殊人群: NULL-terminated choices ("" first: none). */
extern const char *const zengyuan_hukou_types[];
extern const char *const zengyuan_specials[];

/* One person's 增员 as entered. */
struct zengyuan_row {
	int64_t		 id;
	int64_t		 task_id;
	int		 row_no;		/* 0: the form */
	int64_t		 person_id;		/* 0: not on file */
	int64_t		 insurance_id;		/* set on approval, 0 */
	char		 name[64];
	char		 idno[19];
	char		 sex[8];
	char		 nation[32];		/* 民族 */
	char		 birth[11];
	char		 hukou_type[16];	/* 户口性质 */
	char		 phone[32];
	char		 hukou_addr[256];	/* 户口地址 */
	char		 start_month[8];	/* 参保日期 YYYY-MM */
	int64_t		 wage_fen;		/* 申报工资 */
	char		 bujiao_from[8];	/* 追溯补缴 from, "" 否 */
	char		 sb_no[24];		/* 个人编号 (续保) */
	char		 special[32];		/* 特殊人群, "" */
	char		 ins_types[128];	/* the unit's 参保险种 */
	int		 renewal;		/* 续保 */
	int64_t		 base_fen;		/* 缴费基数, on approval */
};

/* ---- The form ---- */

enum zengyuan_field {
	ZYF_NAME,		/* ZYF_NAME: 姓名 */
	ZYF_SFZH,		/* ZYF_SFZH: 身份证号 */
	ZYF_SEX,		/* ZYF_SEX: 性别 */
	ZYF_NATION,		/* ZYF_NATION: 民族 */
	ZYF_BIRTH,		/* ZYF_BIRTH: 出生日期 */
	ZYF_HUKOU,		/* ZYF_HUKOU: 户口性质 */
	ZYF_PHONE,		/* ZYF_PHONE: 联系电话 */
	ZYF_HUKOU_ADDR,		/* ZYF_HUKOU_ADDR: 户口地址 */
	ZYF_START,		/* ZYF_START: 参保日期 (月) */
	ZYF_WAGE,		/* ZYF_WAGE: 申报工资 (元) */
	ZYF_BUJIAO,		/* ZYF_BUJIAO: 追溯补缴 (否/是) */
	ZYF_BUJIAO_FROM,	/* ZYF_BUJIAO_FROM: 补缴开始月份 */
	ZYF_SB_NO,		/* ZYF_SB_NO: 个人编号 (续保) */
	ZYF_SPECIAL,		/* ZYF_SPECIAL: 特殊人群 */
	ZYF__MAX
};

/* The form's fields, by enum zengyuan_field.  Names shared with
 * yonggong_form_defs (sfzh, name, sex, birth, hukou_type, phone) mean
 * the same; the others are its own (zy_*). */
extern const struct field_def zengyuan_form_defs[ZYF__MAX];

/* Fills row from validated form values (task, row, ids left zero). */
void		 zengyuan_row_from_form(const struct field_val *vals,
		    struct zengyuan_row *row);

/* ---- The rules ---- */

/* The region's limits of a 增员 (policy rows): the online age window
 * of a first enrolment for the person's sex, the 补缴 months, and
 * whether a current 用工备案 here is required. */
struct zengyuan_limits {
	long long	 age_min, age_max;	/* [min, max) in years */
	long long	 bujiao_max;		/* months incl. the current */
	long long	 visit_day;		/* 普通: bring materials before */
	long long	 wage_max_yuan;		/* 申报工资 above: a typo */
	int		 require_yonggong;
};

/* The limits of unit_id's region on day on.  Returns 0 or -1. */
int		 zengyuan_limits(struct store *s, int64_t unit_id,
		    const char *sex, const struct hdate *on,
		    struct zengyuan_limits *lim);

/* The rules that need no store for row on day today with lim: 身份证号
 * and the 性别 and 出生日期 that agree with it, 姓名, 民族, the choices,
 * 申报工资, 参保日期 and 追溯补缴.  prefix (may be NULL) starts each
 * message.  Returns the number of errors added. */
size_t		 zengyuan_rules_plain(const struct zengyuan_row *row,
		    const struct hdate *today,
		    const struct zengyuan_limits *lim, const char *prefix,
		    struct form_errors *errs);

/* Every rule for row of unit_id (task_id its own task, 0 none) on day
 * today: the plain ones, then the store's (姓名 of a person on file,
 * insured here or elsewhere, 流动窗口, 大学生医保, the age window of a
 * first enrolment, the 个人编号 of a 续保, 用工备案 here, an unfinished
 * 增员).  Sets row->person_id and row->renewal.  Returns 0 (see errs)
 * or -1 on a store error. */
int		 zengyuan_rules(struct store *s, int64_t unit_id,
		    int64_t task_id, struct zengyuan_row *row,
		    const struct hdate *today, const char *prefix,
		    struct form_errors *errs);

/* The 参保险种 of unit_id (comma-separated) into types[typesz]: a
 * person's are the unit's.  Returns 0 or -1. */
int		 zengyuan_ins_types(struct store *s, int64_t unit_id,
		    char *types, size_t typesz);

/* The month insurance starts: 补缴开始月份, else 参保日期. */
const char	*zengyuan_start(const struct zengyuan_row *row);

/* ---- Rows in the store ---- */

/* Loads row row_no of task_id.  Returns 0, 1 not found, -1 error. */
int		 zengyuan_row_load(struct store *s, int64_t task_id,
		    int row_no, struct zengyuan_row *row);

/* Inserts or replaces the row (task_id, row_no) inside the caller's
 * transaction.  Returns 0 or -1. */
int		 zengyuan_row_save(struct store *s,
		    const struct zengyuan_row *row);

/* Calls fn for each row of task_id by row number.  Returns the count
 * or -1. */
int		 zengyuan_rows(struct store *s, int64_t task_id,
		    void (*fn)(const struct zengyuan_row *row, void *arg),
		    void *arg);

/* Whether task_id is a batch (it has no row 0).  Returns 1, 0, -1. */
int		 zengyuan_is_batch(struct store *s, int64_t task_id);

/* Saves r as row 0 of a new task of who->unit_id (task NULL; dedup_key
 * the form's one-time token) or of task (未提交: its locked identity
 * must not change), in one transaction, after every rule under the
 * write lock: a broken one is added to errs and nothing is stored.
 * *id receives the task, *created whether a new one was made (0 also
 * for the same form saved again).  Returns 0, 1 refused, -1 error. */
int		 zengyuan_save(struct store *s, const struct actor *who,
		    const struct task *task, struct zengyuan_row *r,
		    const char *dedup_key, int64_t *id, int *created,
		    struct form_errors *errs);

/* The rules over every row of task_id, read-only, without the
 * materials: what a draft's page lists.  Returns 0 or -1. */
int		 zengyuan_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

/* ---- For others ---- */

/* A person's latest 增员 at a unit, for the employee's timeline. */
struct zengyuan_step {
	int64_t		 task_id;
	char		 seq_no[32];
	char		 state[16];
	char		 start_month[8];	/* insurance from */
	int64_t		 base_fen;		/* 0 until approved */
	int		 renewal;
	time_t		 decided_at;		/* 0 until 结束 */
};

/* Fills out with person_id's latest 增员 (not 退单) at unit_id.
 * Returns 1 found, 0 none (out zeroed), -1 error. */
int		 zengyuan_person_step(struct store *s, int64_t unit_id,
		    int64_t person_id, struct zengyuan_step *out);

/* Whether the person with 身份证号 idno has a photo on file (the
 * material is then not asked).  Returns 1, 0, -1. */
int		 zengyuan_has_photo(struct store *s, const char *idno);

/* ---- Materials ---- */

#define ZY_MAT_SFZ		"sfz_copy"		/* or the next */
#define ZY_MAT_HUKOUBEN		"hukouben_copy"
#define ZY_MAT_HETONG		"hetong_copy"		/* or the next */
#define ZY_MAT_YONGGONG		"yonggong_zhengming"
#define ZY_MAT_PHOTO		"zhaopian"		/* JPG */
#define ZY_MAT_SHENQING		"zengjia_shenqing"	/* a batch's */

/* ---- The business and its batch ---- */

extern const struct wf_business zengyuan_business;
extern const struct batch_spec zengyuan_batch;

/* Batch template columns, by index. */
enum zengyuan_col {
	ZYC_NAME,		/* ZYC_NAME: 姓名 */
	ZYC_SFZH,		/* ZYC_SFZH: 身份证号 */
	ZYC_SB_NO,		/* ZYC_SB_NO: 个人编号(续保必填) */
	ZYC_NATION,		/* ZYC_NATION: 民族 */
	ZYC_HUKOU,		/* ZYC_HUKOU: 户口性质 */
	ZYC_PHONE,		/* ZYC_PHONE: 联系电话 */
	ZYC_HUKOU_ADDR,		/* ZYC_HUKOU_ADDR: 户口地址 */
	ZYC_START,		/* ZYC_START: 参保日期 */
	ZYC_WAGE,		/* ZYC_WAGE: 申报工资(元) */
	ZYC_BUJIAO_FROM,	/* ZYC_BUJIAO_FROM: 补缴开始月份(不补缴留空) */
	ZYC_SPECIAL,		/* ZYC_SPECIAL: 特殊人群 */
	ZYC__MAX
};

#endif
