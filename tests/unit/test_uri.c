/*
 * test_uri.c - URI parsing, formatting and resolution against every
 * vector of upstream src/tests/uri_test.c and datauri_test.c, the tables
 * of spec 8.2, 8.4, 8.5, 8.7, and facts checked with the real iPXE
 * (marked oracle-verified: tools/ipxe-oracle, ipxe-full.lkrn).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "interp/uri.h"
#include "parser/util.h"

/* The fields a parse should give (NULL: absent). */
struct want {
	const char *scheme, *opaque, *user, *password, *host, *port;
	const char *path, *epath, *equery, *efragment;
};

static void
expect_str(const char *what, const char *text, const char *got,
	   const char *want)
{
	if (!want)
		cr_assert_null(got, "%s of \"%s\": got \"%s\", want NULL",
			       what, text, got);
	else
		cr_assert(got && strcmp(got, want) == 0,
			  "%s of \"%s\": got %s%s%s, want \"%s\"", what, text,
			  got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
			  want);
}

static void
expect_fields(const char *text, const struct uri *u, const struct want *w)
{
	expect_str("scheme", text, u->scheme, w->scheme);
	expect_str("opaque", text, u->opaque, w->opaque);
	expect_str("user", text, u->user, w->user);
	expect_str("password", text, u->password, w->password);
	expect_str("host", text, u->host, w->host);
	expect_str("port", text, u->port, w->port);
	expect_str("path", text, u->path, w->path);
	expect_str("epath", text, u->epath, w->epath);
	expect_str("equery", text, u->equery, w->equery);
	expect_str("efragment", text, u->efragment, w->efragment);
}

/* A struct uri pointing at w's strings, for formatting tests. */
static struct uri
uri_of(const struct want *w)
{
	struct uri u = {
		.scheme = (char *)w->scheme,
		.opaque = (char *)w->opaque,
		.user = (char *)w->user,
		.password = (char *)w->password,
		.host = (char *)w->host,
		.port = (char *)w->port,
		.path = (char *)w->path,
		.epath = (char *)w->epath,
		.equery = (char *)w->equery,
		.efragment = (char *)w->efragment,
	};
	return u;
}

static void
expect_parse(const char *text, const struct want *w)
{
	struct uri *u = uri_parse(text);

	cr_assert_not_null(u);
	expect_fields(text, u, w);
	uri_free(u);
}

/* uri_parse_format_dup_ok(): parse, format the expected fields back to
 * the text, and a copy keeps every field. */
static void
expect_round_trip(const char *text, const struct want *w)
{
	struct uri u = uri_of(w);
	struct uri *d = uri_dup(&u);
	char *s = uri_format(&u);

	expect_parse(text, w);
	cr_assert_str_eq(s, text);
	expect_fields(text, d, w);
	free(s);
	uri_free(d);
}

static char *
resolve_text(const char *base, const char *rel)
{
	struct uri *b = base ? uri_parse(base) : NULL;
	struct uri *r = uri_parse(rel);
	struct uri *res = uri_resolve(b, r);
	char *s = uri_format(res);

	uri_free(res);
	uri_free(r);
	uri_free(b);
	return s;
}

static void
expect_resolve(const char *base, const char *rel, const char *want)
{
	char *s = resolve_text(base, rel);

	cr_assert_str_eq(s, want, "\"%s\" + \"%s\": got \"%s\", want \"%s\"",
			 base ? base : "(none)", rel, s, want);
	free(s);
}

/* uri_resolve_path_ok(): as paths, then as URIs (paths are URIs). */
static void
expect_resolve_path(const char *base, const char *rel, const char *want)
{
	char *s = uri_resolve_path(base, rel);

	cr_assert_str_eq(s, want);
	free(s);
	expect_resolve(base, rel, want);
}

static void
expect_name(const char *text, const char *want)
{
	struct uri *u = uri_parse(text);

	expect_str("image name", text, uri_image_name(u), want);
	uri_free(u);
}

static void
expect_display(const char *text, const char *want)
{
	struct uri *u = uri_parse(text);
	char *s = uri_display(u);

	cr_assert_str_eq(s, want, "display of \"%s\": got \"%s\", want \"%s\"",
			 text, s, want);
	free(s);
	uri_free(u);
}

static void
expect_data(const char *text, const void *want, size_t len)
{
	struct uri *u = uri_parse(text);
	struct buf b;

	buf_init(&b);
	cr_assert_eq(uri_data_decode(u, &b), URI_DATA_OK, "%s failed", text);
	cr_assert_eq(b.len, len, "%s: %zu bytes, want %zu", text, b.len, len);
	cr_assert(len == 0 || memcmp(b.data, want, len) == 0, "%s: bytes",
		  text);
	buf_fini(&b);
	uri_free(u);
}

#define EXPECT_DATA(text, lit) expect_data((text), (lit), sizeof(lit) - 1)

static void
expect_data_fails(const char *text, enum uri_data_rc want)
{
	struct uri *u = uri_parse(text);
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "keep");
	cr_assert_eq(uri_data_decode(u, &b), want, "%s", text);
	cr_assert_str_eq(b.data, "keep", "output changed on failure");
	buf_fini(&b);
	uri_free(u);
}

/* ---------------------------------------------------------------- parsing
 * Upstream uri_test.c, uri_parse_format_dup_ok() and uri_parse_ok(). */

Test(uri, empty_text_has_no_fields)
{
	expect_round_trip("", &(struct want){ 0 });
}

Test(uri, basic_http_uri_splits_into_scheme_host_and_path)
{
	expect_round_trip("http://boot.ipxe.org/demo/boot.php",
			  &(struct want){ .scheme = "http",
					  .host = "boot.ipxe.org",
					  .path = "/demo/boot.php",
					  .epath = "/demo/boot.php" });
}

Test(uri, mailto_is_opaque)
{
	expect_round_trip("mailto:ipxe-devel@lists.ipxe.org",
			  &(struct want){
				  .scheme = "mailto",
				  .opaque = "ipxe-devel@lists.ipxe.org" });
}

