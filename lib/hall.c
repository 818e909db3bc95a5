/*
 * hall.c: the accept loop every program runs.  One request at a time:
 * parse, route (404/405 before any database work), certificate,
 * session, CSRF, handler, render.  See hall.h.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/security.h>
#include <libxslt/extensions.h>

#include "hall.h"
#include "page.h"
#include "prefork.h"
#include "render.h"
#include "xmlarena.h"

/* Free heap a worker keeps between requests (bytes). */
#define HALL_HEAP_KEEP	(4 * 1024 * 1024)

extern char	**environ;

/* Process-wide state, set once at start. */
static struct {
	const struct program	*prog;
	struct store		*s;
	xsltStylesheetPtr	 xsl;
	xsltSecurityPrefsPtr	 sec;
	/* hall_after(): what runs once the answer was sent. */
	void			(*after_fn)(struct store *, int64_t);
	int64_t			 after_arg;
} hall;

/* See hall.h. */
void
hall_after(struct hall_ctx *c, void (*fn)(struct store *, int64_t),
    int64_t arg)
{
	(void)c;
	hall.after_fn = fn;
	hall.after_arg = arg;
}

/* Runs what hall_after() left for after the answer, if anything. */
static void
run_after(void)
{
	void	(*fn)(struct store *, int64_t) = hall.after_fn;

	hall.after_fn = NULL;
	if (fn == NULL)
		return;
	fn(hall.s, hall.after_arg);
	if (hall.s->in_tx) {
		log_err("after-answer work left a transaction open");
		store_rollback(hall.s);
	}
}

/* Reads from a FastCGI input stream; returns bytes read (0 at end). */
static ssize_t
fcgi_read(void *ctx, void *buf, size_t sz)
{
	int	 n;

	if (sz > 65536)
		sz = 65536;
	n = FCGX_GetStr(buf, (int)sz, ((FCGX_Request *)ctx)->in);
	return n < 0 ? -1 : n;
}

/* Writes to a FastCGI output stream; returns 0 or -1. */
static int
fcgi_write(void *ctx, const void *buf, size_t sz)
{
	const char	*p = buf;
	int		 chunk, n;

	while (sz > 0) {
		chunk = sz > 65536 ? 65536 : (int)sz;
		n = FCGX_PutStr(p, chunk, ((FCGX_Request *)ctx)->out);
		if (n != chunk)
			return -1;
		p += n;
		sz -= (size_t)n;
	}
	return 0;
}

/* Reads from standard input (plain CGI); returns bytes read. */
static ssize_t
cgi_read(void *ctx, void *buf, size_t sz)
{
	ssize_t	 n;

	do
		n = read(STDIN_FILENO, buf, sz);
	while (n < 0 && errno == EINTR);
	return n;
}

/* Writes to standard output (plain CGI); returns 0 or -1. */
static int
cgi_write(void *ctx, const void *buf, size_t sz)
{
	return fwrite(buf, 1, sz, stdout) == sz ? 0 : -1;
}

/* Writes a NUL-terminated string through io; returns 0 or -1. */
static int
io_puts(const struct req_io *io, const char *s)
{
	return io->write(io->ctx, s, strlen(s));
}

/* Writes one formatted header line through io; returns 0 or -1. */
static int
io_header(const struct req_io *io, const char *name, const char *value)
{
	if (io_puts(io, name) < 0 || io_puts(io, ": ") < 0 ||
	    io_puts(io, value) < 0 || io_puts(io, "\r\n") < 0)
		return -1;
	return 0;
}

/* The reason phrase of an HTTP status the hall uses. */
static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

/* Serialises c->doc as HTML through the stylesheet (render.c), or
 * as XML when the client asked.  Returns an xmlMalloc'd buffer (caller
 * xmlFree()s) and its size and content type, or NULL. */
static xmlChar *
render_body(struct hall_ctx *c, int *sz, const char **ctype)
{
	xmlChar	*out = NULL;

	*sz = 0;
	if (c->r->want_xml || hall.xsl == NULL) {
		xmlDocDumpFormatMemoryEnc(c->doc, &out, sz, "UTF-8", 1);
		*ctype = "application/xml; charset=utf-8";
		return out;
	}
	if ((out = render_html(hall.xsl, hall.sec, c->doc, sz)) == NULL)
		log_err("stylesheet %s failed", hall.prog->xsl);
	*ctype = "text/html; charset=utf-8";
	return out;
}

