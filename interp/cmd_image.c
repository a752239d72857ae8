/*
 * cmd_image.c - the image commands (spec 10.6-10.8): the img{single} and
 * img{multi} families of src/hci/commands/image_cmd.c over imgmgmt.c's
 * acquire and download, imgset, imgmem, imgextract, the trust,
 * certificate and digest commands, and the SAN commands (no SAN target
 * ever answers on the mocked network, docs/simulator.md).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "interp/cmds.h"
#include "interp/image.h"
#include "interp/net.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/uri.h"
#include "parser/util.h"

/* Memory imgmem can read: the simulated RAM, which reads as zeros. */
#define MAX_IMGMEM ((uint32_t)64 << 20)

/* ---------------------------------------------------------------- acquire */

/* imgdownload_string(): text parsed as a URI, then downloaded. */
static int
download(struct sim *sim, const char *text, uint32_t timeout, bool quiet,
	 struct image **out)
{
	struct uri *u = uri_parse(text);
	int rc = net_imgdownload(sim, u, timeout, quiet, out);

	uri_free(u);
	return rc;
}

/* imgacquire(): a registered image of exactly this name, else download. */
static int
acquire(struct sim *sim, const char *text, uint32_t timeout, bool quiet,
	struct image **out)
{
	*out = image_find(sim, text);
	if (*out)
		return 0;
	return download(sim, text, timeout, quiet, out);
}

static uint32_t
opt_num(const struct call *call, char c)
{
	const struct optval *v = call_opt(call, c);

	return v ? v->num : 0;
}

static const char *
opt_str(const struct call *call, char c)
{
	const struct optval *v = call_opt(call, c);

	return v ? v->str : NULL;
}

/* ---------------------------------------------------------------- single */

enum single { S_FETCH, S_SELECT, S_EXEC, S_ARGS };

int
image_exec_finish(struct sim *sim, int rc)
{
	if (rc && !sim_halted(sim))
		sim_print_rc(sim, "Could not boot: ", rc);
	return rc;
}

/* imgsingle_exec(): acquire, then name, arguments, --autofree, action. */
static int
imgsingle(struct sim *sim, struct call *call, enum single what)
{
	uint32_t timeout = opt_num(call, 't');
	bool quiet = call_opt(call, 'q') != NULL;
	const char *name = opt_str(call, 'n');
	char *cmdline = NULL;
	struct image *img;
	int rc = 0;

	if (call->nargs > 1)
		cmdline = sim_concat(call->args + 1, call->nargs - 1);
	if (call->nargs) {
		rc = what == S_FETCH
			? download(sim, call->args[0], timeout, quiet, &img)
			: acquire(sim, call->args[0], timeout, quiet, &img);
		if (rc)
			goto out;
	} else {
		img = image_selected(sim);
		if (!img) {
			sim_printf(sim, "No image selected\n");
			goto out;
		}
	}
	if (what == S_ARGS)
		image_set_cmdline(img, NULL);
	if (name)
		image_set_name(img, name);
	if (cmdline)
		image_set_cmdline(img, cmdline);
	if (call_opt(call, 'a'))
		img->flags |= IMAGE_AUTOFREE;
	switch (what) {
	case S_SELECT:
		if ((rc = image_select(sim, img)) != 0)
			sim_print_rc(sim, "Could not select: ", rc);
		break;
	case S_EXEC:
		if (call_opt(call, 'r')) {
			/* the current script stops; the image runs in its
			 * place when control gets back to image_exec() */
			rc = image_replace(sim, img);
			if (!rc)
				sim_stop_sequence(sim);
		} else {
			rc = image_exec(sim, img);
		}
		rc = image_exec_finish(sim, rc);
		break;
	case S_FETCH:
	case S_ARGS:
		break;
	}
out:
	free(cmdline);
	return rc;
}

int
cmd_imgfetch(struct sim *sim, struct call *call)
{
	return imgsingle(sim, call, S_FETCH);
}

