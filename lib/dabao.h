/*
 * dabao.h: 打包快办, one form for the tasks of one person's 入职
 * (用工备案 + 增员) or 离职 (减员 + 退工) [SPEC §5, §11; seeds 002, 004].
 * Not a business: a package is a row of packages with its steps in
 * package_steps, each step a task of a business saved by that business's
 * own save function (its own 业务顺序号, rules and materials).
 *
 * Decisions:
 * - The hall runs the steps in the order the region requires: a later
 *   step waits (hold 等待) 未提交 and the hall submits it, as the system
 *   acting for the unit, in the transaction that approves the step
 *   before it (pkg_task_decided(), called by the workflow after every
 *   decision).  离职 is ordered where tuigong.require_jianyuan_first is
 *   1 (else both are submitted at once); 入职 always is, 增员 needing
 *   the registration the 用工备案 makes.
 * - A step sent back holds the steps after it (暂缓) and tells the clerk
 *   (消息中心); a step the hall could not submit (its own check refused,
 *   e.g. a material missing) keeps the reason (未通过) and tells the
 *   clerk.  Nothing waits without the package saying why.
 * - The package's state is derived from its steps' tasks each time it
 *   is read (pkg_state_of), and stored for the record only.
 * - The businesses' save functions each open their own transaction, so
 *   a package is saved step by step, each with a dedup key made from the
 *   form's one-time token: the same form posted again (or after a crash
 *   between steps) finds the tasks already made and completes the
 *   package.  A later step refused at save withdraws (退单) the earlier;
 *   so does a package that could not be created (no step is left in 待办
 *   without its package).  A refused form comes back with a fresh token,
 *   and a step key naming a withdrawn task or another business's is
 *   refused (PKG_TOKEN_USED), so no package is born 已退单.
 */
#ifndef HALL_DABAO_H
#define HALL_DABAO_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "valid.h"
#include "workflow.h"

struct store;
struct actor;
struct form_errors;
struct tuigong_row;

enum pkg_kind {
	PKG_RUZHI,	/* PKG_RUZHI: 入职 (用工备案 + 增员) */
	PKG_LIZHI,	/* PKG_LIZHI: 离职 (减员 + 退工) */
	PKG_KIND__MAX
};

/* "入职", "离职" (packages.kind), by enum pkg_kind. */
extern const char *const pkg_kind_names[PKG_KIND__MAX];

/* "入职打包", "离职打包", by enum pkg_kind. */
extern const char *const pkg_kind_titles[PKG_KIND__MAX];

enum pkg_state {
	PKG_DRAFT,	/* PKG_DRAFT: 未提交 */
	PKG_RUNNING,	/* PKG_RUNNING: 办理中 */
	PKG_ACTION,	/* PKG_ACTION: 待处理 (the clerk must act) */
	PKG_DONE,	/* PKG_DONE: 已办结 */
	PKG_CANCELLED,	/* PKG_CANCELLED: 已退单 */
	PKG_STATE__MAX
};

/* Chinese names by enum pkg_state. */
extern const char *const pkg_state_names[PKG_STATE__MAX];

enum pkg_hold {
	PKG_HOLD_NONE,		/* PKG_HOLD_NONE: follows its task */
	PKG_HOLD_WAITING,	/* PKG_HOLD_WAITING: 等待 the step before */
	PKG_HOLD_HELD,		/* PKG_HOLD_HELD: 暂缓, the step before sent back */
	PKG_HOLD_REFUSED,	/* PKG_HOLD_REFUSED: 未通过, the hall's submit refused */
	PKG_HOLD__MAX
};

/* As stored in package_steps.hold, by enum pkg_hold. */
extern const char *const pkg_hold_names[PKG_HOLD__MAX];

#define PKG_MAX_STEPS	4

/* One step with its task as it stands. */
struct pkg_step {
	int		 step_no;		/* 1.. */
	char		 business[32];
	int64_t		 task_id;
	enum pkg_hold	 hold;
	char		 note[512];
	struct task	 task;			/* loaded with the package; zero
						 * (未提交) when task_id is 0 */
};

