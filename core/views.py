"""The portal's home page and the pagination every public list shares."""
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.views.generic import TemplateView


class HomeView(TemplateView):
    """Home page (``/``): one entry per section of the 市政概要 chapter."""

    template_name = "home.html"


class PortalPaginator(Paginator):
    """A paginator that answers any page number with a page, never an error.

    A page number that is not a whole number (``abc``, ``1e5``) or below 1 gives the first
    page; one past the end gives the last page. A citizen who edits the address bar sees a
    list, not a 404.
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


class ForgivingPaginationMixin:
    """For list views: paginate with ``PortalPaginator`` instead of answering 404.

    Page links keep the current filter through Django's ``{% querystring %}`` tag
    (``templates/includes/pagination.html``).
    """

    paginator_class = PortalPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
