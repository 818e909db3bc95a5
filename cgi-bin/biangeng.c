/*
 * biangeng: 信息变更 [002 在职人员非敏感信息变更, 003 单位一般信息变更].
 * Takes effect at once without review; every changed field leaves a
 * change record.  Sensitive fields are refused with the counter as the
 * way.  Rules in lib/biangeng.c.
 *
 *   GET  /biangeng            -> /biangeng/person
 *   GET  /biangeng/person     sfzh=: the person's form; without it the
 *                             query form and a page (page=) of the unit's
 *                             在职 persons, q= a 姓名/身份证号 prefix
 *   POST /biangeng/person     id, the BGP fields, csrf
 *   GET  /biangeng/unit       the unit's form
 *   POST /biangeng/unit       the BGU fields, csrf
 *   GET  /biangeng/records    a page (page=) of the unit's change records
 */
#include <stdio.h>
#include <string.h>

#include "hall.h"
#include "biangeng.h"
#include "pager.h"
#include "person.h"

/* Sets the common attributes of a 缴费管理 page. */
static void
begin(struct hall_ctx *c, const char *view, const char *title)
{
	page_view(c, view, title);
	page_attr(c->page, "category", "jiaofei");
}

/* Adds <person .../> with the select options. */
static void
show_person(struct hall_ctx *c, const struct person *p)
{
	xmlNodePtr	 n;

	begin(c, "person", "在职人员非敏感信息变更");
	n = page_add(c, NULL, "person", NULL);
	page_attr_int(n, "id", p->id);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
	page_attr(n, "sex", p->sex);
	page_attr(n, "birth", p->birth);
	page_attr(n, "nation", p->nation);
	page_attr(n, "hukou-type", p->hukou_type);
	page_attr(n, "hukou-addr", p->hukou_addr);
	page_attr(n, "address", p->address);
	page_attr(n, "mobile", p->mobile);
	page_attr(n, "home-phone", p->home_phone);
	page_attr(n, "education", p->education);
	page_attr(n, "marital", p->marital);
	page_attr(n, "mail-addr", p->mail_addr);
	page_attr(n, "postcode", p->postcode);
	page_options(c, "nation", bg_nations);
	page_options(c, "education", bg_educations);
	page_options(c, "marital", bg_maritals);
}

/* person_page callback: a quick link per person, under the page's
 * last element (<persons>). */
static void
add_person_link(const struct person *p, void *arg)
{
	struct hall_ctx	*c = arg;
	xmlNodePtr	 n;

	n = page_add(c, c->page->last, "person", NULL);
	page_attr_int(n, "id", p->id);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
}

/* Adds <persons q=> with one page (?page=) of the unit's 在职 persons
 * whose 姓名 or 身份证号 begins with ?q=, and its <pager>.  Returns 0
 * or -1. */
static int
person_links(struct hall_ctx *c)
{
	xmlNodePtr	 list;
	struct pager	 pg;
	char		 q[PAGER_QMAX];
	int64_t		 total;

	pager_query(c, "q", q);
	if (person_count(c->s, c->acct.unit_id, q, &total) != 0)
		return -1;
	pager_set(c, &pg, total, PAGER_SIZE);
	list = page_add(c, NULL, "persons", NULL);
	page_attr(list, "q", q);
	if (person_page(c->s, c->acct.unit_id, q, pg.offset, pg.size,
	    add_person_link, c) < 0)
		return -1;
	return pager_xml(c, list, &pg, "/biangeng/person", "q", q) == NULL ?
	    -1 : 0;
}

/* GET /biangeng */
static void
index_get(struct hall_ctx *c)
{
	page_redirect(c, "/biangeng/person");
}

