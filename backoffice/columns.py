"""Changelist columns of dates: 和暦 with 西暦, to the precision the record stores.

Django shows a ``DateField`` column as ``2010年4月1日`` even when the record knows only
the month; ``WarekiListDisplayMixin`` (a base of ``PortalAdmin``) replaces every such
column of ``list_display`` with one that reads ``平成22年(2010年)4月``, sorted by the date.
"""
from functools import cache

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.models import date_precision_pairs
from core.wareki import DatePrecision, format_wareki


@cache
def wareki_column(model, name):
    """The ``list_display`` callable showing ``model``'s date field ``name`` in 和暦."""
    field = model._meta.get_field(name)
    precision = date_precision_pairs(model).get(name)

    @admin.display(description=field.verbose_name, ordering=name, empty_value="-")
    def column(obj):
        value = getattr(obj, name)
        if value is None:
            return None
        return format_wareki(value, getattr(obj, precision) if precision else DatePrecision.DAY)

    column.__name__ = f"{name}_wareki"
    return column


def _is_date_field(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a method or admin attribute, not a field
        return False
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


class WarekiListDisplayMixin:
    """``list_display`` date fields shown in 和暦 with 西暦 to their precision."""

    def get_list_display(self, request):
        return [
            wareki_column(self.model, entry)
            if isinstance(entry, str) and _is_date_field(self.model, entry)
            and entry not in (self.list_editable or ())
            else entry
            for entry in super().get_list_display(request)
        ]
