/*
 * nianbao.h: 年度缴费工资申报 (职工缴费工资申报) [SPEC §6; seed 003
 * 九 网上办理职工及退休人员年度工资申报, and its 操作流程]: once a year,
 * in the region's declaration window, a unit declares every insured
 * person's 上年度月平均工资; on approval each person's 缴费基数 for the
 * new 缴费年度 is that wage clamped to the year's floor and ceiling
 * (lib/wagebase.h) from the month the policy says.
 *
 * Decisions:
 * - The window is policy per region and year (nianbao.open.<YYYY>,
 *   nianbao.close.<YYYY>: the dates the declaration of 缴费年度 YYYY
 *   opens and closes, e.g. 2026-12-01 .. 2027-01-15 for 2027).  Outside
 *   every window nothing is saved or submitted and the pages say when
 *   the next one opens.  A task submitted in the window may be decided
 *   after it, and one sent back (回退, a partial decision) corrected and
 *   resubmitted after it.
 * - The template (模板下载) is pre-filled with every person 参保缴费 at
 *   the unit (个人编号, 姓名, 身份证号), 上年度月平均工资 and 备注 to
 *   fill, its 填表说明 on a second sheet (batch_spec.template_rows).
 * - Each row: the person is 参保缴费 at the unit (姓名 and 个人编号 as on
 *   file); the wage is a positive amount in 元 with at most 2 decimals;
 *   a wage more than nianbao.change_max_pct % of the previous 申报工资
 *   or less than its inverse needs a 备注 (why); the year has its
 *   社平工资 (a year without is refused with wb_no_policy_message); the
 *   person is not in another live declaration of the unit for the year.
 * - A person insured at the unit but in no live declaration of the year
 *   is listed (paged) as 未申报人员 on the declaration's page.
 * - A single person may be declared by the form (row 0); a file makes a
 *   batch (rows 1..).  The reviewer's partial decision (wf_partial)
 *   sends rows back with reasons as a task of their own.
 * - On approval: wb_set() per row from nianbao.from_month of the
 *   declared year, the row keeps its base, and wage_declarations(unit,
 *   year) records the declaration (减员's rule 10 reads it).
 */
#ifndef HALL_NIANBAO_H
#define HALL_NIANBAO_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"
#include "workflow.h"
#include "batch.h"

struct store;
struct actor;
struct hdate;

/* ---- The two declarations ---- */

/* What differs between 职工缴费工资申报 (nianbao) and 非统筹退休人员工资
 * 申报 (txgz, the unit's retirees outside the city's pension scheme,
 * table txgz_retirees): the same steps, rules and pages over other
 * persons; a retiree's approved wage and base are kept on his row (no
 * 缴费基数 of a 参保, no wage_declarations). */
struct nianbao_kind {
	const char	*code;		/* tasks.business */
	const char	*who;		/* 职工 / 退休人员 */
	const char	*persons;	/* who may be declared, for messages */
	int		 retirees;	/* 1: txgz_retirees */
};

extern const struct nianbao_kind nianbao_kind_zaizhi, nianbao_kind_txgz;

/* The kind of business code ("txgz"; anything else: nianbao). */
const struct nianbao_kind *nianbao_kind_of(const char *business);

/* ---- The window ---- */

/* The declaration window as of a day. */
struct nianbao_window {
	int		 open;		/* 1: the day is inside it */
	int		 year;		/* the 缴费年度 it declares (open), else
					 * the next announced one, 0 none */
	char		 from[11];	/* its first day, YYYY-MM-DD */
	char		 to[11];	/* its last day */
};

/* The window of region on day today into *w: the 缴费年度 today.year
 * or today.year + 1 whose window holds today, else the next one that
 * opens after today (w->open 0), else none (w->year 0).  Returns 0 or
 * -1 (also a malformed policy date, logged). */
int		 nianbao_window(struct store *s, const char *region,
		    const struct hdate *today, struct nianbao_window *w);

/* What the pages say of w, e.g. "2027年度缴费工资申报期:2026-12-01至
 * 2027-01-15" or "当前不在年度缴费工资申报期内;2028年度申报将于
 * 2027-12-01开始(至2028-01-15)", into buf[bufsz]; returns buf. */
const char	*nianbao_window_message(const struct nianbao_window *w,
		    char *buf, size_t bufsz);

