"""Divisions and roles: who sees, changes, imports and exports which records.

The full URL × role matrix is in ``test_admin_access_matrix``; this file checks the parts
behind it: each record's division, ``setup_roles``, limited choices, import rows, and the
separate import and export permissions.
"""
import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.formats.base_formats import CSV
from tablib import Dataset

from exchange.models import AffiliationMilestone, InternationalCenter, PartnerCity, Room
from exchange.resources import PartnerCityResource
from roles import permissions
from core.models import Division
from planning.models import PriorityMeasure
from public_relations.models import Broadcaster, PressClubMember
from recovery.models import Duty
from tests.html_forms import change_form_data
from tests.factories.users import UserFactory, auditor, setup_roles, staff_of, superuser

CONTENT = [model for model in permissions.content_models() if model is not Division]


@pytest.fixture(scope="module", autouse=True)
def _roles(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        setup_roles()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


# Which division owns a record


@pytest.mark.parametrize("model", CONTENT, ids=lambda m: m._meta.label)
def test_every_content_model_reaches_a_division(model):
    assert permissions.owner_path(model) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("model", CONTENT, ids=lambda m: m._meta.label)
def test_every_loaded_record_has_a_division_and_the_list_filter_agrees(model):
    division_ids = set(Division.objects.values_list("pk", flat=True))
    for obj in model.objects.all():
        owner = permissions.owner_id(obj)
        assert owner in division_ids, obj
        division = Division.objects.get(pk=owner)
        assert permissions.visible(model.objects.filter(pk=obj.pk), staff_of(division.name)).exists()


def test_nested_records_reach_the_division_through_their_parents():
    assert permissions.owner_path(Room).lookup == "floor__center__responsible_division"
    assert permissions.owner_path(Duty).lookup == "division__department__responsible_division"
    assert permissions.owner_path(PriorityMeasure).lookup == "goal__initiative__plan__responsible_division"
    assert permissions.owner_path(PartnerCity).lookup == "responsible_division"


def test_reference_lists_of_section_5_belong_to_the_public_relations_division():
    # Section 5's reference lists name their division (広報課) like every other record.
    assert permissions.owner_path(Broadcaster).lookup == "responsible_division"
    assert permissions.owner_path(PressClubMember).lookup == "responsible_division"


@pytest.mark.django_db
def test_a_room_belongs_to_the_division_of_its_center():
    room = Room.objects.select_related("floor__center").first()
    assert permissions.owner_id(room) == room.floor.center.responsible_division_id
    assert Division.objects.get(pk=permissions.owner_id(room)).name == "国際課"


# setup_roles and the permissions it grants


@pytest.mark.django_db
@pytest.mark.parametrize("model", permissions.content_models(), ids=lambda m: m._meta.label)
def test_every_content_model_has_its_own_import_and_export_permission(model):
    name = model._meta.model_name
    codenames = set(
        Permission.objects.filter(content_type__app_label=model._meta.app_label).values_list("codename", flat=True)
    )
    assert {f"import_{name}", f"export_{name}"} <= codenames


@pytest.mark.django_db
def test_setup_roles_is_idempotent_and_keeps_memberships():
    user = staff_of("国際課")
    before = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}
    setup_roles()
    setup_roles()
    after = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}
    assert after == before
    assert set(after) >= {"政策企画課", "国際課", "観光政策課", "広報課", "復興総務課", "監査"}
    assert list(user.groups.values_list("name", flat=True)) == ["国際課"]


@pytest.mark.django_db
def test_setup_roles_restores_a_group_whose_permissions_were_removed():
    group = Group.objects.get(name="広報課")
    group.permissions.clear()
    setup_roles()
    assert group.permissions.filter(codename="change_publication").exists()


@pytest.mark.django_db
def test_each_division_gets_the_models_of_its_sections_only():
    domestic = Group.objects.get(name="観光政策課")
    codes = set(domestic.permissions.values_list("codename", flat=True))
    # 観光政策課 has the domestic sister city (福井市) and the 国内交流 section, not the center.
    assert {"change_partnercity", "import_affiliationmilestone", "export_exchangesection"} <= codes
    assert "change_internationalcenter" not in codes
    assert "change_earthquake" not in codes
    recovery = set(Group.objects.get(name="復興総務課").permissions.values_list("codename", flat=True))
    assert "delete_duty" in recovery and "change_partnercity" not in recovery
    # Divisions are managed by superusers.
    assert not any(code.endswith("_division") for code in codes | recovery)