Test(uri, host_only_uri_has_no_path)
{
	expect_round_trip("http://boot.ipxe.org",
			  &(struct want){ .scheme = "http",
					  .host = "boot.ipxe.org" });
}

Test(uri, absolute_path_alone_is_a_relative_uri)
{
	expect_round_trip("/var/lib/tftpboot/pxelinux.0",
			  &(struct want){
				  .path = "/var/lib/tftpboot/pxelinux.0",
				  .epath = "/var/lib/tftpboot/pxelinux.0" });
}

Test(uri, path_is_decoded_but_epath_kept_as_written)
{
	expect_round_trip("/hello%20world%3F",
			  &(struct want){ .path = "/hello world?",
					  .epath = "/hello%20world%3F" });
}

Test(uri, http_uri_with_all_the_trimmings)
{
	expect_round_trip(
		"http://anon:password@example.com:3001/~foo/cgi-bin/foo.pl"
		"?a=b&c=d#bit",
		&(struct want){ .scheme = "http",
				.user = "anon",
				.password = "password",
				.host = "example.com",
				.port = "3001",
				.path = "/~foo/cgi-bin/foo.pl",
				.epath = "/~foo/cgi-bin/foo.pl",
				.equery = "a=b&c=d",
				.efragment = "bit" });
}

Test(uri, query_and_fragment_keep_their_escapes)
{
	expect_round_trip(
		"https://test.ipxe.org/wtf%3F%0A?kind%23of/uri%20is#this%3F",
		&(struct want){ .scheme = "https",
				.host = "test.ipxe.org",
				.path = "/wtf?\n",
				.epath = "/wtf%3F%0A",
				.equery = "kind%23of/uri%20is",
				.efragment = "this%3F" });
}

Test(uri, improper_escapes_are_accepted_when_parsing)
{
	expect_parse("https://test%2eipxe.org/wt%66%3f\n?kind%23of/uri is"
		     "#this?",
		     &(struct want){ .scheme = "https",
				     .host = "test.ipxe.org",
				     .path = "/wtf?\n",
				     .epath = "/wt%66%3f\n",
				     .equery = "kind%23of/uri is",
				     .efragment = "this?" });
}

Test(uri, ipv6_literal_host_keeps_its_colons)
{
	expect_round_trip("http://[2001:ba8:0:1d4::6950:5845]/",
			  &(struct want){
				  .scheme = "http",
				  .host = "[2001:ba8:0:1d4::6950:5845]",
				  .path = "/",
				  .epath = "/" });
}

Test(uri, ipv6_literal_host_may_have_a_port)
{
	expect_round_trip("http://[2001:ba8:0:1d4::6950:5845]:8001/boot",
			  &(struct want){
				  .scheme = "http",
				  .host = "[2001:ba8:0:1d4::6950:5845]",
				  .port = "8001",
				  .path = "/boot",
				  .epath = "/boot" });
}

Test(uri, ipv6_link_local_zone_is_decoded)
{
	expect_round_trip("http://[fe80::69ff:fe50:5845%25net0]/ipxe",
			  &(struct want){
				  .scheme = "http",
				  .host = "[fe80::69ff:fe50:5845%net0]",
				  .path = "/ipxe",
				  .epath = "/ipxe" });
}

Test(uri, ipv6_zone_with_a_bare_percent_is_accepted)
{
	expect_parse("http://[fe80::69ff:fe50:5845%net0]/ipxe",
		     &(struct want){ .scheme = "http",
				     .host = "[fe80::69ff:fe50:5845%net0]",
				     .path = "/ipxe",
				     .epath = "/ipxe" });
}

Test(uri, iscsi_uri_is_opaque_and_keeps_colons)
{
	expect_round_trip(
		"iscsi:10.253.253.1::::iqn.2010-04.org.ipxe:rabbit",
		&(struct want){ .scheme = "iscsi",
				.opaque = "10.253.253.1::::"
					  "iqn.2010-04.org.ipxe:rabbit" });
}

Test(uri, file_uri_with_relative_path_is_opaque)
{
	expect_round_trip("file:boot/script.ipxe",
			  &(struct want){ .scheme = "file",
					  .opaque = "boot/script.ipxe" });
}

Test(uri, file_uri_with_absolute_path_has_no_host)
{
	expect_round_trip("file:/boot/script.ipxe",
			  &(struct want){ .scheme = "file",
					  .path = "/boot/script.ipxe",
					  .epath = "/boot/script.ipxe" });
}

Test(uri, file_uri_with_volume_name_has_a_host)
{
	expect_round_trip("file://hpilo/boot/script.ipxe",
			  &(struct want){ .scheme = "file",
					  .host = "hpilo",
					  .path = "/boot/script.ipxe",
					  .epath = "/boot/script.ipxe" });
}

Test(uri, colons_after_a_slash_are_part_of_the_path)
{
	const char *p = "/boot/52:54:00:12:34:56/boot.ipxe";

	expect_round_trip(p, &(struct want){ .path = p, .epath = p });
}

/* ------------------------------------------------- parsing: spec 8.4 */

Test(uri, text_with_digits_before_the_colon_has_no_scheme)
{
	/* spec 8.4: letters, '-' and '_' only (2022+) */
	expect_parse("52:54:00:12:34:56",
		     &(struct want){ .path = "52:54:00:12:34:56",
				     .epath = "52:54:00:12:34:56" });
}

Test(uri, digit_scheme_is_a_relative_path_on_the_real_ipxe)
{
	/* oracle-verified: after dhcp, "imgfetch 1a:top.ipxe" prints
	 * "1a:top.ipxe... Not found": fetched as tftp://10.0.2.2/1a:... */
	expect_parse("1a:top.ipxe", &(struct want){ .path = "1a:top.ipxe",
						    .epath = "1a:top.ipxe" });
	expect_resolve("tftp://10.0.2.2/", "1a:top.ipxe",
		       "tftp://10.0.2.2/1a:top.ipxe");
	expect_display("1a:top.ipxe", "1a:top.ipxe");
}

