"""Spreadsheet import reads what staff type, and refuses the rest with a Japanese message.

The sample files in ``tests/spreadsheets/data/`` (written by ``tests/spreadsheets/data/make_values_samples.py``) are
what staff bring: XLSX with 和暦 date cells and serial numbers, CSV with full-width digits,
units, ○/×, labels, stray spaces in headers, and the usual mistakes. Every failed import
must leave the database as it was.
"""
import datetime
import re
from pathlib import Path

import pytest
import tablib
from import_export.formats.base_formats import CSV, XLSX

from exchange.models import ExchangeActivity, InternationalCenter, PartnerCity, Room, UsageRecord
from exchange.resources import (
    ExchangeActivityResource,
    InternationalCenterResource,
    RoomResource,
    UsageRecordResource,
)
from spreadsheets.resources import PortalResource
from public_relations.models import Publication
from public_relations.resources import PublicationResource

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龥]")


def load(name):
    """Return the sample file ``name`` as a dataset, read as the admin reads it."""
    path = DATA / name
    if path.suffix == ".xlsx":
        return XLSX().create_dataset(path.read_bytes())
    return CSV().create_dataset(path.read_text(encoding="utf-8"))


def run(resource_class, dataset, dry_run=False):
    return resource_class().import_data(dataset, dry_run=dry_run, raise_errors=False)


def messages(result):
    """Every message the import shows staff: file, row and cell errors."""
    found = [str(error.error) for error in result.base_errors]
    found += [str(error.error) for _, errors in result.row_errors() for error in errors]
    for row in result.invalid_rows:
        for texts in row.error_dict.values():
            found += list(texts)
    return found


def snapshot(model):
    fields = [f.attname for f in model._meta.concrete_fields]
    return sorted(map(repr, model.objects.values_list(*fields)))


def activity(order):
    return ExchangeActivity.objects.get(city__name="桂林市", order=order)


def assert_refused(result, model, before, *expected):
    """The import failed, said ``expected`` in Japanese, and changed nothing."""
    shown = messages(result)
    assert result.has_errors() or result.has_validation_errors()
    assert shown and all(JAPANESE.search(text) for text in shown), shown
    assert not any("Traceback" in text or "matching query" in text for text in shown), shown
    for text in expected:
        assert any(text in message for message in shown), (text, shown)
    assert snapshot(model) == before


# Dates -------------------------------------------------------------------------------


def test_xlsx_with_wareki_date_cells_serials_and_text_is_read():
    from openpyxl import load_workbook

    sheet = load_workbook(DATA / "wareki_dates.xlsx").active
    assert sheet["C2"].is_date and "ggge" in sheet["C2"].number_format  # shown as 和暦 in Excel
    assert sheet["C3"].data_type == "n" and sheet["C3"].value == 42474  # a serial number
    result = run(ExchangeActivityResource, load("wareki_dates.xlsx"))
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    day, month = "day", "month"
    expected = {
        901: (datetime.date(2016, 4, 14), day),
        902: (datetime.date(2016, 4, 14), day),
        903: (datetime.date(2024, 4, 1), day),
        904: (datetime.date(2024, 4, 1), day),
        905: (datetime.date(2016, 4, 14), day),
        906: (datetime.date(2016, 4, 1), month),
        907: (datetime.date(2019, 5, 1), day),
        908: (datetime.date(2019, 5, 1), day),
    }
    for order, (date, precision) in expected.items():
        record = activity(order)
        assert (record.date, record.date_precision) == (date, precision), order
    assert activity(907).participant_count == 1234
    assert activity(908).participant_count == 1234


def test_every_typed_form_of_a_value_is_read():
    result = run(ExchangeActivityResource, load("value_forms.csv"))
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    dates = {
        911: datetime.date(2024, 4, 1),
        912: datetime.date(2024, 4, 1),
        913: datetime.date(2024, 4, 1),
        914: datetime.date(2024, 4, 1),
        915: datetime.date(2019, 5, 1),
        916: datetime.date(2024, 4, 1),
        917: datetime.date(2016, 4, 14),
        918: datetime.date(2016, 4, 1),
        919: datetime.date(2024, 4, 1),
        920: datetime.date(1989, 1, 7),
        921: datetime.date(2016, 4, 14),
        922: datetime.date(2016, 4, 14),
    }
    for order, date in dates.items():
        assert activity(order).date == date, order
    assert activity(918).date_precision == "month"
    assert activity(917).date_precision == "day"
    # Numbers: separators, full-width digits, the column's unit (人, or 名 for people).
    assert [activity(order).participant_count for order in (911, 912, 913, 914)] == [
        67887, 67887, 230, 1234,
    ]
    # Choices by value, label, label with spaces, value in capitals.
    assert [activity(order).direction for order in (911, 912, 913, 914)] == [
        "dispatch", "hosting", "invitation", "hosting",
    ]
    # はい/○/〇/×/true/false/1/0/いいえ
    assert [activity(order).participant_count_is_partial for order in range(911, 920)] == [
        True, True, True, False, True, False, True, False, False,
    ]
    assert activity(920).description == "全角ABC 123の 交流"


