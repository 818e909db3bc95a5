/*
 * page.c: building the <page> document a handler answers.  Text goes
 * in through libxml2, which escapes it; the stylesheets never disable
 * output escaping, so user text is never HTML.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "attach.h"
#include "page.h"
#include "text.h"
#include "xmlarena.h"

/* The statements of the page documents; their SQL is in page_sql. */
enum page_stmt {
	PAGE_STMT_EVENTS,	/* a task's events with who did them */
	PAGE_STMT_PERSON_NAME,	/* a person's name */
	PAGE_STMT_UNIT,		/* a unit's name and codes */
	PAGE_STMT_ROW_RETURNS,	/* the rows sent back to a task */
	PAGE_STMT__MAX
};

/* The SQL of each statement, by enum page_stmt. */
static const char *const page_sql[PAGE_STMT__MAX] = {
	[PAGE_STMT_EVENTS] =
	    "SELECT e.at, e.action, e.from_state, "
	    "e.to_state, e.reason, CASE WHEN e.actor_id = 0 THEN '系统' ELSE "
	    "COALESCE(a.display_name, '') END FROM task_events e LEFT JOIN "
	    "accounts a ON a.id = e.actor_id WHERE e.task_id = ?1 ORDER BY e.id", /* PAGE_STMT_EVENTS */
	[PAGE_STMT_PERSON_NAME] =
	    "SELECT name FROM "
	    "persons WHERE id = ?1", /* PAGE_STMT_PERSON_NAME */
	[PAGE_STMT_UNIT] =
	    "SELECT name, uscc, sb_code, vip FROM units "
	    "WHERE id = ?1", /* PAGE_STMT_UNIT */
	[PAGE_STMT_ROW_RETURNS] =
	    "SELECT r.row_no, COALESCE(r.person_id, 0), "
	    "r.name, r.idno, r.reason, t.seq_no FROM task_row_returns r JOIN "
	    "tasks t ON t.id = r.from_task_id WHERE r.task_id = ?1 ORDER BY "
	    "r.row_no", /* PAGE_STMT_ROW_RETURNS */
};

/*
 * Length of the character at s when it is well-formed UTF-8 (RFC 3629)
 * and allowed in XML 1.0 (tab, line feed, carriage return, U+0020 on,
 * no surrogates, no U+FFFE/U+FFFF); 0 otherwise.
 */
static size_t
page_xml_char(const unsigned char *s)
{
	size_t		 n;
	unsigned int	 c;

	if ((n = text_utf8_char((const char *)s, &c)) == 0)
		return 0;
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
	    c == 0xfffe || c == 0xffff)
		return 0;
	return n;
}

/*
 * Text that may go into the document: s itself when it is well-formed
 * UTF-8 of XML characters, else a newly allocated copy (caller frees)
 * with every bad byte replaced by U+FFFD; *copy is set to that copy or
 * NULL.  Request text (an invalid field echoed back) may be anything,
 * and libxml2 would serialise it into a document no parser accepts.
 * Returns NULL when the copy cannot be allocated.
 */
static const char *
page_xml_text(const char *s, char **copy)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, bad = 0, n, i = 0;
	char			*out;

	*copy = NULL;
	/* Printable ASCII needs no decoding. */
	for (len = 0; p[len] >= 0x20 && p[len] < 0x80; len++)
		;
	for (; p[len] != '\0'; len += n)
		if ((n = page_xml_char(p + len)) == 0)
			n = 1, bad++;
	if (bad == 0)
		return s;
	if (bad > (SIZE_MAX - len - 1) / 2 ||
	    (out = malloc(len + 2 * bad + 1)) == NULL)
		return NULL;
	for (len = 0; p[len] != '\0'; len += n) {
		if ((n = page_xml_char(p + len)) == 0) {
			memcpy(out + i, "\xef\xbf\xbd", 3);
			i += 3;
			n = 1;
		} else {
			memcpy(out + i, p + len, n);
			i += n;
		}
	}
	out[i] = '\0';
	return *copy = out;
}

