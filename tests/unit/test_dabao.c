/*
 * test_dabao.c: 打包快办 packages (lib/dabao.c): the state a package's
 * steps give it (a table), and 离职打包 over a small world: saved once
 * per form, submitted in the region's order (the 退工 waits and the hall
 * submits it once the 减员 is approved), a 减员 sent back holding the
 * 退工, the hall's submit refused and told, a VIP unit's package ending
 * at once, both submitted at once where the policy does not order them,
 * and another unit's package not found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "attach.h"
#include "audit.h"
#include "clock.h"
#include "dabao.h"
#include "jianyuan.h"
#include "policy.h"
#include "store.h"
#include "tuigong.h"
#include "valid.h"
#include "workflow.h"
#include "yonggong.h"
#include "zengyuan.h"
#include "helpers.h"
#include "../suites.h"

static struct th_db	 db;
static int64_t		 unit, vip, other;
static struct actor	 clerk, vip_clerk, other_clerk, reviewer;

/* ---- The state of a package from its steps ---- */

static const struct {
	const char		*name;
	struct pkg_step_facts	 f[2];
	size_t			 n;
	enum pkg_state		 want;
} state_cases[] = {
	{ "none", { { TASK_DRAFT, 0, PKG_HOLD_NONE } }, 0, PKG_DRAFT },
	{ "both_drafts", { { TASK_DRAFT, 0, PKG_HOLD_NONE },
	    { TASK_DRAFT, 0, PKG_HOLD_NONE } }, 2, PKG_DRAFT },
	{ "first_pending_second_waits", { { TASK_PENDING, 0, PKG_HOLD_NONE },
	    { TASK_DRAFT, 0, PKG_HOLD_WAITING } }, 2, PKG_RUNNING },
	{ "both_pending", { { TASK_PENDING, 0, PKG_HOLD_NONE },
	    { TASK_PENDING, 0, PKG_HOLD_NONE } }, 2, PKG_RUNNING },
	{ "first_done_second_pending", { { TASK_DONE, 0, PKG_HOLD_NONE },
	    { TASK_PENDING, 0, PKG_HOLD_NONE } }, 2, PKG_RUNNING },
	{ "both_done", { { TASK_DONE, 0, PKG_HOLD_NONE },
	    { TASK_DONE, 0, PKG_HOLD_NONE } }, 2, PKG_DONE },
	{ "first_sent_back", { { TASK_DRAFT, 1, PKG_HOLD_NONE },
	    { TASK_DRAFT, 0, PKG_HOLD_HELD } }, 2, PKG_ACTION },
	{ "hall_refused", { { TASK_DONE, 0, PKG_HOLD_NONE },
	    { TASK_DRAFT, 0, PKG_HOLD_REFUSED } }, 2, PKG_ACTION },
	{ "done_then_nobody_submits", { { TASK_DONE, 0, PKG_HOLD_NONE },
	    { TASK_DRAFT, 0, PKG_HOLD_NONE } }, 2, PKG_ACTION },
	{ "second_sent_back", { { TASK_DONE, 0, PKG_HOLD_NONE },
	    { TASK_DRAFT, 1, PKG_HOLD_NONE } }, 2, PKG_ACTION },
	{ "one_withdrawn", { { TASK_CANCELLED, 0, PKG_HOLD_NONE },
	    { TASK_DRAFT, 0, PKG_HOLD_WAITING } }, 2, PKG_CANCELLED },
	{ "withdrawn_after_done", { { TASK_DONE, 0, PKG_HOLD_NONE },
	    { TASK_CANCELLED, 0, PKG_HOLD_NONE } }, 2, PKG_CANCELLED },
};

START_TEST(dabao_state_of)
{
	enum pkg_state	 got;

	got = pkg_state_of(state_cases[_i].f, state_cases[_i].n);
	ck_assert_msg(got == state_cases[_i].want, "%s: %s, want %s",
	    state_cases[_i].name, pkg_state_names[got],
	    pkg_state_names[state_cases[_i].want]);
}
END_TEST

/* ---- 离职打包 over a small world ---- */

