/*
 * jianyuan.h: 城镇职工减少 (减员 / 暂停缴费) [SPEC §4, 002, 003].
 *
 * A unit picks one or several of its 参保缴费 persons with one 减少原因
 * (停缴费, 退休, 死亡, 出国定居, 解除多重劳动关系(工伤)) and a 变更日期;
 * each person is judged by rules 1-11 of SPEC §4.  A rule answers
 * allowed, allowed with required materials (one of a set, per person),
 * or refused with a message.  The same evaluation serves the form
 * (保存), the business check at 提交 and at approval (over every row of
 * the task, so a VIP unit's automatic review applies them too), and
 * each row of 批量减员.
 *
 * The rules are pure functions over struct jy_facts, which
 * jy_facts_load() reads from the store and the regional policy
 * (retirement ages, 15 years, the 12-21..01-15 window), so they can be
 * tested by tables.
 *
 * Decisions where the seeds leave room (documented here once):
 *  - Rules 4-7 (proof that the employment ended) apply to the reason
 *    停缴费 only; the other reasons carry their own proof (rule 8), and
 *    退休 needs nothing [002 注意事项 8].
 *  - Rule 5's categories (公务员…, 事业编制, 合同制工人, 未确定用工范围,
 *    matched as prefixes; 合同制工人 is the 机关事业单位 category, not
 *    an enterprise's 合同制 职工, who fall under rule 4)
 *    replace rule 4 by 调令 / 任免文件 / 辞职辞退文件 (rule 4 speaks of
 *    "职工或编制外工作人员"); rule 7 (法人 without a new unit) replaces
 *    rule 4 for the unit's 法人; rule 6 (农籍工) asks rule 4's
 *    materials even when a 退工 or a new unit's 用工 exists.
 *  - Rule 2: insurance.multi_injury on the person's row here says the
 *    person has a 多重工伤关系 at another unit.  The approval of a
 *    解除多重劳动关系(工伤) 减员 at another unit clears it, unless a third
 *    unit still has the person 参保缴费 (which may be another such
 *    relationship), so the refusal is lifted online.
 *  - Rule 4 is waived only by a 退工 of the current job here (with an
 *    在职 用工, that one; without, one ending on or after the 参保 start)
 *    or by a 用工 elsewhere that began after the current job here; the
 *    法人 flag is the current job's.
 *  - Rule 1 takes the birth date in the 身份证号 when the stored one is
 *    malformed, and refuses 退休 when neither parses.
 *  - Rule 3: when the settlement period of the 变更日期 is already paid
 *    (insurance.last_paid_month >= that month) the 减员 is refused with
 *    「请下月办理」.
 *  - Rule 10 looks at the day the business is done (today): inside the
 *    window the declaration of the 缴费年度 that starts in the window's
 *    January must be done (wage_declarations.year).
 *  - 变更日期 is not in a later month than today, not before the
 *    person's 参保 start month, and not more than 12 months back (older
 *    ones go to the counter); a date with no retirement policy in force
 *    is refused, never an error.
 *  - A person already in another unfinished (未提交/进行中) 减员 task
 *    is refused.
 *  - On approval the contributions stop from the month after the
 *    变更日期 (insurance 暂停缴费, stop_month), in the same transaction.
 *  - 批量减员: each row carries its own 减少原因; rows needing
 *    materials are imported, and the materials are uploaded per person
 *    on the batch's task page before 提交 (the submit check demands
 *    them).  备注 is not stored (it stays in the failure list).
 */
#ifndef HALL_JIANYUAN_H
#define HALL_JIANYUAN_H

#include <stddef.h>
#include <stdint.h>

#include "valid.h"

struct store;
struct actor;
struct wf_business;
struct batch_spec;

enum jy_reason {
	JY_STOP,	/* JY_STOP: 停缴费 */
	JY_RETIRE,	/* JY_RETIRE: 退休 */
	JY_DEATH,	/* JY_DEATH: 死亡 */
	JY_EMIGRATE,	/* JY_EMIGRATE: 出国定居 */
	JY_MULTI,	/* JY_MULTI: 解除多重劳动关系(工伤) */
	JY_REASON__MAX
};

/* Chinese names (as stored in jianyuan.reason), by enum jy_reason,
 * NULL-terminated (a FIELD_CHOICE list). */
extern const char *const jy_reason_names[JY_REASON__MAX + 1];

/* The reason named s, or JY_REASON__MAX. */
enum jy_reason	 jy_reason_parse(const char *s);

enum jy_verdict {
	JY_ALLOWED,	/* JY_ALLOWED */
	JY_NEEDS,	/* JY_NEEDS: allowed once the materials are attached */
	JY_REFUSED,	/* JY_REFUSED */
	JY_VERDICT__MAX
};

#define JY_ONEOF_MAX	3	/* materials of one requirement */
#define JY_NEEDS_MAX	4	/* requirements of one person */

/* One requirement: one of codes[] (attach.h material codes) must be
 * attached for the person.  Static. */
