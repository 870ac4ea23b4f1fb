"""The work of a spreadsheet job, as the task worker does it (``spreadsheets.tasks``).

An import is checked (``check_import``: the file is read and every row tried in a dry run;
the preview's changed and refused rows are stored as they come, unchanged rows counted)
and, once confirmed, written (``write_import``: read and checked again, and written all or
nothing in one transaction, which also holds the admin log, the ``import_confirmed``
signal and the job's "done"). An export (``run_export``) makes the file the export page
would have sent and keeps it for its owner.

Each job is done with the model admin's own hooks (``admin.site._registry``), called with
a request that carries the job's user (and, for an export, the list's filters and the
form's choices): whatever a model admin adds there (division scoping, row checks) holds
in the worker exactly as in a request. Nothing here imports ``roles`` or ``backoffice``.
"""
import logging
import time
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.forms import MultipleChoiceField, MultipleHiddenInput
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from import_export.results import Result, RowResult
from import_export.signals import post_import
from simple_history.models import HistoricalRecords

from core.database import BUSY_MESSAGE

from . import preview
from .formats import SpreadsheetError, read_dataset
from .models import JobStatus, JobStep, RowKind, SpreadsheetJob, SpreadsheetJobRow
from .sheets import hit_busy_database
from .signals import import_confirmed

logger = logging.getLogger(__name__)

#: Preview rows written per INSERT.
ROW_BATCH = 500
#: At most one progress update per this many seconds.
PROGRESS_SECONDS = 0.5

FAILED_MESSAGE = (
    "処理の途中でエラーが起きたため、中止しました。何も書き込んでいません。"
    "もう一度試しても同じ場合は、システム管理者に連絡してください。"
)
STALE_MESSAGE = (
    "処理が時間内に終わりませんでした（処理を行うワーカーが止まったか、強制終了された可能性があります）。"
    "何も書き込んでいません。もう一度ファイルを選んでやり直してください。"
)
CHANGED_SINCE_PREVIEW = (
    "確定の時点でエラーのある行が見つかったため、何も書き込みませんでした。"
    "（プレビューの後にデータが変更された可能性があります。）もう一度ファイルを選んでインポートしてください。"
)


# --- The job's model admin and request ------------------------------------------------


def model_of(job):
    """The model class a job imports into or exports from."""
    return apps.get_model(job.model)


def model_admin_for(job):
    """The model admin registered for the job's model (``admin.site``)."""
    return admin.site._registry[model_of(job)]


def job_request(job, *, query="", post=None):
    """A request as the job's user made it: for the model admin's hooks in the worker.

    ``query`` is the list's query string (an export's filters); ``post`` the form's data
    (a list of ``[name, value]`` pairs).
    """
    request = HttpRequest()
    request.method = "POST" if post is not None else "GET"
    request.GET = QueryDict(query)
    request.POST = QueryDict(mutable=True)
    for name, value in post or []:
        request.POST.appendlist(name, value)
    request.user = job.user
    request.META["SERVER_NAME"] = "localhost"
    request.META["SERVER_PORT"] = "80"
    request.path = request.path_info = f"/{job.model}/"
    return request


@contextmanager
def acting_as(request):
    """History rows saved meanwhile name ``request.user``, as in a request.

    What django-simple-history's ``HistoryRequestMiddleware`` does for a request; the
    fast path names the user itself, a row-by-row import's ``save()`` needs this.
    """
    HistoricalRecords.context.request = request
    try:
        yield
    finally:
        del HistoricalRecords.context.request


# --- State changes ----------------------------------------------------------------------


def claim(job_id, step):
    """Mark the queued job ``job_id`` at ``step`` as running and return it.

    Returns ``None`` when the job is gone, not queued (another worker took it, or it was
    given up as stale) or at another step: a task delivered twice runs once.
    """
    now = timezone.now()
    taken = SpreadsheetJob.objects.filter(pk=job_id, status=JobStatus.QUEUED, step=step).update(
        status=JobStatus.RUNNING, updated_at=now
    )
    if not taken:
        logger.warning("spreadsheet job %s is not waiting at step %s; not run", job_id, step)
        return None
    return SpreadsheetJob.objects.select_related("user").get(pk=job_id)


