/*
 * test_workflow.c: the task state machine with a test business whose
 * check fails when test_flags.fail is set and whose effect writes a
 * row to test_effects (or fails when test_flags.apply_fail is set).
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "clock.h"
#include "store.h"
#include "valid.h"
#include "workflow.h"
#include "../suites.h"
#include "helpers.h"

static struct th_db	 db;
static int64_t		 unit_plain, unit_vip, unit_other;
static struct actor	 clerk, vip_clerk, other_clerk, reviewer;

/* The test business's rule: refused while test_flags.fail is 1. */
static int
testbiz_check(struct store *s, int64_t task_id, struct form_errors *errs)
{
	if (th_count(s, "SELECT fail FROM test_flags") != 0)
		form_error_add(errs, "flag", "TEST_RULE", "测试规则未通过");
	return 0;
}

/* The test business's effect: one row in test_effects, or a failure
 * while test_flags.apply_fail is 1. */
static int
testbiz_apply(struct store *s, int64_t task_id, const struct actor *who)
{
	struct store_stmt	*st;

	if (th_count(s, "SELECT apply_fail FROM test_flags") != 0)
		return -1;
	st = store_stmt(s, "INSERT INTO test_effects (task_id, actor) "
	    "VALUES (?, ?)");
	if (st == NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_int(st, 2, who->account_id))
		return -1;
	return store_exec_stmt(s, st);
}

static const struct wf_business testbiz = {
	.code = "testbiz", .name = "测试业务", .path = "/testbiz",
	.review_days_min = 1, .review_days_max = 3,
	.check = testbiz_check, .apply = testbiz_apply,
};

/* Opens the database with three units, their clerks and a reviewer. */
static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-11-22 10:00:00");
	ck_assert_int_eq(sqlite3_exec(db.s->db,
	    "CREATE TABLE test_flags (fail INTEGER, apply_fail INTEGER);"
	    "INSERT INTO test_flags VALUES (0, 0);"
	    "CREATE TABLE test_effects (task_id INTEGER, actor INTEGER);",
	    NULL, NULL, NULL), SQLITE_OK);
	unit_plain = th_unit(db.s, "普通单位", 0);
	unit_vip = th_unit(db.s, "VIP单位", 1);
	unit_other = th_unit(db.s, "其他单位", 0);
	clerk = (struct actor){ th_account(db.s, unit_plain, "clerk"),
	    unit_plain, "经办人", "fp1" };
	vip_clerk = (struct actor){ th_account(db.s, unit_vip, "vip"),
	    unit_vip, "VIP经办人", "fp2" };
	other_clerk = (struct actor){ th_account(db.s, unit_other, "other"),
	    unit_other, "其他经办人", "fp3" };
	reviewer = (struct actor){ th_account(db.s, 0, "reviewer"), 0,
	    "审核员", "fp4" };
	wf_register(&testbiz);
}

/* Checks the audit chain and closes the database. */
static void
teardown(void)
{
	ck_assert_int_ge(audit_verify(db.s, NULL), 0);
	th_db_close(&db);
}

/* Sets test_flags.col to v. */
static void
set_flag(const char *sql)
{
	ck_assert_int_eq(sqlite3_exec(db.s->db, sql, NULL, NULL, NULL),
	    SQLITE_OK);
}

/* Creates (保存) a task of the test business for who's unit. */
static int64_t
create(const struct actor *who, const char *key)
{
	int64_t	 id;
	int	 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", who->unit_id, who,
	    "张三 合同到期终止", key, &id, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_gt(id, 0);
	return id;
}

/* Loads task id without a unit restriction. */
static struct task
load(int64_t id)
{
	struct task	 t;

	ck_assert_int_eq(wf_load(db.s, id, 0, &t), 0);
	return t;
}

/* Rows of test_effects for task id. */
static int64_t
effects(void)
{
	return th_count(db.s, "SELECT count(*) FROM test_effects");
}

START_TEST(wf_create_draft)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_load(db.s, id, unit_plain, &t), 0);
	ck_assert_str_eq(t.seq_no, "2026112200000001");
	ck_assert_str_eq(t.business, "testbiz");
	ck_assert_int_eq(t.unit_id, unit_plain);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_int_eq(t.returned, 0);
	ck_assert_str_eq(t.summary, "张三 合同到期终止");
	ck_assert_int_eq(t.submitted_at, 0);
	ck_assert_int_eq(t.decided_at, 0);
	ck_assert_int_ne(t.created_at, 0);
	ck_assert(wf_editable(&t));
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.create' AND to_state = '未提交'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit "
	    "WHERE action = 'task.create' AND object = 'task:1'"), 1);
	id = create(&clerk, NULL);
	ck_assert_str_eq(load(id).seq_no, "2026112200000002");
}
END_TEST

