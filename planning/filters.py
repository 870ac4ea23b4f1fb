"""Filters of the planning app's public lists."""
import django_filters
from django.utils.translation import gettext_lazy as _

from .models import MemberMunicipality


class MemberMunicipalityFilter(django_filters.FilterSet):
    """Member municipalities by kind (``?kind=city|town|village``) and core-city flag.

    An unknown kind makes the filter invalid and the list view shows an empty list
    (``FilterView`` with ``strict``); an ``is_core_city`` that is not true/false is read as
    "either" and the list is not narrowed by it. Never an error. Labels and choices come
    from the model fields; the labels are the page's (translated on English pages).
    """

    kind = django_filters.ChoiceFilter(label=_("種別"), choices=MemberMunicipality.Kind.choices)
    is_core_city = django_filters.BooleanFilter(label=_("連携中枢都市"))

    class Meta:
        model = MemberMunicipality
        fields = ["kind", "is_core_city"]
