"""Backups: backup → wipe → restore gives back exactly the data, and a bad file changes nothing."""
import json
import subprocess

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from exchange.models import PartnerCity
from backups import operations as backups


def snapshot():
    """Every row of every backed-up table (m2m tables too), as sorted tuples per table."""
    state = {}
    for model in backups.backup_models():
        state[model._meta.label] = sorted(map(repr, model.objects.values_list()))
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            # The link rows' own ids are not data: compare what they link.
            links = through.objects.values_list(
                *(f.attname for f in through._meta.concrete_fields if not f.primary_key)
            )
            state[through._meta.label] = sorted(map(repr, links))
    return state


@pytest.fixture
def staff_data(db):
    """Users, a group with permissions and an admin log entry, beside the document's data."""
    group = Group.objects.create(name="バックアップ確認用")  # not a division: setup_roles leaves it
    group.permissions.set(Permission.objects.filter(content_type__app_label="exchange"))
    user = get_user_model().objects.create_user(username="clerk", password="x-long-pass-1")
    user.groups.add(group)
    city = PartnerCity.objects.first()
    LogEntry.objects.log_actions(user.pk, [city], CHANGE, change_message="名称を修正")
    return user


@pytest.mark.django_db
def test_backup_wipe_restore_gives_back_identical_data(tmp_path, staff_data):
    before = snapshot()
    assert len(before["exchange.PartnerCity"]) >= 9
    assert before["auth.User_groups"] and before["auth.Group_permissions"]

    call_command("backup_portal", dir=str(tmp_path))
    [json_file] = tmp_path.glob("portal-*.json")
    # Content types and permissions are referred to by name, so the file loads anywhere.
    objects = json.loads(json_file.read_text(encoding="utf-8"))
    group = next(
        o for o in objects if o["model"] == "auth.group" and o["fields"]["name"] == "バックアップ確認用"
    )
    assert ["add_partnercity", "exchange", "partnercity"] in group["fields"]["permissions"]
    assert not any(o["model"].startswith(("sessions.", "axes.", "contenttypes.")) for o in objects)

    with connection.cursor():
        backups.wipe()
    assert all(rows == [] for rows in snapshot().values())

    call_command("restore_portal", str(json_file), interactive=False, maintenance=True)
    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before
    assert get_user_model().objects.get(username="clerk").check_password("x-long-pass-1")


@pytest.mark.django_db
def test_restore_without_a_file_takes_the_newest_backup(tmp_path, settings, staff_data):
    settings.PORTAL_BACKUP_DIR = tmp_path
    backups.create_backup(stamp="20260101-000000")
    PartnerCity.objects.filter(pk=PartnerCity.objects.first().pk).update(name="変更後")
    backups.create_backup(stamp="20260102-000000")
    PartnerCity.objects.filter(name="変更後").update(name="さらに変更")
    assert backups.latest_backup().name == "portal-20260102-000000.json"
    call_command("restore_portal", interactive=False, maintenance=True)
    assert PartnerCity.objects.filter(name="変更後").count() == 1
    assert not PartnerCity.objects.filter(name="さらに変更").exists()


@pytest.mark.django_db
def test_an_existing_backup_is_never_overwritten(tmp_path, staff_data):
    backups.create_backup(tmp_path, stamp="20260101-000000")
    with pytest.raises(backups.BackupError, match="既にあります"):
        backups.create_backup(tmp_path, stamp="20260101-000000")


def broken_files(tmp_path):
    """Files a restore must refuse, each with a word of its Japanese message."""
    truncated = tmp_path / "portal-truncated.json"
    truncated.write_text('[{"model": "exchange.partnercity", "pk": 1, "fie', encoding="utf-8")
    empty = tmp_path / "portal-empty.json"
    empty.write_text("[]", encoding="utf-8")
    return [
        (truncated, "壊れています"),
        (empty, "一件もありません"),
        (tmp_path / "portal-missing.json", "見つかりません"),
    ]


@pytest.mark.django_db
def test_a_broken_backup_is_refused_in_japanese_and_changes_nothing(tmp_path, staff_data):
    before = snapshot()
    for path, message in broken_files(tmp_path):
        with pytest.raises(CommandError, match=message):
            call_command("restore_portal", str(path), interactive=False, maintenance=True)
        assert snapshot() == before, path


