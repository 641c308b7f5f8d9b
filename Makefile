# collcog: PGXS build of the extension, the core library, the command-line tools and the tests.
#
#   make && sudo make install     build and install the extension and collcog-load
#   make unit                     core unit tests (no server), see test/unit/unit.mk
#   make installcheck             pg_regress against a running server (PG* variables)
#
# Works from a VPATH build directory: mkdir build && cd build && make -f ../Makefile VPATH=..

EXTENSION  = collcog
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(collcog_srcdir)/collcog.control)

# srcdir is set by PGXS only after the include below; compute it ourselves for the wildcards.
collcog_srcdir := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

# One folder per topic in each tree (docs/architecture.md).
CORE_SRCS := $(sort $(wildcard $(collcog_srcdir)/src/core/*/*.c))
PG_SRCS   := $(sort $(wildcard $(collcog_srcdir)/src/pg/*/*.c))
# The install script's parts: NN_topic.sql, and NN_topic.sh that print SQL (see below).
SQL_PARTS := $(sort $(wildcard $(collcog_srcdir)/src/sql/*.sql $(collcog_srcdir)/src/sql/*.sh))

MODULE_big = collcog
OBJS = $(patsubst $(collcog_srcdir)/%.c,%.o,$(CORE_SRCS) $(PG_SRCS))

# The install script of the version in the works is built; every shipped one is kept frozen in
# src/sql/released/ with the upgrade scripts collcog--OLD--NEW.sql (docs/install.md). PGXS
# installs DATA from $(srcdir), so these paths are relative to it.
DATA_built = collcog--$(EXTVERSION).sql
DATA = $(patsubst $(collcog_srcdir)/%,%,$(wildcard $(collcog_srcdir)/src/sql/released/*.sql))
ifneq ($(filter %/$(DATA_built),$(DATA)),)
$(error src/sql/released/$(DATA_built) is frozen: raise default_version in collcog.control)
endif

REGRESS = $(patsubst $(collcog_srcdir)/sql/%.sql,%,$(sort $(wildcard $(collcog_srcdir)/sql/*.sql)))
# Test databases are UTF8 with the C locale, whatever the cluster and the caller use.
REGRESS_OPTS = --load-extension=plpgsql --encoding=UTF8 --no-locale

CLI_PROGRAMS := $(patsubst $(collcog_srcdir)/%.c,%,$(sort $(wildcard $(collcog_srcdir)/src/cli/*.c)))
ifneq ($(CLI_PROGRAMS),)
SCRIPTS_built = $(CLI_PROGRAMS)
endif

GSL_CFLAGS := $(shell gsl-config --cflags 2>/dev/null)
GSL_LIBS   := $(shell gsl-config --libs 2>/dev/null || echo -lgsl -lgslcblas -lm)

PG_CPPFLAGS = -I$(collcog_srcdir)/include -I$(collcog_srcdir)/src $(GSL_CFLAGS)
PG_CFLAGS   = -MMD -MP
SHLIB_LINK  = $(GSL_LIBS)

EXTRA_CLEAN = $(CLI_PROGRAMS) $(OBJS:.o=.d) test/unit/build test/unit/build-asan

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The install script is the parts of src/sql/ in name order: each NN_topic.sql as it is, and
# what each NN_topic.sh prints (objects that come in families, defined once; POSIX sh).
$(DATA_built): $(SQL_PARTS) $(collcog_srcdir)/collcog.control
	for part in $(SQL_PARTS); do \
		case $$part in *.sh) sh $$part ;; *) cat $$part ;; esac || { rm -f $@; exit 1; }; \
	done > $@

# Header dependencies written by -MMD (Debian's PGXS is built without autodepend).
-include $(OBJS:.o=.d)

# Object directories for VPATH builds.
$(OBJS): | objdirs
.PHONY: objdirs
objdirs:
	@mkdir -p $(sort $(dir $(OBJS))) src/cli

# Command-line tools: libpq clients linked with the core, not part of the server module.
CLI_CPPFLAGS = -I$(collcog_srcdir)/include -I$(shell $(PG_CONFIG) --includedir)
CLI_LIBS     = -L$(shell $(PG_CONFIG) --libdir) -lpq $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
CLI_COMMON   = $(sort $(wildcard $(collcog_srcdir)/src/cli/common/*.c))
# The part of the core the tools share with the extension: the trace schema's event types.
CLI_CORE     = $(collcog_srcdir)/src/core/common/trace.c

# A tool that draws with the core links its topic too: collcog-report the report topic (the
# SVG writer) with the core's allocation hooks and error records.
CLI_CORE_report = $(sort $(wildcard $(collcog_srcdir)/src/core/report/*.c)) \
	$(collcog_srcdir)/src/core/common/hooks.c $(collcog_srcdir)/src/core/common/error.c \
	$(collcog_srcdir)/include/collcog/report.h
CLI_LIBS_report = -lm

# Program collcog-NAME is src/cli/collcog-NAME.c, plus src/cli/NAME/*.[ch] when it has more
# files (a folder cannot share the program's name in an in-tree build), plus common/,
# CLI_CORE and CLI_CORE_NAME.
CLI_COMMON_H = $(wildcard $(collcog_srcdir)/src/cli/common/*.h)
.SECONDEXPANSION:
src/cli/%: $(collcog_srcdir)/src/cli/%.c $$(wildcard $(collcog_srcdir)/src/cli/$$(subst collcog-,,$$*)/*.[ch]) $(CLI_COMMON) $(CLI_CORE) $$(CLI_CORE_$$(subst collcog-,,$$*)) $(CLI_COMMON_H) | objdirs
	$(CC) $(CFLAGS) $(COPT) $(CLI_CPPFLAGS) -I$(collcog_srcdir)/src/cli/common -o $@ $(filter %.c,$^) $(LDFLAGS) $(CLI_LIBS) $(CLI_LIBS_$(subst collcog-,,$(notdir $@)))

include $(collcog_srcdir)/test/unit/unit.mk
