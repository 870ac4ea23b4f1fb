"""Public pages of the exchange sections (3–4)."""
from django.http import Http404
from django.views.generic import DetailView

from .models import InternationalCenter, UsageRecord


# International Center (3(9))


class ExchangeMixin:
    """Adds ``crumbs`` (list of (label, url) pairs, last = this page) to the context.

    Set ``crumbs`` on the view, or override ``get_crumbs()``.
    """

    crumbs = []

    def get_crumbs(self):
        return list(self.crumbs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = self.get_crumbs()
        return context


class CenterView(ExchangeMixin, DetailView):
    """``/international-center/``: the center's facts, floor guide and usage per fiscal year.

    Raises ``Http404`` when no center is loaded. Five queries whatever the row counts.
    """

    template_name = "exchange/center.html"
    context_object_name = "center"

    def get_object(self, queryset=None):
        center = InternationalCenter.objects.for_page().first()
        if center is None:
            raise Http404("国際交流会館の記録がありません。")
        return center

    def get_crumbs(self):
        return [(self.object.name, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs):
        usage = UsageRecord.objects.filter(center=self.object)
        return super().get_context_data(usage_tables=usage.tables(), **kwargs)
