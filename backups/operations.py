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

A JSON backup names each model, content type and permission by its app label. A backup
taken before a model moved to another app names its old app; ``MOVED_APP_LABELS`` maps
such labels to today's, and :func:`restore` reads the backup through it.
"""
import json
import os
import re
import subprocess
import tempfile
from datetime import datetime, time
from itertools import chain
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.management.color import no_style
from django.db import DatabaseError, DataError, IntegrityError, connection, transaction

from core.database import BUSY_MESSAGE, is_busy_error

# Tables rebuilt by ``migrate`` (content types, permissions) or not worth keeping.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes")
PREFIX = "portal-"

#: App labels a backup may name that are no longer installed → the app their models are in
#: now. ``kumamoto_portal``: the project package held ``Division`` and ``HistoricalDivision``
#: until they moved to ``core`` (``core/migrations/0003_move_from_project_package.py``).
MOVED_APP_LABELS = {"kumamoto_portal": "core"}


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
    refused = values_the_database_refuses(objects)
    if refused:
        raise BackupError(
            f"{path.name} を復元できませんでした。データは変更していません。"
            f"このデータベース({connection.display_name})に入らない値があります:\n"
            + "\n".join(f"- {problem}" for problem in refused)
        )
    try:
        with tempfile.TemporaryDirectory() as scratch:
            # Both steps run (|, not or): each rewrites objects in place.
            if rename_moved_apps(objects) | add_japanese_versions(objects):
                # loaddata reads files only: it gets the translated copy (in a directory
                # only the owner can read, as the backup holds password hashes).
                path_to_load = Path(scratch) / path.name
                path_to_load.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
            else:
                path_to_load = path
            with transaction.atomic():
                wipe()
                call_command("loaddata", str(path_to_load), verbosity=0)
    except Exception as error:  # any failure rolls everything back; say so in Japanese
        raise BackupError(
            f"{path.name} を復元できませんでした。データは変更していません。{explain(error)}"
        ) from error
    return len(objects)


#: At most this many refused values are listed (a file from another database may have many).
MAX_LISTED = 10


def values_the_database_refuses(objects):
    """Return Japanese lines naming the values of ``objects`` this database cannot store.

    ``objects`` is a JSON backup's list. A backup taken on SQLite may hold what SQLite
    accepts and PostgreSQL refuses: an integer beyond the column's range (表示順 40000 in
    a smallint), text longer than the column, a NUL character. Each line names the model,
    the record and the field; at most ``MAX_LISTED`` lines, the last one saying how many
    more there are. Checked before anything is wiped, without touching the database.
    """
    problems = []
    for obj in objects:
        if not isinstance(obj, dict) or not isinstance(obj.get("fields"), dict):
            continue  # loaddata will say what is wrong with it
        try:
            model = apps.get_model(obj.get("model", ""))
        except (LookupError, ValueError):
            continue
        values = [(model._meta.pk, obj.get("pk")), *(
            (field, value) for field, value in (
                (_concrete_field(model, name), value) for name, value in obj["fields"].items()
            ) if field is not None
        )]
        for field, value in values:
            problem = _refused(field, value)
            if problem:
                problems.append(f"{_record(model, obj)}の「{field.verbose_name}」({field.name}): {problem}")
    if len(problems) > MAX_LISTED:
        problems = [*problems[:MAX_LISTED], f"ほかに{len(problems) - MAX_LISTED}件あります。"]
    return problems


def _concrete_field(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete and not field.is_relation else None


def _refused(field, value):
    """Why this database cannot store ``value`` in ``field`` (Japanese), or ``None``."""
    internal_type = field.get_internal_type()
    if isinstance(value, int) and not isinstance(value, bool) and internal_type.endswith(
        ("IntegerField", "AutoField")
    ):
        range_type = {"AutoField": "IntegerField", "BigAutoField": "BigIntegerField",
                      "SmallAutoField": "SmallIntegerField"}.get(internal_type, internal_type)
        low, high = connection.ops.integer_field_range(range_type)
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{value} はこの欄に入る整数の範囲({low}〜{high})を超えています。"
    if isinstance(value, str):
        if "\x00" in value and connection.vendor == "postgresql":
            return "PostgreSQL に保存できない文字(NUL)を含んでいます。"
        # SQLite keeps any length; the other databases hold max_length characters.
        max_length = getattr(field, "max_length", None)
        if max_length and len(value) > max_length and connection.vendor != "sqlite" \
                and internal_type in ("CharField", "SlugField", "EmailField", "URLField"):
            return f"{len(value)}文字あり、この欄の上限({max_length}文字)を超えています。"
    return None


def _record(model, obj):
    """``obj`` (a backup's object) as staff know it: 「姉妹・友好都市(ID 3「桂林市」)」."""
    name = ""
    try:
        instance = model(**{
            field.attname: obj["fields"][field.name] for field in model._meta.concrete_fields
            if not field.is_relation and field.name in obj["fields"]
        })
        name = str(instance)
    except Exception:  # a __str__ that needs related records: the id alone says which
        name = ""
    shown = f"「{name}」" if name and len(name) <= 40 else ""
    return f"{model._meta.verbose_name}(ID {obj.get('pk')}{shown})"


# What each kind of error means, for staff: the first class of this list found in the
# error or its causes wins (a DeserializationError wraps the record it could not find).
_ERROR_MEANINGS = [
    (IntegrityError, "ほかの記録と重複しているか、参照先の記録が見つからないか、必須の値が空の記録があります。"),
    (DataError, "データベースの型に収まらない値があります(大きすぎる数、長すぎる文字列、形式の違う値など)。"),
    (ObjectDoesNotExist, "記録が参照している権限・種類・記録が、このデータベースに見つかりません(別の版のポータルのバックアップの可能性があります)。"),
    (DeserializationError, "記録の形式が正しくないか、値がこのポータルのデータに合いません(ファイルの破損、または別の版のポータルのバックアップの可能性があります)。"),
    (DatabaseError, "データベースが記録の書き込みを拒否しました。"),
]
_FAILED_OBJECT = re.compile(r"(?P<label>[A-Za-z_][\w]*\.[A-Za-z_][\w]*)(?:\(|:)pk=(?P<pk>[^)\s]*)")


def explain(error):
    """A Japanese account of why a restore failed (``error`` raised by ``loaddata``).

    Names the kind of record and its ID when the error says which (loaddata writes
    ``Could not load app.Model(pk=N)``) and ends with the database's own words, for
    whoever investigates.
    """
    if is_busy_error(error):
        return BUSY_MESSAGE
    meaning = next(
        (text for kind, text in _ERROR_MEANINGS if _caused_by(error, kind)),
        "予期しないエラーが起きました。",
    )
    where = ""
    found = _FAILED_OBJECT.search(str(error))
    if found:
        try:
            model = apps.get_model(found["label"])
        except (LookupError, ValueError):
            model = None
        if model is not None:
            where = f"{model._meta.verbose_name}(ID {found['pk']})で止まりました。"
    return f"{where}原因: {meaning}(詳細: {error})"


def _caused_by(error, kind):
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def rename_moved_apps(objects):
    """Rewrite the app labels of ``MOVED_APP_LABELS`` in a JSON backup's ``objects``, in place.

    Model names (``kumamoto_portal.division`` → ``core.division``) and the natural keys of
    content types (``["kumamoto_portal", "division"]``) and permissions
    (``["change_division", "kumamoto_portal", "division"]``) in the fields that refer to
    them. Returns whether anything was rewritten.
    """
    renamed = False
    for obj in objects:
        if not isinstance(obj, dict) or not isinstance(obj.get("model"), str):
            continue  # loaddata will say what is wrong with it
        app_label, _, model_name = obj["model"].partition(".")
        if app_label in MOVED_APP_LABELS:
            obj["model"] = f"{MOVED_APP_LABELS[app_label]}.{model_name}"
            renamed = True
        try:
            model = apps.get_model(obj["model"])
        except (LookupError, ValueError):
            continue
        for name, value in (obj.get("fields") or {}).items():
            try:
                related = model._meta.get_field(name).related_model
            except FieldDoesNotExist:
                continue
            if related not in (ContentType, Permission) or not isinstance(value, list):
                continue
            # A many-to-many field holds a list of keys; a foreign key holds one.
            keys = value if value and isinstance(value[0], list) else [value]
            for key in keys:
                # The app label is the next to last part of both natural keys.
                if isinstance(key, list) and len(key) >= 2 and isinstance(key[-2], str) \
                        and key[-2] in MOVED_APP_LABELS:
                    key[-2] = MOVED_APP_LABELS[key[-2]]
                    renamed = True
    return renamed


def add_japanese_versions(objects):
    """Give a backup from before the English versions the Japanese version of each text, in place.

    A record written then has ``name`` but no ``name_ja`` / ``name_en``; ``migrate`` made
    ``name_ja`` a copy of ``name`` and left ``name_en`` empty, and so does the restore
    (history rows too, which no language machinery fills). Returns whether anything was added.
    """
    added = False
    for obj in objects:
        if not isinstance(obj, dict) or not isinstance(obj.get("model"), str):
            continue  # loaddata will say what is wrong with it
        try:
            model = apps.get_model(obj["model"])
        except (LookupError, ValueError):
            continue
        fields = obj.get("fields")
        if not isinstance(fields, dict):
            continue
        for name in list(fields):
            version = f"{name}_ja"
            if version in fields:
                continue
            try:
                model._meta.get_field(version)
            except FieldDoesNotExist:
                continue
            fields[version] = fields[name]
            added = True
    return added


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
