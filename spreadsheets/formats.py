"""Reading and writing the spreadsheet files staff exchange with the portal.

One reader for every way a file comes in (admin import, ``import_sheet`` command):
:func:`read_dataset` checks the file by its content, not by its name, applies the size,
row and unzipped-size caps, detects the text encoding, and returns a ``tablib.Dataset``.
Anything wrong with the *file* (as opposed to its values) raises :class:`SpreadsheetError`,
a ``ValueError`` whose message is Japanese and says what to do.

Caps (settings, each overridable from the environment, see ``settings.py``):

- ``PORTAL_IMPORT_MAX_BYTES``: size of the uploaded file (default 5 MB).
- ``PORTAL_IMPORT_MAX_ROWS``: data rows, header not counted (default 50,000).
- ``PORTAL_IMPORT_MAX_UNZIPPED_BYTES``: an XLSX file's members added up once unzipped
  (default 100 MB). ``zipfile`` never yields more than a member's declared size, so
  checking the declared sizes bounds the work of a zip bomb.

The ``import_export`` format classes at the end wrap this reader for the admin:
:class:`PortalCSV`, :class:`PortalTSV`, :class:`PortalXLSX` (import) and
:class:`ExcelCSV`, :class:`CP932CSV` (export; XLSX export is import_export's own).
"""
import csv
import io
import logging
import re
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import tablib
from charset_normalizer import from_bytes
from defusedxml import DefusedXmlException
from django.conf import settings
from import_export.formats.base_formats import CSV, TSV, XLSX
from openpyxl.utils import get_column_letter

from core.wareki import CONTROL_CHARACTERS

logger = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 5 * MB
DEFAULT_MAX_ROWS = 50_000
DEFAULT_MAX_UNZIPPED_BYTES = 100 * MB
# More members than any workbook staff save; a zip with thousands is an attack.
MAX_ZIP_MEMBERS = 1000

UTF8_BOM = b"\xef\xbb\xbf"
BROKEN_ZIP = "壊れた ZIP 圧縮ファイル"
FORMAT_NAMES = {"csv": "CSV", "tsv": "TSV", "xlsx": "Excel（XLSX）"}
EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".txt": "tsv", ".xlsx": "xlsx"}

