/*
 * xlsx.c: reading and writing the one-sheet .xlsx workbooks of batch
 * businesses.  See xlsx.h.
 *
 * Reading treats the upload as hostile.  xlsx_read() forks; the child
 * lowers its CPU (and, outside AddressSanitizer, address-space) limits,
 * closes every other descriptor, parses with xlsx_parse() and sends the
 * cells back through a pipe in a length-prefixed framing that the
 * parent decodes with bounds checks.  xlsx_parse() opens the zip from
 * memory (at most XLSX_MAX_ENTRIES entries), reads only the entries it
 * needs, each inflated in chunks against running caps that ignore the
 * sizes the archive claims, and parses them with libxml2's xmlReader
 * without entity substitution, DTD loading or network, refusing any
 * document with a DOCTYPE or an entity reference.
 *
 * Writing builds the parts with xmlTextWriter (which escapes) and zips
 * them into memory with libzip.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <zip.h>

#include "log.h"
#include "xlsx.h"
#include "xlsx_int.h"

/* RLIMIT_AS breaks AddressSanitizer's shadow memory. */
#if defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define XLSX_ASAN 1
# endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(XLSX_ASAN)
# define XLSX_ASAN 1
#endif
#ifndef XLSX_ASAN
# define XLSX_ASAN 0
#endif

#define XLSX_CPU_SECONDS	5
#define XLSX_MAX_ATTRS		256	/* attributes of one tag */
#define XLSX_AS_EXTRA		(512u * 1024u * 1024u)
#define XLSX_XML_OPTS		(XML_PARSE_NONET | XML_PARSE_NOCDATA | \
				 XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
#define XLSX_NS_MAIN	"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define XLSX_NS_REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XLSX_NS_PKGREL	"http://schemas.openxmlformats.org/package/2006/relationships"
#define XLSX_MTIME	((time_t)1577836800)	/* 2020-01-01: stable output */
#define X(s)		((const xmlChar *)(s))

static const char *const xlsx_messages[XLSX_ERR__MAX] = {
	"",							/* XLSX_OK */
	"文件不是有效的Excel(.xlsx)文件,请使用下载的模板",	/* XLSX_NOTZIP */
	"文件过大或解压后超出限制,已拒绝处理",			/* XLSX_BOMB */
	"文件内容格式错误或含有不允许的内容",			/* XLSX_BADXML */
	"文件超出限制(最多20000行、64列,每格最多1024字节)",	/* XLSX_TOOMANY */
	"文件过大,无法处理",					/* XLSX_NOMEM */
};

/* A growing byte buffer, NUL-terminated when non-empty. */
struct xbuf {
	char		*p;
	size_t		 len;
	size_t		 cap;
};

/* The state of one parse. */
struct xlsx_ctx {
	zip_t			*za;
	struct xlsx_stats	*stats;
	size_t			 inflated;
	char			**sst;		/* shared strings */
	size_t			 nsst;
	size_t			 sstcap;
	unsigned char		*xfdate;	/* per cellXfs index: a date? */
	size_t			 nxf;
	int			 date1904;
	size_t			 textbytes;
	size_t			 rowcap;
	struct xlsx_sheet	*out;
};

/* Chinese message for e (static).  Values outside the enum can arrive
 * through struct batch_result's int xlsx_error (its own refusals are
 * negative; batch_message() words them): they get a general message
 * rather than an abort. */
const char *
xlsx_message(enum xlsx_err e)
{
	if ((unsigned)e >= XLSX_ERR__MAX)
		return "文件无法处理,请下载最新模板,按表头填写后上传";
	return xlsx_messages[e];
}

/* Frees every row and cell of sh and empties it; NULL is fine. */
void
xlsx_free(struct xlsx_sheet *sh)
{
	size_t	 i, j;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->nrows; i++) {
		for (j = 0; j < sh->rows[i].ncells; j++)
			free(sh->rows[i].cells[j]);
		free(sh->rows[i].cells);
	}
	free(sh->rows);
	sh->rows = NULL;
	sh->nrows = 0;
}

/* ---- small helpers ---- */

/* Appends s[0..n) to b unless b would pass max bytes.  Returns 0, -1
 * out of memory, 1 over max. */
