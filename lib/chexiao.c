/*
 * chexiao.c: 撤销 rules, its row, the workflow business; see chexiao.h
 * for the decisions.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attach.h"
#include "audit.h"
#include "chexiao.h"
#include "clock.h"
#include "employment.h"
#include "jianyuan.h"
#include "log.h"
#include "policy.h"
#include "rows.h"
#include "store.h"
#include "text.h"
#include "tuigong.h"

#define CX_COLUMNS "id, task_id, employment_id, COALESCE(person_id, 0), " \
	"name, idno, reason, explanation, handler_is_rep, handler_name, " \
	"handler_phone, fix_name, fix_contract_no, fix_start, fix_end, " \
	"fix_post, fix_job_type, fix_wage_fen, fix_work_form, " \
	"COALESCE(new_employment_id, 0), late"

/* The statements of this module; their SQL is in cx_sql. */
enum cx_stmt {
	CX_STMT_UNIT,		/* a unit's region and status */
	CX_STMT_PENDING,	/* another unfinished 撤销 of a registration */
	CX_STMT_INSURED,	/* the person is 参保缴费 at the unit */
	CX_STMT_ROW_LOAD,	/* the row of a task */
	CX_STMT_ROW_SAVE,	/* inserts or replaces it */
	CX_STMT_SUMMARY,	/* a draft's summary */
	CX_STMT_OVERDUE,	/* the row's and the task's 逾期 */
	CX_STMT_TASK_OVERDUE,	/* the task's 逾期 */
	CX_STMT_NEW_EMP,	/* the corrected registration of a row */
	CX_STMT_RENAME,		/* a corrected 姓名 */
	CX_STMT_CONTRACT,	/* frees the revoked one's 合同编号 */
	CX_STMT_MESSAGE,	/* a message to the unit */
	CX_STMT_LOOKUP,		/* a task by 业务顺序号 */
	CX_STMT_OF_EMP,		/* the 撤销 tasks of a registration */
	CX_STMT_WF_ROWS,	/* the row for the workflow */
	CX_STMT_WF_ROWS_PAGE,	/* a page of it */
	CX_STMT_ROW_COUNT,	/* how many rows */
	CX_STMT__MAX
};

static const char *const cx_sql[CX_STMT__MAX] = {
	[CX_STMT_UNIT] =
	    "SELECT region, status FROM units WHERE id = ?1",
	[CX_STMT_PENDING] =
	    "SELECT t.id, t.seq_no FROM chexiao c JOIN tasks t ON "
	    "t.id = c.task_id WHERE c.employment_id = ?1 AND t.id != ?2 AND "
	    "t.state IN ('未提交', '进行中') ORDER BY c.task_id LIMIT 1",
	[CX_STMT_INSURED] =
	    "SELECT EXISTS (SELECT 1 FROM insurance WHERE person_id = ?1 AND "
	    "unit_id = ?2 AND status = '参保缴费')",
	[CX_STMT_ROW_LOAD] =
	    "SELECT " CX_COLUMNS " FROM chexiao WHERE task_id = ?1 AND "
	    "row_no = 0",
	[CX_STMT_ROW_SAVE] =
	    "INSERT INTO chexiao (task_id, row_no, employment_id, person_id, "
	    "name, idno, reason, explanation, handler_is_rep, handler_name, "
	    "handler_phone, fix_name, fix_contract_no, fix_start, fix_end, "
	    "fix_post, fix_job_type, fix_wage_fen, fix_work_form, late) "
	    "VALUES (?1, 0, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) "
	    "ON CONFLICT (task_id, row_no) DO UPDATE SET "
	    "employment_id = ?2, person_id = NULLIF(?3, 0), name = ?4, "
	    "idno = ?5, reason = ?6, explanation = ?7, handler_is_rep = ?8, "
	    "handler_name = ?9, handler_phone = ?10, fix_name = ?11, "
	    "fix_contract_no = ?12, fix_start = ?13, fix_end = ?14, "
	    "fix_post = ?15, fix_job_type = ?16, fix_wage_fen = ?17, "
	    "fix_work_form = ?18, late = ?19",
	[CX_STMT_SUMMARY] =
	    "UPDATE tasks SET summary = ?1, updated_at = ?2 WHERE id = ?3 "
	    "AND state = '未提交'",
	[CX_STMT_OVERDUE] =
	    "UPDATE chexiao SET late = ?1 WHERE task_id = ?2",
	[CX_STMT_TASK_OVERDUE] =
	    "UPDATE tasks SET overdue = ?1 WHERE id = ?2",
	[CX_STMT_NEW_EMP] =
	    "UPDATE chexiao SET new_employment_id = ?1 WHERE task_id = ?2",
	[CX_STMT_RENAME] =
	    "UPDATE persons SET name = ?1 WHERE id = ?2",
	[CX_STMT_CONTRACT] =
	    "UPDATE employments SET contract_no = ?1 WHERE id = ?2 AND "
	    "unit_id = ?3",
	[CX_STMT_MESSAGE] =
	    "INSERT INTO messages (unit_id, task_id, at, title, body) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[CX_STMT_LOOKUP] =
	    "SELECT id FROM tasks WHERE seq_no = ?1 AND unit_id = ?2 AND "
	    "business = 'chexiao'",
	[CX_STMT_OF_EMP] =
	    "SELECT c.task_id, t.seq_no, t.state, c.reason FROM chexiao c "
	    "JOIN tasks t ON t.id = c.task_id WHERE c.employment_id = ?2 AND "
	    "t.unit_id = ?1 UNION ALL SELECT c.task_id, t.seq_no, t.state, "
	    "c.reason FROM chexiao c JOIN tasks t ON t.id = c.task_id WHERE "
	    "c.new_employment_id = ?2 AND t.unit_id = ?1 ORDER BY 1",
	[CX_STMT_WF_ROWS] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, reason, "
	    "fix_contract_no FROM chexiao WHERE task_id = ?1 ORDER BY row_no",
	[CX_STMT_WF_ROWS_PAGE] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, reason, "
	    "fix_contract_no FROM chexiao WHERE task_id = ?1 ORDER BY row_no "
	    "LIMIT ?3 OFFSET ?2",
	[CX_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM chexiao WHERE task_id = ?1",
};

const char *const cx_reason_names[CX_REASON__MAX + 1] = {
	"员工离职",		/* CX_REASON_LEFT */
	"单位注销",		/* CX_REASON_CLOSED */
	"信息错误",		/* CX_REASON_ERROR */
	"其他",			/* CX_REASON_OTHER */
	NULL
};

static const char *const cx_yes_no[] = { "1", "0", NULL };
static const char *const cx_check[] = { "1", NULL };
static const char *const cx_work_forms[] = { "全日制", "非全日制", NULL };

const struct field_def cx_form_defs[CXF__MAX] = {
	{ "emp", "用工登记", FIELD_INT, FIELD_REQUIRED, 0, NULL, 1,
	    INT64_MAX },
	{ "reason", "撤销原因", FIELD_CHOICE, FIELD_REQUIRED, 0,
	    cx_reason_names, 0, 0 },
	{ "explanation", "撤销说明", FIELD_TEXT, 0, 200, NULL, 0, 0 },
	{ "handler_is_rep", "经办人是否为法定代表人", FIELD_CHOICE,
	    FIELD_REQUIRED, 0, cx_yes_no, 0, 0 },
	{ "handler_name", "经办人姓名", FIELD_TEXT, FIELD_REQUIRED, 30, NULL,
	    0, 0 },
	{ "handler_phone", "经办人联系方式", FIELD_PHONE, FIELD_REQUIRED, 0,
	    NULL, 0, 0 },
	{ "fix_name", "更正后姓名", FIELD_TEXT, 0, 30, NULL, 0, 0 },
	{ "fix_contract_no", "更正后合同编号", FIELD_TEXT, 0, 40, NULL, 0, 0 },
	{ "fix_start", "更正后合同起始日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "fix_end", "更正后合同终止日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "fix_open_ended", "更正为无固定期限", FIELD_CHOICE, 0, 0, cx_check,
	    0, 0 },
	{ "fix_post", "更正后岗位", FIELD_TEXT, 0, 30, NULL, 0, 0 },
	{ "fix_job_type", "更正后工种", FIELD_TEXT, 0, 30, NULL, 0, 0 },
	{ "fix_wage", "更正后月工资", FIELD_MONEY, 0, 0, NULL, 0, 0 },
	{ "fix_work_form", "更正后用工形式", FIELD_CHOICE, 0, 0, cx_work_forms,
	    0, 0 },
};

/* Registration types a unit does not revoke here, and where they are. */
static const struct {
	const char	*type;
	const char	*where;
} cx_other_types[] = {
	{ "灵活就业登记", "灵活就业登记由本人通过“就业创业网”或政务服务APP"
	  "(个人账号)在“就业登记→灵活就业登记→登记历史”中申请撤销,单位"
	  "不能代为撤销" },
	{ "农民工实名制登记", "农民工实名制登记须在“全国建筑工人管理服务信息"
	  "平台”办理撤销,不在本网厅办理" },
};

/* See chexiao.h. */
enum cx_reason
cx_reason_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < CX_REASON__MAX; i++)
		if (strcmp(cx_reason_names[i], name) == 0)
			return (enum cx_reason)i;
	return CX_REASON__MAX;
}

