"""Public pages of section 5 (広報)."""
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from .models import (
    BroadcastProgramme,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)


class PublicRelationsMixin:
    """Adds ``crumbs`` (ホーム › 広報 › …) and ``section_label`` to every page of the app.

    ``page_crumbs`` is a list of (label, url) pairs after 「広報」; empty on the index.
    """

    section_label = "広報"
    page_crumbs = []

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
