"""What citizens read of section 5 (``core.public``): 広報 and its programmes."""
from core.public import PublicRecord

from .filters import BroadcastProgrammeFilter
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

PAGES = {
    "public_relations:programme-list": [BroadcastProgramme, Broadcaster],
    "public_relations:index": [
        PublicRelationsPolicy,
        PolicyPoint,
        Publication,
        Broadcaster,
        BroadcastProgramme,
        WebChannel,
        PressActivity,
        PressClubMember,
    ],
}

RECORDS = [
    PublicRecord(PublicRelationsPolicy, "public-relations/policies"),
    PublicRecord(PolicyPoint, "public-relations/policy-points"),
    PublicRecord(Publication, "public-relations/publications", Publication.objects.for_listing()),
    PublicRecord(Broadcaster, "public-relations/broadcasters"),
    PublicRecord(
        BroadcastProgramme,
        "public-relations/programmes",
        BroadcastProgramme.objects.for_listing(),
        BroadcastProgrammeFilter,
    ),
    PublicRecord(WebChannel, "public-relations/web-channels"),
    PublicRecord(PressActivity, "public-relations/press-activities"),
    PublicRecord(PressClubMember, "public-relations/press-club-members"),
]
