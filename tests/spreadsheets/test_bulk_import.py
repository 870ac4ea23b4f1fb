"""The fast import path (bulk.py) gives the library's outcome, with fewer queries.

Most files here are imported twice, by the fast path and by django-import-export's own
row-by-row path (``use_fast_import = False``), and both must end in the same rows, the same
per-row outcome and the same errors. The others pin what the fast path adds or keeps: the
library's own loop, history rows naming the importer, all-or-nothing writes, progress.
"""
import datetime

import pytest
import tablib
from django.db import IntegrityError, transaction
from import_export.results import RowResult

from exchange.models import ExchangeActivity, PartnerCity
from exchange.resources import ExchangeActivityResource, PartnerCityResource


def _resource(resource_class, fast):
    resource = resource_class()
    resource.use_fast_import = fast
    return resource


def _activities(count, first_order=500):
    """``count`` unsaved activities spread over every partner city (new natural keys)."""
    cities = list(PartnerCity.objects.order_by("order"))
    return [
        ExchangeActivity(
            city=cities[i % len(cities)],
            order=first_order + i // len(cities),
            date=datetime.date(2000 + i % 20, 1 + i % 12, 1),
            date_precision="month",
            direction="dispatch",
            description=f"試験の交流 {i}",
            participant_count=i % 50 + 1,
            participant_count_is_partial=False,
            source="市政概要 3(3)",
        )
        for i in range(count)
    ]


def _export(resource_class, objects=None):
    """The resource's own export (its headers), as a list of mutable rows."""
    dataset = resource_class().export(queryset=objects)
    return dataset.headers, [list(row) for row in dataset]


def _column(resource_class, field_name, headers):
    resource = resource_class()
    return headers.index(resource.column_label(resource.fields[field_name]))


def _snapshot(model, *fields):
    return sorted(model.objects.values_list(*fields))


ACTIVITY_FIELDS = (
    "city__name", "order", "date", "direction", "description", "participant_count",
    "participant_count_is_partial", "source",
)


def _outcome(result):
    """What a user sees of an import: per-row kind and every error, by row number."""
    return {
        "types": [row.import_type for row in result.rows],
        "new_ids_known": all(
            row.object_id is not None
            for row in result.rows
            if row.import_type == RowResult.IMPORT_TYPE_NEW
        ),
        "totals": dict(result.totals),
        "row_errors": sorted((n, [str(e.error) for e in errs]) for n, errs in result.row_errors()),
        "invalid": sorted(
            (row.number, {k: list(map(str, v)) for k, v in row.error_dict.items()})
            for row in result.invalid_rows
        ),
    }


def _import_both(resource_class, dataset, snapshot):
    """Import ``dataset`` with each path, each rolled back; return both outcomes and data."""
    outcomes = []
    for fast in (True, False):
        with transaction.atomic():
            result = _resource(resource_class, fast).import_data(
                dataset, dry_run=False, raise_errors=False, rollback_on_validation_errors=True
            )
            outcomes.append((_outcome(result), snapshot()))
            transaction.set_rollback(True)
    return outcomes


def _mixed_activity_file():
    """Unchanged rows, two changed rows and three new rows, as staff would bring them."""
    headers, rows = _export(ExchangeActivityResource)
    description = _column(ExchangeActivityResource, "description", headers)
    count = _column(ExchangeActivityResource, "participant_count", headers)
    rows[3][description] = "内容を書き直した行"
    rows[10][count] = 999
    new_headers, new_rows = _export(ExchangeActivityResource, _activities(3))
    assert new_headers == headers
    return tablib.Dataset(*rows, *new_rows, headers=headers)


@pytest.mark.django_db
def test_fast_and_default_path_create_and_change_the_same_rows():
    dataset = _mixed_activity_file()
    (fast, fast_rows), (default, default_rows) = _import_both(
        ExchangeActivityResource, dataset, lambda: _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    )
    assert fast == default
    assert fast_rows == default_rows
    assert fast["totals"][RowResult.IMPORT_TYPE_NEW] == 3
    assert fast["new_ids_known"] and default["new_ids_known"]
    assert fast["totals"][RowResult.IMPORT_TYPE_UPDATE] == 2
    assert fast["totals"][RowResult.IMPORT_TYPE_SKIP] == len(dataset) - 5
    assert ("桂林市", 500) in {(row[0], row[1]) for row in fast_rows}