def finish(job, status, **fields):
    """Save the outcome of the running ``job`` as ``status`` with ``fields``.

    Returns whether it did: a job given up meanwhile (``give_up_if_stale``) stays failed.
    An import's upload is dropped once nothing more can be done with it.
    """
    now = timezone.now()
    fields.update(status=status, updated_at=now, finished_at=now)
    if job.kind == "import" and status != JobStatus.PREVIEW:
        fields["data"] = b""
    if not SpreadsheetJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(**fields):
        return False
    for name, value in fields.items():
        setattr(job, name, value)
    return True


def fail(job_id, message=FAILED_MESSAGE):
    """Mark job ``job_id`` failed with ``message``, unless it has already finished."""
    now = timezone.now()
    SpreadsheetJob.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED, message=message, updated_at=now, finished_at=now
    )
    SpreadsheetJob.objects.filter(pk=job_id, kind="import").exclude(status=JobStatus.PREVIEW).update(data=b"")


def give_up_if_stale(job):
    """Mark ``job`` failed if it waited or ran past the timeout; return whether it did.

    A killed worker leaves its job "running" for ever (and its transaction rolled back).
    The task checks the job again before it commits, so a job given up here is never
    written later.
    """
    if not job.is_stale():
        return False
    now = timezone.now()
    changed = SpreadsheetJob.objects.filter(
        pk=job.pk, status=job.status, updated_at=job.updated_at
    ).update(status=JobStatus.FAILED, message=STALE_MESSAGE, updated_at=now, finished_at=now, data=b"")
    if changed:
        job.status, job.message, job.updated_at, job.finished_at = (
            JobStatus.FAILED, STALE_MESSAGE, now, now,
        )
    else:
        job.refresh_from_db()
    return bool(changed)


def prune_old_jobs():
    """Delete the jobs (uploads, previews, export files) older than ``PORTAL_SPREADSHEET_JOB_HOURS``."""
    hours = getattr(settings, "PORTAL_SPREADSHEET_JOB_HOURS", 24)
    SpreadsheetJob.objects.filter(created_at__lt=timezone.now() - timedelta(hours=hours)).delete()


class Progress:
    """Reports a running job's rows read and errors found, at most every ``PROGRESS_SECONDS``.

    Each report is its own short write (the check runs outside any transaction), so the
    job's page sees it at once; it also shows the job is alive (``updated_at``).
    """

    def __init__(self, job):
        self.job = job
        self.rows = 0
        self.errors = 0
        self._last = 0.0

    def __call__(self, rows=None, errors=None, force=False):
        if rows is not None:
            self.rows = rows
        if errors is not None:
            self.errors = errors
        now = time.monotonic()
        if not force and now - self._last < PROGRESS_SECONDS:
            return
        self._last = now
        SpreadsheetJob.objects.filter(pk=self.job.pk).update(
            rows_read=self.rows, error_rows=self.errors, updated_at=timezone.now()
        )


# --- Import: check --------------------------------------------------------------------


def field_labels(model_admin, request):
    """``{field or column name: Japanese header}`` of the model admin's import resources."""
    labels = getattr(model_admin, "portal_field_labels", None)
    return labels(request) if labels else {}


def row_errors(row_result, labels):
    """``[[label, [message, …]], …]`` of a refused row (validation errors or an exception)."""
    if row_result.validation_error is not None:
        errors = []
        for name, messages in row_result.validation_error.message_dict.items():
            label = "行全体" if name == NON_FIELD_ERRORS else labels.get(name, name)
            errors.append([label, [str(message) for message in messages]])
        return errors
    # An exception while importing the row: its message only, never the traceback.
    return [["行全体", [str(error.error) for error in row_result.errors]]]


