/*
 * beian_page.c: the pages of 备案查询; see beian_page.h.  The search is
 * read strictly (a bad field is named with a Chinese message, never
 * half-used), and echoed back only once valid; every value reaches the
 * page through libxml2 attributes, so the stylesheet escapes it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hall.h"
#include "beian.h"
#include "beian_page.h"
#include "tmpout.h"
#include "employment.h"
#include "pager.h"
#include "person.h"

#define BEIAN_XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define BEIAN_NAME_CHARS	30	/* a 姓名 searched for */
#define BEIAN_CONTRACT_CHARS	40	/* a 合同编号 searched for */

/* Copies the value of field name of the request, without the blanks
 * around it, into dst[dstsz].  Returns its length, or -1 when it does
 * not fit (dst is then ""). */
static int
beian_field(struct hall_ctx *c, const char *name, char *dst, size_t dstsz)
{
	const char	*s = req_get(c->r, name);
	size_t		 n;

	dst[0] = '\0';
	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= dstsz)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return (int)n;
}

/* Adds to errs the error ve of field name labelled label, and clears
 * the field's value dst. */
static void
beian_refuse(struct form_errors *errs, const char *name, const char *label,
    enum valid_err ve, char *dst)
{
	char	 msg[256];

	dst[0] = '\0';
	form_error_add(errs, name, valid_code(ve),
	    valid_message(ve, label, msg, sizeof(msg)));
}

/* Reads the text field name (labelled label, at most maxchars
 * characters) into dst[dstsz]. */
static void
beian_text(struct hall_ctx *c, const char *name, const char *label,
    size_t maxchars, char *dst, size_t dstsz, struct form_errors *errs)
{
	enum valid_err	 ve;
	int		 n;

	if ((n = beian_field(c, name, dst, dstsz)) == 0)
		return;
	ve = n < 0 ? VALID_TOOLONG : valid_text(dst, maxchars);
	if (ve != VALID_OK)
		beian_refuse(errs, name, label, ve, dst);
}

/* Reads the date field name (labelled label) into dst[11]. */
static void
beian_date(struct hall_ctx *c, const char *name, const char *label,
    char dst[11], struct form_errors *errs)
{
	struct hdate	 d;
	enum valid_err	 ve;
	int		 n;

	if ((n = beian_field(c, name, dst, 11)) == 0)
		return;
	ve = n < 0 ? VALID_FORMAT : valid_date(dst, &d);
	if (ve != VALID_OK)
		beian_refuse(errs, name, label, ve, dst);
	else
		hdate_fmt(&d, dst);
}

/* See beian_page.h. */
void
beian_page_filter(struct hall_ctx *c, struct beian_filter *f,
    struct form_errors *errs)
{
	struct idcard	 ic;
	enum valid_err	 ve;
	char		 buf[32];
	int		 n;

	memset(f, 0, sizeof(*f));
	beian_text(c, "name", "姓名", BEIAN_NAME_CHARS, f->name,
	    sizeof(f->name), errs);
	beian_text(c, "contract", "合同编号", BEIAN_CONTRACT_CHARS,
	    f->contract_no, sizeof(f->contract_no), errs);
	if ((n = beian_field(c, "idno", buf, sizeof(buf))) != 0) {
		ve = n < 0 ? VALID_FORMAT : valid_idcard(buf, NULL, &ic);
		if (ve != VALID_OK)
			beian_refuse(errs, "idno", "身份证号", ve, buf);
		else
			snprintf(f->idno, sizeof(f->idno), "%s", ic.number);
	}
	if (beian_field(c, "status", f->status, sizeof(f->status)) != 0 &&
	    (f->status[0] == '\0' || !beian_status_ok(f->status))) {
		f->status[0] = '\0';
		form_error_add(errs, "status", "CHOICE",
		    "状态只能是在职、已退工或已撤销");
	}
	beian_date(c, "from", "登记日期(起)", f->from, errs);
	beian_date(c, "to", "登记日期(止)", f->to, errs);
	if (f->from[0] != '\0' && f->to[0] != '\0' &&
	    strcmp(f->from, f->to) > 0)
		form_error_add(errs, "to", "RANGE",
		    "登记日期(止)不能早于登记日期(起)");
}

