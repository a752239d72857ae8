/*
 * cmd_net.c - the network commands (spec 10.4, 10.5): the interface-list
 * family of src/hci/commands/ifmgmt_cmd.c (ifopen, ifclose, ifstat,
 * ifconf/dhcp, iflinkwait, autoboot, iwstat, iwlist, startpxe) over
 * usr/ifmgmt.c and usr/autoboot.c, pxebs, route, the VLAN commands, the
 * status commands (ibstat, nstat, ipstat), lotest, stoppxe, and the
 * services nslookup, ping and ntp, all on the mocked link of netdev.c.
 */
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "interp/expand.h"
#include "interp/explore.h"
#include "interp/image.h"
#include "interp/net.h"
#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/uri.h"
#include "parser/util.h"
#include "stdlib/types.h"

#define SEC 1024u
/* ifmgmt.c: LINK_WAIT_TIMEOUT; pinger: PING_DEFAULT_SIZE and _TIMEOUT */
#define PING_SIZE 64u
#define PING_TIMEOUT 1000u
/* dns.c and ntp.c retry timers: DNS gives up after 0.25+0.5+...+8 s
 * (six queries), NTP after 1+2+4+8 s (four requests) */
static const uint16_t dns_sched[] = { 0, 256, 768, 1792, 3840, 7936 };
#define DNS_GIVE_UP 16128u
static const uint16_t ntp_sched[] = { 0, SEC, 3 * SEC, 7 * SEC };
#define NTP_GIVE_UP (15 * SEC)
/* pxebs: tries at 0 and 1 s, moves on after 3 s (config/dhcp.h) */
static const uint16_t pxebs_sched[] = { 0, SEC };
#define PXEBS_GIVE_UP (3 * SEC + 1)
/* On-the-wire sizes of the packets (IP header included). */
#define ICMP_HDR 28u
#define NTP_LEN 76u

/* monojob_wait()'s progress: one dot a second after the "...". */
static void
progress_dots(struct sim *sim, uint64_t ticks)
{
	sim_printf(sim, "...");
	for (uint64_t t = SEC; t <= ticks; t += SEC)
		sim_printf(sim, ".");
}

static struct netdev *
nth_netdev(struct sim *sim, unsigned n)
{
	struct netdev *nd = sim->netdevs;

	while (nd && n--)
		nd = nd->next;
	return nd;
}

/* ---------------------------------------------------------------- ifcommon */

typedef int payload_fn(struct sim *sim, struct call *call,
		       struct netdev *nd);

/*
 * ifcommon_exec(): each named interface in turn (an unknown name prints
 * its message and is skipped), or every interface; the rc is that of the
 * last one tried, ENODEV when there are none.  ifconf and iflinkwait stop
 * at the first success.
 */
static int
ifcommon(struct sim *sim, struct call *call, payload_fn *fn, bool stop)
{
	int rc = 0;

	netdev_sync(sim);
	if (call->nargs) {
		for (int i = 0; i < call->nargs; i++) {
			struct netdev *nd = netdev_find(sim, call->args[i]);

			if (!nd) {
				sim_printf(sim, "\"%s\": no such network "
					   "device\n", call->args[i]);
				rc = sim_err(sim, ERR_PARSE_NO_NETDEV);
				continue;
			}
			rc = fn(sim, call, nd);
			if ((rc == 0 && stop) || sim_halted(sim))
				return rc;
		}
		return rc;
	}
	rc = sim_err(sim, ERR_IFCMD_NO_DEVICES);
	/* by position: a payload may run a script that adds devices */
	for (unsigned i = 0; nth_netdev(sim, i); i++) {
		rc = fn(sim, call, nth_netdev(sim, i));
		if ((rc == 0 && stop) || sim_halted(sim))
			return rc;
	}
	return rc;
}

