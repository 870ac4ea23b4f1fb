"""The admin's import and export screens, driven with the real test client.

An upload is stored in a job and checked by the task worker (run at once in tests, see
the root conftest); the upload answers with a redirect to the job's page, which shows the
outcome. Every hostile file is uploaded through the import view: the job's page answers
with the Japanese message, no confirm button, the upload no longer stored, no database
change. Sample files are in tests/spreadsheets/data/ (tests/spreadsheets/data/make_spreadsheet_samples.py rebuilds them).
"""
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from import_export.admin import ExportMixin

from audit.models import ChangeBatch
from core.models import Division
from spreadsheets.models import SpreadsheetJob

DATA = Path(__file__).resolve().parent / "data"
IMPORT_URL = reverse("admin:core_division_import")
CONFIRM_URL = reverse("admin:core_division_process_import")
CHANGELIST_URL = reverse("admin:core_division_changelist")
# Index of each format in SpreadsheetAdminMixin.import_formats, as the import form numbers them.
CSV, TSV, XLSX = "0", "1", "2"


def _divisions():
    return sorted(Division.objects.values_list("name", "order", "source"))


def _stored_uploads():
    """Uploads still kept: only those waiting for their confirm step."""
    return SpreadsheetJob.objects.filter(kind="import").exclude(data=b"").count()


def _post_upload(client, name, content, file_format, resource="0"):
    return client.post(
        IMPORT_URL,
        {"resource": resource, "format": file_format, "import_file": SimpleUploadedFile(name, content)},
    )


def _upload(client, name, content, file_format):
    """Upload a file and return its job's page (the worker has run: tasks run at once)."""
    response = _post_upload(client, name, content, file_format)
    assert response.status_code == 302, "a valid upload goes to its job's page"
    assert re.fullmatch(IMPORT_URL + r"[0-9a-f-]{36}/", response["Location"])
    return client.get(response["Location"])


def _text(response):
    return response.content.decode()


def _csv(rows, encoding="utf-8"):
    return ("\r\n".join(",".join(row) for row in [["name", "order", "source"], *rows]) + "\r\n").encode(
        encoding
    )


def _confirm(client, preview, reason=""):
    """Confirm the previewed upload; return the response of the confirm POST."""
    form = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, {"job": form.initial["job"], "reason": reason})


def _preview_rows(response):
    return {row.line: row for row in response.context["page"]}


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
    assert "このファイルは取り込めません（何も書き込んでいません）。" in _text(response)
    assert "confirm_form" not in response.context
    assert _stored_uploads() == 0
    assert _divisions() == before


@pytest.mark.django_db
def test_empty_file_gets_a_japanese_message(admin_client):
    before = _divisions()
    response = _post_upload(admin_client, "empty.csv", (DATA / "empty.csv").read_bytes(), CSV)
    assert response.status_code == 200
    # Django's own file field answers first, in Japanese, for a 0-byte upload.
    assert "入力されたファイルは空です。" in _text(response)
    assert SpreadsheetJob.objects.count() == 0
    assert _divisions() == before


