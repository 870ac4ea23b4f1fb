"""Rules every model of the portal keeps, so that the admin speaks Japanese to staff and
fixtures and spreadsheets can name every record by its natural key."""
import re

import pytest
from django.apps import apps

from audit.history import is_history_model

APPS = ["core", "planning", "exchange", "public_relations", "recovery"]
# The audit trail's historical models (HistoricalPartnerCity …) are not content.
MODELS = [
    model
    for app in APPS
    for model in apps.get_app_config(app).get_models()
    if not is_history_model(model)
]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _ids(models):
    return [model._meta.label for model in models]


@pytest.mark.parametrize("model", MODELS, ids=_ids(MODELS))
def test_every_field_has_a_japanese_label_and_help_for_editors(model):
    assert JAPANESE.search(str(model._meta.verbose_name))
    assert JAPANESE.search(str(model._meta.verbose_name_plural))
    for field in model._meta.get_fields():
        if field.auto_created or not field.concrete:
            continue
        assert JAPANESE.search(str(field.verbose_name)), field.name
        assert str(field.help_text).strip(), field.name


@pytest.mark.parametrize("model", MODELS, ids=_ids(MODELS))
def test_every_model_has_an_ordering(model):
    assert model._meta.ordering


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=_ids(MODELS))
def test_natural_keys_find_each_record_again(model):
    records = list(model.objects.all())
    assert records, f"{model._meta.label} has no records in the fixtures"
    for record in records:
        assert model._default_manager.get_by_natural_key(*record.natural_key()) == record


@pytest.mark.django_db
@pytest.mark.parametrize("control", ["\x07", "\x00", "\x1b", "\x0b"])
def test_a_control_character_typed_into_a_form_is_refused(admin_client, control):
    """Regression: a BEL saved through the admin form stopped every XLSX export of the model."""
    from exchange.models import PartnerCity
    from tests.html_forms import change_form_data

    city = PartnerCity.objects.order_by("pk").first()
    url = f"/admin/exchange/partnercity/{city.pk}/change/"
    before = city.name
    data = {**change_form_data(url), "name": [before[:1] + control + before[1:]]}
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    if control != "\x00":  # Django's own form check refuses NUL first, in Japanese
        assert f"制御文字(U+{ord(control):04X})" in response.content.decode()
    city.refresh_from_db()
    assert city.name == before