# Magic numbers of files staff may pick by mistake, with the name they know them by.
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG 画像"),
    (b"\xff\xd8\xff", "JPEG 画像"),
    (b"GIF8", "GIF 画像"),
    (b"%PDF", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "古い形式の Excel（.xls）または Word の文書"),
    (b"Rar!", "RAR 圧縮ファイル"),
    (b"\x1f\x8b", "gzip 圧縮ファイル"),
    (b"7z\xbc\xaf\x27\x1c", "7z 圧縮ファイル"),
]


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet; ``str(error)`` is a Japanese message.

    ``code`` names the problem for programs and tests: ``empty``, ``too_large``,
    ``too_many_rows``, ``wrong_type``, ``binary``, ``encoding``, ``broken``, ``zip_bomb``,
    ``unsafe_xml``, ``no_data``, ``ragged``, ``unnamed_column``, ``expired``, ``formula``
    (an XLSX formula without its saved result); and, from
    :class:`~spreadsheets.resources.PortalResource`, ``columns`` (unknown, repeated or
    missing columns) and ``row`` (a row that could not be saved).
    """

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def format_size(size):
    """``size`` bytes for people: ``5 MB``, ``1.5 MB``, ``120 KB``, ``105 バイト``."""
    if size >= MB:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} バイト"


def _caps(max_bytes, max_rows, max_unzipped_bytes):
    return (
        max_bytes if max_bytes is not None else getattr(settings, "PORTAL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES),
        max_rows if max_rows is not None else getattr(settings, "PORTAL_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS),
        max_unzipped_bytes
        if max_unzipped_bytes is not None
        else getattr(settings, "PORTAL_IMPORT_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED_BYTES),
    )


def too_large_error(size, max_bytes):
    """Return the :class:`SpreadsheetError` for a file of ``size`` bytes over ``max_bytes``."""
    return SpreadsheetError(
        f"ファイルが大きすぎます（{format_size(size)}）。上限は{format_size(max_bytes)}です。"
        "ファイルを分けてインポートしてください。",
        "too_large",
    )


def read_dataset(
    source,
    filename=None,
    *,
    file_format=None,
    max_bytes=None,
    max_rows=None,
    max_unzipped_bytes=None,
    progress=None,
):
    """Read a CSV, TSV or XLSX file into a ``tablib.Dataset``, refusing hostile files.

    ``source``: the file's bytes, or a path (``str``/``Path``) to read.
    ``filename``: its name, used only to tell which format is expected (``.csv``,
    ``.tsv``/``.txt``, ``.xlsx``); ``file_format`` (``"csv"``, ``"tsv"``, ``"xlsx"``)
    says it explicitly and wins. With neither, the format is taken from the content.
    The content must match the expected format: a PNG named ``.xlsx`` or an XLSX sent
    as CSV is refused.

    Text files may be UTF-8, UTF-8 with a BOM or CP932 (what Japanese Excel saves as
    "CSV (コンマ区切り)"); the encoding is detected with charset-normalizer and CP932 is
    used rather than Shift_JIS, so ①, ㈱, 髙 and ～ survive. The first row is the header;
    trailing blank rows and trailing unnamed empty columns are dropped, nothing else.
    XLSX cells keep their types (``datetime``, ``int``, ``float``, ``str``, ``None``);
    CSV/TSV cells are ``str``. Only the first (active) sheet of a workbook is read.

    Caps default to the settings ``PORTAL_IMPORT_MAX_BYTES``, ``PORTAL_IMPORT_MAX_ROWS``
    and ``PORTAL_IMPORT_MAX_UNZIPPED_BYTES``; pass a number to override one.

    Rows are read one at a time. An XLSX sheet is read up to its last row that holds a
    value, whatever dimension the sheet states: the empty, formatted rows that Excel and
    LibreOffice leave below the data (up to a million) are never parsed.
    ``progress``, if given, is called now and then with the number of rows read so far.

    Returns a ``tablib.Dataset`` with ``headers`` set and at least one data row.
    Raises :class:`SpreadsheetError` (a ``ValueError``) with a Japanese message for an
    empty, oversized, mistyped, undecodable, broken or hostile file, or one with no data.
    """
    max_bytes, max_rows, max_unzipped_bytes = _caps(max_bytes, max_rows, max_unzipped_bytes)
    if source is None:
        raise SpreadsheetError(
            "アップロードされたファイルが見つかりません（有効期限切れの可能性があります）。"
            "もう一度ファイルを選んでインポートしてください。",
            "expired",
        )
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large_error(size, max_bytes)
        data = path.read_bytes()
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        raise TypeError(f"read_dataset() needs bytes or a path, not {type(source).__name__}")

    if not data:
        raise SpreadsheetError("ファイルが空です（0 バイト）。データの入ったファイルを選んでください。", "empty")
    if len(data) > max_bytes:
        raise too_large_error(len(data), max_bytes)

    expected = file_format or (EXTENSIONS.get(Path(filename).suffix.lower()) if filename else None)
    actual = sniff(data)
    if expected is None:
        expected = {"xlsx": "xlsx", "text": "csv"}.get(actual)
        if expected == "csv" and _looks_tab_separated(data):
            expected = "tsv"
    if expected not in FORMAT_NAMES:
        raise SpreadsheetError(
            f"ファイルの形式が分かりません（{filename or '名前なし'}）。"
            "CSV・TSV・Excel（XLSX）のファイルを選んでください。",
            "wrong_type",
        )
    expected_kind = "xlsx" if expected == "xlsx" else "text"
    if expected_kind == "xlsx" and actual == BROKEN_ZIP:
        actual = "xlsx"  # an XLSX cut short: the reader says it is broken
    if actual != expected_kind:
        raise _wrong_type_error(expected, actual)

    if expected == "xlsx":
        return _read_xlsx(
            data, max_rows=max_rows, max_unzipped_bytes=max_unzipped_bytes, progress=progress
        )
    text = decode_text(data)
    return _read_text(
        text, delimiter="\t" if expected == "tsv" else ",", max_rows=max_rows, progress=progress
    )


def sniff(data):
    """Say what ``data`` (bytes) is by its content.

    Returns ``"xlsx"`` (a zip holding a workbook), ``"text"`` (no NUL bytes, not a
    known binary type), or the Japanese name of another type (``"PNG 画像"``,
    ``"ZIP 圧縮ファイル"``, ``"バイナリファイル"``, …).
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, EOFError, ValueError):
            # A zip cut short loses its directory (at the end of the file).
            return BROKEN_ZIP
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "Word の文書（.docx）"
        if "ppt/presentation.xml" in names:
            return "PowerPoint の文書（.pptx）"
        if "content.xml" in names:
            return "OpenDocument の文書（.ods など）"
        return "ZIP 圧縮ファイル"
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 のテキスト"
    if b"\x00" in data[:65536]:
        return "バイナリファイル"
    return "text"


