from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    """Feeds and discovery: Atom feeds, iCalendar files, ``sitemap.xml`` and ``robots.txt``."""

    name = "feeds"
    verbose_name = _("フィードとサイトマップ")
