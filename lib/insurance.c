/*
 * insurance.c: 参保 rows as 增员 opens them; see insurance.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "insurance.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "text.h"
#include "valid.h"

/* The statements of this module; their SQL is in ins_sql. */
enum ins_stmt {
	INS_STMT_REOPEN,	/* a 续保 at the same unit */
	INS_STMT_ID,		/* the row of a person at a unit */
	INS_STMT_INSERT,	/* a new row */
	INS_STMT_FACTS,		/* a person's rows, paying ones first */
	INS_STMT__MAX
};

/* The SQL of each statement, by enum ins_stmt. */
static const char *const ins_sql[INS_STMT__MAX] = {
	[INS_STMT_REOPEN] =
	    "UPDATE insurance SET status = '参保缴费', stop_month = NULL, "
	    "base_fen = ?3 WHERE person_id = ?1 AND unit_id = ?2 AND "
	    "status = '暂停缴费'",
	[INS_STMT_ID] =
	    "SELECT id FROM insurance WHERE person_id = ?1 AND unit_id = ?2",
	[INS_STMT_INSERT] =
	    "INSERT INTO insurance (person_id, unit_id, sb_no, start_month, "
	    "status, base_fen) VALUES (?1, ?2, ?3, ?4, '参保缴费', ?5)",
	[INS_STMT_FACTS] =
	    "SELECT i.unit_id, i.status, i.sb_no, u.name, "
	    "COALESCE(i.stop_month, '') FROM insurance i "
	    "JOIN units u ON u.id = i.unit_id WHERE i.person_id = ?1 "
	    "ORDER BY i.status = '参保缴费' DESC, i.id DESC",
};

/* See insurance.h. */
int
ins_facts(struct store *s, int64_t person_id, int64_t unit_id,
    struct ins_facts *f)
{
	struct store_stmt	*st;
	int			 rc;

	memset(f, 0, sizeof(*f));
	if (person_id <= 0)
		return 0;
	if ((st = store_stmt(s, ins_sql[INS_STMT_FACTS])) == NULL ||
	    store_bind_int(st, 1, person_id) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (!f->ever)
			text_copy(f->sb_no, sizeof(f->sb_no),
			    store_col_text(st, 2));
		f->ever = 1;
		if (strcmp(store_col_text(st, 4), f->first_payable) > 0)
			text_copy(f->first_payable, sizeof(f->first_payable),
			    store_col_text(st, 4));
		if (strcmp(store_col_text(st, 1), "参保缴费") != 0)
			continue;
		if (store_col_int64(st, 0) == unit_id)
			f->paying_here = 1;
		else if (!f->paying_elsewhere) {
			f->paying_elsewhere = 1;
			text_copy(f->other_unit, sizeof(f->other_unit),
			    store_col_text(st, 3));
		}
	}
	store_reset(st);
	return rc == STORE_DONE ? 0 : -1;
}

/* See insurance.h. */
int64_t
ins_enrol(struct store *s, int64_t person_id, int64_t unit_id,
    const char *start_month, int64_t base_fen)
{
	struct ins_facts	 f;
	struct store_stmt	*st;
	char			 sb_no[24];
	int64_t			 id;

	if (ins_facts(s, person_id, unit_id, &f) != 0)
		return -1;
	if (f.paying_here) {
		log_err("insurance: person %" PRId64 " already pays at unit %"
		    PRId64, person_id, unit_id);
		return -1;
	}
	if (strcmp(start_month, f.first_payable) < 0) {
		log_err("insurance: person %" PRId64 " paid before %s, not "
		    "from %s", person_id, f.first_payable, start_month);
		return -1;
	}
	if ((st = store_stmt(s, ins_sql[INS_STMT_REOPEN])) == NULL ||
	    store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_int(st, 3, base_fen) != 0 || store_exec_stmt(s, st) != 0)
		return -1;
	if (store_changes(s) == 0) {
		/* A new row: his 个人编号 goes with him. */
		if (f.sb_no[0] != '\0')
			text_copy(sb_no, sizeof(sb_no), f.sb_no);
		else
			snprintf(sb_no, sizeof(sb_no), "4201Z%08" PRId64,
			    person_id);
		if ((st = store_stmt(s, ins_sql[INS_STMT_INSERT])) == NULL ||
		    store_bind_int(st, 1, person_id) != 0 ||
		    store_bind_int(st, 2, unit_id) != 0 ||
		    store_bind_text(st, 3, sb_no) != 0 ||
		    store_bind_text(st, 4, start_month) != 0 ||
		    store_bind_int(st, 5, base_fen) != 0 ||
		    store_exec_stmt(s, st) != 0)
			return -1;
		return store_last_id(s);
	}
	if ((st = store_stmt(s, ins_sql[INS_STMT_ID])) == NULL ||
	    store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_step_int(st, 0, &id) != STORE_ROW)
		return -1;
	return id;
}

/* See insurance.h. */
int
ins_row_id(struct store *s, int64_t person_id, int64_t unit_id, int64_t *id)
{
	struct store_stmt	*st;
	int			 rc;

	*id = 0;
	if ((st = store_stmt(s, ins_sql[INS_STMT_ID])) == NULL ||
	    store_bind_int(st, 1, person_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	rc = store_step_int(st, 0, id);
	return rc == STORE_ROW || rc == STORE_DONE ? 0 : -1;
}

/* See insurance.h. */
int
ins_base(struct store *s, const char *region, const char *month,
    int64_t wage_fen, int64_t *base, int64_t *floor_fen, int64_t *ceil_fen)
{
	struct hdate	 on;
	long long	 avg, lo, hi;
	int64_t		 f = 0, c = 0;
	int		 rc;

	*base = wage_fen;
	if (valid_month(month, &on) != VALID_OK)
		return -1;
	on.day = 1;
	if ((rc = policy_int(s, region, "wage.avg_monthly_fen", &on, 0,
	    &avg)) < 0 ||
	    policy_int(s, region, "base.floor_pct", &on, 60, &lo) < 0 ||
	    policy_int(s, region, "base.ceiling_pct", &on, 300, &hi) < 0)
		return -1;
	if (rc == 0 && avg > 0) {
		f = (int64_t)(avg * lo / 100);
		c = (int64_t)(avg * hi / 100);
		if (*base < f)
			*base = f;
		if (*base > c)
			*base = c;
	}
	if (floor_fen != NULL)
		*floor_fen = f;
	if (ceil_fen != NULL)
		*ceil_fen = c;
	return 0;
}
