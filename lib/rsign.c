/*
 * rsign.c: the text of a receipt's QR code and the office's signature
 * of the receipt's facts; see rsign.h.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "clock.h"
#include "log.h"
#include "receipt.h"
#include "rsign.h"
#include "text.h"
#include "valid.h"
#include "workflow.h"

/* The most bytes of a DER ECDSA P-256 signature. */
#define RSIGN_SIG_MAX	80

/* The verification page's address; see rsign.h. */
void
receipt_verify_url(char *buf, size_t bufsz)
{
	const char	*base = getenv("HALL_PUBLIC_URL");
	size_t		 n;

	if (base == NULL || (strncmp(base, "https://", 8) != 0 &&
	    strncmp(base, "http://", 7) != 0) || strlen(base) > 200 ||
	    strpbrk(base, " \"'<>\\\r\n") != NULL)
		base = "";
	n = strlen(base);
	if (n > 0 && base[n - 1] == '/')
		n--;
	snprintf(buf, bufsz, "%.*s/verify", (int)n, base);
}

/* ---- base64url ---- */

/* See rsign.h.  Returns the length written or -1. */
int
rsign_b64url(const unsigned char *in, size_t n, char *out, size_t outsz)
{
	size_t	 need = 4 * ((n + 2) / 3) + 1, i, len;

	if (n > INT_MAX / 2 || outsz < need)
		return -1;
	len = (size_t)EVP_EncodeBlock((unsigned char *)out, in, (int)n);
	while (len > 0 && out[len - 1] == '=')
		len--;
	out[len] = '\0';
	for (i = 0; i < len; i++)
		if (out[i] == '+')
			out[i] = '-';
		else if (out[i] == '/')
			out[i] = '_';
	return (int)len;
}

/* See rsign.h.  Returns the bytes written or -1. */
int
rsign_unb64url(const char *in, size_t n, unsigned char *out, size_t outsz)
{
	char		*std;
	unsigned char	*tmp;
	size_t		 i, pad = (4 - n % 4) % 4;
	int		 len = -1;

	if (n == 0 || n % 4 == 1 || n > 4 * (outsz / 3) + 3 ||
	    n > INT_MAX / 2)
		return -1;
	std = malloc(n + pad + 1);
	tmp = malloc((n + pad) / 4 * 3);
	if (std == NULL || tmp == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		if (in[i] == '-')
			std[i] = '+';
		else if (in[i] == '_')
			std[i] = '/';
		else if ((in[i] >= 'A' && in[i] <= 'Z') ||
		    (in[i] >= 'a' && in[i] <= 'z') ||
		    (in[i] >= '0' && in[i] <= '9'))
			std[i] = in[i];
		else
			goto out;
	}
	memset(std + n, '=', pad);
	std[n + pad] = '\0';
	/* EVP_DecodeBlock counts the zero bytes the padding stands for. */
	len = EVP_DecodeBlock(tmp, (unsigned char *)std, (int)(n + pad));
	if (len < (int)pad || (size_t)len - pad > outsz)
		len = -1;
	else {
		len -= (int)pad;
		memcpy(out, tmp, (size_t)len);
	}
out:
	free(std);
	free(tmp);
	return len;
}

/* ---- the facts ---- */

/* What rsign_persons() hands on. */
struct persons_walk {
	const char *const *keys;	/* the business's receipt_facts */
	int		(*fn)(void *arg, const struct rsign_person *p);
	void		*arg;
};

/* wf_rows callback: the row as a struct rsign_person, its facts
 * restricted to the business's key facts in their order.  Returns
 * what the caller's fn returns. */
static int
person_row(void *arg, const struct wf_row *r)
{
	struct persons_walk	*w = arg;
	struct rsign_person	 p;
	size_t			 i, k;

	memset(&p, 0, sizeof(p));
	p.name = r->name != NULL ? r->name : "";
	text_copy(p.idno, sizeof(p.idno), r->idno != NULL ? r->idno : "");
	text_mask_idno(p.idno, strlen(p.idno));
	for (k = 0; w->keys != NULL && w->keys[k] != NULL &&
	    p.nfacts < WF_ROW_FACTS; k++)
		for (i = 0; i < r->nfacts && i < WF_ROW_FACTS; i++)
			if (r->label[i] != NULL &&
			    strcmp(r->label[i], w->keys[k]) == 0) {
				p.label[p.nfacts] = r->label[i];
				p.value[p.nfacts++] = r->value[i] != NULL ?
				    r->value[i] : "";
				break;
			}
	return w->fn(w->arg, &p);
}

