"""Spreadsheet import/export outside the admin, for ``import_sheet`` and ``export_sheet``.

The commands use the very resource the admin uses for the model (``get_resource_classes``
of its ``ModelAdmin``), so a file is read by the same rules in both places.
"""
from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.core.management.base import CommandError
from import_export.formats.base_formats import XLSX
from import_export.results import RowResult

from core.database import is_busy_error

from .formats import ExcelCSV, PortalTSV, SpreadsheetError, read_dataset

#: Spreadsheet formats by file extension; CSV is written as UTF-8 with a BOM for Excel.
FORMATS = {".csv": ExcelCSV, ".tsv": PortalTSV, ".xlsx": XLSX}


def resolve_model(name):
    """The model named ``name``: ``app_label.ModelName`` (any case) or its Japanese name.

    The Japanese name is ``verbose_name`` or ``verbose_name_plural`` (e.g. 「交流の記録」).
    Only models with a spreadsheet resource in the admin count. Raises ``CommandError``
    (Japanese) when no model or more than one model matches.
    """
    wanted = name.strip()
    matches = []
    for model in importable_models():
        opts = model._meta
        if wanted.lower() == opts.label_lower or wanted in (
            str(opts.verbose_name),
            str(opts.verbose_name_plural),
        ):
            matches.append(model)
    if len(matches) == 1:
        return matches[0]
    choices = "、".join(f"{m._meta.label}({m._meta.verbose_name})" for m in importable_models())
    if matches:
        raise CommandError(
            f"「{name}」に当たるモデルが複数あります。app_label.ModelName で指定してください: "
            + "、".join(m._meta.label for m in matches)
        )
    raise CommandError(f"「{name}」というモデルはありません。指定できるのは次のとおりです: {choices}")


def importable_models():
    """Models that have a spreadsheet resource in the admin, sorted by label."""
    found = []
    for model, model_admin in admin.site._registry.items():
        if getattr(model_admin, "get_resource_classes", None) and model_admin.get_resource_classes(
            request=None
        ):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


def resource_for(model):
    """A new instance of the admin's (first) resource class for ``model``."""
    model_admin = admin.site._registry.get(model)
    classes = model_admin.get_resource_classes(request=None) if model_admin else []
    if not classes:
        raise CommandError(f"{model._meta.verbose_name}は表計算ファイルで取り込み・書き出しできません。")
    return classes[0]()


def import_batch(model, *, file_name, reason=""):
    """The model admin's record of one import of ``model`` (a context manager; see
    ``SpreadsheetAdminMixin.import_batch``), so that a command's import can be reviewed
    and undone like one made in the admin. Nobody is named: the command runs as no user.
    """
    model_admin = admin.site._registry.get(model)
    return model_admin.import_batch(None, file_name=file_name, reason=reason)


def sheet_format(path):
    """The ``import_export`` format instance for ``path``'s extension (.csv, .tsv or .xlsx).

    Raises ``CommandError`` (Japanese) for any other extension.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise CommandError(
            f"ファイル「{path}」の形式が分かりません。拡張子は .csv・.tsv・.xlsx のどれかにしてください。"
        )
    return FORMATS[suffix]()


def read_sheet(path):
    """Read ``path`` (.csv, .tsv or .xlsx) into a ``tablib.Dataset`` by the admin's rules.

    Same reader as the admin's upload (:func:`spreadsheets.formats.read_dataset`):
    UTF-8, UTF-8 with BOM or CP932 detected, content checked against the extension, and
    the size, row and unzipped-size caps of the settings. Raises ``CommandError`` with the
    reader's Japanese message for an unreadable, hostile or empty file.
    """
    sheet_format(path)  # an unknown extension is refused before the file is read
    try:
        return read_dataset(Path(path))
    except OSError as e:
        raise CommandError(f"ファイル「{path}」を読めません: {e.strerror}") from None
    except SpreadsheetError as e:
        raise CommandError(f"ファイル「{path}」: {e}") from None


def write_sheet(model, path):
    """Export every record of ``model`` to ``path`` (.csv as UTF-8 with BOM, or .xlsx).

    Returns the number of rows written. Raises ``CommandError`` if the file cannot be
    written.
    """
    fmt = sheet_format(path)
    resource = resource_for(model)
    # As the admin exports: native cell types (dates, numbers) in XLSX, text (和暦 dates)
    # in CSV/TSV. (ExcelCSV is "binary" only because it returns bytes.)
    dataset = resource.export(force_native_type=isinstance(fmt, XLSX))
    data = fmt.export_data(dataset)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        raise CommandError(f"ファイル「{path}」に書き込めません: {e.strerror}") from None
    return len(dataset)


def row_messages(resource, result):
    """Every problem of an import ``Result`` as Japanese lines, row by row.

    Shape: ``["3行目「都市」: 「東京市」という姉妹・友好都市は登録されていません。", …]`` —
    each message already names its spreadsheet line (the header is line 1) and column
    (``PortalResource.explain_errors``); file-level errors come first.
    """
    lines = [f"ファイル全体: {error.error}" for error in result.base_errors]
    problems = []
    for number, errors in result.row_errors():
        problems.extend((number, str(error.error)) for error in errors)
    for row in result.invalid_rows:
        for messages in row.error_dict.values():
            problems.extend((row.number, str(message)) for message in messages)
    lines.extend(text for _, text in sorted(problems, key=lambda item: item[0]))
    return lines


def summary(result):
    """``{"new": n, "update": n, "skip": n}`` counts of an import ``Result``."""
    return {
        "new": result.totals[RowResult.IMPORT_TYPE_NEW],
        "update": result.totals[RowResult.IMPORT_TYPE_UPDATE],
        "skip": result.totals[RowResult.IMPORT_TYPE_SKIP],
    }


def hit_busy_database(result):
    """Whether an import ``result`` failed because the database was busy, not the file.

    import_export keeps the exception of a failed row or of the whole file in the result;
    a lock that outlasted the busy timeout is one of them (``core.database``). Such an
    import wrote nothing and can simply be tried again.
    """
    errors = [*result.base_errors, *(e for _, row in result.row_errors() for e in row)]
    return any(is_busy_error(error.error) for error in errors)
