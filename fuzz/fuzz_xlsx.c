/*
 * fuzz_xlsx.c: libFuzzer target for the .xlsx reader.  The input goes
 * through xlsx_parse(), the in-process parser that xlsx_read() runs in
 * its limited child (no fork here); whatever it accepts must respect
 * the limits: rows, cells per row and bytes per cell, every cell a
 * NUL-terminated string.  Inputs that do not start like a zip are
 * taken as XML and zipped first (their CRCs would otherwise stop most
 * mutations at the zip layer): up to three parts separated by NUL
 * bytes become xl/worksheets/sheet1.xml, xl/sharedStrings.xml and
 * xl/styles.xml.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "xlsx.h"
#include "xlsx_int.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Zips the NUL-separated parts of data into a malloc'd archive in *out
 * (caller frees).  Returns 0 or -1. */
static int
fuzz_zip(const uint8_t *data, size_t size, uint8_t **out, size_t *outsz)
{
	static const char *const names[] = { "xl/worksheets/sheet1.xml",
	    "xl/sharedStrings.xml", "xl/styles.xml" };
	zip_error_t	 ze;
	zip_source_t	*src, *s;
	zip_stat_t	 st;
	zip_t		*za;
	const uint8_t	*nul;
	size_t		 i, off = 0, len;
	int		 rc = -1;

	*out = NULL;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return -1;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		return -1;
	}
	zip_source_keep(src);
	for (i = 0; i < 3 && off <= size; i++) {
		nul = memchr(data + off, '\0', size - off);
		len = nul == NULL ? size - off : (size_t)(nul - (data + off));
		if ((s = zip_source_buffer(za, data + off, len, 0)) == NULL ||
		    zip_file_add(za, names[i], s, 0) < 0) {
			zip_source_free(s);
			zip_discard(za);
			goto out;
		}
		off += len + 1;
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		goto out;
	}
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		goto out;
	if ((*out = malloc(st.size + 1)) != NULL &&
	    zip_source_read(src, *out, st.size) == (zip_int64_t)st.size) {
		*outsz = st.size;
		rc = 0;
	}
	zip_source_close(src);
out:
	zip_source_free(src);
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* Parses data; aborts when an accepted sheet breaks a limit. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_sheet sh;
	struct xlsx_stats st;
	size_t		 i, j;
	enum xlsx_err	 e;
	uint8_t		*zipped = NULL;
	size_t		 zsz = 0;

	if (size < 2 || memcmp(data, "PK", 2) != 0) {
		if (fuzz_zip(data, size, &zipped, &zsz) != 0)
			return 0;
		data = zipped;
		size = zsz;
	}
	e = xlsx_parse(data, size, &sh, &st);
	free(zipped);
	if ((unsigned)e >= XLSX_ERR__MAX || xlsx_message(e) == NULL)
		abort();
	if (st.inflated > XLSX_MAX_INFLATED + XLSX_CHUNK ||
	    st.peak_entry > XLSX_MAX_ENTRY + XLSX_CHUNK)
		abort();
	if (e != XLSX_OK) {
		if (sh.nrows != 0 || sh.rows != NULL)
			abort();
		return 0;
	}
	if (sh.nrows > XLSX_MAX_ROWS)
		abort();
	for (i = 0; i < sh.nrows; i++) {
		if (sh.rows[i].ncells > XLSX_MAX_COLS)
			abort();
		for (j = 0; j < sh.rows[i].ncells; j++)
			if (sh.rows[i].cells[j] == NULL ||
			    strlen(sh.rows[i].cells[j]) > XLSX_MAX_CELL)
				abort();
	}
	/* Trailing rows without cells are trimmed. */
	if (sh.nrows > 0 && sh.rows[sh.nrows - 1].ncells == 0)
		abort();
	xlsx_free(&sh);
	return 0;
}
