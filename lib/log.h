/*
 * log.h: the one logging function.  Lines go to stderr (spawn-fcgi and
 * systemd send it to the journal / var/log) as
 * "prog[pid] level req=ID who=ACCOUNT: message", CR and LF in the
 * message replaced so user data cannot forge lines.
 */
#ifndef HALL_LOG_H
#define HALL_LOG_H

enum log_level {
	LOG_LVL_ERR,	/* LOG_LVL_ERR */
	LOG_LVL_WARN,	/* LOG_LVL_WARN */
	LOG_LVL_INFO,	/* LOG_LVL_INFO */
	LOG_LVL__MAX
};

/* Sets the program name and the current request id / identity (either
 * may be NULL to clear).  Strings are copied. */
void		 log_setprog(const char *prog);
void		 log_setctx(const char *reqid, const char *who);

/* Logs one line. */
void		 log_msg(enum log_level lvl, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LVL_INFO, __VA_ARGS__)

#endif