/* Copies src into dst[dstsz], cut if it must be at a character's
 * boundary (text_copy), never inside one. */
static void
cx_copy(char *dst, size_t dstsz, const char *src)
{
	text_copy(dst, dstsz, src != NULL ? src : "");
}

/* The bytes a field of the corrected registration may hold: those of
 * its struct employment field, less the terminating NUL. */
#define CX_EMP_FIELD(f)	(sizeof(((struct employment *)0)->f) - 1)

/* Adds error code on field when value does not fit max bytes of the
 * registration (so a corrected value is stored whole, and 合同编号's
 * uniqueness is checked on what is stored).  Returns 1 when added. */
static int
cx_fix_fits(const char *value, size_t max, const char *field,
    const char *label, struct form_errors *errs)
{
	char	 msg[128];

	if (strlen(value) <= max)
		return 0;
	snprintf(msg, sizeof(msg), "更正后的%s过长,请精简", label);
	form_error_add(errs, field, "CX_FIX_TOOLONG", msg);
	return 1;
}

/* Adds a formatted error. */
static void	cx_err(struct form_errors *, const char *, const char *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

static void
cx_err(struct form_errors *errs, const char *field, const char *code,
    const char *fmt, ...)
{
	char	 msg[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	form_error_add(errs, field, code, msg);
}

/* See chexiao.h. */
void
cx_row_from_form(const struct field_val *vals, const struct employment *e,
    struct chexiao_row *row)
{
	const struct field_val	*v;

	memset(row, 0, sizeof(*row));
	row->employment_id = e->id;
	row->person_id = e->person_id;
	cx_copy(row->name, sizeof(row->name), e->name);
	cx_copy(row->idno, sizeof(row->idno), e->idno);
	cx_copy(row->reason, sizeof(row->reason), vals[CXF_REASON].str);
	cx_copy(row->explanation, sizeof(row->explanation),
	    vals[CXF_EXPLANATION].str);
	row->handler_is_rep = strcmp(vals[CXF_HANDLER_IS_REP].str, "0") != 0;
	cx_copy(row->handler_name, sizeof(row->handler_name),
	    vals[CXF_HANDLER_NAME].str);
	cx_copy(row->handler_phone, sizeof(row->handler_phone),
	    vals[CXF_HANDLER_PHONE].str);
	if (cx_reason_of(row->reason) != CX_REASON_ERROR)
		return;
	v = vals;
	cx_copy(row->fix_name, sizeof(row->fix_name),
	    v[CXF_FIX_NAME].present ? v[CXF_FIX_NAME].str : e->name);
	cx_copy(row->fix_contract_no, sizeof(row->fix_contract_no),
	    v[CXF_FIX_CONTRACT_NO].present ? v[CXF_FIX_CONTRACT_NO].str :
	    e->contract_no);
	cx_copy(row->fix_start, sizeof(row->fix_start),
	    v[CXF_FIX_START].present ? v[CXF_FIX_START].str : e->start_date);
	if (v[CXF_FIX_OPEN_ENDED].present)
		row->fix_end[0] = '\0';
	else
		cx_copy(row->fix_end, sizeof(row->fix_end),
		    v[CXF_FIX_END].present ? v[CXF_FIX_END].str : e->end_date);
	cx_copy(row->fix_post, sizeof(row->fix_post),
	    v[CXF_FIX_POST].present ? v[CXF_FIX_POST].str : e->post);
	cx_copy(row->fix_job_type, sizeof(row->fix_job_type),
	    v[CXF_FIX_JOB_TYPE].present ? v[CXF_FIX_JOB_TYPE].str :
	    e->job_type);
	row->fix_wage_fen = v[CXF_FIX_WAGE].present ? v[CXF_FIX_WAGE].num :
	    e->wage_fen;
	cx_copy(row->fix_work_form, sizeof(row->fix_work_form),
	    v[CXF_FIX_WORK_FORM].present ? v[CXF_FIX_WORK_FORM].str :
	    e->work_form);
}

/* The length in bytes of the UTF-8 character at p (1 for a bad one). */
static size_t
cx_utf8_len(const unsigned char *p)
{
	if (*p >= 0xF0)
		return 4;
	if (*p >= 0xE0)
		return 3;
	if (*p >= 0xC0)
		return 2;
	return 1;
}

/* Whether the character at p of len bytes is white space or
 * punctuation (ASCII, or the CJK and full-width forms). */
static int
cx_is_filler(const unsigned char *p, size_t len)
{
	if (len == 1)
		return !((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z'));
	if (len == 3 && p[0] == 0xE3 && p[1] == 0x80)	/* U+3000..U+303F */
		return 1;
	if (len == 3 && p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD))
		return 1;				/* full-width forms */
	if (len == 3 && p[0] == 0xE2 && p[1] == 0x80)	/* dashes, quotes */
		return 1;
	return 0;
}

/* Copies text into out[outsz] without white space and punctuation;
 * returns the characters kept. */
static size_t
cx_strip(const char *text, char *out, size_t outsz)
{
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 len, o = 0, n = 0;

	while (*p != '\0') {
		len = cx_utf8_len(p);
		if (strnlen((const char *)p, len) < len)
			break;
		if (!cx_is_filler(p, len) && o + len < outsz) {
			memcpy(out + o, p, len);
			o += len;
			n++;
		}
		p += len;
	}
	out[o] = '\0';
	return n;
}

/* Removes every occurrence of word from buf. */
static void
cx_remove_word(char *buf, const char *word)
{
	size_t	 wl = strlen(word);
	char	*p;

	if (wl == 0)
		return;
	while ((p = strstr(buf, word)) != NULL)
		memmove(p, p + wl, strlen(p + wl) + 1);
}

/* See chexiao.h. */
size_t
cx_explain_check(const char *text, long long min_chars,
    const char *vague_words, struct form_errors *errs)
{
	char		 buf[1024], words[512], *w, *save;
	size_t		 n;

	n = cx_strip(text != NULL ? text : "", buf, sizeof(buf));
	if (n == 0) {
		form_error_add(errs, "explanation", "CX_EXPLAIN_MISSING",
		    "撤销原因为“其他”时须填写具体的撤销说明");
		return 1;
	}
	cx_copy(words, sizeof(words), vague_words);
	for (w = strtok_r(words, ",,", &save); w != NULL;
	    w = strtok_r(NULL, ",,", &save))
		cx_remove_word(buf, w);
	if (buf[0] == '\0') {
		form_error_add(errs, "explanation", "CX_EXPLAIN_VAGUE",
		    "撤销说明过于笼统(如“其他”“无”“不详”“个人原因”),请写明"
		    "撤销的具体情况");
		return 1;
	}
	if ((long long)n < min_chars) {
		cx_err(errs, "explanation", "CX_EXPLAIN_SHORT",
		    "撤销说明过短,请至少写%lld个字,说明撤销的具体情况",
		    min_chars);
		return 1;
	}
	return 0;
}

/* See chexiao.h. */
unsigned int
cx_fix_changes(const struct employment *e, const struct chexiao_row *r)
{
	unsigned int	 m = 0;

	if (cx_reason_of(r->reason) != CX_REASON_ERROR)
		return 0;
	if (strcmp(r->fix_name, e->name) != 0)
		m |= CX_FIX_NAME;
	if (strcmp(r->fix_contract_no, e->contract_no) != 0)
		m |= CX_FIX_CONTRACT_NO;
	if (strcmp(r->fix_start, e->start_date) != 0)
		m |= CX_FIX_START;
	if (strcmp(r->fix_end, e->end_date) != 0)
		m |= CX_FIX_END;
	if (strcmp(r->fix_post, e->post) != 0)
		m |= CX_FIX_POST;
	if (strcmp(r->fix_job_type, e->job_type) != 0)
		m |= CX_FIX_JOB_TYPE;
	if (r->fix_wage_fen != e->wage_fen)
		m |= CX_FIX_WAGE;
	if (strcmp(r->fix_work_form, e->work_form) != 0)
		m |= CX_FIX_WORK_FORM;
	return m;
}

/* See chexiao.h. */
size_t
cx_fix_check(const struct chexiao_row *r, struct form_errors *errs)
{
	struct hdate	 a, b;
	size_t		 n = 0;
	int		 i;

	if (cx_reason_of(r->reason) != CX_REASON_ERROR)
		return 0;
	if (r->fix_name[0] == '\0') {
		form_error_add(errs, "fix_name", "CX_FIX_NAME",
		    "更正后的姓名不能为空");
		n++;
	}
	if (r->fix_contract_no[0] == '\0') {
		form_error_add(errs, "fix_contract_no", "CX_FIX_CONTRACT",
		    "更正后的合同编号不能为空");
		n++;
	}
	if (valid_date(r->fix_start, &a) != VALID_OK) {
		form_error_add(errs, "fix_start", "CX_FIX_START",
		    "更正后的合同起始日期无效");
		n++;
	} else if (r->fix_end[0] != '\0' && (valid_date(r->fix_end, &b) !=
	    VALID_OK || hdate_cmp(&b, &a) < 0)) {
		form_error_add(errs, "fix_end", "CX_FIX_DATES",
		    "更正后的合同终止日期不能早于起始日期");
		n++;
	}
	n += cx_fix_fits(r->fix_contract_no, CX_EMP_FIELD(contract_no),
	    "fix_contract_no", "合同编号", errs);
	n += cx_fix_fits(r->fix_post, CX_EMP_FIELD(post), "fix_post", "岗位",
	    errs);
	n += cx_fix_fits(r->fix_job_type, CX_EMP_FIELD(job_type),
	    "fix_job_type", "工种", errs);
	n += cx_fix_fits(r->fix_name, CX_EMP_FIELD(name), "fix_name", "姓名",
	    errs);
	if (r->fix_wage_fen < 0) {
		form_error_add(errs, "fix_wage", "CX_FIX_WAGE",
		    "更正后的月工资不能为负数");
		n++;
	}
	for (i = 0; cx_work_forms[i] != NULL; i++)
		if (strcmp(cx_work_forms[i], r->fix_work_form) == 0)
			break;
	if (cx_work_forms[i] == NULL) {
		form_error_add(errs, "fix_work_form", "CX_FIX_WORK_FORM",
		    "用工形式须为全日制或非全日制");
		n++;
	}
	return n;
}

/* See chexiao.h. */
int
cx_is_late(const char *ended_at, const struct hdate *on, long long days)
{
	struct hdate	 d;

	if (ended_at == NULL || valid_date(ended_at, &d) != VALID_OK)
		return 0;
	return hdate_diff(&d, on) > days;
}

/* The region and status of unit_id into region and status.  Returns
 * 0 or -1. */
static int
cx_unit(struct store *s, int64_t unit_id, char region[16], char status[16])
{
	struct store_stmt	*st;
	int			 rc;

	cx_copy(region, 16, "*");
	cx_copy(status, 16, "正常");
	if ((st = store_stmt(s, cx_sql[CX_STMT_UNIT])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		cx_copy(region, 16, store_col_text(st, 0));
		cx_copy(status, 16, store_col_text(st, 1));
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See chexiao.h. */
int
cx_pending(struct store *s, int64_t emp_id, int64_t except, int64_t *id,
    char seq[32])
{
	struct store_stmt	*st;
	int			 rc;

	*id = 0;
	seq[0] = '\0';
	if ((st = store_stmt(s, cx_sql[CX_STMT_PENDING])) == NULL ||
	    store_bind_int(st, 1, emp_id) != 0 ||
	    store_bind_int(st, 2, except) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		*id = store_col_int64(st, 0);
		cx_copy(seq, 32, store_col_text(st, 1));
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return 1;
	return rc == STORE_DONE ? 0 : -1;
}

/* See chexiao.h. */
int
cx_explain_policy(struct store *s, int64_t unit_id, const char *text,
    const struct hdate *today, struct form_errors *errs)
{
	char		 region[16], status[16], vague[512];
	long long	 min_chars;
	int		 rc;

	if (cx_unit(s, unit_id, region, status) != 0 ||
	    policy_int(s, region, "chexiao.explain_min_chars", today, 8,
	    &min_chars) == -1 ||
	    (rc = policy_get(s, region, "chexiao.vague_words", today, vague,
	    sizeof(vague))) == -1)
		return -1;
	if (rc > 0)
		vague[0] = '\0';
	return (int)cx_explain_check(text, min_chars, vague, errs);
}

/* The refusal of a registration of a type the unit does not own; adds
 * it and returns 1, or 0 when the type is the unit's. */
static int
cx_rule_type(const struct employment *e, struct form_errors *errs)
{
	size_t	 i;

	if (e->reg_type[0] == '\0' || strcmp(e->reg_type, "单位用工备案") == 0)
		return 0;
	for (i = 0; i < sizeof(cx_other_types) / sizeof(cx_other_types[0]);
	    i++)
		if (strcmp(cx_other_types[i].type, e->reg_type) == 0) {
			form_error_add(errs, "emp", "CX_OTHER_TYPE",
			    cx_other_types[i].where);
			return 1;
		}
	cx_err(errs, "emp", "CX_OTHER_TYPE", "该登记为“%s”,不是单位用工备案,"
	    "请到原登记平台办理撤销", e->reg_type);
	return 1;
}

/* See chexiao.h. */
int
cx_can_revoke(struct store *s, int64_t unit_id, const struct employment *e,
    int64_t except, struct form_errors *errs)
{
	char		 region[16], status[16], seq[32];
	int64_t		 id;
	int		 rc;

	if (cx_unit(s, unit_id, region, status) != 0)
		return -1;
	if (strcmp(status, "注销") == 0) {
		form_error_add(errs, "emp", "CX_UNIT_CLOSED",
		    "单位已注销(或营业执照被吊销),不能在网上撤销用工登记。请携带"
		    "工商行政管理部门出具的《准予注销登记通知书》或《营业执照吊销"
		    "决定书》、清算组或上级主管部门关于用工关系处理情况的说明,以及"
		    "原用工登记记录清单(可在备案查询中导出),到经办机构服务大厅办理");
		return 0;
	}
	if (e->reg_region[0] != '\0' && strcmp(e->reg_region, region) != 0) {
		cx_err(errs, "emp", "CX_OTHER_REGION", "该用工登记在其他地区"
		    "(行政区划 %s)办理,须向原登记地的人社平台申请撤销,不能跨"
		    "地区办理", e->reg_region);
		return 0;
	}
	if (cx_rule_type(e, errs))
		return 0;
	if (strcmp(e->status, "已撤销") == 0) {
		form_error_add(errs, "emp", "CX_REVOKED",
		    "该用工登记已撤销,无需再次撤销;可在备案查询中查看其办理记录");
		return 0;
	}
	if ((rc = tuigong_open_task(s, unit_id, e->idno, 0, &id, seq)) < 0)
		return -1;
	if (rc > 0)
		cx_err(errs, "emp", "CX_TUIGONG_OPEN", "该员工有未办结的退工登记"
		    "(业务顺序号 %s),请先办结或退单该退工业务后再申请撤销", seq);
	if ((rc = cx_pending(s, e->id, except, &id, seq)) < 0)
		return -1;
	if (rc > 0)
		cx_err(errs, "emp", "CX_DUPLICATE", "该用工登记已有未办结的撤销"
		    "申请(撤销申请编号 " CX_PREFIX "%s),请打开该申请继续办理",
		    seq);
	return 0;
}

/* 撤销 for 员工离职 after the 减员 where the region's order policy says
 * so.  Returns 0 or -1. */
static int
cx_rule_order(struct store *s, int64_t unit_id, const char *region,
    const struct chexiao_row *row, const struct hdate *today,
    struct form_errors *errs)
{
	struct jy_reduction	 jr;
	int64_t			 insured;
	int			 first, rc;

	if (cx_reason_of(row->reason) != CX_REASON_LEFT || row->person_id == 0)
		return 0;
	if (policy_bool(s, region, "chexiao.require_jianyuan_first", today, 0,
	    &first) == -1)
		return -1;
	if (!first)
		return 0;
	{
		struct store_stmt	*st;

		if ((st = store_stmt(s, cx_sql[CX_STMT_INSURED])) == NULL ||
		    store_bind_int(st, 1, row->person_id) != 0 ||
		    store_bind_int(st, 2, unit_id) != 0)
			return -1;
		rc = store_step(st);
		insured = rc == STORE_ROW ? store_col_int64(st, 0) : 0;
		store_reset(st);
		if (rc != STORE_ROW)
			return -1;
	}
	if (!insured)
		return 0;
	if ((rc = jy_person_reduction(s, unit_id, row->person_id, &jr)) < 0)
		return -1;
	if (rc > 0 && (strcmp(jr.state, "未提交") == 0 ||
	    strcmp(jr.state, "进行中") == 0))
		cx_err(errs, "reason", "CX_JIANYUAN_FIRST", "本地区须先减员后撤销:"
		    "该员工的减员(业务顺序号 %s)尚未审核通过,审核通过后再提交撤销",
		    jr.seq_no);
	else
		form_error_add(errs, "reason", "CX_JIANYUAN_FIRST",
		    "本地区须先减员后撤销:该员工仍为参保缴费状态,请先办理城镇"
		    "职工减少(减员),审核通过后再提交撤销");
	return 0;
}

/* See chexiao.h. */
int
cx_rules(struct store *s, int64_t unit_id, int64_t task_id,
    const struct chexiao_row *row, const struct hdate *today,
    struct form_errors *errs)
{
	struct employment	 e;
	char			 region[16], status[16];
	int			 rc;

	if ((rc = emp_load(s, unit_id, row->employment_id, &e)) < 0)
		return -1;
	if (rc > 0) {
		form_error_add(errs, "emp", "CX_NOT_FOUND",
		    "未找到本单位的该用工登记");
		return 0;
	}
	if (cx_can_revoke(s, unit_id, &e, task_id, errs) != 0 ||
	    cx_unit(s, unit_id, region, status) != 0)
		return -1;
	if (cx_reason_of(row->reason) == CX_REASON__MAX)
		form_error_add(errs, "reason", "CX_REASON",
		    "撤销原因须为员工离职、单位注销、信息错误或其他");
	if (cx_reason_of(row->reason) == CX_REASON_OTHER &&
	    cx_explain_policy(s, unit_id, row->explanation, today, errs) < 0)
		return -1;
	cx_fix_check(row, errs);
	/* 姓名 is the person's, shared by every unit that employs him: a
	 * unit corrects it alone only when no other unit has him. */
	if (cx_reason_of(row->reason) == CX_REASON_ERROR &&
	    row->fix_name[0] != '\0' && strcmp(row->fix_name, e.name) != 0) {
		if ((rc = emp_person_elsewhere(s, e.person_id, unit_id)) < 0)
			return -1;
		if (rc > 0)
			form_error_add(errs, "fix_name", "CX_FIX_NAME_SHARED",
			    "该职工在其他单位也有用工登记,姓名不能由本单位更正:"
			    "请职工本人持户口簿或公安机关出具的证明到经办机构"
			    "更正姓名;其他信息可在此更正");
	}
	if (cx_reason_of(row->reason) == CX_REASON_ERROR &&
	    strcmp(row->fix_contract_no, e.contract_no) != 0) {
		if ((rc = emp_contract_taken(s, row->fix_contract_no)) < 0)
			return -1;
		if (rc > 0)
			cx_err(errs, "fix_contract_no", "CX_FIX_CONTRACT_TAKEN",
			    "合同编号 %s 已被其他用工登记使用",
			    row->fix_contract_no);
	}
	return cx_rule_order(s, unit_id, region, row, today, errs);
}

/* ---- Materials ---- */

/* One material of the catalogue. */
static void
cx_material(struct cx_material *m, const char *code, int required,
    int group, const char *words)
{
	const struct material	*cat = attach_material(code);

	m->code = code;
	m->name = cat != NULL ? cat->name : code;
	m->required = required;
	m->group = group;
	m->words = words;
}

/* See chexiao.h. */
size_t
cx_materials(enum cx_reason reason, int handler_is_rep,
    struct cx_material *out)
{
	static const char	*one = "营业执照副本或统一社会信用代码证书,"
	    "提供其一即可";
	size_t			 n = 0;

	cx_material(&out[n++], "yingye_zhizhao", 1, 1, one);
	cx_material(&out[n++], "tongyi_daima", 1, 1, one);
	cx_material(&out[n++], "fading_sfz", 1, 0, NULL);
	if (reason == CX_REASON_LEFT)
		cx_material(&out[n++], "jiechu_zhengming", 1, 0, NULL);
	if (reason == CX_REASON_ERROR)
		cx_material(&out[n++], "cuowu_zhengming", 1, 0, NULL);
	cx_material(&out[n++], "jingbanren_sfz", 1, 0, NULL);
	if (!handler_is_rep)
		cx_material(&out[n++], "shouquan_weituoshu", 1, 0, NULL);
	return n;
}

/* Adds "缺少附件: …" for each required material (group) of row missing
 * from task_id.  Returns 0 or -1. */
static int
cx_check_materials(struct store *s, int64_t task_id,
    const struct chexiao_row *row, struct form_errors *errs)
{
	struct cx_material	 m[CX_MAX_MATERIALS];
	char			 missing[512];
	size_t			 i, j, n;
	int			 rc, have;

	n = cx_materials(cx_reason_of(row->reason), row->handler_is_rep, m);
	missing[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!m[i].required)
			continue;
		/* A group is looked at once, at its first material. */
		for (j = 0; j < i && (m[i].group == 0 ||
		    m[j].group != m[i].group); j++)
			;
		if (j < i)
			continue;
		have = 0;
		for (j = i; j < n && !have; j++) {
			if (j != i && (m[i].group == 0 ||
			    m[j].group != m[i].group))
				continue;
			if ((rc = attach_has(s, task_id, 0, m[j].code)) == -1)
				return -1;
			have = rc == 1;
		}
		if (have)
			continue;
		if (missing[0] != '\0')
			strncat(missing, "、", sizeof(missing) -
			    strlen(missing) - 1);
		strncat(missing, m[i].group != 0 ? "营业执照副本或统一社会信用"
		    "代码证书" : m[i].name, sizeof(missing) - strlen(missing) - 1);
	}
	if (missing[0] != '\0')
		cx_err(errs, "attachments", "CX_MISSING_ATTACH", "缺少附件: %s",
		    missing);
	return 0;
}

/* ---- Rows ---- */

/* Fills r from the current row of a CX_COLUMNS statement. */
static void
cx_row_read(struct store_stmt *st, struct chexiao_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(st, 0);
	r->task_id = store_col_int64(st, 1);
	r->employment_id = store_col_int64(st, 2);
	r->person_id = store_col_int64(st, 3);
	cx_copy(r->name, sizeof(r->name), store_col_text(st, 4));
	cx_copy(r->idno, sizeof(r->idno), store_col_text(st, 5));
	cx_copy(r->reason, sizeof(r->reason), store_col_text(st, 6));
	cx_copy(r->explanation, sizeof(r->explanation), store_col_text(st, 7));
	r->handler_is_rep = store_col_int(st, 8);
	cx_copy(r->handler_name, sizeof(r->handler_name),
	    store_col_text(st, 9));
	cx_copy(r->handler_phone, sizeof(r->handler_phone),
	    store_col_text(st, 10));
	cx_copy(r->fix_name, sizeof(r->fix_name), store_col_text(st, 11));
	cx_copy(r->fix_contract_no, sizeof(r->fix_contract_no),
	    store_col_text(st, 12));
	cx_copy(r->fix_start, sizeof(r->fix_start), store_col_text(st, 13));
	cx_copy(r->fix_end, sizeof(r->fix_end), store_col_text(st, 14));
	cx_copy(r->fix_post, sizeof(r->fix_post), store_col_text(st, 15));
	cx_copy(r->fix_job_type, sizeof(r->fix_job_type),
	    store_col_text(st, 16));
	r->fix_wage_fen = store_col_int64(st, 17);
	cx_copy(r->fix_work_form, sizeof(r->fix_work_form),
	    store_col_text(st, 18));
	r->new_employment_id = store_col_int64(st, 19);
	r->late = store_col_int(st, 20);
}

/* See chexiao.h. */
int
cx_row_load(struct store *s, int64_t task_id, struct chexiao_row *row)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, cx_sql[CX_STMT_ROW_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		cx_row_read(st, row);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Inserts or replaces row r of its task.  Returns 0 or -1. */
static int
cx_row_save(struct store *s, const struct chexiao_row *r)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, cx_sql[CX_STMT_ROW_SAVE])) == NULL ||
	    store_bind_int(st, 1, r->task_id) ||
	    store_bind_int(st, 2, r->employment_id) ||
	    store_bind_int(st, 3, r->person_id) ||
	    store_bind_text(st, 4, r->name) ||
	    store_bind_text(st, 5, r->idno) ||
	    store_bind_text(st, 6, r->reason) ||
	    store_bind_text(st, 7, r->explanation) ||
	    store_bind_int(st, 8, r->handler_is_rep != 0) ||
	    store_bind_text(st, 9, r->handler_name) ||
	    store_bind_text(st, 10, r->handler_phone) ||
	    store_bind_text(st, 11, r->fix_name) ||
	    store_bind_text(st, 12, r->fix_contract_no) ||
	    store_bind_text(st, 13, r->fix_start) ||
	    store_bind_text(st, 14, r->fix_end) ||
	    store_bind_text(st, 15, r->fix_post) ||
	    store_bind_text(st, 16, r->fix_job_type) ||
	    store_bind_int(st, 17, r->fix_wage_fen) ||
	    store_bind_text(st, 18, r->fix_work_form) ||
	    store_bind_int(st, 19, r->late != 0) ||
	    store_exec_stmt(s, st))
		return -1;
	return 0;
}

/* Whether a 撤销 of employment e filed (first submitted) on day 'on'
 * is late by unit_id's policy.  Returns 1, 0 or -1. */
static int
cx_late(struct store *s, int64_t unit_id, const struct employment *e,
    const struct hdate *on)
{
	char		 region[16], status[16];
	long long	 days;

	if (cx_unit(s, unit_id, region, status) != 0 ||
	    policy_int(s, region, "chexiao.advise_days", on, 30, &days) == -1)
		return -1;
	return cx_is_late(e->ended_at, on, days);
}

/* See chexiao.h. */
int
cx_save(struct store *s, const struct actor *who, const struct task *task,
    struct chexiao_row *row, const char *dedup_key, int64_t *id,
    int *created, struct form_errors *errs)
{
	struct store_stmt	*st;
	struct employment	 e;
	struct hdate		 on;
	char			 summary[160], object[40];
	int			 rc;
	size_t			 before = errs->n;

	snprintf(summary, sizeof(summary), "%s %s", row->name, row->reason);
	if (store_begin(s) != 0)
		return -1;
	*created = 0;
	if ((rc = emp_load(s, who->unit_id, row->employment_id, &e)) != 0)
		goto fail;
	/* The same form saved again is the first task, refused or not;
	 * a new task is undone with the rest when refused. */
	if (task == NULL) {
		if (wf_create(s, CX_BUSINESS, who->unit_id, who, summary,
		    dedup_key, id, created) != 0)
			goto fail;
		if (!*created) {
			store_rollback(s);
			return 0;
		}
	}
	if (cx_can_revoke(s, who->unit_id, &e, task != NULL ? task->id : *id,
	    errs) != 0)
		goto fail;
	if (errs->n > before) {
		store_rollback(s);
		*created = 0;
		return 1;
	}
	if (task != NULL) {
		*id = task->id;
		if ((st = store_stmt(s, cx_sql[CX_STMT_SUMMARY])) == NULL ||
		    store_bind_text(st, 1, summary) ||
		    store_bind_int(st, 2, (int64_t)clock_now()) ||
		    store_bind_int(st, 3, task->id) || store_exec_stmt(s, st) ||
		    store_changes(s) != 1)
			goto fail;
	}
	clock_today(&on);
	if ((task != NULL && wf_first_submitted(s, task->id, &on) != 0) ||
	    (rc = cx_late(s, who->unit_id, &e, &on)) < 0)
		goto fail;
	row->late = rc;
	row->task_id = *id;
	snprintf(object, sizeof(object), "task:%" PRId64, *id);
	if (cx_row_save(s, row) != 0 ||
	    (st = store_stmt(s, cx_sql[CX_STMT_TASK_OVERDUE])) == NULL ||
	    store_bind_int(st, 1, row->late) || store_bind_int(st, 2, *id) ||
	    store_exec_stmt(s, st) ||
	    audit_append(s, who, "chexiao.save", object, summary) != 0 ||
	    store_commit(s) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* The rules of task_id's row, and with materials its attachments.
 * Returns 0 (see errs) or -1. */
static int
cx_check_task(struct store *s, int64_t task_id, int materials,
    struct form_errors *errs)
{
	struct chexiao_row	 row;
	struct task		 t;
	struct hdate		 today;
	int			 rc;

	if (wf_load(s, task_id, 0, &t) != 0)
		return -1;
	if ((rc = cx_row_load(s, task_id, &row)) < 0)
		return -1;
	if (rc > 0) {
		form_error_add(errs, "", "CX_NO_ROWS", "没有要撤销的用工登记");
		return 0;
	}
	clock_today(&today);
	if (cx_rules(s, t.unit_id, task_id, &row, &today, errs) != 0)
		return -1;
	if (materials && cx_check_materials(s, task_id, &row, errs) != 0)
		return -1;
	return 0;
}

/* The workflow's check: every rule, the attachments, and the 逾期 flag
 * as of the first submission. */
static int
cx_business_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct chexiao_row	 row;
	struct employment	 e;
	struct task		 t;
	struct hdate		 on;
	struct store_stmt	*st;
	int			 late;

	if (cx_check_task(s, task_id, 1, errs) != 0)
		return -1;
	if (wf_load(s, task_id, 0, &t) != 0 || cx_row_load(s, task_id,
	    &row) != 0)
		return -1;
	if (emp_load(s, t.unit_id, row.employment_id, &e) != 0)
		return 0;
	if (wf_first_submitted(s, task_id, &on) != 0 ||
	    (late = cx_late(s, t.unit_id, &e, &on)) < 0)
		return -1;
	if ((st = store_stmt(s, cx_sql[CX_STMT_OVERDUE])) == NULL ||
	    store_bind_int(st, 1, late) || store_bind_int(st, 2, task_id) ||
	    store_exec_stmt(s, st) ||
	    (st = store_stmt(s, cx_sql[CX_STMT_TASK_OVERDUE])) == NULL ||
	    store_bind_int(st, 1, late) || store_bind_int(st, 2, task_id) ||
	    store_exec_stmt(s, st))
		return -1;
	return 0;
}

/* See chexiao.h. */
int
cx_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	return cx_check_task(s, task_id, 0, errs);
}

/* Creates the corrected registration of a 信息错误 in place of e (task
 * t, row): frees the 合同编号 when it is kept, renames the person when
 * the 姓名 is corrected.  Returns 0 or -1. */
static int
cx_apply_fix(struct store *s, const struct task *t, const struct employment *e,
    const struct chexiao_row *row, const char *now)
{
	struct employment	 n;
	struct store_stmt	*st;
	char			 freed[128];
	int64_t			 id;

	if (strcmp(row->fix_contract_no, e->contract_no) == 0) {
		snprintf(freed, sizeof(freed), "%s/" CX_PREFIX "%s",
		    e->contract_no, t->seq_no);
		if ((st = store_stmt(s, cx_sql[CX_STMT_CONTRACT])) == NULL ||
		    store_bind_text(st, 1, freed) ||
		    store_bind_int(st, 2, e->id) ||
		    store_bind_int(st, 3, t->unit_id) || store_exec_stmt(s, st))
			return -1;
	}
	n = *e;
	cx_copy(n.contract_no, sizeof(n.contract_no), row->fix_contract_no);
	cx_copy(n.start_date, sizeof(n.start_date), row->fix_start);
	cx_copy(n.end_date, sizeof(n.end_date), row->fix_end);
	cx_copy(n.post, sizeof(n.post), row->fix_post);
	cx_copy(n.job_type, sizeof(n.job_type), row->fix_job_type);
	n.wage_fen = row->fix_wage_fen;
	cx_copy(n.work_form, sizeof(n.work_form), row->fix_work_form);
	n.reg_task_id = t->id;
	if (strcmp(n.hire_date, e->start_date) == 0)
		cx_copy(n.hire_date, sizeof(n.hire_date), row->fix_start);
	if (emp_insert(s, &n, now, &id) != 0)
		return -1;
	if ((st = store_stmt(s, cx_sql[CX_STMT_NEW_EMP])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_int(st, 2, t->id) ||
	    store_exec_stmt(s, st))
		return -1;
	if (strcmp(row->fix_name, e->name) != 0 &&
	    ((st = store_stmt(s, cx_sql[CX_STMT_RENAME])) == NULL ||
	    store_bind_text(st, 1, row->fix_name) ||
	    store_bind_int(st, 2, e->person_id) || store_exec_stmt(s, st)))
		return -1;
	return 0;
}

/* The message of an approved 撤销 whose person is still 参保缴费 at the
 * unit: 减员 is the next step [seed 001 Q2].  Returns 0 or -1. */
static int
cx_message_jianyuan(struct store *s, const struct task *t,
    const struct chexiao_row *row)
{
	struct store_stmt	*st;
	char			 title[256], body[512];
	int64_t			 insured;
	int			 rc;

	if ((st = store_stmt(s, cx_sql[CX_STMT_INSURED])) == NULL ||
	    store_bind_int(st, 1, row->person_id) ||
	    store_bind_int(st, 2, t->unit_id))
		return -1;
	rc = store_step(st);
	insured = rc == STORE_ROW ? store_col_int64(st, 0) : 0;
	store_reset(st);
	if (rc != STORE_ROW)
		return -1;
	if (!insured)
		return 0;
	snprintf(title, sizeof(title), "撤销申请编号 " CX_PREFIX "%s 已撤销:"
	    "请办理社保减员", t->seq_no);
	snprintf(body, sizeof(body), "员工 %s 的用工登记已撤销,但其在本单位仍为"
	    "参保缴费状态。撤销用工登记不会停止社保缴费,请到 /jianyuan "
	    "(城镇职工减少)办理减员,避免欠缴或重复缴费。", row->name);
	if ((st = store_stmt(s, cx_sql[CX_STMT_MESSAGE])) == NULL ||
	    store_bind_int(st, 1, t->unit_id) || store_bind_int(st, 2, t->id) ||
	    store_bind_int(st, 3, (int64_t)clock_now()) ||
	    store_bind_text(st, 4, title) || store_bind_text(st, 5, body) ||
	    store_exec_stmt(s, st))
		return -1;
	return 0;
}

/* The workflow's effect on approval: the registration becomes 已撤销;
 * a 信息错误 that corrects something creates the corrected one; a
 * person still insured here gets the unit a message to 减员. */
static int
cx_business_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct chexiao_row	 row;
	struct employment	 e;
	struct task		 t;
	char			 now[20], object[40], detail[96];
	unsigned int		 fixes;

	if (wf_load(s, task_id, 0, &t) != 0 || cx_row_load(s, task_id,
	    &row) != 0 || emp_load(s, t.unit_id, row.employment_id, &e) != 0)
		return -1;
	clock_fmt(clock_now(), now);
	if (emp_set_revoked(s, t.unit_id, e.id, task_id, now) != 0) {
		log_err("chexiao: task %" PRId64 ": registration %" PRId64
		    " not revoked", task_id, e.id);
		return -1;
	}
	fixes = cx_fix_changes(&e, &row);
	if (fixes != 0 && cx_apply_fix(s, &t, &e, &row, now) != 0)
		return -1;
	if (fixes == 0 && cx_message_jianyuan(s, &t, &row) != 0)
		return -1;
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "employment %" PRId64 " revoked, "
	    "fixes=0x%x", e.id, fixes);
	return audit_append(s, who, "chexiao.apply", object, detail);
}

/* The workflow's describe: the facts for the reviewer desk and the
 * printouts. */
static int
cx_business_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct chexiao_row	 r;
	struct task		 t;
	char			 buf[256];
	int			 rc;

	if (wf_load(s, task_id, 0, &t) != 0)
		return -1;
	if ((rc = cx_row_load(s, task_id, &r)) != 0)
		return rc < 0 ? -1 : 0;
	snprintf(buf, sizeof(buf), CX_PREFIX "%s", t.seq_no);
	field(arg, "撤销申请编号", buf);
	field(arg, "姓名", r.name);
	field(arg, "身份证号", r.idno);
	field(arg, "撤销原因", r.reason);
	if (r.explanation[0] != '\0')
		field(arg, "撤销说明", r.explanation);
	if (cx_reason_of(r.reason) == CX_REASON_ERROR) {
		field(arg, "更正后姓名", r.fix_name);
		field(arg, "更正后合同编号", r.fix_contract_no);
		snprintf(buf, sizeof(buf), "%s 至 %s", r.fix_start,
		    r.fix_end[0] != '\0' ? r.fix_end : "无固定期限");
		field(arg, "更正后合同期限", buf);
		field(arg, "更正后岗位", r.fix_post);
		field(arg, "更正后工种", r.fix_job_type);
		snprintf(buf, sizeof(buf), "%" PRId64 ".%02" PRId64 " 元",
		    r.fix_wage_fen / 100, r.fix_wage_fen % 100);
		field(arg, "更正后月工资", buf);
		field(arg, "更正后用工形式", r.fix_work_form);
	}
	snprintf(buf, sizeof(buf), "%s %s(%s法定代表人)", r.handler_name,
	    r.handler_phone, r.handler_is_rep ? "是" : "非");
	field(arg, "经办人", buf);
	field(arg, "逾期", r.late ? "是(用工终止后超过30日申请)" : "否");
	return 0;
}

/* See chexiao.h. */
int
cx_lookup(struct store *s, int64_t unit_id, const char *no, int64_t *task_id)
{
	struct store_stmt	*st;
	char			 buf[32];
	size_t			 len;
	int			 rc;

	*task_id = 0;
	if (no == NULL)
		return 1;
	while (*no == ' ' || *no == '\t')
		no++;
	if (strncasecmp(no, CX_PREFIX, strlen(CX_PREFIX)) == 0)
		no += strlen(CX_PREFIX);
	/* A number copied off the page often brings a trailing blank. */
	len = strlen(no);
	while (len > 0 && (no[len - 1] == ' ' || no[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return 1;
	memcpy(buf, no, len);
	buf[len] = '\0';
	if ((st = store_stmt(s, cx_sql[CX_STMT_LOOKUP])) == NULL ||
	    store_bind_text(st, 1, buf) || store_bind_int(st, 2, unit_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		*task_id = store_col_int64(st, 0);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* See chexiao.h. */
int
cx_tasks_of_employment(struct store *s, int64_t unit_id, int64_t emp_id,
    int (*fn)(void *arg, int64_t task_id, const char *seq_no,
    const char *state, const char *reason), void *arg)
{
	struct store_stmt	*st;
	int			 rc, n = 0;

	if ((st = store_stmt(s, cx_sql[CX_STMT_OF_EMP])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_int(st, 2, emp_id))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		n++;
		if (fn(arg, store_col_int64(st, 0), store_col_text(st, 1),
		    store_col_text(st, 2), store_col_text(st, 3)) != 0) {
			rc = STORE_DONE;
			break;
		}
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* The facts the rows hook gives: 撤销原因 and 合同编号 (corrected). */
static const char *const cx_row_labels[] = { "撤销原因", "更正后合同编号" };

/* The rows hook.  Returns the rows walked or -1. */
static int
cx_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, cx_sql[CX_STMT_WF_ROWS], task_id, cx_row_labels,
	    2, fn, arg);
}

/* The rows_page hook.  Returns the rows walked or -1. */
static int
cx_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, cx_sql[CX_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, cx_row_labels, 2, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
cx_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, cx_sql[CX_STMT_ROW_COUNT], task_id, 0, n);
}

/* The row_delete hook: the form's one row is never deleted.  Returns
 * 1. */
static int
cx_row_delete(struct store *s, int64_t task_id, int row_no)
{
	(void)s;
	(void)task_id;
	(void)row_no;
	return 1;
}

/* The rows_move hook: a 撤销 has no batch rows to move.  Returns 1. */
static int
cx_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	(void)s;
	(void)task_id;
	(void)to_task;
	(void)row_nos;
	(void)n;
	return 1;
}

static const struct wf_menu cx_menu[] = {
	{ "撤销申请查询", "/chexiao/lookup" },
	{ NULL, NULL }
};

static const struct wf_receipt cx_receipts[] = {
	{ "chexiao", "撤销申请回执", "chexiao", CX_PREFIX },
	{ "zonghe", "综合业务处理单", "zonghe", "ZH" },
	{ NULL, NULL, NULL, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const cx_receipt_facts[] = {
	"撤销原因", "更正后合同编号", NULL
};

const struct wf_business chexiao_business = {
	.code = CX_BUSINESS,
	.name = "撤销用工登记",
	.path = "/chexiao",
	.review_days_min = 1,
	.review_days_max = 5,
	.check = cx_business_check,
	.apply = cx_business_apply,
	.describe = cx_business_describe,
	.category = "jiuye",
	.menu = cx_menu,
	.receipts = cx_receipts,
	.submit_receipt = "chexiao",
	.batch = NULL,
	.rows = cx_wf_rows,
	.row_count = cx_row_count,
	.row_delete = cx_row_delete,
	.rows_move = cx_rows_move,
	.rows_page = cx_wf_rows_page,
	.receipt_facts = cx_receipt_facts,
};
