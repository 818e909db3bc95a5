/*
 * jianyuan_page.h: the page side of 城镇职工减少: the XML its pages
 * share and its hooks for the task pages (taskpage.h).  The program
 * (cgi-bin/jianyuan.c) keeps its own handlers: the query form, save,
 * the 减员表 export and print page.
 */
#ifndef HALL_JIANYUAN_PAGE_H
#define HALL_JIANYUAN_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "jianyuan.h"
#include "taskpage.h"

/* Adds <options name="reason"> of 减少原因. */
void		 jy_page_reasons(struct hall_ctx *c);

/* Lists under <persons> the unit's 参保缴费 person of 社会保障号码 idno
 * when not NULL; else one page (?page=, PAGER_SIZE) of those whose 姓名
 * or 身份证号 begins with ?q=, by person, with its <pager>.  Returns
 * the count listed or -1. */
int		 jy_page_insured(struct hall_ctx *c, const char *idno);

/* Adds <checked> with the request's pid fields (a refused save). */
void		 jy_page_checked(struct hall_ctx *c);

/* Where jy_page_row adds the rows. */
struct jy_rows_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* jy_rows callback: one <row no= pid= name= idno= sb-no= reason=
 * change-date= stop-month=> under arg's list. */
void		 jy_page_row(const struct jy_row *r, void *arg);

/* The taskpage task_xml hook: the rows, and from when a 结束 task's
 * 《综合业务处理单》 prints. */
int		 jy_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

/* The taskpage materials hook: what the rules ask of person pid, one
 * group per requirement (one of its materials is enough). */
int		 jy_page_materials(struct hall_ctx *c, const struct task *t,
		    int64_t pid, struct tp_material *out, size_t *n);

/* The taskpage batch_xml hook: the 减少原因 the template accepts. */
int		 jy_page_batch(struct hall_ctx *c);

#endif
