/*
 * test_attach.c: attachments recognised by content (real PDF and JPEG
 * files from fixtures/files, made by fixtures/files/make.sh), the size
 * limit, the materials catalogue, storing with replacement and audit,
 * and loading restricted to the task's unit.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "audit.h"
#include "store.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

#define FIXTURES	"unit/fixtures/files/"

/* Reads a fixture file whole; *sz gets its size.  Caller frees. */
static unsigned char *
slurp(const char *name, size_t *sz)
{
	char		 path[256];
	FILE		*f;
	unsigned char	*buf;
	long		 n;

	snprintf(path, sizeof(path), FIXTURES "%s", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (run from tests/)", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*sz = (size_t)n;
	return buf;
}

/* A real JPEG grown to exactly sz bytes by COM segments of noise
 * inserted after SOI (still a valid JPEG).  Caller frees. */
static unsigned char *
big_jpeg(size_t sz)
{
	unsigned char	*small, *out;
	size_t		 ssz, o, seg, rem, i;

	small = slurp("ok.jpg", &ssz);
	ck_assert_uint_gt(sz, ssz + 8);
	out = malloc(sz);
	ck_assert_ptr_nonnull(out);
	memcpy(out, small, 2);			/* FF D8 */
	o = 2;
	while (sz - o - (ssz - 2) > 0) {
		rem = sz - o - (ssz - 2);
		seg = rem > 65535 + 2 ? 65535 + 2 : rem;
		if (rem - seg > 0 && rem - seg < 4)	/* leave room for one more */
			seg -= 4;
		ck_assert_uint_ge(seg, 4);
		out[o] = 0xFF;
		out[o + 1] = 0xFE;
		out[o + 2] = (unsigned char)((seg - 2) >> 8);
		out[o + 3] = (unsigned char)((seg - 2) & 0xFF);
		for (i = 4; i < seg; i++)
			out[o + i] = (unsigned char)(0x20 + (o + i) % 90);
		o += seg;
	}
	memcpy(out + o, small + 2, ssz - 2);
	free(small);
	return out;
}

/* One sniffing case: a fixture file and what it must be. */
struct sniff_case {
	const char	*file;
	enum attach_err	 want;
	enum attach_type type;	/* when want is ATTACH_OK */
};

static const struct sniff_case sniff_cases[] = {
	{ "ok.pdf", ATTACH_OK, ATTACH_PDF },
	{ "ok.jpg", ATTACH_OK, ATTACH_JPEG },
	{ "ok2.jpg", ATTACH_OK, ATTACH_JPEG },
	{ "text.pdf", ATTACH_NOTTYPE, ATTACH_PDF },
	{ "png.jpg", ATTACH_NOTTYPE, ATTACH_PDF },
	{ "truncated.jpg", ATTACH_NOTTYPE, ATTACH_PDF },
	{ "program.pdf", ATTACH_NOTTYPE, ATTACH_PDF },
	{ "empty.pdf", ATTACH_EMPTY, ATTACH_PDF },
	/* A cross-reference stream, a linearized file (startxref near the
	 * start), and both. */
	{ "ok-xrefstream.pdf", ATTACH_OK, ATTACH_PDF },
	{ "ok-linear.pdf", ATTACH_OK, ATTACH_PDF },
	{ "ok-linear-xs.pdf", ATTACH_OK, ATTACH_PDF },
	/* NUL padding after EOI is allowed; text is not. */
	{ "padded.jpg", ATTACH_OK, ATTACH_JPEG },
	{ "trailer.jpg", ATTACH_NOTTYPE, ATTACH_PDF },
	/* Polyglots: a web page inside a PDF or a JPEG, whether the rest is
	 * a broken file or a valid one. */
	{ "poly-html.pdf", ATTACH_MARKUP, ATTACH_PDF },
	{ "poly-tail.pdf", ATTACH_MARKUP, ATTACH_PDF },
	{ "poly-html.jpg", ATTACH_MARKUP, ATTACH_PDF },
	{ "poly-com.jpg", ATTACH_MARKUP, ATTACH_PDF },
};

START_TEST(attach_sniff_files)
{
	const struct sniff_case	*tc = &sniff_cases[_i];
	unsigned char		*data;
	size_t			 sz;
	enum attach_type	 type = ATTACH_TYPE__MAX;

	data = slurp(tc->file, &sz);
	ck_assert_msg(attach_sniff(data, sz, &type) == tc->want,
	    "%s: got %d want %d", tc->file, attach_sniff(data, sz, &type),
	    tc->want);
	if (tc->want == ATTACH_OK)
		ck_assert_int_eq(type, tc->type);
	free(data);
}
END_TEST

START_TEST(attach_sniff_limit)
{
	unsigned char		*data;
	enum attach_type	 type;

	/* Exactly 5 MB: a real JPEG, accepted. */
	data = big_jpeg(ATTACH_MAX_BYTES);
	ck_assert_int_eq(attach_sniff(data, ATTACH_MAX_BYTES, &type), ATTACH_OK);
	ck_assert_int_eq(type, ATTACH_JPEG);
	free(data);
	/* One byte more: refused whatever it is. */
	data = big_jpeg(ATTACH_MAX_BYTES + 1);
	ck_assert_int_eq(attach_sniff(data, ATTACH_MAX_BYTES + 1, &type),
	    ATTACH_TOOBIG);
	free(data);
	/* 6 MB. */
	data = big_jpeg(6u * 1024 * 1024);
	ck_assert_int_eq(attach_sniff(data, 6u * 1024 * 1024, &type),
	    ATTACH_TOOBIG);
	free(data);
}
END_TEST

/* Byte strings that must be refused (or accepted) by content. */
struct sniff_bytes {
	const char	*bytes;
	size_t		 sz;
	enum attach_err	 want;
};

/* A string literal and its size without the final NUL. */
#define BYTES(s)	(s), sizeof(s) - 1

static const struct sniff_bytes sniff_bytes_cases[] = {
	/* A PDF header without %%EOF at the end. */
	{ "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", 29, ATTACH_NOTTYPE },
	/* %%EOF but a wrong version header. */
	{ "%PDF-9.1\n1 0 obj\n<<>>\n%%EOF\n", 28, ATTACH_NOTTYPE },
	/* A header and %%EOF alone: no startxref, no cross-reference. */
	{ "%PDF-1.7\n1 0 obj\n<<>>\n%%EOF\n", 28, ATTACH_NOTTYPE },
	/* The same with a startxref pointing at nothing. */
	{ BYTES("%PDF-1.7\n1 0 obj\n<<>>\nstartxref\n9\n%%EOF\n"),
	    ATTACH_NOTTYPE },
	/* JPEG SOI with an impossible first marker. */
	{ "\xFF\xD8\xFF\x01\x00\x10\x00\x00\xFF\xD9", 10, ATTACH_NOTTYPE },
	/* JPEG start and end but no frame or scan, with NUL padding. */
	{ BYTES("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00"
	    "\x01\x00\x00\xFF\xD9\x00\x00\x00"), ATTACH_NOTTYPE },
	/* A JPEG header whose body is text, ending in FF D9. */
	{ BYTES("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00"
	    "\x01\x00\x00hello, world\xFF\xD9"), ATTACH_NOTTYPE },
	/* GIF, ZIP, HTML. */
	{ "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14, ATTACH_NOTTYPE },
	{ "PK\x03\x04\x14\x00\x00\x00\x08\x00", 10, ATTACH_NOTTYPE },
	{ "<html><script>alert(1)</script></html>", 38, ATTACH_MARKUP },
	{ BYTES("%PDF-1.4\n<SCRIPT>alert(1)</SCRIPT>\n%%EOF\n"), ATTACH_MARKUP },
	{ BYTES("%PDF-1.4\n<svg/onload=alert(1)>\n%%EOF\n"), ATTACH_MARKUP },
	{ BYTES("\xFF\xD8<!DOCTYPE html><p>x\xFF\xD9"), ATTACH_MARKUP },
	{ BYTES("\xFF\xD8<?xml-stylesheet href=\"x\"?>\xFF\xD9"), ATTACH_MARKUP },
	{ BYTES("\xFF\xD8<?XML version=\"1.0\"?>\xFF\xD9"), ATTACH_MARKUP },
};

START_TEST(attach_sniff_bytes)
{
	const struct sniff_bytes	*tc = &sniff_bytes_cases[_i];
	enum attach_type		 type;

	ck_assert_msg(attach_sniff(tc->bytes, tc->sz, &type) == tc->want,
	    "case %d", _i);
}
END_TEST

/* How mini_pdf() builds (or breaks) a PDF. */
enum mini_pdf {
	MINI_TABLE,		/* a classic xref table and trailer */
	MINI_STREAM,		/* a cross-reference stream */
	MINI_BAD_OFFSET,	/* startxref one byte after the table */
	MINI_BAD_BEYOND,	/* startxref past the end */
	MINI_BAD_NOTRAILER,	/* the table without "trailer" */
	MINI_BAD_NOROOT,	/* a trailer without /Root */
	MINI_BAD_ENTRY,		/* an entry without its n/f flag */
	MINI_BAD_NOTXREF,	/* a stream object that is not /Type /XRef */
	MINI_BAD_TAIL,		/* 2 KiB of text after %%EOF */
	MINI__MAX
};

/* Writes into buf[bufsz] a small PDF (a catalog, a page tree, a page)
 * whose structure readers accept, with a classic or stream
 * cross-reference, or broken as how says.  Returns its size. */
static size_t
mini_pdf(char *buf, size_t bufsz, enum mini_pdf how)
{
	static const char *const objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	};
	size_t	 off[4], n = 0, xref, i;

	n += (size_t)snprintf(buf + n, bufsz - n, "%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n");
	for (i = 0; i < 3; i++) {
		off[i] = n;
		n += (size_t)snprintf(buf + n, bufsz - n, "%zu 0 obj\n%s\n"
		    "endobj\n", i + 1, objs[i]);
	}
	xref = n;
	if (how == MINI_STREAM || how == MINI_BAD_NOTXREF) {
		n += (size_t)snprintf(buf + n, bufsz - n, "4 0 obj\n<< /Type "
		    "%s /Size 5 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n"
		    "\nendstream\nendobj\n", how == MINI_STREAM ? "/XRef" :
		    "/XObject");
	} else {
		n += (size_t)snprintf(buf + n, bufsz - n, "xref\n0 4\n"
		    "0000000000 65535 f \n");
		for (i = 0; i < 3; i++)
			n += (size_t)snprintf(buf + n, bufsz - n, "%010zu 00000 %s\n",
			    off[i], how == MINI_BAD_ENTRY && i == 1 ? " " : "n ");
		n += (size_t)snprintf(buf + n, bufsz - n, "%s\n<< /Size 4 %s>>\n",
		    how == MINI_BAD_NOTRAILER ? "" : "trailer",
		    how == MINI_BAD_NOROOT ? "" : "/Root 1 0 R ");
	}
	if (how == MINI_BAD_OFFSET)
		xref++;
	if (how == MINI_BAD_BEYOND)
		xref = 99999;
	n += (size_t)snprintf(buf + n, bufsz - n, "startxref\n%zu\n%%%%EOF\n",
	    xref);
	if (how == MINI_BAD_TAIL)
		for (i = 0; i < 2048; i++)
			buf[n++] = 'x';
	ck_assert_uint_lt(n, bufsz);
	return n;
}

/* The cross-reference check on small PDFs made here: the two kinds
 * accepted, each broken one refused. */
START_TEST(attach_sniff_pdf_structure)
{
	char			 buf[4096];
	size_t			 sz;
	enum attach_type	 type = ATTACH_TYPE__MAX;
	enum attach_err		 want;

	sz = mini_pdf(buf, sizeof(buf), (enum mini_pdf)_i);
	want = _i == MINI_TABLE || _i == MINI_STREAM ? ATTACH_OK :
	    ATTACH_NOTTYPE;
	ck_assert_msg(attach_sniff(buf, sz, &type) == want, "case %d: %.*s",
	    _i, (int)sz, buf);
	if (want == ATTACH_OK)
		ck_assert_int_eq(type, ATTACH_PDF);
}
END_TEST

/* ok.jpg with text (of tsz bytes) as a COM segment after SOI: still a
 * valid JPEG.  *sz gets the size; caller frees. */
static unsigned char *
jpeg_with_comment(const char *text, size_t tsz, size_t *sz)
{
	unsigned char	*small, *out;
	size_t		 ssz;

	small = slurp("ok.jpg", &ssz);
	*sz = ssz + 4 + tsz;
	out = malloc(*sz);
	ck_assert_ptr_nonnull(out);
	memcpy(out, small, 2);
	out[2] = 0xFF;
	out[3] = 0xFE;
	out[4] = (unsigned char)((tsz + 2) >> 8);
	out[5] = (unsigned char)((tsz + 2) & 0xFF);
	memcpy(out + 6, text, tsz);
	memcpy(out + 6 + tsz, small + 2, ssz - 2);
	free(small);
	return out;
}

/* Markup is found whatever its case, in a valid JPEG; text that only
 * looks like it is not. */
START_TEST(attach_sniff_markup)
{
	static const struct {
		const char	*text;
		enum attach_err	 want;
	} t[] = {
		{ "<html>", ATTACH_MARKUP },
		{ "<HtMl lang=zh>", ATTACH_MARKUP },
		{ "x<script\tsrc=//a>", ATTACH_MARKUP },
		{ "<svg/onload=alert(1)>", ATTACH_MARKUP },
		{ "<iframe src=x>", ATTACH_MARKUP },
		{ "<OBJECT data=x>", ATTACH_MARKUP },
		{ "<embed src=x>", ATTACH_MARKUP },
		{ "<!doctype html>", ATTACH_MARKUP },
		{ "<?xml version='1.0'?>", ATTACH_MARKUP },
		{ "<?xml-stylesheet href='x'?>", ATTACH_MARKUP },
		/* Not markup: other names, no boundary, plain comparisons. */
		{ "<svgz", ATTACH_OK },
		{ "<htmlx>", ATTACH_OK },
		{ "<scripture>", ATTACH_OK },
		{ "a < b, <> and <<html", ATTACH_OK },
		{ "<xml version>", ATTACH_OK },
		{ "Created with GIMP <3", ATTACH_OK },
	};
	unsigned char		*data;
	size_t			 i, sz;
	enum attach_type	 type;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		data = jpeg_with_comment(t[i].text, strlen(t[i].text), &sz);
		ck_assert_msg(attach_sniff(data, sz, &type) == t[i].want,
		    "%s: got %d", t[i].text, attach_sniff(data, sz, &type));
		free(data);
	}
	/* "<<html" is markup too: the second '<' starts a tag. */
	data = jpeg_with_comment("<<html>", 7, &sz);
	ck_assert_int_eq(attach_sniff(data, sz, &type), ATTACH_MARKUP);
	free(data);
}
END_TEST

