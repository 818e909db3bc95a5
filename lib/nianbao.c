/*
 * nianbao.c: 年度缴费工资申报: the window, the rules, rows, the workflow
 * business and the batch spec; see nianbao.h for the decisions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "log.h"
#include "nianbao.h"
#include "policy.h"
#include "rows.h"
#include "store.h"
#include "text.h"
#include "wagebase.h"


/* The columns of a row, in the order nb_row_read() reads them. */
#define NB_COLUMNS "id, task_id, row_no, year, COALESCE(person_id, 0), " \
	"COALESCE(insurance_id, 0), name, idno, sb_no, wage_fen, prev_fen, " \
	"remark, base_fen, COALESCE(retiree_id, 0)"

/* The facts the rows hooks give per person, in their SELECT's order. */
#define NB_WF_COLUMNS "row_no, COALESCE(person_id, 0), name, idno, " \
	"printf('%d.%02d', wage_fen / 100, wage_fen % 100), " \
	"CASE WHEN prev_fen > 0 THEN printf('%d.%02d', prev_fen / 100, " \
	"prev_fen % 100) ELSE '—' END, remark, " \
	"CASE WHEN base_fen > 0 THEN printf('%d.%02d', base_fen / 100, " \
	"base_fen % 100) ELSE '' END"

/* The statements of this module; their SQL is in nb_sql. */
enum nb_stmt {
	NB_STMT_REGION,		/* a unit's region */
	NB_STMT_PERSON,		/* a person and his 参保 at a unit */
	NB_STMT_DECLARED,	/* his row in another live declaration */
	NB_STMT_ROW_SAVE,	/* inserts a row */
	NB_STMT_ROW_LOAD,	/* one row of a task */
	NB_STMT_ROWS_PAGE,	/* a page of a task's rows */
	NB_STMT_ROWS_IDNO,	/* a task's rows of one 身份证号 */
	NB_STMT_TASK_YEAR,	/* the year a task declares */
	NB_STMT_WF_ROWS,	/* a task's rows for the workflow */
	NB_STMT_WF_ROWS_PAGE,	/* a page of them */
	NB_STMT_WF_ROWS_FIND,	/* those of one 身份证号 */
	NB_STMT_ROW_COUNT,	/* how many rows a task has */
	NB_STMT_ROW_DELETE,	/* deletes a row */
	NB_STMT_ROWS_MOVE,	/* moves a row to another task */
	NB_STMT_MISSING,	/* insured here, declared nowhere this year */
	NB_STMT_MISSING_COUNT,	/* how many */
	NB_STMT_TEMPLATE,	/* every person insured here */
	NB_STMT_ROW_BASE,	/* the base approval set */
	NB_STMT_DECLARE,	/* records the unit's declaration */
	NB_STMT_ROW_UPDATE,	/* a corrected wage and 备注 */
	NB_STMT_RETIREE,	/* a 非统筹退休人员 of a unit */
	NB_STMT_DECLARED_R,	/* his row in another live declaration */
	NB_STMT_MISSING_R,	/* the unit's retirees declared nowhere */
	NB_STMT_MISSING_COUNT_R, /* how many */
	NB_STMT_TEMPLATE_R,	/* every retiree of the unit */
	NB_STMT_RETIREE_SET,	/* the wage and base approval set */
	NB_STMT_RETIREE_ADD,	/* registers a retiree (demo, tests) */
	NB_STMT_ROW_NEXT,	/* the row number after a task's last */
	NB_STMT__MAX
};

/* The live declarations of a unit (?3) and business (?9) a person
 * may be in. */
#define NB_LIVE "t.unit_id = ?3 AND t.business = ?9 AND t.state <> '退单'"

