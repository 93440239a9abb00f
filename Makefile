# Työpeili handbook: the commands the README names.
#   make serve   install, then live preview at http://127.0.0.1:8000/tyopeili/ (PORT=8001 make serve)
#   make check   the editors' check: strict build and the tests that need no browser (under a minute)
#   make test    install everything the tests need, then run every test (what CI runs)
#   make build   strict build into site/
#   make bench   benchmark against baselines measured in the same run
#   make dist    dist/tyopeili-kasikirja-<version>.tar.gz of the strict build, for upload
#   make offline dist/tyopeili-kasikirja-offline-<version>.zip, opens from the file system

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PORT ?= 8000
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench dist offline install voikko git-history system-deps clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(STAMP)

# Debian packages the tests use: Chromium for the browser tests, Voikko for Finnish.
# Installed only when missing and only where apt-get can run as root; elsewhere see README.
DEBIAN_PACKAGES := chromium libvoikko1 voikko-fi nginx-light poppler-utils faketime
system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages: $$missing (see README: running the tests elsewhere)"; \
	  fi; \
	fi

# Voikko (Finnish morphology) gives the search index its Finnish vocabulary: a build without it
# would publish a weaker search. Installed like the test packages (Debian, as root); else one line.
VOIKKO_PACKAGES := libvoikko1 voikko-fi
VOIKKO_WORKS := $(BIN)/python -c "import libvoikko; libvoikko.Voikko('fi')" >/dev/null 2>&1
voikko: $(STAMP)
	@if ! $(VOIKKO_WORKS); then \
	  missing=$$(for p in $(VOIKKO_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	  $(VOIKKO_WORKS) || { echo "Voikko is missing: install libvoikko1 and voikko-fi (Debian, Ubuntu: sudo apt-get install libvoikko1 voikko-fi; other systems: see README), then run make again." >&2; exit 1; }; \
	fi

# Archives are named and dated by git: refuse to build one without history.
git-history: $(STAMP)
	@$(BIN)/python -m handbook.dist history

# The preview leaves out the whole-handbook print page, so that a change shows sooner;
# `make serve PRINT_PAGE=true` has it too. Every other build has it.
PRINT_PAGE ?= false
serve: $(STAMP) voikko
	TYOPEILI_PRINT_PAGE=$(PRINT_PAGE) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

build: $(STAMP) voikko
	TYOPEILI_PRINT_PAGE=true $(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

# The editors' check: the strict build, then the tests that need no browser, on that build.
check: build
	TYOPEILI_SITE=$(SITE_DIR) $(BIN)/python -m pytest -q -m "not browser and not full"

test: $(STAMP) $(NODE_STAMP) system-deps
	$(BIN)/python -m pytest

bench: $(STAMP) $(NODE_STAMP) system-deps
	$(BIN)/python -m tests.bench

# Archives for publishing (README "Publishing"): a fresh strict build, named and dated by git, so
# that two builds of one commit are byte for byte the same (tests/test_reproducible.py).
BUILD_DIR ?= build
DIST_DIR ?= dist
# Not --quiet: it drops the warnings before --strict counts them, and a broken link would pass.
dist: $(STAMP) voikko git-history
	rm -rf $(BUILD_DIR)/site
	TYOPEILI_PRINT_PAGE=true $(BIN)/mkdocs build --strict --site-dir $(BUILD_DIR)/site
	$(BIN)/python -m handbook.dist tar $(BUILD_DIR)/site $(DIST_DIR)

# The offline copy: the same site with file:// links and search that needs no server or network.
offline: $(STAMP) $(NODE_STAMP) voikko git-history
	rm -rf $(BUILD_DIR)/offline
	TYOPEILI_OFFLINE=true TYOPEILI_PRINT_PAGE=true $(BIN)/mkdocs build --strict --site-dir $(BUILD_DIR)/offline
	$(BIN)/python -m handbook.dist zip $(BUILD_DIR)/offline $(DIST_DIR)

clean:
	rm -rf site dist build
