/*
 * test_text.c: the shared string helpers: the copy cut at a UTF-8
 * boundary, the UTF-8 decoder, hex, white space and trimming.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "../suites.h"

START_TEST(text_copy_fits)
{
	char	 buf[16];

	ck_assert_ptr_eq(text_copy(buf, sizeof(buf), "张三"), buf);
	ck_assert_str_eq(buf, "张三");
	ck_assert_str_eq(text_copy(buf, sizeof(buf), NULL), "");
	ck_assert_str_eq(text_copy(buf, sizeof(buf), ""), "");
	/* Exactly dstsz - 1 bytes fit. */
	ck_assert_str_eq(text_copy(buf, 7, "张三"), "张三");
}
END_TEST

START_TEST(text_copy_cuts_at_boundary)
{
	static const struct {
		const char	*src;
		size_t		 dstsz;
		const char	*want;
	} t[] = {
		{ "张三", 6, "张" },		/* 6 bytes, room for 5 */
		{ "张三", 5, "张" },
		{ "张三", 4, "张" },
		{ "张三", 3, "" },		/* a cut 张 is dropped */
		{ "ab张", 4, "ab" },
		{ "ab张", 5, "ab" },
		{ "abcdef", 4, "abc" },
		{ "\xf0\x9f\x98\x80x", 4, "" },	/* 4-byte character */
		{ "a\xf0\x9f\x98\x80", 5, "a" },
		{ "a\xf0\x9f\x98\x80", 6, "a\xf0\x9f\x98\x80" },
		{ "x", 1, "" },
	};
	char	 buf[16];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(buf, 'Z', sizeof(buf));
		text_copy(buf, t[i].dstsz, t[i].src);
		ck_assert_msg(strcmp(buf, t[i].want) == 0,
		    "%zu: got '%s', want '%s'", i, buf, t[i].want);
	}
}
END_TEST

START_TEST(bad_text_copy_zero_size)
{
	char	 buf[4] = "abc";

	ck_assert_ptr_eq(text_copy(buf, 0, "xyz"), buf);
	ck_assert_str_eq(buf, "abc");
}
END_TEST

START_TEST(text_copy_overlaps)
{
	char	 buf[16] = "  ab";

	/* A copy of the tail of itself (memmove semantics). */
	text_copy(buf, sizeof(buf), buf + 2);
	ck_assert_str_eq(buf, "ab");
}
END_TEST

START_TEST(text_utf8_char_decodes)
{
	static const struct {
		const char	*s;
		size_t		 len;
		unsigned int	 cp;
	} t[] = {
		{ "a", 1, 'a' },
		{ "\x7f", 1, 0x7f },
		{ "\xc2\x80", 2, 0x80 },
		{ "张", 3, 0x5f20 },
		{ "\xe3\x80\x80", 3, 0x3000 },
		{ "\xed\x9f\xbf", 3, 0xd7ff },
		{ "\xef\xbf\xbf", 3, 0xffff },
		{ "\xf0\x9f\x98\x80", 4, 0x1f600 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
	};
	unsigned int	 cp;
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cp = 0;
		ck_assert_uint_eq(text_utf8_char(t[i].s, &cp), t[i].len);
		ck_assert_uint_eq(cp, t[i].cp);
	}
}
END_TEST

START_TEST(bad_text_utf8_char)
{
	static const char *const t[] = {
		"\x80",			/* continuation byte first */
		"\xc0\xaf",		/* overlong '/' */
		"\xc1\xbf",		/* overlong */
		"\xe0\x9f\xbf",		/* overlong 3-byte */
		"\xf0\x8f\xbf\xbf",	/* overlong 4-byte */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xed\xbf\xbf",		/* surrogate U+DFFF */
		"\xf4\x90\x80\x80",	/* past U+10FFFF */
		"\xf5\x80\x80\x80",
		"\xff",
		"\xe5\xbc",		/* cut short by the NUL */
		"\xe5\x41\x80",		/* not a continuation */
	};
	unsigned int	 cp;
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(text_utf8_char(t[i], &cp) == 0, "case %zu", i);
}
END_TEST

