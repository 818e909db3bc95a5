/*
 * populate.c: hall-admin populate: fills a migrated store with a large,
 * realistic population, for benchmarks and capacity planning.
 *
 * What it writes, relative to the hall's today (HALL_CLOCK_FILE moves
 * it), all of it through prepared statements in transactions of about
 * POP_BATCH rows:
 *   - units: new units with valid GB 32100 统一社会信用代码 (region
 *     420100, 5% VIP), each with an account ("dwNNNNNNN", a random
 *     password nobody knows: password-reset makes one) and a
 *     certificate binding whose fingerprint no real certificate has;
 *     their 年度缴费工资申报 of the last years and 应收核定 of the last
 *     twelve months;
 *   - four reviewers (shenhe-01..04) unless they exist;
 *   - persons with valid GB 11643 身份证号 of Wuhan's districts (born
 *     20 to 60 years ago, unique), a 用工备案 and a 参保 at a unit
 *     (units' sizes are skewed: a few large, most small);
 *   - the big unit: --big-unit-id, else the demo VIP unit (account
 *     demo-vip) when present, else the first new unit; it gets
 *     big_unit insured (参保缴费) persons and a quarter as many former
 *     employees with their history;
 *   - history over the last three years: persons whose employment ended
 *     there have a 减员 (城镇职工减少) and then a 退工 (退工登记) task,
 *     both 结束, with the employment 已退工 and the 参保 暂停缴费; others
 *     have one open task: 未提交, 进行中, 回退 (未提交 with 回退标志) or
 *     退单; every task has its detail row (jianyuan, tuigong), its
 *     task_events and the messages the workflow sends; printed tasks
 *     have their receipts;
 *   - some arrears (欠费), some 信息变更 records;
 *   - the audit rows of it all (task.create, task.submit, task.reject,
 *     task.approve, task.cancel, receipt.issue, biangeng.person) with
 *     their historical times, in time order, chained after the rows
 *     already there (audit_append_at), so hall-admin audit-verify
 *     passes.  The businesses' own rows (tuigong.save, tuigong.apply,
 *     jianyuan.stop) and attachments are not generated.
 * The same seed on the same store and day gives the same rows, except
 * the receipts' verification codes and the password hash, which come
 * from RAND_bytes like every secret of the hall.
 *
 * While it runs, its connection uses PRAGMA journal_mode=MEMORY (only
 * possible while no other process has the store open: run it with the
 * hall stopped; otherwise the store stays in WAL and is checkpointed
 * after each batch), synchronous=OFF and a 256 MB page cache; it sets
 * them back to WAL, FULL and the default before it returns.  A crash
 * midway can leave a damaged file: populate a store that can be made
 * again.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "audit.h"
#include "clock.h"
#include "ident.h"
#include "log.h"
#include "policy.h"
#include "store.h"
#include "valid.h"
#include "populate.h"

#define POP_BATCH	50000		/* rows per transaction */
#define POP_HISTORY	(3 * 365)	/* days of history */
#define POP_TZ		(8 * 3600)	/* the hall's UTC+8 */
#define POP_OFFICE	30600		/* 08:30 in seconds of the day */
#define POP_REGION	"420100"	/* policy region of the units */
#define POP_REVIEWERS	4
#define POP_MAX_REV	16
#define POP_ID_LEN	19
#define N(a)		(sizeof(a) / sizeof((a)[0]))

/* Task states as stored (workflow.c task_state_names). */
enum pop_state {
	PS_DRAFT,	/* PS_DRAFT: 未提交 */
	PS_PENDING,	/* PS_PENDING: 进行中 */
	PS_DONE,	/* PS_DONE: 结束 */
	PS_CANCELLED,	/* PS_CANCELLED: 退单 */
	PS__MAX
};

static const char *const pop_state_names[PS__MAX] = {
	"未提交",	/* PS_DRAFT */
	"进行中",	/* PS_PENDING */
	"结束",		/* PS_DONE */
	"退单",		/* PS_CANCELLED */
};

/* The two businesses, as tasks.business and their names. */
enum pop_biz {
	PB_JIANYUAN,	/* PB_JIANYUAN: 城镇职工减少 */
	PB_TUIGONG,	/* PB_TUIGONG: 退工登记 */
	PB__MAX
};

static const char *const pop_biz_codes[PB__MAX] = {
	"jianyuan",	/* PB_JIANYUAN */
	"tuigong",	/* PB_TUIGONG */
};

static const char *const pop_biz_names[PB__MAX] = {
	"城镇职工减少",	/* PB_JIANYUAN */
	"退工登记",	/* PB_TUIGONG */
};

/* 退工原因 as lib/tuigong.c stores them, with weights in percent. */
enum pop_tg_reason {
	TR_EXPIRY,	/* TR_EXPIRY: 合同到期终止 */
	TR_RESIGN,	/* TR_RESIGN: 员工辞职 */
	TR_DISMISS,	/* TR_DISMISS: 单位辞退 */
	TR_AGREED,	/* TR_AGREED: 协商一致解除 */
	TR_LOST,	/* TR_LOST: 员工失联 */
	TR_OTHER,	/* TR_OTHER: 其他 */
	TR__MAX
};

static const char *const pop_tg_reasons[TR__MAX] = {
	"合同到期终止",	/* TR_EXPIRY */
	"员工辞职",	/* TR_RESIGN */
	"单位辞退",	/* TR_DISMISS */
	"协商一致解除",	/* TR_AGREED */
	"员工失联",	/* TR_LOST */
	"其他",		/* TR_OTHER */
};

static const int pop_tg_weights[TR__MAX] = {
	30,	/* TR_EXPIRY */
	35,	/* TR_RESIGN */
	8,	/* TR_DISMISS */
	20,	/* TR_AGREED */
	3,	/* TR_LOST */
	4,	/* TR_OTHER */
};

/* What an audit entry records. */
enum pop_act {
	PA_CREATE,	/* PA_CREATE: task.create */
	PA_SUBMIT,	/* PA_SUBMIT: task.submit */
	PA_REJECT,	/* PA_REJECT: task.reject */
	PA_APPROVE,	/* PA_APPROVE: task.approve */
	PA_CANCEL,	/* PA_CANCEL: task.cancel */
	PA_RECEIPT_TG,	/* PA_RECEIPT_TG: receipt.issue 退工登记证明 */
	PA_RECEIPT_ZH,	/* PA_RECEIPT_ZH: receipt.issue 综合业务处理单 */
	PA_CHANGE,	/* PA_CHANGE: biangeng.person */
	PA__MAX
};

static const char *const pop_act_names[PA__MAX] = {
	"task.create",		/* PA_CREATE */
	"task.submit",		/* PA_SUBMIT */
	"task.reject",		/* PA_REJECT */
	"task.approve",		/* PA_APPROVE */
	"task.cancel",		/* PA_CANCEL */
	"receipt.issue",	/* PA_RECEIPT_TG */
	"receipt.issue",	/* PA_RECEIPT_ZH */
	"biangeng.person",	/* PA_CHANGE */
};

/* Wuhan's districts: 身份证号 regions and addresses. */
static const char *const pop_districts[][2] = {
	{ "420102", "江岸区" }, { "420103", "江汉区" },
	{ "420104", "硚口区" }, { "420105", "汉阳区" },
	{ "420106", "武昌区" }, { "420107", "青山区" },
	{ "420111", "洪山区" }, { "420112", "东西湖区" },
	{ "420113", "汉南区" }, { "420114", "蔡甸区" },
	{ "420115", "江夏区" }, { "420116", "黄陂区" },
	{ "420117", "新洲区" },
};

static const char *const pop_surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴",
	"徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高", "林",
	"郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹",
	"曾", "彭", "萧", "蔡", "潘", "田", "董", "袁", "于", "余",
	"叶", "蒋", "杜", "苏", "魏", "程", "吕", "丁", "沈", "任",
	"姚", "卢", "傅", "钟", "姜", "崔", "谭", "廖", "范", "汪",
	"欧阳", "司马",
};

static const char *const pop_given_male[] = {
	"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超",
	"刚", "平", "建华", "文博", "浩然", "志强", "晓东", "国庆", "春生",
	"鹏", "俊杰", "宇航", "子轩", "梓豪", "建军", "海波", "志刚", "家豪",
	"天佑", "宏伟", "新民", "永强", "立新", "思远", "博文", "振华", "德明",
	"俊", "斌", "亮",
};

static const char *const pop_given_female[] = {
	"芳", "娜", "秀英", "敏", "静", "丽", "艳", "娟", "秀兰", "霞",
	"桂英", "子涵", "欣怡", "雨萱", "海燕", "红梅", "丹", "婷", "慧敏",
	"晓燕", "玉兰", "春梅", "雪", "琳", "佳怡", "梦琪", "诗涵", "思琪",
	"晓红", "丽娟", "美玲", "文静", "雅婷", "倩", "颖", "楠", "莉", "萍",
	"婉清", "嘉欣",
};

static const char *const pop_posts[] = {
	"行政文员", "销售代表", "仓库管理员", "会计", "软件工程师",
	"操作工", "质检员", "司机", "行政主管", "技术员", "出纳", "采购专员",
	"客服专员", "人事专员", "电工", "焊工", "保安", "保洁员", "厨师",
	"项目经理", "设计师", "测试工程师", "市场专员", "生产主管",
};

static const char *const pop_mobile_prefix[] = {
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
	"151", "152", "155", "157", "158", "159", "166", "176", "177", "180",
	"181", "186", "187", "188", "189", "199",
};

static const char *const pop_education[] = {
	"大学本科", "大学专科", "高中", "中等专科", "硕士研究生", "初中",
};

static const char *const pop_nations[] = {
	"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族",
	"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族",
	"汉族", "土家族", "回族", "苗族",
};

static const char *const pop_streets[] = {
	"解放大道", "中山大道", "建设大道", "发展大道", "武珞路", "珞喻路",
	"中北路", "民族大道", "光谷大道", "鹦鹉大道", "汉阳大道", "和平大道",
	"友谊大道", "金银湖路", "青年路", "沿江大道",
};

static const char *const pop_firm_words[] = {
	"华", "中", "楚", "江", "汉", "鑫", "恒", "博", "瑞", "达", "联", "信",
	"宏", "盛", "泰", "安", "东", "新", "光", "明", "荣", "昌", "科", "德",
	"鸿", "锦", "天", "远", "嘉", "诚",
};

static const char *const pop_trades[] = {
	"科技", "商贸", "制造", "物流", "建设工程", "餐饮管理", "信息技术",
	"医药", "汽车零部件", "电子", "物业管理", "教育咨询", "人力资源服务",
	"食品", "印刷", "建材", "环保科技", "光电", "生物科技", "装饰工程",
};

static const char *const pop_firm_kinds[] = {
	"有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司",
};

static const char *const pop_reject_reasons[] = {
	"材料不清晰,请重新上传",
	"身份证复印件缺失,请补充",
	"解除劳动合同证明书未加盖单位公章",
	"变更日期与实际停保时间不符,请核实",
	"退工日期与劳动合同信息不一致,请核对",
	"经办人联系电话有误,请更正",
};

static const char *const pop_change_fields[] = {
	"手机号码", "常住地详细地址",
};

/* A deterministic generator (splitmix64; NOT for secrets). */
struct pop_rng {
	uint64_t	 x;
};

/* A keyed permutation of [0, m): a Feistel network over 2 * half
 * bits, walked until it lands below m. */
struct pop_perm {
	uint64_t	 key;
	uint64_t	 m;
	unsigned int	 half;
};

/* Codes already in the store (身份证号, 统一社会信用代码), sorted. */
struct pop_codes {
	char		(*v)[POP_ID_LEN];
	size_t		 n;
};

/* A unit that gets persons and tasks. */
struct pop_unit {
	int64_t		 id;
	int64_t		 account_id;
	int		 vip;
	char		 display[64];	/* its account's display name */
	char		 fp[65];	/* its account's certificate, or "" */
	char		 contact[32];
	char		 phone[20];
};

/* A reviewer account: who approves and rejects. */
struct pop_reviewer {
	int64_t		 id;
	char		 display[64];
	char		 fp[65];
};

/* One planned task: what its rows, events, messages, receipts and
 * audit entries are made of.  Times are seconds since the epoch, 0
 * when the step did not happen. */