@pytest.mark.django_db
def test_oversized_upload_is_refused_before_it_is_stored(admin_client, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 1024
    before = _divisions()
    content = _csv([[f"課{i}", str(i), "市政概要 3"] for i in range(100)])
    response = _post_upload(admin_client, "big.csv", content, CSV)
    assert response.status_code == 200
    assert f"ファイルが大きすぎます（{len(content) // 1024} KB）。上限は1 KBです。" in _text(response)
    assert SpreadsheetJob.objects.count() == 0
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
    assert [(line, row.get_kind_display()) for line, row in _preview_rows(response).items()] == [(2, "新規")]
    assert _divisions() == before  # the preview writes nothing
    assert _stored_uploads() == 1  # the upload waits in its job for the confirm step

    confirmed = _confirm(admin_client, response)
    assert confirmed.status_code == 302 and confirmed["Location"] == response.request["PATH_INFO"]
    created = Division.objects.get(order=90)
    assert "髙橋" in created.name
    assert created.source == "市政概要 3"
    assert _stored_uploads() == 0
    done = admin_client.get(confirmed["Location"])
    assert "所管課のインポートが完了しました。新規 1件、変更 0件、削除 0件、変更なし 0件。" in _text(done)
    assert CHANGELIST_URL in _text(done)


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
def test_preview_lists_new_and_changed_rows_and_counts_the_unchanged(admin_client):
    rows = [[name, str(order), source] for name, order, source in _divisions()]
    changed = rows[0]
    old_order = changed[1]
    changed[1] = str(int(changed[1]) + 50)
    rows.append(["新設課", "99", "市政概要 3"])
    response = _upload(admin_client, "edit.csv", _csv(rows), CSV)
    listed = {line: (row.get_kind_display(), row.changed) for line, row in _preview_rows(response).items()}
    # Unchanged rows are one count, not rows of the preview.
    assert listed == {2: ("変更", ["表示順"]), len(rows) + 1: ("新規", [])}
    html = _text(response)
    assert f"新規 1件・変更 1件・変更なし {len(rows) - 2}件" in html
    assert "<th>課名</th>" in html and "<th>表示順</th>" in html
    assert f"<del>{old_order}</del> <ins>{changed[1]}</ins>" in html


@pytest.mark.django_db
def test_preview_is_paginated_with_refused_rows_first(admin_client, django_assert_max_num_queries):
    from spreadsheets.admin import IMPORT_PREVIEW_PAGE_SIZE

    rows = [[f"新設課{i}", str(1000 + i), "市政概要 3"] for i in range(IMPORT_PREVIEW_PAGE_SIZE + 20)]
    rows[-1][1] = "abc"
    response = _upload(admin_client, "many.csv", _csv(rows), CSV)
    page = list(response.context["page"])
    assert len(page) == IMPORT_PREVIEW_PAGE_SIZE
    assert page[0].line == len(rows) + 1 and page[0].refused  # the refused row leads
    assert page[1].line == 2
    with django_assert_max_num_queries(12):
        second = admin_client.get(response.request["PATH_INFO"], {"page": "2"})
    assert len(list(second.context["page"])) == 20
    assert "2 / 2ページ（120行）" in _text(second)


@pytest.mark.django_db
def test_invalid_rows_are_all_listed_and_nothing_is_written(admin_client):
    before = _divisions()
    content = _csv(
        [["新設課", "1", "市政概要 3"], ["悪い順番課", "abc", "市政概要 3"], ["悪い出典課", "3", "どこか"]]
    )
    response = _upload(admin_client, "bad.csv", content, CSV)
    assert "confirm_form" not in response.context
    invalid = {line: row.errors for line, row in _preview_rows(response).items() if row.refused}
    assert set(invalid) == {3, 4}
    assert invalid[3][0][0] == "表示順" and "「abc」は数値として読めません" in invalid[3][0][1][0]
    assert invalid[4][0][0] == "出典" and "出典は「市政概要 3(3)」のように" in invalid[4][0][1][0]
    html = _text(response)
    assert "エラーのある行があります（2行）" in html
    assert "3行目" in html and "4行目" in html
    assert _divisions() == before
    assert _stored_uploads() == 0


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
    SpreadsheetJob.objects.all().delete()  # what prune_old_jobs does after PORTAL_SPREADSHEET_JOB_HOURS
    confirmed = _confirm(admin_client, response)
    assert confirmed.status_code == 302 and confirmed["Location"] == IMPORT_URL
    messages = [str(m) for m in admin_client.get(IMPORT_URL).context["messages"]]
    assert messages == [
        "アップロードされたファイルが見つかりません（有効期限切れの可能性があります）。"
        "もう一度ファイルを選んでインポートしてください。"
    ]
    assert _divisions() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"import_file_name": "x", "original_file_name": "x.csv", "format": "7", "resource": "0"},
        {"job": "not-a-job"},
        {"job": "6b7f3a3e-1111-4444-8888-000000000000"},
    ],
    ids=["old-form", "bad-id", "unknown-job"],
)
def test_confirm_with_a_forged_form_is_refused_without_error(admin_client, data):
    response = admin_client.post(CONFIRM_URL, data)
    assert response.status_code == 302 and response["Location"] == IMPORT_URL


@pytest.mark.django_db
def test_a_job_is_its_owners_alone(admin_client, django_user_model, client):
    response = _upload(admin_client, "bom.csv", (DATA / "divisions_utf8_bom.csv").read_bytes(), CSV)
    job_url = response.request["PATH_INFO"]
    other = django_user_model.objects.create_superuser("other-admin", "o@example.jp", "pw-other-admin")
    client.force_login(other)
    assert client.get(job_url).status_code == 404
    confirm = client.post(CONFIRM_URL, {"job": response.context["confirm_form"].initial["job"]})
    assert confirm["Location"] == IMPORT_URL
    assert not Division.objects.filter(name="𠮷野家連携課").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["5", "-9"])
