"""The audit trail: every edit, import, revert and delete leaves a history row that names
the user and the changed fields; the admin shows each record's history and the recent
changes across the portal."""
import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from import_export.formats.base_formats import CSV
from simple_history.utils import bulk_update_with_history

from exchange.models import ExchangeActivity, PartnerCity, Room
from exchange.resources import ExchangeActivityResource
from audit.history import (
    FIXTURE_REASON,
    changed_fields,
    content_models,
    division_lookup,
    history_model,
    record_current_state,
)
from core.models import Division
from public_relations.models import Broadcaster, PressClubMember, Publication

pytestmark = pytest.mark.django_db

CONTENT = sorted(content_models(), key=lambda m: m._meta.label)


def _ids(models):
    return [m._meta.label for m in models]


def _labels(row):
    """The Japanese labels of the fields a history row changed (against the row before)."""
    return [change.label for change in changed_fields(row.prev_record, row)]


def _form_data(response):
    """The POST data of an admin change form as the browser would send it unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else value
    inlines = response.context["inline_admin_formsets"] if "inline_admin_formsets" in response.context else []
    for inline in inlines:
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                data[subform.add_prefix(name)] = "" if value is None else value
    return {key: value for key, value in data.items() if value is not False}


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_superuser("clerk", "clerk@example.jp", "pw-kumamoto-2016")


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


# --- Models -------------------------------------------------------------------------


def test_every_content_model_has_an_audit_trail_named_in_japanese():
    from django.apps import apps

    from core.models import SourcedModel

    assert {m for m in apps.get_models() if issubclass(m, SourcedModel)} == set(CONTENT)
    for model in CONTENT:
        history = history_model(model)
        assert str(history._meta.verbose_name) == f"{model._meta.verbose_name}の変更履歴"
        assert history._meta.get_field("history_user").verbose_name == "変更した人"
        assert dict(history._meta.get_field("history_type").choices) == {
            "+": "作成",
            "~": "変更",
            "-": "削除",
        }


def test_each_record_reaches_its_division():
    assert division_lookup(Room) == "floor__center__responsible_division"
    assert division_lookup(ExchangeActivity) == "city__responsible_division"
    assert division_lookup(PartnerCity) == "responsible_division"
    assert division_lookup(Broadcaster) == "responsible_division"
    assert division_lookup(PressClubMember) == "responsible_division"
    assert all(division_lookup(m) is not None for m in CONTENT)


# --- Fixtures -------------------------------------------------------------------------


@pytest.mark.parametrize("model", CONTENT, ids=_ids(CONTENT))
def test_each_loaded_record_starts_with_one_initial_row(model):
    rows = history_model(model).objects.all()
    assert rows.count() == model.objects.count() > 0
    assert set(rows.values_list("history_type", "history_change_reason", "history_user")) == {
        ("+", FIXTURE_REASON, None)
    }


def test_recording_the_current_state_again_writes_nothing():
    assert record_current_state() == 0


def test_forced_reload_records_only_the_records_it_changed(capsys):
    activity = ExchangeActivity.objects.order_by("pk").first()
    original = activity.description
    activity.description = "職員が書き換えた内容"
    activity.save()
    before = {m: history_model(m).objects.count() for m in CONTENT}

    call_command("load_document", force=True)

    activity.refresh_from_db()
    assert activity.description == original
    after = {m: history_model(m).objects.count() for m in CONTENT}
    assert {m: after[m] - before[m] for m in CONTENT if after[m] != before[m]} == {ExchangeActivity: 1}
    latest = activity.history.first()
    assert (latest.history_type, latest.history_change_reason) == ("~", FIXTURE_REASON)
    assert _labels(latest) == ["内容"]


def test_load_without_force_writes_no_history():
    total = sum(history_model(m).objects.count() for m in CONTENT)
    call_command("load_document")
    assert sum(history_model(m).objects.count() for m in CONTENT) == total


# --- Admin edits, imports, reverts, deletes ---------------------------------------------


def test_admin_edit_records_the_user_and_the_changed_fields(clerk_client, clerk):
    activity = ExchangeActivity.objects.order_by("pk").first()
    url = reverse("admin:exchange_exchangeactivity_change", args=[activity.pk])
    data = _form_data(clerk_client.get(url))
    data["description"] = "訪問団を受け入れ(修正)"
    data["participant_count"] = "12"

    response = clerk_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    rows = activity.history.all()
    assert rows.count() == 2
    latest = rows.first()
    assert latest.history_user == clerk
    assert latest.history_type == "~"
    assert _labels(latest) == ["内容", "人数(人)"]


def test_admin_edit_of_a_parent_with_inlines_records_only_what_changed(clerk_client, clerk):
    city = PartnerCity.objects.order_by("pk").first()
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = _form_data(clerk_client.get(url))
    totals = {m: history_model(m).objects.count() for m in CONTENT}

    # Saved unchanged (the browser sends long texts with \r\n): no history row anywhere.
    assert clerk_client.post(url, data).status_code == 302
    assert {m: history_model(m).objects.count() - totals[m] for m in CONTENT} == dict.fromkeys(CONTENT, 0)

    data = {**_form_data(clerk_client.get(url)), "population": "1"}
    assert clerk_client.post(url, data).status_code == 302
    changed = {m: history_model(m).objects.count() - totals[m] for m in CONTENT}
    assert {m: n for m, n in changed.items() if n} == {PartnerCity: 1}
    assert city.history.first().history_user == clerk


def _import_through_admin(client, model, content, file_name="data.csv"):
    """Upload ``content`` (CSV text) on the model's import page and confirm it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    opts = model._meta
    model_admin = admin.site._registry[model]
    fmt_index = next(
        i for i, f in enumerate(model_admin.get_import_formats()) if issubclass(f, CSV)
    )
    upload = SimpleUploadedFile(file_name, content.encode("utf-8"), content_type="text/csv")
    # The upload goes to its job's page, where the worker (run at once) left the preview.
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_import"),
        {"format": str(fmt_index), "resource": "0", "import_file": upload},
        follow=True,
    )
    assert response.status_code == 200
    confirm = response.context.get("confirm_form")
    assert confirm is not None, response.context["job"].message
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_process_import"),
        confirm.initial,
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).context["job"].status == "done"
    return response