/* Completes a 17-digit body with its GB 11643 check digit. */
static void
td_idno(const char *body, char out[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 c[] = "10X98765432";
	int			 i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (body[i] - '0') * w[i];
	snprintf(out, 19, "%.17s%c", body, c[sum % 11]);
}

/* Runs SQL with integer parameters ?1, ?2. */
static void
td_sql2(const char *sql, int64_t a, int64_t b)
{
	struct store_stmt	*st;

	ck_assert_ptr_nonnull(st = store_stmt(db.s, sql));
	ck_assert_int_eq(store_bind_int(st, 1, a), 0);
	ck_assert_int_eq(store_bind_int(st, 2, b), 0);
	ck_assert_msg(store_exec_stmt(db.s, st) == 0, "%s: %s", sql,
	    store_errmsg(db.s));
}

/* A person of unit u, employed (contract cno from 2024-01-01) and
 * 参保缴费 there, paid to 2026-02.  Fills idno; returns the person. */
static int64_t
td_employee(int64_t u, const char *body, const char *name, const char *cno,
    char idno[19])
{
	struct store_stmt	*st;
	int64_t			 pid;
	struct idcard		 ic;
	char			 birth[11];

	td_idno(body, idno);
	ck_assert_int_eq(valid_idcard(idno, NULL, &ic), VALID_OK);
	hdate_fmt(&ic.birth, birth);
	pid = th_person(db.s, idno, name, ic.male ? "男" : "女", birth);
	ck_assert_ptr_nonnull(st = store_stmt(db.s, "INSERT INTO employments "
	    "(person_id, unit_id, contract_no, start_date, end_date, post, "
	    "registered_at) VALUES (?1, ?2, ?3, '2024-01-01', '2027-12-31', "
	    "'会计', '2024-01-01')"));
	store_bind_int(st, 1, pid);
	store_bind_int(st, 2, u);
	store_bind_text(st, 3, cno);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	ck_assert_ptr_nonnull(st = store_stmt(db.s, "INSERT INTO insurance "
	    "(person_id, unit_id, sb_no, start_month, status, "
	    "last_paid_month) VALUES (?1, ?2, ?3, '2024-01', '参保缴费', "
	    "'2026-02')"));
	store_bind_int(st, 1, pid);
	store_bind_int(st, 2, u);
	store_bind_text(st, 3, cno);
	ck_assert_int_eq(store_exec_stmt(db.s, st), 0);
	return pid;
}

static void
setup(void)
{
	th_db_open(&db);
	th_clock_set(&db, "2026-03-20 10:00:00");
	ck_assert_int_eq(policy_seed_defaults(db.s), 0);
	wf_register(&jianyuan_business);
	wf_register(&tuigong_business);
	wf_register(&yonggong_business);
	wf_register(&zengyuan_business);
	unit = th_unit(db.s, "甲公司", 0);
	vip = th_unit(db.s, "丙公司", 1);
	other = th_unit(db.s, "乙公司", 0);
	clerk = (struct actor){ th_account(db.s, unit, "pk-a"), unit, "甲经办",
	    "" };
	vip_clerk = (struct actor){ th_account(db.s, vip, "pk-vip"), vip,
	    "丙经办", "" };
	other_clerk = (struct actor){ th_account(db.s, other, "pk-b"), other,
	    "乙经办", "" };
	reviewer = (struct actor){ th_account(db.s, 0, "pk-reviewer"), 0,
	    "审核员", "" };
}

static void
teardown(void)
{
	th_db_close(&db);
}

/* Reads unit/fixtures/files/<name> into a malloc'd buffer. */
static unsigned char *
td_file(const char *name, size_t *sz)
{
	unsigned char	*buf;
	char		 path[128];
	FILE		*f;
	long		 n;

	snprintf(path, sizeof(path), "unit/fixtures/files/%s", name);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_gt(n = ftell(f), 0);
	rewind(f);
	ck_assert_ptr_nonnull(buf = malloc((size_t)n));
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*sz = (size_t)n;
	return buf;
}

/* Attaches ok.pdf (ok.jpg for the 电子相片) as code of person pid (0:
 * the task) of task. */
static void
td_attach(const struct actor *who, int64_t task, int64_t pid,
    const char *code)
{
	unsigned char	*buf;
	size_t		 sz;

	buf = td_file(strcmp(code, ZY_MAT_PHOTO) == 0 ? "ok.jpg" : "ok.pdf",
	    &sz);
	ck_assert_int_eq(store_begin(db.s), 0);
	ck_assert_int_eq(attach_store(db.s, who, task, pid, code,
	    strcmp(code, ZY_MAT_PHOTO) == 0 ? "相片.jpg" : "证明.pdf", buf, sz),
	    ATTACH_OK);
	ck_assert_int_eq(store_commit(db.s), 0);
	free(buf);
}

/* The 退工原因 td_save gives. */
static const char *td_reason = "协商一致解除";

/* Saves the 离职打包 of person pid (idno, name, contract cno) for who
 * with the form key key (退工原因 td_reason).  Returns pkg_save_lizhi's
 * result. */
static int
td_save(const struct actor *who, int64_t pid, const char *idno,
    const char *name, const char *cno, const char *key, int64_t *pkg,
    int *created, struct form_errors *errs)
{
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	struct pkg_lizhi	 in;
	struct idcard		 ic;

	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "%s", name);
	snprintf(r.idno, sizeof(r.idno), "%s", idno);
	ck_assert_int_eq(valid_idcard(idno, NULL, &ic), VALID_OK);
	snprintf(r.sex, sizeof(r.sex), "%s", ic.male ? "男" : "女");
	snprintf(r.hukou_type, sizeof(r.hukou_type), "城镇");
	snprintf(r.reason, sizeof(r.reason), "%s", td_reason);
	snprintf(r.end_date, sizeof(r.end_date), "2026-03-15");
	snprintf(r.contract_no, sizeof(r.contract_no), "%s", cno);
	snprintf(r.contract_start, sizeof(r.contract_start), "2024-01-01");
	snprintf(r.contract_end, sizeof(r.contract_end), "2027-12-31");
	snprintf(r.handler_name, sizeof(r.handler_name), "孙经办");
	snprintf(r.handler_phone, sizeof(r.handler_phone), "13912345678");
	ck_assert_int_eq(tuigong_facts(db.s, who->unit_id, &r, &f), 0);
	tuigong_row_apply_facts(&r, &f);
	memset(&in, 0, sizeof(in));
	in.person_id = pid;
	in.jy_reason = JY_STOP;
	in.change = (struct hdate){ 2026, 3, 15 };
	in.tg = &r;
	errs->n = 0;
	return pkg_save_lizhi(db.s, who, &in, key, pkg, created, errs);
}

