/*
 * render.h: a page's XML through the stylesheet to HTML.
 *
 * Most of a page is the same for every request of its kind: the head,
 * the header band, the menus, the breadcrumb, the footer, and in a
 * framed view the headings and table heads.  A page is transformed
 * with hall-part='splice' (xsl/layout.xsl): only its dynamic parts
 * are drawn, as the <hall-fill>s of a <hall-frame key="…">.  The frame
 * of that key, drawn by the same stylesheet once per process
 * (hall-part='frame': the whole page with <hall-hole/> for each fill)
 * and kept, is written with each fill in its hole (htmlout.c).
 * Anything the fast path does not handle renders the whole page as
 * before, through libxslt's serialiser.
 */
#ifndef RENDER_H
#define RENDER_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/security.h>

/* Renders doc through style (sec: its security preferences, or NULL).
 * Returns the HTML (xmlMalloc'd, caller xmlFree()s) and *sz, or NULL
 * when the transform failed. */
xmlChar	*render_html(xsltStylesheetPtr style, xsltSecurityPrefsPtr sec,
	    xmlDocPtr doc, int *sz);

/* Forgets the frames drawn so far (tests). */
void	 render_forget(void);
/* The number of frames kept (tests). */
size_t	 render_frames(void);

#endif
