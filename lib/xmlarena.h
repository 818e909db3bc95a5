/*
 * xmlarena.h: a per-request arena for libxml2 and libxslt.
 *
 * Rendering a page (transform context, result tree, XPath objects,
 * the serialised HTML) makes thousands of small allocations that all
 * die at the end of the request; with malloc and free they cost as
 * much as the transform itself.  xmlarena_install() routes libxml2's
 * allocator (xmlMemSetup) through this file: between xmlarena_begin()
 * and xmlarena_end() allocations are carved from a few large blocks
 * and freeing them is a no-op; xmlarena_end() releases the whole
 * render at once.  Outside that window, and for memory allocated
 * outside it (the stylesheet, the page's XML, the cached menus), the
 * plain malloc/realloc/free are used.
 *
 * Whatever is allocated inside the window must not outlive
 * xmlarena_end(): call it only after the answer is written and the
 * transform's objects are no longer used.  In sanitizer builds the
 * blocks are freed at every xmlarena_end(), so a use after the window
 * is reported as a use after free.
 */
#ifndef XMLARENA_H
#define XMLARENA_H

/* Makes libxml2 allocate through this file.  Returns 0 or -1. */
int	 xmlarena_install(void);
/* Starts a render: allocations go to the arena until xmlarena_end(). */
void	 xmlarena_begin(void);
/* Whether allocations go to the arena now. */
int	 xmlarena_active(void);
/* Ends the render and releases everything allocated since begin. */
void	 xmlarena_end(void);

#endif