/* Attaches what each step of package p asks: the 减员's proof of the
 * end of the job for the person, the 退工's materials of its reason
 * (tuigong) when tg. */
static void
td_materials(const struct actor *who, const struct pkg *p, int jy, int tg)
{
	struct tuigong_material	 m[TG_MAX_MATERIALS];
	size_t			 i, n;

	if (jy)
		td_attach(who, p->steps[0].task_id, p->person_id,
		    "jiechu_guanxi_zhengming");
	if (!tg)
		return;
	ck_assert_int_eq(tuigong_task_materials(db.s, p->steps[1].task_id, m,
	    &n), 0);
	for (i = 0; i < n; i++)
		if (m[i].required)
			td_attach(who, p->steps[1].task_id, 0, m[i].code);
}

/* Loads package id of unit u. */
static void
td_load(int64_t id, int64_t u, struct pkg *p)
{
	ck_assert_int_eq(pkg_load(db.s, id, u, p), 0);
}

/* pkg_person_lines callback: "title|state|detail" into arg. */
static void
td_line(const struct pkg_line *l, void *arg)
{
	snprintf(arg, 256, "%s|%s|%s", l->title, l->state, l->detail);
}

START_TEST(dabao_lizhi_ordered)
{
	struct form_errors	 errs;
	struct pkg		 p;
	char			 idno[19], line[256];
	int64_t			 pid, id, id2;
	int			 created;

	pid = td_employee(unit, "42010219900101123", "王伟", "HT-1", idno);
	ck_assert_int_eq(td_save(&clerk, pid, idno, "王伟", "HT-1",
	    "pk:00112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	ck_assert_int_eq(created, 1);
	/* The same form again: the same package, no other task. */
	ck_assert_int_eq(td_save(&clerk, pid, idno, "王伟", "HT-1",
	    "pk:00112233445566778899aabbccddeeff", &id2, &created, &errs), 0);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(id2, id);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 2);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.nsteps, 2);
	ck_assert_str_eq(p.steps[0].business, "jianyuan");
	ck_assert_str_eq(p.steps[1].business, "tuigong");
	ck_assert_int_eq(p.state, PKG_DRAFT);
	ck_assert_str_ne(p.steps[0].task.seq_no, p.steps[1].task.seq_no);
	/* 提交 without the 减员's material: refused, named, nothing moved. */
	errs.n = 0;
	ck_assert_int_eq(pkg_submit(db.s, &clerk, id, &errs), 2);
	ck_assert_uint_gt(errs.n, 0);
	ck_assert_ptr_nonnull(strstr(errs.e[0].msg, "城镇职工减少:"));
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_DRAFT);
	td_materials(&clerk, &p, 1, 1);
	errs.n = 0;
	ck_assert_int_eq(pkg_submit(db.s, &clerk, id, &errs), 0);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_PENDING);
	ck_assert_int_eq(p.steps[1].task.state, TASK_DRAFT);
	ck_assert_int_eq(p.steps[1].hold, PKG_HOLD_WAITING);
	ck_assert_int_eq(p.state, PKG_RUNNING);
	/* Submitting again has nothing to do. */
	ck_assert_int_eq(pkg_submit(db.s, &clerk, id, &errs), 3);
	/* The reviewer approves the 减员: the hall submits the 退工 in the
	 * same transaction. */
	ck_assert_int_eq(wf_transition(db.s, p.steps[0].task_id, WF_APPROVE,
	    &reviewer, NULL, NULL), WF_OK);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_DONE);
	ck_assert_int_eq(p.steps[1].task.state, TASK_PENDING);
	ck_assert_int_eq(p.steps[1].hold, PKG_HOLD_NONE);
	ck_assert_int_eq(p.state, PKG_RUNNING);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM task_events "
	    "WHERE action = 'task.submit' AND actor_id = 0"), 1);
	ck_assert_int_eq(wf_transition(db.s, p.steps[1].task_id, WF_APPROVE,
	    &reviewer, NULL, NULL), WF_OK);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.state, PKG_DONE);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM packages "
	    "WHERE state = '已办结'"), 1);
	/* The employee's timeline line. */
	ck_assert_int_eq(pkg_person_lines(db.s, unit, idno, td_line, &line),
	    1);
	ck_assert_str_eq(line, "离职打包|已办结|城镇职工减少 结束 → 退工登记 结束");
	/* Another unit's package is none of its business. */
	ck_assert_int_eq(pkg_load(db.s, id, other, &p), 1);
	ck_assert_int_eq(pkg_submit(db.s, &other_clerk, id, &errs), 1);
}
END_TEST

