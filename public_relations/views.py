"""Public pages of section 5 (広報)."""
from django.urls import reverse_lazy
from django.views.generic import TemplateView
from django.utils.translation import get_language, gettext_lazy as _
from django_filters.views import FilterView

from core import pagecache
from core.downloads import DownloadMixin
from core.views import SectionPageMixin

from .downloads import (
    PROGRAMME_TABLE,
    PUBLICATION_TABLE,
    RADIO_PROGRAMME_TABLE,
    TV_PROGRAMME_TABLE,
)
from .filters import BroadcastProgrammeFilter
from .models import (
    BroadcastProgramme,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)
from .visuals import circulation_chart

SECTION_CRUMB = (_("広報"), reverse_lazy("public_relations:index"))


class IndexView(DownloadMixin, SectionPageMixin, TemplateView):
    """``/public-relations/``: the whole of section 5 on one page, in eight queries.

    ``?format=…`` downloads the publications (広報刊行物); ``?table=tv|radio&format=…`` the
    programmes of one medium (all of them, filtered, are on their own list).
    """

    template_name = "public_relations/index.html"
    crumbs = [SECTION_CRUMB]
    download_table = PUBLICATION_TABLE
    download_tables = {"tv": TV_PROGRAMME_TABLE, "radio": RADIO_PROGRAMME_TABLE}

    def get_table_objects(self, name, context):
        return context[f"{name}_programmes"]

    def get_download_objects(self):
        return Publication.objects.for_listing().select_related("responsible_division")

    def get_download_count(self, context):
        return len(context["publications"])

    def get_context_data(self, **kwargs):
        # The records the page reads first (the policies, the counts of the downloads, the
        # chart in the page's language) once per content version; the rest only where its
        # fragment is rendered.
        records = pagecache.for_this_version(self.request, f"IndexView:records:{get_language()}", self.records)
        return super().get_context_data(
            web_channels=WebChannel.objects.all(),
            press_activities=PressActivity.objects.all(),
            **records,
            **kwargs,
        )

    @staticmethod
    def records():
        programmes = BroadcastProgramme.objects.for_listing()
        publications = list(Publication.objects.for_listing())
        return {
            "policies": PublicRelationsPolicy.objects.by_number(),
            "publications": publications,
            "circulation_chart": circulation_chart(publications),
            "tv_programmes": list(programmes.tv()),
            "radio_programmes": list(programmes.radio()),
            "press_club_members": list(PressClubMember.objects.all()),
        }


class ProgrammeListView(DownloadMixin, SectionPageMixin, FilterView):
    """``/public-relations/programmes/``: TV and radio programmes, filtered and paginated."""

    filterset_class = BroadcastProgrammeFilter
    queryset = BroadcastProgramme.objects.for_listing()
    template_name = "public_relations/programme_list.html"
    crumbs = [
        SECTION_CRUMB,
        (_("テレビ・ラジオ広報番組"), reverse_lazy("public_relations:programme-list")),
    ]
    download_table = PROGRAMME_TABLE
