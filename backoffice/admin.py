"""The admin bases every content model and inline use, and the admin of responsible divisions.

``PortalAdmin`` is where the three staff concerns meet: division scoping (``roles``), the
change history (``audit``) and spreadsheet files (``spreadsheets``). Those apps do not
import each other; this layer combines them.
"""
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportExportModelAdmin

from audit.admin import PortalHistoryAdmin
from audit.models import BatchKind
from audit.recording import recording_batch
from core.models import VERSION_FIELD, Division, RecordChanged, SourcedModel
from roles import permissions
from spreadsheets.admin import SpreadsheetAdminMixin
from spreadsheets.resources import DivisionResource

from .columns import WarekiListDisplayMixin
from .forms import PortalFormMixin, PortalInlineFormSet

admin.site.site_header = "熊本市 市政概要ポータル 管理画面"
admin.site.site_title = "熊本市ポータル管理"
admin.site.index_title = "記録の管理"


class PortalChangeList(ChangeList):
    """Django's changelist, with a date-hierarchy filter outside the calendar refused.

    ``?date__year=9999`` (a year past 9999 once the hierarchy adds one) and
    ``?date__year=99999999999999999999`` raise ``ValueError`` / ``OverflowError`` inside
    Django's ``get_filters``; they are as wrong as any other filter value.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class VersionedFormMixin:
    """The record's version travels with every form of a content record (``PortalModelForm``).

    Shared by ``PortalAdmin`` and the inlines: the hidden ``version`` field is added to the
    form's fields (whatever ``fields`` the admin declares) for users who may change the
    record, and left out of a read-only page.
    """

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != VERSION_FIELD]
        if issubclass(self.model, SourcedModel) and self._may_edit(request, obj):
            fields.append(VERSION_FIELD)
        return fields

    def _may_edit(self, request, obj):
        # A page's own record, or an inline's parent (obj) on its change page.
        if obj is not None:
            return self.has_change_permission(request, obj)
        if isinstance(self, admin.options.InlineModelAdmin):
            return self.has_add_permission(request, obj)
        return self.has_add_permission(request)


class DivisionScopedChoicesMixin:
    """Foreign-key choices in admin forms limited to the records of the user's divisions.

    Shared by ``PortalAdmin`` and the inlines (``PortalInlineMixin``), so a record can be
    neither moved to, nor hung under a record of, another division (``roles.permissions``).
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = permissions.choice_kwargs(db_field, request.user, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Audit trail: PortalHistoryAdmin (history with field diff, revert) comes first in the
# bases; it and ImportExportModelAdmin override different templates (history / changelist).
class PortalAdmin(
    PortalFormMixin,
    VersionedFormMixin,
    WarekiListDisplayMixin,
    DivisionScopedChoicesMixin,
    PortalHistoryAdmin,
    SpreadsheetAdminMixin,
    ImportExportModelAdmin,
):
    """Base of every content model's admin: spreadsheet import/export (CSV, XLSX) and
    the change history of each record (変更履歴: who, when, which fields; revert).

    The form lists the record's facts first and its ``source`` (出典) last, as a
    footnote, whatever the model's field order. The one place for portal-wide admin rules.
    File reading, limits, preview and confirm come from ``SpreadsheetAdminMixin``.
    """

    def get_changelist(self, request, **kwargs):
        return PortalChangeList

    def get_changelist_instance(self, request):
        # Django answers a filter it cannot apply with a redirect to an English "database
        # error" page; staff get the portal's Japanese 400 page instead.
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters as error:
            raise BadRequest("一覧の絞り込みの指定が正しくありません。") from error

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if "source" in fields:
            fields.remove("source")
            fields.insert(len(fields) - (VERSION_FIELD in fields), "source")
        return fields

    # Optimistic locking: PortalModelForm refuses a stale form with a message; a save that
    # loses the race after that check (RecordChanged, nothing written) gets one too.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RecordChanged as error:
            return self._record_changed(request, error)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except RecordChanged as error:
            return self._record_changed(request, error)

    def _record_changed(self, request, error):
        messages.error(
            request,
            f"「{error.instance}」は、保存の直前に他の人が保存したため、あなたの変更は保存していません。"
            "最新の内容を確かめて、もう一度入力してください。",
        )
        return HttpResponseRedirect(request.get_full_path())

    # Roles: every rule lives in roles/permissions.py. Lists, change, delete, history,
    # import and export see only the records of the user's divisions; a record of another
    # division answers 403, not "not found".

    def get_queryset(self, request):
        return permissions.visible(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):
        # Unscoped on purpose: has_*_permission(obj) then answers 403 for another division's record.
        queryset = super().get_queryset(request)
        model = queryset.model
        field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (model.DoesNotExist, ValidationError, ValueError):
            return None

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and permissions.can_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_edit(request.user, obj)

    def get_import_resource_kwargs(self, request, **kwargs):
        # A clerk's rows may touch only records of their divisions (a row error otherwise).
        return {**super().get_import_resource_kwargs(request, **kwargs), "row_check": permissions.import_row_check}

    def has_import_permission(self, request):
        return super().has_import_permission(request) and (
            self.has_add_permission(request) or self.has_change_permission(request)
        )

    def has_export_permission(self, request):
        return super().has_export_permission(request) and self.has_view_permission(request)

    # Batches (一括変更): every confirmed import and every changelist bulk delete is one
    # recorded batch, which the batch pages can review and undo (backoffice.batches).

    def import_batch(self, user, *, file_name="", reason=""):
        """The recorded batch of one confirmed import of this model (a context manager).

        The import's write task (``spreadsheets.jobs.write_import``) wraps its writing in it
        and sets ``batch.unchanged_count`` from the result inside the block.
        """
        return recording_batch(user=user, label=file_name, reason=reason, model=self.model)

    def import_batch_url(self, batch_id):
        return reverse("admin-batch", args=[batch_id])

    def delete_queryset(self, request, queryset):
        label = f"{self.model._meta.verbose_name}の一括削除"
        with recording_batch(user=request.user, label=label, model=self.model, kind=BatchKind.DELETE):
            super().delete_queryset(request, queryset)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_view_permission(request, obj):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        permissions.check_can_save(request.user, obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # Checked once saved (links set); PermissionDenied rolls the request's transaction back.
        for obj in [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]:
            permissions.check_can_save(request.user, obj)


class PortalInlineMixin(PortalFormMixin, VersionedFormMixin, DivisionScopedChoicesMixin):
    """Base of every content app's inline: division-scoped choices, no blank extra rows,
    the portal's dates, the 表示順/出典 defaults of new rows and the version of each row
    checked (``backoffice.forms``).

    Use ``PortalTabularInline`` or ``PortalStackedInline``.

    The rows are read with their parents (``select_related``): each row's title names its
    parent (``__str__``), so a change form costs the same at 10 and 1,000 rows.
    """

    extra = 0
    formset = PortalInlineFormSet

    def get_queryset(self, request):
        parents = [field.name for field in self.model._meta.concrete_fields if field.many_to_one]
        return super().get_queryset(request).select_related(*parents)


class PortalTabularInline(PortalInlineMixin, admin.TabularInline):
    """A tabular inline of a ``PortalAdmin`` page."""


class PortalStackedInline(PortalInlineMixin, admin.StackedInline):
    """A stacked inline of a ``PortalAdmin`` page."""


@admin.register(Division)
class DivisionAdmin(PortalAdmin):
    resource_classes = [DivisionResource]
    list_display = ["name", "order", "source"]
    list_editable = ["order"]
    search_fields = ["name"]
    list_filter = ["source"]
