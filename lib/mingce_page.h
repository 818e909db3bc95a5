/*
 * mingce_page.h: the pages of 缴费基数名册打印 (cgi-bin/mingce.c): the
 * form (a year) with the 名册 the unit issued, a page of a 名册's A4
 * sheets, and its .xlsx.  See lib/mingce.h.
 */
#ifndef HALL_MINGCE_PAGE_H
#define HALL_MINGCE_PAGE_H

struct hall_ctx;
struct form_errors;

/* 名册 sheets shown on one page of the print view (each an A4 sheet of
 * MINGCE_SHEET_ROWS rows, breaking between them when printed). */
#define MINGCE_SHEETS_PER_PAGE	10

/* 名册 listed on one page of the form's list. */
#define MINGCE_LIST_PAGE	20

/* The form: <mingce-form year=> with <years><year>… (those that may be
 * printed), a one-time token, errs beside the field (422 when any),
 * and <issued> with a page (?page=) of the unit's 名册 and its <pager>.
 * Returns 0 or -1. */
int		 mingce_page_index(struct hall_ctx *c, const char *year,
		    const struct form_errors *errs);

/* POST /mingce/issue: issues the 名册 of ?year= (the token makes a
 * double click one 名册) and answers 303 to its print view; a bad year
 * is 422 with the form.  Returns 0, or -1 on a store error. */
int		 mingce_page_issue(struct hall_ctx *c);

/* The print view of the unit's 名册 ?id= (page ?page= of its sheets),
 * or the hall's 404 when it is not the unit's.  Returns 0 or -1. */
int		 mingce_page_view(struct hall_ctx *c);

/* The whole 名册 ?id= as an A4 PDF (lib/pdf.h: its facts, every row
 * in a table over as many pages as it takes, the QR code and the
 * seal), or 404.  Returns 0 or -1. */
int		 mingce_page_pdf(struct hall_ctx *c);

/* The whole 名册 ?id= as .xlsx, or 404.  Returns 0 or -1. */
int		 mingce_page_xlsx(struct hall_ctx *c);

#endif
