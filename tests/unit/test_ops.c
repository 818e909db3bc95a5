/*
 * test_ops.c: hall-admin's health check and restore (admin/ops.c):
 * each health check crosses its thresholds (disk, WAL, checkpoint age,
 * backup age, workers, the audit head, certificates and CRL), and
 * restore brings a good backup back with the replaced database kept
 * aside, refuses a corrupted or tampered one with nothing replaced, and
 * refuses while another process has the database open.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "audit.h"
#include "clock.h"
#include "store.h"
#include "../../admin/ops.h"
#include "../suites.h"
#include "helpers.h"

#define TO_WHEN	"2026-06-15 10:00:00"

static struct th_db	 t_db;

/* Removes every file of the test folder, then the fixture. */
static void
to_teardown(void)
{
	DIR		*d;
	struct dirent	*e;
	char		 p[600];

	store_close(t_db.s);
	t_db.s = NULL;
	if ((d = opendir(t_db.dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", t_db.dir, e->d_name);
			if (strcmp(e->d_name, "clock") != 0)
				unlink(p);
		}
		closedir(d);
	}
	th_db_close(&t_db);
}

/* A fresh store at TO_WHEN. */
static void
to_setup(void)
{
	th_db_open(&t_db);
	th_clock_set(&t_db, TO_WHEN);
}

/* A path in the test folder into buf[600]. */
static const char *
to_path(char buf[600], const char *name)
{
	snprintf(buf, 600, "%s/%s", t_db.dir, name);
	return buf;
}

/* Runs health with o; returns the exit state and copies the output
 * into out[8192]. */
static int
to_health(const struct ops_health_opts *o, char out[8192])
{
	char	*buf = NULL;
	size_t	 sz = 0;
	FILE	*f;
	int	 st;

	f = open_memstream(&buf, &sz);
	ck_assert_ptr_nonnull(f);
	st = ops_health(t_db.s, o, f);
	fclose(f);
	snprintf(out, 8192, "%s", buf);
	free(buf);
	return st;
}

/* The state word of check name's (first) line in out: "OK", "WARNING",
 * "CRITICAL", or "" when absent; copied into st[16]. */
static const char *
to_state(const char *out, const char *name, char st[16])
{
	char		 pat[64];
	const char	*p, *line;

	st[0] = '\0';
	snprintf(pat, sizeof(pat), " %s: ", name);
	if ((p = strstr(out, pat)) == NULL)
		return st;
	for (line = p; line > out && line[-1] != '\n'; line--)
		;
	snprintf(st, 16, "%.*s", (int)(p - line), line);
	return st;
}

#define ck_state(out, name, want) do {					\
	char _st[16];							\
	ck_assert_msg(strcmp(to_state((out), (name), _st), (want)) == 0,\
	    "%s: got '%s', want '%s' in:\n%s", (name), _st, (want), (out)); \
} while (0)

/* Options that pass every check but the ones a test sets. */
static void
to_opts(struct ops_health_opts *o)
{
	ops_health_defaults(o, t_db.path);
	o->disk_warn = 1;
	o->disk_crit = 1;
}

/* An audit row admin.backup at the hall's now minus ago seconds,
 * naming file path. */
static void
to_backup_row(const char *path, time_t at)
{
	static const struct actor who = { 0, 0, "hall-admin", "" };

	ck_assert_int_eq(store_begin(t_db.s), 0);
	ck_assert_int_eq(audit_append_at(t_db.s, &who, at, "admin.backup",
	    "store", path), 0);
	ck_assert_int_eq(store_commit(t_db.s), 0);
}

/* Writes a self-signed certificate valid from now+from_days to
 * now+to_days (days, may be negative) to path, or a CRL whose
 * nextUpdate is now+to_days when crl. */
