/*
 * net.c - the mocked network (docs/simulator.md "Network").  Opening a URI
 * goes through the steps of xfer_open_uri() and the protocol's opener:
 * scheme, the opener's own checks (refusals before the transfer starts),
 * name resolution, routing over the configured interfaces, then whatever
 * answers at the host.  Served folders answer for every reachable host;
 * without one, the host 10.0.2.2 answers as qemu's user network does.
 */
#include "interp/net.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interp/memo.h"
#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/uri.h"

/*
 * How long a protocol keeps retrying a host that never answers: iPXE's
 * retry timer starts at 1/4 s and doubles up to the 10 s maximum, so TFTP
 * and TCP give up after 0 + 256 + 512 + ... + 8192 ticks (src/net/retry.c;
 * the oracle's TFTP timeouts take about 16 s).
 */
#define NO_ANSWER_TICKS 16128

/* Largest file a served folder hands out (a BIOS machine has 256 MiB). */
#define MAX_FILE ((size_t)256 << 20)

/* What kind of opener a scheme has. */
enum proto {
	P_DATA,		/* core/datauri.c */
	P_HTTP,		/* http, https: net/tcp/httpcore.c */
	P_FTP,		/* net/tcp/ftp.c */
	P_TFTP,		/* tftp, tftm, mtftp: net/udp/tftp.c */
	P_NFS,		/* net/oncrpc/nfs_open.c */
	P_TCP,		/* raw tcp: net/tcp.c */
	P_UDP,		/* raw udp: net/udp.c */
	P_ISCSI,	/* net/tcp/iscsi.c */
	P_AOE,		/* net/aoe.c */
	P_IB_SRP,	/* net/infiniband/ib_srp.c */
};

/* Which builds link an opener (enum build_set bits of the real builds). */
#define ALL (BUILDS_BIOS | BUILDS_EFI | BUILDS_FULL)

static const struct scheme {
	const char *name;
	enum proto proto;
	unsigned builds;
} schemes[] = {
	{ "data", P_DATA, ALL },
	{ "http", P_HTTP, ALL },
	/* DOWNLOAD_PROTO_HTTPS is undefined for PLATFORM_pcbios */
	{ "https", P_HTTP, BUILDS_EFI },
	{ "ftp", P_FTP, BUILDS_FULL },
	{ "tftp", P_TFTP, ALL },
	{ "tftm", P_TFTP, ALL },
	{ "mtftp", P_TFTP, ALL },
	{ "nfs", P_NFS, BUILDS_FULL },
	{ "tcp", P_TCP, ALL },
	{ "udp", P_UDP, ALL },
	{ "iscsi", P_ISCSI, ALL },
	{ "aoe", P_AOE, ALL },
	{ "ib_srp", P_IB_SRP, ALL },
};

static const struct scheme *
find_scheme(const struct sim *sim, const char *name)
{
	/* the platform's default build, plus the oracle's extras when the
	 * full build is simulated (ipxe-full.lkrn is a BIOS build) */
	unsigned build = sim->cfg.plat == PLAT_EFI ? BUILDS_EFI : BUILDS_BIOS;

	if (sim->cfg.build == SIMB_FULL)
		build |= BUILDS_FULL;
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if ((schemes[i].builds & build) &&
		    strcasecmp(schemes[i].name, name) == 0)
			return &schemes[i];
	return NULL;
}

/* ---------------------------------------------------------------- routes */

static uint32_t
fetch_ipv4(struct sim *sim, struct sblock *b, enum set_id id)
{
	struct setting s = settings_predefined(id);
	struct buf raw;
	uint32_t a = 0;

	buf_init(&raw);
	if (settings_fetch(sim, b, &s, NULL, NULL, &raw) >= 4)
		a = (uint32_t)(uint8_t)raw.data[0] << 24 |
		    (uint32_t)(uint8_t)raw.data[1] << 16 |
		    (uint32_t)(uint8_t)raw.data[2] << 8 |
		    (uint8_t)raw.data[3];
	buf_fini(&raw);
	return a;
}

/* ipv4_create_routes(): the default netmask is the address's class. */
static uint32_t
class_mask(uint32_t ip)
{
	if (!(ip & 0x80000000u))
		return 0xff000000u;
	if (!(ip & 0x40000000u))
		return 0xffff0000u;
	return 0xffffff00u;
}

