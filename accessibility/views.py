"""``/accessibility/``: the portal's ウェブアクセシビリティ方針 and its latest test result."""
import datetime

from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import SectionPageMixin

from .report import ReportUnavailable, load_report


class PolicyView(SectionPageMixin, TemplateView):
    """The policy (target, scope, dates, exceptions) and the result of the latest
    ``make a11y-report`` (``settings.PORTAL_ACCESSIBILITY_REPORT``); when that file cannot
    be read, the policy with a message in place of the result."""

    template_name = "accessibility/policy.html"
    #: 策定日 of the policy and its 達成期限 (the end of the 年度 it was adopted in).
    adopted_on = datetime.date(2026, 12, 2)
    deadline = datetime.date(2027, 3, 31)
    crumbs = [(_("ウェブアクセシビリティ方針"), reverse_lazy("accessibility:policy"))]

    def get_context_data(self, **kwargs):
        try:
            report, unavailable = load_report(settings.PORTAL_ACCESSIBILITY_REPORT), None
        except ReportUnavailable as error:
            report, unavailable = None, error.message
        return super().get_context_data(
            adopted_on=self.adopted_on, deadline=self.deadline, report=report, report_unavailable=unavailable, **kwargs
        )
