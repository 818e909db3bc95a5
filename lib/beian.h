/*
 * beian.h: 备案查询, a unit's employment registrations (用工备案管理 →
 * 备案查询) [SPEC §3; 001]: the list searched by 姓名, 身份证号, 合同编号,
 * status and 登记日期, a page at a time on an index in the list's own
 * order (migration 17), its count from the same index, one
 * registration's history (its 用工备案, 退工 and 撤销 tasks), and the
 * list as an .xlsx (the registration list a 注销 unit takes to the
 * counter).  Rows are struct employment (employment.h), only ever the
 * unit's own.
 */
#ifndef HALL_BEIAN_H
#define HALL_BEIAN_H

#include <stdint.h>
#include <time.h>

struct store;
struct employment;

#define BEIAN_PAGE_SIZE		50	/* registrations a page shows */
#define BEIAN_EXPORT_MAX	50000	/* rows one export may hold */

/* A search of the list.  Every field "" means "any". */
struct beian_filter {
	char	 name[64];		/* 姓名, exactly */
	char	 idno[19];		/* 身份证号, exactly (upper-case X) */
	char	 contract_no[64];	/* 合同编号, exactly */
	char	 status[16];		/* 在职, 已退工 or 已撤销 */
	char	 from[11];		/* 登记日期 on or after, YYYY-MM-DD */
	char	 to[11];		/* 登记日期 on or before, YYYY-MM-DD */
};

/* Whether status is one a registration can have (在职, 已退工, 已撤销). */
int		 beian_status_ok(const char *status);

/* Counts the registrations of unit_id that f selects into *n.  Returns
 * 0 or -1. */
int		 beian_count(struct store *s, int64_t unit_id,
		    const struct beian_filter *f, int64_t *n);

/* Calls fn for each of at most limit registrations of unit_id that f
 * selects, after skipping offset, newest 登记日期 first (then newest
 * id).  fn returns 0 to go on, non-zero to stop.  Returns how many fn
 * saw, or -1 on error. */
int		 beian_page(struct store *s, int64_t unit_id,
		    const struct beian_filter *f, int64_t offset, int limit,
		    int (*fn)(const struct employment *e, void *arg),
		    void *arg);

/* One task of a registration's history. */
struct beian_event {
	const char	*role;		/* "用工备案", "退工", "撤销" */
	int64_t		 task_id;
	char		 business[32];	/* tasks.business */
	char		 seq_no[32];	/* 业务顺序号 */
	const char	*state;		/* 未提交, 进行中, 结束, 退单 */
	int		 returned;	/* sent back (回退) */
	time_t		 at;		/* decided, else submitted, else
					 * created */
};

/* Calls fn for each task of registration e's history, in order: its
 * 用工备案 task (reg_task_id), its 退工 (end_task_id), and its 撤销 tasks
 * (beian_revoke_tasks).  Tasks of another unit than e's are never
 * shown.  Returns how many, or -1 on error. */
int		 beian_history(struct store *s, const struct employment *e,
		    void (*fn)(const struct beian_event *ev, void *arg),
		    void *arg);

/* Calls fn(task id) for each 撤销 task of registration e, oldest
 * first (cx_tasks_of_employment: pending, returned and the one that
 * revoked it), but not the 信息错误 撤销 that created e (its
 * reg_task_id).  Returns how many, or -1 on error. */
int		 beian_revoke_tasks(struct store *s, const struct employment *e,
		    int (*fn)(int64_t task_id, void *arg), void *arg);

/* Writes the registrations of unit_id that f selects, newest first,
 * as a one-sheet .xlsx (a header row, then one row each) to path,
 * streamed row by row (libxlsxwriter's constant_memory; its temporary
 * files in tmpdir).  Writes at most max_rows rows and sets *rows.
 * Returns 0 or -1. */
int		 beian_export(struct store *s, int64_t unit_id,
		    const struct beian_filter *f, const char *path,
		    const char *tmpdir, int64_t max_rows, int64_t *rows);

#endif
