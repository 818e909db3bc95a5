/*
 * rsign.c: the text of a receipt's QR code; see rsign.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "receipt.h"
#include "rsign.h"

/* The verification page's address; see rsign.h. */
void
receipt_verify_url(char *buf, size_t bufsz)
{
	const char	*base = getenv("HALL_PUBLIC_URL");
	size_t		 n;

	if (base == NULL || (strncmp(base, "https://", 8) != 0 &&
	    strncmp(base, "http://", 7) != 0) || strlen(base) > 200 ||
	    strpbrk(base, " \"'<>\\\r\n") != NULL)
		base = "";
	n = strlen(base);
	if (n > 0 && base[n - 1] == '/')
		n--;
	snprintf(buf, bufsz, "%.*s/verify", (int)n, base);
}

/* The QR code's text; see rsign.h.  Not yet signed: the address with
 * the number and code only. */
int
rsign_qr_text(struct store *s, const struct receipt *r, char *buf,
    size_t bufsz)
{
	char	 url[256];
	int	 n;

	(void)s;
	receipt_verify_url(url, sizeof(url));
	n = snprintf(buf, bufsz, "%s?no=%s&code=%s", url, r->no, r->code);
	return n < 0 || (size_t)n >= bufsz ? -1 : 0;
}