/* ifstat() of usr/ifmgmt.c. */
static void
ifstat(struct sim *sim, struct netdev *nd)
{
	static const char *const what[2] = { "TXE", "RXE" };
	const struct nd_stats *st[2] = { &nd->tx, &nd->rx };
	char mac[18];

	netdev_ntoa(nd->mac, mac);
	sim_printf(sim, "%s: %s using %s on %s (Ethernet) [%s]\n"
		   "  [Link:%s, TX:%u TXE:%u RX:%u RXE:%u]\n",
		   nd->name, mac, nd->chip, nd->bus_name,
		   nd->open ? "open" : "closed", nd->link_up ? "up" : "down",
		   nd->tx.good, nd->tx.bad, nd->rx.good, nd->rx.bad);
	if (!nd->link_up) {
		sim_printf(sim, "  [Link status: ");
		sim_print_error(sim, sim_err(sim, ERR_NETDEV_LINK_DOWN));
		sim_printf(sim, "]\n");
	}
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 4; i++) {
			if (!st[k]->errors[i].count)
				continue;
			sim_printf(sim, "  [%s: %u x \"", what[k],
				   st[k]->errors[i].count);
			sim_print_error(sim, st[k]->errors[i].rc);
			sim_printf(sim, "\"]\n");
		}
}

static int
ifopen_payload(struct sim *sim, struct call *call, struct netdev *nd)
{
	(void)call;
	netdev_open(sim, nd);
	return 0;
}

static int
ifclose_payload(struct sim *sim, struct call *call, struct netdev *nd)
{
	(void)call;
	netdev_close(sim, nd);
	return 0;
}

static int
ifstat_payload(struct sim *sim, struct call *call, struct netdev *nd)
{
	(void)call;
	netdev_sync(sim);
	ifstat(sim, nd);
	return 0;
}

/* iflinkwait() of usr/ifmgmt.c: the link is up at once (a down link
 * would wait for the timeout and report "Down"). */
static int
linkwait(struct sim *sim, struct netdev *nd, bool verbose)
{
	netdev_open(sim, nd);
	if (nd->link_up && !verbose)
		return 0;
	sim_printf(sim, "Waiting for link-up on %s", nd->name);
	sim_printf(sim, "...");
	/* monojob_wait() looks at the job once a timer tick has passed */
	sim->ticks++;
	if (!nd->link_up) {
		sim_print_rc(sim, " ", sim_err(sim, ERR_NETDEV_LINK_DOWN));
		return sim_err(sim, ERR_NETDEV_LINK_DOWN);
	}
	sim_printf(sim, " ok\n");
	return 0;
}

/* ifconf() of usr/ifmgmt.c: open, configure, wait with progress. */
static int
ifconf(struct sim *sim, struct netdev *nd, const char *cfgtor,
       uint64_t timeout)
{
	uint64_t start;
	char mac[18];
	int rc;

	if ((rc = linkwait(sim, nd, false)) != 0)
		return rc;
	netdev_ntoa(nd->mac, mac);
	sim_printf(sim, "Configuring %s%s%s(%s %s)", cfgtor ? "[" : "",
		   cfgtor ? cfgtor : "", cfgtor ? "] " : "", nd->name, mac);
	start = sim->ticks;
	if (cfgtor && strcmp(cfgtor, "ipv6") == 0) {
		/* TODO(netdev): IPv6 (EFI builds) is not modelled beyond
		 * qemu answering router solicitations at once */
		rc = 0;
	} else {
		rc = netdev_dhcp(sim, nd, timeout);
	}
	progress_dots(sim, sim->ticks - start);
	if (rc)
		sim_print_rc(sim, " ", rc);
	else
		sim_printf(sim, " ok\n");
	return rc;
}

static int
ifconf_payload(struct sim *sim, struct call *call, struct netdev *nd)
{
	const struct optval *c = call_opt(call, 'c'), *t = call_opt(call, 't');
	int rc = ifconf(sim, nd, c ? c->str : NULL, t ? t->num : 0);

	/* closed on failure, "to avoid memory exhaustion" */
	if (rc)
		netdev_close(sim, nd);
	return rc;
}

static int
iflinkwait_payload(struct sim *sim, struct call *call, struct netdev *nd)
{
	int rc;

	(void)call;
	rc = linkwait(sim, nd, true);
	if (rc)
		netdev_close(sim, nd);
	return rc;
}

/* Payloads of commands that only act on other kinds of interface
 * (802.11 for iwstat and iwlist) or do nothing visible (startpxe). */
static int
quiet_payload(struct sim *sim, struct call *call, struct netdev *nd)
{
	(void)sim;
	(void)call;
	(void)nd;
	return 0;
}

int
cmd_ifopen(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, ifopen_payload, false);
}

int
cmd_ifclose(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, ifclose_payload, false);
}

int
cmd_ifstat(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, ifstat_payload, false);
}

int
cmd_ifconf(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, ifconf_payload, true);
}

int
cmd_iflinkwait(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, iflinkwait_payload, true);
}

