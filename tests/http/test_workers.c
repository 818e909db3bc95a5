/*
 * test_workers.c: several workers per program (lib/prefork.c).  The
 * harness runs the hall with WORKERS=2: a worker killed with SIGKILL
 * is replaced by its program's parent and requests still succeed, and
 * a request held open on one worker (a FastCGI client that sends its
 * request slowly, straight to the program's socket) does not block a
 * request through nginx to the same program.  No timing bound is
 * asserted: waits are long and end as soon as the state is reached.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../suites.h"
#include "client.h"

#define MAXW	16

/* The pid of program name's parent process (VAR/run/NAME.pid), or 0. */
static pid_t
parent_of(const char *name)
{
	char	 path[1024];
	FILE	*f;
	long	 pid = 0;

	snprintf(path, sizeof(path), "%s/run/%s.pid", getenv("HALL_TEST_VAR"),
	    name);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

/* Fills w[MAXW] with the live children of pid parent (from /proc's
 * stat files; zombies left out); returns their number. */
static int
children_of(pid_t parent, pid_t w[MAXW])
{
	DIR		*d;
	struct dirent	*e;
	char		 path[300], buf[1024], *p, st;
	FILE		*f;
	long		 ppid;
	int		 n = 0;

	if ((d = opendir("/proc")) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL && n < MAXW) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		p = fgets(buf, sizeof(buf), f);
		fclose(f);
		/* "pid (comm) state ppid ...": comm may hold spaces. */
		if (p == NULL || (p = strrchr(buf, ')')) == NULL ||
		    sscanf(p + 1, " %c %ld", &st, &ppid) != 2)
			continue;
		if (ppid == (long)parent && st != 'Z')
			w[n++] = (pid_t)atol(e->d_name);
	}
	closedir(d);
	return n;
}

/* Sleeps a tenth of a second. */
static void
nap(void)
{
	struct timespec	 ts = { 0, 100000000L };

	nanosleep(&ts, NULL);
}

/* Waits (up to 60 s) until parent has want live children, neither of
 * them gone1 nor gone2 (killed: SIGKILL takes effect a little after
 * kill() returns); returns their number when reached, else the last
 * count. */
static int
await_children(pid_t parent, int want, pid_t gone1, pid_t gone2,
    pid_t w[MAXW])
{
	int	 i, n = 0, tries, seen;

	for (tries = 0; tries < 600; tries++) {
		n = children_of(parent, w);
		for (seen = 0, i = 0; i < n; i++)
			seen |= w[i] == gone1 || w[i] == gone2;
		if (n == want && !seen)
			return n;
		nap();
	}
	return n;
}

/* GET /login with a certificate, n times; returns how many were 200
 * with the login page. */
static int
logins_ok(int n)
{
	struct browser	 b;
	struct answer	 a;
	char		*v;
	int		 i, ok = 0;

	browser_init(&b, "unit-a");
	for (i = 0; i < n; i++) {
		if (http_get(&b, "/login", 1, &a) == 200) {
			v = xpath_str(&a, "string(/page/@view)");
			ok += strcmp(v, "login") == 0;
			free(v);
		}
		answer_free(&a);
	}
	return ok;
}

START_TEST(killed_worker_is_replaced)
{
	pid_t	 parent, w[MAXW], again[MAXW];
	int	 n;

	parent = parent_of("login");
	ck_assert_msg(parent > 0, "no login.pid");
	/* Both workers are up (the harness asks for 2). */
	n = await_children(parent, 2, 0, 0, w);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(logins_ok(4), 4);

	/* One dies mid-idle, as from the OOM killer or an abort. */
	ck_assert_int_eq(kill(w[0], SIGKILL), 0);
	n = await_children(parent, 2, w[0], 0, again);
	ck_assert_msg(n == 2, "%d workers after a kill, want 2", n);
	/* Its parent still runs: it forked the new one. */
	ck_assert_int_eq(kill(parent, 0), 0);
	ck_assert_int_eq(parent_of("login"), parent);
	ck_assert_int_eq(logins_ok(6), 6);

	/* Both at once: the parent replaces both. */
	ck_assert_int_eq(kill(again[0], SIGKILL), 0);
	ck_assert_int_eq(kill(again[1], SIGKILL), 0);
	n = await_children(parent, 2, again[0], again[1], w);
	ck_assert_int_eq(n, 2);
	ck_assert(w[0] != again[0] && w[0] != again[1] &&
	    w[1] != again[0] && w[1] != again[1]);
	ck_assert_int_eq(logins_ok(4), 4);
}
END_TEST

