"""The admin's spreadsheet import screens: safe file reading, Japanese messages, preview.

:class:`SpreadsheetAdminMixin` goes in front of ``ImportExportModelAdmin`` (see
``PortalAdmin``). It changes how files are read and reported, never what is imported:

- the upload is refused before it is read when it is over ``PORTAL_IMPORT_MAX_BYTES``;
- files are read by :func:`spreadsheets.formats.read_dataset` (through the format
  classes of ``SpreadsheetAdminMixin``) and any problem with the file is one Japanese message on the form;
- the preview says per row 新規 / 変更 (with the Japanese labels of the changed fields) /
  変更なし, and every invalid row with its field's Japanese label;
- the confirm step reads the upload back from the shared cache; if it has expired, or
  the data no longer imports cleanly, or a record the file changes was saved by somebody
  else after the preview (``spreadsheets.preview``), nothing is written and staff are
  told why.
"""
import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.formats.base_formats import XLSX
from import_export.forms import ConfirmImportForm, ImportForm, SelectableFieldsExportForm

from core.database import BUSY_MESSAGE

from . import preview, sheets
from .formats import (
    CP932CSV,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    ExcelCSV,
    PortalCSV,
    PortalTSV,
    PortalXLSX,
    SpreadsheetError,
    format_size,
    too_large_error,
)

logger = logging.getLogger(__name__)

IMPORT_TYPE_LABELS = {
    "new": "新規",
    "update": "変更",
    "skip": "変更なし",
    "delete": "削除",
    "error": "エラー",
    "invalid": "エラー",
}


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


