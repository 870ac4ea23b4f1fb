"""和暦/西暦/年度 and text normalisation: the one shared module for them.

Used by models, imports, templates and fixtures alike, so that a date or a fiscal year
reads the same everywhere on the portal.

Pages in English show the same values in English forms, from the same rules
(``localized_date``, ``localized_fiscal_year``, ``localized_number``, which the template
filters use): ``19 May 1992 (Heisei 4)``, ``May 1992 (Heisei 4)``, ``FY2015``.

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
from django.utils import timezone
from core.languages import english_page
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
    """A Japanese era: its name, its one-letter romanisation, its first day, its English name."""

    name: str
    letter: str
    start: datetime.date
    english: str


ERAS: tuple[Era, ...] = (
    Era("令和", "R", datetime.date(2019, 5, 1), "Reiwa"),
    Era("平成", "H", datetime.date(1989, 1, 8), "Heisei"),
    Era("昭和", "S", datetime.date(1926, 12, 25), "Showa"),
    Era("大正", "T", datetime.date(1912, 7, 30), "Taisho"),
    Era("明治", "M", datetime.date(1868, 1, 25), "Meiji"),
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


# An era year in running text: 平成28年度, 平成28年度(2016年度), 平成35年度(西暦2023年度),
# 平成22年3月, 平成28年4月1日, 平成4年, 平成28年(2016年)4月14日. A year alone is taken only
# when no name follows (「平成28年熊本地震」 is a name and is left as written).
_TEXT_ERA_DATE = re.compile(
    rf"(?P<era>{'|'.join(era.name for era in ERAS)})(?P<eyear>元|\d{{1,2}})年"
    r"(?:(?P<fiscal>度)(?:\((?:西暦)?(?P<fyear>\d{4})年度\))?"
    r"|(?:\((?:西暦)?(?P<year>\d{4})年\))?(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)?)"
)
# What follows a year that is part of a name: a kanji or katakana (平成28年熊本地震).
_NAME_AFTER_YEAR = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]")


def restate_eras(text: str | None) -> str:
    """Restate every 和暦 year, fiscal year and date of ``text`` by the portal's era rule.

    A text written before an era change names later years in the old era; the portal shows
    each with the era in force at that time and its 西暦, as it shows stored dates:
    ``平成28年度(2016年度)～平成31年度(2019年度)`` → ``平成28年度(2016年度)～令和元年度(2019年度)``,
    ``平成35年度(西暦2023年度)`` → ``令和5年度(2023年度)``, ``平成22年3月`` →
    ``平成22年(2010年)3月``. A 西暦 in brackets that disagrees with the era year, an
    impossible day and a name (``平成28年熊本地震``) are left as written.
    """
    return _restate_text(text, format_fiscal_year, format_wareki)


def _restate_text(text, fiscal_form, date_form):
    # Each era date of ``text`` given by ``fiscal_form(year)`` or ``date_form(day, precision)``.
    if not text:
        return text or ""

    def restate(match):
        parts = match.groupdict()
        year = era_to_gregorian(parts["era"], parts["eyear"])
        written = parts["fyear"] or parts["year"]
        if written and int(written) != year:
            return match.group(0)
        if parts["fiscal"]:
            return fiscal_form(year)
        if parts["month"] is None and not parts["year"] and _NAME_AFTER_YEAR.match(match.string, match.end()):
            return match.group(0)
        precision = DatePrecision.DAY if parts["day"] else DatePrecision.MONTH if parts["month"] else DatePrecision.YEAR
        try:
            day = datetime.date(year, int(parts["month"] or 1), int(parts["day"] or 1))
        except ValueError:
            return match.group(0)
        return date_form(day, precision)

    return _TEXT_ERA_DATE.sub(restate, str(text))


_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def format_english_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """A date as English pages show it, with the era year in brackets, to ``precision``.

    ``date(1992, 5, 19)`` → ``19 May 1992 (Heisei 4)``; to the month ``May 1992 (Heisei 4)``;
    to the year ``1989 (Heisei 1)``. The era is chosen by the rules of ``format_wareki``
    (the same era as the Japanese page). A date before 明治 has no era: ``1718``.
    ``None`` gives an empty string.
    """
    if value is None:
        return ""
    if precision not in DatePrecision.values:
        raise ValueError(f"日付の精度「{precision}」は year / month / day のいずれかです。")
    text = str(value.year)
    if precision in (DatePrecision.MONTH, DatePrecision.DAY):
        text = f"{_ENGLISH_MONTHS[value.month - 1]} {text}"
    if precision == DatePrecision.DAY:
        text = f"{value.day} {text}"
    try:
        era = _era_for_precision(value, precision)
    except ValueError:
        return text
    return f"{text} ({era.english} {value.year - era.start.year + 1})"


def format_english_fiscal_year(year: int | None) -> str:
    """A fiscal year as English pages show it: ``FY2015`` (April 2015 – March 2016)."""
    return "" if year is None else f"FY{year}"


def english_eras(text: str | None) -> str:
    """Restate every 和暦 year, fiscal year and date of ``text`` in the English forms.

    The counterpart of ``restate_eras`` for English pages: ``平成28年7月`` →
    ``July 2016 (Heisei 28)``, ``平成28年度`` → ``FY2016``, ``平成4年5月19日`` →
    ``19 May 1992 (Heisei 4)``. A name (``平成28年熊本地震``), a disagreeing 西暦 and an
    impossible day are left as written.
    """
    return _restate_text(text, format_english_fiscal_year, format_english_date)


def localized_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """A date in the active language: 和暦 with 西暦, or English with the era year."""
    if english_page():
        return format_english_date(value, precision)
    return format_wareki(value, precision)


def localized_fiscal_year(year: int | None) -> str:
    """A fiscal year in the active language: ``平成27年度(2015年度)`` or ``FY2015``."""
    if english_page():
        return format_english_fiscal_year(year)
    return format_fiscal_year(year)


def localized_fiscal_year_era(year: int | None) -> str:
    """A fiscal year with its era year, in the active language: ``平成27年度(2015年度)`` or
    ``FY2015 (Heisei 27)`` (the era of ``format_fiscal_year``)."""
    if not english_page():
        return format_fiscal_year(year)
    if year is None:
        return ""
    try:
        era = _era_for_precision(datetime.date(year, 1, 1), DatePrecision.YEAR)
    except ValueError:
        return format_english_fiscal_year(year)
    return f"{format_english_fiscal_year(year)} ({era.english} {year - era.start.year + 1})"


def localized_number(value: int) -> str:
    """A whole number in the active language: ``110万`` or ``1,100,000``."""
    if english_page():
        return f"{int(value):,}"
    return format_japanese_number(value)


def format_era_date(day: datetime.date) -> str:
    """A day in 和暦 alone, as a dated note writes it: ``令和8年12月2日``.

    A day before 明治 is written in 西暦 (``1718年5月19日``).
    """
    try:
        era = era_of(day)
    except ValueError:
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{era.name}{era_year(day.year, era)}年{day.month}月{day.day}日"


def format_wareki_datetime(moment: datetime.datetime, *, seconds: bool = False) -> str:
    """An aware datetime in local time, as 和暦 with 西暦: 令和8年(2026年)4月1日 09:30."""
    local = timezone.localtime(moment)
    return f"{format_wareki(local.date())} {local:%H:%M:%S}" if seconds else f"{format_wareki(local.date())} {local:%H:%M}"


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


def date_span(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day that ``day`` of ``precision`` stands for.

    ``(2015-05-01, MONTH)`` → 2015-05-01 to 2015-05-31; ``(2015-01-01, YEAR)`` → 2015-01-01
    to 2015-12-31; a ``DAY`` date is that day alone.
    """
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        first = day.replace(day=1)
        following = (first + datetime.timedelta(days=31)).replace(day=1)
        return first, following - datetime.timedelta(days=1)
    return day, day


