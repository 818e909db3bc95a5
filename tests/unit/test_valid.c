/*
 * test_valid.c: tables of valid and invalid values for every validator
 * of lib/valid.c, date arithmetic, messages and form_validate().
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../suites.h"
#include "request.h"
#include "valid.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Writes the 17 digits of body and their GB 11643 check character into
 * out[19] (the test's own copy of the algorithm).  Returns out. */
static char *
test_idcard_make(const char *body, char out[19])
{
	static const int w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int	 sum = 0, i;

	for (i = 0; i < 17; i++)
		sum += (body[i] - '0') * w[i];
	memcpy(out, body, 17);
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
	return out;
}

/* Writes the 17 characters of body and their GB 32100 check character
 * into out[19].  Returns out. */
static char *
test_uscc_make(const char *body, char out[19])
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
	    13, 8, 24, 10, 30, 28 };
	int	 sum = 0, i, c;

	for (i = 0; i < 17; i++)
		sum += (int)(strchr(cs, body[i]) - cs) * w[i];
	c = 31 - sum % 31;
	memcpy(out, body, 17);
	out[17] = cs[c == 31 ? 0 : c];
	out[18] = '\0';
	return out;
}

START_TEST(idcard_valid)
{
	static const struct {
		const char *body;	/* 17 digits */
		int	 y, m, d, male;
	} t[] = {
		{ "11010519491231002", 1949, 12, 31, 0 },
		{ "44030819900101001", 1990, 1, 1, 1 },
		{ "31011520000229003", 2000, 2, 29, 1 },
		{ "65010219000101004", 1900, 1, 1, 0 },
		{ "82000020240101005", 2024, 1, 1, 1 },
		{ "42010620101010006", 2010, 10, 10, 0 },
	};
	struct idcard	 id;
	struct hdate	 today = { 2025, 6, 1 };
	char		 num[19];
	size_t		 i;

	for (i = 0; i < NELEM(t); i++) {
		test_idcard_make(t[i].body, num);
		memset(&id, 0, sizeof(id));
		ck_assert_msg(valid_idcard(num, &today, &id) == VALID_OK,
		    "%s", num);
		ck_assert_str_eq(id.number, num);
		ck_assert_int_eq(id.birth.year, t[i].y);
		ck_assert_int_eq(id.birth.month, t[i].m);
		ck_assert_int_eq(id.birth.day, t[i].d);
		ck_assert_int_eq(id.male, t[i].male);
	}
	/* The well-known example, with a lower-case x normalised. */
	ck_assert_int_eq(valid_idcard("11010519491231002X", NULL, NULL),
	    VALID_OK);
	ck_assert_int_eq(valid_idcard("11010519491231002x", NULL, &id),
	    VALID_OK);
	ck_assert_str_eq(id.number, "11010519491231002X");
	ck_assert_int_eq(id.male, 0);
}
END_TEST

START_TEST(idcard_bad)
{
	static const struct {
		const char	*s;
		enum valid_err	 e;
	} t[] = {
		{ "", VALID_EMPTY },
		{ "110105194912310021", VALID_CHECKSUM },
		{ "110105194912310028", VALID_CHECKSUM },
		{ "11010519491231002Y", VALID_FORMAT },
		{ "1101051949123100X2", VALID_FORMAT },
		{ "11010519491231002", VALID_FORMAT },
		{ "11010519491231002XX", VALID_FORMAT },
		{ "110105491231002", VALID_FORMAT },	/* 15-digit old form */
		{ " 11010519491231002X", VALID_FORMAT },
		{ "11010519491231002X ", VALID_FORMAT },
		{ "１１0105194912310021", VALID_FORMAT },
		{ "10010519491231002X", VALID_RANGE },
		{ "99010519491231002X", VALID_RANGE },
		{ "00010519491231002X", VALID_RANGE },
		{ "11010518991231002X", VALID_DATE },	/* before 1900 */
		{ "11010519490230002X", VALID_DATE },
		{ "11010519491301002X", VALID_DATE },
		{ "11010519490000002X", VALID_DATE },
		{ "11010519230229002X", VALID_DATE },	/* not a leap year */
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_idcard(t[i].s, NULL, NULL) == t[i].e,
		    "%s: %d", t[i].s, valid_idcard(t[i].s, NULL, NULL));
	ck_assert_int_eq(valid_idcard(NULL, NULL, NULL), VALID_EMPTY);
}
END_TEST

