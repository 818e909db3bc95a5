/*
 * verify: the public 回执验证 page [SPEC §9, Roles], served on the
 * public port without a client certificate.  Anyone holding a printed
 * receipt enters its 回执编号 and 验证码 and learns whether it is
 * genuine and what it certifies: kind, number, issue date, unit,
 * business, 业务顺序号 and the persons, ID numbers masked.
 *
 *   GET /verify               the form
 *   GET /verify?no=…&code=…   the answer: <result valid="1"> with the
 *                             receipt, or <result valid="0"> with status
 *                             200 for a wrong code AND for an unknown
 *                             number alike (nothing tells them apart)
 *
 * A request without both fields gets the form.  Guessing is limited
 * in nginx, not here: /verify has a limit_req per client address (5
 * requests a second, burst 30), answered past it with 429 and a
 * Chinese page; the code space is 32^8 (about 10^12) per number.
 */
#include <stdio.h>
#include <string.h>

#include "hall.h"
#include "mingce.h"
#include "page.h"
#include "receipt.h"
#include "rsign.h"
#include "text.h"
#include "wagebase.h"

#define VERIFY_PERSONS	5	/* persons named before 等N人 */

/* What persons_of() collects. */
struct persons_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 receipt;
	char		*out;
	size_t		 outsz;
	int		 n;
};

/* rsign_persons callback: appends one masked person to the text and
 * adds <person name= idno=> (masked) with a <fact label=> per key fact
 * of the business (struct wf_business, receipt_facts).  Returns 0. */
static int
add_person(void *arg, const struct rsign_person *p)
{
	struct persons_arg	*a = arg;
	xmlNodePtr		 n;
	char			 one[160];
	size_t			 i;

	snprintf(one, sizeof(one), "%s%s(%s)", a->n++ > 0 ? "、" : "",
	    p->name, p->idno);
	strlcat_safe(a->out, one, a->outsz);
	n = page_add(a->c, a->receipt, "person", NULL);
	page_attr(n, "name", p->name);
	page_attr(n, "idno", p->idno);
	for (i = 0; i < p->nfacts; i++)
		page_attr(page_add(a->c, n, "fact", p->value[i]), "label",
		    p->label[i]);
	return 0;
}

/* Adds the first VERIFY_PERSONS persons of task t under receipt (one
 * page of its rows, never the whole task) and their text to out as
 * "姓名(420102********1234)、…" with 等N人 past them; receipt/@persons
 * is the count.  Returns the count, or -1. */
static int
persons_of(struct hall_ctx *c, xmlNodePtr receipt, const struct task *t,
    char *out, size_t outsz)
{
	struct persons_arg	 a;
	char			 more[32];
	int64_t			 total = 0;

	out[0] = '\0';
	a.c = c;
	a.receipt = receipt;
	a.out = out;
	a.outsz = outsz;
	a.n = 0;
	if (rsign_persons(c->s, t, VERIFY_PERSONS, add_person, &a,
	    &total) < 0)
		return -1;
	if (total > VERIFY_PERSONS) {
		snprintf(more, sizeof(more), "等%lld人", (long long)total);
		strlcat_safe(out, more, outsz);
	}
	page_attr_int(receipt, "persons", total);
	return (int)total;
}

/* Adds <receipt> with what receipt r certifies.  Returns 0 or -1. */
static int
add_receipt(struct hall_ctx *c, xmlNodePtr result, const struct receipt *r)
{
	const struct wf_business	*b;
	struct task			 t;
	struct hdate			 d;
	xmlNodePtr			 n;
	char				 day[11], persons[512], unit[512];
	int				 rc;

	if (wf_load(c->s, r->task_id, 0, &t) != 0)
		return -1;
	b = wf_business(t.business);
	n = page_add(c, result, "receipt", NULL);
	page_attr(n, "kind", r->kind);
	clock_date(r->issued_at, &d);
	hdate_fmt(&d, day);
	page_attr(n, "issued", day);
	page_attr(n, "business", b != NULL ? b->name : t.business);
	page_attr(n, "seq", t.seq_no);
	/* A receipt issued on submission (《撤销申请回执》) vouches for the
	 * application, not its outcome: say where the task stands now. */
	page_attr(n, "state", t.state < TASK_STATE__MAX ?
	    task_state_names[t.state] : "");
	/* A receipt voided later (欠费补缴回退) says so and since when. */
	if (r->voided_at > 0) {
		clock_date(r->voided_at, &d);
		hdate_fmt(&d, day);
		page_attr(n, "voided", day);
		page_attr(n, "void-reason", r->void_reason);
	}
	rc = receipt_unit_name(c->s, t.unit_id, unit, sizeof(unit));
	page_attr(n, "unit", unit);
	if (rc != 0)
		return -1;
	if (persons_of(c, n, &t, persons, sizeof(persons)) < 0)
		return -1;
	page_attr(n, "person", persons[0] != '\0' ? persons : t.summary);
	return 0;
}