int
cmd_imgselect(struct sim *sim, struct call *call)
{
	return imgsingle(sim, call, S_SELECT);
}

int
cmd_imgexec(struct sim *sim, struct call *call)
{
	return imgsingle(sim, call, S_EXEC);
}

int
cmd_imgargs(struct sim *sim, struct call *call)
{
	return imgsingle(sim, call, S_ARGS);
}

/* ---------------------------------------------------------------- multi */

/* imgstat() of usr/imgmgmt.c. */
static void
imgstat(struct sim *sim, struct image *img)
{
	sim_printf(sim, "%s : %zu bytes", img->name, img->len);
	if (img->type != IMGT_NONE)
		sim_printf(sim, " [%s]", image_type_name(img->type));
	/* the tags, in table order: SELECTED, CURRENT (never listed: it
	 * is off the list while it runs), SHIM */
	if (img == sim->selected)
		sim_printf(sim, " [SELECTED]");
	if (img->flags & IMAGE_SHIM)
		sim_printf(sim, " [SHIM]");
	if (img->flags & IMAGE_TRUSTED)
		sim_printf(sim, " [TRUSTED]");
	if (img->flags & IMAGE_AUTOFREE)
		sim_printf(sim, " [AUTOFREE]");
	if (img->flags & IMAGE_HIDDEN)
		sim_printf(sim, " [HIDDEN]");
	if (img->cmdline)
		sim_printf(sim, " \"%s\"", img->cmdline);
	sim_printf(sim, "\n");
}

/* imgmulti_exec(): every image, or each named one (first match). */
static int
imgmulti(struct sim *sim, struct call *call, bool free_them)
{
	if (!call->nargs) {
		struct image *img = sim->images, *next;

		for (; img; img = next) {
			next = img->next;
			if (free_them)
				image_free(sim, img);
			else
				imgstat(sim, img);
		}
		return 0;
	}
	for (int i = 0; i < call->nargs; i++) {
		struct image *img = image_find(sim, call->args[i]);

		if (!img) {
			sim_printf(sim, "\"%s\": no such image\n",
				   call->args[i]);
			return sim_err(sim, ERR_IMGCMD_NO_IMAGE);
		}
		if (free_them)
			image_free(sim, img);
		else
			imgstat(sim, img);
	}
	return 0;
}

int
cmd_imgstat(struct sim *sim, struct call *call)
{
	return imgmulti(sim, call, false);
}

int
cmd_imgfree(struct sim *sim, struct call *call)
{
	return imgmulti(sim, call, true);
}

/* ---------------------------------------------------------------- others */

/* A setting named on the command line (parse_autovivified_setting()). */
struct named {
	struct sblock *block;
	struct setting setting;
	char *namebuf;
};

static int
parse_named(struct sim *sim, const char *text, struct named *n)
{
	int rc = settings_parse_name(sim, text, true, &n->block, &n->setting,
				     &n->namebuf);

	if (rc)
		sim_printf(sim, "\"%s\": invalid setting\n", text);
	return rc;
}

static int
store_raw(struct sim *sim, struct named *n, const void *data, size_t len)
{
	int rc = settings_store(sim, n->block, &n->setting, data, len);

	if (rc) {
		sim_printf(sim, "Could not store \"%s\": ", n->setting.name);
		sim_print_error(sim, rc);
		sim_printf(sim, "\n");
	}
	return rc;
}

int
cmd_imgset(struct sim *sim, struct call *call)
{
	struct named n = { 0 };
	struct image *img;
	int rc;

	if ((rc = parse_named(sim, call->args[0], &n)) != 0)
		goto out;
	if (n.setting.type < 0)
		n.setting.type = TYPE_string;
	rc = acquire(sim, call->args[1], opt_num(call, 't'),
		     call_opt(call, 'q') != NULL, &img);
	if (rc)
		goto out;
	rc = store_raw(sim, &n, img->data, img->len);
	if (!call_opt(call, 'k'))
		image_free(sim, img);
out:
	free(n.namebuf);
	return rc;
}

