"""The portal's home page, which leads to every section of the document."""
from django.views.generic import TemplateView


class HomeView(TemplateView):
    """Home page (``/``): one entry per section of the 市政概要 chapter."""

    template_name = "home.html"
