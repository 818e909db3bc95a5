/*
 * attach.c: attachments (附件) of tasks; see attach.h.  A file is a PDF
 * or a JPEG by what its bytes say, never by its name or the type the
 * browser claims; it is stored as a BLOB with its SHA-256 inside the
 * caller's transaction, and every upload is audited.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "ident.h"
#include "log.h"
#include "store.h"

/* Display names keep at most this many UTF-8 characters. */
#define ATTACH_NAME_CHARS	100

/* The statements of attachments; their SQL is in attach_sql. */
enum attach_stmt {
	ATTACH_STMT_TASK_OPEN,		/* whether a (unit's) task is 未提交 */
	ATTACH_STMT_DROP,		/* a task's file of a kind and person */
	ATTACH_STMT_ADD,		/* inserts one file */
	ATTACH_STMT_HAS,		/* whether a task has a kind of file */
	ATTACH_STMT_LIST,		/* a task's files without data */
	ATTACH_STMT_LOAD,		/* one file with data, unit-checked */
	ATTACH_STMT_LIST_PERSON,	/* a task's files of one person */
	ATTACH_STMT_MOVE,		/* a person's files to another task */
	ATTACH_STMT__MAX
};

/* The SQL of each statement, by enum attach_stmt. */
static const char *const attach_sql[ATTACH_STMT__MAX] = {
	[ATTACH_STMT_TASK_OPEN] =
	    "SELECT state = '未提交' FROM tasks WHERE id = ?1 "
	    "AND (?2 <= 0 OR unit_id = ?2)", /* ATTACH_STMT_TASK_OPEN */
	[ATTACH_STMT_DROP] =
	    "DELETE FROM attachments WHERE task_id = ?1 AND "
	    "kind = ?2 AND person_id IS ?3", /* ATTACH_STMT_DROP */
	[ATTACH_STMT_ADD] =
	    "INSERT INTO attachments (task_id, kind, filename, "
	    "mime, size, sha256, data, uploaded_at, person_id) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", /* ATTACH_STMT_ADD */
	[ATTACH_STMT_HAS] =
	    "SELECT 1 FROM attachments WHERE task_id = ?1 AND "
	    "kind = ?2 AND (?3 <= 0 OR person_id = ?3) LIMIT 1", /* ATTACH_STMT_HAS */
	[ATTACH_STMT_LIST] =
	    "SELECT id, task_id, COALESCE(person_id, 0), kind, "
	    "filename, mime, size, sha256 FROM attachments WHERE task_id = ?1 "
	    "ORDER BY id", /* ATTACH_STMT_LIST */
	[ATTACH_STMT_LOAD] =
	    "SELECT a.id, a.task_id, COALESCE(a.person_id, 0), "
	    "a.kind, a.filename, a.mime, a.size, a.sha256, a.data FROM "
	    "attachments a JOIN tasks t ON t.id = a.task_id WHERE a.id = ?1 "
	    "AND (?2 <= 0 OR t.unit_id = ?2)", /* ATTACH_STMT_LOAD */
	[ATTACH_STMT_LIST_PERSON] =
	    "SELECT id, task_id, COALESCE(person_id, 0), kind, "
	    "filename, mime, size, sha256 FROM attachments WHERE task_id = ?1 "
	    "AND person_id IS ?2 ORDER BY id", /* ATTACH_STMT_LIST_PERSON */
	[ATTACH_STMT_MOVE] =
	    "UPDATE attachments SET task_id = ?1 WHERE "
	    "task_id = ?2 AND person_id = ?3", /* ATTACH_STMT_MOVE */
};

