"""Reading spreadsheet files: encodings, caps, content checks (spreadsheets.formats).

The admin screens built on this are tested in test_spreadsheet_admin_import.py.
"""
import io
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
import tablib

from spreadsheets.formats import (
    CP932CSV,
    PortalCSV,
    SpreadsheetError,
    read_dataset,
)

DATA = Path(__file__).resolve().parent / "data"


def test_openpyxl_parses_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_cp932_csv_from_japanese_excel_keeps_cp932_only_characters():
    raw = (DATA / "divisions_excel_cp932.csv").read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    dataset = read_dataset(raw, "divisions_excel_cp932.csv")
    assert dataset.headers == ["name", "order", "source"]
    # Shift_JIS would read 0x8160 as 〜 (U+301C); Excel meant ～ (U+FF5E).
    assert dataset.dict == [{"name": "髙橋①㈱～課", "order": "90", "source": "市政概要 3"}]


def test_utf8_bom_csv_has_no_bom_in_its_first_header():
    dataset = read_dataset((DATA / "divisions_utf8_bom.csv").read_bytes(), "x.csv")
    assert dataset.headers[0] == "name"
    assert dataset[0][0] == "𠮷野家連携課"


def test_plain_utf8_csv_and_path_source(tmp_path):
    path = tmp_path / "課.csv"
    path.write_bytes("name,order\n熊本,1\n".encode())
    assert read_dataset(path).dict == [{"name": "熊本", "order": "1"}]


def test_tsv_is_read_with_tabs():
    dataset = read_dataset("name\torder\r\n国際課\t2\r\n".encode("cp932"), "x.tsv")
    assert dataset.dict == [{"name": "国際課", "order": "2"}]


def test_format_is_taken_from_content_when_the_name_says_nothing():
    workbook = (DATA / "workbook.xlsx").read_bytes()
    assert read_dataset(workbook).headers == ["name", "order", "source"]
    assert read_dataset(b"a\tb\n1\t2\n").dict == [{"a": "1", "b": "2"}]


def test_xlsx_cells_keep_their_types_and_trailing_blank_rows_are_dropped():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "order", None])
    sheet.append(["国際課", 2])
    sheet.append([None, None])
    sheet.append(["広報課", 5])
    sheet["A20"] = None  # formatted but empty rows at the end
    out = io.BytesIO()
    book.save(out)
    dataset = read_dataset(out.getvalue(), "x.xlsx")
    assert dataset.headers == ["name", "order"]
    # The blank row between data rows stays, so it fails as row 3 instead of vanishing.
    assert list(dataset) == [("国際課", 2), (None, None), ("広報課", 5)]


@pytest.mark.parametrize(
    ("content", "code", "fragment"),
    [
        (b"name,order\n1,2,3\n", "ragged", "2行目に見出しのない列のデータ（「3」）"),
        (b"name,order\n1\n", "ragged", "2行目の列の数（1）が見出し（2）より少なく"),
        (b"name,,order\n1,x,2\n", "unnamed_column", "B列に見出しがありません"),
        (b",,\n1,2,3\n", "no_data", "1行目（見出し行）が空です"),
        (b"name\n\x81\x20\n", "encoding", "2行目のバイト列（81 20）は UTF-8 としても Shift_JIS（CP932）としても読めません"),
        (b"name\nab\x01c\n", "binary", "2行目に制御文字 U+0001"),
        (b"\xff\xfen\x00a\x00", "wrong_type", "UTF-16"),
    ],
)
def test_broken_text_is_refused_with_a_japanese_message(content, code, fragment):
    with pytest.raises(SpreadsheetError) as caught:
        read_dataset(content, "x.csv")
    assert caught.value.code == code
    assert fragment in str(caught.value)


def test_caps_can_be_passed_and_come_from_settings(settings):
    settings.PORTAL_IMPORT_MAX_ROWS = 2
    with pytest.raises(SpreadsheetError, match="行数が上限（2行）を超えています"):
        read_dataset(b"a\n1\n2\n3\n", "x.csv")
    assert len(read_dataset(b"a\n1\n2\n3\n", "x.csv", max_rows=3)) == 3
    with pytest.raises(SpreadsheetError, match="（202 バイト）。上限は105 バイトです") as caught:
        read_dataset(b"a\n" + b"1\n" * 100, "x.csv", max_bytes=105)
    assert caught.value.code == "too_large"


def test_zip_bomb_is_refused_before_unzipping():
    bomb = (DATA / "zip_bomb.xlsx").read_bytes()
    assert len(bomb) < 200_000
    with pytest.raises(SpreadsheetError, match="展開すると大きすぎます") as caught:
        read_dataset(bomb, "x.xlsx")
    assert caught.value.code == "zip_bomb"


def test_utf8_bom_export_opens_in_japanese_excel():
    data = tablib.Dataset(["国際課", "2"], headers=["課名", "表示順"])
    exported = PortalCSV().export_data(data)
    assert exported.startswith(b"\xef\xbb\xbf")
    assert exported.decode("utf-8-sig") == "課名,表示順\r\n国際課,2\r\n"