def test_a_precision_column_in_the_row_wins_over_the_cell():
    dataset = tablib.Dataset(
        ["桂林市", 991, "平成28年4月", "年月日", "派遣", "精度", "", "いいえ", "市政概要 3(1)"],
        ["桂林市", 992, "2016/4/14", "年月", "派遣", "精度", "", "いいえ", "市政概要 3(1)"],
        ["桂林市", 993, "平成28年4月", "", "派遣", "精度", "", "いいえ", "市政概要 3(1)"],
        headers=["都市", "表示順", "年月", "日付の精度", "交流の種類", "内容", "人数(人)", "人数は一部", "出典"],
    )
    result = run(ExchangeActivityResource, dataset)
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    assert activity(991).date_precision == "day"
    assert activity(992).date_precision == "month"
    assert activity(993).date_precision == "month"


@pytest.mark.parametrize("fiscal_year", ["2015", "平成27年度", "2015年度", "２０１５年度", "H27年度", 2015])
def test_every_form_of_a_fiscal_year_finds_the_same_record(fiscal_year):
    dataset = tablib.Dataset(
        ["熊本市国際交流会館", fiscal_year, "ホール", "", "70,000人", "市政概要 3(9)"],
        headers=["国際交流会館", "年度", "区分", "室数(室)", "利用人数(人)", "出典"],
    )
    count = UsageRecord.objects.count()
    result = run(UsageRecordResource, dataset)
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    assert UsageRecord.objects.count() == count
    assert UsageRecord.objects.get(fiscal_year=2015, category="hall").number_of_users == 70000


def test_reiwa_gannen_fiscal_year_is_2019():
    dataset = tablib.Dataset(
        ["熊本市国際交流会館", "令和元年度", "ホール", "", "1", "市政概要 3(9)"],
        headers=["国際交流会館", "年度", "区分", "室数(室)", "利用人数(人)", "出典"],
    )
    assert not run(UsageRecordResource, dataset).has_validation_errors()
    assert UsageRecord.objects.filter(fiscal_year=2019, category="hall").exists()


# Numbers with units ------------------------------------------------------------------


@pytest.mark.parametrize("area", ["1,656㎡", "1,656m²", "1656m2", "１，６５６ ㎡", 1656])
def test_an_area_may_carry_its_unit(area):
    resource = InternationalCenterResource()
    dataset = resource.export()
    dataset = tablib.Dataset(*[list(row) for row in dataset], headers=dataset.headers)
    column = dataset.headers.index("敷地面積(m²)")
    row = list(dataset[0])
    row[column] = area
    dataset[0] = row
    result = run(InternationalCenterResource, dataset)
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    assert InternationalCenter.objects.get().site_area_m2 == 1656


def test_a_wrong_unit_is_refused_and_named():
    dataset = InternationalCenterResource().export()
    column = dataset.headers.index("敷地面積(m²)")
    row = list(dataset[0])
    row[column] = "1,656km"
    dataset[0] = row
    before = snapshot(InternationalCenter)
    result = run(InternationalCenterResource, dataset)
    assert_refused(result, InternationalCenter, before, "2行目「敷地面積(m²)」", "「km」", "m²")


def test_circulation_is_counted_in_the_unit_of_its_row():
    dataset = PublicationResource().export()
    count, unit = dataset.headers.index("発行部数"), dataset.headers.index("発行部数の単位")
    number = next(i for i, row in enumerate(dataset) if row[unit] == "部")
    row = list(dataset[number])
    row[count] = "１,２３４部"
    dataset[number] = row
    result = run(PublicationResource, dataset)
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    assert Publication.objects.filter(circulation=1234).count() == 1

    before = snapshot(Publication)
    row[count] = "1,234本"
    dataset[number] = row
    result = run(PublicationResource, dataset)
    assert_refused(result, Publication, before, f"{number + 2}行目「発行部数」", "「本」")


def test_bad_values_are_each_reported_with_row_column_and_value():
    before = snapshot(ExchangeActivity)
    result = run(ExchangeActivityResource, load("bad_values.csv"))
    assert_refused(
        result,
        ExchangeActivity,
        before,
        "3行目「年月」",
        "平成28年13月1日",
        "4行目「交流の種類」",
        "「交換」は選択肢にありません",
        "5行目「人数(人)」",
        "「12.5」は整数ではありません",
        "6行目「人数(人)」",
        "「12部」の単位「部」",
        "7行目「人数は一部」",
        "「たぶん」",
    )
    # The good first row was not written either: all or nothing.
    assert not ExchangeActivity.objects.filter(order=981).exists()
    assert sorted(row.number for row in result.invalid_rows) == [2, 3, 4, 5, 6]


