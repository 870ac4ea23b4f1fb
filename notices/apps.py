from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NoticesConfig(AppConfig):
    """緊急情報: a notice staff put at the top of every public page (a disaster, say)."""

    name = "notices"
    verbose_name = "緊急情報"

    def ready(self):
        from .roles import ensure_notice_group

        post_migrate.connect(ensure_notice_group, sender=self, dispatch_uid="notices_ensure_group")
