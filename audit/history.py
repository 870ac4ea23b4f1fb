"""The audit trail (変更履歴) of every content model, built on django-simple-history.

Every ``SourcedModel`` gets a historical model (``HistoricalPartnerCity`` …) through
``PortalHistoricalRecords``, registered by ``register_content_history`` when the app is
ready. A history row is written on every save and delete: admin edits, reverts and bulk
deletes from a changelist; spreadsheet imports write one row per created or changed record
through the bulk helpers below. ``simple_history.middleware.HistoryRequestMiddleware`` lets each row name the
signed-in user.

What this module adds to the library:

- ``PortalHistoricalRecords``: Japanese names for the historical models and their fields.
- ``register_content_history()``: the historical model of every content model.
- ``division_lookup(model)``: how a record reaches its responsible division (所管課).
- ``record_current_state(reason=…)``: a history row for each record whose stored state is
  not yet in its history (after ``loaddata``, which writes none); see "Fixtures" below.
- ``recent_changes(...)``: the change rows of all models, newest first, for the admin's
  「最近の変更」page.
- ``changed_fields(old, new)`` / ``display_value(field, value)``: the field-level diff
  with the models' Japanese labels.

Batches: an import or bulk delete written inside ``audit.recording.recording_batch`` is
one ``ChangeBatch`` whose history rows can be reviewed together and undone
(``audit.undo``); ``PortalHistoricalRecords`` gives every content model the history
manager that tags bulk-written rows with the batch.

Bulk writes
-----------
Code that writes many records at once must not call ``QuerySet.bulk_create`` /
``bulk_update`` / ``update`` directly (those write no history). Use::

    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    bulk_create_with_history(objs, Model, default_user=user,
                             default_change_reason="一括取り込み")
    bulk_update_with_history(objs, Model, fields=[...], default_user=user,
                             default_change_reason="一括取り込み")

Both write the records and one history row per record in one transaction. Inside a
request the user is found by the middleware when ``default_user`` is ``None``; outside
one (a management command) pass the user, or rows name nobody. ``bulk_update_with_history``
writes a row for every object given, so pass only the objects that really changed
(a row per changed record, none for unchanged ones, as the row-by-row import does).

Fixtures
--------
``loaddata`` saves with ``raw=True``, for which simple-history writes no history. After
loading, ``load_document`` sends ``core.signals.document_loaded``, and
``record_loaded_document`` calls ``record_current_state(reason=FIXTURE_REASON)``: each
record then has one initial row (作成, no user, reason「市政概要の読み込み」), so the first
staff edit has a baseline and its history shows which fields it changed. ``load_document
--force`` adds a 変更 row only for the records the reload really changed.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Cast
from django.utils.text import format_lazy
import simple_history
from modeltranslation.fields import TranslationField
from modeltranslation.settings import DEFAULT_LANGUAGE
from simple_history.models import HistoricalRecords

from core.models import VERSION_FIELD, content_models, date_precision_pairs
from core.ownership import owner_path
from core.wareki import DatePrecision, format_wareki, format_wareki_datetime

from .recording import PortalHistoryManager

#: The change reason of rows written for records loaded from the document's fixtures.
FIXTURE_REASON = "市政概要の読み込み"
#: The reason on the initial history rows of records that existed before the audit trail.
EXISTING_REASON = "変更履歴の記録開始時の内容"

HISTORY_TYPE_LABELS = {"+": "作成", "~": "変更", "-": "削除"}

_HISTORY_FIELD_LABELS = {
    "history_id": ("履歴ID", "変更履歴の通し番号。"),
    "history_date": ("変更日時", "この変更が記録された日時。"),
    "history_change_reason": ("変更理由", "取り込みなど、変更の理由(任意)。"),
    "history_type": ("変更の種類", "作成・変更・削除のどれか。"),
    "history_user": ("変更した人", "変更した職員。文書の読み込みなどでは空です。"),
}


class PortalHistoricalRecords(HistoricalRecords):
    """``HistoricalRecords`` whose historical models and fields are named in Japanese.

    ``PartnerCity`` (姉妹・友好都市) gets ``HistoricalPartnerCity`` named
    「姉妹・友好都市の変更履歴」; the history fields (变更日時, 変更した人 …) get Japanese
    labels and help texts, and the change types read 作成 / 変更 / 削除. The history
    manager is ``PortalHistoryManager``, whose bulk writes join the batch being recorded
    (``audit.recording``).

    The record's ``version`` (optimistic locking, ``core.models.SourcedModel``) is not
    kept: it changes on every save and is no fact of the record. A revert puts back the
    facts and leaves the version to the save (simple-history reads an excluded field from
    the live record).

    A save that changes no tracked field writes no 変更 row (``create_historical_record``):
    the history lists changes only, as a spreadsheet import does for unchanged rows.
    """

    def __init__(self, *args, excluded_fields=None, history_manager=PortalHistoryManager, **kwargs):
        excluded = list(excluded_fields or [])
        if VERSION_FIELD not in excluded:
            excluded.append(VERSION_FIELD)
        super().__init__(*args, excluded_fields=excluded, history_manager=history_manager, **kwargs)

    def create_historical_record(self, instance, history_type, using=None):
        if history_type == "~" and self._unchanged(instance, using):
            return
        super().create_historical_record(instance, history_type, using=using)

    def _unchanged(self, instance, using):
        """Whether ``instance`` holds the tracked values of its latest history row."""
        manager = getattr(instance, self.manager_name)
        history = manager.model
        latest = (
            history._default_manager.using(using)
            .filter(**{instance._meta.pk.attname: instance.pk})
            .order_by("-history_date", "-history_id")
            .first()
        )
        if latest is None or latest.history_type == "-":
            return False
        return _tracked_values(latest, history.tracked_fields) == _tracked_values(
            instance, history.tracked_fields
        )

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["verbose_name"] = format_lazy("{}の変更履歴", model._meta.verbose_name)
        options["verbose_name_plural"] = format_lazy("{}の変更履歴", model._meta.verbose_name)
        return options

    def get_extra_fields(self, model, fields):
        extra = super().get_extra_fields(model, fields)
        extra["history_type"] = models.CharField(
            max_length=1, choices=list(HISTORY_TYPE_LABELS.items())
        )
        for name, (label, help_text) in _HISTORY_FIELD_LABELS.items():
            field = extra.get(name)
            if isinstance(field, models.Field):
                # ``_verbose_name`` is what the migration records (Field.deconstruct).
                field.verbose_name = field._verbose_name = label
                field.help_text = help_text
        return extra


def register_content_history():
    """Give every content model (a ``SourcedModel``) its historical model and ``history``.

    Called from ``AuditConfig.ready``, once every model is loaded; ``core`` declares the
    shared abstract model without knowing about the audit trail.
    """
    for model in content_models():
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            simple_history.register(model, records_class=PortalHistoricalRecords)


def record_loaded_document(sender, *, loaded, **kwargs):
    """``document_loaded`` receiver: history rows for what ``load_document`` wrote or found."""
    record_current_state(reason=FIXTURE_REASON if loaded else EXISTING_REASON)


def is_history_model(model) -> bool:
    """Return whether ``model`` is a historical model made by simple-history (not content)."""
    return hasattr(model, "instance_type") and hasattr(model, "tracked_fields")


def history_model(model):
    """Return the historical model of content ``model`` (e.g. ``HistoricalPartnerCity``)."""
    return getattr(model, model._meta.simple_history_manager_attribute).model


def division_lookup(model) -> str | None:
    """Return the ORM path from ``model`` to its responsible division's id, or ``None``.

    The path of :func:`core.ownership.owner_path` (the one rule for which
    division owns a record): ``responsible_division`` on a top-level record, through the
    parent for a child (``Room`` → ``floor__center__responsible_division``), ``id`` for a
    ``Division``. The same path works on the historical model, whose foreign keys join the
    live parent.
    """
    path = owner_path(model)
    if path is None:
        return None
    return "id" if path.lookup == "pk" else path.lookup


# --- Field-level diff ---------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One changed field of a record: its Japanese label and the old and new values shown."""

    name: str
    label: str
    old: str
    new: str


