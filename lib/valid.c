/*
 * valid.c: validators of single values (GB 11643 身份证号, GB 32100
 * 统一社会信用代码, dates, phone numbers, postal codes, money, UTF-8
 * text), date arithmetic, and form_validate(), which stacks them over
 * a program's table of fields.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "text.h"
#include "valid.h"

#define TEXT_DEFAULT_MAX 200

static const char *const valid_codes[VALID_ERR__MAX] = {
	"OK",		/* VALID_OK */
	"EMPTY",	/* VALID_EMPTY */
	"TOOLONG",	/* VALID_TOOLONG */
	"CHARS",	/* VALID_CHARS */
	"FORMAT",	/* VALID_FORMAT */
	"RANGE",	/* VALID_RANGE */
	"CHECKSUM",	/* VALID_CHECKSUM */
	"DATE",		/* VALID_DATE */
	"CHOICE",	/* VALID_CHOICE */
};

/* A message is a text before and a text after the field's label. */
struct valid_msg {
	const char	*pre;
	const char	*post;
};

static const struct valid_msg valid_msgs[VALID_ERR__MAX] = {
	{ "", "正确" },			/* VALID_OK */
	{ "请填写", "" },		/* VALID_EMPTY */
	{ "", "过长" },			/* VALID_TOOLONG */
	{ "", "含有不允许的字符" },	/* VALID_CHARS */
	{ "", "格式不正确" },		/* VALID_FORMAT */
	{ "", "超出允许范围" },		/* VALID_RANGE */
	{ "", "校验位错误,请核对" },	/* VALID_CHECKSUM */
	{ "", "不是有效日期" },		/* VALID_DATE */
	{ "", "不是可选的值" },		/* VALID_CHOICE */
};

/* Messages about a 身份证号 field, more specific than the above. */
static const struct valid_msg valid_idmsgs[VALID_ERR__MAX] = {
	{ "", "正确" },			/* VALID_OK */
	{ "请填写", "" },		/* VALID_EMPTY */
	{ "", "应为18位" },		/* VALID_TOOLONG */
	{ "", "含有不允许的字符" },	/* VALID_CHARS */
	{ "", "应为18位" },		/* VALID_FORMAT */
	{ "", "中的地区码无效" },	/* VALID_RANGE */
	{ "", "校验位错误,请核对" },	/* VALID_CHECKSUM */
	{ "", "中的出生日期无效" },	/* VALID_DATE */
	{ "", "不是可选的值" },		/* VALID_CHOICE */
};

/* Machine-readable code of e (static string). */
const char *
valid_code(enum valid_err e)
{
	if ((size_t)e >= VALID_ERR__MAX)
		return "UNKNOWN";
	return valid_codes[e];
}

/* Writes message m about label into buf[bufsz], cut at a UTF-8
 * boundary.  Returns buf (owned by the caller), or "" without one. */
static const char *
valid_format(const struct valid_msg *m, const char *label, char *buf,
    size_t bufsz)
{
	char	 tmp[1024];

	if (buf == NULL || bufsz == 0)
		return "";
	if (label == NULL)
		label = "";
	snprintf(tmp, sizeof(tmp), "%s%s%s", m->pre, label, m->post);
	return text_copy(buf, bufsz, tmp);
}

/* Chinese message for e about label, written into buf[bufsz] (owned
 * by the caller) and returned. */
const char *
valid_message(enum valid_err e, const char *label, char *buf, size_t bufsz)
{
	if ((size_t)e >= VALID_ERR__MAX)
		e = VALID_FORMAT;
	return valid_format(&valid_msgs[e], label, buf, bufsz);
}

/* Whether c is an ASCII digit. */
static int
valid_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether the n first bytes of s are all digits. */
static int
valid_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!valid_isdigit(s[i]))
			return 0;
	return 1;
}

/* Value of the n (<= 9) digits at s. */
static int
valid_num(const char *s, size_t n)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Whether y is a leap year of the Gregorian calendar. */
static int
valid_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1-12) of year y. */
static int
valid_mdays(int y, int m)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && valid_leap(y))
		return 29;
	return days[m - 1];
}

/* Whether y-m-d is a real date of years 1-9999. */
static int
valid_real_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= valid_mdays(y, m);
}