int
cmd_iwstat(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, quiet_payload, false);
}

int
cmd_iwlist(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, quiet_payload, false);
}

int
cmd_startpxe(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, quiet_payload, false);
}

int
cmd_stoppxe(struct sim *sim, struct call *call)
{
	(void)sim;
	(void)call;
	return 0;
}

int
cmd_ibstat(struct sim *sim, struct call *call)
{
	(void)sim;
	(void)call;
	return 0;
}

/* ---------------------------------------------------------------- route */

/* route_ipv4_print() for every device, in device order. */
static void
print_routes(struct sim *sim)
{
	struct route *v;
	size_t n;

	netdev_sync(sim);
	n = netdev_routes(sim, &v);
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		for (size_t i = 0; i < n; i++) {
			const struct route *r = &v[i];
			char a[16];
			bool remote;

			if (r->nd != nd || !r->netmask)
				continue;
			remote = (r->address ^ r->network) & r->netmask;
			netdev_inet_ntoa(r->address, a);
			sim_printf(sim, "%s: %s", nd->name, a);
			if (remote) {
				netdev_inet_ntoa(r->network, a);
				sim_printf(sim, " for %s", a);
			}
			netdev_inet_ntoa(r->netmask, a);
			sim_printf(sim, "/%s", a);
			if (r->gateway) {
				netdev_inet_ntoa(r->gateway, a);
				sim_printf(sim, " gw %s", a);
			}
			/* default routes go with local subnets (upstream's
			 * test assigns the address, so any one matches) */
			for (size_t k = 0; k < n; k++) {
				if (v[k].nd != nd || v[k].netmask || remote)
					continue;
				netdev_inet_ntoa(v[k].gateway, a);
				sim_printf(sim, " gw %s", a);
			}
			if (!nd->open)
				sim_printf(sim, " (inaccessible)");
			sim_printf(sim, "\n");
		}
	}
	free(v);
}

int
cmd_route(struct sim *sim, struct call *call)
{
	(void)call;
	print_routes(sim);
	return 0;
}

/* ---------------------------------------------------------------- images */

/* imgstat() of usr/imgmgmt.c for a freshly downloaded image. */
static void
imgstat(struct sim *sim, const struct image *img)
{
	const char *type = image_type_name(img->type);

	sim_printf(sim, "%s : %zu bytes", img->name, img->len);
	if (type)
		sim_printf(sim, " [%s]", type);
	sim_printf(sim, "\n");
}

int
net_imgdownload(struct sim *sim, const struct uri *u, uint32_t timeout,
		bool quiet, struct image **out)
{
	struct uri *res = uri_resolve(sim->cwuri, u);
	char *shown = quiet ? NULL : uri_display(u);
	struct net_xfer x;
	uint64_t ticks;
	int rc;

	*out = NULL;
	/* A URI can still grow a step at a time, as in the real iPXE: a
	 * data: script that chains itself with --replace through "x/e"
	 * adds "x/" to the path on every step (docs/reliability.md).
	 * Bounded like an expansion rather than left to eat memory. */
	{
		char *text = uri_format(res);
		size_t len = strlen(text);

		free(text);
		if (len > sim->cfg.max_expand) {
			sim_halt(sim, OUT_EXPAND_LIMIT, "a URI grew past %zu "
				 "bytes", sim->cfg.max_expand);
			free(shown);
			uri_free(res);
			return sim_err(sim, ERR_JOB_CANCELLED);
		}
	}
	net_fetch(sim, res, &x);
	if (sim->hooks)
		explore_xfer(sim, res, &x);
	rc = x.rc;
	if (!x.started) {
		/* create_downloader() failed: no progress line at all */
		sim_print_rc(sim, "Could not start download: ", rc);
		goto out;
	}
	if (shown)
		sim_printf(sim, "%s", shown);
	if (x.ticks == NET_FOREVER && !timeout) {
		/* the real iPXE waits until Ctrl-C */
		if (shown)
			sim_printf(sim, "...");
		sim_halt(sim, OUT_WAITING, "download of %s never ends",
			 shown ? shown : "an image");
		rc = sim_err(sim, ERR_JOB_CANCELLED);
		goto out;
	}
	/* monojob_wait(): with no progress, --timeout ends the transfer
	 * before the display of that tick */
	ticks = x.ticks;
	if (timeout && ticks >= timeout) {
		ticks = timeout;
		rc = sim_err(sim, ERR_JOB_TIMEOUT);
	}
	if (shown)
		progress_dots(sim, timeout && ticks == timeout ? ticks - 1
							      : ticks);
	sim->ticks += ticks;
	if (shown) {
		if (rc)
			sim_print_rc(sim, " ", rc);
		else
			sim_printf(sim, " ok\n");
	}
	if (!rc) {
		*out = image_new_at(sim, uri_image_name(res), x.data.data,
				    x.data.len, res);
		image_register(sim, *out);
	}
out:
	net_xfer_fini(&x);
	free(shown);
	uri_free(res);
	return rc;
}