/* The SQL of each statement, by enum nb_stmt. */
static const char *const nb_sql[NB_STMT__MAX] = {
	[NB_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1",
	[NB_STMT_PERSON] =
	    "SELECT p.id, p.name, COALESCE(i.id, 0), COALESCE(i.sb_no, ''), "
	    "COALESCE(i.status, '') FROM persons p LEFT JOIN insurance i ON "
	    "i.person_id = p.id AND i.unit_id = ?2 WHERE p.idno = ?1",
	[NB_STMT_DECLARED] =
	    "SELECT t.seq_no, t.state FROM nianbao n JOIN tasks t ON "
	    "t.id = n.task_id WHERE n.person_id = ?1 AND n.year = ?2 AND "
	    NB_LIVE " AND n.task_id <> ?4 ORDER BY n.task_id LIMIT 1",
	[NB_STMT_ROW_SAVE] =
	    "INSERT INTO nianbao (task_id, row_no, year, person_id, "
	    "insurance_id, name, idno, sb_no, wage_fen, prev_fen, remark, "
	    "retiree_id) VALUES (?1, ?2, ?3, NULLIF(?4, 0), NULLIF(?5, 0), "
	    "?6, ?7, ?8, ?9, ?10, ?11, NULLIF(?12, 0))",
	[NB_STMT_ROW_LOAD] =
	    "SELECT " NB_COLUMNS " FROM nianbao WHERE task_id = ?1 AND "
	    "row_no = ?2",
	[NB_STMT_ROWS_PAGE] =
	    "SELECT " NB_COLUMNS " FROM nianbao WHERE task_id = ?1 "
	    "ORDER BY row_no LIMIT ?3 OFFSET ?2",
	[NB_STMT_ROWS_IDNO] =
	    "SELECT " NB_COLUMNS " FROM nianbao WHERE task_id = ?1 AND "
	    "idno = ?2 ORDER BY row_no",
	[NB_STMT_TASK_YEAR] =
	    "SELECT year FROM nianbao WHERE task_id = ?1 ORDER BY row_no "
	    "LIMIT 1",
	[NB_STMT_WF_ROWS] =
	    "SELECT " NB_WF_COLUMNS " FROM nianbao WHERE task_id = ?1 "
	    "ORDER BY row_no",
	[NB_STMT_WF_ROWS_PAGE] =
	    "SELECT " NB_WF_COLUMNS " FROM nianbao WHERE task_id = ?1 "
	    "ORDER BY row_no LIMIT ?3 OFFSET ?2",
	[NB_STMT_WF_ROWS_FIND] =
	    "SELECT " NB_WF_COLUMNS " FROM nianbao WHERE task_id = ?1 AND "
	    "idno = ?2 ORDER BY row_no",
	[NB_STMT_ROW_COUNT] =
	    "SELECT COUNT(*) FROM nianbao WHERE task_id = ?1",
	[NB_STMT_ROW_DELETE] =
	    "DELETE FROM nianbao WHERE task_id = ?1 AND row_no = ?2",
	[NB_STMT_ROWS_MOVE] =
	    "UPDATE nianbao SET task_id = ?1 WHERE task_id = ?2 AND "
	    "row_no = ?3",
	[NB_STMT_MISSING] =
	    "SELECT p.id, p.name, p.idno, i.sb_no FROM insurance i JOIN "
	    "persons p ON p.id = i.person_id WHERE i.unit_id = ?3 AND "
	    "i.status = '参保缴费' AND NOT EXISTS (SELECT 1 FROM nianbao n "
	    "JOIN tasks t ON t.id = n.task_id WHERE n.person_id = i.person_id "
	    "AND n.year = ?2 AND " NB_LIVE ") ORDER BY i.person_id "
	    "LIMIT ?5 OFFSET ?4",
	[NB_STMT_MISSING_COUNT] =
	    "SELECT COUNT(*) FROM insurance i WHERE i.unit_id = ?3 AND "
	    "i.status = '参保缴费' AND NOT EXISTS (SELECT 1 FROM nianbao n "
	    "JOIN tasks t ON t.id = n.task_id WHERE n.person_id = i.person_id "
	    "AND n.year = ?2 AND " NB_LIVE ")",
	[NB_STMT_TEMPLATE] =
	    "SELECT i.sb_no, p.name, p.idno FROM insurance i JOIN persons p "
	    "ON p.id = i.person_id WHERE i.unit_id = ?1 AND "
	    "i.status = '参保缴费' ORDER BY i.person_id",
	[NB_STMT_ROW_BASE] =
	    "UPDATE nianbao SET base_fen = ?1 WHERE id = ?2",
	[NB_STMT_DECLARE] =
	    "INSERT OR IGNORE INTO wage_declarations (unit_id, year, "
	    "declared_at) VALUES (?1, ?2, ?3)",
	[NB_STMT_ROW_UPDATE] =
	    "UPDATE nianbao SET wage_fen = ?1, remark = ?2, prev_fen = ?3 "
	    "WHERE id = ?4",
	[NB_STMT_RETIREE] =
	    "SELECT COALESCE(person_id, 0), name, id, sb_no, "
	    "CASE status WHEN '正常' THEN '参保缴费' ELSE status END, "
	    "wage_fen FROM txgz_retirees WHERE idno = ?1 AND unit_id = ?2",
	[NB_STMT_DECLARED_R] =
	    "SELECT t.seq_no, t.state FROM nianbao n JOIN tasks t ON "
	    "t.id = n.task_id WHERE n.retiree_id = ?1 AND n.year = ?2 AND "
	    NB_LIVE " AND n.task_id <> ?4 ORDER BY n.task_id LIMIT 1",
	[NB_STMT_MISSING_R] =
	    "SELECT COALESCE(r.person_id, 0), r.name, r.idno, r.sb_no FROM "
	    "txgz_retirees r WHERE r.unit_id = ?3 AND r.status = '正常' AND "
	    "NOT EXISTS (SELECT 1 FROM nianbao n JOIN tasks t ON "
	    "t.id = n.task_id WHERE n.retiree_id = r.id AND n.year = ?2 AND "
	    NB_LIVE ") ORDER BY r.id LIMIT ?5 OFFSET ?4",
	[NB_STMT_MISSING_COUNT_R] =
	    "SELECT COUNT(*) FROM txgz_retirees r WHERE r.unit_id = ?3 AND "
	    "r.status = '正常' AND NOT EXISTS (SELECT 1 FROM nianbao n JOIN "
	    "tasks t ON t.id = n.task_id WHERE n.retiree_id = r.id AND "
	    "n.year = ?2 AND " NB_LIVE ")",
	[NB_STMT_TEMPLATE_R] =
	    "SELECT sb_no, name, idno FROM txgz_retirees WHERE unit_id = ?1 "
	    "AND status = '正常' ORDER BY id",
	[NB_STMT_RETIREE_SET] =
	    "UPDATE txgz_retirees SET wage_fen = ?1, base_fen = ?2, "
	    "wage_year = ?3 WHERE id = ?4",
	[NB_STMT_RETIREE_ADD] =
	    "INSERT INTO txgz_retirees (unit_id, person_id, name, idno, sb_no, "
	    "retire_date, category, wage_fen, wage_year) VALUES (?1, "
	    "NULLIF(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[NB_STMT_ROW_NEXT] =
	    "SELECT COALESCE(MAX(row_no), 0) + 1 FROM nianbao WHERE "
	    "task_id = ?1",
};

/* What differs between the two declarations; see nianbao.h. */
const struct nianbao_kind nianbao_kind_zaizhi = {
	"nianbao", "职工", "本单位参保缴费人员", 0
};
const struct nianbao_kind nianbao_kind_txgz = {
	"txgz", "退休人员", "本单位登记的非统筹退休人员", 1
};

/* See nianbao.h. */
const struct nianbao_kind *
nianbao_kind_of(const char *business)
{
	return business != NULL && strcmp(business, "txgz") == 0 ?
	    &nianbao_kind_txgz : &nianbao_kind_zaizhi;
}

const struct field_def nianbao_form_defs[NBF__MAX] = {
	{ "sfzh", "身份证号", FIELD_IDCARD, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "name", "姓名", FIELD_TEXT, FIELD_REQUIRED, 30, NULL, 0, 0 },
	{ "nb_wage", "上年度月平均工资", FIELD_MONEY, FIELD_REQUIRED, 0, NULL,
	    0, 0 },
	{ "nb_remark", "备注", FIELD_TEXT, 0, 100, NULL, 0, 0 },
};

/* ---- The window ---- */

/* Reads the date policy key of region into *d and out[11].  Returns
 * 0, 1 none, -1 error (also a malformed date, logged). */
static int
nb_policy_date(struct store *s, const char *region, const char *key,
    struct hdate *d, char out[11])
{
	char	 buf[32];
	int	 rc;

	if ((rc = policy_get(s, region, key, NULL, buf, sizeof(buf))) != 0)
		return rc;
	if (valid_date(buf, d) != VALID_OK) {
		log_err("nianbao: policy %s/%s: not a date", region, key);
		return -1;
	}
	hdate_fmt(d, out);
	return 0;
}

/* The window of 缴费年度 year in region into *from, *to (and w's
 * strings).  Returns 0, 1 not announced, -1 error. */
static int
nb_window_of(struct store *s, const char *region, int year,
    struct hdate *from, struct hdate *to, struct nianbao_window *w)
{
	char	 key[48];
	int	 rc;

	snprintf(key, sizeof(key), "nianbao.open.%04d", year);
	if ((rc = nb_policy_date(s, region, key, from, w->from)) != 0)
		return rc;
	snprintf(key, sizeof(key), "nianbao.close.%04d", year);
	if ((rc = nb_policy_date(s, region, key, to, w->to)) != 0)
		return rc < 0 ? -1 : 1;
	return 0;
}

/* See nianbao.h. */
int
nianbao_window(struct store *s, const char *region, const struct hdate *today,
    struct nianbao_window *w)
{
	struct nianbao_window	 c;
	struct hdate		 from, to;
	int			 y, rc;

	memset(w, 0, sizeof(*w));
	for (y = today->year; y <= today->year + 1; y++) {
		memset(&c, 0, sizeof(c));
		if ((rc = nb_window_of(s, region, y, &from, &to, &c)) < 0)
			return -1;
		if (rc > 0 || hdate_cmp(today, &to) > 0)
			continue;
		c.year = y;
		if (hdate_cmp(today, &from) >= 0) {
			c.open = 1;
			*w = c;
			return 0;
		}
		if (w->year == 0)
			*w = c;
	}
	return 0;
}

/* See nianbao.h. */
const char *
nianbao_window_message(const struct nianbao_window *w, char *buf,
    size_t bufsz)
{
	if (w->open)
		snprintf(buf, bufsz, "%d年度缴费工资申报期:%s至%s", w->year,
		    w->from, w->to);
	else if (w->year > 0)
		snprintf(buf, bufsz, "当前不在年度缴费工资申报期内;%d年度缴费"
		    "工资申报将于%s开始(至%s)", w->year, w->from, w->to);
	else
		snprintf(buf, bufsz, "当前不在年度缴费工资申报期内;下一年度"
		    "申报时间尚未公布,请留意经办机构通知");
	return buf;
}

/* See nianbao.h. */
int
nianbao_unit_region(struct store *s, int64_t unit_id, char region[16])
{
	struct store_stmt	*st;
	int			 rc;

	region[0] = '\0';
	if ((st = store_stmt(s, nb_sql[NB_STMT_REGION])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		text_copy(region, 16, store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* See nianbao.h. */
int
nianbao_from_month(struct store *s, const char *region, int year,
    char month[8])
{
	struct hdate	 on = { year, 1, 1 };
	long long	 m;

	if (policy_int(s, region, "nianbao.from_month", &on, 1, &m) < 0 ||
	    m < 1 || m > 12)
		return -1;
	snprintf(month, 8, "%04d-%02lld", year % 10000, m);
	return 0;
}

/* ---- The rules ---- */

/* The person of row->idno and his 参保 at unit_id, as the store has
 * them. */
struct nb_person {
	int64_t		 id;			/* 0: a retiree not on file */
	int64_t		 record_id;		/* his 参保 or retiree row */
	char		 name[64];
	char		 sb_no[24];
	int		 paying;		/* 参保缴费 (正常) here */
	int64_t		 wage_fen;		/* a retiree's last, 0 */
};

/* Loads the person with 身份证号 idno and his 参保 at unit_id (of a
 * kind of retirees: his retiree row there) into *p.  Returns 0, 1 not
 * on file, -1 error. */
static int
nb_person_load(struct store *s, const struct nianbao_kind *k,
    int64_t unit_id, const char *idno, struct nb_person *p)
{
	struct store_stmt	*st;
	int			 rc;

	memset(p, 0, sizeof(*p));
	if ((st = store_stmt(s, nb_sql[k->retirees ? NB_STMT_RETIREE :
	    NB_STMT_PERSON])) == NULL ||
	    store_bind_text(st, 1, idno) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		p->id = store_col_int64(st, 0);
		text_copy(p->name, sizeof(p->name), store_col_text(st, 1));
		p->record_id = store_col_int64(st, 2);
		text_copy(p->sb_no, sizeof(p->sb_no), store_col_text(st, 3));
		p->paying = strcmp(store_col_text(st, 4), "参保缴费") == 0;
		if (k->retirees)
			p->wage_fen = store_col_int64(st, 5);
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	return rc == STORE_ROW ? 0 : 1;
}

/* The rules that need no store: 身份证号, 姓名, the wage, 备注.  Returns
 * the number of errors added. */
static size_t
nb_rules_plain(const struct nianbao_row *r, const struct hdate *today,
    const char *prefix, struct form_errors *errs)
{
	struct idcard	 ic;
	size_t		 n0 = errs->n;

	if (valid_idcard(r->idno, today, &ic) != VALID_OK)
		form_error_addf(errs, prefix, "sfzh", "NB_IDNO_INVALID",
		    "身份证号格式不正确");
	if (r->name[0] == '\0' || valid_text(r->name, 30) != VALID_OK)
		form_error_addf(errs, prefix, "name", "NB_NAME_INVALID",
		    "姓名不能为空,不超过30字");
	if (r->wage_fen <= 0)
		form_error_addf(errs, prefix, "nb_wage", "NB_WAGE_INVALID",
		    "上年度月平均工资须为大于0的金额(元),最多两位小数");
	if (valid_text(r->remark, 100) != VALID_OK)
		form_error_addf(errs, prefix, "nb_remark", "NB_REMARK_INVALID",
		    "备注不超过100字");
	return errs->n - n0;
}

/* The person is 参保缴费 here (a retiree: registered here), named and
 * numbered as on file.  Fills row's person, insurance (retiree) and
 * 个人编号.  Returns 1 when he is (the
 * rules that need him may run), 0 when not (errors added). */
static int
nb_rule_insured(const struct nianbao_kind *k, const struct nb_person *p,
    int found, struct nianbao_row *r, const char *prefix,
    struct form_errors *errs)
{
	if (!found || !p->paying || p->record_id <= 0) {
		form_error_addf(errs, prefix, "sfzh", k->retirees ?
		    "NB_NOT_RETIREE" : "NB_NOT_INSURED", "该%s不是%s,不能申报",
		    k->who, k->persons);
		return 0;
	}
	r->person_id = p->id;
	if (k->retirees)
		r->retiree_id = p->record_id;
	else
		r->insurance_id = p->record_id;
	if (strcmp(p->name, r->name) != 0)
		form_error_addf(errs, prefix, "name", "NB_NAME_MISMATCH",
		    "姓名与身份证号不符(系统登记为%s)", p->name);
	if (r->sb_no[0] == '\0')
		text_copy(r->sb_no, sizeof(r->sb_no), p->sb_no);
	else if (strcmp(r->sb_no, p->sb_no) != 0)
		form_error_addf(errs, prefix, "sb_no", "NB_SBNO_MISMATCH",
		    "个人编号与身份证号不符(系统登记为%s)", p->sb_no);
	return 1;
}

/* The wage is not wildly off the previous 申报工资 (in force in the
 * December before, or a retiree's last declared; policy
 * nianbao.change_max_pct of region) unless 备注 says why; sets
 * r->prev_fen.  Returns 0 or -1. */
static int
nb_rule_ratio(struct store *s, const char *region, const struct nb_person *p,
    struct nianbao_row *r, const char *prefix, struct form_errors *errs)
{
	struct hdate	 on = { r->year, 1, 1 };
	struct wb_base	 b;
	char		 month[8], prev[32];
	long long	 pct;
	int		 rc;

	snprintf(month, sizeof(month), "%04d-12", (r->year - 1) % 10000);
	if (r->retiree_id > 0)
		r->prev_fen = p->wage_fen;
	else if ((rc = wb_at(s, r->insurance_id, month, &b)) < 0)
		return -1;
	else
		r->prev_fen = rc == 0 ? b.wage_fen : 0;
	if (r->prev_fen <= 0 || r->remark[0] != '\0')
		return 0;
	if (policy_int(s, region, "nianbao.change_max_pct", &on, 200,
	    &pct) < 0 || pct < 100)
		return -1;
	if (r->wage_fen * 100 > r->prev_fen * pct ||
	    r->wage_fen * pct < r->prev_fen * 100)
		form_error_addf(errs, prefix, "nb_wage", "NB_WAGE_RATIO",
		    "申报工资与上年度申报工资%s元相差超过%lld%%,请核实;确属"
		    "实际工资的,请在备注中说明原因", wb_yuan(r->prev_fen, prev,
		    sizeof(prev)), pct - 100);
	return 0;
}

/* The person is in no other live declaration of the unit for the
 * year.  Returns 0 or -1. */
static int
nb_rule_declared(struct store *s, const struct nianbao_kind *k,
    int64_t unit_id, int64_t task_id, const struct nianbao_row *r,
    const char *prefix, struct form_errors *errs)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, nb_sql[k->retirees ? NB_STMT_DECLARED_R :
	    NB_STMT_DECLARED])) == NULL ||
	    store_bind_int(st, 1, k->retirees ? r->retiree_id :
	    r->person_id) != 0 ||
	    store_bind_int(st, 2, r->year) != 0 ||
	    store_bind_int(st, 3, unit_id) != 0 ||
	    store_bind_int(st, 4, task_id) != 0 ||
	    store_bind_text(st, 9, k->code) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		form_error_addf(errs, prefix, "sfzh", "NB_DECLARED",
		    "该%s%d年度工资已在业务%s(%s)中申报%s", k->who, r->year,
		    store_col_text(st, 0), store_col_text(st, 1),
		    !k->retirees && strcmp(store_col_text(st, 1), "结束") == 0 ?
		    ";如需变更请办理个人工资变更" : "");
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See nianbao.h. */
int
nianbao_rules(struct store *s, const struct nianbao_kind *k, int64_t unit_id,
    int64_t task_id, struct nianbao_row *row, const char *prefix,
    struct form_errors *errs)
{
	struct nb_person	 p;
	struct wb_clamp		 c;
	struct idcard		 ic;
	struct hdate		 today;
	char			 region[16], msg[160];
	int			 rc;

	clock_today(&today);
	row->person_id = row->insurance_id = row->retiree_id = 0;
	row->prev_fen = 0;
	nb_rules_plain(row, &today, prefix, errs);
	if (valid_idcard(row->idno, &today, &ic) != VALID_OK)
		return 0;
	if ((rc = nb_person_load(s, k, unit_id, row->idno, &p)) < 0)
		return -1;
	if (!nb_rule_insured(k, &p, rc == 0, row, prefix, errs))
		return 0;
	if (nianbao_unit_region(s, unit_id, region) != 0)
		return -1;
	if (row->wage_fen > 0) {
		if ((rc = wb_clamp(s, region, row->year, row->wage_fen,
		    &c)) < 0)
			return -1;
		if (rc > 0)
			form_error_addf(errs, prefix, "nb_wage", "NB_NO_POLICY",
			    "%s", wb_no_policy_message(row->year, msg,
			    sizeof(msg)));
		if (nb_rule_ratio(s, region, &p, row, prefix, errs) != 0)
			return -1;
	}
	return nb_rule_declared(s, k, unit_id, task_id, row, prefix, errs);
}

/* ---- Rows in the store ---- */

/* Reads the NB_COLUMNS of st's current row into *r. */
static void
nb_row_read(struct store_stmt *st, struct nianbao_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(st, 0);
	r->task_id = store_col_int64(st, 1);
	r->row_no = store_col_int(st, 2);
	r->year = store_col_int(st, 3);
	r->person_id = store_col_int64(st, 4);
	r->insurance_id = store_col_int64(st, 5);
	text_copy(r->name, sizeof(r->name), store_col_text(st, 6));
	text_copy(r->idno, sizeof(r->idno), store_col_text(st, 7));
	text_copy(r->sb_no, sizeof(r->sb_no), store_col_text(st, 8));
	r->wage_fen = store_col_int64(st, 9);
	r->prev_fen = store_col_int64(st, 10);
	text_copy(r->remark, sizeof(r->remark), store_col_text(st, 11));
	r->base_fen = store_col_int64(st, 12);
	r->retiree_id = store_col_int64(st, 13);
}

/* Steps the bound st, handing each row to fn; resets st.  Returns the
 * count or -1. */
static int
nb_rows_step(struct store_stmt *st,
    void (*fn)(const struct nianbao_row *row, void *arg), void *arg)
{
	struct nianbao_row	 r;
	int			 rc, n = 0;

	while ((rc = store_step(st)) == STORE_ROW) {
		nb_row_read(st, &r);
		fn(&r, arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* See nianbao.h. */
int
nianbao_row_load(struct store *s, int64_t task_id, int row_no,
    struct nianbao_row *row)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, nb_sql[NB_STMT_ROW_LOAD])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, row_no) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		nb_row_read(st, row);
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	return rc == STORE_ROW ? 0 : 1;
}

/* Inserts row inside the caller's transaction.  Returns 0 or -1. */
static int
nb_row_save(struct store *s, const struct nianbao_row *r)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, nb_sql[NB_STMT_ROW_SAVE])) == NULL ||
	    store_bind_int(st, 1, r->task_id) ||
	    store_bind_int(st, 2, r->row_no) ||
	    store_bind_int(st, 3, r->year) ||
	    store_bind_int(st, 4, r->person_id) ||
	    store_bind_int(st, 5, r->insurance_id) ||
	    store_bind_text(st, 6, r->name) ||
	    store_bind_text(st, 7, r->idno) ||
	    store_bind_text(st, 8, r->sb_no) ||
	    store_bind_int(st, 9, r->wage_fen) ||
	    store_bind_int(st, 10, r->prev_fen) ||
	    store_bind_text(st, 11, r->remark) ||
	    store_bind_int(st, 12, r->retiree_id))
		return -1;
	return store_exec_stmt(s, st);
}