Test(uri, scheme_may_contain_dashes_and_underscores)
{
	expect_parse("x-y_z:abc", &(struct want){ .scheme = "x-y_z",
						  .opaque = "abc" });
}

Test(uri, empty_text_before_a_colon_is_an_empty_scheme)
{
	/* parse_uri()'s scan accepts zero scheme characters */
	expect_parse(":foo", &(struct want){ .scheme = "", .opaque = "foo" });
	expect_parse("://h/x", &(struct want){ .scheme = "",
					       .host = "h",
					       .path = "/x",
					       .epath = "/x" });
}

Test(uri, tftp_without_slash_is_opaque)
{
	/* oracle-verified: "imgfetch tftp:top.ipxe" fails with Invalid
	 * argument from tftp.c (an opaque TFTP URI), not Not found */
	expect_parse("tftp:top.ipxe", &(struct want){ .scheme = "tftp",
						      .opaque = "top.ipxe" });
}

Test(uri, scheme_with_one_slash_is_hierarchical_without_host)
{
	expect_round_trip("http:/x", &(struct want){ .scheme = "http",
						     .path = "/x",
						     .epath = "/x" });
}

Test(uri, three_slashes_give_an_empty_host)
{
	expect_round_trip("http:///x", &(struct want){ .scheme = "http",
						       .host = "",
						       .path = "/x",
						       .epath = "/x" });
}

Test(uri, first_hash_starts_the_fragment)
{
	expect_parse("http://h/a#b#c?d",
		     &(struct want){ .scheme = "http",
				     .host = "h",
				     .path = "/a",
				     .epath = "/a",
				     .efragment = "b#c?d" });
}

Test(uri, opaque_part_keeps_its_question_mark)
{
	expect_parse("data:,a?b#c", &(struct want){ .scheme = "data",
						    .opaque = ",a?b",
						    .efragment = "c" });
}

Test(uri, query_ends_at_the_fragment_not_at_a_slash)
{
	expect_parse("http://h?x/y", &(struct want){ .scheme = "http",
						     .host = "h",
						     .equery = "x/y" });
}

Test(uri, first_at_sign_ends_the_user_and_last_colon_starts_the_port)
{
	expect_parse("ftp://a:b:c@d@h:1:2/p",
		     &(struct want){ .scheme = "ftp",
				     .user = "a",
				     .password = "b:c",
				     .host = "d@h:1",
				     .port = "2",
				     .path = "/p",
				     .epath = "/p" });
}

Test(uri, network_path_without_scheme_is_a_path)
{
	/* spec 8.4 table: "//host/x" is not a network-path reference */
	expect_parse("//10.0.2.2:8731/x",
		     &(struct want){ .path = "//10.0.2.2:8731/x",
				     .epath = "//10.0.2.2:8731/x" });
}

Test(uri, user_and_password_are_decoded_and_reencoded)
{
	/* oracle-verified: ${cwuri} inside tftp://u%40x:p%3Aw@10.0.2.%32/
	 * sub/h.ipxe?a=%20b#c%20d printed the text below */
	const char *text = "tftp://u%40x:p%3Aw@10.0.2.%32/sub/h.ipxe"
			   "?a=%20b#c%20d";
	struct uri *u = uri_parse(text);
	char *s = uri_format(u);

	expect_fields(text, u,
		      &(struct want){ .scheme = "tftp",
				      .user = "u@x",
				      .password = "p:w",
				      .host = "10.0.2.2",
				      .path = "/sub/h.ipxe",
				      .epath = "/sub/h.ipxe",
				      .equery = "a=%20b",
				      .efragment = "c%20d" });
	cr_assert_str_eq(s, "tftp://u%40x:p%3Aw@10.0.2.2/sub/h.ipxe"
			    "?a=%20b#c%20d");
	free(s);
	uri_free(u);
}

/* ------------------------------------------------ percent-decoding */

Test(uri, percent_decoding_follows_ipxe_strtoul)
{
	/* oracle-verified (image bytes and names by imgstat):
	 * "%-1" is 0xff (strtoul's sign), "%g" and "%%" stay literal,
	 * "%4" at the end is 0x04, "%-z" is a NUL that ends the field */
	EXPECT_DATA("data:,%-1x", "\xffx");
	EXPECT_DATA("data:,%g", "%g");
	EXPECT_DATA("data:,%%41", "%A");
	EXPECT_DATA("data:,%4", "\x04");
	EXPECT_DATA("data:,%-z", "");
	EXPECT_DATA("data:,%23", "#");
	EXPECT_DATA("data:,a%2525", "a%25");
}

Test(uri, percent_decoding_skips_whitespace_before_digits)
{
	/* iPXE's strtoul skips isspace() before the digits */
	expect_parse("/a% 4b", &(struct want){ .path = "/a\x04" "b",
					       .epath = "/a% 4b" });
	expect_parse("/a%+41", &(struct want){ .path = "/a\x04" "1",
					       .epath = "/a%+41" });
}

Test(uri, percent_0x_is_not_a_hex_prefix)
{
	/* strtoul(..., 16) takes "0x" as "0", then stops at 'x' */
	expect_parse("/%0x41", &(struct want){ .path = "/",
					       .epath = "/%0x41" });
}

/* --------------------------------------------------------- params */

Test(uri, default_params_marker_is_cut_off)
{
	struct uri *u = uri_parse("http://boot.ipxe.org/demo/boot.php##params");

	expect_fields("##params", u,
		      &(struct want){ .scheme = "http",
				      .host = "boot.ipxe.org",
				      .path = "/demo/boot.php",
				      .epath = "/demo/boot.php" });
	cr_assert(u->has_params);
	cr_assert_null(u->params);
	uri_free(u);
}

Test(uri, named_params_marker_gives_the_list_name)
{
	struct uri *u =
		uri_parse("http://192.168.100.4:3001/register##params=foo");

	expect_fields("##params=foo", u,
		      &(struct want){ .scheme = "http",
				      .host = "192.168.100.4",
				      .port = "3001",
				      .path = "/register",
				      .epath = "/register" });
	cr_assert(u->has_params);
	cr_assert_str_eq(u->params, "foo");
	uri_free(u);
}