/* ---------------------------------------------------------------- autoboot */

/* A string setting fetched from the root, expanded; NULL when unset. */
static char *
fetch_expanded(struct sim *sim, enum set_id id, struct sblock **origin)
{
	struct setting s = settings_predefined(id);
	struct buf raw;
	char *text = NULL;

	buf_init(&raw);
	if (settings_fetch(sim, sim->settings, &s, origin, NULL, &raw) >= 0) {
		/* fetch_string_setting_copy(): up to the first NUL */
		char *copy = xstrndup(raw.data ? raw.data : "", raw.len);

		text = sim_expand(sim, copy, strlen(copy));
		free(copy);
	}
	buf_fini(&raw);
	return text;
}

/* uriboot() for a filename and/or a root path (no SAN target ever
 * answers, so a root path fails to hook). */
static int
uriboot(struct sim *sim, struct uri *filename, struct uri *root_path)
{
	struct image *img;
	int rc = 0;

	if (root_path) {
		rc = net_san_open(sim, root_path);
		sim_print_rc(sim, "Could not open SAN device: ", rc);
		return rc;
	}
	if ((rc = net_imgdownload(sim, filename, 0, false, &img)) != 0)
		return rc;
	imgstat(sim, img);
	img->flags |= IMAGE_AUTOFREE;
	rc = image_exec(sim, img);
	if (sim_halted(sim))
		return rc;
	if (rc)
		sim_print_rc(sim, "Could not boot image: ", rc);
	else
		sim_printf(sim, "\n");
	return rc;
}

/* netboot() of usr/autoboot.c. */
static int
autoboot_payload(struct sim *sim, struct call *call, struct netdev *nd)
{
	struct uri *filename = NULL, *root_path = NULL;
	struct sblock *origin = NULL;
	char *text;
	int rc;

	(void)call;
	for (unsigned i = 0; nth_netdev(sim, i); i++)
		if (nth_netdev(sim, i) != nd)
			netdev_close(sim, nth_netdev(sim, i));
	netdev_open(sim, nd);
	ifstat(sim, nd);
	if ((rc = ifconf(sim, nd, NULL, 0)) != 0)
		return rc;
	print_routes(sim);
	/* the filename, with the next-server of the same block */
	text = fetch_expanded(sim, SET_filename, &origin);
	if (text) {
		uint32_t ns = netdev_fetch_ipv4(sim, origin, SET_next_server);
		char server[16] = "";

		if (ns) {
			netdev_inet_ntoa(ns, server);
			sim_printf(sim, "Next server: %s\n", server);
		}
		if (text[0])
			sim_printf(sim, "Filename: %s\n", text);
		filename = uri_pxe(ns ? server : NULL, 0, text);
		free(text);
	}
	text = fetch_expanded(sim, SET_root_path, NULL);
	if (text) {
		if (text[0])
			sim_printf(sim, "Root path: %s\n", text);
		root_path = uri_parse(text);
		free(text);
	}
	text = fetch_expanded(sim, SET_san_filename, NULL);
	if (text) {
		if (text[0])
			sim_printf(sim, "SAN filename: %s\n", text);
		free(text);
	}
	if (filename && root_path && !root_path->scheme) {
		/* an NFS root, say: ignored next to a filename */
		sim_printf(sim, "Ignoring unsupported root path\n");
		uri_free(root_path);
		root_path = NULL;
	}
	if (!filename && !root_path) {
		rc = sim_err(sim, ERR_AUTOBOOT_NOTHING);
		sim_print_rc(sim, "Nothing to boot: ", rc);
	} else {
		rc = uriboot(sim, filename, root_path);
	}
	uri_free(filename);
	uri_free(root_path);
	return rc;
}

int
cmd_autoboot(struct sim *sim, struct call *call)
{
	return ifcommon(sim, call, autoboot_payload, false);
}