/* Whether any open interface has an IPv4 address (a miniroute). */
static bool
is_configured(struct sim *sim)
{
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next)
		if (nd->open && nd->block &&
		    fetch_ipv4(sim, nd->block, SET_ip))
			return true;
	return false;
}

/*
 * ipv4_route(): an open interface whose subnet holds dst, or one with a
 * gateway.  *server tells whether dst is that interface's DHCP server
 * (qemu's 10.0.2.2, the only host of the oracle's network).
 */
static bool
route(struct sim *sim, uint32_t dst, bool *server)
{
	*server = false;
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		uint32_t ip, mask, gw;

		if (!nd->open || !nd->block)
			continue;
		ip = fetch_ipv4(sim, nd->block, SET_ip);
		if (!ip)
			continue;
		mask = fetch_ipv4(sim, nd->block, SET_netmask);
		if (!mask)
			mask = class_mask(ip);
		gw = fetch_ipv4(sim, nd->block, SET_gateway);
		if ((dst & mask) == (ip & mask) || gw) {
			*server = nd->dhcp &&
				  dst == ((uint32_t)nd->server[0] << 24 |
					  (uint32_t)nd->server[1] << 16 |
					  (uint32_t)nd->server[2] << 8 |
					  nd->server[3]);
			return true;
		}
	}
	return false;
}

/* inet_aton() as iPXE has it: exactly four decimal parts of 0-255. */
static bool
parse_ipv4(const char *s, uint32_t *out)
{
	uint32_t a = 0;

	for (int i = 0; i < 4; i++) {
		unsigned long v;
		char *end;

		if (!isdigit((unsigned char)*s))
			return false;
		v = strtoul(s, &end, 10);
		if (v > 255 || (i < 3 ? *end != '.' : *end != '\0'))
			return false;
		a = a << 8 | (uint32_t)v;
		s = end + 1;
	}
	*out = a;
	return true;
}

/* ---------------------------------------------------------------- files */

/* Percent-decodes text (a --map remainder) into a new string. */
static char *
decode(const char *text)
{
	struct buf b;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (const char *p = text; *p; p++) {
		if (p[0] == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			char hex[3] = { p[1], p[2], 0 };

			buf_addc(&b, (char)strtoul(hex, NULL, 16));
			p += 2;
		} else {
			buf_addc(&b, *p);
		}
	}
	return buf_steal(&b);
}

/* Where a URI is served from: a folder and the path inside it. */
struct origin {
	const char *dir;	/* NULL: no served folder answers */
	char *path;		/* decoded, as the server receives it */
	bool declared;		/* --map or a host folder: always reachable */
	char *hostdir;		/* storage for a host folder's name */
};

/* Whether path is a folder (once per path with the explorer's memo). */
static bool
is_dir(struct sim *sim, const char *path)
{
	struct stat st;
	const void *data;
	size_t len, n = strlen(path);
	char *key;
	int res;

	if (!sim->memo)
		return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	key = xmalloc(n + 1);
	key[0] = 'D';
	memcpy(key + 1, path, n);
	if (!sim_memo_get(sim->memo, key, n + 1, &res, &data, &len)) {
		res = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		sim_memo_put(sim->memo, key, n + 1, res, NULL, 0);
	}
	free(key);
	return res;
}

static void
find_origin(struct sim *sim, const struct uri *u, struct origin *o)
{
	char *shown = uri_display(u);

	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < sim->cfg.nmaps; i++) {
		const struct sim_map *m = &sim->cfg.maps[i];
		size_t n = strlen(m->prefix);

		if (strncmp(shown, m->prefix, n) == 0) {
			o->dir = m->dir;
			o->path = decode(shown + n);
			o->declared = true;
			free(shown);
			return;
		}
	}
	free(shown);
	if (!sim->cfg.root)
		return;
	o->dir = sim->cfg.root;
	o->path = xstrdup(u->path ? u->path : "");
	if (u->host && u->host[0] && !strchr(u->host, '/') &&
	    strcmp(u->host, ".") != 0 && strcmp(u->host, "..") != 0) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "%s/%s", sim->cfg.root, u->host);
		if (is_dir(sim, b.data)) {
			o->hostdir = buf_steal(&b);
			o->dir = o->hostdir;
			o->declared = true;
		}
		buf_fini(&b);
	}
}