START_TEST(idcard_bad_future)
{
	struct hdate	 today = { 2025, 6, 1 };
	char		 num[19];

	/* Born today is fine, tomorrow is not. */
	test_idcard_make("11010520250601001", num);
	ck_assert_int_eq(valid_idcard(num, &today, NULL), VALID_OK);
	test_idcard_make("11010520250602001", num);
	ck_assert_int_eq(valid_idcard(num, &today, NULL), VALID_DATE);
	ck_assert_int_eq(valid_idcard(num, NULL, NULL), VALID_OK);
}
END_TEST

START_TEST(uscc_valid)
{
	static const char *const bodies[] = {
		"91110000600037341", "12100000400000000", "Y1110105MA01ABCDE",
		"51440300MJL123456", "A1000000000000000",
	};
	char	 num[19];
	size_t	 i;

	ck_assert_int_eq(valid_uscc("91350100M000100Y43"), VALID_OK);
	for (i = 0; i < NELEM(bodies); i++) {
		test_uscc_make(bodies[i], num);
		ck_assert_msg(valid_uscc(num) == VALID_OK, "%s", num);
	}
}
END_TEST

START_TEST(uscc_bad)
{
	static const struct {
		const char	*s;
		enum valid_err	 e;
	} t[] = {
		{ "", VALID_EMPTY },
		{ "91350100M000100Y44", VALID_CHECKSUM },
		{ "91350100M000100Y4", VALID_FORMAT },
		{ "91350100M000100Y433", VALID_FORMAT },
		{ "91350100m000100Y43", VALID_FORMAT },	/* lower case */
		{ "91350100I000100Y43", VALID_FORMAT },	/* I */
		{ "91350100O000100Y43", VALID_FORMAT },	/* O */
		{ "91350100S000100Y43", VALID_FORMAT },	/* S */
		{ "91350100V000100Y43", VALID_FORMAT },	/* V */
		{ "91350100Z000100Y43", VALID_FORMAT },	/* Z */
		{ "01350100M000100Y43", VALID_FORMAT },	/* department 0 */
		{ "H1350100M000100Y43", VALID_FORMAT },	/* department H */
		{ "91350100M000100Y4 ", VALID_FORMAT },
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_uscc(t[i].s) == t[i].e, "%s: %d",
		    t[i].s, valid_uscc(t[i].s));
	ck_assert_int_eq(valid_uscc(NULL), VALID_EMPTY);
}
END_TEST

START_TEST(date_valid)
{
	static const struct {
		const char	*s;
		int		 y, m, d;
	} t[] = {
		{ "2024-02-29", 2024, 2, 29 },
		{ "20240229", 2024, 2, 29 },
		{ "2000-02-29", 2000, 2, 29 },
		{ "1999-12-31", 1999, 12, 31 },
		{ "2026-01-01", 2026, 1, 1 },
		{ "0001-01-01", 1, 1, 1 },
	};
	struct hdate	 d;
	size_t		 i;

	for (i = 0; i < NELEM(t); i++) {
		memset(&d, 0, sizeof(d));
		ck_assert_msg(valid_date(t[i].s, &d) == VALID_OK, "%s",
		    t[i].s);
		ck_assert_int_eq(d.year, t[i].y);
		ck_assert_int_eq(d.month, t[i].m);
		ck_assert_int_eq(d.day, t[i].d);
	}
}
END_TEST

START_TEST(date_bad)
{
	static const struct {
		const char	*s;
		enum valid_err	 e;
	} t[] = {
		{ "", VALID_EMPTY },
		{ "2023-02-29", VALID_DATE },
		{ "1900-02-29", VALID_DATE },
		{ "2026-13-01", VALID_DATE },
		{ "2026-00-10", VALID_DATE },
		{ "2026-04-31", VALID_DATE },
		{ "2026-04-00", VALID_DATE },
		{ "0000-01-01", VALID_DATE },
		{ "20230229", VALID_DATE },
		{ "2026-1-01", VALID_FORMAT },
		{ "2026/01/01", VALID_FORMAT },
		{ "2026-01-01 ", VALID_FORMAT },
		{ "2026-01-0a", VALID_FORMAT },
		{ "+026-01-01", VALID_FORMAT },
		{ "202601011", VALID_FORMAT },
	};
	struct hdate	 d = { 7, 7, 7 };
	size_t		 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_date(t[i].s, &d) == t[i].e, "%s",
		    t[i].s);
	/* out is left alone on error */
	ck_assert_int_eq(d.year, 7);
}
END_TEST

