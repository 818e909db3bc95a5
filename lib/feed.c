/*
 * feed.c: the HR systems' feed of a unit's persons, read from
 * person_changes (migration 34) after a cursor.  See feed.h.
 */
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "log.h"
#include "store.h"
#include "text.h"

const char *const feed_stage_codes[FEED_STAGE__MAX] = {
	"none",			/* FEED_STAGE_NONE */
	"jianyuan-draft",	/* FEED_STAGE_JY_DRAFT */
	"jianyuan-pending",	/* FEED_STAGE_JY_PENDING */
	"jianyuan-done",	/* FEED_STAGE_JY_DONE */
	"tuigong-draft",	/* FEED_STAGE_TG_DRAFT */
	"tuigong-pending",	/* FEED_STAGE_TG_PENDING */
	"tuigong-done",		/* FEED_STAGE_TG_DONE */
};

const char *const feed_stage_names[FEED_STAGE__MAX] = {
	"未办理离职",		/* FEED_STAGE_NONE */
	"减员未提交",		/* FEED_STAGE_JY_DRAFT */
	"减员审核中",		/* FEED_STAGE_JY_PENDING */
	"已减员,待退工",	/* FEED_STAGE_JY_DONE */
	"退工未提交",		/* FEED_STAGE_TG_DRAFT */
	"退工审核中",		/* FEED_STAGE_TG_PENDING */
	"已退工",		/* FEED_STAGE_TG_DONE */
};

/* The statements of the feed; their SQL is in feed_sql. */
enum feed_stmt {
	FEED_STMT_PAGE,		/* a unit's rows after a cursor */
	FEED_STMT_HEAD,		/* a unit's newest seq */
	FEED_STMT_SEQ,		/* one person's row of a unit */
	FEED_STMT_PERSON,	/* the person */
	FEED_STMT_INS,		/* the unit's insurance row of the person */
	FEED_STMT_EMP,		/* the person's employments at the unit */
	FEED_STMT_JY,		/* the latest 减员 row at the unit */
	FEED_STMT_TG,		/* the latest 退工 row at the unit */
	FEED_STMT__MAX
};

/* The SQL of each statement, by enum feed_stmt. */
static const char *const feed_sql[FEED_STMT__MAX] = {
	[FEED_STMT_PAGE] =
	    "SELECT seq, person_id FROM person_changes"
	    " WHERE unit_id = ? AND seq > ? ORDER BY seq LIMIT ?", /* FEED_STMT_PAGE */
	[FEED_STMT_HEAD] =
	    "SELECT max(seq) FROM person_changes"
	    " WHERE unit_id = ?", /* FEED_STMT_HEAD */
	[FEED_STMT_SEQ] =
	    "SELECT seq FROM person_changes"
	    " WHERE unit_id = ? AND person_id = ?", /* FEED_STMT_SEQ */
	[FEED_STMT_PERSON] =
	    "SELECT idno, name, sex, birth FROM persons"
	    " WHERE id = ?", /* FEED_STMT_PERSON */
	[FEED_STMT_INS] =
	    "SELECT sb_no, status, start_month, COALESCE(stop_month, ''),"
	    " COALESCE(last_paid_month, ''), contrib_months FROM insurance"
	    " WHERE person_id = ? AND unit_id = ?", /* FEED_STMT_INS */
	[FEED_STMT_EMP] =
	    "SELECT id, contract_no, reg_type, start_date,"
	    " COALESCE(end_date, ''), status, registered_at,"
	    " COALESCE(ended_at, '') FROM employments"
	    " WHERE person_id = ? AND unit_id = ?"
	    " ORDER BY registered_at DESC, id DESC LIMIT 5", /* FEED_STMT_EMP */
	[FEED_STMT_JY] =
	    "SELECT j.task_id, t.seq_no, t.state, t.returned, j.reason,"
	    " j.change_date FROM jianyuan j JOIN tasks t ON t.id = j.task_id"
	    " WHERE j.person_id = ? AND t.unit_id = ? AND t.state <> '退单'"
	    " ORDER BY j.id DESC LIMIT 1", /* FEED_STMT_JY */
	[FEED_STMT_TG] =
	    "SELECT g.task_id, t.seq_no, t.state, t.returned, g.reason,"
	    " g.end_date FROM tuigong g JOIN tasks t ON t.id = g.task_id"
	    " WHERE g.person_id = ? AND t.unit_id = ? AND t.state <> '退单'"
	    " ORDER BY g.task_id DESC LIMIT 1", /* FEED_STMT_TG */
};

/* The stage of one step by its task's state: draft, pending or done
 * of the business whose draft stage is first (enum order). */
