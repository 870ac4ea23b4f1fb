from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    """Site search over every public record: the index, its upkeep and ``/search/``."""

    name = "search"
    verbose_name = "サイト内検索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.signals import document_loaded, records_bulk_written

        from . import indexing

        # Each content app's search.py declares its sections and searchable models.
        autodiscover_modules("search", register_to=None)
        post_save.connect(indexing.record_saved, dispatch_uid="search_record_saved")
        post_delete.connect(indexing.record_deleted, dispatch_uid="search_record_deleted")
        records_bulk_written.connect(indexing.records_bulk_written, dispatch_uid="search_bulk_written")
        document_loaded.connect(indexing.document_loaded, dispatch_uid="search_document_loaded")
