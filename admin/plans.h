/*
 * plans.h: hall-admin plans, the query-plan check of make test (issue
 * 8).  The programs, run by the unit and HTTP tests with HALL_SQL_LOG
 * set, write every SQL text they prepare to a log (lib/store.h); this
 * check runs EXPLAIN QUERY PLAN of each distinct one against a store
 * with enough rows for the planner to matter and fails on
 *   - a full scan (SCAN, with or without an index, or an AUTOMATIC
 *     index built from one) of any table but the small ones (policy,
 *     calendar), and
 *   - a sort of a list in a temporary B-tree (USE TEMP B-TREE FOR ORDER
 *     BY or GROUP BY) in a statement that reads a table that grows,
 * unless the statement is in the allow-list with its reason.
 */
#ifndef HALL_PLANS_H
#define HALL_PLANS_H

#include <stddef.h>
#include <stdio.h>

struct store;

/* The statements of an allow-list file and of the SQL logs, and what
 * the check found.  Owned by the caller: plans_free(). */
struct plans {
	struct plans_allow {
		char	*why;		/* the reason, one line */
		char	*sql;		/* the statement, exactly as logged */
		char	*line;		/* the plan line it excuses */
		int	 used;		/* it excused a logged statement */
	}		*allow;
	size_t		 nallow;
	struct plans_stmt {
		char	*sql;		/* unescaped */
		char	*where;		/* "file:line, file:line" */
	}		*stmt;
	size_t		 nstmt;
	char		**progs;	/* programs that wrote to the logs */
	size_t		 nprogs;
	size_t		 records;	/* log lines read */
	size_t		 skipped;	/* lines of the tests' own SQL */
	size_t		 checked;	/* distinct statements checked */
	size_t		 allowed;	/* of them offending but allowed */
	size_t		 failed;	/* offending or not preparing */
};

/* What plans_verdict() makes of one statement. */
enum plans_verdict {
	PLANS_OK,		/* no scan, no sort of a growing list */
	PLANS_SCAN,		/* a full scan of a table that grows */
	PLANS_SORT,		/* a temporary B-tree sorting a growing list */
	PLANS_ERROR		/* does not prepare here */
};

/* Reads an allow-list file into p: blank lines and lines starting with
 * '#' are skipped; each entry is three lines, "why: REASON", "sql:
 * STATEMENT" (as logged) and "line: PLAN LINE" (the line it excuses,
 * such as "SCAN audit").  Returns 0, or -1 (message on stderr). */
int		 plans_read_allow(struct plans *p, const char *path);

/* Reads an SQL log (lib/store.h) into p, merging statements already
 * read and noting the programs that wrote it; lines whose FILE starts
 * with "tests/" (the tests' own SQL) are counted as skipped.  Returns
 * 0, or -1 (message on stderr). */
int		 plans_read_log(struct plans *p, const char *path);

/* Whether the program prog wrote at least one line to the logs read. */
int		 plans_has_program(const struct plans *p, const char *prog);

/* Adds the statements in the body of every trigger of the schema of s
 * to p (NEW.x and OLD.x made parameters; "trigger NAME" as where they
 * are prepared): EXPLAIN QUERY PLAN of the statement that fires a
 * trigger does not show the trigger's.  Returns 0, or -1 (message on
 * stderr). */
int		 plans_read_triggers(struct plans *p, struct store *s);

/* The verdict on the single statement sql in the store s, passing plan
 * lines equal to a string of excused (NULL-terminated; may be NULL):
 * the plan line that decided it (or the error) into line, of linesz
 * bytes, and the whole plan, indented, into plan, of plansz bytes (both
 * may be NULL).  *nexcused (may be NULL) counts the excused lines that
 * would have offended. */
enum plans_verdict plans_verdict(struct store *s, const char *sql,
		    const char *const *excused, size_t *nexcused, char *line,
		    size_t linesz, char *plan, size_t plansz);

/* Checks every statement of p against s, printing each offender (its
 * SQL, where it is prepared, the plan line, and whether the allow-list
 * excuses it) and a summary to out.  Returns 0 when nothing but allowed
 * statements offends and at least one statement was checked, else 1. */
int		 plans_check(struct store *s, struct plans *p, FILE *out);

/* Frees what p holds; p itself is the caller's. */
void		 plans_free(struct plans *p);

#endif