int
cmd_imgmem(struct sim *sim, struct call *call)
{
	const char *name = opt_str(call, 'n');
	uint32_t addr, len;
	uint8_t *zeros;
	int rc;

	if (!name)
		name = call->args[0];
	if ((rc = sim_parse_integer(sim, call->args[0], &addr)) != 0 ||
	    (rc = sim_parse_integer(sim, call->args[1], &len)) != 0)
		return rc;
	/* image_memory(): the copy must fit in the machine's memory */
	if (len > MAX_IMGMEM || addr + (uint64_t)len > ((uint64_t)1 << 32)) {
		sim_printf(sim, "Could not create image\n");
		return sim_err(sim, ERR_IMGMGMT_NO_MEMORY);
	}
	zeros = xcalloc(len ? len : 1, 1);
	image_register(sim, image_new(sim, name, zeros, len, NULL));
	free(zeros);
	return 0;
}

int
cmd_imgextract(struct sim *sim, struct call *call)
{
	struct image *img, *x;
	int rc;

	rc = acquire(sim, call->args[0], opt_num(call, 't'),
		     call_opt(call, 'q') != NULL, &img);
	if (rc)
		return rc;
	rc = image_extract(sim, img, opt_str(call, 'n'), &x);
	if (rc)
		sim_print_rc(sim, "Could not extract image: ", rc);
	if (!call_opt(call, 'k'))
		image_free(sim, img);
	return rc;
}

/* ---------------------------------------------------------------- trust */

int
cmd_imgtrust(struct sim *sim, struct call *call)
{
	int rc = image_set_trust(sim, !call_opt(call, 'a'),
				 call_opt(call, 'p') != NULL);

	if (rc)
		sim_print_rc(sim,
			     "Could not set image trust requirement: ", rc);
	return rc;
}

/* pem_next(): the offset after the next newline, or len. */
static size_t
pem_next(const uint8_t *d, size_t len, size_t off)
{
	const uint8_t *nl = memchr(d + off, '\n', len - off);

	return nl ? (size_t)(nl - d) + 1 : len;
}

/* pem_marker(): the offset of a line starting with marker, or -1. */
static long
pem_marker(const uint8_t *d, size_t len, size_t off, const char *marker)
{
	size_t n = strlen(marker);

	while (off < len && len - off >= n) {
		if (memcmp(d + off, marker, n) == 0)
			return (long)off;
		off = pem_next(d, len, off);
	}
	return -1;
}

/* base64_decode() of the text up to len or a NUL: whitespace skipped,
 * a pad takes back two bits, a whole number of bytes at the end. */
static bool
base64_decode(const uint8_t *in, size_t len, struct buf *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint8_t *bytes = xcalloc(len + 2, 1);
	unsigned bit = 0, pads = 0;
	bool ok = false;

	for (size_t i = 0; i < len && in[i]; i++) {
		const char *p;
		unsigned v;

		if (is_ipxe_space(in[i]))
			continue;
		if (in[i] == '=') {
			if (pads++ >= 2)
				goto out;
			bit -= 2;
			continue;
		}
		if (pads || !(p = strchr(alphabet, in[i])))
			goto out;
		v = (unsigned)(p - alphabet) << 2;
		bytes[bit / 8] |= (uint8_t)(v >> (bit % 8));
		bytes[bit / 8 + 1] |= (uint8_t)(v << (8 - bit % 8));
		bit += 6;
	}
	if (bit % 8 == 0) {
		buf_add(out, bytes, bit / 8);
		ok = true;
	}
out:
	free(bytes);
	return ok;
}

/*
 * pem_asn1() from off: the Base64 text between a BEGIN line and the next
 * END line, decoded.  Returns the offset of the next object (the end when
 * no further BEGIN follows) or a negative rc.
 */
static long
pem_object(struct sim *sim, const uint8_t *d, size_t len, size_t off,
	   struct buf *der)
{
	long begin = pem_marker(d, len, off, "-----BEGIN"), end;
	size_t text, next;

