/*
 * batch.c: batch businesses by Excel template (批量退工, 批量减员); see
 * batch.h.  An import reads the upload with xlsx_read() (a limited
 * child process), checks the header against the template, checks every
 * data row with the business's row_check plus 身份证号 repeated within
 * the file, and then, in one BEGIN IMMEDIATE transaction, creates the
 * task (once per dedup key), stores the good rows with the business's
 * row_store, keeps the bad ones in batch_failures with their reasons,
 * and audits the counts.  Rows are counted and deleted through the
 * business's own hooks (struct wf_business), so no business or table
 * is named here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <xlsxwriter.h>

#include "audit.h"
#include "batch.h"
#include "log.h"
#include "store.h"
#include "text.h"
#include "valid.h"
#include "workflow.h"
#include "xlsx.h"

#define BATCH_REASON_COL	"失败原因"

/* The statements of batch imports; their SQL is in batch_sql. */
enum batch_stmt {
	BATCH_STMT_FAILURE,		/* inserts a failed row */
	BATCH_STMT_FAILURES,		/* how many rows of a task failed */
	BATCH_STMT_MARK,		/* marks a task as a batch */
	BATCH_STMT_IS_BATCH,		/* whether a task is a batch */
	BATCH_STMT_LIST_FAILURES,	/* a task's failed rows, in order */
	BATCH_STMT_RAW_FAILURES,	/* their raw cells and reasons */
	BATCH_STMT__MAX
};

/* The SQL of each statement, by enum batch_stmt. */
static const char *const batch_sql[BATCH_STMT__MAX] = {
	[BATCH_STMT_FAILURE] =
	    "INSERT INTO batch_failures (task_id, row_no, "
	    "name, idno, reasons, raw) VALUES (?, ?, ?, ?, ?, ?)", /* BATCH_STMT_FAILURE */
	[BATCH_STMT_FAILURES] =
	    "SELECT COUNT(*) FROM batch_failures "
	    "WHERE task_id = ?1", /* BATCH_STMT_FAILURES */
	[BATCH_STMT_MARK] =
	    "UPDATE tasks SET batch = 1 WHERE id = ?1", /* BATCH_STMT_MARK */
	[BATCH_STMT_IS_BATCH] =
	    "SELECT batch FROM tasks WHERE id = ?1", /* BATCH_STMT_IS_BATCH */
	[BATCH_STMT_LIST_FAILURES] =
	    "SELECT row_no, name, idno, reasons "
	    "FROM batch_failures WHERE task_id = ?1 ORDER BY row_no, id "
	    "LIMIT ?2 OFFSET ?3", /* BATCH_STMT_LIST_FAILURES */
	[BATCH_STMT_RAW_FAILURES] =
	    "SELECT raw, reasons FROM batch_failures "
	    "WHERE task_id = ? ORDER BY row_no, id", /* BATCH_STMT_RAW_FAILURES */
};

/* One data row of an upload being imported. */
struct batch_row {
	size_t		 idx;		/* index in the sheet */
	int		 dup_of;	/* row number of the first with its 身份证号 */
	char		*reasons;	/* NULL: good; else joined messages */
};

/* Whether spec's business has the row hooks a batch needs (logged
 * when not: a programming error). */
static int
batch_hooks_ok(const struct batch_spec *spec)
{
	if (spec->wf != NULL && spec->wf->row_count != NULL &&
	    spec->wf->row_delete != NULL)
		return 1;
	log_err("batch: %s has no row hooks", spec->business);
	return 0;
}

/* The number of template columns of spec. */
static size_t
batch_ncols(const struct batch_spec *spec)
{
	size_t	 n = 0;

	while (spec->columns[n] != NULL)
		n++;
	return n;
}

/* Chinese message for a refused file; see batch.h. */
const char *
batch_message(const struct batch_result *res)
{
	if (res->xlsx_error == 0)
		return "";
	if (res->xlsx_error == BATCH_ERR_HEADER)
		return "模板表头不符,请下载最新模板";
	if (res->xlsx_error == BATCH_ERR_EMPTY)
		return "文件中没有数据行,请在模板表头下方填写";
	if (res->xlsx_error > 0 && res->xlsx_error < XLSX_ERR__MAX)
		return xlsx_message((enum xlsx_err)res->xlsx_error);
	return "文件无法处理";
}

