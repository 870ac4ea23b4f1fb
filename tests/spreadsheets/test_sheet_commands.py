"""``manage.py import_sheet`` / ``export_sheet``: the yearly bulk update from a shell."""
import io

import pytest
import tablib
from django.core.management import call_command
from django.core.management.base import CommandError
from import_export.formats.base_formats import CSV, XLSX

from audit.models import BatchKind, ChangeBatch
from audit.undo import undo_batch
from exchange.models import ExchangeActivity
from exchange.resources import ExchangeActivityResource
from spreadsheets.management.commands.import_sheet import Command as ImportSheet
from tests.support.content_snapshot import content_snapshot

FIELDS = ("city__name", "order", "date", "description", "participant_count", "source")


def _activities():
    return sorted(ExchangeActivity.objects.values_list(*FIELDS))


def _column(headers, field_name):
    resource = ExchangeActivityResource()
    return headers.index(resource.column_label(resource.fields[field_name]))


def _edited_file(tmp_path, suffix, edit):
    """The admin's export of the activities, changed by ``edit(headers, rows)``, saved."""
    dataset = ExchangeActivityResource().export(force_native_type=suffix == ".xlsx")
    headers, rows = dataset.headers, [list(row) for row in dataset]
    edit(headers, rows)
    edited = tablib.Dataset(*rows, headers=headers)
    path = tmp_path / f"activities{suffix}"
    if suffix == ".xlsx":
        path.write_bytes(XLSX().export_data(edited))
    else:
        path.write_text(CSV().export_data(edited), encoding="utf-8-sig")
    return path


def _one_change_one_new(headers, rows):
    rows[0][_column(headers, "description")] = "書き直した内容"
    new = list(rows[0])
    new[_column(headers, "order")] = 900
    new[_column(headers, "description")] = "新しく加えた交流"
    rows.append(new)


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_dry_run_counts_the_changes_and_writes_nothing(tmp_path, suffix):
    path = _edited_file(tmp_path, suffix, _one_change_one_new)
    before = _activities()
    out, _ = _run("import_sheet", "exchange.ExchangeActivity", str(path), "--dry-run", "--no-progress")
    assert "新規 1件、変更 1件" in out
    assert f"変更なし {len(before) - 1}件" in out
    assert "データベースは変更していません" in out
    assert _activities() == before


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_good_file_is_imported(tmp_path, suffix):
    path = _edited_file(tmp_path, suffix, _one_change_one_new)
    count = ExchangeActivity.objects.count()
    out, _ = _run("import_sheet", "交流の記録", str(path), "--no-progress")
    assert "取り込みました" in out and "新規 1件、変更 1件" in out
    assert ExchangeActivity.objects.count() == count + 1
    descriptions = set(ExchangeActivity.objects.values_list("description", flat=True))
    assert {"書き直した内容", "新しく加えた交流"} <= descriptions


@pytest.mark.django_db
def test_an_import_is_a_batch_that_undo_puts_back(tmp_path):
    """A command's import is recorded like an upload's, so a mistaken run can be undone."""
    before = content_snapshot()
    path = _edited_file(tmp_path, ".csv", _one_change_one_new)

    _run("import_sheet", "exchange.ExchangeActivity", str(path), "--no-progress", "--reason", "年度更新")

    batch = ChangeBatch.objects.get()
    assert (batch.kind, batch.user, batch.label, batch.reason) == (
        BatchKind.IMPORT, None, "activities.csv", "年度更新"
    )
    assert (batch.new_count, batch.changed_count, batch.deleted_count) == (1, 1, 0)
    assert batch.unchanged_count == ExchangeActivity.objects.count() - 2
    undo_batch(batch, user=None)
    assert content_snapshot() == before


@pytest.mark.django_db
def test_a_refused_import_or_a_dry_run_records_no_batch(tmp_path):
    _run("import_sheet", "exchange.ExchangeActivity", str(_edited_file(tmp_path, ".csv", _one_change_one_new)),
         "--dry-run", "--no-progress")
    with pytest.raises(CommandError):
        _run("import_sheet", "exchange.ExchangeActivity", str(_edited_file(tmp_path, ".xlsx", _two_bad_rows)),
             "--no-progress")
    assert not ChangeBatch.objects.exists()


def _two_bad_rows(headers, rows):
    _one_change_one_new(headers, rows)
    rows[2][_column(headers, "participant_count")] = "たくさん"
    rows[5][_column(headers, "source")] = "どこかの本"