/* Checks "YYYY-MM-DD" or "YYYYMMDD" and fills out (may be NULL). */
enum valid_err
valid_date(const char *s, struct hdate *out)
{
	size_t	 n;
	int	 y, m, d;

	if (s == NULL || *s == '\0')
		return VALID_EMPTY;
	n = strlen(s);
	if (n == 10 && valid_digits(s, 4) && s[4] == '-' &&
	    valid_digits(s + 5, 2) && s[7] == '-' && valid_digits(s + 8, 2)) {
		y = valid_num(s, 4);
		m = valid_num(s + 5, 2);
		d = valid_num(s + 8, 2);
	} else if (n == 8 && valid_digits(s, 8)) {
		y = valid_num(s, 4);
		m = valid_num(s + 4, 2);
		d = valid_num(s + 6, 2);
	} else
		return VALID_FORMAT;
	if (!valid_real_date(y, m, d))
		return VALID_DATE;
	if (out != NULL) {
		out->year = y;
		out->month = m;
		out->day = d;
	}
	return VALID_OK;
}

/* Checks "YYYY-MM" or "YYYYMM" and fills out (day 0; may be NULL). */
enum valid_err
valid_month(const char *s, struct hdate *out)
{
	size_t	 n;
	int	 y, m;

	if (s == NULL || *s == '\0')
		return VALID_EMPTY;
	n = strlen(s);
	if (n == 7 && valid_digits(s, 4) && s[4] == '-' &&
	    valid_digits(s + 5, 2)) {
		y = valid_num(s, 4);
		m = valid_num(s + 5, 2);
	} else if (n == 6 && valid_digits(s, 6)) {
		y = valid_num(s, 4);
		m = valid_num(s + 4, 2);
	} else
		return VALID_FORMAT;
	if (y < 1 || m < 1 || m > 12)
		return VALID_DATE;
	if (out != NULL) {
		out->year = y;
		out->month = m;
		out->day = 0;
	}
	return VALID_OK;
}

/* Whether the two digits at s are the code of a real province-level
 * region (GB/T 2260). */
static int
valid_region(const char *s)
{
	static const int regions[] = {
		11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
		41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
		65, 71, 81, 82,
	};
	size_t	 i;
	int	 r = valid_num(s, 2);

	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (regions[i] == r)
			return 1;
	return 0;
}

/* The ISO 7064 MOD 11-2 check character of the 17 digits at s. */
static char
valid_idcard_check(const char *s)
{
	static const int w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int	 sum = 0;
	size_t	 i;

	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return map[sum % 11];
}

/* Checks an 18-character GB 11643 number; fills out when valid. */
enum valid_err
valid_idcard(const char *s, const struct hdate *today, struct idcard *out)
{
	struct hdate	 b;
	char		 last;

	if (s == NULL || *s == '\0')
		return VALID_EMPTY;
	if (strlen(s) != 18 || !valid_digits(s, 17))
		return VALID_FORMAT;
	last = s[17] == 'x' ? 'X' : s[17];
	if (!valid_isdigit(last) && last != 'X')
		return VALID_FORMAT;
	if (!valid_region(s))
		return VALID_RANGE;
	b.year = valid_num(s + 6, 4);
	b.month = valid_num(s + 10, 2);
	b.day = valid_num(s + 12, 2);
	if (b.year < 1900 || !valid_real_date(b.year, b.month, b.day))
		return VALID_DATE;
	if (today != NULL && hdate_cmp(&b, today) > 0)
		return VALID_DATE;
	if (valid_idcard_check(s) != last)
		return VALID_CHECKSUM;
	if (out != NULL) {
		memcpy(out->number, s, 17);
		out->number[17] = last;
		out->number[18] = '\0';
		out->birth = b;
		out->male = (s[16] - '0') % 2;
	}
	return VALID_OK;
}

/* Checks a GB 32100 统一社会信用代码: charset, registering department
 * and the MOD 31 check character. */
enum valid_err
valid_uscc(const char *s)
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
	    13, 8, 24, 10, 30, 28 };
	const char	*p;
	int		 v[18], sum = 0, check;
	size_t		 i;

	if (s == NULL || *s == '\0')
		return VALID_EMPTY;
	if (strlen(s) != 18)
		return VALID_FORMAT;
	for (i = 0; i < 18; i++) {
		if (s[i] == '\0' || (p = strchr(cs, s[i])) == NULL)
			return VALID_FORMAT;
		v[i] = (int)(p - cs);
	}
	if (strchr("123456789ABCDEFGY", s[0]) == NULL)
		return VALID_FORMAT;
	for (i = 0; i < 17; i++)
		sum += v[i] * w[i];
	check = 31 - sum % 31;
	if (check == 31)
		check = 0;
	return v[17] == check ? VALID_OK : VALID_CHECKSUM;
}