struct pop_task {
	int64_t		 id;
	int64_t		 person_id;
	int64_t		 emp_id;
	int64_t		 ins_id;
	int64_t		 created;
	int64_t		 submit1;
	int64_t		 reject;
	int64_t		 submit2;
	int64_t		 decided;
	int64_t		 cancelled;
	int64_t		 print_tg;
	int64_t		 print_zh;
	long		 end_day;	/* 退工日期 or 变更日期 (days) */
	long		 cstart_day;	/* 合同起始 */
	long		 cend_day;	/* 合同终止; -1 无固定期限 */
	long		 last_paid_mon;	/* month number */
	uint32_t	 unit;		/* index in pop.units */
	uint32_t	 order;		/* planning order: ties of created */
	uint8_t		 biz;		/* enum pop_biz */
	uint8_t		 state;		/* enum pop_state */
	uint8_t		 reason;	/* enum pop_tg_reason (退工) */
	uint8_t		 reject_reason;
	uint8_t		 approver;	/* reviewer index + 1; 0 the system */
	uint8_t		 rejecter;	/* reviewer index + 1 */
	uint8_t		 overdue;
	uint8_t		 compensation;
	uint8_t		 settled;
	uint8_t		 male;
	uint8_t		 rural;
	uint8_t		 post;
	char		 name[32];
	char		 idno[POP_ID_LEN];
	char		 mobile[12];
};

/* One 信息变更 record, kept for its audit row. */
struct pop_change {
	int64_t		 person_id;
	int64_t		 at;
	uint32_t	 unit;
	uint8_t		 field;
	char		 old[128];
	char		 new[128];
};

/* One audit row to write: what and when. */
struct pop_aent {
	int64_t		 at;
	uint32_t	 ref;		/* task or change index */
	uint32_t	 order;		/* ties of at */
	uint8_t		 act;		/* enum pop_act */
};

/* A generated person. */
struct pop_person {
	int64_t		 id;
	char		 idno[POP_ID_LEN];
	char		 name[32];
	int		 male;
	struct hdate	 birth;
	long		 birth_day;
	int		 rural;
	const char	*nation;
	const char	*marital;
	const char	*education;
	char		 hukou_addr[128];
	char		 address[128];
	char		 mobile[12];
	char		 work_start[11];
};

/* One employment with its 参保. */
struct pop_job {
	int64_t		 emp_id;
	int64_t		 ins_id;
	uint32_t	 unit;
	long		 start;		/* days */
	long		 cend;		/* days; -1 无固定期限 */
	long		 end;		/* 退工日期; -1 while 在职 */
	int		 ended;		/* employment 已退工 */
	int		 stopped;	/* 参保 暂停缴费 */
	long		 stop_mon;	/* first month not paid */
	long		 last_paid_mon;
	int		 post;
	int64_t		 wage_fen;
	const char	*category;
	int		 contrib;
};

/* A point of a planned flow: days after its anchor and the second of
 * that day. */
struct pop_when {
	long		 day;
	long		 sec;
	int		 set;
};

/* The relative steps of one task. */
struct pop_flow {
	struct pop_when	 created, submit1, reject, submit2, decided;
	struct pop_when	 cancelled, print_tg, print_zh;
};

/* The whole run. */
struct pop {
	struct store		*s;
	const struct populate_opts *o;
	struct populate_counts	*c;
	struct pop_rng		 g;
	struct hdate		 today;
	long			 today_day;
	long			 today_mon;
	int64_t			 now;
	int64_t			 base_min, base_max;
	char			 pw_hash[256];
	/* units: [0] is the big unit */
	struct pop_unit		*units;
	size_t			 nunits;
	double			*cum;		/* weights of units[1..] */
	struct pop_reviewer	 rev[POP_MAX_REV];
	size_t			 nrev;
	int64_t			 next_unit, next_account, next_person;
	int64_t			 next_emp, next_ins, next_task;
	struct pop_codes	 idnos, usccs;
	struct pop_perm		 idperm, orgperm;
	uint64_t		 id_extra, org_extra;
	long			 birth0;	/* first birth day */
	long			 nbirth;	/* birth days */
	/* plan */
	double			 p_pair, p_old, p_open;
	int64_t			 big_hist;
	struct pop_task		*tasks;
	size_t			 ntasks, captasks;
	struct pop_change	*changes;
	size_t			 nchanges, capchanges;
	struct pop_aent		*aents;
	size_t			 naents, capaents;
	size_t			 pending;	/* rows since the last commit */
	struct timespec		 t0;
};

/* ---- Numbers ---- */

/* The next 64 random bits of g. */
static uint64_t
pop_next(struct pop_rng *g)
{
	uint64_t	 z;

	z = (g->x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n) (0 when n is 0). */
static uint32_t
pop_rand(struct pop_rng *g, uint32_t n)
{
	return (uint32_t)(((pop_next(g) >> 32) * (uint64_t)n) >> 32);
}

/* A number in [lo, hi]; lo when hi < lo. */
static long
pop_range(struct pop_rng *g, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)pop_rand(g, (uint32_t)(hi - lo + 1));
}

/* 1 with probability p. */
static int
pop_chance(struct pop_rng *g, double p)
{
	return (double)(pop_next(g) >> 11) * (1.0 / 9007199254740992.0) < p;
}

/* A random element of a string table. */
#define POP_PICK(g, a)	((a)[pop_rand((g), (uint32_t)N(a))])

/* Mixes x (the splitmix64 finaliser). */
static uint64_t
pop_mix(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Sets up pm as a permutation of [0, m) keyed by key. */
static void
pop_perm_init(struct pop_perm *pm, uint64_t key, uint64_t m)
{
	pm->key = key;
	pm->m = m;
	pm->half = 1;
	while ((1ULL << (2 * pm->half)) < m)
		pm->half++;
}

/* The image of i (< m) under pm. */
static uint64_t
pop_permute(const struct pop_perm *pm, uint64_t i)
{
	const uint64_t	 mask = (1ULL << pm->half) - 1;
	uint64_t	 l, r, t, x = i;
	int		 round;

	do {
		l = x >> pm->half;
		r = x & mask;
		for (round = 0; round < 4; round++) {
			t = r;
			r = l ^ (pop_mix(r ^ pm->key ^
			    ((uint64_t)round << 56)) & mask);
			l = t;
		}
		x = (l << pm->half) | r;
	} while (x >= pm->m);
	return x;
}

/* The square root of x >= 1 (Newton's method; no libm). */
static double
pop_sqrt(double x)
{
	double	 r = x;
	int	 i;

	for (i = 0; i < 60 && r * r - x > 1e-9 * x; i++)
		r = (r + x / r) / 2;
	return r;
}

/* Grows the array *v of *cap elements of size sz to hold n + 1.
 * Returns 0 or -1 (logged). */
static int
pop_grow(void *vp, size_t *cap, size_t n, size_t sz)
{
	void	**v = vp;
	void	 *nv;
	size_t	  ncap;

	if (n < *cap)
		return 0;
	ncap = *cap == 0 ? 1024 : *cap * 2;
	if (ncap > SIZE_MAX / sz || ncap < *cap) {
		log_err("populate: too many rows");
		return -1;
	}
	if ((nv = realloc(*v, ncap * sz)) == NULL) {
		log_err("populate: out of memory");
		return -1;
	}
	*v = nv;
	*cap = ncap;
	return 0;
}

/* ---- Dates and times ---- */

/* The date of day number n into d. */
static void
pop_date(long n, struct hdate *d)
{
	hdate_from_days(n, d);
}

/* Day number n as "YYYY-MM-DD" into buf[11]. */
static void
pop_fmt_day(long n, char buf[11])
{
	struct hdate	 d;

	hdate_from_days(n, &d);
	hdate_fmt(&d, buf);
}

/* The month number (year * 12 + month - 1) of day n. */
static long
pop_mon_of(long n)
{
	struct hdate	 d;

	hdate_from_days(n, &d);
	return (long)d.year * 12 + d.month - 1;
}

/* Month number m as "YYYY-MM" into buf[11]. */
static void
pop_fmt_mon(long m, char buf[11])
{
	struct hdate	 d;

	d.year = (int)(m / 12);
	d.month = (int)(m % 12) + 1;
	d.day = 0;
	hdate_fmt(&d, buf);
}

/* The instant of second sec of day n in the hall's time zone. */
static int64_t
pop_at(long n, long sec)
{
	return (int64_t)n * 86400 + sec - POP_TZ;
}

/* The hall's day of instant t. */
static long
pop_day_of(int64_t t)
{
	int64_t	 d = t + POP_TZ;

	return (long)(d >= 0 ? d / 86400 : -((-d + 86399) / 86400));
}

/* Day n years after day n (Feb 29 becomes Feb 28). */
static long
pop_add_years(long n, int years)
{
	struct hdate	 d;

	hdate_from_days(n, &d);
	d.year += years;
	if (d.month == 2 && d.day == 29)
		d.day = 28;
	return hdate_to_days(&d);
}

/* Moves w days later (0: later the same day) at an office hour. */
static void
pop_step(struct pop_rng *g, struct pop_when *w, long days)
{
	if (days > 0 || !w->set) {
		w->day += days;
		w->sec = POP_OFFICE + (long)pop_rand(g, 9 * 3600);
	} else {
		w->sec += 60 + (long)pop_rand(g, 5400);
		if (w->sec > 86399)
			w->sec = 86399;
	}
	w->set = 1;
}

/* The instant of w after anchor day; 0 when w is not set. */
static int64_t
pop_abs(long anchor, const struct pop_when *w)
{
	return w->set ? pop_at(anchor + w->day, w->sec) : 0;
}

/* ---- Codes ---- */

/* Compares two codes (qsort, bsearch). */
static int
pop_code_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Loads the codes that literal sql (one text column) yields, sorted.
 * Returns 0 or -1. */
static int
pop_codes_load(struct store *s, const char *sql, struct pop_codes *c)
{
	struct store_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	c->v = NULL;
	c->n = 0;
	if ((st = store_stmt(s, sql)) == NULL)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (pop_grow(&c->v, &cap, c->n, sizeof(*c->v)) == -1) {
			store_reset(st);
			return -1;
		}
		snprintf(c->v[c->n++], POP_ID_LEN, "%s", store_col_text(st, 0));
	}
	store_reset(st);
	if (rc != STORE_DONE)
		return -1;
	if (c->n > 0)
		qsort(c->v, c->n, sizeof(*c->v), pop_code_cmp);
	return 0;
}

/* Whether code is in c. */
static int
pop_codes_has(const struct pop_codes *c, const char *code)
{
	return c->n > 0 &&
	    bsearch(code, c->v, c->n, sizeof(*c->v), pop_code_cmp) != NULL;
}

/* The GB 11643 身份证号 of index k of the identity space into p: a
 * district, a birth date 20..60 years back, a 顺序码 whose parity is
 * the sex, and the check digit. */
static void
pop_idno_of(const struct pop *pp, uint64_t k, struct pop_person *p)
{
	static const int	 w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char	 map[] = "10X98765432";
	uint64_t		 v;
	unsigned int		 seq;
	int			 sum = 0, i;
	size_t			 r;

	v = pop_permute(&pp->idperm, k);
	p->birth_day = pp->birth0 + (long)(v % (uint64_t)pp->nbirth);
	v /= (uint64_t)pp->nbirth;
	r = (size_t)(v % N(pop_districts));
	seq = (unsigned int)(v / N(pop_districts));
	pop_date(p->birth_day, &p->birth);
	snprintf(p->idno, sizeof(p->idno), "%.6s%04d%02d%02d%03u",
	    pop_districts[r][0], p->birth.year, p->birth.month,
	    p->birth.day, seq % 1000);
	for (i = 0; i < 17; i++)
		sum += (p->idno[i] - '0') * w[i];
	p->idno[17] = map[sum % 11];
	p->idno[18] = '\0';
	p->male = (int)(seq % 2);
}

/* A 身份证号 for person i not already in the store.  Returns 0 or -1
 * (the space is used up). */
static int
pop_idno(struct pop *pp, uint64_t i, struct pop_person *p)
{
	uint64_t	 k = i;

	for (;;) {
		pop_idno_of(pp, k, p);
		if (!pop_codes_has(&pp->idnos, p->idno))
			return 0;
		if (pp->id_extra >= pp->idperm.m) {
			log_err("populate: no 身份证号 left");
			return -1;
		}
		k = pp->id_extra++;
	}
}

/* Writes the 统一社会信用代码 of district region and 8-digit org code
 * into out[19]: 9 (工商) 1 (企业), the region, org with its GB 11714
 * check character, and the GB 32100 MOD 31 check character. */
