/*
 * util.h - allocation that cannot fail (it aborts on out-of-memory) and a
 * growable byte buffer.  Library code never prints; the one exception is
 * the out-of-memory abort, which has nothing left to report to.
 */
#ifndef IPXE_UTIL_H
#define IPXE_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/* malloc/calloc/realloc/strdup that abort with a message on failure. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Array growth helper: returns p resized to hold at least need elements,
 * updating *cap; doubles so that appends are amortised O(1). */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
/* Faults in a large allocation that is about to be filled, in one system
 * call where the kernel allows (a no-op below 1 MiB). */
void prefault(void *p, size_t size);

/* A growable, NUL-terminated byte string owned by the caller. */
struct buf {
	char *data;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_fini(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hands the string over to the caller (never NULL) and resets b. */
char *buf_steal(struct buf *b);

/* iPXE's isspace(): space, \t, \n, \v, \f, \r.  Bytes >= 0x80 are never
 * whitespace (spec 3.1), unlike some C locales' isspace(). */
static inline bool
is_ipxe_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}
/* Length of the valid UTF-8 sequence at p (at most n bytes, n > 0): 1 to
 * 4, or 0 when the bytes there are not valid UTF-8. */
size_t util_utf8_len(const unsigned char *p, size_t n);
/* A command-line count: decimal digits only (no sign, no blanks), in
 * range; false otherwise.  For the tools' --max-* options. */
bool util_parse_count(const char *text, uint64_t *out);
/* The length of the URI scheme p (n bytes) starts with, without its ':'
 * ("http:..." gives 4), or 0 when it starts with none (RFC 3986: a letter,
 * then letters, digits, '+', '-', '.'). */
size_t util_scheme_len(const char *p, size_t n);
/* Orders names of n1 and n2 bytes (not NUL-terminated) by their bytes,
 * a prefix first: the order of the lint's sorted name indexes. */
int util_name_cmp(const char *a, size_t alen, const char *b, size_t blen);
/* The index of the first of the n elements of sorted array base (each
 * size bytes) that cmp does not order before key: bsearch() that says
 * where a run of equal elements starts. */
size_t util_lower_bound(const void *base, size_t n, size_t size,
			const void *key,
			int (*cmp)(const void *, const void *));
/* The value of a hex digit, or -1. */
int util_hexval(char c);
/* Appends the path part of URI text p (n bytes, up to '?' or '#'),
 * percent-decoded. */
void util_add_uri_path(struct buf *b, const char *p, size_t n);

#endif
