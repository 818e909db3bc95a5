/*
 * ops.c: hall-admin's operations under faults: the room a checkpoint
 * needs, the stamp of the last successful checkpoint, the health check
 * (Nagios-style: one line per check, exit 0/1/2) and restore.
 *
 * The checkpoint stamp is a small file beside the database (DB
 * "-checkpoint") rather than a row: a row would be a write, which on a
 * full disk is exactly what fails, and it would leave the WAL that the
 * checkpoint just emptied non-empty again.  The file holds the hall's
 * clock (clock_now) as a fixed-width decimal rewritten in place.
 */
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "audit.h"
#include "clock.h"
#include "ops.h"
#include "store.h"

#define OPS_MB		(1024 * 1024)
#define OPS_STAMP_W	20	/* digits of the stamp, space padded */

static const char *const ops_state[3] = { "OK", "WARNING", "CRITICAL" };

/* ---- Files and space ---- */

/* Writes path + suffix into buf[bufsz].  Returns 0, -1 when too long. */
static int
ops_path(char *buf, size_t bufsz, const char *path, const char *suffix)
{
	int	 n;

	n = snprintf(buf, bufsz, "%s%s", path, suffix);
	return n < 0 || (size_t)n >= bufsz ? -1 : 0;
}

/* The folder of path into buf[bufsz] ("." when it has none). */
static void
ops_dirname(char *buf, size_t bufsz, const char *path)
{
	const char	*sl = strrchr(path, '/');

	if (sl == NULL)
		snprintf(buf, bufsz, ".");
	else if (sl == path)
		snprintf(buf, bufsz, "/");
	else
		snprintf(buf, bufsz, "%.*s", (int)(sl - path), path);
}

/* The WAL's size and the free space of db's filesystem. */
int
ops_room(const char *db, int64_t *wal, int64_t *avail)
{
	char		 p[PATH_MAX];
	struct stat	 sb;
	struct statvfs	 vf;

	*wal = 0;
	*avail = 0;
	if (ops_path(p, sizeof(p), db, "-wal") == -1) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (stat(p, &sb) == 0)
		*wal = (int64_t)sb.st_size;
	else if (errno != ENOENT)
		return -1;
	ops_dirname(p, sizeof(p), db);
	if (statvfs(p, &vf) == -1)
		return -1;
	*avail = (int64_t)vf.f_bavail * (int64_t)vf.f_frsize;
	return 0;
}

/* Records now in db "-checkpoint", rewritten in place. */
int
ops_ckpt_stamp(const char *db, time_t now)
{
	char	 p[PATH_MAX], buf[OPS_STAMP_W + 2];
	int	 fd, rc = 0;

	if (ops_path(p, sizeof(p), db, "-checkpoint") == -1)
		return -1;
	if ((fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) == -1)
		return -1;
	snprintf(buf, sizeof(buf), "%*lld\n", OPS_STAMP_W, (long long)now);
	if (pwrite(fd, buf, OPS_STAMP_W + 1, 0) != OPS_STAMP_W + 1)
		rc = -1;
	if (close(fd) == -1)
		rc = -1;
	return rc;
}

