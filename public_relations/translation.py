"""English versions of the public-relations records' names and short facts (see
``core.translation``)."""
from modeltranslation.translator import TranslationOptions, register

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


@register(PublicRelationsPolicy)
class PublicRelationsPolicyTranslation(TranslationOptions):
    fields = ("heading",)


@register(PolicyPoint)
@register(Broadcaster)
@register(PressClubMember)
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "edition", "audience", "frequency", "distribution")


@register(BroadcastProgramme)
class BroadcastProgrammeTranslation(TranslationOptions):
    fields = ("title", "corner", "host_programme", "schedule", "rebroadcast_schedule")


@register(WebChannel)
class WebChannelTranslation(TranslationOptions):
    fields = ("label",)


@register(PressActivity)
class PressActivityTranslation(TranslationOptions):
    fields = ("name", "description", "count_unit")
