"""Benchmark: peak memory of a list download, 1,000 rows against 100,000 rows.

Usage: ``python bench/bench_downloads.py [--small 1000] [--big 100000]`` (``make bench-downloads``).

Builds two throwaway SQLite databases (migrated, the document's fixtures loaded, then
``--small`` or ``--big`` generated exchange activities), and downloads the whole
``/exchange-activities/`` list in each format, each in a fresh subprocess, reading the
response as a client would (chunk by chunk, counted and dropped). Peak memory is the
process's ``ru_maxrss`` (Python, Django and the download). Streaming keeps it flat: the
ratio big/small is the figure to watch (target < 1.5×); the query count must be equal.
"""
import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import add_activities, django_on, fixture_files, run_step  # noqa: E402
FORMATS = ["csv", "csv-sjis", "json", "xlsx"]


def setup_database(db_path, rows):
    """Migrate, load the fixtures and add ``rows`` exchange activities (run in a subprocess)."""
    django_on(db_path)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("loaddata", *fixture_files(), verbosity=0)
    add_activities(rows)


def measure(db_path, key):
    """Download the whole activity list as ``key``; print a JSON line of the measurement."""
    django_on(db_path)
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from exchange.models import ExchangeActivity
    from exchange.views import ExchangeActivityListView

    rows = ExchangeActivity.objects.count()
    view = ExchangeActivityListView.as_view()
    start = time.perf_counter()
    size = 0
    with CaptureQueriesContext(connection) as queries:
        response = view(RequestFactory().get("/exchange-activities/", {"format": key}))
        for chunk in response.streaming_content:
            size += len(chunk)
        response.close()
    print(json.dumps({
        "format": key,
        "rows": rows,
        "seconds": time.perf_counter() - start,
        "bytes": size,
        "queries": len(queries),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: KiB
    }))


def _run(*args):
    return run_step(__file__, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--_step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._step:
        step, *rest = args._step
        {"setup": setup_database, "measure": measure}[step](*rest)
        return

    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-downloads-") as tmp:
        for size in (args.small, args.big):
            db = Path(tmp) / f"{size}.sqlite3"
            _run("--_step", "setup", str(db), str(size))
            for key in FORMATS:
                results[(key, size)] = json.loads(_run("--_step", "measure", str(db), key))

    print(f"\nダウンロードのベンチマーク(交流の記録の全件, SQLite, {args.small:,} 行と {args.big:,} 行)\n")
    print(f"{'形式':<10}{'行数':>10}{'秒':>9}{'MB(ファイル)':>14}{'クエリ':>8}{'最大メモリ(MB)':>16}")
    failed = []
    for key in FORMATS:
        for size in (args.small, args.big):
            r = results[(key, size)]
            print(f"{key:<10}{r['rows']:>10,}{r['seconds']:>9.2f}{r['bytes'] / 2**20:>14.1f}"
                  f"{r['queries']:>8}{r['peak_mb']:>16.1f}")
        small, big = results[(key, args.small)], results[(key, args.big)]
        ratio = big["peak_mb"] / small["peak_mb"]
        print(f"  最大メモリの比 {args.big:,} 行 / {args.small:,} 行: {ratio:.2f}×  (目標 1.5× 未満)"
              f"  クエリ数 {small['queries']} / {big['queries']}")
        if small["queries"] != big["queries"]:
            failed.append(key)
    if failed:
        sys.exit(f"行数でクエリ数が変わった形式があります: {failed}")


if __name__ == "__main__":
    main()
