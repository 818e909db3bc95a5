/*
 * tuigong_comp.c: 经济补偿 of a 退工: the figure worked out for the
 * form's row, table tuigong_comp, the receipt's facts and its .xlsx;
 * see tuigong_comp.h for the decisions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "insurance.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "text.h"
#include "tuigong.h"
#include "tuigong_comp.h"
#include "wagebase.h"
#include "xlsx.h"

/* The columns of a tuigong_comp row, in the order tgc_read() reads. */
#define TGC_COLUMNS "owed, reason, basis, start, start_entered, end_date, " \
	"avg_fen, cap_multiple, cap_years, computed, years, months, days, " \
	"total_months, half_months, half_uncapped, wage_fen, wage_used_fen, " \
	"cap_fen, due_fen, wage_capped, years_capped, paid_fen, " \
	"paid_entered, working, note"

static const char tgc_sql_load[] =
    "SELECT " TGC_COLUMNS " FROM tuigong_comp WHERE task_id = ?1 AND "
    "row_no = ?2";

/* An upsert rather than INSERT OR REPLACE: the same on both engines. */
static const char tgc_sql_save[] =
    "INSERT INTO tuigong_comp (task_id, row_no, " TGC_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, "
    "?27, ?28) ON CONFLICT (task_id, row_no) DO UPDATE SET "
    "owed = excluded.owed, reason = excluded.reason, "
    "basis = excluded.basis, start = excluded.start, "
    "start_entered = excluded.start_entered, "
    "end_date = excluded.end_date, avg_fen = excluded.avg_fen, "
    "cap_multiple = excluded.cap_multiple, "
    "cap_years = excluded.cap_years, computed = excluded.computed, "
    "years = excluded.years, months = excluded.months, "
    "days = excluded.days, total_months = excluded.total_months, "
    "half_months = excluded.half_months, "
    "half_uncapped = excluded.half_uncapped, "
    "wage_fen = excluded.wage_fen, "
    "wage_used_fen = excluded.wage_used_fen, "
    "cap_fen = excluded.cap_fen, due_fen = excluded.due_fen, "
    "wage_capped = excluded.wage_capped, "
    "years_capped = excluded.years_capped, "
    "paid_fen = excluded.paid_fen, "
    "paid_entered = excluded.paid_entered, "
    "working = excluded.working, note = excluded.note";

static const char tgc_sql_region[] = "SELECT region FROM units WHERE id = ?1";

/* Indexed by the reasons that owe (tuigong_reason): the basis that
 * exempts each. */
const char *const tg_comp_bases[] = {
	"过失性辞退(劳动合同法第三十九条)",
	"由员工提出协商解除",
	"单位维持或提高条件续订,员工不同意",
	NULL
};

/* The reason each basis of tg_comp_bases belongs to. */
static const enum tuigong_reason tgc_basis_reason[] = {
	TG_REASON_DISMISS, TG_REASON_AGREED, TG_REASON_EXPIRY
};

const struct field_def tg_comp_defs[TGCF__MAX] = {
	{ "wage", "月工资", FIELD_MONEY, 0, 0, NULL, 0, 0 },
	{ "comp_paid", "实付经济补偿", FIELD_MONEY, 0, 0, NULL, 0, 0 },
	{ "comp_start", "工作年限起算日期", FIELD_DATE, 0, 0, NULL, 0, 0 },
	{ "comp_basis", "无需支付经济补偿的依据", FIELD_CHOICE, 0, 0,
	    tg_comp_bases, 0, 0 },
};

/* Whether reason (a 退工原因) owes 经济补偿 unless exempted. */
static int
tgc_reason_owes(const char *reason)
{
	switch (tuigong_reason_of(reason)) {
	case TG_REASON_DISMISS:
	case TG_REASON_AGREED:
	case TG_REASON_EXPIRY:
		return 1;
	case TG_REASON_RESIGN:
	case TG_REASON_LOST:
	case TG_REASON_OTHER:
	case TG_REASON__MAX:
		return 0;
	}
	return 0;
}

/* The index of basis in tg_comp_bases, or -1. */
static int
tgc_basis_index(const char *basis)
{
	int	 i;

	for (i = 0; basis != NULL && tg_comp_bases[i] != NULL; i++)
		if (strcmp(tg_comp_bases[i], basis) == 0)
			return i;
	return -1;
}

