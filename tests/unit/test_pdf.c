/*
 * test_pdf.c: lib/pdf.c and lib/qr.c on a receipt page built here the
 * way cgi-bin/print.c builds it: the same page twice is the same
 * bytes; a long persons table continues over pages (one more page per
 * so many rows, counted here from the layout's constants); text that
 * is not UTF-8 is drawn, not refused; the seal is an image inside the
 * file and nothing points outside it; a receipt is drawn in well
 * under 100 ms; the QR code's SVG path covers exactly its dark
 * modules.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pdf.h"
#include "qr.h"
#include "../suites.h"

/* A receipt page of nper persons (names 人员N), with a field whose
 * value is text. */
static xmlDocPtr
page_doc(int nper, const char *text)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 p, n, d, ps, q;
	char		 buf[64];
	int		 i;

	p = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(doc, p);
	xmlNewProp(p, (const xmlChar *)"title", (const xmlChar *)"退工登记证明");
	xmlNewProp(p, (const xmlChar *)"org",
	    (const xmlChar *)"武汉市人力资源和社会保障局");
	n = xmlNewChild(p, NULL, (const xmlChar *)"receipt", NULL);
	xmlNewProp(n, (const xmlChar *)"no", (const xmlChar *)"TG2026112200000042");
	xmlNewProp(n, (const xmlChar *)"code", (const xmlChar *)"ABCD2345");
	xmlNewProp(n, (const xmlChar *)"issued", (const xmlChar *)"2026-11-22");
	n = xmlNewChild(p, NULL, (const xmlChar *)"unit", NULL);
	xmlNewProp(n, (const xmlChar *)"name", (const xmlChar *)"武汉市示例科技有限公司");
	xmlNewProp(n, (const xmlChar *)"uscc", (const xmlChar *)"91420100MA4KXXXX1X");
	xmlNewProp(n, (const xmlChar *)"sb-code", (const xmlChar *)"42010012345");
	n = xmlNewChild(p, NULL, (const xmlChar *)"business", NULL);
	xmlNewProp(n, (const xmlChar *)"name", (const xmlChar *)"退工登记");
	xmlNewProp(n, (const xmlChar *)"seq", (const xmlChar *)"2026112200000042");
	xmlNewProp(n, (const xmlChar *)"submitted", (const xmlChar *)"2026-11-21 10:00:00");
	xmlNewProp(n, (const xmlChar *)"decided", (const xmlChar *)"2026-11-22 09:00:00");
	xmlNewProp(n, (const xmlChar *)"reviewer", (const xmlChar *)"系统自动审核");
	ps = xmlNewChild(p, NULL, (const xmlChar *)"persons", NULL);
	for (i = 1; i <= nper; i++) {
		q = xmlNewChild(ps, NULL, (const xmlChar *)"person", NULL);
		snprintf(buf, sizeof(buf), "人员%d", i);
		xmlNewProp(q, (const xmlChar *)"name", (const xmlChar *)buf);
		xmlNewProp(q, (const xmlChar *)"idno",
		    (const xmlChar *)"420102198001011234");
		xmlNewProp(xmlNewChild(q, NULL, (const xmlChar *)"fact",
		    (const xmlChar *)"2026-11-20"), (const xmlChar *)"label",
		    (const xmlChar *)"退工日期");
	}
	d = xmlNewChild(p, NULL, (const xmlChar *)"detail", NULL);
	xmlNewProp(xmlNewChild(d, NULL, (const xmlChar *)"field",
	    (const xmlChar *)"劳动合同期满"), (const xmlChar *)"label",
	    (const xmlChar *)"退工原因");
	n = xmlNewTextChild(d, NULL, (const xmlChar *)"field",
	    (const xmlChar *)"x");
	xmlNodeSetContentLen(n, (const xmlChar *)text, (int)strlen(text));
	xmlNewProp(n, (const xmlChar *)"label", (const xmlChar *)"备注");
	n = xmlNewChild(p, NULL, (const xmlChar *)"verify", NULL);
	xmlNewProp(n, (const xmlChar *)"url",
	    (const xmlChar *)"https://hall.example.cn/verify");
	n = xmlNewChild(p, NULL, (const xmlChar *)"issuer", NULL);
	xmlNewProp(n, (const xmlChar *)"name",
	    (const xmlChar *)"武汉市公共就业服务机构(退工登记专用章)");
	return doc;
}

