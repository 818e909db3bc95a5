/*
 * pdf.c: receipts as A4 PDF files, drawn with cairo; see pdf.h.
 *
 * libharu 2.3.0 (libhpdf) was tried first: it embeds the whole
 * 823 KB of wqy-zenhei's tables for a dozen characters (a 507 KB file,
 * 160 ms) and writes a ToUnicode CMap poppler rejects; cairo's PDF
 * surface subsets the TrueType font to the glyphs used (a receipt is
 * some 30 KB, drawn in a few milliseconds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "log.h"
#include "pdf.h"
#include "qr.h"

#define PDF_FONT_DEFAULT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define PDF_W		595.276	/* A4 in points */
#define PDF_H		841.890
#define PDF_LEFT	50.0
#define PDF_RIGHT	(PDF_W - 50.0)
#define PDF_TOP		56.0
#define PDF_BOTTOM	(PDF_H - 56.0)
#define PDF_PAD		4.0	/* inside a table cell */
#define PDF_FS		10.0	/* body text size */
#define PDF_LABEL_W	96.0	/* label columns of the facts table */
#define PDF_QR_W	92.0	/* the QR code, quiet zone included */
#define PDF_SEAL_W	113.4	/* 40 mm */
#define PDF_COLS_MAX	16	/* columns of the persons table */
#define PDF_FACT_MIN	44.0	/* the narrowest a fact's column gets */
#define PDF_TEXT_MAX	2048	/* bytes of one cell's text */

/* The font, loaded once per process. */
static FT_Library		 pdf_ft;
static FT_Face			 pdf_face;
static cairo_font_face_t	*pdf_font;

/* The PDF being written: a growing buffer. */
struct pdf_buf {
	unsigned char	*p;
	size_t		 len, cap;
	int		 failed;
};

/* A receipt being laid out. */
struct lay {
	cairo_t		*cr;
	cairo_surface_t	*sf;
	double		 y;		/* where the next line goes */
	int		 pageno;
	const char	*no;		/* 回执编号, on every page's foot */
};

/* Loads the font (HALL_PDF_FONT or the default) once.  Returns 0 or
 * -1. */
static int
font_load(void)
{
	const char	*path = getenv("HALL_PDF_FONT");
	static int	 failed;

	if (pdf_font != NULL)
		return 0;
	if (failed)
		return -1;
	if (path == NULL || *path == '\0')
		path = PDF_FONT_DEFAULT;
	if (FT_Init_FreeType(&pdf_ft) != 0) {
		failed = 1;
		return -1;
	}
	if (FT_New_Face(pdf_ft, path, 0, &pdf_face) != 0) {
		log_err("pdf: cannot load the font %s", path);
		FT_Done_FreeType(pdf_ft);
		failed = 1;
		return -1;
	}
	pdf_font = cairo_ft_font_face_create_for_ft_face(pdf_face, 0);
	if (cairo_font_face_status(pdf_font) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(pdf_font);
		pdf_font = NULL;
		failed = 1;
		return -1;
	}
	return 0;
}

/* The value of attribute name of n, read in place, or "" when absent
 * (or n is NULL). */
static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	 a;

	if (n == NULL || (a = xmlHasProp(n, (const xmlChar *)name)) == NULL ||
	    a->children == NULL || a->children->content == NULL)
		return "";
	return (const char *)a->children->content;
}

/* The first element child of n named name, or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* The next element sibling of n named as n, or NULL. */
static xmlNodePtr
next_same(xmlNodePtr n)
{
	xmlNodePtr	 c;

	for (c = n->next; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, n->name))
			return c;
	return NULL;
}

/* The text content of n, read in place when it is one text node (else
 * "", the pages add fields that way). */
static const char *
content(xmlNodePtr n)
{
	if (n == NULL || n->children == NULL ||
	    n->children->type != XML_TEXT_NODE ||
	    n->children->content == NULL)
		return "";
	return (const char *)n->children->content;
}

/* The length of the UTF-8 sequence at s when it is a valid one of a
 * printable character, else 0. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t	 n, i;

	if (s[0] >= 0x20 && s[0] < 0x7f)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* Copies s into buf[PDF_TEXT_MAX] as valid UTF-8 without control
 * characters (a stray byte is '?', a tab or newline a space), so that
 * cairo never refuses a string. */
