"""The document's data in English: every name, title, heading, label and choice has one."""
import json
import re

import pytest
from django.apps import apps
from django.utils import translation

from conftest import fixture_files
from core.languages import english_field, translated_fields
from core.models import content_models
from core.wareki import DatePrecision

JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef]")


def fixture_objects():
    for path in fixture_files():
        with open(path, encoding="utf-8") as file:
            yield from json.load(file)


def test_every_translated_value_of_the_fixtures_has_english():
    missing, still_japanese, checked = [], [], 0
    for obj in fixture_objects():
        model = apps.get_model(obj["model"])
        for name in translated_fields(model):
            japanese = obj["fields"].get(name)
            if not japanese:
                continue
            checked += 1
            english = obj["fields"].get(english_field(name))
            if not english:
                missing.append((obj["model"], name, japanese))
            elif JAPANESE.search(english):
                still_japanese.append((obj["model"], name, english))
    assert checked > 250
    assert not missing, missing
    assert not still_japanese, still_japanese


def test_every_content_model_translates_its_names_titles_headings_and_labels():
    """A short text field called a name, title, heading or label has an English version."""
    words = ("name", "title", "heading", "label")
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model in content_models()
        for field in model._meta.concrete_fields
        if field.get_internal_type() == "CharField"
        and any(word in field.name for word in words)
        and not field.name.endswith(("_ja", "_en"))
        and field.name not in ("english_name",)
        and field.name not in translated_fields(model)
    ]
    assert not untranslated


def test_partner_cities_use_their_own_english_names():
    """SUPPLEMENT.md's English names (``english_name``, the dataset's 英語名) are the cities'
    names on the English pages (``name_en``): one name, the same in both places."""
    cities = [obj["fields"] for obj in fixture_objects() if obj["model"] == "exchange.partnercity"]
    assert len(cities) == 9
    for city in cities:
        assert city["english_name"] == city["name_en"], city["name"]


def test_every_choice_has_an_english_label():
    choice_sets = {DatePrecision: DatePrecision.choices}
    for model in content_models():
        for field in model._meta.concrete_fields:
            if field.choices:
                choice_sets[(model, field.name)] = field.choices
    assert len(choice_sets) > 10
    untranslated = []
    with translation.override("en"):
        for key, choices in choice_sets.items():
            for value, label in choices:
                if JAPANESE.search(str(label)):
                    untranslated.append((key, value, str(label)))
    assert not untranslated, untranslated
    with translation.override("ja"):
        assert str(dict(DatePrecision.choices)["month"]) == "年月"


@pytest.mark.django_db
def test_loaded_records_read_in_the_active_language():
    from exchange.models import PartnerCity

    city = PartnerCity.objects.get(slug="heidelberg")
    with translation.override("ja"):
        assert city.name == "ハイデルベルク市"
    with translation.override("en"):
        assert city.name == "Heidelberg"
        assert city.get_relationship_type_display() == "Friendship city"
