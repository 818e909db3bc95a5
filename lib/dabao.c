/*
 * dabao.c: 打包快办 packages (dabao.h): creating one from the
 * businesses' own save functions, its state derived from its steps, the
 * clerk's 提交, and what the hall does after each decision of one of
 * its tasks (pkg_task_decided(), called by the workflow).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "dabao.h"
#include "jianyuan.h"
#include "log.h"
#include "policy.h"
#include "request.h"
#include "store.h"
#include "text.h"
#include "tuigong.h"
#include "valid.h"
#include "workflow.h"
#include "yonggong.h"
#include "zengyuan.h"

const char *const pkg_kind_names[PKG_KIND__MAX] = {
	"入职",		/* PKG_RUZHI */
	"离职",		/* PKG_LIZHI */
};

const char *const pkg_kind_titles[PKG_KIND__MAX] = {
	"入职打包",	/* PKG_RUZHI */
	"离职打包",	/* PKG_LIZHI */
};

const char *const pkg_state_names[PKG_STATE__MAX] = {
	"未提交",	/* PKG_DRAFT */
	"办理中",	/* PKG_RUNNING */
	"待处理",	/* PKG_ACTION */
	"已办结",	/* PKG_DONE */
	"已退单",	/* PKG_CANCELLED */
};

const char *const pkg_hold_names[PKG_HOLD__MAX] = {
	"",		/* PKG_HOLD_NONE */
	"等待",		/* PKG_HOLD_WAITING */
	"暂缓",		/* PKG_HOLD_HELD */
	"未通过",	/* PKG_HOLD_REFUSED */
};

/* The statements of packages; their SQL is in pkg_sql. */
enum pkg_stmt {
	PKG_STMT_DEDUP,		/* a unit's package of a dedup key */
	PKG_STMT_INSERT,	/* a new package */
	PKG_STMT_STEP_ADD,	/* a step, unless there */
	PKG_STMT_LOAD,		/* a (unit's) package */
	PKG_STMT_STEPS,		/* its steps in order */
	PKG_STMT_OF_TASK,	/* the step of a task */
	PKG_STMT_HOLD,		/* a step's hold and note */
	PKG_STMT_STATE,		/* a package's kept state */
	PKG_STMT_MESSAGE,	/* a message to the unit */
	PKG_STMT_REGION,	/* the unit's region */
	PKG_STMT_COUNT,		/* the unit's kept count */
	PKG_STMT_LIST,		/* a page of the unit's packages */
	PKG_STMT_PERSON,	/* a person's latest packages */
	PKG_STMT_MARK,		/* a task's package, step and size */
	PKG_STMT_STEP_TASK,	/* a unit's task of a step key */
	PKG_STMT__MAX
};

static const char *const pkg_sql[PKG_STMT__MAX] = {
	[PKG_STMT_DEDUP] =
	    "SELECT id FROM packages WHERE unit_id = ?1 AND dedup_key = ?2",
	[PKG_STMT_INSERT] =
	    "INSERT INTO packages (unit_id, kind, person_id, idno, name, "
	    "state, dedup_key, created_by, created_at, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, '未提交', ?6, ?7, ?8, ?8)",
	[PKG_STMT_STEP_ADD] =
	    "INSERT INTO package_steps (package_id, step_no, business, "
	    "task_id, form, hold) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "ON CONFLICT DO NOTHING",
	[PKG_STMT_LOAD] =
	    "SELECT id, unit_id, kind, person_id, idno, name, created_at "
	    "FROM packages WHERE id = ?1 AND (?2 <= 0 OR unit_id = ?2)",
	[PKG_STMT_STEPS] =
	    "SELECT step_no, business, task_id, hold, note "
	    "FROM package_steps WHERE package_id = ?1 ORDER BY step_no",
	[PKG_STMT_OF_TASK] =
	    "SELECT package_id, step_no FROM package_steps WHERE task_id = ?1",
	[PKG_STMT_HOLD] =
	    "UPDATE package_steps SET hold = ?3, note = ?4 "
	    "WHERE package_id = ?1 AND step_no = ?2",
	[PKG_STMT_STATE] =
	    "UPDATE packages SET state = ?2, updated_at = ?3 WHERE id = ?1",
	[PKG_STMT_MESSAGE] =
	    "INSERT INTO messages (unit_id, task_id, at, title, body) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[PKG_STMT_REGION] =
	    "SELECT region FROM units WHERE id = ?1",
	[PKG_STMT_COUNT] =
	    "SELECT n FROM tallies WHERE unit_id = ?1 AND name = 'packages'",
	[PKG_STMT_LIST] =
	    "SELECT id FROM packages WHERE unit_id = ?1 "
	    "ORDER BY id DESC LIMIT ?2 OFFSET ?3",
	[PKG_STMT_PERSON] =
	    "SELECT id FROM packages WHERE unit_id = ?1 AND idno = ?2 "
	    "ORDER BY id DESC LIMIT ?3",
	[PKG_STMT_MARK] =
	    "SELECT s.package_id, s.step_no, p.kind, (SELECT COUNT(*) "
	    "FROM package_steps c WHERE c.package_id = s.package_id) "
	    "FROM package_steps s JOIN packages p ON p.id = s.package_id "
	    "WHERE s.task_id = ?1",
	[PKG_STMT_STEP_TASK] =
	    "SELECT id, business, state FROM tasks "
	    "WHERE dedup_key = ?2 AND unit_id = ?1",
};

