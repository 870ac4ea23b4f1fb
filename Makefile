# Kumamoto city portal. `make run` sets everything up and serves the portal;
# `make test` runs the test suite (SQLite, or PostgreSQL when DATABASE_URL says so).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The development server runs with DEBUG on; tests use a throwaway key.
DEV_ENV := DJANGO_DEBUG=1
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-test-only-secret-key-not-for-production}

.PHONY: run setup venv migrate load test clean

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 以上が必要です" if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

migrate: venv
	$(DEV_ENV) $(PY) manage.py migrate --noinput

load: migrate
	$(DEV_ENV) $(PY) manage.py load_document

setup: load
	$(DEV_ENV) $(PY) manage.py setup_roles
	$(DEV_ENV) $(PY) manage.py ensure_admin

run: setup
	@echo "ポータル: http://$(HOST):$(PORT)/   管理画面: http://$(HOST):$(PORT)/admin/"
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: venv
	$(TEST_ENV) $(PY) -m pytest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
