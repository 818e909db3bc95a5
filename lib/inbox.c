/*
 * inbox.c: the 消息中心 of a unit; see inbox.h.  Each statement reads
 * an index in its own order (migration 10): a page never sorts the
 * unit's messages, and marking read finds the task's own.
 */
#include <stdint.h>
#include <string.h>

#include "inbox.h"
#include "store.h"

/* The statements of the inbox; their SQL is in inbox_sql. */
enum inbox_stmt {
	INBOX_STMT_PAGE,	/* a page of a unit's messages */
	INBOX_STMT_UNREAD,	/* whether a task has unread messages */
	INBOX_STMT_MARK_READ,	/* marks them read */
	INBOX_STMT_POST,	/* a new message */
	INBOX_STMT__MAX
};

/* The SQL of each statement, by enum inbox_stmt. */
static const char *const inbox_sql[INBOX_STMT__MAX] = {
	[INBOX_STMT_PAGE] =
	    "SELECT m.at, m.title, COALESCE(m.task_id, 0), "
	    "m.read, COALESCE(t.seq_no, ''), COALESCE(t.business, '') FROM "
	    "messages m LEFT JOIN tasks t ON t.id = m.task_id WHERE "
	    "m.unit_id = ?1 ORDER BY m.at DESC, m.id DESC LIMIT ?2 "
	    "OFFSET ?3", /* INBOX_STMT_PAGE */
	[INBOX_STMT_UNREAD] =
	    "SELECT EXISTS (SELECT 1 FROM messages WHERE "
	    "task_id = ?2 AND unit_id = ?1 AND read = 0)", /* INBOX_STMT_UNREAD */
	[INBOX_STMT_MARK_READ] =
	    "UPDATE messages SET read = 1 WHERE task_id = ?2 "
	    "AND unit_id = ?1 AND read = 0", /* INBOX_STMT_MARK_READ */
	[INBOX_STMT_POST] =
	    "INSERT INTO messages (unit_id, task_id, at, title, body) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", /* INBOX_STMT_POST */
};

/* See inbox.h. */
int
inbox_page(struct store *s, int64_t unit_id, int limit, int offset,
    void (*fn)(const struct inbox_msg *m, void *arg), void *arg)
{
	struct store_stmt	*st;
	struct inbox_msg	 m;
	int			 rc, n = 0;

	if ((st = store_stmt(s, inbox_sql[INBOX_STMT_PAGE])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, limit < 0 ? 0 : limit) != 0 ||
	    store_bind_int(st, 3, offset < 0 ? 0 : offset) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		memset(&m, 0, sizeof(m));
		m.at = (time_t)store_col_int64(st, 0);
		m.title = store_col_text(st, 1);
		m.task_id = store_col_int64(st, 2);
		m.read = store_col_int(st, 3) != 0;
		m.seq = store_col_text(st, 4);
		m.business = store_col_text(st, 5);
		fn(&m, arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* Binds unit_id and task_id at 1 and 2 of the inbox statement i.
 * Returns it, or NULL. */
static struct store_stmt *
inbox_task_stmt(struct store *s, enum inbox_stmt i, int64_t unit_id,
    int64_t task_id)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, inbox_sql[i])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, task_id) != 0)
		return NULL;
	return st;
}

/* See inbox.h. */
int
inbox_mark_read(struct store *s, int64_t unit_id, int64_t task_id)
{
	struct store_stmt	*st;
	int64_t			 unread = 0;

	if ((st = inbox_task_stmt(s, INBOX_STMT_UNREAD, unit_id,
	    task_id)) == NULL ||
	    store_step_int(st, 0, &unread) == STORE_ERROR)
		return -1;
	if (!unread)
		return 0;
	if (store_begin(s) != 0)
		return -1;
	if ((st = inbox_task_stmt(s, INBOX_STMT_MARK_READ, unit_id,
	    task_id)) == NULL || store_exec_stmt(s, st) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

/* See inbox.h. */
int
inbox_post(struct store *s, int64_t unit_id, int64_t task_id, time_t at,
    const char *title, const char *body)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, inbox_sql[INBOX_STMT_POST])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    (task_id > 0 ? store_bind_int(st, 2, task_id) :
	    store_bind_null(st, 2)) != 0 ||
	    store_bind_int(st, 3, (int64_t)at) != 0 ||
	    store_bind_text(st, 4, title) != 0 ||
	    store_bind_text(st, 5, body != NULL ? body : "") != 0)
		return -1;
	return store_exec_stmt(s, st);
}