static void
to_pem(const char *path, int from_days, int to_days, int crl)
{
	EVP_PKEY	*k;
	X509		*x;
	X509_CRL	*c;
	X509_NAME	*n;
	ASN1_TIME	*t;
	FILE		*f;

	k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ck_assert_ptr_nonnull(k);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	n = X509_NAME_new();
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)"test", -1, -1, 0);
	if (crl) {
		c = X509_CRL_new();
		X509_CRL_set_version(c, 1);
		X509_CRL_set_issuer_name(c, n);
		t = X509_gmtime_adj(NULL, (long)from_days * 86400);
		X509_CRL_set1_lastUpdate(c, t);
		ASN1_TIME_free(t);
		t = X509_gmtime_adj(NULL, (long)to_days * 86400);
		X509_CRL_set1_nextUpdate(c, t);
		ASN1_TIME_free(t);
		ck_assert_int_gt(X509_CRL_sign(c, k, EVP_sha256()), 0);
		ck_assert_int_eq(PEM_write_X509_CRL(f, c), 1);
		X509_CRL_free(c);
	} else {
		x = X509_new();
		X509_set_version(x, 2);
		ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
		X509_set_subject_name(x, n);
		X509_set_issuer_name(x, n);
		X509_gmtime_adj(X509_getm_notBefore(x), (long)from_days * 86400);
		X509_gmtime_adj(X509_getm_notAfter(x), (long)to_days * 86400);
		X509_set_pubkey(x, k);
		ck_assert_int_gt(X509_sign(x, k, EVP_sha256()), 0);
		ck_assert_int_eq(PEM_write_X509(f, x), 1);
		X509_free(x);
	}
	X509_NAME_free(n);
	EVP_PKEY_free(k);
	fclose(f);
}

/* ---- health ---- */

/* Free space below the warning, then the critical threshold. */
START_TEST(health_disk)
{
	struct ops_health_opts	 o;
	char			 out[8192];

	to_opts(&o);
	to_health(&o, out);
	ck_state(out, "disk", "OK");
	o.disk_warn = INT64_MAX;
	ck_assert_int_eq(to_health(&o, out), OPS_WARNING);
	ck_state(out, "disk", "WARNING");
	o.disk_crit = INT64_MAX;
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_state(out, "disk", "CRITICAL");
	/* The figures a monitor graphs. */
	ck_assert_ptr_nonnull(strstr(out, "avail="));
}
END_TEST

/* A WAL above the warning, then the critical size. */
START_TEST(health_wal)
{
	struct ops_health_opts	 o;
	char			 out[8192];
	int			 i;

	store_close(t_db.s);
	t_db.s = store_open(t_db.path, STORE_NOCHECKPOINT);
	ck_assert_ptr_nonnull(t_db.s);
	for (i = 0; i < 50; i++)
		th_unit(t_db.s, "单位", 0);
	to_opts(&o);
	ck_assert_int_eq(to_health(&o, out) >= OPS_OK, 1);
	ck_state(out, "wal", "OK");
	o.wal_warn = 1000;
	to_health(&o, out);
	ck_state(out, "wal", "WARNING");
	o.wal_crit = 2000;
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_state(out, "wal", "CRITICAL");
	/* Checkpointed: the WAL is empty and the stamp is written. */
	ck_assert_int_eq(store_checkpoint(t_db.s), 0);
	ck_assert_int_eq(ops_ckpt_stamp(t_db.path, clock_now()), 0);
	to_health(&o, out);
	ck_state(out, "wal", "OK");
}
END_TEST

/* No checkpoint recorded, a recent one, one past the warning and one
 * past the critical age; the stamp is rewritten in place. */
START_TEST(health_checkpoint)
{
	struct ops_health_opts	 o;
	char			 out[8192], p[600];
	struct stat		 sb;
	time_t			 t;

	to_opts(&o);
	to_health(&o, out);
	ck_state(out, "checkpoint", "WARNING");
	ck_assert_int_eq(ops_ckpt_stamp_read(t_db.path, &t), 1);
	ck_assert_int_eq(ops_ckpt_stamp(t_db.path, clock_now() - 60), 0);
	to_health(&o, out);
	ck_state(out, "checkpoint", "OK");
	ck_assert_int_eq(ops_ckpt_stamp(t_db.path, clock_now() - 6 * 60), 0);
	ck_assert_int_eq(to_health(&o, out), OPS_WARNING);
	ck_state(out, "checkpoint", "WARNING");
	ck_assert_int_eq(ops_ckpt_stamp(t_db.path, clock_now() - 16 * 60), 0);
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_state(out, "checkpoint", "CRITICAL");
	ck_assert_int_eq(ops_ckpt_stamp_read(t_db.path, &t), 0);
	ck_assert_int_eq(t, clock_now() - 16 * 60);
	ck_assert_int_eq(stat(to_path(p, "hall.db-checkpoint"), &sb), 0);
	ck_assert_int_eq(sb.st_size, 21);
	/* Thresholds given in minutes. */
	o.ckpt_crit = 20 * 60;
	to_health(&o, out);
	ck_state(out, "checkpoint", "WARNING");
}
END_TEST