/* The template: header and example row; see batch.h. */
int
batch_template(const struct batch_spec *spec, unsigned char **out,
    size_t *outsz)
{
	const char *const *rows[2];

	*out = NULL;
	*outsz = 0;
	rows[0] = spec->columns;
	rows[1] = spec->example;
	return xlsx_write(spec->title, rows, spec->example != NULL ? 2 : 1,
	    batch_ncols(spec), out, outsz);
}

/* Where a pre-filled template writes its rows. */
struct batch_tsheet {
	lxw_worksheet	*ws;
	lxw_format	*text;		/* "@": 身份证号 stays text */
	size_t		 ncols;
	lxw_row_t	 row;
	int		 failed;
};

/* template_rows callback: one row of the template.  Returns 0, 1 to
 * stop on a write error. */
static int
batch_template_emit(void *arg, const char *const *cells)
{
	struct batch_tsheet	*t = arg;
	size_t			 j;

	t->row++;
	for (j = 0; j < t->ncols; j++)
		if (cells[j] != NULL && cells[j][0] != '\0' &&
		    worksheet_write_string(t->ws, t->row, (lxw_col_t)j,
		    cells[j], t->text) != LXW_NO_ERROR) {
			t->failed = 1;
			return 1;
		}
	return 0;
}

/* Writes the header and notes of spec and the rows template_rows
 * gives for unit_id into a workbook at path (libxlsxwriter, constant
 * memory, its temporary files in tmpdir).  Returns 0 or -1. */
static int
batch_template_write(struct store *s, const struct batch_spec *spec,
    int64_t unit_id, const char *path, const char *tmpdir)
{
	lxw_workbook_options	 opt;
	struct batch_tsheet	 t;
	lxw_workbook		*wb;
	lxw_worksheet		*notes;
	lxw_format		*bold;
	size_t			 j;
	int			 rc = 0;

	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = (char *)(uintptr_t)tmpdir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL)
		return -1;
	memset(&t, 0, sizeof(t));
	t.ncols = batch_ncols(spec);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	t.text = workbook_add_format(wb);
	format_set_num_format(t.text, "@");
	if ((t.ws = workbook_add_worksheet(wb, spec->title)) == NULL) {
		workbook_close(wb);
		return -1;
	}
	for (j = 0; j < t.ncols; j++) {
		worksheet_set_column(t.ws, (lxw_col_t)j, (lxw_col_t)j, 22,
		    t.text);
		if (worksheet_write_string(t.ws, 0, (lxw_col_t)j,
		    spec->columns[j], bold) != LXW_NO_ERROR)
			t.failed = 1;
	}
	if (!t.failed && spec->template_rows != NULL)
		rc = spec->template_rows(s, unit_id, batch_template_emit, &t);
	if (spec->notes != NULL &&
	    (notes = workbook_add_worksheet(wb, "填表说明")) != NULL) {
		worksheet_set_column(notes, 0, 0, 100, NULL);
		for (j = 0; spec->notes[j] != NULL; j++)
			if (worksheet_write_string(notes, (lxw_row_t)j, 0,
			    spec->notes[j], j == 0 ? bold : NULL) !=
			    LXW_NO_ERROR)
				t.failed = 1;
	}
	if (workbook_close(wb) != LXW_NO_ERROR || rc != 0 || t.failed)
		return -1;
	return 0;
}

/* Reads the file at path into *out (malloc'd) and *outsz.  Returns 0
 * or -1. */