/* Whether s is 1 followed by [3-9] and 9 more digits (11 in all). */
static int
valid_mobile(const char *s, size_t n)
{
	return n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
	    valid_digits(s, 11);
}

/* Length of the run of digits at s. */
static size_t
valid_span_digits(const char *s)
{
	size_t	 n = 0;

	while (valid_isdigit(s[n]))
		n++;
	return n;
}

/* Checks a mainland mobile number (11 digits starting 13-19). */
enum valid_err
valid_mobile_phone(const char *s)
{
	if (s == NULL || *s == '\0')
		return VALID_EMPTY;
	return valid_mobile(s, strlen(s)) ? VALID_OK : VALID_FORMAT;
}

/* Checks a mobile or fixed-line number ("027-87654321-123"). */
enum valid_err
valid_phone(const char *s)
{
	size_t	 n;

	if (s == NULL || *s == '\0')
		return VALID_EMPTY;
	if (valid_mobile(s, strlen(s)))
		return VALID_OK;
	/* Optional area code: 0 and 2-3 more digits, then '-'. */
	n = valid_span_digits(s);
	if (s[0] == '0' && (n == 3 || n == 4) && s[n] == '-') {
		s += n + 1;
		n = valid_span_digits(s);
	}
	if (n < 7 || n > 8)
		return VALID_FORMAT;
	s += n;
	if (*s == '-') {
		s++;
		n = valid_span_digits(s);
		if (n < 1 || n > 6)
			return VALID_FORMAT;
		s += n;
	}
	return *s == '\0' ? VALID_OK : VALID_FORMAT;
}

/* Checks a 6-digit postal code. */
enum valid_err
valid_postcode(const char *s)
{
	if (s == NULL || *s == '\0')
		return VALID_EMPTY;
	return strlen(s) == 6 && valid_digits(s, 6) ? VALID_OK : VALID_FORMAT;
}

/* Bytes of an amount kept after normalising; longer is no amount. */
#define VALID_MONEY_MAX	64

/* Normalises amount in as a person types it into out[VALID_MONEY_MAX
 * + 1]: spaces (and the ideographic space) around it dropped,
 * full-width digits, point and comma made ASCII, and commas that group
 * the yuan by thousands ("8,000", "1,234,567.50") removed.  Returns 0,
 * or -1 when too long or a comma is anywhere else. */
static int
valid_money_norm(const char *in, char *out)
{
	const unsigned char *p = (const unsigned char *)in;
	char	 t[VALID_MONEY_MAX + 1];
	size_t	 n = 0, i, o = 0, group = 0;
	int	 commas = 0, point = 0;

	for (; *p != '\0'; p++) {
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			t[n] = ' ';		/* U+3000 */
			p += 2;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
		    p[2] <= 0x99) {
			t[n] = (char)('0' + (p[2] - 0x90));	/* ０-９ */
			p += 2;
		} else if (p[0] == 0xEF && p[1] == 0xBC &&
		    (p[2] == 0x8E || p[2] == 0x8C)) {
			t[n] = p[2] == 0x8E ? '.' : ',';	/* ． ， */
			p += 2;
		} else
			t[n] = (char)*p;
		if (++n > VALID_MONEY_MAX)
			return -1;
	}
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	for (i = 0; i < n && (t[i] == ' ' || t[i] == '\t'); i++)
		;
	for (; i < n; i++) {
		if (t[i] == '.')
			point = 1;
		if (t[i] != ',') {
			out[o++] = t[i];
			if (!point && valid_isdigit(t[i]))
				group++;
			continue;
		}
		/* A comma: after 1-3 digits first, then exactly 3, and
		 * followed by 3 digits and a point, a comma or the end. */
		if (point || group == 0 || group > 3 || (commas && group != 3))
			return -1;
		if (i + 3 >= n || !valid_isdigit(t[i + 1]) ||
		    !valid_isdigit(t[i + 2]) || !valid_isdigit(t[i + 3]) ||
		    (i + 4 < n && t[i + 4] != '.' && t[i + 4] != ','))
			return -1;
		commas = 1;
		group = 0;
	}
	out[o] = '\0';
	return 0;
}

/* Checks an amount in yuan ("1234.56") below 10^12 and stores it in
 * *fen (may be NULL). */
