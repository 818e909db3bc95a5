/*
 * businesses.c: every business of the hall, registered with the
 * workflow by every program, so that the 首页, the reviewer desk and
 * the printouts know each one's name, path, rules and effect; and the
 * number prefixes of their receipts.
 */
#include <stddef.h>

#include "hall.h"
#include "receipt.h"
#include "tuigong.h"
#include "jianyuan.h"

const struct wf_business *const hall_businesses[] = {
	&jianyuan_business,
	&tuigong_business,
	NULL
};

/* The number prefixes of the businesses' receipts (《综合业务处理单》's
 * "ZH" is the hall's own, lib/receipt.c).  A new kind needs a prefix
 * of its own: two receipts of one task must not share a number. */
const struct receipt_prefix hall_receipt_prefixes[] = {
	{ "tuigong",	"TG" },
	{ NULL,		NULL }
};
