# The two commands that matter: `make demo` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VAR := var
export SCRUTINY_VAR_DIR ?= $(CURDIR)/$(VAR)
# Tests run in parallel processes (pytest-xdist), each with its own test database.
PYTEST_WORKERS ?= 2

.PHONY: demo test install assets sysdeps lint clean bench

## demo: install everything, set up the database, load the Dartford demo and serve it on 127.0.0.1:8000
demo: install assets sysdeps $(VAR)/demo-secret-key
	@export SCRUTINY_SECRET_KEY="$$(cat $(VAR)/demo-secret-key)" SCRUTINY_SITE_OPERATOR="$${SCRUTINY_SITE_OPERATOR:-Dartford Borough Council (demonstration)}"; \
	$(BIN)/scrutiny migrate --noinput && \
	$(BIN)/scrutiny collectstatic --noinput --verbosity 0 && \
	$(BIN)/scrutiny loaddemo && \
	echo "" && echo "The Dartford demo is at http://127.0.0.1:8000/  (admin: http://127.0.0.1:8000/admin/)  Stop with Ctrl+C." && \
	$(BIN)/scrutiny runserver 127.0.0.1:8000 --noreload

## test: install what the tests need; lint, check the layers (import-linter) and the types (mypy --strict),
## then run the tests (DATABASE_URL chooses the database; default SQLite)
test: install assets sysdeps
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	SCRUTINY_SECRET_KEY=check SCRUTINY_PLAIN_STATIC=1 $(BIN)/mypy
	SCRUTINY_SECRET_KEY=check SCRUTINY_PLAIN_STATIC=1 $(BIN)/scrutiny makemigrations --check --dry-run --verbosity 1
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## typecheck: mypy --strict with django-stubs over scrutiny/ (the plugin loads the settings, which need a key)
.PHONY: typecheck
typecheck: install
	SCRUTINY_SECRET_KEY=check SCRUTINY_PLAIN_STATIC=1 $(BIN)/mypy $(MYPY_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error

scrutiny/static/scrutiny/css/scrutiny.css: node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/scss/*.scss)
	npm run --silent build

assets: scrutiny/static/scrutiny/css/scrutiny.css

## sysdeps: Debian packages the app and its tests use, installed when missing and we may:
## LibreOffice (Word papers to PDF), Chromium (browser tests), Liberation fonts (Arial metrics in PDFs)
sysdeps:
	@missing=""; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	[ -d /usr/share/fonts/truetype/liberation ] || missing="$$missing fonts-liberation"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "WARNING: missing Debian packages:$$missing (sudo apt-get install$$missing). Word uploads or browser tests will not work."; fi; \
	fi

$(VAR)/demo-secret-key:
	@mkdir -p $(VAR)
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules $(VAR) scrutiny/static/scrutiny/css scrutiny/static/scrutiny/js/govuk-frontend.min.js

## bench: performance benchmarks (ratios against a floor measured in the same run)
bench: install
	$(BIN)/pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/agenda_pack.py
	$(BIN)/python bench/performance_import.py
