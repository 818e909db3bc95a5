/*
 * biangeng.c: 信息变更, applied at once with a change record per field.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "request.h"
#include "store.h"
#include "text.h"
#include "biangeng.h"

/*
 * The statements of 信息变更; their SQL is in bg_sql.  Those of one
 * field follow it, in bg_person_update and the like, keyed by the
 * field's enum.
 */
enum bg_stmt {
	BG_STMT_RECORD,		/* inserts a change record */
	BG_STMT_EMPLOYED,	/* whether a person is 在职 at a unit */
	BG_STMT_HISTORY,	/* a page of a unit's change records */
	BG_STMT_HISTORY_COUNT,	/* how many change records a unit has */
	BG_STMT_UNIT,		/* a unit's data as its form shows it */
	BG_STMT__MAX
};

/* The SQL of each statement, by enum bg_stmt. */
static const char *const bg_sql[BG_STMT__MAX] = {
	[BG_STMT_RECORD] =
	    "INSERT INTO change_records (unit_id, person_id, "
	    "field, old_value, new_value, account_id, at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7)", /* BG_STMT_RECORD */
	[BG_STMT_EMPLOYED] =
	    "SELECT 1 FROM employments WHERE person_id = ?1 "
	    "AND unit_id = ?2 AND status = '在职'", /* BG_STMT_EMPLOYED */
	[BG_STMT_HISTORY] =
	    "SELECT c.at, COALESCE(p.name, '单位信息'), c.field, "
	    "c.old_value, c.new_value, COALESCE(a.display_name, '') FROM "
	    "change_records c LEFT JOIN persons p ON p.id = c.person_id "
	    "LEFT JOIN accounts a ON a.id = c.account_id WHERE c.unit_id = ?1 "
	    "ORDER BY c.id DESC LIMIT ?2 OFFSET ?3", /* BG_STMT_HISTORY */
	[BG_STMT_HISTORY_COUNT] =
	    "SELECT COUNT(*) FROM change_records "
	    "WHERE unit_id = ?1", /* BG_STMT_HISTORY_COUNT */
	[BG_STMT_UNIT] =
	    "SELECT name, uscc, sb_code, contact, phone, fax, email, "
	    "postcode, address, legal_rep FROM units "
	    "WHERE id = ?1", /* BG_STMT_UNIT */
};

/* The update of each person field, by enum bg_person_field. */
static const char *const bg_person_update[BGP__MAX] = {
	"UPDATE persons SET nation = ?1 WHERE id = ?2", /* BGP_NATION */
	"UPDATE persons SET hukou_addr = ?1 WHERE id = ?2", /* BGP_HUKOU_ADDR */
	"UPDATE persons SET address = ?1 WHERE id = ?2", /* BGP_ADDRESS */
	"UPDATE persons SET mobile = ?1 WHERE id = ?2", /* BGP_MOBILE */
	"UPDATE persons SET postcode = ?1 WHERE id = ?2", /* BGP_POSTCODE */
	"UPDATE persons SET home_phone = ?1 WHERE id = ?2", /* BGP_HOME_PHONE */
	"UPDATE persons SET education = ?1 WHERE id = ?2", /* BGP_EDUCATION */
	"UPDATE persons SET marital = ?1 WHERE id = ?2", /* BGP_MARITAL */
	"UPDATE persons SET mail_addr = ?1 WHERE id = ?2", /* BGP_MAIL_ADDR */
};

/* The current value of each person field, by enum bg_person_field. */
static const char *const bg_person_select[BGP__MAX] = {
	"SELECT nation FROM persons WHERE id = ?1", /* BGP_NATION */
	"SELECT hukou_addr FROM persons WHERE id = ?1", /* BGP_HUKOU_ADDR */
	"SELECT address FROM persons WHERE id = ?1", /* BGP_ADDRESS */
	"SELECT mobile FROM persons WHERE id = ?1", /* BGP_MOBILE */
	"SELECT postcode FROM persons WHERE id = ?1", /* BGP_POSTCODE */
	"SELECT home_phone FROM persons WHERE id = ?1", /* BGP_HOME_PHONE */
	"SELECT education FROM persons WHERE id = ?1", /* BGP_EDUCATION */
	"SELECT marital FROM persons WHERE id = ?1", /* BGP_MARITAL */
	"SELECT mail_addr FROM persons WHERE id = ?1", /* BGP_MAIL_ADDR */
};