/* The region of unit_id into region[16].  Returns 0 or -1. */
int		 nianbao_unit_region(struct store *s, int64_t unit_id,
		    char region[16]);

/* The first month ("YYYY-MM") the bases declared for year apply in
 * region (policy nianbao.from_month, "01"), into month[8].  Returns 0
 * or -1. */
int		 nianbao_from_month(struct store *s, const char *region,
		    int year, char month[8]);

/* ---- Rows ---- */

/* One person's declared wage. */
struct nianbao_row {
	int64_t		 id;
	int64_t		 task_id;
	int		 row_no;		/* 0: the form; 1..: the file */
	int		 year;			/* 缴费年度 declared */
	int64_t		 person_id;		/* 0: not found */
	int64_t		 insurance_id;		/* his 参保 at the unit, 0 */
	char		 name[64];
	char		 idno[19];
	char		 sb_no[24];		/* 个人编号 */
	int64_t		 wage_fen;		/* 上年度月平均工资 */
	int64_t		 prev_fen;		/* 申报工资 before, 0 none */
	char		 remark[304];		/* 备注, 100 characters */
	int64_t		 base_fen;		/* 缴费基数, on approval */
	int64_t		 retiree_id;		/* txgz: his retiree row */
};

/* Every rule for row of unit_id declaring year (task_id its own task,
 * 0 none): the person insured here, the wage, the ratio to his previous
 * 申报工资, the year's 社平工资, another declaration of the year.  Sets
 * row->person_id, insurance_id, sb_no (when blank), prev_fen.  prefix
 * (may be NULL) starts each message.  Returns 0 (see errs) or -1. */
int		 nianbao_rules(struct store *s,
		    const struct nianbao_kind *k, int64_t unit_id,
		    int64_t task_id, struct nianbao_row *row,
		    const char *prefix, struct form_errors *errs);

/* Loads row row_no of task_id.  Returns 0, 1 not found, -1 error. */
int		 nianbao_row_load(struct store *s, int64_t task_id,
		    int row_no, struct nianbao_row *row);

/* Calls fn(row, arg) for rows [offset, offset + limit) of task_id in
 * row order (limit < 0: all).  Returns the count walked or -1. */
int		 nianbao_rows_page(struct store *s, int64_t task_id,
		    int offset, int limit,
		    void (*fn)(const struct nianbao_row *row, void *arg),
		    void *arg);

/* Calls fn(row, arg) for the rows of task_id whose 身份证号 is idno
 * (an indexed lookup).  Returns the count or -1. */
int		 nianbao_rows_by_idno(struct store *s, int64_t task_id,
		    const char *idno,
		    void (*fn)(const struct nianbao_row *row, void *arg),
		    void *arg);

/* The rows_find hook of struct wf_business (issue 11 part D): the rows
 * of task_id whose 身份证号 is idno, as wf_rows gives them.  Returns
 * the rows walked or -1. */
int		 nianbao_rows_find(struct store *s, int64_t task_id,
		    const char *idno,
		    int (*fn)(void *arg, const struct wf_row *r), void *arg);

/* The 缴费年度 task_id declares (its rows' year) into *year; 0 when it
 * has no row.  Returns 0 or -1. */
int		 nianbao_task_year(struct store *s, int64_t task_id,
		    int *year);

/* The bases a pending declaration's wages will get: its year's floor
 * and ceiling in its unit's region (wb_clamp), read once per page. */
struct nianbao_preview {
	int		 ok;		/* 0: none (txgz, no policy, no row) */
	int64_t		 floor_fen;
	int64_t		 ceil_fen;
};

/* Fills *p for task_id (of either kind; txgz has no 缴费基数).
 * Returns 0 (p->ok says whether there is one) or -1. */
int		 nianbao_preview_init(struct store *s, int64_t task_id,
		    struct nianbao_preview *p);

/* The 缴费基数 wage_fen will get once approved, as wb_clamp makes it;
 * 0 when p has none or the wage is not positive. */
int64_t		 nianbao_preview(const struct nianbao_preview *p,
		    int64_t wage_fen);

/* One person insured at the unit who is in no live declaration of the
 * year (未申报人员).  Strings borrowed for the callback. */
struct nianbao_missing {
	int64_t		 person_id;
	const char	*name;
	const char	*idno;
	const char	*sb_no;
};