/* Sets a libxml2 attribute, treating NULL as absent. */
void
page_attr(xmlNodePtr node, const char *name, const char *value)
{
	char	*copy;

	if (node == NULL || value == NULL)
		return;
	if ((value = page_xml_text(value, &copy)) == NULL)
		return;
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value);
	free(copy);
}

/* Sets an attribute to a decimal integer. */
void
page_attr_int(xmlNodePtr node, const char *name, long long v)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	page_attr(node, name, buf);
}

/* Appends an element with escaped text content; returns it (owned by
 * the document) or NULL on allocation failure. */
xmlNodePtr
page_add(struct hall_ctx *c, xmlNodePtr parent, const char *name,
    const char *text)
{
	xmlNodePtr	 n;
	char		*copy;

	if (parent == NULL)
		parent = c->page;
	if (parent == NULL)
		return NULL;
	if ((text = page_xml_text(text != NULL ? text : "", &copy)) == NULL)
		return NULL;
	n = xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)text);
	free(copy);
	return n;
}

/* Adds the issuing authorities the operator configured, for the page
 * header and the printouts: org= (HALL_ORG, e.g.
 * 武汉市人力资源和社会保障局) and org-employment=
 * (HALL_ORG_EMPLOYMENT, e.g. 武汉市公共就业服务机构, whose seal the
 * 《退工登记证明》 bears).  Unset, the stylesheets print placeholders. */
static void
page_org(struct hall_ctx *c)
{
	const char	*v;

	if ((v = getenv("HALL_ORG")) != NULL && *v != '\0')
		page_attr(c->page, "org", v);
	if ((v = getenv("HALL_ORG_EMPLOYMENT")) != NULL && *v != '\0')
		page_attr(c->page, "org-employment", v);
}

/* Starts the answer: an empty <page prog=...> document. */
void
page_begin(struct hall_ctx *c, const char *prog)
{
	c->doc = xmlNewDoc((const xmlChar *)"1.0");
	if (c->doc == NULL)
		return;
	c->page = xmlNewNode(NULL, (const xmlChar *)"page");
	if (c->page == NULL)
		return;
	xmlDocSetRootElement(c->doc, c->page);
	page_attr(c->page, "prog", prog);
	page_attr(c->page, "view", "index");
	page_org(c);
}

/* Sets the view and title of the page. */
void
page_view(struct hall_ctx *c, const char *view, const char *title)
{
	page_attr(c->page, "view", view);
	page_attr(c->page, "title", title);
}

/* Appends <entry label= href= online=> to parent: a link, or a greyed
 * label when path is NULL (not online). */
static void
menu_entry(xmlNodePtr parent, const char *label, const char *path)
{
	xmlNodePtr	 n;

	n = xmlNewChild(parent, NULL, (const xmlChar *)"entry", NULL);
	page_attr(n, "label", label);
	page_attr(n, "href", path);
	page_attr(n, "online", path != NULL ? "1" : "0");
}

/* Whether code is one of hall_categories.  Returns 1 or 0. */
static int
menu_known_category(const char *code)
{
	const struct hall_category	*k;

	for (k = hall_categories; k->code != NULL; k++)
		if (code != NULL && strcmp(k->code, code) == 0)
			return 1;
	return 0;
}

/* Whether a business of category cat has a menu entry to path. */
static int
menu_has_path(const char *cat, const char *path)
{
	const struct wf_business	*b;
	const struct wf_menu		*m;
	size_t				 i;

	for (i = 0; (b = wf_business_at(i)) != NULL; i++) {
		if (b->category == NULL || strcmp(b->category, cat) != 0)
			continue;
		for (m = b->menu; m != NULL && m->label != NULL; m++)
			if (strcmp(m->path, path) == 0)
				return 1;
	}
	return 0;
}

/* Appends the hall_menu_entries of cat placed at after (NULL: before
 * the businesses' entries; "": after them, with those whose entry is
 * missing; a path: right after that entry). */
