"""Write the sample spreadsheet files of tests/spreadsheets/test_spreadsheet_files.py into tests/spreadsheets/data/.

Run ``python tests/spreadsheets/data/make_spreadsheet_samples.py`` to rebuild them; the files are
committed so that the tests read exactly the bytes a user would upload. Each file is
what its name says:

- ``divisions_excel_cp932.csv``: as Japanese Excel saves "CSV (コンマ区切り)": CP932,
  CRLF line ends, no BOM; a new division whose name uses CP932-only characters.
- ``divisions_utf8_bom.csv``: as Excel saves "CSV UTF-8 (コンマ区切り)": BOM, CRLF.
- hostile files, each refused with a message: ``png_named.xlsx`` (a PNG image),
  ``truncated.xlsx`` (a workbook cut in half), ``zip_bomb.xlsx`` (a workbook whose sheet
  unzips to 120 MB of zeros), ``xml_bomb.xlsx`` (billion laughs in the sheet XML),
  ``binary_junk.csv`` (random bytes), ``empty.csv`` (0 bytes), ``header_only.csv``,
  ``workbook.xlsx`` (a valid workbook, uploaded as CSV by the tests).
"""
import io
import random
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = ["name", "order", "source"]
# 髙 (CP932 FBFC), ① (8740), ㈱ (878D), ～ (8160 as CP932 reads it, not Shift_JIS's 〜).
CP932_ROWS = [["髙橋①㈱～課", "90", "市政概要 3"]]
BOM_ROWS = [["𠮷野家連携課", "91", "市政概要 3"]]  # 𠮷: not in CP932, fine in UTF-8


def csv_bytes(rows, encoding, bom=b""):
    lines = [",".join(row) for row in [HEADER, *rows]]
    return bom + ("\r\n".join(lines) + "\r\n").encode(encoding)


def workbook_bytes(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def replace_member(xlsx, name, content):
    """Return ``xlsx`` bytes with member ``name`` replaced by ``content`` (bytes)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == name:
                with target.open(name, "w", force_zip64=True) as member:
                    if isinstance(content, bytes):
                        member.write(content)
                    else:
                        for chunk in content:
                            member.write(chunk)
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def billion_laughs():
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE worksheet [\n' + "\n".join(entities) + "\n]>\n"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()


def zeros(total, chunk=1024 * 1024):
    for _ in range(total // chunk):
        yield b"0" * chunk


def samples():
    workbook = workbook_bytes([["国際課", 2, "市政概要 3"]])
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    junk = random.Random(3).randbytes(4096)
    return {
        "divisions_excel_cp932.csv": csv_bytes(CP932_ROWS, "cp932"),
        "divisions_utf8_bom.csv": csv_bytes(BOM_ROWS, "utf-8", bom=b"\xef\xbb\xbf"),
        "png_named.xlsx": png,
        "truncated.xlsx": workbook[: len(workbook) // 2],
        "zip_bomb.xlsx": replace_member(workbook, "xl/worksheets/sheet1.xml", zeros(120 * 1024 * 1024)),
        "xml_bomb.xlsx": replace_member(workbook, "xl/worksheets/sheet1.xml", billion_laughs()),
        "binary_junk.csv": junk,
        "empty.csv": b"",
        "header_only.csv": csv_bytes([], "utf-8"),
        "workbook.xlsx": workbook,
    }


if __name__ == "__main__":
    for name, content in samples().items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")
