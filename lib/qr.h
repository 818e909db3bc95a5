/*
 * qr.h: a receipt's QR code (libqrencode), as the modules the PDF draws
 * as vector rectangles and as the path of the print page's inline SVG.
 */
#ifndef HALL_QR_H
#define HALL_QR_H

#include <stddef.h>

/* A QR code: size × size modules, dark[y * size + x] nonzero for a
 * dark module.  No quiet zone: whoever draws it leaves 4 modules
 * blank around it. */
struct qr {
	int		 size;
	unsigned char	*dark;		/* owned: qr_free() */
};

/* Encodes text (8-bit mode, error correction level M) into out.
 * Returns 0, or -1 when it does not fit a QR code or on error. */
int		 qr_encode(const char *text, struct qr *out);

/* Frees what q owns. */
void		 qr_free(struct qr *q);

/* The SVG path of q's dark modules (one "MxyhNv1h-Nz" per horizontal
 * run, in module units) into buf[bufsz].  Returns 0, or -1 when it
 * does not fit. */
int		 qr_svg_path(const struct qr *q, char *buf, size_t bufsz);

#endif
