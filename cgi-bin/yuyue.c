/*
 * yuyue: 办事预约 [003 FAQ 四], a 普通 unit's booking of a time at its
 * 辖区经办机构 to bring the materials of a submitted task, instead of
 * queueing; not a business (no tasks of its own).  The rules are in
 * lib/yuyue.c, the pages in lib/yuyue_page.c.
 *
 *   GET  /yuyue         the unit's bookings (page=) and its tasks that
 *                       need the counter (tpage=); done=, repeat=1 after
 *                       a POST
 *   GET  /yuyue/book    task=: the working days offered with the free
 *                       places of each slot, or the task's booking
 *   POST /yuyue/book    task, day, slot, token, csrf
 *   POST /yuyue/move    id (the booking), day, slot, csrf
 *   POST /yuyue/cancel  id, csrf
 *   GET  /yuyue/desk    day= (reviewers): the day's bookings, paged
 *
 * Another unit's task or booking: 404.  A POST answers 303 to /yuyue;
 * a VIP unit, a task not 进行中 or a change past the policy's last
 * day: 409 with the reason; a day or slot refused (a full one
 * included): 422 with the booking page again.
 */
#include "hall.h"
#include "yuyue.h"
#include "yuyue_page.h"

/* GET /yuyue */
static void
list_get(struct hall_ctx *c)
{
	yuyue_page_begin(c, "list", "办事预约");
	if (yuyue_page_list(c) != 0)
		page_busy(c);
}

/* GET /yuyue/book */
static void
book_get(struct hall_ctx *c)
{
	yuyue_page_begin(c, "book", "办事预约");
	if (yuyue_page_book(c, page_id_param(c, "task")) != 0)
		page_busy(c);
}

/* POST /yuyue/book */
static void
book_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	enum yuyue_result	 r;
	int64_t			 task_id = page_id_param(c, "task"), id;
	char			 key[48];

	errs.n = 0;
	r = yuyue_book(c->s, &c->who, &c->today, task_id,
	    req_get(c->r, "day"), req_get(c->r, "slot"),
	    page_dedup_key(c, "yuyue", key), &id, &errs);
	yuyue_page_answer(c, r, task_id, &errs, "booked");
}

/* POST /yuyue/move */
static void
move_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	enum yuyue_result	 r;
	int64_t			 task_id;

	errs.n = 0;
	r = yuyue_move(c->s, &c->who, &c->today, page_id_param(c, "id"),
	    req_get(c->r, "day"), req_get(c->r, "slot"), &task_id, &errs);
	yuyue_page_answer(c, r, task_id, &errs, "moved");
}

/* POST /yuyue/cancel */
static void
cancel_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	enum yuyue_result	 r;

	errs.n = 0;
	r = yuyue_cancel(c->s, &c->who, &c->today, page_id_param(c, "id"),
	    &errs);
	yuyue_page_answer(c, r, 0, &errs, "cancelled");
}

/* GET /yuyue/desk */
static void
desk_get(struct hall_ctx *c)
{
	page_view(c, "desk", "当日预约");
	if (yuyue_page_desk(c) != 0)
		page_busy(c);
}

static const struct route routes[] = {
	{ REQ_GET, "/yuyue", list_get, ROUTE_UNIT },
	{ REQ_GET, "/yuyue/book", book_get, ROUTE_UNIT },
	{ REQ_POST, "/yuyue/book", book_post, ROUTE_UNIT },
	{ REQ_POST, "/yuyue/move", move_post, ROUTE_UNIT },
	{ REQ_POST, "/yuyue/cancel", cancel_post, ROUTE_UNIT },
	{ REQ_GET, "/yuyue/desk", desk_get, ROUTE_REVIEWER },
};

static const struct program yuyue = {
	"yuyue", "yuyue.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&yuyue, argc, argv);
}
