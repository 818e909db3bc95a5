/*
 * hall.h: what a program of the hall is made of.  A program (one per
 * business, in cgi-bin/) declares its routes and stylesheet and calls
 * hall_main(); the library runs the FastCGI accept loop (socket on fd
 * 0, or plain CGI when run without one), parses the request, resolves
 * the certificate, session and CSRF token, answers 404/405/415 before
 * any database work, calls the handler, and renders the page the
 * handler built: raw XML for clients that ask for application/xml,
 * else HTML through the program's stylesheet.
 *
 * Environment: HALL_DB (database file), HALL_XSL (stylesheet folder),
 * HALL_CA (CA certificate file), HALL_WORKERS (workers per program,
 * see prefork.h), HALL_CLOCK_FILE (tests only, see clock.h).
 */
#ifndef HALL_HALL_H
#define HALL_HALL_H

#include <stdint.h>
#include <libxml/tree.h>

#include "request.h"
#include "valid.h"
#include "store.h"
#include "audit.h"
#include "workflow.h"
#include "ident.h"
#include "keep.h"
#include "clock.h"
#include "log.h"

#define ROUTE_PUBLIC	0x01u	/* no certificate, no session (验证页) */
#define ROUTE_CERT	0x02u	/* certificate only, no session (登录页) */
#define ROUTE_UNIT	0x04u	/* a logged-in unit account */
#define ROUTE_REVIEWER	0x08u	/* a logged-in reviewer account */
#define ROUTE_MUSTCHANGE 0x10u	/* allowed before the initial password is changed */
#define ROUTE_NOCSRF	0x20u	/* POST without CSRF token (login form) */

/* The state of one request, handed to the handler.  Owned by the loop. */
struct hall_ctx {
	struct store	*s;		/* the database (borrowed) */
	struct req	*r;		/* the parsed request */
	struct ident	 id;		/* the client certificate */
	int		 logged_in;
	/* An integration account's request (acct.integration): logged in
	 * by its certificate alone, without a session (sess is zero),
	 * answered in XML, never given a cookie, audited call by call. */
	int		 integ;
	struct account	 acct;		/* valid when logged_in */
	struct session	 sess;		/* valid when logged_in, not integ */
	struct actor	 who;		/* for the audit trail */
	struct hdate	 today;
	/* The answer being built. */
	int		 status;	/* HTTP status, 200 by default */
	xmlDocPtr	 doc;		/* <page> document */
	xmlNodePtr	 page;		/* its root */
	xmlNodePtr	 menus;		/* <menus> lent by page_menus() */
	char		*location;	/* redirect target (303), owned */
	char		*set_cookie;	/* one Set-Cookie value, owned */
	/* A file download instead of a page (bytes borrowed or owned). */
	unsigned char	*file;
	size_t		 filesz;
	int		 file_owned;
	int		 file_inline;	/* shown in the browser, not saved */
	char		 file_name[256];
	char		 file_ctype[128];
	char		 allow[32];	/* Allow header of a 405 */
};

/* Runs fn(s, arg) once the answer to the current request has been
 * sent (FastCGI: after the request is finished, so the browser is not
 * kept waiting), before this process reads its next request: for work
 * the answer must not wait for, such as an import job (batch.h).  One
 * per request; a later call replaces an earlier one. */
void		 hall_after(struct hall_ctx *c,
		    void (*fn)(struct store *s, int64_t arg), int64_t arg);

typedef void	(*route_fn)(struct hall_ctx *c);

/* One route: method + exact path -> handler. */
struct route {
	enum req_method	 method;
	const char	*path;
	route_fn	 fn;
	unsigned int	 flags;		/* ROUTE_* */
};

/* A program: its name (log prefix, <page prog=>), stylesheet file in
 * HALL_XSL, its routes, and the businesses it registers besides
 * hall_businesses (tests use this). */
struct program {
	const char	*name;
	const char	*xsl;
	const struct route *routes;
	size_t		 nroutes;
	const struct wf_business *const *businesses;	/* NULL-terminated, may be NULL */
};

/* Every business of the hall, NULL-terminated (businesses.c). */
extern const struct wf_business *const hall_businesses[];

/* A category of the menus (the top menu, in table order): the code a
 * business's category and a page's category= name, and its title. */
struct hall_category {
	const char	*code;		/* "jiuye" */
	const char	*title;		/* "就业失业" */
};

/* The categories, terminated by a NULL code (businesses.c). */
extern const struct hall_category hall_categories[];

/* The category of the 常用业务 menu, shown on pages of no category. */
#define HALL_MENU_COMMON	"common"

/* A menu entry that is not a registered business's: a page of the hall
 * (信息变更, 业务打印), or a business not online yet (path NULL, shown
 * greyed).  after places it among the businesses' entries of its
 * category: NULL before them, "" after them, or a path: right after
 * that entry (after them all when it is not there). */
struct hall_menu_entry {
	const char	*category;
	const char	*label;
	const char	*path;		/* NULL: not online */
	const char	*after;
};