/* The update of each unit field, by enum bg_unit_field. */
static const char *const bg_unit_update[BGU__MAX] = {
	"UPDATE units SET contact = ?1 WHERE id = ?2", /* BGU_CONTACT */
	"UPDATE units SET phone = ?1 WHERE id = ?2", /* BGU_PHONE */
	"UPDATE units SET fax = ?1 WHERE id = ?2", /* BGU_FAX */
	"UPDATE units SET email = ?1 WHERE id = ?2", /* BGU_EMAIL */
	"UPDATE units SET postcode = ?1 WHERE id = ?2", /* BGU_POSTCODE */
	"UPDATE units SET address = ?1 WHERE id = ?2", /* BGU_ADDRESS */
};

/* The current value of each unit field, by enum bg_unit_field. */
static const char *const bg_unit_select[BGU__MAX] = {
	"SELECT contact FROM units WHERE id = ?1", /* BGU_CONTACT */
	"SELECT phone FROM units WHERE id = ?1", /* BGU_PHONE */
	"SELECT fax FROM units WHERE id = ?1", /* BGU_FAX */
	"SELECT email FROM units WHERE id = ?1", /* BGU_EMAIL */
	"SELECT postcode FROM units WHERE id = ?1", /* BGU_POSTCODE */
	"SELECT address FROM units WHERE id = ?1", /* BGU_ADDRESS */
};

const char *const bg_nations[] = { "汉族", "蒙古族", "回族", "藏族",
	"维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族",
	"瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "其他",
	NULL };
const char *const bg_educations[] = { "研究生", "大学本科", "大学专科",
	"中等专科", "技工学校", "高中", "初中", "小学", "其他", NULL };
const char *const bg_maritals[] = { "未婚", "已婚", "丧偶", "离婚",
	"未说明", NULL };

const struct field_def bg_person_defs[BGP__MAX] = {
	{ "nation", "民族", FIELD_CHOICE, 0, 0, bg_nations, 0, 0 }, /* BGP_NATION */
	{ "hukou_addr", "户口所在地", FIELD_TEXT, 0, 100, NULL, 0, 0 }, /* BGP_HUKOU_ADDR */
	{ "address", "常住地详细地址", FIELD_TEXT, 0, 100, NULL, 0, 0 }, /* BGP_ADDRESS */
	{ "mobile", "手机号码", FIELD_MOBILE, 0, 20, NULL, 0, 0 }, /* BGP_MOBILE */
	{ "postcode", "邮政编码", FIELD_POSTCODE, 0, 6, NULL, 0, 0 }, /* BGP_POSTCODE */
	{ "home_phone", "家庭电话", FIELD_PHONE, 0, 20, NULL, 0, 0 }, /* BGP_HOME_PHONE */
	{ "education", "文化程度", FIELD_CHOICE, 0, 0, bg_educations, 0, 0 }, /* BGP_EDUCATION */
	{ "marital", "婚姻状况", FIELD_CHOICE, 0, 0, bg_maritals, 0, 0 }, /* BGP_MARITAL */
	{ "mail_addr", "邮寄地址", FIELD_TEXT, 0, 100, NULL, 0, 0 }, /* BGP_MAIL_ADDR */
};

const struct field_def bg_unit_defs[BGU__MAX] = {
	{ "contact", "联系人", FIELD_TEXT, FIELD_REQUIRED, 20, NULL, 0, 0 }, /* BGU_CONTACT */
	{ "phone", "联系电话", FIELD_PHONE, FIELD_REQUIRED, 20, NULL, 0, 0 }, /* BGU_PHONE */
	{ "fax", "传真号码", FIELD_PHONE, 0, 20, NULL, 0, 0 }, /* BGU_FAX */
	{ "email", "邮箱地址", FIELD_TEXT, 0, 100, NULL, 0, 0 }, /* BGU_EMAIL */
	{ "postcode", "邮政编码", FIELD_POSTCODE, 0, 6, NULL, 0, 0 }, /* BGU_POSTCODE */
	{ "address", "单位地址", FIELD_TEXT, FIELD_REQUIRED, 100, NULL, 0, 0 }, /* BGU_ADDRESS */
};