static void
clean(const char *s, char *buf)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = 0, n;

	while (*p != '\0' && len + 5 < PDF_TEXT_MAX) {
		if ((n = utf8_len(p)) == 0) {
			buf[len++] = *p < 0x20 ? ' ' : '?';
			p++;
			continue;
		}
		memcpy(buf + len, p, n);
		len += n;
		p += n;
	}
	buf[len] = '\0';
}

/* The width of s (clean UTF-8) at the current font size. */
static double
text_w(cairo_t *cr, const char *s)
{
	cairo_text_extents_t	 e;

	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

/* Draws s (clean UTF-8) with its baseline at (x, y). */
static void
show(cairo_t *cr, double x, double y, const char *s)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/* Breaks s (clean) into lines at most w wide, one character at a time
 * (Chinese has no spaces to break at); when draw, draws them from
 * (x, y) down, lh apart.  Returns the number of lines (at least 1). */
static int
wrap(cairo_t *cr, const char *s, double w, double x, double y, double lh,
    int draw)
{
	char		 line[PDF_TEXT_MAX];
	const char	*p = s;
	size_t		 len = 0, n;
	int		 lines = 0;

	if (text_w(cr, s) <= w) {	/* most cells: one line */
		if (draw && *s != '\0')
			show(cr, x, y, s);
		return 1;
	}
	line[0] = '\0';
	while (*p != '\0') {
		n = utf8_len((const unsigned char *)p);
		if (n == 0)
			n = 1;
		memcpy(line + len, p, n);
		line[len + n] = '\0';
		if (len > 0 && text_w(cr, line) > w) {
			line[len] = '\0';
			if (draw)
				show(cr, x, y + lines * lh, line);
			lines++;
			memcpy(line, p, n);
			len = 0;
			line[n] = '\0';
		}
		len += n;
		p += n;
	}
	if (draw && len > 0)
		show(cr, x, y + lines * lh, line);
	return lines + 1;
}

/* Sets the font size and black. */
static void
font(cairo_t *cr, double size)
{
	cairo_set_font_face(cr, pdf_font);
	cairo_set_font_size(cr, size);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

/* Draws s centred on the page at baseline y. */
static void
centred(cairo_t *cr, double y, const char *s)
{
	char	 buf[PDF_TEXT_MAX];

	clean(s, buf);
	show(cr, (PDF_W - text_w(cr, buf)) / 2, y, buf);
}

/* Draws the foot of the current page: the 回执编号 and the page's
 * number. */
static void
page_foot(struct lay *l)
{
	char	 buf[PDF_TEXT_MAX], raw[128];

	font(l->cr, 8);
	cairo_set_source_rgb(l->cr, 0.35, 0.35, 0.35);
	snprintf(raw, sizeof(raw), "回执编号 %s · 第 %d 页", l->no, l->pageno);
	clean(raw, buf);
	show(l->cr, (PDF_W - text_w(l->cr, buf)) / 2, PDF_H - 30, buf);
	font(l->cr, PDF_FS);
}

/* Ends the current page and starts the next. */
static void
new_page(struct lay *l)
{
	page_foot(l);
	cairo_show_page(l->cr);
	l->pageno++;
	l->y = PDF_TOP;
}

/* One row of a table: n cells of widths w from PDF_LEFT, texts t
 * (raw), shaded[i] for a label cell.  Starts a new page when it does
 * not fit (then calls head, when not NULL, to draw the table's head
 * again).  Returns the row's height. */
static double
table_row(struct lay *l, int n, const double *w, const char *const *t,
    const int *shaded, void (*head)(struct lay *, void *), void *arg)
{
	char	 buf[PDF_TEXT_MAX];
	double	 lh = PDF_FS * 1.35, h, x;
	int	 i, lines, most = 1;

	for (i = 0; i < n; i++) {
		clean(t[i], buf);
		lines = wrap(l->cr, buf, w[i] - 2 * PDF_PAD, 0, 0, lh, 0);
		if (lines > most)
			most = lines;
	}
	h = most * lh + 2 * PDF_PAD;
	if (l->y + h > PDF_BOTTOM) {
		new_page(l);
		if (head != NULL)
			head(l, arg);
	}
	for (i = 0, x = PDF_LEFT; i < n; x += w[i], i++) {
		if (shaded != NULL && shaded[i]) {
			cairo_set_source_rgb(l->cr, 0.93, 0.93, 0.93);
			cairo_rectangle(l->cr, x, l->y, w[i], h);
			cairo_fill(l->cr);
			cairo_set_source_rgb(l->cr, 0, 0, 0);
		}
		cairo_rectangle(l->cr, x, l->y, w[i], h);
		cairo_set_line_width(l->cr, 0.6);
		cairo_stroke(l->cr);
		clean(t[i], buf);
		wrap(l->cr, buf, w[i] - 2 * PDF_PAD, x + PDF_PAD,
		    l->y + PDF_PAD + PDF_FS, lh, 1);
	}
	l->y += h;
	return h;
}

/* A facts row: label and value over the whole width. */
static void
fact_wide(struct lay *l, const char *label, const char *value)
{
	double		 w[2] = { PDF_LABEL_W, PDF_RIGHT - PDF_LEFT - PDF_LABEL_W };
	const char	*t[2] = { label, value };
	int		 sh[2] = { 1, 0 };

	table_row(l, 2, w, t, sh, NULL, NULL);
}

/* A facts row of two label-value pairs. */
static void
fact_pair(struct lay *l, const char *l1, const char *v1, const char *l2,
    const char *v2)
{
	double		 vw = (PDF_RIGHT - PDF_LEFT) / 2 - PDF_LABEL_W;
	double		 w[4] = { PDF_LABEL_W, vw, PDF_LABEL_W, vw };
	const char	*t[4] = { l1, v1, l2, v2 };
	int		 sh[4] = { 1, 0, 1, 0 };

	table_row(l, 4, w, t, sh, NULL, NULL);
}

/* Whether value needs the whole width (it would wrap in a half). */
static int
fact_long(struct lay *l, const char *value)
{
	char	 buf[PDF_TEXT_MAX];

	clean(value, buf);
	return text_w(l->cr, buf) > (PDF_RIGHT - PDF_LEFT) / 2 - PDF_LABEL_W -
	    2 * PDF_PAD;
}

/* The head: authority, title, 业务顺序号 and 回执编号, the 作废 banner. */
static void
draw_head(struct lay *l, xmlNodePtr page)
{
	xmlNodePtr	 r = child(page, "receipt"), b = child(page, "business");
	const char	*org = attr(page, "org");
	char		 raw[PDF_TEXT_MAX], buf[PDF_TEXT_MAX];

	font(l->cr, 11);
	centred(l->cr, l->y + 11, *org != '\0' ? org : "XX市人力资源和社会保障局");
	font(l->cr, 20);
	centred(l->cr, l->y + 42, attr(page, "title"));
	cairo_set_line_width(l->cr, 1.2);
	cairo_move_to(l->cr, PDF_LEFT, l->y + 54);
	cairo_line_to(l->cr, PDF_RIGHT, l->y + 54);
	cairo_stroke(l->cr);
	font(l->cr, 9.5);
	snprintf(raw, sizeof(raw), "业务顺序号:%s", attr(b, "seq"));
	clean(raw, buf);
	show(l->cr, PDF_LEFT, l->y + 70, buf);
	snprintf(raw, sizeof(raw), "回执编号:%s", attr(r, "no"));
	clean(raw, buf);
	show(l->cr, PDF_RIGHT - text_w(l->cr, buf), l->y + 70, buf);
	l->y += 80;
	if (*attr(r, "voided") == '\0')
		return;
	snprintf(raw, sizeof(raw), "作废:%s(%s 起),本回执不再有效。",
	    attr(r, "void-reason"), attr(r, "voided"));
	clean(raw, buf);
	font(l->cr, 12);
	cairo_set_source_rgb(l->cr, 0.8, 0.05, 0.05);
	cairo_set_line_width(l->cr, 1.5);
	cairo_rectangle(l->cr, PDF_LEFT, l->y, PDF_RIGHT - PDF_LEFT, 24);
	cairo_stroke(l->cr);
	show(l->cr, PDF_LEFT + 8, l->y + 16, buf);
	font(l->cr, PDF_FS);
	l->y += 32;
}

/* The facts table: the unit, the business, describe()'s fields (two a
 * row, a long one alone), the dates and the reviewer. */
static void
draw_facts(struct lay *l, xmlNodePtr page)
{
	xmlNodePtr	 u = child(page, "unit"), b = child(page, "business");
	xmlNodePtr	 r = child(page, "receipt"), d = child(page, "detail");
	xmlNodePtr	 f, g;

	font(l->cr, PDF_FS);
	fact_wide(l, "单位名称", attr(u, "name"));
	fact_pair(l, "统一社会信用代码", attr(u, "uscc"), "单位社保编号",
	    attr(u, "sb-code"));
	fact_pair(l, "业务名称", attr(b, "name"), "业务顺序号", attr(b, "seq"));
	f = child(d, "field");
	if (f == NULL && *attr(b, "summary") != '\0')
		fact_wide(l, "业务摘要", attr(b, "summary"));
	while (f != NULL) {
		g = next_same(f);
		if (fact_long(l, content(f)) || g == NULL ||
		    fact_long(l, content(g))) {
			fact_wide(l, attr(f, "label"), content(f));
			f = g;
			continue;
		}
		fact_pair(l, attr(f, "label"), content(f), attr(g, "label"),
		    content(g));
		f = next_same(g);
	}
	if (strcmp(attr(r, "on-submit"), "1") == 0) {
		fact_wide(l, "申请时间", attr(b, "submitted"));
		return;
	}
	if (*attr(b, "decided") == '\0')	/* not a task's: a 名册 */
		return;
	fact_pair(l, "申请时间", attr(b, "submitted"), "审核时间",
	    attr(b, "decided"));
	fact_pair(l, "审核结果", "审核通过", "审核人", attr(b, "reviewer"));
}

/* The persons table's columns. */
struct cols {
	int		 n;
	double		 w[PDF_COLS_MAX];
	const char	*head[PDF_COLS_MAX];
};

/* Widens column i of c to fit s (raw) at the current font. */
static void
col_fit(struct lay *l, struct cols *c, int i, const char *s)
{
	char	 buf[PDF_TEXT_MAX];
	double	 w;

	clean(s, buf);
	w = text_w(l->cr, buf) + 2 * PDF_PAD + 1;
	if (w > c->w[i])
		c->w[i] = w;
}

/* Fills c from the persons: 序号, 姓名, 身份证号 and the first
 * person's facts, each as wide as its widest cell, then scaled to the
 * page's width: when too wide, the facts give way first (their cells
 * wrap), so that a name and an ID number stay on one line while each
 * fact keeps PDF_FACT_MIN. */
static void
cols_measure(struct lay *l, xmlNodePtr persons, struct cols *c)
{
	xmlNodePtr	 p = child(persons, "person"), f;
	double		 sum = 0, fixed, avail;
	char		 num[16];
	int		 i, k;

	c->n = 3;
	c->head[0] = "序号";
	c->head[1] = "姓名";
	c->head[2] = "身份证号";
	for (f = child(p, "fact"); f != NULL && c->n < PDF_COLS_MAX;
	    f = next_same(f))
		c->head[c->n++] = attr(f, "label");
	for (i = 0; i < c->n; i++) {
		c->w[i] = 0;
		col_fit(l, c, i, c->head[i]);
	}
	for (k = 1; p != NULL; p = next_same(p), k++) {
		snprintf(num, sizeof(num), "%d", k);
		col_fit(l, c, 0, num);
		col_fit(l, c, 1, attr(p, "name"));
		col_fit(l, c, 2, attr(p, "idno"));
		for (i = 3, f = child(p, "fact"); f != NULL && i < c->n;
		    f = next_same(f), i++)
			col_fit(l, c, i, content(f));
	}
	for (i = 0; i < c->n; i++) {
		if (c->w[i] > 200)
			c->w[i] = 200;
		sum += c->w[i];
	}
	fixed = c->w[0] + c->w[1] + c->w[2];
	avail = PDF_RIGHT - PDF_LEFT;
	if (sum > avail && c->n > 3 &&
	    avail - fixed >= PDF_FACT_MIN * (c->n - 3)) {
		for (i = 3; i < c->n; i++)
			c->w[i] *= (avail - fixed) / (sum - fixed);
		return;
	}
	for (i = 0; i < c->n; i++)
		c->w[i] *= avail / sum;
}

/* Draws the persons table's head row (again on each page). */
static void
persons_head(struct lay *l, void *arg)
{
	struct cols	*c = arg;
	int		 sh[PDF_COLS_MAX], i;

	for (i = 0; i < c->n; i++)
		sh[i] = 1;
	table_row(l, c->n, c->w, c->head, sh, NULL, NULL);
}

/* The persons table: its caption, head and one row per person. */
static void
draw_persons(struct lay *l, xmlNodePtr page)
{
	xmlNodePtr	 persons = child(page, "persons"), p, f;
	struct cols	 c;
	const char	*t[PDF_COLS_MAX];
	char		 num[16], raw[64], buf[PDF_TEXT_MAX];
	int		 i, k, total = 0;

	if (child(persons, "person") == NULL)
		return;
	for (p = child(persons, "person"); p != NULL; p = next_same(p))
		total++;
	font(l->cr, PDF_FS);
	cols_measure(l, persons, &c);
	if (l->y + 70 > PDF_BOTTOM)
		new_page(l);
	l->y += 12;
	snprintf(raw, sizeof(raw), "人员名单(共 %d 人)", total);
	clean(raw, buf);
	show(l->cr, PDF_LEFT, l->y + PDF_FS, buf);
	l->y += PDF_FS + 6;
	persons_head(l, &c);
	for (k = 1, p = child(persons, "person"); p != NULL;
	    p = next_same(p), k++) {
		snprintf(num, sizeof(num), "%d", k);
		t[0] = num;
		t[1] = attr(p, "name");
		t[2] = attr(p, "idno");
		for (i = 3; i < c.n; i++)
			t[i] = "";
		for (i = 3, f = child(p, "fact"); f != NULL && i < c.n;
		    f = next_same(f), i++)
			t[i] = content(f);
		table_row(l, c.n, c.w, t, NULL, persons_head, &c);
	}
}

/* Draws the QR code of text, PDF_QR_W wide with its quiet zone, its
 * top left corner at (x, y): one rectangle per run of dark modules. */
static void
draw_qr(cairo_t *cr, const char *text, double x, double y)
{
	struct qr	 q;
	double		 m;
	int		 i, j, run;

	if (qr_encode(text, &q) != 0)
		return;
	m = PDF_QR_W / (q.size + 8);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (j = 0; j < q.size; j++)
		for (i = 0; i < q.size; i += run > 0 ? run : 1) {
			for (run = 0; i + run < q.size &&
			    q.dark[j * q.size + i + run]; run++)
				;
			if (run > 0)
				cairo_rectangle(cr, x + (i + 4) * m,
				    y + (j + 4) * m, run * m, m);
		}
	cairo_fill(cr);
	qr_free(&q);
}

/* The seal HALL_SEAL_PNG names, read once per process (again when
 * the variable names another file), or NULL when unset or unreadable.
 * The image stays the module's. */
static cairo_surface_t *
seal_image(void)
{
	static cairo_surface_t	*img;
	static char		 loaded[512];
	const char		*path = getenv("HALL_SEAL_PNG");

	if (path == NULL || *path == '\0' || strlen(path) >= sizeof(loaded))
		return NULL;
	if (img != NULL && strcmp(path, loaded) == 0)
		return img;
	if (img != NULL)
		cairo_surface_destroy(img);
	snprintf(loaded, sizeof(loaded), "%s", path);
	img = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		log_err("pdf: cannot read the seal %s", path);
		cairo_surface_destroy(img);
		img = NULL;
		loaded[0] = '\0';
	}
	return img;
}

/* Draws the seal (HALL_SEAL_PNG) PDF_SEAL_W wide centred on (cx, cy);
 * nothing when unset or unreadable. */
static void
draw_seal(cairo_t *cr, double cx, double cy)
{
	cairo_surface_t	*img = seal_image();
	double		 s;
	int		 w, h;

	if (img == NULL)
		return;
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	if (w > 0 && h > 0) {
		s = PDF_SEAL_W / w;
		cairo_save(cr);
		cairo_translate(cr, cx - PDF_SEAL_W / 2, cy - h * s / 2);
		cairo_scale(cr, s, s);
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
	}
}

/* The foot of the receipt: 验证码, 出具日期 and where to check it,
 * the QR code at the right; below, the issuing authority and the date
 * with the seal over them. */
static void
draw_foot(struct lay *l, xmlNodePtr page, const char *qr_text)
{
	xmlNodePtr	 r = child(page, "receipt"), is = child(page, "issuer");
	char		 raw[PDF_TEXT_MAX], buf[PDF_TEXT_MAX];
	double		 y, w, tw = PDF_RIGHT - PDF_LEFT - PDF_QR_W - 12;

	/* The seal reaches PDF_SEAL_W / 2 above and below the issuer's
	 * name, which is far enough below the QR code to leave it clear
	 * for a scanner. */
	if (l->y + 16 + PDF_QR_W + 72 + PDF_SEAL_W / 2 + 8 > PDF_BOTTOM)
		new_page(l);
	y = l->y + 16;
	font(l->cr, PDF_FS);
	snprintf(raw, sizeof(raw), "验证码:%s    出具日期:%s",
	    attr(r, "code"), attr(r, "issued"));
	clean(raw, buf);
	show(l->cr, PDF_LEFT, y + 20, buf);
	snprintf(raw, sizeof(raw), "可凭回执编号和验证码在 %s 查验真伪,"
	    "或扫描右侧二维码查验。", attr(child(page, "verify"), "url"));
	clean(raw, buf);
	wrap(l->cr, buf, tw, PDF_LEFT, y + 38, PDF_FS * 1.4, 1);
	if (qr_text != NULL)
		draw_qr(l->cr, qr_text, PDF_RIGHT - PDF_QR_W, y);
	y += PDF_QR_W + 72;
	font(l->cr, 11);
	snprintf(raw, sizeof(raw), "%s", attr(is, "name"));
	clean(raw, buf);
	w = text_w(l->cr, buf);
	show(l->cr, PDF_RIGHT - w, y, buf);
	clean(attr(r, "issued"), raw);
	show(l->cr, PDF_RIGHT - w / 2 - text_w(l->cr, raw) / 2, y + 20, raw);
	draw_seal(l->cr, PDF_RIGHT - w / 2, y + 4);
	l->y = y + PDF_SEAL_W / 2 + 8;
}

/* cairo's write function: appends to the struct pdf_buf.  Returns
 * CAIRO_STATUS_SUCCESS or CAIRO_STATUS_WRITE_ERROR. */
static cairo_status_t
buf_write(void *arg, const unsigned char *data, unsigned int len)
{
	struct pdf_buf	*b = arg;
	unsigned char	*p;
	size_t		 cap;

	if (b->len + len > b->cap) {
		cap = b->cap > 0 ? b->cap * 2 : 65536;
		while (cap < b->len + len)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->failed = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Sets the document's metadata: title, author (the authority),
 * subject, keywords (回执编号), creator, and both dates the issue date
 * (YYYY-MM-DD, 00:00 UTC+8) so that the file does not depend on when it
 * is drawn. */
static void
metadata(cairo_surface_t *sf, xmlNodePtr page)
{
	xmlNodePtr	 r = child(page, "receipt"), b = child(page, "business");
	const char	*issued = attr(r, "issued"), *org = attr(page, "org");
	char		 buf[PDF_TEXT_MAX], raw[PDF_TEXT_MAX];

	snprintf(raw, sizeof(raw), "%s %s", attr(page, "title"),
	    attr(r, "no"));
	clean(raw, buf);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, buf);
	clean(*org != '\0' ? org : "XX市人力资源和社会保障局", buf);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_AUTHOR, buf);
	snprintf(raw, sizeof(raw), "%s 业务顺序号 %s", attr(b, "name"),
	    attr(b, "seq"));
	clean(raw, buf);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT, buf);
	clean(attr(r, "no"), buf);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_KEYWORDS, buf);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    "网上服务大厅");
	if (strlen(issued) == 10) {
		snprintf(buf, sizeof(buf), "%.10sT00:00:00+08:00", issued);
		cairo_pdf_surface_set_metadata(sf,
		    CAIRO_PDF_METADATA_CREATE_DATE, buf);
		cairo_pdf_surface_set_metadata(sf,
		    CAIRO_PDF_METADATA_MOD_DATE, buf);
	}
}

