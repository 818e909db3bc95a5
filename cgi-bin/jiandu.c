/*
 * jiandu: the office's 监管 page [issue 13; seed 004], reviewers only
 * (a unit's certificate gets 403, as the reviewer desk).  The figures
 * are lib/jiandu.c's (and lib/timeliness.c's ranking, lib/yuyue.c's
 * appointments), each bounded; the pages are lib/jiandu_page.c's.
 *
 *   GET /jiandu           the review queue by business and age against
 *                         the promised review time, the queue overdue
 *                         first (page=, 20 a page), the units ranked by
 *                         离职及时率 (period=, the 10 worst), the month's
 *                         回退 by reason (month=, the 10 most frequent)
 *                         and the day's appointments (the first 10)
 *   GET /jiandu/returns   month=, page=: every 回退原因 of the month,
 *                         most frequent first, 50 a page
 *   GET /jiandu/units     period= (YYYY or YYYY-MM), order=worst|best,
 *                         page=: the units ranked by 离职及时率, 50 a page
 */
#include "hall.h"
#include "jiandu_page.h"

#define JD_FLAGS	ROUTE_REVIEWER

static const struct route routes[] = {
	{ REQ_GET, "/jiandu", jiandu_page_index, JD_FLAGS },
	{ REQ_GET, "/jiandu/returns", jiandu_page_returns, JD_FLAGS },
	{ REQ_GET, "/jiandu/units", jiandu_page_units, JD_FLAGS },
};

static const struct program jiandu = {
	"jiandu", "jiandu.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&jiandu, argc, argv);
}