/* The number of times needle occurs in the len bytes at hay. */
static int
count_of(const unsigned char *hay, size_t len, const char *needle)
{
	size_t	 n = strlen(needle), i;
	int	 c = 0;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			c++;
	return c;
}

#define QR_TEXT	"https://hall.example.cn/verify?no=TG2026112200000042&code=ABCD2345"

/* The same page twice: the same bytes, a PDF of one page, its dates
 * the issue date; and in well under 100 ms. */
START_TEST(pdf_same_bytes_fast)
{
	xmlDocPtr	 doc = page_doc(3, "无");
	unsigned char	*a, *b;
	size_t		 na, nb;
	struct timespec	 t0, t1;
	double		 ms;
	int		 i;

	ck_assert_int_eq(pdf_receipt(xmlDocGetRootElement(doc), QR_TEXT, &a,
	    &na), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(pdf_receipt(xmlDocGetRootElement(doc), QR_TEXT,
		    &b, &nb), 0);
		ck_assert_uint_eq(na, nb);
		ck_assert(memcmp(a, b, na) == 0);
		free(b);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = ((t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) /
	    1e6) / 10;
	fprintf(stderr, "pdf: a receipt of 3 persons: %zu bytes, %.2f ms\n",
	    na, ms);
	ck_assert_msg(ms < 100, "%.1f ms a receipt", ms);
	ck_assert(memcmp(a, "%PDF-1.5", 8) == 0);
	ck_assert_int_eq(count_of(a, na, "/Type /Page\n") +
	    count_of(a, na, "/Type /Page "), 1);
	/* CreationDate and ModDate: the issue date (cairo 1.16 writes them
	 * without the D: prefix). */
	ck_assert_int_eq(count_of(a, na, "20261122000000+08'00)"), 2);
	ck_assert_int_eq(count_of(a, na, "/URI"), 0);
	ck_assert_int_eq(count_of(a, na, "/Launch"), 0);
	ck_assert_int_eq(count_of(a, na, "/GoToR"), 0);
	free(a);
	xmlFreeDoc(doc);
}
END_TEST

/* 200 persons: rows of 10 pt text, 1.35 line height and 4 pt padding
 * are 21.5 pt; an A4 page of 56 pt margins holds under 34 of them, so
 * the table needs at least 6 pages and the foot may need one more. */
START_TEST(pdf_long_table_pages)
{
	xmlDocPtr	 doc = page_doc(200, "无");
	unsigned char	*a;
	size_t		 na;
	int		 pages;

	ck_assert_int_eq(pdf_receipt(xmlDocGetRootElement(doc), QR_TEXT, &a,
	    &na), 0);
	pages = count_of(a, na, "/Type /Page\n") + count_of(a, na,
	    "/Type /Page ");
	if (getenv("PDF_DUMP") != NULL) {	/* to look at it */
		FILE *f = fopen(getenv("PDF_DUMP"), "wb");

		if (f != NULL) {
			fwrite(a, 1, na, f);
			fclose(f);
		}
	}
	ck_assert_msg(pages >= 6 && pages <= 8, "%d pages", pages);
	free(a);
	xmlFreeDoc(doc);
}
END_TEST

/* Bytes that are not UTF-8 and control characters are drawn as '?' and
 * spaces: the receipt is made all the same. */
START_TEST(pdf_bad_text_drawn)
{
	xmlDocPtr	 doc = page_doc(1, "ok");
	xmlNodePtr	 f;
	unsigned char	*a;
	size_t		 na;

	f = xmlDocGetRootElement(doc)->children;
	while (f != NULL && strcmp((const char *)f->name, "detail") != 0)
		f = f->next;
	ck_assert_ptr_nonnull(f);
	/* Written raw: libxml2 would not make such text itself. */
	xmlFree(f->children->next->children->content);
	f->children->next->children->content = xmlStrdup((const xmlChar *)
	    "a\xff\xc3(\x01\t\xe4\xb8\xad" "long text 很长的说明文字很长的说明"
	    "文字很长的说明文字很长的说明文字很长的说明文字很长的说明文字很长");
	ck_assert_int_eq(pdf_receipt(xmlDocGetRootElement(doc), NULL, &a,
	    &na), 0);
	ck_assert(na > 1000);
	free(a);
	xmlFreeDoc(doc);
}
END_TEST

/* The demo seal is a PNG; with HALL_SEAL_PNG naming it the receipt
 * holds one image more than without. */
START_TEST(pdf_seal_embedded)
{
	xmlDocPtr	 doc = page_doc(1, "无");
	char		 path[] = "/tmp/hall-seal-XXXXXX";
	unsigned char	*a, head[8];
	size_t		 na;
	int		 fd, with, without;
	FILE		*f;

	ck_assert_int_ge(fd = mkstemp(path), 0);
	close(fd);
	ck_assert_int_eq(pdf_demo_seal(path, "武汉市人力资源和社会保障局"), 0);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	ck_assert_uint_eq(fread(head, 1, 8, f), 8);
	fclose(f);
	ck_assert(memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0);
	unsetenv("HALL_SEAL_PNG");
	ck_assert_int_eq(pdf_receipt(xmlDocGetRootElement(doc), QR_TEXT, &a,
	    &na), 0);
	without = count_of(a, na, "/Subtype /Image");
	free(a);
	setenv("HALL_SEAL_PNG", path, 1);
	ck_assert_int_eq(pdf_receipt(xmlDocGetRootElement(doc), QR_TEXT, &a,
	    &na), 0);
	with = count_of(a, na, "/Subtype /Image");
	if (getenv("PDF_DUMP_SEAL") != NULL) {	/* to look at it */
		FILE *o = fopen(getenv("PDF_DUMP_SEAL"), "wb");

		if (o != NULL) {
			fwrite(a, 1, na, o);
			fclose(o);
		}
	}
	unsetenv("HALL_SEAL_PNG");
	ck_assert_int_eq(without, 0);
	ck_assert_int_ge(with, 1);
	free(a);
	unlink(path);
	xmlFreeDoc(doc);
}
END_TEST

/* The SVG path has one run per maximal horizontal run of dark modules
 * and covers each dark module once: summed run lengths equal the dark
 * count, and the three finder patterns' corners are dark. */
START_TEST(qr_svg_covers_dark)
{
	struct qr	 q;
	char		*d;
	const char	*p;
	long		 dark = 0, covered = 0;
	int		 i, x, y, run;

	ck_assert_int_eq(qr_encode(QR_TEXT, &q), 0);
	ck_assert_int_ge(q.size, 21);
	ck_assert_int_eq((q.size - 17) % 4, 0);
	ck_assert(q.dark[0] && q.dark[q.size - 1] &&
	    q.dark[(q.size - 1) * q.size]);
	for (i = 0; i < q.size * q.size; i++)
		dark += q.dark[i] != 0;
	ck_assert_ptr_nonnull(d = malloc(200000));
	ck_assert_int_eq(qr_svg_path(&q, d, 200000), 0);
	for (p = d; (p = strchr(p, 'M')) != NULL; p++) {
		ck_assert_int_eq(sscanf(p, "M%d %dh%d", &x, &y, &run), 3);
		ck_assert(x >= 0 && y >= 0 && x + run <= q.size);
		for (i = 0; i < run; i++)
			ck_assert(q.dark[y * q.size + x + i]);
		ck_assert(x == 0 || !q.dark[y * q.size + x - 1]);
		covered += run;
	}
	ck_assert_int_eq(covered, dark);
	ck_assert_int_eq(qr_svg_path(&q, d, 10), -1);
	free(d);
	qr_free(&q);
	ck_assert_int_eq(qr_encode("", &q), -1);
}
END_TEST

static Suite *
pdf_suite(void)
{
	Suite	*s = suite_create("pdf");
	TCase	*tc = tcase_create("pdf");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, pdf_same_bytes_fast);
	tcase_add_test(tc, pdf_long_table_pages);
	tcase_add_test(tc, pdf_bad_text_drawn);
	tcase_add_test(tc, pdf_seal_embedded);
	tcase_add_test(tc, qr_svg_covers_dark);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(pdf_suite)
