/*
 * workflow.c: the task (业务) state machine common to every business;
 * see workflow.h for the states.  wf_transition() is the only function
 * that moves a task; every move writes a task event, a message to the
 * unit and an audit row in the same transaction as the move itself
 * (and as the business's effect, on approval).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "attach.h"
#include "audit.h"
#include "batch.h"
#include "clock.h"
#include "dabao.h"
#include "log.h"
#include "store.h"
#include "text.h"
#include "timeliness.h"
#include "valid.h"
#include "workflow.h"

#define WF_MAX_BUSINESSES	32

/* The statements of the workflow; their SQL is in wf_sql. */
enum wf_stmt {
	WF_STMT_EVENT,		/* inserts a task event */
	WF_STMT_DEDUP,		/* a unit's task of a dedup key */
	WF_STMT_NEXT_ID,	/* the next task id */
	WF_STMT_CREATE,		/* inserts a task */
	WF_STMT_LOAD,		/* a (unit's) task */
	WF_STMT_MOVE,		/* a task's new state, if still in the old */
	WF_STMT_MESSAGE,	/* inserts a message to a unit */
	WF_STMT_VIP,		/* whether a unit is VIP */
	WF_STMT_ROW_RETURN,	/* inserts a row sent back */
	WF_STMT_MARK_RETURNED,	/* a split task: returned, batch kept */
	WF_STMT_FIRST_AT,	/* a chain's first event of an action */
	WF_STMT_ACCOUNT_NAME,	/* an account's display name */
	WF_STMT__MAX
};

/* The SQL of each statement, by enum wf_stmt. */
static const char *const wf_sql[WF_STMT__MAX] = {
	[WF_STMT_EVENT] =
	    "INSERT INTO task_events (task_id, action, "
	    "from_state, to_state, actor_id, reason, at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", /* WF_STMT_EVENT */
	[WF_STMT_DEDUP] =
	    "SELECT id FROM tasks "
	    "WHERE dedup_key = ? AND unit_id = ?", /* WF_STMT_DEDUP */
	[WF_STMT_NEXT_ID] =
	    "SELECT COALESCE(MAX(id), 0) + 1 "
	    "FROM tasks", /* WF_STMT_NEXT_ID */
	[WF_STMT_CREATE] =
	    "INSERT INTO tasks (id, seq_no, business, "
	    "unit_id, state, summary, dedup_key, created_by, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", /* WF_STMT_CREATE */
	[WF_STMT_LOAD] =
	    "SELECT id, seq_no, business, unit_id, "
	    "state, returned, return_reason, summary, created_at, "
	    "submitted_at, decided_at, decided_by, overdue FROM tasks "
	    "WHERE id = ?1 AND (?2 <= 0 OR unit_id = ?2)", /* WF_STMT_LOAD */
	[WF_STMT_MOVE] =
	    "UPDATE tasks SET state = ?, returned = ?, "
	    "return_reason = ?, submitted_at = ?, decided_at = ?, "
	    "decided_by = ?, updated_at = ? WHERE id = ? AND state = ?", /* WF_STMT_MOVE */
	[WF_STMT_MESSAGE] =
	    "INSERT INTO messages (unit_id, task_id, at, "
	    "title, body) VALUES (?, ?, ?, ?, ?)", /* WF_STMT_MESSAGE */
	[WF_STMT_VIP] =
	    "SELECT vip FROM units WHERE id = ?", /* WF_STMT_VIP */
	[WF_STMT_ROW_RETURN] =
	    "INSERT INTO task_row_returns (task_id, "
	    "from_task_id, row_no, person_id, name, idno, reason, at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", /* WF_STMT_ROW_RETURN */
	[WF_STMT_MARK_RETURNED] =
	    "UPDATE tasks SET returned = 1, "
	    "return_reason = ?1, batch = (SELECT f.batch FROM tasks f "
	    "WHERE f.id = ?3) WHERE id = ?2", /* WF_STMT_MARK_RETURNED */
	[WF_STMT_FIRST_AT] =
	    "WITH RECURSIVE chain(id) AS (SELECT ?1 "
	    "UNION SELECT r.from_task_id FROM task_row_returns r JOIN chain c "
	    "ON r.task_id = c.id) SELECT COALESCE(MIN(e.at), 0) FROM "
	    "task_events e WHERE e.task_id IN (SELECT id FROM chain) AND "
	    "+e.action = ?2", /* WF_STMT_FIRST_AT: by task_events(task_id) */
	[WF_STMT_ACCOUNT_NAME] =
	    "SELECT display_name FROM accounts WHERE id = ?1", /* WF_STMT_ACCOUNT_NAME */
};

const char *const task_state_names[TASK_STATE__MAX] = {
	"未提交",	/* TASK_DRAFT */
	"进行中",	/* TASK_PENDING */
	"结束",		/* TASK_DONE */
	"退单",		/* TASK_CANCELLED */
};

const char *const wf_action_names[WF_ACTION__MAX] = {
	"task.submit",	/* WF_SUBMIT */
	"task.approve",	/* WF_APPROVE */
	"task.reject",	/* WF_REJECT */
	"task.cancel",	/* WF_CANCEL */
};

static const struct wf_business	*wf_registry[WF_MAX_BUSINESSES];
static size_t			 wf_nregistry;

/* The system as an actor: 系统自动审核. */
static const struct actor wf_system = { 0, 0, "系统自动审核", "" };

/* Registers b; a second business with the same code replaces the first.
 * Aborts when the fixed registry is full (a start-up programming
 * error). */
void
wf_register(const struct wf_business *b)
{
	size_t	 i;

	if (b == NULL || b->code == NULL)
		abort();
	for (i = 0; i < wf_nregistry; i++)
		if (strcmp(wf_registry[i]->code, b->code) == 0) {
			wf_registry[i] = b;
			return;
		}
	if (wf_nregistry == WF_MAX_BUSINESSES)
		abort();
	wf_registry[wf_nregistry++] = b;
}

/* The registered business with code, or NULL.  Borrowed (static). */
const struct wf_business *
wf_business(const char *code)
{
	size_t	 i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < wf_nregistry; i++)
		if (strcmp(wf_registry[i]->code, code) == 0)
			return wf_registry[i];
	return NULL;
}

/* The i-th registered business in registration order, or NULL past the
 * last.  Borrowed (static). */
const struct wf_business *
wf_business_at(size_t i)
{
	return i < wf_nregistry ? wf_registry[i] : NULL;
}

/* Walks t's person rows through its business's rows hook.  Returns the
 * count or -1. */
