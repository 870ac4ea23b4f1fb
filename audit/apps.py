from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail (変更履歴) of every content record, on django-simple-history."""

    name = "audit"
    verbose_name = "変更履歴"

    def ready(self):
        # Once every model is loaded: each content model gets its historical model here,
        # so the shared abstract model in core needs no import of this app.
        from core.signals import document_loaded

        from .history import record_loaded_document, register_content_history

        register_content_history()
        document_loaded.connect(record_loaded_document, dispatch_uid="audit_record_loaded_document")
