/*
 * mh_load.c: the client load of the multi-host test and benchmark
 * (tests/multihost/run.sh), through the real nginx with a real client
 * certificate (tests/http/client.c, the HTTP tests' client).
 *
 *   mh-load OUT PEOPLE CLIENTS END_DATE
 *
 * Logs in once as the VIP unit demo-vip (certificate unit-vip), then
 * forks CLIENTS processes sharing that session.  Client k takes the
 * lines k, k+CLIENTS, … of PEOPLE ("name TAB 身份证号 TAB 合同编号", one
 * employee a line) and, for each, does what a browser does: GET the
 * 退工 form (/tuigong, as XML) for its one-time token, then POST
 * /tuigong/save with the employee's 退工 on END_DATE.  A submit that
 * gets no answer from the hall (the connection failed: status 0; or
 * nginx's 502/503/504: the program's host died) is sent again with the
 * same form and the same token until it gets one (at most 60 s); the
 * hall's double-submit rule then answers the task already made (303
 * repeat=1), never a second one.
 *
 * Client k writes OUT.k (the file a line at a time, flushed):
 *   ack TOKEN TASK_ID SENDS MS saved|repeat   a 303 to /tuigong?id=…,
 *                                             MS its time (ms since the
 *                                             epoch), SENDS the POSTs
 *   fail TOKEN STATUS                         any other final answer
 *   end SUBMITS ACKED RETRIED FAILED          at the end
 * The parent then GETs /home MH_HOMES (10) times (after every client
 * ended), sends client 0's first save again with its token (as a client
 * whose answer was lost would) and prints one line:
 *   submits N acknowledged A retried R failed F home_ok H/10 ms E rate S
 *   resend_same Q
 * (S = A per second over the E ms the clients ran; Q 1 when the save
 * sent again was answered 303 repeat=1 to the same task, else 0).
 * Exits 0 when every client ended and nothing failed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../http/client.h"

#define MH_MAX_CLIENTS	32
#define MH_HOMES	10
#define MH_RETRY_MS	100	/* pause before sending again */
#define MH_RETRY_MAX	600	/* 60 s of retries per request */

/* One employee of PEOPLE. */
struct mh_person {
	char	 name[64];
	char	 sfzh[24];
	char	 contract[40];
};

/* A client's counts. */
struct mh_counts {
	long	 submits, acked, retried, failed;
};

/* Milliseconds since the epoch (the clock the test's kill time uses). */
static long long
mh_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleeps MH_RETRY_MS. */
static void
mh_pause(void)
{
	struct timespec	 ts = { 0, MH_RETRY_MS * 1000000L };

	nanosleep(&ts, NULL);
}

/* True when status st means the hall itself gave no answer: the
 * connection failed, or nginx could not reach (or lost) the program. */
static int
mh_no_answer(long st)
{
	return st == 0 || st == 502 || st == 503 || st == 504;
}

/* Parses line into p ("name TAB sfzh TAB contract").  Returns 0, or -1
 * for a malformed line. */
static int
mh_parse_person(char *line, struct mh_person *p)
{
	char	*f[3], *save = NULL;
	int	 i;

	line[strcspn(line, "\r\n")] = '\0';
	for (i = 0; i < 3; i++)
		if ((f[i] = strtok_r(i == 0 ? line : NULL, "\t", &save)) ==
		    NULL)
			return -1;
	snprintf(p->name, sizeof(p->name), "%s", f[0]);
	snprintf(p->sfzh, sizeof(p->sfzh), "%s", f[1]);
	snprintf(p->contract, sizeof(p->contract), "%s", f[2]);
	return 0;
}

/* The one-time token of a fresh 退工 form into tok[40], read again
 * while the hall gives no answer.  Returns 0, or -1 (status in *st). */