START_TEST(dabao_lizhi_sent_back)
{
	struct form_errors	 errs;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(unit, "42010619850505124", "李娜", "HT-2", idno);
	ck_assert_int_eq(td_save(&clerk, pid, idno, "李娜", "HT-2",
	    "pk:0f112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	td_load(id, unit, &p);
	td_materials(&clerk, &p, 1, 1);
	ck_assert_int_eq(pkg_submit(db.s, &clerk, id, &errs), 0);
	ck_assert_int_eq(wf_transition(db.s, p.steps[0].task_id, WF_REJECT,
	    &reviewer, "解除证明未盖章", NULL), WF_OK);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_DRAFT);
	ck_assert_int_eq(p.steps[1].task.state, TASK_DRAFT);
	ck_assert_int_eq(p.steps[1].hold, PKG_HOLD_HELD);
	ck_assert_int_eq(p.state, PKG_ACTION);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages WHERE "
	    "title LIKE '离职打包 李娜:城镇职工减少%已回退,退工登记暂未提交' "
	    "AND body LIKE '回退原因:解除证明未盖章%'"), 1);
	/* Submitted again: the 减员 goes, the 退工 waits again. */
	ck_assert_int_eq(pkg_submit(db.s, &clerk, id, &errs), 0);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_PENDING);
	ck_assert_int_eq(p.steps[1].hold, PKG_HOLD_WAITING);
	ck_assert_int_eq(p.state, PKG_RUNNING);
}
END_TEST

START_TEST(dabao_lizhi_hall_refused)
{
	struct form_errors	 errs;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(unit, "42011119920202125", "张强", "HT-3", idno);
	ck_assert_int_eq(td_save(&clerk, pid, idno, "张强", "HT-3",
	    "pk:1f112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	td_load(id, unit, &p);
	/* The 退工's materials are forgotten. */
	td_materials(&clerk, &p, 1, 0);
	ck_assert_int_eq(pkg_submit(db.s, &clerk, id, &errs), 0);
	ck_assert_int_eq(wf_transition(db.s, p.steps[0].task_id, WF_APPROVE,
	    &reviewer, NULL, NULL), WF_OK);
	td_load(id, unit, &p);
	/* The approval stands; the 退工 keeps why and the clerk is told. */
	ck_assert_int_eq(p.steps[0].task.state, TASK_DONE);
	ck_assert_int_eq(p.steps[1].task.state, TASK_DRAFT);
	ck_assert_int_eq(p.steps[1].hold, PKG_HOLD_REFUSED);
	ck_assert_str_ne(p.steps[1].note, "");
	ck_assert_int_eq(p.state, PKG_ACTION);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages WHERE "
	    "title LIKE '离职打包 张强:退工登记%未能由系统自动提交'"), 1);
	/* Materials given, the clerk submits it. */
	td_materials(&clerk, &p, 0, 1);
	errs.n = 0;
	ck_assert_msg(pkg_submit(db.s, &clerk, id, &errs) == 0, "%s",
	    errs.n > 0 ? errs.e[0].msg : "");
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[1].task.state, TASK_PENDING);
	ck_assert_int_eq(p.state, PKG_RUNNING);
}
END_TEST