/* Appends to dst[dstsz] "name=value&", value percent-encoded (all but
 * RFC 3986's unreserved characters), when value is not "". */
static void
beian_query_add(char *dst, size_t dstsz, const char *name, const char *value)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*u = (const unsigned char *)value;
	size_t			 n = strlen(dst);

	if (*value == '\0' || n + strlen(name) + 2 >= dstsz)
		return;
	n += (size_t)snprintf(dst + n, dstsz - n, "%s=", name);
	for (; *u != '\0' && n + 4 < dstsz; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || strchr("-._~", *u) != NULL)
			dst[n++] = (char)*u;
		else {
			dst[n++] = '%';
			dst[n++] = hex[*u >> 4];
			dst[n++] = hex[*u & 15];
		}
	}
	if (n + 1 < dstsz)
		dst[n++] = '&';
	dst[n] = '\0';
}

/* The query string of search f ("name=…&status=…&", "" for none) into
 * dst[dstsz]: the pager's and the export's links keep the search. */
static void
beian_query(const struct beian_filter *f, char *dst, size_t dstsz)
{
	dst[0] = '\0';
	beian_query_add(dst, dstsz, "name", f->name);
	beian_query_add(dst, dstsz, "idno", f->idno);
	beian_query_add(dst, dstsz, "contract", f->contract_no);
	beian_query_add(dst, dstsz, "status", f->status);
	beian_query_add(dst, dstsz, "from", f->from);
	beian_query_add(dst, dstsz, "to", f->to);
}

/* Adds <query name= idno= contract= status= from= to= export=> with
 * search f and the address of its export. */
static void
beian_query_xml(struct hall_ctx *c, const struct beian_filter *f)
{
	xmlNodePtr	 n;
	char		 q[1024], url[1100];

	beian_query(f, q, sizeof(q));
	n = page_add(c, NULL, "query", NULL);
	page_attr(n, "name", f->name);
	page_attr(n, "idno", f->idno);
	page_attr(n, "contract", f->contract_no);
	page_attr(n, "status", f->status);
	page_attr(n, "from", f->from);
	page_attr(n, "to", f->to);
	snprintf(url, sizeof(url), "/beian/export?%s", q);
	if (url[strlen(url) - 1] == '&' || url[strlen(url) - 1] == '?')
		url[strlen(url) - 1] = '\0';
	page_attr(n, "export", url);
}

/* Sets on n the attributes of registration e shown in the list and
 * the detail. */
static void
beian_reg_attrs(xmlNodePtr n, const struct employment *e)
{
	page_attr_int(n, "id", e->id);
	page_attr(n, "name", e->name);
	page_attr(n, "idno", e->idno);
	page_attr(n, "contract", e->contract_no);
	page_attr(n, "work-form", e->work_form);
	page_attr(n, "category", e->category);
	page_attr(n, "hire-date", e->hire_date);
	page_attr(n, "registered", e->registered_at);
	page_attr(n, "status", e->status);
	page_attr(n, "late", e->late ? "1" : "0");
	page_attr(n, "ended", e->ended_at);
	page_attr(n, "revoked", e->revoked_at);
}

/* Where the list adds its rows. */
struct beian_list_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* beian_page callback: one <reg> of the list.  Returns 0. */
static int
beian_list_row(const struct employment *e, void *arg)
{
	struct beian_list_arg	*a = arg;

	beian_reg_attrs(page_add(a->c, a->list, "reg", NULL), e);
	return 0;
}

