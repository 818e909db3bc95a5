/*
 * text.c: the string helpers of text.h, once for the whole library: a
 * copy cut at a UTF-8 character boundary, UTF-8 decoding, hex, white
 * space.
 */
#include <stddef.h>
#include <string.h>

#include "text.h"

/* Copies the n bytes at src into dst[dstsz], cut at a UTF-8 character
 * boundary when they do not fit, NUL-terminated.  Returns dst. */
static char *
text_ncopy(char *dst, size_t dstsz, const char *src, size_t n)
{
	if (dstsz == 0)
		return dst;
	if (n >= dstsz) {
		n = dstsz - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memmove(dst, src, n);
	dst[n] = '\0';
	return dst;
}

/* See text.h. */
char *
text_copy(char *dst, size_t dstsz, const char *src)
{
	if (src == NULL)
		src = "";
	return text_ncopy(dst, dstsz, src, strlen(src));
}

/* See text.h. */
size_t
text_utf8_char(const char *s, unsigned int *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, i;
	unsigned int		 c, min;

	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;	/* also stops at the NUL */
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* See text.h. */
void
text_hex(const void *in, size_t n, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	const unsigned char	*p = in;
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

/* See text.h. */
int
text_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The value of lower-case hex digit c, or -1. */
static int
text_lowerhex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* See text.h. */
int
text_unhex(const char *s, unsigned char *out, size_t n)
{
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if ((hi = text_lowerhex(s[2 * i])) < 0 ||
		    (lo = text_lowerhex(s[2 * i + 1])) < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* See text.h. */
int
text_is_hex(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (text_lowerhex(s[i]) < 0)
			return 0;
	return s[n] == '\0';
}

/* See text.h.  Each test reads a byte only when the ones before it
 * matched, so it never reads past the NUL. */
size_t
text_space(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (p[0] == 0xc2 && (p[1] == 0xa0 || p[1] == 0x85))
		return 2;
	if (p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80)	/* U+1680 */
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8b) || p[2] == 0xa8 ||
	    p[2] == 0xa9 || p[2] == 0xaf))
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x81 && (p[2] == 0x9f || p[2] == 0xa0))
		return 3;
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)	/* U+3000 */
		return 3;
	if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)	/* U+FEFF */
		return 3;
	return 0;
}

/* See text.h. */
const char *
text_strip(const char *s, size_t *len)
{
	size_t	 n, sp, end;

	if (s == NULL)
		s = "";
	while ((n = text_space(s)) > 0)
		s += n;
	for (n = end = 0; s[n] != '\0'; ) {
		if ((sp = text_space(s + n)) > 0)
			n += sp;
		else
			end = ++n;
	}
	*len = end;
	return s;
}

/* See text.h. */
char *
text_trim(char *s)
{
	const char	*p;
	size_t		 n;

	p = text_strip(s, &n);
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

/* See text.h. */
char *
text_copy_trim(char *dst, size_t dstsz, const char *src)
{
	const char	*p;
	size_t		 n;

	p = text_strip(src, &n);
	text_ncopy(dst, dstsz, p, n);
	if (dstsz > 0 && n >= dstsz)
		text_trim(dst);
	return dst;
}

/* See text.h. */
void
text_mask_idno(char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (n < 11 || (i >= 6 && i < n - 4))
			s[i] = '*';
}