/* See rsign.h.  Returns the persons handed to fn, or -1. */
int
rsign_persons(struct store *s, const struct task *t, int limit,
    int (*fn)(void *arg, const struct rsign_person *p), void *arg,
    int64_t *total)
{
	const struct wf_business	*b = wf_business(t->business);
	struct persons_walk		 w;
	int				 n;

	w.keys = b != NULL ? b->receipt_facts : NULL;
	w.fn = fn;
	w.arg = arg;
	if ((n = wf_rows_page(s, t, 0, limit, person_row, &w)) < 0)
		return -1;
	if (total == NULL)
		return n;
	/* Counted by the business (its index), or the rows walked when
	 * it cannot count (then at most limit). */
	*total = n;
	if (b != NULL && b->row_count != NULL &&
	    b->row_count(s, t->id, total) != 0)
		return -1;
	return n;
}

/* See rsign.h.  Returns 0, or -1 when it does not fit (buf then
 * unchanged). */
int
rsign_fact_line(char *buf, size_t bufsz, size_t *len, const char *label,
    const char *value)
{
	size_t	 l = strlen(label), v = strlen(value), i;
	char	*p;

	if (*len + l + v + 2 >= bufsz)
		return -1;
	p = buf + *len;
	memcpy(p, label, l);
	p[l] = '=';
	for (i = 0; i < v; i++)
		p[l + 1 + i] = value[i] == '\n' || value[i] == '\r' ? ' ' :
		    value[i];
	p[l + 1 + v] = '\n';
	*len += l + v + 2;
	buf[*len] = '\0';
	return 0;
}

/* What the persons of a facts text are added to. */
struct facts_arg {
	char	*buf;
	size_t	 bufsz;
	size_t	*len;
};

/* Appends sep and then src to line (n bytes used of linesz) with each
 * '|' of src a space: a '|' in a name or value would forge a field.
 * Returns 0, or -1 when it does not fit. */
static int
append_field(char *line, size_t linesz, size_t *n, const char *sep,
    const char *src)
{
	size_t	 ls = strlen(sep), l = strlen(src), i;

	if (*n + ls + l >= linesz)
		return -1;
	memcpy(line + *n, sep, ls);
	for (i = 0; i < l; i++)
		line[*n + ls + i] = src[i] == '|' ? ' ' : src[i];
	*n += ls + l;
	line[*n] = '\0';
	return 0;
}

/* rsign_persons callback: one 人员 line "姓名|身份证号|标签:值|…".
 * Returns 0, 1 once one does not fit. */
static int
facts_person(void *arg, const struct rsign_person *p)
{
	struct facts_arg	*a = arg;
	char			 line[512];
	size_t			 i, n = 0;
	int			 bad;

	line[0] = '\0';
	bad = append_field(line, sizeof(line), &n, "", p->name) != 0 ||
	    append_field(line, sizeof(line), &n, "|", p->idno) != 0;
	for (i = 0; i < p->nfacts && !bad; i++)
		bad = append_field(line, sizeof(line), &n, "|",
		    p->label[i]) != 0 ||
		    append_field(line, sizeof(line), &n, ":", p->value[i]) != 0;
	return bad || rsign_fact_line(a->buf, a->bufsz, a->len, "人员", line) != 0;
}

/* The facts text of r; see rsign.h.  Returns its length or -1. */
int
rsign_facts(struct store *s, const struct receipt *r, char *buf,
    size_t bufsz)
{
	const struct wf_business	*b;
	struct task			 t;
	struct facts_arg		 a;
	struct hdate			 d;
	char				 unit[256], day[11], count[24];
	char				 persons[RSIGN_FACTS_MAX];
	size_t				 len = 0, plen = 0;
	int64_t				 total = 0;

	if (bufsz > RSIGN_FACTS_MAX + 1)
		bufsz = RSIGN_FACTS_MAX + 1;
	if (bufsz == 0 || wf_load(s, r->task_id, 0, &t) != 0 ||
	    receipt_unit_name(s, t.unit_id, unit, sizeof(unit)) != 0)
		return -1;
	buf[0] = '\0';
	b = wf_business(t.business);
	clock_date(r->issued_at, &d);
	hdate_fmt(&d, day);
	if (rsign_fact_line(buf, bufsz, &len, "文件", r->kind) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "单位", unit) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "业务", b != NULL ? b->name :
	    t.business) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "业务顺序号", t.seq_no) != 0 ||
	    rsign_fact_line(buf, bufsz, &len, "出具日期", day) != 0)
		return -1;
	/* The persons apart, so that 人数 (known once they are read)
	 * comes before them. */
	persons[0] = '\0';
	a.buf = persons;
	/* Room for the 人数 line (at most 32 bytes) kept. */
	a.bufsz = bufsz - len < 40 ? 1 : bufsz - len - 32;
	if (a.bufsz > sizeof(persons))
		a.bufsz = sizeof(persons);
	a.len = &plen;
	if (rsign_persons(s, &t, RSIGN_PERSONS, facts_person, &a, &total) < 0)
		return -1;
	snprintf(count, sizeof(count), "%lld", (long long)total);
	if (rsign_fact_line(buf, bufsz, &len, "人数", count) != 0 ||
	    len + plen >= bufsz)
		return -1;
	memcpy(buf + len, persons, plen + 1);
	len += plen;
	return (int)len;
}

