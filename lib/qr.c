/*
 * qr.c: a receipt's QR code; see qr.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qr.h"

/* Encodes text; see qr.h.  Returns 0 or -1. */
int
qr_encode(const char *text, struct qr *out)
{
	QRcode	*c;
	size_t	 i, n;

	out->size = 0;
	out->dark = NULL;
	if (text == NULL || *text == '\0')
		return -1;
	c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (c == NULL)
		return -1;
	n = (size_t)c->width * (size_t)c->width;
	if ((out->dark = malloc(n)) == NULL) {
		QRcode_free(c);
		return -1;
	}
	for (i = 0; i < n; i++)
		out->dark[i] = c->data[i] & 1;
	out->size = c->width;
	QRcode_free(c);
	return 0;
}

/* Frees what q owns. */
void
qr_free(struct qr *q)
{
	free(q->dark);
	q->dark = NULL;
	q->size = 0;
}

/* The SVG path of q; see qr.h.  Returns 0 or -1. */
int
qr_svg_path(const struct qr *q, char *buf, size_t bufsz)
{
	size_t	 len = 0;
	int	 x, y, run, n;

	if (bufsz == 0)
		return -1;
	buf[0] = '\0';
	for (y = 0; y < q->size; y++)
		for (x = 0; x < q->size; x += run > 0 ? run : 1) {
			for (run = 0; x + run < q->size &&
			    q->dark[y * q->size + x + run]; run++)
				;
			if (run == 0)
				continue;
			n = snprintf(buf + len, bufsz - len, "M%d %dh%dv1h-%dz",
			    x, y, run, run);
			if (n < 0 || (size_t)n >= bufsz - len)
				return -1;
			len += (size_t)n;
		}
	return 0;
}
