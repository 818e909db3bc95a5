/*
 * test_yuyue.c: 办事预约 (/yuyue, /yuyue/book, /yuyue/move,
 * /yuyue/cancel, /yuyue/desk) through the real nginx with client
 * certificates.  Each test makes a 普通 unit of its own, with its own
 * account, certificate and region (so its office's places are its
 * own), and the region's policy rows: 2 slots of 1 place, 5 working
 * days ahead, changes until the day before.  The clock is pinned to
 * 10:00 of a Monday D(0) a week or more ahead (the certificates must
 * be valid then) with no 法定节假日 or 调休 in the 9 days from it, so
 * that the days offered are D(1) to D(4) and D(7), D(5) and D(6) the
 * weekend; it moves to the day of a booking to see a change refused.
 * Tasks are written straight into the test database as 进行中, but
 * for one 用工备案 saved, filed and submitted through the pages, whose
 * task page links to its booking and whose booking the 首页 shows.
 * Four clerks posting for a slot's last place at once get it once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "../suites.h"
#include "client.h"

#define YY_PDF		"unit/fixtures/files/ok.pdf"
#define YY_DAYS		9		/* D(0) .. D(8) */

static char	 yy_user[32];		/* the unit's account and certificate */
static char	 yy_unit[24];		/* its id */
static char	 yy_region[8];		/* its region: its office */
static int	 yy_base;		/* what makes its names unique */
static int	 yy_ntasks;
static char	 yy_day[YY_DAYS][11];	/* the Monday D(0) and the days after */

/* The day k days after the test's Monday, "YYYY-MM-DD". */
static const char *
D(int k)
{
	return yy_day[k];
}

/* fmt formatted, in one of a few static buffers used in turn. */
static const char *
F(const char *fmt, ...)
{
	static char	 buf[8][256];
	static int	 next;
	char		*b = buf[next++ % 8];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(buf[0]), fmt, ap);
	va_end(ap);
	return b;
}

/* Picks the test's Monday (the first a week or more ahead of the
 * hall's today with no calendar row in its 9 days), fills yy_day and
 * pins the clock to 10:00 of it. */
static void
yy_monday(void)
{
	struct tm	 tm;
	time_t		 t;
	long		 day, k, tries;
	char		 q[256];

	day = (long)((time(NULL) + 8 * 3600) / 86400) + 7;
	/* 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on a Monday. */
	day += (7 - (day + 3) % 7) % 7;
	for (tries = 0; tries < 30; tries++, day += 7) {
		for (k = 0; k < YY_DAYS; k++) {
			t = (time_t)(day + k) * 86400;
			gmtime_r(&t, &tm);
			strftime(yy_day[k], sizeof(yy_day[k]), "%Y-%m-%d", &tm);
		}
		snprintf(q, sizeof(q), "SELECT COUNT(*) FROM calendar WHERE "
		    "date >= '%s' AND date <= '%s'", D(0), D(YY_DAYS - 1));
		if (db_int(q) == 0)
			break;
	}
	ck_assert_int_lt(tries, 30);
	set_clock(F("%s 10:00:00", D(0)));
}

/* Makes the test's unit (account, certificate, region and the
 * region's policy). */
