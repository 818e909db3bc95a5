/*
 * client.c: the HTTPS client of the HTTP tests (see client.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "ident.h"
#include "store.h"
#include "client.h"


static long	http_post_v(struct browser *, const char *, int, int,
		    const char *, struct answer *, va_list);

/* Reads a required environment variable or exits the test. */
static const char *
env(const char *name)
{
	const char	*v = getenv(name);

	if (v == NULL) {
		fprintf(stderr, "%s is not set: run through tests/http/harness.sh\n",
		    name);
		exit(2);
	}
	return v;
}

const char *
hall_url(void)
{
	return env("HALL_TEST_URL");
}

const char *
pub_url(void)
{
	return env("HALL_TEST_PUBURL");
}

const char *
cert_path(const char *file)
{
	static char	 buf[4][1024];
	static int	 i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", env("HALL_TEST_CERTS"), file);
	return buf[i];
}

void
browser_init(struct browser *b, const char *cert)
{
	memset(b, 0, sizeof(*b));
	snprintf(b->cert, sizeof(b->cert), "%s", cert);
}

/* Appends received bytes to the answer's body. */
static size_t
on_body(char *p, size_t sz, size_t n, void *arg)
{
	struct answer	*a = arg;
	size_t		 len = sz * n;
	char		*nb;

	if ((nb = realloc(a->body, a->bodysz + len + 1)) == NULL)
		return 0;
	a->body = nb;
	memcpy(a->body + a->bodysz, p, len);
	a->bodysz += len;
	a->body[a->bodysz] = '\0';
	return len;
}

/* Copies the value of header line p into dst when its name is name. */
static void
header_value(const char *p, size_t len, const char *name, char *dst,
    size_t dstsz)
{
	size_t	 nl = strlen(name), vl;

	if (len <= nl + 1 || strncasecmp(p, name, nl) != 0 || p[nl] != ':')
		return;
	p += nl + 1;
	len -= nl + 1;
	while (len > 0 && *p == ' ')
		p++, len--;
	vl = len;
	while (vl > 0 && (p[vl - 1] == '\r' || p[vl - 1] == '\n'))
		vl--;
	snprintf(dst, dstsz, "%.*s", (int)vl, p);
}

/* Records the headers a test looks at. */
static size_t
on_header(char *p, size_t sz, size_t n, void *arg)
{
	struct answer	*a = arg;
	size_t		 len = sz * n;
	char		 v[64] = "";

	header_value(p, len, "Location", a->location, sizeof(a->location));
	header_value(p, len, "Content-Type", a->ctype, sizeof(a->ctype));
	header_value(p, len, "Content-Disposition", a->disposition,
	    sizeof(a->disposition));
	header_value(p, len, "Allow", a->allow, sizeof(a->allow));
	if (len > 11 && strncasecmp(p, "Set-Cookie:", 11) == 0)
		a->set_cookie = 1;
	header_value(p, len, "X-Content-Type-Options", v, sizeof(v));
	if (strcasecmp(v, "nosniff") == 0)
		a->nosniff = 1;
	return len;
}

/* Picks the session cookie out of a Set-Cookie header. */
static size_t
on_header_cookie(char *p, size_t sz, size_t n, void *arg)
{
	struct { struct answer *a; struct browser *b; } *ctx = arg;
	char	 v[512] = "";
	char	*semi;

	header_value(p, sz * n, "Set-Cookie", v, sizeof(v));
	if (strncmp(v, SESS_COOKIE "=", sizeof(SESS_COOKIE)) == 0) {
		if ((semi = strchr(v, ';')) != NULL)
			*semi = '\0';
		snprintf(ctx->b->cookie, sizeof(ctx->b->cookie), "%s",
		    v[sizeof(SESS_COOKIE)] == '\0' ? "" : v);
	}
	return on_header(p, sz, n, ctx->a);
}

/* Sets up a handle for url with b's certificate and cookie. */
static CURL *
handle(struct browser *b, const char *url, struct answer *a,
    struct curl_slist **hdrs, int xml, void *hctx)
{
	CURL	*h = curl_easy_init();
	char	 crt[80], key[80];

