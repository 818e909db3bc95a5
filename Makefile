# The hall's build.  GNU make.
#
#   make            the library, every program in cgi-bin/ and hall-admin
#   make run        certificates, demo data, nginx and every program on
#                   https://127.0.0.1:$(PORT) until Ctrl-C, WORKERS
#                   processes per program (default: nproc)
#   make stop       stops what make run started
#   make test       unit, stylesheet, browser, HTTP and multi-host tests
#                   under ASan+UBSan, then test-plans (the query plan of every
#                   statement they ran); as root it first installs the
#                   missing DEB_PKGS and DEB_TEST_PKGS (otherwise it
#                   prints the apt-get line, and skips the browser tests
#                   when their packages are missing, except under CI=true)
#   make test-multihost  the programs on two hosts (network namespaces,
#                   root only) behind one nginx, one host killed under
#                   load (tests/multihost/run.sh; part of make test)
#   make bench      benchmarks (figures and ratios, not pass/fail)
#   make bench-hosts  the same 退工 saves through nginx to one host and to
#                   two: saves per second and the ratio
#   make bench-scale  the same requests on the demo store and a large one
#   make fuzz       libFuzzer targets for the parsers and validators
#   make install    PREFIX and DESTDIR honoured

PREFIX	?= /usr/local
DESTDIR	?=
PORT	?= 8443
# Worker processes per program for make run and make bench (empty: the
# number of CPUs, as nginx/run.sh counts them with nproc).
WORKERS	?=
VAR	?= $(CURDIR)/var
SAN	?= 0
FUZZ_SECONDS ?= 20

ifeq ($(SAN),1)
B	?= build/san
OPT	 = -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	   -fno-omit-frame-pointer
else
B	?= build/rel
OPT	 = -O2 -D_FORTIFY_SOURCE=2
endif

CC	?= cc
PKGS	 = libxml-2.0 libxslt libexslt sqlite3 openssl libzip xlsxwriter \
	   cairo freetype2 libqrencode libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lfcgi -lm
WARN	 = -Wall -Wextra -Werror -Wswitch-enum -Wshadow -Wformat=2 \
	   -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
	   -Wcast-qual -Wwrite-strings -Wno-unused-parameter \
	   -Wno-format-truncation
# (snprintf into fixed buffers truncates on purpose: messages and labels
# are cut, never overflowed; -Wformat-truncation cannot tell that apart.)
CFLAGS	+= -std=c11 -D_GNU_SOURCE -g $(OPT) $(WARN) -fstack-protector-strong \
	   -fPIE -Ilib $(PKG_CFLAGS)
LDFLAGS	+= -pie -Wl,-z,relro,-z,now
ifeq ($(SAN),1)
LDFLAGS	+= -fsanitize=address,undefined
endif

LIB_SRCS  := $(sort $(wildcard lib/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(B)/%.o)
PROG_SRCS := $(sort $(wildcard cgi-bin/*.c))
PROGS     := $(PROG_SRCS:cgi-bin/%.c=$(B)/bin/%)
ADMIN     := $(B)/bin/hall-admin
# The programs nginx routes on the hall's server (make install fills
# @PROGS@ of hall.conf.in; nginx/run.sh does the same from its folder).
empty     :=
ROUTED    := $(subst $(empty) $(empty),|,$(filter-out verify,$(PROG_SRCS:cgi-bin/%.c=%)))
HELLO     := $(B)/bin/hello
UNIT_SRCS := tests/runner.c $(sort $(wildcard tests/unit/*.c))
HTTP_SRCS := tests/runner.c $(sort $(wildcard tests/http/*.c))
UNIT_BIN  := $(B)/unit-tests
HTTP_BIN  := $(B)/http-tests
LIBHALL   := $(B)/libhall.a

.PHONY: all run stop reload test test-unit test-http test-browser test-xsl \
	test-plans test-multihost test-pg bench-hosts bench-pg bench bench-callgrind bench-scale fuzz install clean deps test-deps certs \
	demo check-deps
.SUFFIXES:
.SECONDARY:

all: $(PROGS) $(ADMIN)

$(B)/%.o: %.c $(wildcard lib/*.h admin/*.h tests/*.h tests/*/*.h) | check-deps
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIBHALL): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(B)/bin/%: $(B)/cgi-bin/%.o $(LIBHALL)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIBHALL) $(PKG_LIBS)

