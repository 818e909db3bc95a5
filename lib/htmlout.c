/*
 * htmlout.c: the HTML serialiser of a transform's result.  See
 * htmlout.h.  The rules are libxml2's htmlDocContentDumpFormatOutput()
 * with formatting off:
 *
 *	doctype		<!DOCTYPE name [PUBLIC "p" ["s"] | SYSTEM "s"]>\n
 *			(no SYSTEM "about:legacy-compat")
 *	element		<name attrs>children</name>; no end tag for an
 *			empty element (br, input, meta ...); <name> alone
 *			for a childless one whose end tag may be left out
 *			(but html and body), else <name></name>
 *	attribute	 name, or name="value" (not for a boolean one:
 *			checked, defer, selected ...); the value escaped
 *			for an attribute and quoted with " (with &quot;
 *			inside when it holds both quotes) or with ' when
 *			it holds only "
 *	text		escaped (&amp; &lt; &gt; ...), raw in script/style
 *	end		a newline after the document
 */
#include <string.h>
#include <strings.h>

#include <libxml/entities.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include "htmlout.h"

/* The output being built (xmlMalloc'd). */
struct hbuf {
	xmlChar	*p;
	size_t	 len, cap;
	int	 oom;		/* an allocation failed */
	int	 refuse;	/* met something left to libxslt */
	size_t	*hole;		/* where each <hall-hole/> was met, or NULL */
	size_t	 nhole, maxhole;
};

/* One element description looked up by name. */
struct tagdesc {
	char			 name[16];
	const htmlElemDesc	*desc;
	int			 set;
};

#define TAGCACHE	64
static struct tagdesc	 tagcache[TAGCACHE];

/* Makes room for n more bytes (and a NUL) in b.  Returns 0, or -1
 * with b->oom set. */
