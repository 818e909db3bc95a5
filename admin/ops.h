/*
 * ops.h: the operators' checks and repairs of hall-admin: the room a
 * checkpoint needs, the stamp of the last successful checkpoint, the
 * Nagios-style health check and the restore of a backup.  Kept apart
 * from hall-admin.c so that the unit tests can call them.
 */
#ifndef HALL_ADMIN_OPS_H
#define HALL_ADMIN_OPS_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct store;

/* Nagios plugin states, also health's exit codes. */
#define OPS_OK		0
#define OPS_WARNING	1
#define OPS_CRITICAL	2

/* Slack a checkpoint needs beyond the WAL's size (bytes). */
#define OPS_CKPT_SLACK	(1024 * 1024)

/* How many certificate or CRL files health looks at, at most. */
#define OPS_CERTS_MAX	8

/* What health checks and where its thresholds lie. */
struct ops_health_opts {
	const char	*db;		/* the database file */
	const char	*run;		/* make run's run folder, or NULL */
	const char	*programs;	/* "a,b,c" to find in /proc, or NULL */
	const char	*certs[OPS_CERTS_MAX];	/* PEM certificates or CRLs */
	int		 ncerts;
	int64_t		 disk_warn, disk_crit;	/* free bytes below: warn/crit */
	int64_t		 wal_warn, wal_crit;	/* WAL bytes above */
	int64_t		 ckpt_warn, ckpt_crit;	/* seconds since checkpoint */
	int64_t		 backup_warn, backup_crit; /* seconds since backup */
	int64_t		 cert_days;	/* expiring within: warning */
};

/* Fills o with the defaults (documented in hall-admin help) for db. */
void	 ops_health_defaults(struct ops_health_opts *o, const char *db);

/* Runs every check on s (opened on o->db; nothing is written), one
 * line each on out.  Returns the worst state (OPS_OK, OPS_WARNING,
 * OPS_CRITICAL). */
int	 ops_health(struct store *s, const struct ops_health_opts *o,
	    FILE *out);

/* The WAL's size of db (0 when there is none) and the bytes free to
 * unprivileged users on db's filesystem.  Returns 0 or -1 (errno). */
int	 ops_room(const char *db, int64_t *wal, int64_t *avail);

/* Records now as the time of the last successful checkpoint of db in
 * the file db "-checkpoint" (rewritten in place: no new block once it
 * exists, so a full disk does not stop it).  Returns 0 or -1. */
int	 ops_ckpt_stamp(const char *db, time_t now);

/* The time recorded by ops_ckpt_stamp() into *t.  Returns 0, 1 when
 * none is recorded, -1 when the file cannot be read. */
int	 ops_ckpt_stamp_read(const char *db, time_t *t);

/* Whether a process has db (or its WAL or shared memory) open:
 * prints the first one found on err and returns 1; 0 none; -1 when
 * /proc cannot be read. */
int	 ops_db_in_use(const char *db, FILE *err);

/* Restores backup over db: refuses while a process has db open;
 * checks a copy of the backup (integrity_check, the audit chain)
 * before anything is replaced; keeps the replaced database (and its
 * WAL) aside as db ".replaced-YYYYmmdd-HHMMSS"; writes an audit row
 * admin.restore into the restored database and prints on out what it
 * restored.  Messages on err.  Returns 0, or 1 with nothing replaced. */
int	 ops_restore(const char *db, const char *backup, FILE *out,
	    FILE *err);

#endif