static int
batch_slurp(const char *path, unsigned char **out, size_t *outsz)
{
	struct stat	 st;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 ||
	    (*out = malloc((size_t)st.st_size)) == NULL)
		goto out;
	while (got < (size_t)st.st_size &&
	    (r = read(fd, *out + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	if (got != (size_t)st.st_size) {
		free(*out);
		*out = NULL;
		goto out;
	}
	*outsz = got;
	rc = 0;
out:
	close(fd);
	return rc;
}

/* The template pre-filled for a unit; see batch.h. */
int
batch_template_unit(struct store *s, const struct batch_spec *spec,
    int64_t unit_id, unsigned char **out, size_t *outsz)
{
	const char	*tmp = getenv("TMPDIR");
	char		 path[512];
	int		 fd, rc;

	*out = NULL;
	*outsz = 0;
	if (spec->template_rows == NULL && spec->notes == NULL)
		return batch_template(spec, out, outsz);
	if (tmp == NULL || *tmp != '/' || strlen(tmp) > 300)
		tmp = "/tmp";
	snprintf(path, sizeof(path), "%s/template-XXXXXX", tmp);
	if ((fd = mkstemp(path)) < 0) {
		log_err("batch: template: mkstemp: %s", path);
		return -1;
	}
	close(fd);
	rc = batch_template_write(s, spec, unit_id, path, tmp);
	if (rc == 0)
		rc = batch_slurp(path, out, outsz);
	unlink(path);
	if (rc != 0)
		log_err("batch: template of %s for unit %" PRId64 " failed",
		    spec->business, unit_id);
	return rc;
}

/* Cell j of row r of sh, "" past the row's end. */
static const char *
batch_cell(const struct xlsx_sheet *sh, size_t r, size_t j)
{
	return j < sh->rows[r].ncells ? sh->rows[r].cells[j] : "";
}

/* Whether the header row of sh is the template's: the columns in
 * order, then nothing but an optional 失败原因 (a failure list sent
 * back after corrections). */
static int
batch_header_ok(const struct batch_spec *spec, const struct xlsx_sheet *sh,
    size_t ncols)
{
	size_t	 j;

	if (sh->nrows == 0)
		return 0;
	for (j = 0; j < ncols; j++)
		if (strcmp(batch_cell(sh, 0, j), spec->columns[j]) != 0)
			return 0;
	for (; j < sh->rows[0].ncells; j++)
		if (batch_cell(sh, 0, j)[0] != '\0' && !(j == ncols &&
		    strcmp(batch_cell(sh, 0, j), BATCH_REASON_COL) == 0))
			return 0;
	return 1;
}

/* Whether row r has nothing in the template's columns. */
static int
batch_blank(const struct xlsx_sheet *sh, size_t r, size_t ncols)
{
	size_t	 j;

	for (j = 0; j < ncols; j++)
		if (batch_cell(sh, r, j)[0] != '\0')
			return 0;
	return 1;
}

/* What the duplicate search sorts. */
struct batch_dupctx {
	const struct xlsx_sheet	*sh;
	size_t			 col;
};

/* Orders rows by 身份证号 (case-insensitive), then by position. */
static int
batch_dupcmp(const void *a, const void *b, void *arg)
{
	const struct batch_dupctx *c = arg;
	const struct batch_row *ra = *(const struct batch_row *const *)a;
	const struct batch_row *rb = *(const struct batch_row *const *)b;
	int		 d;

	d = strcasecmp(batch_cell(c->sh, ra->idx, c->col),
	    batch_cell(c->sh, rb->idx, c->col));
	if (d != 0)
		return d;
	return ra->idx < rb->idx ? -1 : ra->idx > rb->idx;
}

/* Marks every row whose 身份证号 an earlier row of the file already
 * has.  Returns 0 or -1 (out of memory). */
static int
batch_dups(const struct batch_spec *spec, const struct xlsx_sheet *sh,
    struct batch_row *rows, size_t n, size_t ncols)
{
	struct batch_dupctx c = { sh, 0 };
	struct batch_row **ord;
	size_t		 i, m = 0, first = 0;

	if (spec->idno_col < 0 || (size_t)spec->idno_col >= ncols || n == 0)
		return 0;
	c.col = (size_t)spec->idno_col;
	if ((ord = calloc(n, sizeof(*ord))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (batch_cell(sh, rows[i].idx, c.col)[0] != '\0')
			ord[m++] = &rows[i];
	qsort_r(ord, m, sizeof(*ord), batch_dupcmp, &c);
	for (i = 1; i < m; i++) {
		if (strcasecmp(batch_cell(sh, ord[i]->idx, c.col),
		    batch_cell(sh, ord[first]->idx, c.col)) == 0)
			ord[i]->dup_of = (int)ord[first]->idx + 1;
		else
			first = i;
	}
	free(ord);
	return 0;
}

/* Joins the messages of errs with ";" into a malloc'd string, or NULL
 * (out of memory). */
static char *
batch_join(const struct form_errors *errs)
{
	size_t	 i, len = 1;
	char	*s;

	for (i = 0; i < errs->n; i++)
		len += strlen(errs->e[i].msg) + 1;
	if ((s = malloc(len)) == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < errs->n; i++) {
		if (i > 0)
			strcat(s, ";");
		strcat(s, errs->e[i].msg);
	}
	return s;
}

/* Checks one data row: the business's rules and the file's
 * duplicates; sets row->reasons when it fails.  Returns 0 or -1. */
static int
batch_check_row(struct store *s, const struct batch_spec *spec,
    int64_t unit_id, const char *const *cells, size_t ncols,
    const struct hdate *today, struct batch_row *row)
{
	struct form_errors *errs;
	char		 msg[128];
	int		 rc = -1;

	if ((errs = calloc(1, sizeof(*errs))) == NULL)
		return -1;
	if (spec->row_check(s, unit_id, cells, ncols, today, errs) != 0)
		goto out;
	if (row->dup_of > 0) {
		snprintf(msg, sizeof(msg), "同一文件中身份证号重复(与第%d行)",
		    row->dup_of);
		form_error_add(errs, "idno", "DUPLICATE", msg);
	}
	if (errs->n > 0 && (row->reasons = batch_join(errs)) == NULL)
		goto out;
	rc = 0;
out:
	free(errs);
	return rc;
}

/* The cells of sheet row r as ncols pointers into cells. */
static void
batch_cells(const struct xlsx_sheet *sh, size_t r, size_t ncols,
    const char **cells)
{
	size_t	 j;

	for (j = 0; j < ncols; j++)
		cells[j] = batch_cell(sh, r, j);
}

/* The cells joined with tabs (tabs and newlines inside cells become
 * spaces) as a malloc'd string, or NULL. */
static char *
batch_raw(const char *const *cells, size_t ncols)
{
	size_t	 i, len = 1;
	char	*s, *p;

	for (i = 0; i < ncols; i++)
		len += strlen(cells[i]) + 1;
	if ((s = malloc(len)) == NULL)
		return NULL;
	p = s;
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			*p++ = '\t';
		len = strlen(cells[i]);
		memcpy(p, cells[i], len);
		for (; len > 0; len--, p++)
			if (*p == '\t' || *p == '\n' || *p == '\r')
				*p = ' ';
	}
	*p = '\0';
	return s;
}

/* Keeps one failed row in batch_failures.  Returns 0 or -1. */
static int
batch_keep_failure(struct store *s, const struct batch_spec *spec,
    int64_t task_id, int row_no, const char *const *cells, size_t ncols,
    const char *reasons)
{
	struct store_stmt	*st;
	char		*raw;
	int		 rc = -1;

	if ((raw = batch_raw(cells, ncols)) == NULL)
		return -1;
	if ((st = store_stmt(s, batch_sql[BATCH_STMT_FAILURE])) == NULL ||
	    store_bind_int(st, 1, task_id) || store_bind_int(st, 2, row_no) ||
	    store_bind_text(st, 3, spec->name_col >= 0 &&
	    (size_t)spec->name_col < ncols ? cells[spec->name_col] : "") ||
	    store_bind_text(st, 4, spec->idno_col >= 0 &&
	    (size_t)spec->idno_col < ncols ? cells[spec->idno_col] : "") ||
	    store_bind_text(st, 5, reasons) || store_bind_text(st, 6, raw))
		goto out;
	rc = store_exec_stmt(s, st);
out:
	free(raw);
	return rc;
}

/* Counts the failed rows of task_id into *n.  Returns 0 or -1. */
static int
batch_nfailures(struct store *s, int64_t task_id, size_t *n)
{
	int64_t	 v;

	*n = 0;
	if (store_int(s, batch_sql[BATCH_STMT_FAILURES], task_id, 0, &v) != 0)
		return -1;
	*n = (size_t)v;
	return 0;
}

/* Counts the detail rows of task_id; see batch.h. */
int
batch_count(struct store *s, const struct batch_spec *spec, int64_t task_id,
    size_t *n)
{
	int64_t	 count;

	*n = 0;
	if (!batch_hooks_ok(spec) || spec->wf->row_count(s, task_id,
	    &count) != 0)
		return -1;
	*n = (size_t)count;
	return 0;
}

/* Stores the checked rows of the upload as task_id's detail rows or
 * failures, counting them in res.  Returns 0 or -1. */
static int
batch_store_rows(struct store *s, const struct batch_spec *spec,
    int64_t unit_id, int64_t task_id, const struct xlsx_sheet *sh,
    const struct batch_row *rows, size_t n, size_t ncols,
    const struct hdate *today, const char **cells, struct batch_result *res)
{
	size_t	 i;
	int	 row_no;

	for (i = 0; i < n; i++) {
		batch_cells(sh, rows[i].idx, ncols, cells);
		row_no = (int)rows[i].idx + 1;
		if (rows[i].reasons == NULL) {
			if (spec->row_store(s, unit_id, task_id, row_no, cells,
			    ncols, today) != 0)
				return -1;
			res->ok++;
		} else {
			if (batch_keep_failure(s, spec, task_id, row_no, cells,
			    ncols, rows[i].reasons) != 0)
				return -1;
			res->failed++;
		}
	}
	return 0;
}

/* Fills res with the counts of the task an earlier import created. */
static int
batch_existing(struct store *s, const struct batch_spec *spec,
    struct batch_result *res)
{
	res->existing = 1;
	res->ok = res->failed = 0;
	if (batch_count(s, spec, res->task_id, &res->ok) != 0 ||
	    batch_nfailures(s, res->task_id, &res->failed) != 0)
		return -1;
	res->rows = res->ok + res->failed;
	return 0;
}

/* Marks task_id as a batch (tasks.batch) inside the open
 * transaction.  Returns 0 or -1. */
static int
batch_mark(struct store *s, int64_t task_id)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, batch_sql[BATCH_STMT_MARK])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	return store_exec_stmt(s, st);
}

/* See batch.h. */
int
batch_is(struct store *s, int64_t task_id)
{
	struct store_stmt	*st;
	int			 rc, v = 0;

	if ((st = store_stmt(s, batch_sql[BATCH_STMT_IS_BATCH])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		v = store_col_int(st, 0) != 0;
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? v : -1;
}

/* Imports an uploaded workbook as one task; see batch.h. */
int
batch_import(struct store *s, const struct batch_spec *spec,
    const struct actor *who, const void *data, size_t sz,
    const struct hdate *today, const char *dedup_key,
    struct batch_result *res)
{
	struct xlsx_sheet sh;
	struct batch_row *rows = NULL;
	const char	**cells = NULL;
	char		  summary[64], object[40], detail[96];
	size_t		  ncols, n = 0, i, j;
	enum xlsx_err	  e;
	int		  rc = -1, created = 0, tx = 0;

	memset(res, 0, sizeof(*res));
	memset(&sh, 0, sizeof(sh));
	if (spec == NULL || who == NULL || who->unit_id <= 0 ||
	    spec->row_check == NULL || spec->row_store == NULL ||
	    !batch_hooks_ok(spec) ||
	    (ncols = batch_ncols(spec)) == 0 || ncols > XLSX_MAX_COLS) {
		log_err("batch: import: bad arguments");
		return -1;
	}
	if ((e = xlsx_read(data, sz, &sh)) != XLSX_OK) {
		res->xlsx_error = (int)e;
		return 0;
	}
	for (i = 0; i < sh.nrows; i++)
		for (j = 0; j < sh.rows[i].ncells; j++)
			text_trim(sh.rows[i].cells[j]);
	if (!batch_header_ok(spec, &sh, ncols)) {
		res->xlsx_error = BATCH_ERR_HEADER;
		rc = 0;
		goto out;
	}
	if ((rows = calloc(sh.nrows, sizeof(*rows))) == NULL ||
	    (cells = calloc(ncols, sizeof(*cells))) == NULL)
		goto out;
	for (i = 1; i < sh.nrows; i++)
		if (!batch_blank(&sh, i, ncols))
			rows[n++].idx = i;
	if (n == 0) {
		res->xlsx_error = BATCH_ERR_EMPTY;
		rc = 0;
		goto out;
	}
	res->rows = n;
	if (batch_dups(spec, &sh, rows, n, ncols) != 0 || store_begin(s) != 0)
		goto out;
	tx = 1;
	for (i = 0; i < n; i++) {
		batch_cells(&sh, rows[i].idx, ncols, cells);
		if (batch_check_row(s, spec, who->unit_id, cells, ncols, today,
		    &rows[i]) != 0)
			goto out;
		if (rows[i].reasons == NULL)
			res->ok++;
	}
	snprintf(summary, sizeof(summary), "批量导入 %zu 人", res->ok);
	if (wf_create(s, spec->business, who->unit_id, who, summary,
	    dedup_key, &res->task_id, &created) != 0)
		goto out;
	if (!created) {
		rc = batch_existing(s, spec, res);
		goto out;
	}
	res->ok = 0;
	if (batch_mark(s, res->task_id) != 0 ||
	    batch_store_rows(s, spec, who->unit_id, res->task_id, &sh, rows,
	    n, ncols, today, cells, res) != 0)
		goto out;
	snprintf(object, sizeof(object), "task:%" PRId64, res->task_id);
	snprintf(detail, sizeof(detail), "rows=%zu ok=%zu failed=%zu",
	    res->rows, res->ok, res->failed);
	if (audit_append(s, who, "batch.import", object, detail) != 0 ||
	    store_commit(s) != 0)
		goto out;
	tx = 0;
	rc = 0;
out:
	if (tx)
		store_rollback(s);
	if (rc != 0) {
		res->task_id = 0;
		res->ok = res->failed = 0;
	}
	if (rows != NULL)
		for (i = 0; i < n; i++)
			free(rows[i].reasons);
	free(rows);
	free(cells);
	xlsx_free(&sh);
	return rc;
}

/* Loads task_id of unit_id and checks it belongs to spec's business.
 * Returns 0, 1 not found, -1 error. */
static int
batch_task(struct store *s, const struct batch_spec *spec, int64_t task_id,
    int64_t unit_id, struct task *t)
{
	int	 rc;

	if (unit_id <= 0)
		return 1;
	if ((rc = wf_load(s, task_id, unit_id, t)) != 0)
		return rc;
	return strcmp(t->business, spec->business) == 0 ? 0 : 1;
}

/* Calls fn for each failed row; see batch.h. */
int
batch_failures_each(struct store *s, int64_t task_id, int64_t unit_id,
    int (*fn)(void *arg, const struct batch_failure *f), void *arg)
{
	return batch_failures_page(s, task_id, unit_id, INT32_MAX, 0, fn, arg);
}

/* See batch.h. */
int
batch_failures_total(struct store *s, int64_t task_id, size_t *n)
{
	return batch_nfailures(s, task_id, n);
}

/* Calls fn for a page of the failed rows; see batch.h. */
int
batch_failures_page(struct store *s, int64_t task_id, int64_t unit_id,
    int limit, int offset, int (*fn)(void *arg,
    const struct batch_failure *f), void *arg)
{
	struct batch_failure f;
	struct task	 t;
	struct store_stmt	*st;
	int		 rc;

	if (unit_id <= 0)
		return 1;
	if ((rc = wf_load(s, task_id, unit_id, &t)) != 0)
		return rc;
	if ((st = store_stmt(s, batch_sql[BATCH_STMT_LIST_FAILURES])) ==
	    NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, limit < 0 ? 0 : limit) ||
	    store_bind_int(st, 3, offset < 0 ? 0 : offset))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		f.row_no = store_col_int(st, 0);
		f.name = store_col_text(st, 1);
		f.idno = store_col_text(st, 2);
		f.reasons = store_col_text(st, 3);
		if ((rc = fn(arg, &f)) != 0) {
			store_reset(st);
			return rc;
		}
	}
	store_reset(st);
	if (rc != STORE_DONE) {
		log_err("batch: failures: %s", store_errmsg(s));
		return -1;
	}
	return 0;
}

/* One failed row read back for the failure list: its own copies. */
struct batch_frow {
	char		 *raw;		/* split in place at the tabs */
	char		 *reasons;
	const char	**v;		/* ncols + 1 cells */
};

/* Reads the failed rows of task_id into *out (malloc'd, *n of them;
 * free with batch_frows_free), each split into ncols cells and the
 * reasons.  Returns 0 or -1. */
static int
batch_frows(struct store *s, int64_t task_id, size_t ncols,
    struct batch_frow **out, size_t *n)
{
	struct batch_frow *fr = NULL, *np, *r;
	struct store_stmt	*st;
	size_t		 cap = 0, j;
	char		*p;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((st = store_stmt(s, batch_sql[BATCH_STMT_RAW_FAILURES])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			if ((np = reallocarray(fr, cap, sizeof(*fr))) == NULL)
				break;
			fr = np;
		}
		r = &fr[*n];
		memset(r, 0, sizeof(*r));
		(*n)++;
		if ((r->raw = strdup(store_col_text(st, 0))) == NULL ||
		    (r->reasons = strdup(store_col_text(st, 1))) == NULL ||
		    (r->v = calloc(ncols + 1, sizeof(*r->v))) == NULL)
			break;
		for (p = r->raw, j = 0; j < ncols; j++) {
			r->v[j] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
			else
				p = r->raw + strlen(r->raw);
		}
		r->v[ncols] = r->reasons;
	}
	store_reset(st);
	*out = fr;
	if (rc != STORE_DONE) {
		log_err("batch: failure list: %s", rc == STORE_ROW ?
		    "out of memory" : store_errmsg(s));
		return -1;
	}
	return 0;
}

/* Frees what batch_frows() read. */
static void
batch_frows_free(struct batch_frow *fr, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(fr[i].raw);
		free(fr[i].reasons);
		free(fr[i].v);
	}
	free(fr);
}