def test_cp932_export_keeps_cp932_characters():
    data = tablib.Dataset(["髙橋①㈱～", "2"], headers=["課名", "表示順"])
    assert CP932CSV().export_data(data).decode("cp932") == "課名,表示順\r\n髙橋①㈱～,2\r\n"


@pytest.mark.parametrize("char", ["𠮷", "〜", "−"])
def test_cp932_export_refuses_what_cp932_cannot_hold(char):
    data = tablib.Dataset(["国際課", "2"], [f"吉{char}", "3"], headers=["課名", "表示順"])
    with pytest.raises(ValueError) as caught:
        CP932CSV().export_data(data)
    assert f"3行目の「課名」にある文字「{char}」" in str(caught.value)
    assert "CP932（Shift_JIS）で表せない" in str(caught.value)


def test_empty_file_is_refused():
    with pytest.raises(SpreadsheetError, match="ファイルが空です（0 バイト）") as caught:
        read_dataset((DATA / "empty.csv").read_bytes(), "empty.csv")
    assert caught.value.code == "empty"


def test_xml_bomb_is_refused_as_unsafe():
    with pytest.raises(SpreadsheetError, match="XML のエンティティ定義") as caught:
        read_dataset((DATA / "xml_bomb.xlsx").read_bytes(), "x.xlsx")
    assert caught.value.code == "unsafe_xml"


def test_undecodable_byte_is_named_where_the_best_encoding_stops():
    # A UTF-8 file with one stray byte on line 3: CP932 would stop on line 2 already.
    content = "name\n国際課\n".encode() + b"\x81\x20\n"
    with pytest.raises(SpreadsheetError, match="3行目のバイト列（81 20）"):
        read_dataset(content, "x.csv")


def _workbook_bytes(*rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_formula_without_its_saved_result_is_refused_naming_the_cell():
    """Regression: a formula written by a script (no cached result) was read as an empty
    cell, and the import erased the stored count while reporting success."""
    data = _workbook_bytes(["name", "order", "source"], ["国際課", "=1+1", "市政概要 3"])
    with pytest.raises(SpreadsheetError) as raised:
        read_dataset(data, "divisions.xlsx")
    assert raised.value.code == "formula"
    assert "2行目 B列「=1+1」" in str(raised.value)


def test_a_workbook_without_formulas_is_read_as_before():
    data = _workbook_bytes(["name", "order", "source"], ["国際課", 2, "'=1+1 は文字"])
    dataset = read_dataset(data, "divisions.xlsx")
    assert dataset[0] == ("国際課", 2, "'=1+1 は文字")


def _with_sheet_xml(data, change):
    """``data`` (an XLSX) with its first worksheet's XML passed through ``change``."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            member = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                member = change(member)
            target.writestr(item, member)
    return out.getvalue()


def test_a_million_formatted_empty_rows_below_the_data_are_never_read():
    """Regression: Excel and LibreOffice leave formatted empty rows below the data, and the
    sheet says it is A1:C1048576; the reader went through every one of them."""
    data = _workbook_bytes(["name", "order", "source"], ["国際課", 2, "市政概要 3"], ["観光政策課", 3, "市政概要 4"])
    styled = "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(4, 1_048_577)).encode()

    def pad(xml):
        xml = xml.replace(b"</sheetData>", styled + b"</sheetData>")
        return xml.replace(b'<dimension ref="A1:C3"/>', b'<dimension ref="A1:C1048576"/>')

    padded = _with_sheet_xml(data, pad)
    assert len(padded) < 5 * 1024 * 1024  # within the upload limit, as such files are
    rows_read = []
    dataset = read_dataset(padded, "divisions.xlsx", progress=rows_read.append)
    assert [tuple(row) for row in dataset] == [("国際課", 2, "市政概要 3"), ("観光政策課", 3, "市政概要 4")]
    # The reader stopped at the last row with a value: two data rows read, not a million.
    assert rows_read == [2]


def test_a_blank_row_between_data_rows_is_still_read():
    data = _workbook_bytes(["name", "order", "source"], ["国際課", 2, "市政概要 3"], [None, None, None], ["観光政策課", 3, "市政概要 4"])
    dataset = read_dataset(data, "divisions.xlsx")
    assert len(dataset) == 3 and dataset[1] == (None, None, None)


def test_the_sheet_scan_finds_the_last_row_with_a_value_or_formula():
    from spreadsheets.formats import scan_sheet

    xml = (
        b'<worksheet xmlns="x"><dimension ref="A1:Z999"/><sheetData>'
        b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        b'<row r="2" s="3" customFormat="1"><c r="A2" s="3"/></row>'
        b'<row r="5"><c r="B5" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row><c r="A6"><f>1+1</f></c></row>'  # no r: the row after 5
        b'<row r="900" s="1"/>'
        b'</sheetData><rowBreaks count="1"><brk id="7"/></rowBreaks></worksheet>'
    )
    assert scan_sheet(io.BytesIO(xml)) == (6, True)
    assert scan_sheet(io.BytesIO(xml.replace(b"<f>1+1</f>", b""))) == (5, False)