START_TEST(month_valid)
{
	struct hdate	 d;

	ck_assert_int_eq(valid_month("2026-03", &d), VALID_OK);
	ck_assert_int_eq(d.year, 2026);
	ck_assert_int_eq(d.month, 3);
	ck_assert_int_eq(d.day, 0);
	ck_assert_int_eq(valid_month("202612", &d), VALID_OK);
	ck_assert_int_eq(d.month, 12);
}
END_TEST

START_TEST(month_bad)
{
	static const struct {
		const char	*s;
		enum valid_err	 e;
	} t[] = {
		{ "", VALID_EMPTY },
		{ "2026-13", VALID_DATE },
		{ "2026-00", VALID_DATE },
		{ "202600", VALID_DATE },
		{ "2026-3", VALID_FORMAT },
		{ "2026-03-01", VALID_FORMAT },
		{ "26-03", VALID_FORMAT },
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_month(t[i].s, NULL) == t[i].e, "%s",
		    t[i].s);
}
END_TEST

START_TEST(hdate_diff_years)
{
	static const struct {
		struct hdate	 a, b;
		long		 days;
	} t[] = {
		{ { 2024, 1, 1 }, { 2024, 1, 1 }, 0 },
		{ { 2023, 12, 31 }, { 2024, 1, 1 }, 1 },
		{ { 2024, 1, 1 }, { 2023, 12, 31 }, -1 },
		{ { 2024, 2, 28 }, { 2024, 3, 1 }, 2 },
		{ { 2023, 2, 28 }, { 2023, 3, 1 }, 1 },
		{ { 2024, 1, 1 }, { 2025, 1, 1 }, 366 },
		{ { 2025, 1, 1 }, { 2026, 1, 1 }, 365 },
		{ { 1970, 1, 1 }, { 2000, 3, 1 }, 11017 },
		{ { 1900, 1, 1 }, { 2000, 1, 1 }, 36524 },
		{ { 2000, 1, 1 }, { 2100, 1, 1 }, 36525 },
		{ { 1949, 10, 1 }, { 2025, 10, 1 }, 27759 },
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(hdate_diff(&t[i].a, &t[i].b) == t[i].days,
		    "case %zu: %ld", i, hdate_diff(&t[i].a, &t[i].b));
}
END_TEST

START_TEST(hdate_add_days_roundtrip)
{
	static const struct {
		struct hdate	 d;
		long		 n;
		struct hdate	 want;
	} t[] = {
		{ { 2024, 2, 28 }, 1, { 2024, 2, 29 } },
		{ { 2023, 2, 28 }, 1, { 2023, 3, 1 } },
		{ { 2024, 12, 31 }, 1, { 2025, 1, 1 } },
		{ { 2025, 1, 1 }, -1, { 2024, 12, 31 } },
		{ { 2024, 3, 1 }, -366, { 2023, 3, 1 } },
		{ { 1970, 1, 1 }, 11017, { 2000, 3, 1 } },
		{ { 2026, 6, 15 }, 0, { 2026, 6, 15 } },
	};
	struct hdate	 d, e;
	size_t		 i;
	long		 n;

	for (i = 0; i < NELEM(t); i++) {
		d = t[i].d;
		hdate_add_days(&d, t[i].n);
		ck_assert_msg(hdate_cmp(&d, &t[i].want) == 0,
		    "case %zu: %d-%d-%d", i, d.year, d.month, d.day);
	}
	/* Every day of 1999-2001 survives a round trip. */
	d = (struct hdate){ 1999, 1, 1 };
	for (n = 0; n < 3 * 366; n++) {
		e = d;
		hdate_add_days(&e, n);
		ck_assert_int_eq(hdate_diff(&d, &e), n);
		ck_assert(e.day >= 1 && e.day <= 31);
	}
}
END_TEST

START_TEST(hdate_cmp_fmt)
{
	struct hdate	 a = { 2024, 2, 29 }, b = { 2024, 3, 1 },
			 m = { 2026, 3, 0 }, z = { 5, 1, 2 };
	char		 buf[11];

	ck_assert_int_lt(hdate_cmp(&a, &b), 0);
	ck_assert_int_gt(hdate_cmp(&b, &a), 0);
	ck_assert_int_eq(hdate_cmp(&a, &a), 0);
	hdate_fmt(&a, buf);
	ck_assert_str_eq(buf, "2024-02-29");
	hdate_fmt(&m, buf);
	ck_assert_str_eq(buf, "2026-03");
	hdate_fmt(&z, buf);
	ck_assert_str_eq(buf, "0005-01-02");
}
END_TEST

START_TEST(money_valid)
{
	static const struct {
		const char	*s;
		int64_t		 fen;
	} t[] = {
		{ "0", 0 },
		{ "12.5", 1250 },
		{ "12.50", 1250 },
		{ "12.05", 1205 },
		{ "0.01", 1 },
		{ "007", 700 },
		{ "999999999999.99", INT64_C(99999999999999) },
		{ "5000", 500000 },
		/* As a person types it: normalised. */
		{ "8,000", 800000 },
		{ "1,234,567.50", 123456750 },
		{ " 8000 ", 800000 },
		{ "\xe3\x80\x80" "8000", 800000 },		/* U+3000 */
		{ "\xef\xbc\x98\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90"
		  "\xef\xbc\x8e\xef\xbc\x95", 800050 },	/* ８０００．５ */
		{ "\xef\xbc\x98\xef\xbc\x8c" "000", 800000 }, /* ８，000 */
	};
	int64_t	 fen;
	size_t	 i;

	for (i = 0; i < NELEM(t); i++) {
		fen = -1;
		ck_assert_msg(valid_money(t[i].s, &fen) == VALID_OK, "%s",
		    t[i].s);
		ck_assert_msg(fen == t[i].fen, "%s: %lld", t[i].s,
		    (long long)fen);
	}
}
END_TEST

START_TEST(money_bad)
{
	static const struct {
		const char	*s;
		enum valid_err	 e;
	} t[] = {
		{ "", VALID_EMPTY },
		{ "-1", VALID_FORMAT },
		{ "+1", VALID_FORMAT },
		{ "1e3", VALID_FORMAT },
		{ "12.345", VALID_FORMAT },
		{ "12.", VALID_FORMAT },
		{ ".5", VALID_FORMAT },
		{ "1,00", VALID_FORMAT },
		{ ",100", VALID_FORMAT },
		{ "1,,000", VALID_FORMAT },
		{ "1000,000", VALID_FORMAT },
		{ "1,0000", VALID_FORMAT },
		{ "1,000.5,0", VALID_FORMAT },
		{ "1,000,00", VALID_FORMAT },
		{ "1 000", VALID_FORMAT },
		{ "   ", VALID_EMPTY },
		{ "8000元", VALID_FORMAT },
		{ "0x10", VALID_FORMAT },
		{ "NaN", VALID_FORMAT },
		{ "1000000000000", VALID_RANGE },
		{ "99999999999999999999999", VALID_RANGE },
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_money(t[i].s, NULL) == t[i].e, "%s: %d",
		    t[i].s, valid_money(t[i].s, NULL));
}
END_TEST

START_TEST(phone_valid)
{
	static const char *const t[] = {
		"13800138000", "19912345678", "027-87654321", "0755-1234567",
		"010-12345678-123456", "87654321", "1234567", "87654321-1",
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_phone(t[i]) == VALID_OK, "%s", t[i]);
}
END_TEST

START_TEST(phone_bad)
{
	static const char *const t[] = {
		"12800138000",		/* 12X is no mobile prefix */
		"1380013800",		/* 10 digits */
		"138001380001",		/* 12 digits */
		"+8613800138000",
		"27-87654321",		/* area code without 0 */
		"02787654321",		/* area code without hyphen */
		"00027-87654321",	/* 5-digit area code */
		"027-123456",		/* 6 digits */
		"027-123456789",	/* 9 digits */
		"027-87654321-1234567",	/* 7-digit extension */
		"027-87654321-",
		"027 87654321",
		"138-0013-8000",
		"abc",
	};
	size_t	 i;

	ck_assert_int_eq(valid_phone(""), VALID_EMPTY);
	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_phone(t[i]) == VALID_FORMAT, "%s", t[i]);
}
END_TEST