enum valid_err
valid_money(const char *in, int64_t *fen)
{
	char	 buf[VALID_MONEY_MAX + 1];
	const char *s = buf;
	int64_t	 yuan = 0, cents = 0;
	size_t	 n, sig = 0, i;

	if (in == NULL || *in == '\0')
		return VALID_EMPTY;
	if (valid_money_norm(in, buf) != 0)
		return VALID_FORMAT;
	if (*s == '\0')
		return VALID_EMPTY;
	if ((n = valid_span_digits(s)) == 0)
		return VALID_FORMAT;
	for (i = 0; i < n; i++) {
		if (sig == 0 && s[i] == '0')
			continue;
		if (++sig > 12)
			return VALID_RANGE;
		yuan = yuan * 10 + (s[i] - '0');
	}
	s += n;
	if (*s == '.') {
		s++;
		n = valid_span_digits(s);
		if (n < 1 || n > 2)
			return VALID_FORMAT;
		cents = (s[0] - '0') * 10 + (n == 2 ? s[1] - '0' : 0);
		s += n;
	}
	if (*s != '\0')
		return VALID_FORMAT;
	if (fen != NULL)
		*fen = yuan * 100 + cents;
	return VALID_OK;
}

/* Checks UTF-8 text without control characters (C0, DEL, C1; so no
 * tab or line break either) of at most maxchars characters. */
enum valid_err
valid_text(const char *s, size_t maxchars)
{
	const char	*p;
	size_t		 len, chars = 0;
	unsigned int	 cp;

	if (s == NULL)
		return VALID_EMPTY;
	for (p = s; *p != '\0'; p += len) {
		if ((len = text_utf8_char(p, &cp)) == 0)
			return VALID_CHARS;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return VALID_CHARS;
		chars++;
	}
	return chars > maxchars ? VALID_TOOLONG : VALID_OK;
}

/* Compares two dates: <0, 0, >0. */
int
hdate_cmp(const struct hdate *a, const struct hdate *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil). */
static long
hdate_days(long y, long m, long d)
{
	long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long
hdate_to_days(const struct hdate *d)
{
	return hdate_days(d->year, d->month, d->day);
}

/* Fills d from a count of days since 1970-01-01 (civil_from_days). */
void
hdate_from_days(long z, struct hdate *d)
{
	long	 era, doe, yoe, y, doy, mp, day, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	day = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	d->year = y > INT_MAX ? INT_MAX : y < INT_MIN ? INT_MIN : (int)y;
	d->month = (int)m;
	d->day = (int)day;
}

/* Days from a to b (b - a). */
long
hdate_diff(const struct hdate *a, const struct hdate *b)
{
	return hdate_days(b->year, b->month, b->day) -
	    hdate_days(a->year, a->month, a->day);
}

/* Adds n days (may be negative) to d; n is clamped to +-LONG_MAX/4 so
 * the arithmetic cannot overflow. */
void
hdate_add_days(struct hdate *d, long n)
{
	const long	 lim = LONG_MAX / 4;

	if (n > lim)
		n = lim;
	else if (n < -lim)
		n = -lim;
	hdate_from_days(hdate_days(d->year, d->month, d->day) + n, d);
}

/* Writes d as "YYYY-MM-DD" (or "YYYY-MM" when day is 0) into buf. */
void
hdate_fmt(const struct hdate *d, char buf[11])
{
	unsigned int	 y, m, dd;

	y = (unsigned int)d->year % 10000u;
	m = (unsigned int)d->month % 100u;
	dd = (unsigned int)d->day % 100u;
	if (d->day == 0)
		snprintf(buf, 11, "%04u-%02u", y, m);
	else
		snprintf(buf, 11, "%04u-%02u-%02u", y, m, dd);
}

/* Adds an error to errs (dropped past FORM_MAX_ERRORS). */
void
form_error_add(struct form_errors *errs, const char *field,
    const char *code, const char *msg)
{
	struct form_error *e;

	if (errs == NULL || errs->n >= FORM_MAX_ERRORS)
		return;
	e = &errs->e[errs->n++];
	text_copy(e->field, sizeof(e->field), field);
	text_copy(e->code, sizeof(e->code), code);
	text_copy(e->msg, sizeof(e->msg), msg);
}

/* Adds an error whose message is prefix (may be NULL) and the
 * formatted text, cut at a character's boundary to fit. */
void
form_error_addf(struct form_errors *errs, const char *prefix,
    const char *field, const char *code, const char *fmt, ...)
{
	char	 msg[512], full[640];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "%s%s", prefix != NULL ? prefix : "", msg);
	form_error_add(errs, field, code, full);
}

/* Parses a strict decimal integer ("-12", no '+', no spaces) in
 * [min,max] into *v.  Returns VALID_OK, VALID_FORMAT or VALID_RANGE. */