static void
yy_world(void)
{
	char	 cmd[1024], q[1024], *v;

	if (yy_user[0] != '\0')
		return;
	yy_base = (int)(getpid() % 90000) + 10000;
	snprintf(yy_user, sizeof(yy_user), "yuyue%d", yy_base);
	snprintf(yy_region, sizeof(yy_region), "4%05d", yy_base);
	snprintf(cmd, sizeof(cmd), "sh %s/certs/issue.sh %s %s 预约测试单位%d "
	    "%s >/dev/null 2>&1", getenv("HALL_TEST_SRC"),
	    getenv("HALL_TEST_CERTS"), yy_user, yy_base, yy_user);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(q, sizeof(q), "INSERT INTO units (uscc, name, sb_code, "
	    "region) VALUES ('91420100YY%d', '预约测试单位%d', 'YY%d', '%s') "
	    "RETURNING id", yy_base, yy_base, yy_base, yy_region);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	snprintf(yy_unit, sizeof(yy_unit), "%s", v);
	free(v);
	snprintf(cmd, sizeof(cmd), "account-add unit %s 预约经办 %s "
	    "2>/dev/null", yy_user, yy_unit);
	ck_assert_int_eq(admin(cmd, NULL), 0);
	snprintf(q, sizeof(q), "%s.crt", yy_user);
	snprintf(cmd, sizeof(cmd), "-c %s cert-bind %s %s 2>/dev/null",
	    cert_path("ca.crt"), yy_user, cert_path(q));
	ck_assert_int_eq(admin(cmd, NULL), 0);
	snprintf(q, sizeof(q), "INSERT INTO policy (region, key, value) "
	    "VALUES ('%s', 'yuyue.slots', '09:00-10:00,10:00-11:00'), "
	    "('%s', 'yuyue.per_slot', '1'), ('%s', 'yuyue.days_ahead', '5'), "
	    "('%s', 'yuyue.change_until_days', '1')", yy_region, yy_region,
	    yy_region, yy_region);
	db_exec(q);
}

/* Logs b in as the test's unit. */
static void
yy_login(struct browser *b)
{
	yy_world();
	browser_init(b, yy_user);
	ck_assert_int_eq(login(b, yy_user), 0);
}

/* A task of the unit of username (NULL: the test's unit) in state,
 * written straight into the store; its id into id[24]. */
static void
yy_task(const char *username, const char *state, char id[24])
{
	char	 q[512], *v;

	yy_world();
	snprintf(q, sizeof(q), "INSERT INTO tasks (seq_no, business, "
	    "unit_id, state, summary, created_at, submitted_at, updated_at) "
	    "SELECT 'YYT%d-%d', 'tuigong', unit_id, '%s', '预约测试', "
	    "unixepoch(), unixepoch(), unixepoch() FROM accounts WHERE username = '%s' RETURNING id",
	    yy_base, ++yy_ntasks, state, username != NULL ? username :
	    yy_user);
	v = db_query(q);
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(v[0] != '\0', "%s", q);
	snprintf(id, 24, "%s", v);
	free(v);
}

/* The hall's date (UTC+8) of yesterday into buf[11]. */
static void
yy_yesterday(char buf[11])
{
	time_t		 t = time(NULL) + 8 * 3600 - 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* GETs path as XML, asserting status want. */
static void
yy_get(struct browser *b, const char *path, long want, struct answer *a)
{
	ck_assert_msg(http_get(b, path, 1, a) == want, "GET %s: %ld", path,
	    a->status);
}

/* The one-time token of the booking page of task. */
static void
yy_token(struct browser *b, const char *task, char tok[40])
{
	struct answer	 a;
	char		 path[64], *v;

	snprintf(path, sizeof(path), "/yuyue/book?task=%s", task);
	yy_get(b, path, 200, &a);
	v = xpath_str(&a, "string(/page/form/@token)");
	ck_assert_uint_eq(strlen(v), 32);
	snprintf(tok, 40, "%s", v);
	free(v);
	answer_free(&a);
}

/* POSTs a booking of task on day and slot with a fresh token, asserting
 * status want; the answer in a. */
static void
yy_book(struct browser *b, const char *task, const char *day,
    const char *slot, long want, struct answer *a)
{
	char	 tok[40];

	yy_token(b, task, tok);
	ck_assert_int_eq(http_post(b, "/yuyue/book", 1, a, "task", task,
	    "day", day, "slot", slot, "token", tok, NULL), want);
}

/* The id of the 有效 booking of task into id[24]. */
static void
yy_booking_of(const char *task, char id[24])
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT id FROM appointments WHERE task_id = "
	    "%s AND state = '有效'", task);
	snprintf(id, 24, "%lld", db_int(q));
	ck_assert_str_ne(id, "0");
}

/* The day, slot and state of booking id as "day slot state". */
static char *
yy_row(const char *id)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT day || ' ' || slot || ' ' || state "
	    "FROM appointments WHERE id = %s", id);
	return db_query(q);
}

/* Asserts booking id is "day slot state". */
static void
yy_ck_row(const char *id, const char *want)
{
	char	*v = yy_row(id);

	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, want);
	free(v);
}

