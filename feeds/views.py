"""``robots.txt``: every page may be crawled but the staff admin; where the sitemap is."""
from django.urls import reverse
from django.views.generic import TemplateView

from core.views import ReadOnlyPageMixin


class RobotsView(ReadOnlyPageMixin, TemplateView):
    """``/robots.txt``: plain text, naming the sitemap by its absolute address."""

    template_name = "feeds/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        sitemap_url = self.request.build_absolute_uri(reverse("feeds:sitemap"))
        return super().get_context_data(sitemap_url=sitemap_url, **kwargs)