START_TEST(wf_create_dedup)
{
	int64_t	 a, b;
	int	 created = -1;

	a = create(&clerk, "token-1");
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "x",
	    "token-1", &b, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(a, b);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 1);
	ck_assert_int_ne(create(&clerk, "token-2"), a);
}
END_TEST

/* A form token is one unit's: another unit posting the same one gets
 * its own task (it used to hit the table-wide UNIQUE and fail), and
 * posting it again finds that task, not the first unit's. */
START_TEST(wf_create_dedup_per_unit)
{
	int64_t	 a, b, again;
	int	 created = -1;

	a = create(&clerk, "token-1");
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_other, &other_clerk,
	    "x", "token-1", &b, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(created, 1);
	ck_assert_int_ne(b, a);
	ck_assert_int_eq(load(b).unit_id, unit_other);
	ck_assert_int_eq(load(a).unit_id, unit_plain);
	/* Each unit's repeat finds its own task. */
	ck_assert_int_eq(create(&other_clerk, "token-1"), b);
	ck_assert_int_eq(create(&clerk, "token-1"), a);
	again = create(&vip_clerk, "token-1");
	ck_assert_int_ne(again, a);
	ck_assert_int_ne(again, b);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 3);
	/* Within one unit the key is still unique in the table itself. */
	ck_assert_int_ne(sqlite3_exec(db.s->db, "INSERT INTO tasks (seq_no, "
	    "business, unit_id, state, dedup_key, created_at, updated_at) "
	    "SELECT 'dup', business, unit_id, state, dedup_key, 0, 0 FROM "
	    "tasks WHERE id = (SELECT min(id) FROM tasks)", NULL, NULL, NULL),
	    SQLITE_OK);
}
END_TEST

START_TEST(bad_wf_create)
{
	int64_t	 id;
	int	 created;

	/* Outside a transaction, and with bad arguments. */
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "x",
	    NULL, &id, &created), -1);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "", unit_plain, &clerk, "x", NULL,
	    &id, &created), -1);
	ck_assert_int_eq(wf_create(db.s, "testbiz", 0, &clerk, "x", NULL,
	    &id, &created), -1);
	ck_assert_int_eq(wf_create(db.s, "testbiz", 9999, &clerk, "x", NULL,
	    &id, &created), -1);	/* no such unit: foreign key */
	store_rollback(db.s);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM tasks"), 0);
}
END_TEST

START_TEST(wf_submit_plain)
{
	struct form_errors	 errs = { .n = 0 };
	struct task		 t;
	int64_t			 id;

	id = create(&clerk, NULL);
	th_clock_set(&db, "2026-11-23 09:30:00");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_uint_eq(errs.n, 0);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_PENDING);
	ck_assert_int_eq(t.submitted_at, clock_now());
	ck_assert_int_eq(t.decided_at, 0);
	ck_assert(!wf_editable(&t));
	ck_assert_int_eq(effects(), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages "
	    "WHERE title = '业务顺序号 2026112200000001 测试业务 "
	    "已提交,等待审核(1-3个工作日)'"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit "
	    "WHERE action = 'task.submit' AND account_id = 1"), 1);
}
END_TEST

START_TEST(wf_submit_vip)
{
	struct task	 t;
	int64_t		 id;

	id = create(&vip_clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, 0);
	ck_assert_int_ne(t.decided_at, 0);
	ck_assert_int_ne(t.submitted_at, 0);
	ck_assert_int_eq(effects(), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT actor FROM test_effects"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.approve' AND actor_id = 0"), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title LIKE '%审核通过%'"), 1);
}
END_TEST

START_TEST(bad_wf_submit_vip_rules)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id;

	id = create(&vip_clerk, NULL);
	set_flag("UPDATE test_flags SET fail = 1");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(wf_approve_applies)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_DONE);
	ck_assert_int_eq(t.decided_by, reviewer.account_id);
	ck_assert_int_ne(t.decided_at, 0);
	ck_assert_int_eq(effects(), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT actor FROM test_effects"),
	    reviewer.account_id);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title LIKE '%测试业务 审核通过'"), 1);
}
END_TEST