def display_value(field: models.Field, value: Any, precision: str | None = None) -> str:
    """Return ``value`` of ``field`` as staff read it: choice labels, はい/いいえ, ``(空)``,
    dates in 和暦 with 西暦 to ``precision`` (the record's ``*_precision``; a day if none).

    ``value`` is the stored value (for a foreign key: the related object or its id).
    """
    if value is None or value == "":
        return "(空)"
    if isinstance(value, datetime.datetime):
        return format_wareki_datetime(value)
    if isinstance(value, datetime.date):
        return format_wareki(value, precision or DatePrecision.DAY)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "はい" if value else "いいえ"
    return str(value)


def mirrors_original(field: models.Field) -> bool:
    """Whether ``field`` is django-modeltranslation's copy of a field in the default language
    (``name_ja`` of ``name``): the two always hold the same value, so a change is told once,
    under the original field's label."""
    return isinstance(field, TranslationField) and field.language == DEFAULT_LANGUAGE


def changed_fields(old, new) -> list[FieldChange]:
    """Return what changed between two history rows (or instances) of the same model.

    ``old`` may be ``None`` (a record's first row): then nothing is reported. Compares the
    stored values (foreign keys by id) of every tracked field, in the model's field order;
    related objects are shown only when already loaded on the row (no extra queries).
    """
    if old is None:
        return []
    model = new.instance_type if hasattr(new, "instance_type") else type(new)
    changes = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name == VERSION_FIELD or mirrors_original(field):
            continue
        before, after = getattr(old, field.attname), getattr(new, field.attname)
        if before == after:
            continue
        if field.is_relation:
            before = _related_or_id(old, field, before)
            after = _related_or_id(new, field, after)
        precision = date_precision_pairs(model).get(field.name)
        changes.append(
            FieldChange(
                name=field.name,
                label=str(field.verbose_name),
                old=display_value(field, before, getattr(old, precision, None) if precision else None),
                new=display_value(field, after, getattr(new, precision, None) if precision else None),
            )
        )
    return changes