/* No backup, a fresh one, one past the warning and one past the
 * critical age; a recorded backup whose file is gone warns. */
START_TEST(health_backup)
{
	struct ops_health_opts	 o;
	char			 out[8192], p[600];
	FILE			*f;

	to_opts(&o);
	to_health(&o, out);
	ck_state(out, "backup", "WARNING");
	f = fopen(to_path(p, "b.db"), "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	to_backup_row(p, clock_now() - 3600);
	to_health(&o, out);
	ck_state(out, "backup", "OK");
	ck_assert_ptr_nonnull(strstr(out, p));
	to_backup_row(p, clock_now() - 27 * 3600);
	ck_assert_int_eq(to_health(&o, out), OPS_WARNING);
	ck_state(out, "backup", "WARNING");
	to_backup_row(p, clock_now() - 51 * 3600);
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_state(out, "backup", "CRITICAL");
	to_backup_row(to_path(p, "gone.db"), clock_now());
	to_health(&o, out);
	ck_state(out, "backup", "WARNING");
}
END_TEST

/* Writes pid into run/name. */
static void
to_pidfile(const char *dir, const char *name, long pid)
{
	char	 p[700];
	FILE	*f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "%ld\n", pid);
	fclose(f);
}

/* A pid that names no live process: a child that has exited and been
 * reaped. */
static long
to_dead_pid(void)
{
	pid_t	 p = fork();

	ck_assert_int_ge(p, 0);
	if (p == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(p, NULL, 0), p);
	return (long)p;
}

/* Workers from a run folder: all alive, one of two dead (warning), a
 * program without a live worker (critical); nginx and the supervisor
 * are not workers.  And by program name in /proc. */
START_TEST(health_workers)
{
	struct ops_health_opts	 o;
	char			 out[8192], run[600];

	to_opts(&o);
	to_health(&o, out);
	ck_state(out, "workers", "OK");		/* not asked */
	ck_assert_int_eq(mkdir(to_path(run, "run"), 0700), 0);
	o.run = run;
	to_pidfile(run, "home.pid", (long)getpid());
	to_pidfile(run, "login.pid", (long)getpid());
	to_pidfile(run, "nginx.pid", to_dead_pid());
	to_pidfile(run, "supervisor.pid", to_dead_pid());
	ck_assert_int_eq(to_health(&o, out) <= OPS_WARNING, 1);
	ck_state(out, "workers", "OK");
	ck_assert_ptr_nonnull(strstr(out, "home 1/1"));
	ck_assert_ptr_null(strstr(out, "nginx"));
	to_pidfile(run, "home.2.pid", to_dead_pid());
	to_health(&o, out);
	ck_state(out, "workers", "WARNING");
	ck_assert_ptr_nonnull(strstr(out, "home 1/2"));
	to_pidfile(run, "login.pid", to_dead_pid());
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_state(out, "workers", "CRITICAL");
	ck_assert_ptr_nonnull(strstr(out, "login 0/1"));
	/* By name: this test runner is alive, a made-up program is not. */
	o.run = NULL;
	o.programs = "unit-tests";
	to_health(&o, out);
	ck_state(out, "workers", "OK");
	o.programs = "unit-tests,no-such-program";
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_state(out, "workers", "CRITICAL");
}
END_TEST

/* The audit head is printed; a head that does not link to the row
 * before it is critical. */
