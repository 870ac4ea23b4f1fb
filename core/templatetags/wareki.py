"""Template filters for 和暦 dates, fiscal years and dates in text; loaded as a builtin in every template.

Each shows its value in the active language (``core.wareki.localized_*``); on English
pages ``19 May 1992 (Heisei 4)``, ``FY2015``, ``1,100,000``.

``{{ city.affiliated_on|wareki:city.affiliated_on_precision }}`` → ``平成22年(2010年)4月``
``{{ usage.fiscal_year|fiscal_year }}`` → ``平成27年度(2015年度)``
``{{ area.population|japanese_number }}`` → ``110万``
"""
from django import template

from core import wareki as _wareki

register = template.Library()


@register.filter(name="wareki")
def wareki_filter(value, precision=_wareki.DatePrecision.DAY):
    """Show a date as 和暦 with 西暦 to ``precision`` (year / month / day)."""
    return _wareki.localized_date(value, precision or _wareki.DatePrecision.DAY)


@register.filter(name="japanese_number")
def japanese_number_filter(value):
    """Show a whole number as the document writes it: ``110万``, ``1,190万``, ``67,887``."""
    if value in (None, ""):
        return ""
    return _wareki.localized_number(value)


@register.filter(name="fiscal_year")
def fiscal_year_filter(value):
    """Show a fiscal year stored as its starting Gregorian year, e.g. ``平成27年度(2015年度)``."""
    if value in (None, ""):
        return ""
    return _wareki.localized_fiscal_year(int(value))


@register.filter(name="wareki_text")
def wareki_text_filter(value):
    """Restate the 和暦 dates of a text by the portal's era rule (``wareki.restate_eras``):
    ``平成31年度`` → ``令和元年度(2019年度)``, ``平成22年3月`` → ``平成22年(2010年)3月``."""
    return _wareki.restate_eras(value)
