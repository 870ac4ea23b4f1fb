"""Imports overwrite nobody's edit and store only what every database holds.

- Between the preview and the confirm, somebody saves (or adds, or deletes) a record the
  file touches: the confirm writes nothing and its job's page names the row and the record.
- The fast path's bulk writes advance each changed record's version, so a form opened
  before the import is refused like one opened before an admin save.
- 表示順 40000 is refused on SQLite as on PostgreSQL (smallint stops at 32767).
"""
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import ChangeBatch
from core.models import Division
from exchange.models import ExchangeActivity
from exchange.resources import ExchangeActivityResource
from spreadsheets.models import JobStatus
from spreadsheets.resources import DivisionResource

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:core_division_import")
CONFIRM_URL = reverse("admin:core_division_process_import")
CSV = "0"


def _csv(rows):
    lines = [["課名", "表示順", "出典"], *rows]
    return ("\r\n".join(",".join(row) for row in lines) + "\r\n").encode()


def _preview(client, rows):
    """Upload ``rows`` and return the job's page with the preview (tasks run at once)."""
    response = client.post(
        IMPORT_URL,
        {"resource": "0", "format": CSV, "import_file": SimpleUploadedFile("divisions.csv", _csv(rows))},
        follow=True,
    )
    assert "confirm_form" in response.context, response.content.decode()
    return response


def _confirm(client, preview):
    """Confirm the previewed job; return the job as the write task left it."""
    form = preview.context["confirm_form"]
    response = client.post(CONFIRM_URL, {"job": form.initial["job"]}, follow=True)
    assert response.status_code == 200
    return response.context["job"]


def test_confirm_refuses_when_a_record_the_file_changes_was_saved_after_the_preview(admin_client):
    pr_order = Division.objects.get(name="広報課").order
    preview = _preview(admin_client, [["国際課", "77", "市政概要 3"], ["広報課", "55", "市政概要 5"]])
    division = Division.objects.get(name="国際課")
    division.source = "市政概要 3(1)"  # another member of staff, meanwhile
    division.save()

    job = _confirm(admin_client, preview)

    assert job.status == JobStatus.REJECTED
    assert job.message.startswith("プレビューの後に他の人が変更した記録があるため、何も書き込みませんでした")
    assert "2行目: 「国際課」はプレビューの後に他の人が保存しました。" in job.message
    page = admin_client.get(preview.request["PATH_INFO"]).content.decode()
    assert "2行目: 「国際課」はプレビューの後に他の人が保存しました。" in page
    division.refresh_from_db()
    assert (division.order, division.source) != (77, "市政概要 3")
    assert division.source == "市政概要 3(1)"
    assert Division.objects.get(name="広報課").order == pr_order  # all or nothing
    assert not ChangeBatch.objects.exists()


def test_confirm_refuses_an_unchanged_row_whose_record_was_edited_after_the_preview(admin_client):
    division = Division.objects.get(name="国際課")
    preview = _preview(admin_client, [["国際課", str(division.order), division.source]])
    assert preview.context["job"].counts["skip"] == 1
    division.order = 99
    division.save()

    job = _confirm(admin_client, preview)

    assert "「国際課」はプレビューの後に他の人が保存しました。" in job.message
    assert Division.objects.get(pk=division.pk).order == 99


def test_confirm_refuses_a_row_whose_record_someone_deleted_after_the_preview(admin_client):
    division = Division.objects.create(name="廃止課", order=92, source="市政概要 3")
    preview = _preview(admin_client, [["廃止課", "93", "市政概要 3"]])
    division.delete()

    job = _confirm(admin_client, preview)

    assert "2行目: プレビューの後に、この行の記録は他の人が削除しました。" in job.message
    assert not Division.objects.filter(name="廃止課").exists()


def test_confirm_refuses_a_new_row_whose_record_someone_added_after_the_preview(admin_client):
    preview = _preview(admin_client, [["新設課", "90", "市政概要 3"]])
    Division.objects.create(name="新設課", order=91, source="市政概要 3")

    job = _confirm(admin_client, preview)

    assert "2行目: 「新設課」はプレビューの後に他の人が登録しました。" in job.message
    assert Division.objects.get(name="新設課").order == 91


def test_confirm_without_changes_since_the_preview_imports(admin_client):
    preview = _preview(admin_client, [["国際課", "77", "市政概要 3"]])
    job = _confirm(admin_client, preview)
    assert job.status == JobStatus.DONE
    assert Division.objects.get(name="国際課").order == 77


def test_the_fast_paths_bulk_update_advances_the_version_of_changed_records_only():
    changed, unchanged = ExchangeActivity.objects.order_by("pk")[:2]
    resource = ExchangeActivityResource()
    dataset = resource.export(queryset=ExchangeActivity.objects.filter(pk__in=[changed.pk, unchanged.pk]).order_by("pk"))
    column = resource.column_label(resource.fields["description"])
    row = list(dataset[0])
    row[dataset.headers.index(column)] += "(修正)"
    dataset[0] = row

    result = ExchangeActivityResource().import_data(dataset, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert ExchangeActivity.objects.get(pk=changed.pk).version == changed.version + 1
    assert ExchangeActivity.objects.get(pk=unchanged.pk).version == unchanged.version


def test_an_order_of_40000_is_refused_on_every_database_with_the_limit():
    dataset = tablib.Dataset(["国際課", 40000, "市政概要 3"], headers=["課名", "表示順", "出典"])

    result = DivisionResource().import_data(dataset, dry_run=True)

    assert result.has_validation_errors()
    messages = [str(m) for row in result.invalid_rows for m in row.error_dict.get("order", [])]
    assert any("32767以下の数を入力してください" in message for message in messages), messages
    assert Division.objects.get(name="国際課").order != 40000