START_TEST(health_audit)
{
	static const struct actor who = { 0, 0, "hall-admin", "" };
	struct ops_health_opts	 o;
	char			 out[8192], *h;
	struct store_stmt	*st;

	to_opts(&o);
	ck_assert_int_eq(store_begin(t_db.s), 0);
	ck_assert_int_eq(audit_append(t_db.s, &who, "a", "b", "c"), 0);
	ck_assert_int_eq(audit_append(t_db.s, &who, "a", "b", "d"), 0);
	ck_assert_int_eq(store_commit(t_db.s), 0);
	to_health(&o, out);
	ck_state(out, "audit", "OK");
	st = store_stmt(t_db.s, "SELECT hash FROM audit ORDER BY id DESC");
	ck_assert_int_eq(store_step(st), STORE_ROW);
	h = strdup(store_col_text(st, 0));
	store_reset(st);
	ck_assert_ptr_nonnull(strstr(out, h));
	free(h);
	ck_assert_int_eq(store_exec_sql(t_db.s, "DROP TRIGGER audit_no_update"),
	    0);
	ck_assert_int_eq(store_exec_sql(t_db.s, "UPDATE audit SET prev_hash = "
	    "'00' WHERE id = (SELECT max(id) FROM audit)"), 0);
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_state(out, "audit", "CRITICAL");
}
END_TEST

/* Certificates and a CRL: far off, within 30 days, expired,
 * unreadable. */
START_TEST(health_certs)
{
	struct ops_health_opts	 o;
	char			 out[8192], a[600], b[600], c[600], d[600];

	to_opts(&o);
	to_pem(to_path(a, "far.crt"), -1, 365, 0);
	to_pem(to_path(b, "crl.pem"), -1, 365, 1);
	o.certs[o.ncerts++] = a;
	o.certs[o.ncerts++] = b;
	to_health(&o, out);
	ck_state(out, "certs", "OK");
	ck_assert_ptr_null(strstr(out, "WARNING certs"));
	to_pem(to_path(c, "soon.crt"), -1, 10, 0);
	o.certs[o.ncerts++] = c;
	to_health(&o, out);
	ck_assert_ptr_nonnull(strstr(out, "WARNING certs: "));
	ck_assert_ptr_null(strstr(out, "CRITICAL certs"));
	o.cert_days = 5;
	to_health(&o, out);
	ck_assert_ptr_null(strstr(out, "WARNING certs"));
	/* A CRL past its nextUpdate: nginx would refuse every client. */
	to_pem(b, -10, -1, 1);
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_assert_ptr_nonnull(strstr(out, "CRITICAL certs: "));
	ck_assert_ptr_nonnull(strstr(out, "crl.pem CRL"));
	to_pem(b, -1, 365, 1);
	to_pem(c, -10, -1, 0);
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	to_pem(c, -1, 365, 0);
	o.certs[o.ncerts++] = to_path(d, "missing.crt");
	ck_assert_int_eq(to_health(&o, out), OPS_CRITICAL);
	ck_assert_ptr_nonnull(strstr(out, "missing.crt"));
}
END_TEST

/* Everything fine: exit 0 and one line per check. */
START_TEST(health_all_ok)
{
	struct ops_health_opts	 o;
	char			 out[8192], p[600], run[600];
	const char		*l;
	int			 n = 0;
	FILE			*f;

	to_opts(&o);
	ck_assert_int_eq(ops_ckpt_stamp(t_db.path, clock_now()), 0);
	f = fopen(to_path(p, "b.db"), "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	to_backup_row(p, clock_now());
	ck_assert_int_eq(mkdir(to_path(run, "run"), 0700), 0);
	to_pidfile(run, "home.pid", (long)getpid());
	o.run = run;
	to_pem(to_path(p, "ca.crt"), -1, 3650, 0);
	o.certs[o.ncerts++] = p;
	ck_assert_int_eq(to_health(&o, out), OPS_OK);
	for (l = out; *l != '\0'; l++)
		n += *l == '\n';
	ck_assert_int_eq(n, 7);
	ck_assert_ptr_null(strstr(out, "WARNING"));
	ck_assert_ptr_null(strstr(out, "CRITICAL"));
}
END_TEST

/* ---- restore ---- */

/* The number of files in the test folder whose name starts with pre. */
static int
to_files(const char *pre)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	d = opendir(t_db.dir);
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, pre, strlen(pre)) == 0;
	closedir(d);
	return n;
}

/* The store's units (a changed store has more). */
static int64_t
to_units(struct store *s)
{
	return th_count(s, "SELECT COUNT(*) FROM units");
}

/* Two units and an attachment-sized blob in a backup; then a third
 * unit written after it.  Leaves the store closed (the hall
 * stopped). */
