/*
 * workflow.h: the task (业务) workflow common to every business
 * [003 业务操作流程概述]:
 *   保存 -> 未提交 (待办, 回退标志 否)
 *   提交审批 -> 进行中 (已办); a VIP unit's task (any unit's, for a
 *               business with auto_review) is checked by the
 *               business's rules at once and ends (结束) or is refused
 *   审核通过 -> 结束: the business's effect applies in the same transaction
 *   回退     -> 未提交 with 回退标志 是 and a required 回退原因
 *   退单     -> 退单 (cancelled), only from 未提交
 * A task that is 结束 or 退单 never changes again.  wf_transition() is
 * the one function that moves a task; businesses plug in through
 * struct wf_business.
 */
#ifndef HALL_WORKFLOW_H
#define HALL_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct hdate;
struct store;
struct actor;
struct form_errors;
struct task;

/* 回退原因: at most this many characters once trimmed, and room for
 * them in UTF-8. */
#define WF_REASON_MAX_CHARS	200
#define WF_REASON_BYTES		(4 * WF_REASON_MAX_CHARS + 1)

enum task_state {
	TASK_DRAFT,	/* TASK_DRAFT: 未提交 */
	TASK_PENDING,	/* TASK_PENDING: 进行中 */
	TASK_DONE,	/* TASK_DONE: 结束 */
	TASK_CANCELLED,	/* TASK_CANCELLED: 退单 */
	TASK_STATE__MAX
};

/* Chinese names as stored in tasks.state, indexed by enum task_state. */
extern const char *const task_state_names[TASK_STATE__MAX];

enum wf_action {
	WF_SUBMIT,	/* WF_SUBMIT: 提交审批 */
	WF_APPROVE,	/* WF_APPROVE: 审核通过 (reviewer) */
	WF_REJECT,	/* WF_REJECT: 回退 (reviewer, reason required) */
	WF_CANCEL,	/* WF_CANCEL: 退单 (unit) */
	WF_ACTION__MAX
};

/* English names for the audit trail ("task.submit"), by enum wf_action. */
extern const char *const wf_action_names[WF_ACTION__MAX];

enum wf_result {
	WF_OK,		/* WF_OK */
	WF_NOTFOUND,	/* WF_NOTFOUND: no such task for this unit */
	WF_BADSTATE,	/* WF_BADSTATE: not allowed from the current state */
	WF_RULES,	/* WF_RULES: the business's check failed; see errs */
	WF_NEEDREASON,	/* WF_NEEDREASON: 回退原因 missing or bad; see errs */
	WF_ERROR,	/* WF_ERROR: store error (logged) */
	WF_IMPORTING,	/* WF_IMPORTING: its rows are still being imported */
	WF_RESULT__MAX
};

/* The most key facts a business shows per person beside 姓名 and
 * 身份证号 (退工: 退工原因, 退工日期, 合同; 减员: 减少原因, 变更日期,
 * 停缴月份). */
#define WF_ROW_FACTS	4

/* One person row of a task as the business describes it to the pages
 * that are not its own (the reviewer desk, receipts, the verify
 * page).  Strings are borrowed for the duration of the callback. */
struct wf_row {
	int		 row_no;	/* 0: the single form; 1..: batch rows */
	int64_t		 person_id;	/* 0: not on file */
	const char	*name;
	const char	*idno;
	size_t		 nfacts;
	const char	*label[WF_ROW_FACTS];	/* static, e.g. "退工日期" */
	const char	*value[WF_ROW_FACTS];
};

/* A receipt (printout) a business issues once a task is 结束. */
struct wf_receipt {
	const char	*kind;		/* receipts.kind and the /print/<kind> path */
	const char	*title;		/* 《退工登记证明》 */
	const char	*view;		/* the print.xsl template */
	const char	*prefix;	/* of its numbers ("TG"): one per kind, so
					 * two receipts of a task never share one */
};

/* Who issues a business's receipt kind (the PDF's foot, the seal over
 * its name): issue 14. */
struct wf_issuer {
	const char	*kind;		/* struct wf_receipt, kind */
	int		 employment;	/* 1: the 公共就业服务机构
					 * (HALL_ORG_EMPLOYMENT), 0: the 人社局
					 * (HALL_ORG) */
	const char	*seal;		/* the seal's words, "退工登记专用章" */
};

