/*
 * jiandu_page.h: the pages of the office's 监管 [issue 13], for
 * cgi-bin/jiandu (reviewers only; the route says so).  Each builds its
 * view in c's page, or the page of a store error (503).
 */
#ifndef HALL_JIANDU_PAGE_H
#define HALL_JIANDU_PAGE_H

struct hall_ctx;

/* GET /jiandu (view index): the queue by business and age against the
 * promised review time, one page of the queue overdue first (page=),
 * the 10 units worst by 离职及时率 (period=), the 10 most frequent
 * 回退原因 of month= and the day's first 10 appointments.  A bad month
 * or period: 422, the error on its field, this month or year shown. */
void		 jiandu_page_index(struct hall_ctx *c);

/* GET /jiandu/returns (view returns): every 回退原因 of month=, most
 * frequent first, paged. */
void		 jiandu_page_returns(struct hall_ctx *c);

/* GET /jiandu/units (view units): the units ranked by 离职及时率 in
 * period= (a year or a month), worst first (order=best: best first),
 * paged. */
void		 jiandu_page_units(struct hall_ctx *c);

#endif