START_TEST(yy_book_move_cancel)
{
	struct browser	 b;
	struct answer	 a;
	char		 task[24], id[24], tok[40], q[256];

	yy_monday();
	yy_login(&b);
	yy_task(NULL, "进行中", task);
	/* The list: the task needs the counter, not booked yet. */
	yy_get(&b, "/yuyue", 200, &a);
	ck_xpath_eq(&a, "string(/page/@category)", "qita");
	ck_xpath_eq(&a, "string(/page/yuyue/@vip)", "0");
	ck_xpath_eq(&a, "string(/page/yuyue/@per-slot)", "1");
	ck_xpath_eq(&a, "string(/page/tasks/@total)", "1");
	snprintf(q, sizeof(q), "/page/tasks/task[@id = '%s' and "
	    "not(@booking)]", task);
	ck_assert_int_eq(xpath_count(&a, q), 1);
	ck_xpath_eq(&a, "string(/page/appointments/pager/@total)", "0");
	answer_free(&a);
	/* The days offered: 5 working days from tomorrow, 2 slots each. */
	snprintf(q, sizeof(q), "/yuyue/book?task=%s", task);
	yy_get(&b, q, 200, &a);
	ck_assert_int_eq(xpath_count(&a, "/page/days/day"), 5);
	ck_xpath_eq(&a, "string(/page/days/day[1]/@date)", D(1));
	ck_xpath_eq(&a, "string(/page/days/day[1]/@weekday)", "星期二");
	ck_xpath_eq(&a, "string(/page/days/day[5]/@date)", D(7));
	ck_assert_int_eq(xpath_count(&a, "/page/days/day[1]/slot"), 2);
	ck_xpath_eq(&a, "string(/page/days/day[1]/slot[1]/@free)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/booking"), 0);
	answer_free(&a);
	/* Booked; the same form again is the same booking. */
	yy_token(&b, task, tok);
	ck_assert_int_eq(http_post(&b, "/yuyue/book", 1, &a, "task", task,
	    "day", D(1), "slot", "09:00-10:00", "token", tok, NULL),
	    303);
	ck_assert_str_eq(a.location, "/yuyue?done=booked");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/yuyue/book", 1, &a, "task", task,
	    "day", D(1), "slot", "09:00-10:00", "token", tok, NULL),
	    303);
	ck_assert_str_eq(a.location, "/yuyue?repeat=1");
	answer_free(&a);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM appointments WHERE "
	    "task_id = %s", task);
	ck_assert_int_eq(db_int(q), 1);
	yy_booking_of(task, id);
	yy_ck_row(id, F("%s 09:00-10:00 有效", D(1)));
	/* Another form for the task: it has a booking already. */
	yy_book(&b, task, D(2), "09:00-10:00", 409, &a);
	ck_xpath_eq(&a, "string(/page/error/@code)", "YY_BOOKED");
	answer_free(&a);
	/* The list and the booking page show it. */
	yy_get(&b, "/yuyue?done=booked", 200, &a);
	ck_xpath_eq(&a, "string(/page/message[@kind = 'ok'])",
	    "预约成功。请按预约时间携带业务材料到辖区社保经办机构办理。");
	ck_xpath_eq(&a, "string(/page/appointments/appointment/@day)",
	    D(1));
	ck_xpath_eq(&a, "string(/page/appointments/appointment/@changeable)",
	    "1");
	ck_xpath_eq(&a, "string(/page/tasks/task/@booking-slot)",
	    "09:00-10:00");
	answer_free(&a);
	snprintf(q, sizeof(q), "/yuyue/book?task=%s", task);
	yy_get(&b, q, 200, &a);
	ck_xpath_eq(&a, "string(/page/booking/@id)", id);
	ck_xpath_eq(&a, "string(/page/days/day[1]/slot[1]/@mine)", "1");
	ck_xpath_eq(&a, "string(/page/days/day[1]/slot[1]/@free)", "0");
	answer_free(&a);
	/* Moved (twice the same: once), then cancelled (twice: once). */
	ck_assert_int_eq(http_post(&b, "/yuyue/move", 1, &a, "id", id, "day",
	    D(2), "slot", "10:00-11:00", NULL), 303);
	ck_assert_str_eq(a.location, "/yuyue?done=moved");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/yuyue/move", 1, &a, "id", id, "day",
	    D(2), "slot", "10:00-11:00", NULL), 303);
	ck_assert_str_eq(a.location, "/yuyue?repeat=1");
	answer_free(&a);
	yy_ck_row(id, F("%s 10:00-11:00 有效", D(2)));
	yy_get(&b, "/yuyue", 200, &a);
	ck_xpath_eq(&a, "string(/page/appointments/appointment/@moved-from)",
	    F("%s 09:00-10:00", D(1)));
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/yuyue/cancel", 1, &a, "id", id, NULL),
	    303);
	ck_assert_str_eq(a.location, "/yuyue?done=cancelled");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/yuyue/cancel", 1, &a, "id", id, NULL),
	    303);
	ck_assert_str_eq(a.location, "/yuyue?repeat=1");
	answer_free(&a);
	yy_ck_row(id, F("%s 10:00-11:00 已取消", D(2)));
	/* Without the csrf field: 403, nothing booked. */
	ck_assert_int_eq(http_post(&b, "/yuyue/book", 0, &a, "task", task,
	    "day", D(1), "slot", "09:00-10:00", NULL), 403);
	answer_free(&a);
	/* Each change audited, by the unit's account. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit WHERE object = "
	    "'appointment:%s' AND action IN ('yuyue.book', 'yuyue.move', "
	    "'yuyue.cancel') AND unit_id = %s", id, yy_unit);
	ck_assert_int_eq(db_int(q), 3);
	set_clock(NULL);
}
END_TEST

START_TEST(yy_full_day_refused)
{
	struct browser	 b;
	struct answer	 a;
	char		 t[5][24], q[256];
	int		 i;

	yy_monday();
	yy_login(&b);
	for (i = 0; i < 5; i++)
		yy_task(NULL, "进行中", t[i]);
	yy_book(&b, t[0], D(3), "09:00-10:00", 303, &a);
	answer_free(&a);
	/* The slot is full, the day is not. */
	yy_book(&b, t[1], D(3), "09:00-10:00", 422, &a);
	ck_xpath_eq(&a, "string(/page/@view)", "book");
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "YY_SLOT_FULL");
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "slot");
	ck_xpath_eq(&a, "string(/page/days/day[3]/slot[1]/@free)", "0");
	answer_free(&a);
	yy_book(&b, t[1], D(3), "10:00-11:00", 303, &a);
	answer_free(&a);
	/* The day is full, as a clerk sees it. */
	yy_token(&b, t[2], q);
	ck_assert_int_eq(http_post_html(&b, "/yuyue/book", &a, "task", t[2],
	    "day", D(3), "slot", "10:00-11:00", "token", q, NULL), 422);
	ck_assert_ptr_nonnull(strstr(a.body, F("%s 的预约已满,请选择其他日期",
	    D(3))));
	ck_assert_ptr_null(strstr(a.body, "YY_DAY_FULL"));
	ck_assert_ptr_nonnull(strstr(a.body, "已满"));
	answer_free(&a);
	yy_book(&b, t[2], D(3), "09:00-10:00", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "YY_DAY_FULL");
	ck_xpath_eq(&a, "string(/page/days/day[3]/@free)", "0");
	answer_free(&a);
	/* A weekend, a day past those offered, today, a bad slot. */
	yy_book(&b, t[2], D(5), "09:00-10:00", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "YY_NOT_WORKDAY");
	answer_free(&a);
	yy_book(&b, t[2], D(8), "09:00-10:00", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "YY_DAY_RANGE");
	answer_free(&a);
	yy_book(&b, t[2], D(0), "09:00-10:00", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "YY_DAY_RANGE");
	answer_free(&a);
	yy_book(&b, t[2], D(4), "<script>", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "YY_SLOT");
	answer_free(&a);
	yy_book(&b, t[2], "tomorrow", "09:00-10:00", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@code)", "YY_DAY");
	answer_free(&a);
	/* Nothing of the refusals was stored; another day still books. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM appointments WHERE "
	    "unit_id = %s", yy_unit);
	ck_assert_int_eq(db_int(q), 2);
	yy_book(&b, t[2], D(4), "09:00-10:00", 303, &a);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(yy_last_place_taken_once)
{
	struct browser	 b;
	struct answer	 a;
	char		 t[4][24], tok[4][40], q[256];
	pid_t		 pid[4];
	int		 i, st, ok = 0, full = 0;

	yy_monday();
	yy_login(&b);
	for (i = 0; i < 4; i++) {
		yy_task(NULL, "进行中", t[i]);
		yy_token(&b, t[i], tok[i]);
	}
	/* Four clerks post for the one place of a slot at once (two
	 * workers answer): the count is taken under the write lock, so
	 * one gets it and three are told the slot is full. */
	for (i = 0; i < 4; i++) {
		if ((pid[i] = fork()) == 0) {
			st = (int)http_post(&b, "/yuyue/book", 1, &a, "task",
			    t[i], "day", D(7), "slot", "09:00-10:00",
			    "token", tok[i], NULL);
			_exit(st == 303 ? 0 : st == 422 ? 1 : 2);
		}
		ck_assert_int_gt(pid[i], 0);
	}
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(waitpid(pid[i], &st, 0), pid[i]);
		ck_assert(WIFEXITED(st));
		ok += WEXITSTATUS(st) == 0;
		full += WEXITSTATUS(st) == 1;
	}
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(full, 3);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM appointments WHERE "
	    "region = '%s' AND day = '%s' AND slot = '09:00-10:00' "
	    "AND state = '有效'", yy_region, D(7));
	ck_assert_int_eq(db_int(q), 1);
	set_clock(NULL);
}
END_TEST