/* The system acting for a unit: how the hall submits a waiting step. */
#define PKG_HALL_NAME	"系统(打包快办)"

/* See dabao.h. */
enum pkg_state
pkg_state_of(const struct pkg_step_facts *f, size_t n)
{
	size_t	 i, done = 0, pending = 0, waiting = 0, action = 0;

	if (n == 0)
		return PKG_DRAFT;
	for (i = 0; i < n; i++) {
		switch (f[i].tstate) {
		case TASK_CANCELLED:
			return PKG_CANCELLED;
		case TASK_DONE:
			done++;
			break;
		case TASK_PENDING:
			pending++;
			break;
		case TASK_DRAFT:
			if (f[i].returned || f[i].hold == PKG_HOLD_REFUSED)
				action++;
			else if (f[i].hold == PKG_HOLD_WAITING ||
			    f[i].hold == PKG_HOLD_HELD)
				waiting++;
			break;
		case TASK_STATE__MAX:
		default:
			abort();
		}
	}
	if (done == n)
		return PKG_DONE;
	if (action > 0)
		return PKG_ACTION;
	if (pending > 0)
		return PKG_RUNNING;
	/* Some ended, the rest 未提交: waiting for the hall, or (nothing
	 * will submit them) for the clerk. */
	if (done > 0)
		return waiting + done == n && waiting > 0 ? PKG_RUNNING :
		    PKG_ACTION;
	return PKG_DRAFT;
}

/* The hold stored as name, PKG_HOLD_NONE for anything else. */
static enum pkg_hold
pkg_hold_of(const char *name)
{
	int	 i;

	for (i = 1; i < PKG_HOLD__MAX; i++)
		if (strcmp(pkg_hold_names[i], name) == 0)
			return (enum pkg_hold)i;
	return PKG_HOLD_NONE;
}

/* See dabao.h. */
const char *
pkg_business_name(const char *code)
{
	const struct wf_business	*b = wf_business(code);

	return b != NULL ? b->name : code;
}

/* See dabao.h. */
int
pkg_ordered(struct store *s, int64_t unit_id, enum pkg_kind kind)
{
	struct store_stmt	*st;
	struct hdate		 today;
	char			 region[16] = "*";
	int			 rc, first = 1;

	if (kind == PKG_RUZHI)
		return 1;
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_REGION])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		text_copy(region, sizeof(region), store_col_text(st, 0));
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	clock_today(&today);
	if (policy_bool(s, region, "tuigong.require_jianyuan_first", &today,
	    0, &first) == -1)
		return -1;
	return first != 0;
}

/* Adds the steps to package id (those already there are kept).
 * Returns 0 or -1. */
static int
pkg_add_steps(struct store *s, int64_t id, const char *const *business,
    const int64_t *task_ids, size_t n)
{
	struct store_stmt	*st;
	size_t			 i;

	for (i = 0; i < n; i++)
		if ((st = store_stmt(s, pkg_sql[PKG_STMT_STEP_ADD])) == NULL ||
		    store_bind_int(st, 1, id) ||
		    store_bind_int(st, 2, (int64_t)i + 1) ||
		    store_bind_text(st, 3, business[i]) ||
		    (task_ids[i] > 0 ? store_bind_int(st, 4, task_ids[i]) :
		    store_bind_null(st, 4)) ||
		    store_bind_text(st, 5, "") ||
		    store_bind_text(st, 6, task_ids[i] > 0 ? "" :
		    pkg_hold_names[PKG_HOLD_WAITING]) ||
		    store_exec_stmt(s, st))
			return -1;
	return 0;
}

/* Creates the package inside the open transaction; see pkg_create().
 * Returns 0 or -1. */
static int
pkg_insert(struct store *s, const struct actor *who, enum pkg_kind kind,
    int64_t person_id, const char *idno, const char *name,
    const char *dedup_key, int64_t *id, int *created)
{
	struct store_stmt	*st;
	char			 object[40], detail[160];
	int			 rc;

	*created = 0;
	if (dedup_key != NULL) {
		if ((st = store_stmt(s, pkg_sql[PKG_STMT_DEDUP])) == NULL ||
		    store_bind_int(st, 1, who->unit_id) ||
		    store_bind_text(st, 2, dedup_key))
			return -1;
		rc = store_step(st);
		if (rc == STORE_ROW)
			*id = store_col_int64(st, 0);
		store_reset(st);
		if (rc == STORE_ROW)
			return 0;
		if (rc != STORE_DONE)
			return -1;
	}
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_INSERT])) == NULL ||
	    store_bind_int(st, 1, who->unit_id) ||
	    store_bind_text(st, 2, pkg_kind_names[kind]) ||
	    (person_id > 0 ? store_bind_int(st, 3, person_id) :
	    store_bind_null(st, 3)) ||
	    store_bind_text(st, 4, idno) || store_bind_text(st, 5, name) ||
	    store_bind_text(st, 6, dedup_key) ||
	    store_bind_int(st, 7, who->account_id) ||
	    store_bind_int(st, 8, (int64_t)clock_now()) ||
	    store_exec_stmt(s, st))
		return -1;
	*id = store_last_id(s);
	*created = 1;
	snprintf(object, sizeof(object), "package:%" PRId64, *id);
	snprintf(detail, sizeof(detail), "kind=%s idno=%s",
	    pkg_kind_names[kind], idno);
	return audit_append(s, who, "package.create", object, detail);
}

