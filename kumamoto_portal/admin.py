"""The admin base every content model uses, and the admin of responsible divisions."""
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from .history_admin import PortalHistoryAdmin
from .import_admin import SpreadsheetAdminMixin  # spreadsheet files: see import_admin.py
from .models import Division
from .resources import DivisionResource


# Audit trail: PortalHistoryAdmin (history with field diff, revert) comes first in the
# bases; it and ImportExportModelAdmin override different templates (history / changelist).
class PortalAdmin(PortalHistoryAdmin, SpreadsheetAdminMixin, ImportExportModelAdmin):
    """Base of every content model's admin: spreadsheet import/export (CSV, XLSX) and
    the change history of each record (変更履歴: who, when, which fields; revert).

    The form lists the record's facts first and its ``source`` (出典) last, as a
    footnote, whatever the model's field order. The one place for portal-wide admin rules.
    File reading, limits, preview and confirm come from ``SpreadsheetAdminMixin``.
    """

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if "source" in fields:
            fields.remove("source")
            fields.append("source")
        return fields


@admin.register(Division)
class DivisionAdmin(PortalAdmin):
    resource_classes = [DivisionResource]
    list_display = ["name", "order", "source"]
    list_editable = ["order"]
    search_fields = ["name"]
    list_filter = ["source"]
