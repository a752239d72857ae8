/*
 * stdlib.c - the command and setting tables built from commands.def and
 * settings.def, their lookups, usage lines (spec 5.3), numeric setting
 * names (spec 6.2) and "did you mean" suggestions.  It knows nothing
 * about running commands; the simulator and the linter do that.
 */
#include "stdlib/stdlib.h"

#include <string.h>

#include "parser/util.h"

/* ---------------------------------------------------------------- commands */

/*
 * A row is CMD(id, ..., impl, summary, options...).  The summary is the
 * first variadic argument, so a row without options still passes one
 * (C11 wants at least one); ROW_OPTS drops it and ROW_SUMMARY keeps only
 * it.  Each option array ends in a sentinel, because C11 has no empty
 * arrays; nopts does not count it.
 */
#define O(c, l, p) { (c), (l), (p) }
#define OPT_END { 0, NULL, VAL_FLAG }
#define ROW_OPTS(summary, ...) __VA_ARGS__
#define ROW_SUMMARY(summary, ...) summary

#define CMD(id, min, max, syn, cls, opt, builds, parse, impl, ...) \
	static const struct opt_def opts_##id[] = { \
		ROW_OPTS(__VA_ARGS__, OPT_END) \
	};
#include "stdlib/commands.def"
#undef CMD

