"""The admin's spreadsheet import and export screens: safe files, Japanese pages, a worker.

:class:`SpreadsheetAdminMixin` goes in front of ``ImportExportModelAdmin`` (see
``PortalAdmin``). It changes how files are read, reported and when the work is done,
never what is imported:

- the upload is refused before it is stored when it is over ``PORTAL_IMPORT_MAX_BYTES``
  (or empty); otherwise it is stored in a ``SpreadsheetJob`` and handed to the task worker
  (``spreadsheets.tasks``): no request reads the file;
- the job's page (``…/import/<job>/``) shows the progress (rows read, errors so far), then
  the preview: the counts, and the refused and changed rows, paginated (unchanged rows
  are one count), with the confirm form (and its 変更理由);
- confirming hands the job to the worker again, which checks every row again and writes
  all or nothing; the page says what was written, or why nothing was (in Japanese);
- an export of more than ``PORTAL_EXPORT_INLINE_MAX_ROWS`` records is made by the worker
  too, and downloaded from its page (``…/export/<job>/``) by the user who asked for it.
"""
import logging
import re
from contextlib import nullcontext
from datetime import timedelta
from pathlib import PurePosixPath
from types import SimpleNamespace
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django_tasks_db import admin as tasks_db_admin
from import_export.formats.base_formats import XLSX
from import_export.forms import ImportForm, SelectableFieldsExportForm

from . import jobs, tasks
from .formats import (
    CP932CSV,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    ExcelCSV,
    PortalCSV,
    PortalTSV,
    PortalXLSX,
    format_size,
    too_large_error,
)
from .models import JobKind, JobStatus, JobStep, SpreadsheetJob

logger = logging.getLogger(__name__)

# Characters a file name cannot hold on Windows or macOS (and control characters).
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# An export's name ends with the day it was made: 姉妹・友好都市_2026-12-02.xlsx.
_DAY_AND_SUFFIX = re.compile(r"_(?P<day>\d{4}-\d{2}-\d{2})\.(?P<suffix>[A-Za-z0-9]+)$")


def attachment_header(filename: str, ascii_filename: str) -> str:
    """The ``Content-Disposition`` of a file download named ``filename`` (any characters).

    ``filename*`` (RFC 5987: UTF-8, percent-encoded) gives the Japanese name to every
    current browser; ``filename`` gives ``ascii_filename`` to a client that reads only that.
    """
    return f"attachment; filename=\"{ascii_filename}\"; filename*=UTF-8''{quote(filename, safe='')}"


# django-tasks-db's admin of its queue table is English and read-only; staff follow their
# jobs on the import and export pages. (Imported above, so it is registered before it is
# taken out, whichever app the admin's autodiscovery reads first.)
if admin.site.is_registered(tasks_db_admin.DBTaskResult):
    admin.site.unregister(tasks_db_admin.DBTaskResult)


class PortalImportForm(ImportForm):
    """The import form, refusing an empty or oversized file before anything reads it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        max_bytes = getattr(settings, "PORTAL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
        max_rows = getattr(settings, "PORTAL_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)
        self.fields["import_file"].help_text = (
            "CSV（UTF-8・Shift_JIS どちらでも可）、TSV、Excel（XLSX）。1行目は列の見出しです。"
            f"{format_size(max_bytes)}・{max_rows:,}行まで。"
        )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        max_bytes = getattr(settings, "PORTAL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
        if upload.size > max_bytes:
            raise forms.ValidationError(str(too_large_error(upload.size, max_bytes)))
        return upload


class PortalConfirmImportForm(forms.Form):
    """The confirm step of an import: which checked upload, and why it changes the data."""

    job = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="変更理由",
        max_length=100,
        required=False,
        help_text="任意。変更履歴に残ります（100文字まで）。例: 令和7年度の実績を反映",
    )


class PortalExportForm(SelectableFieldsExportForm):
    """The export form; each column's checkbox is labelled with its Japanese header."""

    def _get_field_label(self, resource, field_name):
        # One instance per resource class, not one per checkbox.
        instances = self.__dict__.setdefault("_portal_resources", {})
        instance = instances.setdefault(resource, resource())
        return instance.column_label(instance.fields[field_name])


