from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    """Section 6: the recovery from the 2016 Kumamoto earthquakes (震災復興)."""

    name = "recovery"
    verbose_name = "震災復興"