static void
pop_uscc_make(const char *region, uint32_t org, char out[POP_ID_LEN])
{
	static const char	 cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int	 w31[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20,
	    29, 25, 13, 8, 24, 10, 30, 28 };
	static const int	 w11[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int			 sum = 0, c, i;

	snprintf(out, POP_ID_LEN, "91%.6s%08u", region, org % 100000000u);
	for (i = 0; i < 8; i++)
		sum += (out[8 + i] - '0') * w11[i];
	c = 11 - sum % 11;
	out[16] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	sum = 0;
	for (i = 0; i < 17; i++)
		sum += (int)(strchr(cs, out[i]) - cs) * w31[i];
	c = 31 - sum % 31;
	out[17] = cs[c == 31 ? 0 : c];
	out[18] = '\0';
}

/* A 统一社会信用代码 for new unit i not in the store into out.
 * Returns 0 or -1. */
static int
pop_uscc(struct pop *pp, uint64_t i, const char *region,
    char out[POP_ID_LEN])
{
	uint64_t	 k = i;

	for (;;) {
		pop_uscc_make(region, (uint32_t)(10000000 +
		    pop_permute(&pp->orgperm, k)), out);
		if (valid_uscc(out) != VALID_OK) {
			log_err("populate: made a bad 统一社会信用代码 %s", out);
			return -1;
		}
		if (!pop_codes_has(&pp->usccs, out))
			return 0;
		if (pp->org_extra >= pp->orgperm.m) {
			log_err("populate: no 组织机构代码 left");
			return -1;
		}
		k = pp->org_extra++;
	}
}

/* The hex SHA-256 of text into hex[65] (a made-up certificate
 * fingerprint).  Returns 0 or -1. */
static int
pop_sha256_hex(const char *text, char hex[65])
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 n = 0, i;

	if (EVP_Digest(text, strlen(text), md, &n, EVP_sha256(), NULL) != 1 ||
	    n != 32)
		return -1;
	for (i = 0; i < n; i++) {
		hex[i * 2] = digits[md[i] >> 4];
		hex[i * 2 + 1] = digits[md[i] & 0xf];
	}
	hex[64] = '\0';
	return 0;
}

/* ---- Batches ---- */

/* Seconds since the run began. */
static double
pop_elapsed(const struct pop *p)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - p->t0.tv_sec) +
	    (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
}

/* Prints a progress line when asked to. */
static void
pop_say(const struct pop *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
pop_say(const struct pop *p, const char *fmt, ...)
{
	va_list	 ap;

	if (p->o->progress == NULL)
		return;
	fprintf(p->o->progress, "[%6.1f 秒] ", pop_elapsed(p));
	va_start(ap, fmt);
	vfprintf(p->o->progress, fmt, ap);
	va_end(ap);
	fputc('\n', p->o->progress);
	fflush(p->o->progress);
}

/* Commits the open batch and checkpoints (a busy checkpoint is not an
 * error: the next one catches up).  Returns 0 or -1. */
static int
pop_commit(struct pop *p)
{
	if (store_commit(p->s) == -1)
		return -1;
	p->pending = 0;
	if (store_checkpoint(p->s) == -1)
		log_warn("populate: checkpoint deferred");
	return 0;
}

/* Counts n rows written; commits and begins the next batch past
 * POP_BATCH.  Returns 0 or -1. */
static int
pop_tick(struct pop *p, size_t n)
{
	p->pending += n;
	if (p->pending < POP_BATCH)
		return 0;
	if (pop_commit(p) == -1)
		return -1;
	return store_begin(p->s);
}

/* ---- The context ---- */

/* The integer of literal sql (no parameters) into *out (dflt when no
 * row).  Returns 0 or -1. */
static int
pop_int(struct store *s, const char *sql, int64_t dflt, int64_t *out)
{
	return store_int(s, sql, STORE_NOPARAM, dflt, out);
}

/* Reads the unit id's facts (VIP, contact, its first account and that
 * account's certificate) into u.  Returns 0, 1 no such unit, -1. */
static int
pop_unit_load(struct store *s, int64_t id, struct pop_unit *u)
{
	struct store_stmt	*st;
	int		 rc;

	memset(u, 0, sizeof(*u));
	if ((st = store_stmt(s, "SELECT u.vip, u.contact, u.phone, "
	    "COALESCE(a.id, 0), COALESCE(a.display_name, ''), "
	    "COALESCE((SELECT c.fingerprint FROM certs c WHERE "
	    "c.account_id = a.id AND c.revoked = 0 ORDER BY c.fingerprint LIMIT 1), "
	    "'') FROM units u LEFT JOIN accounts a ON a.id = (SELECT MIN(id) "
	    "FROM accounts WHERE unit_id = u.id AND kind = 'unit') "
	    "WHERE u.id = ?1")) == NULL || store_bind_int(st, 1, id))
		return -1;
	rc = store_step(st);
	if (rc == STORE_ROW) {
		u->id = id;
		u->vip = store_col_int(st, 0) != 0;
		snprintf(u->contact, sizeof(u->contact), "%s",
		    store_col_text(st, 1));
		snprintf(u->phone, sizeof(u->phone), "%s", store_col_text(st, 2));
		u->account_id = store_col_int64(st, 3);
		snprintf(u->display, sizeof(u->display), "%s",
		    store_col_text(st, 4));
		snprintf(u->fp, sizeof(u->fp), "%s", store_col_text(st, 5));
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return 0;
	return rc == STORE_DONE ? 1 : -1;
}

/* Finds the big unit: o->big_unit_id, else the demo VIP unit; sets
 * p->units[0].id to 0 when a new unit is to be it.  Returns 0 or -1. */
static int
pop_big_unit(struct pop *p)
{
	int64_t	 id = p->o->big_unit_id;
	int	 rc;

	if (id <= 0 && store_int(p->s, "SELECT unit_id FROM accounts WHERE "
	    "username = 'demo-vip' AND kind = 'unit'", STORE_NOPARAM, 0,
	    &id) == -1)
		return -1;
	if (id <= 0) {
		p->units[0].id = 0;
		return 0;
	}
	if ((rc = pop_unit_load(p->s, id, &p->units[0])) == 1)
		log_err("populate: unit %" PRId64 " does not exist", id);
	return rc == 0 ? 0 : -1;
}

/* Reads today, the 缴费基数 limits, the next ids, the codes in use and
 * the reviewers.  Returns 0 or -1. */
static int
pop_context(struct pop *p)
{
	struct hdate	 d;
	struct store_stmt	*st;
	long long	 avg, lo, hi;
	char		 pw[40];
	unsigned char	 rnd[16];
	size_t		 i;
	int		 rc;

	p->now = (int64_t)clock_now();
	clock_today(&p->today);
	p->today_day = hdate_to_days(&p->today);
	p->today_mon = pop_mon_of(p->today_day);
	if (policy_int(p->s, POP_REGION, "wage.avg_monthly_fen", &p->today,
	    745000, &avg) == -1 ||
	    policy_int(p->s, POP_REGION, "base.floor_pct", &p->today, 60,
	    &lo) == -1 ||
	    policy_int(p->s, POP_REGION, "base.ceiling_pct", &p->today, 300,
	    &hi) == -1)
		return -1;
	p->base_min = avg * lo / 100;
	p->base_max = avg * hi / 100;
	if (pop_int(p->s, "SELECT COALESCE(MAX(id), 0) + 1 FROM units", 1,
	    &p->next_unit) == -1 ||
	    pop_int(p->s, "SELECT COALESCE(MAX(id), 0) + 1 FROM accounts", 1,
	    &p->next_account) == -1 ||
	    pop_int(p->s, "SELECT COALESCE(MAX(id), 0) + 1 FROM persons", 1,
	    &p->next_person) == -1 ||
	    pop_int(p->s, "SELECT COALESCE(MAX(id), 0) + 1 FROM employments",
	    1, &p->next_emp) == -1 ||
	    pop_int(p->s, "SELECT COALESCE(MAX(id), 0) + 1 FROM insurance", 1,
	    &p->next_ins) == -1 ||
	    pop_int(p->s, "SELECT COALESCE(MAX(id), 0) + 1 FROM tasks", 1,
	    &p->next_task) == -1)
		return -1;
	if (pop_codes_load(p->s, "SELECT idno FROM persons", &p->idnos) == -1 ||
	    pop_codes_load(p->s, "SELECT uscc FROM units", &p->usccs) == -1)
		return -1;

	/* Births from 60 years back to 20 years back. */
	d = p->today;
	d.year -= 60;
	d.month = 1;
	d.day = 1;
	p->birth0 = hdate_to_days(&d);
	d.year += 40;
	p->nbirth = hdate_to_days(&d) - p->birth0;
	pop_perm_init(&p->idperm, pop_mix(p->o->seed ^ 0x1d1d1d1dULL),
	    (uint64_t)p->nbirth * N(pop_districts) * 1000);
	p->id_extra = (uint64_t)p->o->persons;
	pop_perm_init(&p->orgperm, pop_mix(p->o->seed ^ 0x0a0a0a0aULL),
	    90000000);
	p->org_extra = (uint64_t)p->o->units;

	/* One hash of a random password nobody keeps: every new account
	 * is closed until password-reset gives it one. */
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return -1;
	for (i = 0; i < sizeof(rnd); i++)
		snprintf(pw + i * 2, 3, "%02x", rnd[i]);
	rc = pw_hash(pw, p->pw_hash, sizeof(p->pw_hash));
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(rnd, sizeof(rnd));
	if (rc == -1)
		return -1;

	if (pop_big_unit(p) == -1)
		return -1;
	if ((st = store_stmt(p->s, "SELECT a.id, a.display_name, "
	    "COALESCE((SELECT c.fingerprint FROM certs c WHERE "
	    "c.account_id = a.id AND c.revoked = 0 ORDER BY c.fingerprint LIMIT 1), "
	    "'') FROM accounts a WHERE a.kind = 'reviewer' ORDER BY a.id")) ==
	    NULL)
		return -1;
	while ((rc = store_step(st)) == STORE_ROW && p->nrev < POP_MAX_REV) {
		p->rev[p->nrev].id = store_col_int64(st, 0);
		snprintf(p->rev[p->nrev].display, sizeof(p->rev[0].display),
		    "%s", store_col_text(st, 1));
		snprintf(p->rev[p->nrev].fp, sizeof(p->rev[0].fp), "%s",
		    store_col_text(st, 2));
		p->nrev++;
	}
	store_reset(st);
	if (rc != STORE_DONE && rc != STORE_ROW)
		return -1;
	return 0;
}

/* ---- Units, accounts, reviewers ---- */

/* Inserts an account with its made-up certificate binding; fills
 * *id, and fp[65].  kind "unit" (unit_id > 0) or "reviewer".
 * Returns 0 or -1. */
static int
pop_account(struct pop *p, const char *kind, int64_t unit_id,
    const char *username, const char *display, const char *org,
    int64_t created, int64_t *id, char fp[65])
{
	struct store_stmt	*st;
	char		 text[128], subject[256], serial[24];

	*id = p->next_account++;
	if ((st = store_stmt(p->s, "INSERT INTO accounts (id, kind, unit_id, "
	    "username, display_name, pw_hash, must_change, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)")) == NULL ||
	    store_bind_int(st, 1, *id) || store_bind_text(st, 2, kind) ||
	    (unit_id > 0 ? store_bind_int(st, 3, unit_id) :
	    store_bind_null(st, 3)) ||
	    store_bind_text(st, 4, username) ||
	    store_bind_text(st, 5, display) ||
	    store_bind_text(st, 6, p->pw_hash) ||
	    store_bind_int(st, 7, created) || store_exec_stmt(p->s, st))
		return -1;
	snprintf(text, sizeof(text), "hall-populate:%s", username);
	if (pop_sha256_hex(text, fp) == -1)
		return -1;
	snprintf(serial, sizeof(serial), "%016" PRIX64,
	    pop_mix((uint64_t)*id ^ p->o->seed));
	snprintf(subject, sizeof(subject), "CN=%s,O=%s,C=CN", username, org);
	if ((st = store_stmt(p->s, "INSERT INTO certs (fingerprint, "
	    "account_id, serial, subject, not_after, revoked) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, 0)")) == NULL ||
	    store_bind_text(st, 1, fp) || store_bind_int(st, 2, *id) ||
	    store_bind_text(st, 3, serial) || store_bind_text(st, 4, subject) ||
	    store_bind_int(st, 5, p->now + 365 * 86400) ||
	    store_exec_stmt(p->s, st))
		return -1;
	p->c->accounts++;
	return pop_tick(p, 2);
}

/* Whether an account is named username.  Returns 1, 0 or -1. */
static int
pop_username_taken(struct store *s, const char *username)
{
	struct store_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, "SELECT 1 FROM accounts WHERE username = ?1"))
	    == NULL || store_bind_text(st, 1, username))
		return -1;
	rc = store_step(st);
	store_reset(st);
	if (rc == STORE_ROW)
		return 1;
	return rc == STORE_DONE ? 0 : -1;
}

/* Adds the reviewers shenhe-01.. up to POP_REVIEWERS in all.
 * Returns 0 or -1. */
