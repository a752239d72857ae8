/*
 * image.c - the image list and image execution (spec 8.1, 8.6; upstream
 * src/core/image.c, src/core/archive.c and the image types' probes).  A
 * script runs in a new frame; any other executable image is where the
 * simulation ends: it halts with OUT_BOOTED and a report of what booted.
 */
#include "interp/image.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "interp/netdev.h"
#include "interp/sim.h"
#include "interp/uri.h"
#include "parser/script.h"
#include "parser/util.h"

/* Largest image the simulated machine can hold (256 MiB of RAM). */
#define MAX_IMAGE ((size_t)256 << 20)

const char *
image_type_name(enum image_type t)
{
	static const char *const names[] = {
		[IMGT_NONE] = NULL,
		[IMGT_SCRIPT] = "script",
		[IMGT_PXE] = "PXE-NBP",
		[IMGT_PXE_MZ] = "PXE-NBP (may be EFI?)",
		[IMGT_BZIMAGE] = "bzImage",
		[IMGT_MULTIBOOT] = "Multiboot",
		[IMGT_ELF] = "ELF",
		[IMGT_EFI] = "EFI",
		[IMGT_EFIPE] = "EFIPE",
		[IMGT_GZIP] = "gzip",
		[IMGT_ZLIB] = "zlib",
		[IMGT_PEM] = "PEM",
		[IMGT_DER] = "DER",
		[IMGT_PNG] = "PNG",
	};
	return names[t];
}

bool
image_is_executable(const struct image *img)
{
	switch (img->type) {
	case IMGT_NONE:
	case IMGT_PEM:
	case IMGT_DER:
	case IMGT_PNG:
		return false;
	default:
		return true;
	}
}

/* ---------------------------------------------------------------- probes */

static uint16_t
le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* script_probe(): a magic and one whitespace byte (spec 2.1). */
static bool
is_script(const uint8_t *d, size_t len)
{
	return len >= 7 && (memcmp(d, "#!ipxe", 6) == 0 ||
			    memcmp(d, "#!gpxe", 6) == 0) &&
	       is_ipxe_space(d[6]);
}

/* pem_image_probe(): "-----BEGIN" at the start of any line. */
static bool
is_pem(const uint8_t *d, size_t len)
{
	static const char marker[] = "-----BEGIN";
	size_t off = 0, n = sizeof(marker) - 1;

	while (off < len && len - off >= n) {
		const uint8_t *nl;

		if (memcmp(d + off, marker, n) == 0)
			return true;
		nl = memchr(d + off, '\n', len - off);
		if (!nl)
			break;
		off = (size_t)(nl - d) + 1;
	}
	return false;
}

/*
 * asn1_start(): the length of the object at d (tag, then a short or
 * long length), or -1.  *hdr receives the header length.
 */
static long
asn1_object(const uint8_t *d, size_t len, uint8_t type, size_t *hdr)
{
	size_t pos = 1, len_len = 1;
	uint32_t n = 0;

	if (len < 2 || d[0] != type)
		return -1;
	if (d[1] & 0x80) {
		len_len = d[1] & 0x7f;
		pos = 2;
	}
	if (len - pos < len_len)
		return -1;
	for (; len_len; len_len--)
		n = n << 8 | d[pos++];
	if (len - pos < n)
		return -1;
	*hdr = pos;
	return (long)n;
}

/* der_image_probe(): exactly one well-formed ASN.1 SEQUENCE. */
static bool
is_der(const uint8_t *d, size_t len)
{
	size_t hdr;
	long n = asn1_object(d, len, 0x30, &hdr);

	return n >= 0 && hdr + (size_t)n == len;
}

/* gzip_probe(): the magic, and room for header and footer. */
static bool
is_gzip(const uint8_t *d, size_t len)
{
	return len >= 10 + 8 && d[0] == 0x1f && d[1] == 0x8b;
}

/* zlib_probe(): RFC 6713's check of the CMF and FLG bytes. */
static bool
is_zlib(const uint8_t *d, size_t len)
{
	return len >= 2 && (d[0] & 0x8f) == 0x08 &&
	       ((unsigned)d[0] << 8 | d[1]) % 31 == 0;
}