static int
grow(struct hbuf *b, size_t n)
{
	xmlChar	*q;
	size_t	 cap;

	if (b->oom)
		return -1;
	cap = b->cap * 2;
	while (cap < b->len + n + 1)
		cap *= 2;
	if ((q = xmlRealloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = q;
	b->cap = cap;
	return 0;
}

/* Appends n bytes of s to b. */
static inline void
put(struct hbuf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap && grow(b, n) != 0)
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* Appends the NUL-terminated s to b. */
static void
puts_(struct hbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* libxml2's description of element name (htmlTagLookup()), remembered
 * by name: a linear search through its table costs more than the rest
 * of the element's output. */
static const htmlElemDesc *
tag_desc(const xmlChar *name)
{
	size_t		 n = strlen((const char *)name), i, h = 5381;
	struct tagdesc	*t;

	if (n >= sizeof(tagcache[0].name))
		return htmlTagLookup(name);
	for (i = 0; i < n; i++)
		h = h * 33 + name[i];
	for (i = 0; i < TAGCACHE; i++) {
		t = &tagcache[(h + i) % TAGCACHE];
		if (!t->set) {
			memcpy(t->name, name, n + 1);
			t->desc = htmlTagLookup(name);
			t->set = 1;
			return t->desc;
		}
		if (strcmp(t->name, (const char *)name) == 0)
			return t->desc;
	}
	return htmlTagLookup(name);
}

/* Whether name equals one of the NULL-terminated names, ignoring
 * case; only the names sharing its first letter are compared. */
static int
name_in(const xmlChar *name, const char *const *names)
{
	int	 c = name[0] | 0x20;

	for (; *names != NULL; names++)
		if (((*names)[0] == c) &&
		    strcasecmp((const char *)name, *names) == 0)
			return 1;
	return 0;
}

/* Whether attribute name is one libxml2 leaves without a value. */
static int
is_boolean_attr(const xmlChar *name)
{
	static const char *const	 names[] = { "checked", "compact",
	    "declare", "defer", "disabled", "ismap", "multiple", "nohref",
	    "noresize", "noshade", "nowrap", "readonly", "selected", NULL };

	return name_in(name, names);
}

/* Whether libxml2 may %-escape attribute a as a URL (href, action,
 * src, name; taken widely: such a value is only ever copied when
 * escaping would leave it as it is). */
static int
is_url_attr(const xmlChar *name)
{
	static const char *const	 names[] = { "href", "action", "src",
	    "name", NULL };

	return name_in(name, names);
}

/* Whether s comes out of both libxml2's attribute escaping and its URL
 * escaping unchanged but for & (written &amp; by both): letters,
 * digits and -_.!~*()@/:=?;#%&,+ and nothing else. */
static int
is_plain_value(const xmlChar *s)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9'))
			continue;
		if (strchr("-_.!~*()@/:=?;#%&,+", *s) == NULL)
			return 0;
	}
	return 1;
}

/* Whether text s needs no escaping as HTML text or as an attribute
 * that is no URL: no & < >, no control character but tab and newline
 * (bytes from 0x80 are copied by libxml2 for an HTML document). */
static int
is_plain_text(const xmlChar *s)
{
	for (; *s != '\0'; s++)
		if (*s == '&' || *s == '<' || *s == '>' ||
		    (*s < 0x20 && *s != '\t' && *s != '\n'))
			return 0;
	return 1;
}

/* Appends s quoted as libxml2's xmlBufWriteQuotedString() does. */
static void
put_quoted(struct hbuf *b, const xmlChar *s)
{
	const xmlChar	*q;

	if (strchr((const char *)s, '"') == NULL) {
		put(b, "\"", 1);
		puts_(b, (const char *)s);
		put(b, "\"", 1);
	} else if (strchr((const char *)s, '\'') == NULL) {
		put(b, "'", 1);
		puts_(b, (const char *)s);
		put(b, "'", 1);
	} else {
		put(b, "\"", 1);
		for (q = s; *q != '\0'; q++) {
			if (*q == '"')
				put(b, "&quot;", 6);
			else
				put(b, q, 1);
		}
		put(b, "\"", 1);
	}
}

/* Appends the value of plain s with & written &amp;. */
static void
put_plain_value(struct hbuf *b, const xmlChar *s)
{
	const xmlChar	*amp;

	put(b, "\"", 1);
	while ((amp = (const xmlChar *)strchr((const char *)s, '&')) !=
	    NULL) {
		put(b, s, (size_t)(amp - s));
		put(b, "&amp;", 5);
		s = amp + 1;
	}
	puts_(b, (const char *)s);
	put(b, "\"", 1);
}

/* Appends attribute a of an element of doc. */
static void
put_attr(struct hbuf *b, xmlDocPtr doc, xmlAttrPtr a)
{
	xmlChar	*v;

	if (a->ns != NULL) {
		b->refuse = 1;
		return;
	}
	put(b, " ", 1);
	puts_(b, (const char *)a->name);
	if (a->children == NULL || is_boolean_attr(a->name))
		return;
	put(b, "=", 1);
	if (a->children->next == NULL && a->children->type == XML_TEXT_NODE &&
	    a->children->content != NULL &&
	    is_plain_value(a->children->content)) {
		put_plain_value(b, a->children->content);
		return;
	}
	if (is_url_attr(a->name)) {
		b->refuse = 1;
		return;
	}
	if (a->children->next == NULL && a->children->type == XML_TEXT_NODE &&
	    a->children->content != NULL &&
	    is_plain_text(a->children->content) &&
	    strchr((const char *)a->children->content, '"') == NULL) {
		put(b, "\"", 1);
		puts_(b, (const char *)a->children->content);
		put(b, "\"", 1);
		return;
	}
	if ((v = xmlNodeListGetString(doc, a->children, 0)) == NULL) {
		b->oom = 1;
		return;
	}
	put_quoted(b, v);
	xmlFree(v);
}

/* Appends text node t (its parent's name decides raw or escaped). */
static void
put_text(struct hbuf *b, xmlDocPtr doc, xmlNodePtr t)
{
	xmlChar		*e;
	const xmlChar	*pn = t->parent != NULL ? t->parent->name : NULL;

	if (t->content == NULL)
		return;
	if (t->name == xmlStringTextNoenc || (pn != NULL &&
	    (pn[0] | 0x20) == 's' &&
	    (strcasecmp((const char *)pn, "script") == 0 ||
	    strcasecmp((const char *)pn, "style") == 0)) ||
	    is_plain_text(t->content)) {
		puts_(b, (const char *)t->content);
		return;
	}
	if ((e = xmlEncodeEntitiesReentrant(doc, t->content)) == NULL) {
		b->oom = 1;
		return;
	}
	puts_(b, (const char *)e);
	xmlFree(e);
}

/* Notes where <hall-hole/> n stands when drawing a frame; refuses
 * anything else (a hole with content, too many holes). */
static void
put_hole(struct hbuf *b, xmlNodePtr n)
{
	if (b->hole == NULL || n->children != NULL ||
	    n->properties != NULL || b->nhole == b->maxhole) {
		b->refuse = 1;
		return;
	}
	b->hole[b->nhole++] = b->len;
}

/* Appends the nodes from n on (siblings and their subtrees). */
static void
put_nodes(struct hbuf *b, xmlDocPtr doc, xmlNodePtr n)
{
	const htmlElemDesc	*info;
	xmlAttrPtr		 a;

	for (; n != NULL && !b->refuse && !b->oom; n = n->next) {
		if (n->type == XML_DTD_NODE)
			continue;
		if (n->type == XML_TEXT_NODE) {
			put_text(b, doc, n);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE) {
			b->refuse = 1;
			return;
		}
		if (n->ns != NULL || n->nsDef != NULL) {
			b->refuse = 1;
			return;
		}
		if (n->name[0] == 'h' &&
		    xmlStrEqual(n->name, (const xmlChar *)"hall-hole")) {
			put_hole(b, n);
			continue;
		}
		info = tag_desc(n->name);
		put(b, "<", 1);
		puts_(b, (const char *)n->name);
		for (a = n->properties; a != NULL; a = a->next)
			put_attr(b, doc, a);
		if (info != NULL && info->empty) {
			put(b, ">", 1);
			continue;
		}
		if (n->children == NULL && info != NULL &&
		    info->saveEndTag != 0 &&
		    strcmp(info->name, "html") != 0 &&
		    strcmp(info->name, "body") != 0) {
			put(b, ">", 1);
			continue;
		}
		put(b, ">", 1);
		put_nodes(b, doc, n->children);
		put(b, "</", 2);
		puts_(b, (const char *)n->name);
		put(b, ">", 1);
	}
}

/* Starts b with an empty buffer.  Returns 0 or -1. */
static int
hbuf_init(struct hbuf *b)
{
	memset(b, 0, sizeof(*b));
	b->cap = 16384;
	return (b->p = xmlMalloc(b->cap)) == NULL ? -1 : 0;
}

/* Hands b's bytes to the caller, or frees them.  Returns as
 * htmlout_doc(). */
static int
hbuf_finish(struct hbuf *b, xmlChar **out, int *sz)
{
	if (b->oom || b->refuse || b->len > 0x7fffffff) {
		xmlFree(b->p);
		return b->oom ? -1 : 1;
	}
	b->p[b->len] = '\0';
	*out = b->p;
	*sz = (int)b->len;
	return 0;
}

/* Appends the whole document res: its doctype, its nodes, a newline. */
static void
put_doc(struct hbuf *b, xmlDocPtr res)
{
	xmlDtdPtr	 dtd;

	htmlSetMetaEncoding(res, (const xmlChar *)"UTF-8");
	if ((dtd = res->intSubset) != NULL) {
		puts_(b, "<!DOCTYPE ");
		puts_(b, (const char *)dtd->name);
		if (dtd->ExternalID != NULL) {
			puts_(b, " PUBLIC ");
			put_quoted(b, dtd->ExternalID);
			if (dtd->SystemID != NULL) {
				puts_(b, " ");
				put_quoted(b, dtd->SystemID);
			}
		} else if (dtd->SystemID != NULL && !xmlStrEqual(dtd->SystemID,
		    (const xmlChar *)"about:legacy-compat")) {
			puts_(b, " SYSTEM ");
			put_quoted(b, dtd->SystemID);
		}
		puts_(b, ">\n");
	}
	put_nodes(b, res, res->children);
	put(b, "\n", 1);
}

int
htmlout_doc(xmlDocPtr res, xmlChar **out, int *sz)
{
	struct hbuf	 b;

	*out = NULL;
	*sz = 0;
	if (hbuf_init(&b) < 0)
		return -1;
	put_doc(&b, res);
	return hbuf_finish(&b, out, sz);
}

int
htmlout_frame(xmlDocPtr res, xmlChar **out, int *sz, size_t *hole,
    size_t maxhole, size_t *nhole)
{
	struct hbuf	 b;

	*out = NULL;
	*sz = 0;
	*nhole = 0;
	if (hbuf_init(&b) < 0)
		return -1;
	b.hole = hole;
	b.maxhole = maxhole;
	put_doc(&b, res);
	*nhole = b.nhole;
	return hbuf_finish(&b, out, sz);
}

/* The value of the only attribute of n when it is named name; NULL
 * otherwise. */
static const xmlChar *
only_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	 a = n->properties;

	if (a == NULL || a->next != NULL || a->ns != NULL ||
	    a->children == NULL || a->children->next != NULL ||
	    a->children->type != XML_TEXT_NODE ||
	    !xmlStrEqual(a->name, (const xmlChar *)name))
		return NULL;
	return a->children->content;
}