static enum feed_stage
feed_step_stage(const struct feed_step *st, enum feed_stage first)
{
	if (strcmp(st->state, "结束") == 0)
		return (enum feed_stage)(first + 2);
	if (strcmp(st->state, "进行中") == 0)
		return (enum feed_stage)(first + 1);
	return first;
}

/* Whether step st belongs to an employment before the current one
 * (start cur, "" when none is 在职): a departure the person came back
 * from.  Dates are YYYY-MM-DD and compare as text. */
static int
feed_step_old(const struct feed_step *st, const char *cur)
{
	return *cur != '\0' && st->date[0] != '\0' && strcmp(st->date, cur) < 0;
}

/* See feed.h. */
enum feed_stage
feed_stage_of(const struct feed_person *p)
{
	const char	*cur = "";

	if (p->nemp > 0 && strcmp(p->emp[0].status, "在职") == 0)
		cur = p->emp[0].start_date;
	if (p->tg.task_id > 0 && !feed_step_old(&p->tg, cur))
		return feed_step_stage(&p->tg, FEED_STAGE_TG_DRAFT);
	if (p->jy.task_id > 0 && !feed_step_old(&p->jy, cur))
		return feed_step_stage(&p->jy, FEED_STAGE_JY_DRAFT);
	return FEED_STAGE_NONE;
}

/* Prepares statement k with (person_id, unit_id) bound.  Returns it or
 * NULL (logged by the store). */
static struct store_stmt *
feed_stmt_pu(struct store *s, enum feed_stmt k, int64_t person_id,
    int64_t unit_id)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, feed_sql[k])) == NULL ||
	    store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return NULL;
	return st;
}

/* Reads the person's own row into p.  Returns 0, 1 none, -1 error. */
static int
feed_load_person(struct store *s, struct feed_person *p)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = store_stmt(s, feed_sql[FEED_STMT_PERSON])) == NULL ||
	    store_bind_int(st, 1, p->person_id) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		text_copy(p->idno, sizeof(p->idno), store_col_text(st, 0));
		text_copy(p->name, sizeof(p->name), store_col_text(st, 1));
		text_copy(p->sex, sizeof(p->sex), store_col_text(st, 2));
		text_copy(p->birth, sizeof(p->birth), store_col_text(st, 3));
	}
	store_reset(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* Reads the unit's insurance row of the person into p.  Returns 0 or
 * -1. */
static int
feed_load_ins(struct store *s, int64_t unit_id, struct feed_person *p)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = feed_stmt_pu(s, FEED_STMT_INS, p->person_id,
	    unit_id)) == NULL)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		p->has_ins = 1;
		text_copy(p->sb_no, sizeof(p->sb_no), store_col_text(st, 0));
		text_copy(p->ins_status, sizeof(p->ins_status),
		    store_col_text(st, 1));
		text_copy(p->start_month, sizeof(p->start_month),
		    store_col_text(st, 2));
		text_copy(p->stop_month, sizeof(p->stop_month),
		    store_col_text(st, 3));
		text_copy(p->last_paid_month, sizeof(p->last_paid_month),
		    store_col_text(st, 4));
		p->contrib_months = store_col_int(st, 5);
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* Reads the person's newest FEED_MAX_EMP employments at the unit into
 * p.  Returns 0 or -1. */
