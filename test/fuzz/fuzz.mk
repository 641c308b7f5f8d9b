# libFuzzer targets, under AddressSanitizer and UBSan. Not included from the main Makefile;
# run from the repository root:
#
#   make -f test/fuzz/fuzz.mk                   build every target into test/fuzz/build/
#   make -f test/fuzz/fuzz.mk run               fuzz each for FUZZ_SECONDS (default 60) seconds
#   make -f test/fuzz/fuzz.mk clean
#
# Targets:
#   fuzz_tail_deserialize  the tail sample deserialiser (tail_hist binary input, aggregate states)
#   fuzz_tail_text         the tail sample text parser (tail_hist text input)
#   fuzz_ineq_deserialize  the effort histogram deserialiser (effort_hist binary input,
#                          the inequality aggregates' states) and the measures on what it accepts
#   fuzz_ineq_text         the effort histogram text parser (effort_hist text input)
#   fuzz_trace_record      collcog-load's parser of one trace-format line
#   fuzz_csv_scan          collcog-load's CSV record scanner and COPY line map
#   fuzz_json_scan         collcog-load's JSON line scanner (E.3 events), against jansson
#
# Needs clang with libFuzzer (Debian: clang and libclang-rt-14-dev), libgsl-dev, libjansson-dev
# and libpq-dev. Allocation hooks default to libc.

SHELL        := /bin/bash
FUZZ_CC      ?= clang
FUZZ_DIR     := test/fuzz/build
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_tail_deserialize fuzz_tail_text fuzz_ineq_deserialize fuzz_ineq_text \
                fuzz_trace_record fuzz_csv_scan fuzz_json_scan
FUZZ_SAN     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer \
                -Wall -Wextra -Iinclude -Isrc/cli/common -I$(shell pg_config --includedir) \
                $(shell gsl-config --cflags 2>/dev/null)

# What each target links: the pure-C core, or the command-line tools' common code.
fuzz_tail_deserialize_SRCS := $(sort $(wildcard src/core/*/*.c))
fuzz_tail_deserialize_LIBS := $(shell gsl-config --libs 2>/dev/null || echo -lgsl -lgslcblas -lm)
fuzz_tail_text_SRCS        := $(fuzz_tail_deserialize_SRCS)
fuzz_tail_text_LIBS        := $(fuzz_tail_deserialize_LIBS)
fuzz_ineq_deserialize_SRCS := $(fuzz_tail_deserialize_SRCS)
fuzz_ineq_deserialize_LIBS := $(fuzz_tail_deserialize_LIBS)
fuzz_ineq_text_SRCS        := $(fuzz_tail_deserialize_SRCS)
fuzz_ineq_text_LIBS        := $(fuzz_tail_deserialize_LIBS)
fuzz_trace_record_SRCS     := $(sort $(wildcard src/cli/common/*.c)) src/core/common/trace.c
fuzz_trace_record_LIBS     := -ljansson -L$(shell pg_config --libdir) -lpq
fuzz_csv_scan_SRCS         := src/cli/common/csv_scan.c src/cli/common/csv_line_map.c \
                              src/cli/common/strbuf.c
fuzz_json_scan_SRCS        := src/cli/common/json_scan.c src/cli/common/strbuf.c
fuzz_json_scan_LIBS        := -ljansson

.PHONY: all run clean
all: $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))

.SECONDEXPANSION:
$(FUZZ_DIR)/%: test/fuzz/%.c $$(%_SRCS) $(wildcard include/collcog/*.h src/cli/common/*.h)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -o $@ $< $($*_SRCS) $($*_LIBS)

# Seed corpora. The deserialiser's: valid serialisations (empty, discrete, continuous); the
# text parser's: a few tail_hist texts; the trace parser's: one line of each record kind
# from the bundled sample, and the loader's test fixtures (good and bad lines).
$(FUZZ_DIR)/fuzz_tail_deserialize.corpus/.seeded:
	@mkdir -p $(@D)
	printf 'CCTS\001\001\000\000\000\000\000\000\000\000\000\000' > $(@D)/empty
	printf 'CCTS\001\001\000\000\002\000\000\000\000\000\000\000\000\000\000\000\000\000\360\077\003\000\000\000\000\000\000\000\000\000\000\000\000\000\010\100\001\000\000\000\000\000\000\000' > $(@D)/discrete
	printf 'CCTS\001\002\000\000\001\000\000\000\000\000\000\000\000\000\000\000\000\000\340\077\002\000\000\000\000\000\000\000' > $(@D)/continuous
	@touch $@

$(FUZZ_DIR)/fuzz_tail_text.corpus/.seeded:
	@mkdir -p $(@D)
	printf 'discrete:' > $(@D)/empty
	printf 'discrete:1*10,2*5,7' > $(@D)/discrete
	printf ' Continuous: 0.5 * 1 , 2.25*3\n' > $(@D)/continuous
	printf 'continuous:1e-300,2.5e300*9223372036854775807' > $(@D)/extremes
	@touch $@

$(FUZZ_DIR)/fuzz_ineq_deserialize.corpus/.seeded:
	@mkdir -p $(@D)
	printf 'CCEH\001\000\000\000\000\000\000\000\000\000\000\000' > $(@D)/empty
	printf 'CCEH\001\000\000\000\002\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\000\000\000\000\000\000\010\100\001\000\000\000\000\000\000\000' > $(@D)/zeros
	@touch $@

$(FUZZ_DIR)/fuzz_ineq_text.corpus/.seeded:
	@mkdir -p $(@D)
	printf '' > $(@D)/empty
	printf '0*12,1*30,2.5*1' > $(@D)/counts
	printf ' -0 * 2 , 0x1p-1,1e300*9223372036854775806' > $(@D)/extremes
	@touch $@

$(FUZZ_DIR)/fuzz_trace_record.corpus/.seeded:
	@mkdir -p $(@D)
	for kind in run agent event message; do \
		grep -m 3 "\"record\":\"$$kind\"" data/sample-traces.jsonl | split -l 1 - $(@D)/$$kind-; done
	cp test/integration/fixtures/loader/*.jsonl $(@D)/
	@touch $@

$(FUZZ_DIR)/fuzz_csv_scan.corpus/.seeded:
	@mkdir -p $(@D)
	cp test/integration/fixtures/loader/*.csv $(@D)/
	@touch $@

$(FUZZ_DIR)/fuzz_json_scan.corpus/.seeded:
	@mkdir -p $(@D)
	cat test/integration/fixtures/e3/tree/*/*/*/*/*/events.jsonl | split -l 1 - $(@D)/e3-
	cp test/integration/fixtures/loader/*.jsonl $(@D)/
	@touch $@

run: all $(foreach t,$(FUZZ_TARGETS),$(FUZZ_DIR)/$(t).corpus/.seeded)
	@for t in $(FUZZ_TARGETS); do \
		echo "== $$t ($(FUZZ_SECONDS) s)"; \
		$(FUZZ_DIR)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_DIR)/$$t- \
			$(FUZZ_DIR)/$$t.corpus 2>&1 | grep -E '^(stat::number_of_executed_units|==[0-9]+==|SUMMARY)' \
			|| true; \
		test $${PIPESTATUS[0]:-0} -eq 0 || exit 1; \
	done

clean:
	rm -rf $(FUZZ_DIR)
