"""Benchmark: import a generated XLSX of exchange activities, fast path vs. row by row.

Usage: ``python bench/bench_import.py [--rows 10000] [--big-rows 50000]`` (``make bench-import``).

Builds a throwaway SQLite database (migrated, the document's fixtures loaded) in a temp
directory, generates XLSX files of new exchange activities (65 partner-city activities
exist; the generated rows are new ones spread over the partner cities), then imports each
file in a fresh subprocess on a fresh copy of the database, so that each measurement's
peak memory (``ru_maxrss``, the whole process: Python, Django, the file and the import)
is its own. Timed: reading the XLSX into a dataset and ``import_data(dry_run=False)``.

Measured:
- ``fast``: ``ExchangeActivityResource`` (the portal's path, ``bulk.py``);
- ``portal-row``: the same resource with ``use_fast_import = False`` (the library's
  row-by-row loop with the portal's widgets);
- ``library``: a plain django-import-export ``ModelResource`` with the same fields and
  natural key, ``use_bulk = False`` (the library's default path);
- ``fast-50k``: the fast path on a ``--big-rows`` file, for peak memory (target < 300 MB);
- ``worker-50k``: the admin's background import of the same file as the task worker does
  it: a job is queued on the database queue and ``db_worker`` checks it (the preview),
  then, confirmed, writes it; the worker process's peak memory (target ≤ 300 MB).

Prints a table of rows/s, seconds and peak memory and the speed-up ratio (target ≥ 5×).
Exits non-zero if an import reports errors or writes the wrong number of rows.
"""
import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, django_on, pad, run_step  # noqa: E402


def _plain_resource_class():
    from import_export import fields, resources
    from import_export.widgets import ForeignKeyWidget

    from exchange.models import ExchangeActivity, PartnerCity
    from exchange.resources import ExchangeActivityResource

    class PlainExchangeActivityResource(resources.ModelResource):
        city = fields.Field(
            attribute="city", column_name="city", widget=ForeignKeyWidget(PartnerCity, field="name")
        )

        class Meta:
            model = ExchangeActivity
            import_id_fields = ["city", "order"]
            fields = list(ExchangeActivityResource._meta.fields)
            skip_unchanged = True
            report_skipped = True
            use_transactions = True
            clean_model_instances = True
            use_bulk = False

    return PlainExchangeActivityResource


def _resource(kind):
    from exchange.resources import ExchangeActivityResource

    if kind == "library":
        return _plain_resource_class()()
    resource_obj = ExchangeActivityResource()
    if kind == "portal-row":
        resource_obj.use_fast_import = False
    return resource_obj


def setup_database(db_path):
    """Migrate a fresh SQLite file and load every fixture (run in a subprocess)."""
    django_on(db_path)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)


def generate(db_path, rows, kind, out_path):
    """Write ``rows`` new activities as XLSX, with the headers ``kind``'s resource reads."""
    django_on(db_path)
    import datetime

    from import_export.formats.base_formats import XLSX

    from exchange.models import ActivityDirection, ExchangeActivity, PartnerCity

    cities = list(PartnerCity.objects.order_by("order"))
    directions = [choice for choice in ActivityDirection.values]
    objs = []
    for i in range(int(rows)):
        count = None if i % 3 == 0 else (i % 200) + 1
        objs.append(
            ExchangeActivity(
                city=cities[i % len(cities)],
                order=1000 + i // len(cities),
                date=datetime.date(1990 + i % 30, 1 + i % 12, 1),
                date_precision="month",
                direction=directions[i % len(directions)],
                description=f"ベンチマーク用の交流 第{i + 1}件 職員{(i % 9) + 1}名を派遣",
                participant_count=count,
                participant_count_is_partial=bool(count and i % 7 == 0),
                source="市政概要 3(3)",
            )
        )
    dataset = _resource(kind).export(queryset=objs, force_native_type=True)
    Path(out_path).write_bytes(XLSX().export_data(dataset))


