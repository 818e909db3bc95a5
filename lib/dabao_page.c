/*
 * dabao_page.c: the pages of 打包快办 (dabao_page.h).  The forms are
 * drawn from each business's field table: a <section> per business with
 * one <field> per field_def (its name, label, kind, choices and value),
 * validated by form_validate() on those same tables when posted.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "attach.h"
#include "dabao.h"
#include "dabao_page.h"
#include "jianyuan.h"
#include "jianyuan_page.h"
#include "pager.h"
#include "taskpage.h"
#include "text.h"
#include "tuigong.h"
#include "tuigong_page.h"
#include "yonggong.h"
#include "yonggong_page.h"
#include "zengyuan.h"
#include "zengyuan_page.h"

#define DB_PER_PAGE	20	/* packages of a page of 打包记录 */

/* The 减员's own fields on the 离职 form: its 减少原因 and 变更日期,
 * named apart from the 退工's 退工原因 (reason). */
enum db_jy_field {
	DBJ_REASON,	/* DBJ_REASON: 减少原因 */
	DBJ_CHANGE,	/* DBJ_CHANGE: 变更日期 */
	DBJ__MAX
};

static const struct field_def db_jy_defs[DBJ__MAX] = {
	{ "jy_reason", "减少原因", FIELD_CHOICE, FIELD_REQUIRED, 0,
	  jy_reason_names, 0, 0 },
	{ "jy_change_date", "变更日期", FIELD_DATE, FIELD_REQUIRED, 0, NULL,
	  0, 0 },
};

/* Where a form field's shown value comes from. */
typedef const char *(*db_value_fn)(void *arg, const char *name);

/* Sets the view, title and the 打包快办 menu. */
static void
db_begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	page_attr(c->page, "category", "dabao");
	page_attr(c->page, "path", "/dabao");
}

/* The kind of input a field is drawn as. */
static const char *
db_field_kind(const struct field_def *d)
{
	switch (d->type) {
	case FIELD_CHOICE:
		return d->choices != NULL && d->choices[0] != NULL &&
		    d->choices[1] == NULL ? "check" : "choice";
	case FIELD_DATE:
		return "date";
	case FIELD_MONTH:
		return "month";
	case FIELD_MONEY:
		return "money";
	case FIELD_IDCARD:
		return "idcard";
	case FIELD_PHONE:
	case FIELD_MOBILE:
		return "phone";
	case FIELD_TEXT:
	case FIELD_USCC:
	case FIELD_POSTCODE:
	case FIELD_INT:
	case FIELD_TYPE__MAX:
	default:
		return "text";
	}
}

/* Whether name is one of defs[0..n). */
static int
db_defs_have(const struct field_def *defs, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(defs[i].name, name) == 0)
			return 1;
	return 0;
}

/* Adds <section name= title=> with a <field> per def of defs[0..n) not
 * already in skip[0..nskip) (a field both businesses share is shown
 * once), its value from value(arg, name). */
static void
db_section(struct hall_ctx *c, const char *name, const char *title,
    const struct field_def *defs, size_t n, const struct field_def *skip,
    size_t nskip, db_value_fn value, void *arg)
{
	const char *const	*o;
	const char		*v;
	xmlNodePtr		 sec, f;
	size_t			 i;

	sec = page_add(c, NULL, "section", NULL);
	page_attr(sec, "name", name);
	page_attr(sec, "title", title);
	for (i = 0; i < n; i++) {
		if (skip != NULL && db_defs_have(skip, nskip, defs[i].name))
			continue;
		f = page_add(c, sec, "field", NULL);
		page_attr(f, "name", defs[i].name);
		page_attr(f, "label", defs[i].label);
		page_attr(f, "kind", db_field_kind(&defs[i]));
		page_attr(f, "required", defs[i].flags & FIELD_REQUIRED ?
		    "1" : "0");
		if (defs[i].type == FIELD_TEXT)
			page_attr_int(f, "max", defs[i].maxchars > 0 ?
			    (long long)defs[i].maxchars : 200);
		v = value != NULL ? value(arg, defs[i].name) : NULL;
		page_attr(f, "value", v != NULL && valid_text(v, 600) ==
		    VALID_OK ? v : "");
		if (defs[i].type == FIELD_CHOICE && defs[i].choices != NULL)
			for (o = defs[i].choices; *o != NULL; o++)
				page_add(c, f, "option", *o);
	}
}

/* db_value_fn over the request: what was posted. */
static const char *
db_posted(void *arg, const char *name)
{
	struct hall_ctx	*c = arg;

	return req_get(c->r, name);
}