/* 手机号码 takes mobiles only: fixed lines that valid_phone() accepts
 * are refused. */
START_TEST(mobile_valid_bad)
{
	static const struct {
		const char	*s;
		enum valid_err	 want;
	} t[] = {
		{ "13800138000", VALID_OK },
		{ "19912345678", VALID_OK },
		{ "", VALID_EMPTY },
		{ "027-87654321", VALID_FORMAT },
		{ "87654321", VALID_FORMAT },
		{ "12800138000", VALID_FORMAT },
		{ "1380013800", VALID_FORMAT },
		{ "+8613800138000", VALID_FORMAT },
		{ "138-0013-8000", VALID_FORMAT },
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_mobile_phone(t[i].s) == t[i].want, "%s",
		    t[i].s);
}
END_TEST

START_TEST(postcode_valid_bad)
{
	ck_assert_int_eq(valid_postcode("430000"), VALID_OK);
	ck_assert_int_eq(valid_postcode("100080"), VALID_OK);
	ck_assert_int_eq(valid_postcode(""), VALID_EMPTY);
	ck_assert_int_eq(valid_postcode("43000"), VALID_FORMAT);
	ck_assert_int_eq(valid_postcode("4300000"), VALID_FORMAT);
	ck_assert_int_eq(valid_postcode("43000a"), VALID_FORMAT);
	ck_assert_int_eq(valid_postcode("43 000"), VALID_FORMAT);
}
END_TEST

