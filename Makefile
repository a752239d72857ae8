# Makefile - ipxekit: one non-recursive GNU makefile.  Everything it
# generates (objects, bison/flex output, test binaries) goes to $(BUILD):
# build/ by default, build/san for the sanitizer pass.  `make help` lists
# the targets.

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

BUILD   ?= build
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
HARDEN  ?= -D_FORTIFY_SOURCE=3 -fstack-protector-strong
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wvla -Wformat -Wformat-security $(if $(WERROR),-Werror)
DEFS     = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
ALL_CFLAGS = -std=c11 $(DEFS) $(WARN) $(HARDEN) $(CFLAGS) -I. -I$(BUILD)/gen
# flex and bison output is not ours to clean up: fewer warnings there.
GEN_CFLAGS = -std=c11 $(DEFS) -Wall -Wno-unused-function \
	     -Wno-sign-compare $(if $(WERROR),-Werror) $(HARDEN) $(CFLAGS) \
	     -I. -I$(BUILD)/gen
LIBS     = -lz -lcrypto
LINT_LIBS = -ljansson
SIM_LIBS = -ledit
TEST_LIBS = -lcriterion

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
Q = $(if $(V),,@)
# The real-world corpus (tests skip with a message when it is absent).
IPXE_CORPUS ?= ../shared/corpus
export IPXE_CORPUS