START_TEST(yy_change_on_the_day_refused)
{
	struct browser	 b;
	struct answer	 a;
	char		 task[24], id[24];

	yy_monday();
	yy_login(&b);
	yy_task(NULL, "进行中", task);
	yy_book(&b, task, D(2), "10:00-11:00", 303, &a);
	answer_free(&a);
	yy_booking_of(task, id);
	/* The day before it may still change: moved to the 25th's 9:00. */
	set_clock(F("%s 16:00:00", D(1)));
	yy_login(&b);
	ck_assert_int_eq(http_post(&b, "/yuyue/move", 1, &a, "id", id, "day",
	    D(2), "slot", "09:00-10:00", NULL), 303);
	answer_free(&a);
	/* On the day: neither moved nor cancelled, with the reason. */
	set_clock(F("%s 08:00:00", D(2)));
	yy_login(&b);
	ck_assert_int_eq(http_post(&b, "/yuyue/move", 1, &a, "id", id, "day",
	    D(3), "slot", "09:00-10:00", NULL), 409);
	ck_xpath_eq(&a, "string(/page/error/@code)", "YY_TOO_LATE");
	answer_free(&a);
	ck_assert_int_eq(http_post_html(&b, "/yuyue/cancel", &a, "id", id,
	    NULL), 409);
	ck_assert_ptr_nonnull(strstr(a.body, F("预约须至迟于预约日前1天改约或"
	    "取消,%s 的预约已不能更改", D(2))));
	ck_assert_ptr_null(strstr(a.body, "YY_TOO_LATE"));
	answer_free(&a);
	yy_ck_row(id, F("%s 09:00-10:00 有效", D(2)));
	yy_get(&b, "/yuyue", 200, &a);
	ck_xpath_eq(&a, "string(/page/appointments/appointment/@changeable)",
	    "0");
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(yy_vip_and_state_refused)
{
	struct browser	 b, v;
	struct answer	 a;
	char		 vt[24], draft[24], path[160];

	yy_monday();
	/* A VIP unit's task (even one waiting, which the system never
	 * leaves so) never needs the counter. */
	yy_task("demo-vip", "进行中", vt);
	browser_init(&v, "unit-vip");
	ck_assert_int_eq(login(&v, "demo-vip"), 0);
	snprintf(path, sizeof(path), "/yuyue/book?task=%s", vt);
	yy_get(&v, path, 409, &a);
	ck_xpath_eq(&a, "string(/page/error/@code)", "YY_VIP");
	answer_free(&a);
	ck_assert_int_eq(http_post(&v, "/yuyue/book", 1, &a, "task", vt,
	    "day", D(1), "slot", "09:00-10:00", NULL), 409);
	ck_xpath_eq(&a, "string(/page/error/@code)", "YY_VIP");
	ck_xpath_eq(&a, "string(/page/error)", "贵单位为VIP单位,业务由系统自动"
	    "审核,无需到经办机构办理,不需要预约");
	answer_free(&a);
	yy_get(&v, "/yuyue", 200, &a);
	ck_xpath_eq(&a, "string(/page/yuyue/@vip)", "1");
	ck_assert_int_eq(xpath_count(&a, "/page/tasks"), 0);
	answer_free(&a);
	ck_assert_int_eq(http_get(&v, "/yuyue", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "VIP单位的业务由系统自动审核"));
	answer_free(&a);
	/* A 普通 unit's draft is not submitted yet. */
	yy_login(&b);
	yy_task(NULL, "未提交", draft);
	snprintf(path, sizeof(path), "/yuyue/book?task=%s", draft);
	yy_get(&b, path, 409, &a);
	ck_xpath_eq(&a, "string(/page/error/@code)", "YY_TASK_STATE");
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/yuyue/book", 1, &a, "task", draft,
	    "day", D(1), "slot", "09:00-10:00", NULL), 409);
	answer_free(&a);
	snprintf(path, sizeof(path), "SELECT COUNT(*) FROM appointments "
	    "WHERE task_id IN (%s, %s)", vt, draft);
	ck_assert_int_eq(db_int(path), 0);
	set_clock(NULL);
}
END_TEST

