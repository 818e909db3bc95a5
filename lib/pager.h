/*
 * pager.h: one page of a long list (issue 8): the page asked for by
 * ?page= (clamped to the pages there are), the search term of ?q= (a
 * prefix of 姓名 or 身份证号), and the <pager> element the stylesheets
 * draw with the pager template of xsl/common.xsl.
 */
#ifndef HALL_PAGER_H
#define HALL_PAGER_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

struct hall_ctx;

#define PAGER_SIZE	50	/* rows of a page of a person list */
#define PAGER_QMAX	64	/* bytes of a search term, with its NUL */

/* Which rows of a list a page shows. */
struct pager {
	int64_t		 total;		/* rows of the whole list */
	int64_t		 page;		/* 1-based, within [1, pages] */
	int64_t		 pages;		/* at least 1 */
	int64_t		 offset;	/* rows before the page */
	int		 size;		/* rows per page */
};

/* Reads the search term ?name= of c into q[PAGER_QMAX]: trimmed, an
 * ID number's x made X; "" when absent or not plain text. */
void		 pager_query(struct hall_ctx *c, const char *name,
		    char q[PAGER_QMAX]);

/* The exclusive upper bound of the strings that begin with q, into
 * hi[PAGER_QMAX + 4]: q followed by U+10FFFF, so that "col >= q AND
 * col < hi" is a prefix match an index can answer. */
void		 pager_prefix_end(const char *q, char hi[PAGER_QMAX + 4]);

/* Sets pg to the page of ?page= (1 when absent, malformed or below 1;
 * the last page when beyond it) of a list of total rows, size a page. */
void		 pager_set(struct hall_ctx *c, struct pager *pg, int64_t total,
		    int size);

/* Adds <pager total= page= pages= size= base=> under parent (the page
 * when NULL): base is path?q=…& (or path?) for the links, each of
 * which appends page=N.  Returns the node or NULL. */
xmlNodePtr	 pager_xml(struct hall_ctx *c, xmlNodePtr parent,
		    const struct pager *pg, const char *path, const char *qname,
		    const char *q);

#endif
