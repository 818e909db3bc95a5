/*
 * tuigong.c: 退工登记 rules, rows, timeline, the workflow business and
 * the batch spec; see tuigong.h for the decisions.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "arrears.h"
#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "dabao.h"
#include "employment.h"
#include "jianyuan.h"
#include "log.h"
#include "policy.h"
#include "rows.h"
#include "store.h"
#include "tally.h"
#include "text.h"
#include "tuigong.h"
#include "tuigong_comp.h"
#include "zengyuan.h"

#define TG_BUSINESS	"tuigong"
#define TG_OPEN		"无固定期限"

/* The columns of a row, in the order tg_row_read() reads them. */
#define TG_COLUMNS "id, task_id, row_no, COALESCE(employment_id, 0), " \
	"COALESCE(person_id, 0), name, idno, sex, hukou_type, phone, reason, " \
	"end_date, contract_no, contract_start, contract_end, open_ended, " \
	"post, sb_no, last_paid_month, settled, compensation, lost_contact, " \
	"handler_name, handler_title, handler_phone, remark, overdue"

/* The statements of this module; their SQL is in tg_sql. */
enum tg_stmt {
	TG_STMT_FACTS_CONTRACT,	/* an employment of the unit by 劳动合同编号 */
	TG_STMT_FACTS_OTHER,	/* a person's latest 在职 contract here */
	TG_STMT_FACTS_INSURANCE,	/* a person's insurance at the unit */
	TG_STMT_REGION,	/* a unit's 行政区划 */
	TG_STMT_UNIQUE,	/* another 退工 of the same employment */
	TG_STMT_ROW_LOAD,	/* one row of a task */
	TG_STMT_ROW_INSERT,	/* inserts a row */
	TG_STMT_ROWS,	/* a task's rows */
	TG_STMT_IS_BATCH,	/* whether a task has no form row */
	TG_STMT_OPEN_TASK,	/* a person's unfinished 退工 here */
	TG_STMT_TASK_UNIT,	/* a task's unit */
	TG_STMT_ROW_OVERDUE,	/* a row's 逾期 flag */
	TG_STMT_TASK_OVERDUE,	/* a task's 逾期 flag */
	TG_STMT_TIMELINESS,	/* a unit's 离职及时率 counts */
	TG_STMT_SUMMARY,	/* a draft's summary */
	TG_STMT_SAVE_OVERDUE,	/* a saved task's 逾期 flag */
	TG_STMT_TL_INSURANCE,	/* the timeline's insurance */
	TG_STMT_TL_TUIGONG,	/* the timeline's 退工 */
	TG_STMT_TL_PERSON,	/* the timeline's person and employments */
	TG_STMT_FRESH_ROW,	/* a row's facts of now */
	TG_STMT_JOB_ENDED,	/* whether a person's job here has ended */
	TG_STMT_ROW_COUNT_APPLY,	/* how many rows a task has */
	TG_STMT_END_EMPLOYMENT,	/* ends the employments of an approved task */
	TG_STMT_MESSAGE,	/* inserts a message to the unit */
	TG_STMT_WF_ROWS,	/* a task's rows for the workflow */
	TG_STMT_WF_ROWS_PAGE,	/* a page of them */
	TG_STMT_WF_ROWS_FIND,	/* those of a 身份证号 */
	TG_STMT_ROW_COUNT,	/* how many rows a task has */
	TG_STMT_ROW_DELETE,	/* deletes a row */
	TG_STMT_ROWS_MOVE,	/* moves rows to another task */
	TG_STMT__MAX
};

