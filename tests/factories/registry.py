"""The factory of every content model, found by model: ``FACTORIES[PartnerCity]``.

``grow(model, n)`` adds ``n`` rows of ``model`` with ``bulk_create`` (for query counts
that must not depend on the number of rows), with their parents.
"""
import factory

from core.models import Division

from . import core, exchange, exchange_center, planning, public_relations, recovery

FACTORIES = {
    value._meta.model: value
    for module in (core, exchange, exchange_center, planning, public_relations, recovery)
    for value in vars(module).values()
    if isinstance(value, type)
    and issubclass(value, factory.django.DjangoModelFactory)
    and value._meta.model is not None
}


def grow(model, n):
    """Add ``n`` rows of ``model`` with ``bulk_create``, each under parents of its own.

    Each required parent is grown the same way (one per row, so that rules like "one tier
    of each kind per plan" hold); an optional parent is left empty. Returns the rows.
    """
    parents = {
        field.name: grow(field.related_model, n) if not field.null else [None] * n
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is not Division
    }
    rows = [
        FACTORIES[model].build(**{name: objs[i] for name, objs in parents.items()})
        for i in range(n)
    ]
    return model._default_manager.bulk_create(rows)