static int
xbuf_add(struct xbuf *b, const char *s, size_t n, size_t max)
{
	size_t	 need, ncap;
	char	*p;

	if (n > max || b->len > max - n)
		return 1;
	need = b->len + n + 1;
	if (need > b->cap) {
		ncap = b->cap < 64 ? 64 : b->cap;
		while (ncap < need)
			ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
		if ((p = realloc(b->p, ncap)) == NULL)
			return -1;
		b->p = p;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

/* The text of b ("" when empty); borrowed from b. */
static const char *
xbuf_str(const struct xbuf *b)
{
	return b->len == 0 ? "" : b->p;
}

/* Parses a decimal unsigned number of at most 9 digits, the whole of s.
 * Returns it or -1. */
static long
xlsx_num(const char *s)
{
	long	 v = 0;
	size_t	 i;

	if (s[0] == '\0')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 9)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Copies the attribute name (in namespace ns, or none when NULL) of the
 * current element into buf.  Returns 1 present, 0 absent, -1 too long
 * or out of memory. */
static int
xlsx_attr(xmlTextReaderPtr r, const char *name, const char *ns, char *buf,
    size_t bufsz)
{
	xmlChar	*v;
	size_t	 n;

	v = ns == NULL ? xmlTextReaderGetAttribute(r, X(name)) :
	    xmlTextReaderGetAttributeNs(r, X(name), X(ns));
	if (v == NULL)
		return 0;
	n = strlen((const char *)v);
	if (n >= bufsz) {
		xmlFree(v);
		return -1;
	}
	memcpy(buf, v, n + 1);
	xmlFree(v);
	return 1;
}

/* Advances r by one node.  Returns 1 on a node, 0 at the end, -1 on
 * malformed XML or a forbidden node (DOCTYPE, entities, notations). */
static int
xlsx_next(xmlTextReaderPtr r)
{
	int	 rc;

	if ((rc = xmlTextReaderRead(r)) != 1)
		return rc == 0 ? 0 : -1;
	switch (xmlTextReaderNodeType(r)) {
	case XML_READER_TYPE_DOCUMENT_TYPE:
	case XML_READER_TYPE_ENTITY_REFERENCE:
	case XML_READER_TYPE_ENTITY:
	case XML_READER_TYPE_NOTATION:
		return -1;
	default:
		return 1;
	}
}

/* Whether the current node is text (including whitespace). */
static int
xlsx_is_text(xmlTextReaderPtr r)
{
	int	 t = xmlTextReaderNodeType(r);

	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	    t == XML_READER_TYPE_WHITESPACE ||
	    t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* The local name of the current node ("" if none); borrowed from r. */
static const char *
xlsx_name(xmlTextReaderPtr r)
{
	const xmlChar	*n = xmlTextReaderConstLocalName(r);

	return n == NULL ? "" : (const char *)n;
}

/*
 * Whether no tag of doc[0..len) holds more than XLSX_MAX_ATTRS '='
 * outside quotes.  libxml2 checks a start tag's attributes for
 * duplicates in time quadratic in their number (50000 on one element,
 * a 110 KB upload, cost seconds), so such a tag is refused before
 * parsing, in one linear pass.  Markup that is not a tag is scanned as
 * text: at worst a pathological comment is refused too.
 */
static int
xlsx_attrs_ok(const char *doc, size_t len)
{
	size_t	 i = 0, n;
	char	 q;

	while (i < len) {
		if (doc[i++] != '<')
			continue;
		if (i < len && (doc[i] == '!' || doc[i] == '?' || doc[i] == '/'))
			continue;
		for (n = 0, q = '\0'; i < len && (q != '\0' || doc[i] != '>');
		    i++) {
			if (q != '\0') {
				if (doc[i] == q)
					q = '\0';
			} else if (doc[i] == '"' || doc[i] == '\'')
				q = doc[i];
			else if (doc[i] == '<')
				break;
			else if (doc[i] == '=' && ++n > XLSX_MAX_ATTRS)
				return 0;
		}
	}
	return 1;
}

/* An xmlReader over buf[0..len), or NULL (also for a tag with too many
 * attributes). */
static xmlTextReaderPtr
xlsx_reader(const char *buf, size_t len)
{
	if (len > INT_MAX || !xlsx_attrs_ok(buf, len))
		return NULL;
	return xmlReaderForMemory(buf, (int)len, NULL, NULL, XLSX_XML_OPTS);
}

/* ---- zip entries ---- */

/* Inflates entry name into *buf (malloc'd, NUL-terminated; caller
 * frees) and *len, in chunks against the per-entry and total caps.
 * A missing entry gives XLSX_OK with *buf NULL when optional, else
 * XLSX_NOTZIP. */
static enum xlsx_err
xlsx_entry(struct xlsx_ctx *c, const char *name, int optional, char **buf,
    size_t *len)
{
	zip_int64_t	 idx, n;
	zip_file_t	*zf;
	enum xlsx_err	 e = XLSX_OK;
	size_t		 cap = 0, want, ncap;
	char		*p = NULL, *np;

	*buf = NULL;
	*len = 0;
	if ((idx = zip_name_locate(c->za, name, 0)) < 0)
		return optional ? XLSX_OK : XLSX_NOTZIP;
	if ((zf = zip_fopen_index(c->za, (zip_uint64_t)idx, 0)) == NULL)
		return XLSX_NOTZIP;
	for (;;) {
		if (cap - *len < XLSX_CHUNK + 1) {
			ncap = cap == 0 ? XLSX_CHUNK * 2 : cap * 2;
			if (ncap > XLSX_MAX_ENTRY + XLSX_CHUNK + 1)
				ncap = XLSX_MAX_ENTRY + XLSX_CHUNK + 1;
			if ((np = realloc(p, ncap)) == NULL) {
				e = XLSX_NOMEM;
				goto out;
			}
			p = np;
			cap = ncap;
		}
		want = cap - *len - 1;
		if (want > XLSX_CHUNK)
			want = XLSX_CHUNK;
		if ((n = zip_fread(zf, p + *len, want)) < 0) {
			e = XLSX_NOTZIP;
			goto out;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
		c->inflated += (size_t)n;
		if (c->stats != NULL) {
			c->stats->inflated = c->inflated;
			if (*len > c->stats->peak_entry)
				c->stats->peak_entry = *len;
		}
		if (*len > XLSX_MAX_ENTRY || c->inflated > XLSX_MAX_INFLATED) {
			e = XLSX_BOMB;
			goto out;
		}
	}
	if (p == NULL && (p = malloc(1)) == NULL) {
		e = XLSX_NOMEM;
		goto out;
	}
	p[*len] = '\0';
out:
	zip_fclose(zf);
	if (e != XLSX_OK) {
		free(p);
		*len = 0;
		return e;
	}
	*buf = p;
	return XLSX_OK;
}

/* ---- shared strings ---- */

/* Adds s (copied) to the shared strings.  Returns an error or OK. */
static enum xlsx_err
xlsx_sst_push(struct xlsx_ctx *c, const char *s)
{
	char	**np;
	size_t	  ncap;

	if (c->nsst >= XLSX_MAX_SST)
		return XLSX_TOOMANY;
	if (c->nsst == c->sstcap) {
		ncap = c->sstcap == 0 ? 256 : c->sstcap * 2;
		if ((np = reallocarray(c->sst, ncap, sizeof(*np))) == NULL)
			return XLSX_NOMEM;
		c->sst = np;
		c->sstcap = ncap;
	}
	if ((c->sst[c->nsst] = strdup(s)) == NULL)
		return XLSX_NOMEM;
	c->nsst++;
	return XLSX_OK;
}

/* Parses xl/sharedStrings.xml: the text of each <si>, from its <t>
 * elements outside phonetic runs (<rPh>). */
static enum xlsx_err
xlsx_sst(struct xlsx_ctx *c, const char *doc, size_t len)
{
	xmlTextReaderPtr r;
	struct xbuf	 b = { NULL, 0, 0 };
	enum xlsx_err	 e = XLSX_OK;
	int		 rc, in_si = 0, in_t = 0, in_rph = 0, empty, type;
	const char	*n, *v;

	if ((r = xlsx_reader(doc, len)) == NULL)
		return XLSX_BADXML;
	while ((rc = xlsx_next(r)) == 1) {
		type = xmlTextReaderNodeType(r);
		n = xlsx_name(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			empty = xmlTextReaderIsEmptyElement(r);
			if (strcmp(n, "si") == 0) {
				b.len = 0;
				in_si = !empty;
				if (empty && (e = xlsx_sst_push(c, "")) != XLSX_OK)
					goto out;
			} else if (strcmp(n, "rPh") == 0)
				in_rph = !empty;
			else if (strcmp(n, "t") == 0)
				in_t = in_si && !in_rph && !empty;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "si") == 0 && in_si) {
				if ((e = xlsx_sst_push(c, xbuf_str(&b))) !=
				    XLSX_OK)
					goto out;
				in_si = in_t = 0;
			} else if (strcmp(n, "rPh") == 0)
				in_rph = 0;
			else if (strcmp(n, "t") == 0)
				in_t = 0;
		} else if (in_t && xlsx_is_text(r)) {
			v = (const char *)xmlTextReaderConstValue(r);
			if (v == NULL)
				continue;
			rc = xbuf_add(&b, v, strlen(v), XLSX_MAX_ENTRY);
			if (rc != 0) {
				e = rc < 0 ? XLSX_NOMEM : XLSX_TOOMANY;
				goto out;
			}
		}
	}
	if (rc < 0)
		e = XLSX_BADXML;
out:
	free(b.p);
	xmlFreeTextReader(r);
	return e;
}

/* ---- styles ---- */

/* Whether a built-in number format is a date (including the East Asian
 * date formats Chinese Excel uses). */
static int
xlsx_builtin_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 ||
	    (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 54) || id == 57 || id == 58;
}

/* Whether a custom format code shows a date: y or d outside quoted
 * text, brackets and escapes, or m without hours or seconds. */
static int
xlsx_code_date(const char *f)
{
	int	 y = 0, m = 0, hs = 0;

	for (; *f != '\0'; f++) {
		switch (*f) {
		case '"':
			while (f[1] != '\0' && f[1] != '"')
				f++;
			if (f[1] == '"')
				f++;
			break;
		case '[':
			while (f[1] != '\0' && f[1] != ']')
				f++;
			break;
		case '\\':
		case '_':
		case '*':
			if (f[1] != '\0')
				f++;
			break;
		case 'y': case 'Y': case 'd': case 'D': case 'e': case 'E':
			y = 1;
			break;
		case 'm': case 'M':
			m = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			hs = 1;
			break;
		default:
			break;
		}
	}
	return y || (m && !hs);
}

/* Custom formats seen in styles.xml. */
struct xlsx_fmts {
	long		 id[512];
	unsigned char	 date[512];
	size_t		 n;
};

/* Whether number format id is a date, built-in or custom. */
static int
xlsx_fmt_date(const struct xlsx_fmts *f, long id)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (f->id[i] == id)
			return f->date[i];
	return xlsx_builtin_date(id);
}

/* Parses xl/styles.xml into c->xfdate: for each <xf> of <cellXfs>,
 * whether its number format is a date. */
static enum xlsx_err
xlsx_styles(struct xlsx_ctx *c, const char *doc, size_t len)
{
	xmlTextReaderPtr r;
	struct xlsx_fmts *fmts;
	long		*xfid = NULL;
	size_t		 nxf = 0, i;
	enum xlsx_err	 e = XLSX_OK;
	int		 rc, in_xfs = 0, type;
	char		 a[64], code[256];
	const char	*n;

	if ((fmts = calloc(1, sizeof(*fmts))) == NULL ||
	    (xfid = calloc(XLSX_MAX_XFS, sizeof(*xfid))) == NULL) {
		free(fmts);
		return XLSX_NOMEM;
	}
	if ((r = xlsx_reader(doc, len)) == NULL) {
		e = XLSX_BADXML;
		goto out;
	}
	while ((rc = xlsx_next(r)) == 1) {
		type = xmlTextReaderNodeType(r);
		n = xlsx_name(r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "cellXfs") == 0)
				in_xfs = 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (strcmp(n, "cellXfs") == 0)
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		else if (strcmp(n, "numFmt") == 0 &&
		    fmts->n < sizeof(fmts->id) / sizeof(fmts->id[0]) &&
		    xlsx_attr(r, "numFmtId", NULL, a, sizeof(a)) == 1 &&
		    xlsx_attr(r, "formatCode", NULL, code, sizeof(code)) == 1) {
			fmts->id[fmts->n] = xlsx_num(a);
			fmts->date[fmts->n] = (unsigned char)xlsx_code_date(code);
			fmts->n++;
		} else if (strcmp(n, "xf") == 0 && in_xfs && nxf < XLSX_MAX_XFS) {
			xfid[nxf++] = xlsx_attr(r, "numFmtId", NULL, a,
			    sizeof(a)) == 1 ? xlsx_num(a) : 0;
		}
	}
	if (rc < 0) {
		e = XLSX_BADXML;
		goto out;
	}
	if (nxf > 0) {
		if ((c->xfdate = calloc(nxf, 1)) == NULL) {
			e = XLSX_NOMEM;
			goto out;
		}
		for (i = 0; i < nxf; i++)
			c->xfdate[i] = (unsigned char)xlsx_fmt_date(fmts,
			    xfid[i]);
		c->nxf = nxf;
	}