/* ---------------------------------------------------------------- pxebs */

int
cmd_pxebs(struct sim *sim, struct call *call)
{
	struct netdev *nd = netdev_find(sim, call->args[0]);
	uint64_t start;
	uint32_t type;
	int rc;

	if (!nd) {
		sim_printf(sim, "\"%s\": no such network device\n",
			   call->args[0]);
		return sim_err(sim, ERR_PARSE_NO_NETDEV);
	}
	if ((rc = sim_parse_integer(sim, call->args[1], &type)) != 0)
		return rc;
	netdev_sync(sim);
	sim_printf(sim, "PXEBS (%s type %d)", nd->name, (int)type);
	/* no boot server answers: broadcast tries, then it gives up */
	start = sim->ticks;
	for (size_t i = 0; i < sizeof(pxebs_sched) / sizeof(pxebs_sched[0]);
	     i++) {
		sim->ticks = start + pxebs_sched[i];
		netdev_sync(sim);
		netdev_tx(sim, nd->open && nd->trunk ? nd->trunk : nd, 0);
	}
	sim->ticks = start + PXEBS_GIVE_UP;
	netdev_sync(sim);
	progress_dots(sim, sim->ticks - start);
	rc = sim_err(sim, ERR_DHCP_TIMEOUT);
	sim_print_rc(sim, " ", rc);
	sim_printf(sim, "Could not discover boot server on %s: ", nd->name);
	sim_print_error(sim, rc);
	sim_printf(sim, "\n");
	return rc;
}

/* ---------------------------------------------------------------- VLAN */

int
cmd_vcreate(struct sim *sim, struct call *call)
{
	const struct optval *t = call_opt(call, 't'), *p = call_opt(call, 'p');
	struct netdev *trunk = netdev_find(sim, call->args[0]);
	int rc;

	if (!trunk) {
		sim_printf(sim, "\"%s\": no such network device\n",
			   call->args[0]);
		return sim_err(sim, ERR_PARSE_NO_NETDEV);
	}
	netdev_sync(sim);
	rc = netdev_vlan_create(sim, trunk, t ? t->num : 0, p ? p->num : 0);
	if (rc)
		sim_print_rc(sim, "Could not create VLAN device: ", rc);
	return rc;
}

int
cmd_vdestroy(struct sim *sim, struct call *call)
{
	struct netdev *nd = netdev_find(sim, call->args[0]);
	int rc;

	if (!nd) {
		sim_printf(sim, "\"%s\": no such network device\n",
			   call->args[0]);
		return sim_err(sim, ERR_PARSE_NO_NETDEV);
	}
	rc = netdev_vlan_destroy(sim, nd);
	if (rc)
		sim_print_rc(sim, "Could not destroy VLAN device: ", rc);
	return rc;
}

/* ---------------------------------------------------------------- status */

/* nstat() of usr/neighmgmt.c: the cache, most recently used first. */
int
cmd_nstat(struct sim *sim, struct call *call)
{
	uint64_t last = UINT64_MAX;

	(void)call;
	netdev_sync(sim);
	for (;;) {
		const struct neighbour *best = NULL;
		const struct netdev *bnd = NULL;
		char ip[16], mac[18];

		for (struct netdev *nd = sim->netdevs; nd; nd = nd->next)
			for (struct neighbour *n = nd->neighbours; n;
			     n = n->next)
				if (n->used < last &&
				    (!best || n->used > best->used)) {
					best = n;
					bnd = nd;
				}
		if (!best)
			return 0;
		last = best->used;
		netdev_inet_ntoa(best->ip, ip);
		netdev_ntoa(best->mac, mac);
		sim_printf(sim, "%s IP %s is Ethernet %s%s\n", bnd->name, ip,
			   best->complete ? mac : "(incomplete)",
			   best->complete ? "" : " (ARP)");
	}
}

