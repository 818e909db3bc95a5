/*
 * render.c: a page's XML through the stylesheet to HTML.  See
 * render.h.
 *
 * The menu cache holds at most RENDER_MENUS entries (key and HTML,
 * malloc'd: they outlive the request's arena); when full, the oldest
 * entry is replaced.  A key holds no session data (layout.xsl: the
 * reviewer flag, the category, the labels of the page), so a menu
 * drawn for one unit is right for every other.
 */
#include <stdlib.h>
#include <string.h>

#include <libxslt/imports.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "htmlout.h"
#include "log.h"
#include "render.h"
#include "xmlarena.h"

#define RENDER_MENUS	64

/* One menu drawn before. */
struct menu_html {
	char	*key;
	char	*html;
	size_t	 len;
};

static struct {
	struct menu_html	 menus[RENDER_MENUS];
	size_t			 next;		/* replaced when full */
} cache;

/* What a splice callback needs to draw a missing menu. */
struct render_job {
	xsltStylesheetPtr	 style;
	xsltSecurityPrefsPtr	 sec;
	xmlDocPtr		 doc;
};

/* Whether the stylesheet's output (xsl:output, its own or imported)
 * is method="html" with indent="no", what htmlout.c writes. */
static int
stylesheet_is_html(xsltStylesheetPtr style)
{
	const xmlChar	*method;
	int		 indent;

	XSLT_GET_IMPORT_PTR(method, style, method);
	XSLT_GET_IMPORT_INT(indent, style, indent);
	return method != NULL && xmlStrEqual(method, (const xmlChar *)"html") &&
	    indent == 0;
}

/* Transforms doc with the stylesheet parameter hall-menus set to the
 * XPath literal menus (NULL: none).  Returns the result or NULL. */
static xmlDocPtr
transform(const struct render_job *j, const char *menus)
{
	const char		*params[] = { "hall-menus", menus, NULL };
	xsltTransformContextPtr	 tctx;
	xmlDocPtr		 res;

	if ((tctx = xsltNewTransformContext(j->style, j->doc)) == NULL)
		return NULL;
	if (j->sec != NULL)
		xsltSetCtxtSecurityPrefs(j->sec, tctx);
	res = xsltApplyStylesheetUser(j->style, j->doc,
	    menus != NULL ? params : NULL, NULL, NULL, tctx);
	if (res != NULL && tctx->state != XSLT_STATE_OK) {
		xmlFreeDoc(res);
		res = NULL;
	}
	xsltFreeTransformContext(tctx);
	return res;
}

/* Draws the menu of key ("top|…" or "left|…") alone and keeps it.
 * Returns its entry or NULL. */
static struct menu_html *
menu_draw(const struct render_job *j, const char *key)
{
	struct menu_html	*m;
	xmlDocPtr		 res;
	xmlNodePtr		 root;
	xmlChar			*html = NULL;
	int			 sz = 0;
	const char		*which;

	if (strncmp(key, "top|", 4) == 0)
		which = "'top'";
	else if (strncmp(key, "left|", 5) == 0)
		which = "'left'";
	else
		return NULL;
	if ((res = transform(j, which)) == NULL)
		return NULL;
	root = xmlDocGetRootElement(res);
	if (root == NULL ||
	    !xmlStrEqual(root->name, (const xmlChar *)"hall-part") ||
	    htmlout_children(res, root, &html, &sz) != 0) {
		xmlFreeDoc(res);
		return NULL;
	}
	xmlFreeDoc(res);
	m = &cache.menus[cache.next];
	cache.next = (cache.next + 1) % RENDER_MENUS;
	free(m->key);
	free(m->html);
	m->key = strdup(key);
	m->html = malloc((size_t)sz + 1);
	if (m->key == NULL || m->html == NULL) {
		free(m->key);
		free(m->html);
		memset(m, 0, sizeof(*m));
		xmlFree(html);
		return NULL;
	}
	memcpy(m->html, html, (size_t)sz + 1);
	m->len = (size_t)sz;
	xmlFree(html);
	return m;
}

/* htmlout's splice callback: the kept menu of key, drawn if new. */
static int
menu_splice(void *arg, const xmlChar *key, const char **html, size_t *len)
{
	struct menu_html	*m;
	size_t			 i;

	for (i = 0; i < RENDER_MENUS; i++) {
		m = &cache.menus[i];
		if (m->key != NULL && strcmp(m->key, (const char *)key) == 0)
			break;
	}
	if (i == RENDER_MENUS &&
	    (m = menu_draw(arg, (const char *)key)) == NULL)
		return -1;
	*html = m->html;
	*len = m->len;
	return 0;
}

/* Frees a result document.  Inside the arena its nodes are arena
 * memory, released at the arena's end: only the document and its
 * reference to the transform's dictionary are let go, not each node. */
static void
result_free(xmlDocPtr res)
{
	if (xmlarena_active()) {
		res->children = res->last = NULL;
		res->intSubset = res->extSubset = NULL;
	}
	xmlFreeDoc(res);
}

xmlChar *
render_html(xsltStylesheetPtr style, xsltSecurityPrefsPtr sec,
    xmlDocPtr doc, int *sz)
{
	struct render_job	 j = { style, sec, doc };
	xmlDocPtr		 res;
	xmlChar			*out = NULL;

	*sz = 0;
	if (stylesheet_is_html(style) &&
	    (res = transform(&j, "'splice'")) != NULL) {
		if (htmlout_doc_splice(res, menu_splice, &j, &out, sz) != 0)
			out = NULL;
		result_free(res);
		if (out != NULL)
			return out;
	}
	/* The whole page, as libxslt writes it. */
	if ((res = transform(&j, NULL)) == NULL)
		return NULL;
	if (xsltSaveResultToString(&out, sz, res, style) != 0)
		out = NULL;
	xmlFreeDoc(res);
	return out;
}

void
render_forget(void)
{
	size_t	 i;

	for (i = 0; i < RENDER_MENUS; i++) {
		free(cache.menus[i].key);
		free(cache.menus[i].html);
	}
	memset(&cache, 0, sizeof(cache));
}
