"""A JSON backup taken before the divisions moved to ``core`` restores into today's layout.

The backup is made by the old code's ``backup_portal`` (``tests/support/old_layout.py``):
it names the divisions' models ``kumamoto_portal.division`` and their content types and
permissions ``["kumamoto_portal", "division"]``. ``restore_portal`` must load it all.
The last test does the same without the old code (it runs where the old commit is missing).
"""
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from backups import operations as backups
from core.models import Division
from exchange.models import PartnerCity
from tests.support.db_snapshot import snapshot
from tests.support.old_layout import ADMIN, CLERK, DIVISION_EDITORS, LOG_MESSAGE

RENAMED_TABLES = {
    "kumamoto_portal_division": "core_division",
    "kumamoto_portal_historicaldivision": "core_historicaldivision",
}
#: Tables whose rows hold content type or permission ids, or link ids of their own, which
#: differ from database to database; compared by name below instead.
BY_NAME = {"django_admin_log", "auth_group_permissions", "auth_user_groups",
           "auth_user_user_permissions"}


def moved(app_label):
    return "core" if app_label == "kumamoto_portal" else app_label


@pytest.mark.django_db
def test_a_backup_of_the_old_layout_restores_every_row(old_layout_database):
    objects = json.loads(old_layout_database.backup.read_text(encoding="utf-8"))
    assert any(o["model"] == "kumamoto_portal.division" for o in objects)
    before = old_layout_database.before
    old_tables = {RENAMED_TABLES.get(t, t): facts for t, facts in before["tables"].items()}

    call_command("restore_portal", str(old_layout_database.backup), interactive=False, maintenance=True)

    after = snapshot()
    # Tables the old layout did not have yet (import batches, background jobs, the task
    # queue) restore empty.
    tables = [t for t in backups.backup_tables() if t in old_tables]
    assert {t: after["tables"][t]["count"] for t in backups.backup_tables() if t not in old_tables} == {
        t: 0 for t in backups.backup_tables() if t not in old_tables
    }
    assert {t: after["tables"][t]["count"] for t in tables} == {
        t: old_tables[t]["count"] for t in tables
    }
    assert {t: after["tables"][t] for t in tables if t not in BY_NAME} == {
        t: old_tables[t] for t in tables if t not in BY_NAME
    }
    assert after["group_permission_keys"] == sorted(
        [group, codename, moved(app_label), model]
        for group, codename, app_label, model in before["group_permission_keys"]
    )
    assert after["user_groups"] == before["user_groups"]
    assert after["user_permission_keys"] == {
        user: [[codename, moved(app_label), model] for codename, app_label, model in keys]
        for user, keys in before["user_permission_keys"].items()
    }
    assert after["admin_log"] == [
        [pk, user, moved(app_label), *rest] for pk, user, app_label, *rest in before["admin_log"]
    ]

    # Today's code reads it as the admin would.
    clerk = get_user_model().objects.get(username=CLERK)
    assert clerk.has_perm("core.change_division")
    assert sorted(clerk.groups.values_list("name", flat=True)) == sorted(["国際課", DIVISION_EDITORS])
    international = Division.objects.get(name="国際課")
    assert international.history.first().history_user.username == ADMIN
    assert LogEntry.objects.get(change_message=LOG_MESSAGE).get_edited_object() == international
    city = PartnerCity.objects.filter(responsible_division=international).order_by("pk").first()
    assert city.history.first().history_user.username == CLERK


def as_before_the_move(value):
    """``value`` (a backup's JSON) with every ``core`` label written as ``kumamoto_portal``."""
    if isinstance(value, list):
        return [as_before_the_move(item) for item in value]
    if isinstance(value, dict):
        return {key: as_before_the_move(item) for key, item in value.items()}
    if value == "core":
        return "kumamoto_portal"
    if isinstance(value, str) and value.startswith("core."):
        return "kumamoto_portal." + value.removeprefix("core.")
    return value


@pytest.mark.django_db
def test_old_app_labels_are_read_as_core(tmp_path):
    """The same without the old code: today's backup with the old labels written in."""
    group = Group.objects.create(name=DIVISION_EDITORS)
    group.permissions.set(Permission.objects.filter(content_type__app_label="core"))
    user = get_user_model().objects.create_user(username=CLERK, password="x-long-pass-1")
    user.groups.add(group)
    LogEntry.objects.log_actions(user.pk, [Division.objects.first()], CHANGE, change_message="確認")
    before = snapshot()
    [current] = [p for p in backups.create_backup(tmp_path, stamp="20260101-000000")
                 if p.suffix == ".json"]
    old = tmp_path / "portal-old.json"
    text = json.dumps(as_before_the_move(json.loads(current.read_text(encoding="utf-8"))))
    assert '"kumamoto_portal.division"' in text and '"change_division", "kumamoto_portal"' in text
    old.write_text(text, encoding="utf-8")

    call_command("restore_portal", str(old), interactive=False, maintenance=True)

    after = snapshot()
    assert after["group_permission_keys"] == before["group_permission_keys"]
    assert after["admin_log"] == before["admin_log"]
    tables = [t for t in backups.backup_tables() if t not in BY_NAME]
    assert {t: after["tables"][t] for t in tables} == {t: before["tables"][t] for t in tables}
    assert get_user_model().objects.get(username=CLERK).has_perm("core.change_division")
