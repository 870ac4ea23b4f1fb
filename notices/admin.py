"""緊急情報 in the admin: a short form, the notices in force marked in the list, history."""
from django.contrib import admin
from django.db import models

from audit.admin import PortalHistoryAdmin
from core.forms import PortalDateTimeField
from core.wareki import format_wareki_datetime

from .models import EmergencyNotice


@admin.register(EmergencyNotice)
class EmergencyNoticeAdmin(PortalHistoryAdmin):
    list_display = ["title", "level", "starts_label", "ends_label", "in_force"]
    list_filter = ["level"]
    search_fields = ["title", "text"]
    # A link typed without a scheme (www.city.kumamoto.jp/…) is https, as Django 6 will read it.
    # The period's dates are typed as staff type every date (和暦 or 西暦).
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.DateTimeField: {"form_class": PortalDateTimeField},
    }
    fieldsets = [
        (None, {"fields": ["level", "title", "title_en", "text", "text_en", "link"]}),
        ("掲出期間", {"fields": ["starts_at", "ends_at"]}),
    ]

    @admin.display(description="掲出開始", ordering="starts_at")
    def starts_label(self, notice):
        return format_wareki_datetime(notice.starts_at)

    @admin.display(description="掲出終了", ordering="ends_at")
    def ends_label(self, notice):
        return format_wareki_datetime(notice.ends_at) if notice.ends_at else "（終了を入れるまで）"

    @admin.display(description="いま表示中", boolean=True)
    def in_force(self, notice):
        return notice.is_in_force()