/* The JPEG walk on ok.jpg broken one way at a time. */
START_TEST(attach_sniff_jpeg_structure)
{
	unsigned char		*orig, *data;
	size_t			 sz, i;
	enum attach_type	 type;

	orig = slurp("ok.jpg", &sz);
	data = malloc(sz + 32);
	ck_assert_ptr_nonnull(data);
	/* As it is, and with 16 NUL bytes after EOI (the most allowed). */
	memcpy(data, orig, sz);
	ck_assert_int_eq(attach_sniff(data, sz, &type), ATTACH_OK);
	memset(data + sz, 0, 17);
	ck_assert_int_eq(attach_sniff(data, sz + 16, &type), ATTACH_OK);
	/* 17 NUL bytes, or one other byte, after EOI. */
	ck_assert_int_eq(attach_sniff(data, sz + 17, &type), ATTACH_NOTTYPE);
	data[sz] = ' ';
	ck_assert_int_eq(attach_sniff(data, sz + 1, &type), ATTACH_NOTTYPE);
	/* No EOI: cut before it. */
	ck_assert_int_eq(attach_sniff(data, sz - 2, &type), ATTACH_NOTTYPE);
	/* EOI not at a marker boundary: a byte after SOI that is no
	 * marker. */
	memcpy(data, orig, 2);
	data[2] = 0x00;
	memcpy(data + 3, orig + 2, sz - 2);
	ck_assert_int_eq(attach_sniff(data, sz + 1, &type), ATTACH_NOTTYPE);
	/* The first segment's length running past the end. */
	memcpy(data, orig, sz);
	data[4] = 0xFF;
	data[5] = 0xFF;
	ck_assert_int_eq(attach_sniff(data, sz, &type), ATTACH_NOTTYPE);
	/* A scan before any frame: SOF0 (C0) renamed to an APP15 (EF). */
	memcpy(data, orig, sz);
	for (i = 2; i + 1 < sz; i++)
		if (data[i] == 0xFF && data[i + 1] == 0xC0)
			break;
	ck_assert_uint_lt(i + 1, sz);
	data[i + 1] = 0xEF;
	ck_assert_int_eq(attach_sniff(data, sz, &type), ATTACH_NOTTYPE);
	/* SOI then EOI: no image. */
	ck_assert_int_eq(attach_sniff("\xFF\xD8\xFF\xD9", 4, &type),
	    ATTACH_NOTTYPE);
	free(data);
	free(orig);
}
END_TEST

