"""The portal's home page, what every public page of a section shares, and error pages."""
import hashlib
import sys

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.views import defaults
from django.views.generic import TemplateView

from core import pagecache
from core.database import BUSY_MESSAGE, RETRY_AFTER_SECONDS, is_busy_error


class ReadOnlyPageMixin:
    """A public page: it only reads, so it runs outside a transaction (``ATOMIC_REQUESTS``).

    On SQLite a transaction takes the write lock when it begins (the settings' immediate
    transactions); a page that only reads must not queue behind an import for it. In WAL
    mode its queries read the last committed data while a writer works.

    ``page_cache``: anonymous requests are answered from the pages' cache
    (``core.middleware.PublicPageCacheMiddleware``) until content changes.
    """

    page_cache = True

    @classmethod
    def as_view(cls, *args, **initkwargs):
        # *args: a REST framework viewset's as_view takes its actions first.
        view = transaction.non_atomic_requests(super().as_view(*args, **initkwargs))
        view.page_cache = cls.page_cache
        return view


class HomeView(ReadOnlyPageMixin, TemplateView):
    """Home page (``/``): one entry per section of the 市政概要 chapter."""

    template_name = "home.html"


def query_key(rows):
    """A key naming what queryset ``rows`` reads (its SQL and parameters); None when it
    reads nothing (``none()``: a filter that keeps no row)."""
    try:
        sql = repr(rows.query.sql_with_params())
    except EmptyResultSet:
        return None
    return hashlib.md5(sql.encode(), usedforsecurity=False).hexdigest()


def remembered_count(rows):
    """How many rows ``rows`` has: a queryset's ``COUNT(*)`` once per content version and
    query (``pagecache.remembered``), not on every request.

    A count reads every row the filter keeps (100,000 activities: the whole table); the
    same list asked again, on another page or by another citizen, reuses it until content
    changes. A list (not a queryset) is counted by ``len``.
    """
    if not isinstance(rows, QuerySet):
        return len(rows)
    key = query_key(rows)
    return 0 if key is None else pagecache.remembered(f"list-count:{key}", rows.count)


class BoundedPaginator(Paginator):
    """A paginator whose pages stop at ``settings.PORTAL_MAX_PAGES`` and whose count is
    remembered per content version (``remembered_count``).

    A page far down a long list costs the database every row before it (``OFFSET``), so a
    list of many thousand rows would get slower with every page; within the bound the last
    page reads at most ``PORTAL_MAX_PAGES`` × the page size rows through the list's index,
    whatever the table's size. ``truncated`` says that the list has more rows than its
    pages show. A page number past the bound gives the last page shown.
    """

    @cached_property
    def count(self):
        return remembered_count(self.object_list)

    @cached_property
    def num_pages(self):
        return min(Paginator.num_pages.func(self), settings.PORTAL_MAX_PAGES)

    @cached_property
    def truncated(self):
        return Paginator.num_pages.func(self) > settings.PORTAL_MAX_PAGES

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.truncated and _above_one(number):
                return self.num_pages
            raise


class PortalPaginator(BoundedPaginator):
    """A paginator that answers any page number with a page, never an error.

    A page number that is not a whole number (``abc``, ``1e5``) or below 1 gives the first
    page; one past the end gives the last page. A citizen who edits the address bar sees a
    list, not a 404.

    At most ``settings.PORTAL_MAX_PAGES`` pages are shown and the count is remembered
    (``BoundedPaginator``): the first and the last page cost the same at 100,000 rows as
    with the document's 65. The page then says that the list has more rows and points to
    the filters and the downloads, which give every row.
    """

    def get_page(self, number):
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages if _above_one(number) else 1
        return self.page(number)


def _above_one(number):
    try:
        return int(number) > 1
    except (TypeError, ValueError):
        return False


