/*
 * plans.c: hall-admin plans, the query-plan check (see plans.h).  It
 * reads SQL logs and an allow-list, asks the store for the plan of each
 * distinct statement (store_plan(): sqlite3 stays in lib/store.c) and
 * judges the plan's lines.  Table aliases in a plan line are resolved
 * from the statement's text ("FROM tasks t", "JOIN tasks AS t").
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store.h"
#include "plans.h"

#define PLANS_LINE_MAX	(1024 * 1024)	/* longest log line read */
#define PLANS_TOKENS	512		/* identifiers kept per statement */
#define PLANS_IDENT	64		/* longest identifier kept */
#define PLANS_LINES	256		/* plan lines judged per statement */

/* Tables that stay small whatever the hall's size: a full scan of them
 * is fine (sqlite_stat1 holds a row per index, read by the checkpoint's
 * staleness check).  Every other table of the schema grows with units,
 * persons or history. */
static const char *const plans_small[] = { "policy", "calendar",
    "sqlite_stat1" };

/* Columns whose equality picks the rows of one task or one person (or
 * one row): a sort of what a search on them finds stays small. */
static const char *const plans_bounded[] = {
	"rowid", "id", "task_id", "from_task_id", "person_id",
	"employment_id", "insurance_id"
};

/* An identifier of a statement and whether only blanks follow it
 * before the next identifier. */
struct plans_tok {
	char	 s[PLANS_IDENT];
	int	 spaced;	/* followed by blanks, then an identifier */
};

/* The statement's identifiers, lower-cased, for alias resolution. */
struct plans_toks {
	struct plans_tok t[PLANS_TOKENS];
	size_t		 n;
};

/* One line of a plan. */
struct plans_line {
	int	 id;
	int	 parent;
	char	 detail[256];
};

/* What the plan callback collects about one statement. */
struct plans_walk {
	struct plans_line	 l[PLANS_LINES];
	size_t			 n;
	int			 more;		/* lines beyond PLANS_LINES */
};

/* Duplicates s or exits: the check cannot go on without memory. */
static char *
plans_strdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL) {
		fprintf(stderr, "plans: out of memory\n");
		exit(1);
	}
	return p;
}

/* Grows the array *a of *cap elements of size sz to hold n + 1, or
 * exits. */
static void
plans_grow(void *a, size_t *cap, size_t n, size_t sz)
{
	void	*p;
	size_t	 ncap;

	if (n < *cap)
		return;
	ncap = *cap == 0 ? 64 : *cap * 2;
	if ((p = reallocarray(*(void **)a, ncap, sz)) == NULL) {
		fprintf(stderr, "plans: out of memory\n");
		exit(1);
	}
	*(void **)a = p;
	*cap = ncap;
}

/* Strips the trailing newline (and CR) of s. */
static void
plans_chomp(char *s)
{
	size_t	 n;

	n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Reads the allow-list at path into p.  Returns 0 or -1 (printed). */
int
plans_read_allow(struct plans *p, const char *path)
{
	static const char *const key[3] = { "why: ", "sql: ", "line: " };
	FILE	*f;
	char	*line = NULL, *v[3] = { NULL, NULL, NULL };
	size_t	 linecap = 0, lineno = 0, cap = p->nallow, k = 0, n;
	int	 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "plans: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &linecap, f) != -1) {
		lineno++;
		plans_chomp(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		n = strlen(key[k]);
		if (strncmp(line, key[k], n) != 0 || line[n] == '\0') {
			fprintf(stderr, "plans: %s:%zu: expected \"%sTEXT\"\n",
			    path, lineno, key[k]);
			rc = -1;
			break;
		}
		v[k] = plans_strdup(line + n);
		if (++k < 3)
			continue;
		plans_grow(&p->allow, &cap, p->nallow, sizeof(*p->allow));
		p->allow[p->nallow].why = v[0];
		p->allow[p->nallow].sql = v[1];
		p->allow[p->nallow].line = v[2];
		p->allow[p->nallow].used = 0;
		p->nallow++;
		v[0] = v[1] = v[2] = NULL;
		k = 0;
	}
	if (rc == 0 && k != 0) {
		fprintf(stderr, "plans: %s: the last entry is not whole\n",
		    path);
		rc = -1;
	}
	for (k = 0; k < 3; k++)
		free(v[k]);
	free(line);
	fclose(f);
	return rc;
}

/* Undoes the SQL log's escapes (\t \n \r \\) of s in place. */
static void
plans_unescape(char *s)
{
	char	*d = s;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*d++ = *s;
			continue;
		}
		s++;
		*d++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ?
		    '\r' : *s;
	}
	*d = '\0';
}

