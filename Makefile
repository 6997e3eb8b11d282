# precis: build, test, benchmark and install.
#   make            the core library, the Lua module and bin/summarize
#   make test       installs missing Debian packages, builds, runs every test
#   make LUA_VERSION=5.1|5.2|5.3|5.4|jit   precis.core for that Lua (default 5.4)
#   make test-lua-all   the Lua specs under every Lua version
#   make test-hosts     contrib/: Neovim, pandoc, nginx, PostgreSQL, for real
#   make demo       installs missing packages, builds, summarizes examples/
#   make sanitize   ASan+UBSan over the C tests and the Lua specs
#   make tsan       ThreadSanitizer over threads that share one summarizer
#   make fuzz       the libFuzzer harnesses of fuzz/, FUZZ_TIME seconds each
#   make test-oom   every allocation of a run failing in turn, under ASan
#   make bench      speed and memory beside ots (needs ../shared/data)

PREFIX      ?= /usr/local
DESTDIR     ?=
# 5.1, 5.2, 5.3, 5.4 or jit (LuaJIT 2.1, which has Lua 5.1's ABI and paths)
LUA_VERSION ?= 5.4
PKG_CONFIG  ?= pkg-config
IS_JIT       = $(filter jit,$(LUA_VERSION))
# the X.Y of lib/lua/X.Y and share/lua/X.Y
LUA_ABI     ?= $(if $(IS_JIT),5.1,$(LUA_VERSION))
# pkg-config name: lua5.4 or luajit on Debian/Ubuntu; lua-5.4, lua54 or lua elsewhere
LUA_PC      ?= $(if $(IS_JIT),luajit,lua$(LUA_VERSION))
# LuaRocks passes LUA_INCDIR; otherwise ask pkg-config
LUA_INCDIR  ?=
LUA_CFLAGS  ?= $(if $(LUA_INCDIR),-I$(LUA_INCDIR),$(shell $(PKG_CONFIG) --cflags $(LUA_PC) 2>/dev/null))
LUA_LIBS    ?= $(shell $(PKG_CONFIG) --libs $(LUA_PC) 2>/dev/null)
YAML_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS   ?= $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
UTF8PROC_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS   ?= $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)
# Markdown (md4c) and HTML (gumbo) readers for the input formats
MD4C_CFLAGS  ?= $(shell $(PKG_CONFIG) --cflags md4c 2>/dev/null)
MD4C_LIBS    ?= $(shell $(PKG_CONFIG) --libs md4c 2>/dev/null || echo -lmd4c)
GUMBO_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags gumbo 2>/dev/null)
GUMBO_LIBS   ?= $(shell $(PKG_CONFIG) --libs gumbo 2>/dev/null || echo -lgumbo)
# drop patterns (PCRE2, 8-bit code units)
PCRE2_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS   ?= $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
# JSON Lines records of summarize batch (json-c)
JSONC_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags json-c 2>/dev/null)
JSONC_LIBS   ?= $(shell $(PKG_CONFIG) --libs json-c 2>/dev/null || echo -ljson-c)
# libstemmer ships no .pc file on Debian
STEMMER_LIBS ?= -lstemmer
CHECK_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   ?= $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
# macOS: LIBFLAG=-bundle -undefined dynamic_lookup
LIBFLAG     ?= -shared
INST_LIBDIR ?= $(PREFIX)/lib/lua/$(LUA_ABI)
INST_LUADIR ?= $(PREFIX)/share/lua/$(LUA_ABI)
INST_BINDIR ?= $(PREFIX)/bin
INST_INCDIR ?= $(PREFIX)/include
INST_CLIBDIR ?= $(PREFIX)/lib
INST_MANDIR ?= $(PREFIX)/share/man
LUA         ?= $(if $(IS_JIT),luajit,lua$(LUA_VERSION))
# the generators of committed files (tools/) are written for Lua 5.4
TOOL_LUA    ?= lua5.4
BUSTED      ?= busted

