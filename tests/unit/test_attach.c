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

static const struct sniff_bytes sniff_bytes_cases[] = {
	/* A PDF header without %%EOF at the end. */
	{ "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", 29, ATTACH_NOTTYPE },
	/* %%EOF but a wrong version header. */
	{ "%PDF-9.1\n1 0 obj\n<<>>\n%%EOF\n", 28, ATTACH_NOTTYPE },
	/* A minimal PDF-shaped string: header and trailer. */
	{ "%PDF-1.7\n1 0 obj\n<<>>\n%%EOF\n", 28, ATTACH_OK },
	/* JPEG SOI with an impossible first marker. */
	{ "\xFF\xD8\xFF\x01\x00\x10\x00\x00\xFF\xD9", 10, ATTACH_NOTTYPE },
	/* JPEG start and end with NUL padding (allowed, up to 16). */
	{ "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\xFF\xD9\x00\x00\x00", 16, ATTACH_OK },
	/* JPEG end followed by text. */
	{ "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\xFF\xD9trailer", 20, ATTACH_NOTTYPE },
	/* GIF, ZIP, HTML. */
	{ "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14, ATTACH_NOTTYPE },
	{ "PK\x03\x04\x14\x00\x00\x00\x08\x00", 10, ATTACH_NOTTYPE },
	{ "<html><script>alert(1)</script></html>", 38, ATTACH_NOTTYPE },
};

START_TEST(attach_sniff_bytes)
{
	const struct sniff_bytes	*tc = &sniff_bytes_cases[_i];
	enum attach_type		 type;

	ck_assert_msg(attach_sniff(tc->bytes, tc->sz, &type) == tc->want,
	    "case %d", _i);
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
	ck_assert_uint_eq(n, 21);
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
	 * filename (255 bytes: 85 characters), cut between characters. */
	name[0] = '\0';
	for (int i = 0; i < 130; i++)
		strcat(name, "证");
	ck_assert_int_eq(store_file(&clerk_a, person, "hetong_copy", "ok.pdf",
	    name), ATTACH_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT length(filename) FROM "
	    "attachments WHERE kind = 'hetong_copy'"), 85);
	ck_assert_int_eq(store_file(&clerk_a, person, "gonghui_yijian", "ok.pdf",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	    ATTACH_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT length(filename) FROM "
	    "attachments WHERE kind = 'gonghui_yijian'"), 100);
	/* Invalid UTF-8 is dropped; nothing left becomes 附件. */
	ck_assert_int_eq(store_file(&clerk_a, person, "cizhi_shenqing",
	    "ok.pdf", "\xff\xfe\x01"), ATTACH_OK);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM attachments "
	    "WHERE kind = 'cizhi_shenqing' AND filename = '附件'"), 1);
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
	tcase_add_loop_test(tc, attach_store_bad, 0,
	    sizeof(store_bad_cases) / sizeof(store_bad_cases[0]));
	tcase_add_test(tc, attach_store_bad_other_unit);
	tcase_add_test(tc, attach_store_bad_toobig);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(attach_suite)
