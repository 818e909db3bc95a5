/*
 * gongzi.c: 个人工资变更: its rules, its row, the workflow business; see
 * gongzi.h for the decisions.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "gongzi.h"
#include "log.h"
#include "policy.h"
#include "rows.h"
#include "store.h"
#include "text.h"

#define GZ_PERSON_COLUMNS "p.id, i.id, p.name, p.idno, i.sb_no, i.status"

#define GZ_COLUMNS "id, task_id, COALESCE(person_id, 0), " \
	"COALESCE(insurance_id, 0), name, idno, sb_no, old_wage_fen, " \
	"old_base_fen, wage_fen, base_fen, from_month, side, note"

/* The statements of this module; their SQL is in gz_sql. */
enum gz_stmt {
	GZ_STMT_REGION,		/* a unit's region */
	GZ_STMT_BY_IDNO,	/* a person 参保 at a unit, by 身份证号 */
	GZ_STMT_BY_SB_NO,	/* the same by 社保个人编号 */
	GZ_STMT_BY_PID,		/* the same by persons.id */
	GZ_STMT_PENDING,	/* another unfinished change of a 参保 */
	GZ_STMT_ROW_LOAD,	/* the row of a task */
	GZ_STMT_ROW_SAVE,	/* inserts or replaces it */
	GZ_STMT_ROW_DECIDED,	/* what approval made of it */
	GZ_STMT_WF_ROWS,	/* the row for the workflow */
	GZ_STMT_WF_ROWS_PAGE,	/* a page of it */
	GZ_STMT_ROW_COUNT,	/* how many rows */
	GZ_STMT__MAX
};