/* See dabao.h. */
int
pkg_create(struct store *s, const struct actor *who, enum pkg_kind kind,
    int64_t person_id, const char *idno, const char *name,
    const char *dedup_key, const char *const *business,
    const int64_t *task_ids, size_t nsteps, int64_t *pkg_id, int *created)
{
	*pkg_id = 0;
	*created = 0;
	if ((unsigned int)kind >= PKG_KIND__MAX || nsteps > PKG_MAX_STEPS ||
	    who == NULL || who->unit_id <= 0)
		return -1;
	if (store_begin(s) == -1)
		return -1;
	if (pkg_insert(s, who, kind, person_id, idno, name, dedup_key, pkg_id,
	    created) == -1 ||
	    pkg_add_steps(s, *pkg_id, business, task_ids, nsteps) == -1 ||
	    store_commit(s) == -1) {
		store_rollback(s);
		*pkg_id = 0;
		*created = 0;
		return -1;
	}
	return 0;
}

/* Loads the steps of p with their tasks.  Returns 0 or -1. */
static int
pkg_load_steps(struct store *s, struct pkg *p)
{
	struct store_stmt	*st;
	struct pkg_step		*ps;
	struct pkg_step_facts	 f[PKG_MAX_STEPS];
	size_t			 i;
	int			 rc;

	if ((st = store_stmt(s, pkg_sql[PKG_STMT_STEPS])) == NULL ||
	    store_bind_int(st, 1, p->id))
		return -1;
	p->nsteps = 0;
	while ((rc = store_step(st)) == STORE_ROW &&
	    p->nsteps < PKG_MAX_STEPS) {
		ps = &p->steps[p->nsteps++];
		memset(ps, 0, sizeof(*ps));
		ps->step_no = store_col_int(st, 0);
		text_copy(ps->business, sizeof(ps->business),
		    store_col_text(st, 1));
		ps->task_id = store_col_int64(st, 2);
		ps->hold = pkg_hold_of(store_col_text(st, 3));
		text_copy(ps->note, sizeof(ps->note), store_col_text(st, 4));
	}
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	for (i = 0; i < p->nsteps; i++) {
		/* A step without a task (none are made now): 未提交. */
		if (p->steps[i].task_id > 0 && wf_load(s, p->steps[i].task_id,
		    0, &p->steps[i].task) != 0)
			return -1;
		f[i].tstate = p->steps[i].task.state;
		f[i].returned = p->steps[i].task.returned;
		f[i].hold = p->steps[i].hold;
	}
	p->state = pkg_state_of(f, p->nsteps);
	return 0;
}

/* See dabao.h. */
int
pkg_load(struct store *s, int64_t id, int64_t unit_id, struct pkg *out)
{
	struct store_stmt	*st;
	const char		*kind;
	int			 rc;

	if (id <= 0)
		return 1;
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_LOAD])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_int(st, 2, unit_id))
		return -1;
	rc = store_step(st);
	if (rc != STORE_ROW) {
		store_reset(st);
		return rc == STORE_DONE ? 1 : -1;
	}
	memset(out, 0, sizeof(*out));
	out->id = store_col_int64(st, 0);
	out->unit_id = store_col_int64(st, 1);
	kind = store_col_text(st, 2);
	out->kind = strcmp(kind, pkg_kind_names[PKG_RUZHI]) == 0 ? PKG_RUZHI :
	    PKG_LIZHI;
	out->person_id = store_col_int64(st, 3);
	text_copy(out->idno, sizeof(out->idno), store_col_text(st, 4));
	text_copy(out->name, sizeof(out->name), store_col_text(st, 5));
	out->created_at = (time_t)store_col_int64(st, 6);
	store_reset(st);
	return pkg_load_steps(s, out) == 0 ? 0 : -1;
}

/* See dabao.h. */
int
pkg_of_task(struct store *s, int64_t task_id, int64_t *pkg_id, int *step_no)
{
	struct store_stmt	*st;
	int			 rc;

	*pkg_id = 0;
	*step_no = 0;
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_OF_TASK])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		*pkg_id = store_col_int64(st, 0);
		*step_no = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == STORE_ROW ? 1 : rc == STORE_DONE ? 0 : -1;
}

/* See dabao.h. */
int
pkg_mark_of_task(struct store *s, int64_t task_id, struct pkg_mark *m)
{
	struct store_stmt	*st;
	int			 rc;

	memset(m, 0, sizeof(*m));
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_MARK])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		m->pkg_id = store_col_int64(st, 0);
		m->step_no = store_col_int(st, 1);
		m->kind = strcmp(store_col_text(st, 2),
		    pkg_kind_names[PKG_RUZHI]) == 0 ? PKG_RUZHI : PKG_LIZHI;
		m->nsteps = store_col_int(st, 3);
	}
	store_reset(st);
	return rc == STORE_ROW ? 1 : rc == STORE_DONE ? 0 : -1;
}

/* Sets the hold and note of step step_no of package id.  Returns 0 or
 * -1. */
