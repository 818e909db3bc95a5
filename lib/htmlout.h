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

/* A page's frame: the HTML of a page drawn with <hall-hole/> in place
 * of each dynamic part, and where each hole stands. */
struct htmlout_frame {
	const char	*html;
	size_t		 len;
	const size_t	*hole;		/* byte offsets into html, ascending */
	size_t		 nhole;
};

/* As htmlout_doc() for a page drawn as a frame: each <hall-hole/> is
 * left out and its offset stored in hole[] (maxhole of them at most;
 * *nhole set). */
int	 htmlout_frame(xmlDocPtr res, xmlChar **out, int *sz, size_t *hole,
	    size_t maxhole, size_t *nhole);

/* Finds the frame of key: fills *f (its memory owned by the callee,
 * alive until the serialisation ends).  Returns 0, or -1 to leave the
 * page to libxslt. */
typedef int	(*htmlout_frame_fn)(void *arg, const xmlChar *key,
		    struct htmlout_frame *f);

/* Serialises the result of a page drawn as fills: <hall-frame key=…>
 * with one <hall-fill> per hole of that key's frame (fn), written as
 * the frame with each fill's children in its hole.  Any other
 * document is written as htmlout_doc() does.  Returns as
 * htmlout_doc(); 1 too when the fills do not match the frame. */
int	 htmlout_fill(xmlDocPtr res, htmlout_frame_fn fn, void *arg,
	    xmlChar **out, int *sz);

#endif
