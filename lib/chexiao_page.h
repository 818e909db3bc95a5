/*
 * chexiao_page.h: the page side of 撤销: the XML of its form, its
 * registration and row, and its hooks for the task pages (taskpage.h).
 * The program (cgi-bin/chexiao.c) keeps its own handlers: the form,
 * save and 撤销申请查询.
 */
#ifndef HALL_CHEXIAO_PAGE_H
#define HALL_CHEXIAO_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "taskpage.h"
#include "chexiao.h"

struct employment;

/* Adds the options of the form's selects (撤销原因, 用工形式). */
void		 cx_page_options(struct hall_ctx *c);

/* Adds <registration id= name= idno= contract-no= start= end= post=
 * job-type= wage= work-form= hire-date= status= ended= reg-type=
 * reg-region= late=> of e.  Returns the node. */
xmlNodePtr	 cx_page_registration(struct hall_ctx *c,
		    const struct employment *e);

/* Adds the unfinished tasks that keep registration e from being
 * revoked, as <blocker kind="tuigong|chexiao" id= seq=/>, for the
 * refusal's links.  Returns 0 or -1. */
int		 cx_page_blockers(struct hall_ctx *c,
		    const struct employment *e);

/* Adds <chexiao .../> with row's values.  Returns the node. */
xmlNodePtr	 cx_page_row(struct hall_ctx *c, const struct chexiao_row *r);

/* Adds <chexiao> echoing the request's form values (a refused save
 * shows what was typed). */
void		 cx_page_posted(struct hall_ctx *c);

/* Adds the <materials> a 撤销 for reason (may be empty or unknown: the
 * materials every 撤销 needs) with handler_is_rep asks for, before
 * there is a task. */
void		 cx_page_materials(struct hall_ctx *c, const char *reason,
		    int handler_is_rep);

/* The taskpage materials hook: of the task as a whole. */
int		 cx_page_task_materials(struct hall_ctx *c,
		    const struct task *t, int64_t pid, struct tp_material *out,
		    size_t *n);

/* The taskpage task_xml hook: the registration, the row (the form
 * while a draft), the 撤销申请编号 once submitted, 逾期 and, once
 * approved, the corrected registration. */
int		 cx_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

#endif