int
cmd_ipstat(struct sim *sim, struct call *call)
{
	struct ip_stats zero = { 0 };
	const struct ip_stats *s = sim->netdevs ? &sim->netdevs->ips : &zero;

	(void)call;
	netdev_sync(sim);
	sim_printf(sim, "IP version 4:\n"
		   "  InReceives:%lu InMcastPkts:0 InBcastPkts:%lu "
		   "InOctets:%lu\n"
		   "  InHdrErrors:0 InAddrErrors:0 InUnknownProtos:0 "
		   "InTruncatedPkts:0\n"
		   "  ReasmReqds:0 ReasmOKs:0 ReasmFails:0\n"
		   "  InDelivers:%lu OutRequests:%lu OutNoRoutes:%lu\n"
		   "  OutTransmits:%lu OutMcastPkts:0 OutBcastPkts:%lu "
		   "OutOctets:%lu\n",
		   s->in_receives, s->in_bcast, s->in_octets, s->in_delivers,
		   s->out_requests, s->out_no_routes, s->out_transmits,
		   s->out_bcast, s->out_octets);
	sim_printf(sim, "TCP:\n"
		   "  InSegs:0 InOctets:0 InOctetsGood:0\n"
		   "  InDiscards:0 InOutOfOrder:0\n");
	return 0;
}

/* loopback_test() of usr/lotest.c: the e1000 never hears itself, so the
 * test waits for its first packet until Ctrl-C (and then succeeds). */
int
cmd_lotest(struct sim *sim, struct call *call)
{
	const struct optval *m = call_opt(call, 'm');
	struct netdev *tx = netdev_find(sim, call->args[0]), *rx;
	uint32_t mtu = m && m->num ? m->num : 1500;

	if (!tx) {
		sim_printf(sim, "\"%s\": no such network device\n",
			   call->args[0]);
		return sim_err(sim, ERR_PARSE_NO_NETDEV);
	}
	rx = netdev_find(sim, call->args[1]);
	if (!rx) {
		sim_printf(sim, "\"%s\": no such network device\n",
			   call->args[1]);
		return sim_err(sim, ERR_PARSE_NO_NETDEV);
	}
	netdev_open(sim, tx);
	netdev_open(sim, rx);
	if (mtu < 4)
		mtu = 4;
	sim_printf(sim, "Performing %sloopback test from %s to %s with %u "
		   "byte MTU\n", call_opt(call, 'b') ? "broadcast " : "",
		   tx->name, rx->name, mtu);
	ifstat(sim, tx);
	ifstat(sim, rx);
	sim_printf(sim, "\r0");
	netdev_tx(sim, tx->trunk ? tx->trunk : tx, 0);
	for (;;) {
		int key = sim_getkey(sim, 0);

		if (sim_halted(sim))
			return 0;
		if (key == 0x03)
			break;
	}
	sim_printf(sim, "\n");
	netdev_sync(sim);
	ifstat(sim, tx);
	ifstat(sim, rx);
	return 0;
}

/* ---------------------------------------------------------------- names */

/*
 * resolv(): a literal IPv4 address at once, else DNS through the `dns`
 * servers, none of which answers on the mocked network.  Returns 0 with
 * *ip, or the rc.
 */
static int
resolve(struct sim *sim, const char *name, uint32_t *ip)
{
	struct setting s = settings_predefined(SET_dns);
	struct buf raw;
	uint32_t server = 0;
	uint64_t start;
	size_t qlen;
	int len;

	if (netdev_inet_aton(name, ip))
		return 0;
	buf_init(&raw);
	len = settings_fetch(sim, sim->settings, &s, NULL, NULL, &raw);
	if (len >= 4)
		server = (uint32_t)(uint8_t)raw.data[0] << 24 |
			 (uint32_t)(uint8_t)raw.data[1] << 16 |
			 (uint32_t)(uint8_t)raw.data[2] << 8 |
			 (uint8_t)raw.data[3];
	buf_fini(&raw);
	if (len < 4)
		return sim_err(sim, ERR_DNS_NO_NAMESERVER);
	/* dns_encode(): labels of 1 to 63 bytes */
	for (const char *p = name; *p;) {
		size_t label = strcspn(p, ".");

		if (label == 0 || label > 63)
			return sim_err(sim, ERR_DNS_BAD_NAME);
		p += label;
		if (*p)
			p++;
	}
	qlen = 20 + 8 + 12 + strlen(name) + 2 + 4;
	start = sim->ticks;
	for (size_t i = 0; i < sizeof(dns_sched) / sizeof(dns_sched[0]); i++) {
		sim->ticks = start + dns_sched[i];
		netdev_ip_send(sim, server, qlen, NULL);
	}
	sim->ticks = start + DNS_GIVE_UP;
	netdev_sync(sim);
	return sim_err(sim, ERR_DNS_TIMEOUT);
}

