"""Filters of the public lists of section 5 (広報)."""
import django_filters

from .models import Broadcaster, BroadcastProgramme, Medium


class BroadcastProgrammeFilter(django_filters.FilterSet):
    """Programmes by medium (``?medium=tv|radio``) and broadcaster (``?broadcaster=<name>``).

    An unknown value makes the form invalid; the list view then shows no rows.
    """

    medium = django_filters.ChoiceFilter(label="媒体", choices=Medium.choices, empty_label="すべて")
    broadcaster = django_filters.ModelChoiceFilter(
        label="放送局",
        queryset=Broadcaster.objects.all(),
        to_field_name="name",
        empty_label="すべて",
    )

    class Meta:
        model = BroadcastProgramme
        fields = ["medium", "broadcaster"]