	if (begin < 0)
		return sim_err(sim, ERR_PEM_NO_MARKER);
	text = pem_next(d, len, (size_t)begin);
	end = pem_marker(d, len, text, "-----END");
	if (end < 0)
		return sim_err(sim, ERR_PEM_NO_MARKER);
	if (!base64_decode(d + text, (size_t)end - text, der))
		return sim_err(sim, ERR_PEM_BAD_BASE64);
	next = pem_next(d, len, (size_t)end);
	/* an unencapsulated trailer holds no further object */
	return pem_marker(d, len, next, "-----BEGIN") < 0 ? (long)len
							  : (long)next;
}

/* image_asn1(): the ASN.1 object at off of a DER or PEM image. */
static long
image_asn1(struct sim *sim, const struct image *img, size_t off,
	   struct buf *der)
{
	if (img->type == IMGT_DER) {
		buf_add(der, img->data + off, img->len - off);
		return (long)img->len;
	}
	if (img->type == IMGT_PEM)
		return pem_object(sim, img->data, img->len, off, der);
	return sim_err(sim, ERR_ASN1_NO_TYPE);
}

/*
 * asn1_enter() / asn1_skip() over a byte range: *d and *len cover the
 * rest of the current object.  enter narrows them to the content of the
 * next object (which must have this tag), skip moves past it.
 */
static bool
asn1_step(const uint8_t **d, size_t *len, uint8_t type, bool enter)
{
	const uint8_t *p = *d;
	size_t pos = 1, len_len = 1, n = 0;

	if (*len < 2 || (type && p[0] != type))
		return false;
	if (p[1] & 0x80) {
		len_len = p[1] & 0x7f;
		pos = 2;
	}
	if (*len - pos < len_len)
		return false;
	for (; len_len; len_len--)
		n = n << 8 | p[pos++];
	if (*len - pos < n)
		return false;
	if (enter) {
		*d = p + pos;
		*len = n;
	} else {
		*d = p + pos + n;
		*len -= pos + n;
	}
	return true;
}

/*
 * cms_message() and as much of cms_verify() / cms_decrypt() as the mock
 * can honestly do (docs/simulator.md): the message must be a DER or PEM
 * image holding a ContentInfo of a type CMS knows.  A signature never
 * verifies (no signer chains to a trusted root here: "No usable
 * certificates", as the oracle says for self-signed signers), and no
 * private key is loaded, so decryption fails as the oracle fails it:
 * key transport gives "Bad file length", key agreement an ASN.1 error.
 */
static int
cms_check(struct sim *sim, const struct image *img, bool decrypt)
{
	static const uint8_t prefix[] = {
		0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,	/* PKCS */
	};
	struct buf der;
	const uint8_t *d, *oid;
	size_t len, oid_len;
	long rc;
	int ret = sim_err(sim, ERR_CMS_UNKNOWN_TYPE);
	enum { SIGNED, ENVELOPED, AUTH_ENVELOPED, UNKNOWN } type = UNKNOWN;

	buf_init(&der);
	rc = image_asn1(sim, img, 0, &der);
	if (rc < 0) {
		buf_fini(&der);
		return (int)rc;
	}
	d = (const uint8_t *)der.data;
	len = der.len;
	/* ContentInfo ::= SEQUENCE { contentType OID, [0] content } */
	if (!asn1_step(&d, &len, 0x30, true))
		goto out;
	oid = d;
	oid_len = len;
	if (!asn1_step(&oid, &oid_len, 0x06, true) ||
	    !asn1_step(&d, &len, 0x06, false))
		goto out;
	if (oid_len > sizeof(prefix) &&
	    memcmp(oid, prefix, sizeof(prefix)) == 0) {
		const uint8_t *rest = oid + sizeof(prefix);
		size_t n = oid_len - sizeof(prefix);

		if (n == 2 && rest[0] == 0x07 && rest[1] == 0x02)
			type = SIGNED;
		else if (n == 2 && rest[0] == 0x07 && rest[1] == 0x03)
			type = ENVELOPED;
		else if (n == 4 && memcmp(rest, "\x09\x10\x01\x17", 4) == 0)
			type = AUTH_ENVELOPED;
	}
	if (type == UNKNOWN)
		goto out;
	if (!decrypt) {
		ret = sim_err(sim, ERR_CMS_NOT_VERIFIED);
		goto out;
	}
	ret = sim_err(sim, ERR_CMS_NO_KEY);
	if (type == SIGNED)
		goto out;
	/* [0] { EnvelopedData ::= SEQUENCE { version, [0] originatorInfo
	 * OPTIONAL, recipientInfos SET { first RecipientInfo ... } } } */
	if (!asn1_step(&d, &len, 0xa0, true) ||
	    !asn1_step(&d, &len, 0x30, true) ||
	    !asn1_step(&d, &len, 0x02, false))
		goto out;
	if (len && d[0] == 0xa0 && !asn1_step(&d, &len, 0xa0, false))
		goto out;
	if (!asn1_step(&d, &len, 0x31, true) || len < 1)
		goto out;
	if (d[0] == 0x30)
		ret = sim_err(sim, ERR_CMS_BAD_LENGTH);
	else if (d[0] == 0xa1)
		ret = sim_err(sim, ERR_ASN1_EMPTY);
out:
	buf_fini(&der);
	return ret;
}

