"""The fixtures hold the document's facts and nothing else.

Every number stored in ``fixtures/*.json`` must stand in the source document (after NFKC
normalisation) or in ``SUPPLEMENT.md``; dates and fiscal years must stand there in their
和暦 form; no glyph of the garbled extraction may be stored; every record names a source
of the accepted form; loading the fixtures again changes nothing.
"""
import datetime
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models

from conftest import fixture_files
from core import wareki
from core.models import FiscalYearField, SourcedModel
from tests.sources import DOCUMENT_FILE, SUPPLEMENT_FILE, missing_documents, require_documents


# Positions in a list are the portal's own bookkeeping, not facts of the document.
BOOKKEEPING_FIELDS = {"order"}
# Characters the symbol font of 6(2) turned the text into (see documents/README.md).
GARBLED_GLYPHS = set("╩─⌐⇔√₈₉≤™℮⁹│⁸ה⅜№→≡┘╠↑╖╘ↄⅎ∆╙╡╗═⅝⌂╛╕≢⅛∂╢⅔╦↓∟≠\ufffd")

def test_source_documents_are_present(sources):
    # ``sources`` skips on a plain clone without them and fails under
    # PORTAL_REQUIRE_SOURCE_DOCUMENTS=1 (CI), naming where it looked.
    assert missing_documents(DOCUMENT_FILE, SUPPLEMENT_FILE) == []


def _compact(text):
    # Dates in the extraction are spaced (平成２５年 ８月) and the supplement writes the
    # Gregorian year beside the era year (平成28年(2016年)10月14日): fold both away.
    text = re.sub(r"\s+", "", wareki.normalize_text(text))
    return re.sub(r"\(\d{4}年度?\)", "", text)


@pytest.fixture(scope="module")
def sources():
    require_documents(DOCUMENT_FILE, SUPPLEMENT_FILE)
    document = DOCUMENT_FILE.read_text(encoding="utf-8")
    supplement = SUPPLEMENT_FILE.read_text(encoding="utf-8")
    # The PDF extraction breaks lines inside numbers (「７５」 / 「０㎞」 is 750 km).
    rejoined = re.sub(r"(\d)[ \t]*\n\s*(\d)", r"\1\2", wareki.normalize_multiline(document))
    return {
        "numbers": wareki.numbers_in_text(document)
        | wareki.numbers_in_text(rejoined)
        | wareki.numbers_in_text(supplement),
        "compact": _compact(document) + "\n" + _compact(supplement),
    }


def fixture_objects():
    """Yield (file name, object) for every object of every fixture file."""
    for path in fixture_files():
        for obj in json.loads(Path(path).read_text(encoding="utf-8")):
            yield Path(path).name, obj


def _era_year_forms(year):
    # A document of FY2016 names later years in 平成 (平成35年度 = 2023), so the
    # continued 平成 count is a form of the year as well as the era then in force.
    forms = set()
    for era in wareki.ERAS:
        if datetime.date(year, 12, 31) >= era.start and year <= 2030:
            forms.add(f"{era.name}{wareki.era_year(year, era)}")
    return forms


def date_in_sources(value, precision, compact):
    """True when the date stands in the sources in a 和暦 or 西暦 form, to its precision."""
    years = _era_year_forms(value.year) | {str(value.year)}
    if precision == wareki.DatePrecision.YEAR:
        return any(f"{y}年" in compact for y in years)
    month = f"{value.month}月"
    if precision == wareki.DatePrecision.MONTH:
        full = any(f"{y}年{month}" in compact for y in years)
        # A row of a table may give the month after the year of the row above it.
        return full or (any(f"{y}年" in compact for y in years) and month in compact)
    day = f"{month}{value.day}日"
    full = any(f"{y}年{day}" in compact for y in years)
    # 「同年10月1日」: the year is implied by the sentence before.
    return full or (any(f"{y}年" in compact for y in years) and day in compact)


