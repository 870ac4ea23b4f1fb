"""Imports and exports run by the task worker: the real database queue and RQ, large files.

The other admin tests run tasks at once (the root conftest); these put them on a real
queue and run the real worker's loop in this process, in the test's transaction (the
document is loaded once per session, so a transactional test would flush it for every
test after it): ``db_worker`` for the database backend, RQ's ``SimpleWorker`` against a
real ``redis-server`` for the RQ backend. What matters to staff: no request reads the
file (so none waits for it), the worker does, and the pages show where the job is.
"""
import io
import os
import socket
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.urls import reverse
from django.utils import timezone

from core.models import Division
from spreadsheets import formats
from spreadsheets.models import SpreadsheetJob

ROOT = Path(__file__).resolve().parents[2]
IMPORT_URL = reverse("admin:core_division_import")
CONFIRM_URL = reverse("admin:core_division_process_import")
XLSX = "2"  # the import form's index of Excel (XLSX)


def _xlsx(rows, header=("name", "order", "source")):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@contextmanager
def _watched_requests(monkeypatch):
    """Count the requests, and record where the XLSX reader ran: in a request, in a task."""
    from django_tasks.signals import task_finished, task_started

    state = {"requests": 0, "in_request": False, "in_task": False, "reads": []}

    def flag(name, value):
        def receiver(**kwargs):
            state[name] = value
            if name == "in_request" and value:
                state["requests"] += 1

        return receiver

    receivers = [
        (request_started, flag("in_request", True)), (request_finished, flag("in_request", False)),
        (task_started, flag("in_task", True)), (task_finished, flag("in_task", False)),
    ]
    real_reader = formats._read_xlsx

    def reader(*args, **kwargs):
        state["reads"].append(("request" if state["in_request"] else "worker", "task" if state["in_task"] else "view"))
        return real_reader(*args, **kwargs)

    monkeypatch.setattr(formats, "_read_xlsx", reader)
    for signal, receiver in receivers:
        signal.connect(receiver)
    try:
        yield state
    finally:
        for signal, receiver in receivers:
            signal.disconnect(receiver)


