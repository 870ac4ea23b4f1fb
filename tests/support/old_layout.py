"""A database made by the portal as it was before its shared parts became apps.

Until commit ``2f3edb8`` the divisions (``Division``, ``HistoricalDivision``) lived in the
project package, app label ``kumamoto_portal``. The ``old_layout_database`` fixture builds
a database with the code and migrations of the commit before it (:data:`OLD_COMMIT`,
taken out of git into a temporary directory and run there with ``sys.executable``):
``migrate``, ``load_document``, ``setup_roles``, then :data:`STAFF_WORK` (a staff edit, a
spreadsheet import, users in groups, an admin log entry on a division). It records what the
database then holds (:mod:`tests.support.db_snapshot`) and takes a JSON backup with the
old ``backup_portal``.

The database is a throwaway one: a SQLite file in a temporary directory, or, when the
tests run on PostgreSQL, a database of its own on the same server, dropped afterwards.
Without the commit in git (a shallow clone, a source tarball) the tests using the fixture
are skipped, with the reason shown.

Registered as a plugin in the root ``conftest.py``, so the old code runs once per session
for every test that needs it.
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
#: The last commit with ``Division`` in the project package (the parent of 2f3edb8).
OLD_COMMIT = "3e8be5b425296f5a5d3a5c0f8d03e2b839d0a4a4"
SNAPSHOT_SOURCE = Path(__file__).with_name("db_snapshot.py")

ADMIN = "upgrade-admin"
CLERK = "upgrade-clerk"
#: A group that holds permissions on the moved model itself (not made by setup_roles).
DIVISION_EDITORS = "所管課の編集"
#: The admin log entry STAFF_WORK writes on the division 国際課.
LOG_MESSAGE = "表示順を変更"
#: The row STAFF_WORK adds by spreadsheet import.
IMPORTED_POLICY = "熊本市の取り込み確認方針"

#: Run with the old code (``manage.py shell -c``): what staff do on a running portal.
STAFF_WORK = f"""
import tablib
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from exchange.models import InternationalPolicy, PartnerCity
from kumamoto_portal import sheets
from kumamoto_portal.models import Division

User = get_user_model()
admin = User.objects.create_superuser({ADMIN!r}, password="upgrade-admin-pass-1")
clerk = User.objects.create_user({CLERK!r}, password="upgrade-clerk-pass-1", is_staff=True)
international = Division.objects.get(name="国際課")
clerk.groups.add(Group.objects.get(name=international.name))
editors = Group.objects.create(name={DIVISION_EDITORS!r})
editors.permissions.set(Permission.objects.filter(
    content_type__app_label="kumamoto_portal", codename__in=["view_division", "change_division"]
))
clerk.groups.add(editors)
clerk.user_permissions.add(Permission.objects.get(
    content_type__app_label="kumamoto_portal", codename="view_historicaldivision"
))

city = PartnerCity.objects.filter(responsible_division=international).order_by("pk").first()
city.overview += "(職員が追記)"
city._history_user = clerk
city.save()

international.order += 100
international._history_user = admin
international.save()
LogEntry.objects.log_actions(admin.pk, [international], CHANGE, change_message={LOG_MESSAGE!r})

