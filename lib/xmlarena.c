/*
 * xmlarena.c: the per-request arena behind libxml2's allocator.  See
 * xmlarena.h.
 *
 * An arena allocation is a 16-byte header (its size) and the bytes,
 * 16-byte aligned, bumped from the current block.  Blocks are chained;
 * one larger than XA_BLOCK is made for a request that does not fit.
 * Whether a pointer is the arena's is a range check over the blocks
 * (a handful at most), so free() and realloc() of memory from before
 * the window still reach the C library.
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

static struct {
	struct xa_block	*blocks;	/* current block first */
	int		 active;
} xa;

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

/* Carves n bytes from the arena.  Returns them or NULL. */
static void *
xa_alloc(size_t n)
{
	struct xa_block	*b = xa.blocks;
	size_t		 need;
	unsigned char	*p;

	if (n > SIZE_MAX / 2)
		return NULL;
	need = XA_ALIGN + (n + XA_ALIGN - 1) / XA_ALIGN * XA_ALIGN;
	if (b == NULL || b->size - b->used < need)
		if ((b = xa_grow(need)) == NULL)
			return NULL;
	p = b->base + b->used;
	b->used += need;
	memcpy(p, &n, sizeof(n));
	return p + XA_ALIGN;
}

/* The size recorded for arena pointer p. */
static size_t
xa_size(const void *p)
{
	size_t	 n;

	memcpy(&n, (const unsigned char *)p - XA_ALIGN, sizeof(n));
	return n;
}

/* libxml2's free: a no-op for arena memory. */
static void
xa_free(void *p)
{
	if (p != NULL && !xa_owns(p))
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