def test_upload_with_a_tampered_resource_index_is_refused(admin_client, resource):
    """Regression: resource=5 on the confirm step was an IndexError (HTTP 500)."""
    before = _divisions()
    response = _post_upload(
        admin_client, "bom.csv", (DATA / "divisions_utf8_bom.csv").read_bytes(), CSV, resource=resource
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert SpreadsheetJob.objects.count() == 0
    assert _divisions() == before


@pytest.mark.django_db
def test_confirm_twice_imports_once(admin_client):
    response = _upload(admin_client, "x.csv", _csv([["二度押し課", "95", "市政概要 3"]]), CSV)
    _confirm(admin_client, response)
    again = _confirm(admin_client, response)
    assert again.status_code == 302 and again["Location"] == response.request["PATH_INFO"]
    assert Division.objects.filter(name="二度押し課").count() == 1


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
    page = admin_client.get(confirmed["Location"])
    html = _text(page)
    assert "確定の時点でエラーのある行が見つかったため、何も書き込みませんでした。" in html
    assert "この課は既に廃止されています。" in html
    assert _divisions() == before  # 国際課's new order was not written either
    assert _stored_uploads() == 0


@pytest.mark.django_db
def test_a_failing_task_writes_nothing_and_says_so(admin_client, monkeypatch):
    from spreadsheets import jobs

    response = _upload(admin_client, "x.csv", _csv([["国際課", "77", "市政概要 3"], ["新設課", "78", "市政概要 3"]]), CSV)
    before = _divisions()

    def crash(*args, **kwargs):
        raise RuntimeError("the worker broke down after writing")

    # The log entries are written after the rows, inside the same transaction.
    monkeypatch.setattr(admin.site._registry[Division], "generate_log_entries", crash)
    confirmed = _confirm(admin_client, response)
    assert _divisions() == before
    page = admin_client.get(confirmed["Location"])
    assert "処理に失敗しました。" + jobs.FAILED_MESSAGE in _text(page)
    assert "RuntimeError" not in _text(page)


@pytest.mark.django_db
def test_a_job_stuck_running_is_shown_as_failed(admin_client, settings):
    from datetime import timedelta

    from django.utils import timezone

    response = _upload(admin_client, "x.csv", _csv([["止まった課", "96", "市政概要 3"]]), CSV)
    job = SpreadsheetJob.objects.get()
    # A worker killed while writing: the job says "running", and nothing was committed.
    SpreadsheetJob.objects.filter(pk=job.pk).update(
        status="running", step="write",
        updated_at=timezone.now() - timedelta(minutes=settings.PORTAL_TASK_TIMEOUT_MINUTES + 1),
    )
    page = admin_client.get(response.request["PATH_INFO"])
    assert "処理が時間内に終わりませんでした" in _text(page)
    assert 'http-equiv="refresh"' not in _text(page)
    job.refresh_from_db()
    assert job.status == "failed" and job.data == b""
    # The task, were it delivered now, does nothing.
    from spreadsheets.tasks import write_import

    write_import.enqueue(str(job.pk))
    assert not Division.objects.filter(name="止まった課").exists()


@pytest.mark.django_db
def test_a_write_given_up_as_stale_meanwhile_is_rolled_back(admin_client, monkeypatch):
    """The page gave up on the job while the worker was still writing: nothing is kept."""
    from spreadsheets import jobs

    response = _upload(admin_client, "x.csv", _csv([["遅すぎた課", "96", "市政概要 3"]]), CSV)
    model_admin = admin.site._registry[Division]
    write_log = model_admin.generate_log_entries

    def given_up_meanwhile(result, request):
        write_log(result, request)
        SpreadsheetJob.objects.update(status="failed", message=jobs.STALE_MESSAGE)

    monkeypatch.setattr(model_admin, "generate_log_entries", given_up_meanwhile)
    _confirm(admin_client, response)
    assert not Division.objects.filter(name="遅すぎた課").exists()
    # (Here the give-up shares the write's transaction and is rolled back with it; from
    # the page's own connection it stays. Either way the job never says "done".)
    assert SpreadsheetJob.objects.get().status != "done"


@pytest.mark.django_db
def test_progress_page_refreshes_itself_without_script(admin_client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = _post_upload(admin_client, "x.csv", _csv([["待つ課", "97", "市政概要 3"]]), CSV)
    page = admin_client.get(response["Location"])
    html = _text(page)
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "処理の順番を待っています。" in html
    assert "<script>" not in html and "onload" not in html


@pytest.mark.django_db
def test_the_reason_typed_on_confirm_is_the_batchs_and_its_history_rows_reason(admin_client):
    from spreadsheets.signals import import_confirmed

    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    import_confirmed.connect(receiver)
    try:
        response = _upload(admin_client, "x.csv", _csv([["理由課", "98", "市政概要 3"]]), CSV)
        _confirm(admin_client, response, reason="令和7年度の組織改正")
    finally:
        import_confirmed.disconnect(receiver)
    division = Division.objects.get(name="理由課")
    batch = ChangeBatch.objects.get()
    assert batch.reason == "令和7年度の組織改正"
    # The history row names the batch it can be undone with, and the reason.
    assert division.history.get().history_change_reason == f"取り込み#{batch.pk}: 令和7年度の組織改正"
    [call] = heard
    assert call["model"] is Division and call["file_name"] == "x.csv"
    assert call["counts"] == {"new": 1, "update": 0, "delete": 0, "skip": 0}
    assert call["reason"] == "令和7年度の組織改正" and call["user"].username == "admin"
    assert [row.object_id for row in call["result"].rows] == [division.pk]


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
    assert model_admin.get_export_filename(None, None, XLSXFormat()) == "所管課_2026-11-30.xlsx"