START_TEST(bad_wf_approve_apply_fails)
{
	int64_t	 id, events, audits, msgs;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	set_flag("UPDATE test_flags SET apply_fail = 1");
	events = th_count(db.s, "SELECT count(*) FROM task_events");
	audits = th_count(db.s, "SELECT count(*) FROM audit");
	msgs = th_count(db.s, "SELECT count(*) FROM messages");
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(db.s->in_tx, 0);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id).decided_at, 0);
	ck_assert_int_eq(effects(), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    events);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit"), audits);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages"),
	    msgs);
	/* Fixed: the approval goes through. */
	set_flag("UPDATE test_flags SET apply_fail = 0");
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(effects(), 1);
}
END_TEST

START_TEST(bad_wf_approve_rules)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id;

	/* The rules changed between submit and approval. */
	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	set_flag("UPDATE test_flags SET fail = 1");
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

static const char *const blank_reasons[] = { NULL, "", "   ", " \t\n",
	"\xe3\x80\x80\xe3\x80\x80",		/* two U+3000 */
	"\xc2\xa0 \xe2\x80\x83\xef\xbb\xbf\r\n",	/* NBSP, em space, BOM */
};

START_TEST(bad_wf_reject_noreason)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    blank_reasons[_i], NULL), WF_NEEDREASON);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id).returned, 0);
}
END_TEST

/* 回退原因 that are not blank but still refused, with the error code
 * for the field "reason". */
static const struct {
	const char	*reason;
	const char	*code;
} bad_reasons[] = {
	{ "\xff\xfe" "abc", "CHARS" },		/* not UTF-8 */
	{ "\xe3\x80", "CHARS" },		/* cut character */
	{ "\xc0\xaf", "CHARS" },		/* overlong '/' */
	{ "缺少\x01材料", "CHARS" },		/* control character */
	{ "\xe3\x80\x80缺少\x7f", "CHARS" },
	{ NULL, "TOOLONG" },			/* 201 characters, see below */
	{ "", "REQUIRED" },
};

START_TEST(bad_wf_reject_reason)
{
	struct form_errors	 errs = { .n = 0 };
	char			 longer[4 * 201 + 1];
	const char		*reason = bad_reasons[_i].reason;
	int64_t			 id;
	int			 i;

	if (reason == NULL) {
		for (i = 0, longer[0] = '\0'; i < 201; i++)
			strcat(longer, "汉");
		reason = longer;
	}
	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    reason, &errs), WF_NEEDREASON);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, "reason");
	ck_assert_str_eq(errs.e[0].code, bad_reasons[_i].code);
	ck_assert_uint_gt(strlen(errs.e[0].msg), 0);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id).returned, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.reject'"), 0);
}
END_TEST

START_TEST(wf_reject_reason_trimmed)
{
	char		 full[4 * 200 + 16];
	struct task	 t;
	int64_t		 id;
	int		 i;

	/* Trimmed of U+3000 and ASCII space; a line break inside becomes
	 * a space. */
	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    "\xe3\x80\x80 缺少合同\r\n请补充\xe3\x80\x80 ", NULL), WF_OK);
	t = load(id);
	ck_assert_str_eq(t.return_reason, "缺少合同 请补充");
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.reject' AND reason = '缺少合同 请补充'"), 1);
	/* Exactly WF_REASON_MAX_CHARS characters pass, whole. */
	for (i = 0, full[0] = '\0'; i < WF_REASON_MAX_CHARS; i++)
		strcat(full, "汉");
	strcat(full, "\xe3\x80\x80");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer, full,
	    NULL), WF_OK);
	t = load(id);
	full[strlen(full) - 3] = '\0';
	ck_assert_str_eq(t.return_reason, full);
}
END_TEST

START_TEST(wf_reject_resubmit)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &reviewer,
	    "缺少劳动合同复印件", NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_DRAFT);
	ck_assert_int_eq(t.returned, 1);
	ck_assert_str_eq(t.return_reason, "缺少劳动合同复印件");
	ck_assert_int_eq(t.decided_at, 0);
	ck_assert(wf_editable(&t));
	ck_assert_int_eq(effects(), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title = '业务顺序号 2026112200000001 测试业务 已回退,原因:"
	    "缺少劳动合同复印件'"), 1);
	/* The unit fixes it and submits again. */
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_PENDING);
	ck_assert_int_eq(t.returned, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events "
	    "WHERE action = 'task.reject' AND reason = '缺少劳动合同复印件'"),
	    1);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(effects(), 1);
}
END_TEST

START_TEST(wf_cancel_draft)
{
	struct task	 t;
	int64_t		 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &clerk, NULL,
	    NULL), WF_OK);
	t = load(id);
	ck_assert_int_eq(t.state, TASK_CANCELLED);
	ck_assert(!wf_editable(&t));
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages WHERE "
	    "title LIKE '%已退单'"), 1);
}
END_TEST

START_TEST(bad_wf_cancel_pending)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &clerk, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
}
END_TEST