/* Writes the status line and the headers common to every answer. */
static int
write_head(struct hall_ctx *c, const struct req_io *io, const char *ctype,
    size_t len)
{
	char	 buf[64];

	snprintf(buf, sizeof(buf), "%d %s", c->status, status_text(c->status));
	if (io_header(io, "Status", buf) < 0)
		return -1;
	if (ctype != NULL && io_header(io, "Content-Type", ctype) < 0)
		return -1;
	snprintf(buf, sizeof(buf), "%zu", len);
	if (io_header(io, "Content-Length", buf) < 0)
		return -1;
	if (io_header(io, "Cache-Control", "no-store") < 0)
		return -1;
	if (c->set_cookie != NULL &&
	    io_header(io, "Set-Cookie", c->set_cookie) < 0)
		return -1;
	if (c->location != NULL && io_header(io, "Location", c->location) < 0)
		return -1;
	if (c->status == 405 && io_header(io, "Allow", c->allow) < 0)
		return -1;
	return 0;
}

/* Writes a file download: attachment (or inline) disposition with an
 * RFC 5987 UTF-8 file name.  Returns 0 or -1. */
static int
write_file(struct hall_ctx *c, const struct req_io *io, int head_only)
{
	char	*disp;

	if ((disp = page_disposition_kind(c->file_name, c->file_inline)) ==
	    NULL)
		return -1;
	if (write_head(c, io, c->file_ctype, c->filesz) < 0 ||
	    io_header(io, "Content-Disposition", disp) < 0 ||
	    io_puts(io, "\r\n") < 0) {
		free(disp);
		return -1;
	}
	free(disp);
	if (!head_only && c->filesz > 0 &&
	    io->write(io->ctx, c->file, c->filesz) < 0)
		return -1;
	return 0;
}

/* Writes the answer c holds: a redirect, a file or the page. */
static void
respond(struct hall_ctx *c, const struct req_io *io)
{
	xmlChar		*body;
	int		 sz;
	const char	*ctype = NULL;
	int		 head_only = c->r->method == REQ_HEAD;
	int		 own_arena;

	if (c->location != NULL) {
		if (write_head(c, io, NULL, 0) == 0)
			io_puts(io, "\r\n");
		return;
	}
	if (c->file != NULL || c->file_name[0] != '\0') {
		if (write_file(c, io, head_only) < 0)
			log_warn("client went away during a download");
		return;
	}
	/* Everything the render allocates through libxml2 dies here (or
	 * at the end of a GET, whose page is built in the arena too). */
	own_arena = !xmlarena_active();
	if (own_arena)
		xmlarena_begin();
	body = render_body(c, &sz, &ctype);
	if (body == NULL) {
		if (own_arena)
			xmlarena_end();
		c->status = 500;
		if (write_head(c, io, "text/plain; charset=utf-8",
		    strlen("系统繁忙,请稍后再试\n")) == 0) {
			io_puts(io, "\r\n");
			if (!head_only)
				io_puts(io, "系统繁忙,请稍后再试\n");
		}
		return;
	}
	if (write_head(c, io, ctype, (size_t)sz) == 0 &&
	    io_puts(io, "\r\n") == 0 && !head_only)
		io->write(io->ctx, body, (size_t)sz);
	xmlFree(body);
	if (own_arena)
		xmlarena_end();
}

/* Finds the route for the request.  Returns it, or NULL with *status
 * 404 (no such path) or 405 (path known, method not), filling allow. */
static const struct route *
route_find(const struct req *r, int *status, char *allow, size_t allowsz)
{
	const struct program	*p = hall.prog;
	enum req_method		 m = r->method == REQ_HEAD ? REQ_GET : r->method;
	size_t			 i;
	int			 known = 0;

	allow[0] = '\0';
	for (i = 0; i < p->nroutes; i++) {
		if (strcmp(p->routes[i].path, r->path) != 0)
			continue;
		if (p->routes[i].method == m)
			return &p->routes[i];
		known = 1;
		if (allow[0] != '\0')
			strlcat_safe(allow, ", ", allowsz);
		strlcat_safe(allow, p->routes[i].method == REQ_POST ?
		    "POST" : "GET, HEAD", allowsz);
	}
	*status = known ? 405 : 404;
	return NULL;
}

