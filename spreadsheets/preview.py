"""What an import's preview saw, so that its confirm writes over nobody's later edit.

Between the preview (a dry run) and the confirm, staff may save, in the admin or by
another import, a record the file changes. The confirm would then overwrite that edit
unseen. So the preview keeps, per row of the file, the record it matched and that
record's ``version`` (optimistic locking, ``core.models.SourcedModel``), in a signed token
the confirm form carries (``preview_state``); the confirm, in its transaction:

1. ``changed_before_import(model, state)`` locks those records (``SELECT … FOR UPDATE`` on
   PostgreSQL) and lists every one saved or deleted since the preview;
2. after the dry-run-free import, ``changed_during_import(state, result)`` lists the rows
   the preview read as new whose key some record now has (added since the preview).

Either list non-empty: the confirm writes nothing and tells staff which rows, in Japanese.
"""
from django.core import signing
from django.db import transaction

from core.models import VERSION_FIELD

_SALT = "spreadsheets.preview.state"
_EXISTING = ("update", "skip", "delete")


def preview_state(result, model) -> str:
    """Return the signed token of what the preview ``result`` matched (see the module).

    Per row of the file, in order: ``[pk, version]`` of the record the row matched, or
    ``None`` for a new row. The versions are those the preview read (the row results keep
    their instances on the fast path; otherwise one query reads them).
    """
    rows, missing = [], []
    for row in result.rows:
        if row.import_type in _EXISTING and row.object_id is not None:
            version = getattr(row.instance, VERSION_FIELD, None) if row.instance is not None else None
            rows.append([row.object_id, version])
            if version is None:
                missing.append(row.object_id)
        else:
            rows.append(None)
    if missing and _versioned(model):
        versions = dict(
            model._default_manager.filter(pk__in=missing).values_list("pk", VERSION_FIELD)
        )
        for row in rows:
            if row is not None and row[1] is None:
                row[1] = versions.get(row[0])
    return signing.dumps({"model": model._meta.label_lower, "rows": rows}, salt=_SALT, compress=True)


def read_state(token, model):
    """Return the rows of a token made by ``preview_state`` for ``model``, or ``None``.

    ``None`` when the token is missing, forged, or made for another model.
    """
    try:
        state = signing.loads(token or "", salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(state, dict) or state.get("model") != model._meta.label_lower:
        return None
    return state.get("rows")


def changed_before_import(model, rows) -> list[str]:
    """Lock the records the preview matched; list those saved or deleted since then.

    ``rows`` from ``read_state``. Call inside the confirm's transaction, before writing:
    on PostgreSQL the rows stay locked until it ends, so nobody saves them in between.
    Returns Japanese messages naming the row and the record (empty: all as previewed).
    """
    if not _versioned(model):
        return []
    expected = {row[0]: (line, row[1]) for line, row in enumerate(rows, start=2) if row}
    if not expected:
        return []
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


def changed_during_import(rows, result) -> list[str]:
    """List the rows the preview read as new that matched a record at the confirm.

    ``rows`` from ``read_state``, ``result`` the confirm's import ``Result``. Such a record
    was added by somebody else after the preview; writing the row would change it unseen.
    """
    messages = []
    for line, (before, row) in enumerate(zip(rows, result.rows), start=2):
        if before is None and row.import_type in _EXISTING:
            name = row.object_repr or ""
            messages.append(f"{line}行目: 「{name}」はプレビューの後に他の人が登録しました。")
    return messages


def _versioned(model):
    return any(field.name == VERSION_FIELD for field in model._meta.concrete_fields)
