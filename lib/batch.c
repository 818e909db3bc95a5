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
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <xlsxwriter.h>

#include "audit.h"
#include "batch.h"
#include "clock.h"
#include "ident.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "text.h"
#include "tmpout.h"
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
	if (res->xlsx_error == BATCH_ERR_EMPTY && res->example > 0 &&
	    res->blank == 0)
		return "文件中只有示例行(示例行不会导入),请在示例行下方填写";
	if (res->xlsx_error == BATCH_ERR_EMPTY && res->blank > 0)
		return "文件中各行均未填写,请填写后再上传";
	if (res->xlsx_error == BATCH_ERR_EMPTY)
		return "文件中没有数据行,请在模板表头下方填写";
	if (res->xlsx_error > 0 && res->xlsx_error < XLSX_ERR__MAX)
		return xlsx_message((enum xlsx_err)res->xlsx_error);
	return "文件无法处理";
}

#define BATCH_NOTES_SHEET	"填表说明"

/* Where a template writes its rows, and its formats. */
struct batch_tsheet {
	const struct batch_spec	*spec;
	lxw_worksheet	*ws;
	lxw_format	*text;		/* "@": 身份证号 stays text */
	lxw_format	*date;		/* yyyy-mm-dd */
	lxw_format	*ex_text;	/* the example row's: grey */
	lxw_format	*ex_date;
	size_t		 ncols;
	lxw_row_t	 row;
	int		 failed;
};

/* Column j of spec as the template shows it, or NULL (text). */
static const struct batch_col *
batch_col_of(const struct batch_spec *spec, size_t j)
{
	return spec->cols != NULL ? &spec->cols[j] : NULL;
}

/* Whether column j of spec is a date column. */
static int
batch_col_date(const struct batch_spec *spec, size_t j)
{
	const struct batch_col	*c = batch_col_of(spec, j);

	return c != NULL && c->kind == BATCH_COL_DATE;
}

/* The number of non-empty values of a drop-down (NULL: 0). */
static size_t
batch_nchoices(const char *const *choices)
{
	size_t	 i, n = 0;

	for (i = 0; choices != NULL && choices[i] != NULL; i++)
		if (choices[i][0] != '\0')
			n++;
	return n;
}

/* The k-th non-empty value of a drop-down, or NULL. */
static const char *
batch_choice(const char *const *choices, size_t k)
{
	size_t	 i;

	for (i = 0; choices != NULL && choices[i] != NULL; i++)
		if (choices[i][0] != '\0' && k-- == 0)
			return choices[i];
	return NULL;
}

/* Writes text (may be NULL or empty: nothing) into column j of the
 * current row: a date column's YYYY-MM-DD as a date cell, anything
 * else as text; ex: in the example row's grey.  Sets t->failed on a
 * write error. */
static void
batch_tcell(struct batch_tsheet *t, size_t j, const char *text, int ex)
{
	struct hdate	 d;
	lxw_datetime	 dt;
	lxw_error	 e;

	if (text == NULL || text[0] == '\0')
		return;
	if (batch_col_date(t->spec, j) && strlen(text) == 10 &&
	    valid_date(text, &d) == VALID_OK) {
		memset(&dt, 0, sizeof(dt));
		dt.year = d.year;
		dt.month = d.month;
		dt.day = d.day;
		e = worksheet_write_datetime(t->ws, t->row, (lxw_col_t)j, &dt,
		    ex ? t->ex_date : t->date);
	} else
		e = worksheet_write_string(t->ws, t->row, (lxw_col_t)j, text,
		    ex ? t->ex_text : t->text);
	if (e != LXW_NO_ERROR)
		t->failed = 1;
}

/* template_rows callback: one row of the template.  Returns 0, 1 to
 * stop on a write error. */
static int
batch_template_emit(void *arg, const char *const *cells)
{
	struct batch_tsheet	*t = arg;
	size_t			 j;

	t->row++;
	for (j = 0; j < t->ncols && !t->failed; j++)
		batch_tcell(t, j, cells[j], 0);
	return t->failed;
}

/* The example row under the header, its first cell marked
 * BATCH_EXAMPLE_MARK so that the import skips it. */
static void
batch_template_example(struct batch_tsheet *t)
{
	char	 first[XLSX_MAX_CELL];
	size_t	 j;

	t->row++;
	snprintf(first, sizeof(first), "%s%s", BATCH_EXAMPLE_MARK,
	    t->spec->example[0] != NULL ? t->spec->example[0] : "");
	batch_tcell(t, 0, first, 1);
	for (j = 1; j < t->ncols && t->spec->example[j] != NULL; j++)
		batch_tcell(t, j, t->spec->example[j], 1);
}

/* The formats of a template in workbook wb into t.  Returns the
 * header's. */
static lxw_format *
batch_template_formats(lxw_workbook *wb, struct batch_tsheet *t)
{
	lxw_format	*head = workbook_add_format(wb);

	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	t->text = workbook_add_format(wb);
	format_set_num_format(t->text, "@");
	t->date = workbook_add_format(wb);
	format_set_num_format(t->date, "yyyy-mm-dd");
	t->ex_text = workbook_add_format(wb);
	format_set_num_format(t->ex_text, "@");
	format_set_font_color(t->ex_text, 0x808080);
	format_set_italic(t->ex_text);
	t->ex_date = workbook_add_format(wb);
	format_set_num_format(t->ex_date, "yyyy-mm-dd");
	format_set_font_color(t->ex_date, 0x808080);
	format_set_italic(t->ex_date);
	return head;
}

/* The header row: each column's width and format (text or date), the
 * names in bold, frozen above the rows. */
static void
batch_template_header(struct batch_tsheet *t, lxw_format *head)
{
	const struct batch_col	*c;
	size_t			 j;
	int			 w;

	for (j = 0; j < t->ncols; j++) {
		c = batch_col_of(t->spec, j);
		w = c != NULL && c->width > 0 ? c->width : BATCH_COL_WIDTH;
		if (worksheet_set_column(t->ws, (lxw_col_t)j, (lxw_col_t)j, w,
		    batch_col_date(t->spec, j) ? t->date : t->text) !=
		    LXW_NO_ERROR ||
		    worksheet_write_string(t->ws, 0, (lxw_col_t)j,
		    t->spec->columns[j], head) != LXW_NO_ERROR)
			t->failed = 1;
	}
	worksheet_set_row(t->ws, 0, 30, NULL);
	worksheet_freeze_panes(t->ws, 1, 0);
}

/* The most bytes of a drop-down's values joined with commas (Excel
 * takes a list of at most 255 characters). */