/* Those entries in order, terminated by a NULL label (businesses.c). */
extern const struct hall_menu_entry hall_menu_entries[];

/* Runs the program until the socket closes.  Returns the exit code. */
int		 hall_main(const struct program *p, int argc, char *argv[]);

/* ---- Building the page (page.c) ---- */

/* Sets the view (which template of the stylesheet) and page title. */
void		 page_view(struct hall_ctx *c, const char *view, const char *title);

/* Appends <name>text</name> (text escaped by libxml2; NULL = empty) to
 * parent (NULL = the page root).  Returns the new node. */
xmlNodePtr	 page_add(struct hall_ctx *c, xmlNodePtr parent,
		    const char *name, const char *text);

/* Sets attribute name on node to value (NULL = nothing). */
void		 page_attr(xmlNodePtr node, const char *name, const char *value);

/* page_attr with a formatted integer. */
void		 page_attr_int(xmlNodePtr node, const char *name, long long v);

/* Adds a <message kind="ok|warn|error"> shown at the top of the page. */
void		 page_message(struct hall_ctx *c, const char *kind, const char *text);

/* Adds every form error as <errors><error field= code=>msg</error>. */
void		 page_form_errors(struct hall_ctx *c, const struct form_errors *errs);

/* Turns the page into an error page: status, machine code and Chinese
 * message (view "error"). */
void		 page_fail(struct hall_ctx *c, int status, const char *code,
		    const char *msg);

/* Answers 303 See Other to a local path (must start with '/'). */
void		 page_redirect(struct hall_ctx *c, const char *path);

/* Adds a task as <task id= seq= business= business-name= state=
 * returned= reason= summary= created= submitted= decided= overdue=/>. */
xmlNodePtr	 page_task(struct hall_ctx *c, xmlNodePtr parent,
		    const struct task *t);

/* Answers the attachment named by the "id" field as a download
 * (Content-Disposition: attachment; with inline=1, inline, to be viewed
 * in the browser), only when its task belongs to unit_id (0: any unit,
 * for the reviewer desk); otherwise 404. */
void		 page_attachment(struct hall_ctx *c, int64_t unit_id);

/* Adds <attachments> under parent (NULL: the page) with one
 * <attachment id= material= material-name= pid= person-name= filename=
 * mime= size=/> per file of task_id (pid 0: the task as a whole).
 * Returns the list, or NULL on error. */
xmlNodePtr	 page_attachments(struct hall_ctx *c, xmlNodePtr parent,
		    int64_t task_id);

/* Adds the rows a reviewer's partial decision sent back to task_id,
 * each with its 回退原因, as <returns from-seq=><return row= person=
 * name= idno= reason=/></returns> (nothing when there are none), for
 * the task pages of every business.  Returns 0 or -1. */
int		 page_row_returns(struct hall_ctx *c, int64_t task_id);

/* Answers 503 「系统繁忙,请稍后再试」. */
void		 page_busy(struct hall_ctx *c);

/* Adds <options name=...><option>…</options> for a select field. */
void		 page_options(struct hall_ctx *c, const char *name,
		    const char *const *opts);

/* Adds <form token=...>: a fresh one-time token the form posts back, the
 * dedup key of what it creates (the same form posted twice makes one
 * task). */
void		 page_form_token(struct hall_ctx *c);

/* The dedup key "<prefix>:<32 hex>" of the request's token field into
 * key[48], or NULL when the request carries no well-formed token. */
const char	*page_dedup_key(struct hall_ctx *c, const char *prefix,
		    char key[48]);

/* Adds the task's history as <events><event at= action= from= to=
 * reason= actor=/>.  Returns 0 or -1. */
int		 page_events(struct hall_ctx *c, int64_t task_id);

/* Adds <unit name= uscc= sb-code= vip=/> of unit unit_id.
 * Returns 0, or -1 when there is no such unit or on error. */
int		 page_unit(struct hall_ctx *c, int64_t unit_id);

/* Reads the "id" field of the request as a positive task/record id;
 * 0 if absent or malformed. */
int64_t		 page_id_param(struct hall_ctx *c, const char *name);

/* The page of a list asked for by field name (?page=N): 1 when absent,
 * not a number or below 1 (-1, abc), a number past the last page is
 * clamped by page_list_attrs.  Never fails. */
int		 page_number_param(struct hall_ctx *c, const char *name);

/* Sets total=, page=, pages= and per-page= of a paged list n of total
 * rows, per a page, pageno clamped to [1, pages].  Returns the page to
 * show. */
int		 page_list_attrs(xmlNodePtr n, long long total, int pageno,
		    int per);

/* ---- After a lost session (keep.c) ---- */

/* Adds the login form's elements: <cert subject= days-left= kind=
 * username=> of the request's certificate and its account a (NULL: the
 * certificate is bound to no account, no <cert>), and <login username=
 * next= kept=> (the name typed, the page to return to and the kept
 * post to offer after the login; NULL or "" for none). */
void		 page_login_box(struct hall_ctx *c, const struct account *a,
		    const char *username, const char *next, const char *kept);

#endif
