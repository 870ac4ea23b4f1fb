"""Imports while the database is busy: a plain 「データベースが使用中です」, never a 500, never
"the data changed since the preview", never "the file's headers are wrong".

The concurrent tests run the admin and the task worker in other processes on a real
SQLite file (as gunicorn's workers and ``db_worker`` would; ``tests/support/sqlite_file.py``),
the in-process ones fake the lock error where a database of any kind could raise it.
"""
import sqlite3
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from audit.models import ChangeBatch
from core.database import BUSY_MESSAGE
from core.models import Division
from spreadsheets import preview
from spreadsheets.resources import DivisionResource
from tests.support.sqlite_file import finish

CHANGED_SINCE_PREVIEW = "プレビューの後にデータが変更された"
HEADER_ERROR = "見出しや形式に誤りがあります"

# Uploads a division CSV as ``admin``, lets the worker check it (``db_worker --batch``, as
# the worker beside the server would), waits for the test, confirms it, lets the worker
# write it and reports what the importer saw: the confirm's status and where it led, and
# the job's page after the worker.
CONFIRM_SCRIPT = """
import time
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, connections
from spreadsheets.models import SpreadsheetJob

def work():
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    except OperationalError:
        pass  # a worker that cannot take its task for a lock tries later; the job waits
    connections.close_all()

browser = client()
content = ("name,order,source\\r\\n" + "\\r\\n".join(
    f"{{name}},{{order}},市政概要 3" for name, order in {rows!r}) + "\\r\\n").encode()
uploaded = browser.post("/admin/core/division/import/", {{
    "resource": "0", "format": "0", "import_file": SimpleUploadedFile("d.csv", content)}})
job_page = uploaded["Location"]
work()
# Both processes' workers read one queue: the other process's worker may still be checking
# this file while this one found nothing left to take. The preview is read once it is ready.
for _ in range(1200):
    shown = browser.get(job_page)
    if "confirm_form" in shown.context:
        break
    time.sleep(0.05)
form = shown.context["confirm_form"]
wait_for_test()
confirmed = browser.post("/admin/core/division/process_import/", {{"job": form.initial["job"]}})
work()
# Likewise for the write: the page is read once the job is over.
for _ in range(1200):
    job = SpreadsheetJob.objects.get(pk=form.initial["job"])
    if not job.is_active:
        break
    time.sleep(0.05)
shown = browser.get(job_page)
report(status=confirmed.status_code, location=confirmed.get("Location"), job_page=job_page,
       retry_after=confirmed.get("Retry-After"), text=confirmed.content.decode(),
       job_status=job.status, job_message=job.message, page=shown.content.decode())
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
    """Two clerks confirm at once, each process with its worker: both imports are written
    (one waits for the other: busy timeout, immediate transactions)."""
    first = file_portal.start(confirm_script([("同時取込A課", 91), ("同時取込A2課", 92)]))
    second = file_portal.start(confirm_script([("同時取込B課", 93)]))
    file_portal.when_ready(first)
    file_portal.when_ready(second)
    file_portal.go(first, second)
    results = [finish(first), finish(second)]
    for result in results:
        assert result["status"] == 302 and result["location"] == result["job_page"], result
        assert result["job_status"] == "done", result
        assert CHANGED_SINCE_PREVIEW not in result["page"] and BUSY_MESSAGE not in result["page"]
        assert "インポートが完了しました" in result["page"]
    assert divisions_in(file_portal.database, ["同時取込A課", "同時取込A2課", "同時取込B課"]) == [
        "同時取込A2課", "同時取込A課", "同時取込B課"]


def test_a_confirm_that_cannot_get_the_lock_is_told_to_wait(file_portal):
    """Another process holds the lock past the busy timeout: the confirm is a 503 saying
    so; nothing is written and the job still waits for its confirm."""
    process = file_portal.when_ready(
        file_portal.start(confirm_script([("待機課", 94)]), PORTAL_SQLITE_BUSY_SECONDS="0.1")
    )
    with write_lock(file_portal.database):
        file_portal.go(process)
        # The lock is held until the worker has tried too (finish waits for the report).
        result = finish(process)
    assert result["status"] == 503 and result["retry_after"] == "30", result
    assert BUSY_MESSAGE in result["text"]
    assert CHANGED_SINCE_PREVIEW not in result["text"] and "locked" not in result["text"]
    assert result["job_status"] == "preview", result
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


def _previewed_division_import(client):
    content = "name,order,source\r\n国際課,77,市政概要 3\r\n".encode()
    preview = client.post("/admin/core/division/import/", {
        "resource": "0", "format": "0", "import_file": SimpleUploadedFile("d.csv", content)}, follow=True)
    return preview.request["PATH_INFO"], preview.context["confirm_form"].initial["job"]


def _confirm_busy(client, job):
    before = sorted(Division.objects.values_list("name", "order"))
    confirmed = client.post("/admin/core/division/process_import/", {"job": job}, follow=True)
    assert confirmed.status_code == 200
    assert sorted(Division.objects.values_list("name", "order")) == before
    return confirmed


@pytest.mark.django_db
def test_a_lock_met_while_writing_rows_sends_the_job_back_to_its_confirm(admin_client, monkeypatch):
    """Where the database reports the lock on a row (a deferred transaction, PostgreSQL's
    lock_timeout), the job page says busy, not that the data changed, and offers the
    confirm again; confirming later imports."""
    job_page, job = _previewed_division_import(admin_client)
    monkeypatch.setattr(DivisionResource, "before_save_instance", locked)

    page = _confirm_busy(admin_client, job)

    assert page.context["job"].status == "preview"
    text = page.content.decode()
    assert BUSY_MESSAGE in text and "もう一度「確定」を押してください" in text
    assert CHANGED_SINCE_PREVIEW not in text and "locked" not in text
    assert "confirm_form" in page.context
    monkeypatch.undo()
    admin_client.post("/admin/core/division/process_import/", {"job": job})
    assert Division.objects.get(name="国際課").order == 77
    assert not ChangeBatch.objects.exclude(label="d.csv").exists()


@pytest.mark.django_db
def test_a_lock_met_when_the_write_begins_sends_the_job_back_to_its_confirm(admin_client, monkeypatch):
    """The lock met on the write's first statement (SQLite's BEGIN IMMEDIATE)."""
    job_page, job = _previewed_division_import(admin_client)
    monkeypatch.setattr(preview, "changed_before_import", locked)

    page = _confirm_busy(admin_client, job)

    assert page.context["job"].status == "preview"
    assert BUSY_MESSAGE in page.content.decode()
    assert not ChangeBatch.objects.exists()


@pytest.mark.django_db
def test_import_sheet_says_busy_for_a_lock_on_a_row(tmp_path, monkeypatch):
    path = tmp_path / "divisions.csv"
    path.write_text("name,order,source\r\n国際課,77,市政概要 3\r\n", encoding="utf-8")
    monkeypatch.setattr(DivisionResource, "before_save_instance", locked)
    with pytest.raises(CommandError, match=BUSY_MESSAGE) as raised:
        call_command("import_sheet", "core.Division", str(path), "--no-progress")
    assert HEADER_ERROR not in str(raised.value)
