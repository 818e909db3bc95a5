/*
 * test_ops.c: the hall under an operator's bad day, each on a private
 * hall of its own (tests/http/ophall.sh) beside the harness's:
 *
 *   fulldisk: the hall's var/ on a 30 MB ext4 image mounted here (root
 *   only; skipped with a message otherwise), written until full: no
 *   500, every acknowledged write kept, every refusal the hall's 503
 *   page; pages that only read answer for ten minutes of the hall's
 *   clock while full (the session's last_seen touch fails and is only
 *   logged); the checkpoint skips and health says how much to free;
 *   space freed, writes come back at once and stay back after the
 *   supervisor's next checkpoint; integrity_check and audit-verify.
 *
 *   drill: a backup taken while a unit writes, then hall-admin restore
 *   (refused while the hall runs): the task page, its attachment (the
 *   same bytes) and every write acknowledged before the backup began
 *   come back.
 *
 * The writes are 信息变更 of the unit's address (one change record
 * each), and an upload of a 退工 attachment while full and after:
 * nginx keeps request bodies in memory (hall.conf.in), so a full store
 * disk refuses an upload with the hall's 503, never nginx's 500.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../suites.h"
#include "client.h"

#define OK_JPG		"unit/fixtures/files/ok.jpg"
#define OP_MAX_WRITES	3000

/* The private hall. */
struct ophall {
	char	 dir[256];	/* DIR: var/, clock, start.log */
	char	 src[512];	/* the sources (HALL_TEST_SRC) */
	char	 bin[512];	/* the programs (hall-admin's folder) */
	char	 db[320];	/* DIR/var/hall.db */
	char	 url[64];
};

/* Runs a shell command made from fmt; returns its exit status (-1 when
 * it did not exit). */