START_TEST(text_hex_encodes)
{
	static const unsigned char	 in[] = { 0x00, 0x0f, 0xa5, 0xff, 0x10 };
	char				 out[2 * sizeof(in) + 1];

	memset(out, 'Z', sizeof(out));
	text_hex(in, sizeof(in), out);
	ck_assert_str_eq(out, "000fa5ff10");
	text_hex(in, 0, out);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(text_hex_digits)
{
	ck_assert_int_eq(text_hexval('0'), 0);
	ck_assert_int_eq(text_hexval('9'), 9);
	ck_assert_int_eq(text_hexval('a'), 10);
	ck_assert_int_eq(text_hexval('F'), 15);
	ck_assert_int_eq(text_hexval('g'), -1);
	ck_assert_int_eq(text_hexval('/'), -1);
	ck_assert_int_eq(text_hexval(-1), -1);
	ck_assert_int_eq(text_hexval(0xe5), -1);
	ck_assert_int_eq(text_is_hex("00ff", 4), 1);
	ck_assert_int_eq(text_is_hex("", 0), 1);
}
END_TEST

START_TEST(text_unhex_decodes)
{
	unsigned char	 out[4];

	ck_assert_int_eq(text_unhex("00a5ff10", out, 4), 0);
	ck_assert_uint_eq(out[0], 0x00);
	ck_assert_uint_eq(out[1], 0xa5);
	ck_assert_uint_eq(out[2], 0xff);
	ck_assert_uint_eq(out[3], 0x10);
	/* Only the 2n digits are read: what follows is the caller's. */
	ck_assert_int_eq(text_unhex("0f$rest", out, 1), 0);
	ck_assert_uint_eq(out[0], 0x0f);
}
END_TEST

START_TEST(bad_text_unhex)
{
	unsigned char	 out[4];

	ck_assert_int_eq(text_unhex("00A5", out, 2), -1);	/* upper */
	ck_assert_int_eq(text_unhex("00a", out, 2), -1);	/* short */
	ck_assert_int_eq(text_unhex("0", out, 1), -1);
	ck_assert_int_eq(text_unhex("0g", out, 1), -1);
	ck_assert_int_eq(text_unhex("", out, 1), -1);
}
END_TEST

START_TEST(bad_text_is_hex)
{
	ck_assert_int_eq(text_is_hex("00FF", 4), 0);	/* upper case */
	ck_assert_int_eq(text_is_hex("00ff0", 4), 0);	/* too long */
	ck_assert_int_eq(text_is_hex("00f", 4), 0);	/* too short */
	ck_assert_int_eq(text_is_hex("00fg", 4), 0);
	ck_assert_int_eq(text_is_hex(" 0ff", 4), 0);
}
END_TEST

START_TEST(text_space_kinds)
{
	static const struct {
		const char	*s;
		size_t		 len;
	} t[] = {
		{ " ", 1 }, { "\t", 1 }, { "\n", 1 }, { "\r", 1 },
		{ "\v", 1 }, { "\f", 1 },
		{ "\xc2\xa0", 2 },		/* NBSP */
		{ "\xc2\x85", 2 },		/* NEL */
		{ "\xe1\x9a\x80", 3 },		/* U+1680 */
		{ "\xe2\x80\x80", 3 },		/* U+2000 */
		{ "\xe2\x80\x8b", 3 },		/* U+200B zero width */
		{ "\xe2\x80\xa8", 3 },		/* U+2028 */
		{ "\xe2\x80\xaf", 3 },		/* U+202F */
		{ "\xe2\x81\x9f", 3 },		/* U+205F */
		{ "\xe2\x81\xa0", 3 },		/* U+2060 */
		{ "\xe3\x80\x80", 3 },		/* U+3000 */
		{ "\xef\xbb\xbf", 3 },		/* BOM */
		{ "a", 0 }, { "", 0 }, { "张", 0 },
		{ "\xe3\x80", 0 },		/* cut short */
		{ "\xe3\x80\x81", 0 },		/* U+3001 、 */
		{ "\xe2\x80\x8c", 0 },		/* U+200C */
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(text_space(t[i].s) == t[i].len, "case %zu", i);
}
END_TEST

START_TEST(text_trim_ends)
{
	static const struct {
		const char	*s;
		const char	*want;
	} t[] = {
		{ "", "" },
		{ "   ", "" },
		{ "\xe3\x80\x80", "" },
		{ "张三", "张三" },
		{ "  张 三\t\r\n", "张 三" },
		{ "\xe3\x80\x80张三\xe3\x80\x80", "张三" },
		{ "\xc2\xa0" "a\xe3\x80\x80" "b\xef\xbb\xbf", "a\xe3\x80\x80" "b" },
		{ "\xe2\x80\x8b" "x\xe2\x80\x8b", "x" },
	};
	char	 buf[64];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", t[i].s);
		ck_assert_ptr_eq(text_trim(buf), buf);
		ck_assert_msg(strcmp(buf, t[i].want) == 0,
		    "%zu: got '%s', want '%s'", i, buf, t[i].want);
	}
}
END_TEST

START_TEST(text_strip_span)
{
	const char	*s = "\xe3\x80\x80 ab c \t";
	const char	*p;
	size_t		 n = 99;

	p = text_strip(s, &n);
	ck_assert_ptr_eq(p, s + 4);
	ck_assert_uint_eq(n, 4);
	p = text_strip(NULL, &n);
	ck_assert_str_eq(p, "");
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(text_copy_trim_cuts)
{
	char	 buf[8];

	ck_assert_str_eq(text_copy_trim(buf, sizeof(buf), "  张三  "), "张三");
	ck_assert_str_eq(text_copy_trim(buf, sizeof(buf), NULL), "");
	/* The room counts after the leading space is gone. */
	ck_assert_str_eq(text_copy_trim(buf, sizeof(buf),
	    "\xe3\x80\x80\xe3\x80\x80" "abcdefg"), "abcdefg");
	/* A cut leaves no white space at the end, nor half a character. */
	ck_assert_str_eq(text_copy_trim(buf, sizeof(buf), "abcd    xyz"),
	    "abcd");
	ck_assert_str_eq(text_copy_trim(buf, sizeof(buf), "ab张三"), "ab张");
	ck_assert_ptr_eq(text_copy_trim(buf, 0, "x"), buf);
	ck_assert_str_eq(buf, "ab张");
}
END_TEST

START_TEST(text_mask_idno_keeps_ends)
{
	char	 id[] = "42010219900307123X", old[] = "420102900307123";
	char	 shrt[] = "1234567890", span[] = "ab42010219900307123Xcd";

	text_mask_idno(id, strlen(id));
	ck_assert_str_eq(id, "420102********123X");
	text_mask_idno(old, strlen(old));
	ck_assert_str_eq(old, "420102*****7123");
	/* Shorter than 11: nothing kept. */
	text_mask_idno(shrt, strlen(shrt));
	ck_assert_str_eq(shrt, "**********");
	/* Only the span given is touched. */
	text_mask_idno(span + 2, 18);
	ck_assert_str_eq(span, "ab420102********123Xcd");
	text_mask_idno(span, 0);
	ck_assert_str_eq(span, "ab420102********123Xcd");
}
END_TEST

static Suite *
text_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("text");
	tc = tcase_create("text_copy");
	tcase_add_test(tc, text_copy_fits);
	tcase_add_test(tc, text_copy_cuts_at_boundary);
	tcase_add_test(tc, bad_text_copy_zero_size);
	tcase_add_test(tc, text_copy_overlaps);
	suite_add_tcase(s, tc);
	tc = tcase_create("text_utf8");
	tcase_add_test(tc, text_utf8_char_decodes);
	tcase_add_test(tc, bad_text_utf8_char);
	suite_add_tcase(s, tc);
	tc = tcase_create("text_hex");
	tcase_add_test(tc, text_hex_encodes);
	tcase_add_test(tc, text_hex_digits);
	tcase_add_test(tc, bad_text_is_hex);
	tcase_add_test(tc, text_unhex_decodes);
	tcase_add_test(tc, bad_text_unhex);
	suite_add_tcase(s, tc);
	tc = tcase_create("text_trim");
	tcase_add_test(tc, text_space_kinds);
	tcase_add_test(tc, text_trim_ends);
	tcase_add_test(tc, text_strip_span);
	tcase_add_test(tc, text_copy_trim_cuts);
	suite_add_tcase(s, tc);
	tc = tcase_create("text_mask");
	tcase_add_test(tc, text_mask_idno_keeps_ends);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(text_suite)
