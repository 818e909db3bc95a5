/*
 * login: 证书登录.  The certificate (checked by nginx and again by the
 * library) names the account; the 经办人 adds the password.  The
 * initial password must be changed before anything else; five wrong
 * passwords lock the account for 15 minutes.
 *
 * A login returns to where the clerk was: to the page asked for
 * (next=, a path of this site only), or, when a form was posted after
 * the session ended and kept (lib/keep.c), to /login/resume, which
 * offers that form again for the clerk to confirm.
 *
 *   GET  /login            the form (or straight to the 首页 if logged in);
 *                          next
 *   POST /login            username, password, next, hall_kept
 *   GET  /login/password   the change-password form
 *   POST /login/password   old, pw, pw2, csrf
 *   POST /login/logout     csrf
 *   GET  /login/resume     id: the kept form, to confirm (继续提交)
 *   POST /login/discard    id, csrf: the kept form is not wanted (放弃)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"

/* Where an account lands after logging in. */
static const char *
landing(const struct account *a)
{
	return a->kind == ACCT_REVIEWER ? "/review" : "/home";
}

/* Shows the login form with the certificate it will act for, the name
 * typed, and where the login leads (next, kept: may be NULL). */
static void
show_form(struct hall_ctx *c, const char *username, const char *next,
    const char *kept)
{
	struct account	 a;
	char		 msg[256];
	int		 rc;

	page_view(c, "login", "证书登录");
	rc = account_by_cert(c->s, c->id.fp, &a);
	if (rc < 0) {
		page_busy(c);
		return;
	}
	page_login_box(c, rc == 0 ? &a : NULL, username, next, kept);
	if (rc != 0) {
		page_message(c, "error",
		    "您的数字证书未绑定网厅账户,请到经办机构办理");
		return;
	}
	if (username != NULL && *username != '\0' &&
	    strcmp(username, a.username) != 0) {
		snprintf(msg, sizeof(msg), "用户名与数字证书不符:此证书"
		    "属于账户 %s。请用该账户登录,或换用账户 %.64s 的数字"
		    "证书。", a.username, username);
		page_message(c, "warn", msg);
	}
}

/* GET /login.  A session cookie the hall no longer knows means the
 * session timed out: said so, and the stale cookie cleared. */
static void
login_get(struct hall_ctx *c)
{
	const char	*next = req_get(c->r, "next");

	if (c->logged_in && !c->acct.must_change) {
		page_redirect(c, next != NULL && keep_local_path(next) ?
		    next : landing(&c->acct));
		return;
	}
	show_form(c, NULL, next, NULL);
	if (!c->logged_in && req_cookie(c->r, SESS_COOKIE) != NULL &&
	    c->status == 200) {
		page_message(c, "warn", "登录已超时,请重新登录");
		c->set_cookie = strdup(SESS_COOKIE "=; Path=/; Secure; "
		    "HttpOnly; SameSite=Strict; Max-Age=0");
	}
}

/* Starts a session for a, sets its cookie and redirects.  The session
 * of the cookie the browser presented, if any, ends: a login never
 * leaves an older token of the same browser alive. */
static void
start_session(struct hall_ctx *c, const struct account *a, const char *to)
{
	char		 token[65], cookie[160];
	const char	*old = req_cookie(c->r, SESS_COOKIE);

	if ((old != NULL && sess_destroy(c->s, old) != 0) ||
	    sess_create(c->s, a->id, c->id.fp, token, &c->sess) != 0) {
		page_busy(c);
		return;
	}
	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict", SESS_COOKIE, token);
	if ((c->set_cookie = strdup(cookie)) == NULL) {
		page_busy(c);
		return;
	}
	page_redirect(c, to);
}

/* Starts the session of a, then leads to the form kept under kept when
 * it is this certificate's and account's and not yet used or expired,
 * else to next when it is a path of this site, else to the desk.
 * Expired kept forms are deleted first. */
static void
after_login(struct hall_ctx *c, const struct account *a, const char *next,
    const char *kept)
{
	struct kept_post	 k;
	char			 to[64];
	int			 rc = 1;

	if (keep_purge(c->s) != 0)
		log_warn("could not delete the expired kept forms");
	if (kept != NULL && *kept != '\0' &&
	    (rc = keep_load(c->s, kept, c->id.fp, a->id, &k)) == 0)
		keep_free(&k);
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc == 0) {
		snprintf(to, sizeof(to), "/login/resume?id=%s", kept);
		start_session(c, a, to);
	} else
		start_session(c, a, next != NULL && keep_local_path(next) ?
		    next : landing(a));
}

