"""A database made before the shared parts became apps upgrades with ``migrate``.

The old code (``tests/support/old_layout.py``) builds a database with divisions under the
app label ``kumamoto_portal``, a staff edit, a spreadsheet import, group permissions on the
divisions and an admin log entry; today's ``manage.py migrate`` then runs on it in a
subprocess. Every row, history row, permission and group must survive with the same ids,
the divisions' content types become ``core`` ones in place, and today's code works on it.
Runs on SQLite, and on PostgreSQL when ``DATABASE_URL`` points there.
"""
import json

import pytest

from notices.roles import NOTICE_GROUP

from tests.support.old_layout import (
    ADMIN, CLERK, DIVISION_EDITORS, IMPORTED_POLICY, LOG_MESSAGE, REPO, SNAPSHOT_SOURCE, manage,
    take_snapshot,
)

#: Tables of the moved models: name under the project package → name in core.
RENAMED_TABLES = {
    "kumamoto_portal_division": "core_division",
    "kumamoto_portal_historicaldivision": "core_historicaldivision",
}
MOVED_MODELS = ("division", "historicaldivision")
#: What content types and applied migrations become; compared on their own below.
CHANGED_TABLES = {"django_content_type", "django_migrations"}
#: Tables whose values a later data migration corrects (same rows, other bytes), with the
#: columns it fills: exchange 0011 gives the cities' English page name (``name_en``, an
#: English version the old layout did not have) the supplement's official English name.
CORRECTED_TABLES = {"exchange_partnercity": {"name_en"}}
#: Apps whose tables came after the old layout: ``migrate`` creates them, empty, with their
#: content types and permissions. (The audit and spreadsheets apps had no models then.)
ADDED_APPS = ("audit", "spreadsheets", "django_tasks_database", "notices", "search")


#: Of those, the app whose tables ``migrate`` fills from the records already there.
FILLED_BY_MIGRATE = ("search",)
#: Groups ``migrate`` creates since the old layout (with their permissions).
ADDED_GROUPS = {NOTICE_GROUP}


def added(app_label_or_table):
    """Whether an app label, or a table name, belongs to an app added since the old layout."""
    return any(
        app_label_or_table == app or app_label_or_table.startswith(f"{app}_") for app in ADDED_APPS
    )

#: Run with today's code on the upgraded database: the divisions, their history and the
#: permissions through the moved content types, as the admin would use them; then nothing
#: is left to migrate or to write a migration for (either would exit), and setup_roles runs.
NEW_CODE_CHECK = f"""
import io
import json
from django.core.management import call_command
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from core.models import Division
from exchange.models import InternationalPolicy, PartnerCity

clerk = get_user_model().objects.get(username={CLERK!r})
international = Division.objects.get(name="国際課")
latest = international.history.first()
city = PartnerCity.objects.filter(responsible_division=international).order_by("pk").first()
entry = LogEntry.objects.get(change_message={LOG_MESSAGE!r})
policy = InternationalPolicy.objects.get(name={IMPORTED_POLICY!r})
print(json.dumps({{
    "division_content_type": ContentType.objects.get_for_model(Division).pk,
    "division_history": [latest.history_type, latest.history_user.username, latest.order],
    "division_history_count": Division.history.count(),
    "city_history_user": city.history.first().history_user.username,
    "import_history": [[h.history_type, h.history_user.username] for h in policy.history.all()],
    "log_entry_object": [entry.content_type.app_label, str(entry.get_edited_object())],
    "clerk_may": {{
        permission: clerk.has_perm(permission)
        for permission in ["core.view_division", "core.change_division", "core.add_division",
                           "core.view_historicaldivision", "exchange.change_partnercity",
                           "kumamoto_portal.change_division"]
    }},
}}, ensure_ascii=False))
call_command("migrate", check_unapplied=True, stdout=io.StringIO())
call_command("makemigrations", check_changes=True, dry_run=True, stdout=io.StringIO())
call_command("setup_roles", stdout=io.StringIO())
"""


def new_name(table):
    """The name of an old table in today's layout."""
    return RENAMED_TABLES.get(table, table)


@pytest.fixture(scope="module")
def upgraded(old_layout_database):
    """Today's ``migrate`` run on the old database: (before, after, its output)."""
    url = old_layout_database.url
    output = manage(REPO, url, "migrate", "--noinput")
    return old_layout_database.before, take_snapshot(REPO, url), output


def test_migrate_moves_the_divisions_to_core(upgraded):
    before, after, output = upgraded
    assert "Applying core.0003_move_from_project_package... OK" in output, output
    assert ["kumamoto_portal", "0001_initial"] in before["migrations"]
    assert set(map(tuple, before["migrations"])) < set(map(tuple, after["migrations"]))
    new_migrations = set(map(tuple, after["migrations"])) - set(map(tuple, before["migrations"]))
    # The move itself; migrations written after it (any app's) apply on top.
    assert {
        ("core", "0001_initial"), ("core", "0002_history"),
        ("core", "0003_move_from_project_package"),
    } <= new_migrations
    assert all(app != "kumamoto_portal" for app, _ in new_migrations)


