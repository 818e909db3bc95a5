/*
 * person.c: reading persons through the unit that employs them, so a
 * unit never reads another unit's staff.
 */
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "pager.h"
#include "person.h"
#include "tally.h"

#define PERSON_COLUMNS "p.id, p.idno, p.name, p.sex, p.birth, " \
	"p.hukou_type, p.nation, p.marital, p.education, p.hukou_addr, " \
	"p.address, p.mobile, p.home_phone, p.mail_addr, p.postcode"

/*
 * Whether employment e's person matches the search term ?2 (a prefix of
 * 姓名 or 身份证号; ?3 its end, pager_prefix_end): the unit's rows are
 * walked on employments_unit_person, each probed by its person's
 * primary key, so a search never reads another unit's persons.  With
 * no term (?2 = '') the probe is skipped.
 */
#define PERSON_MATCH "(?2 = '' OR EXISTS (SELECT 1 FROM persons q WHERE " \
	"q.id = e.person_id AND ((q.name >= ?2 AND q.name < ?3) OR " \
	"(q.idno >= ?2 AND q.idno < ?3))))"

/* The statements of persons; their SQL is in person_sql. */
enum person_stmt {
	PERSON_STMT_BY_IDNO,	/* a unit's (current) employee by ID number */
	PERSON_STMT_BY_ID,	/* a unit's (current) employee by id */
	PERSON_STMT_PAGE,	/* a page of a unit's current employees */
	PERSON_STMT_COUNT,	/* how many there are */
	PERSON_STMT__MAX
};

/* The SQL of each statement, by enum person_stmt. */
static const char *const person_sql[PERSON_STMT__MAX] = {
	[PERSON_STMT_BY_IDNO] =
	    "SELECT " PERSON_COLUMNS " FROM persons p WHERE "
	    "p.idno = ?1 AND EXISTS (SELECT 1 FROM employments e WHERE "
	    "e.person_id = p.id AND e.unit_id = ?2 AND (?3 = 0 OR "
	    "e.status = '在职'))", /* PERSON_STMT_BY_IDNO */
	[PERSON_STMT_BY_ID] =
	    "SELECT " PERSON_COLUMNS " FROM persons p WHERE "
	    "p.id = ?1 AND EXISTS (SELECT 1 FROM employments e WHERE "
	    "e.person_id = p.id AND e.unit_id = ?2 AND (?3 = 0 OR "
	    "e.status = '在职'))", /* PERSON_STMT_BY_ID */
	[PERSON_STMT_PAGE] =
	    "SELECT " PERSON_COLUMNS " FROM persons p WHERE p.id IN "
	    "(SELECT e.person_id FROM employments e WHERE e.unit_id = ?1 AND "
	    "e.status = '在职' AND " PERSON_MATCH " GROUP BY e.person_id "
	    "ORDER BY e.person_id LIMIT ?4 OFFSET ?5) ORDER BY p.id", /* PERSON_STMT_PAGE */
	[PERSON_STMT_COUNT] =
	    "SELECT COUNT(*) FROM (SELECT DISTINCT e.person_id FROM "
	    "employments e WHERE e.unit_id = ?1 AND e.status = '在职' AND "
	    PERSON_MATCH ") n", /* PERSON_STMT_COUNT */
};

/* Copies column i of st into dst of size dstsz. */
static void
col(struct store_stmt *st, int i, char *dst, size_t dstsz)
{
	snprintf(dst, dstsz, "%s", store_col_text(st, i));
}

/* Fills p from the current row of a PERSON_COLUMNS statement. */
static void
person_row(struct store_stmt *st, struct person *p)
{
	memset(p, 0, sizeof(*p));
	p->id = store_col_int64(st, 0);
	col(st, 1, p->idno, sizeof(p->idno));
	col(st, 2, p->name, sizeof(p->name));
	col(st, 3, p->sex, sizeof(p->sex));
	col(st, 4, p->birth, sizeof(p->birth));
	col(st, 5, p->hukou_type, sizeof(p->hukou_type));
	col(st, 6, p->nation, sizeof(p->nation));
	col(st, 7, p->marital, sizeof(p->marital));
	col(st, 8, p->education, sizeof(p->education));
	col(st, 9, p->hukou_addr, sizeof(p->hukou_addr));
	col(st, 10, p->address, sizeof(p->address));
	col(st, 11, p->mobile, sizeof(p->mobile));
	col(st, 12, p->home_phone, sizeof(p->home_phone));
	col(st, 13, p->mail_addr, sizeof(p->mail_addr));
	col(st, 14, p->postcode, sizeof(p->postcode));
}

