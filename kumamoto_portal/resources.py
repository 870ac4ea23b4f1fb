"""The base of every ``ModelResource``: one import/export path for the whole portal.

Resources key rows on the model's natural key (``import_id_fields``) and skip rows that
would change nothing, so that re-importing an unchanged export creates and changes nothing.
"""
import datetime
import re
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.encoding import force_str
from import_export import resources, widgets

from . import permissions
from .models import Division
from .wareki import normalize_text

# 67,887 or 1,234,567: digits grouped by three with commas.
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(,\d{3})+")


class DateOnlyWidget(widgets.DateWidget):
    """A date column: an Excel date cell (read as date and time) keeps its date only.

    Without this an unchanged XLSX export re-imports as "changed" on every row, since a
    ``datetime`` never equals the stored ``date``.
    """

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        return super().clean(value, row, **kwargs)


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole-number column: ``2015.5`` is an error, never silently cut to ``2015``.

    Full-width digits and thousands separators are read (``６７,８８７`` → 67887). Returns an ``int`` or ``None`` for an empty cell. Raises ``ValueError`` with a Japanese
    message for a value that is not a whole number.
    """

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        text = normalize_text(force_str(value))
        if _GROUPED_NUMBER.fullmatch(text):
            text = text.replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"「{value}」は数値として読めません。整数を入力してください。") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(f"「{value}」は整数ではありません。整数を入力してください。")
        return int(number)


class PortalResource(resources.ModelResource):
    """Base resource: unchanged rows are skipped and reported as such; one transaction.

    An empty spreadsheet cell of a text column is read as the empty string, not ``None``:
    XLSX has no empty-string cells, so without this a blank text exported to Excel could
    not be imported back into a ``NOT NULL`` column.
    """

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        # Without this a file with errors in some rows could still write the others.
        rollback_on_validation_errors = True

    def import_instance(self, instance, row, **kwargs):
        # Roles (issue 4): a staff user's row may touch only records of their divisions;
        # otherwise a Japanese row error (see permissions.check_import_row).
        user = kwargs.get("user")
        if not permissions.import_is_limited(user):
            return super().import_instance(instance, row, **kwargs)
        owner_before = permissions.owner_id(instance) if instance.pk is not None else None
        super().import_instance(instance, row, **kwargs)
        permissions.check_import_row(user, owner_before, instance)

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return DateOnlyWidget
        if isinstance(f, models.IntegerField) and not f.is_relation:
            return WholeNumberWidget
        return super().widget_from_django_field(f, default=default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, (models.CharField, models.TextField)):
            kwargs.update({"coerce_to_string": True, "allow_blank": not django_field.null})
        return kwargs


class DivisionResource(PortalResource):
    """Responsible divisions (所管課), keyed on the division name."""

    class Meta:
        model = Division
        import_id_fields = ["name"]
        fields = ["name", "order", "source"]