/* The SQL of each statement, by enum tg_stmt. */
static const char *const tg_sql[TG_STMT__MAX] = {
	[TG_STMT_FACTS_CONTRACT] =
	    "SELECT e.id, e.person_id, e.status, p.idno, "
	    "p.name, p.sex, p.birth, p.hukou_type, p.mobile, e.start_date, "
	    "COALESCE(e.end_date, ''), e.end_date IS NULL, e.post, "
	    "e.registered_at FROM employments e JOIN persons p ON "
	    "p.id = e.person_id WHERE e.unit_id = ?1 AND e.contract_no = ?2", /* TG_STMT_FACTS_CONTRACT */
	[TG_STMT_FACTS_OTHER] =
	    "SELECT e.contract_no FROM employments e "
	    "JOIN persons p ON p.id = e.person_id WHERE p.idno = ?1 AND "
	    "e.unit_id = ?2 AND e.status = '在职' ORDER BY e.id DESC LIMIT 1", /* TG_STMT_FACTS_OTHER */
	[TG_STMT_FACTS_INSURANCE] =
	    "SELECT sb_no, status, "
	    "COALESCE(last_paid_month, ''), COALESCE(stop_month, '') FROM "
	    "insurance WHERE person_id = ?1 AND unit_id = ?2", /* TG_STMT_FACTS_INSURANCE */
	[TG_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1", /* TG_STMT_REGION */
	[TG_STMT_UNIQUE] =
	    "SELECT t.seq_no FROM tuigong g JOIN "
	    "tasks t ON t.id = g.task_id WHERE g.employment_id = ?1 AND "
	    "g.task_id != ?2 AND t.state IN ('未提交', '进行中', '结束') "
	    "ORDER BY g.task_id LIMIT 1", /* TG_STMT_UNIQUE */
	[TG_STMT_ROW_LOAD] =
	    "SELECT "
	    TG_COLUMNS
	    " FROM tuigong WHERE "
	    "task_id = ?1 AND row_no = ?2", /* TG_STMT_ROW_LOAD */
	[TG_STMT_ROW_INSERT] =
	    "INSERT INTO tuigong (task_id, row_no, "
	    "employment_id, person_id, name, idno, sex, hukou_type, phone, "
	    "reason, end_date, contract_no, contract_start, contract_end, "
	    "open_ended, post, sb_no, last_paid_month, settled, compensation, "
	    "lost_contact, handler_name, handler_title, handler_phone, remark, "
	    "overdue) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
	    "?25, ?26) ON CONFLICT (task_id, row_no) DO UPDATE SET "
	    "employment_id = ?3, person_id = ?4, name = ?5, idno = ?6, "
	    "sex = ?7, hukou_type = ?8, phone = ?9, reason = ?10, "
	    "end_date = ?11, contract_no = ?12, contract_start = ?13, "
	    "contract_end = ?14, open_ended = ?15, post = ?16, sb_no = ?17, "
	    "last_paid_month = ?18, settled = ?19, compensation = ?20, "
	    "lost_contact = ?21, handler_name = ?22, handler_title = ?23, "
	    "handler_phone = ?24, remark = ?25, overdue = ?26", /* TG_STMT_ROW_INSERT */
	[TG_STMT_ROWS] =
	    "SELECT "
	    TG_COLUMNS
	    " FROM tuigong WHERE "
	    "task_id = ?1 ORDER BY row_no", /* TG_STMT_ROWS */
	[TG_STMT_IS_BATCH] =
	    "SELECT NOT EXISTS (SELECT 1 FROM tuigong WHERE "
	    "task_id = ?1 AND row_no = 0)", /* TG_STMT_IS_BATCH */
	[TG_STMT_OPEN_TASK] =
	    "SELECT t.id, t.seq_no FROM tasks t JOIN "
	    "tuigong g ON g.task_id = t.id WHERE t.unit_id = ?1 AND "
	    "t.business = 'tuigong' AND t.state IN ('未提交', '进行中') AND "
	    "t.id != ?3 AND g.idno = ?2 ORDER BY g.task_id LIMIT 1", /* TG_STMT_OPEN_TASK */
	[TG_STMT_TASK_UNIT] =
	    "SELECT unit_id FROM tasks WHERE id = ?1", /* TG_STMT_TASK_UNIT */
	[TG_STMT_ROW_OVERDUE] =
	    "UPDATE tuigong SET overdue = ?1 "
	    "WHERE id = ?2", /* TG_STMT_ROW_OVERDUE */
	[TG_STMT_TASK_OVERDUE] =
	    "UPDATE tasks SET overdue = ?1 WHERE "
	    "id = ?2", /* TG_STMT_TASK_OVERDUE */
	[TG_STMT_TIMELINESS] =
	    "SELECT COUNT(*), COALESCE(SUM(g.overdue = 0), "
	    "0) FROM tuigong g JOIN tasks t ON t.id = g.task_id WHERE "
	    "t.unit_id = ?1 AND t.business = 'tuigong' AND t.state IN "
	    "('进行中', '结束')", /* TG_STMT_TIMELINESS */
	[TG_STMT_SUMMARY] =
	    "UPDATE tasks SET summary = ?1, "
	    "updated_at = ?2 WHERE id = ?3 AND state = '未提交'", /* TG_STMT_SUMMARY */
	[TG_STMT_SAVE_OVERDUE] =
	    "UPDATE tasks SET overdue = ?1 WHERE "
	    "id = ?2", /* TG_STMT_SAVE_OVERDUE */
	[TG_STMT_TL_INSURANCE] =
	    "SELECT start_month, sb_no, status FROM "
	    "insurance WHERE person_id = ?1 AND unit_id = ?2", /* TG_STMT_TL_INSURANCE */
	[TG_STMT_TL_TUIGONG] =
	    "SELECT t.id, t.seq_no, t.state, g.end_date, "
	    "g.reason, g.overdue FROM tuigong g JOIN tasks t ON "
	    "t.id = g.task_id WHERE g.person_id = ?1 AND t.unit_id = ?2 AND "
	    "t.state != '退单' ORDER BY g.task_id DESC LIMIT 1", /* TG_STMT_TL_TUIGONG */
	[TG_STMT_TL_PERSON] =
	    "SELECT p.id, p.name, p.idno, e.registered_at, "
	    "e.contract_no, e.status, COALESCE(e.ended_at, ''), e.id FROM persons p "
	    "JOIN employments e ON e.person_id = p.id WHERE p.idno = ?1 AND "
	    "e.unit_id = ?2 ORDER BY e.id DESC LIMIT 1", /* TG_STMT_TL_PERSON */
	[TG_STMT_FRESH_ROW] =
	    "UPDATE tuigong SET employment_id = "
	    "NULLIF(?1, 0), person_id = NULLIF(?2, 0), sb_no = ?3, "
	    "last_paid_month = ?4, settled = ?5 WHERE id = ?6", /* TG_STMT_FRESH_ROW */
	[TG_STMT_JOB_ENDED] =
	    "SELECT CASE WHEN ?3 <> 0 THEN EXISTS ("
	    "SELECT 1 FROM tuigong g JOIN tasks t ON t.id = g.task_id WHERE "
	    "g.person_id = ?1 AND t.unit_id = ?2 AND t.state = '结束' AND "
	    "g.employment_id = ?3) "
	    "ELSE EXISTS (SELECT 1 FROM tuigong g JOIN tasks t ON "
	    "t.id = g.task_id WHERE g.person_id = ?1 AND t.unit_id = ?2 AND "
	    "t.state = '结束' AND g.end_date >= ?4) OR EXISTS (SELECT 1 FROM "
	    "employments WHERE person_id = ?1 AND unit_id = ?2 AND "
	    "status = '已退工' AND COALESCE(ended_at, '') >= ?4) END", /* TG_STMT_JOB_ENDED */
	[TG_STMT_ROW_COUNT_APPLY] =
	    "SELECT COUNT(*) FROM tuigong WHERE task_id = ?1", /* TG_STMT_ROW_COUNT_APPLY */
	[TG_STMT_END_EMPLOYMENT] =
	    "UPDATE employments SET status = '已退工', "
	    "ended_at = (SELECT g.end_date FROM tuigong g WHERE g.task_id = ?1 "
	    "AND g.employment_id = employments.id), end_task_id = ?1 WHERE "
	    "status = '在职' AND id IN (SELECT employment_id FROM tuigong "
	    "WHERE task_id = ?1)", /* TG_STMT_END_EMPLOYMENT */
	[TG_STMT_MESSAGE] =
	    "INSERT INTO messages (unit_id, task_id, at, "
	    "title, body) VALUES (?1, ?2, ?3, ?4, ?5)", /* TG_STMT_MESSAGE */
	[TG_STMT_WF_ROWS] =
	    "SELECT row_no, COALESCE(person_id, 0), name, "
	    "idno, reason, end_date, contract_no FROM tuigong WHERE "
	    "task_id = ?1 ORDER BY row_no", /* TG_STMT_WF_ROWS */
	[TG_STMT_WF_ROWS_PAGE] =
	    "SELECT row_no, COALESCE(person_id, 0), "
	    "name, idno, reason, end_date, contract_no FROM tuigong WHERE "
	    "task_id = ?1 ORDER BY row_no LIMIT ?3 OFFSET ?2", /* TG_STMT_WF_ROWS_PAGE */
	[TG_STMT_WF_ROWS_FIND] =
	    "SELECT row_no, COALESCE(person_id, 0), "
	    "name, idno, reason, end_date, contract_no FROM tuigong WHERE "
	    "task_id = ?1 AND idno = ?2 ORDER BY row_no", /* TG_STMT_WF_ROWS_FIND */
	[TG_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM tuigong WHERE task_id = ?1", /* TG_STMT_ROW_COUNT */
	[TG_STMT_ROW_DELETE] =
	    "DELETE FROM tuigong WHERE task_id = ?1 AND "
	    "row_no = ?2", /* TG_STMT_ROW_DELETE */
	[TG_STMT_ROWS_MOVE] =
	    "UPDATE tuigong SET task_id = ?1 WHERE "
	    "task_id = ?2 AND row_no = ?3", /* TG_STMT_ROWS_MOVE */
};

const char *const tuigong_reason_names[TG_REASON__MAX + 1] = {
	"合同到期终止",		/* TG_REASON_EXPIRY */
	"员工辞职",		/* TG_REASON_RESIGN */
	"单位辞退",		/* TG_REASON_DISMISS */
	"协商一致解除",		/* TG_REASON_AGREED */
	"员工失联",		/* TG_REASON_LOST */
	"其他",			/* TG_REASON_OTHER */
	NULL
};

static const char *const tg_sexes[] = { "男", "女", NULL };
static const char *const tg_hukou[] = { "城镇", "农村", NULL };
/* 经济补偿 of a batch row: 否 or 是 (0 and 1 read the same). */
static const char *const tg_yesno[] = { "否", "是", NULL };
static const char *const tg_check[] = { "1", NULL };

const struct field_def tuigong_form_defs[TGF__MAX] = {
	{ "name", "姓名", FIELD_TEXT, FIELD_REQUIRED, 30, NULL, 0, 0 },
	{ "sfzh", "身份证号", FIELD_IDCARD, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "sex", "性别", FIELD_CHOICE, FIELD_REQUIRED, 0, tg_sexes, 0, 0 },
	{ "birth", "出生日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "hukou_type", "户籍类型", FIELD_CHOICE, FIELD_REQUIRED, 0, tg_hukou,
	    0, 0 },
	{ "phone", "联系电话", FIELD_PHONE, 0, 0, NULL, 0, 0 },
	{ "reason", "退工原因", FIELD_CHOICE, FIELD_REQUIRED, 0,
	    tuigong_reason_names, 0, 0 },
	{ "end_date", "退工日期", FIELD_DATE, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "contract_no", "合同编号", FIELD_TEXT, FIELD_REQUIRED, 40, NULL,
	    0, 0 },
	{ "contract_start", "合同起始日期", FIELD_DATE, FIELD_REQUIRED, 0,
	    NULL, 0, 0 },
	{ "contract_end", "合同终止日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "open_ended", "无固定期限", FIELD_CHOICE, 0, 0, tg_check, 0, 0 },
	{ "post", "岗位", FIELD_TEXT, 0, 30, NULL, 0, 0 },
	{ "compensation", "已支付经济补偿", FIELD_CHOICE, 0, 0, tg_check,
	    0, 0 },
	{ "remark", "备注", FIELD_TEXT, 0, 200, NULL, 0, 0 },
	{ "handler_name", "经办人姓名", FIELD_TEXT, FIELD_REQUIRED, 30, NULL,
	    0, 0 },
	{ "handler_title", "经办人职务", FIELD_TEXT, 0, 30, NULL, 0, 0 },
	{ "handler_phone", "经办人联系方式", FIELD_PHONE, FIELD_REQUIRED, 0,
	    NULL, 0, 0 },
};

/* The reason named name, or TG_REASON__MAX. */
enum tuigong_reason
tuigong_reason_of(const char *name)
{
	int	 i;

	if (name == NULL)
		return TG_REASON__MAX;
	for (i = 0; i < TG_REASON__MAX; i++)
		if (strcmp(tuigong_reason_names[i], name) == 0)
			return (enum tuigong_reason)i;
	return TG_REASON__MAX;
}

/* Copies src into dst[dstsz], cut at a UTF-8 character boundary. */
static void
tg_copy(char *dst, size_t dstsz, const char *src)
{
	text_copy(dst, dstsz, src);
}

/* Appends src to dst[dstsz], cut at a character boundary. */
static void
strlcat_tg(char *dst, const char *src, size_t dstsz)
{
	size_t	 len = strlen(dst);

	if (len + 1 < dstsz)
		tg_copy(dst + len, dstsz - len, src);
}

/* Adds an error whose message is prefix + the formatted text. */
static void	tg_err(struct form_errors *, const char *, const char *,
		    const char *, const char *, ...)
		    __attribute__((format(printf, 5, 6)));

static void
tg_err(struct form_errors *errs, const char *prefix, const char *field,
    const char *code, const char *fmt, ...)
{
	char	 msg[256], full[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "%s%s", prefix != NULL ? prefix : "", msg);
	tg_copy(msg, sizeof(msg), full);
	form_error_add(errs, field, code, msg);
}

/* ---- The form ---- */

/* See tuigong.h. */
size_t
tuigong_form_extra(const struct field_val *vals, struct form_errors *errs)
{
	const struct field_val	*id = &vals[TGF_SFZH];
	size_t			 n0 = errs->n;

	if (vals[TGF_BIRTH].present && id->present &&
	    hdate_cmp(&vals[TGF_BIRTH].date, &id->id.birth) != 0)
		tg_err(errs, NULL, "birth", "TG_BIRTH_MISMATCH",
		    "出生日期与身份证号不一致");
	if (vals[TGF_OPEN_ENDED].present && vals[TGF_CONTRACT_END].present)
		tg_err(errs, NULL, "contract_end", "TG_TERM_BOTH",
		    "无固定期限合同不填合同终止日期");
	if (!vals[TGF_OPEN_ENDED].present && !vals[TGF_CONTRACT_END].present)
		tg_err(errs, NULL, "contract_end", "TG_TERM_MISSING",
		    "请填写合同终止日期,或注明“无固定期限”");
	return errs->n - n0;
}

/* See tuigong.h. */
void
tuigong_row_from_form(const struct field_val *vals, struct tuigong_row *row)
{
	memset(row, 0, sizeof(*row));
	tg_copy(row->name, sizeof(row->name), vals[TGF_NAME].str);
	tg_copy(row->idno, sizeof(row->idno), vals[TGF_SFZH].present ?
	    vals[TGF_SFZH].id.number : vals[TGF_SFZH].str);
	tg_copy(row->sex, sizeof(row->sex), vals[TGF_SEX].str);
	tg_copy(row->hukou_type, sizeof(row->hukou_type), vals[TGF_HUKOU].str);
	tg_copy(row->phone, sizeof(row->phone), vals[TGF_PHONE].str);
	tg_copy(row->reason, sizeof(row->reason), vals[TGF_REASON].str);
	if (vals[TGF_END_DATE].present)
		hdate_fmt(&vals[TGF_END_DATE].date, row->end_date);
	tg_copy(row->contract_no, sizeof(row->contract_no),
	    vals[TGF_CONTRACT_NO].str);
	if (vals[TGF_CONTRACT_START].present)
		hdate_fmt(&vals[TGF_CONTRACT_START].date, row->contract_start);
	row->open_ended = vals[TGF_OPEN_ENDED].present;
	if (!row->open_ended && vals[TGF_CONTRACT_END].present)
		hdate_fmt(&vals[TGF_CONTRACT_END].date, row->contract_end);
	tg_copy(row->post, sizeof(row->post), vals[TGF_POST].str);
	row->compensation = vals[TGF_COMPENSATION].present;
	row->lost_contact = tuigong_reason_of(row->reason) == TG_REASON_LOST;
	tg_copy(row->remark, sizeof(row->remark), vals[TGF_REMARK].str);
	tg_copy(row->handler_name, sizeof(row->handler_name),
	    vals[TGF_HANDLER_NAME].str);
	tg_copy(row->handler_title, sizeof(row->handler_title),
	    vals[TGF_HANDLER_TITLE].str);
	tg_copy(row->handler_phone, sizeof(row->handler_phone),
	    vals[TGF_HANDLER_PHONE].str);
}

/* ---- Facts ---- */

/* Loads the contract row->contract_no at unit_id into f.  Returns 0
 * or -1. */
static int
tg_facts_contract(struct store *s, int64_t unit_id, const char *contract_no,
    struct tuigong_facts *f)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, tg_sql[TG_STMT_FACTS_CONTRACT]))
	    == NULL || store_bind_int(st, 1, unit_id) ||
	    store_bind_text(st, 2, contract_no))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		f->contract_found = 1;
		f->employment_id = store_col_int64(st, 0);
		f->person_id = store_col_int64(st, 1);
		tg_copy(f->emp_status, sizeof(f->emp_status), store_col_text(st, 2));
		tg_copy(f->emp_idno, sizeof(f->emp_idno), store_col_text(st, 3));
		tg_copy(f->person_name, sizeof(f->person_name),
		    store_col_text(st, 4));
		tg_copy(f->person_sex, sizeof(f->person_sex), store_col_text(st, 5));
		tg_copy(f->person_birth, sizeof(f->person_birth),
		    store_col_text(st, 6));
		tg_copy(f->person_hukou, sizeof(f->person_hukou),
		    store_col_text(st, 7));
		tg_copy(f->person_mobile, sizeof(f->person_mobile),
		    store_col_text(st, 8));
		tg_copy(f->start, sizeof(f->start), store_col_text(st, 9));
		tg_copy(f->end, sizeof(f->end), store_col_text(st, 10));
		f->open_ended = store_col_int(st, 11) != 0;
		tg_copy(f->post, sizeof(f->post), store_col_text(st, 12));
		tg_copy(f->registered_at, sizeof(f->registered_at),
		    store_col_text(st, 13));
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		log_err("tuigong: contract: %s", store_errmsg(s));
		return -1;
	}
	return 0;
}

/* Finds the 在职 contract of idno at unit_id into f->other_contract_no.
 * Returns 0 or -1. */
static int
tg_facts_other(struct store *s, int64_t unit_id, const char *idno,
    struct tuigong_facts *f)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, tg_sql[TG_STMT_FACTS_OTHER]))
	    == NULL || store_bind_text(st, 1, idno) ||
	    store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		tg_copy(f->other_contract_no, sizeof(f->other_contract_no),
		    store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* Loads the person's insurance and arrears at unit_id into f.
 * Returns 0 or -1. */
static int
tg_facts_insurance(struct store *s, int64_t unit_id, struct tuigong_facts *f)
{
	struct arrears_sum	 owed;
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, tg_sql[TG_STMT_FACTS_INSURANCE])) == NULL ||
	    store_bind_int(st, 1, f->person_id) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		f->insured = 1;
		tg_copy(f->sb_no, sizeof(f->sb_no), store_col_text(st, 0));
		tg_copy(f->ins_status, sizeof(f->ins_status),
		    store_col_text(st, 1));
		tg_copy(f->last_paid, sizeof(f->last_paid), store_col_text(st, 2));
		tg_copy(f->stop_month, sizeof(f->stop_month),
		    store_col_text(st, 3));
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	if (arrears_person_sum(s, unit_id, f->person_id, &owed) == -1)
		return -1;
	f->arrears = owed.months;
	f->settled = f->arrears == 0 &&
	    (!f->insured || strcmp(f->ins_status, "暂停缴费") == 0);
	return 0;
}