out:
	if (r != NULL)
		xmlFreeTextReader(r);
	free(xfid);
	free(fmts);
	return e;
}

/* ---- workbook: which entry is the first sheet ---- */

/* Reads xl/workbook.xml: the relationship id of the first <sheet> into
 * rid (or "" when none) and the 1904 date system flag. */
static enum xlsx_err
xlsx_workbook(struct xlsx_ctx *c, const char *doc, size_t len, char *rid,
    size_t ridsz)
{
	xmlTextReaderPtr r;
	int		 rc;
	char		 a[16];
	const char	*n;

	rid[0] = '\0';
	if ((r = xlsx_reader(doc, len)) == NULL)
		return XLSX_BADXML;
	while ((rc = xlsx_next(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		n = xlsx_name(r);
		if (strcmp(n, "workbookPr") == 0 &&
		    xlsx_attr(r, "date1904", NULL, a, sizeof(a)) == 1)
			c->date1904 = strcmp(a, "1") == 0 ||
			    strcmp(a, "true") == 0;
		else if (strcmp(n, "sheet") == 0 && rid[0] == '\0' &&
		    xlsx_attr(r, "id", XLSX_NS_REL, rid, ridsz) != 1)
			rid[0] = '\0';
	}
	xmlFreeTextReader(r);
	return rc < 0 ? XLSX_BADXML : XLSX_OK;
}

/* Reads xl/_rels/workbook.xml.rels: the target of relationship rid as
 * an entry name in path ("" when not found). */
static enum xlsx_err
xlsx_rels(const char *doc, size_t len, const char *rid, char *path,
    size_t pathsz)
{
	xmlTextReaderPtr r;
	int		 rc;
	char		 id[64], target[200];

	path[0] = '\0';
	if ((r = xlsx_reader(doc, len)) == NULL)
		return XLSX_BADXML;
	while ((rc = xlsx_next(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp(xlsx_name(r), "Relationship") != 0 ||
		    path[0] != '\0')
			continue;
		if (xlsx_attr(r, "Id", NULL, id, sizeof(id)) != 1 ||
		    strcmp(id, rid) != 0 ||
		    xlsx_attr(r, "Target", NULL, target, sizeof(target)) != 1)
			continue;
		if (target[0] == '/')
			snprintf(path, pathsz, "%s", target + 1);
		else
			snprintf(path, pathsz, "xl/%s", target);
	}
	xmlFreeTextReader(r);
	return rc < 0 ? XLSX_BADXML : XLSX_OK;
}

/* Finds the entry name of the first worksheet into path: through the
 * workbook and its relationships, else xl/worksheets/sheet1.xml. */
static enum xlsx_err
xlsx_first_sheet(struct xlsx_ctx *c, char *path, size_t pathsz)
{
	char		*doc = NULL, rid[64];
	size_t		 len;
	enum xlsx_err	 e;

	path[0] = '\0';
	if ((e = xlsx_entry(c, "xl/workbook.xml", 1, &doc, &len)) != XLSX_OK)
		return e;
	rid[0] = '\0';
	if (doc != NULL)
		e = xlsx_workbook(c, doc, len, rid, sizeof(rid));
	free(doc);
	doc = NULL;
	if (e != XLSX_OK)
		return e;
	if (rid[0] != '\0') {
		if ((e = xlsx_entry(c, "xl/_rels/workbook.xml.rels", 1, &doc,
		    &len)) != XLSX_OK)
			return e;
		if (doc != NULL)
			e = xlsx_rels(doc, len, rid, path, pathsz);
		free(doc);
		if (e != XLSX_OK)
			return e;
	}
	if (path[0] == '\0' || zip_name_locate(c->za, path, 0) < 0)
		snprintf(path, pathsz, "xl/worksheets/sheet1.xml");
	return XLSX_OK;
}

/* ---- cells ---- */

/* Converts days since 1970-01-01 to a civil date (H. Hinnant). */
static void
xlsx_civil(long z, int *y, int *m, int *d)
{
	long	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Converts an Excel serial day number to "YYYY-MM-DD".  Excel's 1900
 * system counts a 1900-02-29 that never was (serial 60), so serials
 * from 61 on count from 1899-12-30 and earlier ones from 1899-12-31.
 * Returns 0, or -1 when v is not a number from 1 to 9999-12-31. */
int
xlsx_serial_date(const char *v, int date1904, char buf[11])
{
	char	*end;
	double	 d;
	long	 serial;
	int	 y, m, dd;

	if (v[0] == '\0' || v[0] == ' ')
		return -1;
	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end != '\0' || errno != 0 ||
	    !(d >= (date1904 ? 0.0 : 1.0) && d < 2958466.0))
		return -1;
	serial = (long)d;
	if (date1904 && (serial += 1462) >= 2958466)
		return -1;
	if (serial == 60) {
		snprintf(buf, 11, "1900-02-29");
		return 0;
	}
	xlsx_civil(serial < 60 ? serial - 25568 : serial - 25569, &y, &m, &dd);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, dd);
	return 0;
}

/* Makes sure row (1-based) exists in the output, adding blank rows. */
static enum xlsx_err
xlsx_grow_rows(struct xlsx_ctx *c, size_t row)
{
	struct xlsx_sheet *sh = c->out;
	struct xlsx_row	*np;
	size_t		 ncap;

	if (row <= sh->nrows)
		return XLSX_OK;
	if (row > c->rowcap) {
		ncap = c->rowcap == 0 ? 64 : c->rowcap;
		while (ncap < row)
			ncap *= 2;
		if (ncap > XLSX_MAX_ROWS)
			ncap = XLSX_MAX_ROWS;
		if ((np = reallocarray(sh->rows, ncap, sizeof(*np))) == NULL)
			return XLSX_NOMEM;
		sh->rows = np;
		c->rowcap = ncap;
	}
	memset(&sh->rows[sh->nrows], 0,
	    (row - sh->nrows) * sizeof(sh->rows[0]));
	sh->nrows = row;
	return XLSX_OK;
}

/* Puts text[0..len) at row (1-based), col (0-based), filling the gaps
 * of the row with "".  Enforces the row, column, cell and total text
 * limits. */
static enum xlsx_err
xlsx_place(struct xlsx_ctx *c, size_t row, size_t col, const char *text,
    size_t len)
{
	struct xlsx_row	*rw;
	char		**np, *v;
	size_t		 i;
	enum xlsx_err	 e;

	if (row > XLSX_MAX_ROWS || col >= XLSX_MAX_COLS ||
	    len > XLSX_MAX_CELL || c->textbytes > XLSX_MAX_TEXT - len)
		return XLSX_TOOMANY;
	c->textbytes += len;
	if ((e = xlsx_grow_rows(c, row)) != XLSX_OK)
		return e;
	rw = &c->out->rows[row - 1];
	if ((v = strndup(text, len)) == NULL)
		return XLSX_NOMEM;
	if (col >= rw->ncells) {
		if ((np = reallocarray(rw->cells, col + 1, sizeof(*np))) ==
		    NULL) {
			free(v);
			return XLSX_NOMEM;
		}
		rw->cells = np;
		for (i = rw->ncells; i < col; i++) {
			if ((np[i] = strdup("")) == NULL) {
				rw->ncells = i;
				free(v);
				return XLSX_NOMEM;
			}
		}
		rw->ncells = col + 1;
	} else
		free(rw->cells[col]);
	rw->cells[col] = v;
	return XLSX_OK;
}

/* The cell being read. */
struct xlsx_cell {
	size_t		 col;
	char		 type[16];	/* t attribute */
	long		 style;		/* s attribute, -1 none */
	struct xbuf	 val;		/* text of <v> or <is><t> */
};

/* Parses a cell reference such as "BL12" into a 0-based column.
 * Returns 0 or -1. */
static int
xlsx_ref_col(const char *ref, size_t *col)
{
	size_t	 c = 0, i;

	for (i = 0; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
		if (i >= 3)
			return -1;
		c = c * 26 + (size_t)(ref[i] - 'A' + 1);
	}
	if (i == 0 || c > 16384)
		return -1;
	for (; ref[i] != '\0'; i++)
		if (ref[i] < '0' || ref[i] > '9')
			return -1;
	*col = c - 1;
	return 0;
}

/* Ends a cell: turns its value into text by type and style and places
 * it at row. */
static enum xlsx_err
xlsx_cell_end(struct xlsx_ctx *c, size_t row, struct xlsx_cell *cell)
{
	const char	*v = xbuf_str(&cell->val), *text = v;
	char		 date[11];
	size_t		 len;
	long		 idx;

	if (strcmp(cell->type, "s") == 0) {
		if ((idx = xlsx_num(v)) < 0 || (size_t)idx >= c->nsst)
			return XLSX_BADXML;
		text = c->sst[idx];
	} else if (strcmp(cell->type, "b") == 0)
		text = strcmp(v, "1") == 0 ? "TRUE" :
		    strcmp(v, "0") == 0 ? "FALSE" : v;
	else if (strcmp(cell->type, "d") == 0) {
		if (strlen(v) > 10 && v[4] == '-' && v[7] == '-' &&
		    v[10] == 'T') {
			memcpy(date, v, 10);
			date[10] = '\0';
			text = date;
		}
	} else if (cell->type[0] == '\0' || strcmp(cell->type, "n") == 0) {
		if (cell->style >= 0 && (size_t)cell->style < c->nxf &&
		    c->xfdate[cell->style] &&
		    xlsx_serial_date(v, c->date1904, date) == 0)
			text = date;
	}
	len = strlen(text);
	if (text == v && (cell->type[0] == '\0' ||
	    strcmp(cell->type, "n") == 0) && len > 2 &&
	    strcmp(v + len - 2, ".0") == 0 &&
	    v[len - 3] >= '0' && v[len - 3] <= '9')
		len -= 2;
	if (len == 0)
		return XLSX_OK;
	return xlsx_place(c, row, cell->col, text, len);
}

/* Starts a cell at element <c> of row, whose next cell without a
 * reference is *next. */
static enum xlsx_err
xlsx_cell_start(xmlTextReaderPtr r, struct xlsx_cell *cell, size_t *next)
{
	char	 a[32];
	int	 rc;

	cell->val.len = 0;
	cell->style = -1;
	if ((rc = xlsx_attr(r, "r", NULL, a, sizeof(a))) < 0)
		return XLSX_BADXML;
	if (rc == 0)
		cell->col = *next;
	else if (xlsx_ref_col(a, &cell->col) != 0)
		return XLSX_BADXML;
	if (cell->col >= 16384)
		return XLSX_BADXML;
	*next = cell->col + 1;
	if ((rc = xlsx_attr(r, "t", NULL, cell->type,
	    sizeof(cell->type))) < 0)
		return XLSX_BADXML;
	if (rc == 0)
		cell->type[0] = '\0';
	if ((rc = xlsx_attr(r, "s", NULL, a, sizeof(a))) < 0 ||
	    (rc == 1 && (cell->style = xlsx_num(a)) < 0))
		return XLSX_BADXML;
	return XLSX_OK;
}

/* Starts a row at element <row>: its number (r, or the one after
 * *row), which must grow. */
static enum xlsx_err
xlsx_row_start(xmlTextReaderPtr r, size_t *row)
{
	char	 a[32];
	long	 n;
	int	 rc;

	if ((rc = xlsx_attr(r, "r", NULL, a, sizeof(a))) < 0)
		return XLSX_BADXML;
	if (rc == 0) {
		(*row)++;
		return *row > 1048576 ? XLSX_BADXML : XLSX_OK;
	}
	if ((n = xlsx_num(a)) < 1 || n > 1048576 || (size_t)n <= *row)
		return XLSX_BADXML;
	*row = (size_t)n;
	return XLSX_OK;
}

/* Parses a worksheet into c->out. */
static enum xlsx_err
xlsx_sheet(struct xlsx_ctx *c, const char *doc, size_t len)
{
	xmlTextReaderPtr r;
	struct xlsx_cell cell;
	enum xlsx_err	 e = XLSX_OK;
	size_t		 row = 0, next = 0;
	int		 rc, type, empty, in_row = 0, in_c = 0, in_v = 0;
	int		 in_is = 0, in_rph = 0;
	const char	*n, *v;

	memset(&cell, 0, sizeof(cell));
	if ((r = xlsx_reader(doc, len)) == NULL)
		return XLSX_BADXML;
	while ((rc = xlsx_next(r)) == 1) {
		type = xmlTextReaderNodeType(r);
		n = xlsx_name(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			empty = xmlTextReaderIsEmptyElement(r);
			if (strcmp(n, "row") == 0) {
				if (in_row || (e = xlsx_row_start(r, &row)) !=
				    XLSX_OK) {
					e = XLSX_BADXML;
					goto out;
				}
				in_row = !empty;
				next = 0;
			} else if (strcmp(n, "c") == 0 && in_row) {
				if (in_c) {
					e = XLSX_BADXML;
					goto out;
				}
				if ((e = xlsx_cell_start(r, &cell, &next)) !=
				    XLSX_OK)
					goto out;
				in_c = !empty;
			} else if (in_c && strcmp(n, "v") == 0)
				in_v = !empty;
			else if (in_c && strcmp(n, "is") == 0)
				in_is = !empty;
			else if (in_is && strcmp(n, "rPh") == 0)
				in_rph = !empty;
			else if (in_is && !in_rph && strcmp(n, "t") == 0)
				in_v = !empty;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "row") == 0)
				in_row = 0;
			else if (strcmp(n, "c") == 0 && in_c) {
				in_c = in_v = in_is = in_rph = 0;
				if ((e = xlsx_cell_end(c, row, &cell)) !=
				    XLSX_OK)
					goto out;
			} else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
				in_v = 0;
			else if (strcmp(n, "is") == 0)
				in_is = 0;
			else if (strcmp(n, "rPh") == 0)
				in_rph = 0;
		} else if (in_v && xlsx_is_text(r)) {
			if ((v = (const char *)xmlTextReaderConstValue(r)) ==
			    NULL)
				continue;
			if ((rc = xbuf_add(&cell.val, v, strlen(v),
			    XLSX_MAX_CELL + 1)) != 0) {
				e = rc < 0 ? XLSX_NOMEM : XLSX_TOOMANY;
				goto out;
			}
		}
	}
	if (rc < 0)
		e = XLSX_BADXML;
out:
	free(cell.val.p);
	xmlFreeTextReader(r);
	return e;
}