/* See beian_page.h. */
int
beian_page_list(struct hall_ctx *c, const struct beian_filter *f,
    const struct form_errors *errs)
{
	struct beian_list_arg	 a;
	struct pager		 pg;
	xmlNodePtr		 n;
	int64_t			 total;
	char			 q[1024], base[1100];

	beian_query_xml(c, f);
	page_options(c, "status", (const char *const[]){ "在职", "已退工",
	    "已撤销", NULL });
	if (errs->n > 0) {
		page_form_errors(c, errs);
		page_message(c, "error", "查询条件有误,请按提示修改");
		c->status = 422;
		return 0;
	}
	if (beian_count(c->s, c->acct.unit_id, f, &total) != 0)
		return -1;
	pager_set(c, &pg, total, BEIAN_PAGE_SIZE);
	a.c = c;
	a.list = page_add(c, NULL, "registrations", NULL);
	if (beian_page(c->s, c->acct.unit_id, f, pg.offset, pg.size,
	    beian_list_row, &a) < 0)
		return -1;
	if ((n = pager_xml(c, a.list, &pg, "/beian", NULL, NULL)) == NULL)
		return -1;
	beian_query(f, q, sizeof(q));
	snprintf(base, sizeof(base), "/beian?%s", q);
	page_attr(n, "base", base);
	return 0;
}

/* What the history callback adds to. */
struct beian_hist_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* beian_history callback: one <event role= task= business=
 * business-name= seq= state= returned= at= href=>. */
static void
beian_hist_row(const struct beian_event *ev, void *arg)
{
	struct beian_hist_arg		*a = arg;
	const struct wf_business	*b = wf_business(ev->business);
	xmlNodePtr			 n;
	char				 when[20], href[96];

	n = page_add(a->c, a->list, "event", NULL);
	page_attr(n, "role", ev->role);
	page_attr_int(n, "task", ev->task_id);
	page_attr(n, "business", ev->business);
	page_attr(n, "business-name", b != NULL ? b->name : ev->role);
	page_attr(n, "seq", ev->seq_no);
	page_attr(n, "state", ev->state);
	page_attr(n, "returned", ev->returned ? "1" : "0");
	clock_fmt(ev->at, when);
	page_attr(n, "at", when);
	/* A business's task page is its path with ?id= (one not merged
	 * yet is at /<code>, the path the registry will give it). */
	if (b != NULL)
		snprintf(href, sizeof(href), "%s?id=%lld", b->path,
		    (long long)ev->task_id);
	else
		snprintf(href, sizeof(href), "/%s?id=%lld", ev->business,
		    (long long)ev->task_id);
	page_attr(n, "href", href);
}

/* Adds <action kind= href=>label</action> under list. */
static void
beian_action(struct hall_ctx *c, xmlNodePtr list, const char *kind,
    const char *href, const char *label)
{
	xmlNodePtr	 n;

	n = page_add(c, list, "action", label);
	page_attr(n, "kind", kind);
	page_attr(n, "href", href);
}

/* Adds <actions> of registration e by its status: 撤销 while 在职 or
 * 已退工, 打印《用工备案表》 when a 用工备案 task made it, 办理退工 while
 * 在职, and the 员工时间轴. */
static void
beian_actions(struct hall_ctx *c, const struct employment *e)
{
	xmlNodePtr	 list;
	char		 href[96];

	list = page_add(c, NULL, "actions", NULL);
	if (strcmp(e->status, "在职") == 0 ||
	    strcmp(e->status, "已退工") == 0) {
		snprintf(href, sizeof(href), "/chexiao?emp=%lld",
		    (long long)e->id);
		beian_action(c, list, "chexiao", href, "撤销");
	}
	if (e->reg_task_id > 0) {
		snprintf(href, sizeof(href), "/print/yonggong?id=%lld",
		    (long long)e->reg_task_id);
		beian_action(c, list, "print", href, "打印《用工备案表》");
	}
	if (strcmp(e->status, "在职") == 0) {
		snprintf(href, sizeof(href), "/tuigong?sfzh=%s", e->idno);
		beian_action(c, list, "tuigong", href, "办理退工");
	}
	snprintf(href, sizeof(href), "/tuigong/timeline?sfzh=%s", e->idno);
	beian_action(c, list, "timeline", href, "员工时间轴");
}