/* Appends a FastCGI record of type with content c[0..len) and request
 * id 1 to buf at *off (buf big enough). */
static void
fcgi_record(unsigned char *buf, size_t *off, int type, const void *c,
    size_t len)
{
	unsigned char	*p = buf + *off;

	p[0] = 1;			/* FCGI_VERSION_1 */
	p[1] = (unsigned char)type;
	p[2] = 0;
	p[3] = 1;			/* request id 1 */
	p[4] = (unsigned char)(len >> 8);
	p[5] = (unsigned char)len;
	p[6] = 0;			/* no padding */
	p[7] = 0;
	if (len > 0)
		memcpy(p + 8, c, len);
	*off += 8 + len;
}

/* Appends the FastCGI name-value pair name=value (each under 128
 * bytes) to buf at *off. */
static void
fcgi_pair(unsigned char *buf, size_t *off, const char *name,
    const char *value)
{
	size_t	 nl = strlen(name), vl = strlen(value);

	buf[(*off)++] = (unsigned char)nl;
	buf[(*off)++] = (unsigned char)vl;
	memcpy(buf + *off, name, nl);
	*off += nl;
	memcpy(buf + *off, value, vl);
	*off += vl;
}

/* Connects to program name's FastCGI socket; returns the fd or -1. */
static int
fcgi_connect(const char *name)
{
	struct sockaddr_un	 sa;
	int			 fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/run/%s.sock",
	    getenv("HALL_TEST_VAR"), name);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Writes buf[0..len) to fd whole; returns 0 or -1. */
static int
write_all(int fd, const unsigned char *buf, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, buf, len)) < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

START_TEST(slow_request_does_not_block)
{
	static const unsigned char begin[8] = { 0, 1, 0 };	/* responder */
	unsigned char	 buf[2048], params[512], out[8192];
	size_t		 off = 0, poff = 0, got = 0;
	struct timeval	 tv = { 60, 0 };
	ssize_t		 n;
	int		 fd;

	/* A request that has begun and sends its parameters slowly: the
	 * worker that accepted it waits for them. */
	fd = fcgi_connect("login");
	ck_assert_msg(fd >= 0, "cannot connect to login.sock");
	fcgi_record(buf, &off, 1, begin, sizeof(begin)); /* BEGIN_REQUEST */
	ck_assert_int_eq(write_all(fd, buf, off), 0);

	/* Meanwhile the other worker answers through nginx, again and
	 * again (a single worker would wait for the slow client until
	 * the client's 30 s time-out: status 0). */
	ck_assert_int_eq(logins_ok(5), 5);

	/* The slow request ends and is answered too: it had a worker. */
	fcgi_pair(params, &poff, "REQUEST_METHOD", "GET");
	fcgi_pair(params, &poff, "DOCUMENT_URI", "/login");
	fcgi_pair(params, &poff, "SCRIPT_NAME", "/login");
	fcgi_pair(params, &poff, "REQUEST_URI", "/login");
	fcgi_pair(params, &poff, "HTTPS", "on");
	off = 0;
	fcgi_record(buf, &off, 4, params, poff);	/* PARAMS */
	fcgi_record(buf, &off, 4, NULL, 0);		/* end of PARAMS */
	fcgi_record(buf, &off, 5, NULL, 0);		/* empty STDIN */
	ck_assert_int_eq(write_all(fd, buf, off), 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (got < sizeof(out) - 1 &&
	    (n = read(fd, out + got, sizeof(out) - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	out[got] = '\0';
	/* STDOUT records (type 6) carrying CGI headers, then END_REQUEST. */
	ck_assert_msg(got > 16 && out[1] == 6, "no FastCGI answer (%zu bytes)",
	    got);
	ck_assert_msg(memmem(out, got, "Status: ", 8) != NULL ||
	    memmem(out, got, "Content-Type: ", 14) != NULL,
	    "no CGI headers in the answer to the slow request");
}
END_TEST

static Suite *
workers_suite(void)
{
	Suite	*s = suite_create("workers");
	TCase	*tc;

	tc = tcase_create("prefork");
	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, killed_worker_is_replaced);
	tcase_add_test(tc, slow_request_does_not_block);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(workers_suite)