/* One entry of the menus (layout.xsl draws them from the registry). */
struct wf_menu {
	const char	*label;		/* 退工登记 */
	const char	*path;		/* /tuigong */
};

struct batch_spec;

/* What a business plugs into the workflow and into the pages that are
 * not its own.  No program outside the business names it: the home
 * page, the reviewer desk, the printouts, the verify page, the menus
 * and nginx ask the registry. */
struct wf_business {
	const char	*code;		/* tasks.business, e.g. "tuigong" */
	const char	*name;		/* "退工登记" */
	const char	*path;		/* where the unit opens a task: "/tuigong" */
	int		 review_days_min; /* 工作日 shown to the unit, e.g. 1 */
	int		 review_days_max; /* e.g. 3 */
	/* Checks the task's rules inside the open transaction, adding one
	 * error per broken rule to errs.  Returns 0 (look at errs) or -1
	 * on a store error.  May be NULL (no rules). */
	int		(*check)(struct store *s, int64_t task_id,
			    struct form_errors *errs);
	/* Applies the effect of approval inside the open transaction.
	 * Returns 0 or -1 (the transaction is then rolled back).  May be
	 * NULL. */
	int		(*apply)(struct store *s, int64_t task_id,
			    const struct actor *who);
	/* Describes the task for the reviewer desk and printouts: calls
	 * field(arg, label, value) once per fact, in order.  Returns 0 or
	 * -1.  May be NULL. */
	int		(*describe)(struct store *s, int64_t task_id,
			    void (*field)(void *arg, const char *label,
				const char *value), void *arg);
	/* The menu this business belongs to ("jiuye" 就业失业, "jiaofei"
	 * 缴费管理, "shebao" 社保登记, ...) and its entries, NULL-terminated
	 * by label. */
	const char	*category;
	const struct wf_menu *menu;
	/* Receipts it issues, NULL-terminated by kind; NULL for none. */
	const struct wf_receipt *receipts;
	/* The kind of its receipts that may be printed once the task is
	 * submitted (进行中), not only once it is 结束, e.g. 《撤销申请
	 * 回执》; NULL for none. */
	const char	*submit_receipt;
	/* Its batch (批量) import, or NULL. */
	const struct batch_spec *batch;
	/* Calls fn(arg, row) for each person row of task_id in row order;
	 * a non-zero return of fn stops the walk.  Returns the number of
	 * rows walked, or -1 on error. */
	int		(*rows)(struct store *s, int64_t task_id,
			    int (*fn)(void *arg, const struct wf_row *r),
			    void *arg);
	/* The number of rows of task_id into *n.  Returns 0 or -1. */
	int		(*row_count)(struct store *s, int64_t task_id,
			    int64_t *n);
	/* Deletes row row_no of task_id inside the caller's transaction.
	 * Returns 0, 1 when there is no such row, -1 on error. */
	int		(*row_delete)(struct store *s, int64_t task_id,
			    int row_no);
	/* Moves rows row_nos[0..n) of task_id to task to_task (same
	 * business and unit, keeping their row numbers) inside the
	 * caller's transaction: a reviewer's partial decision sends them
	 * back as a task of their own.  Returns 0, 1 when a row is not
	 * there, -1 on error. */
	int		(*rows_move)(struct store *s, int64_t task_id,
			    int64_t to_task, const int *row_nos, size_t n);
	/* Optional: as rows, but only the rows from the offset-th
	 * (0-based, in row order) on, at most limit of them, reading no
	 * others (e.g. LIMIT ?3 OFFSET ?2 over the (task_id, row_no)
	 * index).  When NULL, wf_rows_page() walks rows from the first
	 * and stops after the page. */
	int		(*rows_page)(struct store *s, int64_t task_id,
			    int offset, int limit,
			    int (*fn)(void *arg, const struct wf_row *r),
			    void *arg);
	/* 1: every unit's submit is checked by the rules at once, 普通
	 * too (结束 or refused, never 进行中: 个人工资变更); 0: a 普通
	 * unit's submit waits for a reviewer. */
	int		 auto_review;
	/* Optional: as rows, but only the rows of task_id whose person's
	 * 身份证号 is idno (already trimmed and upper-cased by
	 * wf_rows_find(); compare it as stored), in row order, through an
	 * index (e.g. (task_id, idno)), reading no other rows: the
	 * reviewer desk's search.  Returns the rows handed to fn, or -1.
	 * When NULL, wf_rows_find() walks rows and filters. */
	int		(*rows_find)(struct store *s, int64_t task_id,
			    const char *idno,
			    int (*fn)(void *arg, const struct wf_row *r),
			    void *arg);
	/* Optional: who issues its receipts, NULL-terminated by kind; a
	 * kind not listed (and 《综合业务处理单》) is the 人社局's
	 * (HALL_ORG) with its 业务专用章. */
	const struct wf_issuer *issuers;
	/* Optional: the key facts a receipt of this business certifies,
	 * as labels of its rows' facts (struct wf_row), NULL-terminated, in
	 * the order shown (退工: 退工日期, 退工原因): the public
	 * verification page shows them per person and the receipt's
	 * signature covers them (rsign.h).  NULL: name and ID only. */
	const char *const *receipt_facts;
};