class PreviewWriter:
    """Stores an import's preview as its rows are tried: changed and refused rows, counts.

    Unchanged rows are only counted; stored rows are written ``ROW_BATCH`` at a time, so
    memory holds one batch, not the file.
    """

    def __init__(self, job, headers, labels, progress):
        self.job = job
        self.headers = headers
        self.labels = labels
        self.progress = progress
        # What each line matched, for the write's check against later edits.
        self.matched = preview.MatchedRecords(model_of(job))
        self.counts = {kind: 0 for kind in ("new", "update", "delete", "skip", "invalid", "error")}
        self.batch = []

    @property
    def refused(self):
        return self.counts["invalid"] + self.counts["error"]

    def add(self, number, row_result):
        kind = row_result.import_type
        if row_result.errors:
            kind = RowResult.IMPORT_TYPE_ERROR
        self.counts[kind] = self.counts.get(kind, 0) + 1
        line = number + 1  # the header is line 1
        self.matched.add(line, row_result)
        if kind in (RowResult.IMPORT_TYPE_INVALID, RowResult.IMPORT_TYPE_ERROR):
            self.batch.append(
                SpreadsheetJobRow(
                    job=self.job, line=line, kind=kind, refused=True,
                    errors=row_errors(row_result, self.labels),
                )
            )
        elif kind in (RowKind.NEW, RowKind.UPDATE, RowKind.DELETE):
            cells = [[getattr(c, "old", ""), getattr(c, "new", str(c))] for c in row_result.diff or []]
            changed = []
            if kind == RowKind.UPDATE:
                changed = [self.headers[i] for i, (old, new) in enumerate(cells) if old != new and i < len(self.headers)]
            self.batch.append(
                SpreadsheetJobRow(job=self.job, line=line, kind=kind, changed=changed, cells=cells)
            )
        if len(self.batch) >= ROW_BATCH:
            self.flush()
        self.progress(rows=number, errors=self.refused)

    def flush(self):
        if self.batch:
            SpreadsheetJobRow.objects.bulk_create(self.batch)
            self.batch = []


class PreviewResult(Result):
    """An import ``Result`` that hands each row to a ``PreviewWriter`` and keeps none.

    Only what the result must answer is kept: the rows that raised (``row_errors``) and
    the number of invalid rows (``has_validation_errors``). ``rows`` stays empty.
    """

    def __init__(self, writer):
        super().__init__()
        self.writer = writer
        self.number = 0
        self.failed = []
        self.invalid_count = 0

    def append_row_result(self, row_result):
        self.number += 1
        if row_result.errors:
            self.failed.append((self.number, row_result.errors))
        self.writer.add(self.number, row_result)

    def append_invalid_row(self, number, row, validation_error):
        self.invalid_count += 1

    def row_errors(self):
        return list(self.failed)

    def has_validation_errors(self):
        return bool(self.invalid_count)


def read_upload(job, progress=None):
    """The job's upload as a ``tablib.Dataset``, read by the import format the user chose."""
    model_admin = model_admin_for(job)
    input_format = model_admin.get_import_formats()[job.file_format]()
    data = bytes(job.data)
    portal_format = getattr(input_format, "portal_format", None)
    if portal_format:
        return read_dataset(data, file_format=portal_format, progress=progress)
    return input_format.create_dataset(data)


def import_resource(job, request):
    """The import resource the model admin would build for ``request``, and its import kwargs."""
    model_admin = model_admin_for(job)
    resource_class = model_admin.get_import_resource_classes(request)[job.resource]
    resource = resource_class(**model_admin.get_import_resource_kwargs(request))
    return resource, model_admin.get_import_data_kwargs(request=request)


def check_import(job):
    """Read and try every row of a claimed import job; store its preview.

    Ends with the job ``PREVIEW`` (ready to confirm), ``REJECTED`` (a file or row error;
    the rows say which) or, when something unexpected raises, lets the caller fail it.
    """
    progress = Progress(job)
    try:
        dataset = read_upload(job, progress=lambda rows: progress(rows=rows))
    except SpreadsheetError as error:
        finish(job, JobStatus.REJECTED, message=str(error))
        return
    total = len(dataset)
    SpreadsheetJob.objects.filter(pk=job.pk).update(rows_total=total, rows_read=0, updated_at=timezone.now())
    request = job_request(job)
    model_admin = model_admin_for(job)
    resource, import_kwargs = import_resource(job, request)
    labels = field_labels(model_admin, request)
    headers = [labels.get(header, header) for header in resource.get_diff_headers()]
    SpreadsheetJob.objects.filter(pk=job.pk).update(params={**job.params, "headers": headers})
    writer = PreviewWriter(job, headers, labels, progress)
    resource.get_result_class = lambda: partial(PreviewResult, writer)
    result = resource.import_data(
        dataset, dry_run=True, raise_errors=False, file_name=job.file_name, user=job.user,
        **import_kwargs,
    )
    del dataset
    writer.flush()
    progress(rows=total, errors=writer.refused, force=True)
    counts = writer.counts
    if result.base_errors:
        message = "\n".join(str(error.error) for error in result.base_errors)
        finish(job, JobStatus.REJECTED, message=message, counts=counts)
    elif result.has_errors() or result.has_validation_errors():
        finish(job, JobStatus.REJECTED, counts=counts)  # the refused rows say why
    else:
        params = {**job.params, "headers": headers, "matched": writer.matched.as_json()}
        finish(job, JobStatus.PREVIEW, counts=counts, params=params)


