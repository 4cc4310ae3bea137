# dangjian — plain GNU Makefile; every library through pkg-config; output under build/.
#   make          release build (build/dangjian)
#   make run      install what is missing, build, create var/dangjian.db (demo) if absent, serve
#   make test     unit tests (cmocka) and API tests against the real binary, ASan+UBSan build
#   make install  PREFIX, DESTDIR, SYSCONFDIR
#   make deps     install the Debian packages the build and tests need

VERSION    := 0.1.0
PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR    ?=
CC         ?= cc
LISTEN     ?= 127.0.0.1:8080
DB         ?= var/dangjian.db

# pkg-config is read when make reads this file: `all`, `run` and `test` first
# install what is missing (deps), then build in a sub-make that reads it afresh.
PKGS       := libmicrohttpd jansson sqlite3 libsodium inih libpq xlsxwriter libzip expat freexl zlib libcurl pangocairo libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN       := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -DDJ_VERSION='"$(VERSION)"' -Isrc -Ibuild/gen $(WARN) $(PKG_CFLAGS)
REL_CFLAGS := $(BASE_CFLAGS) -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
TEST_CFLAGS := $(BASE_CFLAGS) -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
REL_LDFLAGS := -pie -Wl,-z,relro,-z,now
LIBS       := $(PKG_LIBS) -lpthread -lm

