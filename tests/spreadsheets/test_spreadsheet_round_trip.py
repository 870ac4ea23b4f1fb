"""Export → import of every model's spreadsheet creates and changes nothing.

This is what a division does each year: export, edit, import. With no edits the import
must be a no-op for every model, in CSV and in XLSX.
"""
import pytest
from django.contrib import admin
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult

from core.models import SourcedModel

RESOURCES = sorted(
    (
        (model, resource_class)
        for model, model_admin in admin.site._registry.items()
        if issubclass(model, SourcedModel)
        for resource_class in model_admin.get_resource_classes(request=None)
    ),
    key=lambda item: item[0]._meta.label,
)


def _snapshot(model):
    fields = [f.attname for f in model._meta.concrete_fields]
    return sorted(map(repr, model.objects.values_list(*fields)))


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
@pytest.mark.parametrize(
    ("model", "resource_class"), RESOURCES, ids=[m._meta.label for m, _ in RESOURCES]
)
def test_export_then_import_changes_nothing(model, resource_class, file_format):
    before = _snapshot(model)
    assert before, f"{model._meta.label} has no rows in the fixtures"
    fmt = file_format()
    # As the admin exports: native cell types (dates, numbers) in XLSX, text in CSV.
    exported = fmt.export_data(resource_class().export(force_native_type=fmt.is_binary()))
    dataset = fmt.create_dataset(exported)
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=False)
    assert not result.has_errors(), [e.error for _, errors in result.row_errors() for e in errors]
    assert not result.has_validation_errors(), [
        (row.number, row.error_dict) for row in result.invalid_rows
    ]
    assert result.totals[RowResult.IMPORT_TYPE_NEW] == 0
    assert result.totals[RowResult.IMPORT_TYPE_UPDATE] == 0
    assert result.totals[RowResult.IMPORT_TYPE_SKIP] == len(before)
    assert _snapshot(model) == before


@pytest.mark.django_db
def test_admin_xlsx_export_reimports_with_no_change(admin_client):
    """Regression: through the admin, an unchanged XLSX export re-imported as 65 "updated"."""
    from exchange.models import ExchangeActivity

    url = "/admin/exchange/exchangeactivity/"
    export = admin_client.post(
        url + "export/",
        {"format": "1", **{f"exchangeactivityresource_{name}": "on" for name in _resource_fields()}},
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    fmt = XLSX()
    dataset = fmt.create_dataset(export.content)
    from exchange.resources import ExchangeActivityResource

    result = ExchangeActivityResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals[RowResult.IMPORT_TYPE_UPDATE] == 0
    assert result.totals[RowResult.IMPORT_TYPE_SKIP] == ExchangeActivity.objects.count()


def _resource_fields():
    from exchange.resources import ExchangeActivityResource

    return [field.column_name for field in ExchangeActivityResource().get_export_fields()]
