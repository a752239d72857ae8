/*
 * test_lexer.c - the signature probe (spec 2.1) and the reading of
 * logical lines (spec 2.2), byte sequence by byte sequence.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "parser/script.h"
#include "parser/util.h"

static struct script *
parse_n(const char *data, size_t len)
{
	struct script *s = script_parse("t.ipxe", data, len);

	cr_assert_not_null(s);
	return s;
}

#define PARSE(lit) parse_n((lit), sizeof(lit) - 1)

/* Asserts the logical text of line i. */
static void
expect_line(const struct script *s, uint32_t i, const char *text)
{
	cr_assert_lt(i, s->nlines, "no line %u (have %u)", i, s->nlines);
	cr_assert_eq(s->lines[i].len, strlen(text), "line %u length %u != %zu",
		     i, s->lines[i].len, strlen(text));
	cr_assert(memcmp(line_str(s, &s->lines[i]), text, strlen(text)) == 0,
		  "line %u text differs", i);
}

static enum sig
probe(const char *data, size_t len, enum sig_problem *why)
{
	struct script *s = parse_n(data, len);
	enum sig sig = s->sig;

	*why = s->sig_problem;
	script_free(s);
	return sig;
}

#define PROBE(lit, why) probe((lit), sizeof(lit) - 1, (why))

Test(lexer, signature_needs_ipxe_or_gpxe_then_whitespace)	/* 2.1 */
{
	enum sig_problem why;

	cr_assert_eq(PROBE("#!ipxe\n", &why), SIG_IPXE);
	cr_assert_eq(PROBE("#!gpxe\n", &why), SIG_GPXE);
	cr_assert_eq(PROBE("#!ipxe\t", &why), SIG_IPXE);
	cr_assert_eq(PROBE("#!ipxe\r\n", &why), SIG_IPXE);
	cr_assert_eq(PROBE("#!ipxe echo hi\n", &why), SIG_IPXE);
}

