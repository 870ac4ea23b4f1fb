"""Benchmark: the public pages' throughput against a hello-world page and a static file.

Usage: ``python bench/bench_pages.py [--seconds 3] [--sizes 10000 100000] [--cities 1000]
[--lists-only]`` (``make bench-pages``).
A quicker look at the throughput alone: ``--throughput-only`` (no lists at more rows),
``--sqlite-only``, ``--pages /plan/,/recovery/`` (pages whose address starts with one of these).

The portal runs under gunicorn with production settings (DEBUG off, a SECRET_KEY,
ALLOWED_HOSTS 127.0.0.1; plain HTTP on 127.0.0.1 only), on a throwaway SQLite file and on
PostgreSQL (``BENCH_POSTGRES_URL``: the database it names is dropped and made again; skipped
when the server cannot be reached). Two servers run side by side on each database: one with
the pages' cache (port ``--port``), one rendering every page (``--port`` + 1). Debian's
``wrk`` (bounded runs) measures, interleaved, for each public page both servers, and
``/bench-hello/`` (``bench/pages_urls.py``) and a static file (WhiteNoise) on the first.

Printed, beside their targets:

- each page's requests/second ÷ hello world and ÷ the static file, cached and uncached
  (targets: cached ≥ 0.8 × hello, uncached ≥ 0.15 × hello);
- PostgreSQL's hello ÷ SQLite's hello (target ≥ 0.8), measured at the end with both servers
  side by side, runs alternated (each engine's table above is minutes apart);
- the time of each list's first and last page and of the admin changelist's (the median
  of 5 requests, one at a time), with the document's data and with each of ``--sizes``
  more exchange activities over ``--cities`` partner cities (target: each page at the
  largest size ≤ 2 × the same page with the document's data). Each public request has a
  query string of its own (``&bench=N``), so the page is rendered every time, never
  answered from the pages' cache; what the pages keep per content version (the list's
  count, the charts, the fiscal years, the city names: ``pagecache.remembered``) is kept,
  as on the portal between two saves. The first request after a save (the values computed
  again) is printed apart, as 「保存後の初回」.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, add_activities, add_cities, django_on, pad, run_step  # noqa: E402

VENV_BIN = Path(sys.executable).parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "bench.pages_settings",
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-not-for-production",
    "ALLOWED_HOSTS": "127.0.0.1",
    # Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies sent without TLS.
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "REDIS_URL": "",
}
TARGETS = {"cached": 0.8, "uncached": 0.15, "postgres": 0.8, "last_page": 2.0}


def setup(database, rows, cities, out):
    """Migrate, load the document, add ``cities`` cities (in all, when ``rows``) and ``rows``
    activities; write what the runs need as JSON."""
    django_on(database, **PRODUCTION)
    from django.conf import settings
    from django.contrib import admin
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from exchange.models import ExchangeActivity, PartnerCity

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_document", verbosity=0)
    if int(rows):
        add_cities(cities)
    add_activities(rows)
    user = get_user_model().objects.create_superuser("bench", password="bench-only-password-2026")
    session = SessionStore()
    session.update({
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    })
    session.set_expiry(24 * 3600)
    session.create()
    count = ExchangeActivity.objects.count()
    per_page = admin.site._registry[ExchangeActivity].list_per_page
    Path(out).write_text(json.dumps({
        "activities": count,
        # The last page shown (PORTAL_MAX_PAGES bounds the public lists and the changelist).
        "last_page": min(settings.PORTAL_MAX_PAGES, max(1, -(-count // settings.PORTAL_PAGE_SIZE))),
        "admin_last_page": min(settings.PORTAL_MAX_PAGES, max(1, -(-count // per_page))),
        "city_last_page": min(settings.PORTAL_MAX_PAGES, max(1, -(-PartnerCity.objects.count() // settings.PORTAL_PAGE_SIZE))),
        "city": PartnerCity.objects.order_by("order").first().slug,
        "session": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
    }))


def collect_static():
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, check=True, env={**os.environ, **PRODUCTION, "DATABASE_URL": "sqlite:///:memory:"},
    )


def recreate_postgres(url):
    """Drop and create the database of ``url``; False when the server cannot be reached."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL に接続できないため省略します: {error}")
        return False
    return True


