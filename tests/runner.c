/*
 * runner.c: the test runner of tests/unit and of tests/http.  Runs every suite registered with
 * SUITE() and ends with Check's summary; exits non-zero on a failure.
 */
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

int
main(void)
{
	SRunner	*sr;
	size_t	 i;
	int	 failed;

	if (nsuites == 0)
		return EXIT_FAILURE;
	sr = srunner_create(suites[0]());
	for (i = 1; i < nsuites; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