START_TEST(attach_sniff_bad_empty)
{
	enum attach_type	 type;

	ck_assert_int_eq(attach_sniff(NULL, 0, &type), ATTACH_EMPTY);
	ck_assert_int_eq(attach_sniff("", 0, &type), ATTACH_EMPTY);
}
END_TEST

START_TEST(attach_materials_table)
{
	const struct material	*m;
	size_t			 n = 0;

	for (m = attach_materials; m->code != NULL; m++, n++) {
		ck_assert_ptr_nonnull(m->name);
		ck_assert_ptr_eq(attach_material(m->code), m);
		ck_assert_uint_lt(strlen(m->code), 48);
	}
	ck_assert_uint_eq(n, 33);	/* 27, 增员's 4, 当月欠费注销's 1, 年度工资申报's 1 */
	ck_assert_str_eq(attach_material("sfz_copy")->name, "员工身份证复印件");
	ck_assert_str_eq(attach_material("siwang_zhengming")->name,
	    "居民死亡医学证明书或其他死亡证明材料");
	ck_assert_ptr_null(attach_material("id_copy"));
	ck_assert_ptr_null(attach_material(""));
	ck_assert_ptr_null(attach_material(NULL));
	ck_assert_str_eq(attach_mime(ATTACH_PDF), "application/pdf");
	ck_assert_str_eq(attach_mime(ATTACH_JPEG), "image/jpeg");
}
END_TEST