/* Reads the stamp of db "-checkpoint" into *t. */
int
ops_ckpt_stamp_read(const char *db, time_t *t)
{
	char		 p[PATH_MAX], buf[OPS_STAMP_W + 2], *end;
	long long	 v;
	ssize_t		 n;
	int		 fd;

	*t = 0;
	if (ops_path(p, sizeof(p), db, "-checkpoint") == -1)
		return -1;
	if ((fd = open(p, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 1 : -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n == 0 ? 1 : -1;
	buf[n] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno != 0 || end == buf || v <= 0)
		return -1;
	*t = (time_t)v;
	return 0;
}

/* ---- Health ---- */

/* Fills o with the defaults for db. */
void
ops_health_defaults(struct ops_health_opts *o, const char *db)
{
	memset(o, 0, sizeof(*o));
	o->db = db;
	o->disk_warn = 512LL * OPS_MB;
	o->disk_crit = 64LL * OPS_MB;
	o->wal_warn = 64LL * OPS_MB;
	o->wal_crit = 256LL * OPS_MB;
	o->ckpt_warn = 5 * 60;
	o->ckpt_crit = 15 * 60;
	o->backup_warn = 26 * 3600;
	o->backup_crit = 50 * 3600;
	o->cert_days = 30;
}

/* Prints one check's line "STATE name: text" and returns state. */
static int
ops_line(FILE *out, int state, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
ops_line(FILE *out, int state, const char *name, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(out, "%s %s: ", ops_state[state], name);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
	return state;
}

/* Bytes as megabytes with one decimal. */
static double
ops_mb(int64_t n)
{
	return (double)n / OPS_MB;
}

/* An age in seconds as hours and minutes into buf[32]. */
static void
ops_age(int64_t s, char buf[32])
{
	if (s < 0)
		s = 0;
	snprintf(buf, 32, "%lld 小时 %lld 分", (long long)(s / 3600),
	    (long long)(s % 3600 / 60));
}

/* Free space against the WAL and the thresholds. */
static int
ops_check_disk(FILE *out, const struct ops_health_opts *o)
{
	int64_t	 wal, avail, need;

	if (ops_room(o->db, &wal, &avail) == -1)
		return ops_line(out, OPS_CRITICAL, "disk",
		    "无法读取 %s 所在文件系统: %s", o->db, strerror(errno));
	need = wal + OPS_CKPT_SLACK;
	if (avail < need)
		return ops_line(out, OPS_CRITICAL, "disk",
		    "可用 %.1f MB,少于 WAL %.1f MB + 1 MB:检查点无法完成,"
		    "写入将被拒绝;请至少释放 %.1f MB | avail=%lldB wal=%lldB",
		    ops_mb(avail), ops_mb(wal), ops_mb(need - avail),
		    (long long)avail, (long long)wal);
	if (avail < o->disk_crit)
		return ops_line(out, OPS_CRITICAL, "disk",
		    "可用 %.1f MB,低于 %.1f MB(WAL %.1f MB) | avail=%lldB "
		    "wal=%lldB", ops_mb(avail), ops_mb(o->disk_crit),
		    ops_mb(wal), (long long)avail, (long long)wal);
	if (avail < o->disk_warn)
		return ops_line(out, OPS_WARNING, "disk",
		    "可用 %.1f MB,低于 %.1f MB(WAL %.1f MB) | avail=%lldB "
		    "wal=%lldB", ops_mb(avail), ops_mb(o->disk_warn),
		    ops_mb(wal), (long long)avail, (long long)wal);
	return ops_line(out, OPS_OK, "disk", "可用 %.1f MB(WAL %.1f MB) | "
	    "avail=%lldB wal=%lldB", ops_mb(avail), ops_mb(wal),
	    (long long)avail, (long long)wal);
}

/* The WAL's size: a growing WAL means checkpoints do not complete. */
static int
ops_check_wal(FILE *out, const struct ops_health_opts *o)
{
	int64_t	 wal, avail;
	int	 st = OPS_OK;

	if (ops_room(o->db, &wal, &avail) == -1)
		return ops_line(out, OPS_CRITICAL, "wal", "无法读取 %s-wal: %s",
		    o->db, strerror(errno));
	if (wal > o->wal_crit)
		st = OPS_CRITICAL;
	else if (wal > o->wal_warn)
		st = OPS_WARNING;
	return ops_line(out, st, "wal", "%.1f MB%s | wal=%lldB", ops_mb(wal),
	    st == OPS_OK ? "" : ",过大:检查点未能完成", (long long)wal);
}

/* Age of the last successful checkpoint (the stamp file). */
static int
ops_check_ckpt(FILE *out, const struct ops_health_opts *o, time_t now)
{
	char	 age[32], at[20];
	time_t	 t;
	int	 rc, st = OPS_OK;

	rc = ops_ckpt_stamp_read(o->db, &t);
	if (rc == 1)
		return ops_line(out, OPS_WARNING, "checkpoint",
		    "尚无成功的检查点记录(%s-checkpoint)", o->db);
	if (rc == -1)
		return ops_line(out, OPS_CRITICAL, "checkpoint",
		    "无法读取 %s-checkpoint", o->db);
	if ((int64_t)(now - t) > o->ckpt_crit)
		st = OPS_CRITICAL;
	else if ((int64_t)(now - t) > o->ckpt_warn)
		st = OPS_WARNING;
	ops_age((int64_t)(now - t), age);
	clock_fmt(t, at);
	return ops_line(out, st, "checkpoint", "上次成功于 %s(%s前)%s | "
	    "age=%llds", at, age, st == OPS_OK ? "" : ",检查点未能完成",
	    (long long)(now - t));
}

/* Age of the last backup: the newest admin.backup audit row (written by
 * hall-admin backup) whose file is still there. */
static int
ops_check_backup(FILE *out, struct store *s, const struct ops_health_opts *o,
    time_t now)
{
	struct store_stmt	*st;
	struct stat	 sb;
	char		 age[32], at[20], path[PATH_MAX];
	time_t		 t = 0;
	int		 rc, state = OPS_OK, gone = 0;

	if ((st = store_stmt(s, "SELECT at, detail FROM audit WHERE id = "
	    "(SELECT max(id) FROM audit WHERE action = 'admin.backup')")) ==
	    NULL)
		return ops_line(out, OPS_CRITICAL, "backup", "无法读取审计记录");
	rc = store_step(st);
	if (rc == STORE_ROW) {
		t = (time_t)store_col_int64(st, 0);
		snprintf(path, sizeof(path), "%s", store_col_text(st, 1));
	}
	store_reset(st);
	if (rc == STORE_ERROR)
		return ops_line(out, OPS_CRITICAL, "backup", "无法读取审计记录");
	if (rc == STORE_DONE)
		return ops_line(out, OPS_WARNING, "backup", "尚无备份记录"
		    "(hall-admin backup)");
	if (path[0] == '/' && stat(path, &sb) == -1)
		gone = 1;
	if ((int64_t)(now - t) > o->backup_crit)
		state = OPS_CRITICAL;
	else if ((int64_t)(now - t) > o->backup_warn || gone)
		state = OPS_WARNING;
	ops_age((int64_t)(now - t), age);
	clock_fmt(t, at);
	return ops_line(out, state, "backup", "上次备份于 %s(%s前)到 %s%s | "
	    "age=%llds", at, age, path, gone ? ",该文件已不在" : "",
	    (long long)(now - t));
}

/* Whether process pid is alive and not a zombie. */
static int
ops_pid_alive(long pid)
{
	char	 p[64], buf[512], *rp;
	FILE	*f;
	int	 alive;

	if (pid <= 0 || (kill((pid_t)pid, 0) == -1 && errno != EPERM))
		return 0;
	snprintf(p, sizeof(p), "/proc/%ld/stat", pid);
	if ((f = fopen(p, "re")) == NULL)
		return 1;
	alive = 1;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (rp = strrchr(buf, ')')) != NULL && rp[1] == ' ' && rp[2] == 'Z')
		alive = 0;
	fclose(f);
	return alive;
}

/* The program a pid file of make run's run folder names: "home.pid"
 * and "home.2.pid" are both of "home"; nginx and the supervisor are
 * not workers.  Writes name[64]; returns 0, -1 when not a worker's. */
static int
ops_pidfile_prog(const char *file, char name[64])
{
	size_t	 n;

	n = strlen(file);
	if (n <= 4 || strcmp(file + n - 4, ".pid") != 0)
		return -1;
	n = strcspn(file, ".");
	if (n == 0 || n >= 64)
		return -1;
	memcpy(name, file, n);
	name[n] = '\0';
	if (strcmp(name, "nginx") == 0 || strcmp(name, "supervisor") == 0)
		return -1;
	return 0;
}

/* One program's workers: its name and how many are alive of how many. */
struct ops_prog {
	char	 name[64];
	int	 alive, total;
};

#define OPS_PROGS_MAX	32

/* Finds name in v[*n], adding it when absent (up to OPS_PROGS_MAX).
 * Returns it or NULL. */
static struct ops_prog *
ops_prog_get(struct ops_prog *v, int *n, const char *name)
{
	int	 i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	if (*n >= OPS_PROGS_MAX)
		return NULL;
	memset(&v[*n], 0, sizeof(v[*n]));
	snprintf(v[*n].name, sizeof(v[*n].name), "%s", name);
	return &v[(*n)++];
}

/* Reads the pid files of run folder dir into v[*n]. Returns 0 or -1. */
static int
ops_workers_run(const char *dir, struct ops_prog *v, int *n)
{
	DIR		*d;
	struct dirent	*e;
	struct ops_prog	*p;
	char		 name[64], path[PATH_MAX], buf[32];
	FILE		*f;
	long		 pid;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (ops_pidfile_prog(e->d_name, name) == -1 ||
		    (p = ops_prog_get(v, n, name)) == NULL)
			continue;
		p->total++;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >=
		    (int)sizeof(path) || (f = fopen(path, "re")) == NULL)
			continue;
		pid = 0;
		if (fgets(buf, sizeof(buf), f) != NULL)
			pid = strtol(buf, NULL, 10);
		fclose(f);
		if (ops_pid_alive(pid))
			p->alive++;
	}
	closedir(d);
	return 0;
}

