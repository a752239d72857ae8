# fuzz/fuzz.mk - libFuzzer targets (included by the Makefile).
#
#   make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="parse lint sim types"]
#
# builds every target with clang under ASan+UBSan in build/fuzz (its own
# flavour, so flags never mix), seeds a corpus per target in
# build/fuzz/corpus/TARGET from tests/ and $(IPXE_CORPUS), and runs the
# targets one after the other, each for FUZZ_SECONDS (default 20) in one
# process with fuzz/ipxe.dict.  Anything found (crash-*, leak-*,
# timeout-*, oom-*) is left in build/fuzz/artifacts/ and the target
# fails.  The corpora grow across runs; `make clean` drops them.

FUZZ_TARGETS ?= parse lint sim types
FUZZ_SECONDS ?= 20
FUZZ_CC      ?= clang
# Per-input limits: a slow input (5 s) or a big one (2 GB RSS) is a bug.
FUZZ_FLAGS   ?= -timeout=5 -rss_limit_mb=2048 -max_len=65536
FUZZ_DIR     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link \
		$(FUZZ_SAN)
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz/fuzz_%)

.PHONY: fuzz fuzz-build fuzz-seeds
.PRECIOUS: $(BUILD)/obj/fuzz/%.o
fuzz: fuzz-build fuzz-seeds
	$(Q)set -e; for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts; \
	  $(FUZZ_DIR)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 $(FUZZ_FLAGS) \
	    $$( [ $$t = types ] || echo -dict=fuzz/ipxe.dict ) \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- \
	    $(FUZZ_DIR)/corpus/$$t 2>$(FUZZ_DIR)/fuzz-$$t.log || { \
	    tail -n 60 $(FUZZ_DIR)/fuzz-$$t.log; exit 1; }; \
	  grep -E '^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|cov:' \
	    $(FUZZ_DIR)/fuzz-$$t.log | tail -n 2; \
	done

# The libraries and the targets, in their own flavour (a sub-make with
# BUILD=build/fuzz, whose pattern rule compiles fuzz/*.c like any
# source).  libFuzzer supplies main().
fuzz-build:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_DIR) CC=$(FUZZ_CC) \
	  HARDEN= CFLAGS="$(FUZZ_CFLAGS)" $(FUZZ_BINS)

$(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/fuzz/fuzz_%.o $(LINT_LIB) $(SIM_LIB) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ \
	  $(LINT_LIBS) $(LIBS)

# Seeds: every script of tests/ and of the corpus for the script targets
# (a copy per target, as libFuzzer adds to its corpus folder); a value
# of each type for types (first byte: the type's index).
fuzz-seeds:
	$(Q)for t in $(filter-out types,$(FUZZ_TARGETS)); do \
	  d=$(FUZZ_DIR)/corpus/$$t; [ -f $$d/.seeded ] && continue; \
	  mkdir -p $$d; i=0; \
	  { find tests samples -name '*.ipxe' -type f; \
	    [ -d "$(IPXE_CORPUS)" ] && find "$(IPXE_CORPUS)" -type f \
	      ! -name README.md ! -name SOURCES.tsv; } | sort | \
	  while read -r f; do \
	    [ $$(wc -c <"$$f") -le 65536 ] || continue; \
	    i=$$((i + 1)); cp "$$f" $$d/seed-$$i; done; \
	  touch $$d/.seeded; done
	$(Q)case " $(FUZZ_TARGETS) " in *" types "*) \
	  d=$(FUZZ_DIR)/corpus/types; mkdir -p $$d; \
	  sh fuzz/type-seeds.sh $$d;; esac