/* POST /login */
static void
login_post(struct hall_ctx *c)
{
	/* From the body only: a query string goes to nginx's log. */
	const char		*user = req_body_get(c->r, "username");
	const char		*pw = req_body_get(c->r, "password");
	const char		*next = req_body_get(c->r, "next");
	const char		*kept = req_body_get(c->r, KEEP_FIELD);
	struct account		 a;
	time_t			 until = 0;
	char			 buf[20];
	enum login_result	 lr;

	if (user == NULL || *user == '\0' || pw == NULL || *pw == '\0') {
		show_form(c, user, next, kept);
		page_message(c, "error", "请输入用户名和密码");
		c->status = 422;
		return;
	}
	lr = ident_login(c->s, &c->id, user, pw, &a, &until);
	switch (lr) {
	case LOGIN_OK:
		after_login(c, &a, next, kept);
		break;
	case LOGIN_MUST_CHANGE:
		start_session(c, &a, "/login/password");
		break;
	case LOGIN_BAD:
		show_form(c, user, next, kept);
		if (until > clock_now()) {
			clock_fmt(until, buf);
			page_attr(page_add(c, NULL, "locked", NULL), "until",
			    buf);
			page_message(c, "error", "用户名或密码错误。因连续5次"
			    "密码错误,账户已锁定15分钟");
		} else
			page_message(c, "error", "用户名或密码错误"
			    "(连续5次错误将锁定15分钟)");
		c->status = 401;
		break;
	case LOGIN_LOCKED:
		page_view(c, "locked", "账户已锁定");
		clock_fmt(until, buf);
		page_attr(page_add(c, NULL, "locked", NULL), "until", buf);
		page_message(c, "error", "因连续5次密码错误,账户已锁定15分钟");
		c->status = 403;
		break;
	case LOGIN_NOCERT:
		page_fail(c, 403, "CERT_NOT_BOUND",
		    "您的数字证书未绑定网厅账户,请到经办机构办理");
		break;
	case LOGIN_ERROR:
		page_busy(c);
		break;
	case LOGIN_RESULT__MAX:
	default:
		abort();
	}
}

/* Redirects to the newest form kept for this certificate and account,
 * if any (posted after a session ended, before this login), else to
 * the account's desk. */
static void
to_kept_or_desk(struct hall_ctx *c)
{
	char	 id[33], to[64];
	int	 rc;

	if ((rc = keep_latest(c->s, c->id.fp, c->acct.id, id)) < 0) {
		page_busy(c);
		return;
	}
	if (rc == 0) {
		snprintf(to, sizeof(to), "/login/resume?id=%s", id);
		page_redirect(c, to);
	} else
		page_redirect(c, landing(&c->acct));
}

/* GET /login/password */
static void
password_get(struct hall_ctx *c)
{
	page_view(c, "password", "修改密码");
	if (c->acct.must_change)
		page_message(c, "warn", "为了您的账户安全,首次登录请修改初始密码");
}

/* POST /login/password */
static void
password_post(struct hall_ctx *c)
{
	struct form_errors	 errs;
	int			 rc;

	errs.n = 0;
	rc = ident_change_password(c->s, c->acct.id,
	    req_body_get(c->r, "old"), req_body_get(c->r, "pw"),
	    req_body_get(c->r, "pw2"), c->sess.token_hash, &errs);
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		page_view(c, "password", "修改密码");
		page_form_errors(c, &errs);
		c->status = 422;
		return;
	}
	to_kept_or_desk(c);
}

/* Adds the fields of the urlencoded list enc to parent as <name
 * name= value=> (file: <file name= filename=>).  Fields that only carry
 * the form's plumbing (the one-time token, the task id) are marked
 * shown="0".  Returns 0 or -1. */
