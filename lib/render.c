/*
 * render.c: a page's XML through the stylesheet to HTML.  See
 * render.h.
 *
 * The frame cache holds at most RENDER_FRAMES entries (key, HTML and
 * hole offsets, malloc'd: they outlive the request's arena); when
 * full, the oldest entry is replaced.  A key holds no session data
 * (layout.xsl: the program, view, title, category, whether a session,
 * a reviewer and the menus are there ...), so a frame drawn for one
 * unit is right for every other.
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

#define RENDER_FRAMES	64
#define RENDER_HOLES	32

/* One frame drawn before. */
struct frame_html {
	char	*key;
	char	*html;
	size_t	 len;
	size_t	 hole[RENDER_HOLES];
	size_t	 nhole;
};

static struct {
	struct frame_html	 frames[RENDER_FRAMES];
	size_t			 next;		/* replaced when full */
} cache;

/* What the frame callback needs to draw a missing frame. */
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

/* Transforms doc with the stylesheet parameter hall-part set to the
 * XPath literal part (NULL: none, the whole page).  Returns the result
 * or NULL. */
static xmlDocPtr
transform(const struct render_job *j, const char *part)
{
	const char		*params[] = { "hall-part", part, NULL };
	xsltTransformContextPtr	 tctx;
	xmlDocPtr		 res;

	if ((tctx = xsltNewTransformContext(j->style, j->doc)) == NULL)
		return NULL;
	if (j->sec != NULL)
		xsltSetCtxtSecurityPrefs(j->sec, tctx);
	res = xsltApplyStylesheetUser(j->style, j->doc,
	    part != NULL ? params : NULL, NULL, NULL, tctx);
	if (res != NULL && tctx->state != XSLT_STATE_OK) {
		xmlFreeDoc(res);
		res = NULL;
	}
	xsltFreeTransformContext(tctx);
	return res;
}

/* Forgets frame entry m. */
static void
frame_clear(struct frame_html *m)
{
	free(m->key);
	free(m->html);
	memset(m, 0, sizeof(*m));
}

/* Draws the frame of the page (hall-part='frame') and keeps it under
 * key.  Returns its entry or NULL. */
static struct frame_html *
frame_draw(const struct render_job *j, const char *key)
{
	struct frame_html	*m;
	xmlDocPtr		 res;
	xmlChar			*html = NULL;
	int			 sz = 0;
	size_t			 hole[RENDER_HOLES], nhole;

	if ((res = transform(j, "'frame'")) == NULL)
		return NULL;
	if (htmlout_frame(res, &html, &sz, hole, RENDER_HOLES, &nhole) != 0) {
		xmlFreeDoc(res);
		return NULL;
	}
	xmlFreeDoc(res);
	m = &cache.frames[cache.next];
	cache.next = (cache.next + 1) % RENDER_FRAMES;
	frame_clear(m);
	m->key = strdup(key);
	m->html = malloc((size_t)sz + 1);
	if (m->key == NULL || m->html == NULL) {
		frame_clear(m);
		xmlFree(html);
		return NULL;
	}
	memcpy(m->html, html, (size_t)sz + 1);
	m->len = (size_t)sz;
	memcpy(m->hole, hole, nhole * sizeof(hole[0]));
	m->nhole = nhole;
	xmlFree(html);
	return m;
}

/* htmlout's frame callback: the kept frame of key, drawn if new. */
static int
frame_find(void *arg, const xmlChar *key, struct htmlout_frame *f)
{
	struct frame_html	*m;
	size_t			 i;

	for (i = 0; i < RENDER_FRAMES; i++) {
		m = &cache.frames[i];
		if (m->key != NULL && strcmp(m->key, (const char *)key) == 0)
			break;
	}
	if (i == RENDER_FRAMES &&
	    (m = frame_draw(arg, (const char *)key)) == NULL)
		return -1;
	f->html = m->html;
	f->len = m->len;
	f->hole = m->hole;
	f->nhole = m->nhole;
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
		if (htmlout_fill(res, frame_find, &j, &out, sz) != 0)
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

	for (i = 0; i < RENDER_FRAMES; i++)
		frame_clear(&cache.frames[i]);
	memset(&cache, 0, sizeof(cache));
}

size_t
render_frames(void)
{
	size_t	 i, n = 0;

	for (i = 0; i < RENDER_FRAMES; i++)
		if (cache.frames[i].key != NULL)
			n++;
	return n;
}
