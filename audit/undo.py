"""Undo of a recorded batch (一括変更の取り消し): every record it touched back as it was.

For each record the batch wrote a history row for, the state to go back to is the
record's latest history row *before* the batch's first row of it:

- no such row, or a deletion row: the record did not exist before — it is deleted
  (a record the batch created);
- otherwise the record existed with those values — it is re-created with its old id (the
  batch deleted it) or its fields are set back (the batch changed it).

All of it is one transaction and itself a recorded batch of kind 取り消し
(``ChangeBatch.undoes`` names the batch undone), so every write leaves a history row naming
the user, and the undo shows in the batch list. A batch is undone at most once; an undo
is not undone (import the file again instead).

Later edits
-----------
A record whose latest history row is not the batch's was changed (or deleted, or
re-created) after the batch. So is a record that the undo would delete together with a
record made after the batch that refers to it (a deletion cascades). Those records are
listed as ``LaterEdit``, and so is a record the batch changed that has no history from
before it (its old values are unknown). By default the undo is then refused and nothing
is written (``UndoRefused``). With ``keep_later_edits=True`` the undo leaves each of those records as
it now is (the later edit wins) and puts back all the others.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Max, Min, ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .history import HISTORY_TYPE_LABELS, history_model, record_instance
from .models import BatchKind, ChangeBatch
from .recording import recording_batch

WRITE_BATCH_SIZE = 500


class UndoError(Exception):
    """The undo cannot be done; ``message`` says why in Japanese. Nothing was written."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class UndoRefused(UndoError):
    """Records were edited after the batch; ``later_edits`` lists them. Nothing was written."""

    def __init__(self, later_edits):
        super().__init__(
            f"取り込みの後に変更された記録が{len(later_edits)}件あるため、取り消しませんでした。"
            "一覧を確かめ、後の変更を残してよければ「後の変更を残して取り消す」を選んでください。"
        )
        self.later_edits = later_edits


@dataclass
class LaterEdit:
    """A record changed after the batch: what, who and when (``user``/``when`` may be ``None``)."""

    model: type
    object_id: int
    label: str
    user: Any
    when: Any
    kind: str

    do_not_call_in_templates = True

    @property
    def model_label(self):
        return self.model._meta.verbose_name


@dataclass
class _Record:
    model: type
    object_id: int
    existed: bool  # whether the record existed before the batch
    before: Any  # the historical row with its values then (when it existed)
    current: Any  # the record as stored now, or None: it does not exist


@dataclass
class UndoPlan:
    """What undoing ``batch`` would do: records to re-create, set back and delete."""

    batch: ChangeBatch
    recreate: list = field(default_factory=list)
    restore: list = field(default_factory=list)
    delete: list = field(default_factory=list)
    later_edits: list = field(default_factory=list)

    def without(self, keys):
        """The plan minus the records ``keys`` (``(model, object id)`` pairs)."""
        keep = lambda records: [r for r in records if (r.model, r.object_id) not in keys]  # noqa: E731
        return UndoPlan(self.batch, keep(self.recreate), keep(self.restore), keep(self.delete), [])


def _tracked_values(obj, tracked):
    return tuple(getattr(obj, f.attname) for f in tracked)


def plan_undo(batch) -> UndoPlan:
    """Work out what undoing ``batch`` would do, and which records were edited after it.

    Reads only: per model in the batch, one query for its rows, two for the records'
    earlier rows, one for the later rows and one for the records as they are now (plus
    one for the later rows' details when there are any).
    """
    plan = UndoPlan(batch)
    spans = (
        batch.changes.order_by()
        .values_list("content_type_id", "object_id")
        .annotate(first=Min("history_id"), last=Max("history_id"))
    )
    by_type = defaultdict(dict)
    for content_type_id, object_id, first, last in spans:
        by_type[content_type_id][object_id] = (first, last)
    for content_type_id, span in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        _plan_model(plan, model, span)
    return plan


def _plan_model(plan, model, span):
    manager = history_model(model)._default_manager
    tracked = history_model(model).tracked_fields
    pk_name = model._meta.pk.attname
    ids = list(span)
    # The latest row of each record before the batch's first row of it.
    before_ids = {}
    for object_id, history_id in (
        manager.filter(**{f"{pk_name}__in": ids}, history_id__lt=max(f for f, _ in span.values()))
        .order_by("history_id")
        .values_list(pk_name, "history_id")
    ):
        if history_id < span[object_id][0]:
            before_ids[object_id] = history_id
    before = {
        getattr(row, pk_name): row
        for row in manager.filter(history_id__in=list(before_ids.values()))
    }
    latest = dict(
        manager.filter(**{f"{pk_name}__in": ids})
        .order_by()
        .values_list(pk_name)
        .annotate(latest=Max("history_id"))
    )
    later = [latest[i] for i in ids if latest.get(i, 0) > span[i][1]]
    if later:
        for row in manager.filter(history_id__in=later).select_related("history_user"):
            plan.later_edits.append(
                LaterEdit(
                    model=model,
                    object_id=getattr(row, pk_name),
                    label=str(record_instance(row)),
                    user=row.history_user,
                    when=row.history_date,
                    kind=HISTORY_TYPE_LABELS.get(row.history_type, row.history_type),
                )
            )
    # A record with no history before the batch whose first row in it is not its creation
    # existed, with values only a deletion row tells (a change row: unknown, left as it is).
    unknown = [span[i][0] for i in ids if i not in before]
    if unknown:
        for row in manager.filter(history_id__in=unknown).exclude(history_type="+"):
            object_id = getattr(row, pk_name)
            if row.history_type == "-":
                before[object_id] = row
            else:
                plan.later_edits.append(
                    LaterEdit(
                        model=model, object_id=object_id, label=str(record_instance(row)),
                        user=None, when=None, kind="以前の内容の履歴なし",
                    )
                )
    current = model._base_manager.in_bulk(ids)
    for object_id in ids:
        row = before.get(object_id)
        existed = row is not None and (row.history_type != "-" or row.history_id >= span[object_id][0])
        record = _Record(model, object_id, existed, row, current.get(object_id))
        if record.existed and record.current is None:
            plan.recreate.append(record)
        elif record.existed and _tracked_values(record.before, tracked) != _tracked_values(
            record.current, tracked
        ):
            plan.restore.append(record)
        elif not record.existed and record.current is not None:
            plan.delete.append(record)


