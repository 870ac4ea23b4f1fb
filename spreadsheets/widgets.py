"""Widgets of the portal's spreadsheets: how one cell is read on import and written on export.

``PortalResource.widget_from_django_field`` picks these for every model field, so every
model reads values the same way. Parsing itself lives in ``wareki`` (the one module for
和暦/年度/normalisation); these classes fit it into django-import-export.

Every ``clean`` raises ``ValueError`` with a Japanese message naming the value; the
resource adds the row number and the column (see ``PortalResource.import_row``).
"""
from __future__ import annotations

import datetime
import inspect
import json
import re
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.encoding import force_str
from import_export import widgets

from core import wareki
from core.models import FiscalYearField, is_multiline_text
from core.wareki import DatePrecision, normalize_multiline, normalize_text

# Text a spreadsheet program would run as a formula: = + - @, or a tab or carriage return
# in front of one. Written with a leading ' on export; the import takes exactly that ' off.
# A text that itself starts with ' before such a sign gets one more, so the two are inverse.
_NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def escape_formula(text: str) -> str:
    """Return ``text`` safe for a spreadsheet cell: ``=1+2`` → ``'=1+2``.

    Texts starting with ``= + - @``, a tab or a carriage return (after any apostrophes)
    get one leading apostrophe; any other text is returned unchanged.
    """
    return "'" + text if _NEEDS_ESCAPE.match(text) else text


def unescape_formula(text: str) -> str:
    """Undo ``escape_formula``: ``'=1+2`` → ``=1+2``; other texts are unchanged."""
    return text[1:] if _ESCAPED.match(text) else text