class SectionPageMixin(ReadOnlyPageMixin):
    """Base of every public page of a section: breadcrumbs and the portal's pagination.

    Read-only: no transaction (``ReadOnlyPageMixin``).

    Breadcrumbs: ``crumbs`` lists the (label, url) pairs after ホーム, the current page
    last (shown, not linked). A page whose crumbs depend on the record it shows overrides
    ``get_crumbs``. The context gets the pairs as ``crumbs``, which the section templates
    pass to ``templates/includes/breadcrumbs.html``.

    Title: a filtered or paged list names its filter values and page in ``title_detail``
    (``(年度: 平成27年度(2015年度)、2ページ目)``), which its ``title`` block appends, so
    every filtered or paged list has a title of its own.

    Pagination (list views): ``settings.PORTAL_PAGE_SIZE`` rows a page, read per request;
    ``paginated = False`` shows every row on one page. Any page number gives a page
    (``PortalPaginator``), never a 404, and page links keep the current filter through
    Django's ``{% querystring %}`` tag (``templates/includes/pagination.html``).
    """

    crumbs = ()
    paginated = True
    paginator_class = PortalPaginator

    def get_crumbs(self):
        """Return the breadcrumbs as (label, url) pairs, the current page last."""
        return [(label, str(url)) for label, url in self.crumbs]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(crumbs=self.get_crumbs(), **kwargs)
        context["title_detail"] = title_detail(context.get("filter"), context.get("page_obj"))
        return context

    def get_paginate_by(self, queryset):
        return settings.PORTAL_PAGE_SIZE if self.paginated else None

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


def title_detail(filterset=None, page=None):
    """What sets a filtered or paged list apart, for its ``<title>``: ``(都市: 桂林市、2ページ目)``.

    Each filter field with a value gives 「label: value」 (the choice's label, not the value
    in the address); an invalid filter gives 「絞り込みの条件に誤りがあります」; a list of
    several pages gives the page number. Empty for the unfiltered first page of one page.
    """
    parts = []
    form = getattr(filterset, "form", None)
    if form is not None and form.is_bound:
        if form.is_valid():
            parts += [
                gettext("%(label)s: %(value)s")
                % {"label": form.fields[name].label, "value": _choice_label(form.fields[name], value)}
                for name, value in form.cleaned_data.items()
                if value not in (None, "")
            ]
        else:
            parts.append(gettext("絞り込みの条件に誤りがあります"))
    if page is not None and page.has_other_pages():
        parts.append(gettext("%(number)sページ目") % {"number": page.number})
    return gettext("(%(details)s)") % {"details": gettext("、").join(parts)} if parts else ""


def _choice_label(field, value):
    # A yes/no filter; a model choice (its str); a plain choice, by the label of its value.
    if isinstance(value, bool):
        return gettext("はい") if value else gettext("いいえ")
    if hasattr(field, "queryset"):
        return str(value)
    choices = getattr(field, "choices", None) or getattr(field.widget, "choices", ())
    labels = {str(key): label for key, label in choices}
    return labels.get(str(value), str(value))


class NotFoundWithReason(Http404):
    """A 404 whose message tells the citizen why (in the page's language): the 404 page shows it.

    Other 404s keep their message to themselves (Django's own are English and name models).
    """


def page_not_found(request, exception):
    """The 404 handler: ``404.html``, with the reason of a ``NotFoundWithReason``."""
    reason = exception.args[0] if isinstance(exception, NotFoundWithReason) and exception.args else ""
    return render(request, "404.html", {"reason": reason}, status=404)


def unavailable(request, template):
    """A Japanese 503 page from ``template`` asking to come back later (``Retry-After``).

    The templates read nothing from the database: it is what is unavailable.
    """
    response = render(request, template, {"busy_message": BUSY_MESSAGE}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """The 500 handler: Django's (``500.html``), except for a busy database.

    A lock that outlasted the busy timeout outside a view (a session saved after it) is
    not a server fault: it answers the 503 page of ``core.middleware.DatabaseBusyMiddleware``.
    Django calls this handler while it handles the exception, so ``sys.exc_info()`` holds it.
    """
    if is_busy_error(sys.exc_info()[1]):
        return unavailable(request, "503.html")
    return defaults.server_error(request)