START_TEST(attach_message_text)
{
	char	 buf[256];

	ck_assert_str_eq(attach_message(ATTACH_NOTTYPE, "员工身份证复印件", buf,
	    sizeof(buf)), "「员工身份证复印件」不是PDF或JPG文件(按文件内容识别),"
	    "请上传PDF或JPG格式的扫描件");
	ck_assert_str_eq(attach_message(ATTACH_MARKUP, "员工身份证复印件", buf,
	    sizeof(buf)), "「员工身份证复印件」的文件内容含有网页代码,不是有效的"
	    "PDF或JPG文件,请上传PDF或JPG格式的扫描件");
	ck_assert_ptr_nonnull(strstr(attach_message(ATTACH_TOOBIG, "辞职申请书",
	    buf, sizeof(buf)), "超过5MB"));
	ck_assert_ptr_nonnull(strstr(attach_message(ATTACH_EMPTY, NULL, buf,
	    sizeof(buf)), "附件"));
}
END_TEST

static struct th_db	 db;
static int64_t		 unit_a, unit_b, task_a, person;
static struct actor	 clerk_a, clerk_b;

/* A database with two units, a clerk each, a person and a task of A. */
static void
setup(void)
{
	int	 created;

	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	unit_a = th_unit(db.s, "测试单位甲", 0);
	unit_b = th_unit(db.s, "测试单位乙", 0);
	clerk_a = (struct actor){ th_account(db.s, unit_a, "clerk-a"), unit_a,
	    "经办人甲", "" };
	clerk_b = (struct actor){ th_account(db.s, unit_b, "clerk-b"), unit_b,
	    "经办人乙", "" };
	person = th_person(db.s, "420102198001011234", "张建国", "男",
	    "1980-01-01");
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "tuigong", unit_a, &clerk_a, "张建国",
	    NULL, &task_a, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* Stores fixture file as code for person p inside one transaction. */
static enum attach_err
store_file(const struct actor *who, int64_t p, const char *code,
    const char *file, const char *filename)
{
	unsigned char	*data;
	size_t		 sz;
	enum attach_err	 e;

	data = slurp(file, &sz);
	ck_assert_int_eq(store_begin(db.s), 0);
	e = attach_store(db.s, who, task_a, p, code, filename, data, sz);
	if (e == ATTACH_OK)
		ck_assert_int_eq(store_commit(db.s), 0);
	else
		store_rollback(db.s);
	free(data);
	return e;
}

/* attach_list callback: copies the first attachment into arg. */
static void
first(const struct attachment *a, void *arg)
{
	struct attachment	*out = arg;

	if (out->id == 0)
		*out = *a;
}

START_TEST(attach_store_load)
{
	struct attachment	 a, l;
	unsigned char		*data, *orig;
	size_t			 sz;

	ck_assert_int_eq(store_file(&clerk_a, person, "sfz_copy", "ok.jpg",
	    "身份证.jpg"), ATTACH_OK);
	ck_assert_int_eq(attach_has(db.s, task_a, person, "sfz_copy"), 1);
	ck_assert_int_eq(attach_has(db.s, task_a, 0, "sfz_copy"), 1);
	ck_assert_int_eq(attach_has(db.s, task_a, person, "hetong_copy"), 0);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(attach_list(db.s, task_a, first, &a), 1);
	ck_assert_str_eq(a.code, "sfz_copy");
	ck_assert_str_eq(a.name, "员工身份证复印件");
	ck_assert_str_eq(a.filename, "身份证.jpg");
	ck_assert_str_eq(a.mime, "image/jpeg");
	ck_assert_int_eq(a.person_id, person);
	ck_assert_uint_eq(strlen(a.sha256), 64);
	/* The unit's own load gets the same bytes; another unit gets
	 * nothing; a reviewer (0) gets it. */
	orig = slurp("ok.jpg", &sz);
	ck_assert_int_eq(attach_load(db.s, a.id, unit_a, &l, &data), 0);
	ck_assert_uint_eq(l.size, sz);
	ck_assert_int_eq(memcmp(data, orig, sz), 0);
	ck_assert_str_eq(l.sha256, a.sha256);
	free(data);
	ck_assert_int_eq(attach_load(db.s, a.id, unit_b, &l, &data), 1);
	ck_assert_ptr_null(data);
	ck_assert_int_eq(attach_load(db.s, a.id, 0, &l, &data), 0);
	free(data);
	ck_assert_int_eq(attach_load(db.s, a.id + 100, 0, &l, &data), 1);
	free(orig);
	/* Audited with its hash. */
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'attach.upload' AND instr(detail, (SELECT sha256 FROM "
	    "attachments LIMIT 1)) > 0"), 1);
}
END_TEST

START_TEST(attach_store_replaces)
{
	ck_assert_int_eq(store_file(&clerk_a, person, "sfz_copy", "ok.jpg",
	    "a.jpg"), ATTACH_OK);
	ck_assert_int_eq(store_file(&clerk_a, person, "sfz_copy", "ok.pdf",
	    "b.pdf"), ATTACH_OK);
	ck_assert_int_eq(store_file(&clerk_a, 0, "sfz_copy", "ok.pdf",
	    "whole.pdf"), ATTACH_OK);
	ck_assert_int_eq(store_file(&clerk_a, 0, "sfz_copy", "ok2.jpg",
	    "whole2.jpg"), ATTACH_OK);
	/* One per (task, person, material). */
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments"), 2);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments "
	    "WHERE filename = 'b.pdf' AND mime = 'application/pdf'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments "
	    "WHERE filename = 'whole2.jpg' AND person_id IS NULL"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'attach.upload'"), 4);
	ck_assert_int_ge(audit_verify(db.s, NULL), 4);
}
END_TEST

START_TEST(attach_store_name_sanitised)
{
	char	 name[400];

	ck_assert_int_eq(store_file(&clerk_a, person, "sfz_copy", "ok.jpg",
	    "../../etc/pass\r\nwd.jpg"), ATTACH_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments "
	    "WHERE filename = '.._.._etc_passwd.jpg'"), 1);
	/* 130 Chinese characters keep what fits struct attachment's
	 * filename (255 bytes) with ".pdf": 83 characters, cut between
	 * characters. */
	name[0] = '\0';
	for (int i = 0; i < 130; i++)
		strcat(name, "证");
	ck_assert_int_eq(store_file(&clerk_a, person, "hetong_copy", "ok.pdf",
	    name), ATTACH_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT length(filename) FROM "
	    "attachments WHERE kind = 'hetong_copy'"), 87);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments "
	    "WHERE kind = 'hetong_copy' AND filename LIKE '证证%证.pdf' AND "
	    "length(CAST(filename AS BLOB)) = 253"), 1);
	/* 130 letters keep 100 characters, ".pdf" included. */
	ck_assert_int_eq(store_file(&clerk_a, person, "gonghui_yijian", "ok.pdf",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	    ATTACH_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT length(filename) FROM "
	    "attachments WHERE kind = 'gonghui_yijian'"), 100);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments "
	    "WHERE kind = 'gonghui_yijian' AND filename LIKE 'aaa%a.pdf'"), 1);
	/* Invalid UTF-8 is dropped; nothing left becomes 附件. */
	ck_assert_int_eq(store_file(&clerk_a, person, "cizhi_shenqing",
	    "ok.pdf", "\xff\xfe\x01"), ATTACH_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments "
	    "WHERE kind = 'cizhi_shenqing' AND filename = '附件.pdf'"), 1);
}
END_TEST

