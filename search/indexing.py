"""Keeping the index in step with the records: every save, delete, import and load.

- ``post_save`` / ``post_delete`` of a registered model: its rows are written again or
  removed (admin edits, reverts of the audit trail, cascaded deletes, deletes from a list).
  ``loaddata``'s raw saves are left to ``document_loaded``.
- ``core.signals.records_bulk_written``: bulk writes (spreadsheet imports, the undo of an
  import), which send no ``post_save``.
- ``core.signals.document_loaded``: ``load_document`` rebuilds the whole index.

All of it runs in the writer's transaction: a write that is rolled back leaves the index
as it was.
"""
from __future__ import annotations

from itertools import islice

from django.db import transaction
from django.utils import translation

from . import backends
from .models import SearchEntry
from .registry import languages, site

#: Records read and rows written per query.
CHUNK = 1000


def _chunks(values, size=CHUNK):
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _position(index, record) -> int:
    # The document's order within the section: the model's place in the registry, then
    # the record's own 表示順 or number.
    rank = site.indexes().index(index)
    own = getattr(record, "order", None) or getattr(record, "number", None) or 0
    return rank * 100_000 + min(int(own), 99_999)


def entries_for(index, records, using=None) -> list[SearchEntry]:
    """The unsaved index rows of ``records`` of one model, in every language."""
    entries = []
    short = backends.indexes_short_text(using)
    for language in languages():
        # Links are reversed in the row's language (the English pages' prefix).
        with translation.override(language):
            for record in records:
                document = index.document(record, language)
                if document is None:
                    continue
                entries.append(
                    SearchEntry(
                        model=index.label,
                        object_id=record.pk,
                        section=index.section.key,
                        section_order=index.section.order,
                        position=_position(index, record),
                        weight=index.weight,
                        short_text=backends.tripled(document.search_text) if short else "",
                        **vars(document),
                    )
                )
    return entries


def index_records(model, pks, *, using=None) -> int:
    """Write the rows of records ``pks`` of ``model`` again (and of their dependents).

    Records that no longer exist lose their rows. Returns the number of rows written.
    """
    index = site.index_for(model)
    if index is None:
        return 0
    written = 0
    with transaction.atomic(using=using):
        for chunk in _chunks(pks):
            records = list(index.get_queryset().using(using).filter(pk__in=chunk))
            SearchEntry.objects.db_manager(using).of_records(index.label, chunk).delete()
            written += len(SearchEntry.objects.db_manager(using).bulk_create(entries_for(index, records, using)))
            for related, foreign_key in site.dependents_of(model):
                child_pks = related._base_manager.db_manager(using).filter(
                    **{f"{foreign_key}__in": chunk}
                ).values_list("pk", flat=True)
                written += index_records(related, list(child_pks), using=using)
    return written


def remove_records(model, pks, *, using=None) -> None:
    index = site.index_for(model)
    if index is not None:
        SearchEntry.objects.db_manager(using).of_records(index.label, pks).delete()


def rebuild(*, using=None) -> int:
    """Write the whole index again from the records. Returns the number of rows."""
    written = 0
    with transaction.atomic(using=using):
        SearchEntry.objects.db_manager(using).all().delete()
        for index in site.indexes():
            queryset = index.get_queryset().using(using)
            for chunk in _chunks(queryset.order_by("pk").iterator(chunk_size=CHUNK)):
                written += len(SearchEntry.objects.db_manager(using).bulk_create(entries_for(index, chunk, using)))
    return written


# Signal receivers (connected in SearchConfig.ready)


def record_saved(sender, instance, raw=False, using=None, **kwargs):
    if not raw and site.index_for(sender) is not None:
        index_records(sender, [instance.pk], using=using)


def record_deleted(sender, instance, using=None, **kwargs):
    remove_records(sender, [instance.pk], using=using)


def records_bulk_written(sender, pks, using=None, **kwargs):
    index_records(sender, pks, using=using)


def document_loaded(sender, **kwargs):
    rebuild()