/* Answers a request error of the parser with the right status. */
static void
fail_request(struct hall_ctx *c, enum req_err e)
{
	switch (e) {
	case REQ_ERR_TOOBIG:
		page_fail(c, 413, "TOO_LARGE",
		    "提交的内容过大(单个附件不超过5MB)");
		break;
	case REQ_ERR_CTYPE:
		page_fail(c, 415, "BAD_CONTENT_TYPE", "不支持的提交格式");
		break;
	case REQ_ERR_NOMEM:
		page_fail(c, 503, "BUSY", "系统繁忙,请稍后再试");
		break;
	case REQ_ERR_TRUNCATED:
	case REQ_ERR_MALFORMED:
		page_fail(c, 400, "BAD_REQUEST", "提交的内容不完整或格式错误,请重新提交");
		break;
	case REQ_OK:
	case REQ_ERR__MAX:
	default:
		abort();
	}
}

/* Resolves the session of the request into c when there is one.
 * Returns 0 (logged in or not), -1 on a store error. */
static int
resolve_session(struct hall_ctx *c)
{
	const char	*tok = req_cookie(c->r, SESS_COOKIE);
	int		 rc;

	if (tok == NULL || !c->id.ok)
		return 0;
	rc = sess_lookup(c->s, tok, c->id.fp, &c->sess);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	rc = account_load(c->s, c->sess.account_id, &c->acct);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (c->acct.integration) {
		/* Never made (ident_login refuses it); never honoured. */
		log_err("session of integration account %lld ignored",
		    (long long)c->acct.id);
		memset(&c->acct, 0, sizeof(c->acct));
		memset(&c->sess, 0, sizeof(c->sess));
		return 0;
	}
	c->logged_in = 1;
	c->who.account_id = c->acct.id;
	c->who.unit_id = c->acct.unit_id;
	c->who.name = c->acct.display_name;
	c->who.cert_fp = c->id.fp;
	log_setctx(c->r->id, c->acct.username);
	return 0;
}

static int	csrf_gate(struct hall_ctx *, const struct route *);
static int	is_login_path(const char *);

/* Without a session, takes the request as its certificate's
 * integration account's when the certificate (verified, not revoked in
 * the store) is bound to one: c->integ, c->logged_in, the account and
 * the audit actor set; the answer will be XML.  A certificate of an
 * ordinary account is left alone (it still needs its password and
 * session).  Returns 0 (integration or not), -1 on a store error. */
static int
resolve_integ(struct hall_ctx *c)
{
	struct account	 a;
	int		 rc;

	if (c->logged_in || !c->id.ok)
		return 0;
	if ((rc = account_by_cert(c->s, c->id.fp, &a)) != 0)
		return rc < 0 ? -1 : 0;
	if (!a.integration || a.kind != ACCT_UNIT || a.unit_id <= 0)
		return 0;
	c->acct = a;
	c->logged_in = 1;
	c->integ = 1;
	c->r->want_xml = 1;
	c->who.account_id = a.id;
	c->who.unit_id = a.unit_id;
	c->who.name = c->acct.display_name;
	c->who.cert_fp = c->id.fp;
	log_setctx(c->r->id, c->acct.username);
	return 0;
}

/* Writes the audit row of an integration account's call: action
 * "integ.get"/"integ.post", the path as object, the query string (at
 * most 200 bytes) and the refusal code, if any, as detail.  Returns 0,
 * or -1 (logged) when it could not be written. */
static int
audit_integ(struct hall_ctx *c, const char *refused)
{
	const char	*q = req_param(c->r, "QUERY_STRING");
	char		 detail[256];

	snprintf(detail, sizeof(detail), "%s%.200s%s%s",
	    q != NULL && *q != '\0' ? "?" : "", q != NULL ? q : "",
	    refused != NULL ? " refused: " : "", refused != NULL ? refused : "");
	if (store_begin(c->s) != 0)
		goto fail;
	if (audit_append(c->s, &c->who, c->r->method == REQ_POST ?
	    "integ.post" : "integ.get", c->r->path, detail) != 0) {
		store_rollback(c->s);
		goto fail;
	}
	if (store_commit(c->s) == 0)
		return 0;
fail:
	log_err("could not audit a call of integration account %lld",
	    (long long)c->acct.id);
	return -1;
}