/* imgverify and imgdecrypt: acquire both, check, free the second. */
static int
cms_command(struct sim *sim, struct call *call, bool decrypt,
	    const char *verb)
{
	uint32_t timeout = opt_num(call, 't');
	bool quiet = call_opt(call, 'q') != NULL;
	struct image *img, *msg;
	int rc;

	if ((rc = acquire(sim, call->args[0], timeout, quiet, &img)) != 0 ||
	    (rc = acquire(sim, call->args[1], timeout, quiet, &msg)) != 0)
		return rc;
	rc = cms_check(sim, msg, decrypt);
	sim_printf(sim, "Could not %s: ", verb);
	sim_print_error(sim, rc);
	sim_printf(sim, "\n");
	if (!call_opt(call, 'k'))
		image_free(sim, msg);
	return rc;
}

int
cmd_imgverify(struct sim *sim, struct call *call)
{
	return cms_command(sim, call, false, "verify");
}

int
cmd_imgdecrypt(struct sim *sim, struct call *call)
{
	return cms_command(sim, call, true, "decrypt");
}

/* ---------------------------------------------------------------- certs */

/* x509_certificate(): parses DER bytes with libcrypto. */
static struct cert *
parse_cert(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509 *x = d2i_X509(NULL, &p, (long)len);
	struct cert *c;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	int idx;

	if (!x)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->len = (size_t)(p - der);
	c->der = xmalloc(c->len);
	memcpy(c->der, der, c->len);
	EVP_Digest(c->der, c->len, md, &mdlen, EVP_sha1(), NULL);
	for (unsigned i = 0; i < mdlen && i < 20; i++)
		snprintf(c->fingerprint + 2 * i, 3, "%02x", md[i]);
	/* x509_name(): the raw commonName, at most 63 bytes */
	idx = X509_NAME_get_index_by_NID(X509_get_subject_name(x),
					 NID_commonName, -1);
	if (idx >= 0) {
		ASN1_STRING *s = X509_NAME_ENTRY_get_data(
			X509_NAME_get_entry(X509_get_subject_name(x), idx));
		int n = ASN1_STRING_length(s);

		c->name = xstrndup((const char *)ASN1_STRING_get0_data(s),
				   (size_t)(n > 63 ? 63 : n));
	}
	if (!c->name || !c->name[0]) {
		free(c->name);
		c->name = xstrdup(c->fingerprint);
	}
	X509_free(x);
	return c;
}

enum cert_action { C_STAT, C_STORE, C_FREE };