ADMIN_OBJS := $(B)/admin/hall-admin.o $(B)/admin/populate.o \
	      $(B)/admin/plans.o $(B)/admin/ops.o

$(ADMIN): $(ADMIN_OBJS) $(LIBHALL)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(ADMIN_OBJS) $(LIBHALL) $(PKG_LIBS)

# hello forks its workers as the programs do (lib/prefork.c).
$(HELLO): $(B)/tests/bench/hello.o $(B)/lib/prefork.o $(B)/lib/log.o \
	  $(B)/lib/text.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lfcgi

# The unit tests of hall-admin populate, plans, health and restore link them.
$(UNIT_BIN): $(UNIT_SRCS:%.c=$(B)/%.o) $(B)/admin/populate.o \
	    $(B)/admin/plans.o $(B)/admin/ops.o $(LIBHALL)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(UNIT_SRCS:%.c=$(B)/%.o) \
	    $(B)/admin/populate.o $(B)/admin/plans.o $(B)/admin/ops.o $(LIBHALL) \
	    $(PKG_LIBS) $(shell pkg-config --libs check)

$(HTTP_BIN): $(HTTP_SRCS:%.c=$(B)/%.o) $(LIBHALL)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(HTTP_SRCS:%.c=$(B)/%.o) $(LIBHALL) \
	    $(PKG_LIBS) $(shell pkg-config --libs check libcurl)

# Debian packages the hall needs to build, run and test.
DEB_PKGS = build-essential pkg-config libfcgi-dev spawn-fcgi nginx \
	libsqlite3-dev sqlite3 libssl-dev openssl libxml2-dev libxslt1-dev \
	libzip-dev libxlsxwriter-dev libpq-dev check libcurl4-openssl-dev curl apache2-utils zip unzip \
	xsltproc libcairo2-dev libfreetype-dev libqrencode-dev fonts-wqy-zenhei
# PKG:CMD means "present when CMD is on the PATH" (tests/deps.sh): node
# and npm may come from NodeSource rather than Debian; Debian's
# testssl.sh installs the command testssl.
DEB_TEST_PKGS = clang libclang-rt-14-dev chromium nodejs:node npm:npm \
	fonts-noto-cjk poppler-utils testssl.sh:testssl qpdf zbar-tools:zbarimg
# tests/http/xlsx_fill.py fills the batch templates (issue 14).
DEB_TEST_PKGS += python3
# test-multihost makes its hosts with ip netns and veth (and looks with ss).
DEB_TEST_PKGS += iproute2
# test-pg and bench-pg start a private cluster of their own (tests/pg).
DEB_TEST_PKGS += postgresql-15

# Installs missing Debian packages when root, else prints the apt-get line.
deps:
	@sh tests/deps.sh $(DEB_PKGS)

# The same with the test packages; as non-root, missing test packages
# only skip the browser tests.
test-deps:
	@sh tests/deps.sh $(DEB_PKGS) -- $(DEB_TEST_PKGS)

check-deps:
	@for p in $(PKGS) fcgi; do pkg-config --exists $$p || { \
	  echo "missing development package for $$p: run 'make deps'" \
	  "(as root) or: apt-get install $(DEB_PKGS)"; exit 1; }; done

certs:
	@sh certs/mkcerts.sh $(VAR)/certs

demo: all certs
	@sh nginx/demo.sh $(VAR) $(B)/bin

run: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory demo
	@WORKERS=$(WORKERS) sh nginx/run.sh start $(VAR) $(B)/bin $(PORT) $(CURDIR)
	@sh nginx/run.sh wait $(VAR)