/* Parses data in this process; see xlsx_int.h. */
enum xlsx_err
xlsx_parse(const void *data, size_t sz, struct xlsx_sheet *out,
    struct xlsx_stats *stats)
{
	struct xlsx_ctx	 c;
	zip_error_t	 ze;
	zip_source_t	*src = NULL;
	zip_int64_t	 nent;
	enum xlsx_err	 e;
	char		*doc = NULL, path[256];
	size_t		 len, i;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	if (stats != NULL)
		memset(stats, 0, sizeof(*stats));
	c.stats = stats;
	c.out = out;
	if (data == NULL || sz < 4 || memcmp(data, "PK\003\004", 4) != 0)
		return XLSX_NOTZIP;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, sz, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return XLSX_NOMEM;
	}
	if ((c.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze)) == NULL) {
		zip_source_free(src);
		e = zip_error_code_zip(&ze) == ZIP_ER_MEMORY ? XLSX_NOMEM :
		    XLSX_NOTZIP;
		zip_error_fini(&ze);
		return e;
	}
	zip_error_fini(&ze);
	if ((nent = zip_get_num_entries(c.za, 0)) < 0 ||
	    nent > XLSX_MAX_ENTRIES) {
		e = nent < 0 ? XLSX_NOTZIP : XLSX_BOMB;
		goto out;
	}
	if ((e = xlsx_entry(&c, "xl/sharedStrings.xml", 1, &doc, &len)) !=
	    XLSX_OK)
		goto out;
	if (doc != NULL && (e = xlsx_sst(&c, doc, len)) != XLSX_OK)
		goto out;
	free(doc);
	if ((e = xlsx_entry(&c, "xl/styles.xml", 1, &doc, &len)) != XLSX_OK)
		goto out;
	if (doc != NULL && (e = xlsx_styles(&c, doc, len)) != XLSX_OK)
		goto out;
	free(doc);
	doc = NULL;
	if ((e = xlsx_first_sheet(&c, path, sizeof(path))) != XLSX_OK ||
	    (e = xlsx_entry(&c, path, 0, &doc, &len)) != XLSX_OK)
		goto out;
	e = xlsx_sheet(&c, doc, len);