/* The stored name ends in the extension of what the file is: a name
 * such as poly.html is never kept for a download. */
START_TEST(attach_store_name_extension)
{
	static const struct {
		const char	*file, *sent, *stored;
	} t[] = {
		{ "ok.pdf", "poly.html", "poly.pdf" },
		{ "ok.jpg", "poly.html", "poly.jpg" },
		{ "ok.pdf", "扫描件.PDF", "扫描件.PDF" },
		{ "ok.pdf", "scan.pdf", "scan.pdf" },
		{ "ok.jpg", "照片.jpeg", "照片.jpeg" },
		{ "ok.jpg", "照片.JPG", "照片.JPG" },
		{ "ok.jpg", "照片.pdf", "照片.jpg" },
		{ "ok.pdf", "照片.jpg", "照片.pdf" },
		{ "ok.pdf", "scan", "scan.pdf" },
		{ "ok.pdf", "张三.身份证", "张三.身份证.pdf" },
		{ "ok.pdf", "a.tar.gz", "a.tar.pdf" },
		{ "ok.pdf", "x.pdf.html", "x.pdf.pdf" },
		{ "ok.pdf", ".html", "附件.pdf" },
		{ "ok.pdf", "a.", "a.pdf" },
		{ "ok.jpg", "", "附件.jpg" },
		{ "ok.pdf", ".pdf", "附件.pdf" },
	};
	struct attachment	 a;
	size_t			 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_int_eq(store_file(&clerk_a, person, "sfz_copy",
		    t[i].file, t[i].sent), ATTACH_OK);
		memset(&a, 0, sizeof(a));
		ck_assert_int_eq(attach_list(db.s, task_a, first, &a), 1);
		ck_assert_msg(strcmp(a.filename, t[i].stored) == 0,
		    "%s as %s: stored %s, want %s", t[i].file, t[i].sent,
		    a.filename, t[i].stored);
	}
}
END_TEST

