/*
 * batch.h: batch businesses by Excel template (批量退工, 批量减员) [000,
 * 003]: download the template, upload it filled, every row checked by
 * the same rules as the single form, good rows stored as the detail
 * rows of one task, failed rows kept with their reasons for
 * 下载导入失败列表, rows deleted before submitting, the whole batch
 * submitted or withdrawn (退单) through the workflow.  One piece of
 * code serves every batch business; each supplies a struct batch_spec.
 */
#ifndef HALL_BATCH_H
#define HALL_BATCH_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct actor;
struct form_errors;
struct hdate;
struct wf_business;

/* How the template shows one column of a batch (struct batch_spec,
 * cols). */
enum batch_col_kind {
	BATCH_COL_TEXT,		/* BATCH_COL_TEXT: text ("@": a 身份证号 keeps
				 * its digits and final X) */
	BATCH_COL_DATE		/* BATCH_COL_DATE: a date cell, shown
				 * yyyy-mm-dd (Excel stores a serial number
				 * the reader turns back into YYYY-MM-DD) */
};

struct batch_col {
	enum batch_col_kind kind;
	/* The drop-down's values (a data validation of the whole column),
	 * NULL-terminated, "" entries left out: the very table the rules
	 * check the cell against.  NULL: typed freely. */
	const char *const *choices;
	int		 width;		/* characters; 0: BATCH_COL_WIDTH */
};

#define BATCH_COL_WIDTH		16
/* The template's example row begins with this in its first cell
 * ("示例:张三"); the import skips such a row (batch_result.example). */
#define BATCH_EXAMPLE_MARK	"示例:"

/* What a batch business supplies. */
struct batch_spec {
	const char	 *business;	/* workflow code, e.g. "tuigong" */
	const char	 *title;	/* 批量退工 */
	const char *const *columns;	/* template header, NULL-terminated */
	const char *const *example;	/* one example row for the template, or NULL */
	int		  name_col;	/* column of 姓名 (for the result page) */
	int		  idno_col;	/* column of 身份证号 */
	/* Checks one row (cells[0..ncells)) for unit_id, adding one error
	 * per broken rule.  Returns 0 (see errs) or -1 on a store error. */
	int		(*row_check)(struct store *s, int64_t unit_id,
			    const char *const *cells, size_t ncells,
			    const struct hdate *today, struct form_errors *errs);
	/* Stores a checked row as detail row row_no of task_id inside
	 * the open transaction.  Returns 0 or -1. */
	int		(*row_store)(struct store *s, int64_t unit_id,
			    int64_t task_id, int row_no,
			    const char *const *cells, size_t ncells,
			    const struct hdate *today);
	/* Its business, whose row_count and row_delete hooks count and
	 * delete the detail rows. */
	const struct wf_business *wf;
	/* Optional: a template pre-filled for the unit (年度工资申报:
	 * every person insured there).  Calls emit(arg, cells) once per
	 * row, cells[0..ncols) in the columns' order (borrowed for the
	 * call); a non-zero return of emit stops the walk and is
	 * returned.  Returns 0, -1 on error, or emit's value.  NULL: the
	 * template is the header and the example row. */
	int		(*template_rows)(struct store *s, int64_t unit_id,
			    int (*emit)(void *arg, const char *const *cells),
			    void *arg);
	/* Optional: the 填表说明 lines, NULL-terminated, written on a
	 * second sheet of the template (the import reads only the
	 * first). */
	const char *const *notes;
	/* Optional: whether a row of the pre-filled template was left
	 * undeclared (年度工资申报: its wage cell blank), cells[0..ncols)
	 * borrowed.  Such a row is skipped, not a failure, and counted in
	 * batch_result.blank.  Returns 1 skip, 0 import. */
	int		(*row_blank)(const char *const *cells, size_t ncells);
	/* Optional: how the template shows each column, one entry per
	 * column in the columns' order (drop-downs, dates, widths).  NULL:
	 * every column text. */
	const struct batch_col *cols;
};

