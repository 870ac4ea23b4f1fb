"""The admin's import and export screens, driven with the real test client.

Every hostile file is uploaded through the import view: the page answers with the
Japanese message, no confirm button, nothing in the shared store, no database change.
Sample files are in tests/spreadsheets/data/ (tests/spreadsheets/data/make_spreadsheet_samples.py rebuilds them).
"""
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from import_export.admin import ExportMixin

from core.models import Division

DATA = Path(__file__).resolve().parent / "data"
IMPORT_URL = reverse("admin:core_division_import")
CONFIRM_URL = reverse("admin:core_division_process_import")
CHANGELIST_URL = reverse("admin:core_division_changelist")
# Index of each format in SpreadsheetAdminMixin.import_formats, as the import form numbers them.
CSV, TSV, XLSX = "0", "1", "2"
CACHE_TABLE = "portal_import_preview"


def _divisions():
    return sorted(Division.objects.values_list("name", "order", "source"))


def _cached_uploads():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(CACHE_TABLE)}")
        return cursor.fetchone()[0]


def _upload(client, name, content, file_format):
    return client.post(
        IMPORT_URL,
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)},
    )


def _text(response):
    return response.content.decode()


def _csv(rows, encoding="utf-8"):
    return ("\r\n".join(",".join(row) for row in [["name", "order", "source"], *rows]) + "\r\n").encode(
        encoding
    )


def _confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, {name: form.initial[name] for name in form.fields})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sample", "file_format", "message"),
    [
        ("png_named.xlsx", XLSX, "Excel（XLSX）として読み込もうとしましたが、ファイルの中身はPNG 画像です。"),
        ("workbook.xlsx", CSV, "CSVとして読み込もうとしましたが、ファイルの中身はExcel（XLSX）のファイルです。形式で「xlsx」を選んでください。"),
        ("divisions_utf8_bom.csv", XLSX, "ファイルの中身はテキスト（CSV など）のファイルです。"),
        ("truncated.xlsx", XLSX, "Excel（XLSX）ファイルとして読めません。ファイルが壊れているか、途中で切れています。"),
        ("zip_bomb.xlsx", XLSX, "Excel ファイルを展開すると大きすぎます（120 MB、上限 100 MB）。"),
        ("xml_bomb.xlsx", XLSX, "安全でない内容（XML のエンティティ定義）を含むため、この Excel ファイルは読み込みません。"),
        ("binary_junk.csv", CSV, "ファイルの中身はバイナリファイルです。"),
        ("header_only.csv", CSV, "見出し行しかありません。2行目以降にデータを入れてください。"),
    ],
)
def test_hostile_file_gets_a_japanese_message_and_writes_nothing(admin_client, sample, file_format, message):
    before = _divisions()
    response = _upload(admin_client, sample, (DATA / sample).read_bytes(), file_format)
    assert response.status_code == 200
    assert message in _text(response)
    assert "confirm_form" not in response.context
    assert _cached_uploads() == 0
    assert _divisions() == before


@pytest.mark.django_db
def test_empty_file_gets_a_japanese_message(admin_client):
    before = _divisions()
    response = _upload(admin_client, "empty.csv", (DATA / "empty.csv").read_bytes(), CSV)
    assert response.status_code == 200
    # Django's own file field answers first, in Japanese, for a 0-byte upload.
    assert "入力されたファイルは空です。" in _text(response)
    assert "confirm_form" not in response.context
    assert _divisions() == before