class PortalConfirmImportForm(ConfirmImportForm):
    """The confirm form, carrying what the preview matched (``spreadsheets.preview``)."""

    preview_state = forms.CharField(widget=forms.HiddenInput())


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
    """Import screens every model admin shares; put it before ``ImportExportModelAdmin``."""

    import_form_class = PortalImportForm
    confirm_form_class = PortalConfirmImportForm
    export_form_class = PortalExportForm
    import_template_name = "spreadsheets/import.html"
    # CSV import detects UTF-8 / UTF-8 with BOM / CP932; CSV export is UTF-8 with a BOM so
    # that Japanese Excel opens it; a CP932 CSV export refuses data it cannot hold. Export
    # keeps import_export's own XLSX class: only that class writes native cell types.
    import_formats = [PortalCSV, PortalTSV, PortalXLSX]
    export_formats = [ExcelCSV, XLSX, CP932CSV]

    def get_export_filename(self, request, queryset, file_format):
        # The date of the export in Japan (TIME_ZONE), not in UTC: an export at 08:00 in
        # Kumamoto is that day's file. (ASCII model name: browsers read it in any header.)
        day = timezone.localdate().isoformat()
        return f"{self.model.__name__}-{day}.{file_format.get_extension()}"

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        # The page lists the columns by the headers the file will have (都市, not city).
        kwargs = self.get_export_resource_kwargs(request)
        context["fields_list"] = labelled_fields_list(
            resource_class(**kwargs) for resource_class in self.get_export_resource_classes(request)
        )
        return context

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetError):
            form.add_error("import_file", str(e))
            return
        logger.exception("unexpected error reading an import file")
        form.add_error(
            "import_file",
            "ファイルを読み込めませんでした。形式（csv / xlsx）の選択とファイルの中身が合っているか確認してください。",
        )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is None:
            return response
        if context.get("result") is not None:
            context["portal_preview"] = self.portal_preview(context["result"], request)
        if "confirm_form" in context:
            context["confirm_form"].initial["preview_state"] = preview.preview_state(
                context["result"], self.choose_import_resource_class(context["form"], request)._meta.model
            )
        if "fields_list" in context:
            # The columns by the headers the file uses (都市), as the export writes them.
            kwargs = self.get_import_resource_kwargs(request)
            context["fields_list"] = labelled_fields_list(
                resource_class(**kwargs) for resource_class in self.get_import_resource_classes(request)
            )
        if "confirm_form" not in context:
            # import_export stores every upload before reading it; one that cannot be
            # confirmed (unreadable, invalid rows) must not wait in the cache for hours.
            # (The form drops a field with an error from cleaned_data; the upload object
            # in request.FILES is the same one import_export named.)
            name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
            if name:
                self.get_tmp_storage_class()(name=name, **self.get_tmp_storage_class_kwargs()).remove()
        return response

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

    def portal_preview(self, result, request):
        """What the import template shows for ``result`` (an import_export ``Result``).

        Returns a dict: ``headers`` (Japanese labels of the columns), ``rows`` (valid rows:
        ``line`` in the spreadsheet, ``kind`` 新規/変更/変更なし, ``changed`` labels,
        ``diff`` cells), ``invalid`` (``line`` and ``errors``: ``(label, [messages])``),
        ``failed`` (``line`` and ``messages`` of rows that raised) and ``base`` (messages
        of errors not tied to a row).
        """
        labels = self.portal_field_labels(request)
        headers = [labels.get(header, header) for header in result.diff_headers]
        rows = []
        # With report_skipped every data row has its RowResult, in file order; row N of
        # the data is line N + 1 of the spreadsheet (the header is line 1).
        for number, row in enumerate(result.rows, start=1):
            if row.import_type not in ("new", "update", "skip", "delete"):
                continue
            changed = []
            if row.import_type == "update":
                # import_export marks a changed cell's old and new text with <del>/<ins>.
                changed = [
                    headers[index]
                    for index, cell in enumerate(row.diff or [])
                    if "<ins" in cell or "<del" in cell
                ]
            rows.append(
                {
                    "line": number + 1,
                    "import_type": row.import_type,
                    "kind": IMPORT_TYPE_LABELS.get(row.import_type, row.import_type),
                    "changed": changed,
                    "diff": row.diff or [],
                }
            )
        invalid = []
        for row in result.invalid_rows:
            errors = []
            for name, messages_ in row.error_dict.items():
                label = "行全体" if name == NON_FIELD_ERRORS else labels.get(name, name)
                errors.append((label, [str(message) for message in messages_]))
            invalid.append({"line": row.number + 1, "errors": errors, "values": row.values})
        # Exceptions while importing a row: the message only, never the traceback.
        failed = [
            {"line": number + 1, "messages": [str(error.error) for error in errors]}
            for number, errors in result.row_errors()
        ]
        base = [str(error.error) for error in result.base_errors]
        return {"headers": headers, "rows": rows, "invalid": invalid, "failed": failed, "base": base}

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The confirm step: import the previewed upload, or say why nothing was written."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        import_url = reverse(
            "admin:%s_%s_import" % self.get_model_info(), current_app=self.admin_site.name
        )
        confirm_form = self.create_confirm_form(request)
        try:
            if not confirm_form.is_valid():
                raise SpreadsheetError("確定のための情報が不足しています。", "expired")
            input_format = self.get_import_formats()[int(confirm_form.cleaned_data["format"])]()
            # A tampered resource index must be a message, not an IndexError (HTTP 500).
            self.choose_import_resource_class(confirm_form, request)
        except (SpreadsheetError, ValueError, IndexError, TypeError):
            messages.error(
                request, "インポートを確定できませんでした。もう一度ファイルを選んでインポートしてください。"
            )
            return HttpResponseRedirect(import_url)
        tmp_storage = self.get_tmp_storage_class()(
            name=confirm_form.cleaned_data["import_file_name"],
            encoding=None,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        try:
            dataset = input_format.create_dataset(tmp_storage.read())
        except SpreadsheetError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(import_url)
        model = self.choose_import_resource_class(confirm_form, request)._meta.model
        rows = preview.read_state(confirm_form.cleaned_data["preview_state"], model)
        if rows is None:
            messages.error(
                request, "インポートを確定できませんでした。もう一度ファイルを選んでインポートしてください。"
            )
            return HttpResponseRedirect(import_url)
        # The records may have changed since the preview: all or nothing, again.
        result = None
        with transaction.atomic():
            changed = preview.changed_before_import(model, rows)
            if not changed:
                result = self.process_dataset(dataset, confirm_form, request, **kwargs)
                if result.has_errors() or result.has_validation_errors():
                    transaction.set_rollback(True)
                else:
                    changed = preview.changed_during_import(rows, result)
            if changed:
                transaction.set_rollback(True)
        if result is not None and sheets.hit_busy_database(result):
            # Not the data, nor a change since the preview: another import held the database.
            messages.error(
                request,
                f"{BUSY_MESSAGE}何も書き込んでいません。少し待ってから、もう一度ファイルを選んでインポートしてください。",
            )
            return HttpResponseRedirect(import_url)
        if changed:
            messages.error(
                request,
                "プレビューの後に他の人が変更した記録があるため、何も書き込みませんでした"
                "（そのまま取り込むと、その変更を上書きしてしまいます）。"
                + " ".join(changed[:10])
                + (f" ほか{len(changed) - 10}件。" if len(changed) > 10 else "")
                + " 最新の内容を確かめてから、もう一度ファイルを選んでインポートしてください。",
            )
            return HttpResponseRedirect(import_url)
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                "確定の時点でエラーのある行が見つかったため、何も書き込みませんでした。"
                "（プレビューの後にデータが変更された可能性があります。）もう一度ファイルを選んでインポートしてください。",
            )
            return HttpResponseRedirect(import_url)
        tmp_storage.remove()
        return self.process_result(result, request)