/* Parameters end in '_' where a designator of the same name follows. */
#define CMD(id_, min_, max_, syn, cls_, opt, builds_, parse_, impl_, ...) \
	[CMD_##id_] = { \
		.id = CMD_##id_, \
		.name = #id_, \
		.opts = opts_##id_, \
		.nopts = sizeof(opts_##id_) / sizeof(opts_##id_[0]) - 1, \
		.min = (min_), \
		.max = (max_), \
		.synopsis = (syn), \
		.cls = (cls_), \
		.build_option = (opt), \
		.builds = (builds_), \
		.parse = (parse_), \
		.impl = CMD_##impl_, \
		.summary = ROW_SUMMARY(__VA_ARGS__, 0), \
	},
const struct cmd_def cmd_table[CMD_COUNT] = {
#include "stdlib/commands.def"
};
#undef CMD

/* Compares name (len bytes, not terminated) with a table name, strcmp()
 * style. */
static int
name_cmp(const char *name, size_t len, const char *entry)
{
	size_t elen = strlen(entry);
	int c = memcmp(name, entry, len < elen ? len : elen);

	if (c != 0)
		return c;
	return (len > elen) - (len < elen);
}

static bool
name_eq(const char *name, size_t len, const char *entry)
{
	return strlen(entry) == len && memcmp(name, entry, len) == 0;
}

/* Bisection relies on commands.def being in strcmp() order (its ORDER
 * note); a unit test checks it. */
const struct cmd_def *
cmd_lookup(const char *name, size_t len)
{
	size_t lo = 0, hi = CMD_COUNT;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(name, len, cmd_table[mid].name);

		if (c == 0)
			return &cmd_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* "Exists in the builds of mask" means in every one of them: a script
 * meant for BIOS and EFI can use only what both have. */
bool
cmd_in_build(const struct cmd_def *cmd, unsigned mask)
{
	return (cmd->builds & mask) == mask;
}

const struct opt_def *
cmd_opt_long(const struct cmd_def *cmd, const char *name, size_t len)
{
	for (unsigned i = 0; i < cmd->nopts; i++)
		if (name_eq(name, len, cmd->opts[i].longname))
			return &cmd->opts[i];
	return NULL;
}

const struct opt_def *
cmd_opt_short(const struct cmd_def *cmd, char c)
{
	for (unsigned i = 0; i < cmd->nopts; i++)
		if (cmd->opts[i].shortname == c)
			return &cmd->opts[i];
	return NULL;
}

/* As print_usage() in src/core/parseopt.c: no command has an option with
 * an optional argument, so the "[<x>]" form is not needed. */
void
cmd_usage_line(struct buf *out, const struct cmd_def *cmd, const char *name)
{
	buf_adds(out, name);
	for (unsigned i = 0; i < cmd->nopts; i++) {
		const struct opt_def *o = &cmd->opts[i];

		buf_printf(out, " [-%c|--%s", o->shortname, o->longname);
		if (o->parser != VAL_FLAG)
			buf_printf(out, " <%s>", o->longname);
		buf_addc(out, ']');
	}
	if (cmd->synopsis) {
		buf_addc(out, ' ');
		buf_adds(out, cmd->synopsis);
	}
}

void
cmd_usage(struct buf *out, const struct cmd_def *cmd, const char *name,
	  const char *url_base)
{
	buf_adds(out, "Usage:\n\n  ");
	cmd_usage_line(out, cmd, name);
	buf_printf(out, "\n\nSee %s/cmd/%s for further information\n",
		   url_base, name);
}

/* ---------------------------------------------------------------- suggest */

/* Longest name compared; every table name is shorter, and a longer typo
 * is too far from all of them anyway. */
#define SUGGEST_MAX_LEN 32

/*
 * Optimal string alignment distance (Damerau-Levenshtein where no
 * substring is edited twice): "chian" is one transposition from "chain".
 * The typed side is case-folded, since every table name is lower case.
 */
static char
fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static unsigned
edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
	unsigned row[3][SUGGEST_MAX_LEN + 1];
	unsigned *pp = row[0], *p = row[1], *cur = row[2];

	for (size_t j = 0; j <= nb; j++)
		p[j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		char ca = fold(a[i - 1]);

		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= nb; j++) {
			unsigned cost = ca != b[j - 1];
			unsigned d = p[j - 1] + cost;

			if (p[j] + 1 < d)
				d = p[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == b[j - 2] &&
			    fold(a[i - 2]) == b[j - 1] &&
			    pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			cur[j] = d;
		}
		unsigned *t = pp;

		pp = p;
		p = cur;
		cur = t;
	}
	return p[nb];
}

/*
 * Fills idx with up to max indexes i < n whose name_at(i) is within reach,
 * closest first, table order among equals.  Reach grows with the length
 * typed (one edit per three characters, at least one, at most three), so
 * short words such as "ls" are not "corrected" into unrelated commands.
 */
static size_t
suggest(const char *name, size_t len, const char *(*name_at)(size_t),
	size_t n, size_t *idx, size_t max)
{
	unsigned dist[(int)CMD_COUNT > (int)SET_COUNT ? CMD_COUNT : SET_COUNT];
	unsigned reach = (unsigned)((len + 1) / 3);
	size_t found = 0;

	if (len > SUGGEST_MAX_LEN || max == 0)
		return 0;
	if (reach < 1)
		reach = 1;
	if (reach > 3)
		reach = 3;
	for (size_t i = 0; i < n; i++) {
		const char *cand = name_at(i);
		size_t clen = strlen(cand);

		dist[i] = reach + 1;
		if (clen > SUGGEST_MAX_LEN || name_eq(name, len, cand))
			continue;
		if ((clen > len ? clen - len : len - clen) > reach)
			continue;
		dist[i] = edit_distance(name, len, cand, clen);
	}
	for (unsigned d = 0; d <= reach; d++)
		for (size_t i = 0; i < n && found < max; i++)
			if (dist[i] == d)
				idx[found++] = i;
	return found;
}

static const char *
cmd_name_at(size_t i)
{
	return cmd_table[i].name;
}

size_t
cmd_suggest(const char *name, size_t len, const struct cmd_def **out,
	    size_t max)
{
	size_t idx[CMD_COUNT];
	size_t n = suggest(name, len, cmd_name_at, CMD_COUNT, idx,
			   max < CMD_COUNT ? max : CMD_COUNT);

	for (size_t i = 0; i < n; i++)
		out[i] = &cmd_table[idx[i]];
	return n;
}

/* ---------------------------------------------------------------- types */

const char *const type_names[TYPE_COUNT] = {
#define TYPE(id) [TYPE_##id] = #id,
#include "stdlib/types.def"
#undef TYPE
};

int
type_lookup(const char *name, size_t len)
{
	for (int i = 0; i < TYPE_COUNT; i++)
		if (name_eq(name, len, type_names[i]))
			return i;
	return -1;
}

/* ---------------------------------------------------------------- settings */

/* Only SET_##id_ uses the id: one of them is errno, which <errno.h>
 * defines as a macro, and ## does not expand its operand. */
#define SETTING(id_, name_, type_, tag_, scope_, builds_, summary_) \
	[SET_##id_] = { \
		.id = SET_##id_, \
		.name = (name_), \
		.type = (type_), \
		.tag = (tag_), \
		.scope = (scope_), \
		.builds = (builds_), \
		.summary = (summary_), \
	},
const struct set_def set_table[SET_COUNT] = {
#include "stdlib/settings.def"
};
#undef SETTING

const struct set_def *
set_lookup(const char *name, size_t len)
{
	for (size_t i = 0; i < SET_COUNT; i++)
		if (name_eq(name, len, set_table[i].name))
			return &set_table[i];
	return NULL;
}

/* Tag 0 means "no tag" to iPXE (setting_cmp() in src/core/settings.c). */
const struct set_def *
set_lookup_tag(uint32_t tag, enum set_scope scope)
{
	if (tag == 0)
		return NULL;
	for (size_t i = 0; i < SET_COUNT; i++)
		if (set_table[i].tag == tag && set_table[i].scope == scope)
			return &set_table[i];
	return NULL;
}

/* iPXE's digit_value(): letters count from 10 in either case. */
static unsigned
digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/*
 * iPXE's strtoul() (src/core/string.c) on [*p, end), advancing *p.  Unlike
 * the C library's it never reports "no digits": it skips whitespace, a
 * sign and a "0"/"0x" prefix, then stops at the first non-digit, so an
 * empty text is 0 with *p unmoved.  32-bit wrap-around, as on BIOS.
 */
static uint32_t
ipxe_strtoul(const char **p, const char *end)
{
	const char *s = *p;
	unsigned base = 10;
	uint32_t v = 0;
	bool neg = false;

	while (s < end && is_ipxe_space((unsigned char)*s))
		s++;
	if (s < end && (*s == '-' || *s == '+')) {
		neg = *s == '-';
		s++;
	}
	if (s < end && *s == '0') {
		s++;
		base = 8;
		if (s < end && (*s & ~0x20) == 'X') {
			s++;
			base = 16;
		}
	}
	for (; s < end; s++) {
		unsigned d = digit_value((unsigned char)*s);

		if (d >= base)
			break;
		v = v * base + d;
	}
	*p = s;
	return neg ? -v : v;
}

/*
 * parse_setting_tag() of src/core/settings.c: numbers joined by '.', the
 * tag shifted left 8 bits before each.  Because iPXE's strtoul() accepts
 * an empty number, "1.." is tag 0x10000 and ".5" is 5 [verified with the
 * oracle: `set 1.. x` then `${0x10000}` is x]; only a character that is
 * neither digit nor '.' ("1x", "foo") makes the name tagless.  A NUL ends
 * the name as it ends iPXE's C string.
 *
 * TODO(stdlib): upstream tags are 64 bits wide; names of five or more
 * numbers lose their high bits here (struct set_def has uint32_t tags).
 */
bool
set_parse_tag(const char *name, size_t len, uint32_t *tag)
{
	const char *p = name, *end = name + len;
	uint32_t t = 0;

	for (;;) {
		t = (t << 8) | ipxe_strtoul(&p, end);
		if (p == end || *p == '\0')
			break;
		if (*p != '.') {
			t = 0;
			break;
		}
		p++;
	}
	*tag = t;
	return t != 0;
}

static const char *
set_name_at(size_t i)
{
	return set_table[i].name;
}

size_t
set_suggest(const char *name, size_t len, const struct set_def **out,
	    size_t max)
{
	size_t idx[SET_COUNT];
	size_t n = suggest(name, len, set_name_at, SET_COUNT, idx,
			   max < SET_COUNT ? max : SET_COUNT);

	for (size_t i = 0; i < n; i++)
		out[i] = &set_table[idx[i]];
	return n;
}