/* The gate of an integration account's request: the login pages (it
 * has no password) and pages of no unit role are refused, and so is a
 * POST unless the operator granted writing, and a POST a browser sent
 * (Origin or Sec-Fetch-Site: the account has no session, so no CSRF
 * token, and a browser holding its certificate could be made to post);
 * every call once its unit is 注销.  Every call,
 * refused or not, is audited first; when the audit cannot be written
 * the call is refused 503.  Returns 1 to go on to the handler, 0 when c
 * holds the refusal. */
static int
integ_gate(struct hall_ctx *c, const struct route *rt)
{
	const char	*code = NULL, *msg = NULL;

	if (c->acct.unit_closed) {
		/* An HR system's access ends with its unit. */
		code = "INTEG_UNIT_CLOSED";
		msg = "单位已注销,集成账户已停止使用";
	} else if ((rt->flags & ROUTE_CERT) || is_login_path(c->r->path)) {
		code = "INTEG_NO_LOGIN";
		msg = "集成账户凭证书访问,没有密码,不能登录";
	} else if (!(rt->flags & ROUTE_UNIT)) {
		code = "WRONG_ROLE";
		msg = "该功能仅限经办机构审核人员使用";
	} else if (c->r->method == REQ_POST && !c->acct.may_write) {
		code = "INTEG_READ_ONLY";
		msg = "集成账户只能查询,未获准提交或修改;"
		    "如需提交,请由经办机构管理员授权";
	} else if (c->r->method == REQ_POST &&
	    (req_param(c->r, "HTTP_ORIGIN") != NULL ||
	    req_param(c->r, "HTTP_SEC_FETCH_SITE") != NULL)) {
		/* A browser's (it says where the form came from): were the
		 * certificate installed in one, another site could make it
		 * post, and the account has no CSRF token to stop that. */
		code = "INTEG_BROWSER";
		msg = "集成账户不接受浏览器提交的请求,请由人事系统直接调用";
	}
	if (audit_integ(c, code) != 0) {
		page_fail(c, 503, "BUSY", "系统繁忙,请稍后再试");
		return 0;
	}
	if (code != NULL) {
		page_fail(c, 403, code, msg);
		return 0;
	}
	return 1;
}

/* Whether path is a page of the login program (its forms carry
 * passwords or end a session: never kept). */
static int
is_login_path(const char *path)
{
	return strncmp(path, "/login", 6) == 0 &&
	    (path[6] == '\0' || path[6] == '/');
}

/* Redirects a browser to the login page with next= the page it asked
 * for (path and query), for the login to return there. */
static void
redirect_to_login(struct hall_ctx *c)
{
	const char	*q = req_param(c->r, "QUERY_STRING");
	char		 next[KEEP_MAX_NEXT + 2], enc[3 * KEEP_MAX_NEXT + 1];
	char		 to[sizeof(enc) + 16];

	snprintf(next, sizeof(next), "%s%s%s", c->r->path,
	    q != NULL && *q != '\0' ? "?" : "", q != NULL ? q : "");
	if (!keep_local_path(next) ||
	    keep_urlencode(enc, sizeof(enc), next) != 0) {
		page_redirect(c, "/login");
		return;
	}
	snprintf(to, sizeof(to), "/login?next=%s", enc);
	page_redirect(c, to);
}

/* Whether the request carries a chosen file (a multipart part with a
 * file name). */
static int
has_chosen_file(const struct req *r)
{
	size_t	 i;

	for (i = 0; i < r->body.n; i++)
		if (r->body.v[i].filename != NULL &&
		    r->body.v[i].filename[0] != '\0')
			return 1;
	return 0;
}

/* Whether a POST comes from the hall's own pages as far as the browser
 * says.  Sec-Fetch-Site, when sent, decides: same-origin.  Without it,
 * an Origin must be https:// and the host asked for; "null" (what a
 * browser sends under the hall's Referrer-Policy: no-referrer, and
 * from a sandboxed frame) is not enough.  A form another site made the
 * browser post (with the certificate, which the browser presents to
 * any site's form, but without the SameSite cookie) must not be kept:
 * the clerk would be asked to confirm it after the login. */
