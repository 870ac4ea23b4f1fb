"""Downloads of public tables: CSV (UTF-8 with BOM, or Shift_JIS), XLSX and JSON, streamed.

A ``Table`` names its columns (the public labels) and how each reads its value from a
record; ``download_response`` writes the rows of an iterable in one of ``FORMATS``:

- CSV and JSON are streamed row by row (``StreamingHttpResponse``): memory stays the same
  whatever the number of rows. A queryset is read with ``iterator(chunk_size)``, so the
  number of queries does not grow with the rows either.
- XLSX is a zip file, which cannot be sent before it is complete: openpyxl's write-only
  mode writes it to a temporary file row by row, which is then sent in blocks.

Values: dates in ISO 8601 (``2015-04`` for a date known to the month), numbers as numbers,
empty for a value the record does not have, a true boolean as 「はい」 (``Yes``), false empty.
A text that a spreadsheet would run as a formula (``=HYPERLINK(…)``, also ``+ - @``, tab,
CR first) stays text: a CSV cell gets a leading ``'`` (OWASP's advice), an XLSX cell is
typed as text; numbers are never changed.

Languages: a page's download is written in the page's language, as the page reads: on an
English page (``/en/…``) the column labels (``gettext_lazy``, translated in ``locale/en``),
the era column (``Date (Japanese era)``: ``19 May 1992 (Heisei 4)``, ``FY2015 (Heisei 27)``),
choices, names with an English version and booleans (``Yes``) are English; the Japanese
pages' files are as they always were. A ``Table`` with a ``language`` (the open data
catalogue's datasets: their columns are those of a standard, in Japanese) is written in
that language from any page. JSON keys are the column labels in the default language
(Japanese) in every language: a program reading ``?format=json`` finds the same keys on
the Japanese and the English page (``提携年月日``, ``提携年月日(和暦)``); the values are in
the page's language, like the other formats' cells. Shift_JIS CSV writes a character that CP932
lacks as its NFKC form when that form is in CP932 (``²`` → ``2``), otherwise as 〓 (geta,
the usual Japanese mark for a character that cannot be printed), never an error.

``DownloadMixin`` gives a public page the download of its table at ``?format=<key>`` on the
page's own URL, with the page's filters and without its pagination, and of each other table
the page shows at ``?table=<name>&format=<key>``.
"""
import codecs
import csv
import datetime
import json
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.views import NotFoundWithReason
from core.wareki import DatePrecision, localized_date, localized_fiscal_year_era

#: Rows read from the database per query round trip when a download reads a queryset.
CHUNK_SIZE = 2000

GETA = "〓"


def _cp932_fallback(error):
    """Codec error handler: each character CP932 lacks → its NFKC form if encodable, else 〓."""
    replaced = []
    for char in error.object[error.start:error.end]:
        folded = unicodedata.normalize("NFKC", char)
        try:
            folded.encode("cp932")
        except UnicodeEncodeError:
            folded = GETA
        replaced.append(folded)
    return "".join(replaced), error.end


codecs.register_error("portal_cp932", _cp932_fallback)


def iso_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """ISO 8601 to the date's precision: ``2015-04-01``, ``2015-04`` (month) or ``2015`` (year)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()


@dataclass(frozen=True)
class Column:
    """One column of a download: its public label and how to read its value from a record."""

    label: str
    value: Callable[[Any], Any]


def date_columns(
    label: str, field: str, precision_field: str | None = None, of: Callable = lambda obj: obj
) -> list[Column]:
    """The two columns of a date the page shows as 和暦: ISO 8601, and 和暦 beside it.

    ``label`` is the page's heading (``提携年月日``); the second column is ``<label>(和暦)``
    (``Affiliation date (Japanese era)``), the date as the page shows it (``平成4年(1992年)5月19日``,
    ``19 May 1992 (Heisei 4)``). The date is ``field`` of ``of(row)``: the row itself, or
    the record it belongs to.
    """

    def date(obj):
        return getattr(of(obj), field)

    def precision(obj):
        return getattr(of(obj), precision_field) if precision_field else DatePrecision.DAY

    return [
        Column(label, lambda obj: iso_date(date(obj), precision(obj))),
        Column(era_label(label), lambda obj: localized_date(date(obj), precision(obj))),
    ]


def era_label(label):
    """The label of a column in 和暦 beside ``label``: ``年度(和暦)``, ``Fiscal year (Japanese era)``."""
    return format_lazy(_("{}(和暦)"), label)


def fiscal_year_columns(label, value: Callable) -> list[Column]:
    """The two columns of a fiscal year: the year (``2015``), and 和暦 beside it
    (``平成27年度(2015年度)``, ``FY2015 (Heisei 27)``)."""
    return [
        Column(label, value),
        Column(era_label(label), lambda obj: localized_fiscal_year_era(value(obj))),
    ]


def yes(value: bool) -> str:
    """A true boolean as a cell reads it, in the active language: 「はい」, ``Yes``; false: empty."""
    return gettext("はい") if value else ""


def _plain(value):
    """A value as the writers take it: a translatable text (``gettext_lazy``) as text."""
    return str(value) if isinstance(value, Promise) else value


@dataclass(frozen=True)
class Table:
    """A downloadable table: file name stem (ASCII), title and columns.

    ``language``: the one language the file is written in, whatever the page's (the open
    data datasets: ``"ja"``); ``None``: the active language.
    """

    name: str
    title: str
    columns: list[Column]
    language: str | None = None

    @property
    def headers(self) -> list[str]:
        with translation.override(self.language or translation.get_language()):
            return [str(column.label) for column in self.columns]

    @property
    def keys(self) -> list[str]:
        """The JSON keys: the labels in the default language, the same on every page."""
        with translation.override(settings.LANGUAGE_CODE):
            return [str(column.label) for column in self.columns]

    def rows(self, objects: Iterable) -> Iterable[list]:
        """Yield each record's values in column order (a queryset is read in chunks)."""
        if isinstance(objects, QuerySet):
            objects = objects.iterator(chunk_size=CHUNK_SIZE)
        for obj in objects:
            yield [_plain(column.value(obj)) for column in self.columns]