/* The result of one import. */
struct batch_result {
	int64_t		 task_id;
	size_t		 rows;		/* data rows read */
	size_t		 ok;		/* stored */
	size_t		 failed;	/* kept in batch_failures */
	int		 xlsx_error;	/* enum xlsx_err when the file itself was refused */
	int		 existing;	/* the dedup key's task already existed:
					 * nothing imported now, counts are its own */
	int64_t		 job_id;	/* batch_import_start: the job importing
					 * the rows, 0 when imported at once */
	size_t		 blank;		/* rows skipped by spec->row_blank */
	size_t		 example;	/* the template's example rows skipped
					 * (first cell BATCH_EXAMPLE_MARK…) */
};

/* Values of xlsx_error beside enum xlsx_err: the file was refused
 * because its header row is not the template's, or it has no data. */
#define BATCH_ERR_HEADER	(-1)
#define BATCH_ERR_EMPTY		(-2)

/* Chinese message for a refused file (res->xlsx_error != 0), such as
 * "模板表头不符,请下载最新模板"; "" when it was not refused.  Static. */
const char	*batch_message(const struct batch_result *res);

/* One failed row, as batch_failures_each() reports it.  The strings
 * are borrowed for the duration of the callback. */
struct batch_failure {
	int		 row_no;	/* the spreadsheet's row number */
	const char	*name;
	const char	*idno;
	const char	*reasons;	/* messages joined with ";" */
};

/* Calls fn(arg, f) for each failed row of task_id (of unit_id) in row
 * order; a non-zero return of fn stops the walk and is returned.
 * Returns 0, 1 not found, -1 error, or fn's value. */
int		 batch_failures_each(struct store *s, int64_t task_id,
		    int64_t unit_id,
		    int (*fn)(void *arg, const struct batch_failure *f),
		    void *arg);

/* As batch_failures_each, rows [offset, offset + limit) of them in row
 * order (read in the order of an index, migration 10). */
int		 batch_failures_page(struct store *s, int64_t task_id,
		    int64_t unit_id, int limit, int offset,
		    int (*fn)(void *arg, const struct batch_failure *f),
		    void *arg);

/* The number of failed rows of task_id into *n (an index-covered
 * count of that task's rows only).  Returns 0 or -1. */
int		 batch_failures_total(struct store *s, int64_t task_id,
		    size_t *n);

/* Counts the detail rows of task_id in spec->table into *n.  Returns 0
 * or -1. */
int		 batch_count(struct store *s, const struct batch_spec *spec,
		    int64_t task_id, size_t *n);

/* The template as .xlsx bytes (malloc'd, caller frees): the header
 * (bold, frozen), the example row (first cell BATCH_EXAMPLE_MARK and
 * the example's first value, grey) when the spec has one, each
 * column's width, format and drop-down (spec->cols: a list data
 * validation of the column), and a sheet 填表说明 with the
 * instructions, the drop-downs' values and spec->notes.  Returns 0 or -1. */
int		 batch_template(const struct batch_spec *spec,
		    unsigned char **out, size_t *outsz);

/* The template of spec for unit_id as .xlsx bytes (malloc'd, caller
 * frees): as batch_template(), and with template_rows every row it
 * emits for the unit after the header (written as a stream in constant
 * memory: a 20,000-person unit).  Returns 0 or -1. */
int		 batch_template_unit(struct store *s,
		    const struct batch_spec *spec, int64_t unit_id,
		    unsigned char **out, size_t *outsz);

/* Imports an uploaded workbook as one new task of unit_id (dedup_key:
 * the form's one-time token, so a double click imports once).  Every
 * row is checked with row_check; rows also must not repeat a 身份证号
 * within the file.  Returns 0 (see res; res->xlsx_error != 0 means the
 * file was refused and nothing was stored) or -1. */
int		 batch_import(struct store *s, const struct batch_spec *spec,
		    const struct actor *who, const void *data, size_t sz,
		    const struct hdate *today, const char *dedup_key,
		    struct batch_result *res);

/* The failed rows of task_id (of unit_id) as .xlsx with a 失败原因
 * column.  Returns 0, 1 not found, -1 error. */
int		 batch_failures_xlsx(struct store *s, const struct batch_spec *spec,
		    int64_t task_id, int64_t unit_id, unsigned char **out,
		    size_t *outsz);

/* Whether task_id was made by a batch import (its rows stay a batch
 * when all failed or were deleted).  Returns 1, 0, or -1 on error. */
int		 batch_is(struct store *s, int64_t task_id);

/* Deletes detail row row_no of an unsubmitted batch task of unit_id.
 * Returns 0, 1 not found / not editable, -1 error. */