/* See tuigong_comp.h. */
size_t
tg_comp_form_extra(const struct field_val *vals, const char *reason,
    const char *end, struct form_errors *errs)
{
	struct hdate	 e;
	size_t		 n0 = errs->n;
	int		 b;

	if (vals[TGCF_WAGE].present && vals[TGCF_WAGE].num > COMP_WAGE_MAX_FEN)
		form_error_add(errs, "wage", "TG_WAGE_RANGE",
		    "月工资不能超过1,000,000.00元");
	if (vals[TGCF_PAID].present && vals[TGCF_PAID].num > COMP_WAGE_MAX_FEN *
	    100)
		form_error_add(errs, "comp_paid", "TG_PAID_RANGE",
		    "实付经济补偿金额过大,请核对");
	if (vals[TGCF_BASIS].present) {
		b = tgc_basis_index(vals[TGCF_BASIS].str);
		if (b < 0 || tuigong_reason_of(reason) != tgc_basis_reason[b])
			form_error_addf(errs, NULL, "comp_basis",
			    "TG_BASIS_REASON", "“%s”与退工原因“%s”不符",
			    vals[TGCF_BASIS].str, reason != NULL ? reason : "");
	}
	if (vals[TGCF_START].present && end != NULL &&
	    valid_date(end, &e) == VALID_OK &&
	    hdate_cmp(&vals[TGCF_START].date, &e) > 0)
		form_error_add(errs, "comp_start", "TG_START_AFTER_END",
		    "工作年限起算日期不能晚于退工日期");
	return errs->n - n0;
}

/* The unit's region into buf[bufsz] ("*" when unknown).  Returns 0 or
 * -1. */
