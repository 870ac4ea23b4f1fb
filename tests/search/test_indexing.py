"""The index follows every write: saves, deletes, admin imports and their undo, load_document."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from audit.models import ChangeBatch
from audit.undo import undo_batch
from exchange.models import ExchangeActivity, PartnerCity
from exchange.resources import ExchangeActivityResource
from planning.models import PriorityGoal, PriorityInitiative
from search.models import SearchEntry
from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory

from .results import search_page, titles

pytestmark = pytest.mark.django_db


def _found(client, query):
    return titles(search_page(client, query))


def test_a_saved_record_is_found_at_once_and_its_edit_too(client):
    city = PartnerCityFactory(name="ノイシュタット市", heading="試験の都市")
    assert "ノイシュタット市" in _found(client, "ノイシュタット")
    city.name = "ヴァイマル市"
    city.save()
    assert _found(client, "ノイシュタット") == []
    assert "ヴァイマル市" in _found(client, "ヴァイマル")


def test_a_city_renamed_is_renamed_in_the_results_of_its_activities(client):
    city = PartnerCityFactory(name="ノイシュタット市", heading="試験の都市")
    activity = ExchangeActivityFactory(city=city, description="合唱団の派遣")
    city.name = "ヴァイマル市"
    city.save()
    entry = SearchEntry.objects.get(model="exchange.exchangeactivity", object_id=activity.pk, language="ja")
    assert "ヴァイマル市" in entry.context and "ノイシュタット市" not in entry.context


def test_a_city_renamed_in_english_is_found_with_its_activities_on_the_english_pages(client):
    city = PartnerCity.objects.get(slug="heidelberg")
    activities = sorted(city.activities.values_list("description", flat=True))
    city.name_en = "Heidelberg am Neckar"
    city.save()
    found = titles(search_page(client, "am Neckar", language="en", section="exchange-activities"))
    assert sorted(found) == activities
    # Each language's rows name the city in that language only.
    activity = city.activities.first()
    english = SearchEntry.objects.get(model="exchange.exchangeactivity", object_id=activity.pk, language="en")
    japanese = SearchEntry.objects.get(model="exchange.exchangeactivity", object_id=activity.pk, language="ja")
    assert "Heidelberg am Neckar" in english.context and "ハイデルベルク市" not in english.context
    assert "ハイデルベルク市" in japanese.context and "Heidelberg" not in japanese.context


def test_a_parent_without_declared_dependents_renamed_renames_its_childrens_rows(client):
    # A goal's line names its initiative (context_fields ``initiative__title``): found
    # from that path, without a ``dependents`` declaration on the initiative.
    goal = PriorityGoal.objects.select_related("initiative").first()
    initiative = goal.initiative
    initiative.title, initiative.title_en = "試験の取組名", "Trial initiative"
    initiative.save()
    assert goal.title_ja in titles(search_page(client, "試験の取組名"))
    assert goal.title_en in titles(search_page(client, "Trial initiative", language="en"))
    assert not PriorityInitiative.objects.filter(title="試験の取組名").exclude(pk=initiative.pk).exists()


def test_a_deleted_record_and_those_deleted_with_it_are_no_longer_found(client):
    city = PartnerCity.objects.get(name="ハイデルベルク市")
    activity_pks = list(city.activities.values_list("pk", flat=True))
    assert activity_pks
    city.delete()
    # The introduction of section 3 still names the city; the city and its rows are gone.
    assert _found(client, "ハイデルベルク") == ["海外都市との交流"]
    assert not SearchEntry.objects.filter(model="exchange.partnercity", object_id=city.pk).exists()
    assert not SearchEntry.objects.filter(model="exchange.exchangeactivity", object_id__in=activity_pks).exists()


def _exported_row(activity, **changes):
    """``activity`` as a one-row dataset of 交流の記録, the way staff export it, with ``changes``."""
    resource = ExchangeActivityResource()
    dataset = resource.export(queryset=ExchangeActivity.objects.filter(pk=activity.pk))
    names = [field.attribute for field in resource.get_export_fields()]
    row = list(dataset[0])
    for name, value in changes.items():
        row[names.index(name)] = value
    return type(dataset)(row, headers=dataset.headers)


def _activity_csv(description, order):
    """A one-row file of 交流の記録: a new activity of 福井市."""
    template = ExchangeActivity.objects.filter(city__name="福井市").order_by("order").first()
    return _exported_row(template, description=description, order=order).export("csv").encode("utf-8-sig")


def test_an_admin_import_is_found_and_its_undo_too(admin_client, admin_user):
    upload = admin_client.post(
        reverse("admin:exchange_exchangeactivity_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("activities.csv", _activity_csv("恐竜博物館への視察団の派遣", 90)),
        },
        follow=True,
    )
    assert upload.status_code == 200 and "confirm_form" in upload.context
    assert _found(admin_client, "恐竜博物館") == []  # a preview writes nothing
    confirmed = admin_client.post(
        reverse("admin:exchange_exchangeactivity_process_import"),
        {"job": upload.context["confirm_form"].initial["job"]},
        follow=True,
    )
    assert confirmed.context["job"].status == "done"
    assert _found(admin_client, "恐竜博物館") == ["恐竜博物館への視察団の派遣"]

    undo_batch(ChangeBatch.objects.latest("pk"), user=admin_user)
    assert _found(admin_client, "恐竜博物館") == []


def test_an_import_that_changes_a_record_changes_what_is_found(client):
    activity = ExchangeActivity.objects.filter(city__name="福井市").order_by("order").first()
    changed = _exported_row(activity, description="ヴォルフ号の視察団の派遣")
    result = ExchangeActivityResource().import_data(changed, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert _found(client, "ヴォルフ号") == ["ヴォルフ号の視察団の派遣"]
    assert activity.description not in _found(client, activity.description[:10])


def test_load_document_rebuilds_the_index(client, capsys):
    SearchEntry.objects.all().delete()
    assert _found(client, "ハイデル") == []
    call_command("load_document", force=True)
    assert _found(client, "ハイデル")[:1] == ["ハイデルベルク市"]


def test_rebuild_search_index_writes_every_row_again(client, capsys):
    before = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert SearchEntry.objects.count() == before
    assert f"({before}行)" in capsys.readouterr().out
    assert _found(client, "桂林")[:1] == ["桂林市"]