/* See nianbao.h. */
int
nianbao_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    void (*fn)(const struct nianbao_row *row, void *arg), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, nb_sql[NB_STMT_ROWS_PAGE])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, offset < 0 ? 0 : offset) != 0 ||
	    store_bind_int(st, 3, limit) != 0)
		return -1;
	return nb_rows_step(st, fn, arg);
}

/* See nianbao.h. */
int
nianbao_rows_by_idno(struct store *s, int64_t task_id, const char *idno,
    void (*fn)(const struct nianbao_row *row, void *arg), void *arg)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, nb_sql[NB_STMT_ROWS_IDNO])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, idno) != 0)
		return -1;
	return nb_rows_step(st, fn, arg);
}

/* See nianbao.h. */
int
nianbao_task_year(struct store *s, int64_t task_id, int *year)
{
	int64_t	 v;

	if (store_int(s, nb_sql[NB_STMT_TASK_YEAR], task_id, 0, &v) != 0)
		return -1;
	*year = (int)v;
	return 0;
}

/* See nianbao.h. */
int
nianbao_missing_page(struct store *s, const struct nianbao_kind *k,
    int64_t unit_id, int year, int offset, int limit,
    void (*fn)(const struct nianbao_missing *m, void *arg), void *arg,
    int64_t *total)
{
	struct nianbao_missing	 m;
	struct store_stmt	*st;
	int			 rc, n = 0;

	if (total != NULL) {
		if ((st = store_stmt(s, nb_sql[k->retirees ?
		    NB_STMT_MISSING_COUNT_R : NB_STMT_MISSING_COUNT])) ==
		    NULL || store_bind_int(st, 2, year) != 0 ||
		    store_bind_int(st, 3, unit_id) != 0 ||
		    store_bind_text(st, 9, k->code) != 0 ||
		    store_step_int(st, 0, total) == STORE_ERROR)
			return -1;
	}
	if ((st = store_stmt(s, nb_sql[k->retirees ? NB_STMT_MISSING_R :
	    NB_STMT_MISSING])) == NULL ||
	    store_bind_int(st, 2, year) != 0 ||
	    store_bind_int(st, 3, unit_id) != 0 ||
	    store_bind_text(st, 9, k->code) != 0 ||
	    store_bind_int(st, 4, offset < 0 ? 0 : offset) != 0 ||
	    store_bind_int(st, 5, limit) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		m.person_id = store_col_int64(st, 0);
		m.name = store_col_text(st, 1);
		m.idno = store_col_text(st, 2);
		m.sb_no = store_col_text(st, 3);
		fn(&m, arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* ---- Save ---- */

/* See nianbao.h. */
void
nianbao_row_from_form(const struct field_val *vals, struct nianbao_row *row)
{
	memset(row, 0, sizeof(*row));
	text_copy(row->idno, sizeof(row->idno), vals[NBF_SFZH].present ?
	    vals[NBF_SFZH].id.number : vals[NBF_SFZH].str);
	text_copy_trim(row->name, sizeof(row->name), vals[NBF_NAME].str);
	row->wage_fen = vals[NBF_WAGE].present ? vals[NBF_WAGE].num : 0;
	text_copy_trim(row->remark, sizeof(row->remark), vals[NBF_REMARK].str);
}

/* The window is open for who's unit: its year into *year, else an
 * error saying when it opens.  Returns 0 or -1. */
static int
nb_rule_window(struct store *s, int64_t unit_id, int *year,
    struct form_errors *errs)
{
	struct nianbao_window	 w;
	struct hdate		 today;
	char			 region[16], msg[256];

	*year = 0;
	clock_today(&today);
	if (nianbao_unit_region(s, unit_id, region) != 0 ||
	    nianbao_window(s, region, &today, &w) != 0)
		return -1;
	if (w.open)
		*year = w.year;
	else
		form_error_add(errs, "", "NB_CLOSED",
		    nianbao_window_message(&w, msg, sizeof(msg)));
	return 0;
}

/* See nianbao.h. */
int
nianbao_save(struct store *s, const struct nianbao_kind *k,
    const struct actor *who, struct nianbao_row *row, const char *dedup_key,
    int64_t *id, int *created, struct form_errors *errs)
{
	char	 summary[128], object[40];
	int	 year;

	*id = 0;
	*created = 0;
	if (store_begin(s) != 0)
		return -1;
	if (nb_rule_window(s, who->unit_id, &year, errs) != 0)
		goto fail;
	if (year == 0) {
		store_rollback(s);
		return 1;
	}
	row->year = year;
	row->row_no = 0;
	/* The same form again is the task it made, whatever the rules
	 * say now (the person is in that task); a new one is checked. */
	snprintf(summary, sizeof(summary), "%d年度%s工资申报 %s", year,
	    k->who, row->name);
	if (wf_create(s, k->code, who->unit_id, who, summary, dedup_key,
	    id, created) != 0)
		goto fail;
	if (*created) {
		row->task_id = *id;
		if (nianbao_rules(s, k, who->unit_id, *id, row, NULL,
		    errs) != 0)
			goto fail;
		if (errs->n > 0) {
			store_rollback(s);
			*id = 0;
			*created = 0;
			return 1;
		}
		snprintf(object, sizeof(object), "task:%" PRId64, *id);
		if (nb_row_save(s, row) != 0 ||
		    audit_append(s, who, "nianbao.save", object, "") != 0)
			goto fail;
	}
	if (store_commit(s) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* Stores r's corrected wage, 备注 and previous wage.  Returns 0 or -1. */
static int
nb_row_update(struct store *s, const struct nianbao_row *r)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, nb_sql[NB_STMT_ROW_UPDATE])) == NULL ||
	    store_bind_int(st, 1, r->wage_fen) ||
	    store_bind_text(st, 2, r->remark) ||
	    store_bind_int(st, 3, r->prev_fen) ||
	    store_bind_int(st, 4, r->id))
		return -1;
	return store_exec_stmt(s, st);
}

/* See nianbao.h. */
int
nianbao_row_correct(struct store *s, const struct nianbao_kind *k,
    const struct actor *who, int64_t task_id, int row_no, int64_t wage_fen,
    const char *remark, struct form_errors *errs)
{
	struct nianbao_row	 r;
	struct task		 t;
	char			 object[40], detail[48];
	int			 rc;

	if (store_begin(s) != 0)
		return -1;
	if ((rc = wf_load(s, task_id, who->unit_id, &t)) != 0 ||
	    strcmp(t.business, k->code) != 0 ||
	    (rc = nianbao_row_load(s, task_id, row_no, &r)) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 2;
	}
	if (!wf_editable(&t)) {
		store_rollback(s);
		return 3;
	}
	r.wage_fen = wage_fen;
	text_copy(r.remark, sizeof(r.remark), remark);
	if (nianbao_rules(s, k, who->unit_id, task_id, &r, NULL, errs) != 0)
		goto fail;
	if (errs->n > 0) {
		store_rollback(s);
		return 1;
	}
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "row=%d wage=%" PRId64, row_no,
	    wage_fen);
	if (nb_row_update(s, &r) != 0 ||
	    audit_append(s, who, "nianbao.correct", object, detail) != 0 ||
	    store_commit(s) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* nianbao_rows_by_idno callback that only counts. */
static void
nb_count_row(const struct nianbao_row *row, void *arg)
{
}

/* The row number after task_id's last into *n.  Returns 0 or -1. */
static int
nb_row_next(struct store *s, int64_t task_id, int *n)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, nb_sql[NB_STMT_ROW_NEXT])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		*n = store_col_int(st, 0);
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* An imported declaration's summary 「批量导入 N 人」 counts its rows
 * again; any other is left.  Returns 0 or -1. */
static int
nb_recount(struct store *s, const struct nianbao_kind *k,
    const struct actor *who, const struct task *t)
{
	static const char	 prefix[] = "批量导入 ";
	char			 summary[64];
	int64_t			 n, id;
	int			 created;

	if (strncmp(t->summary, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	if (store_int(s, nb_sql[NB_STMT_ROW_COUNT], t->id, 0, &n) != 0)
		return -1;
	snprintf(summary, sizeof(summary), "批量导入 %" PRId64 " 人", n);
	return wf_save_draft(s, k->code, who, t, summary, NULL, &id,
	    &created);
}

/* See nianbao.h. */
int
nianbao_row_add(struct store *s, const struct nianbao_kind *k,
    const struct actor *who, int64_t task_id, struct nianbao_row *row,
    struct form_errors *errs)
{
	struct task	 t;
	char		 object[40], detail[48];
	int		 rc, year;

	if (store_begin(s) != 0)
		return -1;
	if ((rc = wf_load(s, task_id, who->unit_id, &t)) != 0 ||
	    strcmp(t.business, k->code) != 0) {
		store_rollback(s);
		return rc < 0 ? -1 : 2;
	}
	if (!wf_editable(&t)) {
		store_rollback(s);
		return 3;
	}
	if (nb_rule_window(s, who->unit_id, &year, errs) != 0 ||
	    nianbao_task_year(s, task_id, &row->year) != 0)
		goto fail;
	if (year == 0) {
		store_rollback(s);
		return 1;
	}
	if (row->year == 0)
		row->year = year;
	row->task_id = task_id;
	if (nianbao_rules(s, k, who->unit_id, task_id, row, NULL, errs) != 0 ||
	    (rc = nianbao_rows_by_idno(s, task_id, row->idno, nb_count_row,
	    NULL)) < 0)
		goto fail;
	if (rc > 0)
		form_error_add(errs, "sfzh", "NB_IN_TASK",
		    "该人员已在本次申报中,请在上传明细中修改该行");
	if (errs->n > 0) {
		store_rollback(s);
		return 1;
	}
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	if (nb_row_next(s, task_id, &row->row_no) != 0)
		goto fail;
	snprintf(detail, sizeof(detail), "row=%d", row->row_no);
	if (nb_row_save(s, row) != 0 || nb_recount(s, k, who, &t) != 0 ||
	    audit_append(s, who, "nianbao.add", object, detail) != 0 ||
	    store_commit(s) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* ---- The workflow's check ---- */

/* What the check of a task carries from row to row. */
struct nb_checkarg {
	struct store		*s;
	const struct nianbao_kind *k;
	int64_t			 unit_id;
	int64_t			 task_id;
	struct form_errors	*errs;
	int			 year;
	int			 failed;
};

/* nianbao_rows_page callback: the rules of one row. */
static void
nb_check_row(const struct nianbao_row *row, void *arg)
{
	struct nb_checkarg	*a = arg;
	struct nianbao_row	 r = *row;
	char			 prefix[128];

	if (a->failed || a->errs->n >= FORM_MAX_ERRORS)
		return;
	a->year = row->year;
	prefix[0] = '\0';
	if (row->row_no > 0)
		snprintf(prefix, sizeof(prefix), "第%d行(%s): ", row->row_no,
		    row->name);
	if (nianbao_rules(a->s, a->k, a->unit_id, a->task_id, &r, prefix,
	    a->errs) != 0)
		a->failed = 1;
}

/* The rules of every row of task_id, and, for a draft not sent back,
 * the window of its year (a task submitted in the window is decided,
 * and corrected when sent back, after it).  Returns 0 or -1. */
static int
nb_check_rows(struct store *s, int64_t task_id, struct form_errors *errs,
    int *nrows)
{
	struct nb_checkarg	 a;
	struct task		 t;
	int			 year, n;

	memset(&a, 0, sizeof(a));
	if (wf_load(s, task_id, 0, &t) != 0)
		return -1;
	a.s = s;
	a.k = nianbao_kind_of(t.business);
	a.unit_id = t.unit_id;
	a.task_id = task_id;
	a.errs = errs;
	if ((n = nianbao_rows_page(s, task_id, 0, -1, nb_check_row, &a)) < 0 ||
	    a.failed)
		return -1;
	*nrows = n;
	/* A declaration sent back (回退, or rows a partial decision
	 * returned) is corrected and resubmitted after the window too. */
	if (t.state != TASK_DRAFT || n == 0 || t.returned)
		return 0;
	if (nb_rule_window(s, t.unit_id, &year, errs) != 0)
		return -1;
	if (year != 0 && year != a.year)
		form_error_addf(errs, NULL, "", "NB_OTHER_YEAR",
		    "本申报为%d年度,当前申报期为%d年度,请退单后重新申报",
		    a.year, year);
	return 0;
}

/* The workflow's check: every row's rules, the window, the 申报表. */
static int
nb_business_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	const struct material	*m;
	int			 n, has;

	if (nb_check_rows(s, task_id, errs, &n) != 0)
		return -1;
	if (n == 0)
		form_error_add(errs, "", "NB_NO_ROWS", "没有可提交的申报人员");
	if ((has = attach_has(s, task_id, 0, NB_MAT_SHENBAOBIAO)) < 0)
		return -1;
	if (!has) {
		m = attach_material(NB_MAT_SHENBAOBIAO);
		form_error_addf(errs, NULL, "attachments", "NB_MISSING_ATTACH",
		    "缺少附件: %s", m != NULL ? m->name : NB_MAT_SHENBAOBIAO);
	}
	return 0;
}

/* See nianbao.h. */
int
nianbao_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	int	 n;

	return nb_check_rows(s, task_id, errs, &n);
}

/* ---- The effect ---- */

/* The rows of a task, collected for the effect (which writes). */
struct nb_list {
	struct nianbao_row	*rows;
	size_t			 n, cap;
	int			 failed;
};

/* nianbao_rows_page callback: keeps a copy of the row. */
static void
nb_collect(const struct nianbao_row *row, void *arg)
{
	struct nb_list	*l = arg;
	void		*p;
	size_t		 cap;

	if (l->failed)
		return;
	if (l->n == l->cap) {
		cap = l->cap == 0 ? 64 : l->cap * 2;
		if ((p = reallocarray(l->rows, cap, sizeof(*l->rows))) ==
		    NULL) {
			l->failed = 1;
			return;
		}
		l->rows = p;
		l->cap = cap;
	}
	l->rows[l->n++] = *row;
}

/* Sets the base of row r in region from month on (a retiree's: his
 * row's wage, base and year).  Returns 0 or -1. */
static int
nb_apply_row(struct store *s, const struct nianbao_kind *k,
    const char *region, const char *month, const struct nianbao_row *r)
{
	struct store_stmt	*st;
	struct wb_clamp		 c;

	if (wb_clamp(s, region, r->year, r->wage_fen, &c) != 0)
		return -1;
	if (k->retirees) {
		if (r->retiree_id <= 0 ||
		    (st = store_stmt(s, nb_sql[NB_STMT_RETIREE_SET])) == NULL ||
		    store_bind_int(st, 1, r->wage_fen) != 0 ||
		    store_bind_int(st, 2, c.base_fen) != 0 ||
		    store_bind_int(st, 3, r->year) != 0 ||
		    store_bind_int(st, 4, r->retiree_id) != 0 ||
		    store_exec_stmt(s, st) != 0)
			return -1;
	} else if (r->insurance_id <= 0 ||
	    wb_set(s, r->insurance_id, month, &c, k->code, r->task_id) != 0)
		return -1;
	if ((st = store_stmt(s, nb_sql[NB_STMT_ROW_BASE])) == NULL ||
	    store_bind_int(st, 1, c.base_fen) != 0 ||
	    store_bind_int(st, 2, r->id) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* Records unit_id's declaration of year (once).  Returns 0 or -1. */
static int
nb_declared(struct store *s, int64_t unit_id, int year)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, nb_sql[NB_STMT_DECLARE])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, year) != 0 ||
	    store_bind_int(st, 3, (int64_t)clock_now()) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* The workflow's effect on approval: each row's 缴费基数 for the year,
 * from the policy's month, and the unit's declaration recorded (a
 * retiree's: his row's wage and base for the year). */
static int
nb_business_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	const struct nianbao_kind *k;
	struct nb_list	 l;
	struct task	 t;
	char		 region[16], month[8], object[40], detail[48];
	char		 action[32];
	size_t		 i;
	int		 rc = -1;

	memset(&l, 0, sizeof(l));
	if (wf_load(s, task_id, 0, &t) != 0 ||
	    nianbao_unit_region(s, t.unit_id, region) != 0 ||
	    nianbao_rows_page(s, task_id, 0, -1, nb_collect, &l) < 0 ||
	    l.failed || l.n == 0 ||
	    nianbao_from_month(s, region, l.rows[0].year, month) != 0)
		goto out;
	k = nianbao_kind_of(t.business);
	for (i = 0; i < l.n; i++)
		if (nb_apply_row(s, k, region, month, &l.rows[i]) != 0) {
			log_err("%s: task %" PRId64 ": row %d: no base",
			    k->code, task_id, l.rows[i].row_no);
			goto out;
		}
	/* 减员's rule 10 asks for the in-service declaration. */
	if (!k->retirees && nb_declared(s, t.unit_id, l.rows[0].year) != 0)
		goto out;
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "year=%d rows=%zu from=%s",
	    l.rows[0].year, l.n, month);
	snprintf(action, sizeof(action), "%s.apply", k->code);
	rc = audit_append(s, who, action, object, detail);
out:
	free(l.rows);
	return rc;
}

/* ---- Describe and the row hooks ---- */

/* What describe counts. */
struct nb_names {
	struct rows_names	 l;
	int64_t			 total_fen;
	int			 year;
};

/* nianbao_rows_page callback: one name and wage. */
static void
nb_name_row(const struct nianbao_row *r, void *arg)
{
	struct nb_names	*a = arg;

	rows_names_add(&a->l, r->name);
	a->total_fen += r->wage_fen;
	a->year = r->year;
}

/* The workflow's describe: the year, the count, the total, the names. */
static int
nb_business_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct nb_names	*a;
	char		 buf[64], yuan[32];

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	if (nianbao_rows_page(s, task_id, 0, -1, nb_name_row, a) < 0) {
		free(a);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%d", a->year);
	field(arg, "申报年度", buf);
	snprintf(buf, sizeof(buf), "%zu", a->l.n);
	field(arg, "申报人数", buf);
	snprintf(buf, sizeof(buf), "%s 元", wb_yuan(a->total_fen, yuan,
	    sizeof(yuan)));
	field(arg, "申报工资合计", buf);
	rows_names_field(&a->l, field, arg);
	free(a);
	return 0;
}

static const char *const nb_row_labels[] = { "申报工资", "上年度申报工资",
	"备注", "缴费基数" };

/* The rows hook.  Returns the rows walked or -1. */
static int
nb_wf_rows(struct store *s, int64_t task_id,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	return rows_walk(s, nb_sql[NB_STMT_WF_ROWS], task_id, nb_row_labels,
	    4, fn, arg);
}

/* See nianbao.h. */
int
nianbao_preview_init(struct store *s, int64_t task_id,
    struct nianbao_preview *p)
{
	struct wb_clamp	 k;
	struct task	 t;
	char		 region[16];
	int		 year, rc;

	memset(p, 0, sizeof(*p));
	if ((rc = wf_load(s, task_id, 0, &t)) != 0)
		return rc < 0 ? -1 : 0;
	if (strcmp(t.business, nianbao_kind_txgz.code) == 0)
		return 0;
	if (nianbao_task_year(s, task_id, &year) != 0 ||
	    nianbao_unit_region(s, t.unit_id, region) != 0)
		return -1;
	if (year == 0 || (rc = wb_clamp(s, region, year, 1, &k)) == 1)
		return 0;
	if (rc != 0)
		return -1;
	p->ok = 1;
	p->floor_fen = k.floor_fen;
	p->ceil_fen = k.ceil_fen;
	return 0;
}

/* See nianbao.h. */
int64_t
nianbao_preview(const struct nianbao_preview *p, int64_t wage_fen)
{
	if (!p->ok || wage_fen <= 0)
		return 0;
	return wage_fen < p->floor_fen ? p->floor_fen :
	    wage_fen > p->ceil_fen ? p->ceil_fen : wage_fen;
}

/* A walk of rows for the reviewer whose 缴费基数 is not set yet shows
 * the base the wage will get ("4620.00(待核定)"). */
struct nb_preview_walk {
	struct nianbao_preview	 p;
	int			(*fn)(void *arg, const struct wf_row *r);
	void			*arg;
	char			 buf[48];
};

/* rows walk callback: fills an empty 缴费基数 from the preview, then
 * calls the caller's.  Returns what it returns. */
static int
nb_preview_row(void *arg, const struct wf_row *r)
{
	struct nb_preview_walk	*w = arg;
	struct wf_row		 c = *r;
	int64_t			 fen, base;
	char			 yuan[32];

	if (c.nfacts == 4 && c.value[3] != NULL && c.value[3][0] == '\0' &&
	    valid_money(c.value[0], &fen) == VALID_OK &&
	    (base = nianbao_preview(&w->p, fen)) > 0) {
		snprintf(w->buf, sizeof(w->buf), "%s(待核定)",
		    wb_yuan(base, yuan, sizeof(yuan)));
		c.value[3] = w->buf;
	}
	return w->fn(w->arg, &c);
}

/* The rows_page hook.  Returns the rows walked or -1. */
static int
nb_wf_rows_page(struct store *s, int64_t task_id, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	struct nb_preview_walk	 w;

	if (nianbao_preview_init(s, task_id, &w.p) != 0)
		return -1;
	w.fn = fn;
	w.arg = arg;
	return rows_walk_page(s, nb_sql[NB_STMT_WF_ROWS_PAGE], task_id,
	    offset, limit, nb_row_labels, 4, nb_preview_row, &w);
}

/* See nianbao.h. */
int
nianbao_rows_find(struct store *s, int64_t task_id, const char *idno,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	struct store_stmt	*st;
	struct wf_row		 r;
	struct nb_preview_walk	 w;
	size_t			 i;
	int			 rc, n = 0;

	if (nianbao_preview_init(s, task_id, &w.p) != 0)
		return -1;
	w.fn = fn;
	w.arg = arg;
	if ((st = store_stmt(s, nb_sql[NB_STMT_WF_ROWS_FIND])) == NULL ||
	    store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, idno) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&r, 0, sizeof(r));
		r.row_no = store_col_int(st, 0);
		r.person_id = store_col_int64(st, 1);
		r.name = store_col_text(st, 2);
		r.idno = store_col_text(st, 3);
		r.nfacts = 4;
		for (i = 0; i < 4; i++) {
			r.label[i] = nb_row_labels[i];
			r.value[i] = store_col_text(st, 4 + (int)i);
		}
		n++;
		if (nb_preview_row(&w, &r) != 0)
			break;
	}
	store_reset(st);
	return rc == STORE_ERROR ? -1 : n;
}