static void
origin_fini(struct origin *o)
{
	free(o->path);
	free(o->hostdir);
}

/* What a served folder answers for a request. */
enum lookup { FOUND, MISSING, REFUSED };

/*
 * Reads dir/rel into out.  rel must stay inside dir: a ".." element is
 * REFUSED when strict (qemu's TFTP server refuses such names), otherwise
 * it is resolved as an HTTP server would and MISSING above the top; the
 * real path of the file must lie inside the real path of dir, so a
 * symbolic link pointing out is MISSING too.  Only regular files exist.
 */
static enum lookup
read_served(const char *dir, const char *rel, bool strict, struct buf *out)
{
	char *copy = xstrdup(rel), *save = NULL, *elem;
	char top[PATH_MAX], real[PATH_MAX];
	enum lookup res = MISSING;
	struct buf path;
	char **parts = NULL;
	size_t nparts = 0, cap = 0;
	struct stat st;
	int fd;

	buf_init(&path);
	for (elem = strtok_r(copy, "/", &save); elem;
	     elem = strtok_r(NULL, "/", &save)) {
		if (strcmp(elem, ".") == 0)
			continue;
		if (strcmp(elem, "..") == 0) {
			if (strict) {
				res = REFUSED;
				goto out;
			}
			if (!nparts)
				goto out;
			nparts--;
			continue;
		}
		parts = xgrow(parts, &cap, nparts + 1, sizeof(*parts));
		parts[nparts++] = elem;
	}
	if (!nparts || !realpath(dir, top))
		goto out;
	buf_adds(&path, top);
	for (size_t i = 0; i < nparts; i++)
		buf_printf(&path, "/%s", parts[i]);
	if (!realpath(path.data, real))
		goto out;
	{
		size_t n = strlen(top);

		if (strncmp(real, top, n) != 0 ||
		    (real[n] != '/' && !(n == 1 && top[0] == '/')))
			goto out;
	}
	fd = open(real, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		goto out;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size <= MAX_FILE) {
		char chunk[65536];
		ssize_t n;

		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			buf_add(out, chunk, (size_t)n);
		res = n == 0 ? FOUND : MISSING;
	}
	close(fd);
out:
	free(parts);
	free(copy);
	buf_fini(&path);
	return res;
}

/*
 * read_served() through sim->memo when the explorer set one: the same
 * file is read by run after run, and the folders do not change while it
 * runs (memo.h).
 */
static enum lookup
served(struct sim *sim, const char *dir, const char *rel, bool strict,
       struct buf *out)
{
	struct buf key;
	const void *data;
	size_t len, mark = out->len;
	enum lookup res;
	int got;

	if (!sim->memo)
		return read_served(dir, rel, strict, out);
	buf_init(&key);
	buf_addc(&key, strict ? 'S' : 's');
	buf_add(&key, dir, strlen(dir) + 1);
	buf_add(&key, rel, strlen(rel));
	if (sim_memo_get(sim->memo, key.data, key.len, &got, &data, &len)) {
		buf_add(out, data, len);
		res = (enum lookup)got;
	} else {
		res = read_served(dir, rel, strict, out);
		sim_memo_put(sim->memo, key.data, key.len, (int)res,
			     out->len > mark ? out->data + mark : "",
			     out->len - mark);
	}
	buf_fini(&key);
	return res;
}

/* ---------------------------------------------------------------- fetch */

static void
fail_start(struct sim *sim, struct net_xfer *x, enum err_id id)
{
	x->started = false;
	x->rc = sim_err(sim, id);
}

static void
fail_after(struct sim *sim, struct net_xfer *x, enum err_id id,
	   uint64_t ticks)
{
	x->rc = sim_err(sim, id);
	x->ticks = ticks;
}

