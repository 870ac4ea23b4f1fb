"""Recording a batch of changes: ``with recording_batch(...) as batch:``.

Everything written inside the block is one ``ChangeBatch`` (see ``audit.models``)::

    with recording_batch(user=request.user, label="activities.xlsx", reason="年度更新",
                         model=ExchangeActivity) as batch:
        result = resource.import_data(dataset, dry_run=False, user=request.user)
        batch.unchanged_count = result.totals["skip"]

The block runs in one transaction with the batch row. Each history row written inside it
is tagged with the batch, whichever way it is written:

- a normal ``save()`` / ``delete()`` (the library's row-by-row import, a changelist
  delete, cascades): simple-history's ``pre_create_historical_record`` /
  ``post_create_historical_record`` signals, heard by :func:`tag_history_row` and
  :func:`record_history_row`;
- ``bulk_create_with_history`` / ``bulk_update_with_history`` (the fast import path):
  ``PortalHistoryManager.bulk_history_create``, the history manager of every content model.

A row without a user gets the batch's user, a row without a change reason the batch's
(``取り込み#12: 理由``). The tags are written in the same transaction as the rows they
tag, so a savepoint rolled back inside the block takes both back. On leaving the block the
batch's new / changed / deleted counts are counted from its rows (``unchanged_count`` is
the caller's: only the import knows it). Nested blocks record into the outer batch.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q
from simple_history.manager import HistoryManager

from core.ownership import owner_id, owner_path
from core.signals import records_bulk_written

from .models import BatchChange, BatchKind, ChangeBatch

_current = contextvars.ContextVar("audit_recording_batch", default=None)


class _Recorder:
    """The batch being recorded and how its rows are tagged."""

    def __init__(self, batch):
        self.batch = batch
        self.user = batch.user
        self.reason = batch.history_reason

    def add(self, content_model, rows, divisions):
        """Tag history ``rows`` of ``content_model``; ``divisions`` maps object id → division id."""
        content_type = ContentType.objects.get_for_model(content_model)
        pk_name = content_model._meta.pk.attname
        tags = []
        for row in rows:
            if row.pk is None:
                raise RuntimeError("履歴の行のIDが分からないため、一括変更に記録できません。")
            object_id = getattr(row, pk_name)
            tags.append(
                BatchChange(
                    batch=self.batch,
                    content_type=content_type,
                    object_id=object_id,
                    history_id=row.pk,
                    history_type=row.history_type,
                    division_pk=divisions.get(object_id),
                )
            )
        BatchChange.objects.bulk_create(tags)

    def finish(self):
        counts = dict(
            self.batch.changes.order_by().values_list("history_type").annotate(n=Count("id"))
        )
        self.batch.new_count = counts.get("+", 0)
        self.batch.changed_count = counts.get("~", 0)
        self.batch.deleted_count = counts.get("-", 0)
        self.batch.save(
            update_fields=["new_count", "changed_count", "deleted_count", "unchanged_count", "undoes"]
        )


def current_batch():
    """Return the ``ChangeBatch`` being recorded, or ``None`` outside ``recording_batch``."""
    recorder = _current.get()
    return recorder.batch if recorder else None


@contextmanager
def recording_batch(*, user=None, label="", reason="", model=None, kind=BatchKind.IMPORT):
    """Record everything written inside the block as one ``ChangeBatch`` (yielded).

    ``user``: the staff user doing it (``None`` or an anonymous user: nobody); ``label``:
    the file name or what was done; ``reason``: the reason staff gave; ``model``: the
    content model the batch is about (or ``None``); ``kind``: a ``BatchKind``. An
    exception leaving the block rolls everything back, the batch included. Inside an
    outer block, the outer batch records everything and is yielded.
    """
    outer = _current.get()
    if outer is not None:
        yield outer.batch
        return
    if not getattr(user, "is_authenticated", False):
        user = None
    with transaction.atomic():
        batch = ChangeBatch.objects.create(
            kind=kind,
            user=user,
            label=(label or "")[:255],
            reason=reason or "",
            content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        )
        recorder = _Recorder(batch)
        token = _current.set(recorder)
        try:
            yield batch
        finally:
            _current.reset(token)
        recorder.finish()


def _division_of(instance):
    try:
        return owner_id(instance)
    except Exception:  # a parent on the way is already gone (a cascade): no division known
        return None


def tag_history_row(sender, history_instance, **kwargs):
    """``pre_create_historical_record``: the batch's user and reason on a row that has none."""
    recorder = _current.get()
    if recorder is None:
        return
    if history_instance.history_user_id is None and recorder.user is not None:
        history_instance.history_user = recorder.user
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = recorder.reason


def record_history_row(sender, instance, history_instance, **kwargs):
    """``post_create_historical_record``: tag a row written by a normal save or delete."""
    recorder = _current.get()
    if recorder is None:
        return
    recorder.add(type(instance), [history_instance], {instance.pk: _division_of(instance)})


class PortalHistoryManager(HistoryManager):
    """simple-history's manager; its bulk writes are tagged with the batch being recorded."""

    def bulk_history_create(
        self,
        objs,
        batch_size=None,
        update=False,
        default_user=None,
        default_change_reason="",
        default_date=None,
        custom_historical_attrs=None,
    ):
        recorder = _current.get()
        if recorder is not None:
            default_user = default_user or recorder.user
            default_change_reason = default_change_reason or recorder.reason
        rows = super().bulk_history_create(
            objs,
            batch_size=batch_size,
            update=update,
            default_user=default_user,
            default_change_reason=default_change_reason,
            default_date=default_date,
            custom_historical_attrs=custom_historical_attrs,
        )
        if recorder is not None and rows:
            model = self.model.instance_type
            recorder.add(model, rows, _divisions(model, [obj.pk for obj in objs]))
        # Bulk writes send no post_save: those who follow the records hear of them here.
        records_bulk_written.send(
            sender=self.model.instance_type, pks=[obj.pk for obj in objs], using=self.db
        )
        return rows


def _divisions(model, ids):
    """``{id: division id}`` of records ``ids`` of ``model``, in one query."""
    path = owner_path(model)
    if path is None:
        return {}
    records = model._base_manager.filter(pk__in=ids)
    if path.lookup == "pk":
        # A division owns itself. Not values_list("pk", "pk"): django-modeltranslation's
        # queryset (Division has an English name) gives one column for the repeated name.
        return {pk: pk for pk in records.values_list("pk", flat=True)}
    return dict(records.values_list("pk", path.lookup))



def batches_of_rows(rows):
    """``{(model, history_id): ChangeBatch}`` for those of ``rows`` written inside a batch.

    ``rows`` have ``model`` (a content model) and ``history_id`` (``ChangeRow``). One
    query, whatever the number of rows.
    """
    by_model = {}
    for row in rows:
        by_model.setdefault(row.model, []).append(row.history_id)
    if not by_model:
        return {}
    condition = Q()
    models_by_type = {}
    for model, ids in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        models_by_type[content_type.pk] = model
        condition |= Q(content_type=content_type, history_id__in=ids)
    return {
        (models_by_type[change.content_type_id], change.history_id): change.batch
        for change in BatchChange.objects.filter(condition).select_related("batch")
    }
