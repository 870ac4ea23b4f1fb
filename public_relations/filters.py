"""Filters of the public lists of section 5 (広報)."""
import django_filters

from core.filters import PortalFilterSet

from .models import Broadcaster, BroadcastProgramme


class BroadcastProgrammeFilter(PortalFilterSet):
    """Programmes by medium (``?medium=tv|radio``) and broadcaster (``?broadcaster=<name>``).

    An unknown value makes the form invalid; the list view then shows no rows.
    """

    broadcaster = django_filters.ModelChoiceFilter(
        label="放送局", queryset=Broadcaster.objects.all(), to_field_name="name"
    )

    class Meta:
        model = BroadcastProgramme
        fields = ["medium", "broadcaster"]