# Sources: every .c of the library folders; a folder's main.c is a tool.
# Three libraries: the shared core (front end and stdlib), the linter and
# the simulator, so that each tool links only what it uses.
CORE_SRCS := $(wildcard lexer/*.c parser/*.c stdlib/*.c)
LINT_SRCS := $(filter-out %/main.c,$(wildcard lint/*.c))
SIM_SRCS  := $(filter-out %/main.c,$(wildcard interp/*.c))
GEN_SRCS  := $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.c \
	     $(BUILD)/gen/version.c
GEN_HDRS  := $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/obj/%.o) \
	     $(GEN_SRCS:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
LIB       := $(BUILD)/libipxe.a
LINT_LIB  := $(BUILD)/liblint.a
SIM_LIB   := $(BUILD)/libsim.a
TOOLS     := $(BUILD)/ipxelint $(if $(wildcard interp/main.c),$(BUILD)/ipxesim)
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_BINS := $(BUILD)/tests/unit $(BUILD)/tests/golden $(BUILD)/tests/corpus \
	     $(BUILD)/tests/explore \
	     $(BUILD)/tests/lsp
TEST_SUPPORT := $(BUILD)/obj/tests/support.o $(BUILD)/obj/tests/refmodel.o \
		$(BUILD)/obj/tests/normalise.o

.PHONY: all
all: $(TOOLS)

# ---------------------------------------------------------------- generated
$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h &: parser/parser.y
	@mkdir -p $(@D)
	@echo "  BISON   $<"
	$(Q)bison -Wall -Werror --header=$(BUILD)/gen/parser.h \
		-o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h &: lexer/lexer.l
	@mkdir -p $(@D)
	@echo "  FLEX    $<"
	$(Q)flex --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

# The version, in one file rewritten only when it changes (a define on
# the command line left objects of older builds reporting older versions).
$(BUILD)/gen/version.c: FORCE
	@mkdir -p $(@D)
	$(Q)printf '#include "stdlib/version.h"\nconst char ipxekit_version[] = "%s";\n' \
		'$(subst ','',$(VERSION))' >$@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

.PHONY: FORCE
FORCE:

# ---------------------------------------------------------------- objects
# Generated headers must exist before the first compile; -MMD -MP learns
# the real dependencies after that.
$(BUILD)/obj/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c | $(GEN_HDRS)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(CORE_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(LINT_LIB): $(LINT_SRCS:%.c=$(BUILD)/obj/%.o)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(SIM_LIB): $(SIM_SRCS:%.c=$(BUILD)/obj/%.o)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

# --deep runs the explorer: the simulator is linked in (only what it
# uses; the linter alone does not touch it)
$(BUILD)/ipxelint: $(BUILD)/obj/lint/main.o $(LINT_LIB) $(SIM_LIB) $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LINT_LIBS) $(LIBS)

$(BUILD)/ipxesim: $(BUILD)/obj/interp/main.o $(SIM_LIB) $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(SIM_LIBS) $(LIBS)

# ---------------------------------------------------------------- tests
TEST_LIBS_ALL := $(LINT_LIB) $(SIM_LIB) $(LIB)
$(BUILD)/tests/unit: $(UNIT_OBJS) $(TEST_SUPPORT) $(TEST_LIBS_ALL)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LINT_LIBS) $(SIM_LIBS) $(LIBS) $(TEST_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_SUPPORT) $(TEST_LIBS_ALL)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LINT_LIBS) $(SIM_LIBS) $(LIBS) $(TEST_LIBS)

.PHONY: deps build-tests check check-run check-san check-valgrind check-tty
deps:
	$(Q).ci/deps

build-tests: $(TOOLS) $(TEST_BINS)

# Runs every test against the binaries of $(BUILD).
check-run: build-tests
	@echo "== unit tests ($(BUILD))"
	$(Q)$(BUILD)/tests/unit --jobs=2 --short-filename
	@echo "== golden tests ($(BUILD))"
	$(Q)BUILD=$(BUILD) $(BUILD)/tests/golden --jobs=2 --short-filename
	@echo "== language server sessions ($(BUILD))"
	@# one job: Criterion's parallel runner leaks 48 bytes under LSan
	@# when these long tests overlap
	$(Q)BUILD=$(BUILD) $(BUILD)/tests/lsp --jobs=1 --short-filename
	@echo "== corpus tests ($(BUILD))"
	$(Q)$(BUILD)/tests/corpus --jobs=2 --short-filename
	@echo "== explore tests ($(BUILD))"
	$(Q)BUILD=$(BUILD) $(BUILD)/tests/explore --jobs=2 --short-filename
	@echo "== hostile input ($(BUILD))"
	$(Q)sh tests/hostile.sh $(BUILD)
	@echo "== inputs the fuzzers found ($(BUILD))"
	$(Q)sh tests/fuzz/run.sh $(BUILD)
	$(Q)$(MAKE) --no-print-directory check-docs

# One build directory per flavour, so flags never mix.
check-san:
	$(Q)$(MAKE) --no-print-directory BUILD=build/san WERROR=1 HARDEN= \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	  -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" check-run

# Memcheck over the corpus (leaks and invalid accesses): the linter in
# one process per pass, the simulator over every VALGRIND_EVERY-th script
# (tests/valgrind.sh; VALGRIND_EVERY=1 for all of them).
VALGRIND_EVERY ?= 3
check-valgrind: $(TOOLS)
	$(Q)sh tests/valgrind.sh $(BUILD) "$(IPXE_CORPUS)" $(VALGRIND_EVERY)

# The pre-commit hook manifest, through pre-commit itself.
.PHONY: check-hooks
check-hooks: $(BUILD)/ipxelint
	@echo "== pre-commit hooks"
	$(Q)sh tests/pre-commit.sh $(BUILD)

check: deps
	$(Q)$(MAKE) --no-print-directory WERROR=1 check-run
	$(Q)$(MAKE) --no-print-directory check-hooks
	$(Q)$(MAKE) --no-print-directory check-tty
	$(Q)$(MAKE) --no-print-directory check-san
	$(Q)$(MAKE) --no-print-directory check-valgrind
	$(Q)$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=20

# ipxesim's terminal mode, driven through tmux (tests/tty/lib.sh): every
# tests/tty/*.test.sh, each printing ok/FAIL lines.
.PHONY: check-tty
check-tty: $(TOOLS)
	@echo "== terminal-mode tests ($(BUILD))"
	$(Q)if ! command -v tmux >/dev/null 2>&1; then \
	  echo "check-tty: tmux not found, terminal-mode tests skipped"; \
	else fail=0; for t in tests/tty/*.test.sh; do \
	  echo "-- $$t"; \
	  IPXESIM=$(abspath $(BUILD))/ipxesim bash "$$t" || fail=1; \
	done; exit $$fail; fi

# Re-records tests/conformance/ with the real iPXE under qemu (slow; the
# recorded files are committed, so the tests never need qemu).  CASES
# narrows it: make conformance-record CASES="core settings/set-show".
.PHONY: conformance-record
conformance-record:
	$(Q)sh tests/conformance/record.sh $(if $(JOBS),-j $(JOBS)) $(CASES)

# ---------------------------------------------------------------- release
# Man pages, shell completions and docs for `make install', and the
# Debian package (.ci/deb.sh).  The completions get the setting names of
# stdlib/settings.def when built; check-docs tests man pages, completions
# and the gcc format against the tools (run by check-run).
MAN1DIR     ?= $(MANDIR)/man1
MAN7DIR     ?= $(MANDIR)/man7
DOCDIR      ?= $(PREFIX)/share/doc/ipxekit
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
COMPDIR     := $(BUILD)/completion
COMPLETIONS := $(COMPDIR)/ipxelint $(COMPDIR)/ipxesim \
	       $(COMPDIR)/_ipxelint $(COMPDIR)/_ipxesim
CHECK_PAGES := $(wildcard docs/checks/*.md)

$(COMPDIR)/ipxelint: docs/completion/ipxelint.bash
$(COMPDIR)/ipxesim: docs/completion/ipxesim.bash.in
$(COMPDIR)/_ipxelint: docs/completion/_ipxelint
$(COMPDIR)/_ipxesim: docs/completion/_ipxesim.in
$(COMPLETIONS): docs/completion/settings.sh stdlib/settings.def
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)names=$$(sh docs/completion/settings.sh stdlib/settings.def) && \
	  sed "s|@SETTINGS@|$$names|" \
	  $(firstword $(filter-out %/settings.sh %.def,$^)) > $@

.PHONY: install-docs uninstall-docs check-docs deb
install-docs: $(COMPLETIONS)
	install -d $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(MAN7DIR) \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	  $(DESTDIR)$(DOCDIR)/checks
	install -m 644 docs/man/*.1 $(DESTDIR)$(MAN1DIR)/
	install -m 644 docs/man/*.7 $(DESTDIR)$(MAN7DIR)/
	install -m 644 $(COMPDIR)/ipxelint $(COMPDIR)/ipxesim \
	  $(DESTDIR)$(BASHCOMPDIR)/
	install -m 644 $(COMPDIR)/_ipxelint $(COMPDIR)/_ipxesim \
	  $(DESTDIR)$(ZSHCOMPDIR)/
	install -m 644 $(CHECK_PAGES) $(DESTDIR)$(DOCDIR)/checks/
	install -m 644 docs/README.md docs/simulator.md docs/editors.md \
	  $(DESTDIR)$(DOCDIR)/

uninstall-docs:
	rm -f $(addprefix $(DESTDIR)$(MAN1DIR)/,$(notdir \
	  $(wildcard docs/man/*.1))) $(addprefix $(DESTDIR)$(MAN7DIR)/,\
	  $(notdir $(wildcard docs/man/*.7))) \
	  $(addprefix $(DESTDIR)$(BASHCOMPDIR)/,ipxelint ipxesim) \
	  $(addprefix $(DESTDIR)$(ZSHCOMPDIR)/,_ipxelint _ipxesim) \
	  $(addprefix $(DESTDIR)$(DOCDIR)/checks/,$(notdir $(CHECK_PAGES))) \
	  $(addprefix $(DESTDIR)$(DOCDIR)/,README.md simulator.md editors.md)
	-rmdir $(DESTDIR)$(DOCDIR)/checks $(DESTDIR)$(DOCDIR) 2>/dev/null

check-docs: $(TOOLS) $(COMPLETIONS)
	@echo "== man pages, completions, editor format ($(BUILD))"
	$(Q)sh tests/check-manpages.sh $(BUILD)
	$(Q)bash tests/check-completion.sh $(BUILD)
	$(Q)sh tests/check-editors.sh $(BUILD)

# build/ipxekit_VERSION_ARCH.deb, built from a clean export of HEAD
# (installs debhelper, lintian and dpkg-dev when missing).
deb:
	$(Q).ci/deps debhelper lintian dpkg-dev fakeroot
	$(Q)sh .ci/deb.sh "$(VERSION)"

# ---------------------------------------------------------------- demo
.PHONY: demo
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh samples/demo.sh $(BUILD)

# ---------------------------------------------------------------- corpus
.PHONY: corpus-report
corpus-report: $(TOOLS)
	$(Q)sh tests/corpus-report.sh $(BUILD) "$(IPXE_CORPUS)"

# SARIF 2.1.0 validation with Microsoft's SARIF Multitool, fetched from
# the npm registry (so not in `make check`, which uses Debian's packages).
.PHONY: sarif-validate
sarif-validate: $(BUILD)/ipxelint $(BUILD)/tests/unit
	$(Q)sh .ci/deps python3-jsonschema
	$(Q)sh tests/sarif-validate.sh $(BUILD) "$(IPXE_CORPUS)"

# ---------------------------------------------------------------- bench
.PHONY: bench
bench: $(TOOLS) $(BUILD)/bench/bench
	$(Q)$(BUILD)/bench/bench $(BUILD) "$(IPXE_CORPUS)"

$(BUILD)/bench/bench: $(BUILD)/obj/bench/bench.o
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

# ---------------------------------------------------------------- fuzz
include fuzz/fuzz.mk

# ---------------------------------------------------------------- misc
.PHONY: install uninstall clean format update-golden help
install: $(TOOLS) install-docs
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(TOOLS) $(DESTDIR)$(BINDIR)/

uninstall: uninstall-docs
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(TOOLS)))

clean:
	rm -rf build

format:
	clang-format -i $(wildcard */*.c */*.h tests/unit/*.c)

# Accepts the output of the last failing golden run (review the diff!).
# Never the conformance cases: their expected output is what the real
# iPXE printed (make conformance-record), not what ipxesim prints.
update-golden:
	@find tests samples -name '*.actual' ! -path 'tests/conformance/*' | \
	  while read -r f; do \
	  mv "$$f" "$${f%.actual}.expected"; echo "updated $${f%.actual}"; done

help:
	@echo "make            build build/ipxelint (and build/ipxesim)"
	@echo "make demo       install dependencies, build, run on samples/"
	@echo "make check      install dependencies, every test, then again"
	@echo "                under ASan+UBSan, then valgrind over the corpus,"
	@echo "                then each fuzz target for 20 s"
	@echo "make fuzz       libFuzzer targets (FUZZ_SECONDS=N each,"
	@echo "                FUZZ_TARGETS=\"parse lint sim types\")"
	@echo "make check-tty  ipxesim's terminal mode through tmux"
	@echo "make bench      parse throughput and memory against wc -l"
	@echo "make corpus-report  ipxesim and ipxelint over the corpus: outcomes,"
	@echo "                    lint findings per check"
	@echo "make sarif-validate  SARIF output through Microsoft's validator"
	@echo "                (fetched with npm)"
	@echo "make install    install (PREFIX=$(PREFIX), DESTDIR, BINDIR)"
	@echo "                the tools, man pages, completions, docs"
	@echo "make uninstall  remove what make install installed"
	@echo "make deb        build/ipxekit_*.deb (installs debhelper...)"
	@echo "make check-docs man pages and completions against the tools"
	@echo "make update-golden  accept .actual outputs of failed goldens"
	@echo "make conformance-record  re-record tests/conformance with the"
	@echo "                real iPXE (needs qemu; CASES=..., JOBS=N)"
	@echo "make clean      remove build/"
	@echo "V=1 shows the commands"

-include $(shell find $(BUILD)/obj -name '*.d' -type f 2>/dev/null)