@pytest.mark.django_db
def test_fast_and_default_path_report_the_same_errors_and_write_nothing():
    headers, rows = _export(ExchangeActivityResource, _activities(6))
    col = {name: _column(ExchangeActivityResource, name, headers) for name in (
        "city", "date", "participant_count", "participant_count_is_partial", "direction",
    )}
    rows[1][col["city"]] = "存在しない市"  # unknown foreign key
    rows[2][col["date"]] = "いつか"  # unreadable date
    rows[3][col["participant_count"]] = None  # partial count without a count: constraint
    rows[3][col["participant_count_is_partial"]] = 1
    rows[4][col["direction"]] = "teleport"  # not a choice
    dataset = tablib.Dataset(*rows, headers=headers)
    before = _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    (fast, fast_rows), (default, default_rows) = _import_both(
        ExchangeActivityResource, dataset, lambda: _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    )
    assert fast["row_errors"] == default["row_errors"]
    assert fast["invalid"] == default["invalid"]
    # An unknown parent is a row error of its column (invalid row), like the others.
    assert fast["row_errors"] == []
    assert [n for n, _ in fast["invalid"]] == [2, 3, 4, 5]
    assert "「存在しない市」という姉妹・友好都市は登録されていません。" in str(fast["invalid"])
    assert "人数がないのに「人数は一部」は付けられません。" in str(fast["invalid"])
    # All or nothing: rows 1 and 6 are valid, and still nothing was written.
    assert fast_rows == before
    assert default_rows == before


@pytest.mark.django_db
def test_a_unique_field_taken_by_another_record_is_the_same_row_error_on_both_paths():
    headers, rows = _export(PartnerCityResource)
    name = _column(PartnerCityResource, "name", headers)
    new_city = list(rows[0])
    new_city[name] = "新しい市"  # a new record that keeps the first city's slug
    dataset = tablib.Dataset(*rows, new_city, headers=headers)
    (fast, fast_rows), (default, default_rows) = _import_both(
        PartnerCityResource, dataset, lambda: _snapshot(PartnerCity, "name", "slug")
    )
    assert fast["invalid"] == default["invalid"]
    assert [n for n, _ in fast["invalid"]] == [len(rows) + 1]
    assert "slug" in fast["invalid"][0][1]
    assert fast_rows == default_rows == _snapshot(PartnerCity, "name", "slug")


@pytest.mark.django_db
def test_a_record_twice_in_one_file_is_an_error_naming_both_rows():
    headers, rows = _export(ExchangeActivityResource, _activities(3))
    dataset = tablib.Dataset(*rows, list(rows[0]), headers=headers)
    before = _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    result = ExchangeActivityResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert [row.number for row in result.invalid_rows] == [1, 4]
    # Spreadsheet lines 2 and 5 (the header is line 1) each name the other.
    assert "2行目・5行目" in str(result.invalid_rows[0].error_dict)
    assert _snapshot(ExchangeActivity, *ACTIVITY_FIELDS) == before


@pytest.mark.django_db
def test_the_dry_run_preview_shows_each_row_and_its_diff_and_writes_nothing():
    dataset = _mixed_activity_file()
    before = _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    result = ExchangeActivityResource().import_data(dataset, dry_run=True, raise_errors=False)
    kinds = [row.import_type for row in result.rows]
    assert kinds.count(RowResult.IMPORT_TYPE_NEW) == 3
    assert kinds.count(RowResult.IMPORT_TYPE_UPDATE) == 2
    changed = [row for row in result.rows if row.import_type == RowResult.IMPORT_TYPE_UPDATE]
    assert any("内容を書き直した行" in "".join(row.diff) for row in changed)
    assert any("999" in "".join(row.diff) for row in changed)
    assert _snapshot(ExchangeActivity, *ACTIVITY_FIELDS) == before


