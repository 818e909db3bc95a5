/*
 * test_plans.c: the query-plan check (admin/plans.c, hall-admin plans)
 * and the SQL log it reads (HALL_SQL_LOG, lib/store.c): a scanning
 * query is flagged, alias or not, and so is a Bloom filter (a scan
 * EXPLAIN does not call one), an indexed one passes, a temporary
 * B-tree sorting a unit's list is flagged while one sorting a task's
 * rows is not, the allow-list excuses only the plan line it names,
 * the statements of triggers are checked, and an empty log fails.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "../../admin/plans.h"
#include "../suites.h"
#include "helpers.h"

/* The verdict on sql in db, its deciding plan line into line. */
static enum plans_verdict
tp_verdict(struct th_db *db, const char *sql, char line[256])
{
	return plans_verdict(db->s, sql, NULL, NULL, line, 256, NULL, 0);
}

/* Writes text to db->dir/name; its path into path. */
static void
tp_write(const struct th_db *db, const char *name, const char *text,
    char path[400])
{
	FILE	*f;

	snprintf(path, 400, "%s/%s", db->dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* Runs plans_check of p on db, its output into out (bytes, freed by
 * the caller).  Returns what plans_check returned. */
static int
tp_check(struct th_db *db, struct plans *p, char **out)
{
	FILE	*f;
	size_t	 n;
	int	 rc;

	f = open_memstream(out, &n);
	ck_assert_ptr_nonnull(f);
	rc = plans_check(db->s, p, f);
	ck_assert_int_eq(fclose(f), 0);
	return rc;
}

START_TEST(plans_scan_flagged)
{
	struct th_db	 db;
	char		 line[256];

	th_db_open(&db);
	ck_assert_int_eq(tp_verdict(&db, "SELECT id FROM tasks "
	    "WHERE summary = ?", line), PLANS_SCAN);
	ck_assert_str_eq(line, "SCAN tasks");
	/* An alias stands for its table. */
	ck_assert_int_eq(tp_verdict(&db, "SELECT t.id FROM tasks t "
	    "JOIN units u ON u.id = t.unit_id WHERE t.summary = ?", line),
	    PLANS_SCAN);
	ck_assert_str_eq(line, "SCAN t");
	ck_assert_int_eq(tp_verdict(&db, "SELECT a.id FROM audit AS a "
	    "WHERE a.detail = ?", line), PLANS_SCAN);
	/* Through a covering index it is still every row. */
	ck_assert_int_eq(tp_verdict(&db, "SELECT COUNT(*) FROM persons",
	    line), PLANS_SCAN);
	ck_assert_ptr_nonnull(strstr(line, "SCAN persons"));
	/* A scan inside a correlated subquery counts too. */
	ck_assert_int_eq(tp_verdict(&db, "SELECT u.name, (SELECT COUNT(*) "
	    "FROM messages m WHERE m.title = u.name) FROM units u "
	    "WHERE u.id = ?1", line), PLANS_SCAN);
	ck_assert_str_eq(line, "SCAN m");
	/* A DELETE by a column without an index reads every row. */
	ck_assert_int_eq(tp_verdict(&db, "DELETE FROM task_events "
	    "WHERE actor_id = ?", line), PLANS_SCAN);
	th_db_close(&db);
}
END_TEST

/* A Bloom filter on a growing table is a full scan of it: SQLite fills
 * the filter from every row before the join, LIMIT or not.  The
 * statistics of a large store make the planner choose one for a join
 * culled by a column of the inner table. */
START_TEST(plans_bloom_flagged)
{
	/* The ordered walk of the partial index stops after a page. */
	static const char *const walk[] = {
		"SCAN e USING INDEX task_events_reviewed", NULL
	};
	struct th_db	 db;
	char		 line[256];
	size_t		 n;

	th_db_open(&db);
	ck_assert_int_eq(store_exec_sql(db.s, "ANALYZE sqlite_schema"), 0);
	ck_assert_int_eq(store_exec_sql(db.s, "DELETE FROM sqlite_stat1"), 0);
	ck_assert_int_eq(store_exec_sql(db.s, "INSERT INTO sqlite_stat1 "
	    "VALUES ('task_events', 'task_events_reviewed', '28896 1'), "
	    "('task_events', 'task_events_decided', '98600 13334 1'), "
	    "('task_events', 'task_events_task', '58220 4'), "
	    "('tasks', 'sqlite_autoindex_tasks_1', '19995 1')"), 0);
	ck_assert_int_eq(store_exec_sql(db.s, "ANALYZE sqlite_schema"), 0);
	ck_assert_int_eq(plans_verdict(db.s, "SELECT t.id FROM task_events e "
	    "JOIN tasks t ON t.id = e.task_id WHERE e.action IN "
	    "('task.approve', 'task.reject') AND e.actor_id > 0 AND "
	    "(?1 = '' OR t.business = ?1) ORDER BY e.at DESC, e.id DESC "
	    "LIMIT 20", walk, &n, line, sizeof(line), NULL, 0), PLANS_SCAN);
	ck_assert_str_eq(line, "BLOOM FILTER ON t (id=?)");
	/* The same culling on the outer row's task: no filter. */
	ck_assert_int_eq(plans_verdict(db.s, "SELECT t.id FROM task_events e "
	    "JOIN tasks t ON t.id = e.task_id WHERE e.action IN "
	    "('task.approve', 'task.reject') AND e.actor_id > 0 AND "
	    "(?1 = '' OR (SELECT x.business FROM tasks x WHERE "
	    "x.id = e.task_id) = ?1) ORDER BY e.at DESC, e.id DESC "
	    "LIMIT 20", walk, &n, line, sizeof(line), NULL, 0), PLANS_OK);
	ck_assert_uint_eq(n, 1);
	th_db_close(&db);
}
END_TEST

START_TEST(plans_index_passes)
{
	struct th_db	 db;
	char		 line[256];

	th_db_open(&db);
	ck_assert_int_eq(tp_verdict(&db, "SELECT id FROM tasks "
	    "WHERE unit_id = ?1 AND state = '结束'", line), PLANS_OK);
	ck_assert_str_eq(line, "");
	ck_assert_int_eq(tp_verdict(&db, "SELECT p.name FROM persons p "
	    "WHERE p.idno = ?", line), PLANS_OK);
	ck_assert_int_eq(tp_verdict(&db, "UPDATE tasks SET summary = ? "
	    "WHERE id = ?", line), PLANS_OK);
	ck_assert_int_eq(tp_verdict(&db, "SELECT id FROM messages "
	    "WHERE unit_id = ?1 ORDER BY at DESC LIMIT 20", line), PLANS_OK);
	/* Tables that stay small may be read whole. */
	ck_assert_int_eq(tp_verdict(&db, "SELECT key FROM policy "
	    "WHERE note = ?", line), PLANS_OK);
	/* Sorting one task's events is bounded by the task. */
	ck_assert_int_eq(tp_verdict(&db, "SELECT id FROM task_events "
	    "WHERE task_id = ?1 ORDER BY at", line), PLANS_OK);
	/* So is sorting the rows of one person found by a unique key. */
	ck_assert_int_eq(tp_verdict(&db, "SELECT e.id FROM persons p "
	    "JOIN employments e ON e.person_id = p.id WHERE p.idno = ?1 "
	    "ORDER BY e.start_date", line), PLANS_OK);
	th_db_close(&db);
}
END_TEST

START_TEST(plans_sort_flagged)
{
	struct th_db	 db;
	char		 line[256], plan[2048];

	th_db_open(&db);
	ck_assert_int_eq(tp_verdict(&db, "SELECT id FROM messages "
	    "WHERE unit_id = ?1 ORDER BY title LIMIT 20", line), PLANS_SORT);
	ck_assert_str_eq(line, "USE TEMP B-TREE FOR ORDER BY");
	ck_assert_int_eq(tp_verdict(&db, "SELECT business, COUNT(*) "
	    "FROM tasks WHERE unit_id = ?1 GROUP BY business", line),
	    PLANS_SORT);
	ck_assert_str_eq(line, "USE TEMP B-TREE FOR GROUP BY");
	/* The whole plan comes back, indented. */
	ck_assert_int_eq(plans_verdict(db.s, "SELECT t.id FROM tasks t "
	    "JOIN units u ON u.id = t.unit_id WHERE t.unit_id = ?1 "
	    "ORDER BY t.summary", NULL, NULL, line, sizeof(line), plan,
	    sizeof(plan)), PLANS_SORT);
	ck_assert_ptr_nonnull(strstr(plan, "    SEARCH t USING "));
	ck_assert_ptr_nonnull(strstr(plan, "USE TEMP B-TREE FOR ORDER BY\n"));
	th_db_close(&db);
}
END_TEST

START_TEST(plans_excused_line_only)
{
	struct th_db		 db;
	const char		*ex[] = { "SCAN tasks", NULL };
	const char		*other[] = { "SCAN units", NULL };
	char			 line[256];
	size_t			 n;

	th_db_open(&db);
	ck_assert_int_eq(plans_verdict(db.s, "SELECT id FROM tasks "
	    "WHERE summary = ?", ex, &n, line, sizeof(line), NULL, 0),
	    PLANS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(plans_verdict(db.s, "SELECT id FROM tasks "
	    "WHERE summary = ?", other, &n, line, sizeof(line), NULL, 0),
	    PLANS_SCAN);
	ck_assert_uint_eq(n, 0);
	/* Excusing the scan does not excuse the sort after it. */
	ck_assert_int_eq(plans_verdict(db.s, "SELECT id FROM tasks "
	    "WHERE summary = ? ORDER BY business", ex, &n, line, sizeof(line),
	    NULL, 0), PLANS_SORT);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(line, "USE TEMP B-TREE FOR ORDER BY");
	th_db_close(&db);
}
END_TEST

START_TEST(plans_bad_sql)
{
	struct th_db	 db;
	char		 line[256];

	th_db_open(&db);
	ck_assert_int_eq(tp_verdict(&db, "SELECT id FROM nowhere",
	    line), PLANS_ERROR);
	ck_assert_ptr_nonnull(strstr(line, "nowhere"));
	ck_assert_int_eq(tp_verdict(&db, "SELECT 1; SELECT 2", line),
	    PLANS_ERROR);
	ck_assert_str_eq(line, "more than one statement");
	ck_assert_int_eq(tp_verdict(&db, "", line), PLANS_ERROR);
	th_db_close(&db);
}
END_TEST

/* The SQL log: one escaped line per literal and process, FILE:LINE. */
START_TEST(plans_sql_log_written)
{
	static const char	 sql[] = "SELECT id\n\tFROM units WHERE "
	    "name = 'a\\b'";
	struct th_db		 db;
	struct plans		 p;
	const char		*old;
	char			 path[400], buf[512], saved[4096];
	FILE			*f;

	th_db_open(&db);
	snprintf(path, sizeof(path), "%s/sql.log", db.dir);
	/* make test's own log, if any, is put back afterwards. */
	if ((old = getenv(STORE_SQL_LOG_ENV)) != NULL)
		snprintf(saved, sizeof(saved), "%s", old);
	ck_assert_int_eq(setenv(STORE_SQL_LOG_ENV, path, 1), 0);
	ck_assert_ptr_nonnull(store_stmt(db.s, sql));
	ck_assert_ptr_nonnull(store_stmt(db.s, sql));
	if (old != NULL)
		ck_assert_int_eq(setenv(STORE_SQL_LOG_ENV, saved, 1), 0);
	else
		ck_assert_int_eq(unsetenv(STORE_SQL_LOG_ENV), 0);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	ck_assert_int_eq(strncmp(buf, "unit-tests\ttests/unit/test_plans.c:",
	    35), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\tSELECT id\\n\\tFROM units "
	    "WHERE name = 'a\\\\b'\n"));
	ck_assert_ptr_null(fgets(buf, sizeof(buf), f));	/* only once */
	fclose(f);
	/* The tests' own SQL is counted, not checked. */
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(plans_read_log(&p, path), 0);
	ck_assert_uint_eq(p.records, 1);
	ck_assert_uint_eq(p.skipped, 1);
	ck_assert_uint_eq(p.nstmt, 0);
	plans_free(&p);
	unlink(path);
	th_db_close(&db);
}
END_TEST

/* A log with a scan fails until the allow-list names its line. */
START_TEST(plans_check_log)
{
	struct th_db	 db;
	struct plans	 p;
	char		 log[400], allow[400], *out = NULL;

	th_db_open(&db);
	tp_write(&db, "sql.log",
	    "home\tlib/a.c:1\tSELECT id FROM tasks WHERE summary = ?\n"
	    "print\tlib/b.c:2\tSELECT id FROM tasks WHERE summary = ?\n"
	    "home\tlib/a.c:1\tSELECT id FROM tasks WHERE summary = ?\n"
	    "print\tcgi-bin/c.c:3\tSELECT id FROM tasks WHERE id = ?\n", log);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(plans_read_log(&p, log), 0);
	ck_assert_uint_eq(p.records, 4);
	ck_assert_uint_eq(p.nstmt, 2);
	ck_assert_int_eq(plans_has_program(&p, "home"), 1);
	ck_assert_int_eq(plans_has_program(&p, "print"), 1);
	ck_assert_int_eq(plans_has_program(&p, "login"), 0);
	ck_assert_int_eq(tp_check(&db, &p, &out), 1);
	ck_assert_uint_eq(p.checked, 2);
	ck_assert_uint_eq(p.failed, 1);
	ck_assert_ptr_nonnull(strstr(out, "FULL SCAN: SCAN tasks\n"
	    "  at:   lib/a.c:1, lib/b.c:2\n"));
	ck_assert_ptr_nonnull(strstr(out, "2 statements checked"));
	free(out);

	tp_write(&db, "allow.txt", "# a comment\n\n"
	    "why: a test\n"
	    "sql: SELECT id FROM tasks WHERE summary = ?\n"
	    "line: SCAN tasks\n", allow);
	ck_assert_int_eq(plans_read_allow(&p, allow), 0);
	ck_assert_int_eq(tp_check(&db, &p, &out), 0);
	ck_assert_uint_eq(p.allowed, 1);
	ck_assert_uint_eq(p.failed, 0);
	free(out);
	plans_free(&p);

	/* An allow-list entry without its plan line is refused. */
	tp_write(&db, "allow.txt", "why: a test\n"
	    "sql: SELECT id FROM tasks WHERE summary = ?\n", allow);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(plans_read_allow(&p, allow), -1);
	plans_free(&p);
	unlink(allow);
	unlink(log);
	th_db_close(&db);
}
END_TEST

/* An empty log checks nothing, and that fails. */
START_TEST(plans_empty_log_fails)
{
	struct th_db	 db;
	struct plans	 p;
	char		 log[400], *out = NULL;

	th_db_open(&db);
	tp_write(&db, "sql.log", "", log);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(plans_read_log(&p, log), 0);
	ck_assert_int_eq(tp_check(&db, &p, &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "no statement to check"));
	free(out);
	plans_free(&p);
	/* Nor does a log of the tests' own SQL only. */
	tp_write(&db, "sql.log", "unit-tests\ttests/unit/x.c:1\tSELECT 1\n",
	    log);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(plans_read_log(&p, log), 0);
	ck_assert_int_eq(tp_check(&db, &p, &out), 1);
	free(out);
	plans_free(&p);
	/* A line that is not PROGRAM<TAB>FILE:LINE<TAB>SQL is refused. */
	tp_write(&db, "sql.log", "lib/a.c:1\tSELECT 1\n", log);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(plans_read_log(&p, log), -1);
	plans_free(&p);
	unlink(log);
	th_db_close(&db);
}
END_TEST

/* The statements of triggers are checked too, NEW and OLD made
 * parameters and RAISE() replaced, ';' in a string kept. */
START_TEST(plans_trigger_statements)
{
	struct th_db	 db;
	struct plans	 p;
	char		 *out = NULL;
	size_t		 i, found = 0;

	th_db_open(&db);
	ck_assert_int_eq(store_exec_sql(db.s, "CREATE TRIGGER tp_x AFTER "
	    "UPDATE OF summary ON tasks BEGIN "
	    "UPDATE messages SET read = 1 WHERE title = NEW.summary "
	    "AND body <> 'a;b'; "
	    "DELETE FROM task_events WHERE task_id = OLD.id; "
	    "SELECT RAISE(ABORT, 'no (really)') WHERE NEW.id < 0; END"), 0);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(plans_read_triggers(&p, db.s), 0);
	for (i = 0; i < p.nstmt; i++) {
		if (strcmp(p.stmt[i].where, "trigger tp_x") != 0)
			continue;
		found++;
		ck_assert(strcmp(p.stmt[i].sql, "UPDATE messages SET read = 1 "
		    "WHERE title = ? AND body <> 'a;b'") == 0 ||
		    strcmp(p.stmt[i].sql, "DELETE FROM task_events "
		    "WHERE task_id = ?") == 0 ||
		    strcmp(p.stmt[i].sql, "SELECT NULL WHERE ? < 0") == 0);
	}
	ck_assert_uint_eq(found, 3);
	ck_assert_int_eq(tp_check(&db, &p, &out), 1);
	ck_assert_uint_eq(p.failed, 1);
	ck_assert_ptr_nonnull(strstr(out, "FULL SCAN: SCAN messages\n"
	    "  at:   trigger tp_x\n"));
	free(out);
	plans_free(&p);
	th_db_close(&db);
}
END_TEST

static Suite *
plans_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("plans");
	tc = tcase_create("verdict");
	/* SQLite's query plans (make test-plans); none on PostgreSQL. */
	if (!th_pg()) {
		tcase_add_test(tc, plans_scan_flagged);
		tcase_add_test(tc, plans_bloom_flagged);
		tcase_add_test(tc, plans_index_passes);
		tcase_add_test(tc, plans_sort_flagged);
		tcase_add_test(tc, plans_excused_line_only);
		tcase_add_test(tc, plans_bad_sql);
	}
	suite_add_tcase(s, tc);
	tc = tcase_create("log");
	tcase_add_test(tc, plans_sql_log_written);
	if (!th_pg()) {
		tcase_add_test(tc, plans_check_log);
		tcase_add_test(tc, plans_trigger_statements);
	}
	tcase_add_test(tc, plans_empty_log_fails);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(plans_suite)
