/*
 * test_nginx.c: what nginx itself answers, on the hall's server and on
 * the public verification server: every program of the programs'
 * folder is routed (hall.conf.in's @PROGS@) and nothing else; nginx's
 * own 400, 403, 404, 405, 416, 501, 502 and 505 are the hall's pages in
 * Chinese with the status kept and the security headers, while a
 * program's own errors still pass through as its XML; a request body
 * up to the 6 MB limit never goes to a temporary file, so a full disk
 * under the hall's var/ cannot break an upload in nginx; the access
 * log keeps no query string (they carry 身份证号).
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
#include "valid.h"

/* What each of nginx's own pages says (xsl/static/; the programs' own
 * 404 says 「您访问的页面不存在」 too, but not this). */
#define PAGE_NOT_FOUND	"网址可能输入有误"
#define PAGE_NOT_ALLOWED "不支持此操作"
#define PAGE_BAD_REQUEST "请求无法处理"
#define PAGE_DOWN	"系统维护中或服务暂不可用,请稍后再试"
#define PAGE_FORBIDDEN	"该网址不提供浏览"

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

/* Sends the raw request req over TLS to the server of base URL url
 * (with the client certificate cert of HALL_TEST_CERTS, NULL: none)
 * through openssl s_client, and reads the whole answer, headers and
 * body, into buf[sz]. */
static void
raw_tls(const char *url, const char *cert, const char *req, char *buf,
    size_t sz)
{
	char	 cmd[4096], crt[64], key[64], reqfile[1024];
	FILE	*f;
	size_t	 len = 0, n;

	snprintf(reqfile, sizeof(reqfile), "%s/raw-request",
	    getenv("HALL_TEST_VAR"));
	ck_assert_ptr_nonnull(f = fopen(reqfile, "w"));
	fputs(req, f);
	fclose(f);
	crt[0] = key[0] = '\0';
	if (cert != NULL) {
		snprintf(crt, sizeof(crt), "%s.crt", cert);
		snprintf(key, sizeof(key), "%s.key", cert);
	}
	snprintf(cmd, sizeof(cmd), "timeout 30 openssl s_client -quiet "
	    "-connect 127.0.0.1:%d%s%s%s%s <%s 2>/dev/null", url_port(url),
	    cert != NULL ? " -cert " : "", cert != NULL ? cert_path(crt) : "",
	    cert != NULL ? " -key " : "", cert != NULL ? cert_path(key) : "",
	    reqfile);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (len + 1 < sz && (n = fread(buf + len, 1, sz - len - 1, f)) > 0)
		len += n;
	buf[len] = '\0';
	pclose(f);
	remove(reqfile);
}

/* Asserts that the raw answer buf has status want and is nginx's page
 * saying marker, in Chinese, with the security headers. */
static void
ck_raw_page(const char *buf, int want, const char *marker, const char *what)
{
	char	 status[32];

	snprintf(status, sizeof(status), "HTTP/1.1 %d ", want);
	ck_assert_msg(strncmp(buf, status, strlen(status)) == 0,
	    "%s: want %d: %.200s", what, want, buf);
	ck_assert_msg(strstr(buf, "<html lang=\"zh-CN\">") != NULL &&
	    strstr(buf, marker) != NULL, "%s: not the page '%s': %.600s",
	    what, marker, buf);
	ck_assert_msg(strstr(buf, "X-Content-Type-Options: nosniff") != NULL,
	    "%s: no security headers: %.600s", what, buf);
}

START_TEST(other_statuses_are_chinese)
{
	static const struct {
		const char	*req;
		int		 status;
		const char	*marker;
	} c[] = {
		/* A folder: no listing. */
		{ "GET /static/ HTTP/1.1\r\nHost: x\r\n"
		    "Connection: close\r\n\r\n", 403, PAGE_FORBIDDEN },
		/* A range past the file's end. */
		{ "GET /static/hall.css HTTP/1.1\r\nHost: x\r\n"
		    "Range: bytes=99999999-\r\nConnection: close\r\n\r\n",
		    416, PAGE_BAD_REQUEST },
		/* A Transfer-Encoding nginx does not know. */
		{ "POST /static/hall.css HTTP/1.1\r\nHost: x\r\n"
		    "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n",
		    501, PAGE_BAD_REQUEST },
		/* An HTTP version nginx does not speak. */
		{ "GET /static/hall.css HTTP/2.5\r\nHost: x\r\n\r\n", 505,
		    PAGE_BAD_REQUEST },
	};
	char	 buf[32768], what[128];
	size_t	 i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(what, sizeof(what), "hall %d", c[i].status);
		raw_tls(hall_url(), "unit-a", c[i].req, buf, sizeof(buf));
		ck_raw_page(buf, c[i].status, c[i].marker, what);
		snprintf(what, sizeof(what), "public %d", c[i].status);
		raw_tls(pub_url(), NULL, c[i].req, buf, sizeof(buf));
		ck_raw_page(buf, c[i].status, c[i].marker, what);
	}
}
END_TEST