/* Refusals: nothing stored, nothing audited. */
struct store_bad {
	const char	*code;
	const char	*file;
	enum attach_err	 want;
};

static const struct store_bad store_bad_cases[] = {
	{ "sfz_copy", "text.pdf", ATTACH_NOTTYPE },
	{ "sfz_copy", "poly-html.pdf", ATTACH_MARKUP },
	{ "sfz_copy", "poly-tail.pdf", ATTACH_MARKUP },
	{ "sfz_copy", "poly-html.jpg", ATTACH_MARKUP },
	{ "sfz_copy", "poly-com.jpg", ATTACH_MARKUP },
	{ "sfz_copy", "png.jpg", ATTACH_NOTTYPE },
	{ "sfz_copy", "program.pdf", ATTACH_NOTTYPE },
	{ "sfz_copy", "truncated.jpg", ATTACH_NOTTYPE },
	{ "sfz_copy", "empty.pdf", ATTACH_EMPTY },
	{ "no_such_material", "ok.pdf", ATTACH_BADKIND },
};

START_TEST(attach_store_bad)
{
	const struct store_bad	*tc = &store_bad_cases[_i];

	ck_assert_int_eq(store_file(&clerk_a, person, tc->code, tc->file,
	    "x"), tc->want);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "action = 'attach.upload'"), 0);
}
END_TEST