out:
	free(doc);
	for (i = 0; i < c.nsst; i++)
		free(c.sst[i]);
	free(c.sst);
	free(c.xfdate);
	zip_discard(c.za);
	if (e != XLSX_OK)
		xlsx_free(out);
	return e;
}

/* ---- the child process and its framing ---- */

/* Buffered writes to the pipe. */
struct xlsx_wbuf {
	int		 fd;
	int		 failed;
	size_t		 n;
	unsigned char	 b[65536];
};

/* Writes out what is buffered, retrying on EINTR and short writes. */
static void
xlsx_wflush(struct xlsx_wbuf *w)
{
	size_t	 off = 0;
	ssize_t	 n;

	while (!w->failed && off < w->n) {
		if ((n = write(w->fd, w->b + off, w->n - off)) < 0) {
			if (errno != EINTR)
				w->failed = 1;
			continue;
		}
		off += (size_t)n;
	}
	w->n = 0;
}

/* Appends p[0..len) to w. */
static void
xlsx_wput(struct xlsx_wbuf *w, const void *p, size_t len)
{
	const unsigned char *s = p;
	size_t		 k;

	while (len > 0 && !w->failed) {
		if (w->n == sizeof(w->b))
			xlsx_wflush(w);
		k = sizeof(w->b) - w->n;
		if (k > len)
			k = len;
		memcpy(w->b + w->n, s, k);
		w->n += k;
		s += k;
		len -= k;
	}
}

/* Appends v as 4 little-endian bytes. */
static void
xlsx_wu32(struct xlsx_wbuf *w, uint32_t v)
{
	unsigned char	 b[4];

	b[0] = v & 0xff;
	b[1] = (v >> 8) & 0xff;
	b[2] = (v >> 16) & 0xff;
	b[3] = (v >> 24) & 0xff;
	xlsx_wput(w, b, 4);
}

/* Sends e and sh: u32 error, u32 nrows, then per row u32 ncells and
 * per cell u32 length and the bytes.  Returns 0 or -1. */
static int
xlsx_send(int fd, enum xlsx_err e, const struct xlsx_sheet *sh)
{
	struct xlsx_wbuf *w;
	size_t		 i, j, len;
	int		 rc;

	if ((w = malloc(sizeof(*w))) == NULL)
		return -1;
	w->fd = fd;
	w->failed = 0;
	w->n = 0;
	xlsx_wu32(w, (uint32_t)e);
	xlsx_wu32(w, (uint32_t)sh->nrows);
	for (i = 0; i < sh->nrows; i++) {
		xlsx_wu32(w, (uint32_t)sh->rows[i].ncells);
		for (j = 0; j < sh->rows[i].ncells; j++) {
			len = strlen(sh->rows[i].cells[j]);
			xlsx_wu32(w, (uint32_t)len);
			xlsx_wput(w, sh->rows[i].cells[j], len);
		}
	}
	xlsx_wflush(w);
	rc = w->failed ? -1 : 0;
	free(w);
	return rc;
}

/* Closes every descriptor but 0-2 and fd, which becomes 3. */
static int
xlsx_closefds(int fd)
{
	int	 i;

	if (fd != 3) {
		if (dup2(fd, 3) == -1)
			return fd;
		close(fd);
	}
	if (close_range(4, ~0U, 0) == -1)
		for (i = 4; i < 1024; i++)
			close(i);
	return 3;
}

/* Lowers the soft and hard limit of resource to v (or to the hard
 * limit already in force, when lower).  Returns 0 or -1. */
static int
xlsx_limit(int resource, rlim_t v)
{
	struct rlimit	 rl;

	if (getrlimit(resource, &rl) == -1)
		return -1;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < v)
		v = rl.rlim_max;
	rl.rlim_cur = rl.rlim_max = v;
	return setrlimit(resource, &rl);
}

#if !XLSX_ASAN
/* The address space this process has mapped, in bytes (0 if unknown). */
static rlim_t
xlsx_vmsize(void)
{
	FILE		*f;
	unsigned long	 pages = 0;
	long		 pg = sysconf(_SC_PAGESIZE);

	if ((f = fopen("/proc/self/statm", "re")) == NULL)
		return 0;
	if (fscanf(f, "%lu", &pages) != 1)
		pages = 0;
	fclose(f);
	return (rlim_t)pages * (rlim_t)(pg > 0 ? pg : 4096);
}
#endif

/* The child: lowers its limits (CPU time; outside AddressSanitizer,
 * also the address space: what is mapped plus XLSX_AS_EXTRA), parses,
 * sends and exits without running any exit handler (it shares the
 * parent's FastCGI streams and database handles, which it must not
 * touch).  Never returns. */
static void __attribute__((noreturn))
xlsx_child(const void *data, size_t sz, int fd)
{
	struct xlsx_sheet sh;
	enum xlsx_err	 e;

	if (xlsx_limit(RLIMIT_CPU, XLSX_CPU_SECONDS) == -1)
		_exit(3);
#if !XLSX_ASAN
	if (xlsx_limit(RLIMIT_AS, xlsx_vmsize() + XLSX_AS_EXTRA) == -1)
		_exit(3);
#endif
	fd = xlsx_closefds(fd);
	e = xlsx_parse(data, sz, &sh, NULL);
	_exit(xlsx_send(fd, e, &sh) == 0 ? 0 : 4);
}

/* Reads everything the child sends, at most XLSX_MAX_PIPE bytes, into
 * *buf (malloc'd; caller frees).  Returns XLSX_OK, XLSX_TOOMANY past
 * the cap, XLSX_NOMEM. */
