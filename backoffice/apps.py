from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """The staff admin: the base admin of every content model (roles, history, spreadsheets)."""

    name = "backoffice"
    verbose_name = "管理画面"
