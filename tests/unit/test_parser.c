/*
 * test_parser.c - labels (spec 2.3), splitting, comments and operators
 * (spec 3.1-3.3), "${...}" structure (spec 4.2), the false-positive
 * guards of spec 14, and a randomised comparison with the plain model of
 * iPXE's reader (tests/refmodel.c).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "parser/script.h"
#include "parser/util.h"
#include "tests/refmodel.h"

/* Parses "#!ipxe\n" + body and returns it; line 1 of the body is
 * s->lines[1]. */
static struct script *
body(const char *text)
{
	struct buf b;
	struct script *s;

	buf_init(&b);
	buf_adds(&b, "#!ipxe\n");
	buf_adds(&b, text);
	s = script_parse("t.ipxe", b.data, b.len);
	buf_fini(&b);
	cr_assert_not_null(s);
	return s;
}

static bool
tok_is(const struct script *s, const struct tok *t, const char *text)
{
	return t->len == strlen(text) && !memcmp(tok_str(s, t), text, t->len);
}

/* Asserts that command ci of line li has exactly the words given in a
 * space-separated list (words contain no spaces in these tests). */
static void
expect_cmd(const struct script *s, uint32_t li, uint32_t ci,
	   const char *words)
{
	const struct cmd *c;
	char *copy = xstrdup(words), *w, *save = NULL;
	uint32_t k = 0;

	cr_assert_lt(ci, line_ncmd(s, &s->lines[li]), "no command %u", ci);
	c = line_cmd(s, &s->lines[li], ci);
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
	{
		cr_assert_lt(k, c->ntok, "command %u has too few words", ci);
		cr_assert(tok_is(s, &s->toks[c->tok + k], w),
			  "word %u of command %u is not %s", k, ci, w);
		k++;
	}
	cr_assert_eq(k, c->ntok, "command %u has %u words, expected %u", ci,
		     c->ntok, k);
	free(copy);
}

static enum tok_kind
op_after(const struct script *s, uint32_t li, uint32_t ci)
{
	const struct cmd *c = line_cmd(s, &s->lines[li], ci);

	cr_assert_neq(c->op, AST_NONE, "no operator after command %u", ci);
	return tok_kind(&s->toks[c->op]);
}

Test(parser, signature_line_is_a_comment_with_everything_on_it)	/* 2.1 */
{
	struct script *s = script_parse_str("t", "#!ipxe echo hi\n");

	cr_assert_eq(line_ncmd(s, &s->lines[0]), 0);
	cr_assert(tok_is(s, line_comment(s, &s->lines[0]), "#!ipxe echo hi"));
	script_free(s);
}

Test(parser, label_line_may_carry_a_command)			/* 2.3 */
{
	struct script *s = body(":retry echo trying\n");

	cr_assert(tok_is(s, line_label(s, &s->lines[1]), "retry"));
	expect_cmd(s, 1, 0, "echo trying");
	script_free(s);
}

Test(parser, indented_label_is_still_a_label)			/* 2.3 */
{
	struct script *s = body("   :indented\n\t:tabbed echo x\n");

	cr_assert(tok_is(s, line_label(s, &s->lines[1]), "indented"));
	cr_assert_eq(line_ncmd(s, &s->lines[1]), 0);
	cr_assert(tok_is(s, line_label(s, &s->lines[2]), "tabbed"));
	script_free(s);
}

Test(parser, lone_colon_defines_the_empty_label)		/* 2.3 */
{
	struct script *s = body(":\n");

	cr_assert_not_null(line_label(s, &s->lines[1]));
	cr_assert_eq(line_label(s, &s->lines[1])->len, 0);
	script_free(s);
}

Test(parser, space_after_colon_makes_the_name_a_command)	/* 14.2 F03 */
{
	struct script *s = body(": start\n");

	cr_assert_eq(line_label(s, &s->lines[1])->len, 0);
	expect_cmd(s, 1, 0, "start");
	script_free(s);
}

Test(parser, label_runs_to_whitespace_including_hash)		/* 2.3 */
{
	struct script *s = body(":z# x\n:lbl # comment\n");

	cr_assert(tok_is(s, line_label(s, &s->lines[1]), "z#"));
	expect_cmd(s, 1, 0, "x");
	cr_assert(tok_is(s, line_label(s, &s->lines[2]), "lbl"));
	cr_assert_eq(line_ncmd(s, &s->lines[2]), 0);
	cr_assert(tok_is(s, line_comment(s, &s->lines[2]), "# comment"));
	script_free(s);
}

Test(parser, label_in_a_continued_line_counts_on_the_joined_line)
{
	struct script *s = body(":a\\\n echo x\n");

	cr_assert(tok_is(s, line_label(s, &s->lines[1]), "a"));
	expect_cmd(s, 1, 0, "echo x");
	script_free(s);
}

Test(parser, colon_later_in_a_line_is_not_a_label)
{
	struct script *s = body("echo :x\n");

	cr_assert_null(line_label(s, &s->lines[1]));
	expect_cmd(s, 1, 0, "echo :x");
	script_free(s);
}

