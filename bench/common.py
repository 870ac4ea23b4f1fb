"""What the benchmarks share: a throwaway portal database, generated activities, child steps.

Each benchmark measures in fresh subprocesses (``run_step``) so that each measurement's
peak memory (``peak_mb``) is its own. Import as ``from common import …``: a benchmark runs
as ``python bench/<name>.py``, with ``bench/`` first on the path.
"""
import datetime
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def use_database(db_path):
    """Set Django up on the SQLite file ``db_path`` (once per process)."""
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumamoto_portal.settings")
    import django

    django.setup()


def migrate_and_load():
    """Migrate the database and load every fixture of the document, as ``make run`` does."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0)


def generated_activities(rows):
    """``rows`` new (unsaved) exchange activities, spread over the partner cities.

    Orders start at 1000, after the document's; every third has no head-count, and some
    counts are partial (「…名ほか」).
    """
    from exchange.models import ActivityDirection, ExchangeActivity, PartnerCity

    cities = list(PartnerCity.objects.order_by("order"))
    directions = list(ActivityDirection.values)
    for i in range(int(rows)):
        count = None if i % 3 == 0 else (i % 200) + 1
        yield ExchangeActivity(
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


def peak_mb():
    """This process's peak memory so far, in MB (Linux reports ``ru_maxrss`` in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_step(script, *args):
    """Run ``script`` with ``args`` in a fresh Python process; its output, or exit on failure."""
    completed = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, cwd=ROOT
    )
    if completed.returncode:
        sys.exit(f"ベンチマークの子プロセスが失敗しました: {args}\n{completed.stderr}")
    return completed.stdout
