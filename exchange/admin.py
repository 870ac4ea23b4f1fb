"""Admin of the exchange records (sections 3–4): every model with import/export."""
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from .models import Floor, InternationalCenter, Room, UsageRecord
from .resources import (
    FloorResource,
    InternationalCenterResource,
    RoomResource,
    UsageRecordResource,
)


# International Center (3(9))


class FloorInline(admin.TabularInline):
    model = Floor
    extra = 0
    fields = ["order", "label", "source"]
    show_change_link = True


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ["order", "name", "capacity", "source"]


class UsageRecordInline(admin.TabularInline):
    model = UsageRecord
    extra = 0
    fields = ["fiscal_year", "category", "room_count", "number_of_users", "source"]


@admin.register(InternationalCenter)
class InternationalCenterAdmin(ImportExportModelAdmin):
    resource_classes = [InternationalCenterResource]
    list_display = ["name", "operator", "address", "opened_on", "responsible_division", "source"]
    search_fields = ["name", "operator", "designated_manager", "address"]
    list_filter = ["responsible_division", "source"]
    list_select_related = ["responsible_division"]
    inlines = [FloorInline, UsageRecordInline]


@admin.register(Floor)
class FloorAdmin(ImportExportModelAdmin):
    resource_classes = [FloorResource]
    list_display = ["label", "center", "order", "source"]
    list_editable = ["order"]
    search_fields = ["label", "rooms__name"]
    list_filter = ["center"]
    list_select_related = ["center"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(ImportExportModelAdmin):
    resource_classes = [RoomResource]
    list_display = ["name", "floor", "order", "capacity", "source"]
    search_fields = ["name", "floor__label"]
    list_filter = ["floor__center", "floor"]
    list_select_related = ["floor__center"]


@admin.register(UsageRecord)
class UsageRecordAdmin(ImportExportModelAdmin):
    resource_classes = [UsageRecordResource]
    list_display = ["fiscal_year", "category", "room_count", "number_of_users", "center", "source"]
    search_fields = ["center__name"]
    list_filter = ["fiscal_year", "category", "center"]
    list_select_related = ["center"]