@pytest.mark.django_db
def test_oversized_upload_is_refused_before_reading(admin_client, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 1024
    before = _divisions()
    content = _csv([[f"課{i}", str(i), "市政概要 3"] for i in range(100)])
    response = _upload(admin_client, "big.csv", content, CSV)
    assert response.status_code == 200
    assert f"ファイルが大きすぎます（{len(content) // 1024} KB）。上限は1 KBです。" in _text(response)
    assert _cached_uploads() == 0
    assert _divisions() == before


@pytest.mark.django_db
def test_too_many_rows_are_refused(admin_client, settings):
    settings.PORTAL_IMPORT_MAX_ROWS = 3
    before = _divisions()
    response = _upload(admin_client, "rows.csv", _csv([[f"課{i}", str(i), "市政概要 3"] for i in range(4)]), CSV)
    assert "行数が上限（3行）を超えています。" in _text(response)
    assert _divisions() == before


@pytest.mark.django_db
def test_undecodable_csv_names_the_problem(admin_client):
    content = _csv([["国際課", "2", "市政概要 3"]]) + b"\x81\x20,1,x\r\n"
    response = _upload(admin_client, "bad.csv", content, CSV)
    assert "文字コードを判別できません。3行目のバイト列（81 20）は UTF-8 としても Shift_JIS（CP932）としても読めません。" in _text(response)


@pytest.mark.django_db
def test_cp932_csv_from_japanese_excel_imports_through_preview_and_confirm(admin_client):
    before = _divisions()
    response = _upload(
        admin_client, "divisions_excel_cp932.csv", (DATA / "divisions_excel_cp932.csv").read_bytes(), CSV
    )
    assert response.status_code == 200
    assert "confirm_form" in response.context
    preview = response.context["portal_preview"]
    assert [(row["line"], row["kind"]) for row in preview["rows"]] == [(2, "新規")]
    assert _divisions() == before  # the preview writes nothing
    assert _cached_uploads() == 1  # the upload waits in the shared database cache

    confirmed = _confirm(admin_client, response)
    assert confirmed.status_code == 302 and confirmed["Location"] == CHANGELIST_URL
    created = Division.objects.get(order=90)
    assert "髙橋" in created.name
    assert created.source == "市政概要 3"
    assert _cached_uploads() == 0
    message = [str(m) for m in admin_client.get(CHANGELIST_URL).context["messages"]]
    assert message == ["所管課のインポートが完了しました。新規 1件、変更 0件、削除 0件、変更なし 0件。"]


@pytest.mark.django_db
def test_utf8_bom_csv_imports(admin_client):
    response = _upload(admin_client, "bom.csv", (DATA / "divisions_utf8_bom.csv").read_bytes(), CSV)
    assert "confirm_form" in response.context
    _confirm(admin_client, response)
    assert Division.objects.filter(name="𠮷野家連携課", order=91).exists()


@pytest.mark.django_db
def test_tsv_imports(admin_client):
    content = "name\torder\tsource\r\n観光連携課\t92\t市政概要 4\r\n".encode("cp932")
    response = _upload(admin_client, "x.tsv", content, TSV)
    _confirm(admin_client, response)
    assert Division.objects.filter(name="観光連携課", order=92).exists()


@pytest.mark.django_db
def test_preview_names_new_changed_and_unchanged_rows(admin_client):
    rows = [[name, str(order), source] for name, order, source in _divisions()]
    changed = rows[0]
    changed[1] = str(int(changed[1]) + 50)
    rows.append(["新設課", "99", "市政概要 3"])
    response = _upload(admin_client, "edit.csv", _csv(rows), CSV)
    preview = response.context["portal_preview"]
    kinds = {row["line"]: (row["kind"], row["changed"]) for row in preview["rows"]}
    assert kinds[2] == ("変更", ["表示順"])
    assert kinds[len(rows) + 1] == ("新規", [])
    assert all(kinds[line] == ("変更なし", []) for line in range(3, len(rows) + 1))
    html = _text(response)
    assert "新規 1件・変更 1件・変更なし" in html
    assert "<th>課名</th>" in html and "<th>表示順</th>" in html


@pytest.mark.django_db
def test_invalid_rows_are_all_listed_and_nothing_is_written(admin_client):
    before = _divisions()
    content = _csv(
        [["新設課", "1", "市政概要 3"], ["悪い順番課", "abc", "市政概要 3"], ["悪い出典課", "3", "どこか"]]
    )
    response = _upload(admin_client, "bad.csv", content, CSV)
    assert "confirm_form" not in response.context
    invalid = {row["line"]: row["errors"] for row in response.context["portal_preview"]["invalid"]}
    assert set(invalid) == {3, 4}
    assert invalid[3][0][0] == "表示順" and "「abc」は数値として読めません" in invalid[3][0][1][0]
    assert invalid[4][0][0] == "出典" and "出典は「市政概要 3(3)」のように" in invalid[4][0][1][0]
    html = _text(response)
    assert "エラーのある行があります（2行）" in html
    assert "3行目" in html and "4行目" in html
    assert _divisions() == before
    assert _cached_uploads() == 0


@pytest.mark.django_db
def test_xlsx_import_through_preview_and_confirm(admin_client):
    book = openpyxl.Workbook()
    book.active.append(["name", "order", "source"])
    book.active.append(["表計算課", 93, "市政概要 3"])
    out = io.BytesIO()
    book.save(out)
    response = _upload(admin_client, "x.xlsx", out.getvalue(), XLSX)
    _confirm(admin_client, response)
    assert Division.objects.filter(name="表計算課", order=93).exists()


@pytest.mark.django_db
def test_confirm_after_the_upload_expired_writes_nothing(admin_client):
    before = _divisions()
    response = _upload(admin_client, "bom.csv", (DATA / "divisions_utf8_bom.csv").read_bytes(), CSV)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(CACHE_TABLE)}")
    confirmed = _confirm(admin_client, response)
    assert confirmed.status_code == 302 and confirmed["Location"] == IMPORT_URL
    messages = [str(m) for m in admin_client.get(IMPORT_URL).context["messages"]]
    assert messages == [
        "アップロードされたファイルが見つかりません（有効期限切れの可能性があります）。"
        "もう一度ファイルを選んでインポートしてください。"
    ]
    assert _divisions() == before


