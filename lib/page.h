/*
 * page.h: the library's internal side of page building, used by the
 * accept loop (hall.c).  Programs use the page_* functions of hall.h.
 */
#ifndef HALL_PAGE_H
#define HALL_PAGE_H

#include <stddef.h>

struct hall_ctx;

/* Creates the <page prog=...> document of a new request in c. */
void		 page_begin(struct hall_ctx *c, const char *prog);

/* Adds <session .../> for a logged-in request (csrf, unit, certificate
 * days left). */
void		 page_session(struct hall_ctx *c);

/* Adds <menus>: the categories of the top menu with their entries, and
 * the 常用业务, built once per process from the registered businesses
 * and hall_menu_entries (layout.xsl draws the menus from it). */
void		 page_menus(struct hall_ctx *c);

/* Builds the <menus> page_menus() lends, once per process, after the
 * businesses are registered and outside any request's arena. */
void		 page_menus_prepare(void);

/* Frees what the request's answer owns (document, strings, file); a
 * document built in the arena (xmlarena.h) is left to its end. */
void		 page_end(struct hall_ctx *c);

/* A Content-Disposition value "attachment; filename=...; filename*=UTF-8''..."
 * for name (ASCII fallback "download"), newly allocated (caller frees),
 * or NULL. */
char		*page_disposition(const char *name);

/* The same, "inline; …" when inline_view (a file shown in the
 * browser), else "attachment; …". */
char		*page_disposition_kind(const char *name, int inline_view);

/* Appends src to dst of size dstsz, truncating, always NUL-terminated. */
void		 strlcat_safe(char *dst, const char *src, size_t dstsz);

#endif