Test(parser, quotes_and_backslashes_are_ordinary_characters)	/* 3.1 */
{
	struct script *s = body("echo \"a  b\" 'x' a\\ b \\${x}\n");

	expect_cmd(s, 1, 0, "echo \"a b\" 'x' a\\ b \\${x}");
	script_free(s);
}

Test(parser, hash_starts_a_comment_only_at_a_token_start)	/* 3.2 */
{
	struct script *s = body("echo a # b || echo c\necho a#b x#\n");

	expect_cmd(s, 1, 0, "echo a");
	cr_assert_eq(line_ncmd(s, &s->lines[1]), 1);
	cr_assert(tok_is(s, line_comment(s, &s->lines[1]), "# b || echo c"));
	expect_cmd(s, 2, 0, "echo a#b x#");
	cr_assert_null(line_comment(s, &s->lines[2]));
	script_free(s);
}

Test(parser, comment_may_follow_an_operator)			/* 3.2 */
{
	struct script *s = body("echo a ; # note\n");

	cr_assert_eq(line_ncmd(s, &s->lines[1]), 2);
	expect_cmd(s, 1, 0, "echo a");
	cr_assert_eq(op_after(s, 1, 0), TOK_SEMI);
	cr_assert_eq(line_cmd(s, &s->lines[1], 1)->ntok, 0);
	script_free(s);
}

Test(parser, operators_split_commands_left_to_right)		/* 3.3 */
{
	struct script *s = body("iseq a a || iseq a b && echo x ; echo y\n");

	cr_assert_eq(line_ncmd(s, &s->lines[1]), 4);
	expect_cmd(s, 1, 0, "iseq a a");
	cr_assert_eq(op_after(s, 1, 0), TOK_OR);
	expect_cmd(s, 1, 1, "iseq a b");
	cr_assert_eq(op_after(s, 1, 1), TOK_AND);
	expect_cmd(s, 1, 2, "echo x");
	cr_assert_eq(op_after(s, 1, 2), TOK_SEMI);
	expect_cmd(s, 1, 3, "echo y");
	cr_assert_eq(line_cmd(s, &s->lines[1], 3)->op, AST_NONE);
	script_free(s);
}

Test(parser, trailing_or_leaves_an_empty_last_command)		/* 3.3 */
{
	struct script *s = body("dhcp ||\n|| echo x\n");

	cr_assert_eq(line_ncmd(s, &s->lines[1]), 2);
	cr_assert_eq(line_cmd(s, &s->lines[1], 1)->ntok, 0);
	cr_assert_eq(line_ncmd(s, &s->lines[2]), 2);
	cr_assert_eq(line_cmd(s, &s->lines[2], 0)->ntok, 0);
	expect_cmd(s, 2, 1, "echo x");
	script_free(s);
}

Test(parser, only_whole_tokens_are_operators)			/* 3.3 */
{
	struct script *s = body("echo a | b & c ||| d &&& e done; ;x\n");

	cr_assert_eq(line_ncmd(s, &s->lines[1]), 1);
	expect_cmd(s, 1, 0, "echo a | b & c ||| d &&& e done; ;x");
	script_free(s);
}

Test(parser, two_operators_in_a_row_make_an_empty_command)
{
	struct script *s = body("a || && b\n");

	cr_assert_eq(line_ncmd(s, &s->lines[1]), 3);
	cr_assert_eq(line_cmd(s, &s->lines[1], 1)->ntok, 0);
	script_free(s);
}

Test(parser, empty_and_blank_lines_have_no_command)
{
	struct script *s = body("\n   \t\n");

	cr_assert_eq(line_ncmd(s, &s->lines[1]), 0);
	cr_assert_eq(line_ncmd(s, &s->lines[2]), 0);
	script_free(s);
}

Test(parser, item_with_no_arguments_and_item_gap_parse)	/* 9.2 */
{
	struct script *s = body("item\nitem --gap\nitem --gap -- --- Linux ---\n");

	expect_cmd(s, 1, 0, "item");
	expect_cmd(s, 2, 0, "item --gap");
	expect_cmd(s, 3, 0, "item --gap -- --- Linux ---");
	script_free(s);
}

static const struct ref *
ref_at(const struct script *s, const struct tok *t, uint32_t i)
{
	cr_assert_lt(i, tok_nrefs(s, t));
	return tok_ref(s, t, i);
}