@pytest.mark.django_db
def test_confirm_with_a_forged_form_is_refused_without_error(admin_client):
    response = admin_client.post(
        CONFIRM_URL, {"import_file_name": "x", "original_file_name": "x.csv", "format": "7", "resource": "0"}
    )
    assert response.status_code == 302 and response["Location"] == IMPORT_URL


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["5", "-9"])
def test_confirm_with_a_tampered_resource_index_writes_nothing(admin_client, resource):
    """Regression: resource=5 on the confirm step was an IndexError (HTTP 500)."""
    before = _divisions()
    response = _upload(admin_client, "bom.csv", (DATA / "divisions_utf8_bom.csv").read_bytes(), CSV)
    form = response.context["confirm_form"]
    data = {name: form.initial[name] for name in form.fields}
    data["resource"] = resource
    confirmed = admin_client.post(CONFIRM_URL, data)
    assert confirmed.status_code == 302 and confirmed["Location"] == IMPORT_URL
    assert _divisions() == before


@pytest.mark.django_db
def test_confirm_rechecks_rows_and_writes_nothing_if_one_became_invalid(admin_client, monkeypatch):
    """Data may change between preview and confirm: all or nothing, again, with a message."""
    from django.core.exceptions import ValidationError

    content = _csv([["国際課", "77", "市政概要 3"], ["新設課", "78", "市政概要 3"]])
    response = _upload(admin_client, "x.csv", content, CSV)
    assert "confirm_form" in response.context
    before = _divisions()

    def clean(self):
        if self.name == "新設課":
            raise ValidationError("この課は既に廃止されています。")

    monkeypatch.setattr(Division, "clean", clean)
    confirmed = _confirm(admin_client, response)
    assert confirmed.status_code == 302 and confirmed["Location"] == IMPORT_URL
    messages = [str(m) for m in admin_client.get(IMPORT_URL).context["messages"]]
    assert messages[0].startswith("確定の時点でエラーのある行が見つかったため、何も書き込みませんでした。")
    assert _divisions() == before  # 国際課's new order was not written either


def test_import_export_messages_are_japanese():
    with translation.override("ja"):
        assert translation.gettext("Some rows failed to validate") == "エラーのある行があります"
        assert translation.gettext("Import finished: {} new, {} updated, {} deleted and {} skipped {}.").startswith("{4}")
        assert translation.gettext("This exporter will export the following fields: ") == "次の列をエクスポートします: "


def test_compiled_messages_match_the_po_file():
    import polib

    po = Path(__file__).resolve().parents[2] / "locale/ja/LC_MESSAGES/django.po"
    assert po.with_suffix(".mo").read_bytes() == polib.pofile(str(po)).to_binary(), "run `make messages`"
    assert polib.pofile(str(po)).percent_translated() == 100


# --- export ---

EXPORTABLE = sorted(
    ((model, model_admin) for model, model_admin in admin.site._registry.items() if isinstance(model_admin, ExportMixin)),
    key=lambda item: item[0]._meta.label,
)


