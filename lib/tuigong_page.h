/*
 * tuigong_page.h: the page side of 退工登记: the XML its pages share
 * and its hooks for the task pages (taskpage.h).  The program
 * (cgi-bin/tuigong.c) keeps its own handlers: the form, save and the
 * employee's timeline.
 */
#ifndef HALL_TUIGONG_PAGE_H
#define HALL_TUIGONG_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"
#include "taskpage.h"
#include "tuigong.h"

/* Adds the options of the form's selects (退工原因, 性别, 户籍类型). */
void		 tg_page_options(struct hall_ctx *c);

/* Adds <timeliness on-time= total= overdue= rate=>: the unit's
 * 离职及时率.  Returns 0 or -1. */
int		 tg_page_timeliness(struct hall_ctx *c);

/* Adds <tuigong .../> with the values of row r.  Returns the node. */
xmlNodePtr	 tg_page_row(struct hall_ctx *c, const struct tuigong_row *r);

/* Adds <tuigong> echoing the request's form values (a refused save
 * shows what was typed). */
void		 tg_page_posted(struct hall_ctx *c);

/* Adds <materials> a form with reason and compensation (or any batch)
 * asks for, before there is a task.  Returns 0. */
int		 tg_page_materials(struct hall_ctx *c, const char *reason,
		    int compensation, int batch);

/* The taskpage materials hook: a 退工's are the task's as a whole. */
int		 tg_page_task_materials(struct hall_ctx *c, const struct task *t,
		    int64_t pid, struct tp_material *out, size_t *n);

/* Adds <persons q=> with one page (?page=, PAGER_SIZE) of the unit's
 * 在职 employees whose 姓名 or 身份证号 begins with ?q=, and its
 * <pager>, for the form's pick list, each with open-task= and open-seq=
 * when an unfinished 退工 of theirs exists.  Returns 0 or -1. */
int		 tg_page_persons(struct hall_ctx *c);

/* The same page for the timeline's links, without the open tasks.
 * Returns 0 or -1. */
int		 tg_page_person_links(struct hall_ctx *c);

/* Adds <timeline name= idno= wrong-order=> with its <step>s and
 * <advice>. */
void		 tg_page_timeline(struct hall_ctx *c,
		    const struct tuigong_timeline *tl);

/* Adds <duplicate id= seq=>: the unfinished 退工 a refusal names. */
void		 tg_page_duplicate(struct hall_ctx *c, int64_t id,
		    const char *seq);

/* The message of TG_DUPLICATE for 业务顺序号 seq into buf.  Returns
 * buf. */
const char	*tg_duplicate_message(const char *seq, char *buf,
		    size_t bufsz);

/* The common parts of the single-form pages: options, 审核时限,
 * 离职及时率, the unit's 退工 tasks.  Returns 0 or -1. */
int		 tg_page_common(struct hall_ctx *c);

/* The taskpage task_xml hook: a batch's rows, or the form's row (with
 * today's 社保 facts while a draft, shown as the editable form). */
int		 tg_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

/* The taskpage batch_xml hook: reasons, materials, 离职及时率, the
 * unit's 退工 tasks. */
int		 tg_page_batch(struct hall_ctx *c);

struct tg_comp;

/* Adds <compensation owed= computed= wage= comp-paid= comp-start=
 * comp-basis= start= end= note= years= months= days= n= wage-yuan=
 * wage-used= cap= avg= wage-capped= years-capped= due= due-fen=
 * paid-yuan=> with <working> and <warning> (paid below the statutory
 * figure): the 经济补偿 k.  Returns the node. */
xmlNodePtr	 tg_page_comp(struct hall_ctx *c, const struct tg_comp *k);

/* Adds <compensation task="1" ...> of row 0 of task_id when one is
 * stored.  Returns 0 or -1. */
int		 tg_page_comp_task(struct hall_ctx *c, int64_t task_id);

/* Adds <compensation wage= wage-from=> for a new form of row r: the
 * person's 申报工资 here as the 月工资 prefilled.  Returns 0 or -1. */
int		 tg_page_comp_new(struct hall_ctx *c, const struct tuigong_row *r);

/* Adds <compensation> echoing the request's 经济补偿 fields. */
void		 tg_page_comp_posted(struct hall_ctx *c);

#endif