# --- Import: write --------------------------------------------------------------------


def write_import(job):
    """Import a confirmed job's file for real: all or nothing, in one transaction.

    First the records the preview matched are locked and compared with what it saw
    (``spreadsheets.preview``): a record saved, deleted or added by somebody else since
    then refuses the whole file (``REJECTED``, the lines named). Then the rows are checked
    again; if any row is refused, nothing is written and the job is ``REJECTED`` with the
    rows that were. Otherwise the rows, their recorded batch (the model admin's
    ``import_batch``: who, when, file, counts, reason), the admin log, whatever
    ``import_confirmed``'s receivers write and the job's ``DONE`` are committed together; if
    the job was given up in the meantime (stale), nothing is. A database too busy to take
    the write puts the job back to its preview, to be confirmed again.
    """
    try:
        dataset = read_upload(job)
    except SpreadsheetError as error:
        finish(job, JobStatus.REJECTED, message=str(error))
        return
    request = job_request(job)
    model_admin = model_admin_for(job)
    resource, import_kwargs = import_resource(job, request)
    model = model_of(job)
    matched = job.params.get("matched", {})
    result, changed, refused = None, [], False
    with transaction.atomic(), acting_as(request):
        changed = preview.changed_before_import(model, matched)
        if not changed:
            try:
                with model_admin.import_batch(job.user, file_name=job.file_name, reason=job.reason) as batch:
                    result = resource.import_data(
                        dataset, dry_run=False, raise_errors=False, rollback_on_validation_errors=True,
                        file_name=job.file_name, user=job.user,
                        retain_instance_in_row_result=True, **import_kwargs,
                    )
                    refused = result.has_errors() or result.has_validation_errors()
                    changed = [] if refused else preview.changed_during_import(matched, result)
                    if refused or changed:
                        raise NothingWritten  # the batch block rolls back its rows and itself
                    batch.unchanged_count = result.totals.get(RowResult.IMPORT_TYPE_SKIP, 0)
            except NothingWritten:
                pass
        if changed or refused:
            transaction.set_rollback(True)
        else:
            counts = {
                kind: result.totals[kind]
                for kind in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE,
                             RowResult.IMPORT_TYPE_DELETE, RowResult.IMPORT_TYPE_SKIP)
            }
            model_admin.generate_log_entries(result, request)
            import_confirmed.send(
                sender=model, user=job.user, model=model, file_name=job.file_name,
                counts=counts, reason=job.reason, result=result, job=job,
            )
            SpreadsheetJobRow.objects.filter(job=job).delete()
            # Committed with the rows, or not at all: a job given up as stale stays failed.
            params = {**job.params, "batch": getattr(batch, "pk", None)}
            if not finish(job, JobStatus.DONE, counts=counts, rows_total=len(dataset), params=params):
                transaction.set_rollback(True)
                return
    if result is not None and hit_busy_database(result):
        back_to_preview(job)
    elif changed:
        finish(job, JobStatus.REJECTED, message=changed_message(changed))
    elif refused:
        _store_refusal(job, result, model_admin, request)
    else:
        post_import.send(sender=None, model=model)


class NothingWritten(Exception):
    """Leaves an import's batch block so that it rolls back (the rows were refused)."""


def changed_message(changed):
    """The Japanese refusal of a confirm that would overwrite later edits (``changed``: lines)."""
    shown = "\n".join(changed[:20])
    more = f"\nほか{len(changed) - 20}件。" if len(changed) > 20 else ""
    return (
        "プレビューの後に他の人が変更した記録があるため、何も書き込みませんでした"
        "（そのまま取り込むと、その変更を上書きしてしまいます）。"
        "最新の内容を確かめてから、もう一度ファイルを選んでインポートしてください。\n"
        f"{shown}{more}"
    )


