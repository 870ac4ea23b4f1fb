"""Public page of section 6 (震災復興): the earthquake, 復興部 and the recovery plan."""
from django.urls import reverse_lazy
from django.views.generic import TemplateView
from django.utils.translation import get_language, gettext_lazy as _

from core import pagecache
from core.downloads import DownloadMixin
from core.views import SectionPageMixin

from .downloads import DIVISION_TABLE, STAFF_TABLE
from .models import DepartmentDivision, Earthquake, EarthquakeRecoveryPlan, RecoveryDepartment
from .visuals import staff_chart


class RecoveryIndexView(DownloadMixin, SectionPageMixin, TemplateView):
    """/recovery/: earthquakes, departments with divisions (and the chart of their staff) and
    duties, plans; 5 queries.

    ``?format=…`` downloads the divisions of the departments with their duties,
    ``?table=staff&format=…`` the staff of each department by post (部長, 課長, 課員).
    """

    template_name = "recovery/index.html"
    crumbs = [(_("震災復興"), reverse_lazy("recovery:index"))]
    download_table = DIVISION_TABLE
    download_tables = {"staff": STAFF_TABLE}

    def get_table_objects(self, name, context):
        return [
            (department, post, count)
            for department in context["departments"]
            for post, count in department.staff_breakdown
        ]

    def get_download_objects(self):
        return DepartmentDivision.objects.for_download()

    def get_download_count(self, context):
        return sum(len(department.divisions.all()) for department in context["departments"])

    @staticmethod
    def departments():
        departments = list(RecoveryDepartment.objects.for_page())
        for department in departments:
            department.staff_chart = staff_chart(department)
        return departments

    def get_context_data(self, **kwargs):
        # Read (and their charts drawn, in the page's language) once per content version.
        departments = pagecache.for_this_version(
            self.request, f"RecoveryIndexView:departments:{get_language()}", self.departments
        )
        return super().get_context_data(
            earthquakes=Earthquake.objects.select_related("responsible_division"),
            departments=departments,
            plans=EarthquakeRecoveryPlan.objects.for_page(),
            **kwargs,
        )