START_TEST(text_valid)
{
	ck_assert_int_eq(valid_text("", 0), VALID_OK);
	ck_assert_int_eq(valid_text("张三", 2), VALID_OK);
	ck_assert_int_eq(valid_text("合同到期终止 (A-1)", 12), VALID_OK);
	ck_assert_int_eq(valid_text("\xf0\x9f\x98\x80", 1), VALID_OK);
	ck_assert_int_eq(valid_text("\xf4\x8f\xbf\xbf", 1), VALID_OK);
	ck_assert_int_eq(valid_text("\xed\x9f\xbf", 1), VALID_OK);
	ck_assert_int_eq(valid_text("\xee\x80\x80", 1), VALID_OK);
}
END_TEST

START_TEST(text_bad)
{
	static const struct {
		const char	*s;
		size_t		 max;
		enum valid_err	 e;
	} t[] = {
		{ "张三", 1, VALID_TOOLONG },
		{ "abc", 2, VALID_TOOLONG },
		{ "a\tb", 10, VALID_CHARS },
		{ "a\rb", 10, VALID_CHARS },
		{ "a\nb", 10, VALID_CHARS },
		{ "a\x1b", 10, VALID_CHARS },
		{ "a\x7f", 10, VALID_CHARS },
		{ "a\xc2\x85", 10, VALID_CHARS },	/* C1 NEL */
		{ "\xc0\xaf", 10, VALID_CHARS },	/* overlong '/' */
		{ "\xc1\xbf", 10, VALID_CHARS },
		{ "\xe0\x80\xaf", 10, VALID_CHARS },	/* overlong */
		{ "\xe0\x9f\xbf", 10, VALID_CHARS },	/* overlong */
		{ "\xf0\x80\x80\xaf", 10, VALID_CHARS },	/* overlong */
		{ "\xf0\x8f\xbf\xbf", 10, VALID_CHARS },	/* overlong */
		{ "\xed\xa0\x80", 10, VALID_CHARS },	/* surrogate */
		{ "\xed\xbf\xbf", 10, VALID_CHARS },	/* surrogate */
		{ "\xf4\x90\x80\x80", 10, VALID_CHARS },	/* > U+10FFFF */
		{ "\xf5\x80\x80\x80", 10, VALID_CHARS },
		{ "\xff", 10, VALID_CHARS },
		{ "\x80", 10, VALID_CHARS },		/* lone continuation */
		{ "\xe5\xbc", 10, VALID_CHARS },	/* truncated */
		{ "\xe5", 10, VALID_CHARS },		/* truncated */
		{ "\xf0\x9f\x98", 10, VALID_CHARS },	/* truncated */
		{ "\xe5\xbc" "a", 10, VALID_CHARS },	/* cut short */
	};
	size_t	 i;

	for (i = 0; i < NELEM(t); i++)
		ck_assert_msg(valid_text(t[i].s, t[i].max) == t[i].e,
		    "case %zu", i);
	ck_assert_int_eq(valid_text(NULL, 10), VALID_EMPTY);
}
END_TEST

