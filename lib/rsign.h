/*
 * rsign.h: what a receipt's QR code carries (issue 14).  The public
 * verification address with the receipt's number and code, and the
 * office's signature of the receipt's facts, so that a receipt can be
 * checked offline with the office's public certificate alone.
 *
 * The QR text is
 *
 *   <verify url>?no=<回执编号>&code=<验证码>&d=<facts>&sig=<signature>
 *
 * where facts is the base64url (no padding) of the receipt's facts
 * text (rsign_facts(): one "label=value" line each for 文件, 单位, 业务,
 * 业务顺序号, 出具日期, 人数, and one 人员 line per listed person with
 * the ID number masked and the business's key facts), and signature
 * the base64url of the DER ECDSA P-256 / SHA-256 signature of the
 * canonical text
 *
 *   "HALL-RECEIPT/1\nno=<回执编号>\ncode=<验证码>\n" <facts>
 *
 * rebuilt by the verifier from what the QR carries (rsign_verify_qr(),
 * `hall-admin receipt-verify`, or openssl as README shows).  The key is
 * the PEM file named by HALL_RECEIPT_KEY (certs/mkcerts.sh makes
 * receipt.key, mode 0600, and its certificate receipt.crt); without it
 * the QR carries the number and code only.
 */
#ifndef HALL_RSIGN_H
#define HALL_RSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "workflow.h"

struct store;
struct receipt;
struct task;

/* Room enough for any QR text rsign_qr_text() writes. */
#define RSIGN_QR_MAX	2048
/* The most bytes of a facts text. */
#define RSIGN_FACTS_MAX	1024
/* Persons a facts text lists by name (人数 counts them all). */
#define RSIGN_PERSONS	3
/* The first line of every canonical text. */
#define RSIGN_MAGIC	"HALL-RECEIPT/1"

/* The public verification page's address into buf[bufsz]:
 * HALL_PUBLIC_URL (http:// or https://, no quotes, spaces or angle
 * brackets, at most 200 bytes; otherwise ignored) followed by
 * "/verify", or "/verify" alone.  Always NUL-terminates. */
void		 receipt_verify_url(char *buf, size_t bufsz);

/* The text of receipt r's QR code into buf[bufsz] (RSIGN_QR_MAX is
 * always enough): the verification address with ?no=…&code=… and,
 * when the office's signing key is configured (HALL_RECEIPT_KEY),
 * &d=…&sig=… (the receipt's facts and their signature).  Returns 0, or
 * -1 when it does not fit or on error (a key that is configured but
 * unreadable is an error, logged). */
int		 rsign_qr_text(struct store *s, const struct receipt *r,
		    char *buf, size_t bufsz);

/* Appends the facts line "label=value\n" to buf[bufsz] (*len bytes so
 * far, kept NUL-terminated), line breaks of value made spaces so that a
 * value never forges a line.  Returns 0, or -1 when it does not fit. */
int		 rsign_fact_line(char *buf, size_t bufsz, size_t *len,
		    const char *label, const char *value);

/* The signed part "d=…&sig=…" of a numbered document that is not a
 * task's receipt (the 缴费基数名册) with the facts text facts (lines of
 * rsign_fact_line, at most RSIGN_FACTS_MAX bytes), signed now with the
 * configured key into part[partsz].  Returns 0, 1 when no key is
 * configured, -1 on error. */
int		 rsign_sign_facts(const char *no, const char *code,
		    const char *facts, char *part, size_t partsz);

/* The signed part (&d=…&sig=…) is made once, when a receipt is first
 * shown, and kept with it (receipt_sig_keep): an ECDSA signature has a
 * random nonce, and the same receipt must be the same bytes every time.
 * rsign_qr_fresh() signs now with the configured key and keeps nothing:
 * hall-admin receipt-qr, to check a key.  Returns 0 or -1. */
int		 rsign_qr_fresh(struct store *s, const struct receipt *r,
		    char *buf, size_t bufsz);

/* One person as a receipt certifies it: name, ID number masked, and
 * the business's key facts (struct wf_business, receipt_facts) in the
 * order the business lists them.  Strings are borrowed for the
 * duration of the callback. */
struct rsign_person {
	const char	*name;
	char		 idno[32];	/* masked: 420102********1234 */
	size_t		 nfacts;
	const char	*label[WF_ROW_FACTS];
	const char	*value[WF_ROW_FACTS];
};

/* Calls fn(arg, p) for the first limit persons of task t (its
 * business's rows, one page: never the whole task) with their key
 * facts; a non-zero return of fn stops.  *total (may be NULL) receives
 * the task's number of persons.  Returns the persons handed to fn, or
 * -1 on error. */
int		 rsign_persons(struct store *s, const struct task *t, int limit,
		    int (*fn)(void *arg, const struct rsign_person *p),
		    void *arg, int64_t *total);

/* The facts text of receipt r (see above) into buf[bufsz]: at most
 * RSIGN_FACTS_MAX bytes; persons that do not fit are left out (人数
 * still counts them).  Returns its length, or -1 on error. */
int		 rsign_facts(struct store *s, const struct receipt *r, char *buf,
		    size_t bufsz);

/* The canonical text of (no, code, facts[0..factslen)) into
 * buf[bufsz].  Returns its length, or -1 when it does not fit. */
int		 rsign_canonical(const char *no, const char *code,
		    const char *facts, size_t factslen, char *buf, size_t bufsz);

/* What rsign_verify_qr() read from a QR text. */
struct rsign_check {
	char		 no[32];
	char		 code[16];
	char		 facts[RSIGN_FACTS_MAX + 1];	/* NUL-terminated */
	size_t		 factslen;
};

/* Verifies a QR text (the whole address, or its query part) against
 * the office's certificate (PEM) at certpath, offline: rebuilds the
 * canonical text from no, code and d and checks sig with the
 * certificate's public key.  out receives what the QR carries; *why
 * (may be NULL) a Chinese reason when it is not genuine.  Returns 0
 * genuine, 1 not genuine (altered, or signed by another key), 2 not a
 * signed receipt's QR text (a field missing or malformed), -1 when the
 * certificate cannot be read. */
int		 rsign_verify_qr(const char *qr, const char *certpath,
		    struct rsign_check *out, const char **why);

/* base64url (no padding) of in[0..n) into out[outsz].  Returns the
 * length written, or -1 when it does not fit. */
int		 rsign_b64url(const unsigned char *in, size_t n, char *out,
		    size_t outsz);

/* Decodes base64url text in[0..n) (no padding) into out[outsz].
 * Returns the bytes written, or -1 when malformed or too long. */
int		 rsign_unb64url(const char *in, size_t n, unsigned char *out,
		    size_t outsz);

#endif
