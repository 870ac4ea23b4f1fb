"""What site search finds in section 5: public relations."""
from django.utils.translation import gettext_lazy as _

from search.registry import SearchIndex, Section, site

from .models import (
    BroadcastProgramme,
    Broadcaster,
    PolicyPoint,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)

PUBLIC_RELATIONS = site.add_section(
    Section("public-relations", _("広報"), "public_relations:index", 60)
)


class PublicRelationsIndex(SearchIndex):
    section = PUBLIC_RELATIONS
    page = "public_relations:index"


@site.register(PublicRelationsPolicy)
class PublicRelationsPolicyIndex(PublicRelationsIndex):
    title_field = "heading"
    fields = ("body",)
    weight = 1

    def get_anchor(self, record):
        return f"pr-{record.number}"


@site.register(PolicyPoint)
class PolicyPointIndex(PublicRelationsIndex):
    context_fields = ("policy__heading",)
    select_related = ("policy",)


@site.register(Publication)
class PublicationIndex(PublicRelationsIndex):
    title_field = "title"
    fields = ("edition", "audience", "frequency", "distribution")


@site.register(Broadcaster)
class BroadcasterIndex(PublicRelationsIndex):
    dependents = ("programmes",)

    def get_anchor(self, record):
        return "pr-3"  # テレビ・ラジオ広報, where the broadcasters' programmes are listed


@site.register(BroadcastProgramme)
class BroadcastProgrammeIndex(PublicRelationsIndex):
    title_field = "title"
    context_fields = ("medium", "broadcaster__name")
    fields = ("corner", "host_programme", "schedule", "rebroadcast_schedule")
    select_related = ("broadcaster",)


@site.register(WebChannel)
class WebChannelIndex(PublicRelationsIndex):
    title_field = "label"
    fields = ("url",)


@site.register(PressActivity)
class PressActivityIndex(PublicRelationsIndex):
    fields = ("description",)


@site.register(PressClubMember)
class PressClubMemberIndex(PublicRelationsIndex):
    pass