const struct material attach_materials[] = {
	/* 退工登记 [000 上传附件材料] */
	{ "jiechu_zhengming", "解除/终止劳动合同证明书", 0 },
	{ "sfz_copy", "员工身份证复印件", 0 },
	{ "hetong_copy", "劳动合同复印件", 0 },
	{ "jiechu_tongzhi", "解除劳动合同通知书", 0 },
	{ "gonghui_yijian", "工会意见", 0 },
	{ "cizhi_shenqing", "辞职申请书", 0 },
	{ "buchang_pingzheng", "经济补偿金计算表及支付凭证", 0 },
	{ "gonggao_pingzheng", "公告凭证", 0 },
	/* 城镇职工减少 [002 注意事项 4-8] */
	{ "tuigong_huamingce", "退工花名册", 0 },
	{ "xin_yonggong_beian", "新单位用工备案表", 0 },
	{ "jiechu_guanxi_zhengming", "解除劳动关系证明书", 0 },
	{ "diaoling", "工作人员调令", 0 },
	{ "renmian_wenjian", "任免文件", 0 },
	{ "cizhi_citui_wenjian", "辞职辞退相关文件材料", 0 },
	{ "faren_xindanwei_beian", "法人新单位用工备案表", 0 },
	{ "xin_yingye_zhizhao", "新法人营业执照或变更后的营业执照", 0 },
	{ "yuandanwei_zhuxiao", "原单位注销表", 0 },
	{ "siwang_zhengming", "居民死亡医学证明书或其他死亡证明材料", 0 },
	{ "huzhao", "定居国护照", 0 },
	{ "xiaohu_zhengming", "公安户籍管理部门出具的销户证明", 0 },
	{ "cizhi_baogao_qianzi", "职工签字的辞职报告或单位辞退证明", 0 },
	/* 撤销用工登记 [001 准备必要材料] */
	{ "yingye_zhizhao", "营业执照副本", 0 },
	{ "tongyi_daima", "统一社会信用代码证书", 0 },
	{ "fading_sfz", "法定代表人身份证", 0 },
	{ "jingbanren_sfz", "经办人身份证", 0 },
	{ "shouquan_weituoshu", "授权委托书", 0 },
	{ "cuowu_zhengming", "信息错误证明材料(户口本、公安机关证明等)", 0 },
	/* 增员 (续保) [003 二 (二) 所需资料] */
	{ "hukouben_copy", "户口簿复印件", 0 },
	{ "yonggong_zhengming", "用工证明材料", 0 },
	{ "zhaopian", "参保职工电子相片(JPG)", 1u << ATTACH_JPEG },
	{ "zengjia_shenqing", "人员增加申请(签字盖章)", 0 },
	/* 当月欠费注销 [003 六 (二)] */
	{ "zhuxiao_shuoming", "经职工本人签字确认的欠费注销情况说明", 0 },
	/* 年度缴费工资申报 [003 九 (二) 根据每年工资申报文件规定] */
	{ "gongzi_shenbaobiao", "年度缴费工资申报表(单位盖章)", 0 },
	{ NULL, NULL, 0 }
};

/* MIME types by enum attach_type. */
static const char *const attach_mimes[ATTACH_TYPE__MAX] = {
	"application/pdf",	/* ATTACH_PDF */
	"image/jpeg",		/* ATTACH_JPEG */
};

/* Returns the material with that code, or NULL; static storage. */
const struct material *
attach_material(const char *code)
{
	const struct material	*m;

	if (code == NULL)
		return NULL;
	for (m = attach_materials; m->code != NULL; m++)
		if (strcmp(m->code, code) == 0)
			return m;
	return NULL;
}

/*
 * PDF: the header, then the last "startxref" before the last "%%EOF"
 * (within the last KiB, as readers look for it) must give the offset
 * of a cross-reference section: a classic table ("xref", subsections
 * of 20-byte entries, then "trailer" and a dictionary naming /Root) or
 * a cross-reference stream ("N G obj" whose dictionary says /Type /XRef
 * and names /Root).  Real scanners write both.
 */

/* Whether c is PDF white space (ISO 32000-1, 7.2.2). */
static int
pdf_space(unsigned char c)
{
	return c == 0x00 || c == '\t' || c == '\n' || c == '\f' ||
	    c == '\r' || c == ' ';
}

/* Whether c ends a PDF name or keyword: white space or a delimiter. */
static int
pdf_boundary(unsigned char c)
{
	return pdf_space(c) || strchr("()<>[]{}/%", c) != NULL;
}

/* Index of the first byte at or after i (before end) that is not PDF
 * white space, or end. */
static size_t
pdf_skip_space(const unsigned char *p, size_t i, size_t end)
{
	while (i < end && pdf_space(p[i]))
		i++;
	return i;
}

/* Index of the last occurrence of needle in p[from, to), or SIZE_MAX. */
static size_t
last_of(const unsigned char *p, size_t from, size_t to, const char *needle)
{
	size_t	 n = strlen(needle), i;

	if (to < from || to - from < n)
		return SIZE_MAX;
	for (i = to - n + 1; i-- > from; )
		if (memcmp(p + i, needle, n) == 0)
			return i;
	return SIZE_MAX;
}

/* Reads a decimal number of 1 to 10 digits at *i (before end) into *v
 * and moves *i past it.  Returns 0, or -1 when there is none. */
static int
pdf_number(const unsigned char *p, size_t *i, size_t end, uint64_t *v)
{
	size_t	 n = 0;

	*v = 0;
	while (*i < end && p[*i] >= '0' && p[*i] <= '9' && n < 10) {
		*v = *v * 10 + (uint64_t)(p[*i] - '0');
		(*i)++;
		n++;
	}
	if (n == 0 || (*i < end && p[*i] >= '0' && p[*i] <= '9'))
		return -1;
	return 0;
}