static void
menu_placed(xmlNodePtr parent, const char *cat, const char *after)
{
	const struct hall_menu_entry	*e;
	int				 here;

	for (e = hall_menu_entries; e->label != NULL; e++) {
		if (strcmp(e->category, cat) != 0)
			continue;
		if (after == NULL)
			here = e->after == NULL;
		else if (*after == '\0')
			here = e->after != NULL && (*e->after == '\0' ||
			    !menu_has_path(cat, e->after));
		else
			here = e->after != NULL && strcmp(e->after, after) == 0;
		if (here)
			menu_entry(parent, e->label, e->path);
	}
}

/* Appends the entries of the businesses of category code to parent,
 * each followed by the hall's entries placed after it.  Returns the
 * path of the first business of the category, or NULL. */
static const char *
menu_businesses(xmlNodePtr parent, const char *code)
{
	const struct wf_business	*b;
	const struct wf_menu		*m;
	const char			*first = NULL;
	size_t				 i;

	for (i = 0; (b = wf_business_at(i)) != NULL; i++) {
		if (b->category == NULL || strcmp(b->category, code) != 0)
			continue;
		if (first == NULL)
			first = b->path;
		for (m = b->menu; m != NULL && m->label != NULL; m++) {
			menu_entry(parent, m->label, m->path);
			menu_placed(parent, code, m->path);
		}
	}
	return first;
}

/* Appends <category code= title= href=> with its entries: the hall's
 * placed before the businesses', the businesses' in registration
 * order, then the rest.  href (the top menu's link) is the first
 * business's page, else the first online entry; none when nothing of
 * the category is online. */
static void
menu_category(xmlNodePtr menus, const struct hall_category *k)
{
	xmlNodePtr	 n, e;
	const char	*href;
	xmlChar		*h;

	n = xmlNewChild(menus, NULL, (const xmlChar *)"category", NULL);
	page_attr(n, "code", k->code);
	page_attr(n, "title", k->title);
	menu_placed(n, k->code, NULL);
	href = menu_businesses(n, k->code);
	menu_placed(n, k->code, "");
	if (href != NULL) {
		page_attr(n, "href", href);
		return;
	}
	for (e = n->children; e != NULL; e = e->next) {
		if ((h = xmlGetProp(e, (const xmlChar *)"href")) != NULL) {
			page_attr(n, "href", (const char *)h);
			xmlFree(h);
			return;
		}
	}
}

/* Appends <common title="常用业务">: the 首页, each business's own page
 * (categories in menu order, then any of a category not in the menus),
 * then the hall's other common pages. */
static void
menu_common(xmlNodePtr menus)
{
	const struct hall_category	*k;
	const struct wf_business	*b;
	xmlNodePtr			 n;
	size_t				 i;

	n = xmlNewChild(menus, NULL, (const xmlChar *)"common", NULL);
	page_attr(n, "title", "常用业务");
	menu_placed(n, HALL_MENU_COMMON, NULL);
	for (k = hall_categories; k->code != NULL; k++)
		for (i = 0; (b = wf_business_at(i)) != NULL; i++)
			if (b->category != NULL &&
			    strcmp(b->category, k->code) == 0)
				menu_entry(n, b->name, b->path);
	for (i = 0; (b = wf_business_at(i)) != NULL; i++) {
		if (menu_known_category(b->category))
			continue;
		log_warn("business %s: category %s is not in the menus",
		    b->code, b->category != NULL ? b->category : "(none)");
		menu_entry(n, b->name, b->path);
	}
	menu_placed(n, HALL_MENU_COMMON, "");
}

/*
 * The <menus> of a unit's pages, drawn by layout.xsl: one <category>
 * per hall_categories entry with its <entry>s, and <common>.  Built
 * from the registry once per process (the businesses are registered
 * before the first request) and lent to each page (page_menus()).
 * Returns the element (owned here, unlinked) or NULL when it cannot be
 * built.
 */
static xmlNodePtr
page_menus_node(void)
{
	static xmlDocPtr		 doc;
	static xmlNodePtr		 root;
	const struct hall_category	*k;

	if (root != NULL)
		return root;
	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewNode(NULL, (const xmlChar *)"menus")) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	for (k = hall_categories; k->code != NULL; k++)
		menu_category(root, k);
	menu_common(root);
	xmlUnlinkNode(root);
	return root;
}

