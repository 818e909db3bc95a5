/*
 * fuzz_multipart.c: libFuzzer target for the multipart/form-data
 * parser.  The first line of the input is the boundary, the rest is
 * the body, copied to a buffer of exactly its size so that ASan sees
 * any read past it.  Parsed parts must respect the limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses the body after the first line with the boundary in that
 * line; returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req_limits	 lim = req_default_limits;
	struct req_fields	 f;
	const uint8_t		*nl;
	char			*bnd, *body;
	size_t			 blen, bodysz, i;
	enum req_err		 e;

	lim.max_fields = 8;
	lim.max_key = 32;
	lim.max_value = 1024;
	lim.max_file = 4096;
	lim.max_header = 256;
	nl = memchr(data, '\n', size);
	blen = nl != NULL ? (size_t)(nl - data) : size;
	if (blen > 0 && data[blen - 1] == '\r')
		blen--;
	bodysz = nl != NULL ? size - (size_t)(nl - data) - 1 : 0;
	if ((bnd = malloc(blen + 1)) == NULL)
		return 0;
	memcpy(bnd, data, blen);
	bnd[blen] = '\0';
	if ((body = malloc(bodysz == 0 ? 1 : bodysz)) == NULL) {
		free(bnd);
		return 0;
	}
	if (bodysz > 0)
		memcpy(body, nl + 1, bodysz);
	memset(&f, 0, sizeof(f));
	e = req_parse_multipart(body, bodysz, bnd, &lim, &f);
	if ((size_t)e >= REQ_ERR__MAX || f.n > lim.max_fields)
		abort();
	for (i = 0; i < f.n; i++) {
		if (f.v[i].key == NULL || f.v[i].key[0] == '\0' ||
		    strlen(f.v[i].key) > lim.max_key ||
		    f.v[i].valsz > (f.v[i].filename != NULL ?
		    lim.max_file : lim.max_value) ||
		    f.v[i].val[f.v[i].valsz] != '\0')
			abort();
	}
	req_fields_free(&f);
	free(body);
	free(bnd);
	return 0;
}
