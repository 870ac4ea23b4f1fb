"""``load_document``: loads the document once and never overwrites staff's edits."""
import pytest
from django.core.management import call_command

from exchange.models import ExchangeActivity, PartnerCity
from core.management.commands.load_document import content_record_count


@pytest.mark.django_db
def test_it_keeps_what_staff_edited(capsys):
    city = PartnerCity.objects.get(name="桂林市")
    city.overview = "職員が編集した概要"
    city.save()
    call_command("load_document")
    assert "読み込みませんでした" in capsys.readouterr().out
    city.refresh_from_db()
    assert city.overview == "職員が編集した概要"


@pytest.mark.django_db
def test_force_restores_the_document_and_keeps_added_records(capsys):
    city = PartnerCity.objects.get(name="桂林市")
    original = city.overview
    city.overview = "職員が編集した概要"
    city.save()
    total = content_record_count()
    call_command("load_document", force=True)
    city.refresh_from_db()
    assert city.overview == original
    assert content_record_count() == total


@pytest.mark.django_db
def test_an_empty_database_gets_the_whole_document(capsys):
    from django.apps import apps

    from core.models import SourcedModel

    for model in reversed(apps.get_models()):
        if issubclass(model, SourcedModel):
            model.objects.all().delete()
    assert content_record_count() == 0
    call_command("load_document")
    assert "読み込みました" in capsys.readouterr().out
    assert PartnerCity.objects.count() == 9
    assert ExchangeActivity.objects.count() == 65