int
wf_rows(struct store *s, const struct task *t,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	const struct wf_business	*b = wf_business(t->business);

	if (b == NULL || b->rows == NULL)
		return 0;
	return b->rows(s, t->id, fn, arg);
}

/* A page of rows walked through the rows hook: skips the rows before
 * it and stops after it. */
struct wf_page_walk {
	int	  skip;
	int	  left;
	int	  given;
	int	(*fn)(void *arg, const struct wf_row *r);
	void	 *arg;
};

/* rows hook callback of wf_rows_page(): hands on the rows of the page.
 * Returns non-zero to stop. */
static int
wf_page_row(void *arg, const struct wf_row *r)
{
	struct wf_page_walk	*w = arg;

	if (w->skip > 0) {
		w->skip--;
		return 0;
	}
	if (w->left <= 0)
		return 1;
	w->left--;
	w->given++;
	if (w->fn(w->arg, r) != 0)
		return 1;
	return w->left <= 0;
}

/* Walks one page of t's rows, through the business's rows_page hook
 * when it has one.  Returns the rows handed to fn, or -1. */
int
wf_rows_page(struct store *s, const struct task *t, int offset, int limit,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	const struct wf_business	*b = wf_business(t->business);
	struct wf_page_walk		 w;

	if (b == NULL || limit <= 0)
		return 0;
	if (offset < 0)
		offset = 0;
	if (b->rows_page != NULL)
		return b->rows_page(s, t->id, offset, limit, fn, arg);
	if (b->rows == NULL)
		return 0;
	w.skip = offset;
	w.left = limit;
	w.given = 0;
	w.fn = fn;
	w.arg = arg;
	return b->rows(s, t->id, wf_page_row, &w) < 0 ? -1 : w.given;
}

/* The rows of a search walked through the rows hook: hands on only
 * the rows whose 身份证号 is idno. */
struct wf_find_walk {
	const char	 *idno;
	int		  given;
	int		(*fn)(void *arg, const struct wf_row *r);
	void		 *arg;
};

/* rows hook callback of wf_rows_find(): hands on a matching row.
 * Returns non-zero to stop. */
static int
wf_find_row(void *arg, const struct wf_row *r)
{
	struct wf_find_walk	*w = arg;

	if (r->idno == NULL || strcmp(r->idno, w->idno) != 0)
		return 0;
	w->given++;
	return w->fn(w->arg, r);
}

/* Normalises a searched 身份证号 into out[19]: trimmed of ASCII and
 * ideographic spaces, a final x upper-cased.  Returns 0, or -1 when
 * nothing or more than 18 bytes are left. */
static int
wf_find_key(const char *in, char out[19])
{
	const char	*b = in, *e;
	size_t		 n;

	if (in == NULL)
		return -1;
	e = in + strlen(in);
	for (;;) {
		if (b < e && (*b == ' ' || *b == '\t'))
			b++;
		else if (e - b >= 3 && memcmp(b, "\xe3\x80\x80", 3) == 0)
			b += 3;
		else
			break;
	}
	for (;;) {
		if (e > b && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r' || e[-1] == '\n'))
			e--;
		else if (e - b >= 3 && memcmp(e - 3, "\xe3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	n = (size_t)(e - b);
	if (n == 0 || n > 18)
		return -1;
	memcpy(out, b, n);
	out[n] = '\0';
	if (out[n - 1] == 'x')
		out[n - 1] = 'X';
	return 0;
}

/* Walks t's rows whose 身份证号 is idno, through the business's
 * rows_find hook when it has one.  Returns the rows handed to fn, or
 * -1. */
int
wf_rows_find(struct store *s, const struct task *t, const char *idno,
    int (*fn)(void *arg, const struct wf_row *r), void *arg)
{
	const struct wf_business	*b = wf_business(t->business);
	struct wf_find_walk		 w;
	char				 key[19];

	if (b == NULL || wf_find_key(idno, key) != 0)
		return 0;
	if (b->rows_find != NULL)
		return b->rows_find(s, t->id, key, fn, arg);
	if (b->rows == NULL)
		return 0;
	w.idno = key;
	w.given = 0;
	w.fn = fn;
	w.arg = arg;
	return b->rows(s, t->id, wf_find_row, &w) < 0 ? -1 : w.given;
}

/* The state whose stored name is name, or TASK_STATE__MAX. */
static enum task_state
wf_state(const char *name)
{
	int	 i;

	for (i = 0; i < TASK_STATE__MAX; i++)
		if (strcmp(task_state_names[i], name) == 0)
			return (enum task_state)i;
	return TASK_STATE__MAX;
}

/* Whether the caller's transaction is open (logs when not). */
static int
wf_in_tx(struct store *s, const char *what)
{
	if (!store_in_tx(s)) {
		log_err("workflow: %s outside a transaction", what);
		return 0;
	}
	return 1;
}

/* Records one task event.  Returns 0 or -1. */
static int
wf_event(struct store *s, int64_t task_id, const char *action,
    const char *from, const char *to, int64_t actor_id, const char *reason,
    time_t at)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, wf_sql[WF_STMT_EVENT])) == NULL ||
	    store_bind_int(st, 1, task_id) ||
	    store_bind_text(st, 2, action) || store_bind_text(st, 3, from) ||
	    store_bind_text(st, 4, to) || store_bind_int(st, 5, actor_id) ||
	    store_bind_text(st, 6, reason != NULL ? reason : "") ||
	    store_bind_int(st, 7, (int64_t)at))
		return -1;
	return store_exec_stmt(s, st);
}

/* Creates a task in 未提交 inside the caller's transaction, recording
 * its first event and audit row as action (with reason, may be NULL);
 * see wf_create().  Returns 0 or -1 (logged). */