Test(uri, params_marker_without_equals_means_the_default_list)
{
	/* upstream uri_invalid_named_params expects the unnamed list */
	struct uri *u = uri_parse("http://boot.ipxe.org/register##paramsXfoo");

	expect_fields("##paramsXfoo", u,
		      &(struct want){ .scheme = "http",
				      .host = "boot.ipxe.org",
				      .path = "/register",
				      .epath = "/register" });
	cr_assert(u->has_params);
	cr_assert_null(u->params);
	uri_free(u);
}

Test(uri, params_marker_is_cut_before_the_fragment)
{
	struct uri *u = uri_parse("/x#f##params=a#b");

	expect_fields("/x#f##params=a#b", u,
		      &(struct want){ .path = "/x",
				      .epath = "/x",
				      .efragment = "f" });
	cr_assert_str_eq(u->params, "a#b");
	uri_free(u);
}

Test(uri, copy_keeps_the_params_list)
{
	struct uri *u = uri_parse("/x##params=foo");
	struct uri *d = uri_dup(u);

	cr_assert(d->has_params);
	cr_assert_str_eq(d->params, "foo");
	uri_free(d);
	uri_free(u);
}

Test(uri, resolution_takes_params_from_whatever_part_rel_supplies)
{
	struct uri *base = uri_parse("http://h/a?q##params=b");
	struct uri *rel;
	struct uri *res;

	cr_assert(base->has_params);
	/* a path without params drops the base's list */
	rel = uri_parse("x");
	res = uri_resolve(base, rel);
	cr_assert_not(res->has_params);
	uri_free(res);
	uri_free(rel);
	/* params alone replace only the list */
	rel = uri_parse("##params=r");
	res = uri_resolve(base, rel);
	cr_assert_str_eq(res->params, "r");
	cr_assert_str_eq(res->equery, "q");
	uri_free(res);
	uri_free(rel);
	/* the empty URI keeps everything */
	rel = uri_parse("");
	res = uri_resolve(base, rel);
	cr_assert(res->has_params);
	cr_assert_str_eq(res->params, "b");
	uri_free(res);
	uri_free(rel);
	uri_free(base);
}

/* ------------------------------------------------------------ ports */

Test(uri, explicit_port_is_used)
{
	struct uri *u = uri_parse("http://192.168.0.1:8080/boot.php");

	cr_assert_eq(uri_port(u, 80), 8080);
	uri_free(u);
}

Test(uri, missing_port_gives_the_default)
{
	struct uri *u = uri_parse("http://192.168.0.1/boot.php");

	cr_assert_eq(uri_port(u, 80), 80);
	cr_assert_eq(uri_port(NULL, 69), 69);
	uri_free(u);
}

Test(uri, port_is_read_with_automatic_base)
{
	/* uri_port() is strtoul(port, NULL, 0) */
	struct uri *u = uri_parse("http://h:0x1f90/");

	cr_assert_eq(uri_port(u, 80), 8080);
	uri_free(u);
	u = uri_parse("http://h:010/");
	cr_assert_eq(uri_port(u, 80), 8);
	uri_free(u);
}

/* -------------------------------------------------- path resolution
 * Upstream uri_resolve_path_ok(): resolve_path(), then as URIs. */

Test(uri, sibling_path_replaces_the_last_component)
{
	expect_resolve_path("/etc/passwd", "group", "/etc/group");
}

Test(uri, leading_dot_and_dotdot_elements_are_processed)
{
	expect_resolve_path("/var/lib/tftpboot/pxe/pxelinux.0",
			    "./../ipxe/undionly.kpxe",
			    "/var/lib/tftpboot/ipxe/undionly.kpxe");
}

Test(uri, dotdot_alone_gives_a_directory)
{
	expect_resolve_path("/test/cgi-bin.pl/boot.ipxe", "..", "/test/");
}

Test(uri, excessive_dotdot_stops_at_the_root)
{
	expect_resolve_path("/var/lib/tftpboot/ipxe.pxe",
			    "../../../../../../../foo", "/foo");
}

Test(uri, absolute_path_replaces_the_base_path)
{
	expect_resolve_path("/var/lib/tftpboot", "/etc/hostname",
			    "/etc/hostname");
}

Test(uri, dot_elements_after_the_first_name_are_kept)
{
	/* oracle-verified: "imgfetch sub/./../top.ipxe" asked the TFTP
	 * server for /sub/./../top.ipxe (refused: Permission denied) */
	expect_resolve_path("/", "sub/./../top.ipxe", "/sub/./../top.ipxe");
	expect_resolve_path("/", "./sub/../top.ipxe", "/sub/../top.ipxe");
}

Test(uri, names_that_only_start_with_dots_are_names)
{
	expect_resolve_path("/a/b", ".hidden", "/a/.hidden");
	expect_resolve_path("/a/b", "...", "/a/...");
	expect_resolve_path("/a/b", "../..x", "/..x");
}

Test(uri, base_without_slash_resolves_below_dot)
{
	/* dirname("name") is "." */
	char *s = uri_resolve_path("name", "x");

	cr_assert_str_eq(s, "./x");
	free(s);
	s = uri_resolve_path("", "x");
	cr_assert_str_eq(s, "./x");
	free(s);
}

/* --------------------------------------------------- URI resolution
 * Upstream uri_resolve_ok() and the table of spec 8.4. */

Test(uri, relative_name_drops_the_base_query)
{
	expect_resolve(
		"http://boot.ipxe.org/demo/boot.php?vendor=10ec&device=8139",
		"initrd.img", "http://boot.ipxe.org/demo/initrd.img");
}

Test(uri, absolute_uri_replaces_everything)
{
	expect_resolve("http://boot.ipxe.org/demo/boot.php",
		       "ftp://192.168.0.1/boot.ipxe",
		       "ftp://192.168.0.1/boot.ipxe");
}