int		 batch_delete_row(struct store *s, const struct batch_spec *spec,
		    const struct actor *who, int64_t task_id, int row_no);

/*
 * Import jobs (migration 24): an upload of more rows than the policy
 * batch.sync_rows (default BATCH_SYNC_ROWS) is not imported while the
 * browser waits.  batch_import_start() checks the file as batch_import
 * does, then in one transaction creates the task (once per dedup key)
 * and a job holding its parsed rows (not the workbook as sent: the
 * batch.upload audit row keeps its size and SHA-256), leased to the
 * calling process: once that commits the upload is acknowledged and
 * survives a killed worker.  The rows are dropped when the job ends,
 * done or failed (a job whose task was cancelled ends failed).  batch_job_run() then checks and stores
 * the rows in short transactions (chunks of at most BATCH_CHUNK_MS
 * each), recording progress with each chunk, so other units' writes
 * wait milliseconds, not seconds.  A job whose holder died or whose
 * lease (BATCH_LEASE_S, renewed by every chunk) ran out is taken over
 * by batch_job_claim(); a row is stored in the same transaction as the
 * progress that counts it, so a resumed job neither loses nor repeats
 * a row.  A job claimed more than BATCH_MAX_CLAIMS times ends failed.
 */
#define BATCH_SYNC_ROWS		500
#define BATCH_CHUNK_MS		20
#define BATCH_LEASE_S		30
#define BATCH_MAX_CLAIMS	5

enum batch_job_state {
	BATCH_JOB_RUNNING,
	BATCH_JOB_DONE,
	BATCH_JOB_FAILED
};

/* One job as batch_job_get() reads it. */
struct batch_job {
	int64_t		 id;
	int64_t		 task_id;
	int64_t		 unit_id;
	char		 business[32];
	enum batch_job_state state;
	int64_t		 rows;		/* data rows of the file */
	int64_t		 done;		/* rows checked and stored so far */
	int64_t		 ok;
	int64_t		 failed;
	int64_t		 lease_pid;	/* the process importing it, 0 none */
	int64_t		 lease_until;	/* seconds since the epoch */
	int64_t		 claims;	/* times a process took it */
	int64_t		 tx_max_us;	/* longest write transaction */
	char		 message[160];	/* why it failed */
};

/* The policy batch.sync_rows of unit_id's region on today (the most
 * rows imported at once), BATCH_SYNC_ROWS when none.  Never fails. */
int64_t		 batch_sync_rows(struct store *s, int64_t unit_id,
		    const struct hdate *today);

/* batch_import for files of at most sync_rows data rows; a larger one
 * becomes a job (res->job_id, res->task_id, res->rows; nothing checked
 * yet) leased to this process, to be run with batch_job_run().  The
 * same dedup key again answers the first task (res->existing) with its
 * job, if any, in res->job_id.  Returns 0 (see res) or -1. */
int		 batch_import_start(struct store *s, const struct batch_spec *spec,
		    const struct actor *who, const void *data, size_t sz,
		    const struct hdate *today, const char *dedup_key,
		    int64_t sync_rows, struct batch_result *res);

/* Loads job id of unit_id (unit_id 0: any unit) into *j.  Returns 0, 1
 * not found (or another unit's), -1 error. */
int		 batch_job_get(struct store *s, int64_t id, int64_t unit_id,
		    struct batch_job *j);

/* The job of task_id into *j.  Returns 0, 1 none, -1 error. */
int		 batch_job_of_task(struct store *s, int64_t task_id,
		    struct batch_job *j);

/* Takes job id for this process when it runs and nobody holds it: no
 * holder, a holder process that is gone, or a lease run out.  A job
 * taken too often ends failed instead.  Returns 1 taken, 0 not (held,
 * done or failed), -1 error. */
int		 batch_job_claim(struct store *s, int64_t id);

/* Imports the rows of job id (held by this process) in chunks until
 * it is done, fails, or another process took it over.  Returns 0 or
 * -1 (a store error; the lease then runs out and the job resumes). */
int		 batch_job_run(struct store *s, const struct batch_spec *spec,
		    int64_t id);

/* Whether task_id has a job that is not done: 0 none or done, 1
 * running, 2 failed, -1 error. */
int		 batch_job_busy(struct store *s, int64_t task_id);

#endif