int
cmd_nslookup(struct sim *sim, struct call *call)
{
	const char *name = call->args[1];
	struct setting s;
	struct sblock *b;
	uint8_t addr[4];
	uint32_t ip;
	char *nb = NULL;
	int rc;

	rc = resolve(sim, name, &ip);
	if (rc == 0)
		rc = settings_parse_name(sim, call->args[0], true, &b, &s,
					 &nb);
	if (rc == 0) {
		/* raw bytes, typed ipv4 unless the name says otherwise */
		if (s.type < 0)
			s.type = TYPE_ipv4;
		addr[0] = (uint8_t)(ip >> 24);
		addr[1] = (uint8_t)(ip >> 16);
		addr[2] = (uint8_t)(ip >> 8);
		addr[3] = (uint8_t)ip;
		rc = settings_store(sim, b, &s, addr, 4);
	}
	free(nb);
	if (rc) {
		sim_printf(sim, "Could not resolve %s: ", name);
		sim_print_error(sim, rc);
		sim_printf(sim, "\n");
	}
	return rc;
}

/* ---------------------------------------------------------------- ping */

/* pinger.c: one echo request per timeout period; a reply ends the
 * period's wait, a missing one is reported when the period expires. */
int
cmd_ping(struct sim *sim, struct call *call)
{
	const struct optval *o;
	uint32_t size = PING_SIZE, timeout = PING_TIMEOUT, count = 0, dst;
	bool quiet = call_opt(call, 'q') != NULL, any = false;
	uint64_t start;
	int rc;

	if ((o = call_opt(call, 's')))
		size = o->num;
	if ((o = call_opt(call, 't')))
		timeout = o->num;
	if ((o = call_opt(call, 'c')))
		count = o->num;
	if (!timeout) {
		rc = sim_err(sim, ERR_PING_BAD_TIMEOUT);
		sim_print_rc(sim, "Could not start ping: ", rc);
		return rc;
	}
	rc = resolve(sim, call->args[0], &dst);
	start = sim->ticks;
	for (uint32_t seq = 1; rc == 0; seq++) {
		struct netdev *via = NULL;
		char peer[16];

		sim->ticks = start + (uint64_t)(seq - 1) * timeout;
		if (netdev_ip_send(sim, dst, ICMP_HDR + size, &via)) {
			netdev_ip_rx(sim, via, ICMP_HDR + size, false);
			any = true;
			netdev_inet_ntoa(dst, peer);
			if (!quiet)
				sim_printf(sim, "%u bytes from %s: seq=%u\n",
					   size, peer, seq);
			if (count && seq == count)
				break;
		} else if (!quiet) {
			sim_printf(sim, "0 bytes from <none>: seq=%u: ", seq);
			sim_print_error(sim, sim_err(sim, ERR_PING_TIMEOUT));
			sim_printf(sim, "\n");
		}
		if (count && seq == count) {
			sim->ticks = start + (uint64_t)seq * timeout;
			rc = any ? 0 : sim_err(sim, ERR_PING_TIMEOUT);
			break;
		}
		if (!count) {
			/* pinging until Ctrl-C: keys are read meanwhile */
			int key;

			if (sim->keys_eof && !sim->npending) {
				sim_halt(sim, OUT_WAITING, "ping runs until "
					 "Ctrl-C");
				return 0;
			}
			key = sim_getkey(sim, timeout);
			if (key == 0x03)
				rc = sim_err(sim, ERR_JOB_CANCELLED);
		}
	}
	netdev_sync(sim);
	if (rc && !quiet)
		sim_print_rc(sim, "Finished: ", rc);
	return rc;
}

/* ---------------------------------------------------------------- ntp */

int
cmd_ntp(struct sim *sim, struct call *call)
{
	uint32_t server;
	uint64_t start;
	int rc;

	rc = resolve(sim, call->args[0], &server);
	if (rc == 0) {
		/* nobody answers NTP on qemu's restricted network */
		start = sim->ticks;
		for (size_t i = 0; i < sizeof(ntp_sched) / sizeof(ntp_sched[0]);
		     i++) {
			sim->ticks = start + ntp_sched[i];
			netdev_ip_send(sim, server, NTP_LEN, NULL);
		}
		sim->ticks = start + NTP_GIVE_UP;
		netdev_sync(sim);
		rc = sim_err(sim, ERR_NTP_TIMEOUT);
	}
	sim_print_rc(sim, "Could not get time and date: ", rc);
	return rc;
}
