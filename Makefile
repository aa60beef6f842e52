# CPP Hub: two commands. `make run` serves the demo; `make test` proves it works.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST_ARGS ?=
SYSTEM_PACKAGES := chromium gettext fonts-thai-tlwg libharfbuzz-subset0 poppler-utils

.PHONY: run test test-suite lint format install install-test system-deps messages schema bench vendor clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-deps

## Debian packages the tests need (Chromium for browser tests, Thai fonts, gettext).
system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }; \
	  fi; \
	else \
	  command -v chromium >/dev/null || echo "Note: install Debian's chromium for the browser tests (sudo apt-get install chromium)."; \
	fi

## Serve the product on http://127.0.0.1:8000 with the demo partnership.
run: $(VENV)/.installed
	$(VENV)/bin/cpphub serve

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Lint, types, migrations, then the whole suite.
test: install-test lint test-suite

test-suite: install-test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## Extract new strings into the pt_BR and th catalogs and compile them.
messages: $(VENV)/.installed-test
	cd cpphub && ../$(PY) ../manage.py makemessages --locale pt_BR --locale th --no-obsolete --no-location --ignore 'static/*'
	cd cpphub && ../$(PY) ../manage.py compilemessages

## Regenerate the published OpenAPI schema after changing the API.
schema: $(VENV)/.installed
	$(VENV)/bin/cpphub spectacular --lang en --validate --fail-on-warn --file docs/openapi.yaml

bench: $(VENV)/.installed-test
	$(VENV)/bin/cpphub bench

## Refresh the front-end libraries in cpphub/static/vendor (and axe-core, a test tool, in tests/browser/vendor) from npm.
vendor:
	npm install --no-save --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE cpphub/static/vendor/htmx/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images node_modules/leaflet/LICENSE cpphub/static/vendor/leaflet/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md cpphub/static/vendor/chartjs/
	cp node_modules/@picocss/pico/css/pico.min.css node_modules/@picocss/pico/LICENSE.md cpphub/static/vendor/pico/
	@# axe-core is a test tool (tests/browser/test_accessibility.py), never shipped in the static files.
	cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE node_modules/axe-core/LICENSE-3RD-PARTY.txt tests/browser/vendor/axe-core/
	@# Source maps are not vendored: drop the references, or collectstatic's manifest fails on them.
	sed -i '/^\/\/# sourceMappingURL=/d' cpphub/static/vendor/leaflet/leaflet.js cpphub/static/vendor/chartjs/chart.umd.min.js
	node scripts/build-geojson.js

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
