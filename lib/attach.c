/*
 * attach.c: attachments (附件) of tasks; see attach.h.  A file is a PDF
 * or a JPEG by what its bytes say, never by its name or the type the
 * browser claims; it is stored as a BLOB with its SHA-256 inside the
 * caller's transaction, and every upload is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "ident.h"
#include "log.h"
#include "store.h"

/* Display names keep at most this many UTF-8 characters. */
#define ATTACH_NAME_CHARS	100

const struct material attach_materials[] = {
	/* 退工登记 [000 上传附件材料] */
	{ "jiechu_zhengming", "解除/终止劳动合同证明书" },
	{ "sfz_copy", "员工身份证复印件" },
	{ "hetong_copy", "劳动合同复印件" },
	{ "jiechu_tongzhi", "解除劳动合同通知书" },
	{ "gonghui_yijian", "工会意见" },
	{ "cizhi_shenqing", "辞职申请书" },
	{ "buchang_pingzheng", "经济补偿金计算表及支付凭证" },
	{ "gonggao_pingzheng", "公告凭证" },
	/* 城镇职工减少 [002 注意事项 4-8] */
	{ "tuigong_huamingce", "退工花名册" },
	{ "xin_yonggong_beian", "新单位用工备案表" },
	{ "jiechu_guanxi_zhengming", "解除劳动关系证明书" },
	{ "diaoling", "工作人员调令" },
	{ "renmian_wenjian", "任免文件" },
	{ "cizhi_citui_wenjian", "辞职辞退相关文件材料" },
	{ "faren_xindanwei_beian", "法人新单位用工备案表" },
	{ "xin_yingye_zhizhao", "新法人营业执照或变更后的营业执照" },
	{ "yuandanwei_zhuxiao", "原单位注销表" },
	{ "siwang_zhengming", "居民死亡医学证明书或其他死亡证明材料" },
	{ "huzhao", "定居国护照" },
	{ "xiaohu_zhengming", "公安户籍管理部门出具的销户证明" },
	{ "cizhi_baogao_qianzi", "职工签字的辞职报告或单位辞退证明" },
	{ NULL, NULL }
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

/* Whether the sz bytes at p contain needle (of nsz bytes). */
static int
contains(const unsigned char *p, size_t sz, const char *needle, size_t nsz)
{
	size_t	 i;

	if (nsz == 0 || sz < nsz)
		return 0;
	for (i = 0; i + nsz <= sz; i++)
		if (memcmp(p + i, needle, nsz) == 0)
			return 1;
	return 0;
}

/* Whether data is a PDF: "%PDF-1." or "%PDF-2." at the start and
 * "%%EOF" within the last KiB. */
static int
sniff_pdf(const unsigned char *p, size_t sz)
{
	size_t	 tail;

	if (sz < 16 || (memcmp(p, "%PDF-1.", 7) != 0 &&
	    memcmp(p, "%PDF-2.", 7) != 0))
		return 0;
	tail = sz > 1024 ? 1024 : sz;
	return contains(p + sz - tail, tail, "%%EOF", 5);
}

/* Whether the marker byte after FF D8 FF may start a JPEG: an APPn,
 * DQT, DHT, a start of frame, or a comment. */
static int
jpeg_first_marker(unsigned char m)
{
	if (m >= 0xE0 && m <= 0xEF)	/* APP0 JFIF, APP1 Exif, ... */
		return 1;
	if (m >= 0xC0 && m <= 0xC3)	/* SOF0-3 */
		return 1;
	return m == 0xDB || m == 0xC4 || m == 0xFE;	/* DQT, DHT, COM */
}

/* Whether data is a JPEG: FF D8 FF, a plausible first marker, and FF D9
 * as the last two bytes before any NUL padding (at most 16 bytes). */
static int
sniff_jpeg(const unsigned char *p, size_t sz)
{
	size_t	 end = sz, pad = 0;

	if (sz < 8 || p[0] != 0xFF || p[1] != 0xD8 || p[2] != 0xFF ||
	    !jpeg_first_marker(p[3]))
		return 0;
	while (end > 4 && p[end - 1] == 0x00 && pad < 16) {
		end--;
		pad++;
	}
	return end >= 6 && p[end - 2] == 0xFF && p[end - 1] == 0xD9;
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

/* Checks, inside the caller's write transaction, that task_id exists,
 * is unit_id's when unit_id > 0, and is still 未提交 (so a file cannot
 * land on a task submitted or withdrawn meanwhile by another process).
 * Returns 0 yes, 1 no such task of the unit, 2 not 未提交, -1 error. */
static int
task_of_unit(struct store *s, int64_t task_id, int64_t unit_id)
{
	struct store_stmt	*st;
	int		 rc, editable = 0;

	st = store_stmt(s, "SELECT state = '未提交' FROM tasks WHERE id = ?1 "
	    "AND (?2 <= 0 OR unit_id = ?2)");
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

	st = store_stmt(s, "DELETE FROM attachments WHERE task_id = ?1 AND "
	    "kind = ?2 AND person_id IS ?3");
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
	st = store_stmt(s, "INSERT INTO attachments (task_id, kind, filename, "
	    "mime, size, sha256, data, uploaded_at, person_id) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
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

	st = store_stmt(s, "SELECT 1 FROM attachments WHERE task_id = ?1 AND "
	    "kind = ?2 AND (?3 <= 0 OR person_id = ?3) LIMIT 1");
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

	st = store_stmt(s, "SELECT id, task_id, COALESCE(person_id, 0), kind, "
	    "filename, mime, size, sha256 FROM attachments WHERE task_id = ?1 "
	    "ORDER BY id");
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
	st = store_stmt(s, "SELECT a.id, a.task_id, COALESCE(a.person_id, 0), "
	    "a.kind, a.filename, a.mime, a.size, a.sha256, a.data FROM "
	    "attachments a JOIN tasks t ON t.id = a.task_id WHERE a.id = ?1 "
	    "AND (?2 <= 0 OR t.unit_id = ?2)");
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

	st = store_stmt(s, "SELECT id, task_id, COALESCE(person_id, 0), kind, "
	    "filename, mime, size, sha256 FROM attachments WHERE task_id = ?1 "
	    "AND person_id IS ?2 ORDER BY id");
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
	st = store_stmt(s, "UPDATE attachments SET task_id = ?1 WHERE "
	    "task_id = ?2 AND person_id = ?3");
	if (st == NULL || store_bind_int(st, 1, to_task) != 0 ||
	    store_bind_int(st, 2, from_task) != 0 ||
	    store_bind_int(st, 3, person_id) != 0 ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	return store_changes(s);
}
