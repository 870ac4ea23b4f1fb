"""Import/export of section 5 (広報): one resource per model, keyed on natural keys.

Foreign keys are exported as the parent's natural-key field (a division's name, a
broadcaster's name, a policy item's number), so that a spreadsheet shows names, not ids.
"""
from spreadsheets.resources import PortalResource

from .models import (
    Broadcaster,
    BroadcastProgramme,
    PolicyPoint,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)


class PublicRelationsPolicyResource(PortalResource):
    """The numbered items 5(n), keyed on their number."""

    class Meta:
        model = PublicRelationsPolicy
        fields = ["number", "heading", "body", "responsible_division", "source"]


class PolicyPointResource(PortalResource):
    """The points of an item, keyed on the item's number and the point's name."""

    class Meta:
        model = PolicyPoint
        fields = ["policy", "name", "order", "source"]


class PublicationResource(PortalResource):
    """The publications (広報刊行物), keyed on title and edition."""

    class Meta:
        model = Publication
        fields = [
            "title",
            "edition",
            "audience",
            "frequency",
            "circulation",
            "circulation_unit",
            "circulation_as_of",
            "circulation_as_of_precision",
            "distribution",
            "order",
            "responsible_division",
            "source",
        ]


class BroadcasterResource(PortalResource):
    """The broadcasters (放送局), keyed on their name."""

    class Meta:
        model = Broadcaster
        fields = ["name", "responsible_division", "source"]


class BroadcastProgrammeResource(PortalResource):
    """The TV and radio programmes, keyed on medium and title."""

    class Meta:
        model = BroadcastProgramme
        fields = [
            "medium",
            "title",
            "within_title",
            "corner",
            "host_programme",
            "broadcaster",
            "schedule",
            "length",
            "length_unit",
            "length_is_approximate",
            "rebroadcast_schedule",
            "order",
            "responsible_division",
            "source",
        ]


class WebChannelResource(PortalResource):
    """The web channels, keyed on their label."""

    class Meta:
        model = WebChannel
        fields = ["label", "url", "order", "responsible_division", "source"]


class PressActivityResource(PortalResource):
    """The press activities, keyed on their name."""

    class Meta:
        model = PressActivity
        fields = [
            "name",
            "description",
            "count",
            "count_unit",
            "count_period",
            "count_is_approximate",
            "fiscal_year",
            "order",
            "responsible_division",
            "source",
        ]


class PressClubMemberResource(PortalResource):
    """The press club members, keyed on their name."""

    class Meta:
        model = PressClubMember
        fields = ["name", "order", "responsible_division", "source"]