/* See page.h. */
void
page_menus_prepare(void)
{
	(void)page_menus_node();
}

/* Points every node of the subtree n (elements, attributes, text) at
 * doc, so that XPath run from any of them sees doc as the root. */
static void
menu_set_doc(xmlNodePtr n, xmlDocPtr doc)
{
	xmlAttrPtr	 a;

	for (; n != NULL; n = n->next) {
		n->doc = doc;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a != NULL; a = a->next) {
			a->doc = doc;
			menu_set_doc(a->children, doc);
		}
		menu_set_doc(n->children, doc);
	}
}

/*
 * Lends the process's <menus> to the page: linked as the page's child
 * (its nodes pointing at the page's document), not copied, and taken
 * back by page_end() before the document is freed.  A copy and its
 * freeing cost more than the rest of the page's XML together.
 */
void
page_menus(struct hall_ctx *c)
{
	xmlNodePtr	 m;

	if (c->page == NULL || c->menus != NULL ||
	    (m = page_menus_node()) == NULL || m->parent != NULL)
		return;
	menu_set_doc(m, c->doc);
	m->parent = c->page;
	m->prev = c->page->last;
	m->next = NULL;
	if (c->page->last != NULL)
		c->page->last->next = m;
	else
		c->page->children = m;
	c->page->last = m;
	c->menus = m;
}

/* Adds the <session> element of a logged-in request, and the <menus>
 * of a unit's HTML page (the frame draws them; a client asking for XML
 * does not need them). */
void
page_session(struct hall_ctx *c)
{
	xmlNodePtr	 n;
	char		 buf[20];
	struct hdate	 d;

	if (!c->logged_in)
		return;
	n = page_add(c, NULL, "session", NULL);
	page_attr(n, "kind", c->acct.kind == ACCT_UNIT ? "unit" : "reviewer");
	page_attr(n, "username", c->acct.username);
	page_attr(n, "name", c->acct.display_name);
	if (c->acct.kind == ACCT_UNIT) {
		page_attr(n, "unit", c->acct.unit_name);
		page_attr(n, "vip", c->acct.unit_vip ? "1" : "0");
	}
	if (c->integ)
		page_attr(n, "integration", c->acct.may_write ? "write" :
		    "read");
	else
		page_attr(n, "csrf", c->sess.csrf);
	page_attr(n, "must-change", c->acct.must_change ? "1" : "0");
	if (c->id.ok && c->id.not_after > 0) {
		page_attr_int(n, "cert-days-left", ident_days_left(&c->id));
		clock_date(c->id.not_after, &d);
		hdate_fmt(&d, buf);
		page_attr(n, "cert-not-after", buf);
	}
	if (c->acct.kind == ACCT_UNIT && !c->acct.must_change &&
	    !c->r->want_xml)
		page_menus(c);
}

/* Adds a message shown at the top of the page. */
void
page_message(struct hall_ctx *c, const char *kind, const char *text)
{
	page_attr(page_add(c, NULL, "message", text), "kind", kind);
}

/* Adds every form error to <errors>. */
void
page_form_errors(struct hall_ctx *c, const struct form_errors *errs)
{
	xmlNodePtr	 list, n;
	size_t		 i;

	if (errs == NULL || errs->n == 0)
		return;
	list = page_add(c, NULL, "errors", NULL);
	for (i = 0; i < errs->n; i++) {
		n = page_add(c, list, "error", errs->e[i].msg);
		page_attr(n, "field", errs->e[i].field);
		page_attr(n, "code", errs->e[i].code);
	}
}

