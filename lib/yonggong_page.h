/*
 * yonggong_page.h: the page side of 用工备案: the XML of its form, rows
 * and materials, and its hooks for the task pages (taskpage.h).  The
 * program (cgi-bin/yonggong.c) keeps its own handlers: the form and
 * save.
 */
#ifndef HALL_YONGGONG_PAGE_H
#define HALL_YONGGONG_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "taskpage.h"
#include "yonggong.h"

/* Adds <yonggong .../> with the values of row r.  Returns the node. */
xmlNodePtr	 yg_page_row(struct hall_ctx *c, const struct yonggong_row *r);

/* Adds <yonggong> echoing the request's form values (a refused save
 * shows what was typed). */
void		 yg_page_posted(struct hall_ctx *c);

/* Adds <materials> a form (batch 0) or a batch asks for before there
 * is a task.  Returns 0. */
int		 yg_page_materials(struct hall_ctx *c, int batch);

/* The taskpage materials hook: the 劳动合同 scan, of the task as a
 * whole. */
int		 yg_page_task_materials(struct hall_ctx *c,
		    const struct task *t, int64_t pid,
		    struct tp_material *out, size_t *n);

/* The common parts of the form's pages: the selects' options, 审核时限,
 * 用工备案及时率, the unit's 用工备案 tasks.  Returns 0 or -1. */
int		 yg_page_common(struct hall_ctx *c);

/* The taskpage task_xml hook: a batch's rows, or the form's row (shown
 * as the editable form while a draft). */
int		 yg_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

/* The taskpage batch_xml hook: the choices, the materials, the
 * 用工备案及时率 and the unit's 用工备案 tasks. */
int		 yg_page_batch(struct hall_ctx *c);

#endif