/* See rsign.h.  Returns the length or -1. */
int
rsign_canonical(const char *no, const char *code, const char *facts,
    size_t factslen, char *buf, size_t bufsz)
{
	int	 n;

	n = snprintf(buf, bufsz, "%s\nno=%s\ncode=%s\n", RSIGN_MAGIC, no,
	    code);
	if (n < 0 || (size_t)n + factslen >= bufsz)
		return -1;
	memcpy(buf + n, facts, factslen);
	buf[n + factslen] = '\0';
	return n + (int)factslen;
}

/* ---- the key ---- */

/* Whether pkey is an EC key on P-256.  Returns 1 or 0. */
static int
is_p256(EVP_PKEY *pkey)
{
	char	 group[64];
	size_t	 len;

	return EVP_PKEY_is_a(pkey, "EC") &&
	    EVP_PKEY_get_utf8_string_param(pkey, "group", group,
	    sizeof(group), &len) == 1 && strcmp(group, "prime256v1") == 0;
}

/* The office's signing key (HALL_RECEIPT_KEY), loaded once per path
 * and kept for the process.  *pkey receives it (borrowed) or NULL when
 * none is configured.  Returns 0, or -1 when the file cannot be read
 * or is not a P-256 key (logged). */
static int
signing_key(EVP_PKEY **pkey)
{
	static EVP_PKEY	*cached;
	static char	 cached_path[PATH_MAX];
	const char	*path = getenv("HALL_RECEIPT_KEY");
	struct stat	 st;
	FILE		*f;
	EVP_PKEY	*k;

	*pkey = NULL;
	if (path == NULL || *path == '\0')
		return 0;
	if (cached != NULL && strcmp(path, cached_path) == 0) {
		*pkey = cached;
		return 0;
	}
	if ((f = fopen(path, "r")) == NULL) {
		log_err("HALL_RECEIPT_KEY %s: cannot open", path);
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0)
		log_warn("HALL_RECEIPT_KEY %s: readable by others (chmod 0600)",
		    path);
	k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (k == NULL || !is_p256(k)) {
		log_err("HALL_RECEIPT_KEY %s: not an ECDSA P-256 private key",
		    path);
		EVP_PKEY_free(k);
		return -1;
	}
	EVP_PKEY_free(cached);
	cached = k;
	snprintf(cached_path, sizeof(cached_path), "%s", path);
	*pkey = k;
	return 0;
}

/* Signs msg[0..len) with pkey (ECDSA, SHA-256, DER) into sig, whose
 * length goes to *siglen.  Returns 0 or -1. */
static int
sign_text(EVP_PKEY *pkey, const char *msg, size_t len,
    unsigned char sig[RSIGN_SIG_MAX], size_t *siglen)
{
	EVP_MD_CTX	*ctx = EVP_MD_CTX_new();
	int		 ok;

	*siglen = RSIGN_SIG_MAX;
	ok = ctx != NULL &&
	    EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, pkey) == 1 &&
	    EVP_DigestSign(ctx, sig, siglen, (const unsigned char *)msg,
	    len) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		log_err("receipt signature failed");
	return ok ? 0 : -1;
}

/* The signed part "d=<facts>&sig=<signature>" (both base64url) of the
 * document no, code with facts[0..flen), made now with pkey into
 * buf[bufsz].  Returns 0 or -1. */