static int
feed_load_emp(struct store *s, int64_t unit_id, struct feed_person *p)
{
	struct store_stmt	*st;
	struct feed_emp		*e;
	int			 rc;

	if ((st = feed_stmt_pu(s, FEED_STMT_EMP, p->person_id,
	    unit_id)) == NULL)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW && p->nemp < FEED_MAX_EMP) {
		e = &p->emp[p->nemp++];
		e->id = store_col_int64(st, 0);
		text_copy(e->contract_no, sizeof(e->contract_no),
		    store_col_text(st, 1));
		text_copy(e->reg_type, sizeof(e->reg_type),
		    store_col_text(st, 2));
		text_copy(e->start_date, sizeof(e->start_date),
		    store_col_text(st, 3));
		text_copy(e->end_date, sizeof(e->end_date),
		    store_col_text(st, 4));
		text_copy(e->status, sizeof(e->status), store_col_text(st, 5));
		text_copy(e->registered_at, sizeof(e->registered_at),
		    store_col_text(st, 6));
		text_copy(e->ended_at, sizeof(e->ended_at),
		    store_col_text(st, 7));
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* Reads the latest 减员 (k FEED_STMT_JY) or 退工 (FEED_STMT_TG) row of
 * the person at the unit into out.  Returns 0 or -1. */
static int
feed_load_step(struct store *s, enum feed_stmt k, int64_t unit_id,
    int64_t person_id, struct feed_step *out)
{
	struct store_stmt	*st;
	int			 rc;

	if ((st = feed_stmt_pu(s, k, person_id, unit_id)) == NULL)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		out->task_id = store_col_int64(st, 0);
		text_copy(out->seq_no, sizeof(out->seq_no),
		    store_col_text(st, 1));
		text_copy(out->state, sizeof(out->state),
		    store_col_text(st, 2));
		out->returned = store_col_int(st, 3) != 0;
		text_copy(out->reason, sizeof(out->reason),
		    store_col_text(st, 4));
		text_copy(out->date, sizeof(out->date), store_col_text(st, 5));
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* Fills out for person_id of unit_id, seq given.  Returns 0, 1 no such
 * person, -1 error. */
static int
feed_load(struct store *s, int64_t unit_id, int64_t person_id,
    int64_t seq, struct feed_person *out)
{
	int	 rc;

	memset(out, 0, sizeof(*out));
	out->seq = seq;
	out->person_id = person_id;
	if ((rc = feed_load_person(s, out)) != 0)
		return rc;
	if (feed_load_ins(s, unit_id, out) != 0 ||
	    feed_load_emp(s, unit_id, out) != 0 ||
	    feed_load_step(s, FEED_STMT_JY, unit_id, person_id,
	    &out->jy) != 0 ||
	    feed_load_step(s, FEED_STMT_TG, unit_id, person_id,
	    &out->tg) != 0)
		return -1;
	out->stage = feed_stage_of(out);
	return 0;
}

/* One (seq, person) of a page. */
struct feed_ref {
	int64_t		 seq;
	int64_t		 person_id;
};

/* Reads the unit's rows after since, at most n, into refs.  Returns
 * the number read, or -1. */
static int
feed_refs(struct store *s, int64_t unit_id, int64_t since, int n,
    struct feed_ref *refs)
{
	struct store_stmt	*st;
	int			 rc, got = 0;

	if ((st = store_stmt(s, feed_sql[FEED_STMT_PAGE])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, since) != 0 ||
	    store_bind_int(st, 3, n) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW && got < n) {
		refs[got].seq = store_col_int64(st, 0);
		refs[got].person_id = store_col_int64(st, 1);
		got++;
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? got : -1;
}

/* See feed.h.  The page's rows are read first (one more than limit,
 * to know whether more follow), then each person, so that no statement
 * is stepped while another of the feed is. */
int
feed_page(struct store *s, int64_t unit_id, int64_t since, int limit,
    feed_fn fn, void *arg, int64_t *next, int *more)
{
	struct feed_ref		*refs;
	struct feed_person	 p;
	int			 n, i, listed = 0, rc;

	*next = since;
	*more = 0;
	if (limit < 1 || limit > FEED_MAX_PAGE || since < 0)
		return -1;
	if ((refs = calloc((size_t)limit + 1, sizeof(*refs))) == NULL)
		return -1;
	if ((n = feed_refs(s, unit_id, since, limit + 1, refs)) < 0) {
		free(refs);
		return -1;
	}
	if (n > limit) {
		*more = 1;
		n = limit;
	}
	for (i = 0; i < n; i++) {
		if ((rc = feed_load(s, unit_id, refs[i].person_id, refs[i].seq,
		    &p)) < 0) {
			free(refs);
			return -1;
		}
		*next = refs[i].seq;
		if (rc == 1)
			continue;	/* no such person: nothing to show */
		fn(&p, arg);
		listed++;
	}
	free(refs);
	return listed;
}

/* See feed.h. */
int
feed_head(struct store *s, int64_t unit_id, int64_t *head)
{
	struct store_stmt	*st;

	*head = 0;
	if ((st = store_stmt(s, feed_sql[FEED_STMT_HEAD])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0)
		return -1;
	return store_step_int(st, 0, head) == STORE_ERROR ? -1 : 0;
}

/* See feed.h. */
int
feed_person(struct store *s, int64_t unit_id, int64_t person_id,
    struct feed_person *out)
{
	struct store_stmt	*st;
	int64_t			 seq;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if (person_id <= 0)
		return 1;
	if ((st = store_stmt(s, feed_sql[FEED_STMT_SEQ])) == NULL ||
	    store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_int(st, 2, person_id) != 0)
		return -1;
	if ((rc = store_step_int(st, 0, &seq)) == STORE_ERROR)
		return -1;
	if (rc == STORE_DONE)
		return 1;
	return feed_load(s, unit_id, person_id, seq, out);
}
