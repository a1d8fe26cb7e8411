# Two commands on a fresh machine: `make run` and `make test`. Both bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 5000
HOST ?= 127.0.0.1
export FLASK_APP := wsgi
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run serve test test-fast test-postgres lint translations extract-messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d learning/translations 2>&1 | tail -n 1

extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o learning/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i learning/translations/messages.pot -d learning/translations --no-fuzzy-matching

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask content check
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# Production configuration: gunicorn, secure cookies, debug off. Set SECRET_KEY (shared by
# every server), DATABASE_URL and, behind a proxy, TRUSTED_PROXIES. Serve it through HTTPS.
serve: install
	LEARNING_ENV=production $(BIN)/flask db upgrade
	LEARNING_ENV=production $(BIN)/flask content check
	LEARNING_ENV=production $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

test: install lint
	scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

# The everyday loop: lint and the whole suite except the browser tests.
test-fast: install lint
	$(BIN)/python -m pytest -m "not e2e"

# The whole suite against a throwaway PostgreSQL server on 127.0.0.1 (the browser tests, which
# do not depend on the database engine, run on SQLite in `make test` only).
test-postgres: install
	scripts/with-postgres.sh $(BIN)/python -m pytest -m "not e2e"

bench: install
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/burst.py
	$(BIN)/python bench/load.py
	scripts/with-postgres.sh $(BIN)/python bench/burst.py --postgres

# Style, formatting and the import contracts of .importlinter (which package may import which).
lint: $(STAMP)
	$(BIN)/ruff check learning tests migrations bench
	$(BIN)/ruff format --check --quiet learning tests migrations bench
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