/* Whether p[i, end) starts with keyword kw followed by a boundary (or
 * the end). */
static int
pdf_keyword(const unsigned char *p, size_t i, size_t end, const char *kw)
{
	size_t	 n = strlen(kw);

	return end >= i && end - i >= n && memcmp(p + i, kw, n) == 0 &&
	    (i + n == end || pdf_boundary(p[i + n]));
}

/* Whether the dictionary text p[from, to) holds the name key (e.g.
 * "/Root"), followed by a boundary; with value (e.g. "/XRef", may be
 * NULL) as the next token. */
static int
pdf_has_key(const unsigned char *p, size_t from, size_t to, const char *key,
    const char *value)
{
	const unsigned char	*q;
	size_t			 n = strlen(key), i = from;

	while (i < to && (q = memmem(p + i, to - i, key, n)) != NULL) {
		i = (size_t)(q - p) + n;
		if (i < to && !pdf_boundary(p[i]))
			continue;
		if (value == NULL)
			return 1;
		i = pdf_skip_space(p, i, to);
		if (pdf_keyword(p, i, to, value))
			return 1;
	}
	return 0;
}

/* Whether the n digits at p[*i, end) are all digits; moves *i past. */
static int
pdf_digits(const unsigned char *p, size_t *i, size_t end, size_t n)
{
	size_t	 k;

	if (end - *i < n)
		return 0;
	for (k = 0; k < n; k++)
		if (p[*i + k] < '0' || p[*i + k] > '9')
			return 0;
	*i += n;
	return 1;
}

/* Whether one entry "nnnnnnnnnn ggggg n" (or f) starts at p[*i, end),
 * ended by white space; moves *i past it. */
static int
pdf_xref_entry(const unsigned char *p, size_t *i, size_t end)
{
	if (!pdf_digits(p, i, end, 10) || *i >= end || p[(*i)++] != ' ' ||
	    !pdf_digits(p, i, end, 5) || *i >= end || p[(*i)++] != ' ' ||
	    *i >= end || (p[*i] != 'n' && p[*i] != 'f'))
		return 0;
	(*i)++;
	return *i < end && pdf_space(p[*i]);
}

/* Whether a classic cross-reference table follows the keyword "xref"
 * at p[i, end): one or more subsections "first count" with count
 * entries each, then "trailer" and a dictionary naming /Root. */
static int
pdf_xref_table(const unsigned char *p, size_t i, size_t end)
{
	uint64_t	 first, count, k;
	int		 sections = 0;

	for (;;) {
		i = pdf_skip_space(p, i, end);
		if (i >= end || p[i] < '0' || p[i] > '9')
			break;
		if (pdf_number(p, &i, end, &first) == -1 || i >= end ||
		    p[i] != ' ')
			return 0;
		i++;
		if (pdf_number(p, &i, end, &count) == -1 ||
		    count > (end - i) / 18)
			return 0;
		for (k = 0; k < count; k++) {
			i = pdf_skip_space(p, i, end);
			if (!pdf_xref_entry(p, &i, end))
				return 0;
		}
		sections++;
	}
	if (sections == 0 || !pdf_keyword(p, i, end, "trailer"))
		return 0;
	i = pdf_skip_space(p, i + 7, end);
	if (end - i < 2 || memcmp(p + i, "<<", 2) != 0)
		return 0;
	return pdf_has_key(p, i, end, "/Root", NULL);
}

/* Whether a cross-reference stream "N G obj << ... >> stream" starts at
 * p[i, end): its dictionary has /Type /XRef and names /Root. */
static int
pdf_xref_stream(const unsigned char *p, size_t i, size_t end)
{
	const unsigned char	*q;
	uint64_t		 num, gen;
	size_t			 dict;

	if (pdf_number(p, &i, end, &num) == -1 || i >= end ||
	    !pdf_space(p[i]))
		return 0;
	i = pdf_skip_space(p, i, end);
	if (pdf_number(p, &i, end, &gen) == -1 || i >= end ||
	    !pdf_space(p[i]))
		return 0;
	i = pdf_skip_space(p, i, end);
	if (num == 0 || !pdf_keyword(p, i, end, "obj"))
		return 0;
	dict = pdf_skip_space(p, i + 3, end);
	if (end - dict < 2 || memcmp(p + dict, "<<", 2) != 0 ||
	    (q = memmem(p + dict, end - dict, "stream", 6)) == NULL)
		return 0;
	i = (size_t)(q - p);
	return pdf_has_key(p, dict, i, "/Type", "/XRef") &&
	    pdf_has_key(p, dict, i, "/Root", NULL);
}

