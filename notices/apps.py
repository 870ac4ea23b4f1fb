import simple_history
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NoticesConfig(AppConfig):
    """緊急情報: a notice staff put at the top of every public page (a disaster, say)."""

    name = "notices"
    verbose_name = "緊急情報"

    def ready(self):
        from audit.history import PortalHistoricalRecords
        from core.pagecache import register_next_change

        from .models import EmergencyNotice
        from .roles import ensure_notice_group

        # Here, not on the model: the history copies the model's fields, and the English
        # versions (translation.py) exist only once django-modeltranslation is ready.
        # The portal's history records: change types and history fields in Japanese.
        simple_history.register(
            EmergencyNotice, verbose_name="緊急情報の変更履歴", records_class=PortalHistoricalRecords
        )

        # A cached page shows the notices in force: it is kept only until one starts or ends.
        register_next_change(EmergencyNotice.objects.next_change)
        post_migrate.connect(ensure_notice_group, sender=self, dispatch_uid="notices_ensure_group")