static void
to_backup_then_change(char bk[600])
{
	static const struct actor who = { 0, 0, "hall-admin", "" };

	th_unit(t_db.s, "备份前一", 0);
	th_unit(t_db.s, "备份前二", 1);
	ck_assert_int_eq(store_begin(t_db.s), 0);
	ck_assert_int_eq(audit_append(t_db.s, &who, "admin.backup", "store",
	    to_path(bk, "b.db")), 0);
	ck_assert_int_eq(store_commit(t_db.s), 0);
	ck_assert_int_eq(store_backup(t_db.s, bk), 0);
	th_unit(t_db.s, "备份后", 0);
	ck_assert_int_eq(to_units(t_db.s), 3);
	store_close(t_db.s);
	t_db.s = NULL;
}

/* Runs ops_restore; returns its result, output and errors in out/err. */
static int
to_restore(const char *bk, char out[4096], char err[4096])
{
	char	*ob = NULL, *eb = NULL;
	size_t	 os = 0, es = 0;
	FILE	*fo, *fe;
	int	 rc;

	fo = open_memstream(&ob, &os);
	fe = open_memstream(&eb, &es);
	rc = ops_restore(t_db.path, bk, fo, fe);
	fclose(fo);
	fclose(fe);
	snprintf(out, 4096, "%s", ob);
	snprintf(err, 4096, "%s", eb);
	free(ob);
	free(eb);
	return rc;
}

/* A good backup comes back: its rows, not the later ones; the replaced
 * database is kept aside whole (with what its WAL held); the restore
 * is audited and the chain verifies; the head is printed. */
START_TEST(restore_good)
{
	char		 bk[600], out[4096], err[4096];
	struct store	*s;
	int64_t		 bad;

	to_backup_then_change(bk);
	ck_assert_int_eq(to_restore(bk, out, err), 0);
	ck_assert_msg(strstr(out, "恢复的审计链头: 第 ") != NULL, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "保留为"));
	t_db.s = store_open(t_db.path, STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(t_db.s);
	ck_assert_int_eq(to_units(t_db.s), 2);
	ck_assert_int_ge(audit_verify(t_db.s, &bad), 1);
	ck_assert_int_eq(th_count(t_db.s, "SELECT COUNT(*) FROM audit WHERE "
	    "action = 'admin.restore' AND id = (SELECT max(id) FROM audit)"),
	    1);
	ck_assert_int_eq(to_files("hall.db.replaced-"), 1);
	ck_assert_int_eq(to_files("hall.db.restoring"), 0);
	/* The replaced database, opened where it was kept, has all three. */
	{
		DIR		*d = opendir(t_db.dir);
		struct dirent	*e;
		char		 p[600] = "";

		while ((e = readdir(d)) != NULL)
			if (strncmp(e->d_name, "hall.db.replaced-", 17) == 0 &&
			    strchr(e->d_name + 17, '-') == strrchr(e->d_name +
			    17, '-') && strstr(e->d_name, "-wal") == NULL &&
			    strstr(e->d_name, "-shm") == NULL)
				to_path(p, e->d_name);
		closedir(d);
		ck_assert(p[0] != '\0');
		s = store_open(p, STORE_NOMIGRATE);
		ck_assert_ptr_nonnull(s);
		ck_assert_int_eq(to_units(s), 3);
		store_close(s);
	}
	/* The backup itself is left as it was: restorable again. */
	ck_assert_int_eq(to_files("b.db-wal"), 0);
}
END_TEST

/* Overwrites n bytes at offset off of path with 0x5a. */
static void
to_damage(const char *path, off_t off, size_t n)
{
	char	 junk[4096];
	int	 fd;

	memset(junk, 0x5a, sizeof(junk));
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, junk, n, off), (ssize_t)n);
	close(fd);
}

/* Checks that the live database was left alone: three units, no file
 * kept aside, no temporary copy. */
