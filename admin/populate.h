/*
 * populate.h: hall-admin populate: a large, realistic population in a
 * migrated store, for benchmarks and capacity planning (issue 8).
 */
#ifndef HALL_POPULATE_H
#define HALL_POPULATE_H

#include <stdint.h>
#include <stdio.h>

struct store;

/* The sizes asked for; see admin/populate.c for what each one makes. */
struct populate_opts {
	int64_t		 persons;	/* new persons, all of them */
	int64_t		 units;		/* new units */
	int64_t		 big_unit;	/* insured (参保缴费) persons of the big unit */
	int64_t		 big_unit_id;	/* 0: the demo VIP unit, else a new one */
	int64_t		 tasks;		/* about this many tasks */
	uint64_t	 seed;		/* the same seed, the same store */
	FILE		*progress;	/* one line per phase; may be NULL */
};

/* The defaults: issue 8's large store. */
#define POPULATE_PERSONS	1000000
#define POPULATE_UNITS		10000
#define POPULATE_BIG_UNIT	20000
#define POPULATE_TASKS		200000
#define POPULATE_SEED		1

/* What was written. */
struct populate_counts {
	int64_t		 big_unit_id;
	int64_t		 big_insured;	/* 参保缴费 persons of the big unit, after */
	int64_t		 units;
	int64_t		 accounts;
	int64_t		 persons;
	int64_t		 employments;
	int64_t		 insurance;
	int64_t		 arrears;
	int64_t		 changes;	/* change_records */
	int64_t		 tasks;
	int64_t		 events;
	int64_t		 messages;
	int64_t		 receipts;
	int64_t		 audit;
};

/* Fills the store s (migrated, policy seeded by hall-admin init; the
 * hall should be stopped) as o asks, in transactions of about 50,000
 * rows each, and writes what it made into c.  Returns 0, or -1
 * (logged; the batches committed so far stay). */
int		 populate_run(struct store *s, const struct populate_opts *o,
		    struct populate_counts *c);

#endif