@pytest.mark.django_db
def test_a_file_with_bad_rows_names_each_and_writes_nothing(tmp_path):
    path = _edited_file(tmp_path, ".xlsx", _two_bad_rows)
    before = _activities()
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_sheet", "exchange.exchangeactivity", str(path), "--no-progress", stderr=err)
    assert "2行に誤りがあります" in str(raised.value)
    assert "データベースは変更していません" in str(raised.value)
    lines = err.getvalue().splitlines()
    # Data rows 3 and 6 are spreadsheet lines 4 and 7 (the header is line 1), each named
    # once with its column (regression: "データ1行目(ファイルの2行目) city: 2行目「都市」: …").
    assert any(line.startswith("4行目「人数(人)」") and "たくさん" in line for line in lines), lines
    assert any(line.startswith("7行目「出典」") for line in lines), lines
    assert not any(line.startswith("データ") or "行目「" in line[5:] for line in lines), lines
    # The valid change and the valid new row of the same file were not written either.
    assert _activities() == before


@pytest.mark.django_db
def test_a_bad_file_exits_with_a_non_zero_status(tmp_path, capsys):
    path = _edited_file(tmp_path, ".xlsx", _two_bad_rows)
    with pytest.raises(SystemExit) as exited:
        ImportSheet().run_from_argv(
            ["manage.py", "import_sheet", "exchange.ExchangeActivity", str(path), "--no-progress"]
        )
    assert exited.value.code == 1
    assert "取り込みを中止しました" in capsys.readouterr().err


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_sheet_then_import_sheet_changes_nothing(tmp_path, suffix):
    path = tmp_path / f"export{suffix}"
    before = _activities()
    out, _ = _run("export_sheet", "交流の記録", str(path))
    assert f"{len(before)}件" in out
    out, _ = _run("import_sheet", "交流の記録", str(path), "--no-progress")
    assert f"新規 0件、変更 0件、変更なし {len(before)}件" in out
    assert _activities() == before


@pytest.mark.django_db
def test_the_csv_export_starts_with_a_bom_for_japanese_excel(tmp_path):
    path = tmp_path / "export.csv"
    _run("export_sheet", "exchange.ExchangeActivity", str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "桂林市" in path.read_text(encoding="utf-8-sig")


@pytest.mark.django_db
def test_a_cp932_csv_is_read(tmp_path):
    source = _edited_file(tmp_path, ".csv", _one_change_one_new)
    path = tmp_path / "cp932.csv"
    path.write_bytes(source.read_text(encoding="utf-8-sig").encode("cp932"))
    out, _ = _run("import_sheet", "交流の記録", str(path), "--dry-run", "--no-progress")
    assert "新規 1件、変更 1件" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["存在しないモデル", "x.csv"], "「存在しないモデル」というモデルはありません"),
        (["交流の記録", "x.txt"], "拡張子は .csv・.tsv・.xlsx のどれか"),
        (["交流の記録", "missing.csv"], "を読めません"),
    ],
)
def test_a_wrong_model_or_file_is_a_japanese_error(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    before = _activities()
    with pytest.raises(CommandError, match=message):
        call_command("import_sheet", *args, "--no-progress")
    assert _activities() == before


@pytest.mark.django_db
def test_an_empty_or_broken_file_is_a_japanese_error(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CommandError, match="ファイルが空です"):
        call_command("import_sheet", "交流の記録", str(empty), "--no-progress")
    with pytest.raises(CommandError, match="XLSX）ファイルとして読めません"):
        call_command("import_sheet", "交流の記録", str(broken), "--no-progress")


@pytest.mark.django_db
def test_the_progress_bar_shows_on_a_terminal_only(tmp_path, capsys, monkeypatch):
    path = _edited_file(tmp_path, ".xlsx", _one_change_one_new)
    rows = ExchangeActivity.objects.count() + 1
    call_command("import_sheet", "交流の記録", str(path), "--dry-run")
    assert "行/s" not in capsys.readouterr().err  # not a terminal: no bar
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    call_command("import_sheet", "交流の記録", str(path), "--dry-run")
    assert f"/{rows} [" in capsys.readouterr().err
    call_command("import_sheet", "交流の記録", str(path), "--dry-run", "--no-progress")
    assert "行/s" not in capsys.readouterr().err


@pytest.mark.django_db
def test_export_sheet_writes_csv_dates_in_wareki_as_the_admin_does(tmp_path):
    """Regression: export_sheet's CSV had ISO dates (2013-08-01), the admin's 和暦."""
    path = tmp_path / "activities.csv"
    call_command("export_sheet", "交流の記録", str(path))
    text = path.read_text(encoding="utf-8-sig")
    assert "平成25年(2013年)8月" in text
    assert "2013-08-01" not in text


@pytest.mark.django_db
def test_a_header_mistake_is_reported_as_such_not_as_zero_bad_rows(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("都市,番号ちがい,年月\n桂林市,1,平成25年8月\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="見出しや形式に誤りがあります") as raised:
        call_command("import_sheet", "交流の記録", str(path), "--no-progress", stderr=err)
    assert "0行" not in str(raised.value)
    assert "番号ちがい" in err.getvalue()