	memset(a, 0, sizeof(*a));
	if (h == NULL)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CAINFO, cert_path("ca.crt"));
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (b != NULL && b->cert[0] != '\0') {
		snprintf(crt, sizeof(crt), "%s.crt", b->cert);
		snprintf(key, sizeof(key), "%s.key", b->cert);
		curl_easy_setopt(h, CURLOPT_SSLCERT, cert_path(crt));
		curl_easy_setopt(h, CURLOPT_SSLKEY, cert_path(key));
	}
	if (b != NULL && b->cookie[0] != '\0')
		curl_easy_setopt(h, CURLOPT_COOKIE, b->cookie);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION,
	    hctx != NULL ? on_header_cookie : on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, hctx != NULL ? hctx : (void *)a);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	if (xml)
		*hdrs = curl_slist_append(*hdrs, "Accept: application/xml");
	*hdrs = curl_slist_append(*hdrs, "Expect:");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, *hdrs);
	return h;
}

/* Performs h and fills a's status; frees h and hdrs. */
static long
perform(CURL *h, struct curl_slist *hdrs, struct answer *a)
{
	if (h == NULL)
		return 0;
	if (curl_easy_perform(h) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a->status);
	else
		a->status = 0;
	curl_easy_cleanup(h);
	curl_slist_free_all(hdrs);
	if (a->body == NULL && (a->body = calloc(1, 1)) == NULL)
		abort();
	return a->status;
}

long
http_get(struct browser *b, const char *path, int xml, struct answer *a)
{
	struct curl_slist	*hdrs = NULL;
	char			 url[2048];
	struct { struct answer *a; struct browser *b; } ctx = { a, b };

	CURL			*h;

	snprintf(url, sizeof(url), "%s%s", hall_url(), path);
	h = handle(b, url, a, &hdrs, xml, b != NULL ? &ctx : NULL);
	return perform(h, hdrs, a);
}

long
http_get_pub(const char *path, struct answer *a)
{
	return http_get_pub_from(NULL, path, a);
}

const char *
loopback_other(void)
{
	static char	 buf[4][16];
	static unsigned	 n, i;
	unsigned	 v;

	i = (i + 1) % 4;
	v = (unsigned)getpid() * 2654435761u + ++n * 40503u;
	snprintf(buf[i], sizeof(buf[i]), "127.%u.%u.%u",
	    ((v >> 16) & 0xff) | 0x10, (v >> 8) & 0xff, (v & 0xfe) | 1);
	return buf[i];
}

long
http_get_pub_html(const char *path, struct answer *a)
{
	struct curl_slist	*hdrs = NULL;
	char			 url[2048];
	CURL			*h;

	snprintf(url, sizeof(url), "%s%s", pub_url(), path);
	h = handle(NULL, url, a, &hdrs, 0, NULL);
	return perform(h, hdrs, a);
}

long
http_get_pub_from(const char *src, const char *path, struct answer *a)
{
	struct curl_slist	*hdrs = NULL;
	char			 url[2048];
	CURL			*h;

	snprintf(url, sizeof(url), "%s%s", pub_url(), path);
	h = handle(NULL, url, a, &hdrs, 1, NULL);
	if (h != NULL && src != NULL)
		curl_easy_setopt(h, CURLOPT_INTERFACE, src);
	return perform(h, hdrs, a);
}

long
http_method_pub(const char *method, const char *path, struct answer *a)
{
	struct curl_slist	*hdrs = NULL;
	char			 url[2048];
	CURL			*h;

	snprintf(url, sizeof(url), "%s%s", pub_url(), path);
	h = handle(NULL, url, a, &hdrs, 0, NULL);
	if (h != NULL && strcmp(method, "POST") == 0)
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "x=1");
	else if (h != NULL)
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	return perform(h, hdrs, a);
}

long
http_post(struct browser *b, const char *path, int with_csrf,
    struct answer *a, ...)
{
	va_list	 ap;
	long	 st;

	va_start(ap, a);
	st = http_post_v(b, path, with_csrf, 1, NULL, a, ap);
	va_end(ap);
	return st;
}

long
http_post_html(struct browser *b, const char *path, struct answer *a, ...)
{
	va_list	 ap;
	long	 st;

	va_start(ap, a);
	st = http_post_v(b, path, 1, 0, NULL, a, ap);
	va_end(ap);
	return st;
}

long
http_post_html_hdr(struct browser *b, const char *path, const char *hdr,
    struct answer *a, ...)
{
	va_list	 ap;
	long	 st;

