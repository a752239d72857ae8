/*
 * errors.c - iPXE error numbers and their strerror() text (spec 7).  The
 * numbers are assembled from posix.def and errors.def exactly as iPXE's
 * __einfo_errno() does; the texts follow src/hci/strerror.c: an exact
 * match in the linked-in error tables, then the common POSIX table.
 */
#include "stdlib/errors.h"

#include <stdbool.h>
#include <stddef.h>

#include "parser/util.h"

/*
 * The ERRFILE_* values of src/include/ipxe/errfile.h that errors.def
 * names: a category (bits 13-15) plus a file number (bits 16-22), and bit
 * 23 for architecture-specific files.  The names keep iPXE's spelling so
 * that a row can be checked against the header by eye.
 */
#define ERRFILE_CORE	0x00002000
#define ERRFILE_DRIVER	0x00004000
#define ERRFILE_NET	0x00006000
#define ERRFILE_IMAGE	0x00008000
#define ERRFILE_OTHER	0x0000e000
#define ERRFILE_ARCH	0x00800000

#define ERRFILE_monojob		(ERRFILE_CORE | 0x00070000)
#define ERRFILE_exec		(ERRFILE_CORE | 0x00020000)
#define ERRFILE_open		(ERRFILE_CORE | 0x00090000)
#define ERRFILE_settings	(ERRFILE_CORE | 0x000c0000)
#define ERRFILE_base64		(ERRFILE_CORE | 0x00100000)
#define ERRFILE_base16		(ERRFILE_CORE | 0x00110000)
#define ERRFILE_parseopt	(ERRFILE_CORE | 0x00160000)
#define ERRFILE_pinger		(ERRFILE_CORE | 0x001b0000)
#define ERRFILE_ansicol		(ERRFILE_CORE | 0x001d0000)
#define ERRFILE_ansicoldef	(ERRFILE_CORE | 0x001e0000)
#define ERRFILE_uuid		(ERRFILE_CORE | 0x002a0000)
#define ERRFILE_pci		(ERRFILE_DRIVER | 0x00040000)
#define ERRFILE_ipoib		(ERRFILE_DRIVER | 0x00470000)
#define ERRFILE_ipv4		(ERRFILE_NET | 0x00050000)
#define ERRFILE_ipv6		(ERRFILE_NET | 0x00060000)
#define ERRFILE_netdevice	(ERRFILE_NET | 0x00080000)
#define ERRFILE_tcp		(ERRFILE_NET | 0x000a0000)
#define ERRFILE_httpcore	(ERRFILE_NET | 0x000c0000)
#define ERRFILE_dhcp		(ERRFILE_NET | 0x00100000)
#define ERRFILE_dns		(ERRFILE_NET | 0x00110000)
#define ERRFILE_tftp		(ERRFILE_NET | 0x00120000)
#define ERRFILE_infiniband	(ERRFILE_NET | 0x00130000)
#define ERRFILE_net80211	(ERRFILE_NET | 0x001f0000)
#define ERRFILE_dhcpv6		(ERRFILE_NET | 0x003b0000)
#define ERRFILE_image		(ERRFILE_IMAGE | 0x00000000)
#define ERRFILE_script		(ERRFILE_IMAGE | 0x00020000)
#define ERRFILE_segment		(ERRFILE_IMAGE | 0x00030000)
#define ERRFILE_autoboot	(ERRFILE_OTHER | 0x00030000)
#define ERRFILE_imgmgmt		(ERRFILE_OTHER | 0x00050000)
#define ERRFILE_image_cmd	(ERRFILE_OTHER | 0x000a0000)
#define ERRFILE_ifmgmt		(ERRFILE_OTHER | 0x000e0000)
#define ERRFILE_ifmgmt_cmd	(ERRFILE_OTHER | 0x001d0000)
#define ERRFILE_prompt		(ERRFILE_OTHER | 0x00220000)
#define ERRFILE_nvo_cmd		(ERRFILE_OTHER | 0x00230000)
#define ERRFILE_menu_ui		(ERRFILE_OTHER | 0x002c0000)
#define ERRFILE_dynui_cmd	(ERRFILE_OTHER | 0x002d0000)
#define ERRFILE_readline	(ERRFILE_OTHER | 0x00320000)
#define ERRFILE_param_cmd	(ERRFILE_OTHER | 0x00400000)
#define ERRFILE_efi_local	(ERRFILE_OTHER | 0x004d0000)
#define ERRFILE_cert_cmd	(ERRFILE_OTHER | 0x004f0000)
#define ERRFILE_pci_cmd		(ERRFILE_OTHER | 0x00590000)
#define ERRFILE_editstring	(ERRFILE_OTHER | 0x00610000)
#define ERRFILE_form_ui		(ERRFILE_OTHER | 0x00630000)
/* src/arch/x86/include/bits/errfile.h: the same on x86 BIOS and EFI */
#define ERRFILE_cpuid_cmd	(ERRFILE_ARCH | ERRFILE_OTHER | 0x00000000)
/* network and machine commands (interp/netdev.c, cmd_net.c, cmd_misc.c) */
#define ERRFILE_pixbuf		(ERRFILE_CORE | 0x00210000)
#define ERRFILE_usb		(ERRFILE_DRIVER | 0x00070000)
#define ERRFILE_udp		(ERRFILE_NET | 0x000f0000)
#define ERRFILE_netdev_settings	(ERRFILE_NET | 0x00140000)
#define ERRFILE_vlan		(ERRFILE_NET | 0x00300000)
#define ERRFILE_neighbour	(ERRFILE_NET | 0x00370000)
#define ERRFILE_ntp		(ERRFILE_NET | 0x00490000)
/* images and downloads (interp/net.c, image.c, cmd_image.c) */
#define ERRFILE_blockdev	(ERRFILE_CORE | 0x00120000)
#define ERRFILE_datauri		(ERRFILE_CORE | 0x00360000)
#define ERRFILE_aoe		(ERRFILE_NET | 0x00000000)
#define ERRFILE_ftp		(ERRFILE_NET | 0x000b0000)
#define ERRFILE_ib_srp		(ERRFILE_NET | 0x00220000)
#define ERRFILE_nfs_open	(ERRFILE_NET | 0x00340000)
#define ERRFILE_httpconn	(ERRFILE_NET | 0x00410000)
#define ERRFILE_pem		(ERRFILE_IMAGE | 0x00090000)
#define ERRFILE_archive		(ERRFILE_IMAGE | 0x000a0000)
#define ERRFILE_zlib		(ERRFILE_IMAGE | 0x000b0000)
#define ERRFILE_gzip		(ERRFILE_IMAGE | 0x000c0000)
#define ERRFILE_asn1		(ERRFILE_OTHER | 0x00000000)
#define ERRFILE_x509		(ERRFILE_OTHER | 0x00160000)
#define ERRFILE_cms		(ERRFILE_OTHER | 0x002a0000)
#define ERRFILE_deflate		(ERRFILE_OTHER | 0x00410000)
#define ERRFILE_int13		(ERRFILE_ARCH | ERRFILE_CORE | 0x00050000)
#define ERRFILE_multiboot	(ERRFILE_ARCH | ERRFILE_IMAGE | 0x00030000)
#define ERRFILE_pxe_image	(ERRFILE_ARCH | ERRFILE_IMAGE | 0x00050000)

