"""Imports overwrite nobody's edit and store only what every database holds.

- Between the preview and the confirm, somebody saves (or adds, or deletes) a record the
  file touches: the confirm writes nothing and names the row and the record.
- The fast path's bulk writes advance each changed record's version, so a form opened
  before the import is refused like one opened before an admin save.
- 表示順 40000 is refused on SQLite as on PostgreSQL (smallint stops at 32767).
"""
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Division
from exchange.models import ExchangeActivity
from exchange.resources import ExchangeActivityResource
from spreadsheets.resources import DivisionResource

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:core_division_import")
CONFIRM_URL = reverse("admin:core_division_process_import")
CHANGELIST_URL = reverse("admin:core_division_changelist")
CSV = "0"


def _csv(rows):
    lines = [["課名", "表示順", "出典"], *rows]
    return ("\r\n".join(",".join(row) for row in lines) + "\r\n").encode()


def _preview(client, rows):
    response = client.post(
        IMPORT_URL,
        {"resource": "0", "format": CSV, "import_file": SimpleUploadedFile("divisions.csv", _csv(rows))},
    )
    assert "confirm_form" in response.context, response.content.decode()
    return response


def _confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, {name: form.initial[name] for name in form.fields})


def _messages(client):
    return [str(message) for message in client.get(IMPORT_URL).context["messages"]]


def test_confirm_refuses_when_a_record_the_file_changes_was_saved_after_the_preview(admin_client):
    pr_order = Division.objects.get(name="広報課").order
    preview = _preview(admin_client, [["国際課", "77", "市政概要 3"], ["広報課", "55", "市政概要 5"]])
    division = Division.objects.get(name="国際課")
    division.source = "市政概要 3(1)"  # another member of staff, meanwhile
    division.save()

    confirmed = _confirm(admin_client, preview)

    assert confirmed.status_code == 302 and confirmed["Location"] == IMPORT_URL
    message = _messages(admin_client)[0]
    assert message.startswith("プレビューの後に他の人が変更した記録があるため、何も書き込みませんでした")
    assert "2行目: 「国際課」はプレビューの後に他の人が保存しました。" in message
    division.refresh_from_db()
    assert (division.order, division.source) != (77, "市政概要 3")
    assert division.source == "市政概要 3(1)"
    assert Division.objects.get(name="広報課").order == pr_order  # all or nothing


def test_confirm_refuses_an_unchanged_row_whose_record_was_edited_after_the_preview(admin_client):
    division = Division.objects.get(name="国際課")
    preview = _preview(admin_client, [["国際課", str(division.order), division.source]])
    assert preview.context["result"].rows[0].import_type == "skip"
    division.order = 99
    division.save()

    _confirm(admin_client, preview)

    assert "「国際課」はプレビューの後に他の人が保存しました。" in _messages(admin_client)[0]
    assert Division.objects.get(pk=division.pk).order == 99


def test_confirm_refuses_a_new_row_whose_record_someone_added_after_the_preview(admin_client):
    preview = _preview(admin_client, [["新設課", "90", "市政概要 3"]])
    Division.objects.create(name="新設課", order=91, source="市政概要 3")

    _confirm(admin_client, preview)

    assert "2行目: 「新設課」はプレビューの後に他の人が登録しました。" in _messages(admin_client)[0]
    assert Division.objects.get(name="新設課").order == 91


def test_confirm_without_changes_since_the_preview_imports(admin_client):
    preview = _preview(admin_client, [["国際課", "77", "市政概要 3"]])
    confirmed = _confirm(admin_client, preview)
    assert confirmed.status_code == 302 and confirmed["Location"] == CHANGELIST_URL
    assert Division.objects.get(name="国際課").order == 77


def test_confirm_with_a_forged_preview_state_writes_nothing(admin_client):
    preview = _preview(admin_client, [["国際課", "77", "市政概要 3"]])
    form = preview.context["confirm_form"]
    data = {name: form.initial[name] for name in form.fields}
    data["preview_state"] = "forged"
    assert admin_client.post(CONFIRM_URL, data)["Location"] == IMPORT_URL
    assert Division.objects.get(name="国際課").order != 77


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