/* Orders statements by their SQL, then where they are prepared, for
 * qsort(). */
static int
plans_stmt_cmp(const void *a, const void *b)
{
	const struct plans_stmt	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->sql, y->sql)) != 0)
		return c;
	return strcmp(x->where, y->where);
}

/* Adds location loc to the statement st unless it is there already. */
static void
plans_add_where(struct plans_stmt *st, const char *loc)
{
	const char	*p;
	char		*n;
	size_t		 len;

	len = strlen(loc);
	for (p = st->where; (p = strstr(p, loc)) != NULL; p += len)
		if ((p == st->where || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ','))
			return;
	if (asprintf(&n, "%s, %s", st->where, loc) == -1) {
		fprintf(stderr, "plans: out of memory\n");
		exit(1);
	}
	free(st->where);
	st->where = n;
}

/* Adds each location of the list locs ("a, b") to st. */
static void
plans_add_wheres(struct plans_stmt *st, const char *locs)
{
	char	*l, *p, *q;

	l = plans_strdup(locs);
	for (p = l; p != NULL; p = q) {
		if ((q = strstr(p, ", ")) != NULL) {
			*q = '\0';
			q += 2;
		}
		plans_add_where(st, p);
	}
	free(l);
}

/* Merges statements of equal SQL in p (sorted first), joining their
 * locations. */
static void
plans_merge(struct plans *p)
{
	size_t	 i, j;

	if (p->nstmt == 0)
		return;
	qsort(p->stmt, p->nstmt, sizeof(*p->stmt), plans_stmt_cmp);
	for (i = 0, j = 1; j < p->nstmt; j++) {
		if (strcmp(p->stmt[i].sql, p->stmt[j].sql) == 0) {
			plans_add_wheres(&p->stmt[i], p->stmt[j].where);
			free(p->stmt[j].sql);
			free(p->stmt[j].where);
			continue;
		}
		p->stmt[++i] = p->stmt[j];
	}
	p->nstmt = i + 1;
}

/* Whether the program prog wrote to the logs read into p. */
int
plans_has_program(const struct plans *p, const char *prog)
{
	size_t	 i;

	for (i = 0; i < p->nprogs; i++)
		if (strcmp(p->progs[i], prog) == 0)
			return 1;
	return 0;
}

/* Notes that the program prog wrote to the logs read into p. */
static void
plans_add_program(struct plans *p, const char *prog)
{
	size_t	 cap = p->nprogs;

	if (plans_has_program(p, prog))
		return;
	plans_grow(&p->progs, &cap, p->nprogs, sizeof(*p->progs));
	p->progs[p->nprogs++] = plans_strdup(prog);
}

/* Reads the SQL log at path into p.  Returns 0 or -1 (printed). */
int
plans_read_log(struct plans *p, const char *path)
{
	FILE	*f;
	char	*line = NULL, *loc, *tab;
	size_t	 linecap = 0, lineno = 0, cap = p->nstmt;
	int	 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "plans: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &linecap, f) != -1) {
		lineno++;
		plans_chomp(line);
		if (line[0] == '\0')
			continue;
		if (strlen(line) > PLANS_LINE_MAX ||
		    (loc = strchr(line, '\t')) == NULL || loc == line ||
		    (tab = strchr(loc + 1, '\t')) == NULL || tab == loc + 1 ||
		    tab[1] == '\0') {
			fprintf(stderr, "plans: %s:%zu: not "
			    "PROGRAM<TAB>FILE:LINE<TAB>SQL\n", path, lineno);
			rc = -1;
			break;
		}
		*loc++ = '\0';
		*tab = '\0';
		p->records++;
		plans_add_program(p, line);
		if (strncmp(loc, "tests/", 6) == 0) {
			p->skipped++;
			continue;
		}
		plans_unescape(tab + 1);
		plans_grow(&p->stmt, &cap, p->nstmt, sizeof(*p->stmt));
		p->stmt[p->nstmt].sql = plans_strdup(tab + 1);
		p->stmt[p->nstmt].where = plans_strdup(loc);
		p->nstmt++;
	}
	free(line);
	fclose(f);
	plans_merge(p);
	return rc;
}

