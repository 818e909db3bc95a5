/*
 * person.h: insured persons (参保人员) as a unit sees them: only those
 * employed (用工, 在职 or once) at the unit.
 */
#ifndef HALL_PERSON_H
#define HALL_PERSON_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* A person's record. */
struct person {
	int64_t		 id;
	char		 idno[19];
	char		 name[64];
	char		 sex[8];
	char		 birth[11];
	char		 hukou_type[16];
	char		 nation[32];
	char		 marital[32];
	char		 education[32];
	char		 hukou_addr[256];
	char		 address[256];
	char		 mobile[32];
	char		 home_phone[32];
	char		 mail_addr[256];
	char		 postcode[16];
};

/* Loads the person with 身份证号 idno who has an employment (在职 when
 * current is set) at unit_id.  Returns 0, 1 not found (or another
 * unit's), -1 error. */
int		 person_find(struct store *s, int64_t unit_id, const char *idno,
		    int current, struct person *out);

/* Loads person id if employed (在职 when current) at unit_id.
 * Returns 0, 1 not found, -1 error. */
int		 person_load(struct store *s, int64_t unit_id, int64_t id,
		    int current, struct person *out);

/* Counts into *n the persons 在职 at unit_id whose 姓名 or 身份证号
 * begins with q (NULL or "": all), through the unit's index only.
 * Returns 0 or -1. */
int		 person_count(struct store *s, int64_t unit_id, const char *q,
		    int64_t *n);

/* Calls fn for at most limit of those persons, from the offset-th on,
 * by id.  Returns the count or -1. */
int		 person_page(struct store *s, int64_t unit_id, const char *q,
		    int64_t offset, int limit,
		    void (*fn)(const struct person *p, void *arg), void *arg);

/* Whether anyone with 身份证号 idno is on file (at any unit, or at
 * none): his id into *id and 姓名 into name[namesz], for a new
 * registration to name its person.  Shows no other unit's facts.
 * Returns 0 found, 1 not found, -1 error. */
int		 person_on_file(struct store *s, const char *idno, int64_t *id,
		    char *name, size_t namesz);

/* Creates the person p (idno, name, sex, birth, hukou_type, education,
 * mobile; the rest empty) inside the caller's transaction, its id into
 * *id.  Returns 0 or -1 (also when idno is on file). */
int		 person_create(struct store *s, const struct person *p,
		    int64_t *id);

#endif