STD    ?= -std=c11
WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wcast-qual -Wwrite-strings -Wundef -Wdeclaration-after-statement
# packagers/LuaRocks: make WERROR=
WERROR ?= -Werror
CFLAGS ?= -O3 -g
# the POSIX functions the core calls
DEFS    = -D_POSIX_C_SOURCE=200809L
ALL_CFLAGS = $(STD) $(WARN) $(WARN_EXTRA) $(WERROR) $(DEFS) -fPIC -fvisibility=hidden \
             -Iinclude -Icsrc $(UTF8PROC_CFLAGS) $(YAML_CFLAGS) $(MD4C_CFLAGS) \
             $(GUMBO_CFLAGS) $(JSONC_CFLAGS) $(PCRE2_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(SAN)
# what libprecis links; libyaml is the policy reader's, in the Lua module
CORE_LIBS = $(UTF8PROC_LIBS) $(STEMMER_LIBS) $(MD4C_LIBS) $(GUMBO_LIBS) $(JSONC_LIBS) $(PCRE2_LIBS) \
            -lpthread -lm

B ?= build
# the Lua modules, per Lua version: build/ for 5.4, build/lua5.1,
# build/luajit, ... for the others; the core library is shared
LB ?= $(if $(filter 5.4,$(LUA_VERSION)),$(B),$(B)/$(LUA))
# The engine is libprecis; the policy reader (yaml.c, over libyaml) serves
# the Lua layer, where policies live, and goes into the module.
CORE_SRC = $(sort $(wildcard csrc/*.c csrc/scorers/*.c))
CORE_SRC := $(filter-out csrc/lprecis.c csrc/lrouge.c csrc/yaml.c,$(CORE_SRC))
CORE_OBJ = $(CORE_SRC:%.c=$(B)/obj/%.o)
YAML_OBJ = $(B)/obj/csrc/yaml.o
TEST_SRC = $(sort $(wildcard tests/*.c))
TEST_OBJ = $(TEST_SRC:%.c=$(B)/obj/%.o)

# The version, from include/precis.h: libprecis.so.$(VERSION) is the
# library, libprecis.so.$(SOMAJOR) its soname, libprecis.so the link
# that -lprecis finds.
VERSION := $(shell sed -n 's/^\#define PRECIS_VERSION "\(.*\)"$$/\1/p' include/precis.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME  = libprecis.so.$(SOMAJOR)

LIB    = $(B)/libprecis.a
SHLIB  = $(B)/libprecis.so.$(VERSION)
SHLINKS = $(B)/$(SONAME) $(B)/libprecis.so
PC     = $(B)/precis.pc
MODULE = $(LB)/precis/core.so
CHECKS = $(B)/check_precis
FAILALLOC = $(B)/failalloc.so

.PHONY: FORCE all check spec test test-oom oom-run bench-corpus test-dask test-install test-lua-all test-hosts sanitize sanitize-check sanitize-spec bench demo deps \
        install uninstall clean eval eval-rouge policies eval-seg man test-man

all: $(LIB) $(SHLIB) $(SHLINKS) $(PC) $(MODULE) man

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# md4c and gumbo tell no version at run time: precis_dependency reports
# what pkg-config says at build time
MD4C_VERSION  ?= $(shell $(PKG_CONFIG) --modversion md4c 2>/dev/null)
GUMBO_VERSION ?= $(shell $(PKG_CONFIG) --modversion gumbo 2>/dev/null)
$(B)/obj/csrc/version.o: DEFS += $(if $(MD4C_VERSION),-DPRECIS_MD4C_VERSION='"$(MD4C_VERSION)"') \
                                $(if $(GUMBO_VERSION),-DPRECIS_GUMBO_VERSION='"$(GUMBO_VERSION)"')

# the files of the module that include lua.h, built per Lua
$(LB)/obj/csrc/lprecis.o $(LB)/obj/csrc/lrouge.o: $(LB)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LUA_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(CORE_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# The shared library exports precis_* and nothing else: -fvisibility=hidden
# with PRECIS_API, and the version script as a second fence.
SHLIB_FLAGS ?= -shared -Wl,-soname,$(SONAME) -Wl,--version-script=csrc/precis.map \
               -Wl,--no-undefined
$(SHLIB): $(CORE_OBJ) csrc/precis.map
	$(CC) $(SHLIB_FLAGS) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $(CORE_OBJ) $(CORE_LIBS)
$(B)/$(SONAME): $(SHLIB)
	ln -sf $(notdir $<) $@
$(B)/libprecis.so: $(B)/$(SONAME)
	ln -sf $(notdir $<) $@

# pkg-config's precis module, for the paths of `make install` (remade
# when they change); directories under the prefix are written from
# ${prefix}, so that pkg-config --define-prefix can move them
PC_DIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
$(PC): precis.pc.in include/precis.h FORCE
	@mkdir -p $(dir $@)
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call PC_DIR,$(INST_CLIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call PC_DIR,$(INST_INCDIR))|' -e 's|@VERSION@|$(VERSION)|' \
	    precis.pc.in > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; echo "made $@"; fi

# The module links libprecis.so, so that a process holds one engine however
# many hosts load it; the policy reader and the few helpers it shares with
# the engine come from the objects, and only luaopen_precis_core leaves the
# module. It links no liblua: the host interpreter provides those symbols.
# It finds libprecis beside the build tree, and once installed by the path
# from lib/lua/X.Y/precis to the library directory: both relative to
# itself ($ORIGIN), so an installed tree works wherever it is. Packagers
# whose library directory is on the loader's path set MODULE_RPATH= .
MODULE_RPATH ?= $$ORIGIN/$(shell realpath -m --relative-to=$(LB)/precis $(B)):$$ORIGIN/$(shell \
                realpath -m --relative-to=$(INST_LIBDIR)/precis $(INST_CLIBDIR))
MODULE_FLAGS ?= -Wl,--version-script=csrc/lprecis.map
# relinks the module when the path changes (make install INST_LIBDIR=...)
$(LB)/rpath: FORCE
	@mkdir -p $(dir $@)
	@echo '$(MODULE_RPATH)' | cmp -s - $@ || echo '$(MODULE_RPATH)' > $@
FORCE:
MODULE_OBJ = $(LB)/obj/csrc/lprecis.o $(LB)/obj/csrc/lrouge.o $(YAML_OBJ)
$(MODULE): $(MODULE_OBJ) $(SHLINKS) $(LIB) csrc/lprecis.map $(LB)/rpath
	@mkdir -p $(dir $@)
	$(CC) $(LIBFLAG) $(MODULE_FLAGS) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $(MODULE_OBJ) \
	  -L$(B) -lprecis $(LIB) $(YAML_LIBS) $(UTF8PROC_LIBS) $(JSONC_LIBS) -lm \
	  $(if $(MODULE_RPATH),-Wl$(,)-rpath$(,)'$(MODULE_RPATH)')
, := ,

# The tests' allocator (tests/alloc.c) serves the dynamic linker and the
# sanitizers' runtime too, before that runtime is ready: never instrumented.
$(B)/obj/tests/alloc.o: override SAN =

$(CHECKS): $(TEST_OBJ) $(YAML_OBJ) $(LIB)
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $(TEST_OBJ) $(YAML_OBJ) $(LIB) $(CHECK_LIBS) \
	  $(CORE_LIBS) $(YAML_LIBS) -lpthread

# examples/threads.c: one summarizer shared by threads (spec/example_spec.lua runs it)
EXAMPLE = $(B)/example-threads
$(EXAMPLE): examples/threads.c $(LIB)
	$(CC) $(STD) $(WARN) $(WERROR) $(DEFS) -Iinclude $(CFLAGS) $(SAN) -o $@ examples/threads.c $(LIB) $(CORE_LIBS)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# The language packs become C tables (committed, so that builds without Lua
# need no step); regenerated when a pack or the generator changes.
LANG_PACKS = $(sort $(wildcard lang/*.txt))
csrc/langdata.c: $(LANG_PACKS) tools/genlang.lua
	$(TOOL_LUA) tools/genlang.lua $(LANG_PACKS) > $@.tmp && mv $@.tmp $@

deps:
	@sh tools/deps.sh

check: $(CHECKS)
	$(CHECKS)

# bin/summarize, which the specs run, follows PRECIS_LUA and PRECIS_CPATH
spec: $(MODULE) $(FAILALLOC) $(EXAMPLE)
	PRECIS_LUA=$(LUA) PRECIS_CPATH=$(LB) PRECIS_FAILALLOC=$(FAILALLOC) PRECIS_EXAMPLE=$(EXAMPLE) \
	$(BUSTED) --lua=$(LUA) --cpath="$(LB)/?.so" $(BUSTED_ARGS)

# spec/oom_spec.lua runs the command with an allocator that fails
$(FAILALLOC): tests/preload/failalloc.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O2 $(WARN) $(WERROR) -o $@ $< -ldl

test: deps
	@$(MAKE) --no-print-directory check spec test-man test-install

# the shared library's exports, make install and uninstall, pkg-config
test-install: all
	B=$(B) LB=$(LB) LUA_VERSION=$(LUA_VERSION) MAKE="$(MAKE)" sh tests/install.sh

# The specs under every Lua, then the same output from each
# (tests/same_output.sh); the C tests do not depend on Lua.
LUA_VERSIONS ?= 5.1 5.2 5.3 5.4 jit
test-lua-all:
	@sh tools/deps.sh lua
	@for v in $(LUA_VERSIONS); do \
	  echo "== Lua $$v"; \
	  $(MAKE) --no-print-directory LUA_VERSION=$$v all spec || exit 1; \
	done
	sh tests/same_output.sh $(LUA_VERSIONS)

# The integrations of contrib/ inside the real Neovim, pandoc, nginx and
# PostgreSQL from Debian's packages (sh tools/deps.sh hosts), each with the
# module built here for the Lua it embeds: LuaJIT (Neovim, nginx) or 5.3
# (pandoc 2, pllua). Servers bind 127.0.0.1 or a Unix socket, in temporary
# folders, and are stopped by their PID.
HOSTS ?= neovim pandoc nginx postgresql
test-hosts:
	@sh tools/deps.sh hosts
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory LUA_VERSION=jit all
	@$(MAKE) --no-print-directory LUA_VERSION=5.3 all
	@st=0; for h in $(HOSTS); do echo "== $$h"; sh contrib/$$h/test/run.sh || st=1; done; exit $$st

# ASan+UBSan: a separate build tree; the specs run with the runtime preloaded.
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
sanitize: deps
	@$(MAKE) --no-print-directory B=build-asan SAN="$(SAN_FLAGS)" CFLAGS="-O1 -g" sanitize-check sanitize-spec

sanitize-check: $(CHECKS)
	CK_FORK=no ASAN_OPTIONS=detect_leaks=1 $(CHECKS)

# Lua's own allocations are not ours to judge, so leaks are checked in the C tests.
sanitize-spec: $(MODULE) $(EXAMPLE)
	LD_PRELOAD="$$($(CC) -print-file-name=libasan.so) $$($(CC) -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=0 PRECIS_LUA=$(LUA) PRECIS_CPATH=$(LB) PRECIS_EXAMPLE=$(EXAMPLE) \
	$(BUSTED) --lua=$(LUA) --cpath="$(LB)/?.so" $(BUSTED_ARGS)

# The allocation-failure sweep (tests/oom/oom.c): every allocation of a
# run fails in turn, for each input format, the policy reader and every
# scorer and selector; under ASan+UBSan, so that a crash or a leak on a
# failure path is found. OOM_ARGS=text names the cases to run.
OOM_BIN = $(B)/oom_precis
$(OOM_BIN): tests/oom/oom.c $(B)/obj/tests/alloc.o $(YAML_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ tests/oom/oom.c $(B)/obj/tests/alloc.o $(YAML_OBJ) $(LIB) \
	  $(CORE_LIBS) $(YAML_LIBS) -ldl
test-oom: deps
	@$(MAKE) --no-print-directory B=build-asan SAN="$(SAN_FLAGS)" CFLAGS="-O1 -g" oom-run
oom-run: $(OOM_BIN)
	ASAN_OPTIONS=detect_leaks=1 $(OOM_BIN) $(OOM_ARGS)

# contrib/dask on a LocalCluster of 127.0.0.1 (python3-distributed; about a
# minute, so .ci/run calls it apart from make test)
test-dask: all
	/usr/bin/python3 contrib/dask/test_dask.py

demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== bin/summarize -n 3 examples/harbour-bridge.txt"
	@bin/summarize -n 3 examples/harbour-bridge.txt

bench: all
	@sh bench/run.sh

# documents/s and peak memory of summarize batch on 10,000 articles (and ots)
bench-corpus: all
	@sh bench/corpus.sh

# The built-in policies travel as a Lua module, precis.policies, so that
# they are found wherever precis is installed (make install, luarocks).
# Regenerate it after editing policies/*.yaml: spec/policy_spec.lua fails
# while it is stale.
POLICY_YAML = $(sort $(wildcard policies/*.yaml))
policies: lua/precis/policies.lua
lua/precis/policies.lua: $(POLICY_YAML) tools/embed_policies.lua
	$(TOOL_LUA) tools/embed_policies.lua $(POLICY_YAML) > $@.tmp && mv $@.tmp $@

# The manual pages: scdoc sources in docs/man, rendered at build time.
# scdoc writes .nh before .TH, which turns hyphenation back on: repeat it
# after, so that names like precis_summarizer_new stay whole. The date is
# the last commit's (or the packager's SOURCE_DATE_EPOCH), never today's.
SCDOC ?= scdoc
MAN_SRC = $(sort $(wildcard docs/man/*.scd))
MAN = $(MAN_SRC:docs/man/%.scd=$(B)/man/%)
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
man: $(MAN)
$(B)/man/%: docs/man/%.scd
	@mkdir -p $(dir $@)
	$(if $(SOURCE_DATE_EPOCH),SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH)) $(SCDOC) < $< > $@.tmp
	awk '{ print } /^\.TH /{ print ".nh" }' $@.tmp > $@ && rm -f $@.tmp

# Each page renders without a single warning, through groff and man(1).
test-man: $(MAN)
	@for f in $(MAN); do \
	  w=$$( { groff -man -ww -z $$f && man --warnings -l $$f > /dev/null; } 2>&1 ) || \
	    { echo "$$f: does not render"; echo "$$w"; exit 1; }; \
	  [ -z "$$w" ] || { echo "$$f: warnings:"; echo "$$w"; exit 1; }; \
	done; echo "man pages: $(words $(MAN)) rendered without warnings"

INST_PCDIR ?= $(INST_CLIBDIR)/pkgconfig

# The installed command: a Lua script for the interpreter it was installed
# for (its path found now), that puts the modules' directories of this
# install in front of Lua's paths, as LuaRocks' wrappers do: it runs from
# an empty environment wherever PREFIX is. The paths are the final ones,
# without DESTDIR; remade when they change.
LUA_BIN ?= $(shell command -v $(LUA) 2>/dev/null || echo /usr/bin/$(LUA))
LAUNCHER = $(LB)/summarize
$(LAUNCHER): FORCE
	@mkdir -p $(dir $@)
	@{ echo '#!$(LUA_BIN)'; \
	   echo '-- summarize: the precis command, as make install made it.'; \
	   echo 'package.path = "$(INST_LUADIR)/?.lua;$(INST_LUADIR)/?/init.lua;" .. package.path'; \
	   echo 'package.cpath = "$(INST_LIBDIR)/?.so;" .. package.cpath'; \
	   echo 'os.exit(require("precis.cli").main(arg))'; } > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

install: all $(LAUNCHER)
	install -d $(DESTDIR)$(INST_LIBDIR)/precis $(DESTDIR)$(INST_LUADIR)/precis $(DESTDIR)$(INST_BINDIR) \
	           $(DESTDIR)$(INST_INCDIR) $(DESTDIR)$(INST_CLIBDIR) $(DESTDIR)$(INST_PCDIR)
	install -m 755 $(MODULE) $(DESTDIR)$(INST_LIBDIR)/precis/core.so
	install -m 644 lua/precis/*.lua $(DESTDIR)$(INST_LUADIR)/precis/
	install -m 755 $(LAUNCHER) $(DESTDIR)$(INST_BINDIR)/summarize
	install -m 644 include/precis.h $(DESTDIR)$(INST_INCDIR)/precis.h
	install -m 644 $(LIB) $(DESTDIR)$(INST_CLIBDIR)/libprecis.a
	install -m 755 $(SHLIB) $(DESTDIR)$(INST_CLIBDIR)/$(notdir $(SHLIB))
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(INST_CLIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(INST_CLIBDIR)/libprecis.so
	install -m 644 $(PC) $(DESTDIR)$(INST_PCDIR)/precis.pc
	for f in $(MAN); do s=$${f##*.}; install -d $(DESTDIR)$(INST_MANDIR)/man$$s && \
	  install -m 644 $$f $(DESTDIR)$(INST_MANDIR)/man$$s/; done

uninstall:
	rm -f $(DESTDIR)$(INST_LIBDIR)/precis/core.so $(DESTDIR)$(INST_BINDIR)/summarize \
	      $(DESTDIR)$(INST_INCDIR)/precis.h $(DESTDIR)$(INST_CLIBDIR)/libprecis.a \
	      $(DESTDIR)$(INST_CLIBDIR)/$(notdir $(SHLIB)) $(DESTDIR)$(INST_CLIBDIR)/$(SONAME) \
	      $(DESTDIR)$(INST_CLIBDIR)/libprecis.so $(DESTDIR)$(INST_PCDIR)/precis.pc
	rm -f $(addprefix $(DESTDIR)$(INST_LUADIR)/precis/,$(notdir $(wildcard lua/precis/*.lua)))
	for f in $(notdir $(MAN)); do rm -f $(DESTDIR)$(INST_MANDIR)/man$${f##*.}/$$f; done
	-rmdir $(DESTDIR)$(INST_LIBDIR)/precis $(DESTDIR)$(INST_LUADIR)/precis 2>/dev/null

clean:
	rm -rf build build-asan build-fuzz build-tsan

# ---------------------------------------------------------------------------
# Evaluation harness (eval/): ROUGE as in ROUGE-1.5.5, and the dataset runner.
#   make eval-rouge   checks eval's ROUGE against the official figures
#   make eval         ROUGE tables for precis, Lead-N and ots (EVAL_ARGS=...)
#   make eval-seg     sentence segmentation: golden rules, scraped pages, UD treebanks
# Data come from $(PRECIS_DATA), by default ../shared/data.
# ---------------------------------------------------------------------------
PRECIS_DATA ?= ../shared/data
EVAL_ENV = LUA_PATH="eval/?.lua;lua/?.lua;lua/?/init.lua;;" LUA_CPATH="$(LB)/?.so;;" \
           PRECIS_DATA="$(PRECIS_DATA)"
EVAL_ARGS ?=

# ROUGE is precis.rouge (lua/precis/rouge.lua over csrc/lrouge.c in precis.core)
eval-rouge: $(MODULE)
	$(EVAL_ENV) $(LUA) eval/vectors.lua

# segmentation against pySBD's golden rules (segmentation/*.jsonl)
eval-seg: all
	$(EVAL_ENV) $(LUA) eval/seg.lua $(EVAL_ARGS)

# HTML pages written for precis (eval/html): the summary's share of article
# text, and exact offsets
.PHONY: eval-html
eval-html: all
	$(EVAL_ENV) $(LUA) eval/html.lua $(EVAL_ARGS)

eval: all
	$(EVAL_ENV) $(LUA) eval/run.lua $(EVAL_ARGS)

# ---------------------------------------------------------------------------
# Fuzzing (fuzz/): libFuzzer harnesses built with clang under ASan and UBSan
#   make fuzz                  builds them and runs each for FUZZ_TIME seconds
#   make fuzz FUZZERS=segment FUZZ_TIME=3600   one harness, an hour
# Each keeps its corpus in build-fuzz/corpus/NAME (seeded from the texts
# and policies of the repository by fuzz/corpus.sh) and writes a crashing
# input to build-fuzz/crashes/NAME-*; `build-fuzz/fuzz-NAME FILE` runs one.
# ---------------------------------------------------------------------------
FUZZERS   ?= segment summarize yaml policy
FUZZ_TIME ?= 60
FUZZ_CC   ?= clang
FUZZ_B    ?= build-fuzz
FUZZ_SAN   = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_ARGS ?= -timeout=30 -rss_limit_mb=2048 -max_len=65536
.PHONY: fuzz fuzz-build fuzz-bins
fuzz: fuzz-build
	@for f in $(FUZZERS); do \
	  mkdir -p $(FUZZ_B)/corpus/$$f $(FUZZ_B)/crashes; \
	  echo "== fuzz-$$f for $(FUZZ_TIME) s"; \
	  $(FUZZ_B)/fuzz-$$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 $(FUZZ_ARGS) \
	    -artifact_prefix=$(FUZZ_B)/crashes/$$f- $(FUZZ_B)/corpus/$$f $(FUZZ_B)/seeds/$$f \
	    2> $(FUZZ_B)/$$f.log || { tail -n 60 $(FUZZ_B)/$$f.log; exit 1; }; \
	  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done' $(FUZZ_B)/$$f.log; \
	done

fuzz-build:
	@sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) CFLAGS="-O1 -g" \
	  SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" WARN_EXTRA=-Wno-string-concatenation fuzz-bins
	@sh fuzz/corpus.sh $(FUZZ_B)/seeds

fuzz-bins: $(FUZZERS:%=$(B)/fuzz-%)

# (langdata.c splits its strings after \x escapes, which clang warns of)
# the harnesses see the checker of tests/ and the core's internals; the
# policy harness embeds Lua and reads the modules from lua/
$(B)/obj/fuzz/%.o: CPPFLAGS += -Itests $(LUA_CFLAGS) -DPRECIS_LUA_DIR='"$(CURDIR)/lua"'
FUZZ_OBJ = $(CORE_OBJ) $(B)/obj/tests/invariants.o
$(B)/fuzz-segment $(B)/fuzz-summarize: $(B)/fuzz-%: $(B)/obj/fuzz/fuzz_%.o $(FUZZ_OBJ)
	$(CC) $(CFLAGS) $(SAN) -fsanitize=fuzzer -o $@ $^ $(CORE_LIBS)
$(B)/fuzz-yaml: $(B)/obj/fuzz/fuzz_yaml.o $(YAML_OBJ) $(FUZZ_OBJ)
	$(CC) $(CFLAGS) $(SAN) -fsanitize=fuzzer -o $@ $^ $(CORE_LIBS) $(YAML_LIBS)
$(B)/fuzz-policy: $(B)/obj/fuzz/fuzz_policy.o $(MODULE_OBJ) $(FUZZ_OBJ)
	$(CC) $(CFLAGS) $(SAN) -fsanitize=fuzzer -o $@ $^ $(CORE_LIBS) $(YAML_LIBS) $(LUA_LIBS)

# ThreadSanitizer: tests/tsan/driver.c shares one summarizer per method
# between threads over our fixtures, each result equal to the one made
# alone; any race report fails it (about a minute)
TSAN_FILES = examples/harbour-bridge.txt examples/harbour-bridge-followup.txt \
             spec/fixtures/orchard.txt spec/fixtures/orchard-followup.txt \
             spec/fixtures/canal-report.txt
.PHONY: tsan tsan-run
tsan: deps
	@$(MAKE) --no-print-directory B=build-tsan SAN="-fsanitize=thread" CFLAGS="-O1 -g" tsan-run
tsan-run: $(B)/tsan-driver
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(B)/tsan-driver 4 2 $(TSAN_FILES)
$(B)/tsan-driver: tests/tsan/driver.c $(LIB)
	$(CC) $(STD) $(WARN) $(WERROR) $(DEFS) -Iinclude $(CFLAGS) $(SAN) -o $@ tests/tsan/driver.c \
	  $(LIB) $(CORE_LIBS)