/* Whether data is a PDF: "%PDF-1.n" or "%PDF-2.n" at the start, and a
 * startxref before the last %%EOF near the end that points at a real
 * cross-reference table or stream. */
static int
sniff_pdf(const unsigned char *p, size_t sz)
{
	size_t		 eof, sx, i;
	uint64_t	 off;

	if (sz < 16 || (memcmp(p, "%PDF-1.", 7) != 0 &&
	    memcmp(p, "%PDF-2.", 7) != 0) || p[7] < '0' || p[7] > '9')
		return 0;
	eof = last_of(p, sz > 1024 ? sz - 1024 : 0, sz, "%%EOF");
	if (eof == SIZE_MAX)
		return 0;
	sx = last_of(p, eof > 1024 ? eof - 1024 : 0, eof, "startxref");
	if (sx == SIZE_MAX)
		return 0;
	i = sx + 9;
	if (i >= eof || !pdf_space(p[i]))
		return 0;
	i = pdf_skip_space(p, i, eof);
	if (pdf_number(p, &i, eof, &off) == -1 ||
	    pdf_skip_space(p, i, eof) != eof)
		return 0;
	if (off < 9 || off >= sx)
		return 0;
	i = pdf_skip_space(p, (size_t)off, sx);
	if (pdf_keyword(p, i, sx, "xref"))
		return pdf_xref_table(p, i + 4, sx);
	return pdf_xref_stream(p, i, sx);
}

/*
 * JPEG: SOI, then marker segments (each FF, a marker, a two-byte
 * length) up to a frame header (SOFn) and a scan (SOS), whose
 * entropy-coded data runs to the next marker (FF 00 is a stuffed byte,
 * FF D0-D7 a restart); more segments and scans may follow (progressive
 * files), and EOI (FF D9) ends the image at the end of the file.
 */

/* After EOI at most this many NUL bytes are allowed: some scanners and
 * copying tools pad a file to an even length or a block with NULs.
 * Anything else after EOI is data a viewer never shows, so refused. */
#define JPEG_MAX_PADDING	16

/* Whether m is a start of frame: SOF0-3, 5-7, 9-11, 13-15. */
static int
jpeg_sof(unsigned char m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Whether m starts a segment with a length: SOFn, DHT, JPG, DAC, SOS,
 * DQT, DNL, DRI, DHP, EXP, APPn, JPGn, COM (not RSTn, SOI, EOI, TEM or
 * a reserved code). */
static int
jpeg_segment(unsigned char m)
{
	return m >= 0xC0 && m <= 0xFE && (m < 0xD0 || m > 0xD9);
}

/* Whether the frame header seg[0, len) (from its length bytes) is
 * sane: precision 2-16, a width, 1-255 components that fill it. */
static int
jpeg_frame(const unsigned char *seg, size_t len)
{
	if (len < 8)
		return 0;
	return seg[2] >= 2 && seg[2] <= 16 && (seg[5] | seg[6]) != 0 &&
	    seg[7] >= 1 && len == 8 + 3 * (size_t)seg[7];
}

/* Whether the scan header seg[0, len) names 1-4 components and fits. */
static int
jpeg_scan_header(const unsigned char *seg, size_t len)
{
	return len >= 3 && seg[2] >= 1 && seg[2] <= 4 &&
	    len == 6 + 2 * (size_t)seg[2];
}

/* Index of the FF of the marker that ends the entropy-coded data
 * starting at p[i], or sz when the data runs to the end. */
static size_t
jpeg_scan_end(const unsigned char *p, size_t i, size_t sz)
{
	const unsigned char	*q;
	unsigned char		 m;

	while (i < sz && (q = memchr(p + i, 0xFF, sz - i)) != NULL) {
		i = (size_t)(q - p);
		if (i + 1 >= sz)
			return sz;
		m = p[i + 1];
		if (m == 0x00 || (m >= 0xD0 && m <= 0xD7))
			i += 2;		/* stuffed byte or restart */
		else if (m == 0xFF)
			i++;		/* fill byte before a marker */
		else
			return i;
	}
	return sz;
}

/* Whether the n bytes after EOI are allowed padding. */
static int
jpeg_padding(const unsigned char *p, size_t n)
{
	size_t	 i;

	if (n > JPEG_MAX_PADDING)
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] != 0x00)
			return 0;
	return 1;
}

/* Whether data is a JPEG: the markers walked from SOI through a frame
 * header and at least one scan to EOI at the end (JPEG_MAX_PADDING). */
