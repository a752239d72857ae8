/*
 * errors.h - iPXE error numbers and their console text (spec 7).  An error
 * is a 32-bit number (POSIX code << 24 | source file | unique << 8 |
 * platform byte); 0 means success.  Every error a simulated command can
 * raise has one row in stdlib/errors.def naming its POSIX code, the iPXE
 * source file that raises it and its "unique" number, so the number comes
 * out exactly as the real build prints it on either platform.
 */
#ifndef IPXE_ERRORS_H
#define IPXE_ERRORS_H

#include <stdint.h>

struct buf;

/* The platform decides the low byte of error numbers (spec 7.3) and a few
 * other details (sizeof(long), commands present). */
enum platform { PLAT_BIOS, PLAT_EFI };

/* iPXE's numbering of the POSIX errors (spec 7.3 table). */
enum posix_code {
#define POSIX(name, code, bios, efi, text) POSIX_##name = code,
#include "stdlib/posix.def"
#undef POSIX
};

/* Error sites: ERR_<name> identifies one (POSIX code, file, unique). */
enum err_id {
	ERR_NONE,
#define ERROR(name, posix, errfile, uniq) ERR_##name,
#include "stdlib/errors.def"
#undef ERROR
	ERR_COUNT
};

/* The error number of site id on platform plat. */
uint32_t err_num(enum err_id id, enum platform plat);
/* An error number from its parts (for numbers not in the table). */
uint32_t err_make(enum posix_code posix, uint32_t errfile, unsigned uniq,
		  enum platform plat);
/*
 * Appends iPXE's strerror() text for err: "<description> (URL/xxxxxxxx)"
 * or "Error 0x%08x (URL/xxxxxxxx)" (spec 7.2, 7.3: exact-number table,
 * then the POSIX-code table under mask 0x7f0000ff).  url_base is
 * "https://ipxe.org" or "http://ipxe.org".
 */
void err_text(struct buf *out, uint32_t err, enum platform plat,
	      const char *url_base);

#endif
