/*
 * receipt.h: printable receipts (《退工登记证明》, 《综合业务处理单》,
 * 《企业参保人员减员表》 ...) of approved tasks.  A receipt is issued once
 * and stored: printed twice it is the same receipt, same number, same
 * verification code, same facts.  Anyone holding the printout can check
 * it on the public verification page with its number and code.
 */
#ifndef HALL_RECEIPT_H
#define HALL_RECEIPT_H

#include <stdint.h>
#include <time.h>

struct store;
struct hdate;

enum receipt_kind {
	RECEIPT_TUIGONG,	/* RECEIPT_TUIGONG: 退工登记证明 */
	RECEIPT_ZONGHE,		/* RECEIPT_ZONGHE: 综合业务处理单 */
	RECEIPT_KIND__MAX
};

/* Chinese names by kind, as stored in receipts.kind. */
extern const char *const receipt_kind_names[RECEIPT_KIND__MAX];

/* One issued receipt. */
struct receipt {
	int64_t		 id;
	int64_t		 task_id;
	enum receipt_kind kind;
	char		 no[32];	/* 回执编号, e.g. "TG2026112200000042" */
	char		 code[16];	/* 验证码: 8 characters, no 0/O/1/I */
	time_t		 issued_at;	/* the task's decision time */
};

/* Issues (or finds the already issued) receipt of kind for task_id,
 * which must be 结束 and belong to unit_id (0 = any).  Opens its own
 * transaction unless one is open.  Returns 0, 1 when the task is not
 * 结束 / not found / another unit's, -1 on error. */
int		 receipt_issue(struct store *s, int64_t task_id, int64_t unit_id,
		    enum receipt_kind kind, struct receipt *out);

/* Finds the receipt numbered no whose code matches (constant-time,
 * case-insensitive).  Returns 0 genuine, 1 no such number or wrong
 * code (indistinguishable to the caller), -1 error. */
int		 receipt_verify(struct store *s, const char *no, const char *code,
		    struct receipt *out);

/* The date from which 《综合业务处理单》 of a task decided at t may be
 * printed: the next day [002]. */
void		 receipt_printable_from(time_t decided_at, struct hdate *out);

/* Whether 《综合业务处理单》 of a task decided at decided_at may be
 * printed on today; from receives the first such day.  Returns 1 when
 * it may, 0 when not yet.  The /print list, the print page and the
 * business pages ask this one function, so they never disagree. */
int		 receipt_zonghe_ready(time_t decided_at, const struct hdate *today,
		    struct hdate *from);

#endif
