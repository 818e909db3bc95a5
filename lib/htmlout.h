/*
 * htmlout.h: the HTML serialiser of a transform's result.
 *
 * Writes the same bytes as libxslt's xsltSaveResultToString() with
 * <xsl:output method="html" indent="no"/> (libxml2's HTML serialiser)
 * for the documents the hall's stylesheets make, at a fraction of the
 * cost: one growing buffer, the element descriptions looked up once
 * per name, and values that need no escaping copied as they are
 * (anything else goes through libxml2's own escaping functions).  A
 * document holding something it does not know (namespaces, entity
 * references, processing instructions, a URL attribute that would
 * need %-escaping ...) is refused and the caller uses libxslt's.
 * tests/unit/test_render.c checks the bytes against libxslt's on every
 * stylesheet sample.
 */
#ifndef HTMLOUT_H
#define HTMLOUT_H

#include <libxml/tree.h>

/* Serialises res as HTML (after setting its <meta> encoding to UTF-8
 * as libxslt does).  Returns 0 with *out (xmlMalloc'd, NUL-terminated;
 * caller xmlFree()s) and *sz; 1 when res holds something this
 * serialiser leaves to libxslt; -1 when out of memory. */
int	 htmlout_doc(xmlDocPtr res, xmlChar **out, int *sz);

/* Finds the HTML to write in place of <hall-splice key="key"/>: sets
 * *html and *len (owned by the callee, alive until the serialisation
 * ends).  Returns 0, or -1 to leave the page to libxslt. */
typedef int	(*htmlout_splice_fn)(void *arg, const xmlChar *key,
		    const char **html, size_t *len);

/* As htmlout_doc(), writing what fn gives for each <hall-splice>. */
int	 htmlout_doc_splice(xmlDocPtr res, htmlout_splice_fn fn, void *arg,
	    xmlChar **out, int *sz);

/* Serialises the children of parent (a node of res), as htmlout_doc()
 * would inside a page.  Returns as htmlout_doc(). */
int	 htmlout_children(xmlDocPtr res, xmlNodePtr parent, xmlChar **out,
	    int *sz);

#endif
