/*
 * employment.h: a unit's employment registrations (用工备案 with its
 * 劳动合同), the record 用工备案 creates, 退工 ends and 撤销 revokes.
 * The businesses read and write the employments table through these
 * functions only.
 */
#ifndef HALL_EMPLOYMENT_H
#define HALL_EMPLOYMENT_H

#include <stdint.h>

struct store;

/* One employment registration, with its person's name and ID number. */
struct employment {
	int64_t		 id;
	int64_t		 person_id;
	int64_t		 unit_id;
	char		 idno[19];		/* the person's 身份证号 */
	char		 name[64];		/* the person's 姓名 */
	char		 reg_type[32];		/* 单位用工备案, 灵活就业登记 … */
	char		 contract_no[64];	/* 合同编号, unique */
	char		 start_date[11];	/* 合同起始日期 */
	char		 end_date[11];		/* 合同终止日期, "" 无固定期限 */
	char		 post[64];		/* 岗位 */
	char		 job_type[64];		/* 工种 */
	int64_t		 wage_fen;		/* 月工资 */
	char		 category[32];		/* 用工范围 */
	char		 work_form[16];		/* 全日制 / 非全日制 */
	char		 hire_date[11];		/* 用工之日 (start_date if none) */
	char		 status[16];		/* 在职 / 已退工 / 已撤销 */
	char		 registered_at[20];	/* when it was registered */
	char		 ended_at[11];		/* the employment's last day */
	int64_t		 end_task_id;		/* the 退工 that ended it, 0 */
	char		 reg_region[16];	/* 登记地, "" the unit's own */
	int64_t		 reg_task_id;		/* its 用工备案 task, 0 */
	int		 late;			/* registered after the deadline */
	int64_t		 revoke_task_id;	/* the 撤销 that revoked it, 0 */
	char		 revoked_at[20];	/* when, "" */
};

/* Loads registration id of unit_id into out.  Returns 0, 1 when there
 * is none or it is another unit's, -1 on error. */
int		 emp_load(struct store *s, int64_t unit_id, int64_t id,
		    struct employment *out);

/* Inserts e (its id, status and registered_at are ignored: a new
 * registration is 在职, registered now) and sets *id.  The caller holds
 * the transaction.  Returns 0 or -1. */
int		 emp_insert(struct store *s, const struct employment *e,
		    const char *now, int64_t *id);

/* Whether 合同编号 contract_no is taken by any registration.  Returns
 * 1, 0, or -1 on error. */
int		 emp_contract_taken(struct store *s, const char *contract_no);

/* Marks registration id of unit_id 已撤销 by task task_id at now, if it
 * is not already.  Returns 0, 1 when nothing changed, -1 on error. */
int		 emp_set_revoked(struct store *s, int64_t unit_id, int64_t id,
		    int64_t task_id, const char *now);

/* What the store says of the 在职 全日制 registrations of the person
 * with 身份证号 idno, for 用工备案's rule of one 全日制 unit at a time:
 * *here whether one is at unit_id (its 合同编号 into contract_no[48]),
 * *elsewhere whether one is at another unit (named nowhere).  Returns 0
 * or -1. */
int		 emp_fulltime(struct store *s, const char *idno,
		    int64_t unit_id, int *here, char contract_no[48],
		    int *elsewhere);


/* Whether person person_id has a registration (of any status) at a
 * unit other than unit_id: his 姓名 is then not one unit's to correct.
 * Returns 1, 0, or -1 on error. */
int		 emp_person_elsewhere(struct store *s, int64_t person_id,
		    int64_t unit_id);

/* Whether person_id (0: not on file) has a current (在职) registration
 * at unit_id: what 增员 asks where the region's policy requires one.
 * Returns 1, 0, or -1 on error. */
int		 emp_current_here(struct store *s, int64_t person_id,
		    int64_t unit_id);

#endif