/* The base name of argv[0] of process pid into name[64].  Returns 0
 * or -1. */
static int
ops_proc_name(const char *pid, char name[64])
{
	char	 p[64], buf[PATH_MAX], *b;
	FILE	*f;
	size_t	 n;

	snprintf(p, sizeof(p), "/proc/%s/cmdline", pid);
	if ((f = fopen(p, "re")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	if (n == 0)
		return -1;
	buf[n] = '\0';
	b = strrchr(buf, '/');
	snprintf(name, 64, "%s", b != NULL ? b + 1 : buf);
	return 0;
}

/* Counts the live processes whose program is each name of the comma
 * list progs (argv[0]'s base name) into v[*n].  Returns 0 or -1. */
static int
ops_workers_proc(const char *progs, struct ops_prog *v, int *n)
{
	DIR		*d;
	struct dirent	*e;
	struct ops_prog	*p;
	char		 list[1024], *tok, *save = NULL, name[64];
	int		 i;

	snprintf(list, sizeof(list), "%s", progs);
	for (tok = strtok_r(list, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		if ((p = ops_prog_get(v, n, tok)) != NULL)
			p->total = 1;	/* at least one expected */
	if ((d = opendir("/proc")) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]) ||
		    ops_proc_name(e->d_name, name) == -1 ||
		    !ops_pid_alive(strtol(e->d_name, NULL, 10)))
			continue;
		for (i = 0; i < *n; i++)
			if (strcmp(v[i].name, name) == 0)
				v[i].alive++;
	}
	closedir(d);
	for (i = 0; i < *n; i++)
		if (v[i].alive > v[i].total)
			v[i].total = v[i].alive;
	return 0;
}

/* Workers alive per program: critical when a program has none,
 * warning when some of its workers are dead. */
static int
ops_check_workers(FILE *out, const struct ops_health_opts *o)
{
	struct ops_prog	 v[OPS_PROGS_MAX];
	char		 line[2048];
	size_t		 len = 0;
	int		 n = 0, i, st = OPS_OK;

	if (o->run == NULL && o->programs == NULL)
		return ops_line(out, OPS_OK, "workers", "未检查(未给出 --run "
		    "或 --programs)");
	if (o->run != NULL && ops_workers_run(o->run, v, &n) == -1)
		return ops_line(out, OPS_CRITICAL, "workers",
		    "无法读取 %s: %s", o->run, strerror(errno));
	if (o->programs != NULL && ops_workers_proc(o->programs, v, &n) == -1)
		return ops_line(out, OPS_CRITICAL, "workers",
		    "无法读取 /proc: %s", strerror(errno));
	if (n == 0)
		return ops_line(out, OPS_CRITICAL, "workers", "没有找到任何程序");
	line[0] = '\0';
	for (i = 0; i < n; i++) {
		if (v[i].alive == 0)
			st = OPS_CRITICAL;
		else if (v[i].alive < v[i].total && st == OPS_OK)
			st = OPS_WARNING;
		if (len < sizeof(line))
			len += (size_t)snprintf(line + len, sizeof(line) - len,
			    "%s%s %d/%d", i > 0 ? ", " : "", v[i].name,
			    v[i].alive, v[i].total);
	}
	return ops_line(out, st, "workers", "存活/应有: %s", line);
}

/* The audit chain's head: its row, hash and time, and that it links to
 * the row before it (the whole walk is hall-admin audit-verify). */
static int
ops_check_audit(FILE *out, struct store *s)
{
	struct store_stmt	*st;
	char		 hash[80], prev[80], before[80] = "", at[20];
	int64_t		 id;
	time_t		 t;
	int		 rc;

	if ((st = store_stmt(s, "SELECT id, hash, prev_hash, at FROM audit "
	    "WHERE id >= (SELECT MAX(id) FROM audit) - 1 "
	    "ORDER BY id DESC LIMIT 2")) == NULL)
		return ops_line(out, OPS_CRITICAL, "audit", "无法读取审计链");
	if ((rc = store_step(st)) != STORE_ROW) {
		store_reset(st);
		return rc == STORE_DONE ? ops_line(out, OPS_OK, "audit",
		    "审计链为空") : ops_line(out, OPS_CRITICAL, "audit",
		    "无法读取审计链");
	}
	id = store_col_int64(st, 0);
	snprintf(hash, sizeof(hash), "%s", store_col_text(st, 1));
	snprintf(prev, sizeof(prev), "%s", store_col_text(st, 2));
	t = (time_t)store_col_int64(st, 3);
	if (store_step(st) == STORE_ROW)
		snprintf(before, sizeof(before), "%s", store_col_text(st, 1));
	store_reset(st);
	clock_fmt(t, at);
	if (before[0] != '\0' && strcmp(before, prev) != 0)
		return ops_line(out, OPS_CRITICAL, "audit", "链头第 %lld 行不接"
		    "上一行:审计链损坏(hall-admin audit-verify)",
		    (long long)id);
	return ops_line(out, OPS_OK, "audit", "链头: 第 %lld 行 %s(%s)",
	    (long long)id, hash, at);
}

/* The expiry of the certificate or CRL in PEM file path into *t.
 * Writes what it is into kind[16].  Returns 0 or -1. */
static int
ops_pem_expiry(const char *path, time_t *t, char kind[16])
{
	X509		*x = NULL;
	X509_CRL	*crl = NULL;
	const ASN1_TIME	*end = NULL;
	struct tm	 tm;
	FILE		*f;
	int		 rc = -1;

	if ((f = fopen(path, "re")) == NULL)
		return -1;
	if ((x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
		end = X509_get0_notAfter(x);
		snprintf(kind, 16, "证书");
	} else {
		rewind(f);
		if ((crl = PEM_read_X509_CRL(f, NULL, NULL, NULL)) != NULL) {
			end = X509_CRL_get0_nextUpdate(crl);
			snprintf(kind, 16, "CRL");
		}
	}
	fclose(f);
	if (end != NULL && ASN1_TIME_to_tm(end, &tm) == 1) {
		*t = timegm(&tm);
		rc = 0;
	}
	X509_free(x);
	X509_CRL_free(crl);
	return rc;
}

/* Certificates and CRLs: warning within cert_days of their end,
 * critical past it or unreadable.  Uses the real clock: nginx and
 * OpenSSL do. */
static int
ops_check_certs(FILE *out, const struct ops_health_opts *o)
{
	char	 kind[16];
	time_t	 t, now = time(NULL);
	int	 i, st, worst = OPS_OK;
	int64_t	 days;

	if (o->ncerts == 0)
		return ops_line(out, OPS_OK, "certs", "未检查(未给出 HALL_CA、"
		    "HALL_CRL 或 --cert)");
	for (i = 0; i < o->ncerts; i++) {
		if (ops_pem_expiry(o->certs[i], &t, kind) == -1) {
			st = ops_line(out, OPS_CRITICAL, "certs",
			    "%s: 无法读取证书或 CRL", o->certs[i]);
		} else {
			days = ((int64_t)t - (int64_t)now) / 86400;
			st = t <= now ? OPS_CRITICAL : days < o->cert_days ?
			    OPS_WARNING : OPS_OK;
			ops_line(out, st, "certs", "%s %s%s(剩 %lld 天)",
			    o->certs[i], kind, st == OPS_CRITICAL ? "已过期" :
			    kind[0] == 'C' ? "有效至下次更新" : "有效",
			    (long long)(t <= now ? 0 : days));
		}
		if (st > worst)
			worst = st;
	}
	return worst;
}

/* Runs every check. */
int
ops_health(struct store *s, const struct ops_health_opts *o, FILE *out)
{
	time_t	 now = clock_now();
	int	 worst = OPS_OK, st, i;
	int	 r[7];

	if (store_is_pg(o->db)) {
		/* The server's own disk, WAL and checkpoints. */
		r[0] = ops_line(out, OPS_OK, "disk", "PostgreSQL:由数据库服务器"
		    "的监控检查");
		r[1] = ops_line(out, OPS_OK, "wal", "PostgreSQL:由数据库服务器"
		    "管理");
		r[2] = ops_line(out, OPS_OK, "checkpoint", "PostgreSQL:由数据库"
		    "服务器自行完成");
	} else {
		r[0] = ops_check_disk(out, o);
		r[1] = ops_check_wal(out, o);
		r[2] = ops_check_ckpt(out, o, now);
	}
	r[3] = ops_check_backup(out, s, o, now);
	r[4] = ops_check_workers(out, o);
	r[5] = ops_check_audit(out, s);
	r[6] = ops_check_certs(out, o);
	for (i = 0; i < 7; i++) {
		st = r[i];
		if (st > worst)
			worst = st;
	}
	fflush(out);
	return worst;
}

/* ---- Restore ---- */

/* Whether link target t names db, its WAL or its shared memory. */
static int
ops_is_db_file(const char *t, const char *db)
{
	size_t	 n = strlen(db);

	if (strncmp(t, db, n) != 0)
		return 0;
	return t[n] == '\0' || strcmp(t + n, "-wal") == 0 ||
	    strcmp(t + n, "-shm") == 0;
}

/* Looks through /proc/PID/fd of every process for db. */
int
ops_db_in_use(const char *db, FILE *err)
{
	char		 real[PATH_MAX], fdd[64], lp[PATH_MAX], t[PATH_MAX];
	DIR		*d, *fds;
	struct dirent	*e, *f;
	ssize_t		 n;
	int		 found = 0;

	if (realpath(db, real) == NULL)
		return 0;	/* no database: nobody has it open */
	if ((d = opendir("/proc")) == NULL)
		return -1;
	while (!found && (e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]) ||
		    strtol(e->d_name, NULL, 10) == (long)getpid())
			continue;
		snprintf(fdd, sizeof(fdd), "/proc/%s/fd", e->d_name);
		if ((fds = opendir(fdd)) == NULL)
			continue;	/* gone, or another user's */
		while ((f = readdir(fds)) != NULL) {
			if (snprintf(lp, sizeof(lp), "%s/%s", fdd, f->d_name) >=
			    (int)sizeof(lp))
				continue;
			if ((n = readlink(lp, t, sizeof(t) - 1)) <= 0)
				continue;
			t[n] = '\0';
			if (ops_is_db_file(t, real)) {
				fprintf(err, "hall-admin: 进程 %s 正打开 %s"
				    "(网厅在运行:请先停止网厅的全部程序和检查点"
				    "定时器)\n", e->d_name, t);
				found = 1;
				break;
			}
		}
		closedir(fds);
	}
	closedir(d);
	return found;
}

