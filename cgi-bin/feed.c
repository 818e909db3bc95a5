/*
 * feed: the interface an HR system of a unit polls (issue 13, seed 004
 * 开放的API接口): the unit's persons with their 社保状态, 合同归属 and
 * 离职进度, those changed after a cursor, a page at a time (lib/feed.h).
 * Meant for the unit's integration account (certificate alone, no
 * session: lib/hall.c), open to the unit's clerks as well; always XML
 * (no stylesheet).  docs/HTTP.md "Integrating an HR system".
 *
 *   GET /feed          since (cursor, default 0: from the start), limit
 *                      (1-500, default 100): the persons changed after
 *                      since, oldest change first; next= is the cursor
 *                      for the next call, more="1" when more follow
 *   GET /feed/person   id: one person of the unit now (404 when the
 *                      person is not the unit's)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hall.h"
#include "feed.h"

/* Reads the non-negative integer field name into *out (dflt when
 * absent or empty).  Returns 0, or -1 when it is not one (or above
 * max). */
static int
int_param(struct hall_ctx *c, const char *name, int64_t dflt, int64_t max,
    int64_t *out)
{
	const char	*v = req_get(c->r, name);
	char		*end;
	long long	 n;

	*out = dflt;
	if (v == NULL || *v == '\0')
		return 0;
	if (*v < '0' || *v > '9' || strlen(v) > 19)
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > max)
		return -1;
	*out = n;
	return 0;
}

/* Appends one step (<jianyuan> or <tuigong>) under parent when there
 * is one. */
static void
add_step(struct hall_ctx *c, xmlNodePtr parent, const char *name,
    const char *date_attr, const struct feed_step *st)
{
	xmlNodePtr	 n;

	if (st->task_id <= 0)
		return;
	n = page_add(c, parent, name, NULL);
	page_attr_int(n, "task", st->task_id);
	page_attr(n, "seq-no", st->seq_no);
	page_attr(n, "state", st->state);
	page_attr(n, "returned", st->returned ? "1" : "0");
	page_attr(n, "reason", st->reason);
	page_attr(n, date_attr, st->date);
}

/* Appends <person seq= id= idno= name= sex= birth=> with <insurance/>,
 * <employment/>… and <departure stage= stage-name=> under parent. */
static void
add_person(struct hall_ctx *c, xmlNodePtr parent, const struct feed_person *p)
{
	xmlNodePtr	 n, k;
	int		 i;

	n = page_add(c, parent, "person", NULL);
	page_attr_int(n, "seq", p->seq);
	page_attr_int(n, "id", p->person_id);
	page_attr(n, "idno", p->idno);
	page_attr(n, "name", p->name);
	page_attr(n, "sex", p->sex);
	page_attr(n, "birth", p->birth);
	if (p->has_ins) {
		k = page_add(c, n, "insurance", NULL);
		page_attr(k, "sb-no", p->sb_no);
		page_attr(k, "status", p->ins_status);
		page_attr(k, "start-month", p->start_month);
		page_attr(k, "stop-month", p->stop_month);
		page_attr(k, "last-paid-month", p->last_paid_month);
		page_attr_int(k, "contrib-months", p->contrib_months);
	}
	for (i = 0; i < p->nemp; i++) {
		k = page_add(c, n, "employment", NULL);
		page_attr_int(k, "id", p->emp[i].id);
		page_attr(k, "contract-no", p->emp[i].contract_no);
		page_attr(k, "reg-type", p->emp[i].reg_type);
		page_attr(k, "start-date", p->emp[i].start_date);
		page_attr(k, "end-date", p->emp[i].end_date);
		page_attr(k, "status", p->emp[i].status);
		page_attr(k, "registered-at", p->emp[i].registered_at);
		page_attr(k, "ended-at", p->emp[i].ended_at);
	}
	k = page_add(c, n, "departure", NULL);
	page_attr(k, "stage", feed_stage_codes[p->stage]);
	page_attr(k, "stage-name", feed_stage_names[p->stage]);
	add_step(c, k, "jianyuan", "change-date", &p->jy);
	add_step(c, k, "tuigong", "end-date", &p->tg);
}

/* feed_page callback: one <person> under the <feed> given as arg. */
struct feed_arg {
	struct hall_ctx	*c;
	xmlNodePtr	 list;
};

/* Adds p to the list of arg (a struct feed_arg). */
static void
feed_one(const struct feed_person *p, void *arg)
{
	struct feed_arg	*a = arg;

	add_person(a->c, a->list, p);
}

/* GET /feed: <feed unit-id= since= limit= next= more= head= count=>
 * with the persons changed after since; 422 for a malformed since or
 * limit. */
static void
feed_get(struct hall_ctx *c)
{
	struct feed_arg	 a;
	int64_t		 since, limit, next, head;
	int		 more, n;

	page_view(c, "feed", "人员变动接口");
	if (int_param(c, "since", 0, INT64_MAX, &since) != 0) {
		page_fail(c, 422, "BAD_SINCE",
		    "since 须为非负整数(上次返回的 next 值,首次为 0)");
		return;
	}
	if (int_param(c, "limit", FEED_PER_PAGE, FEED_MAX_PAGE, &limit) != 0 ||
	    limit < 1) {
		page_fail(c, 422, "BAD_LIMIT", "limit 须为 1 至 500 的整数");
		return;
	}
	if (feed_head(c->s, c->acct.unit_id, &head) != 0) {
		page_busy(c);
		return;
	}
	a.c = c;
	a.list = page_add(c, NULL, "feed", NULL);
	if ((n = feed_page(c->s, c->acct.unit_id, since, (int)limit, feed_one,
	    &a, &next, &more)) < 0) {
		page_busy(c);
		return;
	}
	page_attr_int(a.list, "unit-id", c->acct.unit_id);
	page_attr_int(a.list, "since", since);
	page_attr_int(a.list, "limit", limit);
	page_attr_int(a.list, "next", next);
	page_attr(a.list, "more", more ? "1" : "0");
	page_attr_int(a.list, "head", head);
	page_attr_int(a.list, "count", n);
}

/* GET /feed/person?id=N: the person as the feed shows it, 404 unless
 * the unit's. */
static void
feed_person_get(struct hall_ctx *c)
{
	struct feed_person	 p;
	int			 rc;

	page_view(c, "feed-person", "人员状态");
	rc = feed_person(c->s, c->acct.unit_id, page_id_param(c, "id"), &p);
	if (rc < 0) {
		page_busy(c);
		return;
	}
	if (rc > 0) {
		page_fail(c, 404, "NOT_FOUND", "本单位没有该人员");
		return;
	}
	add_person(c, NULL, &p);
}

static const struct route routes[] = {
	{ REQ_GET, "/feed", feed_get, ROUTE_UNIT },
	{ REQ_GET, "/feed/person", feed_person_get, ROUTE_UNIT },
};

static const struct program feed = {
	"feed", NULL, routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(int argc, char *argv[])
{
	return hall_main(&feed, argc, argv);
}