/* bzimage_parse_header(): setup sectors present, 55AA, then "HdrS" or
 * a pre-2.00 kernel with a matching syssize. */
static bool
is_bzimage(const uint8_t *d, size_t len)
{
	size_t rm_filesz;

	if (len < 0x1f1 + 75)
		return false;
	rm_filesz = ((size_t)(d[0x1f1] ? d[0x1f1] : 4) + 1) << 9;
	if (rm_filesz > len)
		return false;
	if (le16(d + 0x1fe) != 0xaa55)
		return false;
	if (memcmp(d + 0x202, "HdrS", 4) == 0)
		return true;
	return le16(d + 0x1f4) == (uint16_t)((len - rm_filesz + 15) / 16);
}

/* multiboot_find_header(): a magic and checksum in the first 8 KiB. */
static long
multiboot_header(const uint8_t *d, size_t len)
{
	for (size_t off = 0; off < 8192 && off + 32 <= len; off += 4) {
		uint32_t magic = le32(d + off);

		if (magic == 0x1badb002 &&
		    (uint32_t)(magic + le32(d + off + 4) +
			       le32(d + off + 8)) == 0)
			return (long)off;
	}
	return -1;
}

/*
 * elfboot_probe() / elf_segments(): a 32-bit little-endian ELF whose
 * PT_LOAD segments lie in the file, load to a non-zero address and use
 * flat addressing, one of them holding the entry point.
 */
static bool
is_elf(const uint8_t *d, size_t len)
{
	uint32_t entry, phoff, found = 0;
	unsigned phentsize, phnum;

	if (len < 52 || memcmp(d, "\x7f" "ELF\x01\x01\x01", 7) != 0)
		return false;
	entry = le32(d + 24);
	phoff = le32(d + 28);
	phentsize = le16(d + 42);
	phnum = le16(d + 44);
	for (; phnum; phnum--, phoff += phentsize) {
		const uint8_t *ph;
		uint32_t offset, vaddr, paddr, filesz, dest;

		if (len < phoff || len - phoff < 32)
			return false;
		ph = d + phoff;
		if (le32(ph) != 1 /* PT_LOAD */)
			continue;
		offset = le32(ph + 4);
		vaddr = le32(ph + 8);
		paddr = le32(ph + 12);
		filesz = le32(ph + 16);
		if (len < offset || len - offset < filesz)
			return false;
		dest = paddr ? paddr : vaddr;
		if (!dest || vaddr != dest)
			return false;
		if (entry - dest < filesz)
			found = 1;
	}
	return found;
}

/* efi_pe_image_probe(): MZ, then a PE32+ header (x86_64 firmware). */
static bool
is_pe64(const uint8_t *d, size_t len, uint16_t *machine)
{
	uint32_t pe;

	if (len < 64 || le16(d) != 0x5a4d)
		return false;
	pe = le32(d + 0x3c);
	if (len < pe || len - pe < 264)
		return false;
	if (memcmp(d + pe, "PE\0\0", 4) != 0 || le16(d + pe + 24) != 0x20b)
		return false;
	*machine = le16(d + pe + 4);
	return true;
}

/*
 * image_probe(): the first type in the build's table that claims it.
 * Multiboot probes first and PXE last by design; the order of the others
 * is the link order, found on the oracle where two types claim the same
 * data: gzip before PEM, PEM before script, zlib, DER and bzImage.
 */
static enum image_type
probe(const struct sim *sim, const uint8_t *d, size_t len)
{
	bool bios = sim->cfg.plat == PLAT_BIOS;
	bool archives = sim->cfg.build == SIMB_FULL;
	uint16_t machine;

	if (bios && multiboot_header(d, len) >= 0)
		return IMGT_MULTIBOOT;
	if (archives && is_gzip(d, len))
		return IMGT_GZIP;
	if (is_pem(d, len))
		return IMGT_PEM;
	if (is_script(d, len))
		return IMGT_SCRIPT;
	if (archives && is_zlib(d, len))
		return IMGT_ZLIB;
	if (is_der(d, len))
		return IMGT_DER;
	if (bios && is_bzimage(d, len))
		return IMGT_BZIMAGE;
	if (bios && is_elf(d, len))
		return IMGT_ELF;
	if (!bios && is_pe64(d, len, &machine))
		/* LoadImage() takes only the firmware's own machine */
		return machine == 0x8664 ? IMGT_EFI : IMGT_EFIPE;
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMGT_PNG;
	/* pxe_probe(): anything non-empty that fits below 0xa0000 once
	 * loaded at 0x7c00; the "MZ" variant probes after the plain one */
	if (bios && len > 0 && len <= 0xa0000 - 0x7c00)
		return len >= 2 && le16(d) == 0x5a4d ? IMGT_PXE_MZ : IMGT_PXE;
	return IMGT_NONE;
}

