/*
 * text.h: small string helpers every module shares: a copy cut at a
 * UTF-8 character boundary, one UTF-8 decoder, hex digits, white space (ASCII and the
 * Unicode spaces a Chinese input method or a copied PDF brings, U+3000
 * among them), and the one way an ID number is shown masked.
 */
#ifndef HALL_TEXT_H
#define HALL_TEXT_H

#include <stddef.h>

/* Copies src (NULL: "") into dst[dstsz], cut at a UTF-8 character
 * boundary when it does not fit; dst is always NUL-terminated when
 * dstsz > 0 (and untouched when 0).  src and dst may overlap.  Returns
 * dst. */
char		*text_copy(char *dst, size_t dstsz, const char *src);

/* Decodes the UTF-8 character at s (RFC 3629: no overlong forms, no
 * surrogates, at most U+10FFFF) into *cp.  Returns its length in
 * bytes, or 0 when it is not one (also when the NUL cuts it short). */
size_t		 text_utf8_char(const char *s, unsigned int *cp);

/* Writes the lower-case hex of in[0..n) into out, which holds 2n + 1
 * bytes (NUL-terminated). */
void		 text_hex(const void *in, size_t n, char *out);

/* The value of hex digit c (either case), or -1. */
int		 text_hexval(int c);

/* Decodes the 2n lower-case hex digits at s into out[n].  Returns 0,
 * or -1 at the first character that is not one (the NUL included). */
int		 text_unhex(const char *s, unsigned char *out, size_t n);

/* Whether s is exactly n lower-case hex digits and then its end.
 * Returns 1 or 0. */
int		 text_is_hex(const char *s, size_t n);

/* Bytes of the white-space character at p (ASCII white space, NBSP,
 * NEL, U+1680, the U+2000 spaces, the line and paragraph separators,
 * U+202F, U+205F, U+2060, U+3000 ideographic space, zero-width space
 * and the BOM), or 0 when p is not one.  p is NUL-terminated. */
size_t		 text_space(const char *p);

/* The part of s (NULL: "") without the white space (text_space) at
 * either end: returns where it starts, within s, and its length in
 * *len. */
const char	*text_strip(const char *s, size_t *len);

/* Removes the white space at both ends of s in place.  Returns s. */
char		*text_trim(char *s);

/* Copies src (NULL: "") without the white space at either end into
 * dst[dstsz] as text_copy() does (a cut leaves no white space at the
 * end either).  Returns dst. */
char		*text_copy_trim(char *dst, size_t dstsz, const char *src);

/* Masks the ID number (身份证号) at s[0..n) in place as the hall shows
 * one to whoever need not see it whole (the public verification page,
 * every log line): the first 6 and the last 4 characters kept, those
 * between replaced with '*' (420102********1234); shorter than 11,
 * masked whole. */
void		 text_mask_idno(char *s, size_t n);

#endif