static int
wf_insert(struct store *s, const char *business, int64_t unit_id,
    const struct actor *who, const char *summary, const char *dedup_key,
    const char *action, const char *reason, int64_t *task_id, int *created)
{
	char		 seq[32], sum[256], detail[512], object[40];
	struct hdate	 today;
	struct store_stmt	*st;
	int64_t		 id;
	time_t		 now;
	int		 rc;

	*created = 0;
	*task_id = 0;
	if (business == NULL || business[0] == '\0' ||
	    strlen(business) >= sizeof(((struct task *)NULL)->business) ||
	    unit_id <= 0) {
		log_err("workflow: create: bad business or unit");
		return -1;
	}
	if (!wf_in_tx(s, "create"))
		return -1;
	if (who == NULL)
		who = &wf_system;
	if (dedup_key != NULL) {
		if ((st = store_stmt(s, wf_sql[WF_STMT_DEDUP])) == NULL ||
		    store_bind_text(st, 1, dedup_key) ||
		    store_bind_int(st, 2, unit_id))
			return -1;
		rc = store_step(st);
		if (rc == STORE_ROW) {
			*task_id = store_col_int64(st, 0);
			store_reset(st);
			return 0;
		}
		store_reset(st);
		if (rc != STORE_DONE) {
			log_err("workflow: dedup: %s", store_errmsg(s));
			return -1;
		}
	}
	/* The write lock is held, so max(id) + 1 is ours. */
	if ((st = store_stmt(s, wf_sql[WF_STMT_NEXT_ID])) == NULL)
		return -1;
	if (store_step(st) != STORE_ROW) {
		log_err("workflow: next id: %s", store_errmsg(s));
		store_reset(st);
		return -1;
	}
	id = store_col_int64(st, 0);
	store_reset(st);
	now = clock_now();
	clock_date(now, &today);
	snprintf(seq, sizeof(seq), "%04d%02d%02d%08" PRId64,
	    today.year % 10000, today.month % 100, today.day % 100, id);
	text_copy(sum, sizeof(sum), summary != NULL ? summary : "");
	if ((st = store_stmt(s, wf_sql[WF_STMT_CREATE])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_text(st, 2, seq) ||
	    store_bind_text(st, 3, business) ||
	    store_bind_int(st, 4, unit_id) ||
	    store_bind_text(st, 5, task_state_names[TASK_DRAFT]) ||
	    store_bind_text(st, 6, sum) ||
	    store_bind_text(st, 7, dedup_key) ||
	    store_bind_int(st, 8, who->account_id) ||
	    store_bind_int(st, 9, (int64_t)now) ||
	    store_bind_int(st, 10, (int64_t)now) ||
	    store_exec_stmt(s, st))
		return -1;
	if (wf_event(s, id, action, "", task_state_names[TASK_DRAFT],
	    who->account_id, reason, now) == -1)
		return -1;
	snprintf(object, sizeof(object), "task:%" PRId64, id);
	snprintf(detail, sizeof(detail), "business=%s seq=%s summary=%s",
	    business, seq, sum);
	if (audit_append(s, who, action, object, detail) == -1)
		return -1;
	*task_id = id;
	*created = 1;
	return 0;
}

/* Creates a task in 未提交 inside the caller's transaction; see
 * workflow.h.  Returns 0 or -1 (logged). */
int
wf_create(struct store *s, const char *business, int64_t unit_id,
    const struct actor *who, const char *summary, const char *dedup_key,
    int64_t *task_id, int *created)
{
	return wf_insert(s, business, unit_id, who, summary, dedup_key,
	    "task.create", NULL, task_id, created);
}

/* Loads task id (restricted to unit_id when > 0) into out.  Returns 0
 * found, 1 not found (or another unit's), -1 error. */
int
wf_load(struct store *s, int64_t id, int64_t unit_id, struct task *out)
{
	struct store_stmt	*st;
	int		 rc;

	if (id <= 0)
		return 1;
	if ((st = store_stmt(s, wf_sql[WF_STMT_LOAD])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_DONE) {
		store_reset(st);
		return 1;
	}
	if (rc != STORE_ROW) {
		log_err("workflow: load: %s", store_errmsg(s));
		store_reset(st);
		return -1;
	}
	memset(out, 0, sizeof(*out));
	out->id = store_col_int64(st, 0);
	text_copy(out->seq_no, sizeof(out->seq_no), store_col_text(st, 1));
	text_copy(out->business, sizeof(out->business), store_col_text(st, 2));
	out->unit_id = store_col_int64(st, 3);
	out->state = wf_state(store_col_text(st, 4));
	out->returned = store_col_int(st, 5) != 0;
	text_copy(out->return_reason, sizeof(out->return_reason),
	    store_col_text(st, 6));
	text_copy(out->summary, sizeof(out->summary), store_col_text(st, 7));
	out->created_at = (time_t)store_col_int64(st, 8);
	out->submitted_at = (time_t)store_col_int64(st, 9);
	out->decided_at = (time_t)store_col_int64(st, 10);
	out->decided_by = store_col_int64(st, 11);
	out->overdue = store_col_int(st, 12) != 0;
	store_reset(st);
	if (out->state == TASK_STATE__MAX) {
		log_err("workflow: task %" PRId64 " has an unknown state", id);
		return -1;
	}
	return 0;
}

/* Whether the unit may still edit t (未提交). */
int
wf_editable(const struct task *t)
{
	return t->state == TASK_DRAFT;
}

/* Trims white space (text_space) from both ends of reason and copies the
 * rest into out[WF_REASON_BYTES], each CR LF, CR, LF or tab as one
 * space; then checks it as a required text field of at most
 * WF_REASON_MAX_CHARS characters (valid UTF-8, no control character).
 * Adds one error for field to errs if it is bad, its message after
 * prefix (e.g. "第2行 张三:").  Returns 0 good, -1 bad. */
static int
wf_reason_of(const char *reason, char out[WF_REASON_BYTES],
    struct form_errors *errs, const char *field, const char *prefix)
{
	const unsigned char	*p, *end;
	size_t			 n, o = 0;
	char			 msg[256];

	out[0] = '\0';
	p = (const unsigned char *)text_strip(reason, &n);
	end = p + n;
	if (end == p) {
		snprintf(msg, sizeof(msg), "%s请填写回退原因", prefix);
		form_error_add(errs, field, "REQUIRED", msg);
		return -1;
	}
	for (; p < end && o + 1 < WF_REASON_BYTES; p++) {
		if (*p == '\r' && p + 1 < end && p[1] == '\n')
			continue;
		out[o++] = *p == '\r' || *p == '\n' || *p == '\t' ?
		    ' ' : (char)*p;
	}
	out[o] = '\0';
	if (p < end || valid_text(out, WF_REASON_MAX_CHARS) == VALID_TOOLONG) {
		snprintf(msg, sizeof(msg), "%s回退原因不能超过%d个字",
		    prefix, WF_REASON_MAX_CHARS);
		form_error_add(errs, field, "TOOLONG", msg);
		out[0] = '\0';
		return -1;
	}
	if (valid_text(out, WF_REASON_MAX_CHARS) != VALID_OK) {
		snprintf(msg, sizeof(msg), "%s回退原因含有无法识别的字符或"
		    "控制字符,请重新输入", prefix);
		form_error_add(errs, field, "CHARS", msg);
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* The 回退原因 of a rejection, checked for the field "reason"; see
 * wf_reason_of().  Returns 0 good, -1 bad. */
static int
wf_reason(const char *reason, char out[WF_REASON_BYTES],
    struct form_errors *errs)
{
	return wf_reason_of(reason, out, errs, "reason", "");
}

/* Moves t from its state to to, setting the decision columns as the
 * action requires.  Returns 0 or -1. */
static int
wf_move(struct store *s, const struct task *t, enum task_state to,
    int returned, const char *reason, time_t submitted, time_t decided,
    int64_t decided_by, time_t now)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, wf_sql[WF_STMT_MOVE])) ==
	    NULL || store_bind_text(st, 1, task_state_names[to]) ||
	    store_bind_int(st, 2, returned) ||
	    store_bind_text(st, 3, reason) ||
	    store_bind_int(st, 4, (int64_t)submitted) ||
	    store_bind_int(st, 5, (int64_t)decided) ||
	    store_bind_int(st, 6, decided_by) ||
	    store_bind_int(st, 7, (int64_t)now) ||
	    store_bind_int(st, 8, t->id) ||
	    store_bind_text(st, 9, task_state_names[t->state]) ||
	    store_exec_stmt(s, st))
		return -1;
	if (store_changes(s) != 1) {
		log_err("workflow: task %" PRId64 " moved under us", t->id);
		return -1;
	}
	return 0;
}