static int
sniff_jpeg(const unsigned char *p, size_t sz)
{
	size_t		 i = 2, len;
	unsigned char	 m;
	int		 frame = 0, scans = 0;

	if (sz < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return 0;
	while (i < sz) {
		if (p[i] != 0xFF)
			return 0;
		while (i < sz && p[i] == 0xFF)
			i++;		/* fill bytes */
		if (i >= sz)
			return 0;
		m = p[i++];
		if (m == 0xD9)
			return frame && scans > 0 && jpeg_padding(p + i, sz - i);
		if (!jpeg_segment(m) || sz - i < 2)
			return 0;
		len = (size_t)p[i] << 8 | p[i + 1];
		if (len < 2 || len > sz - i)
			return 0;
		if (jpeg_sof(m)) {
			if (!jpeg_frame(p + i, len))
				return 0;
			frame = 1;
		}
		if (m == 0xDA) {
			if (!frame || !jpeg_scan_header(p + i, len))
				return 0;
			scans++;
			i = jpeg_scan_end(p, i + len, sz);
			continue;
		}
		i += len;
	}
	return 0;
}

/*
 * Markup: tags and declarations that make a file something a browser
 * would run as a page, refused anywhere in an attachment whatever
 * their case.  Each must be followed by white space, '>', '/' or '-'
 * (<?xml-stylesheet), as in a document: the random-looking bytes of
 * compressed image data then match by chance about once in 3,000
 * files of 5 MB (once in 30,000 of 500 KB), where "<svg" alone would
 * match once in 100 of 5 MB.  No three-letter tag but <svg is listed
 * for that reason.
 */
static const char *const attach_markup[] = {
	"<html", "<head", "<body", "<script", "<style", "<svg", "<!doctype",
	"<iframe", "<frame", "<frameset", "<object", "<embed", "<applet",
	"<meta", "<link", "<base", "<form", "<?xml", "<xsl:stylesheet", NULL
};

/* ASCII lower case of c. */
static unsigned char
ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Whether one of attach_markup starts at p[0, n), whatever its case,
 * followed by a boundary. */
static int
markup_at(const unsigned char *p, size_t n)
{
	const char *const	*m;
	size_t			 len, k;

	for (m = attach_markup; *m != NULL; m++) {
		len = strlen(*m);
		if (n <= len)
			continue;
		for (k = 1; k < len; k++)
			if (ascii_lower(p[k]) != (unsigned char)(*m)[k])
				break;
		if (k == len && strchr(" \t\n\r\f>/-", p[len]) != NULL &&
		    p[len] != '\0')
			return 1;
	}
	return 0;
}

/* Whether the sz bytes at p hold markup (attach_markup) anywhere. */
static int
has_markup(const unsigned char *p, size_t sz)
{
	const unsigned char	*q;
	size_t			 i = 0;

	while (i < sz && (q = memchr(p + i, '<', sz - i)) != NULL) {
		i = (size_t)(q - p);
		if (markup_at(p + i, sz - i))
			return 1;
		i++;
	}
	return 0;
}

/* Recognises data by content; see attach.h. */
enum attach_err
attach_sniff(const void *data, size_t sz, enum attach_type *type)
{
	const unsigned char	*p = data;

	if (data == NULL || sz == 0)
		return ATTACH_EMPTY;
	if (sz > ATTACH_MAX_BYTES)
		return ATTACH_TOOBIG;
	if (has_markup(p, sz))
		return ATTACH_MARKUP;
	if (sniff_pdf(p, sz)) {
		*type = ATTACH_PDF;
		return ATTACH_OK;
	}
	if (sniff_jpeg(p, sz)) {
		*type = ATTACH_JPEG;
		return ATTACH_OK;
	}
	return ATTACH_NOTTYPE;
}

/* Returns the MIME type of type (static storage). */
const char *
attach_mime(enum attach_type type)
{
	switch (type) {
	case ATTACH_PDF:
	case ATTACH_JPEG:
		return attach_mimes[type];
	case ATTACH_TYPE__MAX:
	default:
		abort();
	}
}

/* Writes the Chinese message of e about material name into buf and
 * returns buf (owned by the caller). */
const char *
attach_message(enum attach_err e, const char *name, char *buf, size_t bufsz)
{
	if (name == NULL || *name == '\0')
		name = "附件";
	switch (e) {
	case ATTACH_OK:
		snprintf(buf, bufsz, "「%s」已上传", name);
		break;
	case ATTACH_EMPTY:
		snprintf(buf, bufsz, "请选择「%s」的文件", name);
		break;
	case ATTACH_TOOBIG:
		snprintf(buf, bufsz, "「%s」超过5MB,请压缩或分页扫描后重新上传",
		    name);
		break;
	case ATTACH_NOTTYPE:
		snprintf(buf, bufsz, "「%s」不是PDF或JPG文件(按文件内容识别),"
		    "请上传PDF或JPG格式的扫描件", name);
		break;
	case ATTACH_MARKUP:
		snprintf(buf, bufsz, "「%s」的文件内容含有网页代码,不是有效的PDF或"
		    "JPG文件,请上传PDF或JPG格式的扫描件", name);
		break;
	case ATTACH_WRONGTYPE:
		snprintf(buf, bufsz, "「%s」须为JPG格式的图片(按文件内容识别),"
		    "请上传JPG照片", name);
		break;
	case ATTACH_BADKIND:
		snprintf(buf, bufsz, "不需要上传该材料");
		break;
	case ATTACH_LOCKED:
		snprintf(buf, bufsz, "该业务已提交、已结束或已退单,不能再上传附件");
		break;
	case ATTACH_ERR__MAX:
		snprintf(buf, bufsz, "「%s」未能保存,系统繁忙,请稍后再试", name);
		break;
	default:
		abort();
	}
	return buf;
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	size_t	 len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	/* No overlong or surrogate forms. */
	if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
	    (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
		return 0;
	return len;
}

/* Copies a display name of filename into out: valid UTF-8 only, no
 * control characters, slashes turned into '_', at most
 * ATTACH_NAME_CHARS characters and outsz - 1 bytes (struct attachment
 * holds 255), cut between characters; "附件" when nothing is left. */
static void
sanitise_name(const char *filename, char *out, size_t outsz)
{
	const unsigned char	*p = (const unsigned char *)
				    (filename != NULL ? filename : "");
	size_t			 n = strlen((const char *)p), o = 0, len, chars = 0;

	while (*p != '\0' && chars < ATTACH_NAME_CHARS) {
		len = utf8_len(p, n);
		if (len == 0) {		/* invalid byte: skip it */
			p++, n--;
			continue;
		}
		if (o + len + 1 > outsz)
			break;
		if (len == 1 && (*p < 0x20 || *p == 0x7F)) {
			p++, n--;
			continue;
		}
		if (len == 1 && (*p == '/' || *p == '\\'))
			out[o] = '_';
		else
			memcpy(out + o, p, len);
		o += len;
		p += len;
		n -= len;
		chars++;
	}
	out[o] = '\0';
	if (o == 0)
		snprintf(out, outsz, "附件");
}

/* Whether name ends in ext (e.g. ".pdf") after at least one more
 * byte, whatever the case of its ASCII letters. */
static int
ends_with(const char *name, const char *ext)
{
	size_t	 n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* Whether name (as sanitised) already ends in an extension of type. */
static int
has_extension(const char *name, enum attach_type type)
{
	if (type == ATTACH_PDF)
		return ends_with(name, ".pdf");
	return ends_with(name, ".jpg") || ends_with(name, ".jpeg");
}

/* Number of UTF-8 characters in the n bytes at s. */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t	 i, chars = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	return chars;
}

/* Makes the sanitised display name[namesz] end in the extension of
 * type, so that a file is always saved and opened as what it is: kept
 * when it does (.pdf; .jpg or .jpeg), else its last extension (1 to 8
 * ASCII letters or digits after a dot, e.g. "poly.html") is replaced
 * by ".pdf" or ".jpg", or one is added; the name is cut between
 * characters so that the whole keeps within ATTACH_NAME_CHARS
 * characters and namesz - 1 bytes.  "附件" when nothing is left. */
static void
fix_extension(char *name, size_t namesz, enum attach_type type)
{
	const char	*ext = type == ATTACH_PDF ? ".pdf" : ".jpg";
	char		*dot;
	size_t		 n, elen = strlen(ext), k;

	if (has_extension(name, type))
		return;
	if ((dot = strrchr(name, '.')) != NULL) {
		for (k = 1; dot[k] != '\0' && k <= 9; k++)
			if (!((dot[k] >= 'a' && dot[k] <= 'z') ||
			    (dot[k] >= 'A' && dot[k] <= 'Z') ||
			    (dot[k] >= '0' && dot[k] <= '9')))
				break;
		if (dot[k] == '\0' && k <= 9)
			*dot = '\0';
	}
	n = strlen(name);
	while (n > 0 && (n + elen + 1 > namesz ||
	    utf8_chars(name, n) + elen > ATTACH_NAME_CHARS)) {
		n--;
		while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--;
	}
	if (n == 0)
		snprintf(name, namesz, "附件%s", ext);
	else
		memcpy(name + n, ext, elen + 1);
}

/* Checks, inside the caller's write transaction, that task_id exists,
 * is unit_id's when unit_id > 0, and is still 未提交 (so a file cannot
 * land on a task submitted or withdrawn meanwhile by another process).
 * Returns 0 yes, 1 no such task of the unit, 2 not 未提交, -1 error. */
static int
task_of_unit(struct store *s, int64_t task_id, int64_t unit_id)
{
	struct store_stmt	*st;
	int		 rc, editable = 0;

	st = store_stmt(s, attach_sql[ATTACH_STMT_TASK_OPEN]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW)
		editable = store_col_int(st, 0);
	store_reset(st);
	if (rc == STORE_ROW)
		return editable ? 0 : 2;
	return rc == STORE_DONE ? 1 : -1;
}

/* Deletes the earlier file of (task, person, code); returns 0 or -1. */
static int
delete_old(struct store *s, int64_t task_id, int64_t person_id,
    const char *code)
{
	struct store_stmt	*st;

	st = store_stmt(s, attach_sql[ATTACH_STMT_DROP]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, code) != 0)
		return -1;
	if ((person_id > 0 ? store_bind_int(st, 3, person_id) :
	    store_bind_null(st, 3)) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* Inserts the file; returns 0 or -1. */
static int
insert_file(struct store *s, int64_t task_id, int64_t person_id,
    const char *code, const char *name, enum attach_type type,
    const void *data, size_t sz, const char *sha)
{
	struct store_stmt	*st;

	if (sz > (size_t)INT32_MAX)
		return -1;
	st = store_stmt(s, attach_sql[ATTACH_STMT_ADD]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, code) != 0 ||
	    store_bind_text(st, 3, name) != 0 ||
	    store_bind_text(st, 4, attach_mime(type)) != 0 ||
	    store_bind_int(st, 5, (int64_t)sz) != 0 ||
	    store_bind_text(st, 6, sha) != 0 ||
	    store_bind_blob(st, 7, data, sz) != 0 ||
	    store_bind_int(st, 8, (int64_t)clock_now()) != 0)
		return -1;
	if ((person_id > 0 ? store_bind_int(st, 9, person_id) :
	    store_bind_null(st, 9)) != 0)
		return -1;
	return store_exec_stmt(s, st);
}

/* Checks and stores a file inside the caller's transaction; see
 * attach.h.  Returns ATTACH_OK, a refusal, or ATTACH_ERR__MAX on a
 * store error or a task that is not the actor's unit's. */
enum attach_err
attach_store(struct store *s, const struct actor *who, int64_t task_id,
    int64_t person_id, const char *code, const char *filename,
    const void *data, size_t sz)
{
	const struct material	*m;
	enum attach_type	 type;
	enum attach_err		 e;
	char			 name[256];
	char			 sha[65], obj[64], detail[256];
	int			 rc;

	if ((m = attach_material(code)) == NULL)
		return ATTACH_BADKIND;
	if ((e = attach_sniff(data, sz, &type)) != ATTACH_OK)
		return e;
	if (m->types != 0 && (m->types & (1u << type)) == 0)
		return ATTACH_WRONGTYPE;
	if (!s->in_tx) {
		log_err("attach_store outside a transaction");
		return ATTACH_ERR__MAX;
	}
	if ((rc = task_of_unit(s, task_id, who->unit_id)) == 2)
		return ATTACH_LOCKED;
	if (rc != 0) {
		if (rc > 0)
			log_warn("attachment for task %lld refused: not the "
			    "unit's", (long long)task_id);
		return ATTACH_ERR__MAX;
	}
	sanitise_name(filename, name, sizeof(name));
	fix_extension(name, sizeof(name), type);
	sha256_hex(data, sz, sha);
	if (delete_old(s, task_id, person_id, m->code) != 0 ||
	    insert_file(s, task_id, person_id, m->code, name, type, data, sz,
	    sha) != 0)
		return ATTACH_ERR__MAX;
	snprintf(obj, sizeof(obj), "task:%lld", (long long)task_id);
	snprintf(detail, sizeof(detail), "%s person=%lld %s %zu bytes sha256=%s",
	    m->code, (long long)person_id, attach_mime(type), sz, sha);
	if (audit_append(s, who, "attach.upload", obj, detail) != 0)
		return ATTACH_ERR__MAX;
	return ATTACH_OK;
}

/* Whether task_id (and person_id when > 0) has a file of code.
 * Returns 1, 0, or -1 on error. */
int
attach_has(struct store *s, int64_t task_id, int64_t person_id,
    const char *code)
{
	struct store_stmt	*st;
	int		 rc;

	st = store_stmt(s, attach_sql[ATTACH_STMT_HAS]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    store_bind_text(st, 2, code) != 0 ||
	    store_bind_int(st, 3, person_id) != 0)
		return -1;
	rc = store_step(st);
	store_reset(st);
	if (rc == STORE_ROW)
		return 1;
	return rc == STORE_DONE ? 0 : -1;
}

/* Fills a from the first eight columns of the current row of st:
 * id, task_id, person_id, kind, filename, mime, size, sha256. */
static void
row_to_attachment(struct store_stmt *st, struct attachment *a)
{
	const struct material	*m;

	memset(a, 0, sizeof(*a));
	a->id = store_col_int64(st, 0);
	a->task_id = store_col_int64(st, 1);
	a->person_id = store_col_int64(st, 2);
	snprintf(a->code, sizeof(a->code), "%s", store_col_text(st, 3));
	m = attach_material(a->code);
	snprintf(a->name, sizeof(a->name), "%s", m != NULL ? m->name : a->code);
	snprintf(a->filename, sizeof(a->filename), "%s", store_col_text(st, 4));
	snprintf(a->mime, sizeof(a->mime), "%s", store_col_text(st, 5));
	a->size = (size_t)store_col_int64(st, 6);
	snprintf(a->sha256, sizeof(a->sha256), "%s", store_col_text(st, 7));
}

/* Calls fn for each attachment of task_id in upload order.  Returns the
 * count or -1.  The struct handed to fn is valid during the call only. */
int
attach_list(struct store *s, int64_t task_id,
    void (*fn)(const struct attachment *a, void *arg), void *arg)
{
	struct store_stmt		*st;
	struct attachment	 a;
	int			 rc, n = 0;

	st = store_stmt(s, attach_sql[ATTACH_STMT_LIST]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		row_to_attachment(st, &a);
		n++;
		fn(&a, arg);
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* Loads attachment id with its bytes when its task is unit_id's (0 =
 * any).  *data is malloc'd, owned by the caller.  Returns 0, 1 not
 * found or another unit's, -1 error. */
int
attach_load(struct store *s, int64_t id, int64_t unit_id,
    struct attachment *out, unsigned char **data)
{
	struct store_stmt	*st;
	const void	*blob;
	int		 rc, ret = -1;
	size_t		 sz;

	*data = NULL;
	st = store_stmt(s, attach_sql[ATTACH_STMT_LOAD]);
	if (st == NULL || store_bind_int(st, 1, id) != 0 ||
	    store_bind_int(st, 2, unit_id) != 0)
		return -1;
	if ((rc = store_step(st)) != STORE_ROW) {
		ret = rc == STORE_DONE ? 1 : -1;
		goto out;
	}
	row_to_attachment(st, out);
	blob = store_col_blob(st, 8, &sz);
	if ((*data = malloc(sz > 0 ? sz : 1)) == NULL)
		goto out;
	if (sz > 0)
		memcpy(*data, blob, sz);
	out->size = sz;
	ret = 0;
out:
	store_reset(st);
	return ret;
}

/* Calls fn for each attachment of person_id in task_id (0: the files
 * of the task as a whole) in upload order, through the index on
 * (task_id, person_id).  Returns the count or -1. */
int
attach_list_person(struct store *s, int64_t task_id, int64_t person_id,
    void (*fn)(const struct attachment *a, void *arg), void *arg)
{
	struct store_stmt	*st;
	struct attachment	 a;
	int			 rc, n = 0;

	st = store_stmt(s, attach_sql[ATTACH_STMT_LIST_PERSON]);
	if (st == NULL || store_bind_int(st, 1, task_id) != 0 ||
	    (person_id > 0 ? store_bind_int(st, 2, person_id) :
	    store_bind_null(st, 2)) != 0)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		row_to_attachment(st, &a);
		n++;
		fn(&a, arg);
	}
	store_reset(st);
	return rc == STORE_DONE ? n : -1;
}

/* Moves the files of person_id (> 0) from task from_task to task
 * to_task inside the caller's transaction; see attach.h.  Returns the
 * number moved or -1. */
int
attach_move(struct store *s, int64_t from_task, int64_t to_task,
    int64_t person_id)
{
	struct store_stmt	*st;

	if (person_id <= 0 || !store_in_tx(s)) {
		log_err("attach_move: no person or outside a transaction");
		return -1;
	}
	st = store_stmt(s, attach_sql[ATTACH_STMT_MOVE]);
	if (st == NULL || store_bind_int(st, 1, to_task) != 0 ||
	    store_bind_int(st, 2, from_task) != 0 ||
	    store_bind_int(st, 3, person_id) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	return store_changes(s);
}