#define BATCH_LIST_MAX		255
/* The most values of one drop-down. */
#define BATCH_LIST_N		64

/* Collects the non-empty values of choices into list[0..BATCH_LIST_N)
 * (NULL-terminated).  Returns 1 when they fit one list data validation
 * (no comma inside a value, at most BATCH_LIST_MAX bytes joined), 0
 * when not. */
static int
batch_list(const char *const *choices, const char *list[BATCH_LIST_N + 1])
{
	const char	*v;
	size_t		 k, len = 0;

	for (k = 0; (v = batch_choice(choices, k)) != NULL; k++) {
		if (k >= BATCH_LIST_N || strchr(v, ',') != NULL)
			return 0;
		len += strlen(v) + (k > 0);
		list[k] = v;
	}
	list[k] = NULL;
	return k > 0 && len <= BATCH_LIST_MAX;
}

/* The drop-downs: each column with fixed values gets a list data
 * validation over its data rows, the values written in the list
 * itself (libxlsxwriter 1.1.4 leaks its copy of a list formula, so no
 * range of another sheet).  A list too long for Excel gets none
 * (logged; 填表说明 still names the values). */
static void
batch_template_lists(struct batch_tsheet *t)
{
	lxw_data_validation	 dv;
	const struct batch_col	*c;
	const char		*list[BATCH_LIST_N + 1];
	char			 msg[160];
	size_t			 j;

	for (j = 0; j < t->ncols; j++) {
		c = batch_col_of(t->spec, j);
		if (c == NULL || batch_nchoices(c->choices) == 0)
			continue;
		if (!batch_list(c->choices, list)) {
			log_warn("batch: template %s: the values of %s do not "
			    "fit a drop-down", t->spec->business,
			    t->spec->columns[j]);
			continue;
		}
		snprintf(msg, sizeof(msg), "请从下拉列表中选择%s",
		    t->spec->columns[j]);
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)(uintptr_t)list;
		dv.ignore_blank = LXW_VALIDATION_ON;
		dv.show_error = LXW_VALIDATION_ON;
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		dv.error_title = (char *)(uintptr_t)"输入有误";
		dv.error_message = msg;
		if (worksheet_data_validation_range(t->ws, 1, (lxw_col_t)j,
		    XLSX_MAX_ROWS, (lxw_col_t)j, &dv) != LXW_NO_ERROR)
			t->failed = 1;
	}
}

/* Appends src to dst[dstsz] when it fits whole (a UTF-8 character is
 * never cut); otherwise leaves dst as it is. */
static void
batch_append(char *dst, const char *src, size_t dstsz)
{
	size_t	 n = strlen(dst), l = strlen(src);

	if (n + l >= dstsz)
		return;
	memcpy(dst + n, src, l + 1);
}

/* Appends the 填表说明 line text (bold when head) to the notes sheet
 * ws at *row.  Returns 0 or -1. */
static int
batch_note(lxw_worksheet *ws, lxw_row_t *row, const char *text,
    lxw_format *bold, int head)
{
	return worksheet_write_string(ws, (*row)++, 0, text, head ? bold :
	    NULL) == LXW_NO_ERROR ? 0 : -1;
}

/* Appends the numbered 填表说明 item text ("N. text", N from *n) to ws
 * at *row.  Returns 0 or -1. */
static int
batch_item(lxw_worksheet *ws, lxw_row_t *row, int *n, const char *text)
{
	char	 line[1024];

	snprintf(line, sizeof(line), "%d. %s", ++*n, text);
	return batch_note(ws, row, line, NULL, 0);
}

/* The drop-downs' values of spec as 填表说明 lines ("    退工原因:合同到期
 * 终止、…"), one per column that has them, from *row on.  Returns 0
 * or -1. */
static int
batch_note_lists(lxw_worksheet *ws, lxw_row_t *row,
    const struct batch_spec *spec, size_t ncols)
{
	const struct batch_col	*c;
	char			 line[1024];
	size_t			 j, k;
	int			 rc = 0;

	for (j = 0; j < ncols; j++) {
		if ((c = batch_col_of(spec, j)) == NULL ||
		    batch_nchoices(c->choices) == 0)
			continue;
		snprintf(line, sizeof(line), "    %s:", spec->columns[j]);
		for (k = 0; batch_choice(c->choices, k) != NULL; k++) {
			if (k > 0)
				batch_append(line, "、", sizeof(line));
			batch_append(line, batch_choice(c->choices, k),
			    sizeof(line));
		}
		rc |= batch_note(ws, row, line, NULL, 0);
	}
	return rc;
}

/* The sheet 填表说明: how to fill the template (the marked example row,
 * the drop-downs and their values, the date and text columns, the
 * checks after upload), numbered, then the business's own notes.
 * Returns 0 or -1. */
static int
batch_template_notes(lxw_workbook *wb, const struct batch_spec *spec,
    size_t ncols, lxw_format *bold)
{
	lxw_worksheet		*ws;
	lxw_row_t		 row = 0;
	char			 line[1024];
	size_t			 j;
	int			 rc = 0, n = 0, lists = 0, dates = 0;

	for (j = 0; j < ncols; j++) {
		lists |= batch_col_of(spec, j) != NULL &&
		    batch_nchoices(batch_col_of(spec, j)->choices) > 0;
		dates |= batch_col_date(spec, j);
	}
	if ((ws = workbook_add_worksheet(wb, BATCH_NOTES_SHEET)) == NULL)
		return -1;
	worksheet_set_column(ws, 0, 0, 110, NULL);
	snprintf(line, sizeof(line), "%s 填表说明", spec->title);
	rc |= batch_note(ws, &row, line, bold, 1);
	rc |= batch_item(ws, &row, &n, "第1行为表头,请勿修改、增删或调整列的"
	    "顺序;每行填写一人,不要合并单元格。");
	if (spec->example != NULL) {
		snprintf(line, sizeof(line), "第2行是示例(第一格以「%s」开头,"
		    "灰色斜体),导入时自动跳过,可保留也可删除;请从第3行起填写。",
		    BATCH_EXAMPLE_MARK);
		rc |= batch_item(ws, &row, &n, line);
	}
	if (lists) {
		rc |= batch_item(ws, &row, &n, "带下拉箭头的列请从下拉列表中"
		    "选择,只能填写以下值:");
		rc |= batch_note_lists(ws, &row, spec, ncols);
	}
	if (dates)
		rc |= batch_item(ws, &row, &n, "日期列已设为日期格式,请按 "
		    "2026-11-20 的形式填写(也可写 2026/11/20)。");
	rc |= batch_item(ws, &row, &n, "其余列为文本格式(身份证号等),请勿改为"
	    "数字格式,否则长数字会丢失末位。");
	rc |= batch_item(ws, &row, &n, "上传后每行按与单笔办理相同的规则检查;"
	    "未通过的行可「下载导入失败列表」,修改后重新上传。");
	for (j = 0; spec->notes != NULL && spec->notes[j] != NULL; j++) {
		if (j == 0)
			row++;
		rc |= batch_note(ws, &row, spec->notes[j], bold, j == 0);
	}
	return rc != 0 ? -1 : 0;
}