LIB_SRC    := $(filter-out src/main.c,$(wildcard src/*/*.c))
MIGRATIONS := $(wildcard src/store/migrations/*/*.sql)
GEN_SRC    := build/gen/migrations_sql.c build/gen/pinyin_table.c

REL_OBJ    := $(patsubst src/%.c,build/release/%.o,$(LIB_SRC)) build/release/gen/migrations_sql.o build/release/gen/pinyin_table.o
TEST_OBJ   := $(patsubst src/%.c,build/test/%.o,$(LIB_SRC)) build/test/gen/migrations_sql.o build/test/gen/pinyin_table.o

UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(patsubst tests/unit/%.c,build/test/unit/%,$(UNIT_SRC))

Q := $(if $(V),,@)
.PHONY: all build run serve-demo test unit api-test install deps pkg-check clean web bench bench-bureaus fuzz
all: deps
	@$(MAKE) --no-print-directory build
build: build/dangjian web

# Without the libraries the compiler's "file not found" would hide the cause.
pkg-check:
	@pkg-config --exists $(PKGS) || { pkg-config --print-errors --exists $(PKGS); \
	  echo "缺少库 / missing libraries: run 'make deps' (as root) first"; exit 1; }
$(REL_OBJ) $(TEST_OBJ) build/release/main.o build/test/main.o: | pkg-check

build/gen/migrations_sql.c: scripts/embed-sql.sh $(MIGRATIONS)
	@mkdir -p build/gen
	$(Q)sh scripts/embed-sql.sh $@ $(sort $(wildcard src/store/migrations/*))

# the Mandarin readings of util/pinyin, from Debian's unicode-data
build/gen/pinyin_table.c: scripts/gen-pinyin.sh
	@mkdir -p build/gen
	$(Q)sh scripts/gen-pinyin.sh $@

build/release/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@
build/release/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@
build/test/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "  CC test $<"
	$(Q)$(CC) $(TEST_CFLAGS) -MMD -MP -c $< -o $@
build/test/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC test $<"
	$(Q)$(CC) $(TEST_CFLAGS) -MMD -MP -c $< -o $@

build/release/libdj.a: $(REL_OBJ)
	$(Q)ar rcs $@ $^
build/test/libdj.a: $(TEST_OBJ)
	$(Q)ar rcs $@ $^

build/dangjian: build/release/main.o build/release/libdj.a
	@echo "  LD      $@"
	$(Q)$(CC) $(REL_CFLAGS) $(REL_LDFLAGS) $^ $(LIBS) -o $@
build/test/dangjian: build/test/main.o build/test/libdj.a
	@echo "  LD test $@"
	$(Q)$(CC) $(TEST_CFLAGS) $^ $(LIBS) -o $@

build/test/unit/%: tests/unit/%.c tests/unit/testutil.h build/test/libdj.a
	@mkdir -p $(dir $@)
	@echo "  LD test $@"
	$(Q)$(CC) $(TEST_CFLAGS) -Itests/unit $< build/test/libdj.a $(LIBS) $(shell pkg-config --libs cmocka) -o $@

# The web console (issue 7) is built here once web/package.json exists.
web:
	@if [ -f web/package.json ]; then $(MAKE) -C web; fi

run: deps
	@$(MAKE) --no-print-directory serve-demo
serve-demo: build/dangjian web
	@mkdir -p var
	@if [ ! -f $(DB) ]; then ./build/dangjian demo --db $(DB); else \
	  echo "使用已有数据库 / using the existing database $(DB)"; \
	  echo "演示账号 / demo logins: admin / Admin@2026dj (or DANGJIAN_ADMIN_PASSWORD), dangwei, zhibu1, zhibu2, keshi, jijian, dangyuan / Demo@2026dj"; fi
	./build/dangjian serve --db $(DB) --listen $(LISTEN)

test: deps
	@$(MAKE) --no-print-directory build/test/dangjian $(UNIT_BIN)
	@sh tests/run.sh

install: build/dangjian
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(SYSCONFDIR)/dangjian $(DESTDIR)$(PREFIX)/lib/systemd/system \
	  $(DESTDIR)$(PREFIX)/share/dangjian
	install -m 0755 build/dangjian $(DESTDIR)$(PREFIX)/bin/dangjian
	install -m 0644 docs/dangjian.1 $(DESTDIR)$(PREFIX)/share/man/man1/dangjian.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' etc/dangjian.service \
	  > $(DESTDIR)$(PREFIX)/lib/systemd/system/dangjian.service
	install -m 0640 etc/dangjian.conf.example $(DESTDIR)$(SYSCONFDIR)/dangjian/dangjian.conf.example
	if [ -d web/dist ]; then rm -rf $(DESTDIR)$(PREFIX)/share/dangjian/web && \
	  cp -r web/dist $(DESTDIR)$(PREFIX)/share/dangjian/web; fi

deps:
	@sh scripts/install-deps.sh

# Fuzzing with clang-14 libFuzzer (ASan + UBSan, leak detection on): one fuzzer per parser
# (fuzz/fuzz_*.c), each with its committed corpus in fuzz/corpus/<fuzzer>/ (see docs/SECURITY.md).
#   make fuzz FUZZ_SECONDS=60   fuzz each target for FUZZ_SECONDS, one after another; new
#                               inputs go to build/fuzz/found/<fuzzer>/, crashes to build/fuzz/
#   make fuzz-regress           only replay the committed corpora through each fuzzer (seconds)
FUZZ_CC      := clang-14
FUZZ_SECONDS ?= 20
FUZZ_CFLAGS  := $(BASE_CFLAGS) -O1 -g -fsanitize=address,undefined,fuzzer-no-link
FUZZ_OBJ     := $(patsubst src/%.c,build/fuzz/%.o,$(LIB_SRC)) build/fuzz/gen/migrations_sql.o build/fuzz/gen/pinyin_table.o
FUZZ_NAMES   := $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_BIN     := $(addprefix build/fuzz/bin/,$(FUZZ_NAMES))
# longest input per fuzzer (default 4096): whole workbooks for the table readers
FUZZ_MAXLEN_fuzz_router      := 1024
FUZZ_MAXLEN_fuzz_csv_utf8    := 16384
FUZZ_MAXLEN_fuzz_csv_gbk     := 16384
FUZZ_MAXLEN_fuzz_multipart   := 8192
FUZZ_MAXLEN_fuzz_json_body   := 8192
FUZZ_MAXLEN_fuzz_xlsx        := 65536
FUZZ_MAXLEN_fuzz_xlsx_raw    := 65536
FUZZ_MAXLEN_fuzz_xls         := 65536
FUZZ_MAXLEN_fuzz_xls_stream  := 65536
fuzz_opts = -rss_limit_mb=2048 -max_len=$(or $(FUZZ_MAXLEN_$(1)),4096) \
  $(if $(wildcard fuzz/$(1).dict),-dict=fuzz/$(1).dict)
.SECONDARY: $(FUZZ_OBJ)
build/fuzz/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@
build/fuzz/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@
build/fuzz/bin/%: fuzz/%.c fuzz/table_check.h $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD fuzz $@"
	$(Q)$(FUZZ_CC) $(BASE_CFLAGS) -O1 -g -fsanitize=address,undefined,fuzzer $< $(FUZZ_OBJ) $(LIBS) -o $@
fuzz:
	@FUZZ=1 sh scripts/install-deps.sh
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@set -e; $(foreach f,$(FUZZ_NAMES),mkdir -p build/fuzz/found/$(f); \
	  echo "== $(f) ($(FUZZ_SECONDS) s)"; \
	  UBSAN_OPTIONS=halt_on_error=1 build/fuzz/bin/$(f) $(call fuzz_opts,$(f)) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/$(f)- build/fuzz/found/$(f) fuzz/corpus/$(f);)
fuzz-regress: $(FUZZ_BIN)
	@set -e; $(foreach f,$(FUZZ_NAMES),printf '  %-20s %4s inputs: ' $(f) $$(ls fuzz/corpus/$(f) | wc -l); \
	  UBSAN_OPTIONS=halt_on_error=1 build/fuzz/bin/$(f) $(call fuzz_opts,$(f)) -runs=0 -artifact_prefix=build/fuzz/$(f)- \
	    fuzz/corpus/$(f) >build/fuzz/$(f).log 2>&1 || { echo FAILED; cat build/fuzz/$(f).log; exit 1; }; echo ok;)
.PHONY: fuzz-regress

bench: build/dangjian
	sh bench/run.sh

# the list read path against nginx (issue 19); never part of `make test`
bench-list: build/dangjian build/gen_roster
	sh bench/list_bench.sh
.PHONY: bench-list

# issue 20: many bureaus on one PostgreSQL database (long: loads 100 demo bureaus; see the script)
bench-bureaus: build/dangjian
	nice sh bench/bureaus_bench.sh

clean:
	rm -rf build

-include $(REL_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) build/release/main.d build/test/main.d

build/gen_roster: bench/gen_roster.c build/release/libdj.a
	$(Q)$(CC) $(REL_CFLAGS) $(REL_LDFLAGS) $< build/release/libdj.a $(LIBS) -o $@