/* Walks the person rows of task t through its business's rows hook
 * (nothing when the business has none).  Returns the count or -1. */
int		 wf_rows(struct store *s, const struct task *t,
		    int (*fn)(void *arg, const struct wf_row *r), void *arg);

/* Walks the person rows of task t from the offset-th (0-based) on, at
 * most limit of them: one page of the reviewer desk's persons table.
 * Returns the number handed to fn, or -1. */
int		 wf_rows_page(struct store *s, const struct task *t, int offset,
		    int limit, int (*fn)(void *arg, const struct wf_row *r),
		    void *arg);

/* Walks the person rows of task t whose 身份证号 is idno (trimmed of
 * white space, a final x upper-cased; empty or longer than 18 finds
 * nothing), through the business's rows_find hook when it has one,
 * else by walking every row: the reviewer desk's search.  Returns the
 * number handed to fn, or -1. */
int		 wf_rows_find(struct store *s, const struct task *t,
		    const char *idno,
		    int (*fn)(void *arg, const struct wf_row *r), void *arg);

/* Registers b (kept by pointer; use static storage).  A program
 * registers the businesses it acts on before its accept loop. */
void		 wf_register(const struct wf_business *b);

/* The registered business with that code, or NULL. */
const struct wf_business *wf_business(const char *code);

/* The i-th registered business (registration order), or NULL past the
 * last: for the menus, the print list and the reviewer desk. */
const struct wf_business *wf_business_at(size_t i);

/* One task as read from the store. */
struct task {
	int64_t		 id;
	char		 seq_no[32];	/* 业务顺序号 */
	char		 business[32];
	int64_t		 unit_id;
	enum task_state	 state;
	int		 returned;	/* 回退标志 */
	char		 return_reason[WF_REASON_BYTES];
	char		 summary[256];
	time_t		 created_at;
	time_t		 submitted_at;	/* 0 if never */
	time_t		 decided_at;	/* 0 if not 结束 */
	int64_t		 decided_by;	/* account id; 0 = 系统自动审核 */
	int		 overdue;	/* 逾期 flag set by the business */
	int		 was_returned;	/* rejected before (tasklist_queue only) */
};

/* Creates a task of business for unit in 未提交 inside the caller's
 * open transaction, with a new 业务顺序号.  dedup_key (may be NULL) is
 * the form's one-time token: a second call with the same key for the
 * same unit returns the first task's id and *created = 0 (keys are
 * per unit: another unit's equal key is another task).  Returns 0 or
 * -1. */
int		 wf_create(struct store *s, const char *business,
		    int64_t unit_id, const struct actor *who,
		    const char *summary, const char *dedup_key,
		    int64_t *task_id, int *created);

/* Loads task id.  unit_id > 0 restricts to that unit's tasks (a unit
 * asking for another unit's task gets 1, like a missing one).
 * Returns 0 found, 1 not found, -1 error. */
int		 wf_load(struct store *s, int64_t id, int64_t unit_id,
		    struct task *out);

/* Starts the save of a business's form inside the caller's open
 * transaction: a new task of business for who's unit (dedup_key the
 * form's one-time token), or task (still 未提交) with its new summary.
 * *id receives the task, *created whether one was made.  Returns 0, 1
 * when the same form was saved before (nothing to store), -1 on error
 * (also when task is no longer 未提交). */