static const char *const gz_sql[GZ_STMT__MAX] = {
	[GZ_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1",
	[GZ_STMT_BY_IDNO] =
	    "SELECT " GZ_PERSON_COLUMNS " FROM persons p JOIN insurance i ON "
	    "i.person_id = p.id AND i.unit_id = ?2 WHERE p.idno = ?1",
	[GZ_STMT_BY_SB_NO] =
	    "SELECT " GZ_PERSON_COLUMNS " FROM insurance i JOIN persons p ON "
	    "p.id = i.person_id WHERE i.sb_no = ?1 AND i.unit_id = ?2",
	[GZ_STMT_BY_PID] =
	    "SELECT " GZ_PERSON_COLUMNS " FROM persons p JOIN insurance i ON "
	    "i.person_id = p.id AND i.unit_id = ?2 WHERE p.id = ?1",
	[GZ_STMT_PENDING] =
	    "SELECT t.id, t.seq_no FROM gongzi g JOIN tasks t ON "
	    "t.id = g.task_id WHERE g.insurance_id = ?1 AND t.id != ?2 AND "
	    "t.state IN ('未提交', '进行中') ORDER BY g.task_id LIMIT 1",
	[GZ_STMT_ROW_LOAD] =
	    "SELECT " GZ_COLUMNS " FROM gongzi WHERE task_id = ?1 AND "
	    "row_no = 0",
	[GZ_STMT_ROW_SAVE] =
	    "INSERT INTO gongzi (task_id, row_no, person_id, insurance_id, "
	    "name, idno, sb_no, old_wage_fen, old_base_fen, wage_fen) VALUES "
	    "(?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (task_id, "
	    "row_no) DO UPDATE SET person_id = ?2, insurance_id = ?3, "
	    "name = ?4, idno = ?5, sb_no = ?6, old_wage_fen = ?7, "
	    "old_base_fen = ?8, wage_fen = ?9",
	[GZ_STMT_ROW_DECIDED] =
	    "UPDATE gongzi SET base_fen = ?2, from_month = ?3, side = ?4, "
	    "note = ?5 WHERE task_id = ?1 AND row_no = 0",
	[GZ_STMT_WF_ROWS] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, "
	    "printf('%d.%02d', wage_fen / 100, wage_fen % 100), "
	    "CASE WHEN base_fen > 0 THEN printf('%d.%02d', base_fen / 100, "
	    "base_fen % 100) ELSE '' END, from_month FROM gongzi WHERE "
	    "task_id = ?1 ORDER BY row_no",
	[GZ_STMT_WF_ROWS_PAGE] =
	    "SELECT row_no, COALESCE(person_id, 0), name, idno, "
	    "printf('%d.%02d', wage_fen / 100, wage_fen % 100), "
	    "CASE WHEN base_fen > 0 THEN printf('%d.%02d', base_fen / 100, "
	    "base_fen % 100) ELSE '' END, from_month FROM gongzi WHERE "
	    "task_id = ?1 ORDER BY row_no LIMIT ?3 OFFSET ?2",
	[GZ_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM gongzi WHERE task_id = ?1",
};

const struct field_def gz_form_defs[GZF__MAX] = {
	{ "pid", "职工", FIELD_INT, FIELD_REQUIRED, 0, NULL, 1, INT64_MAX },
	{ "wage", "变更后申报工资", FIELD_MONEY, FIELD_REQUIRED, 0, NULL, 0,
	    0 },
};

/* ---- The query ---- */

/* See gongzi.h. */
int
gz_query_norm(const char *q, char *out)
{
	size_t	 n;

	out[0] = '\0';
	if (q == NULL)
		return -1;
	while (*q == ' ' || *q == '\t')
		q++;
	n = strlen(q);
	while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t'))
		n--;
	if (n == 0 || n > GZ_QUERY_MAX)
		return -1;
	memcpy(out, q, n);
	out[n] = '\0';
	for (n = 0; out[n] != '\0'; n++) {
		if (!isascii((unsigned char)out[n]) ||
		    !isalnum((unsigned char)out[n])) {
			out[0] = '\0';
			return -1;
		}
		out[n] = (char)toupper((unsigned char)out[n]);
	}
	return 0;
}

/* See gongzi.h. */
void
gz_effect_month(const struct hdate *day, char out[8])
{
	int	 y = day->year, m = day->month + 1;

	if (m > 12) {
		m = 1;
		y++;
	}
	snprintf(out, 8, "%04d-%02d", y % 10000, m % 100);
}

/* The region of unit_id into region[16].  Returns 0 or -1. */
static int
gz_region(struct store *s, int64_t unit_id, char region[16])
{
	struct store_stmt	*st;
	int			 rc;

	region[0] = '\0';
	if ((st = store_stmt(s, gz_sql[GZ_STMT_REGION])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		text_copy(region, 16, store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* Reads one person of a GZ_STMT_BY_* statement (bound) into *p and his
 * bases for the month after today.  Returns as gz_find. */
static int
gz_person_read(struct store *s, struct store_stmt *st,
    const struct hdate *today, struct gz_person *p)
{
	int	 rc;

	memset(p, 0, sizeof(*p));
	if ((rc = store_step(st)) == STORE_ROW) {
		p->person_id = store_col_int64(st, 0);
		p->insurance_id = store_col_int64(st, 1);
		text_copy(p->name, sizeof(p->name), store_col_text(st, 2));
		text_copy(p->idno, sizeof(p->idno), store_col_text(st, 3));
		text_copy(p->sb_no, sizeof(p->sb_no), store_col_text(st, 4));
		text_copy(p->status, sizeof(p->status), store_col_text(st, 5));
	}
	store_reset(st);
	if (rc != STORE_ROW)
		return rc == STORE_DONE ? 1 : -1;
	gz_effect_month(today, p->month);
	if (wb_at(s, p->insurance_id, p->month, &p->now) < 0 ||
	    (rc = wb_next(s, p->insurance_id, p->month, &p->next)) < 0)
		return -1;
	p->has_next = rc == 0;
	return strcmp(p->status, "参保缴费") == 0 ? 0 : 2;
}

/* See gongzi.h. */
int
gz_find(struct store *s, int64_t unit_id, const char *q,
    const struct hdate *today, struct gz_person *p)
{
	struct store_stmt	*st;
	int			 rc = 1;

	memset(p, 0, sizeof(*p));
	/* An 18-character query is a 身份证号 first. */
	if (strlen(q) == 18) {
		if ((st = store_stmt(s, gz_sql[GZ_STMT_BY_IDNO])) == NULL ||
		    store_bind_text(st, 1, q) != 0 ||
		    store_bind_int(st, 2, unit_id) != 0)
			return -1;
		if ((rc = gz_person_read(s, st, today, p)) != 1)
			return rc;
	}
	if ((st = store_stmt(s, gz_sql[GZ_STMT_BY_SB_NO])) == NULL ||
	    store_bind_text(st, 1, q) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	return gz_person_read(s, st, today, p);
}

/* See gongzi.h. */
int
gz_person_load(struct store *s, int64_t unit_id, int64_t person_id,
    const struct hdate *today, struct gz_person *p)
{
	struct store_stmt	*st;

	memset(p, 0, sizeof(*p));
	if ((st = store_stmt(s, gz_sql[GZ_STMT_BY_PID])) == NULL ||
	    store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	return gz_person_read(s, st, today, p);
}

/* ---- Rules ---- */

/* See gongzi.h. */
size_t
gz_wage_check(int64_t wage_fen, long long max_yuan, struct form_errors *errs)
{
	if (wage_fen <= 0) {
		form_error_add(errs, "wage", "GZ_WAGE_INVALID",
		    "变更后申报工资须大于0元");
		return 1;
	}
	if (max_yuan > 0 && wage_fen / 100 >= max_yuan) {
		form_error_addf(errs, NULL, "wage", "GZ_WAGE_TOO_HIGH",
		    "变更后申报工资%lld元达到核对上限%lld元/月,请核对是否误输"
		    "(确属实际工资的,请到经办机构办理)",
		    (long long)(wage_fen / 100), max_yuan);
		return 1;
	}
	return 0;
}

/* See gongzi.h. */
int
gz_preview(struct store *s, int64_t unit_id, int64_t wage_fen,
    const struct hdate *today, struct wb_clamp *c)
{
	char	 region[16], month[8];

	gz_effect_month(today, month);
	if (gz_region(s, unit_id, region) != 0)
		return -1;
	return wb_clamp(s, region, atoi(month), wage_fen, c);
}

/* See gongzi.h. */
int
gz_pending(struct store *s, int64_t insurance_id, int64_t except,
    int64_t *id, char seq[32])
{
	struct store_stmt	*st;
	int			 rc;

	*id = 0;
	seq[0] = '\0';
	if ((st = store_stmt(s, gz_sql[GZ_STMT_PENDING])) == NULL ||
	    store_bind_int(st, 1, insurance_id) != 0 ||
	    store_bind_int(st, 2, except) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		*id = store_col_int64(st, 0);
		text_copy(seq, 32, store_col_text(st, 1));
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return 1;
	return rc == STORE_DONE ? 0 : -1;
}

/* Rule: the person is 参保缴费 at the unit; fills row's person facts
 * from p.  Returns 1 when he is (the other rules may run), 0 when not
 * (error added), -1 on error. */
static int
gz_rule_insured(struct store *s, int64_t unit_id, struct gongzi_row *row,
    const struct hdate *today, struct gz_person *p, struct form_errors *errs)
{
	int	 rc;

	if ((rc = gz_person_load(s, unit_id, row->person_id, today, p)) < 0)
		return -1;
	if (rc == 1) {
		form_error_add(errs, "pid", "GZ_NOT_INSURED",
		    "未找到本单位参保缴费的该职工,不能办理个人工资变更");
		return 0;
	}
	if (rc == 2) {
		form_error_add(errs, "pid", "GZ_NOT_PAYING",
		    "该职工在本单位已暂停缴费,不能办理个人工资变更;"
		    "恢复缴费请办理增员(续保)");
		return 0;
	}
	row->insurance_id = p->insurance_id;
	text_copy(row->name, sizeof(row->name), p->name);
	text_copy(row->idno, sizeof(row->idno), p->idno);
	text_copy(row->sb_no, sizeof(row->sb_no), p->sb_no);
	row->old_wage_fen = p->now.wage_fen;
	row->old_base_fen = p->now.base_fen;
	return 1;
}

/* Rule: the year of the effect month has its 社平工资, and the wage is
 * not the one in force from that month already.  Returns 0 or -1. */
static int
gz_rule_base(struct store *s, int64_t unit_id, const struct gongzi_row *row,
    const struct hdate *today, const struct gz_person *p,
    struct form_errors *errs)
{
	struct wb_clamp	 c;
	char		 msg[256], yuan[32];
	int		 rc;

	if ((rc = gz_preview(s, unit_id, row->wage_fen, today, &c)) < 0)
		return -1;
	if (rc == 1) {
		form_error_add(errs, "wage", "GZ_NO_POLICY",
		    wb_no_policy_message(atoi(p->month), msg, sizeof(msg)));
		return 0;
	}
	if (p->now.wage_fen == row->wage_fen && p->now.base_fen == c.base_fen)
		form_error_addf(errs, NULL, "wage", "GZ_SAME",
		    "变更后申报工资%s元与该职工%s起的申报工资相同,无需变更",
		    wb_yuan(row->wage_fen, yuan, sizeof(yuan)), p->month);
	return 0;
}

/* Rule: no other unfinished 工资变更 of the person's 参保.  Returns 0
 * or -1. */
static int
gz_rule_pending(struct store *s, const struct gongzi_row *row,
    int64_t task_id, struct form_errors *errs)
{
	int64_t	 id;
	char	 seq[32];
	int	 rc;

	if ((rc = gz_pending(s, row->insurance_id, task_id, &id, seq)) < 0)
		return -1;
	if (rc > 0)
		form_error_addf(errs, NULL, "pid", "GZ_PENDING",
		    "该职工已有未办结的个人工资变更(业务顺序号%s),"
		    "请先提交或退单该业务", seq);
	return 0;
}

/* The policy's wage limit of unit_id on day today into *max.  Returns
 * 0 or -1. */
static int
gz_wage_max(struct store *s, int64_t unit_id, const struct hdate *today,
    long long *max)
{
	char	 region[16];

	if (gz_region(s, unit_id, region) != 0 ||
	    policy_int(s, region, "gongzi.wage_max_yuan", today, 1000000,
	    max) < 0)
		return -1;
	return 0;
}

/* See gongzi.h. */
int
gz_rules(struct store *s, int64_t unit_id, int64_t task_id,
    struct gongzi_row *row, const struct hdate *today,
    struct form_errors *errs)
{
	struct gz_person	 p;
	long long		 max;
	int			 rc;

	if ((rc = gz_rule_insured(s, unit_id, row, today, &p, errs)) <= 0)
		return rc;
	if (gz_wage_max(s, unit_id, today, &max) != 0)
		return -1;
	if (gz_wage_check(row->wage_fen, max, errs) == 0 &&
	    gz_rule_base(s, unit_id, row, today, &p, errs) != 0)
		return -1;
	return gz_rule_pending(s, row, task_id, errs);
}

/* ---- Rows ---- */

/* Fills r from the current row of a GZ_COLUMNS statement. */
static void
gz_row_read(struct store_stmt *st, struct gongzi_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(st, 0);
	r->task_id = store_col_int64(st, 1);
	r->person_id = store_col_int64(st, 2);
	r->insurance_id = store_col_int64(st, 3);
	text_copy(r->name, sizeof(r->name), store_col_text(st, 4));
	text_copy(r->idno, sizeof(r->idno), store_col_text(st, 5));
	text_copy(r->sb_no, sizeof(r->sb_no), store_col_text(st, 6));
	r->old_wage_fen = store_col_int64(st, 7);
	r->old_base_fen = store_col_int64(st, 8);
	r->wage_fen = store_col_int64(st, 9);
	r->base_fen = store_col_int64(st, 10);
	text_copy(r->from_month, sizeof(r->from_month), store_col_text(st, 11));
	r->side = store_col_int(st, 12);
	text_copy(r->note, sizeof(r->note), store_col_text(st, 13));
}

/* See gongzi.h. */
int
gz_row_load(struct store *s, int64_t task_id, struct gongzi_row *row)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, gz_sql[GZ_STMT_ROW_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		gz_row_read(st, row);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Inserts or replaces row r of its task.  Returns 0 or -1. */
static int
gz_row_save(struct store *s, const struct gongzi_row *r)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, gz_sql[GZ_STMT_ROW_SAVE])) == NULL ||
	    store_bind_int(st, 1, r->task_id) ||
	    store_bind_int(st, 2, r->person_id) ||
	    store_bind_int(st, 3, r->insurance_id) ||
	    store_bind_text(st, 4, r->name) ||
	    store_bind_text(st, 5, r->idno) ||
	    store_bind_text(st, 6, r->sb_no) ||
	    store_bind_int(st, 7, r->old_wage_fen) ||
	    store_bind_int(st, 8, r->old_base_fen) ||
	    store_bind_int(st, 9, r->wage_fen))
		return -1;
	return store_exec_stmt(s, st);
}

/* See gongzi.h. */
int
gz_save(struct store *s, const struct actor *who, const struct task *task,
    struct gongzi_row *row, const char *dedup_key, int64_t *id,
    int *created, struct form_errors *errs)
{
	struct gongzi_row	 old;
	struct hdate		 today;
	char			 summary[160], object[40], yuan[32];
	int			 rc;

	if (store_begin(s) != 0)
		return -1;
	clock_today(&today);
	/* A draft keeps the person it was saved for. */
	if (task != NULL && ((rc = gz_row_load(s, task->id, &old)) < 0 ||
	    (rc == 0 && old.person_id != row->person_id))) {
		store_rollback(s);
		if (rc < 0)
			return -1;
		form_error_add(errs, "pid", "GZ_PERSON_CHANGED",
		    "个人工资变更保存后不能更换职工;请退单后重新查询办理");
		return 1;
	}
	snprintf(summary, sizeof(summary), "%s 变更后申报工资 %s元",
	    row->name[0] != '\0' ? row->name : "职工",
	    wb_yuan(row->wage_fen, yuan, sizeof(yuan)));
	if ((rc = wf_save_draft(s, GZ_BUSINESS, who, task, summary,
	    dedup_key, id, created)) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	if (gz_rules(s, who->unit_id, *id, row, &today, errs) != 0) {
		store_rollback(s);
		return -1;
	}
	if (errs->n > 0) {
		store_rollback(s);
		*created = 0;
		return 1;
	}
	row->task_id = *id;
	snprintf(object, sizeof(object), "task:%" PRId64, *id);
	if (gz_row_save(s, row) != 0 ||
	    audit_append(s, who, "gongzi.save", object, summary) != 0 ||
	    store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* ---- The business ---- */

/* The rules of task_id's row today.  Returns 0 (see errs) or -1. */
static int
gz_check_task(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct gongzi_row	 row;
	struct task		 t;
	struct hdate		 today;
	int			 rc;

	if (wf_load(s, task_id, 0, &t) != 0 ||
	    (rc = gz_row_load(s, task_id, &row)) < 0)
		return -1;
	if (rc > 0) {
		form_error_add(errs, "", "GZ_NO_ROWS", "没有要变更工资的职工");
		return 0;
	}
	clock_today(&today);
	return gz_rules(s, t.unit_id, task_id, &row, &today, errs);
}

/* The workflow's check: every rule (there are no materials). */
static int
gz_business_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	return gz_check_task(s, task_id, errs);
}

/* See gongzi.h. */
int
gz_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	return gz_check_task(s, task_id, errs);
}

/* Records what approval made of the row of task_id.  Returns 0 or -1. */
static int
gz_row_decided(struct store *s, int64_t task_id, const char *month,
    const struct wb_clamp *c)
{
	struct store_stmt	*st;
	char			 note[512];

	wb_clamp_note(c, note, sizeof(note));
	if ((st = store_stmt(s, gz_sql[GZ_STMT_ROW_DECIDED])) == NULL ||
	    store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, c->base_fen) ||
	    store_bind_text(st, 3, month) ||
	    store_bind_int(st, 4, (int64_t)c->side) ||
	    store_bind_text(st, 5, note))
		return -1;
	return store_exec_stmt(s, st);
}

/* The workflow's apply: the wage clamped to the floor and ceiling of
 * the year of the month after today, in force from that month. */
static int
gz_business_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct gongzi_row	 row;
	struct wb_clamp		 c;
	struct task		 t;
	struct hdate		 today;
	char			 month[8], object[40], detail[160];

	clock_today(&today);
	gz_effect_month(&today, month);
	if (wf_load(s, task_id, 0, &t) != 0 ||
	    gz_row_load(s, task_id, &row) != 0 ||
	    gz_preview(s, t.unit_id, row.wage_fen, &today, &c) != 0) {
		log_err("gongzi: task %" PRId64 ": no base to set", task_id);
		return -1;
	}
	if (wb_set(s, row.insurance_id, month, &c, GZ_BUSINESS,
	    task_id) != 0 || gz_row_decided(s, task_id, month, &c) != 0)
		return -1;
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "insurance %" PRId64 " wage %" PRId64
	    " base %" PRId64 " from %s", row.insurance_id, c.wage_fen,
	    c.base_fen, month);
	return audit_append(s, who, "gongzi.apply", object, detail);
}

/* Calls field(arg, label, "1,234.56 元") for fen. */
static void
gz_field_yuan(void (*field)(void *arg, const char *label, const char *value),
    void *arg, const char *label, int64_t fen)
{
	char	 y[32], buf[48];

	snprintf(buf, sizeof(buf), "%s 元", wb_yuan(fen, y, sizeof(y)));
	field(arg, label, buf);
}

/* The workflow's describe: the facts for the reviewer desk and the
 * printouts. */
static int
gz_business_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct gongzi_row	 r;
	int			 rc;

	if ((rc = gz_row_load(s, task_id, &r)) != 0)
		return rc < 0 ? -1 : 0;
	field(arg, "姓名", r.name);
	field(arg, "身份证号", r.idno);
	field(arg, "社保个人编号", r.sb_no);
	gz_field_yuan(field, arg, "原申报工资", r.old_wage_fen);
	gz_field_yuan(field, arg, "原缴费基数", r.old_base_fen);
	gz_field_yuan(field, arg, "变更后申报工资", r.wage_fen);
	if (r.base_fen > 0) {
		gz_field_yuan(field, arg, "核定缴费基数", r.base_fen);
		field(arg, "起始月份", r.from_month);
		field(arg, "核定说明", r.note);
	}
	return 0;
}

/* The facts the rows hook gives. */
static const char *const gz_row_labels[] = { "变更后申报工资", "核定缴费基数",
	"起始月份" };

/* The rows hook.  Returns the rows walked or -1. */
static int
gz_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, gz_sql[GZ_STMT_WF_ROWS], task_id, gz_row_labels,
	    3, fn, arg);
}

/* The rows_page hook.  Returns the rows walked or -1. */
static int
gz_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk_page(s, gz_sql[GZ_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, gz_row_labels, 3, fn, arg);
}

/* The row_count hook.  Returns 0 or -1. */
static int
gz_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, gz_sql[GZ_STMT_ROW_COUNT], task_id, 0, n);
}