/* Whether the file at path holds the text needle (0 when unreadable). */
static int
file_has(const char *path, const char *needle)
{
	char	 line[8192];
	FILE	*f;
	int	 found = 0;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

/* The path of log file name of the test hall in buf[sz]. */
static const char *
log_path(const char *name, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s/log/%s", getenv("HALL_TEST_VAR"), name);
	return buf;
}

/* Mounts a full 16 KB tmpfs over folder sub of the hall's var/ (as
 * root; returns 0), so that nginx cannot write a byte there.  Returns
 * -1 when that cannot be done. */
static int
fill_tmp(const char *sub)
{
	char	 cmd[2048];

	if (geteuid() != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "d=%s/tmp/%s && mkdir -p $d && "
	    "mount -t tmpfs -o size=16k,mode=0777 hall-full $d && "
	    "{ dd if=/dev/zero of=$d/fill bs=4k count=16 2>/dev/null; "
	    "test $(df -P $d | awk 'NR==2 {print $4}') -eq 0 || "
	    "{ umount $d; exit 1; }; }", getenv("HALL_TEST_VAR"), sub);
	return system(cmd) == 0 ? 0 : -1;
}

/* Unmounts what fill_tmp(sub) mounted. */
static void
unfill_tmp(const char *sub)
{
	char	 cmd[2048];

	snprintf(cmd, sizeof(cmd), "umount %s/tmp/%s", getenv("HALL_TEST_VAR"),
	    sub);
	if (system(cmd) != 0)
		fprintf(stderr, "nginx: cannot unmount tmp/%s\n", sub);
}

START_TEST(big_body_never_on_disk)
{
	struct browser	 b;
	struct answer	 a;
	char		 path[1024];
	char		*body;
	size_t		 len = 5800 * 1024;
	int		 full;

	/* As root, the temporary folders are on a full filesystem, as
	 * they were when var/ filled up: an upload still reaches the
	 * program. */
	full = fill_tmp("body") == 0;
	if (!full)
		fprintf(stderr, "nginx: not root or no tmpfs: big_body_never_"
		    "on_disk checks the log only\n");
	ck_assert_ptr_nonnull(body = malloc(len));
	memset(body, 'x', len);
	browser_init(&b, "unit-a");
	http_post_raw(&b, "/tuigong/upload", "application/octet-stream",
	    body, len, &a);
	free(body);
	if (full)
		unfill_tmp("body");
	/* The program's answer (not logged in), not nginx's 500/413. */
	ck_assert_msg(a.status != 0 && a.status != 500 && a.status != 413 &&
	    strstr(a.body, PAGE_DOWN) == NULL, "POST 5.8 MB: %ld %.300s",
	    a.status, a.body);
	answer_free(&a);
	ck_assert_msg(!file_has(log_path("error.log", path, sizeof(path)),
	    "buffered to a temporary file"), "nginx wrote a body or an answer "
	    "to a temporary file (%s)", path);
	ck_assert(!file_has(path, "No space left on device"));
}
END_TEST

/* Writes a valid 身份证号 not used before in this run into out[19]
 * (region 420106, born 1988-07-1x; the check digit is the one
 * valid_idcard accepts). */
static void
fresh_idno(char out[19])
{
	static const char	 check[] = "0123456789X";
	size_t			 i;

	snprintf(out, 19, "42010619880710%03u",
	    (unsigned)(getpid() % 1000));
	out[13] = (char)('0' + getpid() / 1000 % 10);
	for (i = 0; i < sizeof(check) - 1; i++) {
		out[17] = check[i];
		out[18] = '\0';
		if (valid_idcard(out, NULL, NULL) == VALID_OK)
			return;
	}
	ck_abort_msg("no check digit for %s", out);
}

START_TEST(access_log_keeps_no_query)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[19], path[1024], url[256];

	fresh_idno(id);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	snprintf(url, sizeof(url), "/tuigong?q_sfzh=%s", id);
	ck_assert_int_gt(http_get(&b, url, 1, &a), 0);
	answer_free(&a);
	/* nginx's own page: the path asked for is logged, not the
	 * error page's. */
	snprintf(url, sizeof(url), "/nosuch?sfzh=%s", id);
	ck_assert_int_eq(http_get(&b, url, 1, &a), 404);
	answer_free(&a);
	log_path("access.log", path, sizeof(path));
	ck_assert_msg(file_has(path, "\"GET /tuigong HTTP/1.1\" "),
	    "no /tuigong line in %s", path);
	ck_assert_msg(file_has(path, "\"GET /nosuch HTTP/1.1\" 404 "),
	    "no /nosuch line in %s", path);
	ck_assert_msg(!file_has(path, id), "%s holds %s", path, id);
	ck_assert_msg(!file_has(path, "sfzh"), "%s holds a query", path);
	/* Who asked is there: the client certificate's serial. */
	ck_assert(!file_has(path, "\"GET /nosuch HTTP/1.1\" 404 0 "));
	ck_assert(file_has(path, " cert="));
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
	tcase_add_test(tc, other_statuses_are_chinese);
	suite_add_tcase(s, tc);

	tc = tcase_create("faults_and_logs");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, big_body_never_on_disk);
	tcase_add_test(tc, access_log_keeps_no_query);
	suite_add_tcase(s, tc);

	tc = tcase_create("routes");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_program_is_routed);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(nginx_suite)
