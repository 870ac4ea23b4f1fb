"""``/search/?q=…``: the site search page."""
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.urls import reverse_lazy
from django.views.generic import ListView

from core.views import SectionPageMixin

from .models import SearchEntry
from .query import SearchQuery, nearest_spellings
from .registry import languages, site


class SearchView(SectionPageMixin, ListView):
    """Results of a query over every public record, best first, grouped by section per page.

    ``q`` is the query, ``section`` narrows it to one section. The number of queries is
    the same whatever the number of records: the count per section (which gives the
    total) and the page, or, when nothing is found, one for the nearest spellings.
    """

    template_name = "search/results.html"
    crumbs = [(_("サイト内検索"), reverse_lazy("search:results"))]

    def language(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        return language if language in languages() else settings.LANGUAGE_CODE

    def matches(self):
        if not self.query.searchable:
            return SearchEntry.objects.none()
        return SearchEntry.objects.in_language(self.language()).matching(self.query.terms)

    def get(self, request, *args, **kwargs):
        self.query = SearchQuery.parse(request.GET.get("q", ""))
        self.section = site.section(request.GET.get("section", ""))
        # The count per section, in one query: the sections' links and the total.
        self.counts = self.matches().section_counts() if self.query.searchable else {}
        return super().get(request, *args, **kwargs)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # Known from the counts: no second pass over the matches to count them.
        paginator.count = self.counts.get(self.section.key, 0) if self.section else sum(self.counts.values())
        return paginator

    def get_queryset(self):
        entries = SearchEntry.objects.in_language(self.language())
        if self.section is not None:
            entries = entries.filter(section=self.section.key)
        return entries.search(self.query).for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.counts
        suggestions = []
        if self.query.searchable and not counts:
            candidates = SearchEntry.objects.in_language(self.language()).titles_near(self.query.terms)
            suggestions = nearest_spellings(self.query, candidates)
        context.update(
            query=self.query,
            terms=self.query.terms,
            current_section=self.section,
            section_counts=[(section, counts[section.key]) for section in site.sections() if section.key in counts],
            groups=group_by_section(context["object_list"]),
            suggestions=suggestions,
            sections=site.sections(),
        )
        return context


def group_by_section(entries):
    """``[(section, [entries])]`` in the order the sections first appear among ``entries``."""
    groups = {}
    for entry in entries:
        groups.setdefault(entry.section, []).append(entry)
    return [(site.section(key) or key, items) for key, items in groups.items()]
