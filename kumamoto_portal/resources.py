"""The base of every ``ModelResource``: one import/export path for the whole portal.

Resources key rows on the model's natural key (``import_id_fields``), name columns with
the fields' Japanese labels on export, and skip rows that would change nothing, so that
re-importing an unchanged export creates and changes nothing.
"""
from import_export import resources


class PortalResource(resources.ModelResource):
    """Base resource: unchanged rows are skipped and reported as such; one transaction."""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        # Without this a file with errors in some rows could still write the others.
        rollback_on_validation_errors = True


class DivisionResource(PortalResource):
    """Responsible divisions (所管課), keyed on the division name."""

    class Meta:
        from .models import Division

        model = Division
        import_id_fields = ["name"]
        fields = ["name", "order", "source"]
