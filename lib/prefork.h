/*
 * prefork.h: several workers per program, slowcgi/kcgi style.  The
 * parent keeps the FastCGI listening socket (fd 0, from spawn-fcgi or
 * systemd socket activation), forks the workers, each of which runs
 * its own accept loop on the inherited socket, re-forks a worker that
 * dies (backing off when workers die young, so a crash loop does not
 * spin), passes TERM, INT and HUP on to the workers and ends when
 * asked.  The parent opens nothing else: each worker opens its own
 * store and stylesheet after the fork (an SQLite connection must not
 * cross a fork).
 *
 * Environment: HALL_WORKERS, the number of workers: unset or empty
 * means one (no parent, the process serves itself), "auto" or 0 the
 * number of CPUs this process may run on (as nproc(1) counts them), N
 * from 1 to PREFORK_MAX.  Depends on log.c only (so the benchmark's
 * hello-world program links it too).
 */
#ifndef HALL_PREFORK_H
#define HALL_PREFORK_H

#define PREFORK_MAX	256

/* The number of workers HALL_WORKERS asks for (1 when unset), or -1
 * (logged) when it is not "auto" nor a number from 0 to PREFORK_MAX. */
int		 prefork_workers(void);

/*
 * With n > 1, forks n workers and watches them.  Returns 0 in each
 * worker, which goes on to open what it needs and run its accept
 * loop; returns 1 in the parent once it was asked to end and its
 * workers are gone (*status is then the exit status to use); returns
 * -1 (logged) when the parent could not set itself up.  With n <= 1
 * returns 0 at once, forking nothing.
 */
int		 prefork(int n, int *status);

#endif
