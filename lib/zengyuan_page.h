/*
 * zengyuan_page.h: the page side of 增员 (续保): the XML of its form,
 * rows and materials, and its hooks for the task pages (taskpage.h).
 * The program (cgi-bin/zengyuan.c) keeps its own handlers: the form,
 * save and the 《企业参保人员增员表》 .xlsx.
 */
#ifndef HALL_ZENGYUAN_PAGE_H
#define HALL_ZENGYUAN_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "taskpage.h"
#include "zengyuan.h"

/* Adds <zengyuan .../> with the values of row r.  Returns the node. */
xmlNodePtr	 zy_page_row(struct hall_ctx *c, const struct zengyuan_row *r);

/* Adds <zengyuan> echoing the request's form values (a refused save
 * shows what was typed). */
void		 zy_page_posted(struct hall_ctx *c);

/* Adds <materials> a form (batch 0) or a batch asks for before there
 * is a task.  Returns 0. */
int		 zy_page_materials(struct hall_ctx *c, int batch);

/* The taskpage materials hook: of the task as a whole. */
int		 zy_page_task_materials(struct hall_ctx *c,
		    const struct task *t, int64_t pid,
		    struct tp_material *out, size_t *n);

/* The common parts of the form's pages: the selects' options, the
 * unit's 参保险种, the region's limits, 审核时限,
 * the unit's 增员 tasks.  Returns 0 or -1. */
int		 zy_page_common(struct hall_ctx *c);

/* The taskpage task_xml hook: a batch's rows, or the form's row (the
 * 信息核对 form while a draft). */
int		 zy_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

/* The taskpage batch_xml hook. */
int		 zy_page_batch(struct hall_ctx *c);

/* 《企业参保人员增员表》 of task_id as .xlsx bytes into *out (malloc'd)
 * and *outsz.  Returns 0 or -1. */
int		 zy_table_xlsx(struct store *s, int64_t task_id,
		    unsigned char **out, size_t *outsz);

#endif