START_TEST(bad_wf_final_states)
{
	static const enum wf_action acts[] =
	    { WF_SUBMIT, WF_APPROVE, WF_REJECT, WF_CANCEL };
	int64_t		 done, cancelled, n;
	size_t		 i;
	const struct actor *who;

	done = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, done, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, done, WF_APPROVE, &reviewer,
	    NULL, NULL), WF_OK);
	cancelled = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, cancelled, WF_CANCEL, &clerk,
	    NULL, NULL), WF_OK);
	n = th_count(db.s, "SELECT count(*) FROM task_events");
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
		who = acts[i] == WF_APPROVE || acts[i] == WF_REJECT ?
		    &reviewer : &clerk;
		ck_assert_int_eq(wf_transition(db.s, done, acts[i], who,
		    "原因", NULL), WF_BADSTATE);
		ck_assert_int_eq(wf_transition(db.s, cancelled, acts[i], who,
		    "原因", NULL), WF_BADSTATE);
	}
	ck_assert_int_eq(load(done).state, TASK_DONE);
	ck_assert_int_eq(load(cancelled).state, TASK_CANCELLED);
	ck_assert_int_eq(effects(), 1);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    n);
}
END_TEST

START_TEST(bad_wf_other_unit)
{
	static const enum wf_action acts[] =
	    { WF_SUBMIT, WF_APPROVE, WF_REJECT, WF_CANCEL };
	struct task	 t;
	int64_t		 id;
	size_t		 i;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_load(db.s, id, unit_other, &t), 1);
	ck_assert_int_eq(wf_load(db.s, id, unit_plain, &t), 0);
	ck_assert_int_eq(wf_load(db.s, id + 100, 0, &t), 1);
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		ck_assert_int_eq(wf_transition(db.s, id, acts[i],
		    &other_clerk, "原因", NULL), WF_NOTFOUND);
	ck_assert_int_eq(wf_transition(db.s, id + 100, WF_SUBMIT, &clerk,
	    NULL, NULL), WF_NOTFOUND);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
}
END_TEST

START_TEST(bad_wf_unit_approves)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &clerk, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(wf_transition(db.s, id, WF_REJECT, &clerk, "自己回退",
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(bad_wf_reviewer_submits)
{
	int64_t	 id;

	id = create(&clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &reviewer, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &reviewer, NULL,
	    NULL), WF_BADSTATE);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
}
END_TEST

START_TEST(bad_wf_submit_rules)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id, msgs;

	id = create(&clerk, NULL);
	set_flag("UPDATE test_flags SET fail = 1");
	msgs = th_count(db.s, "SELECT count(*) FROM messages");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].code, "TEST_RULE");
	ck_assert_str_eq(errs.e[0].msg, "测试规则未通过");
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	ck_assert_int_eq(load(id).submitted_at, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages"),
	    msgs);
	/* errs may be NULL: the result alone tells. */
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_RULES);
}
END_TEST

START_TEST(bad_wf_unregistered)
{
	int64_t	 id;
	int	 created;

	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "nosuchbiz", unit_plain, &clerk,
	    "x", NULL, &id, &created), 0);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	/* Cancelling needs no business. */
	ck_assert_int_eq(wf_transition(db.s, id, WF_CANCEL, &clerk, NULL,
	    NULL), WF_OK);
}
END_TEST