static int
pkg_set_hold(struct store *s, int64_t id, int step_no, enum pkg_hold hold,
    const char *note)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, pkg_sql[PKG_STMT_HOLD])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_int(st, 2, step_no) ||
	    store_bind_text(st, 3, pkg_hold_names[hold]) ||
	    store_bind_text(st, 4, note != NULL ? note : ""))
		return -1;
	return store_exec_stmt(s, st);
}

/* Reloads package id and keeps its derived state.  Returns 0 or -1. */
static int
pkg_refresh(struct store *s, int64_t id)
{
	struct store_stmt	*st;
	struct pkg		*p;
	int			 rc = -1;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	if (pkg_load(s, id, 0, p) == 0 &&
	    (st = store_stmt(s, pkg_sql[PKG_STMT_STATE])) != NULL &&
	    store_bind_int(st, 1, id) == 0 &&
	    store_bind_text(st, 2, pkg_state_names[p->state]) == 0 &&
	    store_bind_int(st, 3, (int64_t)clock_now()) == 0)
		rc = store_exec_stmt(s, st);
	free(p);
	return rc;
}

/* Writes a message to the package's unit about task_id.  Returns 0 or
 * -1. */
static int
pkg_message(struct store *s, const struct pkg *p, int64_t task_id,
    const char *title, const char *body)
{
	struct store_stmt	*st;
	char			 t[512];

	text_copy(t, sizeof(t), title);
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_MESSAGE])) == NULL ||
	    store_bind_int(st, 1, p->unit_id) ||
	    store_bind_int(st, 2, task_id) ||
	    store_bind_int(st, 3, (int64_t)clock_now()) ||
	    store_bind_text(st, 4, t) || store_bind_text(st, 5, body))
		return -1;
	return store_exec_stmt(s, st);
}

/* Joins the messages of errs[from..] into out[outsz] with 「;」. */
static void
pkg_join_errors(const struct form_errors *errs, size_t from, char *out,
    size_t outsz)
{
	char	 buf[2048];
	size_t	 i, len;

	buf[0] = '\0';
	for (i = from; i < errs->n; i++) {
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i > from ? ";" : "", errs->e[i].msg);
	}
	text_copy(out, outsz, buf);
}

/* The hall submits step ps of p, which waited for the step before it,
 * as the system acting for the unit.  A refusal of its rules is kept
 * on the step and told to the clerk.  Returns 0 or -1. */
static int
pkg_hall_submit(struct store *s, const struct pkg *p,
    const struct pkg_step *ps)
{
	struct form_errors	*errs;
	struct actor		 hall;
	enum wf_result		 r;
	char			 note[512], title[512], body[1024];
	int			 rc = -1;

	if ((errs = calloc(1, sizeof(*errs))) == NULL)
		return -1;
	hall.account_id = 0;
	hall.unit_id = p->unit_id;
	hall.name = PKG_HALL_NAME;
	hall.cert_fp = "";
	r = wf_transition(s, ps->task_id, WF_SUBMIT, &hall, NULL, errs);
	switch (r) {
	case WF_OK:
		rc = pkg_set_hold(s, p->id, ps->step_no, PKG_HOLD_NONE, "");
		break;
	case WF_RULES:
	case WF_BADSTATE:
	case WF_NOTFOUND:
	case WF_IMPORTING:
		if (r == WF_RULES)
			pkg_join_errors(errs, 0, note, sizeof(note));
		else
			text_copy(note, sizeof(note), wf_result_message(r));
		snprintf(title, sizeof(title), "%s %s:%s(业务顺序号 %s)未能由"
		    "系统自动提交", pkg_kind_titles[p->kind], p->name,
		    pkg_business_name(ps->business), ps->task.seq_no);
		snprintf(body, sizeof(body), "原因:%s。请按原因补正后,在"
		    "「打包记录」中打开该业务包并提交。", note);
		if (pkg_set_hold(s, p->id, ps->step_no, PKG_HOLD_REFUSED,
		    note) == 0 && pkg_message(s, p, ps->task_id, title,
		    body) == 0)
			rc = 0;
		break;
	case WF_NEEDREASON:
	case WF_ERROR:
	case WF_RESULT__MAX:
	default:
		log_err("dabao: package %" PRId64 ": submit of task %" PRId64
		    " failed", p->id, ps->task_id);
		break;
	}
	free(errs);
	return rc;
}

/* Step step_no of p was sent back: holds the 未提交 steps after it and
 * tells the clerk.  Returns 0 or -1. */
static int
pkg_sent_back(struct store *s, const struct pkg *p, const struct task *t,
    int step_no)
{
	const struct pkg_step	*ps;
	char			 title[512], body[1024], later[256] = "";
	size_t			 i, len;

	for (i = 0; i < p->nsteps; i++) {
		ps = &p->steps[i];
		if (ps->step_no <= step_no || ps->task.state != TASK_DRAFT)
			continue;
		if (pkg_set_hold(s, p->id, ps->step_no, PKG_HOLD_HELD,
		    "前一项业务已被回退,本业务暂不提交") == -1)
			return -1;
		len = strlen(later);
		snprintf(later + len, sizeof(later) - len, "%s%s",
		    len > 0 ? "、" : "", pkg_business_name(ps->business));
	}
	snprintf(title, sizeof(title), "%s %s:%s(业务顺序号 %s)已回退%s%s%s",
	    pkg_kind_titles[p->kind], p->name, pkg_business_name(t->business),
	    t->seq_no, later[0] != '\0' ? "," : "", later,
	    later[0] != '\0' ? "暂未提交" : "");
	snprintf(body, sizeof(body), "回退原因:%s。请按回退原因修改后,在"
	    "「打包记录」中打开该业务包重新提交%s%s%s。", t->return_reason,
	    later[0] != '\0' ? ";该项审核通过后,系统将自动提交" : "", later,
	    "");
	return pkg_message(s, p, t->id, title, body);
}