def _exported_rows():
    dataset = ExchangeActivityResource().export()
    return dataset


def test_admin_import_writes_one_row_per_changed_record_naming_the_user(clerk_client, clerk):
    dataset = _exported_rows()
    resource = ExchangeActivityResource()
    label = resource.column_label(resource.fields["description"])
    descriptions = dataset[label]
    column = dataset.headers.index(label)
    edited = [0, 5, 9]
    rows = [list(row) for row in dataset]
    for index in edited:
        rows[index][column] = descriptions[index] + "(追記)"
    dataset = dataset.__class__(*rows, headers=dataset.headers)
    before = history_model(ExchangeActivity).objects.count()
    others_before = {m: history_model(m).objects.count() for m in CONTENT if m is not ExchangeActivity}

    _import_through_admin(clerk_client, ExchangeActivity, CSV().export_data(dataset))

    new_rows = history_model(ExchangeActivity).objects.filter(history_user=clerk)
    assert history_model(ExchangeActivity).objects.count() - before == len(edited)
    assert new_rows.count() == len(edited)
    assert {row.history_type for row in new_rows} == {"~"}
    assert sorted(row.description for row in new_rows) == sorted(
        descriptions[i] + "(追記)" for i in edited
    )
    for row in new_rows:
        assert _labels(row) == ["内容"]
    assert {m: history_model(m).objects.count() for m in others_before} == others_before


def test_admin_import_of_an_unchanged_export_writes_no_history(clerk_client):
    before = history_model(ExchangeActivity).objects.count()
    _import_through_admin(clerk_client, ExchangeActivity, CSV().export_data(_exported_rows()))
    assert history_model(ExchangeActivity).objects.count() == before