/* Writes a message about t to its unit (消息中心).  Returns 0 or -1. */
static int
wf_message(struct store *s, const struct task *t, const char *title,
    const char *body, time_t now)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, wf_sql[WF_STMT_MESSAGE])) == NULL ||
	    store_bind_int(st, 1, t->unit_id) ||
	    store_bind_int(st, 2, t->id) ||
	    store_bind_int(st, 3, (int64_t)now) ||
	    store_bind_text(st, 4, title) ||
	    store_bind_text(st, 5, body != NULL ? body : ""))
		return -1;
	return store_exec_stmt(s, st);
}

/* Writes the message about t to its unit, the task event and the audit
 * row of one move.  Returns 0 or -1. */
static int
wf_record(struct store *s, const struct task *t, enum wf_action act,
    const struct actor *who, enum task_state from, enum task_state to,
    const char *reason, const char *title, time_t now)
{
	char		 object[40], detail[1280];

	if (wf_event(s, t->id, wf_action_names[act], task_state_names[from],
	    task_state_names[to], who->account_id, reason, now) == -1)
		return -1;
	if (wf_message(s, t, title, reason, now) == -1)
		return -1;
	snprintf(object, sizeof(object), "task:%" PRId64, t->id);
	snprintf(detail, sizeof(detail), "seq=%s %s->%s%s%s", t->seq_no,
	    task_state_names[from], task_state_names[to],
	    reason != NULL && reason[0] != '\0' ? " reason=" : "",
	    reason != NULL ? reason : "");
	return audit_append(s, who, wf_action_names[act], object, detail);
}

/* Formats the title of a message about t into buf[bufsz], cut at a
 * character boundary. */
static void
wf_title(char *buf, size_t bufsz, const struct task *t,
    const struct wf_business *b, const char *what)
{
	char	 tmp[1024];

	snprintf(tmp, sizeof(tmp), "业务顺序号 %s %s %s", t->seq_no,
	    b != NULL ? b->name : t->business, what);
	text_copy(buf, bufsz, tmp);
}

/* Runs b's check on t.  Returns WF_OK, WF_RULES (errors added to errs)
 * or WF_ERROR. */
static enum wf_result
wf_check(struct store *s, const struct wf_business *b, const struct task *t,
    struct form_errors *errs)
{
	size_t	 n0;

	if (b->check == NULL)
		return WF_OK;
	n0 = errs->n;
	if (b->check(s, t->id, errs) == -1)
		return WF_ERROR;
	return errs->n > n0 ? WF_RULES : WF_OK;
}

/* Whether unit_id is a VIP unit.  Returns 1, 0 or -1. */
static int
wf_vip(struct store *s, int64_t unit_id)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, wf_sql[WF_STMT_VIP])) ==
	    NULL || store_bind_int(st, 1, unit_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		rc = store_col_int(st, 0) == 1;
	else {
		log_err("workflow: unit %" PRId64 ": %s", unit_id,
		    rc == STORE_DONE ? "missing" : store_errmsg(s));
		rc = -1;
	}
	store_reset(st);
	return rc;
}

/* Approves t (in 进行中) on behalf of who: the business's check (unless
 * checked: it passed a moment ago in this same transaction), its
 * effect, then 结束.  Returns WF_OK, WF_RULES or WF_ERROR. */
static enum wf_result
wf_approve(struct store *s, struct task *t, const struct wf_business *b,
    const struct actor *who, struct form_errors *errs, time_t now,
    int checked)
{
	char		 title[512];
	enum wf_result	 r;

	if (!checked && (r = wf_check(s, b, t, errs)) != WF_OK)
		return r;
	if (b->apply != NULL && b->apply(s, t->id, who) == -1) {
		log_err("workflow: task %" PRId64 ": apply failed", t->id);
		return WF_ERROR;
	}
	if (wf_move(s, t, TASK_DONE, 0, "", t->submitted_at, now,
	    who->account_id, now) == -1)
		return WF_ERROR;
	wf_title(title, sizeof(title), t, b, who->account_id == 0 ?
	    "审核通过(系统自动审核)" : "审核通过");
	if (wf_record(s, t, WF_APPROVE, who, TASK_PENDING, TASK_DONE, NULL,
	    title, now) == -1)
		return WF_ERROR;
	t->state = TASK_DONE;
	t->decided_at = now;
	t->decided_by = who->account_id;
	/* A package's next step waits for this one (打包快办). */
	if (pkg_task_decided(s, t, 1) == -1)
		return WF_ERROR;
	return WF_OK;
}

/* Submits t (in 未提交): check, 进行中, and for a VIP unit (or any
 * unit, when b has auto_review) approval by the system at once.
 * Returns a wf_result. */
