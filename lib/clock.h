/*
 * clock.h: the hall's notion of now.  Tests move it with the documented
 * setting HALL_CLOCK_FILE: when that environment variable names a file
 * holding "YYYY-MM-DD HH:MM:SS" (UTC+8 local time of the hall), that
 * is now; otherwise the system clock.  Nothing else reads time().
 */
#ifndef HALL_CLOCK_H
#define HALL_CLOCK_H

#include <time.h>

struct hdate;

/* Seconds since the epoch, as the hall sees them. */
time_t		 clock_now(void);

/* Today's date in the hall's time zone (Asia/Shanghai, UTC+8). */
void		 clock_today(struct hdate *out);

/* Formats t as "YYYY-MM-DD HH:MM:SS" in UTC+8 into buf[20]. */
void		 clock_fmt(time_t t, char buf[20]);

/* The date of t in UTC+8. */
void		 clock_date(time_t t, struct hdate *out);

#endif