def is_empty_cell(value) -> bool:
    """True for a spreadsheet cell with nothing in it: ``None`` or only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value) -> str:
    # An XLSX cell typed as a number in a text column: 12 (or 12.0) means the text "12".
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return force_str(value)


def unit_of_field(field) -> str | None:
    """Return the unit a numeric model field declares in its label, or ``None``.

    The portal writes a column's unit in brackets at the end of its ``verbose_name``:
    ``人口(人)`` → ``人``, ``敷地面積(m²)`` → ``m²``, ``距離(km)`` → ``km``.
    """
    match = re.search(r"\(([^()]+)\)$", normalize_text(str(field.verbose_name)))
    return match.group(1) if match else None


class TextWidget(widgets.CharWidget):
    """A text column: NFKC-normalised and trimmed on import, formula-safe on export.

    ``multiline=True`` (``TextField``) keeps line breaks (``wareki.normalize_multiline``);
    otherwise runs of white space become one space (``wareki.normalize_text``). An empty
    cell is ``""`` when ``allow_blank``, else ``None``.
    """

    def __init__(self, multiline=False, allow_blank=True, **kwargs):
        self.multiline = multiline
        super().__init__(coerce_to_string=True, allow_blank=allow_blank)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else unescape_formula(_cell_text(value))
        text = normalize_multiline(text) if self.multiline else normalize_text(text)
        if not text:
            return "" if self.allow_blank else None
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else escape_formula(force_str(value))


class ChoiceWidget(widgets.Widget):
    """A column with choices: read by label (``テレビ``) or value (``tv``); written as label.

    Matching ignores case, width and surrounding space. Raises ``ValueError`` naming the
    allowed labels for anything else.
    """

    def __init__(self, choices, empty_value=None, **kwargs):
        self.choices = [(value, str(label)) for value, label in choices]
        self.empty_value = empty_value
        self._lookup = {}
        for value, label in self.choices:
            self._lookup.setdefault(self._key(label), value)
            self._lookup.setdefault(self._key(value), value)
        super().__init__(coerce_to_string=True)

    @staticmethod
    def _key(value):
        return normalize_text(_cell_text(value)).casefold()

    def clean(self, value, row=None, **kwargs):
        if is_empty_cell(value):
            return self.empty_value
        try:
            return self._lookup[self._key(value)]
        except KeyError:
            labels = "、".join(label for _, label in self.choices)
            raise ValueError(f"「{value}」は選択肢にありません。{labels} のいずれかを入力してください。") from None

    def render(self, value, obj=None, **kwargs):
        for choice, label in self.choices:
            if choice == value:
                return label
        return "" if value is None else force_str(value)


class YesNoWidget(widgets.BooleanWidget):
    """A yes/no column: はい/いいえ, ○/×, true/false, 1/0 (and yes/no); written はい/いいえ.

    An empty cell is ``None`` (the field's default then applies). Raises ``ValueError`` for
    anything else instead of reading it as "no".
    """

    YES = {"はい", "○", "〇", "◯", "true", "1", "yes", "y", "on", "✓", "有", "あり"}
    NO = {"いいえ", "×", "✕", "✖", "false", "0", "no", "n", "off", "無", "なし"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if is_empty_cell(value):
            return None
        key = normalize_text(_cell_text(value)).casefold()
        if key in self.YES:
            return True
        if key in self.NO:
            return False
        raise ValueError(f"「{value}」ははい/いいえとして読めません。「はい」か「いいえ」(○/×、1/0 も可)を入力してください。")

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "はい" if value else "いいえ"


class WarekiDateWidget(widgets.DateWidget):
    """A date column: 西暦, 和暦, Excel date cells and serial numbers (see ``wareki.parse_date``).

    ``clean`` returns a ``date`` (``None`` for an empty cell); the precision the cell states
    is read by ``read_date_cell``. ``render`` writes an XLSX date cell when the export asks
    for native types, otherwise the portal's 和暦 form to the record's precision:
    ``平成28年(2016年)4月14日`` (which ``clean`` reads back).
    """

    def clean(self, value, row=None, **kwargs):
        return read_date_cell(value)[0]

    def render(self, value, obj=None, precision=DatePrecision.DAY, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        if kwargs.get("force_native_type"):
            return value
        return wareki.format_wareki(value, precision or DatePrecision.DAY)


_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")


def read_date_cell(value) -> tuple[datetime.date | None, str]:
    """Return ``(date, precision)`` of a date cell as read from CSV or XLSX.

    An empty cell gives ``(None, "day")``; an Excel date cell (``datetime``) or serial number
    (a number, or five digits as text: ``42474``) is a day; text goes to
    ``wareki.parse_date``. Raises ``ValueError`` (Japanese) for anything else, and for a
    day outside the years the portal handles (``wareki.check_portal_date``).
    """
    if is_empty_cell(value):
        return None, DatePrecision.DAY
    if isinstance(value, bool):
        raise ValueError(f"「{value}」は日付として読めません。")
    if isinstance(value, (int, float, Decimal)):
        day, precision = wareki.excel_serial_to_date(value), DatePrecision.DAY
    else:
        if not isinstance(value, (datetime.date, str)):
            value = force_str(value)
        if isinstance(value, str) and _SERIAL.fullmatch(normalize_text(value)):
            day, precision = wareki.excel_serial_to_date(normalize_text(value)), DatePrecision.DAY
        else:
            day, precision = wareki.parse_date(value)
    wareki.check_portal_date(day, value)
    return day, precision


class FiscalYearWidget(widgets.IntegerWidget):
    """A fiscal-year column (``FiscalYearField``): ``2015``, ``平成27年度``, ``2015年度``…

    Returns the starting Gregorian year (``int``) or ``None``; written as that number, so
    it stays a number in XLSX. Raises ``ValueError`` (Japanese) via ``parse_fiscal_year``.
    """

    def clean(self, value, row=None, **kwargs):
        if is_empty_cell(value):
            return None
        return wareki.parse_fiscal_year(value)


class QuantityWidget(widgets.DecimalWidget):
    """A numeric column that may be typed with its unit: ``67,887人``, ``1,656㎡``.

    ``unit`` is the column's own unit (from its label, see ``unit_of_field``);
    ``unit_column`` names a column of the same row that holds the unit (``circulation`` is
    counted in the row's ``circulation_unit``: 部 or 本). ``whole=True`` returns an ``int``
    and refuses ``2015.5``; otherwise a ``Decimal``. Raises ``ValueError`` (Japanese) for
    text that is no number or carries another unit.
    """

    def __init__(self, unit=None, unit_column=None, whole=True, **kwargs):
        self.unit = unit
        self.unit_column = unit_column
        self.whole = whole
        super().__init__(**kwargs)

    def units(self, row):
        """Return the units a cell of ``row`` may carry after its number."""
        units = [self.unit] if self.unit else []
        if self.unit_column and row:
            stated = normalize_text(_cell_text(row.get(self.unit_column) or ""))
            if stated:
                units.append(stated)
        return tuple(units)

    def clean(self, value, row=None, **kwargs):
        if is_empty_cell(value):
            return None
        if self.whole:
            return wareki.parse_whole_number(value, self.units(row))
        return wareki.parse_quantity(value, self.units(row))


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the parent's natural key, readable by staff.

    A one-part key is the name itself (``桂林市``, ``国際課``); a key of several parts is
    joined with `` / `` (``熊本連携中枢都市圏 / 3``). ``clean`` also reads the older JSON list
    form (``["熊本連携中枢都市圏", 3]``) and ``/`` without spaces. Returns the parent found by
    ``get_by_natural_key``; raises ``ValueError`` (Japanese) naming the value when there is
    none.
    """

    SEPARATOR = " / "

    def __init__(self, model, **kwargs):
        kwargs.pop("use_natural_foreign_keys", None)
        super().__init__(model, use_natural_foreign_keys=True, **kwargs)
        if hasattr(model, "natural_key_length"):  # core.models.NaturalKeyModel
            self.parts = model.natural_key_length()
        else:
            manager = model._default_manager
            self.parts = len(inspect.signature(manager.get_by_natural_key).parameters)

    def split(self, value):
        """Return the parts of a natural key as typed in a cell (a list of strings)."""
        # The export neutralises a key starting with = + - @ with an apostrophe; undo it.
        text = normalize_text(unescape_formula(_cell_text(value)))
        if self.parts == 1:
            return [text]
        if text.startswith("["):
            try:
                parts = json.loads(text)
            except ValueError:
                parts = None
            if isinstance(parts, list) and len(parts) == self.parts:
                return [normalize_text(str(part)) for part in parts]
        parts = re.split(r"\s+/\s+", text)
        if len(parts) != self.parts:
            parts = [part.strip() for part in text.split("/")]
        if len(parts) != self.parts:
            example = self.SEPARATOR.join(["…"] * self.parts)
            raise ValueError(
                f"「{value}」は{self.model._meta.verbose_name}として読めません。"
                f"{self.parts}つの値を「{example}」のように「 / 」で区切って入力してください。"
            )
        return parts

    def clean(self, value, row=None, **kwargs):
        if is_empty_cell(value):
            return None
        parts = self.split(value)
        try:
            return self.get_instance_by_natural_key(tuple(parts))
        except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
            raise ValueError(
                f"「{value}」という{self.model._meta.verbose_name}は登録されていません。"
            ) from None

    def get_instance_by_natural_key(self, value):
        """Return the parent whose natural key is ``value`` (a tuple of its parts).

        The one database look-up of this widget, so the fast import path can cache it
        per file (``spreadsheets.bulk``). Raises the model's ``DoesNotExist``.
        """
        return self.model._default_manager.get_by_natural_key(*value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return escape_formula(self.SEPARATOR.join(str(part) for part in value.natural_key()))


class NaturalKeyManyToManyWidget(widgets.ManyToManyWidget):
    """Several parents in one cell, separated by ``、`` or ``,``, each by its natural key.

    Unlike the library's widget, a value that names no record is an error (``ValueError``
    naming every unknown value), never silently dropped.
    """

    def __init__(self, model, **kwargs):
        super().__init__(model, separator="、")
        self.key_widget = NaturalKeyWidget(model)

    def clean(self, value, row=None, **kwargs):
        if is_empty_cell(value):
            return self.model.objects.none()
        names = [part.strip() for part in re.split(r"[、,]", normalize_text(_cell_text(value)))]
        found, unknown = [], []
        for name in filter(None, names):
            try:
                found.append(self.key_widget.clean(name).pk)
            except ValueError:
                unknown.append(name)
        if unknown:
            listed = "」「".join(unknown)
            raise ValueError(f"「{listed}」という{self.model._meta.verbose_name}は登録されていません。")
        return self.model.objects.filter(pk__in=found)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return escape_formula(
            self.separator.join(self.key_widget.render(item) for item in value.all())
        )


def widget_for_field(field, model):
    """Return the widget for model field ``field`` of ``model``, or ``None`` for the default.

    The one place that decides how each kind of column is read and written; used by
    ``PortalResource``.
    """
    if field.many_to_many:
        return NaturalKeyManyToManyWidget(field.related_model)
    if field.is_relation:
        return NaturalKeyWidget(field.related_model)
    if field.choices:
        empty = "" if isinstance(field, (models.CharField, models.TextField)) and not field.null else None
        return ChoiceWidget(field.choices, empty_value=empty)
    if isinstance(field, models.BooleanField):
        return YesNoWidget()
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return WarekiDateWidget()
    if isinstance(field, FiscalYearField):
        return FiscalYearWidget()
    if isinstance(field, (models.IntegerField, models.DecimalField)):
        unit_column = f"{field.name}_unit"
        has_unit_column = any(f.name == unit_column for f in model._meta.concrete_fields)
        return QuantityWidget(
            unit=unit_of_field(field),
            unit_column=unit_column if has_unit_column else None,
            whole=isinstance(field, models.IntegerField),
        )
    if isinstance(field, (models.CharField, models.TextField)):
        return TextWidget(multiline=is_multiline_text(field), allow_blank=not field.null)
    return None