@pytest.mark.django_db
def test_auditor_group_reads_and_exports_everything_and_changes_nothing():
    codes = set(Group.objects.get(name="監査").permissions.values_list("codename", flat=True))
    for model in permissions.content_models():
        name = model._meta.model_name
        assert {f"view_{name}", f"export_{name}"} <= codes
    assert all(code.split("_")[0] in ("view", "export") for code in codes)


# Lists, choices and saving


@pytest.mark.django_db
def test_staff_of_two_divisions_see_the_records_of_both():
    client = _client(staff_of("国際課", "観光政策課"))
    listing = client.get("/admin/exchange/partnercity/").content.decode()
    assert "福井市" in listing and "ハイデルベルク市" in listing


@pytest.mark.django_db
def test_staff_in_no_division_see_no_record_even_with_model_permissions():
    user = UserFactory(username="no-division")
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_partnercity", "change_partnercity"]))
    response = _client(user).get("/admin/exchange/partnercity/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


@pytest.mark.django_db
def test_add_form_offers_only_the_users_own_division():
    response = _client(staff_of("観光政策課")).get("/admin/exchange/partnercity/add/")
    field = response.context["adminform"].form.fields["responsible_division"]
    assert [str(choice) for choice in field.queryset] == ["観光政策課"]


@pytest.mark.django_db
def test_a_record_cannot_be_created_for_another_division():
    client = _client(staff_of("観光政策課"))
    fukui = PartnerCity.objects.get(name="福井市")
    heidelberg = PartnerCity.objects.get(name="ハイデルベルク市")
    count = AffiliationMilestone.objects.count()
    response = client.post(
        "/admin/exchange/affiliationmilestone/add/",
        {"city": heidelberg.pk, "order": 99, "date": "2016-04-01", "date_precision": "day",
         "kind": "other", "description": "試験", "source": "市政概要 3"},
    )
    assert response.status_code == 200
    assert "city" in response.context["adminform"].form.errors
    assert AffiliationMilestone.objects.count() == count
    city_choices = response.context["adminform"].form.fields["city"].queryset
    assert list(city_choices) == [fukui]


@pytest.mark.django_db
def test_the_owner_cannot_move_a_record_to_another_division():
    international = Division.objects.get(name="国際課")
    client = _client(staff_of("観光政策課"))
    fukui = PartnerCity.objects.get(name="福井市")
    data = dict(change_form_data(f"/admin/exchange/partnercity/{fukui.pk}/change/"))
    data["responsible_division"] = [international.pk]
    response = client.post(f"/admin/exchange/partnercity/{fukui.pk}/change/", data)
    assert response.status_code == 200
    assert "responsible_division" in response.context["adminform"].form.errors
    fukui.refresh_from_db()
    assert fukui.responsible_division.name == "観光政策課"


@pytest.mark.django_db
def test_delete_action_skips_records_of_other_divisions():
    heidelberg = PartnerCity.objects.get(name="ハイデルベルク市")
    fukui = PartnerCity.objects.get(name="福井市")
    response = _client(staff_of("観光政策課")).post(
        "/admin/exchange/partnercity/",
        {"action": "delete_selected", "_selected_action": [heidelberg.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert PartnerCity.objects.filter(pk__in=[heidelberg.pk, fukui.pk]).count() == 2


@pytest.mark.django_db
def test_auditor_sees_every_record_read_only():
    client = _client(auditor())
    listing = client.get("/admin/exchange/partnercity/")
    assert listing.context["cl"].result_count == PartnerCity.objects.count()
    center = InternationalCenter.objects.get()
    page = client.get(f"/admin/exchange/internationalcenter/{center.pk}/change/")
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert 'name="_save"' not in page.content.decode()


# Import: rows of other divisions are row errors


def _as_admin_imports():
    """The resource with the division check the admin gives it (``PortalAdmin``)."""
    return PartnerCityResource(row_check=permissions.import_row_check)


def _partner_city_rows(names):
    resource = PartnerCityResource()
    return resource.export(PartnerCity.objects.filter(name__in=names))


@pytest.mark.django_db
def test_import_row_for_another_divisions_record_is_a_row_error_and_writes_nothing():
    dataset = _partner_city_rows(["福井市", "ハイデルベルク市"])
    dataset = _with_column(dataset, "population", lambda value: "1")
    before = list(PartnerCity.objects.order_by("pk").values_list("name", "population"))
    names = dataset.get_col(dataset.headers.index(_header("name")))
    # No rollback argument: PortalResource.import_data rolls back on any invalid row.
    result = _as_admin_imports().import_data(dataset, dry_run=False, user=staff_of("観光政策課"))
    assert result.has_validation_errors()
    messages = [str(error) for row in result.invalid_rows for error in row.error.messages]
    assert any("国際課" in message and "観光政策課" in message for message in messages), messages
    (invalid,) = result.invalid_rows
    assert names[invalid.number - 1] == "ハイデルベルク市"
    assert list(PartnerCity.objects.order_by("pk").values_list("name", "population")) == before


@pytest.mark.django_db
def test_import_row_cannot_hand_a_record_to_another_division():
    dataset = _partner_city_rows(["福井市"])
    dataset = _with_column(dataset, "responsible_division", lambda value: "国際課")
    result = _as_admin_imports().import_data(dataset, dry_run=False, user=staff_of("観光政策課"))
    assert result.has_validation_errors()
    assert PartnerCity.objects.get(name="福井市").responsible_division.name == "観光政策課"


@pytest.mark.django_db
def test_import_of_own_records_is_accepted():
    dataset = _with_column(_partner_city_rows(["福井市"]), "population", lambda value: "1")
    result = _as_admin_imports().import_data(dataset, dry_run=False, user=staff_of("観光政策課"))
    assert not result.has_errors() and not result.has_validation_errors()
    assert PartnerCity.objects.get(name="福井市").population == 1


@pytest.mark.django_db
def test_admin_import_preview_shows_the_division_error_and_offers_no_confirm():
    dataset = _with_column(_partner_city_rows(["ハイデルベルク市"]), "population", lambda value: "1")
    upload = CSV().export_data(dataset).encode("utf-8")
    before = PartnerCity.objects.get(name="ハイデルベルク市").population
    response = _client(staff_of("観光政策課")).post(
        "/admin/exchange/partnercity/import/",
        {"format": "0", "import_file": SimpleUploadedFile("cities.csv", upload, "text/csv"),
         "resource": "0"},
        follow=True,  # to the job's page: the worker has checked the rows (tasks run at once)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "所管課「国際課」の記録" in page
    assert "process_import" not in page and "confirm_form" not in response.context
    assert PartnerCity.objects.get(name="ハイデルベルク市").population == before


def _header(field_name):
    """The export header (Japanese label) of a partner-city field."""
    resource = PartnerCityResource()
    return resource.column_label(resource.fields[field_name])


def _with_column(dataset, field_name, change):
    column = dataset.headers.index(_header(field_name))
    rows = [list(row) for row in dataset]
    for row in rows:
        row[column] = change(row[column])
    return Dataset(*rows, headers=dataset.headers)


# Import and export need their own permissions


def _without(codename):
    """A 国際課 clerk whose division group lacks one permission (a copy of the group)."""
    group = Group.objects.get(name="国際課")
    limited = Group.objects.create(name="国際課(制限)")
    limited.permissions.set(group.permissions.exclude(codename=codename))
    user = UserFactory(username=f"without-{codename}")
    # The division comes from the 国際課 group; the permissions from the limited copy.
    group.permissions.remove(Permission.objects.get(codename=codename))
    user.groups.set([group, limited])
    return user


@pytest.mark.django_db
def test_staff_without_import_permission_see_no_import_button_and_get_403():
    client = _client(_without("import_partnercity"))
    listing = client.get("/admin/exchange/partnercity/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "/admin/exchange/partnercity/import/" not in page
    assert "/admin/exchange/partnercity/export/" in page
    assert client.get("/admin/exchange/partnercity/import/").status_code == 403
    assert client.post("/admin/exchange/partnercity/import/", {"format": "0"}).status_code == 403
    assert client.post("/admin/exchange/partnercity/process_import/", {"format": "0"}).status_code == 403


@pytest.mark.django_db
def test_staff_without_export_permission_see_no_export_button_and_get_403():
    client = _client(_without("export_partnercity"))
    page = client.get("/admin/exchange/partnercity/").content.decode()
    assert "/admin/exchange/partnercity/export/" not in page
    assert "/admin/exchange/partnercity/import/" in page
    assert client.get("/admin/exchange/partnercity/export/").status_code == 403
    assert client.post("/admin/exchange/partnercity/export/", {"format": "0"}).status_code == 403


@pytest.mark.django_db
def test_superuser_sees_every_record():
    response = _client(superuser()).get("/admin/exchange/partnercity/")
    assert response.context["cl"].result_count == PartnerCity.objects.count()


@pytest.mark.django_db
def test_inline_rows_offer_only_the_users_own_divisions_records():
    from planning.models import Pillar, PolicyFieldCategory
    from tests.factories.planning import MetropolitanCooperationAreaFactory, PolicyFieldCategoryFactory

    other_area = MetropolitanCooperationAreaFactory(responsible_division=Division.objects.get(name="広報課"))
    foreign = PolicyFieldCategoryFactory(pillar__area=other_area)
    pillar = Pillar.objects.filter(area__responsible_division__name="政策企画課").first()
    page = _client(staff_of("政策企画課")).get(f"/admin/planning/pillar/{pillar.pk}/change/")
    formsets = {inline.formset.model._meta.model_name: inline.formset for inline in page.context["inline_admin_formsets"]}
    field = formsets["policyfield"].forms[0].fields["category"]
    own = PolicyFieldCategory.objects.filter(pillar__area__responsible_division__name="政策企画課")
    assert set(field.queryset) == set(own) and own.exists()
    assert f'value="{foreign.pk}"' not in str(formsets["policyfield"].forms[0]["category"])
    # A superuser is offered every category, the other division's too.
    page = _client(superuser()).get(f"/admin/planning/pillar/{pillar.pk}/change/")
    formsets = {inline.formset.model._meta.model_name: inline.formset for inline in page.context["inline_admin_formsets"]}
    assert f'value="{foreign.pk}"' in str(formsets["policyfield"].forms[0]["category"])


@pytest.mark.django_db
def test_a_programme_added_on_the_broadcaster_page_is_saved_for_the_users_division():
    """Regression: the inline had no 所管課 field, so a programme added there was a 500."""
    from public_relations.models import BroadcastProgramme

    broadcaster = Broadcaster.objects.order_by("pk").first()
    url = f"/admin/public_relations/broadcaster/{broadcaster.pk}/change/"
    data = dict(change_form_data(url))
    n = int(data["programmes-TOTAL_FORMS"][0])
    data["programmes-TOTAL_FORMS"] = [str(n + 1)]
    data.update({
        f"programmes-{n}-medium": ["tv"], f"programmes-{n}-title": ["試験番組"],
        f"programmes-{n}-schedule": ["毎週"], f"programmes-{n}-order": ["99"],
        f"programmes-{n}-responsible_division": [Division.objects.get(name="広報課").pk],
    })
    response = _client(staff_of("広報課")).post(url, data)
    assert response.status_code == 302
    assert BroadcastProgramme.objects.get(title="試験番組").responsible_division.name == "広報課"


@pytest.mark.django_db
def test_a_background_export_holds_only_the_users_divisions_records_and_only_they_download_it(settings):
    """The worker builds the export as the clerk's request would: division-scoped."""
    import csv
    import io

    from django.contrib.auth import get_user_model

    settings.PORTAL_EXPORT_INLINE_MAX_ROWS = 0  # every export goes through the worker
    clerk = staff_of("国際課")
    client = _client(clerk)
    url = "/admin/exchange/partnercity/export/"
    form = client.get(url).context["form"]
    selected = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    started = client.post(url, {"format": "0", "resource": "0", **selected})
    assert started.status_code == 302
    job = client.get(started["Location"]).context["job"]
    assert job.status == "done"
    download = f"/admin/exchange/partnercity/export/{job.pk}/download/"
    rows = list(csv.DictReader(io.StringIO(client.get(download).content.decode("utf-8-sig"))))
    expected = sorted(permissions.visible(PartnerCity.objects.all(), clerk).values_list("name", flat=True))
    assert 0 < len(expected) < PartnerCity.objects.count()
    assert sorted(row[_header("name")] for row in rows) == expected

    # Another division's clerk cannot fetch it; nor can the clerk once export is taken away.
    assert _client(staff_of("観光政策課")).get(download).status_code in (403, 404)
    Group.objects.get(name="国際課").permissions.remove(Permission.objects.get(codename="export_partnercity"))
    assert _client(get_user_model().objects.get(pk=clerk.pk)).get(download).status_code == 403