/* Replaces the page by an error page with status, code and message. */
void
page_fail(struct hall_ctx *c, int status, const char *code, const char *msg)
{
	xmlNodePtr	 old, n;

	c->status = status;
	if (c->page == NULL)
		return;
	/* Drop whatever the handler built, keep the session and menus. */
	for (old = c->page->children; old != NULL; ) {
		n = old->next;
		if (!xmlStrEqual(old->name, (const xmlChar *)"session") &&
		    !xmlStrEqual(old->name, (const xmlChar *)"menus")) {
			xmlUnlinkNode(old);
			xmlFreeNode(old);
		}
		old = n;
	}
	page_view(c, "error", "出错了");
	n = page_add(c, NULL, "error", msg);
	page_attr_int(n, "status", status);
	page_attr(n, "code", code);
}

/* Answers 303 to a local path; anything else becomes the home page. */
void
page_redirect(struct hall_ctx *c, const char *path)
{
	free(c->location);
	if (path == NULL || path[0] != '/' || path[1] == '/' ||
	    strpbrk(path, "\r\n\\") != NULL)
		path = "/home";
	c->location = strdup(path);
	c->status = c->location != NULL ? 303 : 503;
}

/* Formats a store time for pages, "" for 0. */
static void
fmt_time(time_t t, char buf[20])
{
	if (t == 0)
		buf[0] = '\0';
	else
		clock_fmt(t, buf);
}

/* Adds a <task> element describing t. */
xmlNodePtr
page_task(struct hall_ctx *c, xmlNodePtr parent, const struct task *t)
{
	const struct wf_business	*b = wf_business(t->business);
	xmlNodePtr			 n;
	char				 buf[20];
	long				 age;

	n = page_add(c, parent, "task", NULL);
	page_attr_int(n, "id", t->id);
	page_attr(n, "seq", t->seq_no);
	page_attr(n, "business", t->business);
	page_attr(n, "business-name", b != NULL ? b->name : t->business);
	page_attr(n, "path", b != NULL ? b->path : "/home");
	page_attr(n, "state", task_state_names[t->state]);
	page_attr(n, "returned", t->returned ? "1" : "0");
	page_attr(n, "reason", t->return_reason);
	page_attr(n, "summary", t->summary);
	fmt_time(t->created_at, buf);
	page_attr(n, "created", buf);
	fmt_time(t->submitted_at, buf);
	page_attr(n, "submitted", buf);
	fmt_time(t->decided_at, buf);
	page_attr(n, "decided", buf);
	if (t->state == TASK_DONE)
		page_attr(n, "decided-by", t->decided_by == 0 ?
		    "系统自动审核" : "经办机构审核");
	page_attr(n, "overdue", t->overdue ? "1" : "0");
	if (t->submitted_at > 0) {
		age = (long)((clock_now() - t->submitted_at) / 86400);
		page_attr_int(n, "age-days", age < 0 ? 0 : age);
	}
	return n;
}

/* Adds the task's history as <events><event>. */
int
page_events(struct hall_ctx *c, int64_t task_id)
{
	struct store_stmt	*st;
	xmlNodePtr	 list, n;
	char		 at[20];
	int		 rc;

	list = page_add(c, NULL, "events", NULL);
	st = store_stmt(c->s, page_sql[PAGE_STMT_EVENTS]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		n = page_add(c, list, "event", NULL);
		clock_fmt((time_t)store_col_int64(st, 0), at);
		page_attr(n, "at", at);
		page_attr(n, "action", store_col_text(st, 1));
		page_attr(n, "from", store_col_text(st, 2));
		page_attr(n, "to", store_col_text(st, 3));
		page_attr(n, "reason", store_col_text(st, 4));
		page_attr(n, "actor", store_col_text(st, 5));
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}

/* Answers the attachment named by the id field as a download, or shown
 * in place with inline=1, when its task is unit_id's (0: any unit, for
 * reviewers); else 404. */
void
page_attachment(struct hall_ctx *c, int64_t unit_id)
{
	struct attachment	 a;
	unsigned char		*data = NULL;
	int			 rc;

	rc = attach_load(c->s, page_id_param(c, "id"), unit_id, &a, &data);
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		page_fail(c, 404, "NOT_FOUND", "未找到该附件");
		return;
	}
	c->file = data;
	c->filesz = a.size;
	c->file_owned = 1;
	snprintf(c->file_name, sizeof(c->file_name), "%s", a.filename);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", a.mime);
	/* Only the types sniffed at upload are ever shown in place. */
	c->file_inline = req_get(c->r, "inline") != NULL &&
	    strcmp(req_get(c->r, "inline"), "1") == 0 &&
	    (strcmp(a.mime, "application/pdf") == 0 ||
	    strcmp(a.mime, "image/jpeg") == 0);
}