/* ---------------------------------------------------------------- list */

struct image *
image_new(struct sim *sim, const char *name, const void *data, size_t len,
	  const char *uri)
{
	struct image *img = xcalloc(1, sizeof(*img));

	img->name = name ? xstrdup(name) : NULL;
	img->uri = uri ? xstrdup(uri) : NULL;
	img->where = uri ? uri_parse(uri) : NULL;
	image_set_data(sim, img, data, len);
	return img;
}

struct image *
image_new_at(struct sim *sim, const char *name, const void *data,
	     size_t len, const struct uri *u)
{
	struct image *img = image_new(sim, name, data, len, NULL);

	if (u) {
		img->where = uri_dup(u);
		img->uri = uri_format(u);
	}
	return img;
}

void
image_set_data(struct sim *sim, struct image *img, const void *data,
	       size_t len)
{
	uint8_t *copy = xmalloc(len + 1);

	/* iPXE keeps a NUL after the data for text-based types */
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	free(img->data);
	img->data = copy;
	img->len = len;
	img->type = probe(sim, copy, len);
	if (!img->ast_shared)
		script_free(img->ast);
	img->ast = NULL;
	img->ast_shared = false;
}

void
image_set_name(struct image *img, const char *name)
{
	free(img->name);
	img->name = xstrdup(name);
}

void
image_set_cmdline(struct image *img, const char *cmdline)
{
	free(img->cmdline);
	img->cmdline = cmdline ? xstrdup(cmdline) : NULL;
}

void
image_register(struct sim *sim, struct image *img)
{
	struct image **tail;

	/* register_image(): "imgN" from a counter that only increases */
	if (!img->name) {
		char name[16];

		snprintf(name, sizeof(name), "img%u", sim->next_img++);
		img->name = xstrdup(name);
	}
	for (tail = &sim->images; *tail; tail = &(*tail)->next)
		;
	img->next = NULL;
	*tail = img;
	img->registered = true;
}

void
image_unregister(struct sim *sim, struct image *img)
{
	for (struct image **pp = &sim->images; *pp; pp = &(*pp)->next)
		if (*pp == img) {
			*pp = img->next;
			break;
		}
	img->next = NULL;
	img->registered = false;
}

void
image_free(struct sim *sim, struct image *img)
{
	if (img->registered)
		image_unregister(sim, img);
	/* free_image(): tags are weak references */
	if (sim->selected == img)
		sim->selected = NULL;
	for (struct image *i = sim->images; i; i = i->next)
		if (i->replacement == img)
			i->replacement = NULL;
	image_release(img);
}

void
image_release(struct image *img)
{
	if (!img->ast_shared)
		script_free(img->ast);
	free(img->name);
	free(img->data);
	free(img->cmdline);
	free(img->uri);
	uri_free(img->where);
	free(img);
}

void
image_free_all(struct sim *sim)
{
	while (sim->images)
		image_free(sim, sim->images);
	/* the certificate store goes with the images it came from */
	while (sim->certs)
		cert_del(sim, sim->certs);
}

struct image *
image_find(struct sim *sim, const char *name)
{
	for (struct image *img = sim->images; img; img = img->next)
		if (strcmp(img->name, name) == 0)
			return img;
	return NULL;
}

struct image *
image_selected(struct sim *sim)
{
	struct image *sel = sim->selected;

	return sel && sel->registered ? sel : NULL;
}

int
image_select(struct sim *sim, struct image *img)
{
	if (!image_is_executable(img))
		return sim_err(sim, ERR_IMAGE_NOT_EXECUTABLE);
	sim->selected = img;
	return 0;
}