def measure(db_path, kind, xlsx_path):
    """Import ``xlsx_path`` with ``kind``'s path; print a JSON line of the measurement."""
    django_on(db_path)
    from import_export.formats.base_formats import XLSX
    from import_export.results import RowResult

    from exchange.models import ExchangeActivity

    before = ExchangeActivity.objects.count()
    resource_obj = _resource(kind)
    start = time.perf_counter()
    dataset = XLSX().create_dataset(Path(xlsx_path).read_bytes())
    result = resource_obj.import_data(dataset, dry_run=False, raise_errors=False)
    seconds = time.perf_counter() - start
    created = ExchangeActivity.objects.count() - before
    print(
        json.dumps(
            {
                "kind": kind,
                "rows": len(dataset),
                "seconds": seconds,
                "created": created,
                "reported_new": result.totals[RowResult.IMPORT_TYPE_NEW],
                "errors": result.has_errors() or result.has_validation_errors(),
                # Linux reports kilobytes.
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def measure_worker(db_path, xlsx_path):
    """Import ``xlsx_path`` as the admin does, through a job and the database worker."""
    django_on(db_path)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from exchange.models import ExchangeActivity
    from spreadsheets import tasks
    from spreadsheets.models import SpreadsheetJob

    def run_worker():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)

    user = get_user_model().objects.create_superuser("bench", "bench@example.jp", "bench-only-password")
    before = ExchangeActivity.objects.count()
    job = SpreadsheetJob.objects.create(
        user=user, model="exchange.exchangeactivity", kind="import", step="check",
        file_name=Path(xlsx_path).name, file_format=2, data=Path(xlsx_path).read_bytes(),
    )
    start = time.perf_counter()
    tasks.enqueue(job)
    run_worker()
    checked = time.perf_counter()
    job.refresh_from_db()
    preview = job.status
    # What the confirm button does: the job goes back to the queue for its write step.
    SpreadsheetJob.objects.filter(pk=job.pk).update(status="queued", step="write")
    job.refresh_from_db()
    tasks.enqueue(job)
    run_worker()
    seconds = time.perf_counter() - start
    job.refresh_from_db()
    created = ExchangeActivity.objects.count() - before
    print(
        json.dumps(
            {
                "kind": "worker",
                "rows": job.rows_total or 0,
                "seconds": seconds,
                "check_seconds": checked - start,
                "created": created,
                "reported_new": job.counts.get("new", 0),
                "errors": preview != "preview" or job.status != "done",
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def _run(*args):
    return run_step(__file__, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--big-rows", type=int, default=50_000)
    parser.add_argument("--_step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._step:
        step, *rest = args._step
        {"setup": setup_database, "generate": generate, "measure": measure, "worker": measure_worker}[
            step
        ](*rest)
        return

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        tmp = Path(tmp)
        template = tmp / "template.sqlite3"
        _run("--_step", "setup", str(template))
        files = {
            "portal": tmp / f"portal-{args.rows}.xlsx",
            "library": tmp / f"library-{args.rows}.xlsx",
            "big": tmp / f"portal-{args.big_rows}.xlsx",
        }
        _run("--_step", "generate", str(template), str(args.rows), "fast", str(files["portal"]))
        _run("--_step", "generate", str(template), str(args.rows), "library", str(files["library"]))
        _run("--_step", "generate", str(template), str(args.big_rows), "fast", str(files["big"]))

        runs = [
            ("fast", files["portal"], "fast"),
            ("portal-row", files["portal"], "portal-row"),
            ("library", files["library"], "library"),
            ("fast", files["big"], "fast-50k"),
        ]
        results = {}
        for kind, path, label in runs:
            db = tmp / f"{label}.sqlite3"
            shutil.copy(template, db)
            results[label] = json.loads(_run("--_step", "measure", str(db), kind, str(path)))
            db.unlink()
        db = tmp / "worker.sqlite3"
        shutil.copy(template, db)
        results["worker-50k"] = json.loads(_run("--_step", "worker", str(db), str(files["big"])))
        db.unlink()

    failed = [
        label
        for label, r in results.items()
        if r["errors"] or r["created"] != r["rows"] or r["reported_new"] != r["rows"]
    ]
    print(f"\nXLSX 取込ベンチマーク(交流の記録, SQLite, {args.rows:,} 行と {args.big_rows:,} 行)\n")
    print(
        pad("経路", 48) + pad("行数", 8, True) + pad("秒", 9, True)
        + pad("行/秒", 10, True) + pad("最大メモリ(MB)", 16, True)
    )
    names = {
        "fast": "高速経路 (bulk.py)",
        "portal-row": "同じリソースを1行ずつ (use_fast_import=False)",
        "library": "django-import-export 既定 (1行ずつ)",
        "fast-50k": "高速経路, 大きなファイル",
        "worker-50k": "管理画面の取込 (ワーカー: 確認+書き込み)",
    }
    for label, r in results.items():
        rate = r["rows"] / r["seconds"]
        print(
            pad(names[label], 48) + f"{r['rows']:>8,}{r['seconds']:>9.2f}{rate:>10,.0f}"
            f"{r['peak_mb']:>16.1f}"
        )
    fast_rate = results["fast"]["rows"] / results["fast"]["seconds"]
    for label in ("library", "portal-row"):
        ratio = fast_rate / (results[label]["rows"] / results[label]["seconds"])
        print(f"\n速度比 高速経路 / {names[label]}: {ratio:.1f}×  (目標 5× 以上)", end="")
    print(
        f"\n{args.big_rows:,} 行の最大メモリ: {results['fast-50k']['peak_mb']:.1f} MB (目標 300 MB 未満)"
    )
    worker = results["worker-50k"]
    print(
        f"{args.big_rows:,} 行のバックグラウンド取込 (db_worker, 確認 {worker['check_seconds']:.1f} 秒 + 書き込み): "
        f"ワーカーの最大メモリ {worker['peak_mb']:.1f} MB (目標 300 MB 以下)"
    )
    if failed:
        sys.exit(f"取込に失敗した計測があります: {failed}")


if __name__ == "__main__":
    main()