static int
add_kept_fields(struct hall_ctx *c, xmlNodePtr parent, const char *enc,
    int files)
{
	struct req_fields	 f;
	xmlNodePtr		 n;
	size_t			 i;
	enum req_err		 e;

	memset(&f, 0, sizeof(f));
	e = req_parse_urlencoded(enc, strlen(enc), &req_default_limits, &f);
	if (e != REQ_OK) {
		req_fields_free(&f);
		return -1;
	}
	for (i = 0; i < f.n; i++) {
		n = page_add(c, parent, files ? "file" : "field", NULL);
		page_attr(n, "name", f.v[i].key);
		page_attr(n, files ? "filename" : "value", f.v[i].val);
		if (!files && (strcmp(f.v[i].key, "token") == 0 ||
		    strcmp(f.v[i].key, "id") == 0))
			page_attr(n, "shown", "0");
	}
	req_fields_free(&f);
	return 0;
}

/* The name of the business whose pages path belongs to, or NULL. */
static const char *
business_of(const char *path)
{
	const struct wf_business *const	*b;
	size_t				 n;

	for (b = hall_businesses; *b != NULL; b++) {
		n = strlen((*b)->path);
		if (strncmp(path, (*b)->path, n) == 0 &&
		    (path[n] == '\0' || path[n] == '/'))
			return (*b)->name;
	}
	return NULL;
}

/* GET /login/resume: the form kept when the session ended, as a hidden
 * form with this session's CSRF token, to confirm (继续提交).  Another
 * certificate's, a used or an expired one is 404. */
static void
resume_get(struct hall_ctx *c)
{
	struct kept_post	 k;
	xmlNodePtr		 n;
	char			 buf[20], action[sizeof(k.path) +
				    sizeof(k.query) + 1];
	int			 rc;

	rc = keep_load(c->s, req_get(c->r, "id"), c->id.fp, c->acct.id, &k);
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		page_fail(c, 404, "NOT_FOUND", "保留的填写内容已提交、已放弃"
		    "或已超过30分钟,请重新填写");
		return;
	}
	page_view(c, "resume", "继续提交");
	snprintf(action, sizeof(action), "%s%s%s", k.path,
	    k.query[0] != '\0' ? "?" : "", k.query);
	n = page_add(c, NULL, "kept", NULL);
	page_attr(n, "id", k.id);
	page_attr(n, "action", action);
	page_attr(n, "multipart", k.multipart ? "1" : "0");
	page_attr(n, "business", business_of(k.path));
	clock_fmt(k.created_at, buf);
	page_attr(n, "created", buf);
	clock_fmt(k.created_at + KEEP_SECONDS, buf);
	page_attr(n, "until", buf);
	if (add_kept_fields(c, n, k.body, 0) != 0 ||
	    add_kept_fields(c, n, k.files, 1) != 0)
		page_busy(c);
	keep_free(&k);
}

/* POST /login/discard: the kept form is not wanted; to the desk. */
static void
discard_post(struct hall_ctx *c)
{
	if (keep_drop(c->s, req_body_get(c->r, "id"), c->id.fp) != 0) {
		page_busy(c);
		return;
	}
	page_redirect(c, landing(&c->acct));
}

/* POST /login/logout */
static void
logout_post(struct hall_ctx *c)
{
	const char	*tok = req_cookie(c->r, SESS_COOKIE);

	if (tok != NULL && sess_destroy(c->s, tok) != 0) {
		page_busy(c);
		return;
	}
	c->set_cookie = strdup(SESS_COOKIE "=; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
	page_redirect(c, "/login");
}

static const struct route routes[] = {
	{ REQ_GET, "/login", login_get, ROUTE_CERT },
	{ REQ_POST, "/login", login_post, ROUTE_CERT | ROUTE_NOCSRF },
	{ REQ_GET, "/login/password", password_get,
	    ROUTE_UNIT | ROUTE_REVIEWER | ROUTE_MUSTCHANGE },
	{ REQ_POST, "/login/password", password_post,
	    ROUTE_UNIT | ROUTE_REVIEWER | ROUTE_MUSTCHANGE },
	{ REQ_POST, "/login/logout", logout_post,
	    ROUTE_UNIT | ROUTE_REVIEWER | ROUTE_MUSTCHANGE },
	{ REQ_GET, "/login/resume", resume_get, ROUTE_UNIT | ROUTE_REVIEWER },
	{ REQ_POST, "/login/discard", discard_post,
	    ROUTE_UNIT | ROUTE_REVIEWER },
};

static const struct program login = {
	"login", "login.xsl", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&login, argc, argv);
}
