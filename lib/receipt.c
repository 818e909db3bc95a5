/*
 * receipt.c: printable receipts of approved tasks; see receipt.h.  A
 * receipt is issued once per (task, kind) and stored, so that a second
 * printout shows the same number, code and date.  The number is a
 * prefix per kind and the task's 业务顺序号; the verification code is
 * 8 random characters of an alphabet without 0/O/1/I; the issue time is
 * the task's decision time (never the time of printing).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "audit.h"
#include "clock.h"
#include "log.h"
#include "receipt.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"

#define RECEIPT_CODE_LEN	8

/* The alphabet of verification codes: 32 characters, so that a random
 * byte masked to 5 bits picks one uniformly. */
static const char receipt_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* The most receipt kinds one task issues. */
#define RECEIPT_KINDS_MAX	8

/* The statements of receipts; their SQL is in receipt_sql. */
enum receipt_stmt {
	RECEIPT_STMT_TASK,	/* the task facts a receipt needs */
	RECEIPT_STMT_OF_TASK,	/* a task's receipt of a kind */
	RECEIPT_STMT_ISSUE,	/* inserts a receipt unless issued */
	RECEIPT_STMT_BY_NO,	/* a receipt by its number */
	RECEIPT_STMT_UNIT_NAME,	/* the name of a receipt's unit */
	RECEIPT_STMT_VOID,	/* marks a task's receipts 作废 */
	RECEIPT_STMT_SIG_GET,	/* a receipt's kept signature */
	RECEIPT_STMT_SIG_KEEP,	/* keeps one unless kept */
	RECEIPT_STMT__MAX
};

/* The SQL of each statement, by enum receipt_stmt. */
static const char *const receipt_sql[RECEIPT_STMT__MAX] = {
	[RECEIPT_STMT_TASK] =
	    "SELECT unit_id, state, seq_no, decided_at FROM "
	    "tasks WHERE id = ?1", /* RECEIPT_STMT_TASK */
	[RECEIPT_STMT_OF_TASK] =
	    "SELECT id, receipt_no, code, issued_at FROM "
	    "receipts WHERE task_id = ?1 AND kind = ?2", /* RECEIPT_STMT_OF_TASK */
	[RECEIPT_STMT_ISSUE] =
	    "INSERT OR IGNORE INTO receipts (task_id, kind, "
	    "receipt_no, code, issued_at) VALUES (?1, ?2, ?3, ?4, ?5)", /* RECEIPT_STMT_ISSUE */
	[RECEIPT_STMT_BY_NO] =
	    "SELECT id, task_id, kind, receipt_no, code, "
	    "issued_at, voided_at, void_reason FROM receipts WHERE "
	    "receipt_no = ?1", /* RECEIPT_STMT_BY_NO */
	[RECEIPT_STMT_UNIT_NAME] =
	    "SELECT name FROM units WHERE id = ?1", /* RECEIPT_STMT_UNIT_NAME */
	[RECEIPT_STMT_VOID] =
	    "UPDATE receipts SET voided_at = ?2, void_reason = ?3 WHERE "
	    "task_id = ?1 AND voided_at = 0", /* RECEIPT_STMT_VOID */
	[RECEIPT_STMT_SIG_GET] =
	    "SELECT sig FROM receipts WHERE id = ?1", /* RECEIPT_STMT_SIG_GET */
	[RECEIPT_STMT_SIG_KEEP] =
	    "UPDATE receipts SET sig = ?2 WHERE id = ?1 AND sig = ''",
	    /* RECEIPT_STMT_SIG_KEEP */
};

const struct wf_receipt receipt_zonghe = {
	"zonghe", "综合业务处理单", "zonghe", "ZH"
};

/* The number prefix of kind; see receipt.h.  Returns it or NULL. */
const char *
receipt_prefix(const struct wf_receipt *kind)
{
	if (kind == NULL || kind->kind == NULL)
		return NULL;
	return kind->prefix;
}

/* Whether kind is among out[0..n).  Returns 1 or 0. */
static int
kind_listed(const struct wf_receipt *const *out, size_t n, const char *kind)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(out[i]->kind, kind) == 0)
			return 1;
	return 0;
}

/* The receipts a task of b issues; see receipt.h.  Returns how many
 * were stored in out. */
