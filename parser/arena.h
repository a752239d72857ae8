/*
 * arena.h - a bump allocator.  Everything a parsed script owns (logical
 * text of continued lines, AST nodes, diagnostic texts) lives in one arena,
 * so freeing a script is one call and error paths cannot leak.
 */
#ifndef IPXE_ARENA_H
#define IPXE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* chunk being filled; older ones follow */
	size_t used;			/* bytes used in head */
	size_t total;			/* bytes requested from malloc, all chunks */
};

void arena_init(struct arena *a);
/* Releases every allocation made from a. */
void arena_fini(struct arena *a);
/* Returns size bytes aligned for any object; never NULL (aborts on OOM). */
void *arena_alloc(struct arena *a, size_t size);
void *arena_zalloc(struct arena *a, size_t size);
/* Copies n bytes and appends a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
