"""The form of every content record in the admin: no edit is lost to a later save.

``PortalModelForm`` is the ``form`` of ``PortalAdmin`` and of the inlines. It carries the
record's ``version`` (optimistic locking, ``core.models.SourcedModel``) in a hidden field.
When the form comes back with a version older than the stored one, somebody saved the
record since the form was opened: the form is refused with a Japanese message listing, with
the fields' Japanese labels, what the user typed and what is stored now for every field
that differs. The form then holds the current version, so saving again (after reading the
message) is a deliberate overwrite, never a silent one. A form that differs in nothing
from the stored record is accepted.

The database check (``SourcedModel._do_update``) covers the moment between this check and
the save; ``PortalAdmin`` turns its ``RecordChanged`` into a message too.
"""
from django import forms

from audit.history import display_value
from core.models import VERSION_FIELD, SourcedModel, normalize_field_text


class PortalModelForm(forms.ModelForm):
    """A model form that refuses a stale edit of a content record (see the module)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self):
        cleaned_data = super().clean()
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


def _shown(model_field, value):
    if model_field.is_relation:
        return "(空)" if value is None else str(value)
    return display_value(model_field, value)