/* cert_exec(): each certificate of the image or of the store. */
static int
cert_command(struct sim *sim, struct call *call, enum cert_action what)
{
	const char *subject = opt_str(call, 's');
	struct image *img = NULL;
	struct cert *c, *next;
	unsigned count = 0;
	size_t off = 0;
	int rc = 0;

	if (call->nargs && (rc = acquire(sim, call->args[0], 0, false, &img)))
		return rc;
	next = sim->certs;
	for (;;) {
		if (img) {
			struct buf der;
			long n;

			if (off >= img->len)
				break;
			buf_init(&der);
			n = image_asn1(sim, img, off, &der);
			c = n < 0 ? NULL : parse_cert((const uint8_t *)der.data,
						      der.len);
			buf_fini(&der);
			if (!c) {
				/* x509_parse() of what is not a certificate
				 * runs out of data first (oracle) */
				rc = n < 0 ? (int)n
					   : sim_err(sim, ERR_ASN1_EMPTY);
				sim_print_rc(sim,
					     "Could not parse certificate: ", rc);
				goto out;
			}
			off = (size_t)n;
			c = cert_add(sim, c);
		} else {
			c = next;
			if (!c)
				break;
			next = c->next;
		}
		if (subject && strcmp(c->name, subject) != 0)
			continue;
		switch (what) {
		case C_STAT:
			sim_printf(sim, "%s : %s%s%s\n", c->name,
				   c->fingerprint,
				   c->permanent ? " [PERMANENT]" : "",
				   c->explicit ? " [EXPLICIT]" : "");
			break;
		case C_STORE:
			c->explicit = true;
			break;
		case C_FREE:
			cert_del(sim, c);
			break;
		}
		count++;
	}
	if (subject && !count) {
		sim_printf(sim, "\"%s\" : no such certificate\n", subject);
		rc = sim_err(sim, ERR_CERT_NOT_FOUND);
	}
out:
	if (img && !call_opt(call, 'k'))
		image_free(sim, img);
	return rc;
}

int
cmd_certstat(struct sim *sim, struct call *call)
{
	return cert_command(sim, call, C_STAT);
}

int
cmd_certstore(struct sim *sim, struct call *call)
{
	return cert_command(sim, call, C_STORE);
}

int
cmd_certfree(struct sim *sim, struct call *call)
{
	return cert_command(sim, call, C_FREE);
}

/* ---------------------------------------------------------------- digests */

static const EVP_MD *
digest_of(enum cmd_id id)
{
	switch (id) {
	case CMD_md4sum:
		return EVP_md4();
	case CMD_sha1sum:
		return EVP_sha1();
	case CMD_sha224sum:
		return EVP_sha224();
	case CMD_sha256sum:
		return EVP_sha256();
	case CMD_sha384sum:
		return EVP_sha384();
	case CMD_sha512sum:
		return EVP_sha512();
	default:
		return EVP_md5();
	}
}

/* digest_exec(): print "<hex>  <name>" or store the raw digest. */
int
cmd_md5sum(struct sim *sim, struct call *call)
{
	const struct optval *set = call_opt(call, 's');
	const EVP_MD *md = digest_of(call->def->id);
	struct named n = { 0 };
	int rc = 0;

	if (set) {
		if ((rc = parse_named(sim, set->str, &n)) != 0)
			goto out;
		if (n.setting.type < 0)
			n.setting.type = TYPE_hexraw;
	}
	for (int i = 0; i < call->nargs; i++) {
		unsigned char out[EVP_MAX_MD_SIZE];
		unsigned len = 0;
		struct image *img;

		if ((rc = acquire(sim, call->args[i], 0, false, &img)) != 0)
			goto out;
		if (!EVP_Digest(img->data, img->len, out, &len, md, NULL))
			len = 0;
		if (set) {
			if ((rc = store_raw(sim, &n, out, len)) != 0)
				goto out;
		} else {
			for (unsigned j = 0; j < len; j++)
				sim_printf(sim, "%02x", out[j]);
			sim_printf(sim, "  %s\n", img->name);
		}
	}
out:
	free(n.namebuf);
	return rc;
}