	va_start(ap, a);
	st = http_post_v(b, path, 1, 0, hdr, a, ap);
	va_end(ap);
	return st;
}

/* POSTs the name, value pairs of ap urlencoded to path, the csrf first
 * when with_csrf, asking for XML when xml, with the extra header line
 * hdr (NULL: none).  Returns a->status. */
static long
http_post_v(struct browser *b, const char *path, int with_csrf, int xml,
    const char *hdr, struct answer *a, va_list ap)
{
	struct curl_slist	*hdrs = NULL;
	char			 url[2048], *body = NULL, *enc;
	size_t			 len = 0;
	const char		*k, *v;
	CURL			*h;
	struct { struct answer *a; struct browser *b; } ctx = { a, b };

	snprintf(url, sizeof(url), "%s%s", hall_url(), path);
	h = handle(b, url, a, &hdrs, xml, &ctx);
	if (h == NULL)
		return 0;
	if (hdr != NULL) {
		hdrs = curl_slist_append(hdrs, hdr);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	}
	FILE *mem = open_memstream(&body, &len);
	if (with_csrf)
		fprintf(mem, "csrf=%s", b->csrf);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		enc = curl_easy_escape(h, v, 0);
		fprintf(mem, "%s%s=%s", ftell(mem) > 0 ? "&" : "", k, enc);
		curl_free(enc);
	}
	fclose(mem);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	perform(h, hdrs, a);
	free(body);
	return a->status;
}

long
http_post_multipart(struct browser *b, const char *path, int with_csrf,
    const struct part *parts, size_t n, struct answer *a)
{
	struct curl_slist	*hdrs = NULL;
	char			 url[2048];
	curl_mime		*mime;
	curl_mimepart		*mp;
	size_t			 i;
	CURL			*h;
	struct { struct answer *a; struct browser *b; } ctx = { a, b };

	snprintf(url, sizeof(url), "%s%s", hall_url(), path);
	if ((h = handle(b, url, a, &hdrs, 1, &ctx)) == NULL)
		return 0;
	mime = curl_mime_init(h);
	if (with_csrf) {
		mp = curl_mime_addpart(mime);
		curl_mime_name(mp, "csrf");
		curl_mime_data(mp, b->csrf, CURL_ZERO_TERMINATED);
	}
	for (i = 0; i < n; i++) {
		mp = curl_mime_addpart(mime);
		curl_mime_name(mp, parts[i].name);
		if (parts[i].value != NULL)
			curl_mime_data(mp, parts[i].value, CURL_ZERO_TERMINATED);
		else
			curl_mime_filedata(mp, parts[i].file);
		if (parts[i].filename != NULL)
			curl_mime_filename(mp, parts[i].filename);
		if (parts[i].ctype != NULL)
			curl_mime_type(mp, parts[i].ctype);
	}
	curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
	perform(h, hdrs, a);
	curl_mime_free(mime);
	return a->status;
}

long
http_post_raw(struct browser *b, const char *path, const char *ctype,
    const char *body, size_t len, struct answer *a)
{
	struct curl_slist	*hdrs = NULL;
	char			 url[2048], ct[1024];
	CURL			*h;
	struct { struct answer *a; struct browser *b; } ctx = { a, b };

	snprintf(url, sizeof(url), "%s%s", hall_url(), path);
	if ((h = handle(b, url, a, &hdrs, 1, &ctx)) == NULL)
		return 0;
	snprintf(ct, sizeof(ct), "Content-Type:%s%s", ctype != NULL ? " " : "",
	    ctype != NULL ? ctype : "");
	hdrs = curl_slist_append(hdrs, ct);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	return perform(h, hdrs, a);
}

/* The path of a's location (it may be a whole URL) into loc[512]. */
static void
location_path(const struct answer *a, char loc[512])
{
	const char	*p = a->location;

	if (strncmp(p, "https://", 8) == 0 && (p = strchr(p + 8, '/')) == NULL)
		p = "/";
	snprintf(loc, 512, "%s", p);
}

