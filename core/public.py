"""How a content app declares what citizens read of it, once, for every reader app.

Each content app has a ``public`` module with

- ``PAGES``: the URL name of each of its public pages without an argument → the models whose
  records the page shows, in the order of the site's navigation (the sitemap lists the pages,
  the 更新情報 feed links a change to the first page that shows its model);
- ``RECORDS``: a ``PublicRecord`` per model whose records are public, in the document's
  order (the API has a list and a detail of each).

The readers (``api``, ``feeds``) import these modules: a model made public is declared in
its own app only.
"""
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PublicRecord:
    """A model whose records are public, and how its list reads.

    ``api_path``: its address under ``/api/v1/`` (``exchange/partner-cities``);
    ``queryset``: the public page's (order, joins), else every record;
    ``filterset_class``: the public list's FilterSet, if the page has filters.
    """

    model: type
    api_path: str
    queryset: Any = None
    filterset_class: type | None = None