/* The row_count hook.  Returns 0 or -1. */
static int
nb_row_count(struct store *s, int64_t task_id, int64_t *n)
{
	return store_int(s, nb_sql[NB_STMT_ROW_COUNT], task_id, 0, n);
}

/* The row_delete hook: a file's row (row 0, the form's, stays).
 * Returns 0, 1 none, -1 error. */
static int
nb_row_delete(struct store *s, int64_t task_id, int row_no)
{
	if (row_no <= 0)
		return 1;
	return rows_delete(s, nb_sql[NB_STMT_ROW_DELETE], task_id, row_no);
}

/* The rows_move hook: a file's rows to another task.  Returns 0, 1
 * when a row is not there (or is row 0), -1 on error. */
static int
nb_rows_move(struct store *s, int64_t task_id, int64_t to_task,
    const int *row_nos, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (row_nos[i] <= 0)
			return 1;
	return rows_move(s, nb_sql[NB_STMT_ROWS_MOVE], task_id, to_task,
	    row_nos, n);
}

static const struct wf_menu nb_menu[] = {
	{ "职工缴费工资申报", "/nianbao" },
	{ NULL, NULL }
};

/* The key facts its receipts certify (struct wf_business,
 * receipt_facts): labels of its rows' facts. */
static const char *const nb_receipt_facts[] = {
	"申报工资", "缴费基数", NULL
};

