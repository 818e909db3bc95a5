/*
 * feed.h: the feed an HR system polls (issue 13, seed 004): a unit's
 * persons with their 社保状态 (the unit's insurance row), 合同归属 (the
 * 用工备案 records, employments, with their contracts) and 离职进度
 * (where a departing person is between 减员 and 退工), each with the
 * change sequence of its last change.
 *
 * Decisions:
 * - person_changes (migration 34) holds one row per (unit, person),
 *   moved to a new, higher seq by SQLite triggers whenever a fact the
 *   feed shows changes (insurance, employments, persons, jianyuan and
 *   tuigong rows, the state of 减员/退工 tasks).  seq is AUTOINCREMENT:
 *   strictly increasing, never reused.  So "what changed since cursor
 *   C" is the unit's rows with seq > C, read in seq order by the index
 *   person_changes_unit a page at a time: no scan of the unit, let
 *   alone of the store, and a person appears once however often it
 *   changed.  The cursor to keep is the seq of the last row read.
 * - A row shows the person's state now (not the history): a client
 *   that missed nothing has every person's latest state.
 * - The feed is the unit's: a person shows in it when the unit has (or
 *   had) an insurance or employment row of that person.
 */
#ifndef HALL_FEED_H
#define HALL_FEED_H

#include <stdint.h>

struct store;

#define FEED_PER_PAGE	100	/* rows of a page unless limit= says */
#define FEED_MAX_PAGE	500	/* most rows of one page */
#define FEED_MAX_EMP	5	/* employments shown per person, newest first */

/* 离职进度: how far the person's departure from the unit has come. */
enum feed_stage {
	FEED_STAGE_NONE,	/* FEED_STAGE_NONE: none under way (在职 or never) */
	FEED_STAGE_JY_DRAFT,	/* FEED_STAGE_JY_DRAFT: 减员 saved, not submitted */
	FEED_STAGE_JY_PENDING,	/* FEED_STAGE_JY_PENDING: 减员 under review */
	FEED_STAGE_JY_DONE,	/* FEED_STAGE_JY_DONE: 减员 approved, no 退工 yet */
	FEED_STAGE_TG_DRAFT,	/* FEED_STAGE_TG_DRAFT: 退工 saved, not submitted */
	FEED_STAGE_TG_PENDING,	/* FEED_STAGE_TG_PENDING: 退工 under review */
	FEED_STAGE_TG_DONE,	/* FEED_STAGE_TG_DONE: 退工 approved: left */
	FEED_STAGE__MAX
};

/* Machine codes ("none", "jianyuan-draft", ...) and Chinese names, by
 * enum feed_stage. */
extern const char *const feed_stage_codes[FEED_STAGE__MAX];
extern const char *const feed_stage_names[FEED_STAGE__MAX];

/* One 用工备案 record (employments row). */
struct feed_emp {
	int64_t		 id;
	char		 contract_no[64];
	char		 reg_type[64];
	char		 start_date[11];
	char		 end_date[11];		/* "" 无固定期限 */
	char		 status[16];		/* 在职, 已退工, 已撤销 */
	char		 registered_at[11];
	char		 ended_at[11];
};

/* The latest 减员 or 退工 row of the person at the unit (task not 退单). */
struct feed_step {
	int64_t		 task_id;		/* 0: none */
	char		 seq_no[32];
	char		 state[16];		/* 未提交, 进行中, 结束 */
	int		 returned;
	char		 reason[64];
	char		 date[11];		/* 变更日期 / 退工日期 */
};

/* One person as the feed shows it. */
struct feed_person {
	int64_t		 seq;			/* its last change */
	int64_t		 person_id;
	char		 idno[24];
	char		 name[64];
	char		 sex[8];
	char		 birth[11];
	/* 社保状态: the unit's insurance row (has_ins 0: none). */
	int		 has_ins;
	char		 sb_no[32];
	char		 ins_status[16];	/* 参保缴费, 暂停缴费 */
	char		 start_month[8];
	char		 stop_month[8];
	char		 last_paid_month[8];
	int		 contrib_months;
	/* 合同归属 */
	struct feed_emp	 emp[FEED_MAX_EMP];
	int		 nemp;
	/* 离职进度 */
	struct feed_step jy, tg;
	enum feed_stage	 stage;
};

/* Called once per person of a page; p is valid only during the call. */
typedef void	(*feed_fn)(const struct feed_person *p, void *arg);

/* The stage of p from its facts: the latest 退工 decides when there is
 * one, else the latest 减员; either counts only when it is not older
 * than the person's current employment at the unit (a 退工 of an
 * earlier employment, before the person came back, is history).  The
 * latest employment in p->emp (emp[0]) is the current one when 在职.
 * Pure. */
enum feed_stage	 feed_stage_of(const struct feed_person *p);

/* Calls fn for the persons of unit_id changed after cursor since, in
 * change order, at most limit (1..FEED_MAX_PAGE) of them.  *next gets
 * the cursor to ask with next time (the seq of the last one, or since
 * when none), *more whether more rows follow.  Returns the number of
 * persons listed, or -1. */
int		 feed_page(struct store *s, int64_t unit_id, int64_t since,
		    int limit, feed_fn fn, void *arg, int64_t *next,
		    int *more);

/* The newest seq of unit_id (0 when none): a client that only wants
 * what changes from now on starts there.  Returns 0 or -1. */
int		 feed_head(struct store *s, int64_t unit_id, int64_t *head);

/* Loads person_id as the feed of unit_id shows it into out.  Returns
 * 0, 1 when the person is not in the unit's feed (another unit's, or
 * none), or -1. */
int		 feed_person(struct store *s, int64_t unit_id,
		    int64_t person_id, struct feed_person *out);

#endif
