from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class CoreConfig(AppConfig):
    """Shared parts of every section: divisions (所管課), provenance, 和暦/年度 and text rules."""

    name = "core"
    verbose_name = "ポータル共通"

    def ready(self):
        from . import pagecache
        from .models import normalize_before_save
        from .signals import document_loaded, records_bulk_written

        # Every model's saves, raw ones (loaddata) included; the receiver keeps to content.
        pre_save.connect(normalize_before_save, dispatch_uid="core_normalize_before_save")
        # Every write of public content makes the cached public pages obsolete: the same
        # writes the site search follows, and the raw saves of loaddata.
        post_save.connect(pagecache.content_written, dispatch_uid="core_pagecache_saved")
        post_delete.connect(pagecache.content_written, dispatch_uid="core_pagecache_deleted")
        m2m_changed.connect(pagecache.relation_written, dispatch_uid="core_pagecache_relations")
        records_bulk_written.connect(pagecache.content_written, dispatch_uid="core_pagecache_bulk")
        document_loaded.connect(pagecache.bump_now_and_on_commit, dispatch_uid="core_pagecache_loaded")
