/*
 * log.c: the one logging function.  Every line names the program, its
 * pid, the level, the request id and the identity, and cannot be split
 * or forged by user data: control characters become spaces.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static char	 log_prog[64] = "hall";
static char	 log_req[64];
static char	 log_who[128];

static const char *const log_levels[LOG_LVL__MAX] = {
	"ERR",	/* LOG_LVL_ERR */
	"WARN",	/* LOG_LVL_WARN */
	"INFO",	/* LOG_LVL_INFO */
};

/* Replaces C0 control characters and DEL in s with spaces, in place. */
static void
log_clean(char *s)
{
	unsigned char	*p;

	for (p = (unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

/* Copies src (NULL = empty) into dst[dstsz], truncated and cleaned. */
static void
log_copy(char *dst, size_t dstsz, const char *src)
{
	size_t	 n;

	n = src == NULL ? 0 : strlen(src);
	if (n >= dstsz)
		n = dstsz - 1;
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
	log_clean(dst);
}

/* Sets the program name shown on every line (NULL = "hall"). */
void
log_setprog(const char *prog)
{
	log_copy(log_prog, sizeof(log_prog), prog == NULL ? "hall" : prog);
}

/* Sets (or clears with NULL) the request id and identity shown on
 * every line until the next call.  Both are copied. */
void
log_setctx(const char *reqid, const char *who)
{
	log_copy(log_req, sizeof(log_req), reqid);
	log_copy(log_who, sizeof(log_who), who);
}

/* Formats and writes one line to stderr.  A format failure still
 * writes a line saying so. */
void
log_msg(enum log_level lvl, const char *fmt, ...)
{
	char		 buf[2048];
	const char	*level;
	va_list		 ap;
	int		 n;

	level = (unsigned int)lvl < LOG_LVL__MAX ? log_levels[lvl] : "ERR";
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		snprintf(buf, sizeof(buf), "(unformattable log message)");
	log_clean(buf);
	fprintf(stderr, "%s[%ld] %s req=%s who=%s: %s\n", log_prog,
	    (long)getpid(), level, log_req[0] != '\0' ? log_req : "-",
	    log_who[0] != '\0' ? log_who : "-", buf);
}