static enum xlsx_err
xlsx_collect(int fd, unsigned char **buf, size_t *len)
{
	unsigned char	*p = NULL, *np;
	size_t		 cap = 0, ncap;
	ssize_t		 n;

	*buf = NULL;
	*len = 0;
	for (;;) {
		if (cap - *len < 65536) {
			if (cap >= XLSX_MAX_PIPE + 65536u) {
				free(p);
				return XLSX_TOOMANY;
			}
			ncap = cap == 0 ? 262144 : cap * 2;
			if (ncap > XLSX_MAX_PIPE + 131072u)
				ncap = XLSX_MAX_PIPE + 131072u;
			if ((np = realloc(p, ncap)) == NULL) {
				free(p);
				return XLSX_NOMEM;
			}
			p = np;
			cap = ncap;
		}
		n = read(fd, p + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_err("xlsx: read from parser: %s", strerror(errno));
			free(p);
			return XLSX_NOMEM;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
		if (*len > XLSX_MAX_PIPE) {
			free(p);
			return XLSX_TOOMANY;
		}
	}
	*buf = p;
	return XLSX_OK;
}

/* Reads a u32 at *off of p[0..len).  Returns 0 or -1 past the end. */
static int
xlsx_ru32(const unsigned char *p, size_t len, size_t *off, uint32_t *v)
{
	if (len < 4 || *off > len - 4)
		return -1;
	*v = (uint32_t)p[*off] | (uint32_t)p[*off + 1] << 8 |
	    (uint32_t)p[*off + 2] << 16 | (uint32_t)p[*off + 3] << 24;
	*off += 4;
	return 0;
}

/* Decodes the child's frame p[0..len) into out.  Returns the child's
 * error, or XLSX_NOMEM for a frame that breaks the limits. */
static enum xlsx_err
xlsx_decode(const unsigned char *p, size_t len, struct xlsx_sheet *out)
{
	uint32_t	 e, nrows, ncells, clen;
	size_t		 off = 0, i, j;
	struct xlsx_row	*rw;

	if (xlsx_ru32(p, len, &off, &e) || e >= XLSX_ERR__MAX ||
	    xlsx_ru32(p, len, &off, &nrows) || nrows > XLSX_MAX_ROWS)
		goto bad;
	if (e != XLSX_OK)
		return (enum xlsx_err)e;
	if (nrows > 0 && (out->rows = calloc(nrows, sizeof(*rw))) == NULL)
		return XLSX_NOMEM;
	for (i = 0; i < nrows; i++) {
		rw = &out->rows[i];
		out->nrows = i + 1;
		if (xlsx_ru32(p, len, &off, &ncells) ||
		    ncells > XLSX_MAX_COLS)
			goto bad;
		if (ncells > 0 &&
		    (rw->cells = calloc(ncells, sizeof(char *))) == NULL) {
			xlsx_free(out);
			return XLSX_NOMEM;
		}
		for (j = 0; j < ncells; j++) {
			if (xlsx_ru32(p, len, &off, &clen) ||
			    clen > XLSX_MAX_CELL || clen > len - off)
				goto bad;
			if ((rw->cells[j] = strndup((const char *)p + off,
			    clen)) == NULL) {
				xlsx_free(out);
				return XLSX_NOMEM;
			}
			rw->ncells = j + 1;
			off += clen;
		}
	}
	if (off != len)
		goto bad;
	return XLSX_OK;
bad:
	log_err("xlsx: malformed frame from the parser");
	xlsx_free(out);
	return XLSX_NOMEM;
}

/* Waits for pid, retrying on EINTR.  Returns its status, or -1 when it
 * cannot be waited for (SIGCHLD ignored). */
static int
xlsx_wait(pid_t pid)
{
	int	 status;

	for (;;) {
		if (waitpid(pid, &status, 0) == pid)
			return status;
		if (errno != EINTR)
			return -1;
	}
}

/* Parses data in a child process with limits; see xlsx.h. */
enum xlsx_err
xlsx_read(const void *data, size_t sz, struct xlsx_sheet *out)
{
	unsigned char	*buf = NULL;
	size_t		 len = 0;
	enum xlsx_err	 e;
	pid_t		 pid;
	int		 fds[2], status;

	memset(out, 0, sizeof(*out));
	if (data == NULL || sz < 4 || memcmp(data, "PK\003\004", 4) != 0)
		return XLSX_NOTZIP;
	if (pipe2(fds, O_CLOEXEC) == -1) {
		log_err("xlsx: pipe: %s", strerror(errno));
		return XLSX_NOMEM;
	}
	if ((pid = fork()) == -1) {
		log_err("xlsx: fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return XLSX_NOMEM;
	}
	if (pid == 0) {
		close(fds[0]);
		xlsx_child(data, sz, fds[1]);
	}
	close(fds[1]);
	e = xlsx_collect(fds[0], &buf, &len);
	close(fds[0]);
	if (e != XLSX_OK)
		kill(pid, SIGKILL);
	status = xlsx_wait(pid);
	if (e != XLSX_OK)
		goto out;
	if (status != -1 && WIFSIGNALED(status)) {
		if (WTERMSIG(status) != SIGXCPU && WTERMSIG(status) != SIGKILL)
			log_err("xlsx: parser died of signal %d",
			    WTERMSIG(status));
		e = XLSX_BOMB;
		goto out;
	}
	if (status != -1 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
		log_err("xlsx: parser exited with %d", WIFEXITED(status) ?
		    WEXITSTATUS(status) : -1);
		e = XLSX_NOMEM;
		goto out;
	}
	e = xlsx_decode(buf, len, out);
out:
	free(buf);
	return e;
}

/* ---- writing ---- */

/* One part of the package. */
struct xlsx_part {
	const char	*name;
	xmlBufferPtr	 buf;
};

/* Starts a document into a new buffer.  Returns the writer or NULL. */
static xmlTextWriterPtr
xw_start(xmlBufferPtr *buf)
{
	xmlTextWriterPtr w;

	if ((*buf = xmlBufferCreate()) == NULL)
		return NULL;
	if ((w = xmlNewTextWriterMemory(*buf, 0)) == NULL)
		return NULL;
	if (xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes") < 0) {
		xmlFreeTextWriter(w);
		return NULL;
	}
	return w;
}

/* Ends the document of w and frees w.  Returns 0 or -1. */
static int
xw_end(xmlTextWriterPtr w, int bad)
{
	if (xmlTextWriterEndDocument(w) < 0)
		bad = 1;
	xmlFreeTextWriter(w);
	return bad ? -1 : 0;
}

/* Writes an empty element with up to three attribute pairs (NULL ends
 * them).  Returns non-zero on error. */
static int
xw_empty(xmlTextWriterPtr w, const char *el, const char *a1, const char *v1,
    const char *a2, const char *v2, const char *a3, const char *v3)
{
	int	 bad = 0;

	bad |= xmlTextWriterStartElement(w, X(el)) < 0;
	if (a1 != NULL)
		bad |= xmlTextWriterWriteAttribute(w, X(a1), X(v1)) < 0;
	if (a2 != NULL)
		bad |= xmlTextWriterWriteAttribute(w, X(a2), X(v2)) < 0;
	if (a3 != NULL)
		bad |= xmlTextWriterWriteAttribute(w, X(a3), X(v3)) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	return bad;
}

/* [Content_Types].xml.  Returns 0 or -1. */
static int
xw_types(xmlBufferPtr *buf)
{
	static const char *const over[][2] = {
		{ "/xl/workbook.xml", "application/vnd.openxmlformats-"
		    "officedocument.spreadsheetml.sheet.main+xml" },
		{ "/xl/worksheets/sheet1.xml", "application/vnd."
		    "openxmlformats-officedocument.spreadsheetml.worksheet+xml" },
		{ "/xl/styles.xml", "application/vnd.openxmlformats-"
		    "officedocument.spreadsheetml.styles+xml" },
	};
	xmlTextWriterPtr w;
	size_t		 i;
	int		 bad = 0;

	if ((w = xw_start(buf)) == NULL)
		return -1;
	bad |= xmlTextWriterStartElement(w, X("Types")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xmlns"), X("http://schemas."
	    "openxmlformats.org/package/2006/content-types")) < 0;
	bad |= xw_empty(w, "Default", "Extension", "rels", "ContentType",
	    "application/vnd.openxmlformats-package.relationships+xml",
	    NULL, NULL);
	bad |= xw_empty(w, "Default", "Extension", "xml", "ContentType",
	    "application/xml", NULL, NULL);
	for (i = 0; i < sizeof(over) / sizeof(over[0]); i++)
		bad |= xw_empty(w, "Override", "PartName", over[i][0],
		    "ContentType", over[i][1], NULL, NULL);
	bad |= xmlTextWriterEndElement(w) < 0;
	return xw_end(w, bad);
}

/* A relationships part with n (id, type, target) triples.  Returns 0
 * or -1. */
static int
xw_rels(xmlBufferPtr *buf, const char *const (*rel)[3], size_t n)
{
	xmlTextWriterPtr w;
	size_t		 i;
	int		 bad = 0;

	if ((w = xw_start(buf)) == NULL)
		return -1;
	bad |= xmlTextWriterStartElement(w, X("Relationships")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xmlns"),
	    X(XLSX_NS_PKGREL)) < 0;
	for (i = 0; i < n; i++)
		bad |= xw_empty(w, "Relationship", "Id", rel[i][0], "Type",
		    rel[i][1], "Target", rel[i][2]);
	bad |= xmlTextWriterEndElement(w) < 0;
	return xw_end(w, bad);
}

/* Copies name into buf as a valid sheet name: at most 31 characters,
 * none of []:*?/\, not empty. */
static void
xw_sheet_name(const char *name, char *buf, size_t bufsz)
{
	size_t	 o = 0, chars = 0, k;
	unsigned char ch;

	for (; name != NULL && *name != '\0' && chars < 31; chars++) {
		ch = (unsigned char)*name;
		k = ch < 0x80 ? 1 : ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : 2;
		if (strnlen(name, k) < k || o + k >= bufsz)
			break;
		if (k == 1 && (strchr("[]:*?/\\", ch) != NULL || ch < 0x20))
			buf[o++] = '_';
		else {
			memcpy(buf + o, name, k);
			o += k;
		}
		name += k;
	}
	if (o == 0)
		o = (size_t)snprintf(buf, bufsz, "Sheet1");
	buf[o] = '\0';
}

/* xl/workbook.xml with one sheet.  Returns 0 or -1. */
static int
xw_workbook(xmlBufferPtr *buf, const char *sheet_name)
{
	xmlTextWriterPtr w;
	char		 name[128];
	int		 bad = 0;

	xw_sheet_name(sheet_name, name, sizeof(name));
	if ((w = xw_start(buf)) == NULL)
		return -1;
	bad |= xmlTextWriterStartElement(w, X("workbook")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xmlns"), X(XLSX_NS_MAIN)) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xmlns:r"), X(XLSX_NS_REL)) < 0;
	bad |= xmlTextWriterStartElement(w, X("sheets")) < 0;
	bad |= xw_empty(w, "sheet", "name", name, "sheetId", "1", "r:id",
	    "rId1");
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	return xw_end(w, bad);
}