/* See dabao.h. */
int
pkg_task_decided(struct store *s, const struct task *t, int approved)
{
	const struct pkg_step	*next = NULL;
	struct pkg		*p;
	int64_t			 id;
	size_t			 i;
	int			 step_no, rc;

	if ((rc = pkg_of_task(s, t->id, &id, &step_no)) <= 0)
		return rc;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	rc = -1;
	if (pkg_load(s, id, 0, p) != 0)
		goto out;
	for (i = 0; i < p->nsteps; i++)
		if (p->steps[i].step_no == step_no + 1)
			next = &p->steps[i];
	if (approved) {
		if (next != NULL && next->task_id > 0 &&
		    next->task.state == TASK_DRAFT &&
		    next->hold != PKG_HOLD_NONE &&
		    pkg_hall_submit(s, p, next) == -1)
			goto out;
	} else if (pkg_sent_back(s, p, t, step_no) == -1)
		goto out;
	rc = pkg_refresh(s, id);
out:
	free(p);
	return rc;
}

/* Submits step ps for the clerk (as who) inside the open transaction,
 * adding its refusal to errs with the business's name before each
 * message.  Returns WF_OK, WF_RULES or another refusal. */
static enum wf_result
pkg_clerk_submit(struct store *s, const struct actor *who,
    const struct pkg *p, const struct pkg_step *ps, struct form_errors *errs)
{
	struct form_error	*e;
	enum wf_result		 r;
	char			 msg[2 * sizeof(e->msg)];
	size_t			 n0 = errs->n, i;

	r = wf_transition(s, ps->task_id, WF_SUBMIT, who, NULL, errs);
	for (i = n0; i < errs->n; i++) {
		e = &errs->e[i];
		/* Joined whole, then cut at a character by text_copy. */
		snprintf(msg, sizeof(msg), "%s:%s",
		    pkg_business_name(ps->business), e->msg);
		text_copy(e->msg, sizeof(e->msg), msg);
	}
	if (r == WF_OK && pkg_set_hold(s, p->id, ps->step_no, PKG_HOLD_NONE,
	    "") == -1)
		return WF_ERROR;
	return r;
}

/* Marks which 未提交 steps of p the clerk's 提交 submits now (go[i])
 * and which wait for the step before (ordered).  Returns how many
 * are submitted now. */
static size_t
pkg_plan(const struct pkg *p, int ordered, int *go)
{
	size_t	 i, n = 0;
	int	 blocked = 0;

	for (i = 0; i < p->nsteps; i++) {
		go[i] = 0;
		switch (p->steps[i].task.state) {
		case TASK_DRAFT:
			/* A step without a task has nothing to submit. */
			if (!blocked && p->steps[i].task_id > 0) {
				go[i] = 1;
				n++;
			}
			blocked = ordered;
			break;
		case TASK_PENDING:
			blocked = ordered;
			break;
		case TASK_DONE:
		case TASK_CANCELLED:
		case TASK_STATE__MAX:
		default:
			break;
		}
	}
	return n;
}

/* See dabao.h. */
int
pkg_submit(struct store *s, const struct actor *who, int64_t id,
    struct form_errors *errs)
{
	struct pkg	*p;
	enum wf_result	 r;
	size_t		 i;
	int		 go[PKG_MAX_STEPS], ordered, rc = -1;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	if (store_begin(s) == -1)
		goto out;
	if ((rc = pkg_load(s, id, who->unit_id, p)) != 0)
		goto done;
	if (p->state == PKG_CANCELLED) {
		rc = 3;
		goto done;
	}
	rc = -1;
	if ((ordered = pkg_ordered(s, p->unit_id, p->kind)) == -1)
		goto done;
	if (pkg_plan(p, ordered, go) == 0) {
		rc = 3;
		goto done;
	}
	/* The waiting steps are marked first: a VIP unit's step ends at
	 * once and the hall then submits the one after it. */
	for (i = 0; i < p->nsteps; i++)
		if (!go[i] && p->steps[i].task.state == TASK_DRAFT &&
		    pkg_set_hold(s, p->id, p->steps[i].step_no,
		    PKG_HOLD_WAITING, "等待前一项业务审核通过后由系统自动提交")
		    == -1)
			goto done;
	for (i = 0; i < p->nsteps; i++) {
		if (!go[i])
			continue;
		/* The hall may have submitted it in the meantime. */
		if (p->steps[i].task_id <= 0 ||
		    wf_load(s, p->steps[i].task_id, 0, &p->steps[i].task) != 0)
			goto done;
		if (p->steps[i].task.state != TASK_DRAFT)
			continue;
		r = pkg_clerk_submit(s, who, p, &p->steps[i], errs);
		if (r == WF_RULES) {
			rc = 2;
			goto done;
		}
		if (r != WF_OK)
			goto done;
	}
	if (pkg_refresh(s, p->id) == -1)
		goto done;
	rc = store_commit(s) == 0 ? 0 : -1;
	goto out;
done:
	store_rollback(s);
out:
	free(p);
	return rc;
}

