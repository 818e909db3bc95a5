/*
 * zhuxiao_page.h: the page side of 当月欠费注销: the XML of a person's
 * month (his arrears, the parts per type and side from levy), of the
 * material, and the hooks for the task pages (taskpage.h).  The
 * program (cgi-bin/zhuxiao.c) keeps its own handlers: the query, the
 * form and save.
 */
#ifndef HALL_ZHUXIAO_PAGE_H
#define HALL_ZHUXIAO_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "taskpage.h"
#include "zhuxiao.h"

/* Adds <zhuxiao person= name= sfzh= month= current= amount= levy=
 * confirmed-at=> for r with, inside, <levy state="ok|nopolicy|nobase"
 * msg= unit= person= total=> and a <part type= unit= person=> per
 * type levied, and <owing months= amount= first= last=> (everything
 * the person owes at the unit).  Returns the node, NULL on error. */
xmlNodePtr	 zx_page_row(struct hall_ctx *c, int64_t unit_id,
		    const struct zhuxiao_row *r);

/* Adds <zhuxiao sfzh= month=> echoing the request (a refused save or
 * query shows what was typed). */
void		 zx_page_posted(struct hall_ctx *c);

/* Adds <materials> the form asks for before there is a task. */
void		 zx_page_materials(struct hall_ctx *c);

/* The taskpage materials hook: the signed statement, of the task as a
 * whole. */
int		 zx_page_task_materials(struct hall_ctx *c,
		    const struct task *t, int64_t pid,
		    struct tp_material *out, size_t *n);

/* The common parts of the form's pages: <current-month>, 审核时限 and
 * the unit's 注销 tasks.  Returns 0 or -1. */
int		 zx_page_common(struct hall_ctx *c);

/* The taskpage task_xml hook: the row (the editable form while a
 * draft). */
int		 zx_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

#endif
