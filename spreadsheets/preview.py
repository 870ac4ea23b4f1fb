"""What an import's preview saw, so that its confirm writes over nobody's later edit.

Between the preview (the check task's dry run) and the confirm, staff may save, in the
admin or by another import, a record the file changes. The confirm would then overwrite
that edit unseen. So the check keeps, per line of the file that matched a record, the
record's id and ``version`` (optimistic locking, ``core.models.SourcedModel``) in its job
(:class:`MatchedRecords`, stored server-side: nobody can forge it); the write task, in its
transaction:

1. ``changed_before_import(model, matched)`` locks those records (``SELECT … FOR UPDATE``
   on PostgreSQL) and lists every one saved or deleted since the preview;
2. after the import, ``changed_during_import(matched, result)`` lists the lines the preview
   read as new whose key some record now has (added since the preview).

Either list non-empty: nothing is written and staff are told which lines, in Japanese.
"""
from django.db import transaction

from core.models import VERSION_FIELD

#: Import types of a row that matched an existing record.
EXISTING = ("update", "skip", "delete")


class MatchedRecords:
    """Collects, line by line, the record each row of a preview matched and its version.

    ``add(line, row_result)`` for every row in file order; ``as_json()`` (after one query
    for the versions the row results did not carry) is what the job keeps:
    ``{"line": [pk, version], …}``, lines without a match left out.
    """

    def __init__(self, model):
        self.model = model
        self.rows = {}

    def add(self, line, row_result):
        if row_result.import_type not in EXISTING or row_result.object_id is None:
            return
        instance = getattr(row_result, "instance", None)
        version = getattr(instance, VERSION_FIELD, None) if instance is not None else None
        self.rows[str(line)] = [row_result.object_id, version]

    def as_json(self):
        missing = [pk for pk, version in self.rows.values() if version is None]
        if missing and _versioned(self.model):
            versions = {}
            for start in range(0, len(missing), 5000):
                versions.update(
                    self.model._default_manager.filter(pk__in=missing[start:start + 5000])
                    .values_list("pk", VERSION_FIELD)
                )
            for row in self.rows.values():
                if row[1] is None:
                    row[1] = versions.get(row[0])
        return self.rows


def changed_before_import(model, matched) -> list[str]:
    """Lock the records the preview matched; list those saved or deleted since then.

    ``matched`` as ``MatchedRecords.as_json()`` made it. Call inside the write's
    transaction, before writing: on PostgreSQL the rows stay locked until it ends, so
    nobody saves them in between. Returns Japanese messages naming the line and the record
    (empty: all as previewed).
    """
    if not _versioned(model) or not matched:
        return []
    expected = {pk: (int(line), version) for line, (pk, version) in matched.items()}
    queryset = model._default_manager.filter(pk__in=list(expected))
    if transaction.get_connection().features.has_select_for_update:
        queryset = queryset.select_for_update()
    current = {obj.pk: obj for obj in queryset.order_by("pk")}
    messages = []
    for pk, (line, version) in sorted(expected.items(), key=lambda item: item[1][0]):
        obj = current.get(pk)
        if obj is None:
            messages.append(f"{line}行目: プレビューの後に、この行の記録は他の人が削除しました。")
        elif getattr(obj, VERSION_FIELD) != version:
            messages.append(f"{line}行目: 「{obj}」はプレビューの後に他の人が保存しました。")
    return messages


def changed_during_import(matched, result) -> list[str]:
    """List the lines the preview read as new that matched a record at the confirm.

    ``result`` is the write's import ``Result`` (its rows in file order). Such a record was
    added by somebody else after the preview; writing the line would change it unseen.
    """
    messages = []
    for line, row in enumerate(result.rows, start=2):
        if str(line) not in matched and row.import_type in EXISTING:
            name = row.object_repr or ""
            messages.append(f"{line}行目: 「{name}」はプレビューの後に他の人が登録しました。")
    return messages


def _versioned(model):
    return any(field.name == VERSION_FIELD for field in model._meta.concrete_fields)
