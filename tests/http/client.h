/*
 * client.h: a small HTTPS client for the HTTP tests, on libcurl: it
 * speaks TLS to the real nginx with a chosen client certificate, keeps
 * the session cookie of one "browser", and reads answers as XML.
 */
#ifndef HALL_TESTS_CLIENT_H
#define HALL_TESTS_CLIENT_H

#include <stddef.h>

/* One simulated browser: a client certificate and a cookie. */
struct browser {
	char	 cert[64];	/* name of the certificate in HALL_TEST_CERTS, "" = none */
	char	 cookie[160];	/* SESS_COOKIE "=..." or "" */
	char	 csrf[80];	/* the session's CSRF token, once known */
};

/* One answer. */
struct answer {
	long	 status;	/* HTTP status, 0 when TLS or the connection failed */
	char	*body;		/* NUL-terminated; owned, freed by answer_free() */
	size_t	 bodysz;
	char	 location[512];
	char	 ctype[128];
	char	 disposition[512];
	char	 nosniff;	/* X-Content-Type-Options: nosniff seen */
	char	 allow[64];	/* Allow header (of a 405) */
	char	 set_cookie;	/* a Set-Cookie header seen, any cookie */
};

/* A part of a multipart POST. */
struct part {
	const char	*name;
	const char	*value;		/* text value, or NULL for a file */
	const char	*file;		/* path of a file to upload */
	const char	*filename;	/* name to send, NULL = basename */
	const char	*ctype;		/* Content-Type to claim, NULL = guess */
};

/* The base URL of the hall / public verification server. */
const char	*hall_url(void);
const char	*pub_url(void);

/* Path of a file in the test certificate folder. */
const char	*cert_path(const char *file);

/* Starts a browser presenting certificate cert ("" for none). */
void		 browser_init(struct browser *b, const char *cert);

/* GET path (may carry a query) as XML (Accept: application/xml) when
 * xml is set.  Fills a; returns a->status. */
long		 http_get(struct browser *b, const char *path, int xml,
		    struct answer *a);

/* GET on the public verification server, no certificate. */
long		 http_get_pub(const char *path, struct answer *a);

/* GET on the public verification server answered as HTML. */
long		 http_get_pub_html(const char *path, struct answer *a);

/* A loopback source address other than 127.0.0.1, most likely one not
 * used before in this run (in a static buffer, one of 4 in turn): the
 * hostile tests flood the public page from these, so that its rate
 * limit does not refuse the tests that follow. */
const char	*loopback_other(void);

/* The same from source address src (another loopback address such as
 * 127.0.0.2, a different client to nginx's limits; NULL: the default). */
long		 http_get_pub_from(const char *src, const char *path,
		    struct answer *a);

/* A request with method (POST carries the body "x=1") on the public
 * verification server, answered as HTML.  Returns a->status. */
long		 http_method_pub(const char *method, const char *path,
		    struct answer *a);

/* POST an urlencoded form given as a NULL-terminated list of name,
 * value pairs (values encoded here).  The browser's csrf is added
 * unless with_csrf is 0.  Answers as XML. */
long		 http_post(struct browser *b, const char *path, int with_csrf,
		    struct answer *a, ...);

/* POST an urlencoded form as http_post() with the csrf, answered as
 * HTML (what a browser sees). */
long		 http_post_html(struct browser *b, const char *path,
		    struct answer *a, ...);

/* http_post_html() with the extra request header line hdr (e.g.
 * "Origin: https://evil.example"). */
long		 http_post_html_hdr(struct browser *b, const char *path,
		    const char *hdr, struct answer *a, ...);

/* POST multipart/form-data parts[0..n) (csrf added unless with_csrf is
 * 0).  Answers as XML. */
long		 http_post_multipart(struct browser *b, const char *path,
		    int with_csrf, const struct part *parts, size_t n,
		    struct answer *a);

/* POST body[0..len) as is with Content-Type ctype (NULL = none) to
 * path; nothing is added (no csrf).  Answers as XML.  Returns
 * a->status (0 when the connection failed). */
long		 http_post_raw(struct browser *b, const char *path,
		    const char *ctype, const char *body, size_t len,
		    struct answer *a);