/* See tuigong.h. */
int
tuigong_facts(struct store *s, int64_t unit_id, const struct tuigong_row *row,
    struct tuigong_facts *f)
{
	memset(f, 0, sizeof(*f));
	if (row->contract_no[0] != '\0' &&
	    tg_facts_contract(s, unit_id, row->contract_no, f) == -1)
		return -1;
	if (row->idno[0] != '\0' && (!f->contract_found ||
	    strcmp(f->emp_idno, row->idno) != 0) &&
	    tg_facts_other(s, unit_id, row->idno, f) == -1)
		return -1;
	if (f->contract_found && tg_facts_insurance(s, unit_id, f) == -1)
		return -1;
	if (!f->contract_found)
		f->settled = 0;
	return 0;
}

/* See tuigong.h. */
void
tuigong_row_apply_facts(struct tuigong_row *row, const struct tuigong_facts *f)
{
	int	 mine = f->contract_found && strcmp(f->emp_idno, row->idno) == 0;

	row->employment_id = mine ? f->employment_id : 0;
	row->person_id = mine ? f->person_id : 0;
	tg_copy(row->sb_no, sizeof(row->sb_no), mine ? f->sb_no : "");
	tg_copy(row->last_paid_month, sizeof(row->last_paid_month),
	    mine ? f->last_paid : "");
	row->settled = mine ? f->settled : 0;
}

/* ---- Rules ---- */

/* What every rule looks at. */
struct tg_eval {
	struct store			*s;
	int64_t				 unit_id;
	int64_t				 task_id;
	const struct tuigong_row	*row;
	const struct tuigong_facts	*f;
	const struct hdate		*today;
	const char			*prefix;
	struct form_errors		*errs;
	char				 region[16];
	int				 idcard_ok;
	int				 mine;	/* the contract is this idno's */
	int				 duplicate;
};

/* The region of unit_id into region[regionsz] ("*" when unknown).
 * Returns 0 or -1. */