START_TEST(yy_other_unit_404)
{
	struct browser	 b, o;
	struct answer	 a;
	char		 task[24], id[24], path[64];

	yy_monday();
	yy_login(&b);
	yy_task(NULL, "进行中", task);
	yy_book(&b, task, D(4), "10:00-11:00", 303, &a);
	answer_free(&a);
	yy_booking_of(task, id);
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	snprintf(path, sizeof(path), "/yuyue/book?task=%s", task);
	yy_get(&o, path, 404, &a);
	ck_xpath_eq(&a, "string(/page/error/@code)", "NOT_FOUND");
	answer_free(&a);
	ck_assert_int_eq(http_post(&o, "/yuyue/book", 1, &a, "task", task,
	    "day", D(1), "slot", "09:00-10:00", NULL), 404);
	answer_free(&a);
	ck_assert_int_eq(http_post(&o, "/yuyue/move", 1, &a, "id", id, "day",
	    D(1), "slot", "09:00-10:00", NULL), 404);
	answer_free(&a);
	ck_assert_int_eq(http_post(&o, "/yuyue/cancel", 1, &a, "id", id,
	    NULL), 404);
	answer_free(&a);
	/* As a browser: the hall's 404 page in Chinese. */
	ck_assert_int_eq(http_post_html(&o, "/yuyue/cancel", &a, "id", id,
	    NULL), 404);
	ck_assert_ptr_nonnull(strstr(a.body, "未找到该业务或预约"));
	answer_free(&a);
	/* Its list never shows the booking; nothing changed. */
	yy_get(&o, "/yuyue", 200, &a);
	snprintf(path, sizeof(path), "//appointment[@id = '%s']", id);
	ck_assert_int_eq(xpath_count(&a, path), 0);
	answer_free(&a);
	yy_ck_row(id, F("%s 10:00-11:00 有效", D(4)));
	/* A missing or malformed id is the same 404. */
	yy_get(&b, "/yuyue/book?task=abc", 404, &a);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/yuyue/cancel", 1, &a, "id",
	    "99999999", NULL), 404);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(yy_reviewer_day_list)
{
	struct browser	 b, r;
	struct answer	 a;
	char		 t[2][24], q[256], *v;

	yy_monday();
	yy_login(&b);
	yy_task(NULL, "进行中", t[0]);
	yy_task(NULL, "进行中", t[1]);
	yy_book(&b, t[0], D(7), "10:00-11:00", 303, &a);
	answer_free(&a);
	yy_book(&b, t[1], D(7), "09:00-10:00", 303, &a);
	answer_free(&a);
	browser_init(&r, "reviewer");
	ck_assert_int_eq(login(&r, "demo-reviewer"), 0);
	yy_get(&r, F("/yuyue/desk?day=%s", D(7)), 200, &a);
	ck_xpath_eq(&a, "string(/page/desk/@day)", D(7));
	ck_xpath_eq(&a, "string(/page/desk/@weekday)", "星期一");
	ck_xpath_eq(&a, "string(/page/desk/@prev)", D(4));
	ck_xpath_eq(&a, "string(/page/desk/@next)", D(8));
	/* The unit's two, by slot, among the day's of every office. */
	snprintf(q, sizeof(q), "string(/page/appointments/appointment"
	    "[@region = '%s'][1]/@task)", yy_region);
	ck_xpath_eq(&a, q, t[1]);
	snprintf(q, sizeof(q), "string(/page/appointments/appointment"
	    "[@region = '%s'][2]/@slot)", yy_region);
	ck_xpath_eq(&a, q, "10:00-11:00");
	snprintf(q, sizeof(q), "string(/page/appointments/appointment"
	    "[@task = '%s']/@unit-name)", t[0]);
	v = xpath_str(&a, q);
	snprintf(q, sizeof(q), "预约测试单位%d", yy_base);
	ck_assert_str_eq(v, q);
	free(v);
	answer_free(&a);
	/* As a browser: each row links to the task on the desk. */
	ck_assert_int_eq(http_get(&r, F("/yuyue/desk?day=%s", D(7)), 0, &a),
	    200);
	snprintf(q, sizeof(q), "href=\"/review/task?id=%s\"", t[1]);
	ck_assert_ptr_nonnull(strstr(a.body, q));
	snprintf(q, sizeof(q), "预约测试单位%d", yy_base);
	ck_assert_ptr_nonnull(strstr(a.body, q));
	answer_free(&a);
	/* Another day, a bad day, and the desk's own link to it. */
	yy_get(&r, F("/yuyue/desk?day=%s", D(6)), 200, &a);
	ck_xpath_eq(&a, "string(/page/desk/@workday)", "0");
	snprintf(q, sizeof(q), "//appointment[@region = '%s']", yy_region);
	ck_assert_int_eq(xpath_count(&a, q), 0);
	answer_free(&a);
	yy_get(&r, "/yuyue/desk?day=2026-13-01", 422, &a);
	ck_xpath_eq(&a, "string(/page/errors/error/@field)", "day");
	ck_assert_int_eq(xpath_count(&a, "/page/appointments"), 0);
	answer_free(&a);
	yy_get(&r, "/yuyue/desk", 200, &a);
	ck_xpath_eq(&a, "string(/page/desk/@day)", D(0));
	answer_free(&a);
	ck_assert_int_eq(http_get(&r, "/review", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/yuyue/desk\""));
	answer_free(&a);
	/* Roles: a unit gets no desk, a reviewer no unit's pages. */
	yy_get(&b, "/yuyue/desk", 403, &a);
	answer_free(&a);
	yy_get(&r, "/yuyue", 403, &a);
	answer_free(&a);
	set_clock(NULL);
}
END_TEST