static enum valid_err
valid_int(const char *s, long long min, long long max, long long *v)
{
	unsigned long long	 u = 0, lim;
	int			 neg = 0, d;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (!valid_isdigit(*s))
		return VALID_FORMAT;
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; *s != '\0'; s++) {
		if (!valid_isdigit(*s))
			return VALID_FORMAT;
		d = *s - '0';
		if (u > (lim - (unsigned long long)d) / 10)
			return VALID_RANGE;
		u = u * 10 + (unsigned long long)d;
	}
	if (neg)
		*v = u == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
		    -(long long)u;
	else
		*v = (long long)u;
	return *v < min || *v > max ? VALID_RANGE : VALID_OK;
}

/* Checks a non-empty value against the type of def into val.
 * Returns VALID_OK or the error. */
static enum valid_err
form_check(const struct field_def *def, const struct hdate *today,
    struct field_val *val)
{
	const char	*s = val->str;
	long long	 ll;
	size_t		 i;
	enum valid_err	 e;

	e = valid_text(s, def->maxchars != 0 ? def->maxchars :
	    TEXT_DEFAULT_MAX);
	if (e != VALID_OK)
		return e;
	switch (def->type) {
	case FIELD_TEXT:
		return VALID_OK;
	case FIELD_IDCARD:
		return valid_idcard(s, today, &val->id);
	case FIELD_USCC:
		return valid_uscc(s);
	case FIELD_DATE:
		return valid_date(s, &val->date);
	case FIELD_MONTH:
		return valid_month(s, &val->date);
	case FIELD_PHONE:
		return valid_phone(s);
	case FIELD_MOBILE:
		return valid_mobile_phone(s);
	case FIELD_POSTCODE:
		return valid_postcode(s);
	case FIELD_MONEY:
		return valid_money(s, &val->num);
	case FIELD_CHOICE:
		for (i = 0; def->choices != NULL && def->choices[i] != NULL;
		    i++)
			if (strcmp(def->choices[i], s) == 0) {
				val->num = (int64_t)i;
				return VALID_OK;
			}
		return VALID_CHOICE;
	case FIELD_INT:
		if ((e = valid_int(s, def->min, def->max, &ll)) == VALID_OK)
			val->num = ll;
		return e;
	case FIELD_TYPE__MAX:
	default:
		abort();
	}
}

/* Whether the value of f holds a NUL byte (at its start or inside),
 * which C string functions would silently cut. */
static int
valid_has_nul(const struct req_field *f)
{
	return strlen(f->val) != f->valsz;
}

/* Validates defs[0..n) from r into vals[0..n), adding errors to errs.
 * Returns the number of bad fields (even past FORM_MAX_ERRORS). */
size_t
form_validate(const struct req *r, const struct field_def *defs,
    size_t n, const struct hdate *today, struct field_val *vals,
    struct form_errors *errs)
{
	const struct req_field	*f;
	char			 msg[256];
	size_t			 i, bad = 0;
	enum valid_err		 e;

	for (i = 0; i < n; i++) {
		memset(&vals[i], 0, sizeof(vals[i]));
		f = req_field(r, defs[i].name);
		vals[i].str = f != NULL ? f->val : "";
		if (f != NULL && valid_has_nul(f))
			e = VALID_CHARS;
		else if (vals[i].str[0] == '\0') {
			if (defs[i].flags & FIELD_REQUIRED)
				e = VALID_EMPTY;
			else
				continue;
		} else {
			vals[i].present = 1;
			e = form_check(&defs[i], today, &vals[i]);
		}
		if (e == VALID_OK)
			continue;
		bad++;
		valid_format(defs[i].type == FIELD_IDCARD ? &valid_idmsgs[e] :
		    &valid_msgs[e], defs[i].label, msg, sizeof(msg));
		if (defs[i].type == FIELD_MONEY && e == VALID_FORMAT)
			text_copy(msg + strlen(msg), sizeof(msg) - strlen(msg),
			    VALID_MONEY_HINT);
		form_error_add(errs, defs[i].name, valid_code(e), msg);
	}
	return bad;
}

/* Adds a CHARS error for field name when its value holds a NUL byte;
 * see valid.h.  Returns 1 added, 0 absent or clean. */
size_t
form_check_nul(const struct req *r, const char *name, const char *label,
    struct form_errors *errs)
{
	const struct req_field	*f = req_field(r, name);
	char			 msg[256];

	if (f == NULL || !valid_has_nul(f))
		return 0;
	valid_format(&valid_msgs[VALID_CHARS], label, msg, sizeof(msg));
	form_error_add(errs, name, valid_code(VALID_CHARS), msg);
	return 1;
}