/* Adds <receipt kind="缴费基数名册"> with what 名册 m certifies: its
 * year and month, unit, persons and totals (mingce.h).  Returns 0 or
 * -1. */
static int
add_mingce(struct hall_ctx *c, xmlNodePtr result, const struct mingce *m)
{
	struct hdate	 d;
	xmlNodePtr	 n;
	char		 day[11], buf[512], wage[40], base[40];
	int		 rc;

	n = page_add(c, result, "receipt", NULL);
	page_attr(n, "kind", "缴费基数名册");
	clock_date(m->issued_at, &d);
	hdate_fmt(&d, day);
	page_attr(n, "issued", day);
	snprintf(buf, sizeof(buf), "%d年度缴费基数名册(基数所属月份 %s)",
	    m->year, m->month);
	page_attr(n, "business", buf);
	rc = receipt_unit_name(c->s, m->unit_id, buf, sizeof(buf));
	page_attr(n, "unit", buf);
	snprintf(buf, sizeof(buf), "共%lld人,申报工资合计%s元,缴费基数合计%s元",
	    (long long)m->persons, wb_yuan(m->wage_total_fen, wage,
	    sizeof(wage)), wb_yuan(m->base_total_fen, base, sizeof(base)));
	page_attr(n, "person", buf);
	return rc;
}

/* Copies what a person typed, src (may be NULL), into dst[dstsz]
 * without the white space around it (text_space: ASCII, and the
 * full-width U+3000 a Chinese input method types, as copying from a
 * PDF often adds) and with letters in upper case (the codes are upper
 * case).  Returns dst, or NULL when src is NULL or too long for dst. */
static char *
typed_clean(const char *src, char *dst, size_t dstsz)
{
	size_t	 n;

	if (src == NULL)
		return NULL;
	src = text_strip(src, &n);
	if (n >= dstsz)
		return NULL;
	memcpy(dst, src, n);
	dst[n] = '\0';
	for (n = 0; dst[n] != '\0'; n++)
		if (dst[n] >= 'a' && dst[n] <= 'z')
			dst[n] = (char)(dst[n] - 'a' + 'A');
	return dst;
}

/* GET /verify */
static void
verify_get(struct hall_ctx *c)
{
	char		 nobuf[33], codebuf[33];
	const char	*no = typed_clean(req_get(c->r, "no"), nobuf,
			    sizeof(nobuf));
	const char	*code = typed_clean(req_get(c->r, "code"), codebuf,
			    sizeof(codebuf));
	struct receipt	 r;
	struct mingce	 m;
	xmlNodePtr	 q, result;
	int		 rc, mc = 0;

	if (no == NULL || code == NULL || *no == '\0' || *code == '\0') {
		page_view(c, "form", "业务回执真伪验证");
		q = page_add(c, NULL, "query", NULL);
		page_attr(q, "no", no != NULL ? no : "");
		page_attr(q, "code", code != NULL ? code : "");
		return;
	}
	page_view(c, "result", "业务回执真伪验证");
	if ((rc = receipt_verify(c->s, no, code, &r)) == 1 &&
	    strncmp(no, MINGCE_PREFIX, strlen(MINGCE_PREFIX)) == 0 &&
	    (rc = mingce_verify(c->s, no, code, &m)) == 0)
		mc = 1;		/* a 缴费基数名册 (mingce.h) */
	if (rc < 0) {
		page_fail(c, 503, "BUSY", "系统繁忙,请稍后再试");
		return;
	}
	result = page_add(c, NULL, "result", NULL);
	page_attr(result, "valid", rc == 0 ? "1" : "0");
	if (rc != 0) {
		page_add(c, result, "note", "编号或验证码不正确,无法确认该文件"
		    "的真实性(未知的编号与错误的验证码答复相同,HTTP 200)");
		/* What was typed stays in the form, to be corrected. */
		q = page_add(c, NULL, "query", NULL);
		page_attr(q, "no", no);
		page_attr(q, "code", code);
		return;
	}
	page_attr(result, "no", mc ? m.no : r.no);
	if ((mc ? add_mingce(c, result, &m) : add_receipt(c, result, &r)) != 0)
		page_fail(c, 503, "BUSY", "系统繁忙,请稍后再试");
}

static const struct route routes[] = {
	{ REQ_GET, "/verify", verify_get, ROUTE_PUBLIC },
};

static const struct program verify = {
	"verify", "verify.xsl", routes, sizeof(routes) / sizeof(routes[0]),
	NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&verify, argc, argv);
}
