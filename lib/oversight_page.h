/*
 * oversight_page.h: the pages of the unit's 监管 (cgi-bin/jianguan.c):
 * the figures, the lists and their .xlsx, built from lib/oversight.h
 * and lib/timeliness.h.
 */
#ifndef HALL_OVERSIGHT_PAGE_H
#define HALL_OVERSIGHT_PAGE_H

struct hall_ctx;

/* Lines of a list shown on the overview, and a page of /jianguan/list. */
#define OVP_PREVIEW	5
#define OVP_PAGE	50

/* GET /jianguan: sends the deadline messages due (none when an
 * integration account reads it), then adds the 离职及时率 and 用工备案
 * 及时率 of the 12 months to this one, the open work, and each list's
 * total with its first lines.  Returns 0 or -1. */
int		 oversight_page_index(struct hall_ctx *c);

/* GET /jianguan/list?name=&page=: one page of a list (404 for an
 * unknown name).  Returns 0 or -1. */
int		 oversight_page_list(struct hall_ctx *c);

/* GET /jianguan/xlsx?name=: the list whole as .xlsx (404 for an unknown
 * name).  Returns 0 or -1. */
int		 oversight_page_xlsx(struct hall_ctx *c);

#endif
