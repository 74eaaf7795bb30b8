# Two commands for a newcomer: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint audit bench clean

# A stamp per requirements file: reinstall only when the pins change.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

serve: $(VENV)/.runtime
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.runtime
	$(BIN)/mkdocs build --strict --site-dir site

# Makes sure a Chromium is present (installs Debian's package when it can),
# then runs the whole suite, browser tests included.
test: $(VENV)/.test node_modules/.installed
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

clean:
	rm -rf site .pytest_cache

# Citation engine build times on the real site configuration: floor (no citation
# extension or hook) vs cold vs warm, side by side.
bench: $(VENV)/.runtime
	$(BIN)/python scripts/bench_citations.py
