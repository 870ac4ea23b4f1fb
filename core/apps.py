from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    """Shared parts of every section: divisions (所管課), provenance, 和暦/年度 and text rules."""

    name = "core"
    verbose_name = "ポータル共通"

    def ready(self):
        from .languages import relax_language_versions
        from .models import normalize_before_save

        # modeltranslation (first in INSTALLED_APPS) has registered the English versions;
        # the audit trail (after core) copies them into the history models.
        relax_language_versions()

        # Every model's saves, raw ones (loaddata) included; the receiver keeps to content.
        pre_save.connect(normalize_before_save, dispatch_uid="core_normalize_before_save")
