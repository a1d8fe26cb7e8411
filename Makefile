# Two commands on a fresh machine: `make run` and `make test`. Both bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 5000
HOST ?= 127.0.0.1
export FLASK_APP := wsgi
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run serve test test-postgres lint translations extract-messages clean bench

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

test: install
	$(BIN)/ruff check learning tests migrations bench
	scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

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

lint: $(STAMP)
	$(BIN)/ruff check learning tests migrations bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
