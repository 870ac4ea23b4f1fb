"""A restore that fails says why in Japanese, names the record, and changes nothing.

The PostgreSQL tests restore a backup taken on SQLite (a portal on a SQLite file, run in
other processes: ``tests/support/sqlite_file.py``); they run when the suite does
(``DATABASE_URL=postgres://…``) and are skipped on SQLite with the reason.
"""
import json
import textwrap

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from backups import operations as backups
from core.models import Division
from tests.backups.test_security_backups import snapshot, staff_data  # noqa: F401 (a fixture)

on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="restores a SQLite backup into PostgreSQL; run with DATABASE_URL=postgres://…",
)


def restore_fails(path):
    with pytest.raises(CommandError) as failed:
        call_command("restore_portal", str(path), interactive=False, maintenance=True)
    return str(failed.value)


def edited_backup(tmp_path, edit):
    """Today's data as a JSON backup, with ``edit(objects)`` applied to it."""
    [good] = [p for p in backups.create_backup(tmp_path, stamp="20260101-000000") if p.suffix == ".json"]
    objects = json.loads(good.read_text(encoding="utf-8"))
    edit(objects)
    edited = tmp_path / "portal-edited.json"
    edited.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    return edited


def division(objects, name):
    return next(o for o in objects if o["model"] == "core.division" and o["fields"]["name"] == name)


@pytest.mark.django_db
def test_a_number_no_database_holds_names_model_record_and_field(tmp_path):
    path = edited_backup(tmp_path, lambda objects: division(objects, "国際課")["fields"].update(order=10**20))
    pk = Division.objects.get(name="国際課").pk
    before = snapshot()
    message = restore_fails(path)
    assert "データは変更していません" in message
    assert f"所管課(ID {pk}「国際課」)の「表示順」(order): {10**20} はこの欄に入る整数の範囲" in message
    assert snapshot() == before


@pytest.mark.django_db
def test_a_constraint_failure_names_the_model_and_record_in_japanese(tmp_path):
    def duplicate(objects):
        copy = json.loads(json.dumps(division(objects, "国際課")))
        copy["pk"] = 999
        objects.append(copy)

    path = edited_backup(tmp_path, duplicate)
    before = snapshot()
    message = restore_fails(path)
    assert "所管課(ID 999)で止まりました。" in message
    assert "原因: ほかの記録と重複しているか" in message
    assert snapshot() == before


def test_an_unknown_reference_is_explained_in_japanese(tmp_path, staff_data):
    edited = {}

    def unknown_permission(objects):
        group = next(o for o in objects if o["model"] == "auth.group")
        group["fields"]["permissions"].append(["no_such_permission", "exchange", "partnercity"])
        edited["group"] = group["pk"]

    before = snapshot()
    message = restore_fails(edited_backup(tmp_path, unknown_permission))
    # The group's id is whatever the database gave it (PostgreSQL's sequences outlive tests).
    assert f"グループ(ID {edited['group']})で止まりました。" in message
    assert "原因: 記録が参照している権限・種類・記録が、このデータベースに見つかりません" in message
    assert snapshot() == before


@pytest.fixture
def sqlite_backup(file_portal):
    """Back up the portal on the SQLite file; returns a function that does it."""
    def take(setup=""):
        if setup:
            file_portal.run(textwrap.dedent(setup) + "\nreport(done=True)\n")
        file_portal.manage("backup_portal")
        return max((file_portal.database.parent / "backups").glob("portal-*.json"))

    return take


@on_postgresql
@pytest.mark.django_db
def test_a_sqlite_backup_with_a_number_postgresql_refuses_is_explained(sqlite_backup):
    """SQLite kept 表示順 40000 from a spreadsheet; PostgreSQL's smallint stops at 32767."""
    path = sqlite_backup("""
        from core.models import Division
        Division.objects.filter(name="国際課").update(order=40000)
    """)
    pk = next(o["pk"] for o in json.loads(path.read_text(encoding="utf-8"))
              if o["model"] == "core.division" and o["fields"]["name"] == "国際課")
    before = snapshot()
    message = restore_fails(path)
    assert message.startswith(f"{path.name} を復元できませんでした。データは変更していません。")
    assert "このデータベース(PostgreSQL)に入らない値があります" in message
    assert f"所管課(ID {pk}「国際課」)の「表示順」(order): 40000 はこの欄に入る整数の範囲(0〜32767)を超えています。" in message
    assert snapshot() == before


def backup_objects(path):
    """A JSON backup's objects, comparable across databases (sorted by model and key)."""
    objects = json.loads(path.read_text(encoding="utf-8"))
    return sorted(json.dumps(o, sort_keys=True, ensure_ascii=False) for o in objects)


@on_postgresql
@pytest.mark.django_db
def test_a_sqlite_backup_restores_into_postgresql_and_back(sqlite_backup, file_portal, tmp_path):
    """The document's data: SQLite → backup → PostgreSQL → backup → SQLite → the same data."""
    from_sqlite = sqlite_backup()
    call_command("restore_portal", str(from_sqlite), interactive=False, maintenance=True)
    assert Division.objects.filter(name="国際課").exists()
    # The JSON alone: pg_dump, another connection, would wait for this test's transaction.
    from_postgresql = tmp_path / "portal-from-postgresql.json"
    backups.write_json_backup(from_postgresql)
    assert backup_objects(from_postgresql) == backup_objects(from_sqlite)

    file_portal.manage("restore_portal", str(from_postgresql), "--noinput", "--maintenance")
    file_portal.manage("backup_portal", "--dir", str(tmp_path / "again"))
    [back_in_sqlite] = (tmp_path / "again").glob("portal-*.json")
    assert backup_objects(back_in_sqlite) == backup_objects(from_sqlite)