/* Writes the template of spec into a workbook at path (libxlsxwriter,
 * constant memory, its temporary files in tmpdir): the header, the
 * example row, the rows template_rows gives for unit_id when s is not
 * NULL, the drop-downs and 填表说明.  Returns 0 or -1. */
static int
batch_template_write(struct store *s, const struct batch_spec *spec,
    int64_t unit_id, const char *path, const char *tmpdir)
{
	lxw_workbook_options	 opt;
	struct batch_tsheet	 t;
	lxw_workbook		*wb;
	lxw_format		*head;
	int			 rc = 0;

	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = (char *)(uintptr_t)tmpdir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL)
		return -1;
	memset(&t, 0, sizeof(t));
	t.spec = spec;
	t.ncols = batch_ncols(spec);
	head = batch_template_formats(wb, &t);
	if ((t.ws = workbook_add_worksheet(wb, spec->title)) == NULL) {
		workbook_close(wb);
		return -1;
	}
	batch_template_header(&t, head);
	if (!t.failed && spec->example != NULL)
		batch_template_example(&t);
	if (!t.failed && s != NULL && spec->template_rows != NULL)
		rc = spec->template_rows(s, unit_id, batch_template_emit, &t);
	batch_template_lists(&t);
	if (batch_template_notes(wb, spec, t.ncols, head) != 0)
		t.failed = 1;
	if (workbook_close(wb) != LXW_NO_ERROR || rc != 0 || t.failed)
		return -1;
	return 0;
}

/* What batch_template_unit has batch_template_write write. */
struct batch_tw {
	struct store			*s;
	const struct batch_spec		*spec;
	int64_t				 unit_id;
};

/* tmpout_fn: the template of arg (struct batch_tw) into path.  Returns
 * 0 or -1. */
static int
batch_template_out(const char *path, const char *tmpdir, void *arg)
{
	const struct batch_tw	*w = arg;

	return batch_template_write(w->s, w->spec, w->unit_id, path, tmpdir);
}

/* The template pre-filled for a unit; see batch.h.  s NULL: the
 * template without the unit's rows.  Returns 0 or -1. */
int
batch_template_unit(struct store *s, const struct batch_spec *spec,
    int64_t unit_id, unsigned char **out, size_t *outsz)
{
	struct batch_tw	 w = { s, spec, unit_id };

	*out = NULL;
	*outsz = 0;
	if (spec == NULL || batch_ncols(spec) == 0 ||
	    batch_ncols(spec) > XLSX_MAX_COLS)
		return -1;
	if (tmpout_bytes("template", batch_template_out, &w, out,
	    outsz) != 0) {
		log_err("batch: template of %s for unit %" PRId64 " failed",
		    spec->business, unit_id);
		return -1;
	}
	return 0;
}