/* Follows the 303 answer a of a batch upload (docs/HTTP.md "Uploads
 * with progress"): a file above batch.sync_rows answers 303 to
 * …/batch/import?job=J, whose progress page (200) is read again every
 * 100 ms (at most max_s seconds) until it answers 303 to the result;
 * the page that 303 leads to is then read as XML into a (freed first),
 * as it is at once for a smaller file.  *polls (may be NULL) gets the
 * number of progress pages that showed the job running.  Returns the
 * final status (0 when the job did not end in time). */
long		 upload_follow(struct browser *b, struct answer *a, int max_s,
		    int *polls);

/* Frees a's body. */
void		 answer_free(struct answer *a);

/* The string value of an XPath expression over a's XML body ("" if
 * none or not XML), newly allocated (caller frees). */
char		*xpath_str(const struct answer *a, const char *expr);

/* The count of nodes an XPath expression selects (-1 if not XML). */
int		 xpath_count(const struct answer *a, const char *expr);

/* Asserts an XPath string value over an answer (Check tests; needs
 * <check.h>, <stdlib.h> and <string.h>). */
#define ck_xpath_eq(a, expr, want) do {				\
	char *_v = xpath_str((a), (expr));				\
	ck_assert_msg(strcmp(_v, (want)) == 0, "%s: got '%s', want '%s'", \
	    (expr), _v, (want));					\
	free(_v);							\
} while (0)

#define TEST_PASSWORD	"Hall2026test"

/* Sets username's password (hashed as the hall does), its must-change
 * flag, and clears any lockout, directly in the test database.
 * Returns 0 or -1. */
int		 set_password(const char *username, const char *pw,
		    int must_change);

/* Logs b in as username with TEST_PASSWORD (set first); fills
 * b->cookie and b->csrf.  Returns 0 or -1. */
int		 login(struct browser *b, const char *username);

/* Admits a new reviewer the operator's way (certs/README.md): issues
 * certs/NAME.crt from the hall's CA, creates the reviewer account NAME
 * and binds the certificate (hall-admin -c CA).  Returns 0 or -1. */
int		 admit_reviewer(const char *name);

/* Writes into idno[19] a valid 身份证号 (region 110102) of someone born
 * in year that no person and no 用工备案 row of the test database has
 * yet, and differs from every earlier answer of this process: a person
 * the hall has never seen, for 用工备案.  Returns 0 or -1. */
int		 unused_idno(int year, char idno[19]);

/* Makes a new person for the unit of account username, the way the
 * demo's people are: a valid 身份证号, 在职 on a 合同制 contract since
 * 2020 and 参保缴费 paid to last month, with no arrears, no 退工 and
 * no 减员, so that a test never runs out of demo people.  Writes the
 * person's id into id[24] and the 身份证号 into idno[19].  Returns 0
 * or -1. */
int		 make_insured(const char *username, const char *name,
		    char id[24], char idno[19]);

/* Runs one SQL statement (the test's own text) on the test store,
 * SQLite or PostgreSQL; returns column 0 of its first row (newly
 * allocated, "" when none) or NULL on error. */
char		*db_query(const char *sql);

/* The integer the query q returns (0 when it returns nothing); a query
 * that fails fails the test.  For Check tests. */
long long	 db_int(const char *q);

/* Runs the statement q; a statement that fails fails the test.  For
 * Check tests. */
void		 db_exec(const char *q);

/* Runs hall-admin with the given argument string; returns its exit
 * status and stores its stdout (newly allocated) in *out when non-NULL. */
int		 admin(const char *args, char **out);

/* Writes the hall's clock file ("YYYY-MM-DD HH:MM:SS"), or removes it
 * when when is NULL. */
void		 set_clock(const char *when);

/* Makes the policy rows the tests of 缴费工资 need hold on date
 * ("YYYY-MM-DD..."), whatever the real date: a 社平工资 row for date's
 * year and the next (a copy of the latest earlier one, per region,
 * where the year has none), and the 年度缴费工资申报 windows: date's
 * year's closed (the year before), the next year's open from date's
 * year's 1 January to the next year's 15 January.  The rows depend on
 * date's year only, so suites calling it agree.  Returns the 缴费年度
 * open on date. */
int		 policy_test_year(const char *date);

/* Formats fen as "1,234.56" into buf[32] (the tests' own formatting,
 * to compare with the hall's).  Returns buf. */
const char	*fen_yuan(long long fen, char buf[32]);

#endif
