"""Which division (所管課) owns a record: the one rule, shared by roles and the audit trail.

Each content model reaches ``Division`` through its foreign keys: a top-level record has
``responsible_division``; a child record goes through its parent (``Room`` →
``floor__center__responsible_division``). ``owner_path`` finds that path by walking the
foreign keys (shortest path first, then field order), so a new model needs no entry here.
A model with no path has no owner and is open to superusers only (a test keeps every
content model on a path).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ObjectDoesNotExist

from .models import Division


@dataclass(frozen=True)
class OwnerPath:
    """How records of ``model`` reach their division.

    ``lookup`` is an ORM path ending at the ``Division`` foreign key
    (``"floor__center__responsible_division"``), or ``"pk"`` for ``Division`` itself.
    ``root`` is the model holding that foreign key.
    """

    model: type
    lookup: str
    root: type

    @property
    def parts(self):
        return self.lookup.split("__")


@cache
def owner_path(model):
    """Return the ``OwnerPath`` of ``model``, or ``None`` if its records have no division.

    Walks forward foreign keys breadth first, so the shortest path wins and, among equally
    short ones, the field declared first.
    """
    if model is Division:
        return OwnerPath(model, "pk", model)
    queue = deque([(model, [])])
    seen = {model}
    while queue:
        current, prefix = queue.popleft()
        links = [
            field
            for field in current._meta.concrete_fields
            if field.is_relation and (field.many_to_one or field.one_to_one)
        ]
        for field in links:
            if field.related_model is Division:
                return OwnerPath(model, "__".join([*prefix, field.name]), current)
        for field in links:
            if field.related_model not in seen:
                seen.add(field.related_model)
                queue.append((field.related_model, [*prefix, field.name]))
    return None




def owner_id(obj):
    """Return the id of the division that owns ``obj`` (saved or not), or ``None``.

    ``None`` when the model has no path or a link on the way is still empty.
    """
    path = owner_path(type(obj))
    if path is None:
        return None
    if path.lookup == "pk":
        return obj.pk
    current = obj
    *hops, last = path.parts
    try:
        for hop in hops:
            current = getattr(current, hop)
            if current is None:
                return None
    except ObjectDoesNotExist:
        return None
    return getattr(current, f"{last}_id")
