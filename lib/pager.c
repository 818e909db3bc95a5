/*
 * pager.c: one page of a long list; see pager.h.
 */
#include <stdio.h>
#include <string.h>

#include "hall.h"
#include "pager.h"

/* See pager.h. */
void
pager_query(struct hall_ctx *c, const char *name, char q[PAGER_QMAX])
{
	const char	*s = req_get(c->r, name);
	size_t		 n;
	char		*p;

	q[0] = '\0';
	if (s == NULL)
		return;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= PAGER_QMAX)
		return;
	memcpy(q, s, n);
	q[n] = '\0';
	if (valid_text(q, PAGER_QMAX - 1) != VALID_OK) {
		q[0] = '\0';
		return;
	}
	/* 身份证号 are stored with an upper-case check character. */
	if (strspn(q, "0123456789xX") == n)
		for (p = q; *p != '\0'; p++)
			if (*p == 'x')
				*p = 'X';
}

/* See pager.h. */
void
pager_prefix_end(const char *q, char hi[PAGER_QMAX + 4])
{
	snprintf(hi, PAGER_QMAX + 4, "%s\xf4\x8f\xbf\xbf", q);
}

/* See pager.h. */
void
pager_set(struct hall_ctx *c, struct pager *pg, int64_t total, int size)
{
	const char	*s = req_get(c->r, "page");
	int64_t		 want = 1;

	memset(pg, 0, sizeof(*pg));
	pg->size = size > 0 ? size : PAGER_SIZE;
	pg->total = total > 0 ? total : 0;
	pg->pages = pg->total == 0 ? 1 : (pg->total + pg->size - 1) / pg->size;
	if (s != NULL && *s != '\0') {
		if (strspn(s, "0123456789") != strlen(s))
			want = 1;		/* -1, abc: the first page */
		else if (strlen(s) > 9)
			want = pg->pages;	/* huge: the last page */
		else
			want = page_id_param(c, "page");
	}
	if (want < 1)
		want = 1;
	if (want > pg->pages)
		want = pg->pages;
	pg->page = want;
	pg->offset = (want - 1) * pg->size;
}

/* Appends to dst[dstsz] the bytes of s, percent-encoded except the
 * unreserved characters of RFC 3986. */
static void
pager_encode(char *dst, size_t dstsz, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 n = strlen(dst);
	unsigned char		 ch;

	for (; *s != '\0' && n + 4 < dstsz; s++) {
		ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch) != NULL)
			dst[n++] = (char)ch;
		else {
			dst[n++] = '%';
			dst[n++] = hex[ch >> 4];
			dst[n++] = hex[ch & 15];
		}
	}
	dst[n] = '\0';
}

/* Appends s to dst[dstsz], truncating. */
static void
pager_append(char *dst, size_t dstsz, const char *s)
{
	size_t	 n = strlen(dst);

	snprintf(dst + n, dstsz - n, "%s", s);
}

/* See pager.h. */
xmlNodePtr
pager_xml(struct hall_ctx *c, xmlNodePtr parent, const struct pager *pg,
    const char *path, const char *qname, const char *q)
{
	xmlNodePtr	 n;
	char		 base[512];

	snprintf(base, sizeof(base), "%s?", path);
	if (q != NULL && *q != '\0') {
		pager_encode(base, sizeof(base), qname);
		pager_append(base, sizeof(base), "=");
		pager_encode(base, sizeof(base), q);
		pager_append(base, sizeof(base), "&");
	}
	if ((n = page_add(c, parent, "pager", NULL)) == NULL)
		return NULL;
	page_attr_int(n, "total", pg->total);
	page_attr_int(n, "page", pg->page);
	page_attr_int(n, "pages", pg->pages);
	page_attr_int(n, "size", pg->size);
	page_attr(n, "base", base);
	if (q != NULL)
		page_attr(n, "q", q);
	return n;
}