static int
sign_facts(EVP_PKEY *pkey, const char *no, const char *code,
    const char *facts, int flen, char *buf, size_t bufsz)
{
	char		 canon[RSIGN_FACTS_MAX + 128];
	char		 d[4 * (RSIGN_FACTS_MAX / 3) + 8], sigtxt[128];
	unsigned char	 sig[RSIGN_SIG_MAX];
	size_t		 siglen;
	int		 n, clen;

	if (flen < 0 || flen > RSIGN_FACTS_MAX ||
	    (clen = rsign_canonical(no, code, facts, (size_t)flen,
	    canon, sizeof(canon))) < 0 ||
	    sign_text(pkey, canon, (size_t)clen, sig, &siglen) != 0 ||
	    rsign_b64url((const unsigned char *)facts, (size_t)flen, d,
	    sizeof(d)) < 0 ||
	    rsign_b64url(sig, siglen, sigtxt, sizeof(sigtxt)) < 0)
		return -1;
	n = snprintf(buf, bufsz, "d=%s&sig=%s", d, sigtxt);
	return n < 0 || (size_t)n >= bufsz ? -1 : 0;
}

/* The signed part of receipt r's QR code, made now with pkey into
 * buf[bufsz].  Returns 0 or -1. */
static int
signed_part(struct store *s, const struct receipt *r, EVP_PKEY *pkey,
    char *buf, size_t bufsz)
{
	char	 facts[RSIGN_FACTS_MAX + 1];

	return sign_facts(pkey, r->no, r->code, facts,
	    rsign_facts(s, r, facts, sizeof(facts)), buf, bufsz);
}

/* See rsign.h.  Returns 0, 1 no key, -1 error. */
int
rsign_sign_facts(const char *no, const char *code, const char *facts,
    char *part, size_t partsz)
{
	EVP_PKEY	*pkey;

	if (signing_key(&pkey) != 0)
		return -1;
	if (pkey == NULL)
		return 1;
	return sign_facts(pkey, no, code, facts, (int)strlen(facts), part,
	    partsz);
}

/* The QR text of r into buf[bufsz], signed fresh when fresh, else with
 * the signed part kept with the receipt (made and kept on first use).
 * Returns 0 or -1. */
static int
qr_text(struct store *s, const struct receipt *r, int fresh, char *buf,
    size_t bufsz)
{
	EVP_PKEY	*pkey;
	char		 url[256], part[RSIGN_QR_MAX];
	int		 n, rc = 1;

	receipt_verify_url(url, sizeof(url));
	n = snprintf(buf, bufsz, "%s?no=%s&code=%s", url, r->no, r->code);
	if (n < 0 || (size_t)n >= bufsz)
		return -1;
	if (signing_key(&pkey) != 0)
		return -1;
	if (pkey == NULL)
		return 0;
	if (!fresh && r->id > 0 &&
	    (rc = receipt_sig_get(s, r->id, part, sizeof(part))) < 0)
		return -1;
	if (rc != 0) {
		if (signed_part(s, r, pkey, part, sizeof(part)) != 0)
			return -1;
		/* Kept, then read back: two first views at once keep one. */
		if (!fresh && r->id > 0 &&
		    (receipt_sig_keep(s, r->id, part) != 0 ||
		    receipt_sig_get(s, r->id, part, sizeof(part)) != 0))
			return -1;
	}
	n = snprintf(buf, bufsz, "%s?no=%s&code=%s&%s", url, r->no, r->code,
	    part);
	return n < 0 || (size_t)n >= bufsz ? -1 : 0;
}

/* The QR code's text; see rsign.h.  Returns 0 or -1. */
int
rsign_qr_text(struct store *s, const struct receipt *r, char *buf,
    size_t bufsz)
{
	return qr_text(s, r, 0, buf, bufsz);
}

/* As rsign_qr_text, signed now; see rsign.h.  Returns 0 or -1. */
int
rsign_qr_fresh(struct store *s, const struct receipt *r, char *buf,
    size_t bufsz)
{
	return qr_text(s, r, 1, buf, bufsz);
}

/* ---- offline verification ---- */

/* The value of query field name in q (fields separated by '&') into
 * out[outsz], without percent-decoding (every field the QR carries is
 * URL-safe as written).  Returns its length, or -1 when absent, empty
 * or too long. */
static int
query_field(const char *q, const char *name, char *out, size_t outsz)
{
	size_t		 nl = strlen(name), vl;
	const char	*p = q, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, '&');
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			p += nl + 1;
			vl = end != NULL ? (size_t)(end - p) : strlen(p);
			if (vl == 0 || vl >= outsz)
				return -1;
			memcpy(out, p, vl);
			out[vl] = '\0';
			return (int)vl;
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return -1;
}