def _related_or_id(row, field, value):
    cache = getattr(row, "_state", None)
    if value is not None and cache is not None and field.name in cache.fields_cache:
        return cache.fields_cache[field.name] or value
    return value


# --- Recording the current state (after loaddata) -----------------------------------


def record_instance(record):
    """Return the model instance a history row describes, with its loaded parents.

    ``record.instance`` alone is a fresh instance: reading ``str(room)`` would then query
    ``room.floor``. The foreign keys ``select_related`` loaded on the row are handed on.
    Built from the tracked fields only: simple-history's ``instance`` would read the
    fields the history leaves out (``version``) from the live record, one query per row.
    """
    instance = record.instance_type(
        **{field.attname: getattr(record, field.attname) for field in record.tracked_fields}
    )
    instance._state.adding = False
    instance._state.db = record._state.db
    for name, value in record._state.fields_cache.items():
        if name != "history_user":
            instance._state.fields_cache[name] = value
    return instance


def _tracked_values(obj, tracked):
    return tuple(getattr(obj, field.attname) for field in tracked)


def record_current_state(*, reason: str = FIXTURE_REASON, user=None) -> int:
    """Write a history row for every record whose current state its history lacks.

    For each content model: a record with no history (or whose latest row is a deletion)
    gets a 作成 row; one whose stored values differ from its latest row gets a 変更 row;
    every other record gets none, so calling this again writes nothing. ``user`` (a
    ``User`` or ``None``) and ``reason`` (text, at most 100 characters) go on each row.
    Returns the number of rows written. Two queries per model plus the inserts.
    """
    written = 0
    for model in content_models():
        manager = getattr(model, model._meta.simple_history_manager_attribute)
        tracked = manager.model.tracked_fields
        pk_name = model._meta.pk.attname
        latest = {
            getattr(row, pk_name): row
            for row in manager.all().latest_of_each().order_by()
        }
        created, updated = [], []
        for obj in model._default_manager.order_by(pk_name):
            row = latest.get(obj.pk)
            if row is None or row.history_type == "-":
                created.append(obj)
            elif _tracked_values(row, tracked) != _tracked_values(obj, tracked):
                updated.append(obj)
        for objs, update in ((created, False), (updated, True)):
            if objs:
                manager.bulk_history_create(
                    objs, update=update, default_user=user, default_change_reason=reason
                )
                written += len(objs)
    return written


# --- Recent changes across the portal ------------------------------------------------


