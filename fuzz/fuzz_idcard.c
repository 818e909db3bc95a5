/*
 * fuzz_idcard.c: libFuzzer target for the single-value validators.
 * The input, as a C string, goes through every validator; a value
 * accepted must also look right (an accepted 身份证号 has 18
 * characters, a real birth date and an upper-case X), and date
 * arithmetic on accepted dates must round-trip.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks date arithmetic on a valid date d; aborts on a mismatch. */
static void
fuzz_dates(const struct hdate *d, const uint8_t *data, size_t size)
{
	struct hdate	 e = *d;
	char		 buf[11];
	long		 n = 0;
	size_t		 i;

	for (i = 0; i < size && i < 3; i++)
		n = n * 256 + data[i];
	n -= 8000000;	/* about +-22000 years */
	hdate_add_days(&e, n);
	if (hdate_diff(d, &e) != n || e.month < 1 || e.month > 12 ||
	    e.day < 1 || e.day > 31)
		abort();
	if ((n > 0 && hdate_cmp(d, &e) >= 0) ||
	    (n < 0 && hdate_cmp(d, &e) <= 0))
		abort();
	hdate_fmt(&e, buf);
	if (strlen(buf) != 10)
		abort();
}

/* Runs every validator over data; returns 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct hdate today = { 2026, 1, 1 };
	struct idcard	 id;
	struct hdate	 d;
	int64_t		 fen;
	char		*s, msg[256];

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	if (valid_idcard(s, &today, &id) == VALID_OK) {
		if (strlen(id.number) != 18 || id.number[17] == 'x' ||
		    id.birth.year < 1900 || hdate_cmp(&id.birth, &today) > 0 ||
		    (id.male != 0 && id.male != 1))
			abort();
	}
	if (valid_uscc(s) == VALID_OK && strlen(s) != 18)
		abort();
	if (valid_date(s, &d) == VALID_OK)
		fuzz_dates(&d, data, size);
	(void)valid_month(s, &d);
	(void)valid_phone(s);
	(void)valid_postcode(s);
	if (valid_money(s, &fen) == VALID_OK &&
	    (fen < 0 || fen >= INT64_C(100000000000000)))
		abort();
	(void)valid_message(valid_text(s, 16), s, msg, sizeof(msg));
	if (strlen(msg) >= sizeof(msg))
		abort();
	free(s);
	return 0;
}