def test_revert_restores_the_old_version_and_records_who_reverted(clerk_client, clerk):
    activity = ExchangeActivity.objects.order_by("pk").first()
    original = activity.description
    initial_row = activity.history.get()
    activity.description = "誤って書き換えた内容"
    activity.save()

    url = reverse(
        "admin:exchange_exchangeactivity_simple_history", args=[activity.pk, initial_row.pk]
    )
    page = clerk_client.get(url)
    assert page.status_code == 200
    assert "この内容に戻す" in page.content.decode()
    data = _form_data(page)
    data["_save"] = "この内容に戻す"
    response = clerk_client.post(url, data)

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.description == original
    latest = activity.history.first()
    assert latest.history_user == clerk
    assert _labels(latest) == ["内容"]
    assert [change.new for change in changed_fields(latest.prev_record, latest)] == [original]
    assert activity.history.count() == 3


def test_bulk_delete_from_the_changelist_records_each_deletion(clerk_client, clerk):
    doomed = list(ExchangeActivity.objects.order_by("pk")[:3])
    response = clerk_client.post(
        reverse("admin:exchange_exchangeactivity_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in doomed], "post": "yes"},
    )
    assert response.status_code == 302
    assert not ExchangeActivity.objects.filter(pk__in=[a.pk for a in doomed]).exists()
    deletions = history_model(ExchangeActivity).objects.filter(history_type="-")
    assert sorted(deletions.values_list("id", flat=True)) == sorted(a.pk for a in doomed)
    assert {row.history_user for row in deletions} == {clerk}


def test_deleting_a_parent_records_the_deletion_of_each_child(clerk_client, clerk):
    city = PartnerCity.objects.filter(activities__isnull=False).order_by("pk").first()
    activity_ids = sorted(city.activities.values_list("pk", flat=True))
    response = clerk_client.post(
        reverse("admin:exchange_partnercity_delete", args=[city.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    deleted = history_model(ExchangeActivity).objects.filter(history_type="-", history_user=clerk)
    assert sorted(deleted.values_list("id", flat=True)) == activity_ids
    assert city.history.first().history_type == "-"
    # The deleted record's history still opens, from the recent changes page too.
    page = clerk_client.get(reverse("admin:exchange_partnercity_history", args=[city.pk]))
    assert page.status_code == 200
    assert "削除" in page.content.decode()


def test_bulk_update_with_history_is_the_bulk_write_path(clerk):
    """The API a bulk writer uses: one row per record given, naming the user given."""
    activities = list(ExchangeActivity.objects.order_by("pk")[:4])
    for activity in activities:
        activity.participant_count = 99
    bulk_update_with_history(
        activities, ExchangeActivity, ["participant_count"], default_user=clerk,
        default_change_reason="一括取り込み",
    )
    rows = history_model(ExchangeActivity).objects.filter(history_user=clerk)
    assert rows.count() == 4
    assert {(r.history_change_reason, r.participant_count) for r in rows} == {("一括取り込み", 99)}
    assert {tuple(_labels(r)) for r in rows} == {("人数(人)",)}


# --- History pages --------------------------------------------------------------------


@pytest.mark.parametrize("model", CONTENT, ids=_ids(CONTENT))
def test_history_pages_of_every_model_open_for_a_superuser(admin_client, model):
    obj = model.objects.order_by("pk").first()
    info = model._meta.app_label, model._meta.model_name
    page = admin_client.get(reverse("admin:%s_%s_history" % info, args=[obj.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"変更履歴: {obj}" in text
    assert FIXTURE_REASON in text
    row = obj.history.first()
    version = admin_client.get(reverse("admin:%s_%s_simple_history" % info, args=[obj.pk, row.pk]))
    assert version.status_code == 200
    assert "過去の内容に戻す" in version.content.decode()


def test_history_page_shows_old_and_new_values_with_japanese_labels(clerk_client):
    activity = ExchangeActivity.objects.order_by("pk").first()
    old = activity.get_direction_display()
    activity.direction = next(
        value for value, _ in ExchangeActivity._meta.get_field("direction").choices
        if value != activity.direction
    )
    activity.description = "<script>alert(1)</script>"
    activity.save()
    new = activity.get_direction_display()

    page = clerk_client.get(reverse("admin:exchange_exchangeactivity_history", args=[activity.pk]))

    text = page.content.decode()
    assert re.search(rf"<strong>交流の種類</strong>: {re.escape(old)} → {re.escape(new)}", text)
    assert "<strong>内容</strong>" in text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


# --- Recent changes -------------------------------------------------------------------

RECENT = reverse("admin-recent-changes")


@pytest.fixture
def edits(django_user_model):
    """Changes by two users: an exchange activity and a room (国際課), a publication (広報課)."""
    sato = django_user_model.objects.create_user("sato", password="pw-kumamoto-2016", is_staff=True)
    tanaka = django_user_model.objects.create_user("tanaka", password="pw-kumamoto-2016", is_staff=True)
    activity = ExchangeActivity.objects.order_by("pk").first()
    activity.description += "(佐藤が修正)"
    activity._history_user = sato
    activity.save()
    room = Room.objects.order_by("pk").first()
    room.name += "(改称)"
    room._history_user = tanaka
    room.save()
    publication = Publication.objects.order_by("pk").first()
    publication._history_user = tanaka
    publication.delete()
    return {"sato": sato, "tanaka": tanaka, "activity": activity, "room": room, "publication": publication}


def _table_rows(response):
    return [column.row for column in response.context["columns"]]


def test_admin_index_links_to_recent_changes(admin_client):
    page = admin_client.get(reverse("admin:index"))
    assert f'href="{RECENT}"' in page.content.decode()


def test_recent_changes_lists_the_newest_first_with_user_and_fields(admin_client, edits):
    page = admin_client.get(RECENT)
    assert page.status_code == 200
    rows = _table_rows(page)
    assert [(r.model, r.type_label) for r in rows[:3]] == [
        (Publication, "削除"),
        (Room, "変更"),
        (ExchangeActivity, "変更"),
    ]
    text = page.content.decode()
    assert "最近の変更" in text
    assert "<strong>施設名</strong>" in text
    assert [c.label for c in rows[2].changes] == ["内容"]
    assert rows[2].record.history_user == edits["sato"]


def test_recent_changes_filters_by_division_through_the_parent(admin_client, edits):
    international = Division.objects.get(name="国際課")
    rows = _table_rows(admin_client.get(RECENT, {"division": international.pk}))
    assert {r.model for r in rows[:2]} == {Room, ExchangeActivity}
    assert Publication not in {r.model for r in rows}
    assert {r.division_id for r in rows} == {international.pk}
    pr = Division.objects.get(name="広報課")
    rows = _table_rows(admin_client.get(RECENT, {"division": pr.pk}))
    assert rows[0].model is Publication and rows[0].history_type == "-"
    assert {r.division_id for r in rows} == {pr.pk}


def test_recent_changes_filters_by_user_and_model(admin_client, edits):
    rows = _table_rows(admin_client.get(RECENT, {"user": edits["tanaka"].pk}))
    assert sorted((r.model.__name__, r.history_type) for r in rows) == [
        ("Publication", "-"),
        ("Room", "~"),
    ]
    page = admin_client.get(RECENT, {"user": edits["tanaka"].pk, "model": "exchange.room"})
    assert [(r.model, r.object_id) for r in _table_rows(page)] == [(Room, edits["room"].pk)]
    assert page.context["paginator"].count == 1


def test_recent_changes_reports_an_unknown_filter_value_in_japanese(admin_client, edits):
    page = admin_client.get(RECENT, {"division": "999999", "model": "auth.user", "page": "x"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "「999999」は選べません" in text
    assert "「auth.user」は選べません" in text
    assert _table_rows(page)[0].model is Publication


def test_recent_changes_pages_through_every_row(admin_client, edits):
    total = sum(history_model(m).objects.count() for m in CONTENT)
    first = admin_client.get(RECENT)
    assert first.context["paginator"].count == total
    last_page = first.context["paginator"].num_pages
    assert last_page > 1
    last = admin_client.get(RECENT, {"page": last_page})
    seen = len(_table_rows(first)) * (last_page - 1) + len(_table_rows(last))
    assert seen == total


def test_recent_changes_needs_staff_login(client):
    response = client.get(RECENT)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_recent_changes_shows_staff_only_models_they_may_view(client, edits):
    from django.contrib.auth.models import Permission

    from django.contrib.auth.models import Group

    sato = edits["sato"]
    sato.user_permissions.add(Permission.objects.get(codename="view_room"))
    # A clerk of 国際課, which owns the International Center's rooms; the group's own
    # permissions (if setup_roles gave it any) are left out to test view_room alone.
    group = Group.objects.get_or_create(name="国際課")[0]
    group.permissions.clear()
    sato.groups.add(group)
    client.force_login(sato)
    page = client.get(RECENT)
    assert page.status_code == 200
    assert {r.model for r in _table_rows(page)} == {Room}


def _edit_activities(count, user):
    for activity in ExchangeActivity.objects.order_by("pk")[:count]:
        activity.description += "(修正)"
        activity._history_user = user
        activity.save()


def test_recent_changes_query_count_does_not_grow_with_rows(admin_client, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params = {"model": "exchange.exchangeactivity", "user": admin_user.pk}
    _edit_activities(2, admin_user)
    # A fixed cost: savepoint (ATOMIC_REQUESTS), session read and save (idle expiry),
    # user, divisions, users, count, page, rows of the model, their previous rows.
    with CaptureQueriesContext(connection) as few:
        page = admin_client.get(RECENT, params)
    assert len(_table_rows(page)) == 2
    assert len(few) <= 16
    _edit_activities(40, admin_user)
    with CaptureQueriesContext(connection) as many:
        page = admin_client.get(RECENT, params)
    assert len(_table_rows(page)) == 42
    assert all(r.changes for r in _table_rows(page))
    assert len(many) == len(few)


def test_recent_changes_of_all_models_cost_two_queries_per_model_shown(
    admin_client, edits, django_assert_max_num_queries
):
    page = admin_client.get(RECENT)
    shown = len({r.model for r in _table_rows(page)})
    with django_assert_max_num_queries(8 + 2 * shown):
        admin_client.get(RECENT)


def test_recent_changes_show_a_clerk_only_their_own_divisions_records(edits):
    """Regression: a 観光政策課 clerk with partner-city rights saw 国際課's city changes."""
    from django.test import Client

    from tests.factories.users import setup_roles, staff_of

    setup_roles()
    tourism = Division.objects.get(name="観光政策課")
    international = Division.objects.get(name="国際課")
    client = Client()
    client.force_login(staff_of("観光政策課"))
    rows = _table_rows(client.get(RECENT, {"model": "exchange.partnercity"}))
    # 福井市 is 観光政策課's; the eight overseas cities are 国際課's and must not show.
    assert {row.division_id for row in rows} == {tourism.pk}
    assert PartnerCity.objects.filter(responsible_division=international).exists()
    everything = _table_rows(client.get(RECENT))
    assert everything and {row.division_id for row in everything} == {tourism.pk}


def test_a_translated_field_changed_in_the_admin_is_one_change_under_its_own_label(clerk_client):
    # django-modeltranslation keeps name and name_ja equal: the history tells the change
    # once (「都市名」), not again as 「都市名(日本語)」, in the record's history and in
    # the recent changes.
    city = PartnerCity.objects.order_by("pk").first()
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = _form_data(clerk_client.get(url))
    assert "name" in data and "name_ja" not in data  # the Japanese name is typed in 「都市名」
    data["name"] = f"{city.name}(改)"

    response = clerk_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    latest = city.history.first()
    assert _labels(latest) == [str(PartnerCity._meta.get_field("name").verbose_name)]
    history = clerk_client.get(reverse("admin:exchange_partnercity_history", args=[city.pk])).content.decode()
    changes = history.split('<ul class="changed-fields">')[1].split("</ul>")[0]
    assert changes.count(f"{city.name}(改)") == 1
