"""The audit trail in the admin: each record's history, with the field diff and revert.

``PortalHistoryAdmin`` is mixed into ``backoffice.admin.PortalAdmin`` (so into every
model's admin). The 「最近の変更」page across the portal is ``backoffice.views``.
"""
import dataclasses

from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from core.models import date_precision_pairs
from core.wareki import format_wareki_datetime

from .history import display_value, mirrors_original


class PortalRecordContextHelper(HistoricalRecordContextHelper):
    """Show diff values as staff read them: choice labels, はい/いいえ, ``(空)``, dates and
    times in 和暦 (Asia/Tokyo); a field and its default-language copy (``title``,
    ``title_ja``) changed together are one change."""

    def context_for_delta_changes(self, delta):
        changes = [
            change for change in delta.changes if not mirrors_original(self.model._meta.get_field(change.field))
        ]
        self._delta = dataclasses.replace(
            delta, changes=changes, changed_fields=[change.field for change in changes]
        )
        return super().context_for_delta_changes(self._delta)

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if field.is_relation:
            return "(空)" if value is None else value
        precision = date_precision_pairs(self.model).get(change.field)
        delta = getattr(self, "_delta", None)
        if precision and delta is not None:
            # A date reads to the precision its own row (before or after) stored.
            row = delta.old_record if value is change.old else delta.new_record
            return display_value(field, value, getattr(row, precision, None))
        return display_value(field, value)


class PortalHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, in Japanese: history list with field diff, and revert.

    Mixed into ``PortalAdmin`` before ``ImportExportModelAdmin``: the two override
    different templates (``object_history_template`` here, ``change_list_template``
    there), and both extend ``get_urls`` through ``super()``. The Japanese templates are
    ``audit/templates/simple_history/*.html``.
    """

    history_list_per_page = 50

    def get_historical_record_context_helper(self, request, historical_record):
        return PortalRecordContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            record.when_label = format_wareki_datetime(record.history_date, seconds=True)

    def history_view_title(self, request, obj):
        return f"変更履歴: {obj}"

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return f"過去の内容: {obj}"
        return f"過去の内容に戻す: {obj}"
