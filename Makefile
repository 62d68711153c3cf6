# The two commands of the README's quick start, and what they need.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_OUT := out

.PHONY: demo test deps build clean

## demo: install what is missing, build, and plan the follow-ups of the sample interview
demo: deps build
	.build/debug/followup card Samples/cards/*.vcf
	@echo
	.build/debug/followup plan \
	  --card Samples/cards/dana-diaz.vcf --card Samples/cards/lee-chen.vcf --card Samples/cards/priya-raman.vcf \
	  --at "2026-12-01 14:00" --tz America/Chicago \
	  --company "Acme Robotics" --role "Backend Engineer" --out $(DEMO_OUT)

## test: install what is missing and run the whole test suite
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## deps: libical's and SQLite's headers (Debian's libical-dev, libsqlite3-dev) and pkg-config, installed only when absent
deps:
	@if ! pkg-config --exists libical sqlite3 2>/dev/null; then \
	  echo "installing libical-dev, libsqlite3-dev and pkg-config with apt-get"; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends libical-dev libsqlite3-dev pkg-config; \
	fi

build:
	$(SWIFT) build --product followup

clean:
	rm -rf .build $(DEMO_OUT)
