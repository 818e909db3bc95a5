/*
 * zengyuan_page.c: the page side of 增员 (zengyuan_page.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "hall.h"
#include "taskpage.h"
#include "text.h"
#include "xlsx.h"
#include "zengyuan.h"
#include "zengyuan_page.h"

static const char *const zy_yesno[] = { "否", "是", NULL };

/* Adds the options of the form's selects. */
static void
zy_page_options(struct hall_ctx *c)
{
	static const char *const sexes[] = { "男", "女", NULL };

	page_options(c, "sex", sexes);
	page_options(c, "hukou_type", zengyuan_hukou_types);
	page_options(c, "zy_bujiao", zy_yesno);
	page_options(c, "zy_special", zengyuan_specials + 1);
}

/* Formats fen as yuan ("6000.00") into buf[32]; "" for 0. */
static void
zy_yuan(int64_t fen, char buf[32])
{
	if (fen <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%" PRId64 ".%02" PRId64, fen / 100,
		    fen % 100);
}

/* Adds <ins-types><type>养老</type>…</ins-types> of the comma-separated
 * list. */
static void
zy_page_types(struct hall_ctx *c, const char *list)
{
	xmlNodePtr	 n;
	char		 buf[128], *p, *save = NULL;

	n = page_add(c, NULL, "ins-types", NULL);
	text_copy(buf, sizeof(buf), list);
	for (p = strtok_r(buf, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save))
		page_add(c, n, "type", p);
}

/* See zengyuan_page.h. */
xmlNodePtr
zy_page_row(struct hall_ctx *c, const struct zengyuan_row *r)
{
	xmlNodePtr	 n;
	char		 buf[32];

	n = page_add(c, NULL, "zengyuan", NULL);
	if (r->row_no > 0)
		page_attr_int(n, "row", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "sfzh", r->idno);
	page_attr(n, "sex", r->sex);
	page_attr(n, "nation", r->nation);
	page_attr(n, "birth", r->birth);
	page_attr(n, "hukou-type", r->hukou_type);
	page_attr(n, "phone", r->phone);
	page_attr(n, "hukou-addr", r->hukou_addr);
	page_attr(n, "start", r->start_month);
	zy_yuan(r->wage_fen, buf);
	page_attr(n, "wage", buf);
	page_attr(n, "bujiao", r->bujiao_from[0] != '\0' ? "是" : "否");
	page_attr(n, "bujiao-from", r->bujiao_from);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "special", r->special);
	page_attr(n, "renewal", r->renewal ? "1" : "0");
	zy_yuan(r->base_fen, buf);
	page_attr(n, "base", buf);
	if (r->ins_types[0] != '\0')
		zy_page_types(c, r->ins_types);
	return n;
}

/* See zengyuan_page.h. */
void
zy_page_posted(struct hall_ctx *c)
{
	static const char *const map[][2] = {
		{ "name", "name" }, { "sfzh", "sfzh" }, { "sex", "sex" },
		{ "zy_nation", "nation" }, { "birth", "birth" },
		{ "hukou_type", "hukou-type" }, { "phone", "phone" },
		{ "zy_hukou_addr", "hukou-addr" }, { "zy_start", "start" },
		{ "zy_wage", "wage" }, { "zy_bujiao", "bujiao" },
		{ "zy_bujiao_from", "bujiao-from" }, { "zy_sb_no", "sb-no" },
		{ "zy_special", "special" },
	};
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;

	n = page_add(c, NULL, "zengyuan", NULL);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		v = req_get(c->r, map[i][0]);
		if (v != NULL && valid_text(v, 100) == VALID_OK)
			page_attr(n, map[i][1], v);
	}
}

/* The materials of a task as a whole: one of 身份证/户口簿 (group 1),
 * one of 劳动合同/用工证明 (group 2), the photo (required when the
 * store has none: photo_required), a batch's 人员增加申请.  Returns the
 * number written to out. */
static size_t
zy_materials_of(int batch, int photo_required, struct tp_material *out)
{
	static const char *const codes[] = { ZY_MAT_SFZ, ZY_MAT_HUKOUBEN,
		ZY_MAT_HETONG, ZY_MAT_YONGGONG };
	const struct material	*cat;
	size_t			 i, n = 0;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++, n++) {
		memset(&out[n], 0, sizeof(out[n]));
		cat = attach_material(codes[i]);
		out[n].code = codes[i];
		out[n].name = cat != NULL ? cat->name : codes[i];
		out[n].required = 1;
		out[n].group = (int)(i / 2) + 1;
	}
	if (batch) {
		memset(&out[n], 0, sizeof(out[n]));
		out[n].code = ZY_MAT_SHENQING;
		out[n].name = attach_material(ZY_MAT_SHENQING)->name;
		out[n++].required = 1;
		return n;
	}
	memset(&out[n], 0, sizeof(out[n]));
	out[n].code = ZY_MAT_PHOTO;
	out[n].name = attach_material(ZY_MAT_PHOTO)->name;
	out[n].required = photo_required;
	out[n].words = photo_required ? "系统内无该职工电子相片,须上传" :
	    "系统内已有电子相片;需更新或申请制作社会保障卡时上传";
	return n + 1;
}