def _wrong_type_error(expected, actual):
    want = FORMAT_NAMES[expected]
    if actual == "xlsx":
        what = "Excel（XLSX）のファイル"
        hint = "形式で「xlsx」を選んでください。"
    elif actual == "text":
        what = "テキスト（CSV など）のファイル"
        hint = "形式で「csv」を選ぶか、Excel で XLSX として保存し直してください。"
    elif actual == "UTF-16 のテキスト":
        what = actual
        hint = "Excel では「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」で保存してください。"
    else:
        what = actual
        hint = "CSV・TSV・Excel（XLSX）のファイルを選んでください。"
    return SpreadsheetError(f"{want}として読み込もうとしましたが、ファイルの中身は{what}です。{hint}", "wrong_type")


def _looks_tab_separated(data):
    first_line = data.split(b"\n", 1)[0]
    return b"\t" in first_line and b"," not in first_line


def detect_encoding(data):
    """Return the Python codec of text ``data``: ``"utf-8-sig"``, ``"utf-8"`` or ``"cp932"``.

    A BOM means UTF-8; otherwise charset-normalizer chooses between UTF-8 and CP932
    (Shift_JIS is always read as CP932, its Windows superset that Japanese Excel writes).
    Returns ``None`` when neither decodes the bytes.
    """
    if data.startswith(UTF8_BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    # threshold=1.0: charset-normalizer's "chaos" score rates ①, ㈱ and the like as
    # noise, so a file full of them would be refused at the default threshold.
    best = from_bytes(data, cp_isolation=["utf_8", "cp932", "shift_jis"], threshold=1.0).best()
    if best is None:
        return None
    encoding = best.encoding.replace("_", "-")
    return "cp932" if encoding in ("cp932", "shift-jis") else encoding




def decode_text(data):
    """Decode a text file's bytes (UTF-8, UTF-8 with BOM or CP932) to ``str``.

    Raises :class:`SpreadsheetError` (``code="encoding"``) naming the line and bytes
    that are neither UTF-8 nor CP932, or (``code="binary"``) for control characters
    that no spreadsheet text contains.
    """
    encoding = detect_encoding(data)
    try:
        if encoding is None:
            raise UnicodeError
        text = data.decode(encoding)
    except UnicodeError:
        # Name the bytes where the encoding that reads furthest stops: that is where
        # the file is damaged (a UTF-8 file with one stray CP932 character, say).
        starts = []
        for candidate in ("utf-8", "cp932"):
            try:
                data.decode(candidate)
            except UnicodeDecodeError as error:
                starts.append(error.start)
        start = max(starts) if starts else 0
        line = data[:start].count(b"\n") + 1
        bad = data[start : start + 2].hex(" ").upper()
        raise SpreadsheetError(
            f"文字コードを判別できません。{line}行目のバイト列（{bad}）は UTF-8 としても "
            "Shift_JIS（CP932）としても読めません。Excel で「CSV UTF-8（コンマ区切り）」"
            "または「CSV（コンマ区切り）」として保存し直してください。",
            "encoding",
        ) from None
    control = CONTROL_CHARACTERS.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise SpreadsheetError(
            f"テキストのファイルではないようです（{line}行目に制御文字 U+{ord(control.group()):04X} があります）。"
            "CSV・TSV・Excel（XLSX）のファイルを選んでください。",
            "binary",
        )
    return text


def _no_data_error(has_header):
    if has_header:
        return SpreadsheetError(
            "見出し行しかありません。2行目以降にデータを入れてください。", "no_data"
        )
    return SpreadsheetError("データがありません（すべての行が空です）。", "no_data")


def _too_many_rows_error(max_rows):
    return SpreadsheetError(
        f"行数が上限（{max_rows:,}行）を超えています。ファイルを分けてインポートしてください。",
        "too_many_rows",
    )


def _column_letter(index):
    return get_column_letter(index + 1)


#: Rows between two calls of a reader's ``progress``.
PROGRESS_EVERY = 1000


def _is_blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _build_dataset(rows, max_rows, fill, progress=None):
    """Turn ``(row_number, cells)`` pairs into a Dataset; the first pair is the header.

    Trailing blank rows are dropped; a blank row between data rows stays (and fails as
    a row, with its own number) so that no row of the file is skipped unseen.
    ``progress(rows_read)`` is called every ``PROGRESS_EVERY`` rows and at the end.
    """
    rows = iter(rows)
    try:
        header_number, header = next(rows)
    except StopIteration:
        raise _no_data_error(has_header=False) from None
    header = ["" if cell is None else str(cell) for cell in header]
    if not any(cell.strip() for cell in header):
        raise SpreadsheetError(
            f"{header_number}行目（見出し行）が空です。1行目に列の見出しを入れてください。", "no_data"
        )
    body = []
    # Blank rows are only counted until a data row follows: a sheet may declare a
    # million formatted empty rows, which must cost nothing.
    blank_run = 0
    read = 0
    for number, cells in rows:
        read += 1
        if progress is not None and read % PROGRESS_EVERY == 0:
            progress(read)
        if all(_is_blank(cell) for cell in cells):
            blank_run += 1
            continue
        if len(body) + blank_run + 1 > max_rows:
            raise _too_many_rows_error(max_rows)
        body.extend((number - blank_run + offset, []) for offset in range(blank_run))
        blank_run = 0
        cells = list(cells)
        # Formatted empty cells at the end of a row are no data (and may be thousands).
        while cells and cells[-1] in (None, ""):
            cells.pop()
        body.append((number, cells))
    if progress is not None:
        progress(read)
    if not body:
        raise _no_data_error(has_header=True)

    width = len(header)
    while width and not header[width - 1].strip() and all(
        len(cells) < width or cells[width - 1] in (None, "") for _, cells in body
    ):
        width -= 1
    for index in range(width):
        if not header[index].strip():
            raise SpreadsheetError(
                f"{_column_letter(index)}列に見出しがありません。見出しのない列のデータは読み込めません。"
                "見出しを入れるか、列を削除してください。",
                "unnamed_column",
            )
    dataset = tablib.Dataset(headers=header[:width])
    # Each row leaves ``body`` as it enters the dataset: the file is held once, not twice.
    body.reverse()
    while body:
        number, cells = body.pop()
        if len(cells) < width:
            cells = cells + [fill] * (width - len(cells))
        extra = [cell for cell in cells[width:] if cell not in (None, "")]
        if extra:
            raise SpreadsheetError(
                f"{number}行目に見出しのない列のデータ（「{extra[0]}」）があります。"
                "見出しを入れるか、余分なデータを削除してください。",
                "ragged",
            )
        dataset.append(cells[:width])
    return dataset


def _read_text(text, *, delimiter, max_rows, progress=None):
    # field_size_limit stays at the csv default (128 KB per cell): a larger cell is junk.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header_width = None

    def numbered_rows():
        nonlocal header_width
        number = 0
        try:
            for cells in reader:
                number += 1
                if header_width is None:
                    header_width = len(cells)
                elif cells and len(cells) < header_width:
                    # Excel writes every column of every row; a short row means the
                    # file was cut or hand-edited, and guessing could shift values.
                    raise SpreadsheetError(
                        f"{number}行目の列の数（{len(cells)}）が見出し（{header_width}）より少なくなっています。"
                        "区切り文字（,）や引用符（\"）が欠けていないか確認してください。",
                        "ragged",
                    )
                yield number, cells
        except csv.Error:
            # csv's own message is English and technical (e.g. a cell over 128 KB).
            raise SpreadsheetError(
                f"{number + 1}行目を CSV として読めません。引用符（\"）の対応や、極端に長いセルがないか確認してください。",
                "broken",
            ) from None

    return _build_dataset(numbered_rows(), max_rows, fill="", progress=progress)


def _read_xlsx(data, *, max_rows, max_unzipped_bytes, progress=None):
    if not openpyxl.xml.DEFUSEDXML:
        # Without defusedxml openpyxl parses entity declarations: refuse rather than risk it.
        logger.error("openpyxl is running without defusedxml; XLSX import refused")
        raise SpreadsheetError(
            "サーバーの設定により Excel ファイルを安全に読めないため、読み込みを中止しました。"
            "システム管理者に連絡してください（defusedxml が無効です）。",
            "unsafe_xml",
        )
    broken = SpreadsheetError(
        "Excel（XLSX）ファイルとして読めません。ファイルが壊れているか、途中で切れています。"
        "Excel で開けることを確かめてから、保存し直してください。",
        "broken",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        raise broken from None
    unzipped = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unzipped > max_unzipped_bytes:
        raise SpreadsheetError(
            f"Excel ファイルを展開すると大きすぎます（{format_size(unzipped)}、上限 {format_size(max_unzipped_bytes)}）。"
            "不正なファイル（zip 爆弾）の可能性があるため読み込みません。",
            "zip_bomb",
        )

    last_row = None

    def numbered_rows(sheet):
        # Declared dimensions are ignored: a bogus "A1:XFD1048576" would pad every row
        # to 16,384 cells. Rows end at the last one with a value (scan_sheet).
        sheet.reset_dimensions()
        if last_row == 0:
            return
        yield from enumerate(sheet.iter_rows(min_row=1, max_row=last_row, values_only=True), start=1)

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.active
            if sheet is None:
                raise broken
            with book._archive.open(sheet._worksheet_path) as stream:
                last_row, has_formulas = scan_sheet(stream)
            dataset = _build_dataset(numbered_rows(sheet), max_rows, fill=None, progress=progress)
        finally:
            book.close()
        if has_formulas:
            _refuse_formulas_without_results(data, numbered_rows)
        return dataset
    except SpreadsheetError:
        raise
    except Exception as error:
        if _caused_by(error, DefusedXmlException):
            raise SpreadsheetError(
                "安全でない内容（XML のエンティティ定義）を含むため、この Excel ファイルは読み込みません。"
                "Excel で開いて新しいファイルに保存し直してください。",
                "unsafe_xml",
            ) from None
        # openpyxl raises whatever its parser meets (KeyError, ParseError, TypeError, …)
        # for a damaged workbook; all of them mean the same to staff.
        logger.info("unreadable XLSX upload", exc_info=True)
        raise broken from None


# The worksheet elements scan_sheet looks for, with or without a namespace prefix:
# rows, a cell's value (<v>), inline string (<is>) or formula (<f>), and the end of the data.
_SHEET_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|v|is|f|sheetData)(?=[\s/>])([^>]*)>")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")
_SCAN_CHUNK = 1024 * 1024