static int
same_origin(const struct req *r)
{
	const char	*site = req_param(r, "HTTP_SEC_FETCH_SITE");
	const char	*origin = req_param(r, "HTTP_ORIGIN");
	const char	*host = req_param(r, "HTTP_HOST");

	if (site != NULL)
		return strcmp(site, "same-origin") == 0;
	if (origin == NULL)
		return 1;
	return host != NULL && *host != '\0' &&
	    strncmp(origin, "https://", 8) == 0 && strcmp(origin + 8, host) == 0;
}

/* Answers a browser's POST whose session ended: keeps the form for
 * this certificate (not a login page's, not another site's) and shows
 * the login box in its place, 401.  The login offers the kept form
 * again. */
static void
relogin(struct hall_ctx *c)
{
	struct account	 a;
	char		 id[33] = "";
	int		 rc, kept = 0;

	if ((rc = account_by_cert(c->s, c->id.fp, &a)) < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		page_fail(c, 401, "LOGIN_REQUIRED", "请先登录");
		return;
	}
	if (!is_login_path(c->r->path) && same_origin(c->r)) {
		if ((rc = keep_post(c->s, c->r, c->id.fp, a.id, id)) < 0) {
			page_busy(c);
			return;
		}
		kept = rc == 0;
	}
	c->status = 401;
	page_view(c, "relogin", "登录已超时");
	page_message(c, "warn", kept ? "登录已超时,请重新登录。"
	    "您填写的内容已保留,登录后将继续提交" : "登录已超时,请重新登录");
	if (kept && has_chosen_file(c->r))
		page_message(c, "info", "所选的附件文件不会保留,"
		    "继续提交时请重新选择文件");
	page_login_box(c, &a, a.username, NULL, kept ? id : NULL);
}

/* Answers a request of a logged-in route without a session: XML
 * clients 401 LOGIN_REQUIRED, a browser's page the login page with
 * next=, a browser's form the login box with the form kept. */
static void
not_logged_in(struct hall_ctx *c)
{
	int	 had = req_cookie(c->r, SESS_COOKIE) != NULL;

	if (c->r->want_xml)
		page_fail(c, 401, "LOGIN_REQUIRED", had ?
		    "登录已超时,请重新登录" : "请先登录");
	else if (c->r->method == REQ_POST)
		relogin(c);
	else
		redirect_to_login(c);
}

/* Deletes the kept post a confirmed form names (KEEP_FIELD): it is
 * being used now.  A failure is logged; the form goes on. */
static void
consume_kept(struct hall_ctx *c)
{
	const char	*id = req_body_get(c->r, KEEP_FIELD);

	if (id != NULL && keep_drop(c->s, id, c->id.fp) != 0)
		log_warn("could not delete a kept form after its use");
}

/* Applies the route's access flags.  Returns 1 to go on to the handler,
 * 0 when c already holds the answer (refusal or redirect). */
static int
gate(struct hall_ctx *c, const struct route *rt)
{
	int	 want_unit = (rt->flags & ROUTE_UNIT) != 0;
	int	 want_rev = (rt->flags & ROUTE_REVIEWER) != 0;

	if (rt->flags & ROUTE_PUBLIC)
		return 1;
	if (ident_from_request(c->r, &c->id) < 0) {
		page_fail(c, 403, "NO_CERT", "未检测到有效的数字证书,请插入证书后重试");
		return 0;
	}
	if (resolve_session(c) < 0 || resolve_integ(c) < 0) {
		page_fail(c, 503, "BUSY", "系统繁忙,请稍后再试");
		return 0;
	}
	if (c->integ)
		return integ_gate(c, rt);
	if (rt->flags & ROUTE_CERT)
		return csrf_gate(c, rt);
	if (!c->logged_in) {
		not_logged_in(c);
		return 0;
	}
	if ((c->acct.kind == ACCT_UNIT && !want_unit) ||
	    (c->acct.kind == ACCT_REVIEWER && !want_rev)) {
		page_fail(c, 403, "WRONG_ROLE", c->acct.kind == ACCT_UNIT ?
		    "该功能仅限经办机构审核人员使用" : "该功能仅限单位用户使用");
		return 0;
	}
	if (c->acct.must_change && !(rt->flags & ROUTE_MUSTCHANGE)) {
		if (c->r->want_xml || c->r->method == REQ_POST)
			page_fail(c, 403, "MUST_CHANGE_PASSWORD",
			    "首次登录须先修改初始密码");
		else
			page_redirect(c, "/login/password");
		return 0;
	}
	return csrf_gate(c, rt);
}