def undo_batch(batch, *, user=None, keep_later_edits=False, reason="") -> ChangeBatch:
    """Undo ``batch`` in one transaction; return the new batch of kind 取り消し.

    ``user`` is named on the history rows and on the undo batch; ``reason`` is stored on
    it. Raises ``UndoRefused`` (records edited after the batch, ``keep_later_edits``
    not set) or ``UndoError`` (already undone, an undo batch, or the database refused a
    record: e.g. another record now has its unique name); nothing is written then.
    """
    try:
        with transaction.atomic():
            locked = ChangeBatch.objects.select_for_update().get(pk=batch.pk)
            if locked.kind == BatchKind.UNDO:
                raise UndoError("取り消しの記録は取り消せません。元に戻すには、もう一度取り込んでください。")
            if ChangeBatch.objects.filter(undoes=locked).exists():
                raise UndoError("この一括変更はすでに取り消されています。")
            plan = plan_undo(locked)
            if plan.later_edits and not keep_later_edits:
                raise UndoRefused(plan.later_edits)
            skipped = {(e.model, e.object_id) for e in plan.later_edits}
            model = locked.content_type.model_class() if locked.content_type_id else None
            with recording_batch(
                user=user, kind=BatchKind.UNDO, label=f"{locked}の取り消し", reason=reason, model=model
            ) as undo:
                undo.undoes = locked
                _apply(plan.without(skipped), undo, keep_later_edits)
            # Foreign keys are checked at commit; a re-created record whose parent is gone
            # must fail here, inside the ``except`` below.
            connection.check_constraints(
                table_names=[m._meta.db_table for m in {r.model for r in plan.recreate + plan.restore}]
            )
            return undo
    except (IntegrityError, ProtectedError, RestrictedError, ValidationError, DatabaseError) as error:
        raise UndoError(
            "元に戻せない記録があるため、取り消しませんでした(何も変更していません)。"
            "同じ名前の記録が後から作られた、参照先の記録が削除された、などが考えられます。"
        ) from error


def _apply(plan, undo, keep_later_edits):
    user, reason = undo.user, undo.history_reason
    by_model = defaultdict(list)
    for record in plan.recreate:
        by_model[record.model].append(record.before.instance)
    for model, objs in by_model.items():
        bulk_create_with_history(
            objs, model, batch_size=WRITE_BATCH_SIZE, default_user=user, default_change_reason=reason
        )
    by_model = defaultdict(list)
    for record in plan.restore:
        by_model[record.model].append(record.before.instance)
    for model, objs in by_model.items():
        fields = [f.name for f in history_model(model).tracked_fields if not f.primary_key]
        bulk_update_with_history(
            objs, model, fields, batch_size=WRITE_BATCH_SIZE, default_user=user,
            default_change_reason=reason, manager=model._base_manager,
        )
    deletions = {(r.model, r.object_id): r.current for r in plan.delete}
    blockers = _cascade_blockers(deletions)
    if blockers and not keep_later_edits:
        raise UndoRefused(blockers)
    for edit in blockers:
        deletions.pop((edit.model, edit.object_id), None)
    if deletions:
        # One collector: children before parents, a history row for each (post_delete).
        collector = Collector(using=connection.alias)
        collector.collect(list(deletions.values()))
        collector.delete()


def _cascade_blockers(deletions):
    """``LaterEdit`` for each record whose deletion would take along a record not planned.

    Such a record refers to it and was made (or moved under it) after the batch.
    """
    if not deletions:
        return []
    planned = set(deletions)

    def extras(objs):
        collector = Collector(using=connection.alias)
        collector.collect(objs)
        return [
            obj
            for model, instances in collector.data.items()
            for obj in instances
            if (model, obj.pk) not in planned
        ]

    if not extras(list(deletions.values())):
        return []
    blockers = []
    for (model, object_id), obj in deletions.items():
        found = extras([obj])
        if found:
            names = "、".join(f"{type(o)._meta.verbose_name}「{o}」" for o in found[:3])
            blockers.append(
                LaterEdit(
                    model=model,
                    object_id=object_id,
                    label=f"{obj}(後から作られた{names}がこの記録を参照しています)",
                    user=None,
                    when=None,
                    kind="参照",
                )
            )
    return blockers
