from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    """ウェブアクセシビリティ方針 and the latest test result of the public pages."""

    name = "accessibility"
    verbose_name = _("ウェブアクセシビリティ")