/* Steps st once into out.  Returns 0 row, 1 none, -1 error. */
static int
person_step(struct store_stmt *st, struct person *out)
{
	int	 rc = store_step(st);

	if (rc == STORE_ROW)
		person_row(st, out);
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

int
person_find(struct store *s, int64_t unit_id, const char *idno, int current,
    struct person *out)
{
	struct store_stmt	*st;

	st = store_stmt(s, person_sql[PERSON_STMT_BY_IDNO]);
	if (st == NULL || store_bind_text(st, 1, idno) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_int(st, 3, current) != 0)
		return -1;
	return person_step(st, out);
}

int
person_load(struct store *s, int64_t unit_id, int64_t id, int current,
    struct person *out)
{
	struct store_stmt	*st;

	st = store_stmt(s, person_sql[PERSON_STMT_BY_ID]);
	if (st == NULL || store_bind_int(st, 1, id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0 ||
	    store_bind_int(st, 3, current) != 0)
		return -1;
	return person_step(st, out);
}

/* Binds the unit and the search term q (NULL or "" for all) of a
 * PERSON_MATCH statement.  Returns 0 or -1. */
static int
person_bind_match(struct store_stmt *st, int64_t unit_id, const char *q)
{
	char	 hi[PAGER_QMAX + 4];

	if (q == NULL)
		q = "";
	pager_prefix_end(q, hi);
	return store_bind_int(st, 1, unit_id) != 0 ||
	    store_bind_text(st, 2, q) != 0 || store_bind_text(st, 3, hi) != 0 ?
	    -1 : 0;
}

int
person_count(struct store *s, int64_t unit_id, const char *q, int64_t *n)
{
	struct store_stmt	*st;
	int		 rc;

	*n = 0;
	if (q == NULL || *q == '\0')	/* all of them: the kept count */
		return tally_staff(s, unit_id, n);
	st = store_stmt(s, person_sql[PERSON_STMT_COUNT]);
	if (st == NULL || person_bind_match(st, unit_id, q) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		*n = store_col_int64(st, 0);
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

int
person_page(struct store *s, int64_t unit_id, const char *q, int64_t offset,
    int limit, void (*fn)(const struct person *p, void *arg), void *arg)
{
	struct store_stmt	*st;
	struct person	 p;
	int		 rc, n = 0;

	st = store_stmt(s, person_sql[PERSON_STMT_PAGE]);
	if (st == NULL || person_bind_match(st, unit_id, q) != 0 ||
	    store_bind_int(st, 4, limit) != 0 ||
	    store_bind_int(st, 5, offset) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		person_row(st, &p);
		fn(&p, arg);
		n++;
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

int
person_on_file(struct store *s, const char *idno, int64_t *id, char *name,
    size_t namesz)
{
	struct store_stmt	*st;
	int			 rc;

	*id = 0;
	name[0] = '\0';
	st = store_stmt(s, "SELECT id, name FROM persons WHERE idno = ?1");
	if (st == NULL || store_bind_text(st, 1, idno) != 0)
		return -1;
	if ((rc = store_step(st)) == STORE_ROW) {
		*id = store_col_int64(st, 0);
		col(st, 1, name, namesz);
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

int
person_create(struct store *s, const struct person *p, int64_t *id)
{
	struct store_stmt	*st;

	st = store_stmt(s, "INSERT INTO persons (idno, name, sex, birth, "
	    "hukou_type, education, mobile) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7)");
	if (st == NULL || store_bind_text(st, 1, p->idno) != 0 ||
	    store_bind_text(st, 2, p->name) != 0 ||
	    store_bind_text(st, 3, p->sex) != 0 ||
	    store_bind_text(st, 4, p->birth) != 0 ||
	    store_bind_text(st, 5, p->hukou_type[0] != '\0' ? p->hukou_type :
	    "城镇") != 0 ||
	    store_bind_text(st, 6, p->education) != 0 ||
	    store_bind_text(st, 7, p->mobile) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	*id = store_last_id(s);
	return 0;
}