Test(uri, absolute_path_drops_the_base_fragment)
{
	expect_resolve("http://boot.ipxe.org/demo/boot.php#test",
		       "/demo/vmlinuz", "http://boot.ipxe.org/demo/vmlinuz");
}

Test(uri, query_alone_replaces_the_query)
{
	expect_resolve("http://10.253.253.1/test.pl?mac=02-00-69-50-58-45",
		       "?mac=00-1f-16-bc-fe-2f",
		       "http://10.253.253.1/test.pl?mac=00-1f-16-bc-fe-2f");
}

Test(uri, fragment_alone_replaces_the_fragment)
{
	expect_resolve("http://192.168.0.254/test#foo", "#bar",
		       "http://192.168.0.254/test#bar");
}

Test(uri, fragment_alone_keeps_the_base_query)
{
	expect_resolve("http://h/test?q#foo", "#bar", "http://h/test?q#bar");
}

Test(uri, query_alone_drops_the_base_fragment)
{
	expect_resolve("http://h/test?q#foo", "?r", "http://h/test?r");
}

Test(uri, empty_relative_uri_gives_the_base)
{
	expect_resolve("http://192.168.0.1/path/to/me", "",
		       "http://192.168.0.1/path/to/me");
	expect_resolve("http://h/p?q#f", "", "http://h/p?q#f");
}

Test(uri, dot_gives_the_base_directory)
{
	expect_resolve("http://192.168.0.1/path/to/me", ".",
		       "http://192.168.0.1/path/to/");
}

Test(uri, dotdot_with_query_resolves_from_the_directory)
{
	/* spec 8.4 table [verified] */
	expect_resolve("http://h:8731/sub/h.ipxe", "../other.txt?x=1",
		       "http://h:8731/other.txt?x=1");
}

Test(uri, network_path_reference_is_appended_as_a_path)
{
	/* spec 8.4 table [verified]; oracle-verified again with TFTP:
	 * "chain //10.0.2.2/top.ipxe" printed "//10.0.2.2/top.ipxe... Not
	 * found" */
	expect_resolve("http://h:8731/sub/h.ipxe", "//10.0.2.2:8731/x",
		       "http://h:8731//10.0.2.2:8731/x");
}

Test(uri, relative_uri_without_base_is_kept_as_is)
{
	/* spec 8.4: no working URI, the relative URI is used as is */
	expect_resolve(NULL, "sub/x.ipxe?q", "sub/x.ipxe?q");
	expect_resolve(NULL, "", "");
}

Test(uri, base_without_path_resolves_from_the_root)
{
	expect_resolve("http://host", "x", "http://host/x");
	expect_resolve("http://host?q", "?r", "http://host?r");
}

Test(uri, resolved_path_is_decoded_again)
{
	struct uri *b = uri_parse("http://h/a%20b/c");
	struct uri *r = uri_parse("d%2Fe");
	struct uri *res = uri_resolve(b, r);

	cr_assert_str_eq(res->epath, "/a%20b/d%2Fe");
	cr_assert_str_eq(res->path, "/a b/d/e");
	uri_free(res);
	uri_free(r);
	uri_free(b);
}

Test(uri, base_user_and_port_are_kept)
{
	/* oracle-verified: in a script chained from
	 * tftp://u%40x:p%3Aw@10.0.2.2/sub/h.ipxe?..., "chain sub.ipxe" ran
	 * with ${cwuri} = tftp://u%40x:p%3Aw@10.0.2.2/sub/sub.ipxe */
	expect_resolve("tftp://u%40x:p%3Aw@10.0.2.2/sub/h.ipxe?a=%20b#c%20d",
		       "sub.ipxe", "tftp://u%40x:p%3Aw@10.0.2.2/sub/sub.ipxe");
}

Test(uri, working_uri_follows_a_sequence_of_changes)
{
	/* upstream uri_churi: each step resolves against the last */
	static const char *const steps[][2] = {
		{ "http://boot.ipxe.org/demo/boot.php",
		  "http://boot.ipxe.org/demo/boot.php" },
		{ "?vendor=10ec&device=8139",
		  "http://boot.ipxe.org/demo/boot.php"
		  "?vendor=10ec&device=8139" },
		{ "fedora/fedora.ipxe",
		  "http://boot.ipxe.org/demo/fedora/fedora.ipxe" },
		{ "vmlinuz", "http://boot.ipxe.org/demo/fedora/vmlinuz" },
		{ "http://local/boot/initrd.img",
		  "http://local/boot/initrd.img" },
		{ "modules/8139too.ko",
		  "http://local/boot/modules/8139too.ko" },
	};
	struct uri *cwuri = NULL;
	struct uri *rel;
	struct uri *next;
	char *s;
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		rel = uri_parse(steps[i][0]);
		next = uri_resolve(cwuri, rel);
		uri_free(cwuri);
		uri_free(rel);
		cwuri = next;
		s = uri_format(cwuri);
		cr_assert_str_eq(s, steps[i][1], "step %zu", i);
		free(s);
	}
	uri_free(cwuri);
}

/* ---------------------------------------------- formatting: cwuri */

Test(uri, null_uri_formats_as_empty_text)
{
	char *s = uri_format(NULL);

	cr_assert_str_eq(s, "");
	free(s);
}

Test(uri, cwuri_after_dhcp_and_chaining_a_relative_script)
{
	/* oracle-verified (--tftp): after dhcp ${cwuri} and ${cwduri} are
	 * tftp://10.0.2.2/; inside "chain sub/h.ipxe" they are
	 * tftp://10.0.2.2/sub/h.ipxe and tftp://10.0.2.2/sub/ */
	struct uri *cw = uri_parse("tftp://10.0.2.2/");
	struct uri *rel = uri_parse("sub/h.ipxe");
	struct uri *in = uri_resolve(cw, rel);
	char *s;

	s = uri_format(cw);
	cr_assert_str_eq(s, "tftp://10.0.2.2/");
	free(s);
	s = uri_format_dir(cw);
	cr_assert_str_eq(s, "tftp://10.0.2.2/");
	free(s);
	s = uri_format(in);
	cr_assert_str_eq(s, "tftp://10.0.2.2/sub/h.ipxe");
	free(s);
	s = uri_format_dir(in);
	cr_assert_str_eq(s, "tftp://10.0.2.2/sub/");
	free(s);
	uri_free(in);
	uri_free(rel);
	uri_free(cw);
}

