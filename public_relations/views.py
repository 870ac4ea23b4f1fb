"""Public pages of section 5 (広報)."""
from django.urls import reverse_lazy
from django.views.generic import TemplateView
from django_filters.views import FilterView

from core.views import ForgivingPaginationMixin

from .filters import BroadcastProgrammeFilter

from .models import (
    BroadcastProgramme,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)


class PublicRelationsMixin(ForgivingPaginationMixin):
    """Adds ``crumbs`` (ホーム › 広報 › …) and ``section_label`` to every page of the app.

    ``page_crumbs`` is a list of (label, url) pairs after 「広報」; empty on the index.
    Paginated lists answer any page number with a page (``PortalPaginator``).
    """

    section_label = "広報"
    page_crumbs = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section_label"] = self.section_label
        context["crumbs"] = [(self.section_label, reverse_lazy("public_relations:index"))] + list(
            self.page_crumbs
        )
        return context


class IndexView(PublicRelationsMixin, TemplateView):
    """``/public-relations/``: the whole of section 5 on one page, in eight queries."""

    template_name = "public_relations/index.html"

    def get_context_data(self, **kwargs):
        programmes = BroadcastProgramme.objects.for_listing()
        return super().get_context_data(
            policies=PublicRelationsPolicy.objects.by_number(),
            publications=Publication.objects.for_listing(),
            tv_programmes=programmes.tv(),
            radio_programmes=programmes.radio(),
            web_channels=WebChannel.objects.all(),
            press_activities=PressActivity.objects.all(),
            press_club_members=list(PressClubMember.objects.all()),
            **kwargs,
        )


class ProgrammeListView(PublicRelationsMixin, FilterView):
    """``/public-relations/programmes/``: TV and radio programmes, filtered, 50 a page."""

    filterset_class = BroadcastProgrammeFilter
    queryset = BroadcastProgramme.objects.for_listing()
    paginate_by = 50
    template_name = "public_relations/programme_list.html"
    page_crumbs = [("テレビ・ラジオ広報番組", reverse_lazy("public_relations:programme-list"))]