/* A value of the 退工 row r for the form field name, or NULL. */
static const char *
db_tg_value(void *arg, const char *name)
{
	const struct tuigong_row	*r = arg;
	static const struct {
		const char	*name;
		size_t		 off;
	} map[] = {
		{ "name", offsetof(struct tuigong_row, name) },
		{ "sfzh", offsetof(struct tuigong_row, idno) },
		{ "sex", offsetof(struct tuigong_row, sex) },
		{ "hukou_type", offsetof(struct tuigong_row, hukou_type) },
		{ "phone", offsetof(struct tuigong_row, phone) },
		{ "reason", offsetof(struct tuigong_row, reason) },
		{ "end_date", offsetof(struct tuigong_row, end_date) },
		{ "contract_no", offsetof(struct tuigong_row, contract_no) },
		{ "contract_start", offsetof(struct tuigong_row,
		    contract_start) },
		{ "contract_end", offsetof(struct tuigong_row, contract_end) },
		{ "post", offsetof(struct tuigong_row, post) },
		{ "remark", offsetof(struct tuigong_row, remark) },
		{ "handler_name", offsetof(struct tuigong_row, handler_name) },
		{ "handler_title", offsetof(struct tuigong_row,
		    handler_title) },
		{ "handler_phone", offsetof(struct tuigong_row,
		    handler_phone) },
	};
	size_t	 i;

	if (strcmp(name, "open_ended") == 0)
		return r->open_ended ? "1" : "";
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].name, name) == 0)
			return (const char *)r + map[i].off;
	return NULL;
}

/* The 减员 part's defaults: 停缴费 on today. */
struct db_jy_default {
	char	 today[11];
};

/* db_value_fn of the 减员 part of a new form. */
static const char *
db_jy_value(void *arg, const char *name)
{
	struct db_jy_default	*d = arg;

	if (strcmp(name, "jy_reason") == 0)
		return jy_reason_names[JY_STOP];
	if (strcmp(name, "jy_change_date") == 0)
		return d->today;
	return NULL;
}

/* The 离职 form's sections with values from the request (posted) or
 * from the prefilled row r (NULL: empty). */
static void
db_lizhi_sections(struct hall_ctx *c, int posted, struct tuigong_row *r)
{
	struct db_jy_default	 d;

	hdate_fmt(&c->today, d.today);
	db_section(c, "jianyuan", "城镇职工减少(减员)", db_jy_defs, DBJ__MAX,
	    NULL, 0, posted ? db_posted : db_jy_value, posted ?
	    (void *)c : (void *)&d);
	db_section(c, "tuigong", "退工登记", tuigong_form_defs, TGF__MAX,
	    NULL, 0, posted ? db_posted : r != NULL ? db_tg_value : NULL,
	    posted ? (void *)c : (void *)r);
}

/* The 离职 form's words: the order the region runs it in. */
static void
db_lizhi_order(struct hall_ctx *c)
{
	int	 ordered = pkg_ordered(c->s, c->acct.unit_id, PKG_LIZHI);

	page_attr(page_add(c, NULL, "order", ordered == 1 ?
	    "本地区要求先减员后退工:保存后先提交减员,减员审核通过后,系统自动提交退工登记。" :
	    "保存后减员与退工登记同时提交审核。"), "ordered",
	    ordered == 1 ? "1" : "0");
}

/* Adds the person the form is for and whether a 减员 of 停缴费 today
 * would be accepted (a refusal as a warning).  Returns 0 or -1. */
static int
db_lizhi_person(struct hall_ctx *c, const struct tuigong_row *r)
{
	struct jy_facts		 f;
	struct jy_outcome	 o;
	xmlNodePtr		 n;

	n = page_add(c, NULL, "person", NULL);
	page_attr(n, "name", r->name);
	page_attr(n, "idno", r->idno);
	page_attr(n, "sb-no", r->sb_no);
	if (r->person_id <= 0)
		return 0;
	if (jy_judge(c->s, c->acct.unit_id, r->person_id, JY_STOP, &c->today,
	    &c->today, 0, &f, &o) != 0)
		return -1;
	page_attr(n, "paying", f.paying ? "1" : "0");
	if (o.verdict == JY_REFUSED)
		page_message(c, "warn", o.msg);
	return 0;
}