static enum wf_result
wf_submit(struct store *s, struct task *t, const struct wf_business *b,
    const struct actor *who, struct form_errors *errs, time_t now)
{
	char		 title[512], what[128];
	enum wf_result	 r;
	int		 at_once;	/* approved by the system now */

	if ((r = wf_check(s, b, t, errs)) != WF_OK)
		return r;
	if ((at_once = wf_vip(s, t->unit_id)) == -1)
		return WF_ERROR;
	if (b->auto_review)
		at_once = 1;
	if (wf_move(s, t, TASK_PENDING, 0, "", now, 0, 0, now) == -1)
		return WF_ERROR;
	snprintf(what, sizeof(what), "已提交,等待审核(%d-%d个工作日)",
	    b->review_days_min, b->review_days_max);
	wf_title(title, sizeof(title), t, b, at_once ? "已提交" : what);
	if (wf_record(s, t, WF_SUBMIT, who, TASK_DRAFT, TASK_PENDING, NULL,
	    title, now) == -1)
		return WF_ERROR;
	t->state = TASK_PENDING;
	t->submitted_at = now;
	t->returned = 0;
	t->return_reason[0] = '\0';
	if (!at_once)
		return WF_OK;
	/* The rules passed a moment ago in this same transaction, so the
	 * check (and its wf_first_submitted) runs once per submit. */
	return wf_approve(s, t, b, &wf_system, errs, now, 1);
}

/* Whether act is allowed on t for who; WF_OK or the refusal. */
static enum wf_result
wf_allowed(const struct task *t, enum wf_action act, const struct actor *who)
{
	switch (act) {
	case WF_SUBMIT:
	case WF_CANCEL:
		if (who->unit_id != t->unit_id)
			return who->unit_id > 0 ? WF_NOTFOUND : WF_BADSTATE;
		return t->state == TASK_DRAFT ? WF_OK : WF_BADSTATE;
	case WF_APPROVE:
	case WF_REJECT:
		if (who->unit_id != 0)
			return WF_BADSTATE;
		return t->state == TASK_PENDING ? WF_OK : WF_BADSTATE;
	case WF_ACTION__MAX:
	default:
		abort();
	}
}

/* Carries out an allowed act on t.  Returns a wf_result. */
static enum wf_result
wf_do(struct store *s, struct task *t, enum wf_action act,
    const struct actor *who, const char *reason, struct form_errors *errs)
{
	const struct wf_business	*b;
	char				 title[1024], what[1024];
	time_t				 now;

	now = clock_now();
	b = wf_business(t->business);
	if (b == NULL && (act == WF_SUBMIT || act == WF_APPROVE)) {
		log_err("workflow: business %s is not registered",
		    t->business);
		return WF_ERROR;
	}
	switch (act) {
	case WF_SUBMIT:
		return wf_submit(s, t, b, who, errs, now);
	case WF_APPROVE:
		return wf_approve(s, t, b, who, errs, now, 0);
	case WF_REJECT:
		/* reason was checked and trimmed by wf_transition(). */
		if (wf_move(s, t, TASK_DRAFT, 1, reason, t->submitted_at, 0,
		    0, now) == -1)
			return WF_ERROR;
		snprintf(what, sizeof(what), "已回退,原因:%s", reason);
		wf_title(title, sizeof(title), t, b, what);
		if (wf_record(s, t, act, who, TASK_PENDING, TASK_DRAFT, reason,
		    title, now) == -1)
			return WF_ERROR;
		t->state = TASK_DRAFT;
		t->returned = 1;
		text_copy(t->return_reason, sizeof(t->return_reason), reason);
		/* A package holds the steps after this one (打包快办). */
		if (pkg_task_decided(s, t, 0) == -1)
			return WF_ERROR;
		return WF_OK;
	case WF_CANCEL:
		if (wf_move(s, t, TASK_CANCELLED, t->returned, t->return_reason,
		    t->submitted_at, 0, 0, now) == -1)
			return WF_ERROR;
		wf_title(title, sizeof(title), t, b, "已退单");
		if (wf_record(s, t, act, who, TASK_DRAFT, TASK_CANCELLED, NULL,
		    title, now) == -1)
			return WF_ERROR;
		t->state = TASK_CANCELLED;
		return WF_OK;
	case WF_ACTION__MAX:
	default:
		abort();
	}
}

/* Whether t's rows are all in: a 未提交 task whose import job still
 * runs may be neither submitted nor cancelled (the job would go on
 * storing rows into it).  Read inside the transition's transaction, so
 * no job can start or end between this look and the move.  Returns
 * WF_OK, WF_IMPORTING or WF_ERROR. */
static enum wf_result
wf_import_done(struct store *s, const struct task *t)
{
	int	 rc;

	if (t->state != TASK_DRAFT)
		return WF_OK;
	if ((rc = batch_job_busy(s, t->id)) < 0)
		return WF_ERROR;
	return rc == 1 ? WF_IMPORTING : WF_OK;
}

/* The one transition function; see workflow.h.  Inside a caller's
 * transaction it works under a savepoint, so a refused or failed
 * transition leaves the caller's other work as it was. */
enum wf_result
wf_transition(struct store *s, int64_t task_id, enum wf_action act,
    const struct actor *who, const char *reason, struct form_errors *errs)
{
	struct form_errors	*local = NULL;
	struct task		 t;
	char			 why[WF_REASON_BYTES];
	enum wf_result		 r = WF_ERROR;
	int			 began = 0, savepoint = 0, rc;

	if ((unsigned int)act >= WF_ACTION__MAX)
		abort();
	if (who == NULL)
		who = &wf_system;
	if (errs == NULL) {
		if ((local = calloc(1, sizeof(*local))) == NULL) {
			log_err("workflow: out of memory");
			return WF_ERROR;
		}
		errs = local;
	}
	if (s->in_tx) {
		if (store_exec_sql(s, "SAVEPOINT wf_transition") != 0)
			goto out;
		savepoint = 1;
	} else {
		if (store_begin(s) == -1)
			goto out;
		began = 1;
	}
	rc = wf_load(s, task_id, who->unit_id > 0 ? who->unit_id : 0, &t);
	if (rc != 0) {
		r = rc == 1 ? WF_NOTFOUND : WF_ERROR;
		goto out;
	}
	if ((r = wf_allowed(&t, act, who)) != WF_OK)
		goto out;
	if ((r = wf_import_done(s, &t)) != WF_OK)
		goto out;
	if (act == WF_REJECT) {
		if (wf_reason(reason, why, errs) == -1) {
			r = WF_NEEDREASON;
			goto out;
		}
		reason = why;
	}
	r = wf_do(s, &t, act, who, reason, errs);
	/* 离职及时率 and 用工备案及时率 follow the task (timeliness.h). */
	if (r == WF_OK && timeliness_task_moved(s, &t, act) == -1)
		r = WF_ERROR;
out:
	if (savepoint) {
		if (r != WF_OK)
			(void)store_exec_sql(s, "ROLLBACK TO wf_transition");
		if (store_exec_sql(s, "RELEASE wf_transition") != 0)
			r = WF_ERROR;
	} else if (began) {
		if (r == WF_OK) {
			if (store_commit(s) == -1)
				r = WF_ERROR;
		} else
			store_rollback(s);
	}
	free(local);
	return r;
}