static void
to_untouched(void)
{
	t_db.s = store_open(t_db.path, STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(t_db.s);
	ck_assert_int_eq(to_units(t_db.s), 3);
	ck_assert_int_eq(to_files("hall.db.replaced-"), 0);
	ck_assert_int_eq(to_files("hall.db.restoring"), 0);
}

/* A backup with damaged pages is refused and nothing replaced. */
START_TEST(restore_corrupted)
{
	char		 bk[600], out[4096], err[4096];
	struct stat	 sb;

	to_backup_then_change(bk);
	ck_assert_int_eq(stat(bk, &sb), 0);
	/* Every page but the first (the header and schema). */
	to_damage(bk, 4096 * 2, 4096);
	to_damage(bk, sb.st_size - 4096, 4096);
	ck_assert_int_eq(to_restore(bk, out, err), 1);
	ck_assert_msg(strstr(err, "未做任何替换") != NULL, "%s", err);
	ck_assert_str_eq(out, "");
	to_untouched();
}
END_TEST

/* A backup whose audit chain was rewritten is refused. */
START_TEST(restore_tampered)
{
	char		 bk[600], out[4096], err[4096];
	struct store	*s;

	to_backup_then_change(bk);
	s = store_open(bk, STORE_NOMIGRATE);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(store_exec_sql(s, "DROP TRIGGER audit_no_update"), 0);
	ck_assert_int_eq(store_exec_sql(s, "UPDATE audit SET detail = 'x' "
	    "WHERE id = 1"), 0);
	store_close(s);
	ck_assert_int_eq(to_restore(bk, out, err), 1);
	ck_assert_msg(strstr(err, "审计链") != NULL, "%s", err);
	to_untouched();
	/* Not a database at all. */
	to_damage(bk, 0, 100);
	ck_assert_int_eq(to_restore(bk, out, err), 1);
	store_close(t_db.s);
	t_db.s = NULL;
	to_untouched();
}
END_TEST

/* While another process holds the database open (a running hall),
 * restore refuses and names it. */
START_TEST(restore_running)
{
	char		 bk[600], out[4096], err[4096], c;
	int		 pfd[2];
	pid_t		 p;

	to_backup_then_change(bk);
	ck_assert_int_eq(pipe(pfd), 0);
	p = fork();
	ck_assert_int_ge(p, 0);
	if (p == 0) {
		struct store *s = store_open(t_db.path, STORE_NOMIGRATE |
		    STORE_NOCHECKPOINT);

		if (s == NULL || th_count(s, "SELECT COUNT(*) FROM units") != 3)
			_exit(1);
		(void)!write(pfd[1], "r", 1);
		pause();
		_exit(0);
	}
	close(pfd[1]);
	ck_assert_int_eq(read(pfd[0], &c, 1), 1);
	ck_assert_int_eq(to_restore(bk, out, err), 1);
	ck_assert_msg(strstr(err, "网厅在运行") != NULL, "%s", err);
	ck_assert_int_gt(p, 0);
	ck_assert_int_eq(kill(p, SIGKILL), 0);
	ck_assert_int_eq(waitpid(p, NULL, 0), p);
	close(pfd[0]);
	to_untouched();
	store_close(t_db.s);
	t_db.s = NULL;
	/* Stopped: it goes through. */
	ck_assert_int_eq(to_restore(bk, out, err), 0);
}
END_TEST

static Suite *
ops_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("ops");
	tc = tcase_create("health");
	tcase_add_checked_fixture(tc, to_setup, to_teardown);
	/* The SQLite file's disk, WAL, checkpoint and restore; on
	 * PostgreSQL the server's own (make test-pg skips them). */
	if (!th_pg()) {
		tcase_add_test(tc, health_disk);
		tcase_add_test(tc, health_wal);
		tcase_add_test(tc, health_checkpoint);
		tcase_add_test(tc, health_all_ok);
	}
	tcase_add_test(tc, health_backup);
	tcase_add_test(tc, health_workers);
	tcase_add_test(tc, health_audit);
	tcase_add_test(tc, health_certs);
	suite_add_tcase(s, tc);
	tc = tcase_create("restore");
	tcase_add_checked_fixture(tc, to_setup, to_teardown);
	if (!th_pg()) {
		tcase_add_test(tc, restore_good);
		tcase_add_test(tc, restore_corrupted);
		tcase_add_test(tc, restore_tampered);
		tcase_add_test(tc, restore_running);
	}
	suite_add_tcase(s, tc);
	return s;
}

SUITE(ops_suite)
