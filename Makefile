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
DEFS     = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   -DIPXEKIT_VERSION='"$(VERSION)"'
ALL_CFLAGS = -std=c11 $(DEFS) $(WARN) $(HARDEN) $(CFLAGS) -I. -I$(BUILD)/gen
# flex and bison output is not ours to clean up: fewer warnings there.
GEN_CFLAGS = -std=c11 $(DEFS) -Wall -Wno-unused-function \
	     -Wno-sign-compare $(if $(WERROR),-Werror) $(HARDEN) $(CFLAGS) \
	     -I. -I$(BUILD)/gen
LIBS     = -lz -lcrypto
LINT_LIBS = -ljansson
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
GEN_SRCS  := $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.c
GEN_HDRS  := $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/obj/%.o) \
	     $(GEN_SRCS:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
LIB       := $(BUILD)/libipxe.a
LINT_LIB  := $(BUILD)/liblint.a
SIM_LIB   := $(BUILD)/libsim.a
TOOLS     := $(BUILD)/ipxelint $(if $(wildcard interp/main.c),$(BUILD)/ipxesim)
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_BINS := $(BUILD)/tests/unit $(BUILD)/tests/golden $(BUILD)/tests/corpus
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

$(BUILD)/ipxelint: $(BUILD)/obj/lint/main.o $(LINT_LIB) $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LINT_LIBS) $(LIBS)

$(BUILD)/ipxesim: $(BUILD)/obj/interp/main.o $(SIM_LIB) $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# ---------------------------------------------------------------- tests
TEST_LIBS_ALL := $(LINT_LIB) $(SIM_LIB) $(LIB)
$(BUILD)/tests/unit: $(UNIT_OBJS) $(TEST_SUPPORT) $(TEST_LIBS_ALL)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LINT_LIBS) $(LIBS) $(TEST_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_SUPPORT) $(TEST_LIBS_ALL)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LINT_LIBS) $(LIBS) $(TEST_LIBS)

.PHONY: deps build-tests check check-run check-san check-valgrind
deps:
	$(Q).ci/deps

build-tests: $(TOOLS) $(TEST_BINS)

# Runs every test against the binaries of $(BUILD).
check-run: build-tests
	@echo "== unit tests ($(BUILD))"
	$(Q)$(BUILD)/tests/unit --jobs=2 --short-filename
	@echo "== golden tests ($(BUILD))"
	$(Q)BUILD=$(BUILD) $(BUILD)/tests/golden --jobs=2 --short-filename
	@echo "== corpus tests ($(BUILD))"
	$(Q)$(BUILD)/tests/corpus --jobs=2 --short-filename
	@echo "== hostile input ($(BUILD))"
	$(Q)sh tests/hostile.sh $(BUILD)
	@echo "== inputs the fuzzers found ($(BUILD))"
	$(Q)sh tests/fuzz/run.sh $(BUILD)

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

check: deps
	$(Q)$(MAKE) --no-print-directory WERROR=1 check-run
	$(Q)$(MAKE) --no-print-directory check-san
	$(Q)$(MAKE) --no-print-directory check-valgrind
	$(Q)$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=20

# Re-records tests/conformance/ with the real iPXE under qemu (slow; the
# recorded files are committed, so the tests never need qemu).  CASES
# narrows it: make conformance-record CASES="core settings/set-show".
.PHONY: conformance-record
conformance-record:
	$(Q)sh tests/conformance/record.sh $(if $(JOBS),-j $(JOBS)) $(CASES)

# ---------------------------------------------------------------- demo
.PHONY: demo
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh samples/demo.sh $(BUILD)

# ---------------------------------------------------------------- corpus
.PHONY: corpus-report
corpus-report: $(TOOLS)
	$(Q)sh tests/corpus-report.sh $(BUILD) "$(IPXE_CORPUS)"

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
install: $(TOOLS)
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(TOOLS) $(DESTDIR)$(BINDIR)/

uninstall:
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
	@echo "make bench      parse throughput and memory against wc -l"
	@echo "make corpus-report  ipxesim over the corpus: outcomes table"
	@echo "make install    install (PREFIX=$(PREFIX), DESTDIR, BINDIR)"
	@echo "make update-golden  accept .actual outputs of failed goldens"
	@echo "make conformance-record  re-record tests/conformance with the"
	@echo "                real iPXE (needs qemu; CASES=..., JOBS=N)"
	@echo "make clean      remove build/"
	@echo "V=1 shows the commands"

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