static int
tg_region(struct store *s, int64_t unit_id, char *region, size_t regionsz)
{
	struct store_stmt	*st;
	int		 rc;

	tg_copy(region, regionsz, "*");
	if ((st = store_stmt(s, tg_sql[TG_STMT_REGION])) ==
	    NULL || store_bind_int(st, 1, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		tg_copy(region, regionsz, store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* 身份证号 is a valid GB 11643 number; 性别 and the stored 出生日期 agree
 * with it. */
static void
tg_rule_idcard(struct tg_eval *ev)
{
	struct idcard	 ic;
	struct hdate	 b;
	const char	*sex;

	if (valid_idcard(ev->row->idno, ev->today, &ic) != VALID_OK) {
		tg_err(ev->errs, ev->prefix, "sfzh", "TG_IDCARD_INVALID",
		    "身份证号无效(须为18位公民身份号码,校验位正确)");
		return;
	}
	ev->idcard_ok = 1;
	sex = ic.male ? "男" : "女";
	if (ev->row->sex[0] != '\0' && strcmp(ev->row->sex, sex) != 0)
		tg_err(ev->errs, ev->prefix, "sex", "TG_SEX_MISMATCH",
		    "性别与身份证号不一致(身份证号显示为%s)", sex);
	if (ev->mine && ev->f->person_birth[0] != '\0' &&
	    (valid_date(ev->f->person_birth, &b) != VALID_OK ||
	    hdate_cmp(&b, &ic.birth) != 0))
		tg_err(ev->errs, ev->prefix, "birth", "TG_BIRTH_MISMATCH",
		    "出生日期与身份证号不一致,请到经办机构核实登记信息");
}

/* The 合同编号 is a contract on file at this unit for this 身份证号, in
 * force, and the dates given agree with it. */
static void
tg_rule_contract(struct tg_eval *ev)
{
	const struct tuigong_row	*r = ev->row;
	const struct tuigong_facts	*f = ev->f;

	if (!f->contract_found) {
		if (f->other_contract_no[0] != '\0')
			tg_err(ev->errs, ev->prefix, "contract_no",
			    "TG_IDNO_CONTRACT", "身份证号与劳动合同不一致"
			    "(该员工在本单位备案的合同编号为 %s)",
			    f->other_contract_no);
		else
			tg_err(ev->errs, ev->prefix, "sfzh", "TG_NOT_EMPLOYED",
			    "身份证号与劳动合同不一致(本单位没有该员工合同编号"
			    "为 %s 的用工备案)", r->contract_no);
		return;
	}
	if (!ev->mine) {
		tg_err(ev->errs, ev->prefix, "sfzh", "TG_IDNO_CONTRACT",
		    "身份证号与劳动合同不一致(合同编号 %s 不是该员工的劳动合同)",
		    r->contract_no);
		return;
	}
	if (strcmp(f->emp_status, "在职") != 0 && !ev->duplicate)
		tg_err(ev->errs, ev->prefix, "contract_no", "TG_NOT_ACTIVE",
		    "该员工的用工已结束(就业状态 %s),不能再办理退工",
		    f->emp_status);
	if (r->contract_start[0] != '\0' &&
	    strcmp(r->contract_start, f->start) != 0)
		tg_err(ev->errs, ev->prefix, "contract_start",
		    "TG_CONTRACT_DATES", "合同起始日期与备案的劳动合同不一致"
		    "(备案为 %s)", f->start);
	if (r->open_ended != f->open_ended && (r->open_ended ||
	    r->contract_end[0] != '\0'))
		tg_err(ev->errs, ev->prefix, "contract_end", "TG_CONTRACT_TERM",
		    "合同期限与备案的劳动合同不一致(备案为%s%s)",
		    f->open_ended ? TG_OPEN : "固定期限,终止日期 ",
		    f->open_ended ? "" : f->end);
	else if (!r->open_ended && r->contract_end[0] != '\0' &&
	    strcmp(r->contract_end, f->end) != 0)
		tg_err(ev->errs, ev->prefix, "contract_end", "TG_CONTRACT_DATES",
		    "合同终止日期与备案的劳动合同不一致(备案为 %s)", f->end);
}

/* 姓名 agrees with the store. */
static void
tg_rule_name(struct tg_eval *ev)
{
	if (ev->mine && strcmp(ev->row->name, ev->f->person_name) != 0)
		tg_err(ev->errs, ev->prefix, "name", "TG_NAME_MISMATCH",
		    "姓名与登记信息不一致(登记姓名为 %s)", ev->f->person_name);
}

/* The contract in force: the one on file, else what the row says. */
static void
tg_contract_term(const struct tg_eval *ev, int *open_ended, const char **end,
    const char **start)
{
	if (ev->mine) {
		*open_ended = ev->f->open_ended;
		*end = ev->f->end;
		*start = ev->f->start;
	} else {
		*open_ended = ev->row->open_ended;
		*end = ev->row->contract_end;
		*start = ev->row->contract_start;
	}
}

/* 退工原因 is one of the list and agrees with the facts. */
static void
tg_rule_reason(struct tg_eval *ev)
{
	const struct tuigong_row	*r = ev->row;
	enum tuigong_reason		 reason = tuigong_reason_of(r->reason);
	const char			*end, *start;
	int				 open, ends_then;

	tg_contract_term(ev, &open, &end, &start);
	ends_then = !open && end[0] != '\0' && strcmp(end, r->end_date) == 0;
	switch (reason) {
	case TG_REASON_EXPIRY:
		if (open)
			tg_err(ev->errs, ev->prefix, "reason", "TG_EXPIRY_OPEN",
			    "无固定期限劳动合同不能以“合同到期终止”退工");
		else if (!ends_then)
			tg_err(ev->errs, ev->prefix, "reason", "TG_EXPIRY_DATE",
			    "退工原因为合同到期终止时,退工日期须为劳动合同终止日期"
			    "(%s)", end[0] != '\0' ? end : "未填写");
		break;
	case TG_REASON_RESIGN:
		if (ends_then)
			tg_err(ev->errs, ev->prefix, "reason",
			    "TG_EXPIRY_NOT_RESIGN", "劳动合同于退工日期到期终止,"
			    "退工原因应为“合同到期终止”,不可选“员工辞职”");
		break;
	case TG_REASON_LOST:
		if (strstr(r->remark, TG_LOST_REMARK) == NULL)
			tg_err(ev->errs, ev->prefix, "remark", "TG_LOST_REMARK",
			    "员工失联的,须以公告方式通知并在备注中注明“"
			    TG_LOST_REMARK "”");
		break;
	case TG_REASON_OTHER:
		if (r->remark[0] == '\0')
			tg_err(ev->errs, ev->prefix, "remark", "TG_OTHER_REMARK",
			    "退工原因为“其他”的,须在备注中说明具体原因");
		break;
	case TG_REASON_DISMISS:
	case TG_REASON_AGREED:
		break;
	case TG_REASON__MAX:
	default:
		tg_err(ev->errs, ev->prefix, "reason", "TG_REASON_INVALID",
		    "退工原因须从列表中选择");
		return;
	}
	if (reason != TG_REASON_EXPIRY && !open && end[0] != '\0' &&
	    r->end_date[0] != '\0' && strcmp(r->end_date, end) > 0)
		tg_err(ev->errs, ev->prefix, "end_date", "TG_AFTER_CONTRACT_END",
		    "退工日期晚于劳动合同终止日期(%s),请核对合同是否已续签",
		    end);
}

/* 退工日期 is a date, not before the contract start, not in the future. */
static void
tg_rule_dates(struct tg_eval *ev)
{
	const char	*end, *start;
	struct hdate	 d;
	char		 today[11];
	int		 open;

	if (valid_date(ev->row->end_date, &d) != VALID_OK) {
		tg_err(ev->errs, ev->prefix, "end_date", "TG_DATE_INVALID",
		    "退工日期不是有效日期");
		return;
	}
	hdate_fmt(ev->today, today);
	if (hdate_cmp(&d, ev->today) > 0)
		tg_err(ev->errs, ev->prefix, "end_date", "TG_DATE_FUTURE",
		    "退工日期不能晚于今天(%s)", today);
	tg_contract_term(ev, &open, &end, &start);
	if (start[0] != '\0' && strcmp(ev->row->end_date, start) < 0)
		tg_err(ev->errs, ev->prefix, "end_date", "TG_DATE_BEFORE_START",
		    "退工日期不能早于劳动合同起始日期(%s)", start);
}

/* No other open or finished 退工 covers this employment.  Returns 0 or
 * -1. */
static int
tg_rule_unique(struct tg_eval *ev)
{
	struct store_stmt	*st;
	int		 rc;

	if (!ev->mine)
		return 0;
	if ((st = store_stmt(ev->s, tg_sql[TG_STMT_UNIQUE])) == NULL ||
	    store_bind_int(st, 1, ev->f->employment_id) ||
	    store_bind_int(st, 2, ev->task_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		ev->duplicate = 1;
		tg_err(ev->errs, ev->prefix, "contract_no", "TG_DUPLICATE",
		    "该员工已有退工登记业务(业务顺序号 %s)", store_col_text(st, 0));
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* 先减员,后退工 where the region's policy says so.  Returns 0 or -1. */
static int
tg_rule_social(struct tg_eval *ev)
{
	int	 first;

	if (!ev->mine)
		return 0;
	if (policy_bool(ev->s, ev->region, "tuigong.require_jianyuan_first",
	    ev->today, 0, &first) == -1)
		return -1;
	if (!first)
		return 0;
	if ((ev->f->insured && strcmp(ev->f->ins_status, "参保缴费") == 0) ||
	    ev->f->arrears > 0)
		tg_err(ev->errs, ev->prefix, "settled", "TG_SB_UNSETTLED",
		    "社保关系未结清,请先办理城镇职工减少(减员),并结清欠费后再"
		    "办理退工登记%s", ev->f->arrears > 0 ? "(尚有欠费未补缴)" :
		    "(当前为参保缴费状态)");
	return 0;
}

/* See tuigong.h. */
int
tuigong_rules(struct store *s, int64_t unit_id, int64_t task_id,
    const struct tuigong_row *row, const struct tuigong_facts *f,
    const struct hdate *today, const char *prefix, struct form_errors *errs)
{
	struct tg_eval	 ev;

	memset(&ev, 0, sizeof(ev));
	ev.s = s;
	ev.unit_id = unit_id;
	ev.task_id = task_id;
	ev.row = row;
	ev.f = f;
	ev.today = today;
	ev.prefix = prefix;
	ev.errs = errs;
	ev.mine = f->contract_found && strcmp(f->emp_idno, row->idno) == 0;
	if (tg_region(s, unit_id, ev.region, sizeof(ev.region)) == -1)
		return -1;
	tg_rule_idcard(&ev);
	if (tg_rule_unique(&ev) == -1)
		return -1;
	tg_rule_contract(&ev);
	tg_rule_name(&ev);
	tg_rule_reason(&ev);
	tg_rule_dates(&ev);
	return tg_rule_social(&ev);
}

/* See tuigong.h. */
int
tuigong_is_overdue(struct store *s, int64_t unit_id, const char *end_date,
    const struct hdate *on)
{
	struct hdate	 d;
	long long	 days;
	char		 region[16];

	if (valid_date(end_date, &d) != VALID_OK)
		return 0;
	if (tg_region(s, unit_id, region, sizeof(region)) == -1 ||
	    policy_int(s, region, "tuigong.deadline_days", on, 15, &days) == -1)
		return -1;
	return hdate_diff(&d, on) > days;
}

/* ---- Materials ---- */

/* One material of the catalogue, by code; the name is ours when the
 * catalogue does not know the code. */
static void
tg_material(struct tuigong_material *m, const char *code, const char *name,
    int required)
{
	const struct material	*cat = attach_material(code);

	m->code = code;
	m->name = cat != NULL ? cat->name : name;
	m->required = required;
}

/* See tuigong.h. */
size_t
tuigong_materials(enum tuigong_reason reason, int compensation, int batch,
    struct tuigong_material *out)
{
	size_t	 n = 0;

	if (batch) {
		tg_material(&out[n++], "tuigong_huamingce", "退工花名册", 1);
		tg_material(&out[n++], "jiechu_zhengming",
		    "解除/终止劳动合同证明书", 1);
		tg_material(&out[n++], "sfz_copy", "员工身份证复印件", 1);
		tg_material(&out[n++], "buchang_pingzheng",
		    "经济补偿金计算表及支付凭证", 0);
		return n;
	}
	tg_material(&out[n++], "jiechu_zhengming", "解除/终止劳动合同证明书", 1);
	tg_material(&out[n++], "sfz_copy", "员工身份证复印件", 1);
	switch (reason) {
	case TG_REASON_EXPIRY:
		tg_material(&out[n++], "hetong_copy", "劳动合同复印件", 1);
		break;
	case TG_REASON_DISMISS:
		tg_material(&out[n++], "jiechu_tongzhi", "解除劳动合同通知书", 1);
		break;
	case TG_REASON_RESIGN:
		tg_material(&out[n++], "cizhi_shenqing", "辞职申请书", 1);
		break;
	case TG_REASON_LOST:
		tg_material(&out[n++], "gonggao_pingzheng", "公告凭证", 1);
		break;
	case TG_REASON_AGREED:
	case TG_REASON_OTHER:
	case TG_REASON__MAX:
		break;
	default:
		abort();
	}
	if (compensation)
		tg_material(&out[n++], "buchang_pingzheng",
		    "经济补偿金计算表及支付凭证", 1);
	if (reason == TG_REASON_DISMISS)
		tg_material(&out[n++], "gonghui_yijian", "工会意见", 0);
	if (!compensation)
		tg_material(&out[n++], "buchang_pingzheng",
		    "经济补偿金计算表及支付凭证", 0);
	return n;
}

/* Every material a 退工 may ask for, in the order they are listed. */
static const char *const tg_material_order[] = {
	"tuigong_huamingce", "jiechu_zhengming", "sfz_copy", "hetong_copy",
	"jiechu_tongzhi", "cizhi_shenqing", "gonggao_pingzheng",
	"buchang_pingzheng", "gonghui_yijian", NULL
};

#define TG_NORDER	(sizeof(tg_material_order) / sizeof(tg_material_order[0]) - 1)

/* The union of the materials of a batch's rows: per material of
 * tg_material_order, 0 not asked, 1 optional, 2 required. */
struct tg_union {
	unsigned char			 need[TG_NORDER];
	struct tuigong_material		 m[TG_NORDER];
};

/* Adds the n materials m to the union u. */
static void
tg_union_add(struct tg_union *u, const struct tuigong_material *m, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < TG_NORDER; j++) {
			if (strcmp(tg_material_order[j], m[i].code) != 0)
				continue;
			if (u->need[j] == 0)
				u->m[j] = m[i];
			if (u->need[j] < (m[i].required ? 2 : 1))
				u->need[j] = m[i].required ? 2 : 1;
			break;
		}
}

/* tuigong_rows callback: the materials one row needs in the form. */
static void
tg_union_row(const struct tuigong_row *row, void *arg)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	size_t			 n;

	n = tuigong_materials(tuigong_reason_of(row->reason),
	    row->compensation, 0, m);
	tg_union_add(arg, m, n);
}

/* When the hall worked out the 经济补偿 of task_id's row (tg_comp_save),
 * its 《经济补偿金计算表》 is the hall's own (/tuigong/jisuan, /print/
 * jjbc): of 经济补偿金计算表及支付凭证 among the n materials out only the
 * 支付凭证 is left to upload, and the name says so.  Returns 0 or -1. */
static int
tg_comp_attached(struct store *s, int64_t task_id,
    struct tuigong_material *out, size_t n)
{
	struct tg_comp	 c;
	size_t		 i;
	int		 rc;

	if ((rc = tg_comp_load(s, task_id, 0, &c)) != 0)
		return rc == 1 ? 0 : -1;
	for (i = 0; i < n; i++)
		if (strcmp(out[i].code, "buchang_pingzheng") == 0)
			out[i].name = "经济补偿支付凭证"
			    "(《经济补偿金计算表》已由系统生成,无需上传)";
	return 0;
}

/* See tuigong.h. */
int
tuigong_task_materials(struct store *s, int64_t task_id,
    struct tuigong_material *out, size_t *n)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	struct tuigong_row	 row;
	struct tg_union		 u;
	size_t			 i;
	int			 batch, rc, want;

	*n = 0;
	if ((batch = tuigong_is_batch(s, task_id)) == -1)
		return -1;
	if (!batch) {
		if ((rc = tuigong_row_load(s, task_id, 0, &row)) == -1)
			return -1;
		if (rc == 1)
			memset(&row, 0, sizeof(row));
		*n = tuigong_materials(tuigong_reason_of(row.reason),
		    row.compensation, 0, out);
		return tg_comp_attached(s, task_id, out, *n);
	}
	memset(&u, 0, sizeof(u));
	tg_union_add(&u, m, tuigong_materials(TG_REASON__MAX, 0, 1, m));
	if (tuigong_rows(s, task_id, tg_union_row, &u) == -1)
		return -1;
	for (want = 2; want > 0; want--)
		for (i = 0; i < TG_NORDER; i++)
			if (u.need[i] == want && *n < TG_MAX_MATERIALS) {
				out[*n] = u.m[i];
				out[(*n)++].required = want == 2;
			}
	return 0;
}

/* ---- Rows in the store ---- */

/* Fills row from the current row of a statement selecting TG_COLUMNS. */
static void
tg_row_read(struct store_stmt *st, struct tuigong_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(st, 0);
	r->task_id = store_col_int64(st, 1);
	r->row_no = store_col_int(st, 2);
	r->employment_id = store_col_int64(st, 3);
	r->person_id = store_col_int64(st, 4);
	tg_copy(r->name, sizeof(r->name), store_col_text(st, 5));
	tg_copy(r->idno, sizeof(r->idno), store_col_text(st, 6));
	tg_copy(r->sex, sizeof(r->sex), store_col_text(st, 7));
	tg_copy(r->hukou_type, sizeof(r->hukou_type), store_col_text(st, 8));
	tg_copy(r->phone, sizeof(r->phone), store_col_text(st, 9));
	tg_copy(r->reason, sizeof(r->reason), store_col_text(st, 10));
	tg_copy(r->end_date, sizeof(r->end_date), store_col_text(st, 11));
	tg_copy(r->contract_no, sizeof(r->contract_no), store_col_text(st, 12));
	tg_copy(r->contract_start, sizeof(r->contract_start),
	    store_col_text(st, 13));
	tg_copy(r->contract_end, sizeof(r->contract_end), store_col_text(st, 14));
	r->open_ended = store_col_int(st, 15) != 0;
	tg_copy(r->post, sizeof(r->post), store_col_text(st, 16));
	tg_copy(r->sb_no, sizeof(r->sb_no), store_col_text(st, 17));
	tg_copy(r->last_paid_month, sizeof(r->last_paid_month),
	    store_col_text(st, 18));
	r->settled = store_col_int(st, 19) != 0;
	r->compensation = store_col_int(st, 20) != 0;
	r->lost_contact = store_col_int(st, 21) != 0;
	tg_copy(r->handler_name, sizeof(r->handler_name), store_col_text(st, 22));
	tg_copy(r->handler_title, sizeof(r->handler_title),
	    store_col_text(st, 23));
	tg_copy(r->handler_phone, sizeof(r->handler_phone),
	    store_col_text(st, 24));
	tg_copy(r->remark, sizeof(r->remark), store_col_text(st, 25));
	r->overdue = store_col_int(st, 26) != 0;
}

/* See tuigong.h. */
int
tuigong_row_load(struct store *s, int64_t task_id, int row_no,
    struct tuigong_row *row)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, tg_sql[TG_STMT_ROW_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_int(st, 2, row_no))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		tg_row_read(st, row);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Binds an id, NULL for 0. */
static int
tg_bind_id(struct store_stmt *st, int i, int64_t id)
{
	return id > 0 ? store_bind_int(st, i, id) : store_bind_text(st, i, NULL);
}

/* See tuigong.h. */
int
tuigong_row_save(struct store *s, const struct tuigong_row *r)
{
	struct store_stmt	*st;

	st = store_stmt(s, tg_sql[TG_STMT_ROW_INSERT]);
	if (st == NULL || store_bind_int(st, 1, r->task_id) ||
	    store_bind_int(st, 2, r->row_no) ||
	    tg_bind_id(st, 3, r->employment_id) ||
	    tg_bind_id(st, 4, r->person_id) ||
	    store_bind_text(st, 5, r->name) || store_bind_text(st, 6, r->idno) ||
	    store_bind_text(st, 7, r->sex) ||
	    store_bind_text(st, 8, r->hukou_type) ||
	    store_bind_text(st, 9, r->phone) ||
	    store_bind_text(st, 10, r->reason) ||
	    store_bind_text(st, 11, r->end_date) ||
	    store_bind_text(st, 12, r->contract_no) ||
	    store_bind_text(st, 13, r->contract_start) ||
	    store_bind_text(st, 14, r->contract_end) ||
	    store_bind_int(st, 15, r->open_ended) ||
	    store_bind_text(st, 16, r->post) ||
	    store_bind_text(st, 17, r->sb_no) ||
	    store_bind_text(st, 18, r->last_paid_month) ||
	    store_bind_int(st, 19, r->settled) ||
	    store_bind_int(st, 20, r->compensation) ||
	    store_bind_int(st, 21, r->lost_contact) ||
	    store_bind_text(st, 22, r->handler_name) ||
	    store_bind_text(st, 23, r->handler_title) ||
	    store_bind_text(st, 24, r->handler_phone) ||
	    store_bind_text(st, 25, r->remark) ||
	    store_bind_int(st, 26, r->overdue))
		return -1;
	return store_exec_stmt(s, st);
}

/* See tuigong.h. */
int
tuigong_rows(struct store *s, int64_t task_id,
    void (*fn)(const struct tuigong_row *row, void *arg), void *arg)
{
	struct tuigong_row	*row;
	struct store_stmt		*st;
	int			 rc, n = 0;

	if ((row = malloc(sizeof(*row))) == NULL)
		return -1;
	if ((st = store_stmt(s, tg_sql[TG_STMT_ROWS])) == NULL ||
	    store_bind_int(st, 1, task_id)) {
		free(row);
		return -1;
	}
	while ((rc = store_step(st)) == STORE_ROW) {
		tg_row_read(st, row);
		fn(row, arg);
		n++;
	}
	store_reset(st);
	free(row);
	if (rc != STORE_DONE) {
		log_err("tuigong: rows: %s", store_errmsg(s));
		return -1;
	}
	return n;
}

/* Runs a query of one integer with one id bound.  Returns 0 or -1. */
static int
tg_int(struct store *s, const char *sql, int64_t id, int64_t *out)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, sql)) == NULL || store_bind_int(st, 1, id))
		return -1;
	return store_step_int(st, 0, out) == STORE_ROW ? 0 : -1;
}

