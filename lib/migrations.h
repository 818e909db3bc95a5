/*
 * migrations.h: the numbered schema migrations (see migrations.c).
 */
#ifndef HALL_MIGRATIONS_H
#define HALL_MIGRATIONS_H

#include <stddef.h>

extern const char *const store_migrations[];
extern const size_t store_nmigrations;

#endif
