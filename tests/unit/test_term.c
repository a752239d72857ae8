/*
 * test_term.c - terminal mode's keyboard (interp/term.c) on a pseudo
 * terminal: the key sequences of real terminals decoded into iPXE's key
 * codes, the lone Esc after upstream getkey()'s 250 ms, real timeouts,
 * Ctrl-C as an interrupt, and the terminal's mode put back.
 */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "interp/term.h"
#include "interp/ui.h"

struct pty {
	int master, slave;
};

static struct pty
pty_open(void)
{
	struct pty p;

	p.master = posix_openpt(O_RDWR | O_NOCTTY);
	cr_assert(p.master >= 0, "posix_openpt");
	cr_assert(grantpt(p.master) == 0 && unlockpt(p.master) == 0);
	p.slave = open(ptsname(p.master), O_RDWR | O_NOCTTY);
	cr_assert(p.slave >= 0, "open the pty's slave side");
	return p;
}

/* A terminal on the slave side, already in raw mode (so that bytes
 * written next are not cooked by the line discipline). */
static struct term *
open_raw(struct pty *p)
{
	struct term *t = term_open(p->slave, p->slave);

	cr_assert_not_null(t, "term_open on a pty");
	cr_assert(!term_iskey(t), "no key before anything is typed");
	return t;
}

static void
type(struct pty *p, const char *bytes)
{
	size_t n = strlen(bytes);

	cr_assert_eq(write(p->master, bytes, n), (ssize_t)n);
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

Test(term, sequences)
{
	static const struct {
		const char *bytes;
		int key;
	} cases[] = {
		{ "a", 'a' },
		{ "\033[A", KEY_UP },
		{ "\033[B", KEY_DOWN },
		{ "\033OC", KEY_RIGHT },
		{ "\033OD", KEY_LEFT },
		{ "\033[H", KEY_HOME },
		{ "\033OH", KEY_HOME },
		{ "\033[1~", KEY_HOME },
		{ "\033[7~", KEY_HOME },
		{ "\033[F", KEY_END },
		{ "\033OF", KEY_END },
		{ "\033[4~", KEY_END },
		{ "\033[8~", KEY_END },
		{ "\033[5~", KEY_PPAGE },
		{ "\033[6~", KEY_NPAGE },
		{ "\033[3~", KEY_DC },
		{ "\033[1;5A", KEY_UP },
		{ "\033[15~", KEY_ANSI(15, '~') },
		{ "\033OP", KEY_ANSI(11, '~') },
		{ "\r", KEY_LF },
		{ "\n", KEY_LF },
		{ "\x7f", KEY_BACKSPACE },
		{ "\x08", KEY_BACKSPACE },
		{ "\033c", KEY_CTRL('C') },
		{ "\033X", KEY_CTRL('X') },
		/* (a typed 0x03 is not a key: it is the terminal's SIGINT) */
	};
	struct pty p = pty_open();
	struct term *t = open_raw(&p);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t elapsed = 99999;
		int key;

		type(&p, cases[i].bytes);
		key = term_getkey(t, 1024, &elapsed);
		cr_expect_eq(key, cases[i].key, "case %zu: got 0x%x, want 0x%x",
			     i, (unsigned)key, (unsigned)cases[i].key);
		cr_expect(elapsed < 200, "case %zu: took %llu ticks", i,
			  (unsigned long long)elapsed);
	}
	term_close(t);
}

Test(term, keys_in_one_read_come_one_by_one)
{
	struct pty p = pty_open();
	struct term *t = open_raw(&p);
	uint64_t elapsed;

	type(&p, "x\033[By");
	cr_assert(term_iskey(t));
	cr_expect_eq(term_getkey(t, 0, &elapsed), 'x');
	cr_expect_eq(term_getkey(t, 0, &elapsed), KEY_DOWN);
	cr_expect_eq(term_getkey(t, 0, &elapsed), 'y');
	cr_expect(!term_iskey(t));
	term_close(t);
}

Test(term, lone_esc_after_a_quarter_second)
{
	struct pty p = pty_open();
	struct term *t = open_raw(&p);
	uint64_t start, elapsed;
	int key;

	type(&p, "\033");
	start = now_ms();
	key = term_getkey(t, 0, &elapsed);
	cr_expect_eq(key, KEY_ESC);
	cr_expect(now_ms() - start >= 240, "Esc after %llu ms",
		  (unsigned long long)(now_ms() - start));
	cr_expect(elapsed >= 240 && elapsed < 1024);
	/* ESC ESC: the first is the Esc key, the second starts a key */
	type(&p, "\033\033[A");
	cr_expect_eq(term_getkey(t, 0, &elapsed), KEY_ESC);
	cr_expect_eq(term_getkey(t, 0, &elapsed), KEY_UP);
	term_close(t);
}

Test(term, timeout_waits_on_the_wall_clock)
{
	struct pty p = pty_open();
	struct term *t = open_raw(&p);
	uint64_t start = now_ms(), elapsed = 0;

	/* 205 ticks = 200.2 ms */
	cr_expect_eq(term_getkey(t, 205, &elapsed), TERM_TIMEOUT);
	cr_expect(now_ms() - start >= 200, "returned after %llu ms",
		  (unsigned long long)(now_ms() - start));
	cr_expect_eq(elapsed, 205, "the clock advances by the timeout");
	term_close(t);
}

Test(term, ctrl_c_signal_interrupts_a_wait)
{
	struct pty p = pty_open();
	struct term *t = open_raw(&p);
	uint64_t elapsed;

	cr_expect(!term_interrupted(t));
	raise(SIGINT);
	cr_expect_eq(term_getkey(t, 0, &elapsed), TERM_INTERRUPT);
	cr_expect(term_interrupted(t), "the interrupt is reported");
	cr_expect(!term_interrupted(t), "once");
	term_close(t);
}

Test(term, close_restores_the_mode)
{
	struct pty p = pty_open();
	struct termios before, during, after;
	struct term *t;

	cr_assert(tcgetattr(p.slave, &before) == 0);
	t = open_raw(&p);
	cr_assert(tcgetattr(p.slave, &during) == 0);
	cr_expect(!(during.c_lflag & ICANON) && !(during.c_lflag & ECHO),
		  "raw while waiting for keys");
	cr_expect(during.c_lflag & ISIG, "Ctrl-C stays a signal");
	term_close(t);
	cr_assert(tcgetattr(p.slave, &after) == 0);
	cr_expect_eq(after.c_lflag, before.c_lflag);
	cr_expect_eq(after.c_iflag, before.c_iflag);
	cr_expect(memcmp(after.c_cc, before.c_cc, sizeof(after.c_cc)) == 0);
}

Test(term, not_a_terminal)
{
	int fds[2];

	cr_assert(pipe(fds) == 0);
	cr_expect_null(term_open(fds[0], fds[1]));
}
