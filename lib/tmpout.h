/*
 * tmpout.h: a file written in a temporary folder and read back as
 * bytes: the .xlsx downloads (libxlsxwriter writes files, and in its
 * constant memory mode keeps its scratch files in a folder too).
 */
#ifndef HALL_TMPOUT_H
#define HALL_TMPOUT_H

#include <stddef.h>

/* Writes the file path, keeping any scratch files in tmpdir.  Returns 0
 * or -1. */
typedef int	(*tmpout_fn)(const char *path, const char *tmpdir, void *arg);

/* Makes a new temporary file stem-XXXXXX in TMPDIR (an absolute path of
 * at most 300 bytes, else /tmp), has fn(path, tmpdir, arg) write it,
 * and reads it back into *out (malloc'd, owned by the caller) of *outsz
 * bytes.  The file is removed in every case.  Returns 0, or -1 when it
 * cannot be made, fn fails or the file is empty or unreadable (*out
 * NULL). */
int		 tmpout_bytes(const char *stem, tmpout_fn fn, void *arg,
		    unsigned char **out, size_t *outsz);

#endif /* HALL_TMPOUT_H */