/* See dabao_page.h. */
void
dabao_page_lizhi_form(struct hall_ctx *c)
{
	const char		*sfzh = req_get(c->r, "sfzh");
	struct form_errors	 errs;
	struct tuigong_row	 r;
	struct idcard		 ic;
	xmlNodePtr		 q;
	char			 buf[256];
	enum valid_err		 ve;
	int			 rc, found = 0;

	db_begin(c, "lizhi", "离职打包");
	page_form_token(c);
	q = page_add(c, NULL, "query", NULL);
	page_attr(q, "sfzh", sfzh != NULL && valid_text(sfzh, 18) == VALID_OK ?
	    sfzh : "");
	db_lizhi_order(c);
	errs.n = 0;
	memset(&r, 0, sizeof(r));
	if (sfzh != NULL && *sfzh != '\0') {
		if ((ve = valid_idcard(sfzh, &c->today, &ic)) != VALID_OK) {
			form_error_add(&errs, "sfzh", valid_code(ve),
			    valid_message(ve, "身份证号", buf, sizeof(buf)));
			c->status = 422;
		} else if ((rc = tuigong_prefill(c->s, c->acct.unit_id,
		    ic.number, &r)) < 0) {
			page_busy(c);
			return;
		} else if (rc > 0) {
			form_error_add(&errs, "sfzh", "TG_NOT_EMPLOYED",
			    "本单位没有该身份证号的在职员工");
			c->status = 404;
		} else
			found = 1;
	}
	if (r.handler_name[0] == '\0')
		text_copy(r.handler_name, sizeof(r.handler_name),
		    c->acct.display_name);
	if (found && db_lizhi_person(c, &r) != 0) {
		page_busy(c);
		return;
	}
	db_lizhi_sections(c, 0, found ? &r : NULL);
	page_form_errors(c, &errs);
}

/* Answers a refused 离职 save: the form again with what was typed and
 * why (422), nothing stored. */
static void
db_lizhi_refused(struct hall_ctx *c, const struct form_errors *errs)
{
	db_begin(c, "lizhi", "离职打包");
	/* A fresh token: the refused one may name a withdrawn step. */
	page_form_token(c);
	page_attr(page_add(c, NULL, "query", NULL), "sfzh", "");
	db_lizhi_order(c);
	db_lizhi_sections(c, 1, NULL);
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* The person with 身份证号 idno into *pid (0: none).  Returns 0 or -1. */
static int
db_person_id(struct hall_ctx *c, const char *idno, int64_t *pid)
{
	return store_int_text(c->s, "SELECT id FROM persons WHERE idno = ?1",
	    idno, 0, pid);
}

/* Answers a saved package: 303 to its page. */
static void
db_saved(struct hall_ctx *c, int64_t id, int created)
{
	char	 path[96];

	snprintf(path, sizeof(path), "/dabao/pkg?id=%" PRId64 "&%s", id,
	    created ? "done=saved" : "repeat=1");
	page_redirect(c, path);
}

/* See dabao_page.h. */
void
dabao_page_lizhi_save(struct hall_ctx *c)
{
	struct field_val	 tv[TGF__MAX], jv[DBJ__MAX];
	struct form_errors	 errs;
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	struct pkg_lizhi	 in;
	int64_t			 id;
	char			 key[48], msg[256];
	int			 created, rc;

	errs.n = 0;
	form_validate(c->r, db_jy_defs, DBJ__MAX, &c->today, jv, &errs);
	if (jv[DBJ_CHANGE].present && errs.n == 0 &&
	    !jy_change_date_ok(&jv[DBJ_CHANGE].date, &c->today, msg,
	    sizeof(msg)))
		form_error_add(&errs, "jy_change_date", "RANGE", msg);
	form_validate(c->r, tuigong_form_defs, TGF__MAX, &c->today, tv, &errs);
	if (errs.n == 0)
		tuigong_form_extra(tv, &errs);
	if (errs.n > 0) {
		db_lizhi_refused(c, &errs);
		return;
	}
	memset(&in, 0, sizeof(in));
	if (db_person_id(c, tv[TGF_SFZH].id.number, &in.person_id) != 0) {
		page_busy(c);
		return;
	}
	if (in.person_id <= 0) {
		form_error_add(&errs, "sfzh", "NOT_INSURED",
		    "本单位没有该身份证号的参保人员");
		db_lizhi_refused(c, &errs);
		return;
	}
	tuigong_row_from_form(tv, &r);
	if (tuigong_facts(c->s, c->acct.unit_id, &r, &f) != 0) {
		page_busy(c);
		return;
	}
	tuigong_row_apply_facts(&r, &f);
	in.jy_reason = (int)jv[DBJ_REASON].num;
	in.change = jv[DBJ_CHANGE].date;
	in.tg = &r;
	rc = pkg_save_lizhi(c->s, &c->who, &in, page_dedup_key(c, "pk", key),
	    &id, &created, &errs);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		db_lizhi_refused(c, &errs);
	else
		db_saved(c, id, created);
}

/* ---- The unit's packages ---- */

/* Where db_list_one adds its rows. */
struct db_list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 parent;
};

/* Adds <package id= kind= title= state= name= idno= created=> with a
 * <step> per step (no, business, business-name, task, seq, state,
 * returned, hold, note, path) under parent.  Returns the node. */
