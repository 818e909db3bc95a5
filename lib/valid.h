/*
 * valid.h: validators of single values (GB 11643 身份证号, GB 32100
 * 统一社会信用代码, dates, months, phone numbers, postal codes, money)
 * and per-program field tables that stack them.
 */
#ifndef HALL_VALID_H
#define HALL_VALID_H

#include <stddef.h>
#include <stdint.h>

struct req;

enum valid_err {
	VALID_OK,		/* VALID_OK */
	VALID_EMPTY,		/* VALID_EMPTY: 必填 */
	VALID_TOOLONG,		/* VALID_TOOLONG */
	VALID_CHARS,		/* VALID_CHARS: bad characters or UTF-8 */
	VALID_FORMAT,		/* VALID_FORMAT: wrong shape */
	VALID_RANGE,		/* VALID_RANGE: out of range */
	VALID_CHECKSUM,		/* VALID_CHECKSUM: check digit */
	VALID_DATE,		/* VALID_DATE: no such calendar date */
	VALID_CHOICE,		/* VALID_CHOICE: not one of the options */
	VALID_ERR__MAX
};

/* A calendar date. */
struct hdate {
	int	 year;
	int	 month;	/* 1-12 */
	int	 day;	/* 1-31; 0 for a month value */
};

/* What a valid 身份证号 says. */
struct idcard {
	char		 number[19];	/* upper-case X */
	struct hdate	 birth;
	int		 male;		/* 1 male, 0 female */
};

/* Checks an 18-character GB 11643 number: region digits, a real birth
 * date not in the future of 'today' (may be NULL), and the ISO 7064
 * MOD 11-2 check digit.  Fills out (may be NULL) when valid. */
enum valid_err	 valid_idcard(const char *s, const struct hdate *today,
		    struct idcard *out);

/* Checks an 18-character GB 32100 统一社会信用代码 (MOD 31 check). */
enum valid_err	 valid_uscc(const char *s);

/* Checks "YYYY-MM-DD" (also accepts "YYYYMMDD"); fills out. */
enum valid_err	 valid_date(const char *s, struct hdate *out);

/* Checks "YYYY-MM" (also "YYYYMM"); fills out with day 0. */
enum valid_err	 valid_month(const char *s, struct hdate *out);

/* Checks a mainland mobile (1[3-9]X, 11 digits) or a fixed line
 * ("027-87654321", 7-8 digits with optional 3-4 digit area code). */
enum valid_err	 valid_phone(const char *s);

/* Checks a mainland mobile number: 11 digits, 1 then [3-9]. */
enum valid_err	 valid_mobile_phone(const char *s);

/* Checks a 6-digit postal code. */
enum valid_err	 valid_postcode(const char *s);

/* Checks an amount "1234.56" (at most 2 decimals, >= 0, below 10^12)
 * and stores it in fen (cents).  Normalised first as a person types it:
 * spaces around it, full-width digits, point and comma, and commas
 * grouping the yuan by thousands ("8,000.50") are accepted. */
enum valid_err	 valid_money(const char *s, int64_t *fen);

/* What a money field's format error adds: the accepted format. */
#define VALID_MONEY_HINT	",请填写金额,如 8000 或 8000.50(元)"

/* Checks UTF-8 text: valid encoding, no control characters, at most
 * maxchars characters. */
enum valid_err	 valid_text(const char *s, size_t maxchars);

/* Compares two dates: <0, 0, >0. */
int		 hdate_cmp(const struct hdate *a, const struct hdate *b);

/* Days from a to b (b - a), both real dates. */
long		 hdate_diff(const struct hdate *a, const struct hdate *b);

/* Days from 1970-01-01 to the real date d (negative before). */
long		 hdate_to_days(const struct hdate *d);

/* The date n days after 1970-01-01 (n may be negative). */
void		 hdate_from_days(long n, struct hdate *d);

/* Adds n days (may be negative) to d. */
void		 hdate_add_days(struct hdate *d, long n);

