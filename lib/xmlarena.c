/*
 * xmlarena.c: the per-request arena behind libxml2's allocator.  See
 * xmlarena.h.
 *
 * An arena allocation is a 16-byte header (its capacity and size
 * class) and the bytes, 16-byte aligned, bumped from the current
 * block.  Blocks are chained; one larger than XA_BLOCK is made for a
 * request that does not fit.  Whether a pointer is the arena's is a range check over the
 * blocks (a handful at most), so free() and realloc() of memory from
 * before the window still reach the C library.
 *
 * A freed arena allocation goes on a free list of its size class and
 * the next allocation of that class takes it back.  Without that, a
 * render touched every byte it ever allocated: libxslt makes and drops
 * a 4 KB buffer per string value and an XPath object per expression,
 * so a page of 50 rows went through 7 MB of fresh memory (page faults,
 * cache misses and a heap trimmed and grown again on every request)
 * where it never holds more than a few hundred KB at once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include "xmlarena.h"

#define XA_BLOCK	(256 * 1024)
#define XA_ALIGN	16
/* Size classes: multiples of XA_ALIGN up to XA_SMALL, then powers of
 * two up to XA_LARGE; larger allocations are not reused. */
#define XA_SMALL	1024
#define XA_LARGE	(64 * 1024)
#define XA_NCLASS	(XA_SMALL / XA_ALIGN + 6)

#if defined(__SANITIZE_ADDRESS__)
#define XA_KEEP_BLOCKS	0	/* free every block: reuse is reported */
#else
#define XA_KEEP_BLOCKS	1	/* keep the first block for the next render */
#endif

/* One block of arena memory. */
struct xa_block {
	struct xa_block	*next;
	size_t		 size;		/* usable bytes after the header */
	size_t		 used;
	unsigned char	*base;		/* XA_ALIGN-aligned start */
};

/* A freed allocation on its class's list (in its own bytes). */
struct xa_freed {
	struct xa_freed	*next;
};

static struct {
	struct xa_block	*blocks;	/* current block first */
	int		 active;
	struct xa_freed	*freed[XA_NCLASS];	/* by size class */
} xa;

/* The size class of an allocation of n bytes (n > 0): *cap gets the
 * capacity of the class (n rounded up).  Returns the class, or
 * XA_NCLASS when n is too large to reuse. */
static size_t
xa_class(size_t n, size_t *cap)
{
	size_t	 c, k;

	if (n <= XA_SMALL) {
		*cap = (n + XA_ALIGN - 1) / XA_ALIGN * XA_ALIGN;
		return *cap / XA_ALIGN - 1;
	}
	for (c = 2 * XA_SMALL, k = XA_SMALL / XA_ALIGN; c < n; c *= 2)
		k++;
	if (c > XA_LARGE) {
		*cap = (n + XA_ALIGN - 1) / XA_ALIGN * XA_ALIGN;
		return XA_NCLASS;
	}
	*cap = c;
	return k;
}

/* Whether p lies in one of the arena's blocks. */
static int
xa_owns(const void *p)
{
	const struct xa_block	*b;
	const unsigned char	*q = p;

	for (b = xa.blocks; b != NULL; b = b->next)
		if (q >= b->base && q < b->base + b->size)
			return 1;
	return 0;
}

/* Adds a block of at least need usable bytes in front of the chain.
 * Returns it or NULL. */
static struct xa_block *
xa_grow(size_t need)
{
	struct xa_block	*b;
	size_t		 size = need > XA_BLOCK ? need : XA_BLOCK;
	unsigned char	*raw;

	if ((raw = malloc(sizeof(*b) + XA_ALIGN + size)) == NULL)
		return NULL;
	b = (struct xa_block *)(void *)raw;
	b->base = raw + sizeof(*b);
	b->base += (XA_ALIGN - (uintptr_t)b->base % XA_ALIGN) % XA_ALIGN;
	b->size = size;
	b->used = 0;
	b->next = xa.blocks;
	xa.blocks = b;
	return b;
}

/* Carves n bytes from the arena, or takes back a freed allocation of
 * their size class.  Returns them or NULL. */
static void *
xa_alloc(size_t n)
{
	struct xa_block	*b = xa.blocks;
	struct xa_freed	*f;
	size_t		 need, cap, k;
	unsigned char	*p;

	if (n > SIZE_MAX / 4)
		return NULL;
	k = xa_class(n == 0 ? 1 : n, &cap);
	if (k < XA_NCLASS && (f = xa.freed[k]) != NULL) {
		xa.freed[k] = f->next;
		return f;
	}
	need = XA_ALIGN + cap;
	if (b == NULL || b->size - b->used < need)
		if ((b = xa_grow(need)) == NULL)
			return NULL;
	p = b->base + b->used;
	b->used += need;
	memcpy(p, &cap, sizeof(cap));
	memcpy(p + sizeof(cap), &k, sizeof(k));
	return p + XA_ALIGN;
}

/* The capacity recorded for arena pointer p. */
static size_t
xa_size(const void *p)
{
	size_t	 n;

	memcpy(&n, (const unsigned char *)p - XA_ALIGN, sizeof(n));
	return n;
}

/* Puts arena allocation p on its class's free list (when reusable). */
static void
xa_release(void *p)
{
	struct xa_freed	*f = p;
	size_t		 k;

	memcpy(&k, (const unsigned char *)p - XA_ALIGN + sizeof(size_t),
	    sizeof(k));
	if (k < XA_NCLASS) {
		f->next = xa.freed[k];
		xa.freed[k] = f;
	}
}

/* libxml2's free: arena memory goes back to its free list. */
static void
xa_free(void *p)
{
	if (p == NULL)
		return;
	if (xa_owns(p))
		xa_release(p);
	else
		free(p);
}

/* libxml2's malloc. */
static void *
xa_malloc(size_t n)
{
	return xa.active ? xa_alloc(n) : malloc(n);
}

/* libxml2's realloc: memory from before the window stays the C
 * library's (it outlives the render); arena memory is copied. */
static void *
xa_realloc(void *p, size_t n)
{
	void	*q;
	size_t	 old;

	if (p == NULL)
		return xa_malloc(n);
	if (!xa_owns(p))
		return realloc(p, n);
	old = xa_size(p);
	if (n <= old)
		return p;
	if ((q = xa_malloc(n)) == NULL)
		return NULL;
	memcpy(q, p, old);
	xa_release(p);
	return q;
}

/* libxml2's strdup. */
static char *
xa_strdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*d;

	if ((d = xa_malloc(n)) != NULL)
		memcpy(d, s, n);
	return d;
}

int
xmlarena_install(void)
{
	return xmlMemSetup(xa_free, xa_malloc, xa_realloc, xa_strdup) == 0 ?
	    0 : -1;
}

void
xmlarena_begin(void)
{
	xa.active = 1;
}

int
xmlarena_active(void)
{
	return xa.active;
}

void
xmlarena_end(void)
{
	struct xa_block	*b, *next;

	/* libxml2 keeps a copy of its last error (xmlStrdup'd strings):
	 * one raised during the render points into the arena. */
	xmlResetLastError();
	xa.active = 0;
	memset(xa.freed, 0, sizeof(xa.freed));
	for (b = xa.blocks; b != NULL; b = next) {
		next = b->next;
		if (XA_KEEP_BLOCKS && next == NULL && b->size == XA_BLOCK) {
			b->used = 0;
			xa.blocks = b;
			return;
		}
		free(b);
	}
	xa.blocks = NULL;
}
