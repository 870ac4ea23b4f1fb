"""A hash of every content table, to prove that an undo puts every record back exactly."""
import hashlib

from core.models import VERSION_FIELD, content_models
from tests.support.db_snapshot import digest, table_rows


def content_snapshot(*, leave_out=()):
    """A hash of every row of every content table, in a stable order.

    Every column but ``version``: the lock counter is no fact of the record, and an undo is
    a save that advances it (so a form opened before the undo is refused).
    ``leave_out``: ``(model, id)`` pairs whose rows are not hashed.
    """
    parts = []
    for model in content_models():
        columns, rows = table_rows(model._meta.db_table)
        pk = columns.index(model._meta.pk.column)
        facts = [index for index, name in enumerate(columns) if name != VERSION_FIELD]
        rows = [
            tuple(row[index] for index in facts) for row in rows if (model, row[pk]) not in leave_out
        ]
        parts.append(f"{model._meta.db_table}:{len(rows)}:{digest(rows)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