START_TEST(message_codes)
{
	static const struct {
		enum valid_err	 e;
		const char	*code, *msg;
	} t[] = {
		{ VALID_EMPTY, "EMPTY", "请填写身份证号" },
		{ VALID_TOOLONG, "TOOLONG", "身份证号过长" },
		{ VALID_CHARS, "CHARS", "身份证号含有不允许的字符" },
		{ VALID_FORMAT, "FORMAT", "身份证号格式不正确" },
		{ VALID_RANGE, "RANGE", "身份证号超出允许范围" },
		{ VALID_CHECKSUM, "CHECKSUM", "身份证号校验位错误,请核对" },
		{ VALID_DATE, "DATE", "身份证号不是有效日期" },
		{ VALID_CHOICE, "CHOICE", "身份证号不是可选的值" },
	};
	char	 buf[256], small[8];
	size_t	 i;

	for (i = 0; i < NELEM(t); i++) {
		ck_assert_str_eq(valid_code(t[i].e), t[i].code);
		ck_assert_str_eq(valid_message(t[i].e, "身份证号", buf,
		    sizeof(buf)), t[i].msg);
	}
	/* A short buffer is cut at a character boundary: 请填 is 6 bytes. */
	ck_assert_str_eq(valid_message(VALID_EMPTY, "姓名", small,
	    sizeof(small)), "请填");
}
END_TEST

/* Builds a request whose body is the urlencoded text q. */
static void
test_req_body(struct req *r, const char *q)
{
	memset(r, 0, sizeof(*r));
	ck_assert_int_eq(req_parse_urlencoded(q, strlen(q),
	    &req_default_limits, &r->body), REQ_OK);
}

static const char *const test_reasons[] = {
	"合同到期终止", "协商一致解除", "员工辞职", NULL
};

static const struct field_def test_form[] = {
	{ "xm", "姓名", FIELD_TEXT, FIELD_REQUIRED, 20, NULL, 0, 0 },
	{ "sfzh", "身份证号", FIELD_IDCARD, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "dm", "统一社会信用代码", FIELD_USCC, 0, 0, NULL, 0, 0 },
	{ "rq", "退工日期", FIELD_DATE, FIELD_REQUIRED, 0, NULL, 0, 0 },
	{ "yf", "月份", FIELD_MONTH, 0, 0, NULL, 0, 0 },
	{ "dh", "联系电话", FIELD_PHONE, 0, 0, NULL, 0, 0 },
	{ "yb", "邮编", FIELD_POSTCODE, 0, 0, NULL, 0, 0 },
	{ "gz", "月平均工资", FIELD_MONEY, 0, 0, NULL, 0, 0 },
	{ "yy", "退工原因", FIELD_CHOICE, FIELD_REQUIRED, 0, test_reasons,
	    0, 0 },
	{ "rs", "人数", FIELD_INT, 0, 0, NULL, 1, 500 },
};

