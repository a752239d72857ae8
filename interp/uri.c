/*
 * uri.c - iPXE's parse_uri(), format_uri(), resolve_uri() and friends
 * (src/core/uri.c), plus image naming (image.c), the progress-line text
 * (imgmgmt.c) and data: URIs (datauri.c, base64.c).  Each function keeps
 * the quirks of the iPXE function it is named after; see docs/uri.md.
 */
#include "interp/uri.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"
#include "stdlib/types.h"

/*
 * uri_decode(): "%" takes the next one or two characters as strtoul(16)
 * does, so "%-1" is 0xff, "% z" is a NUL (which ends the field) and a
 * '%' with no usable digit stays literal.  The result is a C string.
 */
static char *
decode(const char *enc)
{
	char *out = xmalloc(strlen(enc) + 1);
	size_t n = 0;
	char hex[3];
	const char *end;
	uint32_t v;
	char c;

	while ((c = *enc++)) {
		if (c == '%') {
			/* snprintf(hexbuf, 3, "%s", encoded) */
			hex[0] = enc[0];
			hex[1] = enc[0] ? enc[1] : '\0';
			hex[2] = '\0';
			v = (uint32_t)ipxe_strtoul(hex, &end, 16, PLAT_BIOS);
			enc += end - hex;
			if (end != hex)
				c = (char)(v & 0xff);
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Schemes are letters, '-' and '_' only (2022+; spec 8.4). */
static bool
is_scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
	       c == '_';
}

/* authority -> [user [":" password] "@"] host [":" port] */
static void
split_authority(struct uri *u, char *auth)
{
	char *host = auth;
	char *tmp;

	if ((tmp = strchr(auth, '@'))) {
		*tmp++ = '\0';
		host = tmp;
		if ((tmp = strchr(auth, ':'))) {
			*tmp++ = '\0';
			u->password = decode(tmp);
		}
		u->user = decode(auth);
	}
	/* The last ':' is the port unless the host ends in ']' (IPv6). */
	if ((tmp = strrchr(host, ':')) && host[strlen(host) - 1] != ']') {
		*tmp++ = '\0';
		u->port = decode(tmp);
	}
	u->host = decode(host);
}

/*
 * ORDER: "##params" is cut before the fragment, the fragment before the
 * scheme test, the query before the authority: so a '#' or '?' never
 * belongs to a host, and an opaque part keeps its '?'.
 */
struct uri *
uri_parse(const char *text)
{
	struct uri *u = xcalloc(1, sizeof(*u));
	char *raw = xstrdup(text);
	char *epath = raw;
	char *auth = NULL;
	char *tmp;

	if ((tmp = strstr(raw, "##params"))) {
		*tmp = '\0';
		tmp += strlen("##params");
		u->has_params = true;
		/* "##paramsXfoo" means the default list, as upstream tests */
		if (*tmp == '=')
			u->params = xstrdup(tmp + 1);
	}
	if ((tmp = strchr(raw, '#'))) {
		*tmp++ = '\0';
		u->efragment = xstrdup(tmp);
	}

	for (tmp = raw; is_scheme_char(*tmp); tmp++)
		;
	if (*tmp == ':') {
		/* An empty scheme (":x") counts too: it just opens nothing. */
		*tmp++ = '\0';
		u->scheme = xstrdup(raw);
		if (*tmp == '/') {
			epath = tmp;
		} else {
			u->opaque = decode(tmp);
			epath = NULL;
		}
	}

	if (epath) {
		if ((tmp = strchr(epath, '?'))) {
			*tmp++ = '\0';
			u->equery = xstrdup(tmp);
		}
		/* "//" is an authority only after a scheme (spec 8.4). */
		if (u->scheme && strncmp(epath, "//", 2) == 0) {
			auth = epath + 2;
			if ((tmp = strchr(auth, '/'))) {
				u->epath = xstrdup(tmp);
				*tmp = '\0';
			}
		} else if (epath[0]) {
			u->epath = xstrdup(epath);
		}
	}
	if (u->epath)
		u->path = decode(u->epath);
	if (auth)
		split_authority(u, auth);
	free(raw);
	return u;
}

void
uri_free(struct uri *u)
{
	if (!u)
		return;
	free(u->scheme);
	free(u->opaque);
	free(u->user);
	free(u->password);
	free(u->host);
	free(u->port);
	free(u->path);
	free(u->epath);
	free(u->equery);
	free(u->efragment);
	free(u->params);
	free(u);
}

struct uri *
uri_dup(const struct uri *u)
{
	struct uri *d = xcalloc(1, sizeof(*d));

	d->scheme = dup_or_null(u->scheme);
	d->opaque = dup_or_null(u->opaque);
	d->user = dup_or_null(u->user);
	d->password = dup_or_null(u->password);
	d->host = dup_or_null(u->host);
	d->port = dup_or_null(u->port);
	d->path = dup_or_null(u->path);
	d->epath = dup_or_null(u->epath);
	d->equery = dup_or_null(u->equery);
	d->efragment = dup_or_null(u->efragment);
	d->has_params = u->has_params;
	d->params = dup_or_null(u->params);
	return d;
}

/* uri_character_escaped() */
static bool
is_escaped(char c, enum uri_field field)
{
	/* ORDER: indexed by enum uri_field, up to URI_PATH. */
	static const char *const special[URI_EPATH] = {
		"/#:@?=&+",	/* scheme, or "escape everything" */
		"#",		/* opaque: keep ':' for iscsi: URIs */
		"/#:@?",	/* user */
		"/#:@?",	/* password */
		"/#@?",		/* host: keep ':' for IPv6 literals */
		"/#:@?",	/* port */
		"#:@?",		/* path: keep '/' */
	};

	if (c < ' ' || c > '~' || c == ' ')
		return true;
	if (field >= URI_EPATH)
		return false;
	return c == '%' || strchr(special[field], c);
}

void
uri_encode(struct buf *out, enum uri_field field, const void *raw,
	   size_t len)
{
	const char *p = raw;

	for (; len; len--, p++) {
		if (is_escaped(*p, field)) {
			/* "%%%02X" of a signed char: 0xc3 is "%FFFFFFC3",
			 * as the real console shows (oracle-verified). */
			buf_printf(out, "%%%02X",
				   (unsigned)(int)(signed char)*p);
		} else {
			buf_addc(out, *p);
		}
	}
}

static const char *
field_of(const struct uri *u, enum uri_field f)
{
	switch (f) {
	case URI_SCHEME:
		return u->scheme;
	case URI_OPAQUE:
		return u->opaque;
	case URI_USER:
		return u->user;
	case URI_PASSWORD:
		return u->password;
	case URI_HOST:
		return u->host;
	case URI_PORT:
		return u->port;
	case URI_PATH:
		return u->path;
	case URI_EPATH:
		return u->epath;
	case URI_EQUERY:
		return u->equery;
	case URI_EFRAGMENT:
		return u->efragment;
	}
	return NULL;
}

char *
uri_format(const struct uri *u)
{
	/* ORDER: indexed by enum uri_field. */
	static const char prefix[] = {
		[URI_PASSWORD] = ':', [URI_PORT] = ':',
		[URI_EQUERY] = '?', [URI_EFRAGMENT] = '#',
	};
	struct buf b;
	const char *s;
	enum uri_field f;
	char pre;

	buf_init(&b);
	if (!u)
		return buf_steal(&b);
	for (f = URI_SCHEME; f <= URI_EFRAGMENT; f++) {
		if (!(s = field_of(u, f)))
			continue;
		if (f == URI_PATH && u->epath)
			continue;
		pre = prefix[f];
		if (f == URI_HOST && u->user)
			pre = '@';
		if (pre)
			buf_addc(&b, pre);
		uri_encode(&b, f, s, strlen(s));
		/* "//" only with a host: "file:/x" and "data:x" have none. */
		if (f == URI_SCHEME)
			buf_adds(&b, u->host ? "://" : ":");
	}
	return buf_steal(&b);
}

/* iPXE's dirname() in place; path has room for two bytes at least. */
static void
dir_name(char *path)
{
	char *sep = strrchr(path, '/');

	if (sep == path)
		strcpy(path, "/");
	else if (sep)
		*sep = '\0';
	else
		strcpy(path, ".");
}

char *
uri_resolve_path(const char *base, const char *rel)
{
	struct buf b;
	char *dir;
	size_t n;

	if (rel[0] == '/')
		return xstrdup(rel);
	n = strlen(base);
	dir = xmalloc(n + 2);
	memcpy(dir, base, n + 1);
	dir_name(dir);

	/* Leading "./" and "../" only: "a/../b" is left for the server. */
	while (*rel == '.') {
		rel++;
		if (*rel == '\0') {
			/* "." */
		} else if (*rel == '/') {
			rel++;
		} else if (*rel == '.') {
			rel++;
			if (*rel == '\0') {
				dir_name(dir);
			} else if (*rel == '/') {
				dir_name(dir);
				rel++;
			} else {
				rel -= 2;	/* "...x" */
				break;
			}
		} else {
			rel--;			/* ".x" */
			break;
		}
	}

	buf_init(&b);
	buf_adds(&b, dir);
	if (dir[strlen(dir) - 1] != '/')
		buf_addc(&b, '/');
	buf_adds(&b, rel);
	free(dir);
	return buf_steal(&b);
}

/*
 * A path replaces path, query and fragment; a query replaces query and
 * fragment; a fragment only the fragment.  Whatever part comes from rel
 * brings rel's parameter list (or none) with it.
 */
struct uri *
uri_resolve(const struct uri *base, const struct uri *rel)
{
	struct uri tmp;
	struct uri *res;
	char *epath = NULL;
	char *path = NULL;

	if (rel->scheme || !base)
		return uri_dup(rel);
	tmp = *base;
	if (rel->epath) {
		epath = uri_resolve_path(base->epath ? base->epath : "/",
					 rel->epath);
		path = decode(epath);
		tmp.epath = epath;
		tmp.path = path;
		tmp.equery = rel->equery;
		tmp.efragment = rel->efragment;
	} else if (rel->equery) {
		tmp.equery = rel->equery;
		tmp.efragment = rel->efragment;
	} else if (rel->efragment) {
		tmp.efragment = rel->efragment;
	}
	if (rel->epath || rel->equery || rel->efragment || rel->has_params) {
		tmp.has_params = rel->has_params;
		tmp.params = rel->params;
	}
	res = uri_dup(&tmp);
	free(path);
	free(epath);
	return res;
}

char *
uri_format_dir(const struct uri *cwuri)
{
	struct uri *dot = uri_parse(".");
	struct uri *dir = uri_resolve(cwuri, dot);
	char *s = uri_format(dir);

	uri_free(dir);
	uri_free(dot);
	return s;
}

const char *
uri_image_name(const struct uri *u)
{
	/* image_set_uri(): the decoded path wins over the opaque part */
	const char *name = u->path ? u->path : u->opaque;
	const char *slash;

	if (!name)
		return NULL;
	slash = strrchr(name, '/');
	return slash ? slash + 1 : name;
}

char *
uri_display(const struct uri *u)
{
	/* imgdownload(): the unresolved URI, redacted */
	struct uri tmp = *u;

	tmp.user = NULL;
	tmp.password = NULL;
	tmp.equery = NULL;
	tmp.efragment = NULL;
	return uri_format(&tmp);
}

unsigned
uri_port(const struct uri *u, unsigned dflt)
{
	if (!u || !u->port)
		return dflt;
	return (unsigned)ipxe_strtoul(u->port, NULL, 0, PLAT_BIOS);
}

struct uri *
uri_pxe(const char *server, unsigned port, const char *filename)
{
	struct uri *u;
	struct buf b;

	if (!filename || !filename[0])
		return NULL;
	/* Only hierarchical: "C:\boot" must not become scheme "C". */
	u = uri_parse(filename);
	if (u->scheme && !u->opaque)
		return u;
	uri_free(u);

	u = xcalloc(1, sizeof(*u));
	u->scheme = xstrdup("tftp");
	u->host = xstrdup(server);
	if (port) {
		buf_init(&b);
		buf_printf(&b, "%u", port);
		u->port = buf_steal(&b);
	}
	buf_init(&b);
	buf_printf(&b, "/%s", filename);
	u->epath = buf_steal(&b);
	u->path = xstrdup(u->epath);
	return u;
}

/* base64_decode(), bit for bit: a pad takes back two bits, so "QQ" (12
 * bits) fails and "QQ==" (8 bits) is one byte. */
static bool
base64_decode(const char *in, struct buf *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t max = strlen(in) + 1;
	uint8_t *data = xcalloc(max, 1);
	uint32_t bit = 0;	/* unsigned int in iPXE: wraps on "=" */
	unsigned pads = 0;
	unsigned v;
	const char *m;
	size_t off;
	unsigned char c;

	for (; (c = (unsigned char)*in); in++) {
		if (is_ipxe_space(c))
			continue;
		if (c == '=') {
			if (pads >= 2)
				goto fail;
			pads++;
			bit -= 2;
			continue;
		}
		if (pads || !(m = strchr(alphabet, c)))
			goto fail;
		v = (unsigned)(m - alphabet) << 2;
		off = bit / 8;
		if (off < max)
			data[off] |= (uint8_t)(v >> (bit % 8));
		off++;
		if (off < max)
			data[off] |= (uint8_t)(v << (8 - bit % 8));
		bit += 6;
	}
	if (bit % 8)
		goto fail;
	buf_add(out, data, bit / 8);
	free(data);
	return true;
fail:
	free(data);
	return false;
}

static bool
ends_with_base64(const char *opaque, const char *comma)
{
	static const char marker[] = ";base64";
	const size_t n = sizeof(marker) - 1;
	const char *p;
	size_t i;
	char c;

	if ((size_t)(comma - opaque) < n)
		return false;
	p = comma - n;
	for (i = 0; i < n; i++) {
		c = p[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != marker[i])
			return false;
	}
	return true;
}

enum uri_data_rc
uri_data_decode(const struct uri *u, struct buf *out)
{
	const char *comma;

	/* "data:/x,y" is hierarchical: no opaque part, EINVAL. */
	if (!u->opaque || !(comma = strchr(u->opaque, ',')))
		return URI_DATA_EINVAL;
	if (ends_with_base64(u->opaque, comma))
		return base64_decode(comma + 1, out) ? URI_DATA_OK
						     : URI_DATA_EBASE64;
	/* Already percent-decoded by the parser; %00 ended it there. */
	buf_adds(out, comma + 1);
	return URI_DATA_OK;
}