/* Refuses a POST whose csrf field is not the session's token.  The
 * token is read from the body only: in the query string it would be
 * written to nginx's access log.  Returns 1 to go on, 0 when refused. */
static int
csrf_gate(struct hall_ctx *c, const struct route *rt)
{
	if (c->r->method != REQ_POST || (rt->flags & ROUTE_NOCSRF))
		return 1;
	if (c->logged_in && csrf_ok(&c->sess, req_body_get(c->r, "csrf"))) {
		consume_kept(c);
		return 1;
	}
	page_fail(c, 403, "CSRF", "页面已过期或来源不明,请返回刷新页面后重新提交");
	return 0;
}

/* Serves one request read through io. */
static void
serve(const struct req_io *io)
{
	struct req		 r;
	struct hall_ctx		 c;
	const struct route	*rt;
	enum req_err		 e;
	int			 status = 0, arena;

	memset(&c, 0, sizeof(c));
	c.s = hall.s;
	c.r = &r;
	c.status = 200;
	clock_today(&c.today);
	e = req_read(&r, io, &req_default_limits);
	log_setctx(r.id, NULL);
	/* A GET's page document lives in the render's arena: building it
	 * costs less and it is dropped whole at the end.  Not a POST's,
	 * whose handler may parse a large upload (xlsx.c) and free it as
	 * it goes. */
	arena = e == REQ_OK && (r.method == REQ_GET || r.method == REQ_HEAD);
	if (arena)
		xmlarena_begin();
	page_begin(&c, hall.prog->name);
	if (e != REQ_OK) {
		log_warn("bad request: %s", req_strerror(e));
		fail_request(&c, e);
	} else if ((rt = route_find(&r, &status, c.allow,
	    sizeof(c.allow))) == NULL) {
		page_fail(&c, status, status == 404 ? "NOT_FOUND" :
		    "METHOD_NOT_ALLOWED", status == 404 ?
		    "您访问的页面不存在" : "不支持的请求方式");
	} else if (gate(&c, rt)) {
		page_session(&c);
		rt->fn(&c);
	}
	if (c.s->in_tx) {
		log_err("handler left a transaction open");
		store_rollback(c.s);
	}
	if (c.integ && c.set_cookie != NULL) {
		/* An integration account never gets a cookie. */
		log_err("a cookie for integration account %lld dropped",
		    (long long)c.acct.id);
		free(c.set_cookie);
		c.set_cookie = NULL;
	}
	respond(&c, io);
	page_end(&c);
	if (arena)
		xmlarena_end();
	req_free(&r);
	log_setctx(NULL, NULL);
}

/* Loads the stylesheet and its security preferences (no file writes,
 * no directories, no network, no reading files at transform time).
 * Returns 0 or -1. */
