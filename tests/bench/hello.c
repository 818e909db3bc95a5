/*
 * hello.c: the benchmark's baseline, a FastCGI program that answers
 * every request with "hello\n".  It measures what nginx, TLS and the
 * FastCGI round trip cost before the hall does any work (make bench
 * compares /home with /hello).  Listens on fd 0 like every program of
 * the hall (spawn-fcgi, systemd socket activation), in as many
 * workers as the hall's programs (HALL_WORKERS, lib/prefork.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include <fcgiapp.h>

#include "log.h"
#include "prefork.h"

static const char hello_answer[] =
    "Status: 200 OK\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 6\r\n"
    "\r\n"
    "hello\n";

/*
 * Answers one accepted request.  Returns 0, or -1 when the answer
 * could not be written (the connection went away).  Owns nothing.
 */
static int
hello_answer_one(FCGX_Request *rq)
{
	size_t	 len = sizeof(hello_answer) - 1;

	if (FCGX_PutStr(hello_answer, (int)len, rq->out) != (int)len)
		return -1;
	return 0;
}

/*
 * Runs the accept loop on fd 0 until the socket fails, in HALL_WORKERS
 * workers.  Returns the exit status: 0 after a clean end of the loop
 * (or of the parent), 1 if set-up failed.
 */
int
main(void)
{
	FCGX_Request	 rq;
	int		 n, status;

	log_setprog("hello");
	if ((n = prefork_workers()) < 0)
		return 1;
	switch (prefork(n, &status)) {
	case -1:
		return 1;
	case 1:
		return status;
	default:
		break;
	}
	if (FCGX_Init() != 0) {
		fputs("hello: FCGX_Init failed\n", stderr);
		return 1;
	}
	if (FCGX_InitRequest(&rq, 0, 0) != 0) {
		fputs("hello: FCGX_InitRequest failed\n", stderr);
		return 1;
	}
	while (FCGX_Accept_r(&rq) >= 0) {
		if (hello_answer_one(&rq) != 0)
			fputs("hello: write failed\n", stderr);
		FCGX_Finish_r(&rq);
	}
	FCGX_Free(&rq, 1);
	return 0;
}