/* GET /biangeng/person */
static void
person_get(struct hall_ctx *c)
{
	const char		*sfzh = req_get(c->r, "sfzh");
	struct form_errors	 errs;
	struct idcard	 id;
	struct person	 p;
	char		 buf[256];
	enum valid_err	 ve;
	int		 rc;

	if (sfzh == NULL || *sfzh == '\0') {
		begin(c, "person-query", "在职人员非敏感信息变更");
		if (person_links(c) != 0)
			page_busy(c);
		return;
	}
	if ((ve = valid_idcard(sfzh, &c->today, &id)) != VALID_OK) {
		begin(c, "person-query", "在职人员非敏感信息变更");
		errs.n = 0;
		form_error_add(&errs, "sfzh", valid_code(ve),
		    valid_message(ve, "社会保障号码", buf, sizeof(buf)));
		page_form_errors(c, &errs);
		c->status = 422;
		return;
	}
	rc = person_find(c->s, c->acct.unit_id, id.number, 1, &p);
	if (rc < 0)
		page_busy(c);
	else if (rc > 0)
		page_fail(c, 404, "NOT_FOUND", "本单位未找到该在职人员");
	else
		show_person(c, &p);
}

/* Tells the user how many fields changed. */
static void
changed_message(struct hall_ctx *c, int n)
{
	char	 msg[128];

	if (n == 0) {
		page_message(c, "ok", "信息没有变化");
		return;
	}
	snprintf(msg, sizeof(msg), "变更已生效(%d 项),已生成变更记录", n);
	page_message(c, "ok", msg);
}

/* Puts what the user typed back into the <name> element of the page
 * after a refused POST, so a correction does not start from scratch.
 * Attribute names are the field names with '-' for '_'. */
static void
keep_input(struct hall_ctx *c, const char *name, const struct field_def *defs,
    size_t n, const int *given)
{
	xmlNodePtr	 node;
	char		 attr[64], *p;
	size_t		 i;

	for (node = c->page->children; node != NULL; node = node->next)
		if (node->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(node->name, (const xmlChar *)name))
			break;
	if (node == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (!given[i])
			continue;
		snprintf(attr, sizeof(attr), "%s", defs[i].name);
		for (p = attr; *p != '\0'; p++)
			if (*p == '_')
				*p = '-';
		page_attr(node, attr, req_get(c->r, defs[i].name));
	}
}

/* Records which fields of defs the request carries. */
static void
given_fields(struct hall_ctx *c, const struct field_def *defs, size_t n,
    int *given)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		given[i] = req_field(c->r, defs[i].name) != NULL;
}

/* POST /biangeng/person */
static void
person_post(struct hall_ctx *c)
{
	struct field_val	 vals[BGP__MAX];
	struct form_errors	 errs;
	struct person		 p;
	int			 given[BGP__MAX], rc;

	rc = person_load(c->s, c->acct.unit_id, page_id_param(c, "id"), 1, &p);
	if (rc != 0) {
		page_fail(c, rc < 0 ? 503 : 404, rc < 0 ? "BUSY" : "NOT_FOUND",
		    rc < 0 ? "系统繁忙,请稍后再试" : "本单位未找到该在职人员");
		return;
	}
	errs.n = 0;
	bg_refuse_sensitive(c->r, bg_person_sensitive, &errs);
	form_validate(c->r, bg_person_defs, BGP__MAX, &c->today, vals, &errs);
	given_fields(c, bg_person_defs, BGP__MAX, given);
	if (errs.n > 0) {
		show_person(c, &p);
		keep_input(c, "person", bg_person_defs, BGP__MAX, given);
		page_form_errors(c, &errs);
		page_message(c, "error", "信息未保存,请按提示修改");
		c->status = 422;
		return;
	}
	if ((rc = bg_person_change(c->s, &c->who, p.id, vals, given)) < 0) {
		page_busy(c);
		return;
	}
	if (person_load(c->s, c->acct.unit_id, p.id, 1, &p) != 0) {
		page_busy(c);
		return;
	}
	show_person(c, &p);
	changed_message(c, rc);
}

