from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail (変更履歴) of every content record, on django-simple-history."""

    name = "audit"
    verbose_name = "変更履歴"

    def ready(self):
        # Once every model is loaded: each content model gets its historical model here,
        # so the shared abstract model in core needs no import of this app.
        from simple_history.signals import (
            post_create_historical_record,
            pre_create_historical_record,
        )

        from core.signals import document_loaded

        from .history import record_loaded_document, register_content_history
        from .recording import record_history_row, tag_history_row

        register_content_history()
        document_loaded.connect(record_loaded_document, dispatch_uid="audit_record_loaded_document")
        # History rows written inside ``recording_batch`` join its batch (audit.recording).
        pre_create_historical_record.connect(tag_history_row, dispatch_uid="audit_tag_history_row")
        post_create_historical_record.connect(record_history_row, dispatch_uid="audit_record_history_row")