struct jy_need {
	int		 rule;		/* 4..8 */
	const char	*words;		/* the rule's words, shown before upload */
	const char	*codes[JY_ONEOF_MAX + 1];	/* NULL-terminated */
};

/* What the rules said about one person. */
struct jy_outcome {
	enum jy_verdict	 verdict;
	int		 rule;		/* the refusing rule; 0 = not eligible at all */
	char		 code[48];	/* machine code of the refusal */
	char		 msg[256];	/* Chinese message of the refusal */
	const struct jy_need *needs[JY_NEEDS_MAX];	/* borrowed, static */
	size_t		 nneeds;
};

/* The retirement rule of one group (male, female_worker, female_cadre)
 * as the policy keys retire.<who>.* give it. */
struct jy_retire_rule {
	int		 base_age;	/* years before the reform */
	int		 target_age;	/* years it rises to (cap) */
	int		 step_months;	/* +1 month per N months of birth */
	struct hdate	 reform_from;	/* the reform starts (2025-01-01) */
};

/* Everything the rules look at for one person at one unit. */
struct jy_facts {
	int64_t		 person_id;
	char		 name[64];
	char		 idno[19];
	int		 male;
	int		 female_cadre;
	struct hdate	 birth;
	/* insurance at this unit */
	int64_t		 insurance_id;	/* 0: never insured here */
	int		 paying;	/* status 参保缴费 */
	struct hdate	 start_month;	/* day 0 */
	struct hdate	 last_paid;	/* day 0; year 0 = nothing paid */
	int		 contrib_months;
	int		 multi_injury;
	/* employment */
	int64_t		 employment_id;	/* current 用工 here (latest 在职,
					 * else latest); 0 none */
	int		 employed;	/* that 用工 is 在职 */
	char		 job_start[11];	/* its start_date, "" none */
	char		 category[64];	/* its 用工范围 */
	int		 legal_rep;	/* its 法人 flag */
	int		 has_tuigong;	/* a 退工 here ending the current job */
	int		 has_new_unit;	/* 在职 用工 at another unit started
					 * after the current job here */
	int		 arrears;	/* unsettled arrears rows at this unit */
	int64_t		 arrears_fen;	/* their recorded amount (arrears.h) */
	char		 arrears_first[8]; /* earliest month owed, "YYYY-MM" */
	char		 arrears_last[8];  /* latest month owed */
	char		 pending_seq[32]; /* another unfinished 减员 task, or "" */
	/* the unit and the period */
	int		 assessed;	/* 应收核定 done for the 变更日期's month */
	int		 in_window;	/* today in the 12-21..01-15 window */
	int		 declared;	/* that window's annual declaration done */
	char		 window_from[8], window_to[8];	/* "MM-DD" */
	/* policy */
	int		 no_policy;	/* no retirement policy for the 变更日期 */
	int		 retire_age_months;	/* legal age of this person */
	int		 min_contrib_months;	/* 15 years = 180 */
	struct hdate	 today;
};

/* The legal retirement age in months of a person born in birth's
 * month under rule r: base age for births before the reform's first
 * birth month (reform_from minus base age), then +1 month per
 * step_months months of birth, capped at target age. */
int		 jy_retire_age_calc(const struct jy_retire_rule *r,
		    const struct hdate *birth);

/* Reads the rule of a man (male), woman cadre or woman worker from the
 * policy of region in force on on (NULL: today).  Returns 0, 1 when no
 * rule is in force on that date, or -1 (error, or a malformed value). */
int		 jy_retire_rule_load(struct store *s, const char *region,
		    int male, int female_cadre, const struct hdate *on,
		    struct jy_retire_rule *out);

/* How far back a 变更日期 may lie, in months before today's month;
 * older 减员 are done at the office's counter. */
#define JY_CHANGE_BACK_MONTHS	12

/* Whether change is a 变更日期 the hall accepts on today: not later
 * than today's month, not earlier than JY_CHANGE_BACK_MONTHS months
 * before it.  When not, writes a Chinese message into msg[msgsz] (msg
 * may be NULL).  Returns 1 or 0. */
int		 jy_change_date_ok(const struct hdate *change,
		    const struct hdate *today, char *msg, size_t msgsz);

/* Fills f for person_id at unit_id on change (the 变更日期) and today,
 * exclude_task being the task under check (0 none) for the
 * unfinished-task rule.  Returns 0, 1 when the person is unknown, -1
 * on error. */
int		 jy_facts_load(struct store *s, int64_t unit_id,
		    int64_t person_id, const struct hdate *change,
		    const struct hdate *today, int64_t exclude_task,
		    struct jy_facts *f);

/* The rules, each on facts f for reason r and 变更日期 change: returns
 * JY_ALLOWED, JY_NEEDS (adding to o->needs) or JY_REFUSED (filling
 * o->rule, code and msg).  o must be zeroed by the caller. */