def test_every_table_keeps_every_row(upgraded):
    """Same tables (two renamed), same rows, byte for byte, history tables included."""
    before, after, _ = upgraded
    # Permissions gain those of the added apps' models; the others are compared, by id,
    # in test_content_types_are_renamed_in_place.
    # Groups and their permissions gain the added groups: compared by name below.
    elsewhere = CHANGED_TABLES | {"auth_permission", "auth_group", "auth_group_permissions"}
    expected = {
        new_name(table): facts
        for table, facts in before["tables"].items() if table not in elsewhere
    }
    found = {
        table: facts for table, facts in after["tables"].items()
        if table not in elsewhere and not added(table)
    }
    assert {
        table: facts["count"] for table, facts in after["tables"].items()
        if added(table) and not table.startswith(FILLED_BY_MIGRATE) and facts["count"]
    } == {}
    assert after["tables"]["auth_group"]["count"] == before["tables"]["auth_group"]["count"] + len(ADDED_GROUPS)
    assert sorted(found) == sorted(expected)
    assert {t: f["count"] for t, f in found.items()} == {t: f["count"] for t, f in expected.items()}
    for table, filled in CORRECTED_TABLES.items():
        columns = [column for column in found.pop(table)["columns"] if column not in filled]
        assert columns == expected.pop(table)["columns"]
    assert found == expected
    # The rows that prove the staff's work is there.
    assert after["tables"]["core_division"]["count"] == 5
    assert after["tables"]["core_historicaldivision"]["count"] == 6  # loaded 5, one edit
    assert after["tables"]["exchange_historicalinternationalpolicy"]["count"] == 4  # 2 + import 2


def test_content_types_are_renamed_in_place(upgraded):
    """Same ids; the divisions' are core's now; no content type or permission is added."""
    before, after, _ = upgraded
    expected = {
        pk: ["core", model] if app_label == "kumamoto_portal" else [app_label, model]
        for pk, (app_label, model) in before["content_types"].items()
    }
    assert sorted(
        model for app_label, model in before["content_types"].values()
        if app_label == "kumamoto_portal"
    ) == sorted(MOVED_MODELS)
    added_types = {pk for pk, (app_label, _) in after["content_types"].items() if added(app_label)}
    assert {pk: v for pk, v in after["content_types"].items() if pk not in added_types} == expected
    assert {
        pk: permission for pk, permission in after["permissions"].items()
        if str(permission[1]) not in added_types
    } == before["permissions"]
    core = [key for key, value in after["content_types"].items() if value[0] == "core"]
    assert len(core) == len(MOVED_MODELS)
    assert not [v for v in after["content_types"].values() if v[0] == "kumamoto_portal"]


def test_groups_users_and_admin_log_keep_their_permissions(upgraded):
    before, after, _ = upgraded

    def moved(key):
        return [key[0], "core" if key[1] == "kumamoto_portal" else key[1], *key[2:]]

    old_groups = {group for group, _ in before["group_permissions"]}
    assert [pair for pair in after["group_permissions"] if pair[0] in old_groups] == before["group_permissions"]
    assert {key[0] for key in after["group_permission_keys"]} - {
        key[0] for key in before["group_permission_keys"]
    } == ADDED_GROUPS
    assert [key for key in after["group_permission_keys"] if key[0] not in ADDED_GROUPS] == sorted(
        [group, *moved(rest)] for group, *rest in before["group_permission_keys"]
    )
    assert [DIVISION_EDITORS, "change_division", "core", "division"] in (
        after["group_permission_keys"]
    )
    assert after["user_groups"] == before["user_groups"]
    assert after["user_groups"][CLERK] == sorted(["国際課", DIVISION_EDITORS])
    assert after["user_permission_keys"][CLERK] == [
        ["view_historicaldivision", "core", "historicaldivision"]
    ]
    assert after["admin_log"] == [
        [pk, user, "core" if app == "kumamoto_portal" else app, *rest]
        for pk, user, app, *rest in before["admin_log"]
    ]


def test_todays_code_works_on_the_upgraded_database(upgraded, old_layout_database):
    before, after, _ = upgraded
    url = old_layout_database.url
    script = NEW_CODE_CHECK + SNAPSHOT_SOURCE.read_text(encoding="utf-8") + "\nprint_snapshot()\n"
    output = manage(REPO, url, "shell", "-v", "0", "-c", script)
    facts, again = map(json.loads, output.splitlines()[-2:])
    old_division_type = next(
        int(pk) for pk, key in before["content_types"].items()
        if key == ["kumamoto_portal", "division"]
    )
    assert facts["division_content_type"] == old_division_type
    assert facts["division_history"][:2] == ["~", ADMIN]
    assert facts["division_history_count"] == after["tables"]["core_historicaldivision"]["count"]
    assert facts["city_history_user"] == CLERK
    assert facts["import_history"] == [["+", ADMIN]]
    assert facts["log_entry_object"] == ["core", "国際課"]
    assert facts["clerk_may"] == {
        "core.view_division": True, "core.change_division": True, "core.add_division": False,
        "core.view_historicaldivision": True, "exchange.change_partnercity": True,
        "kumamoto_portal.change_division": False,
    }
    # setup_roles found every group as it should be.
    assert again == after