int
image_set_trust(struct sim *sim, bool require, bool permanent)
{
	if (!sim->trust_permanent) {
		sim->trust_required = require;
		sim->trust_permanent = permanent;
	}
	return sim->trust_required != require
		       ? sim_err(sim, ERR_IMAGE_TRUST_PERMANENT) : 0;
}

/* ---------------------------------------------------------------- archives */

/* zlib_deflate(): inflates raw DEFLATE data as iPXE's decompressor does:
 * the stream must reach its final block, and with a zlib footer its four
 * checksum bytes must be there too (their value is never checked). */
static int
inflate_raw(struct sim *sim, const uint8_t *in, size_t len, size_t footer,
	    struct buf *out)
{
	z_stream z;
	uint8_t chunk[65536];
	int zrc, rc = 0;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -15) != Z_OK)
		return sim_err(sim, ERR_IMAGE_NO_MEMORY);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zrc = inflate(&z, Z_NO_FLUSH);
		buf_add(out, chunk, sizeof(chunk) - z.avail_out);
		if (out->len > MAX_IMAGE) {
			rc = sim_err(sim, ERR_IMAGE_NO_MEMORY);
			break;
		}
	} while (zrc == Z_OK);
	if (rc) {
		/* out of room */
	} else if (zrc == Z_DATA_ERROR) {
		rc = sim_err(sim, z.msg && strcmp(z.msg, "invalid block type")
					 == 0 ? ERR_DEFLATE_UNSUPPORTED
					      : ERR_DEFLATE_BAD);
	} else if (zrc != Z_STREAM_END || z.avail_in < footer) {
		rc = sim_err(sim, ERR_ZLIB_INCOMPLETE);
	}
	inflateEnd(&z);
	return rc;
}

/* gzip_extract(): skips the optional header fields, then inflates up to
 * the 8-byte footer. */
static int
gzip_extract(struct sim *sim, const struct image *img, struct buf *out)
{
	const uint8_t *d = img->data;
	size_t len = img->len - 8, pos = 10;
	uint8_t flags = d[3];
	unsigned strings = !!(flags & 0x08) + !!(flags & 0x10);

	if (flags & 0x04) {
		size_t extra;

		if (len - pos < 2)
			return sim_err(sim, ERR_GZIP_BAD_HEADER);
		extra = le16(d + pos);
		pos += 2;
		if (len - pos < extra)
			return sim_err(sim, ERR_GZIP_BAD_HEADER);
		pos += extra;
	}
	while (strings--) {
		const uint8_t *nul = memchr(d + pos, '\0', len - pos);

		if (!nul)
			return sim_err(sim, ERR_GZIP_BAD_HEADER);
		pos = (size_t)(nul - d) + 1;
	}
	if (flags & 0x02) {
		if (len - pos < 2)
			return sim_err(sim, ERR_GZIP_BAD_HEADER);
		pos += 2;
	}
	/* image_set_len() to the footer's length first */
	if (le32(d + img->len - 4) > MAX_IMAGE)
		return sim_err(sim, ERR_IMAGE_NO_MEMORY);
	return inflate_raw(sim, d + pos, len - pos, 0, out);
}

/* zlib_extract(): a DEFLATE_ZLIB stream (method 8, no dictionary). */
static int
zlib_extract(struct sim *sim, const struct image *img, struct buf *out)
{
	const uint8_t *d = img->data;

	if ((d[0] & 0x0f) != 8 || (d[1] & 0x20))
		return sim_err(sim, ERR_DEFLATE_UNSUPPORTED);
	return inflate_raw(sim, d + 2, img->len - 2, 4, out);
}

int
image_extract(struct sim *sim, struct image *img, const char *name,
	      struct image **extracted)
{
	struct buf out;
	struct image *x;
	int rc;

	if (img->type != IMGT_GZIP && img->type != IMGT_ZLIB)
		return sim_err(sim, ERR_ARCHIVE_UNSUPPORTED);
	buf_init(&out);
	rc = img->type == IMGT_GZIP ? gzip_extract(sim, img, &out)
				    : zlib_extract(sim, img, &out);
	if (rc) {
		buf_fini(&out);
		return rc;
	}
	x = image_new_at(sim, name ? name : img->name, out.data, out.len,
			 img->where);
	buf_fini(&out);
	/* image_strip_suffix() for an implicit name */
	if (!name) {
		char *dot = strrchr(x->name, '.');

		if (dot)
			*dot = '\0';
	}
	image_register(sim, x);
	if (img->flags & IMAGE_TRUSTED)
		x->flags |= IMAGE_TRUSTED;
	*extracted = x;
	return 0;
}