START_TEST(form_validate_ok)
{
	struct req		 r;
	struct field_val	 v[NELEM(test_form)];
	struct form_errors	 errs;
	struct hdate		 today = { 2026, 1, 1 };

	memset(&errs, 0, sizeof(errs));
	test_req_body(&r, "xm=%E5%BC%A0%E4%B8%89&sfzh=11010519491231002x"
	    "&dm=91350100M000100Y43&rq=2025-12-31&yf=2025-11"
	    "&dh=027-87654321&gz=12.5"
	    "&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C&rs=42");
	ck_assert_uint_eq(form_validate(&r, test_form, NELEM(test_form),
	    &today, v, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_str_eq(v[0].str, "张三");
	ck_assert_int_eq(v[0].present, 1);
	ck_assert_str_eq(v[1].id.number, "11010519491231002X");
	ck_assert_int_eq(v[1].id.birth.year, 1949);
	ck_assert_int_eq(v[3].date.day, 31);
	ck_assert_int_eq(v[4].date.month, 11);
	ck_assert_int_eq(v[6].present, 0);	/* 邮编 absent, optional */
	ck_assert_str_eq(v[6].str, "");
	ck_assert_int_eq(v[7].num, 1250);
	ck_assert_int_eq(v[8].num, 2);
	ck_assert_int_eq(v[9].num, 42);
	req_free(&r);
}
END_TEST

START_TEST(form_validate_bad)
{
	static const struct {
		const char	*body;
		const char	*field, *code, *msg;
	} t[] = {
		{ "sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "xm", "EMPTY", "请填写姓名" },
		{ "xm=a&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "sfzh", "EMPTY", "请填写身份证号" },
		{ "xm=a&sfzh=110105194912310021&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "sfzh", "CHECKSUM", "身份证号校验位错误,请核对" },
		{ "xm=a&sfzh=1101051949123100&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "sfzh", "FORMAT", "身份证号应为18位" },
		{ "xm=a&sfzh=11010519491331002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "sfzh", "DATE", "身份证号中的出生日期无效" },
		{ "xm=a&sfzh=11010519491231002X&rq=2025-02-29&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "rq", "DATE", "退工日期不是有效日期" },
		{ "xm=a&sfzh=11010519491231002X&rq=2025-01-01&yy=x",
		    "yy", "CHOICE", "退工原因不是可选的值" },
		{ "xm=a&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C&rs=501",
		    "rs", "RANGE", "人数超出允许范围" },
		{ "xm=a&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C&rs=%2B5",
		    "rs", "FORMAT", "人数格式不正确" },
		{ "xm=a&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C&rs=99999999999999999999",
		    "rs", "RANGE", "人数超出允许范围" },
		{ "xm=a%0Ab&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "xm", "CHARS", "姓名含有不允许的字符" },
		{ "xm=a%00b&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "xm", "CHARS", "姓名含有不允许的字符" },
		{ "xm=%00&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "xm", "CHARS", "姓名含有不允许的字符" },
		{ "xm=123456789012345678901&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C",
		    "xm", "TOOLONG", "姓名过长" },
		{ "xm=a&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C&gz=-1",
		    "gz", "FORMAT", "月平均工资格式不正确,请填写金额,如 8000 或 8000.50(元)" },
		{ "xm=a&sfzh=11010519491231002X&rq=2025-01-01&yy=%E5%91%98%E5%B7%A5%E8%BE%9E%E8%81%8C&dm=91350100M000100Y44",
		    "dm", "CHECKSUM", "统一社会信用代码校验位错误,请核对" },
	};
	struct req		 r;
	struct field_val	 v[NELEM(test_form)];
	struct form_errors	 errs;
	struct hdate		 today = { 2026, 1, 1 };
	size_t			 i;

	for (i = 0; i < NELEM(t); i++) {
		memset(&errs, 0, sizeof(errs));
		test_req_body(&r, t[i].body);
		ck_assert_msg(form_validate(&r, test_form, NELEM(test_form),
		    &today, v, &errs) == 1, "case %zu", i);
		ck_assert_uint_eq(errs.n, 1);
		ck_assert_str_eq(errs.e[0].field, t[i].field);
		ck_assert_str_eq(errs.e[0].code, t[i].code);
		ck_assert_str_eq(errs.e[0].msg, t[i].msg);
		req_free(&r);
	}
}
END_TEST

START_TEST(form_validate_query_fallback)
{
	static const struct field_def defs[] = {
		{ "p", "页码", FIELD_INT, FIELD_REQUIRED, 0, NULL, -5, 5 },
	};
	struct req		 r;
	struct field_val	 v[1];
	struct form_errors	 errs;

	memset(&errs, 0, sizeof(errs));
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(req_parse_urlencoded("p=-3", 4, &req_default_limits,
	    &r.query), REQ_OK);
	ck_assert_uint_eq(form_validate(&r, defs, 1, NULL, v, &errs), 0);
	ck_assert_int_eq(v[0].num, -3);
	/* The body wins over the query. */
	ck_assert_int_eq(req_parse_urlencoded("p=4", 3, &req_default_limits,
	    &r.body), REQ_OK);
	ck_assert_uint_eq(form_validate(&r, defs, 1, NULL, v, &errs), 0);
	ck_assert_int_eq(v[0].num, 4);
	req_free(&r);
}
END_TEST

/* A field checked outside form_validate() (回退原因) gets the same NUL
 * rule: "a%00b" would be stored as "a" otherwise. */
START_TEST(form_check_nul_refuses)
{
	static const char *const bad[] = {
		"reason=a%00b", "reason=%00", "reason=%E6%9D%90%00",
		"x=1&reason=ab%00",
	};
	static const char *const good[] = {
		"reason=ab", "reason=", "x=%00", "", "reason=%E6%9D%90%E6%96%99",
	};
	struct req		 r;
	struct form_errors	 errs;
	size_t			 i;

	for (i = 0; i < NELEM(bad); i++) {
		memset(&errs, 0, sizeof(errs));
		test_req_body(&r, bad[i]);
		ck_assert_msg(form_check_nul(&r, "reason", "回退原因", &errs) ==
		    1, "%s", bad[i]);
		ck_assert_uint_eq(errs.n, 1);
		ck_assert_str_eq(errs.e[0].field, "reason");
		ck_assert_str_eq(errs.e[0].code, "CHARS");
		ck_assert_str_eq(errs.e[0].msg, "回退原因含有不允许的字符");
		req_free(&r);
	}
	for (i = 0; i < NELEM(good); i++) {
		memset(&errs, 0, sizeof(errs));
		test_req_body(&r, good[i]);
		ck_assert_msg(form_check_nul(&r, "reason", "回退原因", &errs) ==
		    0, "%s", good[i]);
		ck_assert_uint_eq(errs.n, 0);
		req_free(&r);
	}
	/* In the query string too (req_field() reads body, then query). */
	memset(&errs, 0, sizeof(errs));
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(req_parse_urlencoded("reason=a%00b", 12,
	    &req_default_limits, &r.query), REQ_OK);
	ck_assert_uint_eq(form_check_nul(&r, "reason", "回退原因", &errs), 1);
	req_free(&r);
}
END_TEST

START_TEST(form_error_add_bad_overflow)
{
	struct form_errors	 errs;
	size_t			 i;
	char			 longname[200];

	memset(&errs, 0, sizeof(errs));
	memset(longname, 'k', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	for (i = 0; i < FORM_MAX_ERRORS + 5; i++)
		form_error_add(&errs, longname, "EMPTY", "请填写");
	ck_assert_uint_eq(errs.n, FORM_MAX_ERRORS);
	ck_assert_uint_eq(strlen(errs.e[0].field), sizeof(errs.e[0].field) - 1);
}
END_TEST

/* The suite of lib/valid.c. */
static Suite *
valid_suite(void)
{
	Suite	*s = suite_create("valid");
	TCase	*tc;

	tc = tcase_create("idcard");
	tcase_add_test(tc, idcard_valid);
	tcase_add_test(tc, idcard_bad);
	tcase_add_test(tc, idcard_bad_future);
	suite_add_tcase(s, tc);
	tc = tcase_create("uscc");
	tcase_add_test(tc, uscc_valid);
	tcase_add_test(tc, uscc_bad);
	suite_add_tcase(s, tc);
	tc = tcase_create("dates");
	tcase_add_test(tc, date_valid);
	tcase_add_test(tc, date_bad);
	tcase_add_test(tc, month_valid);
	tcase_add_test(tc, month_bad);
	tcase_add_test(tc, hdate_diff_years);
	tcase_add_test(tc, hdate_add_days_roundtrip);
	tcase_add_test(tc, hdate_cmp_fmt);
	suite_add_tcase(s, tc);
	tc = tcase_create("values");
	tcase_add_test(tc, money_valid);
	tcase_add_test(tc, money_bad);
	tcase_add_test(tc, phone_valid);
	tcase_add_test(tc, phone_bad);
	tcase_add_test(tc, mobile_valid_bad);
	tcase_add_test(tc, postcode_valid_bad);
	tcase_add_test(tc, text_valid);
	tcase_add_test(tc, text_bad);
	tcase_add_test(tc, message_codes);
	suite_add_tcase(s, tc);
	tc = tcase_create("form");
	tcase_add_test(tc, form_validate_ok);
	tcase_add_test(tc, form_validate_bad);
	tcase_add_test(tc, form_validate_query_fallback);
	tcase_add_test(tc, form_check_nul_refuses);
	tcase_add_test(tc, form_error_add_bad_overflow);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(valid_suite)
