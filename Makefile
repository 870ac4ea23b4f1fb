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

.PHONY: run setup venv migrate load test test-browser a11y-report clean messages bench bench-import bench-downloads bench-search bench-pages backup restore unlock

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

# The task worker (spreadsheet imports and exports) runs in the background beside the
# server and stops with it: the database queue's db_worker, or RQ's worker with REDIS_URL.
# (Without the autoreloader, whose child process a kill would leave running: restart
# `make run` after changing the code of a task.)
WORKER := $(if $(REDIS_URL),manage.py rqworker default,manage.py db_worker --no-reload)

run: setup
	@echo "ポータル: http://$(HOST):$(PORT)/   管理画面: http://$(HOST):$(PORT)/admin/"
	$(DEV_ENV) $(PY) $(WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The import contracts (.importlinter) first: a dependency against them fails the tests.
# The suite runs on every core (pytest-xdist); each worker has its own test database with
# the document loaded. PYTEST_WORKERS=0 runs it in one process; PYTEST_ARGS adds options.
PYTEST_WORKERS ?= auto
test: venv
	$(VENV)/bin/lint-imports --no-cache
	$(TEST_ENV) $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The public pages and the admin in Chromium with axe-core (tests/browser). Installs Debian's chromium when it
# is missing (as root, as CI runs); PORTAL_REQUIRE_BROWSER makes a missing browser an error.
CHROMIUM_INSTALLED := test -x /usr/bin/chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }
test-browser: venv
	@$(CHROMIUM_INSTALLED)
	$(TEST_ENV) PORTAL_REQUIRE_BROWSER=1 $(PY) -m pytest tests/browser

# The test result published on /accessibility/ (試験結果): the browser suite's axe-core crawl
# of the public pages and its keyboard and reflow checks, written to A11Y_REPORT (commit it).
# In one process (the crawl is recorded in it); written also when a page fails, which then
# fails the target.
A11Y_REPORT ?= accessibility/data/report.json
a11y-report: venv
	@$(CHROMIUM_INSTALLED)
	$(TEST_ENV) PORTAL_REQUIRE_BROWSER=1 PORTAL_A11Y_REPORT=$(A11Y_REPORT) $(PY) -m pytest -n 0 \
		tests/browser/test_public_pages.py tests/browser/test_keyboard.py

# Benchmarks (speed targets; tests never time things). `make bench` runs every bench-*.
bench: bench-import bench-downloads bench-search bench-pages

# 10,000-row XLSX import: fast path vs django-import-export's row-by-row path, and the
# peak memory of a 50,000-row file (throwaway SQLite database in a temp directory).
bench-import: venv
	$(TEST_ENV) $(PY) bench/bench_import.py

# Peak memory and query count of the whole activity list downloaded in each format, 1,000
# rows against 100,000 (streaming keeps memory flat; throwaway SQLite databases).
bench-downloads: venv
	$(TEST_ENV) $(PY) bench/bench_downloads.py

# The search page at 30,000 records (throwaway SQLite database): time per request with the
# FTS5 trigram index and with a plain LIKE scan, side by side (target < 100 ms).
bench-search: venv
	$(TEST_ENV) $(PY) bench/bench_search.py

# Public pages under gunicorn with production settings, measured with Debian's wrk (installed
# here when missing, as root like CI): each page's requests/second against a hello-world page
# and a static file, with and without the pages' cache, on SQLite and on PostgreSQL
# (BENCH_POSTGRES_URL, whose database is dropped and made again), and each list's first and
# last page at the document's size and at 100,000 rows. 127.0.0.1 only (BENCH_PORT, BENCH_PORT+1).
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_PORT ?= 8103
bench-pages: venv
	@command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
	BENCH_POSTGRES_URL=$(BENCH_POSTGRES_URL) BENCH_PORT=$(BENCH_PORT) $(PY) bench/bench_pages.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Spreadsheet import messages: compile locale/ja/LC_MESSAGES/django.po to .mo with polib
# (pure Python; compilemessages would need GNU msgfmt). Commit both files.
messages: venv
	$(PY) -c "import polib; polib.pofile('locale/ja/LC_MESSAGES/django.po').save_as_mofile('locale/ja/LC_MESSAGES/django.mo')"

# --- Backups and login lockout ---
# Files go to backups/ (git-ignored). `make restore` takes the newest JSON backup, or
# FILE=backups/portal-….json / .dump; it asks before replacing the data, and the portal
# answers 「メンテナンス中です」 while it restores (restore_portal --maintenance).
# `make unlock LOGIN=…` lifts a login lockout. Production sets DJANGO_DEBUG itself.
OPS_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

backup: venv
	$(OPS_ENV) $(PY) manage.py backup_portal

restore: venv
	$(OPS_ENV) $(PY) manage.py restore_portal --maintenance $(FILE)

unlock: venv
	@test -n "$(LOGIN)" || { echo "ユーザー名を指定してください: make unlock LOGIN=…"; exit 2; }
	$(OPS_ENV) $(PY) manage.py axes_reset_username $(LOGIN)