const struct wf_business nianbao_business = {
	.code = "nianbao",
	.name = "职工缴费工资申报",
	.path = "/nianbao",
	.review_days_min = 1,
	.review_days_max = 5,
	.check = nb_business_check,
	.apply = nb_business_apply,
	.describe = nb_business_describe,
	.category = "jiaofei",
	.menu = nb_menu,
	.batch = &nianbao_batch,
	.rows = nb_wf_rows,
	.row_count = nb_row_count,
	.row_delete = nb_row_delete,
	.rows_move = nb_rows_move,
	.rows_page = nb_wf_rows_page,
	.rows_find = nianbao_rows_find,
	.receipt_facts = nb_receipt_facts,
};

static const struct wf_menu txgz_menu[] = {
	{ "非统筹退休人员工资申报", "/txgz" },
	{ NULL, NULL }
};

const struct wf_business txgz_business = {
	.code = "txgz",
	.name = "非统筹退休人员工资申报",
	.path = "/txgz",
	.review_days_min = 1,
	.review_days_max = 5,
	.check = nb_business_check,
	.apply = nb_business_apply,
	.describe = nb_business_describe,
	.category = "jiaofei",
	.menu = txgz_menu,
	.batch = &txgz_batch,
	.rows = nb_wf_rows,
	.row_count = nb_row_count,
	.row_delete = nb_row_delete,
	.rows_move = nb_rows_move,
	.rows_page = nb_wf_rows_page,
	.rows_find = nianbao_rows_find,
	.receipt_facts = nb_receipt_facts,
};

