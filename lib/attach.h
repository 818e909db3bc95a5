/*
 * attach.h: attachments (附件) of tasks: PDF or JPG recognised by
 * content, never by name or claimed type, at most ATTACH_MAX_BYTES
 * each, stored as BLOBs with their SHA-256; and the catalogue of
 * materials (材料) the businesses ask for.
 */
#ifndef HALL_ATTACH_H
#define HALL_ATTACH_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct actor;

#define ATTACH_MAX_BYTES	(5u * 1024u * 1024u)	/* 5 MB [000] */

enum attach_type {
	ATTACH_PDF,	/* ATTACH_PDF: %PDF-1.n or %PDF-2.n, then startxref near the end pointing at a cross-reference table with its trailer, or at a cross-reference stream */
	ATTACH_JPEG,	/* ATTACH_JPEG: SOI, marker segments, a frame and scans walked to EOI at the end (up to 16 NUL bytes of padding after it) */
	ATTACH_TYPE__MAX
};

enum attach_err {
	ATTACH_OK,		/* ATTACH_OK */
	ATTACH_EMPTY,		/* ATTACH_EMPTY: no file chosen */
	ATTACH_TOOBIG,		/* ATTACH_TOOBIG: over 5 MB */
	ATTACH_NOTTYPE,		/* ATTACH_NOTTYPE: neither PDF nor JPG by content */
	ATTACH_MARKUP,		/* ATTACH_MARKUP: holds web page code (<html, <script, <svg ...) */
	ATTACH_BADKIND,		/* ATTACH_BADKIND: unknown material code */
	ATTACH_LOCKED,		/* ATTACH_LOCKED: the task is no longer 未提交 */
	ATTACH_WRONGTYPE,	/* ATTACH_WRONGTYPE: a type the material does not take */
	ATTACH_ERR__MAX
};

/* One material a business may ask for. */
struct material {
	const char	*code;		/* form field and stored kind, e.g. "jiechu_zhengming" */
	const char	*name;		/* 解除/终止劳动合同证明书 */
	unsigned int	 types;		/* 1 << enum attach_type it takes;
					 * 0: any (PDF or JPG) */
};

/* Every material of every business, NULL-terminated by code. */
extern const struct material attach_materials[];

/* The material with that code, or NULL. */
const struct material *attach_material(const char *code);

/* Recognises data by content.  Returns ATTACH_OK with *type set, or
 * ATTACH_EMPTY, ATTACH_TOOBIG, ATTACH_MARKUP (a tag such as <html or
 * <script anywhere, whatever the case, so no polyglot gets in),
 * ATTACH_NOTTYPE. */
enum attach_err	 attach_sniff(const void *data, size_t sz, enum attach_type *type);

/* MIME type of a type ("application/pdf", "image/jpeg"). */
const char	*attach_mime(enum attach_type type);

/* Chinese message for e about material name, e.g.
 * "「员工身份证复印件」不是PDF或JPG文件(按文件内容识别)". */
const char	*attach_message(enum attach_err e, const char *name,
		    char *buf, size_t bufsz);

/* Checks and stores a file for task_id (person_id 0 = the task as a
 * whole) as material code, replacing an earlier file of the same
 * material and person, inside the caller's transaction; audits it.
 * The file name is kept only for display: sanitised to 100 UTF-8
 * characters and made to end in .pdf or .jpg as the content is (a
 * .jpeg, or any case, kept), so "poly.html" is stored "poly.pdf".  Returns ATTACH_OK, an error, or -1 on a store error
 * (as (enum attach_err)-1 is awkward: returns ATTACH_ERR__MAX). */
enum attach_err	 attach_store(struct store *s, const struct actor *who,
		    int64_t task_id, int64_t person_id, const char *code,
		    const char *filename, const void *data, size_t sz);

/* Whether task_id (and person_id when > 0) has a file of material
 * code.  Returns 1, 0, or -1 on error. */
int		 attach_has(struct store *s, int64_t task_id, int64_t person_id,
		    const char *code);

/* One stored attachment (without its bytes). */
struct attachment {
	int64_t		 id;
	int64_t		 task_id;
	int64_t		 person_id;
	char		 code[48];
	char		 name[128];	/* material name */
	char		 filename[256];
	char		 mime[32];
	size_t		 size;
	char		 sha256[65];
};

/* Calls fn for each attachment of task_id.  Returns the count or -1. */
int		 attach_list(struct store *s, int64_t task_id,
		    void (*fn)(const struct attachment *a, void *arg), void *arg);

/* Calls fn for each attachment of person_id in task_id (person_id 0:
 * the files of the task as a whole), in upload order.  Returns the
 * count or -1. */
int		 attach_list_person(struct store *s, int64_t task_id,
		    int64_t person_id,
		    void (*fn)(const struct attachment *a, void *arg), void *arg);

/* Moves every file of person_id (> 0) from task from_task to task
 * to_task inside the caller's transaction, as they are (a reviewer's
 * partial decision sends the person's row back as a task of its own).
 * Returns the number of files moved, or -1. */
int		 attach_move(struct store *s, int64_t from_task,
		    int64_t to_task, int64_t person_id);

/* Loads attachment id with its bytes, only if its task belongs to
 * unit_id (0 = any unit: reviewers).  *data is malloc'd (caller frees).
 * Returns 0, 1 not found (or another unit's), -1 error. */
int		 attach_load(struct store *s, int64_t id, int64_t unit_id,
		    struct attachment *out, unsigned char **data);

#endif