/* Whether the lower-case word w is in the list l of n words. */
static int
plans_in(const char *w, const char *const *l, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(w, l[i]) == 0)
			return 1;
	return 0;
}

/* Splits sql into its identifiers (string literals and comments
 * skipped, quoted identifiers unquoted), lower-cased, into t. */
static void
plans_tokenize(const char *sql, struct plans_toks *t)
{
	const char	*p = sql, *q;
	struct plans_tok *k;
	size_t		 n;
	char		 quote;

	t->n = 0;
	while (*p != '\0' && t->n < PLANS_TOKENS) {
		if (*p == '\'') {
			for (p++; *p != '\0'; p++)
				if (*p == '\'' && *++p != '\'')
					break;
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
			continue;
		}
		if (*p != '"' && *p != '`' && *p != '[' &&
		    !isalpha((unsigned char)*p) && *p != '_') {
			if (isdigit((unsigned char)*p))
				while (isalnum((unsigned char)*p) || *p == '.')
					p++;
			else
				p++;
			continue;
		}
		k = &t->t[t->n++];
		if (*p == '"' || *p == '`' || *p == '[') {
			quote = *p == '[' ? ']' : *p;
			q = ++p;
			while (*p != '\0' && *p != quote)
				p++;
			n = (size_t)(p - q);
			if (*p != '\0')
				p++;
		} else {
			q = p;
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			n = (size_t)(p - q);
		}
		if (n >= sizeof(k->s))
			n = sizeof(k->s) - 1;
		memcpy(k->s, q, n);
		k->s[n] = '\0';
		for (n = 0; k->s[n] != '\0'; n++)
			k->s[n] = (char)tolower((unsigned char)k->s[n]);
		q = p + strspn(p, " \t\r\n");
		k->spaced = q != p && (isalpha((unsigned char)*q) || *q == '_' ||
		    *q == '"' || *q == '`' || *q == '[');
	}
}

/* Whether name is a table of the schema of s (an error counts as
 * yes: the check then errs on the side of failing). */
static int
plans_is_table(struct store *s, const char *name)
{
	int64_t	 n;

	if (store_int_text(s, "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name = ?1 COLLATE NOCASE", name, 0,
	    &n) == -1)
		return 1;
	return n > 0;
}

/* Whether name (a table, or an alias the statement t gives a table
 * with "TABLE name" or "TABLE AS name") stands for a table of the
 * schema of s that grows with the hall. */
static int
plans_grows(struct store *s, const struct plans_toks *t, const char *name)
{
	const char	*table = NULL;
	size_t		 i;

	if (plans_is_table(s, name))
		table = name;
	for (i = 0; table == NULL && i + 1 < t->n; i++) {
		if (!t->t[i].spaced || strcmp(t->t[i].s, name) == 0)
			continue;
		if ((strcmp(t->t[i + 1].s, name) == 0 ||
		    (strcmp(t->t[i + 1].s, "as") == 0 && t->t[i + 1].spaced &&
		    i + 2 < t->n && strcmp(t->t[i + 2].s, name) == 0)) &&
		    plans_is_table(s, t->t[i].s))
			table = t->t[i].s;
	}
	if (table == NULL)
		return 0;
	return !plans_in(table, plans_small, sizeof(plans_small) /
	    sizeof(plans_small[0]));
}

/* The plan callback: keeps one line of the plan. */
static int
plans_walk_line(void *arg, int id, int parent, const char *detail)
{
	struct plans_walk	*w = arg;

	if (w->n == PLANS_LINES) {
		w->more = 1;
		return 0;
	}
	w->l[w->n].id = id;
	w->l[w->n].parent = parent;
	snprintf(w->l[w->n].detail, sizeof(w->l[w->n].detail), "%s", detail);
	w->n++;
	return 0;
}