START_TEST(dabao_lizhi_vip_at_once)
{
	struct form_errors	 errs;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(vip, "42010419930404128", "周丽", "HT-6", idno);
	ck_assert_int_eq(td_save(&vip_clerk, pid, idno, "周丽", "HT-6",
	    "pk:2f112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	td_load(id, vip, &p);
	td_materials(&vip_clerk, &p, 1, 1);
	ck_assert_int_eq(pkg_submit(db.s, &vip_clerk, id, &errs), 0);
	td_load(id, vip, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_DONE);
	ck_assert_msg(p.steps[1].task.state == TASK_DONE, "%s",
	    p.steps[1].note);
	ck_assert_int_eq(p.state, PKG_DONE);
}
END_TEST

START_TEST(dabao_lizhi_unordered_policy)
{
	struct form_errors	 errs;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	/* A region whose policy does not ask 先减员后退工. */
	td_sql2("UPDATE units SET region = '999999' WHERE id = ?1 AND ?2 = ?2",
	    unit, 0);
	ck_assert_int_eq(pkg_ordered(db.s, unit, PKG_LIZHI), 0);
	ck_assert_int_eq(pkg_ordered(db.s, unit, PKG_RUZHI), 1);
	pid = td_employee(unit, "42011219880808126", "赵敏", "HT-4", idno);
	ck_assert_int_eq(td_save(&clerk, pid, idno, "赵敏", "HT-4",
	    "pk:3f112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	td_load(id, unit, &p);
	td_materials(&clerk, &p, 1, 1);
	errs.n = 0;
	ck_assert_msg(pkg_submit(db.s, &clerk, id, &errs) == 0, "%s",
	    errs.n > 0 ? errs.e[0].msg : "");
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_PENDING);
	ck_assert_int_eq(p.steps[1].task.state, TASK_PENDING);
}
END_TEST

/* A 退工 that could never be submitted (合同到期终止 on a day that is
 * not the contract's end) is refused with the form, before the 减员
 * stops the person's insurance: nothing is left waiting (browser
 * walkthrough). */
START_TEST(dabao_lizhi_tuigong_rules_at_save)
{
	struct form_errors	 errs;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(unit, "42011119930303127", "王芳", "HT-9", idno);
	td_reason = "合同到期终止";
	ck_assert_int_eq(td_save(&clerk, pid, idno, "王芳", "HT-9",
	    "pk:9f112233445566778899aabbccddeeff", &id, &created, &errs), 1);
	td_reason = "协商一致解除";
	ck_assert_uint_gt(errs.n, 0);
	ck_assert_str_ne(errs.e[0].code, "TG_SB_UNSETTLED");
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM packages"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks WHERE "
	    "state <> '退单'"), 0);
}
END_TEST

START_TEST(dabao_lizhi_refused_leaves_nothing)
{
	struct form_errors	 errs;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	/* Not insured here: the 减员 refuses, nothing is stored. */
	td_idno("42010519870707131", idno);
	pid = th_person(db.s, idno, "刘洋", "男", "1987-07-07");
	ck_assert_int_eq(td_save(&clerk, pid, idno, "刘洋", "HT-7",
	    "pk:4f112233445566778899aabbccddeeff", &id, &created, &errs), 1);
	ck_assert_uint_gt(errs.n, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM packages"), 0);
}
END_TEST

START_TEST(dabao_lizhi_cancel)
{
	struct form_errors	 errs;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(unit, "42010519870707131", "刘洋", "HT-7", idno);
	ck_assert_int_eq(td_save(&clerk, pid, idno, "刘洋", "HT-7",
	    "pk:7f112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	ck_assert_int_eq(pkg_cancel(db.s, &other_clerk, id), 1);
	ck_assert_int_eq(pkg_cancel(db.s, &clerk, id), 0);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_CANCELLED);
	ck_assert_int_eq(p.steps[1].task.state, TASK_CANCELLED);
	ck_assert_int_eq(p.state, PKG_CANCELLED);
	ck_assert_int_eq(pkg_cancel(db.s, &clerk, id), 3);
	ck_assert_int_eq(pkg_submit(db.s, &clerk, id, &errs), 3);
}
END_TEST

START_TEST(dabao_task_in_no_package)
{
	struct task	 t;
	int64_t		 pkg;
	int		 step;

	memset(&t, 0, sizeof(t));
	t.id = 12345;
	ck_assert_int_eq(pkg_of_task(db.s, 12345, &pkg, &step), 0);
	ck_assert_int_eq(pkg_task_decided(db.s, &t, 1), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM messages"), 0);
}
END_TEST

/* The 入职 rows of a person the hall has never seen (body: 17 digits
 * of a man born 1997-04-12) for unit u. */
static void
td_ruzhi_rows(const char *body, struct yonggong_row *yg,
    struct zengyuan_row *zy, char idno[19])
{
	td_idno(body, idno);
	memset(yg, 0, sizeof(*yg));
	snprintf(yg->name, sizeof(yg->name), "欧阳新");
	snprintf(yg->idno, sizeof(yg->idno), "%s", idno);
	snprintf(yg->sex, sizeof(yg->sex), "男");
	snprintf(yg->birth, sizeof(yg->birth), "1997-04-12");
	snprintf(yg->hukou_type, sizeof(yg->hukou_type), "城镇");
	snprintf(yg->phone, sizeof(yg->phone), "13712345678");
	snprintf(yg->work_form, sizeof(yg->work_form), "全日制");
	snprintf(yg->category, sizeof(yg->category), "合同制");
	snprintf(yg->contract_no, sizeof(yg->contract_no), "RZ-%s", idno);
	snprintf(yg->contract_start, sizeof(yg->contract_start), "2026-03-20");
	yg->open_ended = 1;
	snprintf(yg->post, sizeof(yg->post), "出纳");
	yg->wage_fen = 700000;
	snprintf(yg->hire_date, sizeof(yg->hire_date), "2026-03-20");
	memset(zy, 0, sizeof(*zy));
	snprintf(zy->name, sizeof(zy->name), "欧阳新");
	snprintf(zy->idno, sizeof(zy->idno), "%s", idno);
	snprintf(zy->sex, sizeof(zy->sex), "男");
	snprintf(zy->nation, sizeof(zy->nation), "汉族");
	snprintf(zy->birth, sizeof(zy->birth), "1997-04-12");
	snprintf(zy->hukou_type, sizeof(zy->hukou_type), "城镇");
	snprintf(zy->phone, sizeof(zy->phone), "13712345678");
	snprintf(zy->start_month, sizeof(zy->start_month), "2026-03");
	zy->wage_fen = 700000;
}

/* Attaches what both steps of a 入职 package p ask. */
static void
td_ruzhi_materials(const struct actor *who, const struct pkg *p)
{
	td_attach(who, p->steps[0].task_id, 0, YG_MATERIAL);
	td_attach(who, p->steps[1].task_id, 0, ZY_MAT_SFZ);
	td_attach(who, p->steps[1].task_id, 0, ZY_MAT_HETONG);
	td_attach(who, p->steps[1].task_id, 0, ZY_MAT_PHOTO);
}

START_TEST(dabao_ruzhi_ordered)
{
	struct form_errors	 errs;
	struct yonggong_row	 yg;
	struct zengyuan_row	 zy;
	struct pkg_ruzhi	 in;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 id, id2;
	int			 created;

	td_ruzhi_rows("11010219970412123", &yg, &zy, idno);
	in.yg = &yg;
	in.zy = &zy;
	errs.n = 0;
	ck_assert_int_eq(pkg_save_ruzhi(db.s, &clerk, &in,
	    "pk:5f112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	ck_assert_int_eq(created, 1);
	/* The same form again: the same package. */
	ck_assert_int_eq(pkg_save_ruzhi(db.s, &clerk, &in,
	    "pk:5f112233445566778899aabbccddeeff", &id2, &created, &errs), 0);
	ck_assert_int_eq(id2, id);
	ck_assert_int_eq(created, 0);
	td_load(id, unit, &p);
	ck_assert_str_eq(p.steps[0].business, "yonggong");
	ck_assert_str_eq(p.steps[1].business, "zengyuan");
	ck_assert_int_gt(p.steps[1].task_id, 0);	/* saved together */
	td_ruzhi_materials(&clerk, &p);
	errs.n = 0;
	ck_assert_msg(pkg_submit(db.s, &clerk, id, &errs) == 0, "%s",
	    errs.n > 0 ? errs.e[0].msg : "");
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task.state, TASK_PENDING);
	ck_assert_int_eq(p.steps[1].task.state, TASK_DRAFT);
	ck_assert_int_eq(p.steps[1].hold, PKG_HOLD_WAITING);
	/* The 用工备案 approved: the 增员 is submitted, its registration
	 * there now. */
	ck_assert_int_eq(wf_transition(db.s, p.steps[0].task_id, WF_APPROVE,
	    &reviewer, NULL, NULL), WF_OK);
	td_load(id, unit, &p);
	ck_assert_msg(p.steps[1].task.state == TASK_PENDING, "%s",
	    p.steps[1].note);
	ck_assert_int_eq(wf_transition(db.s, p.steps[1].task_id, WF_APPROVE,
	    &reviewer, NULL, NULL), WF_OK);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.state, PKG_DONE);
}
END_TEST

START_TEST(dabao_ruzhi_refused_leaves_nothing)
{
	struct form_errors	 errs;
	struct yonggong_row	 yg;
	struct zengyuan_row	 zy;
	struct pkg_ruzhi	 in;
	char			 idno[19];
	int64_t			 id;
	int			 created;

	td_ruzhi_rows("11010219970412133", &yg, &zy, idno);
	/* 追溯补缴 of more than 3 months: the 增员 refuses, so nothing is
	 * saved, not even the 用工备案. */
	snprintf(zy.bujiao_from, sizeof(zy.bujiao_from), "2025-10");
	in.yg = &yg;
	in.zy = &zy;
	errs.n = 0;
	ck_assert_int_eq(pkg_save_ruzhi(db.s, &clerk, &in,
	    "pk:6f112233445566778899aabbccddeeff", &id, &created, &errs), 1);
	ck_assert_uint_gt(errs.n, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM packages"), 0);
}
END_TEST

/* The 退工 of person pid (idno, contract cno) saved alone for who with
 * dedup key key (a 退工 of the person not yet ended).  Returns its
 * task. */
static int64_t
td_tuigong_alone(const struct actor *who, const char *idno,
    const char *name, const char *cno, const char *key)
{
	struct tuigong_facts	 f;
	struct tuigong_row	 r;
	struct idcard		 ic;
	char			 dseq[32];
	int64_t			 tid, dup = 0;
	int			 created;

	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "%s", name);
	snprintf(r.idno, sizeof(r.idno), "%s", idno);
	ck_assert_int_eq(valid_idcard(idno, NULL, &ic), VALID_OK);
	snprintf(r.sex, sizeof(r.sex), "%s", ic.male ? "男" : "女");
	snprintf(r.hukou_type, sizeof(r.hukou_type), "城镇");
	snprintf(r.reason, sizeof(r.reason), "%s", td_reason);
	snprintf(r.end_date, sizeof(r.end_date), "2026-03-15");
	snprintf(r.contract_no, sizeof(r.contract_no), "%s", cno);
	snprintf(r.contract_start, sizeof(r.contract_start), "2024-01-01");
	snprintf(r.contract_end, sizeof(r.contract_end), "2027-12-31");
	snprintf(r.handler_name, sizeof(r.handler_name), "孙经办");
	snprintf(r.handler_phone, sizeof(r.handler_phone), "13912345678");
	ck_assert_int_eq(tuigong_facts(db.s, who->unit_id, &r, &f), 0);
	tuigong_row_apply_facts(&r, &f);
	ck_assert_int_eq(tuigong_save(db.s, who, NULL, &r, key, &tid,
	    &created, &dup, dseq), 0);
	return tid;
}

/* Whether errs has an error of code. */
static int
td_has_code(const struct form_errors *errs, const char *code)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].code, code) == 0)
			return 1;
	return 0;
}