/* See beian_page.h. */
int
beian_page_detail(struct hall_ctx *c)
{
	struct beian_hist_arg	 a;
	struct employment	 e;
	struct person		 p;
	xmlNodePtr		 n;
	char			 wage[32];
	int64_t			 id = page_id_param(c, "id");
	int			 rc;

	rc = id > 0 ? emp_load(c->s, c->acct.unit_id, id, &e) : 1;
	if (rc != 0) {
		if (rc > 0)
			page_fail(c, 404, "NOT_FOUND", "本单位未找到该用工备案");
		return rc < 0 ? -1 : 0;
	}
	n = page_add(c, NULL, "registration", NULL);
	beian_reg_attrs(n, &e);
	page_attr(n, "reg-type", e.reg_type);
	page_attr(n, "start-date", e.start_date);
	page_attr(n, "end-date", e.end_date);
	page_attr(n, "post", e.post);
	page_attr(n, "job-type", e.job_type);
	snprintf(wage, sizeof(wage), "%lld.%02lld", (long long)e.wage_fen / 100,
	    (long long)(e.wage_fen % 100));
	page_attr(n, "wage", wage);
	page_attr(n, "reg-region", e.reg_region);
	if ((rc = person_load(c->s, c->acct.unit_id, e.person_id, 0, &p)) < 0)
		return -1;
	if (rc == 0) {
		n = page_add(c, NULL, "person", NULL);
		page_attr(n, "name", p.name);
		page_attr(n, "idno", p.idno);
		page_attr(n, "sex", p.sex);
		page_attr(n, "birth", p.birth);
		page_attr(n, "hukou-type", p.hukou_type);
		page_attr(n, "education", p.education);
		page_attr(n, "mobile", p.mobile);
	}
	a.c = c;
	a.list = page_add(c, NULL, "history", NULL);
	if (beian_history(c->s, &e, beian_hist_row, &a) < 0)
		return -1;
	beian_actions(c, &e);
	return 0;
}

/* What beian_page_export has beian_export write. */
struct beian_out {
	struct hall_ctx			*c;
	const struct beian_filter	*f;
	int64_t				 rows;
};

/* tmpout_fn: the unit's registrations of arg (struct beian_out) as
 * .xlsx into path.  Returns 0 or -1. */
static int
beian_out(const char *path, const char *tmpdir, void *arg)
{
	struct beian_out	*o = arg;

	return beian_export(o->c->s, o->c->acct.unit_id, o->f, path, tmpdir,
	    BEIAN_EXPORT_MAX, &o->rows);
}

/* See beian_page.h. */
int
beian_page_export(struct hall_ctx *c, const struct beian_filter *f)
{
	struct form_errors	 errs;
	struct beian_out	 o = { c, f, 0 };
	char			 day[11], msg[256];
	int64_t			 total;

	if (beian_count(c->s, c->acct.unit_id, f, &total) != 0)
		return -1;
	if (total > BEIAN_EXPORT_MAX) {
		errs.n = 0;
		snprintf(msg, sizeof(msg), "符合条件的备案有 %lld 条,超过单次导出"
		    "上限 %d 条,请按登记日期分段导出", (long long)total,
		    BEIAN_EXPORT_MAX);
		form_error_add(&errs, "to", "TOO_MANY", msg);
		return beian_page_list(c, f, &errs);
	}
	if (tmpout_bytes("beian", beian_out, &o, &c->file, &c->filesz) != 0)
		return -1;
	c->file_owned = 1;
	hdate_fmt(&c->today, day);
	snprintf(c->file_name, sizeof(c->file_name), "用工备案登记清单-%s.xlsx",
	    day);
	snprintf(c->file_ctype, sizeof(c->file_ctype), "%s", BEIAN_XLSX_TYPE);
	return 0;
}