static int
load_stylesheet(const char *dir, const char *name)
{
	char	 path[4096];

	hall.sec = xsltNewSecurityPrefs();
	if (hall.sec == NULL ||
	    xsltSetSecurityPrefs(hall.sec, XSLT_SECPREF_WRITE_FILE,
		xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(hall.sec, XSLT_SECPREF_CREATE_DIRECTORY,
		xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(hall.sec, XSLT_SECPREF_WRITE_NETWORK,
		xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(hall.sec, XSLT_SECPREF_READ_NETWORK,
		xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(hall.sec, XSLT_SECPREF_READ_FILE,
		xsltSecurityForbid) != 0)
		return -1;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return -1;
	xmlSubstituteEntitiesDefault(0);
	hall.xsl = xsltParseStylesheetFile((const xmlChar *)path);
	if (hall.xsl == NULL) {
		log_err("cannot load stylesheet %s", path);
		return -1;
	}
	/* libxslt's process-wide tables, made now rather than inside the
	 * first request's arena. */
	xsltInitGlobals();
	return 0;
}

/* Reads a required environment variable, logging when absent. */
static const char *
env_need(const char *name)
{
	const char	*v = getenv(name);

	if (v == NULL || *v == '\0')
		log_err("environment variable %s is not set", name);
	return v;
}

/* Opens the store, the CA and the stylesheet.  Returns 0 or -1. */
static int
hall_start(const struct program *p)
{
	const char			*db, *xsl, *ca;
	const struct wf_business *const	*b;

	hall.prog = p;
	log_setprog(p->name);
	if ((db = env_need("HALL_DB")) == NULL ||
	    (xsl = env_need("HALL_XSL")) == NULL ||
	    (ca = env_need("HALL_CA")) == NULL)
		return -1;
	if (xmlarena_install() < 0)
		return -1;
	/* libxml2's process-wide tables (the encoding handlers' names
	 * among them), made now rather than inside the first request's
	 * arena: a program without a stylesheet (feed) would otherwise
	 * make them there, and lose them at its end. */
	xmlInitParser();
	if ((hall.s = store_open(db, STORE_NOCHECKPOINT)) == NULL)
		return -1;
	if (ident_init(ca) < 0 || ident_crl_init(ca, getenv("HALL_CRL")) < 0)
		return -1;
	if (p->xsl != NULL && load_stylesheet(xsl, p->xsl) < 0)
		return -1;
	for (b = hall_businesses; *b != NULL; b++)
		wf_register(*b);
	for (b = p->businesses; b != NULL && *b != NULL; b++)
		wf_register(*b);
	page_menus_prepare();
	return 0;
}

/* Releases what hall_start() acquired. */
static void
hall_stop(void)
{
	if (hall.xsl != NULL)
		xsltFreeStylesheet(hall.xsl);
	if (hall.sec != NULL)
		xsltFreeSecurityPrefs(hall.sec);
	ident_cleanup();
	store_close(hall.s);
	xsltCleanupGlobals();
	xmlCleanupParser();
	memset(&hall, 0, sizeof(hall));
}

/*
 * Runs program p: as plain CGI when fd 0 is not a FastCGI listening
 * socket, else the FastCGI accept loop, in HALL_WORKERS workers when
 * that asks for more than one (prefork.h: this process then only
 * watches them, and each worker opens the store and the stylesheet
 * after the fork).  Returns the exit status.
 */
int
hall_main(const struct program *p, int argc, char *argv[])
{
	FCGX_Request	 fr;
	struct req_io	 io;
	int		 n, status;

	log_setprog(p->name);
	if (!FCGX_IsCGI()) {
		if ((n = prefork_workers()) < 0)
			return EXIT_FAILURE;
		switch (prefork(n, &status)) {
		case -1:
			return EXIT_FAILURE;
		case 1:
			return status;		/* the parent, done */
		default:
			break;			/* a worker, or the only one */
		}
	}
	/* Keep freed heap for the next request instead of giving it back
	 * with brk after each one: a shrinking heap costs a TLB flush on
	 * every CPU (a fifth of a 提交's CPU went there). */
	(void)mallopt(M_TRIM_THRESHOLD, HALL_HEAP_KEEP);
	(void)mallopt(M_MMAP_THRESHOLD, HALL_HEAP_KEEP / 4);
	if (hall_start(p) < 0) {
		hall_stop();
		return EXIT_FAILURE;
	}
	if (FCGX_IsCGI()) {
		io.ctx = NULL;
		io.read = cgi_read;
		io.write = cgi_write;
		io.envp = environ;
		serve(&io);
		fflush(stdout);
		run_after();
		hall_stop();
		return EXIT_SUCCESS;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0) {
		log_err("FastCGI initialisation failed");
		hall_stop();
		return EXIT_FAILURE;
	}
	while (FCGX_Accept_r(&fr) >= 0) {
		io.ctx = &fr;
		io.read = fcgi_read;
		io.write = fcgi_write;
		io.envp = fr.envp;
		serve(&io);
		FCGX_Finish_r(&fr);
		run_after();
	}
	FCGX_Free(&fr, 1);
	hall_stop();
	return EXIT_SUCCESS;
}