enum jy_verdict	 jy_rule_eligible(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule1_retire(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule2_multi_injury(const struct jy_facts *f,
		    enum jy_reason r, const struct hdate *change,
		    struct jy_outcome *o);
enum jy_verdict	 jy_rule3_paid(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule4_proof(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule5_bianzhi(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule6_nongji(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule7_faren(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule8_reason(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule9_assessed(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);
enum jy_verdict	 jy_rule10_declaration(const struct jy_facts *f,
		    enum jy_reason r, const struct hdate *change,
		    struct jy_outcome *o);
enum jy_verdict	 jy_rule11_arrears(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);

/* Runs every rule: the first refusal wins, else the union of the
 * requirements.  Fills o (zeroed here) and returns its verdict. */
enum jy_verdict	 jy_evaluate(const struct jy_facts *f, enum jy_reason r,
		    const struct hdate *change, struct jy_outcome *o);

/* Loads the facts and evaluates in one call.  Returns 0 (see o; an
 * unknown person is refused), -1 on error. */
int		 jy_judge(struct store *s, int64_t unit_id, int64_t person_id,
		    enum jy_reason r, const struct hdate *change,
		    const struct hdate *today, int64_t exclude_task,
		    struct jy_facts *f, struct jy_outcome *o);

/* Whether every requirement of o is met by the attachments of task_id
 * for person_id.  Writes the first unmet one as a message into
 * msg[msgsz] (may be NULL).  Returns 1 met, 0 not, -1 error. */
int		 jy_needs_met(struct store *s, int64_t task_id,
		    int64_t person_id, const struct jy_outcome *o, char *msg,
		    size_t msgsz);

/* Whether code is one of the materials any rule of 减员 asks for. */
int		 jy_material_known(const char *code);

/* The first month not paid: the month after change (day 0). */
void		 jy_stop_month(const struct hdate *change, struct hdate *out);

/* Saves a new 未提交 task of unit who->unit_id reducing persons
 * pids[0..n) (duplicates ignored) for reason r on change, dedup_key
 * being the form's one-time token.  When a person is refused, nothing
 * is stored and errs names each refused person and why.  Returns 0
 * saved (*task_id), 2 the same form saved before (dedup_key: its task
 * in *task_id), 1 refused (errs), -1 error. */
int		 jy_save(struct store *s, const struct actor *who,
		    enum jy_reason r, const struct hdate *change,
		    const int64_t *pids, size_t n, const char *dedup_key,
		    int64_t *task_id, struct form_errors *errs);

/* One detail row of a 减员 task. */
struct jy_row {
	int64_t		 id;
	int		 row_no;
	int64_t		 person_id;
	int64_t		 insurance_id;
	char		 name[64];
	char		 idno[19];
	char		 sb_no[32];
	char		 reason[64];
	char		 change_date[11];
	char		 stop_month[8];
};

/* Calls fn for each row of task_id in row order.  Returns the count or
 * -1. */
int		 jy_rows(struct store *s, int64_t task_id,
		    void (*fn)(const struct jy_row *row, void *arg), void *arg);

/* The person's latest 减员 at unit_id that was not withdrawn (退单),
 * as the other businesses ask it (退工's timeline). */
struct jy_reduction {
	int64_t		 task_id;
	char		 seq_no[32];
	char		 state[16];
	char		 change_date[11];
	char		 stop_month[8];
	char		 reason[64];
};

/* Fills out with person_id's latest 减员 at unit_id.  Returns 1 found,
 * 0 none (out zeroed), -1 error. */
int		 jy_person_reduction(struct store *s, int64_t unit_id,
		    int64_t person_id, struct jy_reduction *out);

/* Loads the row of person_id in task_id into out.  Returns 0, 1 when
 * the person is not a row of the task, -1 on error. */
int		 jy_row_of(struct store *s, int64_t task_id, int64_t person_id,
		    struct jy_row *out);

/* The rules over every row of task_id, read-only and without the
 * materials: what a draft's page lists as its problems.  Adds one error
 * per refused person (field pid-N).  Returns 0 or -1. */
int		 jy_lint(struct store *s, int64_t task_id,
		    struct form_errors *errs);

/* The rules of SPEC §4 that may name the materials of a 停缴费 for a
 * person of 用工范围 category (and the unit's 法人 when legal_rep), as
 * the rules judge them: 5 alone for 公务员…, 事业编制…, 合同制工人 and
 * 未确定用工范围 (prefixes); else 6 for 农籍工 and 7 for a 法人; else 4
 * (an enterprise's 合同制 职工).  Rules 4 and 7 ask only when no 退工 /
 * new unit's 用工 matches.  Fills rules[] and returns their count (1
 * or 2). */
size_t		 jy_material_rules(const char *category, int legal_rep,
		    int rules[2]);

/* 《企业参保人员减员表》 of task_id as .xlsx bytes into *out (malloc'd,
 * caller frees).  Returns 0 or -1. */
int		 jy_table_xlsx(struct store *s, int64_t task_id,
		    unsigned char **out, size_t *outsz);

/* The business for the workflow, and the batch for batch.h. */
extern const struct wf_business jianyuan_business;
extern const struct batch_spec jianyuan_batch;

#endif
