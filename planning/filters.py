"""Filters of the planning app's public lists."""
import django_filters

from .models import MemberMunicipality


class MemberMunicipalityFilter(django_filters.FilterSet):
    """Member municipalities by kind (``?kind=city|town|village``) and core-city flag.

    An unknown kind makes the filter invalid and the list view shows an empty list
    (``FilterView`` with ``strict``); an ``is_core_city`` that is not true/false is read as
    "either" and the list is not narrowed by it. Never an error. Labels and choices come
    from the model fields.
    """

    class Meta:
        model = MemberMunicipality
        fields = ["kind", "is_core_city"]