stop:
	@sh nginx/run.sh stop $(VAR)

# nginx of make run re-reads the CRL (after certs/revoke.sh).
reload:
	@sh nginx/run.sh reload $(VAR)

# The SQL log of make test (lib/store.h): the unit, browser and HTTP
# tests append every statement the programs prepare, and test-plans
# checks the plan of each (tests/plans/run.sh).
SQL_LOG	?= $(CURDIR)/build/sql.log

test: test-deps
	@mkdir -p $(dir $(SQL_LOG)) && rm -f $(SQL_LOG)
	@HALL_SQL_LOG=$(SQL_LOG) $(MAKE) --no-print-directory SAN=1 test-unit
	@$(MAKE) --no-print-directory test-xsl
	@HALL_SQL_LOG=$(SQL_LOG) $(MAKE) --no-print-directory SAN=1 test-browser
	@HALL_SQL_LOG=$(SQL_LOG) $(MAKE) --no-print-directory SAN=1 test-http
	@$(MAKE) --no-print-directory SAN=1 test-multihost
	@$(MAKE) --no-print-directory SAN=1 test-plans
	@$(MAKE) --no-print-directory SAN=1 test-pg

test-xsl:
	@sh tests/xsl/run.sh

test-unit: $(UNIT_BIN)
	cd tests && ../$(UNIT_BIN)

test-http: $(HTTP_BIN) $(PROGS) $(ADMIN)
	@sh tests/http/harness.sh $(CURDIR) $(B)

# EXPLAIN QUERY PLAN of every statement of SQL_LOG on a populated
# store: fails on a full scan or a sort of a growing list not in
# tests/plans/allow.txt, and on an empty or missing log.
test-plans: $(ADMIN)
	@sh tests/plans/run.sh $(CURDIR) $(B) $(SQL_LOG)

test-browser: $(PROGS) $(ADMIN)
	@if [ -f tests/browser/run.sh ]; then sh tests/browser/run.sh $(CURDIR) $(B); \
	else echo "browser tests: none yet"; fi

# The raw SQLite commit rate beside the 退工 submit (not in bin/: run.sh
# starts every program there).
SQLCOMMIT := $(B)/bench/sqlite-commit
$(SQLCOMMIT): $(B)/tests/bench/sqlite_commit.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

# The FastCGI client of the callgrind figures (tests/bench/callgrind.sh).
FCGIGET := $(B)/bench/fcgi-get
$(FCGIGET): $(B)/tests/bench/fcgi_get.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $<

# The client load of the multi-host test (not in bin/: run.sh starts
# every program there).
MHLOAD := $(B)/multihost/mh-load
$(MHLOAD): $(B)/tests/multihost/mh_load.o $(B)/tests/http/client.o $(LIBHALL)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(B)/tests/multihost/mh_load.o \
	    $(B)/tests/http/client.o $(LIBHALL) $(PKG_LIBS) \
	    $(shell pkg-config --libs check libcurl)

# Programs on two hosts (network namespaces, root only) behind one
# nginx: one host killed under a stream of 退工 saves
# (tests/multihost/run.sh); bench-hosts: the same load on one host and
# on two.
test-multihost: $(PROGS) $(ADMIN) $(MHLOAD) $(FCGIGET)
	@sh tests/multihost/run.sh test $(CURDIR) $(B)

bench-hosts: $(PROGS) $(ADMIN) $(MHLOAD)
	@sh tests/multihost/run.sh bench $(CURDIR) $(B)

# The suite again on PostgreSQL (tests/pg/run.sh): the unit tests, the
# HTTP tests and the two-host test on a private cluster it starts in a
# temporary folder (installing postgresql-15 as root when missing) and
# stops.  PG_PARTS picks some ("unit http multihost").
test-pg: $(UNIT_BIN) $(HTTP_BIN) $(PROGS) $(ADMIN) $(MHLOAD) $(FCGIGET)
	@sh tests/pg/run.sh $(CURDIR) $(B) $(PG_PARTS)

