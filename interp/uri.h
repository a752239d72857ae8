/*
 * uri.h - URIs as iPXE parses, formats and resolves them (spec 8.4), the
 * default image name (8.2), the download progress text (8.5) and data:
 * URI bytes (8.7).  Pure string work: opening URIs and keeping the current
 * working URI are the simulator's business.
 *
 * Ownership: every struct uri and every char * returned here is owned by
 * the caller (uri_free(), free()); arguments are borrowed and copied when
 * kept.  Nothing fails except by aborting on out-of-memory.
 */
#ifndef IPXE_URI_H
#define IPXE_URI_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * The fields of iPXE's struct uri, in its order (which is the order
 * uri_format() prints them in).  Any field may be NULL.  scheme, opaque,
 * user, password, host, port and path are percent-decoded (and so end at
 * a decoded %00); epath, equery and efragment are kept as written.
 */
struct uri {
	char *scheme;		/* "http"; NULL for a relative URI */
	char *opaque;		/* after "scheme:" when no '/' follows */
	char *user;
	char *password;
	char *host;		/* may be "" ("file:///x") */
	char *port;		/* text, as written after the last ':' */
	char *path;		/* decoded copy of epath */
	char *epath;		/* "/a%20b", including the leading '/' */
	char *equery;		/* after '?', without it */
	char *efragment;	/* after the first '#', without it */
	/*
	 * "##params" was present.  iPXE attaches the list only if it exists
	 * when the URI is parsed; a caller that models lists clears
	 * has_params when it does not, before resolving (resolution copies
	 * the relative URI's list only when it has one).
	 */
	bool has_params;
	char *params;		/* name after "##params=", NULL: default list */
};

/* Field numbers for uri_encode(), as iPXE's enum uri_fields. */
enum uri_field {
	URI_SCHEME,	/* also "escape everything" (the uristring type) */
	URI_OPAQUE,
	URI_USER,
	URI_PASSWORD,
	URI_HOST,
	URI_PORT,
	URI_PATH,
	URI_EPATH,
	URI_EQUERY,
	URI_EFRAGMENT,
};

/* Result of uri_data_decode(): which iPXE error site failed. */
enum uri_data_rc {
	URI_DATA_OK,
	URI_DATA_EINVAL,	/* no opaque part or no ',': EINVAL raised
				 * in datauri.c (BIOS 0x1c362002) */
	URI_DATA_EBASE64,	/* bad Base64: EINVAL raised in base64.c
				 * (BIOS 0x1c102002) */
};

/* parse_uri(): splits text as iPXE does.  Never NULL. */
struct uri *uri_parse(const char *text);
/* Frees u and its strings; NULL is allowed. */
void uri_free(struct uri *u);
/* A deep copy of u. */
struct uri *uri_dup(const struct uri *u);

/*
 * format_uri(): the text iPXE prints for u ("" for NULL), e.g. ${cwuri}.
 * Decoded fields are re-encoded, the e* fields printed as stored.
 */
char *uri_format(const struct uri *u);
/*
 * uri_encode(): appends len raw bytes escaped for field: non-printing
 * bytes and ' ' always (a byte >= 0x80 prints as "%FFFFFFxx", as iPXE's
 * signed char does), '%' and the field's specials for fields < URI_EPATH.
 */
void uri_encode(struct buf *out, enum uri_field field, const void *raw,
		size_t len);

/*
 * resolve_path(): rel against the directory of base; only leading "./"
 * and "../" elements are processed.
 */
char *uri_resolve_path(const char *base, const char *rel);
/*
 * resolve_uri(): rel against base (NULL: no working URI).  A rel with a
 * scheme, or no base, gives a copy of rel; "//host/x" is a path.
 */
struct uri *uri_resolve(const struct uri *base, const struct uri *rel);
/* ${cwduri}: the text of cwuri resolved against "." (query dropped). */
char *uri_format_dir(const struct uri *cwuri);

/*
 * The name alloc_image() gives an image downloaded from the *resolved*
 * URI u: the text after the last '/' of the decoded path, else of the
 * opaque part; NULL when u has neither (register_image() then names it
 * img0, img1, ...).  Points into u.
 */
const char *uri_image_name(const struct uri *u);
/*
 * The text imgdownload() prints before "..." (spec 8.5): u as written by
 * the user (not resolved), formatted without user, password, query and
 * fragment.
 */
char *uri_display(const struct uri *u);
/* uri_port(): the port as iPXE's strtoul(port, NULL, 0), else dflt. */
unsigned uri_port(const struct uri *u, unsigned dflt);
/*
 * pxe_uri(): the URI for a DHCP boot filename.  A hierarchical URI with
 * a scheme is used as is; anything else becomes tftp://server[:port]/
 * + filename, unparsed (so ':' and '#' survive).  port 0 means none.
 * NULL when filename is NULL or empty.
 */
struct uri *uri_pxe(const char *server, unsigned port, const char *filename);

/*
 * datauri_parse(): appends the bytes of a data: URI (its decoded opaque
 * part after the first ','; Base64-decoded when the text before that ','
 * ends in ";base64", any case) to out.  The caller checks the scheme
 * (iPXE compares it case-insensitively).  On failure out is unchanged.
 */
enum uri_data_rc uri_data_decode(const struct uri *u, struct buf *out);

#endif