/* ---- The batch ---- */

static const char *const nb_columns[NBC__MAX + 1] = {
	"个人编号",			/* NBC_SB_NO */
	"姓名",				/* NBC_NAME */
	"身份证号",			/* NBC_SFZH */
	"上年度月平均工资(元)",		/* NBC_WAGE */
	"备注",				/* NBC_REMARK */
	NULL
};

static const char *const nb_notes[] = {
	"填表说明",
	"1. 本表已列出本单位全部参保缴费人员,请逐人在“上年度月平均工资(元)”栏填写该职工上年度月平均工资(元,大于0,最多两位小数)。",
	"2. 请勿修改表头、个人编号、姓名和身份证号;不在本单位参保缴费的人员不能申报。",
	"3. 申报工资与上年度申报工资相差较大(以当地政策规定的比例为准)的,须在“备注”栏说明原因,否则该行导入失败。",
	"4. 同一身份证号只能出现一次;导入后可按身份证号查找、删除申报有误的人员,全部有误的可退单后重新申报。",
	"5. “上年度月平均工资”栏空白的行视为本次未申报(不算导入失败);未在表中申报的本单位参保人员,将在上传明细页面的“未申报人员”中列出。",
	"6. 审核通过后,系统按申报年度缴费基数上下限(社平工资的60%-300%,以当地政策为准)核定缴费基数。",
	NULL
};

