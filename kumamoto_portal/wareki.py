"""和暦/西暦/年度 and text normalisation: the one shared module for them.

Used by models, imports, templates and fixtures alike, so that a date or a fiscal year
reads the same everywhere on the portal.

Era boundaries are those of ``SUPPLEMENT.md`` (Japanese eras):
明治 1868-01-25, 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01.
年度 (fiscal year) N runs from April 1 of year N to March 31 of year N+1 and is stored
as the Gregorian year N in which it starts.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of a stored date the source states: the year, the month or the day.

    A date known to the month only (``平成22年4月``) is stored as the first day of that
    month with precision ``MONTH``; known to the year only, as January 1 with ``YEAR``.
    """

    YEAR = "year", _("年")
    MONTH = "month", _("年月")
    DAY = "day", _("年月日")


@dataclass(frozen=True)
class Era:
    """A Japanese era: its name, its one-letter romanisation and its first day."""

    name: str
    letter: str
    start: datetime.date


ERAS: tuple[Era, ...] = (
    Era("令和", "R", datetime.date(2019, 5, 1)),
    Era("平成", "H", datetime.date(1989, 1, 8)),
    Era("昭和", "S", datetime.date(1926, 12, 25)),
    Era("大正", "T", datetime.date(1912, 7, 30)),
    Era("明治", "M", datetime.date(1868, 1, 25)),
)


def era_of(day: datetime.date) -> Era:
    """Return the era in force on ``day``.

    Raises ``ValueError`` for a day before 明治 (1868-01-25).
    """
    for era in ERAS:
        if day >= era.start:
            return era
    raise ValueError(f"{day.isoformat()} は明治より前の日付です。")


def era_year(year: int, era: Era) -> str:
    """Return the era year of Gregorian ``year`` in ``era`` as written: ``元`` or a number."""
    number = year - era.start.year + 1
    return "元" if number == 1 else str(number)


def _era_for_precision(value: datetime.date, precision: str) -> Era:
    # A year or a fiscal year named by one era is named by the era in force at the end of
    # that calendar year (1989 is 平成元年, 2019 is 令和元年, as official usage has it);
    # a month by the era of its first day; a day by its own era.
    if precision == DatePrecision.YEAR:
        return era_of(datetime.date(value.year, 12, 31))
    if precision == DatePrecision.MONTH:
        return era_of(value.replace(day=1))
    return era_of(value)


