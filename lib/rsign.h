/*
 * rsign.h: what a receipt's QR code carries (issue 14).  The public
 * verification address with the receipt's number and code, and the
 * office's signature of the receipt's facts, so that a receipt can be
 * checked offline with the office's public certificate alone.
 *
 * The signature (ECDSA P-256 over a canonical text of the receipt's
 * facts) is rsign.c's; the PDF and print pages only ask for the text.
 */
#ifndef HALL_RSIGN_H
#define HALL_RSIGN_H

#include <stddef.h>

struct store;
struct receipt;

/* The public verification page's address into buf[bufsz]:
 * HALL_PUBLIC_URL (http:// or https://, no quotes, spaces or angle
 * brackets, at most 200 bytes; otherwise ignored) followed by
 * "/verify", or "/verify" alone.  Always NUL-terminates. */
void		 receipt_verify_url(char *buf, size_t bufsz);

/* The text of receipt r's QR code into buf[bufsz]: the verification
 * address with ?no=…&code=… and, when the office's signing key is
 * configured, &sig=… (the signature of the receipt's facts).  Returns
 * 0, or -1 when it does not fit or on error. */
int		 rsign_qr_text(struct store *s, const struct receipt *r,
		    char *buf, size_t bufsz);

#endif
