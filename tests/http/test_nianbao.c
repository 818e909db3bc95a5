/*
 * test_nianbao.c: 年度缴费工资申报 end to end through nginx with client
 * certificates and the real SQLite file: the window (closed before it
 * opens, saying when; none announced); a single person refused for
 * each rule with nothing stored; and issue 11's scenario: a 3,000-row
 * declaration of a 普通 unit downloaded pre-filled, uploaded (following
 * the import contract: a 303 to …/batch/import?job= is followed until
 * it is done), a failed row listed, two wrong rows found by 身份证号
 * and deleted, the 未申报人员 counted, submitted (the page offers
 * /yuyue), the reviewer's partial decision (POST /review/partial)
 * sending two persons back with reasons and approving the rest (bases
 * clamped to the year's floor and ceiling from its January, wage_declarations
 * recorded), the unit seeing the two with their reasons, correcting
 * and resubmitting, the reviewer approving them; the unit's 缴费基数名册
 * of the year showing the new bases; another unit 404.  Dates are
 * relative to today (nb_in_window), whatever the real date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"
#include "batch.h"
#include "nianbao.h"
#include "xlsx.h"

#define OK_PDF		"unit/fixtures/files/ok.pdf"
#define NB_ROWS		3000
#define NB_IN_WINDOW	nb_in_window()

/* The 缴费年度 whose window nb_in_window() opened, and as "YYYY-01". */
static int	 nb_year;
static char	 nb_jan[8];

/* Asserts an XPath string value contains want. */
#define ck_xpath_has(a, expr, want) do {				\
	char *_v = xpath_str((a), (expr));				\
	ck_assert_msg(strstr(_v, (want)) != NULL, "%s: got '%s', want '%s'", \
	    (expr), _v, (want));					\
	free(_v);							\
} while (0)

/* The persons of the scenario. */
struct crowd {
	int	 run;				/* this run's sequence */
	char	 idno[NB_ROWS][19];
	char	 name[NB_ROWS][32];
};

/* A GB 11643 number of region 420111, born 1970-1979, for person n of
 * run into out[19]. */
static void
nb_idno(int run, int n, char out[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	int			 i, sum = 0;

	snprintf(out, 19, "420111%04d%02d%02d%03d", 1970 + n % 10,
	    1 + n / 10 % 12, 1 + n / 120 % 28, run % 1000);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = check[sum % 11];
	out[18] = '\0';
}

/* Makes NB_ROWS persons 参保缴费 at username's unit (in chunks of 500
 * rows a statement), their 个人编号 "N" + 身份证号. */
static void
crowd_make(const char *username, struct crowd *c)
{
	char	*q, *p, probe[128];
	size_t	 cap = 500 * 96 + 256;
	int	 i, j;

	ck_assert_ptr_nonnull(q = malloc(cap));
	for (c->run = (int)((getpid() + time(NULL)) % 1000);; c->run =
	    (c->run + 1) % 1000) {
		nb_idno(c->run, 0, c->idno[0]);
		snprintf(probe, sizeof(probe), "SELECT COUNT(*) FROM persons "
		    "WHERE idno = '%s'", c->idno[0]);
		if (db_int(probe) == 0)
			break;
	}
	for (i = 0; i < NB_ROWS; i++) {
		nb_idno(c->run, i, c->idno[i]);
		snprintf(c->name[i], sizeof(c->name[i]), "年报%d-%d", c->run,
		    i);
	}
	for (i = 0; i < NB_ROWS; i += 500) {
		p = q + snprintf(q, cap, "INSERT INTO persons (idno, name, sex, "
		    "birth) VALUES ");
		for (j = i; j < i + 500 && j < NB_ROWS; j++)
			p += snprintf(p, cap - (size_t)(p - q), "%s('%s', '%s', "
			    "'%s', '%.4s-%.2s-%.2s')", j > i ? ", " : "",
			    c->idno[j], c->name[j], (c->idno[j][16] - '0') % 2 ?
			    "男" : "女", c->idno[j] + 6, c->idno[j] + 10,
			    c->idno[j] + 12);
		db_exec(q);
	}
	snprintf(q, cap, "INSERT INTO insurance (person_id, unit_id, sb_no, "
	    "start_month, status, last_paid_month, contrib_months) SELECT "
	    "p.id, a.unit_id, 'N' || p.idno, '2020-01', '参保缴费', '2026-11', "
	    "60 FROM persons p, accounts a WHERE a.username = '%s' AND "
	    "p.name LIKE '年报%d-%%'", username, c->run);
	db_exec(q);
	free(q);
}

/* Stops the scenario's persons paying (the unit's counts as before). */
static void
crowd_leave(const struct crowd *c)
{
	char	 q[256];

	snprintf(q, sizeof(q), "UPDATE insurance SET status = '暂停缴费', "
	    "stop_month = '2027-02' WHERE person_id IN (SELECT id FROM persons "
	    "WHERE name LIKE '年报%d-%%')", c->run);
	db_exec(q);
}

/* The wage of row i of the file (元): the floor and ceiling cases
 * first, then 6000.50. */
static const char *
crowd_wage(int i)
{
	return i == 0 ? "3000" : i == 1 ? "30000" : "6000.50";
}

/* Writes the declaration of c (every person, wages as crowd_wage) and
 * one row of a person who is not insured here to path. */
static void
crowd_file(const struct crowd *c, const char *stranger, const char *path)
{
	const char *const	**rows;
	const char		**cells;
	char			(*sb)[24];
	unsigned char		*buf;
	size_t			 sz, n = NB_ROWS + 2, i;
	FILE			*f;

	ck_assert_ptr_nonnull(rows = calloc(n, sizeof(*rows)));
	ck_assert_ptr_nonnull(cells = calloc(n * 5, sizeof(*cells)));
	ck_assert_ptr_nonnull(sb = calloc(NB_ROWS, sizeof(*sb)));
	rows[0] = nianbao_batch.columns;
	for (i = 0; i < NB_ROWS; i++) {
		snprintf(sb[i], sizeof(sb[i]), "N%s", c->idno[i]);
		cells[5 * (i + 1)] = sb[i];
		cells[5 * (i + 1) + 1] = c->name[i];
		cells[5 * (i + 1) + 2] = c->idno[i];
		cells[5 * (i + 1) + 3] = crowd_wage((int)i);
		cells[5 * (i + 1) + 4] = "";
		rows[i + 1] = &cells[5 * (i + 1)];
	}
	cells[5 * (n - 1)] = "";
	cells[5 * (n - 1) + 1] = "外单位人员";
	cells[5 * (n - 1) + 2] = stranger;
	cells[5 * (n - 1) + 3] = "5000";
	cells[5 * (n - 1) + 4] = "";
	rows[n - 1] = &cells[5 * (n - 1)];
	ck_assert_int_eq(xlsx_write("职工缴费工资申报", rows, n, 5, &buf, &sz),
	    0);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(buf, 1, sz, f), sz);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);
	free(sb);
	free(cells);
	free(rows);
}

