"""A portal on a real SQLite file, driven from other processes.

The test database of a SQLite run is in memory (one connection, shared-cache locks), so it
cannot show what the settings' WAL, busy timeout and immediate transactions do between
the workers of a server. :func:`make_portal_database` builds a file database the way
``make run`` does (``migrate``, ``load_document``, an ``admin`` superuser) in a
subprocess; :class:`FilePortal` runs code against a copy of it in other processes, each
with the portal's own settings, as gunicorn's workers would. It works whatever database
the suite itself runs on.
"""
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Runs before a script: Django set up on the file database, and a test client for pages
#: (``client()``, signed in as ``admin`` unless ``anonymous=True``). ``report(**values)``
#: prints the script's result as one JSON line.
PRELUDE = """
import json, sys
import django
from django.conf import settings
# As in the test process (conftest.py): no manifest, which needs collectstatic.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.contrib.auth import get_user_model
from django.test import Client


def client(anonymous=False):
    browser = Client(raise_request_exception=False)
    if not anonymous:
        browser.force_login(get_user_model().objects.get(username="admin"))
    return browser


def wait_for_test():
    # Say READY and wait until the test writes a line (it takes a lock meanwhile).
    print("READY", flush=True)
    sys.stdin.readline()


def report(**values):
    print("RESULT " + json.dumps(values, ensure_ascii=False), flush=True)
"""


def portal_env(database, **extra):
    """The environment of a portal process on the SQLite file ``database``."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "test-only-file-database",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PORTAL_MAINTENANCE_FILE": str(Path(database).with_name("maintenance.on")),
        "PORTAL_BACKUP_DIR": str(Path(database).with_name("backups")),
    }
    # The settings' own busy timeout unless a test sets one.
    env.pop("PORTAL_SQLITE_BUSY_SECONDS", None)
    env.update({key: str(value) for key, value in extra.items()})
    env["DJANGO_SETTINGS_MODULE"] = "kumamoto_portal.settings"
    return env


def manage(database, *args, check=True, **env):
    """Run ``manage.py ARGS`` on the SQLite file ``database``; return the finished process."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=portal_env(database, **env),
        capture_output=True, text=True, timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def make_portal_database(path):
    """Build a portal database in the SQLite file ``path``: migrated, the document loaded,
    the roles set up and an ``admin`` superuser. Returns ``path``."""
    manage(path, "migrate", "--noinput", "-v0")
    manage(path, "load_document")
    manage(path, "setup_roles")
    manage(path, "ensure_admin", PORTAL_ADMIN_PASSWORD="file-db-admin-pass-1")
    return path


class FilePortal:
    """A copy of a portal database file, and processes that work on it."""

    def __init__(self, template, directory):
        self.database = Path(directory) / "portal.sqlite3"
        shutil.copyfile(template, self.database)

    def env(self, **extra):
        return portal_env(self.database, **extra)

    def start(self, script, **env):
        """Start ``script`` (after :data:`PRELUDE`) in a process; returns the ``Popen``.

        Its stdin is a pipe: a script may wait for the test with ``sys.stdin.readline()``.
        """
        return subprocess.Popen(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(script)], cwd=REPO,
            env=self.env(**env), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )

    @staticmethod
    def when_ready(process):
        """Wait until ``process`` calls ``wait_for_test()``; return ``process``."""
        for line in process.stdout:
            if line.strip() == "READY":
                return process
        raise AssertionError(f"portal process ended before it was ready:\n{process.stderr.read()}")

    @staticmethod
    def go(*processes):
        """Let processes waiting in ``wait_for_test()`` go on, all at once."""
        for process in processes:
            process.stdin.write("go\n")
        for process in processes:
            process.stdin.flush()

    def run(self, script, **env):
        """Run ``script`` to its end; return what it reported (``report(...)``)."""
        return finish(self.start(script, **env))

    def manage(self, *args, check=True, **env):
        return manage(self.database, *args, check=check, **env)


def finish(process, timeout=300):
    """Wait for ``process`` (from :meth:`FilePortal.start`); return its ``report`` values."""
    stdout, stderr = process.communicate(timeout=timeout)
    results = [line[len("RESULT "):] for line in stdout.splitlines() if line.startswith("RESULT ")]
    if process.returncode != 0 or not results:
        raise AssertionError(f"portal process failed ({process.returncode}):\n{stdout}\n{stderr}")
    return json.loads(results[-1])


@pytest.fixture(scope="session")
def portal_database(tmp_path_factory):
    """A portal database in a SQLite file (built once per session; copy it to change it)."""
    return make_portal_database(tmp_path_factory.mktemp("file-portal") / "template.sqlite3")


@pytest.fixture
def file_portal(portal_database, tmp_path):
    """A :class:`FilePortal` on a fresh copy of :func:`portal_database`."""
    return FilePortal(portal_database, tmp_path)
