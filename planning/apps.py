from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Sections 1–2: the 7th comprehensive plan and the metropolitan cooperation area."""

    name = "planning"
    verbose_name = "総合計画・連携中枢都市圏"