static int
tgc_region(struct store *s, int64_t unit_id, char *buf, size_t bufsz)
{
	struct store_stmt	*st;
	int			 rc;

	snprintf(buf, bufsz, "*");
	if ((st = store_stmt(s, tgc_sql_region)) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		text_copy(buf, bufsz, store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* The cap of c's 退工日期 in unit_id's region: c->avg_fen,
 * c->cap_multiple and c->cap_years from policy.  Returns 0 or -1. */
static int
tgc_cap(struct store *s, int64_t unit_id, const struct hdate *end,
    struct tg_comp *c)
{
	char		 region[16];
	long long	 avg, mult, years;
	int		 rc;

	if (tgc_region(s, unit_id, region, sizeof(region)) != 0 ||
	    policy_int(s, region, "compensation.cap_multiple", end, 3,
	    &mult) != 0 ||
	    policy_int(s, region, "compensation.cap_years", end, 12,
	    &years) != 0 ||
	    (rc = policy_int_year(s, region, "wage.avg_monthly_fen",
	    end->year, &avg)) < 0)
		return -1;
	if (mult < 1 || mult > 10 || years < 1 || years > 100) {
		log_err("tuigong_comp: %s: compensation.cap_multiple %lld or "
		    "cap_years %lld out of range", region, mult, years);
		return -1;
	}
	c->cap_multiple = (int)mult;
	c->cap_years = (int)years;
	c->avg_fen = rc == 0 && avg > 0 && avg <= WB_AVG_MAX_FEN ? avg : 0;
	return 0;
}

/* See tuigong_comp.h. */
int
tg_comp_work(struct store *s, int64_t unit_id, const struct tuigong_row *row,
    const struct field_val *vals, struct tg_comp *c)
{
	struct hdate	 start, end;
	int64_t		 cap;

	memset(c, 0, sizeof(*c));
	c->cap_multiple = 3;
	c->cap_years = 12;
	text_copy(c->reason, sizeof(c->reason), row->reason);
	text_copy(c->end, sizeof(c->end), row->end_date);
	if (vals != NULL) {
		if (vals[TGCF_BASIS].present)
			text_copy(c->basis, sizeof(c->basis),
			    vals[TGCF_BASIS].str);
		if (vals[TGCF_START].present)
			hdate_fmt(&vals[TGCF_START].date, c->start_entered);
		c->wage_fen = vals[TGCF_WAGE].present ? vals[TGCF_WAGE].num : 0;
		c->paid_entered = vals[TGCF_PAID].present;
		c->paid_fen = c->paid_entered ? vals[TGCF_PAID].num : 0;
	}
	text_copy(c->start, sizeof(c->start), c->start_entered[0] != '\0' ?
	    c->start_entered : row->contract_start);
	c->owed = tgc_reason_owes(row->reason) && c->basis[0] == '\0';
	if (!c->owed) {
		snprintf(c->note, sizeof(c->note), "%s%s,依法无需支付经济补偿"
		    "(劳动合同法第四十六条)", c->basis[0] != '\0' ?
		    c->basis : "退工原因为", c->basis[0] != '\0' ? "" :
		    row->reason);
		return 0;
	}
	if (valid_date(c->start, &start) != VALID_OK ||
	    valid_date(c->end, &end) != VALID_OK ||
	    hdate_cmp(&start, &end) > 0) {
		snprintf(c->note, sizeof(c->note), "工作年限起算日期或退工日期"
		    "无效,暂不能计算经济补偿");
		return 0;
	}
	if (c->wage_fen <= 0) {
		snprintf(c->note, sizeof(c->note), "请填写月工资(员工离职前"
		    "十二个月的平均工资),系统按劳动合同法第四十七条计算经济"
		    "补偿");
		return 0;
	}
	if (tgc_cap(s, unit_id, &end, c) != 0)
		return -1;
	cap = c->avg_fen * c->cap_multiple;
	if (compensation_compute(&start, &end, c->wage_fen, cap,
	    c->cap_years, &c->r) != 0)
		return -1;
	c->computed = 1;
	return 0;
}

/* Fills c from the current row of a statement selecting TGC_COLUMNS. */
static void
tgc_read(struct store_stmt *st, struct tg_comp *c)
{
	memset(c, 0, sizeof(*c));
	c->owed = store_col_int(st, 0) != 0;
	text_copy(c->reason, sizeof(c->reason), store_col_text(st, 1));
	text_copy(c->basis, sizeof(c->basis), store_col_text(st, 2));
	text_copy(c->start, sizeof(c->start), store_col_text(st, 3));
	text_copy(c->start_entered, sizeof(c->start_entered),
	    store_col_text(st, 4));
	text_copy(c->end, sizeof(c->end), store_col_text(st, 5));
	c->avg_fen = store_col_int64(st, 6);
	c->cap_multiple = store_col_int(st, 7);
	c->cap_years = store_col_int(st, 8);
	c->computed = store_col_int(st, 9) != 0;
	c->r.years = store_col_int(st, 10);
	c->r.months = store_col_int(st, 11);
	c->r.days = store_col_int(st, 12);
	c->r.total_months = store_col_int(st, 13);
	c->r.half_months = store_col_int(st, 14);
	c->r.half_months_uncapped = store_col_int(st, 15);
	c->wage_fen = store_col_int64(st, 16);
	c->r.wage_fen = c->wage_fen;
	c->r.wage_used_fen = store_col_int64(st, 17);
	c->r.cap_fen = store_col_int64(st, 18);
	c->r.amount_fen = store_col_int64(st, 19);
	c->r.wage_capped = store_col_int(st, 20) != 0;
	c->r.years_capped = store_col_int(st, 21) != 0;
	c->paid_fen = store_col_int64(st, 22);
	c->paid_entered = store_col_int(st, 23) != 0;
	text_copy(c->r.working, sizeof(c->r.working), store_col_text(st, 24));
	text_copy(c->note, sizeof(c->note), store_col_text(st, 25));
}

/* See tuigong_comp.h. */
int
tg_comp_load(struct store *s, int64_t task_id, int row_no, struct tg_comp *c)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, tgc_sql_load)) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_int(st, 2, row_no))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		tgc_read(st, c);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* See tuigong_comp.h. */
int
tg_comp_save(struct store *s, int64_t task_id, int row_no,
    const struct tg_comp *c)
{
	struct store_stmt	*st;

	st = store_stmt(s, tgc_sql_save);
	if (st == NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, row_no) ||
	    store_bind_int(st, 3, c->owed) ||
	    store_bind_text(st, 4, c->reason) ||
	    store_bind_text(st, 5, c->basis) ||
	    store_bind_text(st, 6, c->start) ||
	    store_bind_text(st, 7, c->start_entered) ||
	    store_bind_text(st, 8, c->end) ||
	    store_bind_int(st, 9, c->avg_fen) ||
	    store_bind_int(st, 10, c->cap_multiple) ||
	    store_bind_int(st, 11, c->cap_years) ||
	    store_bind_int(st, 12, c->computed) ||
	    store_bind_int(st, 13, c->r.years) ||
	    store_bind_int(st, 14, c->r.months) ||
	    store_bind_int(st, 15, c->r.days) ||
	    store_bind_int(st, 16, c->r.total_months) ||
	    store_bind_int(st, 17, c->r.half_months) ||
	    store_bind_int(st, 18, c->r.half_months_uncapped) ||
	    store_bind_int(st, 19, c->wage_fen) ||
	    store_bind_int(st, 20, c->r.wage_used_fen) ||
	    store_bind_int(st, 21, c->r.cap_fen) ||
	    store_bind_int(st, 22, c->r.amount_fen) ||
	    store_bind_int(st, 23, c->r.wage_capped) ||
	    store_bind_int(st, 24, c->r.years_capped) ||
	    store_bind_int(st, 25, c->paid_fen) ||
	    store_bind_int(st, 26, c->paid_entered) ||
	    store_bind_text(st, 27, c->r.working) ||
	    store_bind_text(st, 28, c->note))
		return -1;
	return store_exec_stmt(s, st);
}