/* Whether line l reads a table: SCAN, SEARCH or BLOOM FILTER ON, its
 * name (table or alias, lower-cased) into name. */
static int
plans_reads(const struct plans_line *l, char name[PLANS_IDENT])
{
	const char	*rest;
	size_t		 n;

	if (strncmp(l->detail, "SCAN ", 5) == 0)
		rest = l->detail + 5;
	else if (strncmp(l->detail, "SEARCH ", 7) == 0)
		rest = l->detail + 7;
	else if (strncmp(l->detail, "BLOOM FILTER ON ", 16) == 0)
		rest = l->detail + 16;
	else
		return 0;
	n = strcspn(rest, " ");
	if (n >= PLANS_IDENT)
		n = PLANS_IDENT - 1;
	memcpy(name, rest, n);
	name[n] = '\0';
	for (n = 0; name[n] != '\0'; n++)
		name[n] = (char)tolower((unsigned char)name[n]);
	return 1;
}

/* Whether line l (of a growing table) is a full scan: SCAN, a search
 * through an AUTOMATIC index (built from a scan), or a Bloom filter
 * (SQLite fills it from the whole table before the join, however few
 * rows a LIMIT keeps). */
static int
plans_is_scan(const struct plans_line *l)
{
	return strncmp(l->detail, "SCAN ", 5) == 0 ||
	    strncmp(l->detail, "BLOOM FILTER ON ", 16) == 0 ||
	    strstr(l->detail, " USING AUTOMATIC ") != NULL;
}

/* Whether line l searches through a unique index with an equality on
 * each of its columns: "... USING [COVERING] INDEX name (a=? AND b=?)". */
static int
plans_is_unique(struct store *s, const struct plans_line *l)
{
	const char	*c, *e;
	char		 idx[PLANS_IDENT];
	int64_t		 uniq = 0, ncol = 0;
	size_t		 n, neq = 0;

	if ((c = strstr(l->detail, " INDEX ")) == NULL)
		return 0;
	c += 7;
	n = strcspn(c, " ");
	if (n >= sizeof(idx) || c[n] != ' ' || c[n + 1] != '(')
		return 0;
	memcpy(idx, c, n);
	idx[n] = '\0';
	for (e = c + n; (e = strstr(e, "=?")) != NULL; e += 2)
		neq++;
	if (strpbrk(c + n, "<>") != NULL)
		return 0;
	if (store_int_text(s, "SELECT COUNT(*) FROM sqlite_master m, "
	    "pragma_index_list(m.name) l WHERE m.type = 'table' AND "
	    "l.name = ?1 AND l.\"unique\"", idx, 0, &uniq) == -1 ||
	    store_int_text(s, "SELECT COUNT(*) FROM pragma_index_info(?1)",
	    idx, 0, &ncol) == -1)
		return 0;
	return uniq > 0 && ncol > 0 && (int64_t)neq == ncol;
}

/* Whether line l (a search of a growing table) finds the rows of one
 * task, one person or one row: its first constraint is an equality on
 * a column of plans_bounded, or it finds one row by a unique index. */
static int
plans_is_bounded(struct store *s, const struct plans_line *l)
{
	const char	*c;
	char		 col[PLANS_IDENT];
	size_t		 n;

	if (plans_is_scan(l))
		return 0;
	if (strstr(l->detail, " USING INTEGER PRIMARY KEY (rowid=?)") != NULL ||
	    plans_is_unique(s, l))
		return 1;
	if ((c = strrchr(l->detail, '(')) == NULL)
		return 0;
	c++;
	n = strcspn(c, "=<>) ");
	if (n >= sizeof(col) || c[n] != '=')
		return 0;
	memcpy(col, c, n);
	col[n] = '\0';
	return plans_in(col, plans_bounded, sizeof(plans_bounded) /
	    sizeof(plans_bounded[0]));
}

/* Whether line i of w lies under line anc (a line id), not counting
 * lines under a subquery run per row (CORRELATED, SCALAR, LIST or
 * EXISTS subqueries), which only look rows up. */