/* One package. */
struct pkg {
	int64_t		 id;
	int64_t		 unit_id;
	enum pkg_kind	 kind;
	int64_t		 person_id;		/* 0: not on file yet */
	char		 idno[19];
	char		 name[64];
	time_t		 created_at;
	enum pkg_state	 state;			/* derived on load */
	size_t		 nsteps;
	struct pkg_step	 steps[PKG_MAX_STEPS];
};

/* One step's facts as pkg_state_of() reads them. */
struct pkg_step_facts {
	enum task_state	 tstate;
	int		 returned;
	enum pkg_hold	 hold;
};

/* The state of a package of steps f[0..n): 已退单 when a step was
 * withdrawn, 已办结 when all ended, 待处理 when a step waits for the
 * clerk (sent back, refused by the hall, or a draft nobody will
 * submit), 办理中 when one is under review or waits for the one before
 * it, else 未提交. */
enum pkg_state	 pkg_state_of(const struct pkg_step_facts *f, size_t n);

/* Whether kind's steps run one after the other for unit_id now: 入职
 * always, 离职 where the region's tuigong.require_jianyuan_first is 1.
 * Returns 1, 0 or -1. */
int		 pkg_ordered(struct store *s, int64_t unit_id,
		    enum pkg_kind kind);

/* Creates the package of kind for who's unit with its steps (business
 * codes and tasks, in order) in one transaction of its own; the same
 * dedup_key again (the form's one-time token) returns the first one
 * (*created 0) and adds the steps it lacks.  Returns 0 or -1. */
int		 pkg_create(struct store *s, const struct actor *who,
		    enum pkg_kind kind, int64_t person_id, const char *idno,
		    const char *name, const char *dedup_key,
		    const char *const *business, const int64_t *task_ids,
		    size_t nsteps, int64_t *pkg_id, int *created);

/* What a reviewer's queue row says of its task's package. */
struct pkg_mark {
	int64_t		 pkg_id;
	int		 step_no;
	enum pkg_kind	 kind;
	int		 nsteps;
};

/* The package of task_id, its step and size into *m, in one indexed
 * query (package_steps(task_id)).  Returns 1 found, 0 in no package,
 * -1 error. */
int		 pkg_mark_of_task(struct store *s, int64_t task_id,
		    struct pkg_mark *m);

/* Loads package id with its steps and their tasks; unit_id > 0
 * restricts it to that unit's (another unit's is 1, as none).  Returns
 * 0, 1 not found, -1 error. */
int		 pkg_load(struct store *s, int64_t id, int64_t unit_id,
		    struct pkg *out);

/* The package and step of task_id (one lookup on package_steps'
 * task index) into *pkg_id and *step_no.  Returns 1 found, 0 none, -1
 * error. */
int		 pkg_of_task(struct store *s, int64_t task_id, int64_t *pkg_id,
		    int *step_no);

/* The clerk's 提交 of package id of who's unit, in one transaction:
 * submits (wf_transition, as who) each 未提交 step the order allows
 * now, the later ones marked 等待 for the hall.  A step's rules
 * refusing refuses the whole (nothing submitted), its errors in errs
 * prefixed with the business's name.  Returns 0 submitted, 1 not found,
 * 2 refused (errs), 3 nothing to submit, -1 error. */
int		 pkg_submit(struct store *s, const struct actor *who,
		    int64_t id, struct form_errors *errs);

/* 整包退单: withdraws (退单, as who) every 未提交 step of package id of
 * who's unit in one transaction, so that no step of a package given up
 * is left waiting in 待办.  Returns 0, 1 not found, 3 nothing to
 * withdraw, -1 error. */
int		 pkg_cancel(struct store *s, const struct actor *who,
		    int64_t id);

/* Called by the workflow inside the transaction that decided task t
 * (approved: 结束, else sent back: 回退): does nothing for a task in no
 * package.  Approved: submits the next step when it waits (as the
 * system acting for the unit); its refusal is kept on the step and
 * told to the clerk.  Sent back: the steps after it are held and the
 * clerk is told.  Returns 0, or -1 (the decision is then rolled
 * back). */
