/*
 * store_dialect.c: SQLite's SQL to PostgreSQL's; see store_dialect.h.
 * Every rewrite works on the text outside quoted strings and
 * identifiers, word by word; nothing here ever sees a request's input
 * (only the programs' SQL literals and the migrations).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "store_dialect.h"

/* A growing string.  Owned by whoever holds it; free(b->p). */
struct dbuf {
	char	*p;
	size_t	 n, cap;
	int	 oom;
};

/* Appends n bytes of s to b (b->oom set when memory runs out). */
static void
db_addn(struct dbuf *b, const char *s, size_t n)
{
	char	*np;
	size_t	 ncap;

	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		ncap = b->cap == 0 ? 256 : b->cap;
		while (ncap < b->n + n + 1)
			ncap *= 2;
		if ((np = realloc(b->p, ncap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

/* Appends the string s to b. */
static void
db_add(struct dbuf *b, const char *s)
{
	db_addn(b, s, strlen(s));
}

/* Returns b's text (owned by the caller), or NULL when memory ran out
 * (b freed). */
static char *
db_take(struct dbuf *b)
{
	if (b->oom || b->p == NULL) {
		free(b->p);
		return b->oom ? NULL : strdup("");
	}
	return b->p;
}

/* The end of the quoted text or comment starting at p ('…' with ''
 * inside, "…", -- to the end of the line), or p when p starts none. */
static const char *
skip_quoted(const char *p)
{
	char	 q = *p;

	if (q == '-' && p[1] == '-') {
		while (*p != '\0' && *p != '\n')
			p++;
		return p;
	}
	if (q != '\'' && q != '"')
		return p;
	for (p++; *p != '\0'; p++)
		if (*p == q) {
			if (p[1] != q)
				return p + 1;
			p++;
		}
	return p;
}

/* Whether c may be part of an SQL word. */
static int
is_word(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Whether the words w (single spaces standing for any white space)
 * start at p as whole words, case aside.  Returns their length in p,
 * or 0. */
static size_t
words_at(const char *p, const char *w)
{
	const char	*s = p;

	while (*w != '\0') {
		if (*w == ' ') {
			if (!isspace((unsigned char)*p))
				return 0;
			while (isspace((unsigned char)*p))
				p++;
			w++;
			continue;
		}
		if (toupper((unsigned char)*p) != toupper((unsigned char)*w))
			return 0;
		p++;
		w++;
	}
	return is_word(*p) ? 0 : (size_t)(p - s);
}

/* p past white space. */
static const char *
skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* Copies the identifier at p into out[outsz] (without quotes); returns
 * the text after it. */
static const char *
read_ident(const char *p, char *out, size_t outsz)
{
	size_t	 n = 0;

	if (*p == '"')
		p++;
	while (is_word(*p)) {
		if (n + 1 < outsz)
			out[n++] = *p;
		p++;
	}
	if (*p == '"')
		p++;
	out[n] = '\0';
	return p;
}

static const char *find_word(const char *, const char *, const char *);

/* Notes, for an INSERT at the start of the statement p, its table and
 * whether its column list starts with id. */
static void
note_insert(const char *p, struct dialect_query *q)
{
	size_t	 n;
	char	 col[8];

	p = skip_space(p);
	if ((n = words_at(p, "INSERT OR IGNORE INTO")) == 0 &&
	    (n = words_at(p, "INSERT INTO")) == 0)
		return;
	p = read_ident(skip_space(p + n), q->insert_table,
	    sizeof(q->insert_table));
	p = skip_space(p);
	if (*p != '(')
		return;
	(void)read_ident(skip_space(p + 1), col, sizeof(col));
	q->explicit_id = strcmp(col, "id") == 0;
}

/* Appends the upsert assignments [p, e) ("c = expr, ..." up to a WHERE
 * or the end) to b, each bare c inside its own expr qualified with
 * table: PostgreSQL finds "n = n + 1" ambiguous (the row or EXCLUDED)
 * where SQLite means the row. */
static void
upsert_sets(struct dbuf *b, const char *p, const char *e,
    const char *table)
{
	char		 col[64];
	const char	*x, *c0;
	size_t		 cn;
	int		 depth = 0;

	col[0] = '\0';
	c0 = p;
	while (p < e) {
		if ((x = skip_quoted(p)) != p) {
			db_addn(b, p, (size_t)(x - p));
			p = x;
			continue;
		}
		if (depth == 0 && (p == c0 || *p == ',')) {
			/* the start of an assignment: its column */
			if (*p == ',')
				db_addn(b, p++, 1);
			x = skip_space(p);
			db_addn(b, p, (size_t)(x - p));
			p = read_ident(x, col, sizeof(col));
			db_add(b, col);
			c0 = NULL;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		cn = strlen(col);
		if (cn > 0 && !is_word(p[-1]) && p[-1] != '.' &&
		    strncmp(p, col, cn) == 0 && !is_word(p[cn]) &&
		    p[cn] != '.') {
			db_add(b, table);
			db_add(b, ".");
			db_add(b, col);
			p += cn;
			continue;
		}
		db_addn(b, p++, 1);
	}
}

/* Rewrites the DO UPDATE SET of an upsert into table in *sql (owned;
 * replaced).  Returns 0 or -1 (out of memory). */
static int
qualify_upsert(char **sql, const char *table)
{
	struct dbuf	 b = { 0 };
	const char	*p = *sql, *x, *set = NULL, *end;
	size_t		 n = 0;

	while (*p != '\0' && set == NULL) {
		if ((x = skip_quoted(p)) != p)
			p = x;
		else if ((p == *sql || !is_word(p[-1])) &&
		    (n = words_at(p, "DO UPDATE SET")) != 0)
			set = p;
		else
			p++;
	}
	if (set == NULL || table[0] == '\0')
		return 0;
	if ((end = find_word(set + n, set + strlen(set), "WHERE")) == NULL)
		end = set + strlen(set);
	db_addn(&b, *sql, (size_t)(set + n - *sql));
	upsert_sets(&b, set + n, end, table);
	db_add(&b, end);
	if (b.oom) {
		free(b.p);
		return -1;
	}
	free(*sql);
	*sql = b.p;
	return 0;
}

/* The words that may follow a subquery in FROM when it has no alias. */
static const char *const after_subquery[] = {
	"WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT",
	"JOIN", "LEFT", "INNER", "CROSS", "ON", "HAVING", "OFFSET",
};

/* The closing parenthesis matching the one at p, or NULL. */
static const char *
close_paren(const char *p)
{
	const char	*x;
	int		 depth = 0;

	while (*p != '\0') {
		if ((x = skip_quoted(p)) != p) {
			p = x;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p;
		p++;
	}
	return NULL;
}

/* Whether the text at p (after a subquery) starts an alias. */
static int
has_alias(const char *p)
{
	size_t	 i;

	p = skip_space(p);
	if (!is_word(*p) && *p != '"')
		return 0;
	for (i = 0; i < sizeof(after_subquery) / sizeof(after_subquery[0]);
	    i++)
		if (words_at(p, after_subquery[i]) != 0)
			return 0;
	return 1;
}

/* Gives every subquery in FROM of *sql (owned; replaced) an alias,
 * which PostgreSQL 15 wants and SQLite does not.  Returns 0 or -1. */
static int
alias_subqueries(char **sql)
{
	struct dbuf	 b = { 0 };
	const char	*p = *sql, *x, *c;
	char		 alias[24];
	size_t		 n;
	int		 k = 0;

	while (*p != '\0') {
		if ((x = skip_quoted(p)) != p) {
			db_addn(&b, p, (size_t)(x - p));
			p = x;
			continue;
		}
		if ((p == *sql || !is_word(p[-1])) &&
		    (n = words_at(p, "FROM")) != 0 &&
		    *(x = skip_space(p + n)) == '(' &&
		    (c = close_paren(x)) != NULL && !has_alias(c + 1)) {
			db_addn(&b, p, (size_t)(c + 1 - p));
			snprintf(alias, sizeof(alias), " AS hall_q%d", ++k);
			db_add(&b, alias);
			p = c + 1;
			continue;
		}
		db_addn(&b, p++, 1);
	}
	if (b.oom) {
		free(b.p);
		return -1;
	}
	if (k == 0) {
		free(b.p);
		return 0;
	}
	free(*sql);
	*sql = b.p;
	return 0;
}

/* SQLite's words with another spelling in PostgreSQL, matched as whole
 * words outside quotes. */
static const struct {
	const char	*from, *to;
} query_words[] = {
	{ "WHERE 1", "WHERE TRUE" },		/* no integer truth */
	{ "IS NOT ?", "IS DISTINCT FROM ?" },	/* null-safe comparison */
	{ "IS ?", "IS NOT DISTINCT FROM ?" },
	{ "LIMIT -1", "LIMIT ALL" },		/* no limit */
	{ "AS INTEGER", "AS BIGINT" },		/* CAST: 64 bits */
	{ "AS BLOB", "AS BYTEA" },		/* CAST: the bytes */
};

/* Appends PostgreSQL's spelling of a word of query_words at p to b.
 * Returns the length of SQLite's spelling in p, or 0 when none starts
 * there.  A rewrite ending in '?' leaves the parameter to the caller. */
static size_t
query_word(const char *p, struct dbuf *b)
{
	size_t	 i, n, tl;

	for (i = 0; i < sizeof(query_words) / sizeof(query_words[0]); i++) {
		tl = strlen(query_words[i].from);
		if (query_words[i].from[tl - 1] == '?') {
			/* words_at wants a word end: match the words, then
			 * the '?' */
			char	 w[32];

			snprintf(w, sizeof(w), "%.*s", (int)(tl - 2),
			    query_words[i].from);
			if ((n = words_at(p, w)) == 0 ||
			    !isspace((unsigned char)p[n]))
				continue;
			while (isspace((unsigned char)p[n]))
				n++;
			if (p[n] != '?')
				continue;
			snprintf(w, sizeof(w), "%.*s",
			    (int)strlen(query_words[i].to) - 1,
			    query_words[i].to);
			db_add(b, w);
			return n;
		}
		if ((n = words_at(p, query_words[i].from)) != 0) {
			db_add(b, query_words[i].to);
			return n;
		}
	}
	return 0;
}

/* Whether the '+' at p (within sql) is a unary plus: the text before
 * it ends with an operator, a '(' or a ',', or a keyword such as AND. */
static int
unary_at(const char *sql, const char *p)
{
	const char	*q = p;

	while (q > sql && isspace((unsigned char)q[-1]))
		q--;
	if (q == sql)
		return 1;
	if (strchr("=<>(,", q[-1]) != NULL)
		return 1;
	return (q - sql >= 3 && strncasecmp(q - 3, "AND", 3) == 0) ||
	    (q - sql >= 2 && strncasecmp(q - 2, "OR", 2) == 0) ||
	    (q - sql >= 5 && strncasecmp(q - 5, "WHERE", 5) == 0);
}

/* Translates one statement; see store_dialect.h. */
int
dialect_pg_query(const char *sql, struct dialect_query *q)
{
	struct dbuf	 b = { 0 };
	const char	*p = sql, *e;
	char		 num[16];
	size_t		 n;
	int		 ignore = 0, k;

	memset(q, 0, sizeof(*q));
	note_insert(sql, q);
	while (*p != '\0') {
		if ((e = skip_quoted(p)) != p) {
			db_addn(&b, p, (size_t)(e - p));
			p = e;
		} else if (*p == '?') {
			p++;
			if (isdigit((unsigned char)*p)) {
				for (k = 0; isdigit((unsigned char)*p); p++)
					k = k * 10 + (*p - '0');
			} else
				k = q->nparams + 1;
			if (k > q->nparams)
				q->nparams = k;
			snprintf(num, sizeof(num), "$%d", k);
			db_add(&b, num);
		} else if ((p == sql || !is_word(p[-1])) &&
		    (n = words_at(p, "INSERT OR IGNORE INTO")) != 0) {
			db_add(&b, "INSERT INTO");
			ignore = 1;
			p += n;
		} else if ((p == sql || !is_word(p[-1])) &&
		    (n = words_at(p, "LIMIT")) != 0 &&
		    *(e = skip_space(p + n)) == '?') {
			/* SQLite's LIMIT -1 is no limit; PostgreSQL's NULL */
			for (k = 0, e++; isdigit((unsigned char)*e); e++)
				k = k * 10 + (*e - '0');
			if (k == 0)
				k = q->nparams + 1;
			if (k > q->nparams)
				q->nparams = k;
			snprintf(num, sizeof(num), "%d", k);
			db_add(&b, "LIMIT NULLIF($");
			db_add(&b, num);
			db_add(&b, ", -1)");
			p = e;
		} else if (*p == '+' && isalpha((unsigned char)p[1]) &&
		    unary_at(sql, p)) {
			p++;	/* +col: SQLite's "no index here" */
		} else if ((p == sql || !is_word(p[-1])) &&
		    (n = query_word(p, &b)) != 0) {
			p += n;
		} else if ((p == sql || !is_word(p[-1])) &&
		    (*p == 'x' || *p == 'X') && p[1] == '\'') {
			/* x'0a1b', a blob, is '\x0a1b'::bytea */
			e = skip_quoted(p + 1);
			db_add(&b, "'\\x");
			db_addn(&b, p + 2, (size_t)(e - p - 2));
			db_add(&b, "::bytea");
			p = e;
		} else {
			db_addn(&b, p, 1);
			p++;
		}
	}
	if (ignore && !b.oom) {
		while (b.n > 0 && (isspace((unsigned char)b.p[b.n - 1]) ||
		    b.p[b.n - 1] == ';'))
			b.p[--b.n] = '\0';
		db_add(&b, " ON CONFLICT DO NOTHING");
	}
	if ((q->sql = db_take(&b)) == NULL)
		return -1;
	if (qualify_upsert(&q->sql, q->insert_table) == -1 ||
	    alias_subqueries(&q->sql) == -1) {
		free(q->sql);
		q->sql = NULL;
		return -1;
	}
	return 0;
}

/* SQLite's column types and table options, and PostgreSQL's. */
static const struct {
	const char	*from, *to;
} schema_words[] = {
	{ "INTEGER PRIMARY KEY AUTOINCREMENT",
	    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
	{ "INTEGER PRIMARY KEY",
	    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
	{ "INTEGER", "BIGINT" },
	{ "BLOB", "BYTEA" },
	{ "REAL", "DOUBLE PRECISION" },
	{ "WITHOUT ROWID", "" },
};

/* Appends the statement [p, e) to b with the schema's words rewritten
 * (DROP TRIGGER through hall_drop_trigger), then through
 * dialect_pg_query, and a ';'. */
static void
schema_stmt(struct dbuf *b, const char *p, const char *e)
{
	struct dbuf		 t = { 0 };
	struct dialect_query	 q;
	const char		*s, *x;
	char			 name[64];
	size_t			 i, n;

	p = skip_space(p);
	if (p >= e)
		return;
	if ((n = words_at(p, "DROP TRIGGER IF EXISTS")) != 0 ||
	    (n = words_at(p, "DROP TRIGGER")) != 0) {
		(void)read_ident(skip_space(p + n), name, sizeof(name));
		db_add(b, "SELECT hall_drop_trigger('");
		db_add(b, name);
		db_add(b, "');\n");
		return;
	}
	for (s = p; s < e; ) {
		if ((x = skip_quoted(s)) != s) {
			db_addn(&t, s, (size_t)(x - s));
			s = x;
			continue;
		}
		n = 0;
		if (s == p || !is_word(s[-1]))
			for (i = 0; i < sizeof(schema_words) /
			    sizeof(schema_words[0]); i++)
				if ((n = words_at(s, schema_words[i].from)) != 0) {
					db_add(&t, schema_words[i].to);
					break;
				}
		if (n == 0)
			n = 1, db_addn(&t, s, 1);
		s += n;
	}
	if (t.oom || t.p == NULL) {
		free(t.p);
		b->oom = 1;
		return;
	}
	if (dialect_pg_query(t.p, &q) == -1) {
		b->oom = 1;
	} else {
		db_add(b, q.sql);
		db_add(b, ";\n");
		free(q.sql);
	}
	free(t.p);
}

/* The end of the statement at p: the next ';' outside quotes (past it),
 * or the end of the text. */
static const char *
stmt_end(const char *p)
{
	const char	*e;

	while (*p != '\0') {
		if ((e = skip_quoted(p)) != p)
			p = e;
		else if (*p++ == ';')
			return p;
	}
	return p;
}

/* The first whole word w at the top level of [p, e) (outside quotes and
 * parentheses), or NULL. */
static const char *
find_word(const char *p, const char *e, const char *w)
{
	const char	*x, *p0 = p;
	int		 depth = 0;

	while (p < e) {
		if ((x = skip_quoted(p)) != p) {
			p = x;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (depth == 0 && (p == p0 || !is_word(p[-1])) &&
		    words_at(p, w) != 0)
			return p;
		p++;
	}
	return NULL;
}

/* The END that closes a trigger body starting at p (the first END
 * word after a ';'), or NULL. */
static const char *
trigger_end(const char *p)
{
	const char	*x;
	int		 after_semi = 0;

	while (*p != '\0') {
		if ((x = skip_quoted(p)) != p) {
			p = x;
			after_semi = 0;
			continue;
		}
		if (*p == ';')
			after_semi = 1;
		else if (after_semi && words_at(p, "END") != 0)
			return p;
		else if (!isspace((unsigned char)*p))
			after_semi = 0;
		p++;
	}
	return NULL;
}

/* Appends one statement of a trigger body [p, e) as PL/pgSQL: SELECT
 * RAISE(ABORT, 'm') becomes RAISE EXCEPTION 'm', another SELECT a
 * PERFORM. */
static void
trigger_body_stmt(struct dbuf *b, const char *p, const char *e)
{
	struct dialect_query	 q;
	const char		*m, *me;
	char			*one;
	size_t			 n;

	p = skip_space(p);
	if (p >= e)
		return;
	if ((n = words_at(p, "SELECT RAISE")) != 0 &&
	    (m = memchr(p, '\'', (size_t)(e - p))) != NULL) {
		me = skip_quoted(m);
		db_add(b, "RAISE EXCEPTION ");
		db_addn(b, m, (size_t)(me - m));
		db_add(b, ";\n");
		return;
	}
	if ((n = words_at(p, "SELECT")) != 0) {
		db_add(b, "PERFORM");
		p += n;
	}
	if ((one = strndup(p, (size_t)(e - p))) == NULL ||
	    dialect_pg_query(one, &q) == -1) {
		free(one);
		b->oom = 1;
		return;
	}
	db_add(b, q.sql);
	db_add(b, ";\n");
	free(q.sql);
	free(one);
}

/* Appends the trigger [p, e) (from CREATE TRIGGER to its END) as a
 * PL/pgSQL function and a trigger.  Returns 0 or -1 (unreadable). */
static int
schema_trigger(struct dbuf *b, const char *p, const char *e)
{
	const char	*h, *body, *when, *end, *s, *x, *ret;
	char		 name[64], timing[16];
	size_t		 n;

	h = p + words_at(p, "CREATE TRIGGER");
	if ((n = words_at(skip_space(h), "IF NOT EXISTS")) != 0)
		h = skip_space(h) + n;
	h = read_ident(skip_space(h), name, sizeof(name));
	h = skip_space(h);
	(void)read_ident(h, timing, sizeof(timing));
	if ((body = find_word(h, e, "BEGIN")) == NULL ||
	    (end = trigger_end(body)) == NULL || end > e) {
		log_err("store: cannot read trigger %s", name);
		return -1;
	}
	when = find_word(h, body, "WHEN");
	if (strcasecmp(timing, "AFTER") == 0)
		ret = "NULL";
	else if (find_word(h, when != NULL ? when : body, "DELETE") != NULL)
		ret = "OLD";
	else
		ret = "NEW";
	db_add(b, "CREATE OR REPLACE FUNCTION trg_");
	db_add(b, name);
	db_add(b, "() RETURNS trigger LANGUAGE plpgsql AS $hall$\nBEGIN\n");
	for (s = body + 5; s < end; s = x) {
		x = stmt_end(s);
		if (x > end)
			x = end;
		trigger_body_stmt(b, s, x[-1] == ';' ? x - 1 : x);
	}
	db_add(b, "RETURN ");
	db_add(b, ret);
	db_add(b, ";\nEND\n$hall$;\nCREATE TRIGGER ");
	db_add(b, name);
	db_add(b, " ");
	x = when != NULL ? when : body;
	if ((s = find_word(h, x, "FOR EACH ROW")) != NULL)
		x = s;
	db_addn(b, h, (size_t)(x - h));
	db_add(b, " FOR EACH ROW ");
	if (when != NULL) {
		db_add(b, "WHEN (");
		s = when + 4;
		db_addn(b, s, (size_t)(body - s));
		db_add(b, ") ");
	}
	db_add(b, "EXECUTE FUNCTION trg_");
	db_add(b, name);
	db_add(b, "();\n");
	return 0;
}

/* Translates a migration; see store_dialect.h. */
char *
dialect_pg_schema(const char *migration)
{
	struct dbuf	 b = { 0 };
	const char	*p = migration, *e, *end;

	while (*(p = skip_space(p)) != '\0') {
		if ((e = skip_quoted(p)) != p && *p == '-') {
			p = e;
			continue;
		}
		if (words_at(p, "CREATE TRIGGER") != 0) {
			if ((end = trigger_end(p)) == NULL) {
				log_err("store: a trigger without END");
				free(b.p);
				return NULL;
			}
			e = stmt_end(end);
			if (schema_trigger(&b, p, e) == -1) {
				free(b.p);
				return NULL;
			}
			p = e;
			continue;
		}
		e = stmt_end(p);
		schema_stmt(&b, p, e[-1] == ';' ? e - 1 : e);
		p = e;
	}
	return db_take(&b);
}

/* SQLite's functions that the hall's SQL uses and PostgreSQL lacks:
 * unixepoch(), strftime(format, seconds, 'unixepoch') (the formats
 * %Y %m %d %H %M %S, in UTC like SQLite), strftime and date of a time
 * text ('now', 'YYYY-MM-DD HH:MM:SS') with SQLite's modifiers ('+8
 * hours', '-1 month', 'start of month' ...; hall_time), %s too, MAX
 * and MIN of two integers,
 * printf with %d and %0Nd; and hall_drop_trigger(name), since
 * PostgreSQL's DROP TRIGGER wants the table. */
const char dialect_pg_prelude[] =
"CREATE OR REPLACE FUNCTION unixepoch() RETURNS bigint LANGUAGE sql "
"  STABLE AS $$ SELECT floor(extract(epoch FROM now()))::bigint $$;\n"
"CREATE OR REPLACE FUNCTION strftime(fmt text, t bigint, modifier text) "
"  RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT to_char("
"  to_timestamp(t) AT TIME ZONE 'UTC', replace(replace(replace(replace("
"  replace(replace(fmt, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'), "
"  '%H', 'HH24'), '%M', 'MI'), '%S', 'SS')) $$;\n"
"CREATE OR REPLACE FUNCTION hall_time(t text, mods text[]) RETURNS "
"  timestamp LANGUAGE plpgsql STABLE AS $$\n"
"DECLARE r timestamp; m text; n text; u text;\n"
"BEGIN\n"
"  IF t = 'now' THEN\n"
"    r := (now() AT TIME ZONE 'UTC')::timestamp(0);\n"
"  ELSIF 'unixepoch' = ANY(mods) THEN\n"
"    r := to_timestamp(t::double precision) AT TIME ZONE 'UTC';\n"
"  ELSE\n"
"    r := t::timestamp;\n"
"  END IF;\n"
"  FOREACH m IN ARRAY coalesce(mods, '{}') LOOP\n"
"    m := lower(trim(m));\n"
"    IF m = 'unixepoch' THEN CONTINUE;\n"
"    ELSIF m = 'start of month' THEN r := date_trunc('month', r);\n"
"    ELSIF m = 'start of year' THEN r := date_trunc('year', r);\n"
"    ELSIF m = 'start of day' THEN r := date_trunc('day', r);\n"
"    ELSE\n"
"      n := substring(m from '^([+-]?[0-9.]+)');\n"
"      u := trim(substring(m from '^[+-]?[0-9.]+\\s*(.*)$'));\n"
"      IF n IS NULL OR u IS NULL THEN RETURN NULL; END IF;\n"
"      r := r + (n || ' ' || rtrim(u, 's'))::interval;\n"
"    END IF;\n"
"  END LOOP;\n"
"  RETURN r;\n"
"END $$;\n"
"CREATE OR REPLACE FUNCTION hall_fmt(fmt text, r timestamp) RETURNS text "
"  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN fmt = '%s' THEN "
"  extract(epoch FROM r)::bigint::text ELSE to_char(r, replace(replace("
"  replace(replace(replace(replace(fmt, '%Y', 'YYYY'), '%m', 'MM'), '%d', "
"  'DD'), '%H', 'HH24'), '%M', 'MI'), '%S', 'SS')) END $$;\n"
"CREATE OR REPLACE FUNCTION strftime(fmt text, t text) RETURNS text "
"  LANGUAGE sql STABLE AS $$ SELECT hall_fmt(fmt, hall_time(t, '{}')) $$;\n"
"CREATE OR REPLACE FUNCTION strftime(fmt text, t text, VARIADIC m text[]) "
"  RETURNS text LANGUAGE sql STABLE AS $$ SELECT hall_fmt(fmt, "
"  hall_time(t, m)) $$;\n"
"CREATE OR REPLACE FUNCTION date(t text, VARIADIC m text[]) RETURNS text "
"  LANGUAGE sql STABLE AS $$ SELECT to_char(hall_time(t, m), "
"  'YYYY-MM-DD') $$;\n"
"CREATE OR REPLACE FUNCTION max(a bigint, b bigint) RETURNS bigint "
"  LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(a, b) $$;\n"
"CREATE OR REPLACE FUNCTION min(a bigint, b bigint) RETURNS bigint "
"  LANGUAGE sql IMMUTABLE AS $$ SELECT least(a, b) $$;\n"
"CREATE OR REPLACE FUNCTION printf(fmt text, VARIADIC a bigint[]) "
"  RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$\n"
"DECLARE o text := ''; i int := 1; k int := 1; w int; z boolean; "
"  c text; v text;\n"
"BEGIN\n"
"  WHILE i <= length(fmt) LOOP\n"
"    c := substr(fmt, i, 1);\n"
"    IF c = '%' AND substr(fmt, i + 1, 1) = '%' THEN\n"
"      o := o || '%'; i := i + 2; CONTINUE;\n"
"    END IF;\n"
"    IF c <> '%' THEN o := o || c; i := i + 1; CONTINUE; END IF;\n"
"    i := i + 1; z := substr(fmt, i, 1) = '0'; w := 0;\n"
"    WHILE substr(fmt, i, 1) BETWEEN '0' AND '9' LOOP\n"
"      w := w * 10 + substr(fmt, i, 1)::int; i := i + 1;\n"
"    END LOOP;\n"
"    v := coalesce(a[k]::text, ''); k := k + 1; i := i + 1;\n"
"    IF length(v) < w THEN\n"
"      v := CASE WHEN z THEN lpad(v, w, '0') ELSE lpad(v, w) END;\n"
"    END IF;\n"
"    o := o || v;\n"
"  END LOOP;\n"
"  RETURN o;\n"
"END $$;\n"
"CREATE OR REPLACE FUNCTION substr(s text, i bigint) RETURNS text "
"  LANGUAGE sql IMMUTABLE AS $$ SELECT substr(s, i::int) $$;\n"
"CREATE OR REPLACE FUNCTION substr(s text, i bigint, n bigint) RETURNS "
"  text LANGUAGE sql IMMUTABLE AS $$ SELECT substr(s, i::int, n::int) $$;\n"
"CREATE OR REPLACE FUNCTION instr(s text, t text) RETURNS bigint "
"  LANGUAGE sql IMMUTABLE AS $$ SELECT strpos(s, t)::bigint $$;\n"
"DO $$ BEGIN\n"
"  IF NOT EXISTS (SELECT 1 FROM pg_cast WHERE castsource = 'boolean'::regtype "
"    AND casttarget = 'bigint'::regtype) THEN\n"
"    CREATE FUNCTION hall_bool_int(b boolean) RETURNS bigint LANGUAGE sql "
"      IMMUTABLE AS 'SELECT CASE WHEN b THEN 1 ELSE 0 END';\n"
"    CREATE CAST (boolean AS bigint) WITH FUNCTION hall_bool_int(boolean) "
"      AS IMPLICIT;\n"
"  END IF;\n"
"END $$;\n"
"CREATE OR REPLACE FUNCTION hall_concat(a text, v text) RETURNS text "
"  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL THEN v "
"  WHEN v IS NULL THEN a ELSE a || ',' || v END $$;\n"
"CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = hall_concat, "
"  STYPE = text);\n"
"CREATE OR REPLACE FUNCTION hall_concat(a text, v bigint) RETURNS text "
"  LANGUAGE sql IMMUTABLE AS $$ SELECT hall_concat(a, v::text) $$;\n"
"CREATE OR REPLACE AGGREGATE group_concat(bigint) (SFUNC = hall_concat, "
"  STYPE = text);\n"
"CREATE OR REPLACE FUNCTION hall_concat_sep(a text, v text, sep text) "
"  RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL "
"  THEN v WHEN v IS NULL THEN a ELSE a || sep || v END $$;\n"
"CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = "
"  hall_concat_sep, STYPE = text);\n"
"CREATE OR REPLACE FUNCTION hall_concat_sep(a text, v bigint, sep text) "
"  RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT hall_concat_sep(a, "
"  v::text, sep) $$;\n"
"CREATE OR REPLACE AGGREGATE group_concat(bigint, text) (SFUNC = "
"  hall_concat_sep, STYPE = text);\n"
"CREATE OR REPLACE FUNCTION hall_drop_trigger(n text) RETURNS void "
"  LANGUAGE plpgsql AS $$\n"
"DECLARE t text;\n"
"BEGIN\n"
"  SELECT tgrelid::regclass::text INTO t FROM pg_trigger "
"    WHERE tgname = n AND NOT tgisinternal;\n"
"  IF t IS NOT NULL THEN\n"
"    EXECUTE format('DROP TRIGGER %I ON %s', n, t);\n"
"  END IF;\n"
"  EXECUTE format('DROP FUNCTION IF EXISTS %I()', 'trg_' || n);\n"
"END $$;\n"
"CREATE OR REPLACE FUNCTION hall_sync_identity(t text) RETURNS bigint "
"  LANGUAGE plpgsql AS $$\n"
"DECLARE m bigint; q text := pg_get_serial_sequence(t, 'id');\n"
"BEGIN\n"
"  IF q IS NULL THEN\n"
"    RETURN 0;\n"
"  END IF;\n"
"  EXECUTE format('SELECT max(id) FROM %I', t) INTO m;\n"
"  IF m IS NOT NULL THEN\n"
"    PERFORM setval(q, greatest(m, nextval(q)));\n"
"  END IF;\n"
"  RETURN coalesce(m, 0);\n"
"END $$;\n"
"CREATE OR REPLACE FUNCTION hall_last_id(t text) RETURNS bigint "
"  LANGUAGE plpgsql AS $$\n"
"BEGIN\n"
"  RETURN currval(pg_get_serial_sequence(t, 'id'));\n"
"EXCEPTION WHEN others THEN\n"
"  RETURN 0;\n"
"END $$;\n"
"CREATE TABLE IF NOT EXISTS hall_schema (version integer NOT NULL);\n"
"INSERT INTO hall_schema SELECT 0 WHERE NOT EXISTS "
"  (SELECT 1 FROM hall_schema);\n";

/* See store_dialect.h. */
const char dialect_pg_sync_identities[] =
"DO $$\n"
"DECLARE r record;\n"
"BEGIN\n"
"  FOR r IN SELECT table_name, column_name FROM "
"    information_schema.columns WHERE table_schema = current_schema() "
"    AND is_identity = 'YES' LOOP\n"
"    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), "
"      greatest(coalesce(max(%I), 0), 1), coalesce(max(%I), 0) > 0) "
"      FROM %I', r.table_name, r.column_name, r.column_name, "
"      r.column_name, r.table_name);\n"
"  END LOOP;\n"
"END $$;\n";