/* One row a reviewer chose to send back, as checked against the task. */
struct wf_chosen {
	int		 row_no;
	const char	*reason;		/* as posted */
	char		 why[WF_REASON_BYTES];	/* trimmed */
	int		 found;
	int64_t		 person_id;
	char		 name[128];
	char		 idno[32];
};

/* What a walk over a task's rows learns for a partial decision. */
struct wf_split {
	struct wf_chosen	*v;		/* sorted by row_no */
	size_t			 n;
	size_t			 total;		/* rows of the task */
	int			 single;	/* it has the form's row 0 */
	int64_t			*kept;		/* persons of rows that stay */
	size_t			 nkept;
	size_t			 capkept;
	int			 nomem;
};

/* qsort/bsearch order of wf_chosen by row number. */
static int
wf_chosen_cmp(const void *a, const void *b)
{
	int	 x = ((const struct wf_chosen *)a)->row_no;
	int	 y = ((const struct wf_chosen *)b)->row_no;

	return x < y ? -1 : x > y;
}

/* qsort/bsearch order of person ids. */
static int
wf_id_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* rows hook callback: notes the chosen rows' persons and the persons of
 * the rows that stay.  Returns 0 (walk on) or 1 (out of memory). */
static int
wf_split_row(void *arg, const struct wf_row *r)
{
	struct wf_split		*sp = arg;
	struct wf_chosen	 key, *c;
	int64_t			*nk;
	size_t			 cap;

	sp->total++;
	if (r->row_no == 0)
		sp->single = 1;
	key.row_no = r->row_no;
	c = bsearch(&key, sp->v, sp->n, sizeof(sp->v[0]), wf_chosen_cmp);
	if (c != NULL) {
		/* The first of the row's entries (chosen twice is refused). */
		while (c > sp->v && c[-1].row_no == r->row_no)
			c--;
		c->found = 1;
		c->person_id = r->person_id;
		text_copy(c->name, sizeof(c->name), r->name != NULL ? r->name : "");
		text_copy(c->idno, sizeof(c->idno), r->idno != NULL ? r->idno : "");
		return 0;
	}
	if (r->person_id <= 0)
		return 0;
	if (sp->nkept == sp->capkept) {
		cap = sp->capkept == 0 ? 64 : sp->capkept * 2;
		if ((nk = reallocarray(sp->kept, cap, sizeof(*nk))) == NULL) {
			sp->nomem = 1;
			return 1;
		}
		sp->kept = nk;
		sp->capkept = cap;
	}
	sp->kept[sp->nkept++] = r->person_id;
	return 0;
}

/* The person of row c in a summary: the name, else the 身份证号. */
static const char *
wf_chosen_label(const struct wf_chosen *c)
{
	return c->name[0] != '\0' ? c->name : c->idno;
}

/* How row c is named in messages: "第3行 张三:". */
static void
wf_row_prefix(const struct wf_chosen *c, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "第%d行%s%s:", c->row_no,
	    c->name[0] != '\0' ? " " : "", c->name);
}

/* Checks the chosen rows against the task's (sp filled by the walk) and
 * their reasons, adding errors to errs.  Returns WF_OK, WF_RULES or
 * WF_NEEDREASON. */
static enum wf_result
wf_split_check(struct wf_split *sp, struct form_errors *errs)
{
	char	 msg[256], field[32], prefix[192];
	size_t	 i, bad = 0;

	if (sp->single) {
		form_error_add(errs, "row", "SINGLE", "单人办理的业务不能部分"
		    "回退,请使用「回退」");
		return WF_RULES;
	}
	for (i = 0; i < sp->n; i++) {
		if (i > 0 && sp->v[i].row_no == sp->v[i - 1].row_no) {
			snprintf(msg, sizeof(msg), "第%d行选择了两次",
			    sp->v[i].row_no);
			form_error_add(errs, "row", "DUPLICATE", msg);
			bad++;
		} else if (!sp->v[i].found) {
			snprintf(msg, sizeof(msg), "第%d行不在该业务中",
			    sp->v[i].row_no);
			form_error_add(errs, "row", "NO_ROW", msg);
			bad++;
		} else if (sp->v[i].person_id > 0 && sp->nkept > 0 && bsearch(
		    &sp->v[i].person_id, sp->kept, sp->nkept,
		    sizeof(sp->kept[0]), wf_id_cmp) != NULL) {
			wf_row_prefix(&sp->v[i], prefix, sizeof(prefix));
			snprintf(msg, sizeof(msg), "%s该人员在本业务中还有"
			    "其他行,不能只回退其中一行", prefix);
			form_error_add(errs, "row", "SHARED", msg);
			bad++;
		}
	}
	if (bad > 0)
		return WF_RULES;
	if (sp->n >= sp->total) {
		form_error_add(errs, "row", "ALL", "所有人员均需回退时,"
		    "请使用「回退」退回整笔业务");
		return WF_RULES;
	}
	for (i = 0; i < sp->n; i++) {
		snprintf(field, sizeof(field), "reason_%d", sp->v[i].row_no);
		wf_row_prefix(&sp->v[i], prefix, sizeof(prefix));
		if (wf_reason_of(sp->v[i].reason, sp->v[i].why, errs, field,
		    prefix) == -1)
			bad++;
	}
	return bad > 0 ? WF_NEEDREASON : WF_OK;
}

/* Cuts the UTF-8 text in buf[bufsz] to at most maxchars characters,
 * ending in "…" when something was cut. */
static void
wf_cut_chars(char *buf, size_t bufsz, size_t maxchars)
{
	size_t	 i, chars = 0, keep = 0;

	for (i = 0; buf[i] != '\0'; i++) {
		if (((unsigned char)buf[i] & 0xc0) == 0x80)
			continue;
		if (chars == maxchars - 1)
			keep = i;
		if (++chars > maxchars)
			break;
	}
	if (chars <= maxchars || keep + 4 > bufsz)
		return;
	memcpy(buf + keep, "\xe2\x80\xa6", 4);	/* U+2026 and the NUL */
}

/* Writes the 回退原因 of the new task into out[outsz]: the rows sent
 * back, each with its reason, in at most WF_REASON_MAX_CHARS
 * characters. */