def scan_sheet(stream):
    """Find how far a worksheet's data goes, reading its XML as a stream.

    ``stream`` is the worksheet part of an XLSX (``xl/worksheets/sheet1.xml``), opened
    from the zip. Returns ``(last_row, has_formulas)``: the number of the last row with a
    cell that holds a value, an inline string or a formula (0 if none does), and whether
    any cell holds a formula. Formatted empty cells and rows (``<c r="A9" s="3"/>``) do not
    count. The scan is cautious: it may name a later row than the reader would find a
    value in (an empty ``<v/>``), never an earlier one. It reads in chunks, so a sheet of
    a million formatted empty rows costs one pass over the bytes and little memory.
    """
    last_row = 0
    row = 0
    has_formulas = False
    pending = b""
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        buffer = pending + chunk
        # A tag cut by the chunk's end waits for the next chunk.
        cut = buffer.rfind(b"<") if chunk else len(buffer)
        if cut == -1:
            cut = len(buffer)
        for match in _SHEET_TAG.finditer(buffer, 0, cut):
            closing, name, attributes = match.groups()
            if name == b"sheetData":
                if closing or attributes.rstrip().endswith(b"/"):
                    return last_row, has_formulas
                continue
            if closing:
                continue
            if name == b"row":
                number = _ROW_NUMBER.search(attributes)
                row = int(number.group(1)) if number else row + 1
            else:
                last_row = max(last_row, row)
                has_formulas = has_formulas or name == b"f"
        pending = buffer[cut:]
        if not chunk:
            return last_row, has_formulas