Test(lexer, six_bytes_of_signature_alone_are_not_a_script)	/* 2.1 */
{
	enum sig_problem why;

	cr_assert_eq(PROBE("#!ipxe", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_SHORT);
}

Test(lexer, bom_blank_line_or_space_before_signature_is_not_a_script)
{
	enum sig_problem why;

	cr_assert_eq(PROBE("\xef\xbb\xbf#!ipxe\n", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_BOM);
	cr_assert_eq(PROBE("\n#!ipxe\n", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_LEADING_SPACE);
	cr_assert_eq(PROBE(" #!ipxe\n", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_LEADING_SPACE);
}

Test(lexer, wrong_case_missing_hash_or_suffix_is_not_a_script)
{
	enum sig_problem why;

	cr_assert_eq(PROBE("#!iPXE\n", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_CASE);
	cr_assert_eq(PROBE("!ipxe\n", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_NO_HASH);
	cr_assert_eq(PROBE("#!ipxe2\n", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_NO_SPACE);
	cr_assert_eq(PROBE("#! ipxe\n", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_OTHER);
	cr_assert_eq(PROBE("", &why), SIG_NONE);
	cr_assert_eq(why, SIGP_EMPTY);
}

Test(lexer, not_a_script_is_reported_at_line_one)
{
	struct script *s = PARSE("\xef\xbb\xbf#!ipxe\necho hi\n");

	cr_assert_eq(s->ndiags, 1);
	cr_assert_eq(s->diags[0].code, DIAG_NOT_SCRIPT);
	cr_assert_eq(s->diags[0].pos.line, 1);
	cr_assert_eq(s->diags[0].pos.col, 1);
	cr_assert(strstr(s->diags[0].msg, "byte-order mark"));
	script_free(s);
}

Test(lexer, last_line_needs_no_newline)				/* 2.2.1 */
{
	struct script *s = PARSE("#!ipxe\necho a");

	cr_assert_eq(s->nlines, 2);
	expect_line(s, 1, "echo a");
	script_free(s);
}

Test(lexer, final_newline_does_not_add_an_empty_line)
{
	struct script *s = PARSE("#!ipxe\necho a\n");

	cr_assert_eq(s->nlines, 2);
	script_free(s);
	s = PARSE("#!ipxe\necho a\n\n");
	cr_assert_eq(s->nlines, 3);
	expect_line(s, 2, "");
	script_free(s);
}

Test(lexer, one_trailing_cr_is_stripped)			/* 2.2.2 */
{
	struct script *s = PARSE("#!ipxe\r\necho a\r\necho b\r\r\n");

	expect_line(s, 0, "#!ipxe");
	expect_line(s, 1, "echo a");
	cr_assert(s->lines[1].flags & LINE_CRLF);
	/* only one CR goes; the other is whitespace for the splitter */
	expect_line(s, 2, "echo b\r");
	script_free(s);
}

Test(lexer, backslash_joins_next_line_with_nothing_between)	/* 2.2.3 */
{
	struct script *s = PARSE("#!ipxe\necho a\\\nb\necho line \\\n"
				 "continued\n");

	cr_assert_eq(s->nlines, 3);
	expect_line(s, 1, "echo ab");
	cr_assert(s->lines[1].flags & LINE_CONTINUED);
	cr_assert_eq(s->lines[1].lineno, 2);
	expect_line(s, 2, "echo line continued");
	cr_assert_eq(s->lines[2].lineno, 4);
	script_free(s);
}

Test(lexer, continuation_chains_over_many_lines)
{
	struct script *s = PARSE("#!ipxe\na\\\nb\\\nc\\\nd\n");

	cr_assert_eq(s->nlines, 2);
	expect_line(s, 1, "abcd");
	script_free(s);
}

Test(lexer, crlf_before_continuation_is_stripped_first)	/* 14.1 S03 */
{
	struct script *s = PARSE("#!ipxe\r\necho a\\\r\nb\r\n");

	expect_line(s, 1, "echo ab");
	script_free(s);
}

Test(lexer, whitespace_after_backslash_defeats_continuation)
{
	struct script *s = PARSE("#!ipxe\necho a \\ \nb\n");

	cr_assert_eq(s->nlines, 3);
	expect_line(s, 1, "echo a \\ ");
	expect_line(s, 2, "b");
	script_free(s);
}

Test(lexer, cr_stripped_from_an_empty_fragment_can_expose_a_backslash)
{
	/* "a\<CR>\" + LF + LF + "b": the first backslash continues, the
	 * empty next line strips the CR of the accumulated text, which then
	 * ends with a backslash and continues again (process_script order) */
	struct script *s = PARSE("#!ipxe\na\\\r\\\n\nb\n");

	cr_assert_eq(s->nlines, 2);
	expect_line(s, 1, "ab");
	script_free(s);
}

Test(lexer, continuation_pending_at_end_leaves_an_unfinished_line)
{
	struct script *s = PARSE("#!ipxe\necho ok\nboot \\");

	cr_assert_eq(s->nlines, 3);
	expect_line(s, 2, "boot ");
	cr_assert(s->lines[2].flags & LINE_UNFINISHED);
	cr_assert_eq(s->ndiags, 1);
	cr_assert_eq(s->diags[0].code, DIAG_UNFINISHED_LINE);
	cr_assert_eq(s->diags[0].pos.line, 3);
	cr_assert_eq(s->diags[0].pos.col, 6);
	script_free(s);
}

Test(lexer, backslash_newline_at_end_is_still_unfinished)	/* 2.2.4 */
{
	struct script *s = PARSE("#!ipxe\nboot \\\n");

	cr_assert(s->lines[s->nlines - 1].flags & LINE_UNFINISHED);
	script_free(s);
	/* but an empty line after it completes the line */
	s = PARSE("#!ipxe\nboot \\\n\n");
	cr_assert_not(s->lines[s->nlines - 1].flags & LINE_UNFINISHED);
	expect_line(s, 1, "boot ");
	cr_assert_eq(s->ndiags, 0);
	script_free(s);
}

Test(lexer, nul_byte_hides_the_rest_of_the_line)		/* 2.2.5 */
{
	struct script *s = PARSE("#!ipxe\necho a\0b c\necho d\n");

	cr_assert_eq(s->nlines, 3);
	expect_line(s, 1, "echo a");
	cr_assert(s->lines[1].flags & LINE_NUL);
	expect_line(s, 2, "echo d");
	script_free(s);
}

Test(lexer, nul_inside_a_continued_line_hides_the_joined_rest)
{
	struct script *s = PARSE("#!ipxe\necho a\0x\\\nb\necho c\n");

	cr_assert_eq(s->nlines, 3);
	expect_line(s, 1, "echo a");
	expect_line(s, 2, "echo c");
	script_free(s);
}

Test(lexer, lone_cr_line_ends_make_one_long_comment_line)	/* 14.1 S03 */
{
	struct script *s = PARSE("#!ipxe\recho a\recho b\r");

	cr_assert_eq(s->nlines, 1);
	cr_assert_eq(line_ncmd(s, &s->lines[0]), 0);
	cr_assert_not_null(line_comment(s, &s->lines[0]));
	script_free(s);
}

Test(lexer, positions_of_a_continued_line_map_back_to_physical_lines)
{
	/* the join gives "echo a  bc d": "bc" sits on physical line 3 */
	struct script *s = PARSE("#!ipxe\necho a\\\n  bc d\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);
	struct src_pos p;

	cr_assert_eq(c->ntok, 4);
	p = script_pos_in(s, 1, s->toks[c->tok + 2].off);
	cr_assert_eq(p.line, 3);
	cr_assert_eq(p.col, 3);
	cr_assert_eq(p.off, strlen("#!ipxe\necho a\\\n  "));
	script_free(s);
}

Test(lexer, token_split_across_a_continuation_starts_where_it_starts)
{
	struct script *s = PARSE("#!ipxe\nkernel vmlinuz\\\ninitrd=x\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);
	const struct tok *t = &s->toks[c->tok + 1];
	struct src_pos p = script_pos_in(s, 1, t->off);

	cr_assert_eq(t->len, strlen("vmlinuzinitrd=x"));
	cr_assert(!memcmp(tok_str(s, t), "vmlinuzinitrd=x", t->len));
	cr_assert_eq(p.line, 2);
	cr_assert_eq(p.col, 8);
	p = script_pos_in(s, 1, t->off + 7);	/* the 'i' of initrd */
	cr_assert_eq(p.line, 3);
	cr_assert_eq(p.col, 1);
	script_free(s);
}

Test(lexer, bytes_above_0x7f_are_never_whitespace)		/* 3.1 */
{
	struct script *s = PARSE("#!ipxe\necho a\xa0" "b\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);

	cr_assert_eq(c->ntok, 2);
	script_free(s);
}

Test(lexer, vertical_tab_and_form_feed_separate_tokens)
{
	struct script *s = PARSE("#!ipxe\necho\va\fb\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);

	cr_assert_eq(c->ntok, 3);
	script_free(s);
}

Test(lexer, empty_input_has_one_empty_line)
{
	struct script *s = PARSE("");

	cr_assert_eq(s->nlines, 1);
	cr_assert_eq(s->lines[0].len, 0);
	script_free(s);
}