Test(parser, nested_references_are_matched_innermost_first)	/* 4.2 */
{
	struct script *s = body("echo ${net${idx}/mac} ${${x}/chip}\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);
	const struct tok *a = &s->toks[c->tok + 1];
	const struct tok *b = &s->toks[c->tok + 2];

	cr_assert_eq(tok_nrefs(s, a), 2);
	cr_assert_eq(ref_at(s, a, 0)->open, 0);
	cr_assert_eq(ref_at(s, a, 0)->close, a->len - 1);
	cr_assert_eq(ref_at(s, a, 1)->open, 5);	/* ${idx} */
	cr_assert_eq(ref_at(s, a, 1)->close, 10);
	cr_assert_eq(tok_nrefs(s, b), 2);
	cr_assert_eq(ref_at(s, b, 1)->open, 2);
	script_free(s);
}

Test(parser, unclosed_or_foreign_reference_syntax_is_literal)	/* 4.2 */
{
	struct script *s = body("echo ${foo }x${ $foo {foo} ${a${b}\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);

	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 1]), 0);
	cr_assert(s->toks[c->tok + 1].info & TOKF_UNCLOSED);
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 2]), 0);
	cr_assert(s->toks[c->tok + 2].info & TOKF_UNCLOSED);
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 3]), 0);
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 4]), 0);
	/* ${a${b}: the inner one closes, the outer stays literal */
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 5]), 1);
	cr_assert_eq(tok_ref(s, &s->toks[c->tok + 5], 0)->open, 3);
	cr_assert(s->toks[c->tok + 5].info & TOKF_UNCLOSED);
	script_free(s);
}

Test(parser, split_reference_is_two_literal_words)		/* 14.4 Q02 */
{
	struct script *s = body("echo ${ ip} ${ip }\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);

	cr_assert_eq(c->ntok, 5);
	for (uint32_t k = 1; k < 5; k++)
		cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + k]), 0);
	script_free(s);
}

Test(parser, dollar_dollar_and_adjacent_references)		/* 4.2 */
{
	struct script *s = body("echo $${x} ${a}${b} ${} ${x:} ${210:string}\n");
	const struct cmd *c = line_cmd(s, &s->lines[1], 0);

	cr_assert_eq(tok_ref(s, &s->toks[c->tok + 1], 0)->open, 1);
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 2]), 2);
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 3]), 1);
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 4]), 1);
	cr_assert_eq(tok_nrefs(s, &s->toks[c->tok + 5]), 1);
	script_free(s);
}

Test(parser, crlf_file_reads_like_lf_file)			/* 14.1 S03 */
{
	struct script *a = script_parse_str("a", "#!ipxe\r\n:x echo a || b\r\n");
	struct script *b = script_parse_str("b", "#!ipxe\n:x echo a || b\n");

	cr_assert_eq(a->ntoks, b->ntoks);
	for (uint32_t i = 0; i < a->ntoks; i++)
		cr_assert_eq(a->toks[i].len, b->toks[i].len);
	script_free(a);
	script_free(b);
}

Test(parser, every_byte_of_a_line_is_a_token_or_whitespace)
{
	/* nothing is lost: between tokens there is only whitespace (and the
	 * ':' of a label) */
	struct script *s = body("  :l  echo  a;b || ${x}#c # d\n");
	const struct line *l = &s->lines[1];
	const char *text = line_str(s, l);
	uint32_t pos = 0, n = line_ntok(s, l);

	for (uint32_t k = 0; k < n; k++) {
		const struct tok *t = &s->toks[l->tok + k];
		uint32_t at = t->off - l->text;

		if (tok_kind(t) == TOK_LABEL)
			at--;	/* the colon */
		for (; pos < at; pos++)
			cr_assert(is_ipxe_space((unsigned char)text[pos]));
		pos = t->off - l->text + t->len;
	}
	for (; pos < l->len; pos++)
		cr_assert(is_ipxe_space((unsigned char)text[pos]));
	script_free(s);
}

/* Random scripts over the bytes that matter, compared with the model. */
Test(parser, random_scripts_read_exactly_like_the_model)
{
	static const char alphabet[] = "ab $:{}#|&;\\\\\r\n\n\n\t\0";
	unsigned seed = 12345;
	struct buf text, why;

	buf_init(&text);
	buf_init(&why);
	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(rand_r(&seed) % 60);
		struct ref_script *r;
		struct script *s;

		buf_reset(&text);
		if (round % 2)
			buf_adds(&text, "#!ipxe\n");
		for (size_t i = 0; i < len; i++)
			buf_addc(&text, alphabet[rand_r(&seed) %
						 (sizeof(alphabet) - 1)]);
		r = ref_parse(text.data, text.len);
		s = script_parse("r", text.data, text.len);
		buf_reset(&why);
		if (!ref_compare(r, s, &why)) {
			struct buf esc;

			buf_init(&esc);
			for (size_t i = 0; i < text.len; i++)
				buf_printf(&esc, "\\x%02x",
					   (unsigned char)text.data[i]);
			cr_assert_fail("round %d: %s; input %s", round,
				       why.data, esc.data);
		}
		ref_free(r);
		script_free(s);
	}
	buf_fini(&text);
	buf_fini(&why);
}

Test(parser, shell_line_has_no_label)				/* 2.3, 3 */
{
	struct script *s = script_parse_line("shell", ":x echo hi", 10);

	cr_assert_eq(s->nlines, 1);
	cr_assert_null(line_label(s, &s->lines[0]));
	expect_cmd(s, 0, 0, ":x echo hi");
	cr_assert_eq(s->ndiags, 0);
	script_free(s);
}