static int
mh_form_token(struct browser *b, char tok[40], long *st)
{
	struct answer	 a;
	char		*v;
	int		 i;

	for (i = 0; i < MH_RETRY_MAX; i++) {
		*st = http_get(b, "/tuigong", 1, &a);
		if (*st == 200) {
			v = xpath_str(&a, "string(/page/form/@token)");
			snprintf(tok, 40, "%s", v);
			free(v);
			answer_free(&a);
			return tok[0] != '\0' ? 0 : -1;
		}
		answer_free(&a);
		if (!mh_no_answer(*st))
			return -1;
		mh_pause();
	}
	return -1;
}

/* POSTs p's 退工 with token tok, again while the hall gives no answer.
 * Fills *id and *repeat from the 303's Location (/tuigong?id=N&…) and
 * *sends.  Returns the final status. */
static long
mh_save(struct browser *b, const struct mh_person *p, const char *tok,
    const char *end_date, long long *id, int *repeat, int *sends)
{
	struct answer	 a;
	const char	*q;
	long		 st = 0;

	for (*sends = 0; *sends < MH_RETRY_MAX; ) {
		(*sends)++;
		st = http_post(b, "/tuigong/save", 1, &a, "token", tok,
		    "name", p->name, "sfzh", p->sfzh, "sex", "男",
		    "hukou_type", "城镇", "reason", "协商一致解除",
		    "end_date", end_date, "contract_no", p->contract,
		    "contract_start", "2020-01-01", "contract_end",
		    "2030-12-31", "handler_name", "经办人",
		    "handler_phone", "13900000000", NULL);
		if (st == 303 && (q = strstr(a.location, "?id=")) != NULL) {
			*id = atoll(q + 4);
			*repeat = strstr(a.location, "repeat=1") != NULL;
		}
		answer_free(&a);
		if (!mh_no_answer(st))
			break;
		mh_pause();
	}
	return st;
}

/* Runs client k of n over the people of file path, writing out (see
 * the top).  Returns the exit status of the client process. */
static int
mh_client(struct browser *b, const char *path, int k, int n,
    const char *end_date, FILE *out)
{
	struct mh_person	 p;
	struct mh_counts	 c = { 0, 0, 0, 0 };
	char			 line[256], tok[40];
	long long		 id;
	long			 st;
	int			 no = 0, repeat, sends;
	FILE			*in;

	if ((in = fopen(path, "r")) == NULL)
		return 2;
	while (fgets(line, sizeof(line), in) != NULL) {
		if (no++ % n != k || mh_parse_person(line, &p) != 0)
			continue;
		c.submits++;
		if (mh_form_token(b, tok, &st) != 0) {
			fprintf(out, "fail - %ld\n", st);
			c.failed++;
			continue;
		}
		id = 0;
		repeat = 0;
		st = mh_save(b, &p, tok, end_date, &id, &repeat, &sends);
		c.retried += sends - 1;
		if (st == 303 && id > 0) {
			fprintf(out, "ack %s %lld %d %lld %s\n", tok, id, sends,
			    mh_now_ms(), repeat ? "repeat" : "saved");
			c.acked++;
		} else {
			fprintf(out, "fail %s %ld\n", tok, st);
			c.failed++;
		}
		fflush(out);
	}
	fclose(in);
	fprintf(out, "end %ld %ld %ld %ld\n", c.submits, c.acked, c.retried,
	    c.failed);
	return c.failed == 0 ? 0 : 1;
}

/* Forks client k writing OUT.k.  Returns its pid, or -1. */
static pid_t
mh_fork(struct browser *b, const char *outp, const char *people, int k,
    int n, const char *end_date)
{
	char	 path[1024];
	FILE	*out;
	pid_t	 pid;
	int	 rc;

	snprintf(path, sizeof(path), "%s.%d", outp, k);
	if ((pid = fork()) != 0)
		return pid;
	/* A client ends with the parent (the test stopped early). */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() == 1)
		_exit(2);
	if ((out = fopen(path, "w")) == NULL)
		_exit(2);
	rc = mh_client(b, people, k, n, end_date, out);
	fclose(out);
	_exit(rc);
}

/* Adds the "end" line of OUT.k to *sum.  Returns 0, or -1 when the
 * client wrote none. */