const char *const bg_person_sensitive[] = { "name", "idno", "sfzh", "birth",
	"sex", NULL };
const char *const bg_unit_sensitive[] = { "name", "uscc", "legal_rep",
	"sb_code", NULL };

size_t
bg_refuse_sensitive(const struct req *r, const char *const *names,
    struct form_errors *errs)
{
	size_t	 n = 0;

	for (; *names != NULL; names++) {
		if (req_field(r, *names) == NULL)
			continue;
		form_error_add(errs, *names, "SENSITIVE",
		    "姓名、身份证号、出生日期等重点信息不能网上变更,"
		    "请携带相关材料到经办机构柜台办理");
		n++;
	}
	return n;
}

size_t
bg_check_unit(const struct field_val vals[BGU__MAX], struct form_errors *errs)
{
	const char	*e = vals[BGU_EMAIL].str, *at;

	if (!vals[BGU_EMAIL].present)
		return 0;
	at = strchr(e, '@');
	if (at == NULL || at == e || strchr(at + 1, '.') == NULL ||
	    strchr(at + 1, '@') != NULL || strpbrk(e, " <>\"'") != NULL) {
		form_error_add(errs, "email", "FORMAT", "邮箱地址格式不正确");
		return 1;
	}
	return 0;
}

/* Reads the current value of a column through a one-row select into
 * buf.  Returns 0 or -1. */