size_t
receipt_kinds(const struct wf_business *b, const struct wf_receipt **out,
    size_t max)
{
	const struct wf_receipt	*r;
	size_t			 n = 0;

	if (max == 0)
		return 0;
	out[n++] = &receipt_zonghe;
	for (r = b != NULL ? b->receipts : NULL; r != NULL && r->kind != NULL &&
	    n < max; r++)
		if (!kind_listed(out, n, r->kind))
			out[n++] = r;
	return n;
}

/* The receipt of kind a task of b issues, or NULL. */
const struct wf_receipt *
receipt_kind_of(const struct wf_business *b, const char *kind)
{
	const struct wf_receipt	*all[RECEIPT_KINDS_MAX];
	size_t			 i, n;

	if (kind == NULL)
		return NULL;
	n = receipt_kinds(b, all, RECEIPT_KINDS_MAX);
	for (i = 0; i < n; i++)
		if (strcmp(all[i]->kind, kind) == 0)
			return all[i];
	return NULL;
}

/* Fills code with RECEIPT_CODE_LEN random characters of the alphabet
 * and a NUL.  Returns 0 or -1. */
static int
make_code(char code[RECEIPT_CODE_LEN + 1])
{
	unsigned char	 r[RECEIPT_CODE_LEN];
	size_t		 i;

	if (RAND_bytes(r, sizeof(r)) != 1) {
		log_err("RAND_bytes failed");
		return -1;
	}
	for (i = 0; i < RECEIPT_CODE_LEN; i++)
		code[i] = receipt_alphabet[r[i] & 31];
	code[RECEIPT_CODE_LEN] = '\0';
	return 0;
}

/* The task facts a receipt needs. */
struct receipt_task {
	int64_t		 unit_id;
	char		 state[16];
	char		 seq_no[32];
	int64_t		 decided_at;
};