/* What page_attachments' callback needs. */
struct page_att_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* attach_list callback: one <attachment> of the one shape. */
static void
page_att_add(const struct attachment *at, void *arg)
{
	struct page_att_arg	*a = arg;
	struct store_stmt	*st;
	xmlNodePtr		 n;

	n = page_add(a->c, a->list, "attachment", NULL);
	page_attr_int(n, "id", at->id);
	page_attr(n, "material", at->code);
	page_attr(n, "material-name", at->name);
	page_attr_int(n, "pid", at->person_id);
	if (at->person_id > 0 && (st = store_stmt(a->c->s,
	    page_sql[PAGE_STMT_PERSON_NAME])) != NULL) {
		if (store_bind_int(st, 1, at->person_id) == 0 &&
		    store_step(st) == STORE_ROW)
			page_attr(n, "person-name", store_col_text(st, 0));
		store_reset(st);
	}
	page_attr(n, "filename", at->filename);
	page_attr(n, "mime", at->mime);
	page_attr_int(n, "size", (long long)at->size);
}

/* Adds <attachments> with one <attachment> per file of task_id. */
xmlNodePtr
page_attachments(struct hall_ctx *c, xmlNodePtr parent, int64_t task_id)
{
	struct page_att_arg	 a;

	a.c = c;
	a.list = page_add(c, parent, "attachments", NULL);
	if (attach_list(c->s, task_id, page_att_add, &a) < 0)
		return NULL;
	return a.list;
}

/* Answers 503 with the busy message. */
void
page_busy(struct hall_ctx *c)
{
	page_fail(c, 503, "BUSY", "系统繁忙,请稍后再试");
}

/* Adds <options name=...><option>… for a select. */
void
page_options(struct hall_ctx *c, const char *name, const char *const *opts)
{
	xmlNodePtr	 list;

	list = page_add(c, NULL, "options", NULL);
	page_attr(list, "name", name);
	for (; *opts != NULL; opts++)
		page_add(c, list, "option", *opts);
}

/* Adds <form token=...> with a fresh one-time token. */
void
page_form_token(struct hall_ctx *c)
{
	char		 hex[33];

	if (rand_hex(hex, 16) != 0) {
		log_err("form without a token");
		return;
	}
	page_attr(page_add(c, NULL, "form", NULL), "token", hex);
}

/* The dedup key "<prefix>:<token>" of the request's token field. */
const char *
page_dedup_key(struct hall_ctx *c, const char *prefix, char key[48])
{
	const char	*t = req_get(c->r, "token");

	if (t == NULL || !text_is_hex(t, 32))
		return NULL;
	snprintf(key, 48, "%.8s:%s", prefix, t);
	return key;
}

/* Reads field name as a positive decimal id; 0 when absent or bad. */
int64_t
page_id_param(struct hall_ctx *c, const char *name)
{
	const char	*s = req_get(c->r, name);
	int64_t		 v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 18)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* The most pages a list goes to: beyond it a page number is clamped. */
#define PAGE_MAX_NUMBER	1000000

/* See hall.h. */
int
page_number_param(struct hall_ctx *c, const char *name)
{
	int64_t	 n = page_id_param(c, name);

	if (n < 1)
		return 1;
	return n > PAGE_MAX_NUMBER ? PAGE_MAX_NUMBER : (int)n;
}