Test(uri, cwduri_drops_query_and_fragment)
{
	/* oracle-verified: ${cwduri} was tftp://u%40x:p%3Aw@10.0.2.2/sub/ */
	struct uri *cw = uri_parse("tftp://u%40x:p%3Aw@10.0.2.2/sub/h.ipxe"
				   "?a=%20b#c%20d");
	char *s = uri_format_dir(cw);

	cr_assert_str_eq(s, "tftp://u%40x:p%3Aw@10.0.2.2/sub/");
	free(s);
	uri_free(cw);
}

Test(uri, cwduri_of_a_data_uri_appends_a_slash)
{
	/* oracle-verified: a script run by "chain data:;base64,Iy..."
	 * printed ${cwduri} as its own URI followed by "/" */
	struct uri *cw = uri_parse("data:;base64,IyFpcHhl");
	char *s = uri_format(cw);

	cr_assert_str_eq(s, "data:;base64,IyFpcHhl");
	free(s);
	s = uri_format_dir(cw);
	cr_assert_str_eq(s, "data:;base64,IyFpcHhl/");
	free(s);
	uri_free(cw);
}

Test(uri, cwduri_of_a_host_only_uri_is_the_root)
{
	struct uri *cw = uri_parse("http://host?q");
	char *s = uri_format_dir(cw);

	cr_assert_str_eq(s, "http://host/");
	free(s);
	uri_free(cw);
}

Test(uri, decoded_fields_are_escaped_per_field)
{
	struct uri u = { .scheme = "s",
			 .user = "a b/",
			 .password = "p@",
			 .host = "h:1%",
			 .port = "9",
			 .path = "/x y#:@?/",
			 .equery = "q r",
			 .efragment = "f\t" };
	char *s = uri_format(&u);

	cr_assert_str_eq(s, "s://a%20b%2F:p%40@h:1%25:9/x%20y%23%3A%40%3F/"
			    "?q%20r#f%09");
	free(s);
}

Test(uri, uristring_field_escapes_everything_special)
{
	struct buf b;

	buf_init(&b);
	uri_encode(&b, URI_SCHEME, "a b/#:@?=&+%~\0", 14);
	cr_assert_str_eq(b.data, "a%20b%2F%23%3A%40%3F%3D%26%2B%25~%00");
	buf_fini(&b);
}

Test(uri, high_bytes_are_escaped_as_sign_extended_hex)
{
	/* oracle-verified: "imgfetch data:,%C3" printed
	 * "data:,%FFFFFFC3... ok" */
	struct buf b;

	buf_init(&b);
	uri_encode(&b, URI_EPATH, "\xc3" "a", 2);
	cr_assert_str_eq(b.data, "%FFFFFFC3a");
	buf_fini(&b);
}

/* ------------------------------------------------ PXE boot filenames
 * Upstream uri_pxe_ok(). */

static void
expect_pxe(const char *server, unsigned port, const char *filename,
	   const struct want *w, const char *text)
{
	struct uri *u = uri_pxe(server, port, filename);
	char *s;

	cr_assert_not_null(u);
	expect_fields(filename, u, w);
	s = uri_format(u);
	cr_assert_str_eq(s, text);
	free(s);
	uri_free(u);
}

Test(uri, pxe_filename_that_is_a_uri_is_used_as_is)
{
	expect_pxe("192.168.0.3", 0, "http://not.a.tftp/uri",
		   &(struct want){ .scheme = "http",
				   .host = "not.a.tftp",
				   .path = "/uri",
				   .epath = "/uri" },
		   "http://not.a.tftp/uri");
}

Test(uri, pxe_absolute_path_gets_a_second_slash)
{
	expect_pxe("192.168.0.2", 0, "/absolute/path",
		   &(struct want){ .scheme = "tftp",
				   .host = "192.168.0.2",
				   .path = "//absolute/path",
				   .epath = "//absolute/path" },
		   "tftp://192.168.0.2//absolute/path");
}

Test(uri, pxe_relative_path_goes_below_the_root)
{
	expect_pxe("192.168.0.3", 0, "relative/path",
		   &(struct want){ .scheme = "tftp",
				   .host = "192.168.0.3",
				   .path = "/relative/path",
				   .epath = "/relative/path" },
		   "tftp://192.168.0.3/relative/path");
}

Test(uri, pxe_filename_keeps_drive_letters_and_hashes)
{
	expect_pxe("10.0.0.6", 0, "C:\\tftpboot\\icky#path",
		   &(struct want){ .scheme = "tftp",
				   .host = "10.0.0.6",
				   .path = "/C:\\tftpboot\\icky#path",
				   .epath = "/C:\\tftpboot\\icky#path" },
		   "tftp://10.0.0.6/C:\\tftpboot\\icky#path");
}

Test(uri, pxe_server_port_is_kept)
{
	expect_pxe("192.168.0.1", 4069, "/another/path",
		   &(struct want){ .scheme = "tftp",
				   .host = "192.168.0.1",
				   .port = "4069",
				   .path = "//another/path",
				   .epath = "//another/path" },
		   "tftp://192.168.0.1:4069//another/path");
}

Test(uri, pxe_empty_filename_gives_no_uri)
{
	cr_assert_null(uri_pxe("10.0.2.2", 0, ""));
	cr_assert_null(uri_pxe("10.0.2.2", 0, NULL));
}

/* ---------------------------------------------- image names: 8.2 */

Test(uri, image_name_is_the_last_path_component)
{
	/* spec 8.2 */
	expect_name("http://h/boot/vmlinuz?x=1", "vmlinuz");
	expect_name("tftp://h/a/", "");
	expect_name("relative", "relative");
}