@pytest.mark.django_db
def test_a_restore_failing_half_way_rolls_back_the_wipe(tmp_path, staff_data):
    """A file whose last object refers to a missing record fails after the wipe began."""
    before = snapshot()
    good = backups.create_backup(tmp_path, stamp="20260101-000000")[0]
    objects = json.loads(good.read_text(encoding="utf-8"))
    group = next(
        o for o in objects if o["model"] == "auth.group" and o["fields"]["name"] == "バックアップ確認用"
    )
    group["fields"]["permissions"].append(["no_such_permission", "exchange", "partnercity"])
    bad = tmp_path / "portal-bad.json"
    bad.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="データは変更していません"):
        call_command("restore_portal", str(bad), interactive=False, maintenance=True)
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_asks_first_and_stops_without_yes(tmp_path, staff_data, monkeypatch):
    good = backups.create_backup(tmp_path, stamp="20260101-000000")[0]
    city = PartnerCity.objects.first()
    PartnerCity.objects.filter(pk=city.pk).update(name="変更後")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="復元を中止しました"):
        call_command("restore_portal", str(good), maintenance=True)
    assert PartnerCity.objects.get(pk=city.pk).name == "変更後"


@pytest.mark.django_db
def test_restore_with_no_answer_stops_in_japanese(tmp_path, staff_data, monkeypatch):
    """Regression: `make restore` with no terminal input ended in an English EOFError."""
    good = backups.create_backup(tmp_path, stamp="20260101-000000")[0]

    def no_input(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_input)
    before = PartnerCity.objects.count()
    with pytest.raises(CommandError, match="復元を中止しました"):
        call_command("restore_portal", str(good), maintenance=True)
    assert PartnerCity.objects.count() == before


@pytest.mark.django_db
def test_a_missing_file_is_refused_before_asking(tmp_path, monkeypatch):
    def must_not_ask(prompt):
        raise AssertionError("asked before checking the file")

    monkeypatch.setattr("builtins.input", must_not_ask)
    with pytest.raises(CommandError, match="見つかりません"):
        call_command("restore_portal", str(tmp_path / "nonexist.json"), maintenance=True)


@pytest.mark.django_db
def test_backups_are_readable_by_their_owner_only(tmp_path, staff_data):
    """Regression: backups (with password hashes) were created world-readable (0644)."""
    for path in backups.create_backup(tmp_path, stamp="20260101-000000"):
        assert path.stat().st_mode & 0o077 == 0, oct(path.stat().st_mode)


def table_digests(dbname):
    """Row count and an md5 of the rows, for every backed-up table of a PostgreSQL database."""
    import psycopg

    params = {**connection.get_connection_params(), "dbname": dbname}
    params.pop("cursor_factory", None)
    params.pop("context", None)
    result = {}
    with psycopg.connect(**params) as conn:
        for table in backups.backup_tables():
            result[table] = conn.execute(
                f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' ORDER BY t::text), \'\'))'
                f' FROM "{table}" t'
            ).fetchone()
    return result


@pytest.mark.django_db
def test_pg_dump_round_trip(tmp_path):
    """On PostgreSQL: pg_dump → restore into an emptied database → identical tables."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore are for PostgreSQL; run with DATABASE_URL=postgres://…")
    source = connection.settings_dict["NAME"]
    scratch = f"{source}_restore"
    dump = tmp_path / "portal.dump"
    backups.dump_postgresql(dump)
    env_args = ["-h", connection.settings_dict["HOST"] or "127.0.0.1",
                "-p", str(connection.settings_dict["PORT"] or 5432),
                "-U", connection.settings_dict["USER"] or "postgres"]
    subprocess.run(["dropdb", *env_args, "--if-exists", scratch], check=True)
    subprocess.run(["createdb", *env_args, scratch], check=True)
    try:
        backups.restore_postgresql(dump, database=scratch)
        expected = table_digests(source)
        assert expected["exchange_partnercity"][0] >= 9
        assert table_digests(scratch) == expected
        # Wipe the copy, restore again over it: the same tables come back.
        import psycopg

        params = {**connection.get_connection_params(), "dbname": scratch}
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params) as conn:
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in backups.backup_tables())
                         + " CASCADE")
        assert all(count == 0 for count, _ in table_digests(scratch).values())
        backups.restore_postgresql(dump, database=scratch)
        assert table_digests(scratch) == expected
    finally:
        subprocess.run(["dropdb", *env_args, "--if-exists", scratch], check=True)
