/*
 * suites.h: how a test file adds its Check suite to the one runner of
 * its folder without anyone editing a list: SUITE(fn) registers fn
 * (a function returning a Suite *) before main() runs.
 */
#ifndef HALL_TESTS_SUITES_H
#define HALL_TESTS_SUITES_H

#include <check.h>

typedef Suite	*(*suite_fn)(void);

/* Adds fn to the runner's list (called by SUITE before main). */
void		 suite_register(suite_fn fn);

#define SUITE(fn) \
	static void fn##_register(void) __attribute__((constructor)); \
	static void fn##_register(void) { suite_register(fn); }

#endif
