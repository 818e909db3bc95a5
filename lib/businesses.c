/*
 * businesses.c: every business of the hall, registered with the
 * workflow by every program, so that the 首页, the reviewer desk and
 * the printouts know each one's name, path, rules and effect.
 */
#include <stddef.h>

#include "hall.h"
#include "tuigong.h"
#include "jianyuan.h"

const struct wf_business *const hall_businesses[] = {
	&jianyuan_business,
	&tuigong_business,
	NULL
};