# /home and the 退工 saves (one host, two hosts) on SQLite and on
# PostgreSQL, in one run (tests/pg/bench.sh).
bench-pg: $(PROGS) $(ADMIN) $(HELLO) $(SQLCOMMIT) $(FCGIGET) $(MHLOAD)
	@WORKERS=$(WORKERS) sh tests/pg/bench.sh $(CURDIR) $(B)

# bench.sh ends with tests/bench/callgrind.sh's figures.
bench: $(PROGS) $(ADMIN) $(HELLO) $(SQLCOMMIT) $(FCGIGET)
	@WORKERS=$(WORKERS) sh tests/bench/bench.sh $(CURDIR) $(B)

# Instructions per request of /home and /hello under callgrind.
bench-callgrind: $(PROGS) $(ADMIN) $(HELLO) $(FCGIGET)
	@sh tests/bench/callgrind.sh $(CURDIR) $(B)

# The same requests on the demo store and on a large one (hall-admin
# populate; SCALE_PERSONS etc. in tests/bench/scale.sh), with ratios.
bench-scale: $(PROGS) $(ADMIN) $(FCGIGET)
	@WORKERS=$(WORKERS) sh tests/bench/scale.sh $(CURDIR) $(B)

FUZZ_TARGETS := $(patsubst fuzz/%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_B := build/fuzz
fuzz:
	@mkdir -p $(FUZZ_B)
	@for t in $(FUZZ_TARGETS); do \
	  clang -std=c11 -D_GNU_SOURCE -g -O1 -Ilib $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined -o $(FUZZ_B)/$$t fuzz/$$t.c \
	    $(LIB_SRCS) $(PKG_LIBS) || exit 1; \
	  mkdir -p $(FUZZ_B)/corpus-$$t; \
	  ./$(FUZZ_B)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    $(FUZZ_B)/corpus-$$t fuzz/corpus/$$t || exit 1; \
	done

install: all
	install -d $(DESTDIR)$(PREFIX)/lib/hall/cgi-bin $(DESTDIR)$(PREFIX)/share/hall/xsl \
	    $(DESTDIR)$(PREFIX)/share/hall/nginx $(DESTDIR)$(PREFIX)/share/hall/certs \
	    $(DESTDIR)$(PREFIX)/sbin
	install -m 0755 $(PROGS) $(DESTDIR)$(PREFIX)/lib/hall/cgi-bin/
	install -m 0755 $(ADMIN) $(DESTDIR)$(PREFIX)/sbin/
	install -d $(DESTDIR)$(PREFIX)/share/hall/xsl/static
	install -m 0644 xsl/*.xsl $(DESTDIR)$(PREFIX)/share/hall/xsl/
	install -m 0644 xsl/static/* $(DESTDIR)$(PREFIX)/share/hall/xsl/static/
	install -m 0644 nginx/*.timer nginx/hall.logrotate $(DESTDIR)$(PREFIX)/share/hall/nginx/
	# The hall's server routes every installed program but verify (the
	# public server's): @PROGS@ filled in outside comments, the rest
	# left to the operator.
	for c in nginx/*.conf.in; do \
	  sed '/^[[:space:]]*#/!s/@PROGS@/$(ROUTED)/g' $$c >$(DESTDIR)$(PREFIX)/share/hall/nginx/$${c##*/} && \
	  chmod 0644 $(DESTDIR)$(PREFIX)/share/hall/nginx/$${c##*/} || exit 1; done
	# The systemd units name the installed programs: @PREFIX@ filled in.
	for u in nginx/*.service nginx/*.socket; do \
	  sed 's|@PREFIX@|$(PREFIX)|g' $$u >$(DESTDIR)$(PREFIX)/share/hall/nginx/$${u##*/} && \
	  chmod 0644 $(DESTDIR)$(PREFIX)/share/hall/nginx/$${u##*/} || exit 1; done
	install -m 0755 certs/*.sh $(DESTDIR)$(PREFIX)/share/hall/certs/

clean:
	rm -rf build