static int
current_value(struct store *s, const char *sql, int64_t id, char *buf,
    size_t bufsz)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, sql)) == NULL || store_bind_int(st, 1, id) != 0)
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		snprintf(buf, bufsz, "%s", store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* Records one change in change_records and the audit trail. */
static int
record_change(struct store *s, const struct actor *who, int64_t person_id,
    const char *label, const char *old, const char *new)
{
	struct store_stmt	*st;
	char		 detail[2048];
	char		 object[48];

	st = store_stmt(s, bg_sql[BG_STMT_RECORD]);
	if (st == NULL || store_bind_int(st, 1, who->unit_id) != 0 ||
	    (person_id > 0 ? store_bind_int(st, 2, person_id) :
	     store_bind_text(st, 2, NULL)) != 0 ||
	    store_bind_text(st, 3, label) != 0 ||
	    store_bind_text(st, 4, old) != 0 ||
	    store_bind_text(st, 5, new) != 0 ||
	    store_bind_int(st, 6, who->account_id) != 0 ||
	    store_bind_int(st, 7, (int64_t)clock_now()) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;

	snprintf(detail, sizeof(detail), "%s: %s -> %s", label, old, new);
	if (person_id > 0)
		snprintf(object, sizeof(object), "person:%lld",
		    (long long)person_id);
	else
		snprintf(object, sizeof(object), "unit:%lld",
		    (long long)who->unit_id);
	return audit_append(s, who, person_id > 0 ? "biangeng.person" :
	    "biangeng.unit", object, detail);
}

/* Whether person_id is 在职 at unit_id.  Returns 1, 0, or -1. */
static int
still_employed(struct store *s, int64_t unit_id, int64_t person_id)
{
	struct store_stmt	*st;
	int		 rc;

	st = store_stmt(s, bg_sql[BG_STMT_EMPLOYED]);
	if (st == NULL || store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	rc = store_step(st);
	store_reset(st);
	if (rc == STORE_ROW)
		return 1;
	return rc == STORE_DONE ? 0 : -1;
}

/* Changes the given fields of one row (person or unit) in a
 * transaction.  Returns the number changed or -1. */
static int
change_row(struct store *s, const struct actor *who, int64_t row_id,
    int64_t person_id, const struct field_def *defs,
    const char *const *selects, const char *const *updates, size_t n,
    const struct field_val *vals, const int *given)
{
	struct store_stmt	*st;
	char		 old[1024];
	size_t		 i;
	int		 changed = 0;

	if (store_begin(s) != 0)
		return -1;
	/* Under the write lock: the person must still be 在职 here. */
	if (person_id > 0 && still_employed(s, who->unit_id, person_id) != 1)
		goto fail;
	for (i = 0; i < n; i++) {
		if (!given[i])
			continue;
		if (current_value(s, selects[i], row_id, old, sizeof(old)) != 0)
			goto fail;
		if (strcmp(old, vals[i].str) == 0)
			continue;
		if ((st = store_stmt(s, updates[i])) == NULL ||
		    store_bind_text(st, 1, vals[i].str) != 0 ||
		    store_bind_int(st, 2, row_id) != 0 ||
		    store_exec_stmt(s, st) != 0)
			goto fail;
		if (record_change(s, who, person_id, defs[i].label, old,
		    vals[i].str) != 0)
			goto fail;
		changed++;
	}
	if (store_commit(s) != 0)
		return -1;
	return changed;
fail:
	store_rollback(s);
	return -1;
}

int
bg_person_change(struct store *s, const struct actor *who, int64_t person_id,
    const struct field_val vals[BGP__MAX], const int given[BGP__MAX])
{
	return change_row(s, who, person_id, person_id, bg_person_defs,
	    bg_person_select, bg_person_update, BGP__MAX, vals, given);
}

int
bg_unit_change(struct store *s, const struct actor *who,
    const struct field_val vals[BGU__MAX], const int given[BGU__MAX])
{
	return change_row(s, who, who->unit_id, 0, bg_unit_defs,
	    bg_unit_select, bg_unit_update, BGU__MAX, vals, given);
}

int
bg_record_count(struct store *s, int64_t unit_id, int64_t *n)
{
	struct store_stmt	*st;
	int		 rc;

	*n = 0;
	st = store_stmt(s, bg_sql[BG_STMT_HISTORY_COUNT]);
	if (st == NULL || store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		*n = store_col_int64(st, 0);
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

int
bg_records(struct store *s, int64_t unit_id, int64_t offset, int limit,
    void (*fn)(const struct bg_record *r, void *arg), void *arg)
{
	struct store_stmt		*st;
	struct bg_record	 r;
	int			 rc, n = 0;

	st = store_stmt(s, bg_sql[BG_STMT_HISTORY]);
	if (st == NULL || store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, limit) != 0 ||
	    store_bind_int(st, 3, offset) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&r, 0, sizeof(r));
		clock_fmt((time_t)store_col_int64(st, 0), r.at);
		snprintf(r.subject, sizeof(r.subject), "%s", store_col_text(st, 1));
		snprintf(r.field, sizeof(r.field), "%s", store_col_text(st, 2));
		snprintf(r.old_value, sizeof(r.old_value), "%s",
		    store_col_text(st, 3));
		snprintf(r.new_value, sizeof(r.new_value), "%s",
		    store_col_text(st, 4));
		snprintf(r.by, sizeof(r.by), "%s", store_col_text(st, 5));
		fn(&r, arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* Copies column i of st into dst[dstsz]. */
static void
bg_col(struct store_stmt *st, int i, char *dst, size_t dstsz)
{
	text_copy(dst, dstsz, store_col_text(st, i));
}

int
bg_unit_load(struct store *s, int64_t unit_id, struct bg_unit *u)
{
	struct store_stmt	*st;
	int		 rc;

	memset(u, 0, sizeof(*u));
	st = store_stmt(s, bg_sql[BG_STMT_UNIT]);
	if (st == NULL || store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		bg_col(st, 0, u->name, sizeof(u->name));
		bg_col(st, 1, u->uscc, sizeof(u->uscc));
		bg_col(st, 2, u->sb_code, sizeof(u->sb_code));
		bg_col(st, 3, u->contact, sizeof(u->contact));
		bg_col(st, 4, u->phone, sizeof(u->phone));
		bg_col(st, 5, u->fax, sizeof(u->fax));
		bg_col(st, 6, u->email, sizeof(u->email));
		bg_col(st, 7, u->postcode, sizeof(u->postcode));
		bg_col(st, 8, u->address, sizeof(u->address));
		bg_col(st, 9, u->legal_rep, sizeof(u->legal_rep));
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}