static int
pop_reviewers(struct pop *p)
{
	static const char *const names[] = { "一", "二", "三", "四" };
	char		 user[32], display[64];
	size_t		 i;
	int		 rc;

	for (i = 0; i < N(names) && p->nrev < POP_REVIEWERS; i++) {
		snprintf(user, sizeof(user), "shenhe-%02zu", i + 1);
		if ((rc = pop_username_taken(p->s, user)) == -1)
			return -1;
		if (rc == 1)
			continue;
		snprintf(display, sizeof(display), "市社保中心审核员%s", names[i]);
		if (pop_account(p, "reviewer", 0, user, display,
		    "武汉市社会保险管理中心", p->now - POP_HISTORY * 86400LL -
		    30 * 86400, &p->rev[p->nrev].id, p->rev[p->nrev].fp) == -1)
			return -1;
		snprintf(p->rev[p->nrev].display, sizeof(p->rev[0].display),
		    "%s", display);
		p->nrev++;
	}
	return 0;
}

/* The unit's declarations of the last years and 应收核定 of the last
 * twelve months (kept where they exist).  Returns 0 or -1. */
static int
pop_unit_periods(struct pop *p, int64_t unit_id)
{
	struct store_stmt	*st;
	struct hdate	 jan;
	char		 mon[11];
	long		 m;
	int		 y;

	for (y = p->today.year - 3; y <= p->today.year; y++) {
		jan.year = y;
		jan.month = 1;
		jan.day = 5;
		if ((st = store_stmt(p->s, "INSERT OR IGNORE INTO "
		    "wage_declarations (unit_id, year, declared_at) VALUES "
		    "(?1, ?2, ?3)")) == NULL || store_bind_int(st, 1, unit_id) ||
		    store_bind_int(st, 2, y) ||
		    store_bind_int(st, 3, pop_at(hdate_to_days(&jan), 36000)) ||
		    store_exec_stmt(p->s, st))
			return -1;
	}
	for (m = p->today_mon - 12; m < p->today_mon; m++) {
		pop_fmt_mon(m, mon);
		jan.year = (int)(m / 12);
		jan.month = (int)(m % 12) + 1;
		jan.day = 25;
		if ((st = store_stmt(p->s, "INSERT OR IGNORE INTO assessments "
		    "(unit_id, month, assessed_at) VALUES (?1, ?2, ?3)")) == NULL ||
		    store_bind_int(st, 1, unit_id) ||
		    store_bind_text(st, 2, mon) ||
		    store_bind_int(st, 3, pop_at(hdate_to_days(&jan), 54000)) ||
		    store_exec_stmt(p->s, st))
			return -1;
	}
	return pop_tick(p, 16);
}

/* Inserts new unit i (the big unit when big, VIP then) into u.
 * Returns 0 or -1. */
static int
pop_unit_new(struct pop *p, uint64_t i, int big, struct pop_unit *u)
{
	struct store_stmt	*st;
	char		 uscc[POP_ID_LEN], name[160], shortname[96];
	char		 sb[32], user[32], addr[160], legal[32], postcode[8];
	size_t		 d;
	int64_t		 created;

	memset(u, 0, sizeof(*u));
	u->id = p->next_unit++;
	u->vip = big || pop_chance(&p->g, 0.05);
	d = pop_rand(&p->g, (uint32_t)N(pop_districts));
	if (pop_uscc(p, i, pop_districts[d][0], uscc) == -1)
		return -1;
	snprintf(shortname, sizeof(shortname), "%s%s%s",
	    POP_PICK(&p->g, pop_firm_words), POP_PICK(&p->g, pop_firm_words),
	    POP_PICK(&p->g, pop_trades));
	snprintf(name, sizeof(name), "武汉%s%s", shortname,
	    POP_PICK(&p->g, pop_firm_kinds));
	snprintf(sb, sizeof(sb), "%s%06" PRId64, POP_REGION, u->id);
	snprintf(legal, sizeof(legal), "%s%s", POP_PICK(&p->g, pop_surnames),
	    POP_PICK(&p->g, pop_given_male));
	snprintf(u->contact, sizeof(u->contact), "%s%s",
	    POP_PICK(&p->g, pop_surnames), POP_PICK(&p->g, pop_given_female));
	snprintf(u->phone, sizeof(u->phone), "027-8%07u",
	    pop_rand(&p->g, 10000000));
	snprintf(postcode, sizeof(postcode), "4300%02u", pop_rand(&p->g, 90));
	snprintf(addr, sizeof(addr), "武汉市%s%s%u号", pop_districts[d][1],
	    POP_PICK(&p->g, pop_streets), 1 + pop_rand(&p->g, 999));
	if ((st = store_stmt(p->s, "INSERT INTO units (id, uscc, name, "
	    "sb_code, vip, region, industry_rate_permille, legal_rep, contact, "
	    "phone, postcode, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12)")) == NULL ||
	    store_bind_int(st, 1, u->id) || store_bind_text(st, 2, uscc) ||
	    store_bind_text(st, 3, name) || store_bind_text(st, 4, sb) ||
	    store_bind_int(st, 5, u->vip) ||
	    store_bind_text(st, 6, POP_REGION) ||
	    store_bind_int(st, 7, (int64_t)(2 + pop_rand(&p->g, 4) * 3)) ||
	    store_bind_text(st, 8, legal) ||
	    store_bind_text(st, 9, u->contact) ||
	    store_bind_text(st, 10, u->phone) ||
	    store_bind_text(st, 11, postcode) ||
	    store_bind_text(st, 12, addr) || store_exec_stmt(p->s, st))
		return -1;
	p->c->units++;
	snprintf(user, sizeof(user), "dw%07" PRId64, u->id);
	snprintf(u->display, sizeof(u->display), "%s经办人", shortname);
	created = p->now - (int64_t)(POP_HISTORY + 30 +
	    pop_rand(&p->g, 2000)) * 86400;
	if (pop_account(p, "unit", u->id, user, u->display, name, created,
	    &u->account_id, u->fp) == -1 ||
	    pop_unit_periods(p, u->id) == -1)
		return -1;
	return pop_tick(p, 1);
}

/* Inserts the new units and builds the weights by which persons pick
 * them (a few large, most small).  Returns 0 or -1. */
static int
pop_units(struct pop *p)
{
	struct pop_unit	 tmp;
	uint64_t	 i, n = (uint64_t)p->o->units;
	size_t		 k, j;
	double		 sum = 0;

	if (p->units[0].id == 0) {
		if (n == 0) {
			log_err("populate: no big unit: give --units or "
			    "--big-unit-id");
			return -1;
		}
		if (pop_unit_new(p, 0, 1, &p->units[0]) == -1)
			return -1;
		i = 1;
	} else {
		i = 0;
		if (p->units[0].account_id == 0) {
			char	 user[32];

			snprintf(user, sizeof(user), "dw%07" PRId64,
			    p->units[0].id);
			snprintf(p->units[0].display,
			    sizeof(p->units[0].display), "单位经办人");
			if (pop_account(p, "unit", p->units[0].id, user,
			    p->units[0].display, "单位", p->now -
			    (POP_HISTORY + 60) * 86400LL,
			    &p->units[0].account_id, p->units[0].fp) == -1)
				return -1;
		}
		if (pop_unit_periods(p, p->units[0].id) == -1)
			return -1;
	}
	p->nunits = 1;
	for (; i < n; i++) {
		if (pop_unit_new(p, i, 0, &p->units[p->nunits]) == -1)
			return -1;
		p->nunits++;
	}
	/* Sizes ~ 1 / sqrt(rank), ranks shuffled over the units. */
	if (p->nunits > 1) {
		for (k = p->nunits - 1; k > 1; k--) {
			j = 1 + pop_rand(&p->g, (uint32_t)k);
			tmp = p->units[k];
			p->units[k] = p->units[j];
			p->units[j] = tmp;
		}
		for (k = 1; k < p->nunits; k++) {
			sum += 1.0 / pop_sqrt((double)k);
			p->cum[k] = sum;
		}
	}
	return 0;
}

/* ---- Persons, employments, 参保 ---- */