/* See zengyuan_page.h. */
int
zy_page_materials(struct hall_ctx *c, int batch)
{
	struct tp_material	 m[TP_MATERIALS_MAX];
	xmlNodePtr		 list;
	size_t			 i, n;

	n = zy_materials_of(batch, 1, m);
	list = tp_materials_list(c, batch);
	for (i = 0; i < n; i++) {
		if (strcmp(m[i].code, ZY_MAT_PHOTO) == 0)
			m[i].words = "系统内无电子相片时须上传(JPG)";
		tp_material_add(c, list, &m[i], 0, -1);
	}
	return 0;
}

/* See zengyuan_page.h. */
int
zy_page_task_materials(struct hall_ctx *c, const struct task *t,
    int64_t pid, struct tp_material *out, size_t *n)
{
	struct zengyuan_row	 r;
	int			 batch, rc, has = 0;

	*n = 0;
	if (pid != 0)
		return 0;
	if ((batch = zengyuan_is_batch(c->s, t->id)) < 0)
		return -1;
	if (!batch) {
		if ((rc = zengyuan_row_load(c->s, t->id, 0, &r)) < 0 ||
		    (rc == 0 && (has = zengyuan_has_photo(c->s, r.idno)) < 0))
			return -1;
	}
	*n = zy_materials_of(batch, !has, out);
	return 0;
}

/* Adds <zy-policy> with the region's limits the pages state. */
static int
zy_page_policy(struct hall_ctx *c)
{
	struct zengyuan_limits	 f, m;
	xmlNodePtr		 n;

	if (zengyuan_limits(c->s, c->acct.unit_id, "女", &c->today, &f) != 0 ||
	    zengyuan_limits(c->s, c->acct.unit_id, "男", &c->today, &m) != 0)
		return -1;
	n = page_add(c, NULL, "zy-policy", NULL);
	page_attr_int(n, "female-min", f.age_min);
	page_attr_int(n, "female-max", f.age_max);
	page_attr_int(n, "male-min", m.age_min);
	page_attr_int(n, "male-max", m.age_max);
	page_attr_int(n, "bujiao-max", m.bujiao_max);
	page_attr_int(n, "visit-day", m.visit_day);
	page_attr(n, "require-yonggong", m.require_yonggong ? "1" : "0");
	return 0;
}

/* The parts every page of the form and the batch shows.  Returns 0 or
 * -1. */
static int
zy_page_frame(struct hall_ctx *c)
{
	zy_page_options(c);
	if (zy_page_policy(c) != 0 || tp_add_recent(c) != 0)
		return -1;
	return 0;
}

/* See zengyuan_page.h. */
int
zy_page_common(struct hall_ctx *c)
{
	char	 types[128];

	tp_add_review_days(c, NULL);
	if (zengyuan_ins_types(c->s, c->acct.unit_id, types,
	    sizeof(types)) != 0)
		return -1;
	zy_page_types(c, types);
	return zy_page_frame(c);
}

/* Where a batch's rows go. */
struct list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* zengyuan_rows callback: one <row> of the batch. */
static void
zy_batch_row(const struct zengyuan_row *r, void *arg)
{
	struct list_arg	*a = arg;
	xmlNodePtr	 n;
	char		 buf[32];

	n = page_add(a->c, a->parent, "row", NULL);
	page_attr_int(n, "no", r->row_no);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "sb-no", r->sb_no);
	page_attr(n, "start", zengyuan_start(r));
	page_attr(n, "bujiao", r->bujiao_from[0] != '\0' ? "是" : "否");
	zy_yuan(r->wage_fen, buf);
	page_attr(n, "wage", buf);
	zy_yuan(r->base_fen, buf);
	page_attr(n, "base", buf);
	page_attr(n, "renewal", r->renewal ? "1" : "0");
	page_attr(n, "special", r->special);
}

