"""The base of every ``ModelResource``: one import/export path for the whole portal.

Resources key rows on the model's natural key (``import_id_fields``) and skip rows that
would change nothing, so that re-importing an unchanged export creates and changes nothing.
"""
from django.db import models
from import_export import resources, widgets

from .models import Division


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

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.TextField):
            return widgets.CharWidget
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