/* See hall.h. */
int
page_list_attrs(xmlNodePtr n, long long total, int pageno, int per)
{
	long long	 pages;

	if (per < 1)
		per = 1;
	pages = total <= 0 ? 1 : (total + per - 1) / per;
	if (pages > PAGE_MAX_NUMBER)
		pages = PAGE_MAX_NUMBER;
	if (pageno > pages)
		pageno = (int)pages;
	if (pageno < 1)
		pageno = 1;
	page_attr_int(n, "total", total < 0 ? 0 : total);
	page_attr_int(n, "page", pageno);
	page_attr_int(n, "pages", pages);
	page_attr_int(n, "per-page", per);
	return pageno;
}

/* Frees what the answer owns. */
void
page_end(struct hall_ctx *c)
{
	if (c->menus != NULL) {
		xmlUnlinkNode(c->menus);
		c->menus = NULL;
	}
	if (c->doc != NULL && !xmlarena_active())
		xmlFreeDoc(c->doc);
	c->doc = NULL;
	c->page = NULL;
	free(c->location);
	c->location = NULL;
	free(c->set_cookie);
	c->set_cookie = NULL;
	if (c->file_owned)
		free(c->file);
	c->file = NULL;
}

/* Appends src to dst of size dstsz, truncating. */
void
strlcat_safe(char *dst, const char *src, size_t dstsz)
{
	size_t	 len = strnlen(dst, dstsz);

	if (len + 1 >= dstsz)
		return;
	snprintf(dst + len, dstsz - len, "%s", src);
}

/* Builds the Content-Disposition of a download.  Returns a new string
 * the caller frees, or NULL. */
char *
page_disposition(const char *name)
{
	return page_disposition_kind(name, 0);
}

/* Builds the Content-Disposition of a file shown in the browser
 * (inline) or downloaded.  Returns a new string the caller frees, or
 * NULL. */
char *
page_disposition_kind(const char *name, int inline_view)
{
	const char		*kind = inline_view ? "inline" : "attachment";
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, len, need;
	char			*out, *p;
	const unsigned char	*u = (const unsigned char *)name;

	len = strlen(name);
	if (len > 1024)
		return NULL;
	need = sizeof("attachment; filename=\"download\"; filename*=UTF-8''") +
	    len * 3 + 1;
	if ((out = malloc(need)) == NULL)
		return NULL;
	p = out + snprintf(out, need,
	    "%s; filename=\"download\"; filename*=UTF-8''", kind);
	for (i = 0; i < len; i++) {
		if ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' &&
		    u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9') ||
		    u[i] == '.' || u[i] == '-' || u[i] == '_') {
			*p++ = (char)u[i];
		} else {
			*p++ = '%';
			*p++ = hex[u[i] >> 4];
			*p++ = hex[u[i] & 15];
		}
	}
	*p = '\0';
	return out;
}

/* See page.h. */
int
page_unit(struct hall_ctx *c, int64_t unit_id)
{
	struct store_stmt	*st;
	xmlNodePtr	 n;
	int		 rc;

	st = store_stmt(c->s, page_sql[PAGE_STMT_UNIT]);
	if (st == NULL || store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		n = page_add(c, NULL, "unit", NULL);
		page_attr(n, "name", store_col_text(st, 0));
		page_attr(n, "uscc", store_col_text(st, 1));
		page_attr(n, "sb-code", store_col_text(st, 2));
		page_attr(n, "vip", store_col_int(st, 3) ? "1" : "0");
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* See hall.h. */
int
page_row_returns(struct hall_ctx *c, int64_t task_id)
{
	struct store_stmt	*st;
	xmlNodePtr	 list = NULL, n;
	int		 rc;

	st = store_stmt(c->s, page_sql[PAGE_STMT_ROW_RETURNS]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (list == NULL) {
			list = page_add(c, NULL, "returns", NULL);
			page_attr(list, "from-seq", store_col_text(st, 5));
		}
		n = page_add(c, list, "return", NULL);
		page_attr_int(n, "row", store_col_int(st, 0));
		page_attr_int(n, "person", store_col_int64(st, 1));
		page_attr(n, "name", store_col_text(st, 2));
		page_attr(n, "idno", store_col_text(st, 3));
		page_attr(n, "reason", store_col_text(st, 4));
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}
