/*
 * taskpage.h: the task pages every business shares.  A business's
 * program registers one struct tp_business and calls tp_main(); the
 * library answers, under the business's path /B, the same routes with
 * the same behaviour for every business (docs/HTTP.md, "Every
 * business"):
 *
 *   GET  /B?id=N             the task page (single or batch)
 *   POST /B/save             the business's own handler (tp_saved())
 *   POST /B/upload           id, material, pid (optional), file
 *   GET  /B/attachment       id; inline=1 to view it in the browser
 *   POST /B/submit           id          POST /B/cancel     id (退单)
 *   POST /B/delete           id, row     POST /B/batch/delete id, row
 *   GET  /B/batch            GET /B/batch/template
 *   POST /B/batch/upload     file, token
 *   GET  /B/batch/import     job (an upload above batch.sync_rows rows:
 *                            its progress, then 303 to the result)
 *   GET  /B/batch/result     id          GET /B/batch/failures id
 *
 * A successful POST answers 303 to /B?id=N&done=WHAT (saved, uploaded,
 * submitted, cancelled, deleted, imported), which the page shows as a
 * fixed message; the same submit or 退单 again answers 303 with
 * &repeat=1.  Everything a business does differently is a hook here.
 */
#ifndef HALL_TASKPAGE_H
#define HALL_TASKPAGE_H

#include <stddef.h>
#include <stdint.h>

#include "hall.h"

/* One material a task asks for, of the task as a whole or of one
 * person.  Strings are static. */
struct tp_material {
	const char	*code;		/* attach.h catalogue code */
	const char	*name;
	int		 required;	/* 1: required (one of its group) */
	int		 group;		/* one of a group is enough; 0: alone */
	int		 rule;		/* the rule asking for it, 0: none */
	const char	*words;		/* what that rule says, or NULL */
};

#define TP_MATERIALS_MAX	16

/* The page side of a business. */
struct tp_business {
	const struct wf_business *wf;	/* its name, path, rules, batch */
	const char	*xsl;		/* its stylesheet in HALL_XSL */
	/* GET /B without id: its own form or query page. */
	route_fn	 form;
	/* POST /B/save: validates and stores, then tp_saved(); malformed
	 * input is 422 with the form again and nothing stored. */
	route_fn	 save;
	/* The materials task t asks for person_id (0: the task as a
	 * whole) into out[TP_MATERIALS_MAX] and *n.  Returns 0, 1 when
	 * person_id is not a person of t, -1 on error.  May be NULL. */
	int		(*materials)(struct hall_ctx *c, const struct task *t,
			    int64_t person_id, struct tp_material *out,
			    size_t *n);
	/* Adds its own XML of task t (its rows, its facts) to the task
	 * page; tn is the page's <task>.  May change the view.  Returns 0
	 * or -1.  May be NULL. */
	int		(*task_xml)(struct hall_ctx *c, const struct task *t,
			    int batch, xmlNodePtr tn);
	/* Adds its own XML to the batch upload page.  Returns 0 or -1.
	 * May be NULL. */
	int		(*batch_xml)(struct hall_ctx *c);
	/* The rule failures of draft task_id, read-only (no materials),
	 * into errs: listed whenever the draft is opened.  Returns 0 or
	 * -1.  May be NULL. */
	int		(*lint)(struct store *s, int64_t task_id,
			    struct form_errors *errs);
	/* What the unit does once a task is 结束, after the message that
	 * it ended, e.g. 「请打印《退工登记证明》…」; may be NULL. */
	const char	*done_note;
	/* Its own routes besides the shared ones. */
	const struct route *routes;
	size_t		 nroutes;
};

/* Runs the program of business b: the shared routes under
 * b->wf->path and b's own.  Returns the exit code. */
int		 tp_main(const struct tp_business *b, int argc, char *argv[]);

/* The business the program serves. */
const struct tp_business *tp_business(void);

/* Sets the view and title and the business's menu category. */
void		 tp_begin(struct hall_ctx *c, const char *view,
		    const char *title);

/* Starts the page of a refused save: the editable form view titled
 * title, with the draft t it was saving into, or, for a new one, the
 * form's one-time token again (so the corrected form still saves once).
 * The business adds the typed values and errors. */
void		 tp_begin_refused(struct hall_ctx *c, const char *title,
		    const struct task *t);

/* Loads the task named by field "id" of the session's unit and of this
 * business.  Answers 404 (another unit's, another business's, none) or
 * 503 and returns -1; 0 when loaded. */
int		 tp_load(struct hall_ctx *c, struct task *t);

/* Loads the draft a form's save names by field "id" into *t and sets
 * *tp to it; no id (a new form): *tp NULL.  Answers (404, or 409 when
 * it is no longer 未提交 or is a batch) and returns -1 when it cannot
 * take the form; 0 otherwise. */
int		 tp_load_draft(struct hall_ctx *c, struct task *t,
		    struct task **tp);

/* Builds the task page of t: the task, the business's XML, the
 * materials, the attachments, a batch's counts and failed rows, the
 * history and, with lint and a draft, its rule failures as <errors>.
 * Returns the number of those failures, or -1 on error. */
int		 tp_show(struct hall_ctx *c, const struct task *t, int lint);

/* Answers a save: 303 to the task page with done=saved, or repeat=1
 * when the same form was saved before (created 0). */
void		 tp_saved(struct hall_ctx *c, int64_t task_id, int created);

/* Answers 303 to /B?id=task_id&done=done. */
void		 tp_redirect(struct hall_ctx *c, int64_t task_id,
		    const char *done);

/* Adds <materials batch= max-mb=> under the page.  Returns it. */
xmlNodePtr	 tp_materials_list(struct hall_ctx *c, int batch);

/* Adds <material code= name= required= group= rule= words= pid=
 * uploaded=> to list (uploaded < 0: not said). */
void		 tp_material_add(struct hall_ctx *c, xmlNodePtr list,
		    const struct tp_material *m, int64_t pid, int uploaded);

/* The 审核时限 (working days) of the unit's region for the business
 * into *min and *max. */
void		 tp_review_days(struct hall_ctx *c, long long *min,
		    long long *max);

/* Adds <review-days min= max=>审核时限:1-3个工作日</review-days> and the
 * same as review-min= and review-max= on the task node tn (may be
 * NULL). */
void		 tp_add_review_days(struct hall_ctx *c, xmlNodePtr tn);

/* Adds <recent> with the unit's tasks of the business (待办, then
 * 已办).  Returns 0 or -1. */
int		 tp_add_recent(struct hall_ctx *c);

#endif
