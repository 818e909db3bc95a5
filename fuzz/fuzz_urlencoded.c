/*
 * fuzz_urlencoded.c: libFuzzer target for the urlencoded and cookie
 * parsers and the boundary extractor.  The input is parsed as a body
 * with tight limits, then (as a C string) as a Cookie header and a
 * Content-Type.  Every parsed field must respect the limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless every field of f respects lim and is NUL-terminated. */
static void
fuzz_check(const struct req_fields *f, const struct req_limits *lim)
{
	size_t	 i;

	if (f->n > lim->max_fields || f->n > f->cap)
		abort();
	for (i = 0; i < f->n; i++) {
		if (strlen(f->v[i].key) > lim->max_key ||
		    f->v[i].valsz > lim->max_value ||
		    f->v[i].val[f->v[i].valsz] != '\0')
			abort();
		(void)valid_text(f->v[i].val, 200);
	}
}

/* Parses data in every way it can be parsed; returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req_limits	 lim = req_default_limits;
	struct req_fields	 f;
	char			*s, *b;

	lim.max_fields = 16;
	lim.max_key = 16;
	lim.max_value = 256;
	memset(&f, 0, sizeof(f));
	/* Exactly size bytes, no NUL after them: ASan sees overreads. */
	if ((s = malloc(size == 0 ? 1 : size)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	(void)req_parse_urlencoded(s, size, &lim, &f);
	fuzz_check(&f, &lim);
	req_fields_free(&f);
	free(s);

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	(void)req_parse_cookies(s, &lim, &f);
	fuzz_check(&f, &lim);
	req_fields_free(&f);
	if ((b = req_multipart_boundary(s)) != NULL) {
		if (strlen(b) == 0 || strlen(b) > 70)
			abort();
		free(b);
	}
	free(s);
	return 0;
}