/* Loads task_id's facts.  Returns 0, 1 not found, -1 error. */
static int
load_task(struct store *s, int64_t task_id, struct receipt_task *t)
{
	struct store_stmt	*st;
	int		 rc;

	st = store_stmt(s, receipt_sql[RECEIPT_STMT_TASK]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		t->unit_id = store_col_int64(st, 0);
		snprintf(t->state, sizeof(t->state), "%s", store_col_text(st, 1));
		snprintf(t->seq_no, sizeof(t->seq_no), "%s",
		    store_col_text(st, 2));
		t->decided_at = store_col_int64(st, 3);
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Reads the stored receipt of (task_id, kind) into out.  Returns 0,
 * 1 none, -1 error. */
static int
find_receipt(struct store *s, int64_t task_id, const struct wf_receipt *kind,
    struct receipt *out)
{
	struct store_stmt	*st;
	int		 rc;

	st = store_stmt(s, receipt_sql[RECEIPT_STMT_OF_TASK]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, kind->title) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		memset(out, 0, sizeof(*out));
		out->id = store_col_int64(st, 0);
		out->task_id = task_id;
		snprintf(out->kind, sizeof(out->kind), "%s", kind->title);
		snprintf(out->no, sizeof(out->no), "%s", store_col_text(st, 1));
		snprintf(out->code, sizeof(out->code), "%s",
		    store_col_text(st, 2));
		out->issued_at = (time_t)store_col_int64(st, 3);
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Inserts the receipt of (task_id, kind) unless one exists and audits a
 * new one.  Returns 0 or -1. */
static int
insert_receipt(struct store *s, int64_t task_id, const struct wf_receipt *kind,
    const char *prefix, const struct receipt_task *t)
{
	struct actor	 sys = { 0, t->unit_id, "系统", "" };
	struct store_stmt	*st;
	char		 no[48], code[RECEIPT_CODE_LEN + 1], obj[64], detail[128];

	if ((size_t)snprintf(no, sizeof(no), "%s%s", prefix,
	    t->seq_no) >= sizeof(((struct receipt *)NULL)->no)) {
		log_err("receipt number of task %lld too long", (long long)task_id);
		return -1;
	}
	if (make_code(code) != 0)
		return -1;
	st = store_stmt(s, receipt_sql[RECEIPT_STMT_ISSUE]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, kind->title) != 0 ||
	    store_bind_text(st, 3, no) != 0 || store_bind_text(st, 4, code) != 0 ||
	    store_bind_int(st, 5, t->decided_at > 0 ? t->decided_at :
	    (int64_t)clock_now()) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	if (store_changes(s) == 0)
		return 0;
	snprintf(obj, sizeof(obj), "task:%lld", (long long)task_id);
	snprintf(detail, sizeof(detail), "%s %s", kind->title, no);
	return audit_append(s, &sys, "receipt.issue", obj, detail);
}

/* See receipt.h. */
int
receipt_on_submit(const struct wf_receipt *kind)
{
	const struct wf_business	*b;
	size_t				 i;

	for (i = 0; kind != NULL && (b = wf_business_at(i)) != NULL; i++)
		if (b->submit_receipt != NULL &&
		    strcmp(b->submit_receipt, kind->kind) == 0)
			return 1;
	return 0;
}

/* Issues or finds the receipt of kind for task_id; see receipt.h.
 * Returns 0, 1 when the task is not 结束 / missing / another unit's,
 * -1 on error (a kind without a number prefix is one). */
int
receipt_issue(struct store *s, int64_t task_id, int64_t unit_id,
    const struct wf_receipt *kind, struct receipt *out)
{
	struct receipt_task	 t;
	const char		*prefix = receipt_prefix(kind);
	int			 own = 0, rc, ret = -1;

	if (prefix == NULL || kind->title == NULL) {
		log_err("receipt kind %s has no number prefix",
		    kind != NULL && kind->kind != NULL ? kind->kind : "(null)");
		return -1;
	}
	/* Already issued: no write, no transaction. */
	if ((rc = load_task(s, task_id, &t)) != 0) {
		ret = rc;
		goto out;
	}
	if ((strcmp(t.state, task_state_names[TASK_DONE]) != 0 &&
	    !(receipt_on_submit(kind) &&
	    strcmp(t.state, task_state_names[TASK_PENDING]) == 0)) ||
	    (unit_id > 0 && t.unit_id != unit_id)) {
		ret = 1;
		goto out;
	}
	if ((rc = find_receipt(s, task_id, kind, out)) <= 0) {
		ret = rc;
		goto out;
	}
	if (!s->in_tx) {
		if (store_begin(s) != 0)
			goto out;
		own = 1;
	}
	/* The task is 结束 and never changes again, or (a receipt issued
	 * on submission) 进行中 in this transaction: what was read holds.
	 * /verify shows the task's state as it is later. */
	if (insert_receipt(s, task_id, kind, prefix, &t) != 0 ||
	    find_receipt(s, task_id, kind, out) != 0)
		goto out;
	if (own) {
		own = 0;
		if (store_commit(s) != 0)
			goto out;
	}
	ret = 0;
out:
	if (own)
		store_rollback(s);
	return ret;
}

/* Copies src upper-cased into dst of dstsz when it fits and holds only
 * printable ASCII.  Returns 0, or -1 when it does not. */
static int
upper_copy(const char *src, char *dst, size_t dstsz)
{
	size_t	 i, n;

	if (src == NULL || (n = strlen(src)) == 0 || n >= dstsz)
		return -1;
	for (i = 0; i < n; i++) {
		if (src[i] <= 0x20 || src[i] >= 0x7F)
			return -1;
		dst[i] = (char)toupper((unsigned char)src[i]);
	}
	dst[n] = '\0';
	return 0;
}

/* Reads a row of RECEIPT_STMT_BY_NO at st into out. */
static void
read_receipt(struct store_stmt *st, struct receipt *out)
{
	out->id = store_col_int64(st, 0);
	out->task_id = store_col_int64(st, 1);
	snprintf(out->kind, sizeof(out->kind), "%s", store_col_text(st, 2));
	snprintf(out->no, sizeof(out->no), "%s", store_col_text(st, 3));
	snprintf(out->code, sizeof(out->code), "%s", store_col_text(st, 4));
	out->issued_at = (time_t)store_col_int64(st, 5);
	out->voided_at = (time_t)store_col_int64(st, 6);
	snprintf(out->void_reason, sizeof(out->void_reason), "%s",
	    store_col_text(st, 7));
}

/* See receipt.h.  Returns 0, 1 none, -1 error. */
int
receipt_find(struct store *s, const char *no, struct receipt *out)
{
	struct store_stmt	*st;
	int			 rc;

	memset(out, 0, sizeof(*out));
	st = store_stmt(s, receipt_sql[RECEIPT_STMT_BY_NO]);
	if (st == NULL || store_bind_text(st, 1, no) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		read_receipt(st, out);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Finds the receipt numbered no whose code matches; see receipt.h.
 * Returns 0 genuine, 1 unknown number or wrong code, -1 error. */
int
receipt_verify(struct store *s, const char *no, const char *code,
    struct receipt *out)
{
	struct store_stmt	*st;
	char		 want_no[32], given[RECEIPT_CODE_LEN + 1];
	char		 stored[RECEIPT_CODE_LEN + 1] = "--------";
	int		 rc, found = 0;
	int		 given_ok;

	given_ok = upper_copy(code, given, sizeof(given)) == 0 &&
	    strlen(given) == RECEIPT_CODE_LEN;
	if (!given_ok)
		memcpy(given, "########", RECEIPT_CODE_LEN + 1);
	if (upper_copy(no, want_no, sizeof(want_no)) != 0)
		want_no[0] = '\0';
	memset(out, 0, sizeof(*out));
	st = store_stmt(s, receipt_sql[RECEIPT_STMT_BY_NO]);
	if (st == NULL || store_bind_text(st, 1, want_no) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		read_receipt(st, out);
		if (strlen(out->code) == RECEIPT_CODE_LEN) {
			memcpy(stored, out->code, RECEIPT_CODE_LEN + 1);
			found = 1;
		}
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	/* Compare whether or not the number was found, in constant time,
	 * so that an unknown number and a wrong code look the same. */
	if (CRYPTO_memcmp(stored, given, RECEIPT_CODE_LEN) == 0 && found &&
	    given_ok)
		return 0;
	memset(out, 0, sizeof(*out));
	return 1;
}

/* The first date 《综合业务处理单》 of a task decided at decided_at may be
 * printed: the next day in the hall's time zone [002]. */
void
receipt_printable_from(time_t decided_at, struct hdate *out)
{
	clock_date(decided_at, out);
	hdate_add_days(out, 1);
}

/* Whether 《综合业务处理单》 may be printed on today; see receipt.h.
 * Returns 1 ready, 0 not yet. */
int
receipt_zonghe_ready(time_t decided_at, const struct hdate *today,
    struct hdate *from)
{
	receipt_printable_from(decided_at, from);
	return hdate_cmp(today, from) >= 0;
}

/* Whether a receipt of kind may be printed on today; see receipt.h.
 * Returns 1 ready, 0 not yet. */
int
receipt_ready(const struct wf_receipt *kind, time_t decided_at,
    const struct hdate *today, struct hdate *from)
{
	if (strcmp(kind->kind, receipt_zonghe.kind) == 0)
		return receipt_zonghe_ready(decided_at, today, from);
	clock_date(decided_at, from);
	return hdate_cmp(today, from) >= 0;
}

/* See receipt.h. */
int
receipt_unit_name(struct store *s, int64_t unit_id, char *buf, size_t bufsz)
{
	struct store_stmt	*st;
	int			 rc;

	if (bufsz > 0)
		buf[0] = '\0';
	if ((st = store_stmt(s, receipt_sql[RECEIPT_STMT_UNIT_NAME])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		snprintf(buf, bufsz, "%s", store_col_text(st, 0));
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

/* See receipt.h. */
int
receipt_void(struct store *s, int64_t task_id, const char *reason,
    time_t at)
{
	struct store_stmt	*st;

	st = store_stmt(s, receipt_sql[RECEIPT_STMT_VOID]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, (int64_t)at) != 0 ||
	    store_bind_text(st, 3, reason != NULL ? reason : "") != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* See receipt.h.  Returns 0, 1 none kept, -1 error. */
int
receipt_sig_get(struct store *s, int64_t id, char *buf, size_t bufsz)
{
	struct store_stmt	*st;
	int			 rc;

	buf[0] = '\0';
	if ((st = store_stmt(s, receipt_sql[RECEIPT_STMT_SIG_GET])) == NULL ||
	    store_bind_int(st, 1, id) != 0 ||
	    (rc = store_step_text(st, buf, bufsz)) == STORE_ERROR)
		return -1;
	return buf[0] != '\0' ? 0 : 1;
}

/* See receipt.h.  Returns 0 or -1. */
int
receipt_sig_keep(struct store *s, int64_t id, const char *sig)
{
	struct store_stmt	*st;

	st = store_stmt(s, receipt_sql[RECEIPT_STMT_SIG_KEEP]);
	if (st == NULL || store_bind_int(st, 1, id) != 0 ||
	    store_bind_text(st, 2, sig) != 0)
		return -1;
	return store_exec_stmt(s, st);
}