/* Copies file from to a new file to (mode 0600).  Returns 0 or -1
 * (message on err; to removed). */
static int
ops_copy(const char *from, const char *to, FILE *err)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in, outfd, rc = -1;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(err, "hall-admin: 无法打开 %s: %s\n", from,
		    strerror(errno));
		return -1;
	}
	if ((outfd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		fprintf(err, "hall-admin: 无法创建 %s: %s\n", to,
		    strerror(errno));
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(outfd, buf, (size_t)n) != n)
			break;
	if (n == 0 && fsync(outfd) == 0)
		rc = 0;
	else
		fprintf(err, "hall-admin: 复制 %s 到 %s 失败: %s\n", from, to,
		    strerror(errno));
	if (close(outfd) == -1)
		rc = -1;
	close(in);
	if (rc == -1)
		unlink(to);
	return rc;
}

/* The restored database's head: the newest audit row before the
 * restore's own, for the operator to compare with the head recorded
 * at backup time. */
struct ops_head {
	int64_t	 id;
	char	 hash[80];
	time_t	 at;
};

/* Checks the database at path (a copy of the backup): integrity_check,
 * the audit chain, and reads its head into h; then appends the
 * admin.restore audit row (detail: the backup's path) and checkpoints
 * it into one file.  Returns 0 or -1 (message on err). */