START_TEST(wf_caller_tx)
{
	struct form_errors	 errs = { .n = 0 };
	int64_t			 id, id2;
	int			 created;

	/* Save and submit in one transaction of the caller's. */
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "x",
	    NULL, &id, &created), 0);
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_OK);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(sqlite3_get_autocommit(db.s->db), 0);
	/* A refused transition leaves the caller's work in place. */
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_plain, &clerk, "y",
	    NULL, &id2, &created), 0);
	set_flag("UPDATE test_flags SET fail = 1");
	ck_assert_int_eq(wf_transition(db.s, id2, WF_SUBMIT, &clerk, NULL,
	    &errs), WF_RULES);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(load(id2).state, TASK_DRAFT);
	/* The caller's rollback undoes a transition made inside it. */
	set_flag("UPDATE test_flags SET fail = 0");
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_transition(db.s, id, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	store_rollback(db.s);
	ck_assert_int_eq(load(id).state, TASK_PENDING);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(bad_wf_vip_apply_fails)
{
	int64_t	 id, id2, events;
	int	 created;

	/* On its own: the submit is undone with the failed approval. */
	id = create(&vip_clerk, NULL);
	set_flag("UPDATE test_flags SET apply_fail = 1");
	events = th_count(db.s, "SELECT count(*) FROM task_events");
	ck_assert_int_eq(wf_transition(db.s, id, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(load(id).state, TASK_DRAFT);
	ck_assert_int_eq(load(id).submitted_at, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    events);
	/* Inside the caller's transaction: only the transition is undone,
	 * the caller's own work stays. */
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(wf_create(db.s, "testbiz", unit_vip, &vip_clerk, "y",
	    NULL, &id2, &created), 0);
	ck_assert_int_eq(wf_transition(db.s, id2, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_ERROR);
	ck_assert_int_eq(db.s->in_tx, 1);
	ck_assert_int_eq(store_commit(db.s), 0);
	ck_assert_int_eq(load(id2).state, TASK_DRAFT);
	ck_assert_int_eq(load(id2).submitted_at, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM messages"), 0);
	ck_assert_int_eq(effects(), 0);
}
END_TEST

START_TEST(wf_audit_chain)
{
	int64_t	 a, b, c, bad = 0;

	a = create(&clerk, NULL);
	b = create(&vip_clerk, NULL);
	c = create(&other_clerk, NULL);
	ck_assert_int_eq(wf_transition(db.s, a, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, a, WF_REJECT, &reviewer, "补材料",
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, a, WF_SUBMIT, &clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, a, WF_APPROVE, &reviewer, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, b, WF_SUBMIT, &vip_clerk, NULL,
	    NULL), WF_OK);
	ck_assert_int_eq(wf_transition(db.s, c, WF_CANCEL, &other_clerk, NULL,
	    NULL), WF_OK);
	/* 3 creates, 4 moves of a, submit + auto-approve of b, cancel of c. */
	ck_assert_int_eq(audit_verify(db.s, &bad), 10);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM audit WHERE "
	    "cert_fp = 'fp4' AND account_id = 4"), 2);
	ck_assert_int_eq(th_count(db.s, "SELECT count(*) FROM task_events"),
	    10);
}
END_TEST

START_TEST(wf_messages)
{
	int	 r;

	for (r = 0; r < WF_RESULT__MAX; r++)
		ck_assert_uint_gt(strlen(wf_result_message(
		    (enum wf_result)r)), 0);
	ck_assert_str_eq(wf_result_message(WF_NOTFOUND), "未找到该业务");
	ck_assert_str_eq(wf_result_message(WF_NEEDREASON), "请填写回退原因");
	ck_assert_str_eq(task_state_names[TASK_PENDING], "进行中");
	ck_assert_str_eq(wf_action_names[WF_CANCEL], "task.cancel");
	ck_assert_ptr_eq(wf_business("testbiz"), &testbiz);
	ck_assert_ptr_null(wf_business("nosuchbiz"));
}
END_TEST

/* The workflow's suite. */
static Suite *
workflow_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("workflow");
	tc = tcase_create("wf_create");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, wf_create_draft);
	tcase_add_test(tc, wf_create_dedup);
	tcase_add_test(tc, wf_create_dedup_per_unit);
	tcase_add_test(tc, bad_wf_create);
	suite_add_tcase(s, tc);
	tc = tcase_create("wf_transition");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, wf_submit_plain);
	tcase_add_test(tc, wf_submit_vip);
	tcase_add_test(tc, bad_wf_submit_vip_rules);
	tcase_add_test(tc, wf_approve_applies);
	tcase_add_test(tc, bad_wf_approve_apply_fails);
	tcase_add_test(tc, bad_wf_approve_rules);
	tcase_add_loop_test(tc, bad_wf_reject_noreason, 0,
	    (int)(sizeof(blank_reasons) / sizeof(blank_reasons[0])));
	tcase_add_loop_test(tc, bad_wf_reject_reason, 0,
	    sizeof(bad_reasons) / sizeof(bad_reasons[0]));
	tcase_add_test(tc, wf_reject_reason_trimmed);
	tcase_add_test(tc, wf_reject_resubmit);
	tcase_add_test(tc, wf_cancel_draft);
	tcase_add_test(tc, bad_wf_cancel_pending);
	tcase_add_test(tc, bad_wf_final_states);
	tcase_add_test(tc, bad_wf_other_unit);
	tcase_add_test(tc, bad_wf_unit_approves);
	tcase_add_test(tc, bad_wf_reviewer_submits);
	tcase_add_test(tc, bad_wf_submit_rules);
	tcase_add_test(tc, bad_wf_unregistered);
	tcase_add_test(tc, wf_caller_tx);
	tcase_add_test(tc, bad_wf_vip_apply_fails);
	tcase_add_test(tc, wf_audit_chain);
	tcase_add_test(tc, wf_messages);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(workflow_suite)
