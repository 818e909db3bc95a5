/*
 * prefork.c: the parent that keeps a program's workers running.  See
 * prefork.h.  The parent waits for signals with sigtimedwait() (every
 * signal it cares about blocked, no handlers), so it has no state
 * shared with a handler and no race between a check and a sleep.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "log.h"
#include "prefork.h"

/* A worker that dies younger than this counts as a failed start. */
#define PREFORK_YOUNG_MS	1000
/* The first and the longest wait before re-forking a young death. */
#define PREFORK_BACKOFF_MS	100
#define PREFORK_BACKOFF_MAX_MS	10000
/* How long the parent lets its workers end before it kills them. */
#define PREFORK_STOP_MS		5000

/* One worker's place. */
struct slot {
	pid_t		 pid;		/* 0: none running */
	long long	 started;	/* ms, monotonic */
	long long	 next;		/* ms: fork again no sooner */
	unsigned int	 fails;		/* young deaths in a row */
};

/* Milliseconds of the monotonic clock. */
static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The CPUs this process may run on (at least 1). */
static int
cpu_count(void)
{
	cpu_set_t	 set;
	long		 n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 &&
	    CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

/* The number of workers HALL_WORKERS asks for; see prefork.h. */
int
prefork_workers(void)
{
	const char	*v = getenv("HALL_WORKERS");
	char		*end;
	long		 n;

	if (v == NULL || *v == '\0')
		return 1;
	if (strcmp(v, "auto") == 0)
		return cpu_count();
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > PREFORK_MAX) {
		log_err("HALL_WORKERS must be auto or 0 to %d, not \"%s\"",
		    PREFORK_MAX, v);
		return -1;
	}
	return n == 0 ? cpu_count() : (int)n;
}

/*
 * Forks the worker of slot sl.  In the worker: restores the signal
 * mask old, asks for SIGTERM when the parent dies, and returns 1.  In
 * the parent returns 0, the slot filled (or, when fork failed, left
 * empty and its next try put off as for a young death).
 */
static int
spawn(struct slot *sl, const sigset_t *old, pid_t parent)
{
	pid_t	 pid;

	sl->started = now_ms();
	if ((pid = fork()) == -1) {
		log_err("cannot fork a worker: %s", strerror(errno));
		sl->pid = 0;
		sl->fails++;
		sl->next = sl->started + PREFORK_BACKOFF_MS;
		return 0;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, old, NULL);
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
		if (getppid() != parent)	/* the parent died meanwhile */
			_exit(EXIT_SUCCESS);
		return 1;
	}
	sl->pid = pid;
	return 0;
}

/*
 * Records the end of worker pid (wait status st) in its slot of sl[n]
 * and sets when it may be forked again: at once after a long life,
 * later and later after young deaths in a row.  Logs how it ended
 * unless the parent is stopping.
 */
static void
reaped(struct slot *sl, int n, pid_t pid, int st, int stopping)
{
	long long	 now = now_ms(), wait;
	int		 i;

	for (i = 0; i < n && sl[i].pid != pid; i++)
		continue;
	if (i == n)
		return;			/* not a worker (none other is forked) */
	sl[i].pid = 0;
	if (!stopping) {
		if (WIFSIGNALED(st))
			log_warn("worker %ld killed by signal %d",
			    (long)pid, WTERMSIG(st));
		else
			log_warn("worker %ld exited with status %d",
			    (long)pid, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	}
	if (now - sl[i].started >= PREFORK_YOUNG_MS) {
		sl[i].fails = 0;
		sl[i].next = now;
		return;
	}
	if (sl[i].fails < 16)
		sl[i].fails++;
	wait = (long long)PREFORK_BACKOFF_MS << (sl[i].fails - 1);
	if (wait > PREFORK_BACKOFF_MAX_MS)
		wait = PREFORK_BACKOFF_MAX_MS;
	sl[i].next = now + wait;
}

/* Reaps every ended worker of sl[n] without waiting; returns how many
 * workers still run. */
static int
reap_all(struct slot *sl, int n, int stopping)
{
	pid_t	 pid;
	int	 st, i, live = 0;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0 ||
	    (pid == -1 && errno == EINTR))
		if (pid > 0)
			reaped(sl, n, pid, st, stopping);
	for (i = 0; i < n; i++)
		live += sl[i].pid != 0;
	return live;
}

/* Sends signal sig to every running worker of sl[n]. */
static void
signal_all(const struct slot *sl, int n, int sig)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (sl[i].pid > 0)
			kill(sl[i].pid, sig);
}

/* Waits up to ms milliseconds for any signal of set; returns it, or 0
 * on time out. */
static int
wait_signal(const sigset_t *set, long long ms)
{
	struct timespec	 ts;
	int		 sig;

	if (ms < 0)
		ms = 0;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	do
		sig = sigtimedwait(set, NULL, &ts);
	while (sig == -1 && errno == EINTR);
	return sig == -1 ? 0 : sig;
}

/* Asks the workers of sl[n] to end (SIGTERM), waits for them up to
 * PREFORK_STOP_MS, then kills those left (SIGKILL) and reaps them. */
static void
stop_all(struct slot *sl, int n, const sigset_t *set)
{
	long long	 end = now_ms() + PREFORK_STOP_MS;

	signal_all(sl, n, SIGTERM);
	while (reap_all(sl, n, 1) > 0 && now_ms() < end)
		wait_signal(set, end - now_ms());
	if (reap_all(sl, n, 1) > 0) {
		signal_all(sl, n, SIGKILL);
		while (reap_all(sl, n, 1) > 0)
			wait_signal(set, 100);
	}
}

/*
 * Forks n workers and keeps them running until TERM, INT or HUP; see
 * prefork.h.  Returns 0 in a worker, 1 in the parent at its end, -1 on
 * a set-up failure.  Owns the slots, freed before it returns.
 */
int
prefork(int n, int *status)
{
	struct slot	*sl;
	sigset_t	 set, old;
	pid_t		 parent = getpid();
	long long	 now, wake;
	int		 i, sig;

	*status = EXIT_SUCCESS;
	if (n <= 1)
		return 0;
	if ((sl = calloc((size_t)n, sizeof(*sl))) == NULL) {
		log_err("out of memory for %d workers", n);
		return -1;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, &old) != 0) {
		log_err("sigprocmask: %s", strerror(errno));
		free(sl);
		return -1;
	}
	log_info("%d workers", n);
	for (;;) {
		now = now_ms();
		wake = now + 60000;
		for (i = 0; i < n; i++) {
			if (sl[i].pid != 0)
				continue;
			if (sl[i].next <= now) {
				if (spawn(&sl[i], &old, parent)) {
					free(sl);
					return 0;	/* the worker */
				}
			}
			if (sl[i].pid == 0 && sl[i].next < wake)
				wake = sl[i].next;
		}
		sig = wait_signal(&set, wake - now_ms());
		if (sig == SIGTERM || sig == SIGINT || sig == SIGHUP)
			break;
		reap_all(sl, n, 0);
	}
	log_info("signal %d: stopping the workers", sig);
	stop_all(sl, n, &set);
	free(sl);
	return 1;	/* signals stay blocked: the parent is ending */
}
