"""Spreadsheet exports are safe to open and readable: no formulas, numbers stay numbers.

Exports are made as the admin makes them: native cell types in XLSX, text in CSV.
"""
import csv
import datetime
import io

import pytest
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import load_workbook

from exchange.models import ExchangeActivity
from exchange.resources import ExchangeActivityResource, UsageRecordResource
from recovery.resources import EarthquakeResource

pytestmark = pytest.mark.django_db

PAYLOADS = ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]


def export(resource_class, file_format):
    fmt = file_format()
    return fmt.export_data(resource_class().export(force_native_type=fmt.is_binary()))


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content)))


def xlsx_sheet(content):
    # Not data_only: a formula cell must show up as a formula here.
    return load_workbook(io.BytesIO(content)).active


def _with_payloads():
    records = list(ExchangeActivity.objects.filter(city__name="桂林市").order_by("order"))
    for record, payload in zip(records, PAYLOADS):
        ExchangeActivity.objects.filter(pk=record.pk).update(description=payload)
    return {record.order: payload for record, payload in zip(records, PAYLOADS)}


def test_formula_payloads_are_text_in_csv():
    payloads = _with_payloads()
    rows = csv_rows(export(ExchangeActivityResource, CSV))
    cells = {int(row["表示順"]): row["内容"] for row in rows if row["都市"] == "桂林市"}
    for order, payload in payloads.items():
        assert cells[order] == "'" + payload, payload
    assert not any(
        value[:1] in ("=", "+", "-", "@", "\t", "\r") for row in rows for value in row.values()
    )


def test_formula_payloads_are_text_in_xlsx():
    payloads = _with_payloads()
    sheet = xlsx_sheet(export(ExchangeActivityResource, XLSX))
    headers = [cell.value for cell in sheet[1]]
    city, order, text = (headers.index(name) for name in ("都市", "表示順", "内容"))
    seen = {}
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)
        if row[city].value == "桂林市":
            seen[row[order].value] = row[text]
    for number, payload in payloads.items():
        assert seen[number].data_type == "s"
        # The apostrophe stays in front. (Whether a carriage return reads back as one or as
        # a line feed depends on openpyxl's XML writer: lxml when installed, or its own.)
        assert seen[number].value.replace("\r", "\n") == "'" + payload.replace("\r", "\n")


@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
def test_neutralised_formulas_import_back_unchanged(file_format):
    """The apostrophe added on export is taken off on import: the round trip is a no-op."""
    texts = ["=1+2", "+1", "-1", "@SUM(A1)", "'=already quoted"]
    records = list(ExchangeActivity.objects.filter(city__name="桂林市").order_by("order"))[: len(texts)]
    for record, text in zip(records, texts):
        ExchangeActivity.objects.filter(pk=record.pk).update(description=text)
    fmt = file_format()
    dataset = fmt.create_dataset(export(ExchangeActivityResource, file_format))
    result = ExchangeActivityResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["update"] == 0 and result.totals["new"] == 0
    stored = [ExchangeActivity.objects.get(pk=record.pk).description for record in records]
    assert stored == texts


def test_numbers_and_fiscal_years_are_numeric_cells_in_xlsx():
    sheet = xlsx_sheet(export(UsageRecordResource, XLSX))
    headers = [cell.value for cell in sheet[1]]
    year, users = headers.index("年度"), headers.index("利用人数(人)")
    rows = list(sheet.iter_rows(min_row=2))
    assert rows
    for row in rows:
        assert row[year].data_type == "n" and isinstance(row[year].value, int)
        assert row[users].data_type == "n" and isinstance(row[users].value, int)
    assert 67887 in [row[users].value for row in rows]


def test_dates_are_date_cells_in_xlsx():
    sheet = xlsx_sheet(export(ExchangeActivityResource, XLSX))
    column = [cell.value for cell in sheet[1]].index("年月")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert cells and all(cell.is_date for cell in cells)
    assert datetime.datetime(2013, 8, 1) in [cell.value for cell in cells]


