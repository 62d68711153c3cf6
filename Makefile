# The two commands of the README's quick start, and what they need.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_OUT := out
# The demo plans as of 20 November 2026, 09:00 UTC (SOURCE_DATE_EPOCH stands for "now"), so it
# writes the same files on any day: those in Samples/example-output, which a test keeps in step.
DEMO_EPOCH := 1795165200
PYTHON ?= python3
INTEROP_VENV := .build/interop-venv

.PHONY: demo test format-check format deps interop-deps interop-apt build man install uninstall clean

## demo: install what is missing, build, and plan the follow-ups of the sample interview
demo: deps build
	.build/debug/followup card Samples/cards/*.vcf
	@echo
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) .build/debug/followup plan \
	  --card Samples/cards/dana-diaz.vcf --card Samples/cards/lee-chen.vcf --card Samples/cards/priya-raman.vcf \
	  --at "2026-12-01 14:00" --tz America/Chicago \
	  --company "Acme Robotics" --role "Backend Engineer" --out $(DEMO_OUT)

## test: install what is missing and run the whole test suite: the shape ARCHITECTURE.md promises
## (Scripts/check-structure.py), the Swift tests, then the interop suite (Tests/Interop), in which
## real calendar clients read the files `followup` writes
test: deps interop-deps
	$(PYTHON) Scripts/check-structure.py
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	PYTHONDONTWRITEBYTECODE=1 FOLLOWUP_BIN="$$($(SWIFT) build --show-bin-path)/followup" \
	  $(INTEROP_VENV)/bin/python -m pytest Tests/Interop

## format-check: fail on Swift code that breaks a rule of .swift-format (CONTRIBUTING.md,
## "Formatting", says which rules are off and why), on a line longer than its lineLength (a comment
## line may be longer, to quote an output or a URL whole), or on trailing whitespace. swift-format's
## pretty printer is left out (--debug-disable-pretty-print): it cannot produce the continuation
## lines aligned under their opening bracket that the code uses, and would re-wrap most files.
SWIFT_SOURCES := Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Sources
FORMAT_OPTIONS := --configuration .swift-format --debug-disable-pretty-print --recursive
format-check:
	$(SWIFT) format lint --strict $(FORMAT_OPTIONS) $(SWIFT_SOURCES)
	@status=0; limit=$$(sed -n 's/^ *"lineLength" *: *\([0-9]*\).*/\1/p' .swift-format); \
	long=$$(LC_ALL=C.UTF-8 grep -rnE --include='*.swift' "^.{$$((limit + 1)),}" $(SWIFT_SOURCES) | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' | cut -d: -f1,2); \
	[ -z "$$long" ] || { echo "$$long" | sed "s/$$/: longer than $$limit characters/"; status=1; }; \
	trailing=$$(grep -rnE --include='*.swift' '[[:space:]]+$$' $(SWIFT_SOURCES) | cut -d: -f1,2); \
	[ -z "$$trailing" ] || { echo "$$trailing" | sed 's/$$/: trailing whitespace/'; status=1; }; \
	exit $$status

## format: apply the rules of .swift-format that swift-format can apply itself (it leaves line
## breaks and indentation as they are, so a long line is still for you to wrap)
format:
	$(SWIFT) format format --in-place $(FORMAT_OPTIONS) $(SWIFT_SOURCES)

## deps: libical's, SQLite's, zlib's and libcurl's headers (Debian's libical-dev, libsqlite3-dev,
## zlib1g-dev, libcurl4-openssl-dev) and pkg-config, and openssl (the HTTPS tests make their
## certificates with it), installed only when absent
deps:
	@if ! pkg-config --exists libical sqlite3 zlib libcurl 2>/dev/null || ! command -v openssl >/dev/null 2>&1; then \
	  echo "installing libical-dev, libsqlite3-dev, zlib1g-dev, libcurl4-openssl-dev, pkg-config and openssl with apt-get"; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends libical-dev libsqlite3-dev zlib1g-dev \
	    libcurl4-openssl-dev pkg-config openssl; \
	fi

## interop-deps: the clients of the interop suite, each installed only when absent: calcurse,
## khal, openssl, the zone database and the IMAP server Dovecot (dovecot-imapd) with apt-get; python icalendar, vobject, pytest, and the
## sync suite's servers (radicale, xandikos) and phone (caldav), pinned in
## Tests/Interop/requirements.txt, into a virtual environment under .build
interop-deps: interop-apt $(INTEROP_VENV)/.installed

interop-apt:
	@missing=""; \
	for tool in calcurse khal openssl; do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	command -v dovecot >/dev/null 2>&1 || missing="$$missing dovecot-imapd"; \
	[ -e /usr/share/zoneinfo/Australia/Lord_Howe ] || missing="$$missing tzdata"; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3 python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing with apt-get"; \
	  $(SUDO) apt-get update && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

$(INTEROP_VENV)/.installed: Tests/Interop/requirements.txt | interop-apt
	rm -rf $(INTEROP_VENV)
	$(PYTHON) -m venv $(INTEROP_VENV)
	$(INTEROP_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
	touch $@

build:
	$(SWIFT) build --product followup

## man: the manual page followup.1, generated from the command definitions by swift-argument-parser's
## generate-manual plugin, which builds the package (debug: the help is the same in every
## configuration, and the debug build is usually there already) and reads `followup`'s help from
## it. The plugin copies a blank line of a discussion into the page as is, which mdoc warns about
## on every `man followup`; sed makes it the paragraph break `.Pp`. The page is checked with mandoc's
## parser in groff (`man -l`): it must render without a warning and show `edit`'s options.
MAN_PAGE := .build/man/followup.1
MAN_OUT := .build/plugins/GenerateManual/outputs/FollowUpCLI/followup.1
man: deps
	$(SWIFT) package plugin generate-manual --configuration debug
	install -d $(dir $(MAN_PAGE))
	sed 's/^$$/.Pp/' $(MAN_OUT) > $(MAN_PAGE)
	@if command -v groff >/dev/null 2>&1; then \
	  warnings="$$(groff -mandoc -Tutf8 -ww $(MAN_PAGE) 2>&1 >/dev/null)"; \
	  [ -z "$$warnings" ] || { echo "$(MAN_PAGE): $$warnings"; exit 1; }; \
	  groff -mandoc -Tutf8 $(MAN_PAGE) 2>/dev/null | col -b | grep -q -- '--no-follow-up' || { echo "$(MAN_PAGE) lacks edit's options"; exit 1; }; \
	fi

## install: build a release binary and put it in $(PREFIX)/bin, stripped of its symbols, with the
## manual page and completions for bash, zsh and fish.
## The Swift runtime is linked in, so the binary keeps working if the toolchain moves or goes;
## it needs only libical and SQLite from Debian.
PREFIX ?= /usr/local
RELEASE := -c release --product followup --static-swift-stdlib -Xlinker -s
install: deps man
	$(SWIFT) build $(RELEASE)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 "$$($(SWIFT) build $(RELEASE) --show-bin-path)/followup" $(DESTDIR)$(PREFIX)/bin/followup
	install -m 644 $(MAN_PAGE) $(DESTDIR)$(PREFIX)/share/man/man1/followup.1
	$(DESTDIR)$(PREFIX)/bin/followup --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/followup
	$(DESTDIR)$(PREFIX)/bin/followup --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_followup
	$(DESTDIR)$(PREFIX)/bin/followup --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/followup.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/followup $(DESTDIR)$(PREFIX)/share/man/man1/followup.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/followup \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_followup $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/followup.fish

clean:
	rm -rf .build $(DEMO_OUT)
