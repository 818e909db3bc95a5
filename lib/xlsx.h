/*
 * xlsx.h: reading and writing the .xlsx templates of batch businesses.
 * Reading treats the file as hostile: it is a zip (entries capped,
 * inflated as a stream with a hard byte limit that ignores the sizes
 * the archive claims: libzip 1.7.3 does not detect zip bombs) of XML
 * (parsed without entities, DTD loading or network, with size limits),
 * and runs in a child process with CPU and memory limits, so a hostile
 * file costs a bounded amount and cannot hurt the program.
 */
#ifndef HALL_XLSX_H
#define HALL_XLSX_H

#include <stddef.h>

#define XLSX_MAX_ROWS		20000
#define XLSX_MAX_COLS		64
#define XLSX_MAX_CELL		1024	/* bytes of one cell's text */
#define XLSX_MAX_INFLATED	(64u * 1024u * 1024u)	/* all entries read */

enum xlsx_err {
	XLSX_OK,		/* XLSX_OK */
	XLSX_NOTZIP,		/* XLSX_NOTZIP: not a zip / not an xlsx */
	XLSX_BOMB,		/* XLSX_BOMB: inflates past the limit */
	XLSX_BADXML,		/* XLSX_BADXML: malformed or forbidden XML (DTD, entities) */
	XLSX_TOOMANY,		/* XLSX_TOOMANY: rows, columns or cell size over the limits */
	XLSX_NOMEM,		/* XLSX_NOMEM */
	XLSX_ERR__MAX
};

/* The first worksheet as rows of cells (text as shown; numbers and
 * dates as Excel stores them, dates converted to YYYY-MM-DD when the
 * cell's style is a date format).  Owned; freed by xlsx_free(). */
struct xlsx_sheet {
	size_t		  nrows;
	struct xlsx_row {
		size_t	  ncells;	/* 0 for a blank row; rows differ in
					 * length: trailing blanks are absent */
		char	**cells;	/* NUL-terminated UTF-8; "" for blanks */
	}		 *rows;
};

/* Parses data (an uploaded file) in a child process with limits.
 * Returns XLSX_OK and fills out, or an error (out is then empty). */
enum xlsx_err	 xlsx_read(const void *data, size_t sz, struct xlsx_sheet *out);

/* Frees what xlsx_read() filled. */
void		 xlsx_free(struct xlsx_sheet *sh);

/* Chinese message for e, e.g. "文件不是有效的Excel(.xlsx)文件"; a
 * general one for values outside the enum. */
const char	*xlsx_message(enum xlsx_err e);

/* Writes a one-sheet workbook named sheet_name with the given rows
 * (row 0 is the header, shown bold) into a malloc'd buffer (caller
 * frees).  Returns 0 or -1. */
int		 xlsx_write(const char *sheet_name, const char *const *const *rows,
		    size_t nrows, size_t ncols, unsigned char **out, size_t *outsz);

#endif