static xmlNodePtr
db_package_xml(struct hall_ctx *c, xmlNodePtr parent, const struct pkg *p)
{
	const struct wf_business	*b;
	const struct pkg_step		*ps;
	xmlNodePtr			 n, sn;
	char				 when[20];
	size_t				 i;

	n = page_add(c, parent, "package", NULL);
	page_attr_int(n, "id", p->id);
	page_attr(n, "kind", pkg_kind_names[p->kind]);
	page_attr(n, "title", pkg_kind_titles[p->kind]);
	page_attr(n, "state", pkg_state_names[p->state]);
	page_attr(n, "name", p->name);
	page_attr(n, "idno", p->idno);
	clock_fmt(p->created_at, when);
	page_attr(n, "created", when);
	page_attr_int(n, "steps", (long long)p->nsteps);
	for (i = 0; i < p->nsteps; i++) {
		ps = &p->steps[i];
		b = wf_business(ps->business);
		sn = page_add(c, n, "step", NULL);
		page_attr_int(sn, "no", ps->step_no);
		page_attr(sn, "business", ps->business);
		page_attr(sn, "business-name", pkg_business_name(ps->business));
		page_attr(sn, "path", b != NULL ? b->path : "");
		page_attr_int(sn, "task", ps->task_id);
		page_attr(sn, "seq", ps->task.seq_no);
		page_attr(sn, "state", task_state_names[ps->task.state]);
		page_attr(sn, "returned", ps->task.returned ? "1" : "0");
		page_attr(sn, "reason", ps->task.return_reason);
		page_attr(sn, "hold", ps->task.state == TASK_DRAFT ?
		    pkg_hold_names[ps->hold] : "");
		page_attr(sn, "note", ps->task.state == TASK_DRAFT ?
		    ps->note : "");
	}
	return n;
}

/* pkg_list callback: one package. */
static void
db_list_one(const struct pkg *p, void *arg)
{
	struct db_list_arg	*a = arg;

	db_package_xml(a->c, a->parent, p);
}

/* See dabao_page.h. */
void
dabao_page_list(struct hall_ctx *c)
{
	struct db_list_arg	 a;
	struct pager		 pg;
	int64_t			 total;

	db_begin(c, "list", "打包记录");
	if (pkg_count(c->s, c->acct.unit_id, &total) != 0) {
		page_busy(c);
		return;
	}
	pager_set(c, &pg, total, DB_PER_PAGE);
	a.c = c;
	a.parent = page_add(c, NULL, "packages", NULL);
	if (pager_xml(c, NULL, &pg, "/dabao", NULL, NULL) == NULL ||
	    pkg_list(c->s, c->acct.unit_id, (int)pg.offset, pg.size,
	    db_list_one, &a) < 0)
		page_busy(c);
}

/* ---- One package ---- */

/* A business's taskpage materials hook. */
typedef int	(*db_materials_fn)(struct hall_ctx *, const struct task *,
		    int64_t, struct tp_material *, size_t *);

/* The materials hook of a step's business (the task pages' own), or
 * NULL. */
static db_materials_fn
db_materials_of(const char *business)
{
	if (strcmp(business, "jianyuan") == 0)
		return jy_page_materials;
	if (strcmp(business, "tuigong") == 0)
		return tg_page_task_materials;
	if (strcmp(business, "yonggong") == 0)
		return yg_page_task_materials;
	if (strcmp(business, "zengyuan") == 0)
		return zy_page_task_materials;
	return NULL;
}

/* The person a step's materials are asked of: 减员's are per person. */
static int64_t
db_material_pid(const struct pkg *p, const struct pkg_step *ps)
{
	return strcmp(ps->business, "jianyuan") == 0 ? p->person_id : 0;
}

/* The materials step ps asks for into m[TP_MATERIALS_MAX] and *n.
 * Returns 0 or -1. */
static int
db_step_materials(struct hall_ctx *c, const struct pkg *p,
    const struct pkg_step *ps, struct tp_material *m, size_t *n)
{
	db_materials_fn	 fn;

	*n = 0;
	if (ps->task_id <= 0 || (fn = db_materials_of(ps->business)) == NULL)
		return 0;
	return fn(c, &ps->task, db_material_pid(p, ps), m, n) < 0 ? -1 : 0;
}

/* Adds each step's <material code= name= required= group= uploaded=
 * pid=> under its <step>, and how many required ones are missing as
 * missing=.  Returns the steps' missing total, or -1. */
