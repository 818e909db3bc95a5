/*
 * nianbao_page.h: the page side of 年度缴费工资申报: the window, the
 * declaration's rows (上传明细, paged, found by 身份证号), the persons
 * not declared, its hooks for the task pages (taskpage.h) and its
 * handlers (the form, save, a row corrected), for 职工缴费工资申报 and
 * 非统筹退休人员工资申报 alike (cgi-bin/nianbao.c, cgi-bin/txgz.c).
 */
#ifndef HALL_NIANBAO_PAGE_H
#define HALL_NIANBAO_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "taskpage.h"
#include "nianbao.h"

/* Rows of the 上传明细 a page shows (?rpage=N). */
#define NB_ROWS_PER_PAGE	100
/* Persons not declared a page shows (?mpage=N). */
#define NB_MISSING_PER_PAGE	50

/* Adds <nianbao-window open= year= from= to=>message</nianbao-window>
 * of the session's unit today; *open (may be NULL) receives whether it
 * is open.  Returns 0 or -1. */
int		 nb_page_window(struct hall_ctx *c, int *open);

/* Adds <nianbao sfzh= name= wage= remark=/> echoing the request's form
 * values (a refused save shows what was typed). */
void		 nb_page_posted(struct hall_ctx *c);

/* The parts of the form and batch pages: the window, the materials, the
 * 审核时限, the unit's declarations.  Returns 0 or -1. */
int		 nb_page_common(struct hall_ctx *c);

/* The taskpage materials hook: the 申报表 of the task as a whole. */
int		 nb_page_materials(struct hall_ctx *c, const struct task *t,
		    int64_t pid, struct tp_material *out, size_t *n);

/* The taskpage task_xml hook: the rows (a page, or those of ?idno=),
 * the persons not declared (a page), the window. */
int		 nb_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

/* The taskpage batch_xml hook. */
int		 nb_page_batch(struct hall_ctx *c);

/* The program's handlers (nianbao and txgz alike, by the business it
 * serves): GET /B (the form), POST /B/save (one person's declaration:
 * 303, or 422 with the form), POST /B/row (a draft's row corrected),
 * POST /B/add (a person added to a draft: one the file missed, or a
 * failed row again). */
void		 nb_page_form(struct hall_ctx *c);
void		 nb_page_save(struct hall_ctx *c);
void		 nb_page_row_post(struct hall_ctx *c);
void		 nb_page_add_post(struct hall_ctx *c);

#endif
