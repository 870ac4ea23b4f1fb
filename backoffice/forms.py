"""The admin's form rules for every model and inline: no lost edits, portal dates, 表示順
and 出典 defaults.

Applied once, through ``PortalFormMixin`` in the bases of ``PortalAdmin`` and
``PortalInlineMixin`` (``backoffice.admin``):

- Every date is a ``core.forms.PortalDateField``: typed as in spreadsheets (和暦, 西暦,
  ``2016/7/1``, month-only ``平成28年7月``) and shown to its precision. What was typed sets
  the record's ``*_precision`` field, unless staff chose the precision themselves in the
  same form (changed it from what the form showed): then their choice stands.
- 表示順 (``order``) may be left empty: it becomes the next free number within its parent
  (``core.models.order_scope``). New inline rows left empty are numbered in row order after
  the largest number of that parent, the rows' typed numbers included, so several new
  rows never collide.
- 出典 (``source``) of a new record may be left empty: it becomes the record's division's
  own entry 「国際課による登録(令和8年12月2日)」. The form offers it already when the user
  works for one division; it stays editable.
- No edit is lost to a later save: the form carries the record's ``version`` (optimistic
  locking, ``core.models.SourcedModel``) in a hidden field. When the form comes back with
  a version older than the stored one, somebody saved the record since the form was
  opened: the form is refused with a Japanese message listing, with the fields' Japanese
  labels, what the user typed and what is stored now for every field that differs. The
  form then holds the current version, so saving again (after reading the message) is a
  deliberate overwrite, never a silent one. A form that differs in nothing from the stored
  record is accepted.

The database check (``SourcedModel._do_update``) covers the moment between this check and
the save; ``PortalAdmin`` turns its ``RecordChanged`` into a message too.
"""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from audit.history import display_value
from core.forms import DATE_HELP, PortalDateField, PortalDateInput, PreciseDate
from core.models import (
    VERSION_FIELD,
    Division,
    SourcedModel,
    date_precision_pairs,
    next_order,
    order_scope,
    normalize_field_text,
    registered_source,
)
from core.ownership import owner_id
from roles.permissions import user_division_ids

ORDER_HELP = "空欄のままなら、同じ親の記録の最後の次の番号になります。"
SOURCE_HELP = (
    "新しい記録では、空欄のままなら「所管課による登録(登録日)」"
    "(例: 国際課による登録(令和8年12月2日))になります。"
)
PRECISION_HELP = (
    "日付の書き方で決まります(平成28年7月 → 年月)。ここで選び直した場合は、その選択が優先されます。"
)


def _has_order(model):
    return any(field.name == "order" for field in model._meta.concrete_fields)


def _join_help(*parts):
    return " ".join(str(part) for part in parts if part)