def _count_queries(count, dry_run, django_assert_max_num_queries):
    headers, rows = _export(ExchangeActivityResource, _activities(count))
    dataset = tablib.Dataset(*rows, headers=headers)
    # 32 bounds any fixed per-file cost (history rows are one more bulk INSERT; the search
    # index reads the written records, deletes their rows and writes them again: three
    # more; PostgreSQL takes one more than SQLite); a per-row query would pass it at 32 rows
    # already, and the 30-row file must cost what the 10-row file costs.
    with django_assert_max_num_queries(32) as captured:
        result = ExchangeActivityResource().import_data(dataset, dry_run=dry_run)
    assert result.totals[RowResult.IMPORT_TYPE_NEW] == count
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "import"])
def test_importing_more_rows_costs_no_more_queries(dry_run, django_assert_max_num_queries):
    # Both sizes fit one INSERT batch (on SQLite, 999 parameters a statement: about 60
    # history rows of this model, and of the search index's rows, one per record and language,
    # about 70; on PostgreSQL 500): a larger file adds one INSERT per batch, never a query
    # per row.
    with transaction.atomic():
        few = _count_queries(10, dry_run, django_assert_max_num_queries)
        transaction.set_rollback(True)
    many = _count_queries(30, dry_run, django_assert_max_num_queries)
    assert many == few
    if not dry_run:
        assert ExchangeActivity.objects.filter(order__gte=500).count() == 30


@pytest.mark.django_db
def test_the_default_path_does_cost_queries_per_row(django_assert_max_num_queries):
    """Guards the test above: the query bound would catch a path that queries per row."""
    headers, rows = _export(ExchangeActivityResource, _activities(24))
    dataset = tablib.Dataset(*rows, headers=headers)
    with pytest.raises(pytest.fail.Exception):
        with django_assert_max_num_queries(24):
            _resource(ExchangeActivityResource, fast=False).import_data(dataset, dry_run=True)


@pytest.mark.django_db
def test_the_admin_preview_and_confirm_import_through_the_fast_path(admin_client, admin_user):
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.core.files.uploadedfile import SimpleUploadedFile
    from import_export.formats.base_formats import CSV

    dataset = _mixed_activity_file()
    before = _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    url = "/admin/exchange/exchangeactivity/import/"
    page = admin_client.get(url)
    formats = dict(page.context["form"].fields["format"].choices)
    csv_choice = next(key for key, title in formats.items() if title.lower() == "csv")
    upload = SimpleUploadedFile("activities.csv", CSV().export_data(dataset).encode("utf-8"))
    preview = admin_client.post(
        url, {"import_file": upload, "format": csv_choice, "resource": "0"}, follow=True
    )
    assert preview.status_code == 200
    kinds = [row.kind for row in preview.context["page"]]
    assert kinds.count(RowResult.IMPORT_TYPE_NEW) == 3 and kinds.count(RowResult.IMPORT_TYPE_UPDATE) == 2
    assert _snapshot(ExchangeActivity, *ACTIVITY_FIELDS) == before  # the preview wrote nothing

    confirm = admin_client.post(
        "/admin/exchange/exchangeactivity/process_import/",
        dict(preview.context["confirm_form"].initial),
    )
    assert confirm.status_code == 302
    assert ExchangeActivity.objects.count() == len(before) + 3
    added = LogEntry.objects.filter(action_flag=ADDITION, user=admin_user)
    new_ids = set(ExchangeActivity.objects.filter(order__gte=500).values_list("pk", flat=True))
    assert {int(entry.object_id) for entry in added} == new_ids


@pytest.mark.django_db
def test_raise_errors_stops_at_the_first_bad_row_and_writes_nothing():
    from import_export.exceptions import ImportError as RowImportError

    headers, rows = _export(ExchangeActivityResource, _activities(4))
    rows[2][_column(ExchangeActivityResource, "source", headers)] = "どこかの本"
    dataset = tablib.Dataset(*rows, headers=headers)
    before = _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    with pytest.raises(RowImportError) as raised:
        ExchangeActivityResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert raised.value.number == 3
    assert _snapshot(ExchangeActivity, *ACTIVITY_FIELDS) == before