/* Adds <unit .../> with the unit's current data; returns 0 or -1. */
static int
show_unit(struct hall_ctx *c)
{
	struct bg_unit	 u;
	xmlNodePtr	 n;

	begin(c, "unit", "单位一般信息变更");
	if (bg_unit_load(c->s, c->acct.unit_id, &u) != 0)
		return -1;
	n = page_add(c, NULL, "unit", NULL);
	page_attr(n, "name", u.name);
	page_attr(n, "uscc", u.uscc);
	page_attr(n, "sb-code", u.sb_code);
	page_attr(n, "contact", u.contact);
	page_attr(n, "phone", u.phone);
	page_attr(n, "fax", u.fax);
	page_attr(n, "email", u.email);
	page_attr(n, "postcode", u.postcode);
	page_attr(n, "address", u.address);
	page_attr(n, "legal-rep", u.legal_rep);
	return 0;
}

/* GET /biangeng/unit */
static void
unit_get(struct hall_ctx *c)
{
	if (show_unit(c) != 0)
		page_busy(c);
}

/* POST /biangeng/unit */
static void
unit_post(struct hall_ctx *c)
{
	struct field_val	 vals[BGU__MAX];
	struct form_errors	 errs;
	int			 given[BGU__MAX], rc;

	errs.n = 0;
	bg_refuse_sensitive(c->r, bg_unit_sensitive, &errs);
	form_validate(c->r, bg_unit_defs, BGU__MAX, &c->today, vals, &errs);
	bg_check_unit(vals, &errs);
	given_fields(c, bg_unit_defs, BGU__MAX, given);
	if (errs.n > 0) {
		if (show_unit(c) != 0) {
			page_busy(c);
			return;
		}
		keep_input(c, "unit", bg_unit_defs, BGU__MAX, given);
		page_form_errors(c, &errs);
		page_message(c, "error", "信息未保存,请按提示修改");
		c->status = 422;
		return;
	}
	if ((rc = bg_unit_change(c->s, &c->who, vals, given)) < 0 ||
	    show_unit(c) != 0) {
		page_busy(c);
		return;
	}
	changed_message(c, rc);
}

/* bg_records callback: one <record>. */
static void
add_record(const struct bg_record *r, void *arg)
{
	struct hall_ctx	*c = arg;
	xmlNodePtr	 n;

	n = page_add(c, c->page->last, "record", NULL);
	page_attr(n, "at", r->at);
	page_attr(n, "subject", r->subject);
	page_attr(n, "field-label", r->field);
	page_attr(n, "old", r->old_value);
	page_attr(n, "new", r->new_value);
	page_attr(n, "by", r->by);
}

/* GET /biangeng/records */
static void
records_get(struct hall_ctx *c)
{
	xmlNodePtr	 list;
	struct pager	 pg;
	int64_t		 total;

	begin(c, "records", "变更记录");
	if (bg_record_count(c->s, c->acct.unit_id, &total) != 0) {
		page_busy(c);
		return;
	}
	pager_set(c, &pg, total, PAGER_SIZE);
	list = page_add(c, NULL, "records", NULL);
	if (bg_records(c->s, c->acct.unit_id, pg.offset, pg.size, add_record,
	    c) < 0 || pager_xml(c, list, &pg, "/biangeng/records", NULL,
	    NULL) == NULL)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/biangeng", index_get, ROUTE_UNIT },
	{ REQ_GET, "/biangeng/person", person_get, ROUTE_UNIT },
	{ REQ_POST, "/biangeng/person", person_post, ROUTE_UNIT },
	{ REQ_GET, "/biangeng/unit", unit_get, ROUTE_UNIT },
	{ REQ_POST, "/biangeng/unit", unit_post, ROUTE_UNIT },
	{ REQ_GET, "/biangeng/records", records_get, ROUTE_UNIT },
};

static const struct program biangeng = {
	"biangeng", "biangeng.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&biangeng, argc, argv);
}