static int
mh_sum(const char *outp, int k, struct mh_counts *sum)
{
	struct mh_counts	 c;
	char			 path[1024], line[256];
	int			 found = -1;
	FILE			*f;

	snprintf(path, sizeof(path), "%s.%d", outp, k);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "end %ld %ld %ld %ld", &c.submits, &c.acked,
		    &c.retried, &c.failed) == 4) {
			sum->submits += c.submits;
			sum->acked += c.acked;
			sum->retried += c.retried;
			sum->failed += c.failed;
			found = 0;
		}
	fclose(f);
	return found;
}

/* Sends the first save of client 0 again (the first employee of file
 * people, with the token of the first line of OUT.0), as a client whose
 * answer was lost would.  Returns 1 when the hall answers 303 to the
 * same task with repeat=1, 0 otherwise. */
static int
mh_resend(struct browser *b, const char *outp, const char *people,
    const char *end_date)
{
	struct mh_person	 p;
	char			 path[1024], line[256], tok[40];
	long long		 id, again = 0;
	int			 repeat = 0, sends, ok = 0;
	FILE			*f;

	snprintf(path, sizeof(path), "%s.0", outp);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(line, sizeof(line), f) == NULL ||
	    sscanf(line, "ack %39s %lld", tok, &id) != 2)
		id = 0;
	fclose(f);
	if (id == 0 || (f = fopen(people, "r")) == NULL)
		return 0;
	if (fgets(line, sizeof(line), f) != NULL &&
	    mh_parse_person(line, &p) == 0 &&
	    mh_save(b, &p, tok, end_date, &again, &repeat, &sends) == 303)
		ok = again == id && repeat;
	fclose(f);
	return ok;
}

/* GETs /home MH_HOMES times; returns how many answered 200. */
static int
mh_homes(struct browser *b)
{
	struct answer	 a;
	int		 i, ok = 0;

	for (i = 0; i < MH_HOMES; i++) {
		if (http_get(b, "/home", 1, &a) == 200)
			ok++;
		answer_free(&a);
	}
	return ok;
}

/* See the top: the login, the clients, their sums, the last checks. */
int
main(int argc, char **argv)
{
	struct browser		 b;
	struct mh_counts	 sum = { 0, 0, 0, 0 };
	pid_t			 pids[MH_MAX_CLIENTS];
	long long		 t0, ms;
	int			 n, k, st, bad = 0, homes;

	if (argc != 5 || (n = atoi(argv[3])) < 1 || n > MH_MAX_CLIENTS) {
		fprintf(stderr, "usage: mh-load OUT PEOPLE CLIENTS END_DATE\n");
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	browser_init(&b, "unit-vip");
	if (login(&b, "demo-vip") != 0) {
		fprintf(stderr, "mh-load: cannot log in as demo-vip\n");
		return 1;
	}
	t0 = mh_now_ms();
	for (k = 0; k < n; k++)
		if ((pids[k] = mh_fork(&b, argv[1], argv[2], k, n,
		    argv[4])) < 0) {
			fprintf(stderr, "mh-load: fork: %s\n", strerror(errno));
			return 1;
		}
	for (k = 0; k < n; k++)
		if (waitpid(pids[k], &st, 0) < 0 || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			bad = 1;
	ms = mh_now_ms() - t0;
	for (k = 0; k < n; k++)
		if (mh_sum(argv[1], k, &sum) != 0)
			bad = 1;
	homes = mh_homes(&b);
	printf("submits %ld acknowledged %ld retried %ld failed %ld "
	    "home_ok %d/%d ms %lld rate %.1f resend_same %d\n", sum.submits,
	    sum.acked, sum.retried, sum.failed, homes, MH_HOMES, ms,
	    ms > 0 ? sum.acked * 1000.0 / (double)ms : 0.0,
	    mh_resend(&b, argv[1], argv[2], argv[4]));
	return bad || sum.failed > 0 ? 1 : 0;
}