/* Calls fn for the persons 参保缴费 at unit_id in no declaration of
 * year of the unit that is not 退单, [offset, offset + limit) of them
 * by person; *total (may be NULL) receives how many there are.
 * Returns the count walked or -1. */
int		 nianbao_missing_page(struct store *s,
		    const struct nianbao_kind *k, int64_t unit_id,
		    int year, int offset, int limit,
		    void (*fn)(const struct nianbao_missing *m, void *arg),
		    void *arg, int64_t *total);

/* Saves row as row 0 of a new task of who->unit_id (dedup_key the
 * form's one-time token) after the window and every rule under the
 * write lock: a broken one is added to errs and nothing is stored.
 * *id receives the task, *created whether one was made.  Returns 0, 1
 * refused, -1 error. */
int		 nianbao_save(struct store *s, const struct nianbao_kind *k,
		    const struct actor *who,
		    struct nianbao_row *row, const char *dedup_key,
		    int64_t *id, int *created, struct form_errors *errs);

/* Corrects row row_no of who's draft task_id: its wage (fen) and 备注
 * (trimmed text), after every rule under the write lock (a broken one
 * is added to errs and nothing changes): what the unit does with a row
 * the reviewer sent back.  Returns 0, 1 refused, 2 no such task or
 * row, 3 the task is no longer 未提交, -1 error. */
int		 nianbao_row_correct(struct store *s,
		    const struct nianbao_kind *k, const struct actor *who,
		    int64_t task_id, int row_no, int64_t wage_fen,
		    const char *remark, struct form_errors *errs);

/* Adds row (身份证号, 姓名, wage, 备注) to who's draft task_id as its
 * next row, after the window and every rule under the write lock (a
 * broken one, or the person already in the task, is added to errs and
 * nothing changes): a person the file missed, or a failed row entered
 * again.  Returns 0, 1 refused, 2 no such task, 3 the task is no longer
 * 未提交, -1 error. */
int		 nianbao_row_add(struct store *s,
		    const struct nianbao_kind *k, const struct actor *who,
		    int64_t task_id, struct nianbao_row *row,
		    struct form_errors *errs);

/* The rules over every row of draft task_id, read-only: what its page
 * lists.  Returns 0 or -1. */
int		 nianbao_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

/* ---- The form ---- */

enum nianbao_field {
	NBF_SFZH,		/* NBF_SFZH: 身份证号 */
	NBF_NAME,		/* NBF_NAME: 姓名 */
	NBF_WAGE,		/* NBF_WAGE: 上年度月平均工资 (元) */
	NBF_REMARK,		/* NBF_REMARK: 备注 */
	NBF__MAX
};

extern const struct field_def nianbao_form_defs[NBF__MAX];

/* Fills row from validated form values. */
void		 nianbao_row_from_form(const struct field_val *vals,
		    struct nianbao_row *row);

/* ---- Materials ---- */

#define NB_MAT_SHENBAOBIAO	"gongzi_shenbaobiao"	/* 盖章的申报表 */

/* ---- The business and its batch ---- */

extern const struct wf_business nianbao_business, txgz_business;
extern const struct batch_spec nianbao_batch, txgz_batch;

/* A 非统筹退休人员 registered at a unit (by the counter; the demo and
 * tests add them). */
struct txgz_retiree {
	int64_t		 unit_id;
	int64_t		 person_id;		/* 0: not on file */
	const char	*name;
	const char	*idno;
	const char	*sb_no;			/* "" */
	const char	*retire_date;		/* YYYY-MM-DD */
	const char	*category;		/* e.g. 机关事业单位退休 */
	int64_t		 wage_fen;		/* last declared, 0 */
	int		 wage_year;		/* its year, 0 */
};

/* Registers r inside the caller's transaction (or alone).  Returns 0
 * or -1 (also when the unit already has that 身份证号). */
int		 txgz_retiree_add(struct store *s,
		    const struct txgz_retiree *r);

/* Template columns, by index. */
enum nianbao_col {
	NBC_SB_NO,		/* NBC_SB_NO: 个人编号 */
	NBC_NAME,		/* NBC_NAME: 姓名 */
	NBC_SFZH,		/* NBC_SFZH: 身份证号 */
	NBC_WAGE,		/* NBC_WAGE: 上年度月平均工资(元) */
	NBC_REMARK,		/* NBC_REMARK: 备注 */
	NBC__MAX
};

#endif
