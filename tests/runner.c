/*
 * runner.c: the test runner of tests/unit and of tests/http.  Runs every suite registered with
 * SUITE() (or a shard of them: HALL_TEST_SHARD) and ends with Check's
 * summary; exits non-zero on a failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include "suites.h"

static suite_fn	 suites[64];
static size_t	 nsuites;

/* Adds fn to the list; aborts past the fixed capacity. */
void
suite_register(suite_fn fn)
{
	if (nsuites == sizeof(suites) / sizeof(suites[0]))
		abort();
	suites[nsuites++] = fn;
}

/* Whether suite i belongs to this process's shard: HALL_TEST_SHARD=
 * "K/N" runs the suites i with i % N == K (make test-pg runs N at once);
 * unset, every suite. */
static int
in_shard(size_t i)
{
	const char	*v = getenv("HALL_TEST_SHARD");
	unsigned int	 k, n;

	if (v == NULL || sscanf(v, "%u/%u", &k, &n) != 2 || n == 0)
		return 1;
	return i % n == k;
}

int
main(void)
{
	SRunner	*sr = NULL;
	size_t	 i;
	int	 failed;

	for (i = 0; i < nsuites; i++) {
		if (!in_shard(i))
			continue;
		if (sr == NULL)
			sr = srunner_create(suites[i]());
		else
			srunner_add_suite(sr, suites[i]());
	}
	if (sr == NULL)
		return EXIT_FAILURE;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