# Relations ---------------------------------------------------------------------------


def test_an_unknown_city_is_a_row_error_and_nothing_is_written():
    before = snapshot(ExchangeActivity)
    result = run(ExchangeActivityResource, load("unknown_city.csv"))
    assert_refused(result, ExchangeActivity, before, "3行目「都市」", "「桂休市」という姉妹・友好都市は登録されていません")
    assert not ExchangeActivity.objects.filter(order=941).exists()


def test_an_unknown_division_is_a_row_error():
    dataset = PublicationResource().export()
    column = dataset.headers.index("所管課")
    row = list(dataset[0])
    row[column] = "広報係"
    dataset[0] = row
    before = snapshot(Publication)
    result = run(PublicationResource, dataset)
    assert_refused(result, Publication, before, "2行目「所管課」", "「広報係」という所管課は登録されていません")


def test_a_parent_with_a_key_of_several_parts_is_read_from_its_readable_form():
    dataset = tablib.Dataset(
        ["熊本市国際交流会館 / 6・7階", 9, "展示室", "50人", "市政概要 3(9)"],
        headers=["階", "表示順", "施設名", "定員(人)", "出典"],
    )
    result = run(RoomResource, dataset)
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    room = Room.objects.get(name="展示室")
    assert (room.floor.label, room.capacity) == ("6・7階", 50)

    before = snapshot(Room)
    dataset = tablib.Dataset(
        ["熊本市国際交流会館 / 8階", 9, "屋上", "", "市政概要 3(9)"],
        ["6・7階", 9, "屋上", "", "市政概要 3(9)"],
        headers=["階", "表示順", "施設名", "定員(人)", "出典"],
    )
    assert_refused(
        run(RoomResource, dataset),
        Room,
        before,
        "2行目「階」",
        "「熊本市国際交流会館 / 8階」という階(主要施設)は登録されていません",
        "3行目「階」",
        "「 / 」で区切って",
    )


def test_an_exported_parent_name_with_a_stray_space_is_found():
    dataset = tablib.Dataset(
        ["桂林市　", 995, "2016/4/14", "派遣", "空白", "", "いいえ", "市政概要 3(1)"],
        headers=["都市", "表示順", "年月", "交流の種類", "内容", "人数(人)", "人数は一部", "出典"],
    )
    result = run(ExchangeActivityResource, dataset)
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    assert activity(995).city == PartnerCity.objects.get(name="桂林市")


# Headers -----------------------------------------------------------------------------


def test_headers_with_stray_spaces_and_field_names_match():
    result = run(ExchangeActivityResource, load("stray_space_headers.csv"))
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    record = activity(931)
    assert (record.date, record.description, record.source) == (
        datetime.date(2016, 4, 14), "見出しに空白", "市政概要 3(1)",
    )


def test_an_unknown_column_is_an_error_naming_it():
    before = snapshot(ExchangeActivity)
    result = run(ExchangeActivityResource, load("unknown_column.csv"))
    assert_refused(result, ExchangeActivity, before, "見出し「内用」", "5列目")
    assert result.invalid_rows == [] and result.rows == []


def test_a_missing_required_column_is_an_error_naming_it():
    before = snapshot(ExchangeActivity)
    result = run(ExchangeActivityResource, load("missing_column.csv"))
    assert_refused(result, ExchangeActivity, before, "必須の列「出典」がありません")


def test_a_column_given_twice_is_an_error():
    dataset = tablib.Dataset(
        ["桂林市", 996, "2016/4/14", "派遣", "二重", "いいえ", "市政概要 3(1)"],
        headers=["都市", "表示順", "年月", "交流の種類", "内容", "description", "出典"],
    )
    before = snapshot(ExchangeActivity)
    assert_refused(run(ExchangeActivityResource, dataset), ExchangeActivity, before, "5列目と6列目")


def test_a_file_without_a_header_row_is_refused():
    before = snapshot(ExchangeActivity)
    result = run(ExchangeActivityResource, tablib.Dataset())
    assert_refused(result, ExchangeActivity, before, "見出し")


def test_labels_are_unique_within_every_resource():
    """A header must name one column: no two labels (or a label and a name) collide."""
    from spreadsheets.resources import header_key

    resources = [cls for cls in _all_resources()]
    assert len(resources) > 30
    for resource_class in resources:
        resource = resource_class()
        names = {}
        for field in resource.fields.values():
            for text in {resource.column_label(field), field.column_name}:
                owner = names.setdefault(header_key(text), field.column_name)
                assert owner == field.column_name, (resource_class.__name__, text)
        assert all(JAPANESE.search(h) for h in resource.get_export_headers()), resource_class