def fiscal_year_of(day: datetime.date) -> int:
    """Return the fiscal year (starting Gregorian year) that contains ``day``.

    2016-03-31 → 2015; 2016-04-01 → 2016.
    """
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_range(year: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of fiscal year ``year``: April 1 to March 31.

    Clamped to the days Python can hold, so fiscal year 0 or 9999 (a date typed as
    0001-01-01 or 9999-12-31) is a range, never an error.
    """
    first = datetime.date(year, 4, 1) if 1 <= year <= 9999 else (
        datetime.date.min if year < 1 else datetime.date.max
    )
    last = datetime.date(year + 1, 3, 31) if 0 <= year <= 9998 else (
        datetime.date.min if year < 0 else datetime.date.max
    )
    return first, last


#: The years a date of the portal may have: the document's dates lie well inside them.
PORTAL_YEARS = range(1000, 3000)


def check_portal_date(day: datetime.date, value=None) -> datetime.date:
    """Return ``day`` if its year is in ``PORTAL_YEARS`` (1000–2999).

    Raises ``ValueError`` (Japanese, naming ``value`` as typed) otherwise: a year like 9999
    or 1 is a typing mistake, and pages that group by fiscal year cannot show it.
    """
    if day.year not in PORTAL_YEARS:
        shown = value if value is not None else day.isoformat()
        raise ValueError(
            f"「{shown}」は扱える日付の範囲外です"
            f"({PORTAL_YEARS.start}年〜{PORTAL_YEARS.stop - 1}年の日付を入力してください)。"
        )
    return day


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


# C0 controls other than tab, LF and CR, DEL and the C1 controls: never part of a text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def find_control_character(value: str) -> str | None:
    """Return the first control character of ``value`` (BEL, NUL, ESC …), or ``None``.

    Tab, LF and CR are not counted. Such characters cannot be written to XLSX and are
    invisible on a page, so forms and imports refuse them.
    """
    found = CONTROL_CHARACTERS.search(value)
    return found.group() if found else None


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
# ASCII tilde, which Japanese text does not use. A superscript ² or ³ (km²) is kept too.
_KEPT_SIGNS = {"㎢": "km²", "㎡": "m²", "～": "～", "〜": "～", "²": "²", "³": "³"}
_KEPT_SIGN_RE = re.compile("([㎢㎡～〜²³])")


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


# Reading values typed by staff in spreadsheets. Every parser takes the cell as typed
# (full-width digits, stray spaces) and raises ValueError with a Japanese message.

_ERA_NAMES = "|".join(era.name for era in ERAS)
_ERA_LETTERS = "".join(era.letter for era in ERAS)
_ERA = rf"(?P<era>{_ERA_NAMES}|[{_ERA_LETTERS}{_ERA_LETTERS.lower()}])\.?(?P<eyear>元|\d{{1,2}})"
_DATE_PATTERNS = (
    # 2024-04-01, 2024/4/1, 2024.4.1, and to the month: 2024/4, 2024-04
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?"),
    # 20240401
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),
    # 2024年4月1日, 2024年4月, 2024年
    re.compile(r"(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)?"),
    # 令和6年4月1日, 平成28年(2016年)4月, R6年4月1日, 令和元年
    re.compile(
        _ERA + r"年(?:\((?P<year>\d{4})年\))?(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)?"
    ),
    # R6.4.1, H28.4.14, H28/4, 令和6.4.1
    re.compile(_ERA + r"[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?"),
)
DATE_EXAMPLES = "2024-04-01、2024/4/1、2024年4月1日、令和6年4月1日、R6.4.1、平成28年4月"


def _era_named(text: str) -> Era:
    for era in ERAS:
        if text in (era.name, era.letter, era.letter.lower()):
            return era
    raise ValueError(f"元号「{text}」は明治・大正・昭和・平成・令和のいずれかです。")


def parse_date(value) -> tuple[datetime.date, str]:
    """Read a date as staff type it and return ``(date, precision)``.

    Accepts ISO and 西暦 forms (``2024-04-01``, ``2024/4/1``, ``2024年4月1日``,
    ``20240401``), 和暦 (``令和6年4月1日``, ``令和元年5月1日``, ``R6.4.1``, ``H28.4.14``,
    also ``S``/``T``/``M`` and lower case), full-width digits, and the portal's own display
    form ``平成28年(2016年)4月14日``. A value to the month (``平成28年4月``, ``2016/4``)
    gives the first day with precision ``"month"``; to the year (``2016年``) January 1 with
    ``"year"``; otherwise ``"day"``. ``date``/``datetime`` values are returned as days.

    Raises ``ValueError`` (Japanese message) for text that is no date, an impossible day
    (``2024/2/30``), a day before its era began (``令和元年4月1日``) or a 西暦 in brackets
    that disagrees with the 和暦. A year after the era's end is kept (``平成32年`` = 2020):
    documents written before an era change name future years that way.
    """
    if isinstance(value, datetime.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY
    text = normalize_text(value).replace(" ", "")
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        raise ValueError(f"「{value}」は日付として読めません。{DATE_EXAMPLES} のように入力してください。")
    parts = match.groupdict()
    era = None
    if parts.get("era"):
        era = _era_named(parts["era"])
        year = era_to_gregorian(era.name, parts["eyear"])
        if parts.get("year") and int(parts["year"]) != year:
            raise ValueError(
                f"「{value}」の和暦と西暦が合いません"
                f"({era.name}{parts['eyear']}年は{year}年です)。"
            )
    else:
        year = int(parts["year"])
    month, day = parts.get("month"), parts.get("day")
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    try:
        first = datetime.date(year, int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"「{value}」という日はありません。") from None
    if era is not None:
        # The span the value names must overlap the era: 平成元年1月 is fine (平成 began
        # on January 8), 令和元年4月1日 or 平成32年 are not.
        if precision == DatePrecision.DAY:
            last = first
        elif precision == DatePrecision.MONTH:
            last = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            last -= datetime.timedelta(days=1)
        else:
            last = datetime.date(year, 12, 31)
        # A later era year is kept: documents written before an era change name
        # future years in the old era (平成35年度 in a plan of 2016).
        if last < era.start:
            raise ValueError(
                f"「{value}」は{era.name}の期間外です"
                f"({era.name}は{era.start.year}年{era.start.month}月{era.start.day}日から)。"
            )
    return first, precision


# Excel counts days from 1899-12-30 (its 1900 date system, leap-year bug included).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def excel_serial_to_date(value) -> datetime.date:
    """Return the day of an Excel serial number (``45383`` → 2024-04-01).

    A fraction (a time of day) is dropped. Raises ``ValueError`` for a number that is not
    a day Excel can show (below 1 or above 2958465, i.e. after 9999-12-31).
    """
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"「{value}」は日付のシリアル値として読めません。") from None
    if not number.is_finite() or not 1 <= number <= 2958465:
        raise ValueError(f"「{value}」は日付のシリアル値として読めません(1〜2958465)。")
    return _EXCEL_EPOCH + datetime.timedelta(days=int(number))


_FISCAL_PATTERNS = (
    re.compile(r"(?P<year>\d{4})(?:年度)?"),
    re.compile(r"FY(?P<year>\d{4})", re.IGNORECASE),
    re.compile(_ERA + r"年度(?:\((?P<year>\d{4})年度\))?"),
)
FISCAL_YEAR_EXAMPLES = "2015、2015年度、平成27年度、令和元年度"


def parse_fiscal_year(value) -> int:
    """Read a fiscal year (年度) and return the Gregorian year in which it starts.

    Accepts ``2015``, ``2015年度``, ``平成27年度``, ``令和元年度``, ``H27年度``, full-width
    digits, the display form ``平成27年度(2015年度)`` and whole numbers from a spreadsheet
    cell (``2015`` or ``2015.0``), and era years after the era's end (``平成35年度`` = 2023, as plans
    written before 2019 name them). ``平成27`` or ``2015年`` (a year, not a fiscal year) are
    refused, as is ``2015.5``.

    Raises ``ValueError`` with a Japanese message naming the value.
    """
    if isinstance(value, bool):
        raise ValueError(f"「{value}」は年度として読めません。")
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(f"「{value}」は整数ではありません。年度は{FISCAL_YEAR_EXAMPLES} のように入力してください。")
        return int(number)
    text = normalize_text(value).replace(" ", "")
    if re.fullmatch(r"\d+\.\d+", text) and Decimal(text) != Decimal(text).to_integral_value():
        raise ValueError(f"「{value}」は整数ではありません。年度は{FISCAL_YEAR_EXAMPLES} のように入力してください。")
    for pattern in _FISCAL_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        raise ValueError(
            f"「{value}」は年度として読めません。{FISCAL_YEAR_EXAMPLES} のように"
            "西暦の整数か「年度」を付けて入力してください。"
        )
    parts = match.groupdict()
    if not parts.get("era"):
        return int(parts["year"])
    era = _era_named(parts["era"])
    year = era_to_gregorian(era.name, parts["eyear"])
    if parts.get("year") and int(parts["year"]) != year:
        raise ValueError(f"「{value}」の和暦と西暦が合いません({era.name}{parts['eyear']}年度は{year}年度です)。")
    return year


# The same unit written in the ways staff write it; the key is how the portal writes it.
UNIT_SPELLINGS = {
    "m²": ("m²", "㎡", "m2", "平方メートル", "平米"),
    "km²": ("km²", "㎢", "km2", "平方キロメートル"),
    "km": ("km", "キロメートル", "キロ"),
    "m": ("m", "メートル"),
    "人": ("人", "名"),
    "西暦年": ("西暦年", "年"),
}
_NUMBER_WITH_SUFFIX = re.compile(r"(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>.*)")


def _unit_spellings(unit: str) -> tuple[str, ...]:
    return UNIT_SPELLINGS.get(unit, (unit,))


def parse_quantity(value, units: tuple[str, ...] | list[str] = ()) -> Decimal:
    """Read a number as staff type it and return it as a ``Decimal``.

    Full-width digits and thousands separators are read (``６７,８８７`` → 67887); a unit
    after the number is dropped when it is one of ``units`` or one of its usual spellings
    (``67,887人`` with units ``("人",)``; ``1,656㎡`` with ``("m²",)``; ``230名`` for 人).
    Numbers from spreadsheet cells (``int``/``float``/``Decimal``) are taken as they are.

    Raises ``ValueError`` (Japanese) when no number can be read, the separators are not
    groups of three (``1,23``) or the unit is not the column's.
    """
    if isinstance(value, bool):
        raise ValueError(f"「{value}」は数値として読めません。")
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if not number.is_finite():
            raise ValueError(f"「{value}」は数値として読めません。")
        return number
    text = normalize_text(value).replace(" ", "")
    match = _NUMBER_WITH_SUFFIX.fullmatch(text)
    if not match:
        raise ValueError(f"「{value}」は数値として読めません。数字で入力してください(例: 1,234)。")
    unit = match.group("unit")
    if re.match(r"[\d,.]", unit):
        raise ValueError(f"「{value}」は数値として読めません。桁区切りは3桁ごとのカンマです(例: 1,234)。")
    if unit and not any(unit in _unit_spellings(allowed) for allowed in units):
        if units:
            raise ValueError(
                f"「{value}」の単位「{unit}」はこの列の単位({'・'.join(units)})ではありません。"
            )
        raise ValueError(f"「{value}」: この列には単位「{unit}」を付けず、数だけを入力してください。")
    return Decimal(match.group("number").replace(",", ""))


def parse_whole_number(value, units: tuple[str, ...] | list[str] = ()) -> int:
    """Like ``parse_quantity``, for a whole number: ``2015.5`` is an error, never cut.

    Returns an ``int``. Raises ``ValueError`` with a Japanese message naming the value.
    """
    number = parse_quantity(value, units)
    if number != number.to_integral_value():
        raise ValueError(f"「{value}」は整数ではありません。整数を入力してください。")
    return int(number)