static int
db_step_materials_xml(struct hall_ctx *c, const struct pkg *p,
    xmlNodePtr pn)
{
	struct tp_material	 m[TP_MATERIALS_MAX];
	xmlNodePtr		 sn, mn;
	size_t			 i, k, n;
	int64_t			 pid;
	int			 has, missing, total = 0;
	int			 group_done[TP_MATERIALS_MAX + 1];

	for (sn = pn->children, i = 0; sn != NULL && i < p->nsteps;
	    sn = sn->next) {
		if (sn->type != XML_ELEMENT_NODE)
			continue;
		if (db_step_materials(c, p, &p->steps[i], m, &n) != 0)
			return -1;
		pid = db_material_pid(p, &p->steps[i]);
		memset(group_done, 0, sizeof(group_done));
		for (k = 0; k < n && k < TP_MATERIALS_MAX; k++) {
			if ((has = attach_has(c->s, p->steps[i].task_id, pid,
			    m[k].code)) < 0)
				return -1;
			if (has && m[k].group > 0 &&
			    m[k].group <= TP_MATERIALS_MAX)
				group_done[m[k].group] = 1;
		}
		missing = 0;
		for (k = 0; k < n && k < TP_MATERIALS_MAX; k++) {
			if ((has = attach_has(c->s, p->steps[i].task_id, pid,
			    m[k].code)) < 0)
				return -1;
			mn = page_add(c, sn, "material", NULL);
			page_attr(mn, "code", m[k].code);
			page_attr(mn, "name", m[k].name);
			page_attr(mn, "required", m[k].required ? "1" : "0");
			page_attr_int(mn, "group", m[k].group);
			page_attr_int(mn, "pid", pid);
			page_attr(mn, "uploaded", has ? "1" : "0");
			if (m[k].words != NULL)
				page_attr(mn, "words", m[k].words);
			if (m[k].required && !has && (m[k].group == 0 ||
			    m[k].group > TP_MATERIALS_MAX ||
			    !group_done[m[k].group])) {
				missing++;
				if (m[k].group > 0 &&
				    m[k].group <= TP_MATERIALS_MAX)
					group_done[m[k].group] = 1;
			}
		}
		page_attr_int(sn, "missing", missing);
		total += p->steps[i].task.state == TASK_DRAFT ? missing : 0;
		i++;
	}
	return total;
}

/* What the clerk does next with p (missing: required materials not
 * uploaded of its 未提交 steps), as <next can-submit=>words</next>. */
static void
db_next(struct hall_ctx *c, const struct pkg *p, int missing)
{
	const struct pkg_step	*ps = NULL;
	xmlNodePtr		 n;
	char			 words[512];
	size_t			 i;
	int			 can = 0;

	for (i = 0; i < p->nsteps && ps == NULL; i++)
		if (p->steps[i].task.state == TASK_DRAFT &&
		    (p->steps[i].task.returned ||
		    p->steps[i].hold == PKG_HOLD_REFUSED))
			ps = &p->steps[i];
	switch (p->state) {
	case PKG_DRAFT:
		can = missing == 0;
		snprintf(words, sizeof(words), missing > 0 ? "请先上传下列"
		    "各项业务所需的材料(共缺 %d 项),然后点击「提交」。" :
		    "材料已齐全,请点击「提交」。", missing);
		break;
	case PKG_ACTION:
		can = 1;
		if (ps != NULL && ps->task.returned)
			snprintf(words, sizeof(words), "%s已被回退(原因:%s)。"
			    "请按回退原因补正材料后点击「提交」重新提交。",
			    pkg_business_name(ps->business),
			    ps->task.return_reason);
		else if (ps != NULL)
			snprintf(words, sizeof(words), "%s未能由系统自动提交"
			    "(%s)。请补正后点击「提交」。",
			    pkg_business_name(ps->business), ps->note);
		else
			snprintf(words, sizeof(words), "尚有业务未提交,请点击"
			    "「提交」。");
		break;
	case PKG_RUNNING:
		snprintf(words, sizeof(words), "正在审核中,无需操作;前一项"
		    "业务审核通过后,系统将自动提交下一项。审核结果见消息中心。");
		break;
	case PKG_DONE:
		snprintf(words, sizeof(words), "各项业务均已办结,可在「业务打印」"
		    "中打印回执。");
		break;
	case PKG_CANCELLED:
		snprintf(words, sizeof(words), "该业务包中有业务已退单。"
		    "尚未提交的其余业务可「整包退单」一并退单,然后重新办理。");
		break;
	case PKG_STATE__MAX:
	default:
		abort();
	}
	page_attr(n = page_add(c, NULL, "next", words), "can-submit",
	    can ? "1" : "0");
	for (i = 0; i < p->nsteps; i++)
		if (p->steps[i].task_id > 0 &&
		    p->steps[i].task.state == TASK_DRAFT)
			page_attr(n, "can-cancel", "1");
}