class Server:
    """gunicorn serving the portal on 127.0.0.1:``port`` until stopped."""

    def __init__(self, port, database, **environment):
        self.port = port
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "kumamoto_portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--log-level", "warning"],
            cwd=ROOT, env={**os.environ, **PRODUCTION, "DATABASE_URL": database, **environment},
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url("/bench-hello/"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn が 127.0.0.1:{port} で起動しませんでした。")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(url, seconds, connections=16, threads=2, cookie=None):
    """Requests per second of ``url`` (every answer must be a 2xx)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        sys.exit(f"wrk: エラーの応答があります ({url})\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def milliseconds(url, cookie=None, repeat=5):
    """The median time of one request for ``url`` (one client at a time), in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        warm(url, cookie)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def engine_of(database):
    return "PostgreSQL" if database.startswith("postgres") else "SQLite"


def warm(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()


def public_pages(info):
    return {
        "ホーム": "/",
        "総合計画": "/plan/",
        "連携中枢都市圏": "/metropolitan-area/",
        "構成市町村": "/metropolitan-area/members/",
        "姉妹・友好都市": "/partner-cities/",
        "都市のページ": f"/partner-cities/{info['city']}/",
        "周年": "/anniversaries/",
        "交流の記録": "/exchange-activities/",
        "国際交流会館": "/international-center/",
        "広報": "/public-relations/",
        "番組": "/public-relations/programmes/",
        "震災復興": "/recovery/",
        "検索": "/search/?q=%E7%86%8A%E6%9C%AC",
    }


def lists(info):
    """(label, path, needs the staff session) of each list's first and last page."""
    return [
        ("交流の記録 1ページ目", "/exchange-activities/?page=1", False),
        ("交流の記録 最後のページ", f"/exchange-activities/?page={info['last_page']}", False),
        ("交流の記録(年度で絞り込み)", "/exchange-activities/?fiscal_year=2015", False),
        ("交流の記録(都市名で絞り込み)", "/exchange-activities/?city=%E6%A1%82%E6%9E%97%E5%B8%82", False),
        ("交流の記録 英語 最後のページ", f"/en/exchange-activities/?page={info['last_page']}", False),
        ("姉妹・友好都市 1ページ目", "/partner-cities/?page=1", False),
        ("姉妹・友好都市 最後のページ", f"/partner-cities/?page={info['city_last_page']}", False),
        ("管理画面 交流の記録 1ページ目", "/admin/exchange/exchangeactivity/", True),
        # The admin's page numbers start at 1 in the address since Django 5.1.
        ("管理画面 交流の記録 最後のページ", f"/admin/exchange/exchangeactivity/?p={info['admin_last_page']}", True),
    ]


def measure(database, rows, cities, port, seconds, tmp, throughput, lists_too=True, only=None):
    """Start both servers on a database with ``rows`` extra activities and measure.

    ``only``: the addresses' beginnings of the pages to measure (every public page if None).
    """
    info_file = Path(tmp) / "info.json"
    run_step(__file__, "setup", database, rows, cities, info_file)
    info = json.loads(info_file.read_text())
    cache_dir = Path(tmp) / f"pages-{port}-{rows}"
    cached = Server(port, database, PORTAL_PAGE_CACHE_DIR=str(cache_dir))
    live = Server(port + 1, database, PORTAL_PAGE_CACHE_SECONDS="0")
    result = {"rows": info["activities"], "pages": {}, "lists": {}, "first": {}}
    try:
        if throughput:
            # Every worker warmed up first (its lazy imports, templates and connection).
            for path in ("/bench-hello/", "/static/css/portal.css"):
                wrk(cached.url(path), 1)
            result["hello"] = wrk(cached.url("/bench-hello/"), seconds)
            result["static"] = wrk(cached.url("/static/css/portal.css"), seconds)
            for label, path in public_pages(info).items():
                if only and not path.startswith(tuple(only)):
                    continue
                warm(cached.url(path))
                warm(live.url(path))
                result["pages"][label] = {
                    "cached": wrk(cached.url(path), seconds),
                    "uncached": wrk(live.url(path), seconds),
                }
                print(f"  {engine_of(database)} {label}: {result['pages'][label]}", flush=True)
        for index, (label, path, staff) in enumerate(lists(info) if lists_too else ()):
            cookie = info["session"] if staff else None
            # The first request computes what the page keeps per content version (as the
            # first after a save does); then each request renders the page again.
            result["first"][label] = milliseconds(cached.url(rendered(path, staff, f"{index}-0")), cookie, repeat=1)
            result["lists"][label] = statistics.median(
                milliseconds(cached.url(rendered(path, staff, f"{index}-{n}")), cookie, repeat=1) for n in range(1, 6)
            )
            print(f"  {engine_of(database)} {info['activities']:,}行 {label}: {result['lists'][label]:.1f} ms"
                  f"(保存後の初回 {result['first'][label]:.1f} ms)", flush=True)
    finally:
        cached.stop()
        live.stop()
        shutil.rmtree(cache_dir, ignore_errors=True)
    return result


def rendered(path, staff, number):
    """``path`` with a query string of its own (``number``: the list's and the request's),
    never answered from the pages' cache, even when two lists have the same address (a
    last page that is the first); a signed-in session never is."""
    if staff:
        return path
    return f"{path}{'&' if '?' in path else '?'}bench={number}"


def verdict(ok):
    return "OK" if ok else "未達"


def report(results, seconds, sizes, hello_side=None):
    big = sizes[-1]
    print(f"\nページのベンチマーク (gunicorn 2 workers, wrk -t2 -c16 -d{seconds}s, 127.0.0.1)")
    print(f"目標: キャッシュあり ≥ {TARGETS['cached']} × hello, キャッシュなし ≥ {TARGETS['uncached']} × hello, "
          f"PostgreSQL hello ≥ {TARGETS['postgres']} × SQLite hello, 一覧({big:,}行) ≤ "
          f"{TARGETS['last_page']} × 文書のデータ\n")
    failed = []
    for engine, runs in results.items():
        small = runs[0]
        if small["pages"]:
            print(f"[{engine}] hello {small['hello']:,.0f} req/s, 静的ファイル {small['static']:,.0f} req/s")
            print(pad("ページ", 20) + pad("あり req/s", 12, True) + pad("÷hello", 8, True) + pad("÷静的", 8, True)
                  + pad("なし req/s", 12, True) + pad("÷hello", 8, True) + pad("÷静的", 8, True) + "  判定")
            for label, r in small["pages"].items():
                c, u = r["cached"] / small["hello"], r["uncached"] / small["hello"]
                ok = c >= TARGETS["cached"] and u >= TARGETS["uncached"]
                failed += [] if ok else [f"{engine} {label}"]
                print(pad(label, 20) + f"{r['cached']:>12,.0f}{c:>8.2f}{r['cached'] / small['static']:>8.2f}"
                      f"{r['uncached']:>12,.0f}{u:>8.2f}{r['uncached'] / small['static']:>8.2f}  {verdict(ok)}")
        if not small["lists"]:
            print()
            continue
        print(f"\n[{engine}] {pad('一覧(1リクエストの時間、ms)', 36)}"
              + "".join(pad(f"{run['rows']:,}行", 12, True) for run in runs)
              + pad("比", 8, True) + "  判定" + pad(f"保存後の初回 {runs[-1]['rows']:,}行", 24, True))
        for label, ms in small["lists"].items():
            ratio = runs[-1]["lists"][label] / ms
            ok = ratio <= TARGETS["last_page"]
            failed += [] if ok else [f"{engine} {label}"]
            print(pad(label, 45) + "".join(f"{run['lists'][label]:>12.1f}" for run in runs)
                  + f"{ratio:>8.2f}  {verdict(ok)}" + f"{runs[-1]['first'][label]:>24.1f}")
        print()
    if hello_side:
        apart = results["PostgreSQL"][0]["hello"] / results["SQLite"][0]["hello"]
        ratio = hello_side["PostgreSQL"] / hello_side["SQLite"]
        print(f"PostgreSQL hello ÷ SQLite hello (並べて交互に{hello_side['PostgreSQL']:,.0f} ÷ "
              f"{hello_side['SQLite']:,.0f} req/s): {ratio:.2f} (目標 ≥ {TARGETS['postgres']})  "
              f"{verdict(ratio >= TARGETS['postgres'])}  [上の表どうし(別の時刻): {apart:.2f}]")
    if failed:
        print("目標に届かなかった項目: " + "、".join(failed))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="activities added to the document's, one database each (largest last)")
    parser.add_argument("--cities", type=int, default=1000, help="partner cities in all in those databases")
    parser.add_argument("--lists-only", action="store_true", help="only the lists' times, no throughput")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--throughput-only", action="store_true",
                        help="public pages' throughput only (no lists at more rows)")
    parser.add_argument("--pages", default="", help="comma-separated beginnings of the addresses to measure")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8103)))
    parser.add_argument("--_step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._step:
        step, *rest = args._step
        {"setup": setup}[step](*rest)
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk がありません: apt-get install -y wrk")

    collect_static()
    results = {}
    sizes = [0] if args.throughput_only else [0, *sorted(args.sizes)]
    only = [page for page in args.pages.split(",") if page] or None
    hello_side = None
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        postgres = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
        databases = {"SQLite": [f"sqlite:///{Path(tmp) / f'{rows}.sqlite3'}" for rows in sizes]}
        if not args.sqlite_only:
            databases["PostgreSQL"] = [postgres] * len(sizes)
        for engine, urls in databases.items():
            runs = []
            for rows, database in zip(sizes, urls):
                if engine == "PostgreSQL" and not recreate_postgres(postgres):
                    break
                runs.append(measure(database, rows, args.cities, args.port, args.seconds, tmp,
                                    throughput=rows == 0 and not args.lists_only,
                                    lists_too=not args.throughput_only, only=only))
            if len(runs) == len(sizes):
                results[engine] = runs
        if {"SQLite", "PostgreSQL"} <= results.keys() and not args.lists_only:
            # Hello reads no table: the databases as the last runs left them will do.
            hello_side = hello_side_by_side(
                {"SQLite": databases["SQLite"][0], "PostgreSQL": postgres}, args.port, args.seconds, tmp
            )
    report(results, args.seconds, sizes, hello_side)


def hello_side_by_side(databases, port, seconds, tmp, rounds=3):
    """Hello world's requests/second on each database, servers side by side, runs alternated.

    Each engine's hello above was measured minutes apart on a shared machine; this ratio is
    the median of ``rounds`` alternated runs, so both met the same load.
    """
    servers = {
        engine: Server(port + i, database, PORTAL_PAGE_CACHE_DIR=str(Path(tmp) / f"hello-{engine}"))
        for i, (engine, database) in enumerate(databases.items())
    }
    runs = {engine: [] for engine in servers}
    try:
        for server in servers.values():
            wrk(server.url("/bench-hello/"), 1)
        for _ in range(rounds):
            for engine, server in servers.items():
                runs[engine].append(wrk(server.url("/bench-hello/"), seconds))
    finally:
        for server in servers.values():
            server.stop()
    print(f"  hello side by side: {runs}", flush=True)
    return {engine: statistics.median(values) for engine, values in runs.items()}


if __name__ == "__main__":
    main()