/* Uploads the declaration file path with a fresh token and follows
 * the import contract to the result page: a 303 to /nianbao?id= (or
 * /nianbao/batch/result?id=), or to …/batch/import?job= which shows
 * progress until it answers 303 to the result.  Returns the task id. */
static long long
upload_declaration(struct browser *b, const char *path)
{
	struct answer	 a;
	struct part	 p[2];
	char		 tok[40], loc[512], *v;
	const char	*id;
	int		 polls = 0;

	ck_assert_int_eq(http_get(b, "/nianbao", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = path;
	ck_assert_int_eq(http_post_multipart(b, "/nianbao/batch/upload", 1, p,
	    2, &a), 303);
	snprintf(loc, sizeof(loc), "%s", a.location);
	answer_free(&a);
	while (strstr(loc, "/batch/import?job=") != NULL) {
		ck_assert_int_lt(polls++, 600);
		if (http_get(b, loc, 1, &a) == 303) {
			snprintf(loc, sizeof(loc), "%s", a.location);
			answer_free(&a);
			break;
		}
		/* Progress is shown while it runs. */
		ck_assert_int_eq(xpath_count(&a, "/page/import[@rows > 0]"), 1);
		answer_free(&a);
		usleep(200 * 1000);
	}
	ck_assert_msg((id = strstr(loc, "id=")) != NULL, "location %s", loc);
	return atoll(id + 3);
}

/* GETs path into a, expecting 200. */
static void
get_ok(struct browser *b, const char *path, struct answer *a)
{
	ck_assert_msg(http_get(b, path, 1, a) == 200, "GET %s", path);
}

/* The row number (in the task) of person i of c. */
static int
row_of(int i)
{
	return i + 2;
}

/* POSTs id (and row when > 0) to path; returns the status. */
static long
post_task(struct browser *b, const char *path, long long id, int row,
    struct answer *a)
{
	char	 ids[24], rows[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	snprintf(rows, sizeof(rows), "%d", row);
	if (row > 0)
		return http_post(b, path, 1, a, "id", ids, "row", rows, NULL);
	return http_post(b, path, 1, a, "id", ids, NULL);
}

/* Uploads the 申报表 of task id, expecting 303. */
static void
upload_table(struct browser *b, long long id)
{
	struct answer	 a;
	struct part	 p[3];
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "material";
	p[1].value = NB_MAT_SHENBAOBIAO;
	p[2].name = "file";
	p[2].file = OK_PDF;
	ck_assert_int_eq(http_post_multipart(b, "/nianbao/upload", 1, p, 3,
	    &a), 303);
	answer_free(&a);
}

/* The 申报工资 and 缴费基数 (fen) person idno has from month, as
 * "wage|base", or "" when none. */
static char *
base_of(const char *idno, const char *month)
{
	char	 q[384];

	snprintf(q, sizeof(q), "SELECT b.wage_fen || '|' || b.base_fen FROM "
	    "wage_bases b JOIN insurance i ON i.id = b.insurance_id JOIN "
	    "persons p ON p.id = i.person_id WHERE p.idno = '%s' AND "
	    "b.from_month = '%s' AND b.business = 'nianbao'", idno, month);
	return db_query(q);
}

/* Asserts base_of(idno, January of nb_year) is want. */
static void
ck_base(const char *idno, const char *want)
{
	char	*v = base_of(idno, nb_jan);

	ck_assert_ptr_nonnull(v);
	ck_assert_msg(strcmp(v, want) == 0, "%s: base %s, want %s", idno, v,
	    want);
	free(v);
}

/* Finds person i of c in task id by 身份证号 and deletes the row. */
static void
find_and_delete(struct browser *b, long long id, const struct crowd *c,
    int i)
{
	struct answer	 a;
	char		 path[160], want[96], sql[160];
	long long	 n;

	snprintf(path, sizeof(path), "/nianbao?id=%lld&idno=%s", id,
	    c->idno[i]);
	get_ok(b, path, &a);
	ck_assert_int_eq(xpath_count(&a, "/page/rows/row"), 1);
	snprintf(want, sizeof(want), "%d", row_of(i));
	ck_xpath_eq(&a, "string(/page/rows/row/@no)", want);
	ck_xpath_eq(&a, "string(/page/rows/row/@name)", c->name[i]);
	answer_free(&a);
	/* The number from the summary's 6th character on: db_int reads
	 * its leading digits as SQLite's CAST did (PostgreSQL's CAST
	 * refuses the text after them). */
	snprintf(want, sizeof(want), "SELECT substr(summary, 6) FROM tasks "
	    "WHERE id = %lld", id);
	n = db_int(want);
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(post_task(b, "/nianbao/batch/delete", id, row_of(i),
	    &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=deleted"));
	answer_free(&a);
	/* The summary the reviewer's list shows counts the rows left. */
	snprintf(sql, sizeof(sql), "SELECT summary = '批量导入 %lld 人' "
	    "FROM tasks WHERE id = %lld", n - 1, id);
	ck_assert_int_eq(db_int(sql), 1);
	get_ok(b, path, &a);
	ck_assert_int_eq(xpath_count(&a, "/page/rows/row"), 0);
	ck_xpath_eq(&a, "string(/page/rows/@found)", "0");
	answer_free(&a);
}

/* The number of persons 参保缴费 at username's unit. */
static long long
insured_at(const char *username)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM insurance i JOIN "
	    "accounts a ON a.unit_id = i.unit_id WHERE a.username = '%s' AND "
	    "i.status = '参保缴费'", username);
	return db_int(q);
}

/* Moves the hall's clock to when (NULL: the system's) and logs b in
 * as username again (a session does not survive the jump). */
static void
at(const char *when, struct browser *b, const char *cert,
    const char *username)
{
	set_clock(when);
	browser_init(b, cert);
	ck_assert_int_eq(login(b, username), 0);
}

/* The hall's date (UTC+8) days from today into buf[11]. */
static void
nb_date(long days, char buf[11])
{
	time_t		 t = time(NULL) + 8 * 3600 + days * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* Now (UTC+8, 6 minutes on when the day is about to end: the client
 * certificates are checked against the hall's clock, issued today),
 * with the next 缴费年度's declaration window open whatever the real
 * date (policy_test_year); notes that year in nb_year.  Returns the
 * time for set_clock (static). */
static const char *
nb_in_window(void)
{
	static char	 when[32];
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;

	if (t % 86400 > 86400 - 300)
		t += 360;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	nb_year = policy_test_year(when);
	snprintf(nb_jan, sizeof(nb_jan), "%04d-01", nb_year);
	return when;
}

/* ---- Tests ---- */

/* After the next 缴费年度's window (nb_year's, closed yesterday here),
 * the following one not announced: none announced; once the region
 * announces nb_year's (again, from the day after tomorrow): when it
 * opens, and nothing is saved until then; in it without that year's
 * 社平工资: refused, saying why.  Dates relative to today, whatever
 * the real date (the certificates are checked against the hall's
 * clock: issued today, for a year). */
START_TEST(nianbao_window_closed)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[24], idno[19], name[32], tok[40], q[512], when[32];
	char		 d1[11], d2[11], d3[11], want[128], *v;
	long long	 before;
	int		 y;

	snprintf(name, sizeof(name), "窗口外%d", (int)getpid() % 1000);
	ck_assert_int_eq(make_insured("demo-a", name, id, idno), 0);
	nb_in_window();
	y = nb_year;
	nb_date(1, d1);
	nb_date(2, d2);
	nb_date(3, d3);
	/* Neither nb_year's window nor the next one's is announced. */
	snprintf(q, sizeof(q), "DELETE FROM policy WHERE key IN "
	    "('nianbao.open.%d', 'nianbao.close.%d', 'nianbao.open.%d', "
	    "'nianbao.close.%d')", y, y, y + 1, y + 1);
	db_exec(q);
	snprintf(when, sizeof(when), "%s 10:00:00", d1);
	at(when, &b, "unit-a", "demo-a");
	get_ok(&b, "/nianbao", &a);
	ck_xpath_eq(&a, "string(/page/nianbao-window/@open)", "0");
	ck_xpath_has(&a, "string(/page/nianbao-window)", "尚未公布");
	answer_free(&a);
	/* Wuhan announces nb_year's window: from d2 to d3. */
	snprintf(q, sizeof(q), "INSERT INTO policy (region, key, valid_from, "
	    "value, note) VALUES ('420100', 'nianbao.open.%d', '1900-01-01', "
	    "'%s', 'test'), ('420100', 'nianbao.close.%d', '1900-01-01', "
	    "'%s', 'test')", y, d2, y, d3);
	db_exec(q);
	get_ok(&b, "/nianbao", &a);
	ck_xpath_eq(&a, "string(/page/nianbao-window/@open)", "0");
	snprintf(want, sizeof(want), "%d", y);
	ck_xpath_eq(&a, "string(/page/nianbao-window/@year)", want);
	ck_xpath_eq(&a, "string(/page/nianbao-window/@from)", d2);
	snprintf(want, sizeof(want), "%d年度缴费工资申报将于%s开始", y, d2);
	ck_xpath_has(&a, "string(/page/nianbao-window)", want);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	before = db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'nianbao'");
	ck_assert_int_eq(http_post(&b, "/nianbao/save", 1, &a, "token", tok,
	    "sfzh", idno, "name", name, "nb_wage", "6000", "nb_remark", "",
	    NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'NB_CLOSED']"), 1);
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM tasks WHERE business = "
	    "'nianbao'"), before);
	/* In that window without the year's 社平工资: refused, saying why. */
	snprintf(q, sizeof(q), "UPDATE policy SET key = "
	    "'test.nb.avg_monthly_fen' WHERE key = 'wage.avg_monthly_fen' AND "
	    "valid_from BETWEEN '%d-01-01' AND '%d-12-31'", y, y);
	db_exec(q);
	snprintf(when, sizeof(when), "%s 10:00:00", d2);
	at(when, &b, "unit-a", "demo-a");
	get_ok(&b, "/nianbao", &a);
	ck_xpath_eq(&a, "string(/page/nianbao-window/@open)", "1");
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/nianbao/save", 1, &a, "token", tok,
	    "sfzh", idno, "name", name, "nb_wage", "6000", "nb_remark", "",
	    NULL), 422);
	db_exec("UPDATE policy SET key = 'wage.avg_monthly_fen' WHERE key = "
	    "'test.nb.avg_monthly_fen'");
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'NB_NO_POLICY']"), 1);
	snprintf(want, sizeof(want), "%d年度社平工资尚未公布", y);
	ck_xpath_has(&a, "string(/page/errors/error[@code = 'NB_NO_POLICY'])",
	    want);
	answer_free(&a);
	snprintf(q, sizeof(q), "DELETE FROM policy WHERE region = '420100' "
	    "AND key LIKE 'nianbao.%%.%d'", y);
	db_exec(q);
	/* The usual window again: open. */
	at(NB_IN_WINDOW, &b, "unit-a", "demo-a");
	get_ok(&b, "/nianbao", &a);
	ck_xpath_eq(&a, "string(/page/nianbao-window/@open)", "1");
	snprintf(want, sizeof(want), "%d年度缴费工资申报期:%d-01-01至%d-01-15",
	    y, y - 1, y);
	ck_xpath_has(&a, "string(/page/nianbao-window)", want);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

/* A single person refused for each rule, with its message, nothing
 * stored: not insured here, 姓名 not his, wage 0 or of 3 decimals. */
START_TEST(nianbao_single_refused)
{
	struct browser	 b;
	struct answer	 a;
	char		 id[24], idno[19], name[32], oid[24], oidno[19];
	char		 oname[32], tok[40], *v;
	long long	 before;
	size_t		 i;
	struct {
		const char	*sfzh, *name, *wage, *code;
	} cases[4];

	at(NB_IN_WINDOW, &b, "unit-a", "demo-a");
	snprintf(name, sizeof(name), "单报%d", (int)getpid() % 1000);
	ck_assert_int_eq(make_insured("demo-a", name, id, idno), 0);
	snprintf(oname, sizeof(oname), "他单位%d", (int)getpid() % 1000);
	ck_assert_int_eq(make_insured("demo-b", oname, oid, oidno), 0);
	cases[0].sfzh = oidno; cases[0].name = oname;
	cases[0].wage = "6000"; cases[0].code = "NB_NOT_INSURED";
	cases[1].sfzh = idno; cases[1].name = "别人";
	cases[1].wage = "6000"; cases[1].code = "NB_NAME_MISMATCH";
	cases[2].sfzh = idno; cases[2].name = name;
	cases[2].wage = "0"; cases[2].code = "NB_WAGE_INVALID";
	cases[3].sfzh = idno; cases[3].name = name;
	cases[3].wage = "6000.123"; cases[3].code = NULL;
	before = db_int("SELECT COUNT(*) FROM nianbao");
	for (i = 0; i < 4; i++) {
		get_ok(&b, "/nianbao", &a);
		v = xpath_str(&a, "string(/page/form/@token)");
		snprintf(tok, sizeof(tok), "%s", v);
		free(v);
		answer_free(&a);
		ck_assert_int_eq(http_post(&b, "/nianbao/save", 1, &a, "token",
		    tok, "sfzh", cases[i].sfzh, "name", cases[i].name,
		    "nb_wage", cases[i].wage, "nb_remark", "", NULL), 422);
		if (cases[i].code != NULL) {
			snprintf(id, sizeof(id), "%s", cases[i].code);
			ck_assert_msg(xpath_count(&a, "/page/errors/error") >= 1,
			    "case %zu", i);
			v = xpath_str(&a, "string(/page/errors/error/@code)");
			ck_assert_msg(strcmp(v, id) == 0, "case %zu: %s", i, v);
			free(v);
		} else
			ck_assert_int_eq(xpath_count(&a, "/page/errors/error"
			    "[@field = 'nb_wage']"), 1);
		/* The form again with what was typed. */
		ck_xpath_eq(&a, "string(/page/nianbao/@sfzh)", cases[i].sfzh);
		answer_free(&a);
	}
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM nianbao"), before);
	set_clock(NULL);
}
END_TEST

/* The template: every person 参保缴费 at the unit, pre-filled. */
static void
check_template(struct browser *b, const struct crowd *c)
{
	struct xlsx_sheet	 sh;
	struct answer		 a;
	size_t			 i, found = 0;

	ck_assert_int_eq(http_get(b, "/nianbao/batch/template", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.disposition, ".xlsx"));
	ck_assert_int_eq(xlsx_read(a.body, a.bodysz, &sh), XLSX_OK);
	answer_free(&a);
	ck_assert_uint_ge(sh.nrows, NB_ROWS + 1);
	ck_assert_uint_ge(sh.rows[0].ncells, 5);
	for (i = 0; i < 5; i++)
		ck_assert_str_eq(sh.rows[0].cells[i], nianbao_batch.columns[i]);
	for (i = 1; i < sh.nrows; i++)
		if (sh.rows[i].ncells >= 3 &&
		    strcmp(sh.rows[i].cells[2], c->idno[7]) == 0) {
			ck_assert_str_eq(sh.rows[i].cells[1], c->name[7]);
			found++;
		}
	ck_assert_uint_eq(found, 1);
	xlsx_free(&sh);
}

/* Issues username's 名册 of nb_year as b (the form's token, 303 to
 * its print page) and asserts c's person 100 (corrected to 7,000 元)
 * and person 0 (3,000 元, clamped to the floor) with their new bases
 * from nb_year's January, and person 1 at the ceiling. */
static void
check_mingce(struct browser *b, const struct crowd *c)
{
	static const struct {
		int		 i;
		const char	*wage, *base;
	} want[] = {
		{ 100, "7,000.00", "7,000.00" },
		{ 0, "3,000.00", "4,620.00" },
		{ 1, "30,000.00", "23,100.00" },
	};
	struct answer	 a;
	char		 tok[40], y[8], id[24], path[128], q[384], *v;
	long long	 row;
	size_t		 k;

	ck_assert_int_eq(http_get(b, "/mingce", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	snprintf(y, sizeof(y), "%d", nb_year);
	ck_assert_int_eq(http_post(b, "/mingce/issue", 1, &a, "year", y,
	    "token", tok, NULL), 303);
	ck_assert_msg(strncmp(a.location, "/mingce/view?id=", 16) == 0, "%s",
	    a.location);
	snprintf(id, sizeof(id), "%s", a.location + 16);
	answer_free(&a);
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		snprintf(q, sizeof(q), "SELECT r.row_no FROM mingce_rows r "
		    "JOIN persons p ON p.id = r.person_id WHERE r.mingce_id = "
		    "%s AND p.idno = '%s'", id, c->idno[want[k].i]);
		row = db_int(q);
		ck_assert_int_gt(row, 0);
		snprintf(path, sizeof(path), "/mingce/view?id=%s&page=%lld", id,
		    (row - 1) / 300 + 1);
		ck_assert_int_eq(http_get(b, path, 1, &a), 200);
		ck_xpath_eq(&a, "string(/page/mingce/@month)", nb_jan);
		snprintf(q, sizeof(q), "string(/page/sheets/sheet/row[@idno = "
		    "'%s']/@wage)", c->idno[want[k].i]);
		ck_xpath_eq(&a, q, want[k].wage);
		snprintf(q, sizeof(q), "string(/page/sheets/sheet/row[@idno = "
		    "'%s']/@base)", c->idno[want[k].i]);
		ck_xpath_eq(&a, q, want[k].base);
		snprintf(q, sizeof(q), "string(/page/sheets/sheet/row[@idno = "
		    "'%s']/@from)", c->idno[want[k].i]);
		ck_xpath_eq(&a, q, nb_jan);
		answer_free(&a);
	}
}

/* Issue 11's scenario, 3,000 rows. */
START_TEST(nianbao_declaration_3000)
{
	static struct crowd	 c;
	struct browser		 u, r, o;
	struct answer		 a;
	char			 file[64], path[192], q[256], ids[24], nid[24];
	char			 stranger[19], want[64], *v;
	long long		 id, newid, others;
	const char		*reason_a = "工资与工资单不符,请核对";
	const char		*reason_b = "\xe3\x80\x80" "缺少备注说明 ";

	set_clock(NB_IN_WINDOW);
	browser_init(&u, "unit-b");
	ck_assert_int_eq(login(&u, "demo-b"), 0);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	browser_init(&o, "unit-a");
	ck_assert_int_eq(login(&o, "demo-a"), 0);
	others = insured_at("demo-b");
	crowd_make("demo-b", &c);
	check_template(&u, &c);
	ck_assert_int_eq(unused_idno(1985, stranger), 0);

	/* Uploaded: 3,000 rows stored, the stranger's row failed. */
	snprintf(file, sizeof(file), "/tmp/nianbao-%d.xlsx", (int)getpid());
	crowd_file(&c, stranger, file);
	id = upload_declaration(&u, file);
	unlink(file);
	snprintf(path, sizeof(path), "/nianbao/batch/result?id=%lld", id);
	get_ok(&u, path, &a);
	ck_xpath_eq(&a, "string(/page/@view)", "batch-result");
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "3000");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "1");
	ck_xpath_eq(&a, "string(/page/failures/failure/@idno)", stranger);
	ck_xpath_has(&a, "string(/page/failures/failure/@reasons)",
	    "不是本单位参保缴费人员");
	/* 上传明细 a page at a time. */
	ck_xpath_eq(&a, "string(/page/rows/@total)", "3000");
	ck_assert_int_eq(xpath_count(&a, "/page/rows/row"), 100);
	ck_xpath_eq(&a, "string(/page/rows/row[1]/@wage)", "3000.00");
	answer_free(&a);
	snprintf(path, sizeof(path), "/nianbao?id=%lld&rpage=30", id);
	get_ok(&u, path, &a);
	ck_assert_int_eq(xpath_count(&a, "/page/rows/row"), 100);
	snprintf(want, sizeof(want), "%d", row_of(NB_ROWS - 1));
	ck_xpath_eq(&a, "string(/page/rows/row[100]/@no)", want);
	answer_free(&a);

	/* Two wrong rows found by 身份证号 and deleted; the 未申报人员 are
	 * the unit's others and those two. */
	find_and_delete(&u, id, &c, 10);
	find_and_delete(&u, id, &c, 20);
	snprintf(path, sizeof(path), "/nianbao?id=%lld", id);
	get_ok(&u, path, &a);
	ck_xpath_eq(&a, "string(/page/rows/@total)", "2998");
	snprintf(want, sizeof(want), "%lld", others + 2);
	ck_xpath_eq(&a, "string(/page/missing/@total)", want);
	snprintf(want, sizeof(want), "%d", nb_year);
	ck_xpath_eq(&a, "string(/page/missing/@year)", want);
	ck_assert_int_le(xpath_count(&a, "/page/missing/person"), 50);
	answer_free(&a);

	/* Submitted: 进行中 with the reviewer; the page offers /yuyue. */
	upload_table(&u, id);
	ck_assert_int_eq(post_task(&u, "/nianbao/submit", id, 0, &a), 303);
	ck_assert_ptr_nonnull(strstr(a.location, "done=submitted"));
	answer_free(&a);
	get_ok(&u, path, &a);
	ck_xpath_eq(&a, "string(/page/task/@state)", "进行中");
	/* While pending, the base each wage will get (the floor here). */
	ck_xpath_eq(&a, "string(/page/rows/row[1]/@base)", "");
	ck_xpath_eq(&a, "string(/page/rows/row[1]/@base-preview)", "4620.00");
	answer_free(&a);
	snprintf(q, sizeof(q), "/review/task?id=%lld&idno=%s", id, c.idno[1]);
	get_ok(&r, q, &a);
	ck_xpath_eq(&a, "string(/page/persons/person/fact[@label = '缴费基数'])",
	    "23,100.00(待核定)");
	answer_free(&a);
	ck_assert_int_eq(http_get(&u, path, 0, &a), 200);
	snprintf(want, sizeof(want), "/yuyue/book?task=%lld", id);
	ck_assert_ptr_nonnull(strstr(a.body, want));
	answer_free(&a);

	/* The reviewer sends persons 100 and 200 back, approves the rest. */
	snprintf(ids, sizeof(ids), "%lld", id);
	snprintf(q, sizeof(q), "%d", row_of(100));
	snprintf(want, sizeof(want), "%d", row_of(200));
	snprintf(path, sizeof(path), "reason_%d", row_of(100));
	snprintf(file, sizeof(file), "reason_%d", row_of(200));
	ck_assert_int_eq(http_post(&r, "/review/partial", 1, &a, "id", ids,
	    "row", q, "row", want, path, reason_a, file, reason_b, NULL), 303);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT state FROM tasks WHERE id = %lld", id);
	v = db_query(q);
	ck_assert_str_eq(v, "结束");
	free(v);
	/* Bases from January: the floor, the ceiling, the wage. */
	ck_base(c.idno[0], "300000|462000");
	ck_base(c.idno[1], "3000000|2310000");
	ck_base(c.idno[5], "600050|600050");
	v = base_of(c.idno[100], nb_jan);
	ck_assert_str_eq(v, "");
	free(v);
	v = base_of(c.idno[10], nb_jan);
	ck_assert_str_eq(v, "");
	free(v);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM wage_declarations w "
	    "JOIN accounts a ON a.unit_id = w.unit_id WHERE a.username = "
	    "'demo-b' AND w.year = %d", nb_year);
	ck_assert_int_eq(db_int(q), 1);

	/* The unit sees the two with their reasons, in a new draft. */
	snprintf(q, sizeof(q), "SELECT task_id FROM task_row_returns WHERE "
	    "from_task_id = %lld LIMIT 1", id);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(nid, sizeof(nid), "%s", v);
	free(v);
	newid = atoll(nid);
	ck_assert_int_gt(newid, id);
	snprintf(path, sizeof(path), "/nianbao?id=%lld", newid);
	get_ok(&u, path, &a);
	ck_xpath_eq(&a, "string(/page/task/@state)", "未提交");
	ck_xpath_eq(&a, "string(/page/task/@returned)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/returns/return"), 2);
	snprintf(q, sizeof(q), "string(/page/returns/return[@idno = '%s']"
	    "/@reason)", c.idno[100]);
	ck_xpath_eq(&a, q, reason_a);
	snprintf(q, sizeof(q), "string(/page/returns/return[@idno = '%s']"
	    "/@reason)", c.idno[200]);
	ck_xpath_eq(&a, q, "缺少备注说明");
	ck_xpath_eq(&a, "string(/page/rows/@total)", "2");
	answer_free(&a);

	/* Corrected and resubmitted; the reviewer approves them. */
	snprintf(ids, sizeof(ids), "%lld", newid);
	snprintf(q, sizeof(q), "%d", row_of(100));
	ck_assert_int_eq(http_post(&u, "/nianbao/row", 1, &a, "id", ids,
	    "row", q, "nb_wage", "7000", "nb_remark", "", NULL), 303);
	answer_free(&a);
	snprintf(q, sizeof(q), "%d", row_of(200));
	ck_assert_int_eq(http_post(&u, "/nianbao/row", 1, &a, "id", ids,
	    "row", q, "nb_wage", "6100", "nb_remark", "补充说明:岗位调整",
	    NULL), 303);
	answer_free(&a);
	snprintf(path, sizeof(path), "/nianbao?id=%lld&idno=%s", newid,
	    c.idno[100]);
	get_ok(&u, path, &a);
	ck_xpath_eq(&a, "string(/page/rows/row/@wage)", "7000.00");
	answer_free(&a);
	upload_table(&u, newid);
	ck_assert_int_eq(post_task(&u, "/nianbao/submit", newid, 0, &a), 303);
	answer_free(&a);
	ck_assert_int_eq(post_task(&r, "/review/approve", newid, 0, &a), 303);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT state FROM tasks WHERE id = %lld",
	    newid);
	v = db_query(q);
	ck_assert_str_eq(v, "结束");
	free(v);
	ck_base(c.idno[100], "700000|700000");
	ck_base(c.idno[200], "610000|610000");
	/* The rows show their bases. */
	snprintf(path, sizeof(path), "/nianbao?id=%lld&idno=%s", id,
	    c.idno[1]);
	get_ok(&u, path, &a);
	ck_xpath_eq(&a, "string(/page/rows/row/@base)", "23100.00");
	answer_free(&a);
	/* The 名册 of the year shows the new bases. */
	check_mingce(&u, &c);

	/* Another unit: 404 for the declaration, its rows, its results. */
	snprintf(path, sizeof(path), "/nianbao?id=%lld", id);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	ck_assert_ptr_null(strstr(a.body, c.name[0]));
	answer_free(&a);
	snprintf(path, sizeof(path), "/nianbao?id=%lld&idno=%s", newid,
	    c.idno[100]);
	ck_assert_int_eq(http_get(&o, path, 1, &a), 404);
	answer_free(&a);
	snprintf(q, sizeof(q), "%d", row_of(100));
	ck_assert_int_eq(http_post(&o, "/nianbao/row", 1, &a, "id", ids,
	    "row", q, "nb_wage", "1", "nb_remark", "", NULL), 404);
	answer_free(&a);
	ck_base(c.idno[100], "700000|700000");

	crowd_leave(&c);
	set_clock(NULL);
}
END_TEST