START_TEST(dabao_lizhi_retry_after_refusal)
{
	struct form_errors	 errs;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 pid, id, tid;
	int			 created;

	pid = td_employee(unit, "42010519870707131", "刘洋", "HT-7", idno);
	tid = td_tuigong_alone(&clerk, idno, "刘洋", "HT-7",
	    "tg:99112233445566778899aabbccddeeff");
	/* Refused: another unfinished 退工; the 减员 it saved withdrawn. */
	ck_assert_int_eq(td_save(&clerk, pid, idno, "刘洋", "HT-7",
	    "pk:5f112233445566778899aabbccddeeff", &id, &created, &errs), 1);
	ck_assert(td_has_code(&errs, "TG_DUPLICATE"));
	ck_assert_int_eq(wf_transition(db.s, tid, WF_CANCEL, &clerk, NULL,
	    NULL), WF_OK);
	/* The refused form posted again with its token: refused, never a
	 * package whose 减员 is the withdrawn one. */
	ck_assert_int_eq(td_save(&clerk, pid, idno, "刘洋", "HT-7",
	    "pk:5f112233445566778899aabbccddeeff", &id, &created, &errs), 1);
	ck_assert(td_has_code(&errs, "PKG_TOKEN_USED"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM packages"), 0);
	/* With the fresh token the page gives: a package, both 未提交. */
	ck_assert_int_eq(td_save(&clerk, pid, idno, "刘洋", "HT-7",
	    "pk:6a112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	td_load(id, unit, &p);
	ck_assert_int_eq(p.state, PKG_DRAFT);
	ck_assert_int_eq(p.steps[0].task.state, TASK_DRAFT);
	ck_assert_int_eq(p.steps[1].task.state, TASK_DRAFT);
}
END_TEST

START_TEST(dabao_step_key_other_business)
{
	struct form_errors	 errs;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(unit, "42010519870707141", "周敏", "HT-8", idno);
	/* A 退工 saved under what is the package's 减员 step key. */
	(void)td_tuigong_alone(&clerk, idno, "周敏", "HT-8",
	    "pk1:7f112233445566778899aabbccddeeff");
	ck_assert_int_eq(td_save(&clerk, pid, idno, "周敏", "HT-8",
	    "pk:7f112233445566778899aabbccddeeff", &id, &created, &errs), 1);
	ck_assert(td_has_code(&errs, "PKG_TOKEN_USED"));
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM packages"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks "
	    "WHERE business = 'jianyuan'"), 0);
}
END_TEST

START_TEST(dabao_lizhi_create_fails_withdraws)
{
	struct form_errors	 errs;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(unit, "42010519870707151", "吴刚", "HT-9", idno);
	ck_assert_int_eq(store_exec_sql(db.s, "CREATE TRIGGER no_packages "
	    "BEFORE INSERT ON packages BEGIN SELECT RAISE(ABORT, 'test'); "
	    "END"), 0);
	ck_assert_int_eq(td_save(&clerk, pid, idno, "吴刚", "HT-9",
	    "pk:8f112233445566778899aabbccddeeff", &id, &created, &errs), -1);
	/* No step is left in 待办 without its package. */
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks "
	    "WHERE state <> '退单'"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 2);
}
END_TEST

START_TEST(dabao_ruzhi_double_click)
{
	struct form_errors	 errs;
	struct yonggong_row	 yg;
	struct zengyuan_row	 zy;
	struct pkg_ruzhi	 in;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 id, id2, t1, t2;
	int			 created;

	td_ruzhi_rows("11010219970412143", &yg, &zy, idno);
	errs.n = 0;
	/* Request A, up to just before its package. */
	ck_assert_int_eq(yonggong_save(db.s, &clerk, NULL, &yg,
	    "pk1:9f112233445566778899aabbccddeeff", &t1, &created, &errs), 0);
	ck_assert_int_eq(zengyuan_save(db.s, &clerk, NULL, &zy,
	    "pk2:9f112233445566778899aabbccddeeff", &t2, &created, &errs), 0);
	/* Request B, the same form: A's steps, one package. */
	td_ruzhi_rows("11010219970412143", &yg, &zy, idno);
	in.yg = &yg;
	in.zy = &zy;
	errs.n = 0;
	ck_assert_msg(pkg_save_ruzhi(db.s, &clerk, &in,
	    "pk:9f112233445566778899aabbccddeeff", &id, &created, &errs) == 0,
	    "%s", errs.n > 0 ? errs.e[0].code : "");
	td_load(id, unit, &p);
	ck_assert_int_eq(p.steps[0].task_id, t1);
	ck_assert_int_eq(p.steps[1].task_id, t2);
	/* A finishing: the same package. */
	ck_assert_int_eq(pkg_save_ruzhi(db.s, &clerk, &in,
	    "pk:9f112233445566778899aabbccddeeff", &id2, &created, &errs), 0);
	ck_assert_int_eq(id2, id);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 2);
}
END_TEST

