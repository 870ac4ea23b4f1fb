"""Form fields for the portal's own values: dates typed as staff type them in spreadsheets.

``PortalDateField`` reads a date with ``core.wareki.parse_date`` (和暦, 西暦, ``2016/7/1``,
month-only ``平成28年7月``, full-width digits) and returns a ``PreciseDate``: the date and
how much of it was typed. It shows a date to its precision in 和暦 with 西暦
(``平成28年(2016年)7月``), a form it reads back unchanged. ``PortalDateTimeField`` is the
admin's date-and-time pair with the same date box.
"""
from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError

from .wareki import DATE_EXAMPLES, DatePrecision, check_portal_date, format_wareki, normalize_text, parse_date


class PreciseDate(datetime.date):
    """A ``date`` that knows how much of it is known: ``precision`` (year / month / day).

    Equal to the plain date of the same day; ``as_date()`` gives that plain date.
    """

    precision: str

    def __new__(cls, year, month=1, day=1, precision=DatePrecision.DAY):
        value = super().__new__(cls, year, month, day)
        value.precision = str(precision)
        return value

    @classmethod
    def of(cls, value: datetime.date, precision=DatePrecision.DAY) -> PreciseDate:
        """The day ``value`` with ``precision`` (a ``DatePrecision`` value)."""
        return cls(value.year, value.month, value.day, precision or DatePrecision.DAY)

    def as_date(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day)

    def __reduce__(self):
        return (PreciseDate, (self.year, self.month, self.day, self.precision))

    def __str__(self):
        return format_wareki(self, self.precision)


DATE_HELP = (
    f"和暦・西暦のどちらでも入力できます(例: {DATE_EXAMPLES}、全角数字も可)。"
    "月まで(平成28年7月)や年まで(2016年)の入力は、その精度で保存されます。"
)


def read_typed_date(value) -> tuple[datetime.date, str]:
    """``(day, precision)`` of a date as staff type it; a Japanese ``ValidationError`` if
    it is none or is outside the portal's years."""
    try:
        day, precision = parse_date(value)
        check_portal_date(day, value)
    except ValueError as error:
        raise ValidationError(str(error), code="invalid") from None
    return day, precision


class PortalDateInput(forms.TextInput):
    """A text box wide enough for ``平成28年(2016年)7月1日``."""

    def __init__(self, attrs=None):
        super().__init__({"size": "22", "class": "vPortalDateField", **(attrs or {})})


class PortalDateField(forms.Field):
    """A date as staff type it; cleans to a ``PreciseDate`` (or ``None`` when empty).

    Invalid input, an impossible day or a year outside 1000–2999 gives a Japanese error
    naming the accepted forms. A ``PreciseDate`` initial value is shown to its precision;
    a plain date to the day.
    """

    widget = PortalDateInput
    default_error_messages = {
        "invalid": f"日付として読めません。{DATE_EXAMPLES} のように入力してください。",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, PreciseDate):
            return value
        return PreciseDate.of(*read_typed_date(value))

    def prepare_value(self, value):
        if isinstance(value, PreciseDate):
            return format_wareki(value, value.precision)
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return format_wareki(value)
        return value

    def has_changed(self, initial, data):
        try:
            typed = self.to_python(data)
        except ValidationError:
            return True
        if initial is None or typed is None:
            return (initial is None) != (typed is None)
        before = getattr(initial, "precision", None)
        return typed != initial or (before is not None and typed.precision != before)


class WarekiDayField(forms.DateField):
    """The date box of a date and time: a day typed as ``PortalDateField`` reads it (和暦,
    西暦, full-width digits), or as the admin's calendar writes it (``2026-12-02``).

    A month or a year alone is refused: a time needs its day.
    """

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day, precision = read_typed_date(value)
        if precision != DatePrecision.DAY:
            raise ValidationError(
                f"「{value}」には日がありません。日まで入力してください(例: 令和8年12月2日)。", code="invalid"
            )
        return day


class WidthFoldingTimeField(forms.TimeField):
    """A time typed with full-width digits or 「時」「分」 (``１０：３０``, ``10時30分``)."""

    default_error_messages = {"invalid": "時刻として読めません。10:30 や 10時30分 のように入力してください。"}

    def to_python(self, value):
        if isinstance(value, str):
            value = normalize_text(value).replace(" ", "").replace("時", ":").replace("分", "").rstrip(":")
            if value.isdigit():
                value += ":00"
        return super().to_python(value)


class PortalDateTimeField(forms.SplitDateTimeField):
    """A date and time in the admin's two boxes, the date as staff type it (``WarekiDayField``),
    the time with full-width digits accepted; in the time zone of the site (Asia/Tokyo)."""

    default_error_messages = {
        "required": "日付と時刻の両方を入力してください(例: 令和8年12月2日 10:30)。",
        "invalid_date": "日付を入力してください(例: 令和8年12月2日)。",
        "invalid_time": "時刻を入力してください(例: 10:30)。",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Both boxes are checked together (``require_all_fields``): each alone may be empty.
        self.fields = (WarekiDayField(required=False), WidthFoldingTimeField(required=False))