/* The opener's own checks, before anything is sent. */
static bool
opener_refuses(struct sim *sim, enum proto p, const struct uri *u,
	       struct net_xfer *x)
{
	switch (p) {
	case P_TFTP:
		/* tftp_core_open(): a host and an absolute path */
		if (!u->host || !u->path || u->path[0] != '/') {
			fail_start(sim, x, ERR_TFTP_BAD_URI);
			return true;
		}
		break;
	case P_HTTP:
		if (!u->host) {
			fail_start(sim, x, ERR_HTTP_NO_HOST);
			return true;
		}
		break;
	case P_FTP:
		/* ftp_open(): host, path, and a printable path */
		if (!u->host || !u->path) {
			fail_start(sim, x, ERR_FTP_BAD_URI);
			return true;
		}
		for (const char *c = u->path; *c; c++)
			if (!isprint((unsigned char)*c)) {
				fail_start(sim, x, ERR_FTP_BAD_URI);
				return true;
			}
		break;
	case P_NFS:
		if (!u->host || !u->path) {
			fail_start(sim, x, ERR_NFS_BAD_URI);
			return true;
		}
		break;
	case P_TCP:
	case P_UDP:
		if (!u->host) {
			fail_start(sim, x, ERR_TCP_BAD_URI);
			return true;
		}
		break;
	case P_AOE:
		/* AoE needs an open interface; on one, nobody ever answers
		 * its queries (the oracle waits forever) */
		for (struct netdev *nd = sim->netdevs; nd; nd = nd->next)
			if (nd->open) {
				x->ticks = NET_FOREVER;
				return true;
			}
		fail_start(sim, x, ERR_AOE_NO_DEVICE);
		return true;
	case P_IB_SRP:
		/* there is no Infiniband device to parse the path against */
		fail_start(sim, x, ERR_IB_SRP_BAD_ROOT);
		return true;
	case P_DATA:
	case P_ISCSI:
		break;
	}
	return false;
}

/* The host an iSCSI root path names ("iscsi:server:proto:port:lun:iqn"). */
static char *
iscsi_host(const struct uri *u)
{
	const char *op = u->opaque ? u->opaque : "";
	const char *colon = strchr(op, ':');

	return colon ? xstrndup(op, (size_t)(colon - op)) : xstrdup(op);
}

/* Nobody answers at a reachable host: what each protocol then reports. */
static void
no_server(struct sim *sim, enum proto p, bool qemu_host, struct net_xfer *x)
{
	if (p == P_TFTP) {
		/* qemu answers every TFTP request with "access violation"
		 * when it serves no folder; other hosts never answer */
		if (qemu_host)
			fail_after(sim, x, ERR_TFTP_ACCESS_DENIED, 0);
		else
			fail_after(sim, x, ERR_TFTP_TIMEOUT, NO_ANSWER_TICKS);
	} else if (p == P_UDP) {
		x->ticks = NET_FOREVER;
	} else if (qemu_host) {
		/* qemu resets connections to ports nobody listens on */
		fail_after(sim, x, ERR_TCP_RESET, 0);
	} else {
		fail_after(sim, x, ERR_TCP_TIMEOUT, NO_ANSWER_TICKS);
	}
}

/* net_fetch(), and net_san_open() with serve false: the served folders
 * hold files, and no SAN target listens behind them. */
