"""Helpers every benchmark shares: Django on a throwaway database, steps in subprocesses,
generated exchange activities and columns that line up with kanji."""
import datetime
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def django_on(database, **environment):
    """Set Django up on ``database`` (an SQLite file path or a ``postgres://`` URL)."""
    database = str(database)
    os.environ["DATABASE_URL"] = database if "://" in database else f"sqlite:///{database}"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumamoto_portal.settings")
    os.environ.update(environment)
    import django

    django.setup()


def run_step(script, *args, env=None):
    """Run ``script --_step *args`` in a fresh Python process; return its standard output."""
    completed = subprocess.run(
        [sys.executable, str(script), "--_step", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})},
    )
    if completed.returncode:
        sys.exit(f"ベンチマークの子プロセスが失敗しました: {args}\n{completed.stderr}")
    return completed.stdout


def add_cities(count):
    """Add partner cities (copies of the document's first city) up to ``count`` in all (bulk).

    The issue's scale is 1,000 cities: the city filter, the per-city chart and the
    changelist's city filter grow with them, not with the activities.
    """
    from exchange.models import PartnerCity

    template = PartnerCity.objects.order_by("order").first()
    existing = PartnerCity.objects.count()
    last_order = max(PartnerCity.objects.values_list("order", flat=True))
    batch = []
    for i in range(max(0, int(count) - existing)):
        city = PartnerCity(**{
            field.attname: getattr(template, field.attname)
            for field in PartnerCity._meta.concrete_fields if not field.primary_key
        })
        city.name = city.name_ja = f"ベンチ市{i + 1}"
        city.name_en = city.english_name = f"Bench City {i + 1}"
        city.slug = f"bench-city-{i + 1}"
        city.order = last_order + 1 + i
        batch.append(city)
    PartnerCity.objects.bulk_create(batch, batch_size=500)


def add_activities(rows, first_order=1000):
    """Add ``rows`` generated exchange activities spread over every partner city (bulk)."""
    from exchange.models import ActivityDirection, ExchangeActivity, PartnerCity

    cities = list(PartnerCity.objects.order_by("order"))
    directions = list(ActivityDirection.values)
    batch = []
    for i in range(int(rows)):
        batch.append(
            ExchangeActivity(
                city=cities[i % len(cities)],
                order=first_order + i // len(cities),
                date=datetime.date(1990 + i % 30, 1 + i % 12, 1),
                date_precision="month",
                direction=directions[i % len(directions)],
                description=f"ベンチマーク用の交流 第{i + 1}件 職員{(i % 9) + 1}名を派遣",
                participant_count=(i % 200) + 1,
                source="市政概要 3(3)",
            )
        )
        if len(batch) == 5000:
            ExchangeActivity.objects.bulk_create(batch)
            batch = []
    ExchangeActivity.objects.bulk_create(batch)


def fixture_files():
    return sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))


def pad(text, width, right=False):
    """Pad ``text`` to ``width`` terminal columns (a kanji takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))
    space = " " * max(width - used, 0)
    return space + str(text) if right else str(text) + space