/* The fixed message of done= or repeat= on a package's page. */
static void
db_done_message(struct hall_ctx *c)
{
	static const struct {
		const char	*done;
		const char	*msg;
	} msgs[] = {
		{ "saved", "已保存。各项业务已生成业务顺序号,请上传材料后提交。" },
		{ "uploaded", "材料已上传。" },
		{ "submitted", "已提交。" },
		{ "cancelled", "已整包退单,未提交的业务均已退单。" },
	};
	const char	*d = req_get(c->r, "done");
	size_t		 i;

	if (req_get(c->r, "repeat") != NULL) {
		page_message(c, "info", "该表单已保存过,未重复创建业务包");
		return;
	}
	for (i = 0; d != NULL && i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (strcmp(d, msgs[i].done) == 0)
			page_message(c, "ok", msgs[i].msg);
}

/* Builds the page of package id of the session's unit.  Returns 0, 1
 * not found (404 answered), -1 on error. */
static int
db_show(struct hall_ctx *c, int64_t id)
{
	struct pkg	*p;
	xmlNodePtr	 pn;
	int		 rc, missing;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	db_begin(c, "pkg", "打包业务详情");
	if ((rc = pkg_load(c->s, id, c->acct.unit_id, p)) == 1)
		page_fail(c, 404, "NOT_FOUND", "本单位未找到该业务包");
	if (rc != 0)
		goto out;
	pn = db_package_xml(c, NULL, p);
	if ((missing = db_step_materials_xml(c, p, pn)) < 0) {
		rc = -1;
		goto out;
	}
	page_attr_int(page_add(c, NULL, "limits", NULL), "max-mb",
	    ATTACH_MAX_BYTES / (1024 * 1024));
	db_next(c, p, missing);
out:
	free(p);
	return rc;
}

/* See dabao_page.h. */
void
dabao_page_pkg(struct hall_ctx *c)
{
	int64_t	 id = page_id_param(c, "id");

	if (id <= 0) {
		page_fail(c, 404, "NOT_FOUND", "本单位未找到该业务包");
		return;
	}
	if (db_show(c, id) < 0)
		page_busy(c);
	else
		db_done_message(c);
}

/* Answers 303 to package id's page with done=done. */
static void
db_redirect(struct hall_ctx *c, int64_t id, const char *done)
{
	char	 path[96];

	snprintf(path, sizeof(path), "/dabao/pkg?id=%" PRId64 "&done=%s", id,
	    done);
	page_redirect(c, path);
}

/* See dabao_page.h. */
void
dabao_page_submit(struct hall_ctx *c)
{
	struct form_errors	 errs;
	int64_t			 id = page_id_param(c, "id");
	int			 rc;

	errs.n = 0;
	rc = pkg_submit(c->s, &c->who, id, &errs);
	switch (rc) {
	case 0:
		db_redirect(c, id, "submitted");
		return;
	case 1:
		page_fail(c, 404, "NOT_FOUND", "本单位未找到该业务包");
		return;
	case 2:
	case 3:
		if (db_show(c, id) != 0) {
			page_busy(c);
			return;
		}
		page_form_errors(c, &errs);
		page_message(c, "error", rc == 2 ? "业务规则校验未通过,"
		    "未能提交,请按提示修改" : "该业务包当前没有可提交的业务");
		c->status = rc == 2 ? 422 : 409;
		return;
	default:
		page_busy(c);
		return;
	}
}

/* See dabao_page.h. */
void
dabao_page_cancel(struct hall_ctx *c)
{
	int64_t	 id = page_id_param(c, "id");
	int	 rc;

	rc = pkg_cancel(c->s, &c->who, id);
	if (rc == 0)
		db_redirect(c, id, "cancelled");
	else if (rc == 1)
		page_fail(c, 404, "NOT_FOUND", "本单位未找到该业务包");
	else if (rc == 3)
		page_fail(c, 409, "BAD_STATE", "该业务包中没有未提交的业务,"
		    "已提交的业务不能退单");
	else
		page_busy(c);
}

/* The step of p numbered by the request's step field, or NULL. */
static const struct pkg_step *
db_step_param(struct hall_ctx *c, const struct pkg *p)
{
	int64_t	 no = page_id_param(c, "step");
	size_t	 i;

	for (i = 0; i < p->nsteps; i++)
		if (p->steps[i].step_no == no)
			return &p->steps[i];
	return NULL;
}

/* Answers a refused upload: the package again with the reason. */
static void
db_upload_refused(struct hall_ctx *c, int64_t id, int status,
    const char *field, const char *code, const char *msg)
{
	struct form_errors	 errs;

	if (db_show(c, id) != 0) {
		page_busy(c);
		return;
	}
	errs.n = 0;
	form_error_add(&errs, field, code, msg);
	page_form_errors(c, &errs);
	page_message(c, "error", msg);
	c->status = status;
}

/* Stores the request's file as material m of step ps in its own
 * transaction.  Returns ATTACH_OK, a refusal, or ATTACH_ERR__MAX. */
static enum attach_err
db_store_file(struct hall_ctx *c, const struct pkg_step *ps, int64_t pid,
    const char *code)
{
	const struct req_field	*file = req_field(c->r, "file");
	enum attach_err		 ae;

	if (file == NULL || file->filename == NULL || file->valsz == 0)
		return ATTACH_EMPTY;
	if (store_begin(c->s) != 0)
		return ATTACH_ERR__MAX;
	ae = attach_store(c->s, &c->who, ps->task_id, pid, code,
	    file->filename, file->val, file->valsz);
	if (ae != ATTACH_OK)
		store_rollback(c->s);
	else if (store_commit(c->s) != 0)
		ae = ATTACH_ERR__MAX;
	return ae;
}

/* See dabao_page.h. */
void
dabao_page_upload(struct hall_ctx *c)
{
	struct tp_material	 m[TP_MATERIALS_MAX];
	const struct pkg_step	*ps;
	const char		*code = req_get(c->r, "material");
	const char		*name = NULL;
	struct pkg		*p;
	enum attach_err		 ae;
	int64_t			 id = page_id_param(c, "id");
	char			 msg[256];
	size_t			 i, n;
	int			 rc;

	if ((p = calloc(1, sizeof(*p))) == NULL) {
		page_busy(c);
		return;
	}
	if ((rc = pkg_load(c->s, id, c->acct.unit_id, p)) != 0) {
		if (rc < 0)
			page_busy(c);
		else
			page_fail(c, 404, "NOT_FOUND", "本单位未找到该业务包");
		goto out;
	}
	if ((ps = db_step_param(c, p)) == NULL) {
		db_upload_refused(c, id, 422, "step", "CHOICE", "请选择业务");
		goto out;
	}
	if (ps->task_id <= 0 || ps->task.state != TASK_DRAFT) {
		page_fail(c, 409, "BAD_STATE", wf_result_message(WF_BADSTATE));
		goto out;
	}
	if (db_step_materials(c, p, ps, m, &n) != 0) {
		page_busy(c);
		goto out;
	}
	for (i = 0; code != NULL && i < n && i < TP_MATERIALS_MAX; i++)
		if (strcmp(m[i].code, code) == 0)
			name = m[i].name;
	if (name == NULL) {
		db_upload_refused(c, id, 422, "material", "CHOICE",
		    "该业务无需上传此材料,请按材料清单上传");
		goto out;
	}
	ae = db_store_file(c, ps, db_material_pid(p, ps), code);
	if (ae == ATTACH_ERR__MAX)
		page_busy(c);
	else if (ae != ATTACH_OK) {
		attach_message(ae, name, msg, sizeof(msg));
		db_upload_refused(c, id, ae == ATTACH_TOOBIG ? 413 : 422, code,
		    "ATTACH", msg);
	} else
		db_redirect(c, id, "uploaded");
out:
	free(p);
}

/* ---- The reviewer desk ---- */

/* See dabao_page.h. */
void
dabao_page_queue_mark(struct hall_ctx *c, xmlNodePtr tn, int64_t task_id)
{
	struct pkg_mark	 m;
	char		 label[64];

	/* One indexed lookup a row: no package or task is loaded. */
	if (pkg_mark_of_task(c->s, task_id, &m) != 1)
		return;
	snprintf(label, sizeof(label), "%s · %d 项",
	    pkg_kind_titles[m.kind], m.nsteps);
	page_attr(tn, "package", label);
	page_attr_int(tn, "package-id", m.pkg_id);
	page_attr_int(tn, "package-step", m.step_no);
}

/* See dabao_page.h. */
int
dabao_page_review(struct hall_ctx *c, const struct task *t)
{
	struct pkg	*p;
	xmlNodePtr	 pn;
	int64_t		 id;
	int		 step, rc;

	if ((rc = pkg_of_task(c->s, t->id, &id, &step)) != 1)
		return rc;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	if ((rc = pkg_load(c->s, id, 0, p)) == 0) {
		pn = db_package_xml(c, NULL, p);
		page_attr_int(pn, "current", step);
	}
	free(p);
	return rc == 0 ? 0 : -1;
}

/* See dabao_page.h. */
int
dabao_page_next_review(struct hall_ctx *c, int64_t task_id, char *path,
    size_t pathsz)
{
	struct pkg	*p;
	int64_t		 id;
	size_t		 i;
	int		 step, rc;

	if ((rc = pkg_of_task(c->s, task_id, &id, &step)) != 1)
		return rc;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	rc = pkg_load(c->s, id, 0, p) == 0 ? 0 : -1;
	for (i = 0; rc == 0 && i < p->nsteps; i++)
		if (p->steps[i].step_no > step &&
		    p->steps[i].task.state == TASK_PENDING) {
			snprintf(path, pathsz, "/review/task?id=%" PRId64,
			    p->steps[i].task_id);
			rc = 1;
		}
	free(p);
	return rc;
}

/* ---- 入职打包 ---- */

/* The 入职 form's defaults: a 全日制 合同制 job from today, enrolled
 * this month, no 补缴. */
struct db_ruzhi_default {
	char	 today[11];
	char	 month[8];
};

/* db_value_fn of a new 入职 form. */
static const char *
db_ruzhi_value(void *arg, const char *name)
{
	struct db_ruzhi_default	*d = arg;
	static const struct {
		const char	*name;
		const char	*value;
	} fixed[] = {
		{ "work_form", "全日制" },
		{ "category", "合同制" },
		{ "zy_bujiao", "否" },
		{ "zy_nation", "汉族" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(fixed[i].name, name) == 0)
			return fixed[i].value;
	if (strcmp(name, "hire_date") == 0 ||
	    strcmp(name, "contract_start") == 0)
		return d->today;
	if (strcmp(name, "zy_start") == 0)
		return d->month;
	return NULL;
}

/* The 入职 form's sections: the 用工备案's fields, then the 增员's it
 * does not share, with values posted (posted) or the defaults. */
static void
db_ruzhi_sections(struct hall_ctx *c, int posted)
{
	struct db_ruzhi_default	 d;

	hdate_fmt(&c->today, d.today);
	snprintf(d.month, sizeof(d.month), "%.7s", d.today);
	db_section(c, "yonggong", "用工备案", yonggong_form_defs, YGF__MAX,
	    NULL, 0, posted ? db_posted : db_ruzhi_value, posted ?
	    (void *)c : (void *)&d);
	db_section(c, "zengyuan", "城镇职工增加(增员)", zengyuan_form_defs,
	    ZYF__MAX, yonggong_form_defs, YGF__MAX, posted ? db_posted :
	    db_ruzhi_value, posted ? (void *)c : (void *)&d);
}

/* See dabao_page.h. */
void
dabao_page_ruzhi_form(struct hall_ctx *c)
{
	db_begin(c, "ruzhi", "入职打包");
	page_form_token(c);
	page_attr(page_add(c, NULL, "order", "保存后上传两项业务的材料并提交:"
	    "先审核用工备案,用工备案审核通过后,系统自动提交增员(增员须有本单位"
	    "在职的用工备案)。"), "ordered", "1");
	db_ruzhi_sections(c, 0);
}

/* Answers a refused 入职 save (422), nothing stored. */
static void
db_ruzhi_refused(struct hall_ctx *c, const struct form_errors *errs)
{
	db_begin(c, "ruzhi", "入职打包");
	/* A fresh token: the refused one may name a withdrawn step. */
	page_form_token(c);
	db_ruzhi_sections(c, 1);
	page_form_errors(c, errs);
	page_message(c, "error", "信息未保存,请按红色提示修改");
	c->status = 422;
}

/* Drops the later of two equal errors (a field both businesses share,
 * validated by each). */
static void
db_errors_once(struct form_errors *errs)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < errs->n; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(errs->e[j].field, errs->e[i].field) == 0 &&
			    strcmp(errs->e[j].code, errs->e[i].code) == 0)
				break;
		if (j == n)
			errs->e[n++] = errs->e[i];
	}
	errs->n = n;
}

