"""Admin of the shared records: responsible divisions (所管課)."""
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from .models import Division
from .resources import DivisionResource


@admin.register(Division)
class DivisionAdmin(ImportExportModelAdmin):
    resource_classes = [DivisionResource]
    list_display = ["name", "order", "source"]
    list_editable = ["order"]
    search_fields = ["name"]
    list_filter = ["source"]