Test(uri, image_name_of_an_opaque_uri_comes_from_the_opaque_part)
{
	/* spec 8.2 [verified]; the rest oracle-verified with imgstat */
	expect_name("data:text/plain,hi", "plain,hi");
	expect_name("data:,a/", "");
	expect_name("data:,a%2Fb", "b");
	expect_name("data:text/plain,a?b#c", "plain,a?b");
	expect_name("data:x;base64;y,QQ==", "x;base64;y,QQ==");
	expect_name("data:;base64,QQ==", ";base64,QQ==");
}

Test(uri, image_name_uses_the_decoded_path)
{
	/* oracle-verified: tftp://10.0.2.2/top%2eipxe is "top.ipxe" */
	expect_name("tftp://10.0.2.2/top%2eipxe", "top.ipxe");
}

Test(uri, uri_without_path_or_opaque_part_has_no_name)
{
	/* spec 8.2: the caller numbers it img0, img1, ... */
	expect_name("http://host", NULL);
	expect_name("http://host?x=1", NULL);
	expect_name("", NULL);
}

Test(uri, image_name_comes_from_the_resolved_uri)
{
	/* "imgfetch ?x=1" with cwuri tftp://10.0.2.2/ names "" */
	struct uri *cw = uri_parse("tftp://10.0.2.2/sub/h.ipxe");
	struct uri *rel = uri_parse("?x=1");
	struct uri *res = uri_resolve(cw, rel);

	cr_assert_str_eq(uri_image_name(res), "h.ipxe");
	uri_free(res);
	uri_free(rel);
	uri_free(cw);
}

/* ------------------------------------------ progress lines: 8.5 */

Test(uri, progress_line_shows_the_uri_as_written)
{
	/* spec 8.5 [verified]; oracle-verified with --tftp */
	expect_display("http://10.0.2.2:8731/sub/h.ipxe",
		       "http://10.0.2.2:8731/sub/h.ipxe");
	expect_display("sub/sub.ipxe", "sub/sub.ipxe");
	expect_display("../other.txt", "../other.txt");
	expect_display("./top.ipxe", "./top.ipxe");
	expect_display("/top.ipxe", "/top.ipxe");
	expect_display("tftp://10.0.2.2:69/top.ipxe",
		       "tftp://10.0.2.2:69/top.ipxe");
	expect_display("//10.0.2.2/top.ipxe", "//10.0.2.2/top.ipxe");
	expect_display("http://host", "http://host");
}

Test(uri, progress_line_of_an_empty_uri_is_empty)
{
	/* oracle-verified: "imgfetch ${nosuch}" printed "... Permission
	 * denied"; "?x=1" and "#frag" alone print the same */
	expect_display("", "");
	expect_display("?x=1", "");
	expect_display("#frag", "");
}

Test(uri, progress_line_drops_credentials_query_fragment_and_params)
{
	/* oracle-verified */
	expect_display("tftp://user:pw@10.0.2.2/top.ipxe?q#f",
		       "tftp://10.0.2.2/top.ipxe");
	expect_display("/top.ipxe##params", "/top.ipxe");
	expect_display("top.ipxe##params=foo", "top.ipxe");
	expect_display("data:,x##params", "data:,x");
	expect_display("data:,a#frag", "data:,a");
}

Test(uri, progress_line_reencodes_decoded_fields)
{
	/* oracle-verified: the opaque part is decoded, then printed with
	 * only '%', '#', ' ' and non-printing bytes escaped; the path is
	 * printed as written */
	expect_display("tftp://10.0.2.2/a%20b", "tftp://10.0.2.2/a%20b");
	expect_display("tftp://10.0.2.2/top%2eipxe",
		       "tftp://10.0.2.2/top%2eipxe");
	expect_display("data:text/plain,hello%20world",
		       "data:text/plain,hello%20world");
	expect_display("data:a%2Cb,c%2Fd", "data:a,b,c/d");
	expect_display("data:,a?b", "data:,a?b");
	expect_display("data:,%g", "data:,%25g");
	expect_display("data:,%%41", "data:,%25A");
	expect_display("data:,%4", "data:,%04");
	expect_display("data:,%-z", "data:,");
	expect_display("data:,%23", "data:,%23");
	expect_display("data:,a%2525", "data:,a%2525");
	expect_display("DATA:,up", "DATA:,up");
}

Test(uri, progress_line_shows_high_bytes_sign_extended)
{
	/* oracle-verified */
	expect_display("data:,%C3", "data:,%FFFFFFC3");
	expect_display("data:,%-1x", "data:,%FFFFFFFFx");
	expect_display("data:,%E2%82%AC%7e",
		       "data:,%FFFFFFE2%FFFFFF82%FFFFFFAC~");
}

/* -------------------------------------------------- data: URIs 8.7
 * Upstream datauri_test.c and base64_test.c (decoding). */

Test(uri, data_uri_may_be_empty)
{
	EXPECT_DATA("data:,", "");
	EXPECT_DATA("data:;base64,", "");
	EXPECT_DATA("data:text/plain,", "");
}

Test(uri, data_uri_without_base64_is_percent_decoded)
{
	EXPECT_DATA("data:,hello%20world%21", "hello world!");
	EXPECT_DATA("data:text/plain,simple", "simple");
	EXPECT_DATA("data:text/plain,hi", "hi");
}

Test(uri, data_uri_with_base64_is_decoded)
{
	EXPECT_DATA("data:text/plain;charset=US-ASCII;base64,ZW5jb2RlZA==",
		    "encoded");
	EXPECT_DATA("data:application/octet-string;base64,d2l0aABudWw=",
		    "with\0nul");
	EXPECT_DATA("data:;base64,SGVsbG8gd29ybGQ=", "Hello world");
	EXPECT_DATA("data:;base64,NgOE3E4DRqC1LQNu0FbtoDcCrMZl0Q==",
		    "\x36\x03\x84\xdc\x4e\x03\x46\xa0\xb5\x2d\x03\x6e\xd0"
		    "\x56\xed\xa0\x37\x02\xac\xc6\x65\xd1");
}