/* See dabao.h. */
int
pkg_count(struct store *s, int64_t unit_id, int64_t *n)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, pkg_sql[PKG_STMT_COUNT])) == NULL ||
	    store_bind_int(st, 1, unit_id))
		return -1;
	return store_step_int(st, 0, n) == STORE_ERROR ? -1 : 0;
}

/* Loads each package whose id the statement st lists and calls fn.
 * Returns the number or -1. */
static int
pkg_each(struct store *s, struct store_stmt *st,
    void (*fn)(const struct pkg *p, void *arg), void *arg)
{
	int64_t		 ids[64];
	struct pkg	*p;
	size_t		 n = 0, i;
	int		 rc;

	while ((rc = store_step(st)) == STORE_ROW && n < 64)
		ids[n++] = store_col_int64(st, 0);
	store_reset(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return -1;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (pkg_load(s, ids[i], 0, p) != 0) {
			free(p);
			return -1;
		}
		fn(p, arg);
	}
	free(p);
	return (int)n;
}

/* See dabao.h. */
int
pkg_list(struct store *s, int64_t unit_id, int offset, int limit,
    void (*fn)(const struct pkg *p, void *arg), void *arg)
{
	struct store_stmt	*st;

	if (limit > 64)
		limit = 64;
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_LIST])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_int(st, 2, limit) ||
	    store_bind_int(st, 3, offset < 0 ? 0 : offset))
		return -1;
	return pkg_each(s, st, fn, arg);
}

/* What pkg_person_lines hands on. */
struct pkg_lines_arg {
	void	(*fn)(const struct pkg_line *l, void *arg);
	void	 *arg;
};

/* pkg_each callback: one package as a timeline line. */
static void
pkg_line_of(const struct pkg *p, void *arg)
{
	struct pkg_lines_arg	*a = arg;
	struct pkg_line		 l;
	struct hdate		 d;
	char			 buf[512];
	size_t			 i, len;

	memset(&l, 0, sizeof(l));
	l.pkg_id = p->id;
	l.first_task = p->nsteps > 0 ? p->steps[0].task_id : 0;
	l.title = pkg_kind_titles[p->kind];
	l.state = pkg_state_names[p->state];
	clock_date(p->created_at, &d);
	hdate_fmt(&d, l.date);
	buf[0] = '\0';
	for (i = 0; i < p->nsteps; i++) {
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "%s%s %s",
		    i > 0 ? " → " : "", pkg_business_name(p->steps[i].business),
		    task_state_names[p->steps[i].task.state]);
	}
	text_copy(l.detail, sizeof(l.detail), buf);
	a->fn(&l, a->arg);
}

/* See dabao.h. */
int
pkg_person_lines(struct store *s, int64_t unit_id, const char *idno,
    void (*fn)(const struct pkg_line *l, void *arg), void *arg)
{
	struct pkg_lines_arg	 a;
	struct store_stmt	*st;

	a.fn = fn;
	a.arg = arg;
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_PERSON])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, idno) ||
	    store_bind_int(st, 3, PKG_TIMELINE_MAX))
		return -1;
	return pkg_each(s, st, pkg_line_of, &a);
}

/* See dabao.h. */
const char *
pkg_step_key(const char *key, int step_no, char out[48])
{
	const char	*hex;

	if (key == NULL || (hex = strchr(key, ':')) == NULL)
		return NULL;
	snprintf(out, 48, "pk%d%s", step_no, hex);
	return out;
}

/* Withdraws (退单) task_id that this save made, as who.  Returns 0 or
 * -1. */
static int
pkg_withdraw(struct store *s, const struct actor *who, int64_t task_id)
{
	enum wf_result	 r;

	r = wf_transition(s, task_id, WF_CANCEL, who, NULL, NULL);
	return r == WF_OK ? 0 : -1;
}

/* Withdraws the tasks[i] this save made (made[i]) after the package
 * could not be created, so that no step is left in 待办 without its
 * package.  Returns 0, or -1 when one is left (logged). */
static int
pkg_undo(struct store *s, const struct actor *who, const int64_t *tasks,
    const int *made, size_t n)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < n; i++)
		if (made[i] && tasks[i] > 0 &&
		    pkg_withdraw(s, who, tasks[i]) == -1) {
			log_err("dabao: task %" PRId64 " left without its "
			    "package", tasks[i]);
			rc = -1;
		}
	return rc;
}

/* The tasks the step keys of key already name for who's unit, into
 * found[i] (0 none).  A token replayed after its step was withdrawn
 * (退单), or naming a task of another business, is refused (errs): the
 * business's save would otherwise return that task as the step's.
 * Returns 0, 1 refused, -1 error. */
static int
pkg_step_tasks(struct store *s, const struct actor *who, const char *key,
    const char *const *business, size_t n, int64_t *found,
    struct form_errors *errs)
{
	struct store_stmt	*st;
	char			 k[48];
	size_t			 i;
	int			 rc, bad = 0;

