"""What the site search indexes: each content app declares its sections and records once.

A content app's ``search.py`` (read when the search app is ready, as the admin reads
``admin.py``) names its sections and registers a ``SearchIndex`` per model::

    from search.registry import SearchIndex, Section, site

    CITIES = site.add_section(Section("partner-cities", _("姉妹・友好都市"), "exchange:city-list", 30))

    @site.register(PartnerCity)
    class PartnerCityIndex(SearchIndex):
        section = CITIES
        fields = ("name", "heading", "overview")
        language_fields = {"en": ("english_name",)}

From the declaration follow the index rows (``SearchEntry``, one per record and
language): title, context line, body, link and anchor, and the folded text that queries
are compared with, dates and fiscal years in their 和暦 and 西暦 forms included.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.languages import model_label
from core.models import FiscalYearField, date_precision_pairs
from core.wareki import localized_date, localized_fiscal_year

from .models import TITLE_END
from .text import date_terms, fiscal_year_terms, fold, western_dates_in


def anchor_id(record) -> str:
    """The ``id`` of a record's place on its page: ``exchangeactivity-12``.

    Pages write it with the ``anchor_id`` template filter (``{% load search %}``), search
    results link to it: one function for both.
    """
    return f"{record._meta.model_name}-{record.pk}"


@dataclass(frozen=True)
class Section:
    """A part of the site that results are grouped by, and that a citizen may browse."""

    key: str
    label: Any  # a (lazily) translated string
    url_name: str
    order: int

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass
class Document:
    """The text of one record in one language, as the index stores it."""

    language: str
    title: str
    context: str
    body: str
    url: str
    anchor: str
    search_text: str
    title_text: str


class SearchIndex:
    """How one model's records are found: declared once per model in its app's ``search.py``.

    - ``section``: the ``Section`` its results are grouped under.
    - ``page``: the URL name of the page that lists the records, where each has the id
      ``anchor_id(record)``; without it, the record's ``get_absolute_url()`` (its
      fragment, if any, is the anchor). ``parent``: the record is listed with that id on
      its parent's page (a city's activities on the city's page).
    - ``title_field``: the field (or ``parent__field`` path) shown as the result's title.
    - ``context_fields``: shown in the line under the title (the record's parent, kind),
      after ``kind``: what the record is (the model's verbose name unless set; "" for none).
    - ``fields``: further text shown and searched, in the default language (``ja``).
      A field with choices is indexed by its label.
    - ``language_fields``: ``{"en": ("english_name", …)}``: for another language, the fields
      holding its text, the first one its title. Fields of django-modeltranslation
      (``name_en`` beside ``name``) are added by themselves for every language of
      ``settings.LANGUAGES``. A record with no title in a language is indexed there under
      the title its page shows (the default language's text).
    - ``dates``: every date field with its precision field beside it and every fiscal
      year field is indexed in its 和暦 and 西暦 forms by itself.
    - ``select_related``: parents read with the records (one query per model).
    - ``dependents``: related names of records whose rows show this record's text (a
      city's distances, whose title names it): they are indexed again when it changes.
      Records whose ``title_field``, ``context_fields``, ``fields`` or ``select_related``
      reach this one through a foreign key (``city__name``) are found by themselves
      (``SearchSite.dependents_of``): a city renamed, in any language, re-indexes its
      activities' rows.
    - ``weight``: ranks the model's records among equally good matches (higher first).
    """

    model: type[models.Model]
    section: Section
    page: str | None = None
    parent: str | None = None
    title_field = "name"
    context_fields: tuple[str, ...] = ()
    kind: str | None = None
    fields: tuple[str, ...] = ()
    language_fields: dict[str, tuple[str, ...]] = {}
    select_related: tuple[str, ...] = ()
    dependents: tuple[str, ...] = ()
    weight = 0

    def __init__(self, model):
        self.model = model

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def get_queryset(self):
        return self.model._default_manager.select_related(*self.select_related)

    # What a row shows

    def get_title(self, record) -> str:
        return self.value(record, self.title_field)

    def get_context(self, record) -> str:
        """The line under the title: the kind of record (in the active language),
        ``context_fields`` and its first date."""
        parts = [model_label(self.model) if self.kind is None else str(self.kind)]
        parts += [self.value(record, name) for name in self.context_fields]
        parts.append(self.shown_date(record))
        return " · ".join(part for part in parts if part)

    def shown_date(self, record) -> str:
        """The record's first date or fiscal year as its page shows it, in the active language."""
        pairs, fiscal = self._date_fields
        for name, precision in pairs:
            if getattr(record, name) is not None:
                return localized_date(getattr(record, name), getattr(record, precision))
        for name in fiscal:
            if getattr(record, name) is not None:
                return localized_fiscal_year(getattr(record, name))
        return ""

    def get_body(self, record, names) -> str:
        return "\n".join(text for text in (self.value(record, name) for name in names) if text)

    def get_url(self, record) -> str:
        """The page that shows the record: ``page``, its ``parent``'s page, or its own."""
        if self.page:
            return reverse(self.page)
        if self.parent:
            return getattr(record, self.parent).get_absolute_url()
        return record.get_absolute_url().split("#")[0]

    def get_anchor(self, record) -> str:
        """Its place on that page: ``anchor_id(record)``, or its own URL's fragment."""
        if self.page or self.parent:
            return anchor_id(record)
        return record.get_absolute_url().partition("#")[2]

    def get_keywords(self, record) -> list[str]:
        """More text to match that the row does not show (none by default)."""
        return []

    # Reading values

    def value(self, record, path: str) -> str:
        """The text of field ``path`` (``city__name``) of ``record``; a choice by its label."""
        *parents, name = path.split("__")
        for parent in parents:
            record = getattr(record, parent, None)
            if record is None:
                return ""
        display = getattr(record, f"get_{name}_display", None)
        value = display if callable(display) else getattr(record, name, "")
        if callable(value):
            value = value()
        return "" if value is None else str(value)

    @cached_property
    def _date_fields(self):
        pairs = list(date_precision_pairs(self.model).items())
        fiscal = [f.attname for f in self.model._meta.concrete_fields if isinstance(f, FiscalYearField)]
        return pairs, fiscal

    def date_forms(self, record) -> list[list[str]]:
        """For each date and fiscal year of the record: its forms, the shown one first."""
        pairs, fiscal = self._date_fields
        forms = [date_terms(getattr(record, name), getattr(record, precision)) for name, precision in pairs]
        forms += [fiscal_year_terms(getattr(record, name)) for name in fiscal]
        return [terms for terms in forms if terms]

    def fields_for(self, language: str) -> tuple[str, ...]:
        """The title field then the text fields of ``language`` (empty: none)."""
        if language == settings.LANGUAGE_CODE:
            return (self.title_field, *self.fields)
        names = [*self.language_fields.get(language, ())]
        concrete = {field.name for field in self.model._meta.concrete_fields}
        for name in (self.title_field, *self.fields):
            translated = f"{name}_{language.replace('-', '_')}"
            if translated in concrete and translated not in names:
                names.append(translated)
        return tuple(names)

    def document(self, record, language: str) -> Document | None:
        """The row of ``record`` in ``language`` (active), or ``None`` when it has no title.

        Every record has a row in every language, as every page has its twin: in another
        language than the default, the title is the record's text in that language, or the
        default language's text its page shows instead (an activity's description on an
        English page); the context line is in that language (the parents' names included:
        an activity's row in English names its city 「Heidelberg」).
        """
        names = self.fields_for(language)
        if language == settings.LANGUAGE_CODE:
            title = self.get_title(record)
        else:
            # The text in the language, else what its page shows (the default language's).
            title = (self.value(record, names[0]) if names else "") or self.get_title(record)
        if not title:
            return None
        body = self.get_body(record, names[1:])
        context = str(self.get_context(record))
        dates = [term for terms in self.date_forms(record) for term in terms]
        searched = [title, context, body, *dates, *self.get_keywords(record)]
        searched += western_dates_in(f"{title}\n{body}")
        return Document(
            language=language,
            title=title[:300],
            context=context[:300],
            body=body,
            url=self.get_url(record),
            anchor=self.get_anchor(record),
            search_text=fold("\n".join(searched)),
            title_text=f"{fold(title)}{TITLE_END}{fold(context)}",
        )


def languages() -> list[str]:
    """The languages the index has rows for: the site's, then those any index declares."""
    found = [code for code, _ in settings.LANGUAGES]
    for index in site.indexes():
        found += [code for code in index.language_fields if code not in found]
    return found


class SearchSite:
    """The registry: the sections and the ``SearchIndex`` of every searchable model."""

    def __init__(self):
        self._indexes: dict[type[models.Model], SearchIndex] = {}
        self._sections: dict[str, Section] = {}

    def add_section(self, section: Section) -> Section:
        self._sections[section.key] = section
        return section

    def register(self, model):
        """Class decorator: ``@site.register(Model)`` over a ``SearchIndex`` subclass."""

        def wrap(index_class):
            self._indexes[model] = index_class(model)
            return index_class

        return wrap

    def dependents_of(self, model) -> list[tuple[type[models.Model], str]]:
        """``(child model, foreign key name)`` of the records whose rows show ``model``'s text.

        The index's declared ``dependents``, and every registered model whose declared
        paths (``city__name``) or ``select_related`` go through a foreign key to ``model``.
        """
        found = []
        index = self._indexes.get(model)
        for name in index.dependents if index else ():
            relation = model._meta.get_field(name)
            found.append((relation.related_model, relation.field.name))
        for child, child_index in self._indexes.items():
            paths = (child_index.title_field, *child_index.context_fields, *child_index.fields)
            first = {path.split("__")[0] for path in paths if "__" in path}
            first |= {path.split("__")[0] for path in child_index.select_related}
            for name in sorted(first):
                field = child._meta.get_field(name)
                if field.many_to_one and field.related_model is model and (child, field.name) not in found:
                    found.append((child, field.name))
        return found

    def index_for(self, model) -> SearchIndex | None:
        return self._indexes.get(model)

    def indexes(self) -> list[SearchIndex]:
        return list(self._indexes.values())

    def sections(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda section: section.order)

    def section(self, key: str) -> Section | None:
        return self._sections.get(key)


site = SearchSite()