def _run_db_worker(monkeypatch):
    """Process the database queue once with the real ``db_worker`` command, in this process.

    Its connection check between tasks would close the test's connection (and transaction).
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize("backend", ["database", "immediate"])
def test_a_50000_row_xlsx_goes_from_upload_to_confirm_without_a_view_reading_it(
    admin_client, settings, monkeypatch, backend
):
    """The database queue: the real db_worker reads the file, outside every request. Run at
    once (the immediate backend, as in the other tests), the file is read inside the task
    the request enqueued, never by the view itself."""
    from django_tasks_db.models import DBTaskResult

    if backend == "database":
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    rows = settings.PORTAL_IMPORT_MAX_ROWS
    # 表示順 is a small integer (up to 32,767 on PostgreSQL); it need not be unique.
    content = _xlsx((f"試験課{i:05d}", 100 + i % 30_000, "市政概要 3") for i in range(rows))
    before = Division.objects.count()

    with _watched_requests(monkeypatch) as watched:
        uploaded = admin_client.post(
            IMPORT_URL, {"resource": "0", "format": XLSX, "import_file": SimpleUploadedFile("big.xlsx", content)}
        )
        job_url = uploaded["Location"]
        assert uploaded.status_code == 302 and job_url.startswith(IMPORT_URL)
        if backend == "database":
            assert DBTaskResult.objects.filter(status="READY").count() == 1  # queued, not run
            waiting = admin_client.get(job_url)
            assert "処理の順番を待っています。" in waiting.content.decode()
            _run_db_worker(monkeypatch)
        preview = admin_client.get(job_url)
        job = preview.context["job"]
        assert job.status == "preview", (job.status, job.message)
        assert f"新規 {rows}件・変更 0件・変更なし 0件" in preview.content.decode()
        assert Division.objects.count() == before  # the preview wrote nothing

        confirmed = admin_client.post(
            CONFIRM_URL, {"job": preview.context["confirm_form"].initial["job"], "reason": "一括登録の試験"}
        )
        assert confirmed.status_code == 302
        if backend == "database":
            _run_db_worker(monkeypatch)
        done = admin_client.get(job_url)

    assert f"所管課のインポートが完了しました。新規 {rows}件" in done.content.decode()
    assert Division.objects.count() == before + rows
    # The file was read twice (check, write), each time by a task, never by a view.
    if backend == "database":
        assert watched["requests"] == 5
        assert watched["reads"] == [("worker", "task"), ("worker", "task")]
        assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    else:
        assert watched["requests"] == 4
        assert watched["reads"] == [("request", "task"), ("request", "task")]


@pytest.mark.django_db
def test_the_database_worker_fails_a_job_whose_task_raises_and_writes_nothing(
    admin_client, settings, monkeypatch
):
    from spreadsheets import jobs

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    uploaded = admin_client.post(
        IMPORT_URL,
        {"resource": "0", "format": XLSX,
         "import_file": SimpleUploadedFile("x.xlsx", _xlsx([("壊れる課", 1, "市政概要 3")]))},
    )

    def crash(job):
        raise MemoryError

    monkeypatch.setattr(jobs, "check_import", crash)
    _run_db_worker(monkeypatch)
    page = admin_client.get(uploaded["Location"]).content.decode()
    assert "処理に失敗しました。" in page and "何も書き込んでいません。" in page
    assert not Division.objects.filter(name="壊れる課").exists()


def _redis_running():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_running(), reason="redis-server が 127.0.0.1:6379 で動いていません（.ci/run が起動します）")
def test_with_redis_the_rq_backend_and_an_rq_worker_run_the_import(admin_client, settings):
    import django_rq
    from rq import SimpleWorker

    queue = f"portal-test-{uuid.uuid4().hex}"
    settings.RQ_QUEUES = {queue: {"URL": "redis://127.0.0.1:6379/15"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    from spreadsheets import tasks

    using = {step: task.using(queue_name=queue) for step, task in tasks.TASKS.items()}
    original = dict(tasks.TASKS)
    tasks.TASKS.update(using)
    try:
        uploaded = admin_client.post(
            IMPORT_URL,
            {"resource": "0", "format": XLSX,
             "import_file": SimpleUploadedFile("rq.xlsx", _xlsx([("RQ連携課", 7, "市政概要 3")]))},
        )
        job_url = uploaded["Location"]
        assert "処理の順番を待っています。" in admin_client.get(job_url).content.decode()
        worker = django_rq.get_worker(queue, worker_class=SimpleWorker, job_class="django_tasks_rq.backend.Job")
        worker.work(burst=True)
        preview = admin_client.get(job_url)
        admin_client.post(CONFIRM_URL, {"job": preview.context["confirm_form"].initial["job"]})
        worker.work(burst=True)
        assert "所管課のインポートが完了しました。新規 1件" in admin_client.get(job_url).content.decode()
        assert Division.objects.filter(name="RQ連携課", order=7).exists()
    finally:
        tasks.TASKS.update(original)
        django_rq.get_queue(queue).empty()


def test_redis_url_chooses_the_rq_backend_and_none_the_database_queue():
    def tasks_setting(**env):
        completed = subprocess.run(
            [sys.executable, "-c",
             "from kumamoto_portal import settings; print(settings.TASKS['default']['BACKEND'], "
             "'django_rq' in settings.INSTALLED_APPS, getattr(settings, 'RQ_QUEUES', {}))"],
            cwd=ROOT, capture_output=True, text=True, check=True,
            env={**{k: v for k, v in os.environ.items() if k != "REDIS_URL"}, "SECRET_KEY": "x", **env},
        )
        return completed.stdout.strip()

    assert tasks_setting() == "django_tasks_db.DatabaseBackend False {}"
    with_redis = tasks_setting(REDIS_URL="redis://queue.example.internal:6379/0")
    assert with_redis.startswith("django_tasks_rq.RQBackend True {'default': {'URL': 'redis://queue.example.internal:6379/0'")


def test_make_run_starts_the_database_worker_beside_the_server_and_stops_it_with_it():
    def planned(**env):
        completed = subprocess.run(
            ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True,
            env={**{k: v for k, v in os.environ.items() if k != "REDIS_URL"}, **env},
        )
        return completed.stdout

    plan = planned()
    assert "manage.py db_worker" in plan and "manage.py runserver" in plan
    assert "trap" in plan and "kill" in plan
    assert "rqworker" in planned(REDIS_URL="redis://127.0.0.1:6379/0")


# --- Exports too large to make in a request ---


def _export_post(client, query=""):
    url = reverse("admin:core_division_export") + query
    form = client.get(url).context["form"]
    selected = {name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)}
    return client.post(url, {"format": "1", "resource": "0", **selected})


@pytest.mark.django_db
def test_a_large_export_is_made_by_the_worker_and_downloaded_by_its_owner(
    admin_client, settings, client, django_user_model
):
    settings.PORTAL_EXPORT_INLINE_MAX_ROWS = 3
    count = Division.objects.count()
    assert count > 3
    response = _export_post(admin_client)
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    html = page.content.decode()
    assert f"ファイルができました（{count}件）。" in html
    download = reverse("admin:core_division_export_download", args=[page.context["job"].pk])
    assert download in html
    file = admin_client.get(download)
    day = timezone.localdate().isoformat()
    assert file["Content-Disposition"] == (
        f"attachment; filename=\"Division_{day}.xlsx\"; filename*=UTF-8''{quote('所管課')}_{day}.xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(file.content)).active
    assert sheet.max_row == count + 1

    other = django_user_model.objects.create_superuser("other-admin", "o@example.jp", "pw-other-admin")
    client.force_login(other)
    assert client.get(download).status_code == 404  # someone else's file


@pytest.mark.django_db
def test_a_large_export_keeps_the_lists_filter(admin_client, settings):
    settings.PORTAL_EXPORT_INLINE_MAX_ROWS = 0
    source = "市政概要 3"
    expected = Division.objects.filter(source=source).count()
    assert 0 < expected < Division.objects.count()
    response = _export_post(admin_client, query=f"?source={source}")
    job = admin_client.get(response["Location"]).context["job"]
    sheet = openpyxl.load_workbook(io.BytesIO(bytes(SpreadsheetJob.objects.get(pk=job.pk).data))).active
    assert sheet.max_row == expected + 1


@pytest.mark.django_db
def test_a_small_export_still_downloads_at_once(admin_client, settings):
    settings.PORTAL_EXPORT_INLINE_MAX_ROWS = 1000
    response = _export_post(admin_client)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert SpreadsheetJob.objects.count() == 0