/* The template; see batch.h.  Returns 0 or -1. */
int
batch_template(const struct batch_spec *spec, unsigned char **out,
    size_t *outsz)
{
	return batch_template_unit(NULL, spec, 0, out, outsz);
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

/* Whether row r is the template's example row: its first cell begins
 * with BATCH_EXAMPLE_MARK (or the same with a full-width colon, as a
 * Chinese input method types it). */
static int
batch_example(const struct xlsx_sheet *sh, size_t r)
{
	const char	*v = batch_cell(sh, r, 0);

	return strncmp(v, BATCH_EXAMPLE_MARK, strlen(BATCH_EXAMPLE_MARK)) ==
	    0 || strncmp(v, "示例:", strlen("示例:")) == 0;
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

/* An upload read and checked as a file: its sheet, its non-blank data
 * rows and their in-file duplicates.  Free with batch_parsed_free(). */
struct batch_parsed {
	struct xlsx_sheet sh;
	struct batch_row *rows;
	size_t		  n;
	size_t		  ncols;
};

/* Frees what batch_parse() filled. */
static void
batch_parsed_free(struct batch_parsed *p)
{
	size_t	 i;

	if (p->rows != NULL)
		for (i = 0; i < p->n; i++)
			free(p->rows[i].reasons);
	free(p->rows);
	xlsx_free(&p->sh);
	memset(p, 0, sizeof(*p));
}

/* Whether spec and who can import (logged when not). */
static int
batch_import_ok(const struct batch_spec *spec, const struct actor *who)
{
	size_t	 ncols;

	if (spec == NULL || who == NULL || who->unit_id <= 0 ||
	    spec->row_check == NULL || spec->row_store == NULL ||
	    !batch_hooks_ok(spec) ||
	    (ncols = batch_ncols(spec)) == 0 || ncols > XLSX_MAX_COLS) {
		log_err("batch: import: bad arguments");
		return 0;
	}
	return 1;
}

/* Reads the upload into *p: the sheet (cells trimmed), the header
 * checked against the template, the non-blank data rows and their
 * duplicates.  A refused file sets res->xlsx_error.  Returns 0 (see
 * res) or -1; free *p with batch_parsed_free() either way. */
static int
batch_parse(const struct batch_spec *spec, const void *data, size_t sz,
    struct batch_parsed *p, struct batch_result *res)
{
	enum xlsx_err	  e;
	const char	**cells = NULL;
	size_t		  i, j;

	memset(p, 0, sizeof(*p));
	p->ncols = batch_ncols(spec);
	if ((e = xlsx_read(data, sz, &p->sh)) != XLSX_OK) {
		memset(&p->sh, 0, sizeof(p->sh));
		res->xlsx_error = (int)e;
		return 0;
	}
	for (i = 0; i < p->sh.nrows; i++)
		for (j = 0; j < p->sh.rows[i].ncells; j++)
			text_trim(p->sh.rows[i].cells[j]);
	if (!batch_header_ok(spec, &p->sh, p->ncols)) {
		res->xlsx_error = BATCH_ERR_HEADER;
		return 0;
	}
	if ((p->rows = calloc(p->sh.nrows, sizeof(*p->rows))) == NULL ||
	    (cells = calloc(p->ncols, sizeof(*cells))) == NULL) {
		free(cells);
		return -1;
	}
	for (i = 1; i < p->sh.nrows; i++) {
		if (batch_blank(&p->sh, i, p->ncols))
			continue;
		if (batch_example(&p->sh, i)) {
			res->example++;
			continue;
		}
		if (spec->row_blank != NULL) {
			batch_cells(&p->sh, i, p->ncols, cells);
			if (spec->row_blank(cells, p->ncols)) {
				res->blank++;
				continue;
			}
		}
		p->rows[p->n++].idx = i;
	}
	free(cells);
	if (p->n == 0) {
		res->xlsx_error = BATCH_ERR_EMPTY;
		return 0;
	}
	res->rows = p->n;
	return batch_dups(spec, &p->sh, p->rows, p->n, p->ncols);
}

/* Imports the parsed upload p at once, in one transaction, as one new
 * task of who's unit (see batch_import).  Returns 0 or -1. */
static int
batch_import_parsed(struct store *s, const struct batch_spec *spec,
    const struct actor *who, struct batch_parsed *p,
    const struct hdate *today, const char *dedup_key,
    struct batch_result *res)
{
	const char	**cells = NULL;
	char		  summary[64], object[40], detail[96];
	size_t		  i;
	int		  rc = -1, created = 0, tx = 0;

	if ((cells = calloc(p->ncols, sizeof(*cells))) == NULL ||
	    store_begin(s) != 0)
		goto out;
	tx = 1;
	for (i = 0; i < p->n; i++) {
		batch_cells(&p->sh, p->rows[i].idx, p->ncols, cells);
		if (batch_check_row(s, spec, who->unit_id, cells, p->ncols,
		    today, &p->rows[i]) != 0)
			goto out;
		if (p->rows[i].reasons == NULL)
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
	    batch_store_rows(s, spec, who->unit_id, res->task_id, &p->sh,
	    p->rows, p->n, p->ncols, today, cells, res) != 0)
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
	free(cells);
	return rc;
}

/* Imports an uploaded workbook as one task; see batch.h. */
int
batch_import(struct store *s, const struct batch_spec *spec,
    const struct actor *who, const void *data, size_t sz,
    const struct hdate *today, const char *dedup_key,
    struct batch_result *res)
{
	struct batch_parsed p;
	int		 rc;

	memset(res, 0, sizeof(*res));
	if (!batch_import_ok(spec, who))
		return -1;
	rc = batch_parse(spec, data, sz, &p, res);
	if (rc == 0 && res->xlsx_error == 0)
		rc = batch_import_parsed(s, spec, who, &p, today, dedup_key,
		    res);
	if (rc != 0 || res->xlsx_error != 0) {
		res->task_id = 0;
		res->ok = res->failed = 0;
	}
	batch_parsed_free(&p);
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

/* After a row of imported task t is deleted, inside the caller's
 * transaction: its summary 「批量导入 N 人」 says the rows left (the
 * reviewer's list shows it).  Other summaries are left alone.  Returns
 * 0 or -1. */
static int
batch_recount(struct store *s, const struct batch_spec *spec,
    const struct task *t)
{
	static const char	 prefix[] = "批量导入 ";
	struct store_stmt	*st;
	char			 summary[64];
	int64_t			 n;

	if (spec->wf->row_count == NULL ||
	    strncmp(t->summary, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	if (spec->wf->row_count(s, t->id, &n) != 0)
		return -1;
	snprintf(summary, sizeof(summary), "批量导入 %" PRId64 " 人", n);
	if ((st = store_stmt(s, "UPDATE tasks SET summary = ?2 WHERE id = "
	    "?1")) == NULL || store_bind_int(st, 1, t->id) ||
	    store_bind_text(st, 2, summary) || store_exec_stmt(s, st) != 0)
		return -1;
	return 0;
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
	if (batch_recount(s, spec, &t) != 0 ||
	    audit_append(s, who, "batch.delete_row", object, detail) != 0 ||
	    store_commit(s) != 0)
		goto out;
	return 0;
out:
	store_rollback(s);
	return rc;
}

/* ---- Import jobs (see batch.h) ---- */

/* The statements of import jobs; their SQL is in batch_job_sql. */
enum batch_job_stmt {
	BJ_STMT_INSERT,		/* a new job, leased to its uploader */
	BJ_STMT_GET,		/* a job by id */
	BJ_STMT_OF_TASK,	/* a task's job */
	BJ_STMT_LOAD,		/* what running a job needs */
	BJ_STMT_ADVANCE,	/* progress after a chunk */
	BJ_STMT_FINISH,		/* the last chunk */
	BJ_STMT_TXMAX,		/* the longest write transaction */
	BJ_STMT_LEASE,		/* a process takes the job */
	BJ_STMT_RELEASE,	/* it lets go after an error */
	BJ_STMT_FAIL,		/* taken too often: failed */
	BJ_STMT_STATE,		/* a task's job's state */
	BJ_STMT_SUMMARY,	/* the task's summary once done */
	BJ_STMT__MAX
};

/* The SQL of each statement, by enum batch_job_stmt. */
static const char *const batch_job_sql[BJ_STMT__MAX] = {
	[BJ_STMT_INSERT] =
	    "INSERT INTO batch_jobs (task_id, unit_id, business, rows, "
	    "ncols, today, account_id, actor_name, cert_fp, cells, "
	    "lease_pid, lease_until, claims, created_at) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13)",
	[BJ_STMT_GET] =
	    "SELECT id, task_id, unit_id, business, state, rows, done, ok, "
	    "failed, lease_pid, lease_until, claims, tx_max_us, message "
	    "FROM batch_jobs WHERE id = ?1",
	[BJ_STMT_OF_TASK] =
	    "SELECT id, task_id, unit_id, business, state, rows, done, ok, "
	    "failed, lease_pid, lease_until, claims, tx_max_us, message "
	    "FROM batch_jobs WHERE task_id = ?1",
	[BJ_STMT_LOAD] =
	    "SELECT ncols, today, account_id, actor_name, cert_fp, cells "
	    "FROM batch_jobs WHERE id = ?1",
	[BJ_STMT_ADVANCE] =
	    "UPDATE batch_jobs SET done = ?2, ok = ?3, failed = ?4, "
	    "lease_until = ?5, tx_max_us = MAX(tx_max_us, ?6) WHERE id = ?1",
	[BJ_STMT_FINISH] =
	    "UPDATE batch_jobs SET state = 'done', done = ?2, ok = ?3, "
	    "failed = ?4, lease_pid = 0, lease_until = 0, cells = NULL, "
	    "file = NULL, tx_max_us = MAX(tx_max_us, ?5), finished_at = ?6 "
	    "WHERE id = ?1",
	[BJ_STMT_TXMAX] =
	    "UPDATE batch_jobs SET tx_max_us = MAX(tx_max_us, ?2) "
	    "WHERE id = ?1",
	[BJ_STMT_LEASE] =
	    "UPDATE batch_jobs SET lease_pid = ?2, lease_until = ?3, "
	    "claims = claims + 1 WHERE id = ?1",
	[BJ_STMT_RELEASE] =
	    "UPDATE batch_jobs SET lease_pid = 0, lease_until = 0 "
	    "WHERE id = ?1 AND lease_pid = ?2",
	[BJ_STMT_FAIL] =
	    "UPDATE batch_jobs SET state = 'failed', message = ?2, "
	    "lease_pid = 0, lease_until = 0, cells = NULL, file = NULL, "
	    "finished_at = ?3 WHERE id = ?1",
	[BJ_STMT_STATE] =
	    "SELECT state FROM batch_jobs WHERE task_id = ?1",
	[BJ_STMT_SUMMARY] =
	    "UPDATE tasks SET summary = ?2 WHERE id = ?1",
};

/* The staging transaction's length of the job this process made last
 * (folded into its tx_max_us by its first chunk). */
static int64_t	 batch_stage_job, batch_stage_us;

/* Microseconds of the monotonic clock, for lengths of transactions. */
static int64_t
batch_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* This process's id as a lease holder. */
static int64_t
batch_pid(void)
{
	return (int64_t)getpid();
}

/* Whether process pid may still be running (a holder of a lease). */
static int
batch_pid_alive(int64_t pid)
{
	if (pid <= 0 || pid == batch_pid())
		return 0;	/* ours: a holder before us with our number */
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

/* See batch.h. */
int64_t
batch_sync_rows(struct store *s, int64_t unit_id, const struct hdate *today)
{
	struct store_stmt	*st;
	char			 region[16] = "*";
	long long		 v = BATCH_SYNC_ROWS;

	if ((st = store_stmt(s, "SELECT region FROM units WHERE id = ?1")) !=
	    NULL && store_bind_int(st, 1, unit_id) == 0 &&
	    store_step(st) == STORE_ROW)
		snprintf(region, sizeof(region), "%s", store_col_text(st, 0));
	if (st != NULL)
		store_reset(st);
	if (policy_int(s, region, "batch.sync_rows", today, BATCH_SYNC_ROWS,
	    &v) < 0 || v < 0)
		v = BATCH_SYNC_ROWS;
	return (int64_t)v;
}

/* The parsed rows of p as one blob: per row its number, the row its
 * 身份证号 repeats (0: none) and its ncols cells, each NUL-terminated.
 * Returns the malloc'd blob (*len bytes) or NULL. */
static char *
batch_job_cells(const struct batch_parsed *p, size_t *len)
{
	char	 num[2][24], *b, *q;
	size_t	 i, j, n = 0, k;

	for (i = 0; i < p->n; i++) {
		n += 2 * sizeof(num[0]);
		for (j = 0; j < p->ncols; j++)
			n += strlen(batch_cell(&p->sh, p->rows[i].idx, j)) + 1;
	}
	if ((b = malloc(n + 1)) == NULL)
		return NULL;
	for (q = b, i = 0; i < p->n; i++) {
		snprintf(num[0], sizeof(num[0]), "%zu", p->rows[i].idx + 1);
		snprintf(num[1], sizeof(num[1]), "%d", p->rows[i].dup_of);
		for (k = 0; k < 2; k++) {
			memcpy(q, num[k], strlen(num[k]) + 1);
			q += strlen(num[k]) + 1;
		}
		for (j = 0; j < p->ncols; j++) {
			k = strlen(batch_cell(&p->sh, p->rows[i].idx, j)) + 1;
			memcpy(q, batch_cell(&p->sh, p->rows[i].idx, j), k);
			q += k;
		}
	}
	*len = (size_t)(q - b);
	return b;
}

/* Reads the current row of st (BJ_STMT_GET's columns) into *j. */
static void
batch_job_read(struct store_stmt *st, struct batch_job *j)
{
	const char	*state;

	memset(j, 0, sizeof(*j));
	j->id = store_col_int64(st, 0);
	j->task_id = store_col_int64(st, 1);
	j->unit_id = store_col_int64(st, 2);
	snprintf(j->business, sizeof(j->business), "%s",
	    store_col_text(st, 3));
	state = store_col_text(st, 4);
	j->state = strcmp(state, "done") == 0 ? BATCH_JOB_DONE :
	    strcmp(state, "failed") == 0 ? BATCH_JOB_FAILED :
	    BATCH_JOB_RUNNING;
	j->rows = store_col_int64(st, 5);
	j->done = store_col_int64(st, 6);
	j->ok = store_col_int64(st, 7);
	j->failed = store_col_int64(st, 8);
	j->lease_pid = store_col_int64(st, 9);
	j->lease_until = store_col_int64(st, 10);
	j->claims = store_col_int64(st, 11);
	j->tx_max_us = store_col_int64(st, 12);
	snprintf(j->message, sizeof(j->message), "%s", store_col_text(st, 13));
}

/* Loads the job statement which (by id or by task) with key into *j.
 * Returns 0, 1 none, -1 error. */
static int
batch_job_by(struct store *s, enum batch_job_stmt which, int64_t key,
    struct batch_job *j)
{
	struct store_stmt	*st;
	int			 rc;

	memset(j, 0, sizeof(*j));
	if ((st = store_stmt(s, batch_job_sql[which])) == NULL ||
	    store_bind_int(st, 1, key))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		batch_job_read(st, j);
	store_reset(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

/* See batch.h. */
int
batch_job_get(struct store *s, int64_t id, int64_t unit_id,
    struct batch_job *j)
{
	int	 rc;

	if (id <= 0)
		return 1;
	if ((rc = batch_job_by(s, BJ_STMT_GET, id, j)) != 0)
		return rc;
	return unit_id > 0 && j->unit_id != unit_id ? 1 : 0;
}

/* See batch.h. */
int
batch_job_of_task(struct store *s, int64_t task_id, struct batch_job *j)
{
	return batch_job_by(s, BJ_STMT_OF_TASK, task_id, j);
}

/* See batch.h. */
int
batch_job_busy(struct store *s, int64_t task_id)
{
	struct store_stmt	*st;
	int			 rc, v = 0;

	if ((st = store_stmt(s, batch_job_sql[BJ_STMT_STATE])) == NULL ||
	    store_bind_int(st, 1, task_id))
		return -1;
	if ((rc = store_step(st)) == STORE_ROW)
		v = strcmp(store_col_text(st, 0), "running") == 0 ? 1 :
		    strcmp(store_col_text(st, 0), "failed") == 0 ? 2 : 0;
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? v : -1;
}

/* Inserts the job of task_id for the parsed upload p inside the open
 * transaction, leased to this process; its id into *id.  Only the
 * parsed cells are kept (and only until the job ends): the workbook
 * as sent, full of names and 身份证号, is not stored (batch.upload's
 * audit row has its size and SHA-256).  Returns 0 or -1. */
static int
batch_job_insert(struct store *s, const struct batch_spec *spec,
    const struct actor *who, const struct batch_parsed *p,
    const struct hdate *today, int64_t task_id, int64_t *id)
{
	struct store_stmt	*st;
	char			*cells, day[11];
	size_t			 len = 0;
	int			 rc = -1;

	if ((cells = batch_job_cells(p, &len)) == NULL)
		return -1;
	hdate_fmt(today, day);
	if ((st = store_stmt(s, batch_job_sql[BJ_STMT_INSERT])) != NULL &&
	    store_bind_int(st, 1, task_id) == 0 &&
	    store_bind_int(st, 2, who->unit_id) == 0 &&
	    store_bind_text(st, 3, spec->business) == 0 &&
	    store_bind_int(st, 4, (int64_t)p->n) == 0 &&
	    store_bind_int(st, 5, (int64_t)p->ncols) == 0 &&
	    store_bind_text(st, 6, day) == 0 &&
	    store_bind_int(st, 7, who->account_id) == 0 &&
	    store_bind_text(st, 8, who->name != NULL ? who->name : "") == 0 &&
	    store_bind_text(st, 9, who->cert_fp != NULL ? who->cert_fp : "")
	    == 0 && store_bind_blob(st, 10, cells, len) == 0 &&
	    store_bind_int(st, 11, batch_pid()) == 0 &&
	    store_bind_int(st, 12, (int64_t)clock_now() + BATCH_LEASE_S) == 0 &&
	    store_bind_int(st, 13, (int64_t)clock_now()) == 0 &&
	    store_exec_stmt(s, st) == 0) {
		*id = store_last_id(s);
		rc = 0;
	}
	free(cells);
	return rc;
}

/* Makes the task and the job of the parsed upload p (see
 * batch_import_start) in one transaction.  Returns 0 or -1. */
static int
batch_job_stage(struct store *s, const struct batch_spec *spec,
    const struct actor *who, const struct batch_parsed *p,
    const void *data, size_t sz, const struct hdate *today,
    const char *dedup_key, struct batch_result *res)
{
	struct batch_job j;
	char		 summary[64], object[40], detail[192], sha[65];
	int64_t		 t0;
	int		 created = 0, rc;

	if (store_begin(s) != 0)
		return -1;
	t0 = batch_us();
	snprintf(summary, sizeof(summary), "批量导入 %zu 行(导入中)", p->n);
	if (wf_create(s, spec->business, who->unit_id, who, summary,
	    dedup_key, &res->task_id, &created) != 0)
		goto fail;
	if (!created) {
		if ((rc = batch_job_of_task(s, res->task_id, &j)) < 0)
			goto fail;
		if (rc == 0) {
			res->existing = 1;
			res->job_id = j.id;
			res->rows = (size_t)j.rows;
			res->ok = (size_t)j.ok;
			res->failed = (size_t)j.failed;
		} else if (batch_existing(s, spec, res) != 0)
			goto fail;
		store_rollback(s);
		return 0;
	}
	if (batch_mark(s, res->task_id) != 0 ||
	    batch_job_insert(s, spec, who, p, today, res->task_id,
	    &res->job_id) != 0)
		goto fail;
	sha256_hex(data, sz, sha);
	snprintf(object, sizeof(object), "task:%" PRId64, res->task_id);
	snprintf(detail, sizeof(detail), "rows=%zu job=%" PRId64 " bytes=%zu "
	    "sha256=%s", p->n, res->job_id, sz, sha);
	if (audit_append(s, who, "batch.upload", object, detail) != 0 ||
	    store_commit(s) != 0)
		goto fail;
	batch_stage_job = res->job_id;
	batch_stage_us = batch_us() - t0;
	log_info("batch: job %" PRId64 " of task %" PRId64 ": %zu rows, %zu "
	    "bytes stored in %" PRId64 " us", res->job_id, res->task_id, p->n,
	    sz, batch_stage_us);
	return 0;
fail:
	store_rollback(s);
	res->task_id = res->job_id = 0;
	return -1;
}

/* See batch.h. */
int
batch_import_start(struct store *s, const struct batch_spec *spec,
    const struct actor *who, const void *data, size_t sz,
    const struct hdate *today, const char *dedup_key, int64_t sync_rows,
    struct batch_result *res)
{
	struct batch_parsed p;
	int		 rc;

	memset(res, 0, sizeof(*res));
	if (!batch_import_ok(spec, who))
		return -1;
	rc = batch_parse(spec, data, sz, &p, res);
	if (rc == 0 && res->xlsx_error == 0) {
		if ((int64_t)p.n <= sync_rows)
			rc = batch_import_parsed(s, spec, who, &p, today,
			    dedup_key, res);
		else
			rc = batch_job_stage(s, spec, who, &p, data, sz, today,
			    dedup_key, res);
	}
	if (rc != 0 || res->xlsx_error != 0) {
		res->task_id = res->job_id = 0;
		res->ok = res->failed = 0;
	}
	batch_parsed_free(&p);
	return rc;
}

/* Runs the statement which on job id with ?2 = v2 and ?3 = v3 (when
 * the statement has them).  Returns 0 or -1. */
static int
batch_job_set(struct store *s, enum batch_job_stmt which, int64_t id,
    int64_t v2, int64_t v3)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, batch_job_sql[which])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_int(st, 2, v2) ||
	    (which == BJ_STMT_LEASE && store_bind_int(st, 3, v3)))
		return -1;
	return store_exec_stmt(s, st);
}

/* Ends job id failed with message why, inside the open transaction.
 * Returns 0 or -1. */
static int
batch_job_fail(struct store *s, int64_t id, const char *why)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, batch_job_sql[BJ_STMT_FAIL])) == NULL ||
	    store_bind_int(st, 1, id) || store_bind_text(st, 2, why) ||
	    store_bind_int(st, 3, (int64_t)clock_now()))
		return -1;
	return store_exec_stmt(s, st);
}

/* Whether job j may be taken: it runs and nobody holds it (no holder,
 * a holder process gone, or a lease run out). */
static int
batch_job_free(const struct batch_job *j)
{
	return j->state == BATCH_JOB_RUNNING && (j->lease_pid == 0 ||
	    j->lease_until < (int64_t)clock_now() ||
	    !batch_pid_alive(j->lease_pid));
}

/* See batch.h. */
int
batch_job_claim(struct store *s, int64_t id)
{
	struct batch_job j;
	int		 rc, took = 0;

	/* A look first, without the write lock: a progress page of a job
	 * being run (the usual case) writes nothing. */
	if ((rc = batch_job_by(s, BJ_STMT_GET, id, &j)) != 0)
		return rc < 0 ? -1 : 0;
	if (!batch_job_free(&j))
		return 0;
	if (store_begin(s) != 0)
		return -1;
	if ((rc = batch_job_by(s, BJ_STMT_GET, id, &j)) != 0 ||
	    !batch_job_free(&j)) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	if (j.claims >= BATCH_MAX_CLAIMS)
		rc = batch_job_fail(s, id,
		    "导入未能完成,请退单后重新上传");
	else {
		rc = batch_job_set(s, BJ_STMT_LEASE, id, batch_pid(),
		    (int64_t)clock_now() + BATCH_LEASE_S);
		took = 1;
	}
	if (rc != 0 || store_commit(s) != 0) {
		store_rollback(s);
		return -1;
	}
	if (took)
		log_info("batch: job %" PRId64 " taken (holder %" PRId64
		    " gone or late), row %" PRId64 " of %" PRId64, id,
		    j.lease_pid, j.done, j.rows);
	return took;
}

/* What running a job reads once: its rows split into fields. */
struct batch_run {
	struct batch_job job;
	struct actor	 who;
	char		 name[64];
	char		 cert_fp[80];
	struct hdate	 today;
	size_t		 ncols;
	char		*blob;		/* the cells, owned */
	const char	**f;		/* rows x (ncols + 2) fields, into blob */
	size_t		*order;		/* the rows in the order imported */
};

/* The order rows are imported in, into r->order: first every row
 * repeating an earlier row's 身份证号 (it fails whatever else), then
 * the others in file order, so that no row is checked against a row of
 * the same file already stored (as batch_import checks every row
 * before it stores any).  Returns 0 or -1. */
static int
batch_run_order(struct batch_run *r)
{
	size_t	 w = r->ncols + 2, n = (size_t)r->job.rows, i, k = 0;
	int	 pass;

	if ((r->order = calloc(n + 1, sizeof(*r->order))) == NULL)
		return -1;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if ((atoi(r->f[i * w + 1]) > 0) == (pass == 0))
				r->order[k++] = i;
	return 0;
}

/* Splits r->blob of len bytes into r->f.  Returns 0 or -1 (the blob
 * is not r->job.rows rows of r->ncols cells). */
static int
batch_run_split(struct batch_run *r, size_t len)
{
	size_t	 w = r->ncols + 2, nf = (size_t)r->job.rows * w, k = 0;
	char	*p = r->blob, *end = r->blob + len;

	if ((r->f = calloc(nf + 1, sizeof(*r->f))) == NULL)
		return -1;
	while (p < end && k < nf) {
		r->f[k++] = p;
		p += strlen(p) + 1;
	}
	return k == nf && p == end ? batch_run_order(r) : -1;
}

/* Loads what running job id needs into *r (free with batch_run_free).
 * Returns 0, 1 not found or done, -1 error. */
static int
batch_run_load(struct store *s, int64_t id, struct batch_run *r)
{
	struct store_stmt	*st;
	const void		*b;
	size_t			 len = 0;
	int			 rc;

	memset(r, 0, sizeof(*r));
	if ((rc = batch_job_by(s, BJ_STMT_GET, id, &r->job)) != 0)
		return rc;
	if (r->job.state != BATCH_JOB_RUNNING)
		return 1;
	if ((st = store_stmt(s, batch_job_sql[BJ_STMT_LOAD])) == NULL ||
	    store_bind_int(st, 1, id))
		return -1;
	if ((rc = store_step(st)) != STORE_ROW) {
		store_reset(st);
		return rc == STORE_DONE ? 1 : -1;
	}
	r->ncols = (size_t)store_col_int64(st, 0);
	rc = valid_date(store_col_text(st, 1), &r->today) == VALID_OK ? 0 : -1;
	r->who.account_id = store_col_int64(st, 2);
	r->who.unit_id = r->job.unit_id;
	snprintf(r->name, sizeof(r->name), "%s", store_col_text(st, 3));
	snprintf(r->cert_fp, sizeof(r->cert_fp), "%s", store_col_text(st, 4));
	r->who.name = r->name;
	r->who.cert_fp = r->cert_fp;
	b = store_col_blob(st, 5, &len);
	if (rc == 0 && r->ncols > 0 && r->ncols <= XLSX_MAX_COLS &&
	    (r->blob = malloc(len + 1)) != NULL) {
		if (len > 0)
			memcpy(r->blob, b, len);
		rc = batch_run_split(r, len);
	} else
		rc = -1;
	store_reset(st);
	if (rc != 0)
		log_err("batch: job %" PRId64 ": its rows cannot be read", id);
	return rc;
}

/* Frees what batch_run_load() read. */
static void
batch_run_free(struct batch_run *r)
{
	free(r->order);
	free(r->f);
	free(r->blob);
	memset(r, 0, sizeof(*r));
}

/* Checks and stores the k-th row (in import order) of the job inside
 * the open transaction, counting it in r->job.  Returns 0 or -1. */
static int
batch_run_row(struct store *s, const struct batch_spec *spec,
    struct batch_run *r, int64_t k)
{
	const char *const *fld = r->f + r->order[k] * (r->ncols + 2);
	struct batch_row row;
	int		 row_no = atoi(fld[0]), rc;

	memset(&row, 0, sizeof(row));
	row.idx = row_no > 0 ? (size_t)row_no - 1 : 0;
	row.dup_of = atoi(fld[1]);
	if (batch_check_row(s, spec, r->job.unit_id, fld + 2, r->ncols,
	    &r->today, &row) != 0)
		return -1;
	if (row.reasons == NULL) {
		rc = spec->row_store(s, r->job.unit_id, r->job.task_id, row_no,
		    fld + 2, r->ncols, &r->today);
		r->job.ok++;
	} else {
		rc = batch_keep_failure(s, spec, r->job.task_id, row_no,
		    fld + 2, r->ncols, row.reasons);
		r->job.failed++;
	}
	free(row.reasons);
	return rc;
}

/* Records the end of the job inside the open transaction (its state,
 * the task's summary, the audit row).  Returns 0 or -1. */
static int
batch_run_finish(struct store *s, struct batch_run *r, int64_t txmax)
{
	struct store_stmt	*st;
	char			 summary[64], object[40], detail[96];

	snprintf(summary, sizeof(summary), "批量导入 %" PRId64 " 人",
	    r->job.ok);
	snprintf(object, sizeof(object), "task:%" PRId64, r->job.task_id);
	snprintf(detail, sizeof(detail), "rows=%" PRId64 " ok=%" PRId64
	    " failed=%" PRId64 " job=%" PRId64, r->job.rows, r->job.ok,
	    r->job.failed, r->job.id);
	if ((st = store_stmt(s, batch_job_sql[BJ_STMT_FINISH])) == NULL ||
	    store_bind_int(st, 1, r->job.id) ||
	    store_bind_int(st, 2, r->job.done) ||
	    store_bind_int(st, 3, r->job.ok) ||
	    store_bind_int(st, 4, r->job.failed) ||
	    store_bind_int(st, 5, txmax) ||
	    store_bind_int(st, 6, (int64_t)clock_now()) ||
	    store_exec_stmt(s, st) != 0)
		return -1;
	if ((st = store_stmt(s, batch_job_sql[BJ_STMT_SUMMARY])) == NULL ||
	    store_bind_int(st, 1, r->job.task_id) ||
	    store_bind_text(st, 2, summary) || store_exec_stmt(s, st) != 0)
		return -1;
	return audit_append(s, &r->who, "batch.import", object, detail);
}

/* Records progress after a chunk inside the open transaction, renewing
 * the lease.  Returns 0 or -1. */
static int
batch_run_advance(struct store *s, struct batch_run *r, int64_t txmax)
{
	struct store_stmt	*st;

	if ((st = store_stmt(s, batch_job_sql[BJ_STMT_ADVANCE])) == NULL ||
	    store_bind_int(st, 1, r->job.id) ||
	    store_bind_int(st, 2, r->job.done) ||
	    store_bind_int(st, 3, r->job.ok) ||
	    store_bind_int(st, 4, r->job.failed) ||
	    store_bind_int(st, 5, (int64_t)clock_now() + BATCH_LEASE_S) ||
	    store_bind_int(st, 6, txmax))
		return -1;
	return store_exec_stmt(s, st);
}

/* Whether the job's task is still 未提交 inside the open transaction;
 * when it is not (退单 or otherwise moved on), ends the job failed
 * without storing another row.  Returns 1 still 未提交, 0 job ended,
 * -1 error. */
static int
batch_run_task_open(struct store *s, const struct batch_run *r)
{
	struct task	 t;
	int		 rc;

	if ((rc = wf_load(s, r->job.task_id, r->job.unit_id, &t)) < 0)
		return -1;
	if (rc == 0 && t.state == TASK_DRAFT)
		return 1;
	log_info("batch: job %" PRId64 ": task %" PRId64 " is no longer "
	    "未提交, job stopped at row %" PRId64 " of %" PRId64, r->job.id,
	    r->job.task_id, r->job.done, r->job.rows);
	return batch_job_fail(s, r->job.id,
	    "该业务已不在未提交状态(如已退单),导入已停止") == 0 ? 0 : -1;
}

/* Runs one chunk of the job: rows from its progress on for up to
 * BATCH_CHUNK_MS, in one transaction, with the progress that counts
 * them.  *txmax is the longest transaction so far (this one's length
 * added after).  Returns 1 more to do, 0 done or no longer ours, -1
 * error (rolled back). */
static int
batch_run_chunk(struct store *s, const struct batch_spec *spec,
    struct batch_run *r, int64_t *txmax)
{
	struct batch_job now;
	int64_t		 t0, dt;
	int		 rc, last;

	if (store_begin(s) != 0)
		return -1;
	t0 = batch_us();
	/* Progress as committed: a chunk of ours that failed is redone. */
	if ((rc = batch_job_by(s, BJ_STMT_GET, r->job.id, &now)) != 0 ||
	    now.state != BATCH_JOB_RUNNING || now.lease_pid != batch_pid()) {
		store_rollback(s);
		return rc < 0 ? -1 : 0;
	}
	r->job.done = now.done;
	r->job.ok = now.ok;
	r->job.failed = now.failed;
	if ((rc = batch_run_task_open(s, r)) != 1) {
		if (rc < 0 || store_commit(s) != 0)
			goto fail;
		return 0;
	}
	do {
		if (batch_run_row(s, spec, r, r->job.done) != 0)
			goto fail;
		r->job.done++;
	} while (r->job.done < r->job.rows &&
	    batch_us() - t0 < BATCH_CHUNK_MS * 1000);
	last = r->job.done >= r->job.rows;
	if ((last ? batch_run_finish(s, r, *txmax) :
	    batch_run_advance(s, r, *txmax)) != 0 || store_commit(s) != 0)
		goto fail;
	if ((dt = batch_us() - t0) > *txmax)
		*txmax = dt;
	return last ? 0 : 1;
fail:
	store_rollback(s);
	return -1;
}

/* See batch.h. */
int
batch_job_run(struct store *s, const struct batch_spec *spec, int64_t id)
{
	struct batch_run r;
	int64_t		 txmax = 0, t0 = batch_us(), rows0;
	int		 rc;

	if (!batch_hooks_ok(spec) || spec->row_check == NULL ||
	    spec->row_store == NULL)
		return -1;
	if ((rc = batch_run_load(s, id, &r)) != 0) {
		batch_run_free(&r);
		return rc < 0 ? -1 : 0;
	}
	if (strcmp(r.job.business, spec->business) != 0) {
		log_err("batch: job %" PRId64 " is not of %s", id,
		    spec->business);
		batch_run_free(&r);
		return -1;
	}
	if (batch_stage_job == id)
		txmax = batch_stage_us;
	rows0 = r.job.done;
	while ((rc = batch_run_chunk(s, spec, &r, &txmax)) == 1)
		;
	if (rc == 0 && store_begin(s) == 0) {
		if (batch_job_set(s, BJ_STMT_TXMAX, id, txmax, 0) != 0 ||
		    store_commit(s) != 0)
			store_rollback(s);
	}
	if (rc < 0 && store_begin(s) == 0) {
		/* Let go at once: the next look at the job takes it again. */
		if (batch_job_set(s, BJ_STMT_RELEASE, id, batch_pid(), 0) != 0 ||
		    store_commit(s) != 0)
			store_rollback(s);
	}
	log_info("batch: job %" PRId64 ": rows %" PRId64 "..%" PRId64 " of %"
	    PRId64 " in %" PRId64 " ms, longest transaction %" PRId64 " us%s",
	    id, rows0, r.job.done, r.job.rows, (batch_us() - t0) / 1000, txmax,
	    rc < 0 ? " (error: released)" : "");
	batch_run_free(&r);
	return rc < 0 ? -1 : 0;
}