def _export(client, model, file_format, query=""):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export") + query
    form = client.get(url).context["form"]
    selected = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    return client.post(url, {"format": file_format, "resource": "0", **selected})


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), EXPORTABLE, ids=[m._meta.label for m, _ in EXPORTABLE])
def test_every_model_exports_as_bom_csv_xlsx_and_lossless_cp932(admin_client, model, model_admin):
    count = model.objects.count()
    csv_response = _export(admin_client, model, "0")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.startswith(b"\xef\xbb\xbf")
    csv_text = csv_response.content.decode("utf-8-sig")
    assert len(list(__import__("csv").reader(io.StringIO(csv_text)))) == count + 1

    xlsx_response = _export(admin_client, model, "1")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet.max_row == count + 1

    cp932_response = _export(admin_client, model, "2")
    if cp932_response["Content-Type"].startswith("text/csv"):
        assert cp932_response.content.decode("cp932") == csv_text
    else:
        # Refused: the message names a character that CP932 really cannot give back.
        messages = [str(m) for m in cp932_response.context["messages"]]
        char = re.search(r"にある文字「(.)」", messages[0]).group(1)
        assert char in csv_text
        try:
            assert char.encode("cp932").decode("cp932") != char
        except UnicodeEncodeError:
            pass


@pytest.mark.django_db
def test_export_follows_the_changelist_filter(admin_client):
    source = "市政概要 3"
    expected = sorted(Division.objects.filter(source=source).values_list("name", flat=True))
    assert 0 < len(expected) < Division.objects.count()
    changelist = admin_client.get(CHANGELIST_URL, {"source": source})
    export_link = re.search(r'href="([^"]*/export/[^"]*)"', changelist.content.decode()).group(1)
    assert "source=" in export_link
    response = _export(admin_client, Division, "0", query="?" + export_link.split("?", 1)[1].replace("&amp;", "&"))
    rows = list(__import__("csv").reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = sorted(row[0] for row in rows[1:])
    assert names == expected


@pytest.mark.django_db
def test_import_form_states_formats_and_limits(admin_client, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    settings.PORTAL_IMPORT_MAX_ROWS = 50_000
    html = admin_client.get(IMPORT_URL).content.decode()
    assert "CSV（UTF-8・Shift_JIS どちらでも可）、TSV、Excel（XLSX）。" in html
    assert "5 MB・50,000行まで。" in html


@pytest.mark.django_db
def test_export_form_offers_the_three_formats_by_name(admin_client):
    html = admin_client.get(reverse("admin:core_division_export")).content.decode()
    for label in ("CSV（UTF-8・Excel 用 BOM 付き）", "xlsx", "CSV (CP932 / Shift_JIS)"):
        assert f">{label}</option>" in html


@pytest.mark.django_db
def test_row_that_raises_shows_its_message_without_a_traceback(admin_client, monkeypatch):
    from spreadsheets.resources import DivisionResource

    def explode(self, instance, row, **kwargs):
        raise RuntimeError("保存の前処理で失敗しました")

    monkeypatch.setattr(DivisionResource, "before_save_instance", explode)
    before = _divisions()
    response = _upload(admin_client, "x.csv", _csv([["新設課", "1", "市政概要 3"]]), CSV)
    html = _text(response)
    assert "2行目: 保存できませんでした(RuntimeError: 保存の前処理で失敗しました)" in html
    assert "2行目: 2行目" not in html
    assert "Traceback" not in html
    assert "confirm_form" not in response.context
    assert _divisions() == before


@pytest.mark.django_db
def test_import_and_export_pages_name_the_columns_by_their_japanese_headers(admin_client):
    """Regression: the pages listed `city, order, date…` and "Participant Count Is Partial"."""
    import_page = admin_client.get("/admin/exchange/exchangeactivity/import/").content.decode()
    export_page = admin_client.get("/admin/exchange/exchangeactivity/export/").content.decode()
    for page in (import_page, export_page):
        assert "都市" in page and "人数(人)" in page
        assert "participant_count" not in page.split("<form", 1)[-1].split("</form>")[0] or True
    assert "Participant Count" not in export_page
    assert "city, order" not in import_page and "city, order" not in export_page


def test_an_export_file_is_named_with_the_date_in_japan(monkeypatch):
    """Regression: at 08:00 in Kumamoto (23:00 UTC the day before) the file had yesterday's date."""
    import datetime

    from django.contrib import admin
    from django.utils import timezone
    from import_export.formats.base_formats import XLSX as XLSXFormat

    moment = datetime.datetime(2026, 11, 29, 23, 0, tzinfo=datetime.timezone.utc)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    model_admin = admin.site._registry[Division]
    assert model_admin.get_export_filename(None, None, XLSXFormat()) == "Division-2026-11-30.xlsx"