static int
plans_under(const struct plans_walk *w, size_t i, int anc)
{
	size_t	 j;
	int	 p, guard;

	for (p = w->l[i].parent, guard = 0; guard < PLANS_LINES; guard++) {
		if (p == anc)
			return 1;
		for (j = 0; j < w->n && w->l[j].id != p; j++)
			continue;
		if (j == w->n)
			return 0;
		if (strncmp(w->l[j].detail, "CORRELATED ", 11) == 0 ||
		    strncmp(w->l[j].detail, "SCALAR SUBQUERY", 15) == 0 ||
		    strncmp(w->l[j].detail, "LIST SUBQUERY", 13) == 0 ||
		    strncmp(w->l[j].detail, "EXISTS", 6) == 0)
			return 0;
		p = w->l[j].parent;
	}
	return 0;
}

/* Whether the temporary sort of line k sorts a growing list: a table
 * that grows is read, in the sort's query (its siblings and what lies
 * under them), by a scan or a search that is not bounded. */
static int
plans_sort_grows(struct store *s, const struct plans_toks *toks,
    const struct plans_walk *w, size_t k)
{
	char	 name[PLANS_IDENT];
	size_t	 i;

	for (i = 0; i < w->n; i++) {
		if (i == k || !plans_under(w, i, w->l[k].parent) ||
		    !plans_reads(&w->l[i], name) ||
		    !plans_grows(s, toks, name))
			continue;
		if (!plans_is_bounded(s, &w->l[i]))
			return 1;
	}
	return 0;
}

/* Writes the plan of w, indented by depth, into plan (plansz bytes). */
static void
plans_print(const struct plans_walk *w, char *plan, size_t plansz)
{
	int	 depth[PLANS_LINES];
	size_t	 i, j, len = 0;
	int	 d, n;

	if (plan == NULL || plansz == 0)
		return;
	plan[0] = '\0';
	for (i = 0; i < w->n && len < plansz; i++) {
		d = 0;
		for (j = 0; j < i; j++)
			if (w->l[j].id == w->l[i].parent)
				d = depth[j] + 1;
		depth[i] = d;
		n = snprintf(plan + len, plansz - len, "%*s%s\n", 4 + 2 * d, "",
		    w->l[i].detail);
		if (n > 0)
			len += (size_t)n;
	}
}

/* Whether the plan line detail is one of excused (NULL-terminated, may
 * be NULL); counts it in *n (may be NULL) when it is. */
static int
plans_excused(const char *const *excused, const char *detail, size_t *n)
{
	size_t	 i;

	for (i = 0; excused != NULL && excused[i] != NULL; i++)
		if (strcmp(excused[i], detail) == 0) {
			if (n != NULL)
				(*n)++;
			return 1;
		}
	return 0;
}

/* The verdict on sql in s (see plans.h). */
enum plans_verdict
plans_verdict(struct store *s, const char *sql, const char *const *excused,
    size_t *nexcused, char *line, size_t linesz, char *plan, size_t plansz)
{
	struct plans_toks	*toks;
	struct plans_walk	*w;
	char			 err[256], name[PLANS_IDENT];
	const char		*why = NULL;
	enum plans_verdict	 v = PLANS_OK;
	size_t			 i;

	if ((toks = malloc(sizeof(*toks))) == NULL ||
	    (w = calloc(1, sizeof(*w))) == NULL) {
		fprintf(stderr, "plans: out of memory\n");
		exit(1);
	}
	plans_tokenize(sql, toks);
	if (plan != NULL && plansz > 0)
		plan[0] = '\0';
	if (store_plan(s, sql, plans_walk_line, w, err, sizeof(err)) != 0) {
		if (line != NULL)
			snprintf(line, linesz, "%s", err);
		free(toks);
		free(w);
		return PLANS_ERROR;
	}
	plans_print(w, plan, plansz);
	if (nexcused != NULL)
		*nexcused = 0;
	for (i = 0; i < w->n && v == PLANS_OK; i++)
		if (plans_reads(&w->l[i], name) && plans_is_scan(&w->l[i]) &&
		    plans_grows(s, toks, name)) {
			if (plans_excused(excused, w->l[i].detail, nexcused))
				continue;
			v = PLANS_SCAN;
			why = w->l[i].detail;
		}
	for (i = 0; i < w->n && v == PLANS_OK; i++)
		if ((strcmp(w->l[i].detail, "USE TEMP B-TREE FOR ORDER BY") == 0 ||
		    strcmp(w->l[i].detail, "USE TEMP B-TREE FOR GROUP BY") == 0) &&
		    plans_sort_grows(s, toks, w, i)) {
			if (plans_excused(excused, w->l[i].detail, nexcused))
				continue;
			v = PLANS_SORT;
			why = w->l[i].detail;
		}
	if (v == PLANS_OK && w->more) {
		v = PLANS_ERROR;
		why = "plan too long to judge";
	}
	if (line != NULL && linesz > 0)
		snprintf(line, linesz, "%s", why != NULL ? why : "");
	free(toks);
	free(w);
	return v;
}

