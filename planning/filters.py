"""Filters of the planning app's public lists."""
import django_filters

from .models import MemberMunicipality


class MemberMunicipalityFilter(django_filters.FilterSet):
    """Member municipalities by kind (``?kind=city|town|village``) and core-city flag.

    An unknown kind makes the filter invalid and the list view shows an empty list
    (``FilterView`` with ``strict``); an ``is_core_city`` that is not true/false is read as
    "either" and the list is not narrowed by it. Never an error.
    """

    kind = django_filters.ChoiceFilter(label="種別", choices=MemberMunicipality.Kind.choices)
    is_core_city = django_filters.BooleanFilter(label="連携中枢都市")

    class Meta:
        model = MemberMunicipality
        fields = ["kind", "is_core_city"]