/* Appends frame f with the children of each <hall-fill> of fills in
 * its holes; refuses when the fills and the holes do not match. */
static void
put_frame(struct hbuf *b, xmlDocPtr res, const struct htmlout_frame *f,
    xmlNodePtr fills)
{
	xmlNodePtr	 n;
	size_t		 i = 0, at = 0;

	for (n = fills; n != NULL && !b->refuse; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->properties != NULL ||
		    !xmlStrEqual(n->name, (const xmlChar *)"hall-fill") ||
		    i == f->nhole) {
			b->refuse = 1;
			return;
		}
		put(b, f->html + at, f->hole[i] - at);
		put_nodes(b, res, n->children);
		at = f->hole[i++];
	}
	if (i != f->nhole) {
		b->refuse = 1;
		return;
	}
	put(b, f->html + at, f->len - at);
}

int
htmlout_fill(xmlDocPtr res, htmlout_frame_fn fn, void *arg, xmlChar **out,
    int *sz)
{
	struct hbuf		 b;
	struct htmlout_frame	 f;
	xmlNodePtr		 root = xmlDocGetRootElement(res);
	const xmlChar		*key;

	*out = NULL;
	*sz = 0;
	if (root == NULL ||
	    !xmlStrEqual(root->name, (const xmlChar *)"hall-frame"))
		return htmlout_doc(res, out, sz);
	if ((key = only_attr(root, "key")) == NULL ||
	    fn(arg, key, &f) != 0)
		return 1;
	if (hbuf_init(&b) < 0)
		return -1;
	if (f.len + 1 > b.cap) {
		xmlFree(b.p);
		b.cap = f.len * 2;
		if ((b.p = xmlMalloc(b.cap)) == NULL)
			return -1;
	}
	put_frame(&b, res, &f, root->children);
	return hbuf_finish(&b, out, sz);
}