/* Writes one <font> (bold when b).  Returns non-zero on error. */
static int
xw_font(xmlTextWriterPtr w, int b)
{
	int	 bad = 0;

	bad |= xmlTextWriterStartElement(w, X("font")) < 0;
	if (b)
		bad |= xw_empty(w, "b", NULL, NULL, NULL, NULL, NULL, NULL);
	bad |= xw_empty(w, "sz", "val", "11", NULL, NULL, NULL, NULL);
	bad |= xw_empty(w, "name", "val", "宋体", NULL, NULL, NULL, NULL);
	bad |= xw_empty(w, "charset", "val", "134", NULL, NULL, NULL, NULL);
	bad |= xmlTextWriterEndElement(w) < 0;
	return bad;
}

/* Writes one cell format <xf>: text format "@" (49) with font fid.
 * Returns non-zero on error. */
static int
xw_xf(xmlTextWriterPtr w, const char *fmt, const char *fid)
{
	int	 bad = 0;

	bad |= xmlTextWriterStartElement(w, X("xf")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("numFmtId"), X(fmt)) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("fontId"), X(fid)) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("fillId"), X("0")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("borderId"), X("0")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xfId"), X("0")) < 0;
	if (strcmp(fmt, "0") != 0)
		bad |= xmlTextWriterWriteAttribute(w, X("applyNumberFormat"),
		    X("1")) < 0;
	if (strcmp(fid, "0") != 0)
		bad |= xmlTextWriterWriteAttribute(w, X("applyFont"),
		    X("1")) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	return bad;
}

/* xl/styles.xml: cell format 0 general, 1 text, 2 text and bold (the
 * header).  Returns 0 or -1. */