@dataclass
class ChangeRow:
    """One row of the 「最近の変更」page: a history row of some content model."""

    model: type
    history_id: int
    object_id: int
    history_date: Any
    history_type: str
    user_id: int | None
    division_id: int | None
    record: Any = None  # the historical row, filled by ``load_change_details``
    changes: list = None

    # ``model`` is a class: templates must not call it.
    do_not_call_in_templates = True

    @property
    def type_label(self):
        """作成, 変更 or 削除."""
        return HISTORY_TYPE_LABELS.get(self.history_type, self.history_type)

    @property
    def model_label(self):
        """The Japanese name of the record's model, e.g. 交流の記録."""
        return self.model._meta.verbose_name


def recent_changes(models_, *, division=None, user=None, within=None):
    """Return a queryset of the history rows of ``models_``, newest first, as value tuples.

    ``models_`` is a list of content models; ``division`` (a ``Division`` id) keeps rows of
    records that belong to it (models without a division drop out); ``user`` (a user id)
    keeps rows made by that user; ``within`` (a collection of ``Division`` ids, or ``None``
    for no limit) keeps only rows of records those divisions own — a clerk sees the
    changes of their own divisions' records only. Each tuple is ``(model label, history_id, object id,
    history_date, history_type, user id, division id)``. One ``UNION ALL`` over the
    historical tables, so counting and slicing a page are one query each. Returns
    ``None`` when no model is left.
    """
    parts = []
    for model in models_:
        lookup = division_lookup(model)
        if (division is not None or within is not None) and lookup is None:
            continue
        queryset = history_model(model)._default_manager.order_by()
        if division is not None:
            queryset = queryset.filter(**{lookup: division})
        if within is not None:
            queryset = queryset.filter(**{f"{lookup}__in": list(within)})
        if user is not None:
            queryset = queryset.filter(history_user_id=user)
        division_expr = (
            Cast(F(lookup), models.BigIntegerField())
            if lookup
            else Cast(Value(None), models.BigIntegerField())
        )
        parts.append(
            queryset.annotate(
                r_model=Cast(Value(model._meta.label_lower), models.CharField(max_length=100)),
                r_history=F("history_id"),
                r_object=Cast(F(model._meta.pk.attname), models.BigIntegerField()),
                r_date=F("history_date"),
                r_type=F("history_type"),
                r_user=F("history_user_id"),
                r_division=division_expr,
            ).values_list(
                "r_model", "r_history", "r_object", "r_date", "r_type", "r_user", "r_division"
            )
        )
    if not parts:
        return None
    first, *rest = parts
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-r_date", "-r_history")


def load_change_details(rows: list[ChangeRow]) -> None:
    """Fill ``record`` (the historical row) and ``changes`` of each row of one page.

    Per model on the page: one query for its rows (with the user and every foreign key
    the record's name may read) and one for the rows just before them, so the number of
    queries depends on how many models a page shows, never on how many rows. (The second
    query is skipped when none of a model's rows has an earlier row.)
    """
    by_model: dict[type, list[ChangeRow]] = {}
    for row in rows:
        by_model.setdefault(row.model, []).append(row)
    for model, model_rows in by_model.items():
        history = history_model(model)
        manager = history._default_manager
        fk_names = [f.name for f in history.tracked_fields if isinstance(f, models.ForeignKey)]
        pk_name = model._meta.pk.attname
        # The row just before each one of the same record: its latest earlier row.
        earlier = manager.filter(
            **{pk_name: models.OuterRef(pk_name)},
            history_date__lt=models.OuterRef("history_date"),
        ).order_by("-history_date", "-history_id")
        records = {
            record.history_id: record
            for record in manager.filter(history_id__in=[r.history_id for r in model_rows])
            .annotate(previous_id=models.Subquery(earlier.values("history_id")[:1]))
            .select_related("history_user", *fk_names)
        }
        previous = {
            record.history_id: record
            for record in manager.filter(
                history_id__in=[r.previous_id for r in records.values() if r.previous_id]
            ).select_related(*fk_names)
        }
        for row in model_rows:
            row.record = records.get(row.history_id)
            if row.record is None:
                row.changes = []
                continue
            old = previous.get(row.record.previous_id)
            row.changes = changed_fields(old, row.record) if row.history_type == "~" else []