/* 非统筹退休人员工资申报: the template holds the unit's registered
 * retirees (the demo's), not its insured persons; a retiree declared
 * alone is approved and his row keeps the wage; an insured person is
 * refused there. */
START_TEST(txgz_retirees_declared)
{
	struct xlsx_sheet	 sh;
	struct browser		 b, r;
	struct answer		 a;
	char			 q[256], id[24], idno[19], name[32], tok[40];
	char			*rname, *ridno, *v;
	size_t			 i, found = 0, insured = 0;
	long long		 tid;

	snprintf(name, sizeof(name), "在职非退%d", (int)getpid() % 1000);
	ck_assert_int_eq(make_insured("demo-a", name, id, idno), 0);
	at(NB_IN_WINDOW, &b, "unit-a", "demo-a");
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	snprintf(q, sizeof(q), "SELECT r.name FROM txgz_retirees r JOIN "
	    "accounts a ON a.unit_id = r.unit_id WHERE a.username = 'demo-a' "
	    "AND r.wage_fen > 0 ORDER BY r.id LIMIT 1");
	ck_assert_ptr_nonnull(rname = db_query(q));
	ck_assert_uint_gt(strlen(rname), 0);
	/* Demo retirees have a person's name and a 个人编号. */
	ck_assert_ptr_null(strstr(rname, "退休"));
	/* The demo's two (the unit's first: other suites add more). */
	snprintf(q, sizeof(q), "SELECT count(*) FROM (SELECT r.sb_no, r.name "
	    "FROM txgz_retirees r JOIN accounts a ON a.unit_id = r.unit_id "
	    "WHERE a.username = 'demo-a' ORDER BY r.id LIMIT 2) "
	    "WHERE sb_no = '' OR name LIKE '%%退休%%'");
	v = db_query(q);
	ck_assert_str_eq(v, "0");
	free(v);
	snprintf(q, sizeof(q), "SELECT idno FROM txgz_retirees WHERE name = "
	    "'%s'", rname);
	ck_assert_ptr_nonnull(ridno = db_query(q));
	get_ok(&b, "/txgz", &a);
	ck_xpath_eq(&a, "string(/page/@business)", "txgz");
	ck_xpath_eq(&a, "string(/page/nianbao-window/@open)", "1");
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/txgz/batch/template", 0, &a), 200);
	ck_assert_int_eq(xlsx_read(a.body, a.bodysz, &sh), XLSX_OK);
	answer_free(&a);
	for (i = 1; i < sh.nrows; i++) {
		if (sh.rows[i].ncells < 3)
			continue;
		found += strcmp(sh.rows[i].cells[2], ridno) == 0;
		insured += strcmp(sh.rows[i].cells[2], idno) == 0;
	}
	xlsx_free(&sh);
	ck_assert_uint_eq(found, 1);
	ck_assert_uint_eq(insured, 0);
	/* An insured person is no retiree. */
	ck_assert_int_eq(http_post(&b, "/txgz/save", 1, &a, "token", tok,
	    "sfzh", idno, "name", name, "nb_wage", "5000", "nb_remark", "",
	    NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'NB_NOT_RETIREE']"), 1);
	answer_free(&a);
	/* The retiree: saved, submitted, approved. */
	ck_assert_int_eq(http_post(&b, "/txgz/save", 1, &a, "token", tok,
	    "sfzh", ridno, "name", rname, "nb_wage", "7000", "nb_remark", "",
	    NULL), 303);
	ck_assert_ptr_nonnull(v = strstr(a.location, "/txgz?id="));
	tid = atoll(v + 9);
	answer_free(&a);
	snprintf(q, sizeof(q), "%lld", tid);
	{
		struct part	 p[3];

		memset(p, 0, sizeof(p));
		p[0].name = "id";
		p[0].value = q;
		p[1].name = "material";
		p[1].value = NB_MAT_SHENBAOBIAO;
		p[2].name = "file";
		p[2].file = OK_PDF;
		ck_assert_int_eq(http_post_multipart(&b, "/txgz/upload", 1, p,
		    3, &a), 303);
		answer_free(&a);
	}
	ck_assert_int_eq(post_task(&b, "/txgz/submit", tid, 0, &a), 303);
	answer_free(&a);
	ck_assert_int_eq(post_task(&r, "/review/approve", tid, 0, &a), 303);
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT wage_fen || '|' || wage_year FROM "
	    "txgz_retirees WHERE idno = '%s'", ridno);
	v = db_query(q);
	snprintf(q, sizeof(q), "700000|%d", nb_year);
	ck_assert_str_eq(v, q);
	free(v);
	free(rname);
	free(ridno);
	set_clock(NULL);
}
END_TEST

