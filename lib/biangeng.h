/*
 * biangeng.h: the rules of 信息变更 [002, 003]: 在职人员非敏感信息变更 and
 * 单位一般信息变更 take effect at once, without review, each changed
 * field leaving a change record and an audit row.  姓名, 身份证号,
 * 出生日期, 性别 of a person and the unit's 名称, 统一社会信用代码,
 * 法定代表人 are not changed online: the counter is the way.
 */
#ifndef HALL_BIANGENG_H
#define HALL_BIANGENG_H

#include <stdint.h>

#include "valid.h"

struct store;
struct actor;
struct req;

enum bg_person_field {
	BGP_NATION,	/* BGP_NATION: 民族 */
	BGP_HUKOU_ADDR,	/* BGP_HUKOU_ADDR: 户口所在地 */
	BGP_ADDRESS,	/* BGP_ADDRESS: 常住地详细地址 */
	BGP_MOBILE,	/* BGP_MOBILE: 手机号码 */
	BGP_POSTCODE,	/* BGP_POSTCODE: 邮政编码 */
	BGP_HOME_PHONE,	/* BGP_HOME_PHONE: 家庭电话 */
	BGP_EDUCATION,	/* BGP_EDUCATION: 文化程度 */
	BGP_MARITAL,	/* BGP_MARITAL: 婚姻状况 */
	BGP_MAIL_ADDR,	/* BGP_MAIL_ADDR: 邮寄地址 */
	BGP__MAX
};

enum bg_unit_field {
	BGU_CONTACT,	/* BGU_CONTACT: 联系人 */
	BGU_PHONE,	/* BGU_PHONE: 联系电话 */
	BGU_FAX,	/* BGU_FAX: 传真号码 */
	BGU_EMAIL,	/* BGU_EMAIL: 邮箱地址 */
	BGU_POSTCODE,	/* BGU_POSTCODE: 邮政编码 */
	BGU_ADDRESS,	/* BGU_ADDRESS: 单位地址 */
	BGU__MAX
};

/* The form fields, indexed by the enums above. */
extern const struct field_def bg_person_defs[BGP__MAX];
extern const struct field_def bg_unit_defs[BGU__MAX];

/* The options of the select fields, NULL-terminated. */
extern const char *const bg_nations[];
extern const char *const bg_educations[];
extern const char *const bg_maritals[];

/* Sensitive field names of a person and of a unit, NULL-terminated. */
extern const char *const bg_person_sensitive[];
extern const char *const bg_unit_sensitive[];

/* Adds an error for every sensitive field the request carries.
 * Returns the number of errors added. */
size_t		 bg_refuse_sensitive(const struct req *r,
		    const char *const *names, struct form_errors *errs);

/* Validates the unit fields beyond their type (e-mail shape).  Returns
 * the number of errors added. */
size_t		 bg_check_unit(const struct field_val vals[BGU__MAX],
		    struct form_errors *errs);

/* Changes the fields of person_id that the request carries (absent
 * fields stay as they are) in one transaction, recording each change.
 * given[i] says whether field i was in the request.  Returns the number
 * of fields changed, or -1. */
int		 bg_person_change(struct store *s, const struct actor *who,
		    int64_t person_id, const struct field_val vals[BGP__MAX],
		    const int given[BGP__MAX]);

/* The same for the unit of who. */
int		 bg_unit_change(struct store *s, const struct actor *who,
		    const struct field_val vals[BGU__MAX],
		    const int given[BGU__MAX]);

/* One change record. */
struct bg_record {
	char		 at[20];
	char		 subject[128];	/* person name or "单位信息" */
	char		 field[64];	/* Chinese label */
	char		 old_value[256];
	char		 new_value[256];
	char		 by[128];
};

/* Counts into *n the unit's change records.  Returns 0 or -1. */
int		 bg_record_count(struct store *s, int64_t unit_id, int64_t *n);

/* Calls fn for at most limit of the unit's change records, newest
 * first, from the offset-th on.  Returns the count or -1. */
int		 bg_records(struct store *s, int64_t unit_id, int64_t offset,
		    int limit, void (*fn)(const struct bg_record *r, void *arg),
		    void *arg);

/* A unit's data as 单位一般信息变更 shows it. */
struct bg_unit {
	char		 name[256];
	char		 uscc[32];
	char		 sb_code[32];
	char		 contact[128];
	char		 phone[64];
	char		 fax[64];
	char		 email[256];
	char		 postcode[16];
	char		 address[512];
	char		 legal_rep[128];
};

/* Loads unit unit_id into u.  Returns 0, 1 not found, or -1. */
int		 bg_unit_load(struct store *s, int64_t unit_id,
		    struct bg_unit *u);

#endif
