/*
 * audit.h: the append-only audit trail.  Each row holds the SHA-256 of
 * the row before it, so an altered or deleted row breaks the chain.
 */
#ifndef HALL_AUDIT_H
#define HALL_AUDIT_H

#include <stdint.h>
#include <time.h>

struct store;

/* Who did something: an account (0 for the system) and its certificate. */
struct actor {
	int64_t		 account_id;	/* 0: the system (自动审核, admin tool) */
	int64_t		 unit_id;	/* 0 unless a unit's account */
	const char	*name;		/* display name, e.g. "单位经办人" */
	const char	*cert_fp;	/* SHA-256 hex, or "" */
};

/* Appends one row: now, actor, action ("task.submit"), object
 * ("task:42"), detail (free text, may be NULL).  Must be called inside
 * the caller's transaction.  Returns 0 or -1. */
int		 audit_append(struct store *s, const struct actor *who,
		    const char *action, const char *object, const char *detail);

/* The same, stamped at (seconds since the epoch) instead of now: for a
 * history written after the fact (hall-admin populate).  The chain's
 * order is the order of appending, whatever the stamps. */
int		 audit_append_at(struct store *s, const struct actor *who,
		    time_t at, const char *action, const char *object,
		    const char *detail);

/* Walks the chain from the first row.  Returns the number of rows
 * checked, or -1 with *bad_id set to the first row whose hash or link
 * is wrong. */
int64_t		 audit_verify(struct store *s, int64_t *bad_id);

#endif