def format_wareki(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """Format a date as 和暦 with 西暦 to the given precision.

    ``format_wareki(date(1992, 5, 19))`` → ``平成4年(1992年)5月19日``;
    ``format_wareki(date(2010, 4, 1), "month")`` → ``平成22年(2010年)4月``;
    ``format_wareki(date(1989, 1, 1), "year")`` → ``平成元年(1989年)``.
    A date before 明治 (1868-01-25), for which the portal knows no era, is shown in 西暦
    alone: ``1718年``. ``None`` gives an empty string. Raises ``ValueError`` for an unknown
    precision.
    """
    if value is None:
        return ""
    if precision not in DatePrecision.values:
        raise ValueError(f"日付の精度「{precision}」は year / month / day のいずれかです。")
    try:
        era = _era_for_precision(value, precision)
        text = f"{era.name}{era_year(value.year, era)}年({value.year}年)"
    except ValueError:
        text = f"{value.year}年"
    if precision in (DatePrecision.MONTH, DatePrecision.DAY):
        text += f"{value.month}月"
    if precision == DatePrecision.DAY:
        text += f"{value.day}日"
    return text


def format_fiscal_year(year: int | None) -> str:
    """Format a fiscal year (its starting Gregorian year) as ``平成27年度(2015年度)``.

    A year before 明治 is shown in 西暦 alone (``1867年度``). ``None`` gives an empty string.
    """
    if year is None:
        return ""
    try:
        era = _era_for_precision(datetime.date(year, 1, 1), DatePrecision.YEAR)
    except ValueError:
        return f"{year}年度"
    return f"{era.name}{era_year(year, era)}年度({year}年度)"


def fiscal_year_of(day: datetime.date) -> int:
    """Return the fiscal year (starting Gregorian year) that contains ``day``.

    2016-03-31 → 2015; 2016-04-01 → 2016.
    """
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_range(year: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of fiscal year ``year``: April 1 to March 31."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def era_to_gregorian(era_name: str, year: int | str) -> int:
    """Return the Gregorian year of era year ``year`` (``元`` is 1) of ``era_name``.

    ``era_to_gregorian("平成", 28)`` → 2016. Raises ``ValueError`` for an unknown era or a
    year that is not a positive number.
    """
    number = 1 if str(year) == "元" else int(str(year))
    if number < 1:
        raise ValueError(f"元号の年「{year}」は1以上の数です。")
    for era in ERAS:
        if era_name in (era.name, era.letter, era.letter.lower()):
            return era.start.year + number - 1
    raise ValueError(f"元号「{era_name}」は明治・大正・昭和・平成・令和のいずれかです。")


def normalize_text(value: str | None) -> str:
    """Return ``value`` NFKC-normalised, with runs of white space folded and trimmed.

    Full-width digits and letters become half-width (``２８`` → ``28``, ``ＤＶ`` → ``DV``);
    a full-width space is a space. ``None`` gives an empty string.
    """
    if value is None:
        return ""
    return re.sub(r"\s+", " ", _nfkc(str(value))).strip()


def normalize_multiline(value: str | None) -> str:
    """Like ``normalize_text``, but keep line breaks: each non-empty line is normalised.

    For texts of several paragraphs (history, overview): paragraphs are joined by ``\n``.
    """
    if value is None:
        return ""
    lines = (re.sub(r"[^\S\n]+", " ", _nfkc(line)).strip() for line in str(value).splitlines())
    return "\n".join(line for line in lines if line)


# NFKC spells the area signs out as "km2" and "m2"; the portal writes them with a
# superscript. It would also turn the wave dash of ranges (平成28年度～平成35年度) into an
# ASCII tilde, which Japanese text does not use.
_KEPT_SIGNS = {"㎢": "km²", "㎡": "m²", "～": "～", "〜": "～"}
_KEPT_SIGN_RE = re.compile("([㎢㎡～〜])")


def _nfkc(text: str) -> str:
    return "".join(
        _KEPT_SIGNS.get(part) or unicodedata.normalize("NFKC", part)
        for part in _KEPT_SIGN_RE.split(text)
    )


_KANJI_UNITS = {"千": 1_000, "万": 10_000, "億": 100_000_000}
_NUMBER_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def format_japanese_number(value: int, grouping: bool = True) -> str:
    """Write a whole number as Japanese documents do: round 万 and 億 counts with the unit.

    ``40000`` → ``4万``; ``1100000`` → ``110万``; ``11900000`` → ``1,190万``;
    ``4090000000`` → ``40億9,000万``; a number below 1万 or not a whole count of 万 is
    written with thousands separators: ``67887`` → ``67,887``. ``grouping=False`` leaves out
    the separators (``40億9000万``). The inverse of ``parse_japanese_number``.
    """
    number = int(value)

    def digits(n):
        return f"{n:,}" if grouping else str(n)

    if abs(number) < 10_000 or number % 10_000:
        return digits(number)
    oku, rest = divmod(number, 100_000_000)
    man = rest // 10_000
    return (f"{digits(oku)}億" if oku else "") + (f"{digits(man)}万" if man else "")


def parse_japanese_number(value: str) -> Decimal:
    """Parse a number as Japanese documents write it and return it as a ``Decimal``.

    Accepts full-width digits, thousands separators and the multipliers 億/万/千:
    ``"１，５２８"`` → 1528, ``"40億9000万"`` → 4090000000, ``"約3万6千"`` → 36000,
    ``"77.3"`` → 77.3. Leading ``約`` and surrounding text such as units are ignored.
    Raises ``ValueError`` when no number is found.
    """
    text = normalize_text(value).replace(" ", "")
    match = re.search(r"\d[\d,\.]*(?:[億万千]\d*[\d,\.]*)*", text)
    if not match:
        raise ValueError(f"「{value}」から数値を読み取れません。")
    token = match.group(0).replace(",", "")
    total = Decimal(0)
    rest = token
    for unit in ("億", "万", "千"):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += Decimal(head or "1") * _KANJI_UNITS[unit]
    if rest:
        total += Decimal(rest)
    return total


def numbers_in_text(value: str) -> set[Decimal]:
    """Return every number written in ``value``, read both digit by digit and with 億/万/千.

    Used to check that a figure stored in the portal stands in the source document:
    ``"約３万６千人（２０１３年）"`` gives {3, 6, 36000, 2013}.
    """
    text = normalize_text(value)
    found: set[Decimal] = set()
    for token in _NUMBER_RE.findall(text):
        found.add(Decimal(token.replace(",", "")))
    for match in re.finditer(r"\d[\d,\.]*(?:[億万千]\d*[\d,\.]*)+", text.replace(" ", "")):
        try:
            found.add(parse_japanese_number(match.group(0)))
        except (ValueError, ArithmeticError):
            continue
    return found
