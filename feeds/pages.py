"""The public pages and the records each shows: the sitemap's pages, each change's page.

``PUBLIC_PAGES`` maps the URL name of every public page without an argument to the
models whose records it shows (its last modification is their latest change), the content
apps' pages as each declares them (``core.public``); the pages of one record (a partner
city) are in ``sitemaps.PartnerCitySitemap``. ``RECORD_MODELS`` are the public record
types the content apps declare (``<app>.public.RECORDS``, as the API reads them): the
更新情報 feed follows each of them. A model's page for the 更新情報 feed is the first content
page that shows it, unless its record names its own (``get_absolute_url``) or belongs to a
city (the city's page).
"""
import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max
from django.urls import reverse

import exchange.public
import planning.public
import public_relations.public
import recovery.public
from audit.history import history_model
from exchange.models import PartnerCity

#: The content apps' pages as each declares them (``<app>.public.PAGES``), in the order of
#: the site's navigation.
CONTENT_PAGES = {
    **planning.public.PAGES,
    **exchange.public.PAGES,
    **public_relations.public.PAGES,
    **recovery.public.PAGES,
}

#: Every public record type, as each content app declares it (``<app>.public.RECORDS``, the
#: list the API reads): a model a content app makes public is in the 更新情報 and dates the
#: catalogue without a change here.
PUBLIC_RECORDS = [
    *planning.public.RECORDS,
    *exchange.public.RECORDS,
    *public_relations.public.RECORDS,
    *recovery.public.RECORDS,
]
RECORD_MODELS = [record.model for record in PUBLIC_RECORDS]

PUBLIC_PAGES = {
    "home": [],
    **CONTENT_PAGES,
    "api:docs": [],
    # The open data catalogue: its datasets are read from public records, and its API
    # column (API対応有無) stands for every public record type, so the page changes with
    # any of them. (The opendata app is a sibling reader that feeds may not import; a test
    # checks that every dataset's models are among these.)
    "opendata:catalog": RECORD_MODELS,
    # The policy and its latest test result (a file, not records: no last change).
    "accessibility:policy": [],
}

CITY_PAGE_MODELS = exchange.public.CITY_PAGE_MODELS


def public_models():
    """Every model whose records are public: each declared public record type
    (``RECORD_MODELS``), and those a public page or a city's page shows."""
    pages = [model for models in PUBLIC_PAGES.values() for model in models]
    return list(dict.fromkeys([PartnerCity, *RECORD_MODELS, *pages, *CITY_PAGE_MODELS]))


def last_changed(models, **lookups) -> datetime.datetime | None:
    """The latest change (creation, edit or deletion) of the records of ``models``, or None.

    ``lookups`` narrow the history rows (``city_id=3``); one query per model.
    """
    dates = [
        history_model(model)._default_manager.filter(**lookups).aggregate(latest=Max("history_date"))["latest"]
        for model in models
    ]
    return max((date for date in dates if date is not None), default=None)


def page_of(record, *, deleted=False) -> str:
    """The address of the public page that shows ``record``.

    Its own page (``get_absolute_url``) or its city's; for a ``deleted`` record, or one
    whose parent is gone, the first page of ``CONTENT_PAGES`` that shows its model (the
    cities' list for a city's milestones and distances).
    """
    if not deleted:
        try:
            if hasattr(record, "get_absolute_url"):
                return record.get_absolute_url()
            if hasattr(record, "city"):
                return record.city.get_absolute_url()
        except ObjectDoesNotExist:
            pass
    model = type(record)
    for name, models in CONTENT_PAGES.items():
        if model in models:
            return reverse(name)
    return reverse("exchange:city-list")