/* See tuigong.h. */
int
tuigong_is_batch(struct store *s, int64_t task_id)
{
	int64_t	 n;

	/*
	 * The form's task is created with its row 0 in one transaction
	 * and row 0 is never deleted (batch_delete_row refuses it); a
	 * batch never has one.  So this holds from creation on, also for
	 * a batch whose rows all failed or were all deleted.
	 */
	if (tg_int(s, tg_sql[TG_STMT_IS_BATCH], task_id, &n) == -1)
		return -1;
	return n != 0;
}

/* See tuigong.h. */
int
tuigong_open_task(struct store *s, int64_t unit_id, const char *idno,
    int64_t except, int64_t *task_id, char seq_no[32])
{
	struct store_stmt	*st;
	int		 rc;

	*task_id = 0;
	seq_no[0] = '\0';
	if ((st = store_stmt(s, tg_sql[TG_STMT_OPEN_TASK])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, idno) ||
	    store_bind_int(st, 3, except))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		*task_id = store_col_int64(st, 0);
		tg_copy(seq_no, 32, store_col_text(st, 1));
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		log_err("tuigong: open task: %s", store_errmsg(s));
		return -1;
	}
	return rc == STORE_ROW;
}

/* Collects the (id, overdue) of each row for tuigong_mark_overdue. */
struct tg_marks {
	struct store		*s;
	int64_t			 unit_id;
	const struct hdate	*on;
	int64_t			*ids;
	unsigned char		*late;
	size_t			 n, cap;
	int			 failed;
};

/* tuigong_rows callback: one row's overdue flag. */
static void
tg_mark_row(const struct tuigong_row *row, void *arg)
{
	struct tg_marks	*m = arg;
	void		*p;
	size_t		 cap;
	int		 late;

	if (m->failed)
		return;
	if (m->n == m->cap) {
		cap = m->cap == 0 ? 16 : m->cap * 2;
		if (cap > SIZE_MAX / sizeof(int64_t) ||
		    (p = realloc(m->ids, cap * sizeof(int64_t))) == NULL) {
			m->failed = 1;
			return;
		}
		m->ids = p;
		if ((p = realloc(m->late, cap)) == NULL) {
			m->failed = 1;
			return;
		}
		m->late = p;
		m->cap = cap;
	}
	if ((late = tuigong_is_overdue(m->s, m->unit_id, row->end_date,
	    m->on)) == -1) {
		m->failed = 1;
		return;
	}
	m->ids[m->n] = row->id;
	m->late[m->n++] = (unsigned char)late;
}

/* See tuigong.h. */
int
tuigong_mark_overdue(struct store *s, int64_t task_id, const struct hdate *on)
{
	struct tg_marks	 m;
	struct store_stmt	*st;
	size_t		 i;
	int		 any = 0, rc = -1;

	memset(&m, 0, sizeof(m));
	m.s = s;
	m.on = on;
	if (tg_int(s, tg_sql[TG_STMT_TASK_UNIT], task_id,
	    &m.unit_id) == -1)
		return -1;
	if (tuigong_rows(s, task_id, tg_mark_row, &m) == -1 || m.failed)
		goto out;
	for (i = 0; i < m.n; i++) {
		any |= m.late[i];
		if ((st = store_stmt(s, tg_sql[TG_STMT_ROW_OVERDUE])) == NULL ||
		    store_bind_int(st, 1, m.late[i]) ||
		    store_bind_int(st, 2, m.ids[i]) || store_exec_stmt(s, st))
			goto out;
	}
	if ((st = store_stmt(s, tg_sql[TG_STMT_TASK_OVERDUE])) == NULL ||
	    store_bind_int(st, 1, any) ||
	    store_bind_int(st, 2, task_id) || store_exec_stmt(s, st))
		goto out;
	rc = 0;
out:
	free(m.ids);
	free(m.late);
	return rc;
}

/* See tuigong.h.  The counts are kept by the store (tally.h), so the
 * rate never reads the unit's history. */
int
tuigong_timeliness(struct store *s, int64_t unit_id, long long *on_time,
    long long *total)
{
	return tally_timeliness(s, unit_id, on_time, total);
}

/* See tuigong.h. */
int
tuigong_prefill(struct store *s, int64_t unit_id, const char *idno,
    struct tuigong_row *r)
{
	struct tuigong_facts	 f;

	memset(r, 0, sizeof(*r));
	tg_copy(r->idno, sizeof(r->idno), idno);
	if (tuigong_facts(s, unit_id, r, &f) != 0)
		return -1;
	if (f.other_contract_no[0] == '\0')
		return 1;
	tg_copy(r->contract_no, sizeof(r->contract_no), f.other_contract_no);
	if (tuigong_facts(s, unit_id, r, &f) != 0)
		return -1;
	if (!f.contract_found)
		return 1;
	tuigong_row_apply_facts(r, &f);
	tg_copy(r->name, sizeof(r->name), f.person_name);
	tg_copy(r->sex, sizeof(r->sex), f.person_sex);
	tg_copy(r->hukou_type, sizeof(r->hukou_type), f.person_hukou);
	tg_copy(r->phone, sizeof(r->phone), f.person_mobile);
	tg_copy(r->contract_start, sizeof(r->contract_start), f.start);
	tg_copy(r->contract_end, sizeof(r->contract_end), f.end);
	r->open_ended = f.open_ended;
	tg_copy(r->post, sizeof(r->post), f.post);
	return 0;
}

/* Starts the task of a save: a new one (dedup_key the form's token),
 * or task (still 未提交 under the write lock) with its summary.  *id,
 * *created as tuigong_save.  Returns 0, 1 when nothing is to be done
 * (the same form saved before), -1 on error; the transaction is open
 * when 0. */
static int
tg_save_task(struct store *s, const struct actor *who,
    const struct task *task, const char *summary, const char *dedup_key,
    int64_t *id, int *created)
{
	struct store_stmt	*st;

	if (store_begin(s) != 0)
		return -1;
	*created = 0;
	if (task == NULL) {
		if (wf_create(s, TG_BUSINESS, who->unit_id, who, summary,
		    dedup_key, id, created) != 0)
			return -1;
		return *created ? 0 : 1;
	}
	*id = task->id;
	if ((st = store_stmt(s, tg_sql[TG_STMT_SUMMARY])) ==
	    NULL || store_bind_text(st, 1, summary) ||
	    store_bind_int(st, 2, (int64_t)clock_now()) ||
	    store_bind_int(st, 3, task->id) || store_exec_stmt(s, st) ||
	    store_changes(s) != 1)
		return -1;
	return 0;
}