static int
xw_styles(xmlBufferPtr *buf)
{
	xmlTextWriterPtr w;
	int		 bad = 0;

	if ((w = xw_start(buf)) == NULL)
		return -1;
	bad |= xmlTextWriterStartElement(w, X("styleSheet")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xmlns"), X(XLSX_NS_MAIN)) < 0;
	bad |= xmlTextWriterStartElement(w, X("fonts")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("count"), X("2")) < 0;
	bad |= xw_font(w, 0) | xw_font(w, 1);
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterStartElement(w, X("fills")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("count"), X("2")) < 0;
	bad |= xmlTextWriterStartElement(w, X("fill")) < 0;
	bad |= xw_empty(w, "patternFill", "patternType", "none", NULL, NULL,
	    NULL, NULL);
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterStartElement(w, X("fill")) < 0;
	bad |= xw_empty(w, "patternFill", "patternType", "gray125", NULL, NULL,
	    NULL, NULL);
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterStartElement(w, X("borders")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("count"), X("1")) < 0;
	bad |= xmlTextWriterStartElement(w, X("border")) < 0;
	bad |= xw_empty(w, "left", NULL, NULL, NULL, NULL, NULL, NULL);
	bad |= xw_empty(w, "right", NULL, NULL, NULL, NULL, NULL, NULL);
	bad |= xw_empty(w, "top", NULL, NULL, NULL, NULL, NULL, NULL);
	bad |= xw_empty(w, "bottom", NULL, NULL, NULL, NULL, NULL, NULL);
	bad |= xw_empty(w, "diagonal", NULL, NULL, NULL, NULL, NULL, NULL);
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterStartElement(w, X("cellStyleXfs")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("count"), X("1")) < 0;
	bad |= xw_empty(w, "xf", "numFmtId", "0", "fontId", "0", "fillId",
	    "0");
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterStartElement(w, X("cellXfs")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("count"), X("3")) < 0;
	bad |= xw_xf(w, "0", "0") | xw_xf(w, "49", "0") | xw_xf(w, "49", "1");
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterStartElement(w, X("cellStyles")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("count"), X("1")) < 0;
	bad |= xw_empty(w, "cellStyle", "name", "Normal", "xfId", "0",
	    "builtinId", "0");
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	return xw_end(w, bad);
}

/* Writes the column letters of 0-based col into buf[4]. */
static void
xw_col(size_t col, char buf[4])
{
	char	 t[4];
	size_t	 n = 0, i;

	col++;
	while (col > 0 && n < 3) {
		t[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = t[n - 1 - i];
	buf[n] = '\0';
}

/* The display width of UTF-8 s in Excel's units: 2 for wide (CJK)
 * characters, 1 for others. */
static size_t
xw_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 w = 0;

	for (; *p != '\0'; p++)
		if (*p < 0x80)
			w++;
		else if (*p >= 0xc0)
			w += *p >= 0xe0 ? 2 : 1;
	return w;
}

/* Copies s into b, dropping what XML 1.0 cannot carry: control
 * characters other than tab and newline, and bytes that are not valid
 * UTF-8 (RFC 3629: overlong forms, surrogates and code points past
 * U+10FFFF included) as '?'.  Returns 0 or -1. */
static int
xw_clean(const char *s, struct xbuf *b)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 k, i;
	int		 rc = 0;

	b->len = 0;
	if (xbuf_add(b, "", 0, SIZE_MAX / 2) != 0)
		return -1;
	while (*p != '\0' && rc == 0) {
		k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		for (i = 1; i < k; i++)
			if ((p[i] & 0xc0) != 0x80)
				k = 0;
		if (k == 1 && *p < 0x20 && *p != '\t' && *p != '\n')
			k = 0;
		if (k == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
			k = 0;	/* U+FFFE, U+FFFF */
		if ((k == 2 && p[0] < 0xc2) ||
		    (k == 3 && p[0] == 0xe0 && p[1] < 0xa0) ||
		    (k == 4 && p[0] == 0xf0 && p[1] < 0x90))
			k = 0;	/* overlong forms */
		if ((k == 3 && p[0] == 0xed && p[1] >= 0xa0) ||
		    (k == 4 && (p[0] > 0xf4 || (p[0] == 0xf4 && p[1] >= 0x90))))
			k = 0;	/* surrogates, past U+10FFFF */
		if (k == 0) {
			rc = xbuf_add(b, "?", 1, SIZE_MAX / 2);
			p++;
		} else {
			rc = xbuf_add(b, (const char *)p, k, SIZE_MAX / 2);
			p += k;
		}
	}
	return rc == 0 ? 0 : -1;
}

/* Writes the <cols> element: widths from the longest text of each
 * column, every column formatted as text.  Returns non-zero on error. */
static int
xw_cols(xmlTextWriterPtr w, const char *const *const *rows, size_t nrows,
    size_t ncols)
{
	char	 n[24], wd[24];
	size_t	 i, j, max, cw;
	int	 bad = 0;

	bad |= xmlTextWriterStartElement(w, X("cols")) < 0;
	for (j = 0; j < ncols; j++) {
		max = 8;
		for (i = 0; i < nrows && i < 1000; i++)
			if (rows[i][j] != NULL &&
			    (cw = xw_width(rows[i][j]) + 2) > max)
				max = cw;
		if (max > 60)
			max = 60;
		snprintf(n, sizeof(n), "%zu", j + 1);
		snprintf(wd, sizeof(wd), "%zu", max);
		bad |= xmlTextWriterStartElement(w, X("col")) < 0;
		bad |= xmlTextWriterWriteAttribute(w, X("min"), X(n)) < 0;
		bad |= xmlTextWriterWriteAttribute(w, X("max"), X(n)) < 0;
		bad |= xmlTextWriterWriteAttribute(w, X("width"), X(wd)) < 0;
		bad |= xmlTextWriterWriteAttribute(w, X("style"), X("1")) < 0;
		bad |= xmlTextWriterWriteAttribute(w, X("customWidth"),
		    X("1")) < 0;
		bad |= xmlTextWriterEndElement(w) < 0;
	}
	bad |= xmlTextWriterEndElement(w) < 0;
	return bad;
}

/* Writes one cell of row i (1-based rn) column j as an inline string.
 * Returns non-zero on error. */
static int
xw_cell(xmlTextWriterPtr w, const char *v, size_t rn, size_t j, int head,
    struct xbuf *tmp)
{
	char	 ref[32], col[4];
	size_t	 len;
	int	 bad = 0;

	xw_col(j, col);
	snprintf(ref, sizeof(ref), "%s%zu", col, rn);
	bad |= xmlTextWriterStartElement(w, X("c")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("r"), X(ref)) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("s"), X(head ? "2" : "1")) < 0;
	if (v != NULL && v[0] != '\0') {
		if (xw_clean(v, tmp) != 0)
			return 1;
		len = tmp->len;
		bad |= xmlTextWriterWriteAttribute(w, X("t"),
		    X("inlineStr")) < 0;
		bad |= xmlTextWriterStartElement(w, X("is")) < 0;
		bad |= xmlTextWriterStartElement(w, X("t")) < 0;
		if (len > 0 && (isspace((unsigned char)tmp->p[0]) ||
		    isspace((unsigned char)tmp->p[len - 1])))
			bad |= xmlTextWriterWriteAttribute(w, X("xml:space"),
			    X("preserve")) < 0;
		bad |= xmlTextWriterWriteString(w, X(xbuf_str(tmp))) < 0;
		bad |= xmlTextWriterEndElement(w) < 0;
		bad |= xmlTextWriterEndElement(w) < 0;
	}
	bad |= xmlTextWriterEndElement(w) < 0;
	return bad;
}

/* xl/worksheets/sheet1.xml: the rows as inline strings, the header row
 * frozen and bold.  Returns 0 or -1. */
static int
xw_sheet(xmlBufferPtr *buf, const char *const *const *rows, size_t nrows,
    size_t ncols)
{
	xmlTextWriterPtr w;
	struct xbuf	 tmp = { NULL, 0, 0 };
	char		 rn[24];
	size_t		 i, j;
	int		 bad = 0;

	if ((w = xw_start(buf)) == NULL)
		return -1;
	bad |= xmlTextWriterStartElement(w, X("worksheet")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xmlns"), X(XLSX_NS_MAIN)) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("xmlns:r"), X(XLSX_NS_REL)) < 0;
	bad |= xmlTextWriterStartElement(w, X("sheetViews")) < 0;
	bad |= xmlTextWriterStartElement(w, X("sheetView")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("workbookViewId"), X("0")) < 0;
	bad |= xmlTextWriterStartElement(w, X("pane")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("ySplit"), X("1")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("topLeftCell"), X("A2")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("activePane"),
	    X("bottomLeft")) < 0;
	bad |= xmlTextWriterWriteAttribute(w, X("state"), X("frozen")) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xw_empty(w, "sheetFormatPr", "defaultRowHeight", "15", NULL,
	    NULL, NULL, NULL);
	bad |= xw_cols(w, rows, nrows, ncols);
	bad |= xmlTextWriterStartElement(w, X("sheetData")) < 0;
	for (i = 0; i < nrows && !bad; i++) {
		snprintf(rn, sizeof(rn), "%zu", i + 1);
		bad |= xmlTextWriterStartElement(w, X("row")) < 0;
		bad |= xmlTextWriterWriteAttribute(w, X("r"), X(rn)) < 0;
		for (j = 0; j < ncols && !bad; j++)
			bad |= xw_cell(w, rows[i][j], i + 1, j, i == 0, &tmp);
		bad |= xmlTextWriterEndElement(w) < 0;
	}
	bad |= xmlTextWriterEndElement(w) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	free(tmp.p);
	return xw_end(w, bad);
}

/* Zips parts[0..n) into a malloc'd buffer.  Returns 0 or -1. */
static int
xlsx_zip(const struct xlsx_part *parts, size_t n, unsigned char **out,
    size_t *outsz)
{
	zip_error_t	 ze;
	zip_source_t	*src, *s;
	zip_stat_t	 st;
	zip_t		*za;
	zip_int64_t	 idx, got;
	unsigned char	*p = NULL;
	size_t		 i;
	int		 rc = -1, opened = 0;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto out;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		src = NULL;
		goto out;
	}
	zip_source_keep(src);
	for (i = 0; i < n; i++) {
		s = zip_source_buffer(za, xmlBufferContent(parts[i].buf),
		    (zip_uint64_t)xmlBufferLength(parts[i].buf), 0);
		if (s == NULL)
			break;
		if ((idx = zip_file_add(za, parts[i].name, s,
		    ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			break;
		}
		if (zip_file_set_mtime(za, (zip_uint64_t)idx, XLSX_MTIME, 0) < 0)
			break;
	}
	if (i < n) {
		log_err("xlsx: zip: %s", zip_strerror(za));
		zip_discard(za);
		goto out;
	}
	if (zip_close(za) != 0) {
		log_err("xlsx: zip close: %s", zip_strerror(za));
		zip_discard(za);
		goto out;
	}
	if (zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    st.size == 0 || st.size > SIZE_MAX ||
	    zip_source_open(src) != 0)
		goto out;
	opened = 1;
	if ((p = malloc((size_t)st.size)) == NULL)
		goto out;
	got = zip_source_read(src, p, st.size);
	if (got < 0 || (zip_uint64_t)got != st.size)
		goto out;
	*out = p;
	*outsz = (size_t)st.size;
	p = NULL;
	rc = 0;
out:
	if (rc != 0)
		log_err("xlsx: cannot build the workbook");
	free(p);
	if (opened)
		zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

/* Writes a one-sheet workbook; see xlsx.h. */
int
xlsx_write(const char *sheet_name, const char *const *const *rows,
    size_t nrows, size_t ncols, unsigned char **out, size_t *outsz)
{
	static const char *const pkgrels[][3] = {
		{ "rId1", XLSX_NS_REL "/officeDocument", "xl/workbook.xml" },
	};
	static const char *const wbrels[][3] = {
		{ "rId1", XLSX_NS_REL "/worksheet", "worksheets/sheet1.xml" },
		{ "rId2", XLSX_NS_REL "/styles", "styles.xml" },
	};
	struct xlsx_part parts[6] = {
		{ "[Content_Types].xml", NULL },
		{ "_rels/.rels", NULL },
		{ "xl/workbook.xml", NULL },
		{ "xl/_rels/workbook.xml.rels", NULL },
		{ "xl/styles.xml", NULL },
		{ "xl/worksheets/sheet1.xml", NULL },
	};
	size_t		 i;
	int		 rc = -1;

	*out = NULL;
	*outsz = 0;
	if (ncols == 0 || ncols > XLSX_MAX_COLS || nrows > XLSX_MAX_ROWS + 1 ||
	    (nrows > 0 && rows == NULL))
		return -1;
	if (xw_types(&parts[0].buf) || xw_rels(&parts[1].buf, pkgrels, 1) ||
	    xw_workbook(&parts[2].buf, sheet_name) ||
	    xw_rels(&parts[3].buf, wbrels, 2) || xw_styles(&parts[4].buf) ||
	    xw_sheet(&parts[5].buf, rows, nrows, ncols))
		goto out;
	rc = xlsx_zip(parts, 6, out, outsz);
out:
	for (i = 0; i < 6; i++)
		if (parts[i].buf != NULL)
			xmlBufferFree(parts[i].buf);
	return rc;
}