int		 wf_save_draft(struct store *s, const char *business,
		    const struct actor *who, const struct task *task,
		    const char *summary, const char *dedup_key, int64_t *id,
		    int *created);

/* Whether the unit may still edit the task (未提交). */
int		 wf_editable(const struct task *t);

/* Writes who decided t into buf[bufsz]: 系统自动审核 (decided_by 0) or
 * the reviewer's display name, for the printouts.  Returns 0 or -1. */
int		 wf_decider_name(struct store *s, const struct task *t,
		    char *buf, size_t bufsz);

/* The day task_id was first submitted (提交审批), or today when it never
 * was, into *on: what a business measures its deadlines and bounds
 * from, so that a reviewer's delay or a 回退 does not change them.  A
 * task made of rows a partial decision sent back counts from the first
 * submission of the task they came from.  Returns 0 or -1. */
int		 wf_first_submitted(struct store *s, int64_t task_id,
		    struct hdate *on);

/* The one transition function.  Opens a BEGIN IMMEDIATE transaction
 * unless one is open, loads the task (restricted to who->unit_id when
 * that is > 0), checks the action is allowed from its state and by
 * whom, runs the business's check for WF_SUBMIT and WF_APPROVE, moves
 * the state, applies the effect on 结束, records a task event, writes
 * a message to the unit and an audit row, and commits.  A VIP unit's
 * submit that passes the rules ends at once (decided_by 0), and so
 * does any unit's of a business with auto_review.  After an
 * approval or a 回退, pkg_task_decided() (dabao.h: 打包快办) runs in the
 * same transaction; its failure fails the transition.  reason is
 * required for WF_REJECT: trimmed of white space (U+3000 included), it
 * must be valid UTF-8 text of 1 to WF_REASON_MAX_CHARS characters, else
 * WF_NEEDREASON with an error for the field "reason" in errs.  A
 * 未提交 task whose import job (batch.h) still runs is neither submitted
 * nor cancelled: WF_IMPORTING (409 IMPORTING, docs/HTTP.md).  errs
 * (may be NULL) receives rule failures. */
enum wf_result	 wf_transition(struct store *s, int64_t task_id,
		    enum wf_action act, const struct actor *who,
		    const char *reason, struct form_errors *errs);

/* One row a reviewer sends back in a partial decision, with its
 * 回退原因 (checked as wf_transition() checks a rejection's). */
struct wf_return {
	int		 row_no;
	const char	*reason;
};

/* The audit and task-event action of a partial decision. */
#define WF_PARTIAL_ACTION	"task.partial"

/* A reviewer's partial decision of a batch task_id (SPEC §10; 年度工资
 * 申报 [003]: 部分数据申报有误 -> 输入不通过原因 -> 通过和不通过数据全部
 * 提交), in one transaction (a savepoint inside the caller's): a new
 * task of the same business and unit is created in 未提交 with 回退标志
 * 是 and a 回退原因 naming the rows; rows[0..n) move to it through the
 * business's rows_move hook (keeping their row numbers) with their
 * persons' attachments, and each row's reason is kept in
 * task_row_returns; then task_id is approved with the rows that remain
 * (the business's check and effect over them, 结束), with task events,
 * messages to the unit and audit rows.  The new task's id goes to
 * *new_task_id.  Refused, changing nothing: WF_NOTFOUND; WF_BADSTATE
 * when the task is not 进行中, is a VIP unit's, or who is not a
 * reviewer; WF_RULES with errors for the field "row" when no row or
 * every row is chosen, a row is not the task's or is a single form
 * (row 0), a chosen person also has a row that stays, or the business
 * cannot move rows, and with the business's errors when the remaining
 * rows fail its check; WF_NEEDREASON with an error for each field
 * "reason_<row_no>" whose reason is bad. */
enum wf_result	 wf_partial(struct store *s, int64_t task_id,
		    const struct actor *who, const struct wf_return *rows,
		    size_t n, struct form_errors *errs, int64_t *new_task_id);

/* Chinese message for a result, e.g. "该业务已结束,不能再修改". */
const char	*wf_result_message(enum wf_result r);

#endif