def _refuse_formulas_without_results(data, numbered_rows):
    """Raise ``SpreadsheetError`` if a formula cell has no saved result.

    Excel saves each formula's last result, which the import reads. A file written by a
    script or another tool may hold the formula only: read as values, the cell would be
    empty and silently erase the stored value, so the file is refused, naming the cells.
    """
    import openpyxl

    formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        missing = []
        pairs = zip(numbered_rows(formulas.active), numbered_rows(values.active))
        for (line, formula_row), (_, value_row) in pairs:
            for index, cell in enumerate(formula_row):
                value = value_row[index] if index < len(value_row) else None
                if isinstance(cell, str) and cell.startswith("=") and value is None:
                    missing.append(f"{line}行目 {_column_letter(index)}列「{cell}」")
                    if len(missing) >= 10:
                        break
            if len(missing) >= 10:
                break
    finally:
        formulas.close()
        values.close()
    if missing:
        raise SpreadsheetError(
            "数式の計算結果がファイルに保存されていないセルがあります: "
            + "、".join(missing)
            + "。Excel で開いて保存し直すか、値として貼り付けてからアップロードしてください。"
            "（空のまま読むと登録済みの値が消えるため、読み込みません。）",
            "formula",
        )


def _caused_by(error, kind):
    """Whether ``error`` or an exception it was raised from is a ``kind``.

    openpyxl re-raises parser errors as a plain ``ValueError`` ``from`` the original.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


# --- import_export formats used by the admin (settings.IMPORT_FORMATS / EXPORT_FORMATS) ---


class _ReaderMixin:
    """``create_dataset`` through :func:`read_dataset`; bytes in, bytes out.

    ``is_binary()`` is true so that the admin hands the uploaded bytes over untouched
    (``import_export`` would otherwise decode them as UTF-8 before we can detect CP932).
    """

    portal_format = None

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_dataset(in_stream, file_format=self.portal_format)

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"


class PortalCSV(_ReaderMixin, CSV):
    """CSV: imports UTF-8, UTF-8 with BOM or CP932; exports UTF-8 with a BOM.

    The BOM is what makes Japanese Excel open a UTF-8 CSV without mojibake.
    ``export_data`` returns ``bytes``.
    """

    portal_format = "csv"
    CONTENT_TYPE = "text/csv; charset=utf-8"

    def export_data(self, dataset, **kwargs):
        return UTF8_BOM + self.export_text(dataset, **kwargs).encode("utf-8")

    def export_text(self, dataset, **kwargs):
        """The CSV text of ``dataset`` (``str``, CRLF line ends), before encoding."""
        # tablib's format name, not get_title(), which CP932CSV changes for the admin.
        if getattr(settings, "IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT", False) is True:
            self._escape_formulae(dataset)
        return dataset.export("csv", **kwargs)


class ExcelCSV(PortalCSV):
    """The admin's default CSV export, named for staff: UTF-8 with a BOM (export only).

    Same bytes as :class:`PortalCSV`; a class of its own only so that the export form
    can say what it is, while the import form keeps the plain "csv" that its script
    matches against the file's extension.
    """

    def get_title(self):
        return "CSV（UTF-8・Excel 用 BOM 付き）"

    def can_import(self):
        return False


class CP932CSV(PortalCSV):
    """CSV for older Japanese Excel and other systems that read only Shift_JIS (CP932).

    Export only. ``export_data`` returns CP932 ``bytes``, or raises ``ValueError`` with a
    Japanese message naming the first row, column and character CP932 cannot hold
    or give back unchanged (e.g. 𠮷, or the wave dash 〜 that Python's cp932 codec
    writes as ～): such a file would silently lose or change data.
    """

    CONTENT_TYPE = "text/csv; charset=Windows-31J"

    def get_title(self):
        return "CSV (CP932 / Shift_JIS)"

    def can_import(self):
        return False

    def export_data(self, dataset, **kwargs):
        text = self.export_text(dataset, **kwargs)
        try:
            encoded = text.encode("cp932")
        except UnicodeEncodeError:
            raise self._unencodable_error(dataset) from None
        # Python's cp932 encodes some characters it cannot give back: 〜 (U+301C) and
        # − (U+2212) are written as ～ and －. Only a round trip proves nothing is lost.
        if encoded.decode("cp932") != text:
            raise self._unencodable_error(dataset)
        return encoded

    @staticmethod
    def _unencodable_error(dataset):
        headers = list(dataset.headers or [])
        for column, header in enumerate(headers):
            _check_cp932(header, "見出し行", header)
        for number, row in enumerate(dataset, start=2):
            for column, value in enumerate(row):
                label = headers[column] if column < len(headers) else _column_letter(column)
                _check_cp932(value, f"{number}行目", label)
        return ValueError("CP932（Shift_JIS）で表せない文字があるため出力できません。")


def _check_cp932(value, where, label):
    for char in "" if value is None else str(value):
        try:
            lossless = char.encode("cp932").decode("cp932") == char
        except UnicodeEncodeError:
            lossless = False
        if not lossless:
            raise ValueError(
                f"{where}の「{label}」にある文字「{char}」（U+{ord(char):04X}）は CP932（Shift_JIS）で"
                "表せないため、CP932 の CSV は出力できません。「csv」（UTF-8）か「xlsx」で出力してください。"
            )


class PortalTSV(_ReaderMixin, TSV):
    """TSV (tab-separated text) import, with the same encodings as :class:`PortalCSV`."""

    portal_format = "tsv"

    def can_export(self):
        return False


class PortalXLSX(_ReaderMixin, XLSX):
    """XLSX import through :func:`read_dataset` (caps, defusedxml, content check).

    For export use ``import_export``'s own ``XLSX``: the admin writes native cell types
    (numbers, dates) only for that exact class.
    """

    portal_format = "xlsx"

    def can_export(self):
        return False
