/*
 * log.c: the one logging function.  Every line names the program, its
 * pid, the level, the request id and the identity, and cannot be split
 * or forged by user data: control characters become spaces.  No line
 * holds a whole ID number (身份证号): the message and the identity are
 * masked here, at the sink, so that no caller can forget to.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "text.h"

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

/* The shortest run of digits masked as an ID number: an old 15-digit
 * 身份证号.  Nothing the programs log on purpose is that long a number;
 * a hex string that happens to hold such a run loses its middle, which
 * is harmless. */
#define LOG_IDNO_MIN	15

/* Masks in s, in place, every run of at least LOG_IDNO_MIN ASCII
 * digits, an X or x right after it counted in: an 18-character
 * 身份证号, a 15-digit one, or one glued to other digits or letters.
 * The run keeps its first 6 and last 4 characters (text_mask_idno, as
 * the verify page shows a number). */
static void
log_mask(char *s)
{
	size_t	 i, n;

	for (i = 0; s[i] != '\0'; i += n) {
		n = 0;
		while (s[i + n] >= '0' && s[i + n] <= '9')
			n++;
		if (n == 0) {
			n = 1;
			continue;
		}
		if (s[i + n] == 'X' || s[i + n] == 'x')
			n++;
		if (n >= LOG_IDNO_MIN)
			text_mask_idno(s + i, n);
	}
}

/* Masks the digits that end s, whatever their number: a message cut
 * at the buffer's end may have cut an ID number short of the length
 * log_mask looks for. */
static void
log_mask_cut(char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && ((s[n - 1] >= '0' && s[n - 1] <= '9') ||
	    s[n - 1] == 'X' || s[n - 1] == 'x'))
		s[--n] = '*';
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
 * every line until the next call.  Both are copied; the identity is
 * masked as a message is (an account may be named by its 身份证号). */
void
log_setctx(const char *reqid, const char *who)
{
	log_copy(log_req, sizeof(log_req), reqid);
	log_copy(log_who, sizeof(log_who), who);
	log_mask(log_who);
}

/* Formats and writes one line to stderr, control characters replaced
 * and ID numbers masked.  A format failure still writes a line saying
 * so. */
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
	log_mask(buf);
	if (n >= (int)sizeof(buf))
		log_mask_cut(buf);
	fprintf(stderr, "%s[%ld] %s req=%s who=%s: %s\n", log_prog,
	    (long)getpid(), level, log_req[0] != '\0' ? log_req : "-",
	    log_who[0] != '\0' ? log_who : "-", buf);
}