class PortalModelForm(forms.ModelForm):
    """The base form of every admin page and inline row (see the module docstring)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self._date_pairs = {
            date: precision
            for date, precision in date_precision_pairs(model).items()
            if date in self.fields
        }
        for date, precision in self._date_pairs.items():
            value = self.initial.get(date)
            if value is not None and not isinstance(value, (PreciseDate, str)):
                known = self.initial.get(precision) or getattr(self.instance, precision, None)
                self.initial[date] = PreciseDate.of(value, known)
        if "source" in self.fields and self.instance._state.adding:
            self.fields["source"].required = False
        self.order_left_empty = False

    def clean(self):
        cleaned = super().clean()
        self._precisions = {}
        for date, precision in self._date_pairs.items():
            value = cleaned.get(date)
            if not isinstance(value, PreciseDate):
                continue
            cleaned[date] = value.as_date()
            if precision in self.fields:
                if precision not in self.changed_data:
                    cleaned[precision] = value.precision
            else:
                self._precisions[precision] = value.precision
        model = self._meta.model
        if "order" in self.fields and _has_order(model) and cleaned.get("order") is None:
            if "order" not in self.errors:
                self.order_left_empty = True
                scope = self._scope_values(cleaned)
                if scope is not None:
                    cleaned["order"] = next_order(model, scope)
        return self._check_version(cleaned)

    def _check_version(self, cleaned_data):
        """Refuse the form when the record was saved by somebody else since it was opened."""
        posted = cleaned_data.get(VERSION_FIELD)
        instance = self.instance
        if not isinstance(instance, SourcedModel):
            return cleaned_data
        if posted is None or instance._state.adding or instance.pk is None:
            # A new record starts at the model's first version. A form that did not carry
            # the version (a changelist's editable column) keeps the one read with the
            # record, against which the database still checks.
            cleaned_data[VERSION_FIELD] = instance.version
            return cleaned_data
        if posted == instance.version:
            return cleaned_data
        current = type(instance)._default_manager.filter(pk=instance.pk).first()
        if current is None:
            return cleaned_data  # deleted meanwhile: the formset or the save says so
        differences = self.differences(current)
        # From now on the form holds the stored version: another save is a choice made
        # after reading what differs.
        cleaned_data[VERSION_FIELD] = current.version
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = str(current.version)
        if not differences:
            return cleaned_data
        self.add_error(
            None,
            forms.ValidationError(
                f"この{current._meta.verbose_name}は、あなたが画面を開いた後に他の人が保存しました"
                "（あなたの変更はまだ保存していません）。違う項目は次のとおりです。"
                "確かめて直してから保存してください。そのまま保存すると、あなたの入力で上書きします。",
                code="record_changed",
            ),
        )
        for label, typed, stored in differences:
            self.add_error(
                None,
                forms.ValidationError(
                    f"「{label}」 あなたの入力: {typed} ／ 現在の内容: {stored}",
                    code="record_changed_field",
                ),
            )
        return cleaned_data

    def differences(self, current):
        """``[(label, typed, stored)]`` for the form's fields whose value differs from ``current``.

        ``current`` is the record as stored now. Values as staff read them (choice labels,
        はい/いいえ, the parent's name, ``(空)``); text compared in its stored form.
        """
        found = []
        for name, field in self.fields.items():
            if name == VERSION_FIELD or name not in self.cleaned_data:
                continue
            try:
                model_field = current._meta.get_field(name)
            except Exception:
                continue
            if not model_field.concrete or model_field.many_to_many:
                continue
            typed = normalize_field_text(model_field, self.cleaned_data[name])
            stored = getattr(current, model_field.name if model_field.is_relation else model_field.attname)
            if model_field.is_relation:
                same = getattr(typed, "pk", typed) == getattr(stored, "pk", stored)
            else:
                same = typed == stored or (typed in (None, "") and stored in (None, ""))
            if not same:
                found.append(
                    (str(field.label or model_field.verbose_name), _shown(model_field, typed), _shown(model_field, stored))
                )
        return found

    def _scope_values(self, cleaned):
        values = {}
        for name in order_scope(self._meta.model):
            if name in self.fields:
                if name not in cleaned:
                    return None
                values[name] = cleaned[name]
            else:
                values[name] = getattr(self.instance, name, None)
        return values

    def _post_clean(self):
        for precision, value in getattr(self, "_precisions", {}).items():
            setattr(self.instance, precision, value)
        source_left_empty = (
            "source" in self.fields
            and self.instance._state.adding
            and hasattr(self, "cleaned_data")
            and "source" not in self.errors
            and not self.cleaned_data.get("source")
        )
        super()._post_clean()
        if source_left_empty and "source" not in self.errors:
            division_id = owner_id(self.instance)
            name = Division.objects.filter(pk=division_id).values_list("name", flat=True).first()
            if name is None:
                self.add_error("source", "出典を入力してください(所管課が決まらないため自動では入れられません)。")
            else:
                self.instance.source = self.cleaned_data["source"] = registered_source(
                    name, timezone.localdate()
                )

def _shown(model_field, value):
    if model_field.is_relation:
        return "(空)" if value is None else str(value)
    return display_value(model_field, value)


class PortalInlineFormSet(BaseInlineFormSet):
    """Inline rows: each field named for assistive technology (「年月日(2行目)」), and
    new rows whose 表示順 was left empty numbered one after another.

    Numbering is within each parent (``order_scope``), after the largest of the stored
    numbers and of the numbers typed in the other rows, in the order of the rows on the page.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A tabular row shows its labels only as column headers: each field gets an
        # accessible name of its own, the column's label and the row.
        row = "新しい行" if index is None else f"{index + 1}行目"
        for field in form.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", f"{field.label}({row})")

    def clean(self):
        self._number_new_rows()
        super().clean()

    def _number_new_rows(self):
        model = self.model
        if not _has_order(model):
            return
        scope_names = order_scope(model)
        rows = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data")
            and form.cleaned_data
            and not self._should_delete_form(form)
        ]
        empty = [form for form in rows if getattr(form, "order_left_empty", False)]
        if not empty:
            return
        largest = {}
        for form in rows:
            if form in empty or form.cleaned_data.get("order") is None:
                continue
            key = self._scope_key(form, scope_names)
            largest[key] = max(largest.get(key, 0), form.cleaned_data["order"])
        stored = {}
        for form in empty:
            key = self._scope_key(form, scope_names)
            if key not in stored:
                stored[key] = next_order(model, self._scope_values(form, scope_names)) - 1
            number = max(largest.get(key, 0), stored[key]) + 1
            largest[key] = number
            form.cleaned_data["order"] = number
            form.instance.order = number

    @staticmethod
    def _scope_values(form, names):
        return {name: form.cleaned_data.get(name, getattr(form.instance, name, None)) for name in names}

    def _scope_key(self, form, names):
        return tuple(
            getattr(value, "pk", value) if isinstance(value, models.Model) else value
            for value in self._scope_values(form, names).values()
        )