/* The failed rows as .xlsx with a 失败原因 column; see batch.h. */
int
batch_failures_xlsx(struct store *s, const struct batch_spec *spec,
    int64_t task_id, int64_t unit_id, unsigned char **out, size_t *outsz)
{
	struct batch_frow *fr = NULL;
	const char	**head = NULL;
	const char *const **rows = NULL;
	struct task	 t;
	size_t		 ncols, n = 0, i;
	int		 rc;

	*out = NULL;
	*outsz = 0;
	ncols = batch_ncols(spec);
	if ((rc = batch_task(s, spec, task_id, unit_id, &t)) != 0)
		return rc;
	rc = -1;
	if (ncols + 1 > XLSX_MAX_COLS ||
	    batch_frows(s, task_id, ncols, &fr, &n) != 0 ||
	    (head = calloc(ncols + 1, sizeof(*head))) == NULL ||
	    (rows = calloc(n + 1, sizeof(*rows))) == NULL)
		goto out;
	for (i = 0; i < ncols; i++)
		head[i] = spec->columns[i];
	head[ncols] = BATCH_REASON_COL;
	rows[0] = head;
	for (i = 0; i < n; i++)
		rows[i + 1] = fr[i].v;
	rc = xlsx_write(spec->title, rows, n + 1, ncols + 1, out, outsz);
out:
	free(rows);
	free(head);
	batch_frows_free(fr, n);
	return rc;
}

/* Deletes one detail row of an unsubmitted batch; see batch.h. */
int
batch_delete_row(struct store *s, const struct batch_spec *spec,
    const struct actor *who, int64_t task_id, int row_no)
{
	struct task	 t;
	char		 object[40], detail[40];
	int		 rc;

	if (!batch_hooks_ok(spec))
		return -1;
	if (who == NULL || who->unit_id <= 0 || row_no <= 0)
		return 1;
	if (store_begin(s) != 0)
		return -1;
	if ((rc = batch_task(s, spec, task_id, who->unit_id, &t)) != 0)
		goto out;
	rc = 1;
	if (!wf_editable(&t))
		goto out;
	if ((rc = spec->wf->row_delete(s, task_id, row_no)) != 0)
		goto out;
	rc = -1;
	snprintf(object, sizeof(object), "task:%" PRId64, task_id);
	snprintf(detail, sizeof(detail), "row=%d", row_no);
	if (audit_append(s, who, "batch.delete_row", object, detail) != 0 ||
	    store_commit(s) != 0)
		goto out;
	return 0;
out:
	store_rollback(s);
	return rc;
}