static void
wf_split_reason(const struct wf_split *sp, const struct task *t, char *out,
    size_t outsz)
{
	size_t	 i, len;

	snprintf(out, outsz, "部分回退(原业务顺序号 %s):", t->seq_no);
	for (i = 0; i < sp->n; i++) {
		len = strlen(out);
		snprintf(out + len, outsz - len, "%s%s,%s", i > 0 ? ";" : "",
		    wf_chosen_label(&sp->v[i]), sp->v[i].why);
	}
	wf_cut_chars(out, outsz, WF_REASON_MAX_CHARS);
}

/* Keeps the reason of each row sent back to new_id.  Returns 0 or -1. */
static int
wf_split_keep(struct store *s, const struct wf_split *sp, int64_t from_id,
    int64_t new_id, time_t now)
{
	struct store_stmt	*st;
	size_t			 i;

	for (i = 0; i < sp->n; i++) {
		if ((st = store_stmt(s, wf_sql[WF_STMT_ROW_RETURN])) == NULL ||
		    store_bind_int(st, 1, new_id) ||
		    store_bind_int(st, 2, from_id) ||
		    store_bind_int(st, 3, sp->v[i].row_no) ||
		    (sp->v[i].person_id > 0 ? store_bind_int(st, 4,
		    sp->v[i].person_id) : store_bind_null(st, 4)) ||
		    store_bind_text(st, 5, sp->v[i].name) ||
		    store_bind_text(st, 6, sp->v[i].idno) ||
		    store_bind_text(st, 7, sp->v[i].why) ||
		    store_bind_int(st, 8, (int64_t)now) ||
		    store_exec_stmt(s, st))
			return -1;
	}
	return 0;
}

/* Moves the chosen rows of t, with their persons' attachments, to a new
 * task in 未提交 (回退标志 是) and records it; *new_id receives it.
 * Returns WF_OK or WF_ERROR. */
static enum wf_result
wf_split_move(struct store *s, const struct task *t,
    const struct wf_business *b, const struct actor *who,
    const struct wf_split *sp, int64_t *new_id, time_t now)
{
	char		 why[WF_REASON_BYTES + 256], summary[256], title[512];
	char		 what[128], object[40], detail[1024];
	struct store_stmt	*st;
	struct task	 nt;
	int		*row_nos;
	size_t		 i, len;
	int		 created, rc;

	wf_split_reason(sp, t, why, sizeof(why));
	if (sp->n == 1)
		snprintf(summary, sizeof(summary), "部分回退 %s(原业务 %s)",
		    wf_chosen_label(&sp->v[0]), t->seq_no);
	else
		snprintf(summary, sizeof(summary), "部分回退 %s等%zu人(原业务 "
		    "%s)", wf_chosen_label(&sp->v[0]), sp->n, t->seq_no);
	if (wf_insert(s, t->business, t->unit_id, who, summary, NULL,
	    WF_PARTIAL_ACTION, why, new_id, &created) == -1 || !created)
		return WF_ERROR;
	/* The rows sent back stay a batch when they came from one. */
	if ((st = store_stmt(s, wf_sql[WF_STMT_MARK_RETURNED])) == NULL ||
	    store_bind_text(st, 1, why) || store_bind_int(st, 2, *new_id) ||
	    store_bind_int(st, 3, t->id) || store_exec_stmt(s, st))
		return WF_ERROR;
	if ((row_nos = calloc(sp->n, sizeof(*row_nos))) == NULL)
		return WF_ERROR;
	for (i = 0; i < sp->n; i++)
		row_nos[i] = sp->v[i].row_no;
	rc = b->rows_move(s, t->id, *new_id, row_nos, sp->n);
	free(row_nos);
	if (rc != 0) {
		log_err("workflow: task %" PRId64 ": rows_move: %d", t->id, rc);
		return WF_ERROR;
	}
	for (i = 0; i < sp->n; i++)
		if (sp->v[i].person_id > 0 &&
		    attach_move(s, t->id, *new_id, sp->v[i].person_id) < 0)
			return WF_ERROR;
	if (wf_split_keep(s, sp, t->id, *new_id, now) == -1 ||
	    wf_load(s, *new_id, 0, &nt) != 0)
		return WF_ERROR;
	/* The lists (首页 已办, 业务打印) say the task ended in part. */
	snprintf(what, sizeof(what), "(部分回退%zu人)", sp->n);
	if ((st = store_stmt(s, "UPDATE tasks SET summary = summary || ?1 "
	    "WHERE id = ?2")) == NULL || store_bind_text(st, 1, what) ||
	    store_bind_int(st, 2, t->id) || store_exec_stmt(s, st))
		return WF_ERROR;
	snprintf(what, sizeof(what), "部分回退 %zu 人,请按回退原因修改后"
	    "重新提交", sp->n);
	wf_title(title, sizeof(title), &nt, b, what);
	if (wf_message(s, &nt, title, why, now) == -1)
		return WF_ERROR;
	/* The task they came from: its history and the audit trail name
	 * the rows and where they went. */
	snprintf(what, sizeof(what), "%zu 人回退至业务顺序号 %s;", sp->n,
	    nt.seq_no);
	text_copy(detail, sizeof(detail), what);
	len = strlen(detail);
	text_copy(detail + len, sizeof(detail) - len, why);
	if (wf_event(s, t->id, WF_PARTIAL_ACTION, task_state_names[t->state],
	    task_state_names[t->state], who->account_id, detail, now) == -1)
		return WF_ERROR;
	snprintf(object, sizeof(object), "task:%" PRId64, t->id);
	snprintf(detail, sizeof(detail), "seq=%s new=task:%" PRId64
	    " new_seq=%s rows=", t->seq_no, *new_id, nt.seq_no);
	for (i = 0; i < sp->n; i++) {
		len = strlen(detail);
		snprintf(what, sizeof(what), "%s%d", i > 0 ? "," : "",
		    sp->v[i].row_no);
		text_copy(detail + len, sizeof(detail) - len, what);
	}
	return audit_append(s, who, WF_PARTIAL_ACTION, object, detail) == -1 ?
	    WF_ERROR : WF_OK;
}

/* Loads, checks and carries out a partial decision inside the open
 * transaction; see wf_partial().  Returns a wf_result. */
static enum wf_result
wf_partial_do(struct store *s, int64_t task_id, const struct actor *who,
    struct wf_split *sp, struct form_errors *errs, int64_t *new_id)
{
	const struct wf_business	*b;
	struct task			 t;
	enum wf_result			 r;
	time_t				 now = clock_now();
	int				 rc;