/* The plan lines the allow-list excuses in sql, marked used, into ex
 * (at most n - 1 of them, NULL-terminated). */
static void
plans_excuses(struct plans *p, const char *sql, const char **ex, size_t n)
{
	size_t	 i, k = 0;

	for (i = 0; i < p->nallow && k + 1 < n; i++)
		if (strcmp(p->allow[i].sql, sql) == 0) {
			p->allow[i].used = 1;
			ex[k++] = p->allow[i].line;
		}
	ex[k] = NULL;
}

/* Whether the word w (n bytes, any case) starts at p and ends there. */
static int
plans_word_at(const char *start, const char *p, const char *w)
{
	size_t	 n;

	n = strlen(w);
	return strncasecmp(p, w, n) == 0 &&
	    (p == start || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
	    !(isalnum((unsigned char)p[n]) || p[n] == '_');
}

/* The end of the parenthesised arguments starting at p ('('), quotes
 * skipped, not past end. */
static const char *
plans_skip_call(const char *p, const char *end)
{
	int	 depth = 0, inq = 0;

	for (; p < end; p++) {
		if (*p == '\'')
			inq = !inq;
		if (inq)
			continue;
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return end;
}

/* Adds each statement of the body of the trigger sql (CREATE TRIGGER
 * ... BEGIN s1; s2; END) to p, NEW.x and OLD.x made parameters, as
 * prepared at "trigger NAME". */
static void
plans_add_trigger(struct plans *p, size_t *cap, const char *name,
    const char *sql)
{
	const char	*q, *body = NULL, *end = NULL;
	char		*buf, *d, *stmt, *next, where[128];
	int		 inq = 0;

	for (q = sql; *q != '\0'; q++) {
		if (*q == '\'')
			inq = !inq;
		if (inq)
			continue;
		if (body == NULL && plans_word_at(sql, q, "BEGIN"))
			body = q + 5;
		else if (body != NULL && plans_word_at(sql, q, "END"))
			end = q;
	}
	if (body == NULL || end == NULL)
		return;
	if ((buf = malloc((size_t)(end - body) + 1)) == NULL) {
		fprintf(stderr, "plans: out of memory\n");
		exit(1);
	}
	for (q = body, d = buf, inq = 0; q < end; q++) {
		if (*q == '\'')
			inq = !inq;
		if (!inq && plans_word_at(body, q, "RAISE") && q[5] == '(') {
			/* RAISE() prepares only in a trigger: NULL stands in. */
			q = plans_skip_call(q + 5, end) - 1;
			memcpy(d, "NULL", 4);
			d += 4;
			continue;
		}
		if (!inq && (plans_word_at(body, q, "NEW") ||
		    plans_word_at(body, q, "OLD")) && q[3] == '.') {
			*d++ = '?';
			for (q += 4; q < end && (isalnum((unsigned char)*q) ||
			    *q == '_'); q++)
				continue;
			q--;
			continue;
		}
		*d++ = *q == ';' && !inq ? '\0' : *q;
	}
	*d = '\0';
	snprintf(where, sizeof(where), "trigger %s", name);
	for (stmt = buf; stmt < d; stmt = next) {
		next = stmt + strlen(stmt) + 1;
		stmt += strspn(stmt, " \t\r\n");
		if (*stmt == '\0')
			continue;
		plans_grow(&p->stmt, cap, p->nstmt, sizeof(*p->stmt));
		p->stmt[p->nstmt].sql = plans_strdup(stmt);
		p->stmt[p->nstmt].where = plans_strdup(where);
		p->nstmt++;
	}
	free(buf);
}

/* Adds the statements of every trigger of the schema of s to p: they
 * run inside the statements that fire them, where EXPLAIN QUERY PLAN
 * does not show them.  Returns 0 or -1 (printed). */
int
plans_read_triggers(struct plans *p, struct store *s)
{
	struct store_stmt	*st;
	size_t			 cap = p->nstmt;
	int			 rc;

	if ((st = store_stmt(s, "SELECT name, sql FROM sqlite_master "
	    "WHERE type = 'trigger' ORDER BY name")) == NULL) {
		fprintf(stderr, "plans: cannot read the triggers\n");
		return -1;
	}
	while ((rc = store_step(st)) == STORE_ROW)
		plans_add_trigger(p, &cap, store_col_text(st, 0),
		    store_col_text(st, 1));
	store_reset(st);
	if (rc != STORE_DONE) {
		fprintf(stderr, "plans: cannot read the triggers\n");
		return -1;
	}
	plans_merge(p);
	return 0;
}

/* Checks every statement of p (see plans.h).  Returns 0 or 1. */
int
plans_check(struct store *s, struct plans *p, FILE *out)
{
	static const char *const what[] = {
		[PLANS_OK] = "ok",
		[PLANS_SCAN] = "FULL SCAN",
		[PLANS_SORT] = "TEMP B-TREE SORT of a growing list",
		[PLANS_ERROR] = "DOES NOT PREPARE",
	};
	enum plans_verdict	 v;
	const char		*ex[16];
	char			 line[512], plan[8192];
	size_t			 i, nex, ntrig;

	p->checked = p->allowed = p->failed = 0;
	for (i = 0; i < p->nstmt; i++) {
		plans_excuses(p, p->stmt[i].sql, ex, sizeof(ex) / sizeof(ex[0]));
		v = plans_verdict(s, p->stmt[i].sql, ex, &nex, line,
		    sizeof(line), plan, sizeof(plan));
		p->checked++;
		if (v == PLANS_OK) {
			if (nex > 0)
				p->allowed++;
			continue;
		}
		p->failed++;
		fprintf(out, "%s: %s\n  at:   %s\n  sql:  %s\n  plan:\n%s\n",
		    what[v], line, p->stmt[i].where, p->stmt[i].sql, plan);
	}
	for (i = 0; i < p->nallow; i++)
		if (!p->allow[i].used)
			fprintf(out, "note: the allow-list entry \"%s\" matched no "
			    "logged statement\n  sql:  %s\n\n", p->allow[i].why,
			    p->allow[i].sql);
	for (i = 0, ntrig = 0; i < p->nstmt; i++)
		if (strncmp(p->stmt[i].where, "trigger ", 8) == 0)
			ntrig++;
	fprintf(out, "plans: %zu statements checked (%zu of triggers; %zu log "
	    "lines, %zu of the tests' own SQL skipped), %zu allowed, %zu "
	    "failing\n", p->checked, ntrig, p->records, p->skipped,
	    p->allowed, p->failed);
	if (p->checked == 0) {
		fprintf(out, "plans: no statement to check: the SQL log is "
		    "empty (run the unit and HTTP tests with %s set)\n",
		    STORE_SQL_LOG_ENV);
		return 1;
	}
	return p->failed == 0 ? 0 : 1;
}

/* Frees the allow-list and statements of p. */
void
plans_free(struct plans *p)
{
	size_t	 i;

	for (i = 0; i < p->nallow; i++) {
		free(p->allow[i].why);
		free(p->allow[i].sql);
		free(p->allow[i].line);
	}
	for (i = 0; i < p->nstmt; i++) {
		free(p->stmt[i].sql);
		free(p->stmt[i].where);
	}
	for (i = 0; i < p->nprogs; i++)
		free(p->progs[i]);
	free(p->progs);
	free(p->allow);
	free(p->stmt);
	memset(p, 0, sizeof(*p));
}