/* See zengyuan_page.h. */
int
zy_page_task(struct hall_ctx *c, const struct task *t, int batch,
    xmlNodePtr tn)
{
	struct zengyuan_row	 r;
	struct list_arg		 a;
	int			 n, rc;

	if (batch) {
		a.c = c;
		a.parent = page_add(c, NULL, "rows", NULL);
		if ((n = zengyuan_rows(c->s, t->id, zy_batch_row, &a)) < 0)
			return -1;
		page_attr_int(a.parent, "count", n);
		return zy_page_frame(c);
	}
	if ((rc = zengyuan_row_load(c->s, t->id, 0, &r)) < 0)
		return -1;
	if (rc > 0)
		memset(&r, 0, sizeof(r));
	if (wf_editable(t))
		tp_begin(c, "form", "城镇职工增加");
	zy_page_row(c, &r);
	return zy_page_frame(c);
}

/* See zengyuan_page.h. */
int
zy_page_batch(struct hall_ctx *c)
{
	if (zy_page_materials(c, 1) != 0)
		return -1;
	return zy_page_frame(c);
}

/* ---- 《企业参保人员增员表》 ---- */

#define ZY_TABLE_COLS	14

/* One row of the table's cells. */
struct zy_cells {
	char	 v[ZY_TABLE_COLS][128];
};

/* The table being built. */
struct zy_table {
	struct zy_cells	*rows;
	size_t		 n, cap;
	int		 failed;
};

/* Appends a row of cells v[ZY_TABLE_COLS] to t. */
static void
zy_table_add(struct zy_table *t, const char *const *v)
{
	void	*p;
	size_t	 cap, i;

	if (t->failed)
		return;
	if (t->n == t->cap) {
		cap = t->cap == 0 ? 16 : t->cap * 2;
		if (cap > SIZE_MAX / sizeof(*t->rows) ||
		    (p = realloc(t->rows, cap * sizeof(*t->rows))) == NULL) {
			t->failed = 1;
			return;
		}
		t->rows = p;
		t->cap = cap;
	}
	for (i = 0; i < ZY_TABLE_COLS; i++)
		text_copy(t->rows[t->n].v[i], 128, v[i]);
	t->n++;
}

/* zengyuan_rows callback: one person of the table. */
static void
zy_table_row(const struct zengyuan_row *r, void *arg)
{
	struct zy_table	*t = arg;
	const char	*v[ZY_TABLE_COLS];
	char		 no[16], wage[32], base[32];

	snprintf(no, sizeof(no), "%zu", t->n);
	zy_yuan(r->wage_fen, wage);
	zy_yuan(r->base_fen, base);
	v[0] = no;
	v[1] = r->name;
	v[2] = r->idno;
	v[3] = r->sb_no;
	v[4] = r->sex;
	v[5] = r->nation;
	v[6] = r->birth;
	v[7] = r->hukou_type;
	v[8] = r->renewal ? "续保" : "首次参保";
	v[9] = zengyuan_start(r);
	v[10] = r->bujiao_from[0] != '\0' ? "是" : "否";
	v[11] = wage;
	v[12] = base;
	v[13] = r->ins_types;
	zy_table_add(t, v);
}

/* See zengyuan_page.h. */
int
zy_table_xlsx(struct store *s, int64_t task_id, unsigned char **out,
    size_t *outsz)
{
	static const char *const header[ZY_TABLE_COLS] = { "序号", "姓名",
		"社会保障号码", "个人编号", "性别", "民族", "出生日期",
		"户口性质", "参保类型", "参保(补缴)起始月份", "追溯补缴",
		"申报工资(元)", "缴费基数(元)", "参保险种" };
	struct zy_table		 t;
	const char *const	**rows = NULL;
	const char		**cells = NULL;
	size_t			 i, j;
	int			 rc = -1;

	memset(&t, 0, sizeof(t));
	zy_table_add(&t, header);
	if (zengyuan_rows(s, task_id, zy_table_row, &t) < 0 || t.failed ||
	    (rows = calloc(t.n, sizeof(*rows))) == NULL ||
	    (cells = calloc(t.n * ZY_TABLE_COLS, sizeof(*cells))) == NULL)
		goto out;
	for (i = 0; i < t.n; i++) {
		for (j = 0; j < ZY_TABLE_COLS; j++)
			cells[i * ZY_TABLE_COLS + j] = t.rows[i].v[j];
		rows[i] = &cells[i * ZY_TABLE_COLS];
	}
	rc = xlsx_write("企业参保人员增员表", rows, t.n, ZY_TABLE_COLS, out,
	    outsz);
out:
	free(cells);
	free(rows);
	free(t.rows);
	return rc;
}
