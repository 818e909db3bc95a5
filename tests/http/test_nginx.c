/*
 * test_nginx.c: what nginx itself answers, on the hall's server and on
 * the public verification server: every program of the programs'
 * folder is routed (hall.conf.in's @PROGS@) and nothing else; nginx's
 * own 404, 405, 400 and 502 are the hall's pages in Chinese with the
 * status kept and the security headers, while a program's own errors
 * still pass through as its XML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "../suites.h"
#include "client.h"

/* What each of nginx's own pages says (xsl/static/; the programs' own
 * 404 says 「您访问的页面不存在」 too, but not this). */
#define PAGE_NOT_FOUND	"网址可能输入有误"
#define PAGE_NOT_ALLOWED "不支持此操作"
#define PAGE_BAD_REQUEST "请求无法处理"
#define PAGE_DOWN	"系统维护中或服务暂不可用,请稍后再试"

/* Asserts that a is nginx's page saying marker with status want: HTML
 * in Chinese, with the security headers every answer carries. */
static void
ck_nginx_page(const struct answer *a, long want, const char *marker,
    const char *what)
{
	ck_assert_msg(a->status == want, "%s: status %ld, want %ld", what,
	    a->status, want);
	ck_assert_msg(strstr(a->ctype, "text/html") != NULL,
	    "%s: Content-Type '%s'", what, a->ctype);
	ck_assert_msg(strstr(a->body, "<html lang=\"zh-CN\">") != NULL &&
	    strstr(a->body, marker) != NULL, "%s: not the page '%s': %.300s",
	    what, marker, a->body);
	ck_assert_msg(a->nosniff, "%s: no security headers", what);
}

START_TEST(unknown_path_is_chinese_404)
{
	static const char *const hall[] = { "/nosuch", "/homex",
	    "/verify", "/verify/ABCD2345", "/hall-admin", "/static/nosuch.css",
	    "/.git/config", NULL };
	static const char *const pub[] = { "/nosuch", "/home", "/login",
	    "/static/nosuch.css", NULL };
	const char *const	*p;
	struct browser		 b;
	struct answer		 a;
	char			 what[256];

	browser_init(&b, "unit-a");
	for (p = hall; *p != NULL; p++) {
		snprintf(what, sizeof(what), "hall GET %s", *p);
		/* Asked for XML: nginx's page is HTML all the same. */
		http_get(&b, *p, 1, &a);
		ck_nginx_page(&a, 404, PAGE_NOT_FOUND, what);
		answer_free(&a);
	}
	for (p = pub; *p != NULL; p++) {
		snprintf(what, sizeof(what), "public GET %s", *p);
		http_get_pub_html(*p, &a);
		ck_nginx_page(&a, 404, PAGE_NOT_FOUND, what);
		answer_free(&a);
	}
	/* A program's own 404 is its XML, not nginx's page. */
	ck_assert_int_eq(http_get(&b, "/home/nosuch", 1, &a), 404);
	ck_assert_ptr_nonnull(strstr(a.ctype, "application/xml"));
	ck_assert_ptr_null(strstr(a.body, PAGE_NOT_FOUND));
	ck_assert_ptr_null(strstr(a.body, "<html"));
	ck_assert_int_eq(xpath_count(&a, "/page/error"), 1);
	answer_free(&a);
}
END_TEST

START_TEST(method_on_static_is_chinese_405)
{
	struct browser	 b;
	struct answer	 a;

	browser_init(&b, "unit-a");
	http_post_raw(&b, "/static/hall.css",
	    "application/x-www-form-urlencoded", "x=1", 3, &a);
	ck_nginx_page(&a, 405, PAGE_NOT_ALLOWED, "hall POST /static/hall.css");
	answer_free(&a);
	http_method_pub("POST", "/static/hall.css", &a);
	ck_nginx_page(&a, 405, PAGE_NOT_ALLOWED,
	    "public POST /static/hall.css");
	answer_free(&a);
	http_method_pub("DELETE", "/static/busy.html", &a);
	ck_nginx_page(&a, 405, PAGE_NOT_ALLOWED,
	    "public DELETE /static/busy.html");
	answer_free(&a);
	/* The page itself is still there to GET. */
	ck_assert_int_eq(http_get_pub_html("/static/hall.css", &a), 200);
	answer_free(&a);
}
END_TEST

/* The port of base URL url (after its last ':'). */
static int
url_port(const char *url)
{
	const char	*c = strrchr(url, ':');

	ck_assert_ptr_nonnull(c);
	return atoi(c + 1);
}

/* Sends a plain-HTTP GET (no TLS) to the TLS port of url and reads the
 * whole answer into buf[sz]. */
