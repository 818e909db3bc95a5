/*
 * render.h: a page's XML through the stylesheet to HTML.
 *
 * The menus of a unit's pages (the top menu of categories and the
 * left menu of the current one) are the same for every page of a
 * category, yet drawing them was half of a transform.  A page is
 * transformed with hall-menus='splice' (xsl/layout.xsl): each menu
 * becomes <hall-splice key="…"/>, and the HTML of that key, drawn by
 * the same stylesheet once per process (hall-menus='top' or 'left')
 * and kept, is written in its place (htmlout.c).  Anything the fast
 * path does not handle renders the whole page as before, through
 * libxslt's serialiser.
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

/* Forgets the menus drawn so far (tests). */
void	 render_forget(void);

#endif