	if ((rc = wf_load(s, task_id, 0, &t)) != 0)
		return rc == 1 ? WF_NOTFOUND : WF_ERROR;
	if (t.state != TASK_PENDING)
		return WF_BADSTATE;
	if ((rc = wf_vip(s, t.unit_id)) != 0)
		return rc == 1 ? WF_BADSTATE : WF_ERROR;
	if ((b = wf_business(t.business)) == NULL) {
		log_err("workflow: business %s is not registered", t.business);
		return WF_ERROR;
	}
	if (b->rows == NULL || b->rows_move == NULL) {
		form_error_add(errs, "row", "NO_PARTIAL", "该业务不支持部分回退");
		return WF_RULES;
	}
	if (sp->n == 0) {
		form_error_add(errs, "row", "NONE", "未选择任何需回退的人员");
		return WF_RULES;
	}
	if (b->rows(s, t.id, wf_split_row, sp) < 0 || sp->nomem)
		return WF_ERROR;
	if (sp->nkept > 0)
		qsort(sp->kept, sp->nkept, sizeof(sp->kept[0]), wf_id_cmp);
	if ((r = wf_split_check(sp, errs)) != WF_OK)
		return r;
	if ((r = wf_split_move(s, &t, b, who, sp, new_id, now)) != WF_OK)
		return r;
	if ((r = wf_approve(s, &t, b, who, errs, now, 0)) == WF_OK &&
	    timeliness_task_moved(s, &t, WF_APPROVE) == -1)
		r = WF_ERROR;
	return r;
}

/* A reviewer's partial decision of a batch; see workflow.h.  Inside a
 * caller's transaction it works under a savepoint. */
enum wf_result
wf_partial(struct store *s, int64_t task_id, const struct actor *who,
    const struct wf_return *rows, size_t n, struct form_errors *errs,
    int64_t *new_task_id)
{
	struct form_errors	*local = NULL;
	struct wf_split		 sp;
	enum wf_result		 r = WF_ERROR;
	int64_t			 new_id = 0;
	size_t			 i;
	int			 began = 0, savepoint = 0;

	if (new_task_id != NULL)
		*new_task_id = 0;
	if (who == NULL || who->unit_id != 0 || who->account_id <= 0)
		return WF_BADSTATE;
	memset(&sp, 0, sizeof(sp));
	if (errs == NULL && (errs = local = calloc(1, sizeof(*local))) ==
	    NULL)
		return WF_ERROR;
	if (n > 0 && (sp.v = calloc(n, sizeof(*sp.v))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		sp.v[i].row_no = rows[i].row_no;
		sp.v[i].reason = rows[i].reason;
	}
	sp.n = n;
	if (n > 0)
		qsort(sp.v, sp.n, sizeof(sp.v[0]), wf_chosen_cmp);
	if (store_in_tx(s)) {
		if (store_exec_sql(s, "SAVEPOINT wf_partial") != 0)
			goto out;
		savepoint = 1;
	} else {
		if (store_begin(s) == -1)
			goto out;
		began = 1;
	}
	r = wf_partial_do(s, task_id, who, &sp, errs, &new_id);
	if (savepoint) {
		if (r != WF_OK)
			(void)store_exec_sql(s, "ROLLBACK TO wf_partial");
		if (store_exec_sql(s, "RELEASE wf_partial") != 0)
			r = WF_ERROR;
	} else if (began) {
		if (r == WF_OK) {
			if (store_commit(s) == -1)
				r = WF_ERROR;
		} else
			store_rollback(s);
	}
	if (r == WF_OK && new_task_id != NULL)
		*new_task_id = new_id;
out:
	free(sp.v);
	free(sp.kept);
	free(local);
	return r;
}

/* The Chinese message for r (static). */
const char *
wf_result_message(enum wf_result r)
{
	switch (r) {
	case WF_OK:
		return "操作成功";
	case WF_NOTFOUND:
		return "未找到该业务";
	case WF_BADSTATE:
		return "该业务当前状态不允许此操作(已结束或已退单的业务不能再修改)";
	case WF_RULES:
		return "业务规则校验未通过";
	case WF_NEEDREASON:
		return "请填写回退原因";
	case WF_ERROR:
		return "系统繁忙,请稍后再试";
	case WF_IMPORTING:
		return "导入尚未完成,请等待导入结束后再操作";
	case WF_RESULT__MAX:
	default:
		abort();
	}
}

/* See workflow.h. */
int
wf_first_submitted(struct store *s, int64_t task_id, struct hdate *on)
{
	struct store_stmt	*st;
	int64_t		 at = 0;
	int		 rc;

	if ((st = store_stmt(s, wf_sql[WF_STMT_FIRST_AT])) == NULL ||
	    store_bind_int(st, 1, task_id) ||
	    store_bind_text(st, 2, wf_action_names[WF_SUBMIT]))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		at = store_col_int64(st, 0);
	store_reset(st);
	if (rc != STORE_ROW)
		return -1;
	if (at > 0)
		clock_date((time_t)at, on);
	else
		clock_today(on);
	return 0;
}

/* See workflow.h. */
int
wf_decider_name(struct store *s, const struct task *t, char *buf,
    size_t bufsz)
{
	struct store_stmt	*st;
	int		 rc;

	if (t->decided_by == 0) {
		snprintf(buf, bufsz, "系统自动审核");
		return 0;
	}
	st = store_stmt(s, wf_sql[WF_STMT_ACCOUNT_NAME]);
	if (st == NULL || store_bind_int(st, 1, t->decided_by) != 0)
		return -1;
	rc = store_step(st);
	snprintf(buf, bufsz, "%s", rc == STORE_ROW ? store_col_text(st, 0) :
	    "经办机构审核");
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See workflow.h. */
int
wf_save_draft(struct store *s, const char *business, const struct actor *who,
    const struct task *task, const char *summary, const char *dedup_key,
    int64_t *id, int *created)
{
	struct store_stmt	*st;

	*created = 0;
	if (task == NULL) {
		if (wf_create(s, business, who->unit_id, who, summary,
		    dedup_key, id, created) != 0)
			return -1;
		return *created ? 0 : 1;
	}
	*id = task->id;
	if ((st = store_stmt(s, "UPDATE tasks SET summary = ?1, updated_at = "
	    "?2 WHERE id = ?3 AND state = '未提交'")) == NULL ||
	    store_bind_text(st, 1, summary) != 0 ||
	    store_bind_int(st, 2, (int64_t)clock_now()) != 0 ||
	    store_bind_int(st, 3, task->id) != 0 || store_exec_stmt(s, st) ||
	    store_changes(s) != 1)
		return -1;
	return 0;
}
