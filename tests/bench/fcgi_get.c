/*
 * fcgi_get.c: a minimal FastCGI client for the callgrind benchmark
 * (tests/bench/callgrind.sh).  Usage:
 *
 *	fcgi-get SOCKET N NAME=VALUE...
 *
 * Sends N requests with the given parameters (no body) to the FastCGI
 * program listening on the Unix socket SOCKET (or on TCP, SOCKET
 * HOST:PORT: tests/multihost/run.sh), one connection each, as
 * nginx does, and reads each answer to its end.  Writes the last
 * answer (headers and body) to standard output.  Exits 0 when every
 * answer came back with "Status: 200", 1 otherwise.  N 0 only connects
 * and hangs up: it wakes a program that was told to stop while it
 * waited in accept (tests/bench/irget.sh).
 */
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define FCGI_BEGIN_REQUEST	1
#define FCGI_END_REQUEST	3
#define FCGI_PARAMS		4
#define FCGI_STDIN		5
#define FCGI_STDOUT		6
#define FCGI_RESPONDER		1

/* The answer of one request, grown as it arrives. */
struct answer {
	char	*buf;
	size_t	 len, cap;
};

/* Writes all of buf to fd.  Returns 0 or -1. */
static int
write_all(int fd, const void *buf, size_t sz)
{
	const char	*p = buf;
	ssize_t		 n;

	while (sz > 0) {
		if ((n = write(fd, p, sz)) <= 0)
			return -1;
		p += n;
		sz -= (size_t)n;
	}
	return 0;
}

/* Reads exactly sz bytes from fd.  Returns 0, or -1 at end or error. */
static int
read_all(int fd, void *buf, size_t sz)
{
	char	*p = buf;
	ssize_t	 n;

	while (sz > 0) {
		if ((n = read(fd, p, sz)) <= 0)
			return -1;
		p += n;
		sz -= (size_t)n;
	}
	return 0;
}

/* Writes one record of type with content (len < 65536) for request 1.
 * Returns 0 or -1. */
static int
put_record(int fd, int type, const void *content, size_t len)
{
	unsigned char	 h[8];

	h[0] = 1;
	h[1] = (unsigned char)type;
	h[2] = 0;
	h[3] = 1;
	h[4] = (unsigned char)(len >> 8);
	h[5] = (unsigned char)len;
	h[6] = 0;
	h[7] = 0;
	if (write_all(fd, h, 8) < 0)
		return -1;
	return len == 0 ? 0 : write_all(fd, content, len);
}

/* Appends the FastCGI length of n (1 or 4 bytes) to p; returns the
 * bytes written. */
static size_t
put_len(unsigned char *p, size_t n)
{
	if (n < 128) {
		p[0] = (unsigned char)n;
		return 1;
	}
	p[0] = (unsigned char)((n >> 24) | 0x80);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	return 4;
}

/* Encodes the NAME=VALUE pairs into params (capacity cap).  Returns
 * its length, or 0 when they do not fit one record. */
static size_t
encode_params(unsigned char *params, size_t cap, int argc, char *argv[])
{
	size_t		 len = 0, nl, vl;
	const char	*eq;
	int		 i;

	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL)
			return 0;
		nl = (size_t)(eq - argv[i]);
		vl = strlen(eq + 1);
		if (len + 8 + nl + vl > cap)
			return 0;
		len += put_len(params + len, nl);
		len += put_len(params + len, vl);
		memcpy(params + len, argv[i], nl);
		len += nl;
		memcpy(params + len, eq + 1, vl);
		len += vl;
	}
	return len;
}

/* Connects to TCP address addr, "HOST:PORT" (the multi-host test's
 * programs, nginx/run.sh host).  Returns the fd or -1. */
static int
dial_tcp(const char *addr)
{
	struct addrinfo	 hints, *res, *ai;
	char		 host[256];
	const char	*colon = strrchr(addr, ':');
	int		 fd = -1;

	if (colon == NULL || (size_t)(colon - addr) >= sizeof(host))
		return -1;
	snprintf(host, sizeof(host), "%.*s", (int)(colon - addr), addr);
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0)
		return -1;
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype,
		    ai->ai_protocol)) < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	return fd;
}

/* Connects to the Unix socket path, or to TCP "HOST:PORT" when path
 * does not begin with "/".  Returns the fd or -1. */
static int
dial(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	if (path[0] != '/')
		return dial_tcp(path);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		return -1;
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Runs one request with the encoded params; fills a with its standard
 * output.  Returns 0 or -1. */
static int
one_request(const char *path, const unsigned char *params, size_t plen,
    struct answer *a)
{
	static const unsigned char begin[8] = { 0, FCGI_RESPONDER, 0 };
	unsigned char	 h[8], body[65536 + 256];
	size_t		 clen, pad;
	int		 fd, rc = -1;

	a->len = 0;
	if ((fd = dial(path)) < 0)
		return -1;
	if (put_record(fd, FCGI_BEGIN_REQUEST, begin, 8) < 0 ||
	    put_record(fd, FCGI_PARAMS, params, plen) < 0 ||
	    put_record(fd, FCGI_PARAMS, NULL, 0) < 0 ||
	    put_record(fd, FCGI_STDIN, NULL, 0) < 0)
		goto out;
	while (read_all(fd, h, 8) == 0) {
		clen = (size_t)h[4] << 8 | h[5];
		pad = h[6];
		if (read_all(fd, body, clen + pad) < 0)
			goto out;
		if (h[1] == FCGI_END_REQUEST) {
			rc = 0;
			break;
		}
		if (h[1] != FCGI_STDOUT || clen == 0)
			continue;
		if (a->len + clen > a->cap) {
			a->cap = (a->len + clen) * 2;
			if ((a->buf = realloc(a->buf, a->cap)) == NULL)
				goto out;
		}
		memcpy(a->buf + a->len, body, clen);
		a->len += clen;
	}
out:
	close(fd);
	return rc;
}

int
main(int argc, char *argv[])
{
	static unsigned char	 params[65535];
	struct answer		 a = { NULL, 0, 0 };
	size_t			 plen;
	long			 n, i;
	int			 bad = 0;

	if (argc < 3 || (n = strtol(argv[2], NULL, 10)) < 0) {
		fputs("usage: fcgi-get SOCKET N NAME=VALUE...\n", stderr);
		return 2;
	}
	/* A program that closes the connection (one refusing this
	 * client's address) is a failed request, not a dead client. */
	signal(SIGPIPE, SIG_IGN);
	if (n == 0) {
		if ((i = dial(argv[1])) < 0)
			return 1;
		close((int)i);
		return 0;
	}
	if ((plen = encode_params(params, sizeof(params), argc - 3,
	    argv + 3)) == 0 && argc > 3) {
		fputs("fcgi-get: parameters malformed or too long\n", stderr);
		return 2;
	}
	for (i = 0; i < n; i++) {
		if (one_request(argv[1], params, plen, &a) < 0) {
			fprintf(stderr, "fcgi-get: request %ld failed\n", i + 1);
			return 1;
		}
		if (a.len < 11 || memcmp(a.buf, "Status: 200", 11) != 0)
			bad = 1;
	}
	fwrite(a.buf, 1, a.len, stdout);
	free(a.buf);
	return bad;
}