START_TEST(yy_real_task_and_home)
{
	struct browser	 b;
	struct answer	 a;
	struct part	 p[3];
	struct browser	 o;
	char		 idno[19], birth[11], hire[11], tok[40], path[64];
	char		 task[24];
	char		 *day, *slot, *v;
	const char	*loc;

	/* The real clock: a 用工备案 saved, filed and submitted. */
	set_clock(NULL);
	yy_login(&b);
	ck_assert_int_eq(unused_idno(1990, idno), 0);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", idno + 6, idno + 10,
	    idno + 12);
	ck_assert_int_eq(http_get(&b, "/yonggong", 1, &a), 200);
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	yy_yesterday(hire);
	ck_assert_int_eq(http_post(&b, "/yonggong/save", 1, &a, "token", tok,
	    "name", "预约员工", "sfzh", idno, "sex", (idno[16] - '0') % 2 ?
	    "男" : "女", "birth", birth, "hukou_type", "城镇", "phone",
	    "13800138000", "work_form", "全日制", "category", "合同制",
	    "contract_no", idno, "contract_start", hire,
	    "open_ended", "1", "post", "文员", "wage", "5000",
	    "hire_date", hire, NULL), 303);
	loc = strstr(a.location, "?id=");
	ck_assert_ptr_nonnull(loc);
	snprintf(task, sizeof(task), "%.*s", (int)strcspn(loc + 4, "&"),
	    loc + 4);
	answer_free(&a);
	memset(p, 0, sizeof(p));
	p[0].name = "id";
	p[0].value = task;
	p[1].name = "material";
	p[1].value = "hetong_copy";
	p[2].name = "file";
	p[2].file = YY_PDF;
	ck_assert_int_eq(http_post_multipart(&b, "/yonggong/upload", 1, p, 3,
	    &a), 303);
	answer_free(&a);
	ck_assert_int_eq(http_post(&b, "/yonggong/submit", 1, &a, "id", task,
	    NULL), 303);
	answer_free(&a);
	/* Its page links to its booking. */
	snprintf(path, sizeof(path), "/yonggong?id=%s", task);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	snprintf(path, sizeof(path), "href=\"/yuyue/book?task=%s\"", task);
	ck_assert_ptr_nonnull(strstr(a.body, path));
	answer_free(&a);
	/* Booked through the page's own form, as a browser posts it. */
	snprintf(path, sizeof(path), "/yuyue/book?task=%s", task);
	yy_get(&b, path, 200, &a);
	day = xpath_str(&a, "string(/page/days/day[1]/@date)");
	slot = xpath_str(&a, "string(/page/days/day[1]/slot[2]/@name)");
	v = xpath_str(&a, "string(/page/form/@token)");
	snprintf(tok, sizeof(tok), "%s", v);
	free(v);
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, path, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "action=\"/yuyue/book\""));
	answer_free(&a);
	ck_assert_int_eq(http_post_html(&b, "/yuyue/book", &a, "task", task,
	    "day", day, "slot", slot, "token", tok, NULL), 303);
	answer_free(&a);
	/* The 首页 shows it, as data and as the clerk reads it. */
	yy_get(&b, "/home", 200, &a);
	ck_xpath_eq(&a, "string(/page/yuyue-next/@day)", day);
	ck_xpath_eq(&a, "string(/page/yuyue-next/@slot)", slot);
	ck_xpath_eq(&a, "string(/page/yuyue-next/@task)", task);
	ck_xpath_eq(&a, "string(/page/yuyue-next/@business-name)", "用工备案");
	answer_free(&a);
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "您的下一个办事预约"));
	ck_assert_ptr_nonnull(strstr(a.body, day));
	ck_assert_ptr_nonnull(strstr(a.body, "href=\"/yuyue\""));
	answer_free(&a);
	/* Twice, from the same worker's kept frame: still there. */
	ck_assert_int_eq(http_get(&b, "/home", 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(a.body, "您的下一个办事预约"));
	answer_free(&a);
	/* Another unit's 首页 does not show it. */
	browser_init(&o, "unit-b");
	ck_assert_int_eq(login(&o, "demo-b"), 0);
	yy_get(&o, "/home", 200, &a);
	snprintf(path, sizeof(path), "/page/yuyue-next[@task = '%s']", task);
	ck_assert_int_eq(xpath_count(&a, path), 0);
	answer_free(&a);
	free(day);
	free(slot);
	set_clock(NULL);
}
END_TEST

static Suite *
yuyue_http_suite(void)
{
	Suite	*s = suite_create("yuyue_http");
	TCase	*tc = tcase_create("yuyue");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, yy_book_move_cancel);
	tcase_add_test(tc, yy_full_day_refused);
	tcase_add_test(tc, yy_last_place_taken_once);
	tcase_add_test(tc, yy_change_on_the_day_refused);
	tcase_add_test(tc, yy_vip_and_state_refused);
	tcase_add_test(tc, yy_other_unit_404);
	tcase_add_test(tc, yy_reviewer_day_list);
	tcase_add_test(tc, yy_real_task_and_home);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(yuyue_http_suite)