/* See pdf.h. */
int
pdf_receipt(xmlNodePtr page, const char *qr_text, unsigned char **out,
    size_t *outsz)
{
	struct pdf_buf	 b = { NULL, 0, 0, 0 };
	struct lay	 l;
	cairo_status_t	 st;

	*out = NULL;
	*outsz = 0;
	if (page == NULL || font_load() != 0)
		return -1;
	l.sf = cairo_pdf_surface_create_for_stream(buf_write, &b, PDF_W, PDF_H);
	cairo_pdf_surface_restrict_to_version(l.sf, CAIRO_PDF_VERSION_1_5);
	metadata(l.sf, page);
	l.cr = cairo_create(l.sf);
	l.y = PDF_TOP;
	l.pageno = 1;
	l.no = attr(child(page, "receipt"), "no");
	draw_head(&l, page);
	draw_facts(&l, page);
	draw_persons(&l, page);
	draw_foot(&l, page, qr_text);
	page_foot(&l);
	st = cairo_status(l.cr);
	cairo_destroy(l.cr);
	cairo_surface_finish(l.sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(l.sf);
	cairo_surface_destroy(l.sf);
	if (st != CAIRO_STATUS_SUCCESS || b.failed) {
		log_err("pdf: %s", cairo_status_to_string(st));
		free(b.p);
		return -1;
	}
	*out = b.p;
	*outsz = b.len;
	return 0;
}

/* Draws s (clean UTF-8) along the top of a circle of radius r about
 * the origin, its characters spread over the angle span (radians)
 * either side of the top, each upright towards the centre. */
static void
arc_text(cairo_t *cr, const char *s, double r, double span)
{
	const char	*p;
	char		 ch[8];
	size_t		 n;
	int		 count = 0, i;
	double		 a;

	for (p = s; *p != '\0'; p += n, count++)
		if ((n = utf8_len((const unsigned char *)p)) == 0)
			n = 1;
	for (p = s, i = 0; *p != '\0'; p += n, i++) {
		if ((n = utf8_len((const unsigned char *)p)) == 0)
			n = 1;
		memcpy(ch, p, n);
		ch[n] = '\0';
		a = count > 1 ? -span + 2 * span * i / (count - 1) : 0;
		cairo_save(cr);
		cairo_rotate(cr, a);
		show(cr, -text_w(cr, ch) / 2, -r, ch);
		cairo_restore(cr);
	}
}

/* Fills a five-pointed star of radius r about the origin. */
static void
star(cairo_t *cr, double r)
{
	/* Outer and inner points, from the top clockwise (cos, sin). */
	static const double pts[10][2] = {
		{ 0, -1 }, { 0.2245, -0.3090 }, { 0.9511, -0.3090 },
		{ 0.3633, 0.1180 }, { 0.5878, 0.8090 }, { 0, 0.3820 },
		{ -0.5878, 0.8090 }, { -0.3633, 0.1180 }, { -0.9511, -0.3090 },
		{ -0.2245, -0.3090 },
	};
	int	 i;

	cairo_new_path(cr);
	for (i = 0; i < 10; i++)
		cairo_line_to(cr, pts[i][0] * r, pts[i][1] * r);
	cairo_close_path(cr);
	cairo_fill(cr);
}

/* See pdf.h. */
int
pdf_demo_seal(const char *path, const char *org)
{
	cairo_surface_t	*img;
	cairo_t		*cr;
	char		 buf[PDF_TEXT_MAX];
	cairo_status_t	 st;

	if (font_load() != 0)
		return -1;
	/* 300 pixels, drawn on a 400-unit square: 190 dpi at 40 mm. */
	img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 300, 300);
	cr = cairo_create(img);
	cairo_scale(cr, 0.75, 0.75);
	cairo_translate(cr, 200, 200);
	cairo_set_source_rgba(cr, 0.85, 0.08, 0.08, 0.85);
	cairo_set_line_width(cr, 12);
	cairo_arc(cr, 0, 0, 186, 0, 2 * 3.14159265358979);
	cairo_stroke(cr);
	cairo_set_font_face(cr, pdf_font);
	cairo_set_font_size(cr, 34);
	clean(org != NULL && *org != '\0' ? org : "XX市人力资源和社会保障局",
	    buf);
	arc_text(cr, buf, 138, 1.9);
	cairo_save(cr);
	cairo_translate(cr, 0, -20);
	star(cr, 46);
	cairo_restore(cr);
	cairo_set_font_size(cr, 70);
	show(cr, -text_w(cr, "演示") / 2, 100, "演示");
	cairo_set_font_size(cr, 24);
	show(cr, -text_w(cr, "演示专用 无效") / 2, 142, "演示专用 无效");
	cairo_destroy(cr);
	st = cairo_surface_write_to_png(img, path);
	cairo_surface_destroy(img);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