@pytest.mark.django_db
def test_the_fast_path_runs_the_librarys_own_import_loop(monkeypatch):
    """The fast path fills django-import-export's hooks; it keeps no copy of its loop."""
    from import_export import resources

    calls = []
    library_loop = resources.Resource.import_data_inner

    def spy(self, *args, **kwargs):
        calls.append(type(self))
        return library_loop(self, *args, **kwargs)

    monkeypatch.setattr(resources.Resource, "import_data_inner", spy)
    result = ExchangeActivityResource().import_data(_mixed_activity_file(), dry_run=True)
    assert calls == [ExchangeActivityResource]
    assert result.totals[RowResult.IMPORT_TYPE_NEW] == 3


@pytest.mark.django_db
def test_an_import_by_a_user_writes_one_history_row_per_created_or_changed_record(
    django_user_model,
):
    user = django_user_model.objects.create_superuser("importer", "importer@example.jp", "pw")
    history = ExchangeActivity.history.model
    last = history.objects.order_by("history_id").last().history_id
    result = ExchangeActivityResource().import_data(_mixed_activity_file(), user=user)
    assert not result.has_errors() and not result.has_validation_errors()
    rows = list(history.objects.filter(history_id__gt=last))
    # 3 new and 2 changed records; the unchanged rows write no history.
    assert sorted(row.history_type for row in rows) == ["+", "+", "+", "~", "~"]
    assert {row.history_user for row in rows} == {user}
    new_ids = {row.object_id for row in result.rows if row.import_type == RowResult.IMPORT_TYPE_NEW}
    assert new_ids == {row.id for row in rows if row.history_type == "+"}


@pytest.mark.django_db
def test_a_write_the_database_refuses_leaves_nothing_written_without_a_transaction(monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("refused")

    # The new rows are written first, then the changed ones are refused.
    monkeypatch.setattr("spreadsheets.bulk.bulk_update_with_history", refuse)
    before = _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    history_before = ExchangeActivity.history.count()
    result = ExchangeActivityResource().import_data(
        _mixed_activity_file(), use_transactions=False, rollback_on_validation_errors=False
    )
    assert result.has_errors()
    assert "refused" in str(result.base_errors[0].error)
    assert _snapshot(ExchangeActivity, *ACTIVITY_FIELDS) == before
    assert ExchangeActivity.history.count() == history_before


@pytest.mark.django_db
def test_an_invalid_row_writes_nothing_even_when_the_caller_asks_for_no_rollback():
    headers, rows = _export(ExchangeActivityResource, _activities(4))
    rows[2][_column(ExchangeActivityResource, "city", headers)] = "存在しない市"
    dataset = tablib.Dataset(*rows, headers=headers)
    before = _snapshot(ExchangeActivity, *ACTIVITY_FIELDS)
    result = ExchangeActivityResource().import_data(
        dataset, use_transactions=False, rollback_on_validation_errors=False
    )
    assert [row.number for row in result.invalid_rows] == [3]
    assert _snapshot(ExchangeActivity, *ACTIVITY_FIELDS) == before


@pytest.mark.django_db
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "row-by-row"])
def test_progress_is_called_with_the_rows_read_so_far(fast):
    dataset = _mixed_activity_file()
    seen = []
    _resource(ExchangeActivityResource, fast).import_data(
        dataset, dry_run=True, progress=seen.append
    )
    assert seen[: len(dataset)] == list(range(1, len(dataset) + 1))
    assert set(seen[len(dataset):]) <= {len(dataset)}


@pytest.mark.django_db
def test_one_resource_imports_again_after_an_import_stopped_at_a_bad_row():
    from import_export.exceptions import ImportError as RowImportError

    resource = ExchangeActivityResource()
    headers, rows = _export(ExchangeActivityResource, _activities(2))
    rows[1][_column(ExchangeActivityResource, "city", headers)] = "存在しない市"
    with pytest.raises(RowImportError):
        resource.import_data(tablib.Dataset(*rows, headers=headers), raise_errors=True)
    # Nothing of the stopped import (queued instances, cached parents) carries over.
    PartnerCity.objects.filter(name="桂林市").update(name="新しい名の市")
    headers, rows = _export(ExchangeActivityResource, _activities(2, first_order=700))
    result = resource.import_data(tablib.Dataset(*rows, headers=headers))
    assert not result.has_errors() and not result.has_validation_errors()
    assert ExchangeActivity.objects.filter(order__gte=500).count() == 2
