/*
 * util.c - allocation wrappers and struct buf.  Out of memory is the one
 * failure we do not report to the caller: there is nothing sensible left
 * to do, so we print one line and abort (as mandoc and samurai do).
 */
#include "parser/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void
oom(size_t size)
{
	fprintf(stderr, "out of memory (allocating %zu bytes)\n", size);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		oom(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Arrays above this size grow by a quarter, not double, and have their
 * new pages faulted in at once (see xgrow). */
#define BIG_ARRAY ((size_t)1 << 20)

void
prefault(void *p, size_t size)
{
#ifdef __linux__
	/* MADV_POPULATE_WRITE (Linux 5.14): fault a range in with one call.
	 * Touching fresh pages one by one costs a fault each, which on a VM
	 * was 4x slower for a 50 MB script; older kernels reject the advice
	 * and we simply fault as usual. */
	uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
	uintptr_t e = ((uintptr_t)p + size) & ~(uintptr_t)4095;

	if (size >= BIG_ARRAY && e > a)
		madvise((void *)a, e - a, 23 /* MADV_POPULATE_WRITE */);
#else
	(void)p;
	(void)size;
#endif
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 8, old = *cap;

	if (need <= *cap)
		return p;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			oom(SIZE_MAX);
		/* big arrays live in their own mappings (the tools set
		 * M_MMAP_THRESHOLD), so growing remaps rather than copies:
		 * small steps keep the slack, and so the peak, low */
		ncap = ncap * elem >= BIG_ARRAY ? ncap + ncap / 4 : ncap * 2;
	}
	*cap = ncap;
	p = xrealloc(p, ncap * elem);
	if (ncap * elem >= BIG_ARRAY)
		prefault((char *)p + old * elem, (ncap - old) * elem);
	return p;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_fini(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	/* (hot: the simulator builds every word and value in a buf) */
	if (b->len + len + 1 > b->cap)
		b->data = xgrow(b->data, &b->cap, b->len + len + 1, 1);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		b->data = xgrow(b->data, &b->cap, b->len + 2, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->data = xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_steal(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");

	buf_init(b);
	return s;
}

size_t
util_utf8_len(const unsigned char *p, size_t n)
{
	size_t len;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

bool
util_parse_count(const char *text, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-')
		return false;
	*out = v;
	return true;
}

int
util_name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return (alen > blen) - (alen < blen);
}

size_t
util_lower_bound(const void *base, size_t n, size_t size, const void *key,
		 int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp((const char *)base + mid * size, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
util_scheme_len(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && ((p[i] >= 'a' && p[i] <= 'z') ||
			 (p[i] >= 'A' && p[i] <= 'Z') ||
			 (i && ((p[i] >= '0' && p[i] <= '9') ||
				p[i] == '+' || p[i] == '-' || p[i] == '.'))))
		i++;
	return i && i < n && p[i] == ':' ? i : 0;
}

int
util_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
util_add_uri_path(struct buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n && p[i] != '?' && p[i] != '#'; i++) {
		int hi, lo;

		if (p[i] == '%' && i + 2 < n &&
		    (hi = util_hexval(p[i + 1])) >= 0 &&
		    (lo = util_hexval(p[i + 2])) >= 0) {
			buf_addc(b, (char)(hi << 4 | lo));
			i += 2;
		} else {
			buf_addc(b, p[i]);
		}
	}
}