def fiscal_year_in_sources(year, compact):
    return any(f"{y}年度" in compact for y in _era_year_forms(year) | {str(year)})


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a fixture key that is no field fails the load test
        return None


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_there_are_fixtures_for_every_app():
    names = {Path(path).name for path in fixture_files()}
    prefixes = {name.split("_", 1)[1].split(".")[0] for name in names}
    for app in ("planning", "exchange", "public_relations", "recovery"):
        assert any(prefix.startswith(app) for prefix in prefixes), app


def test_every_number_in_the_fixtures_stands_in_the_sources(sources):
    missing = []
    for filename, obj in fixture_objects():
        model = apps.get_model(obj["model"])
        for name, value in obj["fields"].items():
            field = _field(model, name)
            if value in (None, "") or name in BOOKKEEPING_FIELDS or field is None:
                continue
            if isinstance(field, (models.BooleanField, models.DateField, FiscalYearField)):
                continue
            if isinstance(value, (int, float)) or isinstance(field, models.DecimalField):
                try:
                    number = Decimal(str(value))
                except InvalidOperation:
                    missing.append((filename, obj["model"], name, value))
                    continue
                # West longitudes are negative; the sources write the sign apart.
                if abs(number) not in sources["numbers"]:
                    missing.append((filename, obj["model"], name, value))
                continue
            for text in _strings(value):
                for number in wareki.numbers_in_text(text):
                    if number not in sources["numbers"]:
                        missing.append((filename, obj["model"], name, str(number)))
    assert missing == []


def test_every_date_and_fiscal_year_stands_in_the_sources(sources):
    missing = []
    for filename, obj in fixture_objects():
        model = apps.get_model(obj["model"])
        fields = obj["fields"]
        for name, value in fields.items():
            field = _field(model, name)
            if value in (None, ""):
                continue
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                precision = fields.get(f"{name}_precision", wareki.DatePrecision.DAY)
                if not date_in_sources(
                    datetime.date.fromisoformat(value), precision, sources["compact"]
                ):
                    missing.append((filename, obj["model"], name, value, precision))
            elif isinstance(field, FiscalYearField):
                if not fiscal_year_in_sources(int(value), sources["compact"]):
                    missing.append((filename, obj["model"], name, value))
    assert missing == []


def test_no_garbled_glyph_is_stored():
    garbled = [
        (filename, obj["model"], name)
        for filename, obj in fixture_objects()
        for name, value in obj["fields"].items()
        for text in _strings(value)
        if GARBLED_GLYPHS & set(text)
    ]
    assert garbled == []


def test_text_in_fixtures_is_normalised():
    """Full-width digits and letters are stored half-width; ranges keep the wave dash ～."""
    full_width = re.compile(r"[０-９Ａ-Ｚａ-ｚ~]")
    offending = [
        (filename, obj["model"], name, text[:40])
        for filename, obj in fixture_objects()
        for name, value in obj["fields"].items()
        for text in _strings(value)
        if full_width.search(text)
    ]
    assert offending == []


@pytest.mark.django_db
def test_every_record_names_a_valid_source():
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, SourcedModel):
            continue
        field = model._meta.get_field("source")
        for source in model.objects.values_list("source", flat=True):
            try:
                field.clean(source, None)
            except ValidationError:
                pytest.fail(f"{model.__name__}: 出典「{source}」の形式が正しくありません")
            checked += 1
    assert checked > 0


@pytest.mark.django_db
def test_loading_the_fixtures_again_changes_nothing():
    content_models = [m for m in apps.get_models() if issubclass(m, SourcedModel)]

    def snapshot():
        return {
            m._meta.label: sorted(map(repr, m.objects.values_list(*[f.attname for f in m._meta.concrete_fields if not f.primary_key])))
            for m in content_models
        }

    before = snapshot()
    call_command("loaddata", *fixture_files(), verbosity=0)
    assert snapshot() == before
    assert sum(len(rows) for rows in before.values()) > 0