/* See tuigong.h. */
int
tuigong_save(struct store *s, const struct actor *who,
    const struct task *task, struct tuigong_row *r, const char *dedup_key,
    int64_t *id, int *created, int64_t *dup_id, char dup_seq[32])
{
	struct store_stmt	*st;
	struct hdate		 on;
	char			 summary[160], object[40];
	int			 late, rc;

	snprintf(summary, sizeof(summary), "%s %s %s", r->name, r->reason,
	    r->end_date);
	clock_today(&on);
	/* A 回退 task counts to its first submission, not to today. */
	if ((task != NULL && tuigong_overdue_day(s, task->id, &on) != 0) ||
	    (late = tuigong_is_overdue(s, who->unit_id, r->end_date,
	    &on)) < 0)
		return -1;
	r->overdue = late;
	if ((rc = tg_save_task(s, who, task, summary, dedup_key, id,
	    created)) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	if ((rc = tuigong_open_task(s, who->unit_id, r->idno, *id, dup_id,
	    dup_seq)) != 0) {
		store_rollback(s);
		*created = 0;
		return rc < 0 ? -1 : 1;
	}
	r->task_id = *id;
	r->row_no = 0;
	snprintf(object, sizeof(object), "task:%" PRId64, *id);
	if (tuigong_row_save(s, r) != 0 ||
	    (r->comp != NULL && tg_comp_save(s, *id, 0, r->comp) != 0) ||
	    (st = store_stmt(s, tg_sql[TG_STMT_SAVE_OVERDUE])) == NULL ||
	    store_bind_int(st, 1, r->overdue) ||
	    store_bind_int(st, 2, *id) || store_exec_stmt(s, st) ||
	    audit_append(s, who, "tuigong.save", object, summary) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* ---- The timeline ---- */

/* Appends a step to t; returns it (NULL when full). */
static struct tuigong_step *
tg_step(struct tuigong_timeline *t, const char *kind, const char *date)
{
	struct tuigong_step	*st;

	if (t->nsteps == TG_MAX_STEPS)
		return NULL;
	st = &t->steps[t->nsteps++];
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	tg_copy(st->date, sizeof(st->date), date);
	return st;
}

/* The 参保 step of person_id at unit_id.  Returns 0 or -1. */
static int
tg_timeline_insurance(struct store *s, int64_t unit_id, int64_t person_id,
    struct tuigong_timeline *out)
{
	struct tuigong_step	*step;
	struct store_stmt		*st;
	int			 rc;

	if ((st = store_stmt(s, tg_sql[TG_STMT_TL_INSURANCE])) == NULL ||
	    store_bind_int(st, 1, person_id) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW && (step = tg_step(out, "参保",
	    store_col_text(st, 0))) != NULL) {
		tg_copy(step->state, sizeof(step->state), store_col_text(st, 2));
		snprintf(step->detail, sizeof(step->detail), "社保账号 %s,%s",
		    store_col_text(st, 1), store_col_text(st, 2));
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* The 增员 step of person_id at unit_id, from his latest 增员 there
 * (lib/zengyuan.h), with the insurance it opened.  Returns 1 when there
 * is one, 0 none, -1 on error. */
static int
tg_timeline_zengyuan(struct store *s, int64_t unit_id, int64_t person_id,
    struct tuigong_timeline *out)
{
	struct tuigong_step	*step;
	struct zengyuan_step	 z;
	int			 rc;

	if ((rc = zengyuan_person_step(s, unit_id, person_id, &z)) <= 0)
		return rc;
	if ((step = tg_step(out, "增员", z.start_month)) == NULL)
		return 1;
	step->task_id = z.task_id;
	tg_copy(step->seq_no, sizeof(step->seq_no), z.seq_no);
	tg_copy(step->state, sizeof(step->state), z.state);
	if (z.base_fen > 0)
		snprintf(step->detail, sizeof(step->detail), "%s,参保缴费自 %s,"
		    "缴费基数 %" PRId64 ".%02" PRId64 " 元", z.renewal ? "续保" :
		    "首次参保", z.start_month, z.base_fen / 100,
		    z.base_fen % 100);
	else
		snprintf(step->detail, sizeof(step->detail), "%s,参保日期 %s",
		    z.renewal ? "续保" : "首次参保", z.start_month);
	return 1;
}

/* The 减员 step of person_id at unit_id, from a 减员 task or else the
 * insurance stop month.  Returns 0 or -1. */
static int
tg_timeline_jianyuan(struct store *s, int64_t unit_id, int64_t person_id,
    const char *ins_status, const char *stop_month,
    struct tuigong_timeline *out)
{
	struct tuigong_step	*step;
	struct jy_reduction	 jr;
	int			 rc;

	if ((rc = jy_person_reduction(s, unit_id, person_id, &jr)) < 0)
		return -1;
	if (rc > 0 && (step = tg_step(out, "减员", jr.change_date)) != NULL) {
		step->task_id = jr.task_id;
		tg_copy(step->seq_no, sizeof(step->seq_no), jr.seq_no);
		tg_copy(step->state, sizeof(step->state), jr.state);
		snprintf(step->detail, sizeof(step->detail), "减少原因 %s,停缴月份 %s",
		    jr.reason, jr.stop_month);
	}
	if (rc == 0 && strcmp(ins_status, "暂停缴费") == 0 &&
	    (step = tg_step(out, "减员", stop_month)) != NULL) {
		tg_copy(step->state, sizeof(step->state), "暂停缴费");
		snprintf(step->detail, sizeof(step->detail),
		    "暂停缴费,停缴月份 %s", stop_month);
	}
	return 0;
}

/* The 退工 step of person_id at unit_id.  Returns 1 when one is
 * submitted or finished, 0 when none or only a draft, -1 on error. */
static int
tg_timeline_tuigong(struct store *s, int64_t unit_id, int64_t person_id,
    struct tuigong_timeline *out)
{
	struct tuigong_step	*step;
	struct store_stmt		*st;
	int			 rc, done = 0;

	if ((st = store_stmt(s, tg_sql[TG_STMT_TL_TUIGONG])) == NULL ||
	    store_bind_int(st, 1, person_id) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW && (step = tg_step(out, "退工",
	    store_col_text(st, 3))) != NULL) {
		step->task_id = store_col_int64(st, 0);
		tg_copy(step->seq_no, sizeof(step->seq_no), store_col_text(st, 1));
		tg_copy(step->state, sizeof(step->state), store_col_text(st, 2));
		snprintf(step->detail, sizeof(step->detail), "退工原因 %s%s",
		    store_col_text(st, 4), store_col_int(st, 5) ?
		    ",逾期" : "");
		done = strcmp(step->state, "未提交") != 0;
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	return done;
}

/* Fills step's 业务顺序号 and state from task task_id of e's unit, when
 * there is one.  Returns 0 or -1. */
static int
tg_timeline_task(struct store *s, const struct employment *e,
    int64_t task_id, struct tuigong_step *step)
{
	struct task	 t;
	int		 rc;

	if (step == NULL || task_id <= 0)
		return 0;
	if ((rc = wf_load(s, task_id, e->unit_id, &t)) != 0)
		return rc < 0 ? -1 : 0;
	step->task_id = t.id;
	tg_copy(step->seq_no, sizeof(step->seq_no), t.seq_no);
	tg_copy(step->state, sizeof(step->state), task_state_names[t.state]);
	return 0;
}

/* The 用工备案 step of employment e: the day it was registered, with its
 * 用工备案 task when one made it (else its status).  Returns 0 or -1. */
static int
tg_timeline_reg(struct store *s, const struct employment *e,
    struct tuigong_timeline *out)
{
	struct tuigong_step	*step;

	if ((step = tg_step(out, "用工备案", e->registered_at)) == NULL)
		return 0;
	tg_copy(step->state, sizeof(step->state), e->status);
	snprintf(step->detail, sizeof(step->detail), "合同编号 %s,用工之日 %s,"
	    "就业状态 %s%s%s%s", e->contract_no, e->hire_date, e->status,
	    e->ended_at[0] != '\0' ? ",终止日期 " : "", e->ended_at,
	    e->late ? ",逾期登记" : "");
	return tg_timeline_task(s, e, e->reg_task_id, step);
}

/* The 撤销 step of employment e, when it was revoked.  Returns 0 or
 * -1. */
static int
tg_timeline_revoke(struct store *s, const struct employment *e,
    struct tuigong_timeline *out)
{
	struct tuigong_step	*step;

	if (strcmp(e->status, "已撤销") != 0 ||
	    (step = tg_step(out, "撤销", e->revoked_at)) == NULL)
		return 0;
	tg_copy(step->state, sizeof(step->state), e->status);
	snprintf(step->detail, sizeof(step->detail), "用工备案已撤销(合同编号 %s)",
	    e->contract_no);
	return tg_timeline_task(s, e, e->revoke_task_id, step);
}

/* pkg_person_lines callback: one line per package of the person. */
static void
tg_timeline_package(const struct pkg_line *l, void *arg)
{
	struct tuigong_timeline	*out = arg;
	struct tuigong_step	*step;

	if ((step = tg_step(out, l->title, l->date)) == NULL)
		return;
	step->package_id = l->pkg_id;
	tg_copy(step->state, sizeof(step->state), l->state);
	tg_copy(step->detail, sizeof(step->detail), l->detail);
}

/* Writes the next right step into out->advice. */
static void
tg_timeline_advice(struct tuigong_timeline *out, int policy_first,
    int emp_active, int insured_active, int64_t arrears, int tuigong_done,
    int has_tuigong)
{
	int	 unsettled = insured_active || arrears > 0;

	if (tuigong_done && unsettled && policy_first) {
		out->wrong_order = 1;
		snprintf(out->advice, sizeof(out->advice), "顺序有误:退工先于减员。"
		    "请尽快办理城镇职工减少(减员)%s", arrears > 0 ?
		    ",并结清欠费" : "");
	} else if (tuigong_done && insured_active)
		snprintf(out->advice, sizeof(out->advice),
		    "员工已退工,请办理城镇职工减少(减员)");
	else if (emp_active && unsettled && policy_first)
		snprintf(out->advice, sizeof(out->advice), "办理退工前,请先办理"
		    "城镇职工减少(减员)%s", arrears > 0 ? ",并结清欠费" : "");
	else if (emp_active && !unsettled && !has_tuigong && !insured_active &&
	    out->nsteps > 2)
		snprintf(out->advice, sizeof(out->advice),
		    "社保已减员,请在劳动关系终止后15日内办理退工登记");
}

/* See tuigong.h. */
int
tuigong_timeline(struct store *s, int64_t unit_id, const char *idno,
    struct tuigong_timeline *out)
{
	struct tuigong_facts	 f;
	struct employment	 emp;
	struct store_stmt		*st;
	struct hdate		 today;
	char			 region[16];
	int64_t			 person_id, emp_id;
	int			 rc, emp_active, done, first, has_tg, zy;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	if ((st = store_stmt(s, tg_sql[TG_STMT_TL_PERSON])) == NULL ||
	    store_bind_text(st, 1, idno) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc != STORE_ROW) {
		store_reset(st);
		return rc == STORE_DONE ? 1 : -1;
	}
	person_id = store_col_int64(st, 0);
	emp_id = store_col_int64(st, 7);
	tg_copy(out->name, sizeof(out->name), store_col_text(st, 1));
	tg_copy(out->idno, sizeof(out->idno), store_col_text(st, 2));
	emp_active = strcmp(store_col_text(st, 5), "在职") == 0;
	store_reset(st);
	/* It starts at 用工备案 (issue 9). */
	if (emp_load(s, unit_id, emp_id, &emp) != 0 ||
	    tg_timeline_reg(s, &emp, out) == -1)
		return -1;

	f.person_id = person_id;
	if (tg_facts_insurance(s, unit_id, &f) == -1)
		return -1;
	/* 增员 (issue 10) when the hall enrolled him, else his 参保. */
	if ((zy = tg_timeline_zengyuan(s, unit_id, person_id, out)) == -1)
		return -1;
	if (!zy && f.insured && tg_timeline_insurance(s, unit_id, person_id,
	    out) == -1)
		return -1;
	if (tg_timeline_jianyuan(s, unit_id, person_id, f.ins_status,
	    f.stop_month, out) == -1)
		return -1;
	if ((done = tg_timeline_tuigong(s, unit_id, person_id, out)) == -1)
		return -1;
	has_tg = out->nsteps > 0 &&
	    strcmp(out->steps[out->nsteps - 1].kind, "退工") == 0;
	if (tg_timeline_revoke(s, &emp, out) == -1)
		return -1;
	/* The 打包快办 packages of the person, asked of lib/dabao.h. */
	if (pkg_person_lines(s, unit_id, out->idno, tg_timeline_package,
	    out) == -1)
		return -1;
	clock_today(&today);
	if (tg_region(s, unit_id, region, sizeof(region)) == -1 ||
	    policy_bool(s, region, "tuigong.require_jianyuan_first", &today, 0,
	    &first) == -1)
		return -1;
	tg_timeline_advice(out, first, emp_active, f.insured &&
	    strcmp(f.ins_status, "参保缴费") == 0, f.arrears, done, has_tg);
	return 0;
}

/* ---- The business ---- */

/* A row's 社保 facts as the store has them now, to be saved. */
struct tg_fresh {
	int64_t		 id;
	int64_t		 employment_id;
	int64_t		 person_id;
	char		 sb_no[32];
	char		 last_paid_month[8];
	int		 settled;
};

/* What the check of a task carries from row to row. */
struct tg_checkarg {
	struct store		*s;
	int64_t			 unit_id;
	int64_t			 task_id;
	const struct hdate	*today;
	struct form_errors	*errs;
	int			 batch;
	int			 failed;
	struct tg_fresh		*fresh;		/* each row's facts now */
	size_t			 nfresh, capfresh;
};

/* Keeps the facts f of row (applied as tuigong_row_apply_facts does)
 * for tg_fresh_save.  Returns 0 or -1. */
static int
tg_fresh_add(struct tg_checkarg *a, const struct tuigong_row *row,
    const struct tuigong_facts *f)
{
	struct tuigong_row	 r;
	struct tg_fresh		*fr;
	void			*p;
	size_t			 cap;

	if (a->nfresh == a->capfresh) {
		cap = a->capfresh == 0 ? 16 : a->capfresh * 2;
		if (cap > SIZE_MAX / sizeof(*a->fresh) ||
		    (p = realloc(a->fresh, cap * sizeof(*a->fresh))) == NULL)
			return -1;
		a->fresh = p;
		a->capfresh = cap;
	}
	r = *row;
	tuigong_row_apply_facts(&r, f);
	fr = &a->fresh[a->nfresh++];
	fr->id = r.id;
	fr->employment_id = r.employment_id;
	fr->person_id = r.person_id;
	tg_copy(fr->sb_no, sizeof(fr->sb_no), r.sb_no);
	tg_copy(fr->last_paid_month, sizeof(fr->last_paid_month),
	    r.last_paid_month);
	fr->settled = r.settled;
	return 0;
}

/* tuigong_rows callback: the rules of one row. */
static void
tg_check_row(const struct tuigong_row *row, void *arg)
{
	struct tg_checkarg	*a = arg;
	struct tuigong_facts	 f;
	char			 prefix[128];

	if (a->failed)
		return;
	prefix[0] = '\0';
	if (a->batch)
		snprintf(prefix, sizeof(prefix), "第%d行(%s): ", row->row_no,
		    row->name);
	if (tuigong_facts(a->s, a->unit_id, row, &f) == -1 ||
	    tuigong_rules(a->s, a->unit_id, a->task_id, row, &f, a->today,
	    prefix, a->errs) == -1 || tg_fresh_add(a, row, &f) == -1)
		a->failed = 1;
}

/* Saves the facts tg_check_row found into each row, so that what is
 * submitted, approved and printed carries the store's facts of now,
 * not those of the day the draft was saved.  Returns 0 or -1. */
static int
tg_fresh_save(struct store *s, const struct tg_checkarg *a)
{
	const struct tg_fresh	*fr;
	struct store_stmt		*st;
	size_t			 i;

	for (i = 0; i < a->nfresh; i++) {
		fr = &a->fresh[i];
		if ((st = store_stmt(s, tg_sql[TG_STMT_FRESH_ROW])) ==
		    NULL || store_bind_int(st, 1, fr->employment_id) ||
		    store_bind_int(st, 2, fr->person_id) ||
		    store_bind_text(st, 3, fr->sb_no) ||
		    store_bind_text(st, 4, fr->last_paid_month) ||
		    store_bind_int(st, 5, fr->settled) ||
		    store_bind_int(st, 6, fr->id) || store_exec_stmt(s, st))
			return -1;
	}
	return 0;
}

/* Adds "缺少附件: …" when a required material of the task is missing.
 * Returns 0 or -1. */
static int
tg_check_materials(struct store *s, const struct tg_checkarg *a)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	char			 missing[512];
	size_t			 i, n;
	int			 rc;

	if (tuigong_task_materials(s, a->task_id, m, &n) == -1)
		return -1;
	missing[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!m[i].required)
			continue;
		if ((rc = attach_has(s, a->task_id, 0, m[i].code)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if (missing[0] != '\0')
			strlcat_tg(missing, "、", sizeof(missing));
		strlcat_tg(missing, m[i].name, sizeof(missing));
	}
	if (missing[0] != '\0')
		tg_err(a->errs, NULL, "attachments", "TG_MISSING_ATTACH",
		    "缺少附件: %s", missing);
	return 0;
}

/* See tuigong.h. */
int
tuigong_overdue_day(struct store *s, int64_t task_id, struct hdate *on)
{
	return wf_first_submitted(s, task_id, on);
}


/* Sets up a for checking task_id's rows: its unit, today (kept in
 * *today, which a points at), errs and whether it is a batch.  Returns
 * 0, or -1 when the task cannot be read.  a owns nothing yet. */
static int
tg_checkarg_init(struct tg_checkarg *a, struct store *s, int64_t task_id,
    struct hdate *today, struct form_errors *errs)
{
	struct task	 t;

	if (wf_load(s, task_id, 0, &t) != 0)
		return -1;
	clock_today(today);
	memset(a, 0, sizeof(*a));
	a->s = s;
	a->unit_id = t.unit_id;
	a->task_id = task_id;
	a->today = today;
	a->errs = errs;
	if ((a->batch = tuigong_is_batch(s, task_id)) == -1)
		return -1;
	return 0;
}
/* The workflow's check: every rule over every row with the store's
 * facts of now (saved into the rows), the attachments, and the 逾期
 * flags as of the first submission. */
static int
tg_business_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct tg_checkarg	 a;
	struct hdate		 today, on;
	int			 n, rc = -1;

	if (tg_checkarg_init(&a, s, task_id, &today, errs) == -1)
		return -1;
	if ((n = tuigong_rows(s, task_id, tg_check_row, &a)) == -1 ||
	    a.failed || tg_fresh_save(s, &a) == -1)
		goto out;
	if (n == 0) {
		tg_err(errs, NULL, "", "TG_NO_ROWS", "没有可提交的退工人员");
		rc = 0;
		goto out;
	}
	if (tg_check_materials(s, &a) == -1 ||
	    tuigong_overdue_day(s, task_id, &on) == -1)
		goto out;
	rc = tuigong_mark_overdue(s, task_id, &on);
out:
	free(a.fresh);
	return rc;
}

/* See tuigong.h. */
int
tuigong_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct tg_checkarg	 a;
	struct hdate		 today;
	int			 rc = -1;

	if (tg_checkarg_init(&a, s, task_id, &today, errs) == -1)
		return -1;
	if (tuigong_rows(s, task_id, tg_check_row, &a) != -1 && !a.failed)
		rc = 0;
	free(a.fresh);
	return rc;
}

/* See tuigong.h. */
int
tuigong_job_ended(struct store *s, int64_t unit_id, int64_t person_id,
    int64_t employment_id, const char *since)
{
	struct store_stmt	*st;
	int			 rc;
	int64_t			 v = 0;

	if ((st = store_stmt(s, tg_sql[TG_STMT_JOB_ENDED])) ==
	    NULL || store_bind_int(st, 1, person_id) ||
	    store_bind_int(st, 2, unit_id) ||
	    store_bind_int(st, 3, employment_id) ||
	    store_bind_text(st, 4, since))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		v = store_col_int64(st, 0);
	store_reset(st);
	if (rc != STORE_ROW)
		return -1;
	return v != 0;
}

/* The workflow's effect on approval: every row's employment ends
 * (已退工 on its 退工日期), and the unit is reminded to hand over the
 * certificate and transfer the 档案. */
static int
tg_business_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	char		 title[256], body[768], object[40], detail[64], region[16];
	struct tuigong_row row;
	struct task	 t;
	struct hdate	 d;
	struct store_stmt	*st;
	long long	 days;
	int64_t		 rows;
	int		 changed, batch;

	if (wf_load(s, task_id, 0, &t) != 0 ||
	    tg_int(s, tg_sql[TG_STMT_ROW_COUNT_APPLY],
	    task_id, &rows) == -1)
		return -1;
	if ((st = store_stmt(s, tg_sql[TG_STMT_END_EMPLOYMENT])) == NULL ||
	    store_bind_int(st, 1, task_id) ||
	    store_exec_stmt(s, st))
		return -1;
	changed = store_changes(s);
	if ((int64_t)changed != rows) {
		log_err("tuigong: task %" PRId64 ": %d of %" PRId64
		    " employments ended", task_id, changed, rows);
		return -1;
	}
	if ((batch = tuigong_is_batch(s, task_id)) == -1 ||
	    tg_region(s, t.unit_id, region, sizeof(region)) == -1 ||
	    policy_int(s, region, "tuigong.dangan_days", NULL, 15, &days) == -1)
		return -1;
	snprintf(title, sizeof(title), "业务顺序号 %s 退工登记办结提醒:请送达"
	    "《退工登记证明》并转递档案", t.seq_no);
	if (!batch && tuigong_row_load(s, task_id, 0, &row) == 0 &&
	    valid_date(row.end_date, &d) == VALID_OK) {
		hdate_add_days(&d, (long)days);
		hdate_fmt(&d, detail);
		snprintf(body, sizeof(body), "请将《退工登记证明》送达员工 %s(可在"
		    "业务打印中打印);若员工档案由单位保管,须在退工后%lld日内"
		    "(%s 前)将档案转递至户籍地或就业地公共就业服务机构。",
		    row.name, days, detail);
	} else
		snprintf(body, sizeof(body), "请将《退工登记证明》送达每位员工"
		    "(共 %" PRId64 " 人,可在业务打印中打印);若员工档案由单位"
		    "保管,须在各自退工后%lld日内将档案转递至户籍地或就业地公共"
		    "就业服务机构。", rows, days);
	if ((st = store_stmt(s, tg_sql[TG_STMT_MESSAGE])) == NULL ||
	    store_bind_int(st, 1, t.unit_id) || store_bind_int(st, 2, task_id) ||
	    store_bind_int(st, 3, (int64_t)clock_now()) ||
	    store_bind_text(st, 4, title) || store_bind_text(st, 5, body) ||
	    store_exec_stmt(s, st))
		return -1;
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "employments ended=%d", changed);
	return audit_append(s, who, "tuigong.apply", object, detail);
}

/* Describes row 0 of a single 退工. */
static void
tg_describe_row(const struct tuigong_row *r,
    void (*field)(void *, const char *, const char *), void *arg)
{
	char	 buf[256];

	field(arg, "姓名", r->name);
	field(arg, "身份证号", r->idno);
	field(arg, "性别", r->sex);
	field(arg, "户籍类型", r->hukou_type);
	field(arg, "联系电话", r->phone);
	field(arg, "退工原因", r->reason);
	field(arg, "退工日期", r->end_date);
	field(arg, "合同编号", r->contract_no);
	if (r->open_ended)
		snprintf(buf, sizeof(buf), "无固定期限(自 %s 起)",
		    r->contract_start);
	else
		snprintf(buf, sizeof(buf), "%s 至 %s", r->contract_start,
		    r->contract_end);
	field(arg, "合同期限", buf);
	field(arg, "岗位", r->post);
	field(arg, "社保账号", r->sb_no);
	field(arg, "最后缴费月份", r->last_paid_month);
	field(arg, "是否结清", r->settled ? "是" : "否");
	field(arg, "已支付经济补偿", r->compensation ? "是" : "否");
	field(arg, "备注", r->remark);
	snprintf(buf, sizeof(buf), "%s%s%s%s %s", r->handler_name,
	    r->handler_title[0] != '\0' ? "(" : "", r->handler_title,
	    r->handler_title[0] != '\0' ? ")" : "", r->handler_phone);
	field(arg, "经办人", buf);
	field(arg, "逾期", r->overdue ? "是(超过15日)" : "否");
}

/* Collects a batch's names for describe. */
struct tg_names {
	char	 names[1500];
	size_t	 n;
	size_t	 overdue;
	size_t	 shown;
};

/* tuigong_rows callback: one name. */
static void
tg_name_row(const struct tuigong_row *r, void *arg)
{
	struct tg_names	*a = arg;
	size_t		 len = strlen(a->names);

	a->n++;
	a->overdue += r->overdue != 0;
	if (len + strlen(r->name) + 8 >= sizeof(a->names))
		return;
	snprintf(a->names + len, sizeof(a->names) - len, "%s%s",
	    len > 0 ? "、" : "", r->name);
	a->shown++;
}

/* The workflow's describe: the facts for the reviewer desk and the
 * printouts. */
static int
tg_business_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct tuigong_row	 row;
	struct tg_names		*a;
	char			 buf[1600];
	int			 batch, rc;

	if ((batch = tuigong_is_batch(s, task_id)) == -1)
		return -1;
	if (!batch) {
		if ((rc = tuigong_row_load(s, task_id, 0, &row)) == -1)
			return -1;
		if (rc == 0)
			tg_describe_row(&row, field, arg);
		return rc == 0 ? tg_comp_describe(s, task_id, field, arg) : 0;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	if (tuigong_rows(s, task_id, tg_name_row, a) == -1) {
		free(a);
		return -1;
	}
	field(arg, "业务类型", "批量退工");
	snprintf(buf, sizeof(buf), "%zu", a->n);
	field(arg, "人数", buf);
	if (a->shown < a->n)
		snprintf(buf, sizeof(buf), "%s 等%zu人", a->names, a->n);
	else
		snprintf(buf, sizeof(buf), "%s", a->names);
	field(arg, "名单", buf);
	snprintf(buf, sizeof(buf), "%zu", a->overdue);
	field(arg, "逾期人数", buf);
	free(a);
	return 0;
}

/* The facts the rows hook gives per person, in its SELECT's order. */
static const char *const tg_row_labels[] = { "退工原因", "退工日期", "合同编号" };

/* The rows hook: each row's person with 退工原因, 退工日期 and 合同编号.
 * Returns the rows walked or -1. */
static int
tg_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, tg_sql[TG_STMT_WF_ROWS], task_id, tg_row_labels, 3,
	    fn, arg);
}

