# Two commands for a newcomer: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical test lint audit audit-compare bench clean lock

# A stamp per requirements file: reinstall only when the pins change.
# Every package is checked against the hashes in requirements*.txt; guidekit
# itself is installed from this checkout with no dependencies and no download.
PIP_INSTALL := $(BIN)/pip install --quiet --require-hashes --only-binary :all:
EDITABLE := $(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
UV_VERSION := 0.13.8
LOCK := $(VENV)/lock/bin/uv pip compile --quiet --generate-hashes --no-annotate \
	--python-version 3.11.7 --custom-compile-command "make lock"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	$(EDITABLE)
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements-test.txt
	$(EDITABLE)
	touch $(VENV)/.runtime $@

# Zensical in a venv of its own, so the MkDocs venv stays as it is; same checks
# (hashes, wheels only), and guidekit from this checkout.
ZVENV := .venv-zensical
ZBIN := $(ZVENV)/bin

$(ZBIN)/python:
	$(PYTHON) -m venv $(ZVENV)

$(ZVENV)/.installed: requirements-zensical.txt | $(ZBIN)/python
	$(ZBIN)/pip install --quiet --require-hashes --only-binary :all: -r requirements-zensical.txt
	$(ZBIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Re-resolve requirements*.txt (with hashes) from requirements*.in, after editing a pin there.
lock:
	test -x $(VENV)/lock/bin/uv || ($(PYTHON) -m venv $(VENV)/lock && $(VENV)/lock/bin/pip install --quiet uv==$(UV_VERSION))
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-test.in -o requirements-test.txt
	$(LOCK) requirements-zensical.in -o requirements-zensical.txt

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

serve: $(VENV)/.runtime
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.runtime
	$(BIN)/mkdocs build --strict --site-dir site

# The same site built by Zensical (Material's successor) into site-zensical/.
# Zensical runs no hooks: `guidekit prepare` first writes what they would add
# (bibliography data, citation meta data, exports) and runs their checks.
build-zensical: $(ZVENV)/.installed
	$(ZBIN)/python -m guidekit prepare --strict
	ZENSICAL_SITE_DIR=site-zensical $(ZBIN)/zensical build --strict

# Makes sure a Chromium is present (installs Debian's package when it can),
# then runs the whole suite, browser tests included (and the Zensical parity test).
test: $(VENV)/.test $(ZVENV)/.installed node_modules/.installed
	scripts/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/mypy

# Lighthouse scores per page: a report, not a test.
audit: $(VENV)/.runtime
	scripts/ensure-chromium
	cd tools/audit && npm ci --no-audit --no-fund --silent
	$(BIN)/python scripts/audit.py

# Lighthouse performance of this checkout beside earlier commits (AUDIT_REFS), interleaved.
audit-compare: $(VENV)/.runtime
	scripts/ensure-chromium
	cd tools/audit && npm ci --no-audit --no-fund --silent
	$(BIN)/python scripts/audit_compare.py

clean:
	rm -rf site site-zensical .pytest_cache

# Citation engine build times on the real site configuration: floor (no citation
# extension or hook) vs cold vs warm, side by side.
bench: $(VENV)/.runtime
	$(BIN)/python scripts/bench_citations.py