def labelled_fields_list(resources):
    """``[(resource name, [Japanese header, …]), …]`` for the import and export pages.

    ``resources`` are ``PortalResource`` instances; the headers are those the files use
    (``get_diff_headers``), not the field names.
    """
    return [(resource.get_display_name(), resource.get_diff_headers()) for resource in resources]


class SpreadsheetAdminMixin:
    """Import and export screens every model admin shares, and their jobs' pages; put it
    before ``ImportExportModelAdmin``."""

    import_form_class = PortalImportForm
    export_form_class = PortalExportForm
    import_template_name = "spreadsheets/import.html"
    # CSV import detects UTF-8 / UTF-8 with BOM / CP932; CSV export is UTF-8 with a BOM so
    # that Japanese Excel opens it; a CP932 CSV export refuses data it cannot hold. Export
    # keeps import_export's own XLSX class: only that class writes native cell types.
    import_formats = [PortalCSV, PortalTSV, PortalXLSX]
    export_formats = [ExcelCSV, XLSX, CP932CSV]

    def get_export_filename(self, request, queryset, file_format):
        """The name of an export file: what staff call the records and the day of the export.

        ``姉妹・友好都市_2026-12-02.xlsx``. The day is the date in Japan (TIME_ZONE), not in
        UTC: an export at 08:00 in Kumamoto is that day's file.
        """
        day = timezone.localdate().isoformat()
        name = _NOT_IN_FILE_NAMES.sub("_", str(self.model._meta.verbose_name_plural))
        return f"{name}_{day}.{file_format.get_extension()}"

    def export_attachment_header(self, filename):
        """``Content-Disposition`` of the export ``filename``; in ASCII, the model's class name.

        ``姉妹・友好都市_2026-12-02.xlsx`` → ASCII ``PartnerCity_2026-12-02.xlsx``.
        """
        match = _DAY_AND_SUFFIX.search(filename)
        if match:
            ascii_filename = f"{self.model.__name__}_{match['day']}.{match['suffix']}"
        else:
            ascii_filename = self.model.__name__ + PurePosixPath(filename).suffix
        return attachment_header(filename, ascii_filename)

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        # The page lists the columns by the headers the file will have (都市, not city).
        kwargs = self.get_export_resource_kwargs(request)
        context["fields_list"] = labelled_fields_list(
            resource_class(**kwargs) for resource_class in self.get_export_resource_classes(request)
        )
        return context

    def import_batch(self, user, *, file_name="", reason=""):
        """Where a confirmed import is written (a context manager; ``spreadsheets.jobs``).

        It yields an object whose ``unchanged_count`` the import sets; everything written
        inside the block is one import. This base records nothing more; ``PortalAdmin``
        records it as a batch that can be reviewed and undone.
        """
        return nullcontext(SimpleNamespace(unchanged_count=0))

    def import_batch_url(self, batch_id):
        """The page of the recorded batch ``batch_id`` of a finished import, or ``None``."""
        return None

    # URLs of the jobs' pages, before the admin's catch-all object URLs.

    def get_urls(self):
        info = self.get_model_info()
        view = self.admin_site.admin_view
        return [
            path("import/<uuid:job_id>/", view(self.import_job_view), name="%s_%s_import_job" % info),
            path("export/<uuid:job_id>/", view(self.export_job_view), name="%s_%s_export_job" % info),
            path(
                "export/<uuid:job_id>/download/",
                view(self.export_download_view),
                name="%s_%s_export_download" % info,
            ),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        info = self.get_model_info()
        return reverse(f"admin:{info[0]}_{info[1]}_{name}", args=args, current_app=self.admin_site.name)

    def _own_job(self, request, job_id, kind):
        """The user's job ``job_id`` of ``kind`` on this model, or 404 (others' jobs too)."""
        job = (
            SpreadsheetJob.objects.defer("data")
            .filter(pk=job_id, kind=kind, model=self.opts.label_lower, user=request.user)
            .first()
        )
        if job is None:
            raise Http404("この処理は見つかりません。")
        jobs.give_up_if_stale(job)
        return job

    def _start_job(self, request, **fields):
        """Save a new queued job for the user on this model and hand it to the worker."""
        jobs.prune_old_jobs()
        job = SpreadsheetJob.objects.create(
            user=request.user, model=self.opts.label_lower, status=JobStatus.QUEUED, **fields
        )
        tasks.enqueue(job)
        return job

    def _job_context(self, request, job, title):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "job": job,
            # The page reloads itself while the worker has the job (no script: the CSP).
            "refresh_seconds": 2 if job.is_active else None,
            "changelist_url": self._url("changelist"),
        }
        request.current_app = self.admin_site.name
        return context

    # Import: upload → job → preview → confirm → job → done

    @method_decorator(transaction.non_atomic_requests)
    def import_action(self, request, **kwargs):
        """The import form. A valid upload is stored in a job for the worker, never read here."""
        if request.method == "POST":
            if not self.has_import_permission(request):
                raise PermissionDenied
            form = self.create_import_form(request)
            if form.is_valid():
                upload = form.cleaned_data["import_file"]
                job = self._start_job(
                    request,
                    kind=JobKind.IMPORT,
                    step=JobStep.CHECK,
                    file_name=upload.name[:255],
                    file_format=int(form.cleaned_data["format"]),
                    resource=self.get_resource_index(form),
                    data=b"".join(upload.chunks()),
                )
                return HttpResponseRedirect(self._url("import_job", job.pk))
        # The form (GET, or a POST refused by the form itself): the library renders it.
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is not None and "fields_list" in context:
            # The columns by the headers the file uses (都市), as the export writes them.
            kwargs = self.get_import_resource_kwargs(request)
            context["fields_list"] = labelled_fields_list(
                resource_class(**kwargs) for resource_class in self.get_import_resource_classes(request)
            )
            context["portal_jobs"] = (
                SpreadsheetJob.objects.defer("data")
                .filter(kind=JobKind.IMPORT, model=self.opts.label_lower, user=request.user)[:5]
            )
        return response

    def import_job_view(self, request, job_id):
        """An import job's page: progress, then the preview and confirm form, then the outcome."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = self._own_job(request, job_id, JobKind.IMPORT)
        context = self._job_context(request, job, f"{self.opts.verbose_name}のインポート")
        context["import_url"] = self._url("import")
        if job.status in (JobStatus.PREVIEW, JobStatus.REJECTED):
            page = Paginator(job.rows.all(), IMPORT_PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
            context.update(page=page, headers=job.params.get("headers", []))
        if job.status == JobStatus.DONE and job.params.get("batch"):
            context["batch_url"] = self.import_batch_url(job.params["batch"])
        if job.status == JobStatus.PREVIEW:
            context["confirm_form"] = PortalConfirmImportForm(initial={"job": job.pk})
            context["confirm_url"] = self._url("process_import")
        return TemplateResponse(request, "spreadsheets/import_job.html", context)

    @method_decorator(require_POST)
    @method_decorator(transaction.non_atomic_requests)
    def process_import(self, request, **kwargs):
        """The confirm step: hand the checked upload to the worker to write, with its reason."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        import_url = self._url("import")
        form = PortalConfirmImportForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, "インポートを確定できませんでした。もう一度ファイルを選んでインポートしてください。"
            )
            return HttpResponseRedirect(import_url)
        hours = getattr(settings, "PORTAL_SPREADSHEET_JOB_HOURS", 24)
        waiting = SpreadsheetJob.objects.filter(
            pk=form.cleaned_data["job"], kind=JobKind.IMPORT, model=self.opts.label_lower,
            user=request.user, created_at__gte=timezone.now() - timedelta(hours=hours),
        )
        # One confirm only: the job leaves PREVIEW in the same statement that checks it.
        taken = waiting.filter(status=JobStatus.PREVIEW).update(
            status=JobStatus.QUEUED, step=JobStep.WRITE, reason=form.cleaned_data["reason"], message="",
            updated_at=timezone.now(), finished_at=None,
        )
        if not taken:
            if waiting.exists():
                return HttpResponseRedirect(self._url("import_job", form.cleaned_data["job"]))
            messages.error(
                request,
                "アップロードされたファイルが見つかりません（有効期限切れの可能性があります）。"
                "もう一度ファイルを選んでインポートしてください。",
            )
            return HttpResponseRedirect(import_url)
        job = SpreadsheetJob.objects.defer("data").get(pk=form.cleaned_data["job"])
        tasks.enqueue(job)
        return HttpResponseRedirect(self._url("import_job", job.pk))

    def portal_field_labels(self, request):
        """Map resource field names, column names and attributes to Japanese labels.

        Returns ``{name: label}`` with the labels the files use
        (``PortalResource.column_label``).
        """
        labels = {}
        for resource_class in self.get_import_resource_classes(request):
            resource = resource_class(**self.get_import_resource_kwargs(request))
            for name, field in resource.fields.items():
                label = resource.column_label(field)
                for key in (name, field.column_name, field.attribute):
                    if key:
                        labels.setdefault(str(key), label)
        return labels

    # Export: small ones at once, large ones through the worker

    @method_decorator(transaction.non_atomic_requests)
    def export_action(self, request):
        return super().export_action(request)

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        limit = getattr(settings, "PORTAL_EXPORT_INLINE_MAX_ROWS", 1000)
        if request.method != "POST" or queryset.count() <= limit:
            response = super()._do_file_export(file_format, request, queryset, export_form=export_form)
            # import_export names the file in a plain filename="…", which cannot hold Japanese.
            filename = self.get_export_filename(request, queryset, file_format)
            response["Content-Disposition"] = self.export_attachment_header(filename)
            return response
        post = [
            [name, value]
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        job = self._start_job(
            request,
            kind=JobKind.EXPORT,
            step=JobStep.EXPORT,
            file_format=int(export_form.cleaned_data["format"]) if export_form is not None else 0,
            resource=self.get_resource_index(export_form) if export_form is not None else 0,
            params={"query": request.GET.urlencode(), "post": post},
        )
        return HttpResponseRedirect(self._url("export_job", job.pk))

    def export_job_view(self, request, job_id):
        """An export job's page: progress, then the download link (or why there is none)."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        job = self._own_job(request, job_id, JobKind.EXPORT)
        context = self._job_context(request, job, f"{self.opts.verbose_name}のエクスポート")
        context["export_url"] = self._url("export")
        if job.status == JobStatus.DONE:
            context["download_url"] = self._url("export_download", job.pk)
        return TemplateResponse(request, "spreadsheets/export_job.html", context)

    def export_download_view(self, request, job_id):
        """The file of a finished export, for the user who asked for it (if still allowed)."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        job = self._own_job(request, job_id, JobKind.EXPORT)
        if job.status != JobStatus.DONE:
            raise Http404("ファイルはまだできていません。")
        data = SpreadsheetJob.objects.values_list("data", flat=True).get(pk=job.pk)
        response = HttpResponse(bytes(data), content_type=job.content_type)
        response["Content-Disposition"] = self.export_attachment_header(job.file_name)
        return response


#: Rows per page of an import's preview.
IMPORT_PREVIEW_PAGE_SIZE = 100