/* The rows_page hook: one page of the rows, reading no others.
 * Returns the rows walked or -1. */
static int
tg_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, tg_sql[TG_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, tg_row_labels, 3, fn, arg);
}

/* The rows_find hook: the rows of a 身份证号, through the index on
 * (idno, task_id), reading no others.  Returns the rows walked or -1. */
static int
tg_wf_rows_find(struct store *s, int64_t task_id, const char *idno,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_find(s, tg_sql[TG_STMT_WF_ROWS_FIND], task_id, idno,
	    tg_row_labels, 3, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
tg_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, tg_sql[TG_STMT_ROW_COUNT],
	    task_id, 0, n);
}

/* The row_delete hook: a batch row (row 0, the form's, stays).
 * Returns 0, 1 none, -1 error. */
static int
tg_row_delete(struct store *s, int64_t task_id, int row_no)
{
	if (row_no <= 0)
		return 1;
	return rows_delete(s, tg_sql[TG_STMT_ROW_DELETE], task_id, row_no);
}

/* The rows_move hook: batch rows to another task.  Returns 0, 1 when a
 * row is not there (or is the form's row 0), -1 on error. */
static int
tg_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (row_nos[i] <= 0)
			return 1;
	return rows_move(s, tg_sql[TG_STMT_ROWS_MOVE], task_id, to_task,
	    row_nos, n);
}