static const char *const txgz_notes[] = {
	"填表说明(非统筹退休人员)",
	"1. 本表已列出本单位登记的全部非统筹退休人员(未在本市参加基本养老"
	"保险统筹的退休人员),请逐人在“上年度月平均工资(元)”栏填写(元,大于0,"
	"最多两位小数)。",
	"2. 请勿修改表头、个人编号、姓名和身份证号;未在本单位登记的人员不能申报,需登记的请到辖区社保经办机构办理。",
	"3. 申报工资与上年度申报工资相差较大(以当地政策规定的比例为准)的,须在“备注”栏说明原因,否则该行导入失败。",
	"4. 同一身份证号只能出现一次;导入后可按身份证号查找、删除申报有误的人员,全部有误的可退单后重新申报。",
	"5. 未在表中申报的本单位非统筹退休人员,将在上传明细页面的“未申报人员”中列出。",
	NULL
};

/* Emits the template's rows of kind k for unit_id: every person 参保缴费
 * there (every retiree registered there), the wage and 备注 to fill.
 * Returns 0, -1, or emit's value. */
static int
nb_template_kind(struct store *s, const struct nianbao_kind *k,
    int64_t unit_id, int (*emit)(void *arg, const char *const *cells),
    void *arg)
{
	struct store_stmt	*st;
	const char		*cells[NBC__MAX];
	int			 rc, stop = 0;

	if ((st = store_stmt(s, nb_sql[k->retirees ? NB_STMT_TEMPLATE_R :
	    NB_STMT_TEMPLATE])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	cells[NBC_WAGE] = "";
	cells[NBC_REMARK] = "";
	while ((rc = store_step(st)) == STORE_ROW) {
		cells[NBC_SB_NO] = store_col_text(st, 0);
		cells[NBC_NAME] = store_col_text(st, 1);
		cells[NBC_SFZH] = store_col_text(st, 2);
		if ((stop = emit(arg, cells)) != 0)
			break;
	}
	store_reset(st);
	if (stop != 0)
		return stop;
	return rc == STORE_DONE ? 0 : -1;
}

/* batch_spec template_rows of 职工缴费工资申报. */
static int
nb_template_rows(struct store *s, int64_t unit_id,
    int (*emit)(void *arg, const char *const *cells), void *arg)
{
	return nb_template_kind(s, &nianbao_kind_zaizhi, unit_id, emit, arg);
}

/* batch_spec template_rows of 非统筹退休人员工资申报. */
static int
txgz_template_rows(struct store *s, int64_t unit_id,
    int (*emit)(void *arg, const char *const *cells), void *arg)
{
	return nb_template_kind(s, &nianbao_kind_txgz, unit_id, emit, arg);
}

/* Cell i trimmed into dst[dstsz] ("" when absent). */
static void
nb_cell(const char *const *cells, size_t ncells, size_t i, char *dst,
    size_t dstsz)
{
	text_copy_trim(dst, dstsz, i < ncells ? cells[i] : NULL);
}

/* Builds a row from template cells; a malformed wage is 0 (the rules
 * say so). */
static void
nb_row_from_cells(const char *const *cells, size_t ncells,
    struct nianbao_row *row)
{
	char	 wage[32], *p;

	memset(row, 0, sizeof(*row));
	nb_cell(cells, ncells, NBC_SB_NO, row->sb_no, sizeof(row->sb_no));
	nb_cell(cells, ncells, NBC_NAME, row->name, sizeof(row->name));
	nb_cell(cells, ncells, NBC_SFZH, row->idno, sizeof(row->idno));
	for (p = row->idno; *p != '\0'; p++)
		if (*p == 'x')
			*p = 'X';
	nb_cell(cells, ncells, NBC_WAGE, wage, sizeof(wage));
	nb_cell(cells, ncells, NBC_REMARK, row->remark, sizeof(row->remark));
	if (valid_money(wage, &row->wage_fen) != VALID_OK)
		row->wage_fen = 0;
}

/* batch_spec row_blank of both kinds: a row of the pre-filled template
 * whose wage cell is blank was not declared in this file (the person
 * stays among the 未申报人员).  Returns 1 skip, 0 import. */
static int
nb_row_blank(const char *const *cells, size_t ncells)
{
	char	 wage[32];

	nb_cell(cells, ncells, NBC_WAGE, wage, sizeof(wage));
	return wage[0] == '\0';
}

/* Checks one row of kind k: the window, then the same rules as the
 * form.  Returns 0 (see errs) or -1. */
static int
nb_check_cells(struct store *s, const struct nianbao_kind *k,
    int64_t unit_id, const char *const *cells, size_t ncells,
    struct form_errors *errs)
{
	struct nianbao_row	 row;

	nb_row_from_cells(cells, ncells, &row);
	if (nb_rule_window(s, unit_id, &row.year, errs) != 0)
		return -1;
	if (row.year == 0)
		return 0;
	row.row_no = 1;
	return nianbao_rules(s, k, unit_id, 0, &row, NULL, errs);
}

/* Stores a checked row of kind k with its person and year.  Returns 0
 * or -1. */
static int
nb_store_cells(struct store *s, const struct nianbao_kind *k,
    int64_t unit_id, int64_t task_id, int row_no, const char *const *cells,
    size_t ncells)
{
	struct form_errors	*scratch;
	struct nianbao_row	 row;
	int			 rc = -1;

	if ((scratch = calloc(1, sizeof(*scratch))) == NULL)
		return -1;
	nb_row_from_cells(cells, ncells, &row);
	row.task_id = task_id;
	row.row_no = row_no;
	/* The rules passed; run again for the person and 上年度工资. */
	if (nb_rule_window(s, unit_id, &row.year, scratch) == 0 &&
	    row.year != 0 &&
	    nianbao_rules(s, k, unit_id, task_id, &row, NULL, scratch) == 0)
		rc = nb_row_save(s, &row);
	free(scratch);
	return rc;
}

/* batch_spec row_check of 职工缴费工资申报. */
static int
nb_row_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *today, struct form_errors *errs)
{
	return nb_check_cells(s, &nianbao_kind_zaizhi, unit_id, cells, ncells,
	    errs);
}

/* batch_spec row_store of 职工缴费工资申报. */
static int
nb_row_store(struct store *s, int64_t unit_id, int64_t task_id, int row_no,
    const char *const *cells, size_t ncells, const struct hdate *today)
{
	return nb_store_cells(s, &nianbao_kind_zaizhi, unit_id, task_id,
	    row_no, cells, ncells);
}

/* batch_spec row_check of 非统筹退休人员工资申报. */
static int
txgz_row_check(struct store *s, int64_t unit_id, const char *const *cells,
    size_t ncells, const struct hdate *today, struct form_errors *errs)
{
	return nb_check_cells(s, &nianbao_kind_txgz, unit_id, cells, ncells,
	    errs);
}

/* batch_spec row_store of 非统筹退休人员工资申报. */
static int
txgz_row_store(struct store *s, int64_t unit_id, int64_t task_id,
    int row_no, const char *const *cells, size_t ncells,
    const struct hdate *today)
{
	return nb_store_cells(s, &nianbao_kind_txgz, unit_id, task_id,
	    row_no, cells, ncells);
}

/* The template's column widths (no column has fixed values or is a
 * date: the wage is a number of 元). */
static const struct batch_col nb_cols[NBC__MAX] = {
	{ BATCH_COL_TEXT, NULL, 16 },	/* NBC_SB_NO */
	{ BATCH_COL_TEXT, NULL, 12 },	/* NBC_NAME */
	{ BATCH_COL_TEXT, NULL, 22 },	/* NBC_SFZH */
	{ BATCH_COL_TEXT, NULL, 22 },	/* NBC_WAGE */
	{ BATCH_COL_TEXT, NULL, 30 },	/* NBC_REMARK */
};

const struct batch_spec nianbao_batch = {
	.business = "nianbao",
	.title = "职工缴费工资申报",
	.columns = nb_columns,
	.example = NULL,
	.name_col = NBC_NAME,
	.idno_col = NBC_SFZH,
	.row_check = nb_row_check,
	.row_store = nb_row_store,
	.wf = &nianbao_business,
	.template_rows = nb_template_rows,
	.notes = nb_notes,
	.row_blank = nb_row_blank,
	.cols = nb_cols,
};

const struct batch_spec txgz_batch = {
	.business = "txgz",
	.title = "非统筹退休人员工资申报",
	.columns = nb_columns,
	.example = NULL,
	.name_col = NBC_NAME,
	.idno_col = NBC_SFZH,
	.row_check = txgz_row_check,
	.row_store = txgz_row_store,
	.wf = &txgz_business,
	.template_rows = txgz_template_rows,
	.notes = txgz_notes,
	.row_blank = nb_row_blank,
	.cols = nb_cols,
};

/* ---- 非统筹退休人员 ---- */

/* See nianbao.h. */
int
txgz_retiree_add(struct store *s, const struct txgz_retiree *r)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, nb_sql[NB_STMT_RETIREE_ADD])) == NULL ||
	    store_bind_int(st, 1, r->unit_id) ||
	    store_bind_int(st, 2, r->person_id) ||
	    store_bind_text(st, 3, r->name) ||
	    store_bind_text(st, 4, r->idno) ||
	    store_bind_text(st, 5, r->sb_no) ||
	    store_bind_text(st, 6, r->retire_date) ||
	    store_bind_text(st, 7, r->category) ||
	    store_bind_int(st, 8, r->wage_fen) ||
	    store_bind_int(st, 9, r->wage_year))
		return -1;
	return store_exec_stmt(s, st);
}