long
upload_follow(struct browser *b, struct answer *a, int max_s, int *polls)
{
	struct timespec	 nap = { 0, 100000000L };
	char		 loc[512];
	int		 n = 0, i;

	if (polls != NULL)
		*polls = 0;
	if (a->status != 303)
		return a->status;
	location_path(a, loc);
	answer_free(a);
	if (strstr(loc, "/batch/import?job=") == NULL)
		return http_get(b, loc, 1, a);
	for (i = 0; i < max_s * 10; i++) {
		if (http_get(b, loc, 1, a) != 200)
			break;
		if (xpath_count(a, "/page/import[@state = 'running']") == 1)
			n++;
		else {
			/* Failed: the page says so; the caller sees it. */
			if (polls != NULL)
				*polls = n;
			return a->status;
		}
		answer_free(a);
		nanosleep(&nap, NULL);
	}
	if (polls != NULL)
		*polls = n;
	if (i == max_s * 10)
		return 0;
	if (a->status != 303)
		return a->status;
	location_path(a, loc);
	answer_free(a);
	return http_get(b, loc, 1, a);
}

void
answer_free(struct answer *a)
{
	free(a->body);
	a->body = NULL;
}

/* Evaluates expr over a's body; caller frees both results. */
static xmlXPathObjectPtr
xpath_eval(const struct answer *a, const char *expr, xmlDocPtr *doc)
{
	xmlXPathContextPtr	 ctx;
	xmlXPathObjectPtr	 obj;

	*doc = NULL;
	if (a->body == NULL || a->bodysz == 0 || a->bodysz > 64 * 1024 * 1024)
		return NULL;
	*doc = xmlReadMemory(a->body, (int)a->bodysz, "answer.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (*doc == NULL)
		return NULL;
	if ((ctx = xmlXPathNewContext(*doc)) == NULL)
		return NULL;
	obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	return obj;
}

char *
xpath_str(const struct answer *a, const char *expr)
{
	xmlDocPtr		 doc;
	xmlXPathObjectPtr	 obj = xpath_eval(a, expr, &doc);
	xmlChar			*s;
	char			*out;

	if (obj == NULL) {
		xmlFreeDoc(doc);
		return strdup("");
	}
	s = xmlXPathCastToString(obj);
	out = strdup(s != NULL ? (const char *)s : "");
	xmlFree(s);
	xmlXPathFreeObject(obj);
	xmlFreeDoc(doc);
	return out;
}

int
xpath_count(const struct answer *a, const char *expr)
{
	xmlDocPtr		 doc;
	xmlXPathObjectPtr	 obj = xpath_eval(a, expr, &doc);
	int			 n = -1;

	if (obj != NULL && obj->type == XPATH_NODESET)
		n = obj->nodesetval != NULL ? obj->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(obj);
	xmlFreeDoc(doc);
	return n;
}

/* The test store (HALL_TEST_DB: an SQLite file or a PostgreSQL
 * connection string), opened without migrating; NULL on error. */
static struct store *
test_store(void)
{
	return store_open(env("HALL_TEST_DB"), STORE_NOMIGRATE);
}

int
set_password(const char *username, const char *pw, int must_change)
{
	struct store		*s;
	struct store_stmt	*st;
	char			 hash[256];
	int			 ok = -1;

	if (pw_hash(pw, hash, sizeof(hash)) != 0 || (s = test_store()) == NULL)
		return -1;
	st = store_stmt(s, "UPDATE accounts SET pw_hash = ?1, "
	    "must_change = ?2, failed = 0, locked_until = 0 WHERE "
	    "username = ?3");
	if (st != NULL && store_bind_text(st, 1, hash) == 0 &&
	    store_bind_int(st, 2, must_change) == 0 &&
	    store_bind_text(st, 3, username) == 0 &&
	    store_exec_stmt(s, st) == 0 && store_changes(s) == 1)
		ok = 0;
	store_close(s);
	return ok;
}

/* Reads the CSRF token of b's session from a page's XML. */
static int
fetch_csrf(struct browser *b, const char *path)
{
	struct answer	 a;
	char		*csrf;

	http_get(b, path, 1, &a);
	csrf = xpath_str(&a, "string(/page/session/@csrf)");
	snprintf(b->csrf, sizeof(b->csrf), "%s", csrf);
	free(csrf);
	answer_free(&a);
	return b->csrf[0] != '\0' ? 0 : -1;
}

int
login(struct browser *b, const char *username)
{
	struct answer	 a;
	long		 st;

	if (set_password(username, TEST_PASSWORD, 0) != 0)
		return -1;
	st = http_post(b, "/login", 0, &a, "username", username,
	    "password", TEST_PASSWORD, NULL);
	answer_free(&a);
	if (st != 303 || b->cookie[0] == '\0')
		return -1;
	return fetch_csrf(b, "/login/password");
}

char *
db_query(const char *sql)
{
	struct store	*s;
	char		 v[4096];
	char		*out = NULL;

	if ((s = test_store()) == NULL)
		return NULL;
	/* Schema statements (DROP TRIGGER ...) go through store_exec_sql,
	 * which translates them for PostgreSQL as migrations are. */
	if (strncasecmp(sql, "DROP ", 5) == 0 ||
	    strncasecmp(sql, "CREATE ", 7) == 0) {
		if (store_exec_sql(s, sql) == 0)
			out = strdup("");
	} else if (store_text_once(s, sql, v, sizeof(v)) != STORE_ERROR)
		out = strdup(v);
	store_close(s);
	return out;
}

long long
db_int(const char *q)
{
	char		*v = db_query(q);
	long long	 n;

	ck_assert_msg(v != NULL, "query failed: %s", q);
	n = atoll(v);
	free(v);
	return n;
}

void
db_exec(const char *q)
{
	char	*v = db_query(q);

	ck_assert_msg(v != NULL, "query failed: %s", q);
	free(v);
}

int
admin(const char *args, char **out)
{
	char	 cmd[4096], *buf = NULL;
	size_t	 len = 0, n;
	char	 chunk[1024];
	FILE	*p, *mem;
	int	 st;

	snprintf(cmd, sizeof(cmd), "%s -d '%s' %s", env("HALL_TEST_ADMIN"),
	    env("HALL_TEST_DB"), args);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	mem = open_memstream(&buf, &len);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		fwrite(chunk, 1, n, mem);
	fclose(mem);
	st = pclose(p);
	if (out != NULL)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Writes a GB 11643 number of region 420106, birth 1980-1999 and
 * sequence n into out[19]. */
static void
idno_make(unsigned n, char out[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	int			 i, sum = 0;

	snprintf(out, 19, "420106%04u%02u%02u%03u", 1980 + n % 20,
	    1 + n / 20 % 12, 1 + n / 240 % 28, n / 6720 % 1000);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = check[sum % 11];
	out[18] = '\0';
}

int
unused_idno(int year, char idno[19])
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	static unsigned		 next;
	char			 q[256];
	unsigned		 n;
	int			 i, sum, tries;

	if (next == 0)
		next = (unsigned)getpid() % 5000u * 7u + 1u;
	for (tries = 0; tries < 1000; tries++) {
		n = next++;
		snprintf(idno, 19, "110102%04d%02u%02u%03u", year, 1 + n % 12,
		    1 + n / 12 % 28, n / 336 % 1000);
		for (i = 0, sum = 0; i < 17; i++)
			sum += (idno[i] - '0') * w[i];
		idno[17] = check[sum % 11];
		idno[18] = '\0';
		snprintf(q, sizeof(q), "SELECT (SELECT COUNT(*) FROM persons "
		    "WHERE idno = '%s') + (SELECT COUNT(*) FROM yonggong WHERE "
		    "idno = '%s')", idno, idno);
		if (db_int(q) == 0)
			return 0;
	}
	return -1;
}

int
make_insured(const char *username, const char *name, char id[24],
    char idno[19])
{
	char		 q[1024], *v;
	unsigned	 n;
	int		 tries;

	for (tries = 0; tries < 20; tries++) {
		n = (unsigned)getpid() * 7919u + (unsigned)tries * 104729u +
		    (unsigned)time(NULL);
		idno_make(n % 6720000u, idno);
		snprintf(q, sizeof(q), "INSERT INTO persons (idno, name, sex, "
		    "birth) VALUES ('%s', '%s', '%s', '%.4s-%.2s-%.2s') "
		    "RETURNING id", idno, name, (idno[16] - '0') % 2 ? "男" :
		    "女", idno + 6, idno + 10, idno + 12);
		if ((v = db_query(q)) != NULL && v[0] != '\0')
			break;
		free(v);
		v = NULL;
	}
	if (v == NULL)
		return -1;
	snprintf(id, 24, "%s", v);
	free(v);
	snprintf(q, sizeof(q), "INSERT INTO employments (person_id, unit_id, "
	    "contract_no, start_date, registered_at) SELECT %s, unit_id, "
	    "'T-%s', '2020-01-01', '2020-01-01' FROM accounts WHERE "
	    "username = '%s' RETURNING id", id, idno, username);
	if ((v = db_query(q)) == NULL || v[0] == '\0') {
		free(v);
		return -1;
	}
	free(v);
	snprintf(q, sizeof(q), "INSERT INTO insurance (person_id, unit_id, "
	    "sb_no, start_month, status, last_paid_month, contrib_months) "
	    "SELECT %s, unit_id, 'T%s', '2020-01', '参保缴费', strftime("
	    "'%%Y-%%m', 'now', '+8 hours', 'start of month', '-1 month'), 60 "
	    "FROM accounts WHERE username = '%s' RETURNING id", id, idno,
	    username);
	if ((v = db_query(q)) == NULL || v[0] == '\0') {
		free(v);
		return -1;
	}
	free(v);
	return 0;
}

int
admit_reviewer(const char *name)
{
	char	 cmd[2048], crt[256];
	int	 st;

	snprintf(crt, sizeof(crt), "%s.crt", name);
	snprintf(cmd, sizeof(cmd), "sh %s/certs/issue.sh %s %s "
	    "武汉市社会保险管理中心 %s >/dev/null 2>&1", env("HALL_TEST_SRC"),
	    env("HALL_TEST_CERTS"), name, name);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "account-add reviewer %s 审核员%s "
	    "2>/dev/null", name, name);
	if (admin(cmd, NULL) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "-c %s cert-bind %s %s 2>/dev/null",
	    cert_path("ca.crt"), name, cert_path(crt));
	return admin(cmd, NULL) == 0 ? 0 : -1;
}

void
set_clock(const char *when)
{
	const char	*path = env("HALL_CLOCK_FILE");
	FILE		*f;

	if (when == NULL) {
		remove(path);
		return;
	}
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fprintf(f, "%s\n", when);
	fclose(f);
}

int
policy_test_year(const char *date)
{
	char	 q[1024];
	int	 y, x;

	ck_assert_msg(date != NULL && sscanf(date, "%4d", &y) == 1 &&
	    y > 1900 && y < 9998, "policy_test_year: bad date");
	for (x = y; x <= y + 1; x++) {
		snprintf(q, sizeof(q), "INSERT OR IGNORE INTO policy (region, "
		    "key, valid_from, value, note) SELECT p.region, p.key, "
		    "'%04d-01-01', p.value, 'test: copied' FROM policy p WHERE "
		    "p.key = 'wage.avg_monthly_fen' AND p.valid_from = (SELECT "
		    "MAX(l.valid_from) FROM policy l WHERE l.region = p.region "
		    "AND l.key = p.key AND l.valid_from < '%04d-01-01') AND NOT "
		    "EXISTS (SELECT 1 FROM policy e WHERE e.region = p.region "
		    "AND e.key = p.key AND e.valid_from BETWEEN '%04d-01-01' "
		    "AND '%04d-12-31')", x, x, x, x);
		db_exec(q);
	}
	snprintf(q, sizeof(q), "INSERT INTO policy (region, key, "
	    "valid_from, value, note) VALUES "
	    "('*', 'nianbao.open.%04d', '1900-01-01', '%04d-01-01', 'test'), "
	    "('*', 'nianbao.close.%04d', '1900-01-01', '%04d-12-31', 'test'), "
	    "('*', 'nianbao.open.%04d', '1900-01-01', '%04d-01-01', 'test'), "
	    "('*', 'nianbao.close.%04d', '1900-01-01', '%04d-01-15', 'test') "
	    "ON CONFLICT (region, key, valid_from) DO UPDATE SET "
	    "value = excluded.value, note = excluded.note",
	    y, y - 1, y, y - 1, y + 1, y, y + 1, y + 1);
	db_exec(q);
	return y + 1;
}

/* See client.h. */
const char *
fen_yuan(long long fen, char buf[32])
{
	char		 d[24];
	size_t		 n, i, j = 0;

	snprintf(d, sizeof(d), "%lld", fen / 100);
	n = strlen(d);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = d[i];
	}
	snprintf(buf + j, 32 - j, ".%02lld", fen % 100);
	return buf;
}