START_TEST(attach_store_bad_other_unit)
{
	ck_assert_int_eq(store_file(&clerk_b, person, "sfz_copy", "ok.pdf",
	    "x.pdf"), ATTACH_ERR__MAX);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments"), 0);
}
END_TEST

START_TEST(attach_store_bad_toobig)
{
	unsigned char	*data = big_jpeg(ATTACH_MAX_BYTES + 1);

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, &clerk_a, task_a, person,
	    "sfz_copy", "big.jpg", data, ATTACH_MAX_BYTES + 1), ATTACH_TOOBIG);
	store_rollback(db.s);
	free(data);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments"), 0);
}
END_TEST

static Suite *
attach_suite(void)
{
	Suite	*s = suite_create("attach");
	TCase	*tc;

	tc = tcase_create("sniff");
	tcase_add_loop_test(tc, attach_sniff_files, 0,
	    sizeof(sniff_cases) / sizeof(sniff_cases[0]));
	tcase_add_loop_test(tc, attach_sniff_bytes, 0,
	    sizeof(sniff_bytes_cases) / sizeof(sniff_bytes_cases[0]));
	tcase_add_test(tc, attach_sniff_limit);
	tcase_add_loop_test(tc, attach_sniff_pdf_structure, 0, MINI__MAX);
	tcase_add_test(tc, attach_sniff_markup);
	tcase_add_test(tc, attach_sniff_jpeg_structure);
	tcase_add_test(tc, attach_sniff_bad_empty);
	tcase_add_test(tc, attach_materials_table);
	tcase_add_test(tc, attach_message_text);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, attach_store_load);
	tcase_add_test(tc, attach_store_replaces);
	tcase_add_test(tc, attach_store_name_sanitised);
	tcase_add_test(tc, attach_store_name_extension);
	tcase_add_loop_test(tc, attach_store_bad, 0,
	    sizeof(store_bad_cases) / sizeof(store_bad_cases[0]));
	tcase_add_test(tc, attach_store_bad_other_unit);
	tcase_add_test(tc, attach_store_bad_toobig);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(attach_suite)