/* See tuigong_comp.h. */
const char *
tg_comp_warning(const struct tg_comp *c, char *buf, size_t bufsz)
{
	char	 paid[32], due[32], diff[32];

	buf[0] = '\0';
	if (!c->owed || !c->computed || !c->paid_entered ||
	    c->paid_fen >= c->r.amount_fen)
		return buf;
	wb_yuan(c->paid_fen, paid, sizeof(paid));
	wb_yuan(c->r.amount_fen, due, sizeof(due));
	wb_yuan(c->r.amount_fen - c->paid_fen, diff, sizeof(diff));
	snprintf(buf, bufsz, "注意:实付经济补偿%s元低于按劳动合同法第四十七条"
	    "计算的法定经济补偿%s元,差额%s元。可以保存和提交,但少付部分员工"
	    "可依法要求补足(劳动合同法第八十五条:逾期不支付的,可责令按应付"
	    "金额50%%以上100%%以下加付赔偿金),请核对后办理。", paid, due, diff);
	return buf;
}

/* See tuigong_comp.h. */
int
tg_comp_wage_known(struct store *s, int64_t unit_id, int64_t person_id,
    const char *month, int64_t *fen)
{
	struct wb_base	 b;
	int64_t		 ins;
	int		 rc;

	*fen = 0;
	if (person_id <= 0)
		return 0;
	if (ins_row_id(s, person_id, unit_id, &ins) != 0)
		return -1;
	if (ins <= 0)
		return 0;
	if ((rc = wb_at(s, ins, month, &b)) < 0)
		return -1;
	if (rc == 0 && b.wage_fen > 0 && b.wage_fen <= COMP_WAGE_MAX_FEN)
		*fen = b.wage_fen;
	return 0;
}

/* Calls field for each fact of c. */
static void
tgc_facts(const struct tg_comp *c,
    void (*field)(void *, const char *, const char *), void *arg)
{
	char	 buf[256], a[32], b[32], n[16];

	if (!c->owed) {
		field(arg, "经济补偿", "无需支付");
		field(arg, "经济补偿说明", c->note);
		return;
	}
	field(arg, "经济补偿", "应支付(劳动合同法第四十六条)");
	field(arg, "经济补偿工作年限起算", c->start);
	if (!c->computed) {
		field(arg, "经济补偿说明", c->note);
		return;
	}
	snprintf(buf, sizeof(buf), "%d年%d个月%d天", c->r.years, c->r.months,
	    c->r.days);
	field(arg, "经济补偿工作年限", buf);
	snprintf(buf, sizeof(buf), "%s元", wb_yuan(c->wage_fen, a, sizeof(a)));
	field(arg, "经济补偿月工资", buf);
	if (c->avg_fen > 0)
		snprintf(buf, sizeof(buf), "%s元(社平工资%s元×%d)",
		    wb_yuan(c->r.cap_fen, a, sizeof(a)),
		    wb_yuan(c->avg_fen, b, sizeof(b)), c->cap_multiple);
	else
		snprintf(buf, sizeof(buf), "未取得%.4s年度社平工资,未核对",
		    c->end);
	field(arg, "经济补偿封顶基数", buf);
	snprintf(buf, sizeof(buf), "%s元%s", wb_yuan(c->r.wage_used_fen, a,
	    sizeof(a)), c->r.wage_capped ? "(按封顶基数)" : "");
	field(arg, "经济补偿计发工资", buf);
	snprintf(buf, sizeof(buf), "%s个月%s", compensation_months_text(
	    c->r.half_months, n, sizeof(n)), c->r.years_capped ?
	    "(年限按12年封顶)" : "");
	field(arg, "经济补偿月数", buf);
	snprintf(buf, sizeof(buf), "%s元", wb_yuan(c->r.amount_fen, a,
	    sizeof(a)));
	field(arg, "经济补偿法定金额", buf);
	if (c->paid_entered)
		snprintf(buf, sizeof(buf), "%s元", wb_yuan(c->paid_fen, a,
		    sizeof(a)));
	else
		snprintf(buf, sizeof(buf), "未填写");
	field(arg, "经济补偿实付金额", buf);
	if (c->paid_entered && c->paid_fen < c->r.amount_fen) {
		snprintf(buf, sizeof(buf), "低于法定金额%s元", wb_yuan(
		    c->r.amount_fen - c->paid_fen, a, sizeof(a)));
		field(arg, "经济补偿差额", buf);
	}
	field(arg, "经济补偿计算过程", c->r.working);
}