int		 pkg_task_decided(struct store *s, const struct task *t,
		    int approved);

/* The number of unit_id's packages (a kept count).  Returns 0 or -1. */
int		 pkg_count(struct store *s, int64_t unit_id, int64_t *n);

/* Calls fn for unit_id's packages [offset, offset + limit), newest
 * first.  Returns the number listed or -1. */
int		 pkg_list(struct store *s, int64_t unit_id, int offset,
		    int limit, void (*fn)(const struct pkg *p, void *arg),
		    void *arg);

/* The timeline's line of one package: its kind, day, state and steps
 * in words.  Strings valid during the callback. */
struct pkg_line {
	int64_t		 pkg_id;
	int64_t		 first_task;	/* the first step's task */
	const char	*title;		/* 入职打包 / 离职打包 */
	char		 date[11];
	const char	*state;
	char		 detail[160];	/* 减员 结束 → 退工 进行中 */
};

#define PKG_TIMELINE_MAX	2

/* Calls fn for the latest PKG_TIMELINE_MAX packages of the person with
 * 身份证号 idno at unit_id, newest first (for the employee's
 * timeline).  Returns the number or -1. */
int		 pkg_person_lines(struct store *s, int64_t unit_id,
		    const char *idno,
		    void (*fn)(const struct pkg_line *l, void *arg),
		    void *arg);

/* The name of the business of code (its registered name), or code. */
const char	*pkg_business_name(const char *code);

/* ---- Saving a package from the businesses' own save functions ---- */

/* What the 离职打包 form gives: the person (of the unit, 参保缴费 here)
 * and the 减员's and the 退工's own fields. */
struct pkg_lizhi {
	int64_t		 person_id;
	int		 jy_reason;		/* enum jy_reason */
	struct hdate	 change;		/* 变更日期 */
	struct tuigong_row *tg;			/* the form's row, facts applied */
};

/* The step keys a package's form token key ("pk:<hex>") gives each
 * step (the step's business's dedup key): "pk1:<hex>", "pk2:<hex>"
 * into out[48].  NULL (no token): NULL. */
const char	*pkg_step_key(const char *key, int step_no, char out[48]);

/* Saves a 离职打包 of who's unit: the 减员 by jy_save, the 退工 by
 * tuigong_save, then the package, each step with its key from key (the
 * form's one-time token: the same form twice makes one package).  A
 * step refused: nothing is left (a 减员 made by this call is withdrawn),
 * errs says why.  A token whose step was withdrawn (退单) or names a
 * task of another business is refused (PKG_TOKEN_USED): a refused form
 * comes back with a fresh token.  Returns 0 saved (*created: a new
 * package), 1 refused, -1 error (the package could not be made: the
 * steps this call made are withdrawn, none is left without it). */
int		 pkg_save_lizhi(struct store *s, const struct actor *who,
		    const struct pkg_lizhi *in, const char *key,
		    int64_t *pkg_id, int *created, struct form_errors *errs);

struct yonggong_row;
struct zengyuan_row;

/* What the 入职打包 form gives: the 用工备案's row and the 增员's row. */
struct pkg_ruzhi {
	struct yonggong_row *yg;
	struct zengyuan_row *zy;
};

/* Saves a 入职打包 of who's unit: the 增员's rules checked first
 * (read-only), then the 用工备案 by yonggong_save and the 增员 by
 * zengyuan_save (which takes the unfinished 用工备案 as the
 * registration to come), then the package.  A refusal of the 增员
 * withdraws the 用工备案 this call made.  The same form again while the
 * first is still saving (a double click) answers the first's package:
 * when the rules refuse, the package and the steps of key are looked
 * for again and taken when there.  Keys as pkg_save_lizhi().  Returns
 * 0 saved, 1 refused (errs), -1 error (the steps this call made are
 * withdrawn). */
int		 pkg_save_ruzhi(struct store *s, const struct actor *who,
		    const struct pkg_ruzhi *in, const char *key,
		    int64_t *pkg_id, int *created, struct form_errors *errs);

#endif