/* The row_delete hook: the form's one row is never deleted.  Returns
 * 1. */
static int
gz_row_delete(struct store *s, int64_t task_id, int row_no)
{
	(void)s;
	(void)task_id;
	(void)row_no;
	return 1;
}

/* The rows_move hook: a 工资变更 has no batch rows.  Returns 1. */
static int
gz_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	(void)s;
	(void)task_id;
	(void)to_task;
	(void)row_nos;
	(void)n;
	return 1;
}

static const struct wf_menu gz_menu[] = {
	{ "单个职工缴费基数变更申报", "/gongzi" },
	{ NULL, NULL }
};

static const struct wf_receipt gz_receipts[] = {
	{ "zonghe", "综合业务处理单", "zonghe", "ZH" },
	{ NULL, NULL, NULL, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const gz_receipt_facts[] = {
	"变更后申报工资", "核定缴费基数", "起始月份", NULL
};

const struct wf_business gongzi_business = {
	.code = GZ_BUSINESS,
	.name = "个人工资变更",
	.path = "/gongzi",
	.review_days_min = 0,
	.review_days_max = 0,
	.check = gz_business_check,
	.apply = gz_business_apply,
	.describe = gz_business_describe,
	.category = "jiaofei",
	.menu = gz_menu,
	.receipts = gz_receipts,
	.submit_receipt = NULL,
	.batch = NULL,
	.rows = gz_wf_rows,
	.row_count = gz_row_count,
	.row_delete = gz_row_delete,
	.rows_move = gz_rows_move,
	.rows_page = gz_wf_rows_page,
	.auto_review = 1,
	.receipt_facts = gz_receipt_facts,
};
