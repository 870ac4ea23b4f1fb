"""Filters of the planning app's public lists."""
import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet

from .models import MemberMunicipality


class YesNoAllWidget(django_filters.widgets.BooleanWidget):
    """A yes/no select whose empty choice reads as every other filter's (「すべて」)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", settings.FILTERS_EMPTY_CHOICE_LABEL), ("true", _("はい")), ("false", _("いいえ")))


class MemberMunicipalityFilter(PortalFilterSet):
    """Member municipalities by kind (``?kind=city|town|village``) and core-city flag.

    An unknown kind makes the filter invalid and the list view shows an empty list
    (``FilterView`` with ``strict``); an ``is_core_city`` that is not true/false is read as
    "either" and the list is not narrowed by it. Never an error. Labels and choices come
    from the page (translated on English pages); 「連携中枢都市」 offers 「すべて」 (not the
    widget's 「不明」), as every filter of the portal does.
    """

    kind = django_filters.ChoiceFilter(label=_("種別"), choices=MemberMunicipality.Kind.choices)
    is_core_city = django_filters.BooleanFilter(label=_("連携中枢都市"), widget=YesNoAllWidget)

    class Meta:
        model = MemberMunicipality
        fields = ["kind", "is_core_city"]