static void
fetch(struct sim *sim, const struct uri *u, bool serve, struct net_xfer *x)
{
	const struct scheme *sc;
	struct origin o;
	const char *host;
	char *hostbuf = NULL;
	bool reachable, qemu_host = false;
	uint32_t addr;

	memset(x, 0, sizeof(*x));
	x->started = true;
	buf_init(&x->data);
	/* xfer_open_uri(): an absolute URI with a known scheme */
	if (!u->scheme) {
		fail_start(sim, x, ERR_OPEN_NOT_ABSOLUTE);
		return;
	}
	sc = find_scheme(sim, u->scheme);
	if (!sc) {
		fail_start(sim, x, ERR_OPEN_UNKNOWN_SCHEME);
		return;
	}
	if (sc->proto == P_DATA) {
		switch (uri_data_decode(u, &x->data)) {
		case URI_DATA_OK:
			if (!serve)
				fail_start(sim, x, ERR_BLOCKDEV_NO_CAPACITY);
			break;
		case URI_DATA_EINVAL:
			fail_start(sim, x, ERR_DATAURI_BAD);
			break;
		case URI_DATA_EBASE64:
			fail_start(sim, x, ERR_BASE64_BAD);
			break;
		}
		return;
	}
	if (!serve && sc->proto != P_HTTP && sc->proto != P_ISCSI &&
	    sc->proto != P_AOE && sc->proto != P_IB_SRP) {
		/* a SAN device first asks for its capacity, which only the
		 * block protocols answer (block_read_capacity(), oracle) */
		if (!opener_refuses(sim, sc->proto, u, x))
			fail_start(sim, x, ERR_BLOCKDEV_NO_CAPACITY);
		return;
	}
	if (opener_refuses(sim, sc->proto, u, x))
		return;

	host = u->host;
	if (sc->proto == P_ISCSI)
		host = hostbuf = iscsi_host(u);
	find_origin(sim, u, &o);
	if (!serve || sc->proto == P_TCP || sc->proto == P_UDP ||
	    sc->proto == P_ISCSI || sc->proto == P_NFS) {
		/* the served folders hold files, not these services */
		origin_fini(&o);
		memset(&o, 0, sizeof(o));
	}

	/* name resolution, then a route */
	if (parse_ipv4(host, &addr)) {
		reachable = (o.declared && is_configured(sim)) ||
			    route(sim, addr, &qemu_host);
	} else if (o.dir && is_configured(sim)) {
		/* the mocked DNS knows every host a served folder answers
		 * for; the oracle's DHCP gives no name server at all */
		reachable = true;
	} else if (sc->proto == P_TFTP) {
		/* TFTP retries through a failed name resolution until its
		 * timer gives up (oracle) */
		fail_after(sim, x, ERR_TFTP_TIMEOUT, NO_ANSWER_TICKS);
		goto out;
	} else {
		fail_after(sim, x, ERR_DNS_NO_NAMESERVER, 0);
		goto out;
	}
	if (!reachable) {
		if (sc->proto == P_TFTP)
			/* UDP sends fail quietly: TFTP retries until its
			 * timer gives up */
			fail_after(sim, x, ERR_TFTP_TIMEOUT, NO_ANSWER_TICKS);
		else if (sc->proto == P_UDP)
			x->ticks = NET_FOREVER;
		else
			fail_after(sim, x, ERR_TCP_NO_ROUTE, 0);
		goto out;
	}
	if (!o.dir) {
		no_server(sim, sc->proto, qemu_host, x);
		goto out;
	}

	switch (sc->proto) {
	case P_TFTP: {
		/* tftp_send_rrq() drops the path's leading '/'; qemu refuses
		 * an empty name and any ".." element, and looks a name that
		 * is still absolute up below its folder too (oracle) */
		const char *name = o.declared && o.path[0] != '/'
			? o.path : o.path + 1;

		if (!*name) {
			fail_after(sim, x, ERR_TFTP_ACCESS_DENIED, 0);
			break;
		}
		switch (served(sim, o.dir, name, true, &x->data)) {
		case FOUND:
			break;
		case MISSING:
			fail_after(sim, x, ERR_TFTP_NOT_FOUND, 0);
			break;
		case REFUSED:
			fail_after(sim, x, ERR_TFTP_ACCESS_DENIED, 0);
			break;
		}
		break;
	}
	case P_HTTP:
	case P_FTP:
		if (served(sim, o.dir, o.path, false, &x->data) != FOUND)
			fail_after(sim, x, sc->proto == P_HTTP
				   ? ERR_HTTP_404 : ERR_FTP_FAILED, 0);
		break;
	default:
		no_server(sim, sc->proto, qemu_host, x);
		break;
	}
out:
	if (x->rc)
		buf_reset(&x->data);
	origin_fini(&o);
	free(hostbuf);
}

void
net_fetch(struct sim *sim, const struct uri *u, struct net_xfer *x)
{
	fetch(sim, u, true, x);
}

void
net_xfer_fini(struct net_xfer *x)
{
	buf_fini(&x->data);
}

int
net_san_open(struct sim *sim, const struct uri *u)
{
	struct net_xfer x;
	int rc;

	/* a SAN device opens its root path as a download would, and fails
	 * the same way when nothing listens */
	fetch(sim, u, false, &x);
	rc = x.rc;
	if (!rc && x.ticks == NET_FOREVER) {
		sim_halt(sim, OUT_WAITING, "the SAN target never answers");
	} else {
		if (!rc)
			rc = sim_err(sim, ERR_TCP_RESET);
		sim->ticks += x.ticks;
	}
	net_xfer_fini(&x);
	return rc;
}