resource = sheets.resource_for(InternationalPolicy)
exported = resource.export(InternationalPolicy.objects.order_by("pk"))
changed = list(exported[0])
changed[exported.headers.index("位置付け")] += "(取り込みで更新)"
added = [{IMPORTED_POLICY!r}, "2016", "取り込みの確認", "国際課", "9", "市政概要 3"]
result = sheets.resource_for(InternationalPolicy).import_data(
    tablib.Dataset(changed, added, headers=exported.headers), user=admin
)
assert not result.has_errors() and not result.has_validation_errors(), result
assert result.totals["new"] == 1 and result.totals["update"] == 1, result.totals
"""


@dataclass
class OldLayoutDatabase:
    """The database the old code made, and what it held then."""

    url: str
    before: dict  # tests.support.db_snapshot.snapshot() right after STAFF_WORK
    backup: Path  # the old backup_portal's JSON file, taken at the same moment


def manage(code_dir, database_url, *args):
    """Run ``manage.py *args`` of ``code_dir`` on ``database_url``; return its stdout.

    A subprocess with this Python, so each code base uses its own app registry. Fails the
    test, with the command's output, when the command fails.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(
        DATABASE_URL=database_url, DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="kumamoto_portal.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=code_dir, env=env,
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args[:2])} ({code_dir}) failed with status "
            f"{result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def take_snapshot(code_dir, database_url):
    """Return :func:`tests.support.db_snapshot.snapshot` of the database, read by ``code_dir``."""
    script = SNAPSHOT_SOURCE.read_text(encoding="utf-8") + "\nprint_snapshot()\n"
    output = manage(code_dir, database_url, "shell", "-v", "0", "-c", script)
    return json.loads(output.strip().splitlines()[-1])


def extract_old_code(destination):
    """Write the files of :data:`OLD_COMMIT` to ``destination``; skip when git lacks it."""
    try:
        found = subprocess.run(
            ["git", "-C", str(REPO), "cat-file", "-e", f"{OLD_COMMIT}^{{commit}}"],
            capture_output=True,
        )
    except FileNotFoundError:
        pytest.skip("git is not installed: the pre-move code (commit 3e8be5b) cannot be read")
    if found.returncode != 0:
        pytest.skip(
            f"commit {OLD_COMMIT[:7]} (the layout before the move to core) is not in this "
            "checkout (shallow clone or source tarball): no old database to upgrade"
        )
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", OLD_COMMIT],
        capture_output=True, check=True,
    )
    with tempfile.TemporaryFile() as stream:
        stream.write(archive.stdout)
        stream.seek(0)
        with tarfile.open(fileobj=stream) as tar:
            tar.extractall(destination, filter="data")
    return destination


@contextmanager
def throwaway_database(directory):
    """Yield the ``DATABASE_URL`` of an empty database of the kind the tests run on.

    SQLite: a file in ``directory``. PostgreSQL: a database with a random name on the test
    server (never the test database itself), dropped on the way out.
    """
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{Path(directory) / 'old-layout.sqlite3'}"
        return
    import psycopg

    name = f"portal_upgrade_{os.getpid()}_{secrets.token_hex(4)}"
    server = {
        "host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres", "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    password = f":{quote(server['password'], safe='')}" if server["password"] else ""
    try:
        yield (f"postgres://{quote(server['user'], safe='')}{password}@{server['host']}:"
               f"{server['port']}/{name}")
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def old_layout_database(tmp_path_factory):
    """An :class:`OldLayoutDatabase` (see the module docstring).

    The database is left as the old code made it; a test may migrate it (only one does:
    the upgrade test).
    """
    root = tmp_path_factory.mktemp("old-layout")
    old_code = extract_old_code(root / "code")
    backups = root / "backups"
    # One process for all but migrate: each start of Django costs a second.
    script = "\n".join([
        "import io",
        "from django.core.management import call_command",
        'call_command("load_document", stdout=io.StringIO())',
        'call_command("setup_roles", stdout=io.StringIO())',
        STAFF_WORK,
        SNAPSHOT_SOURCE.read_text(encoding="utf-8"),
        f'call_command("backup_portal", dir={str(backups)!r}, stdout=io.StringIO())',
        "print_snapshot()",
    ])
    with throwaway_database(root) as url:
        manage(old_code, url, "migrate", "--noinput", "-v", "0")
        output = manage(old_code, url, "shell", "-v", "0", "-c", script)
        before = json.loads(output.strip().splitlines()[-1])
        [backup] = backups.glob("portal-*.json")
        shutil.rmtree(old_code)
        yield OldLayoutDatabase(url=url, before=before, backup=backup)
