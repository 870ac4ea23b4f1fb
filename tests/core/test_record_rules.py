"""The rules ``SourcedModel`` gives every content record, whoever writes it.

- optimistic locking: a save of a record read before somebody else saved it is refused;
- one stored form of text (LF line endings, NFKC, trimmed), also through ``loaddata``;
- integers bounded to what PostgreSQL's columns hold, on SQLite too.
"""
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction

from conftest import fixture_files
from core.models import Division, RecordChanged, content_models, normalize_field_text
from exchange.models import PartnerCity, UsageRecord

pytestmark = pytest.mark.django_db


# --- Optimistic locking -------------------------------------------------------------


def test_every_save_advances_the_version():
    city = PartnerCity.objects.get(name="桂林市")
    version = city.version
    city.population = 1
    city.save()
    assert city.version == version + 1
    assert PartnerCity.objects.get(pk=city.pk).version == version + 1


def test_saving_a_record_read_before_another_save_is_refused_and_writes_nothing():
    mine = PartnerCity.objects.get(name="桂林市")
    theirs = PartnerCity.objects.get(name="桂林市")
    theirs.english_name = "Guilin City"
    theirs.save()

    mine.population = 1
    with pytest.raises(RecordChanged, match="桂林市"), transaction.atomic():
        mine.save()

    stored = PartnerCity.objects.get(pk=mine.pk)
    assert (stored.english_name, stored.population) == ("Guilin City", theirs.population)


def test_loading_the_fixtures_again_is_no_conflict_and_advances_the_version():
    city = PartnerCity.objects.get(name="桂林市")
    city.english_name = "edited"
    city.save()
    call_command("loaddata", *fixture_files(), verbosity=0)
    reloaded = PartnerCity.objects.get(pk=city.pk)
    assert reloaded.english_name == "Guilin"
    assert reloaded.version > city.version
    city.population = 1
    with pytest.raises(RecordChanged), transaction.atomic():
        city.save()  # read before the reload


# --- One stored form of text ---------------------------------------------------------


def test_every_fixture_text_is_already_in_its_stored_form():
    """So loading the document stores exactly what the files say."""
    from django.apps import apps

    for path in fixture_files():
        for entry in json.loads(Path(path).read_text(encoding="utf-8")):
            model = apps.get_model(entry["model"])
            for name, value in entry["fields"].items():
                field = model._meta.get_field(name)
                assert normalize_field_text(field, value) == value, (path, entry["model"], name)


def test_a_save_stores_lf_and_nfkc_text():
    city = PartnerCity.objects.get(name="桂林市")
    city.overview = "１行目\r\n２行目\r\n"
    city.english_name = " Ｇｕｉｌｉｎ "
    city.save()
    stored = PartnerCity.objects.get(pk=city.pk)
    assert (stored.overview, stored.english_name) == ("1行目\n2行目", "Guilin")


def test_loaddata_stores_text_in_the_same_form(tmp_path):
    from django.core import serializers

    city = PartnerCity.objects.get(name="桂林市")
    entry = json.loads(
        serializers.serialize("json", [city], use_natural_foreign_keys=True, use_natural_primary_keys=True)
    )
    entry[0]["fields"]["overview"] = "一行目\r\n二行目"
    fixture = tmp_path / "crlf.json"
    fixture.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")

    call_command("loaddata", str(fixture), verbosity=0)

    assert PartnerCity.objects.get(pk=city.pk).overview == "一行目\n二行目"


def test_control_characters_are_still_refused_not_turned_into_spaces():
    city = PartnerCity.objects.get(name="桂林市")
    city.english_name = "Gui\x1flin"
    with pytest.raises(ValidationError) as refused:
        city.full_clean()
    assert "U+001F" in str(refused.value.message_dict["english_name"])


# --- Integers a PostgreSQL column holds ----------------------------------------------


def test_an_order_past_a_smallint_is_refused_with_the_limit_on_every_database():
    division = Division.objects.get(name="国際課")
    division.order = 40000
    with pytest.raises(ValidationError) as refused:
        division.full_clean()
    assert refused.value.message_dict["order"] == [
        "32767以下の数を入力してください(この欄に保存できる上限です)。"
    ]
    division.order = 32767
    division.full_clean()


def test_a_count_past_an_integer_column_is_refused():
    record = UsageRecord.objects.order_by("pk").first()
    record.number_of_users = 2_147_483_648
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert "2147483647以下" in refused.value.message_dict["number_of_users"][0]


def test_every_integer_field_of_every_content_model_is_bounded():
    from core.models import integer_range
    from django.db import models

    for model in content_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.IntegerField) and not field.primary_key:
                assert integer_range(field) is not None, (model, field.name)


def test_a_change_after_refresh_from_db_still_advances_the_version():
    city = PartnerCity.objects.get(name="桂林市")
    original = city.english_name
    other = PartnerCity.objects.get(pk=city.pk)
    other.english_name = "Guilin City"
    other.save()
    city.refresh_from_db()
    city.english_name = original  # back to what was first read: still a change
    city.save()
    assert PartnerCity.objects.get(pk=city.pk).version == other.version + 1


def test_a_save_that_changes_nothing_keeps_the_version():
    city = PartnerCity.objects.get(name="桂林市")
    version = city.version
    city.save()
    assert PartnerCity.objects.get(pk=city.pk).version == version
