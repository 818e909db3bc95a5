/*
 * xlsx_int.h: internals of xlsx.c shared with its tests and its fuzz
 * target: the limits of one parse and the in-process parser that
 * xlsx_read() runs in its child process.
 */
#ifndef HALL_XLSX_INT_H
#define HALL_XLSX_INT_H

#include <stddef.h>

#include "xlsx.h"

#define XLSX_MAX_ENTRIES	256	/* entries in the zip */
#define XLSX_MAX_ENTRY		(32u * 1024u * 1024u) /* one inflated entry */
#define XLSX_MAX_TEXT		(32u * 1024u * 1024u) /* all cell text */
#define XLSX_MAX_SST		1000000	/* shared strings */
#define XLSX_MAX_XFS		65536	/* cell formats looked at */
#define XLSX_MAX_PIPE		(64u * 1024u * 1024u) /* child -> parent */
#define XLSX_CHUNK		65536	/* inflate step */

/* What one parse consumed, for tests. */
struct xlsx_stats {
	size_t		 inflated;	/* bytes inflated, all entries */
	size_t		 peak_entry;	/* largest entry buffer filled */
};

/* Parses data in this process, without resource limits beyond the
 * hard caps above (the fuzz target and the child of xlsx_read() call
 * it).  Returns XLSX_OK and fills out (freed by xlsx_free()), or an
 * error with out empty.  stats may be NULL. */
enum xlsx_err	 xlsx_parse(const void *data, size_t sz,
		    struct xlsx_sheet *out, struct xlsx_stats *stats);

/* Converts an Excel serial day number (1900 date system unless
 * date1904) to "YYYY-MM-DD" in buf[11].  Returns 0, or -1 when v is not
 * a number in Excel's date range. */
int		 xlsx_serial_date(const char *v, int date1904, char buf[11]);

#endif
