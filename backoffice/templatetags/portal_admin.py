"""Template filters of the staff admin."""
import re

from django import template

from core.wareki import DatePrecision, format_wareki, parse_date

register = template.Library()

_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"\d{4}年\d{1,2}月")


@register.filter
def hierarchy_wareki(title):
    """A date-hierarchy link title in 和暦 with 西暦: ``2010`` → ``平成22年(2010年)``,
    ``2010年4月`` → ``平成22年(2010年)4月``; any other title (``4月1日``) as it is."""
    text = str(title)
    if _YEAR.fullmatch(text):
        text += "年"
    elif not _YEAR_MONTH.fullmatch(text):
        return title
    try:
        day, precision = parse_date(text)
    except ValueError:
        return title
    return format_wareki(day, precision)
