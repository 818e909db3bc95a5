/*
 * gongzi_page.h: the page side of 个人工资变更: the XML of the person
 * found, of the row, of what the year's floor and ceiling make of a
 * wage, and the task page hook (taskpage.h).  The program
 * (cgi-bin/gongzi.c) keeps its own handlers: the query and save.
 */
#ifndef HALL_GONGZI_PAGE_H
#define HALL_GONGZI_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "taskpage.h"
#include "gongzi.h"

/* Adds <person pid= name= idno= sb-no= status= month= wage= base=
 * since= [next-month= next-wage= next-base=]/>: the person found and
 * his 申报工资 and 缴费基数 in force in month (the month after today).
 * Returns the node. */
xmlNodePtr	 gz_page_person(struct hall_ctx *c, const struct gz_person *p);

/* Adds <bounds month= year= avg= floor= ceiling= floor-pct=
 * ceiling-pct=/> of the unit's region for the year of the month after
 * today, or <bounds month= year= missing="1">the refusal</bounds>
 * without its 社平工资.  Returns 0 or -1. */
int		 gz_page_bounds(struct hall_ctx *c);

/* Adds <clamp wage= base= side="within|floor|ceiling" month=>note
 * </clamp>: what approving wage_fen today would make.  Nothing without
 * the year's 社平工资.  Returns 0 or -1. */
int		 gz_page_clamp(struct hall_ctx *c, int64_t wage_fen);

/* Adds <gongzi .../> with the values of row r.  Returns the node. */
xmlNodePtr	 gz_page_row(struct hall_ctx *c, const struct gongzi_row *r);

/* Adds <gongzi pid= wage=> echoing the request's form values. */
void		 gz_page_posted(struct hall_ctx *c);

/* The taskpage task_xml hook: the row, and for a draft the person's
 * bases and what approving it would make. */
int		 gz_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

#endif
