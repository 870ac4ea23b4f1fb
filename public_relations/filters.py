"""Filters of the public lists of section 5 (広報)."""
import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet

from .models import Broadcaster, BroadcastProgramme, Medium


class BroadcastProgrammeFilter(PortalFilterSet):
    """Programmes by medium (``?medium=tv|radio``) and broadcaster (``?broadcaster=<name>``,
    the Japanese name on pages of either language, so a filtered list keeps its filter
    when the reader switches language).

    An unknown value makes the form invalid; the list view then shows no rows.
    """

    medium = django_filters.ChoiceFilter(label=_("媒体"), choices=Medium.choices)
    broadcaster = django_filters.ModelChoiceFilter(
        label=_("放送局"), queryset=Broadcaster.objects.all(), to_field_name="name_ja"
    )

    class Meta:
        model = BroadcastProgramme
        fields = ["medium", "broadcaster"]