/* Whether s is 1 or more characters of [A-Z0-9]. */
static int
plain_token(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

/* The public key of the PEM certificate at path into *pkey (owned by
 * the caller).  Returns 0 or -1. */
static int
cert_key(const char *path, EVP_PKEY **pkey)
{
	FILE	*f;
	X509	*x;

	*pkey = NULL;
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (x == NULL)
		return -1;
	*pkey = X509_get_pubkey(x);
	X509_free(x);
	if (*pkey != NULL && !is_p256(*pkey)) {
		EVP_PKEY_free(*pkey);
		*pkey = NULL;
	}
	return *pkey != NULL ? 0 : -1;
}

/* Checks sig[0..siglen) over msg[0..len) with pkey.  Returns 1 valid,
 * 0 not. */
static int
verify_text(EVP_PKEY *pkey, const char *msg, size_t len,
    const unsigned char *sig, size_t siglen)
{
	EVP_MD_CTX	*ctx = EVP_MD_CTX_new();
	int		 ok;

	ok = ctx != NULL &&
	    EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, pkey) == 1 &&
	    EVP_DigestVerify(ctx, sig, siglen, (const unsigned char *)msg,
	    len) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}

/* Reads no, code, d and sig of the QR text into out, sig and *siglen.
 * Returns 0, or 2 (see rsign_verify_qr) with *why set. */
static int
parse_qr(const char *qr, struct rsign_check *out, unsigned char *sig,
    size_t *siglen, const char **why)
{
	const char	*q = strchr(qr, '?');
	char		 d[4 * (RSIGN_FACTS_MAX / 3) + 8], sigtxt[128];
	int		 n, dl, sl;

	q = q != NULL ? q + 1 : qr;
	if (query_field(q, "no", out->no, sizeof(out->no)) < 0 ||
	    query_field(q, "code", out->code, sizeof(out->code)) < 0 ||
	    !plain_token(out->no) || !plain_token(out->code)) {
		*why = "二维码内容不完整:缺少回执编号或验证码";
		return 2;
	}
	if ((dl = query_field(q, "d", d, sizeof(d))) < 0 ||
	    (sl = query_field(q, "sig", sigtxt, sizeof(sigtxt))) < 0) {
		*why = "二维码没有签名(d= 与 sig=),无法离线验证";
		return 2;
	}
	n = rsign_unb64url(d, (size_t)dl, (unsigned char *)out->facts,
	    RSIGN_FACTS_MAX);
	if (n < 0) {
		*why = "二维码中的回执内容(d=)格式不正确";
		return 2;
	}
	out->factslen = (size_t)n;
	out->facts[n] = '\0';
	if ((n = rsign_unb64url(sigtxt, (size_t)sl, sig, RSIGN_SIG_MAX)) < 0) {
		*why = "二维码中的签名(sig=)格式不正确";
		return 2;
	}
	*siglen = (size_t)n;
	return 0;
}

/* See rsign.h.  Returns 0 genuine, 1 not, 2 malformed, -1 no
 * certificate. */
int
rsign_verify_qr(const char *qr, const char *certpath,
    struct rsign_check *out, const char **why)
{
	const char	*dummy;
	EVP_PKEY	*pkey;
	unsigned char	 sig[RSIGN_SIG_MAX];
	char		 canon[RSIGN_FACTS_MAX + 128];
	size_t		 siglen;
	int		 rc, clen;

	if (why == NULL)
		why = &dummy;
	*why = "";
	memset(out, 0, sizeof(*out));
	if (qr == NULL || strlen(qr) > RSIGN_QR_MAX) {
		*why = "二维码内容过长或为空";
		return 2;
	}
	if ((rc = parse_qr(qr, out, sig, &siglen, why)) != 0)
		return rc;
	if (memchr(out->facts, '\0', out->factslen) != NULL) {
		*why = "二维码中的回执内容(d=)格式不正确";
		return 2;
	}
	if (cert_key(certpath, &pkey) != 0) {
		*why = "无法读取经办机构的证书(需 ECDSA P-256 的 PEM 证书)";
		return -1;
	}
	clen = rsign_canonical(out->no, out->code, out->facts, out->factslen,
	    canon, sizeof(canon));
	rc = clen >= 0 && verify_text(pkey, canon, (size_t)clen, sig,
	    siglen) ? 0 : 1;
	EVP_PKEY_free(pkey);
	if (rc != 0)
		*why = "签名不符:回执内容被改动,或不是该经办机构签发的";
	return rc;
}
