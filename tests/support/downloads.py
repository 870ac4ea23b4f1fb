"""Read what a citizen sees: the rows of a page's tables, and a download in each format."""
import csv
import io
import json
import re
from html.parser import HTMLParser

from openpyxl import load_workbook

BOM = "\ufeff"


class _Tables(HTMLParser):
    """Collect each table's caption and body rows (cell texts; <br> and list items as lines)."""

    def __init__(self):
        super().__init__()
        self.tables = []
        self._cell = None
        self._in_body = False
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self._in_body:
            self._cell = []
        elif tag in ("br", "li") and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(clean("".join(self._cell)))
            self._cell = None

    def handle_data(self, data):
        if self._in_caption:
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell.append(data)


def clean(text: str) -> str:
    """Trim each line, fold spaces within it and drop empty lines."""
    lines = (re.sub(r"[ \t\r]+", " ", line).strip() for line in str(text).split("\n"))
    return "\n".join(line for line in lines if line)


def page_tables(html: str) -> list[dict]:
    """The tables of a page: ``[{"caption": …, "rows": [[cell, …], …]}, …]``."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def table_rows(html: str, caption_start: str) -> list[list[str]]:
    """Body rows of every table whose caption starts with ``caption_start`` (in page order).

    A row saying there are no records (one cell spanning the table) is left out.
    """
    rows = []
    for table in page_tables(html):
        if table["caption"].strip().startswith(caption_start):
            rows += [row for row in table["rows"] if len(row) > 1]
    return rows


def body(response) -> bytes:
    """The whole body of a response, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def read_download(content: bytes, key: str) -> tuple[list[str], list[dict]]:
    """The headers and rows (dicts of header → text) of a download in format ``key``.

    Every value is read back as text the way a spreadsheet user sees it: numbers without
    decimals when whole, empty for nothing.
    """
    if key in ("csv", "csv-sjis"):
        if key == "csv":
            assert content.startswith(BOM.encode("utf-8")), "UTF-8 CSV without BOM"
            text = content.decode("utf-8")[1:]
        else:
            text = content.decode("cp932")
        reader = csv.reader(io.StringIO(text, newline=""))
        headers, *rows = list(reader)
        return headers, [dict(zip(headers, row)) for row in rows]
    if key == "xlsx":
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        headers, *rows = [[as_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        # A row whose last cells are empty may be stored shorter than the headers.
        return headers, [dict(zip(headers, row + [""] * (len(headers) - len(row)))) for row in rows]
    if key == "json":
        records = json.loads(content.decode("utf-8"))
        headers = list(records[0]) if records else []
        return headers, [{k: as_text(v) for k, v in record.items()} for record in records]
    raise ValueError(key)


def as_text(value) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "はい"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
