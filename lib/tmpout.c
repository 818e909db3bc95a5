/*
 * tmpout.c: a file written in a temporary folder, read back as bytes
 * (tmpout.h).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "tmpout.h"

/* Reads the file at path into *out (malloc'd, owned by the caller) of
 * *outsz bytes.  Returns 0, or -1 when it is empty or unreadable. */
static int
tmpout_read(const char *path, unsigned char **out, size_t *outsz)
{
	struct stat	 st;
	unsigned char	*buf;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 ||
	    (buf = malloc((size_t)st.st_size)) == NULL) {
		close(fd);
		return -1;
	}
	while (got < (size_t)st.st_size &&
	    (r = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	close(fd);
	if (got != (size_t)st.st_size) {
		free(buf);
		return -1;
	}
	*out = buf;
	*outsz = got;
	return 0;
}

/* See tmpout.h.  Returns 0 or -1. */
int
tmpout_bytes(const char *stem, tmpout_fn fn, void *arg,
    unsigned char **out, size_t *outsz)
{
	const char	*tmp = getenv("TMPDIR");
	char		 path[512];
	int		 fd, rc;

	*out = NULL;
	*outsz = 0;
	if (tmp == NULL || *tmp != '/' || strlen(tmp) > 300)
		tmp = "/tmp";
	snprintf(path, sizeof(path), "%s/%s-XXXXXX", tmp, stem);
	if ((fd = mkstemp(path)) < 0) {
		log_err("%s: mkstemp: %s", stem, path);
		return -1;
	}
	close(fd);
	rc = fn(path, tmp, arg);
	if (rc == 0)
		rc = tmpout_read(path, out, outsz);
	unlink(path);
	return rc == 0 ? 0 : -1;
}