# --- Writers: each yields the file in pieces (bytes) -------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        # 32.8000 (four decimal places in the database) is written 32.8, as in XLSX and JSON.
        return format(value.normalize(), "f")
    return str(value)


class _Line:
    """A file-like object that hands back what the csv writer writes (one line at a time)."""

    def write(self, value):
        return value


# A text cell a spreadsheet program would run as a formula when it opens a CSV file: one
# starting with = + - @, a tab or a carriage return (OWASP, "CSV Injection").
_FORMULA_START = re.compile(r"[=+\-@\t\r]")


def _csv_cell(value) -> str:
    """A value as a CSV cell: a text that would start a formula gets a leading ``'``.

    Only texts: a number (``-3``, ``Decimal("-3.5")``) is written as the number it is, and a
    date or 和暦 never starts with one of those signs. The XLSX writer marks the same texts
    as text cells (``_xlsx_cell``); JSON holds every text as it is.
    """
    text = _text(value)
    if isinstance(value, str) and _FORMULA_START.match(text):
        return "'" + text
    return text


def _csv_lines(table: Table, objects) -> Iterable[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(table.headers)
    for row in table.rows(objects):
        yield writer.writerow([_csv_cell(value) for value in row])


def write_csv_utf8(table: Table, objects) -> Iterable[bytes]:
    """UTF-8 with a byte order mark, which Japanese Excel needs to read it as UTF-8."""
    yield codecs.BOM_UTF8
    for line in _csv_lines(table, objects):
        yield line.encode("utf-8")


def write_csv_cp932(table: Table, objects) -> Iterable[bytes]:
    """Shift_JIS (Windows code page 932); characters it lacks are replaced, never an error."""
    for line in _csv_lines(table, objects):
        yield line.encode("cp932", errors="portal_cp932")


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value == "":
        return None
    return value


def write_json(table: Table, objects) -> Iterable[bytes]:
    """A JSON array with one object per row, keyed by the column labels in the default
    language (``Table.keys``: the same keys on the Japanese and the English page; UTF-8)."""
    headers = table.keys
    separator = "[\n"
    for row in table.rows(objects):
        record = dict(zip(headers, (_json_value(value) for value in row)))
        yield (separator + json.dumps(record, ensure_ascii=False)).encode("utf-8")
        separator = ",\n"
    yield ("[]\n" if separator == "[\n" else "\n]\n").encode("utf-8")


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        # A text such as "=1+1" stays text: openpyxl would store it as a formula.
        cell.data_type = "s"
        return cell
    if isinstance(value, bool):
        value = yes(value) or None
    return WriteOnlyCell(sheet, value)


SHEET_TITLE_RESERVED = re.compile(r"[\\/?*\[\]:]")


def write_xlsx(table: Table, objects):
    """An XLSX file in a temporary file (write-only mode), rewound for reading."""
    workbook = Workbook(write_only=True)
    # A sheet title is at most 31 characters, without the characters Excel reserves.
    sheet = workbook.create_sheet(title=SHEET_TITLE_RESERVED.sub(" ", str(table.title))[:31])
    sheet.append([_xlsx_cell(sheet, header) for header in table.headers])
    for row in table.rows(objects):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    file = tempfile.TemporaryFile()
    workbook.save(file)
    file.seek(0)
    return file


@dataclass(frozen=True)
class DownloadFormat:
    """A download format: its key (``?format=…``), label, file suffix, media type, writer."""

    key: str
    label: str
    suffix: str
    content_type: str
    writer: Callable
    streamed: bool = True


FORMATS = {
    fmt.key: fmt
    for fmt in (
        DownloadFormat("csv", _("CSV(UTF-8)"), ".csv", "text/csv; charset=utf-8", write_csv_utf8),
        DownloadFormat(
            "csv-sjis", _("CSV(Shift_JIS)"), "-sjis.csv", "text/csv; charset=Shift_JIS",
            write_csv_cp932,
        ),
        DownloadFormat(
            "xlsx", _("Excel(XLSX)"), ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            write_xlsx, streamed=False,
        ),
        DownloadFormat("json", _("JSON"), ".json", "application/json", write_json),
    )
}


def _in_language(language: str, pieces: Iterable) -> Iterable:
    """``pieces`` made with ``language`` active, piece by piece.

    A streamed file is written after the view has returned, while the server sends it:
    the language is activated for each piece and given back before the piece is handed on.
    """
    iterator = iter(pieces)
    while True:
        with translation.override(language):
            try:
                piece = next(iterator)
            except StopIteration:
                return
        yield piece


def download_response(table: Table, objects, key: str):
    """The response that downloads ``objects`` as ``table`` in format ``key`` (of ``FORMATS``),
    in ``table.language`` or else the active language (the page's)."""
    fmt = FORMATS[key]
    filename = f"{table.name}{fmt.suffix}"
    language = table.language or translation.get_language() or settings.LANGUAGE_CODE
    if not fmt.streamed:
        with translation.override(language):
            file = fmt.writer(table, objects)
        return FileResponse(file, as_attachment=True, filename=filename, content_type=fmt.content_type)
    response = StreamingHttpResponse(
        _in_language(language, fmt.writer(table, objects)), content_type=fmt.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def requested_format(request) -> str | None:
    """The download format a request asks for with ``?format=``, ``None`` for the page.

    Raises ``NotFoundWithReason`` (a 404 that says so, in the page's language) for a
    format the portal does not offer.
    """
    key = request.GET.get("format")
    if key is None:
        return None
    if key not in FORMATS:
        raise NotFoundWithReason(_("その形式のダウンロードはありません(CSV・Excel・JSONから選んでください)。"))
    return key


@dataclass(frozen=True)
class PageDownload:
    """What the download links of one of a page's other tables need: its name, its rows."""

    name: str
    count: int


class DownloadMixin:
    """A public page whose tables download at ``?format=csv|csv-sjis|xlsx|json``.

    The page's main table, ``download_table``, holds every row the page's filters select, on
    all pages: ``get_download_objects()``, by default the view's filtered ``object_list``
    without pagination. Each other table the page shows is in ``download_tables`` (name →
    ``Table``) and downloads at ``?table=<name>&format=…`` with the rows
    ``get_table_objects(name, context)`` reads from the page's own context, so a download
    holds what the page shows. Put the mixin before ``SectionPageMixin`` in the bases.

    The context gets ``download_formats``, ``download_count`` (the main table's rows) and
    ``downloads`` (name → ``PageDownload``) for ``templates/includes/downloads.html``.
    """

    download_table: Table = None
    download_tables: dict[str, Table] = {}
    download_format = None
    download_name = None

    def get(self, request, *args, **kwargs):
        self.download_format = requested_format(request)
        if self.download_format:
            self.download_name = request.GET.get("table")
            known = self.download_tables if self.download_name else {None: self.download_table}
            if known.get(self.download_name) is None:
                raise NotFoundWithReason(_("この表のダウンロードはありません。"))
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return None if self.download_format else super().get_paginate_by(queryset)

    def get_download_objects(self):
        return self.object_list

    def get_table_objects(self, name, context):
        """The rows the page shows in its table ``name`` (of ``download_tables``)."""
        raise NotImplementedError(f"{type(self).__name__} does not read its table {name!r}")

    def get_download_count(self, context):
        """The number of rows a download holds (the page's own count where it has one)."""
        paginator = context.get("paginator")
        return paginator.count if paginator else len(self.get_download_objects())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.download_format:
            context["download_formats"] = FORMATS.values()
            if self.download_table is not None:
                context["download_count"] = self.get_download_count(context)
            context["downloads"] = {
                name: PageDownload(name, len(list(self.get_table_objects(name, context))))
                for name in self.download_tables
            }
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.download_name:
            return download_response(
                self.download_tables[self.download_name],
                self.get_table_objects(self.download_name, context),
                self.download_format,
            )
        if self.download_format:
            return download_response(
                self.download_table, self.get_download_objects(), self.download_format
            )
        return super().render_to_response(context, **response_kwargs)
