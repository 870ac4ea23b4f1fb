"""Imports while the database is busy: a plain 「データベースが使用中です」, never a 500, never
"the data changed since the preview", never "the file's headers are wrong".

The concurrent tests run the admin in other processes on a real SQLite file (as gunicorn's
workers would; ``tests/support/sqlite_file.py``), the in-process ones fake the lock error
where a database of any kind could raise it.
"""
import sqlite3
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from core.database import BUSY_MESSAGE
from core.models import Division
from tests.support.sqlite_file import finish

CHANGED_SINCE_PREVIEW = "プレビューの後にデータが変更された"
HEADER_ERROR = "見出しや形式に誤りがあります"

# Previews a division CSV as ``admin``, waits for the test, confirms it and reports what
# the importer saw: the confirm's status and where it led, and the messages shown there.
CONFIRM_SCRIPT = """
from django.core.files.uploadedfile import SimpleUploadedFile
browser = client()
content = ("name,order,source\\r\\n" + "\\r\\n".join(
    f"{{name}},{{order}},市政概要 3" for name, order in {rows!r}) + "\\r\\n").encode()
preview = browser.post("/admin/core/division/import/", {{
    "resource": "0", "format": "0", "import_file": SimpleUploadedFile("d.csv", content)}})
form = preview.context["confirm_form"]
data = {{name: form.initial[name] for name in form.fields}}
wait_for_test()
confirmed = browser.post("/admin/core/division/process_import/", data)
shown = browser.get(confirmed["Location"]) if confirmed.status_code == 302 else confirmed
report(status=confirmed.status_code, location=confirmed.get("Location"),
       retry_after=confirmed.get("Retry-After"), text=shown.content.decode(),
       messages=[str(m) for m in (shown.context or {{}}).get("messages", [])])
"""


def confirm_script(rows):
    return CONFIRM_SCRIPT.format(rows=rows)


@contextmanager
def write_lock(database):
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


def divisions_in(database, names):
    with sqlite3.connect(database) as db:
        marks = ",".join("?" * len(names))
        return sorted(row[0] for row in db.execute(
            f"SELECT name FROM core_division WHERE name IN ({marks})", names))


def test_two_confirms_sent_together_both_finish(file_portal):
    """The second waits for the first (busy timeout, immediate transactions); both import."""
    first = file_portal.start(confirm_script([("同時取込A課", 91), ("同時取込A2課", 92)]))
    second = file_portal.start(confirm_script([("同時取込B課", 93)]))
    file_portal.when_ready(first)
    file_portal.when_ready(second)
    file_portal.go(first, second)
    results = [finish(first), finish(second)]
    for result in results:
        assert result["status"] == 302, result
        assert result["location"] == "/admin/core/division/", result
        assert not any(CHANGED_SINCE_PREVIEW in m or BUSY_MESSAGE in m for m in result["messages"])
    assert divisions_in(file_portal.database, ["同時取込A課", "同時取込A2課", "同時取込B課"]) == [
        "同時取込A2課", "同時取込A課", "同時取込B課"]


def test_a_confirm_that_cannot_get_the_lock_is_told_to_wait(file_portal):
    """Another worker holds the lock past the busy timeout: a 503 saying so, nothing written."""
    process = file_portal.when_ready(
        file_portal.start(confirm_script([("待機課", 94)]), PORTAL_SQLITE_BUSY_SECONDS="0.1")
    )
    with write_lock(file_portal.database):
        file_portal.go(process)
        result = finish(process)
    assert result["status"] == 503 and result["retry_after"] == "30", result
    assert BUSY_MESSAGE in result["text"]
    assert CHANGED_SINCE_PREVIEW not in result["text"] and "locked" not in result["text"]
    assert divisions_in(file_portal.database, ["待機課"]) == []


def test_import_sheet_during_a_lock_says_busy_and_exits_non_zero(file_portal, tmp_path):
    path = tmp_path / "divisions.csv"
    path.write_text("name,order,source\r\n使用中課,95,市政概要 3\r\n", encoding="utf-8")
    with write_lock(file_portal.database):
        run = file_portal.manage("import_sheet", "core.Division", str(path), "--no-progress",
                                 check=False, PORTAL_SQLITE_BUSY_SECONDS="0.1")
    assert run.returncode != 0
    assert BUSY_MESSAGE in run.stderr and "変更していません" in run.stderr
    assert HEADER_ERROR not in run.stderr and "Traceback" not in run.stderr
    assert divisions_in(file_portal.database, ["使用中課"]) == []
    # Once the other import is done, the same command imports the file.
    file_portal.manage("import_sheet", "core.Division", str(path), "--no-progress")
    assert divisions_in(file_portal.database, ["使用中課"]) == ["使用中課"]


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


@pytest.mark.django_db
def test_a_lock_met_while_confirming_rows_is_not_a_change_since_the_preview(admin_client, monkeypatch):
    """Where the database reports the lock on a row (a deferred transaction, PostgreSQL's
    lock_timeout), the confirm says busy, not that the data changed."""
    from spreadsheets.resources import DivisionResource

    content = "name,order,source\r\n国際課,77,市政概要 3\r\n".encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = admin_client.post("/admin/core/division/import/", {
        "resource": "0", "format": "0", "import_file": SimpleUploadedFile("d.csv", content)})
    form = preview.context["confirm_form"]
    before = sorted(Division.objects.values_list("name", "order"))
    monkeypatch.setattr(DivisionResource, "before_save_instance", locked)
    confirmed = admin_client.post(
        "/admin/core/division/process_import/", {name: form.initial[name] for name in form.fields})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/admin/core/division/import/"
    messages = [str(m) for m in admin_client.get(confirmed["Location"]).context["messages"]]
    assert len(messages) == 1 and messages[0].startswith(BUSY_MESSAGE), messages
    assert CHANGED_SINCE_PREVIEW not in messages[0]
    assert sorted(Division.objects.values_list("name", "order")) == before


@pytest.mark.django_db
def test_import_sheet_says_busy_for_a_lock_on_a_row(tmp_path, monkeypatch):
    from spreadsheets.resources import DivisionResource

    path = tmp_path / "divisions.csv"
    path.write_text("name,order,source\r\n国際課,77,市政概要 3\r\n", encoding="utf-8")
    monkeypatch.setattr(DivisionResource, "before_save_instance", locked)
    with pytest.raises(CommandError, match=BUSY_MESSAGE) as raised:
        call_command("import_sheet", "core.Division", str(path), "--no-progress")
    assert HEADER_ERROR not in str(raised.value)