	for (i = 0; i < n; i++) {
		found[i] = 0;
		if (pkg_step_key(key, (int)i + 1, k) == NULL)
			continue;
		if ((st = store_stmt(s, pkg_sql[PKG_STMT_STEP_TASK])) == NULL ||
		    store_bind_int(st, 1, who->unit_id) ||
		    store_bind_text(st, 2, k))
			return -1;
		if ((rc = store_step(st)) == STORE_ROW) {
			if (strcmp(store_col_text(st, 1), business[i]) != 0 ||
			    strcmp(store_col_text(st, 2),
			    task_state_names[TASK_CANCELLED]) == 0)
				bad = 1;
			else
				found[i] = store_col_int64(st, 0);
		}
		store_reset(st);
		if (rc != STORE_ROW && rc != STORE_DONE)
			return -1;
	}
	if (!bad)
		return 0;
	form_error_add(errs, "token", "PKG_TOKEN_USED", "该表单已提交过,"
	    "其中的业务已退单,请重新打开表单填写");
	return 1;
}

/* The unit's package of dedup_key into *id (0 none).  Returns 0 or
 * -1. */
static int
pkg_find(struct store *s, int64_t unit_id, const char *dedup_key,
    int64_t *id)
{
	struct store_stmt	*st;
	int			 rc;

	*id = 0;
	if (dedup_key == NULL)
		return 0;
	if ((st = store_stmt(s, pkg_sql[PKG_STMT_DEDUP])) == NULL ||
	    store_bind_int(st, 1, unit_id) || store_bind_text(st, 2, dedup_key))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		*id = store_col_int64(st, 0);
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* The 退工's own rules of the 离职打包's saved 退工 task_id, read-only,
 * so that a 退工 that could never be submitted (a 合同到期终止 of an
 * open-ended contract, a 退工日期 that is not the contract's end ...)
 * is refused with the form, not after the 减员 has stopped the
 * person's insurance.  The rule the package itself meets (先减员后退工:
 * TG_SB_UNSETTLED) is left out.  Returns 0 met, 1 refused (errs), -1
 * error. */
static int
pkg_lizhi_lint(struct store *s, int64_t task_id, struct form_errors *errs)
{
	struct form_errors	*lerr;
	size_t			 i;
	int			 rc = -1;

	if ((lerr = calloc(1, sizeof(*lerr))) == NULL)
		return -1;
	if (tuigong_lint(s, task_id, lerr) != 0)
		goto out;
	rc = 0;
	for (i = 0; i < lerr->n; i++) {
		if (strcmp(lerr->e[i].code, "TG_SB_UNSETTLED") == 0)
			continue;
		form_error_add(errs, lerr->e[i].field, lerr->e[i].code,
		    lerr->e[i].msg);
		rc = 1;
	}
out:
	free(lerr);
	return rc;
}

/* See dabao.h. */
int
pkg_save_lizhi(struct store *s, const struct actor *who,
    const struct pkg_lizhi *in, const char *key, int64_t *pkg_id,
    int *created, struct form_errors *errs)
{
	static const char *const business[2] = { "jianyuan", "tuigong" };
	int64_t		 tasks[2] = { 0, 0 }, found[2], dup_id;
	char		 k1[48], k2[48], dup_seq[32], msg[256];
	int		 rc, made[2] = { 0, 0 };

	*pkg_id = 0;
	*created = 0;
	if ((unsigned int)in->jy_reason >= JY_REASON__MAX)
		return -1;
	if (pkg_find(s, who->unit_id, key, pkg_id) != 0)
		return -1;
	if (*pkg_id > 0)
		return 0;		/* the same form again */
	if ((rc = pkg_step_tasks(s, who, key, business, 2, found, errs)) != 0)
		return rc;
	rc = jy_save(s, who, (enum jy_reason)in->jy_reason, &in->change,
	    &in->person_id, 1, pkg_step_key(key, 1, k1), &tasks[0], errs);
	if (rc == -1 || rc == 1)
		return rc;
	made[0] = rc == 0;
	dup_id = 0;
	rc = tuigong_save(s, who, NULL, in->tg, pkg_step_key(key, 2, k2),
	    &tasks[1], &made[1], &dup_id, dup_seq);
	if (rc != 0) {
		/* Refused (another unfinished 退工 of the person) or failed. */
		if (rc == 1) {
			snprintf(msg, sizeof(msg), "该员工已有未办结的退工登记"
			    "(业务顺序号 %s),不能再打包办理", dup_seq);
			form_error_add(errs, "sfzh", "TG_DUPLICATE", msg);
			rc = 1;
		} else
			rc = -1;
		made[1] = 0;
		(void)pkg_undo(s, who, tasks, made, 2);
		return rc;
	}
	if ((rc = pkg_lizhi_lint(s, tasks[1], errs)) != 0) {
		(void)pkg_undo(s, who, tasks, made, 2);
		return rc;
	}
	if (pkg_create(s, who, PKG_LIZHI, in->person_id, in->tg->idno,
	    in->tg->name, key, business, tasks, 2, pkg_id, created) == -1) {
		(void)pkg_undo(s, who, tasks, made, 2);
		return -1;
	}
	return 0;
}

/* Whether every error of errs is the 增员's missing registration
 * (ZY_NO_YONGGONG), and there is one. */
static int
pkg_only_registration(const struct form_errors *errs)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, "ZY_NO_YONGGONG") != 0)
			return 0;
	return errs->n > 0;
}

