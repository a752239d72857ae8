/*
 * arena.c - chunked bump allocation.  Chunks grow geometrically up to a
 * cap, so a large script costs few mallocs and little slack; a request
 * larger than a chunk gets a chunk of its own.
 */
#include "parser/arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"

#define ARENA_MIN (16 * 1024)
#define ARENA_MAX (4 * 1024 * 1024)
#define ALIGN alignof(max_align_t)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void
arena_fini(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	arena_init(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct arena_chunk *c;
	size_t csize;

	if (a->head && a->head->size - a->used >= need) {
		void *p = a->head->data + a->used;
		a->used += need;
		return p;
	}
	csize = a->total < ARENA_MIN ? ARENA_MIN : a->total;
	if (csize > ARENA_MAX)
		csize = ARENA_MAX;
	if (need > csize / 4) {
		/* Big request: own chunk, kept behind head so the head's free
		 * space stays usable. */
		c = xmalloc(sizeof(*c) + need);
		c->size = need;
		a->total += need;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->used = need;
		}
		return c->data;
	}
	c = xmalloc(sizeof(*c) + csize);
	c->size = csize;
	c->next = a->head;
	a->head = c;
	a->used = need;
	a->total += csize;
	return c->data;
}

void *
arena_zalloc(struct arena *a, size_t size)
{
	void *p = arena_alloc(a, size);

	memset(p, 0, size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