/* ---------------------------------------------------------------- exec */

/* Appends ", name" for each image a kernel would be handed. */
static void
list_images(struct sim *sim, struct buf *b, const char *what)
{
	bool first = true;

	for (struct image *i = sim->images; i; i = i->next) {
		if (i->flags & IMAGE_HIDDEN)
			continue;
		buf_printf(b, "%s %s", first ? what : ",", i->name);
		first = false;
	}
}

/* The simulated machine leaves iPXE here: what would have booted. */
static void
boot(struct sim *sim, struct image *img)
{
	struct buf b;

	buf_init(&b);
	/* long URIs (data: ones) are cut to keep the report one line */
	buf_printf(&b, "booted %s image %s (%.100s%s)",
		   image_type_name(img->type), img->name,
		   img->uri ? img->uri : "no URI",
		   img->uri && strlen(img->uri) > 100 ? "..." : "");
	if (img->cmdline)
		buf_printf(&b, " with command line \"%s\"", img->cmdline);
	switch (img->type) {
	case IMGT_BZIMAGE:
		/* bzimage_load_initrds(): every image not hidden */
		list_images(sim, &b, "; initrds:");
		break;
	case IMGT_MULTIBOOT:
		list_images(sim, &b, "; modules:");
		break;
	case IMGT_EFI:
	case IMGT_EFIPE:
		/* the virtual file system shows every image not hidden */
		list_images(sim, &b, "; files:");
		break;
	default:
		break;
	}
	sim_halt(sim, OUT_BOOTED, "%s", b.data);
	buf_fini(&b);
}

/* multiboot_exec(): only flags it supports, and either an ELF image or
 * one flagged raw with a sane header address. */
static int
multiboot_check(struct sim *sim, const struct image *img)
{
	long off = multiboot_header(img->data, img->len);
	const uint8_t *mb = img->data + off;
	uint32_t flags = le32(mb + 4);

	if (flags & 0xfff8)
		return sim_err(sim, ERR_IMAGE_UNKNOWN_FORMAT);
	if (is_elf(img->data, img->len))
		return 0;
	if (!(flags & 0x10000) || le32(mb + 16) > le32(mb + 12) ||
	    le32(mb + 12) - le32(mb + 16) > (uint32_t)off)
		return sim_err(sim, ERR_MULTIBOOT_NOT_RAW);
	return 0;
}

/* The type's exec method, for the types that are not scripts. */
static int
exec_other(struct sim *sim, struct image *img)
{
	struct image *x;
	int rc;

	switch (img->type) {
	case IMGT_GZIP:
	case IMGT_ZLIB:
		/* image_extract_exec(): the extracted image replaces this
		 * one and is freed once it has run */
		if ((rc = image_extract(sim, img, NULL, &x)) != 0)
			return rc;
		image_set_cmdline(x, img->cmdline);
		x->flags |= IMAGE_AUTOFREE;
		if (!image_is_executable(x)) {
			image_free(sim, x);
			return sim_err(sim, ERR_IMAGE_NOT_EXECUTABLE);
		}
		img->replacement = x;
		return 0;
	case IMGT_PXE:
	case IMGT_PXE_MZ:
		/* pxe_exec(): the NBP needs an open network device */
		if (!sim->last_opened || !sim->last_opened->open)
			return sim_err(sim, ERR_PXE_NO_NETDEV);
		break;
	case IMGT_MULTIBOOT:
		if ((rc = multiboot_check(sim, img)) != 0)
			return rc;
		break;
	default:
		break;
	}
	boot(sim, img);
	return 0;
}

/* The end of an image_exec() of lvl->image (which ran, or failed to
 * start): back on the list or freed, the working URI restored; an image
 * that replaces it is handed back in *next.  Takes lvl->old_cwuri. */
static int
exec_done(struct sim *sim, struct exec_level *lvl, bool ran, int rc,
	  struct image **next)
{
	struct image *img = lvl->image, *replacement = NULL;
	struct uri *old_cwuri = lvl->old_cwuri;
	bool old_tftp = lvl->old_tftp;

