/*
 * insurance.h: a person's 参保 at a unit (table insurance, one row per
 * person and unit), as 增员 (续保) opens it and reads what the rules of
 * seed 003 need: whether the person pays elsewhere, was ever insured,
 * and the 缴费基数 the region allows.  The 'insured' tallies follow the
 * rows by trigger (migration 17).
 */
#ifndef HALL_INSURANCE_H
#define HALL_INSURANCE_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct hdate;

/* Opens person_id's insurance at unit_id, 参保缴费 from start_month
 * ("YYYY-MM") on base_fen, inside the caller's transaction: reopens
 * the stopped (暂停缴费) row of a 续保 at the same unit, else inserts
 * one with the person's 个人编号 (of an earlier unit, else a new one).
 * A reopened row keeps its start_month, the first month ever paid
 * there (months already paid are history, never rewritten); the new
 * period's start is the 增员 row's (zengyuan, which points at this
 * row by insurance_id).  Returns the row's id, or -1 (also when he
 * already pays here, or start_month is before ins_facts' first_payable:
 * a month already paid). */
int64_t		 ins_enrol(struct store *s, int64_t person_id,
		    int64_t unit_id, const char *start_month, int64_t base_fen);

/* The id of person_id's insurance row at unit_id (any status) into
 * *id, 0 when he has none there: 欠费补缴 computes many persons of one
 * unit with one levy_unit (levy_compute).  Returns 0 or -1. */
int		 ins_row_id(struct store *s, int64_t person_id,
		    int64_t unit_id, int64_t *id);

/* What the store says of person_id's insurance, for 增员's rules. */
struct ins_facts {
	int	 ever;			/* insured before, anywhere */
	int	 paying_here;		/* 参保缴费 at the unit asked */
	int	 paying_elsewhere;	/* 参保缴费 at another unit */
	char	 other_unit[304];	/* that unit's name (100 characters) */
	char	 sb_no[24];		/* his latest 个人编号, "" */
	char	 first_payable[8];	/* his latest stop_month anywhere
					 * (the first month not yet paid:
					 * none before it may be paid
					 * again), "" never stopped */
};

/* Fills f for person_id (0: not on file) as seen from unit_id.
 * Returns 0 or -1. */
int		 ins_facts(struct store *s, int64_t person_id, int64_t unit_id,
		    struct ins_facts *f);

/* The 缴费基数 of a declared wage_fen in region for month ("YYYY-MM"):
 * clamped to base.floor_pct and base.ceiling_pct of that year's
 * wage.avg_monthly_fen (社平工资), into *base, with the bounds into
 * *floor_fen and *ceil_fen (either may be NULL).  Without a 社平工资
 * for the year the wage stands.  Returns 0 or -1. */
int		 ins_base(struct store *s, const char *region,
		    const char *month, int64_t wage_fen, int64_t *base,
		    int64_t *floor_fen, int64_t *ceil_fen);

#endif
