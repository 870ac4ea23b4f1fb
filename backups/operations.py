"""Backups of the portal's data and their restore.

Two kinds of backup file, both written to ``settings.PORTAL_BACKUP_DIR`` (``backups/``):

- ``portal-YYYYmmdd-HHMMSS.json`` — ``dumpdata`` of every table that holds the portal's own
  data (content records, divisions, users, groups, the admin log, history when present),
  with *natural foreign keys* so content types and permissions are referred to by name and
  the file loads into any database, SQLite or PostgreSQL. Primary keys are kept, so the
  admin log and history rows still point at the right records after a restore. Tables
  Django rebuilds itself (content types, permissions) and throwaway state (sessions, login
  lockouts) are left out.
- ``portal-YYYYmmdd-HHMMSS.dump`` — on PostgreSQL only, a ``pg_dump --format=custom`` of the
  whole database, restored with ``pg_restore``.

A restore replaces the data in one transaction: it either completes or changes nothing.
Every failure is a :class:`BackupError` with a Japanese message.
"""
import json
import os
import subprocess
from datetime import datetime, time
from itertools import chain
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.management.color import no_style
from django.db import connection, transaction

# Tables rebuilt by ``migrate`` (content types, permissions) or not worth keeping.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes")
PREFIX = "portal-"


class BackupError(Exception):
    """A backup or restore that could not be done; the message is Japanese, for staff."""


def backup_models():
    """Return the model classes whose rows a JSON backup holds, in dependency-free order.

    Every concrete, managed model of every installed app except those in ``EXCLUDED``.
    """
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED
        and model._meta.label_lower not in EXCLUDED
    ]


def backup_tables():
    """Return the table names a JSON restore replaces: the models' and their m2m tables."""
    tables = []
    for model in backup_models():
        tables.append(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.append(field.remote_field.through._meta.db_table)
    return tables


def is_postgresql():
    """Whether the default database is PostgreSQL (then ``pg_dump`` backups are made too)."""
    return connection.vendor == "postgresql"


def backup_dir():
    """Return the backup directory (``Path``), creating it when missing."""
    directory = Path(settings.PORTAL_BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def create_backup(directory=None, *, stamp=None):
    """Write a JSON backup (and a ``pg_dump`` file on PostgreSQL); return their paths.

    ``directory`` defaults to :func:`backup_dir`; ``stamp`` (``str``) to the local time as
    ``YYYYmmdd-HHMMSS``. Files are written under a temporary name and renamed when
    complete, so a half-written backup never looks like a backup.
    Raises :class:`BackupError` when a file exists already or ``pg_dump`` fails.
    """
    directory = Path(directory) if directory else backup_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = directory / f"{PREFIX}{stamp}.json"
    if json_path.exists():
        raise BackupError(f"{json_path} は既にあります。上書きはしません。")
    partial = json_path.with_suffix(".json.partial")
    # Owner-only from the start: a backup holds password hashes and staff names.
    partial.touch(mode=0o600)
    write_json_backup(partial)
    partial.rename(json_path)
    paths = [json_path]
    if is_postgresql():
        dump_path = directory / f"{PREFIX}{stamp}.dump"
        partial = dump_path.with_suffix(".dump.partial")
        partial.touch(mode=0o600)
        dump_postgresql(partial)
        partial.rename(dump_path)
        paths.append(dump_path)
    return paths


class FullPrecisionEncoder(DjangoJSONEncoder):
    """``DjangoJSONEncoder`` that keeps microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


def write_json_backup(path):
    """Write every row of :func:`backup_models` to ``path`` as a Django JSON fixture.

    What ``dumpdata --natural-foreign`` writes, in dependency order and by primary key,
    except that times keep their microseconds, so a restore gives back identical values.
    """
    by_app = {}
    for model in backup_models():
        by_app.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    ordered = serializers.sort_dependencies(by_app.items(), allow_cycles=True)
    rows = chain.from_iterable(
        model._default_manager.order_by(model._meta.pk.name).iterator() for model in ordered
    )
    with open(path, "w", encoding="utf-8") as stream:
        serializers.serialize(
            "json", rows, stream=stream, indent=1, use_natural_foreign_keys=True,
            cls=FullPrecisionEncoder,
        )


def latest_backup(directory=None):
    """Return the newest JSON backup in ``directory`` (``Path``).

    Raises :class:`BackupError` when there is none.
    """
    directory = Path(directory) if directory else Path(settings.PORTAL_BACKUP_DIR)
    found = sorted(directory.glob(f"{PREFIX}*.json")) if directory.is_dir() else []
    if not found:
        raise BackupError(f"{directory} にバックアップ({PREFIX}*.json)がありません。")
    return found[-1]


def wipe():
    """Delete every row of the tables a JSON backup holds (call inside a transaction)."""
    # PostgreSQL refuses to TRUNCATE a table with foreign-key checks still pending in this
    # transaction: run those checks now.
    connection.check_constraints()
    statements = connection.ops.sql_flush(no_style(), backup_tables(), allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def restore(path):
    """Replace the portal's data with a backup file: ``.json`` or (PostgreSQL) ``.dump``.

    All or nothing: a JSON restore wipes and loads in one transaction, ``pg_restore`` runs
    with ``--single-transaction``. Returns the number of objects restored (JSON) or
    ``None`` (``.dump``). Raises :class:`BackupError` for a missing, unreadable, empty or
    inconsistent file; the database is then unchanged.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"バックアップファイル {path} が見つかりません。")
    if path.suffix == ".dump":
        if not is_postgresql():
            raise BackupError(".dump ファイルは PostgreSQL のデータベースにだけ復元できます。")
        restore_postgresql(path)
        return None
    if path.suffix != ".json":
        raise BackupError(f"{path.name} はバックアップファイル(.json / .dump)ではありません。")
    try:
        objects = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BackupError(f"{path.name} を読めません(JSON として壊れています: {error})。") from error
    if not isinstance(objects, list) or not objects:
        raise BackupError(f"{path.name} には記録が一件もありません。復元しませんでした。")
    try:
        with transaction.atomic():
            wipe()
            call_command("loaddata", str(path), verbosity=0)
    except Exception as error:  # any failure rolls everything back; say so in Japanese
        raise BackupError(
            f"{path.name} を復元できませんでした。データは変更していません。原因: {error}"
        ) from error
    return len(objects)


def dump_postgresql(path, *, database=None):
    """Write ``pg_dump --format=custom`` of the default (or the named) database to ``path``.

    Raises :class:`BackupError` when ``pg_dump`` fails.
    """
    _run_pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}",
            database=database)


def restore_postgresql(path, *, database=None):
    """Restore a ``pg_dump`` file into the default (or the named) database, all or nothing.

    Objects of the dump are dropped and recreated (``--clean --if-exists``) in one
    transaction. Raises :class:`BackupError` when ``pg_restore`` fails.
    """
    _run_pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", str(path), database=database)


def _run_pg(program, *args, database=None):
    """Run ``pg_dump``/``pg_restore`` against the default (or the named) PostgreSQL database.

    The password goes through the environment, never the command line.
    Raises :class:`BackupError` with the program's own message when it fails.
    """
    db = connection.settings_dict
    env = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    result = subprocess.run(
        [program, *args, f"--dbname={database or db['NAME']}"],
        env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} が失敗しました: {result.stderr.strip()}")