	if (ran) {
		sim->execs = lvl->up;
		/* back at the end of the list, unless it is being
		 * replaced */
		if (!img->replacement)
			image_register(sim, img);
		replacement = img->replacement;
		img->replacement = NULL;
	}
	if (img->flags & IMAGE_AUTOFREE)
		image_unregister(sim, img);
	/* nothing else holds an image that is off the list */
	if (!img->registered)
		image_free(sim, img);
	uri_free(sim->cwuri);
	sim->cwuri = old_cwuri;
	sim->cwuri_tftp = old_tftp;
	if (old_tftp) {
		/* the restored working URI is the one tftp://next-server/
		 * object, which followed the setting meanwhile (settings.c
		 * drops it when next-server is cleared) */
		const uint8_t *a = sim->tftp_server;
		char text[32];

		uri_free(sim->cwuri);
		sim->cwuri = NULL;
		sim->cwuri_tftp = a[0] || a[1] || a[2] || a[3];
		if (sim->cwuri_tftp) {
			snprintf(text, sizeof(text), "tftp://%u.%u.%u.%u/",
				 a[0], a[1], a[2], a[3]);
			sim->cwuri = uri_parse(text);
		}
	}
	*next = replacement && !sim_halted(sim) ? replacement : NULL;
	return rc;
}

/* One image_exec(); an image that replaces img is handed back in
 * *next, for image_exec() to run in a loop (not by recursion: a script
 * that keeps replacing itself must not grow the C stack). */
static int
exec_one(struct sim *sim, struct image *img, struct image **next)
{
	struct exec_level lvl = { .up = sim->execs, .image = img };
	bool ran = false;
	int rc;

	lvl.old_cwuri = sim->cwuri ? uri_dup(sim->cwuri) : NULL;
	lvl.old_tftp = sim->cwuri_tftp;
	/* churi(): the working URI becomes the image's own, if any */
	if (img->where) {
		uri_free(sim->cwuri);
		sim->cwuri = uri_dup(img->where);
		sim->cwuri_tftp = false;
	}
	if (!image_is_executable(img)) {
		rc = sim_err(sim, ERR_IMAGE_NOT_EXECUTABLE);
		goto done;
	}
	if (sim->trust_required && !(img->flags & IMAGE_TRUSTED)) {
		rc = sim_err(sim, ERR_IMAGE_UNTRUSTED);
		goto done;
	}
	/* off the list while it runs (spec 2.4) */
	image_unregister(sim, img);
	sim->execs = &lvl;
	if (img->type == IMGT_SCRIPT)
		rc = sim_run_script(sim, img);
	else
		rc = exec_other(sim, img);
	ran = true;
done:
	return exec_done(sim, &lvl, ran, rc, next);
}

int
image_exec(struct sim *sim, struct image *img)
{
	int rc;

	do
		rc = exec_one(sim, img, &img);
	while (img);
	return rc;
}

int
image_exec_resumed(struct sim *sim, struct exec_level *lvl, int rc)
{
	struct image *img;

	rc = exec_done(sim, lvl, true, rc, &img);
	while (img)
		rc = exec_one(sim, img, &img);
	return rc;
}

int
image_replace(struct sim *sim, struct image *img)
{
	struct frame *f = sim->frame;

	if (!f)
		return sim_err(sim, ERR_IMAGE_NO_CURRENT);
	if (!image_is_executable(img))
		return sim_err(sim, ERR_IMAGE_NOT_EXECUTABLE);
	f->image->replacement = img;
	return 0;
}

/* ---------------------------------------------------------------- certs */

struct cert *
cert_add(struct sim *sim, struct cert *c)
{
	struct cert **tail;

	for (tail = &sim->certs; *tail; tail = &(*tail)->next)
		if ((*tail)->len == c->len &&
		    memcmp((*tail)->der, c->der, c->len) == 0) {
			free(c->name);
			free(c->der);
			free(c);
			return *tail;
		}
	c->next = NULL;
	*tail = c;
	return c;
}

void
cert_del(struct sim *sim, struct cert *c)
{
	for (struct cert **pp = &sim->certs; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	free(c->name);
	free(c->der);
	free(c);
}
