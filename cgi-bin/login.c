/*
 * login: 证书登录.  The certificate (checked by nginx and again by the
 * library) names the account; the 经办人 adds the password.  The
 * initial password must be changed before anything else; five wrong
 * passwords lock the account for 15 minutes.
 *
 *   GET  /login            the form (or straight to the 首页 if logged in)
 *   POST /login            username, password
 *   GET  /login/password   the change-password form
 *   POST /login/password   old, pw, pw2, csrf
 *   POST /login/logout     csrf
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

/* Shows the login form with the certificate it will act for. */
static void
show_form(struct hall_ctx *c, const char *username)
{
	struct account	 a;
	xmlNodePtr	 n;
	int		 rc;

	page_view(c, "login", "证书登录");
	rc = account_by_cert(c->s, c->id.fp, &a);
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc == 0) {
		n = page_add(c, NULL, "cert", NULL);
		page_attr(n, "subject", c->id.subject);
		page_attr_int(n, "days-left", ident_days_left(&c->id));
		/* Whose desk this certificate opens: the page is titled for
		 * a unit or for the office, and the user name is offered. */
		page_attr(n, "kind", a.kind == ACCT_REVIEWER ? "reviewer" :
		    "unit");
		page_attr(n, "username", a.username);
		if (username != NULL && *username != '\0' &&
		    strcmp(username, a.username) != 0) {
			char	 msg[256];

			snprintf(msg, sizeof(msg), "用户名与数字证书不符:此证书"
			    "属于账户 %s。请用该账户登录,或换用账户 %.64s 的数字"
			    "证书。", a.username, username);
			page_message(c, "warn", msg);
		}
	} else
		page_message(c, "error",
		    "您的数字证书未绑定网厅账户,请到经办机构办理");
	page_attr(page_add(c, NULL, "login", NULL), "username",
	    username != NULL ? username : "");
}

/* GET /login */
static void
login_get(struct hall_ctx *c)
{
	if (c->logged_in && !c->acct.must_change) {
		page_redirect(c, landing(&c->acct));
		return;
	}
	show_form(c, NULL);
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

/* POST /login */
static void
login_post(struct hall_ctx *c)
{
	/* From the body only: a query string goes to nginx's log. */
	const char		*user = req_body_get(c->r, "username");
	const char		*pw = req_body_get(c->r, "password");
	struct account		 a;
	time_t			 until = 0;
	char			 buf[20];
	enum login_result	 lr;

	if (user == NULL || *user == '\0' || pw == NULL || *pw == '\0') {
		show_form(c, user);
		page_message(c, "error", "请输入用户名和密码");
		c->status = 422;
		return;
	}
	lr = ident_login(c->s, &c->id, user, pw, &a, &until);
	switch (lr) {
	case LOGIN_OK:
		start_session(c, &a, landing(&a));
		break;
	case LOGIN_MUST_CHANGE:
		start_session(c, &a, "/login/password");
		break;
	case LOGIN_BAD:
		show_form(c, user);
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
};

static const struct program login = {
	"login", "login.xsl", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&login, argc, argv);
}
