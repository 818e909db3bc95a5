/*
 * fuzz_attach.c: libFuzzer target for recognising an attachment by
 * content (attach_sniff): the cross-reference walk of a PDF, the
 * marker walk of a JPEG and the search for markup read only inside the
 * input, and what is accepted must look right: a PDF starts with
 * "%PDF-", a JPEG with FF D8 and ends with FF D9 before at most 16 NUL
 * bytes, and neither holds "<script" or "<html" in any case.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attach.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether the size bytes at data hold tag (ASCII, lower case) in any
 * case. */
static int
fuzz_has(const uint8_t *data, size_t size, const char *tag)
{
	size_t	 n = strlen(tag), i;

	for (i = 0; i + n <= size; i++)
		if (strncasecmp((const char *)data + i, tag, n) == 0)
			return 1;
	return 0;
}

/* Checks what attach_sniff() accepts; returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum attach_type	 type;
	uint8_t			*copy;
	size_t			 end;

	/* A copy of exactly size bytes, so ASan sees any read past it. */
	if ((copy = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	if (attach_sniff(copy, size, &type) == ATTACH_OK) {
		if (fuzz_has(copy, size, "<script>") ||
		    fuzz_has(copy, size, "<html>"))
			abort();
		switch (type) {
		case ATTACH_PDF:
			if (size < 8 || memcmp(copy, "%PDF-", 5) != 0)
				abort();
			break;
		case ATTACH_JPEG:
			end = size;
			while (end > 0 && copy[end - 1] == 0x00 &&
			    size - end < 16)
				end--;
			if (size < 4 || copy[0] != 0xFF || copy[1] != 0xD8 ||
			    end < 2 || copy[end - 2] != 0xFF ||
			    copy[end - 1] != 0xD9)
				abort();
			break;
		case ATTACH_TYPE__MAX:
		default:
			abort();
		}
	}
	free(copy);
	return 0;
}
