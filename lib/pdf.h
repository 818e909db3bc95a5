/*
 * pdf.h: receipts as A4 PDF files (issue 14), drawn with cairo from the
 * receipt's page (the <page> document cgi-bin/print.c builds for the
 * HTML print page), so any receipt kind a business declares is a PDF
 * without code of its own.  One generic layout: the issuing authority,
 * the title, 业务顺序号 and 回执编号, the unit's and the business's facts
 * (describe()) in a ruled table, the persons (rows()) in a second table
 * continued over as many pages as it needs, then the 验证码, the QR
 * code (vector rectangles) and the issuing authority with the office's
 * seal over its name.
 *
 * The text is set in one TrueType font embedded as a subset (only the
 * glyphs used): HALL_PDF_FONT, a .ttf or .ttc file (first face),
 * default /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc (Debian
 * fonts-wqy-zenhei).  The seal is the PNG HALL_SEAL_PNG names (a red
 * seal on a transparent background, drawn 40 mm wide); unset or
 * unreadable, the receipt has none.  The file's dates are the receipt's
 * issue date and nothing in it depends on the time or the process:
 * the same receipt is the same bytes.  No links, no external fonts or
 * images.
 */
#ifndef HALL_PDF_H
#define HALL_PDF_H

#include <stddef.h>

#include <libxml/tree.h>

/* Draws the receipt page (root <page title=> with <receipt kind= no=
 * code= issued= [voided= void-reason= on-submit=]>, <unit name= uscc=
 * sb-code=>, <business name= seq= summary= submitted= decided=
 * reviewer=>, <detail><field label=>, <persons><person name= idno=>
 * <fact label=>, <verify url=>, <issuer name=>) as a PDF with the QR
 * code of qr_text (NULL: none) into *out (malloc'd, the caller frees)
 * of *outsz bytes.  Returns 0, or -1 when the font cannot be loaded or
 * on error (nothing in *out then). */
int		 pdf_receipt(xmlNodePtr page, const char *qr_text,
		    unsigned char **out, size_t *outsz);

/* Writes a demo seal to the PNG file path: a red ring with org along
 * its top, a star, and 演示 across it, so that nobody mistakes a
 * printout of a test or a demo for a real one.  Returns 0 or -1. */
int		 pdf_demo_seal(const char *path, const char *org);

#endif
