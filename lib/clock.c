/*
 * clock.c: the hall's notion of now.  The hall runs on UTC+8 without
 * daylight saving, so dates are computed with plain arithmetic and TZ
 * is never consulted.  Tests move the clock with HALL_CLOCK_FILE.
 */
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "log.h"
#include "valid.h"

#define CLOCK_OFFSET	(8 * 3600)	/* UTC+8 */
#define CLOCK_DAY	86400

/* Days in month m of year y. */
static int
clock_mdays(int y, int m)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Parses "YYYY-MM-DD HH:MM:SS" (hall time, optional trailing
 * whitespace) into *t.  Returns 0 or -1. */
static int
clock_parse(const char *s, time_t *t)
{
	struct hdate	 date;
	int		 y, mo, d, h, mi, se, n;

	n = 0;
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &se, &n) != 6 || n != 19)
		return -1;
	for (s += n; *s != '\0'; s++)
		if (*s != '\n' && *s != '\r' && *s != ' ' && *s != '\t')
			return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > clock_mdays(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    se < 0 || se > 59)
		return -1;
	date.year = y;
	date.month = mo;
	date.day = d;
	*t = (time_t)(hdate_to_days(&date) * CLOCK_DAY + h * 3600 + mi * 60 +
	    se - CLOCK_OFFSET);
	return 0;
}

/* The time in HALL_CLOCK_FILE when set and valid (re-read at every
 * call), else the system clock. */
time_t
clock_now(void)
{
	const char	*path;
	char		 buf[64];
	FILE		*f;
	size_t		 n;
	time_t		 t;

	path = getenv("HALL_CLOCK_FILE");
	if (path == NULL || path[0] == '\0')
		return time(NULL);
	if ((f = fopen(path, "re")) == NULL) {
		/* No file is the documented way to say "the real clock". */
		if (errno == ENOENT)
			return time(NULL);
		log_warn("HALL_CLOCK_FILE %s unreadable; using the system "
		    "clock", path);
		return time(NULL);
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (clock_parse(buf, &t) == -1) {
		log_warn("HALL_CLOCK_FILE %s: not \"YYYY-MM-DD HH:MM:SS\"; "
		    "using the system clock", path);
		return time(NULL);
	}
	return t;
}

/* The UTC+8 date of t. */
void
clock_date(time_t t, struct hdate *out)
{
	int64_t	 s, days;

	s = (int64_t)t + CLOCK_OFFSET;
	days = s / CLOCK_DAY;
	if (s % CLOCK_DAY < 0)
		days--;
	hdate_from_days((long)days, out);
}

/* Today's date in the hall's time zone. */
void
clock_today(struct hdate *out)
{
	clock_date(clock_now(), out);
}

/* Writes v as exactly width decimal digits at p (v reduced modulo
 * 10^width, so the output never overflows). */
static void
clock_digits(char *p, unsigned int v, int width)
{
	while (width-- > 0) {
		p[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Formats t as "YYYY-MM-DD HH:MM:SS" (UTC+8) into buf[20]. */
void
clock_fmt(time_t t, char buf[20])
{
	struct hdate	 d;
	int64_t		 s, sod;

	clock_date(t, &d);
	s = (int64_t)t + CLOCK_OFFSET;
	sod = s % CLOCK_DAY;
	if (sod < 0)
		sod += CLOCK_DAY;
	memcpy(buf, "0000-00-00 00:00:00", 20);
	clock_digits(buf, (unsigned int)d.year, 4);
	clock_digits(buf + 5, (unsigned int)d.month, 2);
	clock_digits(buf + 8, (unsigned int)d.day, 2);
	clock_digits(buf + 11, (unsigned int)(sod / 3600), 2);
	clock_digits(buf + 14, (unsigned int)(sod % 3600 / 60), 2);
	clock_digits(buf + 17, (unsigned int)(sod % 60), 2);
}