BUSY_CONFIRM_MESSAGE = (
    f"{BUSY_MESSAGE}何も書き込んでいません。少し待ってから、もう一度「確定」を押してください。"
)


def back_to_preview(job):
    """Return a write that met a busy database to its preview, to be confirmed again."""
    now = timezone.now()
    SpreadsheetJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.PREVIEW, step=JobStep.CHECK, message=BUSY_CONFIRM_MESSAGE,
        updated_at=now, finished_at=now,
    )


def fail_busy(job_id, step):
    """A task that met a busy database: a write goes back to its preview, a check fails."""
    job = SpreadsheetJob.objects.defer("data").filter(pk=job_id, status=JobStatus.RUNNING).first()
    if job is None:
        return
    if step == JobStep.WRITE:
        back_to_preview(job)
    else:
        fail(job_id, f"{BUSY_MESSAGE}何も書き込んでいません。少し待ってから、もう一度ファイルを選んでください。")


def _store_refusal(job, result, model_admin, request):
    labels = field_labels(model_admin, request)
    rows = [
        SpreadsheetJobRow(job=job, line=number + 1, kind=RowKind.ERROR, refused=True,
                          errors=[["行全体", [str(e.error) for e in errors]]])
        for number, errors in result.row_errors()
    ]
    for invalid in result.invalid_rows:
        errors = [
            ["行全体" if name == NON_FIELD_ERRORS else labels.get(name, name), [str(m) for m in messages]]
            for name, messages in invalid.error_dict.items()
        ]
        rows.append(SpreadsheetJobRow(job=job, line=invalid.number + 1, kind=RowKind.INVALID,
                                      refused=True, errors=errors))
    base = [str(error.error) for error in result.base_errors]
    SpreadsheetJobRow.objects.filter(job=job).delete()
    SpreadsheetJobRow.objects.bulk_create(rows, batch_size=ROW_BATCH)
    counts = {**job.counts, "invalid": len(result.invalid_rows), "error": len(result.row_errors())}
    finish(job, JobStatus.REJECTED, message="\n".join([CHANGED_SINCE_PREVIEW, *base]), counts=counts)


# --- Export ---------------------------------------------------------------------------


def run_export(job):
    """Make the export file a claimed export job asked for, and keep it for its owner.

    The form and the list's filters are those of the request that started the job; the
    model admin builds the queryset (scoped to what the user may see) and the file. A
    file that cannot be made (a CP932 export of a character it cannot hold) ends the job
    ``REJECTED`` with the reason.
    """
    model_admin = model_admin_for(job)
    request = job_request(job, query=job.params.get("query", ""), post=job.params.get("post", []))
    if not model_admin.has_export_permission(request):
        finish(job, JobStatus.REJECTED, message="エクスポートの権限がありません。")
        return
    formats = model_admin.get_export_formats()
    form = model_admin.get_export_form_class()(
        formats, model_admin.get_export_resource_classes(request), data=request.POST
    )
    queryset = model_admin.get_export_queryset(request)
    items = request.POST.getlist("export_items")
    if items:
        form.fields["export_items"] = MultipleChoiceField(
            widget=MultipleHiddenInput, required=False, choices=[(pk, pk) for pk in items]
        )
    if not form.is_valid():
        finish(job, JobStatus.REJECTED, message="エクスポートの条件が正しくありません。もう一度選んでください。")
        return
    if items:
        queryset = queryset.filter(pk__in=items)
    file_format = formats[job.file_format]()
    try:
        data = model_admin.get_export_data(
            file_format, request, queryset, encoding=model_admin.to_encoding, export_form=form
        )
    except ValueError as error:
        finish(job, JobStatus.REJECTED, message=str(error))
        return
    if isinstance(data, str):
        data = data.encode(model_admin.to_encoding or "utf-8")
    finish(
        job, JobStatus.DONE, data=data, content_type=file_format.get_content_type(),
        file_name=model_admin.get_export_filename(request, queryset, file_format),
        rows_total=queryset.count(),
    )
