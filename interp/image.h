/*
 * image.h - the image list (spec 8.1-8.3, 8.6) and executing images, as
 * upstream's src/core/image.c: registering (with the imgN names), tags,
 * probing the type, image_exec() with its working-URI, re-registration,
 * --autofree and --replace rules.  Scripts run in a new frame; any other
 * executable image ends the simulation with a report of what booted.
 *
 * Ownership: the image list owns its images.  An executing image is off
 * the list and owned by image_exec(), which puts it back or frees it.
 * Pointers to an image are valid until image_free() or image_exec().
 */
#ifndef IPXE_IMAGE_H
#define IPXE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;
struct script;
struct exec_level;
struct uri;

/* Image types (struct image_type), named as imgstat prints them. */
enum image_type {
	IMGT_NONE,	/* no type claims it (e.g. an empty image) */
	IMGT_SCRIPT,	/* "#!ipxe" / "#!gpxe" (spec 2.1) */
	IMGT_PXE,	/* PXE-NBP: BIOS takes nearly anything small */
	IMGT_PXE_MZ,	/* "PXE-NBP (may be EFI?)": the same, starting MZ */
	IMGT_BZIMAGE,	/* Linux kernel */
	IMGT_MULTIBOOT,
	IMGT_ELF,
	IMGT_EFI,	/* PE/COFF that the EFI firmware loads */
	IMGT_EFIPE,	/* PE/COFF for a separate loader (shim) */
	IMGT_GZIP,
	IMGT_ZLIB,
	IMGT_PEM,
	IMGT_DER,
	IMGT_PNG,
};

/* Flags (IMAGE_*) as imgstat shows them. */
#define IMAGE_AUTOFREE	0x1	/* IMAGE_AUTO_UNREGISTER */
#define IMAGE_TRUSTED	0x2
#define IMAGE_HIDDEN	0x4
#define IMAGE_SHIM	0x8	/* tagged as the EFI shim ([SHIM]) */

struct image {
	struct image *next;
	char *name;		/* NULL until registered without one */
	uint8_t *data;		/* len bytes plus a NUL, as iPXE keeps it */
	size_t len;
	enum image_type type;
	char *cmdline;		/* NULL: none */
	char *uri;		/* resolved URI it came from, or NULL */
	struct uri *where;	/* the same URI parsed (iPXE's image->uri):
				 * churi() takes this one, not the text */
	unsigned flags;
	struct script *ast;	/* scripts: parsed on first execution */
	bool ast_shared;	/* ast belongs to sim->memo (memo.h) */
	bool registered;	/* in sim->images (not while it runs) */
	struct image *replacement;	/* chain --replace: runs next */
};

/* The name imgstat prints for a type, or NULL for IMGT_NONE. */
const char *image_type_name(enum image_type t);
/* Whether a type has an exec method (image_select() accepts it). */
bool image_is_executable(const struct image *img);
/*
 * alloc_image() + image_set_data(): a new unregistered image (data is
 * copied).  name may be NULL: register_image() then names it imgN.
 * uri, the resolved URI text, may be NULL.
 */
struct image *image_new(struct sim *sim, const char *name, const void *data,
			size_t len, const char *uri);
/* The same for an image fetched from the resolved URI u (copied; may be
 * NULL); its text is uri_format(u). */
struct image *image_new_at(struct sim *sim, const char *name,
			   const void *data, size_t len, const struct uri *u);
/* Replaces the data and probes the type again (imgdecrypt, extraction). */
void image_set_data(struct sim *sim, struct image *img, const void *data,
		    size_t len);
void image_set_name(struct image *img, const char *name);
/* image_set_cmdline(): NULL clears it. */
void image_set_cmdline(struct image *img, const char *cmdline);
/*
 * register_image(): names it imgN if it has no name, appends it to the
 * image list and probes its type if it has none.
 */
void image_register(struct sim *sim, struct image *img);
/* Takes it off the list, keeping it and its tags (it is executing). */
void image_unregister(struct sim *sim, struct image *img);
/* unregister_image() with the last reference gone: frees it. */
void image_free(struct sim *sim, struct image *img);
/* Frees img and what it owns, nothing else: for an image no machine
 * refers to (image_free() calls it, the explorer's snapshots too). */
void image_release(struct image *img);
void image_free_all(struct sim *sim);
/* find_image(): the first (oldest) registered image of this name. */
struct image *image_find(struct sim *sim, const char *name);
/* find_image_tag(&selected_image): NULL unless it is on the list. */
struct image *image_selected(struct sim *sim);
/* image_select(): 0, or ENOEXEC when the type cannot execute. */
int image_select(struct sim *sim, struct image *img);
/*
 * image_exec() (spec 2.4, 8.4, 10.6): sets the working URI, checks the
 * type and the trust policy, runs the image off the list, puts it back
 * at the end (unless it is replaced), frees it with --autofree, restores
 * the working URI and runs its replacement.  Returns the rc; img is
 * invalid afterwards.  Booting a non-script image halts the run with
 * OUT_BOOTED.
 */
int image_exec(struct sim *sim, struct image *img);
/* The rest of an image_exec() whose script ran in a resumed run
 * (sim_resume()) and returned rc: lvl as exec_one() set it up (its
 * old_cwuri is taken over). */
int image_exec_resumed(struct sim *sim, struct exec_level *lvl, int rc);
/* What chain and imgexec do when the image they ran returns rc (the
 * "Could not boot" message); returns rc. */
int image_exec_finish(struct sim *sim, int rc);
/* image_replace(): img (registered) runs when the current image ends. */
int image_replace(struct sim *sim, struct image *img);
/* image_set_trust(): 0, or EACCES when the policy is permanent. */
int image_set_trust(struct sim *sim, bool require, bool permanent);
/*
 * image_extract() for gzip and zlib images: a new registered image named
 * name (NULL: the archive's name without its last suffix) holding the
 * decompressed data, trusted if the archive is.  Returns 0 or the rc.
 */
int image_extract(struct sim *sim, struct image *img, const char *name,
		  struct image **extracted);


/* ---------------------------------------------------------------- certs */

/* A certificate of the store (struct x509_certificate, the parts that
 * certstat shows). */
struct cert {
	struct cert *next;
	char *name;		/* x509_name(): commonName, else fingerprint */
	char fingerprint[41];	/* SHA-1 of the DER, lower-case hex */
	uint8_t *der;
	size_t len;
	bool permanent, explicit;
};

/* certstore_add(): appends a certificate unless the same DER is there;
 * returns the one in the store.  Takes ownership of c. */
struct cert *cert_add(struct sim *sim, struct cert *c);
/* certstore_del(): removes and frees c. */
void cert_del(struct sim *sim, struct cert *c);

#endif