def _all_resources():
    from django.contrib import admin

    for model_admin in admin.site._registry.values():
        if hasattr(model_admin, "get_resource_classes"):
            yield from model_admin.get_resource_classes(request=None)


# Rows --------------------------------------------------------------------------------


def test_a_natural_key_given_twice_in_a_file_is_an_error_naming_the_rows():
    before = snapshot(ExchangeActivity)
    result = run(ExchangeActivityResource, load("duplicate_key.csv"))
    assert_refused(result, ExchangeActivity, before, "2行目・4行目", "「桂林市 / 951」")
    assert sorted(row.number for row in result.invalid_rows) == [1, 3]


def test_a_file_without_id_column_updates_by_natural_key_and_creates_nothing():
    dataset = ExchangeActivityResource().export()
    assert not any(header.lower() == "id" for header in dataset.headers)
    column = dataset.headers.index("内容")
    row = list(dataset[0])
    row[column] = "書き換えた内容"
    dataset[0] = row
    count = ExchangeActivity.objects.count()
    result = run(ExchangeActivityResource, dataset)
    assert not result.has_errors() and not result.has_validation_errors(), messages(result)
    assert ExchangeActivity.objects.count() == count
    assert result.totals["new"] == 0 and result.totals["update"] == 1
    assert ExchangeActivity.objects.filter(description="書き換えた内容").count() == 1


def test_one_bad_row_writes_nothing_even_when_called_without_options():
    dataset = tablib.Dataset(
        ["桂林市", 997, "2016/4/14", "派遣", "正しい行", "", "いいえ", "市政概要 3(1)"],
        ["桂林市", 998, "2016/4/14", "派遣", "出典が違う", "", "いいえ", "どこか"],
        headers=["都市", "表示順", "年月", "交流の種類", "内容", "人数(人)", "人数は一部", "出典"],
    )
    before = snapshot(ExchangeActivity)
    result = ExchangeActivityResource().import_data(dataset)
    assert_refused(result, ExchangeActivity, before, "3行目「出典」", "どこか")


def test_every_portal_resource_shares_the_base():
    assert all(issubclass(cls, PortalResource) for cls in _all_resources())


# Through the admin ---------------------------------------------------------------------


def _admin_preview(admin_client, name):
    """Upload ``name`` and return its job's page (the worker has checked it: tasks run at once)."""
    with open(DATA / name, "rb") as handle:
        return admin_client.post(
            "/admin/exchange/exchangeactivity/import/",
            {"format": "0", "import_file": handle, "resource": "0"},
            follow=True,
        )


def test_admin_preview_shows_header_mistakes_in_japanese_without_a_traceback(admin_client):
    before = snapshot(ExchangeActivity)
    response = _admin_preview(admin_client, "unknown_column.csv")
    assert response.status_code == 200
    page = response.content.decode()
    assert "見出し「内用」" in page
    assert "Traceback" not in page and "FieldError" not in page
    assert snapshot(ExchangeActivity) == before


def test_admin_preview_lists_every_bad_row(admin_client):
    before = snapshot(ExchangeActivity)
    response = _admin_preview(admin_client, "bad_values.csv")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("平成28年13月1日", "「交換」は選択肢にありません", "「12.5」は整数ではありません", "「たぶん」"):
        assert text in page
    assert snapshot(ExchangeActivity) == before


def test_the_same_key_written_two_ways_is_still_a_duplicate():
    """平成27年度/ホール and 2015/hall name the same usage record."""
    dataset = tablib.Dataset(
        ["熊本市国際交流会館", "平成27年度", "ホール", "", "1", "市政概要 3(9)"],
        ["熊本市国際交流会館", 2015, "hall", "", "2", "市政概要 3(9)"],
        headers=["国際交流会館", "年度", "区分", "室数(室)", "利用人数(人)", "出典"],
    )
    before = snapshot(UsageRecord)
    assert_refused(run(UsageRecordResource, dataset), UsageRecord, before, "2行目・3行目")


@pytest.mark.django_db
def test_a_parent_whose_name_starts_like_a_formula_round_trips():
    """Regression: a city named "+桂林市" exported as "'+桂林市" and its rows failed to re-import."""
    from exchange.models import ExchangeActivity, PartnerCity
    from exchange.resources import ExchangeActivityResource
    from import_export.formats.base_formats import CSV
    from import_export.results import RowResult

    PartnerCity.objects.filter(name="桂林市").update(name="+桂林市")
    resource = ExchangeActivityResource()
    exported = CSV().export_data(resource.export())
    assert "'+桂林市" in exported
    result = ExchangeActivityResource().import_data(CSV().create_dataset(exported), dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors(), [
        (row.number, row.error_dict) for row in result.invalid_rows
    ]
    assert result.totals[RowResult.IMPORT_TYPE_SKIP] == ExchangeActivity.objects.count()