/* See tuigong_comp.h. */
int
tg_comp_describe(struct store *s, int64_t task_id,
    void (*field)(void *arg, const char *label, const char *value), void *arg)
{
	struct tg_comp	*c;
	int		 rc;

	if ((c = malloc(sizeof(*c))) == NULL)
		return -1;
	if ((rc = tg_comp_load(s, task_id, 0, c)) == 0)
		tgc_facts(c, field, arg);
	free(c);
	return rc < 0 ? -1 : 0;
}

/* The rows of the .xlsx being built: label and value, owned. */
struct tgc_sheet {
	char	*cells[40][2];
	size_t	 n;
	int	 nomem;
};

/* Adds a row of two cells to the sheet. */
static void
tgc_sheet_add(void *arg, const char *label, const char *value)
{
	struct tgc_sheet	*sh = arg;

	if (sh->n >= sizeof(sh->cells) / sizeof(sh->cells[0]))
		return;
	sh->cells[sh->n][0] = strdup(label);
	sh->cells[sh->n][1] = strdup(value != NULL ? value : "");
	if (sh->cells[sh->n][0] == NULL || sh->cells[sh->n][1] == NULL)
		sh->nomem = 1;
	sh->n++;
}

/* See tuigong_comp.h. */
int
tg_comp_xlsx(struct store *s, int64_t task_id, const char *unit_name,
    const char *seq_no, const char *no, const char *code,
    unsigned char **out, size_t *outsz)
{
	const char *const	*rows[41];
	struct tgc_sheet	*sh;
	struct tuigong_row	*r;
	struct tg_comp		*c;
	size_t			 i;
	int			 rc = -1;

	sh = calloc(1, sizeof(*sh));
	r = malloc(sizeof(*r));
	c = malloc(sizeof(*c));
	if (sh == NULL || r == NULL || c == NULL)
		goto out;
	if ((rc = tuigong_row_load(s, task_id, 0, r)) != 0 ||
	    (rc = tg_comp_load(s, task_id, 0, c)) != 0)
		goto out;
	rc = -1;
	tgc_sheet_add(sh, "项目", "内容");
	tgc_sheet_add(sh, "单位名称", unit_name);
	tgc_sheet_add(sh, "业务顺序号", seq_no);
	tgc_sheet_add(sh, "回执编号", no[0] != '\0' ? no : "(未审核,草稿)");
	if (code[0] != '\0')
		tgc_sheet_add(sh, "验证码", code);
	tgc_sheet_add(sh, "姓名", r->name);
	tgc_sheet_add(sh, "身份证号", r->idno);
	tgc_sheet_add(sh, "退工原因", r->reason);
	tgc_sheet_add(sh, "退工日期", r->end_date);
	tgc_facts(c, tgc_sheet_add, sh);
	if (sh->nomem)
		goto out;
	for (i = 0; i < sh->n; i++)
		rows[i] = (const char *const *)sh->cells[i];
	rc = xlsx_write("经济补偿金计算表", rows, sh->n, 2, out, outsz) == 0 ?
	    0 : -1;
out:
	if (sh != NULL)
		for (i = 0; i < sh->n; i++) {
			free(sh->cells[i][0]);
			free(sh->cells[i][1]);
		}
	free(sh);
	free(r);
	free(c);
	return rc;
}
