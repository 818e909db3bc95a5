/*
 * receipt.h: printable receipts (《退工登记证明》, 《综合业务处理单》,
 * 《企业参保人员减员表》 ...) of approved tasks.  A receipt is issued once
 * and stored: printed twice it is the same receipt, same number, same
 * verification code, same facts.  Anyone holding the printout can check
 * it on the public verification page with its number and code.
 */
#ifndef HALL_RECEIPT_H
#define HALL_RECEIPT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;
struct hdate;
struct wf_business;
struct wf_receipt;

/* The hall's own receipt, 《综合业务处理单》 (kind "zonghe"): issued for
 * an approved task of any business, from the day after approval [002].
 * Every other kind is a business's (struct wf_business, receipts) and
 * may be printed as soon as the task is approved. */
extern const struct wf_receipt receipt_zonghe;

/* One issued receipt. */
struct receipt {
	int64_t		 id;
	int64_t		 task_id;
	char		 kind[64];	/* receipts.kind: the kind's title,
					   e.g. "退工登记证明" */
	char		 no[32];	/* 回执编号, e.g. "TG2026112200000042" */
	char		 code[16];	/* 验证码: 8 characters, no 0/O/1/I */
	time_t		 issued_at;	/* the task's decision time */
	time_t		 voided_at;	/* 作废 since (receipt_void), 0: valid */
	char		 void_reason[128];	/* why, e.g. 欠费补缴回退 */
};

/* The number prefix of kind (receipts.receipt_no is the prefix and the
 * task's 业务顺序号), as the business declares it in its struct
 * wf_receipt, or NULL when it has none. */
const char	*receipt_prefix(const struct wf_receipt *kind);

/* The receipts a task of business b (NULL: a business not registered)
 * issues: 《综合业务处理单》 first, then b's own kinds, each kind once.
 * Stores at most max of them in out.  Returns how many were stored. */
size_t		 receipt_kinds(const struct wf_business *b,
		    const struct wf_receipt **out, size_t max);

/* The receipt of that kind a task of business b issues, or NULL. */
const struct wf_receipt *receipt_kind_of(const struct wf_business *b,
		    const char *kind);

/* Whether kind may be printed once its task is submitted (进行中): a
 * registered business names it as its submit_receipt.  Returns 1 or
 * 0. */
int		 receipt_on_submit(const struct wf_receipt *kind);

/* Issues (or finds the already issued) receipt of kind for task_id,
 * which must be 结束 and belong to unit_id (0 = any), stored under the
 * kind's title (receipts.kind) and numbered with its prefix.  Whether
 * the task's business issues that kind is the caller's to check
 * (receipt_kind_of).  Opens its own transaction unless one is open.
 * A kind receipt_on_submit() allows is issued for a 进行中 task too.
 * Returns 0, 1 when the task is not 结束 / not found / another unit's,
 * -1 on error (also for a kind without a number prefix). */
int		 receipt_issue(struct store *s, int64_t task_id, int64_t unit_id,
		    const struct wf_receipt *kind, struct receipt *out);

/* Finds the receipt numbered no whose code matches (constant-time,
 * case-insensitive).  Returns 0 genuine, 1 no such number or wrong
 * code (indistinguishable to the caller), -1 error. */
int		 receipt_verify(struct store *s, const char *no, const char *code,
		    struct receipt *out);

/* The receipt numbered no (as stored: upper case), for the office's
 * own tools (hall-admin receipt-qr), never for the public: no code
 * is asked.  Returns 0, 1 when there is none, -1 on error. */
int		 receipt_find(struct store *s, const char *no,
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

/* Whether a receipt of kind of a task decided at decided_at may be
 * printed on today: 《综合业务处理单》 from the next day, any other kind
 * at once.  from receives the first such day.  Returns 1 or 0. */
int		 receipt_ready(const struct wf_receipt *kind, time_t decided_at,
		    const struct hdate *today, struct hdate *from);

/* The name of unit unit_id (a receipt's issuer, for the public
 * verification page) into buf[bufsz].  Returns 0, or -1 when there is
 * no such unit or on error. */
int		 receipt_unit_name(struct store *s, int64_t unit_id, char *buf,
		    size_t bufsz);

/* Marks every receipt issued for task_id 作废 (voided) at time at for
 * reason (e.g. 「欠费补缴回退」), inside the caller's transaction: the
 * verify page then says so.  Receipts already voided keep their first
 * time and reason; issue the task's receipts first when later ones
 * must be void too.  Returns 0 or -1. */
int		 receipt_void(struct store *s, int64_t task_id,
		    const char *reason, time_t at);

/* The signed part of receipt id's QR code kept by receipt_sig_keep()
 * ("d=…&sig=…") into buf[bufsz].  Returns 0, 1 when none is kept (or it
 * does not fit), -1 on error. */
int		 receipt_sig_get(struct store *s, int64_t id, char *buf,
		    size_t bufsz);

/* Keeps sig as the signed part of receipt id's QR code unless one is
 * kept already (the first one made stays).  Returns 0 or -1. */
int		 receipt_sig_keep(struct store *s, int64_t id, const char *sig);

#endif