START_TEST(dabao_ruzhi_create_fails_withdraws)
{
	struct form_errors	 errs;
	struct yonggong_row	 yg;
	struct zengyuan_row	 zy;
	struct pkg_ruzhi	 in;
	char			 idno[19];
	int64_t			 id;
	int			 created;

	td_ruzhi_rows("11010219970412153", &yg, &zy, idno);
	ck_assert_int_eq(store_exec_sql(db.s, "CREATE TRIGGER no_packages "
	    "BEFORE INSERT ON packages BEGIN SELECT RAISE(ABORT, 'test'); "
	    "END"), 0);
	in.yg = &yg;
	in.zy = &zy;
	errs.n = 0;
	ck_assert_int_eq(pkg_save_ruzhi(db.s, &clerk, &in,
	    "pk:af112233445566778899aabbccddeeff", &id, &created, &errs), -1);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks "
	    "WHERE state <> '退单'"), 0);
	ck_assert_int_eq(th_count(db.s, "SELECT COUNT(*) FROM tasks"), 2);
}
END_TEST

START_TEST(dabao_queue_mark)
{
	struct form_errors	 errs;
	struct pkg_mark		 m;
	struct pkg		 p;
	char			 idno[19];
	int64_t			 pid, id;
	int			 created;

	pid = td_employee(unit, "42010519870707161", "郑华", "HT-10", idno);
	ck_assert_int_eq(td_save(&clerk, pid, idno, "郑华", "HT-10",
	    "pk:bf112233445566778899aabbccddeeff", &id, &created, &errs), 0);
	td_load(id, unit, &p);
	ck_assert_int_eq(pkg_mark_of_task(db.s, p.steps[1].task_id, &m), 1);
	ck_assert_int_eq(m.pkg_id, id);
	ck_assert_int_eq(m.step_no, 2);
	ck_assert_int_eq(m.kind, PKG_LIZHI);
	ck_assert_int_eq(m.nsteps, 2);
	ck_assert_int_eq(pkg_mark_of_task(db.s, p.steps[1].task_id + 100, &m),
	    0);
}
END_TEST

