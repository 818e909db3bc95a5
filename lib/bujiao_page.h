/*
 * bujiao_page.h: the page side of 欠费补缴 (lib/bujiao.h): the XML of
 * the pick list, the computed table, the task, the reviewer's 到帐确认
 * pages, and the two receipts as .xlsx.  cgi-bin/bujiao.c routes.
 */
#ifndef HALL_BUJIAO_PAGE_H
#define HALL_BUJIAO_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "bujiao.h"
#include "hall.h"
#include "taskpage.h"

#define BJ_PAGE_PERSONS	50	/* persons a page lists */
#define BJ_XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Adds <owing persons= months= amount= page= pages=> with one <person
 * id= idno= name= months= first= last= amount= reserved= seq=> per
 * owing person of the session's unit on page pageno (身份证号 prefix
 * q, may be NULL), and, when q is a whole 身份证号 that owes nothing
 * here, a message saying whether he owes at another unit (「须到社保
 * 经办机构办理」).  Returns 0 or -1. */
int		 bj_page_owing(struct hall_ctx *c, const char *q, int pageno);

/* Adds the warning of a day after the policy day (bujiao.warn_after_day)
 * as <late-month day=> and a warn message.  Returns 0 or -1. */
int		 bj_page_late_warning(struct hall_ctx *c);

/* Computes pids[0..n) / all as of today and adds <compute all= persons=
 * months= amount= late= total=> with a <total type= side= …> per type
 * and side and, for the first BJ_PAGE_PERSONS persons, <person …> with
 * a <line …> each.  Returns 0, 1 refused (errs filled, nothing added),
 * -1. */
int		 bj_page_compute(struct hall_ctx *c, const int64_t *pids,
		    size_t n, int all, struct form_errors *errs);

/* The task_xml hook: <bujiao …> with its totals, pay state and one
 * page (page=) of its persons with their lines. */
int		 bj_page_task(struct hall_ctx *c, const struct task *t,
		    int batch, xmlNodePtr tn);

/* The materials hook: an optional 经办人身份证 of the task as a whole. */
int		 bj_page_materials(struct hall_ctx *c, const struct task *t,
		    int64_t pid, struct tp_material *out, size_t *n);

/* Adds <bills page= more=> with one <task …> (page_task) per 补缴 of
 * the session's unit already submitted, newest first, 50 a page
 * (pageno), each with <bujiao pay-state= total= computed-on=
 * persons=>: what 生成欠费补缴单 prints and 欠费补缴回退 cancels.
 * Returns 0 or -1. */
int		 bj_page_bills(struct hall_ctx *c, int pageno);

/* Adds <awaiting total= page= pages=> with one <task id= seq= unit=
 * computed-on= persons= total=> per 补缴 awaiting 到帐确认, page pageno.
 * Returns 0 or -1. */
int		 bj_page_awaiting(struct hall_ctx *c, int pageno);

/* The receipt kind ("bujiao_hd" / "bujiao_mx") of task t as .xlsx,
 * with its number and verification code (issued here when it was not):
 * into c->file.  Returns 0, 1 no such kind, -1. */
int		 bj_page_xlsx(struct hall_ctx *c, const struct task *t,
		    const char *kind);

#endif