struct posix_row {
	uint8_t code;
	uint8_t byte[2];	/* indexed by enum platform */
	const char *text;	/* common table entry, or NULL */
	bool known;		/* a row of posix.def (posix_by_code) */
};

static const struct posix_row posix_rows[] = {
#define POSIX(name, code, bios, efi, text) { code, { bios, efi }, text, true },
#include "stdlib/posix.def"
#undef POSIX
};
#define NPOSIX (sizeof(posix_rows) / sizeof(posix_rows[0]))

struct site {
	uint8_t posix;
	uint8_t uniq;
	uint32_t errfile;
};

static const struct site sites[ERR_COUNT] = {
	[ERR_NONE] = { 0, 0, 0 },
#define ERROR(name, posix, file, uniq) \
	[ERR_##name] = { POSIX_##posix, uniq, ERRFILE_##file },
#include "stdlib/errors.def"
#undef ERROR
};

/* Platforms an exact-table entry is linked into. */
#define ON_BIOS	(1u << PLAT_BIOS)
#define ON_EFI	(1u << PLAT_EFI)
#define ON_BOTH	(ON_BIOS | ON_EFI)

/*
 * The errortab entries of the real builds other than strerror.c's common
 * table (spec 7.3 "exact numbers").  The BIOS list is the one found in
 * the decompressed ipxe-full.lkrn, in link order; the EFI-only rows are
 * read from the source (efi_local.c, dhcpv6.c) and not checked on a
 * binary.  byte_of names the POSIX row whose platform byte the entry
 * carries: itself, except for efi_local's EPLATFORM error, which carries
 * EFI_NOT_FOUND like ENOENT.
 */
struct exact_row {
	uint8_t code;
	uint8_t byte_of;
	uint8_t uniq;
	uint8_t plats;
	uint32_t errfile;
	const char *text;
};

#define EXACT(posix, file, uniq, plats, text) \
	{ POSIX_##posix, POSIX_##posix, uniq, plats, ERRFILE_##file, text }

static const struct exact_row exact_rows[] = {
	EXACT(ENOENT, httpcore, 1, ON_BOTH, "Not found"),
	EXACT(EIO, httpcore, 4, ON_BOTH, "HTTP 4xx Client Error"),
	EXACT(EIO, httpcore, 5, ON_BOTH, "HTTP 5xx Server Error"),
	EXACT(EINPROGRESS, infiniband, 1, ON_BOTH, "Initialising"),
	EXACT(EINPROGRESS, infiniband, 2, ON_BOTH, "Armed"),
	EXACT(EINPROGRESS, ipoib, 1, ON_BOTH, "Joining"),
	EXACT(EINVAL, net80211, 6, ON_BOTH, "Packet decryption error"),
	EXACT(ECONNRESET, net80211, 1, ON_BOTH, "Unspecified reason"),
	EXACT(ECONNRESET, net80211, 4, ON_BOTH,
	      "Disassociated due to inactivity"),
	EXACT(ECONNRESET, net80211, 15, ON_BOTH, "4-Way Handshake timeout"),
	EXACT(ECONNRESET, net80211, 23, ON_BOTH,
	      "IEEE 802.1X authentication failed"),
	EXACT(ECONNREFUSED, net80211, 1, ON_BOTH, "Unspecified failure"),
	EXACT(ECONNREFUSED, net80211, 12, ON_BOTH,
	      "Association denied for another reason"),
	EXACT(ECONNREFUSED, net80211, 13, ON_BOTH,
	      "Authentication algorithm unsupported"),
	EXACT(EINPROGRESS, netdevice, 1, ON_BOTH, "Unknown"),
	EXACT(ENOTCONN, netdevice, 1, ON_BOTH, "Down"),
	EXACT(EINPROGRESS, netdevice, 2, ON_BOTH, "Unused"),
	EXACT(EINPROGRESS, netdevice, 3, ON_BOTH, "Incomplete"),
	EXACT(ERANGE, segment, 1, ON_BIOS, "Requested memory not available"),
	EXACT(ENOENT, tftp, 1, ON_BOTH, "Not found"),
	EXACT(EADDRNOTAVAIL, ifmgmt, 1, ON_BOTH,
	      "No configuration methods succeeded"),
	EXACT(EPROTO, dhcpv6, 2, ON_EFI, "No addresses available"),
	{ 0x7f, POSIX_ENOENT, 1, ON_EFI, ERRFILE_efi_local, "Not found" },
};

/* strerror()'s static buffer is 64 bytes: longer texts lose their end
 * (an 802.11 text drops the closing parenthesis, checked on the oracle). */
#define ERRBUF_LEN 64

/* The same rows by code, for posix_row() (hot: every error made looks
 * one up); a code without a row has no text and a zero byte. */
static const struct posix_row posix_by_code[256] = {
#define POSIX(name, code, bios, efi, text) \
	[code] = { code, { bios, efi }, text, true },
#include "stdlib/posix.def"
#undef POSIX
};

static const struct posix_row *
posix_row(uint8_t code)
{
	return posix_by_code[code].known ? &posix_by_code[code] : NULL;
}

static uint32_t
platform_byte(uint8_t code, enum platform plat)
{
	const struct posix_row *row = posix_row(code);

	return row ? row->byte[plat] : 0;
}

uint32_t
err_make(enum posix_code posix, uint32_t errfile, unsigned uniq,
	 enum platform plat)
{
	return ((uint32_t)posix << 24) | errfile | ((uint32_t)uniq << 8) |
	       platform_byte((uint8_t)posix, plat);
}

uint32_t
err_num(enum err_id id, enum platform plat)
{
	const struct site *s;

	if (id == ERR_NONE || id >= ERR_COUNT)
		return 0;
	s = &sites[id];
	return err_make((enum posix_code)s->posix, s->errfile, s->uniq, plat);
}

/* find_closest_error(): the exact number first, then the common table
 * under the mask that keeps only the POSIX code and the platform byte. */
static const char *
describe(uint32_t err, enum platform plat)
{
	for (size_t i = 0; i < sizeof(exact_rows) / sizeof(exact_rows[0]);
	     i++) {
		const struct exact_row *x = &exact_rows[i];
		uint32_t num;

		if (!(x->plats & (1u << plat)))
			continue;
		num = ((uint32_t)x->code << 24) | x->errfile |
		      ((uint32_t)x->uniq << 8) |
		      platform_byte(x->byte_of, plat);
		if (num == err)
			return x->text;
	}
	for (size_t i = 0; i < NPOSIX; i++) {
		const struct posix_row *p = &posix_rows[i];

		if (p->text && (err & 0x7f0000ff) ==
				       (((uint32_t)p->code << 24) |
					p->byte[plat]))
			return p->text;
	}
	return NULL;
}

void
err_text(struct buf *out, uint32_t err, enum platform plat,
	 const char *url_base)
{
	struct buf tmp;
	const char *text;

	/* strerror(rc) takes a negative rc as well as a positive errno:
	 * anything negative as an int is negated (exit 0xffffffff is
	 * reported as 00000001; 0x80000000 stays as it is). */
	if (err & 0x80000000u)
		err = -err;
	text = describe(err, plat);
	buf_init(&tmp);
	if (text)
		buf_printf(&tmp, "%s (%s/%08x)", text, url_base, err);
	else
		buf_printf(&tmp, "Error 0x%08x (%s/%08x)", err, url_base, err);
	buf_add(out, tmp.data, tmp.len < ERRBUF_LEN ? tmp.len : ERRBUF_LEN - 1);
	buf_fini(&tmp);
}