def _single_division_name(user):
    ids = user_division_ids(user)
    if len(ids) != 1:
        return None
    return Division.objects.filter(pk__in=ids).values_list("name", flat=True).first()


class PortalFormMixin:
    """Admin and inline: the portal's form, date fields, and the 表示順/出典 defaults."""

    form = PortalModelForm
    formfield_overrides = {
        models.DateField: {"form_class": PortalDateField, "widget": PortalDateInput},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        model = db_field.model
        if isinstance(field, PortalDateField):
            field.help_text = _join_help(field.help_text, DATE_HELP)
        elif db_field.name == "order" and _has_order(model):
            field.required = False
            field.initial = None
            field.help_text = _join_help(field.help_text, ORDER_HELP)
        elif db_field.name == "source":
            field.help_text = _join_help(field.help_text, SOURCE_HELP)
            name = _single_division_name(request.user) if request is not None else None
            if name is not None:
                field.initial = registered_source(name, timezone.localdate())
        elif db_field.name.endswith("_precision") and db_field.name[: -len("_precision")] in date_precision_pairs(model):
            field.help_text = _join_help(field.help_text, PRECISION_HELP)
        return field

    def get_changeform_initial_data(self, request):
        # The add form offers the next free 表示順 when its parent is known: always for a
        # top-level record, from ``?city=<id>`` for one under a city.
        initial = super().get_changeform_initial_data(request)
        if _has_order(self.model) and "order" not in initial:
            scope = order_scope(self.model)
            if all(name in initial for name in scope):
                try:
                    initial["order"] = next_order(self.model, {name: initial[name] for name in scope})
                except (ValueError, ValidationError):
                    pass
        return initial

    def get_changelist_form(self, request, **kwargs):
        # Editable list columns (表示順) follow the same rules as the change form.
        return super().get_changelist_form(request, **{"form": self.form, **kwargs})
