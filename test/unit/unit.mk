# Core unit tests: each test/unit/<topic>/test_*.c is a cmocka program linked with the pure-C
# core (internal headers of a topic are reached as "<topic>/<topic>_internal.h").
# No server and no PostgreSQL headers: this is what keeps the core testable on its own.
#
#   make unit                         build and run every test
#   make unit UNIT_SANITIZE=1         the same under AddressSanitizer + UBSan
#   make unit UNIT_VALGRIND=1         the same under valgrind (leaks and invalid accesses fail)

UNIT_DIR    = test/unit/build$(if $(UNIT_SANITIZE),-asan)
UNIT_TESTS  = $(patsubst $(collcog_srcdir)/test/unit/%.c,$(UNIT_DIR)/%,$(sort $(wildcard $(collcog_srcdir)/test/unit/*/test_*.c)))
UNIT_CORE   = $(patsubst $(collcog_srcdir)/src/core/%.c,$(UNIT_DIR)/core/%.o,$(CORE_SRCS))
UNIT_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -DCOLLCOG_SRCDIR=\"$(collcog_srcdir)\" -O1 -g -Wall -Wextra -MMD -MP -I$(collcog_srcdir)/include -I$(collcog_srcdir)/src/core $(GSL_CFLAGS)
ifdef UNIT_SANITIZE
UNIT_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
UNIT_RUN = $(if $(UNIT_VALGRIND),valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,)

$(UNIT_DIR)/core/%.o: $(collcog_srcdir)/src/core/%.c
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -c -o $@ $<

$(UNIT_DIR)/%: $(collcog_srcdir)/test/unit/%.c $(UNIT_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_CORE) -lcmocka $(GSL_LIBS)

.PHONY: unit layout
# The layout rules of docs/architecture.md (the core never includes PostgreSQL's headers,
# topics reach each other only through public headers and common/), and every SQLSTATE
# raised is listed in docs/errors.md.
layout:
	@$(collcog_srcdir)/test/check-layout.sh $(collcog_srcdir)
	@PG_CONFIG=$(PG_CONFIG) $(collcog_srcdir)/test/check-errors.sh $(collcog_srcdir)

# Header dependencies written by -MMD, so editing a header rebuilds what includes it.
-include $(wildcard $(UNIT_DIR)/*/*.d $(UNIT_DIR)/core/*/*.d)

unit: layout $(UNIT_TESTS)
	@status=0; for t in $(UNIT_TESTS); do echo "== $$t"; $(UNIT_RUN) $$t || status=1; done; exit $$status