/* ---------------------------------------------------------------- shim */

int
cmd_shim(struct sim *sim, struct call *call)
{
	struct image *kernel, *img = NULL;
	int rc;

	/* a dummy that ignores its arguments outside EFI (shim_cmd.c) */
	if (sim->cfg.plat != PLAT_EFI)
		return 0;
	/* no download when the selected kernel loads without a shim */
	kernel = image_selected(sim);
	if (!(kernel && kernel->type == IMGT_EFI) && call->nargs &&
	    (rc = acquire(sim, call->args[0], opt_num(call, 't'),
			  call_opt(call, 'q') != NULL, &img)) != 0)
		return rc;
	for (struct image *i = sim->images; i; i = i->next)
		i->flags &= ~IMAGE_SHIM;
	if (img)
		img->flags |= IMAGE_SHIM | IMAGE_HIDDEN;
	return 0;
}

/* ---------------------------------------------------------------- SAN */

/* san_default_drive(): the first BIOS hard disk number. */
#define SAN_DEFAULT_DRIVE 0x80

static bool
setting_set(struct sim *sim, enum set_id id)
{
	struct setting s = settings_predefined(id);

	return settings_fetch_int(sim, sim->settings, &s) != 0;
}

enum {
	NO_DESCRIBE = 1,	/* URIBOOT_NO_SAN_DESCRIBE */
	NO_BOOT = 2,		/* URIBOOT_NO_SAN_BOOT */
	NO_UNHOOK = 4,		/* URIBOOT_NO_SAN_UNHOOK */
};

/* sanboot_core_exec() and uriboot() without a filename. */
static int
san_command(struct sim *sim, struct call *call, unsigned flags,
	    unsigned no_root_flags)
{
	const struct optval *d = call_opt(call, 'd');
	unsigned drive = d ? d->num : SAN_DEFAULT_DRIVE;
	const char *filename = opt_str(call, 'f');
	int rc = 0;

	if (call_opt(call, 'k'))
		flags |= NO_UNHOOK;
	if (!call->nargs)
		flags |= no_root_flags;
	if (call->nargs) {
		/* san_hook(): no SAN target answers on the mocked network */
		struct uri *u = uri_parse(call->args[0]);

		rc = net_san_open(sim, u);
		uri_free(u);
		if (!sim_halted(sim))
			sim_print_rc(sim, "Could not open SAN device: ", rc);
		return rc;
	}
	/* san_describe() of no devices succeeds */
	if (!(flags & NO_BOOT)) {
		if (!setting_set(sim, SET_skip_san_boot)) {
			sim_printf(sim, "Booting%s%s from SAN device %#02x\n",
				   filename ? " " : "",
				   filename ? filename : "", drive);
			/* INT 13 finds no such drive to boot from */
			rc = sim_err(sim, ERR_INT13_BOOT_FAILED);
			sim_printf(sim, "Boot from SAN device %#02x failed: ",
				   drive);
			sim_print_error(sim, rc);
			sim_printf(sim, "\n");
		} else {
			sim_printf(sim, "Skipping boot from SAN device %#02x\n",
				   drive);
		}
	}
	if (!(flags & NO_UNHOOK)) {
		if (!setting_set(sim, SET_keep_san))
			sim_printf(sim, "Unregistered SAN device %#02x\n",
				   drive);
		else
			sim_printf(sim, "Preserving SAN device %#02x\n", drive);
	}
	return rc;
}

int
cmd_sanhook(struct sim *sim, struct call *call)
{
	return san_command(sim, call, NO_BOOT | NO_UNHOOK, 0);
}

int
cmd_sanboot(struct sim *sim, struct call *call)
{
	return san_command(sim, call, 0, NO_UNHOOK);
}

int
cmd_sanunhook(struct sim *sim, struct call *call)
{
	return san_command(sim, call, NO_DESCRIBE | NO_BOOT, 0);
}
