/*
 * beian_page.h: the pages of 备案查询 (cgi-bin/beian.c): the search
 * read from the request, the list with its pager, one registration with
 * its history and actions, and the list as an .xlsx download.
 */
#ifndef HALL_BEIAN_PAGE_H
#define HALL_BEIAN_PAGE_H

struct hall_ctx;
struct beian_filter;
struct form_errors;

/* Reads the search of the request (name, idno, contract, status, from,
 * to) into f, each field trimmed; a field that is malformed is left ""
 * and adds an error (a clear Chinese message) to errs. */
void		 beian_page_filter(struct hall_ctx *c, struct beian_filter *f,
		    struct form_errors *errs);

/* Adds <query> with the search f, then (unless errs holds errors: 422,
 * no list) <registrations> with a page (?page=) of the unit's
 * registrations f selects and their <pager>.  Returns 0 or -1. */
int		 beian_page_list(struct hall_ctx *c,
		    const struct beian_filter *f,
		    const struct form_errors *errs);

/* Adds <registration> (with its person), <history> and <actions> of
 * the unit's registration ?id=, or the hall's 404 page when it is not
 * the unit's.  Returns 0, or -1 on a store error. */
int		 beian_page_detail(struct hall_ctx *c);

/* Answers the .xlsx of the registrations f selects (at most
 * BEIAN_EXPORT_MAX; more is refused with the list page and a message,
 * 422).  Returns 0, or -1 on an error (nothing answered). */
int		 beian_page_export(struct hall_ctx *c,
		    const struct beian_filter *f);

#endif