static int
ops_check_copy(const char *path, const char *backup, struct ops_head *h,
    FILE *err)
{
	static const struct actor who = { 0, 0, "hall-admin", "" };
	struct store		*s;
	struct store_stmt	*st;
	int64_t			 n, bad = 0;
	int			 rc = -1;

	if ((s = store_open(path, STORE_NOCHECKPOINT)) == NULL) {
		fprintf(err, "hall-admin: %s 不是可用的网厅数据库\n", backup);
		return -1;
	}
	if ((st = store_stmt(s, "PRAGMA integrity_check")) == NULL ||
	    store_step(st) != STORE_ROW ||
	    strcmp(store_col_text(st, 0), "ok") != 0) {
		fprintf(err, "hall-admin: %s 未通过 integrity_check: %s\n",
		    backup, st != NULL ? store_col_text(st, 0) : "");
		if (st != NULL)
			store_reset(st);
		goto out;
	}
	store_reset(st);
	if ((n = audit_verify(s, &bad)) < 0) {
		fprintf(err, "hall-admin: %s 的审计链在第 %lld 行损坏\n",
		    backup, (long long)bad);
		goto out;
	}
	memset(h, 0, sizeof(*h));
	if ((st = store_stmt(s, "SELECT id, hash, at FROM audit "
	    "WHERE id = (SELECT MAX(id) FROM audit)")) == NULL)
		goto out;
	if (store_step(st) == STORE_ROW) {
		h->id = store_col_int64(st, 0);
		snprintf(h->hash, sizeof(h->hash), "%s", store_col_text(st, 1));
		h->at = (time_t)store_col_int64(st, 2);
	}
	store_reset(st);
	if (store_begin(s) == -1 ||
	    audit_append(s, &who, "admin.restore", "store", backup) == -1 ||
	    store_commit(s) == -1) {
		store_rollback(s);
		fprintf(err, "hall-admin: 无法在恢复的数据库中写入审计记录\n");
		goto out;
	}
	if (store_checkpoint(s) == -1) {
		fprintf(err, "hall-admin: 恢复的数据库检查点失败\n");
		goto out;
	}
	rc = 0;
out:
	store_close(s);
	return rc;
}