static void
plain_http_to(const char *url, char *buf, size_t sz)
{
	static const char	 req[] = "GET /home HTTP/1.1\r\nHost: "
	    "127.0.0.1\r\nConnection: close\r\n\r\n";
	struct sockaddr_in	 sin;
	struct timeval		 tv = { 10, 0 };
	size_t			 len = 0;
	ssize_t			 n;
	int			 fd;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)url_port(url));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(write(fd, req, sizeof(req) - 1),
	    (ssize_t)(sizeof(req) - 1));
	while (len + 1 < sz && (n = read(fd, buf + len, sz - len - 1)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
}

START_TEST(plain_http_is_chinese_400)
{
	char	 buf[16384];

	plain_http_to(hall_url(), buf, sizeof(buf));
	ck_assert_msg(strncmp(buf, "HTTP/1.1 400 ", 13) == 0, "%.200s", buf);
	ck_assert_msg(strstr(buf, PAGE_BAD_REQUEST) != NULL, "%.600s", buf);
	plain_http_to(pub_url(), buf, sizeof(buf));
	ck_assert_msg(strncmp(buf, "HTTP/1.1 400 ", 13) == 0, "%.200s", buf);
	ck_assert_msg(strstr(buf, PAGE_BAD_REQUEST) != NULL, "%.600s", buf);
}
END_TEST

/* Whether name in the programs' folder dir is a program run.sh starts
 * (an executable file, not hall-admin, no dot in its name). */
static int
is_program(const char *dir, const char *name)
{
	char		 path[1024];
	struct stat	 st;

	if (name[0] == '.' || strchr(name, '.') != NULL ||
	    strcmp(name, "hall-admin") == 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & S_IXUSR);
}

START_TEST(every_program_is_routed)
{
	struct browser	 b;
	struct answer	 a;
	char		 dir[1024], path[300], *slash;
	struct dirent	*d;
	DIR		*dp;
	int		 n = 0, tuigong = 0;

	/* The programs' folder: where hall-admin is. */
	snprintf(dir, sizeof(dir), "%s", getenv("HALL_TEST_ADMIN"));
	ck_assert_ptr_nonnull(slash = strrchr(dir, '/'));
	*slash = '\0';
	ck_assert_ptr_nonnull(dp = opendir(dir));
	browser_init(&b, "unit-a");
	while ((d = readdir(dp)) != NULL) {
		if (!is_program(dir, d->d_name) ||
		    strcmp(d->d_name, "verify") == 0)
			continue;
		snprintf(path, sizeof(path), "/%s", d->d_name);
		http_get(&b, path, 1, &a);
		/* The program answered: not nginx's 404, nor its 502. */
		ck_assert_msg(a.status != 0 && a.status != 502 &&
		    strstr(a.body, PAGE_NOT_FOUND) == NULL,
		    "GET %s: %ld %.200s", path, a.status, a.body);
		answer_free(&a);
		n++;
		tuigong |= strcmp(d->d_name, "tuigong") == 0;
	}
	closedir(dp);
	ck_assert_int_ge(n, 7);
	ck_assert(tuigong);
	/* verify is the public server's. */
	ck_assert_int_eq(http_get_pub_html("/verify", &a), 200);
	answer_free(&a);
}
END_TEST

/* Renames the socket of program name in the hall's run folder to
 * NAME.sock.away (away set) or back; nginx cannot reach the program
 * meanwhile, which keeps running.  Returns rename's result. */
static int
socket_away(const char *name, int away)
{
	char	 sock[1024], moved[1100];

	snprintf(sock, sizeof(sock), "%s/run/%s.sock",
	    getenv("HALL_TEST_VAR"), name);
	snprintf(moved, sizeof(moved), "%s.away", sock);
	return away ? rename(sock, moved) : rename(moved, sock);
}

START_TEST(program_down_is_chinese_502)
{
	struct browser	 b;
	struct answer	 hall, pub;
	int		 back_hall, back_pub;

	browser_init(&b, "unit-a");
	/* Both sockets come back before anything is asserted. */
	ck_assert_int_eq(socket_away("login", 1), 0);
	http_get(&b, "/login", 1, &hall);
	back_hall = socket_away("login", 0);
	ck_assert_int_eq(socket_away("verify", 1), 0);
	http_method_pub("GET", "/verify", &pub);
	back_pub = socket_away("verify", 0);
	ck_assert_int_eq(back_hall, 0);
	ck_assert_int_eq(back_pub, 0);

	ck_nginx_page(&hall, 502, PAGE_DOWN, "hall GET /login, login down");
	ck_nginx_page(&pub, 502, PAGE_DOWN, "public GET /verify, verify down");
	answer_free(&hall);
	answer_free(&pub);
	/* Back again, they answer. */
	ck_assert_int_eq(http_get(&b, "/login", 1, &hall), 200);
	ck_xpath_eq(&hall, "string(/page/@view)", "login");
	answer_free(&hall);
	ck_assert_int_eq(http_get_pub_html("/verify", &pub), 200);
	answer_free(&pub);
}
END_TEST

static Suite *
nginx_suite(void)
{
	Suite	*s = suite_create("nginx");
	TCase	*tc;

	tc = tcase_create("errors");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, unknown_path_is_chinese_404);
	tcase_add_test(tc, method_on_static_is_chinese_405);
	tcase_add_test(tc, plain_http_is_chinese_400);
	tcase_add_test(tc, program_down_is_chinese_502);
	suite_add_tcase(s, tc);

	tc = tcase_create("routes");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_program_is_routed);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(nginx_suite)
