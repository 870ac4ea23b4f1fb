"""Public page of section 6 (震災復興): the earthquake, 復興部 and the recovery plan."""
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from .models import Earthquake, EarthquakeRecoveryPlan, RecoveryDepartment


class RecoveryMixin:
    """Adds the section's breadcrumbs (``crumbs``: list of (label, url)) to the context."""

    section_label = "震災復興"
    section_url = reverse_lazy("recovery:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [(self.section_label, self.section_url)]
        return context


class RecoveryIndexView(RecoveryMixin, TemplateView):
    """/recovery/: earthquakes, departments with divisions and duties, plans; 5 queries."""

    template_name = "recovery/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            earthquakes=Earthquake.objects.select_related("responsible_division"),
            departments=RecoveryDepartment.objects.for_page(),
            plans=EarthquakeRecoveryPlan.objects.for_page(),
            **kwargs,
        )