/* Renames db and its WAL aside as aside (and aside "-wal"); removes
 * its shared memory.  Returns 0 or -1 (message on err). */
static int
ops_set_aside(const char *db, const char *aside, FILE *err)
{
	char	 w[PATH_MAX], aw[PATH_MAX];

	if (ops_path(w, sizeof(w), db, "-wal") == -1 ||
	    ops_path(aw, sizeof(aw), aside, "-wal") == -1)
		return -1;
	if (access(aside, F_OK) == 0) {
		fprintf(err, "hall-admin: %s 已存在\n", aside);
		return -1;
	}
	if (rename(db, aside) == -1) {
		fprintf(err, "hall-admin: 无法把 %s 改名为 %s: %s\n", db, aside,
		    strerror(errno));
		return -1;
	}
	if (rename(w, aw) == -1 && errno != ENOENT) {
		fprintf(err, "hall-admin: 无法把 %s 改名为 %s: %s\n", w, aw,
		    strerror(errno));
		rename(aside, db);
		return -1;
	}
	if (ops_path(w, sizeof(w), db, "-shm") == 0)
		unlink(w);
	return 0;
}

/* Syncs the folder of path so that renames in it last. */
static void
ops_sync_dir(const char *path)
{
	char	 dir[PATH_MAX];
	int	 fd;

	ops_dirname(dir, sizeof(dir), path);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
}