/* The 增员's rules for the 入职打包 of in, read-only, so that a refusal
 * stores nothing: only the registration the 用工备案 makes may be
 * missing yet.  Returns 0 met, 1 refused (errs), -1 error. */
static int
pkg_ruzhi_rules(struct store *s, const struct actor *who,
    const struct pkg_ruzhi *in, struct form_errors *errs)
{
	struct form_errors	*zerr;
	struct hdate		 today;
	size_t			 i;
	int			 rc = -1;

	if ((zerr = calloc(1, sizeof(*zerr))) == NULL)
		return -1;
	clock_today(&today);
	if (zengyuan_rules(s, who->unit_id, 0, in->zy, &today, NULL, zerr) != 0)
		goto out;
	rc = 0;
	if (zerr->n > 0 && !pkg_only_registration(zerr)) {
		/* Not the missing registration: the package makes it. */
		for (i = 0; i < zerr->n; i++)
			if (strcmp(zerr->e[i].code, "ZY_NO_YONGGONG") != 0)
				form_error_add(errs, zerr->e[i].field,
				    zerr->e[i].code, zerr->e[i].msg);
		rc = 1;
	}
out:
	free(zerr);
	return rc;
}

/* See dabao.h. */
int
pkg_save_ruzhi(struct store *s, const struct actor *who,
    const struct pkg_ruzhi *in, const char *key, int64_t *pkg_id,
    int *created, struct form_errors *errs)
{
	static const char *const business[2] = { "yonggong", "zengyuan" };
	struct form_errors	*rerr;
	int64_t			 tasks[2] = { 0, 0 }, found[2];
	char			 k1[48], k2[48];
	size_t			 i;
	int			 rc = -1, made[2] = { 0, 0 };

	*pkg_id = 0;
	*created = 0;
	if (pkg_find(s, who->unit_id, key, pkg_id) != 0)
		return -1;
	if (*pkg_id > 0)
		return 0;		/* the same form again */
	if ((rc = pkg_step_tasks(s, who, key, business, 2, found, errs)) != 0)
		return rc;
	if ((rerr = calloc(1, sizeof(*rerr))) == NULL)
		return -1;
	/* The same form saved by a request still running (a double
	 * click) makes its own 增员 the person's open task: its steps are
	 * taken as this one's, its package answered. */
	if (found[0] == 0 &&
	    (rc = pkg_ruzhi_rules(s, who, in, rerr)) != 0) {
		if (rc == -1 || pkg_find(s, who->unit_id, key, pkg_id) != 0)
			goto fail;
		if (*pkg_id > 0) {
			rc = 0;
			goto out;
		}
		if ((rc = pkg_step_tasks(s, who, key, business, 2, found,
		    errs)) != 0)
			goto out;
		if (found[0] == 0) {
			for (i = 0; i < rerr->n; i++)
				form_error_add(errs, rerr->e[i].field,
				    rerr->e[i].code, rerr->e[i].msg);
			rc = 1;
			goto out;
		}
	}
	rc = yonggong_save(s, who, NULL, in->yg, pkg_step_key(key, 1, k1),
	    &tasks[0], &made[0], errs);
	if (rc != 0)
		goto out;
	/* With the 用工备案 saved (未提交), the 增员's save accepts it as
	 * the registration to come. */
	rc = zengyuan_save(s, who, NULL, in->zy, pkg_step_key(key, 2, k2),
	    &tasks[1], &made[1], errs);
	if (rc != 0) {
		made[1] = 0;
		(void)pkg_undo(s, who, tasks, made, 2);
		goto out;
	}
	rc = pkg_create(s, who, PKG_RUZHI, in->yg->person_id > 0 ?
	    in->yg->person_id : in->zy->person_id, in->yg->idno,
	    in->yg->name, key, business, tasks, 2, pkg_id, created);
	if (rc == -1)
		(void)pkg_undo(s, who, tasks, made, 2);
	goto out;
fail:
	rc = -1;
out:
	free(rerr);
	return rc;
}

/* See dabao.h. */
int
pkg_cancel(struct store *s, const struct actor *who, int64_t id)
{
	struct pkg	*p;
	size_t		 i, n = 0;
	int		 rc = -1;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	if (store_begin(s) == -1)
		goto out;
	if ((rc = pkg_load(s, id, who->unit_id, p)) != 0)
		goto undo;
	rc = -1;
	for (i = 0; i < p->nsteps; i++) {
		if (p->steps[i].task_id <= 0 ||
		    p->steps[i].task.state != TASK_DRAFT)
			continue;
		if (wf_transition(s, p->steps[i].task_id, WF_CANCEL, who, NULL,
		    NULL) != WF_OK)
			goto undo;
		n++;
	}
	if (n == 0) {
		rc = 3;
		goto undo;
	}
	if (pkg_refresh(s, id) == -1)
		goto undo;
	rc = store_commit(s) == 0 ? 0 : -1;
	goto out;
undo:
	store_rollback(s);
out:
	free(p);
	return rc;
}