Test(uri, data_uri_without_comma_fails_in_datauri)
{
	/* oracle-verified: "imgfetch data:" and "data:/x,y" print "Could
	 * not start download: Invalid argument (.../1c362002)" */
	expect_data_fails("data:", URI_DATA_EINVAL);
	expect_data_fails("data:text/plain", URI_DATA_EINVAL);
	expect_data_fails("data:/x,y", URI_DATA_EINVAL);
}

Test(uri, bad_base64_fails_in_base64)
{
	/* upstream, and oracle-verified: "QQ", "QQ===", "=QQ", "QQ==QQ=="
	 * fail with Invalid argument (.../1c102002) */
	expect_data_fails("data:;base64,INVALID===", URI_DATA_EBASE64);
	expect_data_fails("data:;base64,QQ", URI_DATA_EBASE64);
	expect_data_fails("data:;base64,QQ===", URI_DATA_EBASE64);
	expect_data_fails("data:;base64,=QQ", URI_DATA_EBASE64);
	expect_data_fails("data:;base64,QQ==QQ==", URI_DATA_EBASE64);
	expect_data_fails("data:;base64,QQ=", URI_DATA_EBASE64);
	expect_data_fails("data:;base64,Q!==", URI_DATA_EBASE64);
}

Test(uri, base64_marker_is_case_insensitive_and_must_end_the_type)
{
	/* oracle-verified: 1, 2 and 4 bytes */
	EXPECT_DATA("data:;base64,QQ==", "A");
	EXPECT_DATA("data:;BASE64,QUI=", "AB");
	EXPECT_DATA("data:x;base64;y,QQ==", "QQ==");
}

Test(uri, base64_skips_whitespace_after_percent_decoding)
{
	/* oracle-verified: "QU%20I=" is 2 bytes */
	EXPECT_DATA("data:;base64,QU%20I=", "AB");
	EXPECT_DATA("data:;base64,Q%2BE%3D", "C\xe1");
}

Test(uri, data_starts_after_the_first_decoded_comma)
{
	/* oracle-verified: "data:a%2Cb,c%2Fd" is the 5 bytes "b,c/d" */
	EXPECT_DATA("data:,a,b", "a,b");
	EXPECT_DATA("data:a%2Cb,c%2Fd", "b,c/d");
	EXPECT_DATA("data:,a?b#c", "a?b");
	EXPECT_DATA("data:,%E2%82%AC%7e", "\xe2\x82\xac~");
}

Test(uri, data_uri_scheme_case_is_left_to_the_caller)
{
	/* oracle-verified: "imgfetch DATA:,up" works (openers compare
	 * schemes case-insensitively) */
	EXPECT_DATA("DATA:,up", "up");
}

/* util_scheme_len(): what the linter takes for a URI with a scheme. */
Test(uri, scheme_len)
{
	static const struct {
		const char *text;
		size_t len;
	} v[] = {
		{ "http://h/x", 4 }, { "tftp://10.0.2.2/a", 4 },
		{ "data:,x", 4 }, { "svn+ssh://h", 7 }, { "a-b.c:x", 5 },
		{ "x:", 1 },
		{ "vmlinuz", 0 },	/* no ':' */
		{ ":x", 0 },		/* empty scheme */
		{ "1http://h", 0 },	/* starts with a digit */
		{ "/boot/x:y", 0 },	/* a path */
		{ "ht tp://h", 0 },	/* a blank */
		{ "http", 0 },		/* ends before ':' */
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		cr_assert_eq(util_scheme_len(v[i].text, strlen(v[i].text)),
			     v[i].len, "%s", v[i].text);
	/* a NUL byte is not a scheme character */
	cr_assert_eq(util_scheme_len("ht\0p:x", 6), 0);
	/* n bounds the scan: "http" of "http:" */
	cr_assert_eq(util_scheme_len("http:", 4), 0);
}

/* util_name_cmp(): the order of the linter's sorted name indexes (labels,
 * menu entries, missing gotos, stores): bytes, then the shorter first;
 * the names are not NUL-terminated. */
Test(uri, name_cmp)
{
	cr_assert_eq(util_name_cmp("abc", 3, "abc", 3), 0);
	cr_assert_lt(util_name_cmp("ab", 2, "abc", 3), 0);
	cr_assert_gt(util_name_cmp("abc", 3, "ab", 2), 0);
	cr_assert_lt(util_name_cmp("abc", 3, "abd", 3), 0);
	/* only len bytes count: "ab" of "abz" equals "ab" of "abx" */
	cr_assert_eq(util_name_cmp("abz", 2, "abx", 2), 0);
	/* "n:" sorts after "n" and before "n:int32", which inc's check
	 * relies on to find a typed store from its prefix */
	cr_assert_lt(util_name_cmp("n", 1, "n:", 2), 0);
	cr_assert_lt(util_name_cmp("n:", 2, "n:int32", 7), 0);
	cr_assert_eq(util_name_cmp("", 0, "", 0), 0);
	cr_assert_lt(util_name_cmp("", 0, "a", 1), 0);
	/* bytes compare unsigned: 0xff after 'a' */
	cr_assert_gt(util_name_cmp("\xff", 1, "a", 1), 0);
}

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* util_lower_bound(): the start of a run of equal elements, or where the
 * key would go. */
Test(uri, lower_bound)
{
	static const int v[] = { 1, 3, 3, 3, 7 };
	static const struct {
		int key;
		size_t at;
	} c[] = { { 0, 0 }, { 1, 0 }, { 2, 1 }, { 3, 1 }, { 4, 4 },
		  { 7, 4 }, { 8, 5 } };

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		cr_assert_eq(util_lower_bound(v, 5, sizeof(int), &c[i].key,
					      int_cmp), c[i].at, "key %d",
			     c[i].key);
	cr_assert_eq(util_lower_bound(v, 0, sizeof(int), &c[0].key, int_cmp),
		     0);
}