/* Removes the database file path with its WAL and shared memory. */
static void
ops_unlink_db(const char *path)
{
	char	 p[PATH_MAX];

	unlink(path);
	if (ops_path(p, sizeof(p), path, "-wal") == 0)
		unlink(p);
	if (ops_path(p, sizeof(p), path, "-shm") == 0)
		unlink(p);
}

/* Restores backup over db. */
int
ops_restore(const char *db, const char *backup, FILE *out, FILE *err)
{
	char		 tmp[PATH_MAX], aside[PATH_MAX], stamp[32], at[20];
	struct ops_head	 h;
	struct stat	 old;
	struct tm	 tm;
	time_t		 now = time(NULL);
	int		 have_old, rc;

	if ((rc = ops_db_in_use(db, err)) != 0) {
		if (rc < 0)
			fprintf(err, "hall-admin: 无法读取 /proc,不能确认网厅"
			    "已停止\n");
		return 1;
	}
	if (ops_path(tmp, sizeof(tmp), db, ".restoring") == -1)
		return 1;
	ops_unlink_db(tmp);
	if (ops_copy(backup, tmp, err) == -1)
		return 1;
	if (ops_check_copy(tmp, backup, &h, err) == -1) {
		fprintf(err, "hall-admin: 未做任何替换\n");
		goto fail;
	}
	have_old = stat(db, &old) == 0;
	if (have_old && geteuid() == 0 &&
	    chown(tmp, old.st_uid, old.st_gid) == -1) {
		fprintf(err, "hall-admin: chown %s: %s\n", tmp, strerror(errno));
		goto fail;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	if (snprintf(aside, sizeof(aside), "%s.replaced-%s", db, stamp) >=
	    (int)sizeof(aside))
		goto fail;
	if (have_old && ops_set_aside(db, aside, err) == -1)
		goto fail;
	if (rename(tmp, db) == -1) {
		fprintf(err, "hall-admin: 无法把 %s 改名为 %s: %s\n", tmp, db,
		    strerror(errno));
		if (have_old && rename(aside, db) == 0) {
			char w[PATH_MAX], aw[PATH_MAX];

			if (ops_path(w, sizeof(w), db, "-wal") == 0 &&
			    ops_path(aw, sizeof(aw), aside, "-wal") == 0)
				rename(aw, w);
		}
		goto fail;
	}
	ops_sync_dir(db);
	clock_fmt(h.at, at);
	fprintf(out, "已从 %s 恢复 %s\n", backup, db);
	fprintf(out, "恢复的审计链头: 第 %lld 行 %s(%s)\n", (long long)h.id,
	    h.hash, at);
	if (have_old)
		fprintf(out, "被替换的数据库保留为 %s\n", aside);
	return 0;
fail:
	ops_unlink_db(tmp);
	return 1;
}