/* A pre-filled template's row whose wage is left blank was not
 * declared in this file: skipped (no failure), the person stays among
 * the 未申报人员, and the result says how many were left blank. */
START_TEST(nianbao_blank_wages_skipped)
{
	const char *const	*rows[4];
	const char		*cells[3][5];
	struct browser		 b;
	struct answer		 a;
	struct part		 p[2];
	char			 id[3][24], idno[3][19], name[3][32];
	char			 file[64], tok[40], loc[512], xp[128], ids[24], *v;
	long long		 tid;
	unsigned char		*buf;
	size_t			 sz, i;
	FILE			*f;

	for (i = 0; i < 3; i++) {
		snprintf(name[i], sizeof(name[i]), "空白%d-%zu",
		    (int)getpid() % 1000, i);
		ck_assert_int_eq(make_insured("demo-a", name[i], id[i],
		    idno[i]), 0);
		cells[i][0] = "";	/* 个人编号: the system's */
		cells[i][1] = name[i];
		cells[i][2] = idno[i];
		cells[i][3] = i == 0 ? "5000" : "";
		cells[i][4] = "";
		rows[i + 1] = cells[i];
	}
	rows[0] = nianbao_batch.columns;
	ck_assert_int_eq(xlsx_write("职工缴费工资申报", rows, 4, 5, &buf, &sz),
	    0);
	snprintf(file, sizeof(file), "/tmp/nianbao-blank-%d.xlsx",
	    (int)getpid());
	ck_assert_ptr_nonnull(f = fopen(file, "wb"));
	ck_assert_uint_eq(fwrite(buf, 1, sz, f), sz);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);
	at(NB_IN_WINDOW, &b, "unit-a", "demo-a");
	ck_assert_int_eq(http_get(&b, "/nianbao", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	memset(p, 0, sizeof(p));
	p[0].name = "token";
	p[0].value = tok;
	p[1].name = "file";
	p[1].file = file;
	ck_assert_int_eq(http_post_multipart(&b, "/nianbao/batch/upload", 1, p,
	    2, &a), 303);
	snprintf(loc, sizeof(loc), "%s", a.location);
	answer_free(&a);
	unlink(file);
	ck_assert_msg(strstr(loc, "blank=2") != NULL, "location %s", loc);
	get_ok(&b, loc, &a);
	ck_xpath_eq(&a, "string(/page/batch/@ok)", "1");
	ck_xpath_eq(&a, "string(/page/batch/@failed)", "0");
	ck_assert_int_eq(xpath_count(&a, "/page/failures/failure"), 0);
	ck_xpath_has(&a, "string(/page/message)", "另有 2 人未填写");
	ck_xpath_eq(&a, "string(/page/rows/@total)", "1");
	answer_free(&a);
	/* The two left blank are not declared: no row holds them. */
	for (i = 1; i < 3; i++) {
		snprintf(xp, sizeof(xp), "SELECT COUNT(*) FROM nianbao n JOIN "
		    "persons p ON p.id = n.person_id WHERE p.idno = '%s'",
		    idno[i]);
		ck_assert_int_eq(db_int(xp), 0);
	}
	/* One of them added to the same draft from its page; twice is
	 * refused; the summary counts him. */
	v = strstr(loc, "id=");
	ck_assert_ptr_nonnull(v);
	tid = atoll(v + 3);
	snprintf(ids, sizeof(ids), "%lld", tid);
	ck_assert_int_eq(http_post(&b, "/nianbao/add", 1, &a, "id", ids,
	    "sfzh", idno[1], "name", name[1], "nb_wage", "6000",
	    "nb_remark", "", NULL), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/nianbao/add", 1, &a, "id", ids,
	    "sfzh", idno[1], "name", name[1], "nb_wage", "6000",
	    "nb_remark", "", NULL), 422);
	ck_assert_int_eq(xpath_count(&a, "/page/errors/error[@code = "
	    "'NB_IN_TASK']"), 1);
	answer_free(&a);
	snprintf(xp, sizeof(xp), "SELECT summary FROM tasks WHERE id = %lld",
	    tid);
	v = db_query(xp);
	ck_assert_str_eq(v, "批量导入 2 人");
	free(v);
	snprintf(xp, sizeof(xp), "/nianbao?id=%lld", tid);
	get_ok(&b, xp, &a);
	ck_xpath_eq(&a, "string(/page/rows/@total)", "2");
	answer_free(&a);
	/* Submitting with persons undeclared asks first. */
	ck_assert_int_eq(http_get(&b, xp, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "data-confirm=\"本次申报尚有"));
	ck_assert_ptr_nonnull(strstr(a.body, "action=\"/nianbao/add\""));
	answer_free(&a);
}
END_TEST

static Suite *
nianbao_http_suite(void)
{
	Suite	*s = suite_create("nianbao");
	TCase	*tc;

	tc = tcase_create("nianbao");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, nianbao_window_closed);
	tcase_add_test(tc, nianbao_single_refused);
	tcase_add_test(tc, nianbao_declaration_3000);
	tcase_add_test(tc, txgz_retirees_declared);
	tcase_add_test(tc, nianbao_blank_wages_skipped);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(nianbao_http_suite)
