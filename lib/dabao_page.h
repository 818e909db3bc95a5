/*
 * dabao_page.h: the pages of 打包快办 (cgi-bin/dabao.c is a thin table
 * of routes over these) and the little the reviewer desk shows of a
 * package (cgi-bin/review.c calls three functions).  The forms are
 * drawn from the businesses' own field tables (field_def), so a rule or
 * a label is never written twice.
 */
#ifndef HALL_DABAO_PAGE_H
#define HALL_DABAO_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"

/* GET /dabao: the unit's packages, a page at a time (?page=). */
void		 dabao_page_list(struct hall_ctx *c);

/* GET /dabao/lizhi: the 离职打包 form; sfzh= fills it from the store
 * (the person's contract and 社保). */
void		 dabao_page_lizhi_form(struct hall_ctx *c);

/* POST /dabao/lizhi/save: validates both businesses' fields and saves
 * the package (pkg_save_lizhi): 303 to its page, 422 the form again. */
void		 dabao_page_lizhi_save(struct hall_ctx *c);

/* GET /dabao/ruzhi: the 入职打包 form (用工备案 and 增员 of a person). */
void		 dabao_page_ruzhi_form(struct hall_ctx *c);

/* POST /dabao/ruzhi/save: validates both businesses' fields and saves
 * the package (pkg_save_ruzhi): 303 to its page, 422 the form again. */
void		 dabao_page_ruzhi_save(struct hall_ctx *c);

/* GET /dabao/pkg?id=N: the package, its steps, their materials and
 * what the clerk does next.  Another unit's: 404. */
void		 dabao_page_pkg(struct hall_ctx *c);

/* POST /dabao/submit: id, csrf: the clerk's 提交 (pkg_submit). */
void		 dabao_page_submit(struct hall_ctx *c);

/* POST /dabao/cancel: id, csrf: 整包退单 (pkg_cancel). */
void		 dabao_page_cancel(struct hall_ctx *c);

/* POST /dabao/upload: id, step, material, pid, file: one material of
 * a step, back to the package. */
void		 dabao_page_upload(struct hall_ctx *c);

/* ---- The reviewer desk ---- */

/* Marks the queue row tn of task_id when it is a package's step:
 * package= 「入职打包 · 2 项」 and package-id=.  Silent on error. */
void		 dabao_page_queue_mark(struct hall_ctx *c, xmlNodePtr tn,
		    int64_t task_id);

/* Adds <package id= title= state=> with each <step no= business-name=
 * task= seq= state= current=> to a review page of task t, when t is a
 * package's step.  Returns 0 or -1. */
int		 dabao_page_review(struct hall_ctx *c, const struct task *t);

/* After task_id was approved (committed): puts the review page of the
 * package's next step now under review into path[pathsz].  Returns 1 when there is
 * one, 0 none, -1 on error. */
int		 dabao_page_next_review(struct hall_ctx *c, int64_t task_id,
		    char *path, size_t pathsz);

#endif
