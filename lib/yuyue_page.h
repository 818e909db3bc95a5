/*
 * yuyue_page.h: the pages of 办事预约 (cgi-bin/yuyue.c): the unit's
 * bookings and the tasks that need the counter, the days and slots of
 * a task's booking, the answer to a booking, a move or a cancel, the
 * reviewer's list of a day, and the 首页's next booking (cgi-bin/
 * home.c).  Every value reaches the page through libxml2 attributes.
 */
#ifndef HALL_YUYUE_PAGE_H
#define HALL_YUYUE_PAGE_H

#include <stdint.h>

#include "yuyue.h"

struct hall_ctx;
struct form_errors;

/* Sets the view and title of a page of 办事预约 (category 其他). */
void		 yuyue_page_begin(struct hall_ctx *c, const char *view,
		    const char *title);

/* GET /yuyue: adds <yuyue vip= per-slot= days-ahead=
 * change-until-days= today=>, the message of ?done= or ?repeat=1,
 * <appointments> (a page, ?page=, of the unit's bookings, latest day
 * first, with its <pager>) and, for a 普通 unit, <tasks total= page=
 * pages= per-page=> (a page, ?tpage=, of its 进行中 tasks, each with
 * its 有效 booking).  Returns 0 or -1. */
int		 yuyue_page_list(struct hall_ctx *c);

/* The booking page of task_id (GET /yuyue/book, and the form again
 * after a refused POST): <task>, <yuyue …>, the task's <booking> when
 * it has one, <days> (the working days offered, each <day date=
 * weekday= free=> with a <slot name= taken= free= mine=> per slot) and
 * the form's one-time token.  Another unit's task or none: the hall's
 * 404 page; a VIP unit, or a task not 进行中: 409 with the reason.
 * Returns 0 (the page is built or answered), or -1 on a store error. */
int		 yuyue_page_book(struct hall_ctx *c, int64_t task_id);

/* Answers a POST of /yuyue/book, /yuyue/move or /yuyue/cancel that
 * ended with r: 303 to /yuyue?done=<done> (YUYUE_OK) or ?repeat=1;
 * 404; 409 with the refusal's message; 422 with the booking page of
 * task_id again and errs; 503. */
void		 yuyue_page_answer(struct hall_ctx *c, enum yuyue_result r,
		    int64_t task_id, const struct form_errors *errs,
		    const char *done);

/* GET /yuyue/desk: the reviewer's list of a day (?day=, today when
 * absent): <desk day= weekday= workday= prev= next= today=> and
 * <appointments> (a page, ?page=, of the day's 有效 bookings of every
 * office, with the units and tasks) and its <pager>; a malformed day:
 * 422 with the error on day and no list.  Returns 0 or -1. */
int		 yuyue_page_desk(struct hall_ctx *c);

/* Adds <yuyue-next id= day= slot= task= seq= business-name= when=
 * today=> (when: "YYYY-MM-DD 星期三 09:00-10:00", as shown) for the 首页 of a 普通 unit with a booking to come (one
 * indexed statement; nothing for a VIP unit; home.c asks only when the
 * unit ever booked, a kept tally).  Returns 0 or -1. */
int		 yuyue_page_next(struct hall_ctx *c);

#endif