static int
op_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
op_sh(const char *fmt, ...)
{
	char	 cmd[2048];
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Runs a shell command; returns its first output line (newly
 * allocated, "" when none) and its exit status in *rc. */
static char *
op_out(int *rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *
op_out(int *rc, const char *fmt, ...)
{
	char	 cmd[2048], *buf = NULL;
	size_t	 sz = 0;
	va_list	 ap;
	FILE	*p;
	int	 st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	if (getdelim(&buf, &sz, '\0', p) == -1) {
		free(buf);
		buf = strdup("");
	}
	st = pclose(p);
	*rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return buf;
}

/* Points the client (hall_url, db_query) at the private hall on port. */
static void
op_point(struct ophall *h, int port)
{
	ck_assert_int_gt(port, 0);
	snprintf(h->url, sizeof(h->url), "https://127.0.0.1:%d", port);
	setenv("HALL_TEST_URL", h->url, 1);
	setenv("HALL_TEST_DB", h->db, 1);
}

/* Takes down the private hall a failed test left (in the runner, after
 * each test case). */
static void
op_cleanup(void)
{
	char	 dir[64];

	snprintf(dir, sizeof(dir), "/tmp/hall-ops.%ld", (long)getpid());
	op_sh("sh %s/tests/http/ophall.sh down %s %s", getenv("HALL_TEST_SRC"),
	    dir, getenv("HALL_TEST_SRC"));
}

/* Makes and starts the private hall, its var/ on an image of mb
 * megabytes when mb > 0; clock at when (NULL: the real clock). */
static void
op_up(struct ophall *h, int mb, const char *when)
{
	char	 admin[512], mbs[12], *out;
	FILE	*f;
	int	 rc;

	memset(h, 0, sizeof(*h));
	/* Named after the runner (the parent of this test's process), so
	 * that its teardown finds it after a failed test. */
	snprintf(h->dir, sizeof(h->dir), "/tmp/hall-ops.%ld", (long)getppid());
	op_sh("sh %s/tests/http/ophall.sh down %s %s", getenv("HALL_TEST_SRC"),
	    h->dir, getenv("HALL_TEST_SRC"));
	ck_assert_int_eq(mkdir(h->dir, 0700), 0);
	snprintf(h->src, sizeof(h->src), "%s", getenv("HALL_TEST_SRC"));
	snprintf(admin, sizeof(admin), "%s", getenv("HALL_TEST_ADMIN"));
	snprintf(h->bin, sizeof(h->bin), "%s", dirname(admin));
	snprintf(h->db, sizeof(h->db), "%s/var/hall.db", h->dir);
	if (when != NULL) {
		char	 p[300];

		snprintf(p, sizeof(p), "%s/clock", h->dir);
		ck_assert_ptr_nonnull(f = fopen(p, "w"));
		fprintf(f, "%s\n", when);
		fclose(f);
	}
	snprintf(mbs, sizeof(mbs), "%d", mb);
	out = op_out(&rc, "sh %s/tests/http/ophall.sh up %s %s %s %s %s",
	    h->src, h->dir, h->src, h->bin, getenv("HALL_TEST_CERTS"),
	    mb > 0 ? mbs : "");
	ck_assert_msg(rc == 0, "ophall.sh up failed: %s", out);
	op_point(h, atoi(out));
	free(out);
}

/* Stops the private hall, unmounts and removes it. */
static void
op_down(struct ophall *h)
{
	op_sh("sh %s/tests/http/ophall.sh down %s %s", h->src, h->dir, h->src);
}

/* The hall time (UTC+8) of base + secs as "YYYY-MM-DD HH:MM:SS" into
 * buf[20]: the tests' clock starts at the real now (the client
 * certificates were issued today) and moves forward. */
static const char *
op_when(time_t base, long secs, char buf[20])
{
	time_t		 t = base + secs + 8 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

/* Sets the private hall's clock. */
static void
op_clock(struct ophall *h, const char *when)
{
	char	 p[300];
	FILE	*f;

	snprintf(p, sizeof(p), "%s/clock", h->dir);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fprintf(f, "%s\n", when);
	fclose(f);
}

/* The address of write n (unique, near the form's 100 characters). */
static void
op_addr(int n, char buf[400])
{
	snprintf(buf, 400, "满盘测试路%05d号一二三四五六七八九十一二三四五六七"
	    "八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	    "一二三四五六七八九十一二三四五六七八", n);
}

/* Changes the unit's address to that of write n as a browser does.
 * Returns the status; a holds the answer. */
static long
op_write(struct browser *b, int n, struct answer *a)
{
	char	 addr[400];

	op_addr(n, addr);
	return http_post_html(b, "/biangeng/unit", a, "contact", "张三",
	    "phone", "13800138000", "address", addr, NULL);
}

/* Whether a is the hall's own 503 page (Chinese, not nginx's). */
static int
op_is_hall_503(const struct answer *a)
{
	return a->status == 503 && a->body != NULL &&
	    strstr(a->body, "系统繁忙") != NULL &&
	    strstr(a->body, "<center>nginx") == NULL;
}

/* Whether the change record of write n is in the store. */
static int
op_kept(int n)
{
	char	 addr[400], q[600];

	op_addr(n, addr);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM change_records WHERE "
	    "new_value = '%s'", addr);
	return db_int(q) == 1;
}

/* Size of file path, -1 when absent. */
static long long
op_size(const char *path)
{
	struct stat	 sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* The store is sound: integrity_check and the audit chain. */
static void
op_sound(struct ophall *h)
{
	char	*v;

	v = db_query("PRAGMA integrity_check");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "ok");
	free(v);
	ck_assert_int_eq(op_sh("%s/hall-admin -d %s audit-verify >/dev/null",
	    h->bin, h->db), 0);
}

static long long op_task(struct browser *, const char *, const char *);

/* Uploads the JPG fixture as task id's 解除合同证明 copy, as a browser
 * does (the whole body through nginx, which keeps it in memory).
 * Returns the status; a holds the answer. */
static long
op_upload(struct browser *b, long long id, struct answer *a)
{
	struct part	 p[3];
	char		 ids[24];

	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "code";
	p[1].value = "jiechu_zhengming";
	p[2].name = "file";
	p[2].file = OK_JPG;
	p[2].filename = "解除证明.jpg";
	return http_post_multipart(b, "/tuigong/upload", 1, p, 3, a);
}

START_TEST(full_disk)
{
	struct ophall	 h;
	struct browser	 b;
	struct answer	 a;
	static char	 ack[OP_MAX_WRITES];
	char		 when[32], path[400], stamp0[64] = "", *v;
	const char	*reads[] = { "/home", "/biangeng/unit",
	    "/biangeng/records", "/tuigong" };
	long		 st;
	int		 n, i, m, refused = 0, run = 0, rc, acked = 0;
	int		 up_refused = 0;
	long long	 task;
	char		 pid[24], idno[19];
	FILE		*f;
	time_t		 base = time(NULL);

	if (geteuid() != 0) {
		fprintf(stderr, "fulldisk: skipped: mounting a small ext4 "
		    "image needs root\n");
		return;
	}
	op_up(&h, 30, op_when(base, 0, when));
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(make_insured("demo-a", "满盘员工", pid, idno), 0);
	task = op_task(&b, idno, "满盘员工");

	/* Leave about 1.5 MB: 8 MB to free later, the rest filled. */
	ck_assert_int_eq(op_sh("cd %s/var && dd if=/dev/zero of=ballast-free "
	    "bs=1M count=8 status=none && { dd if=/dev/zero of=ballast-fill "
	    "bs=64K status=none 2>/dev/null; true; } && truncate -s -1536K "
	    "ballast-fill && sync", h.dir), 0);

	/* Writes until the disk is full: each acknowledged (200) or the
	 * hall's 503, nothing else. */
	for (n = 0; n < OP_MAX_WRITES && run < 15; n++) {
		st = op_write(&b, n, &a);
		ck_assert_msg(st == 200 || op_is_hall_503(&a),
		    "write %d answered %ld: %.300s", n, st,
		    a.body != NULL ? a.body : "");
		ack[n] = st == 200;
		acked += ack[n];
		if (st == 503) {
			refused++;
			run++;
		} else
			run = 0;
		answer_free(&a);
	}
	ck_assert_msg(refused > 0, "the disk never filled (%d writes)", n);
	ck_assert_int_gt(acked, 10);

	/* Full: the checkpoint skips and says how much to free; health is
	 * critical on the disk and prints the same. */
	v = op_out(&rc, "%s/hall-admin -d %s checkpoint 2>&1", h.bin, h.db);
	ck_assert_msg(rc == 1 && strstr(v, "检查点已跳过") != NULL &&
	    strstr(v, "请至少释放") != NULL, "checkpoint said (%d): %s", rc, v);
	free(v);
	v = op_out(&rc, "%s/hall-admin -d %s health --run %s/var/run "
	    "--disk-warn 1 --disk-crit 0 2>&1 | grep '^CRITICAL disk'; exit "
	    "$(%s/hall-admin -d %s health --run %s/var/run >/dev/null 2>&1; "
	    "echo $?)", h.bin, h.db, h.dir, h.bin, h.db, h.dir);
	ck_assert_msg(rc == 2 && strstr(v, "请至少释放") != NULL,
	    "health said (%d): %s", rc, v);
	free(v);

	/* Ten minutes of the hall's clock while full: pages that only
	 * read answer (their session's last_seen cannot be written). */
	for (m = 1; m <= 10; m++) {
		op_clock(&h, op_when(base, m * 60 + 30, when));
		for (i = 0; i < (int)(sizeof(reads) / sizeof(reads[0])); i++) {
			st = http_get(&b, reads[i], 0, &a);
			ck_assert_msg(st == 200, "GET %s at %s: %ld", reads[i],
			    when, st);
			answer_free(&a);
		}
		/* Still full: an upload (its 6 MB body never buffered on
		 * the full disk) and a write are refused with the hall's
		 * page, never nginx's 500. */
		if (m == 5) {
			st = op_upload(&b, task, &a);
			ck_assert_msg(st == 303 || op_is_hall_503(&a),
			    "upload while full: %ld: %.300s", st,
			    a.body != NULL ? a.body : "");
			up_refused += st == 503;
			answer_free(&a);
			st = op_write(&b, n, &a);
			ck_assert_msg(st == 200 || op_is_hall_503(&a),
			    "write while full: %ld", st);
			ack[n] = st == 200;
			acked += ack[n];
			n++;
			answer_free(&a);
		}
	}

	/* The supervisor's own checkpoint skips too, and says so where the
	 * full disk cannot swallow it: run.sh start's stderr (here
	 * DIR/start.log, off the image; make run's terminal). */
	snprintf(path, sizeof(path), "grep -q '检查点已跳过' %s/start.log",
	    h.dir);
	for (i = 0; i < 80 && op_sh("%s", path) != 0; i++)
		sleep(1);
	ck_assert_msg(i < 80, "no skipped checkpoint reported in start.log");
	fprintf(stderr, "fulldisk: %d writes until full: %d acknowledged, "
	    "%d refused with the hall's 503; the upload while full %s\n", n,
	    acked, refused, up_refused ? "refused with the hall's 503" :
	    "fitted");

	/* Space freed: writes come back at once. */
	snprintf(path, sizeof(path), "%s/var/ballast-free", h.dir);
	ck_assert_int_eq(unlink(path), 0);
	op_clock(&h, op_when(base, 11 * 60, when));
	for (i = 0; i < 5; i++, n++) {
		st = op_write(&b, n, &a);
		ck_assert_msg(st == 200, "write %d after freeing: %ld", n, st);
		ack[n] = 1;
		answer_free(&a);
	}
	st = op_upload(&b, task, &a);
	ck_assert_msg(st == 303, "upload after freeing: %ld", st);
	answer_free(&a);
	/* ... and stay back after the supervisor's next checkpoint, which
	 * now has room (its stamp moves; the WAL is emptied). */
	snprintf(path, sizeof(path), "%s-checkpoint", h.db);
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(stamp0, sizeof(stamp0), f) == NULL)
			stamp0[0] = '\0';
		fclose(f);
	}
	for (i = 0; i < 150; i++) {
		char	 s[64] = "";

		if ((f = fopen(path, "r")) != NULL) {
			if (fgets(s, sizeof(s), f) == NULL)
				s[0] = '\0';
			fclose(f);
		}
		if (s[0] != '\0' && strcmp(s, stamp0) != 0)
			break;
		sleep(1);
	}
	if (i == 150) {
		v = op_out(&rc, "cd %s/var && { tail -n 5 log/supervisor.log; "
		    "ls -l; df -k .; cat %s/start.log | tail -n 5; } 2>&1 | "
		    "tr '\\n' '~'", h.dir, h.dir);
		ck_abort_msg("no checkpoint within 150 s after freeing space: %s",
		    v);
	}
	snprintf(path, sizeof(path), "%s-wal", h.db);
	ck_assert_int_lt(op_size(path), 1024 * 1024);
	for (i = 0; i < 30; i++, n++) {
		st = op_write(&b, n, &a);
		ck_assert_msg(st == 200, "write %d after the checkpoint: %ld",
		    n, st);
		ack[n] = 1;
		answer_free(&a);
	}
	v = op_out(&rc, "%s/hall-admin -d %s health --run %s/var/run "
	    "--disk-warn 1 --disk-crit 0 --backup-warn 100000 --backup-crit "
	    "100000 2>&1 | grep -E '^[A-Z]+ (disk|checkpoint|workers)'", h.bin,
	    h.db, h.dir);
	ck_assert_msg(strstr(v, "OK disk") != NULL &&
	    strstr(v, "OK checkpoint") != NULL &&
	    strstr(v, "OK workers") != NULL, "health after: %s", v);
	free(v);

	/* Nothing acknowledged was lost; the store is sound. */
	for (i = 0; i < n; i++)
		if (ack[i])
			ck_assert_msg(op_kept(i), "acknowledged write %d lost", i);
	op_sound(&h);
	op_down(&h);
}
END_TEST

/* Saves a 退工 draft for the person of idno (made by make_insured) and
 * uploads the JPG fixture as its 身份证 copy.  Returns the task id. */
static long long
op_task(struct browser *b, const char *idno, const char *name)
{
	struct answer	 a;
	char		 tok[40], today[11], ids[24], q[256], *v;
	struct part	 p[3];
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;
	long long	 id;

	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	ck_assert_int_eq(http_get(b, "/tuigong", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	snprintf(q, sizeof(q), "T-%s", idno);
	{
		char	 sex[4], birth[11];

		snprintf(sex, sizeof(sex), "%s", (idno[16] - '0') % 2 ?
		    "男" : "女");
		snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", idno + 6,
		    idno + 10, idno + 12);
		ck_assert_int_eq(http_post(b, "/tuigong/save", 1, &a, "token",
		    tok, "id", "", "name", name, "sfzh", idno, "sex", sex,
		    "birth", birth, "hukou_type", "城镇", "phone",
		    "13800138000", "reason", "协商一致解除", "end_date", today,
		    "contract_no", q, "contract_start", "2020-01-01",
		    "contract_end", "", "open_ended", "1", "post", "会计",
		    "remark", "", "handler_name", "演练经办", "handler_title",
		    "人事", "handler_phone", "027-87654321", NULL), 303);
	}
	ck_assert_ptr_nonnull(strstr(a.location, "id="));
	id = atoll(strstr(a.location, "id=") + 3);
	answer_free(&a);
	ck_assert_int_gt(id, 0);
	snprintf(ids, sizeof(ids), "%lld", id);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = ids;
	p[1].name = "code";
	p[1].value = "sfz_copy";
	p[2].name = "file";
	p[2].file = OK_JPG;
	p[2].filename = "身份证.jpg";
	ck_assert_int_eq(http_post_multipart(b, "/tuigong/upload", 1, p, 3,
	    &a), 303);
	answer_free(&a);
	return id;
}

/* Reads file path whole into *sz bytes (caller frees). */
static char *
op_slurp(const char *path, size_t *sz)
{
	FILE	*f;
	char	*buf;
	long	 n;

	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	ck_assert_ptr_nonnull(buf = malloc((size_t)n + 1));
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*sz = (size_t)n;
	return buf;
}

/* The task page and its attachment answer as they did: the person's
 * name on the page, the same bytes as the uploaded file. */
static void
op_task_back(struct browser *b, long long id, const char *name)
{
	struct answer	 a;
	char		 path[128], *aid, *want;
	size_t		 wantsz;

	snprintf(path, sizeof(path), "/tuigong?id=%lld", id);
	ck_assert_int_eq(http_get(b, path, 1, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, name));
	answer_free(&a);
	snprintf(path, sizeof(path), "SELECT MAX(id) FROM attachments WHERE "
	    "task_id = %lld", id);
	aid = db_query(path);
	ck_assert_ptr_nonnull(aid);
	ck_assert_str_ne(aid, "");
	snprintf(path, sizeof(path), "/tuigong/attachment?id=%s", aid);
	free(aid);
	ck_assert_int_eq(http_get(b, path, 0, &a), 200);
	want = op_slurp(OK_JPG, &wantsz);
	ck_assert_uint_eq(a.bodysz, wantsz);
	ck_assert(memcmp(a.body, want, wantsz) == 0);
	free(want);
	answer_free(&a);
}

START_TEST(backup_restore_drill)
{
	struct ophall	 h;
	struct browser	 b;
	struct answer	 a;
	char		 pid[24], idno[19], bk[400], acks[400], *v;
	long long	 task;
	int		 rc, n, before = 0, x;
	pid_t		 w;
	FILE		*f;

	op_up(&h, 0, NULL);
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	ck_assert_int_eq(make_insured("demo-a", "演练员工", pid, idno), 0);
	task = op_task(&b, idno, "演练员工");
	op_task_back(&b, task, "演练员工");

	/* A unit keeps writing while the backup runs; the writer notes
	 * each acknowledged write in a file. */
	snprintf(acks, sizeof(acks), "%s/acks", h.dir);
	w = fork();
	ck_assert_int_ge(w, 0);
	if (w == 0) {
		FILE	*o = fopen(acks, "w");
		time_t	 end = time(NULL) + 4;

		for (n = 0; o != NULL && time(NULL) < end; n++) {
			if (op_write(&b, n, &a) == 200) {
				fprintf(o, "%d\n", n);
				fflush(o);
			}
			answer_free(&a);
		}
		_exit(o == NULL);
	}
	sleep(1);
	/* Writes acknowledged before the backup began must be in it. */
	if ((f = fopen(acks, "r")) != NULL) {
		while (fscanf(f, "%d", &x) == 1)
			before++;
		fclose(f);
	}
	snprintf(bk, sizeof(bk), "%s/backup.db", h.dir);
	ck_assert_int_eq(op_sh("%s/hall-admin -d %s backup %s >/dev/null",
	    h.bin, h.db, bk), 0);
	ck_assert_int_eq(waitpid(w, &rc, 0), w);
	ck_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
	ck_assert_int_gt(before, 0);
	/* The live store moves on after the backup. */
	ck_assert_int_eq(op_write(&b, 9999, &a), 200);
	answer_free(&a);

	/* While the hall runs, restore refuses and replaces nothing. */
	v = op_out(&rc, "%s/hall-admin -d %s restore %s 2>&1", h.bin, h.db,
	    bk);
	ck_assert_msg(rc == 1 && strstr(v, "网厅在运行") != NULL,
	    "restore while running (%d): %s", rc, v);
	free(v);
	ck_assert(op_kept(9999));

	/* Stopped: restored, the head printed, the old store kept aside. */
	ck_assert_int_eq(op_sh("sh %s/tests/http/ophall.sh stop %s %s", h.src,
	    h.dir, h.src), 0);
	v = op_out(&rc, "%s/hall-admin -d %s restore %s 2>&1", h.bin, h.db,
	    bk);
	ck_assert_msg(rc == 0 && strstr(v, "恢复的审计链头: 第 ") != NULL &&
	    strstr(v, "保留为") != NULL, "restore (%d): %s", rc, v);
	free(v);
	ck_assert_int_eq(op_sh("ls %s/var/hall.db.replaced-* >/dev/null",
	    h.dir), 0);
	v = op_out(&rc, "sh %s/tests/http/ophall.sh start %s %s %s", h.src,
	    h.dir, h.src, h.bin);
	ck_assert_msg(rc == 0, "restart: %s", v);
	op_point(&h, atoi(v));
	free(v);

	/* Every page and attachment back, and the writes made before the
	 * backup; the one after it is not (it lives in the kept store). */
	browser_init(&b, "unit-a");
	ck_assert_int_eq(login(&b, "demo-a"), 0);
	op_task_back(&b, task, "演练员工");
	ck_assert_ptr_nonnull(f = fopen(acks, "r"));
	for (n = 0; n < before && fscanf(f, "%d", &x) == 1; n++)
		ck_assert_msg(op_kept(x), "write %d, acknowledged before the "
		    "backup, not restored", x);
	fclose(f);
	ck_assert(!op_kept(9999));
	ck_assert_int_eq(http_get(&b, "/biangeng/records", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "满盘测试路"));
	answer_free(&a);
	ck_assert_int_eq(db_int("SELECT COUNT(*) FROM audit WHERE action = "
	    "'admin.restore'"), 1);
	op_sound(&h);
	op_down(&h);
}
END_TEST

static Suite *
ops_http_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("ops");
	/* A full disk under the SQLite file and its restore drill: on
	 * PostgreSQL (make test-pg) the server's, not the hall's. */
	if (getenv("HALL_TEST_PG") != NULL && getenv("HALL_TEST_PG")[0] != '\0')
		return s;
	tc = tcase_create("fulldisk");
	tcase_set_timeout(tc, 600);
	tcase_add_unchecked_fixture(tc, NULL, op_cleanup);
	tcase_add_test(tc, full_disk);
	suite_add_tcase(s, tc);
	tc = tcase_create("drill");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, NULL, op_cleanup);
	tcase_add_test(tc, backup_restore_drill);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(ops_http_suite)