/* See dabao_page.h. */
void
dabao_page_ruzhi_save(struct hall_ctx *c)
{
	struct field_val	 yv[YGF__MAX], zv[ZYF__MAX];
	struct form_errors	 errs;
	struct yonggong_row	 yg;
	struct zengyuan_row	 zy;
	struct pkg_ruzhi	 in;
	int64_t			 id;
	char			 key[48];
	int			 created, rc;

	errs.n = 0;
	form_validate(c->r, yonggong_form_defs, YGF__MAX, &c->today, yv,
	    &errs);
	form_validate(c->r, zengyuan_form_defs, ZYF__MAX, &c->today, zv,
	    &errs);
	if (errs.n > 0) {
		db_errors_once(&errs);
		db_ruzhi_refused(c, &errs);
		return;
	}
	memset(&yg, 0, sizeof(yg));
	memset(&zy, 0, sizeof(zy));
	yonggong_row_from_form(yv, &yg);
	zengyuan_row_from_form(zv, &zy);
	in.yg = &yg;
	in.zy = &zy;
	rc = pkg_save_ruzhi(c->s, &c->who, &in, page_dedup_key(c, "pk", key),
	    &id, &created, &errs);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		db_ruzhi_refused(c, &errs);
	else
		db_saved(c, id, created);
}