static const struct wf_menu tg_menu[] = {
	{ "退工登记", "/tuigong" },
	{ "批量退工", "/tuigong/batch" },
	{ "员工时间轴", "/tuigong/timeline" },
	{ NULL, NULL }
};

static const struct wf_receipt tg_receipts[] = {
	{ "tuigong", "退工登记证明", "tuigong", "TG" },
	{ "zonghe", "综合业务处理单", "zonghe", "ZH" },
	{ "jjbc", "经济补偿金计算表", "jjbc", "JB" },	/* lib/tuigong_comp.c */
	{ NULL, NULL, NULL, NULL }
};

/* 《退工登记证明》 bears the 公共就业服务机构's seal. */
static const struct wf_issuer tg_issuers[] = {
	{ "tuigong", 1, "退工登记专用章" },
	{ NULL, 0, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const tg_receipt_facts[] = {
	"退工日期", "退工原因", NULL
};

const struct wf_business tuigong_business = {
	.issuers = tg_issuers,
	.code = TG_BUSINESS,
	.name = "退工登记",
	.path = "/tuigong",
	.review_days_min = 1,
	.review_days_max = 3,
	.check = tg_business_check,
	.apply = tg_business_apply,
	.describe = tg_business_describe,
	.category = "jiuye",
	.menu = tg_menu,
	.receipts = tg_receipts,
	.batch = &tuigong_batch,
	.rows = tg_wf_rows,
	.row_count = tg_row_count,
	.row_delete = tg_row_delete,
	.rows_move = tg_rows_move,
	.rows_page = tg_wf_rows_page,
	.rows_find = tg_wf_rows_find,
	.receipt_facts = tg_receipt_facts,
};

/* ---- The batch ---- */

static const char *const tg_columns[TGC__MAX + 1] = {
	"姓名",			/* TGC_NAME */
	"身份证号",		/* TGC_SFZH */
	"合同编号",		/* TGC_CONTRACT_NO */
	"退工原因",		/* TGC_REASON */
	"退工日期",		/* TGC_END_DATE */
	"户籍类型",		/* TGC_HUKOU */
	"联系电话",		/* TGC_PHONE */
	"经济补偿(是/否)",	/* TGC_COMPENSATION */
	"备注",			/* TGC_REMARK */
	NULL
};

static const char *const tg_example[TGC__MAX + 1] = {
	"张三", "11010519491231002X", "HT2023-0001", "协商一致解除",
	"2026-01-15", "城镇", "13800000000", "否", "示例行,不会导入",
	NULL
};

/* Cell i trimmed of white space into dst[dstsz] ("" when absent). */
static void
tg_cell(const char *const *cells, size_t ncells, size_t i, char *dst,
    size_t dstsz)
{
	text_copy_trim(dst, dstsz, i < ncells ? cells[i] : NULL);
}

/* See tuigong.h. */
size_t
tuigong_row_from_cells(const char *const *cells, size_t ncells,
    const struct hdate *today, struct tuigong_row *row,
    struct form_errors *errs)
{
	struct idcard	 ic;
	struct hdate	 d;
	char		 comp[16], date[32], *p;
	size_t		 n0 = errs->n;

	memset(row, 0, sizeof(*row));
	tg_cell(cells, ncells, TGC_NAME, row->name, sizeof(row->name));
	tg_cell(cells, ncells, TGC_SFZH, row->idno, sizeof(row->idno));
	tg_cell(cells, ncells, TGC_CONTRACT_NO, row->contract_no,
	    sizeof(row->contract_no));
	tg_cell(cells, ncells, TGC_REASON, row->reason, sizeof(row->reason));
	tg_cell(cells, ncells, TGC_END_DATE, date, sizeof(date));
	tg_cell(cells, ncells, TGC_HUKOU, row->hukou_type,
	    sizeof(row->hukou_type));
	tg_cell(cells, ncells, TGC_PHONE, row->phone, sizeof(row->phone));
	tg_cell(cells, ncells, TGC_COMPENSATION, comp, sizeof(comp));
	tg_cell(cells, ncells, TGC_REMARK, row->remark, sizeof(row->remark));
	for (p = row->idno; *p != '\0'; p++)
		if (*p == 'x')
			*p = 'X';
	for (p = date; *p != '\0'; p++)
		if (*p == '/' || *p == '.')
			*p = '-';
	if (row->name[0] == '\0' || valid_text(row->name, 30) != VALID_OK)
		tg_err(errs, NULL, "name", "TG_NAME_INVALID", "姓名不能为空(不超过30字)");
	if (valid_idcard(row->idno, today, &ic) != VALID_OK)
		tg_err(errs, NULL, "sfzh", "TG_IDCARD_INVALID",
		    "身份证号无效(须为18位公民身份号码,校验位正确)");
	else
		tg_copy(row->sex, sizeof(row->sex), ic.male ? "男" : "女");
	if (row->contract_no[0] == '\0' ||
	    valid_text(row->contract_no, 40) != VALID_OK)
		tg_err(errs, NULL, "contract_no", "TG_CONTRACT_NO_INVALID",
		    "合同编号不能为空(不超过40字)");
	if (tuigong_reason_of(row->reason) == TG_REASON__MAX)
		tg_err(errs, NULL, "reason", "TG_REASON_INVALID",
		    "退工原因须为:合同到期终止、员工辞职、单位辞退、协商一致解除、"
		    "员工失联、其他之一");
	if (valid_date(date, &d) != VALID_OK)
		tg_err(errs, NULL, "end_date", "TG_DATE_INVALID",
		    "退工日期不是有效日期(格式 YYYY-MM-DD)");
	else
		hdate_fmt(&d, row->end_date);
	if (row->hukou_type[0] != '\0' && strcmp(row->hukou_type, "城镇") != 0 &&
	    strcmp(row->hukou_type, "农村") != 0)
		tg_err(errs, NULL, "hukou_type", "TG_HUKOU_INVALID",
		    "户籍类型须为城镇或农村");
	if (row->phone[0] != '\0' && valid_phone(row->phone) != VALID_OK)
		tg_err(errs, NULL, "phone", "TG_PHONE_INVALID", "联系电话格式不正确");
	if (strcmp(comp, tg_yesno[1]) == 0 || strcmp(comp, "1") == 0)
		row->compensation = 1;
	else if (comp[0] != '\0' && strcmp(comp, tg_yesno[0]) != 0 &&
	    strcmp(comp, "0") != 0)
		tg_err(errs, NULL, "compensation", "TG_COMP_INVALID",
		    "经济补偿须填“是”或“否”");
	if (valid_text(row->remark, 200) != VALID_OK)
		tg_err(errs, NULL, "remark", "TG_REMARK_INVALID",
		    "备注含有非法字符或超过200字");
	row->lost_contact = tuigong_reason_of(row->reason) == TG_REASON_LOST;
	return errs->n - n0;
}

/* batch_spec row_check: the same rules as the form. */
static int
tg_row_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *today, struct form_errors *errs)
{
	struct tuigong_facts	 f;
	struct tuigong_row	 row;

	if (tuigong_row_from_cells(cells, ncells, today, &row, errs) > 0)
		return 0;
	if (tuigong_facts(s, unit_id, &row, &f) == -1)
		return -1;
	return tuigong_rules(s, unit_id, 0, &row, &f, today, NULL, errs);
}

/* batch_spec row_store: a checked row with the store's facts. */
static int
tg_row_store(struct store *s, int64_t unit_id, int64_t task_id, int row_no,
    const char *const *cells, size_t ncells, const struct hdate *today)
{
	struct form_errors	*scratch;
	struct tuigong_facts	 f;
	struct tuigong_row	 row;
	int			 late;

	if ((scratch = calloc(1, sizeof(*scratch))) == NULL)
		return -1;
	tuigong_row_from_cells(cells, ncells, today, &row, scratch);
	free(scratch);
	if (tuigong_facts(s, unit_id, &row, &f) == -1)
		return -1;
	tuigong_row_apply_facts(&row, &f);
	row.task_id = task_id;
	row.row_no = row_no;
	if (row.employment_id > 0) {
		tg_copy(row.contract_start, sizeof(row.contract_start), f.start);
		tg_copy(row.contract_end, sizeof(row.contract_end), f.end);
		row.open_ended = f.open_ended;
		tg_copy(row.post, sizeof(row.post), f.post);
		if (row.hukou_type[0] == '\0')
			tg_copy(row.hukou_type, sizeof(row.hukou_type),
			    f.person_hukou);
		if (row.phone[0] == '\0')
			tg_copy(row.phone, sizeof(row.phone), f.person_mobile);
	}
	if ((late = tuigong_is_overdue(s, unit_id, row.end_date, today)) == -1)
		return -1;
	row.overdue = late;
	return tuigong_row_save(s, &row);
}

/* How the template shows each column: the drop-downs are the tables
 * tuigong_row_from_cells() checks against. */
static const struct batch_col tg_cols[TGC__MAX] = {
	{ BATCH_COL_TEXT, NULL, 12 },			/* TGC_NAME */
	{ BATCH_COL_TEXT, NULL, 22 },			/* TGC_SFZH */
	{ BATCH_COL_TEXT, NULL, 16 },			/* TGC_CONTRACT_NO */
	{ BATCH_COL_TEXT, tuigong_reason_names, 16 },	/* TGC_REASON */
	{ BATCH_COL_DATE, NULL, 14 },			/* TGC_END_DATE */
	{ BATCH_COL_TEXT, tg_hukou, 10 },		/* TGC_HUKOU */
	{ BATCH_COL_TEXT, NULL, 15 },			/* TGC_PHONE */
	{ BATCH_COL_TEXT, tg_yesno, 16 },		/* TGC_COMPENSATION */
	{ BATCH_COL_TEXT, NULL, 30 },			/* TGC_REMARK */
};

const struct batch_spec tuigong_batch = {
	TG_BUSINESS, "批量退工", tg_columns, tg_example, TGC_NAME, TGC_SFZH,
	tg_row_check, tg_row_store, &tuigong_business,
	NULL, NULL, NULL, tg_cols
};
