"""Signals of the shared parts, for apps above ``core`` to follow without being imported."""
from django.dispatch import Signal

#: Sent by ``load_document`` inside its transaction, with ``loaded=True`` once the document's
#: fixtures are loaded, or ``loaded=False`` when the database already held content and
#: nothing was loaded. ``loaddata`` saves raw, which the audit trail does not record, so
#: this is how it learns what the load wrote.
document_loaded = Signal()

#: Sent after content records of model ``sender`` were written in bulk (``bulk_create`` /
#: ``bulk_update``, which send no ``post_save``), with ``pks`` the ids written and
#: ``using`` the database. Every bulk write of content goes through the history's bulk
#: helpers (``audit.history``), whose manager sends it; the site search follows it.
records_bulk_written = Signal()