def test_csv_shows_wareki_dates_to_their_precision_choice_labels_and_yes_no():
    (quake,) = csv_rows(export(EarthquakeResource, CSV))
    assert quake["発生日"] == "平成28年(2016年)4月14日"
    assert quake["所管課"] == "復興総務課"
    rows = csv_rows(export(ExchangeActivityResource, CSV))
    first = next(row for row in rows if row["都市"] == "桂林市" and row["表示順"] == "1")
    assert first["年月"] == "平成25年(2013年)8月"
    assert first["日付の精度"] == "年月"
    assert first["交流の種類"] == "派遣"
    assert first["人数は一部"] in ("はい", "いいえ")
    assert first["人数(人)"] == "19"


@pytest.mark.django_db
def test_the_preview_shows_a_date_to_its_precision():
    """Regression: the preview showed 平成25年(2013年)8月1日 for a date known to the month."""
    from exchange.models import ExchangeActivity
    from exchange.resources import ExchangeActivityResource
    from import_export.formats.base_formats import CSV

    activity = ExchangeActivity.objects.filter(date_precision="month").order_by("pk").first()
    resource = ExchangeActivityResource()
    dataset = CSV().create_dataset(CSV().export_data(resource.export(ExchangeActivity.objects.filter(pk=activity.pk))))
    result = ExchangeActivityResource().import_data(dataset, dry_run=True)
    cells = " ".join(str(cell) for cell in result.rows[0].diff)
    month = f"{activity.date.month}月"
    assert f"年){month}" in cells
    assert f"年){month}{activity.date.day}日" not in cells


# --- Through the admin's export screen, as staff download it ---

HYPERLINK = '=HYPERLINK("http://example.com/","詳しくはこちら")'
# The admin's export formats, in the order of its form: CSV (UTF-8 with BOM), XLSX, CP932 CSV.
ADMIN_FORMATS = {"csv": "0", "xlsx": "1", "csv-sjis": "2"}


def admin_export(client, model_path, key):
    url = f"/admin/{model_path}/export/"
    form = client.get(url).context["form"]
    selected = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    response = client.post(url, {"format": ADMIN_FORMATS[key], "resource": "0", **selected})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("key", list(ADMIN_FORMATS))
def test_an_admin_export_never_opens_a_description_as_a_formula(admin_client, key):
    """A description starting =HYPERLINK(…) is text with a leading ' in every staff file."""
    record = ExchangeActivity.objects.filter(city__name="桂林市").order_by("order").first()
    ExchangeActivity.objects.filter(pk=record.pk).update(description=HYPERLINK)
    content = admin_export(admin_client, "exchange/exchangeactivity", key).content
    if key == "xlsx":
        sheet = xlsx_sheet(content)
        headers = [cell.value for cell in sheet[1]]
        cells = [row[headers.index("内容")] for row in sheet.iter_rows(min_row=2)]
        assert all(cell.data_type != "f" for cell in cells)
        texts = [cell.value for cell in cells]
    else:
        text = content.decode("utf-8-sig" if key == "csv" else "cp932")
        texts = [row["内容"] for row in csv_rows(text)]
    assert "'" + HYPERLINK in texts and HYPERLINK not in texts


# (The cities hold characters CP932 lacks: their CP932 export is refused, as it should be.)
@pytest.mark.parametrize("key,suffix", [("csv", "csv"), ("xlsx", "xlsx")])
def test_an_admin_export_is_named_after_the_records_in_japanese_with_an_ascii_fallback(
    admin_client, key, suffix
):
    from urllib.parse import quote, unquote

    from django.utils import timezone

    day = timezone.localdate().isoformat()
    disposition = admin_export(admin_client, "exchange/partnercity", key)["Content-Disposition"]
    assert disposition == (
        f"attachment; filename=\"PartnerCity_{day}.{suffix}\"; "
        f"filename*=UTF-8''{quote('姉妹・友好都市')}_{day}.{suffix}"
    )
    assert unquote(disposition.split("UTF-8''")[1]) == f"姉妹・友好都市_{day}.{suffix}"
    disposition.encode("ascii")  # the header itself is plain ASCII