/* A unit for a person outside the big unit, by the units' weights. */
static uint32_t
pop_pick_unit(struct pop *p)
{
	double	 r;
	size_t	 lo, hi, mid;

	if (p->nunits <= 1)
		return 0;
	r = (double)(pop_next(&p->g) >> 11) * (1.0 / 9007199254740992.0) *
	    p->cum[p->nunits - 1];
	lo = 1;
	hi = p->nunits - 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->cum[mid] <= r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* A unit other than u (u itself when there is no other). */
static uint32_t
pop_other_unit(struct pop *p, uint32_t u)
{
	uint32_t	 k;
	int		 i;

	if (p->nunits <= 1)
		return u;
	for (i = 0; i < 8; i++)
		if ((k = pop_pick_unit(p)) != u)
			return k;
	return u == 0 ? 1 : 0;
}

/* A mobile number into out[12]. */
static void
pop_mobile(struct pop_rng *g, char out[12])
{
	snprintf(out, 12, "%s%08u", POP_PICK(g, pop_mobile_prefix),
	    pop_rand(g, 100000000));
}

/* An address in Wuhan into out[128]. */
static void
pop_address(struct pop_rng *g, char out[128])
{
	snprintf(out, 128, "武汉市%s%s%u号%u室",
	    pop_districts[pop_rand(g, (uint32_t)N(pop_districts))][1],
	    POP_PICK(g, pop_streets), 1 + pop_rand(g, 800),
	    101 + pop_rand(g, 30) * 100 + pop_rand(g, 6));
}

/* Generates person i (not inserted) into pp.  Returns 0 or -1. */
static int
pop_person_make(struct pop *p, uint64_t i, struct pop_person *pp)
{
	size_t	 d;
	int	 age;

	memset(pp, 0, sizeof(*pp));
	if (pop_idno(p, i, pp) == -1)
		return -1;
	pp->id = p->next_person++;
	snprintf(pp->name, sizeof(pp->name), "%s%s",
	    POP_PICK(&p->g, pop_surnames), pp->male ?
	    POP_PICK(&p->g, pop_given_male) :
	    POP_PICK(&p->g, pop_given_female));
	pp->rural = pop_chance(&p->g, 0.2);
	pp->nation = POP_PICK(&p->g, pop_nations);
	age = p->today.year - pp->birth.year;
	pp->marital = age > 28 && pop_chance(&p->g, 0.85) ? "已婚" : "未婚";
	pp->education = POP_PICK(&p->g, pop_education);
	for (d = 0; d < N(pop_districts); d++)
		if (strncmp(pp->idno, pop_districts[d][0], 6) == 0)
			break;
	snprintf(pp->hukou_addr, sizeof(pp->hukou_addr),
	    "湖北省武汉市%s%s%u号", d < N(pop_districts) ?
	    pop_districts[d][1] : "江岸区", POP_PICK(&p->g, pop_streets),
	    1 + pop_rand(&p->g, 500));
	pop_address(&p->g, pp->address);
	pop_mobile(&p->g, pp->mobile);
	return 0;
}

/* Inserts person pp, who started work on first_start.  Returns 0 or
 * -1. */
static int
pop_person_insert(struct pop *p, struct pop_person *pp, long first_start)
{
	struct store_stmt	*st;
	char		 birth[11];
	long		 ws;

	ws = pop_add_years(pp->birth_day, 19 + (int)pop_rand(&p->g, 4));
	if (ws > first_start)
		ws = first_start;
	pop_fmt_day(ws, pp->work_start);
	hdate_fmt(&pp->birth, birth);
	if ((st = store_stmt(p->s, "INSERT INTO persons (id, idno, name, sex, "
	    "birth, hukou_type, nation, marital, education, hukou_addr, "
	    "address, mobile, mail_addr, postcode, work_start) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, '430000', ?13)"))
	    == NULL || store_bind_int(st, 1, pp->id) ||
	    store_bind_text(st, 2, pp->idno) ||
	    store_bind_text(st, 3, pp->name) ||
	    store_bind_text(st, 4, pp->male ? "男" : "女") ||
	    store_bind_text(st, 5, birth) ||
	    store_bind_text(st, 6, pp->rural ? "农村" : "城镇") ||
	    store_bind_text(st, 7, pp->nation) ||
	    store_bind_text(st, 8, pp->marital) ||
	    store_bind_text(st, 9, pp->education) ||
	    store_bind_text(st, 10, pp->hukou_addr) ||
	    store_bind_text(st, 11, pp->address) ||
	    store_bind_text(st, 12, pp->mobile) ||
	    store_bind_text(st, 13, pp->work_start) || store_exec_stmt(p->s, st))
		return -1;
	p->c->persons++;
	return pop_tick(p, 1);
}

/* Makes an employment of person pp at unit u starting after day after
 * (-1: any time): 在职 when end < 0, else ended on end (its contract
 * expiring then when expiry).  Returns 0, 1 when the person is too
 * young for it, -1 never. */
static int
pop_job_make(struct pop *p, const struct pop_person *pp, uint32_t u,
    long end, int expiry, long after, struct pop_job *j)
{
	long	 adult, lo, hi, until, c, start_mon, prior;
	int	 term;

	memset(j, 0, sizeof(*j));
	adult = pop_add_years(pp->birth_day, 18);
	until = end < 0 ? p->today_day + 45 : end;
	if (end < 0) {
		lo = p->today_day - 3650;
		hi = p->today_day - 30;
	} else {
		lo = end - 3650;
		hi = end - 180;
	}
	if (lo < adult)
		lo = adult;
	if (after >= 0 && lo <= after)
		lo = after + 1;
	if (lo > hi)
		return 1;
	j->unit = u;
	j->end = end;
	j->start = pop_range(&p->g, lo, hi);
	if (end >= 0 && expiry)
		j->cend = end;
	else if (pop_rand(&p->g, 6) == 0)
		j->cend = -1;
	else {
		term = pop_chance(&p->g, 0.5) ? 3 : 5;
		c = j->start;
		do
			c = pop_add_years(c, term);
		while (c - 1 <= until);
		j->cend = c - 1;
	}
	j->post = (int)pop_rand(&p->g, (uint32_t)N(pop_posts));
	j->wage_fen = (int64_t)(40 + pop_rand(&p->g, 111)) * 10000;
	j->category = pp->rural && pop_chance(&p->g, 0.3) ? "农籍工" : "合同制";
	j->ended = end >= 0;
	j->stopped = end >= 0;
	start_mon = pop_mon_of(j->start);
	j->last_paid_mon = end >= 0 ? pop_mon_of(end) : p->today_mon - 1;
	j->stop_mon = end >= 0 ? pop_mon_of(end) + 1 : 0;
	prior = (pop_mon_of(j->start) - pop_mon_of(adult));
	prior = prior > 0 ? (long)pop_rand(&p->g, (uint32_t)prior + 1) : 0;
	j->contrib = (int)(j->last_paid_mon - start_mon + 1 + prior);
	if (j->contrib < 1)
		j->contrib = 1;
	j->emp_id = p->next_emp++;
	j->ins_id = p->next_ins++;
	return 0;
}

/* The 缴费基数 of a wage: clamped to the policy's limits. */
static int64_t
pop_base(const struct pop *p, int64_t wage)
{
	return wage < p->base_min ? p->base_min : wage > p->base_max ?
	    p->base_max : wage;
}

/* The contract number of j: start year and employment id. */
static void
pop_contract_no(long start, int64_t emp_id, char out[32])
{
	struct hdate	 d;

	hdate_from_days(start, &d);
	snprintf(out, 32, "HT%04d-%07" PRId64, d.year, emp_id);
}

/* Inserts j of person pp with its 参保.  Returns 0 or -1. */
static int
pop_job_insert(struct pop *p, const struct pop_person *pp,
    const struct pop_job *j)
{
	struct store_stmt	*st;
	char		 cno[32], start[11], cend[11], end[11], m1[11], m2[11];
	char		 m3[11], sb[16];

	pop_contract_no(j->start, j->emp_id, cno);
	pop_fmt_day(j->start, start);
	if (j->cend >= 0)
		pop_fmt_day(j->cend, cend);
	if (j->end >= 0)
		pop_fmt_day(j->end, end);
	if ((st = store_stmt(p->s, "INSERT INTO employments (id, person_id, "
	    "unit_id, contract_no, start_date, end_date, post, wage_fen, "
	    "category, status, registered_at, ended_at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?5, ?11)")) == NULL ||
	    store_bind_int(st, 1, j->emp_id) ||
	    store_bind_int(st, 2, pp->id) ||
	    store_bind_int(st, 3, p->units[j->unit].id) ||
	    store_bind_text(st, 4, cno) || store_bind_text(st, 5, start) ||
	    store_bind_text(st, 6, j->cend >= 0 ? cend : NULL) ||
	    store_bind_text(st, 7, pop_posts[j->post]) ||
	    store_bind_int(st, 8, j->wage_fen) ||
	    store_bind_text(st, 9, j->category) ||
	    store_bind_text(st, 10, j->ended ? "已退工" : "在职") ||
	    store_bind_text(st, 11, j->ended ? end : NULL) ||
	    store_exec_stmt(p->s, st))
		return -1;
	pop_fmt_mon(pop_mon_of(j->start), m1);
	pop_fmt_mon(j->last_paid_mon, m2);
	if (j->stopped)
		pop_fmt_mon(j->stop_mon, m3);
	snprintf(sb, sizeof(sb), "4201%08" PRId64, pp->id % 100000000);
	if ((st = store_stmt(p->s, "INSERT INTO insurance (id, person_id, "
	    "unit_id, sb_no, start_month, status, stop_month, last_paid_month, "
	    "base_fen, contrib_months) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9, ?10)")) == NULL ||
	    store_bind_int(st, 1, j->ins_id) || store_bind_int(st, 2, pp->id) ||
	    store_bind_int(st, 3, p->units[j->unit].id) ||
	    store_bind_text(st, 4, sb) || store_bind_text(st, 5, m1) ||
	    store_bind_text(st, 6, j->stopped ? "暂停缴费" : "参保缴费") ||
	    store_bind_text(st, 7, j->stopped ? m3 : NULL) ||
	    store_bind_text(st, 8, m2) ||
	    store_bind_int(st, 9, pop_base(p, j->wage_fen)) ||
	    store_bind_int(st, 10, j->contrib) || store_exec_stmt(p->s, st))
		return -1;
	p->c->employments++;
	p->c->insurance++;
	return pop_tick(p, 2);
}

/* Arrears of an active job: now and then unpaid months, more often a
 * settled one.  Returns 0 or -1. */
static int
pop_arrears(struct pop *p, const struct pop_person *pp,
    const struct pop_job *j)
{
	struct store_stmt	*st;
	char		 mon[11];
	long		 m, first = pop_mon_of(j->start);
	int		 n = 0, settled = 0, k;

	if (pop_chance(&p->g, 0.01))
		n = 1 + (int)pop_rand(&p->g, 3);
	else if (pop_chance(&p->g, 0.015)) {
		n = 1;
		settled = 1;
	}
	for (k = 0; k < n; k++) {
		m = settled ? pop_range(&p->g, first, p->today_mon - 2) :
		    p->today_mon - 1 - k;
		if (m < first)
			break;
		pop_fmt_mon(m, mon);
		if ((st = store_stmt(p->s, "INSERT INTO arrears (person_id, "
		    "unit_id, month, amount_fen, settled) VALUES (?1, ?2, ?3, "
		    "?4, ?5)")) == NULL || store_bind_int(st, 1, pp->id) ||
		    store_bind_int(st, 2, p->units[j->unit].id) ||
		    store_bind_text(st, 3, mon) ||
		    store_bind_int(st, 4, pop_base(p, j->wage_fen) * 422 / 1000) ||
		    store_bind_int(st, 5, settled) || store_exec_stmt(p->s, st))
			return -1;
		p->c->arrears++;
		if (pop_tick(p, 1) == -1)
			return -1;
	}
	return 0;
}

/* Adds an audit entry at at for act of task or change ref.  Returns 0
 * or -1. */
static int
pop_aent_add(struct pop *p, int64_t at, enum pop_act act, size_t ref)
{
	struct pop_aent	*a;

	if (at == 0)
		return 0;
	if (pop_grow(&p->aents, &p->capaents, p->naents, sizeof(*a)) == -1)
		return -1;
	a = &p->aents[p->naents];
	a->at = at;
	a->ref = (uint32_t)ref;
	a->order = (uint32_t)p->naents;
	a->act = (uint8_t)act;
	p->naents++;
	return 0;
}

/* Now and then a 信息变更 of an active job's person (手机号码 or 常住地
 * 详细地址), made by the unit's clerk.  Returns 0 or -1. */
static int
pop_change(struct pop *p, const struct pop_person *pp,
    const struct pop_job *j)
{
	struct store_stmt	*st;
	struct pop_change	*ch;
	const struct pop_unit	*u = &p->units[j->unit];
	long		 lo;

	if (!pop_chance(&p->g, 0.04))
		return 0;
	if (pop_grow(&p->changes, &p->capchanges, p->nchanges,
	    sizeof(*ch)) == -1)
		return -1;
	ch = &p->changes[p->nchanges];
	memset(ch, 0, sizeof(*ch));
	ch->person_id = pp->id;
	ch->unit = j->unit;
	ch->field = (uint8_t)pop_rand(&p->g, (uint32_t)N(pop_change_fields));
	lo = j->start + 1;
	if (lo < p->today_day - POP_HISTORY)
		lo = p->today_day - POP_HISTORY;
	ch->at = pop_at(pop_range(&p->g, lo, p->today_day - 1), POP_OFFICE +
	    (long)pop_rand(&p->g, 9 * 3600));
	if (ch->field == 0) {
		pop_mobile(&p->g, ch->old);
		snprintf(ch->new, sizeof(ch->new), "%s", pp->mobile);
	} else {
		pop_address(&p->g, ch->old);
		snprintf(ch->new, sizeof(ch->new), "%s", pp->address);
	}
	if ((st = store_stmt(p->s, "INSERT INTO change_records (unit_id, "
	    "person_id, field, old_value, new_value, account_id, at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7)")) == NULL ||
	    store_bind_int(st, 1, u->id) || store_bind_int(st, 2, pp->id) ||
	    store_bind_text(st, 3, pop_change_fields[ch->field]) ||
	    store_bind_text(st, 4, ch->old) || store_bind_text(st, 5, ch->new) ||
	    store_bind_int(st, 6, u->account_id) ||
	    store_bind_int(st, 7, ch->at) || store_exec_stmt(p->s, st))
		return -1;
	if (pop_aent_add(p, ch->at, PA_CHANGE, p->nchanges) == -1)
		return -1;
	p->nchanges++;
	p->c->changes++;
	return pop_tick(p, 1);
}

/* ---- Task plans ---- */

/* A 退工原因 by the weights (expiry allowed or not). */
static uint8_t
pop_tg_reason(struct pop_rng *g, int expiry_ok)
{
	int	 r, i, total = 0;

	for (i = 0; i < TR__MAX; i++)
		if (expiry_ok || i != TR_EXPIRY)
			total += pop_tg_weights[i];
	r = (int)pop_rand(g, (uint32_t)total);
	for (i = 0; i < TR__MAX; i++) {
		if (!expiry_ok && i == TR_EXPIRY)
			continue;
		if (r < pop_tg_weights[i])
			return (uint8_t)i;
		r -= pop_tg_weights[i];
	}
	return TR_RESIGN;
}

/* A reviewer index + 1 (0 when there is none). */
static uint8_t
pop_reviewer(struct pop *p)
{
	return p->nrev == 0 ? 0 : (uint8_t)(1 + pop_rand(&p->g,
	    (uint32_t)p->nrev));
}

/* The latest day of f's steps. */
static long
pop_flow_last(const struct pop_flow *f)
{
	const struct pop_when	*w[] = { &f->created, &f->submit1, &f->reject,
	    &f->submit2, &f->decided, &f->cancelled, &f->print_tg,
	    &f->print_zh };
	long			 last = 0;
	size_t			 i;

	for (i = 0; i < N(w); i++)
		if (w[i]->set && w[i]->day > last)
			last = w[i]->day;
	return last;
}

/* Plans the steps of a task that ends 结束, created days after from
 * (from not set: on day 0), with a 回退 now and then for a 普通 unit;
 * printed as the business allows.  Fills f. */
static void
pop_flow_done(struct pop *p, int vip, const struct pop_when *from,
    long days, int tuigong, struct pop_flow *f)
{
	const struct pop_when	*last;

	memset(f, 0, sizeof(*f));
	if (from != NULL)
		f->created = *from;
	pop_step(&p->g, &f->created, days);
	f->submit1 = f->created;
	pop_step(&p->g, &f->submit1, vip ? 0 : pop_range(&p->g, 0, 1));
	last = &f->submit1;
	if (!vip && pop_chance(&p->g, 0.08)) {
		f->reject = f->submit1;
		pop_step(&p->g, &f->reject, pop_range(&p->g, 1, 3));
		f->submit2 = f->reject;
		pop_step(&p->g, &f->submit2, pop_range(&p->g, 0, 2));
		last = &f->submit2;
	}
	f->decided = *last;
	if (!vip)		/* a VIP's is decided in the same second */
		pop_step(&p->g, &f->decided, pop_range(&p->g, 1, 3));
	if (tuigong && pop_chance(&p->g, 0.7)) {
		f->print_tg = f->decided;
		pop_step(&p->g, &f->print_tg, pop_range(&p->g, 0, 10));
	}
	if (pop_chance(&p->g, 0.4)) {
		f->print_zh = f->decided;
		pop_step(&p->g, &f->print_zh, pop_range(&p->g, 1, 20));
	}
}

/* Plans an open 退工 after from: 未提交, 进行中 or 回退 (a VIP's only
 * 未提交).  Fills f; returns the state. */
static enum pop_state
pop_flow_open(struct pop *p, int vip, const struct pop_when *from,
    struct pop_flow *f)
{
	uint32_t	 r = vip ? 0 : pop_rand(&p->g, 10);

	memset(f, 0, sizeof(*f));
	f->created = *from;
	pop_step(&p->g, &f->created, pop_range(&p->g, 0, 1));
	if (r < 4)
		return PS_DRAFT;
	f->submit1 = f->created;
	pop_step(&p->g, &f->submit1, pop_range(&p->g, 0, 1));
	if (r < 8)
		return PS_PENDING;
	f->reject = f->submit1;
	pop_step(&p->g, &f->reject, pop_range(&p->g, 1, 2));
	return PS_DRAFT;
}

/* A new plan for person pp's job j (borrowed fields copied).  Returns
 * it, or NULL (logged). */
static struct pop_task *
pop_task_new(struct pop *p, const struct pop_person *pp,
    const struct pop_job *j, enum pop_biz biz)
{
	struct pop_task	*t;

	if (p->ntasks >= UINT32_MAX - 1 ||
	    pop_grow(&p->tasks, &p->captasks, p->ntasks, sizeof(*t)) == -1)
		return NULL;
	t = &p->tasks[p->ntasks];
	memset(t, 0, sizeof(*t));
	t->order = (uint32_t)p->ntasks++;
	t->person_id = pp->id;
	t->emp_id = j->emp_id;
	t->ins_id = j->ins_id;
	t->unit = j->unit;
	t->biz = (uint8_t)biz;
	t->cstart_day = j->start;
	t->cend_day = j->cend;
	t->last_paid_mon = j->last_paid_mon;
	t->male = (uint8_t)pp->male;
	t->rural = (uint8_t)pp->rural;
	t->post = (uint8_t)j->post;
	snprintf(t->name, sizeof(t->name), "%s", pp->name);
	memcpy(t->idno, pp->idno, sizeof(t->idno));
	memcpy(t->mobile, pp->mobile, sizeof(t->mobile));
	return t;
}

/* Sets t's times from f anchored on day anchor, and its state. */
static void
pop_task_times(struct pop_task *t, long anchor, const struct pop_flow *f,
    enum pop_state state)
{
	t->created = pop_abs(anchor, &f->created);
	t->submit1 = pop_abs(anchor, &f->submit1);
	t->reject = pop_abs(anchor, &f->reject);
	t->submit2 = pop_abs(anchor, &f->submit2);
	t->decided = pop_abs(anchor, &f->decided);
	t->cancelled = pop_abs(anchor, &f->cancelled);
	t->print_tg = pop_abs(anchor, &f->print_tg);
	t->print_zh = pop_abs(anchor, &f->print_zh);
	t->state = (uint8_t)state;
}

/* The 逾期 flag of a 退工 ended on end_day: its first submission (or,
 * never submitted, its saving) more than 15 days later. */
static uint8_t
pop_overdue(const struct pop_task *t)
{
	int64_t	 first = t->submit1 != 0 ? t->submit1 : t->created;

	return pop_day_of(first) - t->end_day > 15;
}

/* Plans a person's end of employment at unit u within the history: a
 * 减员 (结束) then a 退工 (结束, or still open when tg_open), and makes
 * the job j ending then (starting after day after, -1 any).  Returns 0,
 * 1 when the person is too young for it (nothing planned), -1. */
static int
pop_plan_pair(struct pop *p, const struct pop_person *pp, uint32_t u,
    int tg_open, long after, struct pop_job *j)
{
	struct pop_flow	 jy, tg;
	struct pop_task	*t;
	enum pop_state	 tg_state = PS_DONE;
	long		 lo, hi, e, last;
	uint8_t		 reason;
	int		 vip = p->units[u].vip, late, rc;

	pop_flow_done(p, vip, NULL, pop_range(&p->g, 0, 4), 0, &jy);
	late = pop_chance(&p->g, 0.05);
	if (tg_open)
		tg_state = pop_flow_open(p, vip, &jy.decided, &tg);
	else
		pop_flow_done(p, vip, &jy.decided, late ? pop_range(&p->g, 16,
		    30) : pop_range(&p->g, 0, 5), 1, &tg);
	last = pop_flow_last(&tg);
	if (pop_flow_last(&jy) > last)
		last = pop_flow_last(&jy);
	lo = p->today_day - (tg_open ? 25 : POP_HISTORY);
	hi = p->today_day - 1 - last;
	if (hi < lo)
		return 1;
	e = pop_range(&p->g, lo, hi);
	reason = pop_tg_reason(&p->g, 1);
	if ((rc = pop_job_make(p, pp, u, e, reason == TR_EXPIRY, after,
	    j)) != 0)
		return rc;
	if (tg_open)
		j->ended = 0;	/* 减员 done, 退工 not yet */

	if ((t = pop_task_new(p, pp, j, PB_JIANYUAN)) == NULL)
		return -1;
	pop_task_times(t, e, &jy, PS_DONE);
	t->end_day = e;
	t->approver = vip ? 0 : pop_reviewer(p);
	t->rejecter = pop_reviewer(p);
	t->reject_reason = (uint8_t)pop_rand(&p->g,
	    (uint32_t)N(pop_reject_reasons));
	t->settled = 1;

	if ((t = pop_task_new(p, pp, j, PB_TUIGONG)) == NULL)
		return -1;
	pop_task_times(t, e, &tg, tg_state);
	t->end_day = e;
	t->reason = reason;
	t->approver = vip || tg_state != PS_DONE ? 0 : pop_reviewer(p);
	t->rejecter = pop_reviewer(p);
	t->reject_reason = (uint8_t)pop_rand(&p->g,
	    (uint32_t)N(pop_reject_reasons));
	t->compensation = (reason == TR_AGREED || reason == TR_DISMISS) &&
	    pop_chance(&p->g, 0.6);
	t->settled = 1;
	t->overdue = pop_overdue(t);
	return 0;
}

/* Now and then an open task of an active job j: a 减员 or a 退工 that
 * is 未提交, 进行中, 回退 or 退单.  Returns 0 or -1. */
static int
pop_plan_open(struct pop *p, const struct pop_person *pp,
    const struct pop_job *j)
{
	struct pop_flow	 f;
	struct pop_task	*t;
	enum pop_state	 state;
	enum pop_biz	 biz;
	long		 lo, hi, c;
	uint32_t	 r;
	int		 vip = p->units[j->unit].vip;

	biz = pop_chance(&p->g, 0.6) ? PB_JIANYUAN : PB_TUIGONG;
	r = pop_rand(&p->g, 100);
	memset(&f, 0, sizeof(f));
	if (biz == PB_TUIGONG)		/* not before its 减员 is done */
		r = r < 60 ? 0 : 75;
	if (vip && r >= 30 && r < 75)
		r = 0;
	if (r < 30) {			/* 未提交 */
		state = PS_DRAFT;
		lo = p->today_day - 45;
		hi = p->today_day - 1;
	} else if (r < 60) {		/* 进行中 */
		state = PS_PENDING;
		lo = p->today_day - 12;
		hi = p->today_day - 6;
	} else if (r < 75) {		/* 回退 */
		state = PS_DRAFT;
		lo = p->today_day - 30;
		hi = p->today_day - 5;
	} else {			/* 退单 */
		state = PS_CANCELLED;
		lo = p->today_day - POP_HISTORY;
		hi = p->today_day - 10;
	}
	if (lo < j->start + 7)
		lo = j->start + 7;
	if (hi < lo)
		return 0;
	c = pop_range(&p->g, lo, hi);
	pop_step(&p->g, &f.created, 0);
	/* A 退工 of a person still paying never passes its rules: it is
	 * only saved, and maybe cancelled. */
	if (r >= 30 && (r < 75 || (biz == PB_JIANYUAN && !vip &&
	    pop_chance(&p->g, 0.3)))) {
		f.submit1 = f.created;
		pop_step(&p->g, &f.submit1, pop_range(&p->g, 0, 1));
		if (r >= 60 || pop_chance(&p->g, 0.15)) {
			f.reject = f.submit1;
			pop_step(&p->g, &f.reject, pop_range(&p->g, 1, 2));
			if (r < 60) {	/* 进行中 again */
				f.submit2 = f.reject;
				pop_step(&p->g, &f.submit2, pop_range(&p->g,
				    0, 1));
			}
		}
	}
	if (state == PS_CANCELLED) {
		f.cancelled = f.reject.set ? f.reject : f.created;
		pop_step(&p->g, &f.cancelled, pop_range(&p->g, 0, 3));
	}
	if ((t = pop_task_new(p, pp, j, biz)) == NULL)
		return -1;
	pop_task_times(t, c, &f, state);
	t->end_day = c - pop_range(&p->g, 0, 5);
	if (t->end_day <= j->start)
		t->end_day = j->start + 1;
	t->reason = pop_tg_reason(&p->g, 0);
	t->rejecter = pop_reviewer(p);
	t->reject_reason = (uint8_t)pop_rand(&p->g,
	    (uint32_t)N(pop_reject_reasons));
	t->settled = 0;
	if (biz == PB_TUIGONG)
		t->overdue = pop_overdue(t);
	return 0;
}

/* Person i: who it is, its jobs and their plans.  Returns 0 or -1. */
static int
pop_person(struct pop *p, uint64_t i)
{
	struct pop_person	 pp;
	struct pop_job		 jobs[2];
	size_t			 n = 0, k;
	uint32_t		 u;
	long			 first;
	double			 r;
	int			 rc, active = -1;

	if (pop_person_make(p, i, &pp) == -1)
		return -1;
	r = (double)(pop_next(&p->g) >> 11) * (1.0 / 9007199254740992.0);
	if (i < (uint64_t)p->o->big_unit) {
		u = 0;
		r = 1.0;		/* active */
	} else if (i < (uint64_t)(p->o->big_unit + p->big_hist)) {
		u = 0;
		r = 0.0;		/* ended here within the history */
	} else
		u = pop_pick_unit(p);

	if (r < p->p_pair) {
		/* Ended within the history: here (and jobless), or at
		 * another unit before this job. */
		if (u != 0 && p->nunits > 2 && pop_chance(&p->g, 0.4)) {
			uint32_t	 prev = pop_other_unit(p, u);

			if ((rc = pop_plan_pair(p, &pp, prev, 0, -1,
			    &jobs[0])) == -1)
				return -1;
			if (rc == 0) {
				n = 1;
				if (pop_job_make(p, &pp, u, -1, 0,
				    jobs[0].end, &jobs[1]) == 0)
					active = (int)n++;
			}
		} else {
			if ((rc = pop_plan_pair(p, &pp, u, pop_chance(&p->g,
			    0.1), -1, &jobs[0])) == -1)
				return -1;
			if (rc == 0)
				n = 1;
		}
	} else if (r < p->p_pair + p->p_old) {
		/* Ended before the hall's history: no tasks. */
		long	 e = p->today_day - POP_HISTORY - 1 -
		    (long)pop_rand(&p->g, 5 * 365);

		if (pop_job_make(p, &pp, u, e, 0, -1, &jobs[0]) == 0) {
			n = 1;
			if (pop_chance(&p->g, 0.5) && pop_job_make(p, &pp,
			    pop_other_unit(p, u), -1, 0, e, &jobs[1]) == 0)
				active = (int)n++;
		}
	}
	if (n == 0) {			/* active (or too young for more) */
		if (pop_job_make(p, &pp, u, -1, 0, -1, &jobs[0]) != 0) {
			log_err("populate: person %" PRIu64 " fits no job", i);
			return -1;
		}
		active = 0;
		n = 1;
	}

	first = jobs[0].start;
	for (k = 1; k < n; k++)
		if (jobs[k].start < first)
			first = jobs[k].start;
	if (pop_person_insert(p, &pp, first) == -1)
		return -1;
	for (k = 0; k < n; k++)
		if (pop_job_insert(p, &pp, &jobs[k]) == -1)
			return -1;
	if (active >= 0) {
		if (pop_chance(&p->g, p->p_open)) {
			if (pop_plan_open(p, &pp, &jobs[active]) == -1)
				return -1;
		} else if (pop_arrears(p, &pp, &jobs[active]) == -1)
			return -1;
		if (pop_change(p, &pp, &jobs[active]) == -1)
			return -1;
	}
	return 0;
}

/* Sets the shares of the persons' fates from the sizes asked for. */
static void
pop_shares(struct pop *p)
{
	double	 persons = (double)p->o->persons;
	double	 big = (double)p->o->big_unit;
	double	 tasks = (double)p->o->tasks;
	double	 pairs = tasks * 0.88 / 2, rest, active;

	p->big_hist = (int64_t)(big / 4 < pairs / 4 ? big / 4 : pairs / 4);
	if (p->big_hist > p->o->persons - p->o->big_unit)
		p->big_hist = p->o->persons - p->o->big_unit;
	rest = persons - big - (double)p->big_hist;
	p->p_pair = rest > 0 ? (pairs - (double)p->big_hist) / rest : 0;
	if (p->p_pair < 0)
		p->p_pair = 0;
	if (p->p_pair > 0.5)
		p->p_pair = 0.5;
	p->p_old = 0.04;
	active = big + rest * (1 - p->p_pair * 0.6 - p->p_old * 0.5);
	p->p_open = active > 0 ? tasks * 0.12 / active : 0;
	if (p->p_open > 0.5)
		p->p_open = 0.5;
}

/* Every person.  Returns 0 or -1. */
static int
pop_persons(struct pop *p)
{
	uint64_t	 i;

	for (i = 0; i < (uint64_t)p->o->persons; i++) {
		if (pop_person(p, i) == -1)
			return -1;
		if ((i + 1) % 200000 == 0)
			pop_say(p, "人员 %" PRIu64 " 名", i + 1);
	}
	return 0;
}

/* ---- Writing the tasks ---- */

/* Orders plans by creation, then by planning order. */
static int
pop_task_cmp(const void *a, const void *b)
{
	const struct pop_task	*x = a, *y = b;

	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The 业务顺序号 of t into out[32]: its creation day and id. */
static void
pop_seq(const struct pop_task *t, char out[32])
{
	struct hdate	 d;

	hdate_from_days(pop_day_of(t->created), &d);
	snprintf(out, 32, "%04d%02d%02d%08" PRId64, d.year, d.month, d.day,
	    t->id);
}

/* The account id of reviewer index + 1 r (0: the system). */
static int64_t
pop_rev_id(const struct pop *p, uint8_t r)
{
	return r == 0 || r > p->nrev ? 0 : p->rev[r - 1].id;
}

/* Inserts one task event.  Returns 0 or -1. */
static int
pop_event(struct pop *p, int64_t task_id, const char *action,
    const char *from, const char *to, int64_t actor, const char *reason,
    int64_t at)
{
	struct store_stmt	*st;

	if ((st = store_stmt(p->s, "INSERT INTO task_events (task_id, action, "
	    "from_state, to_state, actor_id, reason, at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7)")) == NULL || store_bind_int(st, 1, task_id) ||
	    store_bind_text(st, 2, action) || store_bind_text(st, 3, from) ||
	    store_bind_text(st, 4, to) || store_bind_int(st, 5, actor) ||
	    store_bind_text(st, 6, reason) || store_bind_int(st, 7, at) ||
	    store_exec_stmt(p->s, st))
		return -1;
	p->c->events++;
	return 0;
}

/* Inserts a message to t's unit: "业务顺序号 SEQ 业务 what".  Returns 0
 * or -1. */
static int
pop_message(struct pop *p, const struct pop_task *t, const char *seq,
    const char *what, const char *body, int64_t at)
{
	struct store_stmt	*st;
	char		 title[512];

	snprintf(title, sizeof(title), "业务顺序号 %s %s %s", seq,
	    pop_biz_names[t->biz], what);
	if ((st = store_stmt(p->s, "INSERT INTO messages (unit_id, task_id, "
	    "at, title, body, read) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) == NULL ||
	    store_bind_int(st, 1, p->units[t->unit].id) ||
	    store_bind_int(st, 2, t->id) || store_bind_int(st, 3, at) ||
	    store_bind_text(st, 4, title) || store_bind_text(st, 5, body) ||
	    store_bind_int(st, 6, at < p->now - 14 * 86400 ||
	    pop_chance(&p->g, 0.5)) || store_exec_stmt(p->s, st))
		return -1;
	p->c->messages++;
	return 0;
}

/* The detail row of t: its 减员 row 1 or its 退工 form row 0.
 * Returns 0 or -1. */
static int
pop_detail(struct pop *p, const struct pop_task *t)
{
	const struct pop_unit	*u = &p->units[t->unit];
	struct store_stmt	*st;
	char			 d1[11], d2[11], d3[11], cno[32], sb[16];
	char			 m[11], remark[160];

	pop_fmt_day(t->end_day, d1);
	if (t->biz == PB_JIANYUAN) {
		pop_fmt_mon(pop_mon_of(t->end_day) + 1, m);
		if ((st = store_stmt(p->s, "INSERT INTO jianyuan (task_id, "
		    "row_no, person_id, insurance_id, name, idno, reason, "
		    "change_date, stop_month) VALUES (?1, 1, ?2, ?3, ?4, ?5, "
		    "'停缴费', ?6, ?7)")) == NULL ||
		    store_bind_int(st, 1, t->id) ||
		    store_bind_int(st, 2, t->person_id) ||
		    store_bind_int(st, 3, t->ins_id) ||
		    store_bind_text(st, 4, t->name) ||
		    store_bind_text(st, 5, t->idno) ||
		    store_bind_text(st, 6, d1) || store_bind_text(st, 7, m) ||
		    store_exec_stmt(p->s, st))
			return -1;
		return 0;
	}
	pop_contract_no(t->cstart_day, t->emp_id, cno);
	pop_fmt_day(t->cstart_day, d2);
	if (t->cend_day >= 0)
		pop_fmt_day(t->cend_day, d3);
	pop_fmt_mon(t->last_paid_mon, m);
	snprintf(sb, sizeof(sb), "4201%08" PRId64, t->person_id % 100000000);
	remark[0] = '\0';
	if (t->reason == TR_LOST)
		snprintf(remark, sizeof(remark), "员工自%s起无故旷工且联系不上,"
		    "已于报纸刊登公告", d1);
	else if (t->reason == TR_OTHER)
		snprintf(remark, sizeof(remark), "单位搬迁,员工不愿随迁");
	if ((st = store_stmt(p->s, "INSERT INTO tuigong (task_id, row_no, "
	    "employment_id, person_id, name, idno, sex, hukou_type, phone, "
	    "reason, end_date, contract_no, contract_start, contract_end, "
	    "open_ended, post, sb_no, last_paid_month, settled, compensation, "
	    "lost_contact, handler_name, handler_title, handler_phone, remark, "
	    "overdue) VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, '人事专员', "
	    "?22, ?23, ?24)")) == NULL ||
	    store_bind_int(st, 1, t->id) || store_bind_int(st, 2, t->emp_id) ||
	    store_bind_int(st, 3, t->person_id) ||
	    store_bind_text(st, 4, t->name) || store_bind_text(st, 5, t->idno) ||
	    store_bind_text(st, 6, t->male ? "男" : "女") ||
	    store_bind_text(st, 7, t->rural ? "农村" : "城镇") ||
	    store_bind_text(st, 8, t->mobile) ||
	    store_bind_text(st, 9, pop_tg_reasons[t->reason]) ||
	    store_bind_text(st, 10, d1) || store_bind_text(st, 11, cno) ||
	    store_bind_text(st, 12, d2) ||
	    store_bind_text(st, 13, t->cend_day >= 0 ? d3 : "") ||
	    store_bind_int(st, 14, t->cend_day < 0) ||
	    store_bind_text(st, 15, pop_posts[t->post]) ||
	    store_bind_text(st, 16, sb) || store_bind_text(st, 17, m) ||
	    store_bind_int(st, 18, t->settled) ||
	    store_bind_int(st, 19, t->compensation) ||
	    store_bind_int(st, 20, t->reason == TR_LOST) ||
	    store_bind_text(st, 21, u->contact) ||
	    store_bind_text(st, 22, u->phone) ||
	    store_bind_text(st, 23, remark) ||
	    store_bind_int(st, 24, t->overdue) || store_exec_stmt(p->s, st))
		return -1;
	return 0;
}

/* The receipt of kind (退工登记证明 "TG", 综合业务处理单 "ZH") of t, with
 * a random verification code.  Returns 0 or -1. */
static int
pop_receipt(struct pop *p, const struct pop_task *t, const char *seq,
    const char *kind, const char *prefix)
{
	static const char	 alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	struct store_stmt	*st;
	unsigned char		 r[8];
	char			 no[48], code[9];
	size_t			 i;

	if (RAND_bytes(r, sizeof(r)) != 1)
		return -1;
	for (i = 0; i < sizeof(r); i++)
		code[i] = alphabet[r[i] & 31];
	code[8] = '\0';
	snprintf(no, sizeof(no), "%s%s", prefix, seq);
	if ((st = store_stmt(p->s, "INSERT INTO receipts (task_id, kind, "
	    "receipt_no, code, issued_at) VALUES (?1, ?2, ?3, ?4, ?5)")) ==
	    NULL || store_bind_int(st, 1, t->id) ||
	    store_bind_text(st, 2, kind) || store_bind_text(st, 3, no) ||
	    store_bind_text(st, 4, code) || store_bind_int(st, 5, t->decided) ||
	    store_exec_stmt(p->s, st))
		return -1;
	p->c->receipts++;
	return 0;
}

/* Writes task t (index k) with its detail row, events, messages and
 * receipts, and plans its audit entries.  Returns 0 or -1. */
static int
pop_task_write(struct pop *p, const struct pop_task *t, size_t k)
{
	const struct pop_unit	*u = &p->units[t->unit];
	struct store_stmt	*st;
	const char		*why = pop_reject_reasons[t->reject_reason];
	char			 seq[32], summary[256], what[512], body[768];
	char			 d[11];
	int64_t			 updated, submitted;
	int			 returned, rows = 2;

	pop_seq(t, seq);
	pop_fmt_day(t->end_day, d);
	if (t->biz == PB_TUIGONG)
		snprintf(summary, sizeof(summary), "%s %s %s", t->name,
		    pop_tg_reasons[t->reason], d);
	else
		snprintf(summary, sizeof(summary), "停缴费 %s", t->name);
	returned = t->reject != 0 && t->submit2 == 0 && t->decided == 0;
	submitted = t->submit2 != 0 ? t->submit2 : t->submit1;
	updated = t->created;
	if (submitted > updated)
		updated = submitted;
	if (t->reject > updated)
		updated = t->reject;
	if (t->decided > updated)
		updated = t->decided;
	if (t->cancelled > updated)
		updated = t->cancelled;
	if ((st = store_stmt(p->s, "INSERT INTO tasks (id, seq_no, business, "
	    "unit_id, state, returned, return_reason, summary, overdue, "
	    "created_by, created_at, submitted_at, decided_at, decided_by, "
	    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13, ?14, ?15)")) == NULL ||
	    store_bind_int(st, 1, t->id) || store_bind_text(st, 2, seq) ||
	    store_bind_text(st, 3, pop_biz_codes[t->biz]) ||
	    store_bind_int(st, 4, u->id) ||
	    store_bind_text(st, 5, pop_state_names[t->state]) ||
	    store_bind_int(st, 6, returned) ||
	    store_bind_text(st, 7, returned ? why : "") ||
	    store_bind_text(st, 8, summary) ||
	    store_bind_int(st, 9, t->biz == PB_TUIGONG ? t->overdue : 0) ||
	    store_bind_int(st, 10, u->account_id) ||
	    store_bind_int(st, 11, t->created) ||
	    store_bind_int(st, 12, submitted) ||
	    store_bind_int(st, 13, t->decided) ||
	    store_bind_int(st, 14, t->decided != 0 ?
	    pop_rev_id(p, t->approver) : 0) ||
	    store_bind_int(st, 15, updated) || store_exec_stmt(p->s, st))
		return -1;
	p->c->tasks++;
	if (pop_detail(p, t) == -1 ||
	    pop_event(p, t->id, "task.create", "", "未提交", u->account_id, "",
	    t->created) == -1 || pop_aent_add(p, t->created, PA_CREATE, k) == -1)
		return -1;
	snprintf(what, sizeof(what), "%s", u->vip ? "已提交" :
	    "已提交,等待审核(1-3个工作日)");
	if (t->submit1 != 0 && (pop_event(p, t->id, "task.submit", "未提交",
	    "进行中", u->account_id, "", t->submit1) == -1 ||
	    pop_message(p, t, seq, what, "", t->submit1) == -1 ||
	    pop_aent_add(p, t->submit1, PA_SUBMIT, k) == -1))
		return -1;
	if (t->reject != 0) {
		snprintf(what, sizeof(what), "已回退,原因:%s", why);
		if (pop_event(p, t->id, "task.reject", "进行中", "未提交",
		    pop_rev_id(p, t->rejecter), why, t->reject) == -1 ||
		    pop_message(p, t, seq, what, why, t->reject) == -1 ||
		    pop_aent_add(p, t->reject, PA_REJECT, k) == -1)
			return -1;
		rows += 2;
	}
	snprintf(what, sizeof(what), "%s", u->vip ? "已提交" :
	    "已提交,等待审核(1-3个工作日)");
	if (t->submit2 != 0 && (pop_event(p, t->id, "task.submit", "未提交",
	    "进行中", u->account_id, "", t->submit2) == -1 ||
	    pop_message(p, t, seq, what, "", t->submit2) == -1 ||
	    pop_aent_add(p, t->submit2, PA_SUBMIT, k) == -1))
		return -1;
	if (t->decided != 0) {
		if (pop_event(p, t->id, "task.approve", "进行中", "结束",
		    pop_rev_id(p, t->approver), "", t->decided) == -1 ||
		    pop_message(p, t, seq, t->approver == 0 ?
		    "审核通过(系统自动审核)" : "审核通过", "", t->decided) == -1 ||
		    pop_aent_add(p, t->decided, PA_APPROVE, k) == -1)
			return -1;
		rows += 2;
	}
	if (t->cancelled != 0 && (pop_event(p, t->id, "task.cancel", "未提交",
	    "退单", u->account_id, "", t->cancelled) == -1 ||
	    pop_message(p, t, seq, "已退单", "", t->cancelled) == -1 ||
	    pop_aent_add(p, t->cancelled, PA_CANCEL, k) == -1))
		return -1;
	if (t->decided != 0 && t->biz == PB_TUIGONG) {
		/* The effect: the employment ends with this task, and the
		 * reminder of the 《退工登记证明》 and the 档案. */
		if ((st = store_stmt(p->s, "UPDATE employments SET "
		    "end_task_id = ?1 WHERE id = ?2")) == NULL ||
		    store_bind_int(st, 1, t->id) ||
		    store_bind_int(st, 2, t->emp_id) ||
		    store_exec_stmt(p->s, st))
			return -1;
		pop_fmt_day(t->end_day + 15, d);
		snprintf(body, sizeof(body), "请将《退工登记证明》送达员工 %s(可在"
		    "业务打印中打印);若员工档案由单位保管,须在退工后15日内"
		    "(%s 前)将档案转递至户籍地或就业地公共就业服务机构。",
		    t->name, d);
		snprintf(what, sizeof(what), "业务顺序号 %s 退工登记办结提醒:"
		    "请送达《退工登记证明》并转递档案", seq);
		if ((st = store_stmt(p->s, "INSERT INTO messages (unit_id, "
		    "task_id, at, title, body, read) VALUES (?1, ?2, ?3, ?4, ?5, "
		    "?6)")) == NULL || store_bind_int(st, 1, u->id) ||
		    store_bind_int(st, 2, t->id) ||
		    store_bind_int(st, 3, t->decided) ||
		    store_bind_text(st, 4, what) ||
		    store_bind_text(st, 5, body) ||
		    store_bind_int(st, 6, t->decided < p->now - 14 * 86400) ||
		    store_exec_stmt(p->s, st))
			return -1;
		p->c->messages++;
		rows += 2;
	}
	if (t->decided != 0 && t->print_tg != 0 && t->biz == PB_TUIGONG &&
	    (pop_receipt(p, t, seq, "退工登记证明", "TG") == -1 ||
	    pop_aent_add(p, t->print_tg, PA_RECEIPT_TG, k) == -1))
		return -1;
	if (t->decided != 0 && t->print_zh != 0 &&
	    (pop_receipt(p, t, seq, "综合业务处理单", "ZH") == -1 ||
	    pop_aent_add(p, t->print_zh, PA_RECEIPT_ZH, k) == -1))
		return -1;
	return pop_tick(p, (size_t)rows + 4);
}

/* Numbers the plans in time order and writes them.  Returns 0 or -1. */
static int
pop_tasks(struct pop *p)
{
	size_t	 k;

	if (p->ntasks > 0)
		qsort(p->tasks, p->ntasks, sizeof(*p->tasks), pop_task_cmp);
	for (k = 0; k < p->ntasks; k++)
		p->tasks[k].id = p->next_task++;
	for (k = 0; k < p->ntasks; k++) {
		if (pop_task_write(p, &p->tasks[k], k) == -1)
			return -1;
		if ((k + 1) % 50000 == 0)
			pop_say(p, "业务 %zu 笔", k + 1);
	}
	return 0;
}

/* ---- The audit trail ---- */

/* Orders audit entries by time, then by planning order. */
static int
pop_aent_cmp(const void *a, const void *b)
{
	const struct pop_aent	*x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Appends the audit row of entry a.  Returns 0 or -1. */
static int
pop_audit_one(struct pop *p, const struct pop_aent *a)
{
	static const struct actor	 sys = { 0, 0, "系统自动审核", "" };
	const struct pop_task		*t = NULL;
	const struct pop_change		*ch;
	const struct pop_unit		*u;
	const struct pop_reviewer	*rv;
	struct actor			 who;
	char				 seq[32], object[48], detail[1024], d[11];
	const char			*why;

	memset(&who, 0, sizeof(who));
	if (a->act == PA_CHANGE) {
		ch = &p->changes[a->ref];
		u = &p->units[ch->unit];
		who.account_id = u->account_id;
		who.unit_id = u->id;
		who.name = u->display;
		who.cert_fp = u->fp;
		snprintf(object, sizeof(object), "person:%" PRId64,
		    ch->person_id);
		snprintf(detail, sizeof(detail), "%s: %s -> %s",
		    pop_change_fields[ch->field], ch->old, ch->new);
		return audit_append_at(p->s, &who, (time_t)a->at,
		    pop_act_names[a->act], object, detail);
	}
	t = &p->tasks[a->ref];
	u = &p->units[t->unit];
	pop_seq(t, seq);
	snprintf(object, sizeof(object), "task:%" PRId64, t->id);
	who.account_id = u->account_id;
	who.unit_id = u->id;
	who.name = u->display;
	who.cert_fp = u->fp;
	why = pop_reject_reasons[t->reject_reason];
	switch ((enum pop_act)a->act) {
	case PA_CREATE:
		pop_fmt_day(t->end_day, d);
		if (t->biz == PB_TUIGONG)
			snprintf(detail, sizeof(detail), "business=tuigong "
			    "seq=%s summary=%s %s %s", seq, t->name,
			    pop_tg_reasons[t->reason], d);
		else
			snprintf(detail, sizeof(detail), "business=jianyuan "
			    "seq=%s summary=", seq);
		break;
	case PA_SUBMIT:
		snprintf(detail, sizeof(detail), "seq=%s 未提交->进行中", seq);
		break;
	case PA_REJECT:
		rv = &p->rev[t->rejecter > 0 ? t->rejecter - 1 : 0];
		memset(&who, 0, sizeof(who));
		who.account_id = rv->id;
		who.name = rv->display;
		who.cert_fp = rv->fp;
		snprintf(detail, sizeof(detail), "seq=%s 进行中->未提交 reason=%s",
		    seq, why);
		break;
	case PA_APPROVE:
		if (t->approver == 0)
			who = sys;
		else {
			rv = &p->rev[t->approver - 1];
			memset(&who, 0, sizeof(who));
			who.account_id = rv->id;
			who.name = rv->display;
			who.cert_fp = rv->fp;
		}
		snprintf(detail, sizeof(detail), "seq=%s 进行中->结束", seq);
		break;
	case PA_CANCEL:
		snprintf(detail, sizeof(detail), "seq=%s 未提交->退单", seq);
		break;
	case PA_RECEIPT_TG:
	case PA_RECEIPT_ZH:
		memset(&who, 0, sizeof(who));
		who.unit_id = u->id;
		who.name = "系统";
		who.cert_fp = "";
		snprintf(detail, sizeof(detail), "%s %s%s",
		    a->act == PA_RECEIPT_TG ? "退工登记证明" : "综合业务处理单",
		    a->act == PA_RECEIPT_TG ? "TG" : "ZH", seq);
		break;
	case PA_CHANGE:
	case PA__MAX:
	default:
		abort();
	}
	return audit_append_at(p->s, &who, (time_t)a->at,
	    pop_act_names[a->act], object, detail);
}

/* Writes the audit rows in time order, chained after the last row.
 * Returns 0 or -1. */
static int
pop_audit(struct pop *p)
{
	size_t	 k;

	if (p->naents > 0)
		qsort(p->aents, p->naents, sizeof(*p->aents), pop_aent_cmp);
	for (k = 0; k < p->naents; k++) {
		if (pop_audit_one(p, &p->aents[k]) == -1)
			return -1;
		p->c->audit++;
		if (pop_tick(p, 1) == -1)
			return -1;
		if ((k + 1) % 200000 == 0)
			pop_say(p, "审计记录 %zu 条", k + 1);
	}
	return 0;
}

/* ---- The run ---- */

/* Checks the sizes.  Returns 0 or -1 (logged). */
static int
pop_check_opts(const struct populate_opts *o)
{
	if (o->persons < 0 || o->persons > 50000000 || o->units < 0 ||
	    o->units > 1000000 || o->big_unit < 0 || o->tasks < 0 ||
	    o->tasks > 20000000 || o->big_unit_id < 0) {
		log_err("populate: sizes out of range (persons <= 50000000, "
		    "units <= 1000000, tasks <= 20000000)");
		return -1;
	}
	if (o->big_unit > o->persons) {
		log_err("populate: --big-unit exceeds --persons");
		return -1;
	}
	return 0;
}

/* See populate.h. */
int
populate_run(struct store *s, const struct populate_opts *o,
    struct populate_counts *c)
{
	struct pop	 p;
	int		 rc = -1;

	memset(c, 0, sizeof(*c));
	memset(&p, 0, sizeof(p));
	if (pop_check_opts(o) == -1)
		return -1;
	p.s = s;
	p.o = o;
	p.c = c;
	p.g.x = pop_mix(o->seed + 0x5eed);
	clock_gettime(CLOCK_MONOTONIC, &p.t0);
	if ((p.units = calloc((size_t)o->units + 1, sizeof(*p.units))) ==
	    NULL || (p.cum = calloc((size_t)o->units + 1,
	    sizeof(*p.cum))) == NULL) {
		log_err("populate: out of memory");
		goto out;
	}
	/* For this connection only; set back below. */
	if (store_exec_sql(s, "PRAGMA synchronous=OFF") == -1 ||
	    store_exec_sql(s, "PRAGMA cache_size=-262144") == -1 ||
	    store_exec_sql(s, "PRAGMA journal_mode=MEMORY") == -1)
		goto out;
	if (pop_context(&p) == -1 || store_begin(s) == -1)
		goto out;
	if (pop_reviewers(&p) == -1 || pop_units(&p) == -1)
		goto out;
	c->big_unit_id = p.units[0].id;
	pop_say(&p, "单位 %" PRId64 " 个(大单位 %" PRId64 "%s),审核员 %zu 名",
	    c->units, c->big_unit_id, p.units[0].vip ? ",VIP" : "", p.nrev);
	pop_shares(&p);
	if (pop_persons(&p) == -1)
		goto out;
	pop_say(&p, "人员 %" PRId64 " 名,用工 %" PRId64 " 条,参保 %" PRId64
	    " 条,欠费 %" PRId64 " 条,信息变更 %" PRId64 " 条", c->persons,
	    c->employments, c->insurance, c->arrears, c->changes);
	if (pop_tasks(&p) == -1)
		goto out;
	pop_say(&p, "业务 %" PRId64 " 笔,事件 %" PRId64 " 条,消息 %" PRId64
	    " 条,回执 %" PRId64 " 张", c->tasks, c->events, c->messages,
	    c->receipts);
	if (pop_audit(&p) == -1)
		goto out;
	if (pop_commit(&p) == -1)
		goto out;
	pop_say(&p, "审计记录 %" PRId64 " 条", c->audit);
	if (store_int(s, "SELECT COUNT(*) FROM insurance WHERE unit_id = ?1 "
	    "AND status = '参保缴费'", c->big_unit_id, 0, &c->big_insured) == -1)
		goto out;
	rc = 0;
out:
	if (store_in_tx(s))
		store_rollback(s);
	(void)store_exec_sql(s, "PRAGMA journal_mode=WAL");
	(void)store_exec_sql(s, "PRAGMA synchronous=FULL");
	(void)store_exec_sql(s, "PRAGMA cache_size=-2000");
	free(p.units);
	free(p.cum);
	free(p.tasks);
	free(p.changes);
	free(p.aents);
	free(p.idnos.v);
	free(p.usccs.v);
	return rc;
}