static Suite *
dabao_suite(void)
{
	Suite	*s = suite_create("dabao");
	TCase	*tc;

	tc = tcase_create("state");
	tcase_add_loop_test(tc, dabao_state_of, 0,
	    sizeof(state_cases) / sizeof(state_cases[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("lizhi");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, dabao_lizhi_ordered);
	tcase_add_test(tc, dabao_lizhi_sent_back);
	tcase_add_test(tc, dabao_lizhi_hall_refused);
	tcase_add_test(tc, dabao_lizhi_vip_at_once);
	tcase_add_test(tc, dabao_lizhi_unordered_policy);
	tcase_add_test(tc, dabao_lizhi_refused_leaves_nothing);
	tcase_add_test(tc, dabao_lizhi_tuigong_rules_at_save);
	tcase_add_test(tc, dabao_task_in_no_package);
	tcase_add_test(tc, dabao_lizhi_cancel);
	tcase_add_test(tc, dabao_ruzhi_ordered);
	tcase_add_test(tc, dabao_ruzhi_refused_leaves_nothing);
	tcase_add_test(tc, dabao_lizhi_retry_after_refusal);
	tcase_add_test(tc, dabao_step_key_other_business);
	tcase_add_test(tc, dabao_lizhi_create_fails_withdraws);
	tcase_add_test(tc, dabao_ruzhi_double_click);
	tcase_add_test(tc, dabao_ruzhi_create_fails_withdraws);
	tcase_add_test(tc, dabao_queue_mark);
	suite_add_tcase(s, tc);
	return s;
}

SUITE(dabao_suite)