/* Writes d as "YYYY-MM-DD" (or "YYYY-MM" when day is 0) into buf[11]. */
void		 hdate_fmt(const struct hdate *d, char buf[11]);

/* Chinese message for e about a field labelled label, e.g.
 * "身份证号校验位错误"; static string built into buf[256]. */
const char	*valid_message(enum valid_err e, const char *label,
		    char *buf, size_t bufsz);

/* Machine-readable code of e, e.g. "CHECKSUM". */
const char	*valid_code(enum valid_err e);

/* ---- Field tables ---- */

enum field_type {
	FIELD_TEXT,	/* FIELD_TEXT: free UTF-8 text */
	FIELD_IDCARD,	/* FIELD_IDCARD */
	FIELD_USCC,	/* FIELD_USCC */
	FIELD_DATE,	/* FIELD_DATE */
	FIELD_MONTH,	/* FIELD_MONTH */
	FIELD_PHONE,	/* FIELD_PHONE: mobile or fixed line */
	FIELD_MOBILE,	/* FIELD_MOBILE: mobile only (手机号码) */
	FIELD_POSTCODE,	/* FIELD_POSTCODE */
	FIELD_MONEY,	/* FIELD_MONEY */
	FIELD_CHOICE,	/* FIELD_CHOICE: one of choices[] */
	FIELD_INT,	/* FIELD_INT: decimal integer in [min,max] */
	FIELD_TYPE__MAX
};

#define FIELD_REQUIRED	0x01u

/* One declared field of a form. */
struct field_def {
	const char	*name;		/* form name, e.g. "sfzh" */
	const char	*label;		/* Chinese label, e.g. "身份证号" */
	enum field_type	 type;
	unsigned int	 flags;		/* FIELD_REQUIRED */
	size_t		 maxchars;	/* for FIELD_TEXT; 0 = 200 */
	const char *const *choices;	/* FIELD_CHOICE: NULL-terminated */
	long long	 min, max;	/* FIELD_INT */
};

/* A validated value of one field. */
struct field_val {
	const char	*str;		/* borrowed from the request; "" if absent */
	int		 present;	/* non-empty */
	struct idcard	 id;		/* FIELD_IDCARD */
	struct hdate	 date;		/* FIELD_DATE, FIELD_MONTH */
	int64_t		 num;		/* FIELD_MONEY (fen), FIELD_INT, FIELD_CHOICE index */
};

/* One error of a form: the field, a code and a Chinese message. */
struct form_error {
	char		 field[64];
	char		 code[48];
	char		 msg[640];	/* as form_error_addf() makes: a
					 * batch row's prefix and a message
					 * naming a 100-character unit */
};

#define FORM_MAX_ERRORS 32

/* Errors of one form submission. */
struct form_errors {
	struct form_error e[FORM_MAX_ERRORS];
	size_t		 n;
};

/* Adds an error (silently dropped past FORM_MAX_ERRORS). */
void		 form_error_add(struct form_errors *errs, const char *field,
		    const char *code, const char *msg);

/* form_error_add() of prefix (may be NULL: none) and the formatted
 * message (cut at a UTF-8 character's boundary where it is long). */
void		 form_error_addf(struct form_errors *errs, const char *prefix,
		    const char *field, const char *code, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));

/* Validates every field of defs[0..n) from the request into vals[0..n)
 * (same order), appending one error per bad field to errs.  today is
 * for 身份证号 birth dates.  Returns the number of errors added. */
size_t		 form_validate(const struct req *r, const struct field_def *defs,
		    size_t n, const struct hdate *today, struct field_val *vals,
		    struct form_errors *errs);

/* Adds a CHARS error for field name (labelled label) when its value
 * holds a NUL byte (C strings would see it cut short), the rule
 * form_validate() applies to its fields, for a field checked
 * elsewhere (e.g. 回退原因 by wf_transition()).  Returns the number of
 * errors added: 1, or 0 when the field is absent or has no NUL. */
size_t		 form_check_nul(const struct req *r, const char *name,
		    const char *label, struct form_errors *errs);

#endif
